"""A short numbered chooser (which of my codings here to star, uncode, ...). Unlike the
picker it has no filter to type into: a number or Enter chooses, Esc cancels, and any other
key closes it and goes on to the screen below, so a ``u`` meant as undo still undoes."""
from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sto_qual.tui.modals.picker import PickOption


class ChoiceModal(ModalScreen[str | None]):
    """Returns the chosen option's value, or None (Esc, or another key that is passed on)."""

    def __init__(self, title: str, options: Sequence[PickOption]) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)[:9]
        self.passed_on = False  # closed by a key it passed on to the screen below (which may move)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide choice"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(*(Option(o.text(str(i)), id=o.value) for i, o in enumerate(self.options, 1)),
                             id="choice-list")
            yield Static(f"1-{len(self.options)} or Enter to choose · Esc to cancel · any other key closes this "
                         "and does its usual job", classes="dialog-help")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = 0
        self.set_focus(ol)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        ol = self.query_one(OptionList)
        if event.character and event.character.isdigit() and 1 <= int(event.character) <= len(self.options):
            self.dismiss(self.options[int(event.character) - 1].value)
        elif event.key == "enter":
            self.dismiss(self.options[ol.highlighted or 0].value)
        elif event.key in ("down", "up"):
            step = 1 if event.key == "down" else -1
            ol.highlighted = max(0, min((ol.highlighted or 0) + step, len(self.options) - 1))
        elif event.key == "escape":
            self.dismiss(None)
        else:
            self.passed_on = True
            self.dismiss(None)
            self.app.post_message(events.Key(event.key, event.character))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
