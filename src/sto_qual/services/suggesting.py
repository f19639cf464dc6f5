"""Suggestions: keyword rules and a calibrated model, combined into one ranked suggestion
per unit and code.

Contract: ``make_suggestions`` only ever adds *pending* suggestions (never codings);
a (unit, code) already suggested, decided or coded is skipped by the store, and a pending
one whose unit was coded with its code since is withdrawn (a unit is coded with a code
when any coder's coding of that code, or of one of its sub-codes, overlaps it: the
suggestions are the project's, and a sentence coded with a sub-code has its theme). Units in
interviewer turns get none unless the project setting ``suggest_interviewer_turns`` is
on. The learned model is trained on the project's codings (every coder's, or one
coder's) plus the codebook's definitions, "use when" texts and examples, so it helps
before the first coding; its confidence is calibrated on held-out interviews of the
training data (``nlp.classifier``). The project keeps its newest calibrated model, and a
plain ``suggest`` applies it (``model``), so the keyword rules combine with the model the
same way whether or not it has just been trained.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import is_within
from sto_qual.domain.history import taken_off
from sto_qual.domain.model import REASON_SEP
from sto_qual.domain.spans import overlaps
from sto_qual.domain.text import plural
# the parts live in their own modules; these names stay importable from here (bench, tests)
from sto_qual.domain.codebook import ancestors  # noqa: F401
from sto_qual.services.suggest_evidence import like_coded
from sto_qual.services.suggest_scoring import (Candidate, Scoring, candidates_from,  # noqa: F401
                                               choose, keyword_hits, model_features, score_units)
from sto_qual.services.suggest_training import (CODEBOOK_GROUP, MODEL_SETTING, RETRAIN_BATCH,  # noqa: F401
                                                UNLABELLED_WEIGHT, TrainedModel, calibrated_nothing, carried_labels, choose_floor,
                                                codebook_sentences, exact_labels, interview_units,
                                                keep_model, kept_model, train_model)

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

INTERVIEWER_SETTING = "suggest_interviewer_turns"


def interviewer_turns_on(ws: Project) -> bool:
    return bool(ws.store.settings.get(INTERVIEWER_SETTING, False))


def set_interviewer_turns(ws: Project, on: bool) -> None:
    ws.store.settings.set(INTERVIEWER_SETTING, bool(on))


def interviewer_units(ws: Project, doc_ids: Iterable[int] | None = None) -> set[int]:
    """Ids of the units in interviewer turns (by the project's speaker roles)."""
    out: set[int] = set()
    for d in (doc_ids if doc_ids is not None else [d.id for d in ws.store.documents.all()]):
        turns = {t.id for t in ws.store.transcripts.turns(d) if t.role == "interviewer"}
        if turns:
            out.update(u.id for u in ws.store.transcripts.units(d) if u.turn_id in turns)
    return out


def visible(ws: Project, items: list) -> list:
    """Pending suggestions the coder sees: none in interviewer turns unless the setting is on."""
    if interviewer_turns_on(ws):
        return items
    hidden = interviewer_units(ws, {s.document_id for s in items if s.status == "pending"})
    return [s for s in items if s.status != "pending" or s.unit not in hidden]


def pending_counts(ws: Project) -> tuple[int, int]:
    """(pending suggestions the listing shows, pending ones it hides in interviewer turns)."""
    rows = ws.store.suggestions.pending_units()
    if interviewer_turns_on(ws) or not rows or "interviewer" not in ws.store.roles.map().values():
        return len(rows), 0
    hidden_units = interviewer_units(ws, {d for d, _ in rows})
    hidden = sum(1 for _, u in rows if u in hidden_units)
    return len(rows) - hidden, hidden


def make_suggestions(ws: Project, *, doc: str | int | None = None, code: str | None = None,
                     learned: bool = False, min_codings: int = 10, threshold: float | None = None,
                     seed: int = 0, progress: Callable[[int, int, str], None] | None = None,
                     model: TrainedModel | None = None) -> dict[str, Any]:
    """Add pending suggestions; returns what was added and what the model learned from.
    ``learned``: train a model now (the project keeps it, and it withdraws the pending
    suggestions it no longer supports); else ``model``, one trained before, is applied
    (withdrawing nothing); with neither, the keyword rules alone suggest."""
    codes = ws.store.codes.tree(with_counts=False)
    wanted = codes
    if code is not None:
        c = ws.store.codes.find(code)
        wanted = [x for x in codes if is_within(x.path, c.path)]
    doc_id = ws.store.documents.find(doc)[0] if doc is not None else None
    if progress:
        progress(0, 0, "reading the interviews")
    rows, inputs = interview_units(ws)
    on = interviewer_turns_on(ws)
    trained = None
    if learned:
        trained = train_model(ws, min_codings=min_codings, seed=seed, prepared=(rows, inputs),
                              interviewer_turns=on, progress=progress)
        keep_model(ws, trained, ws.store.file.info()["codings"])
    elif model is not None:
        trained = model
        if progress:
            progress(0, 0, "applying the model learned earlier")
    every, every_row = inputs, rows
    keep = [i for i, u in enumerate(rows) if doc_id is None or u["document_id"] == doc_id]
    rows, inputs = [rows[i] for i in keep], [inputs[i] for i in keep]
    # without a calibrated model (fewer than two coded interviews) the codebook suggests
    # the codebook speaks for the codes a kept model cannot judge, whether it learned now or before
    # (a plain run after a learned one added every keyword match for them as a second layer)
    partial = trained is not None and not all(trained.model.calibrated)
    from_codebook = learned or partial or (trained is None and calibrated_nothing(ws))
    scoring = score_units(trained.model if trained else None, codes, inputs, [u["document_id"] for u in rows],
                          floor=trained.floor if trained else 0.0, codebook=from_codebook, background=every)
    wanted_paths = {x.path for x in wanted}
    said_no: dict[int, set[str]] = {}  # unit -> the codes rejected there: a theme is not lost with its sub-code
    for s in ws.store.suggestions.select(status="rejected", doc_id=doc_id):
        said_no.setdefault(s.unit, set()).add(s.code)
    cands = [c for c in candidates_from(scoring, rows, interviewer_turns=on, threshold=threshold,
                                        rejected={u: frozenset(c) for u, c in said_no.items()})
             if c.code in wanted_paths]
    like = like_coded(ws, every_row, every, cands)  # the model's reason: a coded sentence like it
    ids = {x.path: x.id for x in codes}
    doc_of = {u["id"]: u["document_id"] for u in rows}
    span_of = {u["id"]: (u["start"], u["end"]) for u in rows}
    off: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (document, code) -> spans a coder uncoded
    for d, k, a, b in taken_off(ws.store.history.every_action(undone=False)):
        off.setdefault((d, k), []).append((a, b))
    by_origin = {"rule": [], "model": []}  # type: dict[str, list]
    uncoded = 0
    for c in cands:
        s, e = span_of[c.unit]
        if any(overlaps((a, b), (s, e)) for a, b in off.get((doc_of[c.unit], ids[c.code]), ())):
            uncoded += 1  # a sentence a coder took this code off: her decision, as a reject is
            continue
        origin = "model" if c.confidence is not None else "rule"
        reasons = (*c.reasons, like[(c.unit, c.code)]) if (c.unit, c.code) in like else c.reasons
        by_origin[origin].append((doc_of[c.unit], c.unit, ids[c.code], origin, REASON_SEP.join(reasons),
                                  c.confidence))
    wanted_ids = {ids[p] for p in wanted_paths}
    # a pending suggestion whose sentence was coded with its code or a sub-code of it since (by
    # anyone) is no work left: withdrawn on every run, as the store would not make it now
    withdrawn_coded = ws.store.suggestions.drop_coded(doc_id=doc_id, code_ids=sorted(wanted_ids))
    withdrawn = 0
    if learned and trained is not None:
        # the queue shows the newest view: pending suggestions in scope that neither the
        # model nor a keyword proposes any more are withdrawn (decisions stay)
        now = {(c.unit, ids[c.code]) for c in cands}
        stale = [s.id for s in ws.store.suggestions.select(status="pending", doc_id=doc_id)
                 if ids.get(s.code) in wanted_ids and (s.unit, ids[s.code]) not in now]
        withdrawn = ws.store.suggestions.drop_pending(stale)
    # beside a partly calibrated model every suggestion without a confidence is the codebook's (the
    # keyword matches of the codes it cannot judge are its reasons, not suggestions of their own)
    beside_model = scoring.codebook_rest is not None
    added_codebook = ws.store.suggestions.add(by_origin["rule"]) if beside_model else 0
    added_rules = 0 if beside_model else ws.store.suggestions.add(by_origin["rule"])
    added_both = ws.store.suggestions.add(r for r in by_origin["model"] if "trefwoord:" in r[4])
    added_model = added_both + ws.store.suggestions.add(r for r in by_origin["model"] if "trefwoord:" not in r[4])
    skipped = 0 if on else sum(1 for u in rows if u.get("role") == "interviewer")
    result: dict[str, Any] = {
        "rule_suggestions": added_rules + added_codebook, "model_suggestions": added_model,
        "codebook_suggestions": added_codebook,
        "with_keyword_reason": added_both,
        "trained": trained.model.labels if trained and learned else [],
        "model_reused": bool(trained and not learned),
        "calibrated_codes": trained.calibrated if trained else 0,
        "calibrated": [lab for lab, ok in zip(trained.model.labels, trained.model.calibrated) if ok] if trained else [],
        "held_out_right": list(trained.held_right) if trained else [0, 0],
        "codings_used": trained.codings_used if trained else 0,
        "coded_interviews": trained.coded_interviews if trained else 0,
        "accepted_examples": list(trained.accepted_examples) if trained else [0, 0],
        "read_in_part": [{"document": d, "read": r, "sentences": n} for d, r, n in trained.read_in_part]
        if trained else [],
        "codebook_sentences": trained.codebook_sentences if trained else 0,
        "interviewer_units_skipped": skipped, "withdrawn": withdrawn, "withdrawn_coded": withdrawn_coded,
        "skipped_uncoded": uncoded,
        "retrained_automatically": False,
        "from_codebook": scoring.codebook is not None,
        "codes_with_keywords": sum(1 for c in codes if c.keywords)}
    return result


def explain(result: dict[str, Any]) -> str:
    """One status line that says what happened and why (the TUI's notification)."""
    return "; ".join(explain_parts(result)) + "."


def explain_lines(result: dict[str, Any]) -> str:
    """The same as lines, for the command line: what was made first, then each fact on its own
    line (one line of 900 characters was the CLI's)."""
    head, *rest = explain_parts(result)
    return "\n".join([f"{head}.", *(f"  - {p}" for p in rest)])


def explain_parts(result: dict[str, Any]) -> list[str]:
    """What happened and why: the head (how many new suggestions, from what) and each fact after it."""
    rules, model = result.get("rule_suggestions", 0), result.get("model_suggestions", 0)
    total = rules + model
    book = result.get("codebook_suggestions", 0)
    head = (f"{total} new suggestion{'s' if total != 1 else ''}: {model} from the model"
            # (0 of them new: the keyword matches were suggested by an earlier run, where the model's
            # confidence is now their reason too; "0 also matched keywords" read as contradicting them)
            + (f" ({result['with_keyword_reason']} also matched keywords)" if result.get("with_keyword_reason") else "")
            + f", {rules - book} from keywords alone"
            + (f", {book} from the codebook for codes the model cannot judge yet (no confidence)" if book else ""))
    if result.get("from_codebook"):
        head = (f"{total} new suggestion{'s' if total != 1 else ''} from the codebook: the interviewer's "
                "question and the codes' definitions, examples and keywords (no confidence until the "
                "model is calibrated)")
    if not total and (result.get("model_reused") or result.get("trained")):
        # (a keyword match of a code the model judges is no suggestion of its own: "the keywords
        # point at" read as if they had, right after the learned run withdrew them)
        head = ("No new suggestions: every passage the model points at is already coded, suggested or rejected "
                "(for the codes it judges, a keyword match is a reason beside its confidence, not a suggestion)")
    elif not total and result.get("codes_with_keywords") == 0 and not result.get("from_codebook"):
        # (it said every passage the keywords point at was coded, of a codebook without a keyword)
        head = ("No new suggestions: no code has keywords yet and no model has been learned; give a code "
                "keywords (F7, or `sto-qual code-edit CODE --keyword WORD`), or let the model learn from "
                "your codings (`sto-qual suggest --learned`, the Suggestions screen's t)")
    elif not total:
        head = ("No new suggestions: every passage the keywords or the model point at is already coded, "
                "suggested or rejected")
    parts = [head]
    trained = result.get("trained") or []
    if trained:
        from sto_qual.nlp.classifier import MIN_POSITIVES_TO_CALIBRATE
        n_cal = result.get("calibrated_codes", 0)
        n_int = result.get("coded_interviews", 0)
        if n_int:
            parts.append(f"model learned {len(trained)} codes from {result.get('codings_used', 0)} coded sentences "
                         f"in {n_int} interview{'s' if n_int != 1 else ''}{_examples(result)} and the codebook; "
                         f"confidence calibrated for {n_cal} of them"
                         + (f" ({', '.join(result['calibrated'])})" if 0 < n_cal <= 5 and result.get("calibrated") else "")
                         + (f" (a code's confidence is calibrated once at least {MIN_POSITIVES_TO_CALIBRATE} of "
                            "its sentences are coded, in at least two interviews; until then the codebook "
                            f"suggests for {'the others' if n_cal else 'them'})" if n_cal < len(trained) else ""))
        elif not result.get("from_codebook"):  # (the head already says the codebook suggested)
            parts.append(f"model learned {len(trained)} codes from the codebook only (no codings yet): "
                         "it proposes nothing until interviews are coded; the codebook does")
    elif result.get("model_reused"):
        n_int = result.get("coded_interviews", 0)
        parts.append(f"applied the model learned earlier from {result.get('codings_used', 0)} coded sentences "
                     f"in {n_int} interview{'s' if n_int != 1 else ''}{_examples(result)} (confidence calibrated for "
                     f"{plural(result.get('calibrated_codes', 0), 'code')}; it learns again on request, or by itself "
                     f"after {RETRAIN_BATCH} new codings)")
    right, made = result.get("held_out_right") or (0, 0)
    if made < CHECKED_AT_LEAST and result.get("calibrated_codes") and (trained or result.get("model_reused")):
        # (a coder's own project never said how good the model was, nor why not)
        parts.append(f"not yet checked how often its confident suggestions are right: on the coded interviews it made "
                     f"{made} with a confidence of 0.80 or more, too few to say (it says so from "
                     f"{CHECKED_AT_LEAST}; code more interviews)")
    if made >= CHECKED_AT_LEAST:  # what `--all-above 0.8` may expect, measured where the model did not learn
        parts.append(f"checked on the coded interviews, each scored by a model that did not learn from it, {right} "
                     f"of its {made} suggestions with a confidence of 0.80 or more ({round(100 * right / made)} %) "
                     "were the code the coder gave (its confidences were fitted on the same check: expect a "
                     "little less on new interviews)")
    if result.get("read_in_part") and (trained or result.get("model_reused")):
        parts.append(read_in_part(result["read_in_part"]))
    if result.get("withdrawn"):
        parts.append(f"{result['withdrawn']} older pending suggestions withdrawn: the model does not propose them, "
                     "nor the codebook for a code it cannot judge (for a code it judges, a keyword match is a reason "
                     "beside its confidence, not a suggestion of its own)")
    if result.get("skipped_uncoded"):  # (a sentence just uncoded came first in the queue)
        n = result["skipped_uncoded"]
        parts.append(f"{n} not proposed: a coder took that code off {'their sentences' if n != 1 else 'its sentence'}")
    if result.get("withdrawn_coded"):
        n = result["withdrawn_coded"]
        parts.append(f"{n} pending suggestion{'s' if n != 1 else ''} withdrawn: "
                     f"{'their sentences are' if n != 1 else 'its sentence is'} coded with that code now")
    skipped = result.get("interviewer_units_skipped", 0)
    if skipped:
        parts.append(f"interviewer questions skipped ({skipped} sentences; a project setting)")
    if result.get("retrained_automatically"):
        why = result.get("retrain_reason") or "a batch of new codings arrived since the last model"
        parts.append(f"retrained: {why}")
    return parts


def read_in_part(docs: list[dict[str, Any]]) -> str:
    """Which coded interviews the model took as read only up to their last coding: named when a
    quarter of their sentences or more comes after it (not finished yet), else counted."""
    named = [d for d in docs if d["read"] * 4 < d["sentences"] * 3]
    rest = len(docs) - len(named)
    said = ", ".join(f"{d['document']} (the first {d['read']} of {d['sentences']} sentences)" for d in named)
    tail = (f"the closing sentences of {rest}{' other' if named else ''} interview{'s' if rest != 1 else ''}"
            if rest else "")
    return ("taken as read only up to the last coding, so the sentences after it were not learned as \"no code\" "
            f"(a coder codes in reading order; coding on includes them): {' and '.join(x for x in (said, tail) if x)}")


CHECKED_AT_LEAST = 20  # held-out suggestions at 0.8 or more before their share right is said (not on two)


def _examples(result: dict[str, Any]) -> str:
    """The accepted suggestions the model learned as examples only (in interviews no one coded by hand)."""
    n, docs = result.get("accepted_examples") or (0, 0)
    if not n:
        return ""
    return (f", plus {n} sentence{'s' if n != 1 else ''} of accepted suggestions in {docs} interview{'s' if docs != 1 else ''} "
            "no one coded by hand (as examples: their other sentences are not read as uncoded)")


# while a coder codes blind (the Coder's o) the Coder and F4 show no suggestions: they are made from
# every coder's codings and settled by every coder's decisions (a second coder trained the model on
# the first coder's coding of the very interviews she coded blind, and the ◆ showed it)
# (short enough for a toast at 80 columns: the longer one was cut in the middle of its reason)
BLIND_SUGGESTIONS = ("Suggestions are hidden while you code blind: they come from every coder's codings. "
                     "The Coder's o shows them, and ends coding blind.")
