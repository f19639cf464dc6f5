"""Dutch frequency wording and the pseudonym replacement used by every export."""
import pytest

from sto_qual.domain.anonymise import Anonymiser
from sto_qual.domain.wording import frequency_wording


@pytest.mark.parametrize("n, total, word", [
    (19, 19, "alle"), (17, 19, "vrijwel alle"), (12, 19, "de meerderheid"), (10, 20, "de helft"),
    (7, 19, "een deel"), (4, 19, "een aantal"), (2, 19, "een paar"), (1, 19, "een enkele"), (0, 19, "geen"),
])
def test_frequency_wording(n, total, word):
    assert frequency_wording(n, total) == word


def test_anonymiser_whole_words_longest_first_case_insensitive():
    a = Anonymiser([("Jan de Vries", "[bestuurder]", False), ("Jan", "[naam]", False),
                    ("Bas", "[penvoerder]", False), (r"Scholengemeenschap \w+", "[school]", True)])
    text = "Jan de Vries zei tegen jan dat Bas naar basisscholen belt; Scholengemeenschap Noord ook."
    assert a(text) == "[bestuurder] zei tegen [naam] dat [penvoerder] naar basisscholen belt; [school] ook."
    assert a("") == "" and a(None) == ""
