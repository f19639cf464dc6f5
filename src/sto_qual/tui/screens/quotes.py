"""Quotes: every coding of a code (with its sub-codes), filterable by attribute and coder,
with the surrounding sentences; star/unstar, open at the spot, copy."""
from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static, Tree
from textual.widgets.select import InvalidSelectValueError

from sto_qual.domain.text import plural
from sto_qual.services.tui_documents import passage_places, quote_counts, quote_filter, quote_kept
from sto_qual.services.tui_support import QuoteRow, clip_words, others_hidden, passage_context, quotes
from sto_qual.tui.fitting import (WIDE_AT, Columns, cut_label, cut_name, first_fit, hold_width, line_room, room_after,
                                  set_columns, without_asides)
from sto_qual.tui.screens.base import StoScreen, reload_keeping_row
from sto_qual.tui.screens.quotes_columns import (FIXED_COLUMNS, fit_to_rows, fixed_columns, preview_text, star_said,
                                                summary_lines)
from sto_qual.tui.widgets.codetree import CodeTree
from sto_qual.tui.widgets.transcript.layout import on_screen
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.navbar import NavBar

ALL = "__all__"


class QuoteTable(ListTable):
    """The quotes' table, which says when its width changes: the screen keeps its size when the
    tree beside the table narrows (its -narrow width comes after the first layout), and the
    quotes were left cut for the width before (20 characters in a column of 28)."""

    class Resized(Message):
        pass

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


class ChapterPlaces(Message):
    """Where the chapter puts each passage (``tui_documents.passage_places``), worked out in a worker."""

    def __init__(self, places: dict[int, str] | None, version: int) -> None:
        super().__init__()
        self.places = places
        self.version = version


class QuotesScreen(StoScreen):
    HELP_LEGEND = ("Tab moves between the code tree (↑↓ or j/k pick the code whose passages the table lists), the "
                   "filter (region_type=krimp, region_type!=krimp to leave it out, starred=yes, or words), the "
                   "coder list and the table. ★ marks a starred passage, the report writer's pick; below the "
                   "table, the passage whole and where the chapter puts it (quoted in the text, retold as an "
                   "example, in the appendix, or left out and why).")
    BINDINGS = [
        Binding("s", "star", "Star", id="quotes.star"),
        Binding("o", "open", "Open in coder", id="quotes.open"),
        Binding("y", "copy", "Copy", id="quotes.copy"),
        Binding("slash,f", "filter", "Filter", id="quotes.filter"),
        # whose quotes: the coder list took four Tabs to reach, and nothing said how
        Binding("w", "whose", "Whose", id="quotes.whose"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="quotes.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.code: str | None = None
        self.rows: dict[int, QuoteRow] = {}
        self._room = 0  # the width the quotes in the table were cut to
        self._columns: Columns = FIXED_COLUMNS  # before the quote
        self._shown: Columns = FIXED_COLUMNS  # as shown: as wide as the rows need (``fit_to_rows``)
        self._labels: dict[str, str] = {}  # each code's label by its path
        self._codebook_version = -1
        self._seen_version = -1
        self._places: dict[int, str] = {}  # coding id -> where the chapter puts it
        self._places_of: int | None = None  # the project's data version they are of
        self._placing: int | None = None  # the data version a worker is working them out for
        self._pending: str | None = None  # the code an F6 cell opened, until the tree's cursor is on it

    def compose(self) -> ComposeResult:
        yield NavBar("quotes")
        with Horizontal(id="quotes-body"):
            yield CodeTree(show_numbers=False, id="quotes-tree")
            with Vertical(id="quotes-main"):
                with Horizontal(id="quotes-filters"):
                    yield Input(placeholder=FILTER_HINT, id="quote-filter")
                    coders = [c["name"] for c in self.ws.coders()]
                    # coding blind (the Coder's o): her own quotes, not every coder's (F5 showed the others')
                    blind = self._blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)
                    if blind and self.coder not in coders:
                        coders.append(self.coder)
                    yield Select([("all coders", ALL), *((Text(c), c) for c in coders)],
                                 value=self.coder if blind else ALL, id="quote-coder", allow_blank=False)
                yield Static(id="quotes-summary", classes="statusline")
                yield QuoteTable(id="quote-table", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="quote-context-box", classes="context"):
                    yield Static(id="quote-context")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._set_columns(self._fixed_columns())
        self._sync_codebook()
        self.query_one(CodeTree).focus()
        self._goto()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_quotes)  # once the table has its new width

    def on_quote_table_resized(self, event: QuoteTable.Resized) -> None:
        self._fit_quotes()

    def _fixed_columns(self, several_coders: bool = False) -> Columns:
        """The columns before the quote (``quotes_columns.fixed_columns``), by the table's width
        once laid out, before that by the terminal's."""
        several = self.code is not None and any(p.startswith(self.code + "/") for p in self._labels)
        table = self.query_one(DataTable)
        return fixed_columns(several, self.app.size.width < WIDE_AT, several_coders,
                             self._room_beside if table.size.width else None)

    def _set_columns(self, fixed: Columns) -> None:
        set_columns(self.query_one(DataTable), fixed, "Quote", "quote")
        self._columns = self._shown = fixed  # (``fit_to_rows`` narrows what is shown to the rows)

    def _quote_room(self) -> int:
        """The Quote column's width: what the table leaves after the other columns, their padding and a scrollbar."""
        return max(self._room_beside(self._shown), 20)

    def _room_beside(self, fixed: Columns) -> int:
        return room_after(self.query_one(DataTable), self.query_one(DataTable).size.width, fixed)

    def _fit_quotes(self) -> None:
        """Cut the quotes again for the table's width now (laid out or resized): the rows again, the cursor on
        the same row (a column keeps the width it was given); the filter's hint as long as its box allows."""
        if not self.is_attached:
            return
        box = self.query_one("#quote-filter", Input)
        hint = FILTER_HINT if box.content_size.width >= len(FILTER_HINT) + 1 else FILTER_HINT_SHORT
        if box.placeholder != hint:
            box.placeholder = hint
        fixed = self._fixed_columns()
        if fixed == self._columns and self._quote_room() == self._room:
            return
        reload_keeping_row(self.query_one(DataTable), self.reload)

    def on_screen_resume(self) -> None:
        self._sync_codebook()
        self._follow_blind()
        if self._seen_version != self.sto.data_version:
            self.reload()
        self._goto()

    def _goto(self) -> None:
        """An F6 crosstab cell opened (``open_quotes``): its code's passages in its group, of the coder F6 counts;
        the code holds against the tree's first line, highlighted after a refresh (F5 first listed the theme)."""
        goto, self.sto.goto_quotes = self.sto.goto_quotes, None
        if goto:
            self.code, self._pending = goto[0], goto[0] if goto[0] in self._labels else None
            self.call_after_refresh(self.query_one(CodeTree).select_code, goto[0])
            self.query_one("#quote-filter", Input).value = goto[1]
            if goto[2] and not self._blind:
                self.query_one(Select).value = goto[2]
            self.query_one(DataTable).focus()

    def _follow_blind(self) -> None:
        """The Coder's `o` since F5 was last shown: its coder follows (it stayed on "No quotes of yours yet")."""
        blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)
        if blind == getattr(self, "_blind", blind):
            return
        self._blind = blind
        select = self.query_one("#quote-coder", Select)
        if not blind and select.value == self.coder:
            select.value = ALL
        elif blind and select.value in (ALL, Select.NULL):
            self._own_quotes(select)

    def _own_quotes(self, select: Select) -> None:
        try:
            select.value = self.coder
        except InvalidSelectValueError:  # no codings of hers yet: nothing of hers to list
            pass

    def project_changed(self) -> None:
        """Another program changed the project (a star or a coding from another window, an
        attribute): the passages follow at once, on the same row."""
        if not self.query(DataTable):  # not composed (or being taken down)
            return
        self._sync_codebook()
        reload_keeping_row(self.query_one(DataTable), self.reload)

    def _sync_codebook(self) -> None:
        if self._codebook_version == self.sto.codebook_version:
            return
        self._codebook_version = self.sto.codebook_version
        got = self.attempt(self.ws.codebook)
        if got.ok:
            codes = got.value
            self._labels = {c.path: c.label or c.name for c in codes}  # (a code imported without a label has none)
            tree = self.query_one(CodeTree)
            tree.set_codes(codes, expanded={c.path for c in codes})
            self._count_codes()

    def _count_codes(self, parsed: tuple[dict[str, str], str, bool | None, str | None] | None = None) -> None:
        """The tree counts the codings the table lists: the chosen coder's, or every coder's (it
        stayed at every coder's 128 while the table listed one coder's 94), those the filter keeps."""
        coder = self.query_one(Select).value
        coder = None if coder in (ALL, Select.NULL) else coder
        if self._no_codings_yet(coder):  # a coder new to the project, coding blind: nothing of hers to count
            self.query_one(CodeTree).set_counts({})
            return
        where, words, star, refused = parsed or quote_filter(self.ws, self.query_one("#quote-filter", Input).value)
        if refused or not (where or words or star is not None):
            got = self.attempt_quiet(self.ws.codebook_service.counts, coder)
        else:  # what the table would list under the filter
            got = self.attempt_quiet(quote_counts, self.ws, coder, where or None, words, star)
        if got.ok:
            self.query_one(CodeTree).set_counts(got.value)

    def _no_codings_yet(self, coder: str | None) -> bool:
        """The chosen coder is a coder new to the project (the workbench's own, coding blind)."""
        return coder is not None and self.ws.session.existing_coder_id(coder) is None

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if self._pending is not None and event.node.data != self._pending:
            return  # (``_goto``: the line the tree highlighted before the cell's code)
        self._pending = None
        if event.node.data and event.node.data != self.code:
            self.code = event.node.data
            self.reload()

    def on_code_tree_apply_code(self, event: CodeTree.ApplyCode) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if getattr(self, "_blind", False) and event.value not in (self.coder, Select.NULL):
            # coding blind: "all coders" listed the others' quotes and counts (the Coder's o is the one choice)
            self.notify(f"You code blind: F5 lists your own quotes ({self.coder}). The Coder's o shows the other "
                        "coders' codings, here too, and then you no longer code blind.", severity="warning", timeout=8)
            self._own_quotes(event.select)
            return
        self.reload()

    def _place_passages(self) -> None:
        """Work out where the chapter puts each passage, once per change of the project."""
        version = self.sto.data_version
        if version in (self._places_of, self._placing):
            return
        self._placing = version
        self.run_in_worker("chapter-places", passage_places,
                           lambda places, _error: ChapterPlaces(places, version))

    def on_chapter_places(self, message: ChapterPlaces) -> None:
        if message.version != self.sto.data_version:
            return  # a star given meanwhile: a newer run answers
        # a report that cannot be made (no codings yet) places nothing: the line is left out
        self._placing = None
        self._places = message.places or {}
        self._places_of = message.version if message.places is not None else None
        self._show_context()

    def reload(self) -> None:
        self._seen_version = self.sto.data_version
        self._place_passages()
        parsed = quote_filter(self.ws, self.query_one("#quote-filter", Input).value)
        self._count_codes(parsed)  # a coding added, a coder chosen, a filter typed: the tree's numbers follow
        table = self.query_one(DataTable)
        table.clear()
        if self._fixed_columns() != self._columns:  # the table's width now decides (see _fixed_columns)
            self._set_columns(self._fixed_columns())
        self.rows = {}
        if self.code is None:
            self.query_one("#quotes-summary", Static).update(" Choose a code on the left.")
            return
        where, words, star, refused = parsed
        if refused:  # a filter that keeps nothing says why, as the command line does; what fits the
            # line (the list of attributes after it was cut mid-word at any width)
            line = self.query_one("#quotes-summary", Static)
            said = first_fit([f" {x}" for x in without_asides(refused)], line_room(line))
            line.update(Text(said.plain, style="bold"))
            self._show_context()
            return
        coder = self.query_one(Select).value
        if self._no_codings_yet(None if coder in (ALL, Select.NULL) else coder):  # it was an error: unknown coder
            self.query_one("#quotes-summary", Static).update(
                f" No quotes of yours yet: you ({coder}) have no codings (the others' are hidden while you code blind; "
                "o in the Coder shows them)")
            self._show_context()
            return
        got = self.attempt(quotes, self.ws, self.code, coder=None if coder in (ALL, Select.NULL) else coder,
                           where=where or None)
        if not got.ok:
            return
        rows = [r for r in got.value if quote_kept(r.text, r.doc, r.starred, words, star)]
        asked = [r for r in got.value if quote_kept(r.text, r.doc, r.starred, "", star)]  # (the star, not the words)
        if not rows and asked and words:  # "0 codings from 0 documents" gave no reason for "jjj"
            each = "every word of " if len(words.split()) > 1 else ""
            self.query_one("#quotes-summary", Static).update(Text(
                f" None of its {plural(len(asked), 'starred coding' if star else 'coding')} holds {each}"
                f"“{words.strip()}”", style="bold"))
            self._show_context()
            return
        fixed = self._fixed_columns(len({r.coder for r in rows}) > 1)
        if fixed != self._columns:  # a short "By" column at 80 columns when the rows are several coders'
            self._set_columns(fixed)
        cells_of = {"star": ["★"], "doc": [r.doc for r in rows], "coder": [r.coder for r in rows],
                    "code": [self._labels.get(r.code, r.code.rsplit("/", 1)[-1]) for r in rows]}
        shown = fit_to_rows(self._columns, cells_of, self._room_beside)
        if shown != self._shown:
            set_columns(table, shown, "Quote", "quote")
            self._shown = shown
        self._room = room = self._quote_room()  # the quote fills the rest of the row; the panel below has it all
        hold_width(table, "quote", room)
        code_width = next((w for _label, key, w in shown if key == "code"), 0)
        coder_width = next((w for _label, key, w in shown if key == "coder"), 0)
        for r in rows:
            self.rows[r.coding_id] = r
            label = self._labels.get(r.code, r.code.rsplit("/", 1)[-1])
            cells = {"star": "★" if r.starred else "", "doc": Text(r.doc), "coder": Text(cut_name(r.coder, coder_width)),
                     "code": Text(cut_label(label, code_width))}
            table.add_row(*(cells[key] for _label, key, _width in shown), Text(on_screen(clip_words(r.text, room))),
                          key=str(r.coding_id))
        line = self.query_one("#quotes-summary", Static)
        # whose: the dashboard and the report count the reference coder's (F6 said 94 where this said 128)
        ref = self.attempt_quiet(self.ws.counting_coder).value
        whose = (" (every coder's)" if coder in (ALL, Select.NULL) else " (the reference coder's)" if coder == ref
                 else f" ({coder}'s)")
        line.update(first_fit(summary_lines(self.code, len(rows), len({r.document_id for r in rows}), whose),
                              line_room(line)))
        self._show_context()

    def _current(self) -> QuoteRow | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.rows.get(int(key)) if key is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_context()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _show_context(self) -> None:
        r = self._current()
        ctx = self.query_one("#quote-context", Static)
        if r is None:
            ctx.update("")
            return
        got = self.attempt(passage_context, self.ws, r.document_id, r.start, r.end)
        if not got.ok:
            return
        if self._places_of == self.sto.data_version:
            place: str | None = self._places.get(r.coding_id, "none")
        else:
            place = "working" if self._placing == self.sto.data_version else None
        known = place if place not in ("working", "none") else None  # (the note, as `star` says it, by its place)
        note = self.attempt_quiet(self.ws.export_service.star_note, r.coding_id, known).value if r.starred else ""
        t = preview_text(r, got.value, max(self.query_one("#quote-context-box").size.width - 4, 40), note, place)
        ctx.update(t)
        self.query_one("#quote-context-box", VerticalScroll).scroll_home(animate=False)

    def action_star(self) -> None:
        r = self._current()
        if r is None:
            return
        got = self.attempt(self.ws.star, r.coding_id, not r.starred, coder=self.coder, document=r.document_id)
        if got.ok:
            coding = got.value
            self.sto.changed_codings()
            self._seen_version = self.sto.data_version
            self.rows[r.coding_id] = dataclasses.replace(r, starred=coding.starred)
            table = self.query_one(DataTable)
            table.update_cell(str(r.coding_id), "star", "★" if coding.starred else "")
            self._place_passages()  # where the chapter puts it now
            self._show_context()  # the preview's ★ line follows the star (it showed the old one until moved)
            # a star is a pick for the report: said at once when the report cannot quote it
            note = self.attempt_quiet(self.ws.export_service.star_note, r.coding_id).value if coding.starred else ""
            said, severity, timeout = star_said(r, coding.starred, self.coder, note)
            self.notify(said, severity=severity, timeout=timeout)

    def action_open(self) -> None:
        r = self._current()
        if r is not None:
            self.sto.open_document(r.document_id, (r.start, r.end))

    def action_copy(self) -> None:
        r = self._current()
        if r is not None:  # for the report: with the pseudonym list applied, as every export has it
            anon = self.attempt_quiet(self.ws.anonymiser).value or (lambda t: t)
            self.app.copy_to_clipboard(f"“{anon(r.text.strip())}” ({r.doc})")
            self.notify("quote copied to the clipboard, names replaced as in the report", timeout=2)

    def action_filter(self) -> None:
        self.query_one("#quote-filter", Input).focus()

    def action_whose(self) -> None:
        """Open the list of whose quotes are shown (every coder's, or one coder's)."""
        select = self.query_one("#quote-coder", Select)
        select.focus()
        select.action_show_overlay()

    def action_reload(self) -> None:
        self.reload()


FILTER_HINT = "Filter: key=value (region_type=krimp) and words"
FILTER_HINT_SHORT = "attr=value or words"  # a narrow filter box: what to type, whole
