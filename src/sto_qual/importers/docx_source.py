"""Word .docx transcripts: paragraphs and table text in order; bold or "Naam:" speaker labels. A
header before the first turn — a title in a Title or Heading style, a table of "Regio | R16"
rows — is the document's attributes, as a text file's front matter is, not transcript text."""
from __future__ import annotations

from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import limits
from sto_qual.importers.decode import check_zip
from sto_qual.domain.names import header_key
from sto_qual.importers.speakers import header_value, split_turns


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# text inside these is not the paragraph's as read: deleted or moved away (tracked changes), or a
# text box's (its own paragraphs, twice over in Word's alternate content)
_NOT_READ = {_W + "del", _W + "moveFrom", _W + "txbxContent"}


# elements around paragraphs and tables of their own: custom XML, and paragraphs inserted or
# moved here with Track Changes (a content control's are in its w:sdtContent)
_WRAPPERS = {_W + "customXml", _W + "ins", _W + "moveTo"}


def _block_content(el):
    """The element whose children are the paragraphs and tables ``el`` wraps, or None."""
    if el.tag == _W + "sdt":
        return el.find(_W + "sdtContent")
    return el if el.tag in _WRAPPERS else None


def _runs_text(paragraph) -> str:
    """Every run of a paragraph's XML in order, wherever Word put it: a tracked insertion, a content
    control, a smart tag, a simple field, a hyperlink. python-docx's ``p.text`` reads only direct
    runs and hyperlinks: "Het is echt nuttig" inserted with Track Changes was "Het is ." unsaid."""
    out = []
    for r in paragraph.iter(_W + "r"):
        up = r.getparent()
        while up is not None and up is not paragraph and up.tag not in _NOT_READ:
            up = up.getparent()
        if up is paragraph:
            out.append(r.text)
    return "".join(out)


def _paragraph_text(p) -> str:
    """A paragraph's text; a leading bold run ending in ':' (a bold label) becomes 'Label:'."""
    runs = list(p.runs)
    text = _runs_text(p._p)
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
    parts = set(zf.namelist())
    zf.close()
    if "word/document.xml" not in parts and "[Content_Types].xml" in parts:  # said "corrupt (KeyError)"
        raise ImportRefused("the Word document has no text part (word/document.xml)", file=name,
                            hint="open and re-save it in Word, or save it as .txt")
    try:
        blocks, attrs = _read(path)
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx/lxml raise many kinds on a damaged package
        raise ImportRefused(f"corrupt Word document ({type(exc).__name__})", file=name,
                            hint="open and re-save it in Word") from None
    body, header = _header(blocks)
    text, turns, warnings = split_turns("\n\n".join(b for b in body if b.strip()))
    if header and not any(t.speaker for t in turns):  # no speakers: no transcript to set it apart from
        plain = [b.removeprefix(_HEADING).removeprefix(_ROW) for b in blocks]
        text, turns, warnings = split_turns("\n\n".join(b for b in plain if b.strip()))
        header = {}
    title = header.pop(_TITLE_BLOCK, None)
    attrs = {**({"title": title} if title else {}), **attrs, **header}
    if not text.strip():
        raise ImportRefused("the Word document has no text", file=name)
    return ParsedDocument(name=path.stem, source_file=path.name, format="docx", text=text, turns=turns,
                          attributes=attrs, warnings=warnings)


_TITLE_BLOCK = "\0title"  # the header's title paragraph (the title attribute, unless Word's properties have one)
_HEADING = "\0heading:"  # a block ``_read`` marks as a paragraph in a Title or Heading style
_ROW = "\0row:"  # a table row of two cells, before any other text


def _header(blocks: list[str]) -> tuple[list[str], dict[str, str]]:
    """The blocks after the header, and the header: "Regio | R16" rows as attributes (keys folded,
    Dutch header words as the front matter's keys: region, date) and the title paragraph. Only
    headings, two-cell table rows and empty paragraphs open a header; the first other block ends it."""
    header: dict[str, str] = {}
    i = 0
    while i < len(blocks) and (blocks[i].startswith((_HEADING, _ROW)) or not blocks[i].strip()):
        b = blocks[i]
        if b.startswith(_HEADING):
            header.setdefault(_TITLE_BLOCK, b[len(_HEADING):])
        elif b.startswith(_ROW):
            key, _sep, value = b[len(_ROW):].partition(" | ")
            header[header_key(key)] = header_value(header_key(key), value)
        i += 1
    return [b.removeprefix(_HEADING).removeprefix(_ROW) for b in blocks[i:]], header


def _read(path: Path) -> tuple[list[str], dict[str, str]]:
    """Paragraph and table-row texts in document order, and the core properties kept
    (title and creation date; not the author, which is a person's name)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    document = docx.Document(str(path))
    blocks: list[str] = []

    def cell_text(container) -> str:
        """A cell's paragraphs and the tables and content controls nested in it (``cell.text``
        left those out)."""
        parts = []
        for child in container.iterchildren():
            if child.tag == _W + "p":
                parts.append(_paragraph_text(Paragraph(child, document)))
            elif child.tag == _W + "tbl":
                parts += [" | ".join(t for t in (cell_text(c._tc) for c in row.cells) if t)
                          for row in Table(child, document).rows]
            elif (inner := _block_content(child)) is not None:
                parts.append(cell_text(inner))
        return "\n".join(x for x in parts if x.strip())

    def read(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == _W + "p":
                p = Paragraph(child, document)
                style = (p.style.name if p.style is not None else "") or ""
                heading = style == "Title" or style.startswith("Heading")
                blocks.append((_HEADING if heading else "") + _paragraph_text(p))
            elif child.tag == _W + "tbl":
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell_text(cell._tc).strip()
                        if t and t not in cells:  # a merged cell repeats in every column it spans
                            cells.append(t)
                    if cells:
                        blocks.append((_ROW if len(cells) == 2 else "") + " | ".join(cells))
            elif (inner := _block_content(child)) is not None:
                read(inner)
    read(document.element.body)
    props = document.core_properties
    attrs = {}
    if props.title:
        attrs["title"] = props.title
    if props.created:
        attrs["created"] = props.created.date().isoformat()
    return blocks, attrs
