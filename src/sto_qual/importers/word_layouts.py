"""How a Word transcript lays out who speaks, read from its blocks (``docx_source`` reads the
blocks: paragraphs and table rows in order, marked as headings, header rows or all-bold): a name
alone in bold above the turn, a heading inside the conversation, a transcript laid out as a table.
The result is text that ``speakers.split_turns`` reads as any transcript's."""
from __future__ import annotations

import re
from collections import Counter

from sto_qual.importers.speakers import SECTION, name_alone, typical_label

HEADING = "\0heading:"  # a block ``docx_source`` marks as a paragraph in a Title or Heading style
ROW = "\0row:"  # a table row of two cells, before any other text
BOLD = "\0bold:"  # a paragraph all in bold (``speaker_blocks`` reads a name so as a speaker)
# the words a transcript table's head row names its columns with
_COLUMN_HEADS = {"spreker", "sprekers", "naam", "wie", "persoon", "deelnemer", "speaker", "name", "tijd", "tijdstip",
                 "tijdcode", "time", "timestamp", "start", "tekst", "text", "wat", "uitspraak", "inhoud", "gezegd",
                 "transcript", "transcriptie", "citaat"}
_CELL_TIME = re.compile(r"\[?(\d{1,2}:\d{2}(?::\d{2})?)\]?")


def speaker_blocks(blocks: list[str]) -> list[str]:
    """A speaker's name alone in bold above her words ("**Kees Jansen**", then the turn) as one
    "Kees Jansen: …" paragraph. Only a name that opens two turns or more, or a usual label
    ("Interviewer"); a few other words alone in bold ("**Afsluiting**") are a heading: a turn
    without a speaker (``SECTION``)."""
    names = [name_alone(b[len(BOLD):]) if b.startswith(BOLD) else None for b in blocks]
    seen = Counter(n for n in names if n)
    # once two names lay the turns out so, one who speaks once is a speaker too (Ruud's one answer kept
    # his name in the text of a turn without a speaker), as in a text file (``names_above``)
    laid_out = _laid_out(seen)
    out: list[str] = []
    i = 0
    while i < len(blocks):
        b, n = blocks[i], names[i]
        nxt = i + 1 < len(blocks) and blocks[i + 1].strip() and not blocks[i + 1].startswith((BOLD, HEADING, ROW))
        if n and nxt and (seen[n] >= 2 or typical_label(n) or laid_out):
            out.append(f"{n}: {blocks[i + 1]}")
            i += 2
            continue
        text = b.removeprefix(BOLD)
        out.append(SECTION + text if b.startswith(BOLD) and _heading_like(text) else text)
        i += 1
    return out


def _heading_like(text: str) -> bool:
    """A bold paragraph that reads as a heading ("Afsluiting", "Deel 2 financiering"): a few words,
    no sentence's end (a sentence set in bold for emphasis stays the speaker's)."""
    t = text.strip().removesuffix(":").strip()  # "Afsluiting:" is one too
    return 0 < len(t.split()) <= 8 and t[-1] not in ".!?…,;:"


def _head_row(cells: list[str]) -> bool:
    """Whether a table's first row names its columns: "Spreker | Tekst", "Naam | Wat er gezegd werd",
    "Tijd | Spreker | Tekst" (the first cell a column's name, each cell a few words)."""
    def head(c: str) -> bool:
        return c.strip().rstrip(":").lower() in _COLUMN_HEADS
    return head(cells[0]) and (len(cells) == 2 or head(cells[1])) and all(len(c.split()) <= 5 for c in cells)


def table_turns(rows: list[list[str]]) -> list[str] | None:
    """A table laid out as a transcript — the speaker in the first column and her words in the
    second, or a time, the speaker and her words — as "Naam: …" ("[00:01:02] Naam: …")
    paragraphs; None for another table (a header's "Regio | R16" rows name no speaker twice)."""
    def split(cells: list[str]) -> tuple[str | None, str | None, str] | None:
        if len(cells) == 2 and (name := name_alone(cells[0])):
            return None, name, cells[1]
        if len(cells) == 3:
            first_time = _CELL_TIME.fullmatch(cells[0])
            if first_time and (name := name_alone(cells[1])):
                return first_time.group(1), name, cells[2]
            second_time = _CELL_TIME.fullmatch(cells[1])
            if second_time and (name := name_alone(cells[0])):
                return second_time.group(1), name, cells[2]
        return None
    if rows and len(rows[0]) in (2, 3) and _head_row(rows[0]):
        rows = rows[1:]  # "Spreker | Tekst" above the turns: the table's head, not a turn
    parsed = [split(r) for r in rows]
    names = Counter(p[1] for p in parsed if p)
    if sum(names.values()) < 2 or not any(n >= 2 or typical_label(name) for name, n in names.items()):
        return None
    if sum(p is not None for p in parsed) < len([r for r in rows if r]) / 2:
        return None  # a table with a few names in it, not a transcript laid out in one
    out = []
    for cells, p in zip(rows, parsed):
        if p is None:
            out.append(" | ".join(cells))
        else:
            time, name, said = p
            out.append((f"[{time}] " if time else "") + f"{name}: {said}")
    return out


_PARAGRAPHS = re.compile(r"(\n[ \t]*\n+)")


def names_above(text: str) -> str | None:
    """A plain-text transcript that puts each speaker's name alone on the line above her words
    ("Bert", then "Positief, maar …"), as Word transcripts do in bold, with each such paragraph as
    "Bert: Positief, maar …"; None when it does not lay out its turns so (two names or more that
    each open two turns, or a usual label). It came in as one turn, the names as sentences. Once
    the layout is plain, a name that opens one turn only is a speaker too (Linda's one answer went
    into Bert's turn before it)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # (saved in Notepad: CRLF read as one turn)
    parts = _PARAGRAPHS.split(text)  # paragraphs at the even places, their blank lines between
    # (a label is a name of up to three words: "Kees van den Berg" became "Kees van den Berg: Ja, …" inside
    # the turn before it, a colon the file did not have)
    lines = [p.lstrip().split("\n", 1) if i % 2 == 0 else [p] for i, p in enumerate(parts)]
    heads = [name_alone(ln[0]) if len(ln) == 2 and ln[1].strip() else None for ln in lines]
    heads = [n if n and len(n.split()) <= 3 else None for n in heads]
    if not _laid_out(Counter(n for n in heads if n)):
        return None
    return "".join(f"{n}: {ln[1]}" if n else p for p, n, ln in zip(parts, heads, lines))


def _laid_out(seen: Counter) -> bool:
    """Names alone above their words lay out the turns: two or more that each open two turns, or are
    a usual label ("Interviewer")."""
    return len([n for n in seen if seen[n] >= 2 or typical_label(n)]) >= 2
