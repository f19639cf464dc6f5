"""How a theme section opens (its lead, the first paragraph after the "Concept" line): the
common view first — what most regions say about the theme, its widest sub-codes each after its
own frequency word and count — and how consistent the answers are (DOMAIN.md, "How the report
speaks"). A report writer read the demo chapter and found: a first sentence that only said the
theme was discussed ("In alle regio's bespreekt men of …", asked in every interview); "drie
onderwerpen komen in de meeste regio's terug, namelijk … (in alle regio's)"; "weinig uiteen"
over a theme whose fourth widespread sub-code, left out by "waaronder", said its opposite
("werkt men nog grotendeels ieder voor zich", 14 van 19); and two contrasting sub-codes stated
as two facts that contradict for the regions naming both."""
from __future__ import annotations

import re

import pytest

from sto_qual.domain import drafting, drafting_en
from sto_qual.domain.drafting import Opposed, Part

TOTAL = 19
LEADS = {
    # not called consistent: the differences between region types follow in the section
    "urgentie": ("In alle regio's noemt men de ontwikkeling van de urgentie sinds "
                 "de start, in de meeste regio's ook het docententekort (15 van 19) en de krapte op de technische "
                 "arbeidsmarkt (13 van 19)."),
    "vmbo-in-the-lead": ("In alle regio's noemt men de belemmeringen voor de regierol, in de meeste regio's ook de "
                         "succesfactoren (14 van 19). Op één punt lopen de antwoorden uiteen: in de "
                         "meeste regio's (15 van 19) wijst men op de regie die het vmbo in de praktijk voert, in een "
                         "deel van de regio's (7 van 19) op een regierol die vooral op papier bestaat; een aantal "
                         "regio's (3 van 19) noemt beide."),
    "collectief-optrekken": ("In alle regio's noemt men de contacten met het primair onderwijs, in vrijwel alle regio's "
                             "ook de onderlinge concurrentie of afspraken daarover (17 van 19), en in de meeste "
                             "regio's het "
                             "vertrouwen tussen de schoolbesturen (15 van 19). Daar staat tegenover: in de "
                             "meeste regio's (14 van 19) zegt men dat de scholen nog grotendeels ieder voor zich werken."),
    # the point the answers part on (16 regions) is wider than the common topic (15): it comes first,
    # after the theme's own sentence, the view all regions share (the section never said it)
    "financieringsonzekerheid": ("In alle regio's spreekt men over de onzekerheid rond de voortzetting van de "
                                 "STO-middelen. Op één punt lopen de antwoorden uiteen: in de meeste regio's "
                                 "(16 van 19) wijst men op de gevolgen van de onzekerheid, in een deel van de "
                                 "regio's (8 van 19) op het beperkte effect van de onzekerheid; een aantal regio's "
                                 "(5 van 19) noemt beide. In de meeste regio's noemt men ook de structurele knelpunten "
                                 "in de financiering (15 van 19)."),
}
LEADS_EN = {
    "urgentie": ("All regions mention how the urgency has developed since the start, and most "
                 "regions also mention the teacher shortage (15 of 19) and the tight technical labour market (13 of "
                 "19)."),
    "collectief-optrekken": ("All regions mention the contacts with primary schools, nearly all regions also mention "
                             "competition between the schools or agreements on it (17 of 19), and most regions mention "
                             "the trust "
                             "between the school boards (15 of 19). On the other hand, in most regions "
                             "(14 of 19), the schools are said to still largely go their own way."),
    "financieringsonzekerheid": ("In all regions, the uncertainty about continued STO funding is discussed. "
                                 "On one point the answers differ: most regions (16 of 19) point to the consequences "
                                 "of the uncertainty, a large minority of the regions (8 of 19) to the limited effect "
                                 "of the uncertainty; several regions (5 of 19) mention both. Most regions also mention "
                                 "the structural bottlenecks in the funding (15 of 19)."),
}


def _lead(ws, theme: str, lang: str = "nl") -> str:
    return ws.synthesis().theme_summary(theme, lang=lang).lead[0]


def _regions(ws, path: str) -> int:
    """In how many interviews the reference coder (whose codings the lead counts) used the code."""
    ref = ws.counting_coder()
    return len({c.doc for c in ws.codings(code=path) if c.coder == ref})


def _tiers_agree(ws, text: str) -> None:
    """Every count follows the frequency word of its own clause ("in de meeste regio's … (15 van
    19)"), and "alle" never carries one: no "in de meeste regio's … (in alle regio's)"."""
    assert "(in alle regio's)" not in text and "(all regions)" not in text
    for clause in re.split(r"[,;:.] ", text):
        m = re.search(r"(?:^|\b[Ii]n |^en in )(alle|vrijwel alle|de meeste|meer dan de helft|de helft|een deel|"
                      r"een aantal|een paar|een enkele)\b", clause)
        counts = [int(k) for k in re.findall(r"\((\d+) van 19\)", clause)]
        if m is None:
            assert not counts, clause
            continue
        assert all(ws.wording(k, TOTAL) == m.group(1) for k in counts), clause


# ------------------------------------------------------------------ the demo chapter
def test_each_demo_theme_opens_with_the_common_view(demo_ws):
    specs = {s.path: s for s in demo_ws.codebook_specs().codes}
    for theme, want in LEADS.items():
        lead = _lead(demo_ws, theme)
        assert lead == want, (theme, lead)
        # the theme's own sentence ("bespreekt men of …") says nothing when every region was asked, but
        # where the lead would open on how the answers part, not on a view the regions share
        opened = lead.startswith(f"In alle regio's {specs[theme].summary}. Op één punt")
        assert (specs[theme].summary in lead) == opened
        assert "bespreekt men" not in lead and "onderwerpen komen" not in lead
        _tiers_agree(demo_ws, lead)


def test_every_count_in_a_lead_is_the_sub_codes_own(demo_ws):
    specs = {s.path: s for s in demo_ws.codebook_specs().codes}
    for theme in LEADS:
        lead = _lead(demo_ws, theme)
        for path, spec in specs.items():
            if not path.startswith(theme + "/") or spec.topic not in lead:
                continue
            k = _regions(demo_ws, path)
            said = (f"{spec.topic} ({k} van 19)", f"({k} van 19) wijst men op {spec.topic}",
                    f"({k} van 19) op {spec.topic}", f"in alle regio's noemt men {spec.topic}")
            assert k == TOTAL or any(s in lead for s in said), (path, k, lead)
    # the regions that name both sides, counted from the same codings
    ref = demo_ws.counting_coder()
    docs = [{c.doc for c in demo_ws.codings(code=f"vmbo-in-the-lead/{x}") if c.coder == ref}
            for x in ("gerealiseerd", "op-papier")]
    assert f"een aantal regio's ({len(docs[0] & docs[1])} van 19) noemt beide" in _lead(demo_ws, "vmbo-in-the-lead")


def test_a_sub_code_that_says_the_opposite_of_its_theme_keeps_the_answers_from_being_called_consistent(demo_ws):
    lead = _lead(demo_ws, "collectief-optrekken")
    assert "weinig uiteen" not in lead
    # all four widespread sub-codes are in it; the one against the theme in a sentence of its own
    for topic in ("de contacten met het primair onderwijs", "de onderlinge concurrentie of afspraken daarover (17 van 19)",
                  "het vertrouwen tussen de schoolbesturen (15 van 19)"):
        assert topic in lead
    assert lead.endswith(f"in de meeste regio's ({_regions(demo_ws, 'collectief-optrekken/ieder-voor-zich')} van 19) "
                         "zegt men dat de scholen nog grotendeels ieder voor zich werken.")
    # the codebook says so: ieder-voor-zich names its own theme as its contrast; it is no
    # difference between regions, so the chapter's differences do not set the two against each other
    assert demo_ws.synthesis().code_fields("collectief-optrekken/ieder-voor-zich")["contrasts"] == \
        ["collectief-optrekken"]
    contrasts = demo_ws.synthesis().theme_summary("collectief-optrekken").contrasts
    assert not [c for c in contrasts if c.kind == "codes" and c.other == "collectief-optrekken"]
    # without that mark the tool cannot know: the lead names all four as the common view (not
    # consistent all the same: the answers differ between region types, said in the differences)
    demo_ws.synthesis().set_code_fields("collectief-optrekken/ieder-voor-zich",
                                        "werkt men nog grotendeels ieder voor zich", [])
    lead = _lead(demo_ws, "collectief-optrekken")
    assert lead.startswith("In alle regio's noemt men") and "weinig uiteen" not in lead
    assert lead.endswith("en in de meeste regio's het vertrouwen tussen de schoolbesturen (15 van 19) en scholen die nog "
                         "ieder voor zich werken (14 van 19).")


def test_the_mark_works_on_any_codebook_not_only_the_demo_names(demo_ws):
    """A user marks a sub-code of another theme as its theme's opposite: the same rule holds."""
    before = _lead(demo_ws, "urgentie")
    assert before.startswith("In alle regio's noemt men de ontwikkeling van de urgentie")
    assert "Daar staat tegenover" not in before
    demo_ws.synthesis().set_code_fields("urgentie/krimp-leerlingaantallen",
                                        "speelt de daling van het aantal leerlingen (krimp)", ["urgentie"])
    lead = _lead(demo_ws, "urgentie")
    assert "weinig uiteen" not in lead
    assert lead == ("In alle regio's noemt men de ontwikkeling van de urgentie sinds de start, in de meeste regio's ook "
                    "het docententekort (15 van 19) en de krapte op de technische arbeidsmarkt (13 van 19). Daar staat "
                    "tegenover: in een deel van de regio's (7 van 19) speelt de daling van het aantal leerlingen "
                    "(krimp).")
    # a theme set against its own sub-code is still refused: that names no opposite
    from sto_qual.domain.errors import StoQualError
    with pytest.raises(StoQualError, match="lies within 'urgentie'"):
        demo_ws.synthesis().set_code_fields("urgentie", "noemt men waar de urgentie ligt", ["urgentie/verschuiving"])


def test_a_codebook_file_marks_a_sub_code_against_its_own_theme():
    from sto_qual.domain.errors import CodebookError
    from sto_qual.importers.codebook_yaml import parse_codebook
    from sto_qual.report.codebook_yaml import dump_codebook
    text = ("codebook: eigen\ncodes:\n  - name: samenwerking\n    codes:\n      - name: los\n"
            "        contrasts: [samenwerking]\n      - name: samen\n")
    cb = parse_codebook(text)
    assert next(s for s in cb.codes if s.path == "samenwerking/los").contrasts == ("samenwerking",)
    again = parse_codebook(dump_codebook(cb))  # the export reads back
    assert next(s for s in again.codes if s.path == "samenwerking/los").contrasts == ("samenwerking",)
    for bad in ("codebook: eigen\ncodes:\n  - name: samenwerking\n    contrasts: [samenwerking/los]\n    codes:\n"
                "      - name: los\n",
                "codebook: eigen\ncodes:\n  - name: a\n    codes:\n      - name: b\n        codes:\n"
                "          - name: c\n            contrasts: [a/b]\n"):
        with pytest.raises(CodebookError, match="lies within"):
            parse_codebook(bad)


def test_a_theme_without_sub_codes_keeps_its_own_sentence(demo_ws):
    for sub in ("impact", "geen-impact", "structurele-knelpunten"):
        demo_ws.merge_codes(f"financieringsonzekerheid/{sub}", "financieringsonzekerheid")
    assert demo_ws.synthesis().theme_summary("financieringsonzekerheid").lead == \
        ("In alle regio's spreekt men over de onzekerheid rond de voortzetting van de STO-middelen.",)
    assert _lead(demo_ws, "financieringsonzekerheid", "en") == \
        "In all regions, the uncertainty about continued STO funding is discussed."


def test_the_english_lead_follows_the_same_rules(demo_ws):
    for theme, want in LEADS_EN.items():
        assert _lead(demo_ws, theme, "en") == want, theme
    en = _lead(demo_ws, "vmbo-in-the-lead", "en")
    assert "steering groups discuss" not in en and "(all regions)" not in en
    assert en.endswith("several regions (3 of 19) mention both.")


def test_the_codebook_wording(demo_ws):
    specs = {s.path: s for s in demo_ws.codebook_specs().codes}
    assert specs["urgentie/krimp-leerlingaantallen"].summary == "speelt de daling van het aantal leerlingen (krimp)"
    assert "In een deel van de regio's (7 van 19) speelt de daling van het aantal leerlingen (krimp)." in \
        demo_ws.synthesis().theme_summary("urgentie").lead
    # the code holds ongoing competition too: its topic does not claim agreements in 17 regions
    assert specs["collectief-optrekken/afspraken-concurrentie"].topic == \
        "de onderlinge concurrentie of afspraken daarover"
    assert specs["collectief-optrekken/afspraken-concurrentie"].topic_en == \
        "competition between the schools or agreements on it"
    assert specs["collectief-optrekken/afspraken-concurrentie"].label_en == "Competition and agreements"


# ------------------------------------------------------------------ the rules, on any names
def test_up_to_four_widespread_topics_are_all_named_and_more_say_onder_meer():
    parts = [("Alfa", 19), ("Bravo", 17), ("Charlie", 15), ("Delta", 14)]
    s = drafting.theme_lead("In alle regio's x.", parts, 19, 19)
    assert all(name.lower() in s for name, _k in parts) and "onder meer" not in s
    s = drafting.theme_lead("In alle regio's x.", [*parts, ("Echo", 13)], 19, 19)
    assert "noemt men onder meer alfa" in s and "echo" not in s
    en = drafting_en.theme_lead("In all regions, x.", [*parts, ("Echo", 13)], 19, 19)
    assert en.startswith("The answers vary little: among other topics, all regions mention alfa")


def test_frequency_words_follow_the_projects_tiers():
    """With a project's own thresholds each word is that project's ("de meerderheid"), never a
    fixed "de meeste" over counts it does not fit."""
    from sto_qual.domain.wording import frequency_wording
    tiers = ((0.85, "vrijwel alle"), (0.5001, "de meerderheid"), (0.5, "de helft"), (0.0, "een paar"))

    def word(k, n):
        return frequency_wording(k, n, tiers)
    s = drafting.theme_lead("In alle regio's x.", [("Alfa", 19), ("Bravo", 15), ("Charlie", 13)], 19, 19, wording=word)
    assert s == ("De antwoorden lopen weinig uiteen: in alle regio's noemt men alfa, in de meerderheid van de regio's "
                 "ook bravo (15 van 19) en charlie (13 van 19).")


def test_against_the_theme_with_and_without_other_widespread_topics():
    tegen = Part("losse scholen", 9, "t/los", "werkt men los van elkaar", True)
    # widespread (a third of the regions or more) but the only one: said plainly, not as a common view
    s = drafting.theme_lead("In alle regio's x.", [Part("alfa", 19, "t/a"), tegen], 19, 19)
    assert s == ("In alle regio's noemt men alfa. Daar staat tegenover: in een deel van de regio's (9 van 19) "
                 "werkt men los van elkaar.")
    # rare (below a third): the answers may still be called consistent
    rare = tegen._replace(regions=5)
    assert drafting.theme_lead("In alle regio's x.", [Part("alfa", 19), rare], 19, 19) == \
        "De antwoorden lopen weinig uiteen: in alle regio's noemt men alfa."
    # the most widespread itself: it is the common view
    assert drafting.theme_lead("In alle regio's x.", [tegen._replace(regions=15), Part("alfa", 4)], 19, 19) == \
        "In de meeste regio's (15 van 19) werkt men los van elkaar."
    en = drafting_en.theme_lead("In all regions, x.", [Part("alpha", 19), tegen._replace(phrase="schools go it alone")],
                                19, 19)
    assert en == "All regions mention alpha. On the other hand, in a large minority of the regions " \
                 "(9 of 19), schools go it alone."


def test_an_opposing_pair_is_said_once_with_the_verb_agreeing():
    parts = [Part("alfa", 19, "t/a"), Part("het gelukte", 14, "t/g"), Part("het mislukte", 7, "t/m")]
    pair = Opposed("het gelukte", 14, "het mislukte", 7, 2, key="t/g", other_key="t/m")
    s = drafting.theme_lead("In alle regio's x.", parts, 19, 19, [pair])
    assert s == ("In alle regio's noemt men alfa. Op één punt lopen de antwoorden uiteen: in de meeste regio's (14 van "
                 "19) wijst men op het gelukte, in een deel van de regio's (7 van 19) op het mislukte; een paar regio's "
                 "(2 van 19) noemen beide.")
    assert s.count("het gelukte") == 1  # not in the common view and again in the pair
    s = drafting.theme_lead("In alle regio's x.", parts, 19, 19, [pair._replace(both=4)])
    assert s.endswith("een aantal regio's (4 van 19) noemt beide.")


def test_a_theme_in_part_of_the_regions_keeps_its_own_sentence():
    lead = "In een deel van de regio's (7 van 19) spreekt men over de huisvesting."
    s = drafting.theme_lead(lead, [("Alfa", 6), ("Bravo", 5)], 7, 19)
    assert s == (f"{lead} De antwoorden van die regio's lopen weinig uiteen: in een deel van de regio's noemt men "
                 "alfa (6 van 19), in een aantal regio's ook bravo (5 van 19).")
    assert drafting.theme_lead(lead, [], 7, 19) == lead  # no sub-codes: the theme's own sentence is all there is


def test_answers_that_differ_between_region_types_are_not_called_consistent():
    """"De antwoorden lopen weinig uiteen" opened the urgency section, whose differences then
    set the region types against each other four times."""
    parts = [("Alfa", 19), ("Bravo", 15)]
    assert drafting.theme_lead("x", parts, 19, 19).startswith("De antwoorden lopen weinig uiteen:")
    s = drafting.theme_lead("x", parts, 19, 19, by_group=True)
    assert "weinig uiteen" not in s and s.startswith("In alle regio's noemt men alfa")
    assert "vary little" not in drafting_en.theme_lead("x", parts, 19, 19, by_group=True)


def test_a_lead_over_a_few_interviews_claims_no_consistency_and_no_most_frequent_of_one():
    """A project of four interviews read "De antwoorden lopen weinig uiteen" in three themes,
    and "het vaakst gaat het om … (2 van 4) en … (1 van 4)": four interviews cannot show
    consistency, and a topic of one interview is not among the most frequent."""
    # one topic, nothing said of it beyond its count: its facet says it, so the theme's own sentence
    # opens ("In de meeste regio's noemt men de belemmeringen (3 van 4)." opened and began the facet)
    four = drafting.theme_lead("In alle regio's bespreekt men de urgentie.", [("het docententekort", 4)], 4, 4)
    assert four == "In alle regio's bespreekt men de urgentie.", four
    two = drafting.theme_lead("In alle regio's bespreekt men de urgentie.",
                              [("het docententekort", 3), ("de krimp", 1)], 4, 4)
    assert "docententekort" not in two, two
    spread = drafting.theme_lead("In alle regio's bespreekt men het samenwerken.",
                                 [("een gedeelde plek", 2), ("het vertrouwen tussen de besturen", 1)], 4, 4)
    assert "het vaakst gaat het om een gedeelde plek (2 van 4)." in spread, spread
    assert "vertrouwen" not in spread
    # over nineteen the answers are still called consistent where they are
    nineteen = drafting.theme_lead("In alle regio's bespreekt men de urgentie.", [("het docententekort", 19)], 19, 19)
    assert nineteen.startswith("De antwoorden lopen weinig uiteen: in alle regio's noemt men het docententekort")


def test_the_method_of_a_chapter_on_few_interviews_lists_only_the_words_its_counts_can_get():
    from sto_qual.domain.wording import DEFAULT_THRESHOLDS
    from sto_qual.services.report_method import frequency_ladder
    # the word listed takes the range of those left out: of four, 85 to 99 per cent is "de meeste" too
    assert frequency_ladder(DEFAULT_THRESHOLDS, "nl", 4) == (
        "alle, de meeste (twee derde of meer), de helft, een enkele (één regio) en geen")
    assert frequency_ladder(DEFAULT_THRESHOLDS, "en", 4) == "all, most (two thirds or more), half, one (a single region) and none"
    assert frequency_ladder(DEFAULT_THRESHOLDS, "nl", 2) == "alle, de helft en geen"  # one of two is de helft


def test_few_regions_are_counted_not_cut_in_thirds():
    """"geen onderwerp komt in twee derde van de regio's terug" over four regions."""
    four = drafting.theme_lead("In alle regio's bespreekt men het samenwerken.",
                               [("een gedeelde plek", 2), ("het vertrouwen", 1)], 4, 4)
    assert "geen onderwerp komt in drie of meer van de vier regio's terug" in four, four
    en = drafting_en.theme_lead("In all regions, cooperation comes up.", [("a shared place", 2), ("trust", 1)], 4, 4)
    assert "no topic comes up in three or more of the four regions" in en, en
    many = drafting.theme_lead("In alle regio's bespreekt men het samenwerken.",
                               [("een gedeelde plek", 8), ("het vertrouwen", 5)], 19, 19)
    assert "geen onderwerp komt in twee derde of meer van de regio's terug" in many


def test_a_theme_every_region_speaks_of_with_each_sub_code_in_one_region_keeps_its_own_sentence():
    """Three interviews, each on the theme, two of them on a sub-code of its own: the lead was
    empty, and the chapter printed a blank paragraph under the theme's heading (found by a report
    writer on her own three interviews). The theme's own sentence stays; nothing is claimed of the
    sub-codes."""
    lead = "In alle regio's (3 van de 3) gaat het over collectief optrekken."
    parts = [("de gedeelde plek", 1), ("de onderlinge concurrentie", 1)]
    assert drafting.theme_lead(lead, parts, 3, 3) == lead
    en = "In all regions (3 of 3), working together comes up."
    assert drafting_en.theme_lead(en, parts, 3, 3) == en


def test_a_draft_stored_with_an_empty_lead_prints_no_blank_paragraph_and_is_drafted_again(demo_ws):
    """A draft stored before that fix holds the empty lead sentence: the chapter leaves it out
    (it printed a blank paragraph), and `summarize` drafts the theme again rather than calling it
    unchanged."""
    from dataclasses import replace

    from sto_qual.services.report_theme import facets_of
    synthesis = demo_ws.synthesis()
    synthesis.summarize(theme="collectief-optrekken")
    summary = synthesis.theme_summary("collectief-optrekken")
    blank = replace(summary, lead=("", *summary.lead[1:]))
    opening, _ = facets_of(blank, "collectief-optrekken", [], lambda c: 1)
    assert "" not in opening
    top = demo_ws.code("collectief-optrekken")
    row = synthesis.sums.theme(top.id)  # the draft as an earlier version stored it
    synthesis.sums.put_theme({**row, "lead": ["", *row["lead"][1:]]})
    assert synthesis.summarize(theme="collectief-optrekken")["themes_drafted"] == 1
    assert all(s.strip() for s in synthesis.theme_summary("collectief-optrekken").lead)
