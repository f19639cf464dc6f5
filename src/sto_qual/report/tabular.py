"""Codings with text and attributes as CSV, or as .xlsx with the counts and crosstab as extra sheets."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sto_qual.domain.model import Code
from sto_qual.domain.spreadsheet import DUTCH_EXCEL_DELIMITER, EXCEL_CELL, csv_cell, is_formula_like
from sto_qual.domain.text import natural_key
from sto_qual.report.csv_files import refuse_other_csv, remember_csv
from sto_qual.report.files import atomic_write, save_in_memory_then_write, stamp_workbook


def write_csv(rows: Sequence[dict[str, Any]], out: str | Path, *, dutch: bool = False, force: bool = True,
              columns: Sequence[str] = ()) -> Path:
    """The rows as CSV with a byte-order mark (Excel then reads UTF-8); ``dutch``: for Dutch
    Excel (semicolons, decimal commas, ja/nee; ``domain.spreadsheet``). Without ``force`` a CSV
    there that this program did not write is refused (``csv_files.refuse_other_csv``). ``columns`` come
    first, and head the file when there are no rows (a project's first export, with no codings yet,
    wrote no header line, and the next export refused the file as another program's)."""
    out = Path(out)
    cols: list[str] = list(columns)
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", delimiter=DUTCH_EXCEL_DELIMITER if dutch else ",")
    w.writerow({c: csv_cell(c, dutch=dutch) for c in cols})  # a column named after a value (matrix)
    w.writerows({k: csv_cell(v, dutch=dutch) for k, v in r.items()} for r in rows)
    if not force:
        refuse_other_csv(out, [str(csv_cell(c, dutch=dutch)) for c in cols], buf.getvalue())

    def write(tmp: Path) -> None:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens UTF-8 correctly
            fh.write(buf.getvalue())
    written = atomic_write(out, write)
    remember_csv(written)
    return written


WRAP_COLUMNS = ("quote", "memo", "text", "definition")
SHARE_COLUMNS = ("share", "coded_share")  # fractions 0–1, shown as percentages ("79%")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXCEL_SHORT_DATE = "mm-dd-yy"  # Excel's built-in short date (number format 14): shown in the reader's own locale


def date_columns(cols: Sequence[str], rows: Sequence[dict[str, Any]]) -> set[str]:
    """The columns that hold dates: named so ("date", "attr_date"), or whose every value is an
    ISO date (an attribute `created: 2023-12-12` stayed text)."""
    def dated(c: str) -> bool:
        seen = [r.get(c) for r in rows[:500] if r.get(c) not in (None, "")]
        return bool(seen) and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in seen)
    return {c for c in cols if c == "date" or c.endswith("_date") or dated(c)}


def _typed(value: Any, is_date: bool) -> Any:
    """A cell as a spreadsheet value: an ISO date in a date column as a date (it was text, which
    Excel neither sorts by month nor filters by date)."""
    if isinstance(value, str) and is_date and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # "2023-02-30": kept as written
            return value
    return value


def fitted(value: Any) -> Any:
    """A text longer than a cell holds, cut with a mark that says so and how long it was."""
    if not isinstance(value, str) or len(value) <= EXCEL_CELL:
        return value
    mark = f" […] [cut at the spreadsheet's cell limit: {len(value):,} characters in all; the .csv holds them]"
    return value[:EXCEL_CELL - len(mark)] + mark


def write_xlsx(sheets: dict[str, Sequence[dict[str, Any]]], out: str | Path, cut: list | None = None) -> Path:
    """One sheet per entry: bold frozen header, autofilter, column widths from the content
    (long text columns wide and wrapped, top-aligned). A text too long for a cell is cut with a
    mark (``fitted``); ``cut`` collects (sheet, its row, column, length) of each."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    out = Path(out)
    wb = Workbook(write_only=False)
    wb.properties.creator = "sto_qual"  # what this program wrote (``files.office_written_as_is``)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    first = True
    for name, rows in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = name[:31]
        cols: list[str] = []
        for r in rows:
            for k in r:
                if k not in cols:
                    cols.append(k)
        ws.append([_cell(c) for c in cols])
        for c in ws[1]:
            c.font = bold
            if is_formula_like(c.value):  # a column named after a data value (the pivot's groups)
                c.data_type = "s"
                c.quotePrefix = True
        wrapped = {i for i, c in enumerate(cols) if c in WRAP_COLUMNS}
        widths = [len(str(c)) for c in cols]
        dates = date_columns(cols, rows)
        for n, r in enumerate(rows):
            values = [_typed(_cell(r.get(c)), c in dates) for c in cols]
            if any(isinstance(v, str) and len(v) > EXCEL_CELL for v in values):
                if cut is not None:
                    cut += [(name, r, c, len(v)) for c, v in zip(cols, values) if isinstance(v, str)
                            and len(v) > EXCEL_CELL]
                values = [fitted(v) for v in values]
            ws.append(values)
            for i, v in enumerate(values):
                if is_formula_like(v):  # only such a cell is looked up (``ws[ws.max_row]`` read every
                    # cell of the sheet for each row: minutes for 50,000 codings)
                    # text, with Excel's quote prefix: shown and copied exactly, never evaluated
                    cell = ws.cell(row=n + 2, column=i + 1)
                    cell.data_type = "s"
                    cell.quotePrefix = True
            if n < 500:  # widths from a sample: enough to size a column, cheap on 50,000 rows
                for i, v in enumerate(values):
                    if v is not None:
                        widths[i] = max(widths[i], len(str(v)))
        for i in wrapped:  # only the long-text columns: a style per cell costs time on 50,000 rows
            for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell.alignment = wrap
        for i, c in enumerate(cols):  # shares as percentages, dates as the reader's short date
            shown = "0%" if c in SHARE_COLUMNS else EXCEL_SHORT_DATE if c in dates else None
            if shown:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                    if isinstance(cell.value, (int, float, date)) and not isinstance(cell.value, bool):
                        cell.number_format = shown
        for i, w in enumerate(widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = 70 if i in wrapped else min(max(w, 6) + 2, 40)
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(rows) + 1}"
    def save(buf: io.BytesIO) -> None:
        inner = io.BytesIO()
        wb.save(inner)
        buf.write(stamp_workbook(inner.getvalue()))
    return save_in_memory_then_write(save, out)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return str(v)
    return v


def per_group_sheet(codebook: list[Code], cross, counts: list[dict[str, Any]], labels,
                    everyone: str = "all") -> list[dict[str, Any]]:
    """The workbook's sheet per group: code x attribute value, wide, one row per code, the number of
    interviews per group (group sizes in the column names); ``cross``: the crosstab's columns,
    ``labels``: the attribute values' labels (``report.vocabulary.LabelMap``); ``everyone``: the
    column of every interview, in the workbook's language ("alle (N=19)" beside "krimp (N=4)")."""
    totals = {str(v): int(t) for v, t in zip(cross["value"], cross["documents_total"])}
    n_all = int(counts[0]["documents_total"]) if counts else 0
    by_code: dict[str, dict[str, int]] = {}
    for code, value, n in zip(cross["code"], cross["value"], cross["documents"]):
        by_code.setdefault(code, {})[str(value)] = int(n)
    rows = []
    for c in codebook:
        row: dict[str, Any] = {"code": c.path, "label": c.label or c.name}
        row[f"{everyone} (N={n_all})"] = next((r["documents"] for r in counts if r["code"] == c.path), 0)
        for v in sorted(totals, key=natural_key):
            row[f"{labels.value(v)} (N={totals[v]})"] = by_code.get(c.path, {}).get(v, 0)
        rows.append(row)
    return rows
