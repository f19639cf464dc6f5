"""Open survey answers from .csv/.xlsx: one row is one case (respondent).

The chosen text column(s) become the document text (one turn per column,
labelled with the column name); the other columns become attributes.
Rows, columns and cells read are bounded (``limits``): a worksheet with a cell in
row 1,048,576 is refused after the row limit, not padded out.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers import limits
from sto_qual.importers.decode import check_zip, decode, read_bytes, refuse_controls
from sto_qual.importers.speakers import assemble


def _rows_csv(path: Path) -> list[tuple[int, list[str]]]:
    """(the line each row starts on, its cells): an answer holding a line break spans lines, and a
    warning counting rows named line 4 for the row on line 5."""
    text = decode(read_bytes(path), str(path))
    refuse_broken_quote(text, delimiter(text), path)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
            _bound(len(rows), len(row), path)
    except csv.Error as exc:
        raise ImportRefused(f"broken CSV ({exc})", file=str(path), line=reader.line_num,
                            hint="check the quotes in that row") from None
    return rows


def delimiter(text: str) -> str:
    """The separator of a CSV file: the one of ; tab , that the header line uses most.
    (csv.Sniffer guesses from the answers too, and free-text answers are full of commas.)"""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def broken_quote(text: str, sep: str) -> tuple[int, int, str] | None:
    """(line the row starts on, line where it breaks, what) of the first quoted value that is not
    closed right before a separator, or None. csv reads on past it: an unclosed quote took the
    rest of the file as one value, and one closed rows later ('Anna,"Persoon A' … 'Piet,"Persoon P"')
    the rows between (a pseudonym list's Jan and Piet were never replaced; survey answers lost)."""
    reader = csv.reader(io.StringIO(text), delimiter=sep, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:  # (another fault, "field larger than field limit", is said where it is read)
            quoted = "unexpected end of data" in str(exc) or "expected after '\"'" in str(exc)
            return (start, reader.line_num, str(exc)) if quoted else None


def refuse_broken_quote(text: str, sep: str, path: Path) -> None:
    """``broken_quote`` as a one-line refusal naming the file and the line."""
    broken = broken_quote(text, sep)
    if broken is None:
        return
    start, at, what = broken
    if "unexpected end of data" in what:
        raise ImportRefused("a quote (\") opened in this row is never closed: every row after it would be read as "
                            "part of this value", file=str(path), line=start,
                            hint="close the quote in that row, or remove it")
    raise ImportRefused("a quote (\") opened in this row " + (f"is closed only on line {at}, in the middle of a value: "
                        "the rows between would be read as part of this value" if at > start else
                        "is closed in the middle of the value"), file=str(path), line=start,
                        hint="close the quote right before the separator in that row (a quote inside a value is "
                             "written twice: \"\")")


def _bound(n_rows: int, n_cols: int, path: Path) -> None:
    if n_rows > limits.MAX_SURVEY_ROWS + 1:
        raise ImportRefused(f"more than {limits.MAX_SURVEY_ROWS:,} rows", file=str(path),
                            hint="split the survey into smaller files")
    if n_cols > limits.MAX_SURVEY_COLUMNS:
        raise ImportRefused(f"more than {limits.MAX_SURVEY_COLUMNS:,} columns", file=str(path), line=n_rows,
                            hint="keep only the columns you need")


def xlsx_rows(path: Path) -> list[list[Any]]:
    check_zip(path, "Excel workbook", office=True).close()
    wb = _open_xlsx(path, values=True)
    try:
        if not wb.worksheets:
            raise ImportRefused("the workbook has no worksheet", file=str(path))
        ws = wb.worksheets[0]
        # The <dimension> a file declares may lie: too small and openpyxl would drop the rows
        # beyond it, too large and it would pad every row out to it. Read what is there.
        ws.reset_dimensions()
        rows: list[list[Any]] = []
        cells = 0
        for row in ws.iter_rows(values_only=True):
            cells += len(row) + 1
            if cells > limits.MAX_SURVEY_CELLS:
                raise ImportRefused(f"the worksheet has more than {limits.MAX_SURVEY_CELLS:,} cells (empty ones "
                                    "included)", file=str(path), hint="delete the unused rows and columns")
            values = ["" if v is None else v for v in row]
            while values and values[-1] == "":
                values.pop()
            for v in values:
                if isinstance(v, str):
                    refuse_controls(v, str(path), len(rows) + 1)
            rows.append(values)
            _bound(len(rows), len(values), path)
        for other in wb.worksheets[1:]:  # a second sheet's respondents were left out unsaid
            other.reset_dimensions()
            if any(v not in (None, "") for row in other.iter_rows(values_only=True) for v in row):
                first = "holds rows too" if any(rows) else f"holds the rows, and the first sheet ('{ws.title}') is empty"
                raise ImportRefused(f"the workbook's sheet '{other.title}' {first}; only its first sheet "
                                    f"('{ws.title}') is read", file=str(path),
                                    hint="move those rows to the first sheet, or save that sheet as a workbook "
                                         "of its own and import both")
        _fill_merged(wb, ws, rows)
        return rows
    except ImportRefused:
        raise
    except Exception as exc:
        raise ImportRefused(f"corrupt Excel workbook ({type(exc).__name__})", file=str(path),
                            hint="open and re-save it in Excel") from None
    finally:
        wb.close()


_MERGE = re.compile(r'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _fill_merged(wb, ws, rows: list[list[Any]]) -> None:
    """A cell merged over several rows ("R01" beside three respondents) holds its value in its first
    row only: the rows below it got no region, unsaid. Each row of the merge gets it, in the merge's
    first column (a value merged across columns is one value, not one per column)."""
    from openpyxl.utils import column_index_from_string
    try:
        xml = wb._archive.read(ws._worksheet_path).decode("utf-8", "replace")
    except (AttributeError, KeyError):  # no archive to read the merges from: nothing merged to fill
        return
    for c1, r1, _c2, r2 in _MERGE.findall(xml):
        col, top, bottom = column_index_from_string(c1) - 1, int(r1), min(int(r2), len(rows))
        if top > len(rows) or col >= len(rows[top - 1]):
            continue
        value = rows[top - 1][col]
        for r in range(top + 1, bottom + 1):
            row = rows[r - 1]
            row.extend([""] * (col + 1 - len(row)))
            if row[col] == "":
                row[col] = value


def iso_cell(v: Any) -> Any:
    """An Excel date cell as its ISO date ("2024-03-12", not "2024-03-12T00:00:00", which a CSV of the
    same answers does not give), a moment with a time as its ISO form; any other value as it is."""
    import datetime
    if isinstance(v, datetime.datetime) and v.time() == datetime.time(0):
        return v.date().isoformat()
    return v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v


def xlsx_header(path: Path) -> list[str]:
    """The first sheet's first row with a value, as text ([] when there is none)."""
    check_zip(path, "Excel workbook", office=True).close()
    wb = _open_xlsx(path, values=True)
    try:
        for row in wb.worksheets[0].iter_rows(values_only=True, max_row=20) if wb.worksheets else ():
            if any(v not in (None, "") for v in row):
                return ["" if v is None else str(v) for v in row]
        return []
    finally:
        wb.close()


def _open_xlsx(path: Path, *, values: bool):
    """The workbook read-only; ``values``: each formula cell as the value the spreadsheet last
    computed (None when no spreadsheet program ever computed it), else as its formula."""
    try:
        import openpyxl
        return openpyxl.load_workbook(path, read_only=True, data_only=values)
    except Exception as exc:
        raise ImportRefused(f"corrupt Excel workbook ({type(exc).__name__})", file=str(path),
                            hint="open and re-save it in Excel") from None


def uncomputed_formulas(path: Path, rows: list[list[Any]]) -> list[str]:
    """The cells (``C4``) holding a formula whose value was never computed: a workbook written by
    a script rather than saved by Excel or LibreOffice stores the formula alone, and its cell
    reads as empty. Looked for only where a cell read empty; the formulas are read once more."""
    from openpyxl.utils import get_column_letter
    wb = _open_xlsx(path, values=False)
    found: list[str] = []
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        for r, row in enumerate(ws.iter_rows(values_only=True, max_row=len(rows))):
            for c, v in enumerate(row):
                if isinstance(v, str) and v.startswith("=") and (c >= len(rows[r]) or rows[r][c] == ""):
                    found.append(f"{get_column_letter(c + 1)}{r + 1}")
    finally:
        wb.close()
    return found


class SurveyAnswers(list):
    """The documents of a survey file, and ``notes``: what the import should say about the
    file as a whole (rows left out)."""
    notes: tuple[str, ...] = ()


def parse(path: Path, text_columns: list[str] | None = None, id_column: str | None = None
          ) -> SurveyAnswers:
    xlsx = path.suffix.lower() == ".xlsx"
    all_rows = xlsx_rows(path) if xlsx else []
    # (row number in the sheet, or the line it starts on, cells) of the non-empty rows; the first is the header
    numbered = [(n, r) for n, r in (enumerate(all_rows, start=1) if xlsx else _rows_csv(path))
                if any(str(c).strip() for c in r)]
    if len(numbered) < 2:
        raise ImportRefused("a survey file needs a header row and at least one answer", file=str(path))
    rows = [r for _, r in numbered]
    filled = [sum(1 for c in r if str(c).strip()) for r in rows]
    if filled[0] == 1 and max(filled[1:]) > 1:  # a title above the header: its answers were lost, unsaid
        title = next(str(c).strip() for c in rows[0] if str(c).strip())
        raise ImportRefused(f"the first row holds one cell ('{title[:40]}') where the rows below hold more: a title "
                            "above the header?", file=str(path), line=numbered[0][0],
                            hint="delete the rows above the header and import again")
    header = [str(h).strip() or f"kolom{i + 1}" for i, h in enumerate(rows[0])]
    for line_no, r in numbered[1:]:  # an answer with the delimiter in it split into more cells than columns
        if len(r) > len(header) and any(str(c).strip() for c in r[len(header):]):
            raise ImportRefused(f"row {line_no} has {len(r)} cells where the header has {len(header)}: an answer "
                                "holding the delimiter was cut there", file=str(path), line=line_no,
                                hint="put such an answer in double quotes (\"…; …\"), or save the file from Excel "
                                     "as CSV, which does")
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise ImportRefused(f"column '{dup[0]}' occurs twice in the header", file=str(path), line=numbered[0][0],
                            hint="give every column its own name")
    # a column named in other capitals is that column, when only one is ("toelichting techniekonderwijs")
    folded = {h.casefold(): h for h in header if sum(x.casefold() == h.casefold() for x in header) == 1}
    text_columns = [c if c in header else folded.get(c.casefold(), c) for c in text_columns or []] or text_columns
    id_column = folded.get(id_column.casefold(), id_column) if id_column and id_column not in header else id_column
    for col in [*(text_columns or []), *([id_column] if id_column else [])]:
        if col not in header:
            raise ImportRefused(f"no column '{col}' in the header", file=str(path), line=numbered[0][0],
                                hint=f"columns: {', '.join(header)[:200]}")
    if text_columns:
        chosen = list(dict.fromkeys(text_columns))
    else:
        # default: the columns whose average answer is longest (free text), at least 40 characters
        lengths = {h: sum(len(str(r[i])) for r in rows[1:] if i < len(r)) / (len(rows) - 1)
                   for i, h in enumerate(header)}
        chosen = [h for h, n in lengths.items() if n >= 40] or [max(lengths, key=lengths.__getitem__)]
    idx = {h: i for i, h in enumerate(header)}
    docs = SurveyAnswers()
    empty: list[int] = []  # sheet rows with cells but no answer in the text column(s)
    first_of: dict[str, int] = {}  # an id -> the line it was first given on
    repeated: list[str] = []  # ids given again: the rows became NAME-2 without a word
    for case_no, (line_no, row) in enumerate(numbered[1:], start=1):
        cells = {h: (row[i] if i < len(row) else "") for h, i in idx.items()}
        parts = [(col, None, None, str(cells[col])) for col in chosen if str(cells[col]).strip()]
        if not parts:
            empty.append(line_no)
            continue
        text, turns, _ = assemble(parts)
        case = str(cells.get(id_column, "")).strip() if id_column else ""
        if case and case in first_of:
            repeated.append(f"'{case}' (lines {first_of[case]} and {line_no})")
        first_of.setdefault(case, line_no)
        name = f"{path.stem}-{case or case_no}"
        attrs = {h: iso_cell(v) for h, v in cells.items() if h not in chosen and str(v).strip() != ""}
        attrs["source_row"] = line_no
        docs.append(ParsedDocument(name=name, source_file=f"{path.name}#{line_no}", format="survey",
                                   text=text, turns=turns, attributes=attrs))
    if not docs:
        raise ImportRefused("no answers in the chosen text column(s)", file=str(path))
    notes = []
    if empty:
        lines = ", ".join(map(str, empty[:10])) + (", …" if len(empty) > 10 else "")
        columns = ", ".join(f"'{c}'" for c in chosen)
        notes.append(f"{path.name}: {len(empty)} row(s) left out, no answer in {columns} "
                     f"({'line' if len(empty) == 1 else 'lines'} {lines})")
    if repeated:
        notes.append(f"{path.name}: {len(repeated)} id(s) in '{id_column}' given to more than one row: "
                     f"{', '.join(repeated[:5])}{' …' if len(repeated) > 5 else ''}; each row is its own "
                     "document, the later ones numbered (-2, -3)")
    formulas = uncomputed_formulas(path, all_rows) if xlsx else []
    if formulas:
        notes.append(f"{path.name}: {len(formulas)} formula cell(s) without a computed value read as empty "
                     f"({', '.join(formulas[:10])}{', …' if len(formulas) > 10 else ''}); open the workbook in "
                     "Excel or LibreOffice, save it (which stores the values) and import it again")
    docs.notes = tuple(notes)
    return docs
