"""Which file an export may write, checked before anything is read: its extension names the
format, its folder exists, the options fit it (the summary grid, --csv-nl, --where)."""
from __future__ import annotations

import shlex
from pathlib import Path
from typing import NamedTuple

from sto_qual.domain.errors import ExportError

EXPORT_SUFFIXES = (".docx", ".md", ".csv", ".xlsx", ".qdpx")


def _refuse_export(out: Path, suffix: str, grid: bool | None, csv_nl: bool, where: dict[str, str] | None,
                   folder: bool = False) -> bool:
    """Refuse an export the options or the file name cannot make, before anything is read;
    returns whether it is the summary grid. ``folder``: the name was given with a slash at its end."""
    if suffix not in EXPORT_SUFFIXES:
        # `-o nodir/` (a folder meant) said only "use one of .docx, …", not that a file is asked for; `-o codings`
        # (a file meant, its extension left off) was told to make a folder
        folder = folder or out.is_dir()
        named = (f": -o takes a file, e.g. {shlex.quote(str(out / 'hoofdstuk.docx'))}, not a folder" if folder else
                 f": give the file its format's extension, e.g. {out.name}.csv or {out.name}.xlsx" if not suffix else
                 f": {suffix} is no format export writes" + (
                     "; .xlsx is Excel's" if suffix in (".xls", ".xlsm", ".ods") else
                     "; `sto-qual codebook-export` writes the codebook" if suffix in (".qdc", ".yaml", ".yml") else ""))
        raise ExportError(f"cannot export to '{out}'{named}", hint=f"its extension says the format: one of "
                                                               f"{', '.join(EXPORT_SUFFIXES)}")
    if grid and suffix not in (".xlsx", ".docx"):
        raise ExportError(f"the summary grid is written as .xlsx or .docx, not '{out.name}'",
                          hint="name the output FILE.xlsx or FILE.docx")
    if csv_nl and suffix != ".csv":
        raise ExportError(f"--csv-nl is for a .csv file, not '{out.name}'", hint="name the output FILE.csv")
    _check_out(out, suffix)
    wants_grid = suffix in (".xlsx", ".docx") and (grid if grid is not None else is_grid_name(out))
    if where and (wants_grid or suffix == ".qdpx"):
        what = "the summary grid" if wants_grid else "a REFI-QDA project"
        # (it said "or export to .docx" to a writer who had: the grid is the --grid, not the suffix)
        hint = ("leave out --where; or leave out --grid: .docx is then the chapter and .xlsx the codings, both "
                "limited by --where" if grid else "leave out --where, or export to .csv, .xlsx, .md or .docx"
                if suffix == ".qdpx" else f"leave out --where; or, for what --where limits, name the file otherwise "
                f"than grid ({out.name} is the summary grid by its name)")
        raise ExportError(f"--where is for the codings (.csv, .xlsx) and the chapter (.md, .docx): {what} holds "
                          "every interview", hint=hint)
    return wants_grid


def is_grid_name(out: Path) -> bool:
    """grid.xlsx, summary-grid.docx, project_grid.xlsx: the summary table, not the codings."""
    stem = out.stem.lower()
    return stem == "grid" or stem.endswith(("-grid", "_grid", ".grid"))


def _check_out(out: str | Path, suffix: str, hint: str | None = None) -> Path:
    """``out`` as a path, refused with one line when it does not end in ``suffix`` (``hint``: what
    to do instead), its folder is missing or it is a folder."""
    out = Path(out)
    if out.suffix.lower() != suffix:
        raise ExportError(f"output file '{out.name}' must end in {suffix}", hint=hint)
    if not out.parent.exists():
        raise ExportError(f"{out.parent}: no such directory", hint="create it first")
    if out.exists() and out.is_dir():
        raise ExportError(f"{out}: is a directory")
    return out


class ExportFormat(NamedTuple):
    """A format the workbench's Export screen (F8) offers: ``name`` ends its file's default name
    (studie-codings.csv); ``grid`` writes the summary grid."""
    key: str
    suffix: str
    label: str
    name: str
    grid: bool = False


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("docx", ".docx", "Report chapter (Word)", "report"),
    ExportFormat("md", ".md", "Report (Markdown)", "report"),
    ExportFormat("csv", ".csv", "Codings / quotes table (CSV)", "codings"),
    ExportFormat("xlsx", ".xlsx", "Workbook with counts and quotes (Excel)", "codings"),
    ExportFormat("grid", ".xlsx", "Summary grid: interviews x codes (Excel)", "grid", grid=True),
    ExportFormat("qdpx", ".qdpx", "REFI-QDA project (QDPX)", "project"),
)
