"""The role a speaker label implies by convention (domain.roles): only the interviewer's labels."""
import pytest

from sto_qual.domain.roles import default_role


@pytest.mark.parametrize("label", ["Interviewer", "interviewer", "INTERVIEWER", "I", "i", "Interviewer 2",
                                   "Interviewer2", "I2", "I 1", "Interviewster", " Interviewer ",
                                   "Interviewer (JdV)"])
def test_interviewer_labels_imply_the_interviewer(label):
    assert default_role(label) == "interviewer"


@pytest.mark.parametrize("label", [None, "", "R", "R1", "Respondent", "Anna", "Ingrid", "In", "Ik",
                                   "Interviewers", "Interview", "Onderzoeker", "Spreker 1", "II",
                                   "I (a) (b)"])
def test_other_labels_imply_nothing(label):
    assert default_role(label) is None
