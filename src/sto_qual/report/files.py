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
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ExportError


def atomic_write(out_path: str | Path, write: Callable[[Path], Any]) -> Path:
    """``write(tmp)`` writes the file at ``tmp``; it is then renamed over ``out_path``."""
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise ExportError(f"cannot write {out_path}: no such directory {out_path.parent}")
    tmp = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out_path} ({exc.strerror or exc}); nothing was written") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path


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
