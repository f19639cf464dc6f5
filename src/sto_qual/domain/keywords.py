"""The keyword syntax of a codebook entry, parsed once for the rules and the codebook check.

    docententekort              one word or phrase (written as lemmas or as words)
    eiland + techniek           every part in the same sentence, in any order
    eiland @ collectief-optrekken
                                only where the interviewer's last question was about that
                                code (matched one of its or its sub-codes' keywords)
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
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


EMPTY_PART_HINT = 'write "eiland + techniek" (both words) or "eiland @ code"'
NO_LETTER_HINT = "a keyword is a word or a phrase; signs such as * are not read"


def keyword_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` can never match and what to write instead, or None: an empty part ("eiland +"),
    or a part with no letter or digit ("*", a quote mark, an emoji: accepted, they matched
    nothing, unsaid)."""
    rule = parse_keyword(text)
    if rule is None:
        return "has an empty part", EMPTY_PART_HINT
    if any(not any(ch.isalnum() for ch in part) for part in rule.parts):
        return "has a part with no letter or digit, so it can never match", NO_LETTER_HINT
    return None


# the words nearly every spoken sentence holds: a keyword of one of them (per part) suggests
# nearly everywhere ("de" made 12 of 19 suggestions); a phrase of them ("ieder voor zich",
# "hoe dan ook") is matched as a phrase and says something
COMMON_WORDS = frozenset("""de het een en van in is dat op te zijn ik we wij die er niet met voor aan ook
als maar om dan zo nog wel al bij of ze zij was waren heeft hebben had wordt worden naar uit dit door over
tot men geen meer kan moet""".split())


def common_keywords(keywords: Iterable[str]) -> list[str]:
    """The keywords each of whose parts is one of the COMMON_WORDS ("de", "het + is")."""
    out = []
    for k in keywords:
        rule = parse_keyword(k)
        if rule is not None and all(part in COMMON_WORDS for part in rule.parts):
            out.append(k)
    return out


def common_keywords_warning(path: str, keywords: Iterable[str]) -> str | None:
    """The warning for a code's common keywords, or None."""
    common = common_keywords(keywords)
    if not common:
        return None
    named = ", ".join(f"'{k}'" for k in common)
    if len(common) > 1:
        return (f"keywords {named} of '{path}' are words nearly every sentence holds, so they suggest this code "
                "nearly everywhere")
    return f"keyword {named} of '{path}' is a word nearly every sentence holds, so it suggests this code nearly everywhere"


def known_contexts(keywords: Iterable[str], paths: Collection[str], of: str | None = None) -> None:
    """Refuse a keyword ``a @ code`` whose code the codebook does not have: it can never match
    ("eiland @ nosuchcode" was taken and matched nothing, unsaid)."""
    from sto_qual.domain.errors import CodebookError
    from sto_qual.domain.names import did_you_mean
    for k in keywords:
        rule = parse_keyword(k)
        if rule is not None and rule.context and rule.context not in paths:
            near = did_you_mean(rule.context, ((p, p.rsplit("/", 1)[-1], None) for p in paths))
            raise CodebookError(f"keyword '{k}'{f' of {of!r}' if of else ''} needs a question about "
                                f"'{rule.context}', and the codebook has no such code", hint=near or
                                "write the code's whole path after @, e.g. \"eiland @ collectief-optrekken\"")
