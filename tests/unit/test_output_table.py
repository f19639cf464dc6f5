"""The plain table a command prints for a person: cells cut at 60 characters, and on a wide
terminal the cut columns take the room it has (a quote in `quotes` was cut at 60 characters
on a terminal of 250)."""
from __future__ import annotations

from sto_qual.output import render, to_table

ROWS = [{"id": 1, "code": "urgentie/behoud-techniekaanbod", "quote": " ".join(["woord"] * 40)},
        {"id": 22, "code": "urgentie", "quote": "kort"}]


def test_a_table_piped_or_on_a_terminal_just_wide_enough_cuts_long_cells_at_60():
    for room in (None, 96):
        lines = to_table(ROWS, room=room).splitlines()
        assert lines[2].endswith("…") and len(lines[2]) == 36 + 60


def test_on_a_narrow_terminal_the_text_columns_give_up_width_and_a_codes_last_part_stays():
    """`stats` printed 118 columns on a terminal of 80: every row wrapped onto a second line.
    The text columns now give up width, the widest first; numbers are never cut, and a code's
    path keeps its sub-code, which is what tells the rows apart."""
    rows = [{"code": "collectief-optrekken/afspraken-concurrentie", "documents": 17, "wording": "vrijwel alle",
             "codings": 1234567}, {"code": "urgentie", "documents": 19, "wording": "alle", "codings": 5}]
    lines = to_table(rows, room=60).splitlines()
    assert max(map(len, lines)) <= 60, lines
    assert lines[2].startswith("co…/afspraken-concurrentie ") and "1234567" in lines[2], lines
    assert "vrijwel alle" in lines[2]  # the narrower column kept whole while the wider gave enough
    tight = to_table(rows, room=45).splitlines()
    assert max(map(len, tight)) <= 45 and tight[2].startswith("…/afsprake… "), tight
    assert "1234567" in tight[2] and tight[3].startswith("urgentie "), tight
    # too wide even with every text column at its floor: nothing more is cut, the lines wrap
    assert to_table(rows, room=20).splitlines()[2].startswith("collectief-optrekken/afspraken-concurrentie")


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


def test_a_stored_moment_reads_to_the_minute_in_a_table_and_whole_in_json_and_csv(monkeypatch):
    """`coders` and `memos` printed "2026-12-06T07:21:56.163818+00:00" in a table column."""
    import json

    from sto_qual.output import render
    import time
    rows = [{"name": "eva", "created_at": "2026-12-06T07:21:56.163818+00:00", "note": "2026-12-06T07 is geen tijd"}]
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        table = render(rows, "table")  # in the computer's time
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "2026-12-06 08:21" in table and "163818" not in table and "2026-12-06T07 is geen tijd" in table
    assert json.loads(render(rows, "json"))[0]["created_at"] == rows[0]["created_at"]
    assert "2026-12-06T07:21:56.163818+00:00" in render(rows, "csv")


def test_a_table_piped_on_while_messages_go_to_a_terminal_fits_that_terminal(monkeypatch, tmp_path):
    """`stats | head` on a terminal of 100 columns wrapped every line of 117: piped, a table was cut only
    at 60 characters a cell. A table written to a file keeps its cells whole to 60 as before."""
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios

    from sto_qual.config import terminal_width
    monkeypatch.delenv("COLUMNS", raising=False)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "w") as piped, os.fdopen(slave, "w") as terminal, \
            open(tmp_path / "out.txt", "w") as file:
        monkeypatch.setattr(sys, "stderr", terminal)
        monkeypatch.setattr(sys, "stdout", piped)
        assert terminal_width() == 100
        assert max(map(len, render(ROWS, "table").splitlines())) == 100  # (not a terminal: 36 + 60)
        monkeypatch.setattr(sys, "stdout", file)
        assert terminal_width() is None
        monkeypatch.setattr(sys, "stdout", piped)
        monkeypatch.setattr(sys, "stderr", file)  # (messages to a file too: a script's)
        assert terminal_width() is None
    os.close(read_end)
    os.close(master)


def test_on_a_narrow_terminal_long_headers_over_short_numbers_take_two_lines_before_a_cell_is_cut():
    """`agreement` was 174 columns wide on a terminal of 100, most of it headers such as
    "percent_agreement" above a number of four characters: every line wrapped."""
    rows = [{"code": "urgentie/docententekort", "units": 923, "percent_agreement": 0.99, "chars_either": 1168,
             "char_overlap": 0.57, "only_a": 2}]
    assert to_table(rows).splitlines()[0].split() == list(rows[0])  # room enough, or a file: one line
    lines = to_table(rows, room=70).splitlines()
    assert lines[0].split() == ["code", "units", "percent_", "chars_", "char_", "only_a"], lines
    assert lines[1].split() == ["agreement", "either", "overlap"] and lines[2].startswith("---"), lines
    assert lines[3].startswith("urgentie/docententekort ") and max(map(len, lines)) <= 70, lines
    wide = [{"code": "urgentie", "bestuurder (12)": 12, "programmaleider (10)": 8}]  # `stats --by role --wide`
    assert [line.split() for line in to_table(wide, room=30).splitlines()[:2]] == [
        ["code", "bestuurder", "programmaleider"], ["(12)", "(10)"]]
