"""The bulk of a project: its <TextSource> elements written straight as indented XML text,
and the typed values of document attributes (Variables, Cases)."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from lxml import etree as ET

from sto_qual.domain.model import Coding
from sto_qual.report.refi_xml import US, guid_of, sub_element, xml_attr


def variable_type(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "Boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if all(isinstance(v, float) and v == v and abs(v) != float("inf") for v in values):
        return "Float"
    return "Text"


def value_element(parent: ET._Element, var_guid: str, kind: str, value: Any) -> None:
    vv = sub_element(parent, "VariableValue")
    sub_element(vv, "VariableRef", {"targetGUID": var_guid})
    if kind == "Boolean":
        sub_element(vv, "BooleanValue", text="true" if value else "false")
    elif kind == "Integer":
        sub_element(vv, "IntegerValue", text=str(value))
    elif kind == "Float":  # xsd:decimal: no exponent
        sub_element(vv, "FloatValue", text=format(Decimal(repr(value)), "f"))
    else:
        sub_element(vv, "TextValue", text=str(value))


def turn_label(speaker: str | None, time_start: str | None) -> str:
    """How a turn opens in a plain-text source: "[00:12:34] Ans: " (or "Ans: "), the convention
    sto_qual's import and a reader of the transcript in another tool take for who speaks; a turn
    without a speaker opens with nothing."""
    if not speaker:
        return ""
    return (f"[{time_start}] " if time_start else "") + f"{speaker}: "


class LabelledSource:
    """A stored transcript with each turn's speaker label written before it: the text a REFI-QDA
    source holds (REFI-QDA has no turns), and the move of a stored position into it."""

    def __init__(self, text: str, turns: Sequence[tuple[int, str | None, str | None]]) -> None:
        pieces: list[str] = []
        self.points: list[int] = []   # stored positions where a label goes in, ascending
        self.before: list[int] = [0]  # characters inserted before the i-th point
        pos = 0
        for start, speaker, time_start in sorted(turns, key=lambda t: t[0]):
            label = turn_label(speaker, time_start)
            if not label or not 0 <= start <= len(text):
                continue
            pieces += [text[pos:start], label]
            pos = start
            self.points.append(start)
            self.before.append(self.before[-1] + len(label))
        pieces.append(text[pos:])
        self.text = "".join(pieces)

    def move(self, start: int, end: int) -> tuple[int, int]:
        """A stored span in the labelled text: a span that starts where a turn does starts after
        its label; one that ends there ends before the next label."""
        points, before = self.points, self.before
        return (start + before[bisect.bisect_right(points, start)],
                end + before[bisect.bisect_left(points, end)])


def sources_part(shared: dict[str, Any], lo: int, hi: int) -> str:
    """The <TextSource> elements of documents lo..hi as indented XML text (the bulk of a
    large export: 150,000 elements built one call at a time would take seconds)."""
    doc_guid, by_doc, note_refs = shared["doc_guid"], shared["by_doc"], shared["note_refs"]
    user_guid, coding_guid, code_guid = shared["user_guid"], shared["coding_guid"], shared["code_guid"]
    parts: list[str] = []
    for d in shared["documents"][lo:hi]:
        g = doc_guid[d.name]
        head = f'\n    <TextSource guid="{g}" name="{xml_attr(d.name)}" plainTextPath="internal://{g}.txt"'
        spans: dict[tuple[int, int], list[Coding]] = {}
        for c in by_doc.get(d.name, []):
            spans.setdefault((c.start, c.end), []).append(c)
        doc_notes = note_refs.get(("document", d.name), [])
        if not spans and not doc_notes:
            parts.append(head + "/>")
            continue
        parts.append(head + ">")
        line, line_pos = 0, 0
        for (start, end), group in sorted(spans.items()):
            first = group[0] if len(group) == 1 else min(group, key=lambda c: (c.created_at or "", c.id))
            line += d.text.count("\n", line_pos, start)
            line_pos = start
            created = f' creationDateTime="{xml_attr(first.created_at)}"' if first.created_at else ""
            parts.append(f'\n      <PlainTextSelection guid="{guid_of(f"selection{US}{g}{US}{start}{US}{end}")}" '
                         f'name="line:{line}" startPosition="{start}" endPosition="{end}" '
                         f'creatingUser="{user_guid[first.coder]}"{created}>')
            for c in group:
                created = f' creationDateTime="{xml_attr(c.created_at)}"' if c.created_at else ""
                parts.append(f'\n        <Coding guid="{coding_guid[c.id]}" creatingUser="{user_guid[c.coder]}"'
                             f'{created}>\n          <CodeRef targetGUID="{code_guid[c.code]}"/>')
                parts += [f'\n          <NoteRef targetGUID="{ng}"/>' for ng in note_refs.get(("coding", c.id), ())]
                parts.append("\n        </Coding>")
            parts.append("\n      </PlainTextSelection>")
        parts += [f'\n      <NoteRef targetGUID="{ng}"/>' for ng in doc_notes]
        parts.append("\n    </TextSource>")
    return "".join(parts)
