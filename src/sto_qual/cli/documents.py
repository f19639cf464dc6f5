"""Documents: importing, listing, reading, speaker roles, deleting (searching is ``cli.search``)."""
from __future__ import annotations

import shlex
import sys
from collections import Counter

import click

from sto_qual.cli.options import (OneLineUsage, _echo_rows, _format_option, _names_shown, _open, _project_option,
                                  _where_checked, _where_option, family)
from sto_qual.domain.controls import escape_controls
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.filters import condition_text, shown_value
from sto_qual.domain.names import restore_command
from sto_qual.domain.roles import rows_of, spoken_by
from sto_qual.domain.text import plural
from sto_qual.output import to_json


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command("import")
@_project_option
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--attributes", type=click.Path(exists=True, dir_okay=False),
              help="CSV or .xlsx mapping file names to attributes (column 'file').")
@click.option("--role-map", type=click.Path(exists=True, dir_okay=False),
              help="CSV or .xlsx mapping speaker labels to roles (columns 'speaker', 'role').")
@click.option("--text-column", "text_columns", multiple=True, help="Survey files: the free-text column(s).")
@click.option("--id-column", default=None, help="Survey files: the respondent id column.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that parse and segment files while one stores them (default: one per core, "
                   "at most 4; 1 = all in this process).")
@click.option("--as-new", is_flag=True,
              help="A transcript named as a document with other content (an edited R01.txt): add it as a "
                   "new interview (R01-2) instead of refusing it.")
@_format_option
def import_(project, inputs, attributes, role_map, text_columns, id_column, workers, as_new, fmt) -> None:
    """Import transcripts (.txt .md .docx .vtt .srt), survey answers (.csv .xlsx) or .qdpx
    files and directories (a folder's own files; its subfolders are not read)."""
    ws = _open(project)
    progress = bar = None
    if fmt == "table" and sys.stderr.isatty():  # a progress bar for people, never in scripts' output
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import Progress
        # the bar draws with escape codes: straight to the terminal, past the escaping stream;
        # the file name it shows is escaped itself
        bar = Progress(transient=True, console=Console(file=getattr(sys.stderr, "wrapped", sys.stderr)))
        task = bar.add_task("importing", total=None)
        bar.start()
        progress = lambda i, n, name: bar.update(task, total=n, completed=i,  # noqa: E731
                                                 description=escape(escape_controls(name or "done")))
    from sto_qual.services.import_interrupts import ImportInterrupted
    interrupted = None
    try:
        summary = ws.import_files(inputs, attributes=attributes, role_map=role_map,
                                  text_columns=list(text_columns) or None, id_column=id_column,
                                  progress=progress, workers=workers, as_new=as_new)
    except ImportInterrupted as exc:  # Ctrl-C: still say what got in, then how to add the rest
        interrupted, summary = exc, exc.summary
    except KeyboardInterrupt:  # before the first file (reading the attribute or role table)
        click.echo("interrupted before any file was imported; no documents stored", err=True)
        sys.exit(130)
    finally:
        if bar:
            bar.stop()
    if fmt == "json":
        data = summary.as_json()
        if interrupted is not None:
            data.update(interrupted=True, files_done=interrupted.files_done,
                        files_total=interrupted.files_total)
        click.echo(to_json(data))
    else:
        wide = max([20, *(len(item["document"]) for item in summary.imported)])  # a long name kept its column
        for item in summary.imported:
            # one turn is "1 turn " (its column kept); a million words keep theirs ("1,215,000")
            click.echo(f"imported  {item['document']:<{wide}} {item['words']:>9,} words {item['turns']:>4} "
                       f"{'turn ' if item['turns'] == 1 else 'turns'} {item['units']:>5} "
                       f"{'unit' if item['units'] == 1 else 'units'}")
        for item in summary.skipped:
            if item.get("document") is None:  # a folder's file that is no transcript
                click.echo(f"skipped   {item['file']}: {item['reason']}")
            elif item.get("attributes_set"):  # not imported again, but changed: said as such, with what it replaced
                were, now, doc = item["attributes_were"], item["attributes_now"], item["document"]
                back = " ".join(shlex.quote(f"{k}={v}") for k, v in were.items())
                click.echo(f"updated   {doc}: attributes set from the table: " + ", ".join(
                    f"{k} {were[k]} -> {now[k]}" if k in were else f"{k} = {now[k]}" for k in item["attributes_set"])
                    + f" ({item['file']}: the same content, not imported again)")
                if were:  # (a value set by hand since the last import went back to the table's)
                    click.echo(f"note: `sto-qual attribute {shlex.quote(doc)} {back}` sets {doc}'s values before this "
                               "import back", err=True)
            else:
                click.echo(f"skipped   {item['file']} (same content as {item['document']})")
        for w in summary.warnings:
            click.echo(f"warning   {w}", err=True)
        for item in summary.not_read:
            click.echo(f"note: {item['file']}: {item['reason']}", err=True)
        for n in summary.notes:
            click.echo(f"note: {n}", err=True)
        for item in summary.refused:
            click.echo(f"refused   {item['error']}", err=True)
        updated = sum(1 for item in summary.skipped if item.get("attributes_set"))
        click.echo(f"{len(summary.imported)} imported, " + (f"{updated} updated, " if updated else "")
                   + f"{len(summary.skipped) - updated} skipped, {len(summary.refused)} refused")
    if interrupted is not None:
        part = ""
        if interrupted.partial:
            file, done, total = interrupted.partial
            part = f" (and {done} of {total} rows of {file})"
        click.echo(f"interrupted: {interrupted.files_done} of {interrupted.files_total} files imported{part}, "
                   f"{len(summary.imported)} documents stored; run the same import again to add the rest "
                   "(stored documents are skipped)", err=True)
        sys.exit(130)
    if not summary.ok:
        sys.exit(1)


_FILE_FACTS = ("title", "created")  # what the file says of itself (front matter, Word's properties)
# the interview's own facts, after the research attributes (a header's "date" and "aanwezig" first cut off the
# region type a second interview's header named later)
_INTERVIEW_FACTS = ("date", "datum", "aanwezig", "participants", "deelnemers", "interviewer", "duration", "duur")


@cli.command()
@_project_option
@_where_option
@_format_option
def docs(project: str, where: tuple[str, ...], fmt: str) -> None:
    """The documents with words, turns, units, attributes and codings (--where: the ones it keeps).
    codings and coded_share are every coder's (stats counts the reference coder's): coded_share is
    the share of the text's characters a coding covers. CSV adds a column per attribute (attr_KEY).
    JSON keys: id, name, words, turns, units, codings, coded_share, memos, format, source_file, attributes."""
    ws = _open(project)
    asked = _where_checked(ws, where) if where else None
    kept = set(ws.analysis_service.doc_ids(asked)) if asked else None
    docs = ws.documents()
    rows = [{"id": d.id, "name": d.name, "words": d.words, "turns": d.turns, "units": d.units,
             "codings": d.codings, "coded_share": round(d.coded_share, 4), "memos": d.memos, "format": d.format,
             "source_file": d.source_file, "attributes": d.attributes}
            for d in docs if kept is None or d.id in kept]
    keys = list(dict.fromkeys(k for r in rows for k in r["attributes"]))  # one order for every document
    main = ws.report_settings.main_attribute()
    keys.sort(key=lambda k: (k != main, k not in ("region_type", "region"), k.casefold() in _INTERVIEW_FACTS))
    if fmt == "table":  # a cut column shows the research attributes first, the file's title and date last
        for r in rows:
            a = r["attributes"]
            r["attributes"] = {**{k: shown_value(a[k]) for k in keys if k in a and k not in _FILE_FACTS},  # yes/no
                               **{k: a[k] for k in _FILE_FACTS if k in a}}
    if fmt in ("csv", "csv-nl"):  # for Excel: a column per attribute too, as `export -o FILE.csv` writes them
        rows = [{**r, **{f"attr_{k}": shown_value(r["attributes"][k]) if k in r["attributes"] else ""
                         for k in keys}} for r in rows]
        # (an interviewer's name): as stats --by says it of its labels
        _names_shown(ws, [str(v) for r in rows for v in r["attributes"].values()], "attribute values", "file")
    if kept is not None:  # the table's columns may be cut before the attribute filtered on
        click.echo(f"note: {len(rows)} of {len(docs)} documents have "
                   + " and ".join(condition_text(k, v) for k, v in asked.items()), err=True)
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "name", "words", "turns", "units", "codings", "coded_share", "attributes"])


@cli.command()
@_project_option
@click.argument("doc_named", metavar="[DOC]", required=False)
@click.option("--doc", default=None, help="Document id or name (or give it as the argument: `show R03`).")
@click.option("--units", "show_units", is_flag=True, help="List sentence units instead of turns.")
@_format_option
def show(project: str, doc_named: str | None, doc: str | None, show_units: bool, fmt: str) -> None:
    """A document's turns (or units) with ids and offsets: `show R03` or `show --doc R03`."""
    doc = _one_document(doc_named, doc, "show")
    ws = _open(project)
    text = ws.document_text(doc)
    if show_units:
        # "turn" is the number within the document, as without --units and as `code --turn`
        # takes it ("turn_id" is the project-wide id)
        number = {t.id: t.seq + 1 for t in ws.turns(doc)}
        # "sentence": the number within the document, as the TUI shows it and `code --sentence` takes it
        rows = [{"unit": u.id, "sentence": i, "turn": number.get(u.turn_id), "start": u.start, "end": u.end,
                 "text": text[u.start:u.end], "turn_id": u.turn_id} for i, u in enumerate(ws.units(doc), 1)]
    else:
        rows = [{"turn": t.seq + 1, "speaker": t.speaker, "role": t.role, "time": t.time_start,
                 "start": t.start, "end": t.end, "text": text[t.start:t.end]} for t in ws.turns(doc)]
    _echo_rows(rows, fmt)


@cli.command()
@_project_option
@click.argument("label", required=False)
@click.argument("role", required=False)
@click.option("--doc", default="", help="Only in this document (labels like R1 differ per interview).")
@click.option("--clear", is_flag=True, help="Take LABEL's role off (with --doc: in that document only).")
@_format_option
def role(project: str, label: str | None, role: str | None, doc: str, clear: bool, fmt: str) -> None:
    """Map a speaker label to a role (interviewer, penvoerder, bestuurder, ...): `role LABEL ROLE`;
    `role` lists the roles set (JSON keys: doc, label, speaker, role, speaks: whether an interview
    it applies to has that speaker) and `role LABEL --clear` takes one off (a role set for a
    mistyped label)."""
    ws = _open(project)
    if label is None or clear:
        _roles_listed_or_cleared(ws, label, role, doc, clear, fmt)
        return
    if role is None:
        raise click.UsageError(f"which role? `sto-qual role {shlex.quote(label)} ROLE`, or `--clear` to take its "
                               "role off; `sto-qual role` lists the roles set")
    if doc:
        doc = ws.document(doc).name
        speakers = ws.speakers(doc)
        if spoken_by(label, speakers) is None:  # a typo would map nobody and say nothing
            raise StoQualError(f"{doc} has no speaker '{label}' (speakers: {', '.join(speakers) or 'none'})",
                               hint=f"see `sto-qual show --doc {shlex.quote(doc)}`")
    near = ws.document_service.new_role_near(role)
    rows = rows_of(ws.role_map(), label)  # before: the role replaced is said, as `attribute` says its values
    was = rows.get(doc or "")
    ws.set_roles({(doc, label): role})
    click.echo(f"{label} -> {role}" + (f" (was {was})" if was and was != role.strip().lower() else ""))
    if near:  # a typo would be a group of its own in `stats --by role`
        click.echo(f"note: '{role}' is a new role in this project (did you mean {near}? then give "
                   f"`sto-qual role {shlex.quote(label)} {near}{f' --doc {shlex.quote(doc)}' if doc else ''}`)",
                   err=True)
    if not doc and spoken_by(label, ws.speakers()) is None:
        click.echo(f"warning: no document has a speaker '{label}' yet; the role applies to documents imported "
                   "later", err=True)
    # a row for one interview wins there: `role Pieter penvoerder` said "Pieter -> penvoerder" and changed nothing
    own = {d: r for d, r in rows.items() if d and r != role.strip().lower()}
    if not doc and own:
        click.echo(f"note: in {', '.join(own)} a row for that interview gives {label} another role "
                   f"({', '.join(sorted(set(own.values())))}), which holds there; " + ", ".join(
                       f"`sto-qual role {shlex.quote(label)} {shlex.quote(role)} --doc {shlex.quote(d)}`" for d in own)
                   + " changes it there", err=True)


def _roles_listed_or_cleared(ws, label: str | None, role: str | None, doc: str, clear: bool, fmt: str) -> None:
    if role is not None:
        raise click.UsageError("--clear takes a role off: give the label alone (`role LABEL --clear`)")
    if label is None:
        if clear:
            raise click.UsageError("which label? `sto-qual role LABEL --clear`")
        name = ws.document(doc).name if doc else None
        rows = [r for r in ws.document_service.roles() if name is None or r["doc"] in ("", name)]
        # the table: each speaker as the transcripts write her ("Marieke"), else the label as set
        _echo_rows(rows if fmt != "table" else [{"doc": r["doc"], "speaker": r["speaker"] or r["label"],
                                                 "role": r["role"], "speaks": r["speaks"]} for r in rows], fmt)
        if fmt == "table" and any(not r["speaks"] for r in rows):
            click.echo("note: a label no interview has gives no one a role (a mistyped name?): `sto-qual role LABEL "
                       "--clear` takes it off", err=True)
        return
    gone = ws.document_service.remove_role(label, ws.document(doc).name if doc else None)
    for r in gone:
        click.echo(f"{r['label']}: role {r['role']} taken off" + (f" in {r['doc']}" if r["doc"] else ""))


@cli.command()
@_project_option
@click.argument("doc")
@click.argument("values", nargs=-1)
@click.option("--clear", "remove", multiple=True, metavar="KEY", help="Take attribute KEY off (repeatable).")
@_format_option
def attribute(project: str, doc: str, values: tuple[str, ...], remove: tuple[str, ...], fmt: str) -> None:
    """Show or set one document's attributes: attribute R07 region_type=krimp school_boards=3 (JSON keys: key,
    value); the counts, tables and report group by them at once. For many documents: `import FOLDER --attributes
    TABLE.csv` (a file column, one per attribute) updates those already in the project."""
    pairs: dict[str, str] = {}
    for v in values:
        key, eq, value = v.partition("=")
        if not eq:
            raise OneLineUsage(f"'{v}' is not KEY=VALUE (e.g. region_type=krimp; --clear KEY takes one off)")
        if key.strip() in pairs:
            raise OneLineUsage(f"'{key.strip()}' is given twice")
        pairs[key.strip()] = value
    ws = _open(project)
    name = ws.document(doc).name
    if pairs or remove:
        res = ws.change_attributes(name, pairs, list(remove))
        for key, before, after in res["changed"]:
            before, after = (None if v is None else shown_value(v) for v in (before, after))  # yes/no, not True
            if before is not None and before == after:  # "fictional no -> no" read as a change
                click.echo(f"{name}: {key} is {after} already; unchanged", err=True)
                continue
            click.echo(f"{name}: {key} " + (f"{before} -> {after}" if before is not None and after is not None
                                              else f"set to {after}" if after is not None else f"({before}) taken off"),
                       err=True)
        for note in res["notes"]:
            click.echo(f"note: {note}", err=True)
    attrs = ws.document(name).attributes
    _echo_rows([{"key": k, "value": shown_value(attrs[k]) if fmt == "table" else attrs[k]} for k in attrs], fmt,
               ["key", "value"])


@cli.command("attribute-rename")
@_project_option
@click.argument("old")
@click.argument("new")
def attribute_rename(project: str, old: str, new: str) -> None:
    """Rename an attribute in every document that has it: attribute-rename "regio type"
    region_type (an attributes table's column written otherwise than the others)."""
    res = _open(project).document_service.rename_attribute(old, new)
    n = len(res["documents"])
    click.echo(f"renamed attribute '{res['old']}' to {res['new']} in {n} document{'s' if n != 1 else ''}")


@cli.command("doc-rename")
@_project_option
@click.argument("doc")
@click.argument("new")
def doc_rename(project: str, doc: str, new: str) -> None:
    """Give a document another name (doc-rename "Interview Waalvliet - Jan" W01): the name every
    command, export and table shows for it. No undo step: the line after says how it is taken back."""
    res = _open(project).document_names.rename_document(doc, new)
    click.echo(f"renamed document {res['old']} to {res['new']}")
    click.echo(f"note: no undo step; `sto-qual doc-rename {shlex.quote(res['new'])} {shlex.quote(res['old'])}` "
               "puts it back; a codings file written before names it as it was", err=True)


@cli.command("speaker-rename")
@_project_option
@click.argument("old")
@click.argument("new")
@click.option("--doc", default=None, help="Only in this document (else in every document that has OLD).")
def speaker_rename(project: str, old: str, new: str, doc: str | None) -> None:
    """Give a speaker label another name (a transcriber's typo: speaker-rename Mariek Marieke --doc A01);
    its role goes with it. No undo step: the line after says how it is taken back."""
    res = _open(project).document_names.rename_speaker(old, new, doc)
    where = ", ".join(res["documents"])
    click.echo(f"renamed speaker '{res['old']}' to '{res['new']}': {plural(res['turns'], 'turn')} in {where}"
               + (f" (the role {res['role']} goes with it)" if res["role"] else "")
               + (f" (the role {res['header_role']} its header gives {res['new']})" if res["header_role"] else ""))
    if res["backup"]:  # joined a speaker who was there: which turns were whose is not kept
        click.echo(f"note: '{res['new']}' speaks in {', '.join(res['joined'])} already, so which turns were "
                   f"'{res['old']}' is not kept; a backup was made first: {restore_command(res['backup'], project)} "
                   "takes it back", err=True)
    else:
        one = f" --doc {shlex.quote(res['documents'][0])}" if len(res["documents"]) == 1 else ""
        click.echo(f"note: no undo step; `sto-qual speaker-rename {shlex.quote(res['new'])} {shlex.quote(res['old'])}"
                   f"{one}` puts it back", err=True)


def _one_document(named: str | None, doc: str | None, command: str) -> str:
    """The document a command names as its argument or with --doc (`show R03`, `delete-doc R05`:
    "Missing option '--doc'" where `attribute R03` takes it so)."""
    if named and doc and named != doc:
        raise click.UsageError(f"give the document once: {named} or --doc {shlex.quote(doc)}")
    if not (doc or named):
        raise click.UsageError(f"which document? `sto-qual {command} R03` (or --doc R03); `sto-qual docs` lists them")
    return doc or named


@cli.command("delete-doc")
@_project_option
@click.argument("doc_named", metavar="[DOC]", required=False)
@click.option("--doc", default=None, help="Document id or name (or give it as the argument: `delete-doc R05`).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--keep-backups", is_flag=True, help="Do not delete automatic backups that contain it.")
def delete_doc(project: str, doc_named: str | None, doc: str | None, yes: bool, keep_backups: bool) -> None:
    """Delete a document completely (text, codings, memos, search index, backups with it): to take
    an interview out for good, so no backup of it is made first."""
    doc = _one_document(doc_named, doc, "delete-doc")
    ws = _open(project)
    d = ws.document(doc)
    own, others = ws.document_copies(d.id)
    from sto_qual.services.safety import backup_occasions
    before = backup_occasions(ws)  # the backup that is a merge's only way back goes too: said, asked or not
    ways_back = {p.name: before[p.name] for p in own if p.name in before and not keep_backups}
    if not yes:
        # whose work goes with it: a coder may be coding it in the TUI right now
        by = Counter(c.coder for c in ws.codings(doc=d.name))
        whose = f" ({', '.join(f'{n} by {who}' for who, n in by.most_common())})" if by else ""
        lines = [f"Delete {d.name} with its {d.codings} coding(s){whose}? This cannot be undone: no backup of it "
                 "is made."]
        if own and not keep_backups:
            lines.append("These automatic backups hold it and will be deleted too:")
            lines += [f"  {p}" + (f" (made before {ways_back[p.name]}: then no restore takes that back)"
                                  if p.name in ways_back else "") for p in own]
        if others or (own and keep_backups):
            lines.append("These files also hold it and are left alone (delete it there yourself):")
            lines += [f"  {p}" for p in others + (own if keep_backups else [])]
        click.confirm("\n".join(lines), abort=True)
    res = ws.delete_document(d.id, purge_backups=not keep_backups)
    click.echo(f"Deleted {res['document']}: {res['codings']} coding(s); "
               f"{len(res['backups_removed'])} backup(s) removed"
               + (f", among them the only way back from {' and from '.join(ways_back.values())}" if ways_back else ""))
    for name, what in ways_back.items():  # (first: said after five "still holds" lines, a re-tester missed it)
        click.echo(f"note: the backup made before {what} went with {res['document']} ({name}): no restore takes that "
                   "back now (--keep-backups keeps such backups)", err=True)
    for p in res["also_in"]:
        click.echo(f"note: {p} still holds {res['document']} (not deleted)", err=True)
    if res.get("warning"):
        click.echo(f"warning: {res['warning']}", err=True)
