"""The sto_qual workbench: ``make_app(workspace, settings)`` for the CLI and the tests.

The App holds the Workspace, the settings and which document is open; each screen (one
per mode) asks the Workspace for what it shows. Keys are Bindings with ids so the config
file can remap them; the command palette (ctrl+p) offers every screen and every action of
the current screen.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from sto_qual.domain.errors import StoQualError
from sto_qual.services import Workspace
from sto_qual.tui.screens.codebook import CodebookScreen
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.screens.documents import DocumentsScreen
from sto_qual.tui.screens.export import ExportScreen
from sto_qual.tui.screens.help import HelpScreen
from sto_qual.tui.screens.quotes import QuotesScreen
from sto_qual.tui.screens.suggestions import SuggestionsScreen
from sto_qual.tui.screens.synthesis import SynthesisScreen
from sto_qual.tui.settings import Settings
from sto_qual.tui.terminal_safety import install as _install_terminal_safety

_install_terminal_safety()

SCREENS_IN_ORDER = (
    ("documents", "Documents", "f2"),
    ("coder", "Coder", "f3"),
    ("suggestions", "Suggestions", "f4"),
    ("quotes", "Quotes", "f5"),
    ("dashboard", "Dashboard", "f6"),
    ("codebook", "Codebook", "f7"),
    ("export", "Export", "f8"),
    ("synthesis", "Synthesis", "f9"),
)


class StoQualApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "sto_qual"
    MODES = {
        "documents": DocumentsScreen,
        "coder": CoderScreen,
        "suggestions": SuggestionsScreen,
        "quotes": QuotesScreen,
        "dashboard": DashboardScreen,
        "codebook": CodebookScreen,
        "export": ExportScreen,
        "synthesis": SynthesisScreen,
    }
    DEFAULT_MODE = "documents"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        *(Binding(key, f"goto('{mode}')", label, show=False, id=f"app.{mode}")
          for mode, label, key in SCREENS_IN_ORDER),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, workspace: Workspace, settings: Settings | None = None) -> None:
        super().__init__()
        self.ws = workspace
        self.settings = settings or Settings()
        self.coder = workspace.resolve_coder(self.settings.coder)
        self.current_doc: int | None = None
        self.goto_span: tuple[int, int] | None = None  # where the coder screen should put its cursor
        self.codebook_version = 0  # bumped by every codebook edit so other screens rebuild
        self.data_version = 0  # bumped by every coding change so summaries refresh
        self.last_error = ""  # the message of the last failed ``attempt`` (screens echo it in status lines)

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        self.theme = self.settings.textual_theme if self.settings.textual_theme in self.available_themes \
            else "textual-dark"
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        for warning in self.settings.warnings:
            self.notify(warning, severity="warning", timeout=8)
        # other programs (a CLI command, a second window, another coder) change the project
        # too: PRAGMA data_version moves on each of their commits and costs next to nothing
        self._project_version = self.ws.project_version()
        self.set_interval(self.PROJECT_WATCH_S, self.watch_project)

    PROJECT_WATCH_S = 1.0

    def watch_project(self) -> None:
        """Reload codebook, documents and codings when another connection committed."""
        version = self.ws.project_version()
        if version == self._project_version:
            return
        self._project_version = version
        self.ws.forget_cached()
        self.changed_codebook()
        screen = self.screen
        if isinstance(screen, CoderScreen):
            screen.project_changed()

    @property
    def project_path(self) -> Path | None:
        return self.ws.store.path

    def open_worker_workspace(self) -> Workspace:
        """A Workspace for a worker thread (its own connection); the UI's when in memory."""
        return Workspace.open(self.project_path) if self.project_path is not None else self.ws

    # ------------------------------------------------------------- helpers
    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications carry user text (file names, quotes, code labels): never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def attempt(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Run a Workspace call; a user error becomes an error notification, not a crash."""
        self.last_error = ""
        try:
            return True, fn(*args, **kwargs)
        except StoQualError as exc:
            self.last_error = str(exc)
        except OSError as exc:
            self.last_error = f"{exc.strerror or exc}"
        self.notify(self.last_error, severity="error", timeout=6)
        return False, None

    def attempt_quiet(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
        """Like ``attempt`` but a user error is an expected outcome, not a notification."""
        try:
            return True, fn(*args, **kwargs)
        except StoQualError:
            return False, None

    def open_document(self, doc_id: int, span: tuple[int, int] | None = None) -> None:
        self.current_doc = doc_id
        self.goto_span = span
        if self.current_mode == "coder":
            screen = self.screen
            if isinstance(screen, CoderScreen):
                screen.sync_document()
                return
        self.switch_mode("coder")

    def changed_codings(self) -> None:
        self.data_version += 1

    def changed_codebook(self) -> None:
        self.codebook_version += 1
        self.data_version += 1

    # ------------------------------------------------------------- actions
    def action_goto(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, label, key in SCREENS_IN_ORDER:
            yield SystemCommand(f"Go to {label}", f"Switch to the {label} screen ({key})",
                                functools.partial(self.action_goto, mode))
        yield SystemCommand("Help: every key", "Show every key binding (f1)", self.action_help)
        yield SystemCommand("Toggle light/dark theme", "ctrl+t", self.action_toggle_theme)
        seen = set()
        for key, active in screen.active_bindings.items():
            b = active.binding
            if not b.description or (id(active.node), b.action) in seen or b.id and b.id.startswith("app."):
                continue
            seen.add((id(active.node), b.action))
            yield SystemCommand(b.description, f"key {self.get_key_display(b)}",
                                functools.partial(active.node.run_action, b.action))
        yield from super().get_system_commands(screen)


def make_app(workspace: Workspace, settings: Settings | None = None) -> StoQualApp:
    """The app for one open project (used by ``sto-qual tui``/``demo`` and by the tests)."""
    return StoQualApp(workspace, settings)
