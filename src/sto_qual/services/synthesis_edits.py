"""A person's changes to one cell or theme: set, accept, clear, one key point, draft now.
Each is one transaction with its undo step and audit line. A mixin of the SynthesisService."""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain.codebook import contrast_refusal
from sto_qual.domain.drafting_lead import join_words
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.synthesis import review_marks
from sto_qual.services.synthesis_rows import copied_row, sentence_items, sentences_of
from sto_qual.services.synthesis_state import vouched
from sto_qual.store.summaries import SummaryStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.synthesis_corpus import Corpus
    from sto_qual.services.project import Project


class SynthesisError(StoQualError):
    pass


class SummaryChanged(SynthesisError):
    """The text changed since the caller read it (another window, a command, another coder):
    nothing was written. ``current`` is the text as it reads now, with its ``author`` and
    ``updated_at``; passing it back as ``expected`` overwrites exactly that text."""

    def __init__(self, what: str, current: str, author: str | None = None, updated_at: str | None = None) -> None:
        short = " ".join(current.split())
        short = short[:120] + ("…" if len(short) > 120 else "")
        by = f" by {author}" if author else ""
        super().__init__(f"{what} was changed{by} since it was read; nothing was saved",
                         hint=f"it now reads “{short}”" if short else "it is now empty or gone")
        self.what = what
        self.current = current
        self.author = author
        self.updated_at = updated_at


def _same(a: str, b: str) -> bool:
    """The same text for a reader: line endings and runs of white space do not count."""
    return a.split() == b.split()


ITEM_KINDS = {"lead": "lead sentence", "point": "point", "contrast": "contrast"}  # what a person edits one by one


class SummaryEdits:
    """set/accept/clear/set_point/draft_one; the host provides the corpus, the stores and the
    theme helpers."""

    def _target(self, corpus: Corpus, doc: str | int | None, code: str | None, theme: str | None):
        if theme:
            top = self._theme_tops(corpus, theme)[0]
            if top.path != self._column(corpus, theme):
                raise SynthesisError(f"'{theme}' is not a theme (a top-level code)",
                                     hint=f"use --theme {top.path}, or --doc D --code {theme} for a cell")
            return "theme", None, top
        if doc is None or code is None:
            raise SynthesisError("give --doc D --code C for a cell, or --theme T", hint="see `sto-qual grid`")
        doc_id, _n = self.store.documents.find(doc)
        return "cell", doc_id, corpus.by_path[self._column(corpus, code)]

    def _check(self, what: str, expected: str | None, current: str, row: dict[str, Any] | None) -> None:
        """Refuse (SummaryChanged) when ``expected``, the text the caller read and edited or
        accepted, is no longer what reads there; no ``expected`` (the CLI): no check."""
        if expected is not None and not _same(expected, current):
            raise SummaryChanged(what, current, (row or {}).get("author"), (row or {}).get("updated_at"))

    def _current(self, corpus: Corpus, kind: str, doc_id: int | None, c: Code) -> str:
        """The text a cell or a whole theme section reads as now (as ``cell`` and the theme
        view's ``theme(preview=True)`` show it)."""
        from sto_qual.services.synthesis_rows import theme_text
        if kind == "cell":
            return self._cell_state(corpus, self.sums.cell(doc_id, c.id), doc_id, c.path)["summary"]
        return theme_text(self.theme(c.path, preview=True))

    def _what(self, corpus: Corpus, kind: str, doc_id: int | None, c: Code) -> str:
        return f"{corpus.doc_name[doc_id]} × {c.path}" if kind == "cell" else f"theme {c.path}"

    def _record(self, kind: str, doc_id: int | None, code: Code, before, after, verb: str, coder: str | None) -> None:
        name = self.ws.resolve_coder(coder)
        action: dict[str, Any] = {"op": "summary", "kind": kind, "code_id": code.id, "before": before,
                                  "after": after}
        if verb == "summary-draft":  # named as a draft by undo (its text changed: it read "accept")
            action["drafted"] = True
        if doc_id is not None:
            action["document_id"] = doc_id
        bump = self.store.conn.total_changes
        with self.store.transaction():
            coder_id = self.ws.coder_id(name)  # a new coder is stored with the step, not without it
            put_summary(self.sums, kind, doc_id, code.id, after)
            self.store.history.push(coder_id, action)
            details: dict[str, Any] = {"code": code.path}
            if doc_id is not None:
                details["doc"] = self.store.documents.meta(doc_id)["name"]
            self.store.audit.record(verb, f"{kind}-summary", doc_id if kind == "cell" else code.id, name, details)
        self._after_own_write(bump)

    def set_text(self, text: str, *, doc: str | int | None = None, code: str | None = None,
                 theme: str | None = None, coder: str | None = None, expected: str | None = None) -> dict[str, Any]:
        """A person's text for a cell or a theme: stored as reviewed (undoable, audited). With
        ``expected`` (the text the editor loaded): refused with SummaryChanged, nothing
        written, when the text reads differently now (changed elsewhere meanwhile)."""
        from sto_qual.store.connection import now
        text = (text or "").strip()
        if not text:
            raise SynthesisError("the summary text is empty", hint="use `summary clear` to remove a summary")
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        author = self.ws.resolve_coder(coder)
        if expected is not None:
            row = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
            self._check(self._what(corpus, kind, doc_id, c), expected, self._current(corpus, kind, doc_id, c), row)
        if kind == "cell":
            before = self.sums.cell(doc_id, c.id)
            basis = corpus.basis(c.path, doc_id)
            spans = corpus.spans_in(c.path, doc_id)
            after = {"document_id": doc_id, "code_id": c.id, "text": text, "status": "reviewed", "author": author,
                     "updated_at": now(), "passages": [corpus.coding_id(sp, c.path) for sp in spans],
                     "basis": basis, "fingerprint": d.fingerprint(basis)}
            self._record(kind, doc_id, c, before, after, "summary-set", coder)
            return self.cell(doc_id, c.path)
        before = self.sums.theme(c.id)
        current = self.current_theme_row(corpus, c)
        summary = self._summary_from_row(c.path, current, "draft") if current else self.draft_theme(corpus, c.path)
        after = self._theme_row(corpus, c, summary, "reviewed", author, text=text)
        self._record(kind, None, c, before, after, "summary-set", coder)
        return self.theme(c.path)

    def accept(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
               coder: str | None = None, expected: str | None = None, stored_only: bool = False) -> dict[str, Any]:
        """Mark the current text (a draft, or reviewed text that is outdated) as reviewed
        against today's codings; a cell or theme without text is drafted first. With
        ``expected`` (the text the person read): refused with SummaryChanged when it reads
        differently now, so nobody accepts a text they did not see. ``stored_only`` (the CLI,
        which shows no draft beside it): a cell or theme with nothing stored is refused, as its
        draft would be marked reviewed unread."""
        from sto_qual.store.connection import now
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        author = self.ws.resolve_coder(coder)
        row = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
        if stored_only and (row is None or (kind == "cell" and not row["text"])):
            cell = kind == "cell"
            where = f"--doc {shlex.quote(corpus.doc_name[doc_id])} --code {c.path}" if cell else f"--theme {c.path}"
            raise SynthesisError(f"nothing stored to accept for "
                                 f"{f'{corpus.doc_name[doc_id]} × {c.path}' if cell else f'the theme {c.path}'}: its "
                                 "draft is not stored yet", hint=f"read it with `sto-qual summary show {where}`; "
                                 f"`sto-qual summary draft {where}` stores it, `summary set` stores your own text")
        if expected is not None:
            self._check(self._what(corpus, kind, doc_id, c), expected, self._current(corpus, kind, doc_id, c), row)
        if kind == "cell":
            before = row
            draft = self.draft_cell(corpus, doc_id, c.path)
            if before is None or not before["text"]:
                if draft is None:
                    raise NothingToDo(f"nothing to accept: no passages of '{c.path}' in "
                                      f"{corpus.doc_name[doc_id]}")
                base = {"text": draft["text"]}
            else:
                base = {"text": before["text"]}
            basis = corpus.basis(c.path, doc_id)
            if not basis:  # the passages went since: accepting would vouch for a text that rests on nothing
                raise SynthesisError(f"{corpus.doc_name[doc_id]} × {c.path} has no passages any more; its text "
                                     "rests on nothing and is not accepted",
                                     hint="clear it (undo brings it back), or code its passage again")
            after = {"document_id": doc_id, "code_id": c.id, "text": base["text"], "status": "reviewed",
                     "author": author, "updated_at": now(),
                     "passages": draft["passages"] if draft else (before or {}).get("passages", []),
                     "basis": basis, "fingerprint": d.fingerprint(basis)}
            self._record(kind, doc_id, c, before, after, "summary-accept", coder)
            return self.cell(doc_id, c.path)
        before = row
        current = self.current_theme_row(corpus, c)
        stale = self.stale_as_drafted(corpus, c, current)
        if stale:  # accepting again vouched for "(16 van 19)" beside a table saying 15 of 18
            raise SynthesisError(
                f"{join_items(stale)} of {c.path} {'was' if len(stale) == 1 else 'were'} accepted as drafted and "
                "rest on codings, interviews or groups that changed since, so their counts may be out of date; "
                "nothing was accepted: draft them again from today's codings first, then read and accept them",
                hint=f"ctrl+r in F9's theme view, or `sto-qual summary draft --theme {c.path}`, drafts them again "
                     "(sentences you edited stay yours); then read and accept")
        summary = self._summary_from_row(c.path, current, "draft") if current else self.draft_theme(corpus, c.path)
        after = self._theme_row(corpus, c, summary, "reviewed", author, text=(before or {}).get("text", ""))
        _credit(after, current, author)
        for part, item in sentence_items(after):  # each sentence vouched for on today's codings, as one accepted alone
            vouched(item, self.item_basis(corpus, c, part, item), corpus)  # (a change marks the sentence it touches)
        self._record(kind, None, c, before, after, "summary-accept", coder)
        return self.theme(c.path)

    def clear(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
              coder: str | None = None, expected: str | None = None) -> dict[str, Any]:
        """Remove a cell's or theme's text (undoable); `summarize` drafts it again. With
        ``expected``: refused (SummaryChanged) when the text reads differently now."""
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        before = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
        if expected is not None:
            self._check(self._what(corpus, kind, doc_id, c), expected, self._current(corpus, kind, doc_id, c), before)
        if before is None:
            what = f"{c.path} in {corpus.doc_name[doc_id]}" if kind == "cell" else c.path
            raise NothingToDo(f"no summary to clear for {what}")
        self._record(kind, doc_id, c, before, None, "summary-clear", coder)
        return self.cell(doc_id, c.path) if kind == "cell" else self.theme(c.path)

    def set_point(self, theme: str, number: int, text: str | None = None, coder: str | None = None
                  ) -> dict[str, Any]:
        """Edit (with ``text``) or accept one key point of a theme (``number`` from 1)."""
        return self.set_item(theme, "point", number, text, coder=coder)

    def set_item(self, theme: str, kind: str, number: int, text: str | None = None, coder: str | None = None,
                 expected: str | None = None) -> dict[str, Any]:
        """Edit (with ``text``) or accept one sentence of a theme: a lead sentence (``kind`` "lead"), a
        key point ("point") or a contrast ("contrast"), ``number`` from 1. The item is marked reviewed;
        once every sentence is, the theme is reviewed against today's codings (nothing is marked
        reviewed that a person did not edit or accept). Undoable, audited. With ``expected`` (the
        sentence as read): refused with SummaryChanged when that sentence reads differently now or is gone."""
        from sto_qual.store.connection import now
        if kind not in ITEM_KINDS:
            raise SynthesisError(f"unknown part '{kind}' of a theme summary", hint="lead, point or contrast")
        corpus = self.corpus()
        _kind, _doc, top = self._target(corpus, None, None, theme)
        before = self.sums.theme(top.id)
        # the sentences as `summary show` and the theme view number them (a stale draft redrafted)
        row = (self.current_theme_row(corpus, top)
               or self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", "sto_qual"))
        row = copied_row(row)
        if len(row["lead_meta"]) != len(row["lead"]):  # stored before lead sentences had their marks
            row["lead_meta"] = [{"code": "", "reviewed": False} for _x in row["lead"]]
        items = sentences_of(row, kind)
        word = ITEM_KINDS[kind]
        if expected is not None:
            what = f"{word} {number} of theme {top.path}"
            if not 1 <= number <= len(items):
                raise SummaryChanged(what, "", (before or {}).get("author"), (before or {}).get("updated_at"))
            now_text = row["lead"][number - 1] if kind == "lead" else items[number - 1]["text"]
            by = items[number - 1].get("reviewed_by")  # who edited or accepted this sentence, else the theme's author
            self._check(what, expected, now_text, {**(before or {}), **({"author": by} if by else {})})
        if not 1 <= number <= len(items):
            raise SynthesisError(f"theme '{top.path}' has {len(items)} {word}(s); there is no {word} {number}",
                                 hint="see `sto-qual summary show --theme " + top.path + "`")
        if text is None and kind != "lead" and not items[number - 1]["text"].strip():
            # a point no sentence could retell: accepting it marked nothing the chapter prints
            # ("Accepted point 6"; "12 of 12 sentences not yet reviewed")
            raise SynthesisError(f"{word} {number} of {top.path} has no sentence to accept: the chapter quotes one "
                                 "of its passages instead", hint=f"`sto-qual summary set --theme {top.path} --{kind} "
                                 f"{number} --text …` writes one")
        if text is None and f"{kind} {number}" in self.stale_as_drafted(corpus, top, row):
            raise SynthesisError(
                f"{kind} {number} of {top.path} was accepted as drafted and rests on codings, interviews or groups "
                "that changed since, so its counts may be out of date; nothing was accepted: draft it again from "
                "today's codings first, then read and accept it", hint=f"ctrl+r in F9's theme view, or `sto-qual "
                f"summary draft --theme {top.path}`, drafts it again (sentences you edited stay yours); or write it "
                "anew with `summary set`")
        if text is not None:
            if not text.strip():
                raise SynthesisError(f"the {word}'s text is empty")
            was = row["lead"][number - 1] if kind == "lead" else items[number - 1]["text"]
            if kind == "lead":
                row["lead"][number - 1] = text.strip()
            else:
                items[number - 1]["text"] = text.strip()
            if " ".join(text.split()) != " ".join((was or "").split()):
                # (a point's label and evidence were drafted for the old text: said rather than pretended)
                items[number - 1]["edited"] = True
        who = self.ws.resolve_coder(coder)
        items[number - 1].pop("left_out", None)  # accepted or written again: in the chapter again
        # on its own: a point is printed where a quote says the same; one as drafted is worded as the draft is
        items[number - 1].update(reviewed=True, reviewed_by=who, chosen=kind == "point",
                                 as_drafted=not items[number - 1].get("edited"))
        # what the sentence rests on now: when those codings change, the theme reads as outdated
        vouched(items[number - 1], self.item_basis(corpus, top, kind, items[number - 1]), corpus)
        # the theme's author stays who wrote it (the draft) until the whole theme is reviewed:
        # a person is credited with the sentence they edited or accepted, not with the rest
        after = {**row, "updated_at": now()}
        # every sentence, as `summary show`, F9 and the chapter count them: a point without one is
        # carried by a quote and has nothing to accept
        every = review_marks([m.get("reviewed") for m in row["lead_meta"]], row["points"], row["contrasts"])
        if every and all(every) and row["status"] != "reviewed":
            basis = corpus.basis(top.path)
            after.update(status="reviewed", basis=basis, fingerprint=d.fingerprint(basis), author=who,
                         groups=corpus.groups)
        verb = "summary-point" if kind == "point" else f"summary-{kind}"
        self._record("theme", None, top, before, after, verb, coder)
        return self.theme(top.path)

    def code_fields(self, code: str) -> dict[str, Any]:
        """A code's synthesis fields: ``summary`` (the Dutch phrase of its lead sentence) and
        ``contrasts`` (the paths of its opposing codes)."""
        c = self.ws.code(code)
        summary, others = self.sums.code_fields().get(c.id, ("", ()))
        paths = {x.id: x.path for x in self.ws.codebook()}
        return {"code": c.path, "summary": summary, "contrasts": [paths[i] for i in others if i in paths],
                "summary_en": self.sums.code_summaries_en().get(c.id, "")}

    def set_code_fields(self, code: str, summary: str, contrasts: list[str], coder: str | None = None,
                        summary_en: str | None = None) -> dict[str, Any]:
        """Set a code's synthesis fields, as the codebook file's ``summary`` and ``contrasts``
        do, and (``summary_en``) its English phrase, read after "In most regions (15 of 19),";
        the next draft uses them. An unknown or self-contrasting code is refused and nothing
        changes. Audited."""
        c = self.ws.code(code)
        others = []
        for ref in contrasts:
            other = self.ws.code(ref)
            why = contrast_refusal(c.path, other.path)
            if why:
                raise SynthesisError(why, hint="name an opposing code outside this one")
            if other.id not in others:
                others.append(other.id)
        with self.store.transaction():
            en = summary_en is not None and self.sums.set_code_summary_en(c.id, " ".join(summary_en.split()))
            if self.sums.set_code_fields(c.id, " ".join((summary or "").split()), others) or en:
                self.store.audit.record("code-synthesis", "code", c.id, self.ws.resolve_coder(coder),
                                        {"code": c.path, "summary": summary, "contrasts": list(contrasts),
                                         "summary_en": summary_en})
        return self.code_fields(c.path)

    def draft_one(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
                  coder: str | None = None) -> dict[str, Any]:
        """Draft one cell or theme now (a person asked for it: undoable). Reviewed text is
        kept; use clear first to replace it. A theme with some sentences reviewed is drafted
        again around them, as ``summarize --redraft`` does: the drafted sentences are new, the
        reviewed ones stay (ctrl+r on one sentence replaced six reviewed ones without a word)."""
        from sto_qual.services.synthesis_rows import keep_reviewed
        from sto_qual.store.connection import now
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        before = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
        stale = self.stale_as_drafted(corpus, c, before) if kind == "theme" and before is not None else []
        if before is not None and before["status"] == "reviewed" and not (stale and not before.get("text")):
            raise SynthesisError("this summary is reviewed; drafting would overwrite it",
                                 hint="clear it first (undo brings it back)")
        if stale:  # accepted as drafted, on codings or interviews changed since: drafted again below
            before_kept = unreview(before, stale)
        if kind == "cell":
            draft = self.draft_cell(corpus, doc_id, c.path)
            if draft is None:
                raise NothingToDo(f"no passages of '{c.path}' in {corpus.doc_name[doc_id]} to draft from")
            after = {"document_id": doc_id, "code_id": c.id, "status": "draft", "author": "sto_qual",
                     "updated_at": now(), **draft}
            self._record(kind, doc_id, c, before, after, "summary-draft", coder)
            return self.cell(doc_id, c.path)
        after = self._theme_row(corpus, c, self.draft_theme(corpus, c.path), "draft", "sto_qual")
        if before is not None:
            after = keep_reviewed(before_kept if stale else before, after)
        self._record(kind, None, c, before, after, "summary-draft", coder)
        # what the sentences drafted again said (an undo brings them back)
        return {**self.theme(c.path), "redrafted": [{"sentence": name, "was": sentence_text(before, name)}
                                                    for name in stale]}



def unreview(row: dict[str, Any], which: list[str]) -> dict[str, Any]:
    """A copy of a theme row with the sentences ``which`` ("lead 2", "point 1") no longer
    reviewed, so a new draft takes their place (``keep_reviewed``)."""
    out = copied_row(row)
    for name in which:
        kind, number = name.split()
        sentences_of(out, kind)[int(number) - 1]["reviewed"] = False
    return out


def sentence_text(row: dict[str, Any], name: str) -> str:
    """The text of one sentence of a theme row ("lead 2", "point 1")."""
    kind, number = name.split()
    i = int(number) - 1
    return row["lead"][i] if kind == "lead" else sentences_of(row, kind)[i].get("text", "")


def join_items(names: list[str]) -> str:
    """"lead 2, point 1 and contrast 3"; more than four: "4 lead sentences, 10 points and 2 contrasts"."""
    if len(names) > 4:
        counts = {k: sum(1 for n in names if n.startswith(k + " ")) for k in ("lead", "point", "contrast")}
        words = {"lead": "lead sentence", "point": "point", "contrast": "contrast"}
        names = [f"{n} {words[k]}{'s' * (n != 1)}" for k, n in counts.items() if n]
    return join_words(names, "and")


def _credit(after: dict[str, Any], current: dict[str, Any] | None, author: str | None) -> None:
    """A whole theme accepted at once: every sentence is reviewed, by whoever accepted it on its
    own before, else by ``author`` (the rows written from the summary records kept no names, so
    the theme view showed "reviewed" without one)."""
    old = current or {}
    for key in ("lead_meta", "points", "contrasts"):
        earlier = old.get(key) or []
        for i, item in enumerate(after.get(key) or []):
            before = earlier[i] if i < len(earlier) and isinstance(earlier[i], dict) else {}
            item.update(reviewed=True, reviewed_by=before.get("reviewed_by") or item.get("reviewed_by") or author)
            # hers (a lead sentence was lost here: the theme's draft took it for its own), else as drafted
            item.update({k: True for k in ("edited", "chosen") if before.get(k)}, as_drafted=not before.get("edited"))


def put_summary(sums: SummaryStore, kind: str, doc_id: int | None, code_id: int, row: dict[str, Any] | None) -> None:
    """Write (or with None remove) one cell or theme row; nothing when its code or interview
    was deleted since (an old undo step)."""
    if not sums.exists(doc_id, code_id):
        return
    if kind == "cell":
        if row is None:
            sums.delete_cell(doc_id, code_id)  # type: ignore[arg-type]
        else:
            sums.put_cell(row)
    elif row is None:
        sums.delete_theme(code_id)
    else:
        sums.put_theme(row)


def apply_history(ws: Project, action: dict[str, Any], inverse: bool) -> None:
    """Undo/redo one summary change (called from the history's undo)."""
    row = action["before"] if inverse else action["after"]
    put_summary(ws.store.summaries, action["kind"], action.get("document_id"), action["code_id"], row)


