"""Turns that hold more than one speaker's words: a transcript written on one long line
("Interviewer: Vertel maar. Bart: … Interviewer: …") is read as one turn of the first speaker,
tens of thousands of words quoted and counted as the interviewer's. Said in a warning, the
import kept: the file is what it is, and only its author can put each turn on its own line."""
from __future__ import annotations

import re
from collections.abc import Sequence

from sto_qual.domain.model import TurnSpec
from sto_qual.domain.text import count_words

# more words than anyone says in one turn of an interview (an hour of talk is some 9,000 words)
LONG_TURN_WORDS = 10_000
_AFTER = "each turn needs its own line, opened by its speaker ('Bart: …'): put a line break before each label, " \
         "take this one out with delete-doc and import the file again"


def run_on_turns(text: str, turns: Sequence[TurnSpec], source: str | None = None) -> list[str]:
    """At most one warning: the first line (of ``source``, the file as read, when its words are
    found there) whose turn holds further labels of this document's speakers after a sentence's
    end ("… draait. Interviewer: En verder?"), else the first turn of over ``LONG_TURN_WORDS``
    words. A document without speakers is one turn, said already."""
    speakers = sorted({t.speaker for t in turns if t.speaker}, key=len, reverse=True)
    if not speakers:
        return []
    inner = re.compile(r"(?<=[.!?…\"”’)\]])[ \t]+(" + "|".join(map(re.escape, speakers)) + r")[ \t]*:[ \t]")
    for t in turns:
        found = list(inner.finditer(text, t.start, t.end))
        if found:
            labels = ", ".join(f"‘{label}:’" for label in dict.fromkeys(m.group(1) for m in found[:50]))
            where = _where(text, found[0].start(), source)
            return [f"{where} holds {len(found):,} more speaker label{'s' if len(found) > 1 else ''} ({labels}) "
                    f"inside one turn of {t.speaker}, {count_words(text[t.start:t.end]):,} words read as "
                    f"{t.speaker}'s: {_AFTER}"]
    for t in turns:
        words = count_words(text[t.start:t.end])
        if words > LONG_TURN_WORDS:
            return [f"{_where(text, t.start, source)} is one turn of {words:,} words by {t.speaker or 'no speaker'}, "
                    f"more than anyone says at once: are several turns on one line? {_AFTER}"]
    return []


def _where(text: str, pos: int, source: str | None) -> str:
    """"line 12" of the file, found by the words of the line ``pos`` is on; else that line's opening words."""
    start = text.rfind("\n", 0, pos) + 1
    opening = text[start:start + 40]
    at = -1
    if source is not None and opening.strip():  # its own line: the k-th line opening so (a question asked twice)
        for _ in range(text.count(opening, 0, start) + 1):
            at = source.find(opening, at + 1)
    if source is not None and at >= 0:
        line = source.count("\n", 0, at) + 1
        return f"line {line}"
    return f"the paragraph starting ‘{' '.join(opening.split())}…’"
