"""Analysis use cases: counts, crosstabs, presence matrix, co-occurrence, saturation
(agreement between two coders: ``services.agreement``). The tables are built in
``sto_qual.analysis`` (pandas, imported lazily there, never at CLI start-up); this module
gathers the records from the store.

Contract: counts are per document (interview); ``coder`` counts one coder's codings,
``None`` every coder with a span coded by several counted once; ``where`` keeps the
documents whose attributes match every ``key=value``. A co-occurrence is always one
coder's (merged: a unit counts when any one coder applied both codes). Within ``analysis_snapshot()`` the
calls share one read of the codings and attributes.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.filters import (attribute_rows, column_labels, document_matches, grouped_spellings,
                                     labelling_attribute, no_values_refusal, uncoded_refusal, value_parts)
from sto_qual.domain.quote_selection import SMALL_GROUP, value_groups
from sto_qual.domain.text import year_month
from sto_qual.domain.wording import ENGLISH, THRESHOLDS_SETTING, frequency_wording, upgrade_thresholds
from sto_qual.services.session import Session

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.analysis.tables import Table

ROLE_KEYS = ("role", "speaker_role")


class AnalysisService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store
        self._snap: dict | None = None

    # ---------------------------------------------------------------- seams
    def counting_coder(self, coder: str | None = None, all_coders: bool = False) -> str | None:
        """Whose codings the counts count, one rule for the CLI, the dashboard and the
        chapter: the coder asked for; else, unless ``all_coders``, the project's reference
        coder (setting ``reference_coder``, when that coder exists); else None (every coder,
        a span coded by several once)."""
        if coder is not None:  # as stored ("Anna" counts "anna"); an unknown coder is refused
            stored = self.store.coders.stored_name(coder)
            if stored is None:
                raise self.session.unknown_coder(coder)
            return stored
        if all_coders:
            return None
        ref = self.store.settings.get("reference_coder")
        return ref if ref and self.store.coders.by_name(ref) is not None else None

    def coded_documents(self, coder: str | None) -> list[str]:
        """The names of the documents this coder has codings in (``None``: any coder), in import order."""
        by_coder = self.store.codings.documents_by_coder()
        if coder is None:
            mine = set().union(*by_coder.values())
        else:
            cid = self.store.coders.by_name(coder)
            mine = by_coder.get(cid, set()) if cid is not None else set()
        return [d[1] for d in self.store.documents.light() if d[0] in mine]

    def refuse_uncoded(self, coder: str | None, where: dict[str, str] | None,
                       then: str = "every figure would be 0") -> None:
        """A coder's table over the interviews ``where`` keeps, none of which she coded, is all
        zeros that read as findings ("geen" for every code, exit 0): refused (``uncoded_refusal``), and so
        is a coder with no coding at all (her every coding undone: `stats --coder` printed "geen" 24 times)."""
        if coder:
            kept = set(self.doc_ids(where)) if where else None
            refused = uncoded_refusal(coder, [d[1] for d in self.store.documents.light()
                                              if kept is None or d[0] in kept],
                                      self.coded_documents(coder), then, filtered=bool(where))
            if refused:
                message, hint = refused
                if coder == self.counting_coder():  # (counted unasked: "choose another --coder" to one who gave none)
                    hint = (f"{coder} is the reference coder: `sto-qual reference-coder NAME` names another, and "
                            "--coder or --all-coders counts another here")
                raise StoQualError(message, hint=hint)

    def thresholds(self):
        """The project's frequency tiers (setting ``wording_thresholds``), as the wording rules and
        the method paragraph's ladder read them: a project's old tiers ("de meerderheid" for
        10-16 of 19) read as the current ones."""
        return self.memo(("thresholds",), lambda: upgrade_thresholds(self.store.settings.get(THRESHOLDS_SETTING)))

    def wording(self, n: int, total: int, lang: str = "nl") -> str:
        """The report's words for n of total interviews ("de meeste", "enkele" ...)."""
        word = frequency_wording(n, total, self.thresholds())
        return ENGLISH.get(word, word) if lang == "en" else word

    @contextmanager
    def snapshot(self):
        """Within this block, analysis calls share one read of the codings and attributes
        (the report asks for counts, a crosstab and a matrix of the same data); one inside another
        shares the outer one's."""
        if self._snap is not None:
            yield
            return
        self._snap = {}
        try:
            yield
        finally:
            self._snap = None

    def memo(self, key: tuple, make: Callable[[], Any]) -> Any:
        """``make()``, once per ``key`` within a snapshot (callers read the result, never change it)."""
        if self._snap is None:
            return make()
        if key not in self._snap:
            self._snap[key] = make()
        return self._snap[key]

    def attributes(self) -> dict[int, dict[str, Any]]:
        """Document id -> its attributes as the analysis groups them: a value in other capitals
        than most documents write it is spelt as they do (``grouped_spellings``); read once
        within a snapshot. ``DocumentService`` shows them as stored."""
        return self.memo(("attrs",), lambda: grouped_spellings(self.store.documents.attributes()))

    def small_groups(self, attribute: str, where: dict[str, str] | None = None,
                     beside_larger: bool = False) -> dict[str, list[str]]:
        """The values of ``attribute`` fewer than ``SMALL_GROUP`` of the interviews (those ``where`` keeps) hold,
        each with their names: a column of one is that region's answers (the island), which the chapter's
        tables leave out; the workbook warned of it, `stats --by` printed it unsaid. ``beside_larger``: none
        when every value is so small (`--by region`, one interview each: nothing to tell apart)."""
        ids = set(self.doc_ids(where)) if where else None
        names = {d.id: d.name for d in self.store.documents.light()}
        kept = {d: a for d, a in self.attributes().items() if ids is None or d in ids}
        # a list ("bestuurder;directeur") is in the group of each of its values (``value_groups``): its whole
        # text made a group of its own (8 such "columns" beside a table of 4)
        groups = {v: [names.get(d, str(d)) for d in docs] for v, docs in value_groups(kept, attribute).items()}
        out = {v: sorted(n) for v, n in groups.items() if len(n) < SMALL_GROUP}
        return {} if beside_larger and len(out) == len(groups) else out

    def doc_ids(self, where: dict[str, str] | None) -> list[int]:
        """Ids of the documents whose attributes match every ``key=value`` of ``where``
        (all documents without ``where``), in import order."""
        docs = self.store.documents.light()
        if not where:
            return [d[0] for d in docs]
        attrs = self.attributes()
        return [d[0] for d in docs if document_matches(where, attrs.get(d[0], {}), d[1])]

    def check_where(self, where: dict[str, str] | None) -> dict[str, str] | None:
        """Refuse a filter that keeps no document, or that names a value no document has (a
        mistyped value or attribute, also inside ``a,b``), saying which condition and the
        values there are; any other filter is left to the caller. Returns the filter with a
        document's short name ("doc=W01") given by its name."""
        if where:
            from sto_qual.domain.filters import why_refused, with_full_names
            attrs = self.attributes()
            docs = [(attrs.get(d[0], {}), d[1]) for d in self.store.documents.light()]
            where = with_full_names(where, [n for _a, n in docs])
            why = why_refused(where, docs)
            if why:
                raise StoQualError(why, hint="check --where")
        return where

    def _frames(self, coder: str | None = None, where: dict[str, str] | None = None):
        if self._snap is None:
            return self._frames_uncached(coder, where)
        codes, agg, doc_ids = self.memo(("frames", coder, tuple(sorted(where.items())) if where else None),
                                        lambda: self._frames_uncached(coder, where))
        return codes, agg.copy(), list(doc_ids)  # a caller's changes stay its own

    def _frames_uncached(self, coder: str | None = None, where: dict[str, str] | None = None):
        from sto_qual.analysis.frames import aggregates_frame, codes_frame
        codes = codes_frame(self.store.codes.tree(with_counts=False))
        rows = self.store.counts.cells(self.session.coder_filter(coder))
        doc_ids = [d[0] for d in self.store.documents.light()]
        if where:
            keep = set(self.doc_ids(where))
            doc_ids = [d for d in doc_ids if d in keep]
            return codes, aggregates_frame(rows, keep), doc_ids
        return codes, aggregates_frame(rows), doc_ids

    def without_attribute(self, by: str, where: dict[str, str] | None = None) -> list[str]:
        """The documents (of ``where``) that have no value for attribute ``by``: in no row of
        ``crosstab`` (a typo in one front matter took an interview out of every row unsaid); none
        for ``by`` a role (every passage has one, "onbekend" at worst)."""
        if by in ROLE_KEYS:
            return []
        attrs = self.attributes()
        names = {d.id: d.name for d in self.store.documents.all(coded_share=False)}
        return sorted(names[d] for d in self.doc_ids(where) if attrs.get(d, {}).get(by) in (None, ""))

    def _doc_values(self, by: str, doc_ids: list[int]):
        from sto_qual.analysis.frames import doc_values_frame
        attrs = self.attributes()
        rows = attribute_rows(attrs, by, doc_ids)
        if not rows:
            raise no_values_refusal(attrs, by, ROLE_KEYS)
        return doc_values_frame(rows)

    # ------------------------------------------------------------------ tables
    def theme_counts(self, *, coder: str | None = None, rollup: bool = True,
                     where: dict[str, str] | None = None, lang: str = "nl") -> Table:
        """Per code: documents (interviews) where it occurs, their share and Dutch wording,
        codings, and the words coded, each word once (a span coded by several coders, two
        sub-codes on one passage or a nested coding count their words once)."""
        from sto_qual.analysis.tables import counts_table
        codes = self.store.codes.tree(with_counts=False)
        doc_ids = self.doc_ids(where)
        totals: dict[str, list] = {}
        for (path, _doc), (n, words) in self._coverage(coder, doc_ids if where else None, rollup).items():
            t = totals.setdefault(path, [path, 0, 0, 0])
            t[1] += 1
            t[2] += n
            t[3] += words
        return counts_table([c.path for c in codes], list(totals.values()), len(doc_ids),
                            lambda n, t: self.wording(n, t, lang))

    def _coverage(self, coder: str | None, doc_ids: list[int] | None, rollup: bool,
                  by_turn: Callable[[int, int, int, int], list[tuple[int, int, str, int]]] | None = None) -> dict:
        """{(path, document): [codings, words]} (``domain.spans.coverage``), a code's spans
        counted under its parents' paths too with ``rollup``. ``by_turn(document, start, end,
        words)``: each span's parts (start, end, role, words), one per speaker's turn it covers;
        the keys are then (path, role)."""
        from sto_qual.domain.codebook import ancestors
        from sto_qual.domain.spans import coverage
        keys: dict = {c.id: tuple(ancestors(c.path)) if rollup else (c.path,)
                      for c in self.store.codes.tree(with_counts=False)}
        rows = self.store.counts.spans(self.session.coder_filter(coder), doc_ids)
        if by_turn is not None:
            rows = [(d, (code, role), a, b, n) for d, code, s, e, w in rows for a, b, role, n in by_turn(d, s, e, w)]
            keys = {k: tuple((path, k[1]) for path in keys.get(k[0], ())) for k in {r[1] for r in rows}}
        return coverage(rows, keys, self.session.text)

    def lists_values(self, by: str) -> bool:
        """Whether an interview's ``by`` lists several values ("penvoerder;bestuurder")."""
        key = self.attribute_key(by)
        return any(len(value_parts(a.get(key))) > 1 for a in self.attributes().values())

    def attribute_key(self, by: str) -> str:
        """``--by`` as spelt in the project ("Role": role; as ``--where`` keys), or in the Dutch words
        the import reads as it ("Type regio": region_type, ``names.header_key``); else as given."""
        from sto_qual.domain.names import header_key
        k = by.strip().casefold()
        every = {a for attrs in self.attributes().values() for a in attrs}
        return k if k in ROLE_KEYS else next((a for a in every if a.casefold() == k), None) or (
            header_key(by) if header_key(by) in every else by)

    def crosstab(self, by: str, *, coder: str | None = None, rollup: bool = True,
                 where: dict[str, str] | None = None, lang: str = "nl", wide: bool = False,
                 share: bool = False) -> Table:
        """code x attribute value: documents with the code among the documents with that value,
        codings and words (each word once, as ``theme_counts``). ``by='role'`` uses the speaker
        role of the coded passage instead of an attribute. ``wide``: a row per code, a column of
        documents per value (``share``: of their share; ``tables.wide_crosstab``)."""
        if wide:
            from sto_qual.analysis.tables import wide_crosstab
            return wide_crosstab(self.crosstab(by, coder=coder, rollup=rollup, where=where, lang=lang), share)
        from sto_qual.analysis.frames import covered_frame
        from sto_qual.analysis.tables import crosstab
        codes = self.store.codes.tree(with_counts=False)
        doc_ids = self.doc_ids(where)
        wording = lambda n, t: self.wording(n, t, lang)  # noqa: E731
        by = self.attribute_key(by)
        if by in ROLE_KEYS:
            return self._role_crosstab(codes, doc_ids, coder, rollup, wording, bool(where))
        covered = covered_frame(self._coverage(coder, doc_ids if where else None, rollup))
        return crosstab(covered, [c.path for c in codes], self._doc_values(by, doc_ids), wording)

    def _role_crosstab(self, codes, doc_ids, coder, rollup, wording, filtered):
        """A coded passage counts under the role of each speaker whose turn it covers, with the
        words it covers there ("onbekend" before the first turn or for a speaker without a
        role): a coding over a director's and a penvoerder's turns counted wholly for the
        director, and the penvoerder's interview not at all."""
        from bisect import bisect_left, bisect_right

        from sto_qual.analysis.frames import role_crosstab
        from sto_qual.domain.text import count_words
        roles = self.store.roles.map()
        turns: dict[int, tuple[list[int], list[int], list[str]]] = {}
        for d, s, e, speaker, name in self.store.transcripts.turn_spans():
            starts, ends, names = turns.setdefault(d, ([], [], []))
            starts.append(s)
            ends.append(e)
            names.append(self.store.roles.role_for(roles, name, speaker if isinstance(speaker, str) else None)
                         or "onbekend")

        def by_turn(doc: int, start: int, end: int, words: int) -> list[tuple[int, int, str, int]]:
            starts, ends, names = turns.get(doc, ([], [], []))
            first = bisect_right(starts, start) - 1
            last = bisect_left(starts, end) - 1
            if first == last or last < 0:  # within one turn (or before the first): as stored
                return [(start, end, names[first] if first >= 0 else "onbekend", words)]
            text = self.session.text(doc)
            parts = [(max(start, starts[i]), min(end, ends[i]), names[i]) for i in range(max(first, 0), last + 1)]
            return [(a, b, role, count_words(text[a:b])) for a, b, role in parts if a < b]
        covered = self._coverage(coder, doc_ids if filtered else None, rollup, by_turn)
        kept = set(doc_ids)
        doc_roles = [(d, r) for d, (_s, _e, names) in turns.items() if d in kept for r in set(names)]
        return role_crosstab(covered, doc_roles, [c.path for c in codes], wording)

    def presence_matrix(self, *, coder: str | None = None, rollup: bool = True,
                        where: dict[str, str] | None = None, label_by: str | None = None) -> Table:
        """Code x document presence. Columns are named by the attribute ``label_by`` (a
        document without it by its name; ``doc``/``name``: names); an attribute no document
        has is refused, listing those there are. Without ``label_by``: ``region``, when
        documents have it."""
        from sto_qual.analysis.tables import presence_matrix
        codes, agg, doc_ids = self._frames(coder, where)
        attrs = self.attributes()
        names = {d[0]: d[1] for d in self.store.documents.light()}
        if label_by is not None:
            label_by = self.attribute_key(label_by)  # "Region": as --by and --where read names
        by = labelling_attribute(attrs, label_by)
        labels = column_labels(doc_ids, names, attrs, by)
        # columns of an attribute's values in their order ("1 3 11 4 …" as the interviews came), then
        # the interviews without one; of the default, the interviews' own names (regions), as they came
        values = {n for d, ns in labels.items() if by and attrs.get(d, {}).get(by) not in (None, "") for n in ns}
        return presence_matrix(agg, codes, labels, rollup, sort=values if label_by is not None else ())

    def cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                     where: dict[str, str] | None = None) -> Table:
        """Pairs of codes that one coder applied to a common sentence unit: units and
        documents. With ``coder`` that coder's pairs; with None (every coder merged) a unit
        counts for a pair when at least one coder applied both codes there (one coder's X
        beside another's Y is a disagreement, not a co-occurrence)."""
        from sto_qual.analysis.frames import cooccurrence_codes
        from sto_qual.analysis.tables import cooccurrence, unit_totals, with_c_coefficient
        from sto_qual.store.overlaps import unit_codes
        codes = cooccurrence_codes(self.store.codes.tree(with_counts=False))
        coder_id = self.session.coder_filter(coder)
        links = unit_codes(self.store, coder_ids=[coder_id] if coder_id is not None else None,
                           doc_ids=self.doc_ids(where) if where else None)
        return with_c_coefficient(cooccurrence(links, codes, rollup), unit_totals(links, codes, rollup), "units")

    def cooccurrence_totals(self, *, coder: str | None = None, rollup: bool = False,
                            where: dict[str, str] | None = None, level: str = "sentence") -> dict[str, int]:
        """Each code's own total, the co-occurrence matrix's diagonal: the sentence units it
        is on (``level`` "sentence", of the same coders as ``cooccurrence``) or the interviews
        that hold it ("interview")."""
        from sto_qual.analysis.frames import cooccurrence_codes
        from sto_qual.analysis.tables import interview_totals, unit_totals
        if level == "interview":
            codes, agg, _ = self._frames(coder, where)
            return interview_totals(agg, codes, rollup)
        from sto_qual.store.overlaps import unit_codes
        coder_id = self.session.coder_filter(coder)
        links = unit_codes(self.store, coder_ids=[coder_id] if coder_id is not None else None,
                           doc_ids=self.doc_ids(where) if where else None)
        return unit_totals(links, cooccurrence_codes(self.store.codes.tree(with_counts=False)), rollup)

    def interview_cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                               where: dict[str, str] | None = None) -> Table:
        """Pairs of codes that both occur in an interview, anywhere in it: ``documents``."""
        from sto_qual.analysis.tables import interview_cooccurrence
        from sto_qual.analysis.tables import interview_totals, with_c_coefficient
        codes, agg, _ = self._frames(coder, where)
        return with_c_coefficient(interview_cooccurrence(agg, codes, rollup), interview_totals(agg, codes, rollup),
                                  "documents")

    def interview_order(self) -> list[tuple[int, str, str]]:
        """(document id, name, date or import position) in interview order: by date, else import order."""
        attrs = self.store.documents.attributes()
        docs = self.store.documents.light()

        def key(d):
            a = attrs.get(d[0], {})
            date = a.get("date") or a.get("created")
            # a date that is no date ("12", "2024-02-30") sorted as text among the dates: it is none
            return (0, str(date), d[3]) if date and year_month(date) else (1, "", d[3])
        return [(d[0], d[1], str(key(d)[1]) or f"#{d[3]}") for d in sorted(docs, key=key)]

    def saturation(self, *, coder: str | None = None, rollup: bool = True,
                   where: dict[str, str] | None = None) -> Table:
        """New codes per interview in interview order; ``rollup``: a theme counts from the first
        interview with any of its sub-codes; ``where``: only the matching interviews. An interview with
        no coding of those counted is in no row: nobody has coded it (a second coder's 13 of 19 read as
        "nothing new" there, the sign of saturation): ``saturation_and_uncoded`` names them."""
        return self.saturation_and_uncoded(coder=coder, rollup=rollup, where=where)[0]

    def saturation_and_uncoded(self, *, coder: str | None = None, rollup: bool = True,
                               where: dict[str, str] | None = None) -> tuple[Table, list[str]]:
        """``saturation``'s table and the interviews (of ``where``) in no row of it, with no coding of those
        counted, in interview order: from one read of the codings."""
        from sto_qual.analysis.frames import saturation_table
        codes, agg, doc_ids = self._frames(coder, where)
        chosen, coded, order = set(doc_ids), set(agg["document_id"]), self.interview_order()
        return (saturation_table(agg, codes, [o for o in order if o[0] in chosen & coded], rollup),
                [name for i, name, _key in order if i in chosen - coded])
