"""Coder: the transcript, the codebook beside it, and the keys that code.

The screen owns the document's codings and suggestions (from the Workspace) and hands plain marks to the
TranscriptView; every write goes through a Workspace use case and the marks are patched locally, so a key
press repaints without re-reading the document. The coding keys live in coder_coding.py, the number keys
1-9 (and `p`) in coder_numbers.py, the suggestions shown and their keys in coder_suggestions.py."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Tree

from sto_qual.domain.model import Code
from sto_qual.domain.text import count_words, finder, plural
from sto_qual.services import reading_place
from sto_qual.services.tui_support import (CodingMark, DocumentView, SuggestionMark, document_codings,
                                           keep_others_hidden, open_document, others_hidden, sentence_range)
from sto_qual.tui.modals import ConfirmModal, PickerModal, PickOption, TextPrompt
from sto_qual.tui.screens import coder_marks as M
from sto_qual.tui.screens.base import Outcome, StoScreen, T, bindings_of, show_others_question
from sto_qual.tui.screens.coder_coding import CodingKeys
from sto_qual.tui.screens.coder_differences import DIFFERENCE_BINDINGS, DifferenceKeys
from sto_qual.tui.screens.coder_memos import MemoKeys
from sto_qual.tui.screens.coder_numbers import NumberKeys
from sto_qual.tui.screens.coder_recode import RecodeKeys
from sto_qual.tui.screens.coder_suggestions import SuggestionKeys
from sto_qual.tui.widgets.codetree import CodeTree
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.navbar import NavBar
from sto_qual.tui.widgets.panels import CoderSide, HerePanel, StatusLine, coder_status, marked
from sto_qual.tui.widgets.transcript import TranscriptView


NUMBER_KEYS = Binding.Group("Apply the code on that key (its number in the codebook tree)")


class CoderScreen(NumberKeys, CodingKeys, RecodeKeys, MemoKeys, SuggestionKeys, DifferenceKeys, StoScreen):
    @classmethod
    def help_sections(cls) -> list[tuple[str, list[Binding]]]:
        return [("Coder: transcript", bindings_of(TranscriptView)), ("Coder", bindings_of(cls)),
                ("Coder: codebook tree", bindings_of(CodeTree))]

    # Priority bindings run the moment the app reads a key, in typing order. Ordinary ones run
    # only after the key went through the focused widget's queue: a fast typist's "1" after
    # "↓↓" could code the old sentence, and letters typed after "c" were lost before the picker
    # opened. The coder screen has no text input, so priority takes nothing away.
    BINDINGS = [
        # the footer shows "1-9 Code" once; the help shows the nine as one row ("1–9", their group)
        # unless some are remapped, then one row each, all worded alike
        *(Binding(str(n), f"apply_number({n})", "Code" if n == 1 else f"Apply code {n}", show=n == 1,
                  key_display="1-9" if n == 1 else None, priority=True, id=f"coder.code{n}", group=NUMBER_KEYS,
                  tooltip=f"Apply the code on key {n} (its number in the codebook tree)")
          for n in range(1, 10)),
        Binding("c", "picker", "Pick code…", priority=True, id="coder.picker"),
        Binding("x,delete", "remove_code", "Uncode", priority=True, id="coder.remove"),
        Binding("X", "remove_whole", "Remove the whole coding", show=False, priority=True, id="coder.remove_whole"),
        Binding("C", "recode", "Give a coding another code (its memo and star stay)", show=False, priority=True,
                id="coder.recode"),
        Binding("m", "memo", "Memo", priority=True, id="coder.memo"),
        Binding("s", "star", "Star", priority=True, id="coder.star"),
        Binding("u,ctrl+z", "undo", "Undo", priority=True, id="coder.undo"),
        Binding("a", "accept", "Accept", priority=True, id="coder.accept"),
        Binding("r", "reject", "Reject", priority=True, id="coder.reject"),
        Binding("n", "next_suggestion", "Next sugg.", priority=True, id="coder.next_suggestion"),
        *DIFFERENCE_BINDINGS,
        Binding("slash", "find", "Find", priority=True, id="coder.find"),
        # after the keys a coder needs most: a terminal too narrow for them all drops these first
        Binding("U,ctrl+y", "redo", "Redo", priority=True, id="coder.redo"),
        Binding("d", "choose_document", "Document…", priority=True, id="coder.document"),
        Binding("o", "toggle_others", "Other coders on/off", show=False, priority=True, id="coder.others"),
        Binding("h", "toggle_suggestions", "Suggestions (◆) on/off", show=False, priority=True,
                id="coder.suggestions"),
        Binding("p", "number_visible", "Keys 1-9 to the codes visible now (kept for this project)", show=False,
                priority=True, id="coder.number_visible"),
        Binding("tab", "switch_focus", "Transcript/codebook", show=False, priority=True, id="coder.focus"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.doc: DocumentView | None = None
        self.codes: dict[str, Code] = {}
        self.marks: list[CodingMark] = []
        self.suggestions: list[SuggestionMark] = []
        self.show_others = self.show_suggestions = True  # h hides the ◆ (a project early in its coding may have many)
        self._codebook_version = -1
        self._find, self._found_at = "", None  # the last find's words, and where it selected its word
        self._last_action, self._last_kind = "", ""
        self._note_at: tuple[int, tuple[int, int]] | None = None  # where the cursor was when it was said
        self._data_version = -1

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield NavBar("coder")
        yield StatusLine(id="coder-status", classes="statusline")
        with Horizontal(id="coder-body"):
            yield TranscriptView(id="transcript")
            yield CoderSide(id="coder-side")
        yield KeyFooter()

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def code_tree(self) -> CodeTree:
        return self.query_one(CodeTree)

    def on_mount(self) -> None:
        # hiding the other coders' codings (o) is kept per coder: a second coder codes blind again
        self.show_others = not self.attempt_quiet(others_hidden, self.ws, self.coder).value
        if self.sto.current_doc is None:  # F3 first: the document she read last, where she left off
            self.sto.current_doc = self.attempt_quiet(reading_place.last_document, self.ws, self.coder).value
        self.sync_document()
        self.view.focus()
        self.set_interval(self.KEEP_PLACE_S, self._keep_place)
        self.say_left_over_memos()  # typed in a workbench that stopped before ctrl+s

    def on_screen_resume(self) -> None:
        self.show_others = not self.attempt_quiet(others_hidden, self.ws, self.coder).value  # F9's o shows them too
        self.drop_deleted_document()

    # -------------------------------------------------------- where she is
    KEEP_PLACE_S = 1.0  # how often the place is kept (a kill -9 loses at most this); written only when it moved
    _place: tuple[int, int] | None = None  # (document, offset of the sentence) the cursor is on
    _kept_place: tuple[int, int] | None = None

    def _keep_place(self) -> None:
        """Keep the document and sentence the cursor is on (written only when it moved)."""
        place = self._place
        if place is not None and place != self._kept_place and \
                self.attempt_quiet(reading_place.keep_place, self.ws, self.coder, *place).ok:
            self._kept_place = place

    def on_screen_suspend(self) -> None:
        self._keep_place()
    on_unmount = on_screen_suspend

    def on_resize(self) -> None:
        self._refresh_here()

    # ----------------------------------------------------------------- data
    _doc_memo: str | None = None  # the coder's memo on the open document (m where she has no coding)

    def sync_document(self) -> None:
        """Load the app's current document (the first one if none) and apply a pending jump."""
        if self._codebook_version != self.sto.codebook_version:
            self._load_codebook()
        want = self.sto.current_doc
        if want is None:
            docs = self.attempt(self.ws.documents).value
            if not docs:
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
        if self.sto.goto_find:  # F2's search words: / finds the next place they occur
            self._find, self.sto.goto_find = self.sto.goto_find, None
            self._note(f"found “{self._find}” here: / finds it again further on")

    def project_changed(self) -> None:
        """Another program changed the project: drop a document that is gone, then reload."""
        # not composed yet, or taken down as the app quits (the tree can outlive the side panel's
        # fields by a moment: a reload then met no '#code-info'): nothing to reload
        if not self.is_attached or not self.query(CodeTree) or not self.query("#code-info"):
            return
        if self._last_action:  # "Joined: … now covers sentences 30-33" may be undone elsewhere by now
            self._last_action, self._note_at = "", None
        before, doc = list(self.marks), self.doc.id if self.doc is not None else None
        self.drop_deleted_document()
        if self.doc is not None and self.doc.id == doc and (said := M.removed_elsewhere(
                before, self.marks, self.coder, self._label, self.ws.changed_last_by, self.ws.code_ends)):
            self.notify(said, severity="warning", timeout=8)  # (in the status line too, and ctrl+p's messages)

    def drop_deleted_document(self) -> None:
        """The document here deleted elsewhere (also while a dialog was open): said, and another opened."""
        got = self.attempt_quiet(self.ws.document_exists, self.sto.current_doc) if self.sto.current_doc else None
        if got is not None and got.ok and not got.value:
            self.notify("this document was deleted elsewhere", severity="warning", timeout=5)
            self.sto.current_doc = self.doc = None
        self.sync_document()

    def _load_codebook(self) -> None:
        got = self.attempt(self.ws.codebook)
        if not got.ok:
            return
        codes = got.value
        first = self._codebook_version < 0  # the keys `p` set last time come back with the first codebook
        self._codebook_version = self.sto.codebook_version
        self.codes = {c.path: c for c in codes}
        at = self.code_tree.set_codes(codes, pinned=self.sto.settings.quick_codes,  # keys and open themes kept
                                      **(self.restored_tree(codes) if first else {}))
        self.view.set_colours({c.path: c.colour for c in codes})
        # the definition panel keeps the code it showed (the one just applied, say: a change
        # elsewhere put the tree cursor's in its place), else follows the cursor: a code deleted
        # elsewhere stayed in it until a restart, and one renamed elsewhere left it blank
        side = self.query_one(CoderSide)
        side.show_code(self.codes.get(side.shown or "") or (self.codes.get(at) if at else None))
        if self.doc is not None:
            self._reload_marks()

    def load(self, doc_id: int) -> None:
        self._keep_place()  # the document she leaves: where she was in it
        got = self.attempt(open_document, self.ws, doc_id)
        if not got.ok:
            return
        doc = got.value
        self.doc = doc
        self._last_action = ""
        self.view.set_document(doc, {p: c.colour for p, c in self.codes.items()})
        self._reload_marks()
        # another interview: the code applied in the last one is no longer "just applied" (its
        # definition stood beside an uncoded first sentence); the tree cursor's code, as it moves
        at = self.code_tree.code_at_cursor()
        self.query_one(CoderSide).show_code(self.codes.get(at) if at else None)
        at = self.attempt_quiet(reading_place.place_in, self.ws, self.coder, doc_id).value
        if at is not None and self.sto.goto_span is None and at < len(doc.text):  # where she left off
            self.view.move_to_unit(self.view.unit_at(at), center=True)

    def _reload_marks(self) -> None:
        assert self.doc is not None
        self._data_version = self.sto.data_version
        # its attributes too: a region type set again in another window stayed in the status line
        attrs = self.attempt_quiet(self.ws.document_service.attributes, self.doc.id).value
        if attrs is not None and attrs != self.doc.attributes:
            self.doc = replace(self.doc, attributes=dict(attrs))
        self.marks = document_codings(self.ws, self.doc.id)
        self._doc_memo = self.attempt_quiet(self.ws.document_memo, self.doc.id, self.coder).value
        self.suggestions = self._read_suggestions(self.doc.id)
        self._paint_suggestions()  # before the Here panel is drawn from the view
        self._push_marks()
        self._refresh_counts()

    def _push_marks(self) -> None:
        self.view.set_marks(M.shown(self.marks, self.coder, self.show_others))
        self._refresh_here()

    def _refresh_counts(self) -> None:
        if self.doc is None:
            return
        self.code_tree.set_counts(M.counts(self.marks, self.coder, self.show_others))

    # --------------------------------------------------------------- panels
    def on_transcript_view_selection_changed(self, event: TranscriptView.SelectionChanged) -> None:
        if self._last_action and self._note_at is None:  # said as the key that moved closed a chooser
            self._note_at = self._selection_state()
        self._refresh_here()

    def _refresh_here(self) -> None:
        if self.doc is None:
            return
        view = self.view
        s, e = view.selection
        if self.doc.units:  # where she is, kept every few seconds and when she leaves
            self._place = (self.doc.id, self.doc.units[min(view.cursor_index, len(self.doc.units) - 1)].start)
        if self._last_action and self._note_at not in (None, self._selection_state()):
            self._clear_note()  # the cursor moved on: the position comes back at once
            return
        self.query_one(HerePanel).show(view.marks_in(s, e), view.suggestions_in(s, e), self.codes,
                                       selected=(self.doc.text[s:e], self._selection_size(s, e)), me=self.coder,
                                       doc_memo=(self.doc.name, self._doc_memo) if self._doc_memo else None)
        mine = sum(1 for m in self.marks if m.coder == self.coder)
        span = (view.unit_at(s), view.unit_at(max(s, e - 1))) if e > s else None
        self.query_one(StatusLine).show(coder_status(self.doc, view.cursor_index, self._selection_size(s, e), mine,
                                                     self.coder, not self.show_others,
                                                     marked(self._last_action, self._last_kind), span))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        path = event.node.data
        self.query_one(CoderSide).show_code(self.codes.get(path) if path else None)

    def on_code_tree_apply_code(self, event: CodeTree.ApplyCode) -> None:
        event.stop()
        self.apply(event.code)

    def on_code_tree_numbers_changed(self, event: CodeTree.NumbersChanged) -> None:
        event.stop()

    def _selection_size(self, s: int, e: int) -> str:
        assert self.doc is not None
        return f"{plural(count_words(self.doc.text[s:e]), 'word')}, {plural(e - s, 'char')}"

    def _where_span(self, start: int, end: int | None = None) -> str:
        """'R01, sentences 14-16' for [start, end) in the open document ('R01, sentence 24' for a
        position): a message names the whole coding it is about, not only where it starts."""
        assert self.doc is not None
        first = self.view.unit_at(start) + 1
        last = self.view.unit_at(max(start, end - 1)) + 1 if end is not None else first
        where = f"{self.doc.name}, {sentence_range(first, last)}"
        if end is not None and first == last and 0 < first <= len(self.doc.units):
            # a few words of the sentence (a word found with /, then a number key): said as what it
            # is, "sentence 16" read as the whole sentence coded
            u = self.doc.units[first - 1]
            part = self.doc.text[start:end].strip()
            if part != self.doc.text[u.start:u.end].strip():
                short = count_words(part) <= 4
                return f"{self.doc.name}, part of sentence {first}" + (f" (“{part}”)" if short and part else "")
        return where

    # ------------------------------------------------------------- status
    NOTE_S = 20.0  # how long the status line keeps the last action's message

    def _note(self, message: str, *, from_next_move: bool = False, kind: str = "") -> None:
        """Say ``message`` in the status line until the cursor or the selection moves (or NOTE_S
        passes); ``from_next_move``: the key being handled moves next, keep it over that move."""
        self._last_action, self._last_kind = message, kind  # (a warning's or error's mark: not by colour alone)
        self.sto.keep_said(message)  # the status line cuts a long one at the window's edge: ctrl+p shows it whole
        self._note_at = None if from_next_move or self.doc is None else self._selection_state()
        self._refresh_here()
        # an old "Redid: …" read later looks like something that just happened: it fades
        if (timer := getattr(self, "_note_timer", None)) is not None:
            timer.stop()
        self._note_timer = self.set_timer(self.NOTE_S, self._clear_note)

    def _selection_state(self) -> tuple[int, tuple[int, int]]:
        return self.view.cursor_index, self.view.selection

    def _clear_note(self) -> None:
        self._last_action, self._note_at = "", None
        if self.doc is not None and self.is_attached and self.app.is_running:  # not while the app takes it down
            self._refresh_here()

    def attempt(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Outcome[T]:
        """As everywhere, and the status line says the same as the error popup."""
        got = super().attempt(fn, *args, **kwargs)
        if got.error:
            self._note(got.error, kind="error")
        return got

    def notify(self, message: str, *, severity="information", **kwargs) -> None:
        super().notify(message, severity=severity, **kwargs)
        if severity in ("warning", "error"):  # the status line never contradicts a popup
            self._note(message, kind=severity)

    # ------------------------------------------------------------- moving
    def action_find(self) -> None:
        def find(query: str | None) -> None:
            if not query or self.doc is None:
                return
            # as `search` and the Documents filter find it: "financiele" finds "financiële"
            text, pattern = finder(self.doc.text, query)
            s, e = self.view.selection
            hit = self._found_at
            if query == self._find and hit is not None and s <= hit < e:
                s = hit  # the sentence Esc selected around the last hit: the next one is after that hit
            self._find = query
            later = pattern.search(text, s + 1)
            m = later or pattern.search(text, 0)
            if m is None:
                self.notify(f"“{query}” does not occur in {self.doc.name}", severity="warning", timeout=3)
                return
            self.view.select_span(m.start(), m.end())
            self._found_at = m.start()
            n = sum(1 for _ in pattern.finditer(text))  # the same place again, or back at the top: said
            # only the word is selected: a number key codes that word alone, so the way to its
            # sentence is said every time (a coder coded one word thinking she coded the sentence)
            then = "; Esc selects its sentence"
            if n == 1:
                self._note(f"“{query}” occurs only here in {self.doc.name}{then}")
            elif later is None:
                self._note(f"“{query}”: back to its first place in {self.doc.name} ({n} in all){then}")
            else:  # which one of how many: "2 of 5"
                k = sum(1 for _ in pattern.finditer(text, 0, m.start())) + 1
                self._note(f"“{query}” {k} of {n} selected (the word only){then}, / Enter finds the next")
        self.app.push_screen(TextPrompt("Find in this transcript", value=self._find,
                                        help="Selects the next occurrence; code it as it is or extend it."), find)

    def action_choose_document(self) -> None:
        # coding blind (others hidden): the counts are the coder's own, as in the Documents list
        got = self.attempt(self.ws.documents, None if self.show_others else self.coder)
        if not got.ok:
            return
        docs = got.value
        whose = "" if self.show_others else " of yours"  # ("1 coding", not "1 codings"; no region type: no "  · ")
        options = [PickOption(str(d.id), d.name, None, " · ".join(x for x in (  # the open one said, not only shaded
            d.attributes.get("region_type", ""), plural(d.codings, "coding") + whose,
            "open now" if self.doc and d.id == self.doc.id else "") if x)) for d in docs]
        self.app.push_screen(PickerModal("Open which document?", options,
                                         current=str(self.doc.id) if self.doc else None),
                             lambda v: v and self.sto.open_document(int(v)))

    def action_toggle_others(self, confirmed: bool = False) -> None:
        """Show or hide the other coders' codings, and count only the coder's own in the tree while
        they are hidden; the choice is kept for this coder in this project. Showing them ends coding
        blind for good, so it asks first (one key beside the coding keys did it unasked)."""
        if not self.show_others and not confirmed:
            self.app.push_screen(ConfirmModal(show_others_question(self.app, "codings"), yes="Show them"),
                lambda yes: self.action_toggle_others(confirmed=True) if yes else self._note(
                    "Still coding blind: the other coders' codings stay hidden"))
            return
        self.show_others = not self.show_others
        if getattr(self.app, "blind_notice", False):  # "Coding blind: … hidden" beside "Other coders shown"
            self.app.blind_notice = False
            self.app.clear_notifications()
        kept = self.attempt_quiet(keep_others_hidden, self.ws, self.coder, not self.show_others).ok
        self.suggestions = self._read_suggestions(self.doc.id) if self.doc else []
        self._paint_suggestions()
        self._push_marks()
        self._refresh_counts()
        self._note(("Other coders hidden: marks and tree counts are yours only" if not self.show_others
                    else "Other coders shown: marks and tree counts are every coder's")
                   + (" (kept for this project)" if kept else " (for this session only)"))

    def action_switch_focus(self) -> None:
        # set_focus now, not focus() (which waits a turn): keys typed right after Tab must
        # already go to the new widget
        self.set_focus(self.code_tree if self.focused is self.view else self.view)
