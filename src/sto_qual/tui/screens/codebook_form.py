"""The Codebook screen's form as values: what a code holds, field by field, and what a save
writes. A save writes only the fields the person changed, over what the project holds now: a
form opened before a colleague saved the same code wrote all of its fields back, and her
definition and criteria were gone in both windows without a word. A field both changed is a
conflict the screen asks about. No Textual here; the project is read through the Workspace."""
from __future__ import annotations

from typing import Any

# form field id -> the code's field it edits (the synthesis fields are written apart)
CODE_FIELDS = {"f-label": "label", "f-colour": "colour", "f-definition": "definition", "f-when": "when_to_use",
               "f-when-not": "when_not_to_use", "f-examples": "examples", "f-keywords": "keywords",
               "f-topic": "topic", "f-topic-en": "topic_en"}
SYNTHESIS_FIELDS = ("f-summary", "f-summary-en", "f-contrasts")
FIELDS = (*CODE_FIELDS, *SYNTHESIS_FIELDS)
NAMES = {"f-label": "Label", "f-colour": "Colour", "f-definition": "Definition", "f-when": "When to use",
         "f-when-not": "When not to use", "f-examples": "Examples", "f-keywords": "Keywords",
         "f-topic": "Topic", "f-topic-en": "Topic (English)", "f-summary": "Summary phrase",
         "f-summary-en": "Summary phrase (English)", "f-contrasts": "Contrasts"}


def values(code, synthesis: dict[str, Any], topics: tuple[str, str]) -> dict[str, str]:
    """The form's fields as ``code`` (a ``Code``), its synthesis fields and topics fill it."""
    if code is None:
        return dict.fromkeys(FIELDS, "")
    return {"f-label": code.label or "", "f-colour": code.colour, "f-definition": code.definition,
            "f-when": code.when_to_use, "f-when-not": code.when_not_to_use, "f-examples": "\n".join(code.examples),
            "f-keywords": ", ".join(code.keywords), "f-topic": topics[0], "f-topic-en": topics[1],
            "f-summary": synthesis.get("summary", ""), "f-summary-en": synthesis.get("summary_en", ""),
            "f-contrasts": ", ".join(synthesis.get("contrasts", []))}


def stored_values(ws, path: str) -> dict[str, str]:
    """The form's fields as the project holds ``path`` now (``ws``: the workbench's Workspace)."""
    syn = ws.synthesis().code_fields(path)
    topics = next(((s.topic, s.topic_en) for s in ws.codebook_specs().codes if s.path == path), ("", ""))
    return values(ws.code(path), syn, topics)


def same(a: str, b: str) -> bool:
    """Two texts of a field alike as saved (whitespace at the ends and line ends aside)."""
    return " ".join(str(a).split()) == " ".join(str(b).split())


def edited(form: dict[str, str], shown: dict[str, str]) -> set[str]:
    """The fields the person changed since the form was filled."""
    return {f for f in FIELDS if not same(form[f], shown[f])}


def conflicts(form: dict[str, str], loaded: dict[str, str], now: dict[str, str], mine: set[str]) -> list[str]:
    """The fields she changed that were saved otherwise elsewhere since she opened the form."""
    return [f for f in FIELDS if f in mine and not same(now[f], loaded[f]) and not same(now[f], form[f])]


def code_fields(form: dict[str, str], mine: set[str]) -> dict[str, Any]:
    """The code's fields to write: the changed ones only, as ``CodebookService.edit`` takes them."""
    out: dict[str, Any] = {}
    for fid, name in CODE_FIELDS.items():
        if fid not in mine:
            continue
        v = form[fid]
        out[name] = (v.strip() or None if name == "label" else v.strip().lower() if name == "colour" else
                     [x.strip() for x in v.splitlines() if x.strip()] if name == "examples" else
                     [k.strip() for k in v.split(",") if k.strip()] if name == "keywords" else v.strip())
    return out


def synthesis_fields(form: dict[str, str], now: dict[str, str], mine: set[str]) -> tuple[str, list[str], str]:
    """(summary, contrasts, English summary) to write: hers where she changed them, else as they are now."""
    pick = {f: (form if f in mine else now)[f] for f in SYNTHESIS_FIELDS}
    return (pick["f-summary"].strip(), [x.strip() for x in pick["f-contrasts"].split(",") if x.strip()],
            pick["f-summary-en"].strip())


def clash_question(path: str, clash: list[str], now: dict[str, str]) -> str:
    """What the screen asks when fields she changed were saved otherwise elsewhere meanwhile."""
    theirs = "; ".join(f"{NAMES[f]}: “{now[f][:120]}”" for f in clash)
    return (f"{path} was changed elsewhere since you opened it, in what you changed too. Saved there now: {theirs}. "
            "Keep mine: save your text over it. Take theirs: those fields as saved there (your other changes stay). "
            "Stay: go on editing; nothing is saved.")
