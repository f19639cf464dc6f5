"""Bytes -> text: UTF-8 (BOM or not), UTF-16 with BOM, legacy Windows-1252; refuse binary.

Refused, each with the file (and line where there is one): empty files, binary data,
text that is neither UTF-8 nor Windows-1252, a file that mixes the two (its UTF-8
letters would turn into mojibake such as "Ã©"), a byte that reads "Ã" or "Â" as
Windows-1252 (half a UTF-8 letter whose other half is lost), and control characters that do not
belong in a transcript (they could also drive a terminal). Word's manual line and
page breaks (VT, FF) become line breaks; a DOS end-of-file mark (Ctrl-Z) is dropped.
"""
from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path

from sto_qual.domain.controls import BIDI_RX
from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import limits

# Characters that never occur in text: C0 controls except tab, LF, CR (VT and FF are
# turned into LF first), DEL, and the C1 controls (ESC and CSI drive terminals).
_CONTROL_RX = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# Bytes undefined in Windows-1252.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
# UTF-8 encodings of the letters and punctuation of Dutch text (é ë ï ... “ ” ’ – … €). In a file
# that is not valid UTF-8 they betray a mix of encodings; as Windows-1252 they read "Ã©", "â€œ".
_UTF8_DUTCH = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x90-\xa6]|\xe2\x82\xac")
# What the lead byte of a two-byte UTF-8 letter (é is C3 A9) reads as in Windows-1252: "Ã", "Â". No
# Dutch text has them; alone, without the byte after it, such a byte is a letter cut in half.
_HALF_LETTER = (0xC2, 0xC3)
_STRAY_UTF8_LEAD = re.compile("[" + bytes(_HALF_LETTER).decode("cp1252") + "]")
_BINARY_HINT = "save the transcript as .txt, .docx, .vtt or .srt"
_BINARY_HINT_DATA = "expected a text file: save it as UTF-8 text"


def _binary_hint(name: str) -> str:
    return _BINARY_HINT_DATA if name.lower().endswith((".yaml", ".yml", ".csv", ".qdc")) else _BINARY_HINT


def read_bytes(path: Path, limit: int = limits.MAX_TEXT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if size == 0:
        raise ImportRefused("empty file", file=str(path), hint="nothing to import")
    if size > limit:
        raise ImportRefused(_over(size, limit),
                            file=str(path), hint="split it into smaller files")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)  # a file that grew since stat() is still bounded
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if len(data) > limit:
        raise ImportRefused(f"file is over the {_mb(limit)} limit", file=str(path),
                            hint="split it into smaller files")
    return data


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def _over(size: int, limit: int) -> str:
    """ "file is 31 MB, over the 20 MB limit"; in bytes where the MB read alike ("file is 20 MB,
    over the 20 MB limit" was said of 21,000,014 bytes)."""
    if _mb(size) == _mb(limit):
        return f"file is {size:,} bytes, over the {_mb(limit)} ({limit:,} bytes) limit"
    return f"file is {_mb(size)}, over the {_mb(limit)} limit"


def _utf16_without_bom(head: bytes) -> bool:
    """Text in UTF-16 (little or big endian) without a byte-order mark: in Latin-script text
    nearly every second byte is zero, at the odd or at the even positions, and the others are
    mostly printable ASCII."""
    if len(head) < 16:
        return False
    head = head[: len(head) // 2 * 2]
    for zeros, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if zeros.count(0) >= 0.9 * len(zeros) and sum(32 <= b < 127 or b in (9, 10, 13) for b in chars) >= 0.9 * len(chars):
            return True
    return False


def decode(data: bytes, name: str) -> str:
    """Decode text bytes, refusing binary data and undecodable text with a located message."""
    if not data.strip():
        raise ImportRefused("file has no text", file=name)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", name)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = _strict(data, "utf-16", name)
    else:
        if _utf16_without_bom(data[:8192]):  # every other byte zero: text saved as UTF-16 without its mark
            raise ImportRefused("UTF-16 text without a byte-order mark, which cannot be read safely", file=name,
                                hint="save it as UTF-8: in Word or Notepad, Save as with the encoding UTF-8")
        head = data[:8192]  # a NUL or two in text is refused at its line (below), as any control character is
        if (head.count(0) > max(8, len(head) // 200) or data[:4] in (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")
                or data[:8] == b"\x89PNG\r\n\x1a\n"):
            raise ImportRefused("binary data, not text", file=name, hint=_binary_hint(name))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            sample = data[:65536]
            high = sum(1 for b in sample if b >= 0x80)
            if len(sample) >= 256 and high > len(sample) * 0.3:  # Windows-1252 text is mostly ASCII
                raise ImportRefused("binary data, not text", file=name, hint=_binary_hint(name)) from None
            if _UTF8_DUTCH.search(data):
                if data[exc.start] in _HALF_LETTER:  # Â, Ã: no Windows-1252 letter of Dutch text, half a UTF-8 one
                    raise ImportRefused(f"a damaged letter: byte 0x{data[exc.start]:02X} without the byte that "
                                        "completes it in UTF-8", file=name, line=line,
                                        hint="correct the letter there in an editor and save the file") from None
                raise ImportRefused("mixed encodings: part UTF-8, part Windows-1252", file=name, line=line,
                                    hint="open it in an editor and save it as UTF-8") from None
            if any(b in _CP1252_UNDEFINED for b in data if b >= 0x80):
                raise ImportRefused("undecodable text: neither UTF-8 nor Windows-1252", file=name, line=line,
                                    hint="save the file as UTF-8") from None
            text = data.decode("cp1252")
            stray = _STRAY_UTF8_LEAD.search(text)
            if stray is not None:
                line = text.count("\n", 0, stray.start()) + 1
                raise ImportRefused(f"byte 0x{stray.group().encode('cp1252')[0]:02X} is neither UTF-8 nor a letter of "
                                    f"Windows-1252 text (it would read '{stray.group()}')", file=name, line=line,
                                    hint="a letter there is damaged: correct it in an editor and save the file "
                                         "as UTF-8") from None
    return _check_controls(text, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding == "utf-16":
            line = data[: exc.start].count(b"\n\x00") + data[: exc.start].count(b"\x00\n") + 1
        raise ImportRefused(f"undecodable {encoding.upper()} text", file=name, line=line,
                            hint="save the file as UTF-8") from None


# UTF-8 read as Windows-1252 and saved again: "één" as "Ã©Ã©n", "financiële" as "financiÃ«le", a
# curly apostrophe as "â€™"; no Dutch text writes these pairs
_TWICE_ENCODED = re.compile("Ã[\u00a0-\u00bf]|â€[\u0098-\u009f\u2018-\u201e\u2122\u0153\u02dc]")


def _check_twice_encoded(text: str, name: str) -> None:
    found = _TWICE_ENCODED.findall(text[:1_000_000])
    if len(found) >= 2:  # (one could be a name; two are the encoding)
        first = _TWICE_ENCODED.search(text)
        line = text.count("\n", 0, first.start()) + 1
        raise ImportRefused(f"letters encoded twice ('{first.group()}' for one letter, {len(found)} times): UTF-8 "
                            "text read as Windows-1252 and saved again", file=name, line=line,
                            hint="save the original file as UTF-8 again; or in an editor replace 'Ã©' by 'é', "
                                 "'Ã«' by 'ë' and so on")


def _check_controls(text: str, name: str) -> str:
    _check_twice_encoded(text, name)
    as_written = text  # the file's lines, as an editor counts them (a form feed is no line of its own there)
    if "\x0b" in text or "\x0c" in text:  # translate() costs milliseconds even with nothing to do
        text = text.translate(_BREAKS)
    if text.endswith("\x1a"):
        text = text.rstrip("\x1a")
    bad = _CONTROL_RX.search(text)
    if bad is None:
        return text
    sample = text[:65536]
    if len(_CONTROL_RX.findall(sample)) > max(8, len(sample) // 200):  # over 0.5%: not text at all
        raise ImportRefused("binary data, not text", file=name, hint=_binary_hint(name))
    line = as_written.count("\n", 0, bad.start()) + 1  # (one character for one: the offset is the same)
    what = "a NUL byte (U+0000, binary data) in the text" if bad.group() == "\x00" else \
        f"control character U+{ord(bad.group()):04X} in the text"
    raise ImportRefused(what, file=name, line=line, hint="remove it in an editor and save the file again")


_ANY_CONTROL_RX = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI_HINT = ("it turns the text after it round on screen, a name into another: remove it in an editor and "
             "save the file again")


def refuse_bidi(text: str, name: str) -> str:
    """A transcript's bidirectional embedding, override or isolate (U+202A-U+202E, U+2066-U+2069), refused
    with its line as a control character is: "Fen\\u202eke:" showed as another name, and invisible in the
    workbench. The marks a right-to-left name carries, LRM and RLM (U+200E, U+200F), are text."""
    bad = BIDI_RX.search(text)
    if bad is not None:  # how many, and on which lines: text pasted from a chat app carries one around each number
        every = list(BIDI_RX.finditer(text))
        lines = sorted({text.count("\n", 0, m.start()) + 1 for m in every})
        more = (f" (and {len(every) - 1} more, on line{'s' * (len(lines) > 1)} "
                f"{', '.join(map(str, lines[:8]))}{' …' if len(lines) > 8 else ''})") if len(every) > 1 else ""
        raise ImportRefused(f"bidirectional control character U+{ord(bad.group()):04X} in the text{more}", file=name,
                            line=lines[0], hint=BIDI_HINT)
    return text


def refuse_controls(text: str, name: str, line: int | None = None) -> str:
    """For text that did not come through ``decode`` (an unescaped ``&#27;`` in a cue, an
    ``_x001B_`` in a spreadsheet cell): refuse control characters, with the line given."""
    bad = _ANY_CONTROL_RX.search(text)
    if bad is not None:
        raise ImportRefused(f"control character U+{ord(bad.group()):04X} in the text", file=name, line=line,
                            hint="remove it and save the file again")
    return text


def check_zip(path: Path, kind: str, *, office: bool = False,
              max_part: int = limits.MAX_XML_PART_BYTES) -> zipfile.ZipFile:
    """Open a ZIP-based file (docx/xlsx/qdpx) after checking size, members and packing ratio.

    Sizes declared in the ZIP directory are upper bounds: Python's zipfile stops (and
    fails its CRC check) at the declared size, so a lying header cannot unpack more.
    With ``office`` (docx/xlsx) an XML part over ``max_part`` bytes, or one that declares a
    DTD, is refused: Office never writes a DTD, and entities are how XML bombs and
    external-entity attacks work.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if size == 0:
        raise ImportRefused("empty file", file=str(path))
    if size > limits.MAX_ZIP_BYTES:
        raise ImportRefused(_over(size, limits.MAX_ZIP_BYTES),
                            file=str(path))
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError:
            head = b""
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportRefused(f"the {kind} is password-protected or in the old binary format",
                                file=str(path), hint="save it unprotected as .docx/.xlsx") from None
        # another kind of file under this name ("open and re-save it in Word" of a picture sent no one right)
        other = next((what for magic, what in _OTHER_FILES if head.startswith(magic)), None)
        if other:
            raise ImportRefused(f"{other} with a {path.suffix} name, not {_a(kind)}", file=str(path),
                                hint="import the transcript itself") from None
        if path.suffix.lower() in _AS_TEXT and _plain_text(head):  # "corrupt, re-save it in Word" misled
            raise ImportRefused(f"a text file with a {path.suffix} name, not {_a(kind)}", file=str(path),
                                hint=_AS_TEXT[path.suffix.lower()]) from None
        raise ImportRefused(f"corrupt {kind} (not a valid ZIP package)", file=str(path),
                            hint=_resave(kind)) from None
    try:
        _check_members(zf, infos, path, kind, size, office, max_part)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: Path, kind: str, size: int,
                   office: bool, max_part: int) -> None:
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise ImportRefused(f"{kind} has {len(infos)} parts, over the limit", file=str(path))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.MAX_UNPACKED_BYTES or (info.file_size > 1_000_000 and ratio > limits.MAX_ZIP_RATIO):
            raise ImportRefused(f"{kind} unpacks to an absurd size (possible ZIP bomb)", file=str(path))
        if office and info.file_size > max_part and info.filename.endswith((".xml", ".rels")):
            raise ImportRefused(f"{kind} part {info.filename} unpacks to {_mb(info.file_size)}, over the "
                                f"{_mb(max_part)} limit", file=str(path), hint="split the document")
    try:
        bad = zf.testzip() if size < 5_000_000 else None
        if office:
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and info.file_size:
                    with zf.open(info) as fh:
                        head = fh.read(65536)
                    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", head, re.IGNORECASE):
                        raise ImportRefused(f"{kind} part {info.filename} declares a DTD (possible XML entity "
                                            "attack; Office never writes one)", file=str(path))
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        # RuntimeError: an encrypted member ("password required")
        what = "password-protected" if isinstance(exc, RuntimeError) else "corrupt"
        detail = "damaged compressed data" if isinstance(exc, zlib.error) else type(exc).__name__
        raise ImportRefused(f"{what} {kind} ({detail})", file=str(path), hint=_resave(kind)) from None
    if bad:
        raise ImportRefused(f"corrupt {kind} (damaged part {bad})", file=str(path), hint=_resave(kind))


_OTHER_FILES = ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"%PDF", "a PDF"),
                (b"GIF8", "a GIF image"), (b"{\\rtf", "an RTF document"), (b"<!DOCTYPE html", "a web page"),
                (b"<html", "a web page"))


_AS_TEXT = {".docx": "give it the name it has as text, .txt or .md, and import that",
            ".xlsx": "a table saved as text? name it .csv and import that"}


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'AEIOU' else 'a'} {kind}"  # "not an Excel workbook"


def _plain_text(head: bytes) -> bool:
    """The start of a text file (UTF-8 or Windows-1252, no control characters but tab and line breaks)."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # (or a letter cut at the end of what was read)
        text = head[:exc.start].decode("utf-8") if exc.start >= len(head) - 3 else head.decode("cp1252", "replace")
    return bool(text.strip()) and not re.search("[\x00-\x08\x0e-\x1f\x7f\ufffd]", text)


def _resave(kind: str) -> str:
    app = "Word" if "Word" in kind else "Excel" if "Excel" in kind else "the program that made it"
    return f"open and re-save it in {app}"
