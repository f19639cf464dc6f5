"""A quote must stand on its own and add something (DOMAIN.md): a verbless answer gets the
sentence that says something, a quote that leans on the sentence before gets it, and a second
quote of a point says more than the first. Pure rules of domain.quote_standing and
domain.quote_selection on hand-made candidates."""
import pytest

from sto_qual.domain.quote_selection import (Candidate, Point, content_words, extend_back, extend_forward, mark_cuts,
                                             says_the_same_briefly, standing, usable)
from sto_qual.domain.quote_picking import select_quotes
from sto_qual.domain.quote_standing import leans_on_previous, opens_without_referent, verbless

ANSWER = "Het behoud van techniek in de regio. Echt."
SUBSTANCE = (" Wij hebben het afgelopen jaar in de derde klas BWI nog elf leerlingen gehad, en de prognoses gaan"
             " alleen maar verder omlaag.")
LEANS = ("In elk overleg: wij zijn de regiehouder, dit is ons plan. En we hadden eerst onze eigen visie op papier"
         " voordat we met de partners om tafel gingen.")
BEFORE = "Eh, we hebben het heel bewust benadrukt. "


def cand(i, text, region=None, start=100, starred=False, code="t/a"):
    region = region or f"R{i:02d}"
    return Candidate(id=i, document_id=i, region=region, group="", code=code, start=start, end=start + len(text),
                     text=text, starred=starred, words=len(text.split()))


# 1. verbless fragments

def test_a_quote_of_verbless_fragments_is_told_apart_from_one_that_says_something():
    for t in (ANSWER, "Kwaliteit. Echt.", "Het geld. Vooral het geld, eerlijk gezegd.", "[school]. Absoluut."):
        assert verbless(t), t
    for t in ("Krimp. Dat is hier het verhaal van alles.",             # one sentence with a verb is enough
              "Subsidieregels rekenen met kalenderjaren terwijl scholen begroten per schooljaar.",  # no listed verb
              "Kleine dorpen, dalende leerlingaantallen, dan vecht je om elke leerling.",  # a pronoun has its verb
              "Het tekort aan technische docenten is in de stad gewoon dramatisch.",
              ANSWER + SUBSTANCE):
        assert not verbless(t), t


def test_a_verbless_quote_gets_the_next_sentence_of_the_turn_or_is_left_out():
    c = cand(1, ANSWER)
    ext = extend_forward(c, [(c.end + len(SUBSTANCE), SUBSTANCE), (c.end + 500, " Dat doen ze niet.")])
    assert ext is not None and ext.text == ANSWER + SUBSTANCE and ext.end == c.end + len(SUBSTANCE)
    assert ext.start == c.start and usable(ext.text)
    assert extend_forward(c, []) is None                          # the turn ends: left out
    assert extend_forward(c, [(c.end + 6, " Echt.")]) is None      # still nothing said
    too_long = " " + " ".join(["woord"] * 70) + " is het."
    assert extend_forward(c, [(c.end + len(too_long), too_long)]) is None
    # three sentences at most: one sentence more is all there is room for
    assert extend_forward(cand(2, "Kwaliteit. Echt. Absoluut."), [(999, SUBSTANCE)]) is None


def test_a_verbless_quote_is_passed_over_for_the_next_candidate():
    fragment = cand(1, "Het behoud van de techniek in onze regio. Echt.", starred=True)
    other = cand(2, "Als een van ons stopt met BWI, dan moeten die leerlingen drie kwartier fietsen.")
    assert not usable(fragment.text)
    chosen = select_quotes([Point("a", "t/a", references=(1,))], [fragment, other])
    assert chosen["a"] == [other]


def test_standing_extends_a_verbless_quote_forward_only_when_needed():
    asked = []

    def following(c):
        asked.append(c.id)
        return [(c.end + len(SUBSTANCE), SUBSTANCE)]
    c = cand(1, ANSWER)
    assert standing(c, lambda c: None, following).text == ANSWER + SUBSTANCE
    plain = cand(2, "Het tekort aan technische docenten is in de stad gewoon dramatisch.")
    assert standing(plain, lambda c: None, following) is plain and asked == [1]
    assert standing(c, lambda c: None, lambda c: []) is None


# 2. a quote that leans on the sentence before

def test_a_bare_prepositional_phrase_and_colon_leans_on_the_sentence_before():
    assert leans_on_previous(LEANS)
    assert leans_on_previous("Bij [mbo-instelling]: daar beslissen ze alles zelf, wij schuiven aan.")
    for t in ("Met STO hebben we gezegd: op techniek concurreren we niet meer.",   # a verb: a clause of its own
              "Ik zou zeggen: in het begin was de urgentie vooral een geldkwestie.",
              "In 2019 ging het over vernieuwen. Nu gaat het over overeind blijven.",  # no colon
              "Wat wel helpt: we zijn nu bezig om eerst onze eigen lijn te bepalen."):
        assert not leans_on_previous(t), t


def test_a_list_without_a_verb_before_the_point_leans_on_the_sentence_before():
    """The chapter quoted “Techniekmiddagen, een bezoek aan het praktijklokaal. Maar eerlijk: dat is
    werving.”: what are they? (a reader's word) The sentence before says it; a topic stands."""
    assert leans_on_previous("Techniekmiddagen, een bezoek aan het praktijklokaal. Maar eerlijk: dat is werving.")
    assert leans_on_previous("PIE en BWI. Die houden we, de rest gaat naar [school].")
    for t in ("Krimp. Dat is hier het verhaal van alles.",  # a topic, named once
              "Docenten, docenten. Dat is het grootste probleem.",  # one thing, said twice
              "Techniekmiddagen, een bezoek aan het praktijklokaal.",  # nothing after it to lean
              "Wij hebben PIE, BWI en MaT. Dat blijft zo."):  # a clause
        assert not leans_on_previous(t), t


def test_a_leaning_quote_is_extended_back_when_it_stays_short_else_kept():
    c = cand(1, LEANS, start=200)
    ext = standing(c, lambda c: (160, BEFORE), lambda c: [])
    assert ext is not None and ext.start == 160 and ext.text == BEFORE + LEANS
    assert usable(ext.text)  # a filler it opens with is no lost referent
    assert mark_cuts(ext.text).startswith("…we hebben het heel bewust benadrukt. In elk overleg:")
    # the start of the turn, or a sentence before that itself points back: kept as it is
    assert standing(c, lambda c: None, lambda c: []) is c
    assert standing(c, lambda c: (160, "Maar dat is een ander verhaal. "), lambda c: []) is c
    # too long with the sentence before: kept as it is
    long_before = " ".join(["Wij"] + ["woord"] * 50) + ". "
    assert standing(c, lambda c: (100, long_before), lambda c: []) is c
    # a quote that points back ("Die …") is still left out when it cannot be extended
    assert standing(cand(2, "Die hebben we al twee jaar niet meer kunnen vinden."), lambda c: None,
                    lambda c: []) is None


def test_a_filler_opening_the_sentence_before_hides_no_lost_referent():
    c = cand(1, "Die hebben we al twee jaar niet meer kunnen vinden.", start=60)
    ext = extend_back(c, (10, "Eh, we zoeken al heel lang een docent PIE. "))
    assert ext is not None and ext.start == 10
    assert extend_back(c, (10, "Eh, die zoeken we al heel lang. ")) is None  # the filler hid a "die"
    assert opens_without_referent("Eh, we zoeken al heel lang een docent PIE.")  # the rule itself is unchanged
    assert mark_cuts("Eh, we zoeken al heel lang een docent PIE.") == "…we zoeken al heel lang een docent PIE."
    # a stopword after the filler goes with it ("…nou, ik zal …" kept one the "…" said was left out);
    # "ja" answers, and stays
    assert mark_cuts("Eh, nou, ik zal het heel kort zeggen.") == "…ik zal het heel kort zeggen."
    assert mark_cuts("Eh, ja, dat klopt.") == "…ja, dat klopt."


# 3. a second quote of a point adds something

FIRST = "Het mbo heeft elf locaties en een eigen budget."
SAME = "Het ROC heeft heel veel locaties en eigen geld voor alles."
NEW = "Het po heeft te veel scholen en besturen voor één aanspreekpunt."


def test_a_second_quote_that_says_the_same_as_the_first_gives_way_to_the_next():
    assert says_the_same_briefly(content_words(FIRST), content_words(SAME))
    cands = [cand(1, FIRST), cand(2, SAME, starred=True), cand(3, NEW)]
    chosen = select_quotes([Point("a", "t/a", references=(1, 2), limit=2)], cands)
    assert [c.id for c in chosen["a"]] == [1, 3]
    # with nothing else to say, the point has one quote
    chosen = select_quotes([Point("a", "t/a", references=(1, 2), limit=2)], cands[:2])
    assert [c.id for c in chosen["a"]] == [1]


def test_a_second_quote_that_repeats_the_retold_example_gives_way_to_the_next():
    example = content_words("men heeft geen geld om bedrijven iets te bieden")
    first = cand(1, "Het mbo heeft elf locaties en een eigen budget voor praktijkleren.")
    again = cand(2, "Wij kunnen bedrijven niets bieden voor hun stages en werkplekken.", starred=True)
    chosen = select_quotes([Point("a", "t/a", references=(1,), limit=2, said=(example,))], [first, again, cand(3, NEW)])
    assert [c.id for c in chosen["a"]] == [1, 3]
    # a first quote is held to the looser test it always was: sharing two words is no repeat
    chosen = select_quotes([Point("a", "t/a", said=(example,))], [again])
    assert [c.id for c in chosen["a"]] == [2]


# the service reads the sentences around a quote in the same turn (demo transcripts R08, R06)

def test_the_chapter_reads_the_sentence_after_a_verbless_answer_and_before_a_leaning_one(demo_ws):
    from sto_qual.services.quote_selection import QuotePicker
    from sto_qual.services.report_quotes import QuoteIndex
    picker = QuotePicker(demo_ws, QuoteIndex(demo_ws, lambda t: t, "nl"), coder_id=None, main="region_type",
                         tidy_quotes=False, labels=str)
    codes = ("urgentie/behoud-techniekaanbod", "vmbo-in-the-lead/succesfactoren")
    refs = [k.id for k in demo_ws.codings() if k.text.strip() in (ANSWER, LEANS)]  # the passages a point rests on
    assert refs
    texts = [c.text for c in picker.candidates({c: c for c in codes}, refs)]
    assert ANSWER + SUBSTANCE in texts  # R08: the next sentence, not the one after it (three at most)
    assert not any(t == ANSWER for t in texts)
    assert BEFORE + LEANS in texts      # R06: the sentence before, its "Eh, " cut when printed
    assert not any(t == LEANS for t in texts)


def test_a_compound_counts_as_the_word_it_holds():
    """The example "bij de start was de urgentie het geld" stood above the quote "in het begin was
    de urgentie vooral een geldkwestie": only "urgentie" was shared word for word."""
    from sto_qual.domain.quote_selection import says_the_same_briefly
    example = frozenset({"start", "urgentie", "geld"})
    quote = frozenset({"begin", "urgentie", "geldkwestie", "besef", "samen", "redden"})
    assert says_the_same_briefly(example, quote) and says_the_same_briefly(quote, example)
    assert not says_the_same_briefly(frozenset({"start", "urgentie", "geld"}),
                                     frozenset({"urgentie", "docent", "tekort", "lokaal"}))
    assert not says_the_same_briefly(frozenset({"ook", "urgentie", "regio"}),  # short words stay whole
                                     frozenset({"ookal", "urgentie", "sport"}))



def test_an_example_a_quote_of_its_paragraph_says_again_gives_way_to_the_quote(demo_ws):
    """"Een regio noemt als voorbeeld: bij de start was de urgentie het geld", then the quote "in
    het begin was de urgentie vooral een geldkwestie …": the text said it twice. The example goes,
    the quote (the speaker's own words) stays, and no facet keeps such a pair."""
    from sto_qual.domain.quote_selection import content_words, says_the_same_briefly
    from sto_qual.services.report_theme import said_words
    from sto_qual.services.reporting import build_report_data
    data = build_report_data(demo_ws, demo_ws.synthesis(), appendix="none")
    text = " ".join(b.text for t in data.themes for b in t.points)
    assert "bij de start was de urgentie het geld" not in text
    assert any("geldkwestie" in q.text for t in data.themes for b in t.points for q in b.quotes)
    for t in data.themes:
        for b in t.points:
            for part, _concept in b.parts:
                if ": " in part and part.split(": ")[0].startswith(("Een regio", "Een andere", "Een voorbeeld")):
                    assert not any(says_the_same_briefly(said_words(part), content_words(q.text)) for q in b.quotes), \
                        (part, [q.text for q in b.quotes])


def test_a_quote_that_says_it_said_this_before_does_not_stand_alone():
    """The appendix held "Ik noemde het net al: mijn bestuurder zit niet zelf in de stuurgroep …"."""
    from sto_qual.domain.quote_standing import opens_without_referent
    assert opens_without_referent("Ik noemde het net al: mijn bestuurder zit niet zelf in de stuurgroep.")
    assert opens_without_referent("We zeiden het eerder: het geld is op.")
    assert not opens_without_referent("Ik noemde het project toen al een proeftuin.")


@pytest.mark.parametrize("text, lost", [
    ("Als die dicht gaat, moeten kinderen een uur met de bus naar de stad.", True),
    ("Zodra die stopt, is het klaar met de techniek.", True),
    ("Omdat die er al is, doen we het samen.", True),
    ("Als die school dichtgaat, moeten kinderen met de bus.", False),  # "die" before its noun
    ("Als deze regio niet samenwerkt, lukt het niet.", False),
])
def test_an_opening_clause_whose_subject_is_a_pointing_die_has_lost_its_referent(text, lost):
    """A starred passage of three sentences was quoted by its last, "Als die dicht gaat, moeten
    kinderen een uur met de bus naar de stad.": if what closes? (Rule 18.)"""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("text, lost", [
    ("Ik heb in die periode echt extra stuurgroepvergaderingen moeten beleggen.", True),
    ("Op dat moment hadden we geen geld.", True),
    ("In dat geval stoppen we ermee.", True),
    ("Voor die leerlingen is het lastig.", True),
    ("Zonder dat we het merkten ging het mis.", False),  # a conjunction
    ("Met de scholen die meedoen gaat het goed.", False),  # a relative pronoun
    ("Ik denk dat we in de regio goed samenwerken.", False),
])
def test_a_pointing_die_or_dat_after_a_preposition_has_lost_its_referent(text, lost):
    """A writer found "“Ik heb in die periode echt extra stuurgroepvergaderingen moeten
    beleggen …”" in the chapter: which period? (Rule 11.)"""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("text, lost", [
    ("Eerlijk gezegd is het vooral, eh, PR. Het is werving.", True),
    ("Wat het zo goed maakt, denk ik, is dat het van niemand is.", True),
    ("In de stad is het gewoon lastiger.", True),
    ("In de regio is het vooral belangrijk dat we samen optrekken.", False),  # "het" is the clause after it
    ("Voor ons is het echt de vraag of het geld blijft.", False),
    ("Het is van geld naar samen gegaan, zou ik zeggen.", True),  # what went? (two readers asked)
    ("Bij ons is het techlab het hart van de samenwerking.", False),  # a noun follows "het"
    ("Ik vind het vooral jammer voor de leerlingen.", False),  # the subject opens (rule 8's matter)
    ("Wat we willen is een gezamenlijke opleiding.", False),
])
def test_an_het_that_stands_for_something_said_before_has_lost_its_referent(text, lost):
    """A writer read "“Eerlijk gezegd is het vooral, eh, PR. Het is werving.” — a grant holder"
    in the chapter, and "“Wat het zo goed maakt, denk ik, is dat het van niemand is.”" in its
    appendix: what is PR, what is so good? (Rule 13.)"""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("text, lost", [
    ("Ik denk het docententekort. Dat is echt waar het nu knelt.", True),
    ("Wij zouden zeggen de samenwerking met het mbo. Die is goed.", True),
    ("Ik denk het docententekort, want dat raakt alles.", False),  # the sentence says why
    ("Ik denk de hele dag na over de formatie. Dat is zwaar.", False),  # more than a noun phrase
])
def test_a_topic_named_after_a_verb_of_thinking_answers_a_question_not_quoted(text, lost):
    """The chapter quoted "“…ik denk het docententekort. Dat is echt waar het nu knelt.”": the
    answer to "Wat is het meest urgent?", which the reader does not have (rule 6)."""
    assert opens_without_referent(text) is lost


def test_a_filler_opening_a_starred_passage_does_not_make_it_lose_its_referent():
    """A coder starred "Eh, het belangrijkste is eigenlijk dat we PIE nog hebben. …" and the
    appendix left it out as "cannot be understood without the sentence before": the filler
    counted as a word pointing back (``usable`` already read past it; ``standing`` did not)."""
    text = "Eh, het belangrijkste is eigenlijk dat we PIE nog hebben. Dat klinkt misschien klein."
    c = cand(1, text, start=50)
    assert standing(c, lambda c: None, lambda c: []) == c
    lost = cand(2, "Eh, die zoeken we al heel lang.", start=50)
    assert standing(lost, lambda c: None, lambda c: []) is None  # what the filler hides still counts


def test_standing_extends_back_over_sentences_that_point_back_themselves():
    """"Die hebben we ook." after "Dat zei ik al." after "We hebben twee werkplaatsen.": the
    sentence before points back too, so the quote starts where one does not (the appendix had
    left sixteen starred passages of the demo out)."""
    sentences = ["We hebben twee werkplaatsen voor installatietechniek. ", "Dat zei ik al tegen de wethouder. ",
                 "Die staan nu allebei op het terrein van het mbo."]
    text = "".join(sentences)
    starts = [text.index(s) for s in sentences]

    def previous(c):
        i = starts.index(c.start)
        return (starts[i - 1], text[starts[i - 1]:c.start]) if i else None
    last = Candidate(id=1, document_id=1, region="R1", group="", code="x", start=starts[2], end=len(text),
                     text=sentences[2], starred=True, words=len(sentences[2].split()))
    got = standing(last, previous, lambda c: [], max_sentences=5, max_words=120)
    assert got is not None and got.start == 0 and got.text == text.strip()
    # within the limits only: three sentences do not fit in two
    assert standing(last, previous, lambda c: [], max_sentences=2, max_words=120) is None
    # and never past the start of the turn: every sentence before points back
    pointing = ["Dat was het eerste. ", "Die staan er nu."]
    both = "".join(pointing)

    def to_the_start(c):
        return (0, both[:c.start]) if c.start else None
    c = Candidate(id=2, document_id=1, region="R1", group="", code="x", start=len(pointing[0]), end=len(both),
                  text=pointing[1], starred=True, words=3)
    assert standing(c, to_the_start, lambda c: [], max_sentences=5, max_words=120) is None


def test_a_pointing_die_after_a_verb_needs_what_came_before():
    """"In de praktijk geldt die regie alleen binnen het vmbo zelf." stood in the appendix: which
    regie? A "die"/"deze" right after a verb among the first words points back; a relative "die"
    after a noun does not."""
    for lost in ("In de praktijk geldt die regie alleen binnen het vmbo zelf.",
                 "We hebben die vacatures nooit vervuld.", "Wij zien deze ontwikkeling al jaren."):
        assert opens_without_referent(lost), lost
    for stands in ("Er zijn scholen die niet meedoen.", "Het is de markt die alles bepaalt.",
                   "We hebben een docent die alles doet.", "Het zijn de docenten die het verschil maken."):
        assert not opens_without_referent(stands), stands


def test_an_it_after_a_longer_opening_and_the_verb_needs_what_came_before():
    """"Voor ons, in de dorpen, is het echt het overeind houden van techniek." was a quote in the
    text: what is? The opening before the verb may be five words; a clause after the "het"
    ("… is het echt lastig om …") still fills it."""
    assert opens_without_referent("Voor ons, in de dorpen, is het echt het overeind houden van techniek.")
    assert not opens_without_referent("In de krimpregio van het noorden is het echt lastig om docenten te vinden.")
    assert not opens_without_referent("Bij ons op de scholen is het gewoon zo dat niemand tekent.")


def test_a_topic_named_then_denk_ik_answers_a_question_not_quoted():
    assert opens_without_referent("De hub, denk ik. Het is een plek die van niemand is.")
    assert opens_without_referent("Geld, vind ik. En mensen.")
    assert not opens_without_referent("Wij hebben het samen goed geregeld, denk ik. Dat merken we overal.")


def test_het_before_a_colon_says_what_it_is_now_not_what_het_is():
    """"Nu is het meer: we hebben mooie lokalen, maar wie gaat er lesgeven?" stood in the appendix
    without what it compares with: "het" is the urgency of the sentence before. A clause after
    the colon does not fill the "het"."""
    assert opens_without_referent("Nu is het meer: we hebben mooie lokalen, maar wie gaat er lesgeven?")
    assert not opens_without_referent("Bij ons is het vooral zo dat niemand tekent.")


def test_a_reserve_about_what_was_said_before_does_not_stand_alone():
    """"Hoewel, aan tafel zitten is iets anders dan samen iets doen" was quoted alone: a reserve
    about something the reader does not have. The clause "Hoewel het geld op is, …" stands."""
    assert opens_without_referent("Hoewel, aan tafel zitten is iets anders dan samen iets doen.")
    assert opens_without_referent("Althans, zo zien wij het in de stuurgroep.")
    assert not opens_without_referent("Hoewel het geld bijna op is, gaan wij door met het techlab.")


@pytest.mark.parametrize("text, lost", [
    ("Ik denk dat die is toegenomen. In het begin was het: we krijgen geld.", True),
    ("Ik denk dat dat het belangrijkste is.", True),
    ("Met zo'n grote regio is dat echt het lastigste. Elf besturen aan tafel.", True),
    ("Ik denk dat het ook komt doordat we heel goed wisten wat we wilden.", True),
    ("Ik denk dat het belangrijk is dat we samen optrekken.", False),
    ("Wij zijn voor hen een van de vele toeleveranciers.", True),
    ("We hebben het plan samen met de besturen geschreven.", False),  # an article: the plan is named
    ("Ik denk dat de urgentie is toegenomen, vooral door de krimp.", False),
    ("Ik vind dat die school het goed doet met haar techlab.", False),  # "die" a determiner: which school is said
    ("Met de nieuwe hub is het voor alle scholen makkelijker geworden.", False),
])
def test_a_pointing_subject_after_a_verb_of_thinking_or_a_preposition_needs_what_it_points_to(text, lost):
    """A chapter after a deletion quoted “Ik denk dat die is toegenomen. …” (the urgency, named only
    in the question), and one on three interviews “Met zo'n grote regio is dat echt het lastigste.”
    (what is? the "dat" was its sixth word). Rule 16."""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("text, lost", [
    ("Zonder STO hadden we er één van moeten sluiten.", True),
    ("Er zijn er twee van vertrokken naar het mbo.", True),
    ("We hebben PIE en BWI. Zonder STO hadden we er één van moeten sluiten.", False),  # said before it
    ("Zonder STO hadden we er een van de twee moeten sluiten.", False),  # of the two
    ("Er zijn er twee van [school] naar het mbo gegaan.", False),
])
def test_a_partitive_er_van_needs_what_it_counts(text, lost):
    """The appendix quoted “Zonder STO hadden we er één van moeten sluiten.” alone: one of what (a
    reader's word)? Rule 17."""
    assert opens_without_referent(text) is lost


def test_tidy_quotes_leave_no_stopword_after_an_opening_filler_and_open_as_a_cut_quote_does():
    """--tidy-quotes printed "“… nou, ik zal het heel kort zeggen" where the chapter without it has
    "“…ik zal", and "“… we" beside "“…de" in one chapter."""
    from sto_qual.domain.quote_selection import tidy
    assert tidy("Eh, nou, ik zal het heel kort zeggen.") == "…ik zal het heel kort zeggen."
    assert tidy("Eh, we hebben het gedaan.") == "…we hebben het gedaan."
    assert tidy("Wij, eh, doen dat.") == "Wij … doen dat."
    assert tidy("Nou, dat is zo.") == "Nou, dat is zo."  # no filler before it: the speaker's own opening


def test_a_short_sentence_ending_in_ja_answers_a_question_the_quote_leaves_out():
    """"Met andere eilandregio's, ja. Die hebben …" was quoted for kennisdeling, over the writer's
    starred passage: the yes answers "Heeft u nog behoefte aan kennisdeling?", which it lacks."""
    assert opens_without_referent("Met andere eilandregio's, ja. Die hebben dezelfde vragen.")
    assert opens_without_referent("Binnen de stuurgroep, nee. Daarbuiten wel.")
    assert not opens_without_referent("Het vmbo heeft de regie, ja.")  # a whole clause that says it
    assert not opens_without_referent("We werken met drie scholen in de regio samen, ja.")


def test_a_starred_passage_whose_opening_points_back_is_quoted_from_a_later_sentence():
    """"Ja, en we vinden geen docenten. Ik heb voor PIE al anderhalf jaar een vacature openstaan."
    starred at the start of an answer was left out whole for its "Ja, en" (nothing of its
    speaker's before it to extend to): the writer's pick is quoted from the sentence that stands.
    Not for a passage nobody starred, and never from a sentence that is an answer's fragment."""
    text = "Ja, en we vinden geen docenten. Ik heb voor PIE al anderhalf jaar een vacature openstaan."
    got = standing(cand(1, text, starred=True), lambda c: None, lambda c: [])
    assert got is not None and got.text == "Ik heb voor PIE al anderhalf jaar een vacature openstaan."
    assert got.start == 100 + text.index("Ik heb")
    assert standing(cand(2, text), lambda c: None, lambda c: []) is None  # not starred: left out, as before
    for fragment in ("Desnoods uit eigen middelen. We gingen toch wel door.",
                     "Van de leerling naar de docent, zeg maar.",
                     "Die betalen niks aan het techniekonderwijs hier, dat kan ik je vertellen."):
        starred = cand(3, "Nee, dat niet. " + fragment, starred=True)
        assert standing(starred, lambda c: None, lambda c: []) is None, fragment
    # nor past a short answer that says how far the rest holds: without it the quote says the opposite
    for head in ("Mag ik eerlijk zijn? Op papier wel. ", "Nee. ", "Deels. "):
        starred = cand(4, head + "Wij zijn penvoerder en het plan is door ons geschreven.", starred=True)
        assert standing(starred, lambda c: None, lambda c: []) is None, head


def test_an_interviewers_remark_with_dus_and_ook_is_the_context_an_answer_is_quoted_after():
    """"Dus het docententekort speelt hier ook." before "Ja, dat is eigenlijk … het grootste risico"
    was no context (its "Dus" taken off left a lowercase "het …", its "ook" read as pointing back),
    so the starred answer was left out of the appendix, which promises to print such an answer
    after what the interviewer said."""
    from sto_qual.domain.quote_openings import question_context
    assert question_context("Dus het docententekort speelt hier ook.") == "Dus het docententekort speelt hier ook."
    assert question_context("Het docententekort speelt hier ook.") == "Het docententekort speelt hier ook."
    for pointing in ("Dat ook.", "En dat is hier ook zo.", "Dus die hebben het ook."):
        assert question_context(pointing) is None, pointing


@pytest.mark.parametrize("reaction, cut", [
    ("Ik ben het daar mee eens.", True), ("Ik wil daar wel iets aan toevoegen.", True),
    ("Daar sluit ik me bij aan.", True), ("Ik ben het helemaal met Jan eens.", True),
    ("Ik ben het er niet mee eens dat het vmbo de regie heeft.", False),
    ("Ik wil eens iets zeggen over de hub in de regio.", False)])
def test_a_sentence_that_only_takes_up_another_speakers_words_is_not_where_a_quote_begins(reaction, cut):
    """A researcher's chapter printed "Ik ben het daar mee eens. Ik ben directeur van …" and "Ik wil daar wel
    iets aan toevoegen. Met het basisonderwijs …" in its text: agreeing with, or adding to, words it does not
    print. The quote begins at the sentence after it, unstarred too; one that says what about it stays."""
    rest = (" Wij laten kinderen uit groep acht een middag solderen en daarna houdt het op, er komt geen "
            "vervolg op de basisschool.")
    c = standing(cand(1, reaction + rest), lambda c: None, lambda c: [])
    assert opens_without_referent(reaction + rest) is cut
    assert c is not None and c.text == (rest.strip() if cut else reaction + rest)
    assert c.start == 100 + (len(reaction) + 1 if cut else 0)
    alone = standing(cand(2, "Ik ben het daar mee eens. Ja."), lambda c: None, lambda c: [])
    assert alone is None


@pytest.mark.parametrize("text, lost", [
    ("Wij hebben daarom de lasrobot uiteindelijk met z'n drieën aangeschaft. Die staat in [plaats].", True),
    ("We zijn daardoor kwetsbaar geworden voor elke wisseling van bestuurder in de regio.", True),
    ("Wij hebben een lasrobot aangeschaft en daarom gaan de leerlingen daar nu een middag heen.", False)])
def test_a_reason_or_result_said_before_among_the_first_words_needs_what_it_points_to(text, lost):
    """The chapter printed "Wij hebben daarom de lasrobot … aangeschaft" under its remarks: why, the reader
    never read (rule 20)."""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("text, lost", [
    ("We hadden al besloten dat we doorgaan, met of zonder STO-geld.", False),  # a pluperfect, not "as we said"
    ("Ik had al een plan klaarliggen voor de hub.", False),
    ("We hadden het er net al over: de financiering blijft onzeker.", True),
    ("Ik had al gezegd dat de krimp het grootste probleem is.", True),
    ("Wij hadden het eerder over de hub, die is belangrijk.", True),
    ("Ik noemde het al: de krimp.", True),
    ("We hadden over 2023 een tekort van drie docenten techniek.", False),  # (a reviewer's: no "net", "al")
    ("We hadden het over de kosten van de nieuwe machines.", False),
])
def test_had_already_points_back_only_to_something_said(text, lost):
    """A researcher's starred answer "Daar hebben wij … weinig last van gehad. We hadden al besloten dat we
    doorgaan, met of zonder STO-geld. …" was quoted from its fourth sentence, on indexation, under the point
    "we gaan hoe dan ook door": "we hadden al" was read as "as we said before"."""
    assert opens_without_referent(text) is lost


@pytest.mark.parametrize("typed, near", [
    ("aansluting", True), ("techniekaanbood", True), ("vertrouwn", True), ("krimpp", True), ("docenttekort", True),
    ("verdeling", False), ("huisvesting", False), ("dtk", False),
])
def test_a_typo_begins_nearly_as_a_codes_name_or_a_word_of_its_label(typed, near):
    """The picker put "+ New code" first for a re-tester's typos of codes there are, and Enter on "verdeling"
    coded "Uitgestelde investeringen en contracten" (its letters in order): a name begun nearly as typed is
    a typo of it, letters scattered over a label are not."""
    from sto_qual.domain.names import nearly_begins
    names = ["urgentie/aansluiting-mbo", "Aansluiting op het mbo", "urgentie/behoud-techniekaanbod",
             "Behoud van het techniekaanbod", "collectief-optrekken/vertrouwen-besturen", "Vertrouwen tussen besturen",
             "urgentie/krimp-leerlingaantallen", "Krimp en leerlingaantallen", "urgentie/docententekort",
             "Uitgestelde investeringen en contracten"]
    assert nearly_begins(typed, names) is near
