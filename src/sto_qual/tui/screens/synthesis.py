"""Synthesis: the summary grid (interviews × codes) with a status glyph and the first words of
each cell, under each code's name in how many interviews it has passages (the reference
coder's, as F6 counts); Enter opens a cell (its passages beside an editable summary), `t` the
theme view (lead sentences, points with their evidence, contrasts, and the editable theme
text). All drafting and storing is done by the synthesis service."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from sto_qual.services.synthesis import GLYPHS
from sto_qual.services.tui_support import keep_others_hidden, others_hidden
from sto_qual.tui.fitting import first_fit, line_room
from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.base import StoScreen, bindings_of, history_line, show_others_question, undo_question
from sto_qual.tui.screens.synthesis_cell import CellScreen, EvidenceView
from sto_qual.tui.screens.synthesis_editors import STATUS_STYLE, SummaryEditor
from sto_qual.tui.screens.synthesis_theme import ThemeScreen
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.navbar import NavBar

__all__ = ["CellScreen", "EvidenceView", "SynthesisScreen", "ThemeScreen"]  # the editors stay importable here

CELL_WIDTH = 16
LEGEND = (f"The grid: a row per interview, a column per code. Each cell shows its status and the first words of "
          f"its summary: {GLYPHS['empty']} empty (no summary yet; the number of passages), {GLYPHS['draft']} draft "
          f"(drafted by sto_qual, nobody reviewed it), {GLYPHS['reviewed']} reviewed (saved or accepted by a "
          f"person), {GLYPHS['outdated']} outdated (its codings changed since: read it again). The line above the "
          "grid names the cell under the cursor and counts the cells per status; under each code's name, "
          "in how many interviews it has passages. The cells are the summary grid's (F8: Summary grid, "
          "in Excel or Word); the chapter prints each theme's summary, which t opens (there ctrl+n leaves the "
          "point or difference in view out of the chapter, ✗, and puts it back). Here the texts name "
          "people, schools and places as the transcripts do; the chapter and the exports print them with the "
          "pseudonym list applied (`sto-qual pseudonyms list`), your own sentences too.")


class SynthesisScreen(StoScreen):
    HELP_LEGEND = LEGEND

    @classmethod
    def help_sections(cls) -> list[tuple[str, list[Binding]]]:
        # a cell's keys, then what a theme view adds or does otherwise: one list of both showed ctrl+l
        # as "Clear" and as "Clear theme", and a writer did not dare press it
        return [("Synthesis", bindings_of(cls)),
                ("Synthesis: a cell (Enter)", bindings_of(SummaryEditor) + bindings_of(CellScreen)),
                ("Synthesis: a theme view (t): a cell's keys, and these", bindings_of(ThemeScreen))]

    BINDINGS = [
        Binding("enter", "open_cell", "Open cell", id="synthesis.open"),
        Binding("t", "open_theme", "Theme view", id="synthesis.theme"),
        Binding("S", "summarize", "Draft all", id="synthesis.summarize"),
        Binding("r", "reload", "Reload", id="synthesis.reload"),
        Binding("u,ctrl+z", "undo", "Undo", id="synthesis.undo"),
        Binding("U,ctrl+y", "redo", "Redo", id="synthesis.redo"),
        Binding("o", "show_others", "Show the others' work", id="synthesis.others"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False
        self.docs: list[str] = []
        self.paths: list[str] = []
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        self.codes: dict[str, Any] = {}
        self.totals: dict[str, int] = {}  # per code: the interviews with passages of it
        self._opened: tuple[str, str] | None = None  # the cell being edited: only it can change
        self._versions = (-1, -1)

    def compose(self) -> ComposeResult:
        yield NavBar("synthesis")
        yield Static(" ", id="syn-status", classes="statusline")
        yield Static(" ", id="syn-scope", classes="statusline")  # whose codings the grid counts
        # the Interview column stays in view when the grid scrolls right; each code's header
        # says under its name in how many interviews it has passages
        yield ListTable(id="syn-grid", cursor_type="cell", zebra_stripes=True, fixed_columns=1, header_height=2)
        yield KeyFooter()

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

    def project_changed(self) -> None:
        """Another program changed the project (a `summary set`, an `uncode`, another coder):
        the grid as it reads now, the cursor where it was (the app's watch calls this)."""
        if self.loaded and self.query(DataTable):
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
        got = self.attempt(self.ws.synthesis().cell, doc, code)
        if not got.ok:
            return
        row = got.value
        self.rows[(doc, code)] = row
        self.query_one("#syn-grid", DataTable).update_cell(doc, code, self._cell_text(row))
        self._status_line()

    def _status_line(self) -> None:
        """The current cell's interview and code (the column headers are cut), the grid's size
        and the cells per status, each count with its word (the legend) as long as the line has
        room: fewer words before the counts are cut (at 80 columns they were)."""
        counts: dict[str, int] = {}
        for r in self.rows.values():
            if r["passages"] or r["summary"]:
                counts[r["status"]] = counts.get(r["status"], 0) + 1
        statuses = ("draft", "reviewed", "outdated")
        worded = "  ".join(f"{GLYPHS[s]} {s} {counts.get(s, 0)}" for s in statuses)
        bare = "  ".join(f"{GLYPHS[s]} {counts.get(s, 0)}" for s in statuses)
        size = f"{len(self.docs)} interviews × {len(self.paths)} codes"
        small = f"{len(self.docs)} × {len(self.paths)}"
        at = self._cursor()
        code = self.codes.get(at[1]) if at is not None else None
        theme = brief = ""
        if at is not None:  # the chapter prints the theme's summary, not the cells: where it stands (a writer
            top = at[1].split("/")[0]  # read "draft 0 reviewed 0" as no summary at all)
            stored, done, of = self.attempt_quiet(lambda: self.ws.synthesis().theme_progress_now(top)).value \
                or (None, 0, 0)
            if stored in GLYPHS:
                said = "draft not stored yet" if stored == "empty" else stored
                said += f", {done} of {of} sentences reviewed" if stored == "draft" and done else ""
                theme = f"theme {GLYPHS['draft' if stored == 'empty' else stored]} {said} (t)"
                glyph = GLYPHS['draft' if stored == 'empty' else stored]
                brief = f"theme {glyph} " + (f"{done}/{of} reviewed (t)" if stored == "draft" and done else "(t)")

        def line(path: bool, *rest: str) -> Text:
            t = Text(" ")
            if at is not None:  # the column headers are cut: the current code's full name comes first
                t.append(f"{at[0]} × {(code.label or code.name) if code else at[1]}", style="bold")
                t.append(f" ({at[1]})   " if path else "   ", style="dim")
            return t.append("   ".join(x for x in rest if x))
        status = self.query_one("#syn-status", Static)
        # where the theme stands goes last: the chapter prints it (a writer who had reviewed four of
        # its sentences saw the line at 100 columns drop it and keep the grid's size)
        status.update(first_fit([line(True, theme, size, worded), line(False, theme, size, worded),
                                 line(False, theme, small, worded), line(False, theme, worded),
                                 line(False, brief, worded), line(False, theme, bare), line(False, brief, bare),
                                 line(False, brief), line(False, small, worded), line(False, worded),
                                 line(False, small, bare), line(False, bare)], line_room(status)))

    def _scope_line(self) -> None:
        """Whose codings the passages (and the counts under the codes) are, as F6 Dashboard says."""
        coder = self.attempt_quiet(self.ws.counting_coder).value
        whose = f"coded by {coder} (reference coder)" if coder else "all coders merged"
        n = len(self.docs)
        scope = self.query_one("#syn-scope", Static)
        scope.update(first_fit([
            Text(f" passages {whose if coder else 'of ' + whose} · n of {n} under a code: the interviews with its "
                 "passages", style="dim"),
            Text(f" {whose} · n of {n} under a code: interviews with its passages", style="dim"),
            Text(f" {whose} · n of {n}: interviews with passages", style="dim"),
        ], line_room(scope)))

    def on_resize(self) -> None:
        if self.loaded:
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if self.is_attached and self.query("#syn-grid") and self.query_one("#syn-grid").display:
            self._status_line()
            self._scope_line()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if self.loaded:
            self._status_line()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the grid stays hidden (``_hidden``) the footer offers no key that works on it
        (t and Enter found no cell; S says why it is refused)."""
        if action in ("open_cell", "open_theme") and self.is_mounted and not self.query_one("#syn-grid").display:
            return False
        if action == "show_others" and (not self.is_mounted or self.query_one("#syn-grid").display):
            return False  # o is offered only while the grid stays hidden
        return super().check_action(action, parameters)

    def on_key(self, event) -> None:
        """Enter and t while the grid stays hidden: the footer does not offer them, but a coder who
        knows them from before pressed them and nothing happened. They say why, as S does."""
        if event.key in ("enter", "t") and not self.query_one("#syn-grid").display:
            event.stop()
            self.notify((self._hidden() or "").strip(), timeout=6)

    def action_show_others(self, confirmed: bool = False) -> None:
        """Stop coding blind from here, as the Coder's o does (the choice kept the same way, asked
        first as there): a report writer who codes nothing met F9 hidden and had to find the
        Coder's key first."""
        if not confirmed:
            self.app.push_screen(ConfirmModal(show_others_question(self.app, "work (the synthesis too)"),
                                              yes="Show them"),
                lambda yes: self.action_show_others(confirmed=True) if yes else None)
            return
        if self.attempt(keep_others_hidden, self.ws, self.coder, False).ok:
            self.sto.changed_codings()  # the Coder, F2 and F5 show the others too when next opened
            self.reload()

    def _hidden(self) -> str | None:
        """Why the grid stays hidden from a coder coding blind (the Coder's o): its cells summarise
        another coder's coding (the reference coder's, or every coder's merged), and its counts
        say where that coder coded what. None: nothing to hide."""
        if not self.attempt_quiet(others_hidden, self.ws, self.coder).value:
            return None
        counting = self.attempt_quiet(self.ws.counting_coder).value
        if counting == self.coder:
            return None
        whose = f"{counting}'s coding (the reference coder)" if counting else "every coder's coding merged"
        return (f" The synthesis summarises {whose}: it stays hidden while you code blind. o shows the others' "
                "work here and in the Coder alike, so you no longer code blind (kept; o in the Coder hides it again). "
                "Writing the report or analysing, not coding? Press o: coding blind is for a second coder's own work.")

    def reload(self) -> None:
        table = self.query_one("#syn-grid", DataTable)
        hidden = self._hidden()
        if table.display != (hidden is None):
            table.display = hidden is None
            self.refresh_bindings()  # the footer offers t and Enter again, or no more
        status = self.query_one("#syn-status", Static)
        status.styles.height = None if hidden is None else "auto"  # the status line, or the reason in full
        if hidden is not None:  # nothing of it on screen or under the keys: enter, t and S find no cell
            table.clear(columns=True)
            self.paths, self.docs, self.rows, self.totals = [], [], {}, {}
            status.update(Text(hidden))
            self.query_one("#syn-scope", Static).update(" ")
            self._versions = (self.sto.data_version, self.sto.codebook_version)
            self.loaded = True
            return
        got = self.attempt(self.ws.synthesis().grid)
        if not got.ok:
            return
        rows = got.value
        codes = self.codes = {c.path: c for c in self.ws.codebook()}
        keep = table.cursor_coordinate if table.row_count else None
        table.clear(columns=True)
        self.paths = list(dict.fromkeys(r["code"] for r in rows))
        self.docs = list(dict.fromkeys(r["document"] for r in rows))
        self.totals = {p: 0 for p in self.paths}
        for r in rows:
            self.totals[r["code"]] += bool(r["passages"])
        table.add_column("Interview", key="doc")
        for p in self.paths:
            c = codes.get(p)
            label = (c.label or c.name) if c else p
            # one line each, cut with "…": a label that wrapped pushed "n of N" out of the header
            header = Text(("" if "/" in p else "▸ ") + label, style="bold" if "/" not in p else "",
                          no_wrap=True, overflow="ellipsis")
            header.append(f"\n{self.totals[p]} of {len(self.docs)}", style="dim")
            table.add_column(header, key=p, width=CELL_WIDTH)
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
        self._scope_line()
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
        cell.opened = True
        self._opened = at
        self.app.push_screen(CellScreen.NAME)

    def action_open_theme(self) -> None:
        at = self._cursor()
        if at is not None:
            self.app.push_screen(ThemeScreen(at[1].split("/")[0]))

    def action_summarize(self) -> None:
        if not self.query_one("#syn-grid").display:  # hidden while coding blind (``_hidden``)
            self.notify((self._hidden() or "").strip(), timeout=6)
            return
        got = self.attempt(self.ws.synthesis().summarize)
        if got.ok:
            res = got.value
            self.notify(f"drafted {res['cells_drafted']} cells and {res['themes_drafted']} themes; "
                        f"reviewed text kept ({res['cells_reviewed'] + res['cells_outdated']} cells)")
            self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_undo(self) -> None:
        step = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=True).value
        question = undo_question(step)  # a step made elsewhere (`summary set` in a terminal): asked, as the Coder asks

        def undo(yes: bool | None = True) -> None:
            now = self.attempt_quiet(self.ws.history_service.next_step, self.coder, undo=True).value
            if not yes:
                self.notify("Nothing undone", timeout=4)
            elif step and (now or {}).get("step") != step.get("step"):  # taken meanwhile (another window)
                self.notify(f"Nothing undone: {step['what']} is no longer your last step (taken back elsewhere "
                            "meanwhile)", timeout=6)
            else:
                self._history(self.ws.undo)
        if question:
            self.app.push_screen(ConfirmModal(question), undo)
        else:
            self._history(self.ws.undo)

    def action_redo(self) -> None:
        self._history(self.ws.redo)

    def _history(self, step) -> None:
        """Undo/redo this coder's last step (a summary, or a coding made anywhere), saying which."""
        got = self.attempt(step, coder=self.coder)
        if got.ok:
            self.notify(history_line(got.value), timeout=5)
            self.sto.changed_codings()  # it may have been a coding
            self.reload()
