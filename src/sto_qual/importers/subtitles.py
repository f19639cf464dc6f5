"""WebVTT (.vtt) and SubRip (.srt) as Teams, Zoom and transcription services export them.

A cue without a voice tag or "Naam:" prefix continues the previous speaker.
Consecutive cues of one speaker merge into one turn; the turn keeps the first
cue's start time and the last cue's end time; no timestamp enters the text. A long
monologue is broken into paragraphs of about ``PARAGRAPH_CHARS`` at a sentence end,
so that no line of the text grows without bound.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers.decode import decode, read_bytes, refuse_bidi, refuse_controls
from sto_qual.importers.speakers import assemble, clock, cue_speaker

_TS = r"(?:\d{1,3}:)?[0-5]?\d:[0-5]\d[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*(?P<a>{_TS})\s*-->\s*(?P<b>{_TS})(?:\s+.*)?$")
_TIMING_LOOSE = re.compile(r"-->")
# a cue's number (SRT) or id (WebVTT, Teams: "b3fb08f3-…/2-0"): one word with a digit in it ("Ja." is text)
_CUE_ID = re.compile(r"[\w/.-]*\d[\w/.-]*")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
# a tag, and a cue's inline timestamp ("<00:01.500>gaat het", karaoke-style timing): not text
# where a cue's next speaker begins: another voice tag, or a dialogue line "- Naam: …" / "Naam: …"
_NEXT_VOICE = re.compile(r"(?=<v[\s.])")



def _speakers_in_cue(text: str) -> list[str]:
    """A cue's parts, one per speaker: split before each voice tag after the first
    ("<v Ans>Dank je.</v> <v Kees>Graag gedaan.</v>"), or before each line that opens with a
    label or a dialogue dash ("- Kees: Ja." / "- Ans: Nee."; "Ans: Goed." / "Kees: Mee eens.").
    All went to the cue's first speaker."""
    voices = [p for p in _NEXT_VOICE.split(text) if p.strip()]
    if len(voices) > 1:
        return voices
    lines = text.split("\n")
    if len(lines) > 1 and sum(1 for line in lines if _DIALOGUE_LINE.match(line)) >= 2:
        parts: list[str] = []
        for line in lines:
            if _DIALOGUE_LINE.match(line) or not parts:
                parts.append(line.lstrip("-").strip())
            else:
                parts[-1] += "\n" + line
        return parts
    return [text]


_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<(?:\d{1,2}:)?\d{2}:\d{2}\.\d{3}>")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
PARAGRAPH_CHARS = 3000
_PREFIX = re.compile(r"^(?P<label>(?:[A-ZÀ-Þ][\w.'’\-]*)(?: [\w.'’\-()]+){0,4}):\s+")
# a line that opens with a cue's label, after a dialogue dash or not ("- Kees: Ja.")
_DIALOGUE_LINE = re.compile(r"^-?[ \t]*(?=" + _PREFIX.pattern.removeprefix("^") + ")", re.MULTILINE)


def _seconds(ts: str) -> float:
    parts = ts.replace(",", ".").split(":")
    return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))


def _join(texts: list[str]) -> str:
    """Cue texts joined with spaces; a line break at a sentence end after PARAGRAPH_CHARS."""
    out = ""
    para = 0
    for t in texts:
        if out:
            if para >= PARAGRAPH_CHARS and _SENTENCE_END.search(out):
                out += "\n"
                para = 0
            else:
                out += " "
        out += t
        para += len(t) + 1
    return out


def _outside_cue(lines: list[str], i: int, is_vtt: bool, name: str) -> int:
    """The line after line ``i``, which is outside a cue: a blank line, a cue's number or name
    (the line before its timing), the WebVTT header or a NOTE, STYLE or REGION block. Any other
    text there is a cue whose timing line is missing or mistyped ("00:00:10,000 -> 00:00:12,000"):
    refused, where it was left out without a word."""
    line = lines[i].strip()
    if not line or (i + 1 < len(lines) and "-->" in lines[i + 1]):
        return i + 1
    if is_vtt and (i == 0 or line.split(" ", 1)[0] in ("NOTE", "STYLE", "REGION")
                   or all(x.strip() for x in lines[:i + 1])):  # the header runs to the first blank line
        while i < len(lines) and lines[i].strip():  # the block, to its blank line
            i += 1
        return i
    if line.isdigit():  # a cue's number: alone, nothing of the text is lost; the line after it is the timing's
        if i + 1 >= len(lines) or not lines[i + 1].strip():
            return i + 1
        i, line = i + 1, lines[i + 1].strip()
    raise ImportRefused(f"text outside a cue: '{line[:40]}' (its timing line is missing or mistyped)", file=name,
                        line=i + 1, hint=f"timestamps look like 00:01:02{'.' if is_vtt else ','}500 --> "
                                         f"00:01:05{'.' if is_vtt else ','}000")


def _in_time_order(cues: list[tuple[str | None, str, str, str]]) -> list[str]:
    """Put cues in the order of their start times, as a player shows them (an edited subtitle file
    can hold a cue after a later one: its words were read out of place, in the turn before); each
    keeps the speaker it had where the file wrote it. Returns the warning that says so, or none."""
    late = [(cues[i - 1][1], c[1]) for i, c in enumerate(cues) if i and c[1] and cues[i - 1][1] and c[1] < cues[i - 1][1]]
    if not late:
        return []
    cues.sort(key=lambda c: c[1] or "")  # stable: cues of one start keep the file's order
    before, first = late[0]
    return [f"{len(late)} cue(s) out of time order (the first starts at {first}, after one at {before}); "
            "the cues were put in time order"]


def parse(path: Path) -> ParsedDocument:
    name = str(path)
    raw = refuse_bidi(decode(read_bytes(path), name), name).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    is_vtt = path.suffix.lower() == ".vtt"
    lines = raw.split("\n")
    if is_vtt and not lines[0].strip().startswith("WEBVTT"):
        raise ImportRefused("not a WebVTT file (first line must be WEBVTT)", file=name, line=1)
    cues: list[tuple[str | None, str, str, str]] = []  # speaker, t0, t1, text
    raw_cues: list[tuple] = []  # voice speaker, ("Naam", text after it) or None, t0, t1, text
    i, n = 0, len(lines)
    last_speaker: str | None = None
    while i < n:
        line = lines[i]
        if "-->" in line:
            m = _TIMING.match(line)
            if not m:
                raise ImportRefused(f"broken cue timing '{line.strip()[:40]}'", file=name, line=i + 1,
                                    hint="timestamps look like 00:01:02.500 --> 00:01:05.000")
            t0, t1 = m.group("a"), m.group("b")
            if _seconds(t1) < _seconds(t0):
                raise ImportRefused(f"cue ends before it starts '{line.strip()[:40]}'", file=name, line=i + 1,
                                    hint="timestamps look like 00:01:02.500 --> 00:01:05.000")
            i += 1
            cue_line = i + 1
            body: list[str] = []
            while i < n and lines[i].strip():
                # the next cue without the blank line before it: its timing, or its number (or id)
                # on the line before that timing, ends this cue (it became this cue's text, "Hoe 2
                # 00:00:05,000 --> 00:00:08,000 Anna: Goed", one turn of the interviewer)
                if "-->" in lines[i] or (i + 1 < n and "-->" in lines[i + 1] and _CUE_ID.fullmatch(lines[i].strip())):
                    break
                body.append(lines[i])
                i += 1
            for part in _speakers_in_cue("\n".join(body)):  # a cue of two speakers is two parts, each its own
                speaker = None
                vm = _VOICE.search(part)
                if vm:
                    speaker = refuse_controls(html.unescape(vm.group(1)), name, cue_line).strip() or None
                text = refuse_controls(html.unescape(_TAG.sub("", part)), name, cue_line).strip()
                prefixed = None  # "Naam: …" without a voice tag: a speaker only as ``cue_speaker`` decides
                if not speaker:
                    pm = _PREFIX.match(text)
                    if pm:
                        prefixed = (pm.group("label"), " ".join(x.strip() for x in text[pm.end():].split("\n")
                                                                if x.strip()))
                text = " ".join(x.strip() for x in text.split("\n") if x.strip())
                if text:
                    raw_cues.append((speaker, prefixed, clock(t0), clock(t1), text))
            continue
        i = _outside_cue(lines, i, is_vtt, name)
    # a "Naam:" prefix is a speaker as a transcript's label is one: a usual label, one that opens two
    # cues, or a short name; "Het punt is: zekerheid." and "Kortom: we wachten af." stay text (they
    # became speakers, and their words before the colon were lost)
    prefixes: dict[str, int] = {}
    for _v, pre, *_rest in raw_cues:
        if pre:
            prefixes[pre[0]] = prefixes.get(pre[0], 0) + 1
    for voice, pre, t0, t1, text in raw_cues:
        speaker = voice
        if pre and cue_speaker(pre[0], prefixes):
            speaker, text = pre[0], pre[1]
        if speaker:
            last_speaker = speaker
        else:
            speaker = last_speaker  # services label a cue only when the speaker changes
        if text:
            cues.append((speaker, t0, t1, text))
    if not cues:
        raise ImportRefused("no cues with text found", file=name)
    order_note = _in_time_order(cues)
    merged: list[list] = []  # [speaker, t0, t1, [texts]]
    for speaker, t0, t1, text in cues:
        if merged and merged[-1][0] == speaker:
            merged[-1][2] = t1
            merged[-1][3].append(text)
        else:
            merged.append([speaker, t0, t1, [text]])
    text, turns, warnings = assemble([(s, a, b, _join(t)) for s, a, b, t in merged], order_note)
    if not any(t.speaker for t in turns):
        warnings = ("no speaker labels recognised; cues merged into one turn", *order_note)
        text, turns, _ = assemble([(None, merged[0][1], merged[-1][2], _join([c[3] for c in cues]))])
    return ParsedDocument(name=path.stem, source_file=path.name, format="vtt" if is_vtt else "srt",
                          text=text, turns=turns, attributes={}, warnings=tuple(warnings))
