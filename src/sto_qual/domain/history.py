"""Undo steps as the service layer records them, and the rules others need about them.

A step is a dict: ``{"op": "add"|"remove", "document_id", "coding": {...}}``,
``{"op": "update", "document_id", "id", "before", "after"}``, ``{"op": "summary", ...}`` or
``{"op": "batch", "actions": [...]}``. The store keeps it as JSON without reading it; only
deleting a document needs to know which steps touch it (``documents_of``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
