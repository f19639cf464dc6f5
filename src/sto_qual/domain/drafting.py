"""Pure rules for drafting summaries: cleaning spoken sentences for reading, content lemmas,
weighted log-odds, centrality, fingerprints and the Dutch sentence frames. Stdlib only;
every result is deterministic (ties are broken by sorting)."""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

# the lead's frames live in drafting_lead; the synthesis reads them through this module (``d.theme_lead``)
from sto_qual.domain.drafting_lead import (  # noqa: F401
    regions_phrase, lead_sentence, fallback_phrase, join_words, mid_sentence, Part, Opposed,
    split_view, split_overlap, MIN_CONSISTENCY, MAX_NAMED, LeadPlan, lead_plan, theme_lead,
    cap_first, sets_off, list_name, tier_groups, SINGULAR)
from sto_qual.domain.text import MONTHS_NL
from sto_qual.domain.wording import NUMBER_WORDS

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
        # a tiny corpus (a few sentences, a term in all of them) can leave a prior's rest at
        # zero or below: such a term says nothing of the target against the rest
        rest_t, rest_o = n_t + alpha0 - y_t - a, n_o + alpha0 - y_o - a
        if rest_t <= 0 or rest_o <= 0:
            out[w] = 0.0
            continue
        d = math.log((y_t + a) / rest_t) - math.log((y_o + a) / rest_o)
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
    if changes.get("interviews"):  # first: every count changes with it (a narrow header cut it off)
        then, now = changes["interviews"]
        parts.append(f"counted over {then} interviews, now {now}")
    elif changes.get("groups"):
        parts.append(f"the interviews or their {changes['groups'][0]} changed")
    for key, word in (("added", "added"), ("removed", "removed"), ("changed", "changed")):
        ids = sorted(changes.get(key, ()))
        if ids:  # which codings (`codings --format json`, `show`): "1 passage changed" named none
            shown = ", ".join(f"#{i}" for i in ids[:5]) + (" …" if len(ids) > 5 else "")
            parts.append(f"{len(ids)} passage{'s' if len(ids) != 1 else ''} {word} ({shown})")
    return ", ".join(parts)


# --------------------------------------------------------------- Dutch frames


def point_sentence(wording: str, n: int, total: int, retold: str | None, scope: str = "within",
                   first: bool = True, nth: int | None = None, variant: int = 0) -> str:
    """A drafted point as an analyst writes it: the sentence retold in the third person comes
    from ONE region and is framed as that region's example. A point groups passages by the words
    they share, which is not a finding a reader can check, so its sentence claims no number of
    regions (the count stays in the JSON and the TUI for the analyst); the counts in the text are
    the codes' own. A remark on the theme as a whole is one region's too: framed as recurring
    "in een aantal regio's (4 van 19)", a reader found its four passages saying four different
    things. ``scope``: "same" (the point's regions are its
    sub-code's: the example only, no second count), "within" (a facet within the sub-code
    the paragraph opened with), "theme" (a remark on the theme as a whole). Without a sentence
    that can be retold safely the point has no sentence (""): a list of words is no finding.
    ``first``: the sub-code's first such facet; later ones vary the frame. ``nth``: which
    example of the paragraph this is (0 the first): "Een andere regio vertelt", then "Een derde regio" —
    each from another interview, so the words are true."""
    return frame_point(POINT_FRAMES, regions_phrase(wording, n, total), retold, scope, first, nth, variant)


POINT_FRAMES = {"same": "Een regio noemt als voorbeeld: {said}",
                "theme": "Daarnaast noemt een regio: {said}",
                "first": "Een regio noemt als voorbeeld: {said}",
                # a verb, so the example reads as what a region said, not as the chapter's own claim
                # ("Een andere regio: de bedrijven hebben de financiële slagkracht")
                "later": "Een andere regio vertelt: {said}",
                "third": "Een derde regio vertelt: {said}",
                "fourth": "Een vierde regio vertelt: {said}",
                # the opening frame of a paragraph varies from facet to facet (``variant``)
                "first1": "Een regio vertelt bijvoorbeeld: {said}",
                "first2": "Een voorbeeld uit een regio: {said}",
                # for a retelling that says "bijvoorbeeld" itself
                "first_plain": "Een regio vertelt: {said}"}


# a retold example that opens with "men" as the chapter prints it: the region where the verb's
# subject was ("Een regio vertelt: men heeft één PIE-docent …", where a region tells nothing and
# "men" after a colon reads as a translation, is "In een regio heeft men één PIE-docent …");
# "bijvoorbeeld" where the frame said it is an example, "daarnaast" for a remark beside the theme
MEN_FRAMES = {"same": "In een regio {verb} men bijvoorbeeld", "first": "In een regio {verb} men bijvoorbeeld",
              "first1": "In een regio {verb} men bijvoorbeeld", "first2": "In een regio {verb} men bijvoorbeeld",
              "first_plain": "In een regio {verb} men", "later": "In een andere regio {verb} men",
              "third": "In een derde regio {verb} men", "fourth": "In een vierde regio {verb} men",
              "theme": "In een regio {verb} men daarnaast"}
_MEN_VERB = re.compile(r"men ([a-zà-ÿ]+)\b")


def men_after_verb(sentence: str) -> str:
    """``sentence`` with a point frame and a retold "men …" (``POINT_FRAMES``, or an earlier
    draft's ``EARLIER_FRAMES``) turned round so that the region is where it happened
    (``MEN_FRAMES``); any other sentence as it is."""
    for prefix, key in _MEN_PREFIXES:
        if sentence.startswith(prefix) and (m := _MEN_VERB.match(sentence, len(prefix))):
            return MEN_FRAMES[key].format(verb=m[1]) + sentence[m.end():]
    return sentence


# the frames drafts stored before they had a verb ("Een andere regio: men ging door.")
EARLIER_FRAMES = ("Een andere regio: ", "Een derde regio: ", "Een vierde regio: ")
_MEN_PREFIXES = ([(frame.split("{")[0], key) for key, frame in POINT_FRAMES.items()]
                 + list(zip(EARLIER_FRAMES, ("later", "third", "fourth"))))


# what makes a retold sentence an example: a number (the report's number words from two up), a name
# taken out ("[plaats]"), a vmbo profile, a month, or something that happened (a past tense)
_PAST = ("had", "was", "waren", "werd", "werden", "kwam", "kwamen", "ging", "gingen", "heeft", "hebben", "hadden",
         "kreeg", "kregen", "zei", "zeiden", "begon", "begonnen", "moest", "moesten")
_CONCRETE = re.compile(r"\d|\[|\b(?:" + "|".join(map(re.escape, (*NUMBER_WORDS["nl"][2:], "honderd", "duizend", "één",
                                                                 "PIE", "BWI", "MaT", "M&T", "MVI", *_PAST, *MONTHS_NL)))
                       + r")\b", re.IGNORECASE)


def says_little(retold: str, words: Collection[str]) -> bool:
    """A retold sentence too thin to stand as a region's example: fewer than four content words
    (``words``) and nothing particular in it ("Een regio vertelt: de techniek verandert zo snel.",
    an empty sentence to a reader); a number, a month or a profile makes a short one an example
    ("er zijn daar elf po-besturen")."""
    return len(words) < 4 and not _CONCRETE.search(retold)


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
        if key.startswith("first") and "first_plain" in frames and (
                re.search(r"voorbeeld|example", said, re.IGNORECASE) or not _CONCRETE.search(said)):
            # "Een voorbeeld uit een regio: … bijvoorbeeld …" said it twice; and a remark with nothing
            # particular in it is no example ("Een regio noemt als voorbeeld: de techniek verandert zo snel")
            key = "first_plain"
    else:
        key = {2: "third", 3: "fourth"}.get(nth or 1, "later")
    return frames[key].format(where=where, said=said)


# a sentence of the speaker's that takes back or narrows what she said before it
_TAKEN_BACK = re.compile(r"(?:Maar|Alleen|Behalve|Hoewel)\b")


def taken_back(text: str, end: int) -> bool:
    """One of the speaker's next two sentences in the same turn (up to its blank line) opens by taking back or
    narrowing the sentence ending at ``end`` ("De verdeling van het geld gaat nu op voorstel van de penvoerder. Dat
    was in het begin echt niet zo. Maar dat is regie over onszelf, niet over de keten.")."""
    turn_end = text.find("\n\n", end)
    rest = text[end:turn_end if turn_end >= 0 else len(text)].strip()
    return any(_TAKEN_BACK.match(s) for s in re.split(r"(?<=[.!?…])\s+", rest)[:2])
