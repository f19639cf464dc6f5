"""The suggestion model and rules: keyword syntax, one combined suggestion per unit and
code with both reasons, and an evaluation that never scores what it trained on."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from sto_qual.domain.keywords import parse_keyword

BENCH = Path(__file__).resolve().parents[2] / "bench" / "suggestion_quality.py"


def _bench():
    spec = importlib.util.spec_from_file_location("suggestion_quality", BENCH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["suggestion_quality"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_keyword_syntax():
    assert parse_keyword("eiland + techniek").parts == ("eiland", "techniek")
    rule = parse_keyword("eiland @ collectief-optrekken")
    assert rule.parts == ("eiland",) and rule.context == "collectief-optrekken"
    assert parse_keyword("Ieder  voor zich").parts == ("ieder voor zich",)
    for bad in ("", "eiland +", "+ techniek", "eiland @ "):
        assert parse_keyword(bad) is None


def test_both_words_and_question_context(tui_ws):
    from sto_qual.nlp.features import interview_inputs
    from sto_qual.nlp.rules import KeywordRules
    units = [("Hoe zit het met de samenwerking als collectief?", "interviewer", 0),
             ("Op het eiland doen we alles samen.", "bestuurder", 1),
             ("Wat is de urgentie?", "interviewer", 2),
             ("Op het eiland is techniek het probleem.", "bestuurder", 3)]
    inputs = interview_inputs(units)
    rules = KeywordRules([(1, "collectief-optrekken", ["collectief"]),
                          (2, "collectief-optrekken/ieder-voor-zich", ["eiland @ collectief-optrekken"]),
                          (3, "urgentie/behoud-techniekaanbod", ["eiland + techniek"])])
    assert 2 in rules.match(inputs[1]) and 3 not in rules.match(inputs[1])  # one word is not enough
    assert 2 not in rules.match(inputs[3])  # the question was about urgency, not the collective
    assert rules.match(inputs[3])[3] == ["eiland + techniek"]


def test_a_diminutive_keyword_matches_the_diminutive_not_the_plain_word():
    # the codebook's "eilandje" (each school on its own) was matched by its lemma "eiland" and
    # suggested ieder-voor-zich on every sentence of the island region that named the island
    from sto_qual.nlp.features import interview_inputs
    from sto_qual.nlp.rules import KeywordRules
    units = [("Er worden op het eiland gewoon minder kinderen geboren.", "bestuurder", 0),
             ("Het zijn nog een beetje eilandjes, hè.", "bestuurder", 1),
             ("Elke school is een eilandje.", "bestuurder", 2),
             ("De eilanden werken samen.", "bestuurder", 3)]
    rules = KeywordRules([(1, "collectief-optrekken/ieder-voor-zich", ["eilandje"]), (2, "regio", ["eiland"])])
    found = [rules.match(u) for u in interview_inputs(units)]
    assert [1 in f for f in found] == [False, True, True, False]
    assert found[1][1] == ["eilandjes"]
    assert all(2 in f for f in found)  # the plain word still finds every form, its diminutive too


def test_one_suggestion_per_unit_and_code_with_both_reasons(suggested_ws):
    # the shared project: keywords "kalenderjaar" and "afschrijving" on structurele-knelpunten,
    # then suggest(code="financieringsonzekerheid", learned=True, threshold=0.2)
    ws, res = suggested_ws, suggested_ws.seeded["result"]
    pending = ws.suggestions()
    assert res["model_suggestions"] > 0
    keys = [(s.unit, s.code) for s in pending]
    assert len(keys) == len(set(keys))
    both = [s for s in pending if s.origin == "model" and any(r.startswith("trefwoord:") for r in s.reasons)]
    assert both, "no suggestion carries a keyword and a model reason"
    assert res["with_keyword_reason"] == len(both)  # counts what was added, not what was proposed
    row = both[0].as_json()
    assert {"id", "doc", "unit", "code", "start", "end", "text", "origin", "reason", "confidence"} <= set(row)
    assert any(r.startswith("model ") for r in row["reasons"]) and row["confidence"] is not None
    assert all(s.code.startswith("financieringsonzekerheid") for s in pending)
    from sto_qual.services.suggesting import interviewer_units
    assert not {s.unit for s in pending} & interviewer_units(ws)  # none in interviewer questions


def test_evaluation_never_scores_an_interview_it_trained_on(tui_ws, monkeypatch):
    bench = _bench()
    names = {d.id: d.name for d in tui_ws.documents()}
    folds = bench.folds_of(names, 3)
    assert sorted(len(f) for f in folds) == [1, 1, 1] and set().union(*folds) == set(names)
    run = bench.evaluate(tui_ws, folds, coder="onderzoeker-a")
    assert [f["scored_interviews"] for f in run["folds"]] == [1, 1, 1]
    assert all(f["trained_units"] > 0 for f in run["folds"])
    # a trainer that peeks at every interview is caught
    from sto_qual.services import suggesting as sg
    honest = sg.train_model
    monkeypatch.setattr(sg, "train_model", lambda ws, **kw: honest(ws, **{**kw, "doc_ids": None}))
    with pytest.raises(AssertionError, match="scored units they were trained on"):
        bench.evaluate(tui_ws, folds, coder="onderzoeker-a")


def test_cli_suggest_explains_itself_and_interviewer_setting(tui_project):
    import json

    from click.testing import CliRunner

    from sto_qual.cli import cli
    runner = CliRunner()
    p = str(tui_project)
    r = runner.invoke(cli, ["suggest", "--project", p, "--learned"])
    assert r.exit_code == 0, r.output
    assert "model learned 24 codes from" in r.output and "interviewer questions skipped" in r.output
    assert "confidence calibrated for" in r.output
    rows = json.loads(runner.invoke(cli, ["suggestions", "--project", p, "--format", "json"]).output)
    assert rows and all("reasons" in x for x in rows)
    r = runner.invoke(cli, ["suggest", "--project", p, "--interviewer-turns", "on"])
    assert r.exit_code == 0 and "interviewer questions skipped" not in r.output
    from sto_qual.services import Workspace
    from sto_qual.services.suggesting import interviewer_turns_on, interviewer_units
    ws = Workspace.open(tui_project)
    try:
        assert interviewer_turns_on(ws)
        assert {s.unit for s in ws.suggestions()} & interviewer_units(ws)
    finally:
        ws.close()
    r = runner.invoke(cli, ["suggest", "--project", p, "--threshold", "2"])
    assert r.exit_code != 0 and "not in the range" in r.output


def test_codebook_refuses_a_keyword_with_an_empty_part():
    from sto_qual.domain.errors import CodebookError
    from sto_qual.importers.codebook_yaml import parse_codebook
    text = ("codebook: t\nversion: 1\ncodes:\n  - name: urgentie\n    keywords:\n"
            "      - \"eiland + techniek\"\n      - \"eiland +\"\n")
    with pytest.raises(CodebookError) as err:
        parse_codebook(text, "cb.yaml")
    assert "eiland +" in str(err.value) and err.value.line == 5
    ok = parse_codebook(text.replace('      - "eiland +"\n', ""), "cb.yaml")
    assert ok.codes[0].keywords == ("eiland + techniek",)


def test_a_keyword_written_with_accents_matches_as_written_and_one_that_cannot_match_is_refused(small_ws,
                                                                                                  tmp_path):
    """The keyword "één" suggested every sentence with "een" (its lemma), where `search één` finds
    only the number; "coördinator" finds its forms, "financiële" every form of "financieel".
    "*", a quote mark or "+" alone were taken from the command line and matched nothing, unsaid;
    "de" matched nearly every sentence, unsaid."""
    from sto_qual.domain.errors import CodebookError
    from sto_qual.nlp.features import UnitInput, lemmas_of
    from sto_qual.nlp.rules import KeywordRules
    rules = KeywordRules([(1, "a", ["één"]), (2, "b", ["coördinator"]), (3, "c", ["financiële"])])

    def hits(text):
        lemmas, words = lemmas_of(text)
        return set(rules.match(UnitInput(lemmas=lemmas, words=words)))
    assert hits("We hebben een vacature.") == set() and hits("Eén docent is weg.") == {1}
    assert hits("De coördinatoren bellen.") == {2} and hits("De coordinator belt.") == set()
    assert hits("Financieel is het lastig.") == {3}
    for bad, said in (("*", "no letter or digit"), ('"', "no letter or digit"), ("eiland +", "empty part")):
        with pytest.raises(CodebookError, match=said):
            small_ws.edit_code("urgentie", keywords=["docent", bad])
    from cli_runner import sq
    small_ws.close()
    r = sq("code-edit", "urgentie", "--keyword", "de", "--keyword", "docent", "-p", tmp_path / "small.db")
    assert r.returncode == 0 and "keyword 'de' of 'urgentie' is a word nearly every sentence holds" in r.stderr, r.stderr
    r = sq("code-edit", "urgentie", "--keyword", "ja", "-p", tmp_path / "small.db")  # common, not everywhere
    assert r.returncode == 0 and "nearly every sentence" not in r.stderr, r.stderr
    # "a @ code" with no such code can never match; "eiland, techniek" is two keywords, as in a file
    r = sq("code-edit", "urgentie", "--keyword", "eiland @ nosuchcode", "-p", tmp_path / "small.db")
    assert r.returncode == 1 and "needs a question about 'nosuchcode', and the codebook has no such code" in r.stderr
    assert sq("code-edit", "urgentie", "--keyword", "eiland, techniek", "-p", tmp_path / "small.db").returncode == 0
    r = sq("code-edit", "urgentie", "--keyword", "x, de", "-p", tmp_path / "small.db")  # warned as split
    assert "keyword 'de' of 'urgentie'" in r.stderr, r.stderr
    r = sq("code-edit", "urgentie", "--keyword", " , ", "-p", tmp_path / "small.db")  # it removed every keyword
    assert r.returncode == 2 and "gives no keyword" in r.stderr, r.stderr
    assert sq("code-edit", "urgentie", "--keyword", "eiland, techniek", "-p", tmp_path / "small.db").returncode == 0
    from sto_qual.services import Workspace
    ws = Workspace.open(tmp_path / "small.db")
    assert tuple(ws.code("urgentie").keywords) == ("eiland", "techniek")
    ws.close()


def test_explain_says_why_the_model_proposes_nothing_yet():
    from sto_qual.services.suggesting import explain
    base = {"rule_suggestions": 0, "model_suggestions": 0, "trained": ["urgentie"] * 22,
            "interviewer_units_skipped": 12}
    text = explain({**base, "coded_interviews": 1, "codings_used": 9, "calibrated_codes": 0})
    assert text.startswith("No new suggestions: every passage")
    assert "in 1 interview and" in text and "at least two interviews" in text
    assert "interviewer questions skipped (12 sentences" in text
    text = explain({**base, "coded_interviews": 0})
    assert "from the codebook only (no codings yet)" in text
    text = explain({**base, "rule_suggestions": 3, "model_suggestions": 1, "with_keyword_reason": 1,
                    "coded_interviews": 4, "codings_used": 80, "calibrated_codes": 22})
    assert text.startswith("4 new suggestions: 1 from the model (1 also matched keywords), 3 from keywords alone")
    # a learned run after a plain one: the keyword matches were suggested before, none of the new ones
    # (it said "232 from the model (0 also matched keywords)" beside suggestions giving both reasons)
    text = explain({**base, "model_suggestions": 232, "with_keyword_reason": 0, "coded_interviews": 4,
                    "codings_used": 80, "calibrated_codes": 22})
    assert text.startswith("232 new suggestions: 232 from the model, 0 from keywords alone"), text
    # a coder's own project, a model trained on three interviews: how good it is was never said, nor why
    assert ("on the coded interviews it made 0 with a confidence of 0.80 or more, too few to say (it says so "
            "from 20; code more interviews)") in text
    text = explain({**base, "model_suggestions": 9, "coded_interviews": 4, "codings_used": 80,
                    "calibrated_codes": 22, "held_out_right": [19, 24]})
    assert "19 of its 24 suggestions with a confidence of 0.80 or more (79 %)" in text and "too few" not in text


def test_the_model_never_proposes_a_sub_code_it_is_barely_sure_of(suggested_ws):
    """One coding more moved the demo's chosen floor from 0.1 to 0.0, and coders were shown
    "Gedeelde plek, model 0.02" (76 suggestions under 0.10), a model kept before included."""
    from sto_qual.services.suggest_training import MODEL_SETTING, kept_model
    pending = suggested_ws.suggestions(status="pending")
    scored = [s.confidence for s in pending if s.confidence is not None]
    assert scored and min(scored) >= 0.1
    record = suggested_ws.store.settings.get(MODEL_SETTING)
    suggested_ws.store.settings.set(MODEL_SETTING, {**record, "floor": 0.0})  # as a model kept before kept it
    assert kept_model(suggested_ws)[0].floor == 0.1


def test_no_suggestion_on_a_sentence_without_a_content_word():
    from sto_qual.domain.model import Code
    from sto_qual.nlp.features import interview_inputs
    from sto_qual.services.suggesting import candidates_from, score_units
    inputs = interview_inputs([("Ja.", "bestuurder", 1), ("Ja, de docent ontbreekt gewoon.", "bestuurder", 1)])
    rows = [{"id": 1, "document_id": 1, "role": "bestuurder"}, {"id": 2, "document_id": 1, "role": "bestuurder"}]
    code = Code(id=1, path="urgentie/docententekort", name="docententekort", parent="urgentie", colour="#000000",
                keywords=("ja", "docent"))
    cands = candidates_from(score_units(None, [code], inputs), rows)
    assert [(c.unit, c.code) for c in cands] == [(2, "urgentie/docententekort")]
    # ... but a keyword phrase of small words is its code's plainest statement ("Dat is echt ieder voor
    # zich." got nothing, as no word of it carries content)
    alone = Code(id=2, path="collectief-optrekken/ieder-voor-zich", name="ieder-voor-zich",
                 parent="collectief-optrekken", colour="#000000", keywords=("ieder voor zich",))
    inputs = interview_inputs([("Dat is echt ieder voor zich.", "bestuurder", 1), ("Ja.", "bestuurder", 1)])
    cands = candidates_from(score_units(None, [code, alone], inputs), rows)
    assert [(c.unit, c.code) for c in cands] == [(1, "collectief-optrekken/ieder-voor-zich")]


def test_a_confidence_calibrated_on_a_few_held_out_sentences_never_says_certain():
    """Early in a project a model said 1.00 of "Dat is toch bizar.", where its held-out check found
    three in four right: Platt's curve, fitted on 0 and 1, ran to certainty, also past the scores it
    was fitted on."""
    import numpy as np
    from sto_qual.nlp.classifier import _platt
    s = np.array([-4.0, -3.5, -3.0, -2.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0])
    y = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    cal = _platt(s, y)
    top = 5 / 6  # (4 positives + 1) / (4 + 2)
    assert cal(np.array([2.0]))[0] <= top + 1e-9 and cal(np.array([50.0]))[0] <= top + 1e-9
    assert cal(np.array([-4.0]))[0] < 0.2 < cal(np.array([1.0]))[0]  # still a curve that tells them apart
