"""One theme's quotes as a small Word document (for a writer who wants just those)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.shared import Cm, Pt

from sto_qual.domain.controls import strip_controls
from sto_qual.domain.text import quote_within_quote
from sto_qual.report.docx_report import chapter_document, save_atomically, unbroken


def write_quotes_docx(title: str, sections: Sequence[tuple[str, Sequence[dict[str, Any]]]], out: str | Path,
                      intro: str = "") -> Path:
    """One code's quotes under its label and what the file is (``intro``), a heading per
    sub-code (``sections``: heading, rows)."""
    out = Path(out)
    doc = chapter_document()  # laid out as the chapter (A4, its font), to paste from one into the other
    # Word XML cannot hold control characters: a label stored before they were refused
    # must not stop the document
    doc.add_heading(strip_controls(title), level=1)
    if intro:
        doc.add_paragraph(strip_controls(intro))
    for heading, rows in sections:
        if heading:
            doc.add_heading(strip_controls(heading), level=2)
        for r in rows:
            if r.get("see"):  # a passage listed under another heading that also has this code
                doc.add_paragraph().add_run(strip_controls(r["see"])).italic = True
                continue
            p = doc.add_paragraph(style="Quote")
            p.paragraph_format.left_indent = Cm(0.8)
            p.paragraph_format.keep_together = True
            p.add_run(f"“{quote_within_quote(strip_controls(r['quote']))}”")
            p.add_run(" " + unbroken(strip_controls(r["attribution"]))).italic = True
            if r.get("note"):  # what the chapter does with a quote that does not stand as coded: under it,
                # in its paragraph (kept with it), upright and small beside the italic quote
                p.add_run().add_break()
                note = p.add_run(strip_controls(r["note"]))
                note.italic, note.font.size = False, Pt(9)
            if r.get("also"):  # its other codes in this file, where a pointer to it stands
                p.add_run().add_break()
                also = p.add_run(strip_controls(r["also"]))
                also.italic, also.font.size = False, Pt(9)
    save_atomically(doc, out)
    return out
