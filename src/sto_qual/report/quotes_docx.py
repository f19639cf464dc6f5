"""One theme's quotes as a small Word document (for a writer who wants just those)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document

from sto_qual.domain.controls import strip_controls
from sto_qual.report.docx_report import save_atomically


def write_quotes_docx(title: str, rows: Sequence[dict[str, Any]], out: str | Path) -> Path:
    out = Path(out)
    doc = Document()
    # Word XML cannot hold control characters: a label stored before they were refused
    # must not stop the document
    doc.add_heading(strip_controls(title), level=1)
    for r in rows:
        p = doc.add_paragraph(style="Quote")
        p.add_run(f"“{strip_controls(r['quote'])}”")
        p.add_run(f" {strip_controls(r['attribution'])}").italic = True
    save_atomically(doc, out)
    return out
