"""Pure functions over a stored theme summary row (the JSON `summary show` prints): copying it,
its sentences by kind, keeping what a person reviewed when the theme is drafted again, and its
text as one editable section."""
from __future__ import annotations

from typing import Any

from sto_qual.domain import drafting as d


def copied_row(row: dict[str, Any]) -> dict[str, Any]:
    """A theme row whose sentence lists can be changed without changing ``row``."""
    return {**row, "lead": list(row["lead"]), "points": [dict(p) for p in row["points"]],
            "contrasts": [dict(c) for c in row["contrasts"]],
            "lead_meta": [dict(m) for m in row.get("lead_meta") or []]}


def sentences_of(row: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """A row's items of one kind: its lead sentences' marks, its points or its contrasts."""
    return {"lead": row["lead_meta"], "point": row["points"], "contrast": row["contrasts"]}[kind]


def sentence_items(row: dict[str, Any]):
    """(kind, item) for every sentence of a stored theme row: its lead sentences' marks, points
    and contrasts."""
    for m in row.get("lead_meta") or []:
        yield "lead", m
    for p in row.get("points", ()):
        yield "point", p
    for c in row.get("contrasts", ()):
        yield "contrast", c


def keep_reviewed(old: dict[str, Any], fresh: dict[str, Any]) -> dict[str, Any]:
    """A new draft row that keeps what a person edited or accepted in the old one: reviewed
    points (by code and label) in place of the draft's, the others after; a reviewed lead sentence in
    place of the draft's sentence on the same code; reviewed contrasts (by code, other, kind)."""
    kept = {(p["code"], p["label"]): p for p in old["points"] if p.get("reviewed")}
    # in the draft's order (the chapter's), a reviewed point in place of the draft's; one the
    # new draft lacks stays, after them
    points = [kept.pop((p["code"], p["label"]), None) or p for p in fresh["points"]]
    # a point drafted again under another label (its passages changed, so did its distinctive
    # words) is the reviewed point that shares most of its passages: the writer's sentence stood
    # beside a new draft of the same point, and the chapter said it twice
    for key, mine in list(kept.items()):
        refs = set(mine.get("references") or ())
        best = max((i for i, p in enumerate(points) if not p.get("reviewed") and p["code"] == mine["code"]
                    and refs & set(p.get("references") or ())),
                   key=lambda i: len(refs & set(points[i].get("references") or ())), default=None)
        if best is not None:
            points[best] = kept.pop(key)
    fresh["points"] = points + list(kept.values())
    meta = old.get("lead_meta") or []
    mine = {m["code"]: (text, m) for m, text in zip(meta, old["lead"]) if m.get("reviewed") and m.get("code")}
    for i, m in enumerate(fresh.get("lead_meta", [])):
        if m["code"] in mine:
            # the sentence with its marks: who accepted it and the codings it rested on then
            fresh["lead"][i], fresh["lead_meta"][i] = mine[m["code"]][0], dict(mine[m["code"]][1])
    done = {(c["code"], c["other"], c["kind"]): c for c in old["contrasts"] if c.get("reviewed")}
    fresh["contrasts"] = [done.pop((c["code"], c["other"], c["kind"]), c) for c in fresh["contrasts"]]
    fresh["contrasts"] += list(done.values())  # a reviewed contrast the new draft lacks stays
    return fresh


def theme_text(theme: dict[str, Any]) -> str:
    """A theme summary as editable prose: a person's text when there is one, else the lead
    sentences and one paragraph per point. Not the contrasts: the chapter prints them under
    "Verschillen tussen regio's" beside a whole section too (a section saved from this text
    printed every difference twice); each is edited on its own (``--contrast N``)."""
    if theme.get("text"):
        return theme["text"]
    parts = [" ".join(theme["lead"])] if theme["lead"] else []
    parts += [d.men_after_verb(p["text"]) for p in theme["points"]  # as the chapter prints them
              if p["text"] and not p.get("left_out")]
    return "\n\n".join(parts)
