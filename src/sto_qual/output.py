"""Rendering command results for people (aligned tables) and scripts (JSON, CSV)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from sto_qual.domain.controls import escape_controls
from sto_qual.domain.spreadsheet import csv_cell


def to_json(data: Any) -> str:
    # json escapes C0 controls itself; DEL and C1 (U+009B is a terminal CSI) as \u escapes too
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2, default=str))


_C1 = re.compile("[\x7f-\x9f]")


class TerminalSafeStream:
    """A text stream that shows control characters as ``\\xNN`` instead of passing them on:
    the second line of defence, after the import and input checks, for every line the
    command line prints (tables, messages, errors). Everything else is the wrapped stream's."""

    def __init__(self, stream: Any) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        self.wrapped.write(escape_controls(text) if isinstance(text, str) else text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def terminal_safe(stream: Any) -> Any:
    return stream if isinstance(stream, TerminalSafeStream) else TerminalSafeStream(stream)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    if not rows:
        return ""
    cols = list(columns or rows[0].keys())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: csv_cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                    for k, v in r.items()})
    return buf.getvalue()


def _cell(v: Any, width: int) -> str:
    if v is None:
        s = ""
    elif isinstance(v, float):
        s = "" if v != v else f"{v:.2f}"
        if s == "-0.00":
            s = "0.00"
    elif isinstance(v, bool):
        s = "ja" if v else ""
    elif isinstance(v, dict):
        s = ", ".join(f"{k}={x}" for k, x in v.items())
    else:
        s = str(v)
    s = escape_controls(s.replace("\n", " "))
    return s if len(s) <= width else s[: width - 1] + "…"


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, max_width: int = 60) -> str:
    if not rows:
        return "(none)"
    cols = list(columns or rows[0].keys())
    cells = [[_cell(r.get(c), max_width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in rows) for c in cols]
    def fmt(row: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(row, widths, numeric)).rstrip()
    lines = [fmt(cols), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    if fmt == "json":
        return to_json(list(rows))
    if fmt == "csv":
        return to_csv(rows, columns).rstrip("\n")
    return to_table(rows, columns)
