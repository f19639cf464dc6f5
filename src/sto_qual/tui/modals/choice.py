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
from sto_qual.tui.modals.transient import ClosedWhenLeft


class ChoiceModal(ClosedWhenLeft, ModalScreen[str | None]):
    """Returns the chosen option's value, or None (Esc, or another key that is passed on)."""

    def __init__(self, title: str, options: Sequence[PickOption], keys: Sequence[str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)[:9]
        # the digit that chooses each option ("" none: Enter); by default 1, 2, 3 …
        self.keys = list(keys)[:len(self.options)] if keys is not None else [str(i) for i in range(1, 10)]
        self.passed_on = False  # closed by a key it passed on to the screen below (which may move)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide choice"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(*(Option(o.text(k or " "), id=o.value) for k, o in zip(self.keys, self.options)),
                             id="choice-list")
            # "its number" only where one is shown (options whose code has no key of its own have none)
            choose = "its number or Enter to choose" if any(self.keys) else "↑↓ and Enter to choose"
            yield Static(f"{choose} · Esc to cancel · any other key closes this and does its usual job",
                         classes="dialog-help")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = 0
        self.set_focus(ol)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        ol = self.query_one(OptionList)
        if event.character and event.character.isdigit() and event.character in self.keys:
            self.dismiss(self.options[self.keys.index(event.character)].value)
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


def code_keys(codes: Sequence[str | None], quick: Sequence[str]) -> list[str]:
    """The chooser's digit for options about these codes: the code's own number key in the tree
    (``quick``: the code on key 1, 2, …), so "2" is the same code in the chooser as in the tree
    (numbered 1, 2, 3 in order, "2" removed another code than the coder's key 2); an option
    without a key of its own gets a digit that no code's key uses, else none (Enter chooses)."""
    keys = []
    for c in codes:
        k = str(quick.index(c) + 1) if c and c in list(quick)[:9] else ""
        keys.append("" if k in keys else k)
    free = iter([str(d) for d in range(1, 10) if (d > len(quick) or not quick[d - 1]) and str(d) not in keys])
    return [k or next(free, "") for k in keys]
