"""Which quotes the chapter's body takes: the rules of domain.quote_selection on hand-made candidates."""
from sto_qual.domain.quote_picking import select_quotes
from sto_qual.domain.quote_selection import Candidate, Point, extend_back, opens_without_referent, quotable, tidy

TEXT = "Wij hebben de docenten niet, en dat merk je in elke klas, elke dag opnieuw weer."


# distinct passages: identical text would be one near-duplicate quote
TEXTS = ("Wij hebben de docenten niet, en dat merk je in elke klas, elke dag opnieuw weer.",
         "De machines in onze werkplaats waren versleten voordat het programma begon te lopen.",
         "Het leerlingaantal daalt hier snel door bevolkingskrimp en vergrijzing in dorpen.",
         "Installatiebedrijven bellen ons tegenwoordig rechtstreeks wanneer zij monteurs zoeken.",
         "Gemeentelijke wethouders schuiven zelden aan bij stuurgroepvergaderingen over techniek.",
         "Stageplekken vinden blijft lastig omdat kleine ondernemers weinig begeleidingstijd hebben.",
         "Onze bestuurders vertrouwen elkaar inmiddels genoeg om namens elkaar te spreken.",
         "Ouders kiezen voor hun kind liever havo, ondanks goede baankansen bij technische profielen.",
         "Het techlab draait op neutrale grond zodat iedere school zich eigenaar voelt.",
         "Subsidieregels rekenen met kalenderjaren terwijl scholen begroten per schooljaar.")


def cand(i, region, group, code, start=0, end=50, text=None, starred=False, doc=None):
    text = text or TEXTS[i % 10]
    return Candidate(id=i, document_id=doc if doc is not None else int(region[1:]), region=region, group=group,
                     code=code, start=start, end=end, text=text, starred=starred, words=len(text.split()))


def test_lost_referent_openers():
    for t in ("Ja, dat klopt wel zo ongeveer voor ons allemaal.", "Maar het is lastig.", "En toen gebeurde het.",
              "Die hebben we niet.", "Dat is het punt.", "“Dus we gingen door.”",
              "Alleen het bedrijfsleven werd een beetje zenuwachtig, die vroegen: gaat dit nog door?",
              "Daarnaast organiseren we bedrijfsbezoeken op de kade.", "Verder loopt het goed.",
              "Voor docenten is het anders. We krijgen veel formulieren.", "Ik zou zeggen: het is verschoven.",
              "Ik zeg altijd: het is vmbo in the lead op papier.",
              # added to what was said before (a new project's chapter quoted "Plus: het bedrag …")
              "Plus: het bedrag is niet geïndexeerd.", "Trouwens, de gemeente betaalt mee."):
        assert opens_without_referent(t), t
    for t in ("Het tekort is groot.", "Kijk, de urgentie zit bij de mensen.", "Wij hebben geen geld.",
              "Het gaat nu anders dan vroeger.", "We moeten het echt anders gaan organiseren met de scholen.",
              "Ik zou zeggen: de urgentie is verschoven naar de docenten.",
              "Het is een probleem dat we samen moeten oplossen.", "Als ze willen, kunnen de scholen komen.",
              "Het po is lastiger dan het vo, daar zitten veel meer scholen.",
              "Wij werken al jaren met dezelfde bedrijven als het ROC, ook in de zomer."):
        assert not opens_without_referent(t), t


def test_a_demonstrative_object_or_an_earlier_answer_is_a_lost_referent():
    """"Als je STO weghaalt, dan weet ik niet of we dat kunnen volhouden." (what?) and "Zoals
    gezegd, …" need what was said before; "dat" opening a clause does not."""
    for t in ("Als je STO weghaalt, dan weet ik niet of we dat kunnen volhouden. En dan moet een kind met de bus.",
              "Zoals gezegd, zoveel scholen en besturen, daar kun je als vmbo eigenlijk geen regie op voeren.",
              "Zoals ik al zei: het geld is niet het probleem, de mensen zijn het probleem hier.",
              "Wij kunnen dit niet alleen, daar hebben we de bedrijven echt voor nodig.",
              "Als we daar de techniek sluiten, dan gaan die kinderen gewoon naar de stad.",
              # a writer found "Ah ja. Eh, ik denk dat [penvoerder] het al gezegd heeft, …" quoted in the text
              "Ah ja. Eh, ik denk dat [penvoerder] het al gezegd heeft, maar wat ik zie is dat het netwerk groot is.",
              "Ik denk dat [penvoerder] het al gezegd heeft, maar wat ik zie is dat het netwerk te groot is.",
              "Wij merken, zoals Jan net al zei, dat de bedrijven afhaken.", "Oh, dat was een lastige tijd voor ons.",
              "Het is ook lastig, er zitten hier een stuk of dertig basisscholen onder vijf besturen.",
              # appendix rows a writer could not place: what is? who went?
              "Het is een plek die van niemand is.", "Vroeger gingen ze naar het ROC in de stad.",
              "Het po vind ik lastiger. Dat zijn wel zestig basisscholen.",  # than what?
              "Het ROC zit ook in het RIF-project hier, met dezelfde bedrijven.",  # the same as which?
              "Het po blijft lastig. Zoals gezegd, zoveel scholen en besturen, daar kun je geen regie op voeren."):
        assert opens_without_referent(t), t
    for t in ("Soms zeggen we dat het niet kan, en dan stopt het gesprek gewoon meteen.",
              "Wij merken dat de bedrijven ons nu zien als partner in de regio.",
              "Ik hoop dat we over vijf jaar nog steeds PIE kunnen aanbieden op het eiland.",
              # after a colon the pronoun points to what the sentence itself introduced (a writer's
              # starred passage was left out of the appendix as "not understood without the one before")
              "In het begin ging het eigenlijk om geld: er komt een pot, hoe krijgen we daar een zo groot "
              "mogelijk deel van."):
        assert not opens_without_referent(t), t


def test_quotable_length():
    assert quotable(TEXT)
    assert not quotable("Te kort.")
    assert not quotable("Een. Twee zinnen hier. Drie zinnen hier. Vier zinnen hier, en nog wat.")
    assert not quotable(" ".join(["woord"] * 80) + ".")


def test_extend_back_to_the_previous_sentence():
    c = cand(1, "R01", "eiland", "u/a", start=40, end=80, text="Die hebben we al twee jaar niet meer kunnen vinden.")
    ext = extend_back(c, (10, "We zoeken al heel lang een docent PIE. "))
    assert ext is not None and ext.start == 10
    assert ext.text == "We zoeken al heel lang een docent PIE. Die hebben we al twee jaar niet meer kunnen vinden."
    assert extend_back(c, None) is None  # first sentence of a turn: left out
    assert extend_back(c, (10, "Maar dat is een ander verhaal. ")) is None


def test_tidy_removes_fillers_only_when_asked():
    assert tidy("Nu is het meer, eh, het besef dat we het samen redden.") == \
        "Nu is het meer … het besef dat we het samen redden."
    assert tidy("Eh, het belangrijkste is dat we PIE nog hebben.") == "…het belangrijkste is dat we PIE nog hebben."
    assert "hè" not in tidy("Dat is lastig, hè, voor iedereen.")


def test_every_point_gets_a_quote_one_region_once_spread_over_types():
    cands = [cand(1, "R01", "eiland", "t/a", starred=True), cand(2, "R01", "eiland", "t/b", starred=True),
             cand(3, "R02", "krimp", "t/a"), cand(4, "R03", "krimp", "t/b"), cand(5, "R04", "stedelijk", "t/a"),
             cand(6, "R05", "gemengd", "t/c")]
    points = [Point("a", "t/a", limit=2), Point("b", "t/b"), Point("c", "t/c")]
    chosen = select_quotes(points, cands)
    assert all(chosen[k] for k in "abc")
    regions = [c.region for cs in chosen.values() for c in cs]
    assert len(regions) == len(set(regions))
    assert chosen["a"][0].id == 1  # starred first
    assert chosen["b"][0].id == 4  # R01 is taken: the other region
    assert chosen["a"][1].group == "stedelijk"  # the second quote of a point: a region type not used yet


def test_a_writers_star_wins_over_a_region_type_the_chapter_quoted_less():
    """A writer's starred passages lost to unstarred ones from a region type quoted less so far
    (only 1 of a theme's 32 starred passages was in the text; the island quote readers asked
    about was such a pick): the star comes before the spread over region types, after the
    passages the point's sentence was drawn from."""
    cands = [cand(1, "R01", "krimp", "t/a"), cand(2, "R02", "krimp", "t/b", starred=True),
             cand(3, "R03", "stedelijk", "t/b")]
    chosen = select_quotes([Point("a", "t/a"), Point("b", "t/b")], cands)
    assert chosen["b"][0].id == 2  # krimp was quoted already; the star still wins
    chosen = select_quotes([Point("a", "t/a"), Point("b", "t/b", references=(3,))], cands)
    assert chosen["b"][0].id == 3  # the passage the sentence was drawn from comes first


def test_references_win_and_limit_holds():
    cands = [cand(i, f"R{i:02d}", "g", "t/a", starred=(i == 1)) for i in range(1, 8)]
    chosen = select_quotes([Point("a", "t/a", references=(5, 6), limit=3)], cands)
    assert [c.id for c in chosen["a"]] == [5, 6, 1]
    chosen = select_quotes([Point("a", "t/a", limit=9)], cands)
    assert len(chosen["a"]) == 3


def test_overlapping_spans_are_one_quote_and_unusable_text_is_skipped():
    cands = [cand(1, "R01", "g", "t/a", start=0, end=50, doc=1), cand(2, "R02", "g", "t/b", start=10, end=60, doc=1),
             cand(3, "R03", "g", "t/c", text="Maar dat zei ik al eerder tegen de anderen in de stuurgroep.")]
    chosen = select_quotes([Point("a", "t/a"), Point("b", "t/b"), Point("c", "t/c")], cands)
    assert [c.id for c in chosen["a"]] == [1] and chosen["b"] == [] and chosen["c"] == []


def test_a_theme_cap_keeps_one_quote_per_code_first():
    cands = [cand(i, f"R{i:02d}", "g", "t/a") for i in range(1, 6)] + \
            [cand(i, f"R{i:02d}", "g", "t/b") for i in range(6, 9)]
    points = [Point("a1", "t/a", limit=2), Point("a2", "t/a", limit=2), Point("a3", "t/a"), Point("b1", "t/b")]
    chosen = select_quotes(points, cands, max_total=3)
    assert chosen["b1"] and sum(len(v) for v in chosen.values()) == 3
    assert chosen["a1"] and chosen["a2"] and not chosen["a3"]


def test_near_duplicate_passages_are_quoted_once():
    from sto_qual.domain.quote_selection import content_words, near_duplicate
    a = ("Het techlab is een plek die van niemand is. Hij staat niet op het terrein van een van de scholen, het is "
         "een oude loods van het havenbedrijf.")
    b = "Wat het zo goed maakt, denk ik, is dat het van niemand is. Het staat niet op het terrein van een school."
    assert near_duplicate(content_words(a), content_words(b))
    assert not near_duplicate(content_words(a), content_words(TEXTS[3]))
    cands = [cand(1, "R01", "eiland", "t/a", text=a), cand(2, "R02", "krimp", "t/b", text=b),
             cand(3, "R03", "krimp", "t/b")]
    chosen = select_quotes([Point("a", "t/a"), Point("b", "t/b")], cands)
    assert [c.id for c in chosen["a"]] == [1] and [c.id for c in chosen["b"]] == [3]


def test_no_quote_repeats_what_the_point_retells():
    from sto_qual.domain.quote_selection import content_words
    retold = content_words("men heeft het afgelopen jaar in de derde klas BWI nog elf leerlingen gehad")
    cands = [cand(1, "R01", "g", "t/a", text="Wij hebben het afgelopen jaar in de derde klas BWI nog elf leerlingen "
                                           "gehad, en de prognoses gaan omlaag."), cand(2, "R02", "g", "t/a")]
    chosen = select_quotes([Point("a", "t/a", references=(1,), said=(retold,))], cands)
    assert [c.id for c in chosen["a"]] == [2]


def test_a_quote_cut_from_a_longer_sentence_says_so():
    from sto_qual.domain.quote_selection import mark_cuts
    assert mark_cuts("het ministerie denkt in kalenderjaren, wij in schooljaren.") == \
        "…het ministerie denkt in kalenderjaren, wij in schooljaren."
    assert mark_cuts("We hebben de machine uitgesteld") == "We hebben de machine uitgesteld…"
    assert mark_cuts("Dat klopt.") == "Dat klopt."


def test_quotes_that_lack_their_referent():
    """The eight cases of the rule (domain.quote_selection's docstring), each with a passage
    that stands on its own beside it."""
    lacking = [
        "Al is het wel lastig om die docenten een dag vrij te roosteren.",    # 1 concessive opener
        "Ongeveer de helft gaat naar de hub en naar de programmaleiding.",    # 1 half of what?
        "…het ministerie denkt in kalenderjaren en wij in schooljaren.",      # 2 mid-sentence
        "het ministerie denkt in kalenderjaren en wij in schooljaren.",       # 2 lowercase start
        "Op papier wel. Wij zijn penvoerder.",                                # 3 elliptic answer
        "Binnen de stuurgroep wel, daar bepalen wij de agenda.",              # 3
        "Deels. Binnen de stuurgroep wel, daar bepalen wij de agenda.",       # 3
        "Het is neutraal. Als het bij een school had gestaan, was niemand gekomen.",  # 4
        "Als dat zo doorgaat, dan kunnen we over een paar jaar geen BWI meer aanbieden.",  # 5
        "Bij ons duurt dat vier, vijf jaar, en wij hebben niks te bieden.",   # 5
        "Wat mij betreft mag dat wat minder in grote bijeenkomsten.",         # 5 after "wat mij betreft"
        "Mag ik eerlijk zijn? Op papier wel.",                                # 3 after an aside
        "Vervelend, natuurlijk. Maar we gingen toch door.",                  # a short answer
        "Voor mij is dat de kwaliteit van de lessen.",                        # 5 "is dat": the subject
        "Frustrerend.",                                                       # 7 a short answer alone
        "Slecht, eerlijk gezegd.",                                            # 7
        "Bij ons hetzelfde met de vervanging van machines.",                  # 7 the same as what?
        "Minder dan aan de personeelskant.",                                  # 7 less than what?
        "Twee zijn er inmiddels vertrokken naar het bedrijfsleven.",          # 7 two of what?
        "Ik vond dat eerlijk gezegd heel vervelend.",                         # 8 "dat" is the thing
    ]
    standing = [
        "Ik denk dat we het als regio samen moeten doen.",
        "Het geld dat we krijgen is eigenlijk te weinig voor machines.",
        "Het is lastig om goede technische docenten te vinden.",
        "vmbo-scholen werken hier in de regio echt samen.",
        "We hebben afgesproken dat we elkaar niet beconcurreren.",
        "Wat helpt is dat we nu eerst een visie maken.",
        "Krimp. Dat is hier het verhaal van alles.",
        "Heeft het vmbo de regierol in de regio? Op papier wel.",  # the question carries the referent
        "Het probleem is dat de docenten weggaan.",
        "Ik vond dat we te laat waren met de investering.",
        "Twee scholen werken samen in een techlab.",
        "Wat mij betreft zeggen we dat het techlab blijft.",
    ]
    assert [t for t in lacking if not opens_without_referent(t)] == []
    assert [t for t in standing if opens_without_referent(t)] == []


def test_a_quote_lacking_its_referent_is_extended_to_the_sentence_before():
    c = cand(1, "r1", "g", "t/a", start=100, end=140, text="Op papier wel. Wij zijn penvoerder van de regio.")
    got = extend_back(c, (60, "Heeft het vmbo de regierol in de regio? "))
    assert got is not None and got.start == 60 and got.text.startswith("Heeft het vmbo")
    # the sentence before lacks one too: left out
    assert extend_back(c, (60, "Dat denk ik wel. ")) is None


def test_a_quote_that_echoes_the_point_above_it_is_not_chosen():
    from sto_qual.domain.quote_selection import content_words
    point = "In een aantal regio's stelt men dat het ministerie in kalenderjaren rekent en de scholen in schooljaren."
    echo = cand(1, "r1", "g", "t/a", text="Het ministerie rekent in kalenderjaren, de scholen rekenen in schooljaren, "
                "dat wringt elk jaar weer.")
    other = cand(2, "r2", "g", "t/a", text="De beschikking komt pas in het najaar, dan ben je al halverwege het jaar.")
    chosen = select_quotes([Point("a", "t/a", said=(content_words(point),))], [echo, other])
    assert [c.id for c in chosen["a"]] == [2]


def test_two_quotes_about_the_calendar_year_are_one_point():
    from sto_qual.domain.quote_selection import content_words, near_duplicate
    a = "…het ministerie denkt in kalenderjaren en wij in schooljaren. De beschikking komt ergens in het najaar."
    b = "Wat ik wel lastig vind, los van die onrust, is dat het ministerie in kalenderjaren rekent en de scholen in schooljaren."
    assert near_duplicate(content_words(a), content_words(b))


def test_a_quote_that_answers_a_question_or_points_back_does_not_stand_alone():
    from sto_qual.domain.quote_selection import opens_without_referent, trails_off
    for text in ("Voor mij is dat de kwaliteit van de lessen. We hebben nu mooie spullen staan.",
                 "Mag ik eerlijk zijn? Op papier wel. Wij zijn penvoerder.",
                 "Vervelend, natuurlijk. Maar we gingen toch door.",
                 "Klopt. Dat hebben we zo afgesproken."):
        assert opens_without_referent(text), text
    for text in ("Het probleem is dat de docenten weggaan.", "Mag ik eerlijk zijn? We hebben het geld verdeeld.",
                 "In 2019 ging het over vernieuwen. Nu gaat het over overeind blijven."):
        assert not opens_without_referent(text), text
    assert trails_off("Als je niet weet of je baan er over een jaar nog is, ja —")
    assert not trails_off("Dat is het — en meer niet.")


def test_a_passage_starred_under_two_sub_codes_is_one_appendix_row_naming_both():
    """The English appendix printed "Ik heb in [plaats] dit jaar een derde klas PIE …" twice, under
    two sub-codes of one theme: one row, the longer quote, in the first one's place."""
    from dataclasses import dataclass

    from sto_qual.domain.quote_selection import once_per_passage

    @dataclass(frozen=True)
    class Row:
        theme: str
        doc: str
        text: str
        code: str
        code_label: str

    short = Row("urgentie", "R02", "Ik heb negen leerlingen.", "urgentie/krimp", "Krimp")
    longer = Row("urgentie", "R02", "Ik heb negen leerlingen. Dat is niet te bekostigen.", "urgentie/aanbod", "Aanbod")
    other = Row("urgentie", "R03", "Ik heb negen leerlingen.", "urgentie/krimp", "Krimp")
    elsewhere = Row("financiering", "R02", "Ik heb negen leerlingen.", "financiering/gevolgen", "Gevolgen")
    assert once_per_passage([short, other, longer, elsewhere]) == [
        Row("urgentie", "R02", longer.text, "urgentie/krimp", "Krimp; Aanbod"), other, elsewhere]


def test_a_filler_after_nou_or_before_a_dash_is_left_out_as_an_opening_filler():
    """A coder's starred "Nou, eh — het zichtbaarste is de techniekbus …" went into the appendix
    with its filler, where the README says an opening filler is "…"."""
    from sto_qual.domain.quote_selection import mark_cuts
    assert mark_cuts("Nou, eh — het zichtbaarste is de techniekbus.") == "…het zichtbaarste is de techniekbus."
    assert mark_cuts("Eh — dat weet ik niet.") == "…dat weet ik niet."
    assert mark_cuts("Nou, eh, in het begin was het vooral geld.") == "…in het begin was het vooral geld."
    assert mark_cuts("Nou, dat weet ik niet.") == "Nou, dat weet ik niet."  # "nou" alone is no filler


def test_kijk_at_the_start_is_a_stopword_left_out():
    """"Kijk, [mbo-instelling] heeft elf locaties …" kept its "Kijk," where the method says a
    stopword at the start is left out; "Nou," alone may answer and stays."""
    from sto_qual.domain.quote_selection import mark_cuts
    assert mark_cuts("Kijk, de bedrijven hier in de haven werken met robotica.") == \
        "…de bedrijven hier in de haven werken met robotica."
    assert mark_cuts("Kijk, eh, dat weet ik niet.") == "…dat weet ik niet."
    assert mark_cuts("Kijkje nemen is goed.") == "Kijkje nemen is goed."


def test_a_turn_opening_with_en_or_maar_is_quoted_from_the_clause_after_it():
    """"En de bedrijven hier schreeuwen om mensen." opened its speaker's turn: with no sentence of
    hers before it, it was left out, though the clause after "En" stands on its own. It is quoted
    from there, the cut marked; "En dat …" still needs what came before."""
    from sto_qual.domain.quote_selection import mark_cuts, standing
    said = "En de bedrijven hier schreeuwen om mensen. De installatiebranche, de metaal, de bouw."
    c = cand(1, "R01", "krimp", "urgentie", start=100, end=100 + len(said), text=said)
    stood = standing(c, lambda c: None, lambda c: [])
    assert stood is not None and stood.start == 103 and stood.text.startswith("de bedrijven")
    assert mark_cuts(stood.text).startswith("…de bedrijven hier schreeuwen om mensen.")
    maar = cand(2, "R02", "krimp", "urgentie", text="Maar in de praktijk bepalen de ROC's met hun eigen geld wat er "
                "gebeurt.")
    assert standing(maar, lambda c: None, lambda c: []).text.startswith("in de praktijk")
    for pointing in ("En dat merken alle scholen hier in de regio elke dag.", "Maar die hebben we niet meer, "
                     "al jaren niet.", "Ja, en de bedrijven schreeuwen hier om technische mensen."):
        assert standing(cand(3, "R03", "krimp", "urgentie", text=pointing), lambda c: None, lambda c: []) is None


def test_a_passage_naming_an_urban_or_rural_region_type_is_known_to_name_it():
    """"In een stad is de concurrentie tussen scholen gewoon groot." came from the one urban region of
    four and was printed beside the role; a passage that names its small group is credited without one."""
    from sto_qual.domain.quote_selection import names_group
    assert names_group("In een stad is de concurrentie tussen scholen gewoon groot.", "stedelijk")
    assert names_group("Op het platteland rijdt er na zessen geen bus meer.", "landelijk")
    assert not names_group("De standaard is hier dat iedere school een eigen werkplaats heeft.", "stedelijk")


def test_a_themes_quotes_are_spread_over_the_region_types():
    """The demo's 'Vmbo in the lead' quoted three gemengde regions of four quotes: each point
    took the passage its sentence was drawn from. A theme's quotes now come from at least three
    region types where its points have passages of them: the narrowest point gives way to its
    next passage of a type not yet quoted. A type of one interview (the island) is not sought:
    its quote would point to its region."""
    points = [Point(k, f"t/{k}", references=refs) for k, refs in
              (("a", (1,)), ("b", (2,)), ("c", (3, 4, 5)), ("d", (6, 7)))]
    cands = [cand(1, "r1", "krimp", "t/a"), cand(2, "r2", "gemengd", "t/b"),
             cand(3, "r3", "gemengd", "t/c"), cand(4, "r4", "eiland", "t/c"), cand(5, "r5", "stedelijk", "t/c"),
             cand(6, "r6", "gemengd", "t/d"), cand(7, "r7", "landelijk", "t/d")]
    chosen = select_quotes(points, cands, few={"eiland"})
    got = {k: [c.id for c in v] for k, v in chosen.items()}
    # d (the narrowest, last) gives way first: its next passage is landelijk; then three types are quoted
    assert got == {"a": [1], "b": [2], "c": [3], "d": [7]}, got
    # the island's passage is not taken to make a third type: nothing else can, the quotes stay
    cands = [c for c in cands if c.id not in (5, 7)]
    chosen = select_quotes(points, cands, few={"eiland"})
    assert {k: [c.id for c in v] for k, v in chosen.items()} == {"a": [1], "b": [2], "c": [3], "d": [6]}


def test_a_passage_naming_the_island_is_quoted_only_when_its_point_has_no_other():
    """A writer found "… dan gaat het al snel niet meer over het eiland" under a facet: the
    chapter's method says one island region took part, so the quote pointed to it. Such a
    passage (it names its region type of a few interviews) is quoted only where its point has
    no other passage, even when it is the one the point's sentence was drawn from."""
    island = cand(1, "r1", "eiland", "t/a", text="We zijn uitgenodigd om aan te sluiten bij de regio aan de overkant, "
                  "maar dan gaat het al snel niet meer over het eiland.")
    other = cand(2, "r2", "krimp", "t/a")
    chosen = select_quotes([Point("a", "t/a", references=(1, 2))], [island, other], few={"eiland"})
    assert [c.id for c in chosen["a"]] == [2]
    chosen = select_quotes([Point("a", "t/a", references=(1,))], [island], few={"eiland"})
    assert [c.id for c in chosen["a"]] == [1]  # nothing else illustrates the point
    # a passage of the island that does not name it is a passage like any other
    plain = cand(3, "r1", "eiland", "t/a")
    chosen = select_quotes([Point("a", "t/a", references=(3, 2))], [plain, other], few={"eiland"})
    assert [c.id for c in chosen["a"]] == [3]


def test_a_second_answer_reacts_to_a_colleague_when_it_opens_with_ja_dat_or_ook():
    """In a steering group a second respondent may answer the interviewer's question after a
    colleague did ("Het is van geld naar samen gegaan"), or react to that colleague ("Ja, en …"):
    only the first is printed after the question (the colleague's words never are)."""
    from sto_qual.domain.quote_selection import reacts_to_nothing
    assert reacts_to_nothing("Het is van geld naar samen gegaan, zou ik zeggen.")
    assert reacts_to_nothing("Eh, ik zou zeggen: het is verschoven.")
    # "Wat het zo goed maakt" after a colleague's "Het techlab. Zonder twijfel." speaks of her techlab (an auditor
    # found it in the appendix "Op de vraag 'Wat is … de belangrijkste opbrengst …?'", its "het" lost)
    for reaction in ("Ja, en bij ons ook.", "Dat klopt, maar het geld is op.", "Ook bij ons.", "Eh, precies.",
                     "Wat het zo goed maakt, denk ik, is dat het van niemand is.", "Eh, waardoor het werkt is dit."):
        assert not reacts_to_nothing(reaction), reaction

