"""The transcript's keys that move the cursor and reshape the selection: by sentence, turn
and page, and the selection's ends by sentence, word or character. Mixed into
TranscriptView (which holds the units, the selection and ``_select``); no Textual here."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from sto_qual.domain.roles import INTERVIEWER
from sto_qual.tui.widgets.transcript import layout as L
from sto_qual.tui.widgets.transcript.layout import WORD


class SelectionKeys:
    def _set_sel(self, start: int, end: int, follow: int) -> None:
        if end <= start:
            return
        self._select(self._cursor, (start, end), (follow, follow + 1))

    def action_next_unit(self) -> None:
        if not self._unit_ends:
            return
        _, e = self._sel
        if e > self._unit_ends[self._cursor]:  # past an extended selection
            self.move_to_unit(bisect_left(self._unit_starts, e))
        else:
            self.move_to_unit(self._cursor + 1)

    def action_prev_unit(self) -> None:
        if not self._unit_starts:
            return
        s, _ = self._sel
        if s < self._unit_starts[self._cursor]:  # before an extended selection
            self.move_to_unit(self.unit_at(s) - 1)
        else:
            self.move_to_unit(self._cursor - 1)

    def action_next_turn(self) -> None:
        """The next turn after the selection (as ``j`` goes past an extended one: ``]`` from its
        cursor landed inside the selection, and a coder coded the question after it)."""
        if self._unit_turns:
            _, e = self._sel
            last = max(self._cursor, self.unit_at(e - 1)) if e > self._unit_ends[self._cursor] else self._cursor
            self.move_to_unit(L.next_turn_unit(self._unit_turns, last), center=True)  # a jump: room below it

    def action_next_answer(self) -> None:
        """The next turn that is no interviewer's: ``]`` twice, counted, skipped the question, and a
        miscount coded it."""
        if not self._unit_turns:
            return
        _, e = self._sel
        i = max(self._cursor, self.unit_at(e - 1)) if e > self._unit_ends[self._cursor] else self._cursor
        turns = self.doc.turns if self.doc else []
        while True:
            nxt = L.next_turn_unit(self._unit_turns, i)
            if nxt == i:
                break
            i = nxt
            turn = self._unit_turns[i]
            if turn >= len(turns) or (turns[turn].role or "").lower() != INTERVIEWER:
                break
        # a jump: the answer lands a third down, its turn below it in view (it landed on the last lines, and
        # `t` then selected a turn mostly below the edge)
        self.move_to_unit(i, center=True)

    def action_prev_turn(self) -> None:
        if not self._unit_turns:
            return
        s, _ = self._sel
        first = min(self._cursor, self.unit_at(s)) if s < self._unit_starts[self._cursor] else self._cursor
        if (i := L.prev_turn_unit(self._unit_turns, first)) is not None:
            self.move_to_unit(i, center=True)

    def action_page_down(self) -> None:
        self._page(+1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        lay = self._layout
        if lay is None or not self._unit_starts:
            return
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_offset.y)
        new_top = max(0, min(top + direction * (height - 1), max(self.line_count - height, 0)))
        self.scroll_to(y=new_top, animate=False, immediate=True)
        i = L.first_unit_from(lay, self._unit_starts, new_top)
        if direction > 0 and new_top == top:
            i = len(self._unit_starts) - 1
        self._select(i, (self._unit_starts[i], self._unit_ends[i]))

    def action_first(self) -> None:
        self.move_to_unit(0)

    def action_last(self) -> None:
        self.move_to_unit(len(self._unit_starts) - 1)

    def action_extend_down(self) -> None:
        s, e = self._sel
        # grown upward from the cursor's sentence: shift+down takes back its first sentence, as an
        # editor shrinks a selection toward where it began (it grew at the bottom instead)
        if self._grown()[1]:
            start = min(self._unit_starts[bisect_right(self._unit_starts, s)], self._unit_starts[self._cursor])
            self._set_sel(start, e, start)
            return
        i = bisect_right(self._unit_ends, e)
        if i < len(self._unit_ends):
            # the sentence after the new end shows too: where the passage should end is read ahead
            # (the selection sat on the view's last lines, the next words below the edge)
            ahead = self._unit_ends[i + 1] if i + 1 < len(self._unit_ends) else self._unit_ends[i]
            self._select(self._cursor, (s, self._unit_ends[i]), (self._unit_ends[i] - 1, ahead))

    def action_extend_up(self) -> None:
        s, e = self._sel
        # grown downward from the cursor's sentence: shift+up takes back its last sentence (from
        # sentences 13-15 it gave 12-15, and no key made a selection smaller by a sentence)
        if self._grown()[0]:
            end = max(self._unit_ends[bisect_left(self._unit_ends, e) - 1], self._unit_ends[self._cursor])
            self._set_sel(s, end, end - 1)
            return
        i = bisect_left(self._unit_starts, s) - 1
        if i >= 0:
            self._set_sel(self._unit_starts[i], e, self._unit_starts[i])

    def action_end_right(self) -> None:
        s, e = self._sel
        self._set_sel(s, min(e + 1, len(self._text)), e)

    def action_end_left(self) -> None:
        s, e = self._sel
        self._set_sel(s, max(e - 1, s + 1), max(e - 2, s))

    def action_end_word_right(self) -> None:
        s, e = self._sel
        m = WORD.search(self._text, e)
        if m:
            self._set_sel(s, m.end(), m.end() - 1)

    def action_end_word_left(self) -> None:
        """The selection ends a word earlier: at the end of the last word before its last one (the
        scan stopped a character short, cutting that word, so the end moved a character a press)."""
        s, e = self._sel
        ends = [m.end() for m in WORD.finditer(self._text, max(s, e - 400), e)]
        ends = [x for x in ends if s < x < e and WORD.search(self._text, x, e)]
        if ends:
            self._set_sel(s, ends[-1], ends[-1] - 1)

    def action_start_right(self) -> None:
        s, e = self._sel
        self._set_sel(min(s + 1, e - 1), e, s + 1)

    def action_start_left(self) -> None:
        s, e = self._sel
        self._set_sel(max(s - 1, 0), e, max(s - 1, 0))

    def action_start_word_right(self) -> None:
        """The selection starts at the next word (a passage that starts mid-sentence)."""
        s, e = self._sel
        starts = [x.start() for x in WORD.finditer(self._text, s, e) if x.start() > s]
        if starts:
            self._set_sel(starts[0], e, starts[0])

    def action_start_word_left(self) -> None:
        s, e = self._sel
        starts = [m.start() for m in WORD.finditer(self._text, max(0, s - 400), s)]
        if starts:
            self._set_sel(starts[-1], e, starts[-1])

    def _turn_span(self) -> tuple[int, int] | None:
        """The cursor's whole turn, as ``t`` selects it."""
        if not self.doc or not self.doc.turns or not self.doc.units:
            return None
        turn = self._unit_turns[self._cursor]
        t = self.doc.turns[turn]
        units = [u for u in self.doc.units if u.turn == turn]
        return min([t.start] + [u.start for u in units]), max([u.end for u in units] or [t.end])

    def action_select_turn(self) -> None:
        span = self._turn_span()
        if span is not None and span[1] > span[0]:  # the whole turn in view when it fits (its first line else)
            self._select(self._cursor, span, span)

    def action_collapse(self) -> None:
        """Back to one sentence: the one the selection grew to, as an editor keeps the caret where
        shift moved it (on the first sentence of sentences 13-15 grown down, j went into the
        passage just coded instead of past it); a whole turn (``t``) to its last sentence (from its
        last, Esc went back to its first, and j after coding it went into it); one grown both ways
        otherwise keeps the cursor's."""
        s, e = self._sel
        down, up = self._grown()
        one = (s, e) == (self._unit_starts[self._cursor], self._unit_ends[self._cursor])
        if one and self.app._notifications:  # one sentence already: Esc puts away the messages shown
            self.app.clear_notifications()  # (a long warning covered the transcript's last lines for 30 s)
            return
        if (s, e) == self._turn_span() and (down or up):
            self.move_to_unit(self.unit_at(e - 1))
            return
        self.move_to_unit(self._cursor if down == up else self.unit_at(e - 1) if down else self.unit_at(s))

    def _grown(self) -> tuple[bool, bool]:
        """Whether the selection reaches past the cursor's sentence (down, up): which way it grew."""
        if not self._unit_starts:
            return False, False
        s, e = self._sel
        return e > self._unit_ends[self._cursor], s < self._unit_starts[self._cursor]
