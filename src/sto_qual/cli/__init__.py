"""The ``sto-qual`` command line. Builds a Workspace and calls it; nothing else.

One module per command family (project, codebook, documents, coding, coders, suggestions, pseudonyms,
safety, workbench, analysis, two_coders, exports, chapter_words, synthesis); the options they
share in ``options``. A command loads only its own family: ``sto-qual info`` does not import the
report, the analysis or the suggestions (``--help`` loads them all, for their one-line help).
Errors a user can cause print one line on stderr and exit 1 (usage errors: 2), the same in
a real process and under click's CliRunner, because the group itself maps them.
"""
from __future__ import annotations

import importlib
import re
import sys

import click

from sto_qual import config
from sto_qual.cli.hints import HintStream, given
from sto_qual.cli.options import OneLineUsage, _Group, family, given_twice
from sto_qual.domain.errors import StoQualError
from sto_qual.output import terminal_safe

# Every command, in the order the help lists them (the help reads as a tour), under the family
# module that defines it. tests/cli/test_cli_in_process.py holds this list to the families.
COMMANDS: dict[str, tuple[str, ...]] = {
    "project": ("init", "info", "default-coder"),
    "codebook": ("codebook", "codebook-import", "codebook-export", "code-add", "code-edit", "code-rename",
                 "code-move", "code-merge", "code-delete"),
    "documents": ("import", "docs", "show", "role", "attribute", "attribute-rename", "doc-rename",
                  "speaker-rename", "delete-doc"),
    "search": ("search",),
    "coding": ("code", "uncode", "undo", "redo", "memo", "doc-memo", "memos", "star", "resize", "recode", "codings"),
    "coders": ("coders", "coder-remove", "coder-rename", "codings-import", "codings-export"),
    "suggestions": ("suggest", "suggestions", "accept", "reject"),
    "pseudonyms": ("pseudonyms",),
    "safety": ("backup", "backups", "restore"),
    "workbench": ("demo", "tui"),
    "analysis": ("stats", "matrix", "cooccurrence", "saturation"),
    "two_coders": ("agreement", "agreed", "differences", "merge"),
    "exports": ("report", "reference-coder", "report-settings", "role-label", "quotes", "export",
                "transcripts-export"),
    "chapter_words": ("wording", "attribute-label"),
    "synthesis": ("grid", "summarize", "summary"),
}
_FAMILY_OF = {name: fam for fam, names in COMMANDS.items() for name in names}


def family_commands(name: str) -> dict[str, click.Command]:
    """The commands one family module defines, by name: its ``cli`` holder, or the commands its
    ``register`` adds to a group."""
    module = importlib.import_module(f"sto_qual.cli.{name}")
    holder = getattr(module, "cli", None)
    if holder is None:
        holder = family()
        module.register(holder)
    return dict(holder.commands)


class _Main(_Group):
    """The ``sto-qual`` group: its commands are loaded by family when first asked for."""

    def list_commands(self, ctx):
        return list(_FAMILY_OF)

    def get_command(self, ctx, cmd_name):
        fam = _FAMILY_OF.get(cmd_name)
        if fam is None:
            return None
        if cmd_name not in self.commands:
            for name, command in family_commands(fam).items():
                self.commands.setdefault(name, command)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx, args):
        typed = args[0] if args else ""
        if typed and not typed.startswith("-") and self.get_command(ctx, typed) is None:
            # "No such command 'stat'." said nothing more, where a mistyped option gets "Did you mean"
            import difflib
            near = difflib.get_close_matches(typed, list(_FAMILY_OF), n=2, cutoff=0.6)
            if near:
                ctx.fail(f"No such command '{typed}'. Did you mean {' or '.join(near)}?")
        name, cmd, rest = super().resolve_command(ctx, args)
        if cmd is not None:
            given_twice(cmd, rest)
        return name, cmd, rest

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command as the installed ``sto-qual`` does: output through the control-character
        filter, a user's mistake as one line and an exit code (also when CliRunner calls this)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # every line printed for a person goes through one filter that shows control characters
        # as \xNN (names and texts stored before the input checks, or text nobody checked)
        streams = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = terminal_safe(sys.stdout), terminal_safe(sys.stderr)
        # a command a message suggests runs as printed: with the --project and --coder given here
        argv = _two_values(sys.argv[1:] if args is None else [str(a) for a in args])
        args = argv
        values = given(argv)
        if values:  # stdout's notes too (`summary draft` said "`sto-qual undo` brings them back" there), not its data
            sys.stderr = HintStream(sys.stderr, values, self)
            sys.stdout = HintStream(sys.stdout, values, self, data=True)
        try:
            _mapping_errors(lambda: super(_Main, self).main(args, prog_name, complete_var,
                                                             standalone_mode=False, **extra), argv)
        finally:
            sys.stdout, sys.stderr = streams


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sto-qual")
def cli() -> None:
    """sto_qual: code interview transcripts with a codebook, in the terminal, and turn
    them into theme counts, quote tables and a Word report chapter."""



def main() -> None:
    cli.main()


TWO_VALUES = ("--coders", "--from")  # the options that take two coders
COMMANDS_OPTIONS = ("--project", "-p", "--coder", "--format", "--where", "-o", "--output", "--lang")  # not the group's


def _two_values(argv: list[str]) -> list[str]:
    """`--coders anna,bram` as `--coders anna bram`: two names written as one list (it was refused,
    "requires 2 arguments"), when nothing but an option or the end follows."""
    out = list(argv)
    for i in range(len(out) - 1, -1, -1):
        if out[i] in TWO_VALUES and i + 1 < len(out) and out[i + 1].count(",") == 1 \
                and (i + 2 == len(out) or out[i + 2].startswith("-")):
            out[i + 1:i + 2] = [x.strip() for x in out[i + 1].split(",")]
    return out


# what other tools (pandas, SQL, NVivo's queries, other command lines) call an option this one has
_OTHER_NAMES = {"group-by": "--by", "groupby": "--by", "split-by": "--by", "per": "--by", "filter": "--where",
                "select": "--where", "document": "--doc", "documents": "--doc", "file": "--doc", "node": "--code",
                "nodes": "--code", "codes": "--code", "tag": "--code", "user": "--coder", "author": "--coder",
                "out": "--output", "output-file": "--output", "outfile": "--output", "language": "--lang"}


def _format_meant(exc: click.ClickException, argv: list[str]) -> None:
    """`stats --json` (as other tools spell it): the command's --format takes json. And `--rollup=no`:
    a switch takes no value, its other side is named (click said only "does not take a value")."""
    if isinstance(exc, click.BadOptionUsage) and "does not take a value" in exc.message:
        name = next((a for a in argv if not a.startswith("-")), None)  # (click gives no context here)
        command = cli.get_command(click.Context(cli), name) if name else None
        for param in command.params if command is not None else ():
            if isinstance(param, click.Option) and exc.option_name in param.opts and param.secondary_opts:
                exc.message += f" ({exc.option_name} turns it on, {param.secondary_opts[0]} off)"
        return
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.+)\)", exc.message)
    if extra and exc.ctx is not None:  # what the word was meant as: `stats urgentie`, `export out/x.csv`
        _meant_as_option(exc, extra.group(1).split()[0], {o for p in exc.ctx.command.params for o in p.opts})
    if not isinstance(exc, click.NoSuchOption):
        return
    if (exc.ctx is None or exc.ctx.command is cli) and _a_commands_option(exc.option_name):  # `sto-qual -p x stats`
        name = next((a for a in argv if a in cli.list_commands(click.Context(cli))), "COMMAND")
        exc.message = (exc.message.rstrip(".") + f": a command's options come after its name "
                       f"(sto-qual {name} {exc.option_name} …)")
        exc.possibilities = []  # ("--where" was offered "--help")
        return
    if exc.ctx is None:
        return
    wanted = (exc.option_name or "").lstrip("-").lower()
    ours = {o for param in exc.ctx.command.params for o in getattr(param, "opts", ())}
    if _OTHER_NAMES.get(wanted) in ours:  # (`stats --group-by region` was offered --rollup)
        exc.possibilities = [_OTHER_NAMES[wanted]]
    elif any(o.endswith(f"-{wanted}") for o in ours):  # `matrix --by`: --label-by
        exc.possibilities = sorted(o for o in ours if o.endswith(f"-{wanted}"))
    elif wanted in ("code", "o", "output") and f"--{wanted}" not in ours:  # (--code was offered --coder)
        exc.possibilities = []
        exc.message = exc.message.rstrip(".") + (
            " (it writes to the terminal: `> FILE` keeps it, --format csv or json for a file)"
            if wanted != "code" else " (it takes every code)")
    for param in exc.ctx.command.params:
        if param.name == "fmt" and isinstance(param.type, click.Choice) and wanted in param.type.choices:
            exc.message += f" Did you mean '--format {wanted}'?"


def _a_commands_option(option: str | None) -> bool:
    """Whether some command takes ``option`` (`sto-qual --by region_type stats` had only "No such option")."""
    if option in COMMANDS_OPTIONS:
        return True
    ctx = click.Context(cli)
    return any(option in getattr(p, "opts", ()) for name in cli.list_commands(ctx)
               for p in getattr(cli.get_command(ctx, name), "params", ()))


def _meant_as_option(exc: click.UsageError, word: str, ours: set[str]) -> None:
    """An extra argument the command would take as an option's value: a file name as ``-o``'s, a code
    as ``--code``'s."""
    if "." in word and "-o" in ours:
        exc.message += f" (-o {word} writes to that file)"
    elif "--code" in ours and not word.startswith("-") and "." not in word:
        exc.message += (f" (--doc {word} for a document, --code {word} for a code)" if "--doc" in ours
                        else f" (--code {word} for a code)")  # (`codings R01` was offered --code R01)


def _file_meant(exc: click.ClickException) -> None:
    """`--attributes attributes.csv` beside attributen.csv: the file meant, as a mistyped document
    name gets it (click said only that the file does not exist)."""
    found = re.search(r"(?:File|Path) '(.+)' does not exist", exc.message) if isinstance(exc, click.BadParameter) else None
    if not found:
        return
    from sto_qual.services.import_checks import meant_file
    from sto_qual.services.safety import gone_backup
    gone = gone_backup(found.group(1))  # (never another moment's backup as the one meant)
    if gone:
        exc.message = exc.message.rstrip(".") + f": {gone}"
        return
    meant = meant_file(found.group(1))
    if meant:
        exc.message = exc.message.rstrip(".") + f" (did you mean {meant}?)"


def _command_names(ctx: click.Context) -> list[str]:
    """The subcommands of a context, below the program itself (whose name click takes from how it was
    started: "python -m pytest" in a test)."""
    names = []
    while ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return names


def _mapping_errors(run, argv: list[str]) -> None:
    try:
        run()
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click's word for Ctrl-C: as below
            click.echo("interrupted", err=True)
            sys.exit(130)
        if isinstance(exc.__context__, EOFError):  # no one to answer: a script, a pipe (it said only "aborted")
            click.echo("aborted: nothing changed; the question had no answer (no terminal), and --yes answers it "
                       "yes", err=True)
        else:
            click.echo("aborted", err=True)  # a question answered no
        sys.exit(1)
    except click.UsageError as exc:  # one line, as every other error (click printed Usage:, Try … and Error:)
        _format_meant(exc, argv)
        _file_meant(exc)
        if isinstance(exc, OneLineUsage):
            exc.show()
        else:
            name = next((a for a in argv if not a.startswith("-")), "")  # (no context: "--rollup=no")
            known = exc.ctx is None and name in cli.commands
            group = not known and (exc.ctx is None or isinstance(exc.ctx.command, click.Group))
            path = " ".join(["sto-qual", *_command_names(exc.ctx)] if exc.ctx is not None
                            else ["sto-qual", name] if known else ["sto-qual"])
            said = exc.format_message().strip()
            said = said[:-1] if said.endswith(".") else said
            click.echo(f"error: {said} (`{path} --help` lists {'the commands' if group else 'its options'})", err=True)
        sys.exit(exc.exit_code)
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
