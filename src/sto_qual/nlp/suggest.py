"""spaCy's ``textcat_multilabel`` (bag of words), kept as the comparison that
``bench/suggestion_quality.py --compare-textcat`` measures against the model the product
uses (``nlp.classifier``); deterministic for a fixed seed.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch


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
