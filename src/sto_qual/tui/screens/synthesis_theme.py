"""The theme view of the Synthesis screen: every sentence of a theme summary in a list (the
lead sentences, the key points, the contrasts, and the whole section as one text), the
picked one's evidence beside it, and an editor for that one sentence. Save and accept act
on the sentence in view only; accepting the whole section asks first when sentences in it
were never accepted. An edit left unsaved while another sentence is picked is kept, with
the text it started from (a save names it: see ``synthesis_editors``). The list stops at its
ends: a key too many never wraps to a sentence at the other end."""
from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea

from sto_qual.domain.drafting import men_after_verb
from sto_qual.domain.synthesis import review_marks
from sto_qual.domain.text import clip_words, first_few
from sto_qual.services.synthesis import theme_text
from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.synthesis_details import NAMES_AS_STORED, item_details
from sto_qual.tui.screens.synthesis_editors import SummaryEditor
from sto_qual.tui.screens.synthesis_leave import LeaveOutKeys
from sto_qual.tui.screens.synthesis_rows import SentenceList, SentenceRows
from sto_qual.tui.screens.synthesis_section import SectionAsPrinted
from sto_qual.tui.screens.synthesis_support import notice, withdraw
from sto_qual.tui.widgets.footer import KeyFooter

class ChapterQuotes(Message):
    def __init__(self, rows: list[dict[str, Any]] | None, error: str | None) -> None:
        super().__init__()
        self.rows, self.error = rows, error


class ThemeScreen(SentenceRows, LeaveOutKeys, SectionAsPrinted, SummaryEditor):
    """One theme's sentences, each edited and accepted on its own (see the module docstring)."""

    DEFAULT_CSS = """
    ThemeScreen #theme-items { border: round $primary 30%; border-title-color: $text-muted; }
    ThemeScreen #theme-items:focus { border: double $accent; border-title-color: $accent; }
    ThemeScreen #cell-text { border: round $primary 30%; border-title-color: $text-muted; }
    ThemeScreen #cell-text:focus { border: double $accent; border-title-color: $accent; }
    ThemeScreen #theme-editing { padding: 0 1; }
    """
    HELP_LEGEND = ("The theme view: a row per sentence of the theme's summary as the chapter prints it: ● reviewed, "
                   "◌ not yet, ✎ an unsaved edit, ✗ left out of the chapter, · a point without a sentence (in print "
                   "only as its paragraph's quote). Tab goes between the list and the editor; w says which quote the "
                   "chapter prints under each paragraph.")
    # j/k move in the sentence list as they move everywhere else; in the editor they type
    # (the editor takes printable keys before the screen's bindings see them)
    BINDINGS = [Binding("ctrl+l", "clear", "Clear theme", priority=True, id="theme.clear"),  # not one sentence
                Binding("ctrl+n", "leave_out", "Leave out/put back", priority=True, id="theme.leave_out"),
                Binding("j", "move_item(1)", "Next sentence", show=False, id="theme.next"),
                Binding("k", "move_item(-1)", "Previous sentence", show=False, id="theme.previous"),
                Binding("w", "chapter_quotes", "Chapter's quotes", tooltip="Which quote the chapter prints under "
                        "each paragraph (in the list; the editor types a w)", id="theme.quotes")]

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.target = {"theme": theme}
        self.data: dict[str, Any] = {}
        self.keys: list[tuple[str, int]] = [("text", 0)]
        self.item = 0                       # index into keys: the sentence in the editor
        self.buffers: dict[tuple[str, int], str] = {}   # unsaved edits of sentences not in view
        self.bases: dict[tuple[str, int], str] = {}     # the text each of them started from
        self._seen = -1                     # the app's data_version when last read
        self._told_items = ""               # the sentences last named as changed elsewhere
        self.marks: dict[str, Any] = {}     # who reviewed each sentence, who changed the theme last
        self._quotes_note = None            # the chapter's quotes on screen (w)

    def compose(self) -> ComposeResult:
        yield Static(" ", id="theme-status", classes="statusline")
        with Horizontal(id="cell-body"):
            with Vertical(id="cell-passages"):
                yield SentenceList(id="theme-items")
                yield VerticalScroll(Static(id="theme-draft"), id="theme-detail")
            with Vertical(id="cell-side"):
                yield Static(" ", id="theme-editing")
                yield TextArea(id="cell-text", soft_wrap=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Tab goes between the list and the editor only (the detail pane scrolls with the mouse)
        self.query_one("#theme-detail", VerticalScroll).can_focus = False
        # which pane has the keys: a double border and "(keys here)" in its title
        self.query_one("#theme-items", OptionList).border_title = "sentences"
        self.query_one(TextArea).border_title = "editor"
        self.refresh_view()
        self.query_one("#theme-items", OptionList).focus()  # keys move in the list until Tab goes to the editor

    def on_descendant_focus(self, event) -> None:
        for w, name in ((self.query_one("#theme-items", OptionList), "sentences"), (self.query_one(TextArea), "editor")):
            w.border_title = f"{name} (keys here)" if w.has_focus else name

    def on_descendant_blur(self, event) -> None:
        self.on_descendant_focus(event)

    def on_screen_resume(self) -> None:
        if self.back_from_dialog():
            return
        if self.data and self._seen != self.sto.data_version:  # changed while on another screen
            self.project_changed()
        # back from another screen (F9): the list, so screen keys never type into the editor
        self.call_after_refresh(self.query_one("#theme-items", OptionList).focus)

    def project_changed(self) -> None:
        """Changed elsewhere: the theme as it reads now. Unsaved edits stay (✎); a sentence
        someone changed under one is named, and its save asks what to keep."""
        if not self.data or not self.query(TextArea):
            return
        area = self.query_one(TextArea)
        typed, selection = area.text, area.selection
        pending = dict(self.bases)
        if self.unsaved():
            pending[self.keys[self.item]] = self._base
        self.refresh_view()
        if area.text == typed:  # the same text in view: the cursor stays where it was
            area.selection = selection
        changed = [k for k, base in pending.items() if k not in self.keys or self._sentence(k) != base]
        told = ", ".join(self._label_of(k) for k in changed)
        if told and told != self._told_items:
            self._told_items = told
            self.notify(f"changed elsewhere: {told} of theme {self.target['theme']}; your edit is kept (✎), "
                        "not saved: ctrl+s asks whether to keep yours or theirs", severity="warning", timeout=8)

    def action_chapter_quotes(self) -> None:
        """Which quote the chapter prints under each of the theme's paragraphs, worked out as `report`
        picks them (in a worker: the chapter is built), said in a notice. A writer reviewing a theme
        could not see which passage would stand under a paragraph."""
        from sto_qual.services.report_theme import chapter_quotes
        theme = self.target["theme"]
        self.notify("Working out the chapter's quotes…", timeout=2)
        self.run_in_worker("chapter-quotes", lambda ws: chapter_quotes(ws.report_data(), theme),
                           lambda rows, error: ChapterQuotes(rows, error))

    def on_chapter_quotes(self, message: ChapterQuotes) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            return
        rows = message.rows or []
        lines = [f"[{q['paragraph'] or 'the theme'}] “{clip_words(q['text'], 90)}” {q['attribution']} (#{q['id']})"
                 for q in rows]
        withdraw(self.app, self._quotes_note)  # one panel at a time, and none left over another theme
        self._quotes_note = notice(self.app, "The chapter's quotes, paragraph by paragraph (in full: `summary show "
                                   f"--theme {self.target['theme']} --quotes`):\n" + ("\n".join(lines) if lines else
                                   "none in this theme's text."), severity="information", timeout=25)

    def on_screen_suspend(self) -> None:  # (Textual calls SummaryEditor's too: every class's handler)
        withdraw(self.app, self._quotes_note)

    def _entry(self, kind: str, n: int) -> dict[str, Any] | None:
        d = self.data
        if kind == "point":
            return d["points"][n - 1]
        if kind == "contrast":
            return d["contrasts"][n - 1]
        return None

    def _reviewed(self, key: tuple[str, int]) -> bool:
        kind, n = key
        if kind == "text":
            return self.data["status"] == "reviewed"
        if kind == "lead":
            marks = self.data.get("lead_reviewed") or []
            return bool(marks[n - 1]) if n <= len(marks) else False
        return bool(self._entry(kind, n).get("reviewed"))

    def _outdated(self, key: tuple[str, int]) -> bool:
        """An accepted sentence whose codings changed since (◐ in the list)."""
        kind, n = key
        if kind == "text":
            return self.data["status"] == "outdated"
        if kind == "lead":
            marks = self.data.get("lead_outdated") or []
            return bool(marks[n - 1]) if n <= len(marks) else False
        return bool(self._entry(kind, n).get("outdated"))

    def _reviewer(self, key: tuple[str, int]) -> str:
        """Who reviewed the sentence ("" when nobody did, or when it was not kept)."""
        kind, n = key
        if kind == "text":
            return (self.data.get("author") or "") if self._reviewed(key) else ""
        names = self.marks.get(kind) or []
        return names[n - 1] if self._reviewed(key) and n <= len(names) else ""

    def _lead_says(self, key: tuple[str, int]) -> bool:  # a drafted contrast of two codes: printed only as written
        # (accepted as drafted it is still not printed: the label went, and a writer expected it in the chapter)
        entry = self._entry(*key) if key[0] == "contrast" else {}
        return entry.get("kind") == "codes" and (not self._reviewed(key) or bool(entry.get("as_drafted")))

    def _sentence(self, key: tuple[str, int]) -> str:
        kind, n = key
        if kind == "text":
            return theme_text(self.data)
        if kind == "lead":
            return self.data["lead"][n - 1]
        text = self._entry(kind, n)["text"]
        # a point as the chapter prints it and `summary show` shows it ("In een andere regio heeft men …",
        # stored "Een andere regio vertelt: men heeft …"): a writer could not tell which she had left out
        return men_after_verb(text) if kind == "point" and text else text

    def refresh_view(self) -> None:
        got = self.attempt(self.ws.synthesis().theme, self.target["theme"], preview=True)
        if not got.ok:
            return
        withdraw(self.app, self._quotes_note)  # (the chapter's quotes as they were: w says them again)
        self._grid = None  # the regions are read again when a lead sentence is picked
        self._keep_edit(quiet=True)  # the sentence in view comes back into the editor below
        current = self.keys[self.item] if self.item < len(self.keys) else ("text", 0)
        data = got.value
        self.data = data
        self.marks = self.attempt_quiet(self.ws.synthesis().theme_reviewers, self.target["theme"]).value or {}
        self.keys = ([("text", 0)] + [("lead", i) for i in range(1, len(data["lead"]) + 1)]
                     + [("point", i) for i in range(1, len(data["points"]) + 1)]
                     + [("contrast", i) for i in range(1, len(data["contrasts"]) + 1)])
        self.buffers = {k: v for k, v in self.buffers.items() if k in self.keys}
        self.bases = {k: v for k, v in self.bases.items() if k in self.buffers}
        self._seen = self.sto.data_version
        # nothing stored yet, but the drafted sentences are on screen: say "draft", as the list does
        preview = data["status"] == "empty" and bool(data["lead"] or data["points"])
        shown = dict(data, status="draft") if preview else data
        # the last change to the theme: who saved or accepted a sentence, not only the draft's author
        # counted as `summary show` counts them: not a sentence left out (it counted one as reviewed)
        flags = review_marks(data.get("lead_reviewed") or [False] * len(data["lead"]), data["points"],
                             data["contrasts"])
        done = sum(flags)
        partly = f"{done} of {len(flags)} sentences reviewed" if done and data["status"] != "reviewed" else ""
        self.query_one("#theme-status", Static).update(self._status(
            shown, data["code"], note="not stored yet" if preview else partly,
            author=self.marks.get("changed_by"), stamp=self.marks.get("changed_at")))
        items = self.query_one("#theme-items", OptionList)
        rows = [self._row(k) for k in self.keys]
        for row in rows if (width := items.scrollable_content_region.width) > 0 else ():  # one line each: a
            row.truncate(width, overflow="ellipsis")  # row set after the first layout wrapped (ctrl+n)
        if items.option_count == len(rows):  # the same sentences: each row in its place (rebuilt, the list
            for i, row in enumerate(rows):   # went to its top and wrapped its rows, after a ctrl+n or a save)
                items.replace_option_prompt_at_index(i, row)
        else:
            items.clear_options()
            items.add_options(rows)
        self.item = self.keys.index(current) if current in self.keys else 0
        items.highlighted = self.item
        self._show_item()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.item:
            self._keep_edit()
            self.item = event.option_index
            self._show_item()
            self._update_rows()

    def _keep_edit(self, quiet: bool = False) -> None:
        """An unsaved edit of the sentence in view is kept while another one is picked."""
        if self.data and self._loaded is not None and self.unsaved() and self.item < len(self.keys):
            key = self.keys[self.item]
            self.buffers[key] = self.query_one(TextArea).text
            self.bases[key] = self._base
            if not quiet:
                self.notify(f"unsaved edit of {self._label_of(key)} kept (✎); pick it again to save it", timeout=4)

    def pending_edits(self) -> list[str]:
        keys = list(self.buffers) + ([self.keys[self.item]] if self.unsaved() else [])
        return [f"theme {self.target['theme']}: " + ", ".join(self._label_of(k) for k in keys)] if keys else []

    def save_pending(self) -> bool:
        """Save every kept (✎) edit and the one in the editor, each as the reviewed sentence."""
        edits = {k: (text, self.bases.get(k)) for k, text in self.buffers.items()}
        if self.unsaved():
            edits[self.keys[self.item]] = (self.query_one(TextArea).text, self._base)
        syn = self.ws.synthesis()
        for (kind, n), (text, base) in edits.items():
            if not text.strip():
                self.notify(f"{self._label_of((kind, n))} is empty; ctrl+l clears the whole theme", severity="warning")
                return False
            # each names the text it started from: one changed elsewhere is refused, and says so
            got = (self.attempt(syn.set_text, text, **self.target, coder=self.coder, expected=base) if kind == "text"
                   else self.attempt(syn.set_item, self.target["theme"], kind, n, text, coder=self.coder,
                                     expected=base))
            if not got.ok:
                return False
            self.buffers.pop((kind, n), None)
            self.bases.pop((kind, n), None)
        self._loaded = None
        return True

    # ---------------------------------------------------------- the detail
    def _show_item(self) -> None:
        data = self.data
        key = self.keys[self.item]
        # the whole section is out of date only as a person's own text (the theme's ◐ may be one sentence's)
        old = self._outdated(key) and (key[0] != "text" or bool(data.get("text")))
        t = item_details(data, key, self._reviewed(key), old, self._review_state(key), self._regions)
        if self.attempt_quiet(self.ws.pseudonym_service.listed, [self._sentence(key)]).value:  # as summary show says
            t.append("\n\n" + NAMES_AS_STORED, style="dim italic")
        self.query_one("#theme-draft", Static).update(t)
        # shown as the chapter prints it, named by its stored text: a point shown "In een andere regio zit men …"
        # (stored "Een andere regio vertelt: men zit …") was refused as "changed elsewhere" at every accept
        self.load_editor(self._sentence(key), base=self._entry(*key)["text"] if key[0] == "point" else None)
        if key == ("text", 0) and key not in self.buffers:  # as the chapter prints it, once worked out
            self.ask_printed_section()
        if key in self.buffers:  # the unsaved edit comes back, still unsaved (✎), with the text it started from
            self._loaded = self._base = self.bases.pop(key, self._base)
            self.query_one(TextArea).load_text(self.buffers.pop(key))
        self._marked = self.unsaved()
        self.query_one("#theme-editing", Static).update(self.editing_line(key))

    _grid: list[dict[str, Any]] | None = None

    def _regions(self, code: str) -> tuple[list[str], list[str]]:
        """The interviews with passages of ``code`` (its sub-codes' too), and all interviews."""
        if self._grid is None:
            got = self.attempt_quiet(self.ws.synthesis().grid)
            self._grid = got.value or []
        every = list(dict.fromkeys(r["document"] for r in self._grid))
        return [d for d in every if any(r["document"] == d and r["code"] == code and r["passages"]
                                        for r in self._grid)], every

    # ------------------------------------------------------------- actions
    def action_move_item(self, step: int) -> None:
        items = self.query_one("#theme-items", OptionList)
        if not items.has_focus:
            return
        if step > 0:
            items.action_cursor_down()
        else:
            items.action_cursor_up()

    def _item_call(self, text: str | None) -> None:
        """Save (``text``) or accept the sentence in view, naming the text it was loaded as."""
        kind, n = self.keys[self.item]
        syn, theme = self.ws.synthesis(), self.target["theme"]
        self.write(lambda expected: syn.set_item(theme, kind, n, text, coder=self.coder, expected=expected),
                   self._base, done=f"{self._label_of((kind, n))} {'saved' if text is not None else 'accepted'} "
                   "as reviewed", verb="saved" if text is not None else "accepted", ask=text is not None)

    def clear_expected(self) -> str:
        return theme_text(self.data)  # ctrl+l clears the whole theme, as the list shows it

    def reviewed_sentences(self) -> int:  # as the header counts them ("13 kept" beside "10 of 14 reviewed")
        d = self.data
        return sum(review_marks(d.get("lead_reviewed") or [], d.get("points") or [], d.get("contrasts") or []))

    def person_text(self) -> str:
        kept = self.reviewed_sentences()
        if kept and self.data.get("status") != "reviewed":
            return f"the whole theme, with its {kept} reviewed sentence{'s' if kept != 1 else ''}"
        return super().person_text()

    def unsaved(self) -> bool:
        return self._loaded is not None and super().unsaved()

    def action_save(self) -> None:
        if self.keys[self.item][0] == "text":
            super().action_save()
            return
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("the sentence is empty; ctrl+l clears the whole theme", severity="warning")
            return
        self._item_call(text)

    def action_accept(self) -> None:
        if self.nothing_to_accept():
            return
        if self.refuse_unsaved_accept("sentence" if self.keys[self.item][0] != "text" else "section"):
            return
        key = self.keys[self.item]
        # accepted as drafted on codings or interviews changed since: drafted again, not accepted
        # again (the whole section's question was asked first, and its yes then refused)
        stale = self.attempt_quiet(self.ws.synthesis().stale_sentences, self.target["theme"]).value or []
        mine = [f"{k} {n}" for k, n in self.keys[1:]] if key[0] == "text" else [f"{key[0]} {key[1]}"]
        if any(s in stale for s in mine):
            names = [self._label_of((k, int(n))) for k, n in (s.split() for s in stale if s in mine)]
            self.notify(f"{', '.join(names[:6])}{' …' if len(names) > 6 else ''}: accepted as drafted, on codings or "
                        "interviews changed since, so the counts are those of then. ctrl+r drafts "
                        f"{'it' if len(names) == 1 else 'them'} again from today's codings (sentences you edited stay "
                        "yours); then read and accept", severity="warning", timeout=10)
            return
        if key[0] != "text":
            if not self._outdated(key):
                self._item_call(None)
                return
            # accepted again as it stands, its old "(16 van 19)" read as checked beside a table saying 17
            self.app.push_screen(ConfirmModal(
                f"{self._label_of(key)} rests on codings, interviews or groups that changed since it was reviewed: its "
                "count may be out of date" + (" (beside it, what the codings give now)" if key[0] == "contrast"
                                              else "") + ". Accept it as it stands?"),
                lambda yes: self._item_call(None) if yes else None)
            return
        unread = [self._label_of(k) for k in self.keys[1:] if not self._reviewed(k) and self._sentence(k)]
        stale = [self._label_of(k) for k in self.keys[1:] if self._outdated(k)]
        if self.data.get("text") or not (unread or stale):
            super().action_accept()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                super(ThemeScreen, self).action_accept()

        def listed(labels: list[str]) -> str:
            return first_few(labels, 12)
        self.app.push_screen(ConfirmModal(
            "Accept the whole section as reviewed?"
            + (f" Not yet accepted one by one: {listed(unread)}." if unread else "")
            + (f" Resting on codings changed since they were reviewed (◐, counts may be out of date): "
               f"{listed(stale)}." if stale else "")
            + " The report then prints them without the concept note."), answer)

    def action_back(self) -> None:
        if self.buffers and not self.unsaved() and self.warn_before_leaving():
            self.warn_leaving("unsaved edits (✎): " + ", ".join(self._label_of(k) for k in self.buffers)
                              + "; Esc again leaves without saving them")
            return
        super().action_back()
