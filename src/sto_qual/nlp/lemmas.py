"""Dutch lemmas from spacy-lookups-data's tables (lookup, exceptions, rules), without spaCy.

spaCy's Dutch lookup table misses irregular plurals such as *scholen* and *besturen*. Without a
part-of-speech tagger the rule lemmatizer cannot run, so for a word the lookup table does not
know we try the exception tables and the suffix rules of every part of speech, accepting a
rule's result only when it is a known lemma (``lemma_index``), the same check spaCy's rule mode
does. ``nlp.pipeline`` splits sentences with spaCy and lemmatises with this.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
from pathlib import Path
from typing import Any

from sto_qual.domain.drafting import STOPWORDS

_POS_ORDER = ("noun", "verb", "adj", "adv")
# Frequent function words the tables get wrong without a tagger ("het" -> "hebben").
_FUNCTION_WORDS = {w: w for w in (
    "het de een en of maar dat die dit deze er hier daar we wij ze zij je jij u ik hij "
    "ons onze hun hen mij me mijn jullie echt wel niet ook nog al dan toen want omdat als "
    "toch nou ja nee eh ehm hè oké zo").split()}
_FUNCTION_WORDS.update({"is": "zijn", "was": "zijn", "waren": "zijn", "ben": "zijn", "bent": "zijn",
                        "heb": "hebben", "heeft": "hebben", "had": "hebben", "hadden": "hebben",
                        "'t": "het", "m'n": "mijn", "z'n": "zijn"})


# conjunctions and adverbs that open a sentence, missing from the lookup tables
_SENTENCE_OPENERS = frozenset("""hoewel ofschoon sindsdien daarna daarvoor daarom daardoor daarmee daarbij daarnaast
bovendien echter zodra nadat voordat totdat terwijl tenzij mits indien aangezien doordat zodat vervolgens
tenslotte uiteindelijk inmiddels intussen ondertussen overigens kortom enfin tja jawel welnee nogmaals
eerlijkgezegd althans desondanks daarentegen evenwel anderzijds enerzijds
alles niemand helaas trouwens oh soms meestal ooit nergens elders allemaal samen uiteraard zowel noch welnu
aldus tevens voorts oftewel ofwel zowat bijna amper vanaf tijdens volgens dankzij ondanks behalve tussen
onder""".split())
# "daarbuiten", "hierdoor", "waarmee", "ermee": a pronominal adverb (daar, hier, waar or er and a
# preposition), which the tables mostly lack; a report asked whether "Daarbuiten" was a name
_PRONOMINAL = re.compile(r"(?:daar|hier|waar|er)(?:aan|achter|bij|binnen|boven|buiten|door|in|langs|mee|na|naar"
                         r"|naast|om|omheen|onder|op|over|tegen|toe|tussen|uit|van|vandaan|voor|zonder|naartoe)")


def _table(path: Path) -> Any:
    """A table file as spaCy's ``load_language_data`` reads it: JSON, or the same gzipped (as
    spacy-lookups-data ships them)."""
    path = Path(path)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return json.loads(gzip.decompress(path.with_suffix(path.suffix + ".gz").read_bytes()))


class DutchLemmas:
    """Word -> lemma using spacy-lookups-data's Dutch tables (lookup, exceptions, rules)."""

    def __init__(self) -> None:
        # the tables as plain dicts: spaCy's Table re-keys 200,000 entries by hash in Python (a
        # second of start-up in the import's writer) and hashes every word it is asked for
        # (read from spacy-lookups-data's files directly: the tables without importing spaCy,
        # which costs the report and the privacy checks that ask whether a word is Dutch 0.7 s)
        import spacy_lookups_data
        files = spacy_lookups_data.nl
        self.lookup = _table(files["lemma_lookup"])
        self.exc = _table(files["lemma_exc"])
        self.rules = _table(files["lemma_rules"])
        self.index = _table(files["lemma_index"])
        self._index_sets = {pos: set(self.index.get(pos, [])) for pos in _POS_ORDER}
        self._known_any = set().union(*self._index_sets.values())
        self._exc = {pos: self.exc.get(pos, {}) for pos in _POS_ORDER}
        # the suffix rules of each part of speech by suffix, with their order: a word is tried
        # against the rules whose suffix it has, in the tables' order (the first known lemma wins)
        self._by_suffix: dict[str, dict[str, list[tuple[int, str, str]]]] = {}
        for pos in _POS_ORDER:
            table: dict[str, list[tuple[int, str, str]]] = {}
            for i, (old, new) in enumerate(self.rules.get(pos, [])):
                if old:
                    table.setdefault(old, []).append((i, old, new))
            self._by_suffix[pos] = table
        self._suffix_lengths = sorted({len(old) for t in self._by_suffix.values() for old in t})
        self._suffix_last = {old[-1] for t in self._by_suffix.values() for old in t}
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

    def knows(self, low: str) -> bool:
        """Whether the Dutch tables know this lower-case word (as a form or as a lemma); the
        tables miss some conjunctions and adverbs that open a sentence ("Hoewel", "Sindsdien")
        and some determiners, which the chapter's stop words hold ("Elke", "Welke": a report
        named "Elke" as a name the pseudonym list missed; spaCy's would import all of spaCy, which
        the chapter does not load otherwise)."""
        return (low in _FUNCTION_WORDS or low in _SENTENCE_OPENERS or low in STOPWORDS or low in self.lookup
                or low in self._known_any or any(low in exc for exc in self._exc.values())
                or _PRONOMINAL.fullmatch(low) is not None)

    def _lemma(self, low: str) -> str:
        if low in _FUNCTION_WORDS:
            return _FUNCTION_WORDS[low]
        found = self.lookup.get(low)
        if found:
            return found.lower()
        noun_exc = self._exc["noun"]
        if low in noun_exc:
            return noun_exc[low][0]
        verb_exc = self._exc["verb"]
        if low in verb_exc and low not in self._index_sets["verb"] and low not in self._index_sets["noun"]:
            # a past tense the tables also list as an adjective ("werkte", "maakte"): the verb's,
            # so that `search --lemma werkte` finds "werkt" and "gewerkt" (a noun stays one: "boot")
            return verb_exc[low][0]
        if low in self._known_any:
            return low
        for pos in _POS_ORDER:
            exc = self._exc[pos]
            if low in exc:
                return exc[low][0]
        n = len(low)
        if not n or low[-1] not in self._suffix_last:  # no rule's suffix can match
            return low
        ends = [low[n - k:] for k in self._suffix_lengths if k <= n]
        for pos in _POS_ORDER:
            table = self._by_suffix[pos]
            tried: list[tuple[int, str, str]] = []
            for end in ends:
                rules = table.get(end)
                if rules:
                    tried += rules
            if tried:
                known = self._index_sets[pos]
                for _, old, new in sorted(tried) if len(tried) > 1 else tried:
                    cand = low[: n - len(old)] + new
                    if cand in known:
                        return cand
        return low


@functools.lru_cache(maxsize=1)
def lemmatizer() -> DutchLemmas:
    return DutchLemmas()
