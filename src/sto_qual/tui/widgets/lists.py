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
