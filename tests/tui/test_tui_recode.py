"""C in the Coder: a coding gets another code with its span, memo and star (a lead splitting a
code in two recoded its passages by coding them anew and removing the old codings, and their memos
and stars went unsaid); x and X say what goes with a removed coding."""
from __future__ import annotations

from test_tui_coder import sentence_with
from tui_support import headless, run, until


def test_c_recodes_a_coding_and_keeps_its_memo_and_star_and_u_takes_it_back(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, unit, [made] = await sentence_with(pilot, tui_ws, [("urgentie/verschuiving", None, "van geld")])
            tui_ws.star(made.id, coder=screen.coder)
            app.changed_codings()
            await pilot.press("f2", "f3")
            await pilot.pause()
            await pilot.press("C")
            assert await until(pilot, lambda: type(app.screen).__name__ == "PickerModal")
            await pilot.press(*"krimp", "enter")
            assert await until(pilot, lambda: tui_ws.coding(made.id).code == "urgentie/krimp-leerlingaantallen")
            now = tui_ws.coding(made.id)
            assert (now.start, now.end, now.memo, now.starred) == (made.start, made.end, "van geld", True)
            status = " ".join(str(screen.query_one("#coder-status").render()).split())
            assert status.startswith("Recoded: R01, sentence") and "its memo and star kept" in status, status
            # the definition beside it is the new code's, as after a number key (it kept the old one's)
            from sto_qual.tui.widgets.panels import CoderSide
            assert screen.query_one(CoderSide)._code.path == "urgentie/krimp-leerlingaantallen"
            await pilot.press("u")
            assert await until(pilot, lambda: tui_ws.coding(made.id).code == "urgentie/verschuiving")
            # which way: the code it was given ("Undid: recode of ‘Verschuiving …’" read as the other way round)
            assert app.said[-1].startswith("Undid: recode to ‘Krimp en leerlingaantallen’ on R01"), app.said[-1]
            await pilot.press("X")  # removed whole: the status says its memo and star went with it
            assert await until(pilot, lambda: all(c.id != made.id for c in tui_ws.codings(doc="R01")))
            said = app.said[-1]  # whole (ctrl+p's Last messages hold it), and the status line keeps what went
            assert said.startswith("Removed the whole coding") and ", with its memo and star (u brings them back" in \
                said, said
            status = " ".join(str(screen.query_one("#coder-status").render()).split())
            assert status.endswith(", with its memo and star"), status
    run(scenario)


def test_a_coding_gone_with_a_colleagues_code_merge_or_delete_is_said_so_not_as_her_removal(tui_ws, tui_project):
    """A coder's open window said "Your coding here was removed elsewhere by you" when a colleague merged
    its code into another she had on the same passage (the two were joined) and when a colleague deleted
    a code: the coding's last change had been hers, so the removal was put on her."""
    from sto_qual.services import Workspace

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen, unit, made = await sentence_with(pilot, tui_ws, [("urgentie/verschuiving", None, "eerst"),
                                                                      ("urgentie/arbeidsmarkt", None, "dan")])
            other = Workspace.open(tui_project)
            other.merge_codes("urgentie/verschuiving", "urgentie/arbeidsmarkt", coder="anna")
            other.close()
            said = lambda: [n.message for n in app._notifications if "your coding" in n.message.lower()]  # noqa: E731
            assert await until(pilot, lambda: said())
            assert said()[-1] == ("Your coding here (urgentie/verschuiving) was joined into your coding of "
                                  "Arbeidsmarkt on the same passage: anna merged the code into it (memos joined)")
            other = Workspace.open(tui_project)
            other.delete_code("urgentie/arbeidsmarkt", force=True, coder="anna")
            other.close()
            assert await until(pilot, lambda: len(said()) == 2)
            assert said()[-1].endswith(" of your codings here (urgentie/arbeidsmarkt) went with the code, which anna "
                                       "deleted (`sto-qual backups` lists the copy made before)"), said()[-1]
    run(scenario)


def test_a_coding_gone_with_its_theme_is_said_so_and_a_code_made_again_is_no_end(tui_ws, tui_project):
    """A theme's delete names the theme alone: her coding of its sub-code was said "removed … by you" again.
    A path deleted long ago and made again had a colleague's plain uncode reported as "went with the code"."""
    from sto_qual.services import Workspace
    tui_ws.add_code("urgentie/nieuw")
    tui_ws.delete_code("urgentie/nieuw", force=True, coder="anna")  # deleted long ago …
    tui_ws.add_code("urgentie/nieuw")  # … and made again

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            _screen, _unit, [_sub, again] = await sentence_with(pilot, tui_ws, [
                ("collectief-optrekken/ieder-voor-zich", None, None), ("urgentie/nieuw", None, None)])
            said = lambda: [n.message for n in app._notifications if "your coding" in n.message.lower()]  # noqa: E731
            other = Workspace.open(tui_project)
            other.delete_code("collectief-optrekken", force=True, coder="anna")
            other.close()
            assert await until(pilot, lambda: said())
            assert "collectief-optrekken/ieder-voor-zich" in said()[-1] and said()[-1].endswith(
                ") went with the code, which anna deleted (`sto-qual backups` lists the copy made before)"), said()[-1]
            other = Workspace.open(tui_project)
            other.remove_coding(again.id, coder="anna")  # a plain removal of a coding of the code made again
            other.close()
            assert await until(pilot, lambda: len(said()) == 2)
            assert said()[-1] == "Your coding here (Nieuw) was removed elsewhere by anna", said()[-1]
    run(scenario)
