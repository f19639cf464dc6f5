"""The English sentence frames of a drafted theme summary (``--lang en``), the same functions
as the Dutch ones in ``drafting``: phrases come from a code's ``label_en`` (or its English
``summary_en``); what is said in the interviews stays Dutch, quoted as spoken. Stdlib only."""
from __future__ import annotations

from collections.abc import Sequence

from sto_qual.domain.drafting import POINT_FRAMES as NL_FRAMES
from sto_qual.domain.drafting import MIN_CONSISTENCY, Opposed, lead_view, mid_sentence, split_words, topic_list
from sto_qual.domain.wording import count_note, count_word, in_units

def regions_phrase(wording: str, n: int, total: int) -> str:
    """ "most regions (15 of 19)"; "all regions" and "one region" without the count."""
    return in_units(wording, "en").removeprefix("in ") + count_note(n, total, wording, "en")


def lead_sentence(phrase: str, wording: str, n: int, total: int) -> str:
    """ "In most regions (15 of 19), the teacher shortage is mentioned." """
    return f"In {regions_phrase(wording, n, total)}, {phrase.strip().rstrip('.')}."


def fallback_phrase(label: str) -> str:
    """Without an English summary phrase: "teacher shortage comes up" (a label, not a quoted
    name)."""
    return f"{mid_sentence(label)} comes up"


def theme_lead(lead: str, parts: Sequence[tuple[str, int]], n: int, total: int,
               opposed: Sequence[Opposed] = ()) -> str:
    """ "In all regions, urgency comes up. The answers vary little: three topics come up in most
    regions, namely how the urgency has changed since the start (all regions), the teacher
    shortage (15 of 19) and …". ``parts``: (sub-code English topic, or its label without one,
    regions) by prevalence; the same rules as the Dutch ``theme_lead``."""
    if not parts or n < MIN_CONSISTENCY:
        return lead
    v = lead_view(parts, n, total, opposed)

    def share(k: int) -> str:
        return "all regions" if k >= total else f"{k} of {total}"
    said = topic_list(v, share, "and")
    split = v.split
    differ = split_words(split, n, total, SPLIT_FRAMES, regions_phrase, share, ("mentions", "mention")) if split else ""
    if v.consistent:
        many = f"{count_word(v.strong, 'en')} {'topic comes' if v.strong == 1 else 'topics come'}"
        where = "in all regions" if v.everywhere else "in most regions" if n >= total else "in most of those regions"
        which = "namely" if v.all_named else "among them"
        common = f"{many} up {where}, {which} {said}."
        return (f"{lead.rstrip('.')}. " + (f"The answers vary little: {common}" if not split
                                            else common[0].upper() + common[1:] + differ))
    those = "the regions" if n >= total else "those regions"
    return (f"{lead.rstrip('.')}. The answers vary: no topic comes up in two thirds of {those}; most often "
            f"mentioned {'is' if len(v.named) == 1 else 'are'} {said}.{differ}")


SPLIT_FRAMES = {  # the Dutch SPLIT_FRAMES in English (see ``drafting.split_words``)
    "phrased-many": " In {both_in}, both views come up: {a}, and {b} as well.",
    "phrased-apart": " On one point the answers differ: in {a_in}, {a}; in {b_in}, {b}.",
    "phrased-some": " On one point the answers differ: in {a_in}, {a}; in {b_in}, {b}; {both_in} {verb} both.",
    "every": " In every region both views come up: {la} and {lb}.",
    "apart": " On one point the answers differ: {A} against {B}.",
    "some": " On one point the answers differ: {A} against {B}; {both_in} {verb} both.",
    "many": " On one point both views come up, and {both_in} {verb} both: {A} and {B}.",
}


def point_sentence(wording: str, n: int, total: int, retold: str | None, scope: str = "within",
                   evidence: str = "", first: bool = True, nth: int | None = None, variant: int = 0) -> str:
    """No sentence: the English chapter retells no example. What one region said is Dutch; it
    cannot be retold in English here, and the Dutch sentence it came from, inlined as "One
    region gives an example: “…”", was a fragment cut from its context (a region that
    declined an invitation read as one that was invited) and doubled the Dutch quotes. The
    point reaches the reader through its quote, chosen from the Dutch draft as in Dutch."""
    return ""


POINT_FRAMES = {"same": "One region gives an example: {said}",
                "theme": "One region also says: {said}",
                "first": "One region gives an example: {said}",
                "later": "Another region: {said}",
                "third": "A third region: {said}",
                "fourth": "A fourth region: {said}",
                "first1": "One region says, for example: {said}",
                "first2": "An example from one region: {said}"}


def is_example(text: str) -> bool:
    """A drafted point sentence: one region's example in a point frame (Dutch or English), as
    opposed to a sentence a person wrote."""
    return any(text.startswith(f.split("{")[0]) for frames in (NL_FRAMES, POINT_FRAMES) for f in frames.values())


