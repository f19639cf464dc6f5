"""Where a coder left off in the Coder: the document she read last and, per document, the
sentence her cursor was on, so the next session opens there. A coder who reopened the
workbench (after a crash, or the next morning) started on sentence 1 of the first interview
and had to find her place again.

The places are the user's, not the project's: they are kept in a small file per project under
``config.data_home()`` (``places/``), never in the project file, where a write every few
seconds would make every other window on the project reload (and drop its status line).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual import config

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

KEPT_DOCUMENTS = 200  # the places kept per coder, the most recent ones


def _file(ws: Project) -> Path | None:
    if ws.store.path is None:
        return None  # a project in memory (the tests' and the benchmarks'): nothing to come back to
    key = hashlib.sha256(str(ws.store.path.resolve()).encode()).hexdigest()[:24]
    return config.data_home() / "places" / f"{key}.json"


def _read(path: Path | None) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: start without one
    return data if isinstance(data, dict) else {}


def _record(ws: Project, coder: str) -> dict[str, Any]:
    record = _read(_file(ws)).get(coder)
    return record if isinstance(record, dict) else {}


def last_document(ws: Project, coder: str) -> int | None:
    """The document ``coder`` read last in the Coder, while the project still has it."""
    doc = _record(ws, coder).get("doc")
    return doc if isinstance(doc, int) and ws.document_exists(doc) else None


def place_in(ws: Project, coder: str, doc_id: int) -> int | None:
    """The offset of the sentence ``coder`` was on in this document, if she read it before."""
    at = _record(ws, coder).get("at")
    offset = at.get(str(doc_id)) if isinstance(at, dict) else None
    return offset if isinstance(offset, int) and offset >= 0 else None


def keep_place(ws: Project, coder: str, doc_id: int, offset: int) -> None:
    """Keep where ``coder`` is: this document, at this offset (written whole or not at all)."""
    path = _file(ws)
    if path is None:
        return
    data = _read(path)
    record = data.get(coder) if isinstance(data.get(coder), dict) else {}
    at = {k: v for k, v in (record.get("at") or {}).items() if k != str(doc_id)}
    at[str(doc_id)] = int(offset)
    data[coder] = {"doc": doc_id, "at": dict(list(at.items())[-KEPT_DOCUMENTS:])}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a home that takes no file: the next session starts at the top, nothing else is lost
