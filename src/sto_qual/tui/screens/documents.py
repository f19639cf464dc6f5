"""Documents: the transcripts with attributes, words, coded share and codings; filter; open."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from sto_qual.domain.text import plural
from sto_qual.services.tui_support import filter_documents
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.navbar import NavBar

PREFERRED_ATTRS = ("region_type", "date", "respondent_roles", "interviewer")


class DocumentsScreen(StoScreen):
    BINDINGS = [
        Binding("enter", "open", "Open", id="documents.open"),
        Binding("slash,f", "filter", "Filter", id="documents.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="documents.clear_filter"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="documents.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._docs: list = []
        self._attr_cols: list[str] = []
        self._seen_version = -1

    def compose(self) -> ComposeResult:
        yield NavBar("documents")
        yield Input(placeholder="Filter: words, or key=value such as region_type=krimp  (/ to focus)",
                    id="doc-filter")
        yield DataTable(id="doc-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="doc-summary", classes="statusline")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        if self._seen_version != self.sto.data_version:
            self.reload()

    def reload(self) -> None:
        self._seen_version = self.sto.data_version
        got = self.attempt(self.ws.documents)
        if not got.ok:
            return
        docs = got.value
        self._docs = docs
        keys: dict[str, int] = {}
        for d in docs:
            for k in d.attributes:
                keys[k] = keys.get(k, 0) + 1
        common = [k for k in PREFERRED_ATTRS if keys.get(k, 0) * 2 >= max(len(docs), 1)]
        self._attr_cols = common[:3]
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # short attributes first, the numbers next, long lists (roles) last: at 80 columns the
        # numbers stay visible
        short = [k for k in self._attr_cols if k != "respondent_roles"]
        self._attr_cols = short + [k for k in self._attr_cols if k == "respondent_roles"]
        table.add_column("Document", key="name")
        for k in short:
            table.add_column(Text(k.replace("_", " ").capitalize()), key=k)
        table.add_column("Words", key="words")
        table.add_column("Coded", key="coded")
        table.add_column("Codings", key="codings")
        table.add_column("Turns", key="turns")
        for k in self._attr_cols[len(short):]:
            table.add_column(Text(k.replace("_", " ").capitalize()), key=k)
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        text = self.query_one("#doc-filter", Input).value
        shown = filter_documents(self._docs, text)
        for d in shown:
            attrs = [str(d.attributes.get(k, "")).replace(";", ", ") for k in self._attr_cols]
            n_short = len([k for k in self._attr_cols if k != "respondent_roles"])
            cells = [d.name, *attrs[:n_short],
                     f"{d.words:>7,}".replace(",", "."), f"{d.coded_share:>4.0%}", f"{d.codings:>5}",
                     f"{d.turns:>4}", *attrs[n_short:]]
            table.add_row(*(Text(c) for c in cells), key=str(d.id))  # Text: names are not markup
        if shown:
            table.move_cursor(row=min(keep, len(shown) - 1))
        total_words = sum(d.words for d in shown)
        codings = sum(d.codings for d in shown)
        self.query_one("#doc-summary", Static).update(Text(
            f" {len(shown)} of {len(self._docs)} documents · {total_words:,} words · {plural(codings, 'coding')} · "
            f"coder {self.coder} · Enter opens the coder".replace(",", ".")))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "doc-filter":
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "doc-filter":
            self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.sto.open_document(int(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key
            if key.value is not None:
                self.sto.open_document(int(key.value))

    def action_filter(self) -> None:
        self.query_one("#doc-filter", Input).focus()

    def action_clear_filter(self) -> None:
        inp = self.query_one("#doc-filter", Input)
        inp.value = ""
        self.query_one(DataTable).focus()

    def action_reload(self) -> None:
        self.reload()
