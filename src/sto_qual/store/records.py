"""The small named rows the store's reads return.

NamedTuples: callers may name a field (``row.start``) or unpack it positionally as before,
and building one per row stays cheap for tens of thousands of codings.
"""
from __future__ import annotations

from typing import Any, NamedTuple


class DocumentRef(NamedTuple):
    id: int
    name: str


class DocumentBrief(NamedTuple):
    id: int
    name: str
    words: int
    position: int


class CodeWrite(NamedTuple):
    """What ``codes.upsert`` did: 'added', 'updated' or 'unchanged'."""
    id: int
    status: str


class StoredCoding(NamedTuple):
    """A coding's own columns, ids and all (``codings.stored``)."""
    id: int
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    words: int
    memo: str | None
    origin: str
    starred: int
    created_at: str


class CodingRecord(NamedTuple):
    """A light coding for analysis (``codings.records``)."""
    id: int
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    starred: int


class CodingSpan(NamedTuple):
    id: int
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int


class CodingMark(NamedTuple):
    """A coding of one document without its text, for painting the transcript."""
    id: int
    code: str
    coder: str
    start: int
    end: int
    memo: str | None
    starred: int
    origin: str


class CodingInsert(NamedTuple):
    """``codings.insert_once``: the coding's id and whether this call added it."""
    id: int
    added: bool


class ImportedCodings(NamedTuple):
    """``codings.insert_imported``: rows added, and (document, code, coder, start, end) -> id."""
    added: int
    ids: dict[tuple, int]


class CellCount(NamedTuple):
    """Codings and words of one code in one document, each span counted once across coders."""
    document_id: int
    code_id: int
    codings: int
    words: int


class UnitSpan(NamedTuple):
    id: int
    document_id: int
    start: int
    end: int


class UnitCode(NamedTuple):
    """A code with a coding by this coder overlapping this sentence unit."""
    document_id: int
    unit_id: int
    code_id: int
    coder_id: int


class UnitCoding(NamedTuple):
    """A coding and a sentence unit it overlaps (the passages behind a co-occurrence)."""
    document_id: int
    unit_id: int
    unit_start: int
    unit_end: int
    code_id: int
    coder_id: int
    coding_id: int


class TurnSpan(NamedTuple):
    document_id: int
    start: int
    end: int
    speaker: str | None
    doc: str


class TurnRow(NamedTuple):
    start: int
    speaker: str | None
    doc: str
    time_start: str | None


class QuoteCandidate(NamedTuple):
    """A coding considered as a quote, without its text."""
    id: int
    document_id: int
    code_id: int
    start: int
    end: int
    words: int
    starred: int
    coder_id: int


class HistoryStep(NamedTuple):
    """One undo step of a coder: its id and the action as the service layer stored it."""
    id: int
    action: dict[str, Any]


class HistoryDepth(NamedTuple):
    done: int
    undone: int


class Pseudonym(NamedTuple):
    pattern: str
    replacement: str
    is_regex: bool
