"""Suggestions: a code proposed for a sentence unit (by a keyword rule or a model), pending
until a coder accepts or rejects it; a decision is never proposed again.

A unit counts as coded with a code when any coder's coding of that code, or of one of its
sub-codes, overlaps it (suggestions are the project's, not one coder's; a sentence coded
``urgentie/docententekort`` has its theme ``urgentie`` already): such a (unit, code) is not
proposed, and a pending one is withdrawn (``drop_coded``; ``withdraw_covered`` as a coding
is stored)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sto_qual.domain.model import Suggestion
from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, document_texts, in_chunks, marks, now, where

# code ``kc`` is code ``sc`` or one of its sub-codes (``domain.codebook.is_within``, by path)
_WITHIN = "(kc.id = sc.id OR substr(kc.path, 1, length(sc.path) + 1) = sc.path || '/')"
# the (unit, code) of a suggestion row ``s`` is coded: any coder's coding of that code or of one of
# its sub-codes overlaps the unit
_CODED = ('EXISTS (SELECT 1 FROM codings k JOIN units u ON u.id = s.unit_id JOIN codes kc ON kc.id = k.code_id '
          f'JOIN codes sc ON sc.id = s.code_id WHERE k.document_id = s.document_id AND {_WITHIN} '
          'AND k.start < u."end" AND k."end" > u.start)')


class Suggestions:
    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    def add(self, rows: Iterable[tuple[int, int, int, str, str, float | None]]) -> int:
        """Insert (document_id, unit_id, code_id, origin, reason, confidence); skips any
        (unit, code) already suggested, accepted or rejected, and units already coded with it."""
        added = 0
        with self._db.write() as c:
            for doc_id, unit_id, code_id, origin, reason, conf in rows:
                exists = c.execute("SELECT id, status, origin FROM suggestions WHERE unit_id = ? AND code_id = ?",
                                   (unit_id, code_id)).fetchone()
                if exists:
                    if exists[1] == "pending" and origin == "model" and conf is not None:
                        # the newer model's view (and both reasons) replaces a pending one
                        c.execute("UPDATE suggestions SET confidence = ?, origin = 'model', reason = ? "
                                  "WHERE id = ?", (conf, reason, exists[0]))
                    continue
                coded = c.execute(f"SELECT {_CODED} FROM (SELECT ? AS unit_id, ? AS document_id, ? AS code_id) s",
                                  (unit_id, doc_id, code_id)).fetchone()[0]
                if coded:
                    continue
                c.execute("INSERT INTO suggestions (document_id, unit_id, code_id, origin, reason, confidence, "
                          "created_at) VALUES (?,?,?,?,?,?,?)", (doc_id, unit_id, code_id, origin, reason,
                                                                 conf, now()))
                added += 1
            if added:
                self._audit.record("suggest", "suggestion", None, None, {"added": added})
        return added

    def select(self, *, status: str | None = "pending", doc_id: int | None = None,
               code_ids: Sequence[int] | None = None, ids: Sequence[int] | None = None) -> list[Suggestion]:
        """Suggestions (pending by default) with their unit's text, by code path, then the most
        confident first, then in document order."""
        # the unit's text sliced here from each document's text, read once (substr() in SQL read a
        # 5 MB transcript's whole text again for every one of its 8,000 suggestions: 23 s)
        sql = """SELECT s.id, s.document_id, d.name, s.unit_id, c.path, u.start, u."end",
              s.origin, s.reason, s.confidence, s.status
            FROM suggestions s JOIN units u ON u.id = s.unit_id JOIN documents d ON d.id = s.document_id
            JOIN codes c ON c.id = s.code_id"""
        cond, params = where(("s.status = ?", status or None), ("s.document_id = ?", doc_id),
                             ("s.code_id IN", code_ids), ("s.id IN", ids))
        sql += cond
        sql += " ORDER BY c.path, coalesce(s.confidence, 1) DESC, d.position, u.seq"
        rows = self._db.conn.execute(sql, params).fetchall()
        texts = document_texts(self._db, {r[1] for r in rows})
        return [Suggestion(id=r[0], document_id=r[1], doc=r[2], unit=r[3], code=r[4], start=r[5], end=r[6],
                           text=texts[r[1]][r[5]:r[6]], origin=r[7], reason=r[8], confidence=r[9], status=r[10])
                for r in rows]

    def pending_units(self) -> list[tuple[int, int]]:
        """(document_id, unit_id) of every pending suggestion."""
        return self._db.conn.execute("SELECT document_id, unit_id FROM suggestions WHERE status = 'pending'").fetchall()

    def counts(self) -> dict[str, int]:
        """status -> number of suggestions."""
        return dict(self._db.conn.execute("SELECT status, count(*) FROM suggestions GROUP BY status").fetchall())

    def row(self, sid: int) -> dict[str, Any] | None:
        rows = self._db.rows("SELECT * FROM suggestions WHERE id = ?", (sid,))
        return rows[0] if rows else None

    def decide(self, sid: int, status: str, coder_id: int, coding_id: int | None) -> None:
        self._db.require_transaction("decide_suggestion")
        self._db.conn.execute("UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?, coding_id = ? "
                              "WHERE id = ?", (status, coder_id, now(), coding_id, sid))

    def drop_pending(self, ids: Sequence[int]) -> int:
        """Delete these suggestions if still pending (a newer model no longer proposes them)."""
        n = 0
        with self._db.write() as c:
            for chunk in in_chunks(ids):
                n += c.execute(f"DELETE FROM suggestions WHERE status = 'pending' AND id IN ({marks(chunk)})",
                               chunk).rowcount
        return n

    def drop_coded(self, *, doc_id: int | None = None, code_ids: Sequence[int] | None = None) -> int:
        """Delete the pending suggestions (of this document and these codes) whose unit is now
        coded with their code or one of its sub-codes, by any coder: ``add`` would not make them
        any more."""
        cond, params = where(("s.status = 'pending'", True), ("s.document_id = ?", doc_id),
                             ("s.code_id IN", code_ids), (_CODED, True))
        with self._db.write() as c:
            return c.execute(f"DELETE FROM suggestions WHERE id IN (SELECT s.id FROM suggestions s{cond})",
                             params).rowcount

    def withdraw_covered(self, document_id: int, start: int, end: int, code_id: int) -> int:
        """Delete the pending suggestions of ``code_id`` and of its ancestor themes on the units
        of this document that ``start``-``end`` wholly holds (inside the caller's transaction,
        the one that stores a coding of that code there); how many went."""
        self._db.require_transaction("withdraw_covered")
        return self._db.conn.execute(
            f"""DELETE FROM suggestions WHERE id IN (SELECT s.id FROM suggestions s JOIN units u ON u.id = s.unit_id
                JOIN codes sc ON sc.id = s.code_id JOIN codes kc ON kc.id = ?
                WHERE s.status = 'pending' AND s.document_id = ? AND u.start >= ? AND u."end" <= ? AND {_WITHIN})""",
            (code_id, document_id, start, end)).rowcount

    def decided(self) -> list[dict[str, Any]]:
        """Accepted and rejected suggestions by document hash and span (for merging copies)."""
        return self._db.rows("""SELECT s.id, d.content_hash, u.start, u."end", c.path AS code, s.origin, s.reason,
            s.confidence, s.status, r.name AS coder, s.decided_at FROM suggestions s
            JOIN documents d ON d.id = s.document_id JOIN units u ON u.id = s.unit_id
            JOIN codes c ON c.id = s.code_id LEFT JOIN coders r ON r.id = s.decided_by
            WHERE s.status != 'pending'""")

    def record_decision(self, unit_id: int, document_id: int, code_id: int, *, origin: str, reason: str,
                        confidence: float | None, status: str, coder_id: int | None, decided_at: str | None) -> bool:
        """Bring in another copy's accepted/rejected decision on (unit, code); False when this
        project already decided it (inside the caller's transaction)."""
        self._db.require_transaction("record_decision")
        row = self._db.conn.execute("SELECT id, status FROM suggestions WHERE unit_id = ? AND code_id = ?",
                                    (unit_id, code_id)).fetchone()
        if row and row[1] != "pending":
            return False
        if row:
            self._db.conn.execute("UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                                  (status, coder_id, decided_at, row[0]))
        else:
            self._db.conn.execute(
                "INSERT INTO suggestions (document_id, unit_id, code_id, origin, reason, confidence, status, "
                "decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (document_id, unit_id, code_id, origin, reason or "", confidence, status, coder_id, decided_at,
                 decided_at or ""))
        return True

