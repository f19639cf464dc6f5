"""Undo steps are built and described in one place (domain/history.py)."""
from __future__ import annotations

from sto_qual.domain import history


def test_steps_and_what_they_report():
    row = {"id": 7, "document_id": 1, "code_id": 2, "coder_id": 3, "start": 0, "end": 9}
    add = history.added(1, row, suggestion_id=4)
    assert add == {"op": "add", "document_id": 1, "coding": row, "suggestion_id": 4}
    assert "suggestion_id" not in history.added(1, row)
    rem = history.removed(2, {**row, "id": 8})
    upd = history.updated(1, 7, {"memo": None}, {"memo": "x", "starred": 1})
    assert history.one_step([add]) is add
    batch = history.one_step([add, rem])
    assert batch["op"] == "batch" and batch["document_id"] == 1 and batch["actions"] == [add, rem]
    assert history.describe(batch) == [{"coding": 7, "op": "add"}, {"coding": 8, "op": "remove"}]
    assert history.describe(upd) == {"coding": 7, "op": "update", "fields": ["memo", "starred"]}
    summary = {"op": "summary", "kind": "cell", "code_id": 5, "document_id": 1, "before": None, "after": {}}
    assert history.describe(summary) == {"summary": "cell", "code_id": 5, "document_id": 1}


def test_the_coders_undo_line_names_the_change_as_nouns():
    """"Undid: starred of …" and "end and start and words of …" read as the columns they are."""
    from sto_qual.services.tui_support import history_summary
    facts = {5: ("Urgentie", "R01, sentence 3")}
    star = {"undone": {"op": "update", "coding": 5, "fields": ["starred"]}, "what": "star of ‘Urgentie’ on R01"}
    assert history_summary(star, facts) == "Undid: star of ‘Urgentie’ on R01, sentence 3"
    trim = {"undone": {"op": "update", "coding": 5, "fields": ["end", "start", "words"]}}
    assert history_summary(trim, facts) == "Undid: span of ‘Urgentie’ on R01, sentence 3"


def test_undoing_an_accept_that_widened_a_coding_says_where_the_coding_is_back_to():
    """The Coder said "Undid: accept of Behoud van het techniekaanbod on R01, sentences 21-22 and 1
    more" after accepting sentence 23 beside a coding of 21-22: the place read as the accept's,
    and "1 more" counted the one coding twice (widened, then the suggestion accepted on it)."""
    from sto_qual.services.tui_support import history_summary
    facts = {15: ("Behoud van het techniekaanbod", "R01, sentences 21-22")}
    steps = [{"coding": 15, "op": "update", "fields": ["end", "start", "words"]},
             {"coding": 15, "op": "accept", "suggestion": 58}]
    what = "accept of ‘Behoud van het techniekaanbod’ on R01"
    assert history_summary({"op": "batch", "undone": steps, "what": what}, facts) == \
        "Undid: accept of ‘Behoud van het techniekaanbod’: its coding is back to R01, sentences 21-22"
    facts = {15: ("Behoud van het techniekaanbod", "R01, sentences 21-23")}
    assert history_summary({"op": "batch", "redone": steps, "what": what}, facts) == \
        "Redid: accept of ‘Behoud van het techniekaanbod’: its coding covers R01, sentences 21-23 again"


def test_the_coders_undo_line_counts_suggestions_and_tells_a_star_from_its_removal():
    """The Coder said "…and 7 more" for six suggestions accepted at once (it counted codings),
    where F4 and the CLI said "and 5 more suggestions"; and undoing a star and undoing its
    removal both read "Undid: star of …"."""
    from sto_qual.services.tui_support import history_summary
    facts = {5: ("Urgentie", "R01, sentence 3"), 6: ("Urgentie", "R01, sentence 4"), 7: ("Urgentie", "R01, sentence 9")}
    bulk = {"undone": [{"coding": 5, "op": "add"}, {"coding": 6, "op": "update", "fields": ["end"]},
                       {"coding": 7, "op": "add"}],
            "what": "accept of ‘Urgentie’ on R01 and 5 more suggestions"}
    assert history_summary(bulk, facts) == "Undid: accept of ‘Urgentie’ on R01, sentence 3 and 5 more suggestions"
    unstar = {"undone": {"op": "update", "coding": 5, "fields": ["starred"]}, "what": "unstar of ‘Urgentie’ on R01"}
    assert history_summary(unstar, facts) == "Undid: unstar of ‘Urgentie’ on R01, sentence 3"


def test_the_history_names_a_star_taken_off_as_unstar(demo_ws):
    c = demo_ws.codings(doc="R01")[0]
    demo_ws.star(c.id, True, coder=c.coder)
    demo_ws.star(c.id, False, coder=c.coder)
    assert demo_ws.undo(c.coder)["what"].startswith("unstar of ‘")
    assert demo_ws.undo(c.coder)["what"].startswith("star of ‘")
