"""YAML that cannot blow up: size, nesting, alias and expansion limits; line numbers kept.

Hostile YAML is refused before any Python object is built: one cheap pass over the
parser events (libyaml when available) counts aliases, the nodes they would expand
to ("billion laughs") and the nesting depth. Values the safe constructor cannot
build (an integer of 5,000 digits) are refused with their line; an impossible date
("2023-02-30") is kept as the text it is, so a typo never crashes an import.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import yaml

from sto_qual.domain.controls import describe, first_control
from sto_qual.domain.errors import StoQualError
from sto_qual.importers import limits

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on large files


class LineLoader(_Parser):  # type: ignore[misc,valid-type]
    """SafeLoader that records the 1-based line of every mapping in ``__line__``
    and of each of its keys in ``__keylines__``. Mapping keys are always ``str``."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.ScalarNode):
            # "\e]0;pwned\a" is harmless bytes in the file and an escape once parsed
            bad = first_control(node.value)
            if bad is not None:
                raise yaml.constructor.ConstructorError(None, None, describe(bad.group()), node.start_mark)
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as exc:
            # e.g. an integer longer than Python converts; located, never a traceback
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read value ({str(exc).split(';')[0]})", node.start_mark) from None


def _key_text(key: Any, node: yaml.Node) -> str:
    if isinstance(key, str):
        return key
    if isinstance(node, yaml.ScalarNode):
        return node.value  # as written: `1: x` -> "1", `~: x` -> "~", `yes: x` -> "yes"
    raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word, not a list or mapping",
                                            node.start_mark)


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    loader.flatten_mapping(node)
    counts = Counter(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode))
    if any(n > 1 for n in counts.values()):  # the line of the second one, not of the mapping it is in
        seen: set[str] = set()
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode):
                if k.value in seen:
                    raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{k.value}'", k.start_mark)
                seen.add(k.value)
    mapping: dict[str, Any] = {}
    keylines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word",
                                                    key_node.start_mark) from None
        text = _key_text(key, key_node)
        if text in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{text}'", key_node.start_mark)
        mapping[text] = loader.construct_object(value_node, deep=True)
        keylines[text] = key_node.start_mark.line + 1
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__keylines__"] = keylines
    return mapping


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # "2023-02-30" stays text


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class PlainLoader(LineLoader):
    """A transcript's front matter: a plain value is read as YAML 1.2 reads it, not as YAML 1.1.
    "duur: 1:30" stayed 90 (minutes read as base 60), "region_type: NO" (Noord-Oost) became
    false, "yes"/"off" true/false, "region: 010" the octal 8 and ".nan" a number JSON cannot
    hold. Only true/false are booleans and only decimals numbers; the rest is the text written."""


_YAML_1_1_ONLY = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
PlainLoader.yaml_implicit_resolvers = {first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML_1_1_ONLY]
                                       for first, resolvers in LineLoader.yaml_implicit_resolvers.items()}
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                                  list("-+0123456789"))
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:float",
                                  re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
                                  list("-+0123456789."))


def _check_events(text: str, name: str, error: type[StoQualError], line_offset: int) -> None:
    """One pass over the parser events: aliases, expanded size and depth, without building."""
    aliases = 0
    expanded = 0
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # [anchor, expanded size] of each open collection
    for ev in yaml.parse(text, Loader=_Parser):
        n = 0
        if isinstance(ev, yaml.AliasEvent):
            aliases += 1
            n = sizes.get(ev.anchor, 1)
            if aliases > limits.MAX_YAML_ALIASES:
                raise error(f"YAML uses more than {limits.MAX_YAML_ALIASES} aliases (possible 'billion laughs' "
                            "bomb)", file=name, line=_line(ev, line_offset),
                            hint="write the values out instead of using anchors")
        elif isinstance(ev, yaml.ScalarEvent):
            n = 1
            if ev.anchor:
                sizes[ev.anchor] = 1
        elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([ev.anchor, 1])
            if len(stack) > limits.MAX_YAML_DEPTH:
                raise error(f"YAML is nested more than {limits.MAX_YAML_DEPTH} levels deep", file=name,
                            line=_line(ev, line_offset))
            continue
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, n = stack.pop()
            if anchor:
                sizes[anchor] = n
            if stack:
                stack[-1][1] += n
            continue
        else:
            continue
        if stack:
            stack[-1][1] += n
        expanded += n
        if expanded > limits.MAX_YAML_NODES:
            raise error(f"YAML expands to more than {limits.MAX_YAML_NODES:,} values (possible 'billion laughs' "
                        "bomb)", file=name, line=_line(ev, line_offset),
                        hint="write the values out instead of using anchors")


_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s,\[{:])[&*][^\s,\]}]", re.MULTILINE)
_INDENT = re.compile(r"^( *)\S", re.MULTILINE)


def _needs_event_check(text: str) -> bool:
    """False when the text cannot hold an alias bomb or deep nesting: no anchor or alias
    syntax, fewer flow brackets and indentation columns than the depth limit. Large
    ordinary files (a codings file of 10,000 entries) then skip the extra parser pass."""
    if _ANCHOR_OR_ALIAS.search(text):
        return True
    if text.count("[") + text.count("{") >= limits.MAX_YAML_DEPTH // 2:
        return True
    deepest = max((len(m.group(1)) for m in _INDENT.finditer(text)), default=0)
    return deepest >= limits.MAX_YAML_DEPTH // 2


def _line(ev: yaml.Event, line_offset: int) -> int | None:
    mark = getattr(ev, "start_mark", None)
    return mark.line + 1 + line_offset if mark else None


def _check_cut_text(text: str, name: str, error: type[StoQualError], line_offset: int,
                    free_text: frozenset[str]) -> None:
    """Refuse a value of a free-text key (a memo, a definition) that a ' #' on its line cuts:
    YAML reads the rest as a comment, and "memo: zie notitie #3" stored "zie notitie" unsaid."""
    key = None
    after_key = False
    for tok in yaml.scan(text, Loader=_Parser):
        if isinstance(tok, yaml.KeyToken):
            after_key = True
            continue
        if not isinstance(tok, yaml.ScalarToken):
            continue
        if after_key:
            key, after_key = tok.value, False
            continue
        if key in free_text and tok.plain:
            rest = _line_of(text, tok.end_mark.line)[tok.end_mark.column:]
            if re.match(r"\s+#", rest):
                cut = rest.strip().rstrip("]}").strip()
                shown = f"{cut[:30]}…" if len(cut) > 30 else cut
                head = tok.value if len(tok.value) <= 30 else f"{tok.value[:12]}…{tok.value[-12:]}"
                what = "an example" if key == "examples" else f"the {key}"  # ("the examples stops")
                # quoted as YAML reads it back: a value with quotes or a backslash in it stays one
                raise error(f"{what} stops before '{shown}': YAML reads ' #' as the start of a comment",
                            file=name, line=tok.end_mark.line + 1 + line_offset,
                            hint=f"put the whole value in quotes: {json.dumps(f'{head} {shown}', ensure_ascii=False)}")


def _check_comment_for_value(text: str, name: str, error: type[StoQualError], line_offset: int,
                             keys: frozenset[str]) -> None:
    """Refuse a key of ``keys`` whose value begins with '#': YAML reads "memo: #3 en verder" and
    "colour: #00ff00" as a key without a value and a comment, so the memo was empty and a
    codebook's definition was emptied by "definition: #3 en meer"."""
    pattern = re.compile(r"^[ \t]*(?:-[ \t]+)?(" + "|".join(map(re.escape, sorted(keys))) + r")[ \t]*:[ \t]+(#.*)$",
                         re.MULTILINE)
    m = pattern.search(text)
    if m:
        key, value = m.group(1), m.group(2).rstrip()
        raise error(f"the {key} is empty: YAML reads '{value[:30]}' after the colon as a comment",
                    file=name, line=text.count("\n", 0, m.start()) + 1 + line_offset,
                    hint=f"put the value in quotes: {key}: {json.dumps(value[:30], ensure_ascii=False)}")


def load(text: str, name: str, error: type[StoQualError] = StoQualError, *,
         line_offset: int = 0, plain: bool = False, free_text: frozenset[str] = frozenset(),
         valued: frozenset[str] = frozenset()) -> Any:
    """Parse YAML safely; every failure is ``error`` with file and line (one line of text).
    ``plain``: plain values as YAML 1.2 reads them (``PlainLoader``: front matter).
    ``free_text``: keys whose plain value a comment must not cut (``_check_cut_text``);
    ``valued``: keys whose value must not be taken for a comment (``_check_comment_for_value``)."""
    if len(text.encode("utf-8", "replace")) > limits.MAX_YAML_BYTES:
        raise error(f"YAML is larger than the {limits.MAX_YAML_BYTES // (1024 * 1024)} MB limit", file=name)
    try:
        if _needs_event_check(text):
            _check_events(text, name, error, line_offset)
        if free_text and (" #" in text or "\t#" in text):
            _check_cut_text(text, name, error, line_offset, free_text)
        if valued and ("#" in text):
            _check_comment_for_value(text, name, error, line_offset, valued)
        return yaml.load(text, Loader=PlainLoader if plain else LineLoader)  # noqa: S506 - both are SafeLoaders
    except yaml.YAMLError as exc:
        raise _located(exc, name, error, line_offset, text) from None
    except RecursionError:
        raise error("YAML is nested too deeply", file=name) from None


def _located(exc: yaml.YAMLError, name: str, error: type[StoQualError], line_offset: int,
             text: str = "") -> StoQualError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 + line_offset if mark else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    colonless = _colonless_key_line(exc, text)
    if colonless is not None:  # the parser stops at the line after the key that lacks its ':'
        return error("invalid YAML: could not find expected ':'", file=name, line=colonless + 1 + line_offset,
                     hint="write the key with a colon: 'key: value'")
    if "nesting depth" in str(problem):  # libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops deep nesting itself
        return error(f"YAML is nested more than {limits.MAX_YAML_DEPTH} levels deep", file=name, line=line)
    problem = " ".join(str(problem).split())  # one line, whatever the parser said
    if problem.startswith("control character"):
        return error(f"{problem} in a value", file=name, line=line, hint="remove the escape from the file")
    # YAML forbids tabs for indentation, and the parser's words ("found character that cannot
    # start any token") do not say the character is one
    hint = "a tab: indent with spaces" if mark is not None and _char_at(text, mark.line, mark.column) == "\t" else None
    # the parser's words say what it met, not what to do: the mistakes people make, said (a
    # Dutch title or definition with a colon in it was the first a new user hit)
    start = getattr(exc, "context_mark", None)
    if "quoted scalar" in str(getattr(exc, "context", "") or "") and start is not None:  # unclosed: where it opens
        line = start.line + 1 + line_offset
        hint = hint or "a quote opened here is not closed: end the value with the same quote"
    hint = hint or next((h for words, h in _HINTS if words in problem), None)
    at = _line_of(text, mark.line) if mark is not None else ""
    # "  memo: Risico: subsidie stopt": a value with ": " in it, not a key indented too far (that
    # hint sent a user looking at the indentation of a line whose indentation was right)
    if "mapping values" in problem and re.match(r"\s+[\w-]+:\s", at) and not re.match(r"\s*(- )?[\w-]+:\s.*:\s", at):
        hint = "a key indented under the value before it: start it in the same column as the key above"
    return error(f"invalid YAML: {problem}", file=name, line=line, hint=hint)


def _line_of(text: str, n: int) -> str:
    lines = text.split("\n")
    return lines[n] if 0 <= n < len(lines) else ""


_HINTS = (("but found another document", "a file holds one YAML document: remove the '---' line, or give each "
                                         "document its own file"),
          ("mapping values are not allowed", 'a value with ": " in it needs quotes around it, e.g. title: "Regio Noord: '
           'tweede gesprek"'),
          ("did not find expected key", "check the indentation: the keys of one level start in the same column"),
          ("did not find expected '-'", "check the indentation: a list's items, and the keys in each, start in the "
           "same column"),
          ("cannot start any token", 'put the value in quotes ("…")'))


def _colonless_key_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The 0-based line of a key written without its ':' (`region_type krimp`), when that is
    what stopped the parser, else None. The parser reports the line after it: libyaml's
    "could not find expected ':'" at the next key, with the key itself as the context mark;
    "mapping values are not allowed" at the ':' of the next line, when the lines before it
    without a colon (at its indentation) were read as the start of one long key."""
    problem = str(getattr(exc, "problem", "") or "")
    context, cmark, pmark = getattr(exc, "context", None), getattr(exc, "context_mark", None), \
        getattr(exc, "problem_mark", None)
    if context == "while scanning a simple key" and "expected ':'" in problem and cmark is not None:
        return cmark.line
    if not problem.startswith("mapping values are not allowed") or pmark is None:
        return None
    lines = text.split("\n")
    if not 0 <= pmark.line < len(lines):
        return None
    indent = len(lines[pmark.line]) - len(lines[pmark.line].lstrip(" "))
    first = None
    for i in range(pmark.line - 1, -1, -1):
        before = lines[i]
        if not before.strip():
            continue
        if ":" in before or before.lstrip().startswith(("#", "-")) or len(before) - len(before.lstrip(" ")) != indent:
            break
        first = i
    return first


def _char_at(text: str, line: int, column: int) -> str:
    row = _line_of(text, line)
    return row[column] if 0 <= column < len(row) else ""


def strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k not in ("__line__", "__keylines__")}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
    return obj

