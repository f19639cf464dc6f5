"""A memo being typed in the Coder, kept while it is typed, so a workbench stopped before ctrl+s (killed, its
terminal closed, the machine gone down) loses none of it: the next workbench of that coder on that project says
so, and m on that coding (or in that document) opens the memo with the text she had typed. A tester who killed
the workbench while typing a memo found it empty on reopening, and nothing said that text had been lost.

Kept as the reading place is (``reading_place``): the user's, in a small file under ``config.data_home()``
(``drafts/``), never in the project. One file per window (its process id), so a second window of the same coder
neither takes nor drops the first one's; a window's file left behind by a process that is gone is a left-over.
A draft is on ``coding:ID`` or ``document:ID``.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual import config

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def _folder(ws: Project, coder: str) -> Path | None:
    if ws.store.path is None:
        return None  # a project in memory: nothing to come back to
    key = hashlib.sha256(f"{ws.store.path.resolve()}\0{coder.casefold()}".encode()).hexdigest()[:24]
    return config.data_home() / "drafts" / key


def keep(ws: Project, coder: str, on: str, text: str | None) -> None:
    """Keep what this window's memo editor holds on ``on`` (``text`` None or blank: nothing is kept)."""
    folder = _folder(ws, coder)
    if folder is None:
        return
    mine = folder / f"{os.getpid()}.json"
    try:
        if not (text or "").strip():
            mine.unlink(missing_ok=True)
            return
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{os.getpid()}.tmp"
        tmp.write_text(json.dumps({"on": on, "text": text, "at": _dt.datetime.now().isoformat(timespec="seconds")},
                                  ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, mine)
    except OSError:
        pass  # a data folder that takes no file: the editor still holds the text, as before


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


def left_over(ws: Project, coder: str) -> list[dict[str, Any]]:
    """The drafts of ``coder``'s windows on this project whose process is gone, oldest first: ``on``, ``text``,
    ``at`` and ``file``."""
    folder = _folder(ws, coder)
    out = []
    for path in sorted(folder.glob("*.json")) if folder is not None and folder.is_dir() else ():
        if not path.stem.isdigit() or int(path.stem) == os.getpid() or _running(int(path.stem)):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("text"), str) and isinstance(data.get("on"), str):
            out.append({**data, "file": path})
    return sorted(out, key=lambda d: str(d.get("at", "")))


def take(ws: Project, coder: str, on: str) -> str | None:
    """The text of the newest left-over draft on ``on``, its file removed (the editor that opens with it keeps it
    from now on); every other left-over draft on ``on`` goes with it."""
    got = take_first(ws, coder, [on])
    return got[1] if got else None


def take_first(ws: Project, coder: str, ons: Sequence[str]) -> tuple[str, str] | None:
    """(on, text) of the first of ``ons`` with a left-over draft, as ``take`` takes it: the memo key m opens on
    a coding of several on the selection, the one typed when the workbench stopped."""
    drafts = left_over(ws, coder)
    on = next((o for o in ons if any(d["on"] == o for d in drafts)), None)
    if on is None:
        return None
    found = [d for d in drafts if d["on"] == on]
    for d in found:
        Path(d["file"]).unlink(missing_ok=True)
    return on, found[-1]["text"]


def drop(draft: dict[str, Any]) -> None:
    """Forget a left-over draft (its text kept elsewhere by then)."""
    Path(draft["file"]).unlink(missing_ok=True)
