"""Why the model proposes a code for a sentence: the sentence coded with that code, in another
interview, most like it, and the words the two share (as NVivo and ATLAS.ti show the coded passages
an auto-coding suggestion resembles). A coder saw "model 0.89" alone on 42 of 61 suggestions and
could not tell why; a keyword suggestion said its word.

The likeness is that of the two sentences' content lemmas, each weighed by how rare it is in the
project (idf; cosine of the weighed sets); a coded sentence shares at least two telling ones with
the one proposed (each in at most 1.5 % of the sentences: "jaar, tien" and "per, school" named
sentences that had nothing else in common), else the reason stays the model's confidence alone.
It is evidence to read, not the model's own weighing.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import is_within
from sto_qual.domain.text import clip_words

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.nlp.features import UnitInput
    from sto_qual.services.project import Project
    from sto_qual.services.suggest_scoring import Candidate

MIN_SHARED = 2  # telling content lemmas a coded sentence shares with the one proposed, to be named as like it
TELLING_SHARE = 0.015  # a lemma in at most this share of the project's sentences (at least 5) tells
LIKE_CHARS = 100  # of the coded sentence, the reason quotes this much


def like_coded(ws: Project, rows: Sequence[dict[str, Any]], inputs: Sequence[UnitInput],
               cands: Sequence[Candidate]) -> dict[tuple[int, str], str]:
    """(unit, code) of each suggestion the model alone makes (no keyword) -> its reason, "like R05:
    “…” (vacature, docent)": of the sentences coded with that code or a sub-code of it, by any
    coder, in another interview, the one that shares most content words with it. ``rows`` and
    ``inputs``: the project's units and what the model sees of them (``interview_units``)."""
    from sto_qual.nlp.features import content_lemmas
    from sto_qual.services.suggest_training import exact_labels
    wanted = [c for c in cands if c.confidence is not None and not any(r.startswith("trefwoord") for r in c.reasons)]
    if not wanted:
        return {}
    index = {u["id"]: i for i, u in enumerate(rows)}
    words = [frozenset(content_lemmas(x.lemmas)) for x in inputs]
    df = Counter(w for ws_ in words for w in ws_)
    idf = {w: math.log(len(words) / n) for w, n in df.items()}
    telling = {w for w, n in df.items() if n <= max(5, TELLING_SHARE * len(words))}
    weight = [sum(idf[w] ** 2 for w in ws_) for ws_ in words]
    coded: dict[str, list[int]] = defaultdict(list)  # code path -> the units coded with it (their index)
    for unit, paths in exact_labels(ws, rows).items():
        for path in paths:
            coded[path].append(index[unit])
    names = {d.id: d.name for d in ws.store.documents.all(coded_share=False)}
    out: dict[tuple[int, str], str] = {}
    for c in wanted:
        i = index.get(c.unit)
        if i is None or not words[i]:
            continue
        doc = rows[i]["document_id"]
        best, score = None, 0.0
        for path, units in coded.items():
            if not is_within(path, c.code):
                continue
            for j in units:
                shared = words[i] & words[j]
                if len(shared & telling) < MIN_SHARED or rows[j]["document_id"] == doc:
                    continue
                s = sum(idf[w] ** 2 for w in shared) / math.sqrt(weight[i] * weight[j])
                if s > score or (s == score and best is not None and j < best):
                    best, score = j, s
        if best is not None:
            shared = sorted(words[i] & words[best], key=lambda w: (-idf[w], w))[:4]  # the most telling first
            said = dict(zip(inputs[i].lemmas, inputs[i].words))  # as the sentence says it ("geleden", not "lijden")
            shared = [said.get(w, w) for w in shared]
            out[(c.unit, c.code)] = (f"like {names.get(rows[best]['document_id'], '?')}: "
                                     f"“{clip_words(rows[best]['text'], LIKE_CHARS)}” ({', '.join(shared)})")
    return out
