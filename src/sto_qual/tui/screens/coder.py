"""Coder: the transcript, the codebook beside it, and the keys that code.

The screen owns the document's codings and suggestions (from the Workspace) and hands
plain marks to the TranscriptView; every write goes through a Workspace use case and the
marks are patched locally, so a key press repaints without re-reading the document.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Static, Tree

from sto_qual.domain.model import Code
from sto_qual.domain.text import count_words, plural
from sto_qual.services.tui_support import (CodingMark, DocumentView, SuggestionMark,
                                           document_codings, document_suggestions, history_coding_ids,
                                           history_summary, open_document)
from sto_qual.tui.modals import ChoiceModal, MemoModal, PickerModal, PickOption, TextPrompt
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.codetree import CodeTree
from sto_qual.tui.widgets.navbar import NavBar
from sto_qual.tui.widgets.panels import HerePanel, StatusLine, code_info
from sto_qual.tui.widgets.transcript import TranscriptView


class CoderScreen(StoScreen):
    # Priority bindings run the moment the app reads a key, in typing order. Ordinary ones run
    # only after the key went through the focused widget's queue: a fast typist's "1" after
    # "↓↓" could code the old sentence, and letters typed after "c" were lost before the picker
    # opened. The coder screen has no text input, so priority takes nothing away.
    BINDINGS = [
        # the footer shows "1-9 Code" once; the other eight keys are listed in the help
        *(Binding(str(n), f"apply_number({n})", "Code" if n == 1 else f"Apply code {n}", show=n == 1,
                  key_display="1-9" if n == 1 else None, priority=True, id=f"coder.code{n}")
          for n in range(1, 10)),
        Binding("c", "picker", "Pick code…", priority=True, id="coder.picker"),
        Binding("x,delete", "remove_code", "Uncode", priority=True, id="coder.remove"),
        Binding("m", "memo", "Memo", priority=True, id="coder.memo"),
        Binding("s", "star", "Star", priority=True, id="coder.star"),
        Binding("u,ctrl+z", "undo", "Undo", priority=True, id="coder.undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False, priority=True, id="coder.redo"),
        Binding("a", "accept", "Accept", priority=True, id="coder.accept"),
        Binding("r", "reject", "Reject", priority=True, id="coder.reject"),
        Binding("n", "next_suggestion", "Next sugg.", priority=True, id="coder.next_suggestion"),
        Binding("slash", "find", "Find", priority=True, id="coder.find"),
        Binding("d", "choose_document", "Document…", show=False, priority=True, id="coder.document"),
        Binding("o", "toggle_others", "Other coders on/off", show=False, priority=True, id="coder.others"),
        Binding("p", "number_visible", "Keys 1-9 to the visible codes", show=False, priority=True,
                id="coder.number_visible"),
        Binding("tab", "switch_focus", "Transcript/codebook", show=False, priority=True, id="coder.focus"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.doc: DocumentView | None = None
        self.codes: dict[str, Code] = {}
        self.marks: list[CodingMark] = []
        self.suggestions: list[SuggestionMark] = []
        self.show_others = True
        self._codebook_version = -1
        self._find = ""
        self._last_action = ""
        self._data_version = -1

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield NavBar("coder")
        yield StatusLine(id="coder-status", classes="statusline")
        with Horizontal(id="coder-body"):
            yield TranscriptView(id="transcript")
            with Vertical(id="coder-side"):
                yield CodeTree(id="code-tree")
                with VerticalScroll(id="code-info-box"):
                    yield Static(id="code-info")
                yield HerePanel(id="here")
        yield Footer(compact=True)

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def code_tree(self) -> CodeTree:
        return self.query_one(CodeTree)

    def on_mount(self) -> None:
        self.query_one("#code-info-box").border_title = "Definition"
        self.query_one("#here").border_title = "Here"
        self.sync_document()
        self.view.focus()

    def on_screen_resume(self) -> None:
        self.sync_document()

    def on_resize(self) -> None:
        self._refresh_here()

    # ----------------------------------------------------------------- data
    def sync_document(self) -> None:
        """Load the app's current document (the first one if none) and apply a pending jump."""
        if self._codebook_version != self.sto.codebook_version:
            self._load_codebook()
        want = self.sto.current_doc
        if want is None:
            ok, docs = self.attempt(self.ws.documents)
            if not ok or not docs:
                self.query_one(StatusLine).show(
                    [["No documents in this project yet: import transcripts with `sto-qual import FILES`."]])
                return
            want = docs[0].id
            self.sto.current_doc = want
        if self.doc is None or self.doc.id != want:
            self.load(want)
        elif self.sto.data_version != self._data_version:
            self._reload_marks()
        span = self.sto.goto_span
        if span is not None and self.doc is not None:
            self.sto.goto_span = None
            self.view.select_span(*span)

    def project_changed(self) -> None:
        """Another program changed the project: drop a document that is gone, then reload."""
        if self.sto.current_doc is not None:
            ok, exists = self.sto.attempt_quiet(self.ws.document_exists, self.sto.current_doc)
            if ok and not exists:
                self.notify("this document was deleted elsewhere", severity="warning", timeout=5)
                self.sto.current_doc = None
                self.doc = None
        self.sync_document()

    def _load_codebook(self) -> None:
        ok, codes = self.attempt(self.ws.codebook)
        if not ok:
            return
        self._codebook_version = self.sto.codebook_version
        self.codes = {c.path: c for c in codes}
        self.code_tree.set_codes(codes, pinned=self.sto.settings.quick_codes)
        self.view.set_colours({c.path: c.colour for c in codes})
        if self.doc is not None:
            self._reload_marks()

    def load(self, doc_id: int) -> None:
        ok, doc = self.attempt(open_document, self.ws, doc_id)
        if not ok:
            return
        self.doc = doc
        self._last_action = ""
        self.view.set_document(doc, {p: c.colour for p, c in self.codes.items()})
        self._reload_marks()

    def _reload_marks(self) -> None:
        assert self.doc is not None
        self._data_version = self.sto.data_version
        self.marks = document_codings(self.ws, self.doc.id)
        self.suggestions = document_suggestions(self.ws, self.doc.id)
        self._push_marks()
        self.view.set_suggestions(self.suggestions)
        self._refresh_counts()

    def _push_marks(self) -> None:
        shown = self.marks if self.show_others else [m for m in self.marks if m.coder == self.coder]
        self.view.set_marks(shown)
        self._refresh_here()

    def _refresh_counts(self) -> None:
        if self.doc is None:
            return
        counts: dict[str, int] = {}
        for m in self.marks:
            if self.show_others or m.coder == self.coder:
                counts[m.code] = counts.get(m.code, 0) + 1
        self.code_tree.set_counts(counts)

    # --------------------------------------------------------------- panels
    def on_transcript_view_selection_changed(self, event: TranscriptView.SelectionChanged) -> None:
        self._refresh_here()

    def _refresh_here(self) -> None:
        if self.doc is None:
            return
        view = self.view
        s, e = view.selection
        self.query_one(HerePanel).show(view.marks_in(s, e), view.suggestions_in(s, e), self.codes,
                                       selected=(self.doc.text[s:e], self._selection_size(s, e)))
        units = self.doc.units
        i = view.cursor_index
        turn = self.doc.turns[units[i].turn] if units and self.doc.turns else None
        meta = " · ".join(str(self.doc.attributes[k]) for k in ("region_type", "date") if self.doc.attributes.get(k))
        where = f"sentence {i + 1}/{len(units)}" if units else "no sentences"
        if turn is not None and turn.speaker:
            where += f" · {turn.speaker}"
        if units:
            where += f" · {self._selection_size(s, e)} selected"
        mine = sum(1 for m in self.marks if m.coder == self.coder)
        others = "" if self.show_others else " (others hidden)"
        name = self.doc.name
        self.query_one(StatusLine).show([  # most detailed first; the first that fits is shown
            [name + (f" · {meta}" if meta else ""), where, f"{plural(mine, 'coding')} by {self.coder}{others}",
             self._last_action],
            [name, where, f"{mine} by {self.coder}{others}", self._last_action],
            [name, where, self._last_action],
        ])

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        path = event.node.data
        self.query_one("#code-info", Static).update(code_info(self.codes.get(path) if path else None))
        self.query_one("#code-info-box", VerticalScroll).scroll_home(animate=False)

    def on_code_tree_apply_code(self, event: CodeTree.ApplyCode) -> None:
        event.stop()
        self.apply(event.code)

    def on_code_tree_numbers_changed(self, event: CodeTree.NumbersChanged) -> None:
        event.stop()

    def action_number_visible(self) -> None:
        tree = self.code_tree
        if self.sto.settings.quick_codes:
            self.notify("keys 1-9 are pinned by quick_codes in the settings file", severity="warning", timeout=4)
            return
        tree.number_visible()
        self._note("keys: " + ", ".join(f"{i} {self._label(p)}" for i, p in enumerate(tree.quick, 1)))

    def _selection_size(self, s: int, e: int) -> str:
        assert self.doc is not None
        return f"{plural(count_words(self.doc.text[s:e]), 'word')}, {plural(e - s, 'char')}"

    def _where_span(self, start: int) -> str:
        """'R01, sentence 24' for a position in the open document."""
        assert self.doc is not None
        return f"{self.doc.name}, sentence {self.view.unit_at(start) + 1}"

    # ------------------------------------------------------------- coding
    def _note(self, message: str) -> None:
        self._last_action = message
        self._refresh_here()

    def attempt(self, fn, *args, **kwargs):
        """As everywhere, and the status line says the same as the error popup."""
        ok, result = super().attempt(fn, *args, **kwargs)
        if not ok and self.sto.last_error:
            self._note(self.sto.last_error)
        return ok, result

    def notify(self, message: str, *, severity="information", **kwargs) -> None:
        super().notify(message, severity=severity, **kwargs)
        if severity in ("warning", "error"):  # the status line never contradicts a popup
            self._note(message)

    def apply(self, code: str) -> None:
        if self.doc is None:
            return
        s, e = self.view.selection
        for m in self.marks:
            if m.code == code and m.coder == self.coder and m.start == s and m.end == e:
                self.notify(f"already coded {self._label(code)} here", severity="warning", timeout=3)
                return
        ok, coding = self.attempt(self.ws.assign_code, self.doc.id, code, start=s, end=e, coder=self.coder)
        if not ok:
            return
        mark = CodingMark(coding.id, coding.code, coding.coder, coding.start, coding.end, coding.memo,
                          coding.starred, coding.origin)
        self.marks.append(mark)
        self.marks.sort(key=lambda m: (m.start, m.id))
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        self._push_marks()
        self._refresh_counts()
        self._note(f"Coded: {self._label(code)} on {self._where_span(s)} (u undoes)")

    def _label(self, path: str) -> str:
        c = self.codes.get(path)
        return (c.label or c.name) if c else path

    def _code_options(self, paths: list[str] | None = None) -> list[PickOption]:
        codes = [self.codes[p] for p in (paths if paths is not None else list(self.codes)) if p in self.codes]
        return [PickOption(c.path, ("  " * c.depth) + (c.label or c.name), c.colour, c.path) for c in codes]

    def action_apply_number(self, n: int) -> None:
        quick = self.code_tree.quick
        if n > len(quick):
            self.notify(f"no code on key {n}", severity="warning", timeout=3)
            return
        self.apply(quick[n - 1])

    def action_picker(self) -> None:
        self.app.push_screen(PickerModal("Apply which code?", self._code_options()),
                             lambda code: code and self.apply(code))

    def _my_marks_here(self) -> list[CodingMark]:
        s, e = self.view.selection
        return [m for m in self.marks if m.coder == self.coder and m.start < e and m.end > s]

    def action_remove_code(self) -> None:
        if self.doc is None:
            return
        mine = self._my_marks_here()
        codes = list(dict.fromkeys(m.code for m in mine))
        if not codes:
            self.notify(f"no code by {self.coder} on the selection", severity="warning", timeout=3)
            return
        s, e = self.view.selection

        def remove(code: str | None) -> None:
            if not code or self.doc is None:
                return
            ok, removed = self.attempt(self.ws.uncode, self.doc.id, code, start=s, end=e, coder=self.coder)
            if ok:
                self._after_change(f"Removed: {self._label(code)} from {self._where_span(s)}"
                                   + (f" ({plural(len(removed), 'coding')})" if len(removed) != 1 else ""))

        if len(codes) == 1:
            remove(codes[0])
        else:
            self.app.push_screen(ChoiceModal("Remove which code from the selection?", self._code_options(codes)),
                                 remove)

    def _choose_coding(self, title: str, then: Callable[[CodingMark], None]) -> bool:
        """Pick one of my codings on the selection (asks when there are several)."""
        mine = self._my_marks_here()
        if not mine:
            return False
        if len(mine) == 1:
            then(mine[0])
            return True
        by_id = {str(m.id): m for m in mine}
        assert self.doc is not None
        options = [PickOption(str(m.id), self._label(m.code), self.codes[m.code].colour if m.code in self.codes
                              else None, self.doc.text[m.start:m.end][:50]) for m in mine]
        self.app.push_screen(ChoiceModal(title, options), lambda v: v and then(by_id[v]))
        return True

    def action_memo(self) -> None:
        """Memo on one of my codings on the selection (the latest one first; the dialog can
        switch), or on the document when the selection carries no coding of mine."""
        if self.doc is None:
            return
        doc = self.doc
        mine = sorted(self._my_marks_here(), key=lambda m: -m.id)
        if not mine:
            def save_doc(result: tuple[str, str] | None) -> None:
                if result and result[1]:
                    ok, _ = self.attempt(self.ws.add_memo, "document", doc.id, result[1], coder=self.coder)
                    if ok:
                        self._note(f"memo added to document {doc.name}")
            self.app.push_screen(MemoModal(f"No coding of yours here: memo on document {doc.name}"), save_doc)
            return
        by_id = {str(m.id): m for m in mine}

        def save(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            m = by_id[result[0]]
            text = result[1]
            if not text and not m.memo:
                return  # nothing written, nothing to clear
            ok, _ = self.attempt(self.ws.set_memo, m.id, text or None, coder=self.coder, document=self.doc.id)
            if ok:
                self._patch(m.id, memo=text or None)
                self._note(f"memo on {self._label(m.code)} " + ("saved" if text else "cleared"))
        first = mine[0]
        quote = doc.text[first.start:first.end]
        targets = [(str(m.id), f"{self._label(m.code)}", m.memo or "") for m in mine]
        self.app.push_screen(MemoModal("Memo" if len(mine) > 1 else f"Memo on {self._label(first.code)}",
                                       first.memo or "", context=f"“{quote[:300]}”", targets=targets,
                                       target=str(first.id)), save)

    def action_star(self) -> None:
        def toggle(m: CodingMark) -> None:
            ok, _ = self.attempt(self.ws.star, m.id, not m.starred, coder=self.coder, document=self.doc.id)
            if ok:
                self._patch(m.id, starred=not m.starred)
                self._note(("Starred: " if not m.starred else "Unstarred: ") + self._label(m.code)
                           + f" on {self._where_span(m.start)}")
        if not self._choose_coding("Star which coding?", toggle):
            self.notify("nothing of yours to star here: code the passage first", severity="warning", timeout=3)

    def _patch(self, coding_id: int, **fields: object) -> None:
        self.marks = [dataclasses.replace(m, **fields) if m.id == coding_id else m for m in self.marks]
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        self._push_marks()

    def _after_change(self, message: str) -> None:
        self.sto.changed_codings()
        self._reload_marks()
        self._note(message)

    def _after_history(self, result: dict) -> None:
        """Patch the marks touched by an undo/redo step (re-reading each one) instead of
        reloading the document's codings: undo is a key a coder presses often."""
        assert self.doc is not None
        self.sto.changed_codings()
        self._data_version = self.sto.data_version
        by_id = {m.id: i for i, m in enumerate(self.marks)}
        marks = list(self.marks)
        gone: set[int] = set()
        facts: dict[int, tuple[str, str]] = {}  # coding id -> (code label, "R01, sentence 24")
        for cid in history_coding_ids(result):
            ok, coding = self.sto.attempt_quiet(self.ws.coding, cid)
            if ok:
                facts[cid] = (self._label(coding.code), self._where_span(coding.start)
                              if coding.document_id == self.doc.id else coding.doc)
            elif cid in by_id:
                old = self.marks[by_id[cid]]
                facts[cid] = (self._label(old.code), self._where_span(old.start))
            if not ok or coding.document_id != self.doc.id:
                if cid in by_id:
                    gone.add(cid)
                continue
            mark = CodingMark(coding.id, coding.code, coding.coder, coding.start, coding.end, coding.memo,
                              coding.starred, coding.origin)
            if cid in by_id:
                marks[by_id[cid]] = mark
            else:
                marks.append(mark)
        self.marks = sorted((m for m in marks if m.id not in gone), key=lambda m: (m.start, m.id))
        self.suggestions = document_suggestions(self.ws, self.doc.id)
        self._push_marks()
        self.view.set_suggestions(self.suggestions)
        self._refresh_counts()
        self._note(history_summary(result, facts))

    def action_undo(self) -> None:
        ok, result = self.attempt(self.ws.undo, coder=self.coder)
        if ok:
            self._after_history(result)

    def action_redo(self) -> None:
        ok, result = self.attempt(self.ws.redo, coder=self.coder)
        if ok:
            self._after_history(result)

    # ---------------------------------------------------------- suggestions
    def _suggestions_here(self) -> list[SuggestionMark]:
        s, e = self.view.selection
        return self.view.suggestions_in(s, e)

    def _pick_suggestion(self, verb: str, then: Callable[[SuggestionMark], None]) -> None:
        here = self._suggestions_here()
        if not here:
            self.notify("no suggestion on this sentence (n jumps to the next)", severity="warning", timeout=3)
            return
        if len(here) == 1:
            then(here[0])
            return
        by_id = {str(s.id): s for s in here}
        options = [PickOption(str(s.id), self._label(s.code), self.codes[s.code].colour if s.code in self.codes
                              else None, s.reason) for s in here]
        self.app.push_screen(ChoiceModal(f"{verb} which suggestion?", options), lambda v: v and then(by_id[v]))

    def action_accept(self) -> None:
        def accept(s: SuggestionMark) -> None:
            ok, _ = self.attempt(self.ws.accept, [s.id], coder=self.coder)
            if ok:
                self._after_change(f"Accepted: {self._label(s.code)} on {self._where_span(s.start)}")
        self._pick_suggestion("Accept", accept)

    def action_reject(self) -> None:
        def reject(s: SuggestionMark) -> None:
            ok, _ = self.attempt(self.ws.reject, [s.id], coder=self.coder)
            if ok:
                self._after_change(f"Rejected: {self._label(s.code)} on {self._where_span(s.start)}")
        self._pick_suggestion("Reject", reject)

    def action_next_suggestion(self) -> None:
        if not self.suggestions:
            self.notify("no pending suggestions on this document (F4 to make some)", timeout=3)
            return
        s, _ = self.view.selection
        after = [x for x in self.suggestions if x.start > s] or self.suggestions
        target = after[0]
        self.view.move_to_unit(self.view.unit_at(target.start), center=True)

    # ------------------------------------------------------------- moving
    def action_find(self) -> None:
        def find(query: str | None) -> None:
            if not query or self.doc is None:
                return
            self._find = query
            text = self.doc.text
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            s, _ = self.view.selection
            m = pattern.search(text, s + 1) or pattern.search(text, 0)
            if m is None:
                self.notify(f"“{query}” does not occur in {self.doc.name}", severity="warning", timeout=3)
                return
            self.view.select_span(m.start(), m.end())
        self.app.push_screen(TextPrompt("Find in this transcript", value=self._find,
                                        help="Selects the next occurrence; code it as it is or extend it."), find)

    def action_choose_document(self) -> None:
        ok, docs = self.attempt(self.ws.documents)
        if not ok:
            return
        options = [PickOption(str(d.id), d.name, None,
                              f"{d.attributes.get('region_type', '')} · {d.codings} codings") for d in docs]
        self.app.push_screen(PickerModal("Open which document?", options),
                             lambda v: v and self.sto.open_document(int(v)))

    def action_toggle_others(self) -> None:
        self.show_others = not self.show_others
        self._push_marks()
        self._refresh_counts()

    def action_switch_focus(self) -> None:
        # set_focus now, not focus() (which waits a turn): keys typed right after Tab must
        # already go to the new widget
        self.set_focus(self.code_tree if self.focused is self.view else self.view)
