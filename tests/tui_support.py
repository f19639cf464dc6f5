"""The pilot tests' scaffolding, written once: the event loop a scenario runs in, and the app on a
workspace running headless."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

SIZE = (120, 40)

# Textual's pilot waits after every key press (and every ``pause()``) until the process is idle:
# it sleeps in steps of ``SLEEP_GRANULARITY`` and calls a step idle when it used less CPU than
# ``SLEEP_IDLE``. Its 20 ms steps make a key press cost at least 40 ms of waiting at ~3 ms of CPU.
IDLE_STEP = 1 / 1000


def finer_idle_detection() -> None:
    """Make the pilot's idle detection finer for the test session: 1 ms steps (the event loop's
    timer resolution: epoll waits in whole milliseconds), and the same ratio (a step is idle
    below 5 % CPU). 4 ms steps left about a third of the TUI tests' wall time asleep (serially
    88 s for 58 s of CPU; with 1 ms steps 71 s for the same CPU). Safe because the steps only
    decide how soon idleness is noticed, not what is waited for: ``press()`` and ``pause()`` first wait until every widget
    has handled the messages queued before them (``_wait_for_screen``), every step that did work
    (the event loop's handlers and worker threads alike count in ``process_time``) is followed by
    another, and the tests wait for workers and timers explicitly (``workers.wait_for_complete``,
    ``pause(delay)``). ``wait_for_idle`` reads both module globals at call time."""
    import textual._wait as wait
    wait.SLEEP_GRANULARITY = IDLE_STEP
    wait.SLEEP_IDLE = IDLE_STEP / 20


def shared_css_parse_cache() -> None:
    """Parse each piece of Textual CSS once per test process instead of once per app. Every
    pilot test starts a new app, and each app's stylesheet parses every widget's ``DEFAULT_CSS``
    again (its parse cache lives on the stylesheet): about a tenth of the TUI tests' CPU. The
    rules are the same for the same CSS, location, scope and variables (the theme's), so a
    process-wide cache keyed by all of them gives every app exactly the rules it would parse;
    the parsed rules are only read afterwards. A running workbench has one app: it is untouched."""
    from textual.css.stylesheet import Stylesheet
    if getattr(Stylesheet, "_shared_cache", None) is not None:
        return
    original = Stylesheet._parse_rules
    shared: dict = {}

    def parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = shared.get(key)
        if rules is None:
            rules = shared[key] = original(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules
    Stylesheet._parse_rules = parse_rules
    Stylesheet._shared_cache = shared


def run(scenario):
    """Run a pilot scenario (an ``async def`` without arguments) to its end; returns its result."""
    return asyncio.run(scenario())


@asynccontextmanager
async def headless(ws, *, size=SIZE, settings=None, watch: float | None = None, toasts: bool = False,
                   show_others: bool = False):
    """The workbench on ``ws`` running headless at ``size`` (settings from the config file unless
    given); yields ``(app, pilot)``. ``watch``: how often (seconds) the app looks for changes
    made elsewhere, for tests that wait for it (the same watch, looking more often than the
    running workbench's once a second). ``toasts``: show notifications on screen, as a terminal
    does (a headless run only lists them in ``app._notifications``), for tests of what they cover.
    ``show_others``: as `tui --show-others`."""
    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import load_settings
    app = make_app(ws, settings if settings is not None else load_settings(), show_others=show_others)
    if watch is not None:
        app.PROJECT_WATCH_S = watch  # read when the app mounts
    async with app.run_test(size=size, notifications=toasts) as pilot:
        yield app, pilot


async def until(pilot, done, *, timeout: float = 10.0, step: float = 0.01) -> bool:
    """Pause until ``done()`` is true or ``timeout`` seconds have passed; returns ``done()`` (assert
    it: a wait that runs out unasserted costs its ten seconds and says nothing). For
    what a timer or a worker finishes: a fixed pause is enough on an idle machine but not on a
    busy CI runner, where timers fire late. Looked at every 10 ms: at 50 ms each wait that was not
    over at once slept past its end, and the TUI tests took 109 s on two workers for 165 s of CPU
    (98.5 s with 10 ms steps, the same CPU)."""
    for _ in range(max(1, int(timeout / step))):
        if done():
            return True
        await pilot.pause(step)
    return bool(done())


async def open_dashboard(pilot):
    """F6, then wait for the dashboard's figures, for its counts table to be filled (each column
    as wide as its widest cell, ``tui.fitting.fill_sized``) and for the screen to show it (the
    screen, asserted)."""
    from textual.widgets import DataTable

    from sto_qual.tui.screens.dashboard import DashboardScreen
    await pilot.press("f6")
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen), screen

    def measured() -> bool:
        if screen.data is None:
            return False
        table = screen.query_one("#dash-themes", DataTable)
        code = table.ordered_columns[0]  # every code's name is wider than "Code"
        return code.get_render_width(table) - 2 * table.cell_padding > len(str(code.label))
    assert await until(pilot, measured, step=0.01)
    await pilot.app.workers.wait_for_complete()  # a second computation (a change noticed meanwhile)
    await pilot.pause()
    assert await until(pilot, measured, step=0.01)  # ... is measured too before the screen is read

    def painted() -> bool:  # and the measured table is what the screen shows (not a frame before it)
        # any of the first codes' labels: a toast or the header can cover one row on a small screen
        labels = [v[0] for v in list(screen.data.codes.values())[:4]]
        text = "\n".join(strip.text for strip in screen._compositor.render_strips())
        return any(label and label in text for label in labels)
    if not await until(pilot, painted, step=0.01):
        labels = [v[0] for v in list(screen.data.codes.values())[:4]]
        text = "\n".join(strip.text for strip in screen._compositor.render_strips())
        table = screen.query_one("#dash-themes", DataTable)
        raise AssertionError(f"none of {labels} on the screen (stack {pilot.app.screen_stack}, errors "
                             f"{screen.data.errors}, {table.row_count} rows, region {table.region}):\n{text}")
    return screen


async def open_coder(pilot, doc: str = "R01"):
    """The Coder on interview ``doc``, as Enter on F2 opens it."""
    from sto_qual.tui.screens.coder import CoderScreen
    app = pilot.app
    app.open_document(app.ws.document(doc).id)
    await pilot.pause()
    assert isinstance(app.screen, CoderScreen)
    return app.screen


async def open_screen(pilot, key: str, kind: type):
    """Press ``key`` and return the screen it shows, asserted to be a ``kind``."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind), screen
    return screen


async def bulk_decide(app, pilot, key: str, value: str) -> str:
    """F4's b (accept at or above) or B (reject below): the key, the confidence typed, Enter and y;
    the prompt's title."""
    from textual.widgets import Input

    from sto_qual.tui.modals import ConfirmModal, TextPrompt
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, TextPrompt)
    title = app.screen.title_text
    app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmModal)
    await pilot.press("y")
    await pilot.pause()
    return title


async def open_codebook(pilot):
    """F7 and the codebook screen it shows (asserted)."""
    from sto_qual.tui.screens.codebook import CodebookScreen
    return await open_screen(pilot, "f7", CodebookScreen)


async def open_quotes(pilot):
    """F5 and the quotes screen it shows (asserted)."""
    from sto_qual.tui.screens.quotes import QuotesScreen
    return await open_screen(pilot, "f5", QuotesScreen)


def elsewhere(project, fn):
    """``fn(workspace)`` on a connection of its own: a command in another terminal."""
    from sto_qual.services import Workspace
    other = Workspace.open(project)
    try:
        return fn(other)
    finally:
        other.close()


async def painted_before_idle(pilot, screen, table, key: str) -> tuple[list[str], list[str]]:
    """Reload ``screen`` with ``table``'s wide column ``key`` measured as for short rows, paint
    the screen before the table is next idle, then after: (the first rows' cells in that
    column, the lines painted last). A table measures an auto-width column only when idle,
    and rows painted before that kept the width measured before."""
    def lines() -> list[str]:
        return [strip.text for strip in pilot.app.screen._compositor.render_strips()]
    table.columns[key].content_width = 10
    screen.reload()
    lines()
    await pilot.pause()
    return [str(table.get_cell(k.value, key)) for k in list(table.rows)[:5]], lines()
