"""Pilot tests for the Synthesis screen: open the grid, open a cell, draft, edit and save,
accept, clear, jump to the passage in the Coder; the theme view's edit and accept."""
from __future__ import annotations

from textual.widgets import DataTable, OptionList, TextArea

from sto_qual.tui.modals import ConfirmModal
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.synthesis import CellScreen, SynthesisScreen, ThemeScreen
from sto_qual.tui.widgets.transcript import TranscriptView
from tui_support import headless, run

SIZE = (140, 45)


def _goto(screen: SynthesisScreen, doc: str, code: str) -> None:
    table = screen.query_one(DataTable)
    table.cursor_coordinate = (screen.docs.index(doc), screen.paths.index(code) + 1)


def test_grid_cell_draft_edit_accept_clear_and_open(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SynthesisScreen) and screen.loaded
            assert screen.docs == ["R01", "R02", "R07"]
            await pilot.press("S")  # draft everything
            await pilot.pause()
            syn = tui_ws.synthesis()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "draft"
            _goto(screen, "R02", "financieringsonzekerheid/impact")
            await pilot.press("enter")
            await pilot.pause()
            cell = app.screen
            assert isinstance(cell, CellScreen)
            area = cell.query_one(TextArea)
            assert area.text == syn.cell("R02", "financieringsonzekerheid/impact")["summary"] != ""
            area.load_text("Geen vaste contracten meer; extra overleg.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            got = syn.cell("R02", "financieringsonzekerheid/impact")
            assert got["status"] == "reviewed" and got["summary"] == "Geen vaste contracten meer; extra overleg."
            assert got["author"] == app.coder
            await pilot.press("ctrl+l")  # clear: a reviewed text asks first
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "reviewed"
            await pilot.press("y")
            await pilot.pause()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "empty"
            await pilot.press("ctrl+r")  # draft again
            await pilot.pause()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "draft"
            await pilot.press("ctrl+g")  # accept the draft
            await pilot.pause()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "reviewed"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, SynthesisScreen)
            table = app.screen.query_one(DataTable)
            assert str(table.get_cell("R02", "financieringsonzekerheid/impact")).startswith("● ")
            await pilot.press("u")  # undo the accept, from the grid
            await pilot.pause()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "draft"
            assert str(table.get_cell("R02", "financieringsonzekerheid/impact")).startswith("◌ ")
            await pilot.press("enter")
            await pilot.pause()
            first = app.screen.data["evidence"][0]
            await pilot.press("ctrl+o")  # the passage in the Coder
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
            assert app.current_doc == tui_ws.document("R02").id
            assert app.screen.view.doc.name == "R02"
            view = app.screen.query_one(TranscriptView)
            assert view.selection[0] <= first["start"] < view.selection[1] or \
                view.selection == (first["start"], first["end"])
            await pilot.press("f9")  # back to the cell it came from
            await pilot.pause()
            assert isinstance(app.screen, CellScreen) and app.screen.data["evidence"][0] == first
    run(scenario)


def test_theme_view_edit_and_accept(tui_ws, tmp_path):
    from textual.widgets import Static

    def line(screen) -> str:
        return str(screen.query_one("#syn-status", Static).render())

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            grid = app.screen
            _goto(grid, "R01", "financieringsonzekerheid/impact")
            await pilot.pause()
            # where the theme the chapter prints stands, in the grid (a writer read "draft 0" as no summary)
            assert "theme ◌ draft not stored yet (t)" in line(grid), line(grid)
            await pilot.press("t")
            await pilot.pause()
            view = app.screen
            assert isinstance(view, ThemeScreen)
            area = view.query_one(TextArea)
            # the draft it would get, as prose (one region of three names both sides: each side's share first)
            # (after the theme's own sentence: the view the regions share)
            assert area.text.startswith("In alle regio's spreekt men over de onzekerheid rond de voortzetting van de "
                                        "STO-middelen. Op één punt lopen de antwoorden uiteen: in alle regio's wijst "
                                        "men op ")
            syn = tui_ws.synthesis()
            assert syn.theme("financieringsonzekerheid")["status"] == "empty"
            await pilot.press("ctrl+g")  # the whole section: it asks, listing the sentences never accepted
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal) and "Lead 1" in app.screen.question
            # a point no sentence retells (its quotes carry it) is no sentence to accept
            bare = [f"Point {i}" for i, p in enumerate(view.data["points"], 1) if not p["text"]]
            assert not set(bare) & set(app.screen.question.split(": ", 1)[1].split(".")[0].split(", "))
            await pilot.press("y")
            await pilot.pause()
            assert syn.theme("financieringsonzekerheid")["status"] == "reviewed"
            grid._status_line()
            assert "theme ● reviewed (t)" in line(grid), line(grid)
            area.load_text("Een eigen samenvatting van het thema.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            t = syn.theme("financieringsonzekerheid")
            assert t["status"] == "reviewed" and t["text"] == "Een eigen samenvatting van het thema."
            # the chapter's theme section now begins with that text
            import docx
            out = tmp_path / "h.docx"
            tui_ws.report(out)
            paras = [p.text for p in docx.Document(str(out)).paragraphs]
            assert paras[paras.index("Financieringsonzekerheid") + 1] == "Een eigen samenvatting van het thema."
            tui_ws.undo(app.coder)
            assert syn.theme("financieringsonzekerheid")["text"] == ""
            view.refresh_view()
            await pilot.pause()
            # one key point: pick it in the list, edit its sentence, save
            items = view.query_one(OptionList)
            t = syn.theme("financieringsonzekerheid", preview=True)
            assert items.option_count == 1 + len(t["lead"]) + len(t["points"]) + len(t["contrasts"])
            first_point = 1 + len(t["lead"])
            items.highlighted = first_point
            await pilot.pause()
            assert view.item == first_point and area.text == syn.theme("financieringsonzekerheid")["points"][0]["text"]
            area.load_text("Een deel van de regio's stelde investeringen uit.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            point = syn.theme("financieringsonzekerheid")["points"][0]
            assert point["reviewed"] and point["text"] == "Een deel van de regio's stelde investeringen uit."
            assert syn.theme("financieringsonzekerheid")["status"] == "reviewed"  # the theme's own status stays
            tui_ws.undo(app.coder)
            # undo brings back the point as the whole-section accept left it (its draft, accepted)
            assert syn.theme("financieringsonzekerheid")["points"][0]["text"] != "Een deel van de regio's stelde investeringen uit."
            view.refresh_view()
            await pilot.pause()
            await pilot.press("ctrl+g")  # accept point 1 as drafted
            await pilot.pause()
            assert syn.theme("financieringsonzekerheid")["points"][0]["reviewed"]
    run(scenario)


def test_an_emptied_editor_cannot_be_accepted_and_esc_keeps_an_unsaved_edit(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            syn = tui_ws.synthesis()
            _goto(screen, "R02", "financieringsonzekerheid/impact")  # never drafted: empty
            await pilot.press("enter")
            await pilot.pause()
            cell = app.screen
            assert isinstance(cell, CellScreen)
            assert cell.query_one(TextArea).text == syn.cell("R02", "financieringsonzekerheid/impact")["draft"]
            await pilot.press("ctrl+l")  # start empty: nothing stored, only the editor's draft goes
            await pilot.pause()
            assert cell.query_one(TextArea).text == ""
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "empty"  # nothing read
            cell.query_one(TextArea).load_text("Half geschreven")
            cell._loaded = ""  # typed, not loaded
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is cell and cell.query_one(TextArea).text == "Half geschreven"
            await pilot.press("escape")  # a second Esc leaves without saving
            await pilot.pause()
            assert app.screen is screen
            assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "empty"
    run(scenario)


def test_every_column_header_keeps_its_count_line(tui_ws):
    """A theme's header ("▸ " and a long label) wrapped and pushed "n of N" out of it: every
    header is its label on one line (cut with "…") above the count."""
    import re

    async def scenario():
        async with headless(tui_ws, size=(200, 50)) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            lines = ["".join(seg.text for seg in table.render_line(y)) for y in (0, 1)]
            x, seen = 0, []
            for column in table.ordered_columns:
                width = column.get_render_width(table)
                if x + width > table.size.width:
                    break
                name, count = (line[x:x + width].strip() for line in lines)
                if x:  # not the Interview column
                    assert re.fullmatch(r"\d+ of 3", count), (name, count)
                    seen.append(name)
                x += width
            assert "▸ Vmbo in the l…" in seen and "Aansluiting op …" in seen, seen  # a theme and a sub-code, cut
    run(scenario)


def test_the_grid_says_how_many_of_a_themes_sentences_are_reviewed(tui_ws):
    """A writer accepted a sentence in the theme view and the grid still read "◌ draft 0 ●
    reviewed 0" (its cells): the line names the theme's reviewed sentences as `summary show`
    counts them."""
    from textual.widgets import Static
    syn = tui_ws.synthesis()
    syn.summarize()
    syn.set_item("financieringsonzekerheid", "lead", 1, None, coder="onderzoeker-a")  # accepted as drafted
    shown = syn.theme("financieringsonzekerheid")
    flags = [*shown["lead_reviewed"], *(p.get("reviewed") for p in shown["points"] if p["text"]),
             *(c.get("reviewed") for c in shown["contrasts"])]

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            _goto(app.screen, "R01", "financieringsonzekerheid/impact")
            await pilot.pause()
            line = str(app.screen.query_one("#syn-status", Static).render())
            assert f"theme ◌ draft, 1 of {len(flags)} sentences reviewed (t)" in line, line
    run(scenario)

    async def narrow():  # at 100 and 80 columns the grid's legend gives way, not the theme's state
        for width in (100, 80):
            async with headless(tui_ws, size=(width, 30)) as (app, pilot):
                await pilot.press("f9")
                await pilot.pause()
                _goto(app.screen, "R01", "financieringsonzekerheid/impact")
                await pilot.pause()
                line = str(app.screen.query_one("#syn-status", Static).render())
                assert f"1/{len(flags)} reviewed (t)" in line or f"1 of {len(flags)} sentences reviewed" in line, \
                    (width, line)
    run(narrow)


def test_the_grids_line_says_a_reviewed_theme_is_outdated_once_its_codings_changed(tui_ws):
    """A writer uncoded a passage her reviewed theme rested on: `summary show` said outdated, and
    F9's line above the grid still said "theme ● reviewed (t)"."""
    from textual.widgets import Static
    theme = "financieringsonzekerheid"
    syn = tui_ws.synthesis()
    syn.summarize(theme=theme)
    syn.accept(theme=theme)
    gone = next(c for c in tui_ws.codings(doc="R01") if c.code.startswith(theme))

    async def scenario():
        async with headless(tui_ws, size=SIZE) as (app, pilot):
            await pilot.press("f9")
            await pilot.pause()
            grid = app.screen
            _goto(grid, "R01", theme + "/impact")
            await pilot.pause()
            assert "theme ● reviewed (t)" in str(grid.query_one("#syn-status", Static).render())
            tui_ws.remove_coding(gone.id, coder=gone.coder)
            grid._status_line()
            said = str(grid.query_one("#syn-status", Static).render())
            assert "theme ◐ outdated (t)" in said, said
    run(scenario)
