"""The document filter (``--where region_type=stedelijk``), one rule for the CLI, the report
and the TUI.

A filter is a mapping key -> wanted value. A document matches when every key matches:

* keys are attribute names (``region_type``, ``respondent_roles`` ...), compared without
  regard to case; ``doc`` (or ``name``) is the document's name;
* values compare case-insensitively, surrounding spaces ignored;
* ``a,b`` in the wanted value means any of them (``doc=R01,R02``);
* an attribute holding several values separated by ``;`` (``bestuurder; directeur``)
  matches when one of them does;
* a document without the attribute does not match.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NAME_KEYS = ("doc", "name")


def parse_where(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["region_type=krimp"]`` -> ``{"region_type": "krimp"}``; raises ValueError on a pair
    without ``=`` or with an empty key or value."""
    out: dict[str, str] = {}
    for p in pairs:
        k, eq, v = p.partition("=")
        if not eq or not k.strip() or not v.strip():
            raise ValueError(f"'{p}' is not attr=value")
        out[k.strip()] = v.strip()
    return out


def parse_filter(text: str) -> tuple[dict[str, str], str]:
    """``"region_type=krimp R0"`` -> ({"region_type": "krimp"}, "R0"): key=value pairs and free words."""
    where: dict[str, str] = {}
    words = []
    for part in text.split():
        k, eq, v = part.partition("=")
        if eq and k.strip() and v.strip():
            where[k.strip()] = v.strip()
        else:
            words.append(part)
    return where, " ".join(words)


def value_matches(value: Any, wanted: str) -> bool:
    """One attribute value against one wanted value (see the module docstring)."""
    if value is None:
        return False
    options = {w.strip().casefold() for w in str(wanted).split(",") if w.strip()}
    values = {v.strip().casefold() for v in str(value).split(";")}
    return bool(options & values)


def document_matches(where: Mapping[str, str] | None, attributes: Mapping[str, Any], name: str) -> bool:
    """Does a document (its attributes and name) pass every condition of ``where``?"""
    if not where:
        return True
    lowered = {str(k).casefold(): v for k, v in attributes.items()}
    for key, wanted in where.items():
        k = key.strip().casefold()
        value = name if k in NAME_KEYS else lowered.get(k)
        if not value_matches(value, wanted):
            return False
    return True


def why_nothing_matches(where: Mapping[str, str], documents: list[tuple[Mapping[str, Any], str]]) -> str:
    """Why a filter keeps no document of ``documents`` (attributes, name): the first condition
    that no document meets, with the attribute's values (or the attributes there are)."""
    names = sorted({str(k) for attrs, _n in documents for k in attrs})
    for key, wanted in where.items():
        k = key.strip().casefold()
        if k in NAME_KEYS:
            values = sorted(n for _a, n in documents)
        else:
            if k not in {n.casefold() for n in names}:
                return f"no document has the attribute '{key}' (attributes: {', '.join(names) or 'none'})"
            values = sorted({v.strip() for attrs, _n in documents for a, x in attrs.items()
                             if str(a).casefold() == k and x is not None for v in str(x).split(";") if v.strip()})
        if not any(value_matches(v, wanted) for v in values):
            shown = ", ".join(values[:15]) + (", ..." if len(values) > 15 else "")
            if ";" in wanted:  # the stored form of several values is not a wanted value
                parts = [w.strip() for w in wanted.split(";") if w.strip()]
                return (f"no document has {key}={wanted}: ';' separates the values a document holds; ask "
                        f"for one value ({key}={parts[0] if parts else '...'}) or any of several with ',' "
                        f"({key}={','.join(parts)}) ({key}: {shown})")
            return f"no document has {key}={wanted} ({key}: {shown})"
    return "no document meets all of " + " and ".join(f"{k}={v}" for k, v in where.items())
