"""Plain text and Markdown transcripts, with optional YAML front matter."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.identifying import participant_names
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import safe_yaml
from sto_qual.importers.decode import decode, read_bytes, refuse_bidi
from sto_qual.importers.speakers import SECTION, split_header, split_turns
from sto_qual.importers.turn_shapes import run_on_turns
from sto_qual.importers.word_layouts import names_above

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_OPENED = re.compile(r"\A---[ \t]*\r?\n[A-Za-z_][\w-]*[ \t]*:")  # front matter's first key


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    text = text.lstrip("\ufeff")
    m = _FRONT.match(text)
    if not m:
        if _OPENED.match(text):  # '---' then 'region: R21' but no closing '---': not transcript text
            raise ImportRefused("the front matter opened on line 1 is never closed", file=name, line=1,
                                hint="end it with a line holding only '---' before the transcript starts")
        return {}, text
    data = safe_yaml.load(m.group(1), name, ImportRefused, line_offset=1, plain=True)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ImportRefused("front matter must be a YAML mapping (key: value lines)", file=name, line=2)
    attrs = {}
    for k, v in safe_yaml.strip_lines(data).items():
        if isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v)):
            _refuse_nested(str(k), data[k], data["__keylines__"].get(k), name)
        attrs[str(k)] = v
    return attrs, text[m.end():]


def _refuse_nested(key: str, value: Any, line: int | None, name: str) -> None:
    """A front-matter value of mappings ("deelnemers:" above "- naam: Ans" and "rol: penvoerder") is no
    attribute: it was stored as Python's "{'naam': 'Ans', …}", and a warning proposed a broken command.
    Refused at the line of the first mapping, with the one-line form a header's participants take."""
    items = value if isinstance(value, list) else [value]
    first = next(x for x in items if isinstance(x, (dict, list)))
    shown = [[str(v) for k, v in x.items() if not str(k).startswith("__")] if isinstance(x, dict) else
             [str(v) for v in x] if isinstance(x, list) else [str(x)] for x in items]
    said = ", ".join(f"{v[0]} ({', '.join(v[1:])})" if len(v) > 1 else "".join(v) for v in shown if v)
    at = first.get("__line__", line) if isinstance(first, dict) else line  # (in the front matter, below '---')
    raise ImportRefused(f"front matter key '{key}' holds a nested list or mapping, not a simple value",
                        file=name, line=at + 1 if at else None,
                        hint=f"write it on one line: '{key}: {said}' (people with their role in brackets, as a "
                             "header's participants are), or as a list of plain values, one '- …' a line")


# a Markdown line opening with a bold label, its colon inside the bold or after it: "**Ans:** Ja",
# "**Ans**: Ja", "__Ans:__ Ja" (they were read as text, the transcript as one speakerless turn)
_BOLD_LABEL = re.compile(r"(?m)^([ \t]*)(?:\*\*|__)([^*_\n:]{1,60}?)(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]*")


# Markdown's emphasis and headings are markup, not words: "*Dit is een fictief interview*" kept its
# asterisks in quotes and exports. A word's own underscore or asterisk stays ("snake_case", "5 * 3")
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_\n]+?)"
                       r"(?<=[^\s_])_(?![\w_])")
# a heading ("## Afsluiting") opens a turn without a speaker, as a Word transcript's heading does
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(\S[^\n]*?)[ \t]*#*[ \t]*$")


def _markdown_text(body: str) -> str:
    body = _BOLD_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2)}: ", body)  # "**Interviewer:** …" is a label
    body = _HEADING.sub(lambda m: SECTION + m.group(1), body)
    body = _STRONG.sub(lambda m: m.group(2), body)
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), body)


def parse(path: Path) -> ParsedDocument:
    name = str(path)
    raw = refuse_bidi(decode(read_bytes(path), name), name)
    attrs, body = split_front_matter(raw, name)
    if path.suffix.lower() in (".md", ".markdown"):
        body = _markdown_text(body)
    # "Datum: 14 maart 2024" above the first turn: the document's attributes, as front matter's
    header, rest = split_header(body)
    text, turns, warnings = split_turns(rest if header else body, participant_names({**header, **attrs}))
    if not any(t.speaker for t in turns) and (laid_out := names_above(rest if header else body)) is not None:
        text, turns, warnings = split_turns(laid_out)  # each name alone on the line above its turn
    if header and any(t.speaker for t in turns):
        attrs = {**header, **attrs}
    elif header:  # no transcript after it: the lines stay text
        text, turns, warnings = split_turns(body)
    if not text.strip():
        raise ImportRefused("no transcript text (only front matter?)", file=name)
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return ParsedDocument(name=path.stem, source_file=path.name, format=fmt, text=text, turns=turns,
                          attributes=attrs, warnings=(*warnings, *run_on_turns(text, turns, raw)))
