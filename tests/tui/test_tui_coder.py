"""Pilot tests for the coder screen: each drives keys and checks what the project stored."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.widgets.panels import CoderSide
from sto_qual.tui.widgets.transcript import TranscriptView
from tui_support import headless, open_coder, run, until


async def sentence_with(pilot, ws, codings, moves: int = 12):
    """The Coder on R01's sentence ``moves`` down, with ``codings`` ((code, coder or None for the
    one at work, memo or None)) given there elsewhere and shown: (screen, unit, the codings)."""
    screen = await open_coder(pilot)
    view = screen.query_one(TranscriptView)
    await pilot.press(*["down"] * moves)
    unit = ws.units("R01")[view.cursor_index]
    made = []
    for code, who, memo in codings:
        made.append(ws.assign_code("R01", code, unit=unit.id, coder=who or screen.coder))
        if memo:
            ws.set_memo(made[-1].id, memo, coder=who or screen.coder)
    pilot.app.changed_codings()
    await pilot.press("f2", "f3")
    await pilot.pause()
    return screen, unit, made


async def coded_here(pilot):
    """The Coder on R01 with its thirteenth sentence coded here with key 1: (screen, coding)."""
    from sto_qual.tui.widgets.panels import StatusLine
    screen = await open_coder(pilot)
    await pilot.press(*["down"] * 12, "1")
    assert await until(pilot, lambda: "Coded" in str(screen.query_one(StatusLine).render()))
    return screen, max(mine(pilot.app.ws), key=lambda c: c.id)


async def coded_in_another_window(pilot, project):
    """The Coder on R01's thirteenth sentence, which another window of the same coder has just
    coded with the first quick code, before this one looked: (screen, view, start, end, coding)."""
    from sto_qual.services import Workspace
    screen = await open_coder(pilot)
    view = screen.query_one(TranscriptView)
    await pilot.press(*["down"] * 12)
    s, e = view.selection
    other = Workspace.open(project)
    try:
        made = other.assign_code("R01", screen.code_tree.quick[0], start=s, end=e, coder=screen.coder)
    finally:
        other.close()
    return screen, view, s, e, made


def mine(ws, doc="R01"):
    return [c for c in ws.codings(doc=doc) if c.coder == "onderzoeker-a"]


async def docent_on(pilot, view, *keys) -> tuple[int, int]:
    """Select with ``keys``, code the selection Docententekort through the picker, wait for the
    coding; returns the selection."""
    await pilot.press(*keys)
    s, e = view.selection
    await pilot.press("c", *"docent", "enter")
    assert await until(pilot, lambda: any((c.start, c.end) == (s, e) for c in mine(pilot.app.ws)))
    return s, e


async def sixth_sentence_coded(pilot):
    """The Coder on R01 with its sixth sentence coded Docententekort: (screen, view, start, end,
    the sentence's number)."""
    screen = await open_coder(pilot)
    view = screen.query_one(TranscriptView)
    s1, e1 = await docent_on(pilot, view, "down", "down", "down", "down", "down")
    return screen, view, s1, e1, view.unit_at(s1) + 1


def test_open_a_document_from_the_list(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.pause()
            assert app.current_mode == "documents"
            await pilot.press("slash", *"region_type=krimp", "enter")  # filter: Enter opens the one listed
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
            view = app.screen.query_one(TranscriptView)
            assert view.doc is not None and view.doc.name == "R02"
            assert view.line_count > 50
            # the transcript shows the speaker headers with their roles
            lines = [view.render_line(y).text for y in range(view.size.height)]
            assert any("interviewer" in line for line in lines)
    run(scenario)


def test_move_select_and_apply_by_number(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            units = view.doc.units
            await pilot.press("down", "down", "down")
            assert view.cursor_index == 3
            assert view.selection == (units[3].start, units[3].end)

            def marked() -> int:  # the lines the margin's ▶ marks
                return sum(view.render_line(y).text.startswith("▶") for y in range(view.size.height))
            await pilot.pause()
            one = marked()
            await pilot.press("shift+down")  # add the next sentence
            assert view.selection == (units[3].start, units[4].end)
            await pilot.pause()
            assert marked() > one > 0  # ▶ on the added sentence too: it read as not selected
            # the status line says the sentences selected, before they are coded (it said "sentence 4")
            await pilot.pause()
            status = str(screen.query_one("#coder-status").render())
            assert f"sentences 4-5/{len(units)}" in status, status
            # shift+up takes back the sentence shift+down added, as an editor shrinks a selection
            # toward where it began (from sentences 4-6 it gave 3-6), and the other way round
            await pilot.press("shift+down", "shift+up")
            assert view.selection == (units[3].start, units[4].end)
            await pilot.press("shift+up", "shift+up")
            assert view.selection == (units[2].start, units[3].end)
            await pilot.press("shift+down", "shift+down")
            assert view.selection == (units[3].start, units[4].end) and view.cursor_index == 3
            # Esc goes back to the sentence the selection grew to: j then goes past the passage
            # (on its first sentence, j went into the passage just coded)
            await pilot.press("shift+down", "escape")
            assert view.cursor_index == 5 and view.selection == (units[5].start, units[5].end)
            await pilot.press("up", "up", "shift+down")
            await pilot.press("shift+left", "shift+left", "alt+right")  # trim characters at both ends
            s, e = view.selection
            assert (s, e) == (units[3].start + 1, units[4].end - 2)
            before = len(mine(tui_ws))
            first = screen.code_tree.quick[0]
            await pilot.press("1")
            stored = mine(tui_ws)
            assert len(stored) == before + 1
            new = max(stored, key=lambda c: c.id)
            assert (new.code, new.start, new.end) == (first, s, e)
            # key 1 is a theme: once a session, where its topics are (a coder who coded with the
            # theme keys alone agreed on nothing with one who coded the sub-codes)
            hinted = [n.message for n in app._notifications if "is a theme: its topics are its sub-codes" in n.message]
            assert len(hinted) == 1 and "p gives the codes shown the number keys" in hinted[0], hinted
            # the highlight is painted in the code's colour on the next render
            assert any(m.id == new.id for m in view.marks_in(s, e))
            await pilot.press("escape")  # back to the sentence the selection grew to
            assert view.selection == (units[4].start, units[4].end)
            await pilot.press("up")
            # a passage that starts mid-sentence: ctrl+right moves the start a word on (fifteen
            # alt+right were one word), ctrl+left a word back
            text = view.doc.text
            await pilot.press("ctrl+right", "ctrl+right")
            s, e = view.selection
            words = text[units[3].start:units[3].end].split()
            assert e == units[3].end and text[s:].startswith(words[2]) and s > units[3].start, text[s:s + 30]
            await pilot.press("ctrl+left")
            assert text[view.selection[0]:].startswith(words[1])
            # ctrl+shift+left ends the passage a word earlier each time (it moved a character a press)
            s = view.selection[0]
            await pilot.press("ctrl+shift+left")
            assert text[s:view.selection[1]] == " ".join(words[1:-1]).rstrip(".,!?"), text[s:view.selection[1]]
            await pilot.press("ctrl+shift+left")
            assert text[s:view.selection[1]] == " ".join(words[1:-2]).rstrip(".,!?"), text[s:view.selection[1]]
    run(scenario)


def test_apply_by_picker_then_remove(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down")
            s, e = view.selection
            await pilot.press("c", *"docent", "enter")
            await pilot.pause()
            got = [c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]
            assert [c.code for c in got] == ["urgentie/docententekort"]
            await pilot.press("x")  # only one code of mine here: removed at once
            await pilot.pause()
            assert not [c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]
    run(scenario)


def test_number_keys_stay_put_when_a_theme_expands(tui_ws):
    """Expanding a theme must not change what "2" codes; p re-binds 1-9 to the visible codes
    (and says so), and a collapsed theme shows the keys hidden inside it."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.code_tree
            themes = ["urgentie", "vmbo-in-the-lead", "collectief-optrekken", "financieringsonzekerheid"]
            assert tree.quick[:4] == themes
            await pilot.press("tab")  # to the codebook tree, on the first theme
            assert tree.has_focus
            await pilot.press("right")  # expand urgentie
            await pilot.pause()
            assert tree.quick[:4] == themes  # stable
            await pilot.press("tab")
            view = screen.query_one(TranscriptView)
            s, e = view.selection
            await pilot.press("2")
            assert any(c.code == "vmbo-in-the-lead" and (c.start, c.end) == (s, e) for c in mine(tui_ws))
            await pilot.press("p")  # keys to what is visible now: urgentie's sub-codes
            await pilot.pause()
            assert tree.quick[0] == "urgentie" and tree.quick[1].startswith("urgentie/")
            assert "Keys 1-9 set, kept for this project: 1 Urgentie, 2 " in screen._last_action
            await pilot.press("tab", "left")  # collapse urgentie: its keys show on its line
            await pilot.pause()
            assert tree.quick[1].startswith("urgentie/")
            label = tree._code_nodes["urgentie"].label.plain
            assert label.endswith(" [2-8]"), label  # 1 is urgentie, 2-8 its seven sub-codes
            # the theme's count is rolled up whether it is expanded or not
            collapsed = label.split()[-2]
            await pilot.press("right")
            await pilot.pause()
            assert tree._code_nodes["urgentie"].label.plain.split()[-1] == collapsed
    run(scenario)


def test_memo_star_undo_redo(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down", "down")
            s, e = view.selection
            await pilot.press("4")
            coding = [c for c in mine(tui_ws) if (c.start, c.end) == (s, e)][0]
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*"Eerst", "ctrl+s")
            await pilot.pause()
            assert tui_ws.coding(coding.id).memo == "Eerst"
            await pilot.press("s")
            assert tui_ws.coding(coding.id).starred is True
            await pilot.press("u")  # undo the star
            assert tui_ws.coding(coding.id).starred is False
            await pilot.press("u", "u")  # undo the memo, then the coding
            assert not [c for c in mine(tui_ws) if c.id == coding.id]
            assert not [m for m in view.marks_in(s, e) if m.id == coding.id]
            await pilot.press("U")  # redo brings the coding back, painted again
            assert [c for c in mine(tui_ws) if c.id == coding.id]
            assert [m for m in view.marks_in(s, e) if m.id == coding.id]
            await pilot.press("ctrl+y", "ctrl+z")
            assert tui_ws.coding(coding.id).memo is None
    run(scenario)


def test_accept_and_reject_suggestions_in_place(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            pending = {s.id: s for s in tui_ws.suggestions(doc="R01")}
            assert len(pending) == 3
            await pilot.press("n")  # the first pending suggestion
            here = view.suggestions_in(*view.selection)
            assert len(here) == 1
            first = here[0]
            # n says what it landed on and how many wait (it said only the position)
            assert screen._last_action.startswith(f"Suggested here: {screen._label(first.code)} (")
            assert screen._last_action.endswith("· a accept · r reject · 3 pending in R01")
            # the Definition is the suggested code's, to judge it by (it kept the tree cursor's)
            await pilot.pause()
            assert screen.query_one(CoderSide)._code.path == first.code
            await pilot.press("a")
            assert tui_ws.suggestions(status="accepted")[0].id == first.id
            assert screen.recent_codes[:1] == [first.code]  # the picker's recent codes hold it (they left it out)
            screen.query_one(CoderSide).show_code(screen.codes.get("urgentie"))  # the tree's cursor elsewhere
            await pilot.press("u", "U")  # redone: the Definition is the accepted code's (it kept the theme's)
            await pilot.pause()
            assert screen.query_one(CoderSide)._code.path == first.code
            accepted = [c for c in tui_ws.codings(doc="R01") if c.origin == "accepted-suggestion"]
            assert [(c.code, c.start, c.end) for c in accepted] == [(first.code, first.start, first.end)]
            await pilot.press("n")
            second = view.suggestions_in(*view.selection)[0]
            assert second.id != first.id
            await pilot.press("r")
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [second.id]
            assert len(tui_ws.suggestions(doc="R01")) == 1
            assert len(view.suggestions_in(0, len(view.doc.text))) == 1
            await pilot.press("n", "n")  # the one left, then past it: back to it, said (it jumped back unsaid)
            assert screen._last_action.startswith("Back to the first suggestion: Suggested here: "), screen._last_action
    run(scenario)


def test_mouse_drag_selects_characters(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            y = view.line_of(view.doc.units[0].start)
            start = view.offset_at(10, y)
            await pilot.mouse_down(view, offset=(10, y))
            await pilot.hover(view, offset=(30, y))
            await pilot.mouse_up(view, offset=(30, y))
            await pilot.pause()
            assert view.selection == (start, view.offset_at(30, y))
    run(scenario)


def test_errors_are_notifications_not_crashes(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("x")  # nothing of mine on the first sentence
            await pilot.press("u")  # nothing to undo
            await pilot.press("a")  # no suggestion here
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("nothing to undo" in m for m in messages)
            assert any("no suggestion" in m for m in messages)
            assert isinstance(app.screen, CoderScreen) and screen.is_attached
    run(scenario)


def test_fast_typing_keeps_key_order(tui_ws):
    """Keys sent in one burst (as a fast typist or a paste of keys does) apply in order:
    the number key codes the sentence the arrows reached; letters typed right after "c"
    filter the picker."""
    from textual import events

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            target = view.doc.units[2]
            for key in ["down", "down", "1", "c", *"docent", "enter"]:
                app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            def new():
                return [c for c in mine(tui_ws) if (c.start, c.end) == (target.start, target.end)]
            assert await until(pilot, lambda: len(new()) >= 2)
            await pilot.pause()
            assert sorted(c.code for c in new()) == ["urgentie", "urgentie/docententekort"]
    run(scenario)


def test_a_selection_grown_in_the_same_burst_is_what_the_number_key_codes(tui_ws):
    """"shift+down 1" sent at once coded the sentence before the selection grew (the screen showed
    "sentences 2-3 … 109 chars selected", the coding held sentence 2): the keys that reshape the
    selection waited in the transcript's queue while the number key ran at once."""
    from textual import events

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            units = view.doc.units
            for keys, (first, last, end_cut) in (
                    (["down", "shift+down", "shift+down", "1"], (1, 3, 0)),
                    (["down", "down", "down", "down", "down", "shift+down", "shift+left", "shift+left", "1"],
                     (5, 6, 2))):
                before = {c.id for c in mine(tui_ws)}
                for key in ["home", *keys]:
                    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))

                def new():
                    return [c for c in mine(tui_ws) if c.id not in before]
                assert await until(pilot, lambda: len(new()) == 1), new()
                await pilot.pause()
                [c] = new()
                assert (c.start, c.end) == (units[first].start, units[last].end - end_cut), (c, units[first], units[last])
                assert (c.start, c.end) == view.selection  # what the screen shows selected
    run(scenario)


def test_a_memo_typed_while_its_dialog_opens_keeps_every_letter(tui_ws):
    """"m" and the memo's words in one burst, as a fast typist sends them: every letter goes into
    the memo, none to the coder screen's keys (where "s" would star the coding)."""
    from textual import events

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down", "4")
            s, e = view.selection
            coding, = [c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]
            for key in ["m", *"snel", "ctrl+s"]:
                app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            assert await until(pilot, lambda: tui_ws.coding(coding.id).memo is not None)
            assert tui_ws.coding(coding.id).memo == "snel" and not tui_ws.coding(coding.id).starred
    run(scenario)


def test_usable_at_80x24(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            nav = str(screen.query_one("NavBar").render())
            assert "F8" in nav and "F1" in nav  # every screen key fits on the top line
            assert view.size.width >= 40 and view.size.height >= 12
            await pilot.press("down", "1")
            s, e = view.selection
            assert any((c.start, c.end) == (s, e) for c in mine(tui_ws))
            status = str(screen.query_one("#coder-status").render())
            assert len(status.rstrip()) <= 80 and "sentence 2" in status  # the position or the change there
    run(scenario)


def test_a_change_made_elsewhere_noticed_as_the_app_quits_is_harmless(tui_ws, tui_project):
    """The watch for changes made elsewhere ticked once more while the app was quitting (a
    model trained in a worker had just committed): the coder screen, its widgets already
    taken down, failed to find its code tree and the quit ended in an exception (seen on CI)."""
    from sto_qual.services import Workspace
    held = {}

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            held["screen"] = await open_coder(pilot)
    run(scenario)
    other = Workspace.open(tui_project)  # another program commits
    doc = other.documents()[0]
    other.assign_code(doc.id, "urgentie", unit=other.units(doc.id)[2].id, coder="tweede")
    other.close()
    screen = held["screen"]
    assert not list(screen.children)  # taken down with the app
    screen.project_changed()  # what the watch's last tick calls: nothing to reload, no exception


def test_x_inside_a_longer_coding_says_the_coding_was_split(tui_ws):
    """x on the middle sentence of a three-sentence coding split it in two and said only
    "Removed: …"; the code's count went up and looked like a mistake."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            s, e = await docent_on(pilot, view, "down", "shift+down", "shift+down")
            await pilot.press("up", "down", "down")  # the middle sentence alone
            ms, me = view.selection
            assert s < ms and me < e
            await pilot.press("x")
            assert await until(pilot, lambda: not any((c.start, c.end) == (s, e) for c in mine(tui_ws)))
            parts = sorted((c.start, c.end) for c in mine(tui_ws) if c.code == "urgentie/docententekort"
                           and s <= c.start and c.end <= e)
            assert len(parts) == 2 and parts[0][0] == s and parts[1][1] == e
            status = str(screen.query_one("#coder-status").render())
            assert "Split: " in status and "two now" in status, status  # first: the line is cut at 80 columns
            # u joins it again; X on the middle sentence removes the whole coding, all three sentences
            await pilot.press("u")
            assert await until(pilot, lambda: any((c.start, c.end) == (s, e) for c in mine(tui_ws)))
            await pilot.press("X")
            assert await until(pilot, lambda: not any(c.code == "urgentie/docententekort" and s <= c.start and c.end <= e
                                               for c in mine(tui_ws)))
            assert "whole coding" in str(screen.query_one("#coder-status").render())
    run(scenario)


def test_coding_over_part_of_a_coding_of_that_code_joins_it(tui_ws):
    """Two sentences coded with a code, then three sentences that overlap them coded with the
    same code: one coding over all three (it used to be two overlapping codings, the text
    counted twice); u takes it back to the first; the same selection again says already coded."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            s1, e1 = await docent_on(pilot, view, "down", "down", "shift+down")
            n = view.unit_at(s1) + 1
            assert f"Coded: Docententekort on R01, sentences {n}-{n + 1}" in str(screen.query_one("#coder-status")
                                                                                 .render())
            await pilot.press("up", "shift+down", "shift+down")  # one sentence before, into the coding
            s2, e2 = view.selection
            assert s2 < s1 < e2 < e1 or s2 < s1 < e2 <= e1
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == (s2, e1) for c in mine(tui_ws)))
            here = [c for c in mine(tui_ws) if c.code == "urgentie/docententekort" and c.start < e1 and c.end > s2]
            assert [(c.start, c.end) for c in here] == [(s2, e1)]
            assert "Joined:" in str(screen.query_one("#coder-status").render())
            await pilot.press("c", *"docent", "enter")  # the same selection again: inside the coding
            await pilot.pause()
            assert len([c for c in mine(tui_ws) if c.code == "urgentie/docententekort"
                        and c.start < e1 and c.end > s2]) == 1
            await pilot.press("u")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e1) for c in mine(tui_ws)))
    run(scenario)


def test_undo_and_redo_of_a_join_name_the_whole_passage(tui_ws):
    """Two codings of a code with a sentence between them, then a selection over all three
    coded with it: one coding joins them. u said "Undid: join of Docententekort on R01,
    sentence N" for one sentence of the three it changed; u and U name the whole passage."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            s1, _ = await docent_on(pilot, view, "down", "down")
            _, e2 = await docent_on(pilot, view, "down", "down")
            n = view.unit_at(s1) + 1
            await pilot.press("up", "up", "shift+down", "shift+down")
            assert view.selection == (s1, e2)
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e2) for c in mine(tui_ws)))
            status = screen.query_one("#coder-status")
            await pilot.press("u")
            assert await until(pilot, lambda: not any((c.start, c.end) == (s1, e2) for c in mine(tui_ws)))
            assert f"Undid: join of ‘Docententekort’ on R01, sentences {n}-{n + 2}" in str(status.render())
            await pilot.press("U")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e2) for c in mine(tui_ws)))
            assert f"Redid: join of ‘Docententekort’ on R01, sentences {n}-{n + 2}" in str(status.render())
    run(scenario)


def test_coding_the_sentence_beside_a_coding_says_the_coding_grew_and_is_still_one(tui_ws):
    """The next sentence of the same turn coded with the code of the sentence before it: the
    coding grows over it. The line said "it was on part of this already" (it was not; it lay
    beside it) and a coder who watched the count for a +1 saw none: it says the coding beside
    the selection grew and that it is still one coding."""
    async def scenario():
        async with headless(tui_ws, size=(220, 40)) as (app, pilot):
            screen, view, s1, e1, n = await sixth_sentence_coded(pilot)
            await pilot.press("down")
            s, e = view.selection
            assert s >= e1
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e) for c in mine(tui_ws)))
            line = str(screen.query_one("#coder-status").render())
            assert (f"Joined: one coding of Docententekort now covers R01, sentences {n}-{n + 1} "
                    "(one lay right beside this; still one coding; u undoes)") in line, line
            await pilot.press("u")  # undo names it as the line did: a join
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e1) for c in mine(tui_ws)))
            assert f"Undid: join of ‘Docententekort’: back to R01, sentence {n}" in \
                str(screen.query_one("#coder-status").render())
            await pilot.press("up", "shift+down")  # a selection that takes in the coded sentence
            over = view.selection
            assert over[0] < e1 and over[1] > s1, (over, s1, e1)
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == over for c in mine(tui_ws)))
            assert len([c for c in mine(tui_ws) if c.start < e1 and c.end > s1]) == 1
            line = str(screen.query_one("#coder-status").render())
            assert "(it was on part of this already; still one coding; u undoes)" in line, line
    run(scenario)


def test_undo_and_redo_of_a_widening_say_where_the_coding_is_now(tui_ws):
    """A coding widened over the next sentence, then u: "Undid: span of …, sentence 53" left a
    coder unsure whether the coding was gone; it says the coding is back to its sentence."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, view, s1, e1, n = await sixth_sentence_coded(pilot)
            await pilot.press("shift+down")
            s, e = view.selection
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e) for c in mine(tui_ws)))
            status = screen.query_one("#coder-status")
            await pilot.press("u")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e1) for c in mine(tui_ws)))
            assert f"Undid: join of ‘Docententekort’: back to R01, sentence {n}" in str(status.render())
            await pilot.press("U")
            assert await until(pilot, lambda: any((c.start, c.end) == (s1, e) for c in mine(tui_ws)))
            assert f"Redid: join of ‘Docententekort’: now on R01, sentences {n}-{n + 1}" in str(status.render())
    run(scenario)


def test_a_suggestion_made_while_away_shows_in_the_here_panel_on_return(tui_ws):
    """After training in F4, F3's Here panel said "No codes here" on a sentence with a new
    pending suggestion until the cursor moved: it was drawn before the view had them."""
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press(*["down"] * 40)
            unit = tui_ws.units("R01")[view.cursor_index]
            assert "suggested" not in str(screen.query_one(HerePanel).render())
            tui_ws.review_service.propose([(unit.id, "urgentie/arbeidsmarkt", "model", "model 0.77", 0.77)])
            app.changed_codings()  # as F4 does after training
            await pilot.press("f2")
            await pilot.press("f3")
            await pilot.pause()
            shown = str(screen.query_one(HerePanel).render())
            assert "suggested" in shown and "model 0.77 · a accept" in shown, shown  # the confidence once
    run(scenario)


def test_coding_a_selection_over_two_speakers_says_so(tui_ws):
    """A selection from one speaker's turn into the next makes one coding over both, as selected;
    the status line says it holds two speakers' words, since a quote of it takes one speaker's."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            turns = screen.doc.turns
            k = next(i for i in range(1, len(turns) - 1) if turns[i].speaker and turns[i + 1].speaker
                     and turns[i].speaker != turns[i + 1].speaker)
            view.select_span(turns[k].end - 10, turns[k + 1].start + 10)
            await pilot.pause()
            s, e = view.selection
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any(c.start <= s and c.end >= e for c in mine(tui_ws)))
            status = str(screen.query_one("#coder-status").render())
            assert "2 speakers (a quote takes one speaker's words)" in status, status
            # the definition beside the text is the code just applied (it stayed on the tree's code)
            from sto_qual.tui.widgets.panels import CoderSide
            applied = next(c for c in mine(tui_ws) if c.start <= s and c.end >= e).code
            assert screen.query_one(CoderSide)._code.path == applied
    run(scenario)


def test_coding_only_the_interviewers_question_says_so(tui_ws):
    """`/herken` landed on the interviewer's "Herkennen jullie dat?", and `t` then `9` coded it
    without a word: the status line says it is the interviewer's words only."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            question = next(t for t in screen.doc.turns[2:] if (t.role or "").lower() == "interviewer")
            view.select_span(question.start, question.end)
            await pilot.pause()
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any(c.start <= question.start and c.end >= question.end
                                                  for c in mine(tui_ws)))
            said = screen._last_action
            assert "the interviewer's words only (the chapter quotes no question; u undoes)" in said, said
            # marked as a warning (⚠): a coder coding fast nearly missed the line
            assert screen._last_kind == "warning"
            assert "⚠" in str(screen.query_one("#coder-status").render())
    run(scenario)


@pytest.mark.parametrize("size", [(110, 32), (80, 24)])
def test_the_here_panel_shows_the_coders_own_codings_and_memos_first(tui_ws, size):
    """At 110x32 a coder's Here panel showed a colleague's coding and long memo, then stopped:
    her own coding and memo on that sentence were cut off below. Her own come first and whole;
    a colleague's memo takes one line."""
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario():
        async with headless(tui_ws, size=size) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press(*["down"] * 12)
            unit = tui_ws.units("R01")[view.cursor_index]
            long = "Dit is een lange memo van een collega " * 6
            theirs = tui_ws.assign_code("R01", "urgentie", unit=unit.id, coder="collega")
            tui_ws.set_memo(theirs.id, long.strip(), coder="collega")
            own = tui_ws.assign_code("R01", "vmbo-in-the-lead", unit=unit.id, coder=screen.coder)
            tui_ws.set_memo(own.id, "mijn eigen memo " + "met een lange toelichting " * 12, coder=screen.coder)
            app.changed_codings()
            await pilot.press("f2")
            await pilot.press("f3")
            await pilot.pause()
            shown = str(screen.query_one(HerePanel).render())
            assert screen.coder in shown and "collega" in shown, shown
            assert shown.index(screen.coder) < shown.index("collega"), shown
            assert "✎ mijn eigen memo" in shown and "(m opens it)" in shown, shown  # three lines at most
            assert "collega" in shown and shown.index("(m opens it)") < shown.index("collega"), shown
            painted = "\n".join(strip.text for strip in screen._compositor.render_strips())
            assert "collega" in painted, painted  # in view, not below the panel's edge (80x24 hid it)
            theirs_line = next((x for x in shown.splitlines() if "lange memo" in x), None)
            if theirs_line is None:  # no room for her memo's line (80x24): her coding's line marks it
                assert "collega ✎" in shown, shown
                # with the memo's first words as far as the line goes ("collega ✎" alone said nothing)
                line = next(x for x in shown.splitlines() if "collega ✎" in x)
                assert "collega ✎ Dit is een" in line and line.rstrip().endswith("…"), line
                assert len(line) <= screen.query_one(HerePanel).size.width, line
            else:
                width = screen.query_one(HerePanel).size.width
                assert theirs_line.rstrip().endswith("…") and len(theirs_line) <= width
    run(scenario)


def test_codings_the_here_panel_has_no_room_for_are_counted_not_cut_off(tui_ws):
    """At 80x24 a coder's second coding of a sentence and a colleague's vanished below the first
    one's memo, and nothing said there were more."""
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            screen, _unit, _made = await sentence_with(pilot, tui_ws, [
                (code, who, f"memo van {who or 'onderzoeker-a'} bij {code}")  # (the coder at work)
                for code, who in (("vmbo-in-the-lead", None), ("urgentie", None),
                                  ("collectief-optrekken", "collega"), ("financieringsonzekerheid", "collega"))])
            panel = screen.query_one(HerePanel)
            shown = str(panel.render())
            painted = "\n".join(strip.text for strip in screen._compositor.render_strips())
            more = re.search(r"\+(\d) more here", shown)
            assert more and f"+{more.group(1)} more here" in painted, (shown, painted)
            listed = sum(label in shown for label in ("Vmbo in the lead", "Urgentie", "Collectief optrekken",
                                                      "Financieringsonzekerheid"))
            assert listed + int(more.group(1)) == 4, shown
            assert len(shown.splitlines()) <= panel.size.height, shown
    run(scenario)


def test_the_star_chooser_shows_each_passage_on_one_line_cut_at_a_word(tui_ws):
    """s on a sentence with two of a coder's codings: each passage's start wrapped onto a second
    line, cut mid-word ("een derde v")."""
    from textual.widgets import OptionList

    from sto_qual.tui.modals import ChoiceModal

    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            text = tui_ws.document_text(tui_ws.document("R01").id)
            long = next(i for i, u in enumerate(tui_ws.units("R01")) if u.end - u.start > 90)
            _screen, unit, _made = await sentence_with(pilot, tui_ws, [("vmbo-in-the-lead", None, None),
                                                                       ("urgentie", None, None)], moves=long)
            assert unit.end - unit.start > 90, text[unit.start:unit.end]
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            options = app.screen.query_one(OptionList)
            texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert len(texts) == 2 and all(t.rstrip().endswith(("…", ".")) for t in texts), texts
            assert all(len(t) <= options.size.width - 2 for t in texts), (texts, options.size.width)
    run(scenario)


def test_starring_a_passage_the_report_cannot_quote_says_so(tui_ws):
    """A coder starred a passage as a good quote; the report left it out of its appendix ("cannot
    be understood without the sentence before"), said only on report's stderr. The star now says
    so at once, on the status line and in a warning; a passage that stands on its own is
    starred without a word more. u takes the warning away with the star (it stayed up while the
    status line said "Undid: star …")."""
    from sto_qual.domain.quote_standing import LOST_REFERENT_OPENERS, first_word

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            units, text, turns = view.doc.units, view.doc.text, view.doc.turns
            # an answer opening "Ja, …"/"Maar …" right after another respondent's turn: nothing before it to
            # take in (the interviewer's question would be printed before it, a colleague's words are not)
            i = next(k for k, u in enumerate(units) if k and units[k - 1].turn != u.turn
                     and turns[units[k - 1].turn].role not in (None, "interviewer")
                     and first_word(text[u.start:u.end]) in LOST_REFERENT_OPENERS)
            await pilot.press(*["down"] * i, "1")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            status = str(screen.query_one("#coder-status").render())
            assert "Starred" in status and "leave it out" in " ".join(status.split()), status
            notes = [n.message for n in app._notifications]
            assert notes and "leave it out" in notes[-1]
            await pilot.press("u")
            await pilot.pause()
            assert "Undid: star" in str(screen.query_one("#coder-status").render())
            assert not list(app._notifications)  # the popup of the star undone is gone
            # one right after the interviewer's question is quoted after it
            j = next(k for k, u in enumerate(units) if k > i and units[k - 1].turn != u.turn
                     and turns[units[k - 1].turn].role == "interviewer"
                     and text[units[k - 1].start:units[k - 1].end].strip().endswith("?")
                     and first_word(text[u.start:u.end]) in LOST_REFERENT_OPENERS)
            await pilot.press(*["down"] * (j - i), "1")
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()
            status = " ".join(str(screen.query_one("#coder-status").render()).split())
            assert "Starred" in status and "leave it out" not in status, status
            # how the appendix prints it is a popup too: the status line dropped it at 120 columns
            told = [n.message for n in app._notifications][-1]
            assert "Good to know, nothing to do: " in told and "where its speaker's answer starts, after what the interviewer asked" in told
    run(scenario)


def test_the_coders_own_memo_takes_the_room_the_here_panel_has(tui_ws):
    """At 120x40 a coder's memo showed as "✎ Kern van het eiland… (m opens it)" on one line, with
    three empty lines below it in the panel: one line was kept for panels under twelve lines.
    Her memo now takes up to three lines where the panel has them; the painted panel shows its end."""
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario():
        async with headless(tui_ws, size=(120, 40)) as (app, pilot):
            memo = "Kern van het eiland: PIE blijft alleen als de besturen samen de bovenbouw dragen."
            screen, _unit, _made = await sentence_with(pilot, tui_ws, [("vmbo-in-the-lead", None, memo)])
            panel = screen.query_one(HerePanel)
            assert panel.size.height < 12  # the short panel that kept one line
            shown = str(panel.render())
            assert "(m opens it)" not in shown and memo in " ".join(shown.split()), shown  # whole, on three lines
            painted = "\n".join(strip.text for strip in screen._compositor.render_strips())
            assert "bovenbouw dragen." in painted, painted
    run(scenario)


def test_the_status_line_drops_what_the_last_key_did_once_the_project_changed_elsewhere(tui_ws, tui_project):
    """After `sto-qual undo` in another terminal took a coding back, F3's status line still said
    "Coded: …" (or "Joined: … now covers sentences 30-33") as if it stood."""
    from sto_qual.services import Workspace
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press(*["down"] * 12)
            await pilot.press("1")
            await pilot.pause()
            status = lambda: str(screen.query_one(StatusLine).render())  # noqa: E731
            assert "Coded" in status() or "Joined" in status(), status()
            other = Workspace.open(tui_project)
            other.undo(screen.coder)
            other.close()
            assert await until(pilot, lambda: "Coded" not in status() and "Joined" not in status()), status()
            assert "Your coding here (" in status() and "removed elsewhere" in status()  # what happened to it
            await pilot.press("down", "up")
            assert await until(pilot, lambda: "sentence 13/" in status()), status()  # the position came back
    run(scenario)


def test_the_memo_on_a_document_opens_again_with_its_text_and_shows_where_it_is(tui_ws):
    """m where the coder has no coding writes her memo on the document. It said "memo added to
    document R01" and was never seen again: m there opened an empty editor (adding a second
    memo), and neither the Here panel nor F2 showed that the document had one."""
    from textual.widgets import DataTable, TextArea

    from sto_qual.tui.modals import MemoModal
    from sto_qual.tui.widgets.panels import HerePanel

    async def scenario(text, more):
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down")
            assert not [m for m in screen.view.marks_in(*screen.view.selection) if m.coder == screen.coder]
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal) and app.screen.query_one(TextArea).text == text
            await pilot.press("ctrl+end", *more, "ctrl+s")
            await pilot.pause()
            assert "Memo on document R01 saved" in str(screen.query_one("#coder-status").render())
            assert f"Your memo on R01 (m opens it):\n{text}{more}" in str(screen.query_one(HerePanel).render())
            await pilot.press("f2")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert str(table.get_row_at(0)[0]) == "R01 ✎"
    run(lambda: scenario("", "eilandregio"))
    run(lambda: scenario("eilandregio", ", veer"))  # the next session: the memo as she left it, edited
    assert [m["text"] for m in tui_ws.memo_list("R01")] == ["eilandregio, veer"]


def test_a_memo_typed_while_its_document_is_deleted_elsewhere_is_kept_in_a_file(tui_ws, tui_project):
    """A document deleted in another terminal while its memo was being typed: the save failed
    with "unknown document '22'", the text was gone, and the deleted document stayed open (every
    key met the same error). Now the text goes to a file the message names, and the Coder moves
    off the document."""
    from sto_qual import config
    from tui_support import elsewhere

    from sto_qual.tui.modals import MemoModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            await pilot.press(*"krimp speelt hier")
            elsewhere(tui_project, lambda ws: ws.delete_document("R01"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            said = [n.message for n in app._notifications if "was deleted in another window" in n.message]
            assert said and "its text is kept in " in said[0], [n.message for n in app._notifications]
            kept = Path(said[0].split("its text is kept in ")[1])
            assert kept.parent == config.data_home() / "unsaved"
            assert kept.read_text(encoding="utf-8") == "krimp speelt hier\n"
            assert await until(pilot, lambda: screen.doc is None or screen.doc.name != "R01")
            assert not any("unknown document" in n.message for n in app._notifications)
    run(scenario)


def test_a_long_status_message_says_less_rather_than_being_cut(tui_ws):
    """At 100 columns the join's line ended "… (it was on part of this al…": cut mid-word. A
    message too long for the line drops its closing aside instead, and is never cut."""
    async def scenario():
        async with headless(tui_ws, size=(100, 30)) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            s1, e1 = await docent_on(pilot, view, "down", "down", "shift+down")
            await pilot.press("up", "shift+down", "shift+down")
            s2, _ = view.selection
            await pilot.press("c", *"docent", "enter")
            assert await until(pilot, lambda: any((c.start, c.end) == (s2, e1) for c in mine(tui_ws)))
            line = str(screen.query_one("#coder-status").render()).rstrip()
            assert "Joined: one coding of Docententekort now covers R01, sentences" in line, line
            assert not line.endswith("…") and len(line) <= 100, line
    run(scenario)


def test_the_coder_opens_where_the_coder_left_off(tui_ws):
    """After a restart the workbench opened the first interview at sentence 1 (a coder who had
    stopped at sentence 75 had to find her place again). F3 opens the document she read last at
    the sentence she was on, and each document she goes back to opens where she left it."""
    held = {}

    async def first():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            await pilot.press(*["down"] * 12)
            held["R02"] = screen.view.cursor_index
            app.open_document(tui_ws.document("R01").id)
            await pilot.pause()
            await pilot.press(*["down"] * 5)
            held["R01"] = screen.view.cursor_index
            assert held["R01"] != held["R02"]

    async def second():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CoderScreen) and screen.doc.name == "R01"
            assert screen.view.cursor_index == held["R01"]
            app.open_document(tui_ws.document("R02").id)
            await pilot.pause()
            assert screen.doc.name == "R02" and screen.view.cursor_index == held["R02"]
    run(first)
    run(second)


def test_the_documents_list_opens_on_the_document_read_last(tui_ws):
    """After a restart the list opened on its first row: Enter opened R01 when the coder had
    stopped in R07. It opens on the document she read last, so Enter goes on with it."""
    async def read(name):
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot, name)

    async def row_after_restart():
        async with headless(tui_ws) as (app, pilot):
            table = app.screen.query_one("#doc-table")
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    run(lambda: read("R07"))
    assert run(row_after_restart) == str(tui_ws.document("R07").id)

    async def back_to_the_list():  # F2 again after the Coder's d opened another document: on that one
        async with headless(tui_ws) as (app, pilot):
            table = app.screen.query_one("#doc-table")
            await open_coder(pilot, "R02")
            await pilot.press("f2")
            await pilot.pause()
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    assert run(back_to_the_list) == str(tui_ws.document("R02").id)


def test_the_themes_a_coder_opened_in_the_tree_are_open_after_a_restart(tui_ws):
    """After a restart every theme was closed again ("▶ 1 ■ Urgentie 8 [2-8]"): a coder who codes
    with sub-codes opened her themes anew each session. Another coder's tree is her own."""
    from sto_qual.tui.settings import Settings

    async def opened(coder, theme=None, close=None):
        async with headless(tui_ws, settings=Settings(coder=coder)) as (app, pilot):
            screen = await open_coder(pilot)
            nodes = screen.code_tree._code_nodes
            if theme:
                nodes[theme].expand()
            if close:
                nodes[close].collapse()
            await pilot.pause()
            return sorted(p for p, n in nodes.items() if n.is_expanded)
    assert run(lambda: opened("onderzoeker-a", "urgentie")) == ["urgentie"]
    assert run(lambda: opened("onderzoeker-a", "collectief-optrekken")) == ["collectief-optrekken", "urgentie"]
    assert run(lambda: opened("onderzoeker-a", close="urgentie")) == ["collectief-optrekken"]
    assert run(lambda: opened("onderzoeker-a")) == ["collectief-optrekken"]
    assert run(lambda: opened("onderzoeker-b")) == []


def test_the_place_is_kept_within_a_second_of_moving_while_the_coder_is_open(tui_ws):
    """Killed (kill -9) a moment after moving three sentences on, the workbench reopened at the
    sentence before them: the place was kept every five seconds."""
    from sto_qual.services import reading_place

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            await pilot.press(*["down"] * 9)
            at = screen.view.doc.units[screen.view.cursor_index].start
            doc = tui_ws.document("R02").id
            # still open (nothing kept on leaving); a busy machine fires the one-second timer late
            assert await until(pilot, lambda: reading_place.place_in(tui_ws, app.coder, doc) == at, timeout=3.0)
    run(scenario)


def test_u_in_the_coder_leaves_an_edit_made_in_the_synthesis_and_says_where_it_is_undone(tui_ws):
    """After a restart a coder pressed u in the Coder to take back her last coding; it took back
    her reviewed theme summary instead (at 80 columns the line said only "Undid")."""
    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            screen = await open_coder(pilot)
            tui_ws.synthesis().set_text("Mijn eigen samenvatting van de urgentie.", theme="urgentie", coder=app.coder)
            await pilot.press("u")
            await pilot.pause()
            line = str(screen.query_one("#coder-status").render())
            assert "u on F9 undoes your next step, the" in line and "theme summary" in line, line
            # where it is undone comes first: at 110 columns the line was cut before it ("…, made in the…")
            painted = "\n".join(strip.text for strip in screen._compositor.render_strips())
            assert "u on F9 undoes your next step" in painted, painted
            assert tui_ws.synthesis().theme("urgentie")["text"].startswith("Mijn eigen samenvatting")
    run(scenario)


def test_find_says_when_a_word_occurs_only_once_or_it_went_back_to_the_top(tui_ws):
    """/ on a word with one occurrence re-selected it without a word, and a coder kept looking for
    a next one; going round to the first place was not said either."""
    from textual.widgets import Input

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            text = screen.doc.text.lower()
            once = next(w for w in ("lumpsum", "eiland", "lasrobot") if text.count(w) == 1)
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one(Input).value = once
            await pilot.press("enter")
            await pilot.pause()
            line = str(screen.query_one("#coder-status").render())
            assert f"occurs only here in {screen.doc.name}; Esc selects its sentence" in line, line
            # a word found elsewhere: only the word is selected, and the way to its sentence is said
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one(Input).value = "de"
            await pilot.press("enter")
            await pilot.pause()
            line = str(screen.query_one("#coder-status").render())
            s, e = screen.view.selection
            # which one of how many (a coder had no count to go by)
            # the words that begin so, whole (it selected "gen" inside "eigenlijk", and a key coded it)
            found = [m.start() for m in re.finditer(r"(?<!\w)de\w*", screen.doc.text, re.IGNORECASE)]
            assert f"“de” {found.index(s) + 1} of {len(found)} selected (the word only); Esc selects its sentence" \
                in line, line
            assert re.fullmatch(r"de\w*", screen.doc.text[s:e].lower()) and not screen.doc.text[e:e + 1].isalnum()
            await pilot.press("escape")
            unit = next(u for u in screen.doc.units if u.start <= s < u.end)
            assert screen.view.selection == (unit.start, unit.end)
            # / Enter again on that sentence finds the next one (it found the same word again)
            await pilot.press("slash")
            await pilot.pause()
            assert app.screen.query_one(Input).value == "de"
            await pilot.press("enter")
            await pilot.pause()
            assert screen.view.selection[0] == found[found.index(s) + 1], (s, screen.view.selection)
            # found, then a number key: the line says a word was coded, not "sentence N"
            await pilot.press("slash")
            await pilot.pause()
            app.screen.query_one(Input).value = once
            await pilot.press("enter", "1")
            assert await until(pilot, lambda: "Coded:" in str(screen.query_one("#coder-status").render()))
            line = str(screen.query_one("#coder-status").render())
            n = screen.view.unit_at(screen.view.selection[0]) + 1
            assert f"part of sentence {n} (“" in line and once in line.lower(), line
    run(scenario)


def test_next_turn_goes_past_an_extended_selection_as_next_sentence_does(tui_ws):
    """After shift+↓ into the next speaker's turn, `j` went past the selection but `]` to the
    next turn of the cursor's sentence, inside the selection: `] ]` then landed on the question
    after it, and a coder coded question and answer."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            turns = view._unit_turns
            i = next(k for k in range(1, len(turns) - 3) if turns[k] != turns[k + 1] != turns[k + 2])
            view.move_to_unit(i)
            await pilot.pause()
            await pilot.press("shift+down")  # into the next turn
            assert view.selection[1] == view.doc.units[i + 1].end
            await pilot.press("right_square_bracket")
            assert view.cursor_index == i + 2  # the turn after the selection's, not the selection's own
            view.move_to_unit(i)
            await pilot.pause()
            await pilot.press("shift+down", "j")
            assert view.cursor_index == i + 2  # as j does
    run(scenario)


def test_a_theme_without_sub_codes_lines_up_with_the_themes_that_have_them(tui_ws):
    """In the tree a theme without sub-codes stood a column left of the others (no ▶), its key
    and colour out of line with theirs."""
    from sto_qual.tui.widgets.codetree import CodeTree
    tui_ws.add_code("borging")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.query_one(CodeTree)
            lines = [tree.render_line(y).text for y in range(tree.size.height)]
            flat = next(line for line in lines if "Borging" in line)
            theme = next(line for line in lines if "▶" in line)
            assert flat.index("■") == theme.index("■"), (flat, theme)
    run(scenario)


def test_the_side_with_the_code_tree_shows_when_it_has_the_keys(tui_ws):
    """After Tab a coder pressed j and the code tree's cursor moved instead of the sentence:
    nothing showed that the keys had gone to the tree. Its side's border turns thick in the
    accent colour while the tree has them, as F5's tree does."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            side = screen.query_one("#coder-side")
            assert screen.view.has_focus and side.styles.border_left[0] == "tall"
            await pilot.press("tab")
            await pilot.pause()
            assert not screen.view.has_focus and side.styles.border_left[0] == "thick"
            # h there collapses the theme, as F1 lists it (it hid the suggestions instead)
            tree = screen.code_tree
            theme = tree.cursor_node
            await pilot.press("right")
            await pilot.pause()
            assert theme.is_expanded
            await pilot.press("h")
            await pilot.pause()
            assert not theme.is_expanded and screen.show_suggestions
            screen.view.focus()  # and back to the text
            await pilot.pause()
            assert side.styles.border_left[0] == "tall"
            await pilot.press("h")  # in the text, h hides the suggestions
            assert not screen.show_suggestions
    run(scenario)


def test_a_number_key_on_what_another_window_just_coded_says_so_and_not_coded(tui_ws, tui_project):
    """Two windows of one coder pressed 1 on the same sentence 0.2 s apart: both said "Coded: …
    (u undoes)", one coding was stored, and u in the second then asked about the first window's
    step."""
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, view, s, e, made = await coded_in_another_window(pilot, tui_project)
            code = made.code
            await pilot.press("1")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "Coded" not in status, status
            said = [n.message for n in app._notifications]
            assert any("already coded" in m and "in another window" in m for m in said), said
            here = [c for c in mine(tui_ws) if (c.start, c.end, c.code) == (s, e, code)]
            assert len(here) == 1 and any(m.id == here[0].id for m in view.marks_in(s, e))
    run(scenario)


def test_a_refused_undo_says_so_first(tui_ws, tui_project):
    """u on a coding another coder gave a memo since: the status line read "the coding of
    ‘Urgentie’ on R01 (#762) was given a memo or star since (its memo, by …); nothing was…", in
    lower case and cut before it said nothing was undone."""
    from sto_qual.services import Workspace
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, coded = await coded_here(pilot)
            other = Workspace.open(tui_project)
            other.set_memo(coded.id, "Zie ook R03.", coder="onderzoeker-b")
            other.close()
            # the change noticed first, as the watch does within a second: noticed after the u (on a busy
            # machine) it cleared the message the test reads, as a change made elsewhere does
            app.watch_project()
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "Cannot undo, nothing changed: " in status, status
            said = next(n.message for n in app._notifications if n.message.startswith("Cannot undo"))
            assert said.count("nothing") == 1, said  # (the refusal's own "; nothing was changed": not twice)
            assert any(c.id == coded.id for c in mine(tui_ws))
    run(scenario)


def test_a_starred_coding_with_a_memo_that_runs_into_the_next_turn_shows_its_memo_mark(tui_ws):
    """A coding of a speaker's last sentence and the interviewer's question after it, starred and
    with a memo: ★ on its first line, and no ✎ anywhere (the ✎ goes on the second line, which
    began a new turn)."""
    from sto_qual.tui.widgets.transcript.layout import BLANK, HEADER

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            turns = tui_ws.turns("R01")
            first, second = turns[3], turns[4]
            text = tui_ws.document_text(tui_ws.document("R01").id)
            end = second.start + len(text[second.start:second.end].split(".")[0]) + 1
            coded = tui_ws.assign_code("R01", "urgentie", start=first.end - 10, end=end, memo="lacht erbij",
                                       starred=True)
            assert coded.starred and coded.memo
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            lay = view._layout
            text_lines = [i for i, kind in enumerate(lay.kind) if kind not in (BLANK, HEADER)]
            top = next(i for i in text_lines if lay.start[i] <= coded.start < lay.end[i])
            below = next(i for i in text_lines if i > top)
            assert lay.start[below] >= second.start - 1  # the next text line is the next turn's
            assert view._build_line(top, 100).text[1] == "★"
            assert view._build_line(below, 100).text[1] == "✎"
    run(scenario)


def test_a_join_another_window_made_a_moment_ago_is_not_claimed_again(tui_ws, tui_project):
    """Both windows said "Joined: one coding of … now covers sentences 56-57" when the key in the
    second one met the join the first had just stored; u there then asked about the other
    window's step."""
    from sto_qual.services import Workspace
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press(*["down"] * 12, "1")
            assert await until(pilot, lambda: "Coded" in str(screen.query_one(StatusLine).render()))
            code = screen.code_tree.quick[0]
            await pilot.press("j")  # the next sentence of the same turn, which a key would join
            s, e = view.selection
            other = Workspace.open(tui_project)  # the other window joins it first
            other.assign_code("R01", code, start=s, end=e, coder=screen.coder, widen=True)
            other.close()
            joined = [c for c in mine(tui_ws) if c.code == code and c.start <= s and e <= c.end]
            assert len(joined) == 1
            await pilot.press("1")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "Joined" not in status and "Coded" not in status, status
            assert any("in another window" in n.message for n in app._notifications)
            assert [c.id for c in mine(tui_ws) if c.code == code and c.start <= s and e <= c.end] == [joined[0].id]
    run(scenario)


def test_yes_to_an_undo_question_whose_step_was_undone_meanwhile_undoes_nothing_else(tui_ws, tui_project):
    """u asked "… memo of ‘Urgentie’ on R04. Undo it here?"; another window undid that memo while
    the question was open, and y then deleted the coding before it."""
    from sto_qual.services import Workspace
    from sto_qual.tui.modals import ConfirmModal
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, first = await coded_here(pilot)
            other = Workspace.open(tui_project)
            other.session.record_as("command")  # an analyst's `code` in another terminal
            made = other.assign_code("R01", first.code, unit=None, start=first.start, end=first.end,
                                     coder=screen.coder, memo="vanuit de terminal")
            await pilot.press("u")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
            other.undo(screen.coder)  # that step undone elsewhere while the question is open
            other.close()
            # the workbench has seen that change before y (noticed after y, on a busy CI runner, the
            # change elsewhere cleared the line y wrote, as it clears any message that may be stale)
            assert await until(pilot, lambda: app._project_version == tui_ws.project_version())
            await pilot.press("y")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "Nothing undone" in status and "is no longer your last step" in status, status
            assert tui_ws.coding(made.id) is not None  # the coding before it stays
    run(scenario)


def test_u_after_another_window_undid_this_ones_last_step_asks_before_taking_an_older_one(tui_ws, tui_project):
    """Window A coded a sentence; window B's u (asked, y) undid that; A's u then took back a step
    of an earlier session, unasked ("Undid: coding of Collectief optrekken on R01, sentences
    55-58"). It asks now, naming both steps, and n leaves the older step as it is."""
    from sto_qual.services import Workspace
    from sto_qual.tui.modals import ConfirmModal
    from sto_qual.tui.widgets.panels import StatusLine
    earlier = Workspace.open(tui_project)
    earlier.session.record_as("window:an-earlier-session")
    older = earlier.assign_code("R01", "urgentie", unit=earlier.units("R01")[40].id, coder="onderzoeker-a")
    earlier.close()

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen, first = await coded_here(pilot)
            other = Workspace.open(tui_project)
            other.session.record_as("window:B")
            other.undo(screen.coder)  # B's u, answered y
            other.close()
            # the workbench sees B's change first (seen after the answer, it cleared the answer's note:
            # on a busy machine the watch came late)
            await pilot.pause(0.3)
            await pilot.press("u")
            assert await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
            question = app.screen.question
            await pilot.press("n")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            return question, status
    question, status = run(scenario)
    assert "was undone in another window" in question and "Undo the step before it" in question, question
    assert "Nothing undone" in status, status
    assert tui_ws.coding(older.id) is not None  # the earlier session's step stays


def test_memo_star_and_uncode_act_on_a_coding_another_window_made_a_moment_ago(tui_ws, tui_project):
    """Window B pressed m on the sentence window A had just coded: "No coding of yours here: your
    memo on document R01", and the memo meant for the coding went on the document; s said
    "nothing of yours to star here"."""
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, view, s, e, made = await coded_in_another_window(pilot, tui_project)
            await pilot.press("s")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "Starred" in status and tui_ws.coding(made.id).starred, status
            await pilot.press("m")
            await pilot.pause()
            from sto_qual.tui.modals.prompt import MemoModal
            assert isinstance(app.screen, MemoModal) and app.screen.target == str(made.id), app.screen.title_text
            assert "No coding of yours here" not in app.screen.title_text
    run(scenario)


def test_another_interview_shows_the_tree_cursors_definition_not_the_last_applied(tui_ws):
    """After coding with a number key in R01 and opening R02 (`d`), the Definition panel still
    showed the code applied in R01 beside R02's uncoded first sentence. A new interview shows
    the definition of the code the tree's cursor is on."""
    from sto_qual.tui.screens.coder import CoderSide

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            screen.code_tree.select_code("collectief-optrekken")
            await pilot.pause()
            await pilot.press("down", "1")
            await pilot.pause()
            side = screen.query_one(CoderSide)
            assert side.shown == "urgentie"  # the code key 1 just applied
            app.open_document(tui_ws.document("R02").id)
            await pilot.pause()
            assert screen.doc.name == "R02" and side.shown == "collectief-optrekken"
    run(scenario)


def test_extending_the_selection_down_shows_the_sentence_after_it(tui_ws):
    """At 100×30 a passage grown with shift+↓ sat on the view's last lines, the words after it below
    the edge: a coder could not read on to decide where the passage should end."""
    from sto_qual.tui.widgets.transcript import layout as L

    async def scenario():
        async with headless(tui_ws, size=(100, 30)) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            units = view.doc.units
            height = view.scrollable_content_region.height
            for i in range(len(units) - 3):  # down until the cursor's sentence nears the view's foot
                await pilot.press("down")
                top = int(view.scroll_offset.y)
                if L.line_of(view._layout, units[view.cursor_index].end - 1) >= top + height - 4:
                    break
            k = view.cursor_index
            await pilot.press("shift+down")
            await pilot.pause()
            top = int(view.scroll_offset.y)
            assert view.selection == (units[k].start, units[k + 1].end)
            assert L.line_of(view._layout, units[k + 2].end - 1) < top + height, (k, top, height)
    run(scenario)


def test_a_closing_brace_goes_to_the_next_answer_past_the_interviewers_turns(tui_ws):
    """Coding answer by answer, a coder pressed ] twice to pass the interviewer's question; one
    miscount and she coded the question. } goes to the next turn that is no interviewer's."""
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            turns, units = view.doc.turns, view.doc.units
            landed, hinted = [], []
            for _ in range(6):
                await pilot.press("right_curly_bracket")
                landed.append(units[view.cursor_index].turn)
                # an answer opening with "Nee." (a number key coded those three characters alone):
                # the line says that t takes the whole answer
                u = units[view.cursor_index]
                more = sum(1 for x in units if x.turn == u.turn)
                short = len(view.doc.text[u.start:u.end].split()) <= 3 and more > 1
                said = str(screen.query_one(StatusLine).render())
                assert (f"t selects the whole answer ({more} sentences)" in said) is short, (said, short)
                hinted.append(short)
            assert any(hinted) and not all(hinted), hinted
            # a number key on such a sentence codes it alone, and the line says so and what t does
            for _ in range(60):  # (the document has more such answers; bounded all the same)
                if short:
                    break
                await pilot.press("right_curly_bracket")
                u = units[view.cursor_index]
                short = len(view.doc.text[u.start:u.end].split()) <= 3 and \
                    sum(1 for x in units if x.turn == u.turn) > 1
            assert short
            await pilot.press("1")
            said = str(screen.query_one(StatusLine).render())
            word = view.doc.text[u.start:u.end].strip()
            assert f"(only “{word}”: t selects the whole answer; u undoes)" in said, said
            assert all((turns[t].role or "") != "interviewer" for t in landed), [turns[t].role for t in landed]
            assert landed == sorted(set(landed)) and len(landed) == 6  # each a new answer, in order
            skipped = [t for t in range(landed[0], landed[-1]) if t not in landed]
            assert skipped and all(turns[t].role == "interviewer" for t in skipped)
    run(scenario)


def test_a_joined_emoji_typed_into_a_memo_is_stored_as_typed(tui_ws):
    """"docent 👩‍🔧 tevreden" typed in the memo editor (an emoji picker sends it as keys) was
    stored "docent 👩🔧 tevreden": the field took only printable keys, which the joiner U+200D is
    not, so a woman mechanic became a woman and a wrench."""
    from textual import events
    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    typed = "docent 👩\u200d🔧 tevreden"

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down")
            await pilot.press("1")
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            for char in typed:  # as a terminal sends it: the key with its character (the pilot names U+200D only)
                if char == "\u200d":
                    key = events.Key("zero_width_joiner", char)
                    key.set_sender(app)
                    app._driver.send_message(key)
                    await pilot.pause()
                else:
                    await pilot.press(char)
            await pilot.pause()
            assert app.screen.query_one(TextArea).text == typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            # shown as the transcript paints it, the joiner left out (terminals count it differently): the panel's
            # border moved where it was shown
            here = str(screen.query_one("#here").render())
            assert "docent 👩🔧 tevreden" in here and "\u200d" not in here, here
            return screen.doc.id
    doc_id = run(scenario)
    assert typed in [c.memo for c in tui_ws.codings(doc=doc_id) if c.memo]


def test_a_coding_of_hers_removed_elsewhere_is_said_to_the_coder(tui_ws, tui_project):
    """A colleague's `uncode` took a coding from under the coder's cursor: it vanished and a count went
    from 37 to 36, and nothing on screen or in ctrl+p's messages said so."""
    from sto_qual.services import Workspace
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press(*["down"] * 12, "2")
            await pilot.pause()
            made = max(c.id for c in mine(tui_ws))
            other = Workspace.open(tui_project)
            other.remove_coding(made, coder="lisa")  # a colleague, from the command line
            other.close()
            status = lambda: str(screen.query_one(StatusLine).render())  # noqa: E731
            assert await until(pilot, lambda: "removed elsewhere" in status()), status()
            assert "Your coding here (" in status() and "removed elsewhere by lisa" in status()  # who did it
            assert any("removed elsewhere" in said for said in app.said), app.said
    run(scenario)


def test_the_memo_dialog_opens_with_no_popup_over_its_buttons(tui_ws):
    """`m` right after `s`: the star's popup covered the memo dialog's Save and Cancel at 100x30."""
    from sto_qual.tui.modals import MemoModal

    async def scenario():
        async with headless(tui_ws, toasts=True) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("down", "1")
            await pilot.pause()
            app.notify("Starred: Urgentie on sentence 2. Good to know, nothing to do: …", timeout=8)
            assert app._notifications
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal) and not list(app._notifications)
    run(scenario)


def test_the_star_chooser_marks_the_passage_already_starred(tui_ws, tui_project):
    """s where a coder had two codings, one starred (by a colleague's `star` from the command line): the chooser
    listed both without a ★, and the one picked was unstarred, unasked."""
    from textual.widgets import OptionList

    from sto_qual.tui.modals import ChoiceModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            _screen, _unit, made = await sentence_with(pilot, tui_ws, [("vmbo-in-the-lead", None, None),
                                                                        ("urgentie", None, None)])
            from sto_qual.services import Workspace
            other = Workspace.open(tui_project)  # a colleague's `star` from the command line
            other.star(made[1].id, coder=made[1].coder)
            other.close()
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            options = app.screen.query_one(OptionList)
            texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert sum("★ " in t for t in texts) == 1, texts
    run(scenario)


def test_esc_after_a_whole_turn_goes_to_its_last_sentence_so_j_goes_on_past_it(tui_ws):
    """`t` from a turn's last sentence, a number key, Esc: the cursor went back to the turn's first sentence, and
    the next j x took a sentence out of the middle of the coding just made."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.view
            units = tui_ws.units("R01")
            turns: dict[int, list[int]] = {}
            for i, u in enumerate(units):
                turns.setdefault(u.turn_id, []).append(i)
            first, *_, last = next(ix for ix in turns.values() if len(ix) >= 3)
            await pilot.press(*["down"] * last, "t")
            assert view.selection == (units[first].start, units[last].end)
            await pilot.press("1", "escape")
            await pilot.pause()
            assert view.cursor_index == last, (view.cursor_index, first, last)
            await pilot.press("j")
            assert view.cursor_index == last + 1
    run(scenario)


def test_m_after_s_on_two_codings_opens_the_memo_of_the_one_just_starred(tui_ws):
    """`s`, `2` starred one of two codings; `m` then opened the memo of the other, and the memo typed was saved
    on the coding not meant."""
    from textual.widgets import Select

    from sto_qual.tui.modals import MemoModal

    async def scenario():
        async with headless(tui_ws, size=(80, 24), toasts=True) as (app, pilot):
            _screen, _unit, made = await sentence_with(pilot, tui_ws, [("vmbo-in-the-lead", None, None),
                                                                        ("urgentie", None, None)])
            await pilot.press("s")
            await pilot.pause()
            starred_key = next(k for k, o in zip(app.screen.keys, app.screen.options)
                               if o.value == str(made[0].id))
            await pilot.press(starred_key, "m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            assert app.screen.query_one(Select).value == str(made[0].id)
            assert not list(app._notifications)  # the star's popup does not cover Save and Cancel
    run(scenario)


def test_next_answer_then_t_shows_the_whole_turn_it_selects(tui_ws):
    """A coder pressed } and t, over and over: the answer landed on the view's last lines and t
    selected a turn mostly below the edge, so she coded passages she could not see. } is a jump: the
    answer lands a third down; t brings the whole turn into view when it fits."""
    from sto_qual.tui.widgets.transcript import layout as L

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            view = screen.query_one(TranscriptView)
            height = view.scrollable_content_region.height
            checked = 0
            for _ in range(14):
                await pilot.press("right_curly_bracket", "t")
                await pilot.pause()
                s, e = view.selection
                first, last = L.line_of(view._layout, s), L.line_of(view._layout, e - 1)
                top = int(view.scroll_offset.y)
                if last - first < height - 2:
                    assert top <= first and last <= top + height - 1, (s, e, first, last, top, height)
                    checked += 1
                await pilot.press("escape")
            return checked
    assert run(scenario) >= 10


def test_esc_on_one_sentence_puts_away_the_messages_on_screen(tui_ws):
    """A long warning (the star's, 'Last messages, whole') covered the transcript's last lines for
    thirty seconds, and Esc did nothing. On a selection of one sentence Esc now puts the messages
    away; on a longer selection it still takes it back to one sentence first."""
    async def scenario():
        async with headless(tui_ws, toasts=True) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            await pilot.press("shift+down")
            app.notify("Een lange waarschuwing die de laatste regels bedekt.", timeout=30)
            await pilot.pause()
            await pilot.press("escape")  # the selection first
            await pilot.pause()
            s, e = screen.view.selection
            assert app._notifications and (s, e) == (screen.view._unit_starts[screen.view.cursor_index],
                                                      screen.view._unit_ends[screen.view.cursor_index])
            await pilot.press("escape")  # then the message
            await pilot.pause()
            assert not app._notifications
    run(scenario)


def test_the_memo_box_says_whose_coding_where_another_coder_coded_the_same_code(tui_ws):
    """On a passage both coders gave the same code, m opened "Memo on Docententekort": a coder could
    not tell it was her own coding's memo and not her colleague's."""
    from sto_qual.tui.modals import MemoModal
    from sto_qual.tui.settings import Settings
    a = [c for c in tui_ws.codings(doc="R02") if c.coder == "onderzoeker-a"]
    both = next(c for c in a if any(o.coder == "onderzoeker-b" and o.code == c.code and o.start < c.end
                                    and c.start < o.end for o in tui_ws.codings(doc="R02")))
    alone = next(c for c in a if not any(o.coder != "onderzoeker-a" and o.code == c.code and o.start < c.end
                                         and c.start < o.end for o in tui_ws.codings(doc="R02")))

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            titles = []
            for c in (both, alone):
                screen.view.select_span(c.start, c.end)
                await pilot.pause()
                await pilot.press("m")
                await pilot.pause()
                assert isinstance(app.screen, MemoModal)
                titles.append(app.screen.title_text)
                await pilot.press("escape")
                await pilot.pause()
            return titles
    shared, own = run(scenario)
    assert shared.endswith("(your coding, onderzoeker-a)"), shared
    assert "your coding" not in own, own
