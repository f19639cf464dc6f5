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

from sto_qual.domain.wording import count_word, with_ook

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
    from sto_qual.domain.wording import count_note, in_units
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


def common_view(parts: Sequence[tuple[str, int]], n: int) -> tuple[list[tuple[str, int]], bool, int]:
    """(the sub-codes a theme lead names, whether the answers are consistent, how many sub-codes
    are that common): the sub-codes in at least two thirds of the theme's ``n`` regions (at most
    three named), else the two most frequent."""
    strong = [p for p in parts if p[1] * 3 >= n * 2]
    return (list(strong[:3]), True, len(strong)) if strong else (list(parts[:2]), False, 0)


class Opposed(NamedTuple):
    """A pair of opposing sub-codes (declared in the codebook) with the regions of each and of
    both: what a theme's lead says when the answers differ on them."""
    label: str
    regions: int
    other: str
    other_regions: int
    both: int            # regions that name both
    both_wording: str    # the frequency word for ``both`` ("een paar", "de meeste")
    # what each side says, as the codebook's phrases ("heeft het vmbo de regierol in de praktijk
    # genomen") with their frequency words; without them the lead names the labels
    phrase: str = ""
    wording: str = ""
    other_phrase: str = ""
    other_wording: str = ""


def split_view(opposed: Sequence[Opposed], n: int) -> Opposed | None:
    """The pair of opposing sub-codes that both come up in at least a third of the theme's
    ``n`` regions — the point on which the answers differ — or None."""
    both = [o for o in opposed if min(o.regions, o.other_regions) * 3 >= n]
    return max(both, key=lambda o: (min(o.regions, o.other_regions), o.label), default=None)


class LeadView(NamedTuple):
    """What a theme's lead says beyond its codebook phrase, in either language."""
    named: list[tuple[str, int]]  # the sub-codes (label, regions) it names
    consistent: bool              # a sub-code comes up in two thirds of the theme's regions
    strong: int                   # how many sub-codes are that common
    all_named: bool               # ... and all of them are named ("namelijk", else "waaronder")
    split: Opposed | None         # the opposing pair the answers differ on
    everywhere: bool              # every named sub-code comes up in all regions


def split_overlap(split: Opposed | None, n: int) -> str:
    """How the opposing pair sits in the theme's ``n`` regions: "apart" when no region names
    both; "some" when some do; "many" when at least a third of the regions name both (13 of
    19: that is tension within regions, not regions that differ)."""
    if not split or split.both <= 0:
        return "apart"
    return "many" if split.both * 3 >= n else "some"


def lead_view(parts: Sequence[tuple[str, int]], n: int, total: int,
              opposed: Sequence[Opposed] = ()) -> LeadView:
    named, consistent, strong = common_view(parts, n)
    return LeadView(named, consistent, strong, strong <= len(named), split_view(opposed, n),
                    all(k >= total for _l, k in named))


# a theme that comes up in fewer regions gets no sentence on how consistent the answers are
# ("twee onderwerpen komen in de meeste van die regio's terug, namelijk docententekort (1 van 2)")
MIN_CONSISTENCY = 3


def theme_lead(lead: str, parts: Sequence[tuple[str, int]], n: int, total: int,
               opposed: Sequence[Opposed] = ()) -> str:
    """The theme's lead with the common view and how consistent the answers are: "In alle
    regio's noemt men waar de urgentie ligt. De antwoorden lopen weinig uiteen: drie onderwerpen
    komen in de meeste regio's terug, namelijk de ontwikkeling van de urgentie sinds de start (in
    alle regio's), het docententekort (15 van 19) en de krapte op de technische arbeidsmarkt (13
    van 19)." ``parts``: (sub-code topic, or its label without one, regions) by prevalence. Consistent when a sub-code comes up in at least two thirds of the
    regions that speak of the theme (at most three are named; "waaronder" when more are that
    common); else the answers "lopen uiteen" and the two most frequent are named. ``opposed``:
    the codebook's opposing sub-codes; when both of a pair come up in a third of the regions the
    answers are not called consistent, and the lead says on what they differ and in how many
    regions both come up. The sub-codes are named as topics (the codebook's ``topic``, a noun
    phrase, or else the label): their phrases ("heeft de onzekerheid gevolgen gehad") say what
    the regions said, and "het vaakst" before such a phrase would say something else."""
    if not parts or n < MIN_CONSISTENCY:  # how consistent answers are is no question below three regions
        return lead
    v = lead_view(parts, n, total, opposed)
    every = "in alle regio's"

    def share(k: int) -> str:
        return every if k >= total else f"{k} van {total}"

    said = topic_list(v, share, "en")
    split = v.split
    differ = split_words(split, n, total, SPLIT_FRAMES, regions_phrase, share, ("noemt", "noemen")) if split else ""
    if v.consistent:
        many = f"{count_word(v.strong)} {'onderwerp komt' if v.strong == 1 else 'onderwerpen komen'}"
        # "de meeste" is of the regions that speak of the theme: said so when those are not all
        where = every if v.everywhere else "in de meeste regio's" if n >= total else "in de meeste van die regio's"
        which = "namelijk" if v.all_named else "waaronder"
        common = f"{many[0].upper()}{many[1:]} {where} terug, {which} {said}."
        return (f"{lead.rstrip('.')}. " + (f"De antwoorden lopen weinig uiteen: {common[0].lower()}{common[1:]}"
                                            if not split else common + differ))
    those = "de regio's" if n >= total else "die regio's"
    return (f"{lead.rstrip('.')}. De antwoorden lopen uiteen: geen onderwerp komt in twee derde van {those} "
            f"terug; het vaakst gaat het om {said}.{differ}")


def topic_list(v: LeadView, share: Callable[[int], str], conjunction: str) -> str:
    """The sub-codes a lead names (their topics or labels), with their shares: "de ontwikkeling
    van de urgentie sinds de start (in alle regio's), het docententekort (15 van 19) en de krapte
    op de technische arbeidsmarkt (13 van 19)". After "komen in alle regio's terug" no share is
    repeated; a topic or label that holds the conjunction itself ("krimp en leerlingaantallen",
    "de kwaliteit en vernieuwing van de lessen") would make the list ambiguous, so then every
    one is set off as a name."""
    marked = any(f" {conjunction} " in f" {lab.lower()} " for lab, _k in v.named)
    names = [f"‘{mid_sentence(lab)}’" if marked else mid_sentence(lab) for lab, _k in v.named]
    return join_words([name if v.everywhere else f"{name} ({share(k)})" for name, (_lab, k) in zip(names, v.named)],
                      conjunction)


def split_words(split: Opposed, n: int, total: int, frames: Mapping[str, str],
                regions: Callable[[str, int, int], str], share: Callable[[int], str],
                verbs: tuple[str, str]) -> str:
    """The sentence on the opposing pair, in the language of ``frames`` (its ``regions_phrase``,
    its way of giving a share, its verb for one and for more regions). With the codes' phrases
    it says what each side says: "Op één punt lopen de antwoorden uiteen: in de meeste regio's
    (15 van 19) heeft het vmbo de regierol in de praktijk genomen, in een deel van de regio's (7
    van 19) heeft het vmbo de regie vooral op papier; een aantal regio's (3 van 19) noemen
    beide." When a third of the regions or more name both, that is tension within regions: "In
    de meeste regio's (13 van 19) komen beide beelden naar voren: daar spreekt men over afspraken
    …, en werkt men ook nog grotendeels ieder voor zich." Without phrases it names the labels."""
    kind = split_overlap(split, n)
    phrased = bool(split.phrase and split.other_phrase)
    case = f"phrased-{kind}" if phrased else "every" if kind == "many" and split.both >= total else kind
    la, lb = mid_sentence(split.label), mid_sentence(split.other)
    return frames[case].format(
        a=split.phrase.strip().rstrip("."), b=split.other_phrase.strip().rstrip("."),
        b_ook=with_ook(split.other_phrase.strip().rstrip(".")),
        a_in=regions(split.wording, split.regions, total) if phrased else "",
        b_in=regions(split.other_wording, split.other_regions, total) if phrased else "",
        both_in=regions(split.both_wording, split.both, total) if split.both else "",
        verb=verbs[split.both != 1], la=la, lb=lb,
        A=f"{la} ({share(split.regions)})", B=f"{lb} ({share(split.other_regions)})")


SPLIT_FRAMES = {
    # both views in a third of the regions or more: said as the regions where both come up (with
    # their own count, so it does not read as contradicting the facets' counts)
    "phrased-many": " In {both_in} komen beide beelden naar voren: daar {a}, en {b_ook}.",
    "phrased-apart": " Op één punt lopen de antwoorden uiteen: in {a_in} {a}, in {b_in} {b}.",
    "phrased-some": " Op één punt lopen de antwoorden uiteen: in {a_in} {a}, in {b_in} {b}; {both_in} {verb} beide.",
    "every": " In alle regio's komen beide beelden naar voren: {la} en {lb}.",
    "apart": " Op één punt lopen de antwoorden uiteen: {A} tegenover {B}.",
    "some": " Op één punt lopen de antwoorden uiteen: {A} tegenover {B}; {both_in} {verb} beide.",
    "many": " Op één punt komen beide beelden naar voren, en {both_in} {verb} beide: {A} en {B}.",
}


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
