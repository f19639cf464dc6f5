"""Opening a project file: pragmas, versioned migrations, backups, refusal of newer schemas.

Durability: WAL journaling with ``synchronous=NORMAL``. In WAL mode a committed
transaction is in the WAL file before COMMIT returns, so it survives the process
being killed (kill -9); only a power cut of the machine can lose the last commits.
``busy_timeout`` makes a second process wait for a writer instead of failing.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from sto_qual.domain.errors import ProjectError

MIGRATION_SET = "sto_qual"
BUSY_TIMEOUT_MS = 30_000


def m001_create_tables(db) -> None:
    db.execute("""CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)""")
    db.execute("""CREATE TABLE documents (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source_file TEXT NOT NULL,
        format TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL,
        words INTEGER NOT NULL, imported_at TEXT NOT NULL, position INTEGER NOT NULL)""")
    db.execute("""CREATE TABLE attributes (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT NOT NULL, value TEXT, type TEXT NOT NULL DEFAULT 'text',
        PRIMARY KEY (document_id, key))""")
    db.execute("""CREATE TABLE turns (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        speaker TEXT, time_start TEXT, time_end TEXT)""")
    db.execute("CREATE INDEX idx_turns_document ON turns(document_id, seq)")
    db.execute("""CREATE TABLE units (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, lemmas TEXT)""")
    db.execute("CREATE INDEX idx_units_document ON units(document_id, seq)")
    # document '' = every document; a per-document entry wins (labels like "R1" differ per interview)
    db.execute("""CREATE TABLE role_map (document TEXT NOT NULL DEFAULT '', label TEXT NOT NULL,
        role TEXT NOT NULL, PRIMARY KEY (document, label))""")
    db.execute("""CREATE TABLE codes (
        id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES codes(id),
        path TEXT NOT NULL UNIQUE, name TEXT NOT NULL, label TEXT, colour TEXT NOT NULL,
        definition TEXT NOT NULL DEFAULT '', when_to_use TEXT NOT NULL DEFAULT '',
        when_not_to_use TEXT NOT NULL DEFAULT '', examples TEXT NOT NULL DEFAULT '[]',
        keywords TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE coders (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id),
        coder_id INTEGER NOT NULL REFERENCES coders(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, words INTEGER NOT NULL DEFAULT 0, memo TEXT,
        origin TEXT NOT NULL DEFAULT 'manual', starred INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK ("end" > start AND start >= 0),
        CHECK (origin IN ('manual', 'accepted-suggestion', 'imported')))""")
    db.execute("CREATE INDEX idx_codings_document ON codings(document_id, start)")
    db.execute("CREATE INDEX idx_codings_code ON codings(code_id)")
    db.execute("CREATE INDEX idx_codings_coder ON codings(coder_id)")
    # covering index for theme counts (spans counted once across coders)
    db.execute('CREATE INDEX idx_codings_span ON codings(document_id, code_id, start, "end", words)')
    db.execute("""CREATE TABLE memos (
        id INTEGER PRIMARY KEY, target TEXT NOT NULL CHECK (target IN ('document', 'code', 'coding')),
        target_id INTEGER NOT NULL, coder_id INTEGER REFERENCES coders(id),
        text TEXT NOT NULL, created_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX idx_memos_target ON memos(target, target_id)")
    db.execute("""CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('rule', 'model')),
        reason TEXT NOT NULL DEFAULT '', confidence REAL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        decided_by INTEGER REFERENCES coders(id), decided_at TEXT, coding_id INTEGER,
        created_at TEXT NOT NULL)""")
    db.execute("CREATE UNIQUE INDEX idx_suggestions_unit_code ON suggestions(unit_id, code_id)")
    db.execute("CREATE INDEX idx_suggestions_status ON suggestions(status, code_id)")
    db.execute("""CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id INTEGER, details TEXT)""")
    db.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY, coder_id INTEGER NOT NULL REFERENCES coders(id),
        action TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL)""")
    db.execute("CREATE INDEX idx_history_coder ON history(coder_id, undone, id)")
    db.execute("""CREATE TABLE pseudonyms (
        id INTEGER PRIMARY KEY, pattern TEXT NOT NULL UNIQUE, replacement TEXT NOT NULL,
        is_regex INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""")
    db.execute("""CREATE VIRTUAL TABLE units_fts USING fts5(
        text, folded, lemmas, tokenize = 'unicode61 remove_diacritics 2')""")


def m006_index_positions_and_unit_spans(db) -> None:
    # the next document's position was max(position) over a full scan of documents, text
    # included: importing N documents read O(N^2) rows (20,000 survey answers took minutes)
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_position ON documents(position)")
    # the sentence units a coding overlaps, found by a seek instead of a scan (co-occurrence)
    db.execute('CREATE INDEX IF NOT EXISTS idx_units_span ON units(document_id, start, "end")')


# The schema's history, oldest first. Each runs in its own transaction through
# sqlite_utils.Migrations; sqlite-utils is imported only when one has to run, so opening
# an up-to-date project (every command, every start of the TUI) stays fast.
MIGRATIONS: list = [m001_create_tables, m006_index_positions_and_unit_spans]
SCHEMA_VERSION = len(MIGRATIONS)


def known() -> list[str]:
    return [fn.__name__ for fn in MIGRATIONS]


def _migration_set():
    from sto_qual.store._sqlite_utils import Migrations
    mset = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        mset(name=fn.__name__)(fn)
    return mset


def _apply(conn: sqlite3.Connection) -> None:
    from sto_qual.store._sqlite_utils import Database
    _migration_set().apply(Database(conn))


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - file systems without shared memory
            raise ProjectError(f"{path}: cannot switch the project to WAL journaling ({mode})",
                               hint="keep the project on a local disk")
    conn.execute("PRAGMA synchronous = NORMAL")
    # checkpoint the WAL every ~40 MB instead of every 4 MB: fewer (fsyncing) checkpoints
    # in the middle of a coder's key presses
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    return conn


_SYNC_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "nextcloud", "owncloud",
                 "box sync", "mega")
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs", "davfs", "fuse.davfs2"}


def storage_warnings(path: Path) -> list[str]:
    """Warn when a project sits where SQLite's locking is unreliable (network drive, sync folder)."""
    out = []
    full = str(Path(path).resolve()).lower()
    if any(f"/{name}" in full for name in _SYNC_FOLDERS):
        out.append(f"{path} is in a sync folder; syncing an open SQLite file can corrupt it — keep the project "
                   "on a local disk and use `sto-qual merge` to combine coders' copies")
    try:
        best, fstype = "", ""
        with open("/proc/mounts", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3 and full.startswith(parts[1].lower()) and len(parts[1]) > len(best):
                    best, fstype = parts[1], parts[2]
        if fstype in _NETWORK_FS:
            out.append(f"{path} is on a network file system ({fstype}); SQLite locking is unreliable there — "
                       "keep the project on a local disk")
    except OSError:
        pass
    return out


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to this database (without importing sqlite-utils)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if not has:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                                       (MIGRATION_SET,))]


def backup_file(path: Path, label: str) -> Path:
    """Consistent copy of the project beside it (SQLite online backup)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    src = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(str(target))
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def open_database(path: str | os.PathLike[str] | None, *, create: bool = False) -> sqlite3.Connection:
    """Open (or with ``create`` make) a project database and bring its schema up to date.

    A project with older migrations is first copied to a timestamped backup
    beside it; a project written by a newer sto_qual is refused.
    """
    if path is None or str(path) == ":memory:":
        conn = _connect(":memory:")
        _apply(conn)
        return conn
    p = Path(path)
    if not create and not p.exists():
        raise ProjectError(f"{p}: no such project", hint="create it with `sto-qual init --project "
                           f"{p}` or pass --project")
    if p.exists() and p.is_dir():
        raise ProjectError(f"{p}: is a directory, not a project file")
    if p.exists():
        with open(p, "rb") as fh:
            head = fh.read(16)
        if head and not head.startswith(b"SQLite format 3"):
            raise ProjectError(f"{p}: not a sto_qual project (not an SQLite file)")
    try:
        conn = _connect(str(p))
        applied = applied_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{p}: cannot open project ({exc})") from None
    names = known()
    unknown = [name for name in applied if name not in names]
    if unknown:
        conn.close()
        raise ProjectError(f"{p}: made by a newer sto_qual (schema {len(applied)}, this program "
                           f"knows {SCHEMA_VERSION})", hint="upgrade sto_qual to open it")
    pending = [n for n in names if n not in applied]
    if pending and applied:
        backup_file(p, f"pre-migration-v{len(applied)}")
    if pending:
        _apply(conn)
    return conn


def file_holds_document(path: Path, content_hash: str) -> bool:
    """Whether another project file (a backup) holds a document with this content."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False


def check_backup(path: Path) -> None:
    """Refuse a file that is not a usable sto_qual project (before a restore)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'codings'").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: not a sto_qual backup ({exc})") from None
    if not ok or not has:
        raise ProjectError(f"{path}: not a usable sto_qual backup (integrity check failed)")


def copy_database(src: Path, dst: Path) -> None:
    """Consistent copy of one SQLite file to another (online backup API)."""
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(str(dst))
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()
