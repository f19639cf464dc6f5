"""Coders: the people (or programs) whose codings a project holds."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sto_qual.store.connection import ProjectConnection, in_chunks, marks, now


class Coders:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db

    def ensure(self, name: str, made_at: str | None = None) -> int:
        """The coder's id, adding the coder when new (``made_at``: when she was made in the copy a
        merge brings her from, the moment that names her across copies; else now)."""
        row = self.by_name(name)
        if row is not None:
            return row
        with self._db.write() as c:
            c.execute("INSERT OR IGNORE INTO coders (name, created_at) VALUES (?, ?)", (name, made_at or now()))
            return self.by_name(name)

    def _find(self, name: str) -> tuple[int, str] | None:
        """(id, stored name) of the coder of that name; a name typed in another case ("Anna" for
        "anna") is that coder when only one coder matches it so: two coders are never made of
        one person."""
        rows = self._db.conn.execute("SELECT id, name FROM coders WHERE name = ? COLLATE NOCASE", (name,)).fetchall()
        exact = [r for r in rows if r[1] == name]
        return tuple(exact[0]) if exact else tuple(rows[0]) if len(rows) == 1 else None

    def by_name(self, name: str) -> int | None:
        found = self._find(name)
        return None if found is None else found[0]

    def stored_name(self, name: str) -> str | None:
        """The coder's name as the project stores it ("anna" for "Anna"), or None."""
        found = self._find(name)
        return None if found is None else found[1]

    def names(self) -> dict[int, str]:
        """Coder id -> name as stored."""
        return dict(self._db.conn.execute("SELECT id, name FROM coders"))

    def all(self) -> list[dict[str, Any]]:
        """Each coder (id, name, created_at) with the number of codings and documents coded."""
        return self._db.rows("""SELECT c.id, c.name, c.created_at,
            (SELECT count(*) FROM codings k WHERE k.coder_id = c.id) AS codings,
            (SELECT count(DISTINCT document_id) FROM codings k WHERE k.coder_id = c.id) AS documents
            FROM coders c ORDER BY c.name""")

    def codings_in(self, doc_ids: Sequence[int]) -> dict[str, int]:
        """Coder name -> the number of their codings in these documents (a coder with none there
        is not in it)."""
        out: Counter[str] = Counter()
        for chunk in in_chunks(list(doc_ids)):
            out.update(dict(self._db.conn.execute(
                "SELECT c.name, count(*) FROM codings k JOIN coders c ON c.id = k.coder_id "
                f"WHERE k.document_id IN ({marks(chunk)}) GROUP BY c.name", chunk)))
        return dict(out)

    def what_is_by(self, coder_id: int) -> dict[str, int]:
        """What the project holds by this coder: codings, memos, suggestion decisions."""
        one = self._db.conn.execute
        return {"coding": one("SELECT count(*) FROM codings WHERE coder_id = ?", (coder_id,)).fetchone()[0],
                "memo": one("SELECT count(*) FROM memos WHERE coder_id = ?", (coder_id,)).fetchone()[0],
                "suggestion decision": one("SELECT count(*) FROM suggestions WHERE decided_by = ?",
                                            (coder_id,)).fetchone()[0]}

    def remove_unused(self, coder_id: int) -> bool:
        """Remove a coder nothing in the project is by (their undo steps go with them); False,
        and nothing removed, when something is (checked inside the write)."""
        with self._db.write() as c:
            if any(self.what_is_by(coder_id).values()):
                return False
            c.execute("DELETE FROM history WHERE coder_id = ?", (coder_id,))
            c.execute("DELETE FROM coders WHERE id = ?", (coder_id,))
        return True


    def rename(self, coder_id: int, name: str) -> None:
        """Give a coder another name (its codings, memos, decisions and undo steps are by id)."""
        with self._db.write() as c:
            c.execute("UPDATE coders SET name = ? WHERE id = ?", (name, coder_id))
