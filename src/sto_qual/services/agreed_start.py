"""What an agreed coding starts with. In the interviews both coders coded: the codings they share
(the first coder's span where both applied a code to overlapping text; starred when either
starred it, with both coders' memos) or all of one coder's codings (``chosen``). With ``--rest``,
in the interviews only one of the two coded (a second coder checked a sample): that coder's
codings as they are (``rest``), so that the agreed coding is of every interview and a chapter
counting it is about all of them, as a team that double-coded a sample reports it."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.model import join_memos
from sto_qual.domain.spans import overlaps


def chosen(store, docs: Sequence[int], first: tuple[int, str], second: tuple[int, str], choice: str) -> list:
    """(stored coding, starred, memo) each, in ``docs``: "both" or one coder's name (the module)."""
    rows = store.codings.stored(docs)
    mine = [r for r in rows if r.coder_id == first[0]]
    theirs = [r for r in rows if r.coder_id == second[0]]
    if choice in (first[1], second[1]):
        return [(r, bool(r.starred), whose([(choice, r.memo)])) for r in (mine if choice == first[1] else theirs)]
    out = []
    for r in mine:
        over = [t for t in theirs if t.document_id == r.document_id and t.code_id == r.code_id
                and overlaps((t.start, t.end), (r.start, r.end))]
        if over:
            out.append((r, bool(r.starred) or any(t.starred for t in over),
                        whose([(first[1], r.memo), *((second[1], t.memo) for t in over)])))
    return out


def rest(store, given: str | None, first: tuple[int, str], second: tuple[int, str],
         shared: Collection[int], holder: str = "") -> tuple[str | None, list[int], list]:
    """(the coder, the interviews only that one of the two coded, (stored coding, starred, memo) of
    each of her codings there) for ``--rest`` ``given``; (None, [], []) without it. ``shared``: the
    interviews left out (both coded them, or agreed coding ``holder`` holds them already). Refused
    for a coder who is neither of the two, or who coded no interview left."""
    if given is None:
        return None, [], []
    who = next((c for c in (first, second) if c[1].casefold() == given.strip().casefold()), None)
    if who is None:
        raise StoQualError(f"--rest '{given}' is neither of the two coders; nothing was started",
                           hint=f"use {first[1]} or {second[1]}: the one who coded the interviews the other did not")
    other = second if who == first else first
    docs = sorted(store.codings.documents_by_coder().get(who[0], set()) - set(shared))
    if not docs:
        if holder:
            raise StoQualError(f"{holder} holds every interview {who[1]} coded already; nothing was changed",
                               hint="`sto-qual coders` says who coded how many")
        raise StoQualError(f"{who[1]} coded no interview {other[1]} did not; nothing was started",
                           hint="start it without --rest: it holds every interview either coded")
    rows = [r for r in store.codings.stored(docs) if r.coder_id == who[0]]
    return who[1], docs, [(r, bool(r.starred), whose([(who[1], r.memo)])) for r in rows]


def whose(memos: Sequence[tuple[str, str | None]]) -> str | None:
    """Coders' memos on a passage as the agreed coding keeps them: each after its coder's name
    ("anna: citaat over PIE" / "bram: sterk citaat"; the chapter's memo appendix and `memos` had
    them under the agreed coding, whose was whose unsaid, and so was a memo only one of them wrote),
    one text both wrote once, after both names; a memo that opens with its writer's name as it is."""
    by_text: dict[str, list[str]] = {}
    for who, m in memos:
        if m and m.strip():
            by_text.setdefault(m.strip(), []).append(who)
    return join_memos(m if any(m.casefold().startswith(w.casefold()) for w in names) else f"{', '.join(names)}: {m}"
                      for m, names in by_text.items())


def take_in(store, cid: int, rows: Sequence) -> int:
    """Store ``rows`` ((stored coding, starred, memo) each: ``chosen``, ``rest``) as agreed coder ``cid``'s
    codings; how many were added. Inside the caller's transaction."""
    if not rows:
        return 0
    return store.codings.insert_imported([(r.document_id, r.code_id, cid, r.start, r.end, r.words, memo, int(star),
                                           None) for r, star, memo in rows]).added


def rest_ids(store, entry: dict[str, Any]) -> set[int]:
    """The interviews an agreed coding's ``entry`` took whole from one coder (``--rest``)."""
    names = set(entry.get("rest_documents") or ())
    return {d.id for d in store.documents.light() if d.name in names} if names else set()


def take_rest(agreed, name: str, entry: dict[str, Any], given: str) -> dict[str, Any]:
    """``agreed NAME --add --rest A``: A's codings, as they are, of the interviews only A of the two coded
    and agreed coding ``name`` (its ``entry``) does not hold, taken into it (``rest``); the rest stays.
    Returns ``coder``, ``rest``, ``rest_documents``, ``rest_codings`` and ``backup``."""
    from sto_qual.domain.differences import AGREED_SETTING
    store = agreed.store
    first, second = (store.coders.by_name(entry["from"][0]), entry["from"][0]), \
        (store.coders.by_name(entry["from"][1]), entry["from"][1])
    cid = store.coders.by_name(name)
    held = store.codings.documents_by_coder().get(cid, set()) | rest_ids(store, entry)
    who, docs, whole = rest(store, given, first, second, held | (agreed.both_coded(entry) or set()), holder=name)
    backup = store.file.auto_backup("pre-agreed")
    names = {d.id: d.name for d in store.documents.light()}
    with store.transaction():
        added = take_in(store, cid, whole)
        taken = [*(entry.get("rest_documents") or ()), *(names[d] for d in docs)]
        store.settings.set(AGREED_SETTING, {**agreed.entries(), name: {**entry, "rest": who, "rest_documents": taken}})
        store.audit.record("update", "coder", cid, agreed.session.resolve_coder(None),
                           {"agreed_rest": who, "documents": [names[d] for d in docs], "codings": added})
    return {"coder": name, "rest": who, "rest_documents": [names[d] for d in docs], "rest_codings": added,
            "backup": str(backup) if backup is not None else None}
