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

import bisect
import datetime as _dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import Codebook, CodeSpec, ParsedDocument, TurnSpec
from sto_qual.domain.text import normalise
from sto_qual.domain.names import slugify  # noqa: F401 - the importer's and the writer's rule is one
from sto_qual.importers import limits
from sto_qual.importers.decode import check_zip, decode, read_bytes
from sto_qual.importers.speakers import split_turns

# Headings of the structured code Description and note names (as report/refi.py writes them).
_FIELDS = {"Wanneer gebruiken:": "when_to_use", "Wanneer niet gebruiken:": "when_not_to_use",
           "Voorbeeld:": "example", "Trefwoorden:": "keywords", "Codenaam:": "code_name"}
CODING_MEMO_NOTE = "Memo bij codering"
STAR_NOTE = "Citaatkandidaat"
STAR_SET = "Citaatkandidaten"
_PALETTE = ["#c0392b", "#2471a3", "#229954", "#d68910", "#7d3c98", "#17a589", "#a04000", "#2e4053"]
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DOC_SUFFIX = re.compile(r"\.(txt|text|md|docx?|rtf|odt|pdf|html?)$", re.IGNORECASE)
_OTHER_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


# ------------------------------------------------------------------ results
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


# ------------------------------------------------------- tracked text edits
class _Step:
    """One rewrite of a text: non-overlapping edits (start, end, replacement length) in the
    input's coordinates, so that input positions can be carried to output positions."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.new_starts: list[int] = []
        self.new_lens: list[int] = []

    def map(self, p: int, end: bool) -> int:
        i = bisect.bisect_right(self.starts, p) - 1
        if i < 0:
            return p
        s, e, ns, nl = self.starts[i], self.ends[i], self.new_starts[i], self.new_lens[i]
        if p >= e:
            return ns + nl + (p - e)
        if p == s:
            return ns
        return ns if end else ns + nl  # strictly inside rewritten text


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, _Step]:
    step = _Step()
    out: list[str] = []
    pos = 0
    delta = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        out.append(rep)
        step.starts.append(s)
        step.ends.append(e)
        step.new_starts.append(s + delta)
        step.new_lens.append(len(rep))
        delta += len(rep) - (e - s)
        pos = e
    out.append(text[pos:])
    return "".join(out), step


def _regex_step(text: str, pattern: re.Pattern[str], repl: str) -> tuple[str, _Step]:
    edits = [(m.start(), m.end(), repl) for m in pattern.finditer(text) if m.group() != repl]
    return _apply(text, edits)


def _nfc_step(text: str, name: str) -> tuple[str, _Step]:
    if unicodedata.is_normalized("NFC", text):
        return text, _Step()
    starters = [i for i, ch in enumerate(text) if unicodedata.combining(ch) == 0]
    bounds = ([0] if not starters or starters[0] != 0 else []) + starters + [len(text)]
    edits = []
    for a, b in zip(bounds, bounds[1:]):
        chunk = text[a:b]
        if not chunk.isascii():
            nfc = unicodedata.normalize("NFC", chunk)
            if nfc != chunk:
                edits.append((a, b, nfc))
    out, step = _apply(text, edits)
    if out != unicodedata.normalize("NFC", text):
        raise ImportRefused("a source uses character sequences whose positions cannot be kept while "
                            "normalising", file=name, hint="save the source as NFC-normalised UTF-8")
    return out, step


_BOMS = re.compile("\ufeff+")
_CR = re.compile(r"\r\n?")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")
_LEADING_NL = re.compile(r"\A\n+")
_TRAILING_NL = re.compile(r"\n+\Z")


def normalise_tracked(raw: str, name: str) -> tuple[str, list[_Step]]:
    """``domain.text.normalise`` with every edit recorded (see the module docstring)."""
    steps = []
    text = raw
    for rx, rep in ((_BOMS, ""), (_CR, "\n")):
        text, st = _regex_step(text, rx, rep)
        steps.append(st)
    text, st = _nfc_step(text, name)
    steps.append(st)
    for rx, rep in ((_TRAILING, ""), (_BLANKS, "\n\n"), (_LEADING_NL, ""), (_TRAILING_NL, "")):
        text, st = _regex_step(text, rx, rep)
        steps.append(st)
    if text != normalise(raw):  # pragma: no cover - the two must agree, or offsets would drift
        raise ImportRefused("internal: tracked normalisation differs from normalise()", file=name)
    return text, steps


def turns_tracked(text: str) -> tuple[str, tuple[TurnSpec, ...], _Step | None]:
    """Move speaker labels out of the text into turns, recording the edit; when the turn
    bodies cannot be located in the text, keep it whole as one turn."""
    out, turns, _ = split_turns(text)
    if out == text:
        return text, turns, None
    edits: list[tuple[int, int, str]] = []
    cursor = 0
    prev_out = 0
    for t in turns:
        body = out[t.start:t.end]
        j = _find_body(text, body, cursor)
        if j < 0:
            return text, ((TurnSpec(0, len(text), None),) if text else ()), None
        if j > cursor or out[prev_out:t.start]:
            edits.append((cursor, j, out[prev_out:t.start]))
        cursor = j + len(body)
        prev_out = t.end
    if cursor < len(text):
        edits.append((cursor, len(text), ""))
    edits = [e for e in edits if e[1] > e[0]]
    mapped, step = _apply(text, edits)
    if mapped != out:
        return text, ((TurnSpec(0, len(text), None),) if text else ()), None
    return out, turns, step


def _find_body(text: str, body: str, cursor: int) -> int:
    """Where a turn's body starts in the labelled text: after a label (or a line start) and
    ending at a line end, so that a body is never found inside the speaker label itself."""
    j = text.find(body, cursor)
    while j >= 0:
        end = j + len(body)
        if (end == len(text) or text[end] == "\n") and (j == 0 or text[j - 1] in "\n \t:]"):
            return j
        j = text.find(body, j + 1)
    return -1


def carry(steps: list[_Step], start: int, end: int) -> tuple[int, int]:
    for st in steps:
        start, end = st.map(start, end=False), st.map(end, end=True)
    return start, end


# ----------------------------------------------------------------- XML help
def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _kid(el: Element, name: str) -> Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _text_of(el: Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _parse_xml(data: bytes, file: str, part: str) -> Element:
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


def _datetime(value: str | None) -> str | None:
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


def _colour(value: str | None) -> str | None:
    v = (value or "").strip()
    if re.match(r"^#[0-9a-fA-F]{6}$", v):
        return v.lower()
    if re.match(r"^#[0-9a-fA-F]{3}$", v):
        return "#" + "".join(ch * 2 for ch in v[1:]).lower()
    return None


def parse_code_description(text: str) -> dict[str, Any]:
    """The fields of a structured code Description (a plain one is all definition)."""
    fields: dict[str, Any] = {"definition": [], "when_to_use": [], "when_not_to_use": [], "examples": [],
                              "keywords": [], "code_name": []}
    current = fields["definition"]
    for para in normalise(text).split("\n\n"):
        for head, key in _FIELDS.items():
            if para.startswith(head):
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
    return out


def _codes(codes_el: Element | None, warnings: list[str]) -> tuple[list[ParsedCode], dict[str, str],
                                                                   dict[str, list[str]]]:
    """Codes in tree order, GUID -> path, and code path -> note GUIDs."""
    out: list[ParsedCode] = []
    by_guid: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    taken: set[str] = set()

    def walk(el: Element, parent: str | None, parent_colour: str | None, depth: int) -> None:
        if depth > 50:
            raise ImportRefused("the code tree is nested more than 50 levels deep")
        for i, c in enumerate(_kids(el, "Code")):
            raw_name = (c.get("name") or "").strip()
            desc = parse_code_description(_text_of(_kid(c, "Description")))
            slug = desc["code_name"] if _SLUG.match(desc["code_name"] or "") else (slugify(raw_name) or "code")
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
            colour = _colour(c.get("color"))
            codable = (c.get("isCodable") or "true").strip().lower() in ("true", "1")
            out.append(ParsedCode(guid=g, path=path, name=name, parent=parent,
                                  label=raw_name if raw_name and raw_name != name else None, colour=colour,
                                  definition=desc["definition"], when_to_use=desc["when_to_use"],
                                  when_not_to_use=desc["when_not_to_use"], examples=desc["examples"],
                                  keywords=desc["keywords"], codable=codable))
            for ref in _kids(c, "NoteRef"):
                notes.setdefault(path, []).append((ref.get("targetGUID") or "").strip())
            walk(c, path, colour or parent_colour, depth + 1)

    if codes_el is not None:
        walk(codes_el, None, None, 0)
    return out, by_guid, notes


def _with_colours(codes: list[ParsedCode]) -> list[CodeSpec]:
    colours: dict[str, str] = {}
    specs = []
    top = 0
    for c in codes:
        colour = c.colour or (colours.get(c.parent) if c.parent else None)
        if colour is None:
            colour = _PALETTE[top % len(_PALETTE)]
        if c.parent is None:
            top += 1
        colours[c.path] = colour
        specs.append(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=colour, label=c.label,
                              definition=c.definition, when_to_use=c.when_to_use,
                              when_not_to_use=c.when_not_to_use, examples=c.examples, keywords=c.keywords))
    return specs


# ------------------------------------------------------------------ codebook
def parse_qdc(path: str | Path) -> Codebook:
    """A REFI-QDA codebook (.qdc) as a sto_qual Codebook. Names become slugs (a-z, 0-9, -) with
    the original name kept as the label; codes that are not codable become parent codes."""
    path = Path(path)
    file = str(path)
    root = _parse_xml(read_bytes(path), file, "codebook")
    if _local(root.tag) != "CodeBook":
        raise ImportRefused(f"not a REFI-QDA codebook (root element <{_local(root.tag)}>, expected <CodeBook>)",
                            file=file, hint="export the codebook as .qdc")
    warnings: list[str] = []
    try:
        codes, _, _ = _codes(_kid(root, "Codes"), warnings)
    except ImportRefused as exc:
        raise ImportRefused(exc.message, file=file) from None
    if not codes:
        raise ImportRefused("the codebook has no codes", file=file)
    warnings += [f"{file}: code '{c.label}' is named '{c.name}' here (its original name is its label)"
                 for c in codes if c.label and c.label != c.name]
    return Codebook(title=path.stem, codes=tuple(_with_colours(codes)), source=file, warnings=tuple(warnings))


# ------------------------------------------------------------------- project
class _Archive:
    """Members of an opened .qdpx, looked up case-insensitively, read only into memory."""

    def __init__(self, zf: zipfile.ZipFile, file: str) -> None:
        self.zf = zf
        self.file = file
        self.names = {i.filename.replace("\\", "/").lower(): i for i in zf.infolist() if not i.is_dir()}
        qde = [n for n in self.names if n.rsplit("/", 1)[-1] == "project.qde" and n.count("/") <= 1]
        if not qde:
            raise ImportRefused("not a REFI-QDA project: project.qde is missing", file=file,
                                hint="export the project from the other tool as .qdpx")
        self.qde = min(qde, key=lambda n: n.count("/"))
        self.base = self.qde[: -len("project.qde")]

    def read(self, name: str) -> bytes:
        try:
            return self.zf.read(self.names[name])
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise ImportRefused(f"cannot read {name} from the project file ({exc})", file=self.file) from None

    def internal(self, ref: str) -> str | None:
        """The member an ``internal://`` reference points to, or None."""
        rel = ref[len("internal://"):].replace("\\", "/").lstrip("/")
        if not rel or any(p in ("", ".", "..") for p in rel.split("/")):
            return None
        for cand in (f"{self.base}sources/{rel}", f"{self.base}{rel}"):
            if cand.lower() in self.names:
                return cand.lower()
        return None


def parse_qdpx(path: str | Path) -> ParsedProject:
    """Read a REFI-QDA project file (see the module docstring); raises ImportRefused."""
    path = Path(path)
    file = str(path)
    zf = check_zip(path, "REFI-QDA project (.qdpx)")
    try:
        return _parse_project(_Archive(zf, file), file)
    finally:
        zf.close()


def _parse_project(ar: _Archive, file: str) -> ParsedProject:
    root = _parse_xml(ar.read(ar.qde), file, "project.qde")
    if _local(root.tag) != "Project":
        raise ImportRefused(f"project.qde: root element is <{_local(root.tag)}>, expected <Project>", file=file)
    warnings: list[str] = []
    own = (root.get("origin") or "").startswith("sto_qual")

    # users
    users: dict[str, str] = {}
    users_el = _kid(root, "Users")
    for u in _kids(users_el, "User") if users_el is not None else []:
        g = (u.get("guid") or "").strip()
        name = " ".join((u.get("name") or u.get("id") or "").split())[:80] or f"gebruiker-{g[:8]}"
        users[g] = name

    # codes
    cb = _kid(root, "CodeBook")
    codes, code_by_guid, code_notes = _codes(_kid(cb, "Codes") if cb is not None else None, warnings)

    # notes (memos), and which of them mark quote candidates
    notes: dict[str, tuple[str, str, str | None, str | None]] = {}  # guid -> name, text, coder, created
    note_order: dict[str, int] = {}
    notes_el = _kid(root, "Notes")
    for n in _kids(notes_el, "Note") if notes_el is not None else []:
        text = _text_of(_kid(n, "PlainTextContent"))
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
                                                    _datetime(n.get("creationDateTime")))
    star_notes: set[str] = set()
    sets_el = _kid(root, "Sets")
    other_sets = 0
    for s in _kids(sets_el, "Set") if sets_el is not None else []:
        if (s.get("name") or "").strip() == STAR_SET:
            star_notes |= {(m.get("targetGUID") or "").strip() for m in _kids(s, "MemberNote")}
        else:
            other_sets += 1
    if other_sets:
        warnings.append(f"{other_sets} set(s) not imported (sto_qual has no sets)")
    used_notes: set[str] = set()

    # variables and cases
    variables: dict[str, tuple[str, str]] = {}
    vars_el = _kid(root, "Variables")
    for v in _kids(vars_el, "Variable") if vars_el is not None else []:
        variables[(v.get("guid") or "").strip()] = ((v.get("name") or "").strip(),
                                                    (v.get("typeOfVariable") or "Text").strip())
    case_attrs: dict[str, dict[str, Any]] = {}
    cases_el = _kid(root, "Cases")
    for case in _kids(cases_el, "Case") if cases_el is not None else []:
        values = _values(case, variables)
        for ref in _kids(case, "SourceRef"):
            target = case_attrs.setdefault((ref.get("targetGUID") or "").strip(), {})
            for k, v in values.items():
                target.setdefault(k, v)

    # sources, selections, codings
    sources: list[ParsedSource] = []
    codings: list[ParsedCoding] = []
    memos: list[tuple[int, ParsedMemo]] = []  # (position of the note in <Notes>, memo)
    coding_guids: set[str] = set()
    skipped_kinds: dict[str, int] = {}
    sources_el = _kid(root, "Sources")
    for src in list(sources_el) if sources_el is not None else []:
        kind = _local(src.tag)
        if kind in _OTHER_SOURCES:
            skipped_kinds[kind] = skipped_kinds.get(kind, 0) + 1
            continue
        if kind != "TextSource":
            continue
        g = (src.get("guid") or "").strip()
        if any(s.guid == g for s in sources):
            raise ImportRefused(f"two sources share the GUID {g}", file=file, hint="the file is damaged")
        name = _DOC_SUFFIX.sub("", " ".join((src.get("name") or "").split())) or f"bron-{g[:8]}"
        raw = _source_text(ar, src, name, file, warnings)
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
            ref = _kid(cel, "CodeRef")
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
            for nref in [(r.get("targetGUID") or "").strip() for r in _kids(cel, "NoteRef")] + sel_notes:
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
            created = _datetime(cel.get("creationDateTime")) or (
                _datetime(sel.get("creationDateTime")) if sel is not None else None)
            codings.append(ParsedCoding(guid=cg, source=g, code=code, start=start, end=end, coder=coder,
                                        created_at=created, memo=memo, starred=starred))

        for sel in _kids(src, "PlainTextSelection"):
            try:
                s0, e0 = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise ImportRefused(f"source '{name}': a selection has no valid start/end position",
                                    file=file) from None
            if s0 < 0 or e0 < s0 or s0 > len(raw):
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
            sel_notes = [(r.get("targetGUID") or "").strip() for r in _kids(sel, "NoteRef")]
            sel_memo = normalise(_text_of(_kid(sel, "Description")))
            for cel in _kids(sel, "Coding"):
                add_coding(cel, s1, e1, sel, sel_notes, sel_memo)
            if len(codings) > limits.MAX_QDPX_SELECTIONS:
                raise ImportRefused(f"more than {limits.MAX_QDPX_SELECTIONS:,} codings (selections); nothing was "
                                    "imported", file=file, hint="split the project in the other program, or export "
                                    "fewer documents at a time")
        for cel in _kids(src, "Coding"):  # a coding of the whole source
            add_coding(cel, 0, len(text), None, [], "")
        for r in _kids(src, "NoteRef"):
            ng = (r.get("targetGUID") or "").strip()
            if ng in notes:
                used_notes.add(ng)
                memos.append((note_order[ng], ParsedMemo("document", g, notes[ng][1], notes[ng][2], notes[ng][3])))
        desc = normalise(_text_of(_kid(src, "Description")))
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
        if _kid(root, part) is not None:
            warnings.append(f"{part} are not imported (sto_qual has no equivalent)")
    return ParsedProject(name=root.get("name") or Path(file).stem, origin=root.get("origin") or "",
                         users=tuple(dict.fromkeys(users.values())), codes=tuple(codes),
                         sources=tuple(sources), codings=tuple(codings),
                         memos=tuple(m for _, m in sorted(memos, key=lambda om: om[0])),
                         warnings=tuple(warnings))


def _source_text(ar: _Archive, src: Element, name: str, file: str, warnings: list[str]) -> str | None:
    """The source's plain text as the exporter stored it (BOM removed), or None to skip it."""
    content = _kid(src, "PlainTextContent")
    ptp = (src.get("plainTextPath") or "").strip()
    if content is not None and content.text:
        raw = content.text
    elif ptp.startswith("internal://"):
        member = ar.internal(ptp)
        if member is None:
            raise ImportRefused(f"source '{name}': {ptp} is not in the project file", file=file,
                                hint="the .qdpx is incomplete; export it again")
        data = ar.read(member)
        if not data.strip():
            warnings.append(f"source '{name}' is empty; skipped")
            return None
        if len(data) > limits.MAX_TEXT_BYTES:
            raise ImportRefused(f"source '{name}' is over the {limits.MAX_TEXT_BYTES // 2**20} MB limit", file=file)
        raw = decode(data, f"{file}:{member}")
    elif ptp:
        warnings.append(f"source '{name}' points outside the project file ({ptp.split('://')[0]}://); skipped")
        return None
    elif src.get("richTextPath"):
        warnings.append(f"source '{name}' has only a rich-text file and no plain text; skipped")
        return None
    else:
        warnings.append(f"source '{name}' has no text; skipped")
        return None
    raw = raw.lstrip("\ufeff") if raw.startswith("\ufeff") else raw
    if not normalise(raw):
        warnings.append(f"source '{name}' is empty; skipped")
        return None
    return raw


def _values(el: Element, variables: dict[str, tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for vv in _kids(el, "VariableValue"):
        ref = _kid(vv, "VariableRef")
        var = variables.get((ref.get("targetGUID") or "").strip()) if ref is not None else None
        if var is None or not var[0]:
            continue
        for child in vv:
            tag = _local(child.tag)
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
