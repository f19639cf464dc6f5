"""The workbench at 80x24, as a new user found it: each screen's columns, lines and panels whole
at that size (the README promises it is usable there), and a command palette that finds the
report and the memo and lists the workbench's own commands first."""
from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from sto_qual.tui.screens.coder import CoderScreen
from test_tui_coder import open_coder
from tui_support import headless, open_dashboard, run, until

SMALL = (80, 24)


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def shown(widget: Static) -> str:
    return str(widget.render()).rstrip()


def fits(widget: Static) -> bool:
    """The line is whole: no wider than the widget's room and not cut with "…"."""
    text = shown(widget)
    return len(text) <= widget.content_size.width and not text.endswith("…")


def no_horizontal_scroll(table: DataTable) -> bool:
    return table.virtual_size.width <= table.scrollable_content_region.width


async def settled(pilot, table: DataTable) -> None:
    """The table measured and painted (its columns are sized when its queue next runs empty)."""
    await pilot.pause()
    assert await until(pilot, lambda: table.row_count > 0 and table.virtual_size.width > 0)
    await pilot.pause()


def test_80x24_coder_keeps_the_definition_beside_the_tree(tui_ws):
    """The Definition panel was hidden below 30 rows: the code's name and its definition's first
    lines stay, under a tree that keeps most of the column."""
    from sto_qual.tui.widgets.codetree import CodeTree

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("tab", "right", "down")  # urgentie expanded, its first sub-code highlighted
            await pilot.pause()
            path = screen.code_tree.cursor_node.data
            code = screen.codes[path]
            box = screen.query_one("#code-info-box")
            assert box.display and box.region.height >= 4, box.region
            assert screen.query_one(CodeTree).region.height >= 8
            lines = "\n".join(screen_lines(app))
            assert f"■ {code.label}" in lines, lines
            first_words = " ".join(code.definition.split()[:3])
            assert first_words in lines, lines  # the definition's first line, not the path, under the name
            # the Here panel below it: the selected sentence on one line (it wrapped onto a second)
            assert any("“" in line and "”" in line for line in screen_lines(app)), lines
    run(scenario)


def test_80x24_quotes_give_the_quote_the_room_and_a_whole_filter_hint(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await pilot.press("f5")
            await pilot.press("down")  # a sub-code with quotes
            screen = app.screen
            table = screen.query_one("#quote-table", DataTable)
            await settled(pilot, table)
            keys = [c.key.value for c in table.ordered_columns]
            # the passage below names the coder; of the coder's name a short "By" column when the
            # rows are two coders' (their codings of one passage looked alike)
            coders = {r.coder for r in screen.rows.values()}
            assert ("coder" in keys) == (len(coders) > 1) and "Coder" not in [str(c.label) for c in table.ordered_columns]
            quote = table.columns[table.ordered_columns[-1].key]
            assert quote.get_render_width(table) - 2 * table.cell_padding >= 28, quote.content_width  # it was 16
            assert no_horizontal_scroll(table)
            box = screen.query_one("#quote-filter", Input)
            assert box.placeholder == "attr=value or words"
            assert box.content_size.width >= len(box.placeholder)
            assert any("attr=value or words" in line for line in screen_lines(app))
            assert fits(screen.query_one("#quotes-summary", Static))
    run(scenario)


def test_80x24_suggestions_give_the_sentence_the_room_and_a_whole_header(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await pilot.press("f4")
            screen = app.screen
            table = screen.query_one("#sugg-table", DataTable)
            await settled(pilot, table)
            sentence = table.columns[table.ordered_columns[-1].key]
            assert sentence.get_render_width(table) - 2 * table.cell_padding >= 35  # it was 11
            assert no_horizontal_scroll(table)
            header = screen.query_one("#sugg-summary", Static)
            assert fits(header), shown(header)
            text = shown(header)
            assert "most confident first (v" in text and "hidden (i" in text, text  # the order and what is hidden
    run(scenario)


def test_80x24_dashboard_table_fits_with_readable_headers(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_dashboard(pilot)
            table = screen.query_one("#dash-themes", DataTable)
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
            labels = [str(c.label) for c in table.ordered_columns]
            assert labels == ["Code", "Int.", "Wording", "Prev.", "Cod."], labels
            for column in table.ordered_columns:  # no header cut to "C"
                assert column.get_render_width(table) - 2 * table.cell_padding >= len(str(column.label))
            header = " ".join(screen_lines(app)[4].split())
            assert "Code Int. Wording Prev. Cod." in header, header
            assert fits(screen.query_one("#dash-status", Static))
    run(scenario)


def test_80x24_agreement_shows_every_figure_whole(tui_ws):
    """The agreement table cut its α column to "0.6" for 0.69 at 80 columns: short headers there."""
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_dashboard(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
            table = screen.query_one("#dash-agreement", DataTable)
            await settled(pilot, table)
            assert [str(c.label) for c in table.ordered_columns][-3:] == ["κ", "α", "Chars"]
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
    run(scenario)


def test_the_agreement_table_fits_again_when_the_terminal_narrows_to_80_columns(tui_ws):
    """Opened at 120 columns and narrowed to 80, the table kept its long headers and was cut
    after "Only onderzoeke": κ, α and the overlap out of sight, with no way to scroll to them."""
    async def scenario():
        async with headless(tui_ws, size=(120, 35)) as (app, pilot):
            screen = await open_dashboard(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
            table = screen.query_one("#dash-agreement", DataTable)
            await settled(pilot, table)
            labels = lambda: [str(c.label) for c in table.ordered_columns]  # noqa: E731
            assert labels()[-1] == "Char overlap"
            await pilot.resize_terminal(*SMALL)
            assert await until(pilot, lambda: labels()[-3:] == ["κ", "α", "Chars"]), labels()
            await settled(pilot, table)
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
            await pilot.resize_terminal(120, 35)
            assert await until(pilot, lambda: labels()[-1] == "Char overlap"), labels()
    run(scenario)


def test_80x24_documents_fit_without_a_horizontal_scrollbar(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = app.screen
            table = screen.query_one("#doc-table", DataTable)
            await settled(pilot, table)
            assert no_horizontal_scroll(table), (table.virtual_size, table.scrollable_content_region)
            assert not table.show_horizontal_scrollbar  # the stray "▊" under the table
            header = " ".join(screen_lines(app)[4].split())
            assert header.endswith("Turns Roles"), header  # was cut to "Respondent r"
            # the region type's column is no "Region" (beside a project's own region attribute); two roles
            # are "a, b", not "a,  b"
            assert "Type" in header.split() and "Region" not in header.split(), header
            assert not any(",  " in line for line in screen_lines(app)), screen_lines(app)
            summary = screen.query_one("#doc-summary", Static)
            assert fits(summary) and shown(summary).endswith("Enter opens the coder"), shown(summary)
            # the codings are every coder's, said so: "742 codings · coder anna" read as anna's
            assert "(all coders)" in shown(summary) or "by all coders" in shown(summary), shown(summary)
    run(scenario)


def test_80x24_synthesis_headers_fit_and_the_legend_is_there(tui_ws):
    from sto_qual.tui.screens.help import HelpScreen

    syn = tui_ws.synthesis()
    code = "financieringsonzekerheid/impact"
    syn.set_text("Een eigen samenvatting.", doc="R01", code=code, coder="onderzoeker-a")

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            status = screen.query_one("#syn-status", Static)
            assert fits(status), shown(status)
            for word in ("◌ draft", "● reviewed", "◐ outdated"):  # each count says what it counts
                assert word in shown(status), shown(status)
            assert fits(screen.query_one("#syn-scope", Static))
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            help_text = "\n".join(str(s.render()) for s in app.screen.query(Static))
            for sign in ("· empty", "◌ draft", "● reviewed", "◐ outdated"):
                assert sign in help_text
            await pilot.press("escape")
            await pilot.pause()
            # a reviewed cell of a sub-code: who changed it last stays on its header line
            grid = screen.query_one(DataTable)
            grid.cursor_coordinate = (screen.docs.index("R01"), screen.paths.index(code) + 1)
            await pilot.press("enter")
            await pilot.pause()
            cell_status = app.screen.query_one("#cell-status", Static)
            text = shown(cell_status)
            assert fits(cell_status) and "● reviewed" in text and text.endswith("by onderzoeker-a"), text
    run(scenario)


def test_a_cell_header_names_the_code_by_its_label_where_it_fits(tui_ws):
    """The cell's header read "R01 × urgentie/…" (the code's path); the grid names codes by their
    labels. At 80 columns the short name comes back so who changed the text last still shows."""
    syn = tui_ws.synthesis()
    code = "financieringsonzekerheid/impact"
    syn.set_text("Een eigen samenvatting.", doc="R01", code=code, coder="onderzoeker-a")
    label = tui_ws.code(code).label

    async def scenario():
        async with headless(tui_ws, size=(120, 40)) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            grid = screen.query_one(DataTable)
            grid.cursor_coordinate = (screen.docs.index("R01"), screen.paths.index(code) + 1)
            await pilot.press("enter")
            await pilot.pause()
            text = shown(app.screen.query_one("#cell-status", Static))
            assert text.lstrip().startswith(f"R01 × {label}") and text.endswith("by onderzoeker-a"), text
    run(scenario)


def test_export_marks_the_chosen_format_without_colour(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await pilot.press("f8")
            await pilot.pause()

            def marks() -> list[str]:
                return [line.split("▌")[0].split("▐")[-1] for line in screen_lines(app) if "▐" in line]
            assert marks() == ["●", "○", "○", "○", "○", "○"], marks()
            app.screen.query_one("#fmt-md").value = True
            await pilot.pause()
            assert marks() == ["○", "●", "○", "○", "○", "○"], marks()
    run(scenario)


async def palette_hits(pilot, query: str) -> list[str]:
    from textual.command import CommandList, CommandPalette
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
        await pilot.pause()
    palette = app.screen
    palette.query_one(Input).value = query
    hits = palette.query_one(CommandList)
    assert await until(pilot, lambda: hits.option_count > 0)
    await pilot.pause(0.3)  # the hits come in batches
    return [str(hits.get_option_at_index(i).prompt).split("\n")[0] for i in range(hits.option_count)]


def test_the_palette_finds_report_and_memo_and_lists_its_own_commands_first(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            listed = await palette_hits(pilot, "")  # on F2 Documents
            for generic in ("Cursor down", "Copy selected text"):
                if generic in listed:
                    assert listed.index("Go to Coder") < listed.index(generic), listed
            assert listed[0] == "Open", listed  # the screen's own action first (Enter)
            assert "Go to Quotes" in listed[:15] and "Export report chapter (Word)" in listed, listed
            assert "Export report chapter (Word)" in await palette_hits(pilot, "report")
            assert "Write memo" in await palette_hits(pilot, "memo")
            for word in ("undo", "redo", "dashboard"):
                assert any(word in hit.lower() for hit in await palette_hits(pilot, word)), word
    run(scenario)


def test_palette_memo_undo_and_export_work_from_another_screen(tui_ws, tmp_path):
    from sto_qual.tui.modals import MemoModal
    from sto_qual.tui.screens.export import ExportScreen

    async def choose(pilot, query: str, title: str) -> None:
        hits = await palette_hits(pilot, query)
        await pilot.press(*["down"] * hits.index(title))
        await pilot.press("enter")
        await pilot.pause()

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            doc = tui_ws.document("R02")
            unit = tui_ws.units(doc.id)[3]
            app.open_document(doc.id, (unit.start, unit.end))
            await pilot.pause()
            await pilot.press("1")  # a coding of mine at the cursor
            await pilot.pause()
            ours = [c for c in tui_ws.codings(doc="R02") if c.coder == app.coder and c.start == unit.start]
            assert ours
            await pilot.press("f2")
            await pilot.pause()
            await choose(pilot, "memo", "Write memo")
            assert await until(pilot, lambda: isinstance(app.screen, MemoModal))
            assert app.current_mode == "coder" and isinstance(app.screen_stack[-2], CoderScreen)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f6")
            await pilot.pause()
            await choose(pilot, "undo", "Undo (in the Coder)")
            assert await until(pilot, lambda: not [c for c in tui_ws.codings(doc="R02")
                                                   if c.coder == app.coder and c.start == unit.start])
            assert app.current_mode == "coder"
            await choose(pilot, "report", "Export report chapter (Word)")
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            assert await until(pilot, lambda: screen.last_result is not None, timeout=60)
            written = tui_ws.path.parent / f"{tui_ws.path.stem}-report.docx"
            assert written.exists() and written.stat().st_size > 0
    run(scenario)


def test_80x24_footers_show_whole_keys(tui_ws):
    """At 80 columns a footer ended mid-word ("v Ord", "l Agreement: codes/th"): the keys that do
    not fit are left out whole (F1 lists every key), after "f1 Help" first."""
    from textual.widgets._footer import FooterKey

    from sto_qual.tui.widgets.footer import PALETTE_COLUMNS, KeyFooter

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            for key in ("f3", "f4", "f6", "f9"):
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause()
                footer = app.screen.query_one(KeyFooter)
                keys = [k for k in footer.query(FooterKey) if "-command-palette" not in k.classes]
                assert any(k.action == "help" for k in keys), key
                width = sum(len(k.key_display) + len(k.description) + 2 for k in keys)
                assert width <= SMALL[0] - PALETTE_COLUMNS, (key, width)
                if key == "f4":  # Train stays (it kept Keywords, made once, and dropped the key pressed again)
                    assert any(k.action == "train" for k in keys), [k.action for k in keys]
    run(scenario)



def test_a_footer_fits_its_keys_again_when_the_terminal_is_resized(tui_ws):
    """A coder made her terminal 80 columns wide with the Coder open: its footer stayed the one
    for 120 columns, cut mid-word ("r Rejec") and without "f1 Help", until she changed screens;
    made wide again, it kept the short footer. It now fits its keys to each new width."""
    from textual.widgets._footer import FooterKey

    from sto_qual.tui.widgets.footer import PALETTE_COLUMNS, KeyFooter

    def keys(app):
        return [k for k in app.screen.query_one(KeyFooter).query(FooterKey) if "-command-palette" not in k.classes]

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f3")
            await pilot.pause()
            wide = [k.key for k in keys(app)]
            await pilot.resize_terminal(*SMALL)

            def fits() -> bool:  # (a footer being rebuilt has no keys for a moment: that is no fit)
                shown = keys(app)
                return bool(shown) and sum(len(k.key_display) + len(k.description) + 2
                                           for k in shown) <= SMALL[0] - PALETTE_COLUMNS
            assert await until(pilot, fits, step=0.01)
            assert keys(app)[0].action == "help"  # too narrow for every key: help first
            await pilot.resize_terminal(120, 40)
            # wide again: every key again, in its own order
            assert await until(pilot, lambda: [k.key for k in keys(app)] == wide, step=0.01), [k.key for k in keys(app)]
    run(scenario)


def test_80x24_suggestion_codes_stay_told_apart():
    """At 80 columns "Regierol gerealiseerd" and "Regierol alleen op papier" both read "Regierol…":
    a code label in a narrow column is cut inside its word, where a quote is cut at one."""
    from sto_qual.tui.fitting import cut_label
    a, b = cut_label("Regierol gerealiseerd", 15), cut_label("Regierol alleen op papier", 15)
    assert a != b and a.startswith("Regierol g") and b.startswith("Regierol a") and len(a) == len(b) == 15
    assert cut_label("Arbeidsmarkt", 15) == "Arbeidsmarkt"


def test_the_help_at_80_columns_shows_every_key_and_binding_id_whole(tui_ws):
    """At 80x24 F1 cut the Key column ("] / ctrl+…") while the binding-id column took the room,
    and at 110 "ctrl+shift+ri…"; an id cut with "…" cannot be typed into the config file."""
    from sto_qual.tui.screens.help import HelpScreen

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            from rich.console import Console
            console = Console(width=74, record=True, file=open("/dev/null", "w"))
            for s in app.screen.query(Static):
                console.print(s.content)
            text = console.export_text()
            assert "ctrl+shift+right" in text and "] / ctrl+down" in text, text[:2000]
            import re
            # each id on a line of its own under what its key does: the column of ids left "Does"
            # a third of the width, every row wrapped over three lines
            cells = [line.split("│")[-1].strip() for line in text.splitlines() if "│" in line]
            ids = [c for c in cells if re.fullmatch(r"[a-z_]+\.[a-z_0-9]+(?: … [a-z_]+\.[a-z_0-9]+)?…?", c)]
            assert ids and not [i for i in ids if i.endswith("…")], ids  # none cut
            assert "transcript.end_word_right" in ids and "suggestions.bulk_reject" in ids
            assert "│ Next answer (a turn not the interviewer's)" in text  # on one line, not three
            assert "Does · binding id (config [keys])" in text  # where the ids go (brackets no markup)
            assert re.search(r"^ *} +│ Next answer", text, re.MULTILINE), text  # the key, not "right_curly_bracket"
            # the way out on the help's first lines: the footer below is the Coder's at 80×24
            assert "Esc closes this help · ctrl+q quits" in "\n".join(screen_lines(app)[:4])
    run(scenario)


def test_a_status_message_cut_at_80_columns_is_read_whole_from_the_palette(tui_ws):
    """"Coded: Ieder voor zich on R03, sentences 68-71, 2 speakers (a quote takes…": at 80 columns
    a coder never learned what the warning said. ctrl+p, Last messages, shows the last ones whole."""
    from sto_qual.tui.widgets.panels import StatusLine

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "shift+down", "shift+down", "shift+down", "1")  # over the interviewer's turn
            await pilot.pause()
            said = app.said[-1]
            assert said.startswith("Coded: ") and "2 speakers (a quote takes one speaker's words)" in said, said
            line = shown(screen.query_one(StatusLine))
            assert line.endswith("…") and "a quote takes one speaker's words" not in line, line  # cut here
            assert any(c.title == "Last messages, whole" for c in app.get_system_commands(app.screen))
            app.action_messages()
            await pilot.pause()
            from sto_qual.tui.modals.said import SaidModal
            assert isinstance(app.screen, SaidModal) and f"• {said}" in shown(app.screen.query_one("#said-text"))
            # a key closes it (a popup it was, over the transcript for 30 seconds, Esc not closing it)
            await pilot.press("escape")
            assert app.screen is screen
    run(scenario)


def test_the_last_messages_fit_the_screen_and_keep_the_newest(tui_ws):
    """At 80×24 six long messages ran the popup off the top of the screen: the dialog fits the
    screen, scrolled to the newest, and the older ones are above it."""
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_coder(pilot)
            for i in range(8):
                app.keep_said(f"Coded: Ieder voor zich on R0{i}, sentences 68-71, 2 speakers (a quote takes one "
                              "speaker's words; the chapter quotes only one of them, and x undoes it)")
            app.action_messages()
            await pilot.pause()
            dialog = app.screen.query_one(".dialog")
            assert dialog.region.y >= 0 and dialog.region.bottom <= 24, dialog.region
            box = app.screen.query_one("#said-list")
            assert await until(pilot, lambda: box.scroll_y == box.max_scroll_y > 0)  # the newest shown, older above
            text = shown(app.screen.query_one("#said-text"))
            assert "R00" in text and text.rstrip().endswith("x undoes it)")
            await pilot.press("q")
            assert app.screen is screen
    run(scenario)


def test_the_code_tree_keeps_its_counts_when_a_scrollbar_comes(tui_ws):
    """At 80×24 a code added gave the tree a scrollbar, which took the columns the counts had:
    "Behoud van het techniekaan… 1" became "Behoud van het techniekaan…"."""
    import re

    from sto_qual.tui.widgets.codetree import CodeTree

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            screen = await open_coder(pilot)
            tree = screen.query_one(CodeTree)
            assert not tree.show_vertical_scrollbar
            for node in list(tree.root.children):  # every theme open: more codes than the tree has rows
                node.expand()
            await pilot.pause()
            await pilot.pause()
            assert tree.show_vertical_scrollbar
            for path, node in tree._code_nodes.items():
                label = node.label.plain
                assert re.search(r" (\d+|·)( \[[\d,-]+\])?$", label), label
                assert len(label) <= tree._label_room(path), (label, tree._label_room(path))
    run(scenario)
