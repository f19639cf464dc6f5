"""The theme view of the Synthesis screen: every sentence of a theme summary in a list (the
lead sentences, the key points, the contrasts, and the whole section as one text), the
picked one's evidence beside it, and an editor for that one sentence. Save and accept act
on the sentence in view only; accepting the whole section asks first when sentences in it
were never accepted. An edit left unsaved while another sentence is picked is kept."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static, TextArea

from sto_qual.services.synthesis import theme_text
from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.synthesis_editors import SummaryEditor

NAMES = {"text": "Whole section", "lead": "Lead", "point": "Point", "contrast": "Contrast"}


class ThemeScreen(SummaryEditor):
    """One theme's sentences, each edited and accepted on its own (see the module docstring)."""

    DEFAULT_CSS = """
    ThemeScreen #theme-items { border: round $primary 30%; }
    ThemeScreen #theme-items:focus { border: round $accent; }
    ThemeScreen #cell-text { border: round $primary 30%; }
    ThemeScreen #cell-text:focus { border: round $accent; }
    ThemeScreen #theme-editing { height: 1; padding: 0 1; }
    """

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.target = {"theme": theme}
        self.data: dict[str, Any] = {}
        self.keys: list[tuple[str, int]] = [("text", 0)]
        self.item = 0                       # index into keys: the sentence in the editor
        self.buffers: dict[tuple[str, int], str] = {}   # unsaved edits of sentences not in view

    def compose(self) -> ComposeResult:
        yield Static(" ", id="theme-status", classes="statusline")
        with Horizontal(id="cell-body"):
            with Vertical(id="cell-passages"):
                yield OptionList(id="theme-items")
                yield VerticalScroll(Static(id="theme-draft"), id="theme-detail")
            with Vertical(id="cell-side"):
                yield Static(" ", id="theme-editing")
                yield TextArea(id="cell-text", soft_wrap=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Tab goes between the list and the editor only (the detail pane scrolls with the mouse)
        self.query_one("#theme-detail", VerticalScroll).can_focus = False
        self.refresh_view()
        self.query_one(TextArea).focus()

    # ------------------------------------------------------------ the list
    def _label_of(self, key: tuple[str, int]) -> str:
        kind, n = key
        return NAMES[kind] + (f" {n}" if n else "")

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

    def _sentence(self, key: tuple[str, int]) -> str:
        kind, n = key
        if kind == "text":
            return theme_text(self.data)
        if kind == "lead":
            return self.data["lead"][n - 1]
        return self._entry(kind, n)["text"]

    def _row(self, key: tuple[str, int]) -> Text:
        # one line per sentence, cut with "…": a wrapped list row reads as two sentences
        glyph = "✎" if key in self.buffers else "●" if self._reviewed(key) else "◌"
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{glyph} ", style="green" if glyph == "●" else "yellow")
        t.append(f"{self._label_of(key)}: ", style="bold")
        kind, n = key
        if kind == "point":
            p = self._entry(kind, n)
            t.append(f"{p['label']} ({p['wording']}, {len(p['regions'])}) ")
        t.append(" ".join(self._sentence(key).split())[:200] if kind != "text" else "the section as one text",
                 style="dim" if kind == "text" else "")
        # the list wraps what is wider than it: cut each row to its width
        width = self.query_one("#theme-items", OptionList).scrollable_content_region.width
        t.truncate(max(20, width - 1), overflow="ellipsis")
        return t

    def on_resize(self) -> None:
        if self.data:
            self._update_rows()

    def refresh_view(self) -> None:
        got = self.attempt(self.ws.synthesis().theme, self.target["theme"], preview=True)
        if not got.ok:
            return
        self._keep_edit()
        current = self.keys[self.item] if self.item < len(self.keys) else ("text", 0)
        data = got.value
        self.data = data
        self.keys = ([("text", 0)] + [("lead", i) for i in range(1, len(data["lead"]) + 1)]
                     + [("point", i) for i in range(1, len(data["points"]) + 1)]
                     + [("contrast", i) for i in range(1, len(data["contrasts"]) + 1)])
        self.buffers = {k: v for k, v in self.buffers.items() if k in self.keys}
        self.query_one("#theme-status", Static).update(self._status(data, data["code"]))
        items = self.query_one("#theme-items", OptionList)
        items.clear_options()
        items.add_options([self._row(k) for k in self.keys])
        self.item = self.keys.index(current) if current in self.keys else 0
        items.highlighted = self.item
        self._show_item()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.item:
            self._keep_edit()
            self.item = event.option_index
            self._show_item()
            self._update_rows()

    def _update_rows(self) -> None:
        items = self.query_one("#theme-items", OptionList)
        for i, key in enumerate(self.keys):
            items.replace_option_prompt_at_index(i, self._row(key))

    def _keep_edit(self) -> None:
        """An unsaved edit of the sentence in view is kept while another one is picked."""
        if self.data and self._loaded is not None and self.unsaved() and self.item < len(self.keys):
            key = self.keys[self.item]
            self.buffers[key] = self.query_one(TextArea).text
            self.notify(f"unsaved edit of {self._label_of(key)} kept (✎); pick it again to save it", timeout=4)

    # ---------------------------------------------------------- the detail
    def _show_item(self) -> None:
        data = self.data
        key = self.keys[self.item]
        kind, n = key
        t = Text()
        if kind == "text":
            t.append("The whole section as one text. Saved here (ctrl+s), it is your own text: the report "
                     "prints it instead of the drafted sentences. ctrl+g accepts the whole section.\n\n",
                     style="dim")
            for c in data["contrasts"]:
                t.append(f"↔ {c['text']}\n")
        elif kind == "lead":
            codes = data.get("lead_codes") or []
            t.append(f"{codes[n - 1] if n <= len(codes) else data['code']}\n", style="dim")
            t.append("A lead sentence: how widely the code came up, in the chapter's frequency words.")
        elif kind == "point":
            p = data["points"][n - 1]
            t.append(f"{p['code']}\n", style="dim")
            t.append(f"{p['wording']}: {', '.join(p['regions'])}\n\n")
            t.append(f"“{p['evidence']}”\n", style="italic")
            t.append(f"\ncodings {', '.join(str(r) for r in p['references'])}", style="dim")
        else:
            c = data["contrasts"][n - 1]
            t.append(f"{c['code']} ↔ {c['other']} ({c['kind']})\n", style="dim")
            for group, k, of in c["counts"]:
                t.append(f"{group}: {k} of {of}\n")
        self.query_one("#theme-draft", Static).update(t)
        state = "reviewed" if self._reviewed(key) else "not yet accepted"
        self.query_one("#theme-editing", Static).update(Text.assemble(
            ("Editing: ", "dim"), (self._label_of(key), "bold"), (f" ({state})", "dim"),
            ("   ctrl+s save · ctrl+g accept this · Tab list ↔ editor", "dim")))
        self.load_editor(self._sentence(key))
        if key in self.buffers:  # the unsaved edit comes back, still unsaved
            self.query_one(TextArea).load_text(self.buffers.pop(key))

    # ------------------------------------------------------------- actions
    def _call(self, fn, *args, **kwargs) -> None:
        got = self.attempt(fn, *args, **kwargs, **self.target, coder=self.coder)
        if got.ok:
            if getattr(fn, "__name__", "") == "set_text":
                self._loaded = None  # saved: nothing to keep
            self.refresh_view()

    def _item_call(self, text: str | None) -> None:
        kind, n = self.keys[self.item]
        got = self.attempt(self.ws.synthesis().set_item, self.target["theme"], kind, n, text, coder=self.coder)
        if got.ok:
            self.notify(f"{self._label_of((kind, n))} {'saved' if text is not None else 'accepted'} as reviewed",
                        timeout=3)
            self._loaded = None  # nothing to keep: it is saved
            self.refresh_view()

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
        if self.keys[self.item][0] != "text":
            if self.unsaved():
                self.notify("this sentence has an unsaved edit: ctrl+s saves it", severity="warning")
                return
            self._item_call(None)
            return
        unread = [self._label_of(k) for k in self.keys[1:] if not self._reviewed(k)]
        if self.data.get("text") or not unread:
            super().action_accept()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                super(ThemeScreen, self).action_accept()
        shown = ", ".join(unread[:12]) + (f" and {len(unread) - 12} more" if len(unread) > 12 else "")
        self.app.push_screen(ConfirmModal(
            f"Accept the whole section as reviewed? Not yet accepted one by one: {shown}. "
            "The report then prints them without the concept note."), answer)

    def action_back(self) -> None:
        if self.buffers and not self._warned_back and not self.unsaved():
            self._warned_back = True
            self.notify("unsaved edits (✎): " + ", ".join(self._label_of(k) for k in self.buffers)
                        + "; Esc again leaves without saving them", severity="warning")
            return
        super().action_back()
