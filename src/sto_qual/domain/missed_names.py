"""Names the pseudonym list missed: the words the transcripts write as names (``NameProfile``),
found in a printed passage (``NameProfile.unlisted``). ``domain.identifying`` holds the other
checks of what still points to a person."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from sto_qual.domain.drafting import STOPWORDS
from sto_qual.domain.quote_selection import SMALL_GROUP
from sto_qual.domain.text import EMAIL, PARTICLES

# --- names the pseudonym list missed -------------------------------------------------------------
# A word is taken for a name when the transcripts write it with a capital in mid-sentence and
# never in lower case ("in Hoornsand", "bij Techwerf"): the transcriber's capital is the one
# sign of a name a blank pipeline has. It is asked about wherever a printed passage holds it,
# at the start of a sentence too; a word the transcripts write only at the start of a sentence
# is asked about when the language does not know it ("Vledderhoven is het dorp"). Not asked
# about: a word with a capital inside it or one that starts with an acronym ("MaT", "STO-geld",
# "3D-printers"), the programme's own names below, and a word more than half of the interviews
# use, three or more (the programme's vocabulary points to no region: "Vakcollege"). The
# project's own exceptions are kept by `pseudonyms keep`.
PROGRAMME_WORDS = frozenset({
    "sterk", "techniekonderwijs", "regionaal", "investeringsfonds", "techniekpact", "rijk", "rijksoverheid",
    "ministerie", "ocw", "kamer", "tweede", "vakcollege", "techniek", "nederland", "nederlands", "engels",
    "europa", "europees", "europese", "instagram", "linkedin", "facebook", "whatsapp", "teams", "zoom",
    "google", "excel", "word", "powerpoint", "corona", "covid"})
# the vmbo profile written as a word (the others are acronyms: PIE, BWI, Z&W, HBR), no name in a passage that
# speaks of profiles ("BWI, Groen en Z&W"); elsewhere "Groen" may be a surname ("meneer Groen"), still asked about
PROFILE_WORDS = {"groen": re.compile(r"\b(?:PIE|BWI|MaT|M&T|MVI|Z&W|D&P|E&O|HBR)\b|profiel")}
_NAME_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W_]+)*")
# a capital that starts a sentence: at the text's start, after . ! ? … : or an opening quote
# (tested on the three characters before a word)
_STARTS = re.compile(r"(?:^|[.!?…:;]\s*|[“‘\"'(\[]\s*|\n\s*)$")
# the words ``_STARTS`` finds at a sentence's start, found in one scan: a word after one of its
# marks and at most two spaces (and the text's first word: ``_opens``)
_AT_START = re.compile(r"([.!?…:;“‘\"'(\[\n])(\s{0,2})(" + _NAME_TOKEN.pattern + ")")
_JOINS = re.compile(r"[^\W_]|['’-]")
# an e-mail address or a link: no words of the text ("klaas.bruinsma@school.nl" made "Klaas" a word the
# transcripts write small, and no name anywhere)
_ADDRESSES = re.compile(EMAIL.pattern + r"|\b(?:https?://|www\.)\S+")
_APOSTROPHE_WORD = re.compile(r"'(?=[^\W\d_])")
# a transcriber's note of one word in brackets ends what was said before it: "(lacht) Nee, serieus" opens a sentence
# (a tester's "Nee" was asked about as a name); read as "(lacht. Nee", of the same length
_NOTE = re.compile(r"([(\[][a-zà-ÿ]+)[)\]]")


def notes_ended(text: str) -> str:
    """``text`` with each one-word note in brackets ending in a full stop (``_NOTE``), its length kept."""
    return _NOTE.sub(r"\1.", text) if ")" in text or "]" in text else text


def _opens(text: str) -> Counter:
    """How often each word opens a sentence (``_STARTS`` on the three characters before it).
    An apostrophe right after a word can join the next one to it ("d'Artagnan"): a match there
    is inside a word, not at a sentence's start. Only capitalised words are asked about, so
    only such matches before a capital are checked, against the word scan around them."""
    out = Counter(map(itemgetter(2), _AT_START.findall(text)))
    first = _NAME_TOKEN.match(text)
    if first:  # the text's first word
        out[first.group(0)] += 1
    if any(not text[m.end()].islower() for m in _APOSTROPHE_WORD.finditer(text)):
        for m in _AT_START.finditer(text):
            if m.group(1) == "'" and not m.group(2) and not m.group(3)[0].islower() and _joined(text, m.start()):
                out[m.group(3)] -= 1
    return out


def _joined(text: str, i: int) -> bool:
    """Whether the word scan reads the apostrophe at ``i`` inside a word."""
    q = i
    while q > 0 and _JOINS.match(text, q - 1):
        q -= 1
    return any(w.start() < i and w.end() > i + 1 for w in _NAME_TOKEN.finditer(text, q, i + 2))


# a surname's particles before it: capitalised mid-sentence ("Mevrouw De Vries") or after a first name
# ("Anouk van den Berg"), they are part of the name (the warning offered 'Vries': "Mevrouw De [naam]")
_PARTICLES = re.compile(rf"(?:(?<=\s)|^)((?:{PARTICLES}\s){{1,3}})$", re.IGNORECASE)
# particles no person's name has between a first name and a surname: "Te Brake van het Ludger College" is a
# person and a school (the warning offered 'Brake van het Ludger College' as one name)
_NO_PERSON = re.compile(r"(?:^|\s)(?:het|'t)\s", re.IGNORECASE)
_FIRST_BEFORE = re.compile(r"([A-Z][a-zà-ÿ]+)\s$")
# a word before a particle that is no first name: a stop word ("In de Werkplaats") or a title ("meneer van Dam")
_NO_FIRST_NAME = STOPWORDS | frozenset("mevrouw meneer heer dhr mw mevr dokter juf meester wethouder directeur".split())


def _with_particles(text: str, start: int) -> int:
    """Where a name found at ``start`` begins with the particles and the first name before it."""
    m = _PARTICLES.search(text, 0, start)
    if m is None:
        return start
    if m.group(1)[0].isupper():  # "Mevrouw De Vries"; not "De Vries zei", which may be "the Vries"
        return start if _STARTS.search(text[max(0, m.start() - 3):m.start()]) else m.start()
    first = _FIRST_BEFORE.search(text, 0, m.start())
    if first and first.group(1).lower() not in _NO_FIRST_NAME and not _NO_PERSON.search(" " + m.group(1)):
        return first.start()  # "Anouk van den Berg" (not "In de Werkplaats", "meneer van Dam")
    if text.endswith("] ", 0, m.start()) and not _NO_PERSON.search(" " + m.group(1)):
        return m.start()  # her first name replaced, "[bestuurder] van der Berg": 'van der Berg', not 'Berg'
    return start


_JOINER = re.compile(r"['’-]")


def _looks_like_name(word: str) -> bool:
    """A capitalised word that is neither an acronym ("PIE-docent", "D-printers") nor one with a
    capital inside ("MaT"); Dutch writes IJ as one capital ("IJmuiden", "IJsselstein": asked about)."""
    head = _JOINER.split(word, maxsplit=1)[0]
    inside = head[2:] if head.startswith("IJ") and len(head) > 2 else head[1:]
    return word[:1].isupper() and not (head.isupper() or any(c.isupper() for c in inside))


@dataclass
class NameScan:
    """What a scan of transcripts found, before the rule is applied, so that the scans of
    transcripts added later join it: each capitalised word (folded) with the interviews where it
    stands in mid-sentence and where it opens a sentence, and every word written in lower case
    (folded)."""
    mid: dict[str, set[int]] = field(default_factory=dict)
    first: dict[str, set[int]] = field(default_factory=dict)
    lower: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, texts: Mapping[int, str], fold=str.lower) -> NameScan:
        """Each word is counted where it occurs and where it opens a sentence (``_AT_START``: the
        same places as ``_STARTS`` on the three characters before a word); a word with more
        places than openings also stands in mid-sentence. Two scans of each text in the regex
        engine and a Python step per capitalised word, instead of one per word: 38 million
        characters took 4.7 s that way, 1.6 s this way."""
        written_lower: set[str] = set()  # as written: folded once each, after the scan
        mid: dict[str, set[int]] = {}
        first: dict[str, set[int]] = {}
        keys: dict[str, str | None] = {}  # each capitalised word folded once; None: no name (acronym, "MaT")
        for doc, text in texts.items():
            if "@" in text or "www." in text or "://" in text:
                text = _ADDRESSES.sub(" ", text)
            every = Counter(_NAME_TOKEN.findall(text))
            # the words in lower case, sorted out in C: most words (a word whose first letter has
            # no case, "中abc", is no capitalised word either way)
            lower = set(filter(str.islower, every))
            written_lower |= lower
            opening = None
            rest = every.keys() - lower
            rest -= set(filter(str.isupper, rest))  # acronyms ("STO", "B00005-0"), no names either
            for w in rest:
                if w[0].islower():  # "iPad"
                    written_lower.add(w)
                    continue
                key = keys.get(w, "")
                if key == "":
                    key = keys[w] = fold(w) if _looks_like_name(w) else None
                if key is None:
                    continue
                if opening is None:
                    opening = _opens(notes_ended(text))
                k = opening.get(w, 0)
                if k:
                    first.setdefault(key, set()).add(doc)
                if every[w] > k:
                    mid.setdefault(key, set()).add(doc)
        return cls(mid, first, {fold(w) for w in written_lower})

    def join(self, other: NameScan) -> NameScan:
        """This scan and one of other transcripts, as one."""
        def both(a: dict[str, set[int]], b: dict[str, set[int]]) -> dict[str, set[int]]:
            return {w: a.get(w, set()) | b.get(w, set()) for w in a.keys() | b.keys()}
        return NameScan(both(self.mid, other.mid), both(self.first, other.first), self.lower | other.lower)


@dataclass(frozen=True)
class NameProfile:
    """What the transcripts say of their capitalised words: each one written with a capital in
    mid-sentence and never in lower case, with the interviews that use it."""
    names: Mapping[str, frozenset[int]]  # folded word -> the interviews that hold it
    interviews: int
    # words the transcripts write only at the start of a sentence, never in lower case: a name
    # when the language does not know the word ("Vledderhoven is het dorp"; ``unlisted``'s is_word)
    initial: Mapping[str, frozenset[int]] = field(default_factory=dict)
    # words written with a capital in mid-sentence and somewhere in lower case too: a name when the
    # language does not know the word (a transcriber's "pieter" had made "Pieter" no name anywhere)
    small_too: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, texts: Mapping[int, str], fold=str.lower) -> NameProfile:
        """The profile of these transcripts (see ``NameScan.of``)."""
        return cls.from_scan(NameScan.of(texts, fold), len(texts))

    @classmethod
    def from_scan(cls, scan: NameScan, interviews: int) -> NameProfile:
        """The rule over what a scan found: a name is written with a capital and never in lower case."""
        lower = scan.lower
        return cls({w: frozenset(d) for w, d in scan.mid.items() if w not in lower}, interviews,
                   {w: frozenset(d) for w, d in scan.first.items() if w not in lower and w not in scan.mid},
                   {w: frozenset(d) for w, d in scan.mid.items() if w in lower})

    def unlisted(self, text: str, kept: Collection[str] = (), fold=str.lower,
                 is_word: Callable[[str], bool] | None = None) -> list[str]:
        """The names in ``text`` (as printed: after the pseudonym list), a run of them as one
        ("Oost-Veenland", "El Amrani"), each once; ``kept``: folded words the project says are
        no names; ``is_word``: whether the language knows a folded word (a word only ever at the
        start of a sentence is a name when it does not)."""
        def common(docs: frozenset[int]) -> bool:  # in more than half of the interviews, and three or more
            return len(docs) > self.interviews / 2 and len(docs) >= SMALL_GROUP
        words = set(_NAME_TOKEN.findall(text))
        words -= set(filter(str.islower, words))
        kept = {*kept, *(w for w, beside in PROFILE_WORDS.items() if beside.search(text))}
        if not any(fold(w) in self.names or fold(w) in self.initial or fold(w) in self.small_too for w in words):
            return []  # most passages: no word the transcripts write as a name
        out: list[str] = []
        run: list[re.Match] = []

        def close() -> None:
            if run:
                begin = _with_particles(text, run[0].start())
                phrase = text[begin:run[-1].end()]
                if out and begin < run[0].start() and phrase.startswith(out[-1] + " "):
                    out.pop()  # "Jan", then "Jan de Wit": one name
                if phrase not in out:
                    out.append(phrase)
                run.clear()
        before: re.Match | None = None  # a word never written small, only ever opening a sentence
        for m in _NAME_TOKEN.finditer(text):
            if not m.group(0)[0].isupper():  # no name (``_looks_like_name``): only ends a run
                close()
                before = None
                continue
            key = fold(m.group(0))
            docs = self.names.get(key)
            if docs is None and is_word is not None and (key in self.initial or key in self.small_too) \
                    and not is_word(key):
                docs = self.initial.get(key) or self.small_too[key]
            if (docs and _looks_like_name(m.group(0)) and not common(docs) and key not in kept
                    and key not in PROGRAMME_WORDS):
                if run and text[run[-1].end():m.start()] != " ":
                    close()
                if not run and before is not None and text[before.end():m.start()] == " ":
                    run.append(before)  # "Klaas Bruinsma" opening a sentence: the first name is his too
                run.append(m)
                before = None
            else:
                close()
                before = m if (key in self.initial and key not in kept and key not in STOPWORDS
                               and _looks_like_name(m.group(0))) else None  # "In Maart": no first name
        close()
        return out
