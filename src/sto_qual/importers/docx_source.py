"""Word .docx transcripts: paragraphs and table text in order; bold or "Naam:" speaker labels."""
from __future__ import annotations

from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers.decode import check_zip
from sto_qual.importers.speakers import split_turns


def _paragraph_text(p) -> str:
    """A paragraph's text; a leading bold run ending in ':' (a bold label) becomes 'Label:'."""
    runs = list(p.runs)
    text = p.text
    if runs and runs[0].bold and runs[0].text.strip():
        bold = ""
        for r in runs:
            if not r.bold:
                break
            bold += r.text
        label = bold.strip()
        rest = text[len(bold):].lstrip()
        if label.endswith(":"):
            return f"{label} {rest}"
        if rest.startswith(":"):
            return f"{label}: {rest[1:].lstrip()}"
        if 0 < len(label) <= 40 and rest:
            return f"{label}: {rest}"
    return text


def parse(path: Path) -> ParsedDocument:
    name = str(path)
    zf = check_zip(path, "Word document")
    zf.close()
    try:
        import docx
        from docx.document import Document as _Doc  # noqa: F401
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ImportRefused(f"corrupt Word document ({type(exc).__name__})", file=name,
                            hint="open and re-save it in Word") from None
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(_paragraph_text(Paragraph(child, document)))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and t not in cells:
                        cells.append(t)
                if cells:
                    blocks.append(" | ".join(cells))
    raw = "\n\n".join(b for b in blocks if b.strip())
    text, turns, warnings = split_turns(raw)
    if not text.strip():
        raise ImportRefused("the Word document has no text", file=name)
    props = document.core_properties
    attrs = {}
    if props.title:
        attrs["title"] = props.title
    if props.created:
        attrs["created"] = props.created.date().isoformat()
    if props.author:
        attrs["author"] = props.author
    return ParsedDocument(name=path.stem, source_file=path.name, format="docx", text=text, turns=turns,
                          attributes=attrs, warnings=warnings)
