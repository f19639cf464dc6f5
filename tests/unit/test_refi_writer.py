"""REFI-QDA writers on in-memory data: schema-valid, deterministic, selection text = coding
text, variables typed, notes/sets as documented, atomic writes."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from sto_qual.domain.errors import ExportError
from sto_qual.domain.model import Codebook, CodeSpec, Coding
from sto_qual.report import refi
from sto_qual.report.refi import ExportDocument, ExportMemo, QdpxData, write_qdc, write_qdpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from refi_support import validate_qdc, validate_qdpx  # noqa: E402

NS = "{urn:QDA-XML:project:1.0}"

CODES = (
    CodeSpec(path="urgentie", name="urgentie", parent=None, colour="#c0392b", label="Urgentie",
             definition="Wat dringend is.", when_to_use="Bij urgentie.", when_not_to_use="Niet bij geld.",
             examples=("Het is urgent.", "Heel dringend."), keywords=("urgent", "dringend")),
    CodeSpec(path="urgentie/aansluiting-mbo", name="aansluiting-mbo", parent="urgentie", colour="#e74c3c",
             label="Aansluiting op het mbo"),
    CodeSpec(path="geld", name="geld", parent=None, colour="not-a-colour"),
)
TEXT_A = "Eerste regel met een citaat.\n\nTweede regel: nog een citaat, één keer."
TEXT_B = "Een ander interview.\nMet twee regels."


def _coding(i, doc, text, code, start, end, coder="a", memo=None, starred=False):
    return Coding(id=i, document_id=1, doc=doc, code=code, start=start, end=end, text=text[start:end],
                  coder=coder, memo=memo, starred=starred, created_at=f"2024-01-0{i % 9 + 1}T10:00:00+00:00")


def _data(**over) -> QdpxData:
    codings = (
        _coding(1, "A", TEXT_A, "urgentie", 15, 27, memo="Mooi citaat\x0b met stuurteken", starred=True),
        _coding(2, "A", TEXT_A, "urgentie/aansluiting-mbo", 15, 27, coder="b"),
        _coding(3, "A", TEXT_A, "geld", 30, len(TEXT_A)),
        _coding(4, "B", TEXT_B, "urgentie", 0, 20, coder="b"),
    )
    base = dict(
        name="Test", coders=("a", "b"), codes=CODES,
        documents=(ExportDocument("A", TEXT_A, "hash-a", {"regio": "R1", "besturen": 3, "fictief": True,
                                                          "score": 0.00001, "gemengd": 1}),
                   ExportDocument("B", TEXT_B, "hash-b", {"regio": "R2", "besturen": 11, "fictief": False,
                                                          "score": 2.5, "gemengd": "twee"})),
        codings=codings,
        memos=(ExportMemo("document", "A", "Documentmemo", "a", "2024-02-01T00:00:00+00:00"),
               ExportMemo("code", "geld", "Codememo", None),
               ExportMemo("coding", 3, "Tweede gedachte", "b"),
               ExportMemo("project", None, "Projectmemo", "a")),
    )
    base.update(over)
    return QdpxData(**base)


def _written(data: QdpxData, path: Path) -> Path:
    write_qdpx(data, path)
    return path


def _root(path: Path):
    from defusedxml.ElementTree import fromstring
    with zipfile.ZipFile(path) as zf:
        return fromstring(zf.read("project.qde")), {n: zf.read(n) for n in zf.namelist()}


def test_project_validates_and_is_deterministic(tmp_path):
    a, b = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    warnings = write_qdpx(_data(), a)
    write_qdpx(_data(), b)
    validate_qdpx(a)
    assert a.read_bytes() == b.read_bytes()
    assert any("colour" in w for w in warnings)
    assert not list(tmp_path.glob(".*tmp*"))


def test_sources_are_utf8_lf_and_selections_hold_the_coding_text(tmp_path):
    root, members = _root(_written(_data(), tmp_path / "p.qdpx"))
    codings = {c.id: c for c in _data().codings}
    seen = 0
    for src in root.iter(f"{NS}TextSource"):
        member = "sources/" + src.get("plainTextPath").removeprefix("internal://")
        data = members[member]
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        text = data.decode("utf-8")
        for sel in src.iter(f"{NS}PlainTextSelection"):
            s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert sel.get("creatingUser")
            assert sel.get("name") == f"line:{text[:s].count(chr(10))}"
            for _ in sel.iter(f"{NS}Coding"):
                seen += 1
            matching = [c for c in codings.values() if c.start == s and c.end == e and c.doc == src.get("name")]
            assert matching and all(text[s:e] == c.text for c in matching)
    assert seen == 4


def test_variables_are_typed_and_cases_cover_every_document(tmp_path):
    root, _ = _root(_written(_data(), tmp_path / "p.qdpx"))
    kinds = {v.get("name"): v.get("typeOfVariable") for v in root.iter(f"{NS}Variable")}
    assert kinds == {"regio": "Text", "besturen": "Integer", "fictief": "Boolean", "score": "Float",
                     "gemengd": "Text"}
    floats = [v.text for v in root.iter(f"{NS}FloatValue")]
    assert floats == ["0.00001", "2.5"]  # xsd:decimal, never 1e-05
    cases = list(root.iter(f"{NS}Case"))
    assert [c.get("name") for c in cases] == ["A", "B"]
    assert all(c.find(f"{NS}SourceRef") is not None for c in cases)


def test_memos_become_notes_and_quote_candidates_a_set(tmp_path):
    root, _ = _root(_written(_data(), tmp_path / "p.qdpx"))
    notes = {n.get("guid"): n for n in root.iter(f"{NS}Note")}
    names = sorted(n.get("name") for n in notes.values())
    assert names == sorted(["Memo bij codering", "Memo", "Memo", "Memo", "Memo", "Citaatkandidaat"])
    text = [n.find(f"{NS}PlainTextContent").text for n in notes.values()]
    assert "Mooi citaat met stuurteken" in text  # the control character is gone, the XML valid
    refs = {r.get("targetGUID") for r in root.iter(f"{NS}NoteRef")}
    assert refs == set(notes)  # every note is referenced, nothing dangles
    (star_set,) = root.iter(f"{NS}Set")
    assert star_set.get("name") == "Citaatkandidaten"
    members = [m.get("targetGUID") for m in star_set.iter(f"{NS}MemberNote")]
    assert len(members) == 1 and notes[members[0]].get("name") == "Citaatkandidaat"


def test_no_sets_without_starred_codings(tmp_path):
    data = _data(codings=tuple(c for c in _data().codings if not c.starred))
    root, _ = _root(_written(data, tmp_path / "p.qdpx"))
    assert root.find(f"{NS}Sets") is None
    validate_qdpx(tmp_path / "p.qdpx")


def test_codings_that_cannot_be_expressed_are_left_out_with_a_warning(tmp_path):
    bad = (_coding(9, "A", TEXT_A, "urgentie", 5, 500), _coding(10, "X", TEXT_A, "urgentie", 0, 3),
           _coding(11, "A", TEXT_A, "nergens", 0, 3))
    warnings = write_qdpx(_data(codings=bad), tmp_path / "p.qdpx")
    assert len([w for w in warnings if w.startswith("coding #")]) == 3
    validate_qdpx(tmp_path / "p.qdpx")


def test_empty_project_is_still_valid(tmp_path):
    write_qdpx(QdpxData(name="", coders=(), codes=(), documents=(), codings=()), tmp_path / "e.qdpx")
    validate_qdpx(tmp_path / "e.qdpx")


def test_code_description_round_trips_through_the_reader():
    from sto_qual.importers.refi import parse_code_description
    for spec in CODES:
        parsed = parse_code_description(refi.code_description(spec))
        assert parsed["definition"] == spec.definition
        assert parsed["when_to_use"] == spec.when_to_use
        assert parsed["when_not_to_use"] == spec.when_not_to_use
        assert parsed["examples"] == spec.examples
        assert parsed["keywords"] == spec.keywords
    assert "Codenaam: aansluiting-mbo" in refi.code_description(CODES[1])
    assert "Codenaam" not in refi.code_description(CODES[0])  # slug of "Urgentie" is its name


def test_codebook_validates_and_has_no_empty_sets(tmp_path):
    out = tmp_path / "c.qdc"
    write_qdc(Codebook(title="t", codes=CODES), ["a"], out)
    data = validate_qdc(out)
    assert b"<Sets" not in data
    again = tmp_path / "d.qdc"
    write_qdc(Codebook(title="t", codes=CODES), [], again)
    assert again.read_bytes() == data


def test_code_guids_agree_between_qdc_and_qdpx(tmp_path):
    write_qdc(Codebook(title="t", codes=CODES), [], tmp_path / "c.qdc")
    write_qdpx(_data(), tmp_path / "p.qdpx")
    qdc = (tmp_path / "c.qdc").read_text()
    with zipfile.ZipFile(tmp_path / "p.qdpx") as zf:
        qde = zf.read("project.qde").decode()
    g = refi.guid("code", "urgentie/aansluiting-mbo")
    assert g in qdc and g in qde


def test_empty_codebook_is_refused(tmp_path):
    with pytest.raises(ExportError):
        write_qdc(Codebook(title="t", codes=()), [], tmp_path / "c.qdc")
    assert not (tmp_path / "c.qdc").exists()


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "p.qdpx"
    out.write_bytes(b"old")

    def boom(path, members):
        Path(path).write_bytes(b"partial")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(refi, "write_zip", boom)
    with pytest.raises(ExportError, match="No space left"):
        write_qdpx(_data(), out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["p.qdpx"]


def test_a_read_only_file_system_names_the_target_not_the_temporary_file(tmp_path, monkeypatch):
    """On a read-only file system even removing the temporary file that was never made fails
    (EROFS): the error read "/tmp/ro/.c.csv.tmp-13197: Read-only file system"."""
    import errno
    out = tmp_path / "p.qdpx"

    def read_only(path, members):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    def refuse(self, missing_ok=False):
        raise OSError(errno.EROFS, "Read-only file system", str(self))
    monkeypatch.setattr(refi, "write_zip", read_only)
    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(ExportError) as caught:
        write_qdpx(_data(), out)
    assert str(caught.value).startswith(f"cannot write {out} (Read-only file system); nothing was written")
    assert ".tmp-" not in str(caught.value)


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="no such directory"):
        write_qdpx(_data(), tmp_path / "nope" / "p.qdpx")


def test_a_labelled_source_opens_each_turn_with_its_speaker_and_moves_spans_onto_the_same_words():
    from sto_qual.report.refi_sources import LabelledSource
    text = "Inleiding zonder spreker.\n\nWie begint?\n\nIk begin."
    turns = ((0, None, None), (27, "Femke", "00:00:04"), (40, "Ans", None))
    src = LabelledSource(text, turns)
    assert src.text == "Inleiding zonder spreker.\n\n[00:00:04] Femke: Wie begint?\n\nAns: Ik begin."
    for start, end in ((0, 9), (27, 38), (30, 38), (40, 49), (27, 49), (0, 27)):
        s, e = src.move(start, end)
        assert src.text[s:e].replace("[00:00:04] Femke: ", "").replace("Ans: ", "") == text[start:end]
    assert src.move(27, 38) == (45, 56)   # a span from a turn's start starts after its label
    assert src.move(0, 27) == (0, 27)     # one that ends where a turn starts ends before the label
