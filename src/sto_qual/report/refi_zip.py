"""Writing a REFI-QDA file safely: through a temporary file renamed over the target, and a
ZIP whose members are streamed while a thread compresses, with fixed timestamps."""
from __future__ import annotations

import queue
import threading
import zipfile
from pathlib import Path
from typing import Any


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_zip(path: Path, members: list[tuple[str, Any]]) -> None:
    """Members in the order given; a payload is bytes or a list of text chunks (streamed)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, payload in members:
            if isinstance(payload, list):
                _stream(zf, name, payload)
            else:
                zf.writestr(_zip_info(name), payload)


def _stream(zf: zipfile.ZipFile, name: str, chunks: list[Any]) -> None:
    """Write a member from text chunks: a thread compresses (zlib releases the GIL) while
    this one makes the text of the next chunks (the Sources of the next documents)."""
    with zf.open(_zip_info(name), "w") as fh:
        q: queue.Queue = queue.Queue(maxsize=256)
        failed: list[BaseException] = []

        def drain() -> None:
            while True:
                item = q.get()
                if item is None:
                    return
                if not failed:
                    try:
                        fh.write(item)
                    except BaseException as exc:  # re-raised in the calling thread
                        failed.append(exc)

        t = threading.Thread(target=drain, daemon=True)
        t.start()
        try:
            for c in chunks:
                q.put((c() if callable(c) else c).encode("utf-8"))
                if failed:
                    break
        finally:
            q.put(None)
            t.join()
        if failed:
            raise failed[0]


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 1  # fast; a .qdpx is for moving, not archiving
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
