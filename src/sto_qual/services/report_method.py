"""The chapter's method paragraph: how many interviews, with whom, which codebook, whose
coding counts, how well the coders agreed and how frequency is worded."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from sto_qual.domain.anonymise import COUNTS, counted_nouns, replaced_kinds
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.regions import fewer_regions
from sto_qual.domain.text import MONTHS_NL, year_month
from sto_qual.domain.wording import (ENGLISH, FEW_INTERVIEWS, count_word, frequency_wording, number_word, ordinal_word,
                                   two_decimals)
from sto_qual.report.label_forms import agreement_on_one, one_interview
from sto_qual.report.labels import LABELS, join_words
from sto_qual.report.model import PARAGRAPH
from sto_qual.report.vocabulary import MONTHS_EN
from sto_qual.services.report_reliability import (ALPHA_FAIR, ALPHA_GOOD, counted_pair, interview_agreement,
                                                   interview_sentence, places_sentence, weak_topics)
from sto_qual.services.report_theme import role_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def period(ws: Project, lang: str, part: frozenset[int] | None = None) -> str:
    """When the chapter's interviews were held ("tussen januari en maart 2024"): of ``part`` only,
    when given (a chapter on three interviews said the period of all of them)."""
    dates = []
    for doc_id, a in ws.analysis_service.attributes().items():
        if part is not None and doc_id not in part:
            continue
        v = a.get("date") or a.get("created")
        when = year_month(v) if v else None  # "2024-13-45" is no month (it was month thirteen)
        if when:
            dates.append(when)
    if not dates:
        return ""
    months = MONTHS_NL if lang == "nl" else MONTHS_EN
    (y0, m0), (y1, m1) = min(dates), max(dates)
    a, b = f"{months[m0 - 1]} {y0}", f"{months[m1 - 1]} {y1}"
    if a == b:  # "gehouden in april 2024" ("gehouden april 2024" missed its word)
        return f"in {a}"
    if y0 == y1:  # "tussen november en december 2023", the year once
        a = months[m0 - 1]
    return LABELS[lang]["between"].format(a=a, b=b)


def chapter_roles(ws: Project, part: frozenset[int] | None) -> tuple[dict[str, int], bool]:
    """The roles of the people who speak in the chapter's interviews (``part``; None: all), each with how many
    speakers have it ("een wethouder" of one: "wethouders" read as several), and whether every speaker has one
    (else "onder meer"). Not the role map's: a chapter on two of four interviews named the wethouder who spoke
    only in a third, which on a small part points to a person."""
    roles, role_for = ws.store.roles.map(), ws.store.roles.role_for
    names = {d[0]: d[1] for d in ws.store.documents.light()}
    said = [role_for(roles, names.get(d, ""), label)
            for d, labels in ws.store.transcripts.speakers_by_document().items() if part is None or d in part
            for label in labels]
    return dict(sorted(Counter(r for r in said if r and r != "interviewer").items())), None not in said


# where the interviews were held: "in de caseregio's" after "negentien interviews" read as every case
# region (the programme follows twenty); each interview is one region's
CASE_REGIONS = {"nl": ("één caseregio", "evenzoveel caseregio's"), "en": ("one case region", "as many case regions")}


def method_paragraph(ws: Project, lang: str, n_docs: int, n_themes: int, coder: str | None, reference: bool,
                     labels, numbers: bool, tidy_quotes: bool, all_themes: int | None = None,
                     where: str | None = None, total_docs: int | None = None, where_group: str | None = None,
                     where_roles: list[str] | None = None, anonymised: bool = True,
                     where_part: str | None = None, part: frozenset[int] | None = None,
                     tables_beside_all: bool = False, code_label: Callable[[str], str] | None = None,
                     chapter_themes: Collection[str] = (), groups: str = "") -> str:
    """The method paragraph: no sentence opens with a digit, roles and numbers up to twenty in
    words, the number of themes from the codebook (``all_themes``) and how many the chapter
    discusses when ``--codes`` chose fewer, and whose coding the counts are. A chapter on part of
    the interviews names it: by its group of regions (``where_group``, "krimpregio's") when the
    part is one region type, by its roles (``where_roles``), else by the condition (``where``).
    ``anonymised`` False (an empty pseudonym list): the quotes are not said to be anonymised.
    ``where_part``: a part said without naming its interviews: "coder" (those the counted coder
    coded, ``report --coder``) or "chosen" (picked by name). ``part``: the ids of those interviews:
    who coded what is said of them (the agreement stays the project's, and says so). ``code_label``
    and ``chapter_themes``: the codes as the chapter names them and its themes, for the topics on which
    the coders agreed too little (``report_reliability``). ``groups``: the sentence naming the
    groups of regions the chapter compares ("naar regiotype: de gemengde regio's (vijf
    interviews), …"; a reader met "gemengde regio's" in a theme's differences unexplained).
    ``reference`` is not said: "referentiecodeur" is the tool's word, the reader reads "de eerste"."""
    lab, (role_keys, every_role), when, one = LABELS[lang], chapter_roles(ws, part), period(ws, lang, part), n_docs == 1
    coders = [c for c in sorted(ws.coders(), key=lambda c: c["id"]) if c["codings"]]
    # how long the interviews were and what the sample is are the project's to say (`report-settings`)
    length, sample = (ws.store.settings.get(k if lang == "nl" else f"{k}_{lang}")
                      for k in ("interview_length", "sample"))
    fewer, twice = fewer_regions(ws.analysis_service.attributes(), part, n_docs, lang)  # a region interviewed twice
    txt = lab["m_intro"].format(n=count_word(n_docs, lang), regions=fewer or CASE_REGIONS[lang][n_docs != 1],
                                interviews="interview" if one else "interviews",
                                length=lab["m_length"].format(length=length) if length else "",
                                # programme leaders are no members of the steering groups (DOMAIN.md)
                                leaders=lab["m_leaders"] if "programmaleider" in role_keys else "",
                                held=lab["m_held"].format(period=when) if when else "",
                                sample=f"{sample.strip()} " if sample and n_docs == (total_docs or n_docs) else "")
    txt += twice
    if n_docs == 1 and (where_part or where_group or where_roles or where):  # (an internal draft on one interview)
        lab = one_interview(lab)
    if where_part:  # the coder's part, or interviews chosen by name: the part, not their names
        txt += lab[f"m_where_{where_part}"].format(n=number_word(n_docs, lang), total=number_word(total_docs or 0, lang))
    elif where_group:  # a chapter on part of the interviews says which part, and that its counts are of it
        txt += lab["m_where_group"].format(group=where_group, n=number_word(n_docs, lang),
                                           total=number_word(total_docs or 0, lang))
        # its tables have a column of every region beside its own: "alle aantallen" alone read as untrue
        txt += lab["m_tables_beside"] if tables_beside_all else ""
    elif where_roles:  # "… de twaalf interviews (van de negentien) waarin een bestuurder aan tafel zat"
        roles = f" {lab['or']} ".join(lab["a_role"].format(role=r) for r in where_roles)
        if lang != "nl":
            roles = re.sub(r"\ba (?=[aeiou])", "an ", roles)
        txt += lab["m_where_role"].format(roles=roles, n=number_word(n_docs, lang),
                                          total=number_word(total_docs or 0, lang))
    elif where:
        txt += lab["m_where"].format(cond=where, n=number_word(n_docs, lang), total=number_word(total_docs or 0, lang))
    if role_keys:
        txt += lab["m_roles_all" if every_role else "m_roles"].format(
            roles=re.sub(r"\ba (?=[aeiou])", "an ", join_words(  # "een wethouder" of one
                [lab["a_role"].format(role=w) if k == 1 else w
                 for w, k in sorted((labels.role(r, plural=k > 1), k) for r, k in role_keys.items())], lang)))
    every = max(all_themes or n_themes, n_themes)
    themes = lab["m_theme_sg"] if every == 1 else lab["m_theme_pl"].format(n=number_word(every, lang))
    # "en hun subcodes" only when every theme has them (a theme without is its own one facet)
    codes = ws.codebook()
    parents = {c.parent for c in codes if c.parent}
    with_subs = sum(1 for c in codes if c.parent is None and c.path in parents)
    subs = (lab["m_subs_all"] if with_subs >= every else "" if not with_subs
            else lab["m_subs_some"].format(k=count_word(with_subs, lang)))
    coded = (lab["m_chosen"].format(themes=themes, subs=subs, n=count_word(n_themes, lang)) if every > n_themes
             else lab["m_coded"].format(themes=themes, subs=subs))
    # a region interviewed twice: the unit is "het interview", not "het interview (de regio)"
    txt += coded.replace(" (de regio)", "").replace(" (region)", "") if fewer else coded
    txt += groups  # then who coded and how far they agreed, a paragraph of its own (one ran to 300 words)
    txt = txt.rstrip() + PARAGRAPH + coding_sentences(ws, lab, lang, n_docs, coder, coders, bool(where), part,
                                                      (code_label, chapter_themes) if code_label else None)
    # the ladder in the project's own thresholds, as the wording rules read them; of the tables' words
    # too where they set the chapter's interviews beside all ("vrijwel alle (17/19)" was in no ladder of four)
    ladder = frequency_ladder(ws.analysis_service.thresholds(), lang,
                              total_docs if tables_beside_all and total_docs else n_docs)
    # three paragraphs as a reader takes them in: interviews and coding, how often, quotes and appendices
    txt = txt.rstrip() + PARAGRAPH + lab["m_words"].format(ladder=ladder, numbers=lab["m_numbers"] if numbers else "")
    txt = txt.rstrip() + PARAGRAPH
    # with an empty pseudonym list nothing was replaced: the chapter does not claim it was
    tidy = lab["m_tidy"] if tidy_quotes else ""
    if tidy_quotes:  # a filler left out anywhere is marked "…", not only one a quote opened with
        lab = {**lab, **{k: lab[k].replace(" aan het begin is weggelaten", " is weggelaten")
                         .replace("a filler it opened with is left out", "a filler is left out")
                         for k in ("m_quotes", "m_quotes_unnamed") if k in lab}}
    if not anonymised:
        return txt + lab["m_quotes_unnamed"].format(tidy=tidy)
    # which names were replaced, from the list's placeholders: never more than it holds
    kinds = replaced_kinds([r for _n, r, _x in ws.pseudonyms()], role_words(labels))
    named = [k for k in kinds if k != COUNTS]
    # the counts it replaced by what they count ("het aantal besturen"): "herkenbare aantallen" claimed
    # every count, where "elf locaties" and "alle drie de scholen" stood in the quotes
    counted = counted_nouns([r for _n, r, _x in ws.pseudonyms()])
    counts = (lab["m_counts_of"].format(what=join_words(counted, lang)) if counted and lang == "nl"
              else lab["m_counts"]) if COUNTS in kinds else ""  # (the counted words are Dutch)
    names = (lab["m_names_of"].format(kinds=join_words([lab["kinds"][k] for k in named], lang)) if named
             else lab["m_names"]) + counts
    return txt + lab["m_quotes"].format(names=names, tidy=tidy)


def coding_sentences(ws: Project, lab: dict[str, str], lang: str, n_docs: int, coder: str | None,
                     coders: list[dict], where: bool, part: frozenset[int] | None = None,
                     topics: tuple[Callable[[str], str], Collection[str]] | None = None) -> str:
    """Who coded and whose coding is counted, as a report says it: "Eén onderzoeker codeerde alle
    interviews; een tweede codeerde er zes onafhankelijk ter controle. Geteld is de codering van
    de eerste." Coders are researchers named in the order the sentence introduces them, never by
    their key ("onderzoeker-a"). ``coder`` None: the merge of everyone's codings is counted.
    ``where``: a chapter on part of the interviews, whose agreement is still the project's.
    ``topics``: (code label, themes) to name the topics agreed on too little (``weak_topics``)."""
    in_part: dict[str, set[int]] = {}
    # an agreed coding (`agreed`) is no researcher: said as what its two coders agreed on, with their agreement
    agreed = ws.agreed.pairs()
    agreed_from = agreed.get(coder) if coder else None
    in_project = sum(1 for c in coders if c["name"] not in agreed)  # every coder with codings, of the part or not
    if part is not None:  # a chapter on part of the interviews: who coded what of the part
        by_coder = ws.store.codings.documents_by_coder()
        in_part = {c["name"]: set(by_coder.get(c["id"], set())) & part for c in coders}
        coders = [c for c in coders if in_part[c["name"]]]
    docs = {c["name"]: (len(in_part[c["name"]]) if part is not None else c["documents"]) for c in coders}
    own = next((c for c in coders if c["name"] == coder), {"name": coder, "id": 0})  # (its record, id and all)
    coders = [c for c in coders if c["name"] not in agreed]
    if agreed_from and not all(n in docs for n in agreed_from):
        agreed_from = None  # one of its two coded none of the part: said as a coder of its own
        coders = [c for c in coders if c["name"] != coder] + [own]
    if not coders:
        return lab["m_count_one"] if coder else ""

    def cov(name: str) -> str:
        if docs[name] >= n_docs == 1:  # a chapter on one interview: not "alle interviews"
            return lab["m_docs_one"]
        if docs[name] >= n_docs:  # of a part, its number: "alle interviews" read as all nineteen; two: "beide"
            return lab["m_docs_both" if n_docs == 2 else "m_docs_all_n" if part is not None else "m_docs_all"].format(
                n=number_word(n_docs, lang))
        return lab["m_docs_some"].format(n=count_word(docs[name], lang), total=number_word(n_docs, lang))

    def over(name: str) -> str:  # the tables read "6 van 19": the counts stay over every interview
        whole = lab["m_over_both"] if n_docs == 2 else lab["m_over_all"].format(total=number_word(n_docs, lang))
        return "" if docs[name] >= n_docs else whole

    if len(coders) == 1:
        only = coders[0]["name"]
        if coder in (None, only):
            return lab["m_one"].format(docs=cov(only)) + over(only) + ". "
        return lab["m_count_one"]
    first, second = agreed_from or counted_pair(ws, coder, coders)
    if docs[second] > docs[first]:  # the one who coded more is named first; the other checked
        first, second = second, first
    nd, alpha, rows = 0, None, []
    state = ws.agreed.state(coder) if agreed_from else None
    if state is not None and state.get("alpha") is not None:  # measured when it was started, before the discussion
        nd, alpha, rows = len(state["documents"]), state["alpha"], ws.agreed.codes_then(coder)  # per code: then too
    else:
        try:
            ag = ws.agreement(first, second)  # the same pair and level as the dashboard and `agreement`
            nd, alpha, rows = len(ag["overall"]["documents"]), ag["overall"]["alpha"], ag["codes"]
        except StoQualError:
            pass
    # the second checks the first only when one of them is counted; with a merge both count
    check = lab["m_check"] if coder in (first, second) else ""  # an agreed coding is of both: no check
    try:  # who showed the other's codings while coding blind, then coded on: not "onafhankelijk"
        seen = {s["coder"]: s["codings"] for s in ws.agreement(first, second)["overall"]["saw_others"]}
    except StoQualError:
        seen = {}
    if seen:
        lab = {**lab, **{k: v.replace("," + lab["m_indep"], "").replace(lab["m_indep"], "")
                         for k, v in lab.items() if k.startswith("m_second_")}}
    txt = lab["m_one"].format(docs=cov(first))
    both = nd  # the interviews both coded: of the part, when the chapter is on one (the agreement stays the project's)
    if part is not None and first in in_part and second in in_part:
        both = len(in_part[first] & in_part[second])
    if part is None and nd and where:  # the agreement is the project's, never the part's
        txt += lab["m_second_project"].format(nd=count_word(nd, lang), check=check)
    elif part is not None and second not in docs:
        pass  # the second coded none of the part
    elif not both or docs[second] > both:
        txt += lab["m_second_docs"].format(docs=cov(second)) + (
            lab["m_second_both"].format(nd=count_word(both, lang)) if both else "")
    elif both >= n_docs > 1:  # a full double coding ("ze ook allebei" of two, not "allemaal")
        txt += lab["m_second_both_all" if n_docs == 2 else "m_second_all"].format(check=check)
    elif both >= n_docs == 1:  # "een tweede codeerde het ook, onafhankelijk", not "er één"
        txt += lab["m_second_one"].format(check=check)
    else:
        txt += lab["m_second_check"].format(nd=count_word(both, lang), check=check)
    txt += ". "
    more = len(coders) - 2  # a third researcher is said, whoever is counted
    txt += others_said(lab, lang, [c for c in coders if c["name"] not in (first, second)],
                       next(c for c in coders if c["name"] == first), docs)
    unsettled = state is not None and not state["settled"]
    done = ws.agreed.progress(coder) if agreed_from and not unsettled else None  # how far the discussion got
    if unsettled and state.get("start_with") in (first, second):  # still one coder's coding as it was copied
        txt += lab["m_count_first"].format(nth=ordinal_word(1 if state["start_with"] == first else 2, lang),
                                           over=over(coder))
    elif agreed_from:  # settled, or still what both coded alike (the report warns)
        kind = "m_count_both" if unsettled else "m_count_agreeing" if done and done["open"] else "m_count_agreed"
        txt += lab[kind + ("_two" if more > 0 else "")].format(over=over(coder))
    elif coder is None:
        txt += lab["m_count_union_n"].format(n=number_word(len(coders), lang)) if more else lab["m_count_union"]
    elif coder in (first, second):
        txt += lab["m_count_first"].format(nth=ordinal_word(1 if coder == first else 2, lang), over=over(coder))
    elif coder in docs:
        txt += lab["m_count_third"].format(docs=cov(coder), over=over(coder))
    else:
        txt += lab["m_count_one"]
    whole = set(state.get("rest_documents") or ()) if agreed_from and state is not None else set()
    n = sum(1 for d in ws.store.documents.light() if d[1] in whole and (part is None or d[0] in part))
    if n:  # --rest: the others are one coder's (of a part: those of the part)
        txt += (lab["m_count_rest_both_one" if both == 1 else "m_count_rest_both"].format(nd=count_word(both, lang))
                + lab["m_count_rest_one" if n == 1 else "m_count_rest"].format(
                    n=count_word(n, lang), nth=ordinal_word(1 if state["rest"] == first else 2, lang)))
    if alpha is not None:  # "beiden", "twee keer gecodeerd" once a third researcher is named would be ambiguous
        third = more > 0 or (coder not in (None, first, second) and not agreed_from)
        # "twee keer gecodeerd" is of the pair only while the project has no third coder
        pair_only = third or in_project > 2
        sentence = lab["m_agreement_project" if part is not None else "m_agreement"]
        coded = lab[("m_coded_both" if pair_only else "m_coded_twice") + ("_project" if part is not None else "")]
        if nd == 1:  # "gemeten op het ene interview dat …", not "op de één interviews die …"
            sentence, coded = agreement_on_one(sentence, coded)
        txt += sentence.format(between=lab["m_first_two" if third else "m_both"], nd=count_word(nd, lang),
                               coded=coded, alpha=alpha_text(alpha, lab["decimal"]), reading=alpha_reading(alpha, lab))
        if agreed_from and not unsettled:  # right after the figure it is of (six sentences on, "die" was lost)
            txt += lab["m_agreed_before"]
        if seen:  # "De tweede onderzoeker zag de codering van de eerste al voordat het coderen klaar was …"
            who = next(iter(seen))
            txt += lab["m_saw_both"] if len(seen) == 2 else lab["m_saw_one"].format(
                nth=ordinal_word(1 if who == first else 2, lang), other=ordinal_word(2 if who == first else 1, lang),
                n=count_word(seen[who], lang) + (" passage" if seen[who] == 1 else " passages"))
        # at the level the chapter counts, before the topics (after them, "0,71: voldoende" took their caution back)
        txt += interview_sentence(lang, interview_agreement(ws, (first, second), state), part is not None,
                                  lambda a: alpha_text(a, lab["decimal"]), alpha, _alpha_band,
                                  lambda a: alpha_reading(a, lab))
        if topics and rows:  # the overall alpha hides the codes the two went apart on
            txt += weak_topics(rows, topics[1], topics[0], lang, ALPHA_FAIR, _fair_text(lab),
                               lambda a: alpha_text(a, lab["decimal"]),
                               settled=bool(agreed_from and not unsettled and not (done and done["open"])))
    if agreed_from and not unsettled:  # how far the discussion got: every difference, or not yet (of a part: of all)
        places = places_sentence(lab, lang, state, first, second, done)
        txt += places.replace(lab["m_places_of"], lab["m_places_all"].format(nd=count_word(nd, lang)), 1) \
            if part is not None and both < nd else places
    return txt


def _alpha_band(a: float) -> int:
    return 2 if a >= ALPHA_GOOD else 1 if a >= ALPHA_FAIR else 0


def alpha_text(alpha: float, decimal: str) -> str:
    """Alpha with two decimals, or three where two would round it across a threshold of the
    reading beside it (0.796 is not "0.80: enough for tentative conclusions"). Not next to one:
    "0,664" beside 0,667 claimed a precision six interviews do not give (a reader's word)."""
    shown = two_decimals(alpha, decimal)
    if _alpha_band(float(shown.replace(decimal, "."))) != _alpha_band(alpha):
        return f"{alpha:.3f}".replace(".", decimal)
    return shown


def alpha_reading(alpha: float, lab: dict[str, str]) -> str:
    """The conventional reading of an alpha, in one clause."""
    key = ("m_alpha_poor", "m_alpha_fair", "m_alpha_good")[_alpha_band(alpha)]
    good = two_decimals(ALPHA_GOOD, lab["decimal"])
    return lab[key].format(good=good, fair=_fair_text(lab))


def _fair_text(lab: dict[str, str]) -> str:
    """The threshold for tentative conclusions as the method writes it: "0,667"."""
    return f"{ALPHA_FAIR:.3f}".replace(".", lab["decimal"])


def frequency_ladder(thresholds, lang: str, total: int) -> str:
    """Each frequency word with the share of the interviews it stands for, from the project's
    thresholds (``domain.wording``): "alle, vrijwel alle (85 procent of meer), de meeste (twee derde
    tot 85 procent), …, een paar (minder dan 15 procent), een enkele (één regio) en geen"."""
    lab = LABELS[lang]
    dec = lab["decimal"]

    def share(b: float) -> tuple[str, bool]:  # (text, is a bare number)
        if abs(b - 2 / 3) < 1e-3:
            return lab["w_two_thirds"], False
        if abs(b - 1 / 3) < 1e-3:
            return lab["w_third"], False
        pct = round(b * 100, 1)
        return (f"{pct:g}".replace(".", dec)), True

    def pct(text: str, bare: bool) -> str:
        return lab["w_pct"].format(x=text) if bare else text

    items = [lab["w_all"]]
    upper = 1.0
    # a chapter on few interviews lists only the words its counts can get: of four, "vrijwel
    # alle" or "een paar" never comes up
    reachable = {frequency_wording(k, total, tuple(thresholds)) for k in range(total + 1)}
    for lo, word in sorted(thresholds, key=lambda t: -t[0]):
        if total < FEW_INTERVIEWS and word not in reachable:
            continue  # the next word listed takes its range ("de meeste (twee derde of meer)" of four)
        shown = ENGLISH.get(word, word) if lang == "en" else word
        if upper - lo < 0.005 or word == "de helft":  # "de helft": exactly half, no range to give
            items.append(shown)
            upper = lo
            continue
        hi_t, hi_bare = share(upper)
        if upper >= 1.0:
            lo_t, lo_bare = share(lo)
            span = lab["w_from"].format(lo=pct(lo_t, lo_bare))
        elif lo <= 0:
            span = lab["w_below"].format(hi=pct(hi_t, hi_bare))
            if word == "een paar" and total * upper > 4:  # a count of four or more is "een aantal"
                span += ", " + lab["w_at_most_three"]
        elif 0.5 < lo < 0.505:  # just over half
            span = lab["w_upto"].format(hi=pct(hi_t, hi_bare))
            if word != "meer dan de helft":
                span = lab["w_over_half"] + ", " + span
        else:
            lo_t, lo_bare = share(lo)
            span = (pct(lab["w_range"].format(lo=lo_t, hi=hi_t), True) if lo_bare and hi_bare
                    else lab["w_range"].format(lo=pct(lo_t, lo_bare), hi=pct(hi_t, hi_bare)))
        items.append(f"{shown} ({span})")
        upper = lo
    one = [lab["w_one"]] if total >= FEW_INTERVIEWS or "een enkele" in reachable else []  # one of two: de helft
    return join_words(items + one + [lab["w_none"]], lang)


def others_said(lab: dict[str, str], lang: str, others: list[dict], ref: dict, docs: dict[str, int]) -> str:
    """The researchers beside the two the method names: "Nog één andere onderzoeker codeerde er drie." One
    whose passages per interview are under a quarter of the first's (``ref``) coded only a few passages
    (four accepted suggestions in four interviews read as four interviews coded), said as such."""
    def few(o: dict) -> bool:
        return o.get("codings", 0) * ref.get("documents", 0) * 4 < ref.get("codings", 0) * o.get("documents", 0)
    full, thin = [o for o in others if not few(o)], [o for o in others if few(o)]
    txt = ""
    if len(full) == 1:
        txt += lab["m_more_one"].format(n=count_word(docs[full[0]["name"]], lang))
    elif full:
        said = lab["m_more"].format(n=number_word(len(full), lang))  # "Nog twee andere …", "Two more …"
        txt += said[:1].upper() + said[1:]
    k = sum(o.get("codings", 0) for o in thin)
    if len(thin) == 1 and not full:
        n = docs[thin[0]["name"]]
        txt += lab["m_more_single" if k == 1 else "m_more_few"].format(
            n=count_word(n, lang), k=count_word(k, lang), unit="interview" if n == 1 else "interviews")
    elif thin:
        said = lab[("m_also_few_one" if len(thin) == 1 else "m_also_few") if full else "m_more_few_n"].format(
            n=number_word(len(thin), lang), k=count_word(k, lang))
        txt += said[:1].upper() + said[1:]
    return txt
