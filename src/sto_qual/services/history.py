"""Undo and redo: each coder's own history of steps, kept in the project (survives
restarts). A step that the project moved past (another coder or window changed the same
coding) is refused before anything is written and dropped from the history
(``services.undo.check``)."""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import NothingToDo, StaleChange
from sto_qual.domain.history import FIELD_NOUN, coding_of, describe, more_suggestions, suggestions_of
from sto_qual.domain.text import plural
from sto_qual.services.safety import taken_back_by

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project
    from sto_qual.services.suggestion_review import SuggestionReview


class HistoryService:
    """Over the project; a suggestion's reject is redone by the suggestion review (``review``),
    a summary step is applied by the synthesis use case."""

    def __init__(self, ws: Project, review: SuggestionReview) -> None:
        self.ws = ws
        self.review = review
        self.session = ws.session
        self.store = ws.session.store
        self._undone_here: set[int] = set()  # the steps this workspace (a window, a command) undid

    def undo(self, coder: str | None = None) -> dict[str, Any]:
        """Undo this coder's last change (survives restarts; at least 50 steps)."""
        return self._step(coder, undo=True)

    def redo(self, coder: str | None = None) -> dict[str, Any]:
        return self._step(coder, undo=False)

    def next_step(self, coder: str | None = None, *, undo: bool = True) -> dict[str, Any] | None:
        """The step ``undo`` (or redo) would take next for this coder, without taking it:
        ``{"op", "what", "via", "passed"}`` ("summary" for an edit in the synthesis; ``via``
        "command" for a step a command made, "window:…" for one a workbench made, else None;
        ``elsewhere``: made in another workbench window of the coder's while this one is open;
        ``passed``: the coder's later changes that are no undo step, in words; ``step``: its
        number, to tell whether it is still the next one after a question), or None."""
        coder_name = self.session.resolve_coder(coder)
        coder_id = self.session.existing_coder_id(coder_name)
        entry = None if coder_id is None else self.store.history.last(coder_id, undone=not undo)
        if entry is None:
            return None
        via, mine = entry[1].get("via"), self.store.history.via
        elsewhere = bool(via and mine and via.startswith("window:") and via != mine
                         and (self.store.history.made_at(entry[0]) or "") > self.session.recording_since)
        return {"op": entry[1]["op"], "what": self.what(entry[1]), "via": via, "elsewhere": elsewhere, "step": entry[0],
                "passed": self._passed(entry[0], coder_name) if undo else [],
                "refused": self._refusal(entry[1], inverse=undo),
                "undone_elsewhere": self._undone_elsewhere(coder_id) if undo else None}

    def _undone_elsewhere(self, coder_id: int) -> str | None:
        """This window's last step, in words, when another window undid it (it is the step a redo
        would take, made here, and not undone here): the window's next u takes back the step
        before it, one it did not make (an older session's), which it did unasked."""
        mine = self.store.history.via
        last = self.store.history.last(coder_id, undone=True)
        if last is None or not mine or last.action.get("via") != mine or last.id in self._undone_here:
            return None
        return self.what(last.action)

    def _refusal(self, action: dict[str, Any], inverse: bool) -> str | None:
        """Why the step can no longer be taken, as taking it would say (a merge since moved its
        coding): known before a question is asked about it, not after the answer. A batch's first
        part only: its later parts are checked against what the earlier ones leave."""
        from sto_qual.services.undo import check
        parts = action.get("actions") if action.get("op") == "batch" else [action]
        if not parts:
            return None
        try:
            check(self.store, parts[-1] if inverse else parts[0], inverse)
        except StaleChange as exc:
            return str(exc)
        return None

    def _passed(self, hid: int, coder_name: str) -> list[str]:
        """In words, the coder's changes after step ``hid`` that are no undo step (a code-merge, an import)."""
        made = self.store.history.made_at(hid)
        if made is None:
            return []
        # newest first, the order their commands take them back in (a move's named a parent renamed later)
        out = [_no_step(r, self.store.path) for r in self.store.audit.changes_without_undo_since(made, coder_name)
               if not _brought_nothing(r)][::-1]
        # an agreed coding's marks (a place marked discussed, or the mark taken off): an undo in the
        # meeting after a wrong K took back the coding before it, unsaid
        cid = self.store.coders.by_name(coder_name)
        for r in self.store.audit.coder_updates_since(made, cid) if cid is not None else ():
            for key, did, back in (("discussed", "the mark of", "--clear"), ("not_discussed", "taking the mark off",
                                                                            "--discussed")):
                if r["details"].get(key):
                    ids = " ".join(r["details"][key])
                    out.append(f"{did} {ids} as discussed (`sto-qual differences {shlex.quote(coder_name)} {ids} "
                               f"{back}` takes it back, as K on it again in the workbench)")
        return out

    def _step(self, coder: str | None, undo: bool) -> dict[str, Any]:
        coder_name = self.session.resolve_coder(coder)
        coder_id = self.session.existing_coder_id(coder_name)  # a coder the project lacks has no steps
        try:
            with self.store.transaction():
                entry = None if coder_id is None else self.store.history.last(coder_id, undone=not undo)
                if entry is None:
                    raise self._nothing(coder, coder_name, coder_id, "undo" if undo else "redo")
                hid, action = entry
                what = self.what(action)  # before applying: an undone add leaves no coding to name
                passed = self._passed(hid, coder_name) if undo else []
                owners = sorted(self._owners(action) - {coder_id})
                self._apply(action, inverse=undo)
                self.store.history.mark(hid, undone=undo)
                self.store.audit.record("undo" if undo else "redo", "history", hid, coder_name, {"op": action["op"]})
            (self._undone_here.add if undo else self._undone_here.discard)(hid)
        except StaleChange as exc:
            # a step that can never apply again would block every step behind it
            with self.store.transaction():
                self.store.history.drop(hid)
                also = self._drop_on_gone_coding(coder_id, action) if undo else 0
            exc.hint = "this step was dropped from your undo history" + (
                f", with the {plural(also, 'step')} before it on the same coding" if also else "")
            raise
        names = self.store.coders.names() if owners else {}
        out = {"op": action["op"], "undone" if undo else "redone": describe(action), "what": what,
               "others": [names.get(i, str(i)) for i in owners], "via": action.get("via"),
               "at": self.store.history.made_at(hid)}  # (where and when the step was made)
        if passed:  # "undo" after a code-merge took back an older step, unsaid
            out["passed"] = passed
        return out

    def _drop_on_gone_coding(self, coder_id: int, action: dict[str, Any]) -> int:
        """The coder's steps right before a refused one that were on the same coding, which another
        coder or window removed since: each would be refused alike, one `u` at a time (a star and
        the coding itself took two refusals before the step behind them). Dropped; their number."""
        gone = coding_of(action)
        if gone is None or self.store.codings.row(gone) is not None:
            return 0
        n = 0
        while (entry := self.store.history.last(coder_id, undone=False)) is not None \
                and coding_of(entry[1]) == gone and self._refusal(entry[1], inverse=True) is not None:
            self.store.history.drop(entry[0])
            n += 1
        return n

    def _nothing(self, coder: str | None, coder_name: str, coder_id: int | None, verb: str) -> NothingToDo:
        """Nothing to undo (redo); for a coder the project does not have, said so, with the coder the name
        likely mistypes (the rule of `code --coder`): `undo --coder eav` said only "nothing to undo for coder eav"."""
        if coder_id is not None or not coder:  # (after a merge her `undo` said just this, her codings all there)
            mine = coder_id is not None and verb == "undo" and self.store.codings.documents_by_coder().get(coder_id)
            return NothingToDo(f"nothing to {verb} for coder {coder_name}", hint=None if not mine else "an import or "
                               f"a merge brings codings, not the steps that made them: `sto-qual uncode ID --coder "
                               f"{shlex.quote(coder_name)}` removes one")
        near = self.session.new_coder_near(coder)
        if near is None:  # a new coder (the TUI's, before her first coding), or a name like no other
            return NothingToDo(f"nothing to {verb} for coder {coder_name}: no coder of that name in this project yet")
        return NothingToDo(f"nothing to {verb} for coder {coder_name}: no coder of that name in this project",
                           hint=f"did you mean {near}? then give --coder {near}")

    def _owners(self, action: dict[str, Any]) -> set[int]:
        """The coders whose codings a step changed (a memo or star given to a colleague's coding changes hers)."""
        if action["op"] == "batch":
            return set().union(*(self._owners(a) for a in action["actions"]))
        if action["op"] in ("add", "remove"):
            return {action["coding"]["coder_id"]}
        if action["op"] == "update":
            row = self.store.codings.row(action["id"])
            return {row["coder_id"]} if row else set()
        return set()

    def what(self, action: dict[str, Any]) -> str:
        """The step in words for a message: "accept of ‘Gedeelde plek’ on R06"."""
        try:
            return self._what(action)
        except Exception:  # a name that cannot be found must never block the undo itself
            return f"1 change ({action.get('op')})"

    def _what(self, action: dict[str, Any]) -> str:
        op = action["op"]
        if op == "batch" and suggestions_of(action):  # suggestions decided at once (b, B, accept 3 4 5)
            steps = [a for a in action["actions"] if a.get("suggestion_id") is not None]
            verbs = {("reject" if a["op"] == "reject" else "accept") for a in steps}
            n = len(suggestions_of(action))
            first = self._what(steps[0])
            return first + more_suggestions(n - 1) + ("" if n == 1 or len(verbs) == 1 else " (accepted and rejected)")
        if op == "batch":  # named by its change of a coding when it has one, by its codings added (search --code)
            steps, adds = action["actions"], [a for a in action["actions"] if a["op"] == "add"]
            main = adds[0] if len(adds) > 1 else next((a for a in steps if a["op"] == "update"), steps[0])
            one = "" if len(adds) > 1 else _one_change(steps, main)  # a coding split or trimmed by uncode, or joined
            if one:
                row = self.store.codings.row(main["id"]) or {}
                if row:
                    code = self.store.codes.by_id(row["code_id"])
                    return f"{one} of ‘{code.label or code.name}’ on {self.store.documents.name(row['document_id'])}"
            n = len({coding_of(a) for a in steps} - {None}) if len(adds) > 1 else len(steps)  # codings, not parts
            return self._what(main) + (f" and {n - 1} more" if n > 1 else "")
        if op == "summary":
            code = self.store.codes.by_id(action["code_id"])
            label = code.label or code.name
            before, after = action.get("before") or {}, action.get("after") or {}
            # the same text with something else changed is an accept: of the whole, or of one of a
            # theme's sentences (its status stays "draft" until all are; F9's u called that an "edit")
            change = ("clearing" if not after else "draft" if action.get("drafted")
                      else "accept" if before.get("text") == after.get("text") and before != after else "edit")
            if action["kind"] == "theme":
                named = "" if action.get("drafted") else _theme_sentences(before, after)
                return f"{named or change} of the theme summary ‘{label}’"
            return f"{change} of the summary ‘{label}’ on {self.store.documents.name(action['document_id'])}"
        if op in ("accept", "reject"):  # the suggestion names the code and document
            row = self.store.suggestions.row(action["suggestion_id"]) or {}
            change = op
        elif op in ("add", "remove"):
            row = action["coding"]
            change = "accept" if op == "add" and action.get("suggestion_id") else "coding" if op == "add" else "removal"
        else:
            row = self.store.codings.row(action["id"]) or {}
            # the columns changed, as nouns: "star of ‘Urgentie’", "span of …", never "starred of"
            after = action.get("after", {})
            nouns = dict.fromkeys(("unstar" if f == "starred" and not after[f] else "recode to" if f == "code_id"
                                   else FIELD_NOUN.get(f, f)) for f in sorted(after) if f != "updated_at")
            if "span" in nouns:  # "span of …" read as a removal when a join was undone: say which way it went
                way = "join" if action.get("joined") else _span_change(action.get("before") or {}, after)
                nouns = {(way if n == "span" else n): None for n in nouns}
            change = " and ".join(nouns) or "change"
            row = {**row, "code_id": after.get("code_id", row.get("code_id"))}  # a recode: to the code it gave
        code = self.store.codes.by_id(row["code_id"])  # ("recode to ‘B’": "recode of ‘A’" read both ways)
        return (f"{change}{' ' if change.endswith(' to') else ' of '}‘{code.label or code.name}’ on "
                f"{self.store.documents.name(row['document_id'])}")

    def undo_decision(self, suggestion_id: int, label: str, coder: str | None = None, verb: str = "accept") -> dict:
        """Undo the accept (or ``verb``, a bulk reject) of a suggestion (F4's u), only when it is the coder's
        next step to undo: after a change made elsewhere (a CLI undo, the Coder's u, another window)
        plain undo would take back another step under this one's name."""
        return self._decision(suggestion_id, label, verb, coder, undo=True)

    def redo_decision(self, sid: int, label: str, verb: str, coder: str | None = None, anew: bool = True) -> dict:
        """Redo the accept or reject of one suggestion (F4's U): the coder's next step to redo when it
        is that one; a reject no longer in the history is made anew (``anew``: not a bulk one's)."""
        return self._decision(sid, label, verb, coder, undo=False, anew=anew)

    def _decision(self, sid: int, label: str, verb: str, coder: str | None, undo: bool, anew: bool = True) -> dict:
        coder_name = self.session.resolve_coder(coder)
        coder_id = self.session.existing_coder_id(coder_name)
        step = None if coder_id is None else self.store.history.last(coder_id, undone=not undo)
        if step is not None and sid in suggestions_of(step.action):
            return self._step(coder_name, undo=undo)
        row = self.store.suggestions.row(sid) or {}
        status = row.get("status")
        if undo and status == "pending":
            raise NothingToDo(f"the {verb} of {label} was already undone (elsewhere)")
        if not undo and status == ("accepted" if verb == "accept" else "rejected"):
            raise NothingToDo(f"the {verb} of {label} was already redone (elsewhere)")
        if not undo and verb == "reject" and status == "pending" and anew:
            self.review.reject([sid], coder=coder_name)
            return {"op": "reject", "what": f"reject of {label}"}
        other = f"the {self.what(step.action)}" if step is not None else "nothing"
        raise NothingToDo(f"the {verb} of {label} is no longer your next step to "
                          f"{'undo' if undo else 'redo'} (that is {other}, after a change made elsewhere); "
                          f"u and U in the Coder or `sto-qual {'undo' if undo else 'redo'}` go step by step")

    def reopen(self, suggestion_id: int, coder: str | None = None) -> None:
        """Put a rejected suggestion back in the queue (the Suggestions screen's undo of a reject).
        When the coder's last step is that reject, it is undone as a step (``redo`` rejects
        again); else the suggestion is put back as it is and that reject step leaves the
        history (an undo of it later said "undone: reject of …" and changed nothing)."""
        coder_name = self.session.resolve_coder(coder)
        coder_id = self.session.existing_coder_id(coder_name)
        last = None if coder_id is None else self.store.history.last(coder_id, undone=False)
        if last is not None and last.action["op"] == "reject" and last.action["suggestion_id"] == suggestion_id:
            self.undo(coder_name)
            return
        with self.store.transaction():
            row = self.store.suggestions.row(suggestion_id)
            if row is None or row["status"] != "rejected":
                raise NothingToDo(f"suggestion {suggestion_id} is not rejected")
            self.store.suggestions.decide(suggestion_id, "pending", self.session.coder_id(coder_name), None)
            self.store.audit.record("reopen", "suggestion", suggestion_id, coder_name, None)
            # its reject step behind newer ones is done with: `undo` later "undid" it and changed nothing
            for step in ([] if coder_id is None else self.store.history.steps(coder_id, undone=False)):
                if step.action["op"] == "reject" and step.action["suggestion_id"] == suggestion_id:
                    self.store.history.drop(step.id)
                    break

    def _apply(self, action: dict[str, Any], inverse: bool) -> None:
        """Apply one step, or undo it (``inverse``), inside the caller's transaction. Each part
        of a batch is checked just before it is applied, against what the parts before it left
        (accepting two neighbouring sentences adds a coding and then widens it: checked all at
        once, the add's coding read as "changed since", and the undo was refused and dropped);
        a part that no longer fits raises ``StaleChange`` and the transaction writes nothing."""
        op = action["op"]
        if op == "batch":
            for a in (reversed(action["actions"]) if inverse else action["actions"]):
                self._apply(a, inverse)
            return
        from sto_qual.services.undo import check
        check(self.store, action, inverse)
        if op in ("add", "remove"):
            insert = (op == "add") == (not inverse)
            row = action["coding"]
            if insert:
                if self.store.codings.row(row["id"]) is None:
                    self.store.codings.insert(document_id=row["document_id"], code_id=row["code_id"],
                                              coder_id=row["coder_id"], start=row["start"], end=row["end"],
                                              words=row.get("words", 0), memo=row["memo"], origin=row["origin"],
                                              starred=bool(row["starred"]), coding_id=row["id"],
                                              created_at=row["created_at"])
            else:
                self.store.codings.delete_row(row["id"])
            if action.get("suggestion_id"):
                self.store.suggestions.decide(action["suggestion_id"], "accepted" if insert else "pending",
                                              row["coder_id"], row["id"] if insert else None)
            return
        if op == "accept":  # no coding was made: only the decision comes and goes
            self.store.suggestions.decide(action["suggestion_id"], "pending" if inverse else "accepted",
                                          action["coder_id"], None if inverse else action["coding_id"])
            return
        if op == "reject":
            self.store.suggestions.decide(action["suggestion_id"], "pending" if inverse else "rejected",
                                          action["coder_id"], None)
            return
        if op == "summary":  # a summary-grid cell or theme summary (services/synthesis.py)
            from sto_qual.services.synthesis import apply_history
            apply_history(self.ws, action, inverse)
            return
        if op == "update":
            fields = action["before"] if inverse else action["after"]
            if self.store.codings.row(action["id"]) is not None:
                self.store.codings.update_row(action["id"], **fields)
            return
        raise ValueError(f"unknown history op {op}")  # pragma: no cover


def _one_change(steps: list[dict[str, Any]], main: dict[str, Any]) -> str:
    """What a step of several actions was, when they are one change of one passage: "removal"
    (uncode took a code off part of a coding: its span shrank, a second part may have been
    added), "join" (codings of one code merged into one whose span grew), else ""."""
    if main["op"] != "update" or {a["op"] for a in steps} - {"update", "add", "remove"}:
        return ""
    before, after = main.get("before") or {}, main.get("after") or {}
    if "start" not in after and "end" not in after:
        return ""
    shrank = after.get("start", before.get("start", 0)) >= before.get("start", after.get("start", 0)) and \
        after.get("end", before.get("end", 0)) <= before.get("end", after.get("end", 0))
    if shrank and all(a["op"] != "remove" for a in steps):
        return "removal"
    if not shrank and all(a["op"] != "add" for a in steps):
        return "join"
    return ""


def _span_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    """"widening" (a coding grown over more text: a join, a --snap), "shrinking", or "span"."""
    # a step keeps only the columns it changed: a join that moved the start alone has no "end"
    moved = [k for k in ("start", "end") if None not in (before.get(k), after.get(k)) and before[k] != after[k]]
    if not moved:
        return "span"
    grows = [after[k] <= before[k] if k == "start" else after[k] >= before[k] for k in moved]
    if all(grows):
        return "widening"
    if not any(grows):
        return "shrinking"
    return "span"


def _brought_nothing(row: dict[str, Any]) -> bool:
    """A merge that brought nothing in (a copy merged again): it changed nothing to pass."""
    return (row["entity"], row["action"]) == ("project", "merge") and \
        not any(v for k, v in row["details"].items() if k != "from")


def _no_step(row: dict[str, Any], project: object) -> str:
    """An audit line of a change that is no undo step, in words, with how it is taken back."""
    d, kind = row["details"], (row["entity"], row["action"])
    if kind == ("code", "merge"):
        back = taken_back_by(d.get("backup"), project, "its backup (`sto-qual backups`) takes it back")
        return f"the code-merge of {d.get('from')} into {d.get('into')} ({back})"
    if kind == ("code", "delete"):
        back = taken_back_by(d.get("backup"), project, "`sto-qual code-add` makes it again")
        return f"the delete of code {d.get('path')} ({back})"
    if kind in (("code", "rename"), ("code", "move")):
        old = str(d.get("from") or "")
        back = (f"code-rename {d.get('to')} {old.rsplit('/', 1)[-1]}" if row["action"] == "rename" else
                f"code-move {d.get('to')}" + (f" --under {old.rsplit('/', 1)[0]}" if "/" in old else ""))
        return f"the {row['action']} of {old} to {d.get('to')} (`sto-qual {back}` takes it back)"
    if kind == ("project", "merge"):
        back = taken_back_by(d.get("backup"), project, "its backup, `sto-qual backups` lists it, takes it back")
        tail = ", with every change made after it)" if back[:1] == "`" else ")"
        return f"the merge of {d.get('from')} ({back}{tail}"
    if row["entity"] == "codings" and not d.get("added"):  # it gave memos or stars, or widened codings
        return f"the codings import of {d.get('file')} (its changes to codings stay)"
    added = f"its {plural(d['added'], 'coding')}" if d.get("added") else "its codings"  # (not "its 1 codings")
    return (f"the {row['entity']} import of {d.get('file')} (`sto-qual uncode --id N` takes {added} back, "
            "one by one)")


def _theme_sentences(before: dict, after: dict) -> str:
    """An accept or edit of some of a theme's sentences named by them ("accept of point 1",
    "edit of lead sentence 2", "accept of 3 sentences"): F9's u said "accept of the theme
    summary" when a writer had accepted one point. "" when the whole summary changed."""
    if not before or not after or before.get("text") != after.get("text"):  # (the last one's accept turns its status)
        return ""
    changed = []
    for key, name in (("lead_meta", "lead sentence"), ("points", "point"), ("contrasts", "contrast")):
        for i, (a, b) in enumerate(zip(before.get(key) or [], after.get(key) or [])):
            # a lead sentence's words are in "lead", beside its marks; a point's and a contrast's in it
            lead = [(x.get("lead") or [])[i:i + 1] or [None] for x in (before, after)]  # (its words, beside marks)
            was, now = (lead[0][0], lead[1][0]) if key == "lead_meta" else (a.get("text"), b.get("text"))
            if was != now:
                changed.append(("edit", f"{name} {i + 1}"))
            elif bool(a.get("left_out")) != bool(b.get("left_out")):  # (undone, it said "accept of point 6")
                changed.append(("leaving out" if b.get("left_out") else "putting back", f"{name} {i + 1}"))
            elif a.get("reviewed") != b.get("reviewed"):
                changed.append(("accept" if b.get("reviewed") else "unaccept", f"{name} {i + 1}"))
    if not changed or (len(changed) > 1 and before.get("status") != after.get("status")):  # the whole accepted
        return ""
    kinds = {k for k, _n in changed}
    kind = kinds.pop() if len(kinds) == 1 else "change"
    return f"{kind} of {changed[0][1]}" if len(changed) == 1 else f"{kind} of {len(changed)} sentences"
