"""The agreed coding's minutes after a coder's change: the ids places had (``numbered``) and what became of
them, the marks and notes whose place a coder reshaped. Mixed into ``AgreedCoding`` (its ``store`` and
``entries``)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sto_qual.domain.differences import Reviewed, note_key, place_of, same_place


class AgreedMinutes:
    def _moved(self, entry: dict[str, Any], rows: Sequence[Reviewed]) -> dict[str, str]:
        """Each kept id (``numbered``) no place has now: the id of the place it became, or "" (none)."""
        names = {d.id: d.name for d in self.store.documents.light()}
        now = {note_key(r.key) for r in rows}
        out = {}
        for k, n in (entry.get("ids") or {}).items():
            key = place_of(k)
            if k not in now and key[0] in names:
                out[f"{names[key[0]]}:{n}"] = next((r.id for r in rows if same_place(key, r.key)), "")
        return out

    def carried_notes(self, entry: dict[str, Any], places: Sequence[tuple[int, ...]]) -> dict[str, str]:
        """The meeting's note on a place a coder reshaped, shown on the place it became, "(at R02:2) …", while
        that one has none of its own: the decision log (`differences --format csv`) lost it, and N there
        started empty. Written again there, it is that place's own."""
        now = {note_key(k) for k in places}
        names = {d.id: d.name for d in self.store.documents.light()}
        kept = entry.get("ids") or {}
        out: dict[str, str] = {}
        for k, note in (entry.get("notes") or {}).items():
            old = place_of(k)
            new = next((p for p in places if same_place(old, p)), None) if k not in now else None
            if new is not None:
                out.setdefault(note_key(new), f"(at {names.get(old[0], '?')}:{kept[k]}) {note}" if k in kept else note)
        return out

    def stale_marks(self, name: str, rows: Sequence[Reviewed]) -> tuple[list[tuple[str, str]], int]:
        """Marks that name no place of ``rows`` (the review) any more, as (anew, gone): a coder changed her
        coding there and the place is listed as another one (anew: its id then, or "", and now, while open),
        or the two code it alike now (gone: how many)."""
        keys = {r.key for r in rows}
        entry = self.entries().get(name, {})
        stale = [tuple(k) for k in entry.get("discussed", ()) if tuple(k) not in keys]
        then = {k: i for i, k in self._moved(entry, rows).items()}  # (the new id -> the old)
        anew = [next((r for r in rows if same_place(k, r.key)), None) for k in stale]
        return ([(then.get(r.id, ""), r.id) for r in anew if r is not None and r.state == "open"],
                sum(1 for r in anew if r is None))

    def orphan_notes(self, name: str, rows: Sequence[Reviewed]) -> list[dict[str, str]]:
        """The meeting's notes on places that are no place of ``rows`` (the review) any more (a
        coder changed her coding there since): each with its ``doc``, ``code``, ``sentences`` and
        ``note``, so that what was decided is not lost from the log (the note stays kept with its
        place, should the difference come back)."""
        keys = {note_key(r.key) for r in rows}
        docs = {d.id: d.name for d in self.store.documents.light()}
        codes = {c.id: c.path for c in self.store.codes.tree(with_counts=False)}
        out = []
        for key, note in (self.entries().get(name, {}).get("notes") or {}).items():
            doc_id, code_id, start, end = place = place_of(key)
            reshaped = any(same_place(place, r.key) for r in rows)
            if key in keys or doc_id not in docs or reshaped:  # (reshaped: shown where it went, ``carried_notes``)
                continue
            numbers = [i for i, u in enumerate(self.store.transcripts.units(doc_id), start=1)
                       if u.start < end and start < u.end]
            said = f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}" if numbers else "?"
            out.append({"doc": docs[doc_id], "code": codes.get(code_id, "?"), "sentences": said, "note": note})
        return out
