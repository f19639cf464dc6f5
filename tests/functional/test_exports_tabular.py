"""CSV, XLSX and Markdown exports: codings with text and attributes; counts and crosstab sheets."""
import csv

import openpyxl


def test_csv_has_every_coding_with_text_and_attributes(demo_ws, tmp_path):
    out = tmp_path / "codings.csv"
    res = demo_ws.export(out)
    rows = list(csv.DictReader(open(out, encoding="utf-8-sig")))
    spans = {(c.document_id, c.code, c.start, c.end) for c in demo_ws.codings()}
    assert len(rows) == res["rows"] == len(spans)
    anon = demo_ws.anonymiser()
    texts = {anon(c.text) for c in demo_ws.codings()}
    assert all(r["quote"] in texts for r in rows)
    assert {"doc", "code", "coder", "role", "attr_region", "attr_region_type", "attr_date"} <= set(rows[0])


def test_xlsx_has_codings_counts_and_crosstab(demo_ws, tmp_path):
    out = tmp_path / "codings.xlsx"
    demo_ws.export(out)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["codings", "counts", "by region_type"]
    counts = list(wb["counts"].iter_rows(values_only=True))
    header = counts[0]
    assert header[:3] == ("code", "documents", "documents_total")
    urg = next(r for r in counts if r[0] == "urgentie")
    expected = demo_ws.theme_counts().set_index("code").loc["urgentie"]
    assert urg[1] == expected["documents"] and urg[header.index("wording")] == expected["wording"]
    cross = list(wb["by region_type"].iter_rows(values_only=True))
    assert cross[0][:2] == ("code", "value") and len(cross) > 24


def test_markdown_chapter(demo_ws, tmp_path):
    out = tmp_path / "hoofdstuk.md"
    demo_ws.export(out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Stuurgroepinterviews")
    for theme in ("## Urgentie", "## Vmbo in the lead", "## Collectief optrekken", "## Financieringsonzekerheid"):
        assert theme in text
    assert text.count("> “") >= 12


def test_export_refuses_unknown_suffix_and_missing_folder(demo_ws, tmp_path):
    from sto_qual.domain.errors import ExportError
    import pytest
    with pytest.raises(ExportError, match="cannot export"):
        demo_ws.export(tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="no such directory"):
        demo_ws.export(tmp_path / "nope" / "x.csv")
