"""Building ReportData and quote rows from a project; every string from the project passes
through the pseudonym list here, so no writer can leak a listed name."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.report.labels import LABELS, MONTHS_EN, MONTHS_NL
from sto_qual.report.model import Quote, ReportData, SmallTable, ThemeSection

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace

MAX_QUOTE_SENTENCES = 3
MAX_QUOTE_WORDS = 70
_SENT_END = re.compile(r"[.!?…]+[\"”’)]*(?:\s|$)")


def _sentences(text: str) -> int:
    return max(1, len(_SENT_END.findall(text.strip())))


class QuoteIndex:
    """Attribution facts for codings: region, role of the speaker, turn number and time.
    Loaded once per call; per-turn facts are computed on first use."""

    def __init__(self, ws: Workspace, anon, lang: str) -> None:
        self.ws = ws
        self.anon = anon
        self.lab = LABELS[lang]
        self.attrs = ws._attributes()
        self.roles = ws.store.role_map()
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

    def _load(self, doc_id: int) -> None:
        self.preload({doc_id})

    def preload(self, doc_ids: set[int]) -> None:
        """Load the turns of many documents at once."""
        for d, rows in self.ws.store.turn_rows(sorted(d for d in doc_ids if d not in self._starts)).items():
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
            role = self.ws.store.role_for(self.roles, name, speaker) or ""
            ref = f"{lab['turn']} {i + 1}" + (f", {t0}" if t0 else "")
        region = self.region(doc_id, doc_name)
        parts = [lab["respondent"], f"{lab['region']} {region}"]
        if role and role != "interviewer":
            parts.append(role)
        out = (role, region, ref, "— " + ", ".join(parts))
        if i >= 0:
            self._facts[key] = out
        return out


def quote_rows(ws: Workspace, code: str | None = None, *, where: dict[str, str] | None = None,
               starred: bool | None = None, coder: str | None = None, lang: str = "nl",
               anonymise_text: bool = True, tuples: list[tuple] | None = None,
               index: QuoteIndex | None = None) -> list[dict[str, Any]]:
    """Codings with anonymised text and attribution (the `quotes` command and exports).
    Without ``coder``, a span coded with the same code by several coders is one quote.
    ``anonymise_text=False`` leaves quote and memo verbatim for a caller that anonymises the
    few rows it keeps (call ``anonymise_row`` on each before it leaves the service)."""
    anon = ws.anonymiser()
    text_anon = anon if anonymise_text else (lambda t: t)
    idx = index or QuoteIndex(ws, anon, lang)
    keep = None
    if where:
        keep = set(ws._doc_ids(where))
    labels = {c.path: (c.label or c.name) for c in ws.store.codes(with_counts=False)}
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


def _method(ws: Workspace, lang: str, n_docs: int, coder: str | None) -> str:
    roles = sorted({r for (_d, _l), r in ws.store.role_map().items() if r != "interviewer"})
    coders = [c["name"] for c in ws.coders() if c["codings"]]
    if coder:
        coders = [coder]
    anon = ws.anonymiser()
    period = _period(ws, lang)
    lab = LABELS[lang]
    agreement = ""
    pair = ws.agreement_pair()
    if pair and not coder:
        try:
            ag = ws.agreement(*pair)  # the same pair and level as the dashboard and `agreement`
            alpha = ag["overall"]["alpha"]
            if alpha is not None:
                agreement = lab["m_agreement"].format(nd=len(ag["overall"]["documents"]),
                                                      alpha=f"{alpha:.2f}".replace(".", lab["decimal"]))
        except StoQualError:
            agreement = ""
    txt = lab["m_intro"].format(n=n_docs, held=lab["m_held"].format(period=period) if period else "")
    if roles:
        txt += lab["m_roles"].format(roles=", ".join(roles))
    txt += lab["m_coded"].format(by=lab["m_by"].format(coders=", ".join(anon(c) for c in coders)) if coders else "")
    return txt + agreement + lab["m_quotes"]


def _pick_quotes(rows: list[dict[str, Any]], k_min: int = 3, k_max: int = 8) -> list[dict[str, Any]]:
    """Starred first; then a representative spread: one per region in turn, short ones first."""
    def ok(r):
        return _sentences(r["quote"]) <= MAX_QUOTE_SENTENCES and len(r["quote"].split()) <= MAX_QUOTE_WORDS
    starred = [r for r in rows if r["starred"] and ok(r)]
    picked = starred[:k_max]
    if len(picked) >= k_min:
        return picked
    used_regions = {r["region"] for r in picked}
    pool = sorted([r for r in rows if not r["starred"] and ok(r) and len(r["quote"].split()) >= 8],
                  key=lambda r: (abs(len(r["quote"].split()) - 30), r["region"], r["start"]))
    by_region: dict[str, list] = {}
    for r in pool:
        by_region.setdefault(r["region"], []).append(r)
    want = max(k_min, min(5, k_max))
    while len(picked) < want and any(by_region.values()):
        for region in sorted(by_region, key=lambda x: (x in used_regions, x)):
            if by_region[region] and len(picked) < want:
                picked.append(by_region[region].pop(0))
                used_regions.add(region)
    return picked


def build_report_data(ws: Workspace, *, lang: str = "nl", codes: list[str] | None = None,
                      coder: str | None = None, appendix: str = "starred", memos: bool = True,
                      main_attribute: str | None = None, where: dict[str, str] | None = None) -> ReportData:
    if lang not in LABELS:
        raise StoQualError(f"unknown report language '{lang}'", hint="use nl or en")
    lab = LABELS[lang]
    anon = ws.anonymiser()
    all_codes = ws.codebook()
    tops = [c for c in all_codes if c.parent is None]
    if codes:
        wanted = {ws.code(c).path.split("/")[0] for c in codes}
        tops = [c for c in tops if c.path in wanted]
    counts = ws.theme_counts(coder=coder, rollup=True, where=where, lang=lang).set_index("code")
    n_docs = int(counts["documents_total"].iloc[0]) if len(counts) else 0
    attrs = ws._attributes()
    main = main_attribute or ws.store.get_setting("main_attribute") or "region_type"
    has_main = any(main in a for a in attrs.values())
    cross = (ws.crosstab(main, coder=coder, rollup=True, where=where, lang=lang).set_index(["code", "value"])
             if has_main else None)
    # Quote candidates come from SQL: every starred coding, and per theme and interview the
    # few codings closest to a quotable length — not all codings of a large project.
    # They stay verbatim here and are anonymised below, only the ones that go into the report.
    idx = QuoteIndex(ws, anon, lang)
    coder_id = ws._coder_filter(coder)
    starred_rows = quote_rows(ws, coder=coder, lang=lang, anonymise_text=False, index=idx, where=where,
                              tuples=ws.store.coding_tuples(starred=True, coder_id=coder_id))
    by_theme: dict[str, list] = {}
    for r in starred_rows:
        by_theme.setdefault(r["theme"], []).append(r)
    for top in tops:
        ids = [c.id for c in all_codes if c.path == top.path or c.path.startswith(top.path + "/")]
        cands = ws.store.quote_candidates(ids, coder_id=coder_id, min_words=8, max_words=MAX_QUOTE_WORDS)
        by_theme.setdefault(top.path, []).extend(
            quote_rows(ws, coder=coder, lang=lang, anonymise_text=False, index=idx, tuples=cands, where=where))
    sections = []
    table_no = 0
    for top in tops:
        row = counts.loc[top.path]
        n, wording = int(row["documents"]), str(row["wording"])
        title = anon(top.label or top.name)
        freq = (lab["freq"].format(n=n, total=n_docs, unit=lab["unit"], wording=wording) if n
                else lab["freq_none"].format(total=n_docs, unit=lab["unit"]))
        tables = []
        if cross is not None:
            table_no += 1
            sub = cross.loc[top.path] if top.path in cross.index.get_level_values(0) else None
            rows = tuple((anon(str(v)), f"{int(r['documents'])} / {int(r['documents_total'])}", str(r["wording"]))
                         for v, r in (sub.iterrows() if sub is not None else []))
            tables.append(SmallTable(lab["table_by"].format(n=table_no, title=title, attr=main),
                                     (main, lab["col_docs"], lab["col_wording"]), rows))
        children = [c for c in all_codes if c.parent == top.path]
        if children:
            table_no += 1
            rows = tuple((anon(c.label or c.name), f"{int(counts.loc[c.path]['documents'])} / {n_docs}",
                          str(counts.loc[c.path]["wording"]), str(int(counts.loc[c.path]["codings"])))
                         for c in children)
            tables.append(SmallTable(lab["table_sub"].format(n=table_no, title=title),
                                     (lab["col_subcode"], lab["col_docs"], lab["col_wording"], lab["col_codings"]), rows))
        quotes = tuple(_quote(anonymise_row(r, anon)) for r in _pick_quotes(by_theme.get(top.path, [])))
        sections.append(ThemeSection(path=top.path, title=title, definition=anon(top.definition),
                                     frequency_sentence=freq, documents=n, documents_total=n_docs, wording=wording,
                                     tables=tuple(tables), quotes=quotes,
                                     summary=_theme_summary(ws, top.path, anon, coder)))
    matrix = ws.presence_matrix(coder=coder, rollup=True, where=where)
    top_paths = [t.path for t in tops]
    matrix = matrix.loc[[p for p in matrix.index if p.split("/")[0] in top_paths]]
    if matrix.shape[1] > 60 and has_main:  # too many interviews for one figure: per main attribute
        labels_by_doc = {}
        names = {d[1]: d[0] for d in ws.store.documents_light()}
        for col in matrix.columns:
            d = names.get(col)
            labels_by_doc[col] = str(attrs.get(d, {}).get(main, "?")) if d else "?"
        matrix = matrix.T.groupby(labels_by_doc).sum().T
    if appendix == "all":
        every = quote_rows(ws, coder=coder, lang=lang, anonymise_text=False, index=idx, where=where)
        app = tuple(_quote(anonymise_row(r, anon)) for r in every if r["theme"] in top_paths)
    elif appendix == "starred":
        app = tuple(_quote(anonymise_row(r, anon)) for r in starred_rows if r["theme"] in top_paths)
    else:
        app = ()
    memo_items: list[tuple[str, str]] = []
    if memos:
        for m in ws.memos():
            about = m["target"]
            if m["target"] == "code":
                about = ws.store.code_by_id(m["target_id"]).path
            memo_items.append((anon(about), anon(m["text"])))
        memo_rows = quote_rows(ws, coder=coder, lang=lang, anonymise_text=False, index=idx, where=where,
                               tuples=ws.store.coding_tuples(coder_id=coder_id, with_memo=True))
        for r in memo_rows:
            if r["memo"]:
                memo_items.append((f"{r['code']} ({lab['region']} {r['region']})", anon(r["memo"])))
    title = "Stuurgroepinterviews: thema's en citaten" if lang == "nl" else "Steering-group interviews: themes and quotes"
    sub = ws.codebook_title()
    return ReportData(lang=lang, title=title, subtitle=anon(sub), method=_method(ws, lang, n_docs, coder),
                      themes=tuple(sections), overview=tuple((s.title, s.documents) for s in sections),
                      documents_total=n_docs,
                      heatmap_rows=tuple(anon(_row_label(p, all_codes)) for p in matrix.index),
                      heatmap_cols=tuple(anon(str(c)) for c in matrix.columns),
                      heatmap=tuple(tuple(int(v) for v in row) for row in matrix.to_numpy()),
                      appendix=app, appendix_kind=appendix, memos=tuple(memo_items), labels=lab)


def _theme_summary(ws: Workspace, path: str, anon, coder: str | None):
    """The theme's synthesis (reviewed, or the stored or a fresh draft), anonymised; none for a
    one-coder report (the synthesis rests on every coder's codings)."""
    if coder is not None:
        return None
    from dataclasses import replace
    s = ws.synthesis().theme_summary(path)
    if not (s.text or s.lead or s.points or s.contrasts):
        return None
    return replace(s, lead=tuple(anon(x) for x in s.lead), text=anon(s.text),
                   points=tuple(replace(p, label=anon(p.label), evidence=anon(p.evidence), text=anon(p.text),
                                        regions=tuple(anon(r) for r in p.regions)) for p in s.points),
                   contrasts=tuple(replace(c, text=anon(c.text)) for c in s.contrasts))


def _row_label(path: str, codes) -> str:
    code = next((c for c in codes if c.path == path), None)
    name = (code.label or code.name) if code else path
    return name if "/" not in path else f"– {name}"


def _quote(r: dict[str, Any]) -> Quote:
    return Quote(text=r["quote"], attribution=r["attribution"], theme=r["theme"], code=r["code"], region=r["region"],
                 role=r["role"], doc=r["doc"], reference=r["reference"], starred=r["starred"], memo=r["memo"])
