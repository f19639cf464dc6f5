"""ctrl+g in the Coder, coding as the agreed coding: a place by its id, as the minutes cite it ("R07:3"),
opened and selected as D selects one, so K, T and N work on it; a chair going back to a cited place had
to press D round every open place."""
from __future__ import annotations

from textual.widgets import Input

from sto_qual.tui.modals.prompt import TextPrompt
from sto_qual.tui.settings import Settings
from sto_qual.tui.widgets.panels import CoderSide
from tui_support import headless, run, until


def test_ctrl_g_opens_a_place_by_its_id_in_another_interview_and_k_settles_it(tui_ws):
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    rows = tui_ws.agreed.review("consensus")
    target = next(r for r in rows if r.difference.doc != "R02" and not r.id.endswith(":1"))

    async def scenario():
        async with headless(tui_ws, settings=Settings(coder="consensus"), size=(140, 40)) as (app, pilot):
            app.open_document(app.ws.document("R02").id)
            await pilot.pause()
            await pilot.press("ctrl+g")
            assert await until(pilot, lambda: isinstance(app.screen, TextPrompt))
            field = app.screen.query_one(Input)
            assert field.value == ""  # (prefilled "R02:", the id typed whole read "R02:R02:2")
            field.value = "999"  # a number alone: that place in this interview
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)  # an unknown id is said in the dialog, which stays
            assert "no difference 'R02:999'" in str(app.screen.query_one("#prompt-error").render())
            field.value = target.id.lower()
            await pilot.press("enter")
            assert await until(pilot, lambda: getattr(app.screen, "doc", None) is not None
                               and app.screen.doc.name == target.difference.doc)
            coder = app.screen
            await pilot.pause()
            assert coder.view.selection == (target.difference.start, target.difference.end)
            assert coder.query_one(CoderSide).shown == target.difference.code  # (it kept the one shown before)
            assert coder._last_action.startswith(f"{target.id}: ‘") and "K keeps it as started" in coder._last_action
            await pilot.press("K")
            await pilot.pause()
            assert coder._last_action.startswith("Discussed, kept as started: ") and f"({target.id})" in \
                coder._last_action
    run(scenario)
    assert next(r for r in tui_ws.agreed.review("consensus") if r.id == target.id).state == "discussed"
