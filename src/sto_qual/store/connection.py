"""Which project files this process has open, and the rule for writes that join a transaction.

A project file, its ``-wal`` and ``-shm`` must never be opened with Python's ``open()`` while
SQLite holds a connection to it in this process: closing any descriptor of a file drops
every POSIX lock the process holds on it, SQLite's included, and another process may then
take itself for the last user and delete the WAL with committed work in it. Only SQLite
opens project files; this registry lets callers refuse a path that is one of them (for
instance a project file given to ``import`` as if it were a transcript).
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

_LOCK = threading.Lock()
_OPEN: dict[tuple[int, int], int] = {}  # (device, inode) of an open project -> connections
_PATHS: dict[tuple[int, int], str] = {}
_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _key(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def register(path: Path) -> None:
    key = _key(path)
    if key is None:
        return
    with _LOCK:
        _OPEN[key] = _OPEN.get(key, 0) + 1
        _PATHS[key] = str(Path(path).resolve())


def unregister(path: Path) -> None:
    key = _key(path)
    with _LOCK:
        if key in _OPEN:
            _OPEN[key] -= 1
            if _OPEN[key] <= 0:
                del _OPEN[key]
                _PATHS.pop(key, None)


def open_project_for(path: str | os.PathLike[str]) -> str | None:
    """The open project that ``path`` is (or whose -wal/-shm/-journal it is), else None."""
    p = Path(path)
    with _LOCK:
        if not _OPEN:
            return None
        key = _key(p)
        if key in _OPEN:
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
