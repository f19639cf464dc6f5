"""What a coder coming from NVivo or MAXQDA expects of the status line and around it: `tui --coder`, status messages that
name the whole coding, undo that shows where it changed something, a status line that gives the
position back as soon as the cursor moves, the quotes table and its preview, quotes cut at a word,
suggestion reasons in English, and the number keys in the help."""
from __future__ import annotations

from unittest import mock

from textual.widgets import DataTable

from cli_runner import sq
from sto_qual.services.tui_support import clip_words, document_suggestions, passage_context
from sto_qual.tui.app import StoQualApp, make_app
from sto_qual.tui.modals import ChoiceModal
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.help import HelpScreen, help_rows
from sto_qual.tui.screens.base import bindings_of
from sto_qual.tui.settings import Settings
from sto_qual.tui.widgets.panels import HerePanel, StatusLine
from tui_support import headless, open_coder, open_quotes, painted_before_idle, run, until

ME = "onderzoeker-a"


def status(screen) -> str:
    return str(screen.query_one(StatusLine).render())


def mine(ws, doc="R01"):
    return [c for c in ws.codings(doc=doc) if c.coder == ME]


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


# ------------------------------------------------------------------ 1. --coder
def test_tui_and_demo_take_coder_and_it_wins_over_the_settings_file(tui_ws, tui_project, demo_copy):
    seen: list[str] = []
    with mock.patch.object(StoQualApp, "run", lambda self: seen.append(self.coder)), \
            mock.patch("sto_qual.cli.workbench.no_terminal", lambda: False):
        got = sq("tui", "--project", tui_project, "--coder", "ONDERZOEKER-B")  # another case: the same coder
        assert got.returncode == 0, got.stderr
        got = sq("demo", "--project", demo_copy, "--coder", "anna")
        assert got.returncode == 0, got.stderr
    assert seen == ["onderzoeker-b", "anna"]
    bad = sq("tui", "--project", tui_project, "--coder", "x" * 81)
    assert bad.returncode == 1 and "coder name must be 1-80 characters" in bad.stderr, bad.stderr
    assert make_app(tui_ws, Settings(coder="onderzoeker-a"), coder="Onderzoeker-B").coder == "onderzoeker-b"
    assert make_app(tui_ws, Settings(coder="onderzoeker-b")).coder == "onderzoeker-b"


def test_a_coder_name_close_to_a_coders_is_refused_before_the_workbench_opens(tui_ws, tui_project, monkeypatch):
    """`tui --coder sane` for sanne opened with a notice that passed in seconds, and the first
    key that coded made 'sane' a second coder, where `code --coder sane` is refused."""
    seen: list[tuple[str, str | None]] = []

    def opened(app):
        seen.append((app.coder, app._near_coder))  # the coder a did-you-mean on opening would name
    with mock.patch.object(StoQualApp, "run", opened), mock.patch("sto_qual.cli.workbench.no_terminal", lambda: False):
        got = sq("tui", "--project", tui_project, "--coder", "onderzoeker_b")
        assert got.returncode == 1 and got.stderr.strip() == (
            "error: 'onderzoeker_b' is no coder in this project (did you mean onderzoeker-b?); nothing was stored "
            f"(give --coder onderzoeker-b; --new-coder starts 'onderzoeker_b' as a coder of its own)"), got.stderr
        monkeypatch.setenv("STO_QUAL_CODER", "Onderzoekr-a")  # set in the environment: said as its
        got = sq("demo", "--project", tui_project)
        assert got.returncode == 1 and "'Onderzoekr-a' (STO_QUAL_CODER) is no coder in this project (did you mean " \
            "onderzoeker-a?)" in got.stderr, got.stderr
        assert seen == []
        got = sq("tui", "--project", tui_project, "--coder", "onderzoeker_b", "--new-coder")  # asked for: opens
        assert got.returncode == 0, got.stderr
    assert seen == [("onderzoeker_b", None)]  # she said it is a new coder: no did-you-mean on opening
    assert tui_ws.session.coder_names() == ["onderzoeker-a", "onderzoeker-b"]  # none made by opening


def test_without_a_terminal_demo_builds_and_says_how_to_open_it_and_tui_refuses(tmp_path, tui_project):
    """`sto-qual demo` in a script or a pipe drew the workbench into the pipe and waited for keys
    that never came, at half a core, until killed."""
    opened: list[str] = []
    with mock.patch.object(StoQualApp, "run", lambda self: opened.append(self.coder)), \
            mock.patch("sto_qual.cli.workbench.no_terminal", lambda: True):
        built = sq("demo", "--project", tmp_path / "d.db")
        assert built.returncode == 0, built.stderr
        assert "Built demo project" in built.stdout
        assert f"in a terminal window: sto-qual tui --project {tmp_path / 'd.db'}" in built.stdout
        refused = sq("tui", "--project", tui_project)
        assert refused.returncode == 2
        assert refused.stderr.strip().splitlines() == [
            "error: the workbench needs a terminal (its keyboard and screen are not one here, e.g. in a pipe "
            f"or a script); run `sto-qual tui --project {tui_project}` in a terminal window"]
    assert opened == []


def test_the_workbench_asks_for_a_terminal_on_the_keyboard_and_the_screen_it_draws_on():
    from sto_qual.cli.workbench import no_terminal

    class Stream:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty
    for stdin, stderr, missing in ((True, True, False), (False, True, True), (True, False, True), (None, True, True)):
        with mock.patch("sys.__stdin__", Stream(stdin) if stdin is not None else None), \
                mock.patch("sys.__stderr__", Stream(stderr)):
            assert no_terminal() is missing, (stdin, stderr)


def test_the_status_line_names_the_coder_given_with_coder(tui_ws):
    async def scenario():
        app = make_app(tui_ws, Settings(), coder="Onderzoeker-B")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_coder(pilot)
            assert "by onderzoeker-b" in status(screen)
            await pilot.press("down", "1")
            assert any(c.coder == "onderzoeker-b" and c.start == screen.view.selection[0]
                       for c in tui_ws.codings(doc="R01"))
    run(scenario)


# ------------------------------------------- 2. messages name the whole coding
def test_messages_name_every_sentence_of_the_coding(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.view
            await pilot.press(*["down"] * 13, "shift+down", "shift+down")  # sentences 14-16
            code = screen.code_tree.quick[0]
            label = screen._label(code)
            await pilot.press("1")
            assert screen._last_action == f"Coded: {label} on R01, sentences 14-16 (u undoes)"
            # Esc: the cursor on sentence 16, the one the selection grew to; up to 14, inside the coding
            await pilot.press("escape", "up", "up")
            await pilot.press("s")
            # ("Dat zijn ik, Jelle, …" after "Die is klein.": the star says the report cannot quote them)
            assert screen._last_action.startswith(f"Starred: {label} on R01, sentences 14-16")
            await pilot.press("s")
            assert screen._last_action == f"Unstarred: {label} on R01, sentences 14-16"
            await pilot.press("m", *"waarom", "ctrl+s")
            assert await until(pilot, lambda: screen._last_action.startswith("Memo"))
            assert screen._last_action == f"Memo saved: {label} on R01, sentences 14-16"
            await pilot.press("u")
            await pilot.pause()
            assert screen._last_action == f"Undid: memo of ‘{label}’ on R01, sentences 14-16"
            await pilot.press("U")
            await pilot.pause()
            assert screen._last_action == f"Redid: memo of ‘{label}’ on R01, sentences 14-16"
            # x on the first sentence only: the message names what it took off, and the undo the whole again
            await pilot.press("x")
            await pilot.pause()
            assert screen._last_action.startswith(f"Trimmed: {label} taken off R01, sentence 14;")
            await pilot.press("u")
            await pilot.pause()
            assert screen._last_action.startswith("Undid: ") and screen._last_action.endswith("R01, sentences 14-16")
            # a second code there: x asks which, and the message names all that the code came off
            await pilot.press("shift+down", "shift+down")
            await pilot.press("2", "x")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("1")
            await pilot.pause()
            assert screen._last_action == (f"Removed: {label} from R01, sentences 14-16, with its memo (u brings it "
                                           "back; C gives a coding another code and keeps its memo and star)")
            assert view.cursor_index == 13
    run(scenario)


# --------------------------------------- 3. undo/redo show where they changed
def test_undo_after_a_restart_moves_to_the_coding_it_changed(tui_ws):
    far = next(c for c in mine(tui_ws) if tui_ws.units("R01")[20].start <= c.start and not c.starred)
    tui_ws.star(far.id, True, coder=ME)  # the last step of a session before this one

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.view
            assert view.cursor_index == 0
            await pilot.press("u")
            await pilot.pause()
            assert not tui_ws.coding(far.id).starred
            first = view.unit_at(far.start)
            assert view.cursor_index == first
            assert screen._last_action == f"Undid: star of ‘{screen._label(far.code)}’ on " \
                                          f"{screen._where_span(far.start, far.end)}"
            assert screen._last_action in status(screen)  # not cleared by the undo's own move
            assert view.line_of(far.start) >= view.scroll_offset.y  # scrolled to it
            await pilot.press("g")  # away again; redo brings the cursor back
            await pilot.press("U")
            await pilot.pause()
            assert view.cursor_index == first and tui_ws.coding(far.id).starred
    run(scenario)


def test_undo_of_a_change_in_another_document_names_it_and_stays(tui_ws):
    other = next(c for c in mine(tui_ws, "R02") if not c.starred)
    tui_ws.star(other.id, True, coder=ME)

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "down")
            await pilot.press("u")
            await pilot.pause()
            assert screen.view.cursor_index == 2 and screen.doc.name == "R01"
            units = [u.start for u in tui_ws.units("R02")]
            n = max(i for i, s in enumerate(units) if s <= other.start) + 1
            said = screen._last_action
            assert said.startswith(f"Undid: star of ‘{screen._label(other.code)}’ on R02, sentence")
            assert f"R02, sentence {n}" in said or f"R02, sentences {n}-" in said
            assert said.endswith("(another document)")
    run(scenario)


# --------------------------------- 4. the position comes back when the cursor moves
def test_a_message_stays_until_the_cursor_moves(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press(*["down"] * 10, "shift+down")
            await pilot.press("1")
            said = screen._last_action
            assert said.startswith("Coded: ") and said in status(screen)
            await pilot.pause(0.1)
            assert said in status(screen)  # it stays while the cursor does
            await pilot.press("escape")  # back to the sentence: the selection moved
            await pilot.press("right_square_bracket", "right_square_bracket")
            await pilot.pause()
            line = status(screen)
            assert screen._last_action == "" and said not in line
            assert f"sentence {screen.view.cursor_index + 1}/" in line
    run(scenario)


def test_a_warning_or_an_error_is_marked_as_one_not_only_by_its_colour(tui_ws):
    """A colour-blind coder, or one in a terminal without colours, read "Cannot redo, nothing changed: …" in the
    status line as she read "Coded: …", and a popup's kind was only its border's colour."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("U")  # nothing to redo: said as a warning, not as an error (it is none)
            await pilot.pause()
            said = screen._last_action
            assert said and f"⚠ {said[:30]}" in status(screen), status(screen)
            popups = list(app._notifications)
            assert popups[-1].title == "⚠ Warning" and popups[-1].message == said
            screen.notify("Kon niet opslaan", severity="error")
            await pilot.pause()
            assert list(app._notifications)[-1].title == "✖ Error" and "✖ Kon niet opslaan" in status(screen)
            await pilot.press(*["down"] * 5, "1")  # an answer's sentence (the interviewer's: a warning)
            await pilot.pause()
            assert screen._last_action.startswith("Coded: ") and "✖" not in status(screen) \
                and "⚠" not in status(screen), status(screen)
            screen.notify("Dit is een waarschuwing", severity="warning")
            screen.notify("Opgeslagen")
            await pilot.pause()
            assert [(n.title, n.message) for n in list(app._notifications)[-2:]] == [
                ("⚠ Warning", "Dit is een waarschuwing"), ("", "Opgeslagen")]
            assert "⚠ Dit is een waarschuwing" in status(screen)
    run(scenario)


def test_the_pickers_row_that_enter_takes_is_bold_not_only_a_shade(tui_ws):
    """In the `c` code picker and the `d` document picker, whose keys type in the box above, the row Enter
    takes differed from the others by a background shade only: in a terminal without colours, nothing."""
    from textual.widgets import OptionList
    from sto_qual.tui.modals import PickerModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            for key in ("c", "d"):
                await pilot.press(key)
                assert await until(pilot, lambda: isinstance(app.screen, PickerModal))
                rows = app.screen.query_one(OptionList)
                assert not rows.has_focus and rows.highlighted == 0
                assert rows.get_component_styles("option-list--option-highlighted").text_style.bold
                await pilot.press("escape")
                await pilot.pause()
    run(scenario)


def test_the_document_picker_says_which_document_is_open(tui_ws):
    """`d` started on the open document, shown by a shade only: without colours nothing said which it was."""
    from sto_qual.tui.modals import PickerModal

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot, "R02")
            await pilot.press("d")
            assert await until(pilot, lambda: isinstance(app.screen, PickerModal))
            return {o.label: o.hint for o in app.screen.options}
    hints = run(scenario)
    assert hints["R02"].endswith(" · open now") and not any("open now" in h for d, h in hints.items() if d != "R02")


def test_the_dashboards_tab_shown_is_bold_not_only_brighter(tui_ws):
    """Without colours F6's active tab (Themes, Crosstab, …) differed from the others by a grey level only."""
    from textual.widgets import Tab

    from tui_support import open_dashboard

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_dashboard(pilot)
            tabs = list(app.screen.query(Tab))
            active = [t for t in tabs if t.has_class("-active")]
            assert len(active) == 1 and len(tabs) > 1
            assert active[0].styles.text_style.bold
            assert not any(t.styles.text_style.bold for t in tabs if t not in active)
    run(scenario)


# ------------------------------------------------------------ 5. F5 Quotes
def test_quotes_take_the_free_width_and_follow_a_resize(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=(100, 40)) as (app, pilot):
            screen = await open_quotes(pilot)
            await pilot.press("down")  # the first sub-code
            await pilot.pause()
            await app.workers.wait_for_complete()  # where the chapter puts each passage (a report, in a thread)
            table = screen.query_one(DataTable)

            def widest() -> str:
                return max((str(table.get_cell(k.value, "quote")) for k in table.rows), key=len)
            narrow = len(widest())
            await pilot.resize_terminal(160, 40)
            assert await until(pilot, lambda: len(widest()) > narrow + 40)
            assert len(widest()) > narrow + 40  # 60 columns more: the quotes use them
            # the table holds the wider cells before the screen is painted with them (under load a frame
            # later, and a second resize of the table, as the tree beside it settles, cuts them again);
            # a wide one on screen (the widest may be in a row below the table's fold)

            def painted() -> tuple[str, str] | None:
                lines = screen_lines(app)
                cells = sorted((str(table.get_cell(k.value, "quote")) for k in table.rows), key=len, reverse=True)
                return next(((c, line) for c in cells if len(c) > narrow + 40 for line in lines if c in line), None)
            assert await until(pilot, lambda: painted() is not None), "\n".join(screen_lines(app))
            cell, row = painted()
            assert len(cell) <= screen._quote_room()
            assert len(row.rstrip()) >= 160 - 15  # no empty band right of the quotes
    run(scenario)


def test_quote_preview_shows_the_sentence_before_and_after(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f5")
            await pilot.pause()
            screen = app.screen
            screen.code = "urgentie"  # the theme: every coding under it
            screen.reload()
            await pilot.pause()
            table = screen.query_one(DataTable)
            # a long passage with a sentence on both sides: the one the old 6-line box cut off
            pick = None
            for i, key in enumerate(table.rows):
                r = screen.rows[int(key.value)]
                before, quote, after = passage_context(tui_ws, r.document_id, r.start, r.end)
                if before and after and 300 < len(before) + len(quote) < 700:
                    pick = i, before, quote, after
                    break
            assert pick is not None
            i, before, quote, after = pick
            table.move_cursor(row=i)
            await pilot.pause()
            box = screen.query_one("#quote-context-box").region  # what the preview shows on screen
            shown = " ".join(" ".join(line[box.x:box.right] for line in screen_lines(app)[box.y:box.bottom]).split())
            tail = " ".join(quote.split()[-4:])
            assert tail in shown  # the passage's end is in view
            assert " ".join(after.split()[:3]) in shown  # and the sentence after it
            assert " ".join(before.split()[-3:]) in shown  # and the end of the one before
    run(scenario)


# ------------------------------------------- 6. a quote is cut at a word
def test_clip_words_cuts_between_words():
    text = "Pieter Ensink, programmaleider. Ik ben eigenlijk ingehuurd, ik ben niet in dienst"
    assert clip_words(text, 70) == "Pieter Ensink, programmaleider. Ik ben eigenlijk ingehuurd, ik ben…"
    assert clip_words(text, 200) == text
    assert clip_words(text, 30, keep_end=True) == "…ik ben niet in dienst"
    assert clip_words("a" * 50, 10) == "a" * 9 + "…"  # one long word: cut inside it


def test_code_prints_its_quote_cut_at_a_word(tui_project):
    got = sq("code", "--project", tui_project, "--doc", "R02", "--code", "urgentie", "--turn", "4")
    assert got.returncode == 0, got.stderr
    quote = got.stdout.split("“", 1)[1].rsplit("”", 1)[0]
    assert quote.endswith("…") and len(quote) <= 70
    from sto_qual.services import Workspace
    ws = Workspace.open(tui_project)
    try:
        full = " ".join(max(ws.codings(doc="R02", code="urgentie"), key=lambda c: c.id).text.split())
    finally:
        ws.close()
    kept = quote[:-1]
    assert full.startswith(kept) and full[len(kept)] in " ,.;:", (kept, full[len(kept):len(kept) + 10])


# --------------------------------------------- 7. suggestion reasons in English
def test_suggestion_reasons_are_english_in_the_coder(tui_ws):
    marks = document_suggestions(tui_ws, tui_ws.document("R01").id)
    assert any(m.reason == "keyword “basisscholen”" for m in marks)
    assert not any("trefwoord" in m.reason for m in marks)
    assert any(s.reasons == ["trefwoord: basisscholen"] for s in tui_ws.suggestions(doc="R01", status="pending"))

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            screen.view.move_to_unit(14)
            await pilot.pause()
            here = str(screen.query_one(HerePanel).render())
            assert "keyword “basisscholen”" in here and "trefwoord" not in here
    run(scenario)


# ------------------------------------------------ 8. the number keys in F1
def test_help_shows_the_number_keys_as_one_row():
    rows = help_rows(bindings_of(CoderScreen), {})
    numbers = [r for r in rows if "coder.code" in r[2]]
    assert numbers == [("1–9", "Apply the code on that key (its number in the codebook tree)",
                        "coder.code1 … coder.code9")]
    remapped = [r for r in help_rows(bindings_of(CoderScreen), {"coder.code2": "f"}) if "coder.code" in r[2]]
    assert len(remapped) == 9 and remapped[1][0] == "f"
    assert [r[1] for r in remapped] == [f"Apply the code on key {n} (its number in the codebook tree)"
                                        for n in range(1, 10)]


def test_help_screen_has_no_apply_code_2_row(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(str(s.render()) for s in app.screen.query("Static"))
            assert "Apply code 2" not in text and "1–9" in text
    run(scenario)


async def quotes_of(pilot, code: str):
    """F5 on ``code``: the screen, its table and the coding ids of its rows."""
    await pilot.press("f5")
    await pilot.pause()
    screen = pilot.app.screen
    screen.code = code
    screen.reload()
    await pilot.pause()
    table = screen.query_one(DataTable)
    return screen, table, [int(k.value) for k in table.rows]


def test_the_quote_preview_says_when_the_report_cannot_quote_a_starred_passage(tui_ws):
    """A coder's warned star looked in F5 like every other ★: the warning was a toast at the moment
    of starring only. The preview of a starred passage the report's appendix leaves out says so."""
    from textual.widgets import Static

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen, table, keys = await quotes_of(pilot, "urgentie")
            notes = {k: tui_ws.export_service.star_note(k) for k in keys}
            lost = next(i for i, k in enumerate(keys) if "leave it out" in notes[k])
            fine = next(i for i, k in enumerate(keys) if not notes[k])
            for i in (lost, fine):
                table.move_cursor(row=i)
                await pilot.pause()
                if not screen.rows[keys[i]].starred:
                    await pilot.press("s")  # starred
                assert await until(pilot, lambda: screen.rows[keys[i]].starred)
                table.move_cursor(row=fine if i == lost else lost)
                await pilot.pause()
                table.move_cursor(row=i)
                await pilot.pause()
                shown = str(screen.query_one("#quote-context", Static).render())
                assert ("★ the report's appendix will leave it out" in shown) == (i == lost), shown
    run(scenario)


def test_the_quote_preview_follows_the_star_and_the_tree_counts_the_coder_the_table_lists(demo_ws):
    """A report writer found F5's preview still saying "★ the report's appendix will leave it
    out" 7 s after she took the star off (until she moved off the row and back), the tree
    counting every coder's 128 codings while the table listed the reference coder's 94, and
    `starred=yes` in the filter giving "0 quotes from 0 documents" without a word."""
    from textual.widgets import Input, Select, Static

    from sto_qual.tui.widgets.codetree import CodeTree

    async def scenario():
        async with headless(demo_ws) as (app, pilot):
            screen, table, keys = await quotes_of(pilot, "financieringsonzekerheid")
            lost = next(i for i, k in enumerate(keys) if "leave it out" in demo_ws.export_service.star_note(k))
            table.focus()
            table.move_cursor(row=lost)
            await pilot.pause()
            context = screen.query_one("#quote-context", Static)
            for _ in range(2):  # on and off again: the preview says it at once, without moving
                await pilot.press("s")
                await pilot.pause()
                starred = screen.rows[keys[lost]].starred
                assert ("★ the report's appendix will leave it out" in str(context.render())) == starred
            # the tree counts what the table lists: every coder's, then the reference coder's
            tree = screen.query_one(CodeTree)
            everyone = {c.path: c.codings for c in demo_ws.codebook()}
            assert tree._counts == everyone
            summary = screen.query_one("#quotes-summary", Static)
            assert "(every coder's)" in str(summary.render())
            screen.query_one(Select).value = "onderzoeker-a"
            await pilot.pause()
            mine = {c.path: 0 for c in demo_ws.codebook()}
            for c in demo_ws.codings(coder="onderzoeker-a"):
                mine[c.code] += 1
            assert tree._counts == mine and mine != everyone
            assert "(the reference coder's)" in str(summary.render())
            # the star as a filter, and a filter that keeps nothing says why
            box = screen.query_one("#quote-filter", Input)
            box.value = "starred=yes"
            await pilot.pause()
            assert screen.rows and all(r.starred for r in screen.rows.values())
            box.value = "starred=nee"
            await pilot.pause()
            assert screen.rows and not any(r.starred for r in screen.rows.values())
            unstarred = set(screen.rows)
            box.value = "starred!=yes"  # the same, as --where leaves a value out
            await pilot.pause()
            assert set(screen.rows) == unstarred
            # the tree counts what the filter keeps, as the table lists it
            krimp = {d.id for d in demo_ws.documents() if d.attributes.get("region_type") == "krimp"}
            for typed, kept in (("region_type=krimp", lambda c: c.document_id in krimp),
                                ("region_type=krimp geld", lambda c: c.document_id in krimp and "geld" in c.text.lower()),
                                ("starred=yes", lambda c: c.starred)):
                box.value = typed
                await pilot.pause()
                want = {c.path: 0 for c in demo_ws.codebook()}
                for c in demo_ws.codings(coder="onderzoeker-a"):
                    want[c.code] += kept(c)
                assert tree._counts == want and want != mine, typed
                assert len(screen.rows) == sum(n for p, n in want.items() if p.split("/")[0] == screen.code), typed
            box.value = "regiotype=krimp"
            await pilot.pause()
            assert not screen.rows
            assert "no document has the attribute 'regiotype' (did you mean region_type?)" in str(summary.render())
    run(scenario)


def test_the_quote_preview_says_where_the_chapter_puts_the_passage(demo_ws):
    """F5 told a writer nothing of the chapter: her star retold there as an example was quoted
    nowhere, and two of three facets quoted passages nobody starred. The preview now says where
    `report` puts the passage, worked out in a worker, and again after a star."""
    from textual.widgets import Static

    from sto_qual.services.exports import CHAPTER_PLACES
    from sto_qual.tui.screens.quotes_columns import PLACE_WORDS
    assert set(PLACE_WORDS) == set(CHAPTER_PLACES)  # every place has its words on the screen
    places = demo_ws.export_service.chapter_places()
    retold = next(i for i, p in places.items() if p == "example")
    theme = demo_ws.coding(retold).code.split("/")[0]

    async def scenario():
        async with headless(demo_ws) as (app, pilot):
            screen, table, keys = await quotes_of(pilot, theme)
            await app.workers.wait_for_complete()
            await pilot.pause()
            context = screen.query_one("#quote-context", Static)
            quoted = next(k for k in keys if places.get(k) == "text" and not screen.rows[k].starred)
            for key, place in ((retold, "example"), (quoted, "text")):
                table.move_cursor(row=keys.index(key))
                await pilot.pause()
                assert f"In the chapter: {PLACE_WORDS[place]}" in str(context.render())
            plain = next(k for k in keys if k not in places and not screen.rows[k].starred)
            table.move_cursor(row=keys.index(plain))
            await pilot.pause()
            assert "In the chapter: not in it" in str(context.render())  # a passage the chapter does not use
            table.focus()
            await pilot.press("s")  # starred: where it goes is worked out again
            await app.workers.wait_for_complete()
            await pilot.pause()
            now = demo_ws.export_service.chapter_places()[plain]
            assert f"In the chapter: {PLACE_WORDS[now]}" in str(context.render())
    run(scenario)


def test_a_copied_quote_has_the_names_replaced_as_the_report_prints_it(demo_ws):
    """F5 shows the transcript as it is ("Dinxbroek", "Wouter"); `y` copied that into the writer's
    clipboard for the report, names and all. It copies the quote with the pseudonym list applied."""
    anon = demo_ws.anonymiser()
    named = next(c for c in demo_ws.codings(code="urgentie") if anon(c.text) != c.text)

    async def scenario():
        async with headless(demo_ws) as (app, pilot):
            screen, table, keys = await quotes_of(pilot, "urgentie")
            copied = []
            app.copy_to_clipboard = copied.append
            table.focus()
            table.move_cursor(row=keys.index(named.id))
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert copied == [f"“{anon(named.text.strip())}” ({named.doc})"] and copied[0] != f"“{named.text.strip()}”"
    run(scenario)


def test_the_quote_column_is_as_wide_as_its_room_as_soon_as_the_rows_are_in(tui_ws):
    """The table measured its quote column only when it was next idle: a screen painted before
    that (a resize under load: the tree beside it settles a frame later) kept the new, longer
    quotes cut at the width measured for the rows before, beside an empty band, until the cursor
    moved."""
    async def scenario():
        async with headless(tui_ws, size=(160, 40)) as (app, pilot):
            screen = await open_quotes(pilot)
            await pilot.press("down")
            await pilot.pause()
            await app.workers.wait_for_complete()
            cells, shown = await painted_before_idle(pilot, screen, screen.query_one(DataTable), "quote")
            assert max(map(len, cells)) > 60
            assert all(any(c in line for line in shown) for c in cells), "\n".join(shown)
    run(scenario)
