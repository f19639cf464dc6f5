"""Pilot tests for three things a coder coming from NVivo/MAXQDA expects: the documents filter's
words find the transcripts that hold them (and open on the first sentence found), a code typed in
the picker that does not exist yet can be created and applied at once, and hiding the other
coders' codings (`o`) is kept for that coder, with the codebook tree counting the coder's own."""
from __future__ import annotations

from textual.widgets import DataTable, Input

from sto_qual.domain.errors import CodebookError
from sto_qual.services import Workspace
from sto_qual.tui.modals import ConfirmModal, PickerModal
from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.settings import Settings
from sto_qual.tui.widgets.panels import StatusLine
from test_tui_coder import mine, open_coder
from tui_support import headless, run, until


async def filtered(pilot, text: str) -> list[str]:
    """Type ``text`` into the documents filter (instead of what it held); the names listed once
    every word was searched."""
    screen = pilot.app.screen
    await pilot.press("slash", "ctrl+u", *text)
    assert await until(pilot, lambda: screen._filled == text and not screen._searching)
    screen.query_one(DataTable).focus()  # to the list, as a click does (Enter would open the top one)
    await pilot.pause()
    return [d.name for d in screen._shown]


def test_enter_in_the_filter_opens_the_first_sentence_found_as_the_line_says(tui_ws):
    """A coder typed a word in F2's filter and pressed Enter, as the line under it said ("Enter
    opens the first sentence found"): nothing visible happened (the Enter only moved to the list)
    and a second Enter opened. One Enter opens it, also while the transcripts are still being
    searched (it opens once the filter is shown)."""
    [hit] = tui_ws.search("lumpsum")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.pause()
            await pilot.press("slash", *"lumpsum", "enter")
            assert await until(pilot, lambda: isinstance(app.screen, CoderScreen))
            await pilot.pause()
            assert app.screen.doc.name == "R01" and app.screen.view.selection == (hit["start"], hit["end"])
    run(scenario)


def test_a_filter_on_an_attribute_no_document_has_says_so(tui_ws):
    """F2 with "regiotype=krimp" said only "0 of 3 documents", a typo read as a count of none;
    F5 and the command line name the key it likely mistypes."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.pause()
            screen = app.screen
            assert await filtered(pilot, "regiotype=krimp") == []
            summary = str(screen.query_one("#doc-summary").render())
            assert "0 of 3 documents · no document has the attribute 'regiotype' (did you mean region_type?)" in summary
            assert await filtered(pilot, "lumpsum zzzz") == []  # free words found nowhere: the count says it
            assert "no document has" not in str(screen.query_one("#doc-summary").render())
            # and that a word is whole: "financi" found nothing, and nothing hinted at "financi*"
            assert "0 of 3 documents · words are whole: zzzz* finds words starting with it" in str(
                screen.query_one("#doc-summary").render())
            assert await filtered(pilot, "financi") == []
            assert "words are whole: financi* finds" in str(screen.query_one("#doc-summary").render())
            assert await filtered(pilot, "financi*")
    run(scenario)


def test_at_80_columns_a_mistyped_filter_key_still_says_what_it_likely_means(tui_ws):
    """At 80 columns F2 kept "0 of 3 documents · no document has the attribute 'regiotype'" and
    dropped "(did you mean region_type?)", the part that says what to type."""
    async def scenario():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            await pilot.pause()
            assert await filtered(pilot, "regiotype=krimp") == []
            summary = str(app.screen.query_one("#doc-summary").render())
            assert "no document has the attribute 'regiotype' (did you mean region_type?)" in summary, summary
    run(scenario)


def test_the_filter_words_find_the_documents_whose_text_holds_them(tui_ws):
    [hit] = tui_ws.search("lumpsum")  # the search `sto-qual search` runs: one sentence of R01

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.pause()
            screen = app.screen
            assert await filtered(pilot, "lumpsum") == ["R01"]
            table = screen.query_one(DataTable)
            assert [str(c.label) for c in table.ordered_columns][:2] == ["Document", "Sentences found"]
            assert str(table.get_row_at(0)[1]).strip() == "1"
            summary = str(screen.query_one("#doc-summary").render())
            assert "1 of 3 documents (1 sentence found)" in summary
            # Enter opens the coder with the sentence found selected
            await pilot.press("enter")
            await pilot.pause()
            coder = app.screen
            assert isinstance(coder, CoderScreen) and coder.doc.name == "R01"
            assert coder.view.selection == (hit["start"], hit["end"])
            assert "lumpsum" in coder.doc.text[slice(*coder.view.selection)]
            # the coder's / starts from the word F2 searched for (a newcomer found it empty)
            assert "/ finds it again" in str(coder.query_one("#coder-status").render())
            await pilot.press("slash")
            await pilot.pause()
            from textual.widgets import Input
            assert app.screen.query_one(Input).value == "lumpsum"
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            # several words: each must be in the document, in its text or its attributes, as before
            assert await filtered(pilot, "") == ["R01", "R02", "R07"]
            assert await filtered(pilot, "LUMPSUM eiland") == ["R01"]  # a word of the text, an attribute
            assert await filtered(pilot, "lumpsum krimp") == []  # R02 is krimp, but has no lumpsum
            # a name still matches as a part of a word, and without a sentence found no column
            assert await filtered(pilot, "R0") == ["R01", "R02", "R07"]
            assert "found" not in [c.key.value for c in table.ordered_columns]
            await pilot.press("enter")  # opens as before: no sentence to go to
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
    run(scenario)


def test_the_picker_lists_what_holds_the_typed_letters_together_first(tui_ws):
    """`c` and "financ" listed "Afspraken over concurrentie" beside the financing codes (its letters
    f-i-n-a-n-c scattered through "afspraken … concurrentie"), and a coder could not see why. What
    holds the typed text is listed alone; letters in order anywhere only when nothing holds them."""
    from textual.widgets import OptionList

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("c", *"financ")
            await pilot.pause()
            assert isinstance(app.screen, PickerModal)
            shown = [o.id for o in app.screen.query_one(OptionList)._options]
            codes = [v for v in shown if not v.startswith("\x00")]
            assert codes and all(c.startswith("financieringsonzekerheid") for c in codes), shown
            await pilot.press(*(["backspace"] * 6), *"fnnzkr")  # no code holds it: the letters in order
            await pilot.pause()
            shown = [o.id for o in app.screen.query_one(OptionList)._options]
            assert any(v.startswith("financieringsonzekerheid") for v in shown), shown
            await pilot.press("escape")
    run(scenario)


def test_the_picker_lists_the_codes_applied_last_first_so_c_enter_applies_the_last_again(tui_ws):
    """Nine number keys for 23 codes: a code off the keys took the picker and typing, 7 to 9 keys,
    each time again. Before anything is typed the picker lists the codes applied last first,
    marked "recent", most recent on top; typing filters as before."""
    from textual.widgets import OptionList

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("c", *"docententekort", "enter")  # applied from the picker
            await pilot.pause()
            first = max(mine(tui_ws), key=lambda c: c.id)
            await pilot.press("down", "down", "c")
            await pilot.pause()
            listed = app.screen.query_one(OptionList)._options
            assert listed[0].id == first.code and "recent" in str(listed[0].prompt), listed[0].prompt
            assert [o.id for o in listed].count(first.code) == 1
            await pilot.press("enter")
            await pilot.pause()
            again = max(mine(tui_ws), key=lambda c: c.id)
            assert again.id != first.id and again.code == first.code and again.start > first.start
            await pilot.press("down", "c", *"krimp")  # typed: filtered as before, no recent first
            await pilot.pause()
            assert all("krimp" in o.id for o in app.screen.query_one(OptionList)._options if "\x00" not in o.id)
            await pilot.press("escape")
            assert isinstance(app.screen, CoderScreen) and screen is app.screen
    run(scenario)


def test_a_name_no_code_holds_asks_to_add_it_and_d_starts_on_the_open_interview(tui_ws):
    """A researcher typed `c` "verdeling" Enter: no code holds the word, the picker listed "Uitgestelde
    investeringen en contracten" first (its letters in order) and Enter coded it. And `d` Enter, meant to stay
    in R03, opened R01: the list started at the first interview."""
    from textual.widgets import OptionList

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("d", "down", "enter")  # the second interview
            await pilot.pause()
            assert screen.doc.name == tui_ws.documents()[1].name
            await pilot.press("down")
            before = len(mine(tui_ws))
            question = await asked_to_create(pilot, "verdeling")
            assert "verdeling" in question and len(mine(tui_ws)) == before
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("c", *"krimp")  # what holds the typed letters still comes first
            await pilot.pause()
            assert "krimp" in app.screen.query_one(OptionList)._options[0].id
            for typo, meant in (("aansluting", "urgentie/aansluiting-mbo"), ("vertrouwn", "vertrouwen")):
                await pilot.press("escape", "c", *typo)  # a typo of a code's name (a re-tester's four): it first
                await pilot.pause()
                assert meant in app.screen.query_one(OptionList)._options[0].id, typo
            await pilot.press("escape", "d")
            await pilot.pause()
            listed = app.screen.query_one(OptionList)
            assert listed._options[listed.highlighted].id == str(screen.doc.id)
            await pilot.press("down", "enter")
            await pilot.pause()
            return screen.doc.name
    assert run(scenario) == tui_ws.documents()[2].name  # the one after the open interview


async def asked_to_create(pilot, typed: str) -> str:
    """``c``, ``typed`` and Enter in the Coder: the question the picker asks about a new code."""
    await pilot.press("c", *typed, "enter")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, ConfirmModal), modal
    return modal.question


def test_enter_on_a_new_code_path_in_the_picker_creates_it_and_codes_the_selection(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "down", "down")
            s, e = screen.view.selection
            before = len(mine(tui_ws))
            assert await asked_to_create(pilot, "urgentie/huisvesting") == (
                "Create code 'urgentie/huisvesting' under Urgentie and apply it to R01, sentence 4?")
            await pilot.press("y")
            await pilot.pause()
            assert app.screen is screen
            code = tui_ws.code("urgentie/huisvesting")
            assert code.parent == "urgentie"
            new = [c for c in mine(tui_ws) if c.code == "urgentie/huisvesting"]
            assert [(c.start, c.end) for c in new] == [(s, e)] and len(mine(tui_ws)) == before + 1
            assert "urgentie/huisvesting" in screen.codes
            assert any(m.code == "urgentie/huisvesting" for m in screen.view.marks_in(s, e))
            assert screen._last_action == ("Created urgentie/huisvesting and coded R01, sentence 4, the interviewer's "
                                           "words only (u undoes the coding; the code stays until F7 deletes it)")
            # (sentence 4 is a question; u took back the coding only, and a new user read "it" as both)
            assert await until(pilot, lambda: screen.code_tree.code_at_cursor() == "urgentie/huisvesting")
            # the picker offers it like any other code now: no new one
            await pilot.press("down", "c", *"urgentie/huisvesting")
            await pilot.pause()
            assert [o.value for o in app.screen._shown][:1] == ["urgentie/huisvesting"]
            assert not any(o.value.startswith("\x00") for o in app.screen._shown)
            await pilot.press("escape")
            # and c, Enter applies it again, as after any coding: a newcomer's c Enter after creating one
            # applied the code coded before it (the new one was left off the "recent" list)
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert screen._last_action.startswith("Coded: Huisvesting on R01, sentence 5"), screen._last_action
    run(scenario)


def test_a_new_theme_from_the_picker_says_how_a_sub_code_is_made(tui_ws):
    """A coder who typed "Reistijd leerlingen" meaning a sub-code was asked only to create it "as a
    new theme": the question names the sub-code to type, under the theme the tree is on."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.pause()
            tree = screen.code_tree
            tree.select_code("collectief-optrekken/contacten-po")
            tree.call_after_refresh(tree.select_code, "collectief-optrekken/contacten-po")
            assert await until(pilot, lambda: screen.code_tree.code_at_cursor() == "collectief-optrekken/contacten-po")
            assert await asked_to_create(pilot, "Reistijd leerlingen") == (
                "Create code 'reistijd-leerlingen' as a new theme (for a sub-code type "
                "collectief-optrekken/reistijd-leerlingen) and apply it to R01, sentence 1?")
            await pilot.press("n")
            await pilot.pause()
            assert "reistijd-leerlingen" not in [c.path for c in tui_ws.codebook()]
    run(scenario)


def test_a_new_code_with_nearly_the_name_of_one_there_is_asked_about(tui_ws):
    """A new user typed "docenttekort" in the picker, Enter on "+ New code", and had a new theme
    beside Docententekort, unasked (`code-add` made it unsaid too)."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("c", *"docenttekort")  # the picker's first line is Docententekort; below it, + New code
            await pilot.pause()
            assert app.screen._shown[0].value == "urgentie/docententekort"
            await pilot.press("down", "enter")
            await pilot.pause()
            question = app.screen.question
            assert question.endswith("\n\nThe code urgentie/docententekort (Docententekort) has nearly that name: "
                                     "a typo?"), question
            await pilot.press("n")
            await pilot.pause()
            # a series of names a part apart is no typo
            await pilot.press("c", *"collectief-optrekken/contacten-mbo")
            await pilot.pause()
            await pilot.press(*(["down"] if not app.screen._shown[0].value.startswith("\x00") else []), "enter")
            await pilot.pause()
            assert "nearly" not in app.screen.question
            await pilot.press("n")
    run(scenario)


def test_a_refused_new_code_says_what_the_codebook_screen_says_and_no_creates_nothing(tui_ws):
    def refusal(path: str) -> str:
        try:
            tui_ws.add_code(path)
        except CodebookError as exc:
            return str(exc)
        raise AssertionError(f"{path} was added")

    missing_parent, bad_slug = refusal("onbekend/iets"), refusal("!!!")
    codes = [c.path for c in tui_ws.codebook()]

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            before = len(mine(tui_ws))
            said = []
            for typed in ("onbekend/iets", "!!!"):
                await pilot.press("c", *typed, "enter")
                await pilot.pause()
                # no question asked (the name cannot be a code): the picker again, with the name as
                # typed to correct (it closed, and the typing was lost)
                assert isinstance(app.screen, PickerModal) and app.screen.query_one(Input).value == typed
                said.append(screen._last_action)
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen
            await pilot.press("c", *"vmbo-in-the-lead/nieuw", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            return said, before
    said, before = run(scenario)
    assert said == [missing_parent, bad_slug]
    assert [c.path for c in tui_ws.codebook()] == codes  # the checks added nothing, nor did "n"
    assert len(mine(tui_ws)) == before


def test_the_picker_offers_a_new_name_only_when_no_code_has_it(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("c", *"docent")
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, PickerModal)
            shown = [o.value for o in picker._shown]
            assert shown[0] == "urgentie/docententekort" and shown[-1] == "\x00new:docent"  # Enter: the match
            await pilot.press("ctrl+u", *"Urgentie")  # a code's label: no new code of that name
            await pilot.pause()
            assert not any(o.value.startswith("\x00") for o in picker._shown)
            await pilot.press("escape")
    run(scenario)


def tree_count(screen: CoderScreen, path: str) -> int:
    """The count the codebook tree shows beside a code (0 for "·")."""
    last = screen.code_tree._code_nodes[path].label.plain.split()[-1]
    return 0 if last == "·" else int(last)


def test_hiding_the_other_coders_is_kept_per_coder_and_the_tree_counts_their_own(tui_project):
    second = Settings(coder="onderzoeker-b")

    async def coder_b(ws, press_o: bool):
        async with headless(ws, settings=second) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            if press_o:
                await pilot.press("o", "y")
                await pilot.pause()
            own = [c for c in ws.codings(doc="R02") if c.coder == "onderzoeker-b"]
            status = str(screen.query_one("#coder-status").render())
            return (screen.show_others, tree_count(screen, "urgentie"), screen._last_action, status,
                    sum(c.code.split("/")[0] == "urgentie" for c in own),
                    {m.coder for m in screen.view.marks_in(0, len(screen.doc.text))})

    async def coder_a(ws):
        async with headless(ws) as (app, pilot):
            screen = await open_coder(pilot, "R02")
            return screen.show_others, tree_count(screen, "urgentie")

    ws = Workspace.open(tui_project)
    everyone = sum(c.code.split("/")[0] == "urgentie" for c in ws.codings(doc="R02"))
    shown, count, said, _status, own, coders = run(lambda: coder_b(ws, press_o=True))
    assert not shown and count == own < everyone and coders == {"onderzoeker-b"}
    assert said == "Other coders hidden: marks and tree counts are yours only (kept for this project)"
    ws.close()

    ws = Workspace.open(tui_project)  # a restart: still blind, and the tree still counts b's own
    shown, count, _said, status, own, coders = run(lambda: coder_b(ws, press_o=False))
    assert not shown and count == own and coders == {"onderzoeker-b"}
    assert "(others hidden)" in status
    assert run(lambda: coder_a(ws)) == (True, everyone)  # the first coder's own choice: everyone's
    shown, count, said, _status, _own, coders = run(lambda: coder_b(ws, press_o=True))  # o again: shown
    assert shown and count == everyone and coders == {"onderzoeker-a", "onderzoeker-b"}
    assert said == "Other coders shown: marks and tree counts are every coder's (kept for this project)"
    ws.close()
    ws = Workspace.open(tui_project)
    assert run(lambda: coder_b(ws, press_o=False))[0] is True
    ws.close()


def test_a_coder_coding_blind_sees_her_own_codings_in_the_document_list(tui_project):
    """With the others hidden (o in the Coder) F2 still counted every coder's codings: "R02 …
    Codings 45", and "45 codings by all coders"; and marked R02 ✎ for a colleague's memo on it."""
    from textual.widgets import DataTable, Static

    from sto_qual.services.tui_support import keep_others_hidden
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    ws.set_document_memo("R02", "Let op de regio-indeling.", coder="onderzoeker-a")
    mine = sum(1 for c in ws.codings(doc="R02") if c.coder == "onderzoeker-b")
    everyone = len(ws.codings(doc="R02"))
    assert 0 < mine < everyone

    async def listed(settings):
        async with headless(ws, settings=settings) as (app, pilot):
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            row = next(table.get_row_at(i) for i in range(table.row_count) if "R02" in str(table.get_row_at(i)[0]))
            return [str(c).strip() for c in row], str(app.screen.query_one("#doc-summary", Static).render())
    row, summary = run(lambda: listed(Settings(coder="onderzoeker-b")))
    assert str(mine) in row and str(everyone) not in row and "of yours (others hidden)" in summary
    assert row[0] == "R02"  # a colleague's memo: no ✎ for a coder coding blind
    row, summary = run(lambda: listed(Settings(coder="onderzoeker-a")))  # the first coder sees everyone's
    assert str(everyone) in row and "by all coders" in summary and row[0] == "R02 ✎"
    ws.close()


def test_a_coder_new_to_a_project_others_coded_starts_blind_and_stays_so(tui_project):
    """A second coder opening the workbench saw the first coder's codings (F2's "R01 … 18% 7",
    the Coder's tree counts) before she could hide them: independent double coding starts
    unseen now, said once, and kept as her choice after she codes."""
    from textual.widgets import Static

    ws = Workspace.open(tui_project)
    r02 = sum(1 for c in ws.codings(doc="R02"))
    assert r02 and "bram" not in ws.session.coder_names()

    async def opened(coder):
        async with headless(ws, settings=Settings(coder=coder), size=(80, 24), toasts=True) as (app, pilot):
            await pilot.pause()
            said = [n.message for n in app._notifications if n.message.startswith("Coding blind")]
            # at 80x24 the toast covered eight of the Documents list's rows for its ten seconds
            from textual.widgets._toast import Toast, ToastRack
            covered = [t.region.height for t in app.screen.get_child_by_type(ToastRack).query(Toast)] if said else []
            summary = str(app.screen.query_one("#doc-summary", Static).render())
            coder = await open_coder(pilot, "R02")
            marks = list(coder.view.marks_in(0, len(coder.view.doc.text)))
            if said:  # `o` shows the others: the toast saying they are hidden goes with it
                await pilot.press("o", "y")
                await pilot.pause()
                assert "Other coders shown" in str(app.screen.query_one(StatusLine).render())
                assert not [n for n in app._notifications if n.message.startswith("Coding blind")]
                await pilot.press("o")
            return said, summary, marks, covered
    said, summary, marks, covered = run(lambda: opened("bram"))
    assert said and "o in the Coder shows them" in said[0] and covered and max(covered) <= 5, covered
    assert "(yours)" in summary and marks == []  # (at 80 columns the list's line says it short)
    ws.assign_code("R02", "urgentie", unit=ws.units("R02")[3].id, coder="bram")
    said, summary, marks, _covered = run(lambda: opened("bram"))  # she has codings now: still her choice, said no more
    assert not said and "(yours)" in summary and {m.coder for m in marks} == {"bram"}
    # a coder with codings of her own, back while bram codes blind, starts blind too, and is told why: she
    # saw his codings on her screen unwarned (the first coder of a pair was never blind)
    said, summary, _marks, _covered = run(lambda: opened("onderzoeker-a"))
    assert said == ["Coding blind (onderzoeker-a): others' codings are hidden (bram codes blind here); o in the "
                    "Coder shows them"] and "(yours)" in summary
    ws.close()


def test_a_window_open_from_before_hides_the_others_once_a_second_coder_begins_blind(tui_project):
    """Her workbench open from before the second coder began coding blind showed his codings as he
    made them (her tree counted them, her transcript marked them): the window hides them from his
    first coding on, as her next opening would, and says why."""
    from tui_support import elsewhere
    ws = Workspace.open(tui_project)

    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-a"), watch=0.05) as (app, pilot):
            coder = await open_coder(pilot, "R02")
            assert coder.show_others and {m.coder for m in coder.view.marks_in(0, len(coder.view.doc.text))} \
                == {"onderzoeker-a", "onderzoeker-b"}
            # bram opens the workbench (blind: a new coder) and codes in R02
            assert elsewhere(tui_project, lambda other: other.session.start_blind("bram"))
            elsewhere(tui_project, lambda other: other.assign_code("R02", "urgentie", unit=other.units("R02")[3].id,
                                                                   coder="bram"))

            def said():
                return [n.message for n in app._notifications if n.message.startswith("Coding blind")]

            def hidden():  # and said: the notice is a message the app handles after the view is hidden
                return not coder.show_others and {m.coder for m in coder.view.marks_in(
                    0, len(coder.view.doc.text))} == {"onderzoeker-a"} and said()
            assert await until(pilot, hidden), (coder.show_others, app._notifications)
            return said()
    said = run(scenario)
    assert said == ["Coding blind (onderzoeker-a): bram began coding blind here, so the others' codings are hidden "
                    "now; o in the Coder shows them"], said
    ws.close()


def test_a_window_open_on_a_project_nobody_coded_hides_the_first_codings_made_elsewhere(small_ws, tmp_path):
    """Two coders opened the workbench on a fresh project; the first coding by one of them showed in the
    other's window. Hidden from then on, as her next opening would, and said without naming a blind round."""
    from tui_support import elsewhere

    async def scenario():
        async with headless(small_ws, settings=Settings(coder="anna"), watch=0.05) as (app, pilot):
            coder = await open_coder(pilot, "R90")
            assert coder.show_others
            elsewhere(small_ws.path, lambda other: other.assign_code("R90", "urgentie", unit=other.units("R90")[1].id,
                                                                     coder="bram"))
            said = lambda: [n.message for n in app._notifications if n.message.startswith("Coding blind")]  # noqa: E731
            # the notice is a message the app handles after the view is hidden: wait for both
            assert await until(pilot, lambda: not coder.show_others and said())
            assert not list(coder.view.marks_in(0, len(coder.view.doc.text)))  # bram's coding is not shown
            return said()
    assert run(scenario) == ["Coding blind (anna): another coder has coded here since this window opened, so the "
                             "others' codings are hidden now; o in the Coder shows them"]


def test_a_coder_coding_blind_sees_her_own_counts_in_the_picker_and_the_dashboard(tui_project):
    """A second coder with the others hidden saw "R01 · 38 codings" (every coder's) in the Coder's
    document picker (d), and F6 counted the first coder's codings per theme, with agreement."""
    from textual.widgets import Static

    from sto_qual.services.tui_support import keep_others_hidden
    from tui_support import open_dashboard
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    mine_r01 = sum(1 for c in ws.codings(doc="R01") if c.coder == "onderzoeker-b")
    everyone_r01 = len(ws.codings(doc="R01"))
    own = {r["code"]: r["documents"] for r in ws.theme_counts(coder="onderzoeker-b").to_dict("records")}
    counted = ws.counting_coder()  # what the dashboard counts for a coder who sees everyone's
    reference = {r["code"]: r["documents"] for r in ws.theme_counts(coder=counted).to_dict("records")}
    assert own != reference and mine_r01 < everyone_r01

    async def looked(coder):
        async with headless(ws, settings=Settings(coder=coder)) as (app, pilot):
            await pilot.pause()
            await open_coder(pilot, "R02")
            await pilot.press("d")
            picker = app.screen
            assert isinstance(picker, PickerModal)
            hint = next(o.hint for o in picker.options if o.label == "R01")
            await pilot.press("escape")
            dash = await open_dashboard(pilot)
            counts = {r["code"]: r["documents"] for r in dash.data.themes}
            status = str(dash.query_one("#dash-status", Static).render())
            agreement = str(dash.query_one("#dash-agreement-overall", Static).render())
            return hint, counts, status, agreement
    hint, counts, status, agreement = run(lambda: looked("onderzoeker-b"))
    assert hint.endswith(f"· {mine_r01} codings of yours"), hint
    assert counts == own and "your codings (onderzoeker-b; the others' stay hidden" in status, status
    assert "Agreement is left out while you code blind" in agreement
    hint, counts, status, agreement = run(lambda: looked("onderzoeker-a"))  # she sees everyone's, as before
    assert hint.endswith(f"· {everyone_r01} codings") and counts == reference and "your codings" not in status
    assert "Agreement is left out" not in agreement
    ws.close()


def test_a_coder_coding_blind_sees_her_own_counts_in_the_codebook_screen_too(tui_project):
    """Coding blind, F7's tree showed every coder's counts ("Urgentie 178"), which F3, F5 and F6
    hide."""
    from sto_qual.services.tui_support import keep_others_hidden
    from tui_support import open_codebook
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    mine_counts = ws.codebook_service.counts("onderzoeker-b")
    everyone = {c.path: c.codings for c in ws.codebook()}
    path = next(p for p, n in everyone.items() if n != mine_counts.get(p, 0))

    async def looked(coder):
        async with headless(ws, settings=Settings(coder=coder)) as (app, pilot):
            screen = await open_codebook(pilot)
            screen.query_one("#cb-tree").select_code(path)
            await pilot.pause()
            from textual.widgets import Static
            return dict(screen.query_one("#cb-tree")._counts), str(screen.query_one("#cb-title", Static).render())
    counts, title = run(lambda: looked("onderzoeker-b"))
    assert counts[path] == mine_counts[path] and " of yours" in title, (counts[path], title)
    counts, title = run(lambda: looked("onderzoeker-a"))  # she sees everyone's, as before
    assert counts[path] == everyone[path] and " of yours" not in title
    ws.close()


async def said_on_opening(ws, coder: str) -> list[str]:
    """The notices the workbench gives when it opens for ``coder``."""
    async with headless(ws, settings=Settings(coder=coder)) as (app, pilot):
        await pilot.pause()
        return [n.message for n in app._notifications]


def test_a_coder_started_under_her_name_before_a_rename_is_told_the_name_she_has_now(tui_project):
    """After `coder-rename onderzoeker-a onderzoeker-anna`, `tui --coder onderzoeker-a` opened as a
    new coder coding blind, without a word of the rename, and her first coding made a second coder;
    `code --coder onderzoeker-a` only noted a new coder."""
    from cli_runner import sq
    ws = Workspace.open(tui_project)
    ws.coder_service.rename_coder("onderzoeker-a", "onderzoeker-anna")
    said = run(lambda: said_on_opening(ws, "onderzoeker-a"))
    assert any(m.startswith("'onderzoeker-a' is a new coder in this project: 'onderzoeker-a' was renamed to "
                            "onderzoeker-anna. Quit (ctrl+q) and start with --coder onderzoeker-anna")
               for m in said), said
    r = sq("code", "-p", tui_project, "--doc", "R01", "--code", "urgentie", "--sentence", "5",
           "--coder", "onderzoeker-a")
    assert r.returncode == 1 and r.stderr.startswith("error: 'onderzoeker-a' was renamed to onderzoeker-anna "
                                                     "(coder-rename); nothing was coded (give --coder "
                                                     "onderzoeker-anna;"), r.stderr
    # nor does any other change under the old name make a second coder (`star`, `doc-memo` did, unsaid)
    r = sq("doc-memo", "-p", tui_project, "R01", "eilandregio", "--coder", "onderzoeker-a")
    assert r.returncode == 1 and "'onderzoeker-a' was renamed to onderzoeker-anna (coder-rename); nothing was " \
        "stored" in r.stderr, r.stderr
    assert "onderzoeker-a" not in ws.session.coder_names()
    # in other capitals it is her old name too, and a typo of a coder's name is refused as `code` refuses it
    for given, said in (("Onderzoeker-A", "was renamed to onderzoeker-anna (coder-rename)"),
                        ("onderzoeker_b", "is no coder in this project (did you mean onderzoeker-b?)")):
        for command in (("doc-memo", "R01", "eilandregio"), ("uncode", str(ws.codings(doc="R01")[0].id)),
                        ("summary", "set", "--theme", "urgentie", "Tekst")):
            r = sq(*command, "-p", tui_project, "--coder", given)
            assert r.returncode == 1 and f"'{given}' {said}; nothing was stored" in r.stderr, r.stderr
        r = sq("default-coder", given, "-p", tui_project)  # (set with a note: every command after it made one)
        assert r.returncode == 1 and f"'{given}' {said}; nothing was set" in r.stderr, r.stderr
    assert ws.session.coder_names() == ["onderzoeker-anna", "onderzoeker-b"], ws.session.coder_names()
    ws.coder_service.rename_coder("onderzoeker-anna", "onderzoeker-a")  # renamed back: her name again, no question
    assert not any("renamed" in m or "did you mean" in m for m in run(lambda: said_on_opening(ws, "onderzoeker-a")))
    ws.close()


def test_a_memo_written_under_a_former_name_is_kept_in_a_file(tui_project):
    """Started under her name from before a rename, m let her type a memo on the document; ctrl+s
    said "nothing was stored" and the text was gone (not in the project, not in a file)."""
    import shutil
    from pathlib import Path

    from textual.widgets import TextArea

    from sto_qual.tui.modals import MemoModal
    ws = Workspace.open(tui_project)
    ws.coder_service.rename_coder("onderzoeker-a", "onderzoeker-anna")

    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-a")) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            app.screen.query_one(TextArea).text = "Veerdienst bepaalt alles"
            await pilot.press("ctrl+s")
            await pilot.pause()
            said = [n.message for n in app._notifications if n.message.startswith("Your memo could not be stored")]
            assert said and "was renamed to onderzoeker-anna" in said[0], [n.message for n in app._notifications]
            kept = Path(said[0].rsplit("its text is kept in ", 1)[1])
            assert kept.read_text(encoding="utf-8").startswith("Veerdienst bepaalt alles")
            assert app.kept_files == [kept]  # named again in the terminal when the workbench quits
            # no file can be written either (the data folder's unsaved/ a file): the editor opens again
            # on her text, unsaved, for her to copy (it was dropped)
            shutil.rmtree(kept.parent)
            kept.parent.write_text("", encoding="utf-8")
            await pilot.press("m")
            await pilot.pause()
            app.screen.query_one(TextArea).text = "Tweede memo"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal), app.screen
            assert app.screen.query_one(TextArea).text == "Tweede memo" and app.screen.pending_edits()
    run(scenario)
    assert "onderzoeker-a" not in ws.session.coder_names()
    ws.close()


def test_a_misspelt_coder_is_asked_about_when_the_workbench_opens(tui_project):
    """`tui --coder onderzoekr-b` for onderzoeker-b said only "Coding blind: you have no codings
    yet"; the first coding then made a second coder, which coder-remove refuses once it has one.
    A third coder of the series, onderzoeker-c, is no typo: she was asked "did you mean
    onderzoeker-b?" as if she had made a mistake; the blind notice says she is new."""
    ws = Workspace.open(tui_project)

    def opened(coder):
        return said_on_opening(ws, coder)
    said = run(lambda: opened("onderzoekr-b"))
    assert any(m.startswith("'onderzoekr-b' is a new coder in this project: did you mean onderzoeker-b? Then quit "
                            "(ctrl+q) and start with --coder onderzoeker-b") for m in said), said
    assert not any("did you mean" in m for m in run(lambda: opened("onderzoeker-b")))  # a coder it has
    assert not any("did you mean" in m for m in run(lambda: opened("marieke-de-vries")))  # like no other
    said = run(lambda: opened("onderzoeker-c"))
    assert not any("did you mean" in m for m in said), said
    assert "Coding blind (onderzoeker-c, a new coder): others' codings are hidden; o in the Coder shows them" \
        in said, said
    ws.close()


def test_coding_blind_f5_lists_her_own_quotes_and_d_waits_for_o(tui_project):
    """Blind as onderzoeker-b, F5 listed every coder's quotes and D named the other coder's codes."""
    from textual.widgets import Select

    from sto_qual.services.tui_support import keep_others_hidden
    from tui_support import open_quotes
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)

    async def looked():
        async with headless(ws, settings=Settings(coder="onderzoeker-b")) as (app, pilot):
            await pilot.pause()
            quotes = await open_quotes(pilot)
            chosen = quotes.query_one("#quote-coder", Select).value
            coder = await open_coder(pilot, "R02")
            before = coder.view.selection
            await pilot.press("D")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            moved = coder.view.selection != before
            await pilot.press("o", "y", "D")  # the others shown: D compares, as before
            await pilot.pause()
            compared = coder._last_action
            await pilot.press("f5")  # and F5, opened blind, follows: every coder's quotes
            await pilot.pause()
            after = quotes.query_one("#quote-coder", Select).value
            return said, moved, compared, chosen, after
    said, moved, compared, chosen, after = run(looked)
    assert any(m.startswith("You code blind: D shows where another coder's codings differ from yours") for m in said)
    assert not moved and compared.startswith("Coders differ here")
    assert chosen == "onderzoeker-b"
    assert after != "onderzoeker-b"  # (it stayed on "No quotes of yours yet" after she showed the others)
    ws.close()


def test_a_new_coder_coding_blind_sees_no_quotes_of_hers_yet_not_an_error(tui_project):
    """A coder new to the project (so blind) opened F5 and got "unknown coder 'bram'", and a code
    chosen in the tree listed nothing."""
    from textual.widgets import Select, Static

    from sto_qual.tui.widgets.codetree import CodeTree
    from tui_support import open_quotes
    ws = Workspace.open(tui_project)

    async def looked():
        async with headless(ws, settings=Settings(coder="bram")) as (app, pilot):
            await pilot.pause()
            quotes = await open_quotes(pilot)
            quotes.query_one(CodeTree).focus()
            await pilot.press("down")
            await pilot.pause()
            errors = [n.message for n in app._notifications if n.severity == "error"]
            return (quotes.query_one("#quote-coder", Select).value, errors,
                    str(quotes.query_one("#quotes-summary", Static).render()), quotes.code)
    chosen, errors, summary, code = run(looked)
    assert chosen == "bram" and not errors, errors
    assert code is not None and summary.startswith(" No quotes of yours yet: you (bram) have no codings"), summary
    ws.close()


def test_coding_blind_f9_keeps_the_reference_coders_synthesis_hidden_until_o(tui_project):
    """F9 showed a second coder coding blind the reference coder's summaries and, under each code,
    in how many interviews that coder had passages: the others' coding, which F3, F5 and F6 hide.
    F9 now says why it shows nothing, and draws the grid once she shows the others (o)."""
    from textual.widgets import Static

    from sto_qual.services.tui_support import keep_others_hidden, others_hidden
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    assert ws.counting_coder() != "onderzoeker-b"

    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-b")) as (app, pilot):
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            grid = screen.query_one("#syn-grid", DataTable)
            status = str(screen.query_one("#syn-status", Static).render())
            assert not grid.display and grid.row_count == 0
            # o here is the Coder's o: said, so a second coder does not stop coding blind unknowingly
            assert ("it stays hidden while you code blind. o shows the others' work here and in the Coder alike, so "
                    "you no longer code blind") in " ".join(status.split()), status

            def offered() -> set[str]:  # what the footer offers
                return {b.action for (_n, b, _on, _tip) in screen.active_bindings.values()}
            assert "open_theme" not in offered() and "open_cell" not in offered()  # no cell to open
            for key in ("t", "enter"):  # pressed anyway (known from before): they say why, as S does
                app._notifications.clear()
                await pilot.press(key)
                assert [n.message for n in app._notifications] == [status.strip()], key
            assert "show_others" in offered()
            await pilot.press("o")  # F9's own o asks, as the Coder's does; n keeps coding blind
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("n")
            await pilot.pause()
            assert others_hidden(ws, "onderzoeker-b")
            await pilot.press("S")  # drafting everything would show it too: refused, with the reason
            assert any("stays hidden while you code blind" in n.message for n in app._notifications)
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("o", "y")  # the others shown (kept for the coder)
            assert await until(pilot, lambda: not others_hidden(ws, "onderzoeker-b"))
            await pilot.press("f9")
            assert await until(pilot, lambda: screen.query_one("#syn-grid", DataTable).row_count > 0)
            assert screen.query_one("#syn-grid", DataTable).display
            await pilot.pause()
            assert "open_theme" in offered()  # (Enter on the grid is the table's own: it opens the cell)
            assert "show_others" not in offered()
    run(scenario)
    ws.close()


def test_o_in_f9_shows_the_others_work_there_and_in_the_coder(tui_project):
    """A report writer who codes nothing opened F9 blind and had to find the Coder's o first: o
    works in F9 itself, and the Coder then shows the others' codings too (the choice is one)."""
    from sto_qual.services.tui_support import keep_others_hidden, others_hidden
    from sto_qual.tui.screens.coder import CoderScreen
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)

    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-b")) as (app, pilot):
            await pilot.press("f3")  # the Coder opened first, hiding the others
            await pilot.pause()
            coder = app.screen
            assert isinstance(coder, CoderScreen) and not coder.show_others
            await pilot.press("f9")
            await pilot.pause()
            screen = app.screen
            await pilot.press("o", "y")
            assert await until(pilot, lambda: screen.query_one("#syn-grid", DataTable).row_count > 0)
            assert not others_hidden(ws, "onderzoeker-b")
            await pilot.press("f3")
            await pilot.pause()
            assert coder.show_others and any(m.coder != "onderzoeker-b" for m in coder.view._marks)
    run(scenario)
    ws.close()


def test_a_new_coder_coding_blind_sees_no_counts_of_hers_yet_in_f6_not_an_error(tui_project):
    """F6 for a coder new to the project (so blind) said "unknown coder 'bram'" and "0 interviews ·
    all coders merged"; after o it stayed empty until ctrl+r. It says she has no codings yet, and
    after o it counts the reference coder's, as for anyone who sees the others."""
    from textual.widgets import Static

    from sto_qual.tui.screens.dashboard import DashboardScreen
    ws = Workspace.open(tui_project)
    reference = ws.counting_coder()

    async def looked():
        async with headless(ws, settings=Settings(coder="bram")) as (app, pilot):
            await pilot.pause()
            await pilot.press("f6")
            dash = app.screen
            assert isinstance(dash, DashboardScreen)
            assert await until(pilot, lambda: dash.data is not None)
            await pilot.pause()
            first = (str(dash.query_one("#dash-status", Static).render()),
                     [n.message for n in app._notifications if n.severity != "information"])
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("o", "y")
            assert await until(pilot, lambda: not others_hidden(ws, "bram"))
            await pilot.press("f6")
            assert await until(pilot, lambda: dash.data is not None and dash.data.themes and not dash.data.blind)
            return first, dash.data.counting
    from sto_qual.services.tui_support import others_hidden
    (status, said), counting = run(looked)
    assert not any("unknown coder" in m for m in said), said
    assert "no codings of yours yet (bram; the others' stay hidden while you code blind)" in status, status
    assert status.lstrip().startswith(f"{len(ws.documents())} interviews"), status
    assert counting == reference
    ws.close()


def test_a_coder_coding_blind_sees_no_suggestions_trains_none_and_f5_keeps_to_her_quotes(tui_project):
    """A second coder coding blind trained the model (F4's t) on the first coder's coding of the
    very interviews she was coding, and its ◆ showed her where that coder had coded; F5's "all
    coders" listed the first coder's quotes and counts while every other screen said she coded
    blind. Suggestions are hidden while she codes blind, and F5 lists her own quotes."""
    from textual.widgets import Select, Static

    from sto_qual.services.suggesting import BLIND_SUGGESTIONS
    from sto_qual.services.tui_support import keep_others_hidden
    from sto_qual.tui.screens.quotes import ALL
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    pending = sorted(s.id for s in ws.suggestions())
    assert any(s.doc == "R01" for s in ws.suggestions())

    async def scenario():
        async with headless(ws, settings=Settings(coder="onderzoeker-b")) as (app, pilot):
            coder = await open_coder(pilot, "R01")
            assert coder.suggestions == [] and coder.view.suggestions_in(0, len(coder.view.doc.text)) == []
            await pilot.press("n")
            await pilot.pause()
            assert any(n.message == BLIND_SUGGESTIONS for n in app._notifications)
            await pilot.press("f4")
            await pilot.pause()
            queue = app.screen
            assert queue.query_one(DataTable).row_count == 0
            assert "code blind" in str(queue.query_one("#sugg-summary", Static).render())
            await pilot.press("t")
            await pilot.pause()
            assert not queue.query_one("#sugg-progress-row").display  # nothing trained
            await pilot.press("f5")
            await pilot.pause()
            select = app.screen.query_one("#quote-coder", Select)
            select.value = ALL
            assert await until(pilot, lambda: select.value == "onderzoeker-b")
            await pilot.press("f3")
            await pilot.pause()
            await pilot.press("o", "y")  # the others shown: their suggestions too
            await pilot.pause()
            assert app.screen.suggestions
            await pilot.press("f4")
            await pilot.pause()
            assert app.screen.query_one(DataTable).row_count > 0
    run(scenario)
    assert sorted(s.id for s in ws.suggestions()) == pending  # t made and withdrew nothing
    ws.close()


def test_a_coder_coding_blind_exports_nothing_from_the_workbench(tui_project, tmp_path):
    """F8 wrote the chapter and the codings table with every coder's codings for a coder who codes
    blind (F4, F5, F6 and F9 hide them): the others' coding, read before the comparison."""
    from sto_qual.tui.screens.export import BLIND_EXPORT, ExportScreen
    ws = Workspace.open(tui_project)
    out = tmp_path / "mijn.docx"

    async def scenario():
        async with headless(ws, settings=Settings(coder="bram")) as (app, pilot):  # new here: starts blind
            await pilot.pause()
            await pilot.press("f8")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-path", Input).value = str(out)
            await pilot.press("ctrl+e")
            await pilot.pause()
            return [n.message for n in app._notifications]
    said = run(scenario)
    assert BLIND_EXPORT in said and not out.exists()
    ws.close()


def test_o_asks_before_a_blind_coder_sees_the_others(tui_project):
    """`o`, beside the coding keys, ended coding blind at once and for good."""
    ws = Workspace.open(tui_project)

    async def scenario():
        async with headless(ws, settings=Settings(coder="bram")) as (app, pilot):
            coder = await open_coder(pilot, "R02")
            await pilot.press("o")
            asked = isinstance(app.screen, ConfirmModal) and "no longer code blind" in app.screen.question
            await pilot.press("n")
            await pilot.pause()
            return asked, coder.show_others, str(coder.query_one(StatusLine).render())
    asked, shown, status = run(scenario)
    assert asked and not shown and "Still coding blind" in status, status
    ws.close()


def test_a_blind_coder_is_told_when_the_comparison_has_begun(tui_project):
    """After `agreed` was started from their codings, both coders opened the workbench blind as before,
    with no word that the comparison had begun and `o` was now harmless."""
    ws = Workspace.open(tui_project)
    assert ws.session.start_blind("bram")
    ws.assign_code("R02", "urgentie", unit=ws.units("R02")[3].id, coder="bram")
    ws.agreed.start("consensus", "onderzoeker-a", "bram")

    async def opened():
        async with headless(ws, settings=Settings(coder="bram")) as (app, pilot):
            await pilot.pause()
            return [n.message for n in app._notifications if n.message.startswith("Coding blind")]
    assert run(opened) == ["Coding blind (bram): consensus was started from your codings, so the comparison has "
                           "begun and coding blind is no longer needed; o in the Coder shows the others' codings"]
    ws.close()


def test_a_code_another_coder_created_meanwhile_is_applied_not_refused(tui_ws, tui_project):
    """Two coders typed the same new code and both said yes: the second got "code … already exists", her
    passage stayed uncoded and the picker did not open again."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            await pilot.press("down", "down", "down")
            s, e = screen.view.selection
            await asked_to_create(pilot, "urgentie/huisvesting")
            other = Workspace.open(tui_project)  # the colleague's yes came first
            other.add_code("urgentie/huisvesting", coder="bram")
            other.close()
            await pilot.press("y")
            assert await until(pilot, lambda: any(c.code == "urgentie/huisvesting" for c in mine(tui_ws)))
            assert [(c.start, c.end) for c in mine(tui_ws) if c.code == "urgentie/huisvesting"] == [(s, e)]
            assert "already exists" not in screen._last_action
    run(scenario)


def test_a_code_made_by_another_coder_between_the_check_and_the_write_is_applied(tui_ws, tui_project):
    """Both coders said yes at the same moment: the check before writing saw no code for either, and the second
    write was refused "code … already exists", her passage uncoded. The write applies the code that is there."""
    from sto_qual.services.tui_support import add_code_and_apply
    unit = tui_ws.units("R01")[5]
    other = Workspace.open(tui_project)
    other.add_code("urgentie/ouders", coder="bram")
    other.close()
    code, coding = add_code_and_apply(tui_ws, "urgentie/ouders", unit.document_id, unit.start, unit.end, "anna")
    assert code.path == "urgentie/ouders" and (coding.code, coding.start, coding.end) == (code.path, unit.start,
                                                                                         unit.end)
    try:  # a name refused for its own reason is still refused
        add_code_and_apply(tui_ws, "geen-thema/x", unit.document_id, unit.start, unit.end, "anna")
    except CodebookError as exc:
        assert "geen-thema" in str(exc)
    else:
        raise AssertionError("a code under a theme that does not exist was made")


def test_a_code_created_on_an_interviewers_sentence_says_so_as_a_number_key_does(tui_ws):
    """`c`, a new name and yes on an interviewer's question said only "Created … and coded R01, sentence 1";
    a number key there says "the interviewer's words only"."""
    from sto_qual.domain.roles import only_interviewer

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            s, e = screen.view.selection
            assert only_interviewer(screen.doc.turns, s, e)
            await asked_to_create(pilot, "urgentie/huisvesting")
            await pilot.press("y")
            await pilot.pause()
            assert screen._last_action.startswith("Created urgentie/huisvesting and coded R01, sentence 1, the "
                                                  "interviewer's words only"), screen._last_action
    run(scenario)


def test_a_coder_opening_a_restored_project_is_told_where_her_work_since_the_backup_is(tui_project, tmp_path):
    """A data-safety tester's coder reopened the workbench after `restore` on "0 codings by anna" where she had
    coded since the backup, and nothing said why: the workbench says it once, kept in ctrl+p's Last messages."""
    from sto_qual.services.safety import restore_backup, restore_changes
    from sto_qual.store import copy_database
    backup = tmp_path / "studie.backup.db"
    copy_database(tui_project, backup)
    ws = Workspace.open(tui_project)
    doc = ws.document("R01")
    ws.assign_code(doc.id, "urgentie", unit=ws.units(doc.id)[3].id, coder="onderzoeker-b")
    ws.close()
    _said, made = restore_changes(tui_project, backup)
    kept = restore_backup(tui_project, backup, said={"made": made})
    ws = Workspace.open(tui_project)
    said = run(lambda: said_on_opening(ws, "onderzoeker-b"))
    notice = next(m for m in said if m.startswith("This project was restored on "))
    assert (f"from {backup.name}: the project as it was before, with what was made after that backup (your 1 coding "
            f"among it), is kept in {kept.resolve()}: `sto-qual merge {kept.resolve()} --project ") in notice, notice
    assert not any(m.startswith("This project was restored") for m in run(lambda: said_on_opening(ws, "onderzoeker-b")))
    ws.close()
    # a copy of it (`backup -o`) was not restored: its merge of the kept file would bring another file's codings in
    copy = tmp_path / "kopie.db"
    copy_database(tui_project, copy)
    ws = Workspace.open(copy)
    assert not any(m.startswith("This project was restored") for m in run(lambda: said_on_opening(ws, "onderzoeker-a")))
    ws.close()
    ws = Workspace.open(tui_project)  # (the project itself still tells a coder who has not opened it since)
    assert any(m.startswith("This project was restored") for m in run(lambda: said_on_opening(ws, "onderzoeker-a")))
    ws.close()
