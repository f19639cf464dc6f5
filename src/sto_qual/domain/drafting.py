"""Pure rules for drafting summaries: cleaning spoken sentences for reading, content lemmas,
weighted log-odds, centrality, fingerprints and the Dutch sentence frames. Stdlib only;
every result is deterministic (ties are broken by sorting)."""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from sto_qual.domain.wording import count_note, frequency_wording, in_units

# Function words and the verbs that carry no topic in these interviews; lemmas as the
# lemmatiser gives them (lower case).
STOPWORDS = frozenset("""
aan achter af al alle alleen als altijd ander andere anders ben bij bijvoorbeeld binnen daar daarbij daarin
daarmee daarna daarom daarvan dan dat de deze die dit doen door dus echt een eens eigenlijk elk elke en enige
enkel er erg ergens even gaan gewoon geen geven goed haar had hadden heb hebben heel hem hen het hier hij hoe
hoor hun ieder iedereen iemand iets ik in is ja je jij jullie kan kijken komen kunnen kun laat laten maar
maken me meer meest men met mij mijn misschien moet moeten mogen na naar natuurlijk nee net niet niets nog nooit
nou nu of om omdat ons onze ook op over per precies redelijk s sowieso staan te tegen toch toe tot u uit uw van
veel voor vooral vrij waar waarin wanneer want was wat we weer weet weten wel welke werd wie wij wil willen wo
worden wordt z ze zeggen zelf zich zien zij zijn zitten zo zoals zodat zou zouden zullen zal zeker beetje
keer kant ding dingen manier eh ehm hè hm uh nou oké ok mooi goh zeg toen net iedere echt wellicht nogal
hele hebt had heeft ben bent was waren word wordt gaat gaan ga komt kwam denk denken vinden vind vindt
zeggen zegt gezegd stuk soort jaar jaren tijd zit vond gegeven terwijl hetzelfde eigen nieuw nieuwe groot grote
klein kleine steeds ongeveer sinds eerst eerste laatste weg best daar dezelfde namelijk inderdaad gebeuren
twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd duizend
helft half paar enkele hoeveel ding krijgen kregen gekregen houden blijven zetten liggen brengen nemen
all zonderen mee elkaar gevraagd vragen spreken praten gelukt lukken""".split())

# Fillers dropped when a spoken sentence is cleaned for reading.
FILLERS = ("eh", "ehm", "uh", "uhm", "hè", "he", "hm", "hmm", "nou")
LEADING = ("ja", "nee", "maar", "en", "nou", "dus", "want", "oké", "ok")
_FILLER_MID = re.compile(r",?\s+(?:" + "|".join(FILLERS) + r")\s*,\s*", re.IGNORECASE)
_FILLER_WORD = re.compile(r"\b(?:eh|ehm|uh|uhm|hm|hmm)\b[,.]?\s*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:" + "|".join(LEADING) + r"|" + "|".join(FILLERS) + r")\b[,.!]?\s+)+",
                      re.IGNORECASE)
_TOKEN = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
ELLIPSIS = "…"


def clean_sentence(text: str) -> str:
    """A spoken sentence made readable: fillers ("eh", "hè", "nou") and a leading "ja,",
    "maar", "en" dropped, each drop marked with "…"; whitespace collapsed."""
    s = " ".join(text.split())
    s = re.sub(r"\((?:lacht|stilte|onverstaanbaar|pauze)[^)]*\)\s*", "", s, flags=re.IGNORECASE)
    lead = _LEADING.match(s)
    if lead and lead.end() < len(s):
        s = ELLIPSIS + " " + s[lead.end():]
    s = _FILLER_MID.sub(f" {ELLIPSIS} ", s)
    s = _FILLER_WORD.sub(f"{ELLIPSIS} ", s)
    s = re.sub(rf"(?:{ELLIPSIS}\s*)+", f"{ELLIPSIS} ", s)
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    s = re.sub(r"[—–-]+$", ELLIPSIS, s.strip())
    return " ".join(s.split())


_CONTENT: dict[str, bool] = {}  # word -> carries content (the vocabulary is small; the corpus is not)


def _is_content(w: str) -> bool:
    hit = _CONTENT.get(w)
    if hit is None:
        hit = len(w) >= 3 and w not in STOPWORDS and _TOKEN.fullmatch(w) is not None
        if len(_CONTENT) < 500_000:
            _CONTENT[w] = hit
    return hit


def content_lemmas(lemmas: str | Iterable[str]) -> list[str]:
    """The lemmas that carry content: alphabetic, three letters or more, not a stopword."""
    words = lemmas.split() if isinstance(lemmas, str) else lemmas
    return [w for w in words if _is_content(w)]


def terms(lemmas: Sequence[str]) -> set[str]:
    """Content lemmas and the bigrams of adjacent content lemmas ("vast contract")."""
    out = set(lemmas)
    out.update(f"{a} {b}" for a, b in zip(lemmas, lemmas[1:]) if a != b)
    return out


def memo_words(text: str) -> list[str]:
    """A memo's words, lower case, as content lemmas would be (memos are not lemmatised)."""
    return content_lemmas(_TOKEN.findall(text.lower()))


def log_odds_against_rest(target: Mapping[str, int], everything: Mapping[str, int],
                          alpha0: float = 500.0) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
    Colaresi & Quinn 2008): how much more a term belongs to ``target`` than to the rest of
    ``everything`` (``everything`` minus ``target``, no count below zero), with ``everything``
    as the prior. The rest is never built (its size is the whole vocabulary): its total and
    each of ``target``'s terms in it are all the formula reads."""
    n_t, n_all = sum(target.values()), sum(everything.values())
    n_p = n_all or 1
    # the rest's total: every term's count minus the target's, a term never below zero
    n_o = n_all - n_t + sum(max(y_t - everything.get(w, 0), 0) for w, y_t in target.items())
    size = len(everything)
    out = {}
    for w, y_t in target.items():
        a = alpha0 * (everything.get(w, 0) + 1) / (n_p + size)
        y_o = max(everything.get(w, 0) - y_t, 0)
        d = (math.log((y_t + a) / (n_t + alpha0 - y_t - a))
             - math.log((y_o + a) / (n_o + alpha0 - y_o - a)))
        out[w] = d / math.sqrt(1 / (y_t + a) + 1 / (y_o + a))
    return out


def tfidf(lemmas: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    vec: dict[str, float] = {}
    for w in lemmas:
        vec[w] = vec.get(w, 0.0) + idf.get(w, 1.0)
    return vec


def cosine(a: Mapping[str, float], b: Mapping[str, float], b_norm: float | None = None,
           a_norm: float | None = None) -> float:
    """Cosine similarity; ``a`` is the short vector (a sentence), ``b`` may be long (a centroid)."""
    if not a or not b:
        return 0.0
    get = b.get
    dot = sum(v * get(k, 0.0) for k, v in a.items())
    if not dot:
        return 0.0
    na = a_norm if a_norm is not None else math.sqrt(sum(v * v for v in a.values()))
    nb = b_norm if b_norm is not None else math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def centroid(vectors: Iterable[Mapping[str, float]]) -> tuple[dict[str, float], float]:
    total: Counter = Counter()
    for v in vectors:
        total.update(v)
    vec = dict(total)
    return vec, math.sqrt(sum(x * x for x in vec.values()))


def fingerprint(basis: Sequence[Sequence]) -> str:
    """Hash of the codings a text rests on (ids, spans, memos); the same for lists and tuples."""
    return hashlib.sha1(repr([list(b) for b in basis]).encode("utf-8")).hexdigest()[:16]


def basis_changes(old: Sequence[Sequence], new: Sequence[Sequence]) -> dict[str, list[int]]:
    """What changed between two bases: coding ids added, removed, or changed (span or memo)."""
    a = {b[0]: list(b) for b in old}
    b = {x[0]: list(x) for x in new}
    return {"added": sorted(set(b) - set(a)), "removed": sorted(set(a) - set(b)),
            "changed": sorted(i for i in set(a) & set(b) if a[i] != b[i])}


def describe_changes(changes: Mapping[str, Sequence[int]]) -> str:
    parts = []
    for key, word in (("added", "added"), ("removed", "removed"), ("changed", "changed")):
        n = len(changes.get(key, ()))
        if n:
            parts.append(f"{n} passage{'s' if n != 1 else ''} {word}")
    return ", ".join(parts)


# --------------------------------------------------------------- Dutch frames
def regions_phrase(wording: str, n: int, total: int) -> str:
    """ "de meeste regio's (15 van 19)"; "alle regio's" and "een enkele regio" without the
    count: the report's own phrase (``wording.in_units``) and count note, without "in"."""
    return in_units(wording).removeprefix("in ") + count_note(n, total, wording)


def lead_sentence(phrase: str, wording: str, n: int, total: int) -> str:
    """One lead sentence: "In de meeste regio's (15 van de 19) noemt men het docententekort."
    ``phrase`` is the codebook's summary phrase, written to follow "In … regio's"."""
    p = phrase.strip().rstrip(".")
    return f"In {regions_phrase(wording, n, total)} {p}."


def fallback_phrase(label: str) -> str:
    """The plain phrase when the codebook gives none: "komt het docententekort ter sprake"
    would need the noun's article, so: "komt ‘docententekort’ ter sprake"."""
    return f"komt ‘{mid_sentence(label)}’ ter sprake"


def join_words(words: Sequence[str], conjunction: str = "en") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


class Part(NamedTuple):
    """A sub-code as a theme's lead sees it (a plain ``(name, regions)`` tuple is one too)."""
    name: str              # how the lead names it: its topic (a noun phrase), else its label
    regions: int           # the regions whose interviews have it
    key: str = ""          # its code path: which side of an ``Opposed`` pair it is
    phrase: str = ""       # its summary phrase, read after "In de meeste regio's"
    against: bool = False  # it says the opposite of its theme (the codebook contrasts it with the theme)


class Opposed(NamedTuple):
    """A pair of opposing sub-codes (declared in the codebook) with the regions of each and of
    both: what a theme's lead says when the answers differ on them. The sides are named as the
    lead names every sub-code (topic, else label): "wijst men op de regie die het vmbo in de
    praktijk voert" says what the regions say; the codes' phrases ("heeft het vmbo de regierol in
    de praktijk genomen") would state both sides as facts, which the regions that name both
    contradict."""
    label: str
    regions: int
    other: str
    other_regions: int
    both: int              # regions that name both
    both_wording: str = ""  # the frequency word for ``both`` ("een paar", "de meeste")
    wording: str = ""       # ... for ``regions`` and ``other_regions`` (else the default tiers)
    other_wording: str = ""
    key: str = ""           # the code paths of the two sides (else the names match them)
    other_key: str = ""


def split_view(opposed: Sequence[Opposed], n: int) -> Opposed | None:
    """The pair of opposing sub-codes that both come up in at least a third of the theme's
    ``n`` regions — the point on which the answers differ — or None."""
    both = [o for o in opposed if min(o.regions, o.other_regions) * 3 >= n]
    return max(both, key=lambda o: (min(o.regions, o.other_regions), o.label), default=None)


def split_overlap(split: Opposed | None, n: int) -> str:
    """How the opposing pair sits in the theme's ``n`` regions: "apart" when no region names
    both; "some" when some do; "many" when at least a third of the regions name both (13 of
    19: that is tension within regions, not regions that differ)."""
    if not split or split.both <= 0:
        return "apart"
    return "many" if split.both * 3 >= n else "some"


# a theme that comes up in fewer regions gets no sentence on how consistent the answers are
# ("twee onderwerpen komen in de meeste van die regio's terug, namelijk docententekort (1 van 2)")
MIN_CONSISTENCY = 3
# the common view names at most this many sub-codes ("onder meer" when more are that common)
MAX_NAMED = 4


class LeadPlan(NamedTuple):
    """What a theme's lead says, in either language (``lead_plan``)."""
    common: list[Part]       # the common view: widespread sub-codes, widest first (at most MAX_NAMED)
    more: bool               # more sub-codes are that widespread than are named
    consistent: bool         # the answers may be called consistent
    split: Opposed | None    # the opposing pair the answers differ on
    against: list[Part]      # widespread sub-codes that say the opposite of the theme
    frequent: list[Part]     # no sub-code is widespread: the two most frequent
    keep_theme: bool         # the theme's own sentence stays: not every region speaks of it


def _is_side(p: Part, split: Opposed | None) -> bool:
    if split is None:
        return False
    if p.key and split.key and split.other_key:
        return p.key in (split.key, split.other_key)
    return p.name in (split.label, split.other)


def lead_plan(parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed] = ()) -> LeadPlan:
    """The rules of a theme's lead. Widespread: a sub-code in at least two thirds of the ``n``
    regions that speak of the theme. The common view names the widespread sub-codes except the
    two sides of the pair the answers differ on (``split_view``, said in a sentence of their
    own) and those that say the opposite of the theme (``Part.against``): one of those in a
    third of the regions or more is said as such, and then, as with a split, the answers are
    not called consistent. Without a widespread sub-code the two most frequent are named."""
    ps = [p if isinstance(p, Part) else Part(*p) for p in parts]
    split = split_view(opposed, n)
    strong = [p for p in ps if p.regions * 3 >= n * 2]
    frequent = [] if strong else ps[:2]
    against = [p for p in ps if p.against and p.regions * 3 >= n and not _is_side(p, split) and p not in frequent]
    named = [p for p in strong if not p.against and not _is_side(p, split)]
    return LeadPlan(named[:MAX_NAMED], len(named) > MAX_NAMED, bool(strong) and split is None and not against,
                    split, against, frequent, n < total)


def theme_lead(lead: str, parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed] = (),
               wording: Callable[[int, int], str] | None = None) -> str:
    """The theme's lead: the common view first, and how consistent the answers are. "De
    antwoorden lopen weinig uiteen: in alle regio's noemt men de ontwikkeling van de urgentie
    sinds de start, in de meeste regio's ook het docententekort (15 van 19) en de krapte op de
    technische arbeidsmarkt (13 van 19)." Each frequency word goes with its own count (the
    project's tiers, ``wording``). ``lead`` is the theme's own sentence ("In alle regio's
    bespreekt men of …"): every interview was asked about the theme, so in all regions it says
    nothing and is left out; in part of them it says how many and stays. It is all there is
    for a theme without sub-codes or in fewer than three regions. ``parts``: the sub-codes by
    prevalence (``Part``, or ``(topic or label, regions)``); ``opposed``: the codebook's
    opposing pairs. A pair on which the answers differ: "Op één punt lopen de antwoorden uiteen:
    in de meeste regio's (15 van 19) wijst men op …, in een deel van de regio's (7 van 19) op …;
    een aantal regio's (3 van 19) noemt beide." A sub-code that says the opposite of the theme:
    "Eenduidig is het beeld niet: in de meeste regio's (14 van 19) werkt men nog grotendeels
    ieder voor zich." Without a widespread sub-code: "De antwoorden lopen uiteen: geen onderwerp
    komt in twee derde van de regio's terug; het vaakst gaat het om …"."""
    if not parts or n < MIN_CONSISTENCY:  # how consistent answers are is no question below three regions
        return lead
    word = wording or frequency_wording
    plan = lead_plan(parts, n, total, opposed)
    out = [f"{lead.strip().rstrip('.')}."] if plan.keep_theme else []
    marked = sets_off(plan.common + plan.frequent, "en")
    if plan.common:
        view = _common_nl(plan, total, word, marked)
        # after the theme's own sentence (part of the regions) the answers are those regions'
        vary = "De antwoorden van die regio's lopen weinig uiteen" if plan.keep_theme else \
            "De antwoorden lopen weinig uiteen"
        out.append(f"{vary}: {view}." if plan.consistent else f"{cap_first(view)}.")
    elif plan.frequent:
        those = "die regio's" if plan.keep_theme else "de regio's"
        said = join_words([f"{list_name(p.name, marked)} ({p.regions} van {total})" for p in plan.frequent])
        out.append(f"De antwoorden lopen uiteen: geen onderwerp komt in twee derde van {those} terug; het vaakst "
                   f"gaat het om {said}.")
    if plan.split:
        out.append(_split_nl(plan.split, n, total, word, intro=not plan.frequent))
    if plan.against:
        said = "; ".join(f"in {regions_phrase(word(p.regions, total), p.regions, total)} "
                         f"{(p.phrase or fallback_phrase(p.name)).strip().rstrip('.')}" for p in plan.against)
        out.append(f"Eenduidig is het beeld niet: {said}." if plan.common and not plan.split else f"{cap_first(said)}.")
    return " ".join(out)


def cap_first(s: str) -> str:
    """A clause as a sentence: its first letter upper case ("in alle regio's …" -> "In alle …")."""
    return s[:1].upper() + s[1:]


def sets_off(parts: Sequence[Part], conjunction: str) -> bool:
    """A name that holds the conjunction itself ("krimp en leerlingaantallen", "de kwaliteit en
    vernieuwing van de lessen") makes a list of names ambiguous: then every one is set off."""
    return any(f" {conjunction} " in f" {p.name.lower()} " for p in parts)


def list_name(name: str, marked: bool) -> str:
    """A sub-code's name in a lead's list: mid-sentence, set off in quotes when ``marked``."""
    return f"‘{mid_sentence(name)}’" if marked else mid_sentence(name)


def tier_groups(parts: Sequence[Part], total: int, word: Callable[[int, int], str]) -> list[tuple[str, list[Part]]]:
    """The parts grouped by their frequency word, in order: [("alle", [A]), ("de meeste", [B, C])]."""
    groups: list[tuple[str, list[Part]]] = []
    for p in parts:
        w = word(p.regions, total)
        if groups and groups[-1][0] == w:
            groups[-1][1].append(p)
        else:
            groups.append((w, [p]))
    return groups


def _common_nl(plan: LeadPlan, total: int, word: Callable[[int, int], str], marked: bool) -> str:
    """ "in alle regio's noemt men A, in vrijwel alle regio's ook B (17 van 19), en in de meeste
    regio's C (15 van 19) en D (14 van 19)": each group of names after its own frequency word."""
    said = []
    for i, (w, ps) in enumerate(tier_groups(plan.common, total, word)):
        names = join_words([f"{list_name(p.name, marked)}{count_note(p.regions, total, w)}" for p in ps])
        if i == 0:
            said.append(f"{in_units(w)} noemt men {'onder meer ' if plan.more else ''}{names}")
        else:
            said.append(f"{in_units(w)} ook {names}" if i == 1 else f"en {in_units(w)} {names}")
    return ", ".join(said)


# after "een aantal regio's", "een deel van de regio's" … the verb is singular: "noemt beide"
SINGULAR = frozenset({"een aantal", "een deel", "de helft", "meer dan de helft", "de meerderheid", "een enkele"})


def _split_nl(split: Opposed, n: int, total: int, word: Callable[[int, int], str], intro: bool = True) -> str:
    """The sentence on the opposing pair: what each side's regions point to (as the regions say
    it, never two facts that contradict for the regions that name both) and how many name both."""
    a, b = mid_sentence(split.label), mid_sentence(split.other)
    if split_overlap(split, n) == "many":  # tension within regions: the regions where both come up
        bw = split.both_wording or word(split.both, total)
        return (f"In {regions_phrase(bw, split.both, total)} komen beide beelden naar voren: daar wijst men zowel "
                f"op {a} als op {b}.")
    wa = split.wording or word(split.regions, total)
    wb = split.other_wording or word(split.other_regions, total)
    said = (f"in {regions_phrase(wa, split.regions, total)} wijst men op {a}, "
            f"in {regions_phrase(wb, split.other_regions, total)} op {b}")
    if split.both:
        bw = split.both_wording or word(split.both, total)
        said += f"; {regions_phrase(bw, split.both, total)} {'noemt' if bw in SINGULAR else 'noemen'} beide"
    return (f"Op één punt lopen de antwoorden uiteen: {said}." if intro
            else f"Twee beelden staan tegenover elkaar: {said}.")


def mid_sentence(label: str) -> str:
    """A label as a word mid-sentence: "Docententekort" -> "docententekort"; "ROC …" (two capitals)
    stays as it is."""
    return label if (label[:2].isupper() or not label) else label[0].lower() + label[1:]


def point_sentence(wording: str, n: int, total: int, retold: str | None, scope: str = "within",
                   first: bool = True, nth: int | None = None, variant: int = 0) -> str:
    """A drafted point as an analyst writes it: the sentence retold in the third person comes
    from ONE region and is framed as that region's example. A point groups passages by the
    words they share, which is not a finding a reader can check, so its sentence claims no
    number of regions (the count stays in the JSON and the TUI for the analyst); the counts in
    the text are the codes' own. ``scope``: "same" (the point's regions are its
    sub-code's: the example only, no second count), "within" (a facet within the sub-code
    the paragraph opened with), "theme" (a remark on the theme as a whole). Without a sentence
    that can be retold safely the point has no sentence (""): a list of words is no finding.
    ``first``: the sub-code's first such facet; later ones vary the frame. ``nth``: which
    example of the paragraph this is (0 the first): "Een andere regio", then "Een derde regio" —
    each from another interview, so the words are true."""
    return frame_point(POINT_FRAMES, regions_phrase(wording, n, total), retold, scope, first, nth, variant)


POINT_FRAMES = {"same": "Een regio noemt als voorbeeld: {said}",
                "theme": "Daarnaast noemt een regio: {said}",
                "first": "Een regio noemt als voorbeeld: {said}",
                "later": "Een andere regio: {said}",
                "third": "Een derde regio: {said}",
                "fourth": "Een vierde regio: {said}",
                # the opening frame of a paragraph varies from facet to facet (``variant``)
                "first1": "Een regio vertelt bijvoorbeeld: {said}",
                "first2": "Een voorbeeld uit een regio: {said}",
                # for a retelling that says "bijvoorbeeld" itself
                "first_plain": "Een regio vertelt: {said}"}


def frame_point(frames: Mapping[str, str], where: str, said: str | None, scope: str, first: bool,
                nth: int | None = None, variant: int = 0) -> str:
    """One of a language's point frames filled in; "" without what was said. ``nth`` (0, 1, 2
    …) picks "later", "third", "fourth" for the second, third and fourth example; ``variant``
    (the facet's place in the theme) varies a paragraph's opening frame, so twenty paragraphs
    do not all open with "Een regio noemt als voorbeeld"."""
    if not said:
        return ""
    if scope == "same" or first:
        key = "theme" if scope == "theme" else "first"
        if key == "first" and variant % 3:
            key = f"first{variant % 3}"
        if key != "theme" and "first_plain" in frames and re.search(r"voorbeeld|example", said, re.IGNORECASE):
            key = "first_plain"  # "Een voorbeeld uit een regio: … bijvoorbeeld …" said it twice
    else:
        key = {2: "third", 3: "fourth"}.get(nth or 1, "later")
    return frames[key].format(where=where, said=said)
