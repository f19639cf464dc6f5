"""The transcript's layout as pure functions: word wrap, the display-line map, and the
conversions between text offsets and display rows. No Textual here, so every rule can be
tested without running the app.

Offsets are ``str`` indices into the stored text, as everywhere in sto_qual.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.cells import cell_len

WORD = re.compile(r"\S+")
GUTTER = 6  # cursor/suggestion marker, memo/star marker, three code bars, a space
TEXT, HEADER, BLANK = 0, 1, 2


# the joiners terminals count differently: "🛠️" (with U+FE0F) is two cells to Rich and one to
# tmux; "👩‍🔧" (joined by U+200D) and "👍🏽" (a skin tone) two to Rich and four to tmux. The
# transcript paints text without them (its stored text keeps them), so Rich's count is every
# terminal's and no line shifts the panel beside it (a new user's emoji moved the divider)
_JOINERS = str.maketrans("", "", "\ufe0f\u200d" + "".join(map(chr, range(0x1F3FB, 0x1F400))))


def on_screen(text: str) -> str:
    """``text`` as the transcript paints it: without the emoji joiners (``_JOINERS``)."""
    return text.translate(_JOINERS)


def cells(text: str) -> int:
    """The cells ``text`` takes on screen, as painted (``on_screen``)."""
    return cell_len(on_screen(text))


class _Turn(Protocol):
    start: int
    end: int
    speaker: str | None
    time: str | None


class _Span(Protocol):
    start: int
    end: int


def is_wide(text: str) -> bool:
    """Whether any character is not one cell wide (CJK, emoji, combining marks): such text
    needs the slower, cell-measuring wrap."""
    return any(cell_len(c) != 1 for c in set(text) if not c.isascii())


@functools.lru_cache(maxsize=8)
def _line_pattern(width: int) -> re.Pattern[str]:
    # greedy word wrap in one regex: a line starts at a non-space and ends before whitespace,
    # at most `width` cells; a word longer than the line is cut hard
    return re.compile(r"\S.{0,%d}(?=\s|$)|\S{%d}" % (width - 1, width))


def wrap_span(text: str, a: int, b: int, width: int, wide: bool, out: list[tuple[int, int]]) -> None:
    """Greedy word wrap of ``text[a:b]`` into ``out`` as (start, end) pairs; a line never
    crosses a newline and never ends in spaces."""
    width = max(width, 8)
    if not wide:
        out.extend(m.span() for m in _line_pattern(width).finditer(text, a, b))
        return
    pos = a
    for para in text[a:b].split("\n"):
        pe = pos + len(para)
        ls = le = -1
        for m in WORD.finditer(text, pos, pe):
            s, e = m.span()
            if ls < 0:
                ls, le = s, e
            elif cells(text[ls:e]) <= width:
                le = e
                continue
            else:
                out.append((ls, le))
                ls, le = s, e
            while cells(text[ls:le]) > width:  # a word longer than the line
                cut = ls + width
                while cut > ls + 1 and cells(text[ls:cut]) > width:
                    cut -= 1
                out.append((ls, cut))
                ls = cut
        if ls >= 0:
            out.append((ls, le))
        pos = pe + 1


@dataclass
class Layout:
    """Every display line of a document at one width."""

    width: int
    kind: list[int]
    start: list[int]  # text lines: offsets; headers: the turn's start
    end: list[int]
    turn: list[int]
    text_line_idx: list[int]   # index in the lists above of every TEXT line, in order
    text_line_start: list[int]  # their start offsets (sorted)

    def __len__(self) -> int:
        return len(self.kind)


def build_layout(text: str, turns: Sequence[_Turn], width: int, wide: bool) -> Layout:
    """Lay out a document: a blank line between turns, a header for a turn with a speaker
    or a time, then the turn's text word-wrapped to ``width``."""
    kind: list[int] = []
    start: list[int] = []
    end: list[int] = []
    turn: list[int] = []
    tl_idx: list[int] = []
    tl_start: list[int] = []
    spans = [(t.start, t.end) for t in turns] or [(0, len(text))]
    wrapped: list[tuple[int, int]] = []
    for ti, (ts, te) in enumerate(spans):
        if ti:
            kind.append(BLANK), start.append(ts), end.append(ts), turn.append(ti)
        t = turns[ti] if turns else None
        if t is not None and (t.speaker or t.time):
            kind.append(HEADER), start.append(ts), end.append(ts), turn.append(ti)
        wrapped.clear()
        wrap_span(text, ts, te, width, wide, wrapped)
        n = len(kind)
        tl_idx.extend(range(n, n + len(wrapped)))
        for a, b in wrapped:
            tl_start.append(a)
            start.append(a)
            end.append(b)
        kind.extend([TEXT] * len(wrapped))
        turn.extend([ti] * len(wrapped))
    return Layout(width, kind, start, end, turn, tl_idx, tl_start)


def line_of(lay: Layout | None, offset: int) -> int:
    """The display line showing text offset ``offset``."""
    if lay is None or not lay.text_line_start:
        return 0
    k = max(bisect_right(lay.text_line_start, offset) - 1, 0)
    return lay.text_line_idx[k]


def unit_at(unit_starts: Sequence[int], offset: int) -> int:
    """Index of the sentence unit containing (or nearest before) ``offset``."""
    if not unit_starts:
        return 0
    return max(bisect_right(unit_starts, offset) - 1, 0)


def next_turn_unit(unit_turns: Sequence[int], i: int) -> int:
    """The first sentence of the turn after sentence ``i``'s (the last sentence if none)."""
    for j in range(i + 1, len(unit_turns)):
        if unit_turns[j] != unit_turns[i]:
            return j
    return len(unit_turns) - 1


def prev_turn_unit(unit_turns: Sequence[int], i: int) -> int | None:
    """The first sentence of sentence ``i``'s turn, or of the turn before when ``i`` already
    starts one; None at the very first sentence."""
    t = unit_turns[i]
    if i > 0 and unit_turns[i - 1] == t:  # go to the start of this turn
        while i > 0 and unit_turns[i - 1] == t:
            i -= 1
        return i
    if i == 0:
        return None
    i -= 1
    t = unit_turns[i]
    while i > 0 and unit_turns[i - 1] == t:
        i -= 1
    return i


def first_unit_from(lay: Layout, unit_starts: Sequence[int], row: int) -> int:
    """The first sentence that starts on display row ``row`` or below (where a page puts
    the cursor); the sentence showing there when none starts later."""
    k = bisect_left(lay.text_line_idx, row)
    if k >= len(lay.text_line_idx):
        k = len(lay.text_line_idx) - 1
    off = lay.text_line_start[k]
    i = unit_at(unit_starts, off)
    if unit_starts[i] < off and i + 1 < len(unit_starts):
        i += 1
    return i


def offset_at(lay: Layout | None, text: str, wide: bool, line: int, x: int) -> int | None:
    """Text offset under cell ``x`` (gutter included) of display line ``line``, or None
    off the text."""
    if lay is None or line >= len(lay.kind) or lay.kind[line] != TEXT:
        return None
    a, b = lay.start[line], lay.end[line]
    col = max(x - GUTTER, 0)
    if not wide:
        return min(a + col, b)
    pos, used = a, 0
    while pos < b and used + cell_len(text[pos]) <= col:
        used += cell_len(text[pos])
        pos += 1
    return pos


def scroll_for(lay: Layout, start: int, end: int, top: int, height: int, center: bool = False) -> int | None:
    """The new top line that shows [start, end) with a margin, or None if it already shows.
    Scrolls the least needed; a passage taller than the view shows its first line; a
    turn's first sentence brings its header. With ``center`` (a jump, not a step) a target
    off-screen or in the view's last third lands a third down it (a found word landed on the
    view's last lines, nothing of what follows it shown)."""
    first = line_of(lay, start)
    last = max(line_of(lay, max(end - 1, start)), first)
    if first > 0 and lay.kind[first - 1] == HEADER:
        first -= 1
    margin = 2 if height > 8 else 0
    low = last > top + height - 1 - height // 3 and first - height // 3 > top  # (below, or in the last third)
    if center and (first < top or low):
        new_top = first - height // 3
    elif first < top + margin:
        new_top = first - margin
    elif last > top + height - 1 - margin:
        new_top = min(last - height + 1 + margin, first - margin)
    else:
        return None
    new_top = max(0, min(new_top, max(len(lay.kind) - height, 0)))
    return new_top if new_top != top else None


def flatten_marks(marks: Sequence[_Span]) -> tuple[list[int], list[tuple[int, ...]]]:
    """Cut overlapping spans into elementary segments: the sorted boundary offsets and, for
    each boundary, the indices of the spans active from it on, innermost (shortest) first
    (it gives the background colour)."""
    points: dict[int, list[tuple[int, int]]] = {}
    for i, m in enumerate(marks):
        if m.end <= m.start:
            continue
        points.setdefault(m.start, []).append((1, i))
        points.setdefault(m.end, []).append((-1, i))
    bounds = sorted(points)
    active: set[int] = set()
    out: list[tuple[int, ...]] = []
    for p in bounds:
        for delta, i in points[p]:
            if delta > 0:
                active.add(i)
            else:
                active.discard(i)
        out.append(tuple(sorted(active, key=lambda j: (marks[j].end - marks[j].start, j))))
    return bounds, out
