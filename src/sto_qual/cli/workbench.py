"""The demo project and the terminal workbench (TUI)."""
from __future__ import annotations

from pathlib import Path

import click

from sto_qual.cli.options import _demo_default, _open, _project_option, family


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command()
@click.option("--project", "-p", default=None, type=click.Path(dir_okay=False),
              help="Where to build the demo (default: $STO_QUAL_HOME/demo.db or ~/.local/share/sto-qual/demo.db).")
@click.option("--corpus", default=None, type=click.Path(file_okay=False),
              help="Sample corpus folder (default: the repository's transcripts/).")
@click.option("--no-tui", is_flag=True, help="Build only; do not open the TUI.")
def demo(project, corpus, no_tui) -> None:
    """Build the demo project from the sample corpus (if absent) and open it."""
    from sto_qual.services.demo import build_demo
    target = Path(project) if project else _demo_default()
    built = build_demo(target, corpus)
    click.echo(built["message"] if built["built"] or no_tui else f"{built['message'][:-1]}; opening it.")
    if not no_tui:
        _run_tui(str(target))


def _run_tui(project: str) -> None:
    from sto_qual.services import Workspace
    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import load_settings
    ws = Workspace.open(project)
    try:
        make_app(ws, load_settings()).run()
    finally:
        ws.close()


@cli.command()
@_project_option
def tui(project) -> None:
    """Open the coding workbench (terminal UI)."""
    _open(project).close()  # fail fast with a one-line error if the project is missing
    _run_tui(project)
