"""Faults under a running TUI: the project file deleted, the disk full — a notification,
nothing half-written, the app keeps running."""
from __future__ import annotations

import asyncio

from sto_qual.tui.screens.coder import CoderScreen
from tui_support import headless


async def _open(pilot):
    app = pilot.app
    app.open_document(app.ws.document("R01").id)
    await pilot.pause()
    assert isinstance(app.screen, CoderScreen)
    return app.screen


def test_project_deleted_under_the_running_tui(tui_ws):
    path = tui_ws.session.path
    moved = path.with_name("elsewhere.db")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _open(pilot)
            before = tui_ws.info()["codings"]
            path.rename(moved)
            await pilot.press("down", "1")
            await pilot.pause()
            messages = " ".join(str(n.message) for n in app._notifications)
            assert "deleted or moved" in messages
            assert app.screen is screen and screen.is_attached
            moved.rename(path)  # back in place: coding works again, nothing was half-written
            await pilot.press("1")
            await pilot.pause()
            assert tui_ws.info()["codings"] == before + 1
    asyncio.run(scenario())


def test_disk_full_under_the_running_tui(tui_ws):
    import pytest

    from sto_qual.domain.errors import ProjectError

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _open(pilot)
            conn = tui_ws.store.conn
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: a full disk
            doc = tui_ws.documents()[0].id
            n = len(tui_ws.document_text(doc)) - 10
            k = 0
            for size in (3000, 300, 0):  # use up the free space, down to the last small row
                with pytest.raises(ProjectError):
                    for _ in range(100_000):  # each a new span: the same span is the same coding
                        k += 1
                        tui_ws.assign_code(doc, "urgentie", start=k // n, end=k // n + 5 + k % n,
                                           memo="x" * size or None)
            before = tui_ws.info()["codings"]
            await pilot.press("down", "1")
            await pilot.pause()
            assert any("disk is full" in str(n.message) for n in app._notifications)
            assert app.screen is screen and screen.is_attached
            assert tui_ws.info()["codings"] == before  # nothing half-written
            conn.execute("PRAGMA max_page_count = 1073741823")
            await pilot.press("1")  # space again: the same key now codes
            await pilot.pause()
            assert tui_ws.info()["codings"] == before + 1
            assert tui_ws.session.integrity_ok()
    asyncio.run(scenario())
