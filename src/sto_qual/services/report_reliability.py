"""The topics the two coders agreed on too little to read without caution, named in the method.

The method gives one alpha over all codes ("0,69: voldoende voor voorzichtige conclusies"),
and that figure hides the codes on which the coders went apart: a reader took "ieder voor zich"
(0,49) and "geen impact" (0,28) as being as sure as the rest, while the chapter drew contrasts
on them. The method names them, with their alpha, and says what follows from it."""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.differences import FEW_SENTENCES, sentences_coded
from sto_qual.domain.drafting_lead import mid_sentence
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.wording import count_word, ordinal_word
from sto_qual.report.labels import join_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

WEAK = {
    "nl": {"one": "onderwerp", "many": "onderwerpen",
           "sentence": "Per onderwerp loopt de overeenstemming op zinsniveau uiteen; bij {n} ligt ze onder de grens "
                       "voor voorzichtige conclusies ({fair}): {items}. Wat het hoofdstuk {about} zegt, is met "
                       "meer voorbehoud te lezen. {few}",
           "about_one": "daarover", "about_many": "over die onderwerpen",
           "itself": "{theme} zonder nader deelonderwerp",
           # every place they differed on was discussed: said as it was then, the counted coding their decision
           "settled": "Per onderwerp liep de overeenstemming op zinsniveau uiteen; bij {n} lag ze onder de grens "
                      "voor voorzichtige conclusies ({fair}): {items}. {few}",
           "sentences": "over {n} zinnen", "sentence_one": "over één zin",
           "few": "Waar minder dan {few} zinnen zijn gecodeerd, is ook de alfa zelf onzeker. "},
    "en": {"one": "topic", "many": "topics",
           "sentence": "At sentence level it differs by topic; for {n} it is below the threshold for tentative "
                       "conclusions ({fair}): {items}. What the chapter says {about} should be read with more "
                       "caution. {few}",
           "about_one": "about it", "about_many": "about those topics", "itself": "{theme} with no narrower topic",
           "settled": "At sentence level it differed by topic; for {n} it was below the threshold for tentative "
                      "conclusions ({fair}): {items}. {few}",
           "sentences": "over {n} sentences", "sentence_one": "over one sentence",
           "few": "Where fewer than {few} sentences were coded, the alpha itself is uncertain. "},
}


THEME_ITSELF = 10  # sentences coded with a theme itself (by either coder) before its own row is named


# said in a facet's paragraph whose code is one of them, after the sentence with its count: the
# method's caution where the reader is. Each says it of this topic alone, and they take turns: the
# same sentence seven times, "Ook hierover …" opening a theme's first, read as boilerplate that
# pointed back at another section
FACET = {"nl": ("De codering van dit onderwerp liep tussen de twee onderzoekers meer uiteen (alfa {alpha}); het "
                "aantal is met voorbehoud te lezen.",
                "Dit aantal is met voorbehoud te lezen: de onderzoekers codeerden het onderwerp minder vaak gelijk "
                "(alfa {alpha}).",
                "Voor dit onderwerp geldt een voorbehoud: de twee onderzoekers codeerden het minder vaak gelijk "
                "(alfa {alpha})."),
         "en": ("The two researchers' coding of this topic differed more (alpha {alpha}); read the count with caution.",
                "Read this count with caution: the researchers coded the topic less consistently (alpha {alpha}).",
                "This count calls for caution: the two researchers coded this topic less consistently (alpha "
                "{alpha}).")}
# a facet the two coded in other passages but in the same interviews: its count, of interviews, does not rest on
# which passages (an editor and an auditor found "Dit aantal is met voorbehoud te lezen" under a facet both coders
# found in exactly the same double-coded interviews, and none under ones they found in different interviews)
SAME_INTERVIEWS = {"nl": "De twee onderzoekers codeerden dit onderwerp niet steeds in dezelfde passages "
                         "(alfa {alpha}), maar wel in dezelfde interviews, van de {n} die beiden codeerden: voor het "
                         "aantal maakt dat geen verschil.",
                   "en": "The two researchers did not always code this topic in the same passages (alpha {alpha}), "
                         "but they did in the same interviews, of the {n} both coded: for the count that makes no "
                         "difference."}
# and which way the count errs where only one of the two found it in some of them
ERRS = {"nl": (" In {k} van de {n} interviews die beiden codeerden, vond alleen de andere onderzoeker dit onderwerp: "
               "het aantal is eerder te laag dan te hoog.",
               " In {k} van de {n} interviews die beiden codeerden, vond alleen de onderzoeker van wie de codering "
               "telt dit onderwerp: het aantal is eerder te hoog dan te laag."),
        "en": (" In {k} of the {n} interviews both coded only the other researcher found this topic: the count is "
               "more likely too low than too high.",
               " In {k} of the {n} interviews both coded only the researcher whose coding is counted found this "
               "topic: the count is more likely too high than too low.")}
# ... in every one of them (a chapter on part of the interviews: "in twee van de twee interviews" read as a slip)
EVERY = {"nl": {1: "In het ene interview dat beiden codeerden", 2: "In de twee interviews die beiden codeerden",
                "n": "In alle {n} de interviews die beiden codeerden"},
         "en": {1: "In the one interview both coded", 2: "In the two interviews both coded",
                "n": "In all {n} interviews both coded"}}
# ("minder eensgezind", which says they disagreed in opinion, read wrongly to a Dutch writer)
# the same under a theme's differences between groups of regions, naming the topics
CONTRASTS = {"nl": "De verschillen bij {topics} zijn met voorbehoud te lezen: de twee onderzoekers codeerden "
                   "{those} minder vaak gelijk.",
             "en": "The differences on {topics} should be read with caution: the two researchers coded {those} less "
                   "consistently."}


class Cautions:
    """The chapter's cautions on the codes its two coders agreed on too little (``weak``: code ->
    alpha, ``report_method.weak_codes``): after a facet's count, in turns, and under the
    differences drawn on them. ``shown``: an alpha as the method writes it."""

    def __init__(self, weak: dict[str, float], lang: str, shown: Callable[[float], str],
                 split: dict[str, tuple[int, int, int]] | None = None) -> None:
        self.weak, self.lang, self.shown, self.said = weak, lang, shown, 0
        self.split = split or {}  # code -> (interviews both coded, only the counted coding's, only the other's)

    def _same(self, code: str) -> bool:
        return code in self.split and self.split[code][1:] == (0, 0)

    def facet(self, code: str, texts: list[str], marks: list) -> None:
        """Put the caution after the facet's first sentence (its count), unmarked as a draft: which way
        the count errs where only one of the two found it in some interview both coded, and that the count
        does not depend on the passages where they found it in the same ones."""
        if not texts or code not in self.weak:
            return
        alpha = self.shown(self.weak[code])
        if self._same(code):
            texts.insert(1, SAME_INTERVIEWS[self.lang].format(alpha=alpha, n=count_word(self.split[code][0],
                                                                                         self.lang)))
        else:
            said = caution(self.lang, alpha, self.said)
            n, mine, other = self.split.get(code, (0, 0, 0))
            if bool(mine) != bool(other):  # one way only: said which
                said += errs(self.lang, 0 if other else 1, mine or other, n)
            texts.insert(1, said)
            self.said += 1
        marks.insert(1, False)

    def contrasts(self, codes: list[str], label: Callable[[str], str]) -> str:
        """The sentence under differences drawn on ``codes`` (those of them agreed on too little, in
        other interviews: a difference between groups of regions is one of counts)."""
        return contrasts_caution(self.lang, [mid_sentence(label(c)) for c in dict.fromkeys(codes)
                                             if c in self.weak and not self._same(c)])


def errs(lang: str, way: int, k: int, n: int) -> str:
    """Which ``way`` (0: the count too low, 1: too high) a count errs, found by one of the two in ``k`` of the ``n``
    interviews both coded."""
    said = ERRS[lang][way].format(k=count_word(k, lang), n=count_word(n, lang))
    if k < n:
        return said
    every = EVERY[lang].get(n) or EVERY[lang]["n"].format(n=count_word(n, lang))
    return " " + every + said[said.index(","):] if lang == "nl" else " " + every + said[said.index(" only"):]


def caution(lang: str, alpha: str, nth: int) -> str:
    """The ``nth`` (0: the chapter's first) facet caution, with its alpha as the method writes it."""
    forms = FACET[lang]
    return forms[0 if nth == 0 else 1 + (nth - 1) % (len(forms) - 1)].format(alpha=alpha)


def contrasts_caution(lang: str, topics: list[str]) -> str:
    """The caution under a theme's differences drawn on codes agreed on too little ("" for none)."""
    if not topics:
        return ""
    nl = lang == "nl"
    those = ("dit onderwerp" if len(topics) == 1 else "die onderwerpen") if nl else \
        ("this topic" if len(topics) == 1 else "those topics")
    # a label is no phrase of the sentence ("De verschillen bij weinig of geen gevolgen zijn …", "bij
    # vertrouwen tussen besturen, ieder voor zich en andere netwerken"): each set off
    topics = [f"‘{t}’" for t in topics]
    return CONTRASTS[lang].format(topics=join_words(topics, lang), those=those)


def weak_rows(rows: Sequence[dict[str, Any]], themes: Collection[str], fair: float) -> list[tuple[str, float]]:
    """(code, alpha) of the codes agreed on too little (``weak_topics``) of ``themes``: the codes the
    chapter speaks of, its themes and the sub-codes some interview of it has."""
    parents = {r["code"].rsplit("/", 1)[0] for r in rows if "/" in r["code"]}
    return [(r["code"], r["alpha"]) for r in rows
            if r["code"] in themes and sentences_coded(r) >= (THEME_ITSELF if r["code"] in parents else 1)
            and r.get("alpha") is not None and r["alpha"] < fair]


def weak_topics(rows: Sequence[dict[str, Any]], themes: Collection[str], label: Callable[[str], str],
                lang: str, fair: float, fair_text: str, shown: Callable[[float], str], settled: bool = False) -> str:
    """The method's sentence naming the codes of the chapter's ``themes`` whose alpha (``rows``:
    ``agreement``'s per-code rows, in codebook order) is below ``fair`` (``fair_text`` as the method
    writes it, "0,667"; ``shown`` writes an alpha as the method does), or "" when there are
    none. A theme with sub-codes is named by its own row ("collectief optrekken zonder nader deelonderwerp":
    not the theme as a whole, which the chapter counts by any of its codes; "in het algemeen" read as it) only
    when its coders used the theme itself on at least ``THEME_ITSELF`` sentences: the chapter
    counts it as any of its sub-codes, and its remarks come from those passages; a few stray
    sentences (one coder's two) would name a theme nobody codes by itself. ``settled``: of an agreed
    coding whose every difference was discussed, said as it was then, without the caution. A code
    coded on fewer than ``FEW_SENTENCES`` sentences has their number beside its alpha, and the
    sentence ends saying that such an alpha is itself uncertain."""
    parents = {r["code"].rsplit("/", 1)[0] for r in rows if "/" in r["code"]}
    weak = weak_rows(rows, themes, fair)
    if not weak:
        return ""
    w = WEAK[lang]
    sentences = {r["code"]: sentences_coded(r) for r in rows}
    few = {code for code, _ in weak if sentences[code] < FEW_SENTENCES}

    def given(code: str, alpha: float) -> str:
        k = sentences[code]
        n = (w["sentence_one"] if k == 1 else w["sentences"].format(n=count_word(k, lang))) if code in few else ""
        return f"({shown(alpha)}{', ' + n if n else ''})"
    items = join_words([f"{mid_sentence(w['itself'].format(theme=label(code)) if code in parents else label(code))} "
                        f"{given(code, alpha)}" for code, alpha in weak], lang)
    n = f"{count_word(len(weak), lang)} {w['one'] if len(weak) == 1 else w['many']}"
    return w["settled" if settled else "sentence"].format(n=n, fair=fair_text, items=items,
                                about=w["about_one" if len(weak) == 1 else "about_many"],
                                few=w["few"].format(few=count_word(FEW_SENTENCES, lang)) if few else "")


# the unit the chapter counts: whether a topic occurs in an interview (a reviewer found only the sentence-level
# alpha, 0,72, beside counts whose interview-level alpha was 0,58); "…telt, of een onderwerp …" read as "or"
INTERVIEWS = {"nl": "Op het niveau waarop dit hoofdstuk telt (de vraag of een onderwerp in een interview voorkomt) is "
                    "de overeenstemming {alpha}, berekend over {nd} interviews en {codes} onderwerpen{project}: "
                    "{tail}. ",
              "en": "At the level this chapter counts (whether a topic occurs in an interview) the agreement is "
                    "{alpha}, computed over {nd} interviews and {codes} topics{project}: {tail}. "}
PROJECT = {"nl": " in het hele onderzoek", "en": " in the whole study"}
# the same band as the sentence-level alpha's: said short (the norm's whole clause twice, word for word, read badly)
# ("voorzichtige conclusies" three times in three sentences, a report writer found: the band is named once)
ALSO = {"nl": ("ook dat is onvoldoende", "ook dat is voldoende", "ook dat is betrouwbaar"),
        "en": ("that too is too low for conclusions", "that too is enough", "that too is reliable")}


def interview_agreement(ws: Any, pair: tuple[str, str], state: dict[str, Any] | None) -> dict[str, Any] | None:
    """The two coders' agreement per interview and code, pooled (``agreement --per-interview``'s last
    line): of the pair today; of an agreed coding's two (``state``) over its interviews, and only
    while their sentence-level figure is still the one it kept (neither changed her codings since)."""
    where = {"doc": ",".join(map(str, state["documents"]))} if state and state.get("documents") else None
    try:
        ag = ws.agreement(*pair, where=where)
    except StoQualError:
        return None
    pooled = ag.get("interviews_overall") or {}
    if (state is not None and ag["overall"]["alpha"] != state.get("alpha")) or pooled.get("alpha") is None:
        return None
    return pooled if pooled.get("cells") else None


def interview_sentence(lang: str, pooled: dict[str, Any] | None, whole_project: bool, shown: Callable[[float], str],
                       then: float, band: Callable[[float], int], reading: Callable[[float], str]) -> str:
    """The method's sentence on that agreement ("" without one); ``whole_project``: of a chapter on
    part of the interviews, whose agreement is the project's; ``then``: the sentence-level alpha, whose
    reading (``band``: its place among the readings; ``reading``: in words) is said short when shared."""
    if not pooled or pooled["cells"] < 2 * pooled["codes"]:  # over one interview: "berekend over één interviews …
        return ""  # onvoldoende", of two coders who found four of five topics alike (the codes either found, pooled)
    own = band(pooled["alpha"])
    nd = count_word(pooled["cells"] // pooled["codes"], lang)
    return INTERVIEWS[lang].format(alpha=shown(pooled["alpha"]), nd=nd, codes=pooled["codes"],
                                   project=PROJECT[lang] if whole_project else "",
                                   tail=ALSO[lang][own] if own == band(then) else reading(pooled["alpha"]))


def places_sentence(lab: dict[str, str], lang: str, state: dict, first: str, second: str, done: dict | None) -> str:
    """"Zij verschilden op 146 plaatsen …; die zijn alle besproken." or, while some are open, how many were discussed
    and what the others still count (``done``: ``AgreedCoding.progress``); with those at the start when a change
    moved them."""
    if not done or not done["total"]:
        return ""
    total, then = count_word(done["total"], lang), state.get("places")  # (then: as `agreed` found them, the alpha's)
    moved = "_moved" if then is not None and then != done["total"] else ""
    if not done["open"]:
        return lab["m_agreed_places" + moved].format(total=total, then=count_word(then or 0, lang))
    start = state.get("start_with")
    said = (lab["m_start_one"].format(nth=ordinal_word(1 if start == first else 2, lang)) if start in (first, second)
            else lab["m_start_both"])
    n = done["total"] - done["open"]
    return lab["m_agreed_places_open" + moved].format(
        total=total, then=count_word(then or 0, lang), done=count_word(n, lang), start=said,
        rest=lab["m_rest_one" if done["open"] == 1 else "m_rest"].format(open=count_word(done["open"], lang)),
        verb=("is" if n == 1 else "zijn") if lang == "nl" else ("was" if n == 1 else "were"))


# Krippendorff's conventional reading of alpha: reliable from 0.80, enough for tentative
# conclusions from 0.667, below that too low
ALPHA_GOOD, ALPHA_FAIR = 0.80, 0.667


def weak_codes(ws: Project, coder: str | None, themes: Collection[str],
               part: frozenset[int] | None = None) -> dict[str, float]:
    """The chapter's codes that the method names as agreed on too little, with their alpha: the agreement
    of the pair the method reports (``counted_pair``); for an agreed coding its two coders' while places
    they differ on are still open (none once every one is settled); none with fewer than two coders, nor
    in a chapter on ``part`` of the interviews that holds none of those both coded (``outside``)."""
    if coder is not None and coder in ws.agreed.pairs():  # as the method names them: kept when it was started
        return dict(weak_rows(ws.agreed.codes_then(coder), themes, ALPHA_FAIR)) if ws.agreed.still_open(coder) else {}
    measured = _counted_agreement(ws, coder)
    return dict(weak_rows(measured[1]["codes"], themes, ALPHA_FAIR)) if measured and not outside(
        ws, measured[1], part) else {}


def outside(ws: Project, measured: dict[str, Any], part: frozenset[int] | None) -> bool:
    """A chapter on ``part`` of the interviews holds none of those the two coded both (a second round's, coded by
    one researcher: its method says one coded them all, and its themes cautioned on the first round's agreement)."""
    if part is None:
        return False
    return not any(ws.document(name).id in part for name in measured["overall"].get("documents") or ())


def _counted_agreement(ws: Project, coder: str | None) -> tuple[tuple[str, str], dict[str, Any]] | None:
    """The pair the method reports (``counted_pair``) and their agreement (``agreement``: measured once per read
    of the project), or None with fewer than two coders (an agreed coding is none of them)."""
    agreed = ws.agreed.pairs()
    coders = [c for c in sorted(ws.coders(), key=lambda c: c["id"]) if c["codings"] and c["name"] not in agreed]
    if len(coders) < 2:
        return None
    pair = counted_pair(ws, coder, coders)
    try:
        return pair, ws.agreement(*pair)
    except StoQualError:
        return None


def counted_pair(ws: Project, coder: str | None, coders: list[dict]) -> tuple[str, str]:
    """The two researchers the method compares: the project's pair (the dashboard's and
    `agreement`'s), unless the counted coder is not in it: then she and the one who coded most
    of her interviews (a chapter on a second coder's interviews gave the agreement of two others)."""
    pair = ws.agreement_pair() or (coders[0]["name"], coders[1]["name"])
    names = [c["name"] for c in coders]
    if coder is None or coder in pair or coder not in names:
        return pair
    by_coder = ws.store.codings.documents_by_coder()
    ids = {c["name"]: c["id"] for c in coders}
    mine = set(by_coder.get(ids[coder], set()))
    partner = max((n for n in names if n != coder),
                  key=lambda n: (len(mine & set(by_coder.get(ids[n], set()))), n == pair[0], -ids[n]))
    return coder, partner


def count_split(ws: Project, coder: str | None, themes: Collection[str], part: frozenset[int] | None = None,
                where: dict[str, str] | None = None) -> dict[str, tuple[int, int, int]]:
    """Per code of ``themes``: (the interviews both coded, those only the counted coding found it in, those only
    the other coder's did), of the pair the method reports when the counted coder is one of the two (the
    interview-level count a chapter rests on; a theme found where it or any sub-code is); none for an agreed
    coding, all coders merged, or fewer than two coders. A chapter on ``part`` of the interviews (kept by
    ``where``) counts the interviews both coded of that part: a krimp chapter said "in twee van de zes interviews
    die beiden codeerden, vond alleen de andere onderzoeker dit onderwerp" of two urban ones it does not count,
    under a count of four of four, and beside a method saying the second coded two of its interviews."""
    measured = None if coder is None or coder in ws.agreed.pairs() else _counted_agreement(ws, coder)
    if measured is None or coder not in measured[0] or outside(ws, measured[1], part):
        return {}
    rows = measured[1]["interviews"]
    if part is not None and where:
        try:
            rows = ws.agreement(*measured[0], where=where)["interviews"]
        except StoQualError:
            return {}
    a, b = ("only_a", "only_b") if measured[0][0] == coder else ("only_b", "only_a")
    return {r["code"]: (r["interviews"], r[a], r[b]) for r in rows if r["code"] in themes}
