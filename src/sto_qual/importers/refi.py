"""REFI-QDA readers: ``parse_qdpx`` (a project, Project.xsd) and ``parse_qdc`` (a codebook).

A .qdpx is untrusted input. The ZIP is opened through ``decode.check_zip`` (size, member count,
packing ratio) and members are read into memory by the names the project XML points to; nothing
is ever extracted to disk, so a member called ``../../x`` cannot write anywhere. All XML goes
through defusedxml: entity declarations (billion laughs) and external entities are refused.
Sources referenced outside the archive (``absolute://``, ``relative://``) are never read.

Positions. ``PlainTextSelection`` positions count code points of the source text *as the
exporter stored it*, after a BOM: a CRLF counts as two characters. The text is then normalised
the way every sto_qual import is (``domain.text.normalise``: CRLF -> LF, NFC, no trailing
spaces, at most one blank line, no leading/trailing blank lines) and speaker labels are moved
out of the text into turns (``importers.speakers.split_turns``); every one of those edits is
tracked, and each selection's start and end are carried through them. A start inside removed
text (a label, a CR) moves to the next kept character, an end to just after the last kept one;
line breaks at either edge of a selection are left out (qc and paragraph quotations include
the line's own line break).

Tolerated: a BOM, CRLF or CR line ends, ``Sources/`` in any case, ``richTextPath`` next to a
``plainTextPath`` (the plain text is used), text in ``PlainTextContent``, codes that are not
codable (they become parent codes), missing optional parts (users, codebook, notes, variables).
Non-text sources (PDF, picture, audio, video) are skipped with a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from sto_qual.domain.controls import check_document_name, escape_controls
from sto_qual.domain.errors import ImportRefused, StoQualError
from sto_qual.domain.model import ParsedDocument
from sto_qual.domain.names import slugify  # noqa: F401 - the importer's and the writer's rule is one
from sto_qual.domain.text import normalise
from sto_qual.importers import limits
from sto_qual.importers.decode import check_zip, decode
from sto_qual.importers.refi_archive import Archive, source_text
from sto_qual.importers.refi_codebook import (ParsedCode, parse_code_description,  # noqa: F401 - read here
                                              parse_codes, parse_qdc)
from sto_qual.importers.refi_positions import carry, normalise_tracked, turns_tracked
from sto_qual.importers.refi_xml import iso_datetime, parse_xml, xml_child, xml_children, xml_tag, xml_text

# Note names (as report/refi.py writes them).
CODING_MEMO_NOTE = "Memo bij codering"
STAR_NOTE = "Citaatkandidaat"
STAR_SET = "Citaatkandidaten"
_DOC_SUFFIX = re.compile(r"\.(txt|text|md|docx?|rtf|odt|pdf|html?)$", re.IGNORECASE)
_OTHER_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class ParsedSource:
    guid: str
    document: ParsedDocument


@dataclass(frozen=True)
class ParsedCoding:
    guid: str
    source: str            # ParsedSource.guid
    code: str              # code path
    start: int             # offsets into ParsedSource.document.text
    end: int
    coder: str | None      # None: the exporter named nobody
    created_at: str | None = None
    memo: str | None = None
    starred: bool = False


@dataclass(frozen=True)
class ParsedMemo:
    target: str            # 'document' | 'code' | 'coding'
    ref: str               # source guid | code path | coding guid
    text: str
    coder: str | None = None
    created_at: str | None = None


@dataclass(frozen=True)
class ParsedProject:
    name: str
    origin: str
    users: tuple[str, ...]
    codes: tuple[ParsedCode, ...]
    sources: tuple[ParsedSource, ...]
    codings: tuple[ParsedCoding, ...]
    memos: tuple[ParsedMemo, ...]
    warnings: tuple[str, ...] = ()


# ------------------------------------------------------------------- project
def parse_qdpx(path: str | Path) -> ParsedProject:
    """Read a REFI-QDA project file (see the module docstring); raises ImportRefused."""
    path = Path(path)
    file = str(path)
    zf = check_zip(path, "REFI-QDA project (.qdpx)")
    try:
        return _parse_project(Archive(zf, file), file)
    finally:
        zf.close()


def _parse_project(ar: Archive, file: str) -> ParsedProject:
    root = parse_xml(ar.read(ar.qde), file, "project.qde")
    if xml_tag(root.tag) != "Project":
        raise ImportRefused(f"project.qde: root element is <{xml_tag(root.tag)}>, expected <Project>", file=file)
    warnings: list[str] = []
    own = (root.get("origin") or "").startswith("sto_qual")

    # users
    users: dict[str, str] = {}
    users_el = xml_child(root, "Users")
    for u in xml_children(users_el, "User") if users_el is not None else []:
        g = (u.get("guid") or "").strip()
        name = " ".join((u.get("name") or u.get("id") or "").split())[:80] or f"gebruiker-{g[:8]}"
        users[g] = name

    # codes
    cb = xml_child(root, "CodeBook")
    codes, code_by_guid, code_notes = parse_codes(xml_child(cb, "Codes") if cb is not None else None, warnings)

    # notes (memos), and which of them mark quote candidates
    notes: dict[str, tuple[str, str, str | None, str | None]] = {}  # guid -> name, text, coder, created
    note_order: dict[str, int] = {}
    notes_el = xml_child(root, "Notes")
    for n in xml_children(notes_el, "Note") if notes_el is not None else []:
        text = xml_text(xml_child(n, "PlainTextContent"))
        ptp = n.get("plainTextPath") or ""
        if not text and ptp.startswith("internal://"):
            member = ar.internal(ptp)
            data = ar.read(member) if member else b""
            text = decode(data, f"{file}:{member}") if data.strip() else ""
        text = normalise(text)
        if text:
            note_order.setdefault((n.get("guid") or "").strip(), len(note_order))
            notes[(n.get("guid") or "").strip()] = (n.get("name") or "", text,
                                                    users.get(n.get("creatingUser") or ""),
                                                    iso_datetime(n.get("creationDateTime")))
    star_notes: set[str] = set()
    sets_el = xml_child(root, "Sets")
    other_sets = 0
    for s in xml_children(sets_el, "Set") if sets_el is not None else []:
        if (s.get("name") or "").strip() == STAR_SET:
            star_notes |= {(m.get("targetGUID") or "").strip() for m in xml_children(s, "MemberNote")}
        else:
            other_sets += 1
    if other_sets:
        warnings.append(f"{other_sets} set(s) not imported (sto_qual has no sets)")
    used_notes: set[str] = set()

    # variables and cases
    variables: dict[str, tuple[str, str]] = {}
    vars_el = xml_child(root, "Variables")
    for v in xml_children(vars_el, "Variable") if vars_el is not None else []:
        variables[(v.get("guid") or "").strip()] = ((v.get("name") or "").strip(),
                                                    (v.get("typeOfVariable") or "Text").strip())
    case_attrs: dict[str, dict[str, Any]] = {}
    cases_el = xml_child(root, "Cases")
    for case in xml_children(cases_el, "Case") if cases_el is not None else []:
        values = _values(case, variables)
        for ref in xml_children(case, "SourceRef"):
            target = case_attrs.setdefault((ref.get("targetGUID") or "").strip(), {})
            for k, v in values.items():
                target.setdefault(k, v)

    # sources, selections, codings
    sources: list[ParsedSource] = []
    codings: list[ParsedCoding] = []
    memos: list[tuple[int, ParsedMemo]] = []  # (position of the note in <Notes>, memo)
    coding_guids: set[str] = set()
    skipped_kinds: dict[str, int] = {}
    sources_el = xml_child(root, "Sources")
    for src in list(sources_el) if sources_el is not None else []:
        kind = xml_tag(src.tag)
        if kind in _OTHER_SOURCES:
            skipped_kinds[kind] = skipped_kinds.get(kind, 0) + 1
            continue
        if kind != "TextSource":
            continue
        g = (src.get("guid") or "").strip()
        if any(s.guid == g for s in sources):
            raise ImportRefused(f"two sources share the GUID {g}", file=file, hint="the file is damaged")
        name = _DOC_SUFFIX.sub("", " ".join((src.get("name") or "").split())) or f"bron-{g[:8]}"
        try:  # a name as `doc-rename` takes one: a U+202E in it printed reversed, and could not be typed back
            check_document_name(name, f"source '{escape_controls(name)}'")
        except StoQualError as exc:
            raise ImportRefused(exc.message, file=file, hint="rename the source in the program that wrote the "
                                "file, or export it again") from None
        raw = source_text(ar, src, name, file, warnings)
        if raw is None:
            continue
        where = f"{file}: source '{name}'"
        text, steps = normalise_tracked(raw, where)
        text, turns, label_step = turns_tracked(text)
        if label_step is not None:
            steps.append(label_step)
        attrs = {**case_attrs.get(g, {}), **_values(src, variables)}
        sources.append(ParsedSource(guid=g, document=ParsedDocument(
            name=name, source_file=f"{Path(file).name}#{name}", format="qdpx", text=text, turns=turns,
            attributes=attrs)))

        def add_coding(cel: Element, start: int, end: int, sel: Element | None, sel_notes: list[str],
                       sel_memo: str) -> None:
            ref = xml_child(cel, "CodeRef")
            code = code_by_guid.get((ref.get("targetGUID") or "").strip()) if ref is not None else None
            if code is None:
                warnings.append(f"source '{name}': a coding refers to no known code; left out")
                return
            user = (cel.get("creatingUser") or (sel.get("creatingUser") if sel is not None else None)
                    or src.get("creatingUser") or "").strip()
            coder = users.get(user)
            if user and coder is None:
                coder = f"gebruiker-{user.strip('{}')[:8]}"
            cg = (cel.get("guid") or "").strip() or f"{g}:{start}:{end}:{code}"
            while cg in coding_guids:
                cg += "+"
            coding_guids.add(cg)
            memo = None
            starred = False
            for nref in [(r.get("targetGUID") or "").strip() for r in xml_children(cel, "NoteRef")] + sel_notes:
                if nref in star_notes:
                    starred = True
                    used_notes.add(nref)
                    continue
                note = notes.get(nref)
                if note is None:
                    continue
                used_notes.add(nref)
                # sto_qual names the note that holds a coding's own memo; from other tools the
                # first note on a coding (or its selection) is that memo
                if memo is None and (note[0] == CODING_MEMO_NOTE or not own or nref in sel_notes):
                    memo = note[1]
                else:
                    memos.append((note_order[nref], ParsedMemo("coding", cg, note[1], note[2], note[3])))
            if memo is None and sel_memo:
                memo = sel_memo
            created = iso_datetime(cel.get("creationDateTime")) or (
                iso_datetime(sel.get("creationDateTime")) if sel is not None else None)
            codings.append(ParsedCoding(guid=cg, source=g, code=code, start=start, end=end, coder=coder,
                                        created_at=created, memo=memo, starred=starred))

        for sel in xml_children(src, "PlainTextSelection"):
            try:
                s0, e0 = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise ImportRefused(f"source '{name}': a selection has no valid start/end position",
                                    file=file) from None
            # an end a line break or two past the text is another program's count of the last line (cut there);
            # one far past it (99999 of 229) is damage, as a start outside is: a coding cut to the end held text
            # nobody chose
            if s0 < 0 or e0 < s0 or s0 > len(raw) or e0 > len(raw) + 2:
                raise ImportRefused(f"source '{name}': selection {s0}-{e0} lies outside the text "
                                    f"({len(raw)} characters)", file=file,
                                    hint="the file is damaged or counts positions differently")
            if e0 > len(raw):
                warnings.append(f"source '{name}': selection {s0}-{e0} ends after the text; cut at {len(raw)}")
                e0 = len(raw)
            s1, e1 = carry(steps, s0, e0)
            while s1 < e1 and text[s1] == "\n":  # whole-line selections (qc, paragraph quotes)
                s1 += 1
            while e1 > s1 and text[e1 - 1] == "\n":
                e1 -= 1
            if e1 <= s1:
                warnings.append(f"source '{name}': selection {s0}-{e0} holds no text after normalising; left out")
                continue
            sel_notes = [(r.get("targetGUID") or "").strip() for r in xml_children(sel, "NoteRef")]
            sel_memo = normalise(xml_text(xml_child(sel, "Description")))
            for cel in xml_children(sel, "Coding"):
                add_coding(cel, s1, e1, sel, sel_notes, sel_memo)
            if len(codings) > limits.MAX_QDPX_SELECTIONS:
                raise ImportRefused(f"more than {limits.MAX_QDPX_SELECTIONS:,} codings (selections); nothing was "
                                    "imported", file=file, hint="split the project in the other program, or export "
                                    "fewer documents at a time")
        for cel in xml_children(src, "Coding"):  # a coding of the whole source
            add_coding(cel, 0, len(text), None, [], "")
        for r in xml_children(src, "NoteRef"):
            ng = (r.get("targetGUID") or "").strip()
            if ng in notes:
                used_notes.add(ng)
                memos.append((note_order[ng], ParsedMemo("document", g, notes[ng][1], notes[ng][2], notes[ng][3])))
        desc = normalise(xml_text(xml_child(src, "Description")))
        if desc:
            memos.append((len(note_order) + len(memos), ParsedMemo("document", g, desc)))

    for path_, refs in code_notes.items():
        for ng in refs:
            if ng in notes:
                used_notes.add(ng)
                memos.append((note_order[ng], ParsedMemo("code", path_, notes[ng][1], notes[ng][2], notes[ng][3])))
    for kind, n in sorted(skipped_kinds.items()):
        warnings.append(f"{n} {kind}(s) skipped: only text sources can be imported")
    unused = len(set(notes) - used_notes)
    if unused:
        warnings.append(f"{unused} note(s) attached to the project, links or nothing were not imported")
    for part in ("Links", "Graphs"):
        if xml_child(root, part) is not None:
            warnings.append(f"{part} are not imported (sto_qual has no equivalent)")
    return ParsedProject(name=root.get("name") or Path(file).stem, origin=root.get("origin") or "",
                         users=tuple(dict.fromkeys(users.values())), codes=tuple(codes),
                         sources=tuple(sources), codings=tuple(codings),
                         memos=tuple(m for _, m in sorted(memos, key=lambda om: om[0])),
                         warnings=tuple(warnings))


def _values(el: Element, variables: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for vv in xml_children(el, "VariableValue"):
        ref = xml_child(vv, "VariableRef")
        var = variables.get((ref.get("targetGUID") or "").strip()) if ref is not None else None
        if var is None or not var[0]:
            continue
        for child in vv:
            tag = xml_tag(child.tag)
            if tag == "VariableRef":
                continue
            raw = (child.text or "").strip()
            value: Any = raw
            try:
                if tag == "BooleanValue":
                    value = raw.lower() in ("true", "1")
                elif tag == "IntegerValue":
                    value = int(raw)
                elif tag == "FloatValue":
                    value = float(raw)
            except ValueError:
                value = raw
            if tag == "TextValue":
                value = child.text or ""
            if value != "":
                out[var[0]] = value
    return out
