"""Reviewing suggestions: generate them, list them, accept or reject them.

Contract: suggestions are never codings until accepted; accepting is one undo step (the
suggestions go back to pending when undone), and so is rejecting, from the CLI or the TUI
(undone, the suggestions are pending again); a rejected (unit, code) is never proposed again;
accepting never codes text twice with one code for one coder (``Accepted``). The suggestion
engine itself is ``services.suggesting``.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sto_qual.domain import history
from sto_qual.domain.errors import NothingToDo
from sto_qual.domain.model import Coding, Suggestion
from sto_qual.domain.text import count_words
from sto_qual.services.session import ProgressFn
from sto_qual.services.suggest_training import (MODEL_CODINGS, RETRAIN_BATCH,  # noqa: F401 (workspace re-exports)
                                                has_kept_model)

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


class Accepted(NamedTuple):
    """What accepting one suggestion did, by the accepting coder's codings of its code in
    that document: ``"coded"``, a new coding of the sentence (none of them touches it);
    ``"already coded"``, none (one of them holds the whole sentence, or two or more reach
    into it: widening one would run it over another); ``"widened"``, the one that held part
    of the sentence, or ended or began right next to it in the same speaker's turn, now holds
    all of it. ``coding`` is the coding the suggestion names."""
    suggestion_id: int
    coding: Coding
    outcome: str


def accepted_detail(done: Sequence[Accepted]) -> str:
    """What accepting made, for the CLI and the TUI, when it is not one new coding each:
    "1 new coding, 7 already coded by anna, so no new coding"; "" when it is."""
    counts = Counter(a.outcome for a in done)
    if set(counts) <= {"coded"}:
        return ""
    coder = done[0].coding.coder
    made = {a.coding.id for a in done if a.outcome == "coded"}
    grown = sum(1 for a in done if a.outcome == "widened" and a.coding.id in made)  # onto one made in this step
    counts["widened"] -= grown
    parts = [f"{counts['coded']} new coding{'s' if counts['coded'] != 1 else ''}" + (
        f" ({grown} more suggested sentence{'s' if grown != 1 else ''} next to {'it' if len(made) == 1 else 'them'} "
        f"joined {'it' if len(made) == 1 else 'them'})" if grown else "")] if counts["coded"] else []
    if counts["widened"]:
        starred = sorted({a.coding.id for a in done if a.outcome == "widened" and a.coding.starred
                          and a.coding.id not in made})
        parts.append(f"{counts['widened']} coding{'s' if counts['widened'] != 1 else ''} by {coder} "
                     "widened to hold the suggested sentence" + (
                         # a quote the writer starred now holds the suggested sentence too
                         f" (starred: {', '.join(f'#{i}' for i in starred)}, whose quote holds it now)"
                         if starred else ""))
    if counts["already coded"]:
        parts.append(f"{counts['already coded']} already coded by {coder}, so no new coding")
    return ", ".join(parts)


# an id a coder copied before a learned run withdrew it was "no suggestion", and nothing said why
GONE_HINT = ("`sto-qual suggestions` lists the pending ones; a pending suggestion goes when a learned run no longer "
             "proposes it or its sentence is coded with its code")


class SuggestionReview:
    """Suggestions over the project: generated, listed, accepted and rejected."""

    def __init__(self, ws: Project) -> None:
        self.ws = ws
        self.session = ws.session
        self.store = ws.session.store

    def suggest(self, *, doc: str | int | None = None, code: str | None = None, learned: bool = False,
                min_codings: int = 10, threshold: float | None = None, seed: int = 0,
                progress: ProgressFn | None = None) -> dict[str, Any]:
        """Generate pending suggestions (never codings): keyword rules and a calibrated model
        trained on this project's codings and codebook, combined into one suggestion per unit
        and code (``services.suggesting``). ``learned`` trains the model now; otherwise the
        model the project keeps is applied as it is, retrained first when a batch of new
        codings arrived since it learned (or it cannot be used any more); a project whose
        model never ran gets the keyword rules alone."""
        from sto_qual.services.suggesting import kept_model, make_suggestions
        model, reason = (None, None) if learned else kept_model(self.ws)
        last = self.store.settings.get(MODEL_CODINGS)
        if not learned and reason is None and last is not None \
                and self.store.file.info()["codings"] - last >= RETRAIN_BATCH:
            reason = "a batch of new codings arrived since the last model"
        auto = reason is not None  # the model was used before: learn again rather than fall back to keywords
        result = make_suggestions(self.ws, doc=doc, code=code, learned=learned or auto, min_codings=min_codings,
                                  threshold=threshold, seed=seed, progress=progress,
                                  model=None if auto else model)
        result["retrained_automatically"] = auto
        if auto:
            result["retrain_reason"] = reason
        return result

    def suggestions(self, *, status: str | None = "pending", doc: str | int | None = None,
                    code: str | None = None) -> list[Suggestion]:
        doc_id = self.store.documents.find(doc)[0] if doc is not None else None
        code_ids = self.ws.codebook_service.subtree_ids(code) if code is not None else None
        from sto_qual.services.suggesting import visible
        return visible(self.ws, self.store.suggestions.select(status=status, doc_id=doc_id, code_ids=code_ids))

    def propose(self, items: Iterable[tuple[int, str, str, str, float | None]]) -> int:
        """Add pending suggestions made elsewhere: (unit id, code, origin 'rule' or 'model',
        reason, confidence). The engine's rule holds: a (unit, code) already suggested,
        decided or coded is not proposed again. Returns how many were added."""
        rows = []
        for unit_id, code, origin, reason, confidence in items:
            if origin not in ("rule", "model"):
                raise ValueError(f"unknown suggestion origin {origin!r}")
            unit = self.store.transcripts.unit(unit_id)
            rows.append((unit.document_id, unit_id, self.store.codes.find(code).id, origin, reason, confidence))
        return self.store.suggestions.add(rows)

    def accept(self, ids: Iterable[int] = (), *, all_above: float | None = None, coder: str | None = None,
               doc: str | int | None = None, code: str | None = None) -> list[Accepted]:
        """Accept pending suggestions, one undo step: each sentence gets the code from this
        coder once: a new coding (origin accepted-suggestion), or the coder's coding of that
        code already there (widened to the whole sentence when it held part of it); see
        ``Accepted``. Another coder's codings do not count: each coder codes for themselves.
        ``doc``/``code``: ``all_above`` takes only that interview's, that code's (and its sub-codes')."""
        ids = list(ids)
        pending = self.suggestions(status="pending", doc=doc, code=code) if all_above is not None else []
        if all_above is not None:
            ids += [s.id for s in pending if s.confidence is not None and s.confidence >= all_above]
        if not ids and all_above is not None:
            unscored = sum(1 for s in pending if s.confidence is None)
            if unscored and has_kept_model(self.ws):
                # after a learned run they are the codebook's, for codes the model cannot judge yet: a
                # learned run again scored nothing of them ("`suggest --learned` scores them" sent a coder round)
                raise NothingToDo(f"no pending suggestion has a confidence of at least {all_above:g}; "
                                  f"{unscored} of the {len(pending)} pending have none: they are for codes the "
                                  "model cannot judge yet (it judges a code once at least 8 of its sentences are "
                                  "coded, in at least two interviews); nothing accepted",
                                  hint="accept them by id (`sto-qual suggestions` lists them), or code more")
            if unscored:  # keyword suggestions carry no confidence: --all-above can never take them
                raise NothingToDo(f"no pending suggestion has a confidence of at least {all_above:g}; "
                                  f"{unscored} of the {len(pending)} pending are keyword suggestions without one; "
                                  "nothing accepted", hint="`sto-qual suggest --learned` scores them with a model "
                                  "trained on your codings; or accept them by id")
            raise NothingToDo(f"no pending suggestion has a confidence of at least {all_above:g}; nothing accepted",
                              hint="see `sto-qual suggestions` for their confidences")
        if not ids:
            raise NothingToDo("no suggestions to accept", hint="give ids or --all-above")
        sugg = {s.id: s for s in self.store.suggestions.select(status=None, ids=ids)}
        missing = [i for i in ids if i not in sugg]
        if missing:
            raise NothingToDo(f"no suggestion with id {missing[0]}", hint=GONE_HINT)
        not_pending = [i for i in ids if sugg[i].status != "pending"]
        if not_pending:
            s = sugg[not_pending[0]]
            raise NothingToDo(f"suggestion {s.id} is already {s.status}; nothing accepted",
                              hint=self._mind_changed(s, coder) if s.status == "rejected" else None)
        coder_name = self.session.resolve_coder(coder)
        done = []
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            actions: list[dict[str, Any]] = []
            # in the order of the text: the next sentence then grows the coding the one before it made
            # (by confidence, a sentence two on became a coding of its own, and the one between widened the
            # first up to it: two touching codings of one code, counted and quoted twice)
            for sid in sorted(dict.fromkeys(ids), key=lambda i: (sugg[i].document_id, sugg[i].start, i)):
                s = sugg[sid]
                cid, outcome = self._accept_one(s, coder_id, coder_name, actions)
                self.store.suggestions.decide(sid, "accepted", coder_id, cid)
                self.store.audit.record("accept", "suggestion", sid, coder_name,
                                        {"coding": cid, "code": s.code, "outcome": outcome})
                done.append((sid, cid, outcome))
            self.store.history.push(coder_id, history.one_step(actions))
        return [Accepted(sid, self.store.codings.get(cid), outcome) for sid, cid, outcome in done]

    def _mind_changed(self, s: Suggestion, coder: str | None) -> str:
        """How a coder who rejected a suggestion codes its sentence after all ("already rejected" said
        nothing more): ``undo`` while the reject is her last step, else coding the sentence."""
        import shlex
        who = f" --coder {shlex.quote(coder)}" if coder else ""
        code = f"`sto-qual code --unit {s.unit} --code {shlex.quote(s.code)}{who}` codes its sentence"
        coder_id = self.session.existing_coder_id(self.session.resolve_coder(coder))
        last = None if coder_id is None else self.store.history.last(coder_id, undone=False)
        if last is not None and s.id in history.suggestions_of(last.action):
            more = len(history.suggestions_of(last.action)) - 1
            return (f"`sto-qual undo{who}` takes the reject back (your last step"
                    + (f", with {more} more suggestion{'s' if more != 1 else ''}" if more else "")
                    + f") and puts it in the queue again; or {code}")
        return f"a reject stands: {code} after all"

    def _accept_one(self, s: Suggestion, coder_id: int, coder_name: str, actions: list[dict[str, Any]]
                    ) -> tuple[int, str]:
        """(the coding suggestion ``s`` names, the outcome), appending the undo actions."""
        code_id = self.store.codes.find(s.code).id
        mine = [self.store.codings.row(k) for k in self.store.codings.find(s.document_id, code_id, coder_id,
                                                                             s.start, s.end)]
        if not mine:  # the coder's coding of the code right next to it, in the same speaker's turn, grows
            near = self.session.joinable(s.document_id, code_id, coder_id, s.start, s.end)  # over it
            if len(near) > 1:  # one on either side: the sentence between makes them one (it grew one of them)
                return self._join_around(s, near, coder_id, coder_name, actions), "widened"
            mine = near
        holding = [r for r in mine if r["start"] <= s.start and r["end"] >= s.end]
        if holding or len(mine) > 1:
            cid = (holding or mine)[0]["id"]
            actions.append(history.accepted_onto(s.document_id, s.id, cid, coder_id))
            return cid, "already coded"
        if mine:  # holds part of the sentence: it grows to hold all of it (the text is coded once)
            row = mine[0]
            start, end = min(row["start"], s.start), max(row["end"], s.end)
            before = {k: row[k] for k in ("start", "end", "words")}
            after = {"start": start, "end": end, "words": self.session.words(s.document_id, start, end)}
            self.store.codings.update_row(row["id"], **after)
            self.store.audit.record("resize", "coding", row["id"], coder_name, {"before": before, "after": after})
            actions += [history.updated(s.document_id, row["id"], before, after),
                        history.accepted_onto(s.document_id, s.id, row["id"], coder_id)]
            return row["id"], "widened"
        cid, new = self.store.codings.insert_once(document_id=s.document_id, code_id=code_id, coder_id=coder_id,
                                                  start=s.start, end=s.end, words=count_words(s.text),
                                                  origin="accepted-suggestion")
        if not new:  # coded meanwhile in another window
            actions.append(history.accepted_onto(s.document_id, s.id, cid, coder_id))
            return cid, "already coded"
        actions.append(history.added(s.document_id, self.store.codings.row(cid), suggestion_id=s.id))
        return cid, "coded"

    def _join_around(self, s: Suggestion, rows: list[dict[str, Any]], coder_id: int, coder_name: str,
                     actions: list[dict[str, Any]]) -> int:
        """The coder's codings of the code before and after the suggested sentence made one coding
        over all of them (the first keeps its id, memos joined, starred if one was), as the
        workbench's number keys join them; the undo actions appended."""
        kept, before, after, joined = self.session.join_codings(s.document_id, rows, s.start, s.end)
        merged = [r["id"] for r in rows if r["id"] != kept]
        self.store.audit.record("widen", "coding", kept, coder_name, {"before": before, "after": after, "merged": merged})
        actions += [*joined, history.accepted_onto(s.document_id, s.id, kept, coder_id)]
        return kept

    def reject(self, ids: Iterable[int] = (), *, all_below: float | None = None, coder: str | None = None,
               doc: str | int | None = None, code: str | None = None) -> int:
        """Reject pending suggestions, one undo step (undone, they are pending again); a
        rejected (unit, code) is never proposed again. ``doc``/``code`` narrow ``all_below``."""
        ids = list(ids)
        pending = self.suggestions(status="pending", doc=doc, code=code) if all_below is not None else []
        ids += [s.id for s in pending if s.confidence is not None and s.confidence < all_below]
        if not ids and all_below is not None:
            unscored = sum(1 for s in pending if s.confidence is None)
            if unscored:  # (it said "see their confidences" of suggestions that have none)
                raise NothingToDo(f"no pending model suggestion has a confidence below {all_below:g}; {unscored} of "
                                  f"the {len(pending)} pending have no confidence, so --all-below never takes them; "
                                  "nothing rejected", hint="reject them by id (`sto-qual suggestions` lists them)")
            raise NothingToDo(f"no pending model suggestion has a confidence below {all_below:g}; nothing rejected",
                              hint="see `sto-qual suggestions` for their confidences")
        if not ids:
            raise NothingToDo("no suggestions to reject", hint="give ids or --all-below")
        ids = list(dict.fromkeys(ids))  # an id given twice (or also below --all-below) is one reject
        coder_name = self.session.resolve_coder(coder)
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            actions = []
            for sid in ids:
                row = self.store.suggestions.row(sid)
                if row is None:
                    raise NothingToDo(f"no suggestion with id {sid}", hint=GONE_HINT)
                if row["status"] != "pending":
                    raise NothingToDo(f"suggestion {sid} is already {row['status']}")
                self.store.suggestions.decide(sid, "rejected", coder_id, None)
                self.store.audit.record("reject", "suggestion", sid, coder_name, None)
                actions.append(history.rejected(row["document_id"], sid, coder_id))
            self.store.history.push(coder_id, history.one_step(actions))
        return len(ids)
