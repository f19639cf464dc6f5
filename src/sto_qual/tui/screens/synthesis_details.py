"""The detail panel of the theme view (``synthesis_theme``): for the sentence picked, whether
a person reviewed it (and whether its codings changed since), its code, the regions or the
evidence it rests on, and what a point without a sentence or a contrast's counts mean."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text

from sto_qual.domain.synthesis import contrast_counts


# under a sentence holding names the pseudonym list replaces: a coder could not tell whether
# "Vakcollege Oostkade" would reach the chapter, and might retype or rephrase it
NAMES_AS_STORED = "Names the pseudonym list replaces are shown here as stored; the chapter prints them replaced."


def item_details(data: dict[str, Any], key: tuple[str, int], reviewed: bool, old: bool, state: str,
                 regions_of: Callable[[str], tuple[list[str], list[str]]]) -> Text:
    """The panel's text for sentence ``key`` of theme ``data`` (``theme(preview=True)``);
    ``regions_of(code)`` gives the interviews with its passages and all interviews."""
    kind, n = key
    t = Text()
    t.append(f"{'◐' if old else '●' if reviewed else '◌'} {state}"
             + ("; its codings changed since (its count may be out of date)" if old else "") + "\n\n",
             style="yellow" if old or not reviewed else "green")
    if kind == "text":
        t.append("The whole section as one text. Saved here (ctrl+s), it is your own text: the report "
                 "prints it instead of the drafted sentences. ctrl+g accepts the whole section.\n\n",
                 style="dim")
        for c in data["contrasts"]:
            t.append(f"↔ {c['text']}\n")
    elif kind == "lead":
        codes = data.get("lead_codes") or []
        code = codes[n - 1] if n <= len(codes) else data["code"]
        t.append(f"{code}\n", style="dim")
        regions, every = regions_of(code)
        if every:  # its evidence: the regions it counts, and the ones it does not
            t.append(f"{len(regions)} of {len(every)} regions: {', '.join(regions) or '–'}\n")
            rest = [r for r in every if r not in regions]
            if rest:
                t.append(f"not in: {', '.join(rest)}\n", style="dim")
            t.append("\n")
        t.append("A lead sentence: how widely the code came up, in the chapter's frequency words.", style="dim")
    elif kind == "point":
        p = data["points"][n - 1]
        t.append(f"{p['code']}\n", style="dim")
        t.append(f"{p['wording']}: {', '.join(p['regions'])}\n")
        t.append(f"words its passages share: {p['label']}\n\n", style="dim")
        t.append(f"“{p['evidence']}”\n", style="italic")
        t.append(f"\ncodings {', '.join(str(r) for r in p['references'])}", style="dim")
        if not p["text"]:
            t.append("\n\nNo sentence drafted: none of its passages could be retold safely, so the chapter "
                     "carries this point by a quote. Write one here and ctrl+s saves it.", style="dim")
    else:
        c = data["contrasts"][n - 1]
        t.append(f"{c['code']} ↔ {c['other']} ({c['kind']})\n", style="dim")
        if "counts_now" in c:
            t.append("when reviewed → today\n", style="dim")
        for group, was, today in contrast_counts(c):
            t.append(f"{group}: {was}")
            if today is not None:
                t.append(f" → {today}", style="bold yellow" if today != was else "")
            t.append("\n")
        if "counts_now" in c and not c["counts_now"]:
            t.append("Drafted today, this difference would not be there: the codings no longer show it.\n",
                     style="yellow")
    return t
