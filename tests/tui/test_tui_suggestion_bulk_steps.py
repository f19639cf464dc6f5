"""F4's u and U on a bulk step (b or B) that another terminal undid or redid meanwhile: the
message names the step as it was, a reject for B (it said "the accept of the bulk step"), and
says it was already undone or redone."""
from __future__ import annotations

from sto_qual.tui.screens.suggestions import SuggestionsScreen
from tui_support import bulk_decide, headless, run, until


def test_a_bulk_reject_undone_or_redone_elsewhere_is_named_a_reject(tui_ws, tui_project):
    from sto_qual.services import Workspace

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            await pilot.press("f4")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SuggestionsScreen)
            low = [s.id for s in screen.items.values() if s.confidence is not None and s.confidence < 0.8]
            assert low
            await bulk_decide(app, pilot, "B", "0.8")
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == low

            def said() -> list[str]:
                return [str(n.message) for n in app._notifications]
            other = Workspace.open(tui_project)  # the colleague's terminal
            other.undo(screen.coder)
            assert await until(pilot, lambda: low[0] in screen.items)
            await pilot.press("u")
            await pilot.pause()
            assert any("the reject of the bulk step (B) was already undone" in m for m in said()), said()
            assert not any("accept" in m for m in said()), said()
            other.redo(screen.coder)
            assert await until(pilot, lambda: low[0] not in screen.items)
            await pilot.press("U")  # it was undone elsewhere, then redone there
            await pilot.pause()
            assert any("the reject of the bulk step (B) was already redone" in m for m in said()), said()
            await pilot.press("u")  # the bulk step, redone elsewhere, is this screen's to undo again
            await pilot.pause()
            assert any(m.startswith("Undid: reject of") for m in said()), said()
            assert tui_ws.suggestions(status="rejected") == []
            other.redo(screen.coder)
            other.close()
            assert await until(pilot, lambda: low[0] not in screen.items)
            await pilot.press("U")  # said "no longer your next step to redo (that is nothing …)"
            await pilot.pause()
            assert sum("the reject of the bulk step (B) was already redone" in m for m in said()) == 2, said()
            assert not any("no longer your next step" in m for m in said()), said()
    run(scenario)
