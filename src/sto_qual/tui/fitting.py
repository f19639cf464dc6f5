"""What fits at which terminal size: the sizes where the layout changes (the app's breakpoints,
``Screen.-narrow`` and ``Screen.-short`` in app.tcss) and one way to show, of a line's variants,
the most detailed one that fits its width."""
from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey
from rich.text import Text
from textual.widget import Widget

WIDE_AT = 110  # columns: below it the screens use their narrow layout (80 columns must work)
TALL_AT = 30  # rows: below it the short layout (80x24 must work)


def first_fit(variants: Sequence[str | Text], width: int) -> Text:
    """The first of ``variants`` (most detailed first) no wider than ``width`` cells; when none
    fits, the last one cut with "…"."""
    last = Text()
    for variant in variants:
        last = variant if isinstance(variant, Text) else Text(variant)
        if cell_len(last.plain) <= width:
            return last
    cut = last.copy()
    cut.truncate(max(width, 1), overflow="ellipsis")
    return cut


def without_asides(text: str) -> list[str]:
    """``text``, then it without its closing asides one by one, the last first: "x (did you mean
    y?) (attributes: …)", "x (did you mean y?)", "x" — for ``first_fit`` (a line that cut the list
    of attributes mid-word, or dropped the "did you mean" with it)."""
    out = [text]
    while out[-1].endswith(")"):
        head, sep, _aside = out[-1].rpartition(" (")
        if not sep or not head:
            break
        out.append(head)
    return out


def line_room(widget: Widget) -> int:
    """The cells a one-line widget has for its text: its content width once laid out, before
    that the terminal's width less a status line's padding."""
    return widget.content_size.width or max(widget.app.size.width - 2, 20)


# a table's fixed columns before its last, wide one: (label, key, width)
Columns = tuple[tuple[str, str, int], ...]


def room_after(table: DataTable, width: int, fixed: Columns) -> int:
    """What ``width`` leaves a table's last column after the ``fixed`` columns (each with its
    padding either side), its own padding and a scrollbar."""
    used = sum(w + 2 * table.cell_padding for _label, _key, w in fixed)
    return width - used - 2 * table.cell_padding - table.styles.scrollbar_size_vertical


def hold_width(table: DataTable, key: str, width: int) -> None:
    """Give the wide column ``key`` the ``width`` its cells are cut for, at once: a table measures
    an auto-width column's cells only when it is next idle, and rows painted before that stay
    cut at the width measured before (after a resize under load the quotes were cut 8
    characters short beside an empty band until the cursor moved)."""
    column = table.columns.get(ColumnKey(key))
    if column is not None:
        column.auto_width, column.width = False, width


def set_columns(table: DataTable, fixed: Columns, label: str, key: str) -> None:
    """The table's columns anew: ``fixed``, then the wide one that takes the rest."""
    table.clear(columns=True)
    for name, k, w in fixed:
        table.add_column(name, key=k, width=w)
    table.add_column(label, key=key)


def fill_sized(table: DataTable, columns: Sequence[tuple[str | Text, str | None]], rows: Sequence[Sequence]) -> None:
    """The table anew with ``columns`` (label, key) and ``rows``, each column as wide as its widest
    cell. A DataTable otherwise measures its columns when its message queue next runs empty; the
    dashboard was seen (rarely, on a busy machine) to stay drawn with every column as narrow as its
    header ("■ Ur", "de mees") after a second computation refilled it."""
    def width(cell) -> int:
        return max((cell_len(line) for line in (cell.plain if isinstance(cell, Text) else str(cell)).split("\n")),
                   default=0)
    table.clear(columns=True)
    for i, (label, key) in enumerate(columns):
        table.add_column(label, key=key, width=max([width(label), *(width(r[i]) for r in rows if i < len(r))]))
    for row in rows:
        table.add_row(*row)


def cut_label(name: str, width: int) -> str:
    """A code label in a narrow column, cut inside its word when it must be ("Regierol geral…"):
    cut at a word, "Regierol gerealiseerd" and "Regierol alleen op papier" both read "Regierol…".
    No space before the "…" ("Behoud van…", not "Behoud van …")."""
    return name if len(name) <= width else name[:max(width - 1, 1)].rstrip() + "…"


def cut_name(name: str, width: int) -> str:
    """A person's name in a narrow column, cut in the middle so that names that differ at their
    end stay apart ("onder…er-a", "onder…er-b"; cut at the end both read "onderzoe…")."""
    if len(name) <= width:
        return name
    tail = (width - 1) // 2
    return name[:width - 1 - tail] + "…" + (name[-tail:] if tail else "")


def share_widths(wants: Sequence[int], room: int, least: Sequence[int] | None = None) -> list[int]:
    """Widths for columns that want ``wants`` cells within ``room``: the narrow ones whole, the
    others sharing what is left alike, none below its ``least`` (then the row is wider than
    ``room``: the table scrolls)."""
    floor = list(least) if least is not None else [1] * len(wants)
    widths = [max(w, f) for w, f in zip(wants, floor)]
    left = room
    order = sorted(range(len(wants)), key=lambda i: widths[i])
    for k, i in enumerate(order):
        widths[i] = max(floor[i], min(widths[i], left // (len(order) - k)))
        left -= widths[i]
    return widths
