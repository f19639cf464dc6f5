"""Ask for one line (TextPrompt) or a few lines (MemoModal)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea


class TextPrompt(ModalScreen[str | None]):
    """Returns the text (stripped) or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", help: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder, self.help_text = title, value, placeholder, help

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.help_text:
                yield Static(self.help_text, classes="dialog-help")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("Enter to confirm · Esc to cancel", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemoModal(ModalScreen[str | None]):
    """A memo editor. ctrl+s saves (an empty memo clears it); Esc cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="memo.save"),
        Binding("escape", "cancel", "Cancel", id="memo.cancel"),
    ]

    def __init__(self, title: str, text: str = "", context: str = "") -> None:
        super().__init__()
        self.title_text, self.text, self.context = title, text, context

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(self.title_text, classes="dialog-title")
            if self.context:
                yield Static(self.context, classes="dialog-quote")
            yield TextArea(self.text, id="memo-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
