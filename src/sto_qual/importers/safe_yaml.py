"""YAML that cannot blow up: size limit, few aliases, line numbers kept for errors."""
from __future__ import annotations

from typing import Any

import yaml

from sto_qual.domain.errors import StoQualError
from sto_qual.importers import limits


class LineLoader(yaml.SafeLoader):
    """SafeLoader that records the 1-based line of every mapping in ``__line__``."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise yaml.constructor.ConstructorError(
            None, None, f"duplicate key '{sorted(dup)[0]}'", node.start_mark)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__keylines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value
                               if isinstance(k, yaml.ScalarNode)}
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str, name: str, error: type[StoQualError] = StoQualError, *,
         line_offset: int = 0) -> Any:
    """Parse YAML safely; errors are ``error`` with file and line."""
    if len(text.encode("utf-8", "replace")) > limits.MAX_YAML_BYTES:
        raise error("YAML is larger than the 2 MB limit", file=name)
    try:
        aliases = sum(1 for ev in yaml.parse(text, Loader=yaml.SafeLoader)
                      if isinstance(ev, yaml.AliasEvent))
    except yaml.YAMLError as exc:
        raise _located(exc, name, error, line_offset) from None
    if aliases > limits.MAX_YAML_ALIASES:
        raise error(f"YAML uses {aliases} aliases (possible 'billion laughs' bomb)", file=name,
                    hint="write the values out instead of using anchors")
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        raise _located(exc, name, error, line_offset) from None


def _located(exc: yaml.YAMLError, name: str, error: type[StoQualError], line_offset: int) -> StoQualError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + line_offset if mark else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return error(f"invalid YAML: {problem}", file=name, line=line)


def strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k not in ("__line__", "__keylines__")}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj
