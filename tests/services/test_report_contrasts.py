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


def test_the_phrase_replaces_the_label_and_the_comparison_is_said_in_the_sentence():
    w = _writer(phrase="noemt men het tekort aan (technische) docenten")
    # the other group's share in words too, as the tables say it (it read "in krimpregio's (2 van 4) minder vaak");
    # "tegenover" says it is a comparison ("…, in de helft van …" read as unfinished); "alle" needs no "(5 van 5)"
    assert w.text(ATTR) == ("In alle gemengde regio's noemt men het tekort aan (technische) docenten, "
                            "tegenover de helft van de krimpregio's (2 van 4).")
    assert "(" not in _writer(numbers=False, phrase="noemt men het tekort").text(ATTR)


def test_english_has_no_especially_in_all_and_no_only_only():
    en = _writer("en").text(ATTR)
    assert en == "Docententekort comes up in all mixed regions, compared with half of the shrinking regions (2 of 4)."
    codes = Contrast(code="t/a", other="t/b", kind="codes", text="",
                     counts=(("only-one", 12, 19), ("only-other", 4, 19), ("both", 3, 19), ("neither", 0, 19)))
    text = _writer("en").text(codes)
    assert "‘" not in text and "only" not in text
    assert text == "In several regions (3 of 19), both Docententekort and regierol op papier come up."
    # without phrases: where the two meet, never "alleen het eerste" (a count of "only one"
    # would read as contradicting the facets' own counts)
    assert _writer().text(codes) == "In een aantal regio's (3 van 19) komen docententekort en regierol op papier " \
                                    "allebei naar voren."


def test_a_group_where_it_never_comes_up_has_no_zero_count():
    c = Contrast(code="t/a", other="region_type", kind="attribute", text="x", counts=(("krimp", 4, 4), ("stedelijk", 0, 5)))
    assert _writer(phrase="speelt de krimp").text(c) == "In alle krimpregio's speelt de krimp, tegenover geen van de stedelijke regio's."
    assert _writer("en", phrase="decline plays a part").text(c) == \
        "In all shrinking regions, decline plays a part, compared with none of the urban regions."


PHRASES = {"t/a": "heeft de onzekerheid gevolgen gehad", "t/b": "zegt men dat de onzekerheid weinig gevolgen had",
           "t/c": "wijst men op de tekorten op de arbeidsmarkt", "t/d": "speelt de krimp van het aantal leerlingen"}


def _phrased(numbers=True):
    from sto_qual.domain.wording import frequency_wording
    return ContrastWriter("nl", numbers, frequency_wording, lambda p: p, lambda p: PHRASES.get(p, ""), lambda v: v)


def test_opposing_codes_read_as_prose_not_as_a_crosstab():
    codes = Contrast(code="t/a", other="t/b", kind="codes", text="x",
                     counts=(("only-one", 11, 19), ("only-other", 3, 19), ("both", 5, 19), ("neither", 0, 19)))
    text = _phrased().text(codes)
    assert text == ("In een aantal regio's (5 van 19) komen beide beelden naar voren: daar heeft de onzekerheid "
                    "gevolgen gehad en zegt men ook dat de onzekerheid weinig gevolgen had.")
    assert "eerste" not in text and "tegenover" not in text and "11" not in text
    assert "(" not in _phrased(numbers=False).text(codes)
    apart = Contrast(code="t/a", other="t/b", kind="codes", text="x",
                     counts=(("only-one", 11, 19), ("only-other", 3, 19), ("both", 0, 19), ("neither", 5, 19)))
    assert _phrased().text(apart) == "t/a en t/b komen in geen enkele regio samen voor."


def test_differences_led_by_the_same_group_are_one_sentence_and_a_persons_sentence_stays():
    a = Contrast(code="t/c", other="region_type", kind="attribute", text="x", counts=(("krimp", 4, 4), ("gemengd", 2, 5)))
    b = Contrast(code="t/d", other="region_type", kind="attribute", text="x", counts=(("krimp", 4, 4), ("stedelijk", 0, 5)))
    mine = Contrast(code="t/a", other="region_type", kind="attribute", text="Zo schreef ik het.",
                    counts=(("krimp", 4, 4), ("gemengd", 1, 5)), reviewed=True)
    said = _phrased().paragraph([a, mine, b])
    # the comparison stays in the sentence (in brackets it was hidden); the group is named again ("daar"
    # read as the group named last)
    # a minority of a small group in the tier's word, as the tables and DOMAIN say it: "twee van de vijf
    # gemengde regio's" stood beside the table's "een deel (2/5)"
    assert said == [("In alle krimpregio's wijst men op de tekorten op de arbeidsmarkt, tegenover een deel van de "
                     "gemengde regio's (2 van 5). In alle krimpregio's speelt ook de krimp van het aantal leerlingen, "
                     "tegenover geen van de stedelijke regio's.", True),
                    ("Zo schreef ik het.", False)]
    assert "(" not in _phrased(numbers=False).paragraph([a, b])[0][0]
    # without numbers no count at all: "twee van de vijf" was the only one left in the chapter
    assert "tegenover een deel van de gemengde regio's." in _phrased(numbers=False).paragraph([a, b])[0][0]
    en = ContrastWriter("en", True, __import__("sto_qual.domain.wording", fromlist=["x"]).frequency_wording,
                        lambda p: p, lambda p: {"t/c": "shortages are pointed out"}.get(p, ""), lambda v: v)
    assert en.text(a) == ("In all shrinking regions, shortages are pointed out, compared with a large minority of the "
                          "mixed regions (2 of 5).")
    big = Contrast(code="t/c", other="region_type", kind="attribute", text="x", counts=(("krimp", 10, 10), ("gemengd", 4, 12)))
    assert "tegenover een deel van de gemengde regio's (4 van 12)" in _phrased().text(big)  # a larger group keeps its word


def test_one_region_of_the_other_group_is_said_as_one():
    """"in gemengde regio's (1 van 5) minder vaak" read as a share; one region is "een enkele",
    "one" in English, alike in a sentence of its own and in joined ones (one paragraph read "one
    mixed region" beside "only one rural region")."""
    c = Contrast(code="t/a", other="region_type", kind="attribute", text="x",
                 counts=(("stedelijk", 3, 5), ("gemengd", 1, 5)))
    assert _writer(phrase="heeft het vmbo de regie vooral op papier").text(c) == \
        "In meer dan de helft van de stedelijke regio's (3 van 5) heeft het vmbo de regie vooral op papier, tegenover " \
        "een enkele gemengde regio."  # (the word says the number, as the method says and the tables write it)
    assert _writer("en", phrase="the vmbo holds the lead mainly on paper").text(c) == \
        "In more than half of the urban regions (3 of 5), the vmbo holds the lead mainly on paper, compared with one " \
        "mixed region."


def test_ook_goes_where_dutch_puts_it():
    from sto_qual.domain.wording import with_ook as _ook
    assert _ook("gaat het over de aansluiting") == "gaat het ook over de aansluiting"
    assert _ook("heeft het vmbo de regie vooral op papier") == "heeft het vmbo ook de regie vooral op papier"
    assert _ook("heeft de onzekerheid gevolgen gehad") == "heeft de onzekerheid ook gevolgen gehad"
    assert _ook("speelt de krimp van het aantal leerlingen") == "speelt ook de krimp van het aantal leerlingen"
    assert _ook("wijst men op de tekorten") == "wijst men ook op de tekorten"
    # a reflexive verb keeps its pronoun beside it (it read "maakt men ook zich zorgen")
    assert _ook("maakt men zich zorgen over het aanbod") == "maakt men zich ook zorgen over het aanbod"


def test_the_projects_own_word_for_a_region_type_reaches_the_text_as_the_tables_header():
    """`attribute-label krimp "declining region" --lang en` changed the tables' headers, while the
    text kept "shrinking regions"."""
    from sto_qual.report.vocabulary import region_group, region_group_one
    assert region_group("krimp", "en", "shrinking") == "shrinking regions"  # the built-in word
    assert region_group("krimp", "en", "declining region") == "declining regions"
    assert region_group("krimp", "en", "declining") == "declining regions"
    assert region_group_one("krimp", "en", label="declining area") == "a declining area"
    assert region_group("krimp", "nl", "krimpgebied") == "krimpgebieden"
    assert region_group_one("krimp", "nl", label="krimpgebied") == "krimpgebied"
    assert region_group("krimp", "nl", "krimp") == "krimpregio's" and region_group("krimp", "nl") == "krimpregio's"
    assert region_group("grensregio", "en", "grensregio [nl]") == ""  # no English word: the caller's "regions with"
    assert region_group("ja", "en", "yes") == ""  # one word of a project's own value is no kind of region
    w = ContrastWriter("en", True, __import__("sto_qual.domain.wording", fromlist=["x"]).frequency_wording,
                       lambda p: p, lambda p: "decline plays a part", {"krimp": "declining region"}.get)
    c = Contrast(code="t/a", other="region_type", kind="attribute", text="x", counts=(("krimp", 4, 4), ("stedelijk", 0, 5)))
    w.value_label = lambda v: {"krimp": "declining region"}.get(v, {"stedelijk": "urban"}[v] if v == "stedelijk" else v)
    assert w.text(c) == "In all declining regions, decline plays a part, compared with none of the urban regions."


def test_a_region_type_in_other_capitals_is_the_same_group_in_the_prose_as_in_the_tables(demo_ws):
    """R02 set to "Krimp" beside three "krimp": the chapter's table counted five krimp regions
    (stats groups capitals as one) while its prose said "In alle krimpregio's" of four and "de
    helft van de krimpregio's (2 van 4)", false beside the table. The chapter reads the same as
    with the value spelt as the others spell it."""
    def chapter():
        data = demo_ws.report_data(appendix="none")
        return [(t.contrasts, t.points, t.tables) for t in data.themes]
    before = chapter()
    demo_ws.set_attributes("R02", {"region_type": "Krimp"})
    assert demo_ws.document_service.attributes("R02")["region_type"] == "Krimp"  # stored as typed
    assert chapter() == before
