"""What `agreed NAME --add` says: the interviews an agreed coding took in (both coders coded them
since it was started, or, with --rest, one coder alone)."""
from __future__ import annotations

import shlex

import click

from sto_qual.domain.names import restore_command
from sto_qual.domain.text import plural
from sto_qual.output import to_json


def agreed_add(ws, name: str, fmt: str) -> None:
    """`agreed NAME --add`: the interviews taken in, what they started with, and what is next."""
    res = ws.agreed.add(name)
    if fmt == "json":
        click.echo(to_json(res))
        return
    a, b = res["from"]
    docs = res["documents"]
    click.echo(f"{res['coder']}: took in {', '.join(docs)}, which {a} and {b} both coded since it was started "
               f"({plural(res['codings'], 'coding')}, started as the others were); its codings, marks and notes "
               "elsewhere stay as they were")
    alpha = "" if res["alpha"] is None else f" (α {res['alpha']:.2f} over every interview it holds now)"
    click.echo(f"next: `sto-qual differences {shlex.quote(res['coder'])} --open` lists what is left to settle; the method gives "
               f"the two coders' agreement measured again{alpha}", err=True)
    if res["backup"]:
        click.echo(f"backup before: {res['backup']} ({restore_command(res['backup'], ws.path)} takes it back)", err=True)


def agreed_rest(ws, name: str, rest: str, fmt: str) -> None:
    """`agreed NAME --add --rest A`: A's codings of the interviews only A coded, taken in as they are."""
    res = ws.agreed.take_rest(name, rest)
    if fmt == "json":
        click.echo(to_json(res))
        return
    docs = res["rest_documents"]
    click.echo(f"{res['coder']}: took in all of {res['rest']}'s codings, as they are, in the "
               f"{plural(len(docs), 'interview')} only {res['rest']} coded ({', '.join(docs)}): "
               f"{plural(res['rest_codings'], 'coding')}; its codings, marks and notes elsewhere stay as they were, "
               "and the report counts every interview it holds")
    if res["backup"]:
        click.echo(f"backup before: {res['backup']} ({restore_command(res['backup'], ws.path)} takes it back)", err=True)
