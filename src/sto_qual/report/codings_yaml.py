"""Codings -> anchored YAML (quote + occurrence), the format ``codings-import`` reads."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from sto_qual.domain.model import Coding
from sto_qual.domain.spans import occurrences


def dump_codings(doc: str, coder: str, codings: Sequence[Coding], text: str) -> str:
    """``occurrence`` is written whenever the quote occurs more than once (counted as
    ``codings-import`` counts them: every match, overlapping and inside words too), since
    the import refuses such a quote without one."""
    items: list[dict[str, Any]] = []
    found: dict[str, list[int]] = {}
    for c in codings:
        item: dict[str, Any] = {"code": c.code, "quote": c.text}
        if c.text not in found:
            found[c.text] = occurrences(text, c.text)
        starts = found[c.text]
        if len(starts) > 1 and c.start in starts:
            item["occurrence"] = starts.index(c.start) + 1
        if c.memo:
            item["memo"] = c.memo
        if c.starred:
            item["starred"] = True
        items.append(item)
    return yaml.safe_dump({"document": doc, "coder": coder, "codings": items}, allow_unicode=True,
                          sort_keys=False, width=100)
