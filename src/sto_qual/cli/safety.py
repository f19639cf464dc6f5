"""Backups: a consistent copy of a project, and restoring one."""
from __future__ import annotations

from pathlib import Path

import click

from sto_qual.cli.options import _open, _project_option, family


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command()
@_project_option
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="The copy's file (default: beside the project, NAME.backup-YYYYMMDD-HHMMSS.db).")
def backup(project, output) -> None:
    """Consistent copy of the project (safe while the TUI is open); `restore` brings one back."""
    click.echo(f"Backed up to {_open(project).backup(output)}")


@cli.command()
@_project_option
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True)
def restore(project, backup_file, yes) -> None:
    """Replace the project with a backup (the current file is kept as a backup first)."""
    from sto_qual.services.safety import check_restore_source, foreign_backup, restore_backup
    project, made_of = _restore_target(project, backup_file)
    check_restore_source(backup_file, project)  # no backup, or a project open elsewhere: before anything is asked
    other = foreign_backup(project, backup_file)
    if other:  # said before the question, and with --yes (the state before is kept either way)
        click.echo(f"warning: {other}", err=True)
    if made_of is not None and made_of.resolve() != Path(project).resolve():
        # `-p typo.db` made a new project, `-p other.db` replaced another project, unsaid
        click.echo(f"note: the backup's name says it was made of {made_of}, not {project}", err=True)
    if not Path(project).exists():
        click.echo(f"note: {project} does not exist: the backup becomes a new project there", err=True)
        if not yes and made_of is not None:
            click.confirm(f"Make {project} from {backup_file}?", abort=True)
    elif not yes:
        # what goes: every change made since the backup (the project is kept as a backup first)
        click.confirm(f"Replace {project} with {backup_file}? Every change made since that backup is undone "
                      f"({project} is kept as a backup first)", abort=True)
    kept = restore_backup(project, backup_file)
    click.echo(f"Restored {project} from {backup_file}" + (f" (previous kept as {kept})" if kept else ""))


def _restore_target(project: str, backup_file: str) -> tuple[str, Path | None]:
    """The project a restore replaces, and the one the backup's name says it was made of. Without --project (nor STO_QUAL_PROJECT) and no project
    file here, the one the backup was made of, beside it ("demo.pre-merge-….db": demo.db), said;
    else refused: `restore demo.pre-merge-….db`, run as a message printed it from another folder,
    made a new sto-qual.db there and left the merged project as it was."""
    from click.core import ParameterSource

    from sto_qual.domain.errors import StoQualError
    from sto_qual.services.safety import backup_of
    made_of = backup_of(backup_file)
    if click.get_current_context().get_parameter_source("project") != ParameterSource.DEFAULT:
        return project, made_of
    if Path(project).exists():  # this folder's sto-qual.db, while the backup names another project
        if made_of is not None and made_of.resolve() != Path(project).resolve():
            raise StoQualError(f"{backup_file} is a backup of {made_of}, not of {project} in this folder",
                               hint=f"give the project to replace with --project ({made_of}, or {project})")
        return project, made_of
    if made_of is None:
        raise StoQualError(f"there is no project {project} here to restore into",
                           hint="give the project the backup is to replace with --project FILE")
    click.echo(f"project: {made_of} (the backup's own; --project restores into another file)", err=True)
    return str(made_of), made_of
