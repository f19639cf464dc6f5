"""Speaker turns from transcript conventions.

Recognised at the start of a paragraph (line), after a list item's dash too ("- Naam: ..."):
  "Interviewer: ..."  "I: ..."  "R1: ..."  "Naam: ..."  "Resp 2 - Naam: ..."  "[00:12:34] Naam: ..." (after a time
  in brackets also "[00:12:34] naam: ...")
  "Naam (00:12:34): ..."  and "Naam 00:12" alone on a line with the text below.
Times are kept on the turn as HH:MM:SS ("00:12" is minutes:seconds, as transcription
services write it, so "00:00:12"), the same form the subtitle importer gives.
A "Naam:" label that is not a typical interviewer/respondent label must occur at
least twice, so an ordinary sentence with a colon is not taken for a speaker.
Labels and timestamps are removed from the text; the turn keeps them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sto_qual.domain.model import TurnSpec
from sto_qual.domain.names import HEADER_KEYS, header_key, natural_order
from sto_qual.domain.filters import stored_value
from sto_qual.domain.text import normalise

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_WORD = r"[A-ZÀ-Þ][\w.'’\-]*"
# the small words inside a name ("Jan de Vries", "Ans van den Berg")
_PARTICLE_WORDS = ("van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "op", "du", "la", "le",
                   "el", "al", "von", "da", "di", "dos", "del")  # "Fatima el Amrani", "Nadia al Haddad"
_PARTICLE = rf"(?:{'|'.join(_PARTICLE_WORDS)})"
# two people who speak at once are one label: "Ans & Piet:", "Ans / Piet:"
# "Resp 2 - Fatma:" numbers a respondent and names her
_LABEL = rf"(?:{_WORD}(?:[ ](?:{_WORD}|{_PARTICLE}|\d+|&|/|[-–])){{0,4}}(?:[ ]\([^()\n]{{1,40}}\))?)"
# after a timestamp in brackets a label may start in lower case: "[00:00:10] ans:" is a speaker
# (a subtitle file's voice as written, and how a .qdpx export writes a timed turn)
_TIMED_LABEL = rf"(?:[^\W\d_][\w.'’\-]*(?:[ ](?:{_WORD}|{_PARTICLE}|\d+|&|/)){{0,4}}(?:[ ]\([^()\n]{{1,40}}\))?)"
# a name written surname first, as Microsoft Teams writes a speaker above her words ("Jansen, Kees
# 0:03", "de Vries, Ans (Gast) 1:02:10"): only on a line of its own with a time, where it cannot be
# the start of a sentence
_SURNAME_FIRST = (rf"(?:(?:{_PARTICLE}[ ])*{_WORD}(?:[ ](?:{_WORD}|{_PARTICLE})){{0,2}},[ ]{_WORD}"
                  rf"(?:[ ](?:{_WORD}|{_PARTICLE})){{0,2}}(?:[ ]\([^()\n]{{1,40}}\))?)")
_PATTERNS = [
    ("bracket_time", re.compile(rf"^\[(?P<time>{_TIME})\][ \t]*(?P<label>{_TIMED_LABEL})[ \t]*:[ \t]*")),
    ("label_time", re.compile(rf"^(?P<label>{_LABEL})[ \t]*\((?P<time>{_TIME})\)[ \t]*:[ \t]*")),
    # a speaker above her words with a time after it, in brackets or not ("Ingrid Peeters [00:00:12]")
    ("time_line", re.compile(rf"^(?P<label>{_LABEL}|{_SURNAME_FIRST})[ \t]+\[?(?P<time>{_TIME})\]?[ \t]*$")),
    # a time before a speaker above her words ("[00:00:03] Interviewer"), and a time without brackets before a
    # label ("00:00:02 Interviewer: …", as some services write it): labels as a plain one is (``accepted``), as a
    # short answer may stand so too ("[00:01:05] Goed")
    ("time_name", re.compile(rf"^\[(?P<time>{_TIME})\][ \t]*(?P<label>{_LABEL}|{_SURNAME_FIRST})(?<![.!?,;])[ \t]*$")),
    ("label", re.compile(rf"^(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}})[ \t]+(?P<label>{_LABEL})[ \t]*:[ \t]*")),
    # "[Kees Jansen] 10:03:12" (Zoom's saved transcript), the words after it or on the lines below
    ("bracket_name", re.compile(rf"^\[(?P<label>{_LABEL}|{_SURNAME_FIRST})\][ \t]+(?P<time>{_TIME})(?:[ \t]+|[ \t]*$)")),
    ("label", re.compile(rf"^(?P<label>{_LABEL})[ \t]*:[ \t]*")),
]
# a label in another case than the speaker's usual one ("ANS:" or "ans:" for "Ans:"): a label
# only when it is a speaker's (below), whatever its case
_ANY_CASE_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w.'’\-]*(?:[ ][\w.'’\-]+){0,3})[ \t]*:[ \t]*")
# what reads like a speaker's label at a paragraph's start though no pattern above takes it
# ("Dr. A. de Vries-Jansen:", "👩‍🏫 Fatima:", "محمد:"): said in a warning, never read as one
_LOOSE_LABEL = re.compile(r"^(?P<label>[^\s:\d][^:\n.!?]{0,38}(?:\.[^:\n.!?]{1,38}){0,4}):[ \t]+\S")
# a name and a dash at a paragraph's start ("MARLOES - Ik denk …", "Piet – Ja."): no label format
# (a sentence may open so too: "Dat - zeg maar - is …"), so said in a warning when the name is in
# capitals or is a speaker's, never read as one; its words stayed in the turn before unsaid
_DASH_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w.'’]*(?:[ ][\w.'’]+){0,2})[ \t]+[-–—][ \t]+\S")
_TYPICAL = re.compile(r"^(?:I|Int\.?|R\d*|Interviewer|Interviewster|Onderzoeker|Respondent ?\d*|Spreker ?\d+|"
                      r"Speaker ?\d+|Deelnemer ?\d*|Vraag|Antwoord)$", re.IGNORECASE)

NO_LABELS = (" (each turn opens with its speaker and a colon, ‘Femke: …’: write them so, take this one out with "
             "delete-doc and import the file again; a file that is no interview, such as an agenda, delete-doc "
             "takes out)")
_NOT_SPEAKERS = {"kortom", "dus", "noot", "let op", "opmerking", "conclusie", "samenvatting", "voorbeeld",
                 "tip", "stelling", "vraag", "antwoord", "ps", "nb", "n.b", "p.s", "ofwel", "oftewel", "namelijk",
                 "eerst", "ten eerste", "ten tweede", "daarnaast", "bijvoorbeeld", "maar", "en", "want", "toen",
                 "nou", "ja", "nee", "zeg maar", "punt", "thema", "onderwerp", "datum", "tijd", "locatie", "regio",
                 # a transcript's header: who took part, not who speaks ("Aanwezig: interviewer, penvoerder")
                 "aanwezig", "aanwezigen", "deelnemers", "gesprekspartners", "geïnterviewde", "geïnterviewden",
                 "duur", "plaats", "titel", "transcriptie", "opname", "regiotype",
                 # a transcript's headings ("Afsluiting:" in bold above the last lines)
                 "inleiding", "afsluiting", "afronding", "slot", "einde", "opening", "introductie", "achtergrond",
                 "pauze", "tussenvraag", "slotvraag", "vervolg"}


# the words that open a text transcript's header line before its first turn ("Datum: 14 maart 2024")
# ("Interviewer: Sanne" is a header row in Word, but the interviewer's first turn in a text file)
_HEADER_WORDS = {*(k for k in HEADER_KEYS if k != "interviewer"), "aanwezig", "aanwezigen", "deelnemers",
                 "gesprekspartners", "locatie", "plaats", "duur", "tijd", "onderwerp", "project", "transcriptie",
                 "opname"}
_HEADER_LINE = re.compile(r"^(?P<key>[^\W\d_][\w -]{0,30}?)[ \t]*:[ \t]*(?P<value>\S.*)$")
# a label typed with non-breaking (or other fixed-width) spaces, "Daan\u00a0de\u00a0Vries:", is the same label
_SPACES = {c: " " for c in (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F)}


def header_value(key: str, value: str) -> str:
    """A header's value as the attribute's: a date ("14 maart 2024") in ISO form, as front matter
    gives it, so that interviews sort by it (as text, "12 maart 2024" came before 2023)."""
    return stored_value(key, value)


# lines of a title or a note above a header ("Fictief interview, gemaakt voor de training." then
# "Regio: …"): at most so many, each short, as a Word transcript's title paragraph
_TITLE_LINES, _TITLE_LENGTH = 2, 160


def _is_header_line(line: str) -> bool:
    m = _HEADER_LINE.match(line)
    return bool(m and "_".join(m.group("key").lower().split()) in _HEADER_WORDS)


def _is_title_line(line: str) -> bool:
    """A short line that is neither a header line nor a speaker's turn."""
    return bool(line) and len(line) <= _TITLE_LENGTH and not _is_header_line(line) and not _match(line)


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """A text transcript's header before its first turn ("Regio: R16", "Datum: 14 maart 2024",
    "Aanwezig: …" lines, each opened by a header word) as attributes, and the text after it. A
    line or two of title or note above the header ("Fictief interview …") is its ``title``, as a
    Word transcript's title paragraph is: the header below it was read as codable text, names
    and all. No header (a line of another kind first): ({}, raw)."""
    lines = normalise(raw).split("\n")
    header: dict[str, str] = {}
    i = 0
    while i < min(_TITLE_LINES, len(lines)) and _is_title_line(lines[i].strip()):
        i += 1
    title = [line.strip() for line in lines[:i]]
    while title and i < len(lines) and not lines[i].strip():
        i += 1  # a blank line between the title and the header
    if title and not (i < len(lines) and _is_header_line(lines[i].strip())):
        title, i = [], 0  # no header below: the lines are the transcript's
    while i < len(lines):
        line = lines[i].strip()
        if line and not _is_header_line(line):
            break
        if not line and header:  # a blank line ends the header
            break
        if line:
            m = _HEADER_LINE.match(line)
            key = header_key(m.group("key"))
            header[key] = header_value(key, m.group("value").strip())
        i += 1
    if title:
        header.setdefault("title", " ".join(title))
    return (header, "\n".join(lines[i:])) if header else ({}, raw)


@dataclass
class _Turn:
    speaker: str | None
    time: str | None
    lines: list[str]


_TIME_FIRST = re.compile(rf"^\[({_TIME})\][ \t]*")


# a turn written as a list item ("- Jan (bestuurder): Het docententekort …"): the dash is no text
_BULLET = re.compile(r"^[-–—•*][ \t]+(?=\S)")


def _match(line: str) -> tuple[str, str, str | None, str] | None:
    bullet = _BULLET.match(line)
    if bullet:
        line = line[bullet.end():]
    probe = line.translate(_SPACES)  # as long as the line: its rest is cut from the line as written
    for kind, rx in _PATTERNS:
        m = rx.match(probe)
        if m:
            label = natural_order(m.group("label").strip()) if kind in ("time_line", "bracket_name", "time_name") \
                else m.group("label").strip()
            if len(label) > 60:
                return None
            time, rest = m.groupdict().get("time"), line[m.end():]
            after = _TIME_FIRST.match(rest) if time is None else None
            if after:  # "Ans: [00:13:00] Soms vaker.": the turn's time, not its text
                time, rest = after.group(1), rest[after.end():]
            return ("bulleted" if bullet and kind == "label" else kind), label, time, rest
    return None


def labelled(line: str) -> bool:
    """The line opens with a speaker's label or a header's key ("Interviewer: …", "Datum: …")."""
    return _match(line) is not None or _is_header_line(line)


def _label_counts(matches: list) -> dict[str, int]:
    """How often each label opens a line."""
    counts: dict[str, int] = {}
    for m in matches:
        if m:
            counts[m[1]] = counts.get(m[1], 0) + 1
    return counts


_TIME_ALONE = re.compile(rf"^[ \t]*\[?({_TIME})\]?[ \t]*$")


def _times_onto_labels(lines: list[str]) -> list[str]:
    """A timestamp on a line of its own ("[00:12:03]") goes onto the label line after it, as the
    turn's time ("[00:12:03] Interviewer: …"); it was a codable turn of its own, or text at the end
    of the turn before. Kept as it is when no label follows (blank lines may lie between)."""
    out = list(lines)
    for i, line in enumerate(lines):
        m = _TIME_ALONE.match(line)
        if not m:
            continue
        j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
        if j is not None and (hit := _match(lines[j])) is not None and hit[0] == "label" and hit[2] is None:
            out[j] = f"[{m.group(1)}] {lines[j].lstrip()}"
            out[i] = ""
    return out


# opens a line that starts a turn without a speaker: a heading inside a Word transcript
# ("Afsluiting" in bold, a paragraph in a Heading style) and the transcriber's lines under it
# joined the speaker's turn above it, and could be quoted as her words (Word's text holds no NUL)
SECTION = "\0section\0"


def _no_words_below(i: int, lines: list[str], matches: list, accepted: Callable[[str, str], bool]) -> bool:
    """Whether a speaker's line alone ("[00:00:05] Goed") has no words below it before the next
    speaker's: then it is an answer, kept as text (read as a speaker, it was an empty turn, dropped)."""
    j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
    return j is None or (matches[j] is not None and accepted(matches[j][0], matches[j][1]))


def split_turns(raw: str, named: Collection[str] = ()) -> tuple[str, tuple[TurnSpec, ...], tuple[str, ...]]:
    """Normalised text without labels, its turns, and warnings. A line opened by ``SECTION``
    starts a turn without a speaker (the mark itself is no text). ``named``: labels (folded) a header's
    participants list names, speakers also where they open one paragraph."""
    text = normalise(raw)
    lines = _times_onto_labels(text.split("\n"))
    sections = {i for i, line in enumerate(lines) if line.startswith(SECTION)}
    lines = [line.removeprefix(SECTION) for line in lines]
    text = "\n".join(lines)
    # a heading is no speaker's label, colon or not ("Deel 2: Financiering")
    matches = [None if i in sections else _match(line) for i, line in enumerate(lines)]
    counts = _label_counts(matches)

    # a label in another case is the same speaker: "ANS:" once among "Ans:" is Ans speaking (it was
    # taken for text, and her answer joined the interviewer's question before it); each speaker
    # keeps her usual spelling (the most frequent; of two as frequent, not the one in capitals)
    folded: dict[str, int] = {}
    for lab, n in counts.items():
        folded[lab.casefold()] = folded.get(lab.casefold(), 0) + n
    usual: dict[str, str] = {}
    for lab in sorted(counts, key=lambda x: (-counts[x], x.isupper())):
        usual.setdefault(lab.casefold(), lab)
    for i, (line, m) in enumerate(zip(lines, matches)):
        if m is not None and m[0] in ("label", "bulleted") and folded[m[1].casefold()] > counts[m[1]]:
            matches[i] = (m[0], usual[m[1].casefold()], m[2], m[3])
        elif m is None and (loose := _ANY_CASE_LABEL.match(line)) and loose.group("label").casefold() in usual:
            key = loose.group("label").casefold()  # "ans:" in lower case: a label only as a known speaker's
            if folded[key] >= 2 or _TYPICAL.match(usual[key]):
                matches[i] = ("label", usual[key], None, line[loose.end():])
                folded[key] += 1
    counts = _label_counts(matches)

    repeated = {lab for lab, n in counts.items() if n >= 2 or _TYPICAL.match(lab) or lab.casefold() in named}
    # the transcript writes its speakers as "[00:00:03] Interviewer" above their words: one who speaks once too
    timed_names = any(m and m[0] == "time_name" and m[1] in repeated for m in matches)

    def accepted(kind: str, label: str) -> bool:
        if kind == "bulleted":  # a list item in a turn ("- Geld: een pot.") is a speaker only as a usual one
            return _TYPICAL.match(label) is not None or counts.get(label, 0) >= 2
        if kind not in ("label", "time_name"):
            return True
        if _TYPICAL.match(label) or counts.get(label, 0) >= 2 or label.casefold() in named:
            return True
        if kind == "time_name" and not timed_names:  # a short answer after a time ("[00:01:05] Goed"): text
            return False
        # a respondent who speaks once: accept a short name-like label when the
        # transcript clearly uses speaker labels, but not a discourse word ("Kortom:"); one in
        # capitals only where the transcript writes its speakers so ("INTERVIEWER:", "SANDRA:":
        # KEES, who spoke once, was read as the interviewer's words and counted under her role)
        return (len(repeated) >= 1 and len(label.split()) <= 3 and label.lower() not in _NOT_SPEAKERS
                and (not label.isupper() or all(r.isupper() for r in repeated)))

    turns: list[_Turn] = []
    current: _Turn | None = None
    unread: list[str] = []  # paragraphs that open like a speaker's turn but were not read as one
    dashed: list[str] = []  # of those, the ones that open with a name and a dash
    first = unread_first = 0  # of each, the ones above the first turn
    # a transcript that writes a turn a line, no blank line between: every line may open one
    by_line = any(m and accepted(m[0], m[1]) and i and lines[i - 1].strip() for i, m in enumerate(matches))
    for i, (line, m) in enumerate(zip(lines, matches)):
        # (not the first paragraph under a speaker's name alone on its line: "Ik zou zeggen: in de lead op papier."
        # is her answer, in her turn, and was said to stay "in the turn before")
        opens_turn = current is not None and current.speaker is not None and not any(x.strip() for x in current.lines)
        if repeated and not (m and accepted(m[0], m[1])) and i not in sections and not opens_turn \
                and (by_line or i == 0 or not lines[i - 1].strip()):
            loose = _LOOSE_LABEL.match(_BULLET.sub("", line))
            if loose and loose.group("label").strip().lower() not in _NOT_SPEAKERS:
                unread.append(loose.group("label").strip())
                unread_first += current is None
            elif (dash := _DASH_LABEL.match(line)) and _names_a_speaker(dash.group("label"), counts):
                dashed.append(dash.group("label"))
                first += current is None  # above the first turn: no turn before it to stay in
        if m and accepted(m[0], m[1]) and not (m[0] == "time_name" and _no_words_below(i, lines, matches, accepted)):
            kind, label, time, rest = m
            current = _Turn(label, time, [rest] if rest.strip() else [])
            turns.append(current)
            continue
        if current is None or (i in sections and current.speaker is not None):
            current = _Turn(None, None, [])
            turns.append(current)
        current.lines.append(line)
    # a label with no text after it ("Interviewer:" as the last line) is no speaker turn
    speakers = {t.speaker for t in turns if t.speaker and any(x.strip() for x in t.lines)}
    warnings: list[str] = []
    if unread and speakers:  # their words stay in the turn before (an interviewer's question, often)
        stays = "the text is a passage without a speaker, above the first turn" if unread_first == len(unread) \
            else "their text stays in the turn before"
        shown = ", ".join(f"‘{u}:’" for u in dict.fromkeys(unread[:5]))
        warnings.append(f"{len(unread)} paragraph{'s' if len(unread) > 1 else ''} open{'' if len(unread) > 1 else 's'} "
                        f"like a speaker's turn but {'were' if len(unread) > 1 else 'was'} not read as one: {shown} "
                        f"({stays}; a label is read as a name of up to three words starting with a capital — "
                        "one all in capitals only when every speaker is written so — or when it opens two paragraphs)")
    if dashed and speakers:
        shown = ", ".join(f"‘{u} -’" for u in dict.fromkeys(dashed[:5]))
        many = len(dashed) > 1
        # above the first turn it is often a title ("FICTIEF INTERVIEW - testmateriaal …"), and no turn is before it
        stays = f"is a passage without a speaker, above the first turn; if ‘{dashed[0]}’ speaks there, write" \
            if first == len(dashed) else "stays in the turn before, as that speaker's words; write the speaker as"
        warnings.append(f"{len(dashed)} paragraph{'s' if many else ''} open{'' if many else 's'} with a name and a "
                        f"dash, not read as a speaker's turn: {shown} ({'their' if many else 'its'} text {stays} "
                        f"‘{dashed[0]}: …’ and import again)")
    if not speakers:
        # speakers who each speak once ("Femke: …", "Gerrit: …"): say which labels were seen and why none counted
        once = list(dict.fromkeys(m[1] for m in matches if m and m[0] == "label" and m[1].lower() not in _NOT_SPEAKERS))
        why = (f" (‘{'’, ‘'.join(once[:5])}’ each open one paragraph; a label counts when it opens two, or is a "
               "usual one such as ‘Interviewer:’ or ‘R1:’)") if len(once) >= 2 else ""
        # turns written "Interviewer - …", "Hélène - …" (a Windows colleague's style) were said as no labels at all
        dash = [d.group("label") for line in lines if (d := _DASH_LABEL.match(line))]
        dash = [d for d in dict.fromkeys(dash)
                if d.lower() not in _NOT_SPEAKERS and (dash.count(d) > 1 or typical_label(d))]
        why = why or (f" (its paragraphs open with a name and a dash, {', '.join(f'‘{d} -’' for d in dash[:5])}: "
                      f"a speaker is read with a colon, ‘{dash[0]}: …’; write them so, take this one out with "
                      "delete-doc and import the file again)" if dash else "")
        warnings.append(f"no speaker labels recognised; the transcript is one turn{why or NO_LABELS}")
        return text, ((TurnSpec(0, len(text), None),) if text else ()), tuple(warnings)
    return assemble([(t.speaker, clock(t.time), None, "\n".join(t.lines)) for t in turns], warnings,
                    normalised=True)


def _names_a_speaker(label: str, counts: dict[str, int]) -> bool:
    """A name before a dash that is a speaker's: in capitals ("MARLOES"), or a label the transcript
    has, or its first word ("Piet" for "Piet de Boer")."""
    if label.lower() in _NOT_SPEAKERS:
        return False
    if label.isupper() and len(label) >= 2:
        return True
    known = {lab.casefold() for lab in counts} | {lab.split()[0].casefold() for lab in counts if lab.split()}
    return label.casefold() in known


_NAME_ALONE = re.compile(rf"(?:{_LABEL}|{_SURNAME_FIRST})[ \t]*:?")


def name_alone(line: str) -> str | None:
    """The speaker's name when a line is a name and nothing else ("Kees Jansen", "Interviewer:",
    "Jansen, Kees"), as a Word transcript puts it in bold above the turn or in a table's first
    column; None for anything else, a header word ("Regio") or a discourse word ("Kortom") included."""
    t = line.strip().translate(_SPACES)
    if not t or len(t) > 60 or _NAME_ALONE.fullmatch(t) is None:
        return None
    name = natural_order(t.rstrip(":").strip())
    folded = name.lower()
    if folded in _NOT_SPEAKERS or "_".join(folded.split()) in _HEADER_WORDS:
        return None
    return name


def typical_label(label: str) -> bool:  # a label every transcript uses for a speaker ("Interviewer", "R1")
    return _TYPICAL.match(label) is not None


def clock(ts: str | None) -> str | None:
    """A transcript timestamp as HH:MM:SS (fractions dropped): "0:12" -> "00:00:12"."""
    if not ts:
        return None
    parts = ts.replace(",", ".").split(".")[0].split(":")
    if len(parts) == 2:
        parts = ["0", *parts]
    h, m, s = (int(p) for p in parts)
    return f"{h:02d}:{m:02d}:{s:02d}"


def assemble(parts: list[tuple[str | None, str | None, str | None, str]],
             warnings: list[str] | None = None, *,
             normalised: bool = False) -> tuple[str, tuple[TurnSpec, ...], tuple[str, ...]]:
    """Join (speaker, time_start, time_end, text) turns with blank lines; empty turns dropped.
    Consecutive turns of one speaker stay separate turns (they are paragraphs).
    ``normalised``: each body is whole lines of an already normalised text (a label cut off
    its first line), so normalising it again would only strip its blank first line."""
    pieces: list[str] = []
    specs: list[TurnSpec] = []
    pos = 0
    for speaker, t0, t1, body in parts:
        body = body.strip("\n") if normalised and "\n\n\n" not in body else normalise(body)
        if not body:
            continue
        if pieces:
            pos += 2
        start = pos
        pieces.append(body)
        pos += len(body)
        specs.append(TurnSpec(start, pos, speaker, t0, t1))
    return "\n\n".join(pieces), tuple(specs), tuple(warnings or ())


def cue_speaker(label: str, counts: dict[str, int]) -> bool:
    """Whether a subtitle cue's "Naam:" prefix (no voice tag) is a speaker, as a transcript's
    label is one: a usual label ("Interviewer"), one that opens two cues or more, or a name of up to
    three words whose later words are capitalised or particles; never a discourse word
    ("Kortom:") or a phrase ("Het punt is:")."""
    if _TYPICAL.match(label) or counts.get(label, 0) >= 2:
        return True
    words = label.split()
    return (len(words) <= 3 and label.lower() not in _NOT_SPEAKERS
            and all(w[:1].isupper() or w.lower() in _PARTICLE_WORDS for w in words[1:]))
