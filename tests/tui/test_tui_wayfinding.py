"""Pilot tests for finding one's way: ctrl+c's hint without raw markup, the help opening on
the current screen's keys, the grid's fixed Interview column and full code name, the theme
header and lead sentences' regions, the visibly focused pane, a Coder message that fades."""
from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static

from sto_qual.tui.screens.help import HelpScreen
from sto_qual.tui.screens.synthesis import SynthesisScreen, ThemeScreen
from tui_support import headless, run, until

SIZE = (140, 45)


async def _open_theme(pilot) -> ThemeScreen:
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("right", "t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ThemeScreen)
    return pilot.app.screen


def test_ctrl_c_hint_is_plain_text(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert notes and "[b]" not in notes[-1] and "ctrl+q" in notes[-1]
    run(scenario)


def test_q_says_how_to_quit_where_no_field_takes_it(tui_ws):
    """A newcomer pressed q in the transcript to quit, as in many terminal programs: nothing
    happened and nothing was said. q now says ctrl+q quits; typed in a field it is a letter."""
    from textual.widgets import Input

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert notes and "ctrl+q" in notes[-1] and app.is_running
            await pilot.press("f2")  # the document list's filter field takes q as a letter
            await pilot.pause()
            field = app.screen.query_one(Input)
            field.focus()
            await pilot.pause()
            before = len(notes)
            await pilot.press("q")
            await pilot.pause()
            assert field.value.endswith("q") and len(notes) == before
    run(scenario)


def test_help_opens_on_the_current_screens_keys(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.sections[0][0] == "Synthesis" and not app.screen.intro
    run(scenario)


def test_grid_keeps_the_interview_column_and_names_the_code(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=(90, 25)) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SynthesisScreen)
            table = screen.query_one(DataTable)
            assert table.fixed_columns == 1
            await pilot.press(*["right"] * 6)
            await pilot.pause()
            doc, path = screen._cursor()
            code = screen.codes[path]
            assert f"{doc} × {code.label or code.name}" in str(screen.query_one("#syn-status", Static).render())
    run(scenario)


def test_theme_header_lead_regions_and_focused_pane(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            view = await _open_theme(pilot)
            header = str(view.query_one("#theme-status", Static).render())
            assert "empty" not in header and "draft" in header  # drafted sentences are on screen
            items = view.query_one(OptionList)
            assert "keys here" in str(items.border_title)
            items.highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            detail = str(view.query_one("#theme-draft", Static).render())
            assert " regions: " in detail and "R0" in detail
            await pilot.press("tab")
            await pilot.pause()
            assert "keys here" not in str(items.border_title)
    run(scenario)


def test_coder_status_message_fades(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            coder = app.screen
            coder.NOTE_S = 0.2
            coder._note("Redid: Gedeelde plek on R06")
            assert coder._last_action
            assert await until(pilot, lambda: not coder._last_action)  # the timer fires after 0.2 s
            assert coder._last_action == ""
    run(scenario)


def test_a_message_fading_while_the_app_closes_is_not_a_crash(tui_ws):
    """Quitting just as the Coder's message fades: the app takes the screen down widget by
    widget, and the fade must not look for the status line then."""
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            coder = app.screen
            coder.NOTE_S = 3600  # the fade is placed by hand below
            coder._note("Redid: Gedeelde plek on R06")
            closing = app._close_all

            async def close_with_a_fade_between():
                await coder.query_one(HerePanel).remove()  # one of the screen's widgets gone
                coder._clear_note()  # the fade falls here
                await closing()
            app._close_all = close_with_a_fade_between
    run(scenario)


async def _open_cell(pilot, doc: str, code: str):
    """F9, the cursor on ``doc`` × ``code``, Enter: the cell screen."""
    from sto_qual.tui.screens.synthesis import CellScreen
    await pilot.press("f9")
    await pilot.pause()
    screen = pilot.app.screen
    screen.query_one(DataTable).cursor_coordinate = (screen.docs.index(doc), screen.paths.index(code) + 1)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CellScreen)
    return pilot.app.screen


def test_outdated_cell_marks_the_changed_passage_and_ctrl_a_selects_all(tui_ws):
    from textual.widgets import TextArea
    code = "financieringsonzekerheid/impact"

    async def scenario():
        syn = tui_ws.synthesis()
        syn.set_text("Mijn tekst.", doc="R02", code=code)
        changed = syn.cell("R02", code)["evidence"][-1]["id"]
        tui_ws.set_memo(changed, "een nieuwe memo")
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _open_cell(pilot, "R02", code)
            assert cell.data["status"] == "outdated"
            evidence = str(cell.query_one("#cell-evidence", Static).render())
            assert evidence.count("◐ changed since the summary") == 1
            await pilot.press("ctrl+a")
            area = cell.query_one(TextArea)
            assert area.selected_text == "Mijn tekst."
    run(scenario)


def test_redraft_keeps_the_edit_in_view_without_calling_it_kept_elsewhere(tui_ws):
    from textual.widgets import TextArea

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            view = await _open_theme(pilot)
            view.query_one(OptionList).highlighted = view.keys.index(("lead", 1))
            await pilot.pause()
            view.query_one(TextArea).load_text("Mijn eigen lead.")
            notes = []
            app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert not any("kept (✎)" in n for n in notes)
            assert view.query_one(TextArea).text == "Mijn eigen lead." and view.unsaved()
    run(scenario)


def test_codebook_p_goes_to_the_summary_phrase(tui_ws):
    from textual.widgets import Input

    async def scenario():
        async with headless(tui_ws, size=(90, 25)) as (app, pilot):
            await pilot.press("f7")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.focused, Input) and app.focused.id == "f-summary"
    run(scenario)


def test_suggestion_reasons_read_in_english():
    from sto_qual.services.tui_support import reason_in_english as _reason
    assert _reason("trefwoord: techniekpact") == "keyword “techniekpact”"
    assert _reason("vraag over urgentie: tekort") == "question about urgentie: tekort"
    assert _reason("model 0.98") == "model 0.98"


def test_j_and_k_move_in_the_synthesis_grid_and_the_dashboard_takes_them_at_once(tui_ws):
    """F9's grid ignored j (↓ worked), and F6 on its first visit had the keys on its tab bar:
    j, k and ↑ moved nothing until Tab."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            grid = app.screen.query_one("#syn-grid", DataTable)
            row = grid.cursor_row
            await pilot.press("j", "j", "k")
            await pilot.pause()
            assert grid.cursor_row == row + 1
            await pilot.press("f6")
            await pilot.pause()
            # (its figures come from a worker: under load a j before they arrive was undone by the fill)
            assert await until(pilot, lambda: getattr(app.screen, "data", None) is not None)
            assert isinstance(app.focused, DataTable), app.focused
            table = app.focused
            before = table.cursor_row
            await pilot.press("j")
            await pilot.pause()
            assert table.cursor_row == before + 1
    run(scenario)


def test_a_passage_that_runs_into_the_next_turn_shows_that_turns_speaker_and_a_memo_stays_with_it(tui_ws):
    """F9's cell filed "(lacht)" and the interviewer's question after it under "turn 5 · Marieke,
    penvoerder", and a memo's second paragraph read as a passage of its own."""
    code = "urgentie"

    async def scenario():
        turns = tui_ws.turns("R02")
        asked = next(i for i, t in enumerate(turns) if i > 2 and t.speaker and t.speaker.lower().startswith("i"))
        c = tui_ws.assign_code("R02", code, start=turns[asked - 1].end - 8, end=turns[asked].end,
                               memo="Eerste gedachte.\n\nTweede alinea.")
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            cell = await _open_cell(pilot, "R02", code)
            evidence = str(cell.query_one("#cell-evidence", Static).render())
            assert f"turn {asked + 1} · {turns[asked].speaker}" in evidence, evidence
            assert "✎ Eerste gedachte.\n  Tweede alinea." in evidence, evidence
            assert c.id in [i for e in cell.data["evidence"] for i in e["ids"]]
    run(scenario)


def test_r_in_the_document_list_renames_the_document_under_the_cursor(tui_ws):
    """An interview named after its file could be renamed only with `sto-qual doc-rename`; F2's r does it,
    and a name that cannot work keeps the dialog open with the reason."""
    from textual.widgets import Input

    from sto_qual.tui.modals.prompt import TextPrompt

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f2")
            table = app.screen.query_one(DataTable)
            table.focus()
            await pilot.pause()
            first = str(table.get_row_at(table.cursor_row)[0])
            await pilot.press("r")
            assert isinstance(app.screen, TextPrompt)
            field = app.screen.query_one(Input)
            field.value = "R02"  # another document's name: said, the dialog stays
            await pilot.press("enter")
            assert isinstance(app.screen, TextPrompt)
            assert "another document is named R02" in str(app.screen.query_one("#prompt-error", Static).render())
            field.value = "Waalvliet eiland"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, TextPrompt)
            assert any(n.message.startswith(f"Renamed {first} to Waalvliet eiland") for n in app._notifications)
            assert await until(pilot, lambda: "Waalvliet eiland" in str(table.get_row_at(table.cursor_row)[0]))
            assert [d.name for d in tui_ws.documents()][0] == "Waalvliet eiland"
    run(scenario)
