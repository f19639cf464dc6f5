"""The topics the two coders agreed on too little to read without caution, named in the method.

The method gives one alpha over all codes ("0,69: voldoende voor voorzichtige conclusies"),
and that figure hides the codes on which the coders went apart: a reader took "ieder voor zich"
(0,49) and "geen impact" (0,28) as being as sure as the rest, while the chapter drew contrasts
on them. The method names them, with their alpha, and says what follows from it."""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from sto_qual.domain.drafting_lead import mid_sentence
from sto_qual.domain.wording import count_word
from sto_qual.report.labels import join_words

WEAK = {
    "nl": {"one": "onderwerp", "many": "onderwerpen",
           "sentence": "Per onderwerp loopt ze uiteen; bij {n} ligt ze lager dan {fair}, de gangbare grens voor "
                       "voorzichtige conclusies: {items}. Wat het hoofdstuk {about} zegt, is met meer voorbehoud te "
                       "lezen. ",
           "about_one": "daarover", "about_many": "over die onderwerpen", "itself": "{theme} in het algemeen"},
    "en": {"one": "topic", "many": "topics",
           "sentence": "It differs by topic; for {n} it is below {fair}, the usual threshold for tentative "
                       "conclusions: {items}. What the chapter says {about} should be read with more caution. ",
           "about_one": "about it", "about_many": "about them", "itself": "{theme} in general"},
}


THEME_ITSELF = 10  # sentences coded with a theme itself (by either coder) before its own row is named


# said in a facet's paragraph whose code is one of them: the method's caution where the reader is
# (the first in full; each later one short: eight times the full sentence read as boilerplate)
FACET = {"nl": ("Hierover liep de codering van de twee onderzoekers meer uiteen (alfa {alpha}); dit is met "
                "voorbehoud te lezen.", "Ook hierover liep de codering meer uiteen (alfa {alpha})."),
         "en": ("The two researchers' coding differed more here (alpha {alpha}); read this with caution.",
                "Here too their coding differed more (alpha {alpha}).")}


def weak_rows(rows: Sequence[dict[str, Any]], themes: Collection[str], fair: float) -> list[tuple[str, float]]:
    """(code, alpha) of the codes of ``themes`` agreed on too little (``weak_topics``)."""
    parents = {r["code"].rsplit("/", 1)[0] for r in rows if "/" in r["code"]}

    def used(r: dict[str, Any]) -> int:
        return (r.get("both") or 0) + (r.get("only_a") or 0) + (r.get("only_b") or 0)
    return [(r["code"], r["alpha"]) for r in rows
            if r["code"].split("/")[0] in themes and used(r) >= (THEME_ITSELF if r["code"] in parents else 1)
            and r.get("alpha") is not None and r["alpha"] < fair]


def weak_topics(rows: Sequence[dict[str, Any]], themes: Collection[str], label: Callable[[str], str],
                lang: str, fair: float, fair_text: str, shown: Callable[[float], str]) -> str:
    """The method's sentence naming the codes of the chapter's ``themes`` whose alpha (``rows``:
    ``agreement``'s per-code rows, in codebook order) is below ``fair`` (``fair_text`` as the method
    writes it, "0,667"; ``shown`` writes an alpha as the method does), or "" when there are
    none. A theme with sub-codes is named by its own row ("collectief optrekken in het algemeen":
    not the theme as a whole, which the chapter counts by any of its codes) only
    when its coders used the theme itself on at least ``THEME_ITSELF`` sentences: the chapter
    counts it as any of its sub-codes, and its remarks come from those passages; a few stray
    sentences (one coder's two) would name a theme nobody codes by itself."""
    parents = {r["code"].rsplit("/", 1)[0] for r in rows if "/" in r["code"]}
    weak = weak_rows(rows, themes, fair)
    if not weak:
        return ""
    w = WEAK[lang]
    items = join_words([f"{mid_sentence(w['itself'].format(theme=label(code)) if code in parents else label(code))} "
                        f"({shown(alpha)})" for code, alpha in weak], lang)
    n = f"{count_word(len(weak), lang)} {w['one'] if len(weak) == 1 else w['many']}"
    return w["sentence"].format(n=n, fair=fair_text, items=items,
                                about=w["about_one" if len(weak) == 1 else "about_many"])
