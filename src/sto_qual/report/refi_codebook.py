"""REFI-QDA codes: the structured Description, the nested <Code> elements a project and a
codebook share, and ``write_qdc``."""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from lxml import etree as ET

from sto_qual import __version__
from sto_qual.domain.codebook import normalise_colour
from sto_qual.domain.errors import ExportError
from sto_qual.domain.model import Codebook
from sto_qual.domain.names import slugify
from sto_qual.report.refi_xml import guid, root_element, sub_element, xml_bytes
from sto_qual.report.files import atomic_write, remember_refi

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"sto_qual {__version__}"

# Headings of the structured code Description (keep in step with importers/refi.py).
WHEN_TO_USE = "Wanneer gebruiken:"
WHEN_NOT_TO_USE = "Wanneer niet gebruiken:"
EXAMPLE = "Voorbeeld:"
KEYWORDS = "Trefwoorden:"
CODE_NAME = "Codenaam:"

class CodeLike(Protocol):
    path: str
    name: str
    parent: str | None
    colour: str
    label: str | None
    definition: str
    when_to_use: str
    when_not_to_use: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]


def code_display_name(code: CodeLike) -> str:
    return (code.label or "").strip() or code.name


def code_description(code: CodeLike) -> str:
    """The structured Description of a code (see the module docstring)."""
    parts = []
    if code.definition.strip():
        parts.append(code.definition.strip())
    if code.when_to_use.strip():
        parts.append(f"{WHEN_TO_USE} {code.when_to_use.strip()}")
    if code.when_not_to_use.strip():
        parts.append(f"{WHEN_NOT_TO_USE} {code.when_not_to_use.strip()}")
    parts += [f"{EXAMPLE} {ex.strip()}" for ex in code.examples if ex.strip()]
    if code.keywords:
        parts.append(f"{KEYWORDS} " + "; ".join(k.strip() for k in code.keywords if k.strip()))
    if slugify(code_display_name(code)) != code.name:
        parts.append(f"{CODE_NAME} {code.name}")
    return "\n\n".join(parts)


# ------------------------------------------------------------------ codebook
def code_tree(codes: Iterable[CodeLike]) -> dict[str | None, list[CodeLike]]:
    children: dict[str | None, list[CodeLike]] = {}
    paths = set()
    for c in codes:
        paths.add(c.path)
        children.setdefault(c.parent if c.parent in paths else None, []).append(c)
    return children


def code_elements(parent_el: ET._Element, children: dict[str | None, list[CodeLike]], parent: str | None,
                   notes: dict[str, list[str]] | None, with_refs: bool, warnings: list[str]) -> None:
    for c in children.get(parent, []):
        attrib = {"guid": guid("code", c.path), "name": code_display_name(c), "isCodable": "true"}
        colour = normalise_colour(c.colour)
        if colour:
            attrib["color"] = colour
        elif c.colour:
            warnings.append(f"code '{c.path}': colour {c.colour!r} is not #rrggbb; left out")
        el = sub_element(parent_el, "Code", attrib)
        desc = code_description(c)
        if desc:
            sub_element(el, "Description", text=desc)
        if with_refs:
            for note_guid in (notes or {}).get(c.path, []):
                sub_element(el, "NoteRef", {"targetGUID": note_guid})
        code_elements(el, children, c.path, notes, with_refs, warnings)


def write_qdc(codebook: Codebook, coders: Sequence[str], out_path: str | os.PathLike[str]) -> None:
    """Write a codebook as a REFI-QDA ``.qdc`` (Codebook.xsd). ``coders`` is accepted for the
    workspace's signature; the codebook schema has no users. No ``Sets`` are written (the
    schema forbids an empty one and sto_qual has no code sets)."""
    del coders
    root = root_element("CodeBook", CODEBOOK_NS, {"origin": ORIGIN})
    codes_el = sub_element(root, "Codes")
    warnings: list[str] = []
    code_elements(codes_el, code_tree(codebook.codes), None, None, False, warnings)
    if not len(codes_el):
        raise ExportError("the codebook has no codes; a .qdc needs at least one")
    data = xml_bytes(root)
    atomic_write(Path(out_path), lambda p: p.write_bytes(data))
    remember_refi(Path(out_path))
