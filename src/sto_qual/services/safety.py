"""Backups and restore."""
from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from sto_qual.store import check_backup, copy_database

def restore_backup(project: str | Path, backup: str | Path) -> Path | None:
    """Replace ``project`` with ``backup`` (checked first); the current file is kept beside it."""
    project, backup = Path(project), Path(backup)
    check_backup(backup)
    kept = None
    if project.exists():
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = project.with_name(f"{project.stem}.pre-restore-{stamp}{project.suffix}")
        copy_database(project, kept)
    tmp = project.with_name(f".{project.name}.restore-{os.getpid()}")
    copy_database(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(project) + suffix).unlink(missing_ok=True)
    os.replace(tmp, project)
    return kept
