"""Suggestions before any coding: the codebook matched against the interview.

In a semi-structured interview the interviewer's question steers the theme of the answers
that follow. What each code is (label, definition, "use when", keywords) makes a profile of
content lemmas; a theme's profile also holds its sub-codes'. A unit's evidence for a theme
is the tf-idf cosine of the interviewer's last question with the theme's profile plus the
cosine of the unit itself (a follow-up question of a word or two with no theme of its own
carries the question before it). The theme with the most evidence is proposed when that
evidence clears the *noise level*: the similarity a codebook sentence reaches with a theme
it does not belong to only one time in twenty. Among the theme's sub-codes the one most
like the unit and its question is proposed when it clears its own noise level (measured the
same way among siblings), else the theme itself; the sub-codes' profiles also hold their
examples (the themes' do not: the examples' everyday words blur the themes). No threshold
is chosen on codings. The idf weights come from the codebook and the project's units
(their words only, never their codings).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from sto_qual.domain.codebook import is_below, is_within
from sto_qual.domain.keywords import parse_keyword
from sto_qual.nlp.features import UnitInput, content_lemmas, function_lemmas, lemmas_of, sentences_of_text

# a question of at most this many content words of its own may be a follow-up ("Wat merken jullie
# daarvan?", "Kunt u een voorbeeld geven?"); one of two ("Heeft u nog behoefte aan kennisdeling?")
# asks about a topic of its own, even one no theme has words for: its answer was suggested under the
# question before it, with that question's words as the reason ("vraag over financieringsonzekerheid")
FOLLOW_UP_WORDS = 1
# words that ask for more of the same, not about a topic (lemmas as the lookup tables give them:
# "merken" is "merk"); "daarvan", "hierover" point back as well
ASKING_WORDS = frozenset({"voorbeeld", "geven", "noemen", "vertellen", "bedoelen", "uitleggen", "zeggen", "toelichten",
                          "merk", "merken", "betekenen", "gebeuren", "zien"})
NOISE_PERCENTILE = 95   # a chance resemblance: what a sentence reaches with a wrong theme 1 time in 20
SHOWN_WORDS = 3         # words named in a reason
MIN_SHARE = 0.15        # ... each making at least this share of the similarity


@dataclass(frozen=True)
class CodeTexts:
    """What the codebook says of one code: its path, its sentences (label, definition,
    "use when"), its keywords and its examples."""
    path: str
    sentences: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodebookMatch:
    """The code the codebook points at for one unit, and why."""
    code: str
    theme: str
    evidence: float                 # question + unit similarity to the theme
    question_words: tuple[str, ...]  # the question's lemmas shared with the theme ("" when not asked)
    unit_words: tuple[str, ...]      # the unit's lemmas shared with the proposed code


def _identity(x):
    return x


def _percentile(values: Sequence[float], fallback: float) -> float:
    return float(np.percentile(values, NOISE_PERCENTILE)) if len(values) else fallback


def _evidence(lemmas: Sequence[str]) -> list[str]:
    """A unit's or question's content lemmas that can be evidence: no function word, nor the lemma the lookup
    tables give one ("Hoe …?" read as "hoeven" was a reason 252 times on the demo)."""
    stop = function_lemmas()
    return [x for x in content_lemmas(lemmas) if x not in stop]


class CodebookMatcher:
    """Built from the codebook's texts and the project's units (for the idf weights)."""

    def __init__(self, codes: Sequence[CodeTexts], background: Sequence[UnitInput]) -> None:
        self.paths = [c.path for c in codes]
        own: dict[str, list[str]] = {}       # what the code is: label, definition, use when, keywords
        spoken: dict[str, list[str]] = {}    # ... and how it sounds: its examples
        sents: dict[str, list[list[str]]] = {}
        for c in codes:
            own[c.path], spoken[c.path], sents[c.path] = [], [], []
            for text, into in [*((t, own) for t in c.sentences), *((t, spoken) for t in c.examples)]:
                for s in sentences_of_text(text) if text and text.strip() else ():
                    lem = content_lemmas(lemmas_of(s)[0])
                    if lem:
                        into[c.path] += lem
                        sents[c.path].append(lem)
            for k in c.keywords:
                rule = parse_keyword(k)
                for part in rule.parts if rule else ():
                    own[c.path] += content_lemmas(lemmas_of(part)[0])
        self.themes = sorted({p.split("/")[0] for p in self.paths})
        self.children = {t: [p for p in self.paths if is_below(p, t) and p.count("/") == 1]
                         for t in self.themes}
        self.profile = {t: [w for p in self.paths if is_within(p, t) for w in own.get(p, [])]
                        for t in self.themes}
        # a theme is told by what its codes are (examples' everyday words blur the themes:
        # on the bench, theme F1 0.60 with them, 0.62 without); the choice among siblings hears them too
        self.profile.update({p: own[p] + spoken[p] for p in self.paths if "/" in p})
        self.vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
        self.vec.fit([*self.profile.values(), *(_evidence(u.lemmas) for u in background)])
        self.words = self.vec.get_feature_names_out()
        self.theme_matrix = self.vec.transform([self.profile[t] for t in self.themes])
        self.code_vectors = {p: self.vec.transform([self.profile[p]]) for p in self.paths if "/" in p}
        self.code_vectors.update({t: self.theme_matrix[j] for j, t in enumerate(self.themes)})
        self.child_matrix = {t: self.vec.transform([self.profile[p] for p in kids])
                             for t, kids in self.children.items() if kids}
        self.noise, self.sub_noise = self._noise_levels(sents)

    def _noise_levels(self, sents: dict[str, list[list[str]]]) -> tuple[float, float]:
        """Each codebook sentence against the profile of every theme it does not belong to
        (so it is never compared with itself); the noise level is the NOISE_PERCENTILE of
        those similarities. The same among sibling sub-codes."""
        # one transform and one product per theme for all sentences (row by row gave the same
        # numbers at many times the cost: the codebook bench builds a matcher per fold)
        rows = [(path, lem) for path, lists in sents.items() for lem in lists]
        wrong: list[float] = []
        wrong_sub: list[float] = []
        if rows:
            x = self.vec.transform([lem for _path, lem in rows])
            to_themes = (x @ self.theme_matrix.T).toarray()
            to_kids = {t: (x @ m.T).toarray() for t, m in self.child_matrix.items()}
            for i, (path, _lem) in enumerate(rows):
                theme = path.split("/")[0]
                wrong += [float(to_themes[i, j]) for j, t in enumerate(self.themes) if t != theme]
                if "/" in path and theme in to_kids:
                    wrong_sub += [float(to_kids[theme][i, k]) for k, sib in enumerate(self.children[theme])
                                  if sib != path]
        noise = _percentile(wrong, 0.1)
        return noise, _percentile(wrong_sub, noise)

    def _shared(self, row, code: str) -> tuple[str, ...]:
        """The words that make most of a similarity (each one's share of the cosine), so a
        reason names "docent, vacature" rather than an everyday word the example happened to use."""
        part = row.multiply(self.code_vectors[code]).tocoo()
        total = float(part.sum())
        if total <= 0:
            return ()
        ranked = sorted(zip(part.data, part.col), key=lambda x: (-x[0], self.words[x[1]]))
        return tuple(str(self.words[c]) for v, c in ranked[:SHOWN_WORDS] if v >= MIN_SHARE * total)

    def match(self, inputs: Sequence[UnitInput]) -> list[CodebookMatch | None]:
        """For each unit: the code the codebook points at, or None."""
        if not inputs or not self.themes:
            return [None] * len(inputs)
        units = [_evidence(u.lemmas) for u in inputs]
        q1 = [_evidence(u.question) for u in inputs]
        q2 = [_evidence(u.question2) for u in inputs]
        tm = self.theme_matrix.T
        x_unit, x_q1, x_q2 = (self.vec.transform(x) for x in (units, q1, q2))
        s_unit, s_q1, s_q2 = ((x @ tm).toarray() for x in (x_unit, x_q1, x_q2))
        out: list[CodebookMatch | None] = []
        for i in range(len(inputs)):
            # a short follow-up with no theme of its own ("Wat zou helpen?") continues the topic
            own = [w for w in q1[i] if w not in ASKING_WORDS and not w.startswith(("daar", "hier"))]
            follow_up = len(own) <= FOLLOW_UP_WORDS and s_q1[i].max() <= self.noise
            question, s_q, x_q = (q2[i], s_q2[i], x_q2[i]) if follow_up else (q1[i], s_q1[i], x_q1[i])
            evidence = s_q + s_unit[i]
            k = int(evidence.argmax())
            if not units[i] or evidence[k] <= self.noise:
                out.append(None)
                continue
            theme = self.themes[k]
            code = self._sub_code(theme, units[i] + question)
            out.append(CodebookMatch(
                code=code, theme=theme, evidence=round(float(evidence[k]), 4),
                question_words=self._shared(x_q, theme) if s_q[k] >= s_unit[i, k] / 2 else (),
                unit_words=self._shared(x_unit[i], code)))
        return out

    def _sub_code(self, theme: str, lemmas: Sequence[str]) -> str:
        kids = self.children.get(theme)
        if not kids:
            return theme
        s = (self.vec.transform([lemmas]) @ self.child_matrix[theme].T).toarray()[0]
        j = int(s.argmax())
        return kids[j] if s[j] > self.sub_noise else theme
