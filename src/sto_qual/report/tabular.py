"""Codings with text and attributes as CSV, or as .xlsx with the counts and crosstab as extra sheets."""
from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sto_qual.domain.spreadsheet import csv_cell, is_formula_like


def _tmp(out: Path) -> Path:
    return out.with_name(f".{out.name}.tmp-{os.getpid()}")


def write_csv(rows: Sequence[dict[str, Any]], out: str | Path) -> Path:
    out = Path(out)
    tmp = _tmp(out)
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    try:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens UTF-8 correctly
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def write_xlsx(sheets: dict[str, Sequence[dict[str, Any]]], out: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    out = Path(out)
    wb = Workbook(write_only=False)
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
        ws.append(cols)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([_cell(r.get(c)) for c in cols])
            for cell in ws[ws.max_row]:
                if is_formula_like(cell.value):
                    # text, with Excel's quote prefix: shown and copied exactly, never evaluated
                    cell.data_type = "s"
                    cell.quotePrefix = True
        ws.freeze_panes = "A2"
    tmp = _tmp(out)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _cell(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return str(v)
    return v
