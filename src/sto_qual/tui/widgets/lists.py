"""The workbench's lists (F2's documents, F4's suggestions, F5's quotes, F6's tables) and F9's
grid: Textual's table, with j and k moving the row as they move the sentence in the Coder and
the sentence in F9's theme view. A coder who pressed j in F4 saw nothing move and accepted the
top row."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class ListTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Next row (or ↓)", show=False, id="list.next"),
        Binding("k", "cursor_up", "Previous row (or ↑)", show=False, id="list.previous"),
    ]

    def action_scroll_home(self) -> None:
        """Home: in a list of rows the first row, as in the Coder (Textual's table scrolled to its
        first column, and the row cursor stayed where it was); in a table of cells the first column."""
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        """End: in a list of rows the last row; in a table of cells the last column."""
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            super().action_scroll_end()
