"""The offline Dutch pipeline: ``spacy.blank("nl")`` + sentencizer + lookup lemmas
(``nlp.lemmas``, which reads spacy-lookups-data's tables without spaCy)."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sto_qual.domain.text import fold
from sto_qual.nlp.lemmas import DutchLemmas, lemmatizer

@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    lemmas: str  # space-separated lower-case lemmas of the sentence's words




# spaCy's Dutch abbreviations that are everyday words and end sentences in speech ("meer dan
# dat.", "contacten met het po.", "het zit vol.", "dat is al."): as its special cases "dat." stayed
# one token, no sentence ended there, and a coder could not select the next sentence on its own.
# Their abbreviations (datief, pagina's, …) do not occur in interviews; initials, "bv.", "mr.",
# "mevr.", "prof." and "ing." stay abbreviations.
EVERYDAY_WORDS = ("dat", "al", "hand", "vol", "po", "best", "pas", "kon", "ver", "top", "pers", "red", "me", "ex",
                  "bet", "pan", "mand", "gem", "gen", "form", "int", "stat", "doc", "fin", "reg", "rep", "sec",
                  "soc", "pol", "cons", "cap", "hert", "volg", "toep", "trim", "volt", "vert", "verg", "rect",
                  "prot", "bull", "bijl", "bel", "belg")

# acronyms a speaker ends a sentence with ("Het is vooral PR. Het is werving.", "samen met het VO."),
# which spaCy's Dutch exceptions keep whole in capitals too: one unit, the second sentence not
# selectable on its own
ACRONYMS = ("PR", "VO", "HR", "IT", "NL", "OV", "VS", "BV", "ICT")


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline. Tokenizer and sentencizer only; lemmas come from ``lemmatizer()``."""
    nlp = spacy.blank("nl")
    rules = dict(nlp.tokenizer.rules or {})
    for word in EVERYDAY_WORDS:
        for form in (word, word.capitalize(), word.upper()):
            rules.pop(form + ".", None)
    for word in ACRONYMS:  # in capitals only: "pr." and "vo." stay the abbreviations they are
        rules.pop(word + ".", None)
    nlp.tokenizer.rules = rules
    nlp.add_pipe("sentencizer")
    return nlp


def _is_word(tok) -> bool:
    return not (tok.is_punct or tok.is_space)


def sentences_of(doc: Doc, offset: int, lem: DutchLemmas) -> list[Sentence]:
    out = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start = toks[0].idx
        end = toks[-1].idx + len(toks[-1].text)
        lemmas = " ".join(lem(t.text) for t in toks if _is_word(t))
        out.append(Sentence(offset + start, offset + end, lemmas))
    return out


# spaCy's sentencizer keeps punctuation after a sentence's end with that sentence, opening
# brackets and quotes included: "Nee. (lacht) Ik ben Jelle" gave "Nee. (" and "lacht) Ik ben
# Jelle", and a quote could start with "lacht)". An opening bracket or quote after a space at
# the end of a sentence goes to the next one (it has no lemma: the lemmas stay as they are).
_OPENERS = "([{“‘„«\"'"


def _openers_forward(line: str, offset: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (start, end in the document) of the sentences of ``line`` (at ``offset``),
    each opening bracket or quote ending a sentence moved to the start of the next."""
    out = list(spans)
    for i in range(len(out) - 1):
        s, e = out[i]
        text = line[s - offset:e - offset]
        head = text.rstrip(_OPENERS)
        if head == text or not head[-1:].isspace() or not head.strip():
            continue
        out[i] = (s, s + len(head.rstrip()))
        out[i + 1] = (e - (len(text) - len(head)), out[i + 1][1])
    return out


# a quoted question or exclamation and the words that say who said it are one sentence:
# '"Gaat het geld door?" vroegen ze.' was two units, and "vroegen ze." got a suggestion of its own
_QUOTE_END = re.compile(r"[?!.…][\"”’'»)\]](?:,|\s*[-–—])?$")  # ('"Gaat het geld door?", vroegen ze.', "(… door?) vroegen")


def _reported_speech_joined(line: str, offset: int, sents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``sents`` (start, end, lemmas) of ``line`` (at ``offset``) with each sentence that begins
    with a small letter right after a quote or bracket that ends in ?, ! or . (and a comma) joined
    to it."""
    out: list[tuple[int, int, str]] = []
    for a, b, lem in sents:
        if (out and _QUOTE_END.search(line[out[-1][0] - offset:out[-1][1] - offset])
                and line[a - offset:a - offset + 1].islower()):
            out[-1] = (out[-1][0], b, f"{out[-1][2]} {lem}".strip())
        else:
            out.append((a, b, lem))
    return out


def segment(texts: Sequence[str], offsets: Sequence[int], batch_size: int = 64) -> list[list[Sentence]]:
    """Sentences of each text (a speaker turn), offsets shifted into the document."""
    nlp = load_nlp()
    lem = lemmatizer()
    out = []
    for doc, text, off in zip(nlp.pipe(texts, batch_size=batch_size), texts, offsets):
        sents = sentences_of(doc, off, lem)
        spans = _openers_forward(text, off, [(x.start, x.end) for x in sents])
        joined = _reported_speech_joined(text, off, [(a, b, x.lemmas) for (a, b), x in zip(spans, sents)])
        out.append([Sentence(*x) for x in joined])
    return out


def lemma_query(query: str) -> list[str]:
    """Lemmas of a search query's words, diacritics folded."""
    return [lemma for _word, lemma in word_lemmas(query)]


def kept_as_written(word: str) -> bool:
    """A word written with diacritics that is its own lemma but for them ("één", "vóór",
    "coördinator"): `search` and the keyword rules match it as written, as the lemma of "één" is
    "een" (every article); "financiële" (lemma "financieel") finds every form."""
    return fold(word) != word.lower() and lemma_query(word) == [fold(word)]


def word_lemmas(query: str) -> list[tuple[str, str]]:
    """(word, lemma) of a search query's words, lower-case, diacritics folded."""
    nlp = load_nlp()
    lem = lemmatizer()
    return [(fold(t.text.lower()), fold(lem(t.text))) for t in nlp.make_doc(query) if _is_word(t)]


def bare_pipe(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """The baseline for the import benchmark: the same pipeline with nothing around it."""
    nlp = load_nlp()
    lem = lemmatizer()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        for t in doc:
            lem(t.text)
        yield doc


# ------------------------------------------------------------------ the import's segmenter
# The import splits millions of words. Going through ``nlp.pipe`` makes a Token object per
# token and runs the sentencizer in Python per token; ``segment_units`` gets the very same
# units and lemmas from a cache per whitespace-free chunk instead. spaCy's tokenizer splits a
# text at whitespace first and tokenises each chunk on its own (its own cache works the same
# way), so a chunk's tokens do not depend on its neighbours; the sentencizer's rule (a
# sentence ends after a token in ``punct_chars`` once a token follows that is neither
# punctuation nor one of them) is replayed over the cached tokens. Lines with any
# whitespace but single spaces between chunks take the spaCy path above.
# tests/unit/test_import_segmenter.py compares both paths.

_ODD_SPACE = re.compile(r"[^\S ]|  |\A | \Z")
# a chunk not seen before that is a plain word (ASCII letters and digits, single hyphens
# inside, no digit followed by a letter: "12km" would split off a unit) with closing
# punctuation: spaCy's rules give the word one token, so only the punctuation's tokens are
# needed, and they depend on the last two characters before it (the suffix rules look back
# at most that far). Those come from a stand-in word of the same character classes; this
# skips the affix regexes and a new vocabulary entry for each never-seen word.
_PLAIN = re.compile(r"([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)([.,:;!?)\]]{0,4})")
_DIGIT_LETTER = re.compile(r"[0-9][A-Za-z]")
_CHUNK_CACHE_MAX = 200_000  # entries; the cache is emptied when full (bounded memory)


_STAND_IN = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                          "a" * 26 + "A" * 26 + "0" * 10)


class ChunkSegmenter:
    """Sentence units of lines, from per-chunk cached tokens. A cached chunk is
    ``(lemmas, from_false, from_true, tokens)``: ``lemmas`` the folded lemmas of its words
    joined by spaces (None without words); ``from_false`` / ``from_true`` what the chunk does
    to the sentencizer's state when it arrives False / True: ``(starts a sentence at the
    chunk's first token, state after it)``, or None when a sentence starts inside the chunk
    (then ``tokens`` — (start, end, folded lemma or None, may start a sentence, is a
    sentence-final character) — are walked)."""

    def __init__(self, nlp: Language, lem: DutchLemmas) -> None:
        self.nlp = nlp
        self.tokenizer = nlp.tokenizer
        self.rules = dict(self.tokenizer.rules or {})
        self.punct_chars = set(nlp.get_pipe("sentencizer").punct_chars)
        self.lem = lem
        self.cache: dict[str, tuple] = {}
        self._tails: dict[str, tuple | None] = {}  # stand-in + punctuation -> its cache entry

    # -- learning a chunk
    def _spacy_tokens(self, text: str) -> list[tuple[int, int, bool, bool, str]]:
        """(start, end, is_punct, is_space, text) of spaCy's tokens of ``text``."""
        return [(t.idx, t.idx + len(t.text), t.is_punct, t.is_space, t.text) for t in self.tokenizer(text)]

    def _plain_entry(self, chunk: str) -> tuple | None:
        """The cache entry of a never-seen plain word with closing punctuation (see ``_PLAIN``),
        or None for any other chunk. The word is one token that may start a sentence; what
        follows it is the stand-in's punctuation, so the sentencizer's steps are the stand-in's."""
        m = _PLAIN.fullmatch(chunk)
        if m is None:
            return None
        core, tail = m.group(1), m.group(2)
        if _DIGIT_LETTER.search(core):
            return None
        stand = ("b" if len(core) > 1 else "") + core[-2:].translate(_STAND_IN)
        rules = self.rules
        for k in range(len(tail) + 1):  # no special case may apply along the way, to either
            if core + tail[:k] in rules or stand + tail[:k] in rules:
                return None
        key = stand + tail
        if key not in self._tails:
            toks = self._spacy_tokens(key)
            ok = toks and toks[0][4] == stand and all(t[2] and not t[3] for t in toks[1:])
            entry = self._entry(toks) if ok else None
            # punctuation after one word never starts a sentence inside the chunk
            self._tails[key] = entry if entry is not None and None not in (entry[1], entry[2]) else None
        like = self._tails[key]
        if like is None:
            return None
        return fold(self.lem(core)), like[1], like[2], ()

    def _entry(self, toks: list[tuple[int, int, bool, bool, str]]) -> tuple:
        lem, pcs = self.lem, self.punct_chars
        tokens = []
        for s, e, is_punct, is_space, text in toks:
            word = not (is_punct or is_space)
            tokens.append((s, e, fold(lem(text)) if word else None, not is_punct and text not in pcs, text in pcs))
        lemmas = [t[2] for t in tokens if t[2] is not None]

        def walk(seen: bool) -> tuple[bool, bool] | None:
            first = False
            for i, (_, _, _, brk, pc) in enumerate(tokens):
                if seen and brk:
                    if i:
                        return None
                    first, seen = True, False
                elif pc:
                    seen = True
            return first, seen

        return " ".join(lemmas) if lemmas else None, walk(False), walk(True), tuple(tokens)

    def learn(self, chunk: str) -> tuple:
        entry = self._plain_entry(chunk) or self._entry(self._spacy_tokens(chunk))
        if len(self.cache) >= _CHUNK_CACHE_MAX:
            self.cache.clear()
        self.cache[chunk] = entry
        return entry

    # -- one line
    def units(self, line: str, offset: int) -> list[tuple[int, int, str]]:
        """(start, end, folded lemmas) of each sentence of ``line``, offsets shifted by ``offset``."""
        if _ODD_SPACE.search(line):
            return [(s.start, s.end, fold(s.lemmas))
                    for s in sentences_of(self.nlp(line), offset, self.lem)]
        out: list[tuple[int, int, str]] = []
        cache = self.cache
        start = pos = 0
        seen = False
        parts: list[str] = []
        for chunk in line.split(" "):
            e = cache.get(chunk)
            if e is None:
                e = self.learn(chunk)
            step = e[2] if seen else e[1]
            if step is not None:
                if step[0]:
                    out.append((offset + start, offset + pos - 1, " ".join(parts)))
                    start, parts = pos, []
                if e[0] is not None:
                    parts.append(e[0])
                seen = step[1]
            else:
                prev_end = pos - 1
                for s, end, lemma, brk, pc in e[3]:
                    if seen and brk:
                        out.append((offset + start, offset + prev_end, " ".join(parts)))
                        start, parts, seen = pos + s, [], False
                    elif pc:
                        seen = True
                    if lemma is not None:
                        parts.append(lemma)
                    prev_end = pos + end
            pos += len(chunk) + 1
        out.append((offset + start, offset + len(line), " ".join(parts)))
        return out


@functools.lru_cache(maxsize=1)
def chunk_segmenter() -> ChunkSegmenter:
    return ChunkSegmenter(load_nlp(), lemmatizer())


def segment_units(texts: Sequence[str], offsets: Sequence[int]) -> list[list[tuple[int, int, str]]]:
    """(start, end, folded lemmas) of the sentences of each text (one line of a turn), offsets
    shifted into the document: ``segment`` with the lemmas folded, without spaCy's per-token
    objects."""
    seg = chunk_segmenter()
    out = []
    for t, off in zip(texts, offsets):
        units = seg.units(t, off)
        spans = _openers_forward(t, off, [(a, b) for a, b, _lem in units])
        out.append(_reported_speech_joined(t, off, [(a, b, lem) for (a, b), (_s, _e, lem) in zip(spans, units)]))
    return out
