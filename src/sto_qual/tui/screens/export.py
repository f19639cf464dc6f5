"""Export: the report (.docx/.md), tables (.csv/.xlsx) and QDPX, written in a worker
thread with a progress bar, then a notification with the path."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Select, Static

from sto_qual.services import Workspace
from sto_qual.services.exports import edited_since_written
from sto_qual.services.report_warnings import drafts_note
from sto_qual.services.tui_support import EXPORT_FORMATS, others_hidden, run_export
from sto_qual.tui.messages import WorkProgress
from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.navbar import NavBar


class ExportDone(Message):
    def __init__(self, path: str, result: dict[str, Any] | None, error: str | None) -> None:
        super().__init__()
        self.path, self.result, self.error = path, result, error


class ExportForm(VerticalScroll, can_focus=False):
    """The form, scrolled when the warnings under a written file are longer than the screen; not
    a stop of its own for tab and the arrow keys (those move between the formats)."""


class FormatChoice(RadioButton):
    """A radio button whose mark tells the chosen format (●) from the others (○) without colour:
    in a text capture, a terminal without colours or to a colour-blind reader every one read ▐●▌."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # read by the button's rendering
        return "●" if self.value else "○"


class ExportScreen(StoScreen):
    BINDINGS = [
        Binding("ctrl+e", "export", "Export", id="export.run", priority=True),
        # the warnings under a written file run past a 35-row screen, and nothing scrolled to them by key
        Binding("pagedown", "scroll_form(1)", "Scroll down", show=False, id="export.page_down"),
        Binding("pageup", "scroll_form(-1)", "Scroll up", show=False, id="export.page_up"),
    ]

    def action_scroll_form(self, direction: int) -> None:
        form = self.query_one(ExportForm)
        (form.scroll_page_down if direction > 0 else form.scroll_page_up)(animate=False)

    def __init__(self) -> None:
        super().__init__()
        self.format = EXPORT_FORMATS[0]
        self._written: dict[Path, str] = {}  # file -> the format this screen last wrote to it
        self.last_result: dict[str, Any] | None = None
        self._replacing = False  # the file being written replaces one of that name (said when written)

    def compose(self) -> ComposeResult:
        yield NavBar("export")
        with ExportForm(id="export-form"):
            yield Static("Write the project out", classes="section")
            with RadioSet(id="export-format"):
                for i, fmt in enumerate(EXPORT_FORMATS):
                    yield FormatChoice(f"{fmt.label}  {fmt.suffix}", value=i == 0, id=f"fmt-{fmt.key}")
            yield Label("File")
            yield Input(id="export-path")
            with Horizontal(id="export-options"):
                yield Label("Language ")
                yield Select([("Nederlands", "nl"), ("English", "en")], value="nl", allow_blank=False,
                             id="export-lang")
                yield Button("Export (ctrl+e)", id="export-run", variant="primary")
            with Horizontal(id="export-progress-row", classes="progress-row"):
                yield ProgressBar(id="export-progress", show_eta=False)
                yield Static(id="export-progress-text")
            yield Static(id="export-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#export-progress-row").display = False
        self.query_one("#export-path", Input).value = str(self._default_path(self.format))

    def _default_path(self, fmt) -> Path:
        """The project's name and what the file holds: studie-report.docx, studie-codings.csv,
        studie-grid.xlsx, studie-project.qdpx."""
        p = self.sto.project_path
        base = (p.parent / f"{p.stem}-{fmt.name}") if p is not None else Path.cwd() / f"sto-qual-{fmt.name}"
        return base.with_suffix(fmt.suffix)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._use(EXPORT_FORMATS[event.radio_set.pressed_index])

    def _use(self, fmt) -> None:
        """The file name follows the chosen format: its suffix, and what it holds when the name
        is the one the last format gave ("-report" becomes "-codings" for the CSV); a name typed
        keeps its own words."""
        inp = self.query_one("#export-path", Input)
        current = Path(inp.value) if inp.value.strip() else self._default_path(fmt)
        tail = f"-{self.format.name}"
        if current.stem.endswith(tail):
            current = current.with_name(current.stem[:-len(tail)] + f"-{fmt.name}" + current.suffix)
        inp.value = str(current.with_suffix(fmt.suffix))
        self.format = fmt

    def export_as(self, key: str) -> None:
        """Choose the format ``key`` (its button, the file's suffix) and export, as ctrl+e: the
        command palette's "Export …" commands."""
        self.query_one(f"#fmt-{key}", RadioButton).value = True
        self._use(next(f for f in EXPORT_FORMATS if f.key == key))
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-run":
            self.action_export()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "export-path":
            self.action_export()

    def on_screen_resume(self) -> None:
        """Back on F8 the keys are in the list of formats (↑↓ Enter), not where the last export
        left them (the Export button: shift+tab and ↓ then changed the language, and ctrl+e wrote
        the last format again)."""
        self.query_one("#export-format", RadioSet).focus()

    def action_export(self, confirmed: bool = False) -> None:
        if self.attempt_quiet(others_hidden, self.ws, self.coder).value:
            # every export holds every coder's codings (the chapter counts the reference coder's): written
            # while coding blind, it showed the others' coding, as F4, F5, F6 and F9 do not
            self.notify(BLIND_EXPORT, severity="warning", timeout=10)
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("give a file name", severity="error")
            return
        path = Path(raw).expanduser()
        edited = edited_since_written(path) if path.is_file() else ""  # a chapter edited in Word since
        if path.is_file() and (self._written.get(path.resolve()) != self.format.key or edited) and not confirmed:
            # another file of that name (the workbook, when the grid took its name): asked, not replaced unsaid
            was = next((f.label for f in EXPORT_FORMATS if f.key == self._written.get(path.resolve())), None)
            self.app.push_screen(ConfirmModal(
                f"{path.name} exists" + (f" and {edited}" if edited.startswith("it was changed")
                                         else f" (the {was} written here a moment ago)" if was else "")
                + f": replace it with the {self.format.label}?", yes="Replace"),
                lambda yes: self.action_export(confirmed=True) if yes else self.notify(
                    "nothing written: give another file name", timeout=4))
            return
        lang = self.query_one("#export-lang", Select).value
        self.query_one("#export-progress-row").display = True
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#export-progress-text", Static).update(Text(f" writing {path.name}…"))
        self.query_one("#export-status", Static).update("")
        self._replacing = path.is_file()
        self.run_export_worker(str(path), str(lang) if lang is not Select.NULL else "nl")

    def run_export_worker(self, path: str, lang: str) -> None:
        # the chosen format says grid or not; a file named "grid.xlsx" under another format
        # writes the grid, as on the command line
        grid = True if self.format.grid else None

        def job(ws: Workspace) -> dict[str, Any]:
            try:
                return run_export(ws, path, lang=lang, grid=grid, force=True,  # (asked above)
                                  progress=lambda i, n, text: self.post_message(WorkProgress(i, n, text)))
            except OSError as exc:  # say which file the system refused
                raise OSError(f"{path}: {exc.strerror or exc}") from exc
        self.run_in_worker("export", job, lambda result, error: ExportDone(path, result, error))

    def on_work_progress(self, message: WorkProgress) -> None:
        if message.total:
            self.query_one(ProgressBar).update(total=message.total, progress=message.done)
        self.query_one("#export-progress-text", Static).update(Text(f" {message.text}"))

    def on_export_done(self, message: ExportDone) -> None:
        self.query_one("#export-progress-row").display = False
        status = self.query_one("#export-status", Static)
        if message.error:
            status.update(Text(f"Failed: {message.error}"))
            self.notify(message.error, severity="error", timeout=8)
            return
        self.last_result = message.result
        written = (message.result or {}).get("path", message.path)
        self._written[Path(message.path).expanduser().resolve()] = self.format.key
        # what `sto-qual export` says on stderr (a name the pseudonym list missed, an interview
        # without codings): read here, under the line that says the file was written
        warnings = [str(w) for w in (message.result or {}).get("warnings") or []]
        text = Text(f"Wrote {written}" + (" (it replaced the file of that name)" if self._replacing else ""))
        one = len(warnings) == 1
        count = f"{len(warnings)} warning{'' if one else 's'}"
        if warnings:
            text.append(f"\n\n{count} (the file is written; settle {'it' if one else 'them'} and export again):",
                        style="bold")
            for w in warnings:
                text.append(f"\n• {w}")
        drafts = drafts_note(message.result or {}, self.query_one("#export-lang", Select).value, None, in_tui=True)
        if drafts:  # said on the command line, not here: a writer did not know how "Concept" goes
            text.append(f"\n\nNote: {drafts}")
        status.update(text)
        self.notify(f"Wrote {written}" + (f"\n{count}: read {'it' if one else 'them'} below the form "
                                          "(page down scrolls to them)" if warnings else ""),
                    title="Export done", severity="warning" if warnings else "information", timeout=8)


BLIND_EXPORT = ("Nothing written: you code blind, and every export holds the other coders' codings (the chapter "
                "counts the reference coder's). The Coder's o shows the others' codings, and then you no longer "
                "code blind; or export from the command line after the comparison.")
