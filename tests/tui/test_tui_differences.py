"""D in the Coder goes from one place two coders differ to the next, as a consensus meeting
goes through them: it selects the passage (a number key codes it as the agreed coding) and the
status line says who coded what there and, coding as the agreed coding, whether it holds it yet."""
from __future__ import annotations

import re

from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.domain.differences import differences
from sto_qual.tui.settings import Settings
from sto_qual.tui.widgets.panels import CoderSide
from sto_qual.tui.widgets.transcript import TranscriptView
from tui_support import headless, run


def test_d_walks_the_differences_and_says_whether_the_agreed_coding_holds_each(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    expected = differences(tui_ws.agreement("onderzoeker-a", "onderzoeker-b", where={"doc": "R02"})["disagreements"])
    assert len(expected) >= 2
    before = tui_ws.codings(doc="R02", coder="consensus")

    def holds(codings, d):
        return any(c.start < d.end and d.start < c.end and c.code == d.code for c in codings)
    # the meeting settled one: the agreed coding takes a code only one of the two gave there
    settled = next(d for d in expected if not holds(before, d))
    tui_ws.assign_code("R02", settled.code, start=settled.start, end=settled.end, coder="consensus")
    held = tui_ws.codings(doc="R02", coder="consensus")

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CoderScreen)
            view = screen.query_one(TranscriptView)
            # in text order, every open one once (two codes on one passage each in turn), then round to
            # the first; the place the meeting settled is passed
            walk = [d for d in expected if d != settled]
            for i in range(len(walk) + 1):
                d = walk[i % len(walk)]
                await pilot.press("D")
                await pilot.pause()
                assert view.selection == (d.start, d.end)
                # the definition panel shows the code in dispute (it kept the one shown before)
                assert screen.query_one(CoderSide).shown == d.code
                note = screen._last_action
                # the place's id and sentences, then the code and who coded it, then where the agreed coding
                # stands (a narrow line cuts the end: at 110 columns the code and coder were cut, at 140 the sentences)
                n = expected.index(d) + 1
                where = f"sentence {d.first}" if d.first == d.last else f"sentences {d.first}-{d.last}"
                assert note.startswith(f"Coders differ here (R02:{n}, {len(expected)} here, {len(walk)} open, {where}): "
                                       f"‘{screen._label(d.code)}’ by {d.coded_by} only · consensus: "), note
                assert note.endswith(f" · consensus: {'coded' if holds(held, d) else 'not coded'}, as started"), note
                # a line the status line cuts (who did not code it) is shown whole in a popup too
                assert len(note) <= app.size.width - 40 or any(x.message == note for x in app._notifications)
    run(scenario)

    async def as_a_coder():  # anyone else walks every place, settled or not
        async with headless(tui_ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            view = app.screen.query_one(TranscriptView)
            for i in range(len(expected) + 1):
                d = expected[i % len(expected)]
                await pilot.press("D")
                await pilot.pause()
                assert view.selection == (d.start, d.end)
                assert app.screen._last_action.startswith("Coders differ here (sentence")
                assert app.screen._last_action.endswith(f" · {i % len(expected) + 1} of {len(expected)} in R02")
    run(as_a_coder)


def test_k_marks_the_place_d_went_to_discussed_and_kept_as_started(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    expected = differences(tui_ws.agreement("onderzoeker-a", "onderzoeker-b", where={"doc": "R02"})["disagreements"])
    total = len(tui_ws.agreed.review("consensus"))

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            screen = app.screen
            view = screen.query_one(TranscriptView)
            await pilot.press("K")  # nothing to mark before D went somewhere
            await pilot.pause()
            assert view.selection != (expected[0].start, expected[0].end)
            assert tui_ws.agreed.progress("consensus")["discussed"] == 0
            await pilot.press("D", "K")
            await pilot.pause()
            label = screen._label(expected[0].code)
            assert screen._last_action.startswith(f"Discussed, kept as started: ‘{label}’ on R02, sentence")
            assert screen._last_action.endswith(f"(R02:1) · {len(expected) - 1} open in R02, {total - 1} of {total} "
                                                "places still open in all")  # "40 of 42 in all" read as done
            # K again takes the mark off
            await pilot.press("K")
            await pilot.pause()
            assert screen._last_action.startswith("No longer marked discussed: ")
            await pilot.press("D", "K")  # D goes on to the next open place; it stays marked
            await pilot.pause()
            assert view.selection == (expected[1].start, expected[1].end)
    run(scenario)
    review = {r.id: r.state for r in tui_ws.agreed.review("consensus")}
    assert review["R02:1"] == "open" and review["R02:2"] == "discussed"


def _said_after(ws, keys: tuple[str, ...]) -> list[str]:
    """The popups after ``keys`` in R02, coding as onderzoeker-a."""
    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            return [n.message for n in app._notifications]
    return run(scenario)


def test_k_coding_as_anyone_but_the_agreed_coding_says_how_to_open_it(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    shown = _said_after(tui_ws, ("D", "K"))
    assert any("K settles a place two coders differ, in their agreed coding: open the workbench as "
               "consensus (`sto-qual tui --coder consensus`)" in m for m in shown), shown
    assert tui_ws.agreed.progress("consensus")["discussed"] == 0


def test_t_without_any_agreed_coding_says_how_to_start_one(tui_ws):
    """T in a project without an agreed coding read "… open the workbench as it (see `sto-qual
    agreed`)", which said neither as whom nor how."""
    shown = _said_after(tui_ws, ("T",))
    assert any("this project has none yet: `sto-qual agreed consensus --from CODER CODER` starts one, then "
               "`sto-qual tui --coder consensus`" in m for m in shown), shown


def test_marking_the_last_open_place_of_an_interview_says_where_places_are_still_open(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    rows = tui_ws.agreed.review("consensus")
    r02 = [r.id for r in rows if r.difference.doc == "R02"]
    elsewhere = {}
    for r in rows:
        if r.difference.doc != "R02":
            elsewhere[r.difference.doc] = elsewhere.get(r.difference.doc, 0) + 1
    assert tui_ws.agreed.mark("consensus", r02[1:])["done"] == r02[1:]  # all but the first discussed already

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            await pilot.press("D")
            await pilot.pause()
            assert re.search(rf"\(R02:1, {len(r02)} here, 1 open, sentences? [\d-]+\): ‘[^’]+’ by [\w-]+ only · consensus: "
                             "not coded, as started$", app.screen._last_action), app.screen._last_action
            assert any(n.message.startswith("Coders differ here") for n in app._notifications)  # the long line too
            await pilot.press("K")
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert not any(m.startswith("Coders differ here") for m in shown), shown  # settled: D's line is gone
            said = ", ".join(f"{d} ({n})" for d, n in elsewhere.items())
            assert any(m == f"All {len(r02)} places the two coders differ in R02 are settled; still open: {said} "
                       "(d opens another interview)" for m in shown), shown
            await pilot.press("D")  # none open here: D goes through the settled ones, and says each
            await pilot.pause()
            assert re.search(rf"\(R02:2, {len(r02)} here, 0 open, sentences? [\d-]+\): .* only · consensus: not coded, "
                             "discussed and kept as started$", app.screen._last_action), app.screen._last_action
            # ... but says once that all are settled: the toast came again at every D, stacking up
            await pilot.press("D", "D")
            await pilot.pause()
            done = [n.message for n in app._notifications if n.message.startswith("All ")]
            assert len(done) == 1, done
    run(scenario)


def test_t_takes_the_code_at_the_place_d_went_to_as_the_coder_who_gave_it(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    first = tui_ws.agreed.review("consensus", doc="R02")[0]
    d = first.difference
    # the coder who gave the code there noted why and starred it: T takes both with the code
    tui_ws.set_memo(d.coding, "Zij noemt hier de kern.", coder=d.coded_by)
    tui_ws.star(d.coding, coder=d.coded_by)

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            screen = app.screen
            await pilot.press("T")  # before D: nothing taken
            await pilot.pause()
            assert len(tui_ws.codings(doc="R02", coder="consensus")) == before
            assert any(n.message == "T works on the place D went to: press D first" for n in app._notifications)
            await pilot.press("D", "T")
            await pilot.pause()
            assert screen.query_one(TranscriptView).selection == (d.start, d.end)
            assert f", with {d.coded_by}'s memo and star (u undoes)" in screen._last_action, screen._last_action
            # which place, and how many are left (it said only "Coded: …")
            assert screen._last_action.startswith(f"Taken, as {d.coded_by} had it: ‘{screen._label(d.code)}’ on R02, "
                                                  f"sentence"), screen._last_action
            assert f"({first.id}), with" in screen._last_action and "places still open in all" in screen._last_action
            await pilot.press("T")  # again: held already, said, nothing added
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert any(m.startswith(f"consensus has ‘{screen._label(d.code)}’ here already, as {d.coded_by} had it")
                       for m in shown), shown
    before = len(tui_ws.codings(doc="R02", coder="consensus"))
    run(scenario)
    mine = tui_ws.codings(doc="R02", code=d.code, coder="consensus", include_subcodes=False)
    assert [(c.start, c.end) for c in mine if c.start < d.end and d.start < c.end] == [(d.start, d.end)]
    taken = next(c for c in mine if c.start < d.end and d.start < c.end)
    # after its coder's name, as the memos copied when the agreed coding started are (it read as the meeting's note)
    assert taken.memo == f"{d.coded_by}: Zij noemt hier de kern." and taken.starred
    assert len(tui_ws.codings(doc="R02", coder="consensus")) == before + 1
    assert tui_ws.agreed.review("consensus", ids=[first.id])[0].state == "changed"


def test_t_on_the_last_open_place_says_where_places_are_still_open(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    rows = tui_ws.agreed.review("consensus", doc="R02")
    last = next(r for r in rows if not r.holds)  # a place the agreed coding does not have the code at
    tui_ws.agreed.mark("consensus", [r.id for r in rows if r is not last])

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            # the meeting's keys are not in the footer: the workbench says them when it opens as the agreed coding
            assert any(n.message.startswith("Coding as consensus, the agreed coding of onderzoeker-a and onderzoeker-b: "
                                            "in an interview, D goes to the next place they differ, T takes its code, "
                                            "K keeps it as started") for n in app._notifications)
            await pilot.press("D")  # the one open place
            await pilot.pause()
            assert app.screen.query_one(TranscriptView).selection == (last.difference.start, last.difference.end)
            await pilot.press("T")
            await pilot.pause()
            shown = [n.message for n in app._notifications]
            assert any(m.startswith(f"All {len(rows)} places the two coders differ in R02 are settled; still open: ")
                       for m in shown), shown
    run(scenario)
    assert tui_ws.agreed.review("consensus", ids=[last.id])[0].state == "changed"


def test_a_second_coders_d_compares_her_own_coding(tui_ws):
    """Coding as sanne in R02, D said "onderzoeker-a and onderzoeker-b …": it compared the
    project's pair, not her coding with theirs."""
    units = tui_ws.units("R02")
    tui_ws.assign_code("R02", "urgentie/docententekort", unit=units[40].id, coder="sanne")
    ref = tui_ws.codings(doc="R02", coder="onderzoeker-a")[0]
    tui_ws.assign_code("R02", ref.code, start=ref.start, end=ref.end, coder="sanne")

    async def scenario(coder, doc):
        async with headless(tui_ws, settings=Settings(coder=coder)) as (app, pilot):
            app.open_document(app.ws.document(doc).id)
            await pilot.pause()
            await pilot.press("D")
            await pilot.pause()
            return app.screen._last_action
    said = run(lambda: scenario("sanne", "R02"))
    assert said.startswith("Coders differ here (") and re.search(r"by (sanne, not by onderzoeker-a|onderzoeker-a, "
                                                                  r"not by sanne)", said), said
    # in an interview she did not code: the project's pair, as before
    said = run(lambda: scenario("sanne", "R01"))
    assert "sanne" not in said and "onderzoeker-a" in said and "onderzoeker-b" in said, said


def test_n_keeps_the_meetings_note_at_the_place_d_went_to_and_d_shows_it(tui_ws):
    """A meeting could write what it decided at a place, and why, only with `differences --note` in
    another terminal; the workbench neither wrote nor showed it."""
    from sto_qual.tui.modals import TextPrompt
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            screen = app.screen
            await pilot.press("N")  # nothing to note before D went somewhere
            await pilot.pause()
            assert not isinstance(app.screen, TextPrompt)
            await pilot.press("D", "N")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt) and "R02:1" in app.screen.title_text
            await pilot.press(*"Ab twijfelt", "enter")
            await pilot.pause()
            assert screen._last_action == "Note kept at R02:1: Ab twijfelt"
            assert {r.id: r.note for r in tui_ws.agreed.review("consensus")}["R02:1"] == "Ab twijfelt"
            await pilot.press("D", *["D"] * (len(tui_ws.agreed.review("consensus", doc="R02")) - 1))
            await pilot.pause()
            assert screen._last_action.endswith("· note: Ab twijfelt"), screen._last_action
    run(scenario)


def test_a_coder_changing_an_interview_an_agreed_coding_was_started_from_is_told_once(tui_ws):
    """A coder of the pair changed her coding in an interview the meeting was settling; the workbench said
    only "Coded: …", and the place she changed dropped out of the meeting's list unsaid."""
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            said = []
            for doc, unit in (("R01", 5), ("R02", 5), ("R02", 9)):
                app.open_document(app.ws.document(doc).id)
                await pilot.pause()
                u = app.ws.units(doc)[unit]
                app.screen.query_one(TranscriptView).select_span(u.start, u.end)
                await pilot.press("1")
                await pilot.pause()
                said.append([n.message for n in app._notifications if n.message.startswith("consensus was started")])
            return said
    r01, r02, again = run(scenario)
    assert r01 == []  # not an interview of the agreed coding
    assert r02 == ["consensus was started from your and onderzoeker-b's codings of R02: a change here moves where "
                   "you two differ, which consensus's meeting settles (`sto-qual differences consensus` lists the "
                   "places)"], r02
    assert again == r02  # once a session


def test_the_meeting_notice_is_kept_among_the_last_messages_and_said_after_an_undo_too(tui_ws):
    """A coder of the pair undid and redid her codings in an interview the meeting settles and saw no
    notice (the undo put away the pop-up the coding had shown); nor was it among ctrl+p's Last
    messages. It is kept there, and an undo there says it when nothing had yet."""
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    u = tui_ws.units("R02")[5]
    tui_ws.assign_code("R02", "urgentie", start=u.start, end=u.end, coder="onderzoeker-a")

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            await pilot.press("u")  # (a step of hers made before this window: asked)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            return [m for m in app.said if m.startswith("consensus was started")]
    kept = run(scenario)
    assert kept and "a change here moves where you two differ" in kept[0], kept
