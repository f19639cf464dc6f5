"""How good are the suggestions? Per-code precision and recall at sentence-unit level against
the sample corpus's reference codings (onderzoeker-a).

    python bench/suggestion_quality.py [--json FILE] [--seed N] [--threshold 0.5]

* rules: the codebook's keyword/lemma patterns over every unit of all 19 interviews;
* rules + model: the learned textcat trained on the units of 12 interviews (a fixed split
  by document) and scored, together with the rules, on the other 7 — never on its own
  training data.

A unit counts as truly coded with a code when a reference coding of that code (or of one
of its sub-codes, for a theme) overlaps it. Prints a table and writes JSON.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def build(tmp: Path):
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp / "q.db", default_coder="onderzoeker-a")
    t = REPO / "transcripts"
    assert ws.import_files([t], attributes=t / "attributes.csv", role_map=t / "roles.csv").ok
    for f in sorted((t / "codings" / "onderzoeker-a").glob("*.yaml")):
        ws.import_codings(f)
    return ws


def truth(ws, units, codes) -> dict[str, set[int]]:
    """code path -> unit ids it truly applies to (themes roll up their sub-codes)."""
    out: dict[str, set[int]] = defaultdict(set)
    by_doc = defaultdict(list)
    for u in units:
        by_doc[u["document_id"]].append(u)
    for c in ws.codings(coder="onderzoeker-a"):
        for u in by_doc[c.document_id]:
            if c.start < u["end"] and c.end > u["start"]:
                parts = c.code.split("/")
                for i in range(len(parts)):
                    out["/".join(parts[: i + 1])].add(u["id"])
    return out


def score(pred: dict[str, set[int]], gold: dict[str, set[int]], universe: set[int], codes: list[str]):
    rows = []
    tp_all = fp_all = fn_all = 0
    for code in codes:
        p = pred.get(code, set()) & universe
        g = gold.get(code, set()) & universe
        tp, fp, fn = len(p & g), len(p - g), len(g - p)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        rows.append({"code": code, "true_units": len(g), "suggested": len(p), "hits": tp,
                     "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                     "recall": round(tp / (tp + fn), 3) if tp + fn else None})
    rows.append({"code": "(all codes)", "true_units": tp_all + fn_all, "suggested": tp_all + fp_all, "hits": tp_all,
                 "precision": round(tp_all / (tp_all + fp_all), 3) if tp_all + fp_all else None,
                 "recall": round(tp_all / (tp_all + fn_all), 3) if tp_all + fn_all else None})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args(argv)
    from sto_qual.nlp.suggest import rule_matches, train_textcat
    tmp = Path(tempfile.mkdtemp(prefix="sto-sq-"))
    try:
        ws = build(tmp)
        units = ws.store.all_units()
        codes = [c for c in ws.codebook()]
        paths = [c.path for c in codes]
        gold = truth(ws, units, paths)
        # roll rule hits of sub-codes up into their theme, as the truth does
        rules: dict[str, set[int]] = defaultdict(set)
        for u, code_id, _reason in rule_matches(units, [(c.id, c.path, c.keywords) for c in codes if c.keywords]):
            path = next(c.path for c in codes if c.id == code_id)
            parts = path.split("/")
            for i in range(len(parts)):
                rules["/".join(parts[: i + 1])].add(u["id"])
        docs = sorted({u["document_id"] for u in units})
        train_docs = set(docs[:12])
        test_units = {u["id"] for u in units if u["document_id"] not in train_docs}
        all_units = {u["id"] for u in units}
        texts, cats, labels = ws.training_data(min_codings=10, doc_ids=train_docs)
        model = train_textcat(texts, cats, labels, seed=args.seed)
        test = [u for u in units if u["id"] in test_units]
        learned: dict[str, set[int]] = defaultdict(set)
        for u, scores in zip(test, model.predict([u["text"] for u in test])):
            for label, p in scores.items():
                if p >= args.threshold:
                    parts = label.split("/")
                    for i in range(len(parts)):
                        learned["/".join(parts[: i + 1])].add(u["id"])
        combined = {c: rules.get(c, set()) | learned.get(c, set()) for c in paths}
        r_all = score(rules, gold, all_units, paths)
        r_test = score(rules, gold, test_units, paths)
        c_test = score(combined, gold, test_units, paths)
        table = []
        for a, b, c in zip(r_all, r_test, c_test):
            table.append({"code": a["code"], "rules_P": a["precision"], "rules_R": a["recall"],
                          "rules_P_test": b["precision"], "rules_R_test": b["recall"],
                          "rules+model_P_test": c["precision"], "rules+model_R_test": c["recall"],
                          "true_units_test": c["true_units"]})
        cols = list(table[0])
        print(f"units: {len(units)} (test: {len(test_units)} in {len(docs) - 12} interviews); "
              f"model trained on {len(texts)} units of 12 interviews for {len(labels)} codes; threshold {args.threshold}")
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        for row in table:
            print("| " + " | ".join("" if row[c] is None else str(row[c]) for c in cols) + " |")
        if args.json:
            args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
        ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
