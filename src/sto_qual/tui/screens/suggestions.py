"""Suggestions: the review queue across documents, grouped by code; accept, reject, skip,
bulk-accept above a confidence; make keyword suggestions or retrain the learned model in a
worker thread with progress."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, ProgressBar, Static

from sto_qual.domain.model import Suggestion
from sto_qual.services import Workspace
from sto_qual.services.tui_support import passage_context
from sto_qual.tui.messages import WorkProgress
from sto_qual.tui.modals import ConfirmModal, TextPrompt
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.navbar import NavBar


class SuggestDone(Message):
    def __init__(self, result: dict[str, Any] | None, error: str | None) -> None:
        super().__init__()
        self.result, self.error = result, error


class SuggestionsScreen(StoScreen):
    BINDINGS = [
        Binding("a", "accept", "Accept", id="suggestions.accept"),
        Binding("r", "reject", "Reject", id="suggestions.reject"),
        Binding("s", "skip", "Skip", id="suggestions.skip"),
        Binding("b", "bulk_accept", "Accept ≥ conf.", id="suggestions.bulk"),
        Binding("g", "rules", "Keyword sugg.", id="suggestions.rules"),
        Binding("t", "train", "Train model", id="suggestions.train"),
        Binding("o", "open", "Open in coder", id="suggestions.open"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="suggestions.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, Suggestion] = {}
        self._seen_version = -1

    def compose(self) -> ComposeResult:
        yield NavBar("suggestions")
        yield Static(id="sugg-summary", classes="statusline")
        with Horizontal(id="sugg-progress-row", classes="progress-row"):
            yield ProgressBar(id="sugg-progress", show_eta=False)
            yield Static(id="sugg-progress-text")
        yield DataTable(id="sugg-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="sugg-context", classes="context")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#sugg-progress-row").display = False
        table = self.query_one(DataTable)
        table.add_column("Code", key="code", width=26)
        table.add_column("Doc", key="doc", width=6)
        table.add_column("Why", key="why", width=24)
        table.add_column("Sentence", key="text")
        self.call_after_refresh(self.reload)  # after layout: rows are cut to the table's width
        table.focus()

    def on_screen_resume(self) -> None:
        if self._seen_version != self.sto.data_version:
            self.reload()

    def reload(self) -> None:
        self._seen_version = self.sto.data_version
        ok, items = self.attempt(self.ws.suggestions)
        if not ok:
            return
        codes = {c.path: c for c in self.ws.codebook()}
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        self.items = {s.id: s for s in items}
        room = max(table.size.width - 68, 30)  # fixed columns, cell padding, scrollbar
        last = None
        for s in items:
            code = codes.get(s.code)
            label = Text()
            if s.code != last:
                label.append("■ ", style=code.colour if code else "")
                label.append((code.label or code.name) if code else s.code)
            last = s.code
            why = f"{s.confidence:.2f} " if s.confidence is not None else ""
            why = _fit(why + s.reason, 24)
            table.add_row(label, Text(s.doc), Text(why), Text(_fit(s.text, room)), key=str(s.id))
        if items:
            table.move_cursor(row=min(keep, len(items) - 1))
        groups = len({s.code for s in items})
        self.query_one("#sugg-summary", Static).update(
            f" {len(items)} pending suggestions in {groups} codes · a accept · r reject · s skip · "
            f"g keyword suggestions · t train the model" if items else
            " No pending suggestions. g makes keyword suggestions; t trains a model on your codings.")
        self._show_context()

    def _current(self) -> Suggestion | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.items.get(int(key)) if key is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_context()

    def _show_context(self) -> None:
        s = self._current()
        ctx = self.query_one("#sugg-context", Static)
        if s is None:
            ctx.update("")
            return
        ok, parts = self.attempt(passage_context, self.ws, s.document_id, s.start, s.end)
        if not ok:
            return
        before, quote, after = parts
        t = Text()
        t.append(f"{s.doc} · {s.code}\n", style="dim")
        t.append(before + " ", style="dim")
        t.append(quote, style="bold")
        t.append(" " + after, style="dim")
        ctx.update(t)

    def _remove_row(self, sid: int) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.remove_row(str(sid))
        self.items.pop(sid, None)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_context()

    def action_accept(self) -> None:
        s = self._current()
        if s is None:
            return
        ok, _ = self.attempt(self.ws.accept, [s.id], coder=self.coder)
        if ok:
            self.sto.changed_codings()
            self._seen_version = self.sto.data_version
            self._remove_row(s.id)
            self.notify(f"accepted {s.code} in {s.doc}", timeout=2)

    def action_reject(self) -> None:
        s = self._current()
        if s is None:
            return
        ok, _ = self.attempt(self.ws.reject, [s.id], coder=self.coder)
        if ok:
            self.sto.changed_codings()
            self._seen_version = self.sto.data_version
            self._remove_row(s.id)

    def action_skip(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=min(table.cursor_row + 1, table.row_count - 1))

    def action_open(self) -> None:
        s = self._current()
        if s is not None:
            self.sto.open_document(s.document_id, (s.start, s.end))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_bulk_accept(self) -> None:
        def with_threshold(value: str | None) -> None:
            if value is None:
                return
            try:
                threshold = float(value.replace(",", "."))
            except ValueError:
                self.notify(f"“{value}” is not a number between 0 and 1", severity="error")
                return
            n = sum(1 for s in self.items.values() if s.confidence is not None and s.confidence >= threshold)
            if not n:
                self.notify(f"no pending suggestion has confidence ≥ {threshold:.2f} (keyword suggestions "
                            "have none)", severity="warning")
                return

            def go(yes: bool | None) -> None:
                if yes:
                    ok, created = self.attempt(self.ws.accept, all_above=threshold, coder=self.coder)
                    if ok:
                        self.sto.changed_codings()
                        self.reload()
                        self.notify(f"accepted {len(created)} suggestions", timeout=3)
            self.app.push_screen(ConfirmModal(f"Accept {n} suggestions with confidence ≥ {threshold:.2f}?"), go)
        self.app.push_screen(TextPrompt("Accept every pending suggestion with confidence at least", value="0.8"),
                             with_threshold)

    # ---------------------------------------------------------------- worker
    def action_rules(self) -> None:
        self._start(learned=False)

    def action_train(self) -> None:
        self._start(learned=True)

    def _start(self, learned: bool) -> None:
        self.query_one("#sugg-progress-row").display = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#sugg-progress-text", Static).update(
            " training the model on your codings…" if learned else " matching codebook keywords…")
        self.run_suggest(learned)

    def run_suggest(self, learned: bool) -> None:
        def job(ws: Workspace) -> dict[str, Any]:
            self.post_message(WorkProgress(0, 0, "loading the language pipeline…"))
            return ws.suggest(learned=learned,
                              progress=lambda i, n, text: self.post_message(WorkProgress(i, n, text)))
        self.run_in_worker("suggest", job, SuggestDone)

    def on_work_progress(self, message: WorkProgress) -> None:
        bar = self.query_one(ProgressBar)
        if message.total:
            bar.update(total=message.total, progress=message.done)
        self.query_one("#sugg-progress-text", Static).update(
            Text(f" {message.text}" + (f" ({message.done}/{message.total})" if message.total else "")))

    def on_suggest_done(self, message: SuggestDone) -> None:
        self.query_one("#sugg-progress-row").display = False
        if message.error:
            self.notify(message.error, severity="error", timeout=6)
            return
        self.sto.changed_codings()  # new suggestions: the coder screen reloads its marks
        r = message.result or {}
        trained = r.get("trained") or []
        text = f"{r.get('rule_suggestions', 0)} keyword and {r.get('model_suggestions', 0)} model suggestions added"
        if trained:
            text += f" (model trained on {len(trained)} codes)"
        self.notify(text, timeout=5)
        self.reload()

    def action_reload(self) -> None:
        self.reload()


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
