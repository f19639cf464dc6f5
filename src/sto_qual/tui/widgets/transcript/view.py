"""TranscriptView: a virtualised transcript with speaker turns, coded spans, a sentence
cursor and a character-precise selection: the widget, its mouse and messages (the keys that
move the cursor and the selection are in ``keys``).

Only the visible lines are rendered (Textual's Line API): the document is word-wrapped
once per width into a list of (start, end) offsets (``layout``), codings are flattened
into elementary segments (each with the codings active over it), and ``render_line``
cuts one line's text at the segment, selection and suggestion boundaries it crosses
(``paint``). A 300,000-character transcript with 1,000 codings lays out in tens of
milliseconds and repaints a screenful in a few.

Offsets are ``str`` indices into the stored text, as everywhere in sto_qual.
"""
from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sto_qual.services.tui_support import CodingMark, DocumentView, SuggestionMark
from sto_qual.tui.widgets.transcript import layout as L
from sto_qual.tui.widgets.transcript.keys import SelectionKeys
from sto_qual.tui.widgets.transcript.layout import BLANK, GUTTER, HEADER, Layout
from sto_qual.tui.widgets.transcript.paint import (LineInput, PaintClock, bar_style, header_segments, span_style,
                                                   text_segments)


class TranscriptView(SelectionKeys, ScrollView, can_focus=True):
    """The transcript of one document. Posts ``SelectionChanged`` whenever the cursor or
    selection moves; the screen decides what a key like "apply code" does with it."""

    ALLOW_SELECT = False  # our own drag selection, not Textual's copy selection
    COMPONENT_CLASSES = {"transcript--speaker", "transcript--interviewer", "transcript--meta",
                         "transcript--cursor", "transcript--suggestion"}
    DEFAULT_CSS = """
    TranscriptView { background: $surface; color: $foreground; overflow-x: hidden; overflow-y: auto;
                     scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    TranscriptView:focus { background-tint: $foreground 3%; }
    TranscriptView > .transcript--speaker { color: $accent; text-style: bold; }
    TranscriptView > .transcript--interviewer { color: $text-muted; text-style: bold; }
    TranscriptView > .transcript--meta { color: $text-muted; }
    TranscriptView > .transcript--cursor { color: $warning; text-style: bold; }
    TranscriptView > .transcript--suggestion { color: $warning; text-style: bold; }
    """
    # every key that moves the cursor or reshapes the selection is a priority binding: it runs when
    # the app reads it, in typing order with the Coder's number keys (also priority); an ordinary one
    # waited in this widget's queue, and "shift+down 1" in one burst coded the selection before it grew
    BINDINGS = [
        Binding("down,j", "next_unit", "Next sentence", show=False, priority=True, id="transcript.next"),
        Binding("up,k", "prev_unit", "Previous sentence", show=False, priority=True, id="transcript.prev"),
        Binding("right_square_bracket,ctrl+down", "next_turn", "Next turn", show=False, priority=True, id="transcript.next_turn"),
        Binding("left_square_bracket,ctrl+up", "prev_turn", "Start of this turn, then the previous one", show=False,
                priority=True, id="transcript.prev_turn"),
        Binding("right_curly_bracket", "next_answer", "Next answer (a turn not the interviewer's)", show=False,
                priority=True, id="transcript.next_answer"),
        Binding("pagedown,space", "page_down", "Page down", show=False, priority=True, id="transcript.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, priority=True, id="transcript.page_up"),
        Binding("home,g", "first", "First sentence", show=False, priority=True, id="transcript.first"),
        Binding("end,G", "last", "Last sentence", show=False, priority=True, id="transcript.last"),
        Binding("shift+down", "extend_down", "Selection a sentence down (shrinks one grown up)", show=False,
                priority=True, id="transcript.extend_down"),
        Binding("shift+up", "extend_up", "Selection a sentence up (shrinks one grown down)", show=False,
                priority=True, id="transcript.extend_up"),
        Binding("shift+right", "end_right", "Selection end one character right", show=False,
                priority=True, id="transcript.end_right"),
        Binding("shift+left", "end_left", "Selection end one character left", show=False,
                priority=True, id="transcript.end_left"),
        Binding("ctrl+shift+right", "end_word_right", "Selection end one word right", show=False,
                priority=True, id="transcript.end_word_right"),
        Binding("ctrl+shift+left", "end_word_left", "Selection end one word left", show=False,
                priority=True, id="transcript.end_word_left"),
        Binding("alt+right", "start_right", "Selection start one character right", show=False,
                priority=True, id="transcript.start_right"),
        Binding("alt+left", "start_left", "Selection start one character left", show=False,
                priority=True, id="transcript.start_left"),
        # a passage that starts mid-sentence: "Kleine dorpen, " was fifteen alt+right
        Binding("ctrl+right", "start_word_right", "Selection start one word right", show=False,
                priority=True, id="transcript.start_word_right"),
        Binding("ctrl+left", "start_word_left", "Selection start one word left", show=False,
                priority=True, id="transcript.start_word_left"),
        Binding("t", "select_turn", "Select the whole turn", show=False, priority=True, id="transcript.select_turn"),
        Binding("escape", "collapse", "Selection back to one sentence (on one: the messages shown go)", show=False,
                priority=True,
                id="transcript.collapse"),
    ]

    class SelectionChanged(Message):
        """The cursor sentence or the selection changed."""

        def __init__(self, view: TranscriptView, unit_index: int, start: int, end: int) -> None:
            super().__init__()
            self.view = view
            self.unit_index = unit_index
            self.start = start
            self.end = end

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TranscriptView.SelectionChanged)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.doc: DocumentView | None = None
        self._text = ""
        self._wide = False
        self._unit_starts: list[int] = []
        self._unit_ends: list[int] = []
        self._unit_turns: list[int] = []
        self._layout: Layout | None = None
        self._colours: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._marks: list[CodingMark] = []
        self._bounds: list[int] = []
        self._active: list[tuple[int, ...]] = []
        self._sugg: list[SuggestionMark] = []
        self._sugg_starts: list[int] = []
        self._cursor = 0
        self._sel = (0, 0)
        self._drag_anchor: int | None = None
        self._dragged = False
        self._cache: dict[int, Strip] = {}
        self._styles: dict[object, Style] = {}
        self.paint_clock = PaintClock()

    # ----------------------------------------------------------------- data in
    def set_document(self, doc: DocumentView, colours: dict[str, str]) -> None:
        self.doc = doc
        self._text = doc.text.replace("\t", " ")
        # any character that is not one cell wide (CJK, emoji, combining marks) needs the slow wrap
        self._wide = L.is_wide(self._text)
        self._unit_starts = [u.start for u in doc.units]
        self._unit_ends = [u.end for u in doc.units]
        self._unit_turns = [u.turn for u in doc.units]
        self.set_colours(colours)
        self._marks, self._bounds, self._active = [], [], []
        self._sugg, self._sugg_starts = [], []
        self._cursor = 0
        self._sel = (doc.units[0].start, doc.units[0].end) if doc.units else (0, 0)
        self._layout = None
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True)
        self._post_selection()

    def set_colours(self, colours: dict[str, str]) -> None:
        self._colours = dict(colours)
        self._order = {c: i for i, c in enumerate(colours)}
        self._styles.clear()
        self._invalidate()

    def set_marks(self, marks: Sequence[CodingMark]) -> None:
        """The codings to paint (already filtered by the screen, e.g. by coder). Only the lines
        whose codings changed are repainted."""
        before = self._marks
        self._marks = list(marks)
        # the screen keeps unchanged marks as the same objects: identity tells what changed
        kept = {id(m) for m in before}
        now = {id(m) for m in self._marks}
        changed = [m for m in self._marks if id(m) not in kept] + [m for m in before if id(m) not in now]
        self._bounds, self._active = L.flatten_marks(self._marks)
        self._dirty_spans([(m.start, m.end) for m in changed])

    def set_suggestions(self, suggestions: Sequence[SuggestionMark]) -> None:
        before = set(self._sugg)
        self._sugg = sorted(suggestions, key=lambda s: (s.start, s.end))
        self._sugg_starts = [s.start for s in self._sugg]
        self._dirty_spans([(s.start, s.end) for s in before.symmetric_difference(self._sugg)])

    # ------------------------------------------------------------- state out
    @property
    def selection(self) -> tuple[int, int]:
        return self._sel

    @property
    def cursor_index(self) -> int:
        return self._cursor

    @property
    def line_count(self) -> int:
        return len(self._layout.kind) if self._layout else 0

    def marks_in(self, start: int, end: int) -> list[CodingMark]:
        """Painted codings overlapping [start, end)."""
        return [m for m in self._marks if m.start < end and m.end > start]

    def suggestions_in(self, start: int, end: int) -> list[SuggestionMark]:
        return [s for s in self._sugg if s.start < end and s.end > start]

    # ---------------------------------------------------------------- layout
    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width - GUTTER, 10)

    def _relayout(self) -> None:
        if self.doc is None:
            return
        self._layout = L.build_layout(self._text, self.doc.turns or (), self._text_width(), self._wide)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._layout))
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        if self.doc is not None and (self._layout is None or self._layout.width != self._text_width()):
            self._relayout()
            self._ensure_visible(self._sel[0], self._sel[1])

    @property
    def last_paint(self) -> float:
        """perf_counter of the last rendered line (the benchmark's clock)."""
        return self.paint_clock.last

    def line_of(self, offset: int) -> int:
        """The display line showing text offset ``offset``."""
        return L.line_of(self._layout, offset)

    def unit_at(self, offset: int) -> int:
        """Index of the sentence unit containing (or nearest before) ``offset``."""
        return L.unit_at(self._unit_starts, offset)

    # ------------------------------------------------------------- rendering
    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def _dirty_spans(self, spans: Sequence[tuple[int, int]]) -> None:
        """Forget and repaint only the lines showing these text spans."""
        if self._layout is None or not spans:
            return
        if len(spans) > 64:
            self._invalidate()
            return
        top = int(self.scroll_offset.y)
        bottom = top + self.scrollable_content_region.height
        for start, end in spans:
            l0 = self.line_of(start)
            l1 = max(self.line_of(max(end - 1, start)), l0)
            for i in range(l0, l1 + 1):
                self._cache.pop(i, None)
            lo, hi = max(l0, top), min(l1, bottom)
            if lo <= hi:
                self.refresh_lines(lo, hi - lo + 1)

    def _selection_spans(self) -> list[tuple[int, int]]:
        spans = [self._sel]
        if self._unit_starts:
            spans.append((self._unit_starts[self._cursor], self._unit_ends[self._cursor]))
        return spans

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _style(self, key: object) -> Style:
        st = self._styles.get(key)
        if st is not None:
            return st
        base = self.rich_style
        if key == "base":
            st = base
        elif isinstance(key, str) and key.startswith("transcript--"):
            st = self.get_component_rich_style(key, partial=False)
        elif isinstance(key, tuple) and key[0] == "bar":
            st = bar_style(base, key[1])
        elif isinstance(key, tuple) and key[0] == "span":
            st = span_style(base, *key[1:])
        else:  # pragma: no cover
            st = base
        self._styles[key] = st
        return st

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        idx = scroll_y + y
        width = self.scrollable_content_region.width
        self.paint_clock.tick()
        strip = self._cache.get(idx)
        if strip is None or strip.cell_length != width:
            strip = self._build_line(idx, width)
            self._cache[idx] = strip
        return strip

    def _build_line(self, idx: int, width: int) -> Strip:
        lay = self._layout
        base = self._style("base")
        if lay is None or idx >= len(lay.kind):
            return Strip.blank(width, base)
        kind = lay.kind[idx]
        if kind == BLANK:
            return Strip.blank(width, base)
        if kind == HEADER:
            return self._header_line(lay.turn[idx], width)
        # the text line above, across a turn's header: a starred coding with a memo that runs on into
        # the next speaker's turn shows its ✎ there (it showed none when its ★ line ended a turn)
        above = idx - 1
        while above >= 0 and lay.kind[above] in (BLANK, HEADER):
            above -= 1
        prev = lay.start[above] if above >= 0 else None
        return self._text_line(lay.start[idx], lay.end[idx], width, prev)

    def _header_line(self, ti: int, width: int) -> Strip:
        assert self.doc is not None
        segs = header_segments(self.doc.turns[ti], width, self._style)
        return Strip(segs).adjust_cell_length(width, self._style("base"))

    def _text_line(self, a: int, b: int, width: int, prev: int | None = None) -> Strip:
        cursor = ((self._unit_starts[self._cursor], self._unit_ends[self._cursor]) if self._unit_starts
                  else (-1, -1))
        d = LineInput(self._text, self._marks, self._bounds, self._active, self._sel, cursor,
                      self._sugg, self._sugg_starts, self._colours, self._order)
        return Strip(text_segments(d, a, b, self._style, prev)).adjust_cell_length(width, self._style("base"))

    # ---------------------------------------------------------------- moving
    def _select(self, cursor: int, sel: tuple[int, int], follow: tuple[int, int] | None = None,
                center: bool = False) -> None:
        """Move the cursor/selection, scroll ``follow`` into view, repaint the lines involved."""
        old = self._selection_spans()
        self._cursor, self._sel = cursor, sel
        if follow is not None:
            self._ensure_visible(*follow, center=center)
        self._dirty_spans(old + self._selection_spans())
        self._post_selection()

    def _post_selection(self) -> None:
        self.post_message(self.SelectionChanged(self, self._cursor, *self._sel))

    def _ensure_visible(self, start: int, end: int, center: bool = False) -> None:
        """Scroll the least needed so that [start, end) shows, with a margin; a passage taller
        than the view shows its first line; a turn's first sentence brings its header. With
        ``center`` (a jump, not a step) an off-screen target lands a third down the view."""
        lay = self._layout
        height = self.scrollable_content_region.height
        if lay is None or height <= 0:
            return
        new_top = L.scroll_for(lay, start, end, int(self.scroll_offset.y), height, center)
        if new_top is not None:
            self.scroll_to(y=new_top, animate=False, immediate=True)

    def move_to_unit(self, index: int, center: bool = False) -> None:
        if not self._unit_starts:
            return
        index = max(0, min(index, len(self._unit_starts) - 1))
        sel = (self._unit_starts[index], self._unit_ends[index])
        self._select(index, sel, sel, center=center)

    def select_span(self, start: int, end: int) -> None:
        """Put the cursor on the sentence at ``start`` and select exactly [start, end)."""
        if self.doc is None:
            return
        start = max(0, min(start, len(self._text)))
        end = max(start + 1, min(end, len(self._text)))
        self._select(self.unit_at(start), (start, end), (start, end), center=True)

    # ----------------------------------------------------------------- mouse
    def offset_at(self, x: int, y: int) -> int | None:
        """Text offset under content cell (x, y), or None off the text."""
        return L.offset_at(self._layout, self._text, self._wide, int(self.scroll_offset.y) + y, x)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        off = event.get_content_offset(self)
        if off is None or event.button != 1:
            return
        pos = self.offset_at(off.x, off.y)
        if pos is None:
            return
        self.focus()
        self._drag_anchor = pos
        self._dragged = False
        self.capture_mouse()
        i = self.unit_at(pos)
        self._select(i, (self._unit_starts[i], self._unit_ends[i]) if self._unit_starts else (0, 0))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_anchor is None:
            return
        off = event.get_content_offset(self)
        if off is None:
            return
        pos = self.offset_at(off.x, off.y)
        if pos is None or pos == self._drag_anchor:
            return
        self._dragged = True
        s, e = sorted((self._drag_anchor, pos))
        self._select(self._cursor, (s, max(e, s + 1)))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_anchor is not None:
            self._drag_anchor = None
            self.release_mouse()
