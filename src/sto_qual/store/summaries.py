"""The summary grid, theme summaries and the codebook's synthesis fields in SQL.

Rows are plain dicts with their JSON columns decoded. Writes go through the project
connection's write transaction (nested calls become savepoints), so a service can wrap a
change, its undo step and its audit line in one transaction.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sto_qual.store.connection import ProjectConnection

CELL_JSON = ("passages", "basis")
THEME_JSON = ("lead", "points", "contrasts", "basis", "lead_meta")
CELL_COLUMNS = ("document_id", "code_id", "text", "status", "author", "updated_at", "passages", "basis",
                "fingerprint")
THEME_COLUMNS = ("code_id", "lead", "points", "contrasts", "text", "status", "author", "updated_at", "basis",
                 "fingerprint", "lead_meta", "groups")


def _decode(row: dict[str, Any], json_cols: Sequence[str]) -> dict[str, Any]:
    return {k: (json.loads(v) if k in json_cols else v) for k, v in row.items()}


def _encode(row: dict[str, Any], json_cols: Sequence[str], columns: Sequence[str]) -> tuple:
    return tuple(json.dumps(row.get(k, []), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                 if k in json_cols else row.get(k) for k in columns)


class SummaryStore:
    """Summaries of one project, over the project's connection as every aggregate is."""

    def __init__(self, db: ProjectConnection) -> None:
        self.db = db

    def any(self) -> bool:
        """Whether the project keeps any cell or theme summary."""
        return bool(self.db.conn.execute("SELECT EXISTS(SELECT 1 FROM theme_summaries) "
                                         "OR EXISTS(SELECT 1 FROM cell_summaries)").fetchone()[0])

    # ------------------------------------------------------------------ cells
    def cells(self, doc_ids: Sequence[int] | None = None, code_ids: Sequence[int] | None = None
              ) -> dict[tuple[int, int], dict[str, Any]]:
        """Stored cells by (document_id, code_id)."""
        sql = f"SELECT {', '.join(CELL_COLUMNS)} FROM cell_summaries"
        where, params = [], []  # type: ignore[var-annotated]
        for column, values in (("document_id", doc_ids), ("code_id", code_ids)):
            if values is not None:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params += list(values)
        if where:
            sql += " WHERE " + " AND ".join(where)
        out = {}
        for r in self.db.rows(sql + " ORDER BY document_id, code_id", params):
            out[(r["document_id"], r["code_id"])] = _decode(r, CELL_JSON)
        return out

    def cell_states(self, code_ids: Sequence[int]) -> dict[tuple[int, int], tuple[str, str]]:
        """(document_id, code_id) -> (status, fingerprint), without decoding the texts' bases."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        ids = list(code_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for d, c, status, fp in self.db.conn.execute(
                    "SELECT document_id, code_id, status, fingerprint FROM cell_summaries WHERE code_id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                out[(d, c)] = (status, fp)
        return out

    def cell(self, doc_id: int, code_id: int) -> dict[str, Any] | None:
        return self.cells([doc_id], [code_id]).get((doc_id, code_id))

    def put_cell(self, row: dict[str, Any]) -> None:
        """Insert or replace one cell (inside the caller's transaction or its own)."""
        with self.db.write() as c:
            c.execute(f"INSERT OR REPLACE INTO cell_summaries ({', '.join(CELL_COLUMNS)}) "
                      f"VALUES ({','.join('?' * len(CELL_COLUMNS))})", _encode(row, CELL_JSON, CELL_COLUMNS))

    def put_cells(self, rows: Iterable[dict[str, Any]]) -> int:
        n = 0
        with self.db.write() as c:
            c.executemany(f"INSERT OR REPLACE INTO cell_summaries ({', '.join(CELL_COLUMNS)}) "
                          f"VALUES ({','.join('?' * len(CELL_COLUMNS))})",
                          (_encode(r, CELL_JSON, CELL_COLUMNS) for r in rows))
            n = c.execute("SELECT changes()").fetchone()[0]
        return n

    def exists(self, doc_id: int | None, code_id: int) -> bool:
        """Whether the code (and the document) a summary belongs to still exist."""
        if self.db.conn.execute("SELECT 1 FROM codes WHERE id = ?", (code_id,)).fetchone() is None:
            return False
        return doc_id is None or self.db.conn.execute("SELECT 1 FROM documents WHERE id = ?",
                                                   (doc_id,)).fetchone() is not None

    def delete_cell(self, doc_id: int, code_id: int) -> None:
        with self.db.write() as c:
            c.execute("DELETE FROM cell_summaries WHERE document_id = ? AND code_id = ?", (doc_id, code_id))

    # ----------------------------------------------------------------- themes
    def themes(self) -> dict[int, dict[str, Any]]:
        # SELECT *: a project merged in may predate a column (lead_meta); it reads as empty
        rows = self.db.rows("SELECT * FROM theme_summaries ORDER BY code_id")
        return {r["code_id"]: _decode({"lead_meta": "[]", **r}, THEME_JSON) for r in rows}

    def theme(self, code_id: int) -> dict[str, Any] | None:
        rows = self.db.rows("SELECT * FROM theme_summaries WHERE code_id = ?", (code_id,))
        return _decode({"lead_meta": "[]", **rows[0]}, THEME_JSON) if rows else None

    def put_theme(self, row: dict[str, Any]) -> None:
        with self.db.write() as c:
            c.execute(f"INSERT OR REPLACE INTO theme_summaries ({', '.join(THEME_COLUMNS)}) "
                      f"VALUES ({','.join('?' * len(THEME_COLUMNS))})", _encode(row, THEME_JSON, THEME_COLUMNS))

    def delete_theme(self, code_id: int) -> None:
        with self.db.write() as c:
            c.execute("DELETE FROM theme_summaries WHERE code_id = ?", (code_id,))

    # ------------------------------------------------- codebook synthesis fields
    def code_fields(self) -> dict[int, tuple[str, tuple[int, ...]]]:
        """code id -> (summary phrase, ids of the contrasting codes). Ids, not paths, so that
        renaming or moving a code keeps its contrasts."""
        return {r[0]: (r[1], tuple(json.loads(r[2])))
                for r in self.db.conn.execute("SELECT code_id, summary, contrasts FROM code_synthesis")}

    def set_code_fields(self, code_id: int, summary: str, contrasts: Sequence[int]) -> bool:
        """Store a code's synthesis fields; False when they were already so."""
        old = self.db.conn.execute("SELECT summary, contrasts FROM code_synthesis WHERE code_id = ?",
                                (code_id,)).fetchone()
        new = (summary or "", json.dumps(list(contrasts), ensure_ascii=False))
        if old is not None and tuple(old) == new or old is None and new == ("", "[]"):
            return False
        with self.db.write() as c:
            # an upsert, not a replace: the row's English phrase (summary_en) stays
            c.execute("INSERT INTO code_synthesis (code_id, summary, contrasts) VALUES (?,?,?) ON CONFLICT(code_id) "
                      "DO UPDATE SET summary = excluded.summary, contrasts = excluded.contrasts", (code_id, *new))
        return True

    def code_summaries_en(self) -> dict[int, str]:
        """code id -> its English summary phrase, where it has one."""
        return {r[0]: r[1] for r in self.db.conn.execute(
            "SELECT code_id, summary_en FROM code_synthesis WHERE summary_en != ''")}

    def set_code_summary_en(self, code_id: int, phrase: str) -> bool:
        """Store a code's English summary phrase; False when it was already so."""
        old = self.db.conn.execute("SELECT summary_en FROM code_synthesis WHERE code_id = ?", (code_id,)).fetchone()
        if (old[0] if old else "") == (phrase or ""):
            return False
        with self.db.write() as c:
            if old is None:
                c.execute("INSERT INTO code_synthesis (code_id, summary, contrasts, summary_en) VALUES (?, '', '[]', ?)",
                          (code_id, phrase or ""))
            else:
                c.execute("UPDATE code_synthesis SET summary_en = ? WHERE code_id = ?", (phrase or "", code_id))
        return True

    def code_topics(self) -> dict[int, tuple[str, str]]:
        """code id -> (its topic, its English topic): the noun phrases a theme's lead names it
        by, where it has either."""
        return {r[0]: (r[1], r[2]) for r in self.db.conn.execute(
            "SELECT code_id, topic, topic_en FROM code_synthesis WHERE topic != '' OR topic_en != ''")}

    def set_code_topics(self, code_id: int, topic: str, topic_en: str) -> bool:
        """Store a code's topics (Dutch, English); False when they were already so."""
        old = self.db.conn.execute("SELECT topic, topic_en FROM code_synthesis WHERE code_id = ?",
                                (code_id,)).fetchone()
        new = (topic or "", topic_en or "")
        if (tuple(old) if old else ("", "")) == new:
            return False
        with self.db.write() as c:
            # an upsert: the row's other fields stay
            c.execute("INSERT INTO code_synthesis (code_id, topic, topic_en) VALUES (?,?,?) ON CONFLICT(code_id) "
                      "DO UPDATE SET topic = excluded.topic, topic_en = excluded.topic_en", (code_id, *new))
        return True

    # ------------------------------------------------------------ read models
    def unit_lemmas(self, doc_ids: Sequence[int] | None = None) -> list[tuple[int, int, int, int, int, str]]:
        """(unit id, document id, seq, start, end, lemmas) in document order."""
        sql = 'SELECT u.id, u.document_id, u.seq, u.start, u."end", coalesce(u.lemmas, \'\') FROM units u'
        params: list[Any] = []
        if doc_ids is not None:
            sql += f" WHERE u.document_id IN ({','.join('?' * len(doc_ids))})"
            params = list(doc_ids)
        return self.db.conn.execute(sql + " ORDER BY u.document_id, u.seq", params).fetchall()

    def coding_basis(self, coder_id: int | None = None) -> list[tuple[int, int, int, int, int, int, str | None]]:
        """Every coding (or one coder's) as (id, document_id, code_id, coder_id, start, end, memo),
        by document and start."""
        where, args = ("WHERE coder_id = ? ", (coder_id,)) if coder_id is not None else ("", ())
        return self.db.conn.execute('SELECT id, document_id, code_id, coder_id, start, "end", memo FROM codings '
                                 f"{where}ORDER BY document_id, start, id", args).fetchall()

    def document_texts(self, doc_ids: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        ids = list(doc_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(self.db.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                                         chunk).fetchall())
        return out

    def turn_table(self, doc_id: int) -> list[tuple[int, int, int, str | None]]:
        """One document's turns as (seq, start, end, speaker)."""
        return self.db.conn.execute('SELECT seq, start, "end", speaker FROM turns WHERE document_id = ? ORDER BY seq',
                                 (doc_id,)).fetchall()
