"""The synthesis screen's editors: one cell (its passages beside an editable summary) and one
theme (lead sentences, key points with their evidence, contrasts, the editable theme text)."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static, TextArea

from sto_qual.services.synthesis import GLYPHS, theme_text
from sto_qual.tui.screens.base import StoScreen

STATUS_STYLE = {"empty": "dim", "draft": "italic yellow", "reviewed": "green", "outdated": "bold red"}


class SummaryEditor(StoScreen):
    """What the cell and theme views share: a TextArea with save, accept, draft and clear."""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save (reviewed)", priority=True, id="summary.save"),
        Binding("ctrl+g", "accept", "Accept", priority=True, id="summary.accept"),
        Binding("ctrl+r", "draft", "Draft", priority=True, id="summary.draft"),
        Binding("ctrl+l", "clear", "Clear", priority=True, id="summary.clear"),
        Binding("escape", "back", "Back", id="summary.back"),
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
        self._call(self.ws.synthesis().set_text, text)
        self.notify("saved as reviewed")

    _loaded = ""
    _warned_back = False

    def load_editor(self, text: str) -> None:
        self._loaded = text
        self._warned_back = False
        self.query_one(TextArea).load_text(text)

    def unsaved(self) -> bool:
        return self.query_one(TextArea).text != self._loaded

    def nothing_to_accept(self) -> bool:
        """Accepting marks what the editor shows as read; an empty editor (a cell never
        drafted) holds nothing a person has read."""
        if self.query_one(TextArea).text.strip():
            return False
        self.notify("nothing to accept here: ctrl+r drafts a text, or type one and ctrl+s saves it",
                    severity="warning")
        return True

    def action_accept(self) -> None:
        if self.nothing_to_accept():
            return
        self._call(self.ws.synthesis().accept)

    def action_draft(self) -> None:
        self._call(self.ws.synthesis().draft_one)

    def action_clear(self) -> None:
        self._call(self.ws.synthesis().clear)

    def action_back(self) -> None:
        if self.unsaved() and not self._warned_back:
            self._warned_back = True  # a second Esc leaves without saving
            self.notify("unsaved edit: ctrl+s saves it as reviewed; Esc again leaves without saving",
                        severity="warning")
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
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        self.refresh_view()
        self.query_one(TextArea).focus()
        self.query_one("#cell-passages", VerticalScroll).scroll_home(animate=False)

    def refresh_view(self) -> None:
        got = self.attempt(self.ws.synthesis().cell, self.target["doc"], self.target["code"])
        if not got.ok:
            return
        data = got.value
        self.data = data
        self.query_one("#cell-status", Static).update(self._status(data, f"{data['document']} × {data['code']}"))
        t = Text()
        for e in data["evidence"]:
            who = ", ".join(x for x in (e["speaker"], e["role"]) if x)
            t.append(f"turn {e['turn']} · {who}\n", style="bold")
            t.append(e["text"])
            if e["memo"]:
                t.append(f"\n✎ {e['memo']}", style="italic")
            t.append("\n\n")
        self.query_one("#cell-evidence", Static).update(
            t if data["evidence"] else Text("(no passages of this code in this interview)", style="dim"))
        self.load_editor(data["summary"])
        self.query_one("#cell-draft", Static).update(
            Text("draft: " + data["draft"], style="dim") if data["draft"] and data["status"] != "draft" else "")

    def action_open_passage(self) -> None:
        if not self.data.get("evidence"):
            return
        e = self.data["evidence"][0]
        doc_id, _name = self.ws.store.documents.find(self.data["document"])
        self.app.pop_screen()
        self.sto.open_document(doc_id, (e["start"], e["end"]))


class ThemeScreen(SummaryEditor):
    """The theme's lead sentences, points and contrasts. The list on the left picks what the
    editor holds: the whole theme's text, or one key point's sentence (saved and accepted on
    its own)."""

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.target = {"theme": theme}
        self.data: dict[str, Any] = {}
        self.item = 0  # 0: the theme's text; n: key point n

    def compose(self) -> ComposeResult:
        yield Static(" ", id="theme-status", classes="statusline")
        with Horizontal(id="cell-body"):
            with Vertical(id="cell-passages"):
                yield OptionList(id="theme-items")
                yield VerticalScroll(Static(id="theme-draft"), id="theme-detail")
            with Vertical(id="cell-side"):
                yield TextArea(id="cell-text", soft_wrap=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        if self.item == 0:
            super().action_save()
            return
        got = self.attempt(self.ws.synthesis().set_point, self.target["theme"], self.item,
                           self.query_one(TextArea).text, coder=self.coder)
        if got.ok:
            self.notify(f"point {self.item} saved as reviewed")
            self.refresh_view()

    def action_accept(self) -> None:
        if self.item == 0:
            super().action_accept()
            return
        if self.nothing_to_accept():
            return
        got = self.attempt(self.ws.synthesis().set_point, self.target["theme"], self.item, None,
                           coder=self.coder)
        if got.ok:
            self.refresh_view()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.item:
            self.item = event.option_index
            self._show_item()

    def refresh_view(self) -> None:
        got = self.attempt(self.ws.synthesis().theme, self.target["theme"], preview=True)
        if not got.ok:
            return
        data = got.value
        self.data = data
        self.query_one("#theme-status", Static).update(self._status(data, data["code"]))
        items = self.query_one("#theme-items", OptionList)
        items.clear_options()
        items.add_options([Text("Theme: lead sentences, points, contrasts", style="bold")] +
                          [Text(f"{'● ' if p.get('reviewed') else '◌ '}{i}. {p['label']} "
                                f"({p['wording']}, {len(p['regions'])})")
                           for i, p in enumerate(data["points"], 1)])
        self.item = min(self.item, len(data["points"]))
        items.highlighted = self.item
        self._show_item()

    def _show_item(self) -> None:
        data = self.data
        t = Text()
        if self.item == 0:
            for line in data["lead"]:
                t.append(line + "\n")
            if data["contrasts"]:
                t.append("\nContrasts\n", style="bold")
            for c in data["contrasts"]:
                t.append(f"↔ {c['text']}\n")
            text = theme_text(data)
        else:
            p = data["points"][self.item - 1]
            t.append(f"{p['code']}\n", style="dim")
            t.append(f"{p['wording']}: {', '.join(p['regions'])}\n\n")
            t.append(f"“{p['evidence']}”\n", style="italic")
            t.append(f"\ncodings {', '.join(str(r) for r in p['references'])}", style="dim")
            text = p["text"]
        self.query_one("#theme-draft", Static).update(t)
        self.load_editor(text)
