"""Pure drafting rules (domain/drafting.py) and the bench's matching rule."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from sto_qual.domain import drafting as d

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from synthesis_quality import matches, score  # noqa: E402


def test_log_odds_favours_the_target_terms():
    target = {"investering": 80, "school": 50}
    other = {"investering": 10, "school": 500, "docent": 300}
    prior = {k: target.get(k, 0) + other.get(k, 0) for k in {*target, *other}}
    z = d.weighted_log_odds(target, other, prior)
    assert z["investering"] > 1.96 > z["school"]


def test_lead_sentences_use_the_chapter_wording():
    assert d.lead_sentence("noemt men het docententekort", "de meerderheid", 16, 19) == \
        "In de meerderheid van de regio's (16 van 19) noemt men het docententekort."
    assert d.lead_sentence("speelt krimp.", "alle", 19, 19) == "In alle regio's speelt krimp."
    assert d.lead_sentence("speelt krimp", "een enkele", 1, 19) == "In een enkele regio speelt krimp."  # one says itself, as in the report
    assert d.fallback_phrase("Aansluiting op het mbo") == "komt ‘aansluiting op het mbo’ ter sprake"
    assert d.fallback_phrase("PIE-profielen") == "komt ‘PIE-profielen’ ter sprake"


def test_basis_changes_name_the_codings():
    old = [[1, 0, 10, ""], [2, 20, 30, ""], [3, 40, 50, ""]]
    new = [[1, 0, 10, ""], [2, 20, 35, ""], [4, 60, 70, "memo"]]
    ch = d.basis_changes(old, new)
    assert ch == {"added": [4], "removed": [3], "changed": [2]}
    assert d.describe_changes(ch) == "1 passage added, 1 passage removed, 1 passage changed"
    assert d.fingerprint(old) != d.fingerprint(new) and d.fingerprint(old) == d.fingerprint([list(x) for x in old])


def test_bench_matching_rule_on_a_small_reference():
    ref = yaml.safe_load((REPO / "tests" / "fixtures" / "synthesis" / "reference_small.yaml").read_text("utf-8"))
    r1, r2 = ref["themes"]["financieringsonzekerheid"]["points"]
    # half of each side's regions shared, and a shared lemma
    assert matches({"label": "investering", "regions": ["R02", "R05", "R13"], "lemmas": ["investering"]}, r1)
    # the drafted point's regions are mostly elsewhere: no match
    assert not matches({"label": "investering", "regions": ["R02", "R05", "R13", "R14", "R15"],
                        "lemmas": ["investering"]}, r1)
    # regions fine but no shared lemma
    assert not matches({"label": "geld", "regions": ["R02", "R05", "R06"], "lemmas": ["geld"]}, r1)
    # inflected forms: a common prefix of five letters or more counts; bigrams through their words
    assert matches({"label": "x", "regions": ["R03", "R07"], "lemmas": ["zij-instromers"]}, r2)
    assert matches({"label": "x", "regions": ["R03", "R07"], "lemmas": ["vaste aanstelling"]}, r2)
    drafted = {"financieringsonzekerheid": [
        {"label": "investering, uitstellen", "regions": ["R02", "R05", "R06"], "lemmas": ["investering"]},
        {"label": "ministerie", "regions": ["R01", "R04"], "lemmas": ["ministerie"]}]}
    sc = score(drafted, ref)
    assert (sc["recovered"], sc["reference"], sc["spurious"], sc["drafted"]) == (1, 2, 1, 2)
    assert sc["region_overlap"] == 0.75
