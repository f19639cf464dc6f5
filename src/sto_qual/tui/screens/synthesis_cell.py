"""One cell of the summary grid: its passages beside an editable summary (the editor's keys
are in ``synthesis_editors``).

A cell with no stored text opens with its draft in the editor, marked as a draft that is not
stored: editing starts from it, ctrl+s saves (edited or not) and ctrl+g accepts it, Esc leaves
nothing behind, and ctrl+l empties the editor to write from scratch. After a clear the editor
stays empty (the draft is shown below it) until the cell is opened again."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from sto_qual.tui.screens.synthesis_editors import SummaryEditor
from sto_qual.tui.widgets.footer import KeyFooter


class EvidenceView(Static):
    """The cell's passages; ``last_paint`` is when it last rendered a line (the bench's clock)."""
    last_paint = 0.0
    last_paint_cpu = 0.0

    def render_line(self, y: int):
        import time
        self.last_paint = time.perf_counter()
        self.last_paint_cpu = time.process_time()
        return super().render_line(y)


class CellScreen(SummaryEditor):
    NAME = "synthesis-cell"
    GOES_TO = ("a cell is read in the summary grid (F8: Summary grid), not in the chapter, "
               "which prints each theme's summary (t in F9)")
    BINDINGS = [Binding("ctrl+o", "open_passage", "Open in Coder", priority=True, id="summary.open")]

    def __init__(self, doc: str = "", code: str = "") -> None:
        super().__init__()
        self.target = {"doc": doc, "code": code}
        self.data: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static(" ", id="cell-status", classes="statusline")
        with Horizontal(id="cell-body"):
            yield VerticalScroll(EvidenceView(id="cell-evidence"), id="cell-passages")
            with Vertical(id="cell-side"):
                yield TextArea(id="cell-text", soft_wrap=True)
                yield Static("", id="cell-draft")
        yield KeyFooter()

    opened = False  # set by the grid when it opens a cell; a return from another screen keeps the edit
    empty_start = False  # the person emptied the editor (or cleared the cell): no draft is put back in it

    def on_screen_resume(self) -> None:
        if self.back_from_dialog():
            return
        if not self.opened:  # back from another screen (F9): the typed text stays, keys do not go into it
            self.project_changed()  # the codings may have changed meanwhile (ctrl+o, the Coder)
            self.call_after_refresh(self._focus_off_editor)
            return
        self.opened = False
        self.empty_start = False
        self.refresh_view()
        self.query_one(TextArea).focus()
        self.query_one("#cell-passages", VerticalScroll).scroll_home(animate=False)

    def _focus_off_editor(self) -> None:
        passages = self.query_one("#cell-passages", VerticalScroll)
        self.set_focus(passages if passages.focusable else None)  # Tab (or a click) goes back into the text

    def refresh_view(self) -> None:
        got = self.attempt(self.ws.synthesis().cell, self.target["doc"], self.target["code"])
        if got.ok:
            self._show(got.value)

    def start_empty(self) -> None:
        self.empty_start = True
        if self.data:  # the draft goes below the editor again, and the status says "empty"
            self._show(self.data, editor=False)

    def _prefilled(self, data: dict[str, Any]) -> bool:
        """Nothing stored, a draft to start from: it goes into the editor, not stored."""
        return data["status"] == "empty" and bool(data["draft"]) and not self.empty_start

    def project_changed(self) -> None:
        """Changed elsewhere (or while on another screen): the cell as it reads now. An unsaved
        edit stays in the editor; the line under it says when the text changed elsewhere."""
        if not self.data or not self.query(TextArea):
            return
        got = self.attempt_quiet(self.ws.synthesis().cell, self.target["doc"], self.target["code"])
        if not got.ok:
            if got.error != self._told:
                self._told = got.error or ""
                self.notify(f"{self.edit_name()}: {got.error}", severity="warning", timeout=6)
            return
        data = got.value
        area = self.query_one(TextArea)
        if not self.unsaved():
            shown = data["draft"] if self._prefilled(data) else data["summary"]
            keep = area.selection if area.text == shown else None
            self._show(data)
            if keep is not None:  # the same text: the cursor stays where it was
                area.selection = keep
            return
        self._show(data, editor=False)
        if data["summary"] != self._base and data["summary"] != self._told:
            self._told = data["summary"]
            self.notify(f"{self.edit_name()} was changed elsewhere; your edit is kept, not saved: ctrl+s asks "
                        "whether to keep yours or theirs", severity="warning", timeout=8)

    def _code_label(self, path: str) -> str:
        """The code as the grid names it ("Docententekort"), not its path."""
        got = self.attempt_quiet(self.ws.code, path)
        return (got.value.label or got.value.name) if got.ok and got.value else path

    def _show(self, data: dict[str, Any], editor: bool = True) -> None:
        self.data = data
        prefilled = self._prefilled(data)
        shown = dict(data, status="draft") if prefilled else data  # the draft in the editor reads as one
        self.query_one("#cell-status", Static).update(self._status(
            shown, f"{data['document']} × {self._code_label(data['code'])}", note="not stored yet" if prefilled else "",
            short_title=f"{data['document']} × {data['code'].rsplit('/', 1)[-1]}"))
        t = Text()
        changes = data.get("changes") or {}
        for e in data["evidence"]:
            who = ", ".join(x for x in (e["speaker"], e["role"]) if x)
            t.append(f"turn {e['turn']} · {who}", style="bold")
            # an outdated summary: which passages are new or changed since it was written
            ids = set(e.get("ids") or [e.get("id")])
            mark = next((word for key, word in (("added", "new"), ("changed", "changed"))
                         if ids & set(changes.get(key, ()))), None)
            t.append(f"  ◐ {mark} since the summary\n" if mark else "\n", style="bold red" if mark else "")
            parts = e.get("turns") or []
            if len(parts) > 1:  # the interviewer's question after it read as the respondent's words
                t.append(parts[0]["text"])
                for part in parts[1:]:
                    who = ", ".join(x for x in (part["speaker"], part["role"]) if x)
                    t.append(f"\nturn {part['turn']} · {who}\n", style="bold").append(part["text"])
            else:
                t.append(e["text"])
            if e["memo"]:  # its paragraphs indented: a blank line in it read as the next passage
                t.append("\n✎ " + "\n  ".join(x for x in e["memo"].splitlines() if x.strip()), style="italic")
            t.append("\n\n")
        self.query_one("#cell-evidence", Static).update(
            t if data["evidence"] else Text("(no passages of this code in this interview)", style="dim"))
        if editor:  # a save or accept names the stored text (none), not the draft shown
            self.load_editor(data["draft"] if prefilled else data["summary"], base=data["summary"])
        below = self.query_one("#cell-draft", Static)
        if data["summary"] != self._base:  # typing kept over a text that changed elsewhere
            note = Text("changed elsewhere; your edit is not saved. It now reads: ", style="bold red")
            below.update(note.append(data["summary"] or "(nothing)", style="red"))
        elif prefilled:
            below.update(Text("◌ the draft is in the editor, not stored: ctrl+s saves it (edited or not) as "
                              "reviewed, ctrl+g accepts it; ctrl+l empties the editor to write your own",
                              style="dim"))
        else:
            below.update(Text("draft: " + data["draft"], style="dim")
                         if data["draft"] and data["status"] != "draft" else "")

    def action_open_passage(self) -> None:
        if not self.data.get("evidence"):
            return
        e = self.data["evidence"][0]
        doc_id = self.ws.document_service.document_id(self.data["document"])
        # the cell stays open under the grid: F9 comes back to it
        self.sto.open_document(doc_id, (e["start"], e["end"]))
