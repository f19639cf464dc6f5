"""Spreadsheet cells that cannot run: the one rule for every CSV and XLSX sto_qual writes.

A coded sentence, memo or attribute that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is read by Excel and LibreOffice as a formula (``=HYPERLINK(...)``,
``+cmd|' /C calc'!A0``). As OWASP recommends, such a text cell is prefixed with a single
quote in CSV; in XLSX it is stored as text with the cell style's quote prefix, so the text
itself stays exact. A plain number written as text (``-2``, ``+3,5``) cannot run and is
kept, so numeric columns stay numeric.

CSV for Dutch Excel (``--format csv-nl``, ``export --csv-nl``): Excel in a Dutch locale splits
a double-clicked file on semicolons, reads "0,79" as a number and "0.79" not, and needs the
UTF-8 byte-order mark to show "geïnterviewde"; yes/no reads as "ja"/"nee"; a range of sentences
("3-5") is written with an en dash ("3–5"), which Dutch Excel reads as text, not as 3 May.
"""
from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_formula_like(value: Any) -> bool:
    """True for a text a spreadsheet would evaluate (numbers themselves are never)."""
    return (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
            and _PLAIN_NUMBER.fullmatch(value) is None)


DUTCH_EXCEL_DELIMITER = ";"
BYTE_ORDER_MARK = "\ufeff"


_WHOLE_NUMBER = re.compile(r"0|[1-9]\d{0,14}")


def whole_number(value: Any) -> Any:
    """A whole number written as digits ("3", "12": an attribute a transcript's front matter
    gives as text) as its number, so a spreadsheet sorts and adds it as one; anything else
    ("007", "R01", "3,5", "ja") as it is."""
    return int(value) if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value) else value


_RANGE = re.compile(r"\d{1,4}-\d{1,4}")  # "3-5": Excel makes it a date (3 May, 5 March)


def csv_cell(value: Any, *, dutch: bool = False) -> Any:
    """The value to write into a CSV cell (``dutch``: for Dutch Excel)."""
    if dutch and isinstance(value, bool):
        return "ja" if value else "nee"
    if dutch and isinstance(value, float):
        return "" if value != value else repr(value).replace(".", ",")
    if dutch and isinstance(value, str) and _RANGE.fullmatch(value):
        return value.replace("-", "\u2013")
    return "'" + value if is_formula_like(value) else value


EXCEL_CELL = 32_767  # the most characters a spreadsheet cell holds (openpyxl cut longer text unsaid)
