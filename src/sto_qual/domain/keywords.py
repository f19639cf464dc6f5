"""The keyword syntax of a codebook entry, parsed once for the rules and the codebook check.

    docententekort              one word or phrase (written as lemmas or as words)
    eiland + techniek           every part in the same sentence, in any order
    eiland @ collectief-optrekken
                                only where the interviewer's last question was about that
                                code (matched one of its or its sub-codes' keywords)
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeywordRule:
    text: str                    # as written in the codebook
    parts: tuple[str, ...]       # lower-cased phrases that must all occur in the sentence
    context: str | None = None   # a code path the preceding question must be about

    @property
    def label(self) -> str:
        return " + ".join(self.parts)


def parse_keyword(text: str) -> KeywordRule | None:
    """``None`` for an empty keyword or one with an empty part (``"eiland +"``)."""
    body, _, context = text.partition("@")
    parts = tuple(" ".join(p.lower().split()) for p in body.split("+"))
    if not parts or any(not p for p in parts):
        return None
    ctx = context.strip().lower() or None
    if "@" in text and ctx is None:
        return None
    return KeywordRule(text=text.strip(), parts=parts, context=ctx)
