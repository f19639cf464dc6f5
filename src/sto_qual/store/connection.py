"""The open project connection (write transactions, storage-error mapping), which project
files this process has open, and the rule for writes that join a transaction.

A project file, its ``-wal`` and ``-shm`` must never be opened with Python's ``open()`` while
SQLite holds a connection to it in this process: closing any descriptor of a file drops
every POSIX lock the process holds on it, SQLite's included, and another process may then
take itself for the last user and delete the WAL with committed work in it. Only SQLite
opens project files; this registry lets callers refuse a path that is one of them (for
instance a project file given to ``import`` as if it were a transcript).
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ProjectError

_LOCK = threading.Lock()
_OPEN: dict[tuple[int, int], int] = {}  # (device, inode) of an open project -> connections
_PATHS: dict[tuple[int, int], str] = {}
# keys of connections collected without close(): the collector may run while this thread holds
# _LOCK, so a finalizer only appends here (atomic) and the next locked call takes them back
_COLLECTED: list[tuple[int, int]] = []
_SUFFIXES = ("", "-wal", "-shm", "-journal")
COMPANIONS = ("-wal", "-shm")  # what SQLite in WAL mode keeps beside a project file


def remove_database_files(path: str | os.PathLike[str], *, keep_main: bool = False) -> None:
    """Remove a project file (unless ``keep_main``) and its -wal/-shm companions."""
    for suffix in COMPANIONS if keep_main else ("",) + COMPANIONS:
        Path(str(path) + suffix).unlink(missing_ok=True)


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def register(key: tuple[int, int], path: Path) -> None:
    """Count one more connection to the project file ``key`` (device, inode) at ``path``;
    ``unregister(key)`` takes it back when that connection closes."""
    with _LOCK:
        _take_back_collected()
        _OPEN[key] = _OPEN.get(key, 0) + 1
        _PATHS[key] = str(Path(path).resolve())


def unregister(key: tuple[int, int]) -> None:
    """One connection fewer to the file ``key``: by the identity it had when registered, not by
    its path, for the file may have been deleted or replaced meanwhile, and a stale entry would
    later refuse an unrelated file that reuses the freed inode."""
    with _LOCK:
        _take_back_collected()
        _release(key)


def _release(key: tuple[int, int]) -> None:
    if key in _OPEN:
        _OPEN[key] -= 1
        if _OPEN[key] <= 0:
            del _OPEN[key]
            _PATHS.pop(key, None)


def _take_back_collected() -> None:
    while _COLLECTED:
        _release(_COLLECTED.pop())


def open_project_for(path: str | os.PathLike[str]) -> str | None:
    """The open project that ``path`` is (or whose -wal/-shm/-journal it is), else None."""
    p = Path(path)
    with _LOCK:
        _take_back_collected()
        if not _OPEN:
            return None
        key = _key(p)
        if key in _OPEN:  # an inode we hold open cannot be freed and reused: the entry is current
            return _PATHS[key]
        resolved = str(p.resolve())
        for project in _PATHS.values():
            if resolved in (project + s for s in _SUFFIXES):
                return project
    return None


def require_transaction(conn: sqlite3.Connection, what: str) -> None:
    """Writes meant to join the caller's transaction refuse to run outside one: Python's
    sqlite3 would silently open a transaction that nothing ever commits."""
    if not conn.in_transaction:
        raise RuntimeError(f"internal: {what} must run inside a store transaction")


def now() -> str:
    """The store's timestamps: UTC, ISO 8601 with microseconds."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


class ReadOnlyProject(ProjectError):
    """SQLite refused a write because the project file (or its disk) is read-only: every
    further write would be refused too."""


def _read_only(msg: str) -> bool:
    return "readonly" in msg or "read-only" in msg


def _on_read_only_disk(path: Path | None) -> bool:
    try:
        return path is not None and bool(os.statvfs(Path(path).parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # pragma: no cover - no statvfs (Windows)
        return False


class ProjectConnection:
    """One open project file: its SQLite connection, the write transaction every aggregate
    uses (``write``), and the mapping of SQLite's storage errors to one clear ProjectError."""

    def __init__(self, path: Path | None, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.lock = threading.RLock()
        self._identity: tuple[int, int] | None = None
        self._on_rollback: list[Callable[[], None]] = []
        self._collected: weakref.finalize | None = None
        if path is not None:
            st = os.stat(path)
            self._identity = (st.st_dev, st.st_ino)
            register(self._identity, path)
            # taken back on close, or when the connection is collected unclosed
            self._collected = weakref.finalize(self, _COLLECTED.append, self._identity)

    def on_rollback(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` whenever a write is rolled back (caches of what it changed)."""
        self._on_rollback.append(callback)

    def close(self) -> None:
        """Checkpoint the WAL into the project file and close, so the file alone is complete.
        A connection that wrote nothing leaves the WAL alone: its checkpoint would count as a
        change for every other connection's ``data_version`` (the TUI would reload for a
        dashboard worker that only read, and that worker would run again: a loop)."""
        try:
            if self.path is not None and not self.conn.in_transaction and self.conn.total_changes:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # another process is reading; SQLite checkpoints later
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover
            pass
        if self._collected is not None and self._collected.detach() is not None:  # once only
            unregister(self._identity)
        self._identity = None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction (a savepoint when nested): a multi-row change is
        all-or-nothing, and concurrent writers queue on the busy timeout instead of failing."""
        with self.lock:
            if self.conn.in_transaction:  # nested: a savepoint inside the outer write
                name = f"sp_{threading.get_ident()}_{id(self)}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.conn
                except BaseException as exc:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                    # a read-only project refuses every write: said as such, not as a failure of
                    # the one document or row the savepoint held
                    if isinstance(exc, sqlite3.OperationalError) and _read_only(str(exc)):
                        raise self.storage_error(exc) from None
                    raise
                else:
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                return
            self._check_file()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self.storage_error(exc) from None
            try:  # again under the write lock: the file may have been replaced while we waited
                self._check_file()
            except ProjectError:
                self.conn.execute("ROLLBACK")
                raise
            try:
                yield self.conn
            except BaseException as exc:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:  # pragma: no cover - the connection is gone
                        pass
                for callback in self._on_rollback:
                    callback()
                if isinstance(exc, sqlite3.OperationalError):
                    raise self.storage_error(exc) from None
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise self.storage_error(exc) from None

    def _check_file(self) -> None:
        """Refuse to write when the project file was deleted or replaced under us: the open
        handle would keep writing into a file nobody can open again."""
        if self.path is None:
            return
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise ProjectError(f"{self.path}: the project file was deleted or moved while open; nothing was "
                               "saved", hint="restore it from a backup, or save this work with `sto-qual backup`") from None
        if (st.st_dev, st.st_ino) != self._identity:
            raise ProjectError(f"{self.path}: the project file was replaced while open; nothing was saved",
                               hint="reopen the project")

    def storage_error(self, exc: sqlite3.OperationalError) -> ProjectError:
        msg = str(exc)
        if "full" in msg:
            return ProjectError(f"{self.path}: the disk is full; nothing was saved",
                                hint="free some space and try again")
        if _read_only(msg):
            return ReadOnlyProject(f"{self.path} is read-only: cannot save changes", hint=(
                "it is on a read-only disk: copy it to a writable folder" if _on_read_only_disk(self.path)
                else "check the file's permissions"))
        if "locked" in msg or "busy" in msg:
            return ProjectError(f"{self.path}: another program kept the project locked for too long; nothing "
                                "was saved", hint="try again; see README 'Reliability'")
        if "disk I/O" in msg:
            return ProjectError(f"{self.path}: disk I/O error; nothing was saved", hint="check the disk")
        return ProjectError(f"{self.path}: cannot save ({msg}); nothing was saved")

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def require_transaction(self, what: str) -> None:
        require_transaction(self.conn, what)


def in_chunks(ids: Sequence[Any], size: int = 900) -> Iterator[list[Any]]:
    """``ids`` in slices small enough for one ``IN (?, ...)`` (SQLite's variable limit)."""
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def marks(values: Sized) -> str:
    """``?,?,?`` for an ``IN (...)`` of these values."""
    return ",".join("?" * len(values))


def where(*conditions: tuple[str, Any]) -> tuple[str, list[Any]]:
    """`` WHERE a AND b`` and its parameters, from the conditions whose value is not None:
    ``("k.coder_id = ?", 3)``, ``("k.code_id IN", [1, 2])``, or a condition without a
    parameter (``("k.memo != ''", True)``)."""
    parts: list[str] = []
    params: list[Any] = []
    for sql, value in conditions:
        if value is None:
            continue
        if sql.endswith(" IN"):
            values = list(value)
            parts.append(f"{sql} ({marks(values)})")
            params += values
        else:
            parts.append(sql)
            if "?" in sql:
                params.append(value)
    return (" WHERE " + " AND ".join(parts) if parts else ""), params


def document_texts(db: ProjectConnection, doc_ids: Iterable[int]) -> dict[int, str]:
    """document id -> its text, each document read once: a unit's or coding's text is sliced from
    it in Python, where substr() in SQL reads the whole text again for every row."""
    texts: dict[int, str] = {}
    for chunk in in_chunks(sorted(set(doc_ids)), 500):
        texts.update(db.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({marks(chunk)})", chunk).fetchall())
    return texts
