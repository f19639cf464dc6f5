"""Coded segments with their text, read in bulk for output (``codings --format json``).

Tens of thousands of codings: the join with documents, codes and coders and the sort by
document position cost SQLite a temporary B-tree. The codings are read instead in the
order of ``idx_codings_document`` (document, start, id), the few names are joined from
dicts, and the documents' order is applied per document, not per row.
"""
from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store.project_store import ProjectStore

_COLUMNS = 'id, document_id, code_id, coder_id, start, "end", memo, origin, starred, created_at'


def coded_segment_columns(store: ProjectStore, *, starred: bool | None = None) -> list[list[Any]]:
    """The 12 columns of ``ProjectStore.coding_tuples(columns=True)`` — id, document_id, doc,
    code, start, end, text, coder, memo, origin, starred, created_at — of every coding (or
    the starred / unstarred ones), in the same order (document position, start, id)."""
    conn = store.conn
    sql = f"SELECT {_COLUMNS} FROM codings"
    params: list[Any] = []
    if starred is not None:
        sql += " WHERE starred = ?"
        params.append(int(starred))
    rows = conn.execute(sql + " ORDER BY document_id, start, id", params).fetchall()
    if not rows:
        return [[] for _ in range(12)]
    docs = {i: (pos, name) for i, name, pos in conn.execute("SELECT id, name, position FROM documents")}
    per_doc = [(doc_id, list(group)) for doc_id, group in groupby(rows, key=itemgetter(1))]
    per_doc.sort(key=lambda g: (docs[g[0]][0], g[0]))  # the documents' order; stable within one
    codes = dict(conn.execute("SELECT id, path FROM codes"))
    coders = dict(conn.execute("SELECT id, name FROM coders"))
    out: list[list[Any]] = [[] for _ in range(12)]
    for doc_id, group in per_doc:
        text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        cols = list(zip(*group))
        out[0] += cols[0]
        out[1] += cols[1]
        out[2] += [docs[doc_id][1]] * len(group)
        out[3] += map(codes.__getitem__, cols[2])
        out[4] += cols[4]
        out[5] += cols[5]
        out[6] += [text[a:b] for a, b in zip(cols[4], cols[5])]
        out[7] += map(coders.__getitem__, cols[3])
        out[8] += cols[6]
        out[9] += cols[7]
        out[10] += cols[8]
        out[11] += cols[9]
    return out
