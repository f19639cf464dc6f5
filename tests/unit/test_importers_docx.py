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
    with pytest.raises(ImportRefused, match="corrupt Word document"):
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
