"""Undo and redo: each coder's own history of steps, kept in the project (survives
restarts). A step that the project moved past (another coder or window changed the same
coding) is refused before anything is written and dropped from the history
(``services.undo.check``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import NothingToDo, StaleChange
from sto_qual.domain.history import describe

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


class HistoryService:
    """Needs the Workspace: summary steps are applied by the synthesis use case."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.session = ws.session
        self.store = ws.session.store

    def undo(self, coder: str | None = None) -> dict[str, Any]:
        """Undo this coder's last change (survives restarts; at least 50 steps)."""
        return self._step(coder, undo=True)

    def redo(self, coder: str | None = None) -> dict[str, Any]:
        return self._step(coder, undo=False)

    def _step(self, coder: str | None, undo: bool) -> dict[str, Any]:
        coder_name = self.session.resolve_coder(coder)
        coder_id = self.session.coder_id(coder_name)
        try:
            with self.store.transaction():
                entry = self.store.history.last(coder_id, undone=not undo)
                if entry is None:
                    raise NothingToDo(f"nothing to {'undo' if undo else 'redo'} for coder {coder_name}")
                hid, action = entry
                self._apply(action, inverse=undo)
                self.store.history.mark(hid, undone=undo)
                self.store.audit.record("undo" if undo else "redo", "history", hid, coder_name, {"op": action["op"]})
        except StaleChange as exc:
            # a step that can never apply again would block every step behind it
            with self.store.transaction():
                self.store.history.drop(hid)
            exc.hint = "this step was dropped from your undo history"
            raise
        return {"op": action["op"], "undone" if undo else "redone": describe(action)}

    def _apply(self, action: dict[str, Any], inverse: bool, checked: bool = False) -> None:
        if not checked:
            from sto_qual.services.undo import check
            check(self.store, action, inverse)
        op = action["op"]
        if op == "batch":
            for a in (reversed(action["actions"]) if inverse else action["actions"]):
                self._apply(a, inverse, checked=True)
            return
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

