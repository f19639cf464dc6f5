"""Help: every key of every screen, read from the Bindings themselves (so it cannot go
stale), with the binding id to remap it in the config file."""
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
    "mouse; Esc returns to the sentence. Keys 1–9 apply the numbered codes in the codebook tree (expand a "
    "theme to number its sub-codes), c opens the code picker, x removes a code. Tab switches between the "
    "transcript and the codebook. ctrl+p searches every action."
)


def _sections() -> list[tuple[str, list[Binding]]]:
    from sto_qual.tui.app import StoQualApp
    from sto_qual.tui.modals import ConfirmModal, MemoModal, PickerModal
    from sto_qual.tui.screens.codebook import CodebookScreen
    from sto_qual.tui.screens.coder import CoderScreen
    from sto_qual.tui.screens.dashboard import DashboardScreen
    from sto_qual.tui.screens.documents import DocumentsScreen
    from sto_qual.tui.screens.export import ExportScreen
    from sto_qual.tui.screens.quotes import QuotesScreen
    from sto_qual.tui.screens.suggestions import SuggestionsScreen
    from sto_qual.tui.screens.synthesis import CellScreen, SynthesisScreen, SummaryEditor
    from sto_qual.tui.widgets.codetree import CodeTree
    from sto_qual.tui.widgets.transcript import TranscriptView

    def b(cls) -> list[Binding]:
        return [x for x in cls.BINDINGS if isinstance(x, Binding)]
    return [("Everywhere", b(StoQualApp) + [Binding("ctrl+p", "command_palette", "Command palette: every action",
                                                    id="(ctrl+p)")]),
            ("Coder: transcript", b(TranscriptView)), ("Coder", b(CoderScreen)),
            ("Coder: codebook tree", b(CodeTree)), ("Documents", b(DocumentsScreen)),
            ("Suggestions", b(SuggestionsScreen)), ("Quotes", b(QuotesScreen)),
            ("Dashboard", b(DashboardScreen)), ("Codebook editor", b(CodebookScreen)),
            ("Export", b(ExportScreen)), ("Synthesis", b(SynthesisScreen)),
            ("Synthesis: a cell or a theme", b(SummaryEditor) + b(CellScreen)),
            ("Dialogs", b(PickerModal) + b(MemoModal) + b(ConfirmModal))]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "settings", None)
        remap = keymap.keys if keymap is not None else {}
        with VerticalScroll(id="help-body"):
            yield Static(Text("sto_qual — keys", style="bold"), classes="section")
            yield Static(Text(INTRO), classes="help-intro")
            for title, bindings in _sections():
                table = Table(title=title, title_justify="left", title_style="bold", expand=True,
                              show_edge=False, pad_edge=False)
                table.add_column("Key", style="bold", no_wrap=True, ratio=1)
                table.add_column("Does", ratio=3)
                table.add_column(Text("Binding id (config [keys])"), style="dim", ratio=2)
                for bd in bindings:
                    keys = remap.get(bd.id or "", bd.key)
                    table.add_row(Text(self._keys(keys)), Text(bd.description or bd.action), Text(bd.id or ""))
                yield Static(table)
            cfg = getattr(keymap, "path", None)
            yield Static(Text(f"Remap keys in {cfg} under [keys], e.g. \"coder.undo\" = \"z\". "
                              "Esc closes this help.", style="dim"))

    @staticmethod
    def _keys(keys: str) -> str:
        names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
                 "delete": "Del", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp", "space": "Space"}
        return " / ".join(names.get(k, k) for k in keys.split(","))
