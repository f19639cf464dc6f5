"""Project settings (JSON values by key) and the pseudonym list."""
from __future__ import annotations

import json
from typing import Any

from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, now
from sto_qual.store.records import Pseudonym


class Settings:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        value = self._db.one("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(value) if value is not None else default

    def set(self, key: str, value: Any) -> None:
        with self._db.write() as c:
            c.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                      "SET value = excluded.value", (key, json.dumps(value, ensure_ascii=False)))

    def keys(self, prefix: str) -> list[str]:
        """The keys that start with ``prefix``."""
        return [k for (k,) in self._db.conn.execute("SELECT key FROM settings WHERE substr(key, 1, ?) = ?",
                                                        (len(prefix), prefix))]

    def rename(self, key: str, new: str) -> None:
        """Keep ``key``'s value under ``new`` instead (nothing when ``key`` has none)."""
        with self._db.write() as c:
            c.execute("UPDATE settings SET key = ? WHERE key = ?", (new, key))


def name_key(pattern: str) -> str:
    """How the audit log knows a name on the pseudonym list without holding it (a name taken off
    the list is gone from the file): the first 16 hex digits of its SHA-256."""
    import hashlib
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()[:16]


class Pseudonyms:
    """Names to replace in exports: (pattern, replacement, is_regex), in the order added."""

    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    def add(self, pattern: str, replacement: str, is_regex: bool = False) -> None:
        self.add_many([(pattern, replacement, is_regex)])

    def add_many(self, entries: list[tuple[str, str, bool]], added_at: dict[str, str] | None = None) -> None:
        """(pattern, replacement, is_regex) each, in one transaction: all or none. ``added_at``:
        when a pattern was put on a copy's list (a merge brings it), else now."""
        with self._db.write() as c:
            for pattern, replacement, is_regex in entries:
                at = (added_at or {}).get(pattern) or now()
                c.execute("INSERT INTO pseudonyms (pattern, replacement, is_regex, created_at) VALUES (?,?,?,?) "
                          "ON CONFLICT(pattern) DO UPDATE SET replacement = excluded.replacement, "
                          "is_regex = excluded.is_regex", (pattern, replacement, int(is_regex), at))
                self._audit.record("add", "pseudonym", None, None, {"replacement": replacement,
                                                                    "name": name_key(pattern)}, at=at)

    def added_at(self) -> dict[str, str]:
        """Each pattern's moment it was first put on the list."""
        return dict(self._db.conn.execute("SELECT pattern, created_at FROM pseudonyms"))

    def remove(self, pattern: str) -> bool:
        with self._db.write() as c:
            gone = c.execute("DELETE FROM pseudonyms WHERE pattern = ?", (pattern,)).rowcount > 0
            if gone:  # (a merge does not bring back a name taken off here)
                self._audit.record("remove", "pseudonym", None, None, {"name": name_key(pattern)})
            return gone

    def all(self) -> list[Pseudonym]:
        return [Pseudonym(r[0], r[1], bool(r[2])) for r in
                self._db.conn.execute("SELECT pattern, replacement, is_regex FROM pseudonyms ORDER BY id")]
