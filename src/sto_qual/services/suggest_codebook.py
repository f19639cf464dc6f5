"""Suggestions from the codebook alone, for a project without a calibrated model (fewer
than two coded interviews): the interviewer's question, the unit's own words and the
codebook's texts (``nlp.codebook_match``). One suggestion per unit, with no confidence
(nothing to calibrate it on) and reasons that say which question and which words point
at the code."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sto_qual.domain.model import Code

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.nlp.features import UnitInput


def codebook_matches(codes: Sequence[Code], inputs: Sequence[UnitInput],
                     background: Sequence[UnitInput]) -> list[CodebookMatch | None]:
    from sto_qual.nlp.codebook_match import CodebookMatcher, CodeTexts
    texts = [CodeTexts(c.path, (c.label or c.name, c.definition, c.when_to_use), c.keywords, c.examples)
             for c in codes]
    return CodebookMatcher(texts, _evidence(background)).match(_evidence(inputs))


@functools.lru_cache(maxsize=1)
def _function_lemmas() -> frozenset[str]:
    """The stop words and the lemmas the lookup tables give them: "hoe" is "hoeven", "minder"
    "minderen", "uit" "uiten" (13 of 31 codebook suggestions gave "hoeven" as a reason, from
    "Hoe …?" questions); none of them tells what a sentence is about."""
    from sto_qual.domain.text import fold
    from sto_qual.nlp.features import _stop
    from sto_qual.nlp.pipeline import lemmatizer
    lemma = lemmatizer()
    return frozenset(_stop() | {fold(lemma(w)) for w in _stop()})


def _evidence(inputs: Sequence[UnitInput]) -> list[UnitInput]:
    """The units with only the lemmas that can be evidence (no function word, nor its lemma)."""
    stop = _function_lemmas()

    def kept(lemmas: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(x for x in lemmas if x not in stop)
    return [replace(u, lemmas=kept(u.lemmas), question=kept(u.question), question2=kept(u.question2))
            for u in inputs]


def codebook_reasons(m: CodebookMatch, hits: dict[str, list[str]]) -> tuple[str, ...]:
    """Why the codebook points at ``m.code``: keyword matches of that code, the question, the words."""
    out = [f"trefwoord: {r}" for r in hits.get(m.code, ())]
    if m.question_words:
        out.append(f"vraag over {m.theme}: " + ", ".join(m.question_words))
    if m.unit_words:
        out.append("codeboek: " + ", ".join(m.unit_words))
    return tuple(out) or (f"codeboek {m.evidence:.2f}",)

