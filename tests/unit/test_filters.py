"""The one document filter (domain/filters.py)."""
from sto_qual.domain.filters import document_matches, parse_filter, parse_where


def test_values_ignore_case_and_keys_follow_one_rule():
    attrs = {"region_type": "stedelijk", "respondent_roles": "bestuurder; directeur"}
    assert document_matches({"region_type": "Stedelijk"}, attrs, "R05")
    assert document_matches({"REGION_TYPE": "STEDELIJK"}, attrs, "R05")
    assert document_matches({"respondent_roles": "Directeur"}, attrs, "R05")
    assert document_matches({"doc": "r05,R06"}, attrs, "R05")
    assert document_matches({"name": "R05"}, attrs, "R05")
    assert not document_matches({"region_type": "krimp"}, attrs, "R05")
    assert not document_matches({"school_boards": "1"}, attrs, "R05")
    assert document_matches(None, attrs, "R05")


def test_parsing():
    assert parse_where(["region_type=krimp", " doc = R01 "]) == {"region_type": "krimp", "doc": "R01"}
    assert parse_filter("region_type=krimp R0 date=") == ({"region_type": "krimp"}, "R0 date=")


def test_a_comparison_or_a_colon_is_said_to_be_no_where_filter():
    """`--where 'school_boards>3'` was read as an attribute named "school_boards>3" ("…=* keeps the
    documents that have school_boards>3"), and never said that nothing compares values."""
    import pytest
    for given, said in (("school_boards>3", "'school_boards>3': --where compares no values (> is not read); give "
                         "the values to keep, e.g. school_boards=4,5,6"),
                        ("school_boards >= 3", "(>= is not read)"),
                        ("school_boards<3", "e.g. school_boards=0,1,2"),
                        ("region_type:krimp", "'region_type:krimp' is not attr=value: write region_type=krimp"),
                        # as in Python or SQL: it said "no document has region_type==krimp (did you mean krimp?)"
                        ("region_type==krimp", "'region_type==krimp' is not attr=value: write region_type=krimp (one =)")):
        with pytest.raises(ValueError) as e:
            parse_where([given])
        assert said in str(e.value)
    assert parse_where(["region_type!=krimp"]) == {"region_type!": "krimp"}  # (still a filter)


def test_a_wanted_value_with_semicolons_is_explained():
    """'bestuurder;directeur' is how a document stores two roles, not a value to ask for: the
    message says to ask for one, or for any of several with ','."""
    from sto_qual.domain.filters import why_nothing_matches
    docs = [({"respondent_roles": "bestuurder;directeur"}, "R01"), ({"respondent_roles": "penvoerder"}, "R02")]
    said = why_nothing_matches({"respondent_roles": "bestuurder;directeur"}, docs)
    assert "ask for one value (respondent_roles=bestuurder)" in said
    assert "any of several with ',' (respondent_roles=bestuurder,directeur)" in said


def test_a_key_with_an_exclamation_mark_leaves_the_values_out_and_a_star_is_any_value():
    """An analyst wanted the interviews without an attribute (no `fictional`), and "every region
    type but krimp", without listing the others: `a!=v` and `*`."""
    from sto_qual.domain.filters import why_refused
    docs = [({"region_type": "krimp", "fictional": True}, "R01"), ({"region_type": "stedelijk"}, "R02"), ({}, "R03")]

    def kept(*pairs):
        where = parse_where(list(pairs))
        assert why_refused(where, docs) is None
        return [n for a, n in docs if document_matches(where, a, n)]
    assert parse_where(["region_type!=krimp"]) == {"region_type!": "krimp"}
    assert kept("region_type!=krimp") == ["R02", "R03"]  # without the attribute: it holds neither
    assert kept("Region_Type!=KRIMP", "region_type!=stedelijk") == ["R03"]  # one key in any case: neither
    assert parse_where(["region_type!=krimp", "REGION_TYPE!=stedelijk"]) == {"region_type!": "krimp,stedelijk"}
    assert kept("region_type=krimp,stedelijk", "region_type!=krimp") == ["R02"]  # both conditions hold
    assert kept("fictional=*") == ["R01"] and kept("fictional!=*") == ["R02", "R03"]
    assert kept("fictional!=ja") == ["R02", "R03"]  # a yes/no takes its words here too
    assert kept("doc!=r01,R02") == kept("name!=R01,R02") == ["R03"]
    assert parse_filter("region_type!=krimp R0") == ({"region_type!": "krimp"}, "R0")


def test_a_left_out_value_no_document_has_is_refused_for_it_would_leave_out_nothing():
    from sto_qual.domain.filters import why_refused
    docs = [({"region_type": "krimp", "fictional": True}, "R01"), ({"region_type": "stedelijk", "fictional": True},
                                                                    "R02")]
    assert why_refused({"region_type!": "krimpp"}, docs) == (
        "no document has region_type=krimpp, so region_type!=krimpp would leave out nothing "
        "(region_type: krimp, stedelijk)")
    assert why_refused({"regiontype!": "krimp"}, docs).startswith(
        "no document has the attribute 'regiontype' (did you mean region_type?)")
    assert why_refused({"fictional!": "*"}, docs) == "every document has fictional=*: fictional!=* keeps none"
    assert why_refused({"region_type!": "krimp,stedelijk"}, docs) == \
        "every document has region_type=krimp,stedelijk: region_type!=krimp,stedelijk keeps none"


def test_a_chapter_says_each_condition_in_words():
    from sto_qual.report.vocabulary import LabelMap
    nl, en = LabelMap("nl"), LabelMap("en")
    # region types kept: the regions as the report names them (a writer read "met als regiotype ‘krimp’ of
    # ‘eiland’")
    assert nl.condition("region_type", "krimp") == "in de krimpregio's"
    assert nl.condition("region_type", "krimp,eiland") == "in de krimpregio's en eilandregio's"
    assert en.condition("region_type", "krimp,eiland") == "in the shrinking regions and island regions"
    # other attributes are no regions, and a value the pseudonym list replaces is said as it replaces it
    assert nl.condition("sector", "agrarisch") == "met als sector ‘agrarisch’"
    assert nl.condition("gebied", "Waddengebied", lambda t: t.replace("Waddengebied", "Regio A")) == \
        "met als gebied ‘Regio A’"
    replaced = nl.condition("region_type", "krimp", lambda t: t.replace("krimp", "[type]"))
    assert replaced == "met als regiotype ‘[type]’"
    assert nl.condition("sector!", "agrarisch") == "met een sector anders dan ‘agrarisch’"
    # region types left out: the regions as the report names them (a writer read "met een regiotype anders dan
    # ‘krimp’" as a database filter)
    assert nl.condition("region_type!", "krimp,eiland") == "buiten de krimpregio's en eilandregio's"
    assert en.condition("region_type!", "stedelijk") == "outside the urban regions"
    assert nl.condition("school_boards!", "3") == "met een aantal schoolbesturen anders dan ‘3’"
    assert nl.condition("fictional", "true") == "met als fictional ‘ja’" and en.condition("fictional", "nee").endswith("‘no’")
    assert nl.condition("fictional!", "*") == "met geen waarde voor fictional"
    assert en.condition("region_type", "*") == "with a value for region type"
    assert nl.condition("doc", "R01,R02", anon=str.lower) == "met als document ‘r01’ of ‘r02’"


def test_a_role_asked_of_the_interviews_points_at_by_role_and_respondent_roles():
    """`stats --where role=bestuurder` said only that no document has 'role', with no way on."""
    from sto_qual.domain.filters import why_refused
    docs = [({"region_type": "krimp", "respondent_roles": "bestuurder; penvoerder"}, "R01")]
    said = why_refused({"role": "bestuurder"}, docs)
    assert said.startswith("no document has the attribute 'role': a role is a speaker's, not an interview's "
                           "(--by role counts passages per speaker role; --where respondent_roles=ROLE keeps")
    assert why_refused({"respondent_roles": "bestuurder"}, docs) is None
    # a project without the attribute: the plain line, as before
    assert why_refused({"role": "x"}, [({"region_type": "krimp"}, "R01")]).startswith(
        "no document has the attribute 'role' (")


def test_the_values_a_refused_filter_lists_are_in_number_order():
    from sto_qual.domain.filters import why_refused
    docs = [({"school_boards": n}, f"R{n}") for n in (1, 10, 11, 2)]
    assert "(school_boards: 1, 2, 10, 11)" in why_refused({"school_boards": "7"}, docs)
