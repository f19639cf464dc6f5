"""Which importer reads which file."""
from __future__ import annotations

import re

from pathlib import Path

from sto_qual.domain.controls import BIDI_RX, describe, first_control, line_of
from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import limits
from sto_qual.importers.decode import BIDI_HINT

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".markdown", ".docx", ".vtt", ".srt"}
SURVEY_SUFFIXES = {".csv", ".xlsx"}
PROJECT_SUFFIXES = {".qdpx"}
SUPPORTED = TRANSCRIPT_SUFFIXES | SURVEY_SUFFIXES | PROJECT_SUFFIXES
DIRECTORY_SUFFIXES = TRANSCRIPT_SUFFIXES | PROJECT_SUFFIXES


def parse_file(path: Path, *, text_columns: list[str] | None = None,
               id_column: str | None = None) -> list[ParsedDocument]:
    """The documents in one source file; ``ImportRefused`` (file, line, cause) if it cannot be read."""
    bad = first_control(path.name) or re.search(r"[\n\t]", path.name)
    if bad is not None:  # the file name becomes the document's name (a line break in it broke every line naming it)
        what = describe(bad.group()) if bad.group() not in "\n\t" else {"\n": "a line break", "\t": "a tab"}[bad.group()]
        raise ImportRefused(f"the file name contains {what}", file=repr(str(path))[1:-1], hint="rename the file")
    docs = _parse(path, text_columns, id_column)
    for doc in docs:
        _check_controls(doc, path)
        _check_paragraphs(doc, path)
    return docs


def _check_controls(doc: ParsedDocument, path: Path) -> None:
    """After parsing, whatever the format: escapes that came through an encoding the
    byte-level check cannot see (a YAML "\\e", an XML "&#x9b;", a Word property) are
    refused with the character and, in the text, its line."""
    bad = _unsafe(doc.text)
    if bad is not None:
        raise ImportRefused(f"{_describe(bad.group())} in the text", file=str(path),
                            line=line_of(doc.text, bad.start()), hint=_hint(bad.group()))
    fields: list[tuple[str, str]] = [("the document name", doc.name)]
    for t in doc.turns:  # the line is counted only for a label that is refused
        if _unsafe(t.speaker or "") is not None:
            fields.append((f"the speaker label at line {line_of(doc.text, t.start)}", t.speaker or ""))
    for k, v in doc.attributes.items():
        value = " ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)
        fields += [("an attribute name", str(k)), (f"attribute '{k}'", value)]
    for what, value in fields:
        bad = _unsafe(value)
        if bad is not None:
            raise ImportRefused(f"{what} contains {_describe(bad.group())}", file=str(path), hint=_hint(bad.group()))


def _unsafe(text: str) -> re.Match[str] | None:
    """A control character or a bidirectional embedding, override or isolate (a Word file's, a
    YAML "\\u202e"): "Fen\\u202eke" showed as another name. LRM and RLM are a right-to-left name's."""
    return first_control(text) or BIDI_RX.search(text)


def _describe(char: str) -> str:
    return describe(char) if first_control(char) else f"bidirectional control character U+{ord(char):04X}"


def _hint(char: str) -> str:
    return "remove it and save the file again" if first_control(char) else BIDI_HINT


# a word processor's other formats: what to do with them is said, not only that they are not read
OTHER_WORD = (".doc", ".rtf", ".odt", ".pages", ".wpd")
SAVE_AS_DOCX = "save it as .docx (in Word: Save As, Word Document; elsewhere its Save As or Export) and import that"


def _parse(path: Path, text_columns: list[str] | None, id_column: str | None) -> list[ParsedDocument]:
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ".markdown"):
        from sto_qual.importers import textfile
        return [textfile.parse(path)]
    if suffix == ".docx":
        from sto_qual.importers import docx_source
        return [docx_source.parse(path)]
    if suffix in (".vtt", ".srt"):
        from sto_qual.importers import subtitles
        return [subtitles.parse(path)]
    if suffix in SURVEY_SUFFIXES:
        from sto_qual.importers import survey
        return survey.parse(path, text_columns, id_column)
    codebook = suffix in (".yaml", ".yml", ".qdc")  # a codebook given with the transcripts
    raise ImportRefused(f"unsupported file type '{suffix or path.name}'" + (": a codebook?" if codebook else ""),
                        file=str(path), hint=f"`sto-qual codebook-import {path}` reads a codebook" if codebook else
                        (f"{SAVE_AS_DOCX}; " if suffix in OTHER_WORD else "") + "use .txt, .md, .docx, .vtt, .srt, "
                        ".csv, .xlsx or .qdpx")


def _check_paragraphs(doc: ParsedDocument, path: Path) -> None:
    """Refuse a document too long to import in reasonable time, and a paragraph (line) too
    long to segment into sentences: no transcript has one, and the splitter would fail."""
    text = doc.text
    if len(text) > limits.MAX_DOCUMENT_CHARS:
        raise ImportRefused(f"the text has {len(text):,} characters, over the {limits.MAX_DOCUMENT_CHARS:,} "
                            "limit", file=str(path), hint="split it into smaller files")
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end - start > limits.MAX_PARAGRAPH_CHARS:
            begin = " ".join(text[start:start + 30].split())
            raise ImportRefused(f"a paragraph of {end - start:,} characters without a line break, starting "
                                f"“{begin}” (limit {limits.MAX_PARAGRAPH_CHARS:,})", file=str(path),
                                hint="add line breaks between paragraphs or speaker turns")
        start = end + 1
