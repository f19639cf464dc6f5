"""Read models for the terminal UI: plain values shaped for screens, built from a Workspace.

Contract: every function takes an open ``Workspace`` and returns frozen dataclasses,
tuples or dicts of plain values -- never a row, a cursor or a spaCy object. Nothing here
writes project data; writes go through the Workspace's own use cases so they stay undoable
and audited (``add_code_and_apply`` runs two of them in one transaction). A coder's view
choices (``keep_others_hidden``) are kept through the session: they change what one coder
sees, not the project's data. These exist because the coder screen repaints on every key: it needs a
document's codings without the quoted text (``Workspace.codings`` cuts every quote out of
the document, ~0.2 s for 1,000 codings on a 300,000-character transcript).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import CodebookError, ExportError, StoQualError
from sto_qual.domain.filters import document_matches, parse_filter
from sto_qual.services.export_targets import EXPORT_SUFFIXES
from sto_qual.services.export_targets import EXPORT_FORMATS
from sto_qual.services.session import HIDE_OTHERS
from sto_qual.services.tui_documents import (TextMatches, filter_documents, filter_reason, filter_words,
                                             found_sentences, text_matches)
from sto_qual.domain.history import FIELD_NOUN
from sto_qual.domain.model import REASON_SEP, Code, Coding
from sto_qual.domain.text import clip_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


@dataclass(frozen=True)
class TurnView:
    start: int
    end: int
    speaker: str | None
    role: str | None
    time: str | None


@dataclass(frozen=True)
class UnitView:
    id: int
    start: int
    end: int
    turn: int  # index into DocumentView.turns


@dataclass(frozen=True)
class DocumentView:
    """One transcript as the coder screen shows it."""
    id: int
    name: str
    text: str
    turns: tuple[TurnView, ...]
    units: tuple[UnitView, ...]
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CodingMark:
    """A coding without its quote: enough to paint and to act on it."""
    id: int
    code: str
    coder: str
    start: int
    end: int
    memo: str | None = None
    starred: bool = False
    origin: str = "manual"


@dataclass(frozen=True)
class SuggestionMark:
    id: int
    code: str
    start: int
    end: int
    reason: str  # as the TUI shows it: in English ("keyword “eigen geld” · model 0.85")
    confidence: float | None


@dataclass(frozen=True)
class QuoteRow:
    coding_id: int
    doc: str
    document_id: int
    code: str
    coder: str
    start: int
    end: int
    text: str
    memo: str | None
    starred: bool
    attributes: dict[str, Any]


def open_document(ws: Workspace, ref: str | int) -> DocumentView:
    """Text, turns (with roles) and sentence units of one document."""
    doc_id, name = ws.store.documents.find(ref)
    text = ws.store.documents.text(doc_id)
    turns = ws.store.transcripts.turns(doc_id)
    turn_index = {t.id: i for i, t in enumerate(turns)}
    tv = tuple(TurnView(t.start, t.end, t.speaker, t.role, t.time_start) for t in turns)
    units = tuple(UnitView(u.id, u.start, u.end, turn_index.get(u.turn_id, 0)) for u in ws.store.transcripts.units(doc_id))
    attrs = ws.store.documents.attributes(doc_id).get(doc_id, {})
    return DocumentView(id=doc_id, name=name, text=text, turns=tv, units=units, attributes=attrs)


def document_codings(ws: Workspace, doc_id: int) -> list[CodingMark]:
    """Every coding of one document (all coders), by start."""
    return [CodingMark(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in ws.store.codings.marks(doc_id)]


def document_suggestions(ws: Workspace, doc_id: int) -> list[SuggestionMark]:
    """Pending suggestions on one document, by position (none in interviewer turns
    unless the project says so); the reason in the TUI's English (``reason_in_english``)."""
    from sto_qual.services.suggesting import visible
    out = [SuggestionMark(s.id, s.code, s.start, s.end, reason_in_english(s.reason), s.confidence)
           for s in visible(ws, ws.store.suggestions.select(status="pending", doc_id=doc_id))]
    return sorted(out, key=lambda s: (s.start, s.code))


def review_order(items: list, *, uncertain_first: bool = False) -> list:
    """The review queue: most confident first, or (``uncertain_first``, "teach the model")
    the suggestions whose confidence is nearest 0.5 first. Keyword-only suggestions (no
    confidence) come after the model's in both orders."""
    def key(s):
        if s.confidence is None:
            return (1, 0.0, s.code, s.doc, s.start)
        return (0, abs(s.confidence - 0.5) if uncertain_first else -s.confidence, s.code, s.doc, s.start)
    return sorted(items, key=key)


def passage_context(ws: Workspace, document_id: int, start: int, end: int, around: int = 1
                    ) -> tuple[str, str, str]:
    """(before, passage, after): the passage with ``around`` whole sentences either side,
    never crossing into another speaker's turn."""
    text = ws.session.text(document_id)
    units = ws.store.transcripts.units(document_id)
    starts = [u.start for u in units]
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = max(bisect.bisect_left(starts, end) - 1, i)
    if not units:
        return "", text[start:end], ""
    lo_u, hi_u = units[i], units[j]
    b = units[max(i - around, 0)]
    a = units[min(j + around, len(units) - 1)]
    b_start = b.start if b.turn_id == lo_u.turn_id else lo_u.start
    a_end = a.end if a.turn_id == hi_u.turn_id else hi_u.end
    return text[min(b_start, start):start].strip(), text[start:end], text[end:max(a_end, end)].strip()


def speakers_in(doc: DocumentView, start: int, end: int) -> int:
    """How many speakers' turns [start, end) reaches into: a coding over two speakers is fine to
    code, but a quote of it takes one speaker's words, and the Coder says so."""
    from sto_qual.domain.roles import speakers_reached
    return len(speakers_reached(doc.turns, start, end))


def sentence_range(first: int, last: int) -> str:
    """'sentence 14' or 'sentences 14-16': a passage by its (1-based) first and last sentence, as
    every status message names a coding (the whole of it, not where it starts)."""
    return f"sentence {first}" if last <= first else f"sentences {first}-{last}"


def document_place(ws: Workspace, document_id: int, start: int, end: int) -> str:
    """'R02, sentences 3-4': where [start, end) lies in a document, for a coding outside the
    document the coder screen shows (that one counts its own sentences)."""
    _doc_id, name = ws.store.documents.find(document_id)
    starts = [u.start for u in ws.store.transcripts.units(document_id)]
    if not starts:
        return name

    def at(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0) + 1
    return f"{name}, {sentence_range(at(start), at(max(start, end - 1)))}"


def reason_in_english(reason: str) -> str:
    """A suggestion's stored reasons (Dutch, as the CLI and its JSON give them: 'trefwoord: eigen
    geld · model 0.85') in the TUI's English ('keyword “eigen geld” · model 0.85'), one form on
    every screen."""
    parts = []
    for part in reason.split(REASON_SEP):
        if part.startswith("trefwoord: "):
            part = f"keyword “{part.removeprefix('trefwoord: ')}”"
        else:
            for nl, en in (("vraag over ", "question about "), ("codeboek", "codebook")):
                if part.startswith(nl):
                    part = en + part.removeprefix(nl)
                    break
        parts.append(part)
    return REASON_SEP.join(parts)


def quotes(ws: Workspace, code: str, *, coder: str | None = None, where: dict[str, str] | None = None
           ) -> list[QuoteRow]:
    """All codings of ``code`` and its sub-codes, optionally for one coder and for the
    documents whose attributes match every ``key=value`` in ``where``."""
    docs = {d.id: d for d in ws.documents()}
    rows = []
    for c in ws.codings(code=code, coder=coder):
        attrs = docs[c.document_id].attributes if c.document_id in docs else {}
        if not document_matches(where, attrs, c.doc):
            continue
        rows.append(QuoteRow(c.id, c.doc, c.document_id, c.code, c.coder, c.start, c.end, c.text, c.memo,
                             c.starred, attrs))
    return rows


def add_code_and_apply(ws: Workspace, path: str, doc_id: int, start: int, end: int, coder: str
                       ) -> tuple[Code, Coding]:
    """Add the code ``path`` (``Workspace.add_code``, with its checks: slug rules, an existing
    parent) and code [start, end) of a document with it (``Workspace.assign_code``), in one
    transaction: a refused coding leaves no new code behind. Raises what either refuses."""
    with ws.store.transaction():
        try:
            code = ws.add_code(path, coder=coder)
        except CodebookError:  # made in another window a moment before (two coders, one new name): applied
            code = next((c for c in ws.codebook() if c.path == path), None)  # (by its path: a name may be another's)
            if code is None:
                raise
        return code, ws.assign_code(doc_id, code.path, start=start, end=end, coder=coder, widen=True)


class _Preview(Exception):
    def __init__(self, code: Code) -> None:
        super().__init__()
        self.code = code


def new_code_preview(ws: Workspace, path: str, coder: str) -> Code:
    """The code ``Workspace.add_code`` would add for ``path`` (its derived path, label and
    parent), without keeping it: it is added in a transaction that is rolled back, so the checks
    are the codebook's own. Raises its ``CodebookError`` (the one line F7 shows) when refused."""
    try:
        with ws.store.transaction():
            raise _Preview(ws.add_code(path, coder=coder))
    except _Preview as preview:
        return preview.code


def others_hidden(ws: Workspace, coder: str) -> bool:
    """Whether ``coder`` hides the other coders' codings in the coder screen of this project."""
    return bool(ws.session.view_choice(coder, HIDE_OTHERS, False))


def keep_others_hidden(ws: Workspace, coder: str, hidden: bool) -> None:
    """Keep ``coder``'s choice to hide (or show) the other coders' codings for this project."""
    ws.session.hide_others(coder, bool(hidden))


ROLE = "role"
PREFERRED_ATTRIBUTES = ["region_type", "respondent_roles", "school_boards"]


@dataclass
class DashboardData:
    """Everything the dashboard shows, as plain rows."""
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (label, colour)
    themes: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    attributes: list[str] = field(default_factory=list)
    by: str | None = None
    crosstab: list[dict[str, Any]] = field(default_factory=list)
    cooc_themes: list[dict[str, Any]] = field(default_factory=list)
    cooc_codes: list[dict[str, Any]] = field(default_factory=list)
    coders: list[str] = field(default_factory=list)
    counting: str | None = None   # whose codings the counts are (None: every coder, spans once)
    coded: int = 0                # the interviews that coder coded (when fewer than all, the line says so)
    blind: bool = False           # the counts are the coder's own: the others' are hidden while she codes blind
    pair: tuple[str, str] | None = None
    agreement: dict[str, Any] | None = None
    kept: tuple[str, float] | None = None  # (agreed coding, alpha) the method gives for the pair, kept at its start
    errors: list[str] = field(default_factory=list)


def compute_dashboard(ws: Workspace, by: str | None, pair: tuple[str, str] | None,
                      rollup: bool = False, blind: str | None = None, coder: str | None = None) -> DashboardData:
    """Everything the dashboard shows, as plain rows (runs in a worker thread). ``blind``: the
    coder who hides the others' codings (the Coder's o): the counts are hers and agreement is
    left out, so that the dashboard does not show her the other coders' work. ``coder``: the
    workbench's coder: a coder outside the project's pair is compared with the coder who coded
    most of her interviews (a second coder's agreement tab opened on the two others)."""
    data = DashboardData()
    codes = ws.codebook()
    data.codes = {c.path: (c.label or c.name, c.colour) for c in codes}
    docs = ws.documents()
    data.documents = len(docs)
    if not docs:
        data.errors.append("no documents yet: import transcripts to see counts")
        return data
    keys: dict[str, int] = {}
    for d in docs:
        for k, v in d.attributes.items():
            if k not in ("title", "fictional", "created", "author", "interviewer") and v not in (None, ""):
                keys[k] = keys.get(k, 0) + 1
    # attributes that group interviews (not one value per interview, like a region name)
    grouping = [k for k, _ in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))
                if k in PREFERRED_ATTRIBUTES or len({str(d.attributes.get(k)) for d in docs}) < max(len(docs), 2)]
    rank = {k: i for i, k in enumerate(PREFERRED_ATTRIBUTES)}
    data.attributes = sorted(grouping, key=lambda k: rank.get(k, 99)) + [ROLE]
    # the chapter's counts: the reference coder when the project has one
    data.counting = blind or ws.counting_coder()
    data.coded = len(ws.analysis_service.coded_documents(data.counting)) if data.counting else len(docs)
    data.blind = blind is not None
    if blind is not None and ws.store.coders.by_name(blind) is None:  # a coder new to the project: nothing of hers
        data.by = by if by in data.attributes else data.attributes[0]
        return data
    data.themes = ws.theme_counts(coder=data.counting, rollup=True).to_dict("records")
    data.by = by if by in data.attributes else (
        "region_type" if "region_type" in data.attributes else data.attributes[0])
    try:
        data.crosstab = ws.crosstab(data.by, coder=data.counting, rollup=True).to_dict("records")
    except StoQualError as exc:
        data.errors.append(str(exc))
    data.cooc_themes = ws.cooccurrence(coder=data.counting, rollup=True).to_dict("records")
    data.cooc_codes = ws.cooccurrence(coder=data.counting, rollup=False).to_dict("records")
    data.coders = [c["name"] for c in ws.coders() if c.get("codings")]
    default_pair = None if blind else ws.agreement_pair()
    if default_pair and coder in data.coders and coder not in default_pair:
        from sto_qual.services.report_reliability import counted_pair
        agreed = ws.agreed.pairs()
        default_pair = counted_pair(ws, coder, [c for c in sorted(ws.coders(), key=lambda c: c["id"])
                                                if c["codings"] and c["name"] not in agreed])
    if default_pair:
        data.pair = pair if pair and all(p in data.coders for p in pair) and pair[0] != pair[1] else default_pair
        try:
            data.agreement = ws.agreement(*data.pair, rollup=rollup)  # as `agreement` and the report by default
            data.kept = ws.agreed.kept(data.counting, data.agreement)
        except StoQualError as exc:
            data.errors.append(str(exc))
    return data


def run_export(ws: Workspace, path: str | Path, *, progress: Callable[[int, int, str], None] | None = None,
               **options: Any) -> dict[str, Any]:
    """Write ``path`` through ``Workspace.export`` (the format follows the suffix)."""
    path = Path(path).expanduser()
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise ExportError(f"{path.name}: unknown export format", hint="end the file name in " + ", ".join(EXPORT_SUFFIXES))
    if not path.parent.exists():
        raise ExportError(f"{path.parent}: no such directory")
    result = ws.export(path, progress=progress, **options)
    return result if isinstance(result, dict) else {"path": str(path)}


def history_coding_ids(result: dict[str, Any]) -> list[int]:
    """The coding ids an undo/redo step touched, from ``Workspace.undo``/``redo``'s result."""
    what = result.get("undone", result.get("redone"))
    items = what if isinstance(what, list) else [what]
    out: list[int] = []
    for it in items:
        if isinstance(it, list):
            out += history_coding_ids({"undone": it})
        elif isinstance(it, dict) and isinstance(it.get("coding"), int):
            out.append(it["coding"])
    return out


def undo_summary(result: dict[str, Any]) -> str:
    """One line for a notification from ``Workspace.undo``/``redo``'s result."""
    key = "undone" if "undone" in result else "redone"
    what = result.get(key)
    n = len(what) if isinstance(what, list) else 1
    verb = "Undid" if key == "undone" else "Redid"
    return f"{verb} {n} change{'s' if n != 1 else ''} ({result.get('op')})"


def history_summary(result: dict[str, Any], facts: dict[int, tuple[str, str]], passage: str | None = None) -> str:
    """'Undid: coding of ‘Urgentie’ on R01, sentence 24' from ``Workspace.undo``/``redo``'s result and, per coding
    id it touched, (code label, place). ``passage``: the place of all of them together, named for a join or a
    removal from part of a coding (the codings it joined or split each hold a part of it); else ``undo_summary``."""
    key = "undone" if "undone" in result else "redone"
    verb = "Undid" if key == "undone" else "Redid"
    ids = list(dict.fromkeys(history_coding_ids(result)))  # a coding widened and its suggestion accepted: one
    known = [facts[i] for i in ids if i in facts]
    if not known:
        return undo_summary(result)
    single = what if isinstance(what := result.get(key), dict) else None
    fields = list(dict.fromkeys(FIELD_NOUN.get(f, f) for f in (single or {}).get("fields", []) if f != "updated_at"))
    change = f"{' and '.join(fields)} of " if single and single.get("op") == "update" and fields else ""
    said = str(result.get("what") or "")
    if " of ‘" in said:  # what the step was, as the history names it: "removal of", "unstar of"
        change = said.split(" of ‘", 1)[0] + " of "
    label, place = known[0]
    if said.startswith("recode to ‘"):  # the code it was given, whichever way the step went now
        change, label = "recode to ", said[len("recode to "):].split("’", 1)[0].lstrip("‘")
    if change:  # "coding of ‘Urgentie’", as the history and `undo` name it (the Coder's "of Urgentie" did not)
        label = f"‘{label}’"
    one_passage = said.startswith(("removal of", "join of"))
    steps = what if isinstance(what, list) else []
    if (said.startswith("accept of") and len(ids) == 1 and " more suggestion" not in said
            and any(a.get("op") == "update" for a in steps if isinstance(a, dict))):
        # an accept that widened a coding: the coding stays, over what it held before ("on sentences
        # 21-22" read as if the accept had been there, and "and 1 more" counted the coding twice)
        return f"{verb}: {change}{label}: " + (f"its coding is back to {place}" if key == "undone"
                                                else f"its coding covers {place} again")
    if said.startswith(("widening of", "shrinking of", "join of")) and len(ids) == 1:  # where the coding is now
        return f"{verb}: {change}{label}: " + ("back to " if key == "undone" else "now on ") + place
    text = f"{verb}: {change}{label} on {passage if one_passage and passage else place}"
    many = re.search(r" and \d+ more suggestions?(?: \(accepted and rejected\))?$", said)
    if many:  # suggestions decided at once: counted as the history counts them, not by codings
        text += many.group(0)
    elif len(ids) > 1 and not one_passage:
        text += f" and {len(ids) - 1} more"
    return text


__all__ = ["TurnView", "UnitView", "DocumentView", "CodingMark", "SuggestionMark", "QuoteRow", "open_document",
           "document_codings", "document_suggestions", "passage_context", "quotes", "review_order", "sentence_range",
           "document_place", "clip_words", "reason_in_english", "parse_filter", "filter_words", "TextMatches",
           "text_matches", "filter_documents", "filter_reason", "found_sentences",
           "add_code_and_apply", "new_code_preview", "others_hidden", "keep_others_hidden", "EXPORT_FORMATS", "run_export",
           "history_coding_ids", "undo_summary", "history_summary", "DashboardData", "compute_dashboard", "StoQualError"]
