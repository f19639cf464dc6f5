"""Suggestions from the codebook alone, for a project without a calibrated model (fewer
than two coded interviews): the interviewer's question, the unit's own words and the
codebook's texts (``nlp.codebook_match``). One suggestion per unit, with no confidence
(nothing to calibrate it on) and reasons that say which question and which words point
at the code."""
from __future__ import annotations

from collections.abc import Sequence
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
    return CodebookMatcher(texts, background).match(inputs)


def codebook_reasons(m: CodebookMatch, hits: dict[str, list[str]]) -> tuple[str, ...]:
    """Why the codebook points at ``m.code``: keyword matches of that code, the question, the words."""
    out = [f"trefwoord: {r}" for r in hits.get(m.code, ())]
    if m.question_words:
        out.append(f"vraag over {m.theme}: " + ", ".join(m.question_words))
    if m.unit_words:
        out.append("codeboek: " + ", ".join(m.unit_words))
    return tuple(out) or (f"codeboek {m.evidence:.2f}",)

