"""Help: every key of every screen, read from the Bindings themselves (so it cannot go
stale), with the binding id to remap it in the config file. The app hands over the
sections (``app.key_sections``): this screen imports no other screen."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import Static

from sto_qual.tui.fitting import WIDE_AT

INTRO = (
    "Move by sentence with ↑/↓ (j/k), by turn with [ and ], by page with PgUp/PgDn. Extend the selection "
    "with shift+↓/↑ (a sentence), shift+→/← (the end, by character), alt+→/← (the start), or drag with the "
    "mouse; Esc returns to the sentence. Keys 1–9 apply the numbered codes in the codebook tree; they stay "
    "put when a theme expands (a collapsed theme shows the keys inside it), and p gives them to the codes "
    "visible now, e.g. a theme's sub-codes; the project keeps them for you across restarts. c opens the code "
    "picker, x removes a code. To change a coding's span, select the passage it should cover and apply "
    "its code again (the two join into one coding); x on one of its sentences takes that sentence off it. "
    "Tab switches between the transcript and the codebook (its border turns thick "
    "while it has the keys). ctrl+p searches every action. Your codings go under the name `sto-qual tui --coder "
    "NAME` gives (or your settings file's coder), else under the project's default coder: ctrl+p, Who codes, "
    "says whose they are; ctrl+p, Last messages, shows the status line's last messages whole (a narrow window "
    "cuts them).\n\n"
    "Signs. In the margin left of the text: ▶ the selection, what a code key codes (the sentence under the "
    "cursor, or the sentences shift+↓ took in), ◆ a pending suggestion (h hides "
    "them), ★ a starred coding, ✎ a coding with a memo (anyone's that is shown: the Here panel says whose), and "
    "up to three bars ▌ in the colours of the codes on that line. In the codebook tree: ▶ a folded theme, ▼ an "
    "unfolded one, ■ the code's colour; the number after a code counts its codings in this interview, its "
    "sub-codes' included (· none); [5-7] the keys of codes inside a folded theme."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, sections: list[tuple[str, list[Binding]]], *, intro: bool = True, legend: str = "") -> None:
        """``sections``: (title, bindings) pairs, read by the app from its screens, the screen
        in use first; ``intro``: the coder's moving and selecting keys in prose; ``legend``:
        the screen in use's own prose (what its signs mean), above the keys."""
        super().__init__()
        self.sections = sections
        self.intro = intro
        self.legend = legend

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "settings", None)
        remap = keymap.keys if keymap is not None else {}
        with VerticalScroll(id="help-body"):
            # the way out at the top: at 80×24 the footer below shows the screen behind's keys and
            # "Esc closes this help" stood only at the end of a long scroll; and how to quit (q only
            # says which key does, and "Quit" stood far down under Everywhere)
            yield Static(Text.assemble(("sto_qual — keys", "bold"), ("   Esc closes this help · ctrl+q quits", "dim")),
                         classes="section")
            if self.intro:
                yield Static(Text(INTRO), classes="help-intro")
            if self.legend:
                yield Static(Text(self.legend), classes="help-intro")
            for title, bindings in self.sections:
                table = Table(title=title, title_justify="left", title_style="bold", expand=True,
                              show_edge=False, pad_edge=False)
                # the keys and the binding ids whole ("ctrl+shift+ri…" was cut at 110 columns, an id
                # split mid-word at 80 cannot be copied into the config file); "Does" wraps
                rows = help_rows(bindings, remap)
                table.add_column("Key", style="bold", no_wrap=True)
                # narrow (80 columns), the ids' column left "Does" a third of the width, each
                # row wrapped over three lines: the id goes under what the key does, whole
                narrow = self.app.size.width < WIDE_AT
                table.add_column(Text("Does · binding id (config [keys])" if narrow else "Does"), ratio=1)
                if not narrow:
                    table.add_column(Text("Binding id (config [keys])"), style="dim", no_wrap=True,
                                     min_width=max((len(ids) for _k, _d, ids in rows), default=0))
                for keys, does, ids in rows:
                    if narrow:
                        table.add_row(Text(self._keys(keys)), Text.assemble(does, "\n", (ids, "dim")))
                    else:
                        table.add_row(Text(self._keys(keys)), Text(does), Text(ids))
                yield Static(table)
            cfg = getattr(keymap, "path", None)
            yield Static(Text(f"Remap keys in {cfg} under [keys], e.g. \"coder.undo\" = \"z\". "
                              "Esc closes this help.", style="dim"))

    @staticmethod
    def _keys(keys: str) -> str:
        if "–" in keys:  # a run of keys in one row ("1–9")
            return keys
        names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
                 "delete": "Del", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "space": "Space"}
        return " / ".join(names.get(k) or _character(k) or k for k in keys.split(","))


def _character(key: str) -> str | None:
    """The character a key Textual names by its character's name ("right_curly_bracket": "}")."""
    char = key_to_character(key) if "+" not in key else None
    return char if char and char.isprintable() and not char.isspace() else None


def help_rows(bindings: list[Binding], remap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, what they do, binding ids) per row of the help: a binding's short label, or its
    longer tooltip where it has one; a run of bindings in one group (the number keys 1–9), none
    remapped, is one row with the group's description ("1–9", ids "coder.code1 … coder.code9")."""
    rows: list[tuple[str, str, str]] = []
    i = 0
    while i < len(bindings):
        bd = bindings[i]
        j = i
        while j + 1 < len(bindings) and bd.group is not None and bindings[j + 1].group is bd.group:
            j += 1
        run = bindings[i:j + 1]
        if len(run) > 1 and not any(b.id in remap for b in run):
            rows.append((f"{run[0].key}–{run[-1].key}", bd.group.description, f"{run[0].id} … {run[-1].id}"))
        else:
            rows += [(remap.get(b.id or "", b.key), b.tooltip or b.description or b.action, b.id or "") for b in run]
        i = j + 1
    return rows
