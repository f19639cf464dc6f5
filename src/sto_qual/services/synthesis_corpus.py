"""The drafting corpus: one read of a project (documents, sentence units with their content
lemmas, codes, coded spans) with the caches drafting needs. Pure Python over store records;
built once and reused until the project changes."""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain.quote_selection import small_groups
from sto_qual.services.report_theme import role_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.project import Project


@dataclass
class Span:
    """A coded span (once across coders and codes): its codings, codes and sentences."""
    doc: int
    start: int
    end: int
    ids: dict[int, int] = field(default_factory=dict)       # code id -> smallest coding id
    memos: list[str] = field(default_factory=list)
    sentences: list[tuple[int, int, int]] = field(default_factory=list)  # (unit index, start, end)
    terms: frozenset = frozenset()
    order: int = 0


class Corpus:
    """One read of the project for drafting: documents, units with content lemmas, codes,
    coded spans. Built once and reused until the project changes."""

    def __init__(self, ws: Project, doc_ids: frozenset[int] | None = None) -> None:
        """``doc_ids``: only these interviews (a chapter on part of them, ``--where``)."""
        store = ws.store
        sums = store.summaries
        self.docs = [(r[0], r[1]) for r in store.documents.light() if doc_ids is None or r[0] in doc_ids]
        self.doc_pos = {doc_id: i for i, (doc_id, _n) in enumerate(self.docs)}
        self.doc_name = dict(self.docs)
        self.codes: list[Code] = store.codes.tree(with_counts=False)
        self.by_path = {c.path: c for c in self.codes}
        self.drafts: dict[tuple[str, str], Any] = {}  # (theme, lang) -> its draft (``ThemeDrafting.draft_theme``)
        self.by_id = {c.id: c for c in self.codes}
        self.fields = {cid: (summary, tuple(self.by_id[i].path for i in others if i in self.by_id))
                       for cid, (summary, others) in sums.code_fields().items()}
        self.fields_en = sums.code_summaries_en()  # code id -> English summary phrase
        self.topics = sums.code_topics()  # code id -> (topic, English topic): the lead names them
        self.attrs = ws.analysis_service.attributes()  # "Krimp" beside "krimp": one region type
        # interviews of a region type with fewer than SMALL_GROUP interviews in the project: a
        # sentence of theirs that names the type ("de regio aan de overkant") points to one region
        # the attribute the chapter's tables compare by; differences between regions are drafted
        # over it alone, so every one can be checked in a table ("regio's met 4" besturen cannot)
        self.main = store.settings.get("main_attribute") or "region_type"
        self.small_group = small_groups(self.attrs, self.main)
        # a sentence that, its names replaced, names a person ("alleen [stuurgroeplid], namens …") is retold by none:
        # the chapter's prose speaks in no brackets, and left out an example a writer had accepted as drafted
        self.anon, self.persons = ws.anonymiser(), role_words(ws.report_settings.label_map("nl"))
        # the groups a theme's differences are drafted over: a draft over other groups (another
        # main attribute, an interview's region type set again) is drafted anew, as one over
        # other codings is
        self.groups = d.fingerprint([[self.main], *sorted([i, str(a.get(self.main) or "")]
                                                          for i, a in self.attrs.items() if i in self.doc_pos)])
        # units: per document the starts (for bisect) and per unit its content lemmas
        self.unit_doc: list[int] = []
        self.unit_span: list[tuple[int, int]] = []
        self.unit_lemmas: list[list[str]] = []
        self.doc_units: dict[int, tuple[list[int], list[int]]] = {}   # doc -> (starts, unit indexes)
        df: Counter = Counter()
        for _uid, doc_id, _seq, s, e, lemmas in sums.unit_lemmas():
            if doc_id not in self.doc_pos:
                continue
            i = len(self.unit_doc)
            words = d.content_lemmas(lemmas)
            self.unit_doc.append(doc_id)
            self.unit_span.append((s, e))
            self.unit_lemmas.append(words)
            starts, idx = self.doc_units.setdefault(doc_id, ([], []))
            starts.append(s)
            idx.append(i)
            df.update(set(words))
        n_units = max(1, len(self.unit_doc))
        self.idf = {w: math.log((n_units + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self._vec: dict[int, dict[str, float]] = {}
        self._norm: dict[int, float] = {}
        self._scores: dict[tuple[int, str], float] = {}
        self._basis: dict[tuple[str, int], list[list]] = {}
        self._ids: dict[tuple[str, int], list[int]] = {}
        self._coding_ids: set[int] | None = None
        # codings -> spans
        self.basis_rows: dict[int, dict[int, list[tuple]]] = {}  # code id -> doc -> [(id, start, end, memo)]
        spans: dict[tuple[int, int, int], Span] = {}
        # the project's reference coder, when one is set, as the chapter's counts do: a draft
        # beside the report's tables must count the same codings
        ref = ws.counting_coder()
        self.coder_id = store.coders.by_name(ref) if ref else None
        for cid, doc_id, code_id, _coder, s, e, memo in sums.coding_basis(self.coder_id):
            if doc_id not in self.doc_pos:
                continue
            self.basis_rows.setdefault(code_id, {}).setdefault(doc_id, []).append((cid, s, e, memo or ""))
            sp = spans.get((doc_id, s, e))
            if sp is None:
                sp = spans[(doc_id, s, e)] = Span(doc_id, s, e)
            if code_id not in sp.ids or cid < sp.ids[code_id]:
                sp.ids[code_id] = cid
            if memo and memo not in sp.memos:
                sp.memos.append(memo)
        self.spans = sorted(spans.values(), key=lambda p: (self.doc_pos.get(p.doc, 0), p.start, p.end))
        self._by_code: dict[int, list[Span]] = {}
        for i, sp in enumerate(self.spans):
            sp.order = i
            for code_id in sp.ids:
                self._by_code.setdefault(code_id, []).append(sp)
        for sp in self.spans:
            sp.sentences = self._sentences(sp.doc, sp.start, sp.end)
            words: list[str] = []
            bag: set[str] = set()
            for ui, _s, _e in sp.sentences:
                lem = self.unit_lemmas[ui]
                words += lem
                bag |= d.terms(lem)
            for m in sp.memos:  # memos count as evidence
                bag.update(d.memo_words(m))
            sp.terms = frozenset(bag)
        self._rollup: dict[str, set[int]] = {}
        self._centroids: dict[str, tuple[dict[str, float], float]] = {}
        self._spans_of: dict[str, list[Span]] = {}
        self._spans_by_doc: dict[str, dict[int, list[Span]]] = {}
        self._texts: dict[int, str] = {}
        self._sums = sums
        self._all_terms: Counter | None = None

    # ------------------------------------------------------------ helpers
    def _sentences(self, doc_id: int, s: int, e: int) -> list[tuple[int, int, int]]:
        """The sentence units a span covers (at least half of a unit, or the unit holding it)."""
        starts, idx = self.doc_units.get(doc_id, ([], []))
        out = []
        j = max(0, bisect.bisect_right(starts, s) - 1)
        while j < len(idx):
            ui = idx[j]
            us, ue = self.unit_span[ui]
            if us >= e:
                break
            lo, hi = max(us, s), min(ue, e)
            if hi > lo and (hi - lo >= (ue - us) / 2 or (us <= s and e <= ue)):
                out.append((ui, lo, hi))
            j += 1
        return out

    def vec(self, ui: int) -> dict[str, float]:
        v = self._vec.get(ui)
        if v is None:
            v = self._vec[ui] = d.tfidf(self.unit_lemmas[ui], self.idf)
            self._norm[ui] = math.sqrt(sum(x * x for x in v.values()))
        return v

    def score(self, ui: int, path: str) -> float:
        """How central a sentence is to a code: cosine with the code's centroid (rounded, so
        that ties sort the same on every machine)."""
        key = (ui, path)
        hit = self._scores.get(key)
        if hit is None:
            cen, norm = self.centroid(path)
            v = self.vec(ui)
            hit = self._scores[key] = round(d.cosine(v, cen, norm, self._norm[ui]), 9)
        return hit

    def text(self, doc_id: int) -> str:
        t = self._texts.get(doc_id)
        if t is None:
            self._texts.update(self._sums.document_texts([doc_id]))
            t = self._texts[doc_id]
        return t

    def load_texts(self, doc_ids) -> None:
        missing = [x for x in doc_ids if x not in self._texts]
        if missing:
            self._texts.update(self._sums.document_texts(missing))

    def rollup(self, path: str) -> set[int]:
        ids = self._rollup.get(path)
        if ids is None:
            ids = self._rollup[path] = {c.id for c in self.codes
                                        if c.path == path or c.path.startswith(path + "/")}
        return ids

    def spans_of(self, path: str) -> list[Span]:
        """The spans of a code and its sub-codes, in document order."""
        out = self._spans_of.get(path)
        if out is None:
            ids = self.rollup(path)
            if len(ids) == 1:
                out = list(self._by_code.get(next(iter(ids)), ()))
            else:
                seen: dict[int, Span] = {}
                for code_id in ids:
                    for sp in self._by_code.get(code_id, ()):
                        seen[id(sp)] = sp
                out = sorted(seen.values(), key=lambda p: p.order)
            self._spans_of[path] = out
        return out

    def centroid(self, path: str) -> tuple[dict[str, float], float]:
        c = self._centroids.get(path)
        if c is None:
            seen: set[int] = set()
            vecs = []
            for sp in self.spans_of(path):
                for ui, _s, _e in sp.sentences:
                    if ui not in seen:
                        seen.add(ui)
                        vecs.append(self.vec(ui))
            c = self._centroids[path] = d.centroid(vecs)
        return c

    def basis(self, path: str, doc_id: int | None = None) -> list[list]:
        """The codings under a cell (or, without ``doc_id``, a whole column) as sorted
        [id, start, end, memo]: what a text rests on."""
        if doc_id is not None:
            hit = self._basis.get((path, doc_id))
            if hit is None:
                hit = self._basis[(path, doc_id)] = self._basis_uncached(path, doc_id)
            return hit
        return self._basis_uncached(path, None)

    def cell_ids(self, path: str, doc_id: int) -> list[int]:
        """The coding ids of one cell's passages, in text order."""
        hit = self._ids.get((path, doc_id))
        if hit is None:
            hit = self._ids[(path, doc_id)] = [self.coding_id(sp, path) for sp in self.spans_in(path, doc_id)]
        return hit

    def _basis_uncached(self, path: str, doc_id: int | None) -> list[list]:
        rows: list[tuple] = []
        for code_id in self.rollup(path):
            by_doc = self.basis_rows.get(code_id, {})
            if doc_id is None:
                for doc_rows in by_doc.values():
                    rows += doc_rows
            else:
                rows += by_doc.get(doc_id, ())
        return sorted(list(r) for r in rows)

    def spans_in(self, path: str, doc_id: int) -> list[Span]:
        """One cell's spans, in text order."""
        by_doc = self._spans_by_doc.get(path)
        if by_doc is None:
            by_doc = self._spans_by_doc[path] = {}
            for sp in self.spans_of(path):
                by_doc.setdefault(sp.doc, []).append(sp)
        return by_doc.get(doc_id, [])

    @property
    def coding_ids(self) -> set[int]:
        """Every coding the drafts read (the counted coder's, in these interviews)."""
        if self._coding_ids is None:
            self._coding_ids = {r[0] for by_doc in self.basis_rows.values() for rows in by_doc.values() for r in rows}
        return self._coding_ids

    def coding_id(self, sp: Span, path: str) -> int:
        ids = self.rollup(path)
        return min(cid for code_id, cid in sp.ids.items() if code_id in ids)

    @property
    def all_terms(self) -> Counter:
        """Passages per term over every coded span (the prior and the "other" side of log-odds)."""
        if self._all_terms is None:
            counts: Counter = Counter()
            for sp in self.spans:
                counts.update(sp.terms)
            self._all_terms = counts
        return self._all_terms

    def label(self, path: str) -> str:
        c = self.by_path[path]
        return c.label or c.name
