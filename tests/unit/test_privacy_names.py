"""Names a privacy officer found in the anonymised outputs after following every warning: a town
spelled with Dutch IJ, a surname's initials, a listed first name that gave another man her role,
and a suggested pseudonym that glued a person to a school."""
from __future__ import annotations

from sto_qual.domain.anonymise import Anonymiser
from sto_qual.domain.missed_names import NameProfile


def _anon(*entries):
    return Anonymiser([(name, repl, False) for name, repl in entries])


def test_a_town_spelled_with_ij_is_asked_about():
    """"Bij Tata in IJmuiden": Tata was asked about, IJmuiden never (its J read as a capital inside)."""
    texts = {1: "Bij Tata in IJmuiden is dat anders.", 2: "In IJsselstein ook.", 3: "Niets.", 4: "Ook niets."}
    profile = NameProfile.of(texts)
    assert profile.unlisted(texts[1]) == ["Tata", "IJmuiden"]
    assert "IJsselstein" in profile.unlisted(texts[2])


def test_a_placeholder_takes_the_initials_before_a_surname():
    """"J.P. Smeets" with Smeets listed went out as "J.P. [naam]"."""
    anon = _anon(("Smeets", "[naam]"))
    assert anon("een mail naar J.P. Smeets op OCW") == "een mail naar [naam] op OCW"
    assert anon("via A. B. Smeets") == "via [naam]"
    assert anon("mail naar JP Smeets op OCW") == "mail naar [naam] op OCW"  # written without the dots
    assert anon("met OCW. Smeets belde terug") == "met OCW. [Naam] belde terug"  # a sentence's end is no initial


def test_a_listed_first_name_gives_its_role_to_her_alone():
    """`pseudonyms participants` lists a speaker's first name with her role ("Jan" -> "[bestuurder]"),
    for "zoals Jan al zei". Another man's "Jan Nijhuis" or "Gert-Jan" became "[bestuurder] …": a
    role in a quote that no such person held."""
    anon = _anon(("Jan", "[bestuurder]"), ("De Graaf", "[naam]"), ("Jan van der Berg", "[bestuurder]"))
    assert anon("Zoals Jan al zei, en Jan. Daarna") == "Zoals [bestuurder] al zei, en [bestuurder]. Daarna"
    assert anon("Ik belde Jan van der Berg") == "Ik belde [bestuurder]"  # the listed person, whole
    assert anon("daar, Jan Nijhuis, de directeur") == "daar, [naam] Nijhuis, de directeur"
    assert anon("via Gert-Jan de Graaf van het roc") == "via [naam] [naam] van het roc"
    assert anon("met Jan de Vries") == "met [naam] de Vries"


def test_a_person_beside_a_school_is_offered_as_two_names():
    """"Mevrouw Te Brake van het Ludger College": the warning offered 'Brake van het Ludger College',
    and following it printed "Mevrouw Te [school]"."""
    texts = {1: "Mevrouw Te Brake van het Ludger College stopt. Anouk van den Berg blijft.",
             2: "Niets.", 3: "Niets hier.", 4: "Ook niets."}
    found = NameProfile.of(texts).unlisted(texts[1], is_word=lambda w: w in {"mevrouw", "niets", "ook", "hier"})
    assert any(f.endswith("Te Brake") for f in found) and "Ludger College" in found and "Anouk van den Berg" in found, found
    assert not any("van het" in f for f in found), found


def test_a_listed_names_possessive_is_replaced_with_it():
    """"Jans idee was goed." went out in the chapter and the quotes with "Jan" on the list, and the warning
    offered `pseudonyms add Jan …`, which said "already on the list"."""
    anon = _anon(("Jan", "[bestuurder]"), ("Marieke", "[penvoerder]"), ("Zadkine", "[school]"))
    assert anon("Dat was Jans idee.") == "Dat was [naam]s idee."  # (his role no more: "Jans" may be a surname)
    assert anon("Volgens Marieke's plan en Zadkines aanpak") == "Volgens [naam]'s plan en [school]s aanpak"
    assert anon("Jansen en de jans") == "Jansen en de jans"  # another name, and a word written small


def test_a_surname_after_a_replaced_first_name_is_offered_with_its_particles():
    """"Jan van der Berg" with "Jan" listed printed "[bestuurder] van der Berg", and the warning offered 'Berg':
    listed so, "van der" stayed and pointed to him."""
    texts = {1: "Ik sprak [bestuurder] van der Berg gisteren.", 2: "Niets.", 3: "Niets hier.", 4: "Ook niets."}
    assert NameProfile.of(texts).unlisted(texts[1]) == ["van der Berg"]


def test_initials_are_taken_only_before_a_persons_surname():
    """The initials rule ate text that was no initials: "plan A. Marieke zei" lost "A.", "OK Jan" lost "OK",
    "TU Delft" and "het VO Mondriaan" lost "TU" and "VO" into a place's or a school's placeholder."""
    anon = _anon(("Smeets", "[naam]"), ("Jan", "[bestuurder]"), ("Marieke", "[penvoerder]"), ("Delft", "[plaats]"),
                 ("Mondriaan", "[school]"), ("Kees", "Piet"))
    assert anon("Dat was plan A. Marieke zei het.") == "Dat was plan A. [Penvoerder] zei het."
    assert anon("OK Jan, dat klopt.") == "OK [bestuurder], dat klopt."
    assert anon("aan de TU Delft en het VO Mondriaan") == "aan de TU [plaats] en het VO [school]"
    assert anon("naar J.P. Smeets, JP Smeets en J. Smeets") == "naar [naam], [naam] en [naam]"
    assert _anon(("Jan", "Piet"))("Dat was Jans idee.") == "Dat was Piets idee."  # a pseudonym's possessive too
