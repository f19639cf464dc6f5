"""Ctrl-C during an import (``services.importing``): the worker processes ignore SIGINT (the
terminal sends it to them too) and the writing process stops them; a SIGINT that arrives while
a task's documents are being stored waits until they are stored, so the summary says exactly
what the project holds. The import then raises ``ImportInterrupted`` with that summary."""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.import_summary import ImportSummary


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl-C during an import. ``summary``: what was stored before it, every document in it
    whole and committed; ``files_done`` of ``files_total`` files were handled completely;
    ``partial``: (file, rows done, rows in file) of a survey file stopped part-way, else None.
    Still a KeyboardInterrupt, so a caller that does not know it stops as before."""

    def __init__(self, summary: ImportSummary, files_done: int, files_total: int,
                 partial: tuple[str, int, int] | None = None) -> None:
        super().__init__("import interrupted")
        self.summary = summary
        self.files_done = files_done
        self.files_total = files_total
        self.partial = partial


class Interrupts:
    """SIGINT in the main thread while importing: inside ``held()`` it waits until the block
    is done; elsewhere it interrupts at once, as Python's own handler does. Installed only
    over Python's default handler and only in the main thread (the only one signals reach)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.depth = 0
        self.pending = False
        self._previous: Any = None

    def __enter__(self) -> Interrupts:
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def _on_sigint(self, signum: int, frame: Any) -> None:
        if os.getpid() != self.pid:  # a forked worker, before its initializer ignores SIGINT
            return
        if self.depth:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self, *, raise_pending: bool = True) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if raise_pending and self.depth == 0 and self.pending:
            self.pending = False
            raise KeyboardInterrupt


def ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is the writer's to handle; a worker only stops when told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
