"""ReportData -> .docx laid out like the report: A4, Dutch proofing language (British English
with ``lang="en"``), page numbers in the footer, the chapter as Heading 1, themes as Heading 2
and their parts as Heading 3, Word's own Quote, Caption and Table Grid styles; tables whose
header row repeats and whose rows never split; the appendix quote table in a landscape
section with column widths that fit their longest word. No charts: a figure would repeat what
the text and the sub-code table already say."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from sto_qual.report.files import save_in_memory_then_write
from sto_qual.report.model import PointBlock, Quote, ReportData, SmallTable, ThemeSection

Progress = Callable[[int, int, str], None]

A4 = (Cm(21.0), Cm(29.7))
MARGIN_CM = 2.2
TABLE_PT = 9
LANGS = {"nl": "nl-NL", "en": "en-GB"}


# ------------------------------------------------------------------ column widths
def _char_cm(pt: float, bold: bool = False) -> float:
    """A generous character width at this size (cm): wide enough for Calibri and for the
    wider fonts LibreOffice substitutes when Calibri is absent (DejaVu Sans)."""
    return pt * (0.68 if bold else 0.62) * 0.03528


def fit_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float, pt: float = TABLE_PT,
               flexible: int | None = None) -> list[float]:
    """Column widths (cm) summing to ``total_cm``: every column at least as wide as its longest
    word (so no word breaks mid-word), the rest shared by how much text each column holds;
    ``flexible`` names a column (the quote) that takes what is left."""
    pad = 0.45
    n = len(header)
    longest_word = [max(len(w) for w in (header[i] or " ").split()) * _char_cm(pt, True) + pad for i in range(n)]
    longest_cell = [len(header[i]) * _char_cm(pt, True) + pad for i in range(n)]
    for row in rows:
        for i, v in enumerate(row[:n]):
            words = str(v).split() or [""]
            longest_word[i] = max(longest_word[i], max(len(w) for w in words) * _char_cm(pt) + pad)
            longest_cell[i] = max(longest_cell[i], len(str(v)) * _char_cm(pt) + pad)
    widths = list(longest_word)
    if flexible is not None:
        rest = total_cm - sum(w for i, w in enumerate(widths) if i != flexible)
        widths[flexible] = max(widths[flexible], rest)
    else:
        spare = total_cm - sum(widths)
        want = [max(0.0, c - w) for c, w in zip(longest_cell, widths)]
        if spare > 0 and sum(want) > 0:
            widths = [w + spare * x / sum(want) for w, x in zip(widths, want)]
            if sum(widths) < total_cm:  # everything fits on one line: share what is left evenly
                widths = [w + (total_cm - sum(widths)) / n for w in widths]
    scale = total_cm / sum(widths) if sum(widths) > total_cm else 1.0
    return [w * scale for w in widths]


# ------------------------------------------------------------------ low-level helpers
def _set_language(doc, tag: str) -> None:
    """Proofing language of the whole document (document defaults and every style)."""
    styles = doc.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None and rpr.find(qn("w:lang")) is None:
        el = OxmlElement("w:lang")
        el.set(qn("w:val"), tag)
        rpr.append(el)
    doc.core_properties.language = tag


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _page(section, landscape: bool = False) -> None:
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(2.0)


def _text_width_cm(landscape: bool = False) -> float:
    return (29.7 if landscape else 21.0) - 2 * MARGIN_CM


def _caption(doc, text: str, keep_with_next: bool = False) -> None:
    p = doc.add_paragraph(text, style="Caption")
    p.paragraph_format.keep_with_next = keep_with_next


def _row_props(row, header: bool = False) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def small_table_widths(tables: Sequence[SmallTable]) -> dict[int, list[float]]:
    """One width rule for every table of a kind (the same number of columns): widths fitted
    over all their headers and rows, so "krimp (N=4)" wraps in every table or in none."""
    out: dict[int, list[float]] = {}
    for n in sorted({len(t.header) for t in tables}):
        same = [t for t in tables if len(t.header) == n]
        rows = [r for t in same for r in (t.header, *t.rows)]
        out[n] = _equal_groups(fit_widths(same[0].header, rows, _text_width_cm()), rows)
    return out


def _equal_groups(widths: list[float], rows: Sequence[Sequence[str]]) -> list[float]:
    """The group columns of a crosstab share one width (a narrow "krimp (N=4)" column broke
    "de meeste (3/4)" over three lines); the label column keeps its fitted width, at most a
    third of the table, and never less than its longest word."""
    if len(widths) < 3:
        return widths
    total = sum(widths)
    longest = max(len(w) for r in rows for w in (str(r[0]).split() or [""])) * _char_cm(TABLE_PT, True) + 0.45
    first = max(longest, min(widths[0], total / 3))
    return [first] + [(total - first) / (len(widths) - 1)] * (len(widths) - 1)


def _small_table(doc, t: SmallTable, widths: list[float] | None = None) -> None:
    _caption(doc, t.caption, keep_with_next=True)
    widths = widths or fit_widths(t.header, t.rows, _text_width_cm())
    table = doc.add_table(rows=1, cols=len(t.header))
    table.style = "Table Grid"
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)

    def fill(cells, values, bold: bool, keep: bool) -> None:
        for cell, v, w in zip(cells, values, widths):
            cell.width = Cm(w)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.keep_with_next = keep  # a small table stays on one page
            run = p.add_run(v)
            run.font.size = Pt(TABLE_PT)
            run.bold = bold
    fill(table.rows[0].cells, t.header, True, True)
    _row_props(table.rows[0], header=True)
    for i, row in enumerate(t.rows):
        r = table.add_row()
        fill(r.cells, row, False, i < len(t.rows) - 1)
        _row_props(r)
    if t.note:
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(3)
        run = note.add_run(t.note)
        run.font.size = Pt(TABLE_PT)
        run.italic = True
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _quote(doc, q: Quote, keep_with_next: bool) -> None:
    p = doc.add_paragraph(style="Quote")
    p.paragraph_format.left_indent = Cm(0.8)  # set off from the prose around it
    p.paragraph_format.keep_together = True
    p.paragraph_format.keep_with_next = keep_with_next
    _spoken_dutch(p.add_run(f"“{q.text}”"))
    p.add_run(f" {q.attribution}").italic = True


def _spoken_dutch(run) -> None:
    """A quote is Dutch as spoken, also in the English chapter: Word proofs it as Dutch instead
    of marking every word misspelt."""
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), LANGS["nl"])
    run._r.get_or_add_rPr().append(el)


def _fast_table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]], widths_cm: Sequence[float],
                groups: Sequence[tuple[str, int, int]] = (), dutch_col: int | None = None) -> None:
    """A large table built as one XML fragment (python-docx's add_row is too slow for
    thousands): fixed layout, header row repeated on every page, rows never split. ``groups``
    (label, first row, end row) put a shaded row spanning the table above each group, kept
    with the row after it. ``dutch_col``: a column of quotes, proofed as Dutch."""
    def cell(text: str, bold: bool = False, w: float = 3.0, dutch: bool = False) -> str:
        lang = f'<w:lang w:val="{LANGS["nl"]}"/>' if dutch else ""
        rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{TABLE_PT * 2}"/>{lang}</w:rPr>'
        return (f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
                f'<w:spacing w:after="0"/></w:pPr><w:r>{rpr}'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in widths_cm)
    total = int(sum(widths_cm) * 567)
    parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
             f'<w:tblLayout w:type="fixed"/>'
             f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
             f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
             '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
             + "".join(cell(h, True, w) for h, w in zip(header, widths_cm)) + "</w:tr>"]
    starts = {first: label for label, first, _end in groups}
    for i, row in enumerate(rows):
        if i in starts:
            parts.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/>'
                         f'<w:gridSpan w:val="{len(widths_cm)}"/><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>'
                         f'</w:tcPr><w:p><w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/>'
                         f'<w:sz w:val="{TABLE_PT * 2}"/></w:rPr><w:t xml:space="preserve">{escape(starts[i])}</w:t>'
                         f'</w:r></w:p></w:tc></w:tr>')
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                     + "".join(cell(v, False, w, k == dutch_col) for k, (v, w) in enumerate(zip(row, widths_cm)))
                     + "</w:tr>")
    parts.append("</w:tbl>")
    body = doc.element.body
    body.append(parse_xml("".join(parts)))
    sect = body.find(qn("w:sectPr"))  # the section properties stay last in the body
    if sect is not None:
        body.remove(sect)
        body.append(sect)


def save_atomically(doc, out: Path) -> None:
    """Save whole or not at all (``report.files``): a reader never sees half a file."""
    save_in_memory_then_write(doc.save, out)


# ------------------------------------------------------------------ the chapter
def _point(doc, theme: ThemeSection, b: PointBlock, lab: dict[str, Any]) -> None:
    """A point: its run-in label and sentences, then its quotes, kept together."""
    if b.text or b.label:
        p = doc.add_paragraph()
        if b.label:
            p.add_run(b.label.rstrip(".") + ". ").bold = True
        if theme.marked and b.parts:
            _sentences(p, b.parts, lab)
        else:
            p.add_run(b.text)
        p.paragraph_format.keep_with_next = bool(b.quotes)  # a point and its quotes stay together
    for j, q in enumerate(b.quotes):
        _quote(doc, q, keep_with_next=j < len(b.quotes) - 1)


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
    _set_language(doc, LANGS.get(data.lang, "nl-NL"))
    section = doc.sections[0]
    _page(section)
    _page_number_footer(section)
    doc.core_properties.title = data.title
    doc.core_properties.author = "sto_qual"
    doc.add_heading(data.title, level=1)
    if data.subtitle:
        doc.add_paragraph(data.subtitle, style="Subtitle")
    doc.add_heading(lab["method"], level=2)
    doc.add_paragraph(data.method)
    tick(1, "themes")
    widths = small_table_widths([t for th in data.themes for t in th.tables])
    for i, theme in enumerate(data.themes):
        _theme(doc, theme, lab, data.lang, widths)
        tick(2 + i, theme.title)
    if data.definitions:
        # the appendices start on a page of their own
        doc.add_heading(lab["codebook"], level=2).paragraph_format.page_break_before = True
        for name, definition, is_theme in data.definitions:
            if is_theme:
                doc.add_heading(name, level=3)
                doc.add_paragraph(definition)
                continue
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.6)
            p.add_run(f"{name}. ").bold = True
            p.add_run(definition)
    tick(steps - 2, "appendix")
    if data.appendix:
        landscape = doc.add_section(WD_SECTION.NEW_PAGE)
        _page(landscape, landscape=True)
        doc.add_heading(lab["appendix"], level=2)
        intro = lab["appendix_intro_all"] if data.appendix_kind == "all" else lab["appendix_intro_starred"]
        doc.add_paragraph(f"{intro} {data.appendix_note}".strip())
        header, rows, quote_col = data.appendix_table()
        widths = fit_widths(header, rows[:2000], _text_width_cm(landscape=True), flexible=quote_col)
        # the short columns (sub-code, role …) hold their text on one line up to 5 cm, so a
        # label does not wrap to three or four lines; the quote column gives the room
        for i in range(len(header)):
            if i == quote_col:
                continue
            want = min(5.0, max((len(r[i]) for r in rows[:2000]), default=0) * _char_cm(TABLE_PT) + 0.45)
            if want > widths[i] and widths[quote_col] - (want - widths[i]) >= 12.0:
                widths[quote_col] -= want - widths[i]
                widths[i] = want
        _fast_table(doc, header, rows, widths, data.appendix_groups(), dutch_col=quote_col)
    if data.memos:
        if data.appendix:
            portrait = doc.add_section(WD_SECTION.NEW_PAGE)
            _page(portrait)
        doc.add_heading(lab["memos"], level=2)
        current = None
        for about, text in data.memos:
            if about != current:
                doc.add_heading(about, level=3)
                current = about
            doc.add_paragraph(text, style="List Bullet")
    tick(steps - 1, "saving")
    save_atomically(doc, out)
    tick(steps, "done")
    return out


def _sentences(p, parts, lab: dict) -> None:
    """Sentences one after another; one still a draft is highlighted light grey (the note above
    the section says so): the writer sees what is left to read, and no marker word sits in the
    prose (removing the shading in Word leaves the text as it is)."""
    for i, (text, concept) in enumerate(parts):
        if i:
            p.add_run(" ")
        run = p.add_run(text.strip())
        if concept:
            run.font.highlight_color = WD_COLOR_INDEX.GRAY_25


def _theme(doc, theme, lab: dict, lang: str, widths: dict[int, list[float]] | None = None) -> None:
    doc.add_heading(theme.title, level=2)
    if theme.note:
        note = doc.add_paragraph()
        note.add_run(theme.note).italic = True
        note.paragraph_format.keep_with_next = True
    shown = [b for b in theme.points if b.text or b.label or b.quotes]
    blocks = [b for b in shown if not b.remarks]
    remarks = [b for b in shown if b.remarks]  # after the differences, as the report's order has it
    for i, para in enumerate(theme.opening):
        # the theme's heading and note stay with its opening, which is kept whole; the opening
        # does not pull the first point and its quotes along (that pushed a theme to a new page
        # and left half a page empty)
        p = doc.add_paragraph()
        if theme.marked and i < len(theme.opening_parts):
            _sentences(p, zip(theme.opening_parts[i], theme.opening_concept[i]), lab)
        else:
            p.add_run(para)
        p.paragraph_format.keep_together = True
        p.paragraph_format.keep_with_next = False
    if blocks:
        doc.add_heading(lab["facets"], level=3)
    elif not theme.documents:
        doc.add_paragraph(lab["no_quotes"])
    for b in blocks:
        _point(doc, theme, b, lab)
    if theme.contrasts:  # one paragraph: the differences read as a passage, not a list
        doc.add_heading(lab["contrasts"], level=3)
        p = doc.add_paragraph()
        if theme.marked and len(theme.contrast_concept) == len(theme.contrasts):
            _sentences(p, zip(theme.contrasts, theme.contrast_concept), lab)
        else:
            p.add_run(" ".join(c.strip() for c in theme.contrasts))
    for b in remarks:  # under their own heading, the run-in label would only repeat it
        doc.add_heading(lab["theme_remarks"], level=3)
        _point(doc, theme, replace(b, label=""), lab)
    if theme.tables:
        doc.add_heading(lab["figures"], level=3)
    for t in theme.tables:
        _small_table(doc, t, (widths or {}).get(len(t.header)))
