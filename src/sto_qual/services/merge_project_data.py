"""What a merge brings besides codes, codings and memos (``services.merge``): the documents'
attributes, the pseudonym list, and a word on the reference coder. A data manager merged a copy in
which a colleague had corrected `school_boards` of R03 and added a name to the pseudonym list:
both were gone, unsaid.

- An attribute the copy set or took off after this project last did (both files' audit logs say
  when) follows the copy, with the copy's time, so a second merge of it changes nothing; one this
  project changed later is kept and said (``kept:``), with the command that sets the copy's value.
- A name the copy has and this project lacks is added: one more name replaced in every export
  (a name that came to the team's project by another colleague's merge, merged back into a copy,
  was said to be "taken off" there and left out). One this project took off after the copy put it
  on is not brought back; a replacement the copy changed after this project last set it follows
  the copy, one set here later stays. The audit log knows each name by a key, not by the name.
- The reference coder (whose codings the report counts) is this project's; a copy that names
  another is said, with the command that would follow it.
"""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from sto_qual.domain.text import plural

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store import ProjectStore


def _value(v: Any) -> str:
    return "none" if v is None else f"'{v}'"


def _names(docs: list[str]) -> str:
    return ", ".join(docs[:4]) + (" …" if len(docs) > 4 else "")


def merge_attributes(store: ProjectStore, other: ProjectStore, doc_map: dict[int, int], names: dict[int, str],
                     copy: str) -> tuple[int, list[str], list[str]]:
    """Bring the attributes the copy changed after this project last changed them: (how many
    values were set or taken off, the ``brought:`` lines, the ``kept:`` lines), a line per
    attribute and change, not per document."""
    theirs, mine = other.documents.attributes(), store.documents.attributes()
    changed_there, changed_here = other.audit.attribute_changes(), store.audit.attribute_changes()
    followed: dict[tuple[str, Any, Any], list[str]] = {}  # (key, before, after) -> documents
    left: dict[tuple[str, Any, Any], list[str]] = {}
    n = 0
    for d, m in sorted(doc_map.items(), key=lambda dm: dm[1]):
        there, here = theirs.get(d, {}), mine.get(m, {})
        for key in sorted({*there, *here} - {k for k in there if here.get(k) == there[k] and k in here}):
            history = changed_there.get((d, key))
            times_here = [at for at, _who in changed_here.get((m, key), [])]
            if not history or history[-1][0] in times_here:
                continue  # the copy did not change it since it was copied: this project's value stands
            at, who = history[-1]
            change = (key, here.get(key), there.get(key))
            if times_here and times_here[-1] > at:
                left.setdefault(change, []).append(names.get(m, str(m)))
                continue
            if key in there:
                store.documents.set_attributes(m, {key: there[key]}, coder=who, at=at)
            else:
                store.documents.remove_attributes(m, [key], coder=who, at=at)
            followed.setdefault(change, []).append(names.get(m, str(m)))
            n += 1
    brought = [f"attribute {key} of {_names(docs)} {'set' if after is not None else 'taken off'} as in {copy} "
               f"({_value(before)} → {_value(after)})" for (key, before, after), docs in followed.items()]
    kept = []
    for (key, here, there), docs in left.items():
        setting = f"{key}={there}" if there is not None else f"--clear {key}"
        kept.append(f"attribute {key} of {_names(docs)} is {_value(there)} in {copy}, {_value(here)} here, changed "
                    f"here later; this project's is kept (`sto-qual attribute {shlex.quote(docs[0])} "
                    f"{shlex.quote(setting)}` takes the copy's)")
    return n, brought, kept


def merge_pseudonyms(store: ProjectStore, other: ProjectStore, copy: str) -> tuple[int, list[str], list[str]]:
    """Bring the copy's names to replace: (how many names were added or given the copy's
    replacement, the ``brought:`` lines, the ``kept:`` lines). A name this project lacks is added,
    unless it was taken off here after the copy put it on its list; a replacement the copy changed
    after this project last set it follows the copy, one set here later stays (said)."""
    from sto_qual.store.settings import name_key
    mine, listed = {p.pattern: p for p in store.pseudonyms.all()}, other.pseudonyms.all()
    added_there = other.pseudonyms.added_at()
    here_log, there_log = store.audit.pseudonym_changes(), other.audit.pseudonym_changes()

    def times(log: dict, name: str, action: str) -> list[str]:  # when a name was put on, or taken off, a list
        return [at for at, did, _r in log.get(name_key(name), ()) if did == action]
    new, gone, follow, differ = [], [], [], []
    for p in listed:
        here = mine.get(p.pattern)
        if here is None:
            off = times(here_log, p.pattern, "remove")
            (gone if off and off[-1] >= added_there.get(p.pattern, "") else new).append(p)
            continue
        if (here.replacement, here.is_regex) == (p.replacement, p.is_regex):
            continue
        there, put = times(there_log, p.pattern, "add"), times(here_log, p.pattern, "add")
        if there and there[-1] in put:
            continue  # the copy holds what this project had, and this project changed it since
        (follow if there and (not put or there[-1] > put[-1]) else differ).append((p, here, there))
    taken_there = []  # names the copy took off after this project last put them on: kept here, said
    for name in sorted(set(mine) - {p.pattern for p in listed}):
        off, put = times(there_log, name, "remove"), times(here_log, name, "add")
        if off and (not put or off[-1] > put[-1]):
            taken_there.append(name)
    if new:
        store.pseudonyms.add_many([(p.pattern, p.replacement, p.is_regex) for p in new], added_at=added_there)
    for p, _here, there in follow:  # (at the copy's time: a second merge of it changes nothing)
        store.pseudonyms.add_many([(p.pattern, p.replacement, p.is_regex)], added_at={p.pattern: there[-1]})
    brought = [f"{plural(len(new), 'name')} of {copy}'s pseudonym list added "
               f"({', '.join(f'{p.pattern} → {p.replacement}' for p in new[:4])}{' …' if len(new) > 4 else ''}): "
               "replaced in every export from now on"] if new else []
    brought += [f"pseudonym of '{p.pattern}' is '{p.replacement}' as {copy} changed it (it was '{here.replacement}')"
                for p, here, _t in follow]
    kept = [f"{plural(len(gone), 'name')} taken off this project's pseudonym list, still on {copy}'s, not brought "
            f"back ({', '.join(p.pattern for p in gone[:4])}{' …' if len(gone) > 4 else ''})"] if gone else []
    kept += [f"'{name}' was taken off {copy}'s pseudonym list; this project still replaces it in every export "
             f"(`sto-qual pseudonyms remove {shlex.quote(name)}` follows the copy)" for name in taken_there]
    kept += [f"pseudonym of '{p.pattern}' is '{p.replacement}' in {copy}, '{here.replacement}' here; this project's "
             f"is kept (`sto-qual pseudonyms add {shlex.quote(p.pattern)} {shlex.quote(p.replacement)}"
             f"{' --regex' if p.is_regex else ''}` takes the copy's)" for p, here, _t in differ]
    return len(new) + len(follow), brought, kept


def reference_coder_said(store: ProjectStore, other: ProjectStore, copy: str) -> list[str]:
    """A ``kept:`` line when the copy counts another reference coder than this project."""
    mine, theirs = store.settings.get("reference_coder"), other.settings.get("reference_coder")
    if not theirs or (mine or "").casefold() == theirs.casefold():
        return []
    now = f"this project counts {mine}'s" if mine else "this project names none"
    return [f"{copy} names {theirs} as the reference coder, whose codings the report counts; {now} "
            f"(`sto-qual reference-coder {shlex.quote(theirs)}` follows the copy)"]
