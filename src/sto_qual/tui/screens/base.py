"""What every screen shares: the Workspace, the coder, error-safe calls."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

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

    def attempt(self, fn, *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        return self.sto.attempt(fn, *args, **kwargs)
