"""The sto_qual workbench: ``make_app(workspace, settings)`` for the CLI and the tests.

The App holds the Workspace, the settings and which document is open; each screen (one per mode) asks
the Workspace for what it shows. Keys are Bindings with ids so the config file can remap them; the command
palette (ctrl+p) offers every screen and every action of the current screen."""
from __future__ import annotations

import os
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, TextArea

from sto_qual.domain.errors import StoQualError
from sto_qual.services import Workspace, memo_drafts
from sto_qual.tui.commands import StoCommands, palette_commands
from sto_qual.tui.fitting import TALL_AT, WIDE_AT
from sto_qual.tui.key_order import install as _install_key_order
from sto_qual.tui.screens.codebook import CodebookScreen
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.screens.documents import DocumentsScreen
from sto_qual.tui.screens.export import ExportScreen
from sto_qual.tui.modals import ConfirmModal, LeaveModal, MemoModal, PickerModal
from sto_qual.tui.screens.base import StoScreen, bindings_of
from sto_qual.tui.screens.help import HelpScreen
from sto_qual.tui.screens.quotes import QuotesScreen
from sto_qual.tui.screens.suggestions import SuggestionsScreen
from sto_qual.tui.screens.synthesis import SynthesisScreen
from sto_qual.tui.settings import Settings, config_path, env_coder
from sto_qual.tui.terminal_safety import install as _install_terminal_safety
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.panels import SEVERITY_MARKS

_install_terminal_safety()
_install_key_order()

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
    COMMANDS = {StoCommands}  # Textual's provider, listing the empty palette in our order
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_AT, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL_AT, "-tall")]
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        # priority: an editor's own f-keys (the TextArea's f7 selects all) never hide a screen
        *(Binding(key, f"goto('{mode}')", label, show=False, priority=True, id=f"app.{mode}")
          for mode, label, key in SCREENS_IN_ORDER),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, id="app.theme"),
        # in every text field, as in F9's editor (the codebook's Label field went to its start, and
        # what was typed then came before the old label: "Samenwerking in de regioSamenwerking")
        Binding("ctrl+a", "select_all_text", "Select all", show=False, priority=True, id="app.select_all"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        # q quits many terminal programs: here it says which key does (a field takes it as a letter)
        Binding("q", "help_quit", "How to quit", show=False, id="app.quit_hint"),
    ]

    def __init__(self, workspace: Workspace, settings: Settings | None = None, coder: str | None = None,
                 show_others: bool = False) -> None:
        super().__init__()
        self.ws = workspace
        self.settings = settings or Settings()
        self.kept_files: list[Any] = []  # texts written to files this session (``StoScreen.keep_unstored``)
        # who codes: `--coder`, else STO_QUAL_CODER (this shell), else the settings file's coder,
        # else the project's default, as every command asks; a name in another case is the
        # project's coder of that name
        # (a new name that looks like a coder's is refused here, not at the first coding)
        self.coder = workspace.resolve_coder(coder or env_coder() or self.settings.coder)
        # where the name came from: the project's default when no one gave one (a new user of the demo
        # coded as its onderzoeker-a, the coder the report counts, with nothing on screen saying so)
        self.coder_from = ("--coder" if coder else "STO_QUAL_CODER" if env_coder() else
                           "your settings file" if self.settings.coder else "")
        self.current_doc: int | None = None
        self.goto_span: tuple[int, int] | None = None  # where the coder screen should put its cursor
        self.goto_find: str | None = None  # what F2 searched for: the coder's / starts from it
        self.goto_quotes: tuple[str, str, str | None] | None = None  # F5's code, filter, coder (an F6 cell)
        self.said: list[str] = []  # the Coder's last status messages, whole (a narrow window cuts them)
        self.codebook_version = 0  # bumped by every codebook edit so other screens rebuild
        self.data_version = 0  # bumped by every coding change so summaries refresh
        # this window's mark on its undo steps: a u in a second window of the same coder asks before
        # it takes back a step made here while both are open (it did so unasked)
        self.window = f"window:{os.getpid()}:{id(self):x}"
        workspace.session.record_as(self.window)
        try:  # a coder new to a project others coded starts blind, before any screen counts (read-only: as it is)
            self._shown = workspace.session.show_others_now(self.coder) if show_others else None
            self._blind_start = not show_others and workspace.session.start_blind(self.coder)
            # `tui --coder sanen` for sanne: said at once, before a first coding makes a second coder
            self._near_coder = None if workspace.session.asked_new(self.coder) else \
                workspace.session.new_coder_near(self.coder)
            self._renamed = self._near_coder is not None and workspace.session.renamed_to(self.coder) is not None
            if self._near_coder is not None and not self._renamed:  # the notice says her first coding makes her
                workspace.session.new_coder_asked(self.coder)
            # a new coder (a third of the series, "-c", is no typo) is said so with the blind notice
            self._new_coder = self._blind_start and workspace.session.existing_coder_id(self.coder) is None
            # a coder who coded before: blind because another codes blind now (said, with who)
            self._blind_peers = workspace.session.blind_peers(self.coder) if self._blind_start else []
            self._round_over = workspace.session.blind_round_over(self.coder)  # compared: blind no longer needed
        except (StoQualError, OSError):
            self._blind_start, self._near_coder, self._new_coder, self._blind_peers = False, None, False, []
            self._shown = None
            self._renamed = False
            self._round_over = None

    # ------------------------------------------------------------- lifecycle
    def on_mount(self) -> None:
        self.theme = self.settings.textual_theme if self.settings.textual_theme in self.available_themes \
            else "textual-dark"
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        for warning in self.settings.warnings:
            self.notify(warning, severity="warning", timeout=8)
        pair = self.ws.agreed.pairs().get(self.coder)
        if pair:  # a consensus meeting: its keys are not in the footer
            self.notify(f"Coding as {self.coder}, the agreed coding of {pair[0]} and {pair[1]}: in an interview, D goes "
                        "to the next place they differ, T takes its code, K keeps it as started, N notes why (F1 lists "
                        "every key)", timeout=10)
        if not self.coder_from and sum(1 for c in self.ws.coders() if c["codings"]) > 1:  # a team's project
            self.notify(self.who_codes(), severity="warning", timeout=15)
        if self._near_coder:
            near, coder = self._near_coder, self.coder
            said = (f"'{coder}' was renamed to {near}. Quit (ctrl+q) and start with --coder {near}; nothing is stored "
                    f"under '{coder}'" if self._renamed else
                    f"did you mean {near}? Then quit (ctrl+q) and start with --coder {near}; your first coding makes "
                    f"'{coder}' a coder of its own")
            self.notify(f"'{coder}' is a new coder in this project: {said}", severity="warning", timeout=15)
        # up until `o` says otherwise (the toast would contradict it)
        self.blind_notice = self._blind_start or bool(self._round_over)
        if self._blind_start:
            # short: the toast covers the Documents list's last rows while it shows (the list's
            # own line says "of yours (others hidden)" for as long as it holds)
            new = ", a new coder" if self._new_coder else ""
            peers = "" if self._new_coder else f" ({' and '.join(self._blind_peers)} codes blind here)"
            self.notify(f"Coding blind ({self.coder}{new}): others' codings are hidden{peers}; o in the Coder shows "
                        "them", timeout=10)
        if self._shown:
            self.notify(self._shown, timeout=10)
        if self._round_over:
            self.notify(f"Coding blind ({self.coder}): {self._round_over} was started from your codings, so the "
                        "comparison has begun and coding blind is no longer needed; o in the Coder shows the others' "
                        "codings", timeout=10)
        try:
            restored = self.ws.session.restore_said(self.coder)
        except (StoQualError, OSError):  # (a read-only project: said next time)
            restored = None
        if restored:  # kept among ctrl+p's Last messages: it names the file that holds her work
            self.keep_said(restored)
            self.notify(restored, severity="warning", timeout=30)
        if memo_drafts.left_over(self.ws, self.coder):  # (F2 opens first: the Coder says where, when it opens)
            self.notify("A memo you typed when the workbench last stopped was not saved: the Coder (F3) says where, "
                        "and m there opens it with your text", severity="warning", timeout=15)
        # other programs (a CLI command, a second window, another coder) change the project
        # too: PRAGMA data_version moves on each of their commits and costs next to nothing
        self._project_version = self.ws.project_version()
        self._coder_id = self.ws.session.existing_coder_id(self.coder)  # None until her first coding
        self.set_interval(self.PROJECT_WATCH_S, self.watch_project)

    PROJECT_WATCH_S = 1.0

    def watch_project(self) -> None:
        """Reload codebook, documents and codings when another connection committed."""
        if not self.is_running or not self.screen.is_attached:
            # the app is closing (its screens lose their widgets one by one) or the screen
            # is being taken down: nothing is left to refresh, and a refresh would look for
            # widgets that are gone; the change is read by whoever opens the project next
            return
        version = self.ws.project_version()
        if version == self._project_version:
            return
        self._project_version = version
        self.ws.forget_cached()
        self._follow_rename()
        self._blind_since_opened()
        self.changed_codebook()
        changed = getattr(self.screen, "project_changed", None)  # the coder, the synthesis grid and editors
        if callable(changed):
            changed()

    def _follow_rename(self) -> None:
        """This window codes on as its coder's new name after `coder-rename` elsewhere: her
        counts, her blind view and her undo steps follow the name (they are renamed with her)."""
        try:
            if self._coder_id is None:
                self._coder_id = self.ws.session.existing_coder_id(self.coder)
            now = self.ws.session.renamed(self._coder_id, self.coder)
        except StoQualError:
            return
        if now is not None:
            old, self.coder = self.coder, now
            self.notify(f"{old} was renamed {now} in another program: you code as {now} now, and your codings, "
                        "memos and view followed", timeout=10)

    def _blind_since_opened(self) -> None:
        """Another coder began coding blind here while this window showed its coder the others'
        codings: it hides them from now on, as her next opening would (her window, open from
        before, showed the second coder's codings as they were made, and hers were no longer
        independent). A choice she made with ``o`` stands."""
        try:
            began = self.ws.session.start_blind(self.coder)
            peers = self.ws.session.blind_peers(self.coder) if began else []
        except (StoQualError, OSError):
            return
        if not began:
            return
        self.blind_notice = True
        if isinstance(self.screen, CoderScreen):  # the others' screens read the choice when shown
            self.screen.show_others = False
        why = (f"{' and '.join(peers)} began coding blind here" if peers else  # (her first coding beside another's)
               "another coder has coded here since this window opened")
        self.notify(f"Coding blind ({self.coder}): {why}, so the others' codings are hidden now; o in the Coder shows "
                    "them", timeout=10)

    def action_select_all_text(self) -> None:
        """Select the whole text of the focused field, so typing replaces it (Home goes to its start)."""
        if isinstance(self.focused, (Input, TextArea)):
            self.focused.select_all()

    @property
    def project_path(self) -> Path | None:
        return self.ws.path

    def open_worker_workspace(self) -> Workspace:
        """A Workspace for a worker thread (its own connection); the UI's when in memory."""
        if self.project_path is None:
            return self.ws
        ws = Workspace.open(self.project_path)
        ws.session.record_as(self.window)  # a step a worker makes is this window's too
        return ws

    # ------------------------------------------------------------- helpers
    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """User text (file names, quotes, labels): never markup; a warning's title says so, not only its colour."""
        super().notify(message, title=title or SEVERITY_MARKS.get(str(severity), ""), severity=severity,
                       timeout=timeout, markup=markup)

    def open_document(self, doc_id: int, span: tuple[int, int] | None = None, find: str | None = None) -> None:
        """The coder on ``doc_id``, with ``span`` selected; ``find``: the words F2 searched for,
        which the coder's `/` then offers."""
        self.current_doc = doc_id
        self.goto_span = span
        self.goto_find = find
        if self.current_mode == "coder":
            screen = self.screen
            if isinstance(screen, CoderScreen):
                screen.sync_document()
                return
        self.switch_mode("coder")

    def open_quotes(self, code: str, where: str, coder: str | None = None) -> None:
        """F5 on ``code``'s passages filtered by ``where`` ("region_type=krimp"), of ``coder`` (None: every
        coder's): a crosstab cell opened."""
        self.goto_quotes = (code, where, coder)
        self.switch_mode("quotes")

    def changed_codings(self) -> None:
        self.data_version += 1

    def changed_codebook(self) -> None:
        self.codebook_version += 1
        self.data_version += 1

    # ------------------------------------------------------------- actions
    def action_goto(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def open_screens(self) -> list[Any]:
        """Every screen on a stack of any mode (a screen popped off holds nothing to save)."""
        seen: dict[int, Any] = {}
        for stack in self._screen_stacks.values():
            for screen in stack:
                if isinstance(screen, (StoScreen, MemoModal)):
                    seen.setdefault(id(screen), screen)
        return list(seen.values())

    async def action_quit(self) -> None:
        """Quit, but first ask about edits typed and not saved on any screen."""
        if isinstance(self.screen, LeaveModal):  # a question on unsaved text is open (a memo changed elsewhere,
            # asked as "Save and quit" saved it): quitting now dropped the text it asks about
            if not self.screen.question.startswith("Unsaved edits"):
                self.notify("Answer the question first; then ctrl+q quits", severity="warning", timeout=8)
            return
        pending = [(s, s.pending_edits()) for s in self.open_screens()]
        pending = [(s, names) for s, names in pending if names]
        if not pending:
            self._exit_saying_kept()
            return
        names = "; ".join(", ".join(names) for _s, names in pending)

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self._exit_saying_kept()
            elif choice == "save":
                for screen, _names in pending:
                    if not screen.save_pending():
                        return  # the refusal was shown; the edit stays where it was
                if any(getattr(screen, "saves_later", False) for screen, _names in pending):
                    self.set_timer(0.3, self.action_quit)  # once the dialog's own save ran: asks again if refused
                    return
                self._exit_saying_kept()
        self.push_screen(LeaveModal(f"Unsaved edits: {names}. Save them before quitting?",
                                    save="Save and quit", discard="Quit without saving", stay="Stay"), answer)

    def _exit_saying_kept(self) -> None:
        """Quit; the texts kept in files because the project could not take them (a memo whose
        interview was deleted elsewhere, saved by "Save and quit") are named in the terminal: the
        message that named the file went with the window."""
        kept = [str(p) for p in self.kept_files]
        self.exit(message="Kept in a file, as the project could not take it: " + ", ".join(kept) if kept else None)

    def action_help_quit(self) -> None:
        """ctrl+c, and q where no field takes it: Textual's hint, without its markup
        (notifications here are plain text)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit the app", title="To quit")
                return

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            mode = self.current_mode
            sections = key_sections(type(self), first=mode)
            own = bindings_of(type(self.screen))  # a view opened over its screen (F9's theme view): its keys first
            at = next((i for i, (_t, keys) in enumerate(sections) if own and all(k in keys for k in own)), 0)
            sections.insert(0, sections.pop(at))
            legend = getattr(type(self.screen) if at else self.MODES.get(mode), "HELP_LEGEND", "")  # (the view's)
            self.push_screen(HelpScreen(sections, intro=mode == "coder", legend=legend))

    def who_codes(self) -> str:
        """Who codes in this window, from where the name came, and how another name is given."""
        # the command with this project in it, as every command a message gives: from another folder `tui
        # --coder NAME` alone found no project (the demo's is in the data folder)
        where = f" --project {shlex.quote(str(self.project_path))}" if self.project_path is not None else ""
        how = (f"quit (ctrl+q) and start `sto-qual tui --coder NAME{where}` (or `demo --coder NAME`), or write coder "
               f"= \"NAME\" in {config_path()}, which every sto-qual command of yours then reads too")
        if not self.coder_from:
            return (f"You code as {self.coder}, this project's default coder (no name was given). "
                    f"To code as yourself, {how}")
        return f"You code as {self.coder} (from {self.coder_from}). To code as someone else, {how}"

    def action_who(self) -> None:
        self.notify(self.who_codes(), timeout=15)

    def keep_said(self, message: str) -> None:
        """Keep a Coder's status message for ``action_messages`` (the last twenty, each once in a row)."""
        if not self.said or self.said[-1] != message:
            self.said.append(message)
            del self.said[:-20]

    def action_messages(self) -> None:
        """The Coder's last status messages in full, newest last, in a dialog a key closes
        (``SaidModal``): at 80 columns "Coded: … on R03, sentences 68-71, 2 speakers (a quote
        takes…" was all a coder could read of a warning."""
        from sto_qual.tui.modals.said import SaidModal
        self.push_screen(SaidModal(self.said[-20:]))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands, the workbench's own first (``commands.palette_commands``)."""
        return palette_commands(self, screen, SCREENS_IN_ORDER, super().get_system_commands(screen))


def key_sections(app: type[StoQualApp] = StoQualApp, first: str = "coder") -> list[tuple[str, list[Binding]]]:
    """Every key for the help, read from the Bindings of the app and of its registered
    screens (so it cannot go stale); the screen in use (``first``) on top, then the rest."""
    everywhere = ("Everywhere", bindings_of(app) + [Binding("ctrl+p", "command_palette",
                                                            "Command palette: every action", id="(ctrl+p)")])
    sections = []
    for mode in sorted(app.MODES, key=lambda m: (m != first, m != "coder")):
        screen = app.MODES[mode]
        sections += screen.help_sections() if hasattr(screen, "help_sections") else []
        if mode == first:
            sections += [everywhere, ("Lists and the grid (F2, F4, F5, F6, F9)", bindings_of(ListTable))]
    sections.append(("Dialogs", bindings_of(PickerModal) + bindings_of(MemoModal) + bindings_of(ConfirmModal)
                     + bindings_of(LeaveModal)))
    return sections


def make_app(workspace: Workspace, settings: Settings | None = None, coder: str | None = None,
             show_others: bool = False) -> StoQualApp:
    """The app for one open project (used by ``sto-qual tui``/``demo`` and by the tests);
    ``coder`` (``--coder``) codes in this session, before the settings file's coder."""
    return StoQualApp(workspace, settings, coder, show_others)
