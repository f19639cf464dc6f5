"""Counts over the codings for tables and the report: a span coded by several coders
counts once (the covering index ``idx_codings_span`` answers these); the spans themselves for
counting the words they cover, each word once (``domain.spans.coverage``)."""
from __future__ import annotations

from collections.abc import Sequence

from sto_qual.store.connection import ProjectConnection, where
from sto_qual.store.records import CellCount


class Counts:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db

    def cells(self, coder_id: int | None = None) -> list[CellCount]:
        """(document_id, code_id, codings, words) with each span counted once across coders."""
        cond, params = where(("coder_id = ?", coder_id))
        return list(map(CellCount._make, self._db.conn.execute(f"""SELECT document_id, code_id, count(*), sum(words) FROM
            (SELECT DISTINCT document_id, code_id, start, "end", words FROM codings{cond})
            GROUP BY document_id, code_id""", params)))

    def spans(self, coder_id: int | None = None, doc_ids: Sequence[int] | None = None
              ) -> list[tuple[int, int, int, int, int]]:
        """(document_id, code_id, start, end, words) of every span coded (by this coder), each
        span once across coders, grouped by document (``domain.spans.coverage`` reads them so;
        the covering index gives them in its order, without a sort)."""
        cond, params = where(("coder_id = ?", coder_id), ("document_id IN", doc_ids))
        return self._db.conn.execute(f"""SELECT DISTINCT document_id, code_id, start, "end", words FROM codings{cond}
            ORDER BY document_id, code_id, start, "end", words""", params).fetchall()
