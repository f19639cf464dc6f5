"""REFI-QDA writers: a project as ``.qdpx`` (Project.xsd) and a codebook as ``.qdc`` (Codebook.xsd).

Pure writers from plain data: no database. The same input always gives the same bytes:
GUIDs are uuid5 of stable keys (a code's path, a coder's name, a document's content hash,
a coding's span/code/coder), nothing carries the time of export, child elements follow the
schema's sequences, and ZIP members carry a fixed timestamp.

What goes where:
- coders -> ``Users/User``; codes -> ``CodeBook/Codes/Code`` (nested; ``name`` is the label
  when there is one, the definition fields go into ``Description`` in the structured form
  below, colour into ``color``);
- document attributes -> ``Variables`` plus one ``Case`` per document (``VariableValue`` +
  ``SourceRef``);
- each document -> ``TextSource`` with ``plainTextPath="internal://<GUID>.txt"`` and the stored
  text in ``sources/<GUID>.txt`` (UTF-8, no BOM, LF); positions are the stored ``str`` offsets;
- codings -> one ``PlainTextSelection`` per distinct span (named ``line:N``, the 0-based line
  where it starts, which is how qc places a coding) holding one ``Coding`` per code and coder;
- a coding's memo, and memos on documents/codes/codings -> ``Notes/Note`` with ``NoteRef``s;
- starred codings (quote candidates) -> a ``Note`` per coding in the ``Set`` "Citaatkandidaten"
  (a Set cannot hold selections, so it holds these notes; each is referenced by its coding).

Structured code ``Description`` (read back by ``sto_qual.importers.refi``)::

    <definition>

    Wanneer gebruiken: <when_to_use>

    Wanneer niet gebruiken: <when_not_to_use>

    Voorbeeld: <example>            (one paragraph per example)

    Trefwoorden: <kw>; <kw>

    Codenaam: <slug>                (only when the slug of the label is not the code's name)
"""
from __future__ import annotations

import hashlib
import threading
import queue
import functools
import os
import re
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
# lxml's C serializer writes a 50,000-coding project several times faster than xml.etree
from xml.sax.saxutils import escape as xml_escape

from lxml import etree as ET

from sto_qual import __version__
from sto_qual.domain.errors import ExportError
from sto_qual.domain.model import Codebook, Coding
from sto_qual.domain.names import slugify  # noqa: F401 - the importer's and the writer's rule is one

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"sto_qual {__version__}"
# Fixed namespace for uuid5: GUIDs depend only on the keys below, never on time or chance.
GUID_NAMESPACE = uuid.UUID("6f0b7a5e-3c1d-5b7e-9a55-2f1c0d9e4a10")

# Headings of the structured code Description (keep in step with importers/refi.py).
WHEN_TO_USE = "Wanneer gebruiken:"
WHEN_NOT_TO_USE = "Wanneer niet gebruiken:"
EXAMPLE = "Voorbeeld:"
KEYWORDS = "Trefwoorden:"
CODE_NAME = "Codenaam:"
# Note names with a meaning on import.
CODING_MEMO_NOTE = "Memo bij codering"
STAR_NOTE = "Citaatkandidaat"
STAR_SET = "Citaatkandidaten"

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_XML_INVALID = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


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


@dataclass(frozen=True)
class ExportDocument:
    name: str
    text: str
    content_hash: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportMemo:
    """A memo and what it is attached to: ``target`` is 'project', 'document' (``ref`` = document
    name), 'code' (``ref`` = code path) or 'coding' (``ref`` = coding id)."""
    target: str
    ref: str | int | None
    text: str
    coder: str | None = None
    created_at: str | None = None


@dataclass(frozen=True)
class QdpxData:
    """Everything a .qdpx holds, as plain values (gathered by services.interchange)."""
    name: str
    coders: tuple[str, ...]
    codes: tuple[Any, ...]               # Code or CodeSpec, parents before children
    documents: tuple[ExportDocument, ...]
    codings: tuple[Coding, ...]
    memos: tuple[ExportMemo, ...] = ()


_NS_BYTES = GUID_NAMESPACE.bytes
US = "\x1f"


def guid(*key: object) -> str:
    """Deterministic GUID of a stable key: uuid5(GUID_NAMESPACE, the parts joined by U+001F)."""
    return _guid_of("\x1f".join(map(str, key)))


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def _guid_of(joined: str) -> str:
    """uuid5 without the uuid module's object overhead (a large export makes 100,000s):
    the SHA-1 of namespace + name, version nibble 5, RFC 4122 variant bits."""
    x = hashlib.sha1(_NS_BYTES + joined.encode("utf-8")).hexdigest()
    return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


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


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters)."""
    if text.isprintable():
        return text
    return _XML_INVALID.sub("", text)


_NEEDS_ESCAPE = re.compile(r'[&<>"\x00-\x1f]')


def _attr(value: str) -> str:
    value = str(value)
    if not _NEEDS_ESCAPE.search(value):  # timestamps and names without markup
        return value
    return xml_escape(_clean(value), {'"': "&quot;", "\n": "&#10;", "\t": "&#9;"})


def _text(value: str) -> str:
    """Element text: cleaned of characters XML cannot carry, markup escaped."""
    return xml_escape(_clean(str(value)))


def _root(tag: str, ns: str, attrib: dict[str, str]) -> ET._Element:
    return ET.Element(f"{{{ns}}}{tag}", attrib, nsmap={None: ns})


def _sub(parent: ET._Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
         ) -> ET._Element:
    ns = parent.tag[1:parent.tag.index("}")]
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: _clean(v) for k, v in (attrib or {}).items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _xml_chunks(root: ET._Element, splice: dict[str, Any]) -> list[Any]:
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


def _join(chunks: list[Any]) -> bytes:
    return "".join(c() if callable(c) else c for c in chunks).encode("utf-8")


def _xml_bytes(root: ET._Element, splice: dict[str, str] | None = None) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    for placeholder, text in (splice or {}).items():
        body = body.replace(placeholder, text, 1)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _atomic_write(out_path: Path, write: Any) -> None:
    """Write through a temporary file in the target folder, then rename over the target."""
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise ExportError(f"cannot write {out_path}: no such directory {out_path.parent}")
    tmp = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out_path} ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------ codebook
def _code_tree(codes: Iterable[CodeLike]) -> dict[str | None, list[CodeLike]]:
    children: dict[str | None, list[CodeLike]] = {}
    paths = set()
    for c in codes:
        paths.add(c.path)
        children.setdefault(c.parent if c.parent in paths else None, []).append(c)
    return children


def _code_elements(parent_el: ET._Element, children: dict[str | None, list[CodeLike]], parent: str | None,
                   notes: dict[str, list[str]] | None, with_refs: bool, warnings: list[str]) -> None:
    for c in children.get(parent, []):
        attrib = {"guid": guid("code", c.path), "name": code_display_name(c), "isCodable": "true"}
        if c.colour and _COLOUR.match(c.colour):
            attrib["color"] = c.colour.lower()
        elif c.colour:
            warnings.append(f"code '{c.path}': colour {c.colour!r} is not #rrggbb; left out")
        el = _sub(parent_el, "Code", attrib)
        desc = code_description(c)
        if desc:
            _sub(el, "Description", text=desc)
        if with_refs:
            for note_guid in (notes or {}).get(c.path, []):
                _sub(el, "NoteRef", {"targetGUID": note_guid})
        _code_elements(el, children, c.path, notes, with_refs, warnings)


def write_qdc(codebook: Codebook, coders: Sequence[str], out_path: str | os.PathLike[str]) -> None:
    """Write a codebook as a REFI-QDA ``.qdc`` (Codebook.xsd). ``coders`` is accepted for the
    workspace's signature; the codebook schema has no users. No ``Sets`` are written (the
    schema forbids an empty one and sto_qual has no code sets)."""
    del coders
    root = _root("CodeBook", CODEBOOK_NS, {"origin": ORIGIN})
    codes_el = _sub(root, "Codes")
    warnings: list[str] = []
    _code_elements(codes_el, _code_tree(codebook.codes), None, None, False, warnings)
    if not len(codes_el):
        raise ExportError("the codebook has no codes; a .qdc needs at least one")
    data = _xml_bytes(root)
    _atomic_write(Path(out_path), lambda p: p.write_bytes(data))


# ------------------------------------------------------------------- project
def _variable_type(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "Boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if all(isinstance(v, float) and v == v and abs(v) != float("inf") for v in values):
        return "Float"
    return "Text"


def _value_element(parent: ET._Element, var_guid: str, kind: str, value: Any) -> None:
    vv = _sub(parent, "VariableValue")
    _sub(vv, "VariableRef", {"targetGUID": var_guid})
    if kind == "Boolean":
        _sub(vv, "BooleanValue", text="true" if value else "false")
    elif kind == "Integer":
        _sub(vv, "IntegerValue", text=str(value))
    elif kind == "Float":  # xsd:decimal: no exponent
        _sub(vv, "FloatValue", text=format(Decimal(repr(value)), "f"))
    else:
        _sub(vv, "TextValue", text=str(value))


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _sources_part(shared: dict[str, Any], lo: int, hi: int) -> str:
    """The <TextSource> elements of documents lo..hi as indented XML text (the bulk of a
    large export: 150,000 elements built one call at a time would take seconds)."""
    doc_guid, by_doc, note_refs = shared["doc_guid"], shared["by_doc"], shared["note_refs"]
    user_guid, coding_guid, code_guid = shared["user_guid"], shared["coding_guid"], shared["code_guid"]
    parts: list[str] = []
    for d in shared["documents"][lo:hi]:
        g = doc_guid[d.name]
        head = f'\n    <TextSource guid="{g}" name="{_attr(d.name)}" plainTextPath="internal://{g}.txt"'
        spans: dict[tuple[int, int], list[Coding]] = {}
        for c in by_doc.get(d.name, []):
            spans.setdefault((c.start, c.end), []).append(c)
        doc_notes = note_refs.get(("document", d.name), [])
        if not spans and not doc_notes:
            parts.append(head + "/>")
            continue
        parts.append(head + ">")
        line, line_pos = 0, 0
        for (start, end), group in sorted(spans.items()):
            first = group[0] if len(group) == 1 else min(group, key=lambda c: (c.created_at or "", c.id))
            line += d.text.count("\n", line_pos, start)
            line_pos = start
            created = f' creationDateTime="{_attr(first.created_at)}"' if first.created_at else ""
            parts.append(f'\n      <PlainTextSelection guid="{_guid_of(f"selection{US}{g}{US}{start}{US}{end}")}" '
                         f'name="line:{line}" startPosition="{start}" endPosition="{end}" '
                         f'creatingUser="{user_guid[first.coder]}"{created}>')
            for c in group:
                created = f' creationDateTime="{_attr(c.created_at)}"' if c.created_at else ""
                parts.append(f'\n        <Coding guid="{coding_guid[c.id]}" creatingUser="{user_guid[c.coder]}"'
                             f'{created}>\n          <CodeRef targetGUID="{code_guid[c.code]}"/>')
                parts += [f'\n          <NoteRef targetGUID="{ng}"/>' for ng in note_refs.get(("coding", c.id), ())]
                parts.append("\n        </Coding>")
            parts.append("\n      </PlainTextSelection>")
        parts += [f'\n      <NoteRef targetGUID="{ng}"/>' for ng in doc_notes]
        parts.append("\n    </TextSource>")
    return "".join(parts)


def build_project_xml(data: QdpxData) -> tuple[bytes, dict[str, bytes], list[str]]:
    """project.qde bytes, the ``sources/`` members by name, and warnings."""
    chunks, members, warnings = _project_parts(data)
    return _join(chunks), members, warnings


def _project_parts(data: QdpxData) -> tuple[list[Any], dict[str, bytes], list[str]]:
    """project.qde as chunks (see _xml_chunks), the ``sources/`` members, and warnings."""
    warnings: list[str] = []
    root = _root("Project", PROJECT_NS, {"name": data.name or "sto_qual", "origin": ORIGIN})
    code_guid_cache: dict[str, str] = {}

    def code_guid(path: str) -> str:
        g = code_guid_cache.get(path)
        if g is None:
            g = code_guid_cache[path] = guid("code", path)
        return g

    # users: every coder, plus any name that only appears on a coding or memo
    names = list(dict.fromkeys([*data.coders, *(c.coder for c in data.codings),
                                *(m.coder for m in data.memos if m.coder)]))
    user_guid = {n: guid("user", n) for n in names}

    # documents first (codings and memos refer to them)
    doc_guid: dict[str, str] = {}
    used: set[str] = set()
    for d in data.documents:
        g = guid("source", d.content_hash)
        n = 2
        while g in used:  # two documents with one text: keep GUIDs unique
            g = guid("source", d.content_hash, n)
            n += 1
        used.add(g)
        doc_guid[d.name] = g
    texts = {d.name: d.text for d in data.documents}

    # notes: memos, coding memos, quote candidates
    notes: list[tuple[str, str, str | None, str | None, str]] = []  # guid, name, coder, created, text
    note_refs: dict[tuple[str, Any], list[str]] = {}
    coding_guid: dict[int, str] = {}
    seen_coding: dict[tuple[Any, ...], int] = {}
    codings = sorted(data.codings, key=attrgetter("doc", "start", "end", "code", "coder", "id"))
    code_paths = {c.path for c in data.codes}
    lengths = {name: len(t) for name, t in texts.items()}
    kept: list[Coding] = []
    guid_of, seen_get = _guid_of, seen_coding.get  # hot loop over every coding
    for c in codings:
        doc, start, end = c.doc, c.start, c.end
        g = doc_guid.get(doc)
        if g is None:
            warnings.append(f"coding #{c.id}: document '{doc}' is not exported; left out")
            continue
        if c.code not in code_paths:
            warnings.append(f"coding #{c.id}: code '{c.code}' is not in the codebook; left out")
            continue
        if not 0 <= start < end <= lengths[doc]:
            warnings.append(f"coding #{c.id}: span {start}-{end} is outside '{doc}'; left out")
            continue
        key = (g, start, end, c.code, c.coder)
        n = seen_get(key, 0)
        seen_coding[key] = n + 1
        joined = f"coding\x1f{g}\x1f{start}\x1f{end}\x1f{c.code}\x1f{c.coder}"
        coding_guid[c.id] = guid_of(f"{joined}\x1f{n}" if n else joined)
        kept.append(c)
    star_notes: list[str] = []
    for c in kept:
        g = coding_guid[c.id]
        if c.memo:
            ng = guid("coding-memo", g)
            notes.append((ng, CODING_MEMO_NOTE, c.coder, None, c.memo))
            note_refs.setdefault(("coding", c.id), []).append(ng)
    memo_seen: dict[tuple[Any, ...], int] = {}
    for m in data.memos:
        if m.target == "document":
            if m.ref not in doc_guid:
                warnings.append(f"memo on unknown document '{m.ref}'; left out")
                continue
            target_key: tuple[Any, ...] = ("document", doc_guid[str(m.ref)])
            ref_key: tuple[str, Any] = ("document", m.ref)
        elif m.target == "code":
            if m.ref not in code_paths:
                warnings.append(f"memo on unknown code '{m.ref}'; left out")
                continue
            target_key = ref_key = ("code", m.ref)
        elif m.target == "coding":
            if m.ref not in coding_guid:
                warnings.append(f"memo on coding #{m.ref}, which is not exported; left out")
                continue
            target_key = ("coding", coding_guid[int(m.ref)])  # type: ignore[arg-type]
            ref_key = ("coding", m.ref)
        elif m.target == "project":
            target_key = ref_key = ("project", None)
        else:
            warnings.append(f"memo on a {m.target}: not expressible; left out")
            continue
        k = (*target_key, m.coder or "", m.text)
        n = memo_seen.get(k, 0)
        memo_seen[k] = n + 1
        ng = guid("memo", *k, n) if n else guid("memo", *k)
        notes.append((ng, "Memo", m.coder, m.created_at, m.text))
        note_refs.setdefault(ref_key, []).append(ng)
    for c in kept:
        if c.starred:
            ng = guid("star", coding_guid[c.id])
            notes.append((ng, STAR_NOTE, c.coder, None, c.text))
            note_refs.setdefault(("coding", c.id), []).append(ng)
            star_notes.append(ng)

    # Users
    if names:
        users = _sub(root, "Users")
        for n in names:
            _sub(users, "User", {"guid": user_guid[n], "name": n})
    # CodeBook
    if data.codes:
        cb = _sub(root, "CodeBook")
        codes_el = _sub(cb, "Codes")
        code_notes = {k[1]: v for k, v in note_refs.items() if k[0] == "code"}
        _code_elements(codes_el, _code_tree(data.codes), None, code_notes, True, warnings)
    # Variables and Cases
    keys: dict[str, list[Any]] = {}
    for d in data.documents:
        for k, v in d.attributes.items():
            if v is not None and v != "":
                keys.setdefault(k, []).append(v)
    var_kind = {k: _variable_type(vs) for k, vs in keys.items()}
    var_guid = {k: guid("variable", k) for k in keys}
    if keys:
        vars_el = _sub(root, "Variables")
        for k in keys:
            _sub(vars_el, "Variable", {"guid": var_guid[k], "name": k, "typeOfVariable": var_kind[k]})
        cases = _sub(root, "Cases")
        for d in data.documents:
            case = _sub(cases, "Case", {"guid": guid("case", doc_guid[d.name]), "name": d.name})
            for k in keys:
                v = d.attributes.get(k)
                if v is not None and v != "":
                    _value_element(case, var_guid[k], var_kind[k], v)
            _sub(case, "SourceRef", {"targetGUID": doc_guid[d.name]})
    # Sources: the bulk of a large export, written straight as indented XML text (building
    # 150,000 elements one call at a time takes seconds) and spliced into the serialized tree
    # in place of an empty <Sources/>; free text goes through _attr (escaped and cleaned)
    members: dict[str, bytes] = {}
    sources_block = None
    if data.documents:
        _sub(root, "Sources")
        by_doc: dict[str, list[Coding]] = {}
        for c in kept:
            by_doc.setdefault(c.doc, []).append(c)
        for d in data.documents:
            members[f"sources/{doc_guid[d.name]}.txt"] = d.text.encode("utf-8")
        for c in data.codes:
            code_guid(c.path)
        shared = {"documents": data.documents, "doc_guid": doc_guid, "by_doc": by_doc, "note_refs": note_refs,
                  "user_guid": user_guid, "coding_guid": coding_guid, "code_guid": code_guid_cache}
        n_docs = len(data.documents)
        sources_block = ("<Sources>", *(functools.partial(_sources_part, shared, i, i + 1) for i in range(n_docs)),
                         "\n  </Sources>")
    # Notes: one per memo and per starred coding — thousands in a large project, so written
    # as text like the Sources and spliced in place of an empty <Notes/>
    notes_block = None
    if notes:
        _sub(root, "Notes")
        nparts = ["<Notes>"]
        for ng, name, coder, created, text in notes:
            user = f' creatingUser="{user_guid[coder]}"' if coder else ""
            when = f' creationDateTime="{_attr(created)}"' if created else ""
            nparts.append(f'\n    <Note guid="{ng}" name="{_attr(name)}"{user}{when}>\n'
                          f'      <PlainTextContent>{_text(text)}</PlainTextContent>\n    </Note>')
        nparts.append("\n  </Notes>")
        notes_block = "".join(nparts)
    # Sets (never empty)
    if star_notes:
        sets = _sub(root, "Sets")
        s = _sub(sets, "Set", {"guid": guid("set", STAR_SET), "name": STAR_SET})
        _sub(s, "Description", text="Gemarkeerde citaten (citaatkandidaten) uit sto_qual; elke notitie "
                                    "hoort bij één codering.")
        for ng in star_notes:
            _sub(s, "MemberNote", {"targetGUID": ng})
    for ng in note_refs.get(("project", None), []):
        _sub(root, "NoteRef", {"targetGUID": ng})
    splice = {k: v for k, v in (("<Sources/>", sources_block), ("<Notes/>", notes_block)) if v}
    return _xml_chunks(root, splice), members, warnings


def _write_zip(path: Path, members: list[tuple[str, Any]]) -> None:
    """Members in the order given; a payload is bytes or a list of text chunks (streamed)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, payload in members:
            if isinstance(payload, list):
                _stream(zf, name, payload)
            else:
                zf.writestr(_zip_info(name), payload)


def write_qdpx(data: QdpxData, out_path: str | os.PathLike[str]) -> list[str]:
    """Write ``data`` as a REFI-QDA project file; returns warnings (things left out)."""
    chunks, sources, warnings = _project_parts(data)
    members = [("project.qde", chunks), *sorted(sources.items())]
    _atomic_write(Path(out_path), lambda p: _write_zip(p, members))
    return warnings


def _stream(zf: zipfile.ZipFile, name: str, chunks: list[Any]) -> None:
    """Write a member from text chunks: a thread compresses (zlib releases the GIL) while
    this one makes the text of the next chunks (the Sources of the next documents)."""
    with zf.open(_zip_info(name), "w") as fh:
        q: queue.Queue = queue.Queue(maxsize=256)
        failed: list[BaseException] = []

        def drain() -> None:
            while True:
                item = q.get()
                if item is None:
                    return
                if not failed:
                    try:
                        fh.write(item)
                    except BaseException as exc:  # re-raised in the calling thread
                        failed.append(exc)

        t = threading.Thread(target=drain, daemon=True)
        t.start()
        try:
            for c in chunks:
                q.put((c() if callable(c) else c).encode("utf-8"))
                if failed:
                    break
        finally:
            q.put(None)
            t.join()
        if failed:
            raise failed[0]


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 1  # fast; a .qdpx is for moving, not archiving
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
