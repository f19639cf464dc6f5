"""A fuzzy picker: type to filter, arrows to move, Enter to choose."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import FuzzySearch
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sto_qual.domain.names import nearly_begins
from sto_qual.tui.modals.transient import ClosedWhenLeft
from sto_qual.tui.modals.typeahead import type_ahead


@dataclass(frozen=True)
class PickOption:
    value: str
    label: str
    colour: str | None = None
    hint: str = ""

    @property
    def haystack(self) -> str:
        return f"{self.label} {self.value}"

    def text(self, key: str = "") -> Text:
        """The option as shown: optional key, colour swatch, label, dim hint."""
        t = Text()
        if key:
            t.append(f"{key} ", style="bold")
        if self.colour:
            t.append("■ ", style=self.colour)
        t.append(self.label)
        if self.hint:
            t.append(f"  {self.hint}", style="dim")
        return t


NEW = "\x00new:"  # before a typed name in the value of the "new …" option (no option's value has it)


def new_name(value: str | None) -> str | None:
    """The name typed for the "new …" option of a ``PickerModal(new=…)``, or None for any other value."""
    return value[len(NEW):] if value and value.startswith(NEW) else None


class _Filter(Input):
    """The picker's filter, which takes ↓ and ↑ itself: a field runs its own bindings in the order
    typed (``key_order``), while the screen's ran only once the key reached the app, after an Enter
    typed behind them ("collectief" ↓ ↓ Enter in one burst chose the list's top)."""

    BINDINGS = [Binding("down", "pick(1)", "Down", show=False), Binding("up", "pick(-1)", "Up", show=False)]

    def action_pick(self, delta: int) -> None:
        screen = self.screen
        if isinstance(screen, PickerModal):
            screen.action_move(delta)


class PickerModal(ClosedWhenLeft, ModalScreen[str | None]):
    """Returns the chosen option's value, or None. With ``new`` (what an option is, such as
    "code"), a typed text that no option has as its value or label is offered as a last option,
    "+ New code 'text'…", the only one (so Enter chooses it) when nothing matches, and the first when
    only options with its letters in order do and none begins nearly as typed (``nearly_begins``);
    choosing it returns the text behind ``NEW`` (``new_name`` reads it)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    ]

    def __init__(self, title: str, options: Sequence[PickOption], *, placeholder: str = "type to filter",
                 new: str | None = None, initial: str = "", recent: Sequence[str] = (),
                 current: str | None = None) -> None:
        """``initial``: the filter as typed before (a name the picker's "new" option refused).
        ``recent``: the values chosen last, most recent first: before anything is typed they come
        first, marked, so Enter chooses the last one again (NVivo's recent codes). ``current``: the
        value the cursor starts on before anything is typed (the document open now: `d` Enter
        opened the first interview, and a coder coded in R01 what she meant for R03)."""
        super().__init__()
        by_value = {o.value: o for o in options}
        self.recent = [PickOption(v, by_value[v].label.strip(), by_value[v].colour, "recent · " + by_value[v].hint)
                       for v in recent if v in by_value]
        self.initial = initial
        self.title_text = title
        self.options = list(options)
        self.placeholder = placeholder
        self.new = new
        self.current = current
        self._shown: list[PickOption] = []
        self._query = ""
        self._search = FuzzySearch()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide picker"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield _Filter(placeholder=self.placeholder, id="picker-input")
            yield OptionList(id="picker-list")
            yield Static(f"Enter to choose · a name no {self.new} has adds it · Esc to cancel" if self.new
                         else "Enter to choose · Esc to cancel", classes="dialog-help")

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        if self.initial:
            inp.value = self.initial
            inp.cursor_position = len(self.initial)
        self._fill(self.initial)
        self.set_focus(inp)

    def on_key(self, event: events.Key) -> None:
        """Type-ahead: keys typed while the picker was opening reach the screen, not the
        filter; printable ones go into the filter, Enter chooses. (A key the filter took
        itself never gets here.)"""
        inp = self.query_one(Input)
        type_ahead(self, event, inp, inp.insert_text_at_cursor,
                   lambda: self.on_input_submitted(Input.Submitted(inp, inp.value)))  # the filter so far

    def _fill(self, query: str) -> None:
        self._query = query
        if query.strip():
            # what holds the typed text as it is typed, when anything does: "financ" listed
            # "Afspraken over concurrentie" too, its letters scattered over it, and a coder could not
            # see why; letters in order anywhere (fuzzy) only when nothing holds them together
            typed = query.strip().casefold()
            whole = [o for o in self.options if typed in o.haystack.casefold()]
            scored = []
            for i, o in enumerate(whole or self.options):
                score, _ = self._search.match(query, o.haystack)
                if score > 0 or whole:
                    scored.append((-score, i, o))
            self._shown = [o for _, _, o in sorted(scored)]
            if not whole and self.new and len(query.strip()) >= 4 and not nearly_begins(
                    query, [n for o in self._shown for n in (o.value, o.label.strip())]):
                # only letters in order, and no name beginning nearly so (a typo, "docenttekort"): a name of its
                # own comes first, Enter adds it ("verdeling" listed "Uitgestelde investeringen en contracten"
                # first, and Enter coded it); three letters or fewer are an abbreviation ("dtk"): matches first
                self._shown.insert(0, PickOption(NEW + query.strip(), f"+ New {self.new} '{query.strip()}'…"))
        else:
            first = {o.value for o in self.recent}
            self._shown = [*self.recent, *(o for o in self.options if o.value not in first)]
        typed = query.strip()
        if self.new and typed and not any(typed.casefold() in (o.value.casefold(), o.label.strip().casefold())
                                          for o in self.options) and not any(o.value.startswith(NEW)
                                                                             for o in self._shown):
            self._shown.append(PickOption(NEW + typed, f"+ New {self.new} '{typed}'…"))
        ol = self.query_one(OptionList)
        ol.clear_options()
        items = [Option(o.text(), id=o.value) for o in self._shown]
        ol.add_options(items)
        if items:
            at = [o.value for o in self._shown].index(self.current) if not typed and self.current in (
                o.value for o in self._shown) else 0
            ol.highlighted = at

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # a change the field has moved past (letters typed after it), or one an arrow typed right
        # after it filtered already: refiltering it would start the list at its top again
        if event.value == self.query_one(Input).value and event.value != self._query:
            self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self._query:  # typed faster than the list was refiltered
            self._fill(event.value)
        ol = self.query_one(OptionList)
        if self._shown:
            self.dismiss(self._shown[ol.highlighted or 0].value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        value = self.query_one(Input).value
        if value != self._query:  # typed faster than the list was refiltered: "collectief" then ↓ ↓ moved in
            self._fill(value)     # the old list, the new one started at its top again, and Enter took that
        ol = self.query_one(OptionList)
        if not self._shown:
            return
        cur = ol.highlighted if ol.highlighted is not None else -1
        ol.highlighted = max(0, min(cur + delta, len(self._shown) - 1))

    def action_cancel(self) -> None:
        self.dismiss(None)
