"""The coders (listing, removing, renaming) and the exchange of codings files (anchored YAML)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from sto_qual.cli.options import _coder_option, _echo_rows, _format_option, _open, _project_option, family
from sto_qual.domain.text import plural


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command()
@_project_option
@_format_option
def coders(project, fmt) -> None:
    """The coders with their numbers of codings (JSON keys: id, name, created_at, codings, documents, default,
    agreed_from)."""
    _echo_rows(_open(project).coders(), fmt)


@cli.command("coder-remove")
@_project_option
@click.argument("name")
def coder_remove(project, name) -> None:
    """Remove a coder nothing in the project is by (a name typed wrong once): refused for a
    coder with codings, memos or suggestion decisions, and for the default or reference coder."""
    stored, dropped = _open(project).coder_service.remove_coder(name)
    click.echo(f"removed coder {stored}" + (f" ({plural(dropped, 'redo step')} of another coder that held a coding of "
                                            "theirs went with them)" if dropped else ""))


@cli.command("coder-rename")
@_project_option
@click.argument("name")
@click.argument("new")
def coder_rename(project, name, new) -> None:
    """Give a coder another name; her codings, memos and undo steps follow (two people who both
    coded under the default name, told apart in one copy before a merge)."""
    old, now = _open(project).coder_service.rename_coder(name, new)
    click.echo(f"renamed coder {old} to {now}")


@cli.command("codings-import")
@_project_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_coder_option
def codings_import(project, files, coder) -> None:
    """Apply codings files anchored by quote text (see README). A file with any quote that
    cannot be found is refused whole."""
    ws = _open(project)
    paths: list[Path] = []
    for f in files:
        p = Path(f)
        paths += sorted(p.rglob("*.yaml")) + sorted(p.rglob("*.yml")) if p.is_dir() else [p]
    failed = added = 0
    said: set[str] = set()
    before = ws.session.coder_names()
    for res in ws.import_codings_files(paths, coder=coder):
        if "error" in res:
            failed += 1
            click.echo(f"error: {res['error']}", err=True)
        else:
            added += res["added"]
            more = res.get("memos_and_stars")
            click.echo(f"{res['file']}: {res['added']} added, {res['already_present']} already present"
                       + (f" ({more} of them given the file's memo or star)" if more else ""))
            for item in res.get("kept", []):
                click.echo(f"kept: {item}", err=True)
            if res.get("coder_instead_of"):
                click.echo(f"note: {res['file']} gives its codings as {' and '.join(res['coder_instead_of'])}'s; "
                           f"they were stored as {ws.session.resolve_coder(coder)}'s (--coder)", err=True)
            for name in res.get("new_coders", []):
                if name not in said:
                    said.add(name)
                    click.echo(f"note: '{name}' is a new coder in this project"
                               + (f" (its coders before: {', '.join(before)})" if before else " (its first)"), err=True)
                    before = [*before, name]  # (a second file's coder is not "its first" too)
    from sto_qual.domain.drafting_lead import join_words
    coders = ws.session.coder_names()
    if added and len(coders) > 1 and ws.reference_coder() is None:
        # the files carry no reference coder: `stats` in the new project counted two coders merged
        # (176 urgentie codings where the project they came from counted 139), said only by its stderr
        click.echo(f"note: this project has no reference coder, so `stats` and the chapter count the codings of "
                   f"{join_words(coders, 'and')} merged; `sto-qual reference-coder NAME` counts one coder's", err=True)
    if failed:
        sys.exit(1)


@cli.command("codings-export")
@_project_option
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("--coder", default=None)
@click.option("--force", is_flag=True, help="Replace the files there also when one was edited since it was written "
              "(or is another program's); without it nothing is written then.")
def codings_export(project, out_dir, coder, force) -> None:
    """Write codings as anchored YAML files (one per coder and document)."""
    ws = _open(project)
    written, left = ws.export_codings_yaml(out_dir, coder=coder, force=force)
    click.echo(f"Wrote {len(written)} file(s) to {out_dir}")
    others = [m for m in ws.memos() if m["target"] in ("document", "code")]
    if written and others:  # a data manager's round trip lost the interviews' memos, unsaid
        one = len(others) == 1
        which = "1 memo on an interview or code is" if one else f"{len(others)} memos on interviews and codes are"
        click.echo(f"note: {which} not in codings files (a coding's memo is); `sto-qual memos --format json` lists "
                   f"{'it' if one else 'them'}, and `sto-qual export -o FILE.qdpx` or `sto-qual backup -o COPY.db` "
                   f"carries {'it' if one else 'them'}", err=True)
    if written:  # as a .qdpx says it: every other export applies the list
        click.echo("note: they quote the transcripts as written, names included (the pseudonym list is not applied: "
                   "`codings-import` finds each passage by its words); share them only within the team", err=True)
    if left:  # an earlier export's: importing the folder would bring back codings the project no longer has
        shown = ", ".join(str(f) for f in left[:4]) + (f" and {len(left) - 4} more" if len(left) > 4 else "")
        click.echo(f"note: {plural(len(left), 'file')} of an earlier export {'is' if len(left) == 1 else 'are'} still "
                   f"there ({shown}), with codings this export did not write; `codings-import` of the folder would "
                   f"bring {'it' if len(left) == 1 else 'them'} back: remove {'it' if len(left) == 1 else 'them'}, or export to an "
                   "empty folder", err=True)
