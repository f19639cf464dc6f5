"""Pilot tests for never dropping typed text: ctrl+q asks (save / discard / stay) when any
screen holds an unsaved edit; the codebook form asks before showing another code; undo says
what it undid, on the grid (with redo) and on the Suggestions screen; ctrl+l asks before
clearing a person's text; F9 back to an editor does not type screen keys into it."""
from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, TextArea

from sto_qual.tui.modals import ConfirmModal, LeaveModal
from sto_qual.tui.screens.codebook import CodebookScreen
from sto_qual.tui.screens.suggestions import SuggestionsScreen
from sto_qual.tui.screens.synthesis import CellScreen, SynthesisScreen, ThemeScreen
from tui_support import headless, run, until

SIZE = (140, 45)
CODE = "financieringsonzekerheid/impact"


async def _grid(pilot, doc="R02", code=CODE) -> SynthesisScreen:
    await pilot.press("f9")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SynthesisScreen)
    screen.query_one(DataTable).cursor_coordinate = (screen.docs.index(doc), screen.paths.index(code) + 1)
    return screen


async def _cell(pilot) -> CellScreen:
    await _grid(pilot)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CellScreen)
    return pilot.app.screen


def test_quit_with_an_unsaved_cell_edit_asks_and_can_stay_save_or_discard(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            await pilot.press(*"Eigen zin")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and app.is_running
            assert "R02 × " + CODE in app.screen.question
            await pilot.press("escape")  # stay: the typing is still there
            await pilot.pause()
            assert app.screen is cell and cell.query_one(TextArea).text.endswith("Eigen zin")
            await pilot.press("f2")  # on another screen the edit is still found
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("s")  # save and quit
            await pilot.pause()
            assert not app.is_running
        got = tui_ws.synthesis().cell("R02", CODE)
        assert got["summary"].endswith("Eigen zin") and got["status"] == "reviewed"
    run(scenario)


def test_quit_with_a_kept_theme_edit_asks_and_discard_quits(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await _grid(pilot)
            await pilot.press("t")
            await pilot.pause()
            view = app.screen
            assert isinstance(view, ThemeScreen)
            view.query_one(OptionList).highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            view.query_one(TextArea).load_text("Mijn eigen punt.")
            view.query_one(OptionList).highlighted = view.keys.index(("lead", 2))  # kept as ✎
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and "Lead 1" in app.screen.question
            await pilot.press("d")
            await pilot.pause()
            assert not app.is_running
        assert tui_ws.synthesis().theme("financieringsonzekerheid", preview=True)["lead"][0] != "Mijn eigen punt."
    run(scenario)


def test_quit_without_edits_quits_at_once(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await _cell(pilot)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert not app.is_running
    run(scenario)


def test_codebook_asks_before_showing_another_code_and_keeps_a_refused_save(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f7")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CodebookScreen)
            path = screen.current
            screen.query_one("#f-summary", Input).value = "zegt men iets nieuws"
            screen.query_one("#f-colour", Input).value = "extrate"
            await pilot.press("escape")  # to the tree: the edit stays in the form
            await pilot.pause()
            assert screen.query_one("#f-summary", Input).value == "zegt men iets nieuws"
            await pilot.press("down")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal)
            await pilot.press("s")  # a refused save (bad colour): stays on the edited code
            await pilot.pause()
            assert app.screen is screen and screen.current == path
            assert screen.query_one("#f-summary", Input).value == "zegt men iets nieuws"
            screen.query_one("#f-colour", Input).value = screen.codes[path].colour
            await pilot.press("down")
            await pilot.pause()
            await pilot.press("escape")  # stay
            await pilot.pause()
            assert screen.current == path and screen.query_one("#f-summary", Input).value == "zegt men iets nieuws"
            await pilot.press("down")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            assert screen.current != path
            assert tui_ws.synthesis().code_fields(path)["summary"] == "zegt men iets nieuws"
    run(scenario)


def test_grid_undo_and_redo_say_what(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            cell.query_one(TextArea).load_text("Een eigen samenvatting.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            await pilot.press("u")
            await pilot.pause()
            assert notes[-1].startswith("Undid: edit of the summary ‘") and notes[-1].endswith("on R02")
            await pilot.press("U")
            await pilot.pause()
            assert notes[-1].startswith("Redid: edit of the summary")
            assert tui_ws.synthesis().cell("R02", CODE)["summary"] == "Een eigen samenvatting."
    run(scenario)


def test_suggestions_undo_a_reject_and_an_accept(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f4")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SuggestionsScreen)
            n = len(screen.items)
            first = screen._current()
            await pilot.press("r")
            await pilot.pause()
            assert len(screen.items) == n - 1
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            await pilot.press("u")
            await pilot.pause()
            assert len(screen.items) == n and first.id in screen.items
            assert notes[-1] == f"Undid: reject of ‘{screen._label(first)}’ on {first.doc}"
            await pilot.press("U")
            await pilot.pause()
            assert first.id not in screen.items
            second = screen._current()
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            assert second.id in screen.items and notes[-1].startswith("Undid: accept of ‘")
    run(scenario)


def test_clearing_a_reviewed_cell_asks_first(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            cell.query_one(TextArea).load_text("Door mij geschreven.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            assert tui_ws.synthesis().cell("R02", CODE)["summary"] == "Door mij geschreven."
    run(scenario)


def test_back_to_synthesis_keys_do_not_type_into_an_editor(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            before = cell.query_one(TextArea).text
            await pilot.press("f7", "f9")
            await pilot.pause()
            assert app.screen is cell and not isinstance(app.focused, TextArea)
            await pilot.press("S")
            assert cell.query_one(TextArea).text == before
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            view = app.screen
            await pilot.press("f7", "f9")
            await pilot.pause()
            assert app.screen is view and isinstance(app.focused, OptionList)
    run(scenario)


def test_quit_while_writing_a_memo_saves_it_through_its_dialog(tui_ws):
    from sto_qual.tui.modals import MemoModal

    async def scenario():
        saved = []
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            app.push_screen(MemoModal("Memo on R01"), saved.append)
            await pilot.pause()
            await pilot.press(*"nieuw")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and "memo" in app.screen.question
            await pilot.press("s")
            assert await until(pilot, lambda: not app.is_running)  # the quit is asked again 0.3 s later
            assert saved == [("", "nieuw")]
            assert not app.is_running
    run(scenario)


def test_accept_with_typed_text_refuses_and_keeps_the_typing_in_both_editors(tui_ws):
    """ctrl+g accepts a text as stored, never typing: with an unsaved edit the cell editor
    refuses and says ctrl+s saves it, as the theme view does (it used to save the typing as
    reviewed in the cell, and refuse in the theme view)."""
    def warnings(app):
        return [str(n.message) for n in app._notifications if "unsaved edit" in str(n.message)]

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            await pilot.press("ctrl+r")  # a draft to accept
            await pilot.pause()
            draft = cell.query_one(TextArea).text
            await pilot.press("ctrl+a", *"Mijn correctie.")
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert cell.query_one(TextArea).text == "Mijn correctie." and cell.unsaved()
            got = tui_ws.synthesis().cell("R02", CODE)
            assert got["summary"] == draft and got["status"] == "draft"  # neither the typing nor the draft
            assert any("ctrl+s saves it" in w for w in warnings(app)), warnings(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            got = tui_ws.synthesis().cell("R02", CODE)
            assert got["summary"] == "Mijn correctie." and got["status"] == "reviewed"
            # the theme view: the same refusal, in the same words
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            view = app.screen
            assert isinstance(view, ThemeScreen)
            view.query_one(OptionList).highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            lead = view.query_one(TextArea).text
            view.query_one(TextArea).focus()
            await pilot.press(*" Extra")
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert not tui_ws.synthesis().theme(CODE.split("/")[0], preview=True)["lead_reviewed"][0]
            assert view.query_one(TextArea).text == lead + " Extra"
            said = warnings(app)
            assert len({w.split(" has ")[1] for w in said}) == 1, said  # one wording for both editors
    run(scenario)


def test_a_second_esc_long_after_the_warning_warns_again(tui_ws, monkeypatch):
    import sto_qual.tui.screens.synthesis_editors as editors
    clock = [1000.0]
    monkeypatch.setattr(editors, "_now", lambda: clock[0])

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _cell(pilot)
            await pilot.press(*"Eigen zin")
            await pilot.press("escape")
            await pilot.pause()
            clock[0] += editors.LEAVE_WINDOW_S + 5  # the warning has long faded
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is cell  # warned again, still editing
            await pilot.press("escape")  # right after the warning: leaves without saving
            await pilot.pause()
            assert isinstance(app.screen, SynthesisScreen)
    run(scenario)


def test_picking_another_coding_in_the_memo_keeps_the_typed_memo(tui_ws):
    """With several codings under the cursor the memo dialog has a selector; picking another
    one replaced the typed text with that coding's memo."""
    from textual.widgets import Select, TextArea

    from sto_qual.tui.modals import MemoModal

    async def scenario():
        saved = []
        targets = [("1", "Urgentie", ""), ("2", "Docententekort", "oud memo")]
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            app.push_screen(MemoModal("Memo", targets=targets, target="1"), saved.append)
            await pilot.pause()
            memo = app.screen
            await pilot.press(*"nieuw")
            memo.query_one(Select).value = "2"
            await pilot.pause()
            assert memo.target == "1" and memo.query_one(Select).value == "1"
            assert memo.query_one(TextArea).text == "nieuw"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert saved == [("1", "nieuw")]
            app.push_screen(MemoModal("Memo", targets=targets, target="1"), saved.append)
            await pilot.pause()
            app.screen.query_one(Select).value = "2"  # nothing typed: the other coding's memo shows
            await pilot.pause()
            assert app.screen.target == "2" and app.screen.query_one(TextArea).text == "oud memo"
    run(scenario)
