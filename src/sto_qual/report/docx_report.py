"""ReportData -> .docx laid out like the report: A4, Dutch proofing language (British English
with ``lang="en"``), page numbers in the footer, the chapter as Heading 1, themes as Heading 2
and their parts as Heading 3, Word's own Quote, Caption and Table Grid styles; tables whose
header row repeats and whose rows never split; the appendix quote table in a landscape
section with column widths that fit their longest word. No charts: a figure would repeat what
the text and the sub-code table already say."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sto_qual.report.docx_tables import (LANGS, MARGIN_CM, appendix_widths, keep_preceding_with_next, quote_table,
                                         small_table, small_table_widths)
from sto_qual.report.files import STAMP, save_in_memory_then_write
from sto_qual.report.model import STALE, PointBlock, Quote, ReportData, ThemeSection

Progress = Callable[[int, int, str], None]

A4 = (Cm(21.0), Cm(29.7))


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


def chapter_document(lang: str = "nl"):
    """An empty Word document set up as the chapter is: A4, Calibri 11, the proofing language,
    page numbers in the footer (also for a theme's quotes written on their own)."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _set_language(doc, LANGS.get(lang, "nl-NL"))
    section = doc.sections[0]
    _page(section)
    _page_number_footer(section)
    return doc


def _quote(doc, q: Quote, keep_with_next: bool) -> None:
    p = doc.add_paragraph(style="Quote")
    p.paragraph_format.left_indent = Cm(0.8)  # set off from the prose around it
    p.paragraph_format.keep_together = True
    p.paragraph_format.keep_with_next = keep_with_next
    _spoken_dutch(p.add_run(f"“{q.marked}”"))
    p.add_run(" " + unbroken(q.attribution)).italic = True


def unbroken(attribution: str) -> str:
    """A quote's attribution on one line: its spaces do not break ("— een" ended a line and
    "geïnterviewde" began the next)."""
    return attribution.replace(" ", "\u00a0")


_COUNT = re.compile(r"\((\d+) (van|of) (\d+)\)")


def _counts_unbroken(doc) -> None:
    """An exact count stays on one line: "(3 van 5)" broke after "(3" in a paragraph of prose."""
    for p in doc.paragraphs:
        for run in p.runs:
            if _COUNT.search(run.text):
                run.text = _COUNT.sub("(\\1\u00a0\\2\u00a0\\3)", run.text)


def _spoken_dutch(run) -> None:
    """A quote is Dutch as spoken, also in the English chapter: Word proofs it as Dutch instead
    of marking every word misspelt."""
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), LANGS["nl"])
    run._r.get_or_add_rPr().append(el)


def save_atomically(doc, out: Path) -> None:
    """Save whole or not at all (``report.files``): a reader never sees half a file. The file
    carries the fingerprint of its text (``files.written_as_is`` reads it): a chapter edited in Word
    since is not replaced unasked."""
    import datetime as dt
    import hashlib
    props = doc.core_properties
    props.author = "sto_qual"  # every Word file it writes (``files.office_written_as_is``)
    # made now, by sto_qual (Word's file information said python-docx's template: 2013, "generated by python-docx")
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.last_modified_by, props.comments, props.revision = "sto_qual", "", 1
    # the text part as the package writes it (a first save to read it back cost the 1,000-interview chapter 0.6 s)
    doc.core_properties.identifier = f"{STAMP}{hashlib.sha256(doc.part.blob).hexdigest()}"
    save_in_memory_then_write(doc.save, out)


# ------------------------------------------------------------------ the chapter
def _point(doc, theme: ThemeSection, b: PointBlock, lab: dict[str, Any]) -> None:
    """A point: its run-in label and sentences, then its quotes, kept together."""
    if b.text or b.label:
        p = doc.add_paragraph()
        if b.label:
            p.add_run(b.label.rstrip(".") + (". " if b.text else ".")).bold = True  # alone above its quotes
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

    doc = chapter_document(data.lang)
    doc.core_properties.title = data.title
    doc.core_properties.author = "sto_qual"
    doc.add_heading(data.title, level=1)
    if data.subtitle:
        doc.add_paragraph(data.subtitle, style="Subtitle")
    doc.add_heading(lab["method"], level=2)
    for paragraph in data.method_paragraphs:
        doc.add_paragraph(paragraph)
    if data.method_note:  # as a theme's draft note: italic, under what it qualifies
        doc.add_paragraph().add_run(data.method_note).italic = True
    tick(1, "themes")
    widths = small_table_widths([t for th in data.themes for t in th.tables])
    for i, theme in enumerate(data.themes):
        _theme(doc, theme, lab, data.lang, widths, last=i == len(data.themes) - 1)
        tick(2 + i, theme.title)
    if data.definitions:
        # the appendices start on a page of their own
        doc.add_heading(lab["codebook"], level=2).paragraph_format.page_break_before = True
        if lab["codebook_intro"]:
            doc.add_paragraph(lab["codebook_intro"])
        for name, definition, is_theme in data.definitions:
            # the codebook's definitions are Dutch: proofed as Dutch in the English chapter too
            if is_theme:
                doc.add_heading(name, level=3)
                run = doc.add_paragraph().add_run(definition)
            else:
                p = doc.add_paragraph()
                p.paragraph_format.left_indent = Cm(0.6)
                p.add_run(f"{name}. ").bold = True
                run = p.add_run(definition)
            if data.lang != "nl":
                _spoken_dutch(run)
    tick(steps - 2, "appendix")
    if data.appendix:
        landscape = doc.add_section(WD_SECTION.NEW_PAGE)
        _page(landscape, landscape=True)
        doc.add_heading(lab["appendix"], level=2)
        # what the table is, in the reader's words; it stays on the page with the table's first rows
        doc.add_paragraph(data.appendix_intro()).paragraph_format.keep_with_next = True
        header, rows, quote_col = data.appendix_table()
        quote_table(doc, header, rows, appendix_widths(header, rows, quote_col), data.appendix_groups(),
                    dutch_col=quote_col)
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
    _counts_unbroken(doc)
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
        if concept:  # a draft grey, a reviewed sentence whose codings changed since yellow
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW if concept == STALE else WD_COLOR_INDEX.GRAY_25


def _theme(doc, theme, lab: dict, lang: str, widths: dict[int, list[float]] | None = None,
           last: bool = False) -> None:
    doc.add_heading(theme.title, level=2)
    if theme.note:
        note = doc.add_paragraph()
        note.add_run(theme.note).italic = True
        note.paragraph_format.keep_with_next = True
    shown = [b for b in theme.points if b.text or b.label or b.quotes]
    blocks = [b for b in shown if not b.remarks]
    remarks = [b for b in shown if b.remarks]  # after the differences, as the report's order has it
    flat = bool(blocks) and not theme.facets_named  # no sub-codes: its quotes follow its opening, on its page
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
        p.paragraph_format.keep_with_next = flat and i == len(theme.opening) - 1
    if theme.facets_named:
        doc.add_heading(lab["facets"], level=3)
    elif not theme.documents and lab["theme_none"] not in theme.opening:  # (not said twice)
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
        if last:  # the end of the text comes along, so the table never stands alone on a page before
            # the appendices; under another theme's text the next theme fills the page after it (bringing
            # the differences' heading and paragraph along left pages a third empty)
            keep_preceding_with_next(doc, len(theme.tables[0].rows))
        doc.add_heading(lab["figures"], level=3)
    for i, t in enumerate(theme.tables):
        small_table(doc, t, (widths or {}).get(len(t.header)), after_table=i > 0)
