"""Text from a project never drives the terminal.

Names, memos and labels stored before the input checks existed (or brought in some way
nobody checked) may hold ESC or CSI: written raw, ``\\e]0;…`` retitles the terminal and
``\\e[2J`` blanks the screen on every repaint. Every line Textual sends to the terminal is
rendered by ``Strip.render``; the text of its segments (never the styles or the control
segments Textual makes itself) loses its control characters there — one place for every
widget. Rich already gives them no width, so the layout does not move. The bidirectional
overrides go too (a transcript's U+202E showed the rest of its line reversed).
"""
from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

import re

from sto_qual.domain.controls import BIDI_RX, CONTROL_RX

_HIDDEN = re.compile(f"{CONTROL_RX.pattern}|{BIDI_RX.pattern}")

_original_render = Strip.render


def _render(self: Strip, console) -> str:
    if self._render_cache is None:
        segments = self._segments
        if any(control is None and _HIDDEN.search(text) for text, _style, control in segments):
            self._segments = [Segment(_HIDDEN.sub("", text), style, None) if control is None
                              else Segment(text, style, control) for text, style, control in segments]
    return _original_render(self, console)


def install() -> None:
    """Idempotent: put the filter in front of Strip.render (textual is pinned exactly)."""
    if Strip.render is not _render:
        Strip.render = _render  # type: ignore[method-assign]
