"""Which of a theme's usable passages the chapter quotes, point by point (the rules on a single
passage, and the records, are ``quote_selection``'s).

At least one quote per point where a usable passage exists, at most its limit; one quote per
region per theme; never two overlapping spans; no quote says what another quote or a retold
example already says. A passage that names its region type of a few interviews ("op het
eiland") is quoted only where its point has no other; then the passages a point's sentence was
drawn from come first, then the writer's stars, then the region types in turn. Last, the
quotes are spread over the region types: a theme whose quotes come from fewer than three types
(or all but one of its quotes from one) has a point give way to its next passage from a type
not yet quoted. A chapter that leaves some passages out (``report --leave-out``) first gives each
point the quotes the same chapter without them gave it, where they are still there, and never
spreads those: a leave-out moves only the quotes of the points that lost theirs.

Pure functions on small records; deterministic.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from sto_qual.domain.quote_selection import (IDEAL_WORDS, Candidate, Point, content_words, names_group,
                                             near_duplicate, overlaps_any, says_the_same_briefly, usable)
from sto_qual.domain.spans import overlaps

# a theme's quotes come from at least this many region types, where it has that many quotes and more
SPREAD_TYPES = 3


def select_quotes(points: Sequence[Point], candidates: Iterable[Candidate], max_total: int | None = None,
                  few: Collection[str] = (), keep: Mapping[int, str] | None = None) -> dict[str, list[Candidate]]:
    """Body quotes per point key. Rounds over the points (each point its first quote before any
    point its second) so every point that has a usable passage is illustrated — the first
    point of each code first, so a ``max_total`` for the theme never leaves a code unquoted
    while another code has two. When that leaves a point without a quote although its code
    has usable passages (wider codes took the few regions it could be quoted from: one quote
    per region), the codes with the fewest regions choose first instead. ``few``: the project's
    region types of fewer than three interviews (``SMALL_GROUP``) (the island), whose passages that name
    their type are quoted last and which a spread never seeks. ``keep``: coding id -> the key of the
    point the same chapter without a leave-out quoted it under (taken first, never spread)."""
    by_code: dict[str, list[Candidate]] = {}
    for c in candidates:
        if usable(c.text):
            by_code.setdefault(c.code, []).append(c)
    picker = _Picker(points, by_code, few, keep or {})
    chosen = picker.select(max_total, scarce_first=False)
    if any(not chosen[p.key] and by_code.get(p.code) for p in points):
        again = _Picker(points, by_code, few, keep or {}).select(max_total, scarce_first=True)
        if sum(bool(v) for v in again.values()) > sum(bool(v) for v in chosen.values()):
            return again
    return chosen


class _Picker:
    def __init__(self, points: Sequence[Point], by_code: dict[str, list[Candidate]], few: Collection[str],
                 keep: Mapping[int, str]) -> None:
        self.points = points
        self.by_code = by_code
        self.keep = keep
        self._words: dict[int, frozenset[str]] = {}
        # the types a spread may not seek: one of a few interviews (the island: its quote points to
        # its region, DOMAIN's "in een eilandregio" is the most it may say); nor an unknown type
        self.few = frozenset(few)

    def names_its_few(self, c: Candidate) -> bool:
        """The passage names its region type of a few interviews ("we zitten op het eiland"): it
        points to its region, in a chapter whose method says how many such interviews there are."""
        return c.group in self.few and names_group(c.text, c.group)

    def rank(self, p: Point, groups: Counter[str] | None = None):
        """The order ``p``'s passages are taken in: one that names its region type of a few
        interviews ("op het eiland") only when the point has no other; then the passages the
        point's sentence was drawn from, then the writer's stars, then (``groups``: the types
        quoted so far) the region type quoted least, then the length closest to a quote's."""
        refs = {cid: i for i, cid in enumerate(p.references)}
        return lambda c: (self.names_its_few(c), refs.get(c.id, len(refs)), not c.starred,
                          groups[c.group] if groups is not None else 0,
                          abs((c.words or len(c.text.split())) - IDEAL_WORDS), c.region, c.start)

    def words(self, c: Candidate) -> frozenset[str]:
        w = self._words.get(c.id)
        if w is None:
            w = self._words[c.id] = content_words(c.text)
        return w

    def pool(self, p: Point, mine: Sequence[Candidate], others: Sequence[Candidate]) -> list[Candidate]:
        """The passages of ``p``'s code that may join ``mine`` (its quotes) beside ``others`` (every
        other quote of the theme): another region, no overlap, nothing said twice; a second quote
        of a point adds to its first and to the examples the text retells for it, the way two
        retold examples must ("says the same briefly")."""
        regions = {t.region for t in (*mine, *others)}
        said = [self.words(t) for t in (*mine, *others)]
        own = [self.words(t) for t in mine]
        return [c for c in self.by_code.get(p.code, ()) if c.region not in regions
                and not overlaps_any(c.document_id, c.start, c.end, (*mine, *others))
                and not any(near_duplicate(self.words(c), w) for w in (*said, *p.said))
                and not (own and any(says_the_same_briefly(self.words(c), w) for w in (*own, *p.said)))]

    def select(self, max_total: int | None, scarce_first: bool) -> dict[str, list[Candidate]]:
        points, by_code = self.points, self.by_code
        chosen: dict[str, list[Candidate]] = {p.key: [] for p in points}
        groups: Counter[str] = Counter()
        taken: list[Candidate] = []
        rounds = max((p.limit for p in points), default=0)
        seen_codes: set[str] = set()
        firsts, others = [], []
        for p in points:
            (others if p.code in seen_codes else firsts).append(p)
            seen_codes.add(p.code)
        if scarce_first:  # a wide code must not take the one region a narrow code can be quoted from
            scarce = {p.code: len({c.region for c in by_code.get(p.code, ())}) for p in points}
            firsts.sort(key=lambda p: scarce[p.code])
        order = firsts + others
        total = 0
        for p in order:  # the quotes a leave-out did not take away stay where they were
            for c in sorted((c for c in by_code.get(p.code, ()) if self.keep.get(c.id) == p.key), key=self.rank(p)):
                if (len(chosen[p.key]) < min(p.limit, 3) and (max_total is None or total < max_total)
                        and c.region not in {t.region for t in taken} and not overlaps_any(c.document_id, c.start,
                                                                                        c.end, taken)):
                    chosen[p.key].append(c)
                    total += 1
                    groups[c.group] += 1
                    taken.append(c)
        for r in range(rounds):
            for p in order:
                if max_total is not None and total >= max_total:
                    break
                if len(chosen[p.key]) >= min(p.limit, 3) or len(chosen[p.key]) < r:
                    continue
                mine = chosen[p.key]
                pool = self.pool(p, mine, [t for t in taken if t not in mine])
                if not pool:
                    continue
                # the region types in turn after the stars (a star lost to a type quoted less)
                best = min(pool, key=self.rank(p, groups))
                mine.append(best)
                total += 1
                groups[best.group] += 1
                taken.append(best)
        self.spread(chosen, order)
        return chosen

    def spread(self, chosen: dict[str, list[Candidate]], order: Sequence[Point]) -> None:
        """Quotes from more region types: while the theme's quotes come from fewer than
        ``SPREAD_TYPES`` types (or, with fewer quotes, all but one from one type), a quote whose
        type another quote shares gives way to a passage of its point from a type not quoted yet
        and not a group of a few interviews (the point's own passages first, then a star) — the
        narrowest points first, whose quote is least likely the theme's best-known words. Changed
        in place; stops when no point can."""
        while True:
            quotes = [c for p in order for c in chosen[p.key]]
            types = Counter(c.group for c in quotes)
            if len(types) >= min(SPREAD_TYPES, len(quotes) - 1):
                return
            for p in reversed(order):
                mine = chosen[p.key]
                swap = next(((i, c) for i, c in enumerate(mine) if types[c.group] >= 2 and c.id not in self.keep), None)
                if swap is None:
                    continue
                i, old = swap
                rest = [c for c in mine if c is not old]
                pool = [c for c in self.pool(p, rest, [t for t in quotes if t not in mine]) if c.group not in types
                        and c.group and c.group not in self.few]
                if not pool:
                    continue
                mine[i] = min(pool, key=self.rank(p))
                break
            else:
                return


def without_self_named(cands: Sequence[Candidate], naming: Collection[int]) -> list[Candidate]:
    """``cands`` without those in ``naming`` (a quote the chapter credits to "een geïnterviewde" that names its
    speaker's role itself) where their point (code) has another candidate: three of a wethouder's, "Vanuit de
    gemeente zien we …", were printed under that credit, a person pointed to by her own words."""
    others = {c.code for c in cands if c.id not in naming}
    return [c for c in cands if c.id not in naming or c.code not in others]


def chapter_places(every: Sequence[Candidate], placed: Sequence[tuple[Candidate, str]],
                   body: Sequence[Candidate]) -> dict[int, str]:
    """Coding id -> where it went: its own place, else (a second coding of the same passage,
    one of two coders' stars) that of the passage it shares; "text" when the text quotes it."""
    own = {c.id: place for c, place in placed}
    out: dict[int, str] = {}
    for c in every:
        if c.id in own:
            out[c.id] = own[c.id]
        elif overlaps_any(c.document_id, c.start, c.end, body):
            out[c.id] = "text"
        else:
            out[c.id] = next((place for p, place in placed if p.document_id == c.document_id and p.code == c.code
                              and overlaps((p.start, p.end), (c.start, c.end))), "none")
    return out


# where a passage is in the chapter, the most visible first (``quotes --starred``'s chapter column)
CHAPTER_PLACES = {
    "text": "quoted in the text",
    "example": "retold in the text as an example, in its words (not quoted, nor in the appendix)",
    "appendix": ("in the appendix (the text quotes a few passages per theme, one per interview at most: first "
                 "those a sentence of its summary was drawn from, then starred ones)"),
    "context": "left out: cannot be understood without the sentence before it",
    "repeat": "left out: repeats a quote of the text from the same interview",
    "question": "left out: only the interviewer speaks in it",
    "left": "left out: it says the words of a point left out of the chapter",
    "none": "not in the chapter",
}
PRINTED_FATES = ("", "before", "after", "later", "asked")  # a star's fates that say how the appendix prints it
