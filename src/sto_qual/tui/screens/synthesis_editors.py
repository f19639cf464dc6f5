"""The synthesis screen's editors: what a cell and a theme share. One cell (its passages beside
an editable summary) is in ``synthesis_cell``, the theme view in ``synthesis_theme``.

A save or accept names the text the editor loaded (the service's ``expected``): when it was
changed elsewhere meanwhile (a command, another window), nothing is overwritten and the
person chooses (keep mine / take theirs / stay), or, for an accept, reads the new text first.
A change made elsewhere shows within a second (the app's watch calls ``project_changed``);
an unsaved edit stays in the editor and the screen says that the text changed elsewhere."""
from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static, TextArea

from sto_qual.domain.errors import StoQualError, UnknownDocument
from sto_qual.services.synthesis import GLYPHS, SummaryChanged
from sto_qual.tui.fitting import first_fit
from sto_qual.tui.modals import ConfirmModal, LeaveModal
from sto_qual.tui.screens.base import StoScreen, history_line, undo_question, user_error
from sto_qual.tui.screens.synthesis_support import last_change, notice, when, withdraw

LEAVE_WINDOW_S = 6.0  # how long a second Esc means "leave without saving"
# a clear removes the text, not the cell: the next draft of everything drafts it again (README)
CLEARED = "cleared; S on the grid (or sto-qual summarize) drafts it again; u on the grid (Esc first) brings it back"


def _now() -> float:
    return time.monotonic()


STATUS_STYLE = {"empty": "dim", "draft": "italic yellow", "reviewed": "green", "outdated": "bold red"}


class SummaryEditor(StoScreen):
    """What the cell and theme views share: a TextArea with save, accept, draft and clear."""
    # where a saved or accepted text is read, said with the save (a cell's went to no chapter, unsaid)
    GOES_TO: ClassVar[str] = ""
    BINDINGS = [
        # the way out first: at 80 columns the footer ends before the last keys ("esc Back" was cut)
        Binding("escape", "back", "Back", id="summary.back"),
        Binding("ctrl+s", "after_typing('save')", "Save (reviewed)", priority=True, id="summary.save"),
        Binding("ctrl+g", "after_typing('accept')", "Accept", priority=True, id="summary.accept"),
        Binding("ctrl+r", "after_typing('draft')", "Draft", priority=True, id="summary.draft"),
        Binding("ctrl+l", "after_typing('clear')", "Clear", priority=True, id="summary.clear"),
        Binding("ctrl+a", "select_all", "Select all", show=False, priority=True, id="summary.select_all"),
        # (in the list: the editor types them) as on the grid; it did nothing here, unsaid
        Binding("u", "history('undo')", "Undo", show=False, id="summary.undo"),
        Binding("U", "history('redo')", "Redo", show=False, id="summary.redo"),
    ]
    target: dict[str, Any]

    def action_history(self, which: str) -> None:
        """Undo or redo the coder's last step, as F9's grid does: not over an unsaved edit, and a step made
        elsewhere (`summary set` in a terminal) is left to the grid, which asks first."""
        if self.unsaved() or self.pending_edits():
            self.notify(f"{which.capitalize()} is of saved steps: save (ctrl+s) or leave (Esc) the unsaved edit "
                        "first", severity="warning", timeout=6)
            return
        step = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=which == "undo").value
        if which == "undo" and undo_question(step):
            self.notify(f"Your last step was made elsewhere ({step['what']}): Esc, then u on the grid asks before "
                        "undoing it", timeout=6)
            return
        got = self.attempt(self.ws.undo if which == "undo" else self.ws.redo, coder=self.coder)
        if got.ok:
            self.notify(history_line(got.value), timeout=5)
            self.sto.changed_codings()  # it may have been a coding
            self.refresh_view()

    def action_after_typing(self, action: str) -> None:
        """Run ``action`` once the editor has taken every key typed before this one. These keys
        are priority bindings (the editor must not take them as its own), so they ran ahead of
        the keys still queued for the editor: typed fast (or pasted) and then ctrl+s, a sentence
        was stored without its last letters, and the screen said "saved as reviewed"."""
        run = getattr(self, f"action_{action}")
        areas = self.query(TextArea)
        if areas:
            areas.first().call_later(run)  # after the messages already queued for it: the typing
        else:
            run()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("the summary is empty; ctrl+l clears it", severity="warning")
            return
        syn = self.ws.synthesis()
        self.write(lambda expected: syn.set_text(text, **self.target, coder=self.coder, expected=expected),
                   self._base, done="saved as reviewed")

    _loaded: str | None = ""  # the text as loaded; None once saved (nothing to keep)
    _base = ""  # the stored text the editor's text started from: a save or accept names it
    _told = ""  # the text changed elsewhere the person was last told of (said once)
    _asking = False  # the changed-elsewhere dialog is up: coming back from it keeps the focus
    _warned_back = 0.0  # when Esc last warned of an unsaved edit (0: not yet)
    _leave_note = None  # that warning, taken back once it no longer applies

    def write(self, call, expected: str | None, *, done: str = "", verb: str = "saved", ask: bool = True) -> bool:
        """Save, accept or clear through ``call(expected)``, ``expected`` being the text the
        editor loaded. Refused because the text was changed elsewhere meanwhile: nothing is
        overwritten (see ``changed_elsewhere``)."""
        try:
            call(expected)
        except SummaryChanged as exc:
            self.changed_elsewhere(exc, call, done=done, verb=verb, ask=ask)
            return False
        except UnknownDocument as exc:  # deleted in another window while she wrote: her text goes to a file
            typed = self.query_one(TextArea).text if self.unsaved() else ""
            kept = self.keep_unstored("summary-" + "-".join(str(v) for v in self.target.values() if v), typed)
            self.notify(f"{user_error(exc)}: it was deleted in another window, so this cannot be stored"
                        + (f"; your text is kept in {kept}" if kept else ""), severity="error", timeout=20)
            return False
        except (StoQualError, OSError) as exc:
            self.notify(user_error(exc), severity="error", timeout=6)
            return False
        self._loaded = None  # written: nothing to keep
        self.withdraw_leave_note()
        self.refresh_view()
        if done:
            self.notify(f"{done}; {self.GOES_TO}" if self.GOES_TO else done, timeout=6 if self.GOES_TO else 4)
        return True

    def changed_elsewhere(self, exc: SummaryChanged, call, *, done: str, verb: str, ask: bool) -> None:
        """The text was changed elsewhere since the editor loaded it. With typing to save
        (``ask``): keep mine (written over exactly the text shown; u on the grid brings theirs
        back), take theirs (the typing goes), or stay. Otherwise (an accept, a clear): nothing
        is done and the new text is shown, to be read first; typing in the editor stays."""
        who = ", ".join(x for x in (exc.author, when(exc.updated_at)) if x)
        by = f" ({who})" if who else ""
        self._told = exc.current
        if not (ask and self.unsaved()):
            if not self.unsaved():
                self._loaded = None
                self.refresh_view()
            self.notify(f"{exc.what} was changed elsewhere{by}: nothing {verb}. "
                        + ("Its text now is in the editor: read it first." if not self.unsaved() else
                           f"It now reads “{exc.current[:200]}”; your typing is kept."),
                        severity="warning", timeout=10)
            return
        theirs = exc.current if len(exc.current) <= 600 else exc.current[:600] + " …"

        def answer(choice: str | None) -> None:
            if choice == "save":  # keep mine: over the text just shown (asked again if it changes again)
                self.write(call, exc.current, done=(done or "saved") + " (over the text changed elsewhere; "
                           "u on the grid brings it back)", verb=verb)
            elif choice == "discard":
                self._loaded = None
                self.refresh_view()
                self.notify("took the text saved elsewhere; your typing is gone", timeout=5)
            else:
                self.notify("your text is still in the editor, not saved; ctrl+s asks again", timeout=5)
        self._asking = True
        self.app.push_screen(LeaveModal(
            f"{exc.what} was changed elsewhere since you opened it{by}. Its text now:\n\n“{theirs}”\n\n"
            "Keep mine: save your text over it (u on the grid brings theirs back). Take theirs: your "
            "typing goes. Stay: go on editing; nothing is saved.",
            save="Keep mine", discard="Take theirs", stay="Stay"), answer)

    def back_from_dialog(self) -> bool:
        """True (once) when the screen comes back from the changed-elsewhere dialog."""
        asking, self._asking = self._asking, False
        return asking

    def load_editor(self, text: str, base: str | None = None) -> None:
        """Put ``text`` in the editor, unchanged (nothing to save); ``base`` is the stored text a
        save or accept names (the text itself unless a draft not stored is shown)."""
        self._loaded = text
        self._base = text if base is None else base
        self._told = ""
        self._warned_back = 0.0
        area = self.query_one(TextArea)
        area.load_text(text)
        if len(text) < 600:  # a short text: typing adds to it; a long one is read from the top
            area.move_cursor(area.document.end)

    def unsaved(self) -> bool:
        return self._loaded is not None and self.query_one(TextArea).text != self._loaded

    def nothing_to_accept(self) -> bool:
        """Accepting marks what the editor shows as read; an empty editor (a cell never
        drafted) holds nothing a person has read."""
        if self.query_one(TextArea).text.strip():
            return False
        self.notify("nothing to accept here: ctrl+r drafts a text, or type one and ctrl+s saves it",
                    severity="warning")
        return True

    def refuse_unsaved_accept(self, noun: str = "text") -> bool:
        """ctrl+g accepts a text as it is stored, never typing: with an unsaved edit it says so
        (the cell and the theme view alike)."""
        if not self.unsaved():
            return False
        self.notify(f"this {noun} has an unsaved edit: ctrl+s saves it as reviewed "
                    "(ctrl+g accepts only a text you have not changed)", severity="warning", timeout=6)
        return True

    def action_accept(self) -> None:
        if self.nothing_to_accept() or self.refuse_unsaved_accept():
            return
        syn = self.ws.synthesis()
        self.write(lambda expected: syn.accept(**self.target, coder=self.coder, expected=expected),
                   self._base, done="accepted as reviewed", verb="accepted", ask=False)

    def action_draft(self) -> None:
        got = self.attempt(self.ws.synthesis().draft_one, **self.target, coder=self.coder)
        if got.ok:
            self.refresh_view()
            kept = self.reviewed_sentences()
            again = [x["sentence"] for x in (got.value or {}).get("redrafted") or []]
            data = getattr(self, "data", None) or {}  # (a writer asked whether the point she left out came back)
            out = sum(1 for x in [*data.get("points", ()), *data.get("contrasts", ())] if x.get("left_out"))
            self.notify("drafted again" + (f"; the {kept} reviewed sentence{'s' if kept != 1 else ''} kept"
                                           if kept else "")
                        + (f"; {'the one' if out == 1 else f'the {out}'} left out stay{'s' * (out == 1)} out (ctrl+n "
                           "puts one back)" if out else "")
                        + (f"; {len(again)} sentence{'s' * (len(again) != 1)} accepted as drafted before "
                           f"{'its' if len(again) == 1 else 'their'} codings or interviews changed "
                           f"{'is' if len(again) == 1 else 'are'} now drafted from today's codings (u on the grid "
                           "brings the old ones back)" if again else ""), timeout=8 if again else 4)

    def reviewed_sentences(self) -> int:
        """How many of the text's sentences a person reviewed (a cell is one text: none)."""
        return 0

    def person_text(self) -> str:
        """What a clear would take that a person wrote or accepted ("" when nothing)."""
        status = getattr(self, "data", {}).get("status")
        return "this text (written or accepted by a person)" if status in ("reviewed", "outdated") else ""

    def action_clear(self) -> None:
        """Clearing a text a person wrote or accepted (or is typing) asks first."""
        theirs = self.person_text()
        if self.unsaved() or theirs:
            def answer(yes: bool | None) -> None:
                if yes:
                    self._clear()
            if theirs:
                question = (f"Clear {theirs}? u on the grid brings back the "
                            "saved text" + (", not what you typed since" if self.unsaved() else "")
                            + ". S on the grid (or sto-qual summarize) then drafts it again.")
            else:
                question = "Clear the text you typed? It is not saved, so it cannot be brought back."
            self.app.push_screen(ConfirmModal(question, yes="Clear", danger=True), answer)
            return
        self._clear()

    def _clear(self) -> None:
        if getattr(self, "data", {}).get("status") == "empty":  # nothing stored: only the editor's text goes
            self.start_empty()
            self.load_editor("")
            self.notify("the editor is empty: write your own summary, ctrl+s saves it (nothing was stored "
                        "here; ctrl+r drafts one)", timeout=4)
            return
        syn = self.ws.synthesis()
        self.start_empty()  # what was cleared does not come back into the editor as a draft
        self.write(lambda expected: syn.clear(**self.target, coder=self.coder, expected=expected),
                   self.clear_expected(), done=CLEARED, verb="cleared", ask=False)

    def start_empty(self) -> None:
        """The editor stays empty from now on (the cell view would put a draft in it)."""

    def clear_expected(self) -> str:
        """The text a clear removes, as the person saw it."""
        return self._base

    def edit_name(self) -> str:
        return f"{self.target.get('doc')} × {self.target.get('code')}"

    def pending_edits(self) -> list[str]:
        return [self.edit_name()] if self.unsaved() else []

    def save_pending(self) -> bool:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify(f"{self.edit_name()}: the text is empty; ctrl+l clears it", severity="warning")
            return False
        got = self.attempt(self.ws.synthesis().set_text, text, **self.target, coder=self.coder, expected=self._base)
        if got.ok:
            self._loaded = text
            self.withdraw_leave_note()
        return got.ok

    def action_select_all(self) -> None:
        """Select the whole text, so typing replaces it (Home goes to the line's start)."""
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    def warn_before_leaving(self) -> bool:
        """True when Esc should warn first: no warning yet, or the last one is older than its
        notification (a second Esc leaves without saving only right after the warning)."""
        now = _now()
        if self._warned_back and now - self._warned_back < LEAVE_WINDOW_S:
            return False
        self._warned_back = now
        return True

    def warn_leaving(self, message: str) -> None:
        """The Esc warning, taken back when it no longer applies (see ``withdraw_leave_note``)."""
        self.withdraw_leave_note()
        self._leave_note = notice(self.app, message, timeout=LEAVE_WINDOW_S)

    def withdraw_leave_note(self) -> None:
        """Off the screen once the edit is saved or the screen is left (its "Esc again" would
        otherwise stand on the grid)."""
        note, self._leave_note = self._leave_note, None
        withdraw(self.app, note)

    def on_screen_suspend(self) -> None:
        self.withdraw_leave_note()

    def action_back(self) -> None:
        if self.unsaved() and self.warn_before_leaving():
            self.warn_leaving("unsaved edit: ctrl+s saves it as reviewed; Esc again leaves without saving")
            return
        lost = self.pending_edits()
        self.app.pop_screen()
        if lost:  # the second Esc: said where it lands, as a writer found her edit gone without a word
            self.app.notify(f"Left without saving: {'; '.join(lost)}", timeout=5)

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _status(self, data: dict[str, Any], title: str, note: str = "", author: str | None = None,
                stamp: str | None = None, short_title: str | None = None) -> Text:
        """The title, the status, and who changed the text last and when (``author`` and
        ``stamp``, else the data's own): the most that fits the screen's width (at 80 columns
        the line was cut in the middle of the date), shorter before it is cut: the code's own
        name for its path, then the date without its year."""
        self._status_args = (data, title, note, author, stamp, short_title)
        from sto_qual.domain.drafting import describe_changes
        who, at = author or data.get("author"), stamp or data.get("updated_at")

        def line(title: str, short: bool, byline: bool = True) -> Text:
            t = Text(f" {title}   ")
            t.append(f"{GLYPHS[data['status']]} {data['status']}", style=STATUS_STYLE[data["status"]])
            if note:
                t.append(f" ({note})", style=STATUS_STYLE[data["status"]])
            # what changed under an outdated text comes before who changed it last: when the line
            # is cut at its end, the warning matters more than the byline
            if data["status"] == "outdated" and data.get("changes"):
                t.append(f"  codings changed: {describe_changes(data['changes'])}", style="red")
            changed = last_change(who, at, short=short) if byline else ""
            if changed:
                t.append(f"  {changed}", style="dim")
            return t
        leaf = short_title or (title.rsplit("/", 1)[-1] if "/" in title.rsplit(" × ", 1)[-1] else title)
        # last before cutting: without the byline (who and when are in the cell's header at F1 width)
        return first_fit([line(title, False), line(leaf, False), line(leaf, True), line(leaf, True, byline=False)],
                         max(self.app.size.width - 2, 20))

    _status_args: tuple | None = None

    def on_resize(self) -> None:
        """The status line again for the new width (its widget is the first status line)."""
        if self._status_args is not None and self.query(".statusline"):
            self.query(".statusline").first(Static).update(self._status(*self._status_args))
