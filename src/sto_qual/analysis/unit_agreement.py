"""Agreement between two coders at sentence-unit level: per code a 2x2 table (units
each coder marked), kappa and alpha, the character overlap of their spans, and every unit
they disagree on. Pure Python over records from the store."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from sto_qual.analysis.agreement import binary_table, table_of_counts


def unit_agreement(spans: Sequence[tuple[int, int, int, int, int, int]],
                   units: Sequence[tuple[int, int, int, int]], path_of: dict[int, str], paths: list[str],
                   ida: int, idb: int, coder_a: str, coder_b: str, shared: list[int], names: dict[int, str],
                   text_of: Callable[[int], str], rollup: bool) -> dict[str, Any]:
    """``spans``: (id, document id, code id, coder id, start, end) of both coders' codings;
    ``units``: (unit id, document id, start, end) of the documents both coded (``shared``);
    ``path_of``: code id -> the path compared (a theme's with ``rollup``), ``paths`` in
    codebook order. Returns {"codes": [...], "overall": {...}, "disagreements": [...]}. The
    overall figures pool the codes at least one of the two used in these documents (as the mean
    kappa does): adding an unused code to the codebook changes no overall figure."""
    # unit -> set of (coder, path)
    by_doc: dict[int, list[tuple[int, int, int]]] = {}
    for uid, d, s, e in units:
        by_doc.setdefault(d, []).append((s, e, uid))
    starts_of = {d: [x[0] for x in lst] for d, lst in by_doc.items()}
    marks: dict[int, set[tuple[int, str]]] = {}
    marked: dict[tuple[int, str], set[int]] = {}  # (coder, path) -> the units it marks
    coding_of: dict[tuple[int, int, str], int] = {}  # (unit, coder, path) -> a coding that marks it
    chars: dict[tuple[int, str], dict[int, list[tuple[int, int]]]] = {}
    for cid, d, code_id, coder_id, s, e in spans:
        if d not in by_doc:
            continue
        lst, p = by_doc[d], path_of[code_id]
        i = max(bisect.bisect_right(starts_of[d], s) - 1, 0)
        while i < len(lst) and lst[i][0] < e:
            if lst[i][1] > s:
                marks.setdefault(lst[i][2], set()).add((coder_id, p))
                marked.setdefault((coder_id, p), set()).add(lst[i][2])
                coding_of.setdefault((lst[i][2], coder_id, p), cid)
            i += 1
        chars.setdefault((coder_id, p), {}).setdefault(d, []).append((s, e))
    unit_ids = [u[0] for u in units]
    rows, pooled_cells = [], [0, 0, 0, 0]
    for p in paths:
        a, b = marked.get((ida, p), set()), marked.get((idb, p), set())
        both = len(a & b)
        cells = (both, len(a) - both, len(b) - both, len(unit_ids) - len(a | b))
        if a or b:  # a code neither coder used here adds only agreement on "not this code"
            pooled_cells = [x + y for x, y in zip(pooled_cells, cells)]
        row = {"code": p, **table_of_counts(*cells)}
        ca, cb = chars.get((ida, p), {}), chars.get((idb, p), {})
        both = either = 0
        for d in set(ca) | set(cb):
            ma, mb = _merge(ca.get(d, [])), _merge(cb.get(d, []))
            inter = _intersection(ma, mb)
            both += inter
            either += _length(ma) + _length(mb) - inter
        row["chars_both"] = both
        row["chars_either"] = either
        row["char_overlap"] = round(both / either, 4) if either else None
        for k in ("percent_agreement", "kappa", "alpha"):
            if row[k] is not None:
                row[k] = round(row[k], 4)
        rows.append(row)
    pooled_table = table_of_counts(*pooled_cells)
    overall = {"coders": [coder_a, coder_b], "documents": [names[d] for d in shared], "units": len(unit_ids),
               "level": "themes" if rollup else "codes",
               "alpha": _r(pooled_table["alpha"]), "percent_agreement": _r(pooled_table["percent_agreement"])}
    used = [r for r in rows if r["both"] + r["only_a"] + r["only_b"] > 0 and r["kappa"] is not None]
    overall["mean_kappa"] = _r(sum(r["kappa"] for r in used) / len(used)) if used else None
    text = {d: text_of(d) for d in shared}
    unit_doc = {u[0]: (u[1], u[2], u[3]) for u in units}
    # each unit's number in its interview, as the workbench says it ("sentence 50")
    number = {uid: i for lst in by_doc.values() for i, (_s, _e, uid) in enumerate(sorted(lst), 1)}
    dis = []
    for u in unit_ids:
        m = marks.get(u)
        if not m:  # neither coder marked it: nothing to disagree on
            continue
        for p in paths:
            ina, inb = (ida, p) in m, (idb, p) in m
            if ina != inb:
                d, s, e = unit_doc[u]
                dis.append({"unit": u, "doc": names[d], "sentence": number[u], "code": p,
                            "coded_by": coder_a if ina else coder_b,
                            "coding": coding_of[(u, ida if ina else idb, p)],
                            "not_by": coder_b if ina else coder_a, "start": s, "end": e, "text": text[d][s:e]})
    presence = presence_rows(spans, path_of, paths, ida, idb, shared)
    return {"codes": rows, "overall": overall, "disagreements": dis, "interviews": presence,
            "interviews_overall": pooled(presence)}


def pooled(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The presence rows of the codes either coder found pooled into one table, each code in
    each interview a unit (MAXQDA's overall figure for code existence): ``cells``, ``both``,
    ``only_a``, ``only_b``, ``neither``, ``percent_agreement``, ``kappa``, ``alpha``."""
    used = [r for r in rows if r["both"] or r["only_a"] or r["only_b"]]
    n = {k: sum(r[k] for r in used) for k in ("both", "only_a", "only_b", "neither")}
    a = [1] * (n["both"] + n["only_a"]) + [0] * (n["only_b"] + n["neither"])
    b = [1] * n["both"] + [0] * n["only_a"] + [1] * n["only_b"] + [0] * n["neither"]
    table = binary_table(a, b)
    return {"cells": table.pop("units"), "codes": len(used),
            **{k: _r(v) if isinstance(v, float) else v for k, v in table.items()}}


def presence_rows(spans: Sequence[tuple[int, int, int, int, int, int]], path_of: dict[int, str], paths: list[str],
                  ida: int, idb: int, shared: list[int]) -> list[dict[str, Any]]:
    """Per code, whether each coder found it anywhere in each interview both coded (MAXQDA's
    "code existence in the document"): the unit the chapter counts, so a theme is found where it or any
    of its sub-codes is, as `stats` and the chapter count it (an auditor found the method's figure "at
    the level this chapter counts" taking a theme as coded with itself only: urgentie one interview of
    six, where the chapter counts it in all). Keys: code, interviews, both, only_a, only_b, neither,
    percent_agreement, kappa, alpha."""
    has = {(coder_id, "/".join(parts[:i]), d) for _cid, d, code_id, coder_id, _s, _e in spans if code_id in path_of
           for parts in [path_of[code_id].split("/")] for i in range(1, len(parts) + 1)}
    rows = []
    for p in paths:
        a = [1 if (ida, p, d) in has else 0 for d in shared]
        b = [1 if (idb, p, d) in has else 0 for d in shared]
        table = binary_table(a, b)
        rows.append({"code": p, "interviews": table.pop("units"),
                     **{k: _r(v) if isinstance(v, float) else v for k, v in table.items()}})
    return rows


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of spans as sorted, non-overlapping intervals."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def _intersection(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
