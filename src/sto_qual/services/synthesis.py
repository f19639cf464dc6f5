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
import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.synthesis import Contrast, SummaryPoint, ThemeSummary
from sto_qual.services.synthesis_corpus import Corpus
from sto_qual.store.summaries import SummaryStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.workspace import Workspace

# The point parameters below were chosen on the sample corpus against its reference synthesis
# (bench/synthesis_quality.py); the results sit on a plateau of neighbouring settings.
MAX_POINTS = 4            # key points per sub-code
MIN_POINT_REGIONS = 2     # a point is made in at least this many interviews
MIN_TERM_Z = 1.96         # distinctive terms: weighted log-odds z-score at least this
MERGE_OVERLAP = 0.5       # a term joins a point when half its passages are its first term's
MERGE_UNION = True        # ... and brings its passages along
UNION_GROWTH = 1.5        # ... unless it has many more passages than the point
DOCS_PER_POINT = 3        # at most 1 + interviews // this points per sub-code
SINGLE_TERM_REGIONS = 6   # a point resting on one term needs this many interviews
ATTRIBUTE_GAP = 0.40      # attribute contrast: shares differ by at least 40 points
MIN_GROUP = 3             # ... between groups of at least 3 interviews
SKIP_ATTRIBUTES = {"region", "date", "file", "interviewer", "source_file", "created", "name"}
GLYPHS = {"empty": "·", "draft": "◌", "reviewed": "●", "outdated": "◐"}


class SynthesisError(StoQualError):
    pass


class SynthesisService:
    """The synthesis use cases over one Workspace."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.store = ws.store
        self.sums = SummaryStore(ws.store)
        self._corpus: Corpus | None = None
        self._corpus_key: tuple | None = None

    # ------------------------------------------------------------- corpus
    def corpus(self) -> Corpus:
        """The drafting corpus, rebuilt when the project changed (here or in another process)."""
        conn = self.store.conn
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes - self._own_changes)
        if self._corpus is None or key != self._corpus_key:
            self._corpus = Corpus(self.ws)
            self._corpus_key = key
        return self._corpus

    _own_changes = 0  # summary writes do not invalidate the corpus (they change no coding)

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
            cands.sort()
            chosen = [cands[0]]
            seen = {cands[0][4]}  # a sentence covered by two coders' passages is one sentence
            for c in cands[1:]:
                if c[4] in seen:
                    continue
                if len(cands) >= 3 and -c[0] >= 0.6 * -cands[0][0] > 0:
                    chosen.append(c)
                break
            chosen.sort(key=lambda c: c[1])
            parts = [d.clean_sentence(text[s:e]) for _sc, s, e, _k, _ui in chosen]
        else:  # a span inside no sentence unit (a document without units): its own text
            sp = spans[0]
            parts = [d.clean_sentence(text[sp.start:sp.end])]
        body = " ".join(p for p in parts if p)
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
        status = "empty"
        changes: dict[str, list[int]] = {}
        if row is not None and row["text"]:
            status = row["status"]
            if status == "reviewed" and row["fingerprint"] != d.fingerprint(basis):
                changes = d.basis_changes(row["basis"], basis)
                status = "outdated" if any(changes.values()) else status
        passages = corpus.cell_ids(path, doc_id) or sorted({b[0] for b in basis})
        return {"document": corpus.doc_name[doc_id], "code": path, "status": status,
                "summary": row["text"] if row else "", "passages": passages,
                "author": row["author"] if row else None, "updated_at": row["updated_at"] if row else None,
                "changes": changes, "glyph": GLYPHS[status]}

    def grid(self, codes: list[str] | None = None, where: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every interview x code cell (rows in interview order, codes in tree order):
        ``document``, ``code``, ``status``, ``summary``, ``passages`` (coding ids), plus
        ``author``, ``updated_at``, ``changes`` (for outdated cells)."""
        corpus = self.corpus()
        paths = self._paths(corpus, codes)
        doc_ids = [x for x, _n in corpus.docs]
        if where:
            keep = set(self.ws._doc_ids(where))
            doc_ids = [x for x in doc_ids if x in keep]
        stored = self.sums.cells()
        out = []
        for doc_id in doc_ids:
            for path in paths:
                row = stored.get((doc_id, corpus.by_path[path].id))
                out.append(self._cell_state(corpus, row, doc_id, path))
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
        return out

    # -------------------------------------------------------------- themes
    def draft_theme(self, corpus: Corpus, path: str) -> ThemeSummary:
        """The structured draft of one theme (a top-level code)."""
        top = corpus.by_path[path]
        total = self._total(corpus)
        children = [c for c in corpus.codes if c.parent == top.path]
        docs_of = {c.path: {sp.doc for sp in corpus.spans_of(c.path)} for c in [top, *children]}
        lead = []
        n_top = len(docs_of[top.path])
        if n_top:
            phrase = corpus.fields.get(top.id, ("", ()))[0] or d.fallback_phrase(corpus.label(top.path))
            lead.append(d.lead_sentence(phrase, self._wording(n_top, total), n_top, total))
        ranked = sorted(children, key=lambda c: (-len(docs_of[c.path]), c.position, c.path))
        for c in ranked:
            n = len(docs_of[c.path])
            if not n:
                continue
            phrase = corpus.fields.get(c.id, ("", ()))[0] or d.fallback_phrase(corpus.label(c.path))
            lead.append(d.lead_sentence(phrase, self._wording(n, total), n, total))
        points: list[SummaryPoint] = []
        groups = ranked + ([top] if any(top.id in sp.ids for sp in corpus.spans_of(top.path)) else [])
        for c in groups:
            points += self._points(corpus, c.path, direct_only=(c is top))
        contrasts = self._code_contrasts(corpus, [top, *children], docs_of, total)
        contrasts += self._attribute_contrasts(corpus, ranked, docs_of, total)
        return ThemeSummary(code=top.path, lead=tuple(lead), points=tuple(points), contrasts=tuple(contrasts),
                            status="draft")

    def _term_counts(self, spans) -> Counter:
        c: Counter = Counter()
        for sp in spans:
            c.update(sp.terms)
        return c

    def _points(self, corpus: Corpus, path: str, direct_only: bool = False) -> list[SummaryPoint]:
        code = corpus.by_path[path]
        ids = {code.id} if direct_only else corpus.rollup(path)
        target = [sp for sp in corpus.spans_of(path) if ids & sp.ids.keys()]
        if not target:
            return []
        all_terms = corpus.all_terms
        mine = self._term_counts(target)
        other = all_terms - mine
        z = d.weighted_log_odds(mine, other, all_terms)
        docs_with: dict[str, set[int]] = {}
        spans_with: dict[str, list[int]] = {}
        for k, sp in enumerate(target):
            for t in sp.terms:
                if z.get(t, 0) >= MIN_TERM_Z:
                    docs_with.setdefault(t, set()).add(sp.doc)
                    spans_with.setdefault(t, []).append(k)
        cands = sorted((t for t in docs_with if len(docs_with[t]) >= MIN_POINT_REGIONS and mine[t] >= 2),
                       key=lambda t: (-round(z[t] * math.log1p(len(docs_with[t])), 9), t))[:30]
        made: list[dict[str, Any]] = []
        for t in cands:
            ks = set(spans_with[t])
            best, best_overlap = None, 0.0
            for p in made:
                base = p["seed"]  # against the point's first term: no chains of merges
                overlap = len(ks & base) / min(len(ks), len(base))
                if overlap > best_overlap:
                    best, best_overlap = p, overlap
            if best is not None and best_overlap >= MERGE_OVERLAP:
                best["all"].append(t)
                if MERGE_UNION and len(ks) <= UNION_GROWTH * len(best["spans"]):
                    best["spans"] |= ks  # a related term widens the point, but never swallows it
                words = t.split()
                inside = [x for x in best["terms"] if x in words]
                if len(words) == 2 and inside:  # "vast contract" replaces "vast" and "contract"
                    best["terms"] = [t if x == inside[0] else x for x in best["terms"] if x not in inside[1:]]
                elif len(best["terms"]) < 3 and not any(set(words) & set(x.split()) for x in best["terms"]):
                    best["terms"].append(t)
                continue
            made.append({"terms": [t], "spans": ks, "seed": set(ks), "all": [t]})
        # drop points that are mostly another (earlier, stronger) point's passages
        kept: list[dict[str, Any]] = []
        n_docs = len({sp.doc for sp in target})
        room = min(MAX_POINTS, 1 + n_docs // DOCS_PER_POINT)
        for p in made:
            if any(len(p["spans"] & q["spans"]) >= 0.7 * len(p["spans"]) for q in kept):
                continue
            regions = {target[k].doc for k in p["spans"]}
            if len(p["all"]) < 2 and len(regions) < SINGLE_TERM_REGIONS:
                continue  # one word in a few interviews is not yet a point
            kept.append(p)
            if len(kept) >= room:
                break
        total = self._total(corpus)
        out = []
        for p in kept:
            terms = p["terms"]
            tset = set(terms)
            ranked = []
            for k in p["spans"]:
                sp = target[k]
                best_s = max(((len(tset & d.terms(corpus.unit_lemmas[ui])),
                               corpus.score(ui, path), -s, s, e)
                              for ui, s, e in sp.sentences), default=(0, 0.0, -sp.start, sp.start, sp.end))
                ranked.append((best_s[0], best_s[1], -corpus.doc_pos.get(sp.doc, 0), -sp.start, k, best_s))
            ranked.sort(reverse=True)
            lead_span = target[ranked[0][4]]
            _n, _c, _neg, s, e = ranked[0][5]
            evidence = " ".join(corpus.text(lead_span.doc)[s:e].split())
            regions = [corpus.doc_name[x] for x in sorted({target[k].doc for k in p["spans"]},
                                                          key=lambda x: corpus.doc_pos.get(x, 0))]
            n = len(regions)
            wording = self._wording(n, total)
            words = [t for t in terms]
            out.append(SummaryPoint(code=path, label=", ".join(words), regions=tuple(regions), wording=wording,
                                    evidence=evidence,
                                    references=tuple(corpus.coding_id(target[r[4]], path) for r in ranked),
                                    text=d.point_sentence(wording, n, total, words, corpus.label(path)),
                                    lemmas=tuple(p["all"][:10])))
        return out

    def _code_contrasts(self, corpus: Corpus, codes, docs_of, total: int) -> list[Contrast]:
        out = []
        for c in codes:
            for other in corpus.fields.get(c.id, ("", ()))[1]:
                if other not in corpus.by_path:
                    continue
                a = docs_of.get(c.path) or {sp.doc for sp in corpus.spans_of(c.path)}
                b = docs_of.get(other) or {sp.doc for sp in corpus.spans_of(other)}
                every = {x for x, _n in corpus.docs}
                only_a, only_b, both = len(a - b), len(b - a), len(a & b)
                neither = len(every - a - b)
                la, lb = corpus.label(c.path), corpus.label(other)
                # in the chapter's frequency words: "In de meeste regio's (12 van 19) komt alleen
                # ‘A’ voor, in een aantal regio's (4 van 19) alleen ‘B’ en in een paar beide."
                def said(n: int) -> str:
                    return d.regions_phrase(self._wording(n, total), n, total)
                parts = [f"in {said(n)} {what}" for n, what in
                         ((only_a, f"alleen ‘{la}’"), (only_b, f"alleen ‘{lb}’"), (both, "beide"),
                          (neither, "geen van beide")) if n]
                first, *rest = parts
                head, _sep, tail = first.partition(") ") if ") " in first else first.partition("'s ")
                parts = [f"{head}{_sep}noemt men {tail}", *rest]  # "In … (12 van 19) noemt men alleen ‘A’"
                text = (", ".join(parts[:-1]) + " en " + parts[-1] if len(parts) > 1 else parts[0]) + "."
                text = text[0].upper() + text[1:]
                out.append(Contrast(code=c.path, other=other, kind="codes", text=text,
                                    counts=(("only-one", only_a, total), ("only-other", only_b, total),
                                            ("both", both, total), ("neither", neither, total))))
        return out

    def _attribute_contrasts(self, corpus: Corpus, codes, docs_of, total: int) -> list[Contrast]:
        groups: dict[str, dict[str, set[int]]] = {}
        for doc_id, _n in corpus.docs:
            for key, value in corpus.attrs.get(doc_id, {}).items():
                if key in SKIP_ATTRIBUTES or value is None or value == "" or ";" in str(value):
                    continue
                groups.setdefault(key, {}).setdefault(str(value), set()).add(doc_id)
        out = []
        for key in sorted(groups):
            values = groups[key]
            if not 2 <= len(values) <= 8:
                continue
            big = {v: ds for v, ds in values.items() if len(ds) >= MIN_GROUP}
            if len(big) < 2:
                continue
            for c in codes:
                have = docs_of[c.path]
                if not have:
                    continue
                shares = sorted(((len(ds & have) / len(ds), v, len(ds & have), len(ds)) for v, ds in big.items()),
                                key=lambda x: (-x[0], x[1]))
                hi, lo = shares[0], shares[-1]
                if hi[0] - lo[0] < ATTRIBUTE_GAP - 1e-9:
                    continue
                text = (f"{corpus.label(c.path)}: vooral in {d.group_share(key, hi[1], hi[2], hi[3])}, "
                        + (f"niet in {d.group_name(key, lo[1])}." if lo[2] == 0 else
                           f"minder in {d.group_share(key, lo[1], lo[2], lo[3])}."))
                out.append(Contrast(code=c.path, other=key, kind="attribute", text=text,
                                    counts=tuple((v, n, of) for _s, v, n, of in shares)))
        return out

    # --------------------------------------------------------------- theme state
    def _theme_tops(self, corpus: Corpus, theme: str | None) -> list[Code]:
        tops = [c for c in corpus.codes if c.parent is None]
        if theme:
            path = self._column(corpus, theme).split("/")[0]
            tops = [c for c in tops if c.path == path]
        return tops

    def theme(self, theme: str, preview: bool = False) -> dict[str, Any]:
        """One theme's summary as JSON: ``code``, ``lead``, ``points`` (``label``, ``regions``,
        ``wording``, ``evidence``, ``references``, ``text``, ``lemmas``), ``contrasts``, ``status``,
        ``text``, ``author``, ``updated_at``, ``changes``. With ``preview``, a theme without a
        stored summary shows the draft it would get (its status stays "empty")."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        row = self.sums.theme(top.id)
        out = self._theme_json(corpus, top, row)
        if row is None and preview:
            draft = self.draft_theme(corpus, top.path)
            out.update(lead=list(draft.lead), points=[_point_json(p) for p in draft.points],
                       contrasts=[_contrast_json(c) for c in draft.contrasts])
        return out

    def stored_theme_status(self, theme: str) -> str:
        """What is stored for the theme without reading the drafting corpus: "empty", "draft" or
        "reviewed" (whether reviewed text is outdated is for ``theme_summary`` to say)."""
        row = self.sums.theme(self.ws.code(theme).id)
        return row["status"] if row else "empty"

    def theme_summary(self, theme: str) -> ThemeSummary:
        """The theme's synthesis for the report: the stored one (reviewed, outdated or draft),
        else a fresh draft (not stored)."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        row = self.sums.theme(top.id)
        if row is None:
            return self.draft_theme(corpus, top.path)
        return self._summary_from_row(top.path, row, self._theme_status(corpus, top, row)[0])

    def _summary_from_row(self, path: str, row: dict[str, Any], status: str) -> ThemeSummary:
        return ThemeSummary(code=path, lead=tuple(row["lead"]),
                            points=tuple(SummaryPoint(code=p["code"], label=p["label"], regions=tuple(p["regions"]),
                                                      wording=p["wording"], evidence=p["evidence"],
                                                      references=tuple(p["references"]), text=p.get("text", ""),
                                                      lemmas=tuple(p.get("lemmas", ())),
                                                      reviewed=bool(p.get("reviewed", False)))
                                         for p in row["points"]),
                            contrasts=tuple(Contrast(code=c["code"], other=c["other"], kind=c["kind"], text=c["text"],
                                                     counts=tuple(tuple(x) for x in c["counts"]))
                                            for c in row["contrasts"]),
                            status=status, text=row["text"])

    def _theme_status(self, corpus: Corpus, top: Code, row: dict[str, Any] | None) -> tuple[str, dict]:
        if row is None:
            return "empty", {}
        if row["status"] == "reviewed":
            basis = corpus.basis(top.path)
            if row["fingerprint"] != d.fingerprint(basis):
                changes = d.basis_changes(row["basis"], basis)
                if any(changes.values()):
                    return "outdated", changes
        return row["status"], {}

    def _theme_json(self, corpus: Corpus, top: Code, row: dict[str, Any] | None) -> dict[str, Any]:
        status, changes = self._theme_status(corpus, top, row)
        s = self._summary_from_row(top.path, row, status) if row else ThemeSummary(top.path, (), (), (), "empty")
        return {"code": top.path, "lead": list(s.lead), "points": [_point_json(p) for p in s.points],
                "contrasts": [_contrast_json(c) for c in s.contrasts], "status": status, "text": s.text,
                "author": row["author"] if row else None, "updated_at": row["updated_at"] if row else None,
                "changes": changes}

    def themes(self) -> list[dict[str, Any]]:
        corpus = self.corpus()
        stored = self.sums.themes()
        return [self._theme_json(corpus, top, stored.get(top.id)) for top in self._theme_tops(corpus, None)]

    def _theme_row(self, corpus: Corpus, top: Code, summary: ThemeSummary, status: str, author: str | None,
                   text: str = "") -> dict[str, Any]:
        from sto_qual.store.connection import now
        basis = corpus.basis(top.path)
        return {"code_id": top.id, "lead": list(summary.lead), "points": [_point_json(p) for p in summary.points],
                "contrasts": [_contrast_json(c) for c in summary.contrasts], "text": text, "status": status,
                "author": author, "updated_at": now(), "basis": basis, "fingerprint": d.fingerprint(basis)}

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
        theme_rows = []
        drop_themes = []
        for top in tops:
            row = self.sums.theme(top.id)
            if not corpus.spans_of(top.path):  # nothing coded: nothing to draft (a stale draft goes)
                if row is not None and row["status"] == "draft":
                    drop_themes.append(top.id)
                continue
            basis_fp = d.fingerprint(corpus.basis(top.path))
            if row is not None and row["status"] == "reviewed":
                counts["themes_reviewed" if row["fingerprint"] == basis_fp else "themes_outdated"] += 1
                continue
            if row is not None and not redraft and row["fingerprint"] == basis_fp:
                counts["themes_unchanged"] += 1
                continue
            fresh = self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", author)
            if row is not None and any(p.get("reviewed") for p in row["points"]):
                # points a person edited or accepted stay; the new draft's other points follow
                kept = [p for p in row["points"] if p.get("reviewed")]
                labels = {(p["code"], p["label"]) for p in kept}
                fresh["points"] = kept + [p for p in fresh["points"] if (p["code"], p["label"]) not in labels]
            theme_rows.append(fresh)
        before = self.store.conn.total_changes
        with self.sums.transaction():
            self.sums.put_cells(rows)
            for key in drop:
                self.sums.delete_cell(*key)
            for r in theme_rows:
                r["updated_at"] = stamp
                self.sums.put_theme(r)
            for code_id in drop_themes:
                self.sums.delete_theme(code_id)
            counts["cells_drafted"] = len(rows)
            counts["themes_drafted"] = len(theme_rows)
            self.store.audit.record("summarize", "synthesis", None, self.ws.resolve_coder(),
                                    {"theme": theme, "redraft": redraft, **counts})
        self._after_own_write(before)
        return counts

    # -------------------------------------------------- set / accept / clear
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

    def _record(self, kind: str, doc_id: int | None, code: Code, before, after, verb: str, coder: str | None) -> None:
        name = self.ws.resolve_coder(coder)
        coder_id = self.ws.coder_id(name)
        action: dict[str, Any] = {"op": "summary", "kind": kind, "code_id": code.id, "before": before,
                                  "after": after}
        if doc_id is not None:
            action["document_id"] = doc_id
        bump = self.store.conn.total_changes
        with self.store.transaction():
            put_summary(self.sums, kind, doc_id, code.id, after)
            self.store.history.push(coder_id, action)
            details: dict[str, Any] = {"code": code.path}
            if doc_id is not None:
                details["doc"] = self.store.documents.meta(doc_id)["name"]
            self.store.audit.record(verb, f"{kind}-summary", doc_id if kind == "cell" else code.id, name, details)
        self._after_own_write(bump)

    def set_text(self, text: str, *, doc: str | int | None = None, code: str | None = None,
                 theme: str | None = None, coder: str | None = None) -> dict[str, Any]:
        """A person's text for a cell or a theme: stored as reviewed (undoable, audited)."""
        from sto_qual.store.connection import now
        text = (text or "").strip()
        if not text:
            raise SynthesisError("the summary text is empty", hint="use `summary clear` to remove a summary")
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        author = self.ws.resolve_coder(coder)
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
        summary = self._summary_from_row(c.path, before, "draft") if before else self.draft_theme(corpus, c.path)
        after = self._theme_row(corpus, c, summary, "reviewed", author, text=text)
        self._record(kind, None, c, before, after, "summary-set", coder)
        return self.theme(c.path)

    def accept(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
               coder: str | None = None) -> dict[str, Any]:
        """Mark the current text (a draft, or reviewed text that is outdated) as reviewed
        against today's codings; a cell or theme without text is drafted first."""
        from sto_qual.store.connection import now
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        author = self.ws.resolve_coder(coder)
        if kind == "cell":
            before = self.sums.cell(doc_id, c.id)
            draft = self.draft_cell(corpus, doc_id, c.path)
            if before is None or not before["text"]:
                if draft is None:
                    raise NothingToDo(f"nothing to accept: no passages of '{c.path}' in "
                                      f"{corpus.doc_name[doc_id]}")
                base = {"text": draft["text"]}
            else:
                base = {"text": before["text"]}
            basis = corpus.basis(c.path, doc_id)
            after = {"document_id": doc_id, "code_id": c.id, "text": base["text"], "status": "reviewed",
                     "author": author, "updated_at": now(),
                     "passages": draft["passages"] if draft else (before or {}).get("passages", []),
                     "basis": basis, "fingerprint": d.fingerprint(basis)}
            self._record(kind, doc_id, c, before, after, "summary-accept", coder)
            return self.cell(doc_id, c.path)
        before = self.sums.theme(c.id)
        summary = self._summary_from_row(c.path, before, "draft") if before else self.draft_theme(corpus, c.path)
        after = self._theme_row(corpus, c, summary, "reviewed", author, text=(before or {}).get("text", ""))
        self._record(kind, None, c, before, after, "summary-accept", coder)
        return self.theme(c.path)

    def clear(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
              coder: str | None = None) -> dict[str, Any]:
        """Remove a cell's or theme's text (undoable); `summarize` drafts it again."""
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        before = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
        if before is None:
            what = f"{c.path} in {corpus.doc_name[doc_id]}" if kind == "cell" else c.path
            raise NothingToDo(f"no summary to clear for {what}")
        self._record(kind, doc_id, c, before, None, "summary-clear", coder)
        return self.cell(doc_id, c.path) if kind == "cell" else self.theme(c.path)

    def set_point(self, theme: str, number: int, text: str | None = None, coder: str | None = None
                  ) -> dict[str, Any]:
        """Edit (with ``text``) or accept one key point of a theme (``number`` from 1): the point
        is marked reviewed; the theme's own status is unchanged. Undoable, audited."""
        from sto_qual.store.connection import now
        corpus = self.corpus()
        _kind, _doc, top = self._target(corpus, None, None, theme)
        before = self.sums.theme(top.id)
        row = before or self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", "sto_qual")
        points = [dict(p) for p in row["points"]]
        if not 1 <= number <= len(points):
            raise SynthesisError(f"theme '{top.path}' has {len(points)} point(s); there is no point {number}",
                                 hint="see `sto-qual summary show --theme " + top.path + "`")
        if text is not None:
            if not text.strip():
                raise SynthesisError("the point's text is empty")
            points[number - 1]["text"] = text.strip()
        points[number - 1]["reviewed"] = True
        after = {**row, "points": points, "updated_at": now(), "author": self.ws.resolve_coder(coder)}
        self._record("theme", None, top, before, after, "summary-point", coder)
        return self.theme(top.path)

    def draft_one(self, *, doc: str | int | None = None, code: str | None = None, theme: str | None = None,
                  coder: str | None = None) -> dict[str, Any]:
        """Draft one cell or theme now (a person asked for it: undoable). Reviewed text is
        kept; use clear first to replace it."""
        from sto_qual.store.connection import now
        corpus = self.corpus()
        kind, doc_id, c = self._target(corpus, doc, code, theme)
        before = self.sums.cell(doc_id, c.id) if kind == "cell" else self.sums.theme(c.id)
        if before is not None and before["status"] == "reviewed":
            raise SynthesisError("this summary is reviewed; drafting would overwrite it",
                                 hint="clear it first (undo brings it back)")
        if kind == "cell":
            draft = self.draft_cell(corpus, doc_id, c.path)
            if draft is None:
                raise NothingToDo(f"no passages of '{c.path}' in {corpus.doc_name[doc_id]} to draft from")
            after = {"document_id": doc_id, "code_id": c.id, "status": "draft", "author": "sto_qual",
                     "updated_at": now(), **draft}
            self._record(kind, doc_id, c, before, after, "summary-draft", coder)
            return self.cell(doc_id, c.path)
        after = self._theme_row(corpus, c, self.draft_theme(corpus, c.path), "draft", "sto_qual")
        self._record(kind, None, c, before, after, "summary-draft", coder)
        return self.theme(c.path)

    # -------------------------------------------------------------- exports
    def summary_table(self, lang: str = "nl") -> tuple[list[str], list[list[str]]]:
        """MAXQDA's Summary Table: rows interviews, columns attributes then codes (cells with
        text only), anonymised. Returns (header, rows)."""
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
        from sto_qual.report.labels import LabelMap
        lm = LabelMap(lang, self.ws.store.settings.get("role_labels"), self.ws.store.settings.get("attribute_labels"))
        # attribute labels ("regiotype"), never keys ("region_type"), as the chapter's captions
        header = ["interview", *[lm.attribute(k) for k in keys], *[corpus.label(c.path) for c in codes]]
        rows = []
        for doc_id, name in corpus.docs:
            a = corpus.attrs.get(doc_id, {})
            row = [anon(name), *[anon(str(a.get(k, "") if a.get(k) is not None else "")) for k in keys]]
            for c in codes:
                r = stored.get((doc_id, c.id))
                text = r["text"] if r else ""
                if r and r["status"] == "draft" and text:
                    text = "[concept] " + text
                row.append(anon(text))
            rows.append(row)
        return header, rows


def _point_json(p: SummaryPoint) -> dict[str, Any]:
    return {"code": p.code, "label": p.label, "regions": list(p.regions), "wording": p.wording,
            "evidence": p.evidence, "references": list(p.references), "text": p.text, "lemmas": list(p.lemmas),
            "reviewed": p.reviewed}


def _contrast_json(c: Contrast) -> dict[str, Any]:
    return {"code": c.code, "other": c.other, "kind": c.kind, "text": c.text, "counts": [list(x) for x in c.counts]}


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


def apply_history(ws: Workspace, action: dict[str, Any], inverse: bool) -> None:
    """Undo/redo one summary change (called from the Workspace's undo)."""
    row = action["before"] if inverse else action["after"]
    put_summary(SummaryStore(ws.store), action["kind"], action.get("document_id"), action["code_id"], row)


def theme_text(theme: dict[str, Any]) -> str:
    """A theme summary as editable prose: a person's text when there is one, else the lead
    sentences, one paragraph per point (with its evidence) and the contrasts."""
    if theme.get("text"):
        return theme["text"]
    parts = [" ".join(theme["lead"])] if theme["lead"] else []
    parts += [p["text"] for p in theme["points"]]
    parts += [c["text"] for c in theme["contrasts"]]
    return "\n\n".join(parts)
