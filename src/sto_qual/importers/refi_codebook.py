"""REFI-QDA codes: the code tree of a project or a codebook (.qdc) with the structured
Description sto_qual writes (report/refi.py), and ``parse_qdc``.

A .qdc carries a code's name, Description, colour and place in the tree, nothing more: each
code says which fields it gives (``given``), and importing it keeps the others (label_en,
summaries, contrasts; keywords or criteria when its Description has no such paragraph)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from sto_qual.domain.codebook import next_colour, normalise_colour
from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import Codebook, CodeSpec
from sto_qual.domain.names import is_slug, slugify
from sto_qual.domain.text import normalise
from sto_qual.importers.codebook_yaml import FileCodeSpec
from sto_qual.importers.decode import read_bytes
from sto_qual.importers.refi_xml import parse_xml, xml_child, xml_children, xml_tag, xml_text

# Headings of the structured code Description (as report/refi.py writes them).
_FIELDS = {"Wanneer gebruiken:": "when_to_use", "Wanneer niet gebruiken:": "when_not_to_use",
           "Voorbeeld:": "example", "Trefwoorden:": "keywords", "Codenaam:": "code_name"}


@dataclass(frozen=True)
class ParsedCode:
    guid: str
    path: str
    name: str
    parent: str | None
    label: str | None
    colour: str | None
    definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    codable: bool = True
    given: frozenset[str] = frozenset()  # the fields the file states (see parse_code_description)


def parse_code_description(text: str) -> dict[str, Any]:
    """The fields of a structured code Description (a plain one is all definition); ``given``:
    the fields it states (a definition that is not empty, each heading that is there)."""
    fields: dict[str, Any] = {"definition": [], "when_to_use": [], "when_not_to_use": [], "examples": [],
                              "keywords": [], "code_name": []}
    current = fields["definition"]
    given = set()
    for para in normalise(text).split("\n\n"):
        for head, key in _FIELDS.items():
            if para.startswith(head):
                given.add("examples" if key == "example" else key)
                rest = para[len(head):].strip()
                if key == "example":
                    fields["examples"].append([rest])
                    current = fields["examples"][-1]
                else:
                    current = fields[key]
                    current.append(rest)
                break
        else:
            current.append(para)
    out: dict[str, Any] = {k: "\n\n".join(fields[k]).strip() for k in ("definition", "when_to_use",
                                                                     "when_not_to_use", "code_name")}
    out["examples"] = tuple("\n\n".join(e).strip() for e in fields["examples"] if "".join(e).strip())
    out["keywords"] = tuple(k.strip() for k in "; ".join(fields["keywords"]).split(";") if k.strip())
    out["given"] = frozenset(given - {"code_name"}) | ({"definition"} if out["definition"] else frozenset())
    return out


def parse_codes(codes_el: Element | None, warnings: list[str]) -> tuple[list[ParsedCode], dict[str, str],
                                                                   dict[str, list[str]]]:
    """Codes in tree order, GUID -> path, and code path -> note GUIDs."""
    out: list[ParsedCode] = []
    by_guid: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    taken: set[str] = set()

    def walk(el: Element, parent: str | None, parent_colour: str | None, depth: int) -> None:
        if depth > 50:
            raise ImportRefused("the code tree is nested more than 50 levels deep")
        for i, c in enumerate(xml_children(el, "Code")):
            raw_name = (c.get("name") or "").strip()
            desc = parse_code_description(xml_text(xml_child(c, "Description")))
            slug = desc["code_name"] if is_slug(desc["code_name"] or "") else (slugify(raw_name) or "code")
            path = f"{parent}/{slug}" if parent else slug
            n = 2
            while path in taken:
                path = f"{parent}/{slug}-{n}" if parent else f"{slug}-{n}"
                n += 1
            taken.add(path)
            name = path.rsplit("/", 1)[-1]
            g = (c.get("guid") or "").strip()
            if g in by_guid:
                warnings.append(f"code '{raw_name}' repeats GUID {g}; codings use the first")
            else:
                by_guid[g] = path
            colour = normalise_colour(c.get("color"))
            codable = (c.get("isCodable") or "true").strip().lower() in ("true", "1")
            # the name states a label unless it is just the code's name; a colour only when it is one
            given = desc["given"] | {k for k, v in (("label", raw_name and raw_name != name), ("colour", colour)) if v}
            out.append(ParsedCode(guid=g, path=path, name=name, parent=parent,
                                  label=raw_name if raw_name and raw_name != name else None, colour=colour,
                                  definition=desc["definition"], when_to_use=desc["when_to_use"],
                                  when_not_to_use=desc["when_not_to_use"], examples=desc["examples"],
                                  keywords=desc["keywords"], codable=codable, given=frozenset(given)))
            for ref in xml_children(c, "NoteRef"):
                notes.setdefault(path, []).append((ref.get("targetGUID") or "").strip())
            walk(c, path, colour or parent_colour, depth + 1)

    if codes_el is not None:
        walk(codes_el, None, None, 0)
    return out, by_guid, notes


def with_colours(codes: list[ParsedCode]) -> list[CodeSpec]:
    """Codes with a colour each (a parent's, else the palette's); each says what its file gave."""
    colours: dict[str, str] = {}
    specs = []
    top = 0
    for c in codes:
        colour = c.colour or (colours.get(c.parent) if c.parent else None)
        if colour is None:
            colour = next_colour(top)
        if c.parent is None:
            top += 1
        colours[c.path] = colour
        specs.append(FileCodeSpec(path=c.path, name=c.name, parent=c.parent, colour=colour, label=c.label,
                                  definition=c.definition, when_to_use=c.when_to_use,
                                  when_not_to_use=c.when_not_to_use, examples=c.examples, keywords=c.keywords,
                                  given=c.given))
    return specs


# ------------------------------------------------------------------ codebook
def parse_qdc(path: str | Path) -> Codebook:
    """A REFI-QDA codebook (.qdc) as a sto_qual Codebook. Names become slugs (a-z, 0-9, -) with
    the original name kept as the label; codes that are not codable become parent codes."""
    path = Path(path)
    file = str(path)
    root = parse_xml(read_bytes(path), file, "codebook")
    if xml_tag(root.tag) != "CodeBook":
        raise ImportRefused(f"not a REFI-QDA codebook (root element <{xml_tag(root.tag)}>, expected <CodeBook>)",
                            file=file, hint="export the codebook as .qdc")
    warnings: list[str] = []
    try:
        codes, _, _ = parse_codes(xml_child(root, "Codes"), warnings)
    except ImportRefused as exc:
        raise ImportRefused(exc.message, file=file) from None
    if not codes:
        raise ImportRefused("the codebook has no codes", file=file)
    # sto_qual writes a code's label as its name (report/refi.py): naming the slug is news only
    # for another tool's codebook
    if not (root.get("origin") or "").startswith("sto_qual"):
        warnings += [f"{file}: code '{c.label}' is named '{c.name}' here (its original name is its label)"
                     for c in codes if c.label and c.label != c.name]
    return Codebook(title=path.stem, codes=tuple(with_colours(codes)), source=file, warnings=tuple(warnings))
