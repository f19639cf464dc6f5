"""Rendering command results for people (aligned tables) and scripts (JSON, CSV)."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from sto_qual.config import terminal_width
from sto_qual.domain.controls import escape_controls
from sto_qual.domain.spreadsheet import BYTE_ORDER_MARK, DUTCH_EXCEL_DELIMITER, csv_cell
from sto_qual.domain.wording import two_decimals


def to_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, default=str)``, the same text.
    With ``indent`` the standard library uses its pure-Python encoder (a second for
    50,000 codings); lists of records with the same keys, what most commands print, are
    laid out here from a template instead, every value through the C encoder. DEL and the
    C1 controls (U+009B is a terminal CSI) come out as \\u escapes too (json escapes C0 itself)."""
    return _escape_c1(_layout(data, ""))


_C1 = re.compile("[\x7f-\x9f]")


def _escape_c1(text: str) -> str:
    # outside strings the JSON text is ASCII, so the whole text can be substituted in one pass
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_INF = float("inf")
_encode_str = json.encoder.encode_basestring  # C when available; no ASCII escaping
_SCALARS: dict[type, Any] = {
    # str(int) is its repr, and three times as fast through map()
    str: _encode_str, int: str, bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null",
    float: lambda f: float.__repr__(f) if f == f and f not in (_INF, -_INF) else ("NaN" if f != f else
                                                                                ("Infinity" if f > 0 else "-Infinity")),
}


def _standard(v: Any, pad: str) -> str:
    # the standard layout, indented to its depth: raw newlines occur only in the layout
    # (inside strings they are escaped)
    return json.dumps(v, ensure_ascii=False, indent=2, default=str).replace("\n", "\n" + pad)


def _layout(o: Any, pad: str) -> str:
    if type(o) is list and o and type(o[0]) is dict and o[0]:
        fast = _records(o, pad)
        if fast is not None:
            return fast
    if type(o) is dict and o and all(type(k) is str for k in o):
        inner = "\n" + pad + "  "
        return "{" + ",".join(inner + _encode_str(k) + ": " + _layout(v, pad + "  ") for k, v in o.items()) + \
            "\n" + pad + "}"
    return _standard(o, pad)


def columns_json(keys: Sequence[str], columns: Sequence[Sequence[Any]]) -> str:
    """``to_json([dict(zip(keys, row)) for row in zip(*columns)])`` without making the dicts:
    each column is encoded in one pass (for 50,000 codings, a third of the time)."""
    if not columns or not columns[0]:
        return "[]"
    return _escape_c1(_columns_json(keys, columns))


def columns_json_utf8(keys: Sequence[str], columns: Sequence[Sequence[Any]]) -> bytes:
    """``columns_json(keys, columns).encode()``, with the C1 check done on the bytes: in
    UTF-8 a C1 control starts with byte C2 and DEL is 7F, which Dutch text hardly ever has,
    so the usual answer is two byte searches instead of a regular expression over the text."""
    if not columns or not columns[0]:
        return b"[]"
    data = _columns_json(keys, columns).encode("utf-8")
    if b"\x7f" in data or b"\xc2" in data:
        text = data.decode("utf-8")
        if _C1.search(text):
            data = _escape_c1(text).encode("utf-8")
    return data


def echo_utf8(data: bytes) -> None:
    """Write text already free of control characters (JSON made here: C0 escaped by JSON, C1
    by ``_escape_c1``) and a newline to standard output as bytes, past the terminal-safe
    filter, which would only search it again."""
    import sys
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode("utf-8") + "\n")
        return
    try:
        out.flush()
        buffer.write(data)
        buffer.write(b"\n")
        buffer.flush()
    except BrokenPipeError:
        reader_gone(out)


def _columns_json(keys: Sequence[str], columns: Sequence[Sequence[Any]]) -> str:
    encoded = []
    for col in columns:
        kinds = set(map(type, col))
        only = _SCALARS.get(kinds.pop()) if len(kinds) == 1 else None
        if only is _encode_str:
            distinct = set(col)
            if len(distinct) * 4 < len(col):  # names, codes, origins: encode each once
                known = {v: _encode_str(v) for v in distinct}
                encoded.append(list(map(known.__getitem__, col)))
            else:
                encoded.append(list(map(only, col)))
        elif only is not None:
            encoded.append(list(map(only, col)))
        else:
            encoded.append([_SCALARS[type(v)](v) if type(v) in _SCALARS else _standard(v, "    ") for v in col])
    # the records' text is the keys' and the values' pieces in turn: the key pieces are put in
    # place by slice assignment and the whole is joined once (twice as fast as a template per row)
    n, width = len(encoded[0]), 2 * len(keys)
    pieces: list[str] = [""] * (n * width)
    for k, key in enumerate(keys):
        pieces[2 * k::width] = [(",\n    " if k else "\n  },\n  {\n    ") + _encode_str(key) + ": "] * n
        pieces[2 * k + 1::width] = encoded[k]
    pieces[0] = "[\n  {\n    " + _encode_str(keys[0]) + ": "
    return "".join(pieces) + "\n  }\n]"


def _records(rows: list, pad: str) -> str | None:
    """The indented JSON of records with the same keys, or None when they are not."""
    keys = tuple(rows[0])
    if not all(type(k) is str for k in keys):
        return None
    inner = pad + "    "
    template = "{" + ",".join("\n" + inner + _encode_str(k).replace("%", "%%") + ": %s" for k in keys) + \
        "\n" + pad + "  }"
    scalars = _SCALARS
    out = []
    for r in rows:
        if type(r) is not dict or tuple(r) != keys:
            return None
        out.append(template % tuple([scalars[type(v)](v) if type(v) in scalars else _standard(v, inner)
                                     for v in r.values()]))
    return "[\n" + pad + "  " + (",\n" + pad + "  ").join(out) + "\n" + pad + "]"


def reader_gone(stream: Any) -> None:
    """The reader of ``stream`` stopped (`| head -1`): what is still written goes nowhere and the
    command ends as it would, its notes on stderr said, exit 0. Click took the closed pipe for an
    error: exit 1 with nothing said (the notes lost too), which stopped a script under `set -o pipefail`."""
    import os
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, AttributeError):  # no file behind it (a test's StringIO)
        pass


class TerminalSafeStream:
    """A text stream that shows control characters as ``\\xNN`` instead of passing them on:
    the second line of defence, after the import and input checks, for every line the
    command line prints (tables, messages, errors). Everything else is the wrapped stream's;
    a reader that stopped reading is ``reader_gone``."""

    def __init__(self, stream: Any) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        try:
            self.wrapped.write(escape_controls(text) if isinstance(text, str) else text)
        except BrokenPipeError:
            reader_gone(self.wrapped)
        return len(text)

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except BrokenPipeError:
            reader_gone(self.wrapped)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def terminal_safe(stream: Any) -> Any:
    return stream if isinstance(stream, TerminalSafeStream) else TerminalSafeStream(stream)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, *, dutch: bool = False) -> str:
    """CSV text (``dutch``: for Dutch Excel, see ``domain.spreadsheet``: semicolons, decimal
    commas, ja/nee, the byte-order mark first)."""
    if not rows and not columns:
        return ""
    cols = list(columns or rows[0].keys())  # (no rows, given columns: the header alone, for a script)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n",
                       delimiter=DUTCH_EXCEL_DELIMITER if dutch else ",")
    w.writerow({c: csv_cell(c, dutch=dutch) for c in cols})  # a column named after a value (matrix)
    for r in rows:
        w.writerow({k: csv_cell(_flat(v), dutch=dutch) for k, v in r.items()})
    return (BYTE_ORDER_MARK if dutch else "") + buf.getvalue()


def _flat(v: Any) -> Any:
    """A CSV cell's value: a list of plain values as a spreadsheet reads it ("urgentie;
    vmbo-in-the-lead"), anything nested as JSON."""
    if isinstance(v, (list, tuple)) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return "; ".join(map(str, v))
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list, tuple)) else v


# a moment as stored (UTC, to the microsecond): a table shows it to the minute, in the computer's
# time ("2026-12-06T07:21:56.163818+00:00" filled a column of `coders` and `memos`); JSON and CSV keep it
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")


def moment(s: str) -> str:
    """A stored moment as the reader's local time to the minute ("2026-12-06 14:02")."""
    import datetime
    at = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return (at.astimezone() if at.tzinfo else at).strftime("%Y-%m-%d %H:%M")


def _cell(v: Any, width: int | None = None) -> str:
    if isinstance(v, str) and _MOMENT.fullmatch(v):
        v = moment(v)
    if v is None:
        s = ""
    elif isinstance(v, float):
        s = "" if v != v else two_decimals(v)
    elif isinstance(v, bool):
        s = "yes" if v else ""  # the command line speaks English
    elif isinstance(v, dict):
        s = ", ".join(f"{k}={x}" for k, x in v.items())
    elif isinstance(v, (list, tuple)):  # a list of codes reads as one: "urgentie, vmbo-in-the-lead"
        s = ", ".join(map(str, v))
    else:
        s = str(v)
    s = escape_controls(s.replace("\n", " "))
    return s if width is None or len(s) <= width else s[: width - 1] + "…"


_FLOOR = 10  # a text column given up for a narrow terminal keeps at least this much (or its header)


def _widths(natural: Sequence[int], max_width: int, room: int | None,
            floors: Sequence[int] | None = None) -> list[int]:
    """Each column's width: its widest cell, at most ``max_width``; on a terminal of ``room``
    columns the columns cut shorter take what it has left, the narrowest first (a quote in
    `quotes` was cut at 60 characters on a terminal of 250). On a terminal narrower than the
    table, the text columns with a ``floors`` entry give up width, the widest first and down to
    their floor, so that lines fit rather than wrap (`stats` was 118 columns on a terminal of 80);
    a table too wide even then keeps its widths."""
    widths = [min(n, max_width) for n in natural]
    left = (room or 0) - sum(widths) - 2 * (len(widths) - 1)
    if room and left < 0 and floors:
        if sum(min(w, f) if f is not None else w for w, f in zip(widths, floors)) - sum(widths) > left:
            return widths  # it wraps even with every text column at its floor: cut nothing more
        while left < 0:
            over = [i for i, f in enumerate(floors) if f is not None and widths[i] > f]
            if not over:
                break
            top = max(widths[i] for i in over)
            tops = [i for i in over if widths[i] == top]
            below = max([widths[i] for i in over if widths[i] < top] + [max(floors[i] for i in tops)])
            step = min(top - below, -(left // len(tops)) or 1)  # down to the next widest, or what is missing
            for i in tops:
                if left < 0:
                    widths[i] -= step
                    left += step
        return widths
    cut = sorted((i for i, n in enumerate(natural) if n > widths[i]), key=lambda i: natural[i])
    for k, i in enumerate(cut):
        if left <= 0:
            break
        share = left // (len(cut) - k)  # an equal share of what is left, more for the wider ones after
        more = min(natural[i] - widths[i], share)
        widths[i] += more
        left -= more
    return widths


def _cut(v: str, w: int) -> str:
    """A cell cut to ``w`` characters with "…". A code's path keeps its last part whole where it
    can ("collectief…/contacten-po"): the sub-code is what tells two rows apart."""
    if len(v) <= w:
        return v
    head, slash, leaf = v.rpartition("/")
    if slash and head and " " not in v and w >= 6:
        if len(leaf) + 3 <= w:
            return v[: w - len(leaf) - 2] + "…/" + leaf
        return "…/" + leaf[: w - 3] + "…"
    return v[: w - 1] + "…"


def _two_lines(header: str) -> tuple[str, str]:
    """A header of words joined by "_" on two lines as even as they go ("percent_" / "agreement"), or a
    value and its count ("krimp" / "(4)"), so a column of short numbers is no wider than they are on a
    narrow terminal; else (header, "")."""
    if header.endswith(")") and " (" in header:  # `stats --wide`'s "programmaleider (10)"
        name, _sp, count = header.rpartition(" (")
        return name, f"({count}"
    parts = header.split("_")
    if len(parts) < 2:
        return header, ""
    k = min(range(1, len(parts)), key=lambda k: max(len("_".join(parts[:k])) + 1, len("_".join(parts[k:]))))
    first, second = "_".join(parts[:k]), "_".join(parts[k:])
    return (header, "") if min(len(first), len(second)) < 3 else (first + "_", second)  # not "only_" / "a"


def to_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, max_width: int = 60,
             room: int | None = None) -> str:
    """A plain table for a person: a header, a rule, a row each; numbers right-aligned and never
    cut; a cell longer than its column cut with "…" (see ``_widths`` and ``_cut``; ``room``: the
    terminal's width)."""
    if not rows:
        return "(none)"
    cols = list(columns or rows[0].keys())
    whole = [[_cell(r.get(c)) for c in cols] for r in rows]
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in rows) for c in cols]
    heads = [(c, "") for c in cols]
    natural = [max(len(c), min(max_width, max(len(row[i]) for row in whole))) for i, c in enumerate(cols)]
    if room and sum(natural) + 2 * (len(cols) - 1) > room:  # headers on two lines before a cell is cut:
        heads = [_two_lines(c) for c in cols]  # `agreement`'s "percent_agreement" over a number of four
    floors = [None if num else max(len(a), len(b), _FLOOR) for (a, b), num in zip(heads, numeric)]
    widths = _widths([max(len(a), len(b), *(len(row[i]) for row in whole)) for i, (a, b) in enumerate(heads)],
                     max_width, room, floors)
    cells = [[_cut(v, w) for v, w in zip(row, widths)] for row in whole]
    def fmt(row: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(row, widths, numeric)).rstrip()
    lines = [fmt([a for a, _b in heads])] + ([fmt([b for _a, b in heads])] if any(b for _a, b in heads) else [])
    lines += ["  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None, *,
           whole: bool = False) -> str:
    """``whole``: a table for a file, no cell cut (`quotes -o q.txt` cut 20 of 32 quotes with "…")."""
    if fmt == "json":
        return to_json(list(rows))
    if fmt in ("csv", "csv-nl"):
        return to_csv(rows, columns, dutch=fmt == "csv-nl").rstrip("\n")
    if whole:
        return to_table(rows, columns, max_width=sys.maxsize)
    return to_table(rows, columns, room=terminal_width())
