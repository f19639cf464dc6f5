"""Documents: the transcripts with attributes, words, coded share and codings; filter; open.

The filter's words find the documents that hold each of them in their name, an attribute or
their text. The text is searched as `sto-qual search` searches it (``Workspace.search``), in a
worker, once per word (kept until the documents change); the table keeps what it shows until
every word's answer is in, then shows per document how many sentences hold the words, and Enter
opens the coder on the first of them."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from sto_qual.domain.text import plural
from sto_qual.services import reading_place
from sto_qual.services.tui_support import (TextMatches, filter_documents, filter_reason, filter_words,
                                           found_sentences, others_hidden, text_matches)
from sto_qual.tui.fitting import WIDE_AT, first_fit, line_room, without_asides
from sto_qual.tui.modals.prompt import TextPrompt, in_dialog
from sto_qual.tui.screens.base import StoScreen, reload_keeping_row
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.navbar import NavBar

PREFERRED_ATTRS = ("region_type", "date", "respondent_roles", "interviewer")
# below WIDE_AT columns; the others keep their names
NARROW_HEADERS = {"name": "Doc", "region_type": "Type", "codings": "Cod.", "respondent_roles": "Roles",
                  "interviewer": "Intv.", "found": "Found"}


class DocumentsScreen(StoScreen):
    HELP_LEGEND = ("Enter opens a document in the Coder, where you code it; / filters the list (region_type=krimp, "
                   "or words); r renames the document (a name made from its file). ✎ after a document's name: it "
                   "has a memo (m in the Coder where nothing is coded, or `sto-qual doc-memo`).")
    BINDINGS = [
        Binding("enter", "open", "Open", id="documents.open"),
        Binding("slash,f", "filter", "Filter", id="documents.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="documents.clear_filter"),
        # ↓ in the filter goes down into the list (it stayed in the filter, and Enter opened the top row)
        Binding("down", "to_list", "From the filter to the list", show=False, id="documents.to_list"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="documents.reload"),
        Binding("r", "rename", "Rename", show=False, id="documents.rename"),
    ]

    class TextSearched(Message):
        """The sentences holding some filter words (``text_matches``), or the error line."""

        def __init__(self, generation: int, words: list[str], found: TextMatches | None, error: str | None) -> None:
            super().__init__()
            self.generation, self.words, self.found, self.error = generation, words, found, error

    def __init__(self) -> None:
        super().__init__()
        self._docs: list = []
        self._attr_cols: list[str] = []
        self._seen_version = -1
        self._narrow_columns: bool | None = None  # the headers shown are the narrow ones
        self._shown: list = []
        self._found: TextMatches = {}  # per filter word, the sentences holding it (for these documents)
        self._found_for: tuple = ()  # the documents (id, words) ``_found`` was searched in
        self._generation = 0  # bumped when ``_found`` is dropped: an answer for older documents is too
        self._searching = False  # a search worker is running (one at a time; the next asks for what is left)
        self._filled = ""  # the filter the table shows (every word of it searched)
        self._found_column = False  # the table has the "Sentences found" column

    def compose(self) -> ComposeResult:
        yield NavBar("documents")
        yield Input(placeholder="Filter: words, or key=value such as region_type=krimp  (/ to focus)",
                    id="doc-filter")
        yield ListTable(id="doc-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="doc-summary", classes="statusline")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        table = self.query_one(DataTable)
        table.focus()
        # the list opens on the document the coder read last, so Enter goes on with it (after a
        # restart it opened on the first, and Enter opened R01 when she had stopped in R03)
        last = self.sto.current_doc or self.attempt_quiet(reading_place.last_document, self.ws, self.coder).value
        row = next((i for i, d in enumerate(self._shown) if d.id == last), None)
        if row:
            table.move_cursor(row=row)

    def on_screen_resume(self) -> None:
        if self._seen_version != self.sto.data_version:
            self.reload()
        # back from the Coder on another document (its d): the list on that one, where Enter goes on with it
        row = next((i for i, d in enumerate(self._shown) if d.id == self.sto.current_doc), None)
        table = self.query_one(DataTable)
        if row is not None and row != table.cursor_row:
            table.move_cursor(row=row)

    def project_changed(self) -> None:
        """Another program changed the project (a colleague's codings, an attribute set with
        `sto-qual attribute`): the list follows at once, its filter and row kept."""
        if self.query(DataTable):  # composed (and not being taken down)
            reload_keeping_row(self.query_one(DataTable), self.reload)

    def reload(self) -> None:
        self._seen_version = self.sto.data_version
        # a coder who hides the others' codings (the Coder's o) codes blind: the list counts hers
        self._blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)
        got = self.attempt(self.ws.documents, self.coder if self._blind else None)
        if not got.ok:
            return
        docs = got.value
        self._docs = docs
        keys: dict[str, int] = {}
        for d in docs:
            for k in d.attributes:
                keys[k] = keys.get(k, 0) + 1
        common = [k for k in PREFERRED_ATTRS if keys.get(k, 0) * 2 >= max(len(docs), 1)]
        # short attributes first, the numbers next, long lists (roles) last: at 80 columns the
        # numbers stay visible and the list is cut to the room left
        short = [k for k in common[:3] if k != "respondent_roles"]
        self._attr_cols = short + [k for k in common[:3] if k == "respondent_roles"]
        listed = tuple((d.id, d.words) for d in docs)
        if listed != self._found_for:  # texts never change once imported: a document added or gone
            self._found, self._found_for = {}, listed
            self._generation += 1
        self._columns(rebuild=True)
        self._refilter()

    def _narrow(self) -> bool:
        return self.app.size.width < WIDE_AT

    def _columns(self, rebuild: bool = False) -> None:
        """The table's columns, with short headers below WIDE_AT columns ("Region", "Cod.",
        "Roles"): the long ones made the table wider than 80 columns and cut the last header."""
        narrow = self._narrow()
        if not rebuild and narrow == self._narrow_columns:
            return
        self._narrow_columns = narrow
        table = self.query_one(DataTable)
        table.clear(columns=True)

        def header(key: str, wide: str) -> Text:
            return Text(NARROW_HEADERS.get(key, wide) if narrow else wide)

        attr = {k: k.replace("_", " ").capitalize() for k in self._attr_cols}
        n_short = self._n_short()
        table.add_column(header("name", "Document"), key="name")
        if self._found_column:
            table.add_column(header("found", "Sentences found"), key="found")
        for k in self._attr_cols[:n_short]:
            table.add_column(header(k, attr[k]), key=k)
        for key, wide in (("words", "Words"), ("coded", "Coded"), ("codings", "Codings"), ("turns", "Turns")):
            table.add_column(header(key, wide), key=key)
        for k in self._attr_cols[n_short:]:
            table.add_column(header(k, attr[k]), key=k)

    def _n_short(self) -> int:
        return len([k for k in self._attr_cols if k != "respondent_roles"])

    def _refilter(self) -> None:
        """Show the filter typed: at once when each of its words was searched in the texts, else
        once the search worker has answered (the table keeps the last filter's rows meanwhile)."""
        text = self.query_one("#doc-filter", Input).value
        missing = [w for w in filter_words(text) if w not in self._found]
        if not missing:
            self._filled = text
            self._fill()
            return
        self._summary(searching=missing)
        if self._searching:
            return  # its answer runs this again, which asks for what is still missing
        self._searching = True
        generation = self._generation
        self.run_in_worker("documents-text-search", lambda ws: text_matches(ws, missing),
                           lambda found, error: self.TextSearched(generation, missing, found, error))

    def on_documents_screen_text_searched(self, event: TextSearched) -> None:
        event.stop()
        self._searching = False
        if event.generation == self._generation:
            if event.error:
                self.notify(f"searching the transcripts: {event.error}", severity="error", timeout=6)
            self._found.update(event.found or {w: {} for w in event.words})  # an error: asked once, not again
        self._refilter()

    def worker_failed(self, worker) -> None:
        super().worker_failed(worker)
        if worker.group == "documents-text-search":
            self._searching = False

    def _sentences(self, doc_id: int) -> tuple[tuple[int, int], ...]:
        """The sentences of a document that hold a word of the filter shown."""
        return found_sentences(self._found, filter_words(self._filled), doc_id)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        shown = filter_documents(self._docs, self._filled, self._found)
        found = {d.id: len(self._sentences(d.id)) for d in shown}
        if any(found.values()) != self._found_column:  # the column only while the words are in a text
            self._found_column = not self._found_column
            self._columns(rebuild=True)
        table.clear()
        narrow = self._narrow_columns
        n_short = self._n_short()
        rows = []
        for d in shown:
            attrs = [", ".join(v.strip() for v in str(d.attributes.get(k, "")).split(";")) for k in self._attr_cols]
            numbers = ([f"{d.words:>5,}", f"{d.coded_share:>4.0%}", f"{d.codings:>4}", f"{d.turns:>4}"] if narrow else
                       [f"{d.words:>7,}", f"{d.coded_share:>4.0%}", f"{d.codings:>5}", f"{d.turns:>4}"])
            hits = [f"{found[d.id] or '·':>4}"] if self._found_column else []
            rows.append([f"{d.name} ✎" if d.memos else d.name, *hits, *attrs[:n_short], *numbers, *attrs[n_short:]])
        if narrow and len(self._attr_cols) > n_short and rows:
            # the list at the end gets what the other columns leave, never a horizontal scrollbar
            widths = [max(len(str(c.label)), *(len(r[i]) for r in rows)) for i, c in enumerate(table.ordered_columns)]
            width = table.size.width or self.app.size.width
            room = width - table.styles.scrollbar_size_vertical - sum(w + 2 * table.cell_padding for w in widths[:-1]) \
                - 2 * table.cell_padding
            room = max(room, len(str(table.ordered_columns[-1].label)))
            for r in rows:  # a list of roles: cut anywhere, each letter shown tells
                r[-1] = r[-1] if len(r[-1]) <= room else r[-1][:room - 1].rstrip(", ") + "…"
        for d, cells in zip(shown, rows):
            table.add_row(*(Text(c) for c in cells), key=str(d.id))  # Text: names are not markup
        if shown:
            table.move_cursor(row=min(keep, len(shown) - 1))
        self._shown = shown
        self._summary()
        self._open_pending()

    def _summary(self, searching: list[str] | None = None) -> None:
        """How many documents, words and codings are listed, whose, and that Enter opens the
        coder: the most that fits the line (at 80 columns the end was cut)."""
        line = self.query_one("#doc-summary", Static)
        if searching:
            line.update(first_fit([f" searching the transcripts for {', '.join(f'“{w}”' for w in searching)}…",
                                   " searching the transcripts…"], line_room(line)))
            return
        shown = self._shown
        docs = f"{len(shown)} of {len(self._docs)} documents"
        why = self.attempt_quiet(filter_reason, self.ws, self._filled).value if not shown and self._filled else None
        if why:  # a mistyped key or value: said, as F5 says it ("0 of 19" read as a count of none)
            # the reason, its "did you mean" kept before "0 of 19 documents" (at 80 columns it went first)
            line.update(first_fit([f for x in without_asides(why) for f in (f" {docs} · {x}", f" {x}")],
                                  line_room(line)))
            return
        stems = [w for w in filter_words(self._filled) if "*" not in w and not self._found.get(w)] if not shown else []
        if stems:  # "financi" found no document, and nothing said that a word is whole ("financi*" found 8)
            hint = f"words are whole: {stems[0]}* finds words starting with it"
            line.update(first_fit([f" {docs} · {hint}", f" {hint}"], line_room(line)))
            return
        sentences = sum(len(self._sentences(d.id)) for d in shown) if self._found_column else 0
        if sentences:
            docs += f" ({sentences:,} {'sentence' if sentences == 1 else 'sentences'} found)"
        words = f"{sum(d.words for d in shown):,} words"  # an English screen: 23,456
        codings = plural(sum(d.codings for d in shown), "coding")
        enter = "Enter opens the first sentence found" if sentences else "Enter opens the coder"
        # the codings are every coder's (the table's column too); who codes here is said apart, so
        # "742 codings · coder anna" does not read as anna's
        whose, short = (("of yours (others hidden)", "(yours)") if getattr(self, "_blind", False)
                        else ("by all coders", "(all coders)"))
        line.update(first_fit([
            f" {docs} · {words} · {codings} {whose} · you code as {self.coder} · {enter}",
            f" {docs} · {codings} {whose} · you code as {self.coder} · {enter}",
            f" {docs} · {codings} {short} · you: {self.coder} · {enter}",
            f" {docs} · {codings} {short} · {enter}",
            f" {docs} · {enter}",
            f" {docs} · Enter opens the coder",
        ], line_room(line)))

    def on_resize(self) -> None:
        if not self._docs:
            return
        if self._narrow() != self._narrow_columns:
            self._columns()
        self.call_after_refresh(self._fill)  # the table's new width: the roles are cut again

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "doc-filter":
            self._open_when_shown = None  # typing again: the Enter before was for another filter
            self._refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter does what the line under it says ("Enter opens the first sentence
        found", "… opens the coder"): the top document opens, once the filter is shown (a text
        search may still be running). It used to only move to the list, and a second Enter opened."""
        if event.input.id == "doc-filter":
            self.query_one(DataTable).focus()
            self._open_when_shown = event.value
            self._open_pending()

    _open_when_shown: str | None = None  # the filter Enter was pressed on, until it is shown

    def _open_pending(self) -> None:
        text = self._open_when_shown
        if text is None or self._filled != text or self.query_one("#doc-filter", Input).value != text:
            return
        self._open_when_shown = None
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=0)
            self.action_open()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key
            if key.value is not None:
                return int(key.value)
        return None

    def action_open(self) -> None:
        if (doc_id := self._current()) is not None:
            self._open(doc_id)

    def action_rename(self) -> None:
        """The document under the cursor takes another name (`doc-rename`): one named after its file
        ("Interview Waalvliet - Jan") is so in every table an analyst exports."""
        doc_id = self._current()
        if doc_id is None:
            return
        name = next((d.name for d in self._docs if d.id == doc_id), "")
        renamed: list = []
        check = in_dialog(lambda new: self.ws.document_names.rename_document(doc_id, new) if new != name else None,
                          renamed)

        def done(_new: str | None) -> None:
            if renamed and renamed[0]:
                self.notify(f"Renamed {renamed[0]['old']} to {renamed[0]['new']} (`sto-qual doc-rename` puts it "
                            "back; no undo step)", timeout=6)
                self.reload()
        self.app.push_screen(TextPrompt(f"Rename {name} to", value=name, check=check,
                                        help="the name every table and export shows; no comma, not a number"), done)

    def _open(self, doc_id: int) -> None:
        """The coder on the document, with the first sentence that holds a filter word selected."""
        found = self._sentences(doc_id)
        words = filter_words(self.query_one("#doc-filter", Input).value) if found else []
        self.sto.open_document(doc_id, found[0] if found else None, words[0] if words else None)

    def action_filter(self) -> None:
        self.query_one("#doc-filter", Input).focus()

    def action_to_list(self) -> None:
        self.query_one(DataTable).focus()

    def action_clear_filter(self) -> None:
        inp = self.query_one("#doc-filter", Input)
        inp.value = ""
        self.query_one(DataTable).focus()

    def action_reload(self) -> None:
        self.reload()
