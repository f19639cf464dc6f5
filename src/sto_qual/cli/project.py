"""Creating a project and asking what is in it: init, info, default-coder."""
from __future__ import annotations

import shlex
from pathlib import Path

import click

from sto_qual.cli.options import (OneLineUsage, _close_quietly, _echo_rows, _format_option, _open, _project_option,
                                  family)
from sto_qual.domain.project_files import named_like
from sto_qual.output import to_json


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()




@cli.command()
@_project_option
@click.option("--codebook", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Codebook YAML or REFI-QDA .qdc, or the codebook of a REFI-QDA project (.qdpx), whose "
                   "interviews and codings `sto-qual import FILE.qdpx` then brings (default: the bundled STO codebook).")
@click.option("--default-coder", default=None, help="Default coder name for this project.")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
def init(project: str, codebook: str | None, default_coder: str | None, path: str | None) -> None:
    """Create a new project file: `sto-qual init studie.db` (or --project studie.db)."""
    from sto_qual.services import Workspace
    if path is not None:  # "sto-qual init studie.db", as git init and sqlite3 take it
        given = click.get_current_context().get_parameter_source("project")
        if given is click.core.ParameterSource.COMMANDLINE and project != path:
            raise click.BadParameter(f"two project files given ({path} and --project {project}); give one",
                                     param_hint="'PATH'")
        project = path
    # a project named as an output or an input it is not ("studie.xlsx", "codebook.yaml") was made as
    # asked, and then taken for a workbook or a codebook (an export to its name would have replaced it)
    kind = named_like(project)
    if kind:  # (a codebook given as the project: it is read with --codebook, which it likely meant)
        also = (f", or start one from it: `sto-qual init {shlex.quote(str(Path(project).with_suffix('.db')))} "
                f"--codebook {shlex.quote(str(project))}`"
                if kind in ("YAML file", "REFI-QDA codebook") and Path(project).exists() and not codebook else "")
        raise OneLineUsage(f"'{project}' would be a project named like a {kind}; name it {Path(project).stem}.db{also}")
    ws = Workspace.create(project, codebook, default_coder)
    click.get_current_context().call_on_close(lambda: _close_quietly(ws))  # as _open's projects
    for w in ws.codebook_warnings:
        click.echo(f"warning: {w}", err=True)
    info = ws.info()
    click.echo(f"Created {project}: {info['codes']} codes, schema v{info['schema_version']}.")
    if codebook is None:  # a researcher imported her own codebook next and had two "Collectief optrekken", unsaid
        click.echo(f"note: these are the bundled STO codebook's codes; for your own instead, remove {project} and "
                   f"run `sto-qual init --project {shlex.quote(str(project))} --codebook FILE` (`codebook-import` "
                   "adds a file's codes beside these and deletes none)", err=True)
    if not default_coder and ws.resolve_coder() == ws.default_coder():  # handed out as it is, every copy codes so
        click.echo(f"note: codings go under '{ws.default_coder()}' until a coder names herself (`sto-qual "
                   "default-coder NAME` in her own copy, or --coder NAME); copies coded under one name are one "
                   "coder's once merged", err=True)


@cli.command()
@_project_option
@_format_option
def info(project: str, fmt: str) -> None:
    """Schema version and counts of documents, codes, codings, coders."""
    data = _open(project).info()
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt in ("csv", "csv-nl"):  # one row per figure, as a spreadsheet reads it
        _echo_rows([{"figure": k, "value": v} for k, v in data.items()], fmt)
    else:
        for k, v in data.items():
            click.echo(f"{k:<24} {'(none)' if v is None else v}")  # (a reference coder not set: not "None")


@cli.command("default-coder")
@_project_option
@click.argument("name", required=False)
def default_coder(project: str, name: str | None) -> None:
    """Show or set who codes in this project when no --coder or STO_QUAL_CODER is given (in a
    coder's copy of the lead's project: her own name)."""
    if name is not None and not name.strip():
        raise click.BadParameter("give a coder's name (see `sto-qual coders`)", param_hint="'NAME'")
    ws = _open(project)
    if name is not None:
        # a typo or a former name was set with a note, and every command after it made a second coder
        from sto_qual.cli.coding_notes import refuse_typo
        refuse_typo(ws, name, "set", give="`sto-qual default-coder {}`")
        name = ws.set_default_coder(name)
    click.echo(f"default coder: {ws.default_coder()}")
