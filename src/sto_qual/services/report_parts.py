"""Parts of the chapter beside the theme sections: the memo appendix, the theme summaries
(anonymised, without counts for ``--no-numbers``) and the prose of a chapter on part of the
interviews."""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.drafting import POINT_FRAMES as NL_FRAMES
from sto_qual.domain.drafting_en import EARLIER_FRAMES, POINT_FRAMES as EN_FRAMES
from sto_qual.domain.drafting_en import is_example, names_one_region
from sto_qual.domain.filters import condition_text
from sto_qual.domain.quote_selection import SMALL_GROUP
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.domain.text import year_range
from sto_qual.domain.wording import all_of_part, count_word, drop_count_notes, in_group_units, number_word
from sto_qual.report.labels import join_words, table_caption
from sto_qual.report.model import STALE, SmallTable, ThemeSection, sentence_mark
from sto_qual.report.vocabulary import region_group_one
from sto_qual.services.report_contrasts import group_sizes
from sto_qual.services.report_quotes import QuoteIndex, quote_rows

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project
    from sto_qual.services.synthesis import SynthesisService


def memo_items(ws: Project, coder: str | None, top_paths: list[str], label, anon, idx: QuoteIndex,
               lab: dict[str, str], where: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Memos on codes and on codings of these themes, grouped by code in codebook order; a
    coding's memo names its region only in an internal draft (``--attribution`` with a region),
    as the quote appendix does."""
    order = {c.path: i for i, c in enumerate(ws.codebook())}
    items: list[tuple[int, str, str]] = []
    for m in ws.memos():
        if m["target"] == "code":
            path = ws.store.codes.by_id(m["target_id"]).path
            if path.split("/")[0] in top_paths:
                items.append((order.get(path, 0), label(path), anon(m["text"])))
    rows = quote_rows(ws, coder=coder, anonymise_text=False, index=idx, where=where,
                      tuples=ws.store.codings.all(coder_id=ws.session.coder_filter(coder), with_memo=True))
    named = idx.mode != "role"  # a region beside a memo that names a role points to one person: internal drafts only
    for r in rows:
        if r["memo"] and r["theme"] in top_paths:
            text = f"{lab['region']} {r['region']}: {anon(r['memo'])}" if named else anon(r["memo"])
            items.append((order.get(r["code"], 0), label(r["code"]), text))
    items.sort(key=lambda x: x[0])
    return [(a, t) for _o, a, t in items]


def first_example_again(texts: list[str], remarks: bool = False) -> list[str]:
    """A paragraph's sentences with a drafted "Een andere regio: …" (a third, a fourth) that no
    drafted example comes before read as the first example ("Een regio noemt als voorbeeld:
    …"): after a writer rewrote the first example in her own words, the next still said
    "another region" of none. In the remarks on the theme as a whole (``remarks``) as the draft
    opens them ("Daarnaast noemt een regio: …"): "bijvoorbeeld" there was an example of nothing."""
    out, keys = list(texts), ("later", "third", "fourth")
    for i, text in enumerate(out):
        for frames in (NL_FRAMES, EN_FRAMES):
            later = [(frames[k].split("{")[0], k) for k in keys] + (
                list(zip(EARLIER_FRAMES, keys)) if frames is NL_FRAMES else [])  # a draft stored before they had a verb
            hit, key = next(((p, k) for p, k in later if text.startswith(p)), (None, None))
            n = hit and sum(1 for t in out[:i] if is_example(t) or names_one_region(t))
            if hit and (not n or keys[min(n, 3) - 1] != key):  # "Een derde regio" after one (one left out): "andere"
                frame = frames["theme" if remarks else "first"] if not n else frames[keys[min(n, 3) - 1]]
                out[i] = frame.split("{")[0] + text[len(hit):]
    return out


def sentence_marks(s: ThemeSummary, shown: Callable[[Any], bool] = lambda c: True
                   ) -> tuple[dict[str, bool | str], list[bool | str], str, bool]:
    """(lead sentence -> its mark, each sentence's mark in the chapter's order, the label of
    the note on the marked ones, whether a person reviewed any). ``shown(contrast)``: whether
    the chapter prints it (a note on yellow sentences the chapter leaves out pointed at none)."""
    old = (*s.lead_outdated, *(False,) * len(s.lead))
    leads = [sentence_mark(r, o) for r, o in zip(s.lead_reviewed, old)]
    marks = [*leads, *(sentence_mark(p.reviewed, p.outdated) for p in s.points),
             *(sentence_mark(c.reviewed, c.outdated) for c in s.contrasts if shown(c))]
    stale, drafts = STALE in marks, True in marks
    note = ("concept_partly" if not stale else "concept_stale" if drafts else "stale_only")
    return dict(zip(s.lead, leads)), marks, note, not all(m is True for m in marks)


def without_counts(s: ThemeSummary) -> ThemeSummary:
    """A drafted summary without its "(n van de N)" notes (``--no-numbers``); words stay."""
    from dataclasses import replace
    drop = drop_count_notes
    return replace(s, lead=tuple(drop(x) for x in s.lead), text=drop(s.text),
                   points=tuple(replace(p, text=drop(p.text)) for p in s.points),
                   contrasts=tuple(replace(c, text=drop(c.text)) for c in s.contrasts))


def theme_summary(syn: SynthesisService, path: str, anon, coder: str | None, *, lang: str = "nl", fresh: bool = True,
                  doc_ids=None):
    """The theme's synthesis in the report's language (reviewed, or the stored or a fresh
    draft), anonymised; none for a report of a coder the synthesis does not count (``coder``).
    ``fresh=False``: nothing is drafted here, only what ``summarize`` stored (it stores Dutch
    drafts, so a large English report has reviewed text only). ``doc_ids``: a chapter on part
    of the interviews gets a fresh draft over them (stored text speaks of every interview)."""
    if coder is not None:
        return None
    from dataclasses import replace
    if doc_ids is not None:
        if not fresh:
            return None
        s = syn.part_summary(path, doc_ids, lang=lang)
    else:
        stored = syn.stored_theme_status(path)
        if not fresh and (stored == "empty" or (lang != "nl" and stored != "reviewed")):
            return None
        s = syn.theme_summary(path, lang=lang, unspoken=True)
    if not (s.text or s.lead or s.points or s.contrasts):
        return None
    return replace(s, lead=tuple(anon(x) for x in s.lead), text=anon(s.text),
                   points=tuple(replace(p, label=anon(p.label), evidence=anon(p.evidence), text=anon(p.text),
                                        regions=tuple(anon(r) for r in p.regions)) for p in s.points),
                   contrasts=tuple(replace(c, text=anon(c.text)) for c in s.contrasts))


def in_group(sections: list[ThemeSection], lang: str, one: str, many: str) -> list[ThemeSection]:
    """The drafted prose of each section with its regions named as the group's (quotes stay
    verbatim, tables have their own header)."""
    return prose(sections, lambda text: in_group_units(text, lang, one, many))


def chapter_subtitle(ws: Project, lab: dict[str, str], lang: str) -> str:
    """The codebook's title; in English the project's English title (setting codebook_title_en),
    else the chapter's own English subtitle with the round's years from the Dutch title."""
    sub = ws.codebook_title()
    if lang == "nl":
        return year_range(sub)
    years = re.search(r"\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b", sub)  # "2023-2024", "2024"
    return year_range(ws.store.settings.get("codebook_title_en") or
                      (lab["subtitle_en"] + (f" {years.group(0)}" if years else "")))


def part_subtitle(lab: dict[str, str], group: str | None, roles: list[str] | None, part: bool,
                  internal: bool = False, after: str = "") -> str:
    """The subtitle ``after`` with what a chapter on part of the interviews adds, so its title page
    says which part it is ("… 2023-2024: krimpregio's"; the method says it again in full), and an
    internal draft (quotes beside their regions) that it is one. After a subtitle with a colon of
    its own the part follows a dash ("Evaluatie: stuurgroepen — krimpregio's", not a second colon)."""
    said = "" if not part else f": {group}" if group else (
        lab["sub_roles"].format(roles=f" {lab['or']} ".join(roles)) if roles else lab["sub_part"])
    if ":" in after and said.startswith(": "):
        after, said = after.rstrip().removesuffix(":"), " — " + said[2:]  # ("Titel:" read "Titel: — …")
    return after + said + (lab["sub_internal"] if internal else "")


def all_of_groups(text: str, lang: str, groups: Sequence[tuple[str, int]],
                  label_of: Callable[[str], str] | None = None) -> str:
    """A chapter on part of the interviews (not one region type): "alle stedelijke regio's" ->
    "alle drie stedelijke regio's" (the part's, "beide" for two), so it is not read as every
    urban region of the project, where the main chapter says "de meeste (4 van 5)"."""
    from sto_qual.report.vocabulary import region_group
    for value, n in groups:
        many = region_group(value, lang, label_of(value) if label_of else None)
        if not many or n < 2:
            continue
        word = ("beide" if lang == "nl" else "both") if n == 2 else None
        # "…, in de krimpregio's niet": the part's three, not the project's four; a count after it
        # says the part's size already ("de helft van de landelijke regio's (2 van 4)", not "… de vier … (2 van 4)")
        text = re.sub(rf"\b([Dd]e|[Tt]he) {re.escape(many)}(?! \(\d+ (?:van|of) \d+\))",
                      lambda m: f"{m.group(1)} {number_word(n, lang)} {many}", text)
        pattern = re.compile(rf"(?<![Vv]rijwel )(?<![Nn]early )\b([Aa]lle|[Aa]ll) {re.escape(many)}")
        the = " de" if lang == "nl" else ""  # "alle drie de stedelijke regio's" (after the rule above)
        text = pattern.sub(lambda m: (f"{(word.capitalize() if m.group(1)[0] == 'A' else word)} {many}" if word else
                                      f"{m.group(1)} {number_word(n, lang)}{the} {many}"), text)
    return text


def prose(sections: list[ThemeSection], g: Callable[[str], str]) -> list[ThemeSection]:
    """Each section's drafted prose rewritten by ``g`` (quotes and tables as they are)."""
    return [replace(t, opening=tuple(map(g, t.opening)), frequency_sentence=g(t.frequency_sentence),
                    opening_parts=tuple(tuple(map(g, ps)) for ps in t.opening_parts),
                    points=tuple(replace(b, text=g(b.text), parts=tuple((g(x), c) for x, c in b.parts))
                                 for b in t.points),
                    contrasts=tuple(map(g, t.contrasts))) for t in sections]


def names_interviews(ws: Project, where: dict[str, str]) -> bool:
    """Whether ``where`` picks interviews by what names one of them: the document (``doc``, a
    region code) or an attribute no two interviews share (the region)."""
    attrs = ws.analysis_service.attributes()
    for key in where:
        values = [str(a.get(key)) for a in attrs.values() if a.get(key) not in (None, "")]
        if key == "doc" or (values and len(set(values)) == len(values) == len(attrs)):
            return True
    return False


def part_said(ws: Project, where: dict[str, str] | None, coders_part: dict[str, str] | None, attribution: str,
              lm) -> tuple[str | None, list[str] | None]:
    """How the method names a chapter's part of the interviews: (``where_part``, ``where_roles``).
    A part said without naming its interviews: the coder's (``--coder``), or chosen by name, where
    "met als document ‘R02,R05’" beside a role would point to a person; the interviews where a
    role sat at the table, in words."""
    part = (coders_part.get("kind", "coder") if coders_part else
            "chosen" if where and attribution == "role" and names_interviews(ws, where) else None)
    roles = ([lm.role(r.strip()) for r in str(where["respondent_roles"]).split(",") if r.strip()]
             if where and set(where) == {"respondent_roles"} else None)
    return part, roles


def back_to(ws: Project, coder: str) -> str:
    """The `reference-coder` that counts one of an agreed coding's two coders again, and what it
    counts: "… of all 19", or of the interviews she coded (it said "all 19" of a coder of three)."""
    total, hers = len(ws.documents()), len(ws.analysis_service.coded_documents(coder))
    if hers >= total:
        return f"`sto-qual reference-coder {shlex.quote(coder)}` makes it count {coder}'s coding of all {total} again"
    return (f"`sto-qual reference-coder {shlex.quote(coder)}` makes it count {coder}'s coding again, of the {hers} "
            f"interview{'s' if hers != 1 else ''} {coder} coded (the chapter is then about those)")


def rest_hint(ws: Project, name: str) -> str:
    """How agreed coding ``name`` of a double-coded sample takes in the interviews one of its two coded
    alone (`agreed NAME --add --rest A`, A the one who coded more of those), so the chapter counts them all."""
    held = set(ws.agreed.part(name) or ())
    alone = {c: [d for d in ws.analysis_service.coded_documents(c) if d not in held] for c in ws.agreed.pairs()[name]}
    who = max(alone, key=lambda c: len(alone[c]))
    if not alone[who]:
        return ""
    return (f"; or `sto-qual agreed {shlex.quote(name)} --add --rest {shlex.quote(who)}` takes {who}'s coding of the "
            f"{len(alone[who])} other interview{'s' * (len(alone[who]) != 1)} into {name}, so that the chapter counts "
            f"{'them all' if len(alone[who]) != 1 else 'it too'}")


def coder_part(ws: Project, coder: str | None, explicit: bool = True) -> dict[str, str] | None:
    """A chapter for one coder (``--coder``) who coded only some of the interviews is about
    those: counted over all of them, every interview the coder did not code read as a region
    where no theme came up ("in de landelijke regio's geen"). So is one counting an agreed coding
    (`agreed`; the reference coder too): about the interviews its two coders both coded, where
    it was made. The part as a ``--where`` (``doc``), with ``kind`` (the method's words) and
    ``said`` (the line on stderr)."""
    total = len(ws.documents())
    docs = ws.agreed.part(coder)
    if docs:
        a, b = ws.agreed.pairs()[coder]
        return {"doc": ",".join(docs), "kind": "agreed",
                "said": f"{coder} is the agreed coding of the {len(docs)} of the {total} interviews {a} and {b} both "
                        f"coded: the chapter is about those (its method says so); {back_to(ws, a)}"
                        + rest_hint(ws, coder)}
    if not explicit or coder is None:
        return None
    mine = ws.analysis_service.coded_documents(coder)
    return ({"doc": ",".join(mine), "said": f"{coder} coded {len(mine)} of the {total} interviews: the chapter is "
             "about those (its method says so); give --where to report on other interviews"}
            if mine and len(mine) < total else None)


def refuse_uncounted(ws: Project, coder: str | None, where: dict[str, str] | None) -> None:
    """A chapter counting a coder who coded none of its interviews is refused (every theme "in geen
    van de regio's"), and so is one counting an agreed coding (`agreed`) on interviews it does not
    hold: it read them as regions where no theme came up ("in de helft van de krimpregio's (2 van
    4)", where the first coder's coding has all four) under a method saying the counts were of all
    of them, or it failed (the warning after `reference-coder consensus` advised --where)."""
    docs = ws.agreed.part(coder) if where else None
    from sto_qual.domain.errors import StoQualError
    names = {d[0]: d[1] for d in ws.store.documents.light()} if docs else {}  # (names only: not their counts)
    outside = [names[i] for i in ws.analysis_service.doc_ids(where) if names[i] not in docs] if docs else []
    ws.analysis_service.refuse_uncoded(None if outside else coder, where,
                                       then="the chapter would say that no region raises any theme")
    if outside:
        a, b = ws.agreed.pairs()[coder]
        cond = " ".join(shlex.quote(condition_text(k, v)) for k, v in where.items())
        raise StoQualError(f"--where {cond} keeps interviews {coder} does not hold ({join_words(outside, 'en')}): "
                           f"it is the agreed coding of the {count_word(len(docs), 'en')} interviews {a} and {b} both "
                           f"coded ({', '.join(docs)}); nothing was written",
                           hint=f"`sto-qual reference-coder {shlex.quote(a)}` makes the chapter count {a}'s coding "
                                f"of every interview again; or keep --where to those {count_word(len(docs), 'en')}")


def refuse_small_part(where: dict[str, str] | None, n_docs: int, attribution: str) -> None:
    """A chapter on fewer than three interviews chosen with ``--where`` (the one island region,
    two interviews by name) points every quote attributed by role to one person ("— een
    penvoerder": the island's one grant holder): refused, as its own method says such a group
    can point to one region. An internal draft (``--attribution role-region``/``region``) names
    its regions anyway."""
    if not where or attribution != "role" or not 0 < n_docs < SMALL_GROUP:
        return
    from sto_qual.domain.errors import StoQualError
    cond = " ".join(shlex.quote(condition_text(k, v)) for k, v in where.items())
    raise StoQualError(f"--where {cond} keeps only {count_word(n_docs, 'en')} interview{'s' if n_docs != 1 else ''}: "
                       "in a chapter on so few, every quote credited to a role would point to one person (the "
                       "project's chapter already counts them)",
                       hint=f"choose at least {count_word(SMALL_GROUP, 'en')} interviews, or write an internal draft "
                            f"that names the regions: `sto-qual report --where {cond} --attribution role-region`")


def small_groups_note(small: list[tuple[str, int]], lm, lab: dict[str, str], lang: str, anon, col: str) -> str:
    """The note under a table without columns for small groups; ``col``: the column they count in,
    as the table heads it ("deze regio's" in a chapter on part of the interviews)."""
    if not small:
        return ""
    return lab["table_small"].format(groups=group_sizes(small, lm, lang, anon), n=number_word(SMALL_GROUP, lang),
                                     col=col)


# the method, when quotes are credited "een geïnterviewde" for naming a region type of fewer than three
# interviews (the island), alone or beside a role too rare to name (``m_rare_roles``): (that, both)
UNNAMED = {"nl": (" Bij een citaat staat de rol van de spreker, behalve waar het citaat zelf een type regio noemt "
                  "waarvan er minder dan drie zijn en zo naar één persoon zou wijzen: daar staat ‘een "
                  "geïnterviewde’.",
                  " Bij een citaat staat de rol van de spreker, behalve waar die rol in minder dan drie van de "
                  "interviews spreekt of waar het citaat zelf een type regio noemt waarvan er minder dan drie zijn: "
                  "zo'n citaat zou naar één persoon wijzen, en daar staat ‘een geïnterviewde’."),
           "en": (" A quote names its speaker's role, except where the quote itself names a type of region with "
                  "fewer than three interviews and would point to one person: there it says ‘an interviewee’.",
                  " A quote names its speaker's role, except where that role speaks in fewer than three of the "
                  "interviews or the quote itself names a type of region with fewer than three interviews: such a "
                  "quote would point to one person, and there it says ‘an interviewee’.")}


# the method's sentence on the groups the differences compare, and those too small to compare
def left_out_note(lost: int, same: int, lab: dict[str, str], lang: str, kind: str = "starred") -> str:
    """Which passages the appendix leaves out and why, in words (``kind``: the appendix's)."""
    digits = max(lost, same) > 20  # both in digits when one is too large for words

    def n(k: int) -> str:
        if digits:
            return str(k)
        return count_word(k, lang)
    def part(key: str, k: int) -> list[str]:  # "één passage die … is", "twee passages die … zijn"
        return [lab[key].format(n=n(k), s="" if k == 1 else lab["plural_s"], verb=lab[key + "_verb"][k != 1])] if k else []
    parts = part("left_lost", lost) + part("left_same_starred" if kind == "starred" else "left_same", same)
    one = lost + same == 1
    return lab["left_out_one" if one else "left_out"].format(parts=join_words(parts, lang)) if parts else ""


def theme_table(lab: dict[str, str], point_codes: list[str], flat: bool, whole: bool, numbers: bool, n: int,
                title: str, attr: str, all_col: str, columns: list[tuple[str, tuple[str, int]]],
                row: Callable[[str], tuple[str, ...]], note: str) -> SmallTable:
    """A theme's table ``n``: its sub-codes (``flat``: the theme itself) by the chapter's interviews
    (``all_col``) and the main attribute's groups (``columns``: each group's title and (value,
    size)); ``row`` gives a code's cells, worded, with n/N."""
    header = (lab["col_theme" if flat else "col_subcode"], all_col,
              *(f"{heading} (N={size})" for heading, (_v, size) in columns))
    kind = "table_plain" if whole else "table_flat" if flat else "table_groups"
    return SmallTable(table_caption(lab, kind, numbers, n=n, title=title, attr=attr), header,
                      tuple(row(p) for p in point_codes), note)


def part_prose(sections: list[ThemeSection], lang: str, n_docs: int, where_group: str | None, group_value: str | None,
               part: bool, groups: Sequence[tuple[str, int]], lm) -> list[ThemeSection]:
    """The chapter's prose in the words of the interviews it is on: one region type speaks of its
    regions ("In alle krimpregio's"; the one island interview of an internal draft "In de regio",
    not "In alle eilandregio's"); another ``part`` does not say "alle regio's", which pasted into
    the report reads as all nineteen; a project of one or two interviews says "In de regio", "in
    beide regio's" (it said "In alle regio's" of one)."""
    if where_group:
        if n_docs == 1:
            sections = prose(sections, lambda text: all_of_part(text, lang, 1))
        return in_group(sections, lang, region_group_one(group_value, lang, article=False, label=lm.value(group_value)),
                        where_group)
    if part:
        return prose(sections, lambda text: all_of_groups(all_of_part(text, lang, n_docs), lang, groups, lm.value))
    if n_docs <= 2:
        return prose(sections, lambda text: all_of_part(text, lang, n_docs))
    return sections


def reviewed_parts(s: ThemeSummary | None) -> int:
    """How much of a summary a person wrote or accepted (a whole text counts as all of it)."""
    if s is None:
        return 0
    if s.text.strip() or s.status == "reviewed":
        return 1 << 20
    return sum(s.lead_reviewed) + sum(p.reviewed for p in s.points) + sum(c.reviewed for c in s.contrasts)


_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def group_columns(cross, min_group: int) -> tuple[list[tuple[str, int]], dict[tuple[str, str], int],
                                                  list[tuple[str, int]]]:
    """The main attribute's groups as the chapter's tables show them, from ``crosstab`` (None: no
    interview has the attribute): the groups with a column ((value, size), sorted), each cell's
    count by (code, value), and the ``small`` groups: one or two interviews are no comparison and
    point to a region, so they stay out of the columns (still counted under "alle regio's"), and
    a note under the table says so."""
    if cross is None or not len(cross):
        return [], {}, []
    # numbers in their order ("1, 5, 10", not "1, 10, 5": a main attribute such as school_boards)
    groups = sorted({(str(v), int(t)) for v, t in zip(cross["value"], cross["documents_total"])},
                    key=lambda g: (0, float(g[0].replace(",", ".")), g[0]) if _NUMBER.fullmatch(g[0])
                    else (1, 0.0, g[0]))
    cells = {(c, str(v)): int(n) for c, v, n in zip(cross["code"], cross["value"], cross["documents"])}
    return ([g for g in groups if g[1] >= min_group], cells, [g for g in groups if g[1] < min_group])


def researchers_in(ws: Project, part: Collection[int] | None) -> int:
    """How many coders coded the chapter's interviews (``part``; None: all): a second round one researcher coded
    said "de andere citaten die de onderzoekers kozen" of it, counting the first round's second coder."""
    if part is None:
        return sum(1 for c in ws.coders() if c["codings"])
    return sum(1 for n in ws.store.coders.codings_in(list(part)).values() if n)
