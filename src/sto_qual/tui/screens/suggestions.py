"""Suggestions: the review queue across documents, most confident first or most uncertain
first ("teach the model"); each row shows the confidence and both reasons (keywords, model);
accept, reject, skip, bulk-accept above a confidence; make keyword suggestions or retrain the
learned model in a worker thread with progress (coding goes on meanwhile)."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from sto_qual.domain.model import Suggestion
from sto_qual.domain.text import plural
from sto_qual.services import Workspace
from sto_qual.services.suggesting import BLIND_SUGGESTIONS, explain, interviewer_turns_on, set_interviewer_turns
from sto_qual.services.suggestion_review import accepted_detail
from sto_qual.services.tui_support import (clip_words, document_place, others_hidden,
                                           passage_context, reason_in_english, review_order)
from sto_qual.tui.messages import WorkProgress
from sto_qual.tui.fitting import (Columns, cut_label, cut_name, first_fit, hold_width, line_room, room_after,
                                  set_columns)
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.screens.suggestions_bulk import bulk_accept, bulk_reject
from sto_qual.tui.screens.suggestions_filter import SuggestionFilter
from sto_qual.tui.screens.suggestions_steps import SuggestionSteps
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.navbar import NavBar
from sto_qual.domain.wording import confidence_text


class SuggestDone(Message):
    def __init__(self, result: dict[str, Any] | None, error: str | None) -> None:
        super().__init__()
        self.result, self.error = result, error


class SuggestionsScreen(SuggestionSteps, SuggestionFilter, StoScreen):
    BINDINGS = [
        Binding("a", "accept", "Accept", id="suggestions.accept"),
        Binding("r", "reject", "Reject", id="suggestions.reject"),
        Binding("s", "skip", "Skip", show=False, id="suggestions.skip"),
        Binding("u,ctrl+z", "undo", "Undo", tooltip="Undo this screen's last accept or reject", id="suggestions.undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False, id="suggestions.redo"),
        Binding("b", "bulk_accept", "Accept ≥", tooltip="Accept every suggestion at or above a confidence", id="suggestions.bulk"),
        Binding("B", "bulk_reject", "Reject <", show=False, tooltip="Reject every suggestion below a confidence",
                id="suggestions.bulk_reject"),
        # t before g: at 80 columns the footer kept Keywords and dropped Train, the key a coder needs again
        Binding("t", "train", "Train", tooltip="Train the model on the project's codings (every coder's)",
                id="suggestions.train"),
        Binding("g", "rules", "Keywords", tooltip="Make keyword suggestions", id="suggestions.rules"),
        Binding("o", "open", "Open", show=False, tooltip="Open the sentence in the Coder (or Enter)", id="suggestions.open"),
        Binding("v", "order", "Order", id="suggestions.order"),
        Binding("d", "only_doc", "This interview", tooltip="Only this interview's suggestions (again: all)",
                id="suggestions.only_doc"),
        Binding("c", "only_code", "This theme", show=False, tooltip="Only this theme's suggestions (again: all)",
                id="suggestions.only_code"),
        Binding("i", "interviewer", "Questions", tooltip="Interviewer questions: show or hide their suggestions", id="suggestions.interviewer"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="suggestions.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[int, Suggestion] = {}
        self._seen_version = -1
        self._columns, self._doc_width = COLUMNS, 5  # before the sentence
        self._room = 0  # the width the sentences were cut to
        self.uncertain_first = False  # "teach the model": the suggestions it is least sure of first
        # this screen's accepts and rejects, newest last, for u/U: (verb, suggestion, label)
        self.done: list[tuple[str, Any]] = []  # (verb, Suggestion); ("bulk accept"/"bulk reject", an id it took): b, B
        self.undone: list[tuple[str, Suggestion]] = []

    def compose(self) -> ComposeResult:
        yield NavBar("suggestions")
        yield Static(id="sugg-summary", classes="statusline")
        with Horizontal(id="sugg-progress-row", classes="progress-row"):
            yield ProgressBar(id="sugg-progress", show_eta=False)
            yield Static(id="sugg-progress-text")
        yield ListTable(id="sugg-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="sugg-context", classes="context")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sugg-progress-row").display = False
        self._set_columns(self._fixed_columns())
        self.call_after_refresh(self.reload)  # after layout: rows are cut to the table's width
        self.query_one(DataTable).focus()

    def _fixed_columns(self) -> Columns:
        """The columns before the sentence: all of them when the sentence keeps 40 characters,
        else a narrower code and no Why (the context below gives the reasons); at 80 columns the
        sentence had 11."""
        table = self.query_one(DataTable)
        width = table.size.width or self.app.size.width
        # as wide as the listed interviews' names, to 14: "R13-2023-2024" and its next rounds all read "R13-2"
        wide, narrow = (tuple((lab, key, self._doc_width if key == "doc" else w) for lab, key, w in columns)
                        for columns in (COLUMNS, COLUMNS_NARROW))
        return wide if room_after(table, width, wide) >= 40 else narrow

    def _set_columns(self, fixed: Columns) -> None:
        set_columns(self.query_one(DataTable), fixed, "Sentence", "text")
        self._columns = fixed

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)  # once the table has its new width

    def _fit(self) -> None:
        """The columns and the cut sentences for the table's width now, and the line above it."""
        if not self.is_attached:
            return
        table = self.query_one(DataTable)
        fixed = self._fixed_columns()
        if fixed != self._columns or max(room_after(table, table.size.width, fixed), 20) != self._room:
            self.reload()
        else:
            self._update_summary()

    def on_screen_resume(self) -> None:
        blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)  # the Coder's o since
        if self._seen_version != self.sto.data_version or blind != getattr(self, "_blind", blind):
            self.reload()

    def project_changed(self) -> None:
        """Another program (a CLI accept, reject or undo, another window) changed the project:
        the queue and its counts follow, as the Coder does."""
        if self.query(DataTable):  # composed (and not being taken down)
            self.reload(follow=True)

    def reload(self, follow: bool = False) -> None:
        """Fill the queue again. The cursor stays on the same row (after a decision here, the next
        suggestion comes under it) or, with ``follow`` (changes made elsewhere), on the same
        suggestion while others come or go."""
        self._seen_version = self.sto.data_version
        # coding blind, the queue stays empty (BLIND_SUGGESTIONS): it shows the others' coding
        self._blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)
        ok, items = (True, []) if self._blind else self.attempt(self.filtered_suggestions)
        if not ok:
            return
        self._doc_width = max(5, min(14, max((len(s.doc) for s in items), default=5)))
        codes = {c.path: c for c in self.ws.codebook()}
        table = self.query_one(DataTable)
        keep = table.cursor_row
        rows = table.ordered_rows
        kept_id = int(rows[keep].key.value or 0) if follow and 0 <= keep < len(rows) else None
        table.clear()
        if self._fixed_columns() != self._columns:  # the table's width now decides (see _fixed_columns)
            self._set_columns(self._fixed_columns())
        items = _reading_order_without_confidence(review_order(items, uncertain_first=self.uncertain_first))
        self.items = {s.id: s for s in items}
        self._room = max(room_after(table, table.size.width or self.app.size.width, self._columns), 20)
        hold_width(table, "text", self._room)
        self._codes = codes
        # the queue's first MAX_LISTED rows, topped up as decisions take rows out: 37,000 rows of a
        # long transcript took the first F4 twelve seconds, every other key waiting
        self._queue, self._listed = items, 0
        for s in items[:MAX_LISTED]:
            self._add_row(s)
        if items:
            ids = [x.id for x in items[:MAX_LISTED]]
            table.move_cursor(row=ids.index(kept_id) if kept_id in ids else min(keep, len(ids) - 1))
        self._update_summary()
        self._show_context()

    def _add_row(self, s: Suggestion) -> None:
        table = self.query_one(DataTable)
        widths = {key: width for _label, key, width in self._columns}
        code = self._codes.get(s.code)
        label = Text()
        label.append("■ ", style=code.colour if code else "")
        label.append(cut_label((code.label or code.name) if code else s.code, widths["code"] - 3))
        conf = confidence_text(s.confidence) if s.confidence is not None else "–"
        cells = {"code": label, "doc": Text(cut_name(s.doc, widths["doc"])), "conf": Text(conf)}
        if "why" in widths:
            cells["why"] = Text(clip_words(" + ".join(_why(s)), widths["why"]))
        table.add_row(*(cells[key] for _label, key, _width in self._columns), Text(clip_words(s.text, self._room)),
                      key=str(s.id))
        self._listed += 1

    def _top_up(self) -> None:
        """After a row went: the queue's next suggestion not listed yet, when the list holds fewer
        than MAX_LISTED."""
        table = self.query_one(DataTable)
        while table.row_count < MAX_LISTED and self._listed < len(self._queue):
            s = self._queue[self._listed]
            if s.id in self.items:
                self._add_row(s)
            else:
                self._listed += 1

    def _update_summary(self) -> None:
        items = list(self.items.values())
        groups = len({s.code for s in items})
        order = "most uncertain first" if self.uncertain_first else "most confident first"
        orders = [f"{order} (v switches)", f"{order} (v)"]
        if items and all(s.confidence is None for s in items):
            orders = ["in interview order (no confidence yet)", "in interview order"]
        shown = interviewer_turns_on(self.ws)
        asked = [f"interviewer questions {'shown (i hides)' if shown else 'hidden (i shows)'}",
                 f"questions {'shown' if shown else 'hidden'} (i)"]
        # the keys are in the footer; the line says the state: how many, in what order, what is
        # hidden; at 80 columns in fewer words rather than cut
        line = self.query_one("#sugg-summary", Static)
        if getattr(self, "_blind", False):
            line.update(first_fit([f" {BLIND_SUGGESTIONS}", " Hidden while you code blind (the Coder's o shows them)"],
                                  line_room(line)))
            return
        listed = self.query_one(DataTable).row_count
        part = f" (the first {listed:,} listed)" if listed < len(items) else ""
        many = f"{len(items):,} pending suggestion{'s' if len(items) != 1 else ''} in {plural(groups, 'code')}{part}"
        few = (f"{listed:,} of {len(items):,} listed, {plural(groups, 'code')}" if part else
               f"{len(items):,} pending in {plural(groups, 'code')}")
        kept = self.filter_said()
        variants = ([f" {many}{kept} · {orders[0]} · {asked[0]}", f" {many}{kept} · {orders[1]} · {asked[1]}",
                     f" {few}{kept} · {orders[1]} · {asked[1]}", f" {few}{kept} · {orders[1]}"] if items else
                    [f" No pending suggestions{kept}"] if kept else
                    [f" No pending suggestions; {asked[0]}. g: keyword suggestions · t: train on the codings",
                     f" No pending suggestions · {asked[1]} · g keywords · t train"])
        line.update(first_fit(variants, line_room(line)))

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
        conf = (f"confidence {confidence_text(s.confidence)}" if s.confidence is not None
                else "from the codebook, no confidence yet" if _from_codebook(s) else "keywords only, no confidence")
        t.append(f"{s.doc} · {self._label(s)} · {conf} · " + "; ".join(reason_in_english(r) for r in s.reasons) + "\n", style="dim")
        t.append(before + " ", style="dim")
        t.append(quote, style="bold")
        t.append(" " + after, style="dim")
        ctx.update(t)

    def _remove_row(self, sid: int) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.remove_row(str(sid))
        self.items.pop(sid, None)
        self._top_up()
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._update_summary()
        self._show_context()

    def action_accept(self) -> None:
        s = self._current()
        if s is None:
            return
        ok, done = self.attempt(self.ws.accept, [s.id], coder=self.coder)
        if ok:
            self.sto.changed_codings()
            self._seen_version = self.sto.data_version
            self._remove_row(s.id)
            self._did("accept", s)
            detail = accepted_detail(done)
            # where: "R02, sentence 38", as the Coder names a passage
            place = self.attempt_quiet(document_place, self.ws, s.document_id, s.start, s.end)
            self.notify(f"accepted ‘{self._label(s)}’ in {place.value if place.ok else s.doc}"
                        + (f": {detail}" if detail else "") + " (u undoes)", timeout=4 if detail else 2)

    def action_reject(self) -> None:
        s = self._current()
        if s is None:
            return
        ok, _ = self.attempt(self.ws.reject, [s.id], coder=self.coder)
        if ok:
            self.sto.changed_codings()
            self._seen_version = self.sto.data_version
            self._remove_row(s.id)
            self._did("reject", s)
            self.notify(f"rejected ‘{self._label(s)}’ in {s.doc}: not proposed for this sentence again (u undoes)",
                        timeout=3)

    def action_order(self) -> None:
        self.uncertain_first = not self.uncertain_first
        self.reload()
        if self.items and all(s.confidence is None for s in self.items.values()):  # nothing to order by
            self.notify("no pending suggestion has a confidence yet (they come from keywords or the codebook): "
                        "they stay in interview order", timeout=4)
            return
        self.notify("most uncertain first: your decisions there teach the model most" if self.uncertain_first
                    else "most confident first", timeout=2)

    def action_interviewer(self) -> None:
        """The project setting: suggestions in interviewer questions shown or hidden (new
        suggestions follow it; the queue shows or hides the ones already made)."""
        on = not interviewer_turns_on(self.ws)
        ok, _ = self.attempt(set_interviewer_turns, self.ws, on)
        if ok:
            self.reload()
            self.notify("interviewer questions: their suggestions are shown and made from now on" if on
                        else "interviewer questions: no suggestions there (the default)", timeout=3)

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

    def _blind_refused(self) -> bool:
        """Coding blind: the queue's keys say why there is nothing here (and train nothing on the
        other coder's coding of the interviews she codes)."""
        if getattr(self, "_blind", False):
            self.notify(BLIND_SUGGESTIONS, severity="warning", timeout=8)
        return getattr(self, "_blind", False)

    def action_bulk_accept(self) -> None:
        if not self._blind_refused():
            bulk_accept(self)

    def action_bulk_reject(self) -> None:
        if not self._blind_refused():
            bulk_reject(self)

    # ---------------------------------------------------------------- worker
    def action_rules(self) -> None:
        if not self._blind_refused():
            self._start(learned=False)

    def action_train(self) -> None:
        if not self._blind_refused():
            self._start(learned=True)

    def _start(self, learned: bool) -> None:
        self.query_one("#sugg-progress-row").display = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#sugg-progress-text", Static).update(
            " training the model on the project's codings…" if learned else " matching codebook keywords…")
        self.run_suggest(learned)

    def run_suggest(self, learned: bool) -> None:
        scope = self.scope()  # the queue's (d, c): g ran over every interview

        def job(ws: Workspace) -> dict[str, Any]:
            self.post_message(WorkProgress(0, 0, "loading the language pipeline…"))
            return ws.suggest(learned=learned, **scope,
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
        self.notify(explain(message.result or {}), timeout=8)
        self.reload()

    def action_reload(self) -> None:
        self.reload()


def _reading_order_without_confidence(items: list[Suggestion]) -> list[Suggestion]:
    """Suggestions without a confidence (keywords, the codebook) follow the model's in the
    order of the interviews, where each answer's question is just above it."""
    scored = [s for s in items if s.confidence is not None]
    return scored + sorted((s for s in items if s.confidence is None), key=lambda s: (s.doc, s.start, s.code))


def _from_codebook(s: Suggestion) -> bool:
    return any(r.startswith(("vraag over ", "codeboek")) for r in s.reasons)


def _why(s: Suggestion) -> list[str]:
    """The Why column: the keywords found (in quotes), the question and the codebook (before a
    model is calibrated) and/or the model (its confidence has its own column)."""
    why = [f"“{r.removeprefix('trefwoord: ')}”" for r in s.reasons if r.startswith("trefwoord: ")]
    # in the workbench's English, as its reasons read ("question about urgentie"); "vraag + codeboek" was Dutch
    why += ["question"] if any(r.startswith("vraag over ") for r in s.reasons) else []
    why += ["codebook"] if any(r.startswith("codeboek") for r in s.reasons) else []
    return why + (["model"] if s.confidence is not None else [])


# the columns before the sentence (label, key, width); the sentence takes the rest
MAX_LISTED = 2000  # rows of the queue listed at once (the summary line says how many there are)
COLUMNS = (("Code", "code", 24), ("Doc", "doc", 5), ("Conf.", "conf", 5), ("Why", "why", 24))
COLUMNS_NARROW = (("Code", "code", 18), ("Doc", "doc", 5), ("Conf.", "conf", 5))
