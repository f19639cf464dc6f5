"""The agreement an agreed coding keeps of its two coders: measured when it is started (and when it
takes interviews in), before their differences are discussed, over the interviews it holds. The
chapter's method gives that one, overall and per code; a coder's change afterwards moves today's
figure (``alpha_now``), not the one kept."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.wording import two_decimals

Measure = Callable[..., dict[str, Any]]  # ``AgreementService.agreement``


def measured(measure: Measure, a: str, b: str) -> dict[str, Any]:
    """Coders ``a`` and ``b``'s agreement now, as an agreed coding keeps it: its ``alpha``, the
    interviews it is over (``documents``) and per code the rows that name the topics they went
    apart on (``codes``: code, alpha and the sentences each coded)."""
    try:
        now = measure(a, b)
    except StoQualError:
        return {"alpha": None, "documents": [], "codes": []}
    return {"alpha": now["overall"]["alpha"], "documents": [str(d) for d in now["overall"]["documents"]],
            "codes": [{k: r[k] for k in ("code", "alpha", "both", "only_a", "only_b")} for r in now["codes"]]}


def kept(entries: dict[str, dict[str, Any]], counting: str | None, today: dict[str, Any]) -> tuple[str, float] | None:
    """(agreed coding, alpha kept) when the chapter counts agreed coding ``counting``, ``today``
    (``agreement``'s result, per code) compares its two coders, and its figures, as printed, are
    not those the method gives (kept when the agreed coding was started): overall or for a code."""
    entry = entries.get(counting) if counting else None
    if entry is None or entry.get("alpha") is None or today["overall"].get("level") != "codes" \
            or set(entry.get("from") or ()) != set(today["overall"]["coders"]):
        return None
    then = {r["code"]: r.get("alpha") for r in entry.get("codes") or ()}
    shown = [(entry["alpha"], today["overall"]["alpha"])] + [(then[r["code"]], r["alpha"]) for r in today["codes"]
                                                             if r["code"] in then]
    if all(_two(a) == _two(b) for a, b in shown):
        return None
    return str(counting), entry["alpha"]


def _two(x: float | None) -> str | None:
    """An alpha as the table and F6 print it (``two_decimals``), None where there is none."""
    return None if x is None or x != x else two_decimals(x)


def held(entry: dict[str, Any]) -> dict[str, str] | None:
    """The interviews an agreed coding was started in (and took in since) as a ``where``: its
    differences and its coders' agreement are of those, not of an interview both coded after
    (`not_taken_in`). None when not kept (an agreed coding started before they were)."""
    docs = [str(d) for d in entry.get("documents") or ()]
    return {"doc": ",".join(docs)} if docs else None


def alpha_now(measure: Measure, entry: dict[str, Any] | None) -> float | None:
    """The two coders' agreement today when it differs from the one the agreed coding ``entry``
    kept (one of them changed their coding since); None otherwise."""
    if entry is None or entry.get("alpha") is None:
        return None
    try:  # over the interviews it holds: one both coded since is no change of theirs (`add` takes it in)
        now = measure(*entry["from"], where=held(entry))["overall"]["alpha"]
    except StoQualError:
        return None
    return now if now != entry["alpha"] else None


def codes_then(measure: Measure, entry: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per code, the agreement the agreed coding ``entry`` kept of its two coders (``measured``),
    the overall alpha's companions: the method names the topics below the threshold from these."""
    if entry is None or entry.get("codes") is not None:
        return (entry or {}).get("codes") or []
    try:  # started before the rows were kept: measured now, over the same interviews
        return measure(*entry["from"], where=held(entry))["codes"]
    except StoQualError:
        return []
