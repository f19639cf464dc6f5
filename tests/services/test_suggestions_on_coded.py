"""A suggestion on a sentence that already carries its code: ``suggest`` withdraws a pending one
whose sentence a coding of that code (anyone's) reaches into, and accepting one inside the
coder's own coding of that code makes no second coding, so no text is counted twice. (Coding a
sentence whole withdraws its suggestion at once, see test_suggestions_withdrawn: these
tests code part of it, or reach it by resizing.)"""
from collections import defaultdict

from sto_qual.services.suggesting import explain

CODE = "urgentie/docententekort"
# Jan's turn in the small project: three sentences; the keywords hit the first and the third
FIRST, SECOND, THIRD = (58, 93), (94, 118), (119, 162)


def _suggested(ws):
    ws.edit_code(CODE, keywords=["docent", "vacature"])
    ws.suggest(code=CODE)
    first, third = ws.suggestions(code=CODE)
    assert ((first.start, first.end), (third.start, third.end)) == (FIRST, THIRD)
    return first, third


def _spans(ws):
    return [(c.coder, c.start, c.end) for c in ws.codings(code=CODE)]


def test_a_pending_suggestion_on_a_sentence_coded_since_is_withdrawn(small_ws):
    ws = small_ws
    first, third = _suggested(ws)
    ws.review_service.propose([(first.unit, "urgentie", "rule", "trefwoord: tekort", None)])  # another code
    ws.assign_code("R90", CODE, start=FIRST[0] + 4, end=SECOND[1], coder="anna")  # into sentence 1, and 2
    ws.assign_code("R90", CODE, start=THIRD[0] + 10, end=THIRD[1], coder="bob")  # part of sentence 3
    res = ws.suggest(code=CODE)
    # the suggestions are the project's: any coder's coding of the code counts
    assert res["withdrawn_coded"] == 2 and res["rule_suggestions"] == 0
    assert "2 pending suggestions withdrawn: their sentences are coded with that code now" in explain(res)
    assert [(s.unit, s.code) for s in ws.suggestions()] == [(first.unit, "urgentie")]
    assert ws.info()["suggestions_pending"] == 1
    assert ws.suggestions(status="accepted") == [] and ws.suggestions(status="rejected") == []
    assert ws.suggest(code=CODE)["withdrawn_coded"] == 0
    # withdrawing decides nothing: once the coding is gone the sentence is proposed again
    ws.undo(coder="bob")
    assert ws.suggest(code=CODE)["rule_suggestions"] == 1
    assert [(s.start, s.code) for s in ws.suggestions(code=CODE)] == [(THIRD[0], CODE)]


def test_the_model_no_longer_queues_what_was_coded_since(suggested_ws):
    """The report: after coding a turn's sentences, the next run kept the suggestions on them
    pending, the top ten included, with the model's newer (higher) confidence."""
    ws = suggested_ws
    top = sorted((s for s in ws.suggestions() if s.confidence is not None), key=lambda s: -s.confidence)[:10]
    for s in top:
        units = ws.units(s.document_id)
        i = next(i for i, u in enumerate(units) if u.id == s.unit)
        start = units[i - 1].start if i and units[i - 1].turn_id == units[i].turn_id else s.start
        ws.assign_code(s.document_id, s.code, start=start, end=s.end, coder="onderzoeker-a")
    # coding them withdrew them at once (the codings hold their sentences whole)
    assert not {s.id for s in top} & {s.id for s in ws.suggestions()}
    res = ws.suggest(code="financieringsonzekerheid")  # applies the model the project keeps
    assert res["model_reused"]
    coded = defaultdict(list)
    for c in ws.codings():
        coded[(c.document_id, c.code)].append((c.start, c.end))
    assert ws.suggestions() and not [s.id for s in ws.suggestions()
                                     if any(a < s.end and b > s.start for a, b in coded[(s.document_id, s.code)])]


def test_accepting_inside_my_own_coding_makes_no_coding(small_ws):
    ws = small_ws
    first, third = _suggested(ws)
    mine = ws.assign_code("R90", CODE, start=SECOND[0], end=SECOND[1], coder="anna")
    mine = ws.resize_coding(mine.id, start=FIRST[0], coder="anna")  # now it holds sentence 1 too
    done = ws.accept([first.id], coder="anna")
    assert [(a.suggestion_id, a.coding.id, a.outcome) for a in done] == [(first.id, mine.id, "already coded")]
    assert _spans(ws) == [("anna", FIRST[0], SECOND[1])]
    assert [s.id for s in ws.suggestions(status="accepted")] == [first.id]
    # one undo step puts the suggestion back and leaves the coding alone; redo accepts again
    ws.undo(coder="anna")
    assert first.id in {s.id for s in ws.suggestions()} and _spans(ws) == [("anna", FIRST[0], SECOND[1])]
    ws.redo(coder="anna")
    assert [s.id for s in ws.suggestions(status="accepted")] == [first.id] and len(ws.codings()) == 1
    # the same sentence held exactly is the same case
    other = ws.assign_code("R90", CODE, start=THIRD[0], end=THIRD[1] - 1, coder="anna")
    ws.resize_coding(other.id, end=THIRD[1], coder="anna")
    assert [a.outcome for a in ws.accept([third.id], coder="anna")] == ["already coded"]
    assert len(ws.codings()) == 2


def test_another_coders_coding_does_not_count_when_accepting(small_ws):
    ws = small_ws
    first, _ = _suggested(ws)
    ws.assign_code("R90", CODE, start=FIRST[0] + 4, end=SECOND[1], coder="bob")
    done = ws.accept([first.id], coder="anna")
    assert done[0].outcome == "coded" and done[0].coding.origin == "accepted-suggestion"
    assert sorted(_spans(ws)) == [("anna", *FIRST), ("bob", FIRST[0] + 4, SECOND[1])]


def test_accepting_a_sentence_my_coding_holds_part_of_widens_it(small_ws):
    ws = small_ws
    _, third = _suggested(ws)
    mine = ws.assign_code("R90", CODE, start=SECOND[0], end=THIRD[0] + 9, coder="anna")  # into sentence 3
    done = ws.accept([third.id], coder="anna")
    assert [(a.coding.id, a.outcome) for a in done] == [(mine.id, "widened")]
    assert _spans(ws) == [("anna", SECOND[0], THIRD[1])]
    assert done[0].coding.text == ws.document_text("R90")[SECOND[0]:THIRD[1]]
    ws.undo(coder="anna")  # one step: the span as it was, the suggestion pending
    assert _spans(ws) == [("anna", SECOND[0], THIRD[0] + 9)] and third.id in {s.id for s in ws.suggestions()}


def test_a_sentence_two_of_my_codings_reach_into_is_already_coded(small_ws):
    ws = small_ws
    _, third = _suggested(ws)
    left = ws.assign_code("R90", CODE, start=THIRD[0], end=THIRD[0] + 9, coder="anna")
    ws.assign_code("R90", CODE, start=THIRD[0] + 20, end=THIRD[1], coder="anna")
    done = ws.accept([third.id], coder="anna")
    # widening one would run it over the other: nothing changes, the decision names the first
    assert [(a.coding.id, a.outcome) for a in done] == [(left.id, "already coded")]
    assert _spans(ws) == [("anna", THIRD[0], THIRD[0] + 9), ("anna", THIRD[0] + 20, THIRD[1])]


def test_accepting_the_sentence_next_to_my_coding_in_the_same_turn_joins_it(small_ws):
    """Accepting suggestions on neighbouring sentences left one coding per sentence ("Krimp.",
    "Dat is hier het verhaal van alles.", …), where a number key joins them: a coding of the
    accepting coder that ends right before the sentence, in the same speaker's turn, grows over it."""
    ws = small_ws
    _, third = _suggested(ws)
    mine = ws.assign_code("R90", CODE, start=SECOND[0], end=SECOND[1], coder="anna")  # sentence 2 whole
    done = ws.accept([third.id], coder="anna")
    assert [(a.coding.id, a.outcome) for a in done] == [(mine.id, "widened")]
    assert _spans(ws) == [("anna", SECOND[0], THIRD[1])]
    ws.undo(coder="anna")
    assert _spans(ws) == [("anna", *SECOND)] and third.id in {s.id for s in ws.suggestions()}
    # another coder's coding next to it does not count: each coder codes for themselves
    ws.assign_code("R90", CODE, start=SECOND[0], end=SECOND[1], coder="bob")
    ws.uncode("R90", CODE, start=SECOND[0], end=SECOND[1], coder="anna")
    done = ws.accept([third.id], coder="anna")
    assert done[0].outcome == "coded"


def test_a_sentence_a_coder_took_the_code_off_is_not_proposed_again(small_ws):
    """A researcher took a code off a sentence with x, ran `suggest --learned`, and found that very
    sentence first in her queue: taking a code off is a decision about it, as a reject is. Undone, the
    coding is back; removed by another coder too, it counts: the suggestions are the project's."""
    ws = small_ws
    first, third = _suggested(ws)
    c = ws.assign_code("R90", CODE, start=FIRST[0], end=FIRST[1], coder="anna")
    assert [s.start for s in ws.suggestions(code=CODE)] == [THIRD[0]]  # coded: withdrawn
    ws.remove_coding(c.id, coder="anna")
    res = ws.suggest(code=CODE)
    assert res["skipped_uncoded"] == 1 and res["rule_suggestions"] == 0
    assert "1 not proposed: a coder took that code off its sentence" in explain(res)
    assert [s.start for s in ws.suggestions(code=CODE)] == [THIRD[0]]
    ws.undo(coder="anna")  # the coding back: no suggestion for a coded sentence either
    ws.undo(coder="anna")  # and the coding undone as well: nothing was taken off, it is proposed again
    assert ws.suggest(code=CODE)["rule_suggestions"] == 1
    assert sorted(s.start for s in ws.suggestions(code=CODE)) == [FIRST[0], THIRD[0]]
