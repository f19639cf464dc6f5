"""Pilot tests for the Synthesis screen and changes made elsewhere (a command in another
window): the grid and the theme view follow them within a second; a save over a text changed
since the editor loaded it asks (keep mine / take theirs / stay) instead of overwriting it;
an accept of a text changed meanwhile accepts nothing; the theme view's list stops at its ends."""
from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static, TextArea

from sto_qual.tui.app import make_app
from sto_qual.tui.modals import LeaveModal
from sto_qual.tui.screens.synthesis import CellScreen, SynthesisScreen, ThemeScreen
from sto_qual.tui.settings import load_settings
from tui_support import elsewhere, headless, run, until

SIZE = (140, 45)
WATCH = 0.1  # the app looks for changes elsewhere ten times as often as a running workbench
CODE = "financieringsonzekerheid/impact"
THEME = "financieringsonzekerheid"




def said(app, words: str) -> bool:
    return any(words in str(n.message) for n in app._notifications)


async def _grid(pilot) -> SynthesisScreen:
    await pilot.press("f9")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SynthesisScreen) and screen.loaded
    return screen


async def _cell(pilot, doc="R02", code=CODE) -> CellScreen:
    screen = await _grid(pilot)
    screen.query_one(DataTable).cursor_coordinate = (screen.docs.index(doc), screen.paths.index(code) + 1)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CellScreen)
    return pilot.app.screen


async def _theme(pilot) -> ThemeScreen:
    screen = await _grid(pilot)
    screen.query_one(DataTable).cursor_coordinate = (0, screen.paths.index(CODE) + 1)
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ThemeScreen)
    return pilot.app.screen


def test_a_cell_save_over_a_text_changed_elsewhere_asks_and_never_overwrites_silently(tui_ws, tui_project):
    theirs = "COLLEGA tekst via CLI."

    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            cell = await _cell(pilot)
            area = cell.query_one(TextArea)
            # nothing typed yet: the editor follows the change made elsewhere
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text("Eerste versie elders.", doc="R02", code=CODE,
                                                                      coder="collega"))
            assert await until(pilot, lambda: area.text == "Eerste versie elders.")
            loaded = area.text
            area.focus()
            await pilot.press(*" Mijn aanvulling.")
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text(theirs, doc="R02", code=CODE, coder="collega"))
            # typing kept; the screen says the text changed elsewhere, and shows it
            assert await until(pilot, lambda: said(app, "changed elsewhere"))
            assert area.text == loaded + " Mijn aanvulling." and cell.unsaved()
            assert theirs in str(cell.query_one("#cell-draft", Static).render())
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: isinstance(app.screen, LeaveModal))  # (a frame later under load)
            assert theirs in app.screen.question
            assert tui_ws.synthesis().cell("R02", CODE)["summary"] == theirs  # not "saved as reviewed"
            await pilot.press("escape")  # stay: still typing, nothing written
            # the editor has the focus back once the screen resumes (a message after the modal closed)
            assert await until(pilot, lambda: app.screen is cell and area.has_focus)
            assert app.screen is cell and area.text == loaded + " Mijn aanvulling." and area.has_focus
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: isinstance(app.screen, LeaveModal))
            await pilot.press("d")  # take theirs
            assert await until(pilot, lambda: app.screen is cell and area.text == theirs)
            assert not cell.unsaved()
            await pilot.press("ctrl+a", *"Toch mijn tekst.")
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text("Derde versie.", doc="R02", code=CODE,
                                                                      coder="collega"))
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: isinstance(app.screen, LeaveModal))
            assert "Derde versie." in app.screen.question
            await pilot.press("s")  # keep mine
            assert await until(pilot, lambda: app.screen is cell and not cell.unsaved())
            got = tui_ws.synthesis().cell("R02", CODE)
            assert got["summary"] == "Toch mijn tekst." and got["author"] == app.coder
            assert app.screen is cell and not cell.unsaved()
    run(scenario)


def test_before_the_watch_looks_a_save_or_accept_still_checks(tui_ws, tui_project):
    """The change made elsewhere not seen yet (the watch looks once a second): the save asks
    all the same, and an accept of a text changed meanwhile accepts nothing."""
    async def scenario():
        app = make_app(tui_ws, load_settings())
        app.PROJECT_WATCH_S = 3600  # the watch would show the change first: here the save's own check
        async with app.run_test(size=SIZE) as pilot:
            cell = await _cell(pilot)
            await pilot.press("ctrl+r")  # a draft, read in the editor
            await pilot.pause()
            draft = cell.query_one(TextArea).text
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text("Ongelezen tekst.", doc="R02", code=CODE,
                                                                      coder="collega"))
            await pilot.press("ctrl+g")
            await pilot.pause()
            got = tui_ws.synthesis().cell("R02", CODE)
            assert got["summary"] == "Ongelezen tekst." and got["author"] == "collega"  # not accepted by us
            assert cell.query_one(TextArea).text == "Ongelezen tekst." and said(app, "nothing accepted")
            assert draft != "Ongelezen tekst."
            await pilot.press(*" Mijn zin.")
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text("COLLEGA tekst via CLI.", doc="R02", code=CODE,
                                                                      coder="collega"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and not said(app, "saved as reviewed")
            assert tui_ws.synthesis().cell("R02", CODE)["summary"] == "COLLEGA tekst via CLI."
    run(scenario)


def test_a_change_elsewhere_seen_while_the_app_closes_is_not_a_crash(tui_ws, tui_project):
    """Quitting with the cell editor open just as another window saved: the app takes its
    screens down widget by widget, and the watch's tick can fall between two of those steps.
    It must not look for the editor's widgets then (it did: a traceback on quitting)."""
    async def scenario():
        app = make_app(tui_ws, load_settings())
        app.PROJECT_WATCH_S = 3600  # the tick is placed by hand below
        async with app.run_test(size=SIZE) as pilot:
            cell = await _cell(pilot)
            elsewhere(tui_project, lambda ws: ws.synthesis().set_text("Net opgeslagen elders.", doc="R02", code=CODE,
                                                                      coder="collega"))
            closing = app._close_all

            async def close_with_a_tick_between():
                await cell.query_one("#cell-status").remove()  # one of the screen's widgets gone
                app.watch_project()  # the tick falls here
                await closing()
            app._close_all = close_with_a_tick_between
        assert tui_ws.synthesis().cell("R02", CODE)["summary"] == "Net opgeslagen elders."
    run(scenario)


def test_a_theme_sentence_save_over_a_change_made_elsewhere_asks(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            view = await _theme(pilot)
            items, area = view.query_one(OptionList), view.query_one(TextArea)
            items.highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            lead = area.text
            area.focus()
            await pilot.press(*" Mijn aanvulling.")
            elsewhere(tui_project, lambda ws: ws.synthesis().set_item(THEME, "lead", 1, "COLLEGA lead via CLI.",
                                                                       coder="collega"))
            assert await until(pilot, lambda: said(app, "changed elsewhere: Lead 1"))
            assert area.text == lead + " Mijn aanvulling."  # the edit stays through the reload
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and "COLLEGA lead via CLI." in app.screen.question
            assert tui_ws.synthesis().theme(THEME)["lead"][0] == "COLLEGA lead via CLI."
            await pilot.press("s")  # keep mine
            await pilot.pause()
            assert tui_ws.synthesis().theme(THEME)["lead"][0] == lead + " Mijn aanvulling."
    run(scenario)


def test_the_grid_follows_summaries_and_codings_changed_elsewhere(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            screen = await _grid(pilot)
            table = screen.query_one(DataTable)

            def glyph(doc, code):
                return str(table.get_cell(doc, code))[:1]
            assert glyph("R02", CODE) == glyph("R01", CODE) == "·"  # nothing drafted in the seed
            elsewhere(tui_project, lambda ws: (ws.synthesis().set_text("Via de CLI.", doc="R02", code=CODE),
                                               ws.synthesis().accept(doc="R01", code=CODE)))
            assert await until(pilot, lambda: glyph("R02", CODE) == glyph("R01", CODE) == "●")
            # a coding under a reviewed cell removed elsewhere: outdated, without pressing r
            passage = tui_ws.synthesis().cell("R01", CODE)["passages"][0]
            elsewhere(tui_project, lambda ws: ws.remove_coding(passage))
            assert await until(pilot, lambda: glyph("R01", CODE) == "◐")
            assert app.screen is screen
    run(scenario)


def test_the_theme_view_follows_a_sentence_changed_elsewhere(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            view = await _theme(pilot)
            items = view.query_one(OptionList)
            row = view.keys.index(("lead", 2))
            elsewhere(tui_project, lambda ws: ws.synthesis().set_item(THEME, "lead", 2, "Nieuwe lead elders.",
                                                                      coder="collega"))
            assert await until(pilot, lambda: "● Lead 2: Nieuwe lead elders." in str(items.get_option_at_index(row)
                                                                                       .prompt))
    run(scenario)


def test_the_sentence_list_stops_at_its_ends(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            view = await _theme(pilot)
            items = view.query_one(OptionList)
            assert items.has_focus and items.highlighted == 0
            await pilot.press("k", "up")  # one key too many at the top: stays on the first row
            assert items.highlighted == 0 and view.item == 0
            last = len(view.keys) - 1
            items.highlighted = last
            await pilot.pause()
            await pilot.press("j", "down")
            assert items.highlighted == last and view.keys[view.item][0] == "contrast"
            await pilot.press("k")
            assert items.highlighted == last - 1
    run(scenario)


def test_a_cell_text_typed_while_its_interview_is_deleted_elsewhere_is_kept_in_a_file(tui_ws, tui_project):
    """The interview of an open cell deleted in another terminal: ctrl+s said only "unknown
    document 'R02' (the project has …)" and the typing could only be left. Now it is kept in a file
    the message names, as a memo's is."""
    from pathlib import Path

    from sto_qual import config

    async def scenario():
        async with headless(tui_ws, size=SIZE, watch=WATCH) as (app, pilot):
            cell = await _cell(pilot)
            area = cell.query_one(TextArea)
            area.focus()
            await pilot.press("ctrl+end", *" Eigen zin over R02.")
            typed = area.text
            elsewhere(tui_project, lambda ws: ws.delete_document("R02"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            note = next((str(n.message) for n in app._notifications if "deleted in another window" in str(n.message)),
                        None)
            assert note and "your text is kept in " in note, [str(n.message) for n in app._notifications]
            kept = Path(note.split("your text is kept in ")[1])
            assert kept.parent == config.data_home() / "unsaved" and kept.read_text(encoding="utf-8") == typed + "\n"
    run(scenario)
