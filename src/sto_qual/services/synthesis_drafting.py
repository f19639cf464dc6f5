"""Drafting a theme summary: lead sentences per sub-code, key points (passages grouped by
distinctive terms, weighted log-odds against the other codes' passages) and contrasts
(declared opposing codes; attribute groups whose shares differ by at least 40 points).
A mixin of the SynthesisService; pure reads of the drafting corpus."""
from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain.synthesis import Contrast, SummaryPoint, ThemeSummary

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.synthesis_corpus import Corpus

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


class ThemeDrafting:
    """Theme drafts; the host provides ``_total`` and ``_wording``."""

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

