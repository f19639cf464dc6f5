"""Coding a sentence with a number key withdraws the pending suggestion of that code on it: the
Here panel stops offering "a accept · r reject" for it at once."""
from __future__ import annotations

from test_tui_coder import open_coder
from tui_support import headless, run

from sto_qual.tui.widgets.transcript import TranscriptView


def test_coding_a_suggested_sentence_takes_its_suggestion_off_the_screen(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("n")  # the first pending suggestion, its sentence selected
            first = view.suggestions_in(*view.selection)[0]
            screen.apply(first.code)  # what a number key on that code does
            await pilot.pause()
            assert first.id not in {s.id for s in tui_ws.suggestions(doc="R01")}
            assert first.id not in {s.id for s in view.suggestions_in(*view.selection)}
            assert first.id not in {s.id for s in screen.suggestions}
    run(scenario)
