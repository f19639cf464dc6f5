"""Pilot tests for the places where the workbench misled or trapped a coder: the codebook
editor's add dialog, choosers that swallowed the next key, selections on shared lines, status
lines, and the 80x24 layout."""
from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import Input

from sto_qual.tui.modals import ChoiceModal, TextPrompt
from sto_qual.tui.screens.codebook import CodebookScreen
from sto_qual.tui.widgets.panels import HerePanel, StatusLine
from sto_qual.tui.widgets.transcript import TranscriptView
from test_tui_coder import mine, open_coder
from tui_support import headless, open_codebook, open_dashboard, run, until

SMALL = (80, 24)


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def test_adding_a_code_types_after_the_parent_keeps_a_bad_name_and_focuses_the_form(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_codebook(pilot)
            assert screen.current == "urgentie"
            await pilot.press("n")
            await pilot.pause()
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            inp = prompt.query_one(Input)
            assert inp.value == "urgentie/" and inp.cursor_position == len("urgentie/")
            assert inp.selected_text == ""
            await pilot.press(*"huisvesting", "enter")
            await pilot.pause()
            assert tui_ws.code("urgentie/huisvesting").parent == "urgentie"  # not a new top-level code
            assert app.screen is screen and screen.current == "urgentie/huisvesting"
            assert screen.focused is screen.query_one("#f-label", Input)  # letters now type, not n/r/m/g
            said = [n.message for n in app._notifications if n.message.startswith("added urgentie/huisvesting")]
            assert said and "now in its Label field" in said[0] and "esc back to the tree" in said[0]  # said so
            await pilot.press(*"Huisvesting")
            assert screen.query_one("#f-label", Input).value == "Huisvesting"
            before = {c.path for c in tui_ws.codebook()}
            # a refused name: the dialog stays, with the reason and the text as typed
            screen.query_one("#cb-tree").focus()
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*"!!", "enter")
            await pilot.pause()
            prompt = app.screen
            assert isinstance(prompt, TextPrompt)
            assert prompt.query_one(Input).value == "urgentie/!!"  # (n on a sub-code starts a sibling)
            error = prompt.query_one("#prompt-error")
            assert error.display and "needs letters or digits" in str(error.render())
            assert {c.path for c in tui_ws.codebook()} == before
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
    run(scenario)


def test_the_star_chooser_passes_on_a_key_it_does_not_use(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down", "down")
            s, e = view.selection
            await pilot.press("1", "2")  # two codes of mine on this sentence
            here = [c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]
            assert len(here) == 2
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("u")  # meant as undo: closes the chooser and undoes
            await pilot.pause()
            assert not isinstance(app.screen, ModalScreen)
            assert len([c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]) == 1
            assert screen._last_action.startswith("Undid: ")
            await pilot.press("2", "x")  # two again: x asks which; its number key chooses
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("1")
            await pilot.pause()
            assert not isinstance(app.screen, ModalScreen)
            assert len([c for c in mine(tui_ws) if (c.start, c.end) == (s, e)]) == 1
    run(scenario)


def test_a_chooser_left_open_for_another_screen_does_not_come_back_over_another_interview(tui_ws):
    """A coder pressed s on a passage with two of her codings, went to F2 with the chooser open and
    opened another interview: the chooser came back over it, still R01's, and a number key there
    starred a coding in R01 while the screen showed the other interview."""
    from sto_qual.tui.screens.coder import CoderScreen

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "down", "1", "2")  # two codes of mine on this sentence
            starred = {c.id for c in mine(tui_ws) if c.starred}
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("f2")
            await pilot.pause()
            app.open_document(tui_ws.document("R02").id)  # as Enter on a row of F2 does
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen) and app.screen.doc.name == "R02", app.screen
            await pilot.press("1")
            await pilot.pause()
            assert {c.id for c in mine(tui_ws) if c.starred} == starred
            assert screen is app.screen
    run(scenario)


def test_a_chooser_says_in_the_status_line_what_it_is_for_and_when_it_closed(tui_ws):
    """Two suggestions on one sentence: `a` opens a small chooser; the status line names it and
    its keys, and says so when an unrelated key closed it without a choice."""
    unit = tui_ws.units("R01")[20]  # the seed suggests docententekort here
    tui_ws.review_service.propose([(unit.id, "urgentie/arbeidsmarkt", "rule", "trefwoord: arbeidsmarkt", None)])

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            status = screen.query_one(StatusLine)
            screen.view.move_to_unit(20)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            # numbered by the codes' own number keys: "2" is the same code here as in the tree
            keys = app.screen.keys
            quick = list(screen.code_tree.quick)
            codes = [sg.code for sg in screen._suggestions_here()]
            assert all(k and (c not in quick[:9] or k == str(quick.index(c) + 1)) for k, c in zip(keys, codes)), \
                (keys, codes, quick)
            # which one Enter takes is said (a coder could not tell a code without a key from the rest)
            assert f"Accept which suggestion? {', '.join(keys)} or Enter (the highlighted one, ↑↓) chooses · Esc " \
                "cancels" in str(status.render())
            await pilot.press("j")  # unrelated: closes the chooser and moves on, as before
            await pilot.pause()
            assert not isinstance(app.screen, ModalScreen) and screen.view.cursor_index == 21
            assert "Chooser closed: no suggestion accepted" in str(status.render())
            assert len(tui_ws.suggestions(doc="R01", status="pending")) == 4
            await pilot.press("k", "a", keys[1])  # the code's number key chooses
            await pilot.pause()
            assert screen._last_action.startswith("Accepted: ") and "on R01, sentence 21" in screen._last_action
            assert len(tui_ws.suggestions(doc="R01", status="pending")) == 3
    run(scenario)


def test_a_short_sentence_on_a_shared_line_is_unmistakable(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            units = view.doc.units
            i = next(k for k, u in enumerate(units) if view.doc.text[u.start:u.end] == "Dat is—")
            view.move_to_unit(i)
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "2 words, 7 chars selected" in status
            here = str(screen.query_one(HerePanel).render())
            assert "Selected (2 words, 7 chars):\n“Dat is—”" in here
            s = units[i].start
            view.select_span(s, s + 3)  # "Dat": the singular
            await pilot.pause()
            assert "1 word, 3 chars selected" in str(screen.query_one(StatusLine).render())
    run(scenario)


def test_status_lines_say_what_changed_and_agree_with_popups(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down", "down", "down")
            n = view.cursor_index + 1
            await pilot.press("1")
            # (sentence 4 of the fixture's R01 is the interviewer's question: said, with why)
            assert screen._last_action == (f"Coded: Urgentie on R01, sentence {n}, the interviewer's words only (the "
                                           "chapter quotes no question; u undoes)")
            await pilot.press("u")
            await pilot.pause()
            assert screen._last_action == f"Undid: coding of ‘Urgentie’ on R01, sentence {n}"  # what the step was
            await pilot.press("x")  # nothing of mine here: the popup and the status say the same
            await pilot.pause()
            popup = list(app._notifications)[-1].message
            assert screen._last_action == popup
            assert popup in str(screen.query_one(StatusLine).render())
    run(scenario)


def test_80x24_footer_tree_and_dashboard(tui_ws):
    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await open_coder(pilot)
            lines = screen_lines(app)
            for _ in range(50):  # on a busy machine the footer may be painted a moment later
                if lines[-1].strip():
                    break
                await pilot.pause(0.02)
                lines = screen_lines(app)
            seen = "\n".join(lines)  # the screen, to read when this fails
            assert lines[-1].rstrip().endswith("^p palette"), seen  # nothing after it
            assert lines[-1].startswith("f1 All keys 1-9 Code"), seen  # too narrow for every key: help first
            assert any("Financieringsonzekerheid" in line for line in lines), seen
            await pilot.press("tab", "right")  # expand urgentie: sub-code names whole too

            def whole(*names):  # once the tree has grown to its new height (later on a busy machine)
                return all(any(name in line for line in screen_lines(app)) for name in names)
            await until(pilot, lambda: whole("Behoud van het techniekaanbod", "Verschuiving van de urgentie"))
            lines = screen_lines(app)
            assert any("Behoud van het techniekaanbod" in line for line in lines), "\n".join(lines)
            assert any("Verschuiving van de urgentie" in line for line in lines), "\n".join(lines)
            await open_dashboard(pilot)
            lines = screen_lines(app)
            assert any("de meeste" in line for line in lines), "\n".join(lines)  # the wording column is readable
            # whose codings the counts are stays in view (the line was cut after "coded by")
            assert any("interviews · all coders merged ·" in line for line in lines), "\n".join(lines)
    run(scenario)


def test_a_narrow_codebook_tree_shortens_names_never_counts(tui_ws):
    import re

    from sto_qual.tui.widgets.codetree import CodeTree

    doc = tui_ws.documents()[0]
    for u in tui_ws.units(doc.id)[:43]:  # a two-digit count on a long name
        tui_ws.assign_code(doc.id, "collectief-optrekken/afspraken-concurrentie", unit=u.id, coder="tester")

    async def scenario():
        async with headless(tui_ws, size=SMALL) as (app, pilot):
            await pilot.press("f7")
            await pilot.pause()
            assert isinstance(app.screen, CodebookScreen)
            tree = app.screen.query_one(CodeTree)
            for code in ("urgentie", "collectief-optrekken"):
                tree._code_nodes[code].expand()
            await pilot.pause()
            await pilot.pause()
            # sub-codes: their own number of codings (a cut "43" would read "4")
            counts = {c.label or c.name: c.codings for c in tui_ws.codebook() if "/" in c.path}
            shown = 0
            for line in screen_lines(app):
                m = re.search(r"■ (.+?) (\d+|·)\s*▎", line)
                if not m:
                    continue
                name, count = m.group(1), m.group(2)
                full = next((k for k in counts if k == name or (name.endswith("…") and k.startswith(name[:-1]))), None)
                if full is None:
                    continue  # a theme
                assert count == (str(counts[full]) if counts[full] else "·"), line
                shown += 1
            assert shown >= 8
    run(scenario)


def test_the_footer_shows_the_screens_keys_and_moving_about_does_not_rebuild_it(tui_ws):
    """The footer lists the keys the screen binds (remapped keys as remapped), and is rebuilt
    only when those change: moving through the transcript or between the panes keeps the very
    same key widgets, which is what keeps a held arrow key cheap."""
    from textual.widgets._footer import FooterKey

    from sto_qual.tui.widgets.footer import KeyFooter

    def shown(screen) -> list[str]:
        return [key.key for key in screen.query_one(KeyFooter).query(FooterKey)]

    def bound(screen) -> list[str]:
        by_action: dict[str, str] = {}
        for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, binding.key)
        return [*by_action.values(), "ctrl+p"]

    async def scenario():
        async with headless(tui_ws, size=(160, 40)) as (app, pilot):  # wide enough for every key
            screen = await open_coder(pilot)
            assert await until(pilot, lambda: shown(screen) == bound(screen))
            assert "s" in shown(screen) and "U" in shown(screen) and "d" in shown(screen)  # redo, document
            keys = list(screen.query_one(KeyFooter).query(FooterKey))
            await pilot.press("down", "down", "tab", "down", "tab", "up")
            await pilot.pause()
            assert list(screen.query_one(KeyFooter).query(FooterKey)) == keys  # the same widgets
            await pilot.press("f7")
            await pilot.pause()
            assert isinstance(app.screen, CodebookScreen)
            assert await until(pilot, lambda: shown(app.screen) == bound(app.screen))
            assert shown(app.screen) != shown(screen)
    run(scenario)


def test_a_chooser_numbers_codes_by_their_own_number_keys():
    """The x chooser numbered its codes 1, 2, 3 in order, so a coder who knows '2 = Vmbo' removed
    another code. A code keeps its tree key; one without a key gets a digit no code uses."""
    from sto_qual.tui.modals.choice import code_keys
    quick = ["urgentie", "vmbo-in-the-lead", "collectief-optrekken", "financieringsonzekerheid"]
    assert code_keys(["urgentie", "collectief-optrekken"], quick) == ["1", "3"]
    assert code_keys(["urgentie/docententekort", "vmbo-in-the-lead"], quick) == ["5", "2"]
    assert code_keys(["urgentie", "urgentie"], quick) == ["1", "5"]  # two codings of one code
    assert code_keys(["x"], [f"c{i}" for i in range(9)]) == [""]  # no free digit: Enter chooses


def test_the_suggestion_chooser_names_each_sentence_and_can_take_them_all(tui_ws):
    """Two sentences selected, each with a suggestion of the same code: `a` listed two rows that
    read the same, and there was no way to accept both."""
    units = tui_ws.units("R01")[30:32]
    tui_ws.review_service.propose([(u.id, "urgentie/arbeidsmarkt", "rule", "trefwoord: arbeidsmarkt", None)
                                   for u in units])

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            screen.view.move_to_unit(30)
            await pilot.press("shift+down")
            await pilot.pause()
            here = [sg for sg in screen._suggestions_here() if sg.code == "urgentie/arbeidsmarkt"]
            assert len(here) == 2
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            texts = [str(o.text(" ")) for o in app.screen.options]
            assert "sentence 31" in " ".join(texts) and "sentence 32" in " ".join(texts), texts
            assert texts[-1].strip().endswith("one step: u takes them back") or "All " in texts[-1], texts
            app.screen.dismiss("all")
            await pilot.pause()
            n = len(app.screen.options) - 2 if isinstance(app.screen, ChoiceModal) else len(texts) - 2
            assert screen._last_action.startswith("Accepted: ") and f"and {n} more suggestion" in screen._last_action
            left = {s.id for s in tui_ws.suggestions(doc="R01", status="pending")}
            assert not left & {sg.id for sg in screen._suggestions_here()}  # every one on the selection taken
    run(scenario)


def test_a_very_long_code_label_is_cut_and_the_dashboards_figures_stay_in_view(tui_ws):
    """A code labelled with a sentence pushed every column after Code off the Themes table at
    120 columns (F5 and F9 cut such a label with "…")."""
    long = "Een heel erg lange code naam die maar doorgaat en doorgaat zonder ooit op te houden, echt waar"
    tui_ws.add_code("urgentie/lang", label=long)
    doc = tui_ws.documents()[0]
    tui_ws.assign_code(doc.id, "urgentie/lang", unit=tui_ws.units(doc.id)[3].id)

    async def scenario():
        async with headless(tui_ws, size=(120, 40)) as (app, pilot):
            await open_dashboard(pilot)
            lines = screen_lines(app)
            seen = "\n".join(lines)
            header = next(line for line in lines if "Interviews" in line and "Wording" in line)
            assert "Codings" in header and "Words" in header, seen
            row = next(line for line in lines if "Een heel erg lange" in line)
            assert "…" in row and long not in row and "van 3" in row, seen
    run(scenario)


def test_a_chooser_without_numbers_does_not_ask_for_its_number(tui_ws):
    """With every digit taken by the tree's keys, x listed two codes without numbers and said
    "its number or Enter to choose"."""
    from textual.widgets import Static

    from sto_qual.tui.modals.choice import ChoiceModal
    from sto_qual.tui.modals.picker import PickOption

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            options = [PickOption("a", "Ieder voor zich", None, "a"), PickOption("b", "Contacten met het po", None, "b")]
            for keys, said in ((["", ""], "↑↓ and Enter to choose"), (["1", ""], "its number or Enter to choose")):
                app.push_screen(ChoiceModal("Remove which coding?", options, keys=keys))
                await pilot.pause()
                help_line = str(app.screen.query_one(".dialog-help", Static).render())
                assert help_line.startswith(said), help_line
                await pilot.press("escape")
                await pilot.pause()
    run(scenario)
