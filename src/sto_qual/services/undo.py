"""Applying an undo/redo step, refusing when the project moved on.

A step holds copies of codings. Before each part of a step is written, the rows it touches are
checked against what the parts before it left: a coding to delete must still be that coding
(document, code, coder, span) with the memo and star the step left (someone else's memo
would go with it); a coding to bring back must not exist in another form, and its document
and code must still exist; a coding to change must still hold the values the step left.
Another coder (or a second window) may have changed them in between; the step is then
refused and dropped from the history, and nothing is written (the transaction rolls back).
"""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StaleChange, UnknownCode
from sto_qual.domain.history import snapshots_of
from sto_qual.domain.names import restore_command

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store import ProjectStore

_IDENTITY = ("document_id", "code_id", "coder_id", "start", "end")


def _same(row: dict[str, Any] | None, snapshot: dict[str, Any]) -> bool:
    return row is not None and all(row[k] == snapshot[k] for k in _IDENTITY)


def _code_exists(store: ProjectStore, code_id: int) -> bool:
    try:
        store.codes.by_id(code_id)
    except UnknownCode:
        return False
    return True


def check(store: ProjectStore, action: dict[str, Any], inverse: bool) -> None:
    """Raise ``StaleChange`` if ``action`` can no longer be applied (undone when ``inverse``)."""
    op = action["op"]
    if op == "batch":
        for a in action["actions"]:
            check(store, a, inverse)
        return
    if op in ("add", "remove"):
        insert = (op == "add") == (not inverse)
        snap = action["coding"]
        row = store.codings.row(snap["id"])
        if insert:
            if row is not None and not _same(row, snap):  # pragma: no cover - ids are never reused
                raise StaleChange(f"coding #{snap['id']} is now another coding; nothing was changed")
            if row is None:
                if not store.documents.exists(snap["document_id"]):
                    raise StaleChange(f"the document of coding #{snap['id']} was deleted; nothing was changed")
                # a coder removed while this step held her coding (before `coder-remove` looked at the
                # undo steps): the undo failed on every try, and the steps behind it with it
                if snap["coder_id"] not in store.coders.names():
                    raise StaleChange(f"the coder of coding #{snap['id']} was removed since (`coder-remove`); "
                                      "nothing was changed")
                if not _code_exists(store, snap["code_id"]):
                    path = store.audit.deleted_code_path(snap["code_id"])
                    raise StaleChange(f"the code {f'‘{path}’ ' if path else ''}of coding #{snap['id']} was deleted "
                                      f"since; nothing was changed{_restore(store, snap['code_id'])}")
                twin = store.codings.find(snap["document_id"], snap["code_id"], snap["coder_id"], snap["start"],
                                          snap["end"])
                if any(_same(store.codings.row(t), snap) for t in twin):
                    raise StaleChange(f"coding #{snap['id']} exists again (as #{twin[0]}); nothing was changed")
        elif row is None and _took_codings(store, snap["code_id"]):  # code-delete --force took it along
            raise _went_with_code(store, snap["id"], snap["code_id"])
        elif row is None:
            raise _removed(store, snap["id"])
        elif not _same(row, snap):
            raise StaleChange(f"{_named(store, row)} was changed since ({_what_changed(store, row, snap)}); "
                              "nothing was changed")
        elif any((row.get(k) or None) != (snap.get(k) or None) for k in ("memo", "starred") if k in snap):
            # a memo or star given since by someone else would go with the coding, unsaid
            raise StaleChange(f"{_named(store, row)} was given a memo or star since "
                              f"({_what_changed(store, row, snap)}); nothing was changed")
        return
    if op == "update":
        expected = action["after"] if inverse else action["before"]
        row = store.codings.row(action["id"])
        if row is None:
            code_id = _code_of_gone(store, action["id"])  # a star, memo or resize of a coding code-delete took
            if code_id is not None and _took_codings(store, code_id):
                raise _went_with_code(store, action["id"], code_id)
            raise _removed(store, action["id"])
        if any(row[k] != v for k, v in expected.items()):
            raise StaleChange(f"{_named(store, row)} was changed since ({_what_changed(store, row, expected)}); "
                              "nothing was changed")
        return
    if op == "accept":  # a suggestion accepted onto a coding the coder had: still as the step left it?
        sid = action["suggestion_id"]
        row = store.suggestions.row(sid)
        if row is None:
            raise StaleChange(f"suggestion {sid} was withdrawn since; nothing was changed")
        left = ("accepted", action["coding_id"]) if inverse else ("pending", None)
        if (row["status"], row["coding_id"] if row["status"] == "accepted" else None) != left:
            raise StaleChange(f"suggestion {sid} was decided since (by another coder or window); nothing was changed")
        if not inverse and store.codings.row(action["coding_id"]) is None:
            raise _removed(store, action["coding_id"])
        return
    if op == "reject":  # undone: pending again; redone: rejected again
        sid = action["suggestion_id"]
        row = store.suggestions.row(sid)
        if row is None:
            raise StaleChange(f"suggestion {sid} was withdrawn since; nothing was changed")
        # undoing a reject the Suggestions screen put back in the queue already changes nothing
        if row["status"] not in (("rejected", "pending") if inverse else ("pending",)):
            raise StaleChange(f"suggestion {sid} was decided since (by another coder or window); nothing was changed")
        return
    if op == "summary":  # a summary-grid cell or theme summary: still the text the step left?
        sums = store.summaries
        doc_id, code_id = action.get("document_id"), action["code_id"]
        if not sums.exists(doc_id, code_id):
            raise StaleChange("the interview or code of that summary was deleted since; nothing was changed")
        now = sums.cell(doc_id, code_id) if action["kind"] == "cell" else sums.theme(code_id)
        expected = action["after"] if inverse else action["before"]
        if _summary_key(now) != _summary_key(expected):
            raise StaleChange("that summary was changed since (by another coder or window); nothing was changed")
        return
    raise ValueError(f"unknown history op {op}")  # pragma: no cover


def _went_with_code(store: ProjectStore, coding_id: int, code_id: int) -> StaleChange:
    gone = store.audit.code_deletion(code_id) or {}
    return StaleChange(f"coding #{coding_id} went with its code" + (f" ‘{gone['path']}’" if gone.get("path") else "")
                       + f", deleted since (code-delete); nothing was changed{_restore(store, code_id)}")


def _removed(store: ProjectStore, coding_id: int) -> StaleChange:
    """A coding removed since, with who removed it and how it comes back: a coder whose coding a colleague's
    `uncode` took read only "was removed since; nothing was changed", and not that the colleague's undo returns it."""
    last = store.audit.last_action_on([("coding", coding_id)])
    who = last[0] if last and last[1] == "remove" else None
    if not who:
        return StaleChange(f"coding #{coding_id} was removed since (by another coder or window); nothing was changed")
    return StaleChange(f"coding #{coding_id} was removed since by {who} (`sto-qual undo --coder {shlex.quote(who)}` "
                       f"brings it back while that removal is {who}'s last step); nothing was changed")


def _code_of_gone(store: ProjectStore, coding_id: int) -> int | None:
    """The code of a coding no longer stored, from an undo step that holds its snapshot (its
    coding or its removal): the star and memo steps name only the coding."""
    for action in store.history.every_action():
        for snap in snapshots_of(action):
            if snap.get("id") == coding_id:
                return snap.get("code_id")
    return None


def _took_codings(store: ProjectStore, code_id: int) -> bool:
    """Whether ``code_id`` was deleted with codings (``code-delete --force``)."""
    return not _code_exists(store, code_id) and bool((store.audit.code_deletion(code_id) or {}).get("codings"))


def _restore(store: ProjectStore, code_id: int) -> str:
    """How a code deletion is undone, said after a step it took the coding of: not by undo, but
    by restoring the backup made before it (named when the project still has it). A code
    deleted empty made no backup: nothing to say."""
    from pathlib import Path
    if not _took_codings(store, code_id):
        return ""
    backup = (store.audit.code_deletion(code_id) or {}).get("backup")
    if backup and Path(backup).is_file():
        return f": a code deletion is undone by {restore_command(backup, store.path)}, the backup made before it"
    return ": a code deletion is undone by `sto-qual restore` from the backup made before it (NAME.pre-delete-….db)"


def _named(store: ProjectStore, row: dict[str, Any]) -> str:
    """A coding as a coder knows it: "the coding of ‘Contacten met het po’ on R01 (#747)"."""
    try:
        code = store.codes.by_id(row["code_id"])
        return f"the coding of ‘{code.label or code.name}’ on {store.documents.name(row['document_id'])} (#{row['id']})"
    except UnknownCode:
        return f"coding #{row['id']}"


def _what_changed(store: ProjectStore, row: dict[str, Any], expected: dict[str, Any]) -> str:
    """What differs from what the step left, and who changed the coding last: "its memo and
    star, by onderzoeker-a" (a bare "by another coder or window" left a coder guessing)."""
    from sto_qual.domain.history import FIELD_NOUN
    keys = [k for k in ("start", "end", "code_id", "document_id", "coder_id", "memo", "starred")
            if k in expected and (row.get(k) or None) != (expected.get(k) or None)]
    nouns = list(dict.fromkeys(FIELD_NOUN.get(k, k) for k in keys))
    # a code merged or moved: the change is recorded on the code (undo said "by bram", the coding's
    # owner, of a merge anna made)
    who, what = store.audit.last_action_on([("coding", row["id"]),
                                            *((("code", row["code_id"]),) if "code_id" in keys else ())]) or (None, "")
    by = f" by {who}" if who else " by another coder or window"
    if keys == ["code_id"] and what != "recode":  # else a code's id changes in a merge: said so, with its code now
        try:
            return f"its code was merged into ‘{store.codes.by_id(row['code_id']).path}’{by}"
        except UnknownCode:
            pass
    return (f"its {' and '.join(nouns)}" if nouns else "it") + f",{by}"


def _summary_key(row: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    # a theme's key points are edited one by one: they are part of what the step left
    return (None, None, None) if row is None else (row.get("text"), row.get("status"), row.get("points"))
