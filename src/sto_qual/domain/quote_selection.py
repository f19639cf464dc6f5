"""Which quotes go into the chapter's body (DOMAIN.md, "How the report speaks").

Quotes illustrate the points of a theme's summary: at least one per point (sub-code) where
a usable passage exists, one to three per point at most, at most one per region per theme,
spread over the region types, never two overlapping spans (two coders' overlapping codings
of one passage are one quote), starred passages preferred within those rules and the
codings a point rests on preferred above all. A quote must stand on its own
(``opens_without_referent``): one that lacks its referent is extended to the previous
sentence of the same turn by the caller, or left out. It lacks it when

1. its first word points back: a connective or pronoun ("Ja,", "Maar", "Die", "Al is het …",
   "Ongeveer de helft …"; ``LOST_REFERENT_OPENERS``);
2. it opens mid-sentence (a lowercase first letter: "…het ministerie denkt …"), except words
   always written lowercase ("vmbo", "mbo", "po" …);
3. its first clause is an elliptic answer of at most five words ending in "wel", "niet",
   "ook" … ("Op papier wel.", "Binnen de stuurgroep wel, …");
4. it opens with "Het/Dat is …" and that sentence has at most four words ("Het is neutraal.");
5. a demonstrative "dat"/"dit" stands in for a thing among the first four words: it is not
   introduced by a verb of saying or thinking (or an "er-/daar-" word) and not followed by a
   subject ("Als dat zo doorgaat", "Bij ons duurt dat vier jaar"; not "Ik denk dat we …" or
   "Het geld dat we krijgen …"), or a sentence opening with a preposition has "is dat" ("Voor
   mij is dat de kwaliteit");
6. it opens with a short answer ("Klopt.", "Vervelend, natuurlijk.") or with an aside before
   one ("Mag ik eerlijk zijn? Op papier wel."; a real question, "Heeft het vmbo de regierol?",
   is the referent);
7. it is a single sentence of at most three words ("Frustrerend.", "Slecht, eerlijk gezegd."),
   or it compares with what was said before ("Bij ons hetzelfde …", "Minder dan aan de
   personeelskant.", "Twee zijn er inmiddels vertrokken": a number of what?);
8. a "dat" after a verb of thinking is no clause but the thing itself ("Ik vond dat eerlijk
   gezegd heel vervelend");
9. its first sentence has a demonstrative right after a subject pronoun ("of we dat kunnen
   volhouden": what?; "Als we daar de techniek sluiten": where?), not a conjunction ("Soms
   zeggen we dat het niet kan"); 10. it refers to the conversation ("Zoals gezegd, …").
A quote that breaks off on a dash (``trails_off``) is not used either.

The rule is deliberately wary: a usable passage wrongly taken for one without referent is
extended or left out, never printed half understood.

Pure functions on small records; the service reads the candidates and the text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

MAX_SENTENCES = 3
MAX_WORDS = 70
MIN_WORDS = 6
IDEAL_WORDS = 30

_SENT_END = re.compile(r"[.!?…]+[\"”’)]*(?:\s|$)")
_FIRST_WORD = re.compile(r"^[\s“\"‘'(—–-]*([^\s,.;:!?…]+)")

# Opening words that point back to something the reader of a lone quote does not have.
LOST_REFERENT_OPENERS = frozenset({
    "ja", "nee", "nou", "maar", "en", "of", "want", "dus", "omdat", "toen", "dan", "ook", "zo",
    "die", "dat", "dit", "deze", "daar", "daarom", "daardoor", "daarvoor", "daarmee", "daarin", "daarna",
    "hierdoor", "hiervoor", "hij", "zij", "ze", "inderdaad", "precies", "klopt", "eh", "ehm", "hè",
    "al", "ongeveer", "hetzelfde", "zoiets", "zelfde", "wel", "niet",
})
# words a Dutch sentence may open with in lowercase
_LOWER_OPENERS = frozenset({"vmbo", "mbo", "po", "hbo", "havo", "vwo", "vo", "'s", "'t", "m&t", "e&o", "d&p",
                            "z&w", "sto", "techlab"})
_ELLIPTIC_ENDS = frozenset({"wel", "niet", "ook", "nog", "juist", "hoor", "zeker", "soms", "deels", "grotendeels",
                            "gedeeltelijk", "absoluut", "nauwelijks"})
# verbs and words after which "dat" opens a clause instead of standing for a thing
_DAT_CLAUSE = frozenset("""
denk denken dacht zeg zeggen zei gezegd vind vinden vond weet weten wist merk merken gemerkt zie zien zag
gezien hoop geloof verwacht blijkt betekent is was zijn waren afgesproken besloten bedoel snap begrijp hoor
voel wil willen zorgen zorg zo zodanig behalve zonder tot na voordat ervoor omdat nu opdat zegt vindt ziet merkt
denkt hoopt gelooft
""".split())
_SUBJECTS = frozenset("""we wij ik je jij ze zij het er men hij u jullie de een die dat dit ons onze mijn hun
iedereen niemand alle elke ieder veel sommige scholen leerlingen bedrijven besturen""".split())
_TOKEN = re.compile(r"[\w'&\[\]-]+")

_FILLER = re.compile(r"(?i)(?:,\s*)?(?<![\w-])(?:eh|ehm|uh|uhm|euh|hè)(?![\w-])(?:\s*,)?")


@dataclass(frozen=True)
class Candidate:
    """A coded passage that could be quoted."""
    id: int
    document_id: int
    region: str            # the interview's region (one region, one interview)
    group: str             # its value of the main attribute (region type), "" when unknown
    code: str              # the code path
    start: int
    end: int
    text: str
    starred: bool = False
    words: int = 0


@dataclass(frozen=True)
class Point:
    """Something the section says, to be illustrated: a summary point or, until a summary
    exists, a sub-code."""
    key: str
    code: str
    references: tuple[int, ...] = ()   # coding ids the point rests on, most representative first
    limit: int = 1                     # quotes in the body at most (1-3)
    said: tuple[frozenset[str], ...] = ()  # content words of what the text already retells: no quote repeats it


# Words that say nothing about what a passage is about; the rest tells near-duplicates apart.
_STOPWORDS = frozenset("""
aan al alle alles als andere anders bij dan dat daar dus dat de deze die dit doen door echt een eigenlijk en
er gaan gaat geen gewoon had heb hebben heeft hebt heel hier hij hoe iets ik in is ja je jij kan kunnen
maar meer men met mij moet moeten na naar natuurlijk niet nog nou nu of ook om onder ons onze op over
precies samen toch tot uit van veel voor waar wat we wel werd wij wil worden wordt zal ze zeg zeggen zei
zich zie zijn zo zou zouden denk weet wordt toen want waren was keer even daarom omdat allemaal zeker
""".split())
_WORDS = re.compile(r"[^\W\d_][\w-]*")
NEAR_DUPLICATE = 0.5
# a region type with fewer interviews is no group to compare (no table column) and points to one
# region: a quote that names it is attributed to that type of region, not to a role
SMALL_GROUP = 3
# what in a passage tells its region type: the island by its ferry and "the other side" as much
# as by its name; another type by the first letters of its name ("krimp…", "stedel…")
GROUP_MARKERS = {"eiland": ("eiland", "veerdienst", "veerboot", "de boot", "overkant", "vaste wal")}


def small_groups(attrs: Mapping[int, Mapping[str, Any]], main: str) -> dict[int, str]:
    """Document -> its value of the main attribute, for the documents whose value fewer than
    SMALL_GROUP interviews share (such a group points to one region)."""
    sizes = Counter(str(a.get(main) or "") for a in attrs.values())
    return {doc: str(a[main]) for doc, a in attrs.items() if a.get(main) and sizes[str(a[main])] < SMALL_GROUP}


def names_group(text: str, group: str) -> bool:
    """The passage says which type of region it comes from ("op het eiland", "de veerdienst")."""
    low = text.lower()
    return any(m in low for m in GROUP_MARKERS.get(group.lower(), (group.lower()[:6],)))


def content_words(text: str) -> frozenset[str]:
    """The passage's content words, cut to their first five letters (a crude stem, so
    "school" and "scholen", "vacature" and "vacatures" meet); a replaced name ("[school]") is
    no content word."""
    text = re.sub(r"\[[^\]]*\]", " ", text)
    return frozenset(w[:5] for w in (m.group(0).lower() for m in _WORDS.finditer(text))
                     if len(w) >= 4 and w not in _STOPWORDS)


def near_duplicate(a: frozenset[str], b: frozenset[str], threshold: float = NEAR_DUPLICATE) -> bool:
    """Two passages that say the same thing: at least ``threshold`` of the shorter one's
    content words recur in the other (three at least), or four of them and a third, or three
    and a quarter ("het ministerie rekent in kalenderjaren, wij in schooljaren" said twice in
    other words, one of them with a remark around it)."""
    small = min(len(a), len(b))
    shared = len(a & b)
    return small >= 3 and ((shared >= 3 and shared >= threshold * small) or (shared >= 4 and shared * 3 >= small)
                           or (shared >= 3 and shared * 4 >= small))


def says_the_same_briefly(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two short sentences (retold examples) that say the same: two content words at least, and
    half of the shorter one's ("men heeft geen geld om bedrijven iets te bieden" / "men kan een
    bedrijf niets bieden"); ``near_duplicate``'s three shared words suit passages, not these."""
    shared = len(a & b)
    return shared >= 2 and shared * 2 >= min(len(a), len(b))


def sentences(text: str) -> int:
    return max(1, len(_SENT_END.findall(text.strip())))


def first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(1).lower() if m else ""


def opens_without_referent(text: str) -> bool:
    """The passage lacks the referent of its opening words (the cases in the module's
    docstring)."""
    if first_word(text) in LOST_REFERENT_OPENERS:
        return True
    t = text.lstrip(" \t\n“\"‘'(—–-")
    head, sep, rest = _first_sentence(t)
    head_words = _TOKEN.findall(head)
    if sep and len(head_words) <= 2 and {w.lower() for w in head_words} & _SHORT_ANSWERS:
        return True  # "Vervelend, natuurlijk. Maar …", "Klopt." (but a topic, "Krimp. Dat is …", stands)
    if sep == "?" and len(head_words) <= 5 and {w.lower() for w in head_words} & {"ik", "je"} and rest.strip():
        # an aside ("Mag ik eerlijk zijn?", "Weet je wat het is?") is no referent for what follows;
        # a real question ("Heeft het vmbo de regierol?") is
        return opens_without_referent(rest)
    if not rest.strip() and 0 < len(head_words) <= 3:
        return True  # 7: "Frustrerend.", "Slecht, eerlijk gezegd." alone answer a question not quoted
    low = [w.lower() for w in head_words[:5]]
    if any(w in _COMPARED for w in low[:4]) or (low and low[0] in ("minder", "meer") and low[1:2] == ["dan"]):
        return True  # 7: "Bij ons hetzelfde", "Minder dan aan de personeelskant": compared with what?
    if len(low) > 2 and low[0] in _NUMBER_OPENERS and "er" in low[1:3]:
        return True  # 7: "Twee zijn er inmiddels vertrokken"
    if low and low[0] in _PREPOSITIONS and any(a in ("is", "was") and b in ("dat", "dit")
                                                for a, b in zip(low[1:], low[2:])):
        return True  # "Voor mij is dat de kwaliteit …": the demonstrative is the subject
    if t.startswith("…"):
        return True
    if _AS_SAID.match(t):
        return True  # 10: "Zoals gezegd, …" points to an earlier answer
    sent = [w.lower() for w in _TOKEN.findall(head)]
    for i in range(1, len(sent) - 1):
        if sent[i - 1] in _PRONOUNS and (sent[i] == "daar" or (sent[i] in ("dat", "dit") and sent[i + 1] not in _SUBJECTS)):
            return True  # 9: "… of we dat kunnen volhouden": a thing said before
    m = _TOKEN.match(t)
    if m and m.group(0)[:1].islower() and m.group(0).lower().split("-")[0] not in _LOWER_OPENERS:  # "[school]" passes
        return True
    clause = re.split(r"[.!?…,;:]", t, maxsplit=1)[0]
    words = [w.lower() for w in _TOKEN.findall(clause)]
    if not words:
        return False
    if len(words) <= 5 and words[-1] in _ELLIPTIC_ENDS:
        return True
    sentence = re.split(r"[.!?…]", t, maxsplit=1)[0]
    if words[0] in ("het", "dat") and len(words) > 1 and words[1] in ("is", "was", "blijft", "wordt") \
            and len(_TOKEN.findall(sentence)) <= 4:
        return True
    for i, w in enumerate(words[:4]):
        if w in ("dat", "dit") and i > 0:
            before = words[i - 1]
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in _DAT_CLAUSE and after in _NO_CLAUSE and ":" not in sentence:
                return True  # 8: "Ik vond dat eerlijk gezegd heel vervelend": the thing, not a clause
                # (before a colon it points forward: "[bedrijf] zegt dat ook eerlijk: …")
            if before in _DAT_CLAUSE or re.match(r"^(?:er|daar|hier)[a-z]+$", before):
                continue
            if after in _SUBJECTS:
                continue
            return True
    return False


# the words of a short answer to a question that is not in the quote
_SHORT_ANSWERS = frozenset("""klopt precies zeker absoluut inderdaad vervelend lastig moeilijk jammer prima goed mooi
tja natuurlijk uiteraard sowieso deels soms nauwelijks weinig hoor wel niet eigenlijk""".split())
_PREPOSITIONS = frozenset("voor bij in op met naar volgens over aan uit".split())
_COMPARED = frozenset("hetzelfde dezelfde eenzelfde".split())
_PRONOUNS = frozenset("we wij ik je jij ze zij men hij jullie".split())
_AS_SAID = re.compile(r"(?i)zoals\s+(?:ik\s+|we\s+|je\s+)?(?:al\s+)?(?:gezegd|zei|zeiden|zeg|aangaf|noemde)\b")
_NUMBER_OPENERS = frozenset("twee drie vier vijf zes zeven acht negen tien beiden allebei".split())
# after "vond dat", "denk dat" …: words that start no clause, so the "dat" is a thing
_NO_CLAUSE = frozenset("eerlijk heel erg best zo echt wel niet ook toch altijd nooit jammer".split())


def _first_sentence(text: str) -> tuple[str, str, str]:
    """(the first sentence without its end mark, the mark or "", the rest)."""
    m = re.search(r"[.!?](?=\s|$)", text)
    if not m:
        return text, "", ""
    return text[:m.start()], m.group(0), text[m.end():]


def quotable(text: str, *, max_sentences: int = MAX_SENTENCES, max_words: int = MAX_WORDS,
             min_words: int = MIN_WORDS) -> bool:
    """Short enough for the body (one to three sentences) and long enough to say something."""
    n = len(text.split())
    return min_words <= n <= max_words and sentences(text) <= max_sentences


def trails_off(text: str) -> bool:
    """The speaker breaks off ("Als je niet weet of je baan er over een jaar nog is, ja —"):
    the quote ends on a dash, so its point is left unsaid."""
    return bool(re.search(r"[—–-]\s*[”\"’']?\s*$", text.strip()))


def usable(text: str) -> bool:
    return quotable(text) and not opens_without_referent(text) and not trails_off(text)


def tidy(text: str) -> str:
    """Fillers ("eh", "hè") replaced by an ellipsis; everything else stays verbatim."""
    out = _FILLER.sub(" … ", text)
    out = re.sub(r"(?:\s*…\s*)+", " … ", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return out


def mark_cuts(text: str) -> str:
    """A quote cut out of a longer sentence says so: "…" where it starts mid-sentence (a
    lowercase first letter) or stops before the sentence ends. The words stay verbatim."""
    t = text.strip()
    if not t:
        return t
    if t[0].islower() and not t.startswith("…"):
        t = "…" + t
    if t[-1] not in ".!?…\"”’)" and not t.endswith("—"):
        t = t + "…"
    return t


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.document_id == b.document_id and a.start < b.end and b.start < a.end


def drop_overlaps(cands: Iterable[Candidate]) -> list[Candidate]:
    """One quote per passage: of overlapping codings of the same code in one interview (two
    coders who coded the same passage) the starred, then the shorter one stays. Order kept."""
    cands = list(cands)
    order = sorted(range(len(cands)), key=lambda i: (not cands[i].starred, cands[i].end - cands[i].start,
                                                     cands[i].id))
    kept: dict[tuple[int, str], list[Candidate]] = {}
    keep_idx = set()
    for i in order:
        c = cands[i]
        same = kept.setdefault((c.document_id, c.code), [])
        if any(_overlap(c, k) for k in same):
            continue
        same.append(c)
        keep_idx.add(i)
    return [c for i, c in enumerate(cands) if i in keep_idx]


def select_quotes(points: Sequence[Point], candidates: Iterable[Candidate],
                  max_total: int | None = None) -> dict[str, list[Candidate]]:
    """Body quotes per point key. Rounds over the points (each point its first quote before any
    point its second) so every point that has a usable passage is illustrated — the first
    point of each code first, so a ``max_total`` for the theme never leaves a code unquoted
    while another code has two. When that leaves a point without a quote although its code
    has usable passages (wider codes took the few regions it could be quoted from: one quote
    per region), the codes with the fewest regions choose first instead."""
    by_code: dict[str, list[Candidate]] = {}
    for c in candidates:
        if usable(c.text):
            by_code.setdefault(c.code, []).append(c)
    chosen = _select(points, by_code, max_total, scarce_first=False)
    if any(not chosen[p.key] and by_code.get(p.code) for p in points):
        again = _select(points, by_code, max_total, scarce_first=True)
        if sum(bool(v) for v in again.values()) > sum(bool(v) for v in chosen.values()):
            return again
    return chosen


def _select(points: Sequence[Point], by_code: dict[str, list[Candidate]], max_total: int | None,
            scarce_first: bool) -> dict[str, list[Candidate]]:
    chosen: dict[str, list[Candidate]] = {p.key: [] for p in points}
    regions: set[str] = set()
    groups: Counter[str] = Counter()
    taken: list[Candidate] = []
    said: list[frozenset[str]] = []   # content words of the quotes taken: no two say the same
    words_of: dict[int, frozenset[str]] = {}

    def words(c: Candidate) -> frozenset[str]:
        w = words_of.get(c.id)
        if w is None:
            w = words_of[c.id] = content_words(c.text)
        return w
    rounds = max((p.limit for p in points), default=0)
    seen_codes: set[str] = set()
    firsts, others = [], []
    for p in points:
        (others if p.code in seen_codes else firsts).append(p)
        seen_codes.add(p.code)
    if scarce_first:  # a wide code must not take the one region a narrow code can be quoted from
        scarce = {p.code: len({c.region for c in by_code.get(p.code, ())}) for p in points}
        firsts.sort(key=lambda p: scarce[p.code])
    order = firsts + others
    total = 0
    for r in range(rounds):
        for p in order:
            if max_total is not None and total >= max_total:
                break
            if len(chosen[p.key]) >= min(p.limit, 3) or len(chosen[p.key]) < r:
                continue
            refs = {cid: i for i, cid in enumerate(p.references)}
            pool = [c for c in by_code.get(p.code, ()) if c.region not in regions
                    and not any(_overlap(c, t) for t in taken)
                    and not any(near_duplicate(words(c), w) for w in (*said, *p.said))]
            if not pool:
                continue
            best = min(pool, key=lambda c: (refs.get(c.id, len(refs)), groups[c.group], not c.starred,
                                            abs((c.words or len(c.text.split())) - IDEAL_WORDS), c.region, c.start))
            chosen[p.key].append(best)
            total += 1
            regions.add(best.region)
            groups[best.group] += 1
            taken.append(best)
            said.append(words(best))
    return chosen


def extend_back(c: Candidate, previous: tuple[int, str] | None, *, max_sentences: int = MAX_SENTENCES,
                max_words: int = MAX_WORDS) -> Candidate | None:
    """The candidate extended to the sentence before it, when that makes it stand on its own;
    else None. ``previous`` is that sentence's start and the verbatim text from there up to
    the candidate's start (same speaker turn). The appendix allows longer passages than the
    body (``max_sentences``, ``max_words``)."""
    if previous is None:
        return None
    start, text = previous
    if opens_without_referent(text):
        return None
    joined = (text + c.text).strip()
    if not quotable(joined, max_sentences=max_sentences, max_words=max_words, min_words=1):
        return None
    return replace(c, start=start, text=joined, words=len(joined.split()))
