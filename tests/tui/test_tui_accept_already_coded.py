"""Accepting, on the Suggestions screen, a suggestion on a sentence the coder has coded with
that code already: no second coding, the notification says so, and u undoes the accept."""
from __future__ import annotations

from tui_support import headless, run

from sto_qual.tui.screens.suggestions import SuggestionsScreen


def test_accept_on_a_sentence_coded_already_says_so_and_u_undoes_it(tui_ws):
    first = max((s for s in tui_ws.suggestions() if s.confidence is not None), key=lambda s: s.confidence)
    # coded with the sentence's first character left out, then resized over it: coding the
    # sentence whole in one step withdraws its suggestion at once
    mine = tui_ws.assign_code(first.document_id, first.code, start=first.start + 1, end=first.end,
                              coder="onderzoeker-a")
    mine = tui_ws.resize_coding(mine.id, start=first.start, coder="onderzoeker-a")
    before = [c.id for c in tui_ws.codings()]

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f4")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SuggestionsScreen) and screen._current().id == first.id
            await pilot.press("a")
            await pilot.pause()
            label = tui_ws.code(first.code).label  # labels, as every other message names codes
            said = [m.message for m in app._notifications]
            # where, as the Coder names a passage: the document and its sentence
            assert any(m.startswith(f"accepted ‘{label}’ in {first.doc}, sentence ") and ": 1 already coded by "
                       "onderzoeker-a, so no new coding" in m for m in said), said
            assert [c.id for c in tui_ws.codings()] == before
            assert [s.id for s in tui_ws.suggestions(status="accepted")] == [first.id]
            await pilot.press("u")  # the accept, not the coding made before it
            await pilot.pause()
            assert first.id in screen.items and [c.id for c in tui_ws.codings()] == before
            assert tui_ws.coding(mine.id).start == first.start
    run(scenario)
