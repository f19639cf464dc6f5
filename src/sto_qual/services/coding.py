"""Coding use cases: apply and remove codes on spans, memos and stars, resizing, reading
codings back.

Contract: every change is one transaction, pushed on the coder's undo history and
audited; a span outside its document, an unknown code, document or coding raises a
``StoQualError`` subclass and changes nothing. Storing a coding withdraws, in the same
transaction, the pending suggestions of its code and of the code's themes on the sentences it
wholly holds (the text is coded: that work is done); undoing the coding leaves them withdrawn
(a withdrawn suggestion was never decided: the next ``suggest`` may propose it again).
"""
from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any, NamedTuple

from sto_qual.domain import history
from sto_qual.domain.controls import strip_controls
from sto_qual.domain.errors import MemoChanged, NothingToDo, SpanError, StaleChange
from sto_qual.domain.model import Coding
from sto_qual.domain.spans import check_span, cut_words, left_over, shrink_to_units, snap_to_units
from sto_qual.domain.text import ANY_MEMO, same_memo
from sto_qual.services.agreed import AGREED_SETTING
from sto_qual.services.agreed_guard import refuse_source_change
from sto_qual.services.codebook import CodebookService
from sto_qual.services.session import Session


class Uncoded(NamedTuple):
    """What ``uncode`` did to one coding: ``before``, the coding as it was; ``after``, what is
    left of it: nothing (removed), one coding (trimmed, same id) or two (split; the first keeps
    the id)."""
    before: Coding
    after: tuple[Coding, ...]


def _withdrawn(n: int) -> dict[str, int]:
    """The audit detail of the pending suggestions a coding withdrew (none: nothing said)."""
    return {"withdrawn_suggestions": n} if n else {}


class CodingService:
    def __init__(self, session: Session, codebook: CodebookService) -> None:
        self.session = session
        self.store = session.store
        self.codebook = codebook

    # ----------------------------------------------------------------- spans
    def resolve_span(self, doc_id: int, *, start: int | None = None, end: int | None = None,
                     unit: int | None = None, turn: int | None = None, doc_name: str = "") -> tuple[int, int]:
        """The (start, end) that offsets, a unit id or a turn number (1-based) name: one of them."""
        given = [name for name, v in (("--start/--end", start if start is not None else end), ("--unit", unit),
                                      ("--turn", turn)) if v is not None]
        if len(given) > 1:
            raise SpanError(f"give one of --start/--end, --unit or --turn, not {' and '.join(given)}")
        if unit is not None:
            u = self.store.transcripts.unit(unit)
            if u.document_id != doc_id:  # and where it is (`code --unit U` without the document codes it there)
                there = self.store.documents.find(u.document_id)[1]
                raise SpanError(f"unit {unit} is not in {doc_name}: it is in {there}")
            return u.start, u.end
        if turn is not None:
            # turns are numbered from 1 within their document, as the TUI and the report show them
            turns = self.store.transcripts.turns(doc_id)
            if not 1 <= turn <= len(turns):
                raise SpanError(f"document {doc_name} has no turn {turn} (it has {len(turns)})",
                                hint=f"see `sto-qual show --doc {shlex.quote(doc_name)}`")
            t = turns[turn - 1]
            return t.start, t.end
        if start is None or end is None:
            raise SpanError("give --start and --end, or --unit, or --turn")
        check_span(start, end, len(self.session.text(doc_id)), doc=doc_name)
        return start, end

    # --------------------------------------------------------------- changes
    def assign(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
               unit: int | None = None, turn: int | None = None, coder: str | None = None,
               memo: str | None = None, starred: bool = False, origin: str = "manual", widen: bool = False) -> Coding:
        """``applied``'s coding."""
        return self.applied(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder, memo=memo,
                            starred=starred, origin=origin, widen=widen)[0]

    def applied(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
                unit: int | None = None, turn: int | None = None, coder: str | None = None,
                memo: str | None = None, starred: bool = False, origin: str = "manual",
                widen: bool = False) -> tuple[Coding, bool]:
        """Apply ``code`` to a span (offsets, a unit id, or a turn id/number) of ``doc``: the
        stored coding, and whether this call coded the text (False: this coder had coded that very
        span with the code already, here or in another window, which then saw none).
        Returns the stored coding. Undoable; audited. A span this coder coded with this code
        already keeps its coding and gets the ``memo`` and star asked for (each undoable).
        ``widen`` (the TUI; ``code --widen``): the text is coded once per code and coder, as
        NVivo and MAXQDA merge overlapping coding: a span inside this coder's coding of this
        code keeps that coding; a span overlapping it, or next to it with nothing but white
        space between in the same speaker's turn, widens it to both (several: merged into
        the first, their memos kept, starred if one was), in one undo step. The pending
        suggestions of this code and its themes on the sentences the coding wholly holds are
        withdrawn (see the module's contract)."""
        doc_id, doc_name = self.store.documents.find(doc)
        c = self.store.codes.find(code)
        s, e = self.resolve_span(doc_id, start=start, end=end, unit=unit, turn=turn, doc_name=doc_name)
        if not any(ch.isalnum() for ch in self.session.text(doc_id)[s:e]):  # counted as coded, quoted as "\n\n"
            raise SpanError(f"{doc_name} {s}-{e} holds no word (only white space or punctuation): nothing to code",
                            hint=f"see the offsets with `sto-qual show --doc {shlex.quote(doc_name)}`")
        coder_name = self.session.resolve_coder(coder)
        mine = self.session.existing_coder_id(coder_name) if widen else None
        # codings that overlap the span, or touch it across white space in the same speaker's turn
        overlapping = self.session.joinable(doc_id, c.id, mine, s, e) if mine is not None else []
        if overlapping and not any(r["start"] == s and r["end"] == e for r in overlapping):
            if len(overlapping) == 1 and overlapping[0]["start"] <= s and e <= overlapping[0]["end"]:
                # inside her coding already (another window joined it a moment ago): nothing to join
                return self.assign(doc_id, c.path, start=overlapping[0]["start"], end=overlapping[0]["end"],
                                   coder=coder_name, memo=memo, starred=starred), False
            return self._widen(doc_id, doc_name, c.path, overlapping, s, e, coder_name, memo, starred), True
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            cid, added = self.store.codings.insert_once(document_id=doc_id, code_id=c.id, coder_id=coder_id, start=s,
                                                        end=e, words=self.session.words(doc_id, s, e),
                                                        memo=strip_controls(memo), origin=origin, starred=starred)
            withdrawn = self.store.suggestions.withdraw_covered(doc_id, s, e, c.id)
            if added:
                row = self.store.codings.row(cid)
                self.store.history.push(coder_id, history.added(doc_id, row))
                self.store.audit.record("add", "coding", cid, coder_name, {"doc": doc_name, "code": c.path,
                                                                           "start": s, "end": e,
                                                                           **_withdrawn(withdrawn)})
        got = self.store.codings.get(cid)
        if not added:  # coded already (another window, or coded again to add a memo or a star)
            if memo is not None and (got.memo or "") != memo.strip():
                got = self.set_memo(cid, memo, coder=coder_name)
            if starred and not got.starred:
                got = self.star(cid, True, coder=coder_name)
        return got, added

    def overlapping_own(self, coding_id: int) -> list[Coding]:
        """The same coder's other codings of the same code that overlap this one (a resize onto
        one's own coding: that text counts under two codings of one coder)."""
        row = self.store.codings.row(coding_id)
        if row is None:
            return []
        return [self.store.codings.get(k) for k in self.store.codings.find(
            row["document_id"], row["code_id"], row["coder_id"], row["start"], row["end"]) if k != coding_id]

    def holding(self, coding_id: int) -> Coding | None:
        """The same coder's other coding of the same code whose span holds this coding's (the
        narrowest), or None: a span coded inside one's own coding without ``widen`` is a second,
        nested coding."""
        row = self.store.codings.row(coding_id)
        if row is None:
            return None
        around = [r for r in (self.store.codings.row(k) for k in self.store.codings.find(
                      row["document_id"], row["code_id"], row["coder_id"], row["start"], row["end"]))
                  if r["id"] != coding_id and r["start"] <= row["start"] and row["end"] <= r["end"]]
        if not around:
            return None
        return self.store.codings.get(min(around, key=lambda r: (r["end"] - r["start"], r["id"]))["id"])

    def cut_words(self, coding: Coding) -> tuple[list[str], tuple[int, int]] | None:
        """The words a coding begins or ends inside of and the span that holds them whole, or
        None when it holds whole words."""
        text = self.session.text(coding.document_id)
        cuts = cut_words(text, coding.start, coding.end)
        if not cuts:
            return None
        return [text[a:b] for a, b in cuts], (min(coding.start, cuts[0][0]), max(coding.end, cuts[-1][1]))

    def _widen(self, doc_id: int, doc_name: str, path: str, rows: list[dict[str, Any]], s: int, e: int,
               coder_name: str, memo: str | None, starred: bool) -> Coding:
        """The coder's codings of one code that overlap ``s``-``e``, made one coding over all of
        them and the span (the first keeps its id), as one undo step."""
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            kept, before, fields, actions = self.session.join_codings(
                doc_id, rows, s, e, strip_controls(memo) if memo else None, starred)
            joined = self.store.codings.row(kept)
            withdrawn = self.store.suggestions.withdraw_covered(doc_id, joined["start"], joined["end"],
                                                                joined["code_id"])
            if actions:
                self.store.history.push(coder_id, history.one_step(actions))
                self.store.audit.record("widen", "coding", kept, coder_name,
                                        {"doc": doc_name, "code": path, "before": before, "after": fields,
                                         "merged": [r["id"] for r in rows if r["id"] != kept],
                                         **_withdrawn(withdrawn)})
        return self.store.codings.get(kept)

    def remove(self, coding_id: int, coder: str | None = None) -> Coding:
        return self.remove_all([coding_id], coder)[0]

    def remove_all(self, coding_ids: Sequence[int], coder: str | None = None) -> list[Coding]:
        """Remove the codings ``coding_ids`` (each once, in the order given) as one undo step;
        nothing is removed when one of them is unknown or refused."""
        codings = [self.store.codings.get(cid) for cid in dict.fromkeys(coding_ids)]
        coder_name = self.session.resolve_coder(coder)
        for coding in codings:
            refuse_source_change(self.store, coder_name, [(coding.id, coding.coder)], coding.doc, coding.code,
                                 (coding.start, coding.end))
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            actions = []
            for coding in codings:
                row = self.store.codings.row(coding.id)
                self.store.codings.delete_row(coding.id)
                actions.append(history.removed(row["document_id"], row))
                self.store.audit.record("remove", "coding", coding.id, coder_name,
                                        {"doc": coding.doc, "code": coding.code})
            self.store.history.push(coder_id, history.one_step(actions))
        return codings

    def uncode(self, doc: str | int, code: str | None, *, start: int | None = None, end: int | None = None,
               unit: int | None = None, turn: int | None = None, coder: str | None = None,
               all_coders: bool = False) -> list[Uncoded]:
        """Remove ``code`` (None: every code) from a span (or, without one, from the whole
        document): of every coding of that code (by this coder unless ``all_coders``)
        overlapping the span, the part inside it. A coding wholly inside goes; one reaching
        beyond it keeps the part(s) outside (trimmed, or split in two when the span is in its
        middle), with its memo, star, origin and coder; the whitespace at a cut is left out and a
        part with no letter or digit (a lone full stop) goes too. One undo step brings everything
        back."""
        doc_id, doc_name = self.store.documents.find(doc)
        c = self.store.codes.find(code) if code is not None else None
        named = f"'{c.path}'" if c is not None else "any code"
        s = e = None
        if any(v is not None for v in (start, end, unit, turn)):
            s, e = self.resolve_span(doc_id, start=start, end=end, unit=unit, turn=turn, doc_name=doc_name)
        coder_id = None if all_coders else self.session.existing_coder_id(coder)
        if coder_id is None and not all_coders:  # an unknown coder coded nothing: nothing is written
            raise NothingToDo(f"no coding of {named} there in {doc_name} by coder "
                              f"{self.session.resolve_coder(coder)}", hint="see `sto-qual coders`")

        def found(who: int | None) -> list[int]:
            return self.store.codings.find(doc_id, c.id if c is not None else None, who, s, e)
        ids = found(coder_id)
        if not ids:
            # a colleague's coding there is not taken without asking, but said (the command seemed
            # to find nothing where `codings` listed one)
            theirs = [] if all_coders else found(None)
            if theirs:
                names = sorted({self.store.codings.get(i).coder for i in theirs})
                acting = self.session.resolve_coder(coder)
                agreed = (self.store.settings.get(AGREED_SETTING) or {}).get(acting)
                raise NothingToDo(f"no coding of {named} there in {doc_name} by {acting}; "
                                  f"{', '.join(names)} {'has' if len(names) == 1 else 'have'} "
                                  f"{'one' if len(theirs) == 1 else len(theirs)} there",
                                  # an agreed coding changes only its own codings: its sources' stay
                                  # (`uncode --id N`, run with its --coder, was refused)
                                  hint=f"{acting} is the agreed coding made from them: it leaves their codings as "
                                       "they are, and has none there to take off" if isinstance(agreed, dict) and
                                  set(n.casefold() for n in names) <= {n.casefold() for n in agreed.get("from", ())}
                                  else "--all-coders removes theirs too; `sto-qual uncode --id "
                                       f"{theirs[0]}` removes one by its id")
            raise NothingToDo(f"no coding of {named} there in {doc_name}", hint="see `sto-qual codings`")
        text = self.session.text(doc_id)
        rows = {cid: self.store.codings.row(cid) for cid in ids}
        plan = {cid: ([] if s is None or e is None else left_over(text, r["start"], r["end"], s, e))
                for cid, r in rows.items()}
        for code_id in {r["code_id"] for r in rows.values()}:  # (every code's: --all-codes)
            mine = {cid: r for cid, r in rows.items() if r["code_id"] == code_id}
            self._refuse_twins(doc_id, code_id, mine, {cid: plan[cid] for cid in mine})
        coder_name = self.session.resolve_coder(coder)
        if all_coders:  # --all-coders as an agreed coding: not its two coders' codings
            names = self.store.coders.names()
            refuse_source_change(self.store, coder_name, [(cid, names.get(r["coder_id"], "")) for cid, r in rows.items()],
                                 doc_name, c.path if c is not None else "",
                                 (s, e) if s is not None else None)
        befores = {cid: self.store.codings.get(cid) for cid in ids}
        kept: dict[int, list[int]] = {}
        with self.store.transaction():
            my_id = self.session.coder_id(coder_name)
            actions = []
            for cid, row in rows.items():
                where = {"doc": doc_name, "code": self.store.codes.by_id(row["code_id"]).path}
                if not plan[cid]:
                    self.store.codings.delete_row(cid)
                    actions.append(history.removed(doc_id, row))
                    self.store.audit.record("remove", "coding", cid, coder_name, where)
                    continue
                (ks, ke), *rest = plan[cid]
                fields = {"start": ks, "end": ke, "words": self.session.words(doc_id, ks, ke)}
                self.store.codings.update_row(cid, **fields)
                actions.append(history.updated(doc_id, cid, {k: row[k] for k in fields}, fields))
                self.store.audit.record("trim", "coding", cid, coder_name,
                                        {**where, "before": [row["start"], row["end"]], "after": [ks, ke]})
                kept[cid] = [cid]
                for ps, pe in rest:
                    new = self.store.codings.insert_once(
                        document_id=doc_id, code_id=row["code_id"], coder_id=row["coder_id"], start=ps, end=pe,
                        words=self.session.words(doc_id, ps, pe), memo=row["memo"], origin=row["origin"],
                        starred=bool(row["starred"]), created_at=row["created_at"])
                    if not new.added:  # coded meanwhile in another window: write nothing
                        raise StaleChange(f"what is left of coding #{cid} ({ps}-{pe}) was coded meanwhile; "
                                          "nothing was changed", hint="try again")
                    actions.append(history.added(doc_id, self.store.codings.row(new.id)))
                    self.store.audit.record("add", "coding", new.id, coder_name,
                                            {**where, "start": ps, "end": pe, "split_from": cid})
                    kept[cid].append(new.id)
            self.store.history.push(my_id, history.one_step(actions))
        return [Uncoded(befores[cid], tuple(self.store.codings.get(k) for k in kept.get(cid, ()))) for cid in ids]

    def _refuse_twins(self, doc_id: int, code_id: int, rows: dict[int, dict[str, Any]],
                      plan: dict[int, list[tuple[int, int]]]) -> None:
        """Refuse (before writing) when a part left over would be the same coding (coder, code,
        span) as another coding that stays or another part left over."""
        taken: dict[tuple[int, int, int], int] = {}
        for other in self.store.codings.find(doc_id, code_id, None):
            if other not in rows:
                r = self.store.codings.row(other)
                taken[(r["coder_id"], r["start"], r["end"])] = other
        for cid, pieces in plan.items():
            for ps, pe in pieces:
                twin = taken.setdefault((rows[cid]["coder_id"], ps, pe), cid)
                if twin != cid:
                    raise SpanError(f"what is left of coding #{cid} ({ps}-{pe}) is coded already as #{twin}; "
                                    "nothing was changed",
                                    hint=f"remove #{cid} whole with `sto-qual uncode --id {cid}`, "
                                         f"or change it with `sto-qual resize {cid}`")

    def update(self, coding_id: int, coder: str | None, verb: str, document: int | None = None,
               **fields: Any) -> Coding:
        """Change fields of a coding (one undo step); with ``document``, refused unless the
        coding is in that document."""
        row = self.store.codings.row(coding_id)
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}", hint="see `sto-qual codings`")
        if document is not None and row["document_id"] != document:
            raise StaleChange(f"coding #{coding_id} is not in this document any more; nothing was changed",
                              hint="reload the document")
        coder_name = self.session.resolve_coder(coder)
        owner = self.store.codings.get(coding_id)
        refuse_source_change(self.store, coder_name, [(coding_id, owner.coder)], owner.doc)
        before = {k: row[k] for k in fields}
        if before == fields:
            return self.store.codings.get(coding_id)
        with self.store.transaction():
            coder_id = self.session.coder_id(coder_name)
            self.store.codings.update_row(coding_id, **fields)
            self.store.history.push(coder_id, history.updated(row["document_id"], coding_id, before, fields))
            self.store.audit.record(verb, "coding", coding_id, coder_name, {"before": before, "after": fields})
        return self.store.codings.get(coding_id)

    def set_memo(self, coding_id: int, memo: str | None, coder: str | None = None,
                 document: int | None = None, expected: str | None | object = ANY_MEMO) -> Coding:
        """Write a coding's memo; ``expected``: the memo the editor opened with, refused
        (MemoChanged, nothing written) when the stored one is another by now."""
        memo = strip_controls(memo) or None
        if expected is not ANY_MEMO:
            with self.store.transaction():  # read and written under one lock: no save between them
                row = self.store.codings.row(coding_id)
                if row is not None and row["memo"] != memo and not same_memo(row["memo"], expected):
                    raise MemoChanged(f"the memo on coding #{coding_id}", row["memo"])
                return self.update(coding_id, coder, "memo", document, memo=memo)
        return self.update(coding_id, coder, "memo", document, memo=memo)

    def star(self, coding_id: int, starred: bool = True, coder: str | None = None,
             document: int | None = None) -> Coding:
        return self.update(coding_id, coder, "star" if starred else "unstar", document, starred=int(starred))

    def recode(self, coding_id: int, code: str, coder: str | None = None, document: int | None = None) -> Coding:
        """Give a coding another code, its span, memo and star kept (one undo step): a code split in two had
        its passages coded anew and the old codings removed, their memos and stars with them. Refused where
        the coder has the new code on part of the passage already (it would be coded twice)."""
        row, new = self.store.codings.row(coding_id), self.store.codes.find(code)
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}", hint="see `sto-qual codings`")
        if row["code_id"] == new.id:
            raise NothingToDo(f"coding #{coding_id} has the code {new.path} already; nothing was changed")
        with self.store.transaction():  # looked for and changed under one lock: no coding of it in between
            there = self.store.codings.find(row["document_id"], new.id, row["coder_id"], row["start"], row["end"])
            if there:
                raise SpanError(f"{self.store.codings.get(coding_id).coder} has {new.path} on this passage already "
                                f"(#{there[0]}); nothing was changed", hint=f"widen that one (`sto-qual resize "
                                f"{there[0]}`) and remove #{coding_id} (`sto-qual uncode {coding_id}`), after copying "
                                "its memo or star")
            return self.update(coding_id, coder, "recode", document, code_id=new.id)

    def resize(self, coding_id: int, *, start: int | None = None, end: int | None = None,
               snap: bool = False, shrink: bool = False, coder: str | None = None) -> Coding:
        """Change a coding's span; with ``snap``, extend it to the whole sentences it touches;
        with ``shrink``, reduce it to the whole sentences inside it."""
        if snap and shrink:
            raise SpanError("give --snap or --shrink, not both")
        if start is None and end is None and not (snap or shrink):
            raise NothingToDo("nothing to change: give --start/--end, --snap or --shrink")
        row = self.store.codings.row(coding_id)
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}")
        s = row["start"] if start is None else start
        e = row["end"] if end is None else end
        doc_id = row["document_id"]
        check_span(s, e, len(self.session.text(doc_id)))
        units = [(u.start, u.end) for u in self.store.transcripts.units(doc_id)] if (snap or shrink) else []
        if snap:
            s, e = snap_to_units(s, e, units)
        elif shrink:
            inner = shrink_to_units(s, e, units)
            if inner is None:
                raise SpanError(f"coding {coding_id} holds no whole sentence", hint="use --snap to extend it")
            s, e = inner
        return self.update(coding_id, coder, "resize", start=s, end=e, words=self.session.words(doc_id, s, e))

    # ----------------------------------------------------------------- reads
    def codings(self, *, doc: str | int | None = None, code: str | None = None, coder: str | None = None,
                starred: bool | None = None, include_subcodes: bool = True) -> list[Coding]:
        doc_id = self.store.documents.find(doc)[0] if doc is not None else None
        code_ids = self.codebook.subtree_ids(code, include_subcodes) if code is not None else None
        coder_id = self.session.coder_filter(coder)
        return self.store.codings.all(doc_id=doc_id, code_ids=code_ids, coder_id=coder_id, starred=starred)

    def coding_tuples(self, *, code: str | None = None, coder: str | None = None,
                      starred: bool | None = None, doc: str | int | None = None, columns: bool = False) -> list:
        """Like ``codings`` but plain tuples (id, document_id, doc, code, start, end, text, coder,
        memo, origin, starred, created_at), for exports over tens of thousands of codings; with
        ``columns``, the columns of those tuples."""
        if columns and doc is None and code is None and coder is None:  # the whole project: the bulk read
            from sto_qual.store.segment_reads import coded_segment_columns
            return coded_segment_columns(self.store, starred=starred)
        doc_ids = [self.store.documents.find(doc)[0]] if doc is not None else None
        code_ids = self.codebook.subtree_ids(code) if code is not None else None
        coder_id = self.session.coder_filter(coder)
        return self.store.codings.all(doc_ids=doc_ids, code_ids=code_ids, coder_id=coder_id, starred=starred,
                                      columns=columns)
