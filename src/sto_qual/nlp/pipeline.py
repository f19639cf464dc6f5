"""The offline Dutch pipeline: ``spacy.blank("nl")`` + sentencizer + lookup lemmas.

spaCy's Dutch lookup table misses irregular plurals such as *scholen* and
*besturen*. Without a part-of-speech tagger the rule lemmatizer cannot run, so
for a word the lookup table does not know we try the exception tables and the
suffix rules of every part of speech, accepting a rule's result only when it is
a known lemma (``lemma_index``) — the same check spaCy's rule mode does.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from sto_qual.domain.text import fold

_POS_ORDER = ("noun", "verb", "adj", "adv")
# Frequent function words the tables get wrong without a tagger ("het" -> "hebben").
_FUNCTION_WORDS = {w: w for w in (
    "het de een en of maar dat die dit deze er hier daar we wij ze zij je jij u ik hij "
    "ons onze hun hen mij me mijn jullie echt wel niet ook nog al dan toen want omdat als "
    "toch nou ja nee eh ehm hè oké zo").split()}
_FUNCTION_WORDS.update({"is": "zijn", "was": "zijn", "waren": "zijn", "ben": "zijn", "bent": "zijn",
                        "heb": "hebben", "heeft": "hebben", "had": "hebben", "hadden": "hebben",
                        "'t": "het", "m'n": "mijn", "z'n": "zijn"})


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    lemmas: str  # space-separated lower-case lemmas of the sentence's words


class DutchLemmas:
    """Word -> lemma using spacy-lookups-data's Dutch tables (lookup, exceptions, rules)."""

    def __init__(self) -> None:
        lookups = load_lookups("nl", ["lemma_lookup", "lemma_exc", "lemma_rules", "lemma_index"])
        self.lookup = lookups.get_table("lemma_lookup")
        self.exc = lookups.get_table("lemma_exc")
        self.rules = lookups.get_table("lemma_rules")
        self.index = lookups.get_table("lemma_index")
        self._index_sets = {pos: set(self.index.get(pos, [])) for pos in _POS_ORDER}
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        low = word.lower()
        hit = self._cache.get(low)
        if hit is not None:
            return hit
        lemma = self._lemma(low)
        if len(self._cache) < 500_000:
            self._cache[low] = lemma
        return lemma

    def _lemma(self, low: str) -> str:
        if low in _FUNCTION_WORDS:
            return _FUNCTION_WORDS[low]
        found = self.lookup.get(low)
        if found:
            return found.lower()
        noun_exc = self.exc.get("noun", {})
        if low in noun_exc:
            return noun_exc[low][0]
        if any(low in self._index_sets[pos] for pos in _POS_ORDER):
            return low
        for pos in _POS_ORDER:
            exc = self.exc.get(pos, {})
            if low in exc:
                return exc[low][0]
        for pos in _POS_ORDER:
            known = self._index_sets[pos]
            for old, new in self.rules.get(pos, []):
                if old and low.endswith(old):
                    cand = low[: len(low) - len(old)] + new
                    if cand in known:
                        return cand
        return low


@functools.lru_cache(maxsize=1)
def lemmatizer() -> DutchLemmas:
    return DutchLemmas()


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline. Tokenizer and sentencizer only; lemmas come from ``lemmatizer()``."""
    nlp = spacy.blank("nl")
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


def segment(texts: Sequence[str], offsets: Sequence[int], batch_size: int = 64) -> list[list[Sentence]]:
    """Sentences of each text (a speaker turn), offsets shifted into the document."""
    nlp = load_nlp()
    lem = lemmatizer()
    return [sentences_of(doc, off, lem)
            for doc, off in zip(nlp.pipe(texts, batch_size=batch_size), offsets)]


def lemmatize_text(text: str) -> list[str]:
    nlp = load_nlp()
    lem = lemmatizer()
    return [lem(t.text) for t in nlp.make_doc(text) if _is_word(t)]


def lemma_query(query: str) -> list[str]:
    """Lemmas of a search query's words, diacritics folded."""
    return [fold(x) for x in lemmatize_text(query)]


def bare_pipe(texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """The baseline for the import benchmark: the same pipeline with nothing around it."""
    nlp = load_nlp()
    lem = lemmatizer()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        for t in doc:
            lem(t.text)
        yield doc
