"""Domain records. Frozen dataclasses; offsets are ``str`` indices into the
document's stored (NFC-normalised) text, ``end`` exclusive."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

ORIGINS = ("manual", "accepted-suggestion", "imported")
MAX_ID = 2**63 - 1  # the largest integer a project file stores, and so the largest id
# the parties a member speaks for, as a header writes them ("Samira el Idrissi (gemeente)"), with their article
PARTIES = {"gemeente": "de gemeente", "bedrijfsleven": "het bedrijfsleven", "mbo": "het mbo", "po": "het po"}
# the roles a transcript may write beside a name ("Anneke (wethouder):", "Aanwezig: Ans (penvoerder)")
# and the import takes as the speaker's role: the steering group's and the others who sit at its
# table, and the parties a member speaks for, each with the chapter's words for it
# (``report.vocabulary.ROLE_LABELS``)
ROLES = ("interviewer", "penvoerder", "bestuurder", "directeur", "programmaleider",
         "stuurgroeplid", "respondent", "projectleider", "wethouder", "voorzitter", "coördinator", "docent",
         "teamleider", "schoolleider", "adviseur", "werkgever", "ondernemer", "beleidsmedewerker", *PARTIES)
# a person who speaks for one of those parties, as a placeholder names her ("[vertegenwoordiger gemeente]"):
# "[gemeente]" for a person read as the municipality, a place, in the method's list of what was replaced
PARTY_PERSONS = {party: f"vertegenwoordiger {party}" for party in PARTIES}
# the party a role speaks for, whose name in a quote points to that role as its own words do (the only wethouder
# of a researcher's chapter, credited to "een geïnterviewde", said "Vanuit de gemeente …" in three of its quotes)
SPEAKS_FOR = {"wethouder": {"gemeente", "gemeenten"}, "ondernemer": {"bedrijfsleven"}, "werkgever": {"bedrijfsleven"}}


@dataclass(frozen=True)
class TurnSpec:
    """A speaker turn as an importer finds it (before it is stored)."""
    start: int
    end: int
    speaker: str | None = None
    time_start: str | None = None
    time_end: str | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """What an importer returns: normalised text, its turns, and attributes."""
    name: str
    source_file: str
    format: str
    text: str
    turns: tuple[TurnSpec, ...]
    attributes: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    source_file: str
    format: str
    content_hash: str
    words: int
    imported_at: str
    attributes: dict[str, Any] = field(default_factory=dict)
    turns: int = 0
    units: int = 0
    codings: int = 0
    coded_share: float = 0.0
    memos: int = 0  # memos on the document (every coder's; a coding's memo is the coding's)


@dataclass(frozen=True)
class Turn:
    id: int
    document_id: int
    seq: int
    start: int
    end: int
    speaker: str | None
    role: str | None
    time_start: str | None = None
    time_end: str | None = None


@dataclass(frozen=True)
class Unit:
    id: int
    document_id: int
    turn_id: int
    seq: int
    start: int
    end: int


@dataclass(frozen=True)
class Code:
    id: int
    path: str
    name: str
    parent: str | None
    colour: str
    label: str | None = None
    definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    position: int = 0
    codings: int = 0
    label_en: str | None = None      # the English label of the report (--lang en)

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @property
    def top(self) -> str:
        return self.path.split("/")[0]


class Coding(NamedTuple):
    """A stored coding. A NamedTuple rather than a frozen dataclass: exports build tens of
    thousands of them and a tuple is made several times faster; it is just as immutable."""
    id: int
    document_id: int
    doc: str
    code: str
    start: int
    end: int
    text: str
    coder: str
    memo: str | None = None
    origin: str = "manual"
    starred: bool = False
    created_at: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "document_id": self.document_id,
                "code": self.code, "start": self.start, "end": self.end, "text": self.text,
                "coder": self.coder, "memo": self.memo, "origin": self.origin,
                "starred": self.starred, "created_at": self.created_at}


def join_memos(memos: Iterable[str | None]) -> str | None:
    """Several codings' memos as one (two coders' notes on a passage both coded): each once, in
    order, one per line; None when there is none. A memo already there, also as lines of a memo
    joined before, is not added again (T in the meeting added "PIE behoud" a second time to
    "Eiland: zonder PIE geen techniek\nPIE behoud"); a memo that goes on from all that is joined so
    far adds only what it goes on with (a colleague's ``memo --append`` in her copy repeated the
    coder's own words in the merged memo)."""
    lines: list[str] = []
    for m in memos:
        said = memo_lines(m)
        if not said:
            continue
        n = len(said)
        if lines and said[:len(lines)] == lines:
            lines.extend(said[len(lines):])
        elif not any(lines[i:i + n] == said for i in range(len(lines) - n + 1)):
            lines.extend(said)
    return "\n".join(lines) or None


def memo_signer(line: str) -> str | None:
    """The name a memo's line is signed with ("bram: Eens, …" -> "bram"; up to 40 characters before
    ": "), as ``memo --append`` signs another coder's words; None for a line not signed so."""
    m = re.match(r"([^:\n]{1,40}): ", line)
    return m.group(1) if m else None


def memo_lines(memo: str | None) -> list[str]:
    """A memo's lines, each stripped (none for a blank memo): what ``join_memos`` joins and a
    merge finds a writer's earlier text by."""
    return [x.strip() for x in (memo or "").strip().splitlines()]


def brought_to(memo_here: str | None, starred_here: bool, memo: str | None, starred: bool,
               cleared: tuple[bool, bool] = (False, False)) -> tuple[dict[str, Any], bool]:
    """What another copy of a coding already here brings to it (a merge, a codings file, a
    REFI-QDA project): (the columns to set, whether its memo differs from this one's). Its memo
    when this coding has none, its star; a memo that differs is never overwritten (the caller
    says so); a memo or star a person took off here (``cleared``: memo, star) stays off."""
    theirs, mine = (memo or "").strip(), (memo_here or "").strip()
    changes: dict[str, Any] = {}
    if theirs and not mine and not cleared[0]:
        changes["memo"] = memo
    if starred and not starred_here and not cleared[1]:
        changes["starred"] = 1
    return changes, bool(theirs and mine and theirs != mine)


def placed_beside(key: tuple[int, int, int, int, int], here: dict[tuple[int, int, int], list[tuple[int, int, int]]],
                  taken: dict[tuple[int, int, int], list[tuple[int, int]]],
                  matched: frozenset | set = frozenset()) -> tuple[str, tuple[int, int, int] | None]:
    """How a coding from elsewhere (a copy, a codings file, another tool's project) that is not
    here lands beside this project's codings of the same (document, code, coder) ``key[:3]``
    (``here``: id, start, end; those whose own (document, code, coder, span) the same source
    holds too, ``matched``, are accounted for by that and left aside):

    - ("inside", (id, start, end)): within one of them: nothing to add (a coder's older copy);
    - ("join", (id, start, end)): over the one it overlaps most, the union of the two, as
      coding over one's own coding joins it (a coder's later export doubled a coding she had
      widened; joined into the first neighbour, a widened coding took over the one beside it);
    - ("taken", None): it overlaps only spans this project removed or resized since;
    - ("add", None): otherwise."""
    s, e = key[3], key[4]
    best, most = None, 0
    for cid, a, b in here.get(key[:3], ()):
        if (*key[:3], a, b) in matched:
            continue
        if a <= s and e <= b:
            return "inside", (cid, a, b)
        overlap = min(b, e) - max(a, s)
        if overlap > most:
            best, most = (cid, min(a, s), max(b, e)), overlap
    if best is not None:
        return "join", best
    if any(a < e and s < b for a, b in taken.get(key[:3], ())):
        return "taken", None
    return "add", None


REASON_SEP = " · "  # joins the reasons of a suggestion (keyword matches, the model's confidence)


@dataclass(frozen=True)
class Suggestion:
    id: int
    document_id: int
    doc: str
    unit: int
    code: str
    start: int
    end: int
    text: str
    origin: str
    reason: str
    confidence: float | None
    status: str = "pending"

    @property
    def reasons(self) -> list[str]:
        """The keyword and model reasons of one combined suggestion, each on its own."""
        return [r for r in self.reason.split(REASON_SEP) if r]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "unit": self.unit, "code": self.code,
                "start": self.start, "end": self.end, "text": self.text, "origin": self.origin,
                "reason": self.reason, "confidence": self.confidence, "status": self.status,
                "reasons": self.reasons}


@dataclass(frozen=True)
class CodeSpec:
    """A code as read from a codebook file (no ids); ``line`` for error messages."""
    path: str
    name: str
    parent: str | None
    colour: str
    label: str | None = None
    definition: str = ""
    when_to_use: str = ""
    when_not_to_use: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    line: int | None = None
    label_en: str | None = None
    # synthesis: the Dutch phrase of the theme summary's lead sentence ("noemt men het
    # docententekort", read after "In de meeste regio's") and the opposing code paths
    summary: str = ""
    contrasts: tuple[str, ...] = ()
    summary_en: str = ""  # the English phrase, read after "In most regions (15 of 19),"
    # the topic as a noun phrase ("de belemmeringen voor de regierol"), named in the theme's
    # lead ("namelijk de belemmeringen voor de regierol (in alle regio's), …"); its English twin
    topic: str = ""
    topic_en: str = ""


@dataclass(frozen=True)
class Codebook:
    title: str
    codes: tuple[CodeSpec, ...]
    language: str = "nl"
    source: str | None = None
    warnings: tuple[str, ...] = ()  # e.g. names from another tool turned into slugs


@dataclass(frozen=True)
class AnchoredCoding:
    """A coding from a codings file: anchored by its quote text and occurrence (1-based;
    None when the file gives none, which is only valid for a quote that occurs once)."""
    document: str
    code: str
    quote: str
    occurrence: int | None = None
    coder: str | None = None
    memo: str | None = None
    starred: bool = False
    line: int | None = None           # of the quote (the coding's own line)
    document_line: int | None = None  # where the file names the document
    code_line: int | None = None      # of the coding's code
    coder_line: int | None = None     # where the file names the coder (the coding's or its block's)
