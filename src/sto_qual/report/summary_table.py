"""The summary table (MAXQDA's Summary Table) as a Word document: one row per interview, its
attributes, then one column per code with the cell's summary. Landscape, small type."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from sto_qual.report.docx_report import save_atomically


def write_summary_table_docx(title: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                             out: str | Path) -> Path:
    out = Path(out)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    doc.styles["Normal"].font.size = Pt(8)
    doc.add_heading(title, level=1)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, header):
        cell.text = h
        for r in cell.paragraphs[0].runs:
            r.bold = True
    for row in rows:
        for cell, v in zip(table.add_row().cells, row):
            cell.text = v
    save_atomically(doc, out)
    return out
