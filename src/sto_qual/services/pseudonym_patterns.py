"""Pseudonym patterns run by a linear-time engine (RE2), never by backtracking.

Python's ``re`` backtracks: ``(\\w+\\s?)+ College`` over a long sentence without "College"
takes longer than the universe has left, and an export would hang. RE2 matches in time
linear in the text whatever the pattern, so a pattern stored in a project (or added
before this check existed) can never stall an export, the quote list or the TUI. RE2 has
no backreferences and no lookaround; a pattern using them is refused with that reason
when it is added or imported, and an export refuses to run with one left in a project
(rather than write names it could not replace).

Patterns keep the Python meaning users expect: ``\\w``, ``\\d`` and ``\\s`` are Unicode
(``\\w`` matches "é"), matching ignores case, and ``\\b`` at the start or end of a pattern
is a Unicode word boundary (RE2's own is ASCII-only, so "\\bJosé\\b" would never match).
"""
from __future__ import annotations

import re

from sto_qual.domain.errors import StoQualError

_WORD = r"\p{L}\p{N}\p{Mn}_"
_SPACE = r"\s\p{Z}"
_IN_CLASS = {"w": _WORD, "d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE}
_OUTSIDE = {"w": f"[{_WORD}]", "W": f"[^{_WORD}]", "d": r"\p{Nd}", "D": r"\P{Nd}", "s": f"[{_SPACE}]",
            "S": f"[^{_SPACE}]", "Z": r"\z"}
_UNSUPPORTED = [
    (re.compile(r"\(\?<?[=!]"), "a lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…))"),
    (re.compile(r"\(\?P=|\\g<|\\[1-9]"), "a backreference (\\1, (?P=name))"),
    (re.compile(r"\(\?>"), "an atomic group ((?>…))"),
    (re.compile(r"\(\?\("), "a conditional ((?(1)…))"),
    (re.compile(r"(?<!\\)[*+?}][+]"), "a possessive quantifier (*+, ++)"),
]


class PatternRefused(StoQualError):
    """A pseudonym pattern the linear-time engine cannot run."""


def _translate(pattern: str) -> tuple[str, bool, bool]:
    """(RE2 pattern, word boundary at the start, word boundary at the end)."""
    lead = pattern.startswith("\\b")
    body = pattern[2:] if lead else pattern
    trail = body.endswith("\\b") and not body.endswith("\\\\b")
    if trail:
        body = body[:-2]
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e in "bB":
                raise PatternRefused(f"pattern '{pattern}': \\{e} is only supported at the start or end of a "
                                     "pattern", hint="e.g. \\b(Jan|Piet)\\b")
            if in_class and e in _IN_CLASS:
                out.append(_IN_CLASS[e])
            elif in_class and e in "WS":
                raise PatternRefused(f"pattern '{pattern}': \\{e} inside [...] is not supported",
                                     hint="write the characters to exclude as [^...] instead")
            elif not in_class and e in _OUTSIDE:
                out.append(_OUTSIDE[e])
            else:
                out.append(c + e)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            # a "]" or "^]" right after "[" is a literal
            if body.startswith("^", i):
                out.append("^")
                i += 1
            if body.startswith("]", i):
                out.append("\\]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "(?i)" + "".join(out), lead, trail


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _boundary(text: str, pos: int) -> bool:
    before = pos > 0 and _is_word(text[pos - 1])
    after = pos < len(text) and _is_word(text[pos])
    return before != after


class LinearPattern:
    """A compiled pseudonym pattern; ``replace(text, repl)`` puts ``repl`` literally."""

    def __init__(self, pattern: str) -> None:
        import re2
        for rx, what in _UNSUPPORTED:
            if rx.search(pattern):
                raise PatternRefused(f"pattern '{pattern}' uses {what}, which the linear-time pattern engine "
                                     "does not support", hint="rewrite it without, or list the names themselves")
        translated, self.lead, self.trail = _translate(pattern)
        options = re2.Options()
        options.log_errors = False  # RE2 would print to the terminal; the refusal says it once
        try:
            self._rx = re2.compile(translated, options)
        except re2.error as exc:
            detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
            raise PatternRefused(f"invalid pattern '{pattern}': {detail}") from None
        if self._rx.fullmatch("") is not None:
            raise PatternRefused(f"pattern '{pattern}' matches empty text", hint="it would replace nothing with "
                                 "something everywhere; make it match at least one character")

    def replace(self, text: str, repl: str) -> str:
        out: list[str] = []
        pos = 0
        for m in self._rx.finditer(text):
            s, e = m.span()
            if s == e or (self.lead and not _boundary(text, s)) or (self.trail and not _boundary(text, e)):
                continue
            out.append(text[pos:s])
            out.append(repl)
            pos = e
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)


def compile_pattern(pattern: str) -> LinearPattern:
    return LinearPattern(pattern)

