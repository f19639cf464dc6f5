"""Names in short: how an error lists the documents a project has; coders of a series."""
import unicodedata

import pytest

from sto_qual.domain.names import closest_codes, names_in_short, siblings


def test_numbered_names_in_a_row_are_one_range_and_the_rest_stay_in_order():
    assert names_in_short([f"R{i:02d}" for i in range(1, 20)]) == "R01–R19"
    assert names_in_short(["R01", "R02", "R03", "Zeeland", "R05", "R06"]) == "R01–R03, Zeeland, R05, R06"
    assert names_in_short(["R9", "R10", "R11"]) == "R9–R11"
    assert names_in_short(["R09", "R10", "R011"]) == "R09, R10, R011"  # another width is another series
    assert names_in_short(["a1", "b2"]) == "a1, b2"


def test_a_long_list_says_how_many_it_leaves_out():
    assert names_in_short([f"doc{i}" for i in range(0, 40, 2)]) == \
        "doc0, doc2, doc4, doc6, doc8, doc10, doc12, doc14, doc16, doc18 and 10 more"


@pytest.mark.parametrize("a, b, series", [
    ("onderzoeker-a", "onderzoeker-b", True), ("coder1", "coder2", True), ("coder-1", "coder-12", True),
    ("Onderzoeker-A", "onderzoeker-c", True),
    ("onderzoekr-a", "onderzoeker-a", False), ("anne", "anna", False), ("lisa", "lise", False),
    ("onderzoeker-a", "onderzoeker-a", False),
])
def test_the_next_coder_of_a_series_is_no_typo(a, b, series):
    assert siblings(a, b) is series


def test_a_name_as_a_file_name_stays_in_its_folder_and_two_names_never_share_one():
    from sto_qual.domain.names import file_part
    taken: dict[str, str] = {}
    assert [file_part(n, taken) for n in ("..", "team/a", "Team_A", "a\\b", " .x. ", "team/a")] == \
        ["_", "team_a", "Team_A-2", "a_b", "x", "team_a"]  # the same name again: the same folder


def test_keeping_both_memos_keeps_their_shared_text_once():
    """Both windows opened "EEN"; one added " [A2]", the other " [B2]": "Keep both" stored
    "EEN [A2]\\n\\nEEN [B2]", the shared text twice."""
    from sto_qual.domain.text import both_texts
    assert both_texts("EEN", "EEN [A2]", "EEN [B2]") == "EEN [A2]\n\n[B2]"
    assert both_texts(None, "van het andere venster", "mijn memo") == "van het andere venster\n\nmijn memo"
    # replaced or cleared there: her whole text, not only what she added (her memo was lost)
    assert both_texts("EEN", "", "EEN en meer") == "EEN en meer"
    assert both_texts("Bedrijven staan te springen.", "Analist: zie R12.", "Bedrijven staan te springen. Ook loon.") \
        == "Analist: zie R12.\n\nBedrijven staan te springen. Ook loon."
    assert both_texts("EEN", "herschreven", "ook herschreven") == "herschreven\n\nook herschreven"


def test_find_in_a_transcript_ignores_diacritics_unless_the_word_has_them():
    """The Coder's / looked for "financiele" letter by letter: the Documents filter listed the
    interview for it (the text search folds diacritics), and / then said it did not occur."""
    from sto_qual.domain.text import finder
    text = "Dat is één financiële zorg. En een tweede: de FINANCIËLE ruimte."
    hay, pattern = finder(text, "financiele")
    assert [text[m.start():m.end()] for m in pattern.finditer(hay)] == ["financiële", "FINANCIËLE"]
    hay, pattern = finder(text, "één")  # written with its marks: the number, not the article
    assert [m.start() for m in pattern.finditer(hay)] == [text.index("één")]
    hay, pattern = finder("Eén reactie, één ander.", unicodedata.normalize("NFD", "één"))  # as a sentence begins it
    assert [m.group() for m in pattern.finditer(hay)] == ["Eén", "één"]
    hay, pattern = finder("Eén reactie, één ander.", "Eén")  # typed as a sentence begins it: the number too
    assert [m.group() for m in pattern.finditer(hay)] == ["Eén", "één"]
    hay, pattern = finder("ﬁnanciën", "financien")  # a ligature folds to two letters: kept, offsets hold
    assert len(hay) == len("ﬁnanciën")
    text = "Eigenlijk is de onzekerheid gegroeid."  # the words that begin so, whole: not "gen" in "eigenlijk"
    hay, pattern = finder(text, "gen")
    assert [m.group() for m in pattern.finditer(hay)] == []
    hay, pattern = finder(text, "onzeker")
    assert [text[m.start():m.end()] for m in pattern.finditer(hay)] == ["onzekerheid"]


def test_a_name_that_begins_several_names_is_offered_as_the_choice_between_them():
    """`--doc R4` in a project of R41, R42 and R43 said "did you mean R43?": as likely R41 or R42."""
    from sto_qual.domain.names import names_starting
    assert names_starting("R4", ["R41", "R42", "R43", "R50"]) == "R41, R42 or R43"
    assert names_starting("r4", ["R41", "R42", "R43", "R50"]) == "R41, R42 or R43"
    assert names_starting("R1", [f"R{i:02d}" for i in range(1, 20)]) == ""  # R01 by its digits
    assert names_starting("R0", [f"R{i:02d}" for i in range(1, 20)]) == "R01, R02, R03, R04, R05 or 4 more"
    assert names_starting("R", ["R41", "R42"]) == ""  # every name: the project's names are said instead
    assert names_starting("R4", ["R41", "R50"]) == ""  # one: the close name is said as before


def test_a_code_whose_name_holds_the_word_typed_is_offered_first():
    """`code --code afspraken` named no code, though afspraken-concurrentie holds the word (the
    workbench's picker finds it so); `--code urgentie/krimp` named urgentie/krimp-leerlingaantallen last."""
    codes = [("urgentie", "urgentie", "Urgentie"), ("urgentie/verschuiving", "verschuiving", "Verschuiving"),
             ("urgentie/krimp-leerlingaantallen", "krimp-leerlingaantallen", "Krimp en leerlingaantallen"),
             ("collectief-optrekken/afspraken-concurrentie", "afspraken-concurrentie", "Afspraken over concurrentie")]
    assert closest_codes("afspraken", codes) == ["collectief-optrekken/afspraken-concurrentie"]
    assert closest_codes("urgentie/krimp", codes)[0] == "urgentie/krimp-leerlingaantallen"
    assert closest_codes("urgentei", codes) == ["urgentie"]  # a typo as before
    assert closest_codes("ur", codes) == []  # too short to be a word of a name



def test_find_takes_the_star_search_teaches():
    """`search 'financi*'` finds three sentences in R01, and the Coder's / with the same words said
    "“financi*” does not occur in R01": / finds a word's beginning already, so the star is that."""
    from sto_qual.domain.text import finder
    text = "De financiën en de financiële zorgen; een star * blijft."
    hay, pattern = finder(text, "financi*")
    assert [text[m.start():m.end()] for m in pattern.finditer(hay)] == ["financiën", "financiële"]
    hay, pattern = finder(text, "*")  # a star alone is what it is
    assert [m.start() for m in pattern.finditer(hay)] == [text.index("*")]
