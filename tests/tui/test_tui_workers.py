"""The screens' one way to run slow work: ``StoScreen.run_in_worker`` posts the screen's
typed message with the result or with the error line, and the user error reaches the screen
(and the user) as text, never as a crashed worker; ``attempt`` returns an Outcome."""
from __future__ import annotations

from textual.message import Message

from sto_qual.domain.errors import StoQualError
from sto_qual.tui.screens.base import Outcome
from tui_support import headless, run


class Done(Message):
    def __init__(self, result, error) -> None:
        super().__init__()
        self.result, self.error = result, error


def test_run_in_worker_posts_the_result_or_the_error_line(tui_ws):
    got: list[tuple[object, object]] = []
    opened: list[object] = []

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = app.screen
            post = screen.post_message

            def record(message):
                if isinstance(message, Done):
                    got.append((message.result, message.error))
                return post(message)
            screen.post_message = record

            def count(ws):
                opened.append(ws)
                return len(ws.documents())

            def refuse(ws):
                raise StoQualError("no such code: 'x' (see `sto-qual codebook`)")

            def disk(ws):
                raise PermissionError(13, "Permission denied")

            for job in (count, refuse, disk):
                screen.run_in_worker("test", job, Done)
                await app.workers.wait_for_complete()
                await pilot.pause()
    run(scenario)
    assert got == [(3, None), (None, "no such code: 'x' (see `sto-qual codebook`)"), (None, "Permission denied")]
    assert opened and opened[0] is not tui_ws  # the worker had its own connection


def test_attempt_returns_an_outcome_and_notifies_the_error(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = app.screen
            ok = screen.attempt(tui_ws.documents)
            assert isinstance(ok, Outcome) and ok.ok and len(ok.value) == 3 and ok.error is None

            def bad():
                raise StoQualError("that code does not exist")
            failed = screen.attempt(bad)
            assert not failed.ok and failed.value is None and failed.error == "that code does not exist"
            await pilot.pause()
            assert [n.message for n in app._notifications][-1] == "that code does not exist"
            assert screen.attempt_quiet(bad).error == "that code does not exist"
    run(scenario)
