"""Unsaved edits: save them, throw them away, or stay. Asked before the app quits and before
the codebook form shows another code, so typed text is never dropped without a word."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class LeaveModal(ModalScreen[str]):
    """Returns "save", "discard" or "stay" (Esc stays: the safe answer)."""

    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="leave.save"),
        Binding("d", "answer('discard')", "Discard", id="leave.discard"),
        Binding("escape,n", "answer('stay')", "Stay", id="leave.stay"),
    ]

    def __init__(self, question: str, *, save: str = "Save", discard: str = "Discard", stay: str = "Stay") -> None:
        super().__init__()
        self.question = question
        self.labels = {"save": save, "discard": discard, "stay": stay}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Text(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.labels['save']} (s)", id="save", variant="primary")
                yield Button(f"{self.labels['discard']} (d)", id="discard", variant="error")
                yield Button(f"{self.labels['stay']} (Esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "stay")

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
