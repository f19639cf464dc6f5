"""What a project file is not: names that say another kind of file. `init studie.xlsx` made a
project an export to that name would replace, and `backup -o kopie.xlsx` wrote a database
Excel cannot open; one rule for both, and for the hint of a project not found."""
from __future__ import annotations

import difflib
from pathlib import Path

NOT_A_PROJECT = {".xlsx": "workbook", ".xls": "workbook", ".csv": "table", ".docx": "Word document",
                 ".md": "Markdown chapter", ".yaml": "YAML file", ".yml": "YAML file", ".qdpx": "REFI-QDA project",
                 ".qdc": "REFI-QDA codebook", ".txt": "transcript", ".pdf": "PDF"}


def named_like(path: str | Path) -> str | None:
    """The kind of file ``path``'s name says it is when that is no project ("workbook"), else None."""
    return NOT_A_PROJECT.get(Path(path).suffix.lower())



def meant_name(name: str, names: list[str]) -> str | None:
    """Of the file names beside a path that is not there, the one nearly its name ("A01-lingedal.txt"
    for "A01-lingdal.txt", "attributen.csv" for "attributes.csv", "R01.TXT" for "R01.txt"), or None: a
    mistyped path was refused with "no such file or directory" alone, where a mistyped document
    name gets "did you mean"."""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75) or [n for n in names if n.lower() == name.lower()]
    return close[0] if close else None
