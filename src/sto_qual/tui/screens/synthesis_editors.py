"""The synthesis screen's editors: what a cell and a theme share, and one cell (its passages
beside an editable summary). The theme view is in ``synthesis_theme``.

A save or accept names the text the editor loaded (the service's ``expected``): when it was
changed elsewhere meanwhile (a command, another window), nothing is overwritten and the
person chooses (keep mine / take theirs / stay), or, for an accept, reads the new text first.
A change made elsewhere shows within a second (the app's watch calls ``project_changed``);
an unsaved edit stays in the editor and the screen says that the text changed elsewhere."""
from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from sto_qual.domain.errors import StoQualError
from sto_qual.services.synthesis import GLYPHS, SummaryChanged
from sto_qual.tui.modals import ConfirmModal, LeaveModal
from sto_qual.tui.screens.base import StoScreen, user_error
from sto_qual.tui.widgets.footer import KeyFooter

LEAVE_WINDOW_S = 6.0  # how long a second Esc means "leave without saving"


def _now() -> float:
    return time.monotonic()


STATUS_STYLE = {"empty": "dim", "draft": "italic yellow", "reviewed": "green", "outdated": "bold red"}


class SummaryEditor(StoScreen):
    """What the cell and theme views share: a TextArea with save, accept, draft and clear."""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save (reviewed)", priority=True, id="summary.save"),
        Binding("ctrl+g", "accept", "Accept", priority=True, id="summary.accept"),
        Binding("ctrl+r", "draft", "Draft", priority=True, id="summary.draft"),
        Binding("ctrl+l", "clear", "Clear", priority=True, id="summary.clear"),
        Binding("escape", "back", "Back", id="summary.back"),
        Binding("ctrl+a", "select_all", "Select all", show=False, priority=True, id="summary.select_all"),
    ]
    target: dict[str, Any]

    def _call(self, fn, *args, **kwargs) -> None:
        got = self.attempt(fn, *args, **kwargs, **self.target, coder=self.coder)
        if got.ok:
            self.refresh_view()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("the summary is empty; ctrl+l clears it", severity="warning")
            return
        syn = self.ws.synthesis()
        self.write(lambda expected: syn.set_text(text, **self.target, coder=self.coder, expected=expected),
                   self._base, done="saved as reviewed")

    _loaded: str | None = ""  # the text as loaded; None once saved (nothing to keep)
    _base = ""  # the stored text the editor's text started from: a save or accept names it
    _told = ""  # the text changed elsewhere the person was last told of (said once)
    _asking = False  # the changed-elsewhere dialog is up: coming back from it keeps the focus
    _warned_back = 0.0  # when Esc last warned of an unsaved edit (0: not yet)

    def write(self, call, expected: str | None, *, done: str = "", verb: str = "saved", ask: bool = True) -> bool:
        """Save, accept or clear through ``call(expected)``, ``expected`` being the text the
        editor loaded. Refused because the text was changed elsewhere meanwhile: nothing is
        overwritten (see ``changed_elsewhere``)."""
        try:
            call(expected)
        except SummaryChanged as exc:
            self.changed_elsewhere(exc, call, done=done, verb=verb, ask=ask)
            return False
        except (StoQualError, OSError) as exc:
            self.notify(user_error(exc), severity="error", timeout=6)
            return False
        self._loaded = None  # written: nothing to keep
        self.refresh_view()
        if done:
            self.notify(done, timeout=4)
        return True

    def changed_elsewhere(self, exc: SummaryChanged, call, *, done: str, verb: str, ask: bool) -> None:
        """The text was changed elsewhere since the editor loaded it. With typing to save
        (``ask``): keep mine (written over exactly the text shown; u on the grid brings theirs
        back), take theirs (the typing goes), or stay. Otherwise (an accept, a clear): nothing
        is done and the new text is shown, to be read first; typing in the editor stays."""
        who = ", ".join(x for x in (exc.author, str(exc.updated_at or "")[:16].replace("T", " ")) if x)
        by = f" ({who})" if who else ""
        self._told = exc.current
        if not (ask and self.unsaved()):
            if not self.unsaved():
                self._loaded = None
                self.refresh_view()
            self.notify(f"{exc.what} was changed elsewhere{by}: nothing {verb}. "
                        + ("Its text now is in the editor: read it first." if not self.unsaved() else
                           f"It now reads “{exc.current[:200]}”; your typing is kept."),
                        severity="warning", timeout=10)
            return
        theirs = exc.current if len(exc.current) <= 600 else exc.current[:600] + " …"

        def answer(choice: str | None) -> None:
            if choice == "save":  # keep mine: over the text just shown (asked again if it changes again)
                self.write(call, exc.current, done=(done or "saved") + " (over the text changed elsewhere; "
                           "u on the grid brings it back)", verb=verb)
            elif choice == "discard":
                self._loaded = None
                self.refresh_view()
                self.notify("took the text saved elsewhere; your typing is gone", timeout=5)
            else:
                self.notify("your text is still in the editor, not saved; ctrl+s asks again", timeout=5)
        self._asking = True
        self.app.push_screen(LeaveModal(
            f"{exc.what} was changed elsewhere since you opened it{by}. Its text now:\n\n“{theirs}”\n\n"
            "Keep mine: save your text over it (u on the grid brings theirs back). Take theirs: your "
            "typing goes. Stay: go on editing; nothing is saved.",
            save="Keep mine", discard="Take theirs", stay="Stay"), answer)

    def back_from_dialog(self) -> bool:
        """True (once) when the screen comes back from the changed-elsewhere dialog."""
        asking, self._asking = self._asking, False
        return asking

    def load_editor(self, text: str) -> None:
        self._loaded = text
        self._base = text
        self._told = ""
        self._warned_back = 0.0
        area = self.query_one(TextArea)
        area.load_text(text)
        if len(text) < 600:  # a short text: typing adds to it; a long one is read from the top
            area.move_cursor(area.document.end)

    def unsaved(self) -> bool:
        return self._loaded is not None and self.query_one(TextArea).text != self._loaded

    def nothing_to_accept(self) -> bool:
        """Accepting marks what the editor shows as read; an empty editor (a cell never
        drafted) holds nothing a person has read."""
        if self.query_one(TextArea).text.strip():
            return False
        self.notify("nothing to accept here: ctrl+r drafts a text, or type one and ctrl+s saves it",
                    severity="warning")
        return True

    def refuse_unsaved_accept(self, noun: str = "text") -> bool:
        """ctrl+g accepts a text as it is stored, never typing: with an unsaved edit it says so
        (the cell and the theme view alike)."""
        if not self.unsaved():
            return False
        self.notify(f"this {noun} has an unsaved edit: ctrl+s saves it as reviewed "
                    "(ctrl+g accepts only a text you have not changed)", severity="warning", timeout=6)
        return True

    def action_accept(self) -> None:
        if self.nothing_to_accept() or self.refuse_unsaved_accept():
            return
        syn = self.ws.synthesis()
        self.write(lambda expected: syn.accept(**self.target, coder=self.coder, expected=expected),
                   self._base, done="accepted as reviewed", verb="accepted", ask=False)

    def action_draft(self) -> None:
        self._call(self.ws.synthesis().draft_one)

    def action_clear(self) -> None:
        """Clearing a text a person wrote or accepted (or is typing) asks first."""
        status = getattr(self, "data", {}).get("status")
        if self.unsaved() or status in ("reviewed", "outdated"):
            def answer(yes: bool | None) -> None:
                if yes:
                    self._clear()
            if status in ("reviewed", "outdated"):
                question = ("Clear this text (written or accepted by a person)? u on the grid brings back the "
                            "saved text" + (", not what you typed since." if self.unsaved() else "."))
            else:
                question = "Clear the text you typed? It is not saved, so it cannot be brought back."
            self.app.push_screen(ConfirmModal(question, yes="Clear", danger=True), answer)
            return
        self._clear()

    def _clear(self) -> None:
        if getattr(self, "data", {}).get("status") == "empty":  # nothing stored: only the typing goes
            self.load_editor("")
            self.notify("cleared the text you typed (nothing was saved here)", timeout=3)
            return
        syn = self.ws.synthesis()
        self.write(lambda expected: syn.clear(**self.target, coder=self.coder, expected=expected),
                   self.clear_expected(), done="cleared; u on the grid (Esc first) brings it back",
                   verb="cleared", ask=False)

    def clear_expected(self) -> str:
        """The text a clear removes, as the person saw it."""
        return self._base

    def edit_name(self) -> str:
        return f"{self.target.get('doc')} × {self.target.get('code')}"

    def pending_edits(self) -> list[str]:
        return [self.edit_name()] if self.unsaved() else []

    def save_pending(self) -> bool:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify(f"{self.edit_name()}: the text is empty; ctrl+l clears it", severity="warning")
            return False
        got = self.attempt(self.ws.synthesis().set_text, text, **self.target, coder=self.coder, expected=self._base)
        if got.ok:
            self._loaded = text
        return got.ok

    def action_select_all(self) -> None:
        """Select the whole text, so typing replaces it (Home goes to the line's start)."""
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    def warn_before_leaving(self) -> bool:
        """True when Esc should warn first: no warning yet, or the last one is older than its
        notification (a second Esc leaves without saving only right after the warning)."""
        now = _now()
        if self._warned_back and now - self._warned_back < LEAVE_WINDOW_S:
            return False
        self._warned_back = now
        return True

    def action_back(self) -> None:
        if self.unsaved() and self.warn_before_leaving():
            self.notify("unsaved edit: ctrl+s saves it as reviewed; Esc again leaves without saving",
                        severity="warning", timeout=LEAVE_WINDOW_S)
            return
        self.app.pop_screen()

    def refresh_view(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _status(self, data: dict[str, Any], title: str) -> Text:
        from sto_qual.domain.drafting import describe_changes
        t = Text(f" {title}   ")
        t.append(f"{GLYPHS[data['status']]} {data['status']}", style=STATUS_STYLE[data["status"]])
        if data.get("author"):
            t.append(f"  {data['author']}, {str(data['updated_at'])[:16].replace('T', ' ')}", style="dim")
        if data["status"] == "outdated" and data.get("changes"):
            t.append(f"  codings changed: {describe_changes(data['changes'])}", style="red")
        return t


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

    def on_screen_resume(self) -> None:
        if self.back_from_dialog():
            return
        if not self.opened:  # back from another screen (F9): the typed text stays, keys do not go into it
            self.project_changed()  # the codings may have changed meanwhile (ctrl+o, the Coder)
            self.call_after_refresh(self._focus_off_editor)
            return
        self.opened = False
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
            keep = area.selection if area.text == data["summary"] else None
            self._show(data)
            if keep is not None:  # the same text: the cursor stays where it was
                area.selection = keep
            return
        self._show(data, editor=False)
        if data["summary"] != self._base and data["summary"] != self._told:
            self._told = data["summary"]
            self.notify(f"{self.edit_name()} was changed elsewhere; your edit is kept, not saved: ctrl+s asks "
                        "whether to keep yours or theirs", severity="warning", timeout=8)

    def _show(self, data: dict[str, Any], editor: bool = True) -> None:
        self.data = data
        self.query_one("#cell-status", Static).update(self._status(data, f"{data['document']} × {data['code']}"))
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
            t.append(e["text"])
            if e["memo"]:
                t.append(f"\n✎ {e['memo']}", style="italic")
            t.append("\n\n")
        self.query_one("#cell-evidence", Static).update(
            t if data["evidence"] else Text("(no passages of this code in this interview)", style="dim"))
        if editor:
            self.load_editor(data["summary"])
        if data["summary"] != self._base:  # typing kept over a text that changed elsewhere
            note = Text("changed elsewhere; your edit is not saved. It now reads: ", style="bold red")
            self.query_one("#cell-draft", Static).update(note.append(data["summary"] or "(nothing)", style="red"))
        else:
            self.query_one("#cell-draft", Static).update(
                Text("draft: " + data["draft"], style="dim") if data["draft"] and data["status"] != "draft" else "")

    def action_open_passage(self) -> None:
        if not self.data.get("evidence"):
            return
        e = self.data["evidence"][0]
        doc_id, _name = self.ws.store.documents.find(self.data["document"])
        # the cell stays open under the grid: F9 comes back to it
        self.sto.open_document(doc_id, (e["start"], e["end"]))
