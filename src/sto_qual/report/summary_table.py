"""The summary table (MAXQDA's Summary Table) as a Word document, to be read: first the interviews
with their attributes, then one table per code (a grid column), each interview with a summary on a
row of its own beside it. One wide table of every code (18 columns of a centimetre each, a word per
line) could not be read. Landscape, small type."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from sto_qual.report.docx_report import A4, save_atomically

INTERVIEW_WIDTH = Cm(3.0)


def write_summary_table_docx(words: Sequence[str], header: Sequence[str], rows: Sequence[Sequence[str]],
                             n_codes: int, out: str | Path) -> Path:
    """``words``: the title, the interviews' heading, and the two columns' heads of a code's table;
    ``header``: "interview", the attributes, then the ``n_codes`` codes (``rows`` likewise)."""
    title, interviews, interview, summary = words
    out = Path(out)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]  # A4 landscape, as the chapter's appendix
    section.left_margin = section.right_margin = Cm(1.5)
    width = section.page_width - section.left_margin - section.right_margin
    doc.styles["Normal"].font.size = Pt(8)
    doc.add_heading(title, level=1)
    first = len(header) - n_codes
    doc.add_heading(interviews, level=2)
    _table(doc, header[:first], [r[:first] for r in rows])
    for k in range(first, len(header)):
        filled = [(r[0], r[k]) for r in rows if r[k]]
        if not filled:
            continue
        doc.add_heading(header[k], level=2)
        table = _table(doc, (interview, summary), filled)
        # the grid's columns and each cell's (Word reads the one, LibreOffice the other)
        table.columns[0].width, table.columns[1].width = INTERVIEW_WIDTH, width - INTERVIEW_WIDTH
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = INTERVIEW_WIDTH, width - INTERVIEW_WIDTH
    save_atomically(doc, out)
    return out


def _table(doc, head: Sequence[str], rows: Sequence[Sequence[str]]):
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.autofit = False
    for cell, h in zip(table.rows[0].cells, head):
        cell.text = h
        for r in cell.paragraphs[0].runs:
            r.bold = True
    for row in rows:
        for cell, v in zip(table.add_row().cells, row):
            cell.text = v
    return table
