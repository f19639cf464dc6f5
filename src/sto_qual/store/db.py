"""Opening a project file: pragmas, migrating it (``migrations``) with a backup first, refusing
newer schemas; copies and backups of project files.

Durability: WAL journaling with ``synchronous=NORMAL``. In WAL mode a committed
transaction is in the WAL file before COMMIT returns, so it survives the process
being killed (kill -9); only a power cut of the machine can lose the last commits.
``busy_timeout`` makes a second process wait for a writer instead of failing.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shlex
import sqlite3
from pathlib import Path

from sto_qual.domain.errors import ProjectError
from sto_qual.domain.project_files import meant_name, named_like
from sto_qual.domain.text import first_few
from sto_qual.store import migrations

BUSY_TIMEOUT_MS = 30_000


def _connect(path: str, conn: sqlite3.Connection | None = None) -> sqlite3.Connection:
    if conn is None:
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


def stamped_path(path: Path, label: str, stamp: str, suffix: str | None = None) -> Path:
    """How a copy beside a project is named, ``<stem>.<label>-<stamp><suffix>``: the automatic
    backups (``backup_file``) and a dated `sto-qual backup` (``ProjectFile.backup``)."""
    return path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix if suffix is None else suffix}")


# such a copy's name, whatever its label ("studie.backup-20261204-153000.db", "….pre-merge-…-ffffff.db")
_STAMPED = re.compile(r"\.[a-z][\w-]*-\d{8}-\d{6}(?:-\d{6})?\.[^.]+$")


def backup_file(path: Path, label: str) -> Path:
    """Consistent copy of the project beside it (SQLite online backup). It is written under a
    name no backup listing matches and renamed when whole: a process killed while copying
    leaves no empty "backup" to count among the newest kept (``remove_partial_backups``)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = stamped_path(path, label, stamp)
    partial = target.with_name(target.name + PARTIAL)
    src = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(str(partial))
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    os.replace(partial, target)
    return target


PARTIAL = ".partial"


def remove_partial_backups(path: Path, older_than_s: float = 60.0) -> None:
    """Backups of ``path`` a killed process left half written (and their journals), once
    they are old enough that no running copy still writes them."""
    import time
    for f in path.parent.glob(f"{path.stem}.*{path.suffix}{PARTIAL}*"):
        try:
            if time.time() - f.stat().st_mtime > older_than_s:
                f.unlink()
        except OSError:
            pass


def _cannot_open(p: Path, exc: Exception, create: bool) -> ProjectError:
    """The one line for a project file SQLite cannot open or make: where that is the folder
    (a new file, or the journal SQLite keeps beside the project), it says so."""
    folder = p.absolute().parent
    if "unable to open" in str(exc):
        if create:
            return ProjectError(f"{p}: cannot create the project: the folder {folder} takes no new file",
                                hint="choose a folder you can write to, or make this one writable")
        return ProjectError(f"{p}: cannot open project ({exc})",
                            hint=f"SQLite writes its journal beside the project, so the folder {folder} must be "
                                 "writable; copy the project to one that is")
    return ProjectError(f"{p}: cannot {'create' if create else 'open'} project ({exc})")


def refuse_empty_path(path: str | os.PathLike[str]) -> None:
    """An empty project path (`--project ""`, an unset variable in a script) is refused: as a
    path it names the current folder."""
    if not str(path).strip():
        raise ProjectError("no project file given: the project path is empty",
                           hint="give --project FILE.db or set STO_QUAL_PROJECT")


def open_database(path: str | os.PathLike[str] | None, *, create: bool = False) -> sqlite3.Connection:
    """Open (or with ``create`` make) a project database and bring its schema up to date.

    A project with older migrations is first copied to a timestamped backup
    beside it; a project written by a newer sto_qual is refused.
    """
    if path is None or str(path) == ":memory:":
        conn = _connect(":memory:")
        migrations.apply(conn)
        return conn
    refuse_empty_path(path)
    p = Path(path)
    if not create and not p.exists():
        if not p.absolute().parent.is_dir():  # `init` could not make it there either
            raise ProjectError(f"{p}: no such project, and the folder {p.absolute().parent} does not exist",
                               hint="check the --project path")
        # a project beside it is most likely the one meant (`init stuurgroep.db`, then `info`
        # looked for sto-qual.db): named, rather than offering to create another
        near = sorted(f.name for f in p.absolute().parent.glob("*.db") if not _STAMPED.search(f.name))
        # `studi.db`: studie.db first, not a copy that sorts before it; `x`: x.db
        meant = meant_name(p.name, near) or (meant_name(p.name + ".db", near) if not p.suffix else None)
        near = [meant, *(n for n in near if n != meant)] if meant else near
        kind = named_like(p)  # `init` refuses such a name: a project is offered under a .db name
        new = (f"`sto-qual init --project {shlex.quote(str(p))}` creates a new one" if not kind else
               f"{p.name} is named like a {kind}, and a project is a .db file" + (
                   "" if p.with_suffix(".db").exists() else
                   f": `sto-qual init --project {shlex.quote(str(p.with_suffix('.db')))}` creates one"))
        shown = first_few(near, 3)
        raise ProjectError(f"{p}: no such project", hint=(
            f"this folder has {shown}: pass --project {shlex.quote(str(p.parent / near[0]))} or set STO_QUAL_PROJECT "
            f"to it; {new}"
            if near else (f"create it with `sto-qual init --project {shlex.quote(str(p))}` or pass --project"
                          if not kind else new)))
    if p.exists() and p.is_dir():
        raise ProjectError(f"{p}: is a folder, not a project file; give the .db file")
    # The header is checked through SQLite, never with Python's open(): closing any
    # descriptor of the file would drop every POSIX lock this process holds on it
    # (SQLite's included), and another process could then delete the WAL under us.
    try:
        probe = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.DatabaseError as exc:  # a folder that takes no new file (read-only, no permission)
        raise _cannot_open(p, exc, create) from None
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        probe.close()
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise ProjectError(f"{p}: not a sto_qual project (not an SQLite file)") from None
        raise _cannot_open(p, exc, create) from None
    try:
        applied = migrations.applied_migrations(probe)
        tables = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] if not (create or applied) else 0
    except sqlite3.DatabaseError as exc:
        probe.close()
        raise ProjectError(f"{p}: cannot open project ({exc})") from None
    if not create and not applied:
        # a file that is not (yet) a sto_qual project is never turned into one by opening it:
        # a mistyped --project must not add tables to another program's database (or switch
        # it to WAL journaling, which _connect does)
        probe.close()
        if tables:
            raise ProjectError(f"{p}: not a sto_qual project (an SQLite database of another program); "
                               "it was left untouched", hint="check the --project path")
        what = "an empty file" if p.stat().st_size == 0 else "an SQLite database without tables"
        raise ProjectError(f"{p}: not a sto_qual project ({what})",
                           hint="check the path (a new project is made with `sto-qual init`)")
    try:
        conn = _connect(str(p), probe)
    except sqlite3.DatabaseError as exc:
        probe.close()
        raise ProjectError(f"{p}: cannot open project ({exc})") from None
    names = migrations.known()
    unknown = [name for name in applied if name not in names]
    if unknown:
        conn.close()
        raise ProjectError(f"{p}: made by a newer sto_qual (schema {len(applied)}, this program "
                           f"knows {migrations.SCHEMA_VERSION})", hint="upgrade sto_qual to open it")
    pending = [n for n in names if n not in applied]
    if pending and applied:
        backup_file(p, f"pre-migration-v{len(applied)}")
    if pending:
        migrations.apply(conn)
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in CORE_TABLES if t not in have]
    if missing:  # every command stopped on it with an internal error ("no such table: codings")
        conn.close()
        raise ProjectError(f"{p}: the project is damaged: its table '{missing[0]}' is missing",
                           hint="restore a backup of it (`sto-qual restore`), made beside the project file")
    return conn


# the tables every project has (created by the first migrations): one gone, the file is no whole project
CORE_TABLES = ("documents", "turns", "units", "codes", "coders", "codings", "attributes", "settings", "history")


def read_only_uri(path: str | os.PathLike[str]) -> str:
    """URI to read another project file without leaving anything beside it. A WAL-mode file
    opened read-only gets a ``-wal`` and ``-shm`` created next to it; when it has no ``-wal``
    no program has it open, so it is read as immutable (nothing created, nothing locked)."""
    from urllib.parse import quote
    p = Path(path).resolve()
    immutable = "" if Path(f"{p}-wal").exists() else "&immutable=1"
    return f"file:{quote(str(p))}?mode=ro{immutable}"


def _read_other(path: Path, sql: str, params: tuple = (), strict: bool = False) -> list | None:
    """Rows of a query on another project file (a backup), read-only; none when it is unreadable (``strict``:
    None, which ``coding_owners`` tells from a file without rows)."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return None if strict else []


def file_holds_document(path: Path, content_hash: str) -> bool:
    """Whether another project file (a backup) holds a document with this content."""
    return bool(_read_other(path, "SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", (content_hash,)))


def file_counts(path: Path) -> tuple[int | None, int | None]:
    """(documents, codings) of another project file (read-only); None each when unreadable."""
    rows = _read_other(path, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM codings)")
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def history_start(path: Path) -> tuple | None:
    """The first line of a project file's audit log (when, what, of what): a copy of a project
    (a backup, a coder's copy) starts its history with the same line; another project made from
    the same transcripts does not. None when it has none or is unreadable."""
    rows = _read_other(path, "SELECT at, action, entity FROM audit_log ORDER BY id LIMIT 1")
    return tuple(rows[0]) if rows else None


def backups_named_in(path: Path) -> list[tuple[str, str, dict]]:
    """``Audit.backups_named`` of another project file (a backup: a restore put back a project whose log ends
    before the merges a pre-restore copy still holds)."""
    from sto_qual.store.audit import BACKUPS_NAMED, backups_named_of
    return backups_named_of(_read_other(path, BACKUPS_NAMED) or ())


def coding_owners(path: Path) -> dict[int, str] | None:
    """Coding id -> its coder's name, of another project file (read-only); None when unreadable (an
    empty dict would read as a project without codings)."""
    rows = _read_other(path, "SELECT k.id, c.name FROM codings k JOIN coders c ON c.id = k.coder_id", strict=True)
    return None if rows is None else dict(rows)


def coding_states(path: Path) -> dict[int, tuple] | None:
    """Coding id -> (code id, start, end, memo, starred), of another project file (read-only); None when
    unreadable."""
    rows = _read_other(path, 'SELECT id, code_id, start, "end", memo, starred FROM codings', strict=True)
    return None if rows is None else {r[0]: tuple(r[1:]) for r in rows}


def purged_backups(path: Path) -> dict[str, tuple[str, str]]:
    """Of another project file (read-only): each backup file name ``delete-doc`` removed -> (the interview deleted,
    when)."""
    out: dict[str, tuple[str, str]] = {}
    for at, details in _read_other(path, "SELECT at, details FROM audit_log WHERE action = 'purge' AND "
                                         "entity = 'backups'") or ():
        d = json.loads(details or "{}")
        out.update({f: (str(d.get("document")), at) for f in d.get("files") or ()})
    return out


def document_hashes(path: Path) -> set[str]:
    """The content of every document of another project file (read-only); empty when unreadable."""
    return {r[0] for r in _read_other(path, "SELECT content_hash FROM documents")}


def check_backup(path: Path) -> None:
    """Refuse a file that is not a usable sto_qual project (before a restore)."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'codings'").fetchone()
            applied = migrations.applied_migrations(con) if has else []
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: not a sto_qual backup ({exc})") from None
    if not has:  # another program's database (or an empty one): no failed check of a project
        raise ProjectError(f"{path}: not a sto_qual project or backup (it has no codings table)")
    if not ok:
        raise ProjectError(f"{path}: not a usable sto_qual backup (integrity check failed)")
    if any(name not in migrations.known() for name in applied):  # restored, the project would not open
        raise ProjectError(f"{path}: made by a newer sto_qual (schema {len(applied)}, this program knows "
                           f"{migrations.SCHEMA_VERSION})", hint="restore it with the sto_qual that made it")


def copy_database(src: Path, dst: Path) -> None:
    """Consistent copy of one SQLite file to another (online backup API)."""
    source = sqlite3.connect(read_only_uri(src), uri=True)
    target = sqlite3.connect(str(dst))
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()
