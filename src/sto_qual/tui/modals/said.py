"""The Coder's last status messages, whole, in a dialog that a key closes.

They were a 30-second popup: it covered the transcript's lines and the *Here* panel while the
coder went on coding, Esc did not close it, and a question asked meanwhile (`p`'s "Give keys 1-9
…?") opened under it, its buttons hidden."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sto_qual.tui.modals.transient import ClosedWhenLeft


class SaidModal(ClosedWhenLeft, ModalScreen[None]):
    """``messages`` newest last, scrolled to the newest; Esc, Enter or q closes it."""

    TITLE = "The last messages, whole"
    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="said.close")]

    def __init__(self, messages: list[str]) -> None:
        super().__init__()
        self.messages = messages

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(self.TITLE, classes="dialog-title")
            with VerticalScroll(id="said-list"):
                text = "\n".join(f"• {m}" for m in self.messages) if self.messages else \
                    "No message yet in this session."
                yield Static(Text(text), id="said-text")
            yield Static("Esc, Enter or q closes this; ↑ ↓ scroll", classes="dialog-help")

    def on_mount(self) -> None:
        box = self.query_one("#said-list", VerticalScroll)
        box.focus()
        self.call_after_refresh(box.scroll_end, animate=False)  # once laid out: the newest at the bottom

    def action_close(self) -> None:
        self.dismiss(None)
