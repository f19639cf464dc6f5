"""What a coder relies on in the suggestions, from a coder's test of them: coding the start of
an interview leaves the model free to suggest in the rest of it; in codebook mode a sub-code's
own keyword chooses it and function words are no evidence; a rejected sub-code leaves the theme
the model is sure of to be proposed; the messages say how to change one's mind."""
from __future__ import annotations

import pytest

from sto_qual.services.suggesting import explain_lines


@pytest.fixture
def started_r02(demo_ws):
    """The demo with R02 coded only in its first quarter (the coder is reading on)."""
    ws = demo_ws
    units = ws.units("R02")
    cut = units[len(units) // 4].start
    for c in ws.codings(doc="R02"):
        if c.end > cut:
            ws.remove_coding(c.id, coder=c.coder)
    assert ws.codings(doc="R02")
    return ws, cut


def test_coding_the_start_of_an_interview_leaves_the_rest_to_the_model(started_r02):
    # the tester: 4 of 15 answer sentences of N02 coded, and the learned run suggested nothing
    # else there: every uncoded sentence of a partly coded interview had been taught as "no code"
    ws, cut = started_r02
    res = ws.suggest(learned=True, doc="R02")
    later = [s.confidence for s in ws.suggestions(doc="R02") if s.start >= cut and s.confidence is not None]
    assert sum(c >= 0.4 for c in later) >= 5, sorted(later)
    part = {d["document"]: d for d in res["read_in_part"]}
    last = max(c.end for c in ws.codings(doc="R02"))
    read = sum(1 for u in ws.units("R02") if u.start < last)
    assert part["R02"] == {"document": "R02", "read": read, "sentences": len(ws.units("R02"))}
    said = explain_lines(res)
    assert f"R02 (the first {read} of {len(ws.units('R02'))} sentences)" in said
    assert "taken as read only up to the last coding" in said


KRIMP = """---
region: R91
region_type: krimp
---
Interviewer: Waar ligt voor jullie nu de urgentie van STO in de regio?

Jan: De urgentie zit in de krimp. Hoe minder leerlingen, hoe kleiner de klassen. Dat loopt uit de hand.

Interviewer: Hoe gaan de scholen om met de onzekerheid over de financiering?

Jan: Het geld van het ministerie is elk jaar weer onzeker.
"""


@pytest.fixture
def fresh_ws(tmp_path):
    """A new project (the standard codebook, no codings): the codebook suggests."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "fresh.db")
    f = tmp_path / "R91.txt"
    f.write_text(KRIMP, encoding="utf-8")
    assert ws.import_files([f]).ok
    ws.set_roles({"Jan": "bestuurder", "Interviewer": "interviewer"})
    yield ws
    ws.close()


def _by_sentence(ws):
    return {s.text: s for s in ws.suggestions()}


def test_a_sub_codes_own_keyword_chooses_it_over_its_themes_keyword(fresh_ws):
    # "urgentie" (the theme's keyword) matched too, and kept the codebook's other sub-code
    res = fresh_ws.suggest(learned=True)
    assert res["from_codebook"]
    s = _by_sentence(fresh_ws)["De urgentie zit in de krimp."]
    assert s.code == "urgentie/krimp-leerlingaantallen"
    assert "trefwoord: krimp" in s.reasons


def test_function_words_are_no_evidence_in_codebook_reasons(fresh_ws):
    # the lookup tables' lemmas of "Hoe", "minder" and "uit" (hoeven, minderen, uiten) were given as
    # reasons, "hoeven" in 13 of 31 codebook suggestions
    fresh_ws.suggest(learned=True)
    said = [w.strip() for s in fresh_ws.suggestions() for r in s.reasons
            if r.startswith(("codeboek:", "vraag over")) for w in r.split(":", 1)[1].split(",")]
    assert said and not {"hoeven", "minderen", "uiten", "hoe", "minder", "uit", "de", "het"} & set(said), said
    assert "leerling" in _by_sentence(fresh_ws)["Hoe minder leerlingen, hoe kleiner de klassen."].reason


def test_a_rejected_sub_code_leaves_the_theme_the_model_is_sure_of():
    from sto_qual.services.suggest_scoring import choose
    probs = {"urgentie": 0.9, "urgentie/krimp": 0.6, "urgentie/docententekort": 0.04}
    thresholds = {"urgentie": 0.5, "urgentie/krimp": 0.5, "urgentie/docententekort": 0.5}
    assert [c.code for c in choose(probs, thresholds, {}, 7, rules_alone=False, floor=0.1)] == ["urgentie/krimp"]
    # the coder rejected it, and the model is unsure of the other sub-code: the theme (it said nothing)
    got = choose(probs, thresholds, {}, 7, rules_alone=False, floor=0.1, rejected=frozenset({"urgentie/krimp"}))
    assert [(c.code, c.confidence) for c in got] == [("urgentie", 0.9)]
    # a sibling it is sure enough of is its next view
    probs["urgentie/docententekort"] = 0.3
    got = choose(probs, thresholds, {}, 7, rules_alone=False, floor=0.1, rejected=frozenset({"urgentie/krimp"}))
    assert [c.code for c in got] == ["urgentie/docententekort"]


def test_rejecting_a_sub_code_leaves_its_theme_to_be_suggested(suggested_ws):
    ws = suggested_ws
    subs = sorted((s for s in ws.suggestions() if s.confidence is not None and s.code.count("/") == 1),
                  key=lambda s: s.confidence)
    assert subs
    s = subs[0]
    ws.reject([s.id])
    ws.suggest(code=s.code.split("/")[0])  # the model the project keeps
    there = [x.code for x in ws.suggestions() if x.unit == s.unit]
    assert there and all(x.split("/")[0] == s.code.split("/")[0] and x != s.code for x in there), there


def test_accepting_a_rejected_suggestion_says_how_to_code_it_after_all(tui_ws):
    from sto_qual.domain.errors import NothingToDo
    ws = tui_ws
    first, second = ws.suggestions()[:2]
    ws.reject([first.id], coder="anna")
    with pytest.raises(NothingToDo) as got:
        ws.accept([first.id], coder="anna")
    assert str(got.value).startswith(f"suggestion {first.id} is already rejected")
    assert "`sto-qual undo --coder anna` takes the reject back (your last step)" in got.value.hint
    assert f"`sto-qual code --unit {first.unit} --code {first.code} --coder anna`" in got.value.hint
    ws.reject([second.id], coder="anna")  # a newer step: undo would take back that one
    with pytest.raises(NothingToDo) as got:
        ws.accept([first.id], coder="anna")
    assert "undo" not in got.value.hint and f"--unit {first.unit}" in got.value.hint


def test_one_calibrated_code_is_one_code():
    from sto_qual.services.suggesting import explain
    said = explain({"model_reused": True, "calibrated_codes": 1, "coded_interviews": 2, "codings_used": 9})
    assert "confidence calibrated for 1 code;" in said
