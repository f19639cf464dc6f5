"""Where two coders differ, as passages: ``agreement``'s rows are one per sentence and code; a
consensus meeting (the Coder's D, `agreement --disagreements --passages`) goes through runs of
sentences one coder gave a code and the other did not. Stdlib only."""
from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import digits_as_numbers
from sto_qual.domain.text import plural


# the project setting that keeps each agreed coder and what it was started from (``services.agreed``)
AGREED_SETTING = "agreed_coders"


# where two coders' differences are listed without an agreed coding: an analyst who asked for "the
# differences" between two coders ("Missing argument 'NAME'", then "start one with `agreed`")
NO_AGREED = ("`sto-qual agreement --coders A B --passages` lists where two coders differ; `sto-qual agreed NAME "
             "--from A B` starts an agreed coding to settle them")


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
    codings: tuple[int, ...] = ()  # every coding of ``coded_by`` the run holds, in order (two side by side: both)


# sentences either coder gave a code under which its alpha is said to be uncertain itself: an alpha over
# two or six sentences ("weinig of geen gevolgen (0,28)") read as being as sure as one over forty
FEW_SENTENCES = 10


def sentences_coded(row: dict[str, Any]) -> int:
    """The sentences either coder gave the code of an agreement row (``agreement``'s per code)."""
    return (row.get("both") or 0) + (row.get("only_a") or 0) + (row.get("only_b") or 0)


def coded_by_either(row: dict[str, Any]) -> bool:
    """Whether either coder used the code of an agreement row: a code neither used agrees on
    every sentence, and its 1.00 says nothing."""
    return bool(sentences_coded(row))


def differences(rows: list[dict[str, Any]]) -> list[Difference]:
    """``agreement``'s disagreement rows as passages: the sentences in a row of one interview
    that one coder gave a code and the other did not, in text order (by interview)."""
    out: list[Difference] = []
    for r in sorted(rows, key=lambda r: (r["doc"], r["code"], r["coded_by"], r["sentence"])):
        last = out[-1] if out else None
        if (last and (last.doc, last.code, last.coded_by) == (r["doc"], r["code"], r["coded_by"])
                and r["sentence"] == last.last + 1):
            more = (r["coding"],) if r.get("coding") and r["coding"] not in last.codings else ()
            out[-1] = Difference(last.code, last.coded_by, last.not_by, last.start, r["end"], last.first,
                                 r["sentence"], last.doc, last.coding, last.codings + more)
        else:
            out.append(Difference(r["code"], r["coded_by"], r["not_by"], r["start"], r["end"], r["sentence"],
                                  r["sentence"], r["doc"], r.get("coding", 0),
                                  (r["coding"],) if r.get("coding") else ()))
    return sorted(out, key=lambda d: (d.doc, d.start, d.code))


def numbered(found: list[Difference], keys: list[str] | None = None,
             kept: dict[str, int] | None = None) -> list[tuple[str, Difference]]:
    """Each difference with its id: the interview and its place among that interview's
    differences, from 1 ("R01:3"), as the Coder's D says them ("R01:3, 12 here"). ``kept``: the
    numbers an agreed coding gave its places when it was started (a place's key, ``keys`` each
    difference's, "document:code:start:end" -> number): a place keeps its number while its passage
    stays as it was, whatever a coder changes elsewhere (a meeting's minutes said "R03:4", and a
    coder's late change made that another passage); a new place is numbered after the interview's last."""
    kept = kept or {}
    last: dict[str, int] = {}
    for k, n in kept.items():
        last[k.split(":")[0]] = max(last.get(k.split(":")[0], 0), n)
    seen: dict[str, int] = {}
    out = []
    for i, d in enumerate(found):
        key = keys[i] if keys else None
        if key in kept:
            out.append((f"{d.doc}:{kept[key]}", d))
            continue
        doc = key.split(":")[0] if key else d.doc
        seen[doc] = seen.get(doc, last.get(doc, 0)) + 1
        out.append((f"{d.doc}:{seen[doc]}", d))
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


def unfinished_documents(spans, shared, names, lengths: dict[int, int], a: tuple[int, str],
                         b: tuple[int, str]) -> list[dict[str, Any]]:
    """Interviews compared as coded by both where one coder's codings stop before the last quarter
    of the text while the other coded on past that point at least five times: she may not have
    finished it (a coder stopped at sentence 72 of 152, and the other's thirteen codings after it
    were all counted as disagreements, the alpha with them)."""
    of: dict[tuple[int, int], list] = {}  # (interview, coder) -> her codings' spans there
    for s in spans:
        of.setdefault((s[1], s[3]), []).append(s)
    out = []
    for doc in shared:
        length = lengths.get(doc) or 0
        ends = {cid: max((s[5] for s in of.get((doc, cid), ())), default=0) for cid, _who in (a, b)}
        for (cid, who), (oid, other) in ((a, b), (b, a)):
            after = sum(1 for s in of.get((doc, oid), ()) if s[4] >= ends[cid])
            if length and ends[cid] * 4 < length * 3 and after >= 5:
                out.append({"document": names.get(doc, str(doc)), "coder": who, "other": other, "after": after,
                            "until": round(100 * ends[cid] / length)})
    return out


def unfinished_warning(t: dict[str, Any], report: bool = False) -> str:
    """The line for one of ``agreement``'s ``overall["unfinished"]`` interviews; ``report``: the
    report's, whose method measures every interview both coded (its --where takes the interview
    out of the chapter, not out of the agreement)."""
    doc, who = t["document"], t["coder"]
    said = (f"{doc} is compared as coded by both, but {who}'s codings there stop {t['until']} % into the text, and "
            f"the {t['after']} codings {t['other']} made after that point all count as disagreements; ")
    if report:
        return said + (f"until {who} has finished {doc} the method's agreement counts them (`sto-qual agreement "
                       f"--where doc!={doc}` gives it without {doc})")
    return said + f"if {who} has not finished {doc}, leave it out (`--where doc!={doc}`)"


def unfinished_note(t: dict[str, Any]) -> str:
    """The same, short, for the dashboard's Agreement tab."""
    return (f"{t['document']}: {t['coder']}'s codings stop {t['until']} % into the text, and {t['other']}'s "
            f"{t['after']} after that count as disagreements (did {t['coder']} finish it?)")


def thin_warning(t: dict[str, Any]) -> str:
    """The line for one of ``agreement``'s ``overall["thin"]`` interviews (the CLI and the report)."""
    return (f"{t['document']} is compared as coded by both, but {t['coder']} has {plural(t['codings'], 'coding')} "
            f"there against {t['other_codings']} by {t['other']}, whose codings there all count as disagreements; if "
            f"{t['coder']} did not code {t['document']}, `sto-qual codings --doc {shlex.quote(t['document'])} --coder "
            f"{t['coder']}` lists what to remove (`uncode --id`)")


def saw_others_warning(s: dict[str, Any]) -> str:
    """The line for one of ``agreement``'s ``overall["saw_others"]``: a coder who showed the others'
    codings while coding blind, then coded on (the CLI and the report)."""
    return (f"{s['coder']} showed the other coders' codings while coding blind ({s['at'][:16].replace('T', ' ')} "
            f"UTC) and made or changed {plural(s['codings'], 'coding')} in the interviews both coded after that: those "
            "are not independent of the other's, so the agreement may read higher than two independent codings give "
            "(the report's method says so)")


def thin_note(t: dict[str, Any]) -> str:
    """The same, short, for the dashboard's Agreement tab (which has no commands to run)."""
    return (f"{t['document']}: {t['coder']} has {plural(t['codings'], 'coding')} there against {t['other_codings']} "
            f"by {t['other']}, all of which count as disagreements (did {t['coder']} code it?)")


# --- the places as an agreed coding's meeting settles them (``services.agreed``) --------------------
STATES = ("changed", "discussed", "open")


@dataclass(frozen=True)
class Reviewed:
    """A place two coders coded differently, as an agreed coding's review sees it."""
    id: str                          # "R01:3": the interview and the place's number in it
    difference: Difference
    key: tuple[int, int, int, int]   # (document, code, start, end): what a mark is kept by
    state: str                       # one of STATES
    note: str = ""                   # what the meeting decided there and why (`differences --note`)
    holds: bool = False              # the agreed coding has the code there now (the decision's outcome)
    marked: bool = False             # marked discussed (a changed place may carry a mark from before)


def over_keys(keys: Sequence[tuple[int, ...]], doc_id: int, code_id: int, start: int, end: int) -> set[tuple[int, ...]]:
    """The codings (keys) of ``code_id`` in the interview that overlap [start, end)."""
    return {k for k in keys if k[0] == doc_id and k[1] == code_id and k[2] < end and start < k[3]}


def coverage(keys: Sequence[tuple[int, ...]], doc_id: int, code_id: int, start: int, end: int) -> list[tuple[int, int]]:
    """What the codings (keys) of ``code_id`` cover of [start, end) in the interview, as merged
    spans: a place changed when this did, not when a coding over it and another place was trimmed
    there (the meeting trimmed one difference and the next, untouched, read as settled)."""
    spans = sorted((max(k[2], start), min(k[3], end)) for k in over_keys(keys, doc_id, code_id, start, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def tally(rows: Sequence[Reviewed]) -> dict[str, int]:
    """How far a review got: ``changed``, ``discussed`` (kept as started), ``open`` and ``total``."""
    states = [r.state for r in rows]
    return {**{s: states.count(s) for s in STATES}, "total": len(rows)}


def spelled_id(given: str, docs: Collection[str]) -> str:
    """A difference's id as the review writes it: "R2:3" is R02's third place when one interview of
    ``docs`` has those digits, as `code --doc R2` takes R02; else ``given`` as it is."""
    head, colon, number = given.strip().rpartition(":")
    same = [d for d in docs if digits_as_numbers(d) == digits_as_numbers(head.strip())] if colon else []
    return f"{same[0]}:{number.strip()}" if len(same) == 1 else given.strip()


def pick(rows: Sequence[Reviewed], ids: Sequence[str], name: str, pair: Sequence[str],
         not_both: Collection[str] = (), moved: dict[str, str] | None = None) -> list[Reviewed]:
    """The rows with the ids ``ids`` ("R01:3", any case), each once; an unknown id refused with
    the ids that interview has (``not_both``: the project's interviews the two did not both code;
    ``moved``: an id that was a place, and the place it is now, or "" for none)."""
    moved = {k.lower(): v for k, v in (moved or {}).items()}
    by_id = {r.id.lower(): r for r in rows}
    chosen: list[Reviewed] = []
    docs = {x.difference.doc for x in rows} | set(not_both)
    for given in ids:
        given = spelled_id(given, docs)
        r = by_id.get(given.lower())
        if r is None:
            where = given.rpartition(":")[0].strip()
            n = sum(1 for k in by_id if k.rpartition(":")[0] == where.lower())
            a, b = pair
            other = {d.lower(): d for d in not_both}
            known = {r.difference.doc.lower() for r in rows} | set(other)
            now = moved.get(given.lower())
            raise StoQualError(f"no difference '{given}': " + (
                f"{a} or {b} changed her coding there since, and the place is {now} now" if now else
                f"{a} or {b} changed her coding there since, and they code it alike now" if now == "" else
                f"{a} and {b} coded {where} differently in {n} places ({where}:1 to {where}:{n})" if n else
                f"{a} and {b} did not both code {other[where.lower()]}: {name} holds only the interviews both "
                "coded" if where.lower() in other else
                f"{a} and {b} coded {where} alike" if where and where.lower() in known else
                f"no interview '{where}' in this project" if where else
                "an id is the interview and the place's number in it, e.g. R01:3"),
                hint=f"`sto-qual differences {shlex.quote(name)}` lists them with their ids")
        if r not in chosen:
            chosen.append(r)
    return chosen


def note_key(key: tuple[int, ...]) -> str:
    """A place's key (document, code, start, end) as the settings' JSON keeps it: "12:4:1313:1549"."""
    return ":".join(map(str, key))


def place_of(kept: str) -> tuple[int, ...]:
    """A place's key from the settings' JSON ("12:4:1313:1549"): ``note_key`` read back."""
    return tuple(map(int, kept.split(":")))


def same_place(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Two places' keys (document, code, start, end) that overlap: one place, reshaped."""
    return a[:2] == b[:2] and a[2] < b[3] and b[2] < a[3]


def kept_numbers(rows: Sequence[Reviewed]) -> dict[str, int]:
    """Each reviewed place's number in its interview ("R02:3" -> 3) under its key (``note_key``): what
    an agreed coding keeps so that the place keeps its id (``numbered``)."""
    return {note_key(r.key): int(r.id.rsplit(":", 1)[1]) for r in rows}
