"""ProjectStore: the project's SQLite file spoken to in domain verbs, one aggregate each.

``store.documents``, ``store.codes``, ``store.codings`` ... each own their tables' SQL
(one module per aggregate); this class only opens the file and composes them over one
connection. Every write runs in one ``BEGIN IMMEDIATE`` transaction (``transaction``),
nested writes become savepoints, so a service can make a change, its undo step and its
audit line all-or-nothing.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sto_qual.store.audit import AuditLog
from sto_qual.store.coders import Coders
from sto_qual.store.codes import Codes
from sto_qual.store.codings import Codings
from sto_qual.store.connection import ProjectConnection
from sto_qual.store.counts import Counts
from sto_qual.store.db import open_database, storage_warnings
from sto_qual.store.documents import Documents
from sto_qual.store.history import History
from sto_qual.store.memos import Memos
from sto_qual.store.project_file import ProjectFile
from sto_qual.store.settings import Pseudonyms, Settings
from sto_qual.store.suggestions import Suggestions
from sto_qual.store.summaries import SummaryStore
from sto_qual.store.transcripts import Roles, Transcripts


class ProjectStore:
    """All persistence for one project file. Opening migrates (with a backup)."""

    def __init__(self, path: str | Path | None, *, create: bool = False) -> None:
        self.path = Path(path) if path not in (None, ":memory:") else None
        self.db = ProjectConnection(self.path, open_database(path, create=create))
        self.conn: sqlite3.Connection = self.db.conn
        self.warnings = storage_warnings(self.path) if self.path is not None else []
        self.audit = AuditLog(self.db)
        self.settings = Settings(self.db)
        self.file = ProjectFile(self.db, self.settings)
        self.coders = Coders(self.db)
        self.documents = Documents(self.db, self.audit)
        self.roles = Roles(self.db, self.audit)
        self.transcripts = Transcripts(self.db, self.roles)
        self.codes = Codes(self.db, self.audit)
        self.codings = Codings(self.db, self.documents)
        self.counts = Counts(self.db)
        self.suggestions = Suggestions(self.db, self.audit)
        self.history = History(self.db)
        self.memos = Memos(self.db, self.audit)
        self.pseudonyms = Pseudonyms(self.db, self.audit)
        self.summaries = SummaryStore(self.db)

    def close(self) -> None:
        """Checkpoint the WAL into the project file and close, so the file alone is complete."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction around several aggregates' writes (a savepoint when nested)."""
        with self.db.write() as c:
            yield c

