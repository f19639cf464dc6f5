"""Analysis use cases (mixed into Workspace): counts, crosstabs, co-occurrence,
saturation, agreement. pandas is imported here, lazily, never at CLI start-up."""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.filters import document_matches
from sto_qual.domain.wording import frequency_wording, upgrade_thresholds

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from sto_qual.store import ProjectStore

ROLE_KEYS = ("role", "speaker_role")


class AnalysisMixin:
    store: ProjectStore

    # ---------------------------------------------------------------- helpers
    def counting_coder(self, coder: str | None = None, all_coders: bool = False) -> str | None:
        """Whose codings the counts count, one rule for the CLI, the dashboard and the
        chapter: the coder asked for; else, unless ``all_coders``, the project's reference
        coder (setting ``reference_coder``, when that coder exists); else None (every coder,
        a span coded by several once)."""
        if coder is not None:
            return coder
        if all_coders:
            return None
        ref = self.store.settings.get("reference_coder")
        return ref if ref and self.store.coders.by_name(ref) is not None else None

    def wording(self, n: int, total: int, lang: str = "nl") -> str:
        th = self._snap.get("thresholds") if self._snap is not None else None
        if th is None:
            # a project's old tiers ("de meerderheid" for 10-16 of 19) read as the current ones
            th = upgrade_thresholds(self.store.settings.get("wording_thresholds"))
            if self._snap is not None:
                self._snap["thresholds"] = th
        word = frequency_wording(n, total, th)
        if lang == "en":
            from sto_qual.domain.wording import ENGLISH
            return ENGLISH.get(word, word)
        return word

    def set_wording_thresholds(self, thresholds: list[tuple[float, str]] | None) -> None:
        self.store.settings.set("wording_thresholds", [list(t) for t in upgrade_thresholds(thresholds)]
                                if thresholds else None)

    def _coder_filter(self, coder: str | None) -> int | None:
        if coder is None:
            return None
        cid = self.store.coders.by_name(coder)
        if cid is None:
            raise StoQualError(f"unknown coder '{coder}'", hint="see `sto-qual coders`")
        return cid

    _snap: dict | None = None

    @contextmanager
    def analysis_snapshot(self):
        """Within this block, analysis calls share one read of the codings and attributes
        (the report asks for counts, a crosstab and a matrix of the same data)."""
        self._snap = {}
        try:
            yield
        finally:
            self._snap = None

    def _attributes(self) -> dict[int, dict[str, Any]]:
        if self._snap is None:
            return self.store.documents.attributes()
        if "attrs" not in self._snap:
            self._snap["attrs"] = self.store.documents.attributes()
        return self._snap["attrs"]

    def _frames(self, coder: str | None = None, where: dict[str, str] | None = None):
        if self._snap is not None:
            key = ("frames", coder, tuple(sorted(where.items())) if where else None)
            if key not in self._snap:
                self._snap[key] = self._frames_uncached(coder, where)
            codes, agg, doc_ids = self._snap[key]
            return codes, agg.copy(), list(doc_ids)
        return self._frames_uncached(coder, where)

    def _frames_uncached(self, coder: str | None = None, where: dict[str, str] | None = None):
        import pandas as pd
        codes = pd.DataFrame([(c.id, c.path, c.parent, c.position) for c in self.store.codes.tree(with_counts=False)],
                             columns=["id", "path", "parent", "position"])
        agg = pd.DataFrame(self.store.counts.cells(self._coder_filter(coder)),
                           columns=["document_id", "code_id", "codings", "words"])
        docs = self.store.documents.light()
        doc_ids = [d[0] for d in docs]
        if where:
            keep = set(self._doc_ids(where))
            doc_ids = [d for d in doc_ids if d in keep]
            agg = agg[agg["document_id"].isin(keep)]
        return codes, agg, doc_ids

    # ------------------------------------------------------------------ counts
    def theme_counts(self, *, coder: str | None = None, rollup: bool = True,
                     where: dict[str, str] | None = None, lang: str = "nl") -> pd.DataFrame:
        """Per code: documents (interviews) where it occurs, their share and Dutch wording,
        codings and words coded (a span coded by several coders counts once)."""
        from sto_qual.analysis.tables import ancestors, counts_table
        # the aggregation runs in SQLite (over the covering index); pandas shapes the table
        codes = self.store.codes.tree(with_counts=False)
        groups = [(c.id, a) for c in codes for a in (ancestors(c.path) if rollup else [c.path])]
        doc_ids = self._doc_ids(where)
        totals = self.store.counts.group_totals(groups, coder_id=self._coder_filter(coder),
                                                doc_ids=doc_ids if where else None)
        return counts_table([c.path for c in codes], totals, len(doc_ids),
                            lambda n, t: self.wording(n, t, lang))

    def _doc_ids(self, where: dict[str, str] | None) -> list[int]:
        docs = self.store.documents.light()
        if not where:
            return [d[0] for d in docs]
        attrs = self._attributes()
        return [d[0] for d in docs if document_matches(where, attrs.get(d[0], {}), d[1])]

    def _doc_values(self, by: str, doc_ids: list[int]):
        import pandas as pd
        attrs = self._attributes()
        rows = []
        for d in doc_ids:
            value = attrs.get(d, {}).get(by)
            if value is None or value == "":
                continue
            values = value.split(";") if isinstance(value, str) and ";" in value else [value]
            rows += [(d, str(v).strip()) for v in values if str(v).strip()]
        if not rows:
            known = sorted({k for a in attrs.values() for k in a})
            raise StoQualError(f"no document has the attribute '{by}'",
                               hint=f"attributes: {', '.join(known)}; or --by role")
        return pd.DataFrame(rows, columns=["document_id", "value"])

    def crosstab(self, by: str, *, coder: str | None = None, rollup: bool = True,
                 where: dict[str, str] | None = None, lang: str = "nl") -> pd.DataFrame:
        """code x attribute value: documents with the code among the documents with that value.
        ``by='role'`` uses the speaker role of the coded passage instead of an attribute."""
        from sto_qual.analysis.tables import crosstab
        codes, agg, doc_ids = self._frames(coder, where)
        if by in ROLE_KEYS:
            return self._role_crosstab(codes, doc_ids, coder, rollup, lang)
        return crosstab(agg, codes, self._doc_values(by, doc_ids), lambda n, t: self.wording(n, t, lang), rollup)

    def _role_crosstab(self, codes, doc_ids, coder, rollup, lang):
        import pandas as pd

        from sto_qual.analysis.tables import crosstab
        roles = self.store.roles.map()
        turns = pd.DataFrame(self.store.transcripts.turn_spans(), columns=["document_id", "start", "end", "speaker", "doc"])
        turns["value"] = [self.store.roles.role_for(roles, n, s if isinstance(s, str) else None) or "onbekend"
                          for n, s in zip(turns["doc"], turns["speaker"])]
        spans = pd.DataFrame(self.store.codings.spans([self._coder_filter(coder)] if coder else None),
                             columns=["id", "document_id", "code_id", "coder_id", "start", "end"])
        spans = spans[spans["document_id"].isin(doc_ids)].drop_duplicates(["document_id", "code_id", "start", "end"])
        spans = spans.sort_values("start")
        turns = turns.sort_values("start")
        merged = pd.merge_asof(spans, turns[["document_id", "start", "value"]], on="start", by="document_id")
        merged["value"] = merged["value"].fillna("onbekend")
        agg = merged.groupby(["document_id", "code_id", "value"]).size().reset_index(name="codings")
        agg["words"] = 0
        doc_values = turns[turns["document_id"].isin(doc_ids)][["document_id", "value"]].drop_duplicates()
        # each (document, role) pair is its own row so crosstab counts documents per role
        parts = []
        for value, grp in agg.groupby("value"):
            part = crosstab(grp[["document_id", "code_id", "codings", "words"]], codes,
                            doc_values[doc_values["value"] == value], lambda n, t: self.wording(n, t, lang), rollup)
            parts.append(part)
        if not parts:
            return pd.DataFrame(columns=["code", "value", "documents", "documents_total", "share", "wording",
                                         "codings", "words"])
        out = pd.concat(parts, ignore_index=True)
        return out.drop(columns=["words"])

    def presence_matrix(self, *, coder: str | None = None, rollup: bool = True,
                        where: dict[str, str] | None = None, label_by: str | None = "region") -> pd.DataFrame:
        from sto_qual.analysis.tables import presence_matrix
        codes, agg, doc_ids = self._frames(coder, where)
        attrs = self._attributes()
        names = {d[0]: d[1] for d in self.store.documents.light()}
        labels = {d: str(attrs.get(d, {}).get(label_by) or names[d]) if label_by else names[d] for d in doc_ids}
        return presence_matrix(agg, codes, labels, rollup)

    def cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                     where: dict[str, str] | None = None) -> pd.DataFrame:
        """Pairs of codes sitting on a common sentence unit: units and documents."""
        import pandas as pd

        from sto_qual.analysis.tables import cooccurrence
        from sto_qual.store.overlaps import unit_codes
        codes = pd.DataFrame([(c.id, c.path) for c in self.store.codes.tree(with_counts=False)], columns=["id", "path"])
        coder_id = self._coder_filter(coder)
        links = unit_codes(self.store, coder_ids=[coder_id] if coder_id is not None else None,
                           doc_ids=self._doc_ids(where) if where else None)
        return cooccurrence(links, codes, rollup)

    def interview_order(self) -> list[tuple[int, str, str]]:
        """(document id, name, date or import position) in interview order: by date, else import order."""
        attrs = self.store.documents.attributes()
        docs = self.store.documents.light()

        def key(d):
            a = attrs.get(d[0], {})
            date = a.get("date") or a.get("created")
            return (0, str(date), d[3]) if date else (1, "", d[3])
        return [(d[0], d[1], str(key(d)[1]) or f"#{d[3]}") for d in sorted(docs, key=key)]

    def saturation(self, *, coder: str | None = None) -> pd.DataFrame:
        import pandas as pd

        from sto_qual.analysis.tables import saturation
        codes, agg, _ = self._frames(coder)
        order = pd.DataFrame(self.interview_order(), columns=["document_id", "name", "order_key"])
        return saturation(agg, codes, order)

    # --------------------------------------------------------------- agreement
    def agreement_pair(self) -> tuple[str, str] | None:
        """The pair of coders the dashboard, the report and ``agreement`` compare by default:
        the first two coders (in order of creation) who have codings."""
        names = [c["name"] for c in self.store.coders.all() if c.get("codings")]
        return (names[0], names[1]) if len(names) >= 2 else None

    def agreement(self, coder_a: str, coder_b: str, *, rollup: bool = False) -> dict[str, Any]:
        """Agreement between two coders at sentence-unit level over the documents both coded.
        One computation for every caller (CLI, dashboard, report): by default per code, each
        sub-code on its own (``rollup`` compares themes). ``overall`` carries the scope:
        coders, documents both coded, units and level.
        Returns {"codes": [...per-code rows...], "overall": {...}, "disagreements": [...]}."""
        from sto_qual.analysis.agreement import binary_table, krippendorff_alpha_nominal
        ida, idb = self._coder_filter(coder_a), self._coder_filter(coder_b)
        if ida == idb:
            raise StoQualError("give two different coders")
        spans = self.store.codings.spans([ida, idb])
        docs_a = {s[1] for s in spans if s[3] == ida}
        docs_b = {s[1] for s in spans if s[3] == idb}
        shared = sorted(docs_a & docs_b)
        if not shared:
            raise StoQualError(f"{coder_a} and {coder_b} have not coded any document in common")
        codes = self.store.codes.tree(with_counts=False)
        path_of = {c.id: (c.path.split("/")[0] if rollup else c.path) for c in codes}
        paths = list(dict.fromkeys(path_of[c.id] for c in codes))
        units = self.store.transcripts.unit_spans(shared)
        names = {d[0]: d[1] for d in self.store.documents.light()}
        # unit -> set of (coder, path)
        import bisect
        by_doc: dict[int, list[tuple[int, int, int]]] = {}
        for uid, d, s, e in units:
            by_doc.setdefault(d, []).append((s, e, uid))
        marks: dict[int, set[tuple[int, str]]] = {}
        chars: dict[tuple[int, str], dict[int, list[tuple[int, int]]]] = {}
        for _id, d, code_id, coder_id, s, e in spans:
            if d not in by_doc:
                continue
            lst = by_doc[d]
            starts = [x[0] for x in lst]
            i = max(bisect.bisect_right(starts, s) - 1, 0)
            while i < len(lst) and lst[i][0] < e:
                if lst[i][1] > s:
                    marks.setdefault(lst[i][2], set()).add((coder_id, path_of[code_id]))
                i += 1
            chars.setdefault((coder_id, path_of[code_id]), {}).setdefault(d, []).append((s, e))
        unit_ids = [u[0] for u in units]
        rows, pooled_a, pooled_b = [], [], []
        for p in paths:
            a = [1 if (ida, p) in marks.get(u, ()) else 0 for u in unit_ids]
            b = [1 if (idb, p) in marks.get(u, ()) else 0 for u in unit_ids]
            pooled_a += a
            pooled_b += b
            row = {"code": p, **binary_table(a, b)}
            ca, cb = chars.get((ida, p), {}), chars.get((idb, p), {})
            both = either = 0
            for d in set(ca) | set(cb):
                ma, mb = _merge(ca.get(d, [])), _merge(cb.get(d, []))
                inter = _intersection(ma, mb)
                both += inter
                either += _length(ma) + _length(mb) - inter
            row["chars_both"] = both
            row["chars_either"] = either
            row["char_overlap"] = round(both / either, 4) if either else None
            for k in ("percent_agreement", "kappa", "alpha"):
                if row[k] is not None:
                    row[k] = round(row[k], 4)
            rows.append(row)
        overall = {"coders": [coder_a, coder_b], "documents": [names[d] for d in shared], "units": len(unit_ids),
                   "level": "themes" if rollup else "codes",
                   "alpha": _r(krippendorff_alpha_nominal([pooled_a, pooled_b])),
                   "percent_agreement": _r(sum(1 for x, y in zip(pooled_a, pooled_b) if x == y) / len(pooled_a))
                   if pooled_a else None}
        used = [r for r in rows if r["both"] + r["only_a"] + r["only_b"] > 0 and r["kappa"] is not None]
        overall["mean_kappa"] = _r(sum(r["kappa"] for r in used) / len(used)) if used else None
        text = {d: self.store.documents.text(d) for d in shared}
        unit_doc = {u[0]: (u[1], u[2], u[3]) for u in units}
        dis = []
        for u in unit_ids:
            m = marks.get(u, set())
            for p in paths:
                ina, inb = (ida, p) in m, (idb, p) in m
                if ina != inb:
                    d, s, e = unit_doc[u]
                    dis.append({"unit": u, "doc": names[d], "code": p, "coded_by": coder_a if ina else coder_b,
                                "not_by": coder_b if ina else coder_a, "start": s, "end": e, "text": text[d][s:e]})
        return {"codes": rows, "overall": overall, "disagreements": dis}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of spans as sorted, non-overlapping intervals."""
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def _intersection(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
