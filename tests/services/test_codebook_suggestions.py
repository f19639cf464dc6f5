"""Suggestions before any coding: the interviewer's question and the codebook's texts point
at a theme; thresholds come from the codebook alone; the review screen says where a
suggestion comes from and switches interviewer questions on and off."""
from __future__ import annotations

import asyncio

from textual.widgets import Static

from sto_qual.domain.model import Suggestion
from sto_qual.nlp.codebook_match import CodebookMatcher, CodeTexts
from sto_qual.nlp.features import interview_inputs

CODEBOOK = [
    CodeTexts("urgentie", ("Urgentie", "Waar de grootste urgentie en de noodzaak voor het programma nu ligt.",
                           "De urgentie is groter geworden sinds de start."), ("urgentie",)),
    CodeTexts("urgentie/docententekort", ("Docententekort", "Het tekort aan technische docenten en vacatures.",
                                          "We krijgen de vacature voor de docent niet ingevuld."), ("vacature",)),
    CodeTexts("financiering", ("Financiering", "Onzekerheid over het geld van het ministerie na 2024.",
                               "Niemand wist of het geld van het ministerie doorliep."), ("ministerie",)),
]


def _inputs():
    return interview_inputs([
        ("Waar ligt nu de grootste urgentie voor het programma?", "interviewer", 0),
        ("Bij ons zijn dat de mensen, eerlijk gezegd.", "bestuurder", 1),
        ("Wat merken jullie daarvan?", "interviewer", 2),       # a follow-up: the topic goes on
        ("Dat de lessen soms uitvallen.", "bestuurder", 3),
        ("Hoe ervaren jullie de onzekerheid over het geld van het ministerie?", "interviewer", 4),
        ("Dat was lastig, hoor.", "bestuurder", 5),
        ("Mag ik jullie bedanken voor de koffie en de rondleiding door de kantine?", "interviewer", 6),
        ("Graag gedaan, de rondleiding was leuk.", "bestuurder", 7),
    ])


def _background(inputs):
    # a project has many sentences: everyday words are common in them, a code's words are not
    filler = interview_inputs([(f"We komen {n} keer per week samen in het gebouw {n}.", "bestuurder", n)
                               for n in range(40)])
    return [*inputs, *filler]


def test_the_question_carries_its_theme_to_the_answers():
    inputs = _inputs()
    matches = CodebookMatcher(CODEBOOK, _background(inputs)).match(inputs)
    urgent, follow_up, money, thanks = matches[1], matches[3], matches[5], matches[7]
    assert urgent is not None and urgent.theme == "urgentie" and "urgentie" in urgent.question_words
    assert follow_up is not None and follow_up.theme == "urgentie"  # "Wat merken jullie daarvan?" goes on
    assert money is not None and money.code == "financiering"
    assert thanks is None  # a question about none of the codes gives its answers none


def test_a_short_question_on_a_topic_of_its_own_is_no_follow_up():
    """"Heeft u nog behoefte aan kennisdeling?" (two words, no theme has them) was taken for a
    follow-up: its answer was suggested under the question before it, about the ministry's money,
    with that question's words as the reason "vraag over financiering"."""
    inputs = interview_inputs([
        ("Hoe ervaren jullie de onzekerheid over het geld van het ministerie?", "interviewer", 0),
        ("Dat was lastig, hoor.", "bestuurder", 1),
        ("Heeft u nog behoefte aan kennisdeling?", "interviewer", 2),
        ("Met andere regio's, ja. Die hebben dezelfde vragen.", "bestuurder", 3),
        ("Kunt u daar een voorbeeld van geven?", "interviewer", 4),   # asks for more: the topic goes on
        ("Over het geld van het ministerie wisten we niets.", "bestuurder", 5),
    ])
    matches = CodebookMatcher(CODEBOOK, _background(inputs)).match(inputs)
    assert matches[1] is not None and matches[1].code == "financiering"
    assert matches[3] is None or "ministerie" not in matches[3].question_words, matches[3]
    assert matches[5] is not None and matches[5].code == "financiering"


def test_noise_level_comes_from_the_codebook_alone():
    inputs = _background(_inputs())
    m = CodebookMatcher(CODEBOOK, inputs)
    assert 0 <= m.noise < 1 and 0 <= m.sub_noise < 1
    # the same codebook and words: the same levels (the matcher never sees codings)
    assert (m.noise, m.sub_noise) == (CodebookMatcher(CODEBOOK, inputs).noise, CodebookMatcher(CODEBOOK, inputs).sub_noise)
    # a theme whose texts borrow another's words makes a chance resemblance likelier: the bar rises
    blurred = [*CODEBOOK[:2], CodeTexts("financiering", (*CODEBOOK[2].sentences,
                                                         "De urgentie van het programma hangt aan het geld."))]
    assert CodebookMatcher(blurred, inputs).noise > m.noise


def test_before_any_coding_the_model_path_suggests_from_the_codebook(small_ws):
    ws = small_ws
    assert ws.info()["codings"] == 0
    res = ws.suggest(learned=True)
    assert res["from_codebook"] is True and res["model_suggestions"] == 0
    from sto_qual.services.suggesting import explain, interviewer_units
    assert "from the codebook: the interviewer's question" in explain(res)
    pending = ws.suggestions()
    assert pending and ws.info()["codings"] == 0
    assert not {s.unit for s in pending} & interviewer_units(ws)
    assert all(s.origin == "rule" and s.confidence is None for s in pending)
    by_text = {s.text: s for s in pending}
    teachers = by_text["Het tekort aan technische docenten."]
    assert teachers.code.startswith("urgentie")
    assert any(r.startswith("vraag over urgentie") for r in teachers.reasons)
    assert len({(s.unit, s.code) for s in pending}) == len({s.unit for s in pending})  # one code per unit
    # no calibrated model to keep: a plain suggest neither applies one nor trains again (keywords alone)
    again = ws.suggest()
    assert not again["model_reused"] and not again["retrained_automatically"] and again["trained"] == []


def test_review_screen_names_the_codebook_and_switches_interviewer_questions(tui_ws):
    from sto_qual.services.suggesting import interviewer_turns_on
    from sto_qual.tui.app import make_app
    from sto_qual.tui.screens.suggestions import _from_codebook, _why
    from sto_qual.tui.settings import load_settings
    s = Suggestion(1, 1, "R01", 1, "urgentie", 0, 5, "tekst", "rule",
                   "trefwoord: vacature · vraag over urgentie: urgentie · codeboek: docent", None)
    assert _why(s) == ["“vacature”", "question", "codebook"] and _from_codebook(s)  # (it said "vraag + codeboek")
    model = Suggestion(2, 1, "R01", 2, "urgentie", 0, 5, "tekst", "model", "model 0.80", 0.8)
    assert _why(model) == ["model"] and not _from_codebook(model)
    from dataclasses import replace

    from sto_qual.tui.screens.suggestions import _reading_order_without_confidence
    later = replace(s, id=3, start=50, code="financiering")
    other_doc = replace(s, id=4, doc="R00", start=90)
    # the model's first (as ranked); those without a confidence in the order of the interviews
    assert [x.id for x in _reading_order_without_confidence([later, model, s, other_doc])] == [2, 4, 1, 3]

    async def scenario():
        app = make_app(tui_ws, load_settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f4")
            await pilot.pause()
            summary = app.screen.query_one("#sugg-summary", Static)
            assert "interviewer questions hidden (i shows)" in str(summary.render())
            assert "most confident first" in str(summary.render())
            await pilot.press("i")
            await pilot.pause()
            assert interviewer_turns_on(tui_ws)
            assert "interviewer questions shown (i hides)" in str(summary.render())
            await pilot.press("i")
            await pilot.pause()
            assert not interviewer_turns_on(tui_ws)
    asyncio.run(scenario())


def test_codebook_only_evaluation_never_reads_a_coding(tui_ws, monkeypatch):
    """The bench's codebook-only row: no coding of any interview is read, trained on or used
    for a threshold (the store refuses to give one)."""
    import importlib.util
    import sys
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "bench" / "suggestion_quality.py"
    spec = importlib.util.spec_from_file_location("suggestion_quality", path)
    bench = sys.modules["suggestion_quality"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folds = bench.folds_of({d.id: d.name for d in tui_ws.documents()}, 3)

    def no_codings(*a, **k):
        raise AssertionError("a coding was read")
    monkeypatch.setattr(tui_ws.store.codings, "records", no_codings)
    run = bench.evaluate(tui_ws, folds, codebook_only=True)
    assert run["candidates"] and all(c.confidence is None for c in run["candidates"])
    assert all(any(r.startswith(("vraag over", "codeboek")) for r in c.reasons) for c in run["candidates"])


def test_a_confidence_threshold_keeps_codebook_suggestions_as_it_keeps_keyword_ones():
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.services.suggest_scoring import Scoring, candidates_from
    m = CodebookMatch("urgentie/docententekort", "urgentie", 0.4, ("urgentie",), ("docent",))
    rows = [{"id": 1, "role": "bestuurder"}, {"id": 2, "role": "interviewer"}, {"id": 3, "role": "bestuurder"}]
    scoring = Scoring([None] * 3, {}, [{"urgentie/docententekort": ["docenten"]}, {}, {}],
                      proposable=[True] * 3, codebook=[m, m, None])
    for threshold in (None, 0.9):
        cands = candidates_from(scoring, rows, threshold=threshold)
        assert [(c.unit, c.code, c.confidence) for c in cands] == [(1, "urgentie/docententekort", None)]
        assert cands[0].reasons == ("trefwoord: docenten", "vraag over urgentie: urgentie", "codeboek: docent")


def test_a_model_calibrated_for_some_codes_leaves_the_others_to_the_codebook_without_a_confidence():
    """After 22 codings in four interviews the model was calibrated for 2 of 24 codes, yet every
    suggestion came from it: keyword matches for the other codes carried its raw probability as
    their confidence (0.06 for a perfect match), so a coder's `reject --all-below 0.1` threw out
    831 keyword matches, and bulk accept found nothing above 0.5. A code the model cannot judge
    yet has no confidence; the codebook suggests for it, as before any calibration; the
    calibrated codes keep the model's confidence."""
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.services.suggest_scoring import Scoring, candidates_from, choose
    calibrated = {"urgentie": 0.5, "urgentie/docententekort": 0.4}
    probs = {"urgentie": 0.7, "urgentie/docententekort": 0.65, "collectief-optrekken": 0.06,
             "collectief-optrekken/gedeelde-plek": 0.06}
    keyword = {"collectief-optrekken/gedeelde-plek": ["neutrale plek"]}
    # choose() alone: the keyword match of an uncalibrated code has no confidence
    only = choose({**probs, "urgentie": 0.1, "urgentie/docententekort": 0.1}, calibrated, keyword, 7,
                  rules_alone=False)
    assert [(c.code, c.confidence) for c in only] == [("collectief-optrekken/gedeelde-plek", None)]
    book = CodebookMatch("collectief-optrekken/gedeelde-plek", "collectief-optrekken", 0.5, (), ("plek",))
    low = {**probs, "urgentie": 0.1, "urgentie/docententekort": 0.1}
    scoring = Scoring([probs, low], calibrated, [keyword, keyword], proposable=[True, True],
                      codebook_rest=[book, book])
    rows = [{"id": 1, "role": "bestuurder"}, {"id": 2, "role": "bestuurder"}]
    cands = candidates_from(scoring, rows)
    by_unit = {c.unit: c for c in cands}
    assert len(cands) == 2
    assert by_unit[1].code == "urgentie/docententekort" and by_unit[1].confidence == 0.65  # the model's, calibrated
    assert by_unit[2].code == "collectief-optrekken/gedeelde-plek" and by_unit[2].confidence is None
    assert by_unit[2].reasons == ("trefwoord: neutrale plek", "codeboek: plek")  # its keyword among the codebook's


def test_the_learned_run_says_which_suggestions_the_codebook_made_and_what_calibration_needs():
    from sto_qual.services.suggesting import explain
    said = explain({"rule_suggestions": 938, "codebook_suggestions": 938, "model_suggestions": 144,
                    "with_keyword_reason": 9, "trained": ["a"] * 24, "calibrated_codes": 3,
                    "calibrated": ["urgentie", "collectief-optrekken", "financieringsonzekerheid/impact"],
                    "coded_interviews": 4, "codings_used": 44, "withdrawn": 12})
    # which codes, while they are few ("calibrated for 1 of them" named none)
    assert "calibrated for 3 of them (urgentie, collectief-optrekken, financieringsonzekerheid/impact)" in said
    assert "0 from keywords alone, 938 from the codebook for codes the model cannot judge yet" in said
    assert "calibrated once at least 8 of its sentences are coded, in at least two interviews" in said
    assert "the codebook suggests for the others" in said
    # the learned run withdrew keyword suggestions "nothing proposes any more", and a plain run
    # then found the keywords still pointing at them: for a code the model judges they are reasons
    assert ("12 older pending suggestions withdrawn: the model does not propose them, nor the codebook for a code "
            "it cannot judge (for a code it judges, a keyword match is a reason beside its confidence") in said, said
    assert "the model no longer supports" not in said
    again = explain({"rule_suggestions": 0, "model_suggestions": 0, "model_reused": True})
    assert again.startswith("No new suggestions: every passage the model points at is already coded") and \
        "a keyword match is a reason beside its confidence, not a suggestion" in again, again


def test_a_reply_that_only_agrees_or_laughs_gets_no_suggestion():
    """Among the pending suggestions were "(lacht)" at 0.59, "Nee, dat klopt.", "Logisch.", "Dat
    herken ik." at 0.78 and "Zonder twijfel." at 0.75, beside codings they only prolong: a coder
    cannot use them. A sentence whose only content words are those of a reply gets none."""
    from sto_qual.nlp.features import UnitInput, has_content
    for lemmas in (("lacht",), ("nee", "dat", "klopt"), ("logisch",), ("dat", "herken", "ik"), ("zonder", "twijfel"),
                   ("bij", "ons", "hetzelfde"), ("ja",), ("haha",), ("tja",), ("tien", "minuut"), ("negen",), ("jaar",)):
        assert not has_content(UnitInput(lemmas=lemmas)), lemmas
    for lemmas in (("dan", "sta", "je", "sterker"), ("het", "techlab", "draaien"), ("dat", "klopt", "met", "de", "cijfers")):
        assert has_content(UnitInput(lemmas=lemmas)), lemmas


def test_early_a_theme_is_proposed_where_its_one_judged_sub_code_is_no_answer():
    """After 51 codings the model proposed financieringsonzekerheid/impact at 0.0008 on a sentence
    coded structurele-knelpunten: impact was the only sub-code it could judge, so the theme's
    confident sentences all went to it. Below 0.05, while its siblings cannot be judged yet, the
    theme is proposed; with every sibling judged (the demo), the sub-code stays as before."""
    from sto_qual.services.suggest_scoring import choose
    probs = {"financieringsonzekerheid": 0.9, "financieringsonzekerheid/impact": 0.0008,
             "financieringsonzekerheid/structurele-knelpunten": 0.3}
    early = {"financieringsonzekerheid": 0.5, "financieringsonzekerheid/impact": 0.4}
    assert [c.code for c in choose(probs, early, {}, 1, rules_alone=False)] == ["financieringsonzekerheid"]
    every = {**early, "financieringsonzekerheid/structurele-knelpunten": 0.4}
    assert [c.code for c in choose(probs, every, {}, 1, rules_alone=False)] == \
        ["financieringsonzekerheid/structurele-knelpunten"]
    sure = {**probs, "financieringsonzekerheid/impact": 0.3}  # judged and plausible: proposed, as before
    assert [c.code for c in choose(sure, early, {}, 1, rules_alone=False)] == ["financieringsonzekerheid/impact"]


def test_within_the_theme_the_codebook_chose_a_sub_codes_keyword_in_the_sentence_picks_it():
    """The codebook's sub-code gave way to nothing, where the sentence held another sub-code's
    keyword of the same theme; a keyword of another theme leaves the codebook's theme (the
    interviewer's question steers the answer: measured, it chose worse)."""
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.services.suggest_scoring import keyword_first
    m = CodebookMatch("urgentie/arbeidsmarkt", "urgentie", 0.4, ("urgentie",), ("werk",))
    picked = keyword_first(m, {"urgentie/docententekort": ["docenten"]})
    assert (picked.code, picked.theme, picked.question_words) == ("urgentie/docententekort", "urgentie", ("urgentie",))
    assert keyword_first(m, {"urgentie": ["urgent"]}) is m  # the keyword's code holds the suggestion
    assert keyword_first(m, {"financieringsonzekerheid": ["financiële"]}) is m
    assert keyword_first(None, {"urgentie/docententekort": ["docenten"]}) is None


def test_a_keyword_of_a_sub_code_the_model_cannot_judge_stands_beside_its_choice_in_that_theme():
    """Early in a project "ieder voor zich", said in so many words, was suggested contacten-po (the
    sub-code the model could judge) and not the sub-code whose keyword it is; rejected, the sentence
    had no suggestion at all. Within the codebook's theme such a keyword chooses the sub-code."""
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.services.suggest_scoring import Scoring, candidates_from
    theme, po, own = "collectief-optrekken", "collectief-optrekken/contacten-po", "collectief-optrekken/ieder-voor-zich"
    probs = {theme: 0.9, po: 0.8, own: 0.01, "urgentie": 0.0}
    hits = [{own: ["ieder voor zich"]}, {own: ["ieder voor zich"]}, {"urgentie/arbeidsmarkt": ["lassers"]}]
    m = CodebookMatch(po, theme, 0.4, (), ("basisschool",))
    scoring = Scoring([probs, {**probs, theme: 0.1, po: 0.05}, {**probs, theme: 0.1, po: 0.05}],
                      {theme: 0.5, po: 0.4, "urgentie": 0.5}, hits, proposable=[True] * 3,
                      codebook_rest=[None, m, None])
    rows = [{"id": i, "role": "bestuurder"} for i in (1, 2, 3)]
    got = [(c.unit, c.code, c.confidence) for c in candidates_from(scoring, rows)]
    # beside the model's choice; instead of the codebook's sub-code; no keyword of another theme alone
    assert got == [(1, po, 0.8), (1, own, None), (2, own, None)]
