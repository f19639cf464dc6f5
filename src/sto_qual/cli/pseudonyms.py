"""The pseudonym list applied to every export."""
from __future__ import annotations

import click

from sto_qual.cli.options import _echo_rows, _format_option, _group_project_option, _open, _project_option, family


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.group()
@_group_project_option
def pseudonyms() -> None:
    """The pseudonym list applied to every export."""


@pseudonyms.command("add")
@_project_option
@click.argument("name")
@click.argument("replacement")
@click.option("--regex", is_flag=True, help="NAME is a regular expression (e.g. school names).")
def pseudonyms_add(project, name, replacement, regex) -> None:
    """Replace NAME by REPLACEMENT in every export: `pseudonyms add "Piet de Vries" "[naam]"`."""
    ws = _open(project)
    before = next(((r, x) for p, r, x in ws.pseudonyms() if p == name), None)
    ws.add_pseudonym(name, replacement, regex)
    # what changed, as `attribute` says it (a name already there read as new; a changed replacement hid the old)
    click.echo(f"{name} -> {replacement}" + ("" if before is None else " (already on the list so)"
                                            if before == (replacement, regex) else f" (was {before[0]})"))
    for line in ws.pseudonym_service.common_word_uses([name]):
        click.echo(f"warning: {line}", err=True)


@pseudonyms.command("import")
@_project_option
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
def pseudonyms_import(project, csv_file) -> None:
    """CSV with columns name, replacement (and optional regex)."""
    ws = _open(project)
    n = ws.import_pseudonyms(csv_file)
    click.echo(f"{csv_file}: {n['added']} added, {n['updated']} updated, {n['already_present']} already present")
    for line in ws.pseudonym_service.common_word_uses():
        click.echo(f"warning: {line}", err=True)


@pseudonyms.command("participants")
@_project_option
@click.option("--dry-run", is_flag=True, help="List what it would add; add nothing.")
def pseudonyms_participants(project, dry_run) -> None:
    """Put every person the transcripts' headers list ("Aanwezig: Ans de Vries (penvoerder), …") and every
    speaker a label names ("Bart Wolters:") on the list at once, each replaced by her role ("[penvoerder]";
    "[naam]" without one), and her first name where it is her speaker label: the names the import and every
    export warn about. One line per name added."""
    ws = _open(project)
    added = ws.pseudonym_service.add_participants(dry_run=dry_run)
    for name, replacement in added:
        click.echo(f"{name} -> {replacement}")
    if not added:
        click.echo("no one to add: every person the headers list and every speaker named is replaced already "
                   "(`pseudonyms list`)")
        return
    if dry_run:
        click.echo(f"note: {len(added)} would be added; nothing was (without --dry-run they are)", err=True)
        return
    click.echo(f"note: {len(added)} added; `sto-qual pseudonyms remove NAME` takes one off, and a name the "
               "transcripts give otherwise (a nickname, a first name no speaker label gives) is added with "
               "`pseudonyms add`", err=True)
    for line in ws.pseudonym_service.common_word_uses([n for n, _r in added]):
        click.echo(f"warning: {line}", err=True)


@pseudonyms.command("list")
@_project_option
@_format_option
def pseudonyms_list(project, fmt) -> None:
    """The list (JSON keys: name, replacement, regex); it holds the real names, so it stays in the
    project: a .qdpx export does not carry it (`pseudonyms list --format csv` writes it to import)."""
    rows = [{"name": p, "replacement": r, "regex": x} for p, r, x in _open(project).pseudonyms()]
    _echo_rows(rows, fmt)


@pseudonyms.command("remove")
@_project_option
@click.argument("name")
def pseudonyms_remove(project, name) -> None:
    """Take NAME off the list: exports print it again."""
    _open(project).remove_pseudonym(name)
    click.echo(f"removed {name}")


@pseudonyms.command("keep")
@_project_option
@click.argument("words", nargs=-1)
@click.option("--clear", is_flag=True, help="Take the words off: they are asked about again.")
@_format_option
def pseudonyms_keep(project, words, clear, fmt) -> None:
    """Say that capitalised WORDS are no names, so `report` and `quotes` stop asking about them
    (`keep Vakcollege`); without WORDS, list the words kept (JSON key: word)."""
    ws = _open(project)
    if not words:
        if clear:
            raise click.UsageError("--clear needs the words to take off")
        _echo_rows([{"word": w} for w in ws.pseudonym_service.kept()], fmt)
        return
    changed = ws.pseudonym_service.keep(" ".join(words), clear=clear)
    for w in changed:
        click.echo(f"{'asked about again' if clear else 'no name, not asked about'}: {w}")
    if not changed:
        click.echo("already kept: " + " ".join(words))
