"""Open survey answers from .csv/.xlsx: one row is one case (respondent).

The chosen text column(s) become the document text (one turn per column,
labelled with the column name); the other columns become attributes.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import ParsedDocument
from sto_qual.importers.decode import check_zip, decode, read_bytes
from sto_qual.importers.speakers import assemble


def _rows_csv(path: Path) -> list[list[str]]:
    text = decode(read_bytes(path), str(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _rows_xlsx(path: Path) -> list[list[Any]]:
    check_zip(path, "Excel workbook").close()
    try:
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    except Exception as exc:
        raise ImportRefused(f"corrupt Excel workbook ({type(exc).__name__})", file=str(path),
                            hint="open and re-save it in Excel") from None


def parse(path: Path, text_columns: list[str] | None = None, id_column: str | None = None
          ) -> list[ParsedDocument]:
    rows = _rows_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_csv(path)
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if len(rows) < 2:
        raise ImportRefused("a survey file needs a header row and at least one answer", file=str(path))
    header = [str(h).strip() for h in rows[0]]
    if text_columns:
        missing = [c for c in text_columns if c not in header]
        if missing:
            raise ImportRefused(f"no column '{missing[0]}' in the header", file=str(path), line=1,
                                hint=f"columns: {', '.join(header)}")
        chosen = text_columns
    else:
        # default: the columns whose average answer is longest (free text), at least 40 characters
        lengths = {h: sum(len(str(r[i])) for r in rows[1:] if i < len(r)) / (len(rows) - 1)
                   for i, h in enumerate(header)}
        chosen = [h for h, n in lengths.items() if n >= 40] or [max(lengths, key=lengths.get)]
    idx = {h: i for i, h in enumerate(header)}
    docs = []
    for line_no, row in enumerate(rows[1:], start=2):
        cells = {h: (row[i] if i < len(row) else "") for h, i in idx.items()}
        parts = [(col, None, None, str(cells[col])) for col in chosen if str(cells[col]).strip()]
        if not parts:
            continue
        text, turns, _ = assemble(parts)
        case = str(cells.get(id_column, "")).strip() if id_column else ""
        name = f"{path.stem}-{case or line_no - 1}"
        attrs = {h: v for h, v in cells.items() if h not in chosen and str(v).strip() != ""}
        attrs["source_row"] = line_no
        docs.append(ParsedDocument(name=name, source_file=f"{path.name}#{line_no}", format="survey",
                                   text=text, turns=turns, attributes=attrs))
    if not docs:
        raise ImportRefused("no answers in the chosen text column(s)", file=str(path))
    return docs
