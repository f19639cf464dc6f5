"""Agreement between two coders: the pair compared by default, the per-code figures at sentence
level (and per interview), and the interviews both coded. One computation for the command, the
dashboard, the report and an agreed coding's review; within ``AnalysisService.snapshot()`` the
same pair is measured once."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sto_qual.domain.differences import thin_documents, unfinished_documents
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.history import codings_of
from sto_qual.services.analysis import AnalysisService


class AgreementService:
    def __init__(self, analysis: AnalysisService) -> None:
        self.analysis = analysis
        self.session = analysis.session
        self.store = analysis.store

    def agreement_pair(self) -> tuple[str, str] | None:
        """The pair of coders the dashboard, the report and ``agreement`` compare by default:
        the two who coded the most interviews in common (the double coding), ties going to
        the earlier coders; without any interview in common, the first two coders with codings.
        One coding by a third person ("collega") never takes the comparison over, and an agreed
        coding (``services.agreed``) is never compared: it is made from the two. With an agreed
        coding as reference coder, its two coders: the chapter counting it reports their agreement
        (the dashboard and `agreement` compared the two who coded the most in common instead)."""
        from sto_qual.services.agreed import AGREED_SETTING
        entries = self.store.settings.get(AGREED_SETTING) or {}
        agreed = set(entries)
        ref = self.analysis.counting_coder()
        if ref in entries and len(entries[ref].get("from") or ()) == 2 and all(
                self.store.coders.by_name(c) is not None for c in entries[ref]["from"]):
            return tuple(entries[ref]["from"])
        coders = sorted((c for c in self.store.coders.all() if c.get("codings") and c["name"] not in agreed),
                        key=lambda c: c["id"])
        if len(coders) < 2:
            return None
        docs = self.store.codings.documents_by_coder()
        best = max(((len(docs.get(a["id"], set()) & docs.get(b["id"], set())), -i, -j)
                    for i, a in enumerate(coders) for j, b in enumerate(coders) if i < j))
        i, j = -best[1], -best[2]
        return coders[i]["name"], coders[j]["name"]

    def agreement(self, coder_a: str, coder_b: str, *, rollup: bool = False,
                  where: dict[str, str] | None = None) -> dict[str, Any]:
        """Agreement between two coders at sentence-unit level over the documents both coded.
        One computation for every caller (CLI, dashboard, report): by default per code, each
        sub-code on its own (``rollup`` compares themes). ``overall`` carries the scope:
        coders, documents both coded, units and level, ``thin`` and ``unfinished`` (``doubtful``).
        ``where``: only the interviews it keeps (``doc=R01,R02``: the double coding finished so far).
        Returns {"codes": [...per-code rows...], "overall": {...}, "disagreements": [...]}.
        Within a snapshot the same pair is measured once (the report's method, its warnings and
        an agreed coding's review ask for it): callers read the result, never change it."""
        key = ("agreement", coder_a, coder_b, rollup, tuple(sorted((where or {}).items())))
        return self.analysis.memo(key, lambda: self._agreement(coder_a, coder_b, rollup=rollup, where=where))

    def _agreement(self, coder_a: str, coder_b: str, *, rollup: bool,
                   where: dict[str, str] | None) -> dict[str, Any]:
        from sto_qual.analysis.unit_agreement import unit_agreement
        keep = set(self.analysis.doc_ids(where)) if where else None
        (ida, coder_a), (idb, coder_b), spans, shared, names = self._pair(coder_a, coder_b, keep)
        codes = self.store.codes.tree(with_counts=False)
        path_of = {c.id: (c.path.split("/")[0] if rollup else c.path) for c in codes}
        paths = list(dict.fromkeys(path_of[c.id] for c in codes))
        units = self.store.transcripts.unit_spans(shared)
        res = unit_agreement(spans, units, path_of, paths, ida, idb, coder_a, coder_b, shared, names,
                             self.store.documents.text, rollup)
        res["overall"]["thin"], res["overall"]["unfinished"] = self._doubtful(
            spans, shared, names, (ida, coder_a), (idb, coder_b))
        res["overall"]["saw_others"] = self.saw_others(shared, names, (ida, coder_a), (idb, coder_b))
        return res

    def saw_others(self, shared, names: Mapping[int, str], *pair: tuple[int, str]) -> list[dict[str, Any]]:
        """Each of the two who showed the other coders' codings while coding blind (``Session.hide_others``)
        and coded in the interviews both coded after it: ``coder``, ``at`` and ``codings`` (made since)."""
        looked = [(cid, name, at) for cid, name in pair if (at := self.session.saw_others(name))]
        rows = self.store.codings.stored(shared) if looked else []  # (read once, and only when someone looked)
        shown = {names.get(d, str(d)) for d in shared}  # (the interviews a removal's audit line names)
        out = []
        for cid, name, at in looked:
            made = {r.id for r in rows if r.coder_id == cid and r.created_at > at}
            # and those she changed since: a join grew a coding made before (its sentences were not counted),
            # a removal took one away
            here = {r.id for r in rows if r.coder_id == cid}
            # (not one she undid since: her codings are as they were; one older than her oldest step kept counts)
            steps, forgotten = self.store.history.in_effect_since(cid, at)
            touched = set().union(*map(codings_of, steps))
            changed = {i for i, action, doc, when in self.store.audit.codings_changed_since(name, at)
                       if (i in here if action != "remove" else doc in shown)
                       and (i in touched or when < forgotten)}
            if made | changed:
                out.append({"coder": name, "at": at, "codings": len(made | changed)})
        return out

    def doubtful(self, coder_a: str, coder_b: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The interviews ``agreement`` compares as coded by both on the strength of a few stray
        codings (``domain.differences.thin_documents``), and those one coder coded only part of
        (``unfinished_documents``), without computing the agreement (the report's check)."""
        a, b, spans, shared, names = self._pair(coder_a, coder_b)
        return self._doubtful(spans, shared, names, a, b)

    def _doubtful(self, spans, shared, names, a, b) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        thin = thin_documents(spans, shared, names, a, b)
        said = {t["document"] for t in thin}  # a few stray codings: not said again as unfinished
        rest = [d for d in shared if names.get(d, str(d)) not in said]
        lengths = {d: len(self.session.text(d)) for d in rest}  # (cached: the report asks twice)
        return thin, unfinished_documents(spans, rest, names, lengths, a, b)

    def _pair(self, coder_a: str, coder_b: str, keep: set[int] | None = None):
        """(id, stored name) of each coder, their codings' spans, the documents both coded (of
        ``keep``) and every document's name; refused for one coder twice or no document in common."""
        ida, idb = self.session.coder_filter(coder_a), self.session.coder_filter(coder_b)
        if ida == idb:
            raise StoQualError("give two different coders")
        stored = self.store.coders.names()  # "Anna" typed, "anna" said
        coder_a, coder_b = stored.get(ida, coder_a), stored.get(idb, coder_b)
        spans = self.store.codings.spans([ida, idb])
        shared = sorted({s[1] for s in spans if s[3] == ida} & {s[1] for s in spans if s[3] == idb})
        if keep is not None:
            both = shared
            shared = [d for d in shared if d in keep]
            if both and not shared:
                names = {d[0]: d[1] for d in self.store.documents.light()}
                raise StoQualError(f"{coder_a} and {coder_b} coded none of the interviews --where keeps in common",
                                   hint="both coded " + ", ".join(names.get(d, str(d)) for d in both))
        if not shared:
            raise StoQualError(f"{coder_a} and {coder_b} have not coded any document in common")
        names = {d[0]: d[1] for d in self.store.documents.light()}
        return (ida, coder_a), (idb, coder_b), spans, shared, names

