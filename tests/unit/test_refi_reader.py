"""REFI-QDA readers: tracked normalisation (positions survive CRLF/BOM/NFC/labels), codebooks
(.qdc), tolerant parsing of real-world exports, and refusal of hostile files."""
from __future__ import annotations

import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import Codebook, CodeSpec
from sto_qual.domain.text import normalise
from sto_qual.importers import limits
from sto_qual.importers.refi import carry, normalise_tracked, parse_qdc, parse_qdpx, turns_tracked

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import refi_support as rs  # noqa: E402

# --------------------------------------------------------- tracked offsets
WORDS = ["Ja", "nou", "één", "financie\u0308le", "e\u0301e\u0301n", "2026,", "Å", "\u212b", "wij"]
TOKENS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\r\n", "\n", "\r", " \r\n", "\n\n\n\n", "\r\n\r\n\r\n", "\ufeff "])


@st.composite
def texts_with_selection(draw):
    words = draw(st.lists(TOKENS, min_size=1, max_size=8).map(lambda ls: [w for group in ls for w in group]))
    seps = [draw(SEPARATORS) for _ in words]
    lead = draw(st.sampled_from(["", "\n\n", "\r\n", "  "]))
    raw, spans = lead, []
    for w, sep in zip(words, seps):
        spans.append((len(raw), len(raw) + len(w)))
        raw += w + sep
    i = draw(st.integers(0, len(words) - 1))
    j = draw(st.integers(i, len(words) - 1))
    return raw, spans[i][0], spans[j][1], words[i:j + 1]


@settings(max_examples=300, deadline=None)
@given(texts_with_selection())
def test_a_selection_keeps_its_words_through_normalisation(case):
    raw, start, end, words = case
    text, steps = normalise_tracked(raw, "t")
    assert text == normalise(raw)
    s, e = carry(steps, start, end)
    assert text[s:e].split() == [unicodedata.normalize("NFC", w) for w in words]


def test_crlf_positions_count_two_characters_per_line_break():
    raw = "Eerste regel.\r\nTweede regel."
    text, steps = normalise_tracked(raw, "t")
    start = raw.index("Tweede")
    s, e = carry(steps, start, len(raw))
    assert text[s:e] == "Tweede regel."


def test_labels_move_out_of_the_text_and_positions_follow():
    raw = "Interviewer: Hoe gaat het?\n\nJan: Ja, goed. Jan zegt ja.\n\nInterviewer: Mooi.\n\nJan: Ja."
    text, steps = normalise_tracked(raw, "t")
    out, turns, step = turns_tracked(text)
    assert step is not None and "Interviewer:" not in out
    assert [t.speaker for t in turns] == ["Interviewer", "Jan", "Interviewer", "Jan"]
    for quote in ("Ja, goed.", "Mooi.", "Hoe gaat het?"):
        s0 = raw.index(quote)
        s, e = carry([*steps, step], s0, s0 + len(quote))
        assert out[s:e] == quote
    s, e = carry([*steps, step], raw.index("Jan: Ja, goed."), raw.index(" Jan zegt"))
    assert out[s:e] == "Ja, goed."  # a selection that starts on the label starts after it


def test_text_without_labels_is_kept_whole():
    text, turns, step = turns_tracked("Gewoon een tekst.\n\nMet twee alinea's.")
    assert step is None and turns[0].start == 0 and turns[-1].end == len(text)


# ---------------------------------------------------------------- codebook
def test_qdc_round_trip_keeps_slugs_labels_and_fields(tmp_path):
    from sto_qual.report.refi import write_qdc
    codes = (CodeSpec("urgentie", "urgentie", None, "#c0392b", label="Urgentie", definition="D",
                      when_to_use="W", when_not_to_use="N", examples=("v1", "v2"), keywords=("k1", "k2")),
             CodeSpec("urgentie/aansluiting-mbo", "aansluiting-mbo", "urgentie", "#e74c3c",
                      label="Aansluiting op het mbo"),
             CodeSpec("overig", "overig", None, "#2471a3"))
    write_qdc(Codebook("t", codes), [], tmp_path / "c.qdc")
    got = parse_qdc(tmp_path / "c.qdc")
    assert got.codes == codes


def test_foreign_qdc_names_become_slugs_and_folders_parents(tmp_path):
    (tmp_path / "f.qdc").write_text("""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA">
  <Codes>
    <Code guid="{A0000000-0000-4000-8000-000000000001}" name="Thema's" isCodable="false">
      <Code guid="A0000000-0000-4000-8000-000000000002" name="Onzeker (na 2026)" isCodable="true" color="#F0A">
        <Description>Zorgen over geld.</Description>
      </Code>
      <Code guid="A0000000-0000-4000-8000-000000000003" name="onzeker na 2026" isCodable="true"/>
    </Code>
    <Code guid="A0000000-0000-4000-8000-000000000004" name="Écoles" isCodable="true"/>
  </Codes>
  <Sets><Set guid="A0000000-0000-4000-8000-000000000009" name="S">
    <MemberCode guid="A0000000-0000-4000-8000-000000000004"/></Set></Sets>
</CodeBook>""", encoding="utf-8")
    rs.validate_qdc(tmp_path / "f.qdc")
    cb = parse_qdc(tmp_path / "f.qdc")
    by = {c.path: c for c in cb.codes}
    assert list(by) == ["themas", "themas/onzeker-na-2026", "themas/onzeker-na-2026-2", "ecoles"]
    assert by["themas"].label == "Thema's"
    assert by["themas/onzeker-na-2026"].colour == "#ff00aa"
    assert by["themas/onzeker-na-2026"].definition == "Zorgen over geld."
    assert by["themas/onzeker-na-2026-2"].colour == by["themas"].colour  # no colour: the parent's
    assert all(c.colour.startswith("#") and len(c.colour) == 7 for c in cb.codes)


def test_qdc_that_is_not_a_codebook_is_refused(tmp_path):
    (tmp_path / "x.qdc").write_text('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not a REFI-QDA codebook"):
        parse_qdc(tmp_path / "x.qdc")


# ------------------------------------------------------------- the project
@pytest.mark.parametrize("crlf,bom,folder", [(True, True, "Sources"), (False, False, "sources"),
                                             (True, False, "SOURCES"), (False, True, "Sources")])
def test_hand_written_export_gives_the_right_spans(tmp_path, crlf, bom, folder):
    path = rs.atlas_style_qdpx(tmp_path / "a.qdpx", crlf=crlf, bom=bom, sources_dir=folder)
    rs.validate_qdpx(path)
    p = parse_qdpx(path)
    (src,) = p.sources
    text = src.document.text
    assert src.document.name == "Interview 1"
    assert "R1:" not in text and "\r" not in text and unicodedata.is_normalized("NFC", text)
    got = sorted((text[c.start:c.end], c.code, c.coder) for c in p.codings)
    assert got == sorted([
        (rs.EXPECTED["tekort"], "themas/docententekort", "Anna de Vries"),
        (rs.EXPECTED["paragraph"], "themas/docententekort", "Bram"),
        (rs.EXPECTED["financieel"], "themas/financiering", "Bram"),
        (rs.EXPECTED["onzeker"], "themas/financiering/onzeker-na-2026", "Bram"),
    ])
    assert src.document.attributes == {"Regio": "Noord", "Aantal besturen": 3}
    assert [t.speaker for t in src.document.turns] == ["I", "R1", "I", "R1"]
    memo_of = {text[c.start:c.end]: c.memo for c in p.codings}
    assert memo_of[rs.EXPECTED["onzeker"]] == "Let op: 2026 is het einde van de subsidie."
    assert memo_of[rs.EXPECTED["paragraph"]] == "Hele alinea, met spreker."
    assert [(m.target, m.text) for m in p.memos] == [("document", "Afgenomen op locatie.")]
    assert any("not imported" in w for w in p.warnings)  # the project-level note
    codes = {c.path: c for c in p.codes}
    assert codes["themas"].codable is False and codes["themas/docententekort"].colour == "#ff0000"


def test_text_in_plain_text_content_and_whole_source_codings(tmp_path):
    qde = b"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <CodeBook><Codes><Code guid="00000000-0000-4000-8000-0000000000c1" name="Alles" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="00000000-0000-4000-8000-000000000001" name="inline">
      <PlainTextContent>Korte tekst.</PlainTextContent>
      <Coding guid="00000000-0000-4000-8000-0000000000d1">
        <CodeRef targetGUID="00000000-0000-4000-8000-0000000000c1"/></Coding>
    </TextSource>
    <PDFSource guid="00000000-0000-4000-8000-000000000002" name="scan" path="internal://x.pdf"/>
  </Sources>
</Project>"""
    p = parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", {"project.qde": qde}))
    (c,) = p.codings
    assert p.sources[0].document.text[c.start:c.end] == "Korte tekst." and c.coder is None
    assert any("PDFSource" in w for w in p.warnings)


# ----------------------------------------------------------------- hostile
LAUGHS, EXTERNAL = rs.LAUGHS, rs.EXTERNAL


@pytest.mark.parametrize("qde", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entities_are_refused(tmp_path, qde):
    with pytest.raises(ImportRefused, match="entity"):
        parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", {"project.qde": qde}))


def test_entities_in_a_codebook_are_refused(tmp_path):
    (tmp_path / "c.qdc").write_bytes(LAUGHS.replace(b"Project", b"CodeBook"))
    with pytest.raises(ImportRefused, match="entity"):
        parse_qdc(tmp_path / "c.qdc")


def test_traversal_references_are_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    for ref in ("internal://../../secret.txt", "internal://..\\secret.txt"):
        path = rs.make_zip(tmp_path / "p.qdpx", {"project.qde": rs.minimal_qde(ref),
                                                 "../../secret.txt": b"in zip", "sources/../x": b"x"})
        with pytest.raises(ImportRefused, match="is not in the project file"):
            parse_qdpx(path)


@pytest.mark.parametrize("ref", ["absolute:///etc/passwd", "relative://../secret.txt", "file:///etc/passwd"])
def test_sources_outside_the_archive_are_never_read(tmp_path, ref):
    p = parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", {"project.qde": rs.minimal_qde(ref)}))
    assert p.sources == () and any("outside the project file" in w for w in p.warnings)


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", rs.minimal_qde())
        zf.writestr("sources/doc.txt", b"\0" * (limits.MAX_ZIP_RATIO * 100_000))
    with pytest.raises(ImportRefused, match="ZIP bomb"):
        parse_qdpx(path)


@pytest.mark.parametrize("members,message", [
    ({"readme.txt": b"hi"}, "project.qde is missing"),
    ({"project.qde": b"<Project"}, "not well-formed"),
    ({"project.qde": b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>'}, "expected <Project>"),
    ({"project.qde": rs.minimal_qde()}, "is not in the project file"),
])
def test_broken_projects_are_refused_clearly(tmp_path, members, message):
    with pytest.raises(ImportRefused, match=message) as info:
        parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", members))
    assert info.value.file == str(tmp_path / "p.qdpx")


def test_not_a_zip_is_refused(tmp_path):
    (tmp_path / "p.qdpx").write_bytes(b"<Project/>")
    with pytest.raises(ImportRefused, match="not a valid ZIP"):
        parse_qdpx(tmp_path / "p.qdpx")


def test_selection_outside_the_text_is_refused(tmp_path):
    sel = """<PlainTextSelection guid="00000000-0000-4000-8000-0000000000e1" startPosition="50" endPosition="60"/>"""
    qde = rs.minimal_qde().replace(b'plainTextPath="internal://doc.txt"/>',
                                   f'plainTextPath="internal://doc.txt">{sel}</TextSource>'.encode())
    with pytest.raises(ImportRefused, match="outside the text"):
        parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", {"project.qde": qde, "sources/doc.txt": b"kort"}))


def test_sources_sharing_a_guid_are_refused(tmp_path):
    qde = rs.minimal_qde().replace(b"</Sources>", b'<TextSource guid="00000000-0000-4000-8000-000000000001" '
                                                  b'name="twee" plainTextPath="internal://doc.txt"/></Sources>')
    with pytest.raises(ImportRefused, match="share the GUID"):
        parse_qdpx(rs.make_zip(tmp_path / "p.qdpx", {"project.qde": qde, "sources/doc.txt": b"tekst"}))
