"""Synthesis: the summary grid (interviews x codes) and theme summaries, drafted offline and
deterministically from the codings and memos, stored, edited and reviewed.

Contract:
- a *cell* is one interview x one code (a theme column includes its sub-codes). Its
  passages are the coded spans there (a span coded by several coders counts once). Its
  draft is the one or two sentences that carry the most (cosine centrality over tf-idf of
  content lemmas against all the code's passages), cleaned for reading, plus the memos on
  those passages.
- a *theme summary* (a top-level code) holds lead sentences per sub-code in order of
  prevalence, key points per sub-code (passages grouped by distinctive terms, weighted
  log-odds against the other codes' passages) and contrasts (declared opposing codes;
  attribute groups whose shares differ by at least 40 points).
- status: "empty" (no text), "draft" (machine-written), "reviewed" (a person set or
  accepted it), "outdated" (reviewed, but the codings under it changed since: ``changes``
  says which). Drafting never overwrites reviewed text.
- set/accept/clear are audited and undoable (the coder's undo history); drafting is neither
  (a draft can always be made again).
- the same project gives byte-identical drafts.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from sto_qual.domain.anonymise import cut_contact_details
from sto_qual.domain import drafting as d
from sto_qual.domain.quote_selection import opens_without_referent
from sto_qual.services.synthesis_corpus import Corpus
from sto_qual.services.synthesis_drafting import (ATTRIBUTE_GAP, DOCS_PER_POINT, MAX_POINTS,  # noqa: F401
                                                  MERGE_OVERLAP, MIN_GROUP, MIN_POINT_REGIONS, MIN_TERM_Z,
                                                  SINGLE_TERM_REGIONS, ThemeDrafting)
from sto_qual.services.synthesis_edits import (SummaryChanged, SummaryEdits, SynthesisError,  # noqa: F401
                                              apply_history, put_summary)
from sto_qual.services.synthesis_leave_out import SummaryLeaveOut
from sto_qual.services.synthesis_rows import keep_reviewed, theme_text  # noqa: F401
from sto_qual.services.synthesis_state import ThemeState, same_groups  # noqa: F401

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.synthesis import ThemeSummary
    from sto_qual.services.project import Project

GLYPHS = {"empty": "·", "draft": "◌", "reviewed": "●", "outdated": "◐"}


class SynthesisService(ThemeDrafting, ThemeState, SummaryEdits, SummaryLeaveOut):
    """The synthesis use cases over one project (one per Workspace, so its corpus is read once)."""

    def __init__(self, ws: Project) -> None:
        self.ws = ws
        self.store = ws.store
        self.sums = ws.store.summaries
        self._corpus: Corpus | None = None
        self._corpus_key: tuple | None = None
        self._part: tuple[tuple, Corpus] | None = None  # (key, corpus) of part_summary

    # ------------------------------------------------------------- corpus
    def _version(self) -> tuple[int, int]:
        """Changes to the project's codings, here or in another process (summary writes excluded)."""
        conn = self.store.conn
        return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes - self._own_changes

    def corpus(self) -> Corpus:
        """The drafting corpus, rebuilt when the project changed (here or in another process):
        the interviews the chapter counts (``scope``)."""
        scope = self.scope()
        key = (self._version(), scope)
        if self._corpus is None or key != self._corpus_key:
            self._corpus = Corpus(self.ws, scope)
            self._corpus_key = key
        return self._corpus

    def scope(self) -> frozenset[int] | None:
        """The interviews the drafts are about: every one (None), unless the reference coder is
        an agreed coding of only some of them, the chapter's part then (``report_parts.coder_part``):
        a lead reviewed over all nineteen ("in een paar regio's (2 van 19)") was not what the
        chapter printed, which drafted afresh over the six and left the reviewed text out unsaid."""
        part = self.ws.agreed.part(self.ws.counting_coder())
        return frozenset(self.ws.analysis_service.doc_ids({"doc": ",".join(part)})) if part else None

    _own_changes = 0  # summary writes do not invalidate the corpus (they change no coding)

    def part_summary(self, theme: str, doc_ids, lang: str = "nl") -> ThemeSummary:
        """A fresh draft of the theme over some of the interviews (a chapter on part of them,
        ``--where``), with its unspoken points. Never stored: what a person wrote or accepted
        speaks of every interview."""
        part = frozenset(doc_ids)
        key = (self._version(), part)  # never the whole project's corpus: only the part is read
        if self._part is None or self._part[0] != key:
            self._part = (key, Corpus(self.ws, part))
        corpus = self._part[1]
        top = self._theme_tops(corpus, theme)[0]
        return self.draft_theme(corpus, top.path, lang=lang)

    def _after_own_write(self, before: int) -> None:
        self._own_changes += self.store.conn.total_changes - before

    def _total(self, corpus: Corpus) -> int:
        return len(corpus.docs)

    def _column(self, corpus: Corpus, ref: str) -> str:
        code = self.store.codes.find(ref)
        if code.path not in corpus.by_path:  # pragma: no cover - a code added meanwhile
            raise SynthesisError(f"unknown code '{ref}'")
        return code.path

    def _wording(self, n: int, total: int) -> str:
        return self.ws.wording(n, total)

    # --------------------------------------------------------------- cells
    def draft_cell(self, corpus: Corpus, doc_id: int, path: str) -> dict[str, Any] | None:
        """The drafted cell (text, passages, basis), or None when the cell has no passages."""
        spans = corpus.spans_in(path, doc_id)
        if not spans:
            return None
        cands = []
        score = corpus.score
        for k, sp in enumerate(spans):
            for ui, s, e in sp.sentences:
                cands.append((-score(ui, path), s, e, k, ui))
        text = corpus.text(doc_id)
        chosen: list[tuple] = []
        if cands:
            # the most central sentence first, but one that stands on its own ("Die zoeken
            # allemaal mensen" opened a cell whose "die" was in the sentence before) when there is one
            cands.sort(key=lambda c: (opens_without_referent(text[c[1]:c[2]]), c))
            chosen = [cands[0]]
            seen = {cands[0][4]}  # a sentence covered by two coders' passages is one sentence
            for c in cands[1:]:
                if c[4] in seen:
                    continue
                if len(cands) >= 3 and -c[0] >= 0.6 * -cands[0][0] > 0:
                    chosen.append(c)
                break
            # a sentence that leans on the one before it ("En die zoeken allemaal mensen") brings
            # that sentence along when the passage holds it
            for c in list(chosen):
                if opens_without_referent(text[c[1]:c[2]]):
                    before = [(0.0, s, e, c[3], ui) for ui, s, e in spans[c[3]].sentences if ui == c[4] - 1]
                    if before and before[0][4] not in {x[4] for x in chosen}:
                        chosen.append(before[0])
            chosen.sort(key=lambda c: c[1])
            # sentences that follow each other are read as one run; two runs are two places in
            # the interview, with "…" between them, so the cell does not read as one remark
            runs: list[list[tuple]] = []
            for c in chosen:
                if runs and c[4] == runs[-1][-1][4] + 1:
                    runs[-1].append(c)
                else:
                    runs.append([c])
            # (a phone number a passage cuts is its placeholder, not a piece of it: the grid's cells are exported)
            parts = [d.clean_sentence(cut_contact_details(text, run[0][1], run[-1][2])) for run in runs]
        else:  # a span inside no sentence unit (a document without units): its own text
            sp = spans[0]
            parts = [d.clean_sentence(cut_contact_details(text, sp.start, sp.end))]
        # a run that opens with a left-out filler ("… de nieuwe docent") already shows the gap
        body = "".join(("" if not i else " " if p.startswith(d.ELLIPSIS) else f" {d.ELLIPSIS} ") + p
                       for i, p in enumerate(p for p in parts if p))
        memos: list[str] = []
        for k in sorted({c[3] for c in chosen} or {0}):
            for m in spans[k].memos:
                if m not in memos:
                    memos.append(m)
        if memos:
            body += "\n" + "\n".join(f"Memo: {m}" for m in memos)
        basis = corpus.basis(path, doc_id)
        return {"text": body, "passages": corpus.cell_ids(path, doc_id), "basis": basis,
                "fingerprint": d.fingerprint(basis)}

    def _cell_state(self, corpus: Corpus, row: dict[str, Any] | None, doc_id: int, path: str) -> dict[str, Any]:
        basis = corpus.basis(path, doc_id)
        if row is not None and row["status"] == "draft" and row["fingerprint"] != d.fingerprint(basis):
            # a draft whose codings changed reads as drafted today (not stored); none when
            # nothing is coded there any more. Reviewed text is kept and reads as outdated.
            fresh = self.draft_cell(corpus, doc_id, path) if basis else None
            row = {**row, **fresh} if fresh is not None else None
        status = "empty"
        changes: dict[str, list[int]] = {}
        if row is not None and row["text"]:
            status = row["status"]
            if status == "reviewed" and row["fingerprint"] != d.fingerprint(basis):
                changes = d.basis_changes(row["basis"], basis)
                status = "outdated" if any(changes.values()) else status
        passages = corpus.cell_ids(path, doc_id) or sorted({b[0] for b in basis})
        # a passage is one span, named by its first coding; two sub-codes on one span are one
        # passage and two codings (a script reading only `passages` missed the second)
        codings = [b[0] for b in sorted(basis, key=lambda b: (b[1], b[2], b[0]))]
        return {"document": corpus.doc_name[doc_id], "code": path, "status": status,
                "summary": row["text"] if row else "", "passages": passages, "codings": codings,
                "author": row["author"] if row else None, "updated_at": row["updated_at"] if row else None,
                "changes": changes, "glyph": GLYPHS[status]}

    def reviewed_now_outdated(self, doc_id: int, code: str) -> list[str]:
        """The reviewed summaries a change to the codings of ``code`` in document ``doc_id`` left
        outdated: the cell ("R10 × …/impact") and its theme ("the theme financieringsonzekerheid")
        when a person reviewed them or a sentence of the theme. Read only when one is stored
        (`uncode` said nothing of the summary that rested on the passage)."""
        c = self.store.codes.find(code)
        theme = c.path.split("/")[0]
        cell = self.sums.cell(doc_id, c.id)
        status, done, _of = self.stored_theme_progress(theme)
        mine = status == "reviewed" or done > 0
        if not mine and not (cell and cell["status"] == "reviewed"):
            return []
        corpus = self.corpus()
        out = []
        if cell and cell["status"] == "reviewed" and \
                self._cell_state(corpus, cell, doc_id, c.path)["status"] == "outdated":
            out.append(f"the cell {corpus.doc_name[doc_id]} × {c.path}")
        if mine and self.theme_progress_now(theme)[0] == "outdated":
            out.append(f"the theme {theme}")
        return out

    def grid(self, codes: list[str] | None = None, where: dict[str, str] | None = None,
             anonymised: bool = False) -> list[dict[str, Any]]:
        """Every interview x code cell (rows in interview order, codes in tree order):
        ``document``, ``code``, ``status``, ``summary``, ``passages`` (coding ids), plus
        ``author``, ``updated_at``, ``changes`` (for outdated cells). ``anonymised``: the
        summaries through the pseudonym list, as every export (the `grid` command; F9 reads them
        verbatim)."""
        corpus = self.corpus()
        paths = self._paths(corpus, codes)
        doc_ids = [x for x, _n in corpus.docs]
        if where:
            keep = set(self.ws.analysis_service.doc_ids(where))
            doc_ids = [x for x in doc_ids if x in keep]
        stored = self.sums.cells()
        out = []
        for doc_id in doc_ids:
            for path in paths:
                row = stored.get((doc_id, corpus.by_path[path].id))
                out.append(self._cell_state(corpus, row, doc_id, path))
        if anonymised:
            anon = self.ws.anonymiser()
            out = [{**r, "summary": anon(r["summary"] or "")} for r in out]
        return out

    def _paths(self, corpus: Corpus, codes: list[str] | None) -> list[str]:
        if not codes:
            return [c.path for c in corpus.codes]
        wanted = []
        for ref in codes:
            path = self._column(corpus, ref)
            if path not in wanted:
                wanted.append(path)
        return [c.path for c in corpus.codes if c.path in wanted]

    def cell(self, doc: str | int, code: str) -> dict[str, Any]:
        """One cell with its passages (``evidence``: id, turn, speaker, role, text, memo)."""
        corpus = self.corpus()
        doc_id, _name = self.store.documents.find(doc)
        path = self._column(corpus, code)
        row = self.sums.cell(doc_id, corpus.by_path[path].id)
        out = self._cell_state(corpus, row, doc_id, path)
        out["evidence"] = self._evidence(corpus, doc_id, path)
        draft = self.draft_cell(corpus, doc_id, path)
        out["draft"] = draft["text"] if draft else ""
        return out

    def _evidence(self, corpus: Corpus, doc_id: int, path: str) -> list[dict[str, Any]]:
        turns = self.sums.turn_table(doc_id)
        starts = [t[1] for t in turns]
        roles = self.store.roles.map()
        name = corpus.doc_name[doc_id]
        text = corpus.text(doc_id)
        out: list[dict[str, Any]] = []
        for sp in corpus.spans_in(path, doc_id):
            last = out[-1] if out else None
            if last is not None and sp.start < last["end"]:  # overlapping passages (two coders): one
                last["ids"].append(corpus.coding_id(sp, path))
                last["end"] = max(last["end"], sp.end)
                last["text"] = text[last["start"]:last["end"]]
                memos = [m for m in sp.memos if m not in (last["memo"] or "").split("\n")]
                if memos:
                    last["memo"] = "\n".join(x for x in [last["memo"], *memos] if x)
                continue
            i = bisect.bisect_right(starts, sp.start) - 1
            speaker = turns[i][3] if i >= 0 else None
            out.append({"id": corpus.coding_id(sp, path), "ids": [corpus.coding_id(sp, path)],
                        "start": sp.start, "end": sp.end,
                        "turn": turns[i][0] + 1 if i >= 0 else None, "speaker": speaker,
                        "role": self.store.roles.role_for(roles, name, speaker), "text": text[sp.start:sp.end],
                        "memo": "\n".join(sp.memos) or None,
                        "codes": sorted(corpus.by_id[c].path for c in sp.ids if c in corpus.by_id)})
        for e in out:  # a passage that runs on into the next turns: each turn's words under its speaker
            k = bisect.bisect_right(starts, e["start"]) - 1
            e["turns"] = [{"turn": turns[j][0] + 1, "speaker": turns[j][3],
                           "role": self.store.roles.role_for(roles, name, turns[j][3]),
                           "text": text[max(e["start"], starts[j]):min([e["end"], *starts[j + 1:j + 2]])].strip()}
                          for j in range(max(k, 0), len(turns)) if starts[j] < e["end"]]
        return out

    # ------------------------------------------------------------- summarize
    def summarize(self, theme: str | None = None, redraft: bool = False) -> dict[str, Any]:
        """Draft every cell and theme (of ``theme``) that has no text or whose draft is stale;
        with ``redraft`` every draft again. Reviewed text is never overwritten (it reads as
        outdated when its codings changed). Returns counts."""
        from sto_qual.store.connection import now
        corpus = self.corpus()
        tops = self._theme_tops(corpus, theme)
        top_paths = {t.path for t in tops}
        paths = [c.path for c in corpus.codes if c.path.split("/")[0] in top_paths]
        stored = self.sums.cell_states([corpus.by_path[p].id for p in paths])
        counts = {"cells_drafted": 0, "cells_unchanged": 0, "cells_reviewed": 0, "cells_outdated": 0,
                  "themes_drafted": 0, "themes_unchanged": 0, "themes_reviewed": 0, "themes_outdated": 0}
        stamp = now()
        author = "sto_qual"
        rows: list[dict[str, Any]] = []
        drop: list[tuple[int, int]] = []
        need = {sp.doc for sp in corpus.spans} if theme is None else \
            {sp.doc for p in paths for sp in corpus.spans_of(p)}
        corpus.load_texts(sorted(need))
        for path in paths:
            code_id = corpus.by_path[path].id
            docs = sorted({sp.doc for sp in corpus.spans_of(path)}, key=lambda x: corpus.doc_pos.get(x, 0))
            for doc_id in docs:
                state = stored.get((doc_id, code_id))
                if state is not None and state[0] == "reviewed":
                    fresh = state[1] == d.fingerprint(corpus.basis(path, doc_id))
                    counts["cells_reviewed" if fresh else "cells_outdated"] += 1
                    continue
                if state is not None and not redraft and state[1] == d.fingerprint(corpus.basis(path, doc_id)):
                    counts["cells_unchanged"] += 1
                    continue
                draft = self.draft_cell(corpus, doc_id, path)
                if draft is None:  # pragma: no cover - docs come from the spans
                    continue
                rows.append({"document_id": doc_id, "code_id": code_id, "status": "draft", "author": author,
                             "updated_at": stamp, **draft})
            have = set(docs)
            for (doc_id, cid), state in stored.items():
                if cid == code_id and state[0] == "draft" and doc_id not in have:
                    drop.append((doc_id, cid))  # a draft that rests on nothing any more
        theme_rows, stamped = [], []  # stamped: stored before their groups were kept with them
        redrafted_outdated = 0
        drop_themes = []
        for top in tops:
            row = self.sums.theme(top.id)
            if not corpus.spans_of(top.path):  # nothing coded: nothing to draft (a stale draft goes)
                if row is not None and row["status"] == "draft":
                    drop_themes.append(top.id)
                continue
            basis_fp = d.fingerprint(corpus.basis(top.path))
            if row is not None and row["status"] == "reviewed":
                # (outdated also when the interviews it counted over changed, not only its codings)
                counts["themes_reviewed" if self._theme_status(corpus, top, row)[0] == "reviewed"
                       else "themes_outdated"] += 1
                continue
            # a draft with an empty lead sentence (drafted before such a lead kept the theme's own
            # sentence) is drafted again: it printed a blank paragraph
            if (row is not None and not redraft and row["fingerprint"] == basis_fp and same_groups(row, corpus)
                    and all(str(s).strip() for s in row.get("lead") or ())):
                counts["themes_unchanged"] += 1
                if row.get("groups") is None:
                    stamped.append({**row, "groups": corpus.groups})
                continue
            fresh = self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", author)
            theme_rows.append(keep_reviewed(row, fresh) if row is not None else fresh)
            if self._theme_status(corpus, top, theme_rows[-1])[0] == "outdated":
                counts["themes_outdated"] += 1  # a sentence a person accepted rests on changed codings
                redrafted_outdated += 1  # counted once, as outdated (the counts add up to the themes)
        before = self.store.conn.total_changes
        with self.store.transaction():
            self.sums.put_cells(rows)
            for key in drop:
                self.sums.delete_cell(*key)
            for r in theme_rows:
                r["updated_at"] = stamp
                self.sums.put_theme(r)
            for r in stamped:  # the same text, its groups noted: a later change of them is seen
                self.sums.put_theme(r)
            for code_id in drop_themes:
                self.sums.delete_theme(code_id)
            counts["cells_drafted"] = len(rows)
            counts["themes_drafted"] = len(theme_rows) - redrafted_outdated
            self.store.audit.record("summarize", "synthesis", None, self.ws.resolve_coder(),
                                    {"theme": theme, "redraft": redraft, **counts})
        self._after_own_write(before)
        return counts

    # -------------------------------------------------------------- exports
    def summary_table(self, lang: str = "nl") -> tuple[list[str], list[list[str]], int]:
        """MAXQDA's Summary Table: rows interviews, columns attributes then codes (cells with
        text only), anonymised. Returns (header, rows, the number of code columns: the last)."""
        corpus = self.corpus()
        anon = self.ws.anonymiser()
        stored = self.sums.cells()
        used = sorted({cid for (_doc, cid), r in stored.items() if r["text"]},
                      key=lambda cid: [c.id for c in corpus.codes].index(cid) if cid in corpus.by_id else 0)
        codes = [corpus.by_id[cid] for cid in used if cid in corpus.by_id]
        keys: list[str] = []
        for doc_id, _n in corpus.docs:
            for k in corpus.attrs.get(doc_id, {}):
                if k not in keys:
                    keys.append(k)
        lm = self.ws.report_settings.label_map(lang)
        # attribute labels ("regiotype"), never keys ("region_type"), as the chapter's captions
        header = ["interview", *[lm.attribute(k) for k in keys], *[corpus.label(c.path) for c in codes]]
        rows = []
        for doc_id, name in corpus.docs:
            a = corpus.attrs.get(doc_id, {})
            row = [anon(name), *[anon(str(a.get(k, "") if a.get(k) is not None else "")) for k in keys]]
            for c in codes:
                # as `grid` and F9 read it: a draft whose codings changed since is drafted again (the
                # export printed the text of a passage uncoded since, in a cell `grid` listed as empty)
                cell = self._cell_state(corpus, stored.get((doc_id, c.id)), doc_id, c.path)
                text = cell["summary"] or ""
                if cell["status"] == "draft" and text:
                    text = "[concept] " + text
                row.append(anon(text))
            rows.append(row)
        return header, rows, len(codes)


