"""A summary drafted over one or two interviews (a reference coder who coded one, an agreed coding
of the two a pair double-coded): `summary show` said "In alle regio's noemt men …" of one
interview, where the chapter printed "In de regio"; a writer copying from it would publish "alle
regio's" for one of nineteen."""
from __future__ import annotations

from sto_qual.domain import drafting, drafting_en


def test_all_of_one_interview_is_the_region_and_of_two_both():
    assert drafting.lead_sentence("noemt men het docententekort", "alle", 1, 1) == \
        "In de regio noemt men het docententekort."
    assert drafting.lead_sentence("noemt men het docententekort", "alle", 2, 2) == \
        "In beide regio's noemt men het docententekort."
    assert drafting_en.lead_sentence("the teacher shortage is mentioned", "alle", 1, 1) == \
        "In the region, the teacher shortage is mentioned."
    assert drafting_en.lead_sentence("the teacher shortage is mentioned", "alle", 2, 2) == \
        "In both regions, the teacher shortage is mentioned."


def test_part_of_two_and_all_of_more_are_said_as_before():
    assert drafting.lead_sentence("noemt men het docententekort", "een enkele", 1, 2).startswith("In een enkele regio")
    assert drafting.lead_sentence("noemt men het docententekort", "alle", 19, 19) == \
        "In alle regio's noemt men het docententekort."
