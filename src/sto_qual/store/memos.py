"""Memos: notes on a document, a code or a coding."""
from __future__ import annotations

import json
from typing import Any

from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, now


class Memos:
    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    def add(self, target: str, target_id: int, text: str, coder_id: int | None) -> int:
        with self._db.write() as c:
            cur = c.execute("INSERT INTO memos (target, target_id, coder_id, text, created_at) "
                            "VALUES (?,?,?,?,?)", (target, target_id, coder_id, text, now()))
            self._audit.record("memo", target, target_id, None, {"memo": cur.lastrowid})
            return cur.lastrowid

    def latest(self, target: str, target_id: int, coder_id: int) -> dict[str, Any] | None:
        """One coder's newest memo on a document or code (id, text), or None."""
        rows = self._db.rows("SELECT id, text FROM memos WHERE target = ? AND target_id = ? AND coder_id = ? "
                             "ORDER BY id DESC LIMIT 1", (target, target_id, coder_id))
        return rows[0] if rows else None

    def replace(self, memo_id: int, text: str | None, written_at: str | None = None) -> None:
        """A memo's text changed (``None``: the memo deleted), with its audit line (whose memo
        it was: a merge does not bring back a memo taken off here, ``written_here``).
        ``written_at``: a merge's text, when it was written in the copy (a later merge of that
        copy knows this project has had it)."""
        with self._db.write() as c:
            row = c.execute("SELECT target, target_id, coder_id FROM memos WHERE id = ?", (memo_id,)).fetchone()
            if row is None:
                return
            if text is None:
                c.execute("DELETE FROM memos WHERE id = ?", (memo_id,))
            else:
                c.execute("UPDATE memos SET text = ? WHERE id = ?", (text, memo_id))
            self._audit.record("memo", row[0], row[1], None, {"memo": memo_id, "cleared": text is None,
                                                              "coder_id": row[2],
                                                              **({"written_at": written_at} if written_at else {})})

    def written_here(self) -> tuple[dict[int, list[str]], dict[tuple[str, int, int | None], str]]:
        """(memo id -> when it was written in this project, by `doc-memo` or the TUI, oldest first
        (a copy of the project carries the times before it was copied; a memo a merge or an
        import brought has none); (target, target id, coder id) -> when a memo there was last
        taken off). From the audit log, for ``services.merge``."""
        written: dict[int, list[str]] = {}
        cleared: dict[tuple[str, int, int | None], str] = {}
        for at, target, tid, details in self._db.conn.execute(
                "SELECT at, entity, entity_id, details FROM audit_log WHERE action = 'memo' "
                "AND entity IN ('document', 'code') ORDER BY id"):
            d = json.loads(details or "{}")
            if d.get("cleared"):
                cleared[(target, tid, d.get("coder_id"))] = at
            elif d.get("memo") is not None:  # (a merge's text: when it was written in the copy, then now)
                written.setdefault(d["memo"], []).extend(x for x in (d.get("written_at"), at) if x)
        return written, cleared

    def insert(self, target: str, target_id: int, coder_id: int | None, text: str, created_at: str,
               written_at: str | None = None) -> None:
        """A memo with its original date (inside the caller's transaction; merging copies), and
        when it was last written there (``replace``'s ``written_at``)."""
        self._db.require_transaction("insert_memo")
        cur = self._db.conn.execute("INSERT INTO memos (target, target_id, coder_id, text, created_at) "
                                    "VALUES (?,?,?,?,?)", (target, target_id, coder_id, text, created_at))
        if written_at and target in ("document", "code"):
            self._audit.record("memo", target, target_id, None, {"memo": cur.lastrowid, "written_at": written_at})

    def all(self, target: str | None = None) -> list[dict[str, Any]]:
        """Memos (of one kind of target) as dicts: id, target, target_id, coder, text, created_at."""
        sql = "SELECT m.id, m.target, m.target_id, r.name AS coder, m.text, m.created_at FROM memos m " \
              "LEFT JOIN coders r ON r.id = m.coder_id"
        params: list[Any] = []
        if target:
            sql += " WHERE m.target = ?"
            params.append(target)
        return self._db.rows(sql + " ORDER BY m.id", params)
