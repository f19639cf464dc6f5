"""The chapter's method paragraph: how many interviews, with whom, which codebook, whose
coding counts, how well the coders agreed and how frequency is worded."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.wording import number_word
from sto_qual.report.labels import LABELS, MONTHS_EN, MONTHS_NL, join_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def period(ws: Workspace, lang: str) -> str:
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


def method_paragraph(ws: Workspace, lang: str, n_docs: int, n_themes: int, coder: str | None, reference: bool,
            labels, numbers: bool, tidy_quotes: bool, anon) -> str:
    """The method paragraph: no sentence opens with a digit, roles and numbers up to twenty in
    words, the number of themes from the report, and whose coding the counts are."""
    lab = LABELS[lang]
    role_keys = sorted({r for (_d, _l), r in ws.store.role_map().items() if r and r != "interviewer"})
    coders = [c["name"] for c in ws.coders() if c["codings"]]
    when = period(ws, lang)
    one = n_docs == 1
    txt = lab["m_intro"].format(n=("één" if lang == "nl" else "one") if one else number_word(n_docs, lang),
                                interviews="interview" if one else "interviews",
                                held=lab["m_held"].format(period=when) if when else "")
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
