"""Memos in a merge (``services.merge``): a coder's memo on a document or a code is one per coder,
and a coding's memo one per coding, so a copy's memo that differs from this project's is decided,
never added beside it.

- A coder's memo on a document or code this project never wrote itself (it came with a merge or
  an import) that the copy rewrote later takes the copy's text: the coder edited her memo in her
  copy (a second document memo of his was added beside the first, though a coder has one).
- A coding's memo whose writer rewrote her own text in the copy after this project last wrote it,
  text this project holds (the whole memo, or her lines of one joined before), takes her new text
  in its place ("bram: techlab, aangepast" stayed "techlab als neutrale plek"; a colleague's
  second version was added after her first); a memo written over someone else's text there is
  added after this project's (``join_memos``: her note on the lead's coding was dropped unread).
- A memo written here after the copy's keeps this project's text; the copy's is quoted in a
  ``kept:`` line (it was nowhere to be read).
- A document or code memo taken off here after the copy's was written is not brought back
  (merge adds, it never takes back what this project decided).
"""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from sto_qual.domain.model import join_memos, memo_lines
from sto_qual.domain.text import clip_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.merge_changes import TakenBack
    from sto_qual.services.project import Project
    from sto_qual.store import ProjectStore


def _said(text: str | None) -> str:
    return f"“{clip_words(text or '', 60)}”"


def coding_memo(ws: Project, back: TakenBack, here: Any, key: tuple, memo: str | None, there_id: int,
                edits: tuple[dict, dict]) -> str:
    """The memo of coding ``here`` (this project's) when the copy's (``memo``, on its coding
    ``there_id``) differs: set here, and the line that says what became of the two ("" when
    nothing did). ``edits``: the ``coding_memo_edits`` of this project and of the copy.

    The copy's, written there after this project last wrote it: where its writer rewrote her own
    text and this project holds that text (the whole memo, or her lines of a memo joined before),
    her new text takes its place; else it is added after this project's. A copy that holds what
    this project had and rewrote since says nothing."""
    if join_memos([here.memo, memo]) == here.memo:
        return ""  # its words are here already (joined by a merge before)
    history = edits[1].get(there_id) or []
    times_here = [at for at, *_x in edits[0].get(here.id, ())]
    where = f"coding #{here.id} ({back.describe(key)})"
    if not history:  # the copy never rewrote it: this project's own rewrite stands, or both came from elsewhere
        return "" if times_here else \
            f"kept: {where}: its memo differs in {back.copy} ({_said(memo)}); this project's is kept"
    at, writer, before = history[-1]
    if at in times_here:
        return ""  # the copy holds a memo this project had and rewrote since
    mine, old, theirs = memo_lines(here.memo), memo_lines(before), memo_lines(memo)
    missing = [x for x in theirs if x and x not in mine]  # the copy's lines this project does not hold
    if not missing:
        return ""
    added = f"{writer}'s lines in {back.copy} added after this project's memo ({_said(' '.join(missing))})"
    held = [memo_lines(here.memo), *(memo_lines(b) for _at, _who, b in edits[0].get(here.id, ()))]
    if old and theirs[:len(old)] == old and any(all(x in h for x in old if x) for h in held):
        # she added to a text this project holds or held (`memo --append`): her lines follow its memo, whoever
        # wrote here since (not the text she added to, which this project may have rewritten)
        hers = [x for x in theirs[len(old):] if x and x not in mine]
        if not hers:
            return ""
        said = f"{writer}'s lines in {back.copy} added after this project's memo ({_said(' '.join(hers))})"
        return _set(ws, back, here, key, _with(mine, hers), writer, at, where, said)
    if times_here and at <= times_here[-1]:
        return (f"kept: {where}: its memo differs in {back.copy} ({_said(' '.join(missing))}); this project's, "
                f"written later, is kept (`sto-qual memo {here.id} {shlex.quote(' '.join(missing))} --append` adds "
                "the copy's words)")
    # who wrote the text her edit replaced: the edit before it there, else the coding's coder (a memo given with it)
    author = history[-2][1] if len(history) > 1 else back.coders.get(key[2])
    at_line = next((i for i in range(len(mine) - len(old) + 1) if old and mine[i:i + len(old)] == old), None)
    if at_line is not None and (writer or "").casefold() == (author or "").casefold():
        now = "\n".join(mine[:at_line] + memo_lines(memo) + mine[at_line + len(old):]) or None
        said = f"its memo as {writer} rewrote it in {back.copy} (it read {_said(before)})"
    else:  # every line of the copy's this project lacks, once, after its own (a sync lost the lead's rewrite)
        now, said = _with(mine, missing), added
    return _set(ws, back, here, key, now, writer, at, where, said)


def _with(mine: list[str], new: list[str]) -> str:
    """A memo's lines with ``new`` after them, each its own paragraph."""
    out = list(mine)
    for line in new:
        out += ["", line] if out else [line]
    return "\n".join(out)


def _set(ws: Project, back: TakenBack, here: Any, key: tuple, now: str | None, writer: str | None, at: str,
         where: str, said: str) -> str:
    """Give coding ``here`` the memo ``now`` and say so (nothing when it has it already)."""
    if now == here.memo:
        return ""
    ws.store.codings.update_row(here.id, memo=now)
    # said as hers in the audit log (an undo refused over this memo named the lead who merged it), at the time
    # she wrote it there: a second merge of the copy finds her edit here and brings nothing more
    ws.store.audit.record("memo", "coding", here.id, writer, {"before": {"memo": here.memo}, "after": {"memo": now},
                                                              "merged_from": back.copy}, at=at)
    back.mine[key] = here._replace(memo=now)
    return f"brought: {where}: {said}"


def document_memos(ws: Project, other: ProjectStore, back: TakenBack, doc_map: dict[int, int],
                   code_map: dict[int, int], coding_map: dict[int, int]) -> tuple[int, int, list[str]]:
    """Bring the copy's memos on documents and codes (and on the codings it brought in): how many
    were added, how many rewritten, and the ``kept:``/``brought:`` lines of the ones decided.
    ``back`` names this project's documents and codes, and the copy."""
    copy, names, codes = back.copy, back.docs, back.codes
    here_written, here_cleared = ws.store.memos.written_here()
    there_written, _ = other.memos.written_here()
    have = {(m["target"], m["target_id"], m["text"]) for m in ws.store.memos.all()}
    added, rewritten, lines = 0, 0, []
    for m in other.memos.all():
        target = m["target"]
        tid = {"document": doc_map, "code": code_map}.get(target, coding_map).get(m["target_id"])
        if tid is None or (target, tid, m["text"]) in have:
            continue
        coder_id = ws.store.coders.by_name(m["coder"]) if m["coder"] else None
        there_at = (there_written.get(m["id"]) or [m["created_at"]])[-1]
        on = f"{m['coder']}'s memo on {names.get(tid, tid) if target == 'document' else codes.get(tid, tid)}"
        if coder_id is not None and target in ("document", "code"):
            mine = ws.store.memos.latest(target, tid, coder_id)
            if mine is not None:  # one memo per coder: the copy's rewrite, or this project's
                times = here_written.get(mine["id"], [])
                if there_at in times:  # the copy holds a memo this project had (merged in) and rewrote since
                    continue
                if not times or there_at > times[-1]:
                    ws.store.memos.replace(mine["id"], m["text"], written_at=there_at)
                    rewritten += 1
                    lines.append(f"brought: {on} as rewritten in {copy} (it read {_said(mine['text'])})")
                else:
                    lines.append(f"kept: {on} differs in {copy} ({_said(m['text'])}); this project's, written "
                                 "later, is kept")
                have.add((target, tid, m["text"]))
                continue
            taken = here_cleared.get((target, tid, coder_id))
            if taken is not None and taken > there_at:
                lines.append(f"kept: {on} was taken off here; not brought back from {copy}")
                continue
            if taken is not None:  # written there after it was taken off here: a new memo, said as one
                lines.append(f"brought: {on}, written in {copy} after this project took the one before off "
                             f"({_said(m['text'])})")
        ws.store.memos.insert(target, tid, coder_id, m["text"], m["created_at"], written_at=there_at)
        have.add((target, tid, m["text"]))
        added += 1
    return added, rewritten, lines
