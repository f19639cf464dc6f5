"""Codings -> anchored YAML (quote + occurrence), the format ``codings-import`` reads."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from sto_qual.domain.model import Coding


def dump_codings(doc: str, coder: str, codings: Sequence[Coding], text: str) -> str:
    items: list[dict[str, Any]] = []
    for c in codings:
        item: dict[str, Any] = {"code": c.code, "quote": c.text}
        occ = text.count(c.text, 0, c.start) + 1 if c.text else 1
        # count() counts non-overlapping; find the exact ordinal by scanning
        n, pos = 0, -1
        while True:
            pos = text.find(c.text, pos + 1)
            if pos < 0 or pos > c.start:
                break
            n += 1
        occ = n or occ
        if occ != 1:
            item["occurrence"] = occ
        if c.memo:
            item["memo"] = c.memo
        if c.starred:
            item["starred"] = True
        items.append(item)
    return yaml.safe_dump({"document": doc, "coder": coder, "codings": items}, allow_unicode=True,
                          sort_keys=False, width=100)
