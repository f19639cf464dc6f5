"""Training the suggestion model: the units of the interviews (and what the model sees of
them), the labels the project's codings give them, the codebook's texts as extra training
sentences, and the lowest sub-code confidence still proposed (chosen on held-out data).
The project keeps its newest model (``keep_model``/``kept_model``), so ``suggest`` applies
it without training again until a batch of new codings arrives.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import ancestors
from sto_qual.domain.model import Code
from sto_qual.services.model_record import MODEL_SETTING
from sto_qual.services.suggest_scoring import choose, keyword_hits, model_features

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.nlp.classifier import SuggestModel
    from sto_qual.nlp.features import UnitInput
    from sto_qual.services.project import Project

CODEBOOK_GROUP = -1
RETRAIN_BATCH = 25  # new codings after which `suggest` retrains a model that was used before
MODEL_CODINGS = "model_codings"    # the project's codings count when that model learned
# a unit without codings in an interview nobody coded says nothing: only coded interviews
# give negatives; before any coding, every unit is a weak negative (most units carry no code)
UNLABELLED_WEIGHT = 0.3


@dataclass
class TrainedModel:
    model: SuggestModel
    codings_used: int
    codebook_sentences: int
    coded_interviews: int
    labels_from_codings: list[str] = field(default_factory=list)
    trained_units: set[int] = field(default_factory=set)  # the interview units it learned from
    floor: float = 0.0  # a sub-code below this confidence is not proposed (chosen on held-out data)
    documents: set[int] = field(default_factory=set)  # the interviews it learned from
    held_right: tuple[int, int] = (0, 0)  # (right, made) at confidence >= 0.8 on interviews held out
    # (sentences, interviews): accepted suggestions in interviews nobody coded by hand, learned as examples
    accepted_examples: tuple[int, int] = (0, 0)
    # interviews coded only up to a point, taken as read that far: [name, sentences read, sentences]
    read_in_part: list[list] = field(default_factory=list)

    @property
    def calibrated(self) -> int:
        return sum(bool(c) for c in self.model.calibrated)


def interview_units(ws: Project, doc_ids: Iterable[int] | None = None
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


def carried_labels(ws: Project, rows: Sequence[dict[str, Any]], coder: str | None = None) -> list[set[str]]:
    """For each unit, the codes (and their parents) that a coding overlapping it carries."""
    exact = exact_labels(ws, rows, coder)
    return [{a for path in exact.get(u["id"], ()) for a in ancestors(path)} for u in rows]


def exact_labels(ws: Project, rows: Sequence[dict[str, Any]], coder: str | None = None) -> dict[int, set[str]]:
    """unit id -> the codes exactly as coded on it (a theme coded as such is the theme)."""
    codes = {c.id: c.path for c in ws.store.codes.tree(with_counts=False)}
    coder_id = ws.session.coder_filter(coder) if coder else None  # whose codings: an existing coder
    by_doc: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for r in ws.store.codings.records(coder_id):
        by_doc[r[1]].append((r[4], r[5], codes[r[2]]))
    out: dict[int, set[str]] = {}
    for u in rows:
        for s, e, path in by_doc.get(u["document_id"], ()):
            if s < u["end"] and e > u["start"]:
                out.setdefault(u["id"], set()).add(path)
    return out


def read_until(ws: Project, coder: str | None = None) -> dict[int, int]:
    """Interview id -> how far a person read it: the end of the last coding a person made there
    (any coder's, or ``coder``'s; an accepted suggestion is no sign of reading, as F4's queue
    jumps about). A coder codes in reading order, so a sentence past that point is not read yet:
    it says nothing, as a sentence of an interview nobody coded says nothing (the agreement
    check reads a coding that stops early alike, ``domain.differences.unfinished_documents``).
    Trained so on the demo, the closing words of finished interviews no longer taught "no code":
    theme F1 0.707 -> 0.710, sub-code F1 0.561 -> 0.569 (`bench/suggestion_quality.py`)."""
    coder_id = ws.session.coder_filter(coder) if coder else None
    last: dict[int, int] = {}
    for k in ws.store.codings.stored():
        if k.origin != "accepted-suggestion" and coder_id in (None, k.coder_id):
            last[k.document_id] = max(last.get(k.document_id, 0), k.end)
    return last


def _read_in_part(ws: Project, rows: Sequence[dict[str, Any]], unread: set[int], coded: set[int]) -> list[list]:
    """[name, sentences read, sentences] of each coded interview taken as read only in part
    (``unread``: the indexes in ``rows`` past the last coding)."""
    total: dict[int, int] = defaultdict(int)
    after: dict[int, int] = defaultdict(int)
    for i, u in enumerate(rows):
        total[u["document_id"]] += 1
        after[u["document_id"]] += i in unread
    names = {d.id: d.name for d in ws.store.documents.all(coded_share=False)} if unread else {}
    return sorted([names.get(d, str(d)), total[d] - n, total[d]] for d, n in after.items() if n and d in coded)


def _held(model: SuggestModel, proposable: Sequence[bool]) -> tuple[list[int], dict[str, float]]:
    """The training units with held-out confidences a suggestion could be made on, and the
    calibrated codes' thresholds."""
    held = model.held_out
    if held is None or not len(held):
        return [], {}
    thresholds = {lab: float(t) for lab, t, ok in zip(model.labels, model.thresholds, model.calibrated) if ok}
    return [i for i, row in enumerate(held.tolist()) if proposable[i] and not any(map(math.isnan, row))], thresholds


def held_out_right(model: SuggestModel, exact_of: Sequence[set[str]], proposable: Sequence[bool], floor: float,
                   at: float = 0.8) -> tuple[int, int]:
    """(right, made): of the suggestions the model makes with a confidence of at least ``at`` on
    units of interviews it did not learn from (each fold's model on its held-out interviews),
    how many are the code the coder gave: what `--all-above 0.8` may expect, said to the coder."""
    rows, thresholds = _held(model, proposable)
    right = made = 0
    for i in rows:
        probs = dict(zip(model.labels, map(float, model.held_out[i])))
        for c in choose(probs, thresholds, {}, i, rules_alone=False, floor=floor):
            if c.confidence is not None and c.confidence >= at:
                made += 1
                right += c.code in exact_of[i]
    return right, made


# a sub-code is never proposed below this confidence: one coding more moved the demo's best floor
# from 0.1 to 0.0 (F1 a hair better), and coders were shown "model 0.02" and "0.00" suggestions
LOWEST_FLOOR = 0.1


def choose_floor(model: SuggestModel, exact_of: Sequence[set[str]], proposable: Sequence[bool]) -> float:
    """The lowest confidence at which a sub-code is still proposed: the one that does best
    (mean F1 at theme and at sub-code level) on the training units' held-out confidences, never
    below ``LOWEST_FLOOR``."""
    rows, thresholds = _held(model, proposable)
    held, labels = model.held_out, model.labels
    if not rows:
        return LOWEST_FLOOR
    gold_t = {(i, lab.split("/")[0]) for i in rows for lab in exact_of[i]}
    gold_s = {(i, lab) for i in rows for lab in exact_of[i]}
    best, best_f = LOWEST_FLOOR, -1.0
    for floor in (LOWEST_FLOOR, 0.15, 0.2, 0.25, 0.3):
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


def train_model(ws: Project, *, coder: str | None = None, doc_ids: Iterable[int] | None = None,
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
    # an interview counts as coded when a person coded in it: one holding only accepted
    # suggestions was not read through, so its other sentences say nothing (read as "no code",
    # 25 suggestions accepted in ten more interviews left the model two suggestions to make);
    # its accepted sentences are examples, as the codebook's are: learned from, never scored
    by_hand = ws.store.codings.documents_coded_by_hand(ws.session.coder_filter(coder) if coder else None)
    labelled = {u["document_id"] for u, c in zip(rows, carried) if c}
    coded_docs = labelled & by_hand
    examples_only = labelled - by_hand
    # a coder codes in reading order: past her last coding an interview is not read yet, so its
    # sentences there say nothing either (4 of 15 answers coded in N02 taught the model that the
    # other 11 had no code, and it suggested nothing there)
    until = read_until(ws, coder) if use_codings else {}
    unread = {i for i, u in enumerate(rows) if u["document_id"] in until and u["start"] >= until[u["document_id"]]}
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
    documents = set()
    accepted_examples = 0
    hits = keyword_hits(codes, inputs)
    for i, (u, inp, c, h) in enumerate(zip(rows, inputs, carried, hits)):
        if u["document_id"] in coded_docs and i not in unread:
            feats.append(model_features(inp, h))
            groups.append(u["document_id"])
            weights.append(1.0)
            all_carried.append(c)
            exact[len(feats) - 1] = exact_codes.get(u["id"], set())
            if not has_content(inp) or (u.get("role") == "interviewer" and not interviewer_turns):
                silent.add(len(feats) - 1)  # never proposed: the threshold choice leaves it out
            trained_units.add(u["id"])
            documents.add(u["document_id"])
        elif c and (u["document_id"] in examples_only or i in unread):  # accepted where no one read (yet)
            feats.append(model_features(inp, h))
            groups.append(CODEBOOK_GROUP)
            weights.append(1.0)
            all_carried.append(c)
            trained_units.add(u["id"])
            documents.add(u["document_id"])
            accepted_examples += u["document_id"] in examples_only
        elif not coded_docs:
            feats.append(model_features(inp, h))
            groups.append(CODEBOOK_GROUP)
            weights.append(UNLABELLED_WEIGHT)
            all_carried.append(set())
            trained_units.add(u["id"])
            documents.add(u["document_id"])
    for inp, c, h in zip(cb_inputs, cb_carried, [{}] * len(cb_inputs)):
        feats.append(model_features(inp, h))
        groups.append(CODEBOOK_GROUP)
        weights.append(1.0)
        all_carried.append(c)
    model = train(feats, all_carried, groups, labels, weights=weights, seed=seed, progress=progress)
    exact_of, proposable = [exact.get(i, set()) for i in range(len(feats))], [i not in silent for i in range(len(feats))]
    floor = choose_floor(model, exact_of, proposable)
    used = sum(1 for i, (u, c) in enumerate(zip(rows, carried))
               if c and u["document_id"] in coded_docs and i not in unread)
    return TrainedModel(floor=floor, model=model, codings_used=used, codebook_sentences=len(cb_inputs),
                        coded_interviews=len(coded_docs), labels_from_codings=from_codings,
                        accepted_examples=(accepted_examples, len(examples_only)),
                        read_in_part=_read_in_part(ws, rows, unread, coded_docs),
                        trained_units=trained_units, documents=documents,
                        held_right=held_out_right(model, exact_of, proposable, floor))


def keep_model(ws: Project, trained: TrainedModel | None, codings: int) -> None:
    """Keep the newest model in the project: with a calibrated code, the model itself
    (about 5.5 MB for the demo project) and what ``suggest`` reports of it; without one, only
    that the last training calibrated nothing (the keywords or the codebook suggest)."""
    import base64

    from sto_qual.nlp.model_io import dump
    record: dict[str, Any] = {"calibrated_codes": trained.calibrated if trained else 0, "codings": codings}
    if trained is not None and trained.calibrated:
        record.update(model=base64.b64encode(dump(trained.model)).decode("ascii"), floor=trained.floor,
                      codings_used=trained.codings_used, codebook_sentences=trained.codebook_sentences,
                      coded_interviews=trained.coded_interviews, labels_from_codings=trained.labels_from_codings,
                      documents=sorted(trained.documents), held_right=list(trained.held_right),
                      accepted_examples=list(trained.accepted_examples), read_in_part=trained.read_in_part)
    ws.store.settings.set(MODEL_SETTING, record)
    ws.store.settings.set(MODEL_CODINGS, codings)


def kept_model(ws: Project) -> tuple[TrainedModel | None, str | None]:
    """The calibrated model the project keeps, or (None, why it must learn again): it was
    never kept (a project from before models were kept), cannot be read, knows a code the
    codebook no longer has (renamed, moved, deleted) or learned from a deleted interview.
    (None, None): no calibrated model, and no reason to train one."""
    record = ws.store.settings.get(MODEL_SETTING)
    if record is None:
        return None, ("the model was not kept in this project" if ws.store.settings.get(MODEL_CODINGS) is not None
                      else None)
    if isinstance(record, dict) and record.get("forgotten"):
        return None, record["forgotten"]
    if not isinstance(record, dict) or not record.get("model"):
        return None, None
    import base64

    from sto_qual.nlp.model_io import ModelFormatError, load
    try:
        model = load(base64.b64decode(record["model"]))
    except (ModelFormatError, ValueError, TypeError):
        return None, "the model kept in this project could not be read"
    paths = {c.path for c in ws.store.codes.tree(with_counts=False)}
    if not set(model.labels) <= paths:
        return None, "the codebook's codes changed since the model learned"
    if not set(record.get("documents", ())) <= {d.id for d in ws.store.documents.all(coded_share=False)}:
        return None, "an interview the model learned from was deleted"
    return TrainedModel(model=model, codings_used=record.get("codings_used", 0),
                        codebook_sentences=record.get("codebook_sentences", 0),
                        coded_interviews=record.get("coded_interviews", 0),
                        labels_from_codings=list(record.get("labels_from_codings", ())),
                        floor=max(float(record.get("floor", 0.0)), LOWEST_FLOOR),  # (one kept before it)
                        documents=set(record.get("documents", ())),
                        held_right=tuple(record.get("held_right") or (0, 0)),
                        accepted_examples=tuple(record.get("accepted_examples") or (0, 0)),
                        read_in_part=list(record.get("read_in_part") or ())), None


def has_kept_model(ws: Project) -> bool:
    """Whether the project keeps a model that judges at least one code (without reading it)."""
    record = ws.store.settings.get(MODEL_SETTING)
    return isinstance(record, dict) and bool(record.get("model"))


def calibrated_nothing(ws: Project) -> bool:
    """Whether the last training calibrated no code (fewer than two coded interviews): the
    codebook suggests then, in a plain run as in the learned one (a plain run added every
    keyword match as a suggestion of its own, the next learned run withdrew them, and so on)."""
    record = ws.store.settings.get(MODEL_SETTING)
    return (isinstance(record, dict) and not record.get("model") and not record.get("forgotten")
            and not record.get("calibrated_codes"))
