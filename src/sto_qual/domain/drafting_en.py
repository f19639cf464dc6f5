"""The English sentence frames of a drafted theme summary (``--lang en``), the same functions
as the Dutch ones in ``drafting``: phrases come from a code's ``label_en`` (or its English
``summary_en``); what is said in the interviews stays Dutch, quoted as spoken. Stdlib only."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sto_qual.domain.drafting import EARLIER_FRAMES  # noqa: F401  (re-exported: what earlier drafts stored)
from sto_qual.domain.drafting import POINT_FRAMES as NL_FRAMES
from sto_qual.domain.drafting_lead import (LeadPlan, LeadWords, Opposed, Part, all_of_few, join_words, list_name,
                                           mid_sentence, render_lead, split_overlap, tier_groups)
from sto_qual.domain.wording import count_note, in_units

def regions_phrase(wording: str, n: int, total: int) -> str:
    """ "most regions (15 of 19)"; "all regions" and "one region" without the count ("the region",
    "both regions" when all of one or two)."""
    return (all_of_few(n, total, "en")
            or in_units(wording, "en").removeprefix("in ") + count_note(n, total, wording, "en"))


def lead_sentence(phrase: str, wording: str, n: int, total: int) -> str:
    """ "In most regions (15 of 19), the teacher shortage is mentioned." """
    return f"In {regions_phrase(wording, n, total)}, {phrase.strip().rstrip('.')}."


def fallback_phrase(label: str) -> str:
    """Without an English summary phrase: "teacher shortage comes up" (a label, not a quoted
    name); "work placements come up", "guest lessons and company visits come up": a label of two
    things, or whose last word is a plural noun, takes the plural verb."""
    name = mid_sentence(label)
    last = name.split()[-1].lower() if name.split() else ""
    many = " and " in f" {name} " or (len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")))
    return f"{name} {'come' if many else 'comes'} up"


def theme_lead(lead: str, parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed] = (),
               wording: Callable[[int, int], str] | None = None, by_group: bool = False) -> str:
    """ "The answers vary little: all regions mention how the urgency has developed since the start,
    and most regions also mention the teacher shortage (15 of 19) and …": the Dutch
    ``theme_lead`` in English, by the same rules (``drafting.lead_plan``). ``parts``: the
    sub-codes by prevalence, named by their English topic, or else their label."""
    return render_lead(lead, parts, n, total, opposed, wording, ENGLISH_LEAD, by_group)

def _units(word: str, n: int, total: int, count: bool = True) -> tuple[str, bool]:
    """ "most regions (15 of 19)" (``count``: with its count note) as a subject, and whether it is
    one region (a singular verb)."""
    units = regions_phrase(word, n, total) if count else in_units(word, "en").removeprefix("in ")
    return units, word == "een enkele"


def _common(plan: LeadPlan, total: int, word: Callable[[int, int], str], marked: bool, also: bool = False) -> str:
    """ "all regions mention A, nearly all regions also mention B (17 of 19), and most regions
    mention C (15 of 19)": each group of names after its own frequency word."""
    groups = tier_groups(plan.common, total, word)
    said = []
    for i, (w, ps) in enumerate(groups):
        names = join_words([f"{list_name(p.name, marked)}{count_note(p.regions, total, w, 'en')}" for p in ps], "and")
        units, one = _units(w, 0, total, count=False)
        verb = "mentions" if one else "mention"
        if i == 0:
            said.append(f"{'among other topics, ' if plan.more else ''}{units} {'also ' if also else ''}{verb} {names}")
        else:
            said.append(f"{'and ' if i == len(groups) - 1 else ''}{units} {'also ' if i == 1 else ''}{verb} {names}")
    return ", ".join(said)


def _split(split: Opposed, n: int, total: int, word: Callable[[int, int], str], intro: bool = True) -> str:
    """The Dutch ``_split_nl`` in English: what each side's regions point to, and how many name both."""
    a, b = mid_sentence(split.label), mid_sentence(split.other)
    if split_overlap(split, n) == "many":
        bw = split.both_wording or word(split.both, total)
        return f"In {regions_phrase(bw, split.both, total)}, both views come up: they point to {a} as well as to {b}."
    ua, one = _units(split.wording or word(split.regions, total), split.regions, total)
    ub, _one = _units(split.other_wording or word(split.other_regions, total), split.other_regions, total)
    said = f"{ua} {'points' if one else 'point'} to {a}, {ub} to {b}"
    if split.both:
        both, one = _units(split.both_wording or word(split.both, total), split.both, total)
        said += f"; {both} {'mentions' if one else 'mention'} both"
    return f"On one point the answers differ: {said}." if intro else f"Two views stand against each other: {said}."


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
    return any(text.startswith(f.split("{")[0]) for frames in (NL_FRAMES, POINT_FRAMES) for f in frames.values()) or \
        text.startswith(EARLIER_FRAMES + EARLIER_THEME_FRAMES)


# the later examples' frames before they had a verb: drafts a project stored then are examples too
# a remark on the theme framed as recurring in more regions, by earlier versions: stored drafts
# holding one are examples too
EARLIER_THEME_FRAMES = ("Daarnaast komt in meer regio's terug: ", "Verder komt terug: ", "Een opmerking die in ",
                        "Een andere opmerking, uit ")


# a writer's own sentence about one region's example ("Een regio noemt als voorbeeld dat …", "In
# één regio …"): after it, the next drafted example is rightly "another region"'s
_ONE_REGION = re.compile(r"^(?:een|in een|in één|bij een|één|a|in a|in one|one)\s+(?:\w+\s+)?regio(?:n)?\b"
                         r"(?!['’]s)", re.I)
# or after a colon, where something happened there ("Besturen zijn voorzichtig met vaste contracten: in een regio
# kreeg …"); not the chapter's own count ("Vaste contracten: in een enkele regio.") nor "Het doel: een regio
# waarin …"
_ONE_REGION_AFTER = re.compile(r"[:;]\s+(?:in een|in één|in one|in a)\s+regio(?:n)?,?\s+(?!['’]s)\w", re.I)


def names_one_region(text: str) -> bool:
    """A sentence (a person's, in her own words) about one region ("Een regio noemt als
    voorbeeld dat …"), not several ("Een aantal regio's …")."""
    return bool(_ONE_REGION.match(text.strip()) or _ONE_REGION_AFTER.search(text))


ENGLISH_LEAD = LeadWords("and", "The answers vary little", "In those regions the answers vary little", "the regions",
                         "those regions", "The answers vary: no topic comes up in {share}; most often mentioned "
                         "{verb} {said}.", "({n} of {total})", ", ", "On the other hand, {said}.",
                         regions_phrase, fallback_phrase, _common, _split, lang="en",
                         thirds="two thirds or more of {those}", k_of="{k} or more of {those}",
                         counted=("the {n} regions", "those {n} regions"))
