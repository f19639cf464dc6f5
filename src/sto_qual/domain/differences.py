"""Where two coders differ, as passages: ``agreement``'s rows are one per sentence and code; a
consensus meeting (the Coder's D, `agreement --disagreements --passages`) goes through runs of
sentences one coder gave a code and the other did not. Stdlib only."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Difference:
    code: str
    coded_by: str
    not_by: str
    start: int
    end: int
    first: int   # sentence numbers in the interview, from 1
    last: int
    doc: str = ""
    coding: int = 0  # a coding of ``coded_by`` there (its first sentence's)


def differences(rows: list[dict[str, Any]]) -> list[Difference]:
    """``agreement``'s disagreement rows as passages: the sentences in a row of one interview
    that one coder gave a code and the other did not, in text order (by interview)."""
    out: list[Difference] = []
    for r in sorted(rows, key=lambda r: (r["doc"], r["code"], r["coded_by"], r["sentence"])):
        last = out[-1] if out else None
        if (last and (last.doc, last.code, last.coded_by) == (r["doc"], r["code"], r["coded_by"])
                and r["sentence"] == last.last + 1):
            out[-1] = Difference(last.code, last.coded_by, last.not_by, last.start, r["end"], last.first,
                                 r["sentence"], last.doc, last.coding)
        else:
            out.append(Difference(r["code"], r["coded_by"], r["not_by"], r["start"], r["end"], r["sentence"],
                                  r["sentence"], r["doc"], r.get("coding", 0)))
    return sorted(out, key=lambda d: (d.doc, d.start, d.code))
