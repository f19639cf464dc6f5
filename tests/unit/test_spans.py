"""The span rules a codings file and the coder rely on."""
from __future__ import annotations

from sto_qual.domain.spans import coverage, occurrences, overlaps, shrink_to_units, snap_to_units

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


def test_coverage_counts_each_word_once_per_key_and_document():
    """Two sub-codes on one passage, a nested coding and two overlapping ones counted their
    words twice in a theme's total: coverage counts the words the spans cover together."""
    text = "een twee drie vier vijf zes zeven acht negen tien"
    at = {w: text.index(w) for w in text.split()}
    keys = {"a/x": ("a", "a/x"), "a/y": ("a", "a/y"), "b": ("b",)}
    rows = [  # (document, code, start, end, stored words), by document and start
        (1, "a/x", at["een"], at["vier"] - 1, 3),     # een twee drie
        (1, "a/y", at["twee"], at["vijf"] - 1, 3),    # twee drie vier: overlaps under "a"
        (1, "b", at["twee"], at["drie"] - 1, 1),      # its own key: alone
        (1, "a/x", at["acht"], len(text), 3),         # acht negen tien
        (1, "a/x", at["negen"], at["tien"] - 1, 1),   # nested in the one before
        (2, "a/y", 0, 3, 1),                          # another document: its own run
    ]
    out = coverage(rows, keys, lambda doc: text)
    assert out[("a", 1)] == [4, 7]      # four codings; een..vier (4 words) and acht..tien (3)
    assert out[("a/x", 1)] == [3, 6]    # een..drie (3) and acht..tien (3)
    assert out[("a/y", 1)] == [1, 3] and out[("b", 1)] == [1, 1]
    assert out[("a", 2)] == [1, 1] and ("b", 2) not in out


def test_coverage_uses_the_stored_words_of_a_span_alone_and_never_reads_its_text():
    read = []
    out = coverage([(7, "a", 0, 5, 4), (7, "a", 5, 9, 2)], {"a": ("a",)}, lambda d: read.append(d) or "")
    assert out == {("a", 7): [2, 6]} and read == []  # touching is not overlapping
