"""Pilot tests for the number keys the coder sets with `p`: kept in the project for that coder, so
they come back after a restart; a code renamed since keeps its key, one deleted since leaves its
key empty (never another code on it)."""
from __future__ import annotations

from sto_qual.services import Workspace
from sto_qual.tui.modals.confirm import ConfirmModal
from sto_qual.tui.settings import Settings
from test_tui_coder import mine, open_coder
from tui_support import headless, run


def test_keys_set_with_p_come_back_after_a_restart(tui_project):
    async def set_keys(ws):
        async with headless(ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("tab", "right", "p")  # urgentie expanded: keys to it and its sub-codes
            await pilot.pause()
            assert "Keys 1-9 set, kept for this project: 1 Urgentie, 2 " in screen._last_action
            return list(screen.code_tree.quick)

    async def reopen(ws, settings=None):
        async with headless(ws, settings=settings) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.pause()
            view = screen.view
            await pilot.press("down")
            s, e = view.selection
            before = len(mine(ws))
            await pilot.press("5")  # its code was deleted: nothing is coded, and the status line says why
            assert len(mine(ws)) == before
            said = screen._last_action
            await pilot.press("3")  # its code was renamed: the key followed it
            return list(screen.code_tree.quick), said, [c.code for c in mine(ws) if (c.start, c.end) == (s, e)]

    ws = Workspace.open(tui_project)
    quick = run(lambda: set_keys(ws))
    ws.close()
    assert quick[0] == "urgentie" and all(p.startswith("urgentie/") for p in quick[1:8]) and len(quick) == 9
    other = Workspace.open(tui_project)  # meanwhile, commands in another window
    renamed = other.rename_code(quick[2], "elders-hernoemd")
    other.delete_code(quick[4], force=True)
    other.close()

    ws = Workspace.open(tui_project)
    got, status, coded = run(lambda: reopen(ws))
    assert got == [*quick[:2], renamed, quick[3], "", *quick[5:]]
    assert coded == [renamed]
    assert status.startswith("no code on key 5 (p gives keys 1-9")
    # another coder on the same project keeps the default keys: the themes
    got_b, _status, _coded = run(lambda: reopen(ws, Settings(coder="onderzoeker-b")))
    assert got_b[:4] == ["urgentie", "vmbo-in-the-lead", "collectief-optrekken", "financieringsonzekerheid"]
    ws.close()


async def _keys_at_start(ws):
    """The Coder's keys 1-9 and its status line as it opens."""
    async with headless(ws) as (app, pilot):
        screen = await open_coder(pilot)
        await pilot.pause()
        return list(screen.code_tree.quick), screen._last_action


def test_a_key_whose_code_is_deleted_says_so_at_start(tui_project):
    ws = Workspace.open(tui_project)
    codes = {c.path: c for c in ws.codebook()}
    keep, gone = "urgentie/docententekort", "urgentie/arbeidsmarkt"
    ws.set_number_keys("onderzoeker-a", [
        {"id": codes[keep].id, "path": keep}, {"id": codes[gone].id, "path": gone}, "not a key", None,
        {"id": 10 ** 6, "path": keep}])
    ws.delete_code(gone, force=True)
    quick, status = run(lambda: _keys_at_start(ws))
    ws.close()
    assert quick == [keep, "", "", "", keep]  # a malformed entry is an empty key, not an error
    assert status == "key 2 now empty: urgentie/arbeidsmarkt deleted since you set the keys (p sets them again)"


def test_p_on_a_collapsed_theme_gives_it_and_its_sub_codes_the_keys(tui_ws):
    """A researcher pressed p on a collapsed theme and got "Keys 1-9 set: 1 Urgentie, 2 Vmbo in the lead, …",
    the keys as they were: the help says p on a theme gives its sub-codes the numbers."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.code_tree
            await pilot.press("tab", "down", "down")  # to the third theme, collapsed
            assert tree.cursor_node.data == "collectief-optrekken" and not tree.cursor_node.is_expanded
            await pilot.press("p")
            await pilot.pause()
            assert tree.cursor_node.is_expanded
            assert tree.quick[0] == "collectief-optrekken"
            assert all(p.startswith("collectief-optrekken/") for p in tree.quick[1:7]), tree.quick
            assert "Keys 1-9 set, kept for this project: 1 Collectief optrekken, 2 " in screen._last_action
    run(scenario)


def test_p_on_a_theme_below_others_fills_all_nine_keys(tui_ws):
    """p on an expanded theme with the themes above it open too gave keys 1-8 and left 9 empty: the codes
    above the theme were skipped."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.code_tree
            tree._code_nodes["urgentie"].expand()
            tree._code_nodes["collectief-optrekken"].expand()
            await pilot.pause()
            tree.select_code("collectief-optrekken")
            await pilot.pause()
            await pilot.press("tab", "p")
            await pilot.pause()
            assert tree.quick[0] == "collectief-optrekken" and len(tree.quick) == 9 and all(tree.quick), tree.quick
    run(scenario)


def test_p_asks_before_it_replaces_keys_the_coder_set_herself(tui_ws):
    """p replaced the keys a coder had set (a theme's sub-codes on 2-8) at one keystroke, unasked; the
    first p, on the keys the codebook gave, asks nothing."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.code_tree
            await pilot.press("tab", "right", "p")  # her own keys: urgentie and its sub-codes
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmModal)
            mine = list(tree.quick)
            assert mine[0] == "urgentie" and mine[1].startswith("urgentie/")
            tree.select_code("collectief-optrekken")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            asked = app.screen.question
            assert "Your keys now: 1 Urgentie, 2 " in asked and "New: 1 Collectief optrekken, 2 " in asked
            await pilot.press("n")
            await pilot.pause()
            assert tree.quick == mine
            assert screen._last_action.startswith("Keys 1-9 kept as you had set them: 1 Urgentie")
            assert [k["path"] if k else "" for k in tui_ws.number_keys("onderzoeker-a")][:len(mine)] == mine
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert tree.quick != mine
            assert screen._last_action.startswith("Keys 1-9 set, kept for this project")
            assert [k["path"] if k else "" for k in tui_ws.number_keys("onderzoeker-a")] == tree.quick
    run(scenario)


def test_a_key_follows_its_code_into_the_code_it_was_merged_into(tui_project):
    """A lead merged Arbeidsmarkt into a new Arbeidsmarkttekort (a rename, done as a merge): its key was left
    empty and "no code on key 2" named nothing. The key goes to the code merged into, when that one has none."""
    ws = Workspace.open(tui_project)
    codes = {c.path: c for c in ws.codebook()}
    keep, old, other = "urgentie/docententekort", "urgentie/arbeidsmarkt", "urgentie/krimp-leerlingaantallen"
    ws.set_number_keys("onderzoeker-a", [{"id": codes[p].id, "path": p} for p in (keep, old)])
    ws.add_code("urgentie/arbeidsmarkttekort", label="Arbeidsmarkttekort")
    ws.merge_codes(old, "urgentie/arbeidsmarkttekort")
    quick, status = run(lambda: _keys_at_start(ws))
    assert quick[:2] == [keep, "urgentie/arbeidsmarkttekort"]
    assert status == "key 2 now Arbeidsmarkttekort: urgentie/arbeidsmarkt was merged into it", status
    # merged into a code on a key of its own: the key stays empty, and says where the code went
    codes = {c.path: c for c in ws.codebook()}
    ws.set_number_keys("onderzoeker-a", [{"id": codes[p].id, "path": p} for p in (keep, "urgentie/arbeidsmarkttekort",
                                                                                  other)])
    ws.merge_codes("urgentie/arbeidsmarkttekort", other)
    quick, status = run(lambda: _keys_at_start(ws))
    ws.close()
    assert quick[:3] == [keep, "", other]
    assert status == ("key 2 now empty: urgentie/arbeidsmarkttekort merged into urgentie/krimp-leerlingaantallen "
                      "since you set the keys (p sets them again)"), status
