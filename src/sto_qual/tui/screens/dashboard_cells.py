"""F6's crosstab cell opened: Enter on a cell lists that code's passages in that group in F5
(``region_type=krimp`` in its filter, of the coder the dashboard counts), as NVivo opens a matrix
cell; an analyst pressed Enter on "krimp: 2 (50%)" and nothing happened. Mixed into
DashboardScreen, which holds ``data`` and the crosstab's row codes (``_crosstab_codes``)."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable, TabbedContent

from sto_qual.services.tui_support import ROLE

CELL_BINDINGS = [Binding("enter", "open_cell", "Crosstab: the cell's passages in F5", id="dashboard.open_cell")]


class CrosstabCells:
    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "dash-crosstab":
            self._open_cell(event.coordinate.row, str(event.cell_key.column_key.value or ""))

    def action_open_cell(self) -> None:
        """Enter with the focus off the table (on the tabs): the cell under the crosstab's cursor."""
        table = self.query_one("#dash-crosstab", DataTable)
        if self.query_one(TabbedContent).active != "tab-crosstab" or not table.row_count:
            self.notify("Enter opens a cell's passages on the Crosstab tab (] goes there)", timeout=4)
            return
        row, col = table.cursor_coordinate
        self._open_cell(row, str(list(table.columns)[col].value))

    def _open_cell(self, row: int, column: str) -> None:
        value, by = column[2:] if column.startswith("v:") else "", self.data.by if self.data else None
        if not value or not by or row >= len(self._crosstab_codes):
            self.notify("Enter on a count opens its passages (the first column names the code)", timeout=4)
        elif by == ROLE or " " in value:  # F5 filters by an interview's attribute, in one word
            self.notify(f"F5 lists a code's passages by interview attribute: `sto-qual quotes` gives them by {by}")
        else:
            self.sto.open_quotes(self._crosstab_codes[row], f"{by}={value}", self.data.counting)
