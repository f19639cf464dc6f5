"""Whether an interview just imported is nearly another one: a corrected transcript delivered
under another name ("R06-Brabant-gecorrigeerd.txt") came in as one more interview, and every
count of the chapter then had that region twice. Two documents are near copies when most of the
sentences of the shorter one are sentences of the other, word for word. Stdlib only."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
MIN_WORDS = 4  # a sentence shorter than this ("Dank u wel.") is in many interviews
MIN_SENTENCES = 5  # a note of a few lines is no interview to compare
SHARED = 0.8  # the share of the shorter one's sentences the other holds
COMMON = 5  # a sentence in more documents than this is boilerplate (a standard question), not evidence


SAMPLE = 40  # the first sentences compared: a copy is one from its start (an import of 1,000 long
# interviews split each whole: 3.5 s more; its first 40 sentences tell a copy as well)


def sentences(text: str) -> frozenset[str]:
    """The first SAMPLE sentences of ``text`` of MIN_WORDS words or more, in lower case with single
    spaces."""
    out = (" ".join(s.lower().split()) for s in _SENTENCE.split(text[:SAMPLE * 300]))
    return frozenset([s for s in out if len(s.split()) >= MIN_WORDS][:SAMPLE])


def near_copies(new: Mapping[int, frozenset[str]], others: Mapping[int, frozenset[str]]) -> list[tuple[int, int, int]]:
    """(new document, the document it nearly copies, sentences they share) for each document in
    ``new`` (its sentences) that most of another's sentences, in ``others`` or ``new``, match;
    a pair of new ones is said once. Linear in the sentences: through an index of each sentence's
    documents, leaving out the sentences of more than COMMON documents."""
    every = {**others, **new}
    where: dict[str, list[int]] = {}
    for doc, said in every.items():
        for s in said:
            where.setdefault(s, []).append(doc)
    out = []
    for doc, said in new.items():
        if len(said) < MIN_SENTENCES:
            continue
        shared = Counter(o for s in said if len(where[s]) <= COMMON for o in where[s] if o != doc)
        for other, n in shared.most_common():
            if other in new and other > doc:
                continue  # (two new ones: the later is said to copy the earlier)
            if n >= SHARED * min(len(said), len(every[other])) and len(every[other]) >= MIN_SENTENCES:
                out.append((doc, other, n))
                break
    return out
