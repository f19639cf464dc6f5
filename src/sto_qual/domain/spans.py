"""Span rules: validation, snapping a span to sentence units, and the words a set of spans
covers (each word once)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

from sto_qual.domain.errors import SpanError


def check_span(start: int, end: int, length: int, *, doc: str = "") -> None:
    if start < 0 or end > length:
        raise SpanError(f"span {start}-{end} is outside the text of {doc or 'the document'} "
                        f"(0-{length})", hint="give offsets between 0 and the text length")
    if end <= start:
        raise SpanError(f"span {start}-{end} is empty", hint="--end must be greater than --start")


def snap_to_units(start: int, end: int, units: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """Extend [start, end) to the boundaries of the units it touches.
    ``units`` is sorted by start and non-overlapping."""
    if not units:
        return start, end
    starts = [u[0] for u in units]
    i = max(bisect_right(starts, start) - 1, 0)
    j = max(bisect_left(starts, end) - 1, i)
    return min(start, units[i][0]), max(end, units[j][1])


def shrink_to_units(start: int, end: int, units: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Shrink [start, end) to the whole units inside it; None when no unit fits inside."""
    inside = [u for u in units if u[0] >= start and u[1] <= end]
    if not inside:
        return None
    return inside[0][0], inside[-1][1]


def cut_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words (letters and digits) that the span [start, end) begins or ends inside of, as
    their (start, end) in ``text``: a quote of it reads "…hadden we PIE w"."""
    def word_at(i: int) -> tuple[int, int]:
        a, b = i, i + 1
        while a > 0 and text[a - 1].isalnum():
            a -= 1
        while b < len(text) and text[b].isalnum():
            b += 1
        return a, b
    cuts = []
    if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        cuts.append(word_at(start))
    if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum() and word_at(end - 1) not in cuts:
        cuts.append(word_at(end - 1))
    return cuts


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``text`` (overlapping ones too)."""
    found, p = [], text.find(quote) if quote else -1
    while p >= 0:
        found.append(p)
        p = text.find(quote, p + 1)
    return found


# quotation marks, apostrophes and a non-breaking space written one way or another: one character
# each way, so an offset in the folded text is one in the text
_LOOSE = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'",
                        "\u00a0": " ", "\u202f": " "})


def loose_occurrences(text: str, quote: str) -> list[int]:
    """``occurrences`` with quotation marks and apostrophes of any kind alike, and a non-breaking
    space a space: a codings file typed with straight quotes ("als jullie …") where the transcript
    has curly ones (“als jullie …”) was refused, "quote not found", the cause unsaid."""
    return occurrences(text.translate(_LOOSE), quote.translate(_LOOSE))


def nearest_passage(text: str, quote: str) -> str | None:
    """The passage of ``text`` most like ``quote`` (a word or two apart: "negen" for "acht"), as
    long as it, when at least four fifths of it are alike; else None."""
    import difflib
    if not quote.strip() or not text:
        return None
    block = difflib.SequenceMatcher(None, text, quote, autojunk=False).find_longest_match(0, len(text), 0, len(quote))
    if block.size < min(12, len(quote)):
        return None
    start = max(0, block.a - block.b)
    end = min(len(text), start + len(quote))
    while start > 0 and not text[start - 1].isspace():  # whole words: a word longer or shorter moved it
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end - 1].isalnum():
        end += 1
    window = text[start:end]
    return window if difflib.SequenceMatcher(None, window, quote, autojunk=False).ratio() >= 0.8 else None


def speaker_changes(turns: Sequence[tuple[int, int, str | None]], left_end: int, right_start: int) -> bool:
    """Whether the text from ``left_end`` (where a span ends) to ``right_start`` (where the next
    begins) passes from one speaker's turn into another's. ``turns``: (start, end, speaker) in
    order. Two codings that only touch there stay two: joined, one speaker's quote would carry
    (or lose) the other's words, as NVivo and MAXQDA keep two speakers' segments apart."""
    def speaker_at(pos: int) -> str | None:
        found = None
        for start, _end, speaker in turns:
            if start > pos:
                break
            found = speaker
        return found
    return speaker_at(max(left_end - 1, 0)) != speaker_at(right_start)


def across_space(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown over the white space on either side: a coding that ends or starts there
    is next to the span (sentences 6 and 8 coded, then 7: one passage, as NVivo and MAXQDA join it)."""
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return start, end


def coverage(rows: Iterable[tuple[int, Hashable, int, int, int]], keys_of: Mapping[Hashable, Sequence[Hashable]],
             text_of: Callable[[int], str]) -> dict[tuple[Hashable, int], list[int]]:
    """Codings and words coded per (key, document), each word once. ``rows``: (document id,
    code, start, end, words) of distinct spans, grouped by document; ``keys_of[code]``: the
    keys a span of that code counts under (its code's path and, rolled up, its parents').
    Spans of one key that overlap count their words once, as NVivo counts a node's coverage
    (two sub-codes on one passage, two coders' different spans, a nested coding): a run of
    overlapping spans counts the words of the text they cover together (``text_of(document)``);
    a span alone counts its stored words. Returns {(key, document): [codings, words]}."""
    from itertools import groupby
    from operator import itemgetter, lt

    from sto_qual.domain.text import count_words
    start_of, end_of, words_of = itemgetter(2), itemgetter(3), itemgetter(4)
    out: dict[tuple[Hashable, int], list[int]] = {}
    for doc, spans in groupby(rows, key=itemgetter(0)):
        per_key: dict[Hashable, list] = {}
        for code, block in groupby(spans, key=itemgetter(1)):  # one code's spans at a time
            block = list(block)
            for key in keys_of.get(code, ()):
                got = per_key.get(key)
                if got is None:
                    per_key[key] = block[:]
                else:
                    got.extend(block)
        for key, got in per_key.items():
            got.sort(key=start_of)
            starts, ends = list(map(start_of, got)), list(map(end_of, got))
            # by start, no span begins before the one before it ends: none overlaps another
            if not any(map(lt, starts[1:], ends)):
                out[(key, doc)] = [len(got), sum(map(words_of, got))]
                continue
            total, lo, hi, words, n = 0, starts[0], ends[0], got[0][4], 1
            for _d, _c, start, end, w in got[1:]:
                if start < hi:  # overlaps the run: one stretch of text
                    hi, n = max(hi, end), n + 1
                    continue
                total += words if n == 1 else count_words(text_of(doc)[lo:hi])
                lo, hi, words, n = start, end, w, 1
            total += words if n == 1 else count_words(text_of(doc)[lo:hi])
            out[(key, doc)] = [len(got), total]
    return out


def left_over(text: str, a: int, b: int, s: int, e: int) -> list[tuple[int, int]]:
    """The parts of the span [a, b) outside [s, e), without the whitespace at the cut; a part
    with no letter or digit left in it is dropped."""
    parts = []
    if a < s:
        ps, pe = a, min(b, s)
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        parts.append((ps, pe))
    if b > e:
        ps, pe = max(a, e), b
        while ps < pe and text[ps].isspace():
            ps += 1
        parts.append((ps, pe))
    return [(ps, pe) for ps, pe in parts if any(ch.isalnum() for ch in text[ps:pe])]
