"""The coder screen's suggestions: which it shows (none while the coder codes blind, none while
h hides them) and its keys: accept (a), reject (r), next suggestion (n), hide or show (h).
Mixed into CoderScreen, which holds the state they use (doc, suggestions, view)."""
from __future__ import annotations

from collections.abc import Callable

from sto_qual.domain.history import more_suggestions
from sto_qual.services.suggestion_review import accepted_detail
from sto_qual.services.suggesting import BLIND_SUGGESTIONS
from sto_qual.services.tui_support import SuggestionMark, document_suggestions
from sto_qual.tui.modals import PickOption
from sto_qual.tui.widgets.panels import CoderSide


class SuggestionKeys:
    def _read_suggestions(self, doc_id: int) -> list:
        """The document's pending suggestions, or none while the coder codes blind: they are made
        from every coder's codings and settled by every coder's decisions, so a ◆ (or its absence)
        showed her what the other coder had coded (README, Suggestions)."""
        return document_suggestions(self.ws, doc_id) if self.show_others else []

    def _paint_suggestions(self) -> None:
        """The ◆ in the margin and the Here panel's suggestions: the document's pending ones, or
        none while the coder hides them (h)."""
        self.view.set_suggestions(self.suggestions if self.show_suggestions else [])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """h is the code tree's while it has the keys: it collapses there, as F1 lists it (this
        screen's h came first and hid the suggestions); refused here, the key goes on to the tree."""
        if action == "toggle_suggestions" and self.is_mounted and self.code_tree.has_focus:
            return False
        return super().check_action(action, parameters)

    def action_toggle_suggestions(self) -> None:
        self.show_suggestions = not self.show_suggestions
        self._paint_suggestions()
        self._refresh_here()
        n = len(self.suggestions)
        self._note(f"Suggestions hidden ({n} pending here): h shows them, F4 reviews them all" if not
                   self.show_suggestions else f"Suggestions shown: {n} pending here (n goes to the next)")

    def _suggestions_here(self) -> list[SuggestionMark]:
        s, e = self.view.selection
        return self.view.suggestions_in(s, e)

    def _pick_suggestion(self, verb: str, then: Callable[[list[SuggestionMark]], None]) -> None:
        """One suggestion on the selection is taken at once; of several the coder picks one,
        each named with its sentence (two rows read the same), or all of them (one step)."""
        if not self.show_others:
            self.notify(BLIND_SUGGESTIONS, severity="warning", timeout=8)
            return
        here = self._suggestions_here()
        if not here and not self.show_suggestions:
            self.notify("suggestions are hidden: h shows them", severity="warning", timeout=3)
            return
        if not here:
            self.notify("no suggestion on this sentence (n jumps to the next)", severity="warning", timeout=3)
            return
        if len(here) == 1:
            then(here)
            return
        by_id = {str(s.id): [s] for s in here}
        by_id["all"] = here
        options = [PickOption(str(s.id), self._label(s.code), self.codes[s.code].colour if s.code in self.codes
                              else None, f"{self._where_span(s.start)} · {s.reason}") for s in here]
        options.append(PickOption("all", f"All {len(here)} suggestions here", None, "one step: u takes them back"))
        self._ask(f"{verb} which suggestion?", options, lambda v: then(by_id[v]), f"no suggestion {verb.lower()}ed",
                  codes=[*(s.code for s in here), None])

    def remember_code(self, code: str) -> None:
        """The picker lists the codes applied last first: c, Enter applies the last one again
        (a code applied by accepting a suggestion was left out)."""
        self.recent_codes = [code, *[x for x in getattr(self, "recent_codes", []) if x != code]][:5]

    def _said(self, picked: list[SuggestionMark]) -> str:
        first = picked[0]
        return f"{self._label(first.code)} on {self._where_span(first.start)}{more_suggestions(len(picked) - 1)}"

    def action_accept(self) -> None:
        def accept(picked: list[SuggestionMark]) -> None:
            got = self.attempt(self.ws.accept, [s.id for s in picked], coder=self.coder)
            if got.ok:
                detail = accepted_detail(got.value)
                for code in dict.fromkeys(s.code for s in reversed(picked)):  # (accepting applies a code too)
                    self.remember_code(code)
                self._after_change(f"Accepted: {self._said(picked)}" + (f" ({detail})" if detail else ""))
        self._pick_suggestion("Accept", accept)

    def action_reject(self) -> None:
        def reject(picked: list[SuggestionMark]) -> None:
            got = self.attempt(self.ws.reject, [s.id for s in picked], coder=self.coder)
            if got.ok:
                self._after_change(f"Rejected: {self._said(picked)}")
        self._pick_suggestion("Reject", reject)

    def action_next_suggestion(self) -> None:
        if not self.show_others:
            self.notify(BLIND_SUGGESTIONS, severity="warning", timeout=8)
            return
        if self.suggestions and not self.show_suggestions:  # going to one shows them again
            self.show_suggestions = True
            self._paint_suggestions()
        if not self.suggestions:
            # as a/r/x with nothing to act on: the popup and the status line say why, and what to do
            self.notify("no pending suggestions on this document (F4, then g, makes keyword suggestions)",
                        severity="warning", timeout=4)
            return
        s, _ = self.view.selection
        after = [x for x in self.suggestions if x.start > s]
        wrapped = not after  # past the last one: back to the first, said (it jumped from 131 to 50 unsaid)
        target = (after or self.suggestions)[0]
        self.view.move_to_unit(self.view.unit_at(target.start), center=True)
        # the suggested code's definition, to judge it by (the panel kept the tree cursor's code)
        self.query_one(CoderSide).show_code(self.codes.get(target.code))
        # what it landed on, and how many wait here (it said only the position)
        left = len(self.suggestions)
        self._note(("Back to the first suggestion: " if wrapped else "")
                   + f"Suggested here: {self._label(target.code)} ({target.reason}) · a accept · r reject · "
                   f"{left} pending in {self.doc.name if self.doc else 'this document'}", from_next_move=False)
