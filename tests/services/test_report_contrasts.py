"""The differences between regions, worded by the report from the contrasts' counts."""
from sto_qual.domain.synthesis import Contrast
from sto_qual.services.report_contrasts import ContrastWriter


def _writer(lang="nl", numbers=True, phrase=""):
    from sto_qual.domain.wording import frequency_wording
    return ContrastWriter(lang, numbers, frequency_wording, lambda p: {"t/a": "Docententekort", "t/b": "Regierol op papier"
                                                                         }.get(p, p),
                          lambda p: phrase, lambda v: v)


ATTR = Contrast(code="t/a", other="region_type", kind="attribute", text="Docententekort: vooral in alle gemengde "
                "regio's, minder in krimpregio's (2 van 4).", counts=(("gemengd", 5, 5), ("krimp", 2, 4)))


def test_a_whole_group_gets_its_count_and_the_phrase_replaces_the_label():
    w = _writer(phrase="noemt men het tekort aan (technische) docenten")
    assert w.text(ATTR) == ("In alle gemengde regio's (5 van 5) noemt men het tekort aan (technische) docenten, "
                            "in krimpregio's (2 van 4) minder vaak.")
    assert "(" not in _writer(numbers=False, phrase="noemt men het tekort").text(ATTR)


def test_english_has_no_especially_in_all_and_no_only_only():
    en = _writer("en").text(ATTR)
    assert en == "Docententekort comes up in all mixed regions (5 of 5), less often in regions with a declining " \
                 "population (2 of 4)."
    codes = Contrast(code="t/a", other="t/b", kind="codes", text="",
                     counts=(("only-one", 12, 19), ("only-other", 4, 19), ("both", 3, 19), ("neither", 0, 19)))
    text = _writer("en").text(codes)
    assert "‘" not in text and "only ‘" not in text and text.startswith("Docententekort against regierol op papier:")
    assert _writer().text(codes) == ("Docententekort tegenover regierol op papier: in meer dan de helft van de regio's "
                                     "(12 van 19) alleen het eerste, in een aantal regio's (4 van 19) alleen het tweede "
                                     "en in een aantal regio's (3 van 19) beide.")


def test_a_group_where_it_never_comes_up_has_no_zero_count():
    c = Contrast(code="t/a", other="region_type", kind="attribute", text="x", counts=(("krimp", 4, 4), ("stedelijk", 0, 5)))
    assert _writer(phrase="speelt de krimp").text(c) == "In alle krimpregio's (4 van 4) speelt de krimp, in stedelijke " \
                                                        "regio's niet."
