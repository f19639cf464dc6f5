"""The passages behind a co-occurrence (`cooccurrence --passages A B`, Enter on a pair in F6): the sentences where
one coder applied both codes, the very sentences a cell of `cooccurrence` counts; with ``level`` "interview" the
codings of either code in the interviews that hold both. An analyst from MAXQDA and NVivo looked for the passages two
codes share (their coding query) and found counts only. The rows are sentences (MAXQDA's "intersection"); each row's
coding ids give the whole codings (its "overlapping")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.store.overlaps import unit_codings

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def _path(ws: Project, ref: str, rollup: bool) -> str:
    """The path a pair names (``ws.code`` finds it as every command does); with ``rollup`` a theme."""
    code = ws.code(ref)
    if rollup and code.parent:
        raise StoQualError(f"{code.path} is a sub-code: with --rollup the pairs are themes",
                           hint=f"give its theme, {code.path.split('/')[0]}, or leave out --rollup")
    return code.path


def cooccurring(ws: Project, code_a: str, code_b: str, *, coder: str | None = None, rollup: bool = False,
                where: dict[str, str] | None = None, level: str = "sentence") -> list[dict[str, Any]]:
    """Sentence level, a row per sentence, as ``cooccurrence`` counts them (``coder`` None: any one coder applied
    both): doc, document_id, sentence (its number in the interview, as the workbench says it), unit, start, end,
    coders (those who applied both there), codings_a, codings_b (their codings of each) and text. Interview level, a
    row per coding of either code in the interviews that hold both (of any coder, with ``coder`` None): doc,
    document_id, code (the coding's own), coding, coder, start, end, text. A theme is its own code, its sub-codes' only with ``rollup``,
    as in ``cooccurrence``."""
    a, b = _path(ws, code_a, rollup), _path(ws, code_b, rollup)
    if a == b:
        raise StoQualError(f"give two different codes ({a} twice)")
    of = {c.id: (c.path.split("/")[0] if rollup else c.path) for c in ws.store.codes.tree(with_counts=False)}
    coder_id = ws.session.coder_filter(coder)
    keep = set(ws.analysis_service.doc_ids(where)) if where else None
    rows = [r for r in unit_codings(ws.store, [i for i, p in of.items() if p in (a, b)],
                                    coder_ids=[coder_id] if coder_id is not None else None)
            if keep is None or r.document_id in keep]
    names = {d[0]: d[1] for d in ws.store.documents.light()}
    coders = ws.store.coders.names()
    if level == "interview":
        return _in_interviews(ws, rows, of, a, b, names)
    marks: dict[int, dict[int, dict[str, set[int]]]] = {}  # unit -> coder -> path -> codings
    where_is: dict[int, tuple[int, int, int]] = {}
    for r in rows:
        marks.setdefault(r.unit_id, {}).setdefault(r.coder_id, {a: set(), b: set()})[of[r.code_id]].add(r.coding_id)
        where_is[r.unit_id] = (r.document_id, r.unit_start, r.unit_end)
    shared = {u: {c: m for c, m in by.items() if m[a] and m[b]} for u, by in marks.items()}
    shared = {u: by for u, by in shared.items() if by}
    docs = sorted({where_is[u][0] for u in shared})
    number, starts = {}, {}  # each unit's number in its interview ("sentence 50"): one read for every interview
    for uid, doc, s, _e in ws.store.transcripts.unit_spans(docs):
        starts.setdefault(doc, []).append((s, uid))
    for spans in starts.values():
        number.update({uid: i for i, (_s, uid) in enumerate(sorted(spans), 1)})
    out = []
    for u, by in sorted(shared.items(), key=lambda x: (docs.index(where_is[x[0]][0]), where_is[x[0]][1])):
        d, s, e = where_is[u]
        out.append({"doc": names.get(d, str(d)), "document_id": d, "sentence": number.get(u), "unit": u,
                    "start": s, "end": e, "coders": sorted(coders.get(c, str(c)) for c in by),
                    "codings_a": sorted({i for m in by.values() for i in m[a]}),
                    "codings_b": sorted({i for m in by.values() for i in m[b]}),
                    "text": " ".join(ws.session.text(d)[s:e].split())})
    return out


def _in_interviews(ws: Project, rows, of: dict[int, str], a: str, b: str, names: dict[int, str]
                   ) -> list[dict[str, Any]]:
    """Interview level: each coding of either code in an interview that holds both."""
    found: dict[int, dict[str, set[int]]] = {}
    path = {r.coding_id: of[r.code_id] for r in rows}
    for r in rows:
        found.setdefault(r.document_id, {a: set(), b: set()})[path[r.coding_id]].add(r.coding_id)
    order = {d: i for i, d in enumerate(names)}
    held = sorted((ws.coding(i) for d, m in found.items() if m[a] and m[b] for i in m[a] | m[b]),
                  key=lambda c: (order.get(c.document_id, 0), c.start, c.id))
    return [{"doc": names.get(c.document_id, c.doc), "document_id": c.document_id, "code": c.code,
             "coding": c.id, "coder": c.coder, "start": c.start, "end": c.end, "text": " ".join(c.text.split())}
            for c in held]
