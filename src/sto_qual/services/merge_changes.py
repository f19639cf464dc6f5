"""What another copy changed of the codings it shares with this project (its
``withdrawn_codings``, in this project's ids), for ``services.merge``."""
from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.text import clip_words, plural
from sto_qual.store import ProjectStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


class TakenBack:
    """What the other copy took back: codings its coder removed or resized there (its
    ``withdrawn_codings``, in this project's ids). A coding of this project the copy took
    back after this project made it, and no longer holds, was changed there; one the copy
    holds again, or took back before this project made it, was not."""

    def __init__(self, ws: Workspace, other: ProjectStore, doc_map: dict[int, int], code_map: dict[int, int],
                 coder_map: dict[int, int], conflicting: Container[int], mine: dict) -> None:
        self.copy = Path(other.path).name
        self.mine = mine
        self.taken: dict[tuple, str] = {}
        for (d, c, r, s, e), at in other.codings.withdrawn().items():
            if d in doc_map and c in code_map and c not in conflicting and r in coder_map:
                self.taken[(doc_map[d], code_map[c], coder_map[r], s, e)] = at
        self.theirs = {(doc_map[r.document_id], code_map[r.code_id], coder_map[r.coder_id], r.start, r.end)
                       for r in other.codings.stored() if r.document_id in doc_map and r.code_id in code_map}
        self.docs = {d.id: d.name for d in ws.store.documents.all(coded_share=False)}
        self.codes = {c.id: c.path for c in ws.store.codes.tree(with_counts=False)}
        self.coders = {row["id"]: row["name"] for row in ws.store.coders.all()}
        self.used: set[tuple] = set()
        self.matched = self.theirs & set(mine)  # held in both as they are
        self.marks_there = other.audit.coding_marks()
        self.marks_here = ws.store.audit.coding_marks()

    def _changed_there(self, key: tuple) -> bool:
        here = self.mine.get(key)
        return (here is not None and key in self.taken and key not in self.theirs and key not in self.used
                and _later(self.taken[key], here.created_at))

    def resized_there(self, key: tuple) -> tuple | None:
        """This project's coding the copy's new ``key`` replaced: the one coding of the same
        document, code and coder it overlaps that the copy changed (None when not one)."""
        d, c, r, s, e = key
        hits = [k for k in self.mine if k[:3] == (d, c, r) and k[3] < e and s < k[4] and self._changed_there(k)]
        if len(hits) != 1:
            return None
        self.used.add(hits[0])
        return hits[0]

    def removed_there(self, existing: set) -> list[str]:
        out = []
        for k in sorted(self.taken):
            if k not in existing or not self._changed_there(k):
                continue
            there = [t for t in self.theirs if t[:3] == k[:3] and t[3] < k[4] and k[3] < t[4]]
            if there:  # resized there onto a span this project took back: not removed, and kept as it is here
                out.append(f"coding #{self.mine[k].id} ({self.describe(k)}) was resized in {self.copy} (there "
                           f"{there[0][3]}-{there[0][4]}); this project keeps its own span")
            else:
                out.append(f"coding #{self.mine[k].id} ({self.describe(k)}) was removed in {self.copy}; this project "
                           f"keeps it (`sto-qual uncode --id {self.mine[k].id}` if that should count here)")
        return out

    def marks_taken_off(self, key: tuple, there_id: int, memo: str | None, starred: bool) -> list[str]:
        """The star and memo the copy's coder took off a coding both hold (copy id
        ``there_id``; there now ``memo``, ``starred``) that this project still has and did not
        set again since: kept here (merge adds), said with the command that follows it."""
        here = self.mine.get(key)
        if here is None:
            return []
        out = []
        taken = self.marks_there.get((there_id, "unstar"))
        if here.starred and not starred and taken and not _later(self.marks_here.get((here.id, "star")), taken):
            out.append(f"coding #{here.id} ({self.describe(key)}) was unstarred in {self.copy}; this project keeps "
                       f"its star (`sto-qual star {here.id} --off` if it should go here too)")
        taken = self.marks_there.get((there_id, "memo-clear"))
        if ((here.memo or "").strip() and not (memo or "").strip() and taken
                and not _later(self.marks_here.get((here.id, "memo")), taken)):
            out.append(f"coding #{here.id} ({self.describe(key)}): its memo was cleared in {self.copy}; this project "
                       f"keeps it (`sto-qual memo {here.id} --clear` if it should go here too)")
        return out

    def successor_of(self, key: tuple, withdrawn_here: dict) -> bool:
        """Whether the copy's new ``key`` replaced there a coding this project took back too
        (removed or resized here, resized there): this project's decision stands. A coding
        both took back only before the copy was made (the same record in both) is no such one."""
        d, c, r, s, e = key
        return any(k[:3] == (d, c, r) and k[3] < e and s < k[4] and k in withdrawn_here and k not in self.mine
                   and withdrawn_here[k] != at for k, at in self.taken.items())

    def describe(self, key: tuple) -> str:
        d, c, r, s, e = key
        return f"{self.docs.get(d, d)} {s}-{e} {self.codes.get(c, c)} [{self.coders.get(r, r)}]"

    def not_brought_back(self, taken: dict[tuple, str | None]) -> str:
        """The ``kept:`` line of the copy's codings this project removed or resized since it was made:
        how many, the first, and the memos written on them there (a colleague's memo on one went unsaid)."""
        first, one = next(iter(taken)), len(taken) == 1
        memos = [(k, m) for k, m in taken.items() if (m or "").strip()]
        line = (f"{plural(len(taken), 'coding')} of {self.copy} not brought back: this project removed or resized "
                f"{'it' if one else 'them'} since that copy was made (first: {self.describe(first)}); to keep one, "
                "code it again here")
        if memos:  # (what was written there is nowhere else to read)
            line += "; with a memo there: " + "; ".join(f"{self.describe(k)}: “{clip_words(m, 80)}”"
                                                          for k, m in memos[:3]) + (" …" if len(memos) > 3 else "")
        return line

    def as_row(self, key: tuple) -> dict[str, Any]:
        d, c, r, s, e = key
        return {"doc": self.docs.get(d), "code": self.codes.get(c), "coder": self.coders.get(r), "start": s, "end": e}


def _later(a: str | None, b: str | None) -> bool:
    """Whether time stamp ``a`` is after ``b`` (False when either cannot be read)."""
    from datetime import datetime, timezone
    try:
        x, y = datetime.fromisoformat(a or ""), datetime.fromisoformat(b or "")
    except ValueError:
        return False
    x, y = (t if t.tzinfo else t.replace(tzinfo=timezone.utc) for t in (x, y))
    return x > y


VERBS = {"rename": "renamed to", "move": "moved to", "merge": "merged into", "delete": "deleted"}
COMMANDS = {"rename": "code-rename", "move": "code-move", "merge": "code-merge", "delete": "code-delete"}


def codes_changed_there(changed_there: Sequence[tuple[str, str, str | None]], still_here: Container[str],
                        copy: str) -> list[str]:
    """A code the coder renamed, moved, merged or deleted in her copy (``changed_there``, from its
    audit log) that this project still has at that path (``still_here``): not followed (merge
    adds), but said, with the command that would follow it here."""
    out = []
    for action, old, new in changed_there:
        if old not in still_here:
            continue
        parent = (new or "").rpartition("/")[0]
        follow = {"rename": f"{old} {(new or '').rsplit('/', 1)[-1]}",
                  "move": old + (f" --under {parent}" if parent else ""),
                  "merge": f"{old} {new}", "delete": f"{old} --force"}[action]
        placed = " and places the copy's codings of it under it" if action in ("rename", "move") else ""
        out.append(f"code '{old}' was {VERBS[action]}{' ' + repr(new) if new else ''} in {copy}; this project keeps "
                   f"it{placed} (`sto-qual {COMMANDS[action]} {follow}` follows it here)")
    return out


def other_meetings(here: ProjectStore, other: ProjectStore) -> dict[int, tuple[str, list[str]]]:
    """The other copy's coders that are an agreed coding here whose codings there are of another
    start of it: (name, its two coders) by their id there. A merge brought a meeting rolled back
    by `restore`, and started again, back into the new one through a coder's copy ("3 of the 19
    places settled", that nobody settled). The same start: the copy's agreed coding carries the
    same ``start_id`` (a backup of this project, the meeting held on it); a copy that got the
    codings through a merge has none. An agreed coding started before starts had an id is merged
    as any coder."""
    from sto_qual.services.agreed import AGREED_SETTING
    ours = here.settings.get(AGREED_SETTING) or {}
    theirs = other.settings.get(AGREED_SETTING) or {}
    out: dict[int, tuple[str, list[str]]] = {}
    for row in other.coders.all():
        entry = ours.get(here.coders.stored_name(row["name"]) or row["name"])
        if not isinstance(entry, dict) or not entry.get("start_id"):
            continue
        there = theirs.get(row["name"])
        if not isinstance(there, dict) or there.get("start_id") != entry["start_id"]:
            out[row["id"]] = (row["name"], list(entry.get("from") or ("?", "?")))
    return out
