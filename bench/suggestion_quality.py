"""How good are the suggestions? Leave-interviews-out evaluation against onderzoeker-a.

    python bench/suggestion_quality.py [--json FILE] [--folds 5] [--seed 0] [--compare-textcat]

The 19 demo interviews are cut into 5 folds by name (R01, R06, R11, R16 in fold 1; R02,
R07, ... in fold 2; ...). For each fold the model learns from onderzoeker-a's codings of
the other interviews (and the codebook), chooses its thresholds and calibration by
cross-validation inside those, and is scored on the fold's interviews only. Nothing of a
scored interview is trained on (checked, per fold). Scores pool the five folds:

* theme level: a unit is right for a theme when onderzoeker-a coded the theme or one of
  its sub-codes on it; a suggested sub-code counts for its theme;
* sub-code level: the exact code (a theme coded as such is its own label);
* micro over all units and codes, and per code;
* rows: keyword rules alone; codebook only (no codings, so no calibrated model: the
  interviewer's question and each sentence matched against the codebook's texts,
  ``nlp.codebook_match``); the model alone; rules + model
  (what ``sto-qual suggest --learned`` does); onderzoeker-b against onderzoeker-a on the
  six interviews both coded (the ceiling), with rules + model on the same six beside it;
* a precision-recall table by one confidence threshold for every code, and calibration:
  of the suggestions with confidence >= c, the share that is right.

Also timed: training on the whole demo project, and suggesting for a new 6,000-word
interview with a trained model. Prints tables and writes JSON. The demo project is built
once and cached in the temp directory (keyed by the corpus, codebook and sources).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
REFERENCE, SECOND = "onderzoeker-a", "onderzoeker-b"
TARGETS = {"theme_f1": 0.68, "theme_p": 0.65, "sub_f1": 0.55, "sub_p": 0.55, "codebook_theme_f1": 0.50,
           "train_s": 15.0, "suggest_s": 1.0}
PR_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


# ----------------------------------------------------------------------------- project
def cached_demo() -> Path:
    """The demo project, built once per corpus/codebook/source version."""
    h = hashlib.sha256()
    for root in ("transcripts", "codebook", "src/sto_qual"):
        for f in sorted((REPO / root).rglob("*")):
            if f.is_file() and f.suffix not in {".pyc"} and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(REPO)).encode())
                h.update(f.read_bytes())
    target = Path(tempfile.gettempdir()) / "sto-qual-bench" / f"demo-{h.hexdigest()[:16]}.db"
    if not target.exists():
        from sto_qual.services.demo import build_demo
        build_demo(target, REPO / "transcripts")
    return target


def folds_of(names: dict[int, str], k: int) -> list[set[int]]:
    """Deterministic folds: interviews by name, dealt round-robin."""
    order = sorted(names, key=lambda d: names[d])
    return [set(order[i::k]) for i in range(k)]


# ----------------------------------------------------------------------------- scoring
def pairs(cands, level: str) -> set[tuple[int, str]]:
    if level == "theme":
        return {(c.unit, c.code.split("/")[0]) for c in cands}
    return {(c.unit, c.code) for c in cands}


def gold_pairs(ws, rows, coder: str, level: str) -> set[tuple[int, str]]:
    from sto_qual.services.suggesting import exact_labels
    return {(unit, path.split("/")[0] if level == "theme" else path)
            for unit, paths in exact_labels(ws, rows, coder).items() for path in paths}


def prf(pred: set, gold: set) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else None
    r = tp / len(gold) if gold else None
    f = 2 * tp / (len(pred) + len(gold)) if pred or gold else None
    return {"P": _r(p), "R": _r(r), "F1": _r(f), "suggested": len(pred), "true": len(gold), "hits": tp}


def _r(x):
    return None if x is None else round(x, 3)


def per_code(pred: set, gold: set) -> dict[str, dict]:
    codes = sorted({c for _, c in pred | gold})
    return {c: prf({p for p in pred if p[1] == c}, {g for g in gold if g[1] == c}) for c in codes}


# ----------------------------------------------------------------------------- runs
def evaluate(ws, folds: list[set[int]], *, seed: int = 0, coder: str = REFERENCE, codebook_only: bool = False,
             model_only: bool = False, rules_only: bool = False, thresholds: list[float] = (),
             log=print) -> dict:
    """Leave-interviews-out candidates of every fold (pooled), with the leakage check:
    ``trained`` and ``scored`` unit ids per fold must be disjoint (raises otherwise)."""
    from sto_qual.services import suggesting as sg
    codes = ws.store.codes.tree(with_counts=False)
    rows, inputs = sg.interview_units(ws)
    cands, by_threshold, scored_all, leaks = [], defaultdict(list), [], []
    fold_log = []
    for i, test_docs in enumerate(folds):
        train_docs = {u["document_id"] for u in rows} - test_docs
        t0 = time.perf_counter()
        trained = None
        if not rules_only:
            trained = sg.train_model(ws, coder=coder, doc_ids=train_docs, seed=seed, prepared=(rows, inputs),
                                     use_codings=not codebook_only)
        t_train = time.perf_counter() - t0
        test_idx = [j for j, u in enumerate(rows) if u["document_id"] in test_docs]
        t_rows, t_inputs = [rows[j] for j in test_idx], [inputs[j] for j in test_idx]
        scored = {u["id"] for u in t_rows}
        trained_units = trained.trained_units if trained else set()
        if trained_units & scored:
            leaks.append(i)
        model = trained.model if trained else None
        # before a calibrated model the codebook suggests; its idf sees every unit's words, no codings
        scoring = sg.score_units(model, [] if model_only else codes, t_inputs, [u["document_id"] for u in t_rows],
                                 floor=trained.floor if trained else 0.0, codebook=not rules_only,
                                 background=inputs)
        cands += sg.candidates_from(scoring, t_rows, rules_alone=rules_only)
        for t in thresholds:
            by_threshold[t] += sg.candidates_from(scoring, t_rows, threshold=t)
        scored_all += t_rows
        fold_log.append({"fold": i + 1, "scored_interviews": len(test_docs), "scored_units": len(scored),
                         "trained_units": len(trained_units), "train_s": round(t_train, 2),
                         "sub_code_floor": trained.floor if trained else None})
    if leaks:
        raise AssertionError(f"fold(s) {leaks} scored units they were trained on")
    return {"candidates": cands, "by_threshold": dict(by_threshold), "rows": scored_all, "folds": fold_log}


def summarise(ws, run: dict, coder: str = REFERENCE, docs: set[int] | None = None) -> dict:
    rows = [u for u in run["rows"] if docs is None or u["document_id"] in docs]
    ids = {u["id"] for u in rows}
    cands = [c for c in run["candidates"] if c.unit in ids]
    out = {}
    for level in ("theme", "sub"):
        gold = gold_pairs(ws, rows, coder, "theme" if level == "theme" else "exact")
        pred = pairs(cands, "theme" if level == "theme" else "exact")
        out[level] = prf(pred, gold)
        out[level + "_per_code"] = per_code(pred, gold)
    return out


def pr_table(ws, run: dict) -> list[dict]:
    rows = run["rows"]
    g_theme, g_sub = gold_pairs(ws, rows, REFERENCE, "theme"), gold_pairs(ws, rows, REFERENCE, "exact")
    out = []
    for t, cands in sorted(run["by_threshold"].items()):
        th, sb = prf(pairs(cands, "theme"), g_theme), prf(pairs(cands, "exact"), g_sub)
        out.append({"threshold": t, "theme_P": th["P"], "theme_R": th["R"], "theme_F1": th["F1"],
                    "sub_P": sb["P"], "sub_R": sb["R"], "sub_F1": sb["F1"], "suggested": sb["suggested"]})
    return out


def calibration(ws, run: dict, cuts=(0.5, 0.6, 0.7, 0.8, 0.9)) -> list[dict]:
    """Of the suggestions with confidence >= c, the share that is right: the unit carries
    that code (for a theme: the theme or one of its sub-codes) in onderzoeker-a's coding."""
    from sto_qual.services.suggesting import ancestors
    rows = run["rows"]
    carried = defaultdict(set)
    for unit, path in gold_pairs(ws, rows, REFERENCE, "exact"):
        carried[unit].update(ancestors(path))
    # the full list at the lowest threshold holds every suggestion a higher cut keeps
    cands = run["by_threshold"][min(run["by_threshold"])]
    out = []
    for c in cuts:
        sel = [x for x in cands if x.confidence is not None and x.confidence >= c]
        right = sum(1 for x in sel if x.code in carried[x.unit])
        out.append({"confidence_at_least": c, "suggestions": len(sel),
                    "right": _r(right / len(sel)) if sel else None})
    return out


def ceiling(ws) -> tuple[dict, set[int]]:
    """onderzoeker-b against onderzoeker-a on the interviews both coded."""
    b_docs = {r[1] for r in ws.store.codings.records(ws.coder_id(SECOND))}
    rows = [u for u in ws.store.transcripts.all_units() if u["document_id"] in b_docs]
    out = {}
    for level, key in (("theme", "theme"), ("sub", "exact")):
        out[level] = prf(gold_pairs(ws, rows, SECOND, key), gold_pairs(ws, rows, REFERENCE, key))
        out[level + "_per_code"] = per_code(gold_pairs(ws, rows, SECOND, key), gold_pairs(ws, rows, REFERENCE, key))
    return out, b_docs


def timings(db: Path, seed: int) -> dict:
    """Training on the whole demo project; suggesting for a new 6,000-word interview."""
    from corpus import generate

    from sto_qual.services import Workspace
    from sto_qual.services import suggesting as sg
    work = Path(tempfile.mkdtemp(prefix="sto-sq-t-"))
    try:
        shutil.copy(db, work / "t.db")
        ws = Workspace.open(work / "t.db")
        t0 = time.perf_counter()
        trained = sg.train_model(ws, seed=seed)
        t_train = time.perf_counter() - t0
        generate(work / "new", 1, 6000, 0, seed=5)
        before = {d.id for d in ws.documents()}
        ws.import_files([work / "new" / "docs"])
        new = next(d for d in ws.documents() if d.id not in before)
        t0 = time.perf_counter()
        rows, inputs = sg.interview_units(ws, [new.id])
        cands = sg.candidates_from(sg.score_units(trained.model, ws.store.codes.tree(with_counts=False), inputs,
                                                  [u["document_id"] for u in rows], floor=trained.floor), rows)
        t_suggest = time.perf_counter() - t0
        ws.close()
        return {"train_s": round(t_train, 2), "suggest_new_interview_s": round(t_suggest, 3),
                "new_interview_words": new.words, "new_interview_suggestions": len(cands)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def textcat_compare(ws, folds, seed: int) -> dict:
    """spaCy's textcat_multilabel (bag of words) on the same features and folds, model only."""
    from sto_qual.nlp.features import has_content, unit_features
    from sto_qual.nlp.suggest import train_textcat
    from sto_qual.services import suggesting as sg
    rows, inputs = sg.interview_units(ws)
    carried = sg.carried_labels(ws, rows, REFERENCE)
    labels = sorted({lab for c in carried for lab in c})
    preds = []
    t_total = 0.0
    for test_docs in folds:
        tr = [j for j, u in enumerate(rows) if u["document_id"] not in test_docs]
        te = [j for j, u in enumerate(rows) if u["document_id"] in test_docs]
        texts = [" ".join(unit_features(inputs[j])) for j in tr]
        cats = [{lab: float(lab in carried[j]) for lab in labels} for j in tr]
        t0 = time.perf_counter()
        model = train_textcat(texts, cats, labels, seed=seed)
        t_total += time.perf_counter() - t0
        for j, scores in zip(te, model.predict([" ".join(unit_features(inputs[j])) for j in te])):
            probs = {lab: p for lab, p in scores.items()}
            if rows[j].get("role") != "interviewer" and has_content(inputs[j]):
                preds += sg.choose(probs, {lab: 0.5 for lab in labels}, {}, rows[j]["id"], rules_alone=False)
    return {"candidates": preds, "rows": rows, "train_s_per_fold": round(t_total / len(folds), 2)}


# ----------------------------------------------------------------------------- output
def md_table(rows: list[dict], cols: list[str]) -> str:
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join("" if r.get(c) is None else str(r[c]) for c in cols) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--compare-textcat", action="store_true", help="also run spaCy textcat (slow)")
    args = ap.parse_args(argv)
    from sto_qual.services import Workspace
    db = cached_demo()
    ws = Workspace.open(db)
    names = {d.id: d.name for d in ws.documents()}
    folds = folds_of(names, args.folds)
    t0 = time.perf_counter()
    runs = {
        "rules": evaluate(ws, folds, rules_only=True, log=None),
        "codebook only": evaluate(ws, folds, seed=args.seed, codebook_only=True),
        "model": evaluate(ws, folds, seed=args.seed, model_only=True),
        "rules + model": evaluate(ws, folds, seed=args.seed, thresholds=PR_THRESHOLDS),
    }
    if args.compare_textcat:
        runs["spaCy textcat (model only)"] = textcat_compare(ws, folds, args.seed)
    ceil, b_docs = ceiling(ws)
    table, results = [], {}
    for name, run in runs.items():
        s = summarise(ws, run)
        results[name] = s
        table.append({"row": name, "theme P": s["theme"]["P"], "theme R": s["theme"]["R"],
                      "theme F1": s["theme"]["F1"], "sub-code P": s["sub"]["P"], "sub-code R": s["sub"]["R"],
                      "sub-code F1": s["sub"]["F1"], "suggestions": s["sub"]["suggested"]})
    same6 = summarise(ws, runs["rules + model"], docs=b_docs)
    for name, s in (("rules + model, the 6 doubly-coded interviews", same6),
                    ("onderzoeker-b vs a, the same 6 (ceiling)", ceil)):
        table.append({"row": name, "theme P": s["theme"]["P"], "theme R": s["theme"]["R"],
                      "theme F1": s["theme"]["F1"], "sub-code P": s["sub"]["P"], "sub-code R": s["sub"]["R"],
                      "sub-code F1": s["sub"]["F1"], "suggestions": s["sub"]["suggested"]})
    pr = pr_table(ws, runs["rules + model"])
    cal = calibration(ws, runs["rules + model"])
    t_eval = time.perf_counter() - t0
    ws.close()
    times = timings(db, args.seed)
    times["model_train_s_per_fold"] = round(sum(f["train_s"] for f in runs["rules + model"]["folds"])
                                            / len(folds), 2)
    if args.compare_textcat:
        times["textcat_train_s_per_fold"] = runs["spaCy textcat (model only)"]["train_s_per_fold"]
    best = results["rules + model"]
    checks = {
        "theme F1 >= 0.68": best["theme"]["F1"] >= TARGETS["theme_f1"],
        "theme P >= 0.65": best["theme"]["P"] >= TARGETS["theme_p"],
        "sub-code F1 >= 0.55": best["sub"]["F1"] >= TARGETS["sub_f1"],
        "sub-code P >= 0.55": best["sub"]["P"] >= TARGETS["sub_p"],
        "codebook only theme F1 >= 0.50": results["codebook only"]["theme"]["F1"] >= TARGETS["codebook_theme_f1"],
        "training < 15 s": times["train_s"] < TARGETS["train_s"],
        "new 6,000-word interview < 1 s": times["suggest_new_interview_s"] < TARGETS["suggest_s"],
        ">= 80 % right at confidence >= 0.8": next(c for c in cal if c["confidence_at_least"] == 0.8)["right"]
        is not None and next(c for c in cal if c["confidence_at_least"] == 0.8)["right"] >= 0.8,
    }
    print(f"{len(folds)} folds by interview; against {REFERENCE}; evaluation {t_eval:.1f} s")
    print(md_table(table, list(table[0])))
    print()
    per = []
    # themes at theme level (with their sub-codes); sub-codes exactly
    levels = {**best["theme_per_code"], **{c: s for c, s in best["sub_per_code"].items() if "/" in c}}
    for code, s in sorted(levels.items()):
        c6 = ceil["theme_per_code" if "/" not in code else "sub_per_code"].get(code, {})
        per.append({"code": code, "P": s["P"], "R": s["R"], "F1": s["F1"], "true units": s["true"],
                    "onderzoeker-b F1 (6)": c6.get("F1")})
    print(md_table(per, list(per[0])))
    print()
    print(md_table(pr, list(pr[0])))
    print()
    print(md_table(cal, list(cal[0])))
    print()
    print(json.dumps(times))
    for k, v in checks.items():
        print(("PASS " if v else "MISS ") + k)
    if args.json:
        args.json.write_text(json.dumps({"table": table, "per_code": per, "precision_recall": pr,
                                         "calibration": cal, "timings": times, "targets": checks,
                                         "folds": runs["rules + model"]["folds"]}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
