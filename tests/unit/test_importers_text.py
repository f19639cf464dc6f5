"""Plain text and Markdown: encodings, front matter, speaker conventions, refusals."""
from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import decode as dec
from sto_qual.importers import textfile
from sto_qual.importers.registry import parse_file
from sto_qual.importers.speakers import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_import_fixtures as fx  # noqa: E402
from import_invariants import check_parsed  # noqa: E402

IMPORT = FIXTURES / "import"


def test_committed_fixtures_are_what_the_generator_writes():
    for name, data in fx.files().items():
        assert (IMPORT / name).read_bytes() == data, f"{name} is stale: run {fx.__file__}"


@pytest.mark.parametrize("name", sorted(n for n in fx.EXPECTED))
def test_every_fixture_gives_its_speakers_and_keeps_the_offset_invariants(name):
    (doc,) = parse_file(IMPORT / name)
    check_parsed(doc)
    assert [t.speaker for t in doc.turns] == fx.EXPECTED[name]


@pytest.mark.parametrize("name", ["utf8.txt", "utf8_bom.txt", "utf16le.txt", "utf16be.txt", "cp1252.txt"])
def test_encodings_decode_without_mojibake(name):
    (doc,) = parse_file(IMPORT / name)
    bodies = [doc.text[t.start:t.end] for t in doc.turns]
    assert bodies == [text for _, text in fx.QUOTE_BODY]
    for ch in "“”’éëïöçè":
        if ch in "".join(t for _, t in fx.QUOTE_BODY):
            assert ch in doc.text
    assert "Ã" not in doc.text and "â€" not in doc.text and "\ufeff" not in doc.text and "\r" not in doc.text


def test_all_encodings_give_the_same_text():
    texts = {parse_file(IMPORT / n)[0].text for n in
             ("utf8.txt", "utf8_bom.txt", "utf16le.txt", "utf16be.txt", "cp1252.txt")}
    assert len(texts) == 1


def test_front_matter_becomes_attributes_and_leaves_the_text():
    (doc,) = parse_file(IMPORT / "front_matter.md")
    assert doc.format == "markdown"
    assert doc.attributes["region"] == "R05"
    assert doc.attributes["region_type"] == "krimp"
    assert str(doc.attributes["date"]) == "2023-11-14"
    assert doc.attributes["roles"] == ["penvoerder", "bestuurder"]
    assert "---" not in doc.text and "region" not in doc.text
    assert doc.text.startswith("Interview regio R05")  # a heading without its hash


@pytest.mark.parametrize("name, times", [
    ("speakers_bracket.txt", ["00:12:34", "00:12:58", "00:13:20"]),
    ("speakers_paren.txt", ["00:01:05", "00:01:12", "00:01:30"]),
])
def test_timestamps_are_kept_on_the_turn_not_in_the_text(name, times):
    (doc,) = parse_file(IMPORT / name)
    assert [t.time_start for t in doc.turns] == times
    for t in times:
        assert t not in doc.text
    assert "[" not in doc.text and "(" not in doc.text


def test_name_and_time_on_their_own_line_start_a_turn_with_the_text_below():
    (doc,) = parse_file(IMPORT / "speakers_timeline.txt")
    first = doc.text[doc.turns[0].start:doc.turns[0].end]
    assert first == "Kunt u iets vertellen over de samenwerking?\nMet de andere scholen bedoel ik."
    assert [t.time_start for t in doc.turns] == ["00:00:12", "00:00:45", "00:01:30"]
    assert "00:45" not in doc.text


@pytest.mark.parametrize("layout", [
    "{name}  {time}\n{said}",  # Otter
    "[{name}] {time}\n{said}",  # Zoom's saved transcript
    "[{name}] {time} {said}",
    "{surname_first}   {time}\n{said}",  # Teams
    # a time in brackets after the name or before it, above her words, and a time without brackets before
    # a label: one turn of the transcript's text with the timestamps and names in it, or every line text
    "{name} [{time}]\n{said}",
    "[{time}] {name}\n{said}",
    "{time} {name}: {said}",
])
def test_the_layouts_of_transcription_services_give_each_speaker_her_words(layout):
    """A name with "el" in it (Fatima el Amrani) was no speaker, her words the turn before's
    without a warning; "[Kees Jansen] 10:03:12" and "Jansen, Kees   0:03" were no speakers at all.
    A name written surname first is the speaker's name as every other transcript writes it, so the
    role map's "Kees Jansen" finds her."""
    turns = [("Kees Jansen", "Jansen, Kees", "10:03:12", "Goedemiddag, we beginnen met de stand van zaken."),
             ("Fatima el Amrani", "el Amrani, Fatima", "10:03:40", "Wij hebben twee nieuwe docenten gevonden."),
             ("Kees Jansen", "Jansen, Kees", "10:04:55", "En hoe zeker is de financiering?")]
    text, specs, warnings = split_turns("\n\n".join(layout.format(name=n, surname_first=s, time=t, said=w)
                                                    for n, s, t, w in turns))
    assert [(t.speaker, t.time_start, text[t.start:t.end]) for t in specs] == [
        (n, t, w) for n, _s, t, w in turns] and not warnings


def test_a_short_answer_after_a_time_on_its_own_line_is_no_speaker():
    """"[00:01:05] Goed" alone on its line is an answer unless the transcript writes a speaker so
    more than once; "[00:01:05] Goed." with its full stop is always text."""
    text, turns, _ = split_turns("Interviewer: Gaat het?\n\n[00:01:05] Goed\n\nInterviewer: En verder?\n\n"
                                 "[00:01:09] Prima.")
    assert [t.speaker for t in turns] == ["Interviewer", "Interviewer"]
    assert text[turns[0].start:turns[0].end].endswith("[00:01:05] Goed")
    # in a transcript that writes its speakers so, a line with no words below it before the next speaker's is
    # an answer too: read as a speaker, it was an empty turn, dropped with its word
    text, turns, _ = split_turns("[00:00:01] Interviewer\nHoe gaat het?\n\n[00:00:05] Goed\n\n[00:00:09] Interviewer\n"
                                 "En verder?\n\n[00:00:12] Fatma\nPrima.")
    assert [(t.speaker, text[t.start:t.end]) for t in turns] == [
        ("Interviewer", "Hoe gaat het?\n\n[00:00:05] Goed"), ("Interviewer", "En verder?"), ("Fatma", "Prima.")]


def test_after_a_time_in_brackets_a_label_in_lower_case_is_a_speaker():
    """A subtitle file's voice written in lower case (``<v ans>``) comes back from a .qdpx export
    as "[00:00:06] ans: …"; without the time "ans:" stays text (a sentence with a colon)."""
    text, turns, _ = split_turns("[00:00:01] Femke: Wie begint?\n\n[00:00:06] ans: Ik begin wel.\n\n"
                                 "[00:00:09] Femke: Goed.\n\nzo: dat was het")
    assert [(t.speaker, t.time_start) for t in turns] == [("Femke", "00:00:01"), ("ans", "00:00:06"),
                                                          ("Femke", "00:00:09")]
    assert text[turns[1].start:turns[1].end] == "Ik begin wel."
    assert text.endswith("Goed.\n\nzo: dat was het")


def test_two_people_who_speak_at_once_are_one_label():
    text, turns, _ = split_turns("Interviewer: Wie begint?\nAns & Piet: Wij samen.\nInterviewer: En dan?\n"
                                 "Kees / Bram: Wij ook.")
    assert [t.speaker for t in turns] == ["Interviewer", "Ans & Piet", "Interviewer", "Kees / Bram"]
    assert text[turns[1].start:turns[1].end] == "Wij samen."


def test_no_speakers_is_one_turn_with_a_warning():
    (doc,) = parse_file(IMPORT / "no_speakers.txt")
    assert len(doc.turns) == 1 and doc.turns[0].speaker is None
    assert (doc.turns[0].start, doc.turns[0].end) == (0, len(doc.text))
    assert any("no speaker" in w for w in doc.warnings)
    # a colon inside a sentence is not a speaker label
    assert "De regio werkt aan een gezamenlijk plan: dat is nog niet af." in doc.text


def test_an_ordinary_sentence_with_a_colon_is_not_a_speaker():
    text, turns, _ = split_turns("Interviewer: Wat vindt u?\nRespondent: Het volgende: geld.\n"
                                 "Interviewer: En?\nRespondent: Niets.")
    assert [t.speaker for t in turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    assert text[turns[1].start:turns[1].end] == "Het volgende: geld."


def test_text_before_the_first_label_is_a_turn_without_speaker():
    text, turns, _ = split_turns("Interview 3 maart\nI: Vraag?\nR: Antwoord.")
    assert [t.speaker for t in turns] == [None, "I", "R"]
    assert text[turns[0].start:turns[0].end] == "Interview 3 maart"


def test_a_speaker_label_in_another_case_is_the_same_speaker():
    """"ANS: Dat gaat steeds beter" among "Ans:" turns was taken for text: Ans's answer joined
    the interviewer's question before it, and a question is never quoted."""
    text, turns, _ = split_turns("Interviewer: Hoe werkt de stuurgroep?\nAns: Goed.\nInterviewer: En verder?\n"
                                 "ANS: Dat gaat steeds beter.\nInterviewer: Mooi.\nans: ja hoor.\n"
                                 "Interviewer: Noteer dit. NB: een noot.")
    assert [(t.speaker, text[t.start:t.end]) for t in turns] == [
        ("Interviewer", "Hoe werkt de stuurgroep?"), ("Ans", "Goed."), ("Interviewer", "En verder?"),
        ("Ans", "Dat gaat steeds beter."), ("Interviewer", "Mooi."), ("Ans", "ja hoor."),
        ("Interviewer", "Noteer dit. NB: een noot.")]
    # a word in capitals that is no speaker's stays text, as before
    text, turns, _ = split_turns("Interviewer: Vraag?\nAns: Antwoord.\nLET OP: dit hoort bij Ans.\nInterviewer: Ja.")
    assert [t.speaker for t in turns] == ["Interviewer", "Ans", "Interviewer"]


def test_a_header_above_the_first_turn_becomes_attributes(tmp_path):
    """"Datum: 14 maart 2024" and "Aanwezig: …" above the first turn were a turn without a speaker
    (codable text) and "Aanwezig" was taken for a speaker; they are the document's attributes now,
    as a Word transcript's header table and a text file's front matter are."""
    f = tmp_path / "W01.txt"
    f.write_text("Regio: Westmarke\nDatum: 14 maart 2024\nAanwezig: interviewer, penvoerder (Ans)\n\n"
                 "Interviewer: Hoe werkt de stuurgroep?\nAns: Goed, elke maand.\nInterviewer: En verder?\n"
                 "Ans: Beter.\n", encoding="utf-8")
    doc = textfile.parse(f)
    # the date as front matter gives it, so interviews sort by it ("12 maart 2024" as text came
    # before every interview of 2023 in `saturation`)
    assert doc.attributes == {"region": "Westmarke", "date": "2024-03-14",
                              "aanwezig": "interviewer, penvoerder (Ans)"}
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Ans", "Interviewer", "Ans"]
    assert doc.text.startswith("Hoe werkt de stuurgroep?")
    # front matter wins over a header line; a file without turns keeps its lines as text
    f.write_text("---\nregion: Oost\n---\nRegio: West\n\nInterviewer: Vraag?\nAns: Ja.\nAns: Nee.\n",
                 encoding="utf-8")
    assert textfile.parse(f).attributes == {"region": "Oost"}
    f.write_text("Datum: 14 maart 2024\n\nEen verslag zonder sprekers.\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert doc.attributes == {} and doc.text.startswith("Datum: 14 maart 2024")


def test_a_title_or_note_above_the_header_is_the_title_and_the_header_still_attributes(tmp_path):
    """A note line above the header ("Fictief interview, …" then "Regio:", "Aanwezig: Gerrit
    Wolters …") made the whole header a codable turn without a speaker: the names in it were
    text to code and quote, and no warning said so. The line is the title, as a Word title is."""
    f = tmp_path / "R1.txt"
    f.write_text("Fictief interview, gemaakt voor de training.\nRegio: Veenmond\nDatum: 12 maart 2024\n"
                 "Aanwezig: Gerrit Wolters (directeur vmbo)\n\nInterviewer: Hoe begon het?\n"
                 "Gerrit: Met krimp.\nInterviewer: En nu?\nGerrit: Beter.\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert doc.attributes == {"title": "Fictief interview, gemaakt voor de training.", "region": "Veenmond",
                              "date": "2024-03-12", "aanwezig": "Gerrit Wolters (directeur vmbo)"}
    assert doc.text.startswith("Hoe begon het?") and [t.speaker for t in doc.turns][:2] == ["Interviewer", "Gerrit"]
    # two lines and a blank line above it, and a header's own title line wins
    f.write_text("STO-evaluatie\nInterview regio Veenmond\n\nTitel: Veenmond\nRegio: Veenmond\n\n"
                 "Interviewer: Hoe begon het?\nGerrit: Met krimp.\nInterviewer: En nu?\nGerrit: Beter.\n",
                 encoding="utf-8")
    assert textfile.parse(f).attributes == {"title": "Veenmond", "region": "Veenmond"}
    # a line above the first turn with no header below it stays the transcript's text
    f.write_text("Fictief interview.\n\nInterviewer: Hoe begon het?\nGerrit: Met krimp.\nInterviewer: En nu?\n"
                 "Gerrit: Beter.\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert doc.attributes == {} and doc.text.startswith("Fictief interview.")


def test_a_name_and_a_dash_above_the_first_turn_is_not_said_to_stay_in_a_turn_before():
    """"FICTIEF INTERVIEW - testmateriaal …" as the first line was said to stay "in the turn
    before, as that speaker's words": there is no turn before it."""
    _text, _turns, warnings = split_turns("FICTIEF INTERVIEW - testmateriaal, regio Middenbrug\nI: Vraag?\n"
                                          "R1: Antwoord.\nI: En verder?\nR1: Niets.")
    assert len(warnings) == 1 and "‘FICTIEF INTERVIEW -’ (its text is a passage without a speaker, above the " \
        "first turn; if ‘FICTIEF INTERVIEW’ speaks there, write ‘FICTIEF INTERVIEW: …’ and import again)" \
        in warnings[0], warnings
    _text, _turns, warnings = split_turns("I: Vraag?\nR1: Antwoord.\nMARLOES - Ja, zeker.\nI: En verder?\nR1: Niets.")
    assert "(its text stays in the turn before, as that speaker's words; write the speaker as ‘MARLOES: …’" \
        in warnings[0], warnings


def test_label_alone_on_a_line_takes_the_lines_below():
    text, turns, _ = split_turns("Interviewer:\nEerste regel.\nTweede regel.\nRespondent: Ja.")
    assert text[turns[0].start:turns[0].end] == "Eerste regel.\nTweede regel."


def test_normalisation_nfc_line_endings_trailing_spaces():
    raw = "I: Cafe\u0301 \t\r\nR: ja  \r\n\r\n\r\n\r\nI: nee\r"
    text, turns, _ = split_turns(raw)
    assert "Café" in text and "\u0301" not in text
    assert "\r" not in text and " \n" not in text and "\n\n\n" not in text
    assert [text[t.start:t.end] for t in turns] == ["Café", "ja", "nee"]


# ------------------------------------------------------------------ decode
def test_decode_refuses_empty_and_whitespace():
    with pytest.raises(ImportRefused, match="no text"):
        dec.decode(b"  \n\t\n", "x.txt")


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01\x02binary\x00" * 10, "binary"),
    (b"%PDF-1.7\n" + b"x" * 100, "binary"),
    (b"PK\x03\x04" + b"x" * 100, "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 100, "binary"),
    (codecs.BOM_UTF8 + b"\x00" * 100, "binary"),                      # a BOM does not make binary text
    (codecs.BOM_UTF8 + b"ok \xff\xfe", "undecodable"),
    (codecs.BOM_UTF16_LE + b"a\x00b", "undecodable"),                  # odd length: truncated UTF-16
    (b"hallo \x81\x8d wereld", "neither UTF-8 nor Windows-1252"),
    ("café ".encode() + "één".encode("cp1252"), "mixed encodings"),
    ("“quote” ".encode() + "’".encode("cp1252"), "mixed encodings"),
    (b"I: hallo \x1b[31mrood\x1b[0m\n", r"control character U\+001B"),
    (b"regel 1\nregel 2\nregel \x07 3\n", r"control character U\+0007"),
])
def test_decode_refusals_say_what(data, message):
    with pytest.raises(ImportRefused, match=message) as info:
        dec.decode(data, "bad.txt")
    assert info.value.file == "bad.txt"
    assert "\n" not in str(info.value)


def test_decode_locates_the_bad_line():
    data = b"regel een\nregel twee\nregel \x07 drie\n"
    with pytest.raises(ImportRefused) as info:
        dec.decode(data, "x.txt")
    assert info.value.line == 3
    data = "goed é\nnog goed\n".encode() + "fout é".encode("cp1252")
    with pytest.raises(ImportRefused) as info:
        dec.decode(data, "x.txt")
    assert info.value.line == 3


def test_decode_accepts_word_breaks_and_dos_eof():
    assert dec.decode(b"een\x0btwee\x0cdrie\x1a", "x.txt") == "een\ntwee\ndrie"


def test_cp1252_only_text_is_decoded_as_such():
    assert dec.decode("“Één” café’s — €5".encode("cp1252"), "x.txt") == "“Één” café’s — €5"


@pytest.mark.parametrize("stray", [b"\xc3", b"\xc2"])
def test_half_a_utf8_letter_in_plain_text_is_refused_on_its_line(stray):
    """A letter cut in half (é is C3 A9; the C3 left alone) in a file otherwise plain ASCII
    would read "docentenÃ." as Windows-1252: refused on its line, not imported as mojibake."""
    data = b"Interviewer: Hoe gaat het?\n\nJan: Het tekort aan docenten" + stray + b". Echt.\n"
    with pytest.raises(ImportRefused) as info:
        dec.decode(data, "R05.txt")
    assert info.value.line == 3
    assert f"0x{stray[0]:02X}" in str(info.value) and "UTF-8" in str(info.value)
    # Windows-1252 text with its letters (a capital A with an accent included) is read as it was
    assert dec.decode("Café Ärzte À la".encode("cp1252"), "x.txt") == "Café Ärzte À la"
    # in a UTF-8 file with its letters whole ("één"), the cut one is a damaged letter, not a mix of
    # encodings: "save it as UTF-8" would not mend a file that is UTF-8
    with pytest.raises(ImportRefused) as info:
        dec.decode("Eén regel.\n".encode() + data, "R05.txt")
    assert info.value.line == 4 and "a damaged letter" in str(info.value) and "mixed" not in str(info.value)
    with pytest.raises(ImportRefused, match="mixed encodings"):  # a Windows-1252 é beside UTF-8 ones
        dec.decode("Eén regel.\n".encode() + "café".encode("cp1252"), "R05.txt")


def test_read_bytes_refuses_empty_and_oversized(tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportRefused, match="empty file"):
        dec.read_bytes(empty)
    big = tmp_path / "groot.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(ImportRefused, match="over the"):
        dec.read_bytes(big, limit=1024)
    with pytest.raises(ImportRefused, match="cannot read"):
        dec.read_bytes(tmp_path / "bestaat-niet.txt")


def test_front_matter_refusals(tmp_path):
    for body, message in [
        ("---\n- a\n- b\n---\nI: x\n", "mapping"),
        ("---\nregio: {a: 1}\n---\nI: x\n", "simple value"),
        ("---\nregio: [\n---\nI: x\n", "invalid YAML"),
        ("---\nregio: R1\n---\n\n", "no transcript text"),
    ]:
        f = tmp_path / "fm.md"
        f.write_text(body, encoding="utf-8")
        with pytest.raises(ImportRefused, match=message):
            textfile.parse(f)


def test_front_matter_with_an_impossible_date_keeps_it_as_text(tmp_path):
    f = tmp_path / "fm.md"
    f.write_text("---\ndatum: 2023-02-30\n1: een\n---\nI: x\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert doc.attributes == {"datum": "2023-02-30", "1": "een"}


def test_unsupported_suffix_is_refused(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(ImportRefused, match="unsupported file type") as refused:
        parse_file(f)
    assert "Save As" not in str(refused.value.hint)
    for suffix in (".doc", ".rtf", ".odt"):  # a Word or LibreOffice file of another format: what to save it as
        f = tmp_path / f"interview{suffix}"
        f.write_bytes(b"{\\rtf1")
        with pytest.raises(ImportRefused) as refused:
            parse_file(f)
        assert str(refused.value.hint).startswith("save it as .docx (in Word: Save As, Word Document;")


def test_a_paragraph_too_long_to_segment_is_refused(tmp_path, monkeypatch):
    from sto_qual.importers import limits
    monkeypatch.setattr(limits, "MAX_PARAGRAPH_CHARS", 1000)
    f = tmp_path / "lang.txt"
    f.write_text("I: kort\nR: " + "woord " * 400 + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="paragraph of 2,399 characters"):
        parse_file(f)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_as_such(codec):
    """A transcript saved as UTF-16 without its mark was refused as "binary data, not text":
    the user was not told that it is text, nor how to save it."""
    text = "Interviewer: Goedemorgen, fijn dat u er bent.\nMarieke: Graag gedaan, één vraag nog.\n"
    with pytest.raises(ImportRefused, match="UTF-16 text without a byte-order mark") as info:
        dec.decode(text.encode(codec), "R01.txt")
    assert "save it as UTF-8" in info.value.hint
    assert dec.decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "R01.txt") == text  # with the mark: read
    with pytest.raises(ImportRefused, match="binary data"):
        dec.decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "plaatje.txt")


@pytest.mark.parametrize("written, iso", [("14 maart 2024", "2024-03-14"), ("3 mrt. 2024", "2024-03-03"),
                                          ("14-03-2024", "2024-03-14"), ("2023-11-23", "2023-11-23"),
                                          ("1 Mei 2024", "2024-05-01"), ("31 februari 2024", None),
                                          ("najaar 2023", None), ("2024-13-45", None), ("2024-02-30", None),
                                          ("maandag 5 februari 2024", "2024-02-05"), ("vr, 12-1-2024", "2024-01-12")])
def test_a_header_date_is_read_as_a_date(written, iso):
    from sto_qual.domain.text import iso_date
    assert iso_date(written) == iso


@pytest.mark.parametrize("value, when", [("2024-01-17", (2024, 1)), ("2024-01", (2024, 1)),
                                         ("2024-01-17T10:00:00+00:00", (2024, 1)), ("2024-13-45", None),
                                         ("2024-13", None), ("2024-02-30", None), ("gisteren", None)])
def test_year_month_reads_only_dates(value, when):
    from sto_qual.domain.text import year_month
    assert year_month(value) == when


def test_front_matter_values_are_kept_as_written_not_read_as_yaml_1_1(tmp_path):
    """"duur: 1:30" was stored as 90 and "tijd: 14:30" as 870 (base 60), "region_type: NO"
    (Noord-Oost) as false and "yes" as true, "region: 010" as the octal 8, ".nan" as a number
    JSON cannot print. The same lines as a .txt header were kept as written."""
    f = tmp_path / "S01.md"
    f.write_text("---\nregion: '010'\ncode: 010\nduur: 1:30\ntijd: 14:30\nregion_type: NO\nvast: yes\nuit: off\n"
                 "n: .nan\nschool_boards: 2\naandeel: 0.5\nfictional: true\ndate: 2024-01-17\n---\nI: x\n",
                 encoding="utf-8")
    attrs = textfile.parse(f).attributes
    assert {k: attrs[k] for k in ("region", "code", "duur", "tijd", "region_type", "vast", "uit", "n")} == {
        "region": "010", "code": "010", "duur": "1:30", "tijd": "14:30", "region_type": "NO", "vast": "yes",
        "uit": "off", "n": ".nan"}
    assert (attrs["school_boards"], attrs["aandeel"], attrs["fictional"]) == (2, 0.5, True)
    assert str(attrs["date"]) == "2024-01-17"


def test_a_paragraph_that_opens_like_a_speaker_but_is_not_read_as_one_is_said():
    """"Dr. A. de Vries-Jansen:", "👩‍🏫 Fatima:" and "محمد:" opened answers that stayed in the
    interviewer's turn without a word (the labels take a capital and at most three words)."""
    from sto_qual.importers.speakers import split_turns
    text = ("Interviewer: Welkom. Wie zijn jullie?\n\nDr. A. de Vries-Jansen: Ik ben bestuurder.\n\n"
            "👩‍🏫 Fatima: Ik ben docent.\n\nمحمد: Ik ben penvoerder.\n\nInterviewer: Dank jullie.\n\n"
            "Kees: Graag gedaan.\n\nKees: Kortom: het gaat goed.\n\nKortom: alles loopt.\n")
    _text, turns, warnings = split_turns(text)
    assert [t.speaker for t in turns] == ["Interviewer", "Interviewer", "Kees", "Kees"]
    [said] = [w for w in warnings if "speaker's turn" in w]
    assert said.startswith("3 paragraphs open like a speaker's turn but were not read as one: "
                           "‘Dr. A. de Vries-Jansen:’, ‘👩‍🏫 Fatima:’, ‘محمد:’ (their text stays in the turn before"), said
    # a transcript without speaker labels, and discourse words, say nothing of the kind
    assert not any("speaker's turn" in w for w in split_turns("Kortom: het gaat goed.\n\nDus: ja.\n")[2])


def test_a_paragraph_opened_by_a_speakers_name_and_a_dash_is_said():
    """"MARLOES - Ik denk eerder …" after Piet de Boer's answer joined his turn unsaid: a quote
    would have given her words to him. A sentence with a dash in it says nothing."""
    from sto_qual.importers.speakers import split_turns
    text = ("Interviewer: Waar zit de urgentie?\n\nPiet de Boer: Bij de docenten.\n\n"
            "MARLOES - Ik denk eerder bij het mbo.\n\nPiet – Dat ook.\n\nInterviewer: Dank u.\n\n"
            "Piet de Boer: Graag.\n\nDat - zeg maar - is alles.\n\nMarloes: Ja.\n")
    _text, turns, warnings = split_turns(text)
    assert [t.speaker for t in turns][:2] == ["Interviewer", "Piet de Boer"]
    [said] = [w for w in warnings if "with a name and a dash" in w]
    assert said.startswith("2 paragraphs open with a name and a dash, not read as a speaker's turn: "
                           "‘MARLOES -’, ‘Piet -’ (their text stays in the turn before"), said
    assert "write the speaker as ‘MARLOES: …’" in said
    assert not [w for w in split_turns("Interviewer: Hoe?\n\nR1: Dat - zeg maar - is het.\n\nR1: Ja.\n")[2]
                if "dash" in w]


def test_a_transcript_whose_every_turn_opens_with_a_name_and_a_dash_says_so_not_just_no_labels():
    """A Windows colleague writes each turn "Interviewer - …", "Hélène - …": the import said only that no
    labels were recognised and how a label is written, and the role map called the interview missing."""
    from sto_qual.importers.speakers import split_turns
    text = ("Interviewer - Wat speelt er?\r\n\r\nHélène - Het docententekort.\r\n\r\nInterviewer - En het geld?"
            "\r\n\r\nHélène - Onzeker.\r\n\r\nDat - zeg maar - is alles.\r\n").replace("\r\n", "\n")
    _text, turns, warnings = split_turns(text)
    assert [t.speaker for t in turns] == [None]
    [said] = warnings
    assert said.startswith("no speaker labels recognised; the transcript is one turn (its paragraphs open with a "
                           "name and a dash, ‘Interviewer -’, ‘Hélène -’: a speaker is read with a colon, "
                           "‘Interviewer: …’"), said
    assert "Dat -" not in said
    assert "dash" not in split_turns("Dat - zeg maar - is alles.\n\nNou - ja.\n")[2][0]


def test_a_role_for_a_speaker_of_an_interview_read_as_one_turn_says_so_not_that_the_interview_is_missing(tmp_path):
    from sto_qual.services import Workspace
    (tmp_path / "krimp noord.txt").write_text("Interviewer - Wat speelt er?\n\nHélène - Het tekort.\n\n"
                                              "Interviewer - Dank.\n", encoding="utf-8")
    (tmp_path / "roles.csv").write_text("file,speaker,role\nkrimp noord.txt,Hélène,bestuurder\n"
                                        "elders.txt,Piet,directeur\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    summary = ws.import_files([tmp_path / "krimp noord.txt"], role_map=tmp_path / "roles.csv")
    [said] = [w for w in summary.warnings if "roles.csv" in w]
    assert "Hélène (krimp noord: no speaker read in it)" in said and "Piet (elders: no interview of that name)" in said
    ws.close()


def test_a_transcript_written_a_turn_a_line_with_dashes_and_numbered_respondents_keeps_its_speakers():
    """No blank lines, "INT.:", "- Jan (bestuurder):" and "Resp 2 - Fatma:": both respondents'
    answers joined the interviewer's question, without a warning (one came only where blank lines
    stood between the turns). A label the patterns still miss is said in such a transcript too."""
    text = ("Fictief interview\n\nINT.: Wat is de urgentie?\n- Jan (bestuurder): Het docententekort.\n"
            "Resp 2 - Fatma: En de aansluiting.\nINT.: En het geld?\n- Jan (bestuurder): Uitgesteld.\n"
            "Resp 2 - Fatma: Vervelend.\nDr. A. de Vries-Jansen: Ik vul aan.\nINT.: Dank jullie.\n")
    body, turns, warnings = split_turns(text)
    assert [t.speaker for t in turns] == [None, "INT.", "Jan (bestuurder)", "Resp 2 - Fatma", "INT.",
                                          "Jan (bestuurder)", "Resp 2 - Fatma", "INT."]
    assert body[turns[2].start:turns[2].end] == "Het docententekort."  # the dash and the label are no text
    assert [w for w in warnings if "speaker's turn" in w][0].startswith(
        "1 paragraph opens like a speaker's turn but was not read as one: ‘Dr. A. de Vries-Jansen:’")
    # a list in a turn stays text: its items open with a word no speaker is named
    _b, listed, said = split_turns("I: Wat hielp?\n\nR: Drie dingen:\n- Tijd: meer uren.\n- Geld: een pot.\n\n"
                                   "I: Dank.\n")
    assert [t.speaker for t in listed] == ["I", "R", "I"] and not [w for w in said if "speaker's turn" in w]


def test_a_speaker_in_capitals_who_speaks_once_is_one_where_every_speaker_is_in_capitals():
    """KEES, speaking once in a transcript that writes every speaker in capitals, was read as the
    interviewer's words (a warning said so): the passage counted for the role interviewer, and the
    chapter would not quote it. A heading in capitals among names in ordinary case stays text."""
    text, turns, _warnings = split_turns("INTERVIEWER: Wie zit er aan tafel?\n\nSANDRA: Ik ben de penvoerder.\n\n"
                                         "INTERVIEWER: En verder?\n\nKEES: Ik ben bestuurder.\n\nSANDRA: Dat klopt.\n")
    assert [t.speaker for t in turns] == ["INTERVIEWER", "SANDRA", "INTERVIEWER", "KEES", "SANDRA"]
    text, turns, warnings = split_turns("Interviewer: Wie zit er aan tafel?\n\nSandra: Ik ben de penvoerder.\n\n"
                                        "Interviewer: En verder?\n\nLET OP: dit stuk is slecht verstaanbaar.\n\n"
                                        "Sandra: Dat klopt.\n")
    assert [t.speaker for t in turns] == ["Interviewer", "Sandra", "Interviewer", "Sandra"]


def test_text_whose_letters_were_encoded_twice_is_refused_at_its_line(tmp_path):
    """UTF-8 read as Windows-1252 and saved again ("Ã©Ã©n coÃ¶rdinator") was imported as it is,
    unsaid; quotes in the chapter would have read so."""
    from sto_qual.domain.errors import ImportRefused
    from sto_qual.importers.decode import decode
    text = "Interviewer: Hoe gaat het?\nAns: Wij hebben Ã©Ã©n coÃ¶rdinator en de financiÃ«le kant.\n"
    with pytest.raises(ImportRefused, match="letters encoded twice") as err:
        decode(text.encode("utf-8"), "moji.txt")
    assert err.value.line == 2
    assert decode("Ans: één coördinator, financiële kant, zo’n plan.".encode("utf-8"), "ok.txt")  # as written


def test_a_markdown_transcripts_bold_labels_are_its_speakers(tmp_path):
    """"**Interviewer:** …" and "**Ans**: …" in a .md file were read as text: one speakerless turn."""
    from sto_qual.importers import textfile
    f = tmp_path / "bold.md"
    f.write_text("**Interviewer:** Hoe gaat het met de samenwerking?\n\n**Ans**: Goed, wij trekken samen op.\n\n"
                 "**Interviewer:** En het geld?\n\n__Ans:__ Dat is onzeker.\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Ans", "Interviewer", "Ans"]
    assert doc.text[doc.turns[1].start:doc.turns[1].end] == "Goed, wij trekken samen op."
    assert "*" not in doc.text


def test_a_markdown_transcripts_emphasis_and_headings_are_markup_not_words(tmp_path):
    """"*Dit is een fictief interview…*" kept its asterisks in the text, so in quotes and exports,
    and "## Afsluiting" its hashes, at the end of the answer before it. A word's own underscore and
    an asterisk between numbers are text; a .txt file keeps every asterisk."""
    from sto_qual.importers import textfile
    body = ("*Dit is een fictief interview.*\n\n## Deel 1: urgentie\n\n**Interviewer:** Wat is de **grootste** zorg?"
            "\n\n**Ans:** Het _docententekort_, en 5 * 3 vacatures in snake_case.\n\n## Afsluiting ##\n\n"
            "**Interviewer:** Dank.\n\n**Ans:** Graag.\n")
    (tmp_path / "m.md").write_text(body, encoding="utf-8")
    doc = textfile.parse(tmp_path / "m.md")
    said = [(t.speaker, doc.text[t.start:t.end]) for t in doc.turns]
    assert said == [(None, "Dit is een fictief interview.\n\nDeel 1: urgentie"),
                    ("Interviewer", "Wat is de grootste zorg?"),
                    ("Ans", "Het docententekort, en 5 * 3 vacatures in snake_case."), (None, "Afsluiting"),
                    ("Interviewer", "Dank."), ("Ans", "Graag.")], said
    assert not [w for w in doc.warnings if "speaker's turn" in w]  # a heading with a colon is no label
    (tmp_path / "m.txt").write_text("Interviewer: Wat is de *grootste* zorg?\n\nAns: Het geld.\n", encoding="utf-8")
    assert "*grootste*" in textfile.parse(tmp_path / "m.txt").text


def test_a_timestamp_on_its_own_line_is_the_next_turns_time(tmp_path):
    """"[00:12:03]" above "Interviewer: …" was a codable turn of its own (or text at the end of the
    turn before); the README says a timestamp is kept on the turn, not in the text."""
    from sto_qual.importers import textfile
    f = tmp_path / "ts.txt"
    f.write_text("[00:12:03]\nInterviewer: Kunt u iets vertellen over de start?\n[00:12:10]\nAns: Ja. Dat ging goed.\n"
                 "\n[00:13:00]\n\nInterviewer: En daarna?\nAns: [00:13:20] Soms vaker.\n", encoding="utf-8")
    doc = textfile.parse(f)
    assert [(t.speaker, t.time_start) for t in doc.turns] == [
        ("Interviewer", "00:12:03"), ("Ans", "00:12:10"), ("Interviewer", "00:13:00"), ("Ans", "00:13:20")]
    assert "[00:1" not in doc.text


def test_an_attributes_row_that_names_no_file_gets_the_file_it_likely_names(tmp_path):
    """A typo in the attributes table ("R4-kustzom.txt") was a warning without the file meant: the
    researcher had to find it, and did not know that importing again applies the row."""
    from sto_qual.importers.tables import unused_rows
    files = [tmp_path / "R4-kustzoom.txt", tmp_path / "R5-middenbrug.txt"]
    said = unused_rows("attrs.csv", {"R4-kustzom.txt": 2, "R4-kustzoom": 3, "T99": 4, "R5-midenbrug": 5}, files)
    assert said == [
        "attrs.csv:2: no file 'R4-kustzom.txt' in this import; its attributes were not applied (did you mean "
        "R4-kustzoom.txt? correct the row and import again: the files imported are skipped, the row's attributes set)",
        "attrs.csv:4: no file 'T99' in this import; its attributes were not applied",
        "attrs.csv:5: no file 'R5-midenbrug' in this import; its attributes were not applied (did you mean "
        "R5-middenbrug? correct the row and import again: the files imported are skipped, the row's attributes set)"]


def test_an_attributes_row_that_mistypes_a_file_without_a_row_is_refused_before_anything_is_imported(tmp_path):
    """`import R01.txt R03.txt --attributes attrs.csv` with a row "R3.txt" imported R03 without its
    region type and exited 0: a script went on. It is refused at the row, naming the file meant;
    a row for a file not in this import (a subset of the study imported) is still only a warning."""
    from sto_qual.domain.errors import StoQualError
    from sto_qual.importers.tables import mistyped_rows
    files = [tmp_path / "R01.txt", tmp_path / "R03.txt"]
    with pytest.raises(StoQualError) as refused:
        mistyped_rows("attrs.csv", {"R01.txt": 2, "R3.txt": 4}, files)
    assert str(refused.value) == ("attrs.csv:4: no file 'R3.txt' in this import, and R03.txt, which it likely "
                                  "names, has no row: it would be imported without its attributes; nothing was "
                                  "imported (correct the row to R03.txt and import again)")
    mistyped_rows("attrs.csv", {"R01.txt": 2, "R03.txt": 3, "R05.txt": 5}, files)  # R05 not imported now: no typo
    mistyped_rows("attrs.csv", {"R01.txt": 2, "R04.txt": 3}, files)  # R03 has no row, but R04 is another interview


def test_a_short_transcript_whose_speakers_each_speak_once_says_which_labels_it_saw_and_why():
    """Three speakers who each speak once (a try-out transcript) give one turn: the warning names
    the labels it saw (not the header's 'Regio') and when a label counts, so the fix is in the file."""
    raw = ("Regio: R30\n\nFemke: Wat is de urgentie hier?\n\nGerrit: Het tekort aan docenten is groot.\n\n"
           "Anna: Ja, en de leerlingaantallen lopen terug.\n")
    _text, turns, warnings = split_turns(raw)
    assert len(turns) == 1
    warning, = warnings
    assert warning.startswith("no speaker labels recognised; the transcript is one turn (‘Femke’, ‘Gerrit’, ‘Anna’ "
                              "each open one paragraph; a label counts when it opens two")
    assert "Regio" not in warning
    _text, turns, warnings = split_turns("Een losse notitie zonder sprekers.\n\nNog een alinea.\n")
    assert warnings == ("no speaker labels recognised; the transcript is one turn (each turn opens with its speaker "
                        "and a colon, ‘Femke: …’: write them so, take this one out with delete-doc and import the "
                        "file again; a file that is no interview, such as an agenda, delete-doc takes out)",)


def test_names_alone_above_their_turns_in_a_text_file_are_the_speakers(tmp_path):
    """A typist put each name alone on the line above the words, as in a Word file (where it was read):
    the .txt came in as one turn, the names as sentences to code. A name that opens one turn only
    (Linda's one answer) is a speaker too, not words of the turn before."""
    parse = textfile.parse
    f = tmp_path / "R07.txt"
    f.write_text("Interviewer\nHoe kijkt u terug op de eerste twee jaar?\n\nBert\nPositief, maar het ging langzaam.\n\n"
                 "Interviewer\nEn de financiering?\n\nBert\nDat blijft spannend.\n\nLinda\nWe hebben al een "
                 "reservering gemaakt.\n", encoding="utf-8")
    turns = [("Interviewer", "Hoe kijkt u terug op de eerste twee jaar?"),
             ("Bert", "Positief, maar het ging langzaam."), ("Interviewer", "En de financiering?"),
             ("Bert", "Dat blijft spannend."),
             ("Linda", "We hebben al een reservering gemaakt.")]
    doc = parse(f)
    assert [(t.speaker, doc.text[t.start:t.end]) for t in doc.turns] == turns and not doc.warnings, doc.warnings
    f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))  # saved in Notepad: the same turns
    doc = parse(f)
    assert [(t.speaker, doc.text[t.start:t.end]) for t in doc.turns] == turns and not doc.warnings, doc.warnings
    # a name of four words is no label (split_turns reads up to three): left as written, no colon added
    f.write_text("Interviewer\nHerkent u dat?\n\nBert\nJa.\n\nInterviewer\nEn verder?\n\nBert\nNee.\n\n"
                 "Kees van den Berg\nJa, zeker.\n", encoding="utf-8")
    assert "Kees van den Berg\nJa, zeker." in parse(f).text
    # prose whose paragraphs open with a short line is no such transcript: left as it was
    g = tmp_path / "notitie.txt"
    g.write_text("Agenda\nStuurgroep maart.\n\nPunt een\nDe begroting.\n", encoding="utf-8")
    assert [t.speaker for t in parse(g).turns] == [None]


def test_speakers_the_header_names_are_speakers_though_each_speaks_once(tmp_path):
    """A short transcript in which Lotte, Jan de Graaf and Kees Bakker each open one paragraph was one turn
    without a speaker, its header line "Aanwezig: …" codable text: the header names them as the people there."""
    from sto_qual.importers.textfile import parse
    f = tmp_path / "P09.md"
    f.write_text("---\nregion: P09\n---\n\nAanwezig: Jan de Graaf (bestuurder), Kees Bakker (directeur), interviewer "
                 "Lotte\n\nLotte: Hoe staat het met de urgentie?\n\nJan de Graaf: Het tekort aan docenten is groot.\n\n"
                 "Kees Bakker: Dat zien wij ook.\n", encoding="utf-8")
    doc = parse(f)
    assert [t.speaker for t in doc.turns] == ["Lotte", "Jan de Graaf", "Kees Bakker"]
    assert "Aanwezig" not in doc.text and doc.attributes["aanwezig"].startswith("Jan de Graaf (bestuurder)")
    # without the header, a label that opens one paragraph is still no speaker ("Kortom: …" is text)
    f.write_text("Lotte: Hoe staat het?\n\nJan de Graaf: Goed.\n", encoding="utf-8")
    assert [t.speaker for t in parse(f).turns] == [None]
