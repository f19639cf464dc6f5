"""The agreed coding of two coders: after both coded the same interviews independently and
their agreement was measured, the team settles their differences in a coding of its own (a
consensus coder, MAXQDA's and ATLAS.ti's merged or adjudicated coding). ``start`` makes that
coder from the two: in every interview both coded, the codings they share (the first
coder's span where both applied a code to overlapping text; starred when either starred it, with
both coders' memos) or all of one coder's codings; the team then settles the rest with `code`/`uncode --coder
NAME` or in the workbench (`tui --coder NAME`), the disagreement list beside it.

The project keeps which two coders an agreed coding comes from (``AGREED_SETTING``), so the
reliability stays that of the two independent coders: ``agreement`` and the dashboard never
compare an agreed coding, and the report's method says that the coding counted is the one both
agreed on after discussing their differences, with the agreement measured before."""
from __future__ import annotations

import secrets
import shlex
from collections.abc import Callable, Sequence
from typing import Any

from sto_qual.domain.differences import (  # noqa: F401 (pick, tally: CLI)
    AGREED_SETTING, NO_AGREED, Reviewed, coverage, kept_numbers, note_key, over_keys, pick, place_of, same_place,
    tally)
from sto_qual.domain.errors import StoQualError
from sto_qual.services.agreed_minutes import AgreedMinutes
from sto_qual.services.agreed_measures import alpha_now, codes_then, held, kept, measured
from sto_qual.services.agreed_start import (chosen as chosen_codings, rest as rest_codings, rest_ids, take_in,
                                            take_rest)
from sto_qual.services.session import Session

# AGREED_SETTING (domain.differences): coder name -> {"from": [first, second], "start_with", "alpha",
# "documents" (the agreement of the two when it was started: measured before their differences were
# discussed), "started_keys" (the codings it started with, (document, code, start, end): unchanged),
# "discussed" (the differences marked discussed and kept as started, (document, code, start, end)),
# "notes" ("document:code:start:end" -> what the meeting decided there), "start_id" (this start's
# own: a merge brings in its codings only from a copy of the same start, ``merge.other_meetings``)}
START_WITH = ("both",)  # or one of the two coders' names


class AgreedCoding(AgreedMinutes):
    def __init__(self, session: Session, measure: Callable[..., dict[str, Any]]) -> None:
        """``measure``: the agreement of two coders (``AnalysisService.agreement``)."""
        self.session = session
        self.store = session.store
        self.measure = measure

    def entries(self) -> dict[str, dict[str, Any]]:
        """Each agreed coder with what was kept when it was started."""
        return {k: (v if isinstance(v, dict) else {"from": list(v)})
                for k, v in (self.store.settings.get(AGREED_SETTING) or {}).items()}

    def pairs(self) -> dict[str, tuple[str, str]]:
        """Each agreed coder with the two coders it comes from."""
        return {k: (v["from"][0], v["from"][1]) for k, v in self.entries().items()}

    def _keys(self, coder_id: int) -> list[tuple[int, int, int, int]]:
        return sorted((r.document_id, r.code_id, r.start, r.end) for r in self.store.codings.records(coder_id))

    def _now_and_then(self, name: str) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]] | None:
        """(its codings' keys today, those it was started with); None when not known (another
        coder, or an agreed coding started before the start was kept)."""
        entry = self.entries().get(name)
        cid = self.store.coders.by_name(name) if entry else None
        if entry is None or cid is None or "started_keys" not in entry:
            return None
        whole = rest_ids(self.store, entry)  # taken whole from one coder (--rest): no place of the two's there
        return ([k for k in self._keys(cid) if k[0] not in whole],
                [tuple(k) for k in entry["started_keys"] if k[0] not in whole])

    def name(self, given: str | None) -> str:
        """The agreed coder ``given`` names (any case: `Consensus` is `consensus`), or (None) the
        project's one; refused for a coder that is no agreed coding, or for none or several."""
        names = sorted(n for n in self.entries() if self.store.coders.by_name(n) is not None)
        if given is None and len(names) == 1:
            return names[0]
        found = next((n for n in names if given is not None and n.lower() == given.strip().lower()), None)
        if found:
            return found
        from sto_qual.domain.names import closest_name
        near = closest_name(given.strip(), names) if given is not None else None
        said = (f"'{given}' is not an agreed coding" + (f" (did you mean {near}?)" if near else "") if given is not None
                else "give the agreed coding's name" if names else "this project has no agreed coding")
        raise StoQualError(said, hint=f"the agreed codings here: {', '.join(names)}" if names else NO_AGREED)

    def review(self, name: str, doc: str | None = None, ids: Sequence[str] = ()) -> list[Reviewed]:
        """Each place its two coders coded differently (``domain.differences``; in interview
        ``doc`` only when given; only the ids ``ids`` when given, an unknown one refused), with
        its id ("R01:3", as the Coder's D counts them) and where the agreed coding stands there:
        "changed" (its codings of that code there changed since `agreed` started it),
        "discussed" (marked discussed and kept as started: the meeting looked at it and changed
        nothing) or "open"."""
        name = self.name(name)
        every, not_both = self._review(name, doc)
        return self._pick(name, every, ids, not_both) if ids else every

    def _pick(self, name: str, every: list[Reviewed], ids: Sequence[str], not_both: set[str]) -> list[Reviewed]:
        """The places ``ids`` of the review ``every`` (``domain.differences.pick``)."""
        entry = self.entries()[name]
        return pick(every, ids, name, entry["from"], not_both, self._moved(entry, every))

    def _review(self, name: str, doc: str | None) -> tuple[list[Reviewed], set[str]]:
        """``review``'s places, and the interviews its two did not both code (an id there is refused so)."""
        from sto_qual.domain.differences import differences, numbered
        entry = self.entries()[name]
        measured = self.measure(*entry["from"], where={"doc": doc} if doc else held(entry))
        rows = measured["disagreements"]
        keys = self._now_and_then(name)
        marks = {tuple(k) for k in entry.get("discussed", ())}
        notes = entry.get("notes") or {}
        doc_ids = {d.name: d.id for d in self.store.documents.light()}
        code_ids = {c.path: c.id for c in self.store.codes.tree(with_counts=False)}
        now = keys[0] if keys is not None else self._keys(self.store.coders.by_name(name))
        out = []
        found = differences(rows)
        places = [(doc_ids[d.doc], code_ids[d.code], d.start, d.end) for d in found]
        notes = {**self.carried_notes(entry, places), **notes}
        for (id_, d), key in zip(numbered(found, [note_key(k) for k in places], entry.get("ids")), places):
            changed = keys is not None and coverage(keys[0], *key) != coverage(keys[1], *key)
            out.append(Reviewed(id_, d, key, "changed" if changed else "discussed" if key in marks else "open",
                                notes.get(note_key(key), ""), bool(over_keys(now, *key)), key in marks))
        both = {str(d) for d in measured["overall"]["documents"]}
        return out, {d for d in doc_ids if d not in both}

    def mark(self, name: str, ids: Sequence[str], discussed: bool = True) -> dict[str, list]:
        """Mark the differences ``ids`` ("R01:3") discussed and kept as started (``discussed``
        False takes the mark off). Returns ``done`` (the ids changed, as the review writes them)
        and ``skipped`` ((id, why) each: a place the agreed coding changed is settled and not
        marked; one marked already, or not marked, is left as it is). An unknown id is refused,
        nothing marked."""
        name = self.name(name)
        every, not_both = self._review(name, _one_document(ids, self.entries()[name]))
        chosen = self._pick(name, every, ids, not_both)
        skipped = [(r.id, "settled already: the agreed coding changed there since `agreed` started it")
                   for r in chosen if discussed and r.state == "changed"]
        if discussed:
            skipped += [(r.id, "marked already") for r in chosen if r.marked and r.state != "changed"]
        else:  # a mark taken off only where there is one (a changed place may still carry one)
            skipped += [(r.id, "not marked discussed") for r in chosen if not r.marked]
        todo = [r for r in chosen if r.id not in {i for i, _why in skipped}]
        if todo:
            def change(entry: dict[str, Any]) -> dict[str, Any]:
                marks = {tuple(k) for k in entry.get("discussed", ())}
                for r in todo:
                    (marks.add if discussed else marks.discard)(r.key)
                return {**entry, "discussed": sorted(marks)}
            self._update(name, change, {"discussed" if discussed else "not_discussed": [r.id for r in todo]}, every)
        return {"done": [r.id for r in todo], "skipped": skipped}

    def _update(self, name: str, change: Callable[[dict[str, Any]], dict[str, Any]], audit: dict[str, Any],
                every: Sequence[Reviewed]) -> None:
        """Agreed coder ``name``'s entry changed by ``change`` in one write, read again inside it
        (another program may have marked meanwhile), and the change audited. The ids the places of the
        review ``every`` have now are kept with it (``numbered``): a place a meeting marked or wrote of
        keeps its number."""
        ids = kept_numbers(every)
        with self.store.transaction():
            entries = self.entries()
            entries[name] = change({**entries[name], "ids": {**(entries[name].get("ids") or {}), **ids}})
            self.store.settings.set(AGREED_SETTING, entries)
            self.store.audit.record("update", "coder", self.store.coders.by_name(name), self.session.resolve_coder(None),
                                    audit)

    def annotate(self, name: str, ids: Sequence[str], note: str) -> list[str]:
        """Keep ``note`` (what the meeting decided at these places and why) with the differences
        ``ids``; an empty note takes it off. Returns their ids; an unknown id is refused."""
        from sto_qual.domain.controls import strip_controls
        name = self.name(name)
        every, not_both = self._review(name, _one_document(ids, self.entries()[name]))
        chosen = self._pick(name, every, ids, not_both)
        note = " ".join(strip_controls(note).split())

        def change(entry: dict[str, Any]) -> dict[str, Any]:
            notes = dict(entry.get("notes") or {})
            for r in chosen:
                # the note of the place it was before a coder reshaped it, shown here (``carried_notes``), is
                # this place's now: replaced or taken off with it
                for k in [k for k in notes if same_place(place_of(k), r.key)]:
                    notes.pop(k)
                if note:
                    notes[note_key(r.key)] = note
            return {**entry, "notes": notes}
        self._update(name, change, {"note": note, "places": [r.id for r in chosen]}, every)
        return [r.id for r in chosen]

    def progress(self, name: str) -> dict[str, int] | None:
        """How far the team got: ``changed``, ``discussed`` (kept as started) and ``total``
        differences of its two coders (``review``); None for no agreed coding or when the two
        cannot be compared."""
        try:
            return tally(self.review(name))
        except StoQualError:
            return None

    def state(self, name: str) -> dict[str, Any] | None:
        """What the report says of an agreed coder: ``from``, ``start_with``, the agreement then
        (``alpha``, ``documents``) and ``settled`` (its codings changed since it was started);
        None for any other coder."""
        entry = self.entries().get(name)
        if entry is None or self.store.coders.by_name(name) is None:
            return None
        keys = self._now_and_then(name)  # settled: changed since the start, or a difference discussed and kept
        return {**entry, "settled": keys is None or keys[0] != keys[1] or bool(entry.get("discussed"))}

    def part(self, name: str | None) -> list[str] | None:
        """The interviews (names) agreed coding ``name`` holds when they are fewer than the
        project's: a chapter counting it is about those; None for any other coder, or one that
        holds every interview."""
        # the entry alone (``state`` reads every coding of the agreed coder to say "settled", which a
        # part does not need, and the synthesis asks for the part each time it reads its corpus)
        entry = self.entries().get(name) if name else None
        holds = [*map(str, entry.get("documents") or ()), *(entry.get("rest_documents") or ())] if entry else []
        if not holds or self.store.coders.by_name(name) is None or len(holds) >= len(self.store.documents.light()):
            return None
        return holds

    def alpha_now(self, name: str) -> float | None:
        """Agreed coding ``name``'s two coders' agreement today, when it differs from the one kept."""
        return alpha_now(self.measure, self.entries().get(name))

    def kept(self, counting: str | None, today: dict[str, Any]) -> tuple[str, float] | None:
        """(name, alpha) the method gives when the chapter counts the agreed coding of ``today``'s two."""
        return kept(self.entries(), counting, today)

    def codes_then(self, name: str) -> list[dict[str, Any]]:
        """Per code, agreed coding ``name``'s two coders' agreement as it was kept (the method's)."""
        return codes_then(self.measure, self.entries().get(name))

    def _coder(self, name: str) -> tuple[int, str]:
        stored = self.store.coders.stored_name(name.strip())
        cid = self.store.coders.by_name(stored) if stored else None
        if cid is None:
            raise self.session.unknown_coder(name)
        return cid, stored

    def not_taken_in(self, name: str) -> list[str]:
        """The interviews both coders of agreed coding ``name`` coded that it was not started in
        (they coded them after it was started) and that it holds no coding of: `add` takes them in."""
        entry = self.entries().get(name)
        cid = self.store.coders.by_name(name) if entry else None
        both = self.both_coded(entry) if entry is not None and cid is not None else None
        if both is None:
            return []
        both -= self.store.codings.documents_by_coder().get(cid, set())
        names = {d.id: d.name for d in self.store.documents.light()}
        had = {str(d) for d in entry.get("documents") or ()} | {names.get(k[0]) for k in entry.get("started_keys", ())}
        return [n for d, n in names.items() if d in both and n not in had]  # in the project's order

    def both_coded(self, entry: dict[str, Any]) -> set[int] | None:
        """The documents both coders of an agreed coding's ``entry`` coded; None when one of them
        is no coder of the project any more."""
        ids = [self.store.coders.by_name(c) for c in entry["from"]]
        if None in ids:
            return None
        by_coder = self.store.codings.documents_by_coder()
        return by_coder.get(ids[0], set()) & by_coder.get(ids[1], set())

    def still_open(self, name: str) -> bool:
        """Whether agreed coding ``name`` has places its two coders differ on that no one settled."""
        done = self.progress(name)
        return bool(done and done["open"])

    def outside(self, name: str, doc_id: int) -> tuple[str, str] | None:
        """The two coders of agreed coding ``name`` when they did not both code document
        ``doc_id``: its differences and its chapter hold only the interviews both coded, so a
        coding of it there counts nowhere. None for another coder or an interview both coded."""
        entry = self.entries().get(name)
        both = self.both_coded(entry) if entry is not None else None
        if both is None or doc_id in both or doc_id in rest_ids(self.store, entry):
            return None
        return entry["from"][0], entry["from"][1]

    def add(self, name: str) -> dict[str, Any]:
        """Take into agreed coding ``name`` the interviews its two coders both coded after it was
        started, started as the others were (its ``start_with``); its codings, marks and notes
        elsewhere stay as they are. The agreement the method gives is measured again, over all the
        interviews it now holds (the two coders' own codings, before any discussion). Returns
        ``coder``, ``from``, ``start_with``, ``codings`` (added), ``documents`` (taken in), ``alpha``
        and ``backup``; nothing new to take in is refused."""
        name = self.name(name)
        entry = self.entries()[name]
        (ida, a), (idb, b) = self._coder(entry["from"][0]), self._coder(entry["from"][1])
        new = self.not_taken_in(name)
        if not new:
            raise StoQualError(f"{a} and {b} coded no interview since {name} was started that it does not hold; "
                               "nothing was changed", hint=f"`sto-qual coders` says who coded how many; "
                                                           f"`sto-qual differences {shlex.quote(name)}` lists what is left to settle")
        choice = entry.get("start_with") or "both"
        found = {d.name: d.id for d in self.store.documents.light()}
        chosen = chosen_codings(self.store, [found[d] for d in new], (ida, a), (idb, b), choice)
        then = measured(self.measure, a, b)
        backup = self.store.file.auto_backup("pre-agreed")
        cid = self.store.coders.by_name(name)
        with self.store.transaction():
            added = take_in(self.store, cid, chosen)
            taken = {found[d] for d in new}  # what it started with there: not yet settled
            started = [tuple(k) for k in entry.get("started_keys", ())] + [k for k in self._keys(cid) if k[0] in taken]

            self.store.settings.set(AGREED_SETTING, {**self.entries(), name: {
                **entry, **then, "documents": then["documents"] or [*map(str, entry.get("documents") or ()), *new],
                "started_keys": sorted(started)}})
            self.store.audit.record("update", "coder", cid, self.session.resolve_coder(None),
                                    {"agreed_added": new, "codings": added})
        if entry.get("places") is not None:  # the places it found then, and those of the interviews taken in
            new_places = [r for r in self.review(name) if r.key[0] in taken]
            ids = {**(entry.get("ids") or {}), **kept_numbers(new_places)}
            self.store.settings.set(AGREED_SETTING, {**self.entries(), name: {
                **self.entries()[name], "places": entry["places"] + len(new_places), "ids": ids}})
        return {"coder": name, "from": [a, b], "start_with": choice, "codings": added, "documents": new,
                "alpha": then["alpha"], "backup": str(backup) if backup is not None else None}

    def take_rest(self, name: str, rest: str) -> dict[str, Any]:
        """``agreed NAME --add --rest A`` (``agreed_start.take_rest``)."""
        name = self.name(name)
        return take_rest(self, name, self.entries()[name], rest)

    def start(self, name: str, first: str, second: str, start_with: str = "both",
              replace: bool = False, rest: str | None = None) -> dict[str, Any]:
        """Make coder ``name`` the agreed coding of ``first`` and ``second`` (see the module).
        Refused when the two are one coder, either is an agreed coding itself, they coded no
        interview in common, or ``name`` is one of them or already has codings; ``replace``
        starts an agreed coding again (its codings, undo steps, marks and notes go; ``replaced``
        counts its codings), never another coder. ``rest``: one of the two, whose codings of the
        interviews the other did not code it holds too, as they are (``agreed_start.rest``)."""
        (ida, a), (idb, b) = self._coder(first), self._coder(second)
        if ida == idb:
            raise StoQualError("give two different coders", hint="e.g. `sto-qual agreed consensus --from anna bram`")
        pairs = self.pairs()
        for who in (a, b):
            if who in pairs:
                raise StoQualError(f"'{who}' is itself the agreed coding of {' and '.join(pairs[who])}",
                                   hint="give the two coders who coded independently")
        name = self.session.resolve_coder(name.strip() or None)  # (a new one that looks like a coder's: refused)
        if name in (a, b):
            raise StoQualError(f"'{name}' is one of the two coders",
                               hint="the agreed coding is a coder of its own, e.g. `consensus`")
        have = self.store.coders.by_name(name)
        n = self.store.coders.what_is_by(have)["coding"] if have is not None else 0
        if replace and n and name not in pairs:  # (a new name has nothing to replace: it simply starts)
            raise StoQualError(f"'{name}' is no agreed coding: --replace starts only an agreed coding again; "
                               "nothing was changed", hint="give a new name for the agreed coding")
        if n and not replace:
            raise StoQualError(f"'{name}' already has {n} codings; nothing was changed",
                               hint="give a new name for the agreed coding" + (
                                   f", or start {name} again with --replace (its {n} codings, marks and notes go; "
                                   "a backup is made first)" if name in pairs else ""))
        choice = start_with.strip().lower()
        if choice not in (*START_WITH, a, b):
            raise StoQualError(f"--start-with '{start_with}' is neither 'both' nor one of the two coders",
                               hint=f"use both, {a} or {b}")
        by_coder = self.store.codings.documents_by_coder()
        shared = sorted(by_coder.get(ida, set()) & by_coder.get(idb, set()))
        if not shared:
            raise StoQualError(f"{a} and {b} coded no interview in common",
                               hint="each codes the same interviews first; `sto-qual coders` says who coded how many")
        chosen = chosen_codings(self.store, shared, (ida, a), (idb, b), choice)
        rest, rest_docs, whole = rest_codings(self.store, rest, (ida, a), (idb, b), shared)
        then = measured(self.measure, a, b)
        backup = self.store.file.auto_backup("pre-agreed")
        with self.store.transaction():
            cid = self.store.coders.ensure(name)
            if replace:  # started again: what it held and its undo steps go (the backup keeps them)
                for r in self.store.codings.records(cid):
                    self.store.codings.delete_row(r.id)
                for undone in (False, True):
                    for step in self.store.history.steps(cid, undone):
                        self.store.history.drop(step.id)
            added, added_whole = take_in(self.store, cid, chosen), take_in(self.store, cid, whole)
            names = {d.id: d.name for d in self.store.documents.light()}
            kept_whole = {"rest": rest, "rest_documents": [names[d] for d in rest_docs]} if rest else {}
            self.store.settings.set(AGREED_SETTING, {
                **self.entries(), name: {"from": [a, b], "start_with": choice, **then, **kept_whole,
                                         "started_keys": self._keys(cid), "start_id": secrets.token_hex(8)}})
            self.store.audit.record("create", "coder", cid, self.session.resolve_coder(None),
                                    {"name": name, "agreed_from": [a, b], "start_with": choice,
                                     "codings": added + added_whole, **kept_whole})
        found = self.review(name)  # kept, as the agreement is: a coder's change afterwards moves today's; and their ids
        self.store.settings.set(AGREED_SETTING, {**self.entries(), name: {**self.entries()[name], "places": len(found),
                                                                          "ids": kept_numbers(found)}})
        return {"coder": name, "from": [a, b], "start_with": choice, "codings": added, "replaced": n,
                "documents": [names.get(d, d) for d in shared], "rest": rest,
                "rest_documents": [names[d] for d in rest_docs], "rest_codings": added_whole,
                "backup": str(backup) if backup is not None else None}


def _one_document(ids: Sequence[str], entry: dict[str, Any]) -> str | None:
    """The interview all of ``ids`` ("R01:3") are places of, when they are of one that the agreed coding ``entry``
    holds: a place is numbered within its interview, so K and N in the workbench read that interview's places
    alone (all 1,831 of a study-size project, 0.9 s a key, were read for one). Any other id is read against every
    place, as before, so that what is wrong with it is said as before."""
    docs = {i.rsplit(":", 1)[0] for i in ids if ":" in i}
    doc = next(iter(docs)) if len(docs) == 1 and all(":" in i for i in ids) else None
    return doc if doc is not None and "," not in doc and doc in {str(d) for d in entry.get("documents") or ()} \
        else None
