"""Help: every key of every screen, read from the Bindings themselves (so it cannot go
stale), with the binding id to remap it in the config file. The app hands over the
sections (``app.key_sections``): this screen imports no other screen."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Move by sentence with ↑/↓ (j/k), by turn with [ and ], by page with PgUp/PgDn. Extend the selection "
    "with shift+↓/↑ (a sentence), shift+→/← (the end, by character), alt+→/← (the start), or drag with the "
    "mouse; Esc returns to the sentence. Keys 1–9 apply the numbered codes in the codebook tree; they stay "
    "put when a theme expands (a collapsed theme shows the keys inside it), and p gives them to the codes "
    "visible now, e.g. a theme's sub-codes; the project keeps them for you across restarts. c opens the code "
    "picker, x removes a code. Tab switches between the transcript and the codebook. ctrl+p searches every action."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]], *, intro: bool = True) -> None:
        """``sections``: (title, bindings) pairs, read by the app from its screens, the screen
        in use first; ``intro``: the coder's moving and selecting keys in prose."""
        super().__init__()
        self.sections = sections
        self.intro = intro

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "settings", None)
        remap = keymap.keys if keymap is not None else {}
        with VerticalScroll(id="help-body"):
            yield Static(Text("sto_qual — keys", style="bold"), classes="section")
            if self.intro:
                yield Static(Text(INTRO), classes="help-intro")
            for title, bindings in self.sections:
                table = Table(title=title, title_justify="left", title_style="bold", expand=True,
                              show_edge=False, pad_edge=False)
                table.add_column("Key", style="bold", no_wrap=True, ratio=1)
                table.add_column("Does", ratio=3)
                table.add_column(Text("Binding id (config [keys])"), style="dim", ratio=2)
                for bd in bindings:
                    keys = remap.get(bd.id or "", bd.key)
                    # the footer's short label, or the longer tooltip where a binding has one
                    table.add_row(Text(self._keys(keys)), Text(bd.tooltip or bd.description or bd.action),
                                  Text(bd.id or ""))
                yield Static(table)
            cfg = getattr(keymap, "path", None)
            yield Static(Text(f"Remap keys in {cfg} under [keys], e.g. \"coder.undo\" = \"z\". "
                              "Esc closes this help.", style="dim"))

    @staticmethod
    def _keys(keys: str) -> str:
        names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
                 "delete": "Del", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "space": "Space"}
        return " / ".join(names.get(k, k) for k in keys.split(","))
