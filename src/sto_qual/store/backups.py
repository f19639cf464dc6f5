"""sto_qual's own automatic backups, recognised by their exact name, and which files beside a
project still hold a document.

``db.backup_file`` names an automatic backup ``<stem>.<label>-<YYYYmmdd-HHMMSS-ffffff><suffix>``
with one of the labels below. Only such files are ever deleted by sto_qual (the newest few of
each kind are kept; ``delete-doc`` purges those holding the deleted document). Any other file
beside the project -- a coder's copy ``studie.coder-b.db``, ``studie.wave2.db`` -- is the
user's own and is only ever reported.
"""
from __future__ import annotations

import re
from pathlib import Path

from sto_qual.store.db import file_counts, file_holds_document, read_only_uri

AUTO_LABELS = r"pre-merge|pre-delete|pre-restore|pre-agreed|pre-codebook|pre-speaker|pre-migration-v\d+"


def _pattern(project: Path, label: str = AUTO_LABELS) -> re.Pattern[str]:
    """A copy's name beside ``project``, its kind (``label``, a regular expression) and when
    it was made in named groups (``label``, ``d``, ``t``)."""
    return re.compile(rf"{re.escape(project.stem)}\.(?P<label>{label})-(?P<d>\d{{8}})-(?P<t>\d{{6}})(?:-\d{{6}})?"
                      rf"{re.escape(project.suffix)}")


def is_auto_backup(project: Path, candidate: Path, label: str | None = None) -> bool:
    """Whether ``candidate`` is one of ``project``'s automatic backups (of kind ``label``)."""
    if candidate.parent.resolve() != project.parent.resolve():
        return False
    pat = _pattern(project, re.escape(label) if label else AUTO_LABELS)
    return pat.fullmatch(candidate.name) is not None


def project_of(backup: Path) -> Path | None:
    """The project file beside ``backup`` that it is a backup of, by its name (an automatic backup's
    or `backup`'s own, ``NAME.backup-YYYYmmdd-HHMMSS.db``); None when there is none."""
    m = re.fullmatch(rf"(?P<stem>.+)\.(?:{AUTO_LABELS}|backup)-\d{{8}}-\d{{6}}(?:-\d{{6}})?(?P<suffix>\.[^.]+)",
                     backup.name)
    if m is None:
        return None
    made_of = backup.parent / f"{m['stem']}{m['suffix']}"
    return made_of if made_of.is_file() else None


def auto_backups(project: Path, label: str | None = None) -> list[Path]:
    """The automatic backups of ``project`` (of kind ``label``), newest first."""
    return sorted((p for p in project.parent.glob(f"{project.stem}.*{project.suffix}")
                   if is_auto_backup(project, p, label)), reverse=True)


# what each kind of copy was made before, as `backups` lists it
KINDS = {"pre-merge": "before a merge", "pre-delete": "before a code-delete", "pre-restore": "before a restore",
         "pre-agreed": "before `agreed`", "pre-codebook": "before a codebook-import",
         "pre-speaker": "before a speaker-rename", "backup": "backup"}


def listed_backups(project: Path) -> list[dict[str, object]]:
    """The copies of ``project`` beside it, newest first: its automatic backups and the copies
    `backup` named itself (``NAME.backup-YYYYmmdd-HHMMSS.db``), each with its kind, when it was
    made (from its name), its size and how many documents and codings it holds (read-only)."""
    out = []
    for p, m in _copies(project):
        d, t = m["d"], m["t"]
        label = m["label"]
        kind = KINDS.get(label) or f"before migration {label.rsplit('-v', 1)[-1]}"
        documents, codings = file_counts(p)
        out.append({"file": str(p), "kind": kind, "made": f"{d[:4]}-{d[4:6]}-{d[6:]} {t[:2]}:{t[2:4]}:{t[4:]}",
                    "bytes": p.stat().st_size, "documents": documents, "codings": codings})
    out.sort(key=lambda r: (r["made"], r["file"]), reverse=True)
    return out


def backup_files(project: Path) -> list[Path]:
    """The copies ``listed_backups`` lists, unread."""
    return [p for p, _m in _copies(project)]


def _copies(project: Path) -> list[tuple[Path, re.Match[str]]]:
    pat = _pattern(project, f"{AUTO_LABELS}|backup")
    return [(p, m) for p in project.parent.glob(f"{project.stem}.*{project.suffix}")
            if (m := pat.fullmatch(p.name)) is not None and p.is_file()]


def files_holding_document(project: Path, content_hash: str) -> tuple[list[Path], list[Path]]:
    """(automatic backups, other project files) beside ``project`` that hold a document with
    this content. Files are read through SQLite only (read-only), never opened with open()."""
    own, others = [], []
    for cand in sorted(project.parent.glob(f"*{project.suffix}")):
        if cand.resolve() == project.resolve() or not cand.is_file():
            continue
        if not file_holds_document(cand, content_hash):
            continue
        (own if is_auto_backup(project, cand) else others).append(cand)
    return own, others


OTHERS_DONE_S = 4.0  # how long a restore waits for another program's command to finish (`export` takes 3 s)


def refuse_if_open(project: Path, wait_s: float = OTHERS_DONE_S) -> None:
    """Raise the refusal ``restore_in_place`` gives when another program has ``project`` open,
    before anything is asked or written (``restore`` asked "Replace …?" first and refused after
    the yes). The restore itself checks again under its lock."""
    _exclusive(project, wait_s).close()


def _exclusive(project: Path, wait_s: float):
    """A connection to ``project`` holding an exclusive lock until it closes; refused (a
    ``ProjectError``, nothing written) while another connection has the project open after
    ``wait_s``: an analyst's `stats` in another terminal made a restore fail at once, on and off."""
    import sqlite3
    import time

    from sto_qual.domain.errors import ProjectError
    until = time.monotonic() + wait_s
    while True:
        conn = sqlite3.connect(str(project), timeout=min(wait_s, 0.5), isolation_level=None)
        try:
            # exclusive locking mode: the lock taken below is held until this connection closes
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            busy = "locked" in str(exc) or "busy" in str(exc)
            if busy and time.monotonic() < until:
                time.sleep(0.1)
                continue
            if busy:
                raise ProjectError(f"{project}: the project is open in another program (the TUI or another "
                                   "command); nothing was restored", hint="close it there and restore again") from None
            raise ProjectError(f"{project}: cannot restore ({exc}); nothing was restored") from None


def restore_in_place(project: Path, backup: Path, keep: Path, wait_s: float = OTHERS_DONE_S,
                     said: dict | None = None) -> None:
    """Copy ``backup`` into ``project`` under an exclusive lock, after keeping the current
    state in ``keep``. Refused while any other connection has the project open: the file is
    never replaced or its WAL deleted under a program that may still write to it; programs
    that open it meanwhile wait and then see the restored project. ``said``: kept in the restored
    project as setting ``restored``, for the coders who open it next (their work since is in ``keep``)."""
    import sqlite3

    from sto_qual.domain.errors import ProjectError
    conn = _exclusive(project, wait_s)
    try:
        kept = sqlite3.connect(str(keep))
        try:
            conn.backup(kept)
        finally:
            kept.close()
        used = _sequences(conn)
        source = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            source.backup(conn)
        except sqlite3.Error as exc:
            raise ProjectError(f"{backup}: cannot restore from it ({exc}); the project is unchanged",
                               hint=f"the state before is also kept in {keep}") from None
        finally:
            source.close()
        _never_reuse(conn, used)
        if said is not None:
            import json
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('restored', ?)",
                         (json.dumps(said, ensure_ascii=False),))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _sequences(conn) -> dict[str, int]:
    """Each AUTOINCREMENT table's highest id ever handed out (none in a file without one)."""
    import sqlite3
    try:
        return dict(conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
    except sqlite3.OperationalError:
        return {}


def _never_reuse(conn, used: dict[str, int]) -> None:
    """A restored project hands out no id the project had before the restore: coding #757 made
    after it was the number of another coding in the state kept before it (a memo, a note or an
    audit line naming "#757" then meant two codings). Ids continue above both files' highest."""
    restored = _sequences(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    raise_to = {name: seq for name, seq in used.items() if name in tables and seq > restored.get(name, -1)}
    if not raise_to or "sqlite_sequence" not in tables:
        return
    conn.execute("BEGIN")
    for name, seq in raise_to.items():
        if name in restored:
            conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (seq, name))
        else:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))
    conn.execute("COMMIT")
