"""Building ReportData and quote rows from a project; every string from the project passes
through the pseudonym list here, so no writer can leak a listed name."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.domain.wording import ENGLISH, count_note, drop_count_notes, in_units, number_word
from sto_qual.report.labels import LABELS, MONTHS_EN, MONTHS_NL, join_words
from sto_qual.report.model import PointBlock, ReportData, SmallTable, ThemeSection

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace

ATTRIBUTIONS = ("role", "role-region", "region")
# up to this many interviews the report drafts a theme summary that `summarize` has not stored
FRESH_DRAFT_DOCS = 200


class QuoteIndex:
    """Attribution facts for codings: region, role of the speaker, turn number and time.
    Loaded once per call; per-turn facts are computed on first use.

    Attribution names a role by default ("— een bestuurder"); a region code plus a role
    points to one person, so ``role-region`` and ``region`` are for internal drafts."""

    def __init__(self, ws: Workspace, anon, lang: str, attribution: str = "role", labels=None) -> None:
        from sto_qual.report.labels import LabelMap
        if attribution not in ATTRIBUTIONS:
            raise StoQualError(f"unknown attribution '{attribution}'", hint="use role, role-region or region")
        self.ws = ws
        self.anon = anon
        self.lang = lang
        self.lab = LABELS[lang]
        self.mode = attribution
        self.labels = labels or LabelMap(lang, ws.store.settings.get("role_labels"),
                                         ws.store.settings.get("attribute_labels"))
        self.attrs = ws._attributes()
        self.roles = ws.store.roles.map()
        self._turns: dict[int, list] = {}
        self._starts: dict[int, list[int]] = {}
        self._facts: dict[tuple[int, int], tuple[str, str, str, str]] = {}
        self._regions: dict[int, str] = {}

    def region(self, doc_id: int, doc_name: str) -> str:
        r = self._regions.get(doc_id)
        if r is None:
            r = self.anon(str(self.attrs.get(doc_id, {}).get("region") or doc_name))
            self._regions[doc_id] = r
        return r

    def role_label(self, role: str | None) -> str:
        return self.labels.role(role)

    def attribution(self, role: str | None, region: str) -> str:
        lab = self.lab
        who = self.role_label(role)
        article = lab["a"]
        if self.lang == "en" and who[:1].lower() in "aeiou":
            article = "an"
        person = f"{article} {who}"
        if self.mode == "region":
            return f"— {lab['region']} {region}"
        if self.mode == "role-region":
            return f"— {person}, {lab['region']} {region}"
        return f"— {person}"

    def _load(self, doc_id: int) -> None:
        self.preload({doc_id})

    def preload(self, doc_ids: set[int]) -> None:
        """Load the turns of many documents at once."""
        for d, rows in self.ws.store.transcripts.turn_rows(sorted(d for d in doc_ids if d not in self._starts)).items():
            self._turns[d] = rows
            self._starts[d] = [r[0] for r in rows]

    def facts(self, doc_id: int, doc_name: str, start: int) -> tuple[str, str, str, str]:
        """(role, region, reference, attribution) of the passage starting at ``start``."""
        if doc_id not in self._starts:
            self._load(doc_id)
        i = bisect.bisect_right(self._starts[doc_id], start) - 1
        key = (doc_id, i)
        hit = self._facts.get(key)
        if hit is not None:
            return hit
        lab = self.lab
        role, ref = "", f"{lab['chars']} {start}"
        turns = self._turns.get(doc_id, [])
        if 0 <= i < len(turns):
            _s, speaker, name, t0 = turns[i]
            role = self.ws.store.roles.role_for(self.roles, name, speaker) or ""
            ref = f"{lab['turn']} {i + 1}" + (f", {t0}" if t0 else "")
        region = self.region(doc_id, doc_name)
        out = (role, region, ref, self.attribution(role, region))
        if i >= 0:
            self._facts[key] = out
        return out


def quote_rows(ws: Workspace, code: str | None = None, *, where: dict[str, str] | None = None,
               starred: bool | None = None, coder: str | None = None, lang: str = "nl",
               anonymise_text: bool = True, tuples: list[tuple] | None = None,
               index: QuoteIndex | None = None, attribution: str = "role") -> list[dict[str, Any]]:
    """Codings with anonymised text and attribution (the `quotes` command and exports).
    Without ``coder``, a span coded with the same code by several coders is one quote.
    ``anonymise_text=False`` leaves quote and memo verbatim for a caller that anonymises the
    few rows it keeps (call ``anonymise_row`` on each before it leaves the service)."""
    anon = ws.anonymiser()
    text_anon = anon if anonymise_text else (lambda t: t)
    idx = index or QuoteIndex(ws, anon, lang, attribution)
    keep = None
    if where:
        keep = set(ws._doc_ids(where))
    labels = {c.path: (c.label or c.name) for c in ws.store.codes.tree(with_counts=False)}
    rows = []
    seen = set()
    doc_names: dict[int, str] = {}
    coder_names: dict[str, str] = {}
    themes = {p: p.split("/", 1)[0] for p in labels}
    source = tuples if tuples is not None else ws.coding_tuples(code=code, coder=coder, starred=starred)
    idx.preload({t[1] for t in source})
    facts = idx.facts
    for (cid, doc_id, doc, path, start, end, text, coder_name, memo, _origin, star, _created) in source:
        if keep is not None and doc_id not in keep:
            continue
        if coder is None:
            key = (doc_id, path, start, end)
            if key in seen:
                continue
            seen.add(key)
        role, region, ref, attribution = facts(doc_id, doc, start)
        name = doc_names.get(doc_id)
        if name is None:
            name = doc_names[doc_id] = anon(doc)
        shown_coder = coder_names.get(coder_name)
        if shown_coder is None:  # coders are people too: the list applies to their names
            shown_coder = coder_names[coder_name] = anon(coder_name)
        rows.append({"id": cid, "document_id": doc_id, "theme": themes.get(path) or path.split("/", 1)[0],
                     "code": path, "region": region, "role": role,
                     "quote": text_anon(text), "attribution": attribution, "doc": name, "reference": ref,
                     "start": start, "end": end, "coder": shown_coder, "starred": bool(star),
                     "memo": text_anon(memo) if memo else None})
    return rows


def anonymise_row(r: dict[str, Any], anon) -> dict[str, Any]:
    return {**r, "quote": anon(r["quote"]), "memo": anon(r["memo"]) if r["memo"] else None}


def _period(ws: Workspace, lang: str) -> str:
    dates = []
    for a in ws._attributes().values():
        v = a.get("date") or a.get("created")
        if v:
            m = re.match(r"(\d{4})-(\d{2})", str(v))
            if m:
                dates.append((int(m.group(1)), int(m.group(2))))
    if not dates:
        return ""
    months = MONTHS_NL if lang == "nl" else MONTHS_EN
    (y0, m0), (y1, m1) = min(dates), max(dates)
    a, b = f"{months[m0 - 1]} {y0}", f"{months[m1 - 1]} {y1}"
    if a == b:
        return a
    return LABELS[lang]["between"].format(a=a, b=b)


def _method(ws: Workspace, lang: str, n_docs: int, n_themes: int, coder: str | None, reference: bool,
            labels, numbers: bool, tidy_quotes: bool, anon) -> str:
    """The method paragraph: no sentence opens with a digit, roles and numbers up to twenty in
    words, the number of themes from the report, and whose coding the counts are."""
    lab = LABELS[lang]
    role_keys = sorted({r for (_d, _l), r in ws.store.roles.map().items() if r and r != "interviewer"})
    coders = [c["name"] for c in ws.coders() if c["codings"]]
    period = _period(ws, lang)
    one = n_docs == 1
    txt = lab["m_intro"].format(n=("één" if lang == "nl" else "one") if one else number_word(n_docs, lang),
                                interviews="interview" if one else "interviews",
                                held=lab["m_held"].format(period=period) if period else "")
    if role_keys:
        txt += lab["m_roles"].format(roles=join_words([labels.role(r, plural=True) for r in role_keys], lang))
    themes = lab["m_theme_sg"] if n_themes == 1 else lab["m_theme_pl"].format(n=number_word(n_themes, lang))
    txt += lab["m_coded"].format(themes=themes)
    if coder:
        txt += lab["m_reference"].format(coder=anon(coder), ref=lab["m_ref_note"] if reference else "")
    elif coders:
        txt += lab["m_union"].format(coders=join_words([anon(c) for c in coders], lang))
    pair = ws.agreement_pair()
    if pair:
        try:
            ag = ws.agreement(*pair)  # the same pair and level as the dashboard and `agreement`
            alpha = ag["overall"]["alpha"]
            if alpha is not None:
                txt += lab["m_agreement"].format(nd=number_word(len(ag["overall"]["documents"]), lang),
                                                 alpha=f"{alpha:.2f}".replace(".", lab["decimal"]))
        except StoQualError:
            pass
    txt += lab["m_words"].format(numbers=lab["m_numbers"] if numbers else "")
    return txt + lab["m_quotes"].format(tidy=lab["m_tidy"] if tidy_quotes else "")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_report_data(ws: Workspace, *, lang: str = "nl", codes: list[str] | None = None,
                      coder: str | None = None, appendix: str = "starred", memos: bool = False,
                      main_attribute: str | None = None, numbers: bool = True, attribution: str = "role",
                      tidy_quotes: bool = False, summaries: dict[str, ThemeSummary] | None = None,
                      where: dict[str, str] | None = None) -> ReportData:
    """The chapter's content. Counts are the reference coder's (setting ``reference_coder``)
    unless ``coder`` names another; with neither, the union of all coders, said in the
    method paragraph. ``summaries`` (theme path -> ThemeSummary; default: the synthesis's,
    which counts the same codings — none in a report of a coder other than the reference
    coder or a report limited by ``where``) open the theme sections and their points
    choose the quotes; without one a theme's points are its sub-codes by prevalence.
    ``where`` limits everything to the matching documents."""
    from sto_qual.domain.quote_selection import Point
    from sto_qual.report.labels import LabelMap
    from sto_qual.services.quote_selection import QuotePicker, labels_for
    if lang not in LABELS:
        raise StoQualError(f"unknown report language '{lang}'", hint="use nl or en")
    if appendix not in ("starred", "all", "none"):
        raise StoQualError(f"unknown appendix '{appendix}'", hint="use starred, all or none")
    lab = LABELS[lang]
    anon = ws.anonymiser()
    lm = LabelMap(lang, ws.store.settings.get("role_labels"), ws.store.settings.get("attribute_labels"))
    explicit_coder = coder is not None
    reference_coder = ws.counting_coder()  # the project's reference coder, or None
    reference = not explicit_coder and reference_coder is not None
    if not explicit_coder:
        coder = reference_coder
    all_codes = ws.codebook()
    by_path = {c.path: c for c in all_codes}
    missing: set[str] = set()
    label = labels_for(by_path, lang, missing, anon)
    tops = [c for c in all_codes if c.parent is None]
    if codes:
        wanted = {ws.code(c).path.split("/")[0] for c in codes}
        tops = [c for c in tops if c.path in wanted]
    counts = ws.theme_counts(coder=coder, rollup=True, where=where, lang="nl").set_index("code")
    n_docs = int(counts["documents_total"].iloc[0]) if len(counts) else 0
    attrs = ws._attributes()
    main = main_attribute or ws.store.settings.get("main_attribute") or "region_type"
    has_main = any(main in a for a in attrs.values())
    cross = ws.crosstab(main, coder=coder, rollup=True, where=where, lang="nl") if has_main else None
    groups: list[tuple[str, int]] = []
    cells: dict[tuple[str, str], int] = {}
    if cross is not None and len(cross):
        groups = sorted({(str(v), int(t)) for v, t in zip(cross["value"], cross["documents_total"])})
        cells = {(c, str(v)): int(n) for c, v, n in zip(cross["code"], cross["value"], cross["documents"])}
    idx = QuoteIndex(ws, anon, lang, attribution, lm)
    picker = QuotePicker(ws, idx, coder_id=ws._coder_filter(coder), main=main if has_main else None,
                         tidy_quotes=tidy_quotes, labels=label, doc_ids=set(ws._doc_ids(where)) if where else None)

    def docs_of(path: str) -> int:
        return int(counts.loc[path]["documents"]) if path in counts.index else 0

    def word(n: int, total: int = n_docs) -> str:
        return ws.wording(n, total, "nl")

    def phrase(n: int, total: int = n_docs) -> str:
        w = word(n, total)
        return in_units(w, lang, (lab["unit_sg"], lab["unit_pl"])) + (count_note(n, total, w, lang) if numbers else "")

    def cell(n: int, total: int) -> str:
        w = word(n, total)
        w = w if lang == "nl" else ENGLISH.get(w, w)
        return f"{w} ({n}/{total})" if numbers else w

    sections = []
    table_no = fig_no = 0
    for top in tops:
        title = label(top.path)
        n = docs_of(top.path)
        children = sorted((c for c in all_codes if c.parent == top.path),
                          key=lambda c: (-docs_of(c.path), c.position))
        point_codes = [c.path for c in children] or [top.path]
        # every code of the theme counts for the point (sub-code) it sits under
        point_of = {}
        for c in all_codes:
            if c.path == top.path:
                if not children:
                    point_of[c.path] = top.path
                continue
            if c.path.startswith(top.path + "/"):
                point_of[c.path] = "/".join(c.path.split("/")[:2])
        if summaries is not None:
            summary = summaries.get(top.path)
        else:
            # drafts count the project's reference coder (or every coder when none is set), as
            # the chapter does by default; a report for another coder would contradict them.
            # Drafting afresh reads every coded passage, so a large project uses stored ones
            # (a synthesis speaks of every interview: a chapter over some of them has none)
            same_basis = coder == reference_coder and not where
            # drafts are written in Dutch: an English chapter takes only a person's text
            summary = _theme_summary(ws, top.path, anon, None if same_basis else coder,
                                     reviewed_only=lang != "nl", fresh=n_docs <= FRESH_DRAFT_DOCS)
            if summary is not None and not numbers:
                summary = _without_counts(summary)
        if n >= n_docs and n_docs:
            opening = [lab["theme_all"]]
        elif n:
            opening = [lab["theme_some"].format(phrase=in_units(word(n), lang, (lab["unit_sg"], lab["unit_pl"])),
                                                count=count_note(n, n_docs, word(n), lang) if numbers else "")]
        else:
            opening = [lab["theme_none"]]
        note = ""
        contrasts: list[str] = []
        if summary is not None and summary.points:
            points = [Point(key=f"p{i}", code="/".join(p.code.split("/")[:2]) if "/" in p.code else p.code,
                            references=tuple(p.references),
                            limit=2 if i < 2 and len(p.regions) * 3 >= n_docs * 2 else 1)
                      for i, p in enumerate(summary.points)]
        else:
            points = [Point(key=p, code=p, limit=2 if i < 2 and docs_of(p) * 3 >= n_docs * 2 else 1)
                      for i, p in enumerate(pc for pc in point_codes if docs_of(pc))]
        chosen = picker.choose(points, point_of)
        blocks = []
        if summary is not None:
            if summary.status == "draft":
                note = lab["concept"]
            elif summary.status == "outdated":
                note = lab["outdated"]
            reviewed_text = summary.text.strip()  # a person's text for the whole theme
            if reviewed_text:
                opening = [anon(t.strip()) for t in reviewed_text.split("\n\n") if t.strip()]
            elif summary.lead:
                opening = [anon(" ".join(summary.lead))]
            for p, sp in zip(points, summary.points):
                if reviewed_text:
                    text = ""
                elif sp.text:
                    text = anon(sp.text)
                else:
                    k = len(sp.regions)
                    w = sp.wording or word(k)
                    text = (f"{_upper_first(anon(sp.label))}: " + in_units(w, lang, (lab["unit_sg"], lab["unit_pl"]))
                            + (count_note(k, n_docs, w, lang) if numbers else "") + ".")
                blocks.append(PointBlock(text, tuple(picker.quote(c, anon) for c in chosen.get(p.key, []))))
            contrasts = [anon(c.text) for c in summary.contrasts if c.text]
        else:
            for p in points:
                k = docs_of(p.code)
                quotes = tuple(picker.quote(c, anon) for c in chosen.get(p.key, []))
                if p.code == top.path:  # a theme without sub-codes: its opening said it
                    blocks.append(PointBlock("", quotes))
                    continue
                text = lab["point_all"] if k >= n_docs else lab["point"].format(phrase=phrase(k))
                blocks.append(PointBlock(text, quotes, label=label(p.code)))
        # one table: sub-codes x the main attribute's groups, worded, with n/N
        tables = []
        if groups:
            table_no += 1
            header = (lab["col_subcode"], f"{lab['col_all']} (N={n_docs})",
                      *(f"{anon(lm.value(v))} (N={t})" for v, t in groups))
            rows = tuple((label(p), cell(docs_of(p), n_docs), *(cell(cells.get((p, v), 0), t) for v, t in groups))
                         for p in point_codes)
            tables.append(SmallTable(lab["table_groups"].format(n=table_no, title=title,
                                                                attr=lm.attribute(main)), header, rows))
        prevalence = tuple((label(c.path), docs_of(c.path)) for c in children)
        fig_caption = ""
        if len(prevalence) >= 2:
            fig_no += 1
            fig_caption = lab["fig_subcodes"].format(n=fig_no, title=title, total=n_docs)
        quotes = tuple(q for b in blocks for q in b.quotes)
        freq = opening[0] if opening else ""
        sections.append(ThemeSection(path=top.path, title=title, definition=anon(top.definition),
                                     frequency_sentence=freq, documents=n, documents_total=n_docs,
                                     wording=word(n), tables=tuple(tables), quotes=quotes, summary=summary,
                                     opening=tuple(opening), note=note, points=tuple(blocks),
                                     contrasts=tuple(contrasts), prevalence=prevalence, figure_caption=fig_caption))
    top_paths = [t.path for t in tops]
    app = tuple(picker.appendix(top_paths, appendix, anon))
    memo_items: list[tuple[str, str]] = []
    if memos:
        memo_items = _memos(ws, coder, top_paths, label, anon, idx, lab, where)
    definitions = tuple((label(c.path), anon(c.definition), c.parent is None) for c in all_codes
                        if c.path.split("/")[0] in top_paths and c.definition)
    title = "Stuurgroepinterviews: thema's en citaten" if lang == "nl" else "Steering-group interviews: themes and quotes"
    sub = ws.codebook_title()
    method = _method(ws, lang, n_docs, len(tops), coder, reference, lm, numbers, tidy_quotes, anon)
    warnings = []
    if missing:
        warnings.append(f"{len(missing)} codes have no label_en; their Dutch label is used, marked [nl]: "
                        + ", ".join(sorted(missing)[:8]) + (" …" if len(missing) > 8 else ""))
    if (summaries is None and not reference and not explicit_coder and n_docs > FRESH_DRAFT_DOCS
            and any(ws.synthesis().stored_theme_status(t.path) == "empty" for t in tops)):
        warnings.append(f"themes without a stored summary open without one: with more than {FRESH_DRAFT_DOCS} "
                        "interviews the report does not draft them itself; run `sto-qual summarize` first")
    if lm.missing:
        warnings.append("no English label for " + ", ".join(sorted(lm.missing)) + " (Dutch used, marked [nl])")
    return ReportData(lang=lang, title=title, subtitle=anon(sub), method=method,
                      themes=tuple(sections), overview=tuple((s.title, s.documents) for s in sections),
                      documents_total=n_docs, appendix=app, appendix_kind=appendix, memos=tuple(memo_items),
                      labels=lab, definitions=definitions, warnings=tuple(warnings),
                      appendix_regions=attribution != "role")


def _memos(ws: Workspace, coder: str | None, top_paths: list[str], label, anon, idx: QuoteIndex,
           lab: dict[str, str], where: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Memos on codes and on codings of these themes, grouped by code in codebook order."""
    order = {c.path: i for i, c in enumerate(ws.codebook())}
    items: list[tuple[int, str, str]] = []
    for m in ws.memos():
        if m["target"] == "code":
            path = ws.store.codes.by_id(m["target_id"]).path
            if path.split("/")[0] in top_paths:
                items.append((order.get(path, 0), label(path), anon(m["text"])))
    rows = quote_rows(ws, coder=coder, anonymise_text=False, index=idx, where=where,
                      tuples=ws.store.codings.all(coder_id=ws._coder_filter(coder), with_memo=True))
    for r in rows:
        if r["memo"] and r["theme"] in top_paths:
            items.append((order.get(r["code"], 0), label(r["code"]), f"{lab['region']} {r['region']}: {anon(r['memo'])}"))
    items.sort(key=lambda x: x[0])
    return [(a, t) for _o, a, t in items]


def _without_counts(s: ThemeSummary) -> ThemeSummary:
    """A drafted summary without its "(n van de N)" notes (``--no-numbers``); words stay."""
    from dataclasses import replace
    drop = drop_count_notes
    return replace(s, lead=tuple(drop(x) for x in s.lead), text=drop(s.text),
                   points=tuple(replace(p, text=drop(p.text)) for p in s.points),
                   contrasts=tuple(replace(c, text=drop(c.text)) for c in s.contrasts))


def _theme_summary(ws: Workspace, path: str, anon, coder: str | None, *, reviewed_only: bool = False,
                   fresh: bool = True):
    """The theme's synthesis (reviewed, or the stored or a fresh draft), anonymised; none for a
    report of a coder the synthesis does not count (``coder``). ``reviewed_only``: only a
    person's text; ``fresh=False``: nothing is drafted here, only what ``summarize`` stored."""
    if coder is not None:
        return None
    from dataclasses import replace
    syn = ws.synthesis()
    stored = syn.stored_theme_status(path)
    if (reviewed_only and stored != "reviewed") or (stored == "empty" and not fresh):
        return None
    s = syn.theme_summary(path)
    if not (s.text or s.lead or s.points or s.contrasts):
        return None
    return replace(s, lead=tuple(anon(x) for x in s.lead), text=anon(s.text),
                   points=tuple(replace(p, label=anon(p.label), evidence=anon(p.evidence), text=anon(p.text),
                                        regions=tuple(anon(r) for r in p.regions)) for p in s.points),
                   contrasts=tuple(replace(c, text=anon(c.text)) for c in s.contrasts))
