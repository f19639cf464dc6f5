"""The demo project and the terminal workbench (TUI)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sto_qual.cli.options import OneLineUsage, _demo_default, _open, _project_option, family


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()

CODER_HELP = ("Who codes in this session (as STO_QUAL_CODER; before the settings file's coder; "
              "a name in another case is the same coder).")
NEW_CODER_HELP = ("Start the coder as a coder of her own although her name is close to one the project has "
                  "(refused otherwise, as a typo).")


@cli.command()
@click.option("--project", "-p", default=None, type=click.Path(dir_okay=False),
              help="Where to build the demo (default: $STO_QUAL_HOME/demo.db or ~/.local/share/sto-qual/demo.db).")
@click.option("--corpus", default=None, type=click.Path(file_okay=False),
              help="Sample corpus folder (default: the sample transcripts installed with sto_qual, which "
              "`demo --no-tui` names).")
@click.option("--no-tui", is_flag=True, help="Build only; do not open the TUI.")
@click.option("--coder", default=None, help=CODER_HELP)
@click.option("--new-coder", is_flag=True, help=NEW_CODER_HELP)
def demo(project, corpus, no_tui, coder, new_coder) -> None:
    """Build the demo project from the sample corpus (if absent) and open it."""
    from sto_qual.services.demo import build_demo
    target = Path(project) if project else _demo_default()
    built = build_demo(target, corpus)
    if not no_tui and no_terminal():  # a script, a pipe, a CI job: build, say where, and end
        click.echo(built["message"])
        click.echo(f"No terminal to open the workbench in; in a terminal window: "
                   f"sto-qual tui --project {_quoted(target)}")
        _say_corpus(corpus)
        return
    click.echo(built["message"] if built["built"] or no_tui else f"{built['message'][:-1]}; opening it.")
    if no_tui:
        _say_corpus(corpus)
    if not no_tui:
        _run_tui(str(target), coder, new_coder)


def _say_corpus(corpus: str | None) -> None:
    """Where the sample transcripts are (inside the installed package, where nobody found them), and the
    command that imports them into a project of one's own."""
    from sto_qual.services.demo import find_corpus
    where = find_corpus(corpus)
    click.echo(f"The sample transcripts are in {where}: `sto-qual import {_quoted(where)} --attributes "
               f"{_quoted(where / 'attributes.csv')} --role-map {_quoted(where / 'roles.csv')} --project studie.db` "
               "imports them into a project of your own (after `sto-qual init studie.db`; "
               f"`sto-qual pseudonyms import {_quoted(where / 'pseudonyms.csv')} --project studie.db` then gives it "
               "the demo's list of names the exports replace)")


def no_terminal() -> bool:
    """The workbench reads keys from stdin and draws on stderr (Textual's driver). Without a
    terminal on both it would draw into a pipe and wait for keys that never come, forever."""
    return not all(stream is not None and stream.isatty() for stream in (sys.__stdin__, sys.__stderr__))


def _quoted(path: Path) -> str:
    import shlex
    return shlex.quote(str(path.absolute()))


def _run_tui(project: str, coder: str | None = None, new_coder: bool = False, show_others: bool = False) -> None:
    from sto_qual.cli.coding_notes import refuse_typo
    from sto_qual.services import Workspace
    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import load_settings
    ws = Workspace.open(project)
    try:
        # `tui --coder sane` for sanne opened with a passing notice, and the first key that coded made
        # 'sane' a second coder (`code` refuses the name): refused before the screen opens
        if new_coder:
            ws.session.new_coder_asked(coder)
        else:
            refuse_typo(ws, coder, new_coder=True)
        # a bad name: the one-line error, before the screen opens
        app = make_app(ws, load_settings(), coder, show_others)
        if no_terminal():
            raise OneLineUsage("the workbench needs a terminal (its keyboard and screen are not one here, e.g. in a "
                               f"pipe or a script); run `sto-qual tui{' --new-coder' if new_coder else ''}` in a "
                               "terminal window")
        app.run()
    finally:
        ws.close()
    if app.return_code:  # the workbench stopped on an error (Textual printed it): a script sees it
        sys.exit(app.return_code)


@cli.command()
@_project_option
@click.option("--coder", default=None, help=CODER_HELP)
@click.option("--new-coder", is_flag=True, help=NEW_CODER_HELP)
@click.option("--show-others", is_flag=True,
              help="Show every coder's codings from the start, as the Coder's o does, without its question (a report "
              "writer choosing quotes, a lead reading along): you do not start blind, and coding blind ends for you; "
              "what you code after it is not independent coding.")
def tui(project, coder, new_coder, show_others) -> None:
    """Open the coding workbench (terminal UI)."""
    _open(project).close()  # fail fast with a one-line error if the project is missing
    _run_tui(project, coder, new_coder, show_others)
