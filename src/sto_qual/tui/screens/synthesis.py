"""Synthesis: the summary grid (interviews × codes) with a status glyph and the first words of
each cell; Enter opens a cell (its passages beside an editable summary), `t` the theme view
(lead sentences, points with their evidence, contrasts, and the editable theme text). All
drafting and storing is done by the synthesis service."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, OptionList, Static, TextArea

from sto_qual.services.synthesis import GLYPHS, theme_text
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.navbar import NavBar

STATUS_STYLE = {"empty": "dim", "draft": "italic yellow", "reviewed": "green", "outdated": "bold red"}
CELL_WIDTH = 16


class SynthesisScreen(StoScreen):
    BINDINGS = [
        Binding("enter", "open_cell", "Open cell", id="synthesis.open"),
        Binding("t", "open_theme", "Theme view", id="synthesis.theme"),
        Binding("S", "summarize", "Draft all", id="synthesis.summarize"),
        Binding("r", "reload", "Reload", id="synthesis.reload"),
        Binding("u", "undo", "Undo", id="synthesis.undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.docs: list[str] = []
        self.paths: list[str] = []
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        self._opened: tuple[str, str] | None = None  # the cell being edited: only it can change
        self._versions = (-1, -1)

    def compose(self) -> ComposeResult:
        yield NavBar("synthesis")
        yield Static(" ", id="syn-status", classes="statusline")
        yield DataTable(id="syn-grid", cursor_type="cell", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if not self.loaded:
            return
        versions = (self.sto.data_version, self.sto.codebook_version)
        opened, self._opened = self._opened, None
        if opened is not None and versions == self._versions:
            self._update_cell(*opened)
        else:
            self.reload()

    def _cell_text(self, r: dict[str, Any]) -> Text:
        cell = Text()
        if r["passages"] or r["summary"]:
            cell.append(GLYPHS[r["status"]] + " ", style=STATUS_STYLE[r["status"]])
            cell.append(" ".join(r["summary"].replace("…", "").split())[:CELL_WIDTH - 2] if r["summary"]
                        else f"{len(r['passages'])} passage" + ("s" if len(r["passages"]) != 1 else ""),
                        style="" if r["summary"] else "dim")
        return cell

    def _update_cell(self, doc: str, code: str) -> None:
        """Back from a cell: redraw only that cell (a whole grid takes longer)."""
        ok, row = self.attempt(self.ws.synthesis().cell, doc, code)
        if not ok:
            return
        self.rows[(doc, code)] = row
        self.query_one("#syn-grid", DataTable).update_cell(doc, code, self._cell_text(row))
        self._status_line()

    def _status_line(self) -> None:
        counts: dict[str, int] = {}
        for r in self.rows.values():
            if r["passages"] or r["summary"]:
                counts[r["status"]] = counts.get(r["status"], 0) + 1
        glyphs = "  ".join(f"{GLYPHS[s]} {s} {counts.get(s, 0)}" for s in ("draft", "reviewed", "outdated"))
        self.query_one("#syn-status", Static).update(
            Text(f" {len(self.docs)} interviews × {len(self.paths)} codes   {glyphs}   "
                 "Enter cell · t theme · S draft all · u undo"))

    def reload(self) -> None:
        ok, rows = self.attempt(self.ws.synthesis().grid)
        if not ok:
            return
        codes = {c.path: c for c in self.ws.codebook()}
        table = self.query_one("#syn-grid", DataTable)
        keep = table.cursor_coordinate if table.row_count else None
        table.clear(columns=True)
        self.paths = list(dict.fromkeys(r["code"] for r in rows))
        self.docs = list(dict.fromkeys(r["document"] for r in rows))
        table.add_column("Interview", key="doc")
        for p in self.paths:
            c = codes.get(p)
            label = (c.label or c.name) if c else p
            table.add_column(Text(("" if "/" in p else "▸ ") + label[:CELL_WIDTH], style="bold" if "/" not in p else ""),
                             key=p, width=CELL_WIDTH)
        by_doc: dict[str, list[Any]] = {}
        self.rows = {(r["document"], r["code"]): r for r in rows}
        for r in rows:
            by_doc.setdefault(r["document"], []).append(self._cell_text(r))
        for doc in self.docs:
            table.add_row(Text(doc, style="bold"), *by_doc[doc], key=doc)
        if keep is not None and table.row_count:
            table.cursor_coordinate = keep
        elif table.row_count and len(self.paths):
            table.cursor_coordinate = table.cursor_coordinate._replace(column=1)
        self._status_line()
        self._versions = (self.sto.data_version, self.sto.codebook_version)
        self.loaded = True

    def _cursor(self) -> tuple[str, str] | None:
        table = self.query_one("#syn-grid", DataTable)
        if not table.row_count or not self.paths:
            return None
        row, col = table.cursor_coordinate
        return self.docs[row], self.paths[max(0, col - 1)]

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_open_cell()

    def action_open_cell(self) -> None:
        """The cell view is composed once and reused: opening a cell only fills it."""
        at = self._cursor()
        if at is None:
            return
        if not self.app.is_screen_installed(CellScreen.NAME):
            self.app.install_screen(CellScreen(), CellScreen.NAME)
        cell = self.app.get_screen(CellScreen.NAME)
        cell.target = {"doc": at[0], "code": at[1]}
        self._opened = at
        self.app.push_screen(CellScreen.NAME)

    def action_open_theme(self) -> None:
        at = self._cursor()
        if at is not None:
            self.app.push_screen(ThemeScreen(at[1].split("/")[0]))

    def action_summarize(self) -> None:
        ok, res = self.attempt(self.ws.synthesis().summarize)
        if ok:
            self.notify(f"drafted {res['cells_drafted']} cells and {res['themes_drafted']} themes; "
                        f"reviewed text kept ({res['cells_reviewed'] + res['cells_outdated']} cells)")
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_undo(self) -> None:
        from sto_qual.services.tui_support import undo_summary
        ok, result = self.attempt(self.ws.undo, coder=self.coder)
        if ok:
            self.notify(undo_summary(result))
            self.sto.changed_codings()  # it may have been a coding
            self.reload()


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
        ok, _ = self.attempt(fn, *args, **kwargs, **self.target, coder=self.coder)
        if ok:
            self.refresh_view()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("the summary is empty; ctrl+l clears it", severity="warning")
            return
        self._call(self.ws.synthesis().set_text, text)
        self.notify("saved as reviewed")

    def action_accept(self) -> None:
        self._call(self.ws.synthesis().accept)

    def action_draft(self) -> None:
        self._call(self.ws.synthesis().draft_one)

    def action_clear(self) -> None:
        self._call(self.ws.synthesis().clear)

    def action_back(self) -> None:
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
        ok, data = self.attempt(self.ws.synthesis().cell, self.target["doc"], self.target["code"])
        if not ok:
            return
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
        self.query_one(TextArea).load_text(data["summary"])
        self.query_one("#cell-draft", Static).update(
            Text("draft: " + data["draft"], style="dim") if data["draft"] and data["status"] != "draft" else "")

    def action_open_passage(self) -> None:
        if not self.data.get("evidence"):
            return
        e = self.data["evidence"][0]
        doc_id, _name = self.ws.store.find_document(self.data["document"])
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
        ok, _ = self.attempt(self.ws.synthesis().set_point, self.target["theme"], self.item,
                             self.query_one(TextArea).text, coder=self.coder)
        if ok:
            self.notify(f"point {self.item} saved as reviewed")
            self.refresh_view()

    def action_accept(self) -> None:
        if self.item == 0:
            super().action_accept()
            return
        ok, _ = self.attempt(self.ws.synthesis().set_point, self.target["theme"], self.item, None,
                             coder=self.coder)
        if ok:
            self.refresh_view()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.item:
            self.item = event.option_index
            self._show_item()

    def refresh_view(self) -> None:
        ok, data = self.attempt(self.ws.synthesis().theme, self.target["theme"], preview=True)
        if not ok:
            return
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
        self.query_one(TextArea).load_text(text)
