"""ReportData -> .docx with Word's own styles (Title, Heading 1-3, Normal, Quote, Caption,
Table Grid) and two charts (matplotlib, Agg, 300 dpi PNG)."""
from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt

from sto_qual.report.charts import heatmap_png, overview_png
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.report.model import Quote, ReportData, SmallTable

Progress = Callable[[int, int, str], None]


def _caption(doc, text: str) -> None:
    try:
        doc.add_paragraph(text, style="Caption")
    except KeyError:  # pragma: no cover - every default template has Caption
        p = doc.add_paragraph(text)
        p.runs[0].italic = True


def _small_table(doc, t: SmallTable) -> None:
    _caption(doc, t.caption)
    table = doc.add_table(rows=1, cols=len(t.header))
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, t.header):
        cell.text = h
        for r in cell.paragraphs[0].runs:
            r.bold = True
    for row in t.rows:
        cells = table.add_row().cells
        for cell, v in zip(cells, row):
            cell.text = v
    doc.add_paragraph()


def _quote(doc, q: Quote) -> None:
    p = doc.add_paragraph(style="Quote")
    p.add_run(f"“{q.text}”")
    p.add_run(f" {q.attribution}").italic = True


def _fast_table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]], widths_cm: tuple[float, ...]) -> None:
    """A large table built as one XML fragment: python-docx's add_row is too slow for thousands."""
    def cell(text: str, bold: bool = False, w: float = 3.0) -> str:
        rpr = "<w:rPr><w:b/><w:sz w:val=\"18\"/></w:rPr>" if bold else "<w:rPr><w:sz w:val=\"18\"/></w:rPr>"
        return (f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/></w:tcPr><w:p><w:r>{rpr}'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in widths_cm)
    total = int(sum(widths_cm) * 567)
    parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
             f'<w:tblLayout w:type="fixed"/>'
             f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
             f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
             '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(cell(h, True, w) for h, w in zip(header, widths_cm)) + "</w:tr>"]
    for row in rows:
        parts.append("<w:tr>" + "".join(cell(v, False, w) for v, w in zip(row, widths_cm)) + "</w:tr>")
    parts.append("</w:tbl>")
    tbl = parse_xml("".join(parts))
    doc.element.body.append(tbl)
    # keep the section properties last in the body
    sect = doc.element.body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    if sect is not None:
        doc.element.body.remove(sect)
        doc.element.body.append(sect)


def _synthesis(doc, summary: ThemeSummary, lab: dict[str, str]) -> None:
    """The theme section opens with its synthesis: a person's text, or the lead sentences,
    points (with their frequency words) and contrasts; a draft is marked as concept."""
    if summary.status == "draft":
        p = doc.add_paragraph()
        p.add_run(f"[{lab.get('concept', 'concept')}]").italic = True
    if summary.text:
        for para in summary.text.split("\n\n"):
            doc.add_paragraph(para.strip())
        return
    if summary.lead:
        doc.add_paragraph(" ".join(summary.lead))
    for point in summary.points:
        doc.add_paragraph(point.text or f"{point.label} ({point.wording})", style="List Bullet")
    for contrast in summary.contrasts:
        doc.add_paragraph(contrast.text)


def save_atomically(doc, out: Path) -> None:
    """Save through a temporary file beside the target: a reader never sees half a file."""
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        doc.save(str(tmp))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def write_docx(data: ReportData, out: str | Path, progress: Progress | None = None) -> Path:
    out = Path(out)
    lab = data.labels
    steps = len(data.themes) + 4

    def tick(i: int, what: str) -> None:
        if progress:
            progress(i, steps, what)

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    doc.core_properties.title = data.title
    doc.core_properties.author = "sto_qual"
    doc.add_paragraph(data.title, style="Title")
    doc.add_paragraph(data.subtitle, style="Subtitle")
    doc.add_heading(lab["method"], level=1)
    doc.add_paragraph(data.method)
    tick(1, "overview")
    fig = 0
    doc.add_heading(lab["overview"], level=1)
    if data.overview:
        fig += 1
        doc.add_picture(io.BytesIO(overview_png(data.overview, data.documents_total, data.lang)), width=Cm(15))
        _caption(doc, lab["fig_overview"].format(n=fig, total=data.documents_total))
    if data.heatmap and data.heatmap_cols:
        fig += 1
        doc.add_picture(io.BytesIO(heatmap_png(data.heatmap_rows, data.heatmap_cols, data.heatmap)), width=Cm(16))
        _caption(doc, lab["fig_heatmap"].format(n=fig, col=lab["region"]))
    tick(2, "themes")
    for i, theme in enumerate(data.themes):
        doc.add_heading(theme.title, level=1)
        if theme.summary is not None:
            _synthesis(doc, theme.summary, lab)
        doc.add_heading(lab["definition"], level=3)
        doc.add_paragraph(theme.definition)
        doc.add_paragraph(theme.frequency_sentence)
        for t in theme.tables:
            _small_table(doc, t)
        doc.add_heading(lab["quotes"], level=2)
        if not theme.quotes:
            doc.add_paragraph(lab["no_quotes"])
        for q in theme.quotes:
            _quote(doc, q)
        tick(3 + i, theme.title)
    if data.appendix:
        doc.add_page_break()
        doc.add_heading(lab["appendix"], level=1)
        doc.add_paragraph(lab["appendix_intro_all"] if data.appendix_kind == "all" else lab["appendix_intro_starred"])
        rows = [(q.theme, q.code.split("/", 1)[1] if "/" in q.code else "", q.region, q.role, f"“{q.text}”",
                 q.doc, q.reference) for q in data.appendix]
        _fast_table(doc, lab["appendix_cols"], rows, (2.2, 2.4, 1.4, 2.0, 5.4, 1.4, 1.8))
    if data.memos:
        doc.add_heading(lab["memos"], level=1)
        for about, text in data.memos:
            p = doc.add_paragraph()
            p.add_run(f"{about}: ").bold = True
            p.add_run(text)
    tick(steps - 1, "saving")
    save_atomically(doc, out)
    tick(steps, "done")
    return out
