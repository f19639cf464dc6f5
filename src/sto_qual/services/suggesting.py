"""Suggestions: keyword rules and a calibrated model, combined into one ranked suggestion
per unit and code.

Contract: ``make_suggestions`` only ever adds *pending* suggestions (never codings);
a (unit, code) already suggested, decided or coded is skipped by the store. Units in
interviewer turns get none unless the project setting ``suggest_interviewer_turns`` is
on. The learned model is trained on the project's codings (every coder's, or one
coder's) plus the codebook's definitions, "use when" texts and examples, so it helps
before the first coding; its confidence is calibrated on held-out interviews of the
training data (``nlp.classifier``).
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sto_qual.domain.model import REASON_SEP, Code

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.nlp.classifier import SuggestModel
    from sto_qual.nlp.features import UnitInput
    from sto_qual.services.workspace import Workspace

INTERVIEWER_SETTING = "suggest_interviewer_turns"
CODEBOOK_GROUP = -1
# a unit without codings in an interview nobody coded says nothing: only coded interviews
# give negatives; before any coding, every unit is a weak negative (most units carry no code)
UNLABELLED_WEIGHT = 0.3


@dataclass(frozen=True)
class Candidate:
    """One proposed (unit, code) with its confidence (None: keyword only) and reasons."""
    unit: int
    code: str
    confidence: float | None
    reasons: tuple[str, ...]


@dataclass
class TrainedModel:
    model: SuggestModel
    codings_used: int
    codebook_sentences: int
    coded_interviews: int
    labels_from_codings: list[str] = field(default_factory=list)
    trained_units: set[int] = field(default_factory=set)  # the interview units it learned from
    floor: float = 0.0  # a sub-code below this confidence is not proposed (chosen on held-out data)


def ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def interviewer_turns_on(ws: Workspace) -> bool:
    return bool(ws.store.settings.get(INTERVIEWER_SETTING, False))


def set_interviewer_turns(ws: Workspace, on: bool) -> None:
    ws.store.settings.set(INTERVIEWER_SETTING, bool(on))


def interview_units(ws: Workspace, doc_ids: Iterable[int] | None = None
                    ) -> tuple[list[dict[str, Any]], list[UnitInput]]:
    """Every unit (as the store gives it, plus ``role``) and what the model sees of it."""
    from sto_qual.nlp.features import interview_inputs
    wanted = set(doc_ids) if doc_ids is not None else None
    by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for u in ws.store.transcripts.all_units():
        if wanted is None or u["document_id"] in wanted:
            by_doc[u["document_id"]].append(u)
    rows, inputs = [], []
    for doc_id, units in by_doc.items():
        turns = {t.id: (t.seq, t.role) for t in ws.store.transcripts.turns(doc_id)}
        for u in units:
            u["role"] = turns.get(u["turn_id"], (0, None))[1]
        inputs += interview_inputs([(u["text"], u["role"], turns.get(u["turn_id"], (0, None))[0]) for u in units])
        rows += units
    return rows, inputs


def carried_labels(ws: Workspace, rows: Sequence[dict[str, Any]], coder: str | None = None) -> list[set[str]]:
    """For each unit, the codes (and their parents) that a coding overlapping it carries."""
    exact = exact_labels(ws, rows, coder)
    return [{a for path in exact.get(u["id"], ()) for a in ancestors(path)} for u in rows]


def exact_labels(ws: Workspace, rows: Sequence[dict[str, Any]], coder: str | None = None) -> dict[int, set[str]]:
    """unit id -> the codes exactly as coded on it (a theme coded as such is the theme)."""
    codes = {c.id: c.path for c in ws.store.codes.tree(with_counts=False)}
    coder_id = ws.coder_id(coder) if coder else None
    by_doc: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for r in ws.store.codings.records(coder_id):
        by_doc[r[1]].append((r[4], r[5], codes[r[2]]))
    out: dict[int, set[str]] = {}
    for u in rows:
        for s, e, path in by_doc.get(u["document_id"], ()):
            if s < u["end"] and e > u["start"]:
                out.setdefault(u["id"], set()).add(path)
    return out


def choose_floor(model: SuggestModel, exact_of: Sequence[set[str]], proposable: Sequence[bool]) -> float:
    """The lowest confidence at which a sub-code is still proposed: the one that does best
    (mean F1 at theme and at sub-code level) on the training units' held-out confidences."""
    held = model.held_out
    if held is None or not len(held):
        return 0.0
    labels = model.labels
    thresholds = {lab: float(t) for lab, t, ok in zip(labels, model.thresholds, model.calibrated) if ok}
    rows = [i for i, row in enumerate(held.tolist()) if proposable[i] and not any(map(math.isnan, row))]
    if not rows:
        return 0.0
    gold_t = {(i, lab.split("/")[0]) for i in rows for lab in exact_of[i]}
    gold_s = {(i, lab) for i in rows for lab in exact_of[i]}
    best, best_f = 0.0, -1.0
    for floor in (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3):
        pred_t, pred_s = set(), set()
        for i in rows:
            probs = dict(zip(labels, map(float, held[i])))
            for c in choose(probs, thresholds, {}, i, rules_alone=False, floor=floor):
                pred_t.add((i, c.code.split("/")[0]))
                pred_s.add((i, c.code))
        f_t = 2 * len(pred_t & gold_t) / max(len(pred_t) + len(gold_t), 1)
        f_s = 2 * len(pred_s & gold_s) / max(len(pred_s) + len(gold_s), 1)
        if (f_t + f_s) / 2 > best_f:
            best, best_f = floor, (f_t + f_s) / 2
    return best


def codebook_sentences(codes: Sequence[Code]) -> tuple[list[UnitInput], list[set[str]]]:
    """The codebook's definitions, "use when" texts and examples as labelled sentences."""
    from sto_qual.nlp.features import codebook_inputs
    inputs: list[UnitInput] = []
    carried: list[set[str]] = []
    for c in codes:
        for text in (c.definition, c.when_to_use, *c.examples):
            if text and text.strip():
                made = codebook_inputs(text)
                inputs += made
                carried += [set(ancestors(c.path)) for _ in made]
    return inputs, carried


def train_model(ws: Workspace, *, coder: str | None = None, doc_ids: Iterable[int] | None = None,
                min_codings: int = 10, seed: int = 0, prepared: tuple[list, list] | None = None,
                use_codings: bool = True, interviewer_turns: bool = False,
                progress: Callable[[int, int, str], None] | None = None) -> TrainedModel | None:
    """Train on the codings of ``coder`` (every coder when None) in ``doc_ids`` (all when
    None) and the codebook. A code is learned when it has ``min_codings`` codings or
    codebook texts; ``prepared`` reuses ``interview_units`` output; without
    ``use_codings`` it learns from the codebook alone (as before the first coding)."""
    from sto_qual.nlp.classifier import train
    from sto_qual.nlp.features import has_content
    codes = ws.store.codes.tree(with_counts=False)
    rows, inputs = prepared if prepared is not None else interview_units(ws, doc_ids)
    if doc_ids is not None:
        wanted = set(doc_ids)
        keep = [i for i, u in enumerate(rows) if u["document_id"] in wanted]
        rows, inputs = [rows[i] for i in keep], [inputs[i] for i in keep]
    carried = carried_labels(ws, rows, coder) if use_codings else [set() for _ in rows]
    coded_docs = {u["document_id"] for u, c in zip(rows, carried) if c}
    counts: dict[str, int] = defaultdict(int)
    for c in carried:
        for lab in c:
            counts[lab] += 1
    cb_inputs, cb_carried = codebook_sentences(codes)
    with_texts = {lab for c in cb_carried for lab in c}
    from_codings = sorted(lab for lab, n in counts.items() if n >= min_codings)
    labels = sorted(set(from_codings) | with_texts)
    if not labels:
        return None
    feats, groups, weights, all_carried = [], [], [], []
    exact: dict[int, set[str]] = {}
    silent: set[int] = set()
    exact_codes = exact_labels(ws, rows, coder) if use_codings else {}
    trained_units = set()
    hits = keyword_hits(codes, inputs)
    for u, inp, c, h in zip(rows, inputs, carried, hits):
        if u["document_id"] in coded_docs:
            feats.append(model_features(inp, h))
            groups.append(u["document_id"])
            weights.append(1.0)
            all_carried.append(c)
            exact[len(feats) - 1] = exact_codes.get(u["id"], set())
            if not has_content(inp) or (u.get("role") == "interviewer" and not interviewer_turns):
                silent.add(len(feats) - 1)  # never proposed: the threshold choice leaves it out
            trained_units.add(u["id"])
        elif not coded_docs:
            feats.append(model_features(inp, h))
            groups.append(CODEBOOK_GROUP)
            weights.append(UNLABELLED_WEIGHT)
            all_carried.append(set())
            trained_units.add(u["id"])
    for inp, c, h in zip(cb_inputs, cb_carried, [{}] * len(cb_inputs)):
        feats.append(model_features(inp, h))
        groups.append(CODEBOOK_GROUP)
        weights.append(1.0)
        all_carried.append(c)
    model = train(feats, all_carried, groups, labels, weights=weights, seed=seed, progress=progress)
    floor = choose_floor(model, [exact.get(i, set()) for i in range(len(feats))],
                         [i not in silent for i in range(len(feats))])
    return TrainedModel(floor=floor, model=model, codings_used=sum(1 for c in carried if c), codebook_sentences=len(cb_inputs),
                        coded_interviews=len(coded_docs), labels_from_codings=from_codings,
                        trained_units=trained_units)


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
           unit: int, *, rules_alone: bool, floor: float = 0.0) -> list[Candidate]:
    """One unit's suggestions: the model's labels above their threshold, a theme only when
    none of its sub-codes made it; keyword hits add their reason to the same code, and
    stand alone only for codes the model does not know (or when ``rules_alone``)."""
    out: dict[str, Candidate] = {}
    if probs:
        # a unit nearly always carries at most one code: propose the most likely theme that
        # clears its threshold, as its most likely sub-code (the theme itself when it has none)
        themes = [lab for lab in probs if "/" not in lab and probs[lab] >= thresholds.get(lab, 1.1)]
        subs = [lab for lab in probs if "/" in lab and probs[lab] >= thresholds.get(lab, 1.1)]
        if themes:
            theme = max(themes, key=lambda lab: probs[lab])
            children = [lab for lab in probs if lab.startswith(theme + "/") and lab in thresholds]
            lab = max(children, key=lambda x: probs[x]) if children else theme
            if lab == theme or probs[lab] >= floor:  # too unsure which sub-code: say nothing
                out[lab] = Candidate(unit, lab, round(float(probs[lab]), 4), (f"model {probs[lab]:.2f}",))
        elif subs:
            lab = max(subs, key=lambda x: probs[x])
            out[lab] = Candidate(unit, lab, round(float(probs[lab]), 4), (f"model {probs[lab]:.2f}",))
    for code, reasons in hits.items():
        said = tuple(f"trefwoord: {r}" for r in reasons)
        if code in out:
            c = out[code]
            out[code] = Candidate(unit, code, c.confidence, said + c.reasons)
        elif rules_alone or not probs or code not in thresholds:
            conf = None if not probs or code not in probs else round(float(probs[code]), 4)
            out[code] = Candidate(unit, code, conf, said)
    return sorted(out.values(), key=lambda c: (-(c.confidence or 0), c.code))


@dataclass
class Scoring:
    """What the model and the rules say of some units, before any threshold. Only codes
    whose confidence could be calibrated (``thresholds``) are proposed by the model."""
    probs: list[dict[str, float] | None]
    thresholds: dict[str, float]
    hits: list[dict[str, list[str]]]
    floor: float = 0.0
    proposable: list[bool] | None = None  # False: a sentence without a content word


def score_units(model: SuggestModel | None, codes: Sequence[Code], inputs: Sequence[UnitInput],
                groups: Sequence[int] | None = None, floor: float = 0.0) -> Scoring:
    """``groups``: the interview of each unit (units of an interview in order, together)."""
    from sto_qual.nlp.features import has_content
    hits = keyword_hits(codes, inputs) if codes else [{} for _ in inputs]
    proposable = [has_content(i) for i in inputs]
    if model is None:
        return Scoring([None] * len(inputs), {}, hits, proposable=proposable)
    p = model.predict_proba([model_features(i, h) for i, h in zip(inputs, hits)], groups)
    labels = model.labels
    return Scoring([dict(zip(labels, map(float, row))) for row in p],
                   {lab: float(t) for lab, t, ok in zip(labels, model.thresholds, model.calibrated) if ok}, hits,
                   floor, proposable)


def candidates_from(scoring: Scoring, rows: Sequence[dict[str, Any]], *, interviewer_turns: bool = False,
                    rules_alone: bool = False, threshold: float | None = None) -> list[Candidate]:
    """Suggestions for ``rows`` (no store writes): the bench and ``make_suggestions`` share it.
    ``threshold`` replaces every code's own threshold (chosen on held-out interviews of the
    training data) and keeps only model suggestions with at least that confidence."""
    thresholds = scoring.thresholds if threshold is None else {lab: threshold for lab in scoring.thresholds}
    out = []
    proposable = scoring.proposable or [True] * len(rows)
    for u, pr, h, ok in zip(rows, scoring.probs, scoring.hits, proposable):
        if (u.get("role") == "interviewer" and not interviewer_turns) or not ok:
            continue
        out += [c for c in choose(pr, thresholds, h, u["id"], rules_alone=rules_alone, floor=scoring.floor)
                if threshold is None or c.confidence is None or c.confidence >= threshold]
    return out


def interviewer_units(ws: Workspace, doc_ids: Iterable[int] | None = None) -> set[int]:
    """Ids of the units in interviewer turns (by the project's speaker roles)."""
    out: set[int] = set()
    for d in (doc_ids if doc_ids is not None else [d.id for d in ws.store.documents.all()]):
        turns = {t.id for t in ws.store.transcripts.turns(d) if t.role == "interviewer"}
        if turns:
            out.update(u.id for u in ws.store.transcripts.units(d) if u.turn_id in turns)
    return out


def visible(ws: Workspace, items: list) -> list:
    """Pending suggestions the coder sees: none in interviewer turns unless the setting is on."""
    if interviewer_turns_on(ws):
        return items
    hidden = interviewer_units(ws, {s.document_id for s in items if s.status == "pending"})
    return [s for s in items if s.status != "pending" or s.unit not in hidden]


def make_suggestions(ws: Workspace, *, doc: str | int | None = None, code: str | None = None,
                     learned: bool = False, min_codings: int = 10, threshold: float | None = None,
                     seed: int = 0, progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    """Add pending suggestions; returns what was added and what the model learned from."""
    codes = ws.store.codes.tree(with_counts=False)
    wanted = codes
    if code is not None:
        c = ws.store.codes.find(code)
        wanted = [x for x in codes if x.path == c.path or x.path.startswith(c.path + "/")]
    doc_id = ws.store.documents.find(doc)[0] if doc is not None else None
    if progress:
        progress(0, 0, "reading the interviews")
    rows, inputs = interview_units(ws)
    on = interviewer_turns_on(ws)
    trained = None
    if learned:
        trained = train_model(ws, min_codings=min_codings, seed=seed, prepared=(rows, inputs),
                              interviewer_turns=on, progress=progress)
    keep = [i for i, u in enumerate(rows) if doc_id is None or u["document_id"] == doc_id]
    rows, inputs = [rows[i] for i in keep], [inputs[i] for i in keep]
    scoring = score_units(trained.model if trained else None, codes, inputs, [u["document_id"] for u in rows],
                          floor=trained.floor if trained else 0.0)
    wanted_paths = {x.path for x in wanted}
    cands = [c for c in candidates_from(scoring, rows, interviewer_turns=on, threshold=threshold)
             if c.code in wanted_paths]
    ids = {x.path: x.id for x in codes}
    doc_of = {u["id"]: u["document_id"] for u in rows}
    by_origin = {"rule": [], "model": []}  # type: dict[str, list]
    for c in cands:
        origin = "model" if c.confidence is not None else "rule"
        by_origin[origin].append((doc_of[c.unit], c.unit, ids[c.code], origin, REASON_SEP.join(c.reasons),
                                  c.confidence))
    withdrawn = 0
    if trained is not None:
        # the queue shows the newest view: pending suggestions in scope that neither the
        # model nor a keyword proposes any more are withdrawn (decisions stay)
        now = {(c.unit, ids[c.code]) for c in cands}
        wanted_ids = {ids[p] for p in wanted_paths}
        stale = [s.id for s in ws.store.suggestions.select(status="pending", doc_id=doc_id)
                 if ids.get(s.code) in wanted_ids and (s.unit, ids[s.code]) not in now]
        withdrawn = ws.store.suggestions.drop_pending(stale)
    added_rules = ws.store.suggestions.add(by_origin["rule"])
    added_both = ws.store.suggestions.add(r for r in by_origin["model"] if "trefwoord:" in r[4])
    added_model = added_both + ws.store.suggestions.add(r for r in by_origin["model"] if "trefwoord:" not in r[4])
    skipped = 0 if on else sum(1 for u in rows if u.get("role") == "interviewer")
    result: dict[str, Any] = {
        "rule_suggestions": added_rules, "model_suggestions": added_model,
        "with_keyword_reason": added_both,
        "trained": trained.model.labels if trained else [],
        "calibrated_codes": sum(trained.model.calibrated) if trained else 0,
        "codings_used": trained.codings_used if trained else 0,
        "coded_interviews": trained.coded_interviews if trained else 0,
        "codebook_sentences": trained.codebook_sentences if trained else 0,
        "interviewer_units_skipped": skipped, "withdrawn": withdrawn, "retrained_automatically": False}
    return result


def explain(result: dict[str, Any]) -> str:
    """One status line that says what happened and why (CLI and TUI share it)."""
    rules, model = result.get("rule_suggestions", 0), result.get("model_suggestions", 0)
    total = rules + model
    head = (f"{total} new suggestion{'s' if total != 1 else ''}: {model} from the model"
            + (f" ({result.get('with_keyword_reason', 0)} also matched keywords)" if model else "")
            + f", {rules} from keywords alone")
    if not total:
        head = ("No new suggestions: every passage the keywords or the model point at is already coded, "
                "suggested or rejected")
    parts = [head]
    trained = result.get("trained") or []
    if trained:
        n_cal = result.get("calibrated_codes", 0)
        n_int = result.get("coded_interviews", 0)
        if n_int:
            parts.append(f"model learned {len(trained)} codes from {result.get('codings_used', 0)} coded sentences "
                         f"in {n_int} interview{'s' if n_int != 1 else ''} and the codebook; "
                         f"confidence calibrated for {n_cal} of them"
                         + (" (that needs coded sentences in at least two interviews; until then keywords "
                            "suggest)" if not n_cal else ""))
        else:
            parts.append(f"model learned {len(trained)} codes from the codebook only (no codings yet): "
                         "it proposes nothing until interviews are coded; keywords do")
    if result.get("withdrawn"):
        parts.append(f"{result['withdrawn']} older pending suggestions the model no longer supports withdrawn")
    skipped = result.get("interviewer_units_skipped", 0)
    if skipped:
        parts.append(f"interviewer questions skipped ({skipped} sentences; a project setting)")
    if result.get("retrained_automatically"):
        parts.append("retrained: a batch of new codings arrived since the last model")
    return "; ".join(parts) + "."
