"""Small CSV inputs: the attributes table, the role map, pseudonym lists."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import closest_name
from sto_qual.domain.text import drop_invisible
from sto_qual.importers.decode import decode, read_bytes
from sto_qual.importers.survey import (delimiter, iso_cell, refuse_broken_quote, uncomputed_formulas, xlsx_header,
                                      xlsx_rows)

ATTRIBUTE_COLUMNS = ("file",)  # what an --attributes table needs
ROLE_COLUMNS = ("speaker", "role")  # what a --role-map table needs; it may have 'file' too
PSEUDONYM_COLUMNS = ("name", "replacement")  # what `pseudonyms import` needs
CODINGS_COLUMNS = ("id", "doc", "code", "start", "end", "coder")  # the header `export` writes codings with


def read_csv(path: str | Path, required: tuple[str, ...], optional: tuple[str, ...] = (),
             whole_rows: bool = False) -> list[dict[str, str]]:
    """The rows of a small CSV table as dicts (``__line__``: the row's line). The columns this
    program names (``required``, ``optional``: ``file``, ``speaker`` ...) are found in any case
    (a spreadsheet's ``File`` is ``file``); every other column keeps its name as written.
    ``whole_rows``: a CSV row with fewer cells than the header is refused at its line, as one
    with more is (an attributes table's "R02,Zuid" under "file,region,region_type")."""
    path = Path(path)
    text = _xlsx_as_csv(path) if path.suffix.lower() == ".xlsx" else decode(read_bytes(path, limit=5 * 1024 * 1024),
                                                                             str(path))
    text = drop_invisible(text)  # (as a transcript's text: a name or value typed with one is the same name)
    sep = delimiter(text)
    refuse_broken_quote(text, sep, path)
    reader = csv.DictReader(io.StringIO(text), delimiter=sep)
    header = [h.strip() for h in (reader.fieldnames or [])]
    given = header
    renamed = _known_columns(header, required + optional)
    if renamed:
        header = _named(header, renamed)
        reader.fieldnames = [renamed.get(h.strip(), h) if h is not None else h for h in (reader.fieldnames or [])]
    seen: dict[str, int] = {}
    for col, h in enumerate(header, start=1):
        # csv would silently keep the last value of the two; names differing only in capitals
        # are one attribute ("region_type" and "REGION_TYPE": krimp was lost to gemengd unsaid)
        if h and h.casefold() in seen:
            raise StoQualError(f"duplicate column '{h}' (columns {seen[h.casefold()]} and {col}"
                               + (", names differing only in capitals are one attribute)" if h not in header[:col - 1]
                                  else ")"), file=str(path), line=1, hint="give every column its own name")
        seen.setdefault(h.casefold(), col)
    for col in required:
        if col not in header:
            # what it read each column as: "naam,functie" said only 'role' was missing, and the user
            # thought 'speaker' was too ('naam' is read as speaker)
            has = ", ".join(f"{g} (read as {renamed[g]})" if g in renamed else g for g in given if g)
            raise StoQualError(f"missing column '{col}'", file=str(path), line=1,
                               hint=f"the header needs: {', '.join(required)}; it has: {has or 'no names'}")
    rows = []
    try:
        for row in reader:
            surplus = row.get(None) or []  # cells beyond the header
            if any(str(c).strip() for c in surplus):
                col = len(header) + 1 + next(i for i, c in enumerate(surplus) if str(c).strip())
                raise StoQualError(f"row has {len(header) + len(surplus)} cells but the header {len(header)}: "
                                   f"column {col} has no name", file=str(path), line=reader.line_num,
                                   hint="remove the extra cell or name the column; a "
                                        + {";": "semicolon", "\t": "tab"}.get(sep, "comma") + " inside a value "
                                        "needs quotes")  # (it said "comma" of a table Dutch Excel wrote with ;)
            if whole_rows and path.suffix.lower() != ".xlsx":  # (a sheet's row ends at its last value)
                _refuse_short_row(row, reader.fieldnames or [], path, reader.line_num, sep)
            # a missing cell is None, empty cells beyond the header (key None) are ignored; a value
            # under a column without a name (Excel's trailing ';' in the header) was dropped unsaid
            unnamed = [i for i, h in enumerate(reader.fieldnames or [], start=1)
                       if not (h or "").strip() and str(row.get(h) or "").strip()]
            if unnamed:
                raise StoQualError(f"column {unnamed[0]} has no name but this row has a value there "
                                   f"('{str(row.get((reader.fieldnames or [])[unnamed[0] - 1])).strip()}')",
                                   file=str(path), line=reader.line_num,
                                   hint="name the column, or remove the value; a "
                                        + {";": "semicolon", "\t": "tab"}.get(sep, "comma") + " inside a value "
                                        "needs quotes")
            clean = {k.strip(): (v.strip() if isinstance(v, str) else "") for k, v in row.items() if k}
            if any(clean.values()):
                clean["__line__"] = str(reader.line_num)
                rows.append(clean)
    except csv.Error as exc:
        raise StoQualError(f"broken CSV ({exc})", file=str(path), line=reader.line_num,
                           hint="check the quotes in that row") from None
    return rows


def _refuse_short_row(row: dict, fieldnames: list[str], path: Path, line: int, sep: str) -> None:
    """A row with fewer cells than the header: its last values may stand under other columns than meant."""
    missing = [col for col, h in enumerate(fieldnames, start=1) if (h or "").strip() and row.get(h) is None]
    if missing:
        have = next(i for i, h in enumerate(fieldnames) if row.get(h) is None)  # (the cells end there)
        sep_name = {";": "semicolon", "\t": "tab"}.get(sep, "comma")
        raise StoQualError(f"row has {have} cell{'s' if have != 1 else ''} but the header {len(fieldnames)}: column "
                           f"{missing[0]} ('{fieldnames[missing[0] - 1].strip()}') has no cell", file=str(path),
                           line=line, hint=f"give the row a cell for every column, an empty one as nothing between "
                                           f"two {sep_name}s")


def _xlsx_as_csv(path: Path) -> str:
    """An Excel table (its first sheet) as CSV text, one line per sheet row, so that a row's line
    is its row number: an --attributes table or role map kept in Excel ("binary data, not text
    (save the transcript as .txt)" blamed the transcripts). A date cell is its ISO date."""
    def cell(v: object) -> str:
        return str(iso_cell(v))
    rows = xlsx_rows(path)
    formulas = uncomputed_formulas(path, rows)
    if formulas:  # read as empty, a value went missing unsaid (a role, a replacement, an attribute)
        raise StoQualError(f"{len(formulas)} formula cell(s) without a computed value ({', '.join(formulas[:10])}"
                           f"{', …' if len(formulas) > 10 else ''})", file=str(path),
                           hint="open the workbook in Excel or LibreOffice and save it, which stores the values")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


# the program's columns as a Dutch table, or another program's, heads them ("bestand" was "missing column
# 'file'"; a pseudonym list "naam,vervanging" and attributes headed "filename" were refused too)
_DUTCH_COLUMNS = {"file": ("bestand", "bestandsnaam", "filename", "file name", "file_name", "bestandnaam"),
                  "speaker": ("spreker", "naam"), "role": ("rol",), "name": ("naam",),
                  "replacement": ("vervanging", "pseudoniem", "vervangen door")}


def _known_columns(header: list[str], known: tuple[str, ...]) -> dict[str, str]:
    """Header name -> the known column it is in another case (``File`` -> ``file``) or in Dutch
    (``Bestand`` -> ``file``), for the known columns the header lacks as written and has exactly
    once so."""
    out = {}
    for col in known:
        if col in header:
            continue
        names = {col.casefold(), *_DUTCH_COLUMNS.get(col, ())}
        other = [h for h in header if h.casefold() in names]
        if len(other) == 1:
            out[other[0]] = col
    return out


def _named(header: list[str], renamed: dict[str, str]) -> list[str]:
    return [renamed.get(h, h) for h in header]


def _has_columns(header: list[str], required: tuple[str, ...]) -> bool:
    """Whether ``read_csv`` would find the ``required`` columns in this header."""
    named = _named(header, _known_columns(header, required))
    return all(col in named for col in required)


def table_kind(path: str | Path) -> str | None:
    """'roles', 'attributes' or 'pseudonyms' when a CSV's (or a workbook's first sheet's) header
    has the columns the --role-map (also named in Dutch: naam or spreker and rol), the
    --attributes table or `pseudonyms import` needs (as ``read_csv`` finds them), 'codings' for
    the codings `export` writes, else None (also when the file cannot be read: its import says
    why)."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".xlsx":  # (the codings export's workbook too, its sheets kept or cut)
            first = xlsx_header(path)
        else:
            text = decode(read_bytes(path, limit=5 * 1024 * 1024), str(path))
            rows = csv.reader(io.StringIO(text), delimiter=delimiter(text))
            first = next((r for r in rows if any(c.strip() for c in r)), [])
    except (StoQualError, csv.Error, OSError):
        return None
    header = [h.strip() for h in first]
    if _has_columns(header, ROLE_COLUMNS):
        return "roles"
    if _has_columns(header, ATTRIBUTE_COLUMNS):
        return "attributes"
    if _has_columns(header, PSEUDONYM_COLUMNS):
        return "pseudonyms"
    if all(c in {h.casefold() for h in header} for c in CODINGS_COLUMNS):
        return "codings"
    return None


def attribute_table(path: str | Path) -> dict[str, dict[str, str]]:
    """file name (or stem) -> attributes. Needs a 'file' column."""
    return attribute_rows(path)[0]


def attribute_rows(path: str | Path) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """``attribute_table`` and, per file name (or stem), the line of the CSV that gives it."""
    out, lines = {}, {}
    first: dict[str, tuple[int, dict[str, str]]] = {}  # a file's stem -> the line and values first given
    for row in read_csv(path, ATTRIBUTE_COLUMNS, whole_rows=True):
        key = row.pop("file")
        line = int(row.pop("__line__"))
        values = {k: v for k, v in row.items() if v != ""}
        # a file given on two rows: the later one won without a word (R02 krimp, then R02 gemengd)
        # (a/R01.txt and b/R01.txt are two files: by folder and stem)
        before = first.setdefault(Path(key.replace("\\", "/")).with_suffix("").as_posix().casefold()
                                  if _has_folder(key) else Path(key).stem, (line, values))
        clash = {k: (before[1][k], v) for k, v in values.items() if before[0] != line and k in before[1]
                 and before[1][k].casefold() != v.casefold()}  # (KRIMP and krimp: one value, as the tables count)
        if clash:
            said = ", ".join(f"{k}: {a}, then {b}" for k, (a, b) in clash.items())
            raise StoQualError(f"file '{key}' is given again with other values than on line {before[0]} ({said})",
                               file=str(path), line=line, hint="keep one row per file")
        # rows of one file (by name or stem) are one set of values, each as first written
        before[1].update({k: v for k, v in values.items() if k not in before[1]})
        lines[key] = line
        out[key] = before[1]
    return out, lines


def _cell(key: str) -> str:
    """An attributes table's ``file`` cell as ``_forms`` compares it: in any capitals, a number
    without its leading zeros (Excel shows "007" as 7)."""
    k = key.strip().casefold()
    return str(int(k)) if k.isdigit() else k


def _forms(file: Path) -> set[str]:
    """The ``file`` cells (``_cell``) that name ``file``: its name or stem ("a1.md" for A1.md, as
    Windows names it; 7 for 007.txt)."""
    return {_cell(file.name), _cell(file.stem)}


def _has_folder(key: str) -> bool:
    return "/" in key or "\\" in key


def _in_folder(key: str, file: Path) -> bool:
    """Whether a ``file`` cell with a folder in it ("a/R01.txt", "./a/R01.txt", a whole path)
    names ``file``: the end of its path, in any capitals."""
    parts = [p.casefold() for p in key.replace("\\", "/").split("/") if p not in ("", ".")]
    have = [p.casefold() for p in file.absolute().parts]
    return len(parts) > 1 and have[-len(parts):-1] == parts[:-1] and _cell(parts[-1]) in _forms(file)


def _names(key: str, file: Path) -> bool:
    return _in_folder(key, file) if _has_folder(key) else _cell(key) in _forms(file)


def attributes_for(table: dict[str, dict[str, str]], file: Path) -> dict[str, str]:
    """The attributes table's values for ``file``: the row naming it with its folder
    ("a/R01.txt"), else the row naming it exactly, else one naming it in other capitals or as a
    number (``_forms``; a row naming nothing of the import was only a warning)."""
    folder = next((values for key, values in table.items() if _has_folder(key) and _in_folder(key, file)), None)
    if folder is not None:
        return folder
    for key in (file.name, file.stem):
        if key in table:
            return table[key]
    forms = _forms(file)
    return next((values for key, values in table.items() if _cell(key) in forms), {})


def shared_rows(path: str | Path, lines: dict[str, int], files: list[Path]) -> None:
    """Refuse a row that names two files of this import (a/R01.txt and b/R01.txt): one row's
    values went to both without a word, over each file's own header."""
    for key, line in lines.items():
        named = [f for f in files if _names(key, f)]
        if len(named) > 1:
            listed = ", ".join(str(f) for f in named[:4]) + (", …" if len(named) > 4 else "")
            raise StoQualError(f"'{key}' names {len(named)} files of this import ({listed}), which would all get "
                               "its attributes", file=str(path), line=line,
                               hint=f"name each file in full ({', '.join(f.name for f in named[:2])})"
                               if len({f.name.casefold() for f in named}) == len(named) else
                               f"name each file with its folder ({_telling(named)}), or import the folders one "
                               "at a time")


def shared_role_rows(path: str | Path, files: list[Path]) -> None:
    """Refuse a role map row whose ``file`` names one of two files of this import with one name
    (a/R01.txt and b/R01.txt): a role map reads a file by its name, so the row gave the second
    one's speaker no role, or the first one's a role meant for the second, unsaid."""
    stems: dict[str, list[Path]] = {}
    for f in files:
        stems.setdefault(f.stem.casefold(), []).append(f)
    for row in read_csv(path, ROLE_COLUMNS, optional=ATTRIBUTE_COLUMNS):
        cell = row.get("file", "")
        twins = stems.get(Path(cell.replace("\\", "/")).stem.casefold(), []) if cell else []
        if len(twins) > 1:
            raise StoQualError(f"'{cell}' is one of {len(twins)} files of this import named "
                               f"{twins[0].stem} ({', '.join(str(f) for f in twins[:3])}), which a role map cannot "
                               "tell apart", file=str(path), line=int(row["__line__"]),
                               hint="import the folders one at a time, each with its own role map")


def _telling(files: list[Path]) -> str:
    """The first file as a row tells it from the others: as many folders as they need
    ("p/a/R01.txt" beside "q/a/R01.txt", where "a/R01.txt" named both again)."""
    first = files[0].absolute().parts
    for k in range(2, len(first) + 1):
        tail = [p.casefold() for p in first[-k:]]
        if not any([p.casefold() for p in f.absolute().parts[-k:]] == tail for f in files[1:]):
            return "/".join(first[-k:])
    return str(files[0])


def mistyped_rows(path: str | Path, lines: dict[str, int], files: list[Path]) -> None:
    """Refuse a row that names no file of this import but likely mistypes one that no row names
    ("R3.txt" for R03.txt): that file was imported without its attributes, exit 0, and a script
    went on with a region type missing. Nothing is written; the line says which row and file."""
    rowless = [f for f in files if not any(_names(k, f) for k in lines)]
    for key, line in lines.items() if rowless else ():
        if any(_names(key, f) for f in files):
            continue
        numbers = [int(n) for n in re.findall(r"\d+", key)]  # R05 beside R06 is another interview, no typo
        candidates = [f for f in rowless if [int(n) for n in re.findall(r"\d+", f.name)] == numbers]
        near = closest_name(key, [f.name if "." in key else f.stem for f in candidates])
        if near:
            raise StoQualError(f"no file '{key}' in this import, and {near}, which it likely names, has no row: it "
                               "would be imported without its attributes; nothing was imported", file=str(path),
                               line=line, hint=f"correct the row to {near} and import again")


def unused_rows(path: str | Path, lines: dict[str, int], files: list[Path]) -> list[str]:
    """Warnings for the rows of an attributes table that name no file of this import (a typo,
    or a file not given): their attributes went nowhere, which must not pass unseen."""
    unused = [(line, key) for key, line in lines.items() if not any(_names(key, f) for f in files)]
    if len(unused) <= 3:  # a typo ("R4-kustzom.txt") gets the file it likely names, and the way to apply it
        near = {key: closest_name(key, [f.name for f in files] if "." in key else [f.stem for f in files])
                for _line, key in unused}
        return [f"{path}:{line}: no file '{key}' in this import; its attributes were not applied"
                + (f" (did you mean {near[key]}? correct the row and import again: the files imported are "
                   "skipped, the row's attributes set)" if near[key] else "")
                for line, key in unused]
    listed = ", ".join(f"{line} ('{key}')" for line, key in unused[:10]) + (", …" if len(unused) > 10 else "")
    return [f"{path}: {len(unused)} rows name no file in this import, their attributes were not applied: "
            f"lines {listed}"]


def role_table(path: str | Path) -> dict[tuple[str, str], str]:
    """(document, speaker label) -> role. Columns 'speaker' and 'role'; an optional 'file'
    column limits a row to one document (file name or its stem); without it the row holds
    for every document."""
    out: dict[tuple[str, str], str] = {}
    first: dict[tuple[str, str], tuple[str, str]] = {}  # (document, speaker casefolded) -> its first row's role, line
    for row in read_csv(path, ROLE_COLUMNS, optional=ATTRIBUTE_COLUMNS):
        if not row["speaker"]:
            continue
        doc = Path(row.get("file", "")).stem if row.get("file") else ""
        # a speaker in other capitals is the same speaker, a role too (roles are stored in lower case)
        role, line = first.setdefault((doc, row["speaker"].casefold()), (row["role"], row["__line__"]))
        if role.casefold() != row["role"].casefold():  # the later row won without a word
            where = f" in {doc}" if doc else ""
            raise StoQualError(f"speaker '{row['speaker']}'{where} is given again with another role than on line "
                               f"{line} ({role}, then {row['role']})", file=str(path),
                               line=int(row["__line__"]), hint="keep one row per speaker; a 'file' column gives "
                                                               "a speaker a role in one interview only")
        out[(doc, row["speaker"])] = row["role"]
    return out
