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
    assert third_person("Onze leerlingen stromen door naar het mbo, maar een deel haakt af.") == \
        "hun leerlingen stromen door naar het mbo, maar een deel haakt af."


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


def test_point_sentence_retells_or_names_the_shared_words():
    s = drafting.point_sentence("een deel", 7, 19, "heeft de onzekerheid gevolgen gehad",
                                "men heeft een investering een jaar uitgesteld.", ["uitstellen", "investering"])
    assert s == ("In een deel van de regio's (7 van 19) heeft de onzekerheid gevolgen gehad: "
                 "men heeft een investering een jaar uitgesteld.")
    s = drafting.point_sentence("een aantal", 4, 19, "zegt men dat de onzekerheid weinig gevolgen had", None,
                                ["desnoods", "besloten"])
    assert s.endswith("weinig gevolgen had, waarbij ‘desnoods’ en ‘besloten’ terugkomen.")
    assert "de woorden" not in s


def test_english_frames_quote_dutch_as_spoken():
    lead = drafting_en.lead_sentence(drafting_en.fallback_phrase("Teacher shortage"), "de meeste", 15, 19)
    assert lead == "In most regions (15 of 19), ‘Teacher shortage’ comes up."
    point = drafting_en.point_sentence("een deel", 7, 19, "‘Impact’ comes up", "men heeft …", ["x"],
                                       "Ik heb een investering uitgesteld.")
    assert point == "In a large minority of the regions (7 of 19), ‘Impact’ comes up, as in: “Ik heb een investering uitgesteld.”"
    assert drafting_en.attribute_contrast("Impact", "region_type", ("krimp", 4, 4), ("gemengd", 3, 5)) == \
        "Impact: especially in all decline regions, less in mixed regions (3 of 5)."
    assert drafting_en.codes_contrast("A", "B", [(12, "de meeste"), (4, "een aantal"), (0, "geen"), (3, "een paar")],
                                      19).startswith("In most regions (12 of 19) only ‘A’ comes up, in several")
