"""The coder screen's copy of the open document's codings, as plain list operations (no
Textual): after a write the screen patches its marks instead of re-reading the document,
so a key press repaints at once. Unchanged marks stay the same objects: the transcript
view tells by identity which lines to repaint."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from sto_qual.domain.codebook import ancestors
from sto_qual.domain.model import Coding
from sto_qual.services.tui_support import CodingMark


def mark_of(c: Coding) -> CodingMark:
    return CodingMark(c.id, c.code, c.coder, c.start, c.end, c.memo, c.starred, c.origin)


def by_position(marks: Iterable[CodingMark]) -> list[CodingMark]:
    return sorted(marks, key=lambda m: (m.start, m.id))


def shown(marks: Sequence[CodingMark], coder: str, show_others: bool) -> list[CodingMark]:
    """The marks painted: everyone's, or the coder's own only."""
    return list(marks) if show_others else [m for m in marks if m.coder == coder]


def counts(marks: Sequence[CodingMark], coder: str, show_others: bool) -> dict[str, int]:
    """Codings per code among the shown marks (the numbers in the codebook tree)."""
    out: dict[str, int] = {}
    for m in shown(marks, coder, show_others):
        out[m.code] = out.get(m.code, 0) + 1
    return out


def mine_on(marks: Sequence[CodingMark], coder: str, start: int, end: int) -> list[CodingMark]:
    """The coder's marks overlapping [start, end)."""
    return [m for m in marks if m.coder == coder and m.start < end and m.end > start]


def has_exact(marks: Sequence[CodingMark], code: str, coder: str, start: int, end: int) -> bool:
    return any(m.code == code and m.coder == coder and m.start == start and m.end == end for m in marks)


def patched(marks: Sequence[CodingMark], coding_id: int, **fields: object) -> list[CodingMark]:
    return [dataclasses.replace(m, **fields) if m.id == coding_id else m for m in marks]  # type: ignore[arg-type]


def merged(marks: Sequence[CodingMark], doc_id: int, reread: Mapping[int, Coding | None]) -> list[CodingMark]:
    """The marks after an undo/redo step: each touched coding as re-read; one that is gone
    (None) or now on another document is dropped, a new one is added."""
    by_id = {m.id: i for i, m in enumerate(marks)}
    out = list(marks)
    gone: set[int] = set()
    for cid, coding in reread.items():
        if coding is None or coding.document_id != doc_id:
            if cid in by_id:
                gone.add(cid)
            continue
        if cid in by_id:
            out[by_id[cid]] = mark_of(coding)
        else:
            out.append(mark_of(coding))
    return by_position(m for m in out if m.id not in gone)


def removed_elsewhere(before: Sequence[CodingMark], after: Sequence[CodingMark], coder: str,
                      label, who=lambda ids: None, ends=dict) -> str | None:
    """What to tell the coder when codings of hers that were here are gone after a change another program
    made (a colleague's `uncode`, a command's undo): a coding vanished from under her cursor unsaid.
    ``who``: the coder the project recorded as making it (coding ids -> name or None); ``ends``: the codes
    merged or deleted (``Project.code_ends``): a coding gone with its code is said so, with who did it (a
    colleague's code-merge was called a removal "by you", the coding's last change being hers)."""
    now = {m.id for m in after}
    gone = [m for m in before if m.coder == coder and m.id not in now]
    if not gone:
        return None
    here = {a.code for a in after}
    ended = ends() if any(m.code not in here for m in gone) else {}
    what = ", ".join(dict.fromkeys(label(m.code) for m in gone))

    def end_of(path: str) -> str | None:  # its own, or its theme's: a theme's delete names the theme alone
        return next((p for p in reversed(ancestors(path)) if p in ended), None)
    if all(end_of(m.code) for m in gone):
        action, into, by = ended[end_of(gone[0].code) or ""]
        its = "Your coding here" if len(gone) == 1 else f"{len(gone)} of your codings here"
        by = "you" if by == coder else by or "a colleague"
        if action == "merge" and into:
            return (f"{its} ({what}) {'was' if len(gone) == 1 else 'were'} joined into your coding of {label(into)} "
                    f"on the same passage: {by} merged the code into it (memos joined)")
        return f"{its} ({what}) went with the code, which {by} deleted (`sto-qual backups` lists the copy made before)"
    by = who([m.id for m in gone])
    by = (" by you, in another window or with a command" if by == coder else f" by {by}" if by else
          ": by a command, another window or a colleague")
    return (f"{'Your coding' if len(gone) == 1 else f'{len(gone)} of your codings'} here ({what}) "
            f"{'was' if len(gone) == 1 else 'were'} removed elsewhere{by}")


def went_with(removed) -> str:
    """What went with removed codings beside their code: ", with its memo and star (u brings them back; C gives
    …)", or "" (the Coder said only "Removed: …" of a coding whose memo and star went too)."""
    gone = [w for w, has in (("memo", any(c.memo for c in removed)), ("star", any(c.starred for c in removed)))
            if has]
    if not gone:
        return ""
    one = len(removed) == 1
    back = "it" if one and len(gone) == 1 else "them"
    # (before the closing aside, which a status line too narrow for the whole drops first)
    return (f", with {'its' if one else 'their'} {' and '.join(gone)} (u brings {back} back; C gives a coding another "
            "code and keeps its memo and star)")
