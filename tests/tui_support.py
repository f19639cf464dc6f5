"""The pilot tests' scaffolding, written once: the event loop a scenario runs in, and the app on a
workspace running headless."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

SIZE = (120, 40)


def run(scenario):
    """Run a pilot scenario (an ``async def`` without arguments) to its end; returns its result."""
    return asyncio.run(scenario())


@asynccontextmanager
async def headless(ws, *, size=SIZE, settings=None):
    """The workbench on ``ws`` running headless at ``size`` (settings from the config file unless
    given); yields ``(app, pilot)``."""
    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import load_settings
    app = make_app(ws, settings if settings is not None else load_settings())
    async with app.run_test(size=size) as pilot:
        yield app, pilot
