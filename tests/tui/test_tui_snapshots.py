"""Snapshot tests (pytest-textual-snapshot) of the main screens at a fixed size on the
seeded project. Update with ``pytest --snapshot-update`` after an intended change."""
from __future__ import annotations

from sto_qual.tui.app import make_app
from sto_qual.tui.settings import Settings
from tui_support import open_dashboard

SIZE = (120, 40)
# the screens as the demo's first coder sees them once she named herself (given no name, the workbench
# first says whose codings it makes: tests/tui/test_tui_first_use.py)
SETTINGS = Settings(coder="onderzoeker-a")


def test_documents_screen(tui_ws, snap_compare):
    assert snap_compare(make_app(tui_ws, SETTINGS), terminal_size=SIZE)


def test_coder_screen(tui_ws, snap_compare):
    async def open_r01(pilot):
        pilot.app.open_document(tui_ws.document("R01").id)
        await pilot.pause()
        await pilot.press("tab", "right", "down", "tab")  # expand the first theme, show a definition
        await pilot.press(*["down"] * 10, "shift+down")
        await pilot.pause()
    assert snap_compare(make_app(tui_ws, SETTINGS), terminal_size=SIZE, run_before=open_r01)


def test_dashboard_screen(tui_ws, snap_compare):
    assert snap_compare(make_app(tui_ws, SETTINGS), terminal_size=SIZE, run_before=open_dashboard)
