"""Word .docx transcripts: paragraphs and table text in order; bold or "Naam:" speaker labels."""
from __future__ import annotations

from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import limits
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
        if not text.startswith(bold):  # e.g. a hyperlink first: p.text and p.runs differ
            return text
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
    zf = check_zip(path, "Word document", office=True, max_part=limits.MAX_DOCX_PART_BYTES)
    zf.close()
    try:
        blocks, attrs = _read(path)
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx/lxml raise many kinds on a damaged package
        raise ImportRefused(f"corrupt Word document ({type(exc).__name__})", file=name,
                            hint="open and re-save it in Word") from None
    raw = "\n\n".join(b for b in blocks if b.strip())
    text, turns, warnings = split_turns(raw)
    if not text.strip():
        raise ImportRefused("the Word document has no text", file=name)
    return ParsedDocument(name=path.stem, source_file=path.name, format="docx", text=text, turns=turns,
                          attributes=attrs, warnings=warnings)


def _read(path: Path) -> tuple[list[str], dict[str, str]]:
    """Paragraph and table-row texts in document order, and the core properties kept
    (title and creation date; not the author, which is a person's name)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    document = docx.Document(str(path))
    blocks: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            blocks.append(_paragraph_text(Paragraph(child, document)))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and t not in cells:  # a merged cell repeats in every column it spans
                        cells.append(t)
                if cells:
                    blocks.append(" | ".join(cells))
    props = document.core_properties
    attrs = {}
    if props.title:
        attrs["title"] = props.title
    if props.created:
        attrs["created"] = props.created.date().isoformat()
    return blocks, attrs
