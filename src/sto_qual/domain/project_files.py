"""What a project file is not: names that say another kind of file. `init studie.xlsx` made a
project an export to that name would replace, and `backup -o kopie.xlsx` wrote a database
Excel cannot open; one rule for both, and for the hint of a project not found."""
from __future__ import annotations

from pathlib import Path

NOT_A_PROJECT = {".xlsx": "workbook", ".xls": "workbook", ".csv": "table", ".docx": "Word document",
                 ".md": "Markdown chapter", ".yaml": "YAML file", ".yml": "YAML file", ".qdpx": "REFI-QDA project",
                 ".qdc": "REFI-QDA codebook", ".txt": "transcript", ".pdf": "PDF"}


def named_like(path: str | Path) -> str | None:
    """The kind of file ``path``'s name says it is when that is no project ("workbook"), else None."""
    return NOT_A_PROJECT.get(Path(path).suffix.lower())
