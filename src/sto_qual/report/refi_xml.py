"""Writing REFI-QDA XML: deterministic GUIDs, text and attributes cleaned of what XML 1.0
cannot carry, lxml elements, and a document as text chunks (parts of it made later)."""
from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any
from xml.sax.saxutils import escape as xml_escape

# lxml's C serializer writes a 50,000-coding project several times faster than xml.etree
from lxml import etree as ET

# Fixed namespace for uuid5: GUIDs depend only on the keys below, never on time or chance.
GUID_NAMESPACE = uuid.UUID("6f0b7a5e-3c1d-5b7e-9a55-2f1c0d9e4a10")
_NS_BYTES = GUID_NAMESPACE.bytes
US = "\x1f"
_XML_INVALID = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def guid(*key: object) -> str:
    """Deterministic GUID of a stable key: uuid5(GUID_NAMESPACE, the parts joined by U+001F)."""
    return guid_of("\x1f".join(map(str, key)))


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def guid_of(joined: str) -> str:
    """uuid5 without the uuid module's object overhead (a large export makes 100,000s):
    the SHA-1 of namespace + name, version nibble 5, RFC 4122 variant bits."""
    x = hashlib.sha1(_NS_BYTES + joined.encode("utf-8")).hexdigest()
    return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


def xml_clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    if text.isprintable():
        return text
    return _XML_INVALID.sub("", text)


_NEEDS_ESCAPE = re.compile(r'[&<>"\x00-\x1f]')


def xml_attr(value: str) -> str:
    value = str(value)
    if not _NEEDS_ESCAPE.search(value):  # timestamps and names without markup
        return value
    return xml_escape(xml_clean(value), {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"})


def xml_text(value: str) -> str:
    """Element text: cleaned of characters XML cannot carry, markup escaped."""
    return xml_escape(xml_clean(str(value)))


def root_element(tag: str, ns: str, attrib: dict[str, str]) -> ET._Element:
    return ET.Element(f"{{{ns}}}{tag}", attrib, nsmap={None: ns})


def sub_element(parent: ET._Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
         ) -> ET._Element:
    ns = parent.tag[1:parent.tag.index("}")]
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: xml_clean(v) for k, v in (attrib or {}).items()})
    if text is not None:
        el.text = xml_clean(text)
    return el


def xml_chunks(root: ET._Element, splice: dict[str, Any]) -> list[Any]:
    """The document as a list of str pieces and zero-argument callables that return str
    pieces (the Sources, made while the ZIP writer compresses what came before)."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    out: list[Any] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    rest = body
    marks = sorted(((rest.find(k), k) for k in splice if rest.find(k) >= 0))
    pos = 0
    for at, key in marks:
        out.append(rest[pos:at])
        value = splice[key]
        out.extend(value if isinstance(value, tuple) else (value,))
        pos = at + len(key)
    out.append(rest[pos:] + "\n")
    return out


def join_chunks(chunks: list[Any]) -> bytes:
    return "".join(c() if callable(c) else c for c in chunks).encode("utf-8")


def xml_bytes(root: ET._Element, splice: dict[str, str] | None = None) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    for placeholder, text in (splice or {}).items():
        body = body.replace(placeholder, text, 1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
