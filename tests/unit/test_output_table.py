"""The plain table a command prints for a person: cells cut at 60 characters, and on a wide
terminal the cut columns take the room it has (a quote in `quotes` was cut at 60 characters
on a terminal of 250)."""
from __future__ import annotations

from sto_qual.output import render, to_table

ROWS = [{"id": 1, "code": "urgentie/behoud-techniekaanbod", "quote": " ".join(["woord"] * 40)},
        {"id": 22, "code": "urgentie", "quote": "kort"}]


def test_a_table_piped_or_on_a_narrow_terminal_cuts_long_cells_at_60():
    for room in (None, 40, 96):
        lines = to_table(ROWS, room=room).splitlines()
        assert lines[2].endswith("…") and len(lines[2]) == 36 + 60


def test_on_a_wide_terminal_the_cut_column_takes_what_is_left_and_no_line_is_wider():
    lines = to_table(ROWS, room=150).splitlines()
    assert max(map(len, lines)) == 150
    assert lines[2].endswith("…") and len(lines[2]) == 150
    whole = to_table(ROWS, room=400).splitlines()  # room enough: nothing is cut, nothing padded beyond it
    assert whole[2].endswith("woord") and "…" not in whole[2] and max(map(len, whole)) == 36 + 239


def test_columns_sets_the_width_of_a_printed_table(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert max(map(len, render(ROWS, "table").splitlines())) == 120
    monkeypatch.setenv("COLUMNS", "")
    assert max(map(len, render(ROWS, "table").splitlines())) == 36 + 60  # not a terminal: cut at 60
