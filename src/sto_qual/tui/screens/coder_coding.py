"""The coder screen's coding keys: apply a code (c; the number keys are in coder_numbers.py),
remove it, memo, star, undo and redo, and the small chooser they share. Mixed into CoderScreen,
which holds the state they use (doc, codes, marks, view)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sto_qual.domain.codebook import is_below
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.names import near_code
from sto_qual.domain.roles import only_interviewer
from sto_qual.domain.spans import overlaps
from sto_qual.domain.text import clip_words, plural
from sto_qual.tui.screens.base import history_line, undo_question, user_error
from sto_qual.services.tui_support import (CodingMark, add_code_and_apply, document_place,
                                           history_coding_ids, history_summary, new_code_preview, speakers_in)
from sto_qual.tui.modals import ChoiceModal, ConfirmModal, PickerModal, PickOption
from sto_qual.tui.modals.choice import code_keys
from sto_qual.tui.modals.picker import new_name
from sto_qual.tui.screens import coder_marks as M
from sto_qual.tui.widgets.panels import CoderSide, whole_answer_hint


class CodingKeys:
    def apply(self, code: str, memo: str | None = None, starred: bool = False, brought: str = "") -> None:
        """Code the selection (joined to a coding of the code it touches); ``memo`` and ``starred``
        go with it in the same undo step, ``brought`` says so in the note ("with bram's memo")."""
        if self.doc is None:
            return
        s, e = self.view.selection
        if M.has_exact(self.marks, code, self.coder, s, e):
            self.notify(f"already coded {self._label(code)} here", severity="warning", timeout=3)
            return
        if not self.attempt_quiet(self.ws.code, code).ok:  # the list offered it, another window deleted it
            self.notify(f"‘{self._label(code)}’ was deleted or renamed in another window: nothing coded",
                        severity="warning", timeout=6)
            self._load_codebook()
            return
        got = self.attempt(self.ws.coding_service.applied, self.doc.id, code, start=s, end=e, coder=self.coder,
                           widen=True, memo=memo, starred=starred)
        if not got.ok:
            return
        c, added = got.value
        was = next((m for m in self.marks if m.id == c.id), None)  # the code was on part of it already
        if was is not None and (was.start, was.end) == (c.start, c.end):  # inside that coding: nothing changed
            self.notify(f"already coded {self._label(code)} here (one coding covers the selection)",
                        severity="warning", timeout=3)
            return
        if not added:  # another window of this coder coded or joined it a moment ago: said, not "Coded"
            self._reload_marks()
            self._push_marks()
            self.notify(f"already coded {self._label(code)} here (in another window, a moment ago)",
                        severity="warning", timeout=4)
            return
        grown = was is not None  # that coding grew over the selection (and took in any other it met)
        if grown:
            self._reload_marks()
        else:
            self.marks = M.by_position([*self.marks, M.mark_of(c)])
            # the coding withdrew the pending suggestions of its code on the sentences it holds
            self.suggestions = self._read_suggestions(self.doc.id)
            self._paint_suggestions()
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        self._push_marks()
        self._refresh_counts()
        self.query_one(CoderSide).show_code(self.codes.get(code))  # the definition of what was just applied
        self.remember_code(code)
        where = self._where_span(c.start, c.end)  # the whole selection: "sentences 15-16"
        speakers = speakers_in(self.doc, c.start, c.end)
        if speakers > 1:
            where += f", {speakers} speakers (a quote takes one speaker's words)"
        asked = only_interviewer(self.doc.turns, c.start, c.end)
        if speakers < 2 and asked:  # (the why in the closing aside, which a narrow line drops)
            where += ", the interviewer's words only"
        why = "the chapter quotes no question; " if speakers < 2 and asked else ""
        at = self.view.unit_at(c.start)
        if not grown and c.end <= self.doc.units[at].end and whole_answer_hint(self.doc, at):
            # "Nee." coded alone where the answer goes on: a number key after } codes the one word
            why += f"only “{self.doc.text[c.start:c.end].strip()}”: t selects the whole answer; "
        if grown:
            # where the coding now reaches first: a narrow status line is cut at its end. A coding
            # beside the selection (same turn) grew over it: say so, and that the count stays
            how = "it was on part of this already" if overlaps((was.start, was.end), (s, e)) else \
                "one lay right beside this"
            self._note(f"Joined: one coding of {self._label(code)} now covers {where}{brought} ({why}{how}; "
                       "still one coding; u undoes)")
        else:  # a question coded alone is most often a slip: marked as a warning (⚠), which a coder nearly missed
            self._note(f"Coded: {self._label(code)} on {where}{brought} ({why}u undoes)",
                       kind="warning" if speakers < 2 and asked else "")
        self._theme_hint(code)
        self._meeting_hint()

    def _meeting_hint(self) -> None:
        """Once a session, at a coding of an interview an agreed coding was started from: one of its
        two coders changing her coding there moves where the two differ, which the meeting settles
        (a coder changed an open difference, and the workbench said only "Coded: …")."""
        if getattr(self, "_meeting_hinted", False):
            return
        got = self.attempt_quiet(self.ws.agreed.pairs)
        if not got.ok:
            return
        for name, pair in got.value.items():
            docs = self.attempt_quiet(self.ws.agreed.part, name).value
            if self.coder in pair and name != self.coder and (docs is None or self.doc.name in docs):
                self._meeting_hinted = True
                other = pair[1] if pair[0] == self.coder else pair[0]
                said = (f"{name} was started from your and {other}'s codings of {self.doc.name}: a change here "
                        f"moves where you two differ, which {name}'s meeting settles (`sto-qual differences {name}` "
                        "lists the places)")
                self.sto.keep_said(said)  # (a coder who missed the pop-up found it in no list: ctrl+p, Last messages)
                self.notify(said, timeout=12)
                return

    def _theme_hint(self, code: str) -> None:
        """Once a session, at a first coding with a theme that has sub-codes: the number keys start on
        the themes, and a coder who coded with them alone agreed on nothing with one who coded
        the sub-codes (kappa 0.00 on every theme), which nothing in the workbench had said."""
        if getattr(self, "_theme_hinted", False) or not any(is_below(p, code) for p in self.codes):
            return
        self._theme_hinted = True
        self.notify(f"{self._label(code)} is a theme: its topics are its sub-codes (Tab to the tree, → on the "
                    "theme shows them; p gives the codes shown the number keys; c finds any code)", timeout=8)

    def _label(self, path: str) -> str:
        c = self.codes.get(path)
        return (c.label or c.name) if c else path

    def _code_options(self, paths: list[str] | None = None) -> list[PickOption]:
        codes = [self.codes[p] for p in (paths if paths is not None else list(self.codes)) if p in self.codes]
        return [PickOption(c.path, ("  " * c.depth) + (c.label or c.name), c.colour, c.path) for c in codes]

    def action_picker(self, typed_before: str = "") -> None:
        def chosen(value: str | None) -> None:
            typed = new_name(value)
            if typed is not None:
                self._create_and_apply(typed)
            elif value:
                self.apply(value)
        self.app.push_screen(PickerModal("Apply which code?", self._code_options(), new="code",
                                         initial=typed_before, recent=getattr(self, "recent_codes", [])), chosen)

    def _create_and_apply(self, typed: str) -> None:
        """A name no code has, typed in the picker: after a yes, add it to the codebook (its own checks; a
        refused name is said in the one line F7 says) and code the selection with it, in one transaction."""
        if self.doc is None:
            return
        got = self.attempt(new_code_preview, self.ws, typed, self.coder)
        if not got.ok:  # a refused name (its parent does not exist): the picker again, as typed
            self.action_picker(typed)
            return
        if got.value is None:
            return
        code = got.value
        doc, (s, e) = self.doc, self.view.selection
        # a coder meaning a sub-code did not know that "urgentie/reistijd" makes one: said with the tree's theme
        theme = (self.code_tree.code_at_cursor() or next(iter(self.codes), "")).split("/")[0]
        under = f"under {self._label(code.parent)}" if code.parent else "as a new theme" + (
            f" (for a sub-code type {theme}/{code.name})" if theme else "")
        near = near_code(code.path, [(c.path, c.name, c.label) for c in self.codes.values()])  # (made unsaid)

        def answer(yes: bool | None) -> None:
            if not yes or self.doc is not doc:
                self._note(f"Not created: {code.path}")
                return
            if (known := self.attempt_quiet(self.ws.code, code.path).value) is not None and known.path == code.path:
                self.sto.changed_codebook(), self._load_codebook(), self.apply(code.path)  # (made in another window)
                return
            made = self.attempt(add_code_and_apply, self.ws, typed, doc.id, s, e, self.coder)
            if not made.ok or made.value is None:
                return
            new, coding = made.value
            self.remember_code(new.path)  # c, Enter applies it again (it was left off the "recent" list)
            self.sto.changed_codebook()
            self._load_codebook()  # the tree with the new code, and the marks with its coding
            # the new code in view: its theme expanded now, the cursor on it once the tree has its lines
            tree = self.code_tree
            tree.select_code(new.path)
            tree.call_after_refresh(tree.select_code, new.path)
            said = ", the interviewer's words only" if only_interviewer(doc.turns, coding.start, coding.end) else ""
            self._note(f"Created {new.path} and coded {self._where_span(coding.start, coding.end)}{said} (u undoes "
                       "the coding; the code stays until F7 deletes it)")
        self.app.push_screen(ConfirmModal(f"Create code '{code.path}' {under} and apply it to {self._where_span(s, e)}?"
                                          + (f"\n\nThe code {near} ({self._label(near)}) has nearly that name: "
                                             "a typo?" if near else ""), yes="Create and apply"), answer)

    def _my_marks_here(self) -> list[CodingMark]:
        return M.mine_on(self.marks, self.coder, *self.view.selection)

    def action_remove_code(self) -> None:
        self.sto.watch_project()  # the codings as they are now (another window's a moment ago too)
        if self.doc is None:
            return
        mine = self._my_marks_here()
        codes = list(dict.fromkeys(m.code for m in mine))
        if not codes:
            self.notify(f"no code by {self.coder} on the selection", severity="warning", timeout=3)
            return
        s, e = self.view.selection

        def remove(code: str | None) -> None:
            if not code or self.doc is None:
                return
            got = self.attempt(self.ws.uncode, self.doc.id, code, start=s, end=e, coder=self.coder)
            if got.ok:
                touched = got.value  # per coding: what is left of it (nothing, trimmed, or split in two)
                split = sum(len(u.after) == 2 for u in touched)
                trimmed = sum(len(u.after) == 1 for u in touched)
                # a coding over more sentences keeps the rest: said first (at 80 columns the line is cut,
                # and "Removed: …" beside a count that rose looked like a mistake)
                # the text the code came off: the selection's part of each coding it touched
                gone = (min(max(u.before.start, s) for u in touched), max(min(u.before.end, e) for u in touched))
                what = (f"{self._label(code)} taken off {self._where_span(*gone)}"
                        + (f" ({plural(len(touched), 'coding')})" if len(touched) != 1 else ""))
                self._after_change(f"Split: {what}; the coding around it is two now (u undoes)" if split else
                                   f"Trimmed: {what}; the rest of the coding stays" if trimmed else
                                   f"Removed: {self._label(code)} from {self._where_span(*gone)}"
                                   + (f" ({plural(len(touched), 'coding')})" if len(touched) != 1 else "")
                                   + M.went_with([u.before for u in touched]))

        if len(codes) == 1:
            remove(codes[0])
        else:
            self._ask("Remove which code from the selection?", self._code_options(codes), remove, "nothing removed",
                      codes=list(codes))

    def action_remove_whole(self) -> None:
        """X: the whole coding under the cursor goes, however many sentences it spans (x removes
        the code from the selection only, trimming or splitting a longer coding)."""
        self.sto.watch_project()  # the codings as they are now (another window's a moment ago too)

        def remove(m: CodingMark) -> None:
            got = self.attempt(self.ws.remove_coding, m.id, coder=self.coder)
            if got.ok:
                self._after_change(f"Removed the whole coding: {self._label(m.code)} from "
                                   f"{self._where_span(m.start, m.end)}" + (M.went_with([m]) or " (u undoes)"))
        if not self._choose_coding("Remove which whole coding?", remove, "nothing removed"):
            self.notify(f"no code by {self.coder} on the selection", severity="warning", timeout=3)

    def _choose_coding(self, title: str, then: Callable[[CodingMark], None], nothing: str) -> bool:
        """Pick one of my codings on the selection (asks when there are several)."""
        mine = self._my_marks_here()
        if not mine:
            return False
        if len(mine) == 1:
            then(mine[0])
            return True
        by_id = {str(m.id): m for m in mine}
        assert self.doc is not None
        # each passage's start cut at a word with "…", on the option's one line ("een derde v" wrapped)
        options = [PickOption(str(m.id), ("★ " if m.starred else "") + self._label(m.code),  # (s unstarred unsaid)
                              self.codes[m.code].colour if m.code in self.codes else None,
                              clip_words(self.doc.text[m.start:m.end], 36)) for m in mine]
        self._ask(title, options, lambda v: then(by_id[v]), nothing, codes=[m.code for m in mine])
        return True

    def _ask(self, title: str, options: list[PickOption], then: Callable[[str], None], nothing: str,
             codes: list[str] | None = None) -> None:
        """A small numbered chooser over the screen; options about ``codes`` are numbered by the
        codes' own number keys. The status line says what it is for and which keys choose: a
        key that is not a choice closes it and does its usual job, and without this line that
        looked as if the key had been ignored."""
        keys = code_keys(codes, self.code_tree.quick) if codes is not None else None
        shown = [k for k in (keys or [str(i) for i in range(1, len(options[:9]) + 1)]) if k]
        prompt = (f"{title} {', '.join(shown)} or Enter (the highlighted one, ↑↓) chooses · Esc cancels · another key "
                  "closes the chooser" if shown else
                  f"{title} Enter chooses the highlighted one (↑↓) · Esc cancels · another key closes the chooser")
        self._note(prompt)
        modal = ChoiceModal(title, options, keys)

        def chosen(value: str | None) -> None:
            if value:
                then(value)
            elif self._last_action == prompt:  # unless the key that closed it said what it did
                # a key passed on (j) moves next: the line still says why the chooser went
                self._note(f"Chooser closed: {nothing}", from_next_move=modal.passed_on)
        self.app.push_screen(modal, chosen)

    def action_star(self) -> None:
        self.sto.watch_project()  # the codings as they are now (another window's a moment ago too)

        def toggle(m: CodingMark) -> None:
            # a colleague's star taken off is said as hers (it went unsaid)
            giver = (self.attempt_quiet(self.ws.star_given_by, m.id).value if m.starred else None) or ""
            got = self.attempt(self.ws.star, m.id, not m.starred, coder=self.coder, document=self.doc.id)
            if got.ok:
                self._patch(m.id, starred=not m.starred)
                # a star is a pick for the report: said at once when the report cannot quote it
                note = "" if m.starred else self.attempt_quiet(self.ws.export_service.star_note, m.id).value or ""
                said = (("Starred: " if not m.starred else "Unstarred: ") + self._label(m.code)
                        + f" on {self._where_span(m.start, m.end)}"
                        + (f" (the star was {giver}'s; u puts it back)" if giver.casefold() not in
                           ("", self.coder.casefold()) else ""))
                if "leave it out" in note:  # a warning: the popup and the status line say it whole
                    self.notify(f"{said}, but {note} (s again undoes the star)", severity="warning", timeout=8)
                else:
                    self._note(said + (f"; {note}" if note else ""))
                    if note:  # the status line drops a clause it has no room for: the popup keeps it
                        # (information, no task: a coder read it as something she should do)
                        self.notify(f"{said}. Good to know, nothing to do: {note}.", timeout=4)
        if not self._choose_coding("Star (or, on a ★, unstar) which coding?", toggle, "nothing starred"):
            self.notify("nothing of yours to star here: code the passage first", severity="warning", timeout=3)

    def _patch(self, coding_id: int, **fields: object) -> None:
        self.marks, self.acted_on = M.patched(self.marks, coding_id, **fields), coding_id  # (m opens its memo)
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        self._push_marks()

    def _after_change(self, message: str) -> None:
        self.sto.changed_codings()
        self._reload_marks()
        self._note(message)

    def _after_history(self, result: dict) -> None:
        """Patch the marks touched by an undo/redo step (re-reading each one) instead of
        reloading the document's codings: undo is a key a coder presses often. The message
        names each coding's whole span after the step (a coding gone: where it was), and the
        cursor goes to the first one in this document unless the selection is on it already:
        the change may be far from where the coder is reading. A popup still up spoke of the
        step before ("Starred: …, but the report's appendix will leave it out"): it goes, as the
        status line says what the undo or redo did."""
        assert self.doc is not None
        self.app.clear_notifications()
        doc = self.doc
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        by_id = {m.id: m for m in self.marks}
        reread = {cid: self.attempt_quiet(self.ws.coding, cid).value for cid in history_coding_ids(result)}
        facts: dict[int, tuple[str, str]] = {}  # coding id -> (code label, "R01, sentences 14-16")
        here: list[tuple[int, int]] = []  # the spans of those in this document
        for cid, coding in reread.items():
            if coding is not None and coding.document_id != doc.id:
                place = self.attempt_quiet(document_place, self.ws, coding.document_id, coding.start, coding.end)
                facts[cid] = (self._label(coding.code), f"{place.value or coding.doc} (another document)")
                continue
            was = coding if coding is not None else by_id.get(cid)
            if was is not None:
                facts[cid] = (self._label(was.code), self._where_span(was.start, was.end))
                here.append((was.start, was.end))
        self.marks = M.merged(self.marks, doc.id, reread)
        self.suggestions = self._read_suggestions(doc.id)
        self._push_marks()
        self._paint_suggestions()
        self._refresh_counts()
        if here:
            start, end = min(here)
            s, e = self.view.selection
            if not (start < e and end > s):  # off the selection: show it
                self.view.move_to_unit(self.view.unit_at(start), center=True)
        shown = next((c for c in reread.values() if c is not None and c.document_id == doc.id), None)
        if shown is not None:  # the definition of what the step put back (after U of an accept it kept the theme's)
            self.query_one(CoderSide).show_code(self.codes.get(shown.code))
        passage = self._where_span(min(s for s, _ in here), max(e for _, e in here)) \
            if here and len(here) == len(facts) else None  # all in this document: where they lie together
        self._note(history_summary(result, facts, passage) if facts else history_line(result))
        if here:  # an undo or redo in an interview a meeting settles moves the differences too
            self._meeting_hint()

    def action_undo(self) -> None:
        step = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=True).value
        if self._summary_step_next(step, undo=True):
            return

        def undo(yes: bool | None = True) -> None:
            if not yes:  # n on the question: said, as every other answer is
                self._note("Nothing undone")
                return
            now = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=True).value
            if step and (now or {}).get("step") != step.get("step"):  # taken meanwhile (another window):
                self._note(f"Nothing undone: {step['what']} is no longer your last step (taken back elsewhere "
                           "meanwhile)" + (f"; your next step is {now['what']} (u asks)" if now else ""))
                return
            self._history_step(self.ws.undo, "undo")
        if step is None:  # "nothing to undo" read as lost when the step was undone in another window
            back = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=False).value
            if back is not None:
                self._note(f"Nothing to undo: your last step, {back['what']}, is undone (here or in another "
                           "window); U puts it back")
                return
        question = undo_question(step)  # (none for a step that cannot be taken: why, at once)
        if question:
            self.app.push_screen(ConfirmModal(question), undo)
            return
        undo()

    def action_redo(self) -> None:
        step = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=False).value
        if not self._summary_step_next(step, undo=False):
            self._history_step(self.ws.redo, "redo")

    def _history_step(self, fn: Callable[..., Any], what: str) -> None:
        """Undo or redo; a refusal says so first ("Cannot undo, nothing changed: …"): the status
        line, cut at its end, began with the step's coding in lower case and lost the refusal."""
        try:
            done = fn(coder=self.coder)
        except (StoQualError, OSError) as exc:
            said = user_error(exc).replace("; nothing was changed", "", 1)  # said first, not twice
            self.notify(f"Cannot {what}, nothing changed: {said}", timeout=8,  # nothing to undo: no error
                        severity="warning" if isinstance(exc, NothingToDo) else "error")
            return
        self._after_history(done)

    def _summary_step_next(self, step: dict[str, Any] | None, *, undo: bool) -> bool:
        """The Coder's u and U take back codings: when the coder's next ``step`` is an edit in the
        synthesis (F9), they say so and leave it (a u here had taken back a reviewed theme
        summary, said in a line cut to "Undid" at 80 columns)."""
        if not step or step["op"] != "summary":
            return False
        key, verb = ("u", "undo") if undo else ("U", "redo")
        # what to press first: a line cut at the terminal's width kept "Your next step to undo is the edit
        # of lead sentence 1 of …, made in the…" and lost where it is undone
        self._note(f"{key} on F9 {'undoes' if undo else 'redoes'} your next step, the {step['what']} "
                   f"(here {key} takes back codings)")
        return True
