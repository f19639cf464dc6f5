"""Which quotes go into the chapter's body (DOMAIN.md, "How the report speaks"): the records
and the rules on one passage; ``quote_picking`` picks a theme's quotes among them.

Quotes illustrate the points of a theme's summary: at least one per point (sub-code) where
a usable passage exists, one to three per point at most, at most one per region per theme,
spread over the region types, never two overlapping spans (two coders' overlapping codings
of one passage are one quote), starred passages preferred within those rules and the
codings a point rests on preferred above all. No quote says what another quote or a retold
example already says, and a point's second quote adds to its first ("says the same briefly",
the test two retold examples are held to). A quote must stand on its own
(``domain.quote_standing``, ``standing``): one that lacks its referent is extended to the
previous sentence of the same turn, or left out; one that leans on that sentence ("In elk
overleg: …") gets it where the quote stays short; one of verbless fragments ("Het behoud van
techniek in de regio. Echt.") gets the next sentence that says something, or is left out.

Pure functions on small records; the service reads the candidates and the text.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sto_qual.domain.filters import value_parts
from sto_qual.domain.quote_openings import clause_after_conjunction, later_sentence, lone_conjunction
from sto_qual.domain.quote_standing import (LOST_REFERENT_OPENERS, after_opening_filler, first_word, leans_on_previous,
                                            opening_filler, opens_without_referent, praises_what_was_named,
                                            takes_up_speaker, trails_off, verbless)

# the rules on standing alone are named here too, for the callers that know them from this module
__all__ = ["LOST_REFERENT_OPENERS", "first_word", "opens_without_referent", "trails_off", "MAX_SENTENCES",
           "MAX_WORDS", "MIN_WORDS", "IDEAL_WORDS", "Candidate", "Point", "NEAR_DUPLICATE", "SMALL_GROUP",
           "GROUP_MARKERS", "small_groups", "names_group", "content_words", "near_duplicate",
           "says_the_same_briefly", "sentences", "quotable", "usable", "tidy", "mark_cuts", "drop_overlaps",
           "extend_back", "extend_forward", "standing", "after_conjunction",
           "with_opening_conjunction"]

MAX_SENTENCES = 3
MAX_WORDS = 70
MIN_WORDS = 6
IDEAL_WORDS = 30

_SENT_END = re.compile(r"[.!?…]+[\"”’)]*(?:\s|$)")
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
GROUP_MARKERS = {"eiland": ("eiland", "veerdienst", "veerboot", "de boot", "overkant", "vaste wal"),
                 # "In een stad is de concurrentie …" from the one urban region of four pointed to it
                 "stedelijk": ("stedelijk", "een stad", "de stad", "grote stad", "binnenstad", "steden"),
                 "landelijk": ("landelijk", "platteland")}


def value_groups(attrs: Mapping[int, Mapping[str, Any]], key: str) -> dict[str, list[int]]:
    """Each value of attribute ``key`` -> the documents holding it, as the tables count them: a list
    ("bestuurder; directeur") in the group of each value (its whole text was a group of its own)."""
    out: dict[str, list[int]] = {}
    for doc, a in attrs.items():
        v = a.get(key)
        for part in dict.fromkeys(value_parts(v) if isinstance(v, str) else [] if v in (None, "") else [str(v)]):
            out.setdefault(part, []).append(doc)
    return out


def small_groups(attrs: Mapping[int, Mapping[str, Any]], main: str) -> dict[int, str]:
    """Document -> its value of the main attribute, for the documents whose value fewer than
    SMALL_GROUP interviews share (such a group points to one region)."""
    return {doc: v for v, docs in value_groups(attrs, main).items() if len(docs) < SMALL_GROUP for doc in docs}


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
    shared = sum(1 for w in (a if len(a) <= len(b) else b) if any(_same_stem(w, x) for x in (b if len(a) <= len(b) else a)))
    return shared >= 2 and shared * 2 >= min(len(a), len(b))


def _same_stem(w: str, x: str) -> bool:
    """One word, or one inside the other's compound at its start or end ("geld" in
    "geldkwestie", "tekort" in "docententekort"): Dutch writes compounds as one word, so "de
    urgentie was het geld" and "de urgentie was vooral een geldkwestie" share two words."""
    if w == x:
        return True
    short, long_ = (w, x) if len(w) <= len(x) else (x, w)
    return len(short) >= 4 and (long_.startswith(short) or long_.endswith(short))


def sentences(text: str) -> int:
    return max(1, len(_SENT_END.findall(text.strip())))


def quotable(text: str, *, max_sentences: int = MAX_SENTENCES, max_words: int = MAX_WORDS,
             min_words: int = MIN_WORDS) -> bool:
    """Short enough for the body (one to three sentences) and long enough to say something."""
    n = len(text.split())
    return min_words <= n <= max_words and sentences(text) <= max_sentences


def usable(text: str) -> bool:
    """Short, standing on its own (a filler it opens with is no lost referent) and more than a
    verbless fragment."""
    return (quotable(text) and not opens_without_referent(after_opening_filler(text)) and not trails_off(text)
            and not verbless(text))


def tidy(text: str) -> str:
    """Fillers ("eh", "hè") replaced by an ellipsis; everything else stays verbatim."""
    out = _FILLER.sub(" … ", text)
    out = re.sub(r"(?:\s*…\s*)+", " … ", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r"…[.,;:]", "…", out)  # "schaal, hè. Laten we": "schaal … Laten we", not "schaal …. Laten"
    out = re.sub(r"\s{2,}", " ", out).strip()
    # an opening filler gone: "…ik zal" as a cut quote opens (it read "… nou, ik zal", the stopword
    # after the filler kept, where the chapter without --tidy-quotes has "…ik zal")
    return re.sub(r"^…\s*(?:" + _SECOND_FILLER.pattern.removeprefix("(?i)") + ")?", "…", out, flags=re.IGNORECASE)


# a stopword that follows an opening filler ("Eh, nou, …"); "ja" stays: it answers
_SECOND_FILLER = re.compile(r"(?i)(?:nou|kijk)\s*,\s*")


def mark_cuts(text: str) -> str:
    """A quote cut out of a longer sentence says so: "…" where it starts mid-sentence (a
    lowercase first letter, or after a filler it opened with) or stops before the sentence ends.
    The words stay verbatim."""
    t = text.strip()
    if not t:
        return t
    filler = opening_filler(t)
    if filler:  # "Eh, we hebben …": the quote starts after the filler
        rest = t[len(filler):]
        more = _SECOND_FILLER.match(rest)  # "Eh, nou, ik zal …": a stopword after it goes with it
        t = "…" + (rest[more.end():] if more and more.end() < len(rest.rstrip()) else rest)
    if t[0].islower() and not t.startswith("…"):
        t = "…" + t
    if t[-1] not in ".!?…\"”’)" and not t.endswith("—"):
        t = t + "…"
    return t


def _overlap(a: Candidate, b: Candidate) -> bool:
    return overlaps_any(a.document_id, a.start, a.end, (b,))


def overlaps_any(doc_id: int, start: int, end: int, taken: Iterable[Candidate]) -> bool:
    """Whether [start, end) of a document overlaps any of ``taken`` (quotes already chosen)."""
    return any(doc_id == t.document_id and start < t.end and t.start < end for t in taken)


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


def extend_back(c: Candidate, previous: tuple[int, str] | None, *, max_sentences: int = MAX_SENTENCES,
                max_words: int = MAX_WORDS) -> Candidate | None:
    """The candidate extended to the sentence before it, when that makes it stand on its own;
    else None. ``previous`` is that sentence's start and the verbatim text from there up to
    the candidate's start (same speaker turn). The appendix allows longer passages than the
    body (``max_sentences``, ``max_words``)."""
    if previous is None:
        return None
    if opens_without_referent(after_opening_filler(previous[1])):  # "Eh, we hebben …" points back to nothing
        return None
    ext = with_sentence_before(c, previous)
    if not quotable(ext.text, max_sentences=max_sentences, max_words=max_words, min_words=1):
        return None
    if opens_without_referent(after_opening_filler(ext.text)):  # "…. Zoals gezegd, …": an answer further back
        return None
    return ext


def reacts_to_nothing(text: str) -> bool:
    """The passage does not open as a reaction to what was just said ("Ja, …", "Dat …", "Ook …",
    ``LOST_REFERENT_OPENERS``): in a group interview, a second respondent's turn after a colleague's
    may answer the interviewer's question before both ("Het is van geld naar samen gegaan"), but "Wat het zo
    goed maakt, …" after a colleague named the techlab speaks of the techlab."""
    head = after_opening_filler(text)
    return first_word(head) not in LOST_REFERENT_OPENERS and not praises_what_was_named(head)


def with_opening_conjunction(c: Candidate, head: str) -> Candidate:
    """``c`` read with ``head``, its sentence's text before it, when that is a lone "En"/"Maar" (a
    passage coded from "de investering …"); ``standing`` quotes it from after it again."""
    return replace(c, start=c.start - len(head), text=head + c.text, words=c.words + 1) if lone_conjunction(head) else c


def from_later_sentence(c: Candidate) -> Candidate | None:
    """The passage from a later sentence that stands on its own (``quote_standing.later_sentence``),
    or None: for a passage the writer starred, which is quoted in part rather than left out."""
    cut = later_sentence(c.text, MIN_WORDS)
    return None if cut is None else replace(c, start=c.start + cut, text=c.text[cut:], words=len(c.text[cut:].split()))


def after_conjunction(c: Candidate) -> Candidate | None:
    """The passage from the clause after its opening "En"/"Maar" (``quote_standing.clause_after_conjunction``),
    the cut marked by ``mark_cuts``; None when that clause does not stand on its own."""
    cut = clause_after_conjunction(c.text, MIN_WORDS)
    return None if cut is None else replace(c, start=c.start + cut, text=c.text[cut:], words=len(c.text[cut:].split()))


def with_sentence_before(c: Candidate, before: tuple[int, str]) -> Candidate:
    """``c`` from the sentence before it: ``before`` is that sentence's start and the verbatim
    text from there up to ``c``'s start (``previous_sentence``)."""
    start, text = before
    joined = (text + c.text).strip()
    return replace(c, start=start, text=joined, words=len(joined.split()))


def _extend_back_chain(c: Candidate, previous: Callable[[Candidate], tuple[int, str] | None], *,
                       max_sentences: int, max_words: int) -> Candidate | None:
    """The candidate extended back over sentences that point back themselves ("Dat zei ik al. Die
    …") to the first that does not, within the limits; None when no such sentence comes first."""
    cur = c
    for _ in range(max_sentences):
        before = previous(cur)
        if before is None:
            return None
        cur = with_sentence_before(cur, before)
        if not quotable(cur.text, max_sentences=max_sentences, max_words=max_words, min_words=1):
            return None
        if not opens_without_referent(after_opening_filler(before[1])):
            return None if opens_without_referent(after_opening_filler(cur.text)) else cur
    return None


def extend_forward(c: Candidate, following: Sequence[tuple[int, str]], *, max_sentences: int = MAX_SENTENCES,
                   max_words: int = MAX_WORDS) -> Candidate | None:
    """A verbless candidate ("Het behoud van techniek in de regio. Echt.") extended with the
    sentences after it until one says something; None when that would make it too long (it is
    then left out). ``following``: the next sentences of the same speaker turn, each as its end
    and the verbatim text from the end before it."""
    text = c.text
    for end, piece in following:
        text = text + piece
        joined = text.strip()
        if not quotable(joined, max_sentences=max_sentences, max_words=max_words, min_words=1):
            return None
        if not verbless(joined):
            return replace(c, end=end, text=joined, words=len(joined.split()))
    return None


def standing(c: Candidate, previous: Callable[[Candidate], tuple[int, str] | None],
             following: Callable[[Candidate], Sequence[tuple[int, str]]], *, max_sentences: int = MAX_SENTENCES,
             max_words: int = MAX_WORDS) -> Candidate | None:
    """The candidate made to stand on its own (``domain.quote_standing``), or None: extended to
    the sentence before it when its opening points back (else left out) or when it leans on that
    sentence ("In elk overleg: …"; else kept as it is), and to the sentences after it when it has
    no verb (else left out). ``previous`` and ``following`` read those sentences of a candidate
    (see ``extend_back``, ``extend_forward``), only when needed."""
    limits = {"max_sentences": max_sentences, "max_words": max_words}
    said = after_opening_filler(c.text)  # "Eh, het belangrijkste is …": a filler points back to nothing
    if takes_up_speaker(said):  # "Ik ben het daar mee eens. Ik zie …": from "Ik zie …"
        later = from_later_sentence(c)
        if later is None:
            return None
        c, said = later, after_opening_filler(later.text)
    if opens_without_referent(said):
        extended = (extend_back(c, previous(c), **limits) or _extend_back_chain(c, previous, **limits)
                    or after_conjunction(c) or (from_later_sentence(c) if c.starred else None))
        if extended is None:
            return None
        c = extended
    elif leans_on_previous(said):
        c = extend_back(c, previous(c), **limits) or c
    if verbless(c.text):
        return extend_forward(c, following(c), **limits)
    return c


Q = TypeVar("Q")


def once_per_passage(quotes: Sequence[Q]) -> list[Q]:
    """A passage starred under two sub-codes of a theme is one row, the longer quote where one
    holds the other, in the first one's place, naming both ("Behoud van het aanbod; Krimp en
    leerlingaantallen"): it was printed twice. ``quotes``: dataclasses with ``theme``, ``doc``,
    ``text``, ``code`` and ``code_label`` (``report.model.Quote``)."""
    out: list[Q] = []
    places: dict[tuple[Any, Any], list[int]] = {}  # (theme, doc) -> the rows of that interview in that theme
    for q in quotes:
        said = q.text.strip("… ")
        rows = places.setdefault((q.theme, q.doc), [])
        k = next((i for i in rows if said in out[i].text or out[i].text.strip("… ") in q.text), None)
        if k is None:
            rows.append(len(out))
            out.append(q)
            continue
        labels = list(dict.fromkeys(filter(None, (*out[k].code_label.split("; "), q.code_label))))
        longer = q if len(q.text) > len(out[k].text) else out[k]
        out[k] = replace(longer, code_label="; ".join(labels), code=out[k].code)
    return out


def under_counted_codes(starred: Sequence[Any], counted: Sequence[Any], coder: str | None) -> tuple[list, list[int]]:
    """The ``starred`` codings (``Coding``) an appendix prints when the chapter counts ``coder``
    (``counted``: her codings of its themes): a star on another coder's coding is the writer's pick,
    filed under the code ``coder`` gave that passage in the same theme, and left out where she gave
    it none (an urban region's "In de stad is techniek niet sexy", coded krimp by the second coder
    only, stood under krimp beside a table saying no urban region mentioned it). Returns every one of
    ``starred``, each under the code it is printed under, and the ids of those left out."""
    out, left = [], []
    for c in starred:
        if coder is None or c.coder == coder:
            out.append(c)
            continue
        theme = c.code.split("/")[0]
        hers = [k.code for k in counted if k.document_id == c.document_id and k.start < c.end and c.start < k.end
                and k.code.split("/")[0] == theme]
        if hers:
            out.append(c if c.code in hers else c._replace(code=hers[0]))
        else:
            out.append(c)
            left.append(c.id)
    return out, left


class SeenWords:
    """Content words of the passages kept so far, per group (a theme or a code), with an index
    from word to passage so a new one is compared only with those it shares words with."""

    def __init__(self) -> None:
        self.kept: dict[str, list[frozenset[str]]] = {}
        self.index: dict[tuple[str, str], list[int]] = {}

    def add(self, group: str, words: frozenset[str]) -> None:
        kept = self.kept.setdefault(group, [])
        for w in words:
            self.index.setdefault((group, w), []).append(len(kept))
        kept.append(words)

    def repeats(self, group: str, words: frozenset[str]) -> bool:
        shared: dict[int, int] = {}
        for w in words:
            for i in self.index.get((group, w), ()):
                shared[i] = shared.get(i, 0) + 1
        kept = self.kept.get(group, [])
        return any(n >= 3 and near_duplicate(words, kept[i]) for i, n in shared.items())
