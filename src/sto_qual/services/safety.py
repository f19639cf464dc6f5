"""Backups and restore."""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from sto_qual.domain.errors import ProjectError

def restore_backup(project: str | Path, backup: str | Path) -> Path | None:
    """Replace ``project`` with ``backup`` (checked first); the current file is kept beside it."""
    project, backup = Path(project), Path(backup)
    try:
        con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'codings'").fetchone()
        con.close()
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{backup}: not a sto_qual backup ({exc})") from None
    if not ok or not has:
        raise ProjectError(f"{backup}: not a usable sto_qual backup (integrity check failed)")
    kept = None
    if project.exists():
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = project.with_name(f"{project.stem}.pre-restore-{stamp}{project.suffix}")
        src = sqlite3.connect(str(project))
        dst = sqlite3.connect(str(kept))
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
    tmp = project.with_name(f".{project.name}.restore-{os.getpid()}")
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dst = sqlite3.connect(str(tmp))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    for suffix in ("-wal", "-shm"):
        Path(str(project) + suffix).unlink(missing_ok=True)
    os.replace(tmp, project)
    return kept
