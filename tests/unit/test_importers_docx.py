"""Word .docx: paragraphs and tables in order, bold and "Naam:" labels, core properties, refusals."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import docx_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from import_invariants import check_parsed  # noqa: E402

IMPORT = FIXTURES / "import"


def test_bold_labels_with_and_without_colon():
    doc = docx_source.parse(IMPORT / "bold_labels.docx")
    check_parsed(doc)
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Hoe ziet de samenwerking eruit?",
        "Er is een stuurgroep met alle besturen. We vergaderen maandelijks.",
        "En werkt dat?",
        "Soms. Niet altijd.",
    ]


def test_core_properties_title_and_created_are_attributes_but_not_the_author():
    doc = docx_source.parse(IMPORT / "bold_labels.docx")
    assert doc.attributes == {"title": "Interview regio R07", "created": "2023-11-20"}
    assert "Transcribent" not in repr(doc)


def test_a_files_template_date_is_no_created_date(tmp_path):
    """A transcript written in 2024 with python-docx said "created 2013-12-23": its template's date,
    which also dated the interview where the file gave no date of its own."""
    import docx
    d = docx.Document()
    d.add_paragraph("Interviewer: Hoe gaat het?")
    d.add_paragraph("Ans: Goed.")
    d.save(tmp_path / "t.docx")
    assert "created" not in docx_source.parse(tmp_path / "t.docx").attributes


def test_a_file_whose_properties_python_docx_does_not_find_has_no_made_up_title_or_date(tmp_path):
    """A transcript a colleague converted with LibreOffice came in titled "Word Document" (and the title is in
    the grid and the codings export): the library's defaults for a file whose properties it did not find."""
    import re
    source = IMPORT / "bold_labels.docx"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(tmp_path / "t.docx", "w") as out:
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename == "_rels/.rels":  # the properties are there, linked in a way the library misses
                data = re.sub(rb'<Relationship [^>]*metadata/core-properties"[^>]*/>', b"", data)
            out.writestr(item, data)
    doc = docx_source.parse(tmp_path / "t.docx")
    assert "title" not in doc.attributes and "created" not in doc.attributes, doc.attributes
    assert [t.speaker for t in doc.turns][:2] == ["Interviewer", "Respondent"]


def test_name_prefixes_and_table_text_in_document_order():
    doc = docx_source.parse(IMPORT / "prefix_table.docx")
    check_parsed(doc)
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Els", "Interviewer", "Els"]
    els = doc.text[doc.turns[1].start:doc.turns[1].end]
    assert els.split("\n\n") == ["Dat staat in dit overzicht.", "School | Leerlingen", "Het Baken | 640",
                                 "De Rede | 1.210"]
    assert doc.text.index("De Rede") < doc.text.index("bekostiging")


def _docx_bytes(build) -> bytes:
    import docx
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_merged_table_cells_are_not_repeated(tmp_path):
    def build(d):
        t = d.add_table(rows=2, cols=3)
        t.cell(0, 0).merge(t.cell(0, 2)).text = "Kop over drie kolommen"
        t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "a", "b", "c"
    f = tmp_path / "merged.docx"
    f.write_bytes(_docx_bytes(build))
    doc = docx_source.parse(f)
    assert doc.text == "Kop over drie kolommen\n\na | b | c"


def test_empty_document_is_refused(tmp_path):
    f = tmp_path / "leeg.docx"
    f.write_bytes(_docx_bytes(lambda d: d.add_paragraph("   ")))
    with pytest.raises(ImportRefused, match="no text"):
        docx_source.parse(f)


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path):
    f = tmp_path / "geen-word.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hallo.txt", "geen word")
    f.write_bytes(buf.getvalue())
    with pytest.raises(ImportRefused, match=r"a ZIP archive with no Word document in it \(hallo.txt\)"):
        docx_source.parse(f)


@pytest.mark.parametrize("head, what", [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"%PDF-1.7\n", "a PDF"),
                                        (b"\xff\xd8\xff\xe0", "a JPEG image")])
def test_another_kind_of_file_under_a_docx_name_is_said_to_be_that(tmp_path, head, what):
    """A picture renamed .docx was "corrupt Word document (not a valid ZIP package) (open and
    re-save it in Word)": no re-saving helps what is no Word document at all."""
    f = tmp_path / "plaatje.docx"
    f.write_bytes(head + b"x" * 64)
    with pytest.raises(ImportRefused, match=f"plaatje.docx: {what} with a .docx name, not a Word document"):
        docx_source.parse(f)


def test_a_dtd_inside_the_package_is_refused(tmp_path):
    src = io.BytesIO(_docx_bytes(lambda d: d.add_paragraph("I: hallo")))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x "boem">]>', 1)
            zout.writestr(info, body)
    f = tmp_path / "dtd.docx"
    f.write_bytes(out.getvalue())
    with pytest.raises(ImportRefused, match="declares a DTD"):
        docx_source.parse(f)


def _with_header(d, speakers: bool = True):
    d.add_paragraph("Stuurgroepinterview regio R16", style="Title")
    t = d.add_table(rows=3, cols=2)
    for row, (k, v) in zip(t.rows, [("Regio", "R16"), ("Datum", "2023-11-23"), ("Stuurgroep", "drie besturen")]):
        row.cells[0].text, row.cells[1].text = k, v
    if speakers:
        d.add_paragraph("Interviewer: Zullen we beginnen?")
        d.add_paragraph("Wim: Ja, zal ik maar.")
        d.add_paragraph("Overzicht", style="Heading 2")  # a heading inside the transcript: its own turn
        t = d.add_table(rows=1, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Het Baken", "640"
    else:
        d.add_paragraph("Aantekeningen bij het gesprek.")


def test_a_header_table_before_the_first_turn_is_attributes_not_text(tmp_path):
    """A Word transcript that opens with its title and a "Regio | R16" table had those as three
    codable sentences without a speaker; they are the document's attributes, as a text file's
    front matter is (Dutch header words as its keys), and the transcript opens with its first turn."""
    f = tmp_path / "R16.docx"
    f.write_bytes(_docx_bytes(_with_header))
    doc = docx_source.parse(f)
    assert doc.attributes["title"] == "Stuurgroepinterview regio R16"
    assert {k: doc.attributes[k] for k in ("region", "date", "stuurgroep")} == \
        {"region": "R16", "date": "2023-11-23", "stuurgroep": "drie besturen"}
    assert doc.text.startswith("Zullen we beginnen?") and [t.speaker for t in doc.turns] == ["Interviewer", "Wim", None]
    assert doc.text.endswith("Overzicht\n\nHet Baken | 640")  # text still, but no longer Wim's words


def test_header_paragraphs_before_the_first_turn_are_attributes_as_in_a_text_file(tmp_path):
    """"Datum: 5 december 2023" as a paragraph under the title (not a table) was a turn without a
    speaker, codable, and the interview had no date; the same line in a .txt is read as the date."""
    def write(d):
        d.add_heading("Interview Oostkamp", 1)
        for line in ("Datum: 5 december 2023", "Regio: W02", "Interviewer: Hoe gaat het?", "Ahmed: Goed.",
                     "Datum: dat weet ik niet meer."):
            d.add_paragraph(line)
    f = tmp_path / "W02.docx"
    f.write_bytes(_docx_bytes(write))
    doc = docx_source.parse(f)
    assert {k: doc.attributes.get(k) for k in ("date", "region")} == {"date": "2023-12-05", "region": "W02"}
    assert doc.text.startswith("Hoe gaat het?") and [t.speaker for t in doc.turns][:2] == ["Interviewer", "Ahmed"]


def test_a_title_in_the_normal_style_above_the_header_paragraphs_is_the_title_and_the_header_is_read(tmp_path):
    """A typist's title, date and participants as three Normal paragraphs: all three were the first
    turn, without a speaker and codable, the participants' names with them; the interview had no
    date and its speakers no role, while the same lines in a .txt (or the title in a Heading style)
    were read as its header."""
    doc = _parsed(tmp_path, lambda d: [d.add_paragraph(line) for line in (
        "Interview stuurgroep STO regio Bergland", "Datum: 18 april 2024",
        "Aanwezig: Anouk Smit (penvoerder), Ruud Hendriks (bedrijfsleven), interviewer",
        "Interviewer: Wat maakt techniekonderwijs urgent in Bergland?", "Anouk: In het begin niet zo.")])
    assert {k: doc.attributes.get(k) for k in ("title", "date")} == {
        "title": "Interview stuurgroep STO regio Bergland", "date": "2024-04-18"}
    assert doc.attributes["aanwezig"].startswith("Anouk Smit (penvoerder)")
    assert _said(doc) == [("Interviewer", "Wat maakt techniekonderwijs urgent in Bergland?"),
                          ("Anouk", "In het begin niet zo.")]
    # a first paragraph that is no title of a header stays the transcript's
    plain = _parsed(tmp_path, lambda d: [d.add_paragraph(line) for line in (
        "We beginnen zo.", "Interviewer: Wat maakt het urgent?", "Anouk: Het geld.")])
    assert plain.text.startswith("We beginnen zo.") and "title" not in plain.attributes


def test_a_header_in_a_document_without_speakers_stays_its_text(tmp_path):
    f = tmp_path / "notities.docx"
    f.write_bytes(_docx_bytes(lambda d: _with_header(d, speakers=False)))
    doc = docx_source.parse(f)
    assert doc.text.startswith("Stuurgroepinterview regio R16\n\nRegio | R16\n\nDatum | 2023-11-23")
    assert "region" not in doc.attributes


def test_text_word_keeps_in_tracked_changes_content_controls_fields_and_nested_tables(tmp_path):
    """A transcript corrected with Track Changes lost its insertions ("Het is . We doen het
    samen."), and text in a content control, a smart tag, a simple field or a table inside a table
    was left out, unsaid: a turn whose words sat only there vanished. Deleted and moved-away text
    stays out, as Word shows the document."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def wrap(parent, kind: str, text: str, **attrs):
        el = OxmlElement(kind)
        for k, v in attrs.items():
            el.set(qn(k), v)
        inner = OxmlElement("w:sdtContent") if kind == "w:sdt" else el
        if inner is not el:
            el.append(inner)
        r, t = OxmlElement("w:r"), OxmlElement("w:delText" if kind == "w:del" else "w:t")
        t.text = text
        r.append(t)
        inner.append(r)
        parent.append(el)

    def build(d):
        def turn(label, *parts):
            p = d.add_paragraph()
            p.add_run(label + ": ").bold = True
            for kind, text in parts:
                if kind == "run":
                    p.add_run(text)
                else:
                    wrap(p._p, kind, text, **({"w:id": "1", "w:author": "Jan", "w:date": "2024-01-01T00:00:00Z"}
                                               if kind in ("w:ins", "w:del") else {}))
            return p
        turn("Interviewer", ("run", "Wat vindt u van STO?"))
        turn("Wim", ("run", "Het is "), ("w:ins", "echt nuttig"), ("w:del", "niet"), ("run", ". We doen het samen."))
        turn("Ans", ("w:sdt", "Een antwoord in een invulveld"), ("w:smartTag", " bij het mbo"),
             ("w:fldSimple", " op pagina 3."))
        cell = d.add_table(rows=1, cols=1).rows[0].cells[0]
        cell.text = "Buiten"
        cell.add_table(rows=1, cols=2).rows[0].cells[0].text = "Binnen A"
        block = OxmlElement("w:sdt")
        content = OxmlElement("w:sdtContent")
        block.append(content)
        d.element.body.insert(len(d.element.body) - 1, block)
        p = d.add_paragraph()
        content.append(p._p)  # a paragraph in a content control around whole paragraphs
        p.add_run("Kees: ").bold = True
        p.add_run("Mijn hele antwoord staat in een blok.")
        turn("Interviewer", ("run", "Dank u."))

    f = tmp_path / "R21.docx"
    f.write_bytes(_docx_bytes(build))
    doc = docx_source.parse(f)
    said = {t.speaker: doc.text[t.start:t.end] for t in doc.turns if t.speaker != "Interviewer"}
    assert said["Wim"] == "Het is echt nuttig. We doen het samen.", said  # ("niet" was deleted)
    # the table after Ans's paragraph is in her turn, the nested table's text too
    assert said["Ans"] == "Een antwoord in een invulveld bij het mbo op pagina 3.\n\nBuiten\nBinnen A", said
    assert said["Kees"] == "Mijn hele antwoord staat in een blok.", said


_TURNS = [("Interviewer", "Goedemiddag. Wat is voor jullie de grootste urgentie?"),
          ("Kees Jansen", "Het tekort aan technische docenten. Dat merken alle scholen."),
          ("Interviewer", "En hoe zit het met vmbo in the lead?"),
          ("Kees Jansen", "Op papier zijn wij in the lead. Maar het mbo heeft het geld.")]


def _parsed(tmp_path, build):
    f = tmp_path / "t.docx"
    f.write_bytes(_docx_bytes(build))
    doc = docx_source.parse(f)
    check_parsed(doc)
    return doc


def _said(doc) -> list[tuple[str | None, str]]:
    return [(t.speaker, doc.text[t.start:t.end]) for t in doc.turns]


def test_a_name_alone_in_bold_above_the_words_is_their_speaker(tmp_path):
    """A transcript with each speaker's name in bold on a line of its own, her words below: it
    was one turn ("no speaker labels recognised"), the names part of the text."""
    def build(d):
        for who, said in _TURNS:
            d.add_paragraph().add_run(who).bold = True
            d.add_paragraph(said)
    doc = _parsed(tmp_path, build)
    assert _said(doc) == _TURNS and not doc.warnings


def _bold_first(tmp_path, first: str, lines: list[str]):
    def build(d):
        d.add_paragraph().add_run(first).bold = True
        for line in lines:
            d.add_paragraph(line)
    return _parsed(tmp_path, build)


def test_a_name_alone_in_bold_that_speaks_once_is_a_speaker_too(tmp_path):
    """Ruud's one answer under his bold name was a turn without a speaker, his name in its text; a
    bold heading ("Afsluiting") stays a turn without a speaker."""
    def build(d):
        for who, said in [*_TURNS, ("Ruud", "En de bedrijven trekken ook aan dezelfde mensen."),
                          ("Afsluiting", "De interviewer bedankt de deelnemers.")]:
            d.add_paragraph().add_run(who).bold = True
            d.add_paragraph(said)
    doc = _parsed(tmp_path, build)
    assert _said(doc)[:5] == [*_TURNS, ("Ruud", "En de bedrijven trekken ook aan dezelfde mensen.")]
    assert doc.turns[5].speaker is None and "Ruud" not in doc.text


def test_a_bold_heading_above_a_paragraph_stays_text(tmp_path):
    """A heading set in bold (once) is no speaker: its paragraph keeps it, on a line of its own."""
    doc = _bold_first(tmp_path, "Inleiding", ["Dit gesprek ging over de regio.", "Interviewer: Hoe gaat het?",
                                              "Interviewer: En verder?"])
    assert doc.text.startswith("Inleiding\n\nDit gesprek ging over de regio.")


def test_a_bold_title_line_above_the_conversation_is_the_title(tmp_path):
    """A typist's title line in bold ("Interview stuurgroep STO Rivierenland, 5 februari 2024") was the
    first turn, codable and without a speaker; a Title style's was the title."""
    doc = _bold_first(tmp_path, "Interview stuurgroep STO Rivierenland, 5 februari 2024", [
        "Interviewer: Wat heeft STO opgeleverd?", "Marloes: Vooral dat we elkaar kennen.", "Interviewer: En verder?"])
    assert doc.attributes["title"] == "Interview stuurgroep STO Rivierenland, 5 februari 2024"
    assert doc.text.startswith("Wat heeft STO opgeleverd?") and doc.turns[0].speaker == "Interviewer"


def test_a_short_bold_title_above_the_header_is_the_title_and_the_header_is_read(tmp_path):
    """A researcher's "Interview Friesland-Noord" in bold above "Datum: …" and "Aanwezig: …" was read as a speaker,
    and the header under it as her codable turn, the participants' names and all."""
    def build(d):
        d.add_paragraph().add_run("Interview Friesland-Noord").bold = True
        d.add_paragraph("Datum: 17 januari 2024")
        d.add_paragraph("Aanwezig: Sjoerd Hoekstra (bestuurder), Wietske Postma (directeur), interviewer")
        for who, said in _TURNS:
            d.add_paragraph().add_run(who).bold = True
            d.add_paragraph(said)
    doc = _parsed(tmp_path, build)
    assert doc.attributes["title"] == "Interview Friesland-Noord" and doc.attributes["date"] == "2024-01-17"
    assert _said(doc) == _TURNS and "Hoekstra" not in doc.text and "Friesland" not in doc.text


def test_an_answer_under_a_bold_name_that_opens_with_words_and_a_colon_is_said_nothing_of(tmp_path):
    """Under "Jeroen Bakker" in bold, his answer "Ik zou zeggen: in de lead op papier." was warned of as a paragraph
    that "opens like a speaker's turn" whose text "stays in the turn before": it is his turn, rightly."""
    def build(d):
        for who, said in [*_TURNS, ("Kees Jansen", "Ik zou zeggen: in de lead op papier."),
                          ("Interviewer", "En het geld?"),
                          ("Kees Jansen", "Dat was slecht voor het vertrouwen. Partners vroegen: gaat dit door?")]:
            label = d.add_paragraph()  # as a transcription service writes it: "[00:03:48] **Jeroen Bakker**"
            label.add_run("[00:03:48] ")
            label.add_run(who).bold = True
            d.add_paragraph(said)
    doc = _parsed(tmp_path, build)
    assert _said(doc)[-3] == ("Kees Jansen", "Ik zou zeggen: in de lead op papier.")
    assert not [w for w in doc.warnings if "speaker's turn" in w], doc.warnings


def test_a_heading_after_a_speakers_turn_is_not_her_words(tmp_path):
    """"Afsluiting" in bold (or a Heading paragraph) and the transcriber's line under it joined the
    last speaker's turn: the chapter could quote Jan saying "De interviewer bedankt …". They
    are a turn without a speaker; a sentence in bold for emphasis stays the speaker's."""
    def build(d):
        for who, said in _TURNS:
            d.add_paragraph().add_run(who).bold = True
            d.add_paragraph(said)
        d.add_paragraph().add_run("Dat wil ik echt benadrukken.").bold = True  # Kees's, in bold
        d.add_heading("Deel 2: financiering", level=2)  # a colon in it: still no speaker "Deel 2"
        d.add_paragraph("Interviewer: Hoe zeker is het geld na 2027?")
        d.add_paragraph("Kees Jansen: Helemaal niet zeker.")
        d.add_paragraph().add_run("Afsluiting:").bold = True
        d.add_paragraph("De interviewer bedankt de respondenten voor hun tijd.")
    said = _said(_parsed(tmp_path, build))
    assert said[3] == ("Kees Jansen", _TURNS[3][1] + "\n\nDat wil ik echt benadrukken.")
    assert said[4:] == [(None, "Deel 2: financiering"), ("Interviewer", "Hoe zeker is het geld na 2027?"),
                        ("Kees Jansen", "Helemaal niet zeker."),
                        (None, "Afsluiting:\n\nDe interviewer bedankt de respondenten voor hun tijd.")]


def test_a_transcript_laid_out_in_a_table_has_its_speakers(tmp_path):
    """A table of two columns (who, what) or three (time, who, what) is the transcript's turns;
    a header's two-column table of attributes stays the header."""
    def two(d):
        t = d.add_table(rows=0, cols=2)
        for who, said in _TURNS:
            r = t.add_row().cells
            r[0].text, r[1].text = who, said

    def three(d):
        header = d.add_table(rows=0, cols=2)
        for key, value in (("Regio", "R16"), ("Datum", "14 maart 2024")):
            r = header.add_row().cells
            r[0].text, r[1].text = key, value
        d.add_paragraph("")
        t = d.add_table(rows=0, cols=3)
        for i, (who, said) in enumerate(_TURNS):
            r = t.add_row().cells
            r[0].text, r[1].text, r[2].text = f"00:0{i}:10", who, said
    assert _said(_parsed(tmp_path, two)) == _TURNS

    def headed(d):  # the table's head row names its columns: no turn of a speaker "Spreker"
        t = d.add_table(rows=1, cols=3)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text, t.rows[0].cells[2].text = "Tijd", "Spreker", "Tekst"
        for i, (who, said) in enumerate(_TURNS):
            r = t.add_row().cells
            r[0].text, r[1].text, r[2].text = f"0:0{i}", who, said
    assert _said(_parsed(tmp_path, headed)) == _TURNS

    def named(d):  # a head row in other words
        t = d.add_table(rows=1, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Naam", "Wat er gezegd werd"
        for who, said in _TURNS:
            r = t.add_row().cells
            r[0].text, r[1].text = who, said
    assert _said(_parsed(tmp_path, named)) == _TURNS
    doc = _parsed(tmp_path, three)
    assert _said(doc) == _TURNS
    assert [t.time_start for t in doc.turns] == ["00:00:10", "00:01:10", "00:02:10", "00:03:10"]
    assert doc.attributes["region"] == "R16" and doc.attributes["date"] == "2024-03-14"


def test_a_teams_transcript_names_its_speakers_surname_first(tmp_path):
    """Microsoft Teams writes "Jansen, Kees   0:03" above a speaker's words: it was one turn."""
    def build(d):
        for i, (who, said) in enumerate(_TURNS):
            name = {"Interviewer": "Bakker, Sanne", "Kees Jansen": "Jansen, Kees"}[who]
            d.add_paragraph(f"{name}   {i}:03")
            d.add_paragraph(said)
    doc = _parsed(tmp_path, build)
    assert [t.speaker for t in doc.turns] == ["Sanne Bakker", "Kees Jansen"] * 2  # as other transcripts name them
    assert [t.time_start for t in doc.turns] == ["00:00:03", "00:01:03", "00:02:03", "00:03:03"]
    assert doc.text.split("\n\n") == [s for _w, s in _TURNS]


def test_footnotes_and_comments_left_out_are_said(tmp_path):
    """A transcript's footnote ("Voetnoottekst geheim.") was dropped on import without a word."""
    import docx as python_docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    d = python_docx.Document()
    d.add_paragraph("Interviewer: Hoe gaat het met de samenwerking?")
    p = d.add_paragraph("Jan: Goed, we hebben afspraken gemaakt met het mbo.")
    for tag in ("w:footnoteReference", "w:footnoteReference", "w:commentReference"):
        run, ref = OxmlElement("w:r"), OxmlElement(tag)
        ref.set(qn("w:id"), "1")
        run.append(ref)
        p._p.append(run)
    d.save(str(tmp_path / "fn.docx"))
    parsed = docx_source.parse(tmp_path / "fn.docx")
    assert "2 footnotes and 1 comment in the document are not imported: only the body text is" in " ".join(
        parsed.warnings), parsed.warnings
    d2 = python_docx.Document()
    d2.add_paragraph("Jan: Zonder voetnoten.")
    d2.save(str(tmp_path / "plain.docx"))
    assert not any("not imported" in w for w in docx_source.parse(tmp_path / "plain.docx").warnings)


def test_a_note_between_the_title_and_the_header_table_belongs_to_the_header(tmp_path):
    """A researcher's Word transcript: a Heading 1 title, a line "Fictief interview, …", then the "Regio | …"
    table: the note ended the header, and the table was the first turn, codable text with pipes, which moved
    every turn's number (`code --turn 2` hit the interviewer's question)."""
    def write(d):
        d.add_heading("Interview Rivierenland", 1)
        d.add_paragraph("Fictief interview, geschreven voor het testen.")
        t = d.add_table(rows=2, cols=2)
        t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Regio", "Rivierenland-Oost"
        t.rows[1].cells[0].text, t.rows[1].cells[1].text = "Datum", "5 december 2023"
        for line in ("Interviewer: Hoe begon het in uw regio?", "Henk: Met een plan van de besturen samen."):
            d.add_paragraph(line)
    doc = _parsed(tmp_path, write)
    assert doc.attributes["note"] == "Fictief interview, geschreven voor het testen."
    assert {k: doc.attributes[k] for k in ("region", "date")} == {"region": "Rivierenland-Oost", "date": "2023-12-05"}
    assert doc.text.startswith("Hoe begon het in uw regio?") and "|" not in doc.text
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Henk"]
    # a paragraph with no table after it is still the transcript's (a typist's first words, unlabelled)
    plain = _parsed(tmp_path, lambda d: [d.add_heading("Interview", 1), d.add_paragraph("Een inleiding."),
                                         d.add_paragraph("Interviewer: Hoe begon het?"), d.add_paragraph("Henk: Zo.")])
    assert "note" not in plain.attributes and "Een inleiding." in plain.text


def test_a_word_transcripts_speakers_the_header_names_are_speakers_though_each_speaks_once(tmp_path):
    """As in a text transcript: three people who each speak once, named by the header, were one speakerless turn
    with the header's "Aanwezig:" line in it as codable text."""
    import docx
    d = docx.Document()
    for line in ("Aanwezig: Jan de Graaf (bestuurder), Kees Bakker (directeur), interviewer Lotte",
                 "Lotte: Hoe staat het met de urgentie?", "Jan de Graaf: Het tekort aan docenten is groot.",
                 "Kees Bakker: Dat zien wij ook."):
        d.add_paragraph(line)
    d.save(tmp_path / "P09.docx")
    doc = docx_source.parse(tmp_path / "P09.docx")
    assert [t.speaker for t in doc.turns] == ["Lotte", "Jan de Graaf", "Kees Bakker"]
    assert "Aanwezig" not in doc.text
