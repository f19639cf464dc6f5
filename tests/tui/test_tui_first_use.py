"""Pilot tests for what a first-time user tripped over: Esc in the memo dialog asks before
dropping typed text, Tab from the codebook tree lands in the first field, the dashboard names
its recompute key and says when it recomputed, j/k move in the theme view's list, `n` without
suggestions says why and what to do, and agreement figures never print as -0.00."""
from __future__ import annotations

from textual.widgets import DataTable, Input, OptionList, TextArea

from sto_qual.tui.modals import LeaveModal, MemoModal
from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.widgets.panels import StatusLine
from sto_qual.tui.widgets.transcript import TranscriptView
from test_tui_coder import mine, open_coder
from test_tui_synthesis_theme import in_theme_view
from tui_support import headless, open_codebook, run, until


def test_esc_in_a_changed_memo_asks_and_an_unchanged_one_just_closes(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot)
            view = screen.query_one(TranscriptView)
            await pilot.press("down", "1")  # a coding of mine to write a memo on
            coding = max(mine(tui_ws), key=lambda c: c.id)
            assert (coding.start, coding.end) == view.selection and not coding.memo

            await pilot.press("m")  # nothing typed: Esc closes at once
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen

            await pilot.press("m", *"eerste idee")
            await pilot.pause()
            memo = app.screen
            assert isinstance(memo, MemoModal)
            await pilot.press("escape")  # typed: asks instead of dropping it
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal) and "memo" in app.screen.question
            await pilot.press("escape")  # keep editing: the typing is intact
            await pilot.pause()
            assert app.screen is memo and memo.query_one(TextArea).text == "eerste idee"
            await pilot.press("escape", "d")  # discard
            await pilot.pause()
            assert app.screen is screen
            assert not next(c for c in mine(tui_ws) if c.id == coding.id).memo

            await pilot.press("m", *"tweede idee", "escape")
            await pilot.pause()
            assert isinstance(app.screen, LeaveModal)
            await pilot.press("s")  # save
            await pilot.pause()
            assert app.screen is screen
            assert next(c for c in mine(tui_ws) if c.id == coding.id).memo == "tweede idee"
    run(scenario)


def test_tab_from_the_codebook_tree_goes_to_the_first_field(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_codebook(pilot)
            assert screen.focused is screen.query_one("#cb-tree")
            await pilot.press("tab")
            label = screen.query_one("#f-label", Input)
            assert screen.focused is label
            await pilot.press(*"Urgent")  # the label's text was selected on focus: typing replaces it
            assert label.value == "Urgent" and screen.unsaved()
    run(scenario)


async def _dashboard(pilot) -> DashboardScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    assert await until(pilot, lambda: screen.data is not None)
    return screen


def test_dashboard_names_its_recompute_key_and_says_when_it_recomputed(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            status = str(screen.query_one("#dash-status").render())
            assert status.rstrip().endswith("· ctrl+r recomputes")
            assert not any("recomputed" in n.message for n in app._notifications)  # not on opening
            first = screen.data
            said: list[str] = []  # (a toast of two seconds had gone again when a loaded machine looked)
            notify = app.notify
            app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]
            await pilot.press("ctrl+r")
            assert await until(pilot, lambda: screen.data is not first)
            assert await until(pilot, lambda: any(m.startswith("recomputed: ") for m in said)), said
    run(scenario)


def test_j_and_k_move_in_the_theme_list_and_type_in_the_editor(tui_ws):
    async def body(app, pilot, view):
        items, area = view.query_one(OptionList), view.query_one(TextArea)
        assert view.focused is items and view.item == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert items.highlighted == 2 and view.item == 2
        await pilot.press("k")
        await pilot.pause()
        assert items.highlighted == 1 and view.item == 1
        before = area.text
        await pilot.press("tab", "j", "k")  # in the editor they are letters
        await pilot.pause()
        assert view.focused is area and view.item == 1 and area.text != before
        assert "jk" in area.text
    in_theme_view(tui_ws, body)


def test_next_suggestion_without_any_says_how_to_make_some(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_coder(pilot, "R02")  # the seeded suggestions are all on R01
            assert not screen.suggestions
            await pilot.press("n")
            await pilot.pause()
            status = str(screen.query_one(StatusLine).render())
            assert "no pending suggestions" in status and "F4, then g" in status
            assert list(app._notifications)[-1].message == screen._last_action
    run(scenario)


def test_agreement_rounding_to_zero_never_prints_minus_zero(tui_ws, monkeypatch):
    import sto_qual.tui.screens.dashboard as dashboard
    real = dashboard.compute_dashboard

    def with_negative_zeros(*args, **kwargs):
        data = real(*args, **kwargs)
        data.agreement["overall"]["alpha"] = -0.0
        data.agreement["overall"]["mean_kappa"] = -0.004
        first = next(r for r in data.agreement["codes"] if r["both"] + r["only_a"] + r["only_b"])  # the table's first row
        first["kappa"] = -0.001
        first["alpha"] = -0.0
        return data
    monkeypatch.setattr(dashboard, "compute_dashboard", with_negative_zeros)

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            assert screen.data.agreement is not None
            overall = str(screen.query_one("#dash-agreement-overall").render())
            assert "α = 0.00, mean κ = 0.00" in overall and "-0.00" not in overall
            table = screen.query_one("#dash-agreement", DataTable)
            cells = [str(c) for c in table.get_row_at(0)]
            assert [cells[5], cells[6].rstrip("*")] == ["0.00", "0.00"]  # κ and α (* marks one over a few sentences)
            assert dashboard.figure(-0.006) == "-0.01" and dashboard.figure(None) == "—"
    run(scenario)


def test_the_dashboard_follows_a_change_made_in_another_window(tui_ws, tui_project):
    """A merge or a coding from another terminal showed in F2 and F3 but not in F6 until ctrl+r."""
    from sto_qual.services import Workspace

    async def scenario():
        async with headless(tui_ws, watch=0.1) as (app, pilot):
            screen = await _dashboard(pilot)
            first = screen.data
            before = {r["code"]: r["codings"] for r in first.themes}
            other = Workspace.open(tui_project)
            try:
                doc = other.document("R01")
                other.assign_code(doc.id, "collectief-optrekken/gedeelde-plek", unit=other.units(doc.id)[5].id,
                                  coder="collega")
            finally:
                other.close()
            assert await until(pilot, lambda: screen.data is not first)
            after = {r["code"]: r["codings"] for r in screen.data.themes}
            assert after != before
    run(scenario)


def test_the_dashboard_does_not_recompute_when_nothing_changed(tui_ws):
    """Its worker's own connection, closing, checkpointed the WAL; the app's watch took that for
    a change made elsewhere and recomputed, and the next worker did the same: "computing…"
    every second or so with nothing changed."""
    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen = await _dashboard(pilot)
            first = screen.data
            await pilot.pause(1.0)  # twenty looks at the project
            await app.workers.wait_for_complete()
            assert screen.data is first
    run(scenario)


def test_the_agreement_tab_leaves_out_codes_neither_coder_used_and_names_raw_agreement(tui_ws):
    """F6 listed codes neither coder used (1.00 / —), which `agreement` leaves out, and headed
    the tab "agreement 0.97" beside α 0.26, which read better than it was."""
    from textual.widgets import DataTable

    from sto_qual.tui.fitting import cut_name

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            codes = screen.data.agreement["codes"]
            unused = [r for r in codes if not r["both"] + r["only_a"] + r["only_b"]]
            assert unused and len(unused) < len(codes)
            table = screen.query_one("#dash-agreement", DataTable)
            assert table.row_count == len(codes) - len(unused)
            overall = str(screen.query_one("#dash-agreement-overall").render())
            assert "raw agreement" in overall and "α and κ allow for that" in overall
            assert f"{len(unused)} code{'s' if len(unused) > 1 else ''} neither coder used left out" in overall
            # the columns name the two coders, as the selectors above do ("Only A / Only B" had to be worked out)
            a, b = screen.data.agreement["overall"]["coders"][:2]
            headers = [str(c.label) for c in table.columns.values()]
            assert headers[2:4] == [f"Only {cut_name(a, 14)}", f"Only {cut_name(b, 14)}"], headers
            assert "⚠" not in overall
    run(scenario)


def test_the_agreement_tab_says_when_a_few_stray_codings_made_an_interview_both_coded(tui_ws):
    """A second coder accepted two suggestions in R01, which only the first coder had coded: F6
    compared R01 as coded by both and every one of the first coder's codings there counted as a
    disagreement, unsaid (`agreement` warned so; the dashboard did not)."""
    unit = tui_ws.units("R01")[40]
    tui_ws.assign_code("R01", "urgentie", unit=unit.id, coder="onderzoeker-b")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            overall = str(screen.query_one("#dash-agreement-overall").render())
            assert "R01" in screen.data.agreement["overall"]["documents"]
            assert "⚠ R01: onderzoeker-b has 1 coding there against 25 by onderzoeker-a, all of which count as " \
                   "disagreements (did onderzoeker-b code it?)" in " ".join(overall.split()), overall
            assert "finish it" not in overall  # a few stray codings are not said again as a coding stopped halfway
    run(scenario)


def test_the_agreement_tab_says_when_a_coder_stopped_halfway_through_an_interview(tui_ws):
    """`agreement` warns of an interview one coder coded only the first half of; F6 said nothing."""
    for unit in tui_ws.units("R01")[:60:6]:
        tui_ws.assign_code("R01", "urgentie", unit=unit.id, coder="onderzoeker-b")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            return " ".join(str(screen.query_one("#dash-agreement-overall").render()).split())
    overall = run(scenario)
    assert "⚠ R01: onderzoeker-b's codings stop " in overall and " after that count as disagreements (did " \
        "onderzoeker-b finish it?)" in overall, overall


def test_a_team_project_opened_without_a_name_says_whose_codings_it_makes(tui_ws):
    """A new user of the demo coded as its onderzoeker-a, the coder the report counts, with nothing
    on screen saying so, and nothing in F1 or the palette saying how to code as herself."""
    from sto_qual.tui.settings import Settings

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            said = [n.message for n in app._notifications if n.message.startswith("You code as")]
            assert said == [app.who_codes()] and said[0].startswith(
                "You code as onderzoeker-a, this project's default coder (no name was given). To code as yourself, "
                f"quit (ctrl+q) and start `sto-qual tui --coder NAME --project {tui_ws.path}`"), said  # (runs as printed)
            assert any(c.title == "Who codes: onderzoeker-a" for c in app.get_system_commands(app.screen))
        async with headless(tui_ws, settings=Settings(coder="noor")) as (app, pilot):
            assert not any(n.message.startswith("You code as") for n in app._notifications)
            app.action_who()
            await pilot.pause()
            assert any(n.message.startswith("You code as noor (from your settings file). To code as someone else")
                       for n in app._notifications)
    run(scenario)


def test_the_agreement_tab_says_the_chapter_gives_the_figures_kept_when_the_agreed_coding_was_started(tui_ws):
    """Two coders read F6's per-code alphas, today's, beside the method's, measured before their
    meeting, and nothing said why they differ: once a coder changed her codings, the tab says so."""
    tui_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    tui_ws.set_reference_coder("consensus")

    async def overall():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            return " ".join(str(screen.query_one("#dash-agreement-overall").render()).split())
    same = run(overall)
    assert "as `sto-qual agreement` and the report" in same and "These are their codings today" not in same
    kept = tui_ws.agreed.entries()["consensus"]["alpha"]
    b = [c for c in tui_ws.codings() if c.coder == "onderzoeker-b"]
    for c in b[: len(b) // 2]:
        tui_ws.remove_coding(c.id, coder="onderzoeker-b")
    changed = run(overall)
    assert (f"These are their codings today. The report's method gives α = {kept:.2f} (and per code its own "
            "figures): measured when consensus was started, before their differences were discussed.") in changed
    assert "as `sto-qual agreement` ·" in changed, changed


def test_the_agreement_tab_marks_an_alpha_over_a_few_sentences(tui_ws):
    """F6 showed 'Samenwerking 0 2 0 … 0.00' as plainly as an alpha over forty sentences, while
    `agreement` and the method said such an alpha is itself uncertain."""
    from textual.widgets import DataTable

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            table = screen.query_one("#dash-agreement", DataTable)
            used = [r for r in screen.data.agreement["codes"] if r["both"] + r["only_a"] + r["only_b"]]
            cells = [str(table.get_row_at(i)[6]) for i in range(table.row_count)]
            overall = " ".join(str(screen.query_one("#dash-agreement-overall").render()).split())
            return used, cells, overall
    used, cells, overall = run(scenario)
    few = [r["alpha"] is not None and r["both"] + r["only_a"] + r["only_b"] < 10 for r in used]
    assert any(few) and not all(few)
    assert [c.endswith("*") for c in cells] == few, (cells, few)
    assert "* α over fewer than 10 sentences either coder coded: itself uncertain" in overall


def test_a_pair_of_coders_with_no_interview_in_common_stays_chosen_and_is_said(tui_ws):
    """A coder picked two coders who had coded no interview in common in F6: both selectors went
    blank, under "Agreement needs two coders who coded the same documents", and she picked both again."""
    from textual.widgets import Select
    tui_ws.assign_code("R01", "urgentie", unit=tui_ws.units("R01")[40].id, coder="zoe")
    tui_ws.assign_code("R02", "urgentie", unit=tui_ws.units("R02")[10].id, coder="yuri")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await _dashboard(pilot)
            screen.recompute(pair=("zoe", "yuri"))
            assert await until(pilot, lambda: screen.data is not None and screen.data.pair == ("zoe", "yuri"))
            await pilot.pause()
            chosen = (screen.query_one("#dash-coder-a", Select).value, screen.query_one("#dash-coder-b", Select).value)
            said = " ".join(str(screen.query_one("#dash-agreement-overall").render()).split())
            # the placeholder picked for coder B: that line no longer holds (it stayed, of a pair no longer chosen)
            screen.query_one("#dash-coder-b", Select).clear()
            await pilot.pause()
            return chosen, said, " ".join(str(screen.query_one("#dash-agreement-overall").render()).split())
    chosen, overall, blank = run(scenario)
    assert chosen == ("zoe", "yuri")
    assert "zoe and yuri coded no document in common: choose another pair above." in overall, overall
    assert blank == "Choose two coders to compare.", blank
