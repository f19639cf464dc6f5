"""Three reports on the suggestion queue: after training, the queue proposed a theme on sentences
already coded with one of its sub-codes; coding a sentence by hand left the suggestion of that
code on it pending; `sto-qual reject` could not be undone. Now a sentence coded with a code or a
sub-code of it gets no suggestion of that code (nor stays pending for it), storing a coding
withdraws the suggestions it settles at once, and a reject is one undo step everywhere."""
import pytest
from cli_runner import sq

from sto_qual.domain.errors import NothingToDo
from sto_qual.services.suggesting import explain

THEME, CODE, OTHER = "urgentie", "urgentie/docententekort", "vmbo-in-the-lead/op-papier"
# Jan's turn in the small project: three sentences; the keywords hit the first and the third
FIRST, SECOND, THIRD = (58, 93), (94, 118), (119, 162)


def _suggested(ws, code):
    """Keyword suggestions of ``code`` on the first and the third sentence of Jan's turn."""
    ws.edit_code(code, keywords=["docent", "vacature"])
    ws.suggest(code=code)
    got = ws.suggestions(code=code, doc="R90")
    got = [s for s in got if s.code == code]
    assert [(s.start, s.end) for s in got] == [FIRST, THIRD]
    return got


def _pending(ws, code=None):
    return sorted((s.start, s.code) for s in ws.suggestions() if code is None or s.code == code)


# ------------------------------------------------------------ 1. a theme on a sub-coded sentence
def test_a_theme_is_not_suggested_on_a_sentence_coded_with_one_of_its_sub_codes(small_ws):
    ws = small_ws
    ws.assign_code("R90", CODE, start=FIRST[0], end=FIRST[1], coder="bob")  # any coder's coding counts
    ws.edit_code(THEME, keywords=["docent", "vacature"])
    ws.suggest(code=THEME)
    assert _pending(ws, THEME) == [(THIRD[0], THEME)]


def test_pending_theme_suggestions_on_sentences_coded_with_a_sub_code_are_withdrawn(small_ws):
    ws = small_ws
    _suggested(ws, THEME)  # (the codebook's keywords suggest the sub-code there too)
    assert _pending(ws) == [(FIRST[0], THEME), (FIRST[0], CODE), (THIRD[0], THEME), (THIRD[0], CODE)]
    # part of a sentence (the coding holds none of it whole): pending until the next suggest
    ws.assign_code("R90", CODE, start=THIRD[0] + 10, end=THIRD[1], coder="bob")
    assert len(_pending(ws)) == 4
    res = ws.suggest(code=THEME)
    assert res["withdrawn_coded"] == 2 and _pending(ws) == [(FIRST[0], THEME), (FIRST[0], CODE)]
    assert "2 pending suggestions withdrawn: their sentences are coded with that code now" in explain(res)
    assert ws.suggest(code=THEME)["withdrawn_coded"] == 0


def test_a_sub_code_is_still_suggested_on_a_sentence_coded_with_its_theme(small_ws):
    """A theme says less than its sub-code: the finer code is still worth proposing."""
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.assign_code("R90", THEME, start=FIRST[0], end=THIRD[1], coder="anna")
    assert ws.suggest(code=CODE)["withdrawn_coded"] == 0
    assert _pending(ws) == [(FIRST[0], CODE), (THIRD[0], CODE)]


# ------------------------------------------------------------ 2. coding by hand withdraws at once
def test_coding_a_sentence_withdraws_its_pending_suggestions_of_that_code_and_its_theme(small_ws):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.review_service.propose([(first.unit, THEME, "rule", "trefwoord: docent", None),
                               (first.unit, OTHER, "rule", "trefwoord: docent", None)])
    coding = ws.assign_code("R90", CODE, unit=first.unit, coder="anna")
    # the sentence's suggestion of the code and of its theme go; another code's stays
    assert _pending(ws) == [(FIRST[0], OTHER), (THIRD[0], CODE)]
    assert ws.suggestions(status="accepted") == [] and ws.suggestions(status="rejected") == []
    assert [c.id for c in ws.codings()] == [coding.id]  # no second coding, nothing decided
    assert ws.suggest(code=CODE)["withdrawn_coded"] == 0
    # undoing the coding leaves them withdrawn (never decided): the next suggest proposes again
    ws.undo(coder="anna")
    assert ws.codings() == [] and _pending(ws) == [(FIRST[0], OTHER), (THIRD[0], CODE)]
    assert ws.suggest(code=CODE)["rule_suggestions"] == 1
    assert (FIRST[0], CODE) in _pending(ws)


def test_a_coding_withdraws_only_on_the_sentences_it_holds_whole(small_ws):
    ws = small_ws
    _suggested(ws, CODE)
    ws.assign_code("R90", CODE, start=SECOND[0], end=THIRD[0] + 9, coder="anna")  # into sentence 3
    assert _pending(ws) == [(FIRST[0], CODE), (THIRD[0], CODE)]  # accepting it widens the coding
    # a turn holds all three; another coder's coding withdraws them as well
    ws.assign_code("R90", CODE, turn=2, coder="bob")
    assert _pending(ws) == []


def test_widening_a_coding_over_a_sentence_withdraws_its_suggestion(small_ws):
    ws = small_ws
    _suggested(ws, CODE)
    ws.assign_code("R90", CODE, start=SECOND[0], end=THIRD[0] + 9, coder="anna")
    ws.assign_code("R90", CODE, start=THIRD[0] + 5, end=THIRD[1], coder="anna", widen=True)
    assert [(c.start, c.end) for c in ws.codings()] == [(SECOND[0], THIRD[1])]
    assert _pending(ws) == [(FIRST[0], CODE)]


def test_cli_code_withdraws_the_suggestion_it_settles(small_ws, tmp_path):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.close()
    db = tmp_path / "small.db"
    r = sq("code", "--doc", "R90", "--code", CODE, "--unit", first.unit, "--coder", "anna", "-p", db)
    assert r.returncode == 0, r.stderr
    r = sq("suggestions", "-p", db, "--format", "json")
    assert r.returncode == 0 and f'"id": {third.id}' in r.stdout and f'"id": {first.id}' not in r.stdout, r.stdout


# ------------------------------------------------------------ 3. reject is an undo step
def test_cli_reject_is_undone_and_redone(small_ws, tmp_path):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.accept([first.id], coder="anna")
    ws.close()
    db = tmp_path / "small.db"
    assert sq("reject", third.id, "--coder", "anna", "-p", db).returncode == 0
    r = sq("undo", "--coder", "anna", "-p", db)  # the reject, not the accept before it
    assert r.returncode == 0 and r.stdout.strip() == "undone: reject of ‘Docententekort’ on R90", r.stdout
    r = sq("suggestions", "-p", db, "--format", "json")
    assert f'"id": {third.id}' in r.stdout and '"status": "pending"' in r.stdout, r.stdout
    r = sq("redo", "--coder", "anna", "-p", db)
    assert r.returncode == 0 and r.stdout.strip() == "redone: reject of ‘Docententekort’ on R90", r.stdout
    assert f'"id": {third.id}' in sq("suggestions", "--status", "rejected", "-p", db, "--format", "json").stdout
    assert sq("undo", "--coder", "anna", "-p", db).returncode == 0  # the reject
    r = sq("undo", "--coder", "anna", "-p", db)  # then the accept
    assert r.returncode == 0 and r.stdout.startswith("undone: accept of"), r.stdout
    assert sq("suggestions", "-p", db, "--format", "json").stdout.count('"status": "pending"') == 2


def test_reject_all_below_is_one_undo_step(small_ws):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    jan = [u for u in ws.units("R90") if u.start in (FIRST[0], SECOND[0], THIRD[0])]
    rows = [(u.id, OTHER, "model", f"model {c}", c) for u, c in zip(jan, (0.1, 0.2, 0.9))]
    ws.review_service.propose(rows)
    assert ws.reject([first.id], all_below=0.5, coder="anna") == 3  # first and the two unsure ones
    assert len(ws.suggestions()) == 2
    got = ws.undo(coder="anna")
    assert got["op"] == "batch" and got["what"].endswith(" and 2 more suggestions")
    assert len(ws.suggestions()) == 5 and ws.suggestions(status="rejected") == []
    ws.redo(coder="anna")
    assert len(ws.suggestions(status="rejected")) == 3


def test_an_id_given_twice_is_rejected_once(small_ws):
    ws = small_ws
    first, _ = _suggested(ws, CODE)
    assert ws.reject([first.id, first.id], coder="anna") == 1
    ws.undo(coder="anna")
    assert first.id in {s.id for s in ws.suggestions()}


def test_the_suggestions_screens_undo_of_a_reject_is_the_history_step(small_ws):
    """The TUI's Suggestions screen puts a reject back with ``reopen``: it is the same undo step,
    so `redo` rejects again and the step is not left behind to be undone a second time."""
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.accept([third.id], coder="anna")
    ws.reject([first.id], coder="anna")
    ws.history_service.reopen(first.id, coder="anna")
    assert first.id in {s.id for s in ws.suggestions()}
    ws.redo(coder="anna")
    assert [s.id for s in ws.suggestions(status="rejected")] == [first.id]
    ws.history_service.reopen(first.id, coder="anna")
    assert ws.undo(coder="anna")["what"].startswith("accept of")  # the step before the reject


def test_undoing_a_reject_put_back_elsewhere_changes_nothing(small_ws):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.reject([first.id], coder="anna")
    ws.accept([third.id], coder="anna")  # a later step: the reject is not the last one
    ws.history_service.reopen(first.id, coder="anna")  # the reject leaves the history
    ws.undo(coder="anna")  # the accept
    with pytest.raises(NothingToDo):  # no "undone: reject of …" that changes nothing
        ws.undo(coder="anna")
    assert sorted(s.id for s in ws.suggestions()) == sorted([first.id, third.id])


def test_undoing_a_reject_decided_since_is_refused(small_ws):
    ws = small_ws
    first, third = _suggested(ws, CODE)
    ws.reject([first.id], coder="anna")
    ws.accept([third.id], coder="anna")
    ws.history_service.reopen(first.id, coder="anna")
    ws.accept([first.id], coder="bob")
    ws.undo(coder="anna")  # the accept of the third
    with pytest.raises(NothingToDo):  # the reject put back left the history: bob's accept stands
        ws.undo(coder="anna")
    assert [s.id for s in ws.suggestions(status="accepted")] == [first.id]


def test_a_codebook_without_keywords_says_so_not_that_everything_is_coded(small_ws):
    """A new user's codebook of names and definitions: F4's g said "every passage the keywords or
    the model point at is already coded, suggested or rejected", of keywords there were none."""
    for code in small_ws.codebook():
        if code.keywords:
            small_ws.edit_code(code.path, keywords=[])
    said = explain(small_ws.suggest())
    assert said.startswith("No new suggestions: no code has keywords yet and no model has been learned; give a "
                           "code keywords (F7, or `sto-qual code-edit CODE --keyword WORD`)"), said
    small_ws.edit_code(CODE, keywords=["docent"])
    small_ws.suggest()
    assert explain(small_ws.suggest()).startswith("No new suggestions: every passage the keywords")
