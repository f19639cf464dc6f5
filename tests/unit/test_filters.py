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


def test_a_wanted_value_with_semicolons_is_explained():
    """'bestuurder;directeur' is how a document stores two roles, not a value to ask for: the
    message says to ask for one, or for any of several with ','."""
    from sto_qual.domain.filters import why_nothing_matches
    docs = [({"respondent_roles": "bestuurder;directeur"}, "R01"), ({"respondent_roles": "penvoerder"}, "R02")]
    said = why_nothing_matches({"respondent_roles": "bestuurder;directeur"}, docs)
    assert "ask for one value (respondent_roles=bestuurder)" in said
    assert "any of several with ',' (respondent_roles=bestuurder,directeur)" in said
