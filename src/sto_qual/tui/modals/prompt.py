"""Ask for one line (TextPrompt) or a few lines (MemoModal)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static, TextArea

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.text import clip_words
from sto_qual.tui.modals.leave import LeaveModal
from sto_qual.tui.modals.typeahead import type_ahead


class TextPrompt(ModalScreen[str | None]):
    """Returns the text (stripped) or None when cancelled. ``value`` starts selected (typing
    replaces it) or, with ``select_all=False``, with the cursor after it (typing adds to it,
    as after a pre-filled parent path). With ``check``, Enter first calls ``check(text)``;
    a message back stays in the dialog, with the text as typed, until it is fixed or cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", help: str = "",
                 check: Callable[[str], str | None] | None = None, select_all: bool = True) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.help_text = title, value, placeholder, help
        self.check = check
        self.select_all = select_all

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            if self.help_text:
                yield Static(Text(self.help_text), classes="dialog-help")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input",
                        select_on_focus=self.select_all)
            yield Static("", id="prompt-error", classes="dialog-error")
            yield Static("Enter to confirm · Esc to cancel", classes="dialog-help")

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        self.set_focus(inp)
        if not self.select_all:
            inp.cursor_position = len(inp.value)
        self.query_one("#prompt-error").display = False

    def _submit(self, text: str) -> None:
        text = text.strip()
        problem = self.check(text) if self.check and text else None
        if problem:
            error = self.query_one("#prompt-error", Static)
            error.update(Text(problem))
            error.display = True
            return
        self.dismiss(text)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead while the dialog opens (see PickerModal.on_key)."""
        inp = self.query_one(Input)
        type_ahead(self, event, inp, inp.insert_text_at_cursor, lambda: self._submit(inp.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def in_dialog(run: Callable[[str], Any], out: list) -> Callable[[str], str | None]:
    """A ``TextPrompt``'s ``check`` that does the work: ``run(text)`` (its result into ``out``)
    while the dialog is open, so a refused name keeps it open with the reason and the text as
    typed (a refused rename closed it); the reason is the error's own words."""
    def check(text: str) -> str | None:
        try:
            out.append(run(text))
        except StoQualError as exc:
            return str(exc)
        return None
    return check


PREVIEW_LINES = 3  # the quote above a memo: at most these lines, cut at a word with "…"


def preview(context: str, width: int, lines: Callable[[str], int]) -> str:
    """``context`` on one line (a quote keeps its “ ”), whole when it takes at most PREVIEW_LINES
    ``lines`` at ``width`` cells, else cut at a word with "…" to the longest that does. Its
    room (3 lines of at most 84 cells) is less than the 300 characters the Coder passes: a
    quote passed cut mid-word ("…dit kunnen we nie”") is cut again here, at a word."""
    text = " ".join(context.split())
    quoted = len(text) > 1 and text[0] == "“" and text[-1] == "”"
    body = text[1:-1] if quoted else text
    for room in range(min(len(body), max(width, 1) * PREVIEW_LINES), 0, -1):
        shown = clip_words(body, room)
        shown = f"“{shown}”" if quoted else shown
        if lines(shown) <= PREVIEW_LINES:
            return shown
    return "“…”" if quoted else "…"


class MemoModal(ModalScreen["tuple[str, str] | None"]):
    """A memo editor. Returns (target, text); ctrl+s saves (an empty memo clears it), Esc
    cancels: at once when the memo is as it was, else after asking (save / discard / keep
    editing). With several ``targets`` (value, label, current memo) a selector on top picks
    which one the memo is for; it starts on ``target``. The quote (``context``) shows its first
    PREVIEW_LINES lines, cut at a word; at 80x24 the dialog is tighter so Save and Cancel show. ``keep(target,
    text)`` is given the typed text every half second it changed, and None once the dialog closes
    (``services.memo_drafts``: a workbench killed while a memo was typed lost it)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="memo.save"),
        Binding("escape", "cancel", "Cancel", id="memo.cancel"),
    ]

    def __init__(self, title: str, text: str = "", context: str = "", *,
                 targets: Sequence[tuple[str, str, str]] = (), target: str = "", stored: str | None = None,
                 keep: Callable[[str, str | None], None] | None = None) -> None:
        super().__init__()
        self.title_text, self.text, self.context = title, text, context
        self.targets = list(targets)
        self.target = target or (self.targets[0][0] if self.targets else "")
        # the memo as stored, when the editor opens on text not stored yet (hers again after a clash,
        # or moved to the document's memo): that text is an unsaved edit, and ctrl+q dropped it unasked
        self.stored, self._first = stored, self.target
        self._keep, self._kept, self._handed_over = keep, "", False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Text(self.title_text), classes="dialog-title")
            if len(self.targets) > 1:
                yield Select([(Text(label), value) for value, label, _ in self.targets], value=self.target,
                             allow_blank=False, id="memo-target")
            if self.context:
                yield Static(Text(self._preview()), id="memo-quote", classes="dialog-quote")
            yield TextArea(self.text, id="memo-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        self.set_focus(area)
        area.move_cursor(area.document.end)
        if self._keep is not None:
            self._keep_typed()  # (a memo opened on text not stored yet: kept from the start)
            self.set_interval(0.5, self._keep_typed)

    def _keep_typed(self) -> None:
        if self._handed_over:  # saved: a tick after it wrote the draft again once the memo was written
            return
        text = self.query_one(TextArea).text if self.pending_edits() else ""
        if text != self._kept and self._keep is not None:
            self._kept = text
            self._keep(self.target, text)

    def on_unmount(self) -> None:  # dropped, or quit without saving: nothing to come back to
        # saved: the draft is the caller's now, kept until the memo is written (a question about a colleague's
        # change comes first); this editor closing after the caller kept it took it away, and a kill lost it
        if self._keep is not None and self._kept and not self._handed_over:
            self._kept = ""
            self._keep(self.target, None)

    def _preview(self) -> str:
        """The quote for the preview's width: once laid out its own, before that the dialog's
        (app.tcss: 90 cells or 95 % of the terminal, less its border and padding)."""
        quotes = self.query("#memo-quote")
        width = quotes.first().content_size.width if quotes else 0
        width = width or min(90, self.app.size.width * 95 // 100) - 6
        return preview(self.context, width, lambda text: len(Text(text).wrap(self.app.console, width)))

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_preview)

    def _fit_preview(self) -> None:
        if self.context and self.is_attached:
            self.query_one("#memo-quote", Static).update(Text(self._preview()))

    def on_key(self, event: events.Key) -> None:
        """Type-ahead while the dialog opens (see PickerModal.on_key)."""
        if not isinstance(self.focused, Select):  # the coding chooser takes its own keys
            area = self.query_one(TextArea)
            type_ahead(self, event, area, area.insert)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if str(event.value) == self.target:
            return
        if self.pending_edits():  # the typed memo is for the coding picked before: never replaced
            event.select.value = self.target
            self.notify("save (ctrl+s) or drop (Esc) this memo before picking another coding",
                        severity="warning", timeout=4)
            return
        self.target = str(event.value)
        memo = next((m for v, _, m in self.targets if v == self.target), "")
        area = self.query_one(TextArea)
        area.text = memo
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self._handed_over = True
        self.dismiss((self.target, self.query_one(TextArea).text.strip()))

    # asked by the app before quitting (as the screens are); the save itself is done by the
    # screen that opened this dialog, after it closes: the app quits a moment later
    saves_later = True

    def pending_edits(self) -> list[str]:
        memo = next((m for v, _, m in self.targets if v == self.target), self.text) if self.targets else self.text
        memo = self.stored if self.stored is not None and self.target == self._first else memo
        return ["the memo being written"] if self.query_one(TextArea).text.strip() != (memo or "").strip() else []

    def save_pending(self) -> bool:
        self.action_save()
        return True

    def action_cancel(self) -> None:
        """Typed text is never dropped without a word: a changed memo asks first."""
        if not self.pending_edits():
            self.dismiss(None)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(None)
            # stay: back in the memo, the typing intact
        self.app.push_screen(LeaveModal("This memo has changes not saved. Save them?", save="Save",
                                        discard="Discard them", stay="Keep editing"), answer)
