"""Scoring units for suggestions: what the model sees of a unit (its features plus the
codes whose keywords it matches), and the choice of one ranked suggestion per unit and code
from the model's calibrated confidences and the keyword hits (``choose``). The bench and
``suggesting.make_suggestions`` share ``score_units`` and ``candidates_from``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import is_below, is_within
from sto_qual.domain.model import Code
from sto_qual.domain.wording import confidence_text

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.nlp.classifier import SuggestModel
    from sto_qual.nlp.codebook_match import CodebookMatch
    from sto_qual.nlp.features import UnitInput


@dataclass(frozen=True)
class Candidate:
    """One proposed (unit, code) with its confidence (None: keyword only) and reasons."""
    unit: int
    code: str
    confidence: float | None
    reasons: tuple[str, ...]


def model_features(inp: UnitInput, hits: dict[str, list[str]]) -> list[str]:
    """The unit's features plus the codes whose keywords it matches: the model learns how
    far each code's keywords can be trusted."""
    from sto_qual.nlp.features import unit_features
    return unit_features(inp) + [f"kw={path}" for path in hits]


def keyword_hits(codes: Sequence[Code], inputs: Sequence[UnitInput]) -> list[dict[str, list[str]]]:
    """For each unit: code path -> keyword reasons."""
    from sto_qual.nlp.rules import KeywordRules
    rules = KeywordRules([(c.id, c.path, c.keywords) for c in codes if c.keywords])
    path = {c.id: c.path for c in codes}
    return [{path[cid]: r for cid, r in rules.match(inp).items()} for inp in inputs]


def choose(probs: dict[str, float] | None, thresholds: dict[str, float], hits: dict[str, list[str]],
           unit: int, *, rules_alone: bool, floor: float = 0.0, rejected: frozenset[str] = frozenset()
           ) -> list[Candidate]:
    """One unit's suggestions: the model's labels above their threshold, a theme only when
    none of its sub-codes made it (is at least ``floor``, and not ``rejected`` on this unit);
    keyword hits add their reason to the same code, and stand alone only for codes the model
    does not know (or when ``rules_alone``)."""
    out: dict[str, Candidate] = {}
    if probs:
        # a unit nearly always carries at most one code: propose the most likely theme that
        # clears its threshold, as its most likely sub-code (the theme itself when it has none)
        themes = [lab for lab in probs if "/" not in lab and probs[lab] >= thresholds.get(lab, 1.1)]
        subs = [lab for lab in probs if "/" in lab and probs[lab] >= thresholds.get(lab, 1.1)]
        if themes:
            theme = max(themes, key=lambda lab: probs[lab])
            children = [lab for lab in probs if is_below(lab, theme) and lab in thresholds and lab not in rejected]
            lab = max(children, key=lambda x: probs[x]) if children else theme
            if lab != theme and probs[lab] < min(thresholds[lab], UNSURE_SUBCODE) and any(
                    is_below(x, theme) and x != theme and x not in thresholds for x in probs):
                # early in a project some sub-codes cannot be judged yet: the one it can judge is
                # no answer below its own threshold (it was proposed at 0.0008 on a sibling's
                # sentence); the theme is
                lab = theme
            if lab != theme and probs[lab] < floor and any(is_below(r, theme) for r in rejected):
                # a coder rejected its sub-code here, and it is unsure of the others: the theme (the right
                # theme was lost with the sub-code she rejected)
                lab = theme
            # too unsure which sub-code: say nothing. Proposing the theme there was right at theme level 13 times
            # of 43 on the demo bench (sub-code P 0.562 -> 0.546, under its 0.55 target)
            if lab == theme or probs[lab] >= floor:
                out[lab] = Candidate(unit, lab, round(float(probs[lab]), 4), (f"model {confidence_text(probs[lab])}",))
        elif subs:
            lab = max(subs, key=lambda x: probs[x])
            out[lab] = Candidate(unit, lab, round(float(probs[lab]), 4), (f"model {confidence_text(probs[lab])}",))
    for code, reasons in hits.items():
        said = tuple(f"trefwoord: {r}" for r in reasons)
        if code in out:
            c = out[code]
            out[code] = Candidate(unit, code, c.confidence, said + c.reasons)
        elif rules_alone or not probs or code not in thresholds:
            # a code the model could not calibrate has no confidence: its probability is no
            # measure of how often such a suggestion is right (0.06 for a perfect keyword match)
            conf = None if not probs or code not in thresholds else round(float(probs[code]), 4)
            out[code] = Candidate(unit, code, conf, said)
    return sorted(out.values(), key=lambda c: (-(c.confidence or 0), c.code))


# below this a sub-code the model can judge is no answer while its siblings cannot be judged yet
UNSURE_SUBCODE = 0.05


@dataclass
class Scoring:
    """What the model and the rules say of some units, before any threshold. Only codes
    whose confidence could be calibrated (``thresholds``) are proposed by the model."""
    probs: list[dict[str, float] | None]
    thresholds: dict[str, float]
    hits: list[dict[str, list[str]]]
    floor: float = 0.0
    proposable: list[bool] | None = None  # False: a sentence without a content word
    # before a calibrated model: what the codebook points at per unit (replaces keywords alone)
    codebook: list[CodebookMatch | None] | None = None
    # a model calibrated for some codes only: what the codebook points at, for the other codes
    codebook_rest: list[CodebookMatch | None] | None = None


def score_units(model: SuggestModel | None, codes: Sequence[Code], inputs: Sequence[UnitInput],
                groups: Sequence[int] | None = None, floor: float = 0.0, *, codebook: bool = False,
                background: Sequence[UnitInput] | None = None) -> Scoring:
    """``groups``: the interview of each unit (units of an interview in order, together).
    With ``codebook``, when the model has no calibrated code (or there is none) the codebook
    itself suggests (``suggest_codebook``); ``background``: the project's units, whose words
    (never their codings) weigh the codebook's (default: ``inputs``)."""
    from sto_qual.nlp.features import has_content
    hits = keyword_hits(codes, inputs) if codes else [{} for _ in inputs]
    # a sentence without a content word ("Ja.") gets none, unless it holds a keyword phrase: "Dat is echt
    # ieder voor zich." is small words only, and its phrase the plainest statement of its code
    proposable = [has_content(i) or _holds_phrase(h) for i, h in zip(inputs, hits)]
    if codebook and codes and (model is None or not any(model.calibrated)):
        from sto_qual.services.suggest_codebook import codebook_matches
        matches = codebook_matches(codes, inputs, background if background is not None else inputs)
        return Scoring([None] * len(inputs), {}, hits, proposable=proposable, codebook=matches)
    if model is None:
        return Scoring([None] * len(inputs), {}, hits, proposable=proposable)
    p = model.predict_proba([model_features(i, h) for i, h in zip(inputs, hits)], groups)
    labels = model.labels
    rest = None
    if codebook and codes and not all(model.calibrated):  # early in a project: the codebook speaks for the rest
        from sto_qual.services.suggest_codebook import codebook_matches
        rest = codebook_matches(codes, inputs, background if background is not None else inputs)
    return Scoring([dict(zip(labels, map(float, row))) for row in p],
                   {lab: float(t) for lab, t, ok in zip(labels, model.thresholds, model.calibrated) if ok}, hits,
                   floor, proposable, codebook_rest=rest)


def _holds_phrase(hits: dict[str, list[str]]) -> bool:
    """A keyword match of two words or more ("ieder voor zich"; not the keyword "ja" on "Ja.")."""
    from sto_qual.nlp.rules import words_found
    return any(words_found(found) >= 2 for reasons in hits.values() for found in reasons)


def candidates_from(scoring: Scoring, rows: Sequence[dict[str, Any]], *, interviewer_turns: bool = False,
                    rules_alone: bool = False, threshold: float | None = None,
                    rejected: dict[int, frozenset[str]] | None = None) -> list[Candidate]:
    """Suggestions for ``rows`` (no store writes): the bench and ``make_suggestions`` share it.
    ``threshold`` replaces every code's own threshold (chosen on held-out interviews of the
    training data) and keeps only model suggestions with at least that confidence; ``rejected``:
    unit id -> the codes a coder rejected there (the model's next choice in that theme is said)."""
    from sto_qual.services.suggest_codebook import codebook_reasons
    thresholds = scoring.thresholds if threshold is None else {lab: threshold for lab in scoring.thresholds}
    out = []
    proposable = scoring.proposable or [True] * len(rows)
    matches = scoring.codebook or [None] * len(rows)
    rest = scoring.codebook_rest or [None] * len(rows)
    for u, pr, h, ok, m, r in zip(rows, scoring.probs, scoring.hits, proposable, matches, rest):
        if (u.get("role") == "interviewer" and not interviewer_turns) or not ok:
            continue
        if scoring.codebook is not None:
            # no confidence: a confidence threshold keeps them, as it keeps keyword-only ones
            m = keyword_first(m, h)
            out += [Candidate(u["id"], m.code, None, codebook_reasons(m, h))] if m else []
            continue
        got = [c for c in choose(pr, thresholds, h, u["id"], rules_alone=rules_alone, floor=scoring.floor,
                                 rejected=(rejected or {}).get(u["id"], frozenset()))
               if threshold is None or c.confidence is None or c.confidence >= threshold]
        if scoring.codebook_rest is not None:
            # the codes the model cannot judge yet: the codebook speaks for them, as before any
            # calibration (its keywords among its reasons), not each keyword on its own
            kept = [c for c in got if c.code in scoring.thresholds]
            loose = [c for c in got if c.code not in scoring.thresholds]  # keyword matches of the others
            # ... but a sub-code it cannot judge whose keyword the sentence holds is suggested beside the
            # model's choice in its theme, and chosen over the codebook's in the codebook's theme
            # (``keyword_first``): "ieder voor zich", said in so many words, went to contacten-po alone, and
            # rejected there, the sentence had no suggestion at all
            themes = {c.code.split("/")[0] for c in kept}
            got = kept + [c for c in loose if "/" in c.code and c.code.split("/")[0] in themes]
            if r is not None and not got:
                r = keyword_first(r, {k: v for k, v in h.items() if k not in scoring.thresholds})
                got = [Candidate(u["id"], r.code, None, codebook_reasons(r, h))] if r.code not in scoring.thresholds \
                    else []
        out += got
    return out


def keyword_first(m: Any, hits: dict[str, list[str]]) -> Any:
    """The codebook's suggestion for a unit (``CodebookMatch`` or None) given the keyword ``hits``
    in the unit itself: within the theme the codebook chose, a sub-code whose keyword the unit
    holds is the one suggested (a keyword is the codebook's plainest word; measured on the demo
    with `bench/suggestion_quality.py`'s codebook-only row, sub-code F1 0.257 -> 0.310, the theme
    level unchanged). The theme stays the codebook's: a keyword of another theme chose worse
    there (theme F1 0.623 -> 0.583), as the interviewer's question steers the answer. A keyword of
    the theme itself says nothing of which sub-code: "De urgentie zit in de krimp." went to the
    codebook's "urgentie/verschuiving" because "urgentie" matched, though "krimp" is a sub-code's own."""
    if not hits or m is None or m.code in hits:
        return m
    # the sub-codes of the chosen theme whose keyword the unit holds, those below the chosen code first
    subs = sorted((p for p in hits if is_below(p, m.theme)), key=lambda p: not is_within(p, m.code))
    return replace(m, code=subs[0]) if subs else m
