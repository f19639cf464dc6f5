"""Drafting a theme summary: lead sentences per sub-code, key points (passages grouped by
distinctive terms, weighted log-odds against the other codes' passages) and contrasts
(declared opposing codes; attribute groups whose shares differ by at least 40 points).
A mixin of the SynthesisService; pure reads of the drafting corpus."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain import drafting_en
from sto_qual.domain.codebook import says_opposite_of_theme
from sto_qual.domain.identifying import names_person
from sto_qual.domain.quote_selection import content_words, names_group, says_the_same_briefly
from sto_qual.domain.reported_speech import third_person
from sto_qual.domain.synthesis import Contrast, SummaryPoint, ThemeSummary
from sto_qual.services.report_contrasts import ContrastWriter

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
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


class ThemeDrafting:
    """Theme drafts; the host provides ``_total`` and ``_wording``."""

    def draft_theme(self, corpus: Corpus, path: str, lang: str = "nl") -> ThemeSummary:
        """The structured draft of one theme (a top-level code), in Dutch or (``lang="en"``)
        English; English falls back to the Dutch label, marked "[nl]", where a code has no
        ``label_en`` (``ThemeSummary.fallback`` lists those codes). Drafted once per corpus (one
        read of the project, rebuilt when it changes): the chapter, F9 and `summary` ask again."""
        done = corpus.drafts.get((path, lang))
        if done is None:
            done = corpus.drafts[(path, lang)] = self._draft_theme(corpus, path, lang)
        return done

    def _draft_theme(self, corpus: Corpus, path: str, lang: str) -> ThemeSummary:
        fr = _Frames(corpus, lang)
        top = corpus.by_path[path]
        total = self._total(corpus)
        children = [c for c in corpus.codes if c.parent == top.path]
        docs_of = {c.path: {sp.doc for sp in corpus.spans_of(c.path)} for c in [top, *children]}
        lead, lead_codes = [], []
        ranked = sorted(children, key=lambda c: (-len(docs_of[c.path]), c.position, c.path))
        for c in [top, *ranked]:
            n = len(docs_of[c.path])
            if n:
                lead.append(fr.f.lead_sentence(fr.phrase(c), self._wording(n, total), n, total))
                lead_codes.append(c.path)
        by_group = self._attribute_contrasts(corpus, ranked, docs_of, total)  # differences between region types
        if lead_codes and lead_codes[0] == top.path:
            # the common view and how consistent the answers are, from the sub-codes' counts,
            # naming each by its topic (a noun phrase) or else its label; a sub-code whose
            # contrast is its own theme says the opposite of the theme
            parts = [d.Part(fr.topic(c), len(docs_of[c.path]), c.path, fr.phrase(c),
                            top.path in corpus.fields.get(c.id, ("", ()))[1])
                     for c in ranked if docs_of[c.path]]
            opposed = []
            for c in ranked:
                for o in corpus.fields.get(c.id, ("", ()))[1]:
                    if o in docs_of and o != top.path:
                        both = len(docs_of[c.path] & docs_of[o])
                        na, nb = len(docs_of[c.path]), len(docs_of[o])
                        opposed.append(d.Opposed(fr.topic(c), na, fr.topic(corpus.by_path[o]), nb, both,
                                                 self._wording(both, total), self._wording(na, total),
                                                 self._wording(nb, total), c.path, o))
            # differences between groups of regions: the answers are not called consistent
            lead[0] = fr.f.theme_lead(lead[0], parts, len(docs_of[top.path]), total, opposed, self._wording,
                                      bool(by_group))
        points: list[SummaryPoint] = []
        used: set[object] = set()  # sentences retold already: none twice in a theme
        groups = ranked + ([top] if any(top.id in sp.ids for sp in corpus.spans_of(top.path)) else [])
        for k, c in enumerate(groups):
            points += self._points(corpus, c.path, direct_only=(c is top), frames=fr, used=used,
                                   scope_of=docs_of[c.path], variant=k)
        # points without a sentence (only their words) go last: the chapter leaves them out, and
        # the numbers of `summary show` follow the chapter's order
        points = [p for p in points if p.text] + [p for p in points if not p.text]
        contrasts = self._code_contrasts(corpus, [top, *children], docs_of, total)
        contrasts += by_group
        # the draft says each difference as the chapter will print it, so a person who edits it
        # in the theme view starts from the chapter's sentence
        writer = ContrastWriter(lang, True, self._wording, fr.label,
                                lambda p: fr.phrase(corpus.by_path[p]) if p in corpus.by_path else "", str)
        contrasts = [replace(c, text=writer.text(c)) for c in contrasts]
        return ThemeSummary(code=top.path, lead=tuple(lead), points=tuple(points), contrasts=tuple(contrasts),
                            status="draft", lang=lang, fallback=tuple(sorted(fr.missing)),
                            lead_codes=tuple(lead_codes), lead_reviewed=(False,) * len(lead))

    def _term_counts(self, spans) -> Counter:
        c: Counter = Counter()
        for sp in spans:
            c.update(sp.terms)
        return c

    def _points(self, corpus: Corpus, path: str, direct_only: bool = False, frames: _Frames | None = None,
                used: set[object] | None = None, scope_of: set[int] | None = None,
                variant: int = 0) -> list[SummaryPoint]:
        """A code's key points, widest first. ``scope_of``: the code's interviews: a sub-code's
        point made in all of them gives only its example; a remark on the theme itself
        (``direct_only``) made in all of them would repeat the theme's lead and has no sentence."""
        fr = frames or _Frames(corpus, "nl")
        used = set() if used is None else used
        code = corpus.by_path[path]
        ids = {code.id} if direct_only else corpus.rollup(path)
        target = [sp for sp in corpus.spans_of(path) if ids & sp.ids.keys()]
        if not target:
            return []
        all_terms = corpus.all_terms
        mine = self._term_counts(target)
        z = d.log_odds_against_rest(mine, all_terms)
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
        # overlapping subsets of the sub-code: the widest first, as the paragraph reads
        kept.sort(key=lambda p: -len({target[k].doc for k in p["spans"]}))
        told = 0                      # examples given in this paragraph so far
        example_docs: set[int] = set()  # ... and their interviews: "Een andere regio" is another one
        for p in kept:
            terms = p["terms"]
            tset = set(terms)
            ranked, sentences = [], []
            for k in p["spans"]:
                sp = target[k]
                scored = [(len(tset & d.terms(corpus.unit_lemmas[ui])), corpus.score(ui, path), -s, s, e)
                          for ui, s, e in sp.sentences]
                best_s = max(scored, default=(0, 0.0, -sp.start, sp.start, sp.end))
                ranked.append((best_s[0], best_s[1], -corpus.doc_pos.get(sp.doc, 0), -sp.start, k, best_s))
                sentences += [(x[0], x[1], -corpus.doc_pos.get(sp.doc, 0), -x[3], sp.doc, x[3], x[4])
                              for x in scored if x[0]]
            ranked.sort(reverse=True)
            lead_span = target[ranked[0][4]]
            _n, _c, _neg, s, e = ranked[0][5]
            evidence = " ".join(corpus.text(lead_span.doc)[s:e].split())
            regions = [corpus.doc_name[x] for x in sorted({target[k].doc for k in p["spans"]},
                                                          key=lambda x: corpus.doc_pos.get(x, 0))]
            n = len(regions)
            wording = self._wording(n, total)
            docs = {target[k].doc for k in p["spans"]}
            everywhere = scope_of is not None and docs >= scope_of
            scope = "theme" if direct_only else "same" if everywhere else "within"
            # a remark on the theme in all its regions would say the theme's lead again
            retold, source, told_doc, told_at = ((None, "", None, None) if direct_only and everywhere
                                                 else _retold(corpus, sentences, used, example_docs))
            if retold and told_at is not None:  # the evidence is what the sentence retells, its coding first
                hit = next((r for r in ranked if target[r[4]].doc == told_doc
                            and target[r[4]].start <= told_at[0] < target[r[4]].end), None)
                if hit is not None:
                    ranked = [hit, *(r for r in ranked if r is not hit)]
                    evidence = " ".join(corpus.text(told_doc)[told_at[0]:told_at[1]].split())
            # in English what was said stays Dutch: the retold sentence's source, verbatim
            first = scope in ("within", "theme") and not told  # the opening frame once, then "Een andere regio"
            text = (fr.f.point_sentence(wording, n, total, retold, scope, first=first, nth=told, variant=variant)
                    if fr.f is d else
                    fr.f.point_sentence(wording, n, total, retold, scope, evidence=source, first=first, nth=told,
                                        variant=variant))
            if text:
                told += 1
                example_docs.add(told_doc)
            said = [corpus.text(target[k].doc)[target[k].start:target[k].end] for k in p["spans"]]
            out.append(SummaryPoint(code=path, label=", ".join(as_written(t, said) for t in terms),
                                    regions=tuple(regions), wording=wording,
                                    evidence=evidence,
                                    references=tuple(corpus.coding_id(target[r[4]], path) for r in ranked),
                                    text=text, lemmas=tuple(p["all"][:10])))
        return out

    def _code_contrasts(self, corpus: Corpus, codes, docs_of, total: int) -> list[Contrast]:
        out = []
        for c in codes:
            for other in corpus.fields.get(c.id, ("", ()))[1]:
                if other not in corpus.by_path or says_opposite_of_theme(c.path, other):
                    continue  # a sub-code set against its own theme is no difference between regions
                a = docs_of.get(c.path) or {sp.doc for sp in corpus.spans_of(c.path)}
                b = docs_of.get(other) or {sp.doc for sp in corpus.spans_of(other)}
                if not a or not b:  # a side nobody coded: nothing to set against ("… komen nergens samen voor")
                    continue
                every = {x for x, _n in corpus.docs}
                only_a, only_b, both = len(a - b), len(b - a), len(a & b)
                neither = len(every - a - b)
                out.append(Contrast(code=c.path, other=other, kind="codes", text="",
                                    counts=(("only-one", only_a, total), ("only-other", only_b, total),
                                            ("both", both, total), ("neither", neither, total))))
        return out

    def _attribute_contrasts(self, corpus: Corpus, codes, docs_of, total: int) -> list[Contrast]:
        groups: dict[str, dict[str, set[int]]] = {}
        for doc_id, _n in corpus.docs:
            for key, value in corpus.attrs.get(doc_id, {}).items():
                if key != corpus.main or value is None or value == "" or ";" in str(value):
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
                if _names_its_group(c, hi[1]):
                    continue  # "krimp comes up in all krimpregio's" says what the group's name says
                out.append(Contrast(code=c.path, other=key, kind="attribute", text="",
                                    counts=tuple((v, n, of) for _s, v, n, of in shares)))
        return out


def _names_its_group(code: Code, value: str) -> bool:
    """The code is named after the attribute value that would lead its contrast (the sub-code
    "krimp-leerlingaantallen" in "krimp" regions): the difference is circular, not a finding."""
    stem = str(value).lower()[:5]
    return len(stem) >= 4 and (stem in code.path.rsplit("/", 1)[-1].lower() or stem in (code.label or "").lower())


# a point's sentence is retold from one of its most representative sentences: these many tried
RETELL_TRIES = 8


def _retold(corpus: Corpus, sentences: list[tuple], used: set[object],
            avoid_docs: set[int] = frozenset()) -> tuple[str | None, str, int | None, tuple[int, int] | None]:
    """The first of the point's sentences (most shared terms, then most central) that can be
    retold in the third person safely, that no earlier point of the theme retold (nor said in
    other words: "men heeft geen geld om bedrijven iets te bieden" and "men kan een bedrijf
    niets bieden" are one example) and that comes from an interview this paragraph has not
    given an example from: (retold, the sentence as spoken and cleaned for reading, its
    interview, its span); (None, "", None, None) when none can."""
    for _n, _c, _pos, _start, doc, s, e in sorted(sentences, reverse=True)[:RETELL_TRIES]:
        if (doc, s) in used or doc in avoid_docs:
            continue
        spoken = " ".join(corpus.text(doc)[s:e].split())
        if d.taken_back(corpus.text(doc), e):  # "… staat men bovenaan in het plan. Maar als het om het mbo gaat,
            continue  # bepaalt het ROC": retold alone it said the opposite, an editor found
        group = corpus.small_group.get(doc)
        if group and names_group(spoken, group):  # "Een andere regio: ... de regio aan de overkant" is the island
            continue
        retold = third_person(d.clean_sentence(spoken))
        if not retold or retold in used or names_person(corpus.anon(retold), corpus.persons):
            continue  # (the same words from another interview: not twice either)
        words = content_words(retold)
        if d.says_little(retold, words) or any(says_the_same_briefly(words, w) for w in used if isinstance(w, frozenset)):
            continue
        used.update(((doc, s), retold, words))
        # the sentence as spoken, made readable the same way (a leading "En", "Maar" or a filler
        # becomes "…"): the English chapter quotes it
        return retold, d.clean_sentence(spoken), doc, (s, e)
    return None, "", None, None


class _Frames:
    """The sentence frames and code phrases of one language. English uses ``label_en`` and
    falls back to the Dutch label marked "[nl]" (``missing`` collects those codes)."""

    def __init__(self, corpus: Corpus, lang: str) -> None:
        self.corpus = corpus
        self.f = drafting_en if lang == "en" else d
        self.missing: set[str] = set()

    def label(self, path: str) -> str:
        if self.f is d:
            return self.corpus.label(path)
        en = self.corpus.by_path[path].label_en
        if en:
            return en
        self.missing.add(path)
        return f"{self.corpus.label(path)} [nl]"

    def topic(self, code: Code) -> str:
        """The noun phrase a theme's lead names the code by: its topic in this language
        ("de belemmeringen voor de regierol"), or else its label; in Dutch a label is set off in
        quotes, as the points' "spreekt men over ‘…’" sets it off ("noemt men gevolgen nu al en
        mogelijke oplossingen" read a label as words of the sentence)."""
        topic = self.corpus.topics.get(code.id, ("", ""))[self.f is not d]
        if topic:
            return topic
        return f"‘{d.mid_sentence(self.label(code.path))}’" if self.f is d else self.label(code.path)

    def phrase(self, code: Code) -> str:
        if self.f is d:
            return self.corpus.fields.get(code.id, ("", ()))[0] or d.fallback_phrase(self.corpus.label(code.path))
        return self.corpus.fields_en.get(code.id) or drafting_en.fallback_phrase(self.label(code.path))


def as_written(term: str, texts: Sequence[str]) -> str:
    """A point's term (lemmas: "plan geld", "bezigen") in the words its passages use most ("bezig"):
    the Dutch tables, read without a tagger, take "bezig" for a form of "bezigen" and "heel" for
    one of "helen", and a researcher read "helen bewust" as the words the passages share."""
    from sto_qual.nlp.lemmas import lemmatizer
    lemma = lemmatizer()
    words = Counter(w for text in texts for w in re.findall(r"\w+(?:['-]\w+)*", text.lower()))
    out = []
    for part in term.split():
        if part in words:
            out.append(part)
            continue
        forms = [(n, w) for w, n in words.items() if lemma(w) == part]
        out.append(max(forms)[1] if forms else part)
    return " ".join(out)
