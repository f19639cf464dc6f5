"""F7: a code's topics (the codebook file's ``topic`` and ``topic_en``: the noun phrases a
theme's lead names the code by) are shown and edited in the Codebook screen's form."""
from __future__ import annotations

from textual.widgets import Input

from sto_qual.tui.screens.codebook import CodebookScreen
from tui_support import headless, run, until

CODE = "vmbo-in-the-lead/belemmeringen"


def _topics(ws, path):
    spec = next(s for s in ws.codebook_specs().codes if s.path == path)
    return spec.topic, spec.topic_en


def test_the_codebook_form_edits_a_codes_topics(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f7")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CodebookScreen)
            screen.query_one("#cb-tree").select_code(CODE)
            # on a busy machine the form fills a little after the tree moves: wait for it
            assert await until(pilot, lambda: screen.current == CODE
                               and screen.query_one("#f-topic", Input).value == "de belemmeringen voor de regierol")
            topic, topic_en = screen.query_one("#f-topic", Input), screen.query_one("#f-topic-en", Input)
            assert topic.value == "de belemmeringen voor de regierol"
            assert topic_en.value == "the obstacles to the lead role"
            assert not screen.unsaved()
            topic.value = "de obstakels voor de regierol"
            assert screen.unsaved()  # a typed topic is an unsaved change like any field
            topic_en.value = ""
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: _topics(tui_ws, CODE) == ("de obstakels voor de regierol", ""))
            assert not screen.unsaved()
            # the save rebuilds the tree and puts its cursor back on the code after the next refresh
            # (``CodeTree.set_codes``): a move made before that is undone, as no person can be that quick
            tree = screen.query_one("#cb-tree")
            assert await until(pilot, lambda: tree.code_at_cursor() == CODE)
            await pilot.pause(0.1)
            # another code shows its own topics; back on this one the saved ones
            screen.query_one("#cb-tree").select_code("vmbo-in-the-lead/succesfactoren")
            assert await until(pilot, lambda: screen.query_one("#f-topic", Input).value
                               == "de succesfactoren voor de regierol")
            screen.query_one("#cb-tree").select_code(CODE)
            assert await until(pilot, lambda: screen.query_one("#f-topic", Input).value
                               == "de obstakels voor de regierol")
            assert screen.query_one("#f-topic-en", Input).value == ""
    run(scenario)
