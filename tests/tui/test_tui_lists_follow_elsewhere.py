"""F2's document list and F5's passages follow a change made in another window (an attribute
set with `sto-qual attribute`, a colleague's coding) while they are open: they showed the old
region type and the old passages until one left the screen and came back."""
from __future__ import annotations

from textual.widgets import DataTable, Input

from tui_support import elsewhere, headless, run, until

WATCH = 0.05  # the app looks for changes elsewhere more often than a running workbench


def test_the_document_list_shows_an_attribute_set_elsewhere_and_keeps_its_filter(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            await pilot.press("f2")
            await pilot.pause()
            screen = app.screen
            table = screen.query_one("#doc-table", DataTable)
            screen.query_one("#doc-filter", Input).value = "R0"
            await pilot.pause()
            table.move_cursor(row=1)

            def region_type_of(doc: str) -> str:
                for i in range(table.row_count):
                    row = [str(c) for c in table.get_row_at(i)]
                    if row[0].split()[0] == doc:
                        return row[1]
                raise AssertionError(f"{doc} not listed")
            assert region_type_of("R01") != "krimp"
            elsewhere(tui_project, lambda ws: ws.change_attributes("R01", {"region_type": "krimp"}, []))
            assert await until(pilot, lambda: region_type_of("R01") == "krimp"), region_type_of("R01")
            assert screen.query_one("#doc-filter", Input).value == "R0" and table.cursor_row == 1
    run(scenario)


def test_the_passages_follow_a_coding_made_elsewhere_and_the_cursor_stays_on_its_passage(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            await pilot.press("f5")
            await pilot.pause()
            screen = app.screen
            table = screen.query_one(DataTable)
            n = table.row_count
            assert n and screen.code == "urgentie"
            table.move_cursor(row=n - 1)  # the last passage
            await pilot.pause()
            held = screen._current().coding_id
            # a colleague codes the first sentence of the first interview: a row above the cursor
            elsewhere(tui_project, lambda ws: ws.assign_code("R01", "urgentie", unit=ws.units("R01")[1].id,
                                                              coder="collega"))
            assert await until(pilot, lambda: table.row_count == n + 1), table.row_count
            assert screen._current().coding_id == held
    run(scenario)
