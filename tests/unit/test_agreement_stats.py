"""Agreement statistics against hand-computed values and Krippendorff's published examples."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sto_qual.analysis.agreement import (binary_table, cohen_kappa, krippendorff_alpha_nominal, percent_agreement,
                                         table_of_counts)


def test_krippendorff_worked_example_four_coders_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal example: alpha = 0.743
    n = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha_nominal(data) == pytest.approx(0.743, abs=0.0005)


def test_krippendorff_two_coders_binary_example():
    # Krippendorff (2011), first example: two observers, ten units, binary: alpha = 0.095
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha_nominal([a, b]) == pytest.approx(0.095, abs=0.0005)


def test_hand_computed_table():
    # 10 units: both 3, only A 1, only B 2, neither 4
    a = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
    b = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
    t = binary_table(a, b)
    assert (t["both"], t["only_a"], t["only_b"], t["neither"]) == (3, 1, 2, 4)
    assert t["percent_agreement"] == pytest.approx(0.7)
    # pA = .4, pB = .5 ; pe = .4*.5 + .6*.5 = .5 ; kappa = (.7 - .5) / .5 = .4
    assert t["kappa"] == pytest.approx(0.4)
    # alpha: n = 20 values; n1 = 9, n0 = 11; Do = 2*3 = 6 mismatched ordered pairs... alpha = 1 - 19*6/(2*9*11)
    assert t["alpha"] == pytest.approx(1 - 19 * 6 / (2 * 9 * 11))


def test_degenerate_code_used_by_neither_coder():
    a = b = [0] * 8
    t = binary_table(a, b)
    assert t["percent_agreement"] == 1.0
    assert t["kappa"] is None and t["alpha"] is None  # no variation: undefined, not 1


def test_degenerate_code_one_coder_used_everywhere():
    a = [1] * 6
    b = [1, 1, 0, 0, 1, 0]
    assert percent_agreement(a, b) == pytest.approx(0.5)
    assert cohen_kappa(a, b) == pytest.approx(0.0)  # pe = 1 * 0.5 = po
    # alpha: values 1 x 9, 0 x 3; Do pairs (1,0)+(0,1) = 6; alpha = 1 - 11*6/(2*9*3)
    assert krippendorff_alpha_nominal([a, b]) == pytest.approx(1 - 11 * 6 / (2 * 9 * 3))


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), max_size=60))
def test_the_four_cells_give_the_figures_the_two_lists_give(pairs):
    # agreement over thousands of sentences is counted from the cells, never from the lists
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    cells = (sum(1 for x, y in pairs if x and y), sum(1 for x, y in pairs if x and not y),
             sum(1 for x, y in pairs if y and not x), sum(1 for x, y in pairs if not x and not y))
    assert table_of_counts(*cells) == {"units": len(a), "both": cells[0], "only_a": cells[1], "only_b": cells[2],
                                       "neither": cells[3], "percent_agreement": percent_agreement(a, b),
                                       "kappa": cohen_kappa(a, b), "alpha": krippendorff_alpha_nominal([a, b])}
