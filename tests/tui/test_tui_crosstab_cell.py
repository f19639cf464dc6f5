"""Enter on an F6 crosstab cell opens its passages in F5 (NVivo's matrix cell opened): an analyst
pressed Enter on "krimp: 2 (50%)" and nothing happened."""
from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.screens.quotes import QuotesScreen
from tui_support import headless, run, until


def test_enter_on_a_crosstab_cell_lists_that_codes_passages_in_that_group(tui_ws):
    counting = "onderzoeker-a"
    tui_ws.set_reference_coder(counting)

    async def scenario():
        async with headless(tui_ws, size=(140, 40)) as (app, pilot):
            await pilot.press("f6")
            assert await until(pilot, lambda: getattr(app.screen, "data", None) is not None)
            screen = app.screen
            assert isinstance(screen, DashboardScreen) and screen.data.by == "region_type"
            await pilot.press("right_square_bracket")
            table = screen.query_one("#dash-crosstab", DataTable)
            await pilot.pause()
            assert app.focused is table  # "]" from the tabs: the arrows move the cell, not the tabs
            counts = {(r["code"], str(r["value"])): int(r["documents"]) for r in screen.data.crosstab}
            row, col = next((screen._crosstab_codes.index(c), i) for i, key in enumerate(table.columns)
                            for c in screen._crosstab_codes if str(key.value).startswith("v:")
                            and counts.get((c, str(key.value)[2:])))
            code, value = screen._crosstab_codes[row], str(list(table.columns)[col].value)[2:]
            table.cursor_coordinate = (row, col)
            await pilot.press("enter")
            assert await until(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.rows)
            quotes = app.screen
            assert quotes.code == code and quotes.query_one("#quote-filter", Input).value == f"region_type={value}"
            assert quotes.query_one(Select).value == counting  # the coder the cell counts, not every coder's
            docs = {d.name for d in tui_ws.documents() if d.attributes.get("region_type") == value}
            assert {r.doc for r in quotes.rows.values()} <= docs and len({r.doc for r in quotes.rows.values()}) \
                == counts[(code, value)] and {r.coder for r in quotes.rows.values()} == {counting}
    run(scenario)


def test_enter_on_a_co_occurrence_lists_the_sentences_it_counts_and_opens_one(tui_ws):
    """An analyst from MAXQDA looked for the passages two codes share and found counts only: Enter on a pair of
    themes (and on a row of the pairs of codes) lists the sentences its count counts; Enter on one opens it."""
    from sto_qual.tui.modals.picker import PickerModal
    from sto_qual.tui.screens.coder import CoderScreen
    tui_ws.set_reference_coder("onderzoeker-a")
    for doc, n in (("R01", 2), ("R01", 3), ("R02", 1)):  # two sentences of R01 and one of R02 carry both
        unit = tui_ws.units(doc)[n]
        for code in ("urgentie/docententekort", "collectief-optrekken"):
            tui_ws.assign_code(tui_ws.document(doc).id, code, unit=unit.id, coder="onderzoeker-a")

    async def scenario():
        async with headless(tui_ws, size=(140, 40)) as (app, pilot):
            await pilot.press("f6")
            assert await until(pilot, lambda: getattr(app.screen, "data", None) is not None)
            screen = app.screen
            await pilot.press("right_square_bracket", "right_square_bracket")
            table = screen.query_one("#dash-cooc", DataTable)
            pair = max(screen.data.cooc_themes, key=lambda r: r["units"])
            row, col = screen._cooc_order.index(pair["code_a"]), 1 + screen._cooc_order.index(pair["code_b"])
            table.focus()
            table.cursor_coordinate = (row, col)
            await pilot.press("enter")
            assert await until(pilot, lambda: isinstance(app.screen, PickerModal))
            picker = app.screen
            assert len(picker.options) == pair["units"] > 0
            assert picker.title_text.startswith(f"{pair['units']} sentences with both")
            first = picker.options[0]
            await pilot.press("enter")
            assert await until(pilot, lambda: isinstance(app.screen, CoderScreen))
            doc, start, end = map(int, first.value.split(":"))
            assert app.screen.doc.id == doc and app.screen.view.selection == (start, end)
            await pilot.press("f6")
            assert await until(pilot, lambda: isinstance(app.screen, type(screen)) and app.screen.data is not None)
            top = screen._cooc_top[0]
            pairs = screen.query_one("#dash-pairs", DataTable)
            pairs.focus()
            pairs.move_cursor(row=0)
            await pilot.press("enter")
            assert await until(pilot, lambda: isinstance(app.screen, PickerModal))
            assert len(app.screen.options) == top["units"]
    run(scenario)


def test_a_opens_the_crosstabs_attribute_from_anywhere_on_the_dashboard(tui_ws):
    """A methodologist found no key that opened the crosstab's attribute (it took shift+tab from the table)."""
    from textual.widgets._select import SelectOverlay
    from textual.widgets import TabbedContent

    async def scenario():
        async with headless(tui_ws, size=(140, 40)) as (app, pilot):
            await pilot.press("f6")
            assert await until(pilot, lambda: getattr(app.screen, "data", None) is not None)
            screen = app.screen
            first = screen.data.by
            await pilot.press("a")
            assert await until(pilot, lambda: isinstance(app.focused, SelectOverlay))
            assert screen.query_one(TabbedContent).active == "tab-crosstab"
            await pilot.press("down", "enter")
            assert await until(pilot, lambda: screen.data is not None and screen.data.by != first, timeout=10)
    run(scenario)
