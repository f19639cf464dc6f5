"""The ``sto-qual`` command line. Builds a Workspace and calls it; nothing else.

One module per command family (project, codebook, documents, coding, suggestions, pseudonyms,
safety, workbench, analysis, two_coders, exports, synthesis); the options they share in ``options``.
Errors a user can cause print one line on stderr and exit 1 (usage errors: 2), the same in
a real process and under click's CliRunner, because the group itself maps them.
"""
from __future__ import annotations

import sys

import click

from sto_qual.cli import (analysis, chapter_words, codebook, coding, documents, exports, project, pseudonyms,
                          safety, suggestions, synthesis, two_coders, workbench)
from sto_qual import config
from sto_qual.cli.options import _Group
from sto_qual.domain.errors import StoQualError
from sto_qual.output import terminal_safe


class _Main(_Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command as the installed ``sto-qual`` does: output through the control-character
        filter, a user's mistake as one line and an exit code (also when CliRunner calls this)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # every line printed for a person goes through one filter that shows control characters
        # as \xNN (names and texts stored before the input checks, or text nobody checked)
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = terminal_safe(sys.stdout), terminal_safe(sys.stderr)
        try:
            _mapping_errors(lambda: super(_Main, self).main(args, prog_name, complete_var,
                                                             standalone_mode=False, **extra))
        finally:
            sys.stdout, sys.stderr = streams


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sto-qual")
def cli() -> None:
    """sto_qual: code interview transcripts with a codebook, in the terminal, and turn
    them into theme counts, quote tables and a Word report chapter."""


for _family in (project, codebook, documents, coding, suggestions, pseudonyms, safety, workbench):
    for _name, _command in _family.cli.commands.items():
        cli.add_command(_command, _name)
analysis.register(cli)
two_coders.register(cli)
exports.register(cli)
chapter_words.register(cli)
synthesis.register(cli)


def main() -> None:
    cli.main()


def _mapping_errors(run) -> None:
    try:
        run()
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click's word for Ctrl-C: as below
            click.echo("interrupted", err=True)
            sys.exit(130)
        click.echo("aborted", err=True)  # a question answered no
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except StoQualError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        click.echo(f"error: {exc.filename}: {exc.strerror or exc}" if exc.filename else f"error: {exc.strerror or exc}",
                   err=True)
        sys.exit(1)
    except Exception as exc:  # a bug, not a user's mistake: still one line unless debugging
        if config.debug():
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set STO_QUAL_DEBUG=1 for details)", err=True)
        sys.exit(3)
