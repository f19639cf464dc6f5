"""Drafted point sentences: a representative sentence retold in the third person, only where
that is safe, inside the chapter's frequency words; and the English frames."""
from __future__ import annotations

from sto_qual.domain import drafting, drafting_en
from sto_qual.domain.reported_speech import third_person


def test_first_person_becomes_men_with_its_verb():
    assert third_person("Ik heb een investering in een nieuwe CNC-machine een jaar uitgesteld.") == \
        "men heeft een investering in een nieuwe CNC-machine een jaar uitgesteld."
    assert third_person("Anders staan we over vier jaar weer op hetzelfde punt.") == \
        "anders staat men over vier jaar weer op hetzelfde punt."
    assert third_person("Je bent bezig met een plan voor vier jaar en je weet niet of er geld is.") == \
        "men is bezig met een plan voor vier jaar en men weet niet of er geld is."
    # "onze" would become a "hun" whose referent is lost
    assert third_person("Onze leerlingen stromen door naar het mbo, maar een deel haakt af.") is None


def test_hedges_drop_and_names_keep_their_capital():
    assert third_person("Je durft het gewoon niet, zonder toezegging van het ministerie.") == \
        "men durft het niet, zonder toezegging van het ministerie."
    assert third_person("Kottink zoekt lassers, Ter Horst zoekt monteurs.") == \
        "Kottink zoekt lassers, Ter Horst zoekt monteurs."
    assert third_person("De bedragen zijn sinds 2020 hetzelfde gebleven.") == \
        "de bedragen zijn sinds 2020 hetzelfde gebleven."


def test_unsafe_sentences_are_not_retold():
    for s in ("Die hebben we geen vast contract durven geven.",       # dangling "Die"
              "Hebben jullie dat ook gemerkt?",                        # a question
              "We hebben in die periode, ik denk, drie vergaderingen gehad.",  # an aside
              "Ik dacht in het begin … we zitten een paar keer bij elkaar.",   # broken off
              "Mijn school heeft daar geen last van gehad.",            # "mijn"
              "Ik verdubbel het budget.",                               # unknown verb form beside "ik"
              "Kwaliteit, ja, we hebben de werkplaats vernieuwd.",      # answer to a question
              "Ja, klopt."):                                            # too short
        assert third_person(s) is None, s


def test_sentences_that_lose_their_referent_or_grammar_are_not_retold():
    for s in ("Eerlijk gezegd is dat werving.",                         # capital after the colon, "is dat"
              "Drie jaar geleden was dat ondenkbaar.",                  # "was dat": referent before
              "Eerlijk is eerlijk, dat is vooral werving.",             # ", dat is"
              "Jammer dat het maar één week is.",                       # an exclamation
              "Dat vond ik een mooi resultaat!",                        # an exclamation
              "Zo'n machine kost een ton.",                             # "zo'n"
              "Wij doen BWI, zij doen PIE, en de leerlingen wisselen.",  # "zij"
              "Hij heeft het plan geschreven voor de hele regio.",      # "hij"
              "Je moet eerst een eigen visie hebben, denk ik.",         # "denkt men" tail
              "Op papier wel, maar in de praktijk is het anders.",      # an answer to a question
              "Op papier wel.",
              "Wij hebben als onderwijs die hefboom gewoon niet.",      # "die hefboom": which?
              "Er zijn ook nog scholen die los daarvan hun eigen middagen doen.",  # "los daarvan"                                         # an answer, too short anyway
              "Het techlab, in het dorp, in een oude smederij aan de rand.",  # no finite verb
              "Een neutrale plek, van niemand en van iedereen, waar de basisscholen naartoe kunnen.",
              "We hebben overwogen aan te sluiten bij het netwerk van de haven, dat Techniekpact Westmonde.",
              "We doen PIE en MVI, de andere school doet BWI. Dat hebben we zo verdeeld."):  # two sentences
        assert third_person(s) is None, s


def test_a_name_as_subject_keeps_its_capital_and_hun_with_its_antecedent_stays():
    assert third_person("Kottink zoekt lassers en de hele sector zit te springen.") == \
        "Kottink zoekt lassers en de hele sector zit te springen."
    assert third_person("Een paar kleinere besturen hebben hun zij-instromers geen vaste aanstelling gegeven.") == \
        "een paar kleinere besturen hebben hun zij-instromers geen vaste aanstelling gegeven."


def test_point_sentence_is_one_regions_example_never_a_word_list():
    retold = "men heeft een investering een jaar uitgesteld."
    s = drafting.point_sentence("een deel", 7, 19, retold, "within")
    # a point groups passages by shared words: its sentence claims no count of regions
    assert s == "Een regio noemt als voorbeeld: men heeft een investering een jaar uitgesteld."
    later = drafting.point_sentence("een aantal", 4, 19, retold, "within", first=False)
    # a verb: the example is what a region said, not the chapter's own claim
    assert later == "Een andere regio vertelt: men heeft een investering een jaar uitgesteld."
    assert "van 19" not in drafting.point_sentence("de meeste", 15, 19, retold, "theme")
    # regions equal to the sub-code's: no second count, only the example
    assert drafting.point_sentence("de meeste", 15, 19, retold, "same") == \
        "Een regio noemt als voorbeeld: men heeft een investering een jaar uitgesteld."
    assert drafting.point_sentence("een aantal", 4, 19, None, "within") == ""
    # a remark with nothing particular in it is told, not called an example (a reader: "that is a
    # reason, not an example"); a number, a name taken out, a profile or what happened make one
    general = "de techniek verandert zo snel."
    assert drafting.point_sentence("een deel", 7, 19, general, "within") == "Een regio vertelt: de techniek verandert zo snel."
    for concrete in ("men heeft [bedrijf] gevraagd.", "er zitten elf leerlingen in BWI.", "het begon in maart."):
        assert drafting.point_sentence("een deel", 7, 19, concrete, "within").startswith("Een regio noemt als voorbeeld: ")


def test_theme_lead_says_how_consistent_the_answers_are():
    # in all regions the theme's own sentence says nothing (every interview was asked): left out,
    # unless the lead would open on where the answers part: then it is the common view
    lead = "In alle regio's noemt men waar de urgentie ligt."
    s = drafting.theme_lead(lead, [("Docententekort", 15), ("Krimp", 7)], 19, 19)
    assert s == "De antwoorden lopen weinig uiteen: in de meeste regio's noemt men docententekort (15 van 19)."
    s = drafting.theme_lead(lead, [("Verschuiving", 19), ("Docententekort", 15), ("Arbeidsmarkt", 13)], 19, 19)
    assert s == ("De antwoorden lopen weinig uiteen: in alle regio's noemt men verschuiving, in de meeste regio's ook "
                 "docententekort (15 van 19) en arbeidsmarkt (13 van 19).")
    s = drafting.theme_lead(lead, [("Docententekort", 9), ("Krimp", 7)], 19, 19)
    assert s == ("In alle regio's noemt men waar de urgentie ligt. De antwoorden lopen uiteen: geen onderwerp komt in "
                 "twee derde of meer van de regio's terug; het vaakst gaat het om docententekort (9 van 19) en krimp "
                 "(7 van 19).")
    # topics are named, never a phrase after "het vaakst" ("het vaakst heeft de onzekerheid gevolgen gehad")
    assert "het vaakst noemt" not in s and "het vaakst heeft" not in s
    # a third topic as frequent as the second is named too: "het vaakst … en krimp (2 van 4)" hid a third of 2
    s = drafting.theme_lead(lead, [("Docententekort", 2), ("Krimp", 2), ("Verschuiving", 2), ("Arbeidsmarkt", 1)],
                            4, 4)
    assert s.endswith("het vaakst gaat het om docententekort (2 van 4), krimp (2 van 4) en verschuiving (2 van 4)."), s
    many = [(f"Onderwerp {i}", 2) for i in range(6)]  # six as frequent: no "het vaakst" among them
    assert "het vaakst" not in drafting.theme_lead(lead, many, 4, 4)
    en = drafting_en.theme_lead("In all regions, urgency comes up.", [("Teacher shortage", 15)], 19, 19)
    assert en == "The answers vary little: most regions mention teacher shortage (15 of 19)."


def test_a_theme_in_few_regions_says_most_of_those_regions():
    """A theme three coded regions speak of: "komen in de meeste regio's terug, namelijk
    docententekort (2 van 19)" read as most of the nineteen."""
    lead = "In een paar regio's (3 van 19) noemt men waar de urgentie ligt."
    # in part of the regions the theme's own sentence says how many, and stays
    # three regions cannot show that answers agree: no "lopen weinig uiteen" (six can)
    s = drafting.theme_lead(lead, [("Docententekort", 2), ("Krimp", 2)], 3, 19)
    assert s == f"{lead} In een paar regio's noemt men docententekort (2 van 19) en krimp (2 van 19)."
    six = "In een deel van de regio's (6 van 19) noemt men waar de urgentie ligt."
    assert drafting.theme_lead(six, [("Docententekort", 6)], 6, 19) == (
        f"{six} De antwoorden van die regio's lopen weinig uiteen: in een deel van de regio's noemt men "
        "docententekort (6 van 19).")
    # a topic of one region is not among the most frequent: the theme's own sentence alone
    assert drafting.theme_lead(lead, [("Docententekort", 1), ("Krimp", 1)], 3, 19) == lead
    four = "In een aantal regio's (4 van 19) noemt men waar de urgentie ligt."
    s = drafting.theme_lead(four, [("Docententekort", 2), ("Krimp", 1)], 4, 19)
    assert "geen onderwerp komt in drie of meer van die vier regio's terug" in s and "krimp" not in s.lower(), s
    en = drafting_en.theme_lead("In a few regions (6 of 19), urgency comes up.", [("Teacher shortage", 5)], 6, 19)
    assert en == ("In a few regions (6 of 19), urgency comes up. In those regions the answers vary little: several "
                  "regions mention teacher shortage (5 of 19).")


def test_english_frames_and_no_dutch_fragment_as_an_example():
    lead = drafting_en.lead_sentence(drafting_en.fallback_phrase("Teacher shortage"), "de meeste", 15, 19)
    assert lead == "In most regions (15 of 19), teacher shortage comes up."
    # "One region gives an example: “We zijn wel eens uitgenodigd …”" cut the region's refusal
    # off: English retells no example (its quote carries the point)
    point = drafting_en.point_sentence("een deel", 7, 19, "men is wel eens uitgenodigd …", "within",
                                       evidence="We zijn wel eens uitgenodigd om aan te sluiten bij de regio.")
    assert point == ""


def test_a_retelling_keeps_how_often():
    # "wel eens" says how often: dropping it would change what was said
    assert third_person("We zijn wel eens uitgenodigd om aan te sluiten bij de regio aan de overkant.") == \
        "men is wel eens uitgenodigd om aan te sluiten bij de regio aan de overkant."


def test_theme_lead_names_where_opposing_sub_codes_split_the_answers():
    from sto_qual.domain.drafting import Opposed
    lead = "In alle regio's heeft men de onzekerheid ervaren."
    parts = [("Impact", 16), ("Structurele knelpunten", 15), ("Geen impact", 8)]
    s = drafting.theme_lead(lead, parts, 19, 19, opposed=[Opposed("Impact", 16, "Geen impact", 8, 5, "een aantal")])
    assert "lopen weinig uiteen" not in s  # both views come up widely: not called consistent
    # 16 and 8 of 19, five regions name both: said with its number, not "sommige regio's"; the two
    # sides are said once, in the sentence on where the answers differ
    # the split (16) is wider than the common topic (15): it comes first, the common topic follows with
    # "ook"; the theme's own sentence opens (the section never said every region spoke of the uncertainty)
    assert s == ("In alle regio's heeft men de onzekerheid ervaren. Op één punt lopen de antwoorden uiteen: in de "
                 "meeste regio's (16 van 19) wijst men op impact, in een deel van de regio's (8 van 19) op geen "
                 "impact; een aantal regio's (5 van 19) noemt beide. In de meeste regio's noemt men ook structurele "
                 "knelpunten (15 van 19).")
    one = drafting.theme_lead(lead, parts, 19, 19, opposed=[Opposed("Impact", 16, "Geen impact", 8, 1, "een enkele")])
    assert "op geen impact; een enkele regio noemt beide." in one
    # 17 and 14 of 19, thirteen name both: tension within regions, not a split between them
    many = drafting.theme_lead(lead, parts, 19, 19, opposed=[Opposed("Afspraken", 17, "Ieder voor zich", 14, 13,
                                                                      "de meeste")])
    assert "lopen de antwoorden uiteen" not in many and "in veel regio's" not in many
    assert ("In de meeste regio's (13 van 19) komen beide beelden naar voren: daar wijst men zowel op "
            "afspraken als op ieder voor zich.") in many
    en = drafting_en.theme_lead("In all regions.", parts, 19, 19,
                                opposed=[Opposed("Agreements", 17, "Each for itself", 14, 13, "de meeste")])
    assert ("In most regions (13 of 19), both views come up: they point to agreements as well as to each "
            "for itself.") in en
    # no region names both: the answers differ
    apart = drafting.theme_lead(lead, parts, 19, 19, opposed=[Opposed("Impact", 10, "Geen impact", 7, 0, "geen")])
    assert apart.endswith("Op één punt lopen de antwoorden uiteen: in meer dan de helft van de regio's (10 van 19) "
                          "wijst men op impact, in een deel van de regio's (7 van 19) op geen impact.")
    # four topics that common: all four named, each after its own frequency word
    four = drafting.theme_lead(lead, [("Contacten", 19), ("Afspraken", 17), ("Vertrouwen", 15), ("Ieder voor zich", 14)],
                               19, 19)
    assert four == ("De antwoorden lopen weinig uiteen: in alle regio's noemt men contacten, in vrijwel alle regio's ook "
                    "afspraken (17 van 19), en in de meeste regio's vertrouwen (15 van 19) en ieder voor zich (14 van 19).")
    # a rare opposite does not split the answers
    assert "lopen weinig uiteen" in drafting.theme_lead(lead, parts, 19, 19,
                                                       opposed=[Opposed("Impact", 16, "X", 2, 0, "geen")])


def test_a_lead_that_says_in_all_regions_does_not_repeat_it_per_topic():
    """"Vier onderwerpen komen in alle regio's terug, waaronder afspraken (in alle regio's), …"
    said it four times; so did the opposing pair that every region names."""
    from sto_qual.domain.drafting import Opposed
    lead = "In alle regio's bespreekt men of de scholen optrekken."
    parts = [("Afspraken", 5), ("Contacten", 5), ("Ieder voor zich", 5), ("Vertrouwen", 3)]
    s = drafting.theme_lead(lead, parts, 5, 5, opposed=[Opposed("Afspraken", 5, "Ieder voor zich", 5, 5, "alle")])
    assert s == ("In alle regio's noemt men contacten. In alle regio's komen beide beelden naar voren: daar wijst men "
                 "zowel op afspraken als op ieder voor zich."), s
    en = drafting_en.theme_lead("In all regions.", [("Agreements", 5), ("Contacts", 5), ("Each for itself", 5),
                                                    ("Trust", 3)], 5, 5,
                                opposed=[Opposed("Agreements", 5, "Each for itself", 5, 5, "alle")])
    assert en == ("All regions mention contacts. In all regions, both views come up: they point to agreements as well "
                  "as to each for itself."), en


def test_an_opposing_pair_is_said_as_what_the_regions_point_to():
    """"heeft het vmbo de regierol in de praktijk genomen, … heeft het vmbo de regie vooral op
    papier; een aantal regio's (3 van 19) noemen beide" stated two facts that contradict for the
    three regions that name both: each side is said as what its regions point to."""
    from sto_qual.domain.drafting import Opposed
    lead = "In alle regio's bespreekt men of het vmbo de regierol heeft."
    parts = [("de regie die het vmbo in de praktijk voert", 15), ("een regierol die vooral op papier bestaat", 7)]
    pair = Opposed("de regie die het vmbo in de praktijk voert", 15, "een regierol die vooral op papier bestaat", 7, 3,
                   "een aantal", "de meeste", "een deel")
    s = drafting.theme_lead(lead, parts, 19, 19, opposed=[pair])
    assert s == ("In alle regio's bespreekt men of het vmbo de regierol heeft. Op één punt lopen de antwoorden uiteen: "
                 "in de meeste regio's (15 van 19) wijst men op de regie die het vmbo in de praktijk voert, in een "
                 "deel van de regio's (7 van 19) op een regierol die vooral op papier bestaat; een aantal regio's "
                 "(3 van 19) noemt beide."), s
    within = Opposed("afspraken om elkaar niet te beconcurreren", 17, "scholen die ieder voor zich werken", 14, 13,
                     "de meeste", "vrijwel alle", "de meeste")
    s = drafting.theme_lead(lead, [(within.label, 17), (within.other, 14)], 19, 19, opposed=[within])
    # the regions where both come up, said as such: "komen beide kanten samen: in de meeste regio's (13 van
    # 19) spreekt men over afspraken …" read as 13 contradicting the facet's own 17
    # (after the theme's own sentence: a lead of nothing but where the answers part lacks the common view)
    assert s == ("In alle regio's bespreekt men of het vmbo de regierol heeft. In de meeste regio's (13 van 19) komen "
                 "beide beelden naar voren: daar wijst men zowel op afspraken om elkaar niet te beconcurreren als op "
                 "scholen die ieder voor zich werken."), s
    en = drafting_en.theme_lead("In all regions, acting as one collective is discussed.",
                                [("agreements not to compete", 17), ("each school for itself", 14)],
                                19, 19, opposed=[within._replace(label="agreements not to compete",
                                                                 other="each school for itself")])
    assert en == ("In all regions, acting as one collective is discussed. In most regions (13 of 19), both views come "
                  "up: they point to agreements not to compete as well as to each school for itself."), en


def test_a_label_holding_en_is_set_off_in_a_lead_list():
    """"waaronder behoud van het techniekaanbod, krimp en leerlingaantallen en arbeidsmarkt"
    could not be parsed."""
    s = drafting.theme_lead("In alle regio's.", [("Behoud", 4), ("Krimp en leerlingaantallen", 4), ("Arbeidsmarkt", 4)],
                            4, 4)
    assert "noemt men ‘behoud’, ‘krimp en leerlingaantallen’ en ‘arbeidsmarkt’." in s, s


def test_a_retelling_keeps_a_word_with_an_ampersand_whole():
    # the profile "M&T" came out of a retelling as "M & T"
    assert third_person("We hebben BWI, M&T en MVI.") == "men heeft BWI, M&T en MVI."


def test_a_retelling_that_says_bijvoorbeeld_is_not_framed_as_an_example_too():
    """"Een voorbeeld uit een regio: … gaat nu bijvoorbeeld alleen [stuurgroeplid]" said it twice."""
    said = "bij het overleg gaat nu bijvoorbeeld alleen [stuurgroeplid]."
    for variant in range(3):
        s = drafting.point_sentence("de meeste", 15, 19, said, "within", variant=variant)
        assert s == f"Een regio vertelt: {said}"
    assert drafting.point_sentence("de meeste", 15, 19, "men heeft geen geld.", "within", variant=2) == \
        "Een voorbeeld uit een regio: men heeft geen geld."


def test_sentences_whose_retelling_would_mislead_are_not_retold():
    """What a report writer found in retold examples: a referent lost ("één daarvan", "in die
    periode"), a contrast lost ("Wel doet men mee …"), one person made the region ("men zit
    namens alle vier de besturen …"), a belief ("men denkt dat …") and a speaker's slip in the
    report's voice ("men heeft veel tijd kwijt geweest")."""
    for spoken in ("Eén daarvan is inmiddels weg, naar het bedrijfsleven, want die wilde zekerheid.",
                   "In die periode hebben we heel veel tijd gestoken in het geruststellen van de partners.",
                   "Wel doen we mee met het RIF-project van het ROC over maritieme techniek.",
                   "Ik zit namens alle vier de besturen in het RIF-overleg van de gemeente.",
                   "Ik denk vooral dat er in het dorp nog techniek gegeven wordt door ons.",
                   "We hebben veel tijd kwijt geweest aan het geruststellen van partners."):
        assert third_person(spoken) is None, spoken
    # what stays retold
    assert third_person("Ik heb een investering in een nieuwe CNC-machine een jaar uitgesteld.") == \
        "men heeft een investering in een nieuwe CNC-machine een jaar uitgesteld."
    assert third_person("We zijn met de gemeente in gesprek over een nieuw techlab in de regio.") == \
        "men is met de gemeente in gesprek over een nieuw techlab in de regio."


def test_a_contrastive_wel_is_left_out_of_a_retelling():
    """"richting het mbo … is men wel één partij geworden" pointed to a contrast (with the
    primary schools) the example does not carry; "wel eens" says how often and stays."""
    from sto_qual.domain import drafting as d
    spoken = d.clean_sentence("Maar richting het mbo en richting bedrijven zijn we wel echt één partij geworden.")
    assert third_person(spoken) == "richting het mbo en richting bedrijven is men één partij geworden."
    assert third_person("We gaan wel eens samen naar een beurs met alle scholen uit de regio.") == \
        "men gaat wel eens samen naar een beurs met alle scholen uit de regio."
    assert third_person("Op papier wel, maar in de praktijk is het anders.") is None  # an answer


def test_a_theme_in_one_or_two_regions_gets_no_sentence_on_consistency():
    """"twee onderwerpen komen in de meeste van die regio's terug, namelijk docententekort (1 van
    2)" said "de meeste" of one region."""
    lead = "In een enkele regio (1 van 2) noemt men waar de urgentie ligt."
    assert drafting.theme_lead(lead, [("Docententekort", 1), ("Arbeidsmarkt", 1)], 1, 2) == lead
    assert drafting_en.theme_lead("In one region.", [("Teacher shortage", 1)], 1, 2) == "In one region."
    assert "lopen weinig uiteen" in drafting.theme_lead(lead, [("Docententekort", 6)], 6, 8)


def test_a_part_of_the_interviews_says_how_many_all_are_but_not_nearly_all():
    from sto_qual.domain.wording import all_of_part
    assert all_of_part("In alle regio's noemt men …; in vrijwel alle regio's (11 van 12) …", "nl", 12) == \
        "In alle twaalf de regio's noemt men …; in vrijwel alle regio's (11 van 12) …"
    assert all_of_part("In nearly all regions (11 of 12), all regions …", "en", 12) == \
        "In nearly all regions (11 of 12), all twelve regions …"
    # two: "beide", as Dutch says it ("alle twee regio's" read as a translation)
    assert all_of_part("Dit thema komt in alle regio's aan de orde. Alle regio's noemen het.", "nl", 2) == \
        "Dit thema komt in beide regio's aan de orde. Beide regio's noemen het."
    # one: the region ("In alle een regio's" in a chapter on the one interview two coders agreed on)
    assert all_of_part("In alle regio's noemt men …", "nl", 1) == "In de regio noemt men …"
    assert all_of_part("In all regions, …", "en", 1) == "In the region, …"
    assert all_of_part("It comes up in all regions.", "en", 2) == "It comes up in both regions."


def test_a_count_an_it_or_an_ordinal_that_points_back_is_not_retold():
    """"Een derde regio: twee zijn er inmiddels vertrokken" (two of what?), "men merkt het bij de
    partners" (what?), "de tweede machine" (and the first?)."""
    for spoken in ("Twee zijn er inmiddels vertrokken, naar een baan met meer zekerheid.",
                   "We merken het bij de partners.",
                   "We hebben de tweede machine, een freesbank voor de school, een jaar uitgesteld."):
        assert third_person(spoken) is None, spoken
    assert third_person("We zien het aantal leerlingen in de techniek elk jaar verder dalen.") == \
        "men ziet het aantal leerlingen in de techniek elk jaar verder dalen."


def test_a_third_of_the_regions_naming_both_views_still_says_each_sides_share():
    """The chapter on fifteen interviews opened a theme with "In een deel van de regio's (5 van
    15) komen beide beelden naar voren", neither view introduced, where the whole project's
    chapter (5 of 19) says each side's share first."""
    from sto_qual.domain.drafting import Opposed
    lead = "In alle regio's bespreekt men de financiering."
    s = drafting.theme_lead(lead, [("gevolgen", 12), ("weinig effect", 8)], 15, 15,
                            opposed=[Opposed("gevolgen", 12, "weinig effect", 8, 5, "een deel")])
    assert "beide beelden" not in s
    assert ("in de meeste regio's (12 van 15) wijst men op gevolgen, in meer dan de helft van de regio's (8 van 15) "
            "op weinig effect; een deel van de regio's (5 van 15) noemt beide.") in s, s


def test_a_retold_example_says_there_for_here_and_drops_a_dangling_also():
    """A writer read "Een derde regio vertelt: er is ook een bedrijf afgehaakt" (also beside
    what?) and "de installatiebedrijven hier hebben …" ("hier" in the chapter's own voice)."""
    assert third_person("Er is ook een bedrijf afgehaakt.") == "er is een bedrijf afgehaakt."
    assert third_person("De installatiebedrijven hier hebben een enorme vraag naar monteurs.") == \
        "de installatiebedrijven daar hebben een enorme vraag naar monteurs."


def test_coming_without_where_to_is_not_retold():
    """"Een andere regio vertelt: alle groepen zeven en acht van de regio komen twee keer per
    jaar." Come where? The speaker had said "via het techlab" the sentence before."""
    assert third_person("Alle groepen zeven en acht van de regio komen twee keer per jaar.") is None
    assert third_person("Alle groepen zeven en acht komen twee keer per jaar naar het techlab.") == \
        "alle groepen zeven en acht komen twee keer per jaar naar het techlab."
    assert third_person("Er komen nieuwe docenten bij.") == "er komen nieuwe docenten bij."


def test_we_in_a_subordinate_clause_takes_the_verb_at_its_end():
    """A writer read "In de meeste regio's noemt men wat helpt om de regie te nemen" with no
    example: the sentence that said what helps ("… dat we eerst een visie maken, voordat we naar
    het ROC gaan") was not retold, its verbs not beside "we". In a clause "dat we", "voordat
    we" … the verb is found at the clause's end; a pseudo-cleft "Wat helpt is dat …" is no
    question and loses no referent."""
    assert third_person("Wat helpt is dat we nu eerst onder elkaar een visie maken, voordat we naar het ROC gaan.") \
        == "wat helpt is dat men nu eerst onder elkaar een visie maakt, voordat men naar het ROC gaat."
    assert third_person("We hebben in de stuurgroep afgesproken dat we elkaar niet zouden beconcurreren met "
                        "STO-geld.") == \
        "men heeft in de stuurgroep afgesproken dat men elkaar niet zou beconcurreren met STO-geld."
    assert third_person("We weten niet of we het geld krijgen.") == "men weet niet of men het geld krijgt."
    # a plural form after an article or a preposition is a noun or an infinitive, not the verb
    assert third_person("Dat zie je pas als we met werken bezig zijn.") is None  # dangling "Dat" still
    assert third_person("Het wordt lastig als we met werken bezig zijn in de werkplaats.") is None
    assert third_person("Er is onrust als we met werken bezig zijn in de werkplaats.") == \
        "er is onrust als men met werken bezig is in de werkplaats."
    # -eren verbs take their third person whole ("investeert", not "investert")
    assert third_person("We hebben afgesproken dat we elkaar niet beconcurreren op techniek.") == \
        "men heeft afgesproken dat men elkaar niet beconcurreert op techniek."
    assert third_person("We investeren veel in de werkplaats van de school.") == \
        "men investeert veel in de werkplaats van de school."


def test_a_subordinate_clause_is_retold_only_where_it_is_safe():
    for s in ("Ik heb voorgesteld dat ik namens iedereen zou gaan.",  # one person's proposal, not the region's
              "We hebben gezegd dat we, als het kan, samen gaan.",    # the clause breaks before its verb
              "We weten dat we wat we willen eerst moeten opschrijven.",  # a clause inside the clause
              "Wat is dat voor een plan eigenlijk.",                   # a question without its mark
              "Wat we doen, dat werkt.",                               # no pseudo-cleft: "dat" points back
              ):
        assert third_person(s) is None, s
