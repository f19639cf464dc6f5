"""Keyword rules: explainable suggestions from the codebook's ``keywords``.

A keyword part matches a unit when its lemmas occur in a row among the unit's lemmas,
or its lower-cased words among the unit's words (so "scholen" finds "school" and an
exact phrase finds itself). ``a + b`` needs every part in the same sentence;
``a @ code`` needs the interviewer's last question to be about that code (to match one
of the keywords of the code or of its sub-codes). The reason names the words found. A word
written with diacritics that is its own lemma but for them ("één", "coördinator") is matched as
written, as `search` matches it: the lemma of "één" is "een", and the keyword "één" suggested
every sentence with an article. A diminutive ("eilandje") is matched as a diminutive: its lemma is
the plain word ("eiland"), which means something else.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sto_qual.domain.codebook import ancestors as _ancestors
from sto_qual.domain.keywords import KeywordRule, parse_keyword
from sto_qual.domain.text import fold, holds_as_written
from sto_qual.nlp.features import UnitInput, lemmas_of
from sto_qual.nlp.pipeline import kept_as_written


ASKED = " (vraag over "  # a reason's mark of a keyword that counts after a question about a code


def words_found(reason: str) -> int:
    """How many words of the sentence a keyword reason names ("ieder voor zich" 3, "eiland + techniek" 2,
    "ja" 1), its question mark left out."""
    return len([w for w in reason.split(ASKED)[0].split() if w != "+"])


@dataclass(frozen=True)
class _Part:
    lemmas: tuple[str, ...]
    words: tuple[str, ...]
    written: tuple[str, ...] = ()  # its words matched only as written ("één"), each a word that begins so
    small: tuple[str, ...] = ()    # its diminutives ("eilandje"), each matched by a word that begins so


def _find(seq: Sequence[str], pat: Sequence[str]) -> int:
    n = len(pat)
    if not n:
        return -1
    for i in range(len(seq) - n + 1):
        if seq[i] == pat[0] and tuple(seq[i:i + n]) == tuple(pat):
            return i
    return -1


def is_diminutive(word: str, lemma: str) -> bool:
    """A diminutive whose lemma is the plain word ("eilandje" -> "eiland", "huisje" -> "huis"): a
    keyword written so means the small thing ("het zijn nog eilandjes": each school on its own),
    and matched by its lemma it found every "eiland" of the island region."""
    w = word.lower()
    return w != lemma and w.rstrip("s").endswith("je") and w.startswith(lemma[:max(3, len(lemma) - 2)])


class KeywordRules:
    """The compiled keywords of a set of codes: ``codes`` is (code id, path, keywords)."""

    def __init__(self, codes: Sequence[tuple[int, str, Sequence[str]]]) -> None:
        self.rules: list[tuple[int, KeywordRule, list[_Part]]] = []
        self._parts: dict[str, _Part] = {}
        self._subtree: dict[str, list[_Part]] = {}
        self._by_token: dict[str, set[int]] = {}  # a first part's first lemma or word -> rules
        for code_id, path, keywords in codes:
            for k in keywords:
                rule = parse_keyword(k)
                if rule is None:
                    continue
                parts = [self._part(p) for p in rule.parts]
                self.rules.append((code_id, rule, parts))
                if parts:  # a rule can only match a unit holding its first part's first token
                    for token in (parts[0].lemmas[:1] + parts[0].words[:1]):
                        self._by_token.setdefault(token, set()).add(len(self.rules) - 1)
                # a code's own keywords (not their contexts) tell when a question is about it
                for anc in _ancestors(path):
                    self._subtree.setdefault(anc, []).extend(parts)

    def _part(self, phrase: str) -> _Part:
        if phrase not in self._parts:
            lemmas, words = lemmas_of(phrase)
            written = tuple(w for w in words if kept_as_written(w))  # as `search --lemma` reads it
            small = tuple(fold(w) for w, lem in zip(words, lemmas) if is_diminutive(w, lem))
            self._parts[phrase] = _Part(lemmas, tuple(fold(w) for w in words), written, small)
        return self._parts[phrase]

    @staticmethod
    def _hit(u: UnitInput, folded: tuple[str, ...], part: _Part,
             present: frozenset[str] | None = None) -> str | None:
        """The words of ``u`` the part matches, or None. ``present``: the unit's lemmas and folded
        words as a set, so a part whose first token is absent is passed over at once."""
        if present is not None and (not part.lemmas or part.lemmas[0] not in present) \
                and (not part.words or part.words[0] not in present):
            return None
        i = _find(u.lemmas, part.lemmas)
        n = len(part.lemmas)
        if i < 0:
            i, n = _find(folded, part.words), len(part.words)
            if i < 0:
                return None
        found = " ".join(u.words[i:i + n])
        if part.written and not all(holds_as_written(found, w, prefix=True) for w in part.written):
            return None
        if part.small and not all(any(fold(t).startswith(w) for t in found.lower().split()) for w in part.small):
            return None
        return found

    def asked_about(self, u: UnitInput, path: str) -> bool:
        q = UnitInput(lemmas=u.question, words=u.question_words)
        folded = tuple(fold(w) for w in q.words)
        present = frozenset(q.lemmas).union(folded)
        return any(self._hit(q, folded, p, present) for p in self._subtree.get(path, ()))

    def match(self, u: UnitInput) -> dict[int, list[str]]:
        """code id -> the reasons (the words found, per keyword) for one unit."""
        folded = tuple(fold(w) for w in u.words)
        present = frozenset(u.lemmas).union(folded)
        found: dict[int, list[str]] = {}
        maybe: set[int] = set()
        for token in present:
            maybe.update(self._by_token.get(token, ()))
        for r in sorted(maybe):  # in the codebook's order, as the reasons are listed
            code_id, rule, parts = self.rules[r]
            hits = []
            for p in parts:
                h = self._hit(u, folded, p, present)
                if h is None:
                    break
                hits.append(h)
            else:
                if rule.context and not self.asked_about(u, rule.context):
                    continue
                said = " + ".join(hits) + (f"{ASKED}{rule.context})" if rule.context else "")
                if said not in found.setdefault(code_id, []):
                    found[code_id].append(said)
        return found


