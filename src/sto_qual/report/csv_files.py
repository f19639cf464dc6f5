"""Whether a CSV there may be replaced: a CSV has no room for the fingerprint a Word file or workbook
carries, so the cells sto-qual last wrote there are kept (``files.remember_written``) and compared."""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

from sto_qual.domain.errors import ExportError
from sto_qual.report.files import is_open_project, kept_as_is, remember_written, written_record


def other_csv(out: Path, header: list[str], new_cells: str | None = None) -> str:
    """Why the CSV at ``out`` must not be replaced unasked, or "": another program or a person wrote it,
    its first line not opening with the first columns of the CSV written now (an analyst's own
    `mine.csv` was replaced unsaid), a column was added to it, or its cells are not those sto-qual last
    wrote there (``remember_csv``; a CSV has no room for a fingerprint). With no record of it (another
    computer or sto-qual folder wrote it), one whose cells are not ``new_cells`` (those it writes now)."""
    import csv
    if not header or not out.is_file() or is_open_project(out) or kept_as_is(out):
        return ""  # (a lock file or a read-only file: ``atomic_write`` says so)
    try:  # its first line alone: a CSV saved again by Excel (Windows-1252) read as no export of ours
        with open(out, "rb") as fh:
            first = fh.readline().removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    except OSError:
        first = ""
    if not first.strip() and out.stat().st_size <= 8:  # an empty file (a BOM, a line end) holds nothing to lose
        return ""
    want, ours = [c.strip() for c in header[:4]], {c.strip() for c in header}
    for d in (",", ";"):
        try:  # (a stray carriage return inside the line, as a line end edited by hand leaves one, is no error of ours)
            cols = [c.strip() for c in next(csv.reader([first.replace("\r", " ").rstrip("\n")], delimiter=d), [])]
        except csv.Error:
            cols = []
        if cols[:len(want)] == want:  # this export's; a column added to it is a person's (a colleague's notes went)
            added = [c for c in cols if c and not c.startswith("attr_") and c not in ours]
            if added:
                return f"a column was added to it that this export does not write ({', '.join(added)}): it may " \
                    "hold someone's notes"
            kept, now = written_record().get(os.path.realpath(out)), _csv_cells(out)
            if kept is not None and now != kept:
                return ("its cells are not those sto-qual last wrote there (an edit in Excel or by hand, or an older "
                        "copy put back): they may hold someone's notes")
            if kept is None and new_cells is not None and now != new_cells:  # written from another sto-qual folder
                return ("sto-qual did not write it from here (another computer, or another sto-qual folder), so "
                        "whether its cells were edited cannot be told, and they are not this export's")
            return ""
    return f"it is a CSV this program did not write (its first line is not {','.join(want)},…)"


def _csv_cells(path: Path) -> str | None:
    """The digest of a CSV's cells as read (UTF-8, or Windows-1252 as Excel saves it again, so each read as that
    code page holds it; either delimiter; empty lines left out): a CSV saved again unchanged reads the same, an
    edited cell does not."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return _cells_of(raw)


def _cells_of(raw: bytes) -> str | None:
    """``_csv_cells`` of a CSV's bytes (or of the text an export is about to write)."""
    import csv
    import hashlib
    import json
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding).lstrip("\ufeff")
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    text = text.encode("cp1252", "replace").decode("cp1252")  # a "≠" Excel saved as "?" is no one's edit
    first = text.split("\n", 1)[0]
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    cells = [[_as_excel_keeps(c) for c in r] for r in rows if any(c.strip() for c in r)]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _as_excel_keeps(cell: str) -> str:
    """A cell as it reads whichever way Excel saved it again: "FALSE" for "False", a date in the Dutch
    order ("14-11-2023") for "2023-11-14"; a file saved unchanged was refused as edited."""
    cell = cell.strip()
    if cell.lower() in ("true", "false"):
        return cell.lower()
    m = _DAY_FIRST.fullmatch(cell)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else cell


def remember_csv(out: Path) -> None:
    """Keep the cells of the CSV just written (``_csv_cells``): a CSV has no room for the fingerprint a .docx
    carries, and an export over a CSV whose memo a colleague edited in Excel replaced it unsaid."""
    remember_written({out: _csv_cells(out)})


def refuse_other_csv(out: Path, header: list[str], new_text: str | None = None) -> None:
    """``other_csv``'s refusal, for a command (its ``--force`` replaces the file); ``new_text``: what it writes."""
    why = other_csv(out, header, _cells_of(new_text.encode("utf-8")) if new_text is not None else None)
    if why:
        raise ExportError(f"cannot write {out}: {why}; nothing was written",
                          hint="give --force to replace it, losing what is in it, or write another file with -o")
