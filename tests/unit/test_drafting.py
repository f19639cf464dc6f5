"""Pure drafting rules (domain/drafting.py) and the bench's matching rule."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from sto_qual.domain import drafting as d

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from synthesis_quality import matches, score  # noqa: E402


def weighted_log_odds(target, other, prior, alpha0=500.0):
    """The formula as Monroe, Colaresi & Quinn (2008) write it, with the rest built."""
    import math
    n_t, n_o, n_p = sum(target.values()), sum(other.values()), sum(prior.values()) or 1
    out = {}
    for w, y_t in target.items():
        a = alpha0 * (prior.get(w, 0) + 1) / (n_p + len(prior))
        y_o = other.get(w, 0)
        out[w] = (math.log((y_t + a) / (n_t + alpha0 - y_t - a)) - math.log((y_o + a) / (n_o + alpha0 - y_o - a))) \
            / math.sqrt(1 / (y_t + a) + 1 / (y_o + a))
    return out


def test_log_odds_favours_the_target_terms():
    from collections import Counter
    target = Counter({"investering": 80, "school": 50})
    everything = Counter({"investering": 90, "school": 550, "docent": 300})
    z = d.log_odds_against_rest(target, everything)
    assert z["investering"] > 1.96 > z["school"]
    assert z == weighted_log_odds(target, everything - target, everything)  # the same numbers, exactly


def test_log_odds_against_the_rest_is_the_formula_with_the_rest_built():
    import random
    from collections import Counter
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    for _ in range(50):
        everything = Counter({w: rng.randint(1, 40) for w in rng.sample(words, 40)})
        target = Counter({w: rng.randint(1, everything[w]) for w in rng.sample(sorted(everything), 12)})
        if rng.random() < 0.3:  # a term counted more in the target than overall, or not at all
            target[rng.choice(words)] += 50
        assert d.log_odds_against_rest(target, everything) == weighted_log_odds(target, everything - target, everything)


def test_lead_sentences_use_the_chapter_wording():
    assert d.lead_sentence("noemt men het docententekort", "de meerderheid", 16, 19) == \
        "In de meerderheid van de regio's (16 van 19) noemt men het docententekort."
    assert d.lead_sentence("speelt krimp.", "alle", 19, 19) == "In alle regio's speelt krimp."
    assert d.lead_sentence("speelt krimp", "een enkele", 1, 19) == "In een enkele regio speelt krimp."  # one says itself, as in the report
    assert d.fallback_phrase("Aansluiting op het mbo") == "spreekt men over ‘aansluiting op het mbo’"
    assert d.fallback_phrase("PIE-profielen") == "spreekt men over ‘PIE-profielen’"
    assert d.fallback_phrase("Stages en leerbanen") == "spreekt men over ‘stages en leerbanen’"  # no "komt" for two
    from sto_qual.domain import drafting_en as en
    assert en.fallback_phrase("Work placements") == "work placements come up"
    assert en.fallback_phrase("Guest lessons and company visits") == "guest lessons and company visits come up"
    assert en.fallback_phrase("Teacher shortage") == "teacher shortage comes up"
    assert en.fallback_phrase("Pupils moving on") == "pupils moving on comes up"
    assert en.fallback_phrase("Business") == "business comes up"


def test_basis_changes_name_the_codings():
    old = [[1, 0, 10, ""], [2, 20, 30, ""], [3, 40, 50, ""]]
    new = [[1, 0, 10, ""], [2, 20, 35, ""], [4, 60, 70, "memo"]]
    ch = d.basis_changes(old, new)
    assert ch == {"added": [4], "removed": [3], "changed": [2]}
    # which codings, as the README promises (`summary show` said "1 passage changed" and no id)
    assert d.describe_changes(ch) == "1 passage added (#4), 1 passage removed (#3), 1 passage changed (#2)"
    assert d.describe_changes({"changed": list(range(9, 2, -1))}) == "7 passages changed (#3, #4, #5, #6, #7 …)"
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


def test_a_coefficient_that_rounds_to_zero_is_never_negative():
    from sto_qual.domain.wording import two_decimals
    assert two_decimals(-0.001) == "0.00" and two_decimals(-0.001, ",") == "0,00"
    assert two_decimals(-0.25) == "-0.25" and two_decimals(0.8149, ",") == "0,81"
    # short of 1 is never printed as 1 (an agreement of 0.9966 had disagreements)
    assert two_decimals(0.9966) == "0.99" and two_decimals(1.0) == "1.00" and two_decimals(-0.999) == "-0.99"


def test_log_odds_of_a_code_that_holds_every_coded_sentence_does_not_divide_by_zero():
    """A project of four interviews with a sentence coded in each, all of one code: the target
    is the whole corpus and one term its whole vocabulary; `report` stopped on a division by zero."""
    from sto_qual.domain.drafting import log_odds_against_rest
    assert log_odds_against_rest({"docent": 1}, {"docent": 1}) == {"docent": 0.0}
    z = log_odds_against_rest({"docent": 4, "tekort": 2}, {"docent": 4, "tekort": 2, "geld": 1})
    assert set(z) == {"docent", "tekort"} and all(abs(v) < 10 for v in z.values())


def test_a_remark_on_the_theme_is_one_regions_and_claims_no_count():
    """Framed as recurring ("Daarnaast komt in meer regio's terug", later "Een opmerking die in een
    aantal regio's (4 van 19) terugkomt"), a remark claimed what a reader could not check: the four
    passages the point grouped by their words said four different things. It is one region's, as
    every retold example is; the point's regions stay in F9 and `summary show`."""
    from sto_qual.domain.drafting import point_sentence
    from sto_qual.domain.drafting_en import is_example
    said = "men krijgt van het ministerie maandenlang geen duidelijkheid."
    assert point_sentence("een deel", 9, 19, said, scope="theme") == "Daarnaast noemt een regio: " + said
    assert point_sentence("een enkele", 1, 19, said, scope="theme") == "Daarnaast noemt een regio: " + said
    own = "men heeft bijvoorbeeld een plan voor de komende jaren."  # its own "bijvoorbeeld" changes nothing
    assert point_sentence("een aantal", 4, 19, own, scope="theme", first=False, nth=1) == \
        "Een andere regio vertelt: " + own
    assert not any("van 19" in point_sentence(w, n, 19, said, scope=sc) for w, n in (("de meeste", 14), ("een deel", 7))
                   for sc in ("theme", "within", "same"))
    # a draft stored with an earlier frame is an example still (the chapter treats it as one)
    assert all(is_example(f + said) for f in ("Daarnaast komt in meer regio's terug: ", "Verder komt terug: ",
                                              "Een opmerking die in een deel van de regio's (9 van 19) terugkomt, "
                                              "verwoordt een regio zo: "))


def test_a_retold_sentence_with_nothing_in_it_is_no_example():
    """"Een regio vertelt: de techniek verandert zo snel." read as an empty sentence (two readers):
    fewer than four content words and nothing particular is no example; a number or a past event
    makes a short sentence one."""
    from sto_qual.domain.drafting import says_little
    from sto_qual.domain.quote_selection import content_words
    for text, empty in (("de techniek verandert zo snel.", True), ("het is lastig.", True),
                        ("er zijn daar elf po-besturen.", False), ("men kreeg in januari geen geld.", False),
                        ("men heeft een investering in een nieuwe CNC-machine een jaar uitgesteld.", False)):
        assert says_little(text, content_words(text)) is empty, text


def test_a_retold_men_sentence_puts_the_region_where_it_happened():
    """"Een regio vertelt: men heeft één PIE-docent …": a region tells nothing, and "men" after a
    colon read as a translation (two report writers stumbled on it). The chapter says where it
    happened and turns the verb round; a retelling without "men" first keeps its frame."""
    from sto_qual.domain.drafting import men_after_verb
    said = "men heeft één PIE-docent die straks met pensioen gaat."
    assert men_after_verb("Een regio vertelt: " + said) == \
        "In een regio heeft men één PIE-docent die straks met pensioen gaat."
    assert men_after_verb("Een regio noemt als voorbeeld: men zit in een stad.") == \
        "In een regio zit men bijvoorbeeld in een stad."
    assert men_after_verb("Een voorbeeld uit een regio: men wacht.") == "In een regio wacht men bijvoorbeeld."
    assert men_after_verb("Een andere regio vertelt: " + said).startswith("In een andere regio heeft men één ")
    assert men_after_verb("Een derde regio vertelt: men ging door.") == "In een derde regio ging men door."
    assert men_after_verb("Een andere regio: men ging door.") == "In een andere regio ging men door."  # an older draft
    assert men_after_verb("Daarnaast noemt een regio: men krijgt geen duidelijkheid.") == \
        "In een regio krijgt men daarnaast geen duidelijkheid."
    for kept in ("Een regio vertelt: op een school staat een vacature.", "In de meeste regio's noemt men het tekort.",
                 "Een regio vertelt: mensen zoeken werk.", "Men heeft het gezegd."):
        assert men_after_verb(kept) == kept
