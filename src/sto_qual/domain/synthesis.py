"""The synthesis a theme section of the chapter is written from: lead sentences, key points
and contrasts, drafted from the codings and editable by a person.

These records are the contract between the synthesis service (which drafts, stores and
reviews them) and the report (which opens each theme section with them and picks the
quotes that illustrate the points). Pure data, and what is read off it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Status of a cell or a theme summary. "draft" is machine-written and labelled as such in
# the chapter until a person edits or accepts it ("reviewed"); "outdated" is reviewed text
# whose codings changed since.
STATUSES = ("empty", "draft", "reviewed", "outdated")


@dataclass(frozen=True)
class SummaryPoint:
    """One key point within a sub-code: passages grouped by what they share."""
    code: str                        # the sub-code's path, e.g. "financieringsonzekerheid/uitstel"
    label: str                       # short label from its distinctive words
    regions: tuple[str, ...]         # document names of the interviews that make the point
    wording: str                     # frequency words over the interviews, e.g. "een deel"
    evidence: str                    # its most representative sentence (verbatim)
    references: tuple[int, ...]      # ids of the codings the point rests on, most representative first
    text: str = ""                   # the sentence for the chapter (drafted or edited)
    lemmas: tuple[str, ...] = ()     # its distinctive terms (lemmas and bigrams), strongest first
    reviewed: bool = False           # a person edited or accepted this point
    edited: bool = False             # a person replaced the text: label and evidence describe the draft
    chosen: bool = False             # a person accepted or edited this point on its own (not a whole theme)
    reviewed_by: str = ""            # who edited or accepted it
    outdated: bool = False           # reviewed, and the codings under it changed since
    left_out: bool = False           # a person left it out of the chapter (it stays listed, to put back)


@dataclass(frozen=True)
class Contrast:
    """Opposing sub-codes (kind "codes") or an attribute difference (kind "attribute")."""
    code: str
    other: str                       # the opposing code, or the attribute key
    kind: str                        # "codes" | "attribute"
    text: str                        # one sentence for the chapter
    counts: tuple[tuple[str, int, int], ...] = ()   # (group or "only-one"/"both"/"neither", n, of)
    reviewed: bool = False           # a person edited or accepted this sentence
    outdated: bool = False           # reviewed, and the codings under it changed since
    left_out: bool = False           # a person left it out of the chapter
    as_drafted: bool = False         # reviewed without a word changed: the chapter words it as it words a draft


@dataclass(frozen=True)
class ThemeSummary:
    """The synthesis of one theme (a top-level code)."""
    code: str
    lead: tuple[str, ...]            # one lead sentence per sub-code, by prevalence
    points: tuple[SummaryPoint, ...]
    contrasts: tuple[Contrast, ...]
    status: str = "draft"            # one of STATUSES
    text: str = ""                   # a person's edited text for the whole theme, when there is one
    lang: str = "nl"                 # the language of the drafted sentences ("nl" or "en")
    fallback: tuple[str, ...] = ()   # codes whose English phrase fell back to Dutch (marked "[nl]")
    lead_codes: tuple[str, ...] = ()      # the code each lead sentence speaks of
    lead_reviewed: tuple[bool, ...] = ()  # which lead sentences a person edited or accepted
    lead_outdated: tuple[bool, ...] = ()  # ... and which of those rest on codings changed since
    lead_edited: tuple[bool, ...] = ()    # ... and which a person wrote (the chapter prints them as written)
    # the points a person left out of the chapter (not printed; no quote of the theme says them)
    left_out: tuple[SummaryPoint, ...] = ()


def contrast_counts(c: dict) -> list[tuple[str, str, str | None]]:
    """A contrast's counts as the analyst reads them (the JSON of ``summary show --theme``):
    (group, "k of n" when drafted or reviewed, "k of n" today or None), the group named by its
    code ("only urgentie/…", not "only-one"). Today's figure is there for an outdated contrast
    (``counts_now``; "–" for a group it no longer has)."""
    named = {"only-one": f"only {c['code']}", "only-other": f"only {c['other']}"}
    now = {g: f"{k} of {of}" for g, k, of in c.get("counts_now") or ()}
    return [(named.get(g, str(g)), f"{k} of {of}", now.get(g, "–") if "counts_now" in c else None)
            for g, k, of in c["counts"]]


def review_marks(lead_reviewed: Sequence, points: Sequence[dict], contrasts: Sequence[dict]) -> list[bool]:
    """Whether each sentence of a theme a person reviewed, counted as `summary show`, F9 and the
    chapter count them: the lead sentences, the points that have a sentence (one whose quotes
    carry it has none), the contrasts; not those a person left out (the chapter prints none of them:
    "7 of 14 sentences reviewed" counted two left out)."""
    return [*map(bool, lead_reviewed), *(bool(p.get("reviewed")) for p in points
                                         if p.get("text") and not p.get("left_out")),
            *(bool(c.get("reviewed")) for c in contrasts if not c.get("left_out"))]


def lead_of_point(theme: dict, number: int) -> int | None:
    """The index of the lead sentence that opens the topic of point ``number`` (from 1) of a
    theme as ``theme`` returns it (``lead_codes`` name each lead sentence's code), or None."""
    points, codes = theme.get("points") or [], theme.get("lead_codes") or []
    if not 1 <= number <= len(points) or points[number - 1].get("code") not in codes:
        return None
    k = codes.index(points[number - 1]["code"])
    return k if k < len(theme.get("lead") or []) else None
