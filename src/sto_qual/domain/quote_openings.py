"""Where a quoted passage may start (beside ``domain.quote_standing``, whose rules they ask): the
interviewer's words an answer needs before it, the clause after an opening "En"/"Maar", and a later
sentence from which the rest stands on its own. Stdlib only."""
from __future__ import annotations

import re

from sto_qual.domain.quote_standing import (after_opening_filler, opens_without_referent, split_sentences, trails_off,
                                            verbless)

QUESTION_WORDS = 30
_CONNECTIVES = frozenset({"dus", "en", "maar", "want", "oké", "oke", "ok", "goed", "nou", "so", "and", "but"})


def question_context(turn: str) -> str | None:
    """What of an interviewer's turn an answer right after it needs ("Ja, maar …"): its last
    sentence (a question, or a remark such as "Het docententekort speelt hier ook."), with up to
    two before it when it points back itself ("… dat het vmbo de regie neemt. Hoe gaat dat
    hier?"); at most QUESTION_WORDS words, verbatim; None when no such stretch stands alone."""
    sentences = split_sentences(turn)
    for k in range(1, min(3, len(sentences)) + 1):
        said = " ".join(sentences[-k:])
        if len(said.split()) > QUESTION_WORDS:
            return None
        # a remark's "Dus"/"En" points back to nothing the reader needs, a "Dat"/"Die" does; its closing
        # "ook" is the interviewer's "too" ("Dus het docententekort speelt hier ook." was left out)
        head, _sp, rest = said.partition(" ")
        plain = rest[:1].upper() + rest[1:] if head.strip(",.").lower() in _CONNECTIVES and rest else said
        plain = re.sub(r"\s+ook([.!?]?)$", r"\1", plain)
        if not opens_without_referent(after_opening_filler(plain)) or (
                k == 1 and said.endswith("?") and len(said.split()) >= 6):  # "Waar ligt nu de … urgentie?"
            return said
    return None


# a turn's opening "En"/"Maar" before a clause of its own (``clause_after_conjunction``)
_OPENING_CONJUNCTION = re.compile(r"[“\"‘']?(?:En|Maar)\s+")


def lone_conjunction(text: str) -> bool:
    """``text`` is an opening "En"/"Maar" alone (what a passage coded from after it left off)."""
    return bool(text) and _OPENING_CONJUNCTION.fullmatch(text) is not None


def clause_after_conjunction(text: str, min_words: int) -> int | None:
    """Where the clause after ``text``'s opening "En"/"Maar" starts, when that clause stands on
    its own ("En de bedrijven hier schreeuwen om mensen."; not "En dat …"); else None. A passage
    with no sentence of its speaker's before it to extend to was left out for its "En"."""
    m = _OPENING_CONJUNCTION.match(text)
    rest = text[m.end():] if m else ""
    if m is None or not rest[:1].islower() or opens_without_referent(rest[:1].upper() + rest[1:]) \
            or len(rest.split()) < min_words:
        return None
    return m.end()


_SENTENCE_START = re.compile(r"[.!?]+[\"”’)]*\s+(?=[A-Z“\"‘])")
# a subject pronoun or a common finite verb: the sentence is a clause, not an answer's fragment
_CLAUSE = re.compile(r"(?i)\b(?:ik|we|wij|je|jij|ze|zij|hij|men|is|zijn|was|waren|heeft|hebben|had|hadden|wordt|"
                     r"worden|werd|kan|kunnen|moet|moeten|gaat|gaan|komt|komen|wil|willen|zou|zouden|doet|doen)\b")
_QUALIFIED = re.compile(r"(?i)\b(?:wel|niet|nee|geen|nauwelijks|deels|nooit|amper|half)\b")  # "Op papier wel."
_BESIDE = re.compile(r"(?i)\b(?:ja|maar|en|eh|ehm|uh|uhm|euh|hè|he|nou)\b")  # "Ja, maar, eh, wel op kleine schaal, hè."


def later_sentence(text: str, min_words: int) -> int | None:
    """Where a later sentence of ``text`` starts from which the rest stands on its own, when its opening
    points back ("Ja, en we vinden geen docenten. Ik heb …": from "Ik heb …"); None when none does, or
    when that would skip a short answer saying how far the rest holds ("Op papier wel. Wij zijn penvoerder,
    …" read as a lead that is real): that passage needs its question (a starred one was left out whole)."""
    done = 0  # (each sentence skipped is checked once, not again with every later one)
    for m in _SENTENCE_START.finditer(text):
        head, rest, done = text[done:m.end()], text[m.end():], m.end()
        if any(_QUALIFIED.search(s) and verbless(s) and len(re.findall(r"\w+", _BESIDE.sub("", s))) <= 4
               for s in split_sentences(head)):
            return None
        # its first sentence a whole clause: "Desnoods uit eigen middelen. …", "Van de leerling naar de
        # docent, zeg maar." or "Een neutrale plek, …" answer a question the quote does not print
        first = split_sentences(rest)[0] if rest.strip() else ""
        if len(rest.split()) >= min_words and len(first.split()) >= 5 and _CLAUSE.search(first) \
                and not opens_without_referent(after_opening_filler(rest)) and not trails_off(rest):
            return m.end()
    return None
