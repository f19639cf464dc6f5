"""F6's co-occurrence laid out, and its cells and the crosstab's opened. The crosstab: Enter on a cell lists that code's passages in that group in F5
(``region_type=krimp`` in its filter, of the coder the dashboard counts), as NVivo opens a matrix
cell; an analyst pressed Enter on "krimp: 2 (50%)" and nothing happened. The co-occurrence: Enter on
a pair (a cell of the themes, a row of the pairs of codes) lists the sentences it counts, and Enter on
one opens it in the Coder; an analyst from MAXQDA looked for the passages two codes share and found
counts only. Mixed into DashboardScreen, which holds ``data``, the crosstab's row codes
(``_crosstab_codes``), the co-occurrence's themes (``_cooc_order``) and pairs (``_cooc_top``)."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, Select, TabbedContent

from sto_qual.domain.text import clip_words, plural
from sto_qual.services.tui_support import ROLE, DashboardData
from sto_qual.tui.fitting import cut_label, fill_sized, share_widths
from sto_qual.tui.modals.picker import PickerModal, PickOption

MIN_CODE = 24  # cells a code's name keeps ("■   Regierol gerealiseer…") before the other columns shorten
CELL_BINDINGS = [Binding("enter", "open_cell", "Open the cell's passages", id="dashboard.open_cell"),
                 # (a methodologist found no key that opened the crosstab's attribute: it took shift+tab from the table)
                 Binding("a", "choose_by", "Crosstab by…", id="dashboard.choose_by")]


class CrosstabCells:
    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "dash-crosstab":
            self._open_cell(event.coordinate.row, str(event.cell_key.column_key.value or ""))
        elif event.data_table.id == "dash-cooc":
            self._open_theme_pair(event.coordinate.row, str(event.cell_key.column_key.value or ""))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "dash-pairs" and event.cursor_row < len(self._cooc_top):
            pair = self._cooc_top[event.cursor_row]
            self._open_pair(pair["code_a"], pair["code_b"], rollup=False)

    def action_open_cell(self) -> None:
        """Enter with the focus off the table (on the tabs): the cell under the crosstab's cursor, or the
        co-occurrence's."""
        active = self.query_one(TabbedContent).active
        if active == "tab-cooc":
            table = self.query_one("#dash-cooc", DataTable)
            if table.row_count:
                row, col = table.cursor_coordinate
                self._open_theme_pair(row, str(list(table.columns)[col].value))
            return
        table = self.query_one("#dash-crosstab", DataTable)
        if active != "tab-crosstab" or not table.row_count:
            self.notify("Enter opens a cell's passages on the Crosstab and Co-occurrence tabs (] goes there)",
                        timeout=4)
            return
        row, col = table.cursor_coordinate
        self._open_cell(row, str(list(table.columns)[col].value))

    def action_choose_by(self) -> None:
        """The crosstab's attribute (or role) chosen from its list, from anywhere on F6."""
        self.query_one(TabbedContent).active = "tab-crosstab"
        chooser = self.query_one("#dash-by", Select)
        chooser.focus()
        chooser.action_show_overlay()

    def _open_cell(self, row: int, column: str) -> None:
        value, by = column[2:] if column.startswith("v:") else "", self.data.by if self.data else None
        if not value or not by or row >= len(self._crosstab_codes):
            self.notify("Enter on a count opens its passages (the first column names the code)", timeout=4)
        elif by == ROLE or " " in value:  # F5 filters by an interview's attribute, in one word
            self.notify(f"F5 lists a code's passages by interview attribute: `sto-qual quotes` gives them by {by}")
        else:
            self.sto.open_quotes(self._crosstab_codes[row], f"{by}={value}", self.data.counting)

    def _fill_cooc(self, d: DashboardData) -> None:
        """Themes by themes, the headers cut with "…" to share the room the row names leave; the
        pairs of codes under it with short headers and cut names where the full ones do not fit."""
        self._fitted_width = self.app.size.width
        table = self.query_one("#dash-cooc", DataTable)
        themes = [p for p in d.codes if "/" not in p]
        pairs: dict[tuple[str, str], dict[str, Any]] = {}
        for r in d.cooc_themes:
            pairs[(r["code_a"], r["code_b"])] = r
            pairs[(r["code_b"], r["code_a"])] = r

        def cell(a: str, b: str) -> str:
            r = pairs.get((a, b))
            return "—" if a == b else (f"{r['units']} · {r['documents']}" if r else "0")
        grid = [[cell(a, b) for b in themes] for a in themes]
        self._cooc_order = themes
        room, natural = self._room(table, 1 + len(themes)), self._natural(themes)
        names = [d.codes[t][0] for t in themes]
        least = [max((len(row[i]) for row in grid), default=1) for i in range(len(themes))]
        wants = [max(len(n), f) for n, f in zip(names, least)]
        code = min(natural, max(room - sum(min(w, 10) for w in wants), 16))  # the rows' names first
        widths = share_widths(wants, room - code, least)
        fill_sized(table, [("", "code"), *((Text(cut_label(n, w)), t) for n, w, t in zip(names, widths, themes))],
                   [[self._label(a, code), *row] for a, row in zip(themes, grid)])
        top = self._cooc_top = sorted(d.cooc_codes, key=lambda r: (-r["units"], r["code_a"]))[:25]
        pairs_table = self.query_one("#dash-pairs", DataTable)
        natural_a = self._natural(r["code_a"] for r in top)
        natural_b = self._natural(r["code_b"] for r in top)
        room = self._room(pairs_table, 4)
        figures = ("Sentences", "Interviews")
        if natural_a + natural_b + sum(map(len, figures)) > room:
            figures = ("Sent.", "Int.")
        a, b = share_widths([natural_a, natural_b], room - sum(map(len, figures)), [MIN_CODE // 2] * 2)
        fill_sized(pairs_table, [(col, None) for col in ("Code A", "Code B", *figures)],
                   [(self._label(r["code_a"], a), self._label(r["code_b"], b), str(r["units"]), str(r["documents"]))
                    for r in top])

    def _open_theme_pair(self, row: int, column: str) -> None:
        if row >= len(self._cooc_order) or column not in self._cooc_order:
            self.notify("Enter on a count opens the sentences with both themes (the first column names the theme)",
                        timeout=4)
        elif column == self._cooc_order[row]:
            self.notify("A theme with itself: Enter on another theme's column lists the sentences with both",
                        timeout=4)
        else:
            self._open_pair(self._cooc_order[row], column, rollup=True)

    def _open_pair(self, a: str, b: str, *, rollup: bool) -> None:
        """The sentences one coder applied both codes to, as the count says (of the coder the dashboard counts):
        a picker to filter them, Enter opening one in the Coder."""
        got = self.attempt(self.ws.cooccurring, a, b, coder=self.data.counting if self.data else None, rollup=rollup)
        if not got.ok:
            return
        label = self.data.codes if self.data else {}
        names = f"‘{label.get(a, (a, ''))[0]}’ and ‘{label.get(b, (b, ''))[0]}’"
        if not got.value:
            self.notify(f"No sentence carries both {names}", timeout=4)
            return
        options = [PickOption(f"{r['document_id']}:{r['start']}:{r['end']}",
                              f"{r['doc']} · sentence {r['sentence']} · {clip_words(r['text'], 90)}",
                              hint=", ".join(r["coders"]) if self.data is None or self.data.counting is None else "")
                   for r in got.value]

        def go(value: str | None) -> None:
            if value:
                doc, start, end = map(int, value.split(":"))
                self.app.open_document(doc, span=(start, end))
        self.app.push_screen(PickerModal(f"{plural(len(options), 'sentence')} with both {names} · Enter opens one "
                                         "in the Coder", options, placeholder="type to filter the sentences"), go)
