"""Text from a project written into Markdown, so it stays text.

Transcripts, memos and labels are other people's words: a line ``# Kop`` must not become a
heading, ``<img src=x onerror=...>`` must not become HTML and a quote of several turns must
stay inside its ``>`` blockquote. HTML's ``< >`` become entities, and ``&`` where it would
start one ("&amp;", "&#38;"; "M&T" stays as written, as a writer pastes it); Markdown's inline marks
and, at the start of a line, block marks are escaped with a backslash (CommonMark lets any
ASCII punctuation be escaped). Control characters are dropped.
"""
from __future__ import annotations

import re

from sto_qual.domain.controls import strip_controls

_HTML = {ord("<"): "&lt;", ord(">"): "&gt;"}
_INLINE = {ord(c): "\\" + c for c in "\\`*_[]|~"}
_TABLE = {**_HTML, **_INLINE}
_BLOCK_START = re.compile(r"^([#+=-]|\d+(?=[.)]))")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # an "&" a renderer reads as the start of an entity


def _escaped(text: str) -> str:
    return _ENTITY.sub("&amp;", text).translate(_TABLE)


def md_inline(text: str | None) -> str:
    """One line of Markdown text: HTML and inline marks escaped, line breaks as spaces."""
    if not text:
        return ""
    return " ".join(_escaped(strip_controls(str(text))).split("\n"))


def _line(line: str) -> str:
    line = _escaped(strip_controls(line).strip())
    m = _BLOCK_START.match(line)
    if m:  # "# Kop", "- item", "1. item", "===": literal text, not a block
        line = line[:m.end(1)] + "\\" + line[m.end(1):] if m.group(1)[0].isdigit() else "\\" + line
    return line


def md_blockquote(text: str | None, *, opening: str = "", closing: str = "") -> list[str]:
    """Every line of ``text`` inside a ``>`` blockquote (blank lines as ``>``), with
    ``opening``/``closing`` (e.g. quotation marks) around the whole."""
    lines = [_line(x) for x in str(text or "").split("\n")]
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    lines[0] = opening + lines[0]
    lines[-1] = lines[-1] + closing
    return [f"> {x}" if x else ">" for x in lines]
