"""Pilot tests for reviewing suggestions: confidence and reasons on each row, the review
order switch, counts that follow accept/reject at once, a reject that says so, no
interviewer questions by default, and training in a worker that leaves coding free."""
from __future__ import annotations

from textual.widgets import DataTable, Static

from sto_qual.tui.screens.coder import CoderScreen
from sto_qual.tui.screens.suggestions import SuggestionsScreen
from tui_support import bulk_decide, headless, painted_before_idle, run, until


async def open_review(pilot) -> SuggestionsScreen:
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SuggestionsScreen)
    return pilot.app.screen


async def _reject_then_accept(pilot):
    """F4, `r` on the first suggestion and `a` on the next: (the screen, the rejected one, the
    accepted one)."""
    screen = await open_review(pilot)
    rejected = screen._current()
    await pilot.press("r")
    await pilot.pause()
    accepted = screen._current()
    await pilot.press("a")
    await pilot.pause()
    return screen, rejected, accepted


def _summary(screen) -> str:
    return str(screen.query_one("#sugg-summary", Static).render())


def test_rows_show_confidence_and_reasons_and_order_switches(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            table = screen.query_one(DataTable)
            order = [screen.items[int(table.coordinate_to_cell_key((i, 0)).row_key.value)].confidence
                     for i in range(table.row_count)]
            assert order == [0.91, 0.72, None]  # most confident first, keyword-only last
            assert str(table.get_cell_at((0, 2))) == "0.91"
            assert str(table.get_cell_at((0, 3))) == "model"
            assert str(table.get_cell_at((2, 3))) == "“basisscholen”"  # the keyword found, no model
            context = str(screen.query_one("#sugg-context", Static).render())
            assert "confidence 0.91" in context and "model 0.91" in context
            first = screen._current()  # the code by its label, as the row names it, not its path
            code = tui_ws.code(first.code)
            assert f" · {code.label} · " in context and f" · {first.code} · " not in context
            await pilot.press("v")  # teach the model: the least certain first
            await pilot.pause()
            first = screen._current()
            assert first.confidence == 0.72 and "most uncertain first" in _summary(screen)
    run(scenario)


def test_the_doc_column_holds_interview_names_that_differ_only_at_their_end(tui_ws):
    """Three rounds of a region ("R13-2023-2024", "R13-2024-2025", …): F4's Doc column, five wide, read "R13-2"
    for each; it is as wide as the longest name listed, to 14, and a longer one is cut in its middle."""
    tui_ws.document_names.rename_document("R01", "R13-2023-2024")

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            table = screen.query_one(DataTable)
            return [str(table.get_cell_at((i, 1))) for i in range(table.row_count)]
    assert run(scenario) == ["R13-2023-2024"] * 3
    tui_ws.document_names.rename_document("R13-2023-2024", "R13-ronde-2023-2024")

    async def cut():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            return str(screen.query_one(DataTable).get_cell_at((0, 1)))
    assert run(cut) == "R13-ron…3-2024"


def test_counts_follow_accept_and_reject_at_once_and_reject_says_so(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            assert _summary(screen).startswith(" 3 pending suggestions")
            await pilot.press("a")
            await pilot.pause()
            assert _summary(screen).startswith(" 2 pending suggestions")
            rejected = screen._current()
            await pilot.press("r")
            await pilot.pause()
            assert _summary(screen).startswith(" 1 pending suggestion ")
            messages = [n.message for n in app._notifications]
            assert any(m.startswith(f"rejected ‘{tui_ws.code(rejected.code).label}’") for m in messages)
            assert any("not proposed for this sentence again" in m for m in messages)  # not the whole interview
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [rejected.id]
    run(scenario)


def test_no_suggestions_in_interviewer_questions_by_default(tui_ws):
    from sto_qual.services import suggesting as sg
    rows, _ = sg.interview_units(tui_ws)
    question = next(u for u in rows if u["role"] == "interviewer")
    tui_ws.review_service.propose([(question["id"], "urgentie", "rule", "trefwoord: urgentie", None)])
    assert question["id"] not in {s.unit for s in tui_ws.suggestions()}

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            assert question["id"] not in {s.unit for s in screen.items.values()}
            assert screen.query_one(DataTable).row_count == 3
    run(scenario)
    sg.set_interviewer_turns(tui_ws, True)  # the project setting shows them again
    assert question["id"] in {s.unit for s in tui_ws.suggestions()}


def test_training_runs_in_a_worker_and_explains_what_it_did(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_review(pilot)
            await pilot.press("t")
            await pilot.press("f3")  # coding goes on while the model learns
            await pilot.pause()
            assert isinstance(app.screen, CoderScreen)
            for _ in range(600):
                await pilot.pause(0.05)
                if any("model learned" in n.message for n in app._notifications):
                    break
            messages = [n.message for n in app._notifications]
            done = [m for m in messages if "model learned" in m]
            assert done, messages
            assert "new suggestion" in done[0] or "No new suggestions" in done[0]
            assert "interviewer questions skipped" in done[0]
    run(scenario)


def test_undo_and_redo_here_never_take_back_another_step_under_this_ones_name(tui_ws, tui_project):
    """F4: reject A, accept B; `sto-qual undo` in another terminal took B back; F4 still showed
    B as accepted, its u then undid the reject of A, and U said "Redid: accept of B" while it
    rejected A again. The queue now follows changes made elsewhere, u and U act only on this
    screen's own step and name what the project did."""
    from sto_qual.services import Workspace

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen, a, b = await _reject_then_accept(pilot)
            assert _summary(screen).startswith(" 1 pending suggestion ")
            other = Workspace.open(tui_project)  # the colleague's terminal
            other.undo(screen.coder)  # the accept of B
            other.close()
            assert await until(pilot, lambda: b.id in screen.items)  # the queue follows, unasked
            assert _summary(screen).startswith(" 2 pending suggestions")
            await pilot.press("u")  # B's accept was undone already: said, and nothing else undone
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert any("already undone" in m for m in said), said
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [a.id]
            await pilot.press("u")  # now the reject of A
            await pilot.pause()
            assert a.id in screen.items and tui_ws.suggestions(status="rejected") == []
            await pilot.press("U")
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert any(m.startswith("Redid: reject of") and tui_ws.code(a.code).label in m for m in said), said
            assert not any("Redid: accept" in m for m in said), said
            assert [s.id for s in tui_ws.suggestions(status="rejected")] == [a.id]
            assert b.id in [s.id for s in tui_ws.suggestions()]  # B pending, as the colleague left it
            await pilot.press("U")  # and the accept undone elsewhere: U redoes it, as `redo` would
            await pilot.pause()
            assert b.id not in [s.id for s in tui_ws.suggestions()] and b.id not in screen.items
    run(scenario)


def test_a_reject_put_back_on_f4_after_a_newer_step_leaves_the_history(tui_ws, tui_project):
    """F4: reject X, accept Y; the colleague undid and then redid Y; F4's u put X back in the
    queue, but the reject stayed in the history behind Y, and a later `sto-qual undo` said
    "undone: reject of …" and changed nothing."""
    from sto_qual.services import Workspace

    async def scenario():
        async with headless(tui_ws, watch=0.05) as (app, pilot):
            screen, x, y = await _reject_then_accept(pilot)
            other = Workspace.open(tui_project)
            other.undo(screen.coder)
            assert await until(pilot, lambda: y.id in screen.items)
            await pilot.press("u")  # "already undone"
            await pilot.pause()
            other.redo(screen.coder)
            assert await until(pilot, lambda: y.id not in screen.items)
            await pilot.press("u")  # the reject of X: put back, out of order
            await pilot.pause()
            assert x.id in [s.id for s in tui_ws.suggestions()]
            first = other.undo(screen.coder)  # the accept of Y
            assert first["what"].startswith("accept of"), first
            from sto_qual.domain.errors import NothingToDo
            try:
                extra = other.undo(screen.coder)
            except NothingToDo:
                extra = None
            assert extra is None or not extra["what"].startswith("reject of"), extra
            other.close()
    run(scenario)


def test_j_and_k_move_in_the_list_so_a_accepts_the_row_moved_to(tui_ws):
    """j and k move the sentence in the Coder and in F9's theme view; in F4 they did nothing,
    and a coder who pressed j eight times accepted the top row, unseen. They move the row, and
    F1 lists them with F4's keys."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            first = screen._current()
            await pilot.press("j", "j")
            await pilot.pause()
            third = screen._current()
            await pilot.press("k")
            await pilot.pause()
            second = screen._current()
            assert len({first.id, second.id, third.id}) == 3
            await pilot.press("a")
            assert await until(pilot, lambda: tui_ws.suggestions(status="accepted"))
            assert [s.id for s in tui_ws.suggestions(status="accepted")] == [second.id]
    run(scenario)
    from sto_qual.tui.app import key_sections
    assert [b.key for b in dict(key_sections(first="suggestions"))["Lists and the grid (F2, F4, F5, F6, F9)"]] == ["j", "k"]


def test_v_says_so_when_no_suggestion_has_a_confidence_to_order_by(tui_ws):
    """Early in a project every suggestion came from the codebook: `v` said "most uncertain first:
    your decisions there teach the model most" while the list stayed in interview order."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            notes = []
            screen.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
            for s in list(screen.items.values()):
                if s.confidence is not None:
                    tui_ws.reject([s.id])
            screen.reload()
            await pilot.pause()
            assert screen.items and all(s.confidence is None for s in screen.items.values())
            await pilot.press("v")
            await pilot.pause()
            assert notes and "no pending suggestion has a confidence yet" in notes[-1]
            assert "in interview order" in _summary(screen)
    run(scenario)


def test_h_hides_the_suggestions_while_coding_and_n_shows_them_again(tui_ws):
    """Early in a project the codebook's suggestions put a ◆ on many sentences; a coder who wants
    to read without them had no way but rejecting them."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            app.open_document(tui_ws.document("R01").id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CoderScreen)
            painted = lambda: screen.view.suggestions_in(0, len(screen.doc.text))  # noqa: E731
            pending = len(screen.suggestions)
            assert pending and painted()
            await pilot.press("h")
            await pilot.pause()
            assert not painted()
            assert f"Suggestions hidden ({pending} pending here)" in str(screen.query_one("#coder-status").render())
            assert len(tui_ws.suggestions(status="pending")) >= pending  # hidden, not decided
            await pilot.press("a")
            await pilot.pause()
            assert any("suggestions are hidden: h shows them" in n.message for n in app._notifications)
            await pilot.press("n")
            await pilot.pause()
            assert painted() and "Suggested here:" in str(
                screen.query_one("#coder-status").render())
    run(scenario)


def test_the_sentence_column_is_as_wide_as_its_room_as_soon_as_the_rows_are_in(tui_ws):
    """As F5's quotes: the table measured its Sentence column only when it was next idle, and
    rows painted before that stayed cut at the width measured before."""
    async def scenario():
        async with headless(tui_ws, size=(160, 40)) as (app, pilot):
            screen = await open_review(pilot)
            cells, shown = await painted_before_idle(pilot, screen, screen.query_one(DataTable), "text")
            assert max(map(len, cells)) > 40
            assert all(any(c in line for line in shown) for c in cells), "\n".join(shown)
    run(scenario)


def test_a_long_queue_lists_its_first_rows_and_tops_them_up(tui_ws, monkeypatch):
    """37,000 suggestions of a long transcript took the first F4 twelve seconds to list, every key
    waiting. The list holds the queue's first rows (here 5), says how many there are, and a
    decision brings the next one in."""
    import sto_qual.tui.screens.suggestions as screen_module
    monkeypatch.setattr(screen_module, "MAX_LISTED", 5)
    coded = [(c.start, c.end) for c in tui_ws.codings(doc="R02")]
    free = [u for u in tui_ws.units("R02") if not any(s < u.end and u.start < e for s, e in coded)]
    tui_ws.review_service.propose([(u.id, "financieringsonzekerheid", "rule", "trefwoord: geld", None)
                                   for u in free[5:20]])
    pending = len(tui_ws.suggestions())
    assert pending > 6

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            table = screen.query_one(DataTable)
            listed = table.row_count
            said = _summary(screen)
            first = screen._current()
            await pilot.press("r")
            await pilot.pause()
            return listed, said, table.row_count, first.id in screen.items, len(screen.items), _summary(screen)
    listed, said, after, still, left, said_after = run(scenario)

    async def narrow():
        async with headless(tui_ws, size=(80, 24)) as (app, pilot):
            return _summary(await open_review(pilot))
    assert f"5 of {pending - 1:,} listed" in run(narrow)  # at 80 columns too
    assert listed == 5 and f"{pending:,} pending suggestions" in said and "(the first 5 listed)" in said, said
    assert after == 5 and not still and left == pending - 1 and f"{pending - 1:,} pending" in said_after


async def _bulk_accept(app, pilot, value: str) -> str:
    """b, the confidence typed, Enter and y: the prompt's title."""
    return await bulk_decide(app, pilot, "b", value)


def _one_more_in_another_interview(ws):
    """A model suggestion of 0.95 in the seeded project's second interview (the others are R01's)."""
    other = next(d for d in ws.documents() if d.name != "R01")
    ws.review_service.propose([(ws.units(other.name)[15].id, "urgentie/arbeidsmarkt", "model", "model 0.95", 0.95)])
    return other


def test_d_keeps_the_queue_to_one_interview_and_c_to_one_theme(tui_ws):
    """A coder who imported one new interview found its suggestions among every interview's, with
    no way to see only hers."""
    other = _one_more_in_another_interview(tui_ws)

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            assert screen._current().doc == other.name  # the most confident first
            assert len(screen.items) == 4
            await pilot.press("d")
            await pilot.pause()
            assert [s.doc for s in screen.items.values()] == [other.name]
            assert f"only {other.name} (d shows all)" in _summary(screen)
            await pilot.press("d")
            await pilot.pause()
            assert len(screen.items) == 4 and "only" not in _summary(screen)
            await pilot.press("c")  # the theme of the one under the cursor: urgentie, with its sub-codes
            await pilot.pause()
            assert sorted(s.code for s in screen.items.values()) == ["urgentie/arbeidsmarkt", "urgentie/docententekort"]
            assert "only urgentie (c shows all)" in _summary(screen)
            await pilot.press("a")  # a decision keeps the filter
            await pilot.pause()
            assert [s.code for s in screen.items.values()] == ["urgentie/docententekort"]
            await pilot.press("c")
            await pilot.pause()
            assert len(screen.items) == 3  # every code's again, less the one accepted
    run(scenario)


def test_b_and_the_cursor_keep_to_the_queue_d_and_c_show(tui_ws):
    """Kept to one interview and theme, b asked "Accept 3 suggestions …?" and accepted 26 across
    every interview, among them codings of finished interviews with starred quotes; and d or c moved
    the cursor to another suggestion than the one it was on, for the next a."""
    other = _one_more_in_another_interview(tui_ws)

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            await pilot.press("down")  # R01's 0.91, the second row
            await pilot.pause()
            on = screen._current()
            assert on.doc == "R01" and on.confidence == 0.91
            await pilot.press("d")
            await pilot.pause()
            assert screen._current().id == on.id  # still on it (it is the first row now)
            assert "every pending suggestion of R01" in await _bulk_accept(app, pilot, "0.7")
            accepted = {s.doc for s in tui_ws.suggestions(status="accepted")}
            assert accepted == {"R01"} and len(tui_ws.suggestions(status="accepted")) == 2
            assert [s.doc for s in tui_ws.suggestions() if s.confidence == 0.95] == [other.name]  # not taken
    run(scenario)


def test_after_b_took_rows_above_it_the_cursor_stays_on_its_suggestion(tui_ws):
    """b took the three rows above the cursor, and the cursor stood on another suggestion three rows
    down: the next a would have coded a sentence the coder had not read."""
    _one_more_in_another_interview(tui_ws)

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            await pilot.press("down", "down")  # 0.95, 0.91, then 0.72
            await pilot.pause()
            on = screen._current()
            assert on.confidence == 0.72
            await _bulk_accept(app, pilot, "0.9")
            assert len(tui_ws.suggestions(status="accepted")) == 2
            assert screen._current().id == on.id
    run(scenario)


def test_g_suggests_within_the_interview_the_queue_keeps_to(tui_ws):
    """g in a queue kept to one interview made 30 suggestions across 15 other interviews."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            screen = await open_review(pilot)
            await pilot.press("d")  # R01's (every seeded suggestion is)
            await pilot.pause()
            await pilot.press("g")
            assert await until(pilot, lambda: any("new suggestion" in n.message or "No new suggestions" in n.message
                                                  for n in app._notifications), timeout=60)
            assert {s.doc for s in tui_ws.suggestions()} == {"R01"}
            assert screen.only_doc == "R01"
    run(scenario)
