"""Bytes -> text: UTF-8 (BOM or not), UTF-16 with BOM, legacy Windows-1252; refuse binary."""
from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import limits

# Bytes that never occur in text (C0 controls except tab, LF, FF, CR, ESC-free).
_CONTROL = set(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | set(range(0x10, 0x1B)) | set(range(0x1C, 0x20))
# Bytes undefined in Windows-1252.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def read_bytes(path: Path, limit: int = limits.MAX_TEXT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if size == 0:
        raise ImportRefused("empty file", file=str(path), hint="nothing to import")
    if size > limit:
        raise ImportRefused(f"file is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB limit",
                            file=str(path), hint="split it into smaller files")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None


def decode(data: bytes, name: str) -> str:
    """Decode text bytes, refusing binary data and undecodable text with a located message."""
    if not data.strip():
        raise ImportRefused("file has no text", file=name)
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = _strict(data, "utf-16", name)
        _check_controls_text(text, name)
        return text
    if b"\x00" in data[:8192] or data[:4] in (b"PK\x03\x04", b"%PDF") or data[:8] == b"\x89PNG\r\n\x1a\n":
        raise ImportRefused("binary data, not text", file=name,
                            hint="save the transcript as .txt, .docx, .vtt or .srt")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        high = [b for b in data if b >= 0x80]
        if any(b in _CP1252_UNDEFINED for b in high):
            line = data[: exc.start].count(b"\n") + 1
            raise ImportRefused("undecodable text: neither UTF-8 nor Windows-1252", file=name, line=line,
                                hint="save the file as UTF-8") from None
        text = data.decode("cp1252")
    _check_controls_text(text, name)
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(f"undecodable {encoding} text", file=name, line=line,
                            hint="save the file as UTF-8") from None


def _check_controls_text(text: str, name: str) -> None:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if bad > max(4, len(sample) // 1000):
        raise ImportRefused("binary data, not text", file=name,
                            hint="save the transcript as .txt, .docx, .vtt or .srt")


def check_zip(path: Path, kind: str) -> zipfile.ZipFile:
    """Open a ZIP-based file (docx/xlsx/qdpx) after checking size, members and packing ratio."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read file ({exc.strerror})", file=str(path)) from None
    if size == 0:
        raise ImportRefused("empty file", file=str(path))
    if size > limits.MAX_ZIP_BYTES:
        raise ImportRefused(f"file is {size / 1e6:.0f} MB, over the {limits.MAX_ZIP_BYTES / 1e6:.0f} MB limit",
                            file=str(path))
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportRefused(f"the {kind} is password-protected or in the old binary format",
                                file=str(path), hint="save it unprotected as .docx/.xlsx") from None
        raise ImportRefused(f"corrupt {kind} (not a valid ZIP package)", file=str(path),
                            hint="open and re-save it in Word/Excel") from None
    if len(infos) > limits.MAX_ZIP_MEMBERS:
        raise ImportRefused(f"{kind} has {len(infos)} parts, over the limit", file=str(path))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.MAX_UNPACKED_BYTES or (info.file_size > 1_000_000 and ratio > limits.MAX_ZIP_RATIO):
            zf.close()
            raise ImportRefused(f"{kind} unpacks to an absurd size (possible ZIP bomb)", file=str(path))
    bad = zf.testzip() if size < 5_000_000 else None
    if bad:
        zf.close()
        raise ImportRefused(f"corrupt {kind} (damaged part {bad})", file=str(path))
    return zf
