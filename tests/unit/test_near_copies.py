"""A corrected transcript imported under another name is nearly the interview it corrects."""
from sto_qual.domain.near_copies import near_copies, sentences

TEXT = ("Interviewer: Waar ligt nu de urgentie voor STO in de regio?\n\n"
        "Piet: Het tekort aan technische docenten is het grootste probleem. We hebben drie vacatures die al "
        "maanden openstaan. De scholen vissen in dezelfde kleine vijver. Zonder zij-instromers redden we het "
        "niet meer. En de bedrijven trekken ook aan dezelfde mensen.\n\n"
        "Interviewer: Dank u wel.\n\n")
OTHER = ("Interviewer: Hoe gaat het samenwerken tussen de besturen?\n\nAnna: Het vertrouwen is gegroeid sinds de "
         "start van het programma. We delen nu een techlab op neutraal terrein. Iedere school stuurt er haar "
         "leerlingen heen. Vroeger deed ieder dat voor zich. Dat is echt veranderd in drie jaar.\n\n")


def test_a_copy_with_one_word_changed_is_near_and_another_interview_is_not():
    corrected = TEXT.replace("drie vacatures", "vier vacatures")
    said = {1: sentences(TEXT), 2: sentences(OTHER)}
    assert near_copies({3: sentences(corrected)}, said) == [(3, 1, 6)]  # all but the corrected one
    assert near_copies({2: said[2]}, {1: said[1]}) == []


def test_two_copies_in_one_import_are_said_once_and_short_or_common_sentences_tell_nothing():
    said = {1: sentences(TEXT), 2: sentences(TEXT + "Piet: Nog één ding over de docenten die weggaan.")}
    assert near_copies(said, {}) == [(2, 1, 7)]
    assert "ja, zeker." not in sentences(TEXT + "Piet: Ja, zeker.")  # shorter than four words: in many
    # a standard question in every interview is no evidence that two are one
    common = "Interviewer: Wat heeft STO tot nu toe opgeleverd, als u terugkijkt op de afgelopen jaren?"
    many = {i: sentences(common + f" Respondent {i} zegt iets heel anders over regio nummer {i} vandaag.")
            for i in range(10)}
    assert near_copies(many, {}) == []
