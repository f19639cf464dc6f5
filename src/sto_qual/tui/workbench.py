"""What a screen, a modal or the command palette may ask of the running workbench.

The app (``tui/app.py``) imports every screen; a screen never imports the app. It reaches the
app through ``StoScreen.sto``, typed as this ``Workbench``: the Workspace and who codes, which
document the Coder opens and where, the version counters that tell other screens to refresh,
and the few app-wide actions the palette offers. ``StoQualApp`` is the one implementation.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from sto_qual.services import Workspace
from sto_qual.tui.settings import Settings


class Workbench(Protocol):
    ws: Workspace
    settings: Settings
    coder: str  # who codes in this workbench
    current_doc: int | None  # the document the Coder shows
    goto_span: tuple[int, int] | None  # where the Coder puts its cursor next
    goto_find: str | None  # what F2 searched for: the Coder's / starts from it
    goto_quotes: tuple[str, str, str | None] | None  # F5's code, filter and coder next (an F6 crosstab cell)
    said: list[str]  # the Coder's last status messages, whole
    codebook_version: int  # bumped by every codebook edit: screens rebuild their code lists
    data_version: int  # bumped by every coding change: counts and summaries refresh

    @property
    def project_path(self) -> Path | None: ...

    def open_worker_workspace(self) -> Workspace:
        """A Workspace for a worker thread (its own connection)."""

    def open_document(self, doc_id: int, span: tuple[int, int] | None = None, find: str | None = None) -> None:
        """The Coder on ``doc_id``, ``span`` selected."""

    def open_quotes(self, code: str, where: str, coder: str | None = None) -> None:
        """F5 on ``code``'s passages filtered by ``where``, of ``coder``."""

    def changed_codings(self) -> None: ...

    def watch_project(self) -> None:
        """Take in what another connection committed, if anything (cheap when nothing did)."""

    def changed_codebook(self) -> None: ...

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None: ...

    # the app-wide actions and the Textual app's own parts the command palette uses
    current_mode: str
    screen: Screen

    def action_goto(self, mode: str) -> None: ...

    def action_help(self) -> None: ...

    def action_who(self) -> None: ...

    def action_messages(self) -> None: ...

    def keep_said(self, message: str) -> None: ...

    def action_toggle_theme(self) -> None: ...

    async def switch_mode(self, mode: str) -> Any: ...

    def get_key_display(self, binding: Binding) -> str: ...

    def _check_action_state(self, action: str, namespace: DOMNode) -> bool | None: ...
