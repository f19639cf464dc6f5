"""What every screen shares: the Workspace, the coder, error-safe calls, one way to run
slow work in a worker thread, and the screen's entries in the help.

Screens never import the app (the app imports them): they reach it as ``self.sto``, the
``Workbench`` (``tui/workbench.py``) that says what a screen may ask of it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable
from textual.worker import Worker, WorkerState

from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.services import Workspace
from sto_qual.tui.modals.typeahead import joiner_typed
from sto_qual.tui.workbench import Workbench

T = TypeVar("T")


def reload_keeping_row(table: DataTable, reload: Callable[[], None]) -> None:
    """``reload`` the table's screen with the cursor on the same row (its key) when that row is
    still listed, else as near its old place as the table now allows: another window's change
    adds and removes rows around it."""
    row = table.cursor_row
    key = table.coordinate_to_cell_key((row, 0)).row_key if table.row_count else None
    reload()
    if table.row_count:
        at = table.get_row_index(key) if key is not None and key in table.rows else min(row, table.row_count - 1)
        table.move_cursor(row=at, animate=False)


def user_error(exc: StoQualError | OSError) -> str:
    """The one line a user sees for a failed call."""
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}"
    return str(exc)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an ``attempt`` gave: the call's ``value``, or the ``error`` line the user was
    already shown (then ``value`` is None)."""

    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __iter__(self) -> Iterator[Any]:
        # the older ``ok, value = attempt(...)`` form, for screens not converted yet
        return iter((self.ok, self.value))


def history_line(result: dict[str, Any]) -> str:
    """'Undid: accept of ‘Gedeelde plek’ on R06' from ``Workspace.undo``/``redo``'s result."""
    verb = "Undid" if "undone" in result else "Redid"
    return f"{verb}: {result.get('what') or result.get('op')}"


def undo_question(step: dict[str, Any] | None) -> str | None:
    """What ``u`` asks before it takes back ``step`` (``history_service.next_step``), or None when
    it just does: a step that is not this window's last one (a command's, another window's, the one
    before an undo step that is none), as the Coder and F9 both ask (F9's u took back an edit made
    with `summary set` in another terminal, unasked)."""
    if not step or step.get("refused"):
        return None
    if step.get("passed"):  # a u meant for a code-merge took back the coding before it, unasked
        return f"Your last change, {step['passed'][-1]}, is no undo step: it stays. Undo the step before it, " \
               f"{step['what']}?"
    if step.get("undone_elsewhere"):  # this window's last step, undone in another: not the one before unasked
        return (f"Your last step in this window, {step['undone_elsewhere']}, was undone in another window. "
                f"Undo the step before it, {step['what']}?")
    if step.get("elsewhere"):  # a second window of hers: its u took this one's step unasked
        return f"Your last step was made in another window since this one opened: {step['what']}. Undo it here?"
    if step.get("via") == "command":  # an analyst's `code` in another terminal counts as hers
        return f"Your last step was made by a command, not in this window: {step['what']}. Undo it here?"
    return None


def show_others_question(app: Any, what: str) -> str:
    """What ``o`` asks before it ends coding blind (the Coder's, F9's). After an agreed coding was
    started from her codings the report's method keeps the agreement measured then: said, where the
    question told her the method would count her later codings as not independent, beside the notice
    that coding blind was no longer needed."""
    met = getattr(app, "_round_over", None)
    try:
        counted = met is not None and app.ws.counting_coder() == met
    except (StoQualError, OSError):  # (a question is asked whatever the project says)
        counted = False
    after = (f"what you code after it `agreement` counts as not independent (the report's method, counting {met}, "
             f"keeps the agreement measured when it was started)" if counted else
             "what you code after it the agreement and the report's method count as not independent"
             + (f" (a chapter counting {met} keeps the agreement measured when it was started)" if met else ""))
    return (f"Show the other coders' {what}? You then no longer code blind: their marks, counts, quotes and "
            f"suggestions show, this is kept for this project, and {after}.")


def bindings_of(cls: type) -> list[Binding]:
    return [b for b in getattr(cls, "BINDINGS", ()) if isinstance(b, Binding)]


class StoScreen(Screen):
    HELP_TITLE: ClassVar[str] = ""  # the help's heading for this screen; the class name without "Screen"
    HELP_LEGEND: ClassVar[str] = ""  # prose above the keys when the help opens on this screen (what signs mean)

    def on_key(self, event: events.Key) -> None:
        joiner_typed(self, event)  # a joiner typed into a field (the F9 editor, F7's form) goes in

    @classmethod
    def help_sections(cls) -> list[tuple[str, list[Binding]]]:
        """This screen's keys for the help (screens with keyed widgets add theirs)."""
        return [(cls.HELP_TITLE or cls.__name__.removesuffix("Screen"), bindings_of(cls))]

    @property
    def sto(self) -> Workbench:
        return self.app  # type: ignore[return-value]

    @property
    def ws(self) -> Workspace:
        return self.sto.ws

    @property
    def coder(self) -> str:
        return self.sto.coder

    def pending_edits(self) -> list[str]:
        """What this screen holds typed but not saved (one short name each); asked before quitting."""
        return []

    def save_pending(self) -> bool:
        """Save what ``pending_edits`` names; False (the reason already shown) when refused."""
        return True

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def attempt(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
        """Run a Workspace call; a user error (or a file the system refused) becomes an error
        notification and a failed Outcome, not a crash."""
        try:
            return Outcome(fn(*args, **kwargs))
        except (StoQualError, OSError) as exc:
            error, nothing = user_error(exc), isinstance(exc, NothingToDo)
        # "nothing to redo", "already undone elsewhere": said, not an error (F4 and F9 showed "✖ Error")
        self.notify(error, severity="warning" if nothing else "error", timeout=6)
        return Outcome(error=error)

    def keep_unstored(self, what: str, text: str) -> Any:
        """A text typed here that the project could not take (its document deleted in another
        window meanwhile), written to a file of its own (``MemoService.keep_unstored``): its path,
        or None when there was nothing to keep or the file could not be written either."""
        if not text.strip():
            return None
        try:
            kept = self.ws.memo_service.keep_unstored(what, text)
        except (StoQualError, OSError):
            return None
        getattr(self.app, "kept_files", []).append(kept)  # named again when the app quits
        return kept

    def attempt_quiet(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
        """Like ``attempt`` but a user error is an expected outcome, not a notification."""
        try:
            return Outcome(fn(*args, **kwargs))
        except StoQualError as exc:
            return Outcome(error=str(exc))

    def run_in_worker(self, group: str, job: Callable[[Workspace], T],
                      done: Callable[[T | None, str | None], Message]) -> Worker[None]:
        """Run ``job`` in a thread with its own Workspace (its own connection), then post
        ``done(result, None)``, or ``done(None, error line)`` on a user error or a refused
        file. A newer run in the same ``group`` cancels the older one. Anything else fails
        the worker and ``on_worker_state_changed`` reports it."""
        def body() -> None:
            try:
                ws = self.sto.open_worker_workspace()
            except StoQualError as exc:
                self.post_message(done(None, str(exc)))
                return
            try:
                result = job(ws)
            except (StoQualError, OSError) as exc:
                self.post_message(done(None, user_error(exc)))
                return
            finally:
                if ws is not self.ws:
                    ws.close()
            self.post_message(done(result, None))
        return self.run_worker(body, name=group, group=group, thread=True, exclusive=True, exit_on_error=False)

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
