"""Codings: a code applied by a coder to a span [start, end) of a document's text.

One coder, code and span is one coding (a unique index decides). Reads come in a few
shapes, each a named record: ``all`` (domain Codings with names and text, or the same as
columns), ``records``/``spans``/``keys`` (light rows for analysis and merging), ``marks``
(one document, no text) and ``stored`` (the table's own columns, for merging copies).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sto_qual.domain.errors import NothingToDo, StaleChange
from sto_qual.domain.model import Coding
from sto_qual.store.connection import ProjectConnection, now, where
from sto_qual.store.documents import Documents
from sto_qual.store.records import CodingInsert, CodingMark, CodingRecord, CodingSpan, ImportedCodings, StoredCoding

# A Coding's columns. The text is sliced in Python from each document's text, loaded once:
# substr() in SQL would read a document's whole text again for every coding.
CODING_SELECT = """SELECT k.id, k.document_id, d.name AS doc, c.path AS code, k.start, k."end",
    NULL AS text, r.name AS coder, k.memo, k.origin, k.starred, k.created_at
    FROM codings k JOIN documents d ON d.id = k.document_id JOIN codes c ON c.id = k.code_id
    JOIN coders r ON r.id = k.coder_id"""
_STORED = 'SELECT id, document_id, code_id, coder_id, start, "end", words, memo, origin, starred, created_at FROM codings'


def coding_from_row(row: Sequence[Any], text: str) -> Coding:
    """A CODING_SELECT row as a Coding, with its text."""
    return Coding(row[0], row[1], row[2], row[3], row[4], row[5], text, row[7], row[8], row[9], bool(row[10]),
                  row[11])


class Codings:
    def __init__(self, db: ProjectConnection, documents: Documents) -> None:
        self._db = db
        self._documents = documents

    # ------------------------------------------------------------------ writes
    def insert(self, *, document_id: int, code_id: int, coder_id: int, start: int, end: int,
               words: int = 0, memo: str | None = None, origin: str = "manual", starred: bool = False,
               coding_id: int | None = None, created_at: str | None = None) -> int:
        """Insert one coding (inside the caller's ``transaction``); the same coder, code and
        span is one coding, so an existing one's id is returned instead of a second."""
        return self.insert_once(document_id=document_id, code_id=code_id, coder_id=coder_id, start=start,
                                end=end, words=words, memo=memo, origin=origin, starred=starred,
                                coding_id=coding_id, created_at=created_at).id

    def insert_once(self, *, document_id: int, code_id: int, coder_id: int, start: int, end: int,
                    words: int = 0, memo: str | None = None, origin: str = "manual", starred: bool = False,
                    coding_id: int | None = None, created_at: str | None = None) -> CodingInsert:
        """(coding id, whether it was added): the unique index on (document, code, coder, span)
        decides, so two windows of one coder never store the same coding twice."""
        self._db.require_transaction("insert_coding")
        cur = self._db.conn.execute(
            'INSERT INTO codings (id, document_id, code_id, coder_id, start, "end", words, memo, origin, starred, '
            "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            'ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING',
            (coding_id, document_id, code_id, coder_id, start, end, words, memo, origin, int(starred),
             created_at or now()))
        if cur.rowcount == 1:
            return CodingInsert(cur.lastrowid, True)
        return CodingInsert(self._db.one('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? '
                                         'AND start = ? AND "end" = ?', (document_id, code_id, coder_id, start, end)),
                            False)

    def insert_imported(self, rows: Sequence[tuple]) -> ImportedCodings:
        """Insert (document_id, code_id, coder_id, start, end, words, memo, starred, created_at)
        rows as imported codings in one statement (inside the caller's transaction); a row whose
        (document, code, coder, span) exists is skipped. Returns (rows added, key -> coding id)."""
        self._db.require_transaction("insert_imported_codings")
        conn = self._db.conn
        before = conn.total_changes
        stamp = now()
        conn.executemany(
            'INSERT INTO codings (document_id, code_id, coder_id, start, "end", words, memo, origin, starred, '
            "created_at) VALUES (?,?,?,?,?,?,?,'imported',?,?) "
            'ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING',
            [(*r[:8], r[8] or stamp) for r in rows])
        added = conn.total_changes - before
        ids: dict[tuple, int] = {}
        for d in sorted({r[0] for r in rows}):
            for cid, *key in conn.execute('SELECT id, document_id, code_id, coder_id, start, "end" FROM codings '
                                          "WHERE document_id = ?", (d,)):
                ids[tuple(key)] = cid
        return ImportedCodings(added, ids)

    def delete_row(self, coding_id: int) -> None:
        """Delete one coding and its memos (inside the caller's transaction)."""
        self._db.require_transaction("delete_coding_row")
        self._db.conn.execute("DELETE FROM memos WHERE target = 'coding' AND target_id = ?", (coding_id,))
        self._db.conn.execute("DELETE FROM codings WHERE id = ?", (coding_id,))

    def update_row(self, coding_id: int, **fields: Any) -> None:
        """Set columns of one coding (inside the caller's transaction)."""
        self._db.require_transaction("update_coding_row")
        cols = ", ".join(f'"{k}" = ?' for k in fields)
        try:
            self._db.conn.execute(f"UPDATE codings SET {cols} WHERE id = ?", (*fields.values(), coding_id))
        except sqlite3.IntegrityError:
            row = self.row(coding_id) or {}
            s, e = fields.get("start", row.get("start")), fields.get("end", row.get("end"))
            twin = self._db.one('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? '
                                'AND start = ? AND "end" = ? AND id != ?',
                                (fields.get("document_id", row.get("document_id")), fields.get("code_id", row.get("code_id")),
                                 fields.get("coder_id", row.get("coder_id")), s, e, coding_id))
            if not twin and "code_id" in fields and not self._db.one("SELECT 1 FROM codes WHERE id = ?",
                                                                     (fields["code_id"],)):
                # an undone recode whose first code was deleted since (not "has this code on that span already")
                raise StaleChange(f"coding #{coding_id}: the code it would get back was deleted since; nothing "
                                  "was changed") from None
            raise StaleChange(f"coding #{coding_id}: the same coder has this code on that span already"
                              + (f" (#{twin})" if twin else "") + "; nothing was changed") from None

    # ------------------------------------------------------------ one coding
    def row(self, coding_id: int) -> dict[str, Any] | None:
        """The coding's own columns as a dict (what an undo step keeps), or None."""
        rows = self._db.rows(_STORED + " WHERE id = ?", (coding_id,))
        return rows[0] if rows else None

    def present(self, ids: Iterable[int]) -> set[int]:
        """Which of these coding ids the project still holds."""
        wanted = sorted(set(ids))
        out: set[int] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update(r["id"] for r in self._db.rows(
                f"SELECT id FROM codings WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        return out

    def get(self, coding_id: int) -> Coding:
        row = self._db.conn.execute(CODING_SELECT + " WHERE k.id = ?", (coding_id,)).fetchone()
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}", hint="see `sto-qual codings`")
        text = self._db.one("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                            (row[4], row[5], row[4], row[1]))
        return coding_from_row(row, text)

    def find(self, document_id: int, code_id: int | None, coder_id: int | None, start: int | None = None,
             end: int | None = None) -> list[int]:
        """Ids of this code's (None: every code's) codings in a document (by this coder;
        overlapping [start, end)), in the order they were made."""
        sql = "SELECT id FROM codings WHERE document_id = ?"
        params: list[Any] = [document_id]
        if code_id is not None:
            sql += " AND code_id = ?"
            params.append(code_id)
        if coder_id is not None:
            sql += " AND coder_id = ?"
            params.append(coder_id)
        if start is not None and end is not None:
            sql += ' AND start < ? AND "end" > ?'
            params += [end, start]
        return [r[0] for r in self._db.conn.execute(sql + " ORDER BY id", params)]

    # ------------------------------------------------------------------ reads
    def all(self, *, doc_id: int | None = None, doc_ids: Sequence[int] | None = None,
            code_ids: Sequence[int] | None = None, coder_id: int | None = None, starred: bool | None = None,
            with_memo: bool = False, with_text: bool = True, columns: bool = False) -> list:
        """Codings in document order (``Coding``: id, document_id, doc, code, start, end, text,
        coder, memo, origin, starred, created_at). ``with_text=False`` leaves ``text`` empty
        (cheaper when the caller has the document texts already); ``with_memo`` keeps codings
        with a memo only; with ``columns``, those 12 fields as 12 lists instead (cheaper for
        tens of thousands of codings; ``starred`` there is 0/1)."""
        if doc_id is not None:
            doc_ids = [doc_id]
        cond, params = where(("k.memo IS NOT NULL AND k.memo != ''", True if with_memo else None),
                             ("k.document_id IN", doc_ids), ("k.code_id IN", code_ids),
                             ("k.coder_id = ?", coder_id), ("k.starred = ?", None if starred is None else int(starred)))
        rows = self._db.conn.execute(CODING_SELECT + cond + " ORDER BY d.position, k.start, k.id", params).fetchall()
        if columns:
            cols = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(12)]
            texts = self._documents.texts(cols[1]) if with_text else {}
            cols[6] = [texts[d][a:b] for d, a, b in zip(cols[1], cols[4], cols[5])] if with_text else [""] * len(rows)
            return cols
        return self.with_text(rows) if with_text else [coding_from_row(r, "") for r in rows]

    def with_text(self, rows: Sequence[tuple]) -> list[Coding]:
        """CODING_SELECT rows with their text cut from each document's text (read once)."""
        texts = self._documents.texts([r[1] for r in rows])
        return [coding_from_row(r, texts[r[1]][r[4]:r[5]]) for r in rows]

    def records(self, coder_id: int | None = None) -> list[CodingRecord]:
        """Light rows for analysis: (id, document_id, code_id, coder_id, start, end, starred)."""
        cond, params = where(("coder_id = ?", coder_id))
        return list(map(CodingRecord._make, self._db.conn.execute(
            'SELECT id, document_id, code_id, coder_id, start, "end", starred FROM codings' + cond, params)))

    def spans(self, coder_ids: Sequence[int] | None = None) -> list[CodingSpan]:
        """(id, document_id, code_id, coder_id, start, end) of every coding (of these coders)."""
        cond, params = where(("coder_id IN", coder_ids))
        return list(map(CodingSpan._make, self._db.conn.execute(
            'SELECT id, document_id, code_id, coder_id, start, "end" FROM codings' + cond, params)))

    def words(self, coder_ids: Sequence[int] | None = None) -> dict[int, int]:
        """coding id -> words coded (of these coders)."""
        cond, params = where(("coder_id IN", coder_ids))
        return dict(self._db.conn.execute("SELECT id, words FROM codings" + cond, params).fetchall())

    def marks(self, doc_id: int) -> list[CodingMark]:
        """One document's codings without their text: (id, code path, coder, start, end, memo,
        starred, origin), by start."""
        return list(map(CodingMark._make, self._db.conn.execute(
            'SELECT k.id, c.path, r.name, k.start, k."end", k.memo, k.starred, k.origin FROM codings k '
            "JOIN codes c ON c.id = k.code_id JOIN coders r ON r.id = k.coder_id "
            "WHERE k.document_id = ? ORDER BY k.start, k.id", (doc_id,))))

    def stored(self, doc_ids: Sequence[int] | None = None) -> list[StoredCoding]:
        """Every coding's own columns (id, document_id, code_id, coder_id, start, end, words,
        memo, origin, starred, created_at), oldest first; of ``doc_ids`` only, when given."""
        cond, params = where(("document_id IN", doc_ids))
        return list(map(StoredCoding._make, self._db.conn.execute(_STORED + cond + " ORDER BY id", params)))

    def documents_by_coder(self) -> dict[int, set[int]]:
        """coder id -> the documents that coder has codings in."""
        out: dict[int, set[int]] = {}
        for coder_id, doc_id in self._db.conn.execute("SELECT DISTINCT coder_id, document_id FROM codings"):
            out.setdefault(coder_id, set()).add(doc_id)
        return out

    def keys(self, doc_ids: Iterable[int] | None = None) -> set[tuple[int, int, int, int, int]]:
        """(document, code, coder, start, end) of every coding (of these documents)."""
        sql = 'SELECT document_id, code_id, coder_id, start, "end" FROM codings'
        if doc_ids is None:
            return {tuple(r) for r in self._db.conn.execute(sql)}
        out: set = set()
        for d in doc_ids:
            out |= {tuple(r) for r in self._db.conn.execute(sql + " WHERE document_id = ?", (d,))}
        return out

    def withdrawn(self, doc_ids: Sequence[int] | None = None) -> dict[tuple[int, int, int, int, int], str]:
        """(document, code, coder, start, end) -> when, for every coding this project removed or
        moved since it recorded them (migration m009; of ``doc_ids`` only, when given); empty for
        a project from before it."""
        has = self._db.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'withdrawn_codings'").fetchone()
        if not has:
            return {}
        cond, params = where(("document_id IN", doc_ids))
        return {tuple(r[:5]): r[5] for r in self._db.conn.execute(
            'SELECT document_id, code_id, coder_id, start, "end", at FROM withdrawn_codings' + cond, params)}

    def record_withdrawn(self, key: tuple[int, int, int, int, int], at: str) -> None:
        """Record a coding as taken back at ``at`` (another copy took it back; inside the
        caller's transaction)."""
        self._db.require_transaction("record_withdrawn")
        self._db.conn.execute("INSERT OR IGNORE INTO withdrawn_codings VALUES (?, ?, ?, ?, ?, ?)", (*key, at))

    def withdrawn_as(self, key: tuple[int, int, int, int, int], at: str) -> None:
        """Stamp the record of a coding taken back with ``at`` (inside the caller's transaction):
        a merge that follows a copy's resize records it as the copy's, not as this project's."""
        self._db.require_transaction("withdrawn_as")
        self._db.conn.execute('UPDATE withdrawn_codings SET at = ? WHERE document_id = ? AND code_id = ? '
                              'AND coder_id = ? AND start = ? AND "end" = ?', (at, *key))

    def origins(self) -> list[str]:
        """The distinct origins of the codings (manual, accepted-suggestion, imported)."""
        return [r[0] for r in self._db.conn.execute("SELECT DISTINCT origin FROM codings")]

    def documents_coded_by_hand(self, coder_id: int | None = None) -> set[int]:
        """The documents with a coding (of this coder) that is no accepted suggestion: read and
        coded by a person, so a sentence there without a code says something."""
        cond, params = where(("origin != ?", "accepted-suggestion"), ("coder_id = ?", coder_id))
        return {r[0] for r in self._db.conn.execute("SELECT DISTINCT document_id FROM codings" + cond, params)}
