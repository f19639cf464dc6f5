"""F2's document list and F5's passages follow a change made in another window (an attribute
set with `sto-qual attribute`, a colleague's coding) while they are open: they showed the old
region type and the old passages until one left the screen and came back."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from tui_support import elsewhere, headless, open_codebook, open_quotes, run, until

WATCH = 0.05  # the app looks for changes elsewhere more often than a running workbench


async def on_coder(app, pilot, doc: str):
    """The coder screen on ``doc``."""
    from sto_qual.tui.screens.coder import CoderScreen
    app.open_document(app.ws.document(doc).id)
    await pilot.pause()
    assert isinstance(app.screen, CoderScreen)
    return app.screen


async def on_own_coding(app, pilot, ws):
    """The coder screen on R01 with the coder's first coding there selected: (screen, coding)."""
    screen = await on_coder(app, pilot, "R01")
    own = next(c for c in ws.codings(doc="R01") if c.coder == screen.coder)
    screen.view.select_span(own.start, own.end)
    await pilot.pause()
    return screen, own


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
            screen = await open_quotes(pilot)
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


def test_the_coders_status_line_shows_a_region_type_set_elsewhere(tui_ws, tui_project):
    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R01")
            status = lambda: str(screen.query_one("#coder-status").render())  # noqa: E731
            assert "R01 · eiland" in status(), status()
            elsewhere(tui_project, lambda ws: ws.change_attributes("R01", {"region_type": "krimp"}, []))
            assert await until(pilot, lambda: "R01 · krimp" in status()), status()
    run(scenario)


def test_the_codebook_screen_follows_a_code_added_elsewhere(tui_ws, tui_project):
    from sto_qual.tui.widgets.codetree import CodeTree

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            tree = (await open_codebook(pilot)).query_one(CodeTree)
            shown = lambda: tree.visible_codes() + [str(n.data) for n in tree.root.children]  # noqa: E731
            assert "urgentie/huisvesting" not in shown()
            elsewhere(tui_project, lambda ws: ws.add_code("urgentie/huisvesting"))
            assert await until(pilot, lambda: "urgentie/huisvesting" in shown()), shown()
    run(scenario)


def test_a_code_deleted_elsewhere_while_its_form_holds_an_edit_is_said_at_once(tui_ws, tui_project):
    """F7's form held an edit of a code another window deleted: nothing said so until ctrl+s met
    "unknown code"."""
    from textual.widgets import Input

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await open_codebook(pilot)
            screen.query_one("#cb-tree").select_code("urgentie/arbeidsmarkt")
            await pilot.pause()
            screen.query_one("#f-label", Input).value = "Arbeidsmarkt en vacatures"
            await pilot.pause()
            assert screen.unsaved()
            elsewhere(tui_project, lambda ws: ws.delete_code("urgentie/arbeidsmarkt", force=True))
            assert await until(pilot, lambda: any("urgentie/arbeidsmarkt was deleted or renamed in another window"
                                                  in n.message for n in app._notifications))
            assert screen.query_one("#f-label", Input).value == "Arbeidsmarkt en vacatures"  # the typing stays
    run(scenario)


async def typing_memo_on_own_coding(app, pilot, ws, text: str):
    """On the coder's own coding, its memo dialog open with ``text`` typed (not saved)."""
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    screen, own = await on_own_coding(app, pilot, ws)
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MemoModal)
    app.screen.query_one(TextArea).text = text
    return screen, own


def test_a_memo_typed_on_a_coding_removed_elsewhere_is_offered_as_a_document_memo(tui_ws, tui_project):
    """The analyst ran `uncode` on the coding whose memo the coder was typing: ctrl+s said "no
    coding with id …" and her text was gone."""
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await typing_memo_on_own_coding(app, pilot, tui_ws, "Memo die niet verloren mag gaan")
            elsewhere(tui_project, lambda ws: [ws.remove_coding(c.id, coder=screen.coder)
                                               for c in ws.codings(doc="R01") if c.coder == screen.coder
                                               and c.start < own.end and own.start < c.end])
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal), app.screen
            assert "was removed in another window" in str(app.screen.query_one(".dialog-title").render())
            assert app.screen.query_one(TextArea).text.endswith("Memo die niet verloren mag gaan")
            # her text is not stored yet: quitting asks first (ctrl+q quit at once and it was gone)
            assert app.screen.pending_edits() == ["the memo being written"]
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert "Unsaved edits: the memo being written" in app.screen.question, app.screen
            await pilot.press("escape")  # Stay
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "Memo die niet verloren mag gaan" in (tui_ws.document_memo("R01", screen.coder) or "")
    run(scenario)


def test_a_coding_memo_typed_while_its_interview_is_deleted_elsewhere_is_kept_in_a_file(tui_ws, tui_project):
    """`delete-doc R01` while a coding's memo was being typed: ctrl+s said "no coding with id 894
    (see `sto-qual codings`)", then offered to keep the memo on the deleted document."""
    from sto_qual.tui.modals import MemoModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await typing_memo_on_own_coding(app, pilot, tui_ws, "Memo bij een verwijderd interview")
            elsewhere(tui_project, lambda ws: ws.delete_document("R01"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            kept = [m for m in said if m.startswith("R01 was deleted in another window, so your memo could not be "
                                                    "stored; its text is kept in ")]
            assert kept, said
            assert Path(kept[0].rsplit(" ", 1)[1]).read_text(encoding="utf-8").startswith(
                "Memo bij een verwijderd interview")
            assert not any("no coding with id" in m for m in said), said
            assert not isinstance(app.screen, MemoModal)
    run(scenario)


def test_a_memo_saved_on_quitting_after_its_interview_went_is_kept_in_a_file_not_on_another(tui_ws, tui_project):
    """R03 deleted elsewhere while a coding's memo was typed; ctrl+q, "Save and quit": the Coder had
    moved to R01 meanwhile, and the memo was stored as R01's document memo, no file kept."""
    from sto_qual import config

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await typing_memo_on_own_coding(app, pilot, tui_ws, "Memo voor een verdwenen interview")
            coder = screen.coder
            elsewhere(tui_project, lambda ws: ws.delete_document("R01"))
            await pilot.pause(0.3)
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("s")  # Save and quit
            await pilot.pause(0.5)
        kept = list((config.data_home() / "unsaved").glob("*memo-R01*"))
        assert kept and kept[0].read_text(encoding="utf-8").startswith("Memo voor een verdwenen interview")
        assert not any("verdwenen" in (tui_ws.document_memo(d.name, coder) or "") for d in tui_ws.documents())
    run(scenario)


def test_quitting_while_a_memo_changed_elsewhere_is_asked_about_keeps_the_question(tui_ws, tui_project):
    """A memo changed elsewhere while typed, Stay, then ctrl+q and "Save and quit": the question
    which memo to keep flashed and the app quit; the typed text was stored nowhere."""
    from sto_qual.tui.modals.leave import LeaveModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await typing_memo_on_own_coding(app, pilot, tui_ws, "alleen de mijne")
            elsewhere(tui_project, lambda ws: ws.set_memo(own.id, "van een collega", coder=screen.coder))
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("escape")  # Stay: her text back in the editor
            await pilot.pause()
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("s")  # Save and quit: the save asks which memo to keep
            await pilot.pause(0.6)
            assert app.is_running and isinstance(app.screen, LeaveModal), app.screen
            assert "van een collega" in app.screen.question
            await pilot.press("d")  # keep mine
            await pilot.pause()
            assert tui_ws.coding(own.id).memo == "alleen de mijne"
    run(scenario)


async def no_then_yes(pilot, ws, doc: str, made: int) -> None:
    """On the question u asked: n undoes nothing; u again and y undoes coding ``made``."""
    await pilot.press("n")
    await pilot.pause()
    assert any(c.id == made for c in ws.codings(doc=doc))  # nothing undone
    await pilot.press("u")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    assert not any(c.id == made for c in ws.codings(doc=doc))


def test_u_asks_before_undoing_a_step_a_command_made_in_another_terminal(tui_ws, tui_project):
    """An analyst's `sto-qual code` without --coder counts as the coder's: her next u in the
    workbench took it back without a word about where it was made."""
    from cli_runner import sq
    from sto_qual.tui.modals import ConfirmModal
    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            r = sq("code", "--doc", "R02", "--code", "urgentie/arbeidsmarkt", "--sentence", "7",
                   "--coder", screen.coder, "--project", tui_project)
            assert r.returncode == 0, r.stderr
            made = int(r.stdout.split("#")[1].split()[0])
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert "made by a command, not in this window" in str(app.screen.query_one("Static").render())
            await no_then_yes(pilot, tui_ws, "R02", made)
            # a step no command made (here the seed's) is undone at once, as before
            await pilot.press("u")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal)
    run(scenario)


def test_u_after_a_code_merge_asks_before_undoing_the_step_before_it(tui_ws, tui_project):
    """A code-merge is no undo step: a u meant for it took back the coding before it, unasked."""
    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            made = tui_ws.assign_code("R02", "urgentie", unit=tui_ws.units("R02")[6].id, coder=screen.coder).id
            tui_ws.merge_codes("urgentie/arbeidsmarkt", "urgentie", coder=screen.coder)
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            said = str(app.screen.query_one("Static").render())
            assert "Your last change, the code-merge of urgentie/arbeidsmarkt into urgentie" in said
            assert "is no undo step: it stays. Undo the step before it" in said, said
            await no_then_yes(pilot, tui_ws, "R02", made)
    run(scenario)


def test_u_after_a_merge_that_moved_the_coding_says_why_at_once_and_asks_nothing(tui_ws, tui_project):
    """The merge moved the very coding the step before it made: u asked "Undo the step before it,
    1 change (add)?" and after y refused it (its code was changed since). Now it says so at once."""
    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            made = tui_ws.assign_code("R02", "urgentie/arbeidsmarkt", unit=tui_ws.units("R02")[6].id,
                                      coder=screen.coder).id
            tui_ws.merge_codes("urgentie/arbeidsmarkt", "urgentie", coder=screen.coder)  # she merged it herself
            said: list[str] = []
            notify = app.notify
            app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
            await pilot.press("u")
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal)
            assert any(f"was changed since (its code was merged into ‘urgentie’ by {screen.coder})" in m
                       for m in said), said
            assert any(c.id == made for c in tui_ws.codings(doc="R02"))  # nothing undone
    run(scenario)


def test_u_asks_before_undoing_a_step_made_in_another_window_of_the_same_coder(tui_ws, tui_project):
    """Two windows of one coder: a u in the second took back the coding just made in the first,
    and the first only redrew. A step the other window made before this one opened is the
    coder's own history (a restart) and is undone at once, as before."""
    from sto_qual.services import Workspace
    from sto_qual.tui.app import make_app
    from sto_qual.tui.modals import ConfirmModal
    from sto_qual.tui.settings import Settings
    first = Workspace.open(tui_project)
    make_app(first, Settings())  # the first window: its steps carry its mark
    coder = first.resolve_coder(None)
    earlier = first.assign_code("R02", "urgentie", unit=first.units("R02")[5].id, coder=coder).id

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            await on_coder(app, pilot, "R02")
            made = first.assign_code("R02", "urgentie", unit=first.units("R02")[8].id, coder=coder).id
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            said = str(app.screen.query_one("Static").render())
            assert said.startswith("Your last step was made in another window since this one opened: ") and \
                said.endswith("Undo it here?"), said
            await no_then_yes(pilot, tui_ws, "R02", made)
            await pilot.press("u")  # the step from before this window opened: at once
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal)
            assert not any(c.id == earlier for c in tui_ws.codings(doc="R02"))
    run(scenario)
    first.close()


def test_u_with_nothing_left_says_the_last_step_is_undone_and_u_refused_says_so(tui_ws, tui_project):
    """The first window's u after the second window undid its coding said only "nothing to undo";
    n on u's question left no line at all."""
    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            coder = screen.coder
            made = tui_ws.assign_code("R02", "urgentie", unit=tui_ws.units("R02")[6].id, coder=coder).id
            tui_ws.merge_codes("urgentie/arbeidsmarkt", "urgentie", coder=coder)
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            assert screen._last_action == "Nothing undone"
            while tui_ws.history_service.next_step(coder, undo=True) is not None:
                tui_ws.undo(coder=coder)  # elsewhere: every step of hers undone
            await pilot.press("u")
            await pilot.pause()
            assert screen._last_action.startswith("Nothing to undo: your last step, ")
            assert screen._last_action.endswith(", is undone (here or in another window); U puts it back")
            assert not any(c.id == made for c in tui_ws.codings(doc="R02"))
    run(scenario)


def test_a_code_delete_asked_with_one_count_never_removes_codings_made_since(tui_ws, tui_project):
    """F7's Del asked "1 coding will be removed"; while the question stood another coder coded the
    code twice, and "y" deleted all three. Now the delete is refused, nothing changed, and the
    tree shows the count as it is."""
    from sto_qual.tui.modals import ConfirmModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await open_codebook(pilot)
            path = "urgentie/arbeidsmarkt"
            before = len(tui_ws.codings(code=path, include_subcodes=False))
            screen.query_one("#cb-tree").select_code(path)
            await pilot.pause()
            await pilot.press("delete")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            asked = str(app.screen.query_one(".dialog-text").render())
            assert f"{before} coding" in asked, asked
            # whose they are and what goes with them, and the merge that keeps them (a lead deleted four coders'
            # codings with 12 memos and 11 stars, asked only "36 codings will be removed")
            from sto_qual.domain.codebook import what_a_delete_takes
            taken = what_a_delete_takes(tui_ws.codings(code=path))
            assert taken.startswith("by ") and f"removed, {taken}; g merges the code into another instead" in \
                " ".join(asked.split()), asked
            units = tui_ws.units("R02")
            elsewhere(tui_project, lambda ws: [ws.assign_code("R02", path, unit=units[i].id, coder="anna") for i in (3, 9)])
            await pilot.press("y")
            await pilot.pause()
            assert len(tui_ws.codings(code=path, include_subcodes=False)) == before + 2  # nothing went
            assert any(f"has {before + 2} coding(s) now, not the {before}" in n.message for n in app._notifications)
            assert await until(pilot, lambda: screen.query_one("#cb-tree")._counts.get(path) == before + 2)
    run(scenario)


def test_the_codebook_counts_follow_a_coding_made_in_the_coder(tui_ws, tui_project):
    """Two codings made in this window's Coder, then F7: the tree still said "0 codings"."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_codebook(pilot)
            path = "urgentie/arbeidsmarkt"
            shown = screen.query_one("#cb-tree")._counts.get(path)
            coder = await on_coder(app, pilot, "R02")
            coder.view.move_to_unit(5)
            await pilot.pause()
            coder.apply(path)
            await pilot.pause()
            screen = await open_codebook(pilot)
            assert screen.query_one("#cb-tree")._counts.get(path) == shown + 1
    run(scenario)


def test_saving_a_codebook_form_writes_only_what_she_changed_and_asks_about_a_field_changed_elsewhere(
        tui_ws, tui_project):
    """Two coders had the same code open in F7. Anna saved a definition and criteria; Sanne, whose
    form was opened before, saved a change to the definition: her whole form went over Anna's,
    and Anna's "when to use", which Sanne never touched, was gone in both windows. Now a save
    writes only the fields changed in its form, and a field changed in both is asked about."""
    from textual.widgets import Input, TextArea

    from sto_qual.tui.modals import LeaveModal
    path = "urgentie/arbeidsmarkt"
    before = tui_ws.code(path)

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await open_codebook(pilot)
            screen.query_one("#cb-tree").select_code(path)
            await pilot.pause()
            screen.query_one("#f-label", Input).value = "Arbeidsmarkt (sanne)"
            screen.query_one("#f-definition", TextArea).text = "Definitie van sanne."
            await pilot.pause()
            elsewhere(tui_project, lambda ws: ws.edit_code(path, definition="Definitie van anna.",
                                                           when_to_use="Gebruik bij vacatures (anna).", coder="anna"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal), [n.message for n in app._notifications]  # changed in both
            assert "Definition: “Definitie van anna.”" in str(app.screen.query_one(".dialog-text").render())
            await pilot.press("escape")  # stay: nothing saved
            await pilot.pause()
            assert tui_ws.code(path).label == before.label
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal)
            await pilot.press("d")  # take theirs
            await pilot.pause()
            # theirs in the definition, her label still in the form; saved now, only the label goes
            assert screen.query_one("#f-definition", TextArea).text == "Definitie van anna."
            assert screen.query_one("#f-label", Input).value == "Arbeidsmarkt (sanne)"
            await pilot.press("ctrl+s")
            await pilot.pause()
            now = tui_ws.code(path)
            assert (now.label, now.definition, now.when_to_use) == (
                "Arbeidsmarkt (sanne)", "Definitie van anna.", "Gebruik bij vacatures (anna).")
    run(scenario)


def test_a_code_picked_after_another_window_deleted_it_says_so(tui_ws, tui_project):
    """The picker still listed a code another window had deleted; Enter said "unknown code
    'urgentie/proefcode' (did you mean urgentie …?)", as if mistyped."""
    from sto_qual.tui.modals import PickerModal
    tui_ws.add_code("urgentie/proefcode", label="Proefcode")

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            await pilot.press("c", *"proefcode")
            await pilot.pause()
            assert isinstance(app.screen, PickerModal)
            elsewhere(tui_project, lambda ws: ws.delete_code("urgentie/proefcode", force=True))
            await pilot.press("enter")
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert any("‘Proefcode’ was deleted or renamed in another window: nothing coded" in m for m in shown), shown
            assert not any("did you mean" in m for m in shown)
            assert "urgentie/proefcode" not in screen.codes
    run(scenario)


def test_a_memo_changed_elsewhere_while_it_was_typed_is_never_written_over_unasked(tui_ws, tui_project):
    """The same coder had a coding's memo open in two windows (or a colleague set it with `memo`):
    the later ctrl+s said "Memo saved" and the other text was gone without a word. Now she is
    asked: keep both (theirs, then hers), keep mine, or stay with her text."""
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    from sto_qual.tui.modals.leave import LeaveModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await on_own_coding(app, pilot, tui_ws)

            async def typed_while(elsewhere_memo: str, mine: str) -> None:
                await pilot.press("m")
                await pilot.pause()
                assert isinstance(app.screen, MemoModal)
                app.screen.query_one(TextArea).text = mine
                elsewhere(tui_project, lambda ws: ws.set_memo(own.id, elsewhere_memo, coder=screen.coder))
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert isinstance(app.screen, LeaveModal), app.screen
                assert elsewhere_memo in str(app.screen.query_one(".dialog-text").render())
                assert tui_ws.coding(own.id).memo == elsewhere_memo  # nothing written yet
            await typed_while("tekst uit het andere venster", "mijn memo")
            await pilot.press("s")  # keep both
            await pilot.pause()
            assert tui_ws.coding(own.id).memo == "tekst uit het andere venster\n\nmijn memo"
            await typed_while("weer anders", "alleen de mijne")
            await pilot.press("escape")  # stay: back to her text, nothing written
            await pilot.pause()
            assert isinstance(app.screen, MemoModal) and app.screen.query_one(TextArea).text == "alleen de mijne"
            assert tui_ws.coding(own.id).memo == "weer anders"
            # her text, back in the editor, is still unsaved: ctrl+q and Esc ask (they dropped it unasked)
            assert app.screen.pending_edits() == ["the memo being written"]
            await pilot.press("ctrl+s")  # saving again asks again: it still reads otherwise
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal)
            await pilot.press("d")  # keep mine
            await pilot.pause()
            assert tui_ws.coding(own.id).memo == "alleen de mijne"
            assert "Memo saved" in str(screen.query_one("#coder-status").render())
    run(scenario)


def test_a_document_memo_written_in_a_second_window_meanwhile_is_kept_with_hers(tui_ws, tui_project):
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    from sto_qual.tui.modals.leave import LeaveModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R01")
            await pilot.press("down")
            assert not [m for m in screen.view.marks_in(*screen.view.selection) if m.coder == screen.coder]
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            app.screen.query_one(TextArea).text = "eilandregio"
            elsewhere(tui_project, lambda ws: ws.set_document_memo("R01", "veerdienst", coder=screen.coder))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal), app.screen
            await pilot.press("s")
            await pilot.pause()
            assert tui_ws.document_memo("R01", screen.coder) == "veerdienst\n\neilandregio"
    run(scenario)


def test_a_memo_saved_after_its_code_was_merged_elsewhere_names_the_code_it_has_now(tui_ws, tui_project):
    """A colleague merged the code into another in F7 while the memo was open: "Memo saved:
    Behoud van het techniekaanbod on R01" named a code that no longer existed."""
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen, own = await on_own_coding(app, pilot, tui_ws)
            target = next(c.path for c in tui_ws.codebook() if c.path != own.code and "/" not in c.path
                          and not own.code.startswith(c.path + "/"))
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            app.screen.query_one(TextArea).text = "na de samenvoeging"
            elsewhere(tui_project, lambda ws: ws.merge_codes(own.code, target))
            said: list[str] = []  # what the status line was given (the watch may read the merge again after)
            note = screen._note
            screen._note = lambda message, **kw: (said.append(message), note(message, **kw))
            await pilot.press("ctrl+s")
            await pilot.pause()
            label = tui_ws.code(target)
            assert any(m.startswith(f"Memo saved: {label.label or label.name} on") for m in said), said
            assert tui_ws.coding(own.id).memo == "na de samenvoeging"
    run(scenario)


def test_the_definition_beside_the_text_stays_on_the_code_just_applied_when_another_window_saves(tui_ws,
                                                                                                  tui_project):
    """The panel showed the code she had just applied with 3; a memo saved in another window put
    the tree cursor's code in its place, beside a passage that code is not on."""
    from sto_qual.tui.widgets.codetree import CodeTree
    from sto_qual.tui.widgets.panels import CoderSide

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")
            side = screen.query_one(CoderSide)
            at = screen.query_one(CodeTree).code_at_cursor()
            await pilot.press("down", "down", "3")
            assert await until(pilot, lambda: side.shown is not None and side.shown != at)
            applied = side.shown
            assert any(c.code == applied for c in app.ws.codings(doc="R02") if c.coder == screen.coder)
            before = app.ws.project_version()
            elsewhere(tui_project, lambda ws: ws.set_document_memo("R07", "memo elsewhere", coder="anna"))
            assert await until(pilot, lambda: app._project_version != before)
            await pilot.pause()
            assert side.shown == applied
            # a code deleted elsewhere leaves the panel (for the tree cursor's)
            elsewhere(tui_project, lambda ws: ws.delete_code(applied, force=True))
            assert await until(pilot, lambda: side.shown != applied)
    run(scenario)


def test_a_coder_renamed_elsewhere_codes_on_under_her_new_name_still_blind(tui_project):
    """`coder-rename` of the coder whose workbench was open: its header said 0 codings, her
    codings left the margin, a new coding went to the new name but showed nowhere, and the
    others' codings she coded blind from came into view. The window now follows the rename."""
    from sto_qual.services import Workspace
    from sto_qual.services.tui_support import keep_others_hidden
    from sto_qual.tui.settings import Settings
    ws = Workspace.open(tui_project)
    ws.assign_code("R02", "urgentie", unit=ws.units("R02")[3].id, coder="bram")
    keep_others_hidden(ws, "bram", True)  # bram codes blind

    async def scenario():
        async with headless(ws, settings=Settings(coder="bram"), watch=WATCH) as (app, pilot):
            screen = await on_coder(app, pilot, "R02")

            def coders_shown():
                return {m.coder for m in screen.view.marks_in(0, len(screen.view.doc.text))}
            assert coders_shown() == {"bram"}
            elsewhere(tui_project, lambda other: other.coder_service.rename_coder("bram", "bram-k"))
            assert await until(pilot, lambda: app.coder == "bram-k")
            await pilot.pause()
            assert [n.message for n in app._notifications if "renamed" in n.message] == [
                "bram was renamed bram-k in another program: you code as bram-k now, and your codings, memos and "
                "view followed"]
            assert await until(pilot, lambda: coders_shown() == {"bram-k"}), coders_shown()
            unit = ws.units("R02")[6]
            screen.view.select_span(unit.start, unit.end)
            await pilot.press("1")
            await pilot.pause()
            assert coders_shown() == {"bram-k"} and len([c for c in ws.codings(doc="R02") if c.coder == "bram-k"]) == 2
    run(scenario)
    assert "bram" not in ws.session.coder_names()
    ws.close()


def test_u_on_f9_asks_before_undoing_a_summary_edit_a_command_made(tui_ws, tui_project):
    """An analyst's `summary set` in another terminal counts as her step; F9's u took it back
    unasked, where the Coder's u asks about a step a command made."""
    from cli_runner import sq
    from sto_qual.tui.modals import ConfirmModal
    from sto_qual.tui.screens.synthesis import SynthesisScreen

    async def scenario():
        async with headless(tui_ws, watch=WATCH) as (app, pilot):
            await pilot.press("f9")
            assert await until(pilot, lambda: isinstance(app.screen, SynthesisScreen))
            coder = app.screen.coder
            assert sq("summarize", "--theme", "urgentie", "--project", tui_project).returncode == 0
            r = sq("summary", "set", "--theme", "urgentie", "--lead", "1", "--text", "Overal speelt het tekort.",
                   "--coder", coder, "--project", tui_project)
            assert r.returncode == 0, r.stderr
            await pilot.press("u")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal), app.screen
            assert "made by a command, not in this window" in str(app.screen.query_one("Static").render())
            await pilot.press("n")
            await pilot.pause()
            assert tui_ws.synthesis().theme("urgentie")["lead"][0] == "Overal speelt het tekort."  # kept
            await pilot.press("u")
            await pilot.pause()
            await pilot.press("y")
            assert await until(pilot, lambda: tui_ws.synthesis().theme("urgentie")["lead"][0] != "Overal speelt het "
                               "tekort.")
    run(scenario)
