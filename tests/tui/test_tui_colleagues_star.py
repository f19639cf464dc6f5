"""A colleague's star on a coder's coding: taking it off said nothing of whose it was, in the
workbench (`s`) and from the command line (`star --off`), so the coder learned only later, from
the colleague, that her pick for the report was gone."""
from __future__ import annotations

import json

from cli_runner import sq
from tui_support import headless, open_coder, run

ME = "onderzoeker-a"


def _first_mine(ws, doc="R01"):
    return min((c for c in ws.codings(doc=doc) if c.coder == ME and not c.starred), key=lambda c: c.start)


def test_taking_off_a_colleagues_star_in_the_coder_names_her(tui_ws):
    c = _first_mine(tui_ws)
    tui_ws.star(c.id, True, coder="onderzoeker-b")  # her pick, on onderzoeker-a's coding
    assert tui_ws.star_given_by(c.id) == "onderzoeker-b"

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            screen.view.select_span(c.start, c.start + 1)
            await pilot.pause()
            await pilot.press("s")
            assert screen._last_action.startswith("Unstarred: ")
            assert screen._last_action.endswith("(the star was onderzoeker-b's; u puts it back)"), screen._last_action
            assert not tui_ws.coding(c.id).starred
            await pilot.press("s")  # her own star again: nothing of anyone else's
            assert screen._last_action.startswith("Starred: ") and "onderzoeker-b" not in screen._last_action
            await pilot.press("s")
            assert "the star was" not in screen._last_action
    run(scenario)


def test_star_off_on_the_command_line_names_whose_star_it_was(demo_copy):
    codings = sq("codings", "--doc", "R03", "--coder", ME, "--format", "json", "--project", demo_copy)

    c = next(r for r in json.loads(codings.stdout) if not r["starred"])
    sq("star", c["id"], "--coder", "onderzoeker-b", "--project", demo_copy)
    got = sq("star", c["id"], "--off", "--coder", ME, "--project", demo_copy)
    assert got.returncode == 0, got.stderr
    line = next(x for x in got.stderr.splitlines() if "star was" in x)
    assert line.startswith(f"note: #{c['id']}'s star was onderzoeker-b's (`sto-qual undo --coder {ME}"), line
    assert line.endswith("` puts it back)"), line
    # her undo puts the colleague's star back: taken off again, it is still the colleague's
    assert sq("undo", "--coder", ME, "--project", demo_copy).returncode == 0
    again = sq("star", c["id"], "--off", "--coder", ME, "--project", demo_copy)
    assert f"note: #{c['id']}'s star was onderzoeker-b's" in again.stderr, again.stderr
    sq("star", c["id"], "--coder", ME, "--project", demo_copy)
    own = sq("star", c["id"], "--off", "--coder", ME, "--project", demo_copy)
    assert "star was" not in own.stderr
    # her own star, redone after a colleague's star was undone, is hers (the log's last star was the colleague's)
    d = next(r for r in json.loads(codings.stdout) if not r["starred"] and r["id"] != c["id"])
    for args in (("star", d["id"], "--coder", ME), ("undo", "--coder", ME), ("star", d["id"], "--coder",
                 "onderzoeker-b"), ("undo", "--coder", "onderzoeker-b"), ("redo", "--coder", ME)):
        assert sq(*args, "--project", demo_copy).returncode == 0, args
    mine = sq("star", d["id"], "--off", "--coder", ME, "--project", demo_copy)
    assert "star was" not in mine.stderr, mine.stderr
