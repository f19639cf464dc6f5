"""Dashboard: theme counts with Dutch wording, a bar chart of prevalence, the code x
attribute crosstab, co-occurrence, and coder agreement. Computed in a worker thread with
its own Workspace (pandas is slow to import), then shown."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from sto_qual.domain.differences import FEW_SENTENCES, coded_by_either, sentences_coded, thin_note, unfinished_note
from sto_qual.domain.text import first_few, plural
from sto_qual.domain.wording import two_decimals
from sto_qual.services.tui_support import DashboardData, compute_dashboard, others_hidden
from sto_qual.tui.fitting import WIDE_AT, cut_label, cut_name, fill_sized, first_fit, line_room
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.screens.dashboard_cells import CELL_BINDINGS, MIN_CODE, CrosstabCells
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.lists import ListTable
from sto_qual.tui.widgets.navbar import NavBar


def _few(row: dict[str, Any]) -> bool:
    """An agreement row whose alpha is over so few sentences that it is itself uncertain (marked *)."""
    return row["alpha"] is not None and sentences_coded(row) < FEW_SENTENCES


def figure(x: Any) -> str:
    """A coefficient or share with two decimals (never -0.00); "—" when there is none."""
    return "—" if x is None else two_decimals(x)


# the crosstab's header over a value's column and its cells, most detailed first: "landelijk (N=4)"
# over "3 (75%)", "landelijk N=4" over "3·75%", then "landelijk" over "3/4" (the N in every cell, as
# the themes' "15/19" at 80 columns): the first that leaves the code's column MIN_CODE
CROSSTAB_FORMS = (
    (lambda value, n: f"{value} (N={n})", lambda count, share, n: f"{count} ({share:.0%})"),
    (lambda value, n: f"{value} N={n}", lambda count, share, n: f"{count}·{share:.0%}"),
    (lambda value, n: value, lambda count, share, n: f"{count}/{n}"),
)


class DashboardReady(Message):
    def __init__(self, data: DashboardData) -> None:
        super().__init__()
        self.data = data


class DashboardScreen(CrosstabCells, StoScreen):
    BINDINGS = [*CELL_BINDINGS,
        Binding("right_square_bracket", "tab(1)", "Next tab", priority=True, id="dashboard.next_tab"),
        Binding("left_square_bracket", "tab(-1)", "Previous tab", priority=True, id="dashboard.prev_tab"),
        Binding("ctrl+r,r", "reload", "Recompute", id="dashboard.reload"),
        Binding("l", "level", "Agreement: codes/themes", id="dashboard.level"),
    ]
    TABS = ("tab-themes", "tab-crosstab", "tab-cooc", "tab-agreement")

    def __init__(self) -> None:
        super().__init__()
        self.data: DashboardData | None = None
        self._seen_version = -1
        self._filling = False
        self.rollup = False  # agreement per code (as `sto-qual agreement` and the report); l: per theme
        self._announce = False  # the user asked for this computation: say when it is done
        self._fitted_width = 0  # the terminal's width the crosstab and co-occurrence were fitted to
        self._crosstab_codes: list[str] = []  # the crosstab's rows' codes
        self._cooc_order: list[str] = []  # the co-occurrence's themes, its rows and columns
        self._cooc_top: list[dict[str, Any]] = []  # the pairs of codes listed under it

    def compose(self) -> ComposeResult:
        yield NavBar("dashboard")
        yield Static(" computing…", id="dash-status", classes="statusline")
        with TabbedContent(id="dash-tabs"):
            with TabPane("Themes", id="tab-themes"):
                yield ListTable(id="dash-themes", cursor_type="row", zebra_stripes=True)
            with TabPane("Crosstab", id="tab-crosstab"):
                yield Select([], prompt="attribute", id="dash-by", allow_blank=True)
                yield ListTable(id="dash-crosstab", zebra_stripes=True, fixed_columns=1)
            with TabPane("Co-occurrence", id="tab-cooc"):
                with VerticalScroll():
                    yield Static("Themes one coder put on the same sentence (sentences · interviews)", classes="section")
                    yield ListTable(id="dash-cooc", zebra_stripes=True, fixed_columns=1)
                    yield Static("Most frequent pairs of codes", classes="section")
                    yield ListTable(id="dash-pairs", zebra_stripes=True, cursor_type="row")
            with TabPane("Agreement", id="tab-agreement"):
                with Horizontal(id="dash-coders"):
                    yield Select([], prompt="coder A", id="dash-coder-a", allow_blank=True)
                    yield Select([], prompt="coder B", id="dash-coder-b", allow_blank=True)
                yield Static(id="dash-agreement-overall")
                yield ListTable(id="dash-agreement", zebra_stripes=True, cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.recompute()
        self.query(DataTable).first().focus()  # the keys in the first table, not on the tab bar (j/k moved nothing)

    def on_screen_resume(self) -> None:
        if self._seen_version != self.sto.data_version or (self.data is not None and self.data.blind != self._blind()):
            self.recompute()

    def _blind(self) -> bool:
        """Whether the coder hides the others' codings (the Coder's o): then the counts are hers."""
        return bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)

    def project_changed(self) -> None:
        """Another program changed the project (a merge, a coding in another window): the
        figures are computed again, as the other screens reload."""
        self.recompute()

    def recompute(self, by: str | None = None, pair: tuple[str, str] | None = None) -> None:
        self._seen_version = self.sto.data_version
        if self.data is not None:
            by = by or self.data.by
            pair = pair or self.data.pair
        self.query_one("#dash-status", Static).update(" computing…")
        self.compute(by, pair, self.rollup)

    def compute(self, by: str | None, pair: tuple[str, str] | None, rollup: bool = False) -> None:
        blind = self.coder if self._blind() else None
        self.run_in_worker("dashboard", lambda ws: compute_dashboard(ws, by, pair, rollup, blind, self.coder),
                           lambda data, error: DashboardReady(data if error is None else DashboardData(errors=[error])))

    def on_dashboard_ready(self, message: DashboardReady) -> None:
        self.data = d = message.data
        for e in d.errors:
            self.notify(e, severity="warning", timeout=5)
        self._filling = True
        try:
            self._fill_themes(d)
            self._fill_crosstab(d)
            self._fill_cooc(d)
            self._fill_agreement(d)
        finally:
            self._filling = False
        self._show_status()
        if self._announce:  # the figures may well be the same: say that they are fresh
            self._announce = False
            if not d.errors:
                self.notify(f"recomputed: {d.documents} interviews", timeout=2)

    def _show_status(self) -> None:
        """Whose codings the counts are comes first: at 80 columns the line is cut at its end."""
        d = self.data
        if d is None:
            return
        mine = "your codings" if d.themes else "no codings of yours yet"  # a coder new to the project
        whose = (f"{mine} ({d.counting}; the others' stay hidden while you code blind)" if d.blind
                 else f"coded by {d.counting} (reference coder)" if d.counting else "all coders merged")
        if d.counting and not d.blind and 0 < d.coded < d.documents:  # "6 van 19" beside a chapter's "alle zes"
            whose += f", who coded {d.coded} of them: counts are of all {d.documents}"
        key = self._reload_key()
        line = self.query_one("#dash-status", Static)
        # what the tab's figures count (the co-occurrence's are sentences · interviews: it said "interviews")
        what = {"tab-cooc": "cells are sentences · interviews with both",
                "tab-agreement": "agreement over the sentences both coded"}.get(
            self.query_one(TabbedContent).active, "counts are interviews where a theme occurs")
        line.update(first_fit([
            f" {d.documents} interviews · {whose} · {what} · {key} recomputes",
            f" {d.documents} interviews · {whose} · {key} recomputes",
            f" {d.documents} interviews · {whose}",
        ], line_room(line)))

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        self._show_status()

    def _reload_key(self) -> str:
        """The key that recomputes as the footer names it first (a remapped one included)."""
        for key, active in self.active_bindings.items():
            if active.binding.action == "reload":
                return key
        return "ctrl+r"

    def _label(self, path: str, width: int | None = None) -> Text:
        """A code's swatch and name, indented by its depth; with ``width``, the name cut to fit
        (inside its word, with "…": two sub-codes cut alike stay told apart)."""
        label, colour = self.data.codes.get(path, (path, "")) if self.data else (path, "")
        indent = "  " * path.count("/")
        if width is not None:
            label = cut_label(label, max(width - 2 - len(indent), 3))
        t = Text()
        t.append("■ ", style=colour)
        t.append(indent + label)
        return t

    def _room(self, table: DataTable, columns: int) -> int:
        """The cells ``columns`` columns have on the terminal's width (the table may be on a tab
        not shown, not laid out): less each one's padding and a scrollbar."""
        return (self.app.size.width - table.styles.scrollbar_size_vertical
                - 2 * table.cell_padding * columns)

    def _natural(self, paths) -> int:
        return max((self._label(p).cell_len for p in paths), default=4)

    def _fill_themes(self, d: DashboardData) -> None:
        """The counts table; its Prevalence column is the bar chart (share of interviews)."""
        table = self.query_one("#dash-themes", DataTable)
        # the terminal's width: the screen may not be laid out yet
        self._narrow_themes = narrow = self.app.size.width < WIDE_AT
        # the wording comes right after the count: at 80 columns it must not be the column cut off.
        # Narrow, every column fits (they were cut to "C" or scrolled away): "15/19" for "15 van 19",
        # short headers, no Share (the count and the bar say it) and no Words (F6 at full width has it)
        columns = (("Code", "Int.", "Wording", "Prev.", "Cod.") if narrow else
                   ("Code", "Interviews", "Wording", "Share", "Prevalence", "Codings", "Words"))
        keys = (("code", "interviews", "wording", "prevalence", "codings") if narrow else
                ("code", "interviews", "wording", "share", "prevalence", "codings", "words"))
        rows: list[tuple] = []
        width = 8 if narrow else 20
        room = (self.app.size.width - table.styles.scrollbar_size_vertical - 2 * table.cell_padding * len(columns)
                - (5 + 17 + width + 4))  # what the code's name may take: the other columns' widths
        for r in d.themes:
            _, colour = d.codes.get(r["code"], (r["code"], ""))
            n = round(r["share"] * width)
            bar = Text()
            bar.append("█" * n, style=colour)
            bar.append("░" * (width - n), style="dim")
            if narrow:
                label = self._label(r["code"])
                label.truncate(max(room, 20), overflow="ellipsis")
                rows.append((label, f"{r['documents']:>2}/{r['documents_total']}", Text(str(r["wording"])), bar,
                             f"{r['codings']:>4}"))
            else:
                rows.append((self._label(r["code"]), f"{r['documents']} van {r['documents_total']}",
                             Text(str(r["wording"])), f"{r['share']:.0%}", bar, str(r["codings"]), str(r["words"])))
        if not narrow and rows:  # a very long label cut with "…": it pushed every figure off the screen
            def wide(cell) -> int:
                return (Text(cell) if isinstance(cell, str) else cell).cell_len
            others = sum(max(len(h), *(wide(r[i]) for r in rows)) for i, h in enumerate(columns) if i)
            room = (self.app.size.width - table.styles.scrollbar_size_vertical
                    - 2 * table.cell_padding * len(columns) - others)
            for r in rows:
                r[0].truncate(max(room, 20), overflow="ellipsis")
        fill_sized(table, list(zip(columns, keys)), rows)

    def on_resize(self) -> None:
        narrow = self.app.size.width < WIDE_AT
        if self.data is not None and narrow != getattr(self, "_narrow_themes", narrow):
            self._fill_themes(self.data)
        if self.data is not None and narrow != getattr(self, "_narrow_agreement", narrow):
            self._fill_agreement(self.data)  # the short headers at 80 columns, the long ones when wider
        if self.data is not None and self.app.size.width != self._fitted_width:
            self._fill_crosstab_table(self.data)  # each column's width follows the terminal's
            self._fill_cooc(self.data)
        self._show_status()

    def _fill_crosstab(self, d: DashboardData) -> None:
        sel = self.query_one("#dash-by", Select)
        sel.set_options([(Text(a), a) for a in d.attributes])
        if d.by:
            sel.value = d.by
        self._fill_crosstab_table(d)

    def _fill_crosstab_table(self, d: DashboardData) -> None:
        """Every value's column in view where they fit (CROSSTAB_FORMS); where even the shortest
        do not, the table scrolls right with the Code column kept in view (``fixed_columns``)."""
        self._fitted_width = self.app.size.width
        table = self.query_one("#dash-crosstab", DataTable)
        values = sorted({str(r["value"]) for r in d.crosstab})
        totals: dict[str, int] = {}
        counts: dict[str, dict[str, tuple[int, float]]] = {}
        for r in d.crosstab:
            totals[str(r["value"])] = int(r["documents_total"])
            counts.setdefault(r["code"], {})[str(r["value"])] = (int(r["documents"]), float(r["share"] or 0))
        known = list(d.codes)
        order = sorted(counts, key=lambda c: known.index(c) if c in known else 999)
        room, natural = self._room(table, 1 + len(values)), self._natural(order)
        for header, cell in CROSSTAB_FORMS:
            heads = [header(v, totals.get(v, 0)) for v in values]
            grid = [[cell(*counts[code].get(v, (0, 0.0)), totals.get(v, 0)) for v in values] for code in order]
            used = sum(max([len(h), *(len(row[i]) for row in grid)]) for i, h in enumerate(heads))
            if room - used >= min(natural, MIN_CODE):
                break
        code = min(natural, max(room - used, MIN_CODE))
        fill_sized(table, [("Code", "code"), *((Text(h), f"v:{v}") for h, v in zip(heads, values))],
                   [(self._label(c, code), *row) for c, row in zip(order, grid)])
        self._crosstab_codes = order

    def _fill_agreement(self, d: DashboardData) -> None:
        a_sel = self.query_one("#dash-coder-a", Select)
        b_sel = self.query_one("#dash-coder-b", Select)
        opts = [(Text(c), c) for c in d.coders]
        a_sel.set_options(opts)
        b_sel.set_options(opts)
        table = self.query_one("#dash-agreement", DataTable)
        overall = self.query_one("#dash-agreement-overall", Static)
        if d.pair is not None:  # the pair asked for stays chosen (both selectors went blank on a pair that failed)
            a_sel.value, b_sel.value = d.pair
        if d.pair is None or d.agreement is None:
            table.clear(columns=True)
            overall.update(" Agreement is left out while you code blind: o in the Coder shows the others' codings."
                           if d.blind else f" {d.pair[0]} and {d.pair[1]} coded no document in common: choose another "
                           "pair above." if d.pair else " Agreement needs two coders who coded the same documents.")
            return
        o = d.agreement["overall"]
        # a code neither coder used here agrees on every sentence: its row read 1.00 (as `agreement`, left out)
        used = [r for r in d.agreement["codes"] if coded_by_either(r)]
        unused = len(d.agreement["codes"]) - len(used)
        level = ("themes (sub-codes counted in their theme)" if o["level"] == "themes"
                 else "codes (each sub-code on its own)")
        # the chapter counting their agreed coding gives the figures kept at its start (a team read two alphas)
        kept = d.kept if o["level"] == "codes" else None
        overall.update(Text(
            f" Scope: {o['coders'][0]} vs {o['coders'][1]} · {plural(len(o['documents']), 'document')} both coded "
            f"({first_few(o['documents'], 8)}) · {o['units']} sentences · level: {level}"
            + (", as `sto-qual agreement`" + ("" if kept else " and the report") if o["level"] == "codes" else "")
            + " · l switches\n"
            f" α = {figure(o['alpha'])}, mean κ = {figure(o['mean_kappa'])}; raw agreement "
            f"{figure(o['percent_agreement'])} (high wherever most sentences carry no code: α and κ allow for that)"
            + (f" · {plural(unused, 'code')} neither coder used left out" if unused else "")
            # an interview a few stray codings made "both coded" (`agreement` warns so too): a second
            # coder read α = 0.42 for one she had accepted two suggestions in
            + "".join(f"\n ⚠ {thin_note(t)}" for t in o.get("thin", ()))
            + "".join(f"\n ⚠ {unfinished_note(t)}" for t in o.get("unfinished", ()))
            + "".join(f"\n ⚠ {t['coder']} showed the others' codings while coding blind and coded or "
                      f"changed {plural(t['codings'], 'passage')} after that: not independent"
                      for t in o.get("saw_others", ()))
            # an alpha over two sentences read as sure as one over forty (`agreement` and the method say so too)
            + (f"\n * α over fewer than {FEW_SENTENCES} sentences either coder coded: itself uncertain"
               if any(_few(r) for r in used) else "")
            + (f"\n These are their codings today. The report's method gives α = {figure(kept[1])} (and per code its "
               f"own figures): measured when {kept[0]} was started, before their differences were discussed."
               if kept else "")))
        # short headers at 80 columns: the α column was cut to "0.6" for 0.69
        narrow = self._narrow_agreement = self.app.size.width < WIDE_AT
        a, b = o["coders"][0], o["coders"][1]  # the columns name the coders, as the selectors above do
        fill_sized(table, [(col, None) for col in (("Code", "Both", "A", "B", "Agr.", "κ", "α", "Chars") if narrow else
                                                   ("Code", "Both", f"Only {cut_name(a, 14)}",
                                                    f"Only {cut_name(b, 14)}", "Agreement", "κ", "α",
                                                    "Char overlap"))],
                   [(self._label(r["code"]), str(r["both"]), str(r["only_a"]), str(r["only_b"]),
                     *(figure(r[k]) for k in ("percent_agreement", "kappa")),
                     figure(r["alpha"]) + ("*" if _few(r) else ""), figure(r["char_overlap"]))
                    for r in used])

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._filling or self.data is None:
            return
        if event.value is Select.NULL:  # a coder's placeholder picked: the line of the pair before no longer holds
            # (the select's value now: a fill's passing blank arrives after it, the pair chosen again)
            if event.select.id in ("dash-coder-a", "dash-coder-b") and event.select.value is Select.NULL:
                self.query_one("#dash-agreement-overall", Static).update(" Choose two coders to compare.")
            return
        if event.select.id == "dash-by":
            # the select's value now, not the event's: a fill posts Changed for values it passes
            # through, which arrive after it; a stale one would recompute "by" something else
            by = self.query_one("#dash-by", Select).value
            if isinstance(by, str) and by != self.data.by:
                self.recompute(by=by)
        elif event.select.id in ("dash-coder-a", "dash-coder-b"):
            a = self.query_one("#dash-coder-a", Select).value
            b = self.query_one("#dash-coder-b", Select).value
            if not (isinstance(a, str) and isinstance(b, str)):  # one still blank while the fill settles
                return
            if a != b and (a, b) != self.data.pair:
                self.recompute(pair=(str(a), str(b)))

    _focused_a_table = False  # the last "]" or "[" put the focus in the new tab's table

    def action_tab(self, step: int) -> None:
        """The next or previous tab, from wherever the focus is. With the focus in a tab's table
        or selector, hiding that tab handed the focus to the next widget in the chain, still on
        the old tab, and the tabs followed the focus back there: the key seemed to do nothing.
        The focus goes first (off the old tab), then to the new tab's first table."""
        tabs = self.query_one(TabbedContent)
        i = self.TABS.index(tabs.active) if tabs.active in self.TABS else 0
        inside = self.focused is not None and any(isinstance(a, TabPane) for a in self.focused.ancestors)
        # ("] ]" typed fast: the second came while the first's focus was on its way, none yet, and it
        # moved the tabs without the focus, which then arrived on the first's tab and took them back)
        inside = inside or (self.focused is None and self._focused_a_table)
        if inside:
            self.set_focus(None)
        tabs.active = pane = self.TABS[(i + step) % len(self.TABS)]
        self._focused_a_table = True  # the new tab's table, also from the tabs: → moved the tabs, not a cell
        self.query_one(f"#{pane}", TabPane).query(DataTable).first().focus()

    def action_reload(self) -> None:
        self._announce = True
        self.recompute()

    def action_level(self) -> None:
        self.rollup = not self.rollup
        self.recompute()
        if self.query_one(TabbedContent).active != "tab-agreement":  # it changed nothing on this tab, unsaid
            self.notify(f"Agreement tab: per {'theme' if self.rollup else 'code'} now (l again switches back)",
                        timeout=4)
