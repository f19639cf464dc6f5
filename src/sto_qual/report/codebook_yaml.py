"""Codebook -> YAML in the same format the importer reads (round-trip equal)."""
from __future__ import annotations

from typing import Any

import yaml

from sto_qual.domain.model import Codebook, CodeSpec


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = ">" if len(value) > 80 and "\n" not in value else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _node(spec: CodeSpec, children: dict[str | None, list[CodeSpec]]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": spec.name}
    if spec.label:
        out["label"] = spec.label
    if spec.label_en:
        out["label_en"] = spec.label_en
    out["colour"] = spec.colour
    for key in ("definition", "when_to_use", "when_not_to_use"):
        value = getattr(spec, key)
        if value:
            out[key] = value
    if spec.examples:
        out["examples"] = list(spec.examples)
    if spec.keywords:
        out["keywords"] = list(spec.keywords)
    if getattr(spec, "summary", ""):
        out["summary"] = spec.summary
    if getattr(spec, "summary_en", ""):
        out["summary_en"] = spec.summary_en
    if getattr(spec, "topic", ""):
        out["topic"] = spec.topic
    if getattr(spec, "topic_en", ""):
        out["topic_en"] = spec.topic_en
    if getattr(spec, "contrasts", ()):
        out["contrasts"] = list(spec.contrasts)
    kids = children.get(spec.path, [])
    if kids:
        out["codes"] = [_node(k, children) for k in kids]
    return out


def dump_codebook(cb: Codebook) -> str:
    children: dict[str | None, list[CodeSpec]] = {}
    for spec in cb.codes:
        children.setdefault(spec.parent, []).append(spec)
    data = {"codebook": cb.title, "version": 1, "language": cb.language,
            "codes": [_node(s, children) for s in children.get(None, [])]}
    head = "# sto_qual codebook (format: see README, 'Codebook file format')\n"
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
