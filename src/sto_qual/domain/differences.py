"""Where two coders differ, as passages: ``agreement``'s rows are one per sentence and code; a
consensus meeting (the Coder's D, `agreement --disagreements --passages`) goes through runs of
sentences one coder gave a code and the other did not. Stdlib only."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sto_qual.domain.text import plural


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


def coded_by_either(row: dict[str, Any]) -> bool:
    """Whether either coder used the code of an agreement row (``agreement``'s per code): a code
    neither used agrees on every sentence, and its 1.00 says nothing."""
    return bool(row["both"] + row["only_a"] + row["only_b"])


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


def numbered(found: list[Difference]) -> list[tuple[str, Difference]]:
    """Each difference with its id: the interview and its place among that interview's
    differences, from 1 ("R01:3"), as the Coder's D counts them ("3 of 12 in R01")."""
    seen: dict[str, int] = {}
    out = []
    for d in found:
        seen[d.doc] = seen.get(d.doc, 0) + 1
        out.append((f"{d.doc}:{seen[d.doc]}", d))
    return out


def thin_documents(spans, shared, names, a: tuple[int, str], b: tuple[int, str]) -> list[dict[str, Any]]:
    """Interviews compared as coded by both where one coder has at most five codings and the
    other ten times as many: a few stray codings (a name typed for another coder, a test) make
    an interview "both coded", and every coding of the other counts as a disagreement there."""
    n = Counter((s[1], s[3]) for s in spans)
    out = []
    for doc in shared:
        (few, who), (many, other) = sorted(((n[(doc, a[0])], a[1]), (n[(doc, b[0])], b[1])))
        if few <= 5 and many >= 10 * few:
            out.append({"document": names.get(doc, str(doc)), "coder": who, "codings": few, "other": other,
                        "other_codings": many})
    return out


def thin_warning(t: dict[str, Any]) -> str:
    """The line for one of ``agreement``'s ``overall["thin"]`` interviews (the CLI and the report)."""
    return (f"{t['document']} is compared as coded by both, but {t['coder']} has {plural(t['codings'], 'coding')} "
            f"there against {t['other_codings']} by {t['other']}, whose codings there all count as disagreements; if "
            f"{t['coder']} did not code {t['document']}, `sto-qual codings --doc {t['document']} --coder "
            f"{t['coder']}` lists what to remove (`uncode --id`)")
