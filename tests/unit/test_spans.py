"""The span rules a codings file and the coder rely on."""
from __future__ import annotations

from sto_qual.domain.spans import occurrences, overlaps, shrink_to_units, snap_to_units

UNITS = [(0, 10), (11, 25), (26, 40)]


def test_a_quote_is_found_at_every_place_it_stands_overlapping_ones_too():
    assert occurrences("ja ja ja", "ja ja") == [0, 3]
    assert occurrences("de school en de school", "school") == [3, 16]
    assert occurrences("tekst", "") == [] and occurrences("tekst", "niet") == []


def test_spans_touching_at_an_edge_do_not_overlap():
    assert overlaps((0, 5), (4, 9)) and not overlaps((0, 5), (5, 9))


def test_snapping_widens_to_whole_units_and_shrinking_keeps_only_whole_ones():
    assert snap_to_units(3, 12, UNITS) == (0, 25)
    assert shrink_to_units(3, 30, UNITS) == (11, 25)
    assert shrink_to_units(3, 8, UNITS) is None
