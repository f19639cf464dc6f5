"""The regions the interviews were held in. The chapter and `stats` count interviews and speak of them
as regions ("in de meeste regio's (4 van 6)"), which holds while each region has one interview. A region
interviewed twice among the interviews counted (a second round beside the first, a steering group and its
programme leader apart) counts twice: it is named, so the writer and the reader are told. Stdlib only."""
from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sto_qual.domain.wording import count_word

REGION = "region"  # the attribute that names an interview's region ("R12"), as a header's "Regio:" gives it


def _regions(attrs: Mapping[int, Mapping[str, Any]], part: Collection[int] | None):
    """(interview, its region as written or "", its attributes) of each interview of ``part`` (None: all)."""
    return ((doc, str(a.get(REGION) or "").strip(), a) for doc, a in attrs.items() if part is None or doc in part)


def repeated_regions(attrs: Mapping[int, Mapping[str, Any]],
                     part: Collection[int] | None = None) -> dict[str, list[int]]:
    """Region -> the interviews of ``part`` (None: all) that have it, for each region more than one has
    (its value as the first of them writes it; "r12" is R12)."""
    by: dict[str, list[int]] = {}
    named: dict[str, str] = {}
    for doc, region, _a in _regions(attrs, part):
        if region:
            named.setdefault(region.casefold(), region)
            by.setdefault(region.casefold(), []).append(doc)
    return {named[k]: docs for k, docs in by.items() if len(docs) > 1}


def regions_count(attrs: Mapping[int, Mapping[str, Any]], part: Collection[int] | None = None) -> int | None:
    """How many regions the interviews of ``part`` were held in, when every one names its region; else None."""
    values = [region.casefold() for _doc, region, _a in _regions(attrs, part)]
    return len(set(values)) if values and all(values) else None


# the method's words for it: fewer regions than interviews, and why
TWICE = {"nl": (("één caseregio", "{k} caseregio's"),
                "In {r} zijn meerdere gesprekken gevoerd; elk telt als interview, zodat zo'n regio meer dan eens "
                "meetelt waar dit hoofdstuk regio's telt. ", ("één regio", "regio's")),
         "en": (("one case region", "{k} case regions"),
                "In {r} more than one conversation was held; each counts as an interview, so such a region counts more "
                "than once where this chapter counts regions. ", ("one region", "regions"))}


def fewer_regions(attrs: Mapping[int, Mapping[str, Any]], part: Collection[int] | None, n_docs: int,
                  lang: str) -> tuple[str | None, str]:
    """Where the chapter's ``n_docs`` interviews were held in fewer regions: the method's "in vijf caseregio's"
    (it said "in evenzoveel caseregio's" of six interviews in five) and its sentence on why; (None, "") else."""
    k = regions_count(attrs, part)
    if k is None or not 1 <= k < n_docs:  # (every interview in one region too: "drie interviews in één caseregio")
        return None, ""
    regions, why, (one, many) = TWICE[lang]
    repeated = len(repeated_regions(attrs, part))
    return regions[k > 1].format(k=count_word(k, lang)), why.format(r=one if repeated == 1 else
                                                                    f"{count_word(repeated, lang)} {many}")


def _groups(attrs: Mapping[int, Mapping[str, Any]], key: str, part: Collection[int] | None
            ) -> tuple[dict[str, set[str]], dict[str, str], set[str]]:
    """Each value of ``key`` (folded) -> the regions (folded) of its interviews of ``part``; each region's name as
    first written; the values an interview of which names no region."""
    regions: dict[str, set[str]] = {}
    named: dict[str, str] = {}
    unnamed: set[str] = set()
    for _doc, region, a in _regions(attrs, part):
        value = str(a.get(key) or "").strip().casefold()
        if value and region:
            regions.setdefault(value, set()).add(named.setdefault(region.casefold(), region).casefold())
        elif value:
            unnamed.add(value)
    return regions, named, unnamed


def regions_in_groups(attrs: Mapping[int, Mapping[str, Any]], key: str, part: Collection[int] | None = None
                      ) -> dict[str, int]:
    """Each value of ``key`` (folded) -> how many regions its interviews of ``part`` were held in, where every one of
    them names its region: the method's "de eilandregio (twee interviews)" of one region interviewed twice (it
    said "de eilandregio's (twee interviews) is te klein")."""
    regions, _named, unnamed = _groups(attrs, key, part)
    return {v: len(r) for v, r in regions.items() if v not in unnamed}


def regions_across(attrs: Mapping[int, Mapping[str, Any]], key: str, part: Collection[int] | None = None) -> list[str]:
    """The regions (as first written) whose interviews of ``part`` hold more than one value of ``key``: compared by
    it, the chapter sets such a region beside itself (``main_attribute ronde``: the same regions a year apart)."""
    regions, named, _unnamed = _groups(attrs, key, part)
    values: dict[str, set[str]] = {}
    for value, held in regions.items():
        for region in held:
            values.setdefault(region, set()).add(value)
    return sorted(named[r] for r, vs in values.items() if len(vs) > 1)
