"""A theme section laid out as the chapter's prose (DOMAIN.md, "How the report speaks"): the
common view first, then one paragraph per facet (sub-code) — how widely it came up, a
person's sentences on it, one or two quotes — widest first, remarks on the theme as a whole
last. A drafted key point is a list of the words its passages share, not a sentence of the
chapter: it is shown as a marked hint under its facet until a person writes the sentence."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sto_qual.domain.quote_selection import Point
from sto_qual.domain.synthesis import SummaryPoint, ThemeSummary


@dataclass(frozen=True)
class Facet:
    code: str                       # the sub-code (or the theme itself, for remarks on it)
    lead: str = ""                  # its lead sentence ("In de meeste regio's … noemt men …")
    points: tuple[SummaryPoint, ...] = ()


def facets_of(summary: ThemeSummary, top: str, children: Sequence[str],
              docs_of: Callable[[str], int]) -> tuple[list[str], list[Facet]]:
    """(opening sentences, facets) of a summary. ``children`` are the theme's sub-codes by
    prevalence (the order the synthesis writes its lead sentences in: the theme's own sentence
    first when any passage carries it). When the lead sentences do not line up with them (a
    stored summary from other counts), they all open the section and facets have none."""
    by_code: dict[str, list[SummaryPoint]] = {}
    for sp in summary.points:
        by_code.setdefault("/".join(sp.code.split("/")[:2]), []).append(sp)
    present = [c for c in children if docs_of(c)]
    expected = ([top] if docs_of(top) else []) + present
    leads = list(summary.lead)
    lead_for: dict[str, str] = {}
    opening: list[str] = []
    if len(leads) == len(expected) and len(present) == len(leads) - (1 if docs_of(top) else 0):
        lead_for = dict(zip(expected, leads))
        if top in lead_for:
            opening.append(lead_for.pop(top))
    else:
        opening = leads
    order = [c for c in present] + [c for c in by_code if c not in present and c != top]
    if top in by_code:
        order.append(top)  # remarks on the theme as a whole come after its facets
    facets = [Facet(code=c, lead=lead_for.get(c, ""), points=tuple(by_code.get(c, ()))) for c in order]
    return opening, [f for f in facets if f.lead or f.points]


def quote_points(facets: Sequence[Facet], docs_of: Callable[[str], int], n_docs: int) -> list[Point]:
    """One quote per facet, two for the two widest when they come up in at least two thirds of
    the interviews; the codings its key points rest on are preferred."""
    return [Point(key=f.code, code=f.code, references=tuple(r for sp in f.points for r in sp.references),
                  limit=2 if i < 2 and docs_of(f.code) * 3 >= n_docs * 2 else 1)
            for i, f in enumerate(facets)]


def hint_item(sp: SummaryPoint, n_docs: int, numbers: bool, count: Callable[[int, int], str],
              word: Callable[[int, int], str]) -> str:
    """A drafted point as "‘vacature’, ‘pensioen’ (12 van 19)": its words and how widely."""
    words = [w.strip() for w in sp.label.split(",") if w.strip()]
    quoted = ", ".join(f"‘{w}’" for w in words)
    k = len(sp.regions)
    exact = count(k, n_docs)  # "" where the word says the number itself ("alle", "een enkele")
    return f"{quoted} ({exact if numbers and exact else word(k, n_docs)})"
