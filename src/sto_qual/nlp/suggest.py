"""Suggestions: keyword/lemma rules (spaCy PhraseMatcher) and a learned textcat.

Rules: every codebook keyword is matched on the lemmas and on the lower-cased
forms of each unit's words. Learned: a ``textcat_multilabel`` with spaCy's
bag-of-words architecture, trained on this project's units (coded = positive
for that code, everything else negative); deterministic for a fixed seed.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from sto_qual.nlp.pipeline import _is_word, lemmatizer, load_nlp


def _doc(nlp, text: str) -> Doc:
    lem = lemmatizer()
    made = nlp.make_doc(text)
    words = [t.text for t in made]
    spaces = [bool(t.whitespace_) for t in made]
    lemmas = [lem(t.text) if _is_word(t) else t.text for t in made]
    return Doc(nlp.vocab, words=words, spaces=spaces, lemmas=lemmas)


def rule_matches(units: Sequence[dict[str, Any]], codes: Sequence[tuple[int, str, Sequence[str]]]
                 ) -> list[tuple[dict[str, Any], int, str]]:
    """(unit, code_id, reason) for every unit where a code's keyword matches."""
    nlp = load_nlp()
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    key_code: dict[str, int] = {}
    for code_id, path, keywords in codes:
        key = f"c{code_id}"
        key_code[key] = code_id
        pats = [_doc(nlp, k.lower()) for k in keywords if k.strip()]
        by_lemma.add(key, pats)
        by_lower.add(key, [nlp.make_doc(k.lower()) for k in keywords if k.strip()])
    out = []
    texts = [u["text"] for u in units]
    for u, text in zip(units, texts):
        doc = _doc(nlp, text)
        found: dict[int, list[str]] = {}
        for matcher in (by_lemma, by_lower):
            for match_id, s, e in matcher(doc):
                code_id = key_code[nlp.vocab.strings[match_id]]
                words = doc[s:e].text
                if words not in found.setdefault(code_id, []):
                    found[code_id].append(words)
        for code_id, words in found.items():
            out.append((u, code_id, "trefwoord: " + ", ".join(words)))
    return out


@dataclass
class TextcatModel:
    nlp: Any
    labels: list[str]

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=256)]


def train_textcat(texts: Sequence[str], cats: Sequence[dict[str, float]], labels: Sequence[str], *,
                  seed: int = 0, epochs: int = 16, length: int = 2 ** 14, batch_size: int = 64,
                  progress: Callable[[int, int, str], None] | None = None) -> TextcatModel:
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = spacy.blank("nl")
    config = {"threshold": 0.5, "model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": length}}
    textcat = nlp.add_pipe("textcat_multilabel", config=config)
    for lab in labels:
        textcat.add_label(lab)
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": c}) for t, c in zip(texts, cats)]
    optimizer = nlp.initialize(lambda: examples)
    order = list(range(len(examples)))
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch([examples[i] for i in order], size=batch_size):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.0)
        if progress:
            progress(epoch + 1, epochs, f"loss {losses.get('textcat_multilabel', 0):.3f}")
    return TextcatModel(nlp=nlp, labels=list(labels))
