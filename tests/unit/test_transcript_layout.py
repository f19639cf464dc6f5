"""The transcript's pure layout and the coder screen's mark bookkeeping, without an app."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

from sto_qual.domain.model import Coding
from sto_qual.services.tui_support import CodingMark, TurnView
from sto_qual.tui.screens import coder_marks as M
from sto_qual.tui.widgets.transcript import layout as L
from sto_qual.tui.widgets.transcript.paint import PaintClock, span_style


def _doc():
    text = "Interviewer: Hoe gaat het?\nMarieke: Goed. Het techlab draait en de scholen werken samen in de regio."
    a = text.index("Marieke")
    turns = [TurnView(0, a - 1, "Interviewer", "interviewer", None), TurnView(a, len(text), "Marieke", None, "00:01")]
    return text, turns


def test_layout_has_blank_header_and_wrapped_lines_and_maps_offsets_both_ways():
    text, turns = _doc()
    lay = L.build_layout(text, turns, 20, L.is_wide(text))
    assert lay.kind[:2] == [L.HEADER, L.TEXT]
    assert L.BLANK in lay.kind and lay.kind.count(L.HEADER) == 2
    assert all(e - s <= 20 for k, s, e in zip(lay.kind, lay.start, lay.end) if k == L.TEXT)
    for offset in (0, 5, turns[1].start + 3, len(text) - 1):
        row = L.line_of(lay, offset)
        assert lay.kind[row] == L.TEXT and lay.start[row] <= offset <= lay.end[row]
        x = L.GUTTER + offset - lay.start[row]
        assert L.offset_at(lay, text, False, row, x) == offset
    assert L.offset_at(lay, text, False, 0, L.GUTTER) is None  # a header holds no text


def test_scroll_for_moves_the_least_and_brings_the_header():
    text, turns = _doc()
    lay = L.build_layout(text, turns, 10, False)
    assert L.scroll_for(lay, 0, 3, top=0, height=len(lay)) is None  # already shows
    end = len(text) - 1
    top = L.scroll_for(lay, end, end + 1, top=0, height=4)
    assert top is not None and top <= L.line_of(lay, end) < top + 4
    second = turns[1].start
    top = L.scroll_for(lay, second, second + 1, top=len(lay) - 4, height=4)
    assert top == L.line_of(lay, second) - 1  # the turn's header shows with its first sentence


def test_a_jump_to_a_place_in_the_views_last_third_brings_what_follows_it():
    """A found word landed on the view's last lines: nothing after it showed. A jump (``center``)
    to a place in the last third lands it a third down; a step (no ``center``) scrolls the least."""
    text = "Interviewer: Vraag?\n" + "\n".join(f"Jan: Zin nummer {i} van het antwoord hier." for i in range(40))
    turns, at = [], 0
    for line in text.split("\n"):
        turns.append(TurnView(at, at + len(line), line.split(":")[0], None, None))
        at += len(line) + 1
    lay = L.build_layout(text, turns, 40, False)
    height = 30
    place = turns[7].start  # its line in the last third of a view from the top
    row = L.line_of(lay, place)
    assert height - height // 3 <= row < height - 2
    top = L.scroll_for(lay, place, place + 4, top=0, height=height, center=True)
    assert top == row - 1 - height // 3  # (its turn's header with it)
    assert L.scroll_for(lay, place, place + 4, top=0, height=height) is None  # a step: it shows, with a margin
    near = turns[3].start  # in the first two thirds: where it is
    assert L.scroll_for(lay, near, near + 4, top=0, height=height, center=True) is None


def test_turn_and_page_moves():
    turns = [0, 0, 1, 1, 1, 2]
    assert L.next_turn_unit(turns, 0) == 2 and L.next_turn_unit(turns, 5) == 5
    assert L.prev_turn_unit(turns, 4) == 2 and L.prev_turn_unit(turns, 2) == 0
    assert L.prev_turn_unit(turns, 0) is None
    text, tv = _doc()
    lay = L.build_layout(text, tv, 12, False)
    starts = [0, tv[1].start, text.index("Het techlab")]
    assert L.first_unit_from(lay, starts, 0) == 0
    assert L.first_unit_from(lay, starts, len(lay)) == 2


def test_flatten_marks_puts_the_innermost_coding_first():
    @dataclass
    class Span:
        start: int
        end: int
    bounds, active = L.flatten_marks([Span(0, 10), Span(2, 4), Span(5, 5)])
    assert bounds == [0, 2, 4, 10]
    assert active == [(0,), (1, 0), (0,), ()]


def test_layout_and_paint_load_without_textual():
    code = ("import sys, sto_qual.tui.widgets.transcript.layout, sto_qual.tui.widgets.transcript.paint; "
            "print('textual' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False", r.stderr


def test_paint_style_and_clock():
    from rich.style import Style
    st = span_style(Style(), "#f5b041", overlap=True, selected=False, suggested=True)
    assert st.bgcolor is not None and st.underline and st.italic and not st.reverse
    clock = PaintClock()
    clock.tick()
    assert clock.lines == 1 and clock.last > 0


def test_coder_marks_patch_and_merge_keep_unchanged_marks():
    a = CodingMark(1, "urgentie", "ana", 0, 5)
    b = CodingMark(2, "behoud", "bo", 3, 9)
    marks = [a, b]
    assert M.shown(marks, "ana", False) == [a] and M.counts(marks, "ana", True) == {"urgentie": 1, "behoud": 1}
    assert M.mine_on(marks, "bo", 0, 4) == [b] and M.has_exact(marks, "urgentie", "ana", 0, 5)
    starred = M.patched(marks, 2, starred=True)
    assert starred[0] is a and starred[1].starred
    new = Coding(3, 7, "R01", "krimp", 1, 2, "x", "ana")
    moved = Coding(2, 8, "R02", "behoud", 3, 9, "x", "bo")
    merged = M.merged(marks, 7, {3: new, 2: moved, 1: None})
    assert [m.id for m in merged] == [3]


def test_a_starred_coding_with_a_memo_shows_both_marks_in_the_margin():
    """One margin column holds one mark: a coding starred and with a memo showed ★ only, and a
    coder could not see the memo without moving onto it. ★ stays on its first line, ✎ goes on
    its second; a coding with a memo only keeps its ✎ on its first line."""
    from rich.style import Style

    from sto_qual.tui.widgets.transcript.paint import LineInput, text_segments
    text, turns = _doc()
    lay = L.build_layout(text, turns, 20, L.is_wide(text))
    rows = [i for i, k in enumerate(lay.kind) if k == L.TEXT and lay.start[i] >= turns[1].start]
    a = turns[1].start

    def margins(marks):
        bounds, active = L.flatten_marks(marks)
        d = LineInput(text, marks, bounds, active, (0, 0), (-1, -1), [], [], {}, {})
        out = []
        for i in rows[:3]:
            prev = lay.start[i - 1] if lay.kind[i - 1] == L.TEXT else None
            out.append(text_segments(d, lay.start[i], lay.end[i], lambda key: Style(), prev)[1].text)
        return out

    both = CodingMark(1, "urgentie", "a", a, len(text), memo="mooi citaat", starred=True)
    assert margins([both]) == ["★", "✎", " "]
    memo_only = CodingMark(1, "urgentie", "a", a, len(text), memo="mooi citaat")
    assert margins([memo_only]) == ["✎", " ", " "]
    starred_only = CodingMark(1, "urgentie", "a", a, len(text), starred=True)
    assert margins([starred_only]) == ["★", " ", " "]


def test_an_emoji_takes_as_many_cells_in_every_terminal_as_the_layout_counts():
    """"machines 🛠️ gekocht" moved the panel divider one column on its line: Rich counts the
    emoji with its U+FE0F as two cells, tmux as one; a joined "👩‍🔧" and a "👍🏽" are two to Rich
    and four to tmux. A painted line holds no character whose width depends on its neighbours
    (what Rich counts is then what each character counts, as every terminal does), each line
    fits its width, and a click maps to the character under it; the stored text is unchanged."""
    from rich.cells import cell_len
    from rich.style import Style

    from sto_qual.tui.widgets.transcript.paint import LineInput, text_segments
    said = "We hebben nieuwe machines 🛠️ gekocht, 👩‍🔧 monteurs, 👍🏽 en 🇳🇱 vlaggen, ook 👍 en café."
    text = f"Interviewer: Mooi?\nJan: {said}"
    turns = [TurnView(0, 18, "Interviewer", "interviewer", None), TurnView(19, len(text), "Jan", None, None)]
    for width in (12, 20, 33):
        lay = L.build_layout(text, turns, width, L.is_wide(text))
        d = LineInput(text, [], [], [], (0, 0), (-1, -1), [], [], {}, {})
        rows = [i for i, k in enumerate(lay.kind) if k == L.TEXT]
        for i in rows:
            segments = text_segments(d, lay.start[i], lay.end[i], lambda key: Style())
            painted = "".join(s.text for s in segments[L.GUTTER - 1:])
            painted = painted.lstrip(" ")
            assert cell_len(painted) == sum(cell_len(c) for c in painted) <= width, (width, painted)
            for p in range(lay.start[i], lay.end[i]):  # a click on a character's first cell selects it
                if cell_len(L.on_screen(text[p])):
                    assert L.offset_at(lay, text, True, i, L.GUTTER + L.cells(text[lay.start[i]:p])) == p
    assert "🛠️" in text and L.on_screen("🛠️ 👩‍🔧") == "🛠 👩🔧"
