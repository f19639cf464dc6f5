"""Memos in a merge (``services.merge``): a coder's memo on a document or a code is one per coder,
and a coding's memo one per coding, so a copy's memo that differs from this project's is decided,
never added beside it.

- A coder's memo on a document or code this project never wrote itself (it came with a merge or
  an import) that the copy rewrote later takes the copy's text: the coder edited her memo in her
  copy (a second document memo of his was added beside the first, though a coder has one).
- A coding's memo is merged line by line from the edits each side made that the other has not
  seen (``coding_memo``): a line its writer took out on one side goes, a line either side added
  comes, once; a colleague's text written over someone else's stands beside it. Her rewrite of her
  own words replaces them ("bram: techlab, aangepast" stayed "techlab als neutrale plek"); notes two
  colleagues appended both come, after the lead's rewrite; a sync of the team's project into a copy
  brings the rewrite in place of what it replaced, and the notes the copy lacked.
- A document or code memo taken off here after the copy's was written is not brought back
  (merge adds, it never takes back what this project decided).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain.model import memo_lines, memo_signer
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

    Line by line, from the edits each side made that the other has not seen (both audit logs):
    a line one side took out (rewrote) goes, a line one side added comes, each once; what both
    hold stays. A colleague's `--append` comes after this project's memo, also when another's came
    first or the lead rewrote the text she added to; her rewrite of her own words replaces them; a
    sync of the team's project into a colleague's copy brings the lead's rewrite and the others'
    notes (it kept only the last note, and then said the copy held everything)."""
    mine, theirs = memo_lines(here.memo), memo_lines(memo)
    if all(x in mine for x in theirs if x):
        return ""  # its words are here already (what the copy took out stays here: merge adds)
    history = edits[1].get(there_id) or []
    times_here = {at for at, *_x in edits[0].get(here.id, ())}
    times_there = {at for at, *_x in history}
    unseen = [edit for edit in history if edit[0] not in times_here]
    where = f"coding #{here.id} ({back.describe(key)})"
    if not unseen:  # the copy never wrote it: this project's own rewrite stands, or both came from elsewhere
        return "" if times_here else \
            f"kept: {where}: its memo differs in {back.copy} ({_said(memo)}); this project's is kept"
    coder, mine_history = back.coders.get(key[2]), edits[0].get(here.id, [])
    people = {(n or "").casefold() for n in [*back.coders.values(), *(w for _a, w, _b in [*history, *mine_history])]}
    gone_there = _taken_out(history, times_here, theirs, coder, people)
    gone_here = _taken_out(mine_history, times_there, mine, coder, people)
    kept = [x for x in mine if x not in gone_there]
    new = [x for x in theirs if x and x not in mine and x not in gone_here]
    if all(x in theirs for x in kept if x):  # the copy holds all that stays here: in its order
        now = "\n".join(_paragraphs([x for x in theirs if x not in gone_here]))
    else:
        now = _with(_paragraphs(kept), new)
    at, writer, _before = max(unseen, key=lambda edit: edit[0])
    out = [x for x in mine if x in gone_there]
    said = (f"its memo as {writer} rewrote it in {back.copy} (it read {_said(' '.join(out))})" if out else
            f"{writer}'s lines in {back.copy} added after this project's memo ({_said(' '.join(new))})")
    return _set(ws, back, here, key, now or None, writer, at, where, said)


def _taken_out(history: list, seen: set[str], now: list[str], coder: str | None, people: set[str]) -> set[str]:
    """The lines a side's edits the other has not ``seen`` took out of a memo (not in it ``now``), each
    by the one who wrote it (a line signed with a coder's name of ``people``, "bram: …", is bram's; another
    the coding's ``coder``'s): a colleague's memo written over the lead's text is hers beside it."""
    out: set[str] = set()
    for at, who, before in history:
        for x in (memo_lines(before) if at not in seen else ()):
            signed = memo_signer(x)
            author = signed if signed and signed.casefold() in people else coder
            if x and x not in now and (who or "").casefold() == (author or "").casefold():
                out.add(x)
    return out


def _with(mine: list[str], new: list[str]) -> str:
    """A memo's lines with ``new`` after them, each its own paragraph."""
    out = list(mine)
    for line in new:
        out += ["", line] if out else [line]
    return "\n".join(out)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines without blank ones at either end or two in a row."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out[:-1] if out and not out[-1] else out


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
