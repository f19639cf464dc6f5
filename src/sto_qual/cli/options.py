"""What the command families share: the --project/--coder/--format/--where options, opening
a project for the length of a command, printing rows."""
from __future__ import annotations

import shlex
from pathlib import Path

import click

from sto_qual.config import PROJECT_ENV, data_home
from sto_qual.domain.model import MAX_ID
from sto_qual.domain.text import plural
from sto_qual.output import render

DEFAULT_PROJECT = "sto-qual.db"
# csv-nl: for Dutch Excel (; and decimal commas)
FORMATS = click.Choice(["table", "json", "csv", "csv-nl"], case_sensitive=False)


class _Whole(click.ParamType):
    """A whole number from ``low`` up to what SQLite can hold: an id (of a coding, suggestion,
    sentence unit) or a count. A value out of range is click's usage error naming the option
    ("Invalid value for 'CODING_ID': ..."), never an ``OverflowError`` from SQLite."""
    name = "integer"

    def __init__(self, low: int, noun: str) -> None:
        self.low, self.noun = low, noun

    def convert(self, value, param, ctx):
        n = click.INT.convert(value, param, ctx)
        if not self.low <= n <= MAX_ID:
            self.fail(f"{value} is not a valid {self.noun} ({self.noun}s are whole numbers from {self.low} "
                      f"to {MAX_ID})", param, ctx)
        return n


class OneLineUsage(click.UsageError):
    """A usage error (exit 2) shown as one line, as every other error is, without click's
    usage block."""

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True, file=file)


ID = _Whole(1, "id")        # coding, suggestion and sentence-unit ids start at 1
LIMIT = _Whole(1, "limit")  # a number of results: at least one


def _project_option(f):
    return click.option("--project", "-p", "project", envvar=PROJECT_ENV, default=DEFAULT_PROJECT,
                        show_default=True, type=click.Path(), callback=_not_a_folder,
                        help="Project file (env STO_QUAL_PROJECT).")(f)


_GROUP_PROJECT = "sto_qual.group_project"


def _group_project_option(f):
    """``--project`` on a command group (``sto-qual pseudonyms --project P list``): its
    subcommands use it unless they are given their own."""
    def keep(ctx, _param, value):
        if value is not None:
            ctx.meta[_GROUP_PROJECT] = value
    return click.option("--project", "-p", "group_project", default=None, type=click.Path(), expose_value=False,
                        callback=keep, help="Project file for the subcommand (or give it after the subcommand).")(f)


def _not_a_folder(ctx, param, value):
    """A folder given as the project is refused in one line (exit 1, as a missing project is),
    not in click's usage block. A project given to the command group is used when the
    subcommand has none of its own."""
    from click.core import ParameterSource
    if ctx.meta.get(_GROUP_PROJECT) and ctx.get_parameter_source(param.name) in (ParameterSource.DEFAULT,
                                                                               ParameterSource.ENVIRONMENT):
        value = ctx.meta[_GROUP_PROJECT]
    if value is not None and str(value).strip() and Path(value).is_dir():  # "" is refused by the store
        from sto_qual.domain.errors import ProjectError
        raise ProjectError(f"{value}: is a folder, not a project file; give the .db file")
    return value


def _coder_option(f):
    return click.option("--coder", default=None, help="Coder name (else STO_QUAL_CODER, else the project's default).")(f)


def _format_option(f, choices=FORMATS):
    return click.option("--format", "fmt", type=choices, default="table", show_default=True)(f)


def _open(project: str):
    from sto_qual.domain.errors import ProjectError
    from sto_qual.services import Workspace
    try:
        ws = Workspace.open(project)
    except ProjectError as exc:
        demo = _demo_default()
        here = (exc.hint or "").startswith("this folder has")  # her own project beside her, named before the demo
        if here and demo.exists():
            exc.hint += f"; the demo project is {demo}"
        elif not Path(project).exists() and demo.exists():  # a newcomer who ran `sto-qual demo` first
            if Path(project).absolute().parent.is_dir():
                if project == DEFAULT_PROJECT:  # no project given: a newcomer, pointed at the demo first
                    exc.hint = (f"the demo project is {demo}: pass --project {demo}, "
                                f"or create a project with `sto-qual init --project {project}`")
                else:  # her own study named: "pass --project demo.db" would put it in the demo
                    exc.hint = (f"create it with `sto-qual init --project {project}`, or, to try things out "
                                f"in the demo project, pass --project {demo}")
            else:  # init could not make it there either
                exc.hint = f"check the path; the demo project is {demo}"
        raise
    # closed (and the WAL checkpointed into the file) when the command's context ends, so an
    # in-process CliRunner leaves no connection open either
    click.get_current_context().call_on_close(lambda: _close_quietly(ws))
    ws.session.record_as("command")  # the workbench asks before its u undoes a command's step
    for w in ws.storage_warnings:
        click.echo(f"warning: {w}", err=True)
    return ws


def _only_coder(ws) -> str | None:
    """The one coder with codings, when there is one: all coders merged are hers alone."""
    coding = [c["name"] for c in ws.coders() if c["codings"]]
    return coding[0] if len(coding) == 1 else None


def merged_note(ws) -> str:
    """Whose codings a count without a reference coder merges, named, and how one coder's is counted
    instead: a coder's chapter read "de helft" of a theme, then "de meeste" once a second coder coded
    two interviews to measure their agreement, said only as "all coders merged"."""
    coding = sorted((c for c in ws.coders() if c["codings"]), key=lambda c: -c["codings"])
    names = ", ".join(f"{c['name']} ({plural(c['codings'], 'coding')})" for c in coding)
    ref = ws.counting_coder()  # asked with --all-coders: "no reference coder is set" was untrue
    # an agreed coding among them is what the team settled on (merged, a place one coder coded counted as if agreed)
    meeting = next((name for name in ws.agreed.pairs() if any(c["name"] == name for c in coding)), None)
    first = meeting or (coding[0]["name"] if coding else "")
    then = (f"without --all-coders the counts are the reference coder {ref}'s, as the chapter's" if ref else
            f"no reference coder is set: `sto-qual reference-coder {shlex.quote(first)}` counts "
            + (f"the agreed coding {first} alone" if meeting else "that coder's alone") if coding else "")
    return (f"counting: all coders merged (each span once: {names}; {then})" if len(coding) > 1
            else "counting: all coders merged (each span once)")


def _close_quietly(ws) -> None:
    try:
        ws.close()
    except Exception:  # noqa: BLE001 - closing must never hide the command's own result
        pass


def _echo_rows(rows, fmt: str, columns=None) -> None:
    click.echo(render(rows, fmt, columns))


def _where(values: tuple[str, ...], values_of=lambda key: ()) -> dict[str, str] | None:
    from sto_qual.domain.filters import parse_where
    try:
        return parse_where(values, values_of) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--where") from None


def _where_checked(ws, values: tuple[str, ...]) -> dict[str, str] | None:
    """The --where filter, refused in one line when it keeps no document (a comparison, which it does
    not read, with the values of the project's interviews it would keep)."""
    def values_of(key: str) -> list[str]:
        return [str(v) for a in ws.analysis_service.attributes().values() for k, v in a.items()
                if k.casefold() == key.strip().casefold()]
    where = ws.analysis_service.check_where(_where(values, values_of))
    from sto_qual.domain.filters import NAME_KEYS, condition_text, split_key
    every = {split_key(k): v for k, v in (where or {}).items()}
    for key, wanted in (where or {}).items():  # the interviews without the attribute: left out (or kept), said
        own, negated = split_key(key)
        if own.casefold() in NAME_KEYS or wanted == "*" or (negated and any(
                k.casefold() == own.casefold() and not n and v == "*" for (k, n), v in every.items())):
            continue  # (fictional=ja kept 14 of 19 and the five with no `fictional` went unsaid)
        lacking = ws.analysis_service.without_attribute(ws.analysis_service.attribute_key(own))
        if lacking:
            many = len(lacking) > 1
            # region_type!=krimp kept R05, which has none, unsaid (16 interviews, where = named the one it left out)
            what = (f"kept by --where {condition_text(key, wanted)} (add --where {own}=* to leave "
                    f"{'them' if many else 'it'} out)" if negated else
                    f"left out by --where {condition_text(key, wanted)}")
            click.echo(f"note: {len(lacking)} interview{'s' * many} {'have' if many else 'has'} "
                       f"no '{own}' and {'are' if many else 'is'} {what}: "
                       f"{', '.join(lacking[:10])}{' …' if len(lacking) > 10 else ''}", err=True)
    return where


def _names_shown(ws, values, what: str = "labels", passed: str = "table") -> None:
    """Say when the values printed (labels, attribute values) are names the pseudonym list
    replaces (the `interviewer` attribute): the command shows them as stored, the exports do not."""
    named = ws.pseudonym_service.listed(values)
    if named:
        click.echo(f"note: {len(named)} of these {what} {'is a name' if len(named) == 1 else 'are names'} on the "
                   f"pseudonym list, shown as stored (the exports replace them): do not pass this {passed} on as it is",
                   err=True)


def _texts_with_names(ws, texts, what: str, then: str) -> None:
    """Say how many of the texts printed hold names the pseudonym list replaces or contact details
    (shown as stored; the exports take both out) and ``then`` what follows from it."""
    from sto_qual.domain.anonymise import without_contact_details
    pairs = [(t, without_contact_details(t)) for t in texts if t]  # (the exports take both out: both counted)
    named = set(ws.pseudonym_service.listed(c for _t, c in pairs))
    held = len({t for t, c in pairs if c != t or c in named})
    kinds = " or ".join(k for k, some in (("names the pseudonym list replaces", named), (
        "contact details (an e-mail address, a phone number, a postcode)", any(c != t for t, c in pairs))) if some)
    if held:
        click.echo(f"note: {held} of these {what} {'holds' if held == 1 else 'hold'} {kinds}, shown as stored: {then}",
                   err=True)


def _where_option(f):
    return click.option("--where", multiple=True, help="Only documents with attr=value (repeatable: the same "
                        "attribute twice keeps either value, different ones must all hold; values ignore case; "
                        "doc=R01,R02 picks documents; attr!=value leaves them out; * is any value).")(f)


def _demo_default() -> Path:
    return data_home() / "demo.db"


def given_twice(cmd: click.Command, args: list[str]) -> None:
    """Refuse an option that takes one value given twice with two values: click keeps the last
    without a word, so `codings --doc R01 --doc R02` listed R02 only and `export --coder a
    --coder b` wrote b's codings, exit 0. A subcommand's options are checked as its own."""
    if isinstance(cmd, click.Group):
        sub = next((a for a in args if not a.startswith("-")), None)
        if sub in cmd.commands:
            given_twice(cmd.commands[sub], args[args.index(sub) + 1:])
        return
    single = {o: p for p in cmd.params if isinstance(p, click.Option) and not p.multiple and not p.count
              and not p.is_flag and p.nargs == 1 for o in p.opts}
    takes = {o for p in cmd.params if isinstance(p, click.Option) and not p.is_flag and not p.count for o in p.opts}
    seen: dict[str, tuple[str, str]] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            break
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in takes and not eq:
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 1
        param = single.get(name)
        if param is not None:
            first = seen.get(param.name)
            if first is not None and first[1] != value:
                flag = max(param.opts, key=len)
                raise OneLineUsage(f"{flag} given twice ({first[1]!r} and {value!r}): it takes one value (the "
                                   "second would replace the first); give it once"
                                   + ("; several documents: --where doc=R01,R02" if flag == "--doc" and any(
                                       "--where" in getattr(p, "opts", ()) for p in cmd.params) else ""))
            seen[param.name] = (name, value)
        i += 1


class _Group(click.Group):
    """Lists its commands in the order they were added (the help reads as a tour)."""

    def list_commands(self, ctx):
        return list(self.commands)


def family() -> click.Group:
    """A holder for one family's commands (click.Group so that `@cli.group()` works in it too)."""
    return _Group()
