"""The role a speaker label implies by convention (domain.roles): the interviewer's labels, and a
role the label names in brackets."""
import pytest

from sto_qual.domain.roles import default_role


@pytest.mark.parametrize("label", ["Interviewer", "interviewer", "INTERVIEWER", "I", "i", "Interviewer 2",
                                   "Interviewer2", "I2", "I 1", "Interviewster", " Interviewer ",
                                   "Interviewer (JdV)", "INT.", "Int", "int. 2"])
def test_interviewer_labels_imply_the_interviewer(label):
    assert default_role(label) == "interviewer"


@pytest.mark.parametrize("label", [None, "", "R", "R1", "Respondent", "Anna", "Ingrid", "In", "Ik",
                                   "Interviewers", "Interview", "Onderzoeker", "Spreker 1", "II",
                                   "I (a) (b)", "Kees Jansen (Gast)", "Jan (van de gemeente)", "Integratie",
                                   "Respondent 3 (ROC)"])
def test_other_labels_imply_nothing(label):
    assert default_role(label) is None


@pytest.mark.parametrize(("label", "role"), [("Jan (bestuurder)", "bestuurder"), ("Fatma (Programmaleider)",
                                             "programmaleider"), ("Resp 2 (penvoerder)", "penvoerder"),
                                             ("Anneke (wethouder)", "wethouder"), ("Fenna (projectleider)",
                                             "projectleider"), ("Els (Coördinator)", "coördinator"),
                                             ("Respondent 1 (directeur vmbo)", "directeur"),
                                             ("Jan (wethouder van X)", "wethouder")])
def test_a_role_in_brackets_after_the_name_is_the_speakers_role(label, role):
    """"- Jan (bestuurder):" was a speaker without a role, quoted as 'een stuurgroeplid'; so was
    "Respondent 1 (directeur vmbo):", whose header's "Gerrit Wolters (directeur vmbo)" is a directeur."""
    assert default_role(label) == role


def test_a_role_the_project_gave_someone_is_known_in_brackets_too():
    """A project with a role of its own ("trekker") reads "Jo (trekker)" as that role; another word
    in brackets stays no role."""
    assert default_role("Jo (trekker)", {"trekker"}) == "trekker"
    assert default_role("Jo (trekker)") is None


def test_every_role_a_label_may_name_has_the_chapters_words():
    """A role taken from brackets is one the chapter can name ("— een wethouder"), in both languages."""
    from sto_qual.domain.model import ROLES
    from sto_qual.report.vocabulary import ROLE_LABELS
    assert set(ROLES) - {"respondent"} <= set(ROLE_LABELS)
