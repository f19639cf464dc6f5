"""Word .docx transcripts: paragraphs and table text in order; bold or "Naam:" speaker labels (how
the blocks lay out who speaks, a name alone in bold, a heading, a table, is ``word_layouts``). A
header before the first turn — a title in a Title or Heading style, a table of "Regio | R16"
rows — is the document's attributes, as a text file's front matter is, not transcript text."""
from __future__ import annotations

from datetime import datetime

from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.identifying import participant_names
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import limits
from sto_qual.importers.decode import check_zip
from sto_qual.domain.names import header_key
from sto_qual.importers.speakers import SECTION, header_value, labelled, name_alone, split_header, split_turns
from sto_qual.importers.turn_shapes import run_on_turns
from sto_qual.importers.word_layouts import BOLD, HEADING, ROW, speaker_blocks, table_turns


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


def _bold_alone(p) -> bool:
    """Whether every run with text in a paragraph is bold (a name set in bold above a turn)."""
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def parse(path: Path) -> ParsedDocument:
    name = str(path)
    zf = check_zip(path, "Word document", office=True, max_part=limits.MAX_DOCX_PART_BYTES)
    parts = set(zf.namelist())
    zf.close()
    if "word/document.xml" not in parts and "[Content_Types].xml" in parts:  # said "corrupt (KeyError)"
        raise ImportRefused("the Word document has no text part (word/document.xml)", file=name,
                            hint="open and re-save it in Word, or save it as .txt")
    if "word/document.xml" not in parts:  # a .zip renamed (a Python exception's name was all it said)
        shown = ", ".join(sorted(parts)[:3]) + (", …" if len(parts) > 3 else "")
        raise ImportRefused(f"a ZIP archive with no Word document in it ({shown or 'empty'}), with a .docx name",
                            file=name, hint="unpack it and import the transcripts it holds")
    try:
        blocks, attrs, left = _read(path)
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx/lxml raise many kinds on a damaged package
        raise ImportRefused(f"corrupt Word document ({type(exc).__name__})", file=name,
                            hint="open and re-save it in Word") from None
    body, header = _header(blocks)
    # "Datum: 5 december 2023" paragraphs above the first turn: attributes, as a text transcript's header
    # lines are (they were a turn without a speaker, codable, and the interview had no date)
    lines, k = _title_above_header(body)
    while k < len(body):
        if body[k].strip():
            got, rest = split_header(body[k])
            if not got or rest.strip():
                break
            lines.update(got)
        k += 1
    # the people a header names are speakers also where each opens one paragraph (``participant_names``)
    text, turns, warnings = split_turns("\n\n".join(b for b in body[k:] if b.strip()),
                                        participant_names({**lines, **header}))
    if lines and any(t.speaker for t in turns):
        header = {**lines, **header}
    elif lines:
        text, turns, warnings = split_turns("\n\n".join(b for b in body if b.strip()))
    if header and not any(t.speaker for t in turns):  # no speakers: no transcript to set it apart from
        plain = [b.removeprefix(HEADING).removeprefix(ROW) for b in blocks]
        text, turns, warnings = split_turns("\n\n".join(b for b in plain if b.strip()))
        header = {}
    title = header.pop(_TITLE_BLOCK, None)
    attrs = {**({"title": title} if title else {}), **attrs, **header}
    if not text.strip():
        raise ImportRefused("the Word document has no text", file=name)
    return ParsedDocument(name=path.stem, source_file=path.name, format="docx", text=text, turns=turns,
                          attributes=attrs, warnings=(*warnings, *left, *run_on_turns(text, turns)))


def _notes_left_out(body) -> list[str]:
    """The warning that a document's footnotes, endnotes or comments are not imported (only its body
    text is): "Voetnoottekst geheim." went unsaid. ``body``: the parsed body, its references counted."""
    counts = [(sum(1 for _ in body.iter(f"{_W}{word}Reference")), word) for word in ("footnote", "endnote", "comment")]
    said = [f"{n} {word}{'s' if n > 1 else ''}" for n, word in counts if n]
    return [f"{' and '.join(said)} in the document {'are' if sum(n for n, _w in counts) > 1 else 'is'} not imported: "
            "only the body text is (copy what is needed into the text, or into a memo)"] if said else []


def _title_above_header(body: list[str]) -> tuple[dict[str, str], int]:
    """A title of one or two plain paragraphs above "Datum: …" paragraphs (``{"title": …}``), and the
    index of the first paragraph after it: in the Normal style it was read as the first turn, and the
    header below it, "Aanwezig: Anouk Smit (penvoerder), …" too, codable, names and all (a title
    in a Heading style was read as one)."""
    filled = [i for i, b in enumerate(body) if b.strip()][:3]
    for n in (1, 2):
        if len(filled) > n:
            got, rest = split_header("\n".join(body[i] for i in filled[:n + 1]))
            if got.get("title") and not rest.strip():
                return {"title": got["title"]}, filled[n]
    return {}, 0


def _header_line(block: str) -> bool:
    """The paragraph is a header's line only ("Datum: 17 januari 2024", "Aanwezig: …")."""
    got, rest = split_header(block)
    return bool(got) and not rest.strip()


def _note_above_rows(blocks: list[str], i: int) -> bool:
    """Block ``i`` is a plain paragraph that a "Regio | R16" row follows after at most one more, none of them a
    speaker's "Naam: …" line or a heading: a note in the header, above its table."""
    ahead = [b for b in blocks[i:i + 4] if b.strip()][:3]
    if not ahead or ahead[0].startswith((HEADING, ROW)) or labelled(ahead[0]):
        return False
    for b in ahead[1:]:
        if b.startswith(ROW):
            return True
        if b.startswith(HEADING) or labelled(b):
            return False
    return False


_TITLE_BLOCK = "\0title"  # the header's title paragraph (the title attribute, unless Word's properties have one)
def _header(blocks: list[str]) -> tuple[list[str], dict[str, str]]:
    """The blocks after the header, and the header: "Regio | R16" rows as attributes (keys folded,
    Dutch header words as the front matter's keys: region, date) and the title paragraph. Only
    headings, two-cell table rows and empty paragraphs open a header; the first other block ends it."""
    header: dict[str, str] = {}
    i = 0
    while i < len(blocks) and (blocks[i].startswith((HEADING, ROW)) or not blocks[i].strip() or _note_above_rows(
            blocks, i)):
        b = blocks[i]
        if not b.startswith((HEADING, ROW)) and b.strip():
            # a note of a paragraph or two between the title and the header's table ("Fictief interview, …"):
            # the header's (it ended the header, and the table below it was codable text, pipes and all)
            header["note"] = f"{header['note']} {b.strip()}" if "note" in header else b.strip()
        if b.startswith(HEADING):
            header.setdefault(_TITLE_BLOCK, b[len(HEADING):])
        elif b.startswith(ROW):
            key, _sep, value = b[len(ROW):].partition(" | ")
            header[header_key(key)] = header_value(header_key(key), value)
        i += 1
    # a heading further on (a part of the conversation) starts a turn without a speaker
    return [SECTION + b[len(HEADING):] if b.startswith(HEADING) else b.removeprefix(ROW)
            for b in blocks[i:]], header


def _read(path: Path) -> tuple[list[str], dict[str, str], list[str]]:
    """Paragraph and table-row texts in document order, the core properties kept (title and
    creation date; not the author, which is a person's name), and the warning of the notes left out."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
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

    # each paragraph's style name from one table: python-docx's ``p.style`` looks the default style
    # up among every style for each paragraph without one (17 s for a transcript of 12,000 paragraphs)
    names = {st.style_id: st.name for st in document.styles}
    default = next((st.name for st in document.styles if st.type == WD_STYLE_TYPE.PARAGRAPH
                    and st.element.default), "")

    def style_name(p_el) -> str:
        ppr = p_el.pPr
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return (names.get(sid, default) if sid else default) or ""

    def read(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == _W + "p":
                p = Paragraph(child, document)
                style = style_name(child)
                heading = style == "Title" or style.startswith("Heading")
                text = _paragraph_text(p)
                mark = HEADING if heading else BOLD if _bold_alone(p) and ":" not in text.strip().rstrip(":") else ""
                blocks.append(mark + text)
            elif child.tag == _W + "tbl":
                rows: list[list[str]] = []
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell_text(cell._tc).strip()
                        if t and t not in cells:  # a merged cell repeats in every column it spans
                            cells.append(t)
                    if cells:
                        rows.append(cells)
                turns = table_turns(rows)
                if turns is not None:
                    blocks.extend(turns)
                else:
                    blocks.extend((ROW if len(c) == 2 else "") + " | ".join(c) for c in rows)
            elif (inner := _block_content(child)) is not None:
                read(inner)
    read(document.element.body)
    # a first paragraph all in bold of four words or more is the title, as a Title style's or a text file's
    # first line is (a typist's bold title line came in as a codable turn without a speaker; one word,
    # "Inleiding", is a section's heading and stays the text's)
    # and so is a shorter one right above "Datum: …" or "Aanwezig: …" ("Interview Friesland-Noord" was read as a
    # speaker, and the header under it as her codable turn, names and all)
    filled = [i for i, b in enumerate(blocks) if b.strip()][:2]
    if filled and blocks[filled[0]].startswith(BOLD) and (
            len(blocks[filled[0]].split()) >= 4 and name_alone(blocks[filled[0]][len(BOLD):]) is None
            or len(filled) > 1 and _header_line(blocks[filled[1]])):
        blocks[filled[0]] = HEADING + blocks[filled[0]][len(BOLD):]
    blocks = speaker_blocks(blocks)
    attrs = {}
    # a file without properties of its own (LibreOffice's docx links them otherwise): python-docx makes up its
    # defaults, titled "Word Document" and made today, which came in as the interview's title and date
    props = document.core_properties if _has_properties(document) else None
    if props and props.title:
        attrs["title"] = props.title
    if props and props.created and props.created.replace(tzinfo=None) != _TEMPLATE_CREATED:
        attrs["created"] = props.created.date().isoformat()
    return blocks, attrs, _notes_left_out(document.element.body)


# the date python-docx's own template carries into every file made with it (and not changed): it
# said "created 2013-12-23" of a transcript written in 2024, and dated the interview when the file
# had no date of its own
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def _has_properties(document) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    try:
        document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:
        return False
    return True
