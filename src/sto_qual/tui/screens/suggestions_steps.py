"""The Suggestions screen's own steps: u undoes this screen's last accept or reject, U redoes
it, and only that step. Another terminal or window may have undone or redone steps meanwhile
(``sto-qual undo``, the Coder's u); the coder's history is then asked which step comes next
(``HistoryService.undo_decision`` / ``redo_decision``), so that u never takes back another
step under this one's name. A mixin of ``SuggestionsScreen``."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Suggestion


class SuggestionSteps:
    """The host provides ``ws``, ``sto``, ``coder``, ``items`` (the pending suggestions shown),
    ``done`` and ``undone`` (this screen's steps), ``attempt``, ``notify`` and ``reload``."""

    def _did(self, verb: str, s: Suggestion, redo: bool = False) -> None:
        self.done.append((verb, s))
        if not redo:
            self.undone.clear()

    def action_undo(self) -> None:
        """Undo this screen's last accept (the coding history's step) or reject (back in the queue)."""
        if not self.done:
            self.notify("nothing to undo here (accepts and rejects made on this screen are undone with u)",
                        severity="warning", timeout=4)
            return
        verb, s = self.done[-1]
        if verb.startswith("bulk"):  # b or B: one history step for all of them (s: the id of one of them)
            op = verb.split()[-1]  # (every bulk step was said to be an accept: "the accept of the bulk step")
            got = (self.attempt(self.ws.history_service.undo_decision, s, _bulk(op), coder=self.coder, verb=op)
                   if s is not None else self.attempt(self.ws.undo, coder=self.coder))
            if got.ok:
                self.undone.append(self.done.pop())
                self._after_history(f"Undid: {got.value.get('what') or got.value.get('op')}")
            elif s is not None:
                self.reload()
                if s in self.items:  # undone elsewhere: U redoes it, u again undoes the step before it
                    self.undone.append(self.done.pop())
            return
        if s.id in self.items:  # pending again: undone elsewhere (the grid's or the Coder's u)
            self.undone.append(self.done.pop())  # U redoes it, as `sto-qual redo` would
            self.notify(f"the {verb} of ‘{self._label(s)}’ on {s.doc} was already undone (elsewhere; U redoes "
                        f"it, u again undoes the step before it)", timeout=5)
            return
        if verb == "accept":  # only when it is still the coder's next step (the CLI may have undone it)
            got = self.attempt(self.ws.history_service.undo_decision, s.id, self._named(s), coder=self.coder)
            line = f"Undid: {got.value.get('what')}" if got.ok else ""
            if not got.ok:
                self.reload()  # what the project holds now
                if s.id in self.items:  # undone elsewhere meanwhile: U can redo it
                    self.undone.append(self.done.pop())
        else:
            got = self.attempt(self.ws.history_service.reopen, s.id, coder=self.coder)
            line = f"Undid: reject of ‘{self._label(s)}’ on {s.doc}"
        if got.ok:
            self.undone.append(self.done.pop())
            self._after_history(line)

    def action_redo(self) -> None:
        if not self.undone:
            self.notify("nothing to redo here", severity="warning", timeout=3)
            return
        verb, s = self.undone[-1]
        if verb.startswith("bulk"):  # (a bulk reject no longer in the history is not made anew for one of them)
            op = verb.split()[-1]
            got = (self.attempt(self.ws.history_service.redo_decision, s, _bulk(op), op, coder=self.coder, anew=False)
                   if s is not None else self.attempt(self.ws.redo, coder=self.coder))
            if got.ok:
                self.done.append(self.undone.pop())
                self._after_history(f"Redid: {got.value.get('what') or got.value.get('op')}")
            elif s is not None:
                self.reload()
                if s not in self.items:  # redone elsewhere: u undoes it again
                    self.done.append(self.undone.pop())
            return
        got = self.attempt(self.ws.history_service.redo_decision, s.id, self._named(s), verb, coder=self.coder)
        if got.ok:
            self.undone.pop()
            self._did(verb, s, redo=True)
            self._after_history(f"Redid: {got.value.get('what')}")
        else:  # done elsewhere meanwhile, or no longer the next step: this screen cannot redo it
            self.undone.pop()
            self.reload()

    def _named(self, s: Suggestion) -> str:
        return f"‘{self._label(s)}’ on {s.doc}"

    def _label(self, s: Suggestion) -> str:
        code = next((c for c in self.ws.codebook() if c.path == s.code), None)
        return (code.label or code.name) if code else s.code

    def _after_history(self, line: str) -> None:
        self.sto.changed_codings()
        self.reload()
        self.notify(line, timeout=4)


def _bulk(op: str) -> str:
    """The bulk step in a message: "the reject of the bulk step (B) was already undone"."""
    return f"the bulk step ({'b' if op == 'accept' else 'B'})"
