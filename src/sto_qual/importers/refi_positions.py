"""Text edits that keep positions: a REFI-QDA selection counts characters of the source as
the exporter stored it; these rewrite the text as every sto_qual import does (normalise, move
speaker labels into turns) and record each edit, so that ``carry`` moves a position through
them (see ``importers.refi``)."""
from __future__ import annotations

import bisect
import re
import unicodedata

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import TurnSpec
from sto_qual.domain.text import INVISIBLE, normalise
from sto_qual.importers.speakers import split_turns


class _Step:
    """One rewrite of a text: non-overlapping edits (start, end, replacement length) in the
    input's coordinates, so that input positions can be carried to output positions."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.new_starts: list[int] = []
        self.new_lens: list[int] = []

    def map(self, p: int, end: bool) -> int:
        i = bisect.bisect_right(self.starts, p) - 1
        if i < 0:
            return p
        s, e, ns, nl = self.starts[i], self.ends[i], self.new_starts[i], self.new_lens[i]
        if p >= e:
            return ns + nl + (p - e)
        if p == s:
            return ns
        return ns if end else ns + nl  # strictly inside rewritten text


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, _Step]:
    step = _Step()
    out: list[str] = []
    pos = 0
    delta = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        out.append(rep)
        step.starts.append(s)
        step.ends.append(e)
        step.new_starts.append(s + delta)
        step.new_lens.append(len(rep))
        delta += len(rep) - (e - s)
        pos = e
    out.append(text[pos:])
    return "".join(out), step


def _regex_step(text: str, pattern: re.Pattern[str], repl: str) -> tuple[str, _Step]:
    edits = [(m.start(), m.end(), repl) for m in pattern.finditer(text) if m.group() != repl]
    return _apply(text, edits)


def _nfc_step(text: str, name: str) -> tuple[str, _Step]:
    if unicodedata.is_normalized("NFC", text):
        return text, _Step()
    starters = [i for i, ch in enumerate(text) if unicodedata.combining(ch) == 0]
    bounds = ([0] if not starters or starters[0] != 0 else []) + starters + [len(text)]
    edits = []
    for a, b in zip(bounds, bounds[1:]):
        chunk = text[a:b]
        if not chunk.isascii():
            nfc = unicodedata.normalize("NFC", chunk)
            if nfc != chunk:
                edits.append((a, b, nfc))
    out, step = _apply(text, edits)
    if out != unicodedata.normalize("NFC", text):
        raise ImportRefused("a source uses character sequences whose positions cannot be kept while "
                            "normalising", file=name, hint="save the source as NFC-normalised UTF-8")
    return out, step


_BOMS = re.compile(f"[{INVISIBLE}]+")  # a BOM and the other characters shown as nothing
_CR = re.compile(r"\r\n?")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")
_LEADING_NL = re.compile(r"\A\n+")
_TRAILING_NL = re.compile(r"\n+\Z")


def normalise_tracked(raw: str, name: str) -> tuple[str, list[_Step]]:
    """``domain.text.normalise`` with every edit recorded (see the module docstring)."""
    steps = []
    text = raw
    for rx, rep in ((_BOMS, ""), (_CR, "\n")):
        text, st = _regex_step(text, rx, rep)
        steps.append(st)
    text, st = _nfc_step(text, name)
    steps.append(st)
    for rx, rep in ((_TRAILING, ""), (_BLANKS, "\n\n"), (_LEADING_NL, ""), (_TRAILING_NL, "")):
        text, st = _regex_step(text, rx, rep)
        steps.append(st)
    if text != normalise(raw):  # pragma: no cover - the two must agree, or offsets would drift
        raise ImportRefused("internal: tracked normalisation differs from normalise()", file=name)
    return text, steps


def turns_tracked(text: str) -> tuple[str, tuple[TurnSpec, ...], _Step | None]:
    """Move speaker labels out of the text into turns, recording the edit; when the turn
    bodies cannot be located in the text, keep it whole as one turn."""
    out, turns, _ = split_turns(text)
    if out == text:
        return text, turns, None
    edits: list[tuple[int, int, str]] = []
    cursor = 0
    prev_out = 0
    for t in turns:
        body = out[t.start:t.end]
        j = _find_body(text, body, cursor)
        if j < 0:
            return text, ((TurnSpec(0, len(text), None),) if text else ()), None
        if j > cursor or out[prev_out:t.start]:
            edits.append((cursor, j, out[prev_out:t.start]))
        cursor = j + len(body)
        prev_out = t.end
    if cursor < len(text):
        edits.append((cursor, len(text), ""))
    edits = [e for e in edits if e[1] > e[0]]
    mapped, step = _apply(text, edits)
    if mapped != out:
        return text, ((TurnSpec(0, len(text), None),) if text else ()), None
    return out, turns, step


def _find_body(text: str, body: str, cursor: int) -> int:
    """Where a turn's body starts in the labelled text: after a label (or a line start) and
    ending at a line end, so that a body is never found inside the speaker label itself."""
    j = text.find(body, cursor)
    while j >= 0:
        end = j + len(body)
        if (end == len(text) or text[end] == "\n") and (j == 0 or text[j - 1] in "\n \t:]"):
            return j
        j = text.find(body, j + 1)
    return -1


def carry(steps: list[_Step], start: int, end: int) -> tuple[int, int]:
    for st in steps:
        start, end = st.map(start, end=False), st.map(end, end=True)
    return start, end
