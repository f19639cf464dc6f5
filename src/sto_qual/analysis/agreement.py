"""Inter-coder agreement: percentage agreement, Cohen's kappa, Krippendorff's alpha (nominal).

Pure Python so the statistics can be checked against hand computations.
Degenerate cases: when both coders agree that a code never (or always) applies,
expected agreement is 1 and kappa and alpha are undefined (returned as None);
the percentage agreement is still reported.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def percent_agreement(a: Sequence[int], b: Sequence[int]) -> float | None:
    if not a:
        return None
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    n = len(a)
    if n == 0:
        return None
    po = sum(1 for x, y in zip(a, b) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb.get(k, 0) for k in ca) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def krippendorff_alpha_nominal(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """``data[coder][unit]`` with None for a missing value. Nominal metric.

    Coincidence-matrix form (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k
    """
    if not data:
        return None
    # units with the same values count the same: each pattern once, times how often it occurs
    # (two coders and yes/no give at most four patterns however many sentences there are)
    return alpha_of_patterns(Counter(zip(*data)))


def alpha_of_patterns(patterns: Counter[tuple[Hashable | None, ...]]) -> float | None:
    """Krippendorff's alpha (nominal) of the units' value patterns, each with how many units
    show it: ``{(1, 1): 12, (1, 0): 3, ...}`` for two coders (None for a missing value)."""
    o: Counter[tuple[Hashable, Hashable]] = Counter()
    for column, times in patterns.items():  # the order of the values does not matter
        values = [v for v in column if v is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk
                if pairs:
                    o[(c, k)] += times * pairs / (m - 1)
    n_c: Counter[Hashable] = Counter()
    for (c, _k), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    if n <= 1:
        return None
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if d_e == 0:
        return None
    return 1.0 - (n - 1) * d_o / d_e


def binary_table(a: Sequence[int], b: Sequence[int]) -> dict[str, float | int | None]:
    both = sum(1 for x, y in zip(a, b) if x and y)
    only_a = sum(1 for x, y in zip(a, b) if x and not y)
    only_b = sum(1 for x, y in zip(a, b) if y and not x)
    return table_of_counts(both, only_a, only_b, len(a) - both - only_a - only_b)


def table_of_counts(both: int, only_a: int, only_b: int, neither: int) -> dict[str, float | int | None]:
    """Two coders' yes/no on the same units as ``binary_table`` reports it, from the four cells
    alone: units, the cells, percent agreement, kappa and alpha (the same figures as from the
    lists: every sum here is of whole numbers)."""
    n = both + only_a + only_b + neither
    yes_a, yes_b = both + only_a, both + only_b
    pe = (yes_a * yes_b + (n - yes_a) * (n - yes_b)) / (n * n) if n else None
    patterns = Counter({k: v for k, v in (((1, 1), both), ((1, 0), only_a), ((0, 1), only_b), ((0, 0), neither))
                        if v})
    return {"units": n, "both": both, "only_a": only_a, "only_b": only_b, "neither": neither,
            "percent_agreement": (both + neither) / n if n else None,
            "kappa": None if pe is None or pe >= 1.0 else ((both + neither) / n - pe) / (1 - pe),
            "alpha": alpha_of_patterns(patterns) if n else None}
