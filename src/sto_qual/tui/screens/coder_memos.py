"""The coder screen's memo key (m): a memo on one of her codings on the selection, or her memo
on the document. A memo changed elsewhere while she wrote (a second window, a command, another
coder on the same coding) is never written over unasked: she keeps both, keeps hers, or goes
back to her text. Mixed into CoderScreen, which holds the state it uses (doc, marks)."""
from __future__ import annotations

from collections.abc import Callable

from sto_qual.domain.errors import MemoChanged
from sto_qual.domain.text import both_texts, clip_words
from sto_qual.services import memo_drafts
from sto_qual.tui.modals import MemoModal
from sto_qual.tui.modals.leave import LeaveModal


# the editor's title when it opens on a memo typed in a workbench that stopped before it was saved
RESTORED = " — the text you typed when the workbench stopped, not saved yet (ctrl+s saves it)"
LEFT_OVER = "A memo you typed when the workbench stopped"


def _unsaved_part(draft: str, saved: str | None) -> str:
    """What a draft left when the workbench stopped adds to the memo saved before it: its start was quoted, the saved
    words, so the coder could not tell what was at stake ("…SNEL-GETYPT")."""
    kept = (saved or "").strip()
    if kept and draft.strip().startswith(kept) and draft.strip() != kept:
        return "…" + draft.strip()[len(kept):].strip()
    return draft


class MemoKeys:
    def action_memo(self) -> None:
        """Memo on one of my codings on the selection (the latest one first; the dialog can
        switch), or on the document when the selection carries no coding of mine."""
        if self.doc is None:
            return
        self.sto.watch_project()  # another window's coding a moment ago: its memo, not the document's
        doc = self.doc
        if doc is None:
            return
        # the coding just starred first (m after s and a choice opened the other one's memo), else the newest
        mine = sorted(self._my_marks_here(), key=lambda m: (m.id != getattr(self, "acted_on", None), -m.id))
        if not mine:  # the coder's memo on the document: opened with what she wrote before
            self._document_memo(doc, f"No coding of yours here: your memo on document {doc.name}")
            return
        by_id = {str(m.id): m for m in mine}
        # a memo typed on one of them when the workbench stopped: opened first, with that text
        on, restored = self.attempt_quiet(memo_drafts.take_first, self.ws, self.coder,
                                          [f"coding:{m.id}" for m in mine]).value or ("", None)
        first = next((m for m in mine if f"coding:{m.id}" == on), mine[0])

        def save(result: tuple[str, str] | None) -> None:
            if self._last_action.startswith(LEFT_OVER):  # saved or let go: no longer a draft to come back to
                self._clear_note()
            if result is not None:
                m = by_id[result[0]]
                self._save_coding_memo(doc, m, result[1], m.memo, reopen=lambda text: open_on(m, text))

        def open_on(first, text: str) -> None:
            quote = doc.text[first.start:first.end]
            # each named by its code and where it is (two of one code read alike; the quote is the selection's)
            where = {m.id: self._where_span(m.start, m.end).split(", ", 1)[-1] for m in mine}
            targets = [(str(m.id), f"{self._label(m.code)} · {where[m.id]}", text if m is first else m.memo or "")
                       for m in mine]
            # whose: another coder's coding of the code lies here too (the box read as hers)
            others = any(o.coder != self.coder and o.code == first.code
                         for o in self.view.marks_in(first.start, first.end))
            # several: which one is chosen in the list under the title (a tester took "Memo" for the last code's)
            title = f"Memo on one of your {len(mine)} codings here: choose it below" if len(mine) > 1 else \
                f"Memo on {self._label(first.code)}" + (
                f" (your coding, {self.coder})" if others else "")
            self.app.push_screen(MemoModal(title + (RESTORED if text is restored else ""), text,
                                           context=f"“{quote}”", targets=targets, target=str(first.id),
                                           stored=first.memo or "",
                                           keep=lambda on, typed: self._keep_draft(f"coding:{on}", typed)), save)
        self.app.clear_notifications()  # s's "Starred: …" popup covered Save and Cancel (the status line keeps it)
        open_on(first, restored if restored is not None else first.memo or "")

    def _save_coding_memo(self, doc, m, text: str, expected: str | None, reopen: Callable[[str], None]) -> None:
        """Write the memo typed on coding ``m`` of ``doc`` (the interview it was opened in: the Coder
        may have moved off it, deleted elsewhere, and a memo saved on quitting went to R01's) over
        ``expected`` (the memo her editor opened with)."""
        if text.strip() == (expected or "").strip():
            self._keep_draft(f"coding:{m.id}", None)  # (the editor handed its draft over: none is left)
            return  # nothing changed in the editor: nothing to write (nor to ask about)
        if text and not self.attempt_quiet(self.ws.coding, m.id).ok:  # gone before she saved: said plainly
            self._coding_gone(doc, m, text)  # (it read "no coding with id 894 (see `sto-qual codings`)")
            return
        got = self._memo_write(lambda: self.ws.set_memo(m.id, text or None, coder=self.coder, document=doc.id,
                                                        expected=expected),
                               text, expected, f"The memo on {self._label(m.code)}",
                               lambda mine, theirs: self._save_coding_memo(doc, m, mine, theirs, reopen), reopen,
                               on=f"coding:{m.id}")
        if got is None:
            return
        if got.ok:
            self._patch(m.id, memo=text or None)
            code = getattr(got.value, "code", None) or m.code  # its code now (merged into another elsewhere)
            self._note(("Memo saved: " if text else "Memo cleared: ") + self._label(code)
                       + f" on {self._where_span(m.start, m.end)}")
        elif text and not self.attempt_quiet(self.ws.coding, m.id).ok:
            self._coding_gone(doc, m, text)
        elif text:  # refused (her coder's former name, say: "nothing was stored", and the text was gone)
            self._kept(doc, text, f"Your memo could not be stored ({got.error})")

    def _keep_for_deleted(self, doc, text: str) -> None:
        """Deleted in another window while she wrote: her text goes to a file, not away."""
        self._kept(doc, text, f"{doc.name} was deleted in another window, so your memo could not be stored")
        self.drop_deleted_document()

    def _kept(self, doc, text: str, why: str) -> bool:
        """Her text in a file, said with ``why``; when no file can be written either (the data folder
        not writable), the editor opens again on it, unsaved, for her to copy: it was dropped."""
        kept = self.keep_unstored(f"memo-{doc.name}", text)
        if kept:
            self._keep_draft("", None)  # kept in that file: no draft to come back to
            self.notify(f"{why}; its text is kept in {kept}", severity="error", timeout=20)
            return True
        self.app.push_screen(MemoModal(f"{why}, nor kept in a file (the data folder takes none): copy your text "
                                       "before you close this", text, stored=""),
                             lambda r: r is not None and self._kept(doc, r[1], why))
        return False

    def _coding_gone(self, doc, m, text: str) -> None:
        """The coding went in another window while she wrote: her text is not dropped. It is offered
        as her memo on the document, or, the document deleted too, kept in a file."""
        if self.attempt_quiet(self.ws.document_exists, doc.id).value is False:
            self._keep_for_deleted(doc, text)
            return
        self._document_memo(doc, f"Coding #{m.id} was removed in another window: keep your memo on "
                                 f"document {doc.name} (ctrl+s) or drop it (Esc)", adding=text)

    def _memo_write(self, write: Callable[[], object], text: str, base: str | None, what: str,
                    again: Callable[[str, str], None], reopen: Callable[[str], None], undoable: bool = True,
                    on: str = ""):
        """``write()`` as ``attempt`` runs it; None when the memo was changed elsewhere since it
        was opened (with ``base``), after asking what to keep (``again(text, over)`` writes her
        choice over the memo as it reads now; ``reopen(text)`` goes back to her text). Her text stays a
        draft of ``on`` until it is written: a workbench killed while it asked lost it (the editor, closed
        to ask, had taken its draft away)."""
        clash: list[MemoChanged] = []

        def checked():
            try:
                return write()
            except MemoChanged as exc:
                clash.append(exc)
                return None
        self._keep_draft(on, text)
        got = self.attempt(checked)
        if not clash:
            self._keep_draft(on, None)  # written, or refused and kept in a file by the caller
            return got
        theirs = clash[0].current
        shown = theirs if len(theirs) <= 600 else theirs[:600] + " …"

        def answer(choice: str | None) -> None:
            if choice == "save":  # keep both: the text saved there, then hers (what they share once)
                again(both_texts(base, theirs, text), theirs)
            elif choice == "discard":  # keep mine: hers over it
                again(text, theirs)
            else:
                reopen(text)
        now = f"It now reads:\n\n“{shown}”" if theirs.strip() else "It was cleared there."
        self.app.push_screen(LeaveModal(
            f"{what} was changed elsewhere (another window, a command or a colleague) since you opened it. "
            f"{now}\n\nKeep both: the text saved there, then yours. Keep mine: yours over it"
            + (" (u brings the other back)" if undoable else " (the other is gone)")
            + ". Stay: back to your text; nothing is saved yet.",
            save="Keep both", discard="Keep mine", stay="Stay"), answer)
        return None

    def _document_memo(self, doc, title: str, adding: str = "") -> None:
        """The coder's memo on the document, opened with what she wrote before (and ``adding``
        after it: a memo whose coding is gone)."""
        current = self.attempt_quiet(self.ws.document_memo, doc.id, self.coder).value or ""
        text = "\n\n".join(t for t in (current.strip(), adding.strip()) if t) if adding else current
        restored = self.attempt_quiet(memo_drafts.take, self.ws, self.coder, f"document:{doc.id}").value

        def save_doc(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._save_document_memo(doc, title, result[1], current)
        self.app.push_screen(MemoModal(title + (RESTORED if restored else ""), restored or text, stored=current,
                                       keep=lambda _on, typed: self._keep_draft(f"document:{doc.id}", typed)),
                             save_doc)

    def _save_document_memo(self, doc, title: str, text: str, expected: str) -> None:
        if text.strip() == (expected or "").strip():
            self._keep_draft(f"document:{doc.id}", None)
            return  # nothing changed in the editor
        if text.strip() and self.attempt_quiet(self.ws.document_exists, doc.id).value is False:
            self._keep_for_deleted(doc, text)
            return

        def reopen(mine: str) -> None:  # her text again; saved over the memo she first opened, or asked again
            self.app.push_screen(MemoModal(title, mine, stored=expected,
                                           keep=lambda _on, typed: self._keep_draft(f"document:{doc.id}", typed)),
                                 lambda r: r is not None and self._save_document_memo(doc, title, r[1], expected))
        got = self._memo_write(lambda: self.ws.set_document_memo(doc.id, text, coder=self.coder, expected=expected),
                               text, expected, f"Your memo on document {doc.name}",
                               lambda mine, theirs: self._save_document_memo(doc, title, mine, theirs), reopen,
                               undoable=False, on=f"document:{doc.id}")  # a memo on a document is no undo step
        if got is not None and got.ok and got.value != "unchanged":
            self._doc_memo = text.strip() or None
            self.sto.changed_codings()  # F2 marks the documents with a memo
            self._note(f"Memo on document {doc.name} {got.value}")
        elif got is not None and not got.ok and text.strip():
            self._kept(doc, text, f"Your memo could not be stored ({got.error})")

    def _keep_draft(self, on: str, text: str | None) -> None:
        self.attempt_quiet(memo_drafts.keep, self.ws, self.coder, on, text)

    def say_left_over_memos(self) -> None:
        """Memos typed in a workbench of hers on this project that stopped before they were saved: said, each with
        where m opens it again; one on a coding or document gone since is kept in a file."""
        for d in self.attempt_quiet(memo_drafts.left_over, self.ws, self.coder).value or ():
            kind, _sep, ref = d["on"].partition(":")
            found = self.attempt_quiet(self.ws.coding if kind == "coding" else self.ws.document, int(ref)).value \
                if ref.isdigit() else None
            words = f"“{clip_words(_unsaved_part(d['text'], getattr(found, 'memo', None)), 60)}”"
            if found is None:  # named by what it was on, its newest paragraph quoted (the start may be a colleague's)
                words = f"“{clip_words(d['text'].strip().split(chr(10) * 2)[-1], 60)}”"
                project = getattr(self.ws.path, "name", "the project")
                kept = self.keep_unstored(f"memo-{kind}-{ref}", f"(Your memo on {kind} #{ref} of {project}, not "
                                          f"saved: the {kind} was removed before it was.)\n\n{d['text']}")
                if kept:
                    memo_drafts.drop(d)
                    self.notify(f"{LEFT_OVER}, {words}, was not saved and its "
                                f"{kind} is gone: its text is kept in {kept}", severity="warning", timeout=20)
                continue
            where = f"your coding {self._label(found.code)} in {found.doc}" if kind == "coding" else \
                f"document {found.name} (m where you have no coding)"
            self.notify(f"{LEFT_OVER}, {words}, was not saved: m on {where} opens "
                        "it with your text", severity="warning", timeout=20)
