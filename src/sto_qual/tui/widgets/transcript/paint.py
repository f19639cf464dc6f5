"""How one display line of the transcript looks: the gutter (cursor or suggestion marker,
memo/star marker, up to three code bars) and the text cut at every coding, selection and
suggestion boundary it crosses. Returns Rich segments; the widget wraps them in a Strip.

Styles are asked for by key through ``style`` (the widget caches them and resolves its
component classes), so this module needs no widget and no Textual.
"""
from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from sto_qual.services.tui_support import CodingMark, SuggestionMark, TurnView
from sto_qual.tui.widgets.transcript.layout import GUTTER, on_screen

StyleOf = Callable[[object], Style]
NO_COLOUR = "#888888"


def contrast_text(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (#rrggbb)."""
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#ffffff"
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if lum > 140 else "#ffffff"


def span_style(base: Style, colour: str | None, overlap: bool, selected: bool, suggested: bool) -> Style:
    """A piece of text: the innermost code's colour, underlined where two codes overlap,
    italic when suggested, reversed when selected."""
    st = base
    if colour:
        st = st + Style(bgcolor=colour, color=contrast_text(colour))
    if overlap:
        st = st + Style(underline=True, bold=True)
    if suggested:
        st = st + Style(italic=True)
    if selected:
        st = st + Style(reverse=True)
    return st


def bar_style(base: Style, colour: str) -> Style:
    return base + Style(color=colour)


def header_segments(t: TurnView, width: int, style: StyleOf) -> list[Segment]:
    """A turn's header: the speaker, role and time, then a rule to the edge."""
    who = t.speaker or "?"
    name_style = style("transcript--interviewer" if (t.role or "").lower() == "interviewer"
                       else "transcript--speaker")
    meta = style("transcript--meta")
    # a role the label says already is not said again ("Karin (directeur) · directeur")
    role = t.role if t.role and f"({t.role.casefold()})" not in who.casefold() else None
    extra = " · ".join(x for x in (role, t.time) if x)
    room = width - GUTTER - 1
    if cell_len(who) + 3 + cell_len(extra) > room:  # narrow: the time goes first, then the rest is cut with "…"
        extra = role or ""
        space = room - cell_len(who) - 3
        if cell_len(extra) > space:
            extra = extra[:space - 1] + "…" if space >= 6 else ""
            who = who if cell_len(who) <= room else who[:max(room - 1, 1)] + "…"
    segs = [Segment(" " * GUTTER, style("base")), Segment(who, name_style)]
    used = GUTTER + cell_len(who)
    if extra:
        segs.append(Segment(" · " + extra, meta))
        used += 3 + cell_len(extra)
    if used + 2 < width:
        segs.append(Segment(" " + "─" * (width - used - 2), meta))
    return segs


@dataclass
class LineInput:
    """What painting a text line reads: the text, the flattened codings (see
    ``layout.flatten_marks``), the selection, the cursor sentence and the suggestions."""

    text: str
    marks: Sequence[CodingMark]
    bounds: Sequence[int]
    active: Sequence[tuple[int, ...]]
    selection: tuple[int, int]
    cursor: tuple[int, int]  # the cursor sentence's span, (-1, -1) without one
    suggestions: Sequence[SuggestionMark]
    suggestion_starts: Sequence[int]
    colours: Mapping[str, str]
    order: Mapping[str, int]


def text_segments(d: LineInput, a: int, b: int, style: StyleOf, prev: int | None = None) -> list[Segment]:
    """The segments of the text line showing [a, b). ``prev``: where the line above starts when
    it shows the same turn's text (a coding both starred and with a memo shows ★ on its first
    line and ✎ on its second: one column holds one mark)."""
    text = d.text
    bounds, active, marks = d.bounds, d.active, d.marks
    sel_s, sel_e = d.selection
    points = {a, b}
    k0 = bisect_right(bounds, a) - 1
    k = max(k0 + 1, 0)
    while k < len(bounds) and bounds[k] < b:
        points.add(bounds[k])
        k += 1
    line_codes: list[str] = []
    for kk in range(max(k0, 0), k):
        if kk == k0 or bounds[kk] < b:
            for i in active[kk]:
                if marks[i].code not in line_codes:
                    line_codes.append(marks[i].code)
    if a < sel_s < b:
        points.add(sel_s)
    if a < sel_e < b:
        points.add(sel_e)
    sugg, ss = d.suggestions, d.suggestion_starts
    j = max(bisect_right(ss, a) - 1, 0)
    sugg_here = None
    while j < len(sugg) and sugg[j].start < b:
        s = sugg[j]
        if s.end > a:
            sugg_here = sugg_here or s
            if a < s.start < b:
                points.add(s.start)
            if a < s.end < b:
                points.add(s.end)
        j += 1
    pts = sorted(points)
    segs: list[Segment] = []
    # gutter
    # ▶ marks what a code key codes: the selection (grown over two sentences, the second had no
    # ▶ and read as not selected), else the cursor sentence
    cu_s, cu_e = (sel_s, sel_e) if sel_e > sel_s else d.cursor
    if cu_s < b and cu_e > a or (a == b and cu_s == a):
        segs.append(Segment("▶", style("transcript--cursor")))
    elif sugg_here is not None:
        segs.append(Segment("◆", style("transcript--suggestion")))
    else:
        segs.append(Segment(" ", style("base")))
    note = " "
    for kk in range(max(k0, 0), k):
        for i in active[kk]:
            m = marks[i]
            if a <= m.start < b or (kk == k0 and m.start <= a):
                if m.memo and note == " " and a <= m.start < b:
                    note = "✎"
                if m.starred and a <= m.start < b:
                    note = "★"
    if note == " " and prev is not None:  # the ✎ a ★ hid on the line above
        for kk in range(max(k0, 0), min(k, len(active))):
            if any(marks[i].starred and marks[i].memo and prev <= marks[i].start < a for i in active[kk]):
                note = "✎"
                break
    segs.append(Segment(note, style("transcript--meta")))
    line_codes.sort(key=lambda c: d.order.get(c, 999))
    for n in range(3):
        if n < len(line_codes):
            segs.append(Segment("▌", style(("bar", d.colours.get(line_codes[n], NO_COLOUR)))))
        else:
            segs.append(Segment(" ", style("base")))
    segs.append(Segment(" ", style("base")))
    # text pieces
    for p, q in zip(pts, pts[1:]):
        kk = bisect_right(bounds, p) - 1
        act = active[kk] if 0 <= kk < len(active) else ()
        colour = None
        overlap = False
        if act:
            colour = d.colours.get(marks[act[0]].code, NO_COLOUR)
            if len(act) > 1:
                first = marks[act[0]].code
                overlap = any(marks[i].code != first for i in act[1:])
        js = bisect_right(ss, p) - 1
        suggested = js >= 0 and sugg[js].start <= p < sugg[js].end
        selected = sel_s <= p < sel_e
        segs.append(Segment(on_screen(text[p:q]), style(("span", colour, overlap, selected, suggested))))
    return segs


class PaintClock:
    """When the widget last rendered a line, and how many it rendered: the benchmark's
    clock (bench/tui_bench.py times a key press to the last line painted in response)."""

    __slots__ = ("last", "lines")

    def __init__(self) -> None:
        self.last = 0.0
        self.lines = 0

    def tick(self) -> None:
        self.lines += 1
        self.last = time.perf_counter()
