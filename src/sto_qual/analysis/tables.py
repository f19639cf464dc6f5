"""Theme counts, crosstabs, presence matrix, co-occurrence and saturation (pandas).

Inputs are plain records from the store:
  codes:  DataFrame[id, path, parent, position] in codebook (tree) order
  agg:    DataFrame[document_id, code_id, codings, words]  (spans counted once)
  covered: DataFrame[document_id, path, codings, words]  (rolled up already; each word once)
  spans:  DataFrame[document_id, code_id, coder_id, start, end]
  unit_codes: (document id, unit id, code id, coder id) of each unit a coding overlaps
The unit of counting is the document (interview), as the report does.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from itertools import combinations

import pandas as pd

from sto_qual.domain.codebook import ancestors
from sto_qual.domain.text import natural_key

Wording = Callable[[int, int], str]
Table = pd.DataFrame  # what the services hand on without importing pandas themselves


def _rolled(agg: pd.DataFrame, codes: pd.DataFrame, rollup: bool) -> pd.DataFrame:
    """Each aggregate row under its code's path and, with ``rollup``, under every ancestor's."""
    if rollup:
        pairs = [(cid, a) for cid, p in zip(codes["id"], codes["path"]) for a in ancestors(p)]
    else:
        pairs = list(zip(codes["id"], codes["path"]))
    link = pd.DataFrame(pairs, columns=["code_id", "path"])
    return agg.merge(link, on="code_id", how="inner")


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


def crosstab(covered: pd.DataFrame, paths: Sequence[str], doc_values: pd.DataFrame, wording: Wording) -> pd.DataFrame:
    """One row per code and attribute value. ``covered``: DataFrame[document_id, path, codings,
    words], one row per document a code (rolled up or not) has codings in, its words each
    counted once (``frames.covered_frame``); ``doc_values``: DataFrame[document_id, value] (a
    document may have several values, e.g. respondent roles)."""
    df = covered.merge(doc_values, on="document_id")
    totals = doc_values.groupby("value")["document_id"].nunique()
    g = df.groupby(["path", "value"]).agg(documents=("document_id", "nunique"), codings=("codings", "sum"),
                                          words=("words", "sum"))
    values = sorted(totals.index, key=natural_key)  # "2" before "10"
    idx = pd.MultiIndex.from_product([list(paths), values], names=["path", "value"])
    g = g.reindex(idx, fill_value=0).reset_index()
    g["documents_total"] = g["value"].map(totals).astype(int)
    g["share"] = (g["documents"] / g["documents_total"]).round(4)
    g["wording"] = [wording(int(n), int(t)) for n, t in zip(g["documents"], g["documents_total"])]
    g = g.rename(columns={"path": "code"})
    return g[["code", "value", "documents", "documents_total", "share", "wording", "codings", "words"]]


def presence_matrix(agg: pd.DataFrame, codes: pd.DataFrame, doc_names: dict[int, tuple[str, ...]],
                    rollup: bool = True, sort: Collection[str] = ()) -> pd.DataFrame:
    """code x document: number of codings (0 = absent). Documents that share a name (columns
    named by an attribute such as region_type) are one column: their codings added up; a
    document with several names (a list of roles) adds its codings to each. ``sort``: the
    names (an attribute's values) whose columns come first, in order (numbers as numbers); the
    other columns after them as the documents come."""
    df = _rolled(agg, codes, rollup)
    m = df.pivot_table(index="path", columns="document_id", values="codings", aggfunc="sum", fill_value=0)
    m = m.reindex(index=codes["path"].tolist(), columns=list(doc_names), fill_value=0)
    order = list(dict.fromkeys(n for d in doc_names for n in doc_names[d]))
    if sort:
        order.sort(key=lambda n: (0, 0, int(n), "") if n in sort and n.isdigit()
                   else (0, 1, 0, n.casefold()) if n in sort else (1, 0, 0, ""))
    out = pd.DataFrame(0, index=m.index, columns=order)
    for d in m.columns:
        for n in doc_names[d]:
            out[n] += m[d]
    out.index.name = "code"
    return out.astype(int)


def cooccurrence(unit_codes: Sequence[tuple[int, int, int, int]], codes: pd.DataFrame,
                 rollup: bool = False) -> pd.DataFrame:
    """Pairs of codes that one coder applied to a common sentence unit (overlapping codings
    by one coder always are). ``unit_codes``: distinct (document id, unit id, code id, coder
    id) of every unit a coding overlaps. A unit counts for a pair when at least one coder
    applied both codes there, once however many did: one coder's X beside another's Y on
    the same sentence is a difference between coders, not a co-occurrence. With one coder's
    codings this is simply the pairs on each unit. Columns code_a, code_b, units,
    documents; one pass over the units."""
    if not unit_codes:
        return pd.DataFrame(columns=["code_a", "code_b", "units", "documents"])
    path_of = _path_of(codes, rollup)
    per_coder: dict[tuple[int, int], set[str]] = {}  # (unit, coder) -> the paths that coder put there
    doc_of: dict[int, int] = {}
    for doc, unit, code_id, coder_id in unit_codes:
        path = path_of.get(code_id)
        if path is None:
            continue
        per_coder.setdefault((unit, coder_id), set()).add(path)
        doc_of[unit] = doc
    per_unit: dict[int, set[tuple[str, str]]] = {}
    for (unit, _coder), paths in per_coder.items():
        if len(paths) > 1:
            per_unit.setdefault(unit, set()).update(combinations(sorted(paths), 2))
    units: dict[tuple[str, str], int] = {}
    docs: dict[tuple[str, str], set[int]] = {}
    for unit, pairs in per_unit.items():
        doc = doc_of[unit]
        for pair in pairs:
            units[pair] = units.get(pair, 0) + 1
            docs.setdefault(pair, set()).add(doc)
    order = {p: i for i, p in enumerate(codes["path"])}
    rows = [{"code_a": a, "code_b": b, "units": n, "documents": len(docs[(a, b)])}
            for (a, b), n in units.items()]
    rows.sort(key=lambda r: (-r["units"], order.get(r["code_a"], 0), order.get(r["code_b"], 0)))
    return pd.DataFrame(rows, columns=["code_a", "code_b", "units", "documents"])


def with_c_coefficient(pairs: pd.DataFrame, totals: dict[str, int], value: str) -> pd.DataFrame:
    """ATLAS.ti's c-coefficient beside each pair's count, ``c``: n12 / (n1 + n2 - n12), of the sentences
    (interviews, ``value``) with either code the share that hold both (0: never together, 1: always);
    ``totals``: each code's own (``unit_totals``, ``interview_totals``). A count alone ranks the pairs of
    frequent codes first, however seldom they meet."""
    if pairs.empty:
        return pairs.assign(c=pd.Series(dtype=float))
    both = pairs[value].astype(float)
    either = pairs["code_a"].map(totals).fillna(0) + pairs["code_b"].map(totals).fillna(0) - both
    return pairs.assign(c=(both / either.where(either > 0)).round(4))


def interview_cooccurrence(agg: pd.DataFrame, codes: pd.DataFrame, rollup: bool = False) -> pd.DataFrame:
    """Pairs of codes that both occur in an interview, anywhere in it (a matrix coding query at
    the level of the case): ``documents``, the interviews that hold both. ``agg``: rows of
    (document_id, code_id); with ``rollup`` each code counts as its theme. Columns code_a,
    code_b, documents."""
    docs: dict[tuple[str, str], int] = {}
    for paths in _codes_per_interview(agg, codes, rollup).values():
        for pair in combinations(sorted(paths), 2):
            docs[pair] = docs.get(pair, 0) + 1
    order = {p: i for i, p in enumerate(codes["path"])}
    rows = [{"code_a": a, "code_b": b, "documents": n} for (a, b), n in docs.items()]
    rows.sort(key=lambda r: (-r["documents"], order.get(r["code_a"], 0), order.get(r["code_b"], 0)))
    return pd.DataFrame(rows, columns=["code_a", "code_b", "documents"])


def unit_totals(unit_codes: Sequence[tuple[int, int, int, int]], codes: pd.DataFrame,
                rollup: bool = False) -> dict[str, int]:
    """Code path -> the sentence units any coder of ``unit_codes`` applied it to (as
    ``cooccurrence`` reads them): a co-occurrence matrix's diagonal at the sentence level."""
    path_of = _path_of(codes, rollup)
    units: dict[str, set[int]] = {}
    for _doc, unit, code_id, _coder in unit_codes:
        if code_id in path_of:
            units.setdefault(path_of[code_id], set()).add(unit)
    return {p: len(u) for p, u in units.items()}


def interview_totals(agg: pd.DataFrame, codes: pd.DataFrame, rollup: bool = False) -> dict[str, int]:
    """Code path -> the interviews that hold it (``interview_cooccurrence``'s diagonal)."""
    totals: dict[str, int] = {}
    for paths in _codes_per_interview(agg, codes, rollup).values():
        for p in paths:
            totals[p] = totals.get(p, 0) + 1
    return totals


def _codes_per_interview(agg: pd.DataFrame, codes: pd.DataFrame, rollup: bool) -> dict[int, set[str]]:
    """Interview -> the code paths it holds (each as its theme with ``rollup``)."""
    path_of = _path_of(codes, rollup)
    per_doc: dict[int, set[str]] = {}
    for doc, code_id in zip(agg["document_id"], agg["code_id"]):
        if code_id in path_of:
            per_doc.setdefault(int(doc), set()).add(path_of[code_id])
    return per_doc


def _path_of(codes: pd.DataFrame, rollup: bool) -> dict[int, str]:
    """Code id -> its path, or its theme's with ``rollup``."""
    path_of = dict(zip(codes["id"], codes["path"]))
    return {cid: p.split("/")[0] for cid, p in path_of.items()} if rollup else path_of


def cooccurrence_matrix(pairs: pd.DataFrame, paths: Sequence[str], value: str = "units",
                        diagonal: dict[str, int] | None = None) -> pd.DataFrame:
    m = pd.DataFrame(0, index=list(paths), columns=list(paths))
    for a, b, v in zip(pairs["code_a"], pairs["code_b"], pairs[value]):
        if a in m.index and b in m.index:
            m.loc[a, b] = v
            m.loc[b, a] = v
    for p, v in (diagonal or {}).items():
        if p in m.index:
            m.loc[p, p] = v
    return m


def cooccurrence_rows(pairs: pd.DataFrame, paths: Sequence[str], value: str = "units",
                      diagonal: dict[str, int] | None = None) -> list[dict[str, object]]:
    """The co-occurrence matrix as rows: ``code`` and, per code, the shared ``value``
    (0 = never together); on the diagonal each code's own total (``diagonal``), as a matrix
    coding query of a code with itself gives it."""
    m = cooccurrence_matrix(pairs, paths, value, diagonal)
    return [{"code": k, **{c: int(v) for c, v in r.items()}} for k, r in m.iterrows()]


def saturation(agg: pd.DataFrame, codes: pd.DataFrame, docs: pd.DataFrame, rollup: bool = True) -> pd.DataFrame:
    """``docs``: DataFrame[document_id, name, order_key] in interview order. New codes per interview;
    with ``rollup`` a theme is there from the first interview that holds any of its sub-codes (as
    ``stats`` counts it), not only from the first coding on the theme itself."""
    seen: set[str] = set()
    rows = []
    by_doc = _rolled(agg, codes, rollup).groupby("document_id")["path"].apply(set).to_dict()
    for i, (doc_id, name, key) in enumerate(zip(docs["document_id"], docs["name"], docs["order_key"]), 1):
        present = by_doc.get(doc_id, set())
        new = sorted(present - seen)
        seen |= present
        rows.append({"order": i, "doc": name, "date": key, "codes": len(present), "new_codes": len(new),
                     "cumulative": len(seen), "new": new})
    return pd.DataFrame(rows, columns=["order", "doc", "date", "codes", "new_codes", "cumulative", "new"])


def wide_crosstab(long: pd.DataFrame, share: bool = False) -> pd.DataFrame:
    """``crosstab``'s rows (code, value, documents, documents_total, …) as a row per code and a column
    per value, headed by the value and how many interviews have it ("krimp (4)"), each cell the
    interviews with the code among them (``share``: their share of the column's, 0.5 for 2 of 4): the
    table an analyst reads across (`stats --by region_type` was 112 rows of code × value)."""
    if long.empty:
        return pd.DataFrame(columns=["code"])
    totals = long.drop_duplicates("value").set_index("value")["documents_total"]
    heads = {v: f"{v} ({int(n)})" for v, n in totals.items()}
    wide = long.pivot(index="code", columns="value", values="share" if share else "documents")
    wide = wide.reindex(index=list(dict.fromkeys(long["code"])), columns=list(heads)).fillna(0)
    wide = wide.astype(float).round(4) if share else wide.astype(int)
    return wide.rename(columns=heads).rename_axis(columns=None).reset_index()
