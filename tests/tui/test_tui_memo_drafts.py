"""A memo being typed when the workbench stops (kill -9, a closed terminal) is not lost: the next workbench says
so, and m on that coding opens it with the text typed (``services.memo_drafts``). A tester killed the workbench
while typing a memo: on reopening the memo was empty, and nothing said text had been lost."""
from __future__ import annotations

import os

from textual.widgets import TextArea

from sto_qual.services import memo_drafts
from sto_qual.tui.modals import MemoModal
from sto_qual.tui.screens.coder import CoderScreen
from tui_support import headless, run, until

GONE = 2 ** 22 + 12345  # a process id no process has here


async def _coder(pilot) -> CoderScreen:
    pilot.app.open_document(pilot.app.ws.document("R01").id)
    await pilot.pause()
    assert isinstance(pilot.app.screen, CoderScreen)
    return pilot.app.screen


async def _coded(pilot, ws):
    """The Coder on R01's second sentence, coded with key 4: (the screen, the coding)."""
    screen = await _coder(pilot)
    await pilot.press("down", "4")
    s, e = screen.view.selection
    [coding] = [c for c in ws.codings(doc="R01") if (c.start, c.end) == (s, e) and c.coder == screen.coder]
    return screen, coding


def test_a_memo_typed_when_the_workbench_stopped_opens_again_with_its_text(tui_ws):
    held = {}

    async def typing():
        async with headless(tui_ws) as (app, pilot):
            screen, coding = await _coded(pilot, tui_ws)
            held["coding"] = coding
            await pilot.press("m", *"niet bewaard")
            folder = memo_drafts._folder(tui_ws, screen.coder)
            mine = folder / f"{os.getpid()}.json"
            assert await until(pilot, lambda: mine.exists() and "niet bewaard" in mine.read_text(encoding="utf-8"))
            mine.rename(folder / f"{GONE}.json")  # the workbench stops here: a kill -9 runs nothing after it
    run(typing)
    coding = held["coding"]
    assert tui_ws.coding(coding.id).memo is None  # never saved

    async def reopened():
        async with headless(tui_ws) as (app, pilot):
            # said where the workbench opens (F2), not only once the Coder opens (a re-tester stayed on F2)
            assert any(n.message.startswith("A memo you typed when the workbench last stopped was not saved: the "
                                            "Coder (F3) says where") for n in app._notifications)
            screen = await _coder(pilot)
            said = [n.message for n in app._notifications]
            assert (f"A memo you typed when the workbench stopped, “niet bewaard”, was not saved: m on your coding "
                    f"{screen._label(coding.code)} in R01 opens it with your text") in said, said
            screen.view.select_span(coding.start, coding.end)
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal) and app.screen.query_one(TextArea).text == "niet bewaard"
            assert "the text you typed when the workbench stopped, not saved yet" in app.screen.title_text
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: tui_ws.coding(coding.id).memo == "niet bewaard")
    run(reopened)
    assert memo_drafts.left_over(tui_ws, "onderzoeker-a") == [] and not list(
        memo_drafts._folder(tui_ws, "onderzoeker-a").glob("*.json"))  # saved: nothing left to come back to


def test_a_draft_that_adds_to_a_saved_memo_quotes_what_it_adds_and_letting_it_go_clears_the_status(tui_ws):
    """A tester killed the workbench while adding "SNEL-GETYPT" to a saved memo: the next workbench quoted the memo's
    start, the words saved already, so what was at stake did not show; and once she let the draft go (m, Esc, d)
    the status line went on saying a memo was not saved."""
    from sto_qual.tui.widgets.panels import StatusLine
    held = {}

    async def typing():
        async with headless(tui_ws) as (app, pilot):
            screen, coding = await _coded(pilot, tui_ws)
            held["coding"] = coding
            await pilot.press("m", *"Klankbordgroep van elf besturen: collectief, maar traag.", "ctrl+s")
            assert await until(pilot, lambda: tui_ws.coding(coding.id).memo is not None)
            await pilot.press("m", "ctrl+end", *" SNEL-GETYPT")
            folder = memo_drafts._folder(tui_ws, screen.coder)
            mine = folder / f"{os.getpid()}.json"
            assert await until(pilot, lambda: mine.exists() and "SNEL-GETYPT" in mine.read_text(encoding="utf-8"))
            mine.rename(folder / f"{GONE}.json")
    run(typing)

    async def reopened():
        async with headless(tui_ws) as (app, pilot):
            screen = await _coder(pilot)
            said = [n.message for n in app._notifications if "when the workbench stopped" in n.message]
            assert said and "“…SNEL-GETYPT”" in said[0] and "Klankbordgroep" not in said[0], said
            assert "SNEL-GETYPT" in str(screen.query_one(StatusLine).render())
            coding = held["coding"]
            screen.view.select_span(coding.start, coding.end)
            await pilot.press("m")
            assert await until(pilot, lambda: isinstance(app.screen, MemoModal))
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("d")  # let the draft go
            assert await until(pilot, lambda: app.screen is screen)
            await pilot.pause()
            assert "SNEL-GETYPT" not in str(screen.query_one(StatusLine).render())
    run(reopened)
    assert tui_ws.coding(held["coding"].id).memo == "Klankbordgroep van elf besturen: collectief, maar traag."


def test_a_memo_dropped_with_esc_is_not_offered_again(tui_ws):
    async def typing():
        async with headless(tui_ws) as (app, pilot):
            screen = await _coder(pilot)
            await pilot.press("down", "4", "m", *"weg ermee")
            mine = memo_drafts._folder(tui_ws, screen.coder) / f"{os.getpid()}.json"
            assert await until(pilot, mine.exists)
            await pilot.press("escape")  # "This memo has changes not saved. Save them?"
            await pilot.pause()
            await pilot.press("d")  # discard them
            assert await until(pilot, lambda: not mine.exists())
    run(typing)

    async def reopened():
        async with headless(tui_ws) as (app, pilot):
            await _coder(pilot)
            assert not any("when the workbench" in n.message for n in app._notifications)
    run(reopened)


def test_a_memo_kept_while_the_workbench_asks_about_a_colleagues_change(tui_ws, tui_project):
    """ctrl+s on a memo a colleague changed meanwhile asks "Keep both / Keep mine / Stay": the editor had closed
    and taken its draft away, and a workbench killed while it asked lost the text typed (found by a tester)."""
    from sto_qual.services import Workspace
    from sto_qual.tui.modals.leave import LeaveModal

    async def typing():
        async with headless(tui_ws) as (app, pilot):
            screen, coding = await _coded(pilot, tui_ws)
            await pilot.press("m", *"mijn tekst")
            other = Workspace.open(tui_project)
            other.set_memo(coding.id, "van een collega", coder="bram")
            other.close()
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: isinstance(app.screen, LeaveModal))
            mine = memo_drafts._folder(tui_ws, screen.coder) / f"{os.getpid()}.json"
            assert await until(pilot, lambda: mine.exists() and "mijn tekst" in mine.read_text(encoding="utf-8"))
            # kept while it asks, also once the editor is gone (closing after the question came, it took the
            # draft away: a suite run on a busy machine failed here)
            await pilot.pause(0.3)
            assert not any(isinstance(s, MemoModal) for s in app.screen_stack)
            assert mine.exists() and "mijn tekst" in mine.read_text(encoding="utf-8")
            await pilot.press("s")  # keep both: written, and the draft goes
            assert await until(pilot, lambda: "mijn tekst" in (tui_ws.coding(coding.id).memo or ""))
            assert await until(pilot, lambda: not mine.exists())
    run(typing)


def test_the_memo_editor_saved_leaves_its_draft_to_the_one_who_writes_it(tui_ws):
    """Saved with ctrl+s, the editor hands its draft over: the Coder keeps it until the memo is written (or
    asks about a colleague's change first). The editor closing dropped it, and when it closed after the Coder had
    kept it (the order of the two is the event loop's), a workbench killed at the question lost the text.
    Cancelled, its draft goes with it."""
    async def scenario(keys):
        kept = []
        async with headless(tui_ws) as (app, pilot):
            await _coder(pilot)
            app.push_screen(MemoModal("Memo", "", stored="", keep=lambda on, text: kept.append((on, text))))
            assert await until(pilot, lambda: isinstance(app.screen, MemoModal))
            await pilot.press(*"mijn tekst")
            assert await until(pilot, lambda: ("", "mijn tekst") in kept)
            await pilot.press(*keys)
            assert await until(pilot, lambda: not any(isinstance(s, MemoModal) for s in app.screen_stack))
            await pilot.pause(0.2)
        return kept
    assert run(lambda: scenario(["ctrl+s"]))[-1] == ("", "mijn tekst")  # not taken away after the save
    assert run(lambda: scenario(["escape", "d"]))[-1] == ("", None)  # discarded: nothing to come back to


def test_m_on_two_of_her_codings_says_the_memo_goes_on_the_one_chosen(tui_ws, tui_project):
    """Two codes on one selection: the editor was titled "Memo", and a tester read it as the last code's memo,
    not seeing the list that chooses between them."""
    from textual.widgets import Select

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, coding = await _coded(pilot, tui_ws)
            other = next(c.path for c in tui_ws.codebook() if c.path != coding.code and "/" not in c.path)
            from sto_qual.services import Workspace
            second = Workspace.open(tui_project)  # her second window
            second.assign_code(coding.document_id, other, start=coding.start, end=coding.end, coder=screen.coder)
            second.close()
            app.watch_project()
            await pilot.pause()
            screen.view.select_span(coding.start, coding.end)
            await pilot.press("m")
            assert await until(pilot, lambda: isinstance(app.screen, MemoModal))
            assert app.screen.title_text.startswith("Memo on one of your 2 codings here: choose it below"), \
                app.screen.title_text
            assert len(app.screen.query(Select)) == 1 and len(app.screen.targets) == 2
            # each named by its code and where it is (two of one code read alike)
            assert all(" · sentence" in label for _v, label, _m in app.screen.targets), app.screen.targets
    run(scenario)


def test_a_memo_typed_on_a_coding_removed_since_is_kept_in_a_file_named_by_it(tui_ws, tmp_path, monkeypatch):
    """A coder typed under a colleague's memo on her coding, the workbench was killed and the colleague removed
    the coding: the file it was kept in was called "…-memo-not-saved.txt", held the text alone, and the message
    quoted the colleague's words at its start."""
    held = {}

    async def typing():
        async with headless(tui_ws) as (app, pilot):
            screen, coding = await _coded(pilot, tui_ws)
            held["coding"] = coding
            tui_ws.set_memo(coding.id, "onderzoeker-b: sterk citaat", coder="onderzoeker-b")
            screen._reload_marks()  # (as a colleague's change in another window is read)
            assert await until(pilot, lambda: any(m.memo for m in screen.marks if m.id == coding.id))
            await pilot.press("m", "ctrl+end", "enter", "enter", *"mijn eigen aanvulling")
            folder = memo_drafts._folder(tui_ws, screen.coder)
            mine = folder / f"{os.getpid()}.json"
            assert await until(pilot, lambda: mine.exists() and "aanvulling" in mine.read_text(encoding="utf-8"))
            assert "sterk citaat" in mine.read_text(encoding="utf-8")  # typed under the colleague's words
            mine.rename(folder / f"{GONE}.json")  # killed here
    run(typing)
    coding = held["coding"]
    tui_ws.remove_coding(coding.id, coder="onderzoeker-b")

    async def reopened():
        async with headless(tui_ws) as (app, pilot):
            await _coder(pilot)
            said = next(n.message for n in app._notifications if "its coding is gone" in n.message)
            assert "stopped, “mijn eigen aanvulling”, was not saved" in said, said
            kept = next(p for p in app.kept_files)
            assert kept.name.endswith(f"-memo-coding-{coding.id}.txt"), kept.name
            text = kept.read_text(encoding="utf-8")
            assert text.startswith(f"(Your memo on coding #{coding.id} of ") and "aanvulling" in text
    run(reopened)
