"""Memos on documents and codes: a coder's memo on an interview (one per coder, written again
rather than added to, as the TUI's m edits it), and the list of them. A memo on a coding is
the coding's (``services.coding``: it is undone with the coding's other fields)."""
from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence
from typing import Any

from sto_qual.domain.controls import strip_controls
from sto_qual.domain.errors import MemoChanged, StoQualError
from sto_qual.domain.history import memo_begun
from sto_qual.domain.text import ANY_MEMO, same_memo
from sto_qual.services.session import Session, atomic_write_text


class MemoService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def add_memo(self, target: str, ref: str | int, text: str, coder: str | None = None) -> int:
        if target == "document":
            tid = self.store.documents.find(ref)[0]
        elif target == "code":
            tid = self.store.codes.find(str(ref)).id
        elif target == "coding":
            tid = self.store.codings.get(int(ref)).id
        else:
            raise StoQualError(f"memos attach to a document, code or coding, not '{target}'")
        with self.store.transaction():  # a memo that cannot be stored leaves no new coder behind
            return self.store.memos.add(target, tid, strip_controls(text), self.session.coder_id(coder))

    def memo_list(self, doc: str | int | None = None, codings: bool = False) -> list[dict[str, Any]]:
        """The memos on documents and codes (a coding's memo is the coding's: ``codings``), each
        with what it is on by name; ``doc``: those on one document (and its codings'). With
        ``codings``, the codings' memos after them (target "coding", ``id`` the coding's, the
        name its interview, id and code: "R01 #743 urgentie"), as a memo list in NVivo or
        MAXQDA holds the notes on coded passages too."""
        doc_id = self.store.documents.find(doc)[0] if doc is not None else None
        out = []
        for r in self.store.memos.all():
            if doc_id is not None and (r["target"], r["target_id"]) != ("document", doc_id):
                continue
            if r["target"] == "document":
                name = self.store.documents.name(r["target_id"])
            elif r["target"] == "code":
                name = self.store.codes.by_id(r["target_id"]).path
            else:
                name = f"#{r['target_id']}"
            out.append({"id": r["id"], "target": r["target"], "name": name, "coder": r["coder"], "text": r["text"],
                        "created_at": r["created_at"]})
        if codings:
            edits = self.store.audit.coding_memo_edits()
            out += [{"id": c.id, "target": "coding", "name": f"{c.doc} #{c.id} {c.code}", "coder": c.coder,
                     "text": c.memo, "created_at": memo_written(edits.get(c.id, ()), c.created_at)}
                    for c in self.store.codings.all(doc_id=doc_id, with_memo=True, with_text=False)]
        return out

    def document_memo(self, ref: str | int, coder: str | None = None) -> str | None:
        """The coder's memo on a document (her newest one), as the TUI's m opens it."""
        doc_id = self.store.documents.find(ref)[0]
        coder_id = self.session.existing_coder_id(coder)
        row = self.store.memos.latest("document", doc_id, coder_id) if coder_id is not None else None
        return row["text"] if row else None

    def set_document_memo(self, ref: str | int, text: str | None, coder: str | None = None,
                          expected: str | None | object = ANY_MEMO) -> str:
        """Write (or, with no text, clear) the coder's memo on a document: her newest memo there
        is changed, so writing it again edits it instead of adding a second one. Returns what
        happened: "saved", "cleared" or "unchanged". ``expected``: the memo the editor opened
        with, refused (MemoChanged, nothing written) when the stored one is another by now (the
        same coder's memo written in a second window)."""
        doc_id, doc_name = self.store.documents.find(ref)
        text = strip_controls(text).strip() if text else ""
        with self.store.transaction():
            coder_id = self.session.coder_id(coder) if text else \
                self.session.existing_coder_id(coder)
            row = self.store.memos.latest("document", doc_id, coder_id) if coder_id is not None else None
            now = row["text"] if row else None
            if expected is not ANY_MEMO and (now or "").strip() != text and not same_memo(now, expected):
                raise MemoChanged(f"your memo on {doc_name}", now)
            if row is None:
                if not text:
                    return "unchanged"
                self.store.memos.add("document", doc_id, text, coder_id)
                return "saved"
            if row["text"] == text:
                return "unchanged"
            self.store.memos.replace(row["id"], text or None)
            return "saved" if text else "cleared"

    def keep_unstored(self, what: str, text: str) -> Path:
        """Write a text the project could not take (a memo on a document deleted in another window
        while it was typed) to a file of its own in the user's data folder (``unsaved/``), so it
        is not lost: its path."""
        import datetime as _dt
        import re

        from sto_qual import config
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = re.sub(r"[^\w.-]+", "-", what).strip("-") or "text"
        folder = config.data_home() / "unsaved"
        folder.mkdir(parents=True, exist_ok=True)
        # a name of its own: two windows keeping a memo in the same second wrote one file, one text lost
        for n in range(1, 1000):
            target = folder / (f"{stamp}-{name}.txt" if n == 1 else f"{stamp}-{name}-{n}.txt")
            try:
                with target.open("x", encoding="utf-8") as f:
                    f.write(text.rstrip() + "\n")
                return target
            except FileExistsError:
                continue
        atomic_write_text(target, text.rstrip() + "\n")  # (a thousand in one second: the last name, written)
        return target


def memo_written(edits: Sequence[tuple[str, str | None, str | None]], coded_at: str) -> str:
    """When a coding's memo as it stands was first written: its last write onto no memo (the audit
    log's ``coding_memo_edits``: when, who, the memo before); the coding's own time when the memo
    came with it (an import, an agreed coding's start) and was only rewritten since. `memos` gave
    every coding memo its coding's time: a memo written a week later read as written with it."""
    begun = memo_begun(edits)
    return begun[0] if begun else coded_at
