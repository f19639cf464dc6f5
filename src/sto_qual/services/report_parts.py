"""Parts of the chapter beside the theme sections: the memo appendix, the theme summaries
(anonymised, without counts for ``--no-numbers``) and the prose of a chapter on part of the
interviews."""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.drafting import POINT_FRAMES as NL_FRAMES
from sto_qual.domain.drafting_en import EARLIER_FRAMES, POINT_FRAMES as EN_FRAMES
from sto_qual.domain.drafting_en import is_example, names_one_region
from sto_qual.domain.filters import condition_text
from sto_qual.domain.quote_selection import SMALL_GROUP
from sto_qual.domain.quote_standing import split_sentences
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.domain.text import year_range
from sto_qual.domain.wording import count_word, drop_count_notes, in_group_units, number_word
from sto_qual.report.labels import join_words
from sto_qual.report.model import STALE, ThemeSection, sentence_mark
from sto_qual.report.vocabulary import region_group, region_group_one
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


def first_example_again(texts: list[str]) -> list[str]:
    """A paragraph's sentences with a drafted "Een andere regio: …" (a third, a fourth) that no
    drafted example comes before read as the first example ("Een regio noemt als voorbeeld:
    …"): after a writer rewrote the first example in her own words, the next still said
    "another region" of none."""
    out = list(texts)
    for i, text in enumerate(out):
        for frames in (NL_FRAMES, EN_FRAMES):
            later = [frames[k].split("{")[0] for k in ("later", "third", "fourth")] + (
                list(EARLIER_FRAMES) if frames is NL_FRAMES else [])  # a draft stored before they had a verb
            hit = next((p for p in later if text.startswith(p)), None)
            if hit and not any(is_example(t) or names_one_region(t) for t in out[:i]):
                out[i] = frames["first"].split("{")[0] + text[len(hit):]
    return out


def quoted_in(quote: str, text: str) -> bool:
    """Whether ``text`` (a person's own text for a theme) already quotes a sentence of
    ``quote`` of four words or more: the chapter printed it a second time under her text."""
    flat = " ".join(re.findall(r"\w+", text.lower()))
    return bool(flat) and any(len(words) >= 4 and " ".join(words) in flat
                              for words in (re.findall(r"\w+", x.lower()) for x in split_sentences(quote)))


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
                  internal: bool = False) -> str:
    """What a chapter on part of the interviews adds to its subtitle, so its title page says which
    part it is ("… 2023-2024: krimpregio's"; the method says it again in full), and an internal
    draft (quotes beside their regions) that it is one."""
    said = "" if not part else f": {group}" if group else (
        lab["sub_roles"].format(roles=f" {lab['or']} ".join(roles)) if roles else lab["sub_part"])
    return said + (lab["sub_internal"] if internal else "")


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


def appendix_left_out(left_out_by: Mapping[str, Sequence[int]], kind: str) -> list[str]:
    """What the appendix left out, each reason with its codings, for the writer (the reader's
    table says only why): an analyst found 55 of 87 starred passages neither in the text nor in
    the appendix, unsaid; a writer found her star retold as an example, its id cut off one list."""
    total = sum(len(v) for v in left_out_by.values())
    if kind == "none" or not total:
        return []
    starred = kind == "starred"
    reasons = (("context", "cannot be understood without the sentence before them"),
               ("example", "the text retells in its own words as an example"),
               ("repeat", "repeat a quote of the text from the same interview" if starred
                else "repeat the text or an earlier row"))
    why = []
    for key, said in reasons:
        ids = sorted(left_out_by.get(key, ()))
        if not ids:
            continue
        named = ", ".join(f"#{i}" for i in ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        why.append(f"{len(ids)} that {said if len(ids) > 1 else said.replace('repeat ', 'repeats ')} (codings {named})")
    return [f"the appendix leaves out {total} {'starred passage' if starred else 'passage'}{'' if total == 1 else 's'} "
            "not quoted in the text: " + "; ".join(why)
            + ("; `sto-qual quotes --code THEME --starred` says where each starred passage is in the chapter"
               if starred else "")]


def agreement_warnings(ws: Project, coder: str | None = None) -> list[str]:
    """The lines of ``agreement``'s stray-coding check for the pair the method paragraph reports
    (its "both coded" interviews and alpha include such an interview); the method paragraph
    computes the agreement itself, this reads only the codings' counts. An agreed coding counted
    (``coder``): whether it was settled at all, and whether its two coders changed their codings
    since it was started (the method gives their agreement as it was then)."""
    from sto_qual.domain.errors import StoQualError
    from sto_qual.domain.differences import thin_warning
    out = []
    state = ws.agreed.state(coder) if coder else None
    if state is not None:
        a, b = state["from"]
        done = ws.agreed.progress(coder)
        if not state["settled"]:
            copied = state.get("start_with", "both")
            counted = f"what {a} and {b} both coded" if copied not in (a, b) else f"{copied}'s coding, which it copied"
            out.append(f"{coder} is still the agreed coding as `agreed` started it: nothing was settled, so the method "
                       f"says it counts {counted}, not what {a} and {b} agreed on after discussing their differences "
                       f"(`sto-qual differences {shlex.quote(coder)}` lists them; mark one the meeting keeps as started with "
                       "`--discussed`)")
        elif done is not None and done["open"]:
            kept = f", {done['discussed']} discussed and kept as started" if done["discussed"] else ""
            out.append(f"{coder} has settled {done['total'] - done['open']} of the {done['total']} places {a} and "
                       f"{b} coded differently ({done['changed']} changed since `agreed` started it{kept}); "
                       f"{done['open']} {'is' if done['open'] == 1 else 'are'} still open, and the method says so "
                       f"until they are settled (`sto-qual differences {shlex.quote(coder)} --open` lists them and "
                       f"`--discussed ID` marks one kept as started; in the workbench, coding as {coder}, D goes "
                       "to the next open one, T takes its code and K keeps it as started)")
        late = ws.agreed.not_taken_in(coder)
        if late:  # the chapter is about the interviews it holds: these two coders' newer ones are not in it
            out.append(f"{a} and {b} both coded {', '.join(late)} after {coder} was started, and {coder} holds none of "
                       f"{'it' if len(late) == 1 else 'them'}: the chapter leaves {'it' if len(late) == 1 else 'them'} "
                       f"out; `sto-qual agreed {shlex.quote(coder)} --add` takes {'it' if len(late) == 1 else 'them'} in, keeping "
                       "its codings, marks and notes")
        now = ws.agreed.alpha_now(coder)
        if now is not None:
            then = state.get("places")  # (the method's places are today's: one settled place went unsaid)
            moved = (f"; they differed at {then} places then and at {done['total']} today, which the method counts"
                     if then is not None and done is not None and then != done["total"] else "")
            out.append(f"{a} or {b} changed their codings after {coder} was started: the method gives their agreement "
                       f"then ({state['alpha']:.2f}), measured before the discussion; today's is {now:.2f}{moved}")
    pair = ws.agreement_pair()
    try:
        thin = ws.analysis_service.stray_codings(*pair) if pair else ()
    except StoQualError:
        return out
    return out + ["the agreement in the method paragraph: " + thin_warning(t) for t in thin]


def project_warnings(ws: Project, missing: set[str]) -> list[str]:
    """What the project lacks for the chapter: names to replace, English labels of codes."""
    out = []
    if not ws.pseudonyms():
        out.append("the pseudonym list is empty: no name in the quotes was replaced, and the method paragraph "
                   "says so (add a name with `sto-qual pseudonyms add NAME REPLACEMENT`, e.g. "
                   "`sto-qual pseudonyms add 'Jan de Vries' '[bestuurder]'`)")
    if missing:
        out.append(f"{len(missing)} codes have no label_en; their Dutch label is used, marked [nl]: "
                   + ", ".join(sorted(missing)[:8]) + (" …" if len(missing) > 8 else ""))
    return out


def no_main_warning(attrs: dict[int, dict[str, Any]], main: str) -> list[str]:
    """A warning when no interview has the attribute the chapter compares by (``region_type``
    unless the project names another): the chapter then has no table and no difference by group,
    and nothing said so (a project with its own "regiotype" lost them unsaid)."""
    if not attrs or any(main in a for a in attrs.values()):
        return []
    from sto_qual.domain.names import closest_name
    keys = sorted({k for a in attrs.values() for k in a})
    near = closest_name(main, keys)
    return [f"no interview has the attribute '{main}' the chapter compares by, so it has no table or difference "
            f"between groups; `sto-qual report-settings main_attribute {near or 'KEY'}` names another"
            + (f" (attributes: {', '.join(keys)})" if keys else "")]


def uncoded_warning(ws: Project, coder: str | None, where: dict[str, str] | None) -> str | None:
    """A warning when some of the chapter's interviews carry no coding of the counted coder (or
    of anyone, when all coders are merged): they count as not mentioning any theme, so a chapter
    drafted halfway through the coding reads "in de landelijke regio's niet" of regions nobody
    has coded yet. The method paragraph says how many were coded; this says it to the writer."""
    names = dict((d[0], d[1]) for d in ws.store.documents.light())
    docs = [names[d] for d in ws.analysis_service.doc_ids(where)]
    coded = set(ws.analysis_service.coded_documents(coder or None))
    missing = [d for d in docs if d not in coded]
    if not docs or not missing:
        return None
    shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
    whose = f" by {coder}" if coder else ""
    one = len(missing) == 1
    return (f"{len(missing)} of the {len(docs)} interviews {'carries' if one else 'carry'} no coding{whose} ({shown}): "
            f"the chapter counts {'it' if one else 'them'} as not mentioning any theme, so every share is of all "
            f"{len(docs)}; code {'it' if one else 'them'} first, or report on the coded ones with --where doc=NAME,NAME")


def uncoded_themes_warning(uncoded: list[str]) -> list[str]:
    """The themes nobody coded in the chapter's interviews (a code added since, or one nobody
    used): their sections are a heading and one sentence, which the writer should know of."""
    if not uncoded:
        return []
    one = len(uncoded) == 1
    return [f"{len(uncoded)} theme{'' if one else 's'} {'has' if one else 'have'} no coding in the chapter's "
            f"interviews: {', '.join(uncoded)}; {'its section says' if one else 'their sections say'} only that, "
            "with no table (code it, or leave it out with --codes)"]


def names_interviews(ws: Project, where: dict[str, str]) -> bool:
    """Whether ``where`` picks interviews by what names one of them: the document (``doc``, a
    region code) or an attribute no two interviews share (the region)."""
    attrs = ws.analysis_service.attributes()
    for key in where:
        values = [str(a.get(key)) for a in attrs.values() if a.get(key) not in (None, "")]
        if key == "doc" or (values and len(set(values)) == len(values) == len(attrs)):
            return True
    return False


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
                        "coded: the chapter is about those (its method says so); give --where to report on others"}
    if not explicit or coder is None:
        return None
    mine = ws.analysis_service.coded_documents(coder)
    return ({"doc": ",".join(mine), "said": f"{coder} coded {len(mine)} of the {total} interviews: the chapter is "
             "about those (its method says so); give --where to report on other interviews"}
            if mine and len(mine) < total else None)


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


def group_sizes(small: list[tuple[str, int]], lm, lang: str, anon) -> str:
    """"de krimpregio's (twee interviews) en de stedelijke regio (één interview)"; a value whose
    words name no kind of region as it is: "stedelijk (één interview)"."""
    def name(v: str, t: int) -> str:
        label = lm.value(v)
        group = region_group_one(v, lang, article=False, label=label) if t == 1 else region_group(v, lang, label)
        return f"{'de' if lang == 'nl' else 'the'} {group}" if group else anon(label)
    return join_words([f"{name(v, t)} ({count_word(t, lang)} {'interview' if t == 1 else 'interviews'})"
                       for v, t in small], lang)


def small_groups_note(small: list[tuple[str, int]], lm, lab: dict[str, str], lang: str, anon, col: str) -> str:
    """The note under a table without columns for small groups; ``col``: the column they count in,
    as the table heads it ("deze regio's" in a chapter on part of the interviews)."""
    if not small:
        return ""
    return lab["table_small"].format(groups=group_sizes(small, lm, lang, anon), n=number_word(SMALL_GROUP, lang),
                                     col=col)


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


def review_warnings(stale: list[str], english_behind: list[str], nl_only: list[str],
                    unheard: Sequence[str] = ()) -> list[str]:
    """What the report says on the terminal of the themes' reviewed text: sentences whose codings
    or interviews changed since (an accepted "(16 van 19)" beside a table saying 17), English
    sections written before their Dutch text changed, reviewed Dutch text without an English
    version, and ``unheard``: a theme per reviewed example left out for retelling a deleted passage."""
    out = []
    if stale:
        out.append("reviewed sentences whose codings, or the interviews they count over, changed since "
                   "(shaded yellow; their counts may be out of date): " + ", ".join(stale) + "; F9's theme view marks them ◐")
    if english_behind:
        out.append("English sections written before their Dutch text last changed (printed as written): "
                   + ", ".join(english_behind) + "; `sto-qual summary show --theme T` shows the Dutch")
    if unheard:  # one entry per example left out, named by its theme
        out.append(f"left out {len(unheard)} reviewed example{'s' * (len(unheard) != 1)} retelling a passage "
                   f"deleted since ({', '.join(dict.fromkeys(unheard))}); F9's theme view (ctrl+r) or `sto-qual "
                   "summary draft --theme T` drafts them again")
    if nl_only:
        out.append("reviewed Dutch text without an English version (the chapter shows the English draft, marked): "
                   + ", ".join(nl_only) + "; `sto-qual summary set --theme T --lang en` writes its English section")
    return out
