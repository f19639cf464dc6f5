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
  text in ``sources/<GUID>.txt`` (UTF-8, no BOM, LF), each speaker turn opened by its label
  ("Ans: ", "[00:12:34] Ans: " with a time; ``refi_sources.LabelledSource``), as sto_qual's import
  and other tools read a transcript; positions are ``str`` offsets in that text;
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

import functools
import os
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from sto_qual.domain.model import Coding
from sto_qual.domain.names import slugify  # noqa: F401 - the importer's and the writer's rule is one
from sto_qual.report.refi_codebook import (ORIGIN, code_description,  # noqa: F401 - callers import it here
                                           code_elements, code_tree, write_qdc)
from sto_qual.report.refi_sources import LabelledSource, sources_part, value_element, variable_type
from sto_qual.report.refi_xml import (guid, guid_of, join_chunks, root_element, sub_element, xml_attr, xml_chunks,
                                      xml_text)
from sto_qual.report.files import atomic_write, remember_refi
from sto_qual.report.refi_zip import write_zip

PROJECT_NS = "urn:QDA-XML:project:1.0"

# Note names (read back by importers/refi.py).
CODING_MEMO_NOTE = "Memo bij codering"
STAR_NOTE = "Citaatkandidaat"
STAR_SET = "Citaatkandidaten"


@dataclass(frozen=True)
class ExportDocument:
    name: str
    text: str
    content_hash: str
    attributes: dict[str, Any] = field(default_factory=dict)
    turns: tuple[tuple[int, str | None, str | None], ...] = ()  # (start, speaker, time_start)


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


def build_project_xml(data: QdpxData) -> tuple[bytes, dict[str, bytes], list[str]]:
    """project.qde bytes, the ``sources/`` members by name, and warnings."""
    chunks, members, warnings = _project_parts(data)
    return join_chunks(chunks), members, warnings


def _project_parts(data: QdpxData) -> tuple[list[Any], dict[str, bytes], list[str]]:
    """project.qde as chunks (see xml_chunks), the ``sources/`` members, and warnings."""
    warnings: list[str] = []
    root = root_element("Project", PROJECT_NS, {"name": data.name or "sto_qual", "origin": ORIGIN})
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
    # each turn opened by its speaker label: the sources' text, and the codings' spans in it
    labelled = {d.name: LabelledSource(d.text, d.turns) for d in data.documents if d.turns}
    labelled = {name: src for name, src in labelled.items() if src.points}
    documents = tuple(replace(d, text=labelled[d.name].text) if d.name in labelled else d for d in data.documents)
    texts = {d.name: d.text for d in documents}

    # notes: memos, coding memos, quote candidates
    notes: list[tuple[str, str, str | None, str | None, str]] = []  # guid, name, coder, created, text
    note_refs: dict[tuple[str, Any], list[str]] = {}
    coding_guid: dict[int, str] = {}
    seen_coding: dict[tuple[Any, ...], int] = {}
    lengths = {name: len(t) for name, t in texts.items()}
    codings = list(data.codings)
    outside: set[int] = set()  # a span outside its stored text (said below with its stored positions)
    if labelled:
        for i, c in enumerate(codings):
            src = labelled.get(c.doc)
            if src is None:
                continue
            if 0 <= c.start < c.end <= len(src.text) - src.before[-1]:
                start, end = src.move(c.start, c.end)
                codings[i] = c._replace(start=start, end=end)
            else:
                outside.add(c.id)
    codings.sort(key=attrgetter("doc", "start", "end", "code", "coder", "id"))
    code_paths = {c.path for c in data.codes}
    kept: list[Coding] = []
    make_guid, seen_get = guid_of, seen_coding.get  # hot loop over every coding
    for c in codings:
        doc, start, end = c.doc, c.start, c.end
        g = doc_guid.get(doc)
        if g is None:
            warnings.append(f"coding #{c.id}: document '{doc}' is not exported; left out")
            continue
        if c.code not in code_paths:
            warnings.append(f"coding #{c.id}: code '{c.code}' is not in the codebook; left out")
            continue
        if not 0 <= start < end <= lengths[doc] or c.id in outside:
            warnings.append(f"coding #{c.id}: span {start}-{end} is outside '{doc}'; left out")
            continue
        key = (g, start, end, c.code, c.coder)
        n = seen_get(key, 0)
        seen_coding[key] = n + 1
        joined = f"coding\x1f{g}\x1f{start}\x1f{end}\x1f{c.code}\x1f{c.coder}"
        coding_guid[c.id] = make_guid(f"{joined}\x1f{n}" if n else joined)
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
        users = sub_element(root, "Users")
        for n in names:
            sub_element(users, "User", {"guid": user_guid[n], "name": n})
    # CodeBook
    if data.codes:
        cb = sub_element(root, "CodeBook")
        codes_el = sub_element(cb, "Codes")
        code_notes = {k[1]: v for k, v in note_refs.items() if k[0] == "code"}
        code_elements(codes_el, code_tree(data.codes), None, code_notes, True, warnings)
    # Variables and Cases
    keys: dict[str, list[Any]] = {}
    for d in data.documents:
        for k, v in d.attributes.items():
            if v is not None and v != "":
                keys.setdefault(k, []).append(v)
    var_kind = {k: variable_type(vs) for k, vs in keys.items()}
    var_guid = {k: guid("variable", k) for k in keys}
    if keys:
        vars_el = sub_element(root, "Variables")
        for k in keys:
            sub_element(vars_el, "Variable", {"guid": var_guid[k], "name": k, "typeOfVariable": var_kind[k]})
        cases = sub_element(root, "Cases")
        for d in data.documents:
            case = sub_element(cases, "Case", {"guid": guid("case", doc_guid[d.name]), "name": d.name})
            for k in keys:
                v = d.attributes.get(k)
                if v is not None and v != "":
                    value_element(case, var_guid[k], var_kind[k], v)
            sub_element(case, "SourceRef", {"targetGUID": doc_guid[d.name]})
    # Sources: the bulk of a large export, written straight as indented XML text (building
    # 150,000 elements one call at a time takes seconds) and spliced into the serialized tree
    # in place of an empty <Sources/>; free text goes through xml_attr (escaped and cleaned)
    members: dict[str, bytes] = {}
    sources_block = None
    if data.documents:
        sub_element(root, "Sources")
        by_doc: dict[str, list[Coding]] = {}
        for c in kept:
            by_doc.setdefault(c.doc, []).append(c)
        for d in documents:
            members[f"sources/{doc_guid[d.name]}.txt"] = d.text.encode("utf-8")
        for c in data.codes:
            code_guid(c.path)
        shared = {"documents": documents, "doc_guid": doc_guid, "by_doc": by_doc, "note_refs": note_refs,
                  "user_guid": user_guid, "coding_guid": coding_guid, "code_guid": code_guid_cache}
        n_docs = len(data.documents)
        sources_block = ("<Sources>", *(functools.partial(sources_part, shared, i, i + 1) for i in range(n_docs)),
                         "\n  </Sources>")
    # Notes: one per memo and per starred coding — thousands in a large project, so written
    # as text like the Sources and spliced in place of an empty <Notes/>
    notes_block = None
    if notes:
        sub_element(root, "Notes")
        nparts = ["<Notes>"]
        for ng, name, coder, created, text in notes:
            user = f' creatingUser="{user_guid[coder]}"' if coder else ""
            when = f' creationDateTime="{xml_attr(created)}"' if created else ""
            nparts.append(f'\n    <Note guid="{ng}" name="{xml_attr(name)}"{user}{when}>\n'
                          f'      <PlainTextContent>{xml_text(text)}</PlainTextContent>\n    </Note>')
        nparts.append("\n  </Notes>")
        notes_block = "".join(nparts)
    # Sets (never empty)
    if star_notes:
        sets = sub_element(root, "Sets")
        s = sub_element(sets, "Set", {"guid": guid("set", STAR_SET), "name": STAR_SET})
        sub_element(s, "Description", text="Gemarkeerde citaten (citaatkandidaten) uit sto_qual; elke notitie "
                                    "hoort bij één codering.")
        for ng in star_notes:
            sub_element(s, "MemberNote", {"targetGUID": ng})
    for ng in note_refs.get(("project", None), []):
        sub_element(root, "NoteRef", {"targetGUID": ng})
    splice = {k: v for k, v in (("<Sources/>", sources_block), ("<Notes/>", notes_block)) if v}
    return xml_chunks(root, splice), members, warnings


def roles_file(qdpx: Path) -> Path:
    """The role map an export writes beside a .qdpx, as REFI-QDA holds no roles: ``NAME-roles.csv``."""
    return qdpx.with_name(f"{qdpx.stem}-roles.csv")


def write_qdpx(data: QdpxData, out_path: str | os.PathLike[str]) -> list[str]:
    """Write ``data`` as a REFI-QDA project file; returns warnings (things left out)."""
    chunks, sources, warnings = _project_parts(data)
    members = [("project.qde", chunks), *sorted(sources.items())]
    atomic_write(Path(out_path), lambda p: write_zip(p, members))
    remember_refi(Path(out_path))
    return warnings
