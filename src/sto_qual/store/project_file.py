"""The project file as a whole: what it holds, its schema, backups, checkpoints."""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ProjectError
from sto_qual.store.connection import ProjectConnection
from sto_qual.store.db import backup_file, stamped_path
from sto_qual.store.migrations import SCHEMA_VERSION, applied_migrations
from sto_qual.store.settings import Settings

AUTO_BACKUPS_KEPT = 10  # (5 went in one afternoon of merging a team's copies, each named by its merge)


class ProjectFile:
    def __init__(self, db: ProjectConnection, settings: Settings) -> None:
        self._db = db
        self._settings = settings

    def info(self) -> dict[str, Any]:
        q = self._db.one
        return {
            "project": str(self._db.path) if self._db.path else ":memory:",
            "schema_version": self.schema_version(),
            "program_schema_version": SCHEMA_VERSION,
            "documents": q("SELECT count(*) FROM documents"),
            "codes": q("SELECT count(*) FROM codes"),
            "codings": q("SELECT count(*) FROM codings"),
            "coders": q("SELECT count(*) FROM coders"),
            "suggestions_pending": q("SELECT count(*) FROM suggestions WHERE status = 'pending'"),
            "words": q("SELECT coalesce(sum(words), 0) FROM documents"),
            "default_coder": self._settings.get("default_coder"),
        }

    def schema_version(self) -> int:
        return len(applied_migrations(self._db.conn))

    def data_version(self) -> int:
        """Moves whenever another connection (program, window, coder) commits."""
        return self._db.conn.execute("PRAGMA data_version").fetchone()[0]

    def backup(self, target: str | Path | None = None) -> Path:
        """A consistent copy of the project (SQLite online backup); never overwrites. Without
        ``target``, a dated copy beside the project, as NVivo's and MAXQDA's backups are
        (``NAME.backup-YYYYMMDD-HHMMSS.db``)."""
        dated = target is None
        if target is None:
            if self._db.path is None:
                raise ProjectError("a project in memory has no folder to keep a copy in", hint="give -o FILE")
            target = self._dated_backup()
        target = Path(target)
        if target.exists() or target.is_symlink():  # (a link to nothing is a name taken too)
            raise ProjectError(f"{target}: already exists", hint="choose another file name")
        if not target.parent.is_dir():
            raise ProjectError(f"cannot write the backup {target}: no such directory {target.parent}")
        # through a temporary file beside it: a full disk or a refused folder leaves no
        # half-written (or empty) backup that looks like a good one
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                with self._db.lock:
                    with dst:
                        self._db.conn.backup(dst)
            finally:
                dst.close()
            # given its name only if that is still free: two backups in one second (two terminals, a
            # script) both said "Backed up to …" and one replaced the other
            while not _link_new(tmp, target):
                if not dated:
                    raise ProjectError(f"{target}: already exists (made while this backup was written); nothing "
                                       "was written", hint="choose another file name")
                target = self._dated_backup(fine=True)
            tmp.unlink(missing_ok=True)
        except (sqlite3.Error, OSError) as exc:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):  # a read-only file system refuses even that
                    leftover.unlink(missing_ok=True)
            raise ProjectError(f"cannot write the backup {target} ({getattr(exc, 'strerror', None) or exc}); "
                               "nothing was written", hint="choose a folder you can write to, on a disk with room") from None
        except ProjectError:
            tmp.unlink(missing_ok=True)
            raise
        return target

    def _dated_backup(self, fine: bool = False) -> Path:
        """``NAME.backup-YYYYMMDD-HHMMSS.db`` beside the project, or (``fine``, or that one taken:
        a second backup within the second) with microseconds, as the automatic backups are named."""
        here = Path(self._db.path)
        now = _dt.datetime.now()
        target = stamped_path(here, "backup", f"{now:%Y%m%d-%H%M%S}", here.suffix or ".db")
        if fine or target.exists():
            target = stamped_path(here, "backup", f"{now:%Y%m%d-%H%M%S-%f}", here.suffix or ".db")
        return target

    def auto_backup(self, label: str, prune: bool = True) -> Path | None:
        """Backup before a destructive operation; the newest 10 of each kind are kept, and the first
        of each kind (the state before the first merge: a lead's seventh merge deleted it, and the
        `restore` an earlier message gave her with it). With ``prune`` False, none is removed yet
        (``prune`` once the caller knows it keeps its own)."""
        if self._db.path is None:
            return None
        from sto_qual.store.db import remove_partial_backups
        remove_partial_backups(self._db.path)
        made = backup_file(self._db.path, label)
        if prune:
            self.prune(label)
        return made

    def prune(self, label: str) -> list[Path]:
        """Remove the automatic backups of kind ``label`` beyond the newest ten and the first; the
        ones removed."""
        from sto_qual.store.backups import auto_backups
        removed = [] if self._db.path is None else auto_backups(self._db.path, label)[AUTO_BACKUPS_KEPT:-1]
        for old in removed:  # (newest first: the last is the first)
            old.unlink(missing_ok=True)
        return removed

    def integrity_ok(self) -> bool:
        return self._db.one("PRAGMA integrity_check") == "ok"

    def checkpoint(self) -> bool:
        """Move the WAL into the project file (a complete file on its own); False when another
        connection's reader kept part of it."""
        return self._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0

    def vacuum(self) -> None:
        self._db.conn.execute("VACUUM")


def _link_new(source: Path, target: Path) -> bool:
    """Give ``source`` the name ``target`` only if no file has it (a hard link, which never replaces
    one); False when one does. Where the file system has no hard links: a rename after a check."""
    try:
        os.link(source, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        if target.exists():
            return False
        os.replace(source, target)
        return True
