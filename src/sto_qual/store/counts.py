"""Counts over the codings for tables and the report: a span coded by several coders
counts once (the covering index ``idx_codings_span`` answers these)."""
from __future__ import annotations

from collections.abc import Sequence

from sto_qual.store.connection import ProjectConnection, where
from sto_qual.store.records import CellCount, GroupTotal


class Counts:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db

    def cells(self, coder_id: int | None = None) -> list[CellCount]:
        """(document_id, code_id, codings, words) with each span counted once across coders."""
        cond, params = where(("coder_id = ?", coder_id))
        return list(map(CellCount._make, self._db.conn.execute(f"""SELECT document_id, code_id, count(*), sum(words) FROM
            (SELECT DISTINCT document_id, code_id, start, "end", words FROM codings{cond})
            GROUP BY document_id, code_id""", params)))

    def group_totals(self, groups: Sequence[tuple[int, str]], *, coder_id: int | None = None,
                     doc_ids: Sequence[int] | None = None) -> list[GroupTotal]:
        """(group, documents, codings, words) per group, where ``groups`` maps code ids to
        group names (a code may sit in several groups: its own path and its ancestors').
        Spans coded by several coders count once, as in ``cells``."""
        if not groups:
            return []
        values = ",".join("(?, ?)" for _ in groups)
        cond, params = where(("coder_id = ?", coder_id), ("document_id IN", doc_ids))
        params = [x for pair in groups for x in pair] + params
        # first per (document, code) over the covering index, then per group: joining the
        # groups to every coding row would multiply the rows to count
        return list(map(GroupTotal._make, self._db.conn.execute(f"""WITH grp(code_id, name) AS (VALUES {values}),
            a AS (SELECT document_id, code_id, count(*) AS n, sum(words) AS w FROM
                  (SELECT DISTINCT document_id, code_id, start, "end", words FROM codings{cond})
                  GROUP BY document_id, code_id)
            SELECT grp.name, count(DISTINCT a.document_id), sum(a.n), coalesce(sum(a.w), 0)
            FROM a JOIN grp ON grp.code_id = a.code_id GROUP BY grp.name""", params)))
