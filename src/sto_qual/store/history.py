"""Each coder's undo history: the steps the service layer records, newest kept.

The store keeps an action as JSON and hands it back as it was given; what an action means
is the service layer's business (and ``domain.history`` for the documents it touches).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sto_qual.store.connection import ProjectConnection, now
from sto_qual.store.records import HistoryDepth, HistoryStep

HISTORY_LIMIT = 200  # undo steps kept per coder (the issue asks for at least 50)


class History:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db
        # where this connection's steps are made ("command": the command line), kept with each
        # step so that the workbench can ask before undoing a step a command made
        self.via: str | None = None
        self._collect: list[tuple[int, dict[str, Any]]] | None = None

    @contextmanager
    def collected(self) -> Iterator[list[tuple[int, dict[str, Any]]]]:
        """The steps pushed inside are kept, (coder id, action), in the list it gives, not stored: the caller
        stores them as one step (several sentences coded at once are one undo)."""
        held, self._collect = self._collect, []
        try:
            yield self._collect
        finally:
            self._collect = held

    def push(self, coder_id: int, action: dict[str, Any]) -> None:
        """A new step (inside the caller's transaction): the coder's redo steps go, and steps
        beyond HISTORY_LIMIT are forgotten."""
        self._db.require_transaction("push_history")
        if self._collect is not None:
            self._collect.append((coder_id, action))
            return
        c = self._db.conn
        c.execute("DELETE FROM history WHERE coder_id = ? AND undone = 1", (coder_id,))
        if self.via:
            action = {**action, "via": self.via}
        c.execute("INSERT INTO history (coder_id, action, at) VALUES (?, ?, ?)",
                  (coder_id, json.dumps(action, ensure_ascii=False), now()))
        beyond = ("FROM history WHERE coder_id = ? AND id <= (SELECT id FROM history WHERE coder_id = ? AND undone = 0 "
                  "ORDER BY id DESC LIMIT 1 OFFSET ?)")
        gone = c.execute(f"SELECT max(at) {beyond}", (coder_id, coder_id, HISTORY_LIMIT)).fetchone()[0]
        if gone:  # steps in effect forgotten: until when, for ``in_effect_since`` (their changes still stand)
            c.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                      (f"history_forgotten_{coder_id}", json.dumps(gone)))
            c.execute(f"DELETE {beyond}", (coder_id, coder_id, HISTORY_LIMIT))

    def last(self, coder_id: int, undone: bool) -> HistoryStep | None:
        """The step to undo (newest not undone) or, with ``undone``, to redo (oldest undone)."""
        order = "ASC" if undone else "DESC"
        row = self._db.conn.execute(f"SELECT id, action FROM history WHERE coder_id = ? AND undone = ? "
                                    f"ORDER BY id {order} LIMIT 1", (coder_id, int(undone))).fetchone()
        return HistoryStep(row[0], json.loads(row[1])) if row else None

    def made_at(self, hid: int) -> str | None:
        """When the step was made (the store's timestamp)."""
        return self._db.one("SELECT at FROM history WHERE id = ?", (hid,))

    def steps(self, coder_id: int, undone: bool) -> list[HistoryStep]:
        """The coder's steps to undo (newest first) or, with ``undone``, to redo (next first)."""
        order = "ASC" if undone else "DESC"
        return [HistoryStep(r[0], json.loads(r[1])) for r in self._db.conn.execute(
            f"SELECT id, action FROM history WHERE coder_id = ? AND undone = ? ORDER BY id {order}",
            (coder_id, int(undone)))]

    def in_effect_since(self, coder_id: int, at: str) -> tuple[list[dict[str, Any]], str | None]:
        """The coder's steps after ``at`` still in effect (not undone), and until when steps in effect were forgotten
        beyond HISTORY_LIMIT (a change of theirs cannot be told undone or not: "" when none were; a project pruned
        before this was kept: her oldest step kept, when she has that many). A new step drops the undone ones: their
        changes were taken back."""
        rows = self._db.conn.execute("SELECT action, undone, at FROM history WHERE coder_id = ? ORDER BY id",
                                     (coder_id,)).fetchall()
        kept = self._db.one("SELECT value FROM settings WHERE key = ?", (f"history_forgotten_{coder_id}",))
        before = json.loads(kept) if kept else rows[0][2] if len(rows) >= HISTORY_LIMIT else ""
        return [json.loads(a) for a, undone, when in rows if not undone and when > at], before

    def active(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(coder id, step) of every step in effect (made or redone, not undone), newest first."""
        for coder_id, action in self._db.conn.execute("SELECT coder_id, action FROM history WHERE undone = 0 "
                                                      "ORDER BY id DESC"):
            yield coder_id, json.loads(action)

    def every_action(self, but: int | None = None, undone: bool | None = None) -> list[dict[str, Any]]:
        """Every coder's steps (``but`` that coder's; ``undone``: only those undone, or only those not),
        newest first, as they were given."""
        flag = None if undone is None else int(undone)
        return [json.loads(r[0]) for r in self._db.conn.execute(
            "SELECT action FROM history WHERE coder_id IS NOT ? AND (? IS NULL OR undone = ?) ORDER BY id DESC",
            (but, flag, flag))]

    def others_steps(self, but: int, undone: bool) -> list[HistoryStep]:
        """Every other coder's steps to undo or, with ``undone``, to redo (newest first)."""
        return [HistoryStep(r[0], json.loads(r[1])) for r in self._db.conn.execute(
            "SELECT id, action FROM history WHERE coder_id IS NOT ? AND undone = ? ORDER BY id DESC",
            (but, int(undone)))]

    def mark(self, history_id: int, undone: bool) -> None:
        self._db.require_transaction("mark_history")
        self._db.conn.execute("UPDATE history SET undone = ? WHERE id = ?", (int(undone), history_id))

    def drop(self, history_id: int) -> None:
        self._db.require_transaction("drop_history")
        self._db.conn.execute("DELETE FROM history WHERE id = ?", (history_id,))

    def depth(self, coder_id: int) -> HistoryDepth:
        """How many steps the coder can undo and redo."""
        rows = dict(self._db.conn.execute("SELECT undone, count(*) FROM history WHERE coder_id = ? GROUP BY undone",
                                          (coder_id,)).fetchall())
        return HistoryDepth(rows.get(0, 0), rows.get(1, 0))
