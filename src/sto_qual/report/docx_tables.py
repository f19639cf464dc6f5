"""The chapter's tables in Word: column widths that fit their longest word, the theme tables
(caption, table and note kept on one page) and the appendix quote table built as one XML
fragment (each theme band kept with its first rows, a group's last two rows kept together)."""
from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from sto_qual.report.model import SmallTable

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


def text_width_cm(landscape: bool = False) -> float:
    return (29.7 if landscape else 21.0) - 2 * MARGIN_CM


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
        out[n] = _equal_groups(fit_widths(same[0].header, rows, text_width_cm()), rows)
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
    # a group's header word whole ("krimpregio's (N=4)" broke as "krimpregio'" / "s"): the label
    # column gives up what the group columns need, down to its own longest word
    need = max(len(w) for r in rows for c in r[1:] for w in (str(c).split() or [""])) * _char_cm(TABLE_PT, True) + 0.45
    if (total - first) / (len(widths) - 1) < need:
        first = max(longest, total - need * (len(widths) - 1))
    return [first] + [(total - first) / (len(widths) - 1)] * (len(widths) - 1)


# a theme table of up to this many rows pulls the end of the text before it onto its page (with
# a quote or the last lines of a paragraph), so it never stands alone on a page; a longer one
# and what precedes it would not fit on one page together
PULL_ROWS = 15


def keep_preceding_with_next(doc, rows: int) -> bool:
    """Keep the paragraph before the next block (a theme table's heading) on the same page as
    that block, where the two fit together (``rows`` at most ``PULL_ROWS``). A quote keeps
    itself whole; a paragraph brings only its last lines. Returns whether it did."""
    if rows > PULL_ROWS:
        return False
    last = next((el for el in reversed(doc.element.body) if el.tag != qn("w:sectPr")), None)
    if last is None or last.tag != qn("w:p"):
        return False
    last.get_or_add_pPr().keepNext_val = True
    return True


def _breakable(text: str, width_cm: float, bold: bool) -> str:
    """A compound too wide for its column may break where its parts meet, hyphenated
    ("krimp-/regio's" by a soft hyphen before "regio"), not after any letter ("krimpregio'/s")."""
    room = (width_cm - 0.45) / _char_cm(TABLE_PT, bold)
    return " ".join(w.replace("regio", "\u00adregio", 1) if len(w) > room and w.lower().find("regio") > 2 else w
                    for w in text.split(" "))


def small_table(doc, t: SmallTable, widths: list[float] | None = None, after_table: bool = False) -> None:
    """Caption, table and note as one block that never breaks over a page: the caption and
    every row keep with the next, the last row too when the note follows; the note is one
    whole paragraph; rows never split. No empty paragraph after it (one that spilled onto the
    next page left that page blank before an appendix): a caption ``after_table`` takes the
    space before it instead."""
    caption = doc.add_paragraph(t.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    if after_table:
        caption.paragraph_format.space_before = Pt(12)
    widths = widths or fit_widths(t.header, t.rows, text_width_cm())
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
            run = p.add_run(_breakable(v, w, bold))
            run.font.size = Pt(TABLE_PT)
            run.bold = bold
    fill(table.rows[0].cells, t.header, True, True)
    _row_props(table.rows[0], header=True)
    for i, row in enumerate(t.rows):
        r = table.add_row()
        fill(r.cells, row, False, i < len(t.rows) - 1 or bool(t.note))  # the note stays with its table
        _row_props(r)
    if t.note:
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(3)
        note.paragraph_format.keep_together = True
        run = note.add_run(t.note)
        run.font.size = Pt(TABLE_PT)
        run.italic = True


def appendix_widths(header: Sequence[str], rows: Sequence[Sequence[str]], quote_col: int) -> list[float]:
    """The landscape quote table's widths: the short columns (sub-code, role …) hold their text
    on one line up to 6 cm ("Verschuiving van de urgentie" wrapped at 5 cm beside a quote column
    with room to spare; two sub-codes of one row, "A; B", one line each), so a label does not wrap
    to three or four lines; the quote column gives the room, down to 12 cm."""
    rows = rows[:2000]
    widths = fit_widths(header, rows, text_width_cm(landscape=True), flexible=quote_col)
    for i in range(len(header)):
        if i == quote_col:
            continue
        longest = max((len(part) for r in rows for part in r[i].split("; ")), default=0)
        want = min(6.0, longest * _char_cm(TABLE_PT) + 0.45)
        if want > widths[i] and widths[quote_col] - (want - widths[i]) >= 12.0:
            widths[quote_col] -= want - widths[i]
            widths[i] = want
    return widths


def quote_table_keeps(n_rows: int, groups: Sequence[tuple[str, int, int]]) -> set[int]:
    """The rows of the quote table that keep with the next row: in each group (a theme under its
    band) the first, so a band never ends a page with one row under it, and the one before the
    last, so no group, nor the table, ends with a row alone at the top of a page."""
    spans = [(first, end) for _label, first, end in groups] or [(0, n_rows)]
    keep: set[int] = set()
    for first, end in spans:
        if end - first >= 2:
            keep |= {first, end - 2}
    return keep


def quote_table(doc, header: tuple[str, ...], rows: list[tuple[str, ...]], widths_cm: Sequence[float],
                groups: Sequence[tuple[str, int, int]] = (), dutch_col: int | None = None) -> None:
    """A large table built as one XML fragment (python-docx's add_row is too slow for
    thousands): fixed layout, header row repeated on every page, rows never split. ``groups``
    (label, first row, end row) put a shaded row spanning the table above each group, kept
    with the rows after it (``quote_table_keeps``). ``dutch_col``: a column of quotes, proofed
    as Dutch."""
    def cell(text: str, bold: bool = False, w: float = 3.0, dutch: bool = False, keep: bool = False) -> str:
        lang = f'<w:lang w:val="{LANGS["nl"]}"/>' if dutch else ""
        rpr = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{TABLE_PT * 2}"/>{lang}</w:rPr>'
        return (f'<w:tc><w:tcPr><w:tcW w:w="{int(w * 567)}" w:type="dxa"/></w:tcPr><w:p><w:pPr>'
                f'{"<w:keepNext/>" if keep else ""}<w:spacing w:after="0"/></w:pPr><w:r>{rpr}'
                f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')
    grid = "".join(f'<w:gridCol w:w="{int(w * 567)}"/>' for w in widths_cm)
    total = int(sum(widths_cm) * 567)
    # the header row keeps with the first rows: it never ends a page on its own
    parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/>'
             f'<w:tblLayout w:type="fixed"/>'
             f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
             f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>',
             '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
             + "".join(cell(h, True, w, keep=True) for h, w in zip(header, widths_cm)) + "</w:tr>"]
    starts = {first: label for label, first, _end in groups}
    keeps = quote_table_keeps(len(rows), groups)
    for i, row in enumerate(rows):
        if i in starts:
            parts.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{total}" w:type="dxa"/>'
                         f'<w:gridSpan w:val="{len(widths_cm)}"/><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>'
                         f'</w:tcPr><w:p><w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/>'
                         f'<w:sz w:val="{TABLE_PT * 2}"/></w:rPr><w:t xml:space="preserve">{escape(starts[i])}</w:t>'
                         f'</w:r></w:p></w:tc></w:tr>')
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                     + "".join(cell(v, False, w, k == dutch_col, i in keeps)
                               for k, (v, w) in enumerate(zip(row, widths_cm)))
                     + "</w:tr>")
    parts.append("</w:tbl>")
    body = doc.element.body
    body.append(parse_xml("".join(parts)))
    sect = body.find(qn("w:sectPr"))  # the section properties stay last in the body
    if sect is not None:
        body.remove(sect)
        body.append(sect)
