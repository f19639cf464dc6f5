"""Undo steps as a project keeps them, built and described in one place.

A step is a plain dict (it is stored as JSON, one row per step and coder):
- ``{"op": "add" | "remove", "document_id", "coding": <the coding's row>, "suggestion_id"?}``
  a coding made (an accepted suggestion names the suggestion) or removed;
- ``{"op": "update", "document_id", "id", "before": {...}, "after": {...}}`` fields of a coding;
- ``{"op": "accept", "document_id", "suggestion_id", "coding_id", "coder_id"}`` a suggestion
  accepted onto a coding the coder had already (no coding made);
- ``{"op": "reject", "document_id", "suggestion_id", "coder_id"}`` a suggestion rejected
  (undone: pending again);
- ``{"op": "batch", "document_id", "actions": [...]}`` several steps undone as one;
- ``{"op": "summary", "kind", "code_id", "document_id"?, "before", "after"}`` a summary-grid
  cell or theme summary (made by the synthesis use case).
The store keeps a step as JSON without reading it; only deleting a document needs to know
which steps touch it (``documents_of``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Action = dict[str, Any]


# a changed column as the noun a message names it by ("star of …", "span of …"); the word count
# follows the span: "span of …", not "span and words of …"
FIELD_NOUN = {"starred": "star", "start": "span", "end": "span", "code_id": "code", "document_id": "document",
              "words": "span"}


def added(document_id: int, row: Mapping[str, Any], suggestion_id: int | None = None) -> Action:
    action: Action = {"op": "add", "document_id": document_id, "coding": dict(row)}
    if suggestion_id is not None:
        action["suggestion_id"] = suggestion_id
    return action


def removed(document_id: int, row: Mapping[str, Any]) -> Action:
    return {"op": "remove", "document_id": document_id, "coding": dict(row)}


def updated(document_id: int, coding_id: int, before: Mapping[str, Any], after: Mapping[str, Any],
            joined: bool = False) -> Action:
    """``joined``: a coding grown over a selection of its code (the Coder's "Joined: …"), which
    undo names a join, not the widening a resize is."""
    action = {"op": "update", "document_id": document_id, "id": coding_id, "before": dict(before),
              "after": dict(after)}
    return {**action, "joined": True} if joined else action


def accepted_onto(document_id: int, suggestion_id: int, coding_id: int, coder_id: int) -> Action:
    return {"op": "accept", "document_id": document_id, "suggestion_id": suggestion_id, "coding_id": coding_id,
            "coder_id": coder_id}


def rejected(document_id: int, suggestion_id: int, coder_id: int) -> Action:
    return {"op": "reject", "document_id": document_id, "suggestion_id": suggestion_id, "coder_id": coder_id}


def joined_steps(steps: Sequence[Action]) -> Action:
    """Several steps as one undo step, a batch's parts taken in (no batch inside a batch)."""
    return one_step([a for step in steps for a in (step["actions"] if step.get("op") == "batch" else [step])])


def one_step(actions: Sequence[Action]) -> Action:
    """The steps as one undo step: the step itself when there is one, else a batch (under
    the first step's document)."""
    if len(actions) == 1:
        return actions[0]
    return {"op": "batch", "document_id": actions[0]["document_id"], "actions": list(actions)}


def describe(action: Mapping[str, Any]) -> Any:
    """What a step did, as the CLI and the TUI report it."""
    if action["op"] == "batch":
        return [describe(a) for a in action["actions"]]
    if action["op"] in ("add", "remove"):
        return {"coding": action["coding"]["id"], "op": action["op"]}
    if action["op"] == "summary":
        return {"summary": action["kind"], "code_id": action["code_id"], "document_id": action.get("document_id")}
    if action["op"] == "accept":
        return {"coding": action["coding_id"], "op": "accept", "suggestion": action["suggestion_id"]}
    if action["op"] == "reject":
        return {"op": "reject", "suggestion": action["suggestion_id"]}
    return {"coding": action.get("id"), "op": "update", "fields": sorted(action.get("after", {}))}


def codings_of(action: Mapping[str, Any]) -> set[int]:
    """Every coding an undo step adds, removes or changes (a batch's parts too)."""
    if action["op"] == "batch":
        return set().union(*(codings_of(a) for a in action["actions"]))
    one = describe(action).get("coding")
    return {one} if one is not None else set()


def documents_of(action: Mapping[str, Any]) -> set[int]:
    """Every document an undo step touches (a batch may span several)."""
    out = set()
    if action.get("document_id") is not None:
        out.add(action["document_id"])
    coding = action.get("coding")
    if isinstance(coding, dict) and coding.get("document_id") is not None:
        out.add(coding["document_id"])
    for sub in action.get("actions") or ():
        out |= documents_of(sub)
    return out


def without_document(action: Action, doc_id: int) -> Action | None:
    """The undo step with its parts on document ``doc_id`` left out (None: nothing of it is left): deleting one
    interview took away the whole undo of a search coded in nineteen, and with it the one way to take back the
    other eighteen's codings at once."""
    if doc_id not in documents_of(action):
        return action
    if action.get("op") != "batch":
        return None
    rest = [a for a in action["actions"] if doc_id not in documents_of(a)]
    if not rest:
        return None
    return {**one_step(rest), **({"via": action["via"]} if "via" in action else {})}  # (where it was made)


def holds_coding_of(action: Mapping[str, Any], coder_id: int) -> bool:
    """Whether an undo step would put back (or take away) a coding of ``coder_id`` (a batch: any
    of its steps)."""
    coding = action.get("coding")
    if isinstance(coding, dict) and coding.get("coder_id") == coder_id:
        return True
    return any(holds_coding_of(sub, coder_id) for sub in action.get("actions") or ())


def suggestions_of(action: Mapping[str, Any]) -> set[int]:
    """The suggestions a step accepted or rejected (a batch: all of its steps')."""
    out = {action["suggestion_id"]} if action.get("suggestion_id") is not None else set()
    for sub in action.get("actions") or ():
        out |= suggestions_of(sub)
    return out


def snapshots_of(action: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The codings a step added or removed, as it kept them (a batch: all of its steps')."""
    out = [action["coding"]] if action.get("op") in ("add", "remove") and isinstance(action.get("coding"), dict) else []
    for sub in action.get("actions") or ():
        out += snapshots_of(sub)
    return out


def more_suggestions(n: int) -> str:
    """" and 2 more suggestions" after the first of ``n + 1`` suggestions decided at once ("" for
    none): the undo line and the Coder's accept say it alike."""
    return f" and {n} more suggestion{'s' if n > 1 else ''}" if n > 0 else ""


def coding_of(action: dict[str, Any]) -> int | None:
    """The one coding a step is on (made, removed, given a memo, star or span), else None."""
    if action.get("op") in ("add", "remove"):
        return action["coding"].get("id")
    return action.get("id") if action.get("op") == "update" else None


def memo_begun(edits: Sequence[tuple[str, str | None, str | None]]) -> tuple[str, str | None] | None:
    """(when, who) a coding's memo as it stands was begun: its last write onto no memo, from the audit
    log's memo edits of it (when, who, the memo before); None when it came with the coding (an import,
    an agreed coding's start) and was only rewritten since. `memos` and a merge both ask it."""
    begun = [(at, who) for at, who, before in edits if not (before or "").strip()]
    return begun[-1] if begun else None


def taken_off(actions: Sequence[Action]) -> list[tuple[int, int, int, int]]:
    """(document, code, start, end) of the codings a coder removed (``uncode``, the workbench's x): a
    sentence she took a code off is no suggestion of that code (a learned run put one she had just
    uncoded first in her queue). ``actions``: the project's steps not undone."""
    out: list[tuple[int, int, int, int]] = []
    for a in actions:
        if a["op"] == "batch":
            out += taken_off(a["actions"])
        elif a["op"] == "remove":
            c = a["coding"]
            out.append((c["document_id"], c["code_id"], c["start"], c["end"]))
    return out
