"""The chapter's method paragraph: how many interviews, with whom, which codebook, whose
coding counts, how well the coders agreed and how frequency is worded."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.wording import count_word, number_word, ordinal_word, two_decimals
from sto_qual.report.labels import LABELS, MONTHS_EN, MONTHS_NL, join_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def period(ws: Workspace, lang: str) -> str:
    dates = []
    for a in ws.analysis_service.attributes().values():
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


def method_paragraph(ws: Workspace, lang: str, n_docs: int, n_themes: int, coder: str | None, reference: bool,
                     labels, numbers: bool, tidy_quotes: bool, all_themes: int | None = None,
                     where: str | None = None, total_docs: int | None = None, where_group: str | None = None,
                     where_roles: list[str] | None = None, anonymised: bool = True) -> str:
    """The method paragraph: no sentence opens with a digit, roles and numbers up to twenty in
    words, the number of themes from the codebook (``all_themes``) and how many the chapter
    discusses when ``--codes`` chose fewer, and whose coding the counts are. A chapter on part of
    the interviews names it: by its group of regions (``where_group``, "krimpregio's") when the
    part is one region type, by its roles (``where_roles``), else by the condition (``where``).
    ``anonymised`` False (an empty pseudonym list): the quotes are not said to be anonymised."""
    lab = LABELS[lang]
    role_keys = sorted({r for (_d, _l), r in ws.store.roles.map().items() if r and r != "interviewer"})
    # coders are named by the order in which they joined, never by their key ("onderzoeker-a"):
    # the reader wants a role ("de eerste codeur"), not a login
    coders = [c for c in sorted(ws.coders(), key=lambda c: c["id"]) if c["codings"]]
    ordinal = {c["name"]: i + 1 for i, c in enumerate(coders)}
    when = period(ws, lang)
    one = n_docs == 1
    txt = lab["m_intro"].format(n=count_word(n_docs, lang),
                                interviews="interview" if one else "interviews",
                                held=lab["m_held"].format(period=when) if when else "")
    if where_group:  # a chapter on part of the interviews says which part, and that its counts are of it
        txt += lab["m_where_group"].format(group=where_group, n=number_word(n_docs, lang),
                                           total=number_word(total_docs or 0, lang))
    elif where_roles:  # "… de twaalf interviews (van de negentien) waarin een bestuurder aan tafel zat"
        roles = f" {lab['or']} ".join(lab["a_role"].format(role=r) for r in where_roles)
        if lang != "nl":
            roles = re.sub(r"\ba (?=[aeiou])", "an ", roles)
        txt += lab["m_where_role"].format(roles=roles, n=number_word(n_docs, lang),
                                          total=number_word(total_docs or 0, lang))
    elif where:
        txt += lab["m_where"].format(cond=where, n=number_word(n_docs, lang), total=number_word(total_docs or 0, lang))
    if role_keys:
        txt += lab["m_roles"].format(roles=join_words([labels.role(r, plural=True) for r in role_keys], lang))
    every = max(all_themes or n_themes, n_themes)
    themes = lab["m_theme_sg"] if every == 1 else lab["m_theme_pl"].format(n=number_word(every, lang))
    if every > n_themes:
        txt += lab["m_chosen"].format(themes=themes, n=count_word(n_themes, lang))
    else:
        txt += lab["m_coded"].format(themes=themes)
    only = coders[0]["name"] if len(coders) == 1 else None
    if not coder and only:  # one coder and no reference coder: that coder's codings, said so
        coder = only
    if coder:
        who = (lab["m_only_coder"] if coder == only
               else lab["m_coder"].format(nth=ordinal_word(ordinal[coder], lang)) if coder in ordinal
               else lab["m_a_coder"])
        docs = next((c["documents"] for c in coders if c["name"] == coder), 0)
        coded = ("" if not docs else lab["m_coded_all"] if docs >= n_docs
                 else lab["m_coded_some"].format(n=number_word(docs, lang), total=number_word(n_docs, lang)))
        txt += lab["m_reference"].format(coder=who, ref=lab["m_ref_note"] if reference else "", coded=coded)
    elif coders:
        txt += lab["m_union"].format(coders=lab["m_coders"].format(n=number_word(len(coders), lang))
                                     if len(coders) > 1 else lab["m_the_coder"])
    pair = ws.agreement_pair()
    if pair:
        try:
            ag = ws.agreement(*pair)  # the same pair and level as the dashboard and `agreement`
            alpha = ag["overall"]["alpha"]
            if alpha is not None:
                # the agreement is the project's, never the part's: said so in a chapter on a part
                txt += lab["m_agreement_project" if where else "m_agreement"].format(
                    nd=number_word(len(ag["overall"]["documents"]), lang),
                                                 alpha=two_decimals(alpha, lab["decimal"]))
        except StoQualError:
            pass
    txt += lab["m_words"].format(numbers=lab["m_numbers"] if numbers else "")
    # with an empty pseudonym list nothing was replaced: the chapter does not claim it was
    return txt + lab["m_quotes" if anonymised else "m_quotes_unnamed"].format(tidy=lab["m_tidy"] if tidy_quotes else "")
