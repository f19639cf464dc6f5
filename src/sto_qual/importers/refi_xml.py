"""Reading REFI-QDA XML safely: defusedxml, control characters refused with their line, and
the small lookups the readers share (children by local name, text, dates, colours)."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from sto_qual.domain.errors import ImportRefused


def xml_tag(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xml_children(el: Element, name: str) -> list[Element]:
    return [c for c in el if xml_tag(c.tag) == name]


def xml_child(el: Element, name: str) -> Element | None:
    for c in el:
        if xml_tag(c.tag) == name:
            return c
    return None


def xml_text(el: Element | None) -> str:
    return (el.text or "") if el is not None else ""


def parse_xml(data: bytes, file: str, part: str) -> Element:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        _refuse_controls(root, data, file, part)
        return root
    except DefusedXmlException:
        raise ImportRefused(f"{part}: XML with entity declarations or external references is refused",
                            file=file, hint="possible entity-expansion attack; export the file again") from None
    except ParseError as exc:
        line = getattr(exc, "position", (None,))[0]
        raise ImportRefused(f"{part}: not well-formed XML ({exc})", file=file, line=line) from None


_CHAR_REF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")
_MAY_HOLD_CONTROL = re.compile(rb"&#|\xc2[\x80-\x9f]|\x7f")


def _ref_value(ref: bytes) -> int:
    return int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)


def _refuse_controls(root: Element, data: bytes, file: str, part: str) -> None:
    """XML 1.0 lets a C1 control arrive as a character reference (``&#x9b;2J`` is a terminal
    CSI): refuse any control character in a name, attribute or text, with its line."""
    from sto_qual.domain.controls import describe, first_control
    if not _MAY_HOLD_CONTROL.search(data):  # the common case: no character references, no raw C1
        return
    for el in root.iter():
        for value in (el.text, el.tail, *el.attrib.values()):
            # a CR (``&#13;``, from CRLF line ends) is ordinary in exported XML and normalised later
            bad = first_control(value.replace("\r", "")) if value else None
            if bad is None:
                continue
            char = bad.group()
            pos = data.find(char.encode("utf-8"))
            if pos < 0:
                pos = next((m.start() for m in _CHAR_REF.finditer(data) if _ref_value(m.group(1)) == ord(char)), -1)
            line = data.count(b"\n", 0, pos) + 1 if pos >= 0 else None
            raise ImportRefused(f"{part}: {describe(char)} in the XML (a terminal escape?)", file=file, line=line,
                                hint="remove it in the tool that made the file and export again")


def iso_datetime(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.endswith(("Z", "z")):  # the store writes UTC as +00:00
        value = value[:-1] + "+00:00"
    try:
        _dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return value
