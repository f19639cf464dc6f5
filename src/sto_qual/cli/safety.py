"""Backups: a consistent copy of a project, and restoring one."""
from __future__ import annotations

import shlex
from pathlib import Path

import click

from sto_qual.cli.options import OneLineUsage, _echo_rows, _format_option, _open, _project_option, family
from sto_qual.domain.names import restore_command
from sto_qual.domain.project_files import named_like


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command()
@_project_option
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="The copy's file (default: beside the project, NAME.backup-YYYYMMDD-HHMMSS.db).")
def backup(project, output) -> None:
    """Consistent copy of the project (safe while the TUI is open); `restore` brings one back."""
    kind = named_like(output) if output else None
    if kind:  # `backup -o kopie.xlsx` wrote a database Excel cannot open, taken for `export -o`
        from sto_qual.services.export_targets import EXPORT_SUFFIXES
        exported = Path(output).suffix.lower() in EXPORT_SUFFIXES
        raise OneLineUsage(f"'{output}' would be a backup named like a {kind}; a backup is the project's .db file: "
                           f"name it {Path(output).stem}.db"
                           + (f" (`sto-qual export -o {output}` writes the {kind})" if exported else ""))
    # the whole path and the command that brings it back, as `backups` says it (a relative name alone
    # left a user who had changed folder to find it, and the restore, herself)
    made = Path(_open(project).backup(output)).absolute()
    click.echo(f"Backed up to {made}")
    click.echo(f"`sto-qual restore -p {shlex.quote(str(Path(project).absolute()))} {shlex.quote(str(made))}` brings "
               "it back (the project as it is then is kept as a backup first)"
               # a copy made for a second coder (the README's way) is merged, not restored over the others' work
               + (f"; a copy a coder works in comes back with `sto-qual merge {shlex.quote(str(made))}`, which keeps "
                  "what was done here meanwhile" if output else ""), err=True)


@cli.command()
@_project_option
@_format_option
def backups(project, fmt) -> None:
    """The project's backups beside it, newest first: those made before a merge, a code-delete, a
    restore, `agreed` or a migration (`delete-doc` makes none: it takes an interview out for good),
    and `backup`'s own (JSON keys: file, kind, made, bytes, documents, codings, before). `restore BACKUP`
    brings one back."""
    from sto_qual.services.safety import backup_occasions, backups_of
    ws = _open(project)  # a project that is not there is said as every command says it
    occasions = backup_occasions(ws)  # (which copy a merge's backup was made before)
    ws.close()
    rows = backups_of(project, occasions)
    if fmt != "table":
        _echo_rows(rows, fmt)
        return
    if not rows:
        click.echo(f"no backups beside {project} (`sto-qual backup` makes one; a copy `backup -o` wrote under a name "
                   "of your own is not listed, `restore` takes it by its path)")
        return
    _echo_rows([{**r, "file": Path(str(r["file"])).name} for r in rows], fmt)
    click.echo(f"`sto-qual restore -p {shlex.quote(str(project))} FILE` brings one back (the project is kept as a "
               "backup first); "
               "of those made before a merge, a code-delete, a codebook-import or `agreed` the newest ten and the "
               "first are kept", err=True)


@cli.command()
@_project_option
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True)
def restore(project, backup_file, yes) -> None:
    """Replace the project with a backup (the current file is kept as a backup first)."""
    from click.core import ParameterSource

    from sto_qual.services.safety import (check_restore_source, foreign_backup, restore_backup, restore_counts,
                                          restore_target, restore_words, same_file)
    given = click.get_current_context().get_parameter_source("project") != ParameterSource.DEFAULT
    target, made_of = restore_target(project, backup_file, given)
    if target != project:
        click.echo(f"project: {target} (the backup's own; --project restores into another file)", err=True)
    project = target
    check_restore_source(backup_file, project)  # no backup, or a project open elsewhere: before anything is asked
    other = foreign_backup(project, backup_file)
    if other:  # said before the question, and with --yes (the state before is kept either way)
        click.echo(f"warning: {other}", err=True)
    if made_of is not None and not same_file(made_of, project):
        # `-p typo.db` made a new project, `-p other.db` replaced another project, unsaid
        click.echo(f"note: the backup's name says it was made of {made_of}, not {project}", err=True)
    if not Path(project).exists():
        click.echo(f"note: {project} does not exist: the backup becomes a new project there", err=True)
        if not yes and made_of is not None:
            click.confirm(f"Make {project} from {backup_file}?", abort=True)
    counted = restore_counts(project, backup_file) if Path(project).exists() else None
    changes, made = (restore_words(counted), dict(counted[0])) if counted else ("", {})
    if Path(project).exists() and not yes:
        # what goes: every change made since the backup, counted (the project is kept as a backup first)
        click.confirm(f"Replace {project} with {backup_file}? " + ("Every coding of the project is replaced by the "
                      "file's" if counted and counted.apart else "Every change made since that backup is undone")
                      + f"{': ' + changes if changes else ''} ({project} is kept as a backup first)", abort=True)
    kept = restore_backup(project, backup_file, said={"made": made})
    click.echo(f"Restored {project} from {backup_file}" + (f" (previous kept as {kept})" if kept else ""))
    if kept:  # (the file alone was named: the command that takes the restore back)
        if changes:  # (the kept file is the project before: what it holds that the backup does not)
            click.echo(f"note: {restore_words(counted, done=True)}", err=True)
        if made and not counted.apart:  # the coders' work since, brought back without undoing the restore
            click.echo(f"note: `sto-qual merge {shlex.quote(str(kept))} --project {shlex.quote(str(project))}` "
                       "brings the codings made since that backup back into the restored project (all of them: "
                       "also those of a merge or import the restore was to take back)", err=True)
        click.echo(f"note: {restore_command(kept, project)} takes this restore back", err=True)
