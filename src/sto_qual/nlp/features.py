"""What the suggestion model and the keyword rules see of a sentence unit.

A semi-structured interview walks through a guide: the interviewer's question steers
the theme of the answers that follow. So a unit is described not only by its own
lemmas and lemma bigrams but by the lemmas of the interviewer's last question (``q=``),
of the question before it (``q2=``), of its neighbouring units (``n=``), of its whole
speaker turn (``t=``), by the
speaker's role and by where in the interview it sits. Each feature is a string; the
classifier hashes them.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.nl.stop_words import STOP_WORDS

from sto_qual.domain.text import fold
from sto_qual.nlp.pipeline import _is_word, lemmatizer, load_nlp, segment


@dataclass(frozen=True)
class UnitInput:
    """One sentence unit in its interview (or a codebook sentence, with no interview)."""
    lemmas: tuple[str, ...]              # folded lemmas of the unit's words
    question: tuple[str, ...] = ()       # lemmas of the interviewer's last question before it
    question2: tuple[str, ...] = ()      # ... and of the question before that one
    before: tuple[str, ...] = ()         # lemmas of the previous unit
    after: tuple[str, ...] = ()          # lemmas of the next unit
    turn: tuple[str, ...] = ()           # lemmas of the whole speaker turn it is part of
    role: str | None = None              # the speaker's role ("interviewer", "bestuurder", ...)
    position: float | None = None        # 0 = start of the interview, 1 = its end
    words: tuple[str, ...] = ()          # lower-case words, for keyword rules and their reasons
    question_words: tuple[str, ...] = ()  # lower-case words of the last question (theme context)


@functools.lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    extra = {"eh", "ehm", "hè", "nou", "ja", "nee", "oké", "zo", "gewoon", "eigenlijk", "echt", "wel", "heel",
             "natuurlijk", "hoor", "zeg", "kijk"}
    return frozenset(fold(w) for w in STOP_WORDS | extra)


@functools.lru_cache(maxsize=1)
def function_lemmas() -> frozenset[str]:
    """The stop words and the lemmas the lookup tables give them: "hoe" is "hoeven", "minder"
    "minderen", "uit" "uiten" (13 of 31 codebook suggestions gave "hoeven" as a reason, from
    "Hoe …?" questions); none of them tells what a sentence is about."""
    lemma = lemmatizer()
    return frozenset(_stop() | {fold(lemma(w)) for w in _stop()})


def _content(lemmas: Sequence[str]) -> list[str]:
    stop = _stop()
    return [x for x in lemmas if x not in stop and len(x) > 1 and not x.isdigit()]


def content_lemmas(lemmas: Sequence[str]) -> list[str]:
    """The content words among lemmas (no stop words, digits or single letters)."""
    return _content(lemmas)


# words of a reply that only agrees, laughs or compares ("Nee, dat klopt.", "(lacht)", "Dat herken
# ik.", "Bij ons hetzelfde."): they say nothing a code could stand for, on their own
_REPLY_WORDS = frozenset({
    "lacht", "lachen", "lach", "lachend", "klopt", "kloppen", "logisch", "herken", "herkennen", "herkenbaar",
    "twijfel", "twijfelen", "hetzelfde", "zelfde", "precies", "inderdaad", "absoluut", "zeker", "juist",
    "prima", "snap", "snappen", "begrijp", "begrijpen", "eens", "correct", "exact", "helemaal", "zeggen", "zegt",
    # laughter, hesitation and thanks; a bare time or number ("Haha.", "Tja.", "Tien minuten.", "Negen.")
    "haha", "hahaha", "tja", "hm", "hmm", "dank", "bedankt", "graag", "minuut", "minuten", "jaar", "jaren", "keer",
    "soms", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "twintig",
    "honderd"})


def has_content(u: UnitInput) -> bool:
    """False for a sentence with no content word ("Ja.", "Nee hoor.", "Precies.") or only the
    words of a reply ("Nee, dat klopt.", "(lacht)", "Zonder twijfel."): alone it says nothing a
    code could stand for, whatever the passage around it is about."""
    return any(w not in _REPLY_WORDS for w in _content(u.lemmas))


def unit_features(u: UnitInput) -> list[str]:
    content = _content(u.lemmas)
    feats = [f"w={x}" for x in content]
    feats += [f"b={a}_{b}" for a, b in zip(u.lemmas, u.lemmas[1:])]
    feats += [f"q={x}" for x in _content(u.question)]
    feats += [f"q2={x}" for x in _content(u.question2)]
    feats += [f"n={x}" for x in _content(u.before + u.after)]
    feats += [f"t={x}" for x in set(_content(u.turn))]
    if u.role:
        feats.append("role=" + ("interviewer" if u.role == "interviewer" else "respondent"))
    if u.position is not None:
        feats.append(f"pos={min(int(u.position * 10), 9)}")

    return feats


def lemmas_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(folded lemmas, lower-case words) of a text, with the project's lemmatizer."""
    lem = lemmatizer()
    toks = [t.text for t in load_nlp().make_doc(text) if _is_word(t)]
    return tuple(fold(lem(t)) for t in toks), tuple(t.lower() for t in toks)


def interview_inputs(units: Sequence[tuple[str, str | None, int]]) -> list[UnitInput]:
    """The units of one interview, in order, as (text, speaker role, turn number), each
    with its context: the interviewer's last two questions before its turn, its
    neighbours and its relative position."""
    toks = [lemmas_of(text) for text, _role, _turn in units]
    # the whole interviewer turn is the question (it may run over several sentences)
    turn_lemmas: dict[int, list[str]] = {}
    turn_words: dict[int, list[str]] = {}
    turn_role: dict[int, str | None] = {}
    for (_text, role, turn), (lemmas, words) in zip(units, toks):
        turn_lemmas.setdefault(turn, []).extend(lemmas)
        turn_words.setdefault(turn, []).extend(words)
        turn_role[turn] = role
    asked: dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
    last: tuple[str, ...] = ()
    last_words: tuple[str, ...] = ()
    before_last: tuple[str, ...] = ()
    for turn in sorted(turn_lemmas):
        asked[turn] = (last, before_last, last_words)
        if turn_role[turn] == "interviewer":
            before_last, last, last_words = last, tuple(turn_lemmas[turn]), tuple(turn_words[turn])
    n = len(units)
    out = []
    for i, ((_text, role, turn), (lemmas, words)) in enumerate(zip(units, toks)):
        q, q2, qw = asked[turn]
        out.append(UnitInput(lemmas=lemmas, question=q, question2=q2,
                             before=toks[i - 1][0] if i else (), after=toks[i + 1][0] if i + 1 < n else (),
                             role=role, position=i / max(n - 1, 1), words=words, question_words=qw,
                             turn=tuple(turn_lemmas[turn])))
    return out


def codebook_inputs(text: str) -> list[UnitInput]:
    """A codebook text (definition, when to use, example) as training sentences. Each
    sentence also stands as its own question context: a question about a code is
    followed by answers about it, which lets the codebook teach the ``q=`` features."""
    out = []
    for sent in sentences_of_text(text):
        lemmas, words = lemmas_of(sent)
        if lemmas:
            out.append(UnitInput(lemmas=lemmas, words=words, role="respondent"))
            out.append(UnitInput(lemmas=lemmas, question=lemmas, words=words, role="respondent"))
    return out


def sentences_of_text(text: str) -> list[str]:
    """A codebook text cut into sentences (the same sentencizer as the transcripts)."""
    (sents,) = segment([text], [0])
    return [text[s.start:s.end] for s in sents]
