"""Control characters in text that users and files supply.

C0 controls other than tab and newline, DEL and the C1 controls (U+0080-U+009F) never
belong in an interview, a codebook or a name, and ESC (U+001B) and CSI (U+009B) drive
terminals: a coder name ``"\\e]0;pwned\\a"`` retitles the window of whoever lists the
coders. The rule, once, for every layer:

* identifiers (coder, document and file names, code labels, speaker labels, roles,
  attribute names and values, pseudonyms) are **refused**: silently changing a name
  would surprise whoever typed it and could split one coder or speaker into two;
* long free texts typed in the program (memos, definitions, criteria, examples) have the
  characters **stripped**: nothing else in them depends on them;
* files (transcripts, YAML, XML, CSV, XLSX) are refused with the file, line and character,
  so the author can fix the source;
* whatever is shown on a terminal is **escaped** (``\\x1b``) as a second line of defence,
  for projects written before these checks.
"""
from __future__ import annotations

import re

from sto_qual.domain.errors import StoQualError

# everything but tab (U+0009) and newline (U+000A)
CONTROL_RX = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}


def first_control(text: str) -> re.Match[str] | None:
    return CONTROL_RX.search(text) if text else None


def describe(char: str) -> str:
    return f"control character U+{ord(char):04X}"


def strip_controls(text: str) -> str:
    """Long free text: drop the control characters (a CR becomes nothing, CRLF a LF) and the
    bidirectional overrides (``BIDI_RX``: a definition typed with U+202E printed reversed)."""
    if not text or not (CONTROL_RX.search(text) or BIDI_RX.search(text)):
        return text
    return BIDI_RX.sub("", CONTROL_RX.sub("", text))


# the bidirectional embeddings, overrides and isolates: shown on a terminal they reorder what
# follows them ("R\u202e1" printed as another name), so the display shows them as ``\u202e`` too
# (text in a right-to-left script needs none of them; its own marks, LRM and RLM, stay)
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
BIDI_RX = re.compile("[" + "".join(map(chr, _BIDI)) + "]")


def unsafe_character(text: str | None) -> str | None:
    """The first control character or bidirectional override in ``text`` (what a stored text from an older
    version, or another copy, may hold that a typed one cannot), or None."""
    found = (first_control(text) or BIDI_RX.search(text)) if text else None
    return found.group() if found else None


def check_name(value: str, what: str) -> str:
    """Identifiers: refuse a value with a control character or a bidirectional override (a
    label "a\u202eb" showed reversed in the workbench's tree), naming the field and the character."""
    if isinstance(value, str):
        bad = first_control(value)
        if bad is not None:
            raise StoQualError(f"{what} contains {describe(bad.group())}",
                               hint="control characters can drive a terminal; type it without them")
        turn = BIDI_RX.search(value)
        if turn is not None:
            raise StoQualError(f"{what} contains the bidirectional control U+{ord(turn.group()):04X}",
                               hint="it reverses how the text after it is shown; type it without it")
    return value

MAX_DOCUMENT_NAME = 200  # a name of 5,000 characters filled every "the project has …" line and pushed F2's columns off


def check_document_name(value: str, what: str) -> str:
    """A document's name, typed or read from a file (`doc-rename`, a .qdpx source): ``check_name``'s
    characters, and no longer than ``MAX_DOCUMENT_NAME``."""
    check_name(value, what)
    if len(value) > MAX_DOCUMENT_NAME:
        raise StoQualError(f"{what} is {len(value):,} characters long ('{value[:40]}…'); at most "
                           f"{MAX_DOCUMENT_NAME} fit a list", hint="give it a shorter name")
    return value


_DISPLAY_ESCAPES = {**_ESCAPES, **{c: f"\\u{c:04x}" for c in _BIDI}}
_DISPLAY_RX = re.compile("[" + re.escape("".join(map(chr, _DISPLAY_ESCAPES))) + "]")  # each one escaped


def escape_controls(text: str) -> str:
    """For display on a terminal: each control character as visible ``\\xNN`` and each
    bidirectional override as ``\\u202e``; tab and newline stay."""
    if not text or not _DISPLAY_RX.search(text):
        return text
    return text.translate(_DISPLAY_ESCAPES)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
