"""Theme counts, crosstabs, presence matrix, co-occurrence and saturation (pandas).

Inputs are plain records from the store:
  codes:  DataFrame[id, path, parent, position] in codebook (tree) order
  agg:    DataFrame[document_id, code_id, codings, words]  (spans counted once)
  spans:  DataFrame[document_id, code_id, coder_id, start, end]
  units:  DataFrame[id, document_id, start, end]
The unit of counting is the document (interview), as the report does.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

Wording = Callable[[int, int], str]


def ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _rolled(agg: pd.DataFrame, codes: pd.DataFrame, rollup: bool) -> pd.DataFrame:
    """Each aggregate row under its code's path and, with ``rollup``, under every ancestor's."""
    if rollup:
        pairs = [(cid, a) for cid, p in zip(codes["id"], codes["path"]) for a in ancestors(p)]
    else:
        pairs = list(zip(codes["id"], codes["path"]))
    link = pd.DataFrame(pairs, columns=["code_id", "path"])
    return agg.merge(link, on="code_id", how="inner")


def theme_counts(agg: pd.DataFrame, codes: pd.DataFrame, documents_total: int, wording: Wording,
                 rollup: bool = True) -> pd.DataFrame:
    df = _rolled(agg, codes, rollup)
    g = df.groupby("path", sort=False).agg(documents=("document_id", "nunique"), codings=("codings", "sum"),
                                           words=("words", "sum"))
    out = pd.DataFrame({"code": codes["path"].values}).set_index("code")
    out = out.join(g).fillna(0)
    out = out.astype({"documents": int, "codings": int, "words": int})
    out["documents_total"] = documents_total
    out["share"] = (out["documents"] / documents_total).round(4) if documents_total else 0.0
    out["wording"] = [wording(int(n), documents_total) for n in out["documents"]]
    return out.reset_index()[["code", "documents", "documents_total", "share", "wording", "codings", "words"]]


def counts_table(paths: Sequence[str], totals: Sequence[tuple[str, int, int, int]], documents_total: int,
                 wording: Wording) -> pd.DataFrame:
    """The theme-count table from per-code totals (code, documents, codings, words)."""
    by = {t[0]: t for t in totals}
    rows = []
    for p in paths:
        _, n, codings, words = by.get(p, (p, 0, 0, 0))
        rows.append({"code": p, "documents": int(n), "documents_total": documents_total,
                     "share": round(n / documents_total, 4) if documents_total else 0.0,
                     "wording": wording(int(n), documents_total), "codings": int(codings), "words": int(words)})
    return pd.DataFrame(rows, columns=["code", "documents", "documents_total", "share", "wording", "codings", "words"])


def crosstab(agg: pd.DataFrame, codes: pd.DataFrame, doc_values: pd.DataFrame, wording: Wording,
             rollup: bool = True) -> pd.DataFrame:
    """One row per code and attribute value. ``doc_values``: DataFrame[document_id, value]
    (a document may have several values, e.g. respondent roles)."""
    df = _rolled(agg, codes, rollup).merge(doc_values, on="document_id")
    totals = doc_values.groupby("value")["document_id"].nunique()
    g = df.groupby(["path", "value"]).agg(documents=("document_id", "nunique"), codings=("codings", "sum"),
                                          words=("words", "sum"))
    values = sorted(totals.index, key=str)
    idx = pd.MultiIndex.from_product([codes["path"].tolist(), values], names=["path", "value"])
    g = g.reindex(idx, fill_value=0).reset_index()
    g["documents_total"] = g["value"].map(totals).astype(int)
    g["share"] = (g["documents"] / g["documents_total"]).round(4)
    g["wording"] = [wording(int(n), int(t)) for n, t in zip(g["documents"], g["documents_total"])]
    g = g.rename(columns={"path": "code"})
    return g[["code", "value", "documents", "documents_total", "share", "wording", "codings", "words"]]


def presence_matrix(agg: pd.DataFrame, codes: pd.DataFrame, doc_names: dict[int, str],
                    rollup: bool = True) -> pd.DataFrame:
    """code x document: number of codings (0 = absent)."""
    df = _rolled(agg, codes, rollup)
    m = df.pivot_table(index="path", columns="document_id", values="codings", aggfunc="sum", fill_value=0)
    m = m.reindex(index=codes["path"].tolist(), columns=list(doc_names), fill_value=0)
    m.columns = [doc_names[c] for c in m.columns]
    m.index.name = "code"
    return m.astype(int)


def units_of_spans(spans: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Pairs (coding row index, unit id) for every unit a coding overlaps."""
    rows = []
    for doc_id, us in units.groupby("document_id"):
        starts = us["start"].to_numpy()
        ends = us["end"].to_numpy()
        ids = us["id"].to_numpy()
        order = np.argsort(starts)
        starts, ends, ids = starts[order], ends[order], ids[order]
        sp = spans[spans["document_id"] == doc_id]
        if sp.empty:
            continue
        lo = np.searchsorted(ends, sp["start"].to_numpy(), side="right")
        hi = np.searchsorted(starts, sp["end"].to_numpy(), side="left")
        for idx, a, b in zip(sp.index, lo, hi):
            for j in range(a, b):
                rows.append((idx, ids[j]))
    return pd.DataFrame(rows, columns=["span", "unit_id"])


def cooccurrence(spans: pd.DataFrame, units: pd.DataFrame, codes: pd.DataFrame,
                 rollup: bool = False) -> pd.DataFrame:
    """Pairs of codes that sit on at least one common sentence unit (overlapping codings
    always do). Columns code_a, code_b, units, documents."""
    if spans.empty:
        return pd.DataFrame(columns=["code_a", "code_b", "units", "documents"])
    path_of = dict(zip(codes["id"], codes["path"]))
    link = units_of_spans(spans, units)
    link["path"] = spans.loc[link["span"], "code_id"].map(path_of).to_numpy()
    link["document_id"] = spans.loc[link["span"], "document_id"].to_numpy()
    if rollup:
        link["path"] = link["path"].map(lambda p: p.split("/")[0])
    per_unit = link.groupby("unit_id").agg(paths=("path", lambda s: sorted(set(s))),
                                           document_id=("document_id", "first"))
    counts: dict[tuple[str, str], list] = {}
    for paths, doc in zip(per_unit["paths"], per_unit["document_id"]):
        for a, b in combinations(paths, 2):
            entry = counts.setdefault((a, b), [0, set()])
            entry[0] += 1
            entry[1].add(doc)
    order = {p: i for i, p in enumerate(codes["path"])}
    rows = [{"code_a": a, "code_b": b, "units": n, "documents": len(docs)}
            for (a, b), (n, docs) in counts.items()]
    rows.sort(key=lambda r: (-r["units"], order.get(r["code_a"], 0), order.get(r["code_b"], 0)))
    return pd.DataFrame(rows, columns=["code_a", "code_b", "units", "documents"])


def cooccurrence_matrix(pairs: pd.DataFrame, paths: Sequence[str], value: str = "units") -> pd.DataFrame:
    m = pd.DataFrame(0, index=list(paths), columns=list(paths))
    for a, b, v in zip(pairs["code_a"], pairs["code_b"], pairs[value]):
        if a in m.index and b in m.index:
            m.loc[a, b] = v
            m.loc[b, a] = v
    return m


def saturation(agg: pd.DataFrame, codes: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """``docs``: DataFrame[document_id, name, order_key] in interview order. New codes per interview."""
    path_of = dict(zip(codes["id"], codes["path"]))
    seen: set[str] = set()
    rows = []
    by_doc = agg.groupby("document_id")["code_id"].apply(lambda s: {path_of[c] for c in s}).to_dict()
    for i, (doc_id, name, key) in enumerate(zip(docs["document_id"], docs["name"], docs["order_key"]), 1):
        present = by_doc.get(doc_id, set())
        new = sorted(present - seen)
        seen |= present
        rows.append({"order": i, "doc": name, "date": key, "codes": len(present), "new_codes": len(new),
                     "cumulative": len(seen), "new": new})
    return pd.DataFrame(rows, columns=["order", "doc", "date", "codes", "new_codes", "cumulative", "new"])
