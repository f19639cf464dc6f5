"""Pilot tests for the other screens: suggestions, quotes, dashboard, codebook editor,
export, help and the command palette; each checks the stored state afterwards."""
from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import DataTable, Input, RadioButton, RadioSet

from sto_qual.services.tui_support import EXPORT_FORMATS
from sto_qual.tui.app import key_sections as _sections
from sto_qual.tui.screens.codebook import CodebookScreen
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.screens.export import ExportScreen
from sto_qual.tui.screens.help import HelpScreen
from sto_qual.tui.screens.quotes import QuotesScreen
from sto_qual.tui.screens.suggestions import SuggestionsScreen
from sto_qual.tui.settings import load_settings
from sto_qual.tui.widgets.transcript import TranscriptView
from tui_support import headless, open_codebook, open_quotes, run, until


async def settle(pilot, until=lambda: True) -> None:
    """Let started workers finish and their results arrive (``until`` says when)."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if until():
            return


def test_suggestions_screen_accept_reject_skip_and_open(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f4")
            screen = app.screen
            assert isinstance(screen, SuggestionsScreen)
            table = screen.query_one(DataTable)
            assert table.row_count == 3
            first = screen._current()
            await pilot.press("a")
            assert [s.id for s in tui_ws.suggestions(status="accepted")] == [first.id]
            assert any(c.origin == "accepted-suggestion" and c.code == first.code for c in tui_ws.codings())
            assert table.row_count == 2
            second = screen._current()
            await pilot.press("s")  # skip leaves it pending
            third = screen._current()
            assert third.id != second.id
            await pilot.press("r")
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [third.id]
            assert [s.id for s in tui_ws.suggestions()] == [second.id]
            await pilot.press("o")  # open the remaining one in the coder, cursor on its sentence
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
            view = app.screen.query_one(TranscriptView)
            assert view.selection == (second.start, second.end)
    run(scenario)


def test_bulk_accept_above_a_confidence(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f4", "b")
            await pilot.pause()
            inp = app.screen.query_one(Input)
            inp.value = "0.9"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            accepted = tui_ws.suggestions(status="accepted")
            assert [(s.code, s.confidence) for s in accepted] == [("urgentie/docententekort", 0.91)]
            assert len(tui_ws.suggestions()) == 2
            # a reject made after it elsewhere (the Coder's r): F4's u undid that reject under its own name
            other = tui_ws.suggestions()[0]
            tui_ws.reject([other.id], coder=app.coder)
            await pilot.press("u")
            await pilot.pause()
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [other.id]
            assert [s.id for s in tui_ws.suggestions(status="accepted")] == [accepted[0].id]
            said = [str(n.message) for n in app._notifications]
            assert any("is no longer your next step to undo" in m for m in said), said
    run(scenario)


def test_bulk_reject_below_a_confidence_says_what_each_threshold_takes(tui_ws):
    """A coder with hundreds of low-confidence suggestions could only reject them one by one in
    the TUI (`reject --all-below` was CLI only), and b's prompt did not say where the confidences
    lie. B rejects every pending suggestion below a confidence; both prompts count per threshold."""
    from textual.widgets import Static

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            pending = {s.id: s.confidence for s in tui_ws.suggestions(status="pending")}
            await pilot.press("f4", "B")
            await pilot.pause()
            help_text = " ".join(str(w.render()) for w in app.screen.query(Static))
            below = sum(1 for c in pending.values() if c is not None and c < 0.8)
            assert f"<0.80: {below}" in help_text and "lowest 0.72" in help_text, help_text
            inp = app.screen.query_one(Input)
            inp.value = "0.8"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            rejected = {s.id for s in tui_ws.suggestions(status="rejected")}
            assert rejected == {i for i, c in pending.items() if c is not None and c < 0.8} and rejected
            await pilot.press("u")  # F4's u takes the bulk step back ("nothing to undo here" before)
            await pilot.pause()
            assert not tui_ws.suggestions(status="rejected")
            await pilot.press("U")
            await pilot.pause()
            assert {s.id for s in tui_ws.suggestions(status="rejected")} == rejected
            await pilot.press("b")
            await pilot.pause()
            help_text = " ".join(str(w.render()) for w in app.screen.query(Static))
            assert "≥0.80: 1" in help_text and "highest 0.91" in help_text, help_text
    run(scenario)


def test_quotes_star_and_open(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f5")
            screen = app.screen
            assert isinstance(screen, QuotesScreen)
            await pilot.pause()
            assert screen.code == "urgentie"  # the tree starts on the first theme
            expected = tui_ws.codings(code="urgentie")
            assert screen.query_one(DataTable).row_count == len(expected)
            await pilot.press("tab", "tab", "tab")  # tree -> filter -> coder -> table
            assert screen.query_one(DataTable).has_focus
            row = screen._current()
            await pilot.press("s")
            assert tui_ws.coding(row.coding_id).starred is (not row.starred)
            said = [n.message for n in app._notifications if n.message.startswith(("Starred", "Took the star off"))]
            assert said, "a star is said, not only a ★ in one cell"
            assert row.coder != app.coder or f"#{row.coding_id} ({row.doc})" in said[-1], said
            screen.query_one("#quote-filter", Input).value = "region_type=krimp"
            await pilot.pause()
            assert {r.doc for r in screen.rows.values()} == {"R02"}
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
            assert app.screen.view.doc.name == "R02"
    run(scenario)


def test_dashboard_counts_crosstab_and_agreement(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f6")
            await settle(pilot, lambda: getattr(app.screen, "data", None) is not None)
            screen = app.screen
            assert isinstance(screen, DashboardScreen) and screen.data is not None
            themes = screen.query_one("#dash-themes", DataTable)
            assert themes.row_count == len(tui_ws.theme_counts())
            assert screen.data.by == "region_type"
            assert screen.query_one("#dash-crosstab", DataTable).row_count > 0
            assert screen.data.agreement is not None  # both reference coders coded R02 and R07
            assert screen.data.pair == ("onderzoeker-a", "onderzoeker-b")
            await pilot.press("right_square_bracket")
            assert screen.query_one("TabbedContent").active == "tab-crosstab"
            # l away from the Agreement tab says what it changed there (it changed it unseen)
            await pilot.press("l")
            await pilot.pause()
            assert screen.rollup and any(n.message.startswith("Agreement tab: per theme now")
                                         for n in app._notifications)
    run(scenario)


def test_a_second_coders_dashboard_compares_her_with_the_coder_of_her_interviews(tui_ws):
    """A third coder who coded R02 opened F6's agreement on onderzoeker-a vs onderzoeker-b: she had
    to find herself in the coder B list. The tab opens on her and the coder of most of her interviews."""
    from sto_qual.tui.settings import Settings
    units = tui_ws.units("R02")
    for u in units[5:9]:
        tui_ws.assign_code("R02", "urgentie", unit=u.id, coder="marit")

    async def scenario(coder):
        async with headless(tui_ws, settings=Settings(coder=coder)) as (app, pilot):
            await pilot.press("f6")
            await settle(pilot, lambda: getattr(app.screen, "data", None) is not None)
            return app.screen.data.pair
    assert run(lambda: scenario("marit")) == ("marit", "onderzoeker-a")
    assert run(lambda: scenario("onderzoeker-b")) == ("onderzoeker-a", "onderzoeker-b")  # the pair's own: as before


def test_codebook_editor_add_edit_rename_move_merge_delete(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f7")
            screen = app.screen
            assert isinstance(screen, CodebookScreen)
            await pilot.pause()
            # add a sub-code under the highlighted theme
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one(Input).value = "urgentie/huisvesting"
            await pilot.press("enter")
            await pilot.pause()
            assert tui_ws.code("urgentie/huisvesting").parent == "urgentie"
            assert screen.current == "urgentie/huisvesting"
            # ctrl+a selects the Label field's text, so typing replaces it (it went to the start, and the
            # typing came before the old label: "Samenwerking in de regioSamenwerking")
            label = screen.query_one("#f-label", Input)
            label.focus()
            await pilot.press("ctrl+a", *"Huisvesting")
            await pilot.pause()
            assert label.value == "Huisvesting", label.value
            # a label another code has already is saved, with a warning: two "Arbeidsmarkt" no list told apart
            label.value = "arbeidsmarkt"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any(n.message.startswith("‘arbeidsmarkt’ is the label of urgentie/arbeidsmarkt too") for n in
                       app._notifications), [n.message for n in app._notifications]
            label.value = "Huisvesting"
            # edit its definition and keywords, save
            screen.query_one("#f-definition").text = "Gebrek aan lokalen of werkplaatsen."
            screen.query_one("#f-keywords", Input).value = "lokaal, werkplaats"
            await pilot.press("ctrl+s")
            code = tui_ws.code("urgentie/huisvesting")
            assert code.definition == "Gebrek aan lokalen of werkplaatsen."
            assert code.keywords == ("lokaal", "werkplaats")
            # rename
            screen.query_one("#cb-tree").focus()
            await pilot.press("r")
            await pilot.pause()
            app.screen.query_one(Input).value = "gebouwen"
            await pilot.press("enter")
            await pilot.pause()
            assert tui_ws.code("urgentie/gebouwen").definition.startswith("Gebrek")
            # a refused name keeps the dialog open with the reason and the text as typed (it closed)
            await pilot.press("r")
            await pilot.pause()
            assert "Label field" in str(app.screen.query_one(".dialog-help").render())  # the label: edited there
            app.screen.query_one(Input).value = "docententekort"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one(Input).value == "docententekort", type(app.screen)
            shown = str(app.screen.query_one("#prompt-error").render())
            assert "a code 'urgentie/docententekort' already exists" in shown, shown
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen and screen.current == "urgentie/gebouwen"
            # move to the top level
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*"top", "enter")
            await pilot.pause()
            assert tui_ws.code("gebouwen").parent is None
            # merge a coded sub-code into another: confirmation names the counts
            def count(path):
                return len(tui_ws.codings(code=path, include_subcodes=False))
            n_src, n_dst = count("urgentie/arbeidsmarkt"), count("urgentie/docententekort")
            screen.query_one("#cb-tree").select_code("urgentie/arbeidsmarkt")
            await pilot.pause()
            await pilot.press("g")
            await pilot.pause()
            app.screen.query_one(Input).value = "docententekort"
            await pilot.press("enter")
            await pilot.pause()
            asked = str(app.screen.query_one(".dialog-text").render())
            assert f"{n_src} codings" in asked and "u does not undo a merge: a backup is made first" in asked, asked
            assert "their memos and stars with them" in asked  # (a tester asked whether the memos went)
            await pilot.press("y")
            await pilot.pause()
            assert count("urgentie/docententekort") == n_src + n_dst
            # u does not take a merge back: the message names the backup that does, as code-merge does
            said = next(n.message for n in app._notifications if n.message.startswith("merged urgentie/arbeidsmarkt"))
            backup = said.split("Backup before the merge: ")[1].split(" (")[0]
            assert Path(backup).exists() and f"`sto-qual restore -p {tui_ws.path} {backup}` takes it back once every workbench window on the project is closed; u does not" in said
            assert "urgentie/arbeidsmarkt" not in {c.path for c in tui_ws.codebook()}
            # delete asks first; "n" keeps it, "y" deletes
            screen.query_one("#cb-tree").select_code("gebouwen")
            await pilot.pause()
            await pilot.press("delete", "n")
            await pilot.pause()
            assert "gebouwen" in {c.path for c in tui_ws.codebook()}
            await pilot.press("delete", "y")
            await pilot.pause()
            assert "gebouwen" not in {c.path for c in tui_ws.codebook()}
            # a bad colour is a notification, and nothing changes
            screen.query_one("#cb-tree").select_code("urgentie")
            await pilot.pause()
            screen.query_one("#f-colour", Input).value = "rood"
            await pilot.press("ctrl+s")
            assert tui_ws.code("urgentie").colour.startswith("#")
            assert any("bad colour" in n.message for n in app._notifications)
            # the coder screen picks up the new codebook
            await pilot.press("f3")
            await pilot.pause()
            assert "urgentie/arbeidsmarkt" not in app.screen.codes
    run(scenario)


def test_a_long_colour_is_refused_not_cut(tui_ws):
    """A colour pasted as "#1f77b4ff" was cut to "#1f77b4" without a word (and saved so)."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_codebook(pilot)
            colour = screen.query_one("#f-colour", Input)
            was = tui_ws.code(screen.current).colour
            colour.focus()
            colour.value = ""
            await pilot.press(*"#1f77b4ff")  # as typed (a paste arrives the same way)
            assert colour.value == "#1f77b4ff", colour.value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert tui_ws.code(screen.current).colour == was
            assert any("colour" in n.message.lower() for n in app._notifications), [n.message for n in app._notifications]
            # typed back as it was, a save says there was nothing to save (it said "saved")
            colour.value = was
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any(n.message == f"nothing to save: {screen.current} is as stored" for n in app._notifications)
    run(scenario)


def test_export_offers_the_summary_grid_and_shows_what_the_export_warns(tui_ws, tmp_path):
    """F8 offered no summary grid (an analyst had to know that a file named grid.xlsx writes it),
    and it showed only "Wrote …": the warnings `sto-qual export` prints (here: a header's list of
    who took part, whose names the pseudonym list leaves in the file) never reached the screen.
    The grid is a format of its own, its file named -grid, and the warnings stand under the
    written file's line."""
    import openpyxl
    tui_ws.set_attributes("R01", {"aanwezig": "Ans de Vries (penvoerder), interviewer"})

    async def scenario():
        async with headless(tui_ws, size=(120, 50)) as (app, pilot):
            await pilot.press("f8")
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            path = screen.query_one("#export-path", Input)
            assert path.value.endswith("-report.docx"), path.value
            await pilot.press("down", "down", "enter")  # the codings table: its name says so
            assert path.value.endswith("-codings.csv"), path.value
            await pilot.press("down", "down", "enter")  # the fifth format, by keys
            assert screen.query_one("#fmt-grid").value
            assert path.value.endswith("-grid.xlsx"), path.value
            out = tmp_path / "analyse.xlsx"  # any name: the chosen format says grid
            path.value = str(out)
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: screen.last_result is not None)
            assert openpyxl.load_workbook(out).sheetnames == ["summary grid"]
            status = str(screen.query_one("#export-status").render())
            # the grid has no summaries yet, too, and the seeded project's list leaves out three interviewers
            assert f"Wrote {out}" in status and "3 warnings" in status, status
            assert "the attribute ‘interviewer’ of R01, R02, R07 names people" in status, status
            assert "names people the pseudonym list does not replace (Ans de Vries)" in status, status
            assert any("3 warnings" in n.message for n in app._notifications)
            await pilot.press("ctrl+e")  # again: the file is replaced, and the line says so
            await settle(pilot, lambda: "replaced" in str(screen.query_one("#export-status").render()))
            assert "(it replaced the file of that name)" in str(screen.query_one("#export-status").render())
            await pilot.press("f3", "f8")  # back on F8, the keys choose a format again
            assert isinstance(app.focused, RadioSet) or isinstance(app.focused.parent, RadioSet), app.focused
            screen.query_one("#fmt-docx").value = True  # another format: the name follows
            await pilot.pause()
            assert path.value == str(tmp_path / "analyse.docx")
            # the chapter: its drafted themes said as the command line says them (a writer read "2 warnings"
            # and nothing of 'Concept'), and page down reaches the warnings under a long form
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: (screen.last_result or {}).get("path", "").endswith(".docx"))
            status = str(screen.query_one("#export-status").render())
            assert "Note: the chapter marks the drafted text of " in status, status
            assert "read and accept each in F9 (t on the theme)" in status, status
            form = screen.query_one("#export-form")
            await pilot.resize_terminal(120, 24)
            assert await until(pilot, lambda: form.max_scroll_y > 0)  # laid out at the new size first
            await pilot.press("pagedown")
            assert await until(pilot, lambda: form.scroll_y > 0), (form.scroll_y, form.max_scroll_y)
    run(scenario)


@pytest.mark.parametrize("suffix", [".docx", ".csv"])
def test_export_writes_the_file_in_a_worker(tui_ws, tmp_path, suffix):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f8")
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            out = tmp_path / f"hoofdstuk{suffix}"
            screen.query_one("#export-path", Input).value = str(out)
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: screen.last_result is not None)
            assert out.exists() and out.stat().st_size > 0
            assert any(str(out) in n.message for n in app._notifications)
            if suffix == ".docx":
                import docx
                text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
                assert "Urgentie" in text or "urgentie" in text
            # a failing export is a notification, not a crash
            screen.query_one("#export-path", Input).value = str(tmp_path / "missing" / f"x{suffix}")
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: any("no such directory" in n.message for n in app._notifications))
            assert any("no such directory" in n.message for n in app._notifications)
            assert app.screen is screen
    run(scenario)


def test_a_quote_filter_that_keeps_nothing_says_why_in_what_fits_the_line(tui_ws):
    """F5 with "a=b=c" said "… (attributes: created, date, fictional," cut at 120 columns (at 200
    "… (check"); F2 said it whole. The line says as much as fits, never cut mid-list."""
    from tui_support import open_quotes

    async def scenario():
        async with headless(tui_ws, size=(120, 40)) as (app, pilot):
            screen = await open_quotes(pilot)
            screen.query_one("#quote-filter", Input).value = "a=b=c"
            await pilot.pause()
            painted = [strip.text for strip in app.screen._compositor.render_strips()]
            line = next(x for x in painted if "no document has the attribute" in x).rstrip()
            line = line[line.index("no document has the attribute"):]  # (the code tree is to its left)
            assert "…" not in line, line
            assert not line.endswith(",") and line.count("(") == line.count(")"), line
            # a word no coding holds: said so ("0 codings from 0 documents" gave no reason for "jjj")
            screen.query_one("#quote-filter", Input).value = "jjj"
            await pilot.pause()
            summary = str(screen.query_one("#quotes-summary").render())
            assert "None of its " in summary and "holds “jjj”" in summary, summary
            # with the star asked for, of the starred ones; two words are each looked for
            screen.query_one("#quote-filter", Input).value = "starred=yes PIE jjj"
            await pilot.pause()
            summary = str(screen.query_one("#quotes-summary").render())
            assert "starred coding" in summary and "holds every word of “PIE jjj”" in summary, summary
    run(scenario)


def test_export_asks_before_replacing_a_file_it_did_not_just_write_in_that_format(tui_ws, tmp_path):
    """The workbook written as test-out.xlsx, then the summary grid (Excel) with the name kept: the
    grid replaced the workbook and said so only after it had ("it replaced the file of that
    name"). Writing the same format again to its file asks nothing."""
    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f8")
            screen = app.screen
            out = tmp_path / "test-out.xlsx"
            screen.query_one("#fmt-xlsx", RadioButton).value = True
            assert await until(pilot, lambda: screen.format.key == "xlsx")
            screen.query_one("#export-path", Input).value = str(out)
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: screen.last_result is not None)
            screen.last_result = None
            await pilot.press("ctrl+e")  # the same format again: no question
            await settle(pilot, lambda: screen.last_result is not None)
            assert not isinstance(app.screen, ConfirmModal)
            size = out.stat().st_size  # (the workbook as written last: a zip's times may change its size)
            grid = next(f for f in EXPORT_FORMATS if f.grid and f.suffix == ".xlsx")
            screen.query_one(f"#fmt-{grid.key}", RadioButton).value = True
            # (the format's file name follows the choice when it is handled: under load, after a pause)
            assert await until(pilot, lambda: screen.format.key == grid.key)
            screen.query_one("#export-path", Input).value = str(out)
            await pilot.press("ctrl+e")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmModal)), app.screen
            assert "test-out.xlsx exists (the " in str(app.screen.query_one(".dialog-text").render())
            await pilot.press("n")
            await pilot.pause()
            assert out.stat().st_size == size  # the workbook is still there
    run(scenario)


def test_export_asks_before_replacing_a_chapter_edited_since_it_was_written(tui_ws, tmp_path):
    """The chapter written here, edited in Word, then written again from F8 with the name kept:
    it replaced the writer's edits without a question (the same format to its own file asks none)."""
    import docx

    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f8")
            screen = app.screen
            out = tmp_path / "hoofdstuk.docx"
            chapter = next(f for f in EXPORT_FORMATS if f.suffix == ".docx" and not f.grid)
            screen.query_one(f"#fmt-{chapter.key}", RadioButton).value = True
            assert await until(pilot, lambda: screen.format.key == chapter.key)
            screen.query_one("#export-path", Input).value = str(out)
            screen.query_one("#export-path", Input).focus()  # ctrl+e in the file field exports too (it moved the cursor)
            await pilot.pause()
            await pilot.press("ctrl+e")
            await settle(pilot, lambda: screen.last_result is not None)
            edited = docx.Document(out)
            edited.add_paragraph("Mijn eigen conclusie.")
            edited.save(out)
            screen.last_result = None
            await pilot.press("ctrl+e")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmModal)), app.screen
            assert "hoofdstuk.docx exists and it was changed after it was written (edited, or a changed copy saved " \
                   "under this name): replace it" in \
                str(app.screen.query_one(".dialog-text").render())
            await pilot.press("n")
            await pilot.pause()
            assert "Mijn eigen conclusie." in [p.text for p in docx.Document(out).paragraphs]
            await pilot.press("ctrl+e")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
            await pilot.press("y")  # replaced, as asked
            await settle(pilot, lambda: screen.last_result is not None)
            assert "Mijn eigen conclusie." not in [p.text for p in docx.Document(out).paragraphs]
    run(scenario)


def test_help_lists_every_binding_and_every_binding_has_an_id():
    from sto_qual.tui.modals import TextPrompt
    classes_bindings = [b for _, bindings in _sections() for b in bindings]
    classes_bindings += [b for b in TextPrompt.BINDINGS if isinstance(b, Binding)]
    missing = [b.action for b in classes_bindings if not b.id]
    assert not missing
    ids = [b.id for b in classes_bindings]
    assert len(ids) == len(set(ids)), "binding ids are unique"


def test_help_screen_and_command_palette(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, CoderScreen)
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for wanted in ("Go to Dashboard", "Go to Export", "Pick code…", "Memo", "Undo", "Accept"):
                assert wanted in titles
            # the number keys by the code each one applies, key 1 included
            quick = app.screen.code_tree.quick
            first = app.screen.codes[quick[0]]
            assert f"Code 1: {first.label or first.name}" in titles
            assert sum(t.startswith("Code ") for t in titles) == 9
            helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
            assert helps[f"Code 1: {first.label or first.name}"] == "key 1"
            # run "Go to Quotes" through the palette
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"go to quotes")
            from textual.command import CommandList
            hits = app.screen.query_one(CommandList)
            assert await until(pilot, lambda: hits.option_count > 0 and "Quotes" in str(hits.get_option_at_index(0).prompt))
            await pilot.press("enter")
            await pilot.pause()
            assert app.current_mode == "quotes"
    run(scenario)


def test_settings_remap_theme_and_bad_file(tui_ws, tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('theme = "light"\ncoder = "onderzoeker-c"\n[keys]\n"coder.star" = "ctrl+b"\n', encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(cfg))
    settings = load_settings()
    assert settings.theme == "light" and settings.keys == {"coder.star": "ctrl+b"}

    async def scenario():
        async with headless(tui_ws, settings=settings) as (app, pilot):
            assert app.theme == "textual-light"
            assert app.coder == "onderzoeker-c"
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("1")  # onderzoeker-c codes the first sentence...
            await pilot.press("s")  # ...the old star key does nothing now
            mine = [c for c in tui_ws.codings(doc="R01") if c.coder == "onderzoeker-c"]
            assert len(mine) == 1 and not mine[0].starred
            await pilot.press("ctrl+b")
            assert tui_ws.coding(mine[0].id).starred
            await pilot.press("ctrl+t")
            assert app.theme == "textual-dark"
    run(scenario)

    cfg.write_text("theme = [unclosed", encoding="utf-8")
    bad = load_settings()
    assert bad.theme == "dark" and bad.warnings and "cannot read settings" in bad.warnings[0]


def test_quotes_name_the_coder_at_110_columns_and_a_star_on_a_colleagues_coding_says_so(tui_ws):
    """At 110x32 F5 dropped its Coder column, so two coders' codings of one passage were two
    identical rows, and `s` starred the colleague's coding without a word. A narrow Coder
    column keeps the names apart ("onde…er-a"); starring a colleague's coding says whose."""
    from sto_qual.tui.fitting import cut_name
    assert cut_name("onderzoeker-a", 9) != cut_name("onderzoeker-b", 9) and len(cut_name("onderzoeker-a", 9)) == 9

    async def scenario():
        async with headless(tui_ws, size=(110, 32)) as (app, pilot):
            screen = await open_quotes(pilot)
            table = screen.query_one(DataTable)
            assert "coder" in [key for _label, key, _w in screen._columns], screen._columns
            theirs = tui_ws.assign_code("R01", "urgentie", unit=tui_ws.units("R01")[5].id, coder="collega")
            screen.reload()
            await pilot.pause()
            row = list(screen.rows).index(theirs.id)
            table.focus()
            table.move_cursor(row=row)
            await pilot.pause()
            coder_col = [key for _label, key, _w in screen._columns].index("coder")
            assert str(table.get_cell_at((row, coder_col))) == cut_name("collega", dict(
                (k, w) for _l, k, w in screen._columns)["coder"])
            await pilot.press("s")
            await pilot.pause()
            assert tui_ws.coding(theirs.id).starred
            said = [str(n.message) for n in app._notifications]
            assert any(m.startswith("Starred collega's coding of this passage, not one of yours") for m in said), said
    run(scenario)


def test_the_help_says_what_the_signs_mean_on_the_coder_and_the_documents(tui_ws):
    """A new coder met ▶ ◆ ★ ✎ ▌ and a "·" in the tree, and F1 explained none of them."""
    from textual.widgets import Static

    async def shown(pilot, key: str) -> str:
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in pilot.app.screen.query(Static))
        await pilot.press("escape")
        await pilot.pause()
        return text

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            coder = await shown(pilot, "f3")
            for sign in ("▶ the selection, what a code key codes", "◆ a pending suggestion", "★ a starred coding",
                         "✎ a coding with a memo (anyone's that is shown: the Here panel says whose)", "bars ▌",
                         "▶ a folded theme, ▼ an unfolded one, ■ the code's colour", "(· none)"):
                assert sign in coder, sign
            docs = await shown(pilot, "f2")
            assert "✎ after a document's name: it has a memo" in docs and "▶ the selection" not in docs
            # F9 shows names as the transcripts write them; a writer found hers replaced in the chapter, unsaid
            synthesis = await shown(pilot, "f9")
            assert "the chapter and the exports print them with the pseudonym list applied" in synthesis
    run(scenario)


def test_the_help_lists_a_cells_keys_apart_from_what_a_theme_view_does_otherwise():
    """One list of a cell's and a theme view's keys showed ctrl+l as "Clear" and as "Clear
    theme", and a writer did not dare press it: each now has its section."""
    sections = dict(_sections(first="synthesis"))
    cell, theme = sections["Synthesis: a cell (Enter)"], sections["Synthesis: a theme view (t): a cell's keys, and these"]
    assert [b.description for b in cell if b.key == "ctrl+l"] == ["Clear"]
    assert [b.description for b in theme if b.key == "ctrl+l"] == ["Clear theme"]
    assert not any(b.key == "ctrl+l" for title, bs in sections.items() if title.startswith("Synthesis")
                   and title not in ("Synthesis: a cell (Enter)", "Synthesis: a theme view (t): a cell's keys, and these")
                   for b in bs)


def test_the_quotes_line_in_its_shortest_form_counts_one_document_as_one():
    """F5 at a narrow width said "belemmeringen: 1 coding, 1 docs"."""
    from sto_qual.tui.screens.quotes_columns import summary_lines
    assert summary_lines("vmbo-in-the-lead/belemmeringen", 1, 1, "")[-1] == " belemmeringen: 1 coding, 1 doc"
    assert summary_lines("urgentie", 200, 19, " (every coder's)")[1] == " urgentie: 200 codings from 19 documents (every coder's)"


def test_down_in_the_document_filter_goes_into_the_list(tui_ws):
    """A coder typed a filter and pressed ↓ ↓ Enter for the second document found: ↓ stayed in the
    filter and Enter opened the first."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f2", "slash", *"R0")
            await pilot.pause()
            screen = app.screen
            table = screen.query_one("#doc-table", DataTable)
            assert screen.focused is screen.query_one("#doc-filter", Input)
            await pilot.press("down")
            assert screen.focused is table and table.cursor_row == 0
            await pilot.press("down", "enter")
            await pilot.pause()
            assert app.screen.doc.name == "R02"
    run(scenario)


def test_n_on_a_sub_code_starts_a_sibling_and_on_a_theme_a_sub_code(tui_ws):
    """A lead splitting 'verschuiving' in two pressed n on it and got "urgentie/verschuiving/", a sub-sub-code,
    and cleared the field for each new sibling."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f7")
            screen = app.screen
            await pilot.pause()
            started = []
            for path in ("urgentie/verschuiving", "urgentie"):
                screen.query_one("#cb-tree").select_code(path)
                await pilot.pause()
                await pilot.press("n")
                await pilot.pause()
                started.append(app.screen.query_one(Input).value)
                await pilot.press("escape")
                await pilot.pause()
            return started
    assert run(scenario) == ["urgentie/", "urgentie/"]
