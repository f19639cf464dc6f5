"""Writing an output file whole or not at all, for every export and report.

The file is written to a temporary file beside the target and renamed over it, so a reader
never sees half a file and a failure leaves the target as it was. A failure (a full disk, a
folder the user cannot write to) is one ``ExportError`` naming the target, never the
temporary file. Formats written by a library through a ZIP (.docx, .xlsx) are built in
memory first: a ZIP left half-written by a full disk would otherwise complain again, with a
traceback, when the collector closes it."""
from __future__ import annotations

import gc
import io
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ExportError


# the project files open in this process (``Session`` adds its own): no output is written over one
_OPEN_PROJECTS: Counter[str] = Counter()


def project_opened(path: str | Path, opened: bool = True) -> None:
    """A project file this process opened (``opened``) or closed: `export -p studie.xlsx -o
    studie.xlsx` wrote the workbook over the project, which was then no project at all."""
    key = os.path.realpath(path)
    _OPEN_PROJECTS[key] += 1 if opened else -1
    if _OPEN_PROJECTS[key] <= 0:
        del _OPEN_PROJECTS[key]


def atomic_write(out_path: str | Path, write: Callable[[Path], Any]) -> Path:
    """``write(tmp)`` writes the file at ``tmp``; it is then renamed over ``out_path``."""
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise ExportError(f"cannot write {out_path}: no such directory {out_path.parent}")
    real = os.path.realpath(out_path)
    if any(real in (p, f"{p}-wal", f"{p}-shm", f"{p}-journal") for p in _OPEN_PROJECTS):
        raise ExportError(f"cannot write {out_path}: it is the project file itself; nothing was written",
                          hint="write the output to a file of another name")
    refusal = kept_as_is(out_path)
    if refusal:
        raise ExportError(f"cannot write {out_path}: {refusal}; nothing was written")
    tmp = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out_path} ({exc.strerror or exc}); nothing was written (check that "
                          "the folder is writable and has room, or write the file elsewhere)") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path


def kept_as_is(out_path: Path) -> str:
    """Why an existing file must not be replaced, or "". The new file is renamed over the old one,
    which the folder allows whatever the file's own mode: a file made read-only, or one open in
    LibreOffice, Word or Excel (their lock file beside it), was replaced without a word; the
    program holding it open then saved its own version over the new one."""
    if not out_path.is_file():
        return ""
    name = out_path.name
    # LibreOffice's lock file; Excel's; Word's for a longer name (its first two letters replaced)
    locks = (f".~lock.{name}#", f"~${name}", *((f"~${name[2:]}",) if len(out_path.stem) > 6 else ()))
    for lock in locks:
        if (out_path.parent / lock).is_file():
            return (f"it is open in another program (lock file {lock}); close it there and run the command "
                    "again (or delete the lock file if no program has it open)")
    if not os.access(out_path, os.W_OK) or not out_path.stat().st_mode & stat.S_IWUSR:
        return "the file is read-only; make it writable (chmod u+w) or write another file"
    return ""


def save_in_memory_then_write(save: Callable[[io.BytesIO], Any], out_path: str | Path) -> Path:
    """For a library's ``save(file)`` (python-docx, openpyxl): the bytes first, then the file.
    openpyxl still streams each sheet through a temporary file: when the temporary folder is
    full that fails inside lxml, and the half-closed writers it leaves behind would each print
    a traceback as they are collected. The user gets the one line, and those are silenced."""
    from lxml.etree import SerialisationError
    buf = io.BytesIO()
    failed = None
    hook = sys.unraisablehook
    try:
        try:
            save(buf)
        except (OSError, SerialisationError) as exc:
            sys.unraisablehook = _ignore  # the same failure again, from the leftovers' finalisers
            failed = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        if failed is not None:
            gc.collect()
    finally:
        sys.unraisablehook = hook
    if failed is not None:
        raise ExportError(f"cannot write {out_path} ({failed}; is the temporary folder full?); nothing was written")
    data = buf.getvalue()
    return atomic_write(out_path, lambda p: p.write_bytes(data))


def _ignore(_unraisable: Any) -> None:
    return None
