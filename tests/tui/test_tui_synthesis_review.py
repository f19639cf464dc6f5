"""Pilot tests for reviewing on the Synthesis screen as a MAXQDA summary-grid user expects it:
a cell without stored text opens with its draft in the editor (not stored until saved or
accepted); the theme view says who reviewed each sentence and who changed the theme last, in
one readable local time; the Esc warning goes once it no longer applies; the grid counts the
interviews per code and says whose codings; a clear says that a draft of everything brings
the text back."""
from __future__ import annotations

import re
from datetime import datetime

from textual.widgets import DataTable, OptionList, Static, TextArea
from textual.widgets._toast import Toast

from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.synthesis import CellScreen, SynthesisScreen
from test_tui_synthesis_elsewhere import CODE, SIZE, THEME, _cell, _grid, _theme, elsewhere, said
from tui_support import headless, run, until

ISO = re.compile(r"\d{4}-\d\d-\d\d|T\d\d:\d\d|UTC")


def local(stamp: str) -> str:
    """The one form the synthesis screens show a stored time in: local, "2 Dec 2026 18:06"."""
    t = datetime.fromisoformat(stamp).astimezone()
    return f"{t.day} {t:%b %Y %H:%M}"


def shown(widget) -> str:
    return str(widget.render())


def toasts(app) -> list[str]:
    return [str(t._notification.message) for t in app.screen.query(Toast)]


def test_a_cell_without_stored_text_opens_with_its_draft_in_the_editor(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            syn = tui_ws.synthesis()
            cell = await _cell(pilot)  # R02 × impact: never drafted, nothing stored
            draft = syn.cell("R02", CODE)["draft"]
            area = cell.query_one(TextArea)
            assert draft and area.text == draft  # editing starts from the draft
            status = shown(cell.query_one("#cell-status", Static))
            assert "◌ draft" in status and "not stored" in status, status
            assert "ctrl+l empties the editor" in shown(cell.query_one("#cell-draft", Static))
            assert not cell.unsaved() and syn.cell("R02", CODE)["status"] == "empty"
            await pilot.press("escape")  # nothing typed: it leaves at once and stores nothing
            await pilot.pause()
            assert isinstance(app.screen, SynthesisScreen)
            assert syn.cell("R02", CODE)["status"] == "empty" and not said(app, "unsaved edit")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is cell and area.text == draft
            await pilot.press(*" Eigen aanvulling.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            got = syn.cell("R02", CODE)
            assert got["status"] == "reviewed" and got["summary"] == draft + " Eigen aanvulling."
            status = shown(cell.query_one("#cell-status", Static))
            assert f"last change {local(got['updated_at'])} by {app.coder}" in status and not ISO.search(status)
            # another cell without text: ctrl+g accepts the draft it shows
            await pilot.press("escape")
            await pilot.pause()
            doc, code = next((r["document"], r["code"]) for r in syn.grid()
                             if r["passages"] and r["status"] == "empty" and r["code"] != CODE)
            screen = app.screen
            screen.query_one(DataTable).cursor_coordinate = (screen.docs.index(doc), screen.paths.index(code) + 1)
            await pilot.press("enter")
            await pilot.pause()
            other = syn.cell(doc, code)["draft"]
            assert app.screen.query_one(TextArea).text == other
            await pilot.press("ctrl+g")
            await pilot.pause()
            got = syn.cell(doc, code)
            assert got["status"] == "reviewed" and got["summary"] == other and got["author"] == app.coder
    run(scenario)


def test_the_theme_view_says_who_reviewed_each_sentence_and_who_changed_it_last(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=0.1) as (app, pilot):  # looks often for the other window
            view = await _theme(pilot)
            items = view.query_one(OptionList)
            editing, detail = view.query_one("#theme-editing", Static), view.query_one("#theme-draft", Static)
            header = view.query_one("#theme-status", Static)
            items.highlighted = view.keys.index(("lead", 2))
            await pilot.pause()
            assert "not yet accepted" in shown(editing)
            await pilot.press("ctrl+g")
            await pilot.pause()
            # accepted as drafted (ctrl+g): said so, not as her words
            assert f"accepted by {app.coder}" in shown(editing) and f"accepted by {app.coder}" in shown(detail)
            stamp = tui_ws.synthesis().theme(THEME)["updated_at"]
            # the theme's author stays the draft's; the header says who changed it last, and when
            assert f"last change {local(stamp)} by {app.coder}" in shown(header), shown(header)
            # a contrast accepted by someone else, in another window
            elsewhere(tui_project, lambda ws: ws.synthesis().set_item(THEME, "contrast", 1, None, coder="collega"))
            assert await until(pilot, lambda: "by collega" in shown(header)), shown(header)
            stamp = tui_ws.synthesis().theme(THEME)["updated_at"]
            assert f"last change {local(stamp)} by collega" in shown(header) and not ISO.search(shown(header))
            items.highlighted = view.keys.index(("contrast", 1))
            await pilot.pause()
            assert "accepted by collega" in shown(editing) and "accepted by collega" in shown(detail)
            items.highlighted = view.keys.index(("lead", 2))
            await pilot.pause()
            assert f"accepted by {app.coder}" in shown(editing)
            items.highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            assert "not yet accepted" in shown(editing)
            # a sentence a person rewrote (here in another window) is hers: "edited by", not "accepted"
            elsewhere(tui_project, lambda ws: ws.synthesis().set_item(THEME, "lead", 1, "Een eigen zin.", coder="noor"))
            assert await until(pilot, lambda: "edited by noor" in shown(editing)), shown(editing)
            assert "edited by noor" in shown(detail)
    run(scenario)


def test_the_esc_warning_goes_once_it_no_longer_applies(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            await pilot.press(*" Half")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is cell and said(app, "Esc again leaves")
            await pilot.press("escape")  # leaves without saving: the warning has nothing to say on the grid
            await pilot.pause()
            assert isinstance(app.screen, SynthesisScreen)
            assert not said(app, "Esc again leaves")
            assert said(app, "Left without saving: ")  # and what was left is said, not silent
            assert await until(pilot, lambda: not any("Esc again" in t for t in toasts(app)), timeout=3)
            # saved after the warning: it goes too
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is cell
            await pilot.press(*" Heel")
            await pilot.press("escape")
            await pilot.pause()
            assert said(app, "Esc again leaves")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not said(app, "Esc again leaves") and said(app, "saved as reviewed")
            # where a cell is read: an analyst looked for her edited cell in the chapter
            assert said(app, "a cell is read in the summary grid (F8: Summary grid), not "
                             "in the chapter, which prints each theme's summary (t in F9)")
    run(scenario)


def test_the_grid_counts_the_interviews_per_code_and_says_whose_codings(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            screen = await _grid(pilot)
            table = screen.query_one(DataTable)

            def counted() -> None:
                rows, n = tui_ws.synthesis().grid(), len(screen.docs)
                for path in screen.paths:
                    have = sum(1 for r in rows if r["code"] == path and r["passages"])
                    assert str(table.columns[path].label).endswith(f"\n{have} of {n}"), path
            counted()
            ref = tui_ws.counting_coder()
            scope = screen.query_one("#syn-scope", Static)
            assert (f"coded by {ref} (reference coder)" if ref else "all coders merged") in shown(scope)
            elsewhere(tui_project, lambda ws: ws.set_reference_coder("onderzoeker-b"))
            await pilot.press("r")
            assert await until(pilot, lambda: "coded by onderzoeker-b (reference coder)" in shown(scope))
            counted()
            assert table.header_height == 2
    run(scenario)


def test_clearing_says_that_a_draft_of_everything_drafts_it_again(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            syn = tui_ws.synthesis()
            await _grid(pilot)
            await pilot.press("S")
            await pilot.pause()
            cell = await _cell(pilot, "R01", "urgentie")
            assert syn.cell("R01", "urgentie")["status"] == "draft"
            await pilot.press("ctrl+l")  # a draft: cleared without asking
            await pilot.pause()
            assert syn.cell("R01", "urgentie")["status"] == "empty"
            assert said(app, "S on the grid (or sto-qual summarize) drafts it again")
            # what was cleared does not come back into the editor; the draft is shown below it
            assert cell.query_one(TextArea).text == ""
            assert shown(cell.query_one("#cell-draft", Static)).startswith("draft: ")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("S")  # as the screen said: drafted again (the CLI's contract)
            await pilot.pause()
            assert syn.cell("R01", "urgentie")["status"] == "draft"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CellScreen)
            await pilot.press("ctrl+g")
            await pilot.pause()
            await pilot.press("ctrl+l")  # a reviewed text asks, and says the same
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal) and "drafts it again" in app.screen.question
            await pilot.press("y")
            await pilot.pause()
            assert syn.cell("R01", "urgentie")["status"] == "empty"
    run(scenario)


def test_the_grid_status_line_fits_80_columns_with_every_count(tui_ws):
    """At 80×24 the grid's status line was cut after "◌ draft 343  ●": the reviewed and
    outdated counts were not on screen."""
    from textual.widgets import Static
    from tui_support import headless, run

    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            line = str(app.screen.query_one("#syn-status", Static).render()).rstrip()
            assert len(line) <= 80 and "●" in line and "◐" in line.split("●")[-1], line
    run(scenario)
