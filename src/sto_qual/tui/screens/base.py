"""What every screen shares: the Workspace, the coder, error-safe calls."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from sto_qual.services import Workspace

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.tui.app import StoQualApp


class StoScreen(Screen):
    @property
    def sto(self) -> StoQualApp:
        return self.app  # type: ignore[return-value]

    @property
    def ws(self) -> Workspace:
        return self.sto.ws

    @property
    def coder(self) -> str:
        return self.sto.coder

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def attempt(self, fn, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        return self.sto.attempt(fn, *args, **kwargs)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed unexpectedly (not a StoQualError, which workers report
        themselves) becomes an error notification; the app keeps running."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.group or 'background work'} failed: {error}", severity="error", timeout=10)
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker) -> None:
        """Reset whatever shows the work in progress."""
        for row in self.query(".progress-row"):
            row.display = False
