"""What a coder's first session found cut or out of reach at 80x24 and 100x30: the dashboard's
crosstab and co-occurrence (every region type in view, the Code column kept when scrolling right,
headers cut with "…"), `]` and `[` from inside a dashboard table, the memo dialog's buttons and
its quote cut at a word, and a Code column on F5 for a theme's quotes."""
from __future__ import annotations

import pytest
from textual.widgets import Button, DataTable, Select, Static, TabbedContent

from sto_qual.tui.fitting import cut_label
from test_tui_small_terminal import no_horizontal_scroll, screen_lines, settled
from tui_support import headless, open_dashboard, run, until

SMALL, MIDDLE = (80, 24), (100, 30)
REGION_TYPES = ("eiland", "gemengd", "krimp", "landelijk", "stedelijk")  # the demo's five (demo_ws)


def cell_width(table: DataTable, column) -> int:
    return column.get_render_width(table) - 2 * table.cell_padding


def header_line(app, first: str) -> str:
    return next(line for line in screen_lines(app) if line.lstrip().startswith(first))


async def open_tab(pilot, screen, pane: str) -> None:
    tabs = screen.query_one(TabbedContent)
    while tabs.active != pane:
        await pilot.press("right_square_bracket")
    await pilot.pause()


@pytest.mark.parametrize("size", [SMALL, MIDDLE])
def test_the_crosstab_shows_every_region_type_whole_and_keeps_the_code_column(demo_ws, size):
    """At 100 columns "stedelijk" was cut to "ste", at 80 two region types were off to the right,
    and scrolling right lost the Code column."""
    async def scenario():
        async with headless(demo_ws, size=size) as (app, pilot):
            screen = await open_dashboard(pilot)
            await open_tab(pilot, screen, "tab-crosstab")
            table = screen.query_one("#dash-crosstab", DataTable)
            await settled(pilot, table)
            assert table.fixed_columns == 1
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
            header = header_line(app, "Code")
            for value in REGION_TYPES:
                assert value in header, header
            for i, column in enumerate(table.ordered_columns):  # no header and no cell cut
                cells = [str(column.label), *(str(table.get_cell_at((row, i))) for row in range(table.row_count))]
                assert cell_width(table, column) >= max(len(c) for c in cells), (column.label, cells)
            codes = [str(table.get_cell_at((row, 0))) for row in range(table.row_count)]
            assert any(code.endswith("…") for code in codes) or size == MIDDLE  # cut, with "…", to fit
    run(scenario)


def test_the_crosstab_says_n_in_its_header_where_it_fits(demo_ws):
    async def scenario():
        async with headless(demo_ws, size=(120, 40)) as (app, pilot):
            screen = await open_dashboard(pilot)
            await open_tab(pilot, screen, "tab-crosstab")
            table = screen.query_one("#dash-crosstab", DataTable)
            await settled(pilot, table)
            labels = [str(c.label) for c in table.ordered_columns]
            assert labels[0] == "Code" and all(" (N=" in label for label in labels[1:]), labels
            assert no_horizontal_scroll(table)
            assert "%)" in str(table.get_cell_at((0, 1)))
    run(scenario)


@pytest.mark.parametrize("size", [SMALL, MIDDLE])
def test_co_occurrence_headers_are_cut_with_an_ellipsis_and_the_names_stay(demo_ws, size):
    """"Collectief optrekk", "Financieringsonzek" and "Fin" were cut without a sign."""
    async def scenario():
        async with headless(demo_ws, size=size) as (app, pilot):
            screen = await open_dashboard(pilot)
            await open_tab(pilot, screen, "tab-cooc")
            themes = [p for p in screen.data.codes if "/" not in p]
            names = [screen.data.codes[t][0] for t in themes]
            for selector in ("#dash-cooc", "#dash-pairs"):
                table = screen.query_one(selector, DataTable)
                await settled(pilot, table)
                assert no_horizontal_scroll(table), (selector, table.virtual_size, table.scrollable_content_region)
            table = screen.query_one("#dash-cooc", DataTable)
            assert table.fixed_columns == 1
            columns = table.ordered_columns[1:]
            for name, column in zip(names, columns):
                label = str(column.label)
                assert label == name or (label.endswith("…") and name.startswith(label[:-1])), (name, label)
                assert cell_width(table, column) >= len(label)  # the header whole in its column
            assert any(str(c.label).endswith("…") for c in columns)  # the demo's names do not all fit
            line = header_line(app, names[0])
            for column in columns:
                assert str(column.label) in line, line  # on the screen as in the table
    run(scenario)


def test_brackets_switch_tabs_from_inside_any_dashboard_table_or_selector(tui_ws):
    """Tab into a table, then `]`: the focus left for the next widget on the same tab and the
    tabs followed it back, so the key did nothing."""
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_dashboard(pilot)
            tabs = screen.query_one(TabbedContent)
            order = list(screen.TABS)
            for widget_id, pane in (("dash-themes", "tab-themes"), ("dash-by", "tab-crosstab"),
                                    ("dash-crosstab", "tab-crosstab"), ("dash-cooc", "tab-cooc"),
                                    ("dash-pairs", "tab-cooc"), ("dash-coder-a", "tab-agreement"),
                                    ("dash-agreement", "tab-agreement")):
                tabs.active = pane
                await pilot.pause()
                # hiding the focused table moves the focus on after a refresh: let that settle first,
                # or it lands after this focus() and takes the focus away from the selector
                target = screen.query_one(f"#{widget_id}")
                assert await until(pilot, lambda: (target.focus(), app.focused is target)[1], timeout=5)
                assert tabs.active == pane
                await pilot.press("right_square_bracket")
                await pilot.pause()
                following = order[(order.index(pane) + 1) % len(order)]
                assert tabs.active == following, (widget_id, tabs.active)
                assert app.focused is not None and app.focused.id != widget_id  # on the new tab's table
                await pilot.press("left_square_bracket")
                await pilot.pause()
                assert tabs.active == pane, (widget_id, tabs.active)
    run(scenario)


def test_brackets_typed_fast_each_move_a_tab(tui_ws):
    """"] ]" sent at once from inside a table moved one tab: the second key went to the table the
    focus was leaving."""
    from textual import events

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_dashboard(pilot)
            tabs = screen.query_one(TabbedContent)
            order = list(screen.TABS)
            screen.query_one("#dash-themes").focus()
            await pilot.pause()
            for key in ("right_square_bracket", "right_square_bracket"):
                app._driver.send_message(events.Key(key, "]"))
            assert await until(pilot, lambda: tabs.active == order[2]), tabs.active
            await pilot.pause()
            assert tabs.active == order[2]
    run(scenario)


def long_passage(ws, doc: str = "R02") -> tuple[int, int, str]:
    """Whole sentences from the middle of ``doc``, over 300 characters, where the 300th falls
    inside a word (what the Coder passes the memo dialog is cut there)."""
    text = ws.document_text(doc)
    units = ws.units(doc)
    for i in range(10, len(units) - 8):
        start, end = units[i].start, units[i + 6].end
        if end - start > 360 and text[start + 299].isalpha() and text[start + 300].isalpha():
            return start, end, text[start:end]
    raise AssertionError("no passage")


def shows_whole_words_and_an_ellipsis(shown: str, passage: str) -> None:
    assert shown.startswith("“") and shown.endswith("…”"), shown
    words = passage.split()
    last = shown[1:-2].split()[-1]
    assert last in words or last.rstrip(",.;:") in [w.rstrip(",.;:") for w in words], (last, shown)
    assert " ".join(shown[1:-2].split()) in " ".join(passage.split())


@pytest.mark.parametrize("size", [SMALL, MIDDLE])
def test_the_memo_dialog_shows_its_buttons_and_cuts_the_quote_at_a_word(tui_ws, size):
    """At 80x24 Save and Cancel were below the screen (only ctrl+s worked); the quote above the
    memo ended mid-word without "…" (“…Kustland College aan de over”)."""
    from sto_qual.tui.modals import MemoModal
    from test_tui_coder import open_coder

    async def scenario():
        async with headless(tui_ws, size=size) as (app, pilot):
            start, end, passage = long_passage(tui_ws)
            doc = tui_ws.document("R02")
            for code in ("urgentie/docententekort", "financieringsonzekerheid/impact"):  # two: a chooser on top
                tui_ws.assign_code("R02", code, start=start, end=end, coder=app.coder)
            await open_coder(pilot, "R02")
            app.open_document(doc.id, (start, end))
            await pilot.pause()
            await pilot.press("m")
            assert await until(pilot, lambda: isinstance(app.screen, MemoModal))
            modal = app.screen
            await pilot.pause()
            assert modal.query("#memo-target")  # the chooser between the two codings is there
            lines = screen_lines(app)
            for label in ("Save (ctrl+s)", "Cancel (esc)"):
                assert any(label in line for line in lines), "\n".join(lines)
            for button in modal.query(Button):
                assert button.region.bottom <= size[1] and button.region.height == 3, button.region
            quote = str(modal.query_one("#memo-quote", Static).render())
            shows_whole_words_and_an_ellipsis(" ".join(quote.split()), passage)
            # (inside the dialog's border: the panel behind it may show text to its right)
            assert any(part.rstrip().endswith("…”") for line in lines for part in line.split("█")), "\n".join(lines)
            await pilot.click("#cancel")
            await pilot.pause()
            assert not isinstance(app.screen, MemoModal)
    run(scenario)


def test_a_short_quote_shows_whole_in_the_memo_dialog(tui_ws):
    from sto_qual.tui.modals.prompt import MemoModal

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            app.push_screen(MemoModal("Memo", context="“Nou, dat is eigenlijk nog steeds hetzelfde.”"))
            await pilot.pause()
            quote = str(app.screen.query_one("#memo-quote", Static).render())
            assert quote == "“Nou, dat is eigenlijk nog steeds hetzelfde.”"
    run(scenario)


async def quotes_of(pilot, code: str):
    """F5 on ``code``: its table, measured and filled."""
    from sto_qual.tui.widgets.codetree import CodeTree
    await pilot.press("f5")
    screen = pilot.app.screen
    tree = screen.query_one(CodeTree)
    await pilot.pause()
    node = next(n for n in tree._tree_nodes.values() if n.data == code)
    tree.move_cursor(node)
    assert await until(pilot, lambda: screen.code == code)
    table = screen.query_one("#quote-table", DataTable)
    await settled(pilot, table)
    await pilot.pause()
    return screen, table


@pytest.mark.parametrize("size", [SMALL, MIDDLE])
def test_a_themes_quotes_name_their_sub_code(tui_ws, size):
    """Two quotes of one transcript under different sub-codes looked the same
    ("R01  Nou, dat is eigenlijk nog steeds hetzelfde…"): a short Code column tells them apart."""
    async def scenario():
        async with headless(tui_ws, size=size) as (app, pilot):
            screen, table = await quotes_of(pilot, "urgentie")
            keys = [c.key.value for c in table.ordered_columns]
            assert "code" in keys, keys
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
            code_at, quote_at = keys.index("code"), len(keys) - 1
            width = cell_width(table, table.ordered_columns[code_at])
            labels = {c.path: c.label for c in tui_ws.codebook()}
            rows = [screen.rows[int(table.coordinate_to_cell_key((i, 0)).row_key.value)]
                    for i in range(table.row_count)]
            codes = {r.code for r in rows}
            assert len(codes) > 2
            for i, r in enumerate(rows):
                assert str(table.get_cell_at((i, code_at))) == cut_label(labels[r.code], width)
            quote = table.ordered_columns[quote_at]
            # beside a short "By" column (two coders' rows, at 80 columns) the quote keeps 20, else 28
            assert cell_width(table, quote) >= (20 if "coder" in keys and size == SMALL else 28), cell_width(table, quote)
            # the quotes are cut for that column (they were cut to 20 for the width before the layout)
            longest = max(len(str(table.get_cell_at((i, quote_at)))) for i in range(table.row_count))
            assert longest >= cell_width(table, quote) - 6, (longest, cell_width(table, quote))
    run(scenario)


def test_at_80x24_a_sub_codes_quotes_get_the_room_beside_a_narrower_tree(tui_ws):
    """The tree took 36 columns, the quote about 30 of the 80: a narrower tree gives the quote 40."""
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen, table = await quotes_of(pilot, "urgentie/docententekort")
            keys = [c.key.value for c in table.ordered_columns]
            assert "code" not in keys  # one code: no column for it
            # two coders' rows: a short "By" column tells their codings of one passage apart
            rows = [screen.rows[int(table.coordinate_to_cell_key((i, 0)).row_key.value)]
                    for i in range(table.row_count)]
            assert len({r.coder for r in rows}) == 2 and keys[-2] == "coder"
            assert {str(table.get_cell_at((i, keys.index("coder")))) for i in range(table.row_count)} == \
                {"on…a", "on…b"}
            assert cell_width(table, table.ordered_columns[-1]) >= 34, cell_width(table, table.ordered_columns[-1])
            assert no_horizontal_scroll(table)
            assert screen.query_one("#quotes-tree").region.width >= 22  # the tree's names still read
            screen.query_one(Select).value = "onderzoeker-a"  # one coder's rows: the quote takes the column
            assert await until(pilot, lambda: "coder" not in [c.key.value for c in table.ordered_columns])
            await settled(pilot, table)
            assert cell_width(table, table.ordered_columns[-1]) >= 40, cell_width(table, table.ordered_columns[-1])
    run(scenario)


def test_a_code_label_cut_has_no_space_before_its_ellipsis():
    assert cut_label("Behoud van het techniekaanbod", 12) == "Behoud van…"
    assert cut_label("Regierol gerealiseerd", 12) != cut_label("Regierol alleen op papier", 12)


def test_the_quotes_tree_shows_when_it_has_the_keys(tui_ws):
    """A newcomer could not tell the F5 code tree had focus (nothing marked it)."""
    from tui_support import headless, run

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f5")
            await pilot.pause()
            tree = app.screen.query_one("#quotes-tree")
            tree.focus()
            await pilot.pause()
            focused = tree.styles.border_right
            app.screen.query_one("#quote-filter").focus()
            await pilot.pause()
            assert focused != tree.styles.border_right, (focused, tree.styles.border_right)
    run(scenario)


def test_w_in_the_quotes_opens_whose_quotes_are_listed(tui_ws):
    """The coder list took four Tabs to reach and the footer did not say how: `w` (Whose) opens it."""
    from textual.widgets import Select

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen, _table = await quotes_of(pilot, "urgentie")
            assert "w Whose" in " ".join(screen_lines(app)[-1].split())
            await pilot.press("w")
            await pilot.pause()
            select = screen.query_one("#quote-coder", Select)
            assert select.expanded
            await pilot.press("down", "enter")
            await pilot.pause()
            assert select.value == "onderzoeker-a"
    run(scenario)


def test_two_codings_with_memos_each_keep_their_memos_first_words_in_the_here_panel(demo_ws, monkeypatch):
    """Two coders' codings of one sentence, each with a memo and a long label: the Here panel showed
    "onderzoeker-a ★ ✎" and "onderzoeker-b ★ ✎" and no word of either memo, with two lines left empty."""
    from sto_qual.tui.widgets.panels import HerePanel
    monkeypatch.setenv("STO_QUAL_CODER", "onderzoeker-a")
    code = "urgentie/krimp-leerlingaantallen"
    mine = next(c for c in demo_ws.codings(doc="R02", coder="onderzoeker-a") if c.code == code)
    theirs = next(c for c in demo_ws.codings(doc="R02", coder="onderzoeker-b")
                  if (c.code, c.start) == (code, mine.start))
    demo_ws.set_memo(mine.id, "Wegtrekken van gezinnen naar de stad, en daardoor minder instroom in de bovenbouw; "
                     "vgl. R05.", coder="onderzoeker-a")
    demo_ws.set_memo(theirs.id, "Twijfel of dit krimp is of eerder behoud van het aanbod.", coder="onderzoeker-b")

    async def scenario():
        async with headless(demo_ws, size=(120, 35)) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            app.open_document(mine.document_id, (mine.start, mine.end))
            panel = app.screen.query_one(HerePanel)
            assert await until(pilot, lambda: "onderzoeker-b" in str(panel.render())), str(panel.render())
            shown = " ".join(str(panel.render()).split())
            assert "✎ Wegtrekken van" in shown and "✎ Twijfel of" in shown, shown
    run(scenario)
