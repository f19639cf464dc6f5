"""The ``sto-qual`` command line. Builds a Workspace and calls it; nothing else.

Errors a user can cause print one line on stderr and exit 1 (usage errors: 2).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.controls import escape_controls
from sto_qual.output import render, terminal_safe, to_json

DEFAULT_PROJECT = "sto-qual.db"
FORMATS = click.Choice(["table", "json", "csv"])


def _project_option(f):
    return click.option("--project", "-p", "project", envvar="STO_QUAL_PROJECT", default=DEFAULT_PROJECT,
                        show_default=True, type=click.Path(dir_okay=False),
                        help="Project file (env STO_QUAL_PROJECT).")(f)


def _coder_option(f):
    return click.option("--coder", default=None, help="Coder name (else STO_QUAL_CODER, else the project's default).")(f)


def _format_option(f, choices=FORMATS):
    return click.option("--format", "fmt", type=choices, default="table", show_default=True)(f)


_OPENED: list = []


def _open(project: str):
    from sto_qual.domain.errors import ProjectError
    from sto_qual.services import Workspace
    try:
        ws = Workspace.open(project)
    except ProjectError as exc:
        demo = _demo_default()
        if not Path(project).exists() and demo.exists():  # a newcomer who ran `sto-qual demo` first
            exc.hint = (f"the demo project is {demo}: pass --project {demo}, "
                        f"or create a project with `sto-qual init --project {project}`")
        raise
    # closed (and the WAL checkpointed into the file) when the command's context ends, so an
    # in-process CliRunner leaves no connection open either
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(lambda: _close_quietly(ws))
    else:
        _OPENED.append(ws)
    for w in ws.store.warnings:
        click.echo(f"warning: {w}", err=True)
    return ws


def _close_quietly(ws) -> None:
    try:
        ws.close()
    except Exception:  # noqa: BLE001 - closing must never hide the command's own result
        pass


def _echo_rows(rows, fmt: str, columns=None) -> None:
    click.echo(render(rows, fmt, columns))


class _Group(click.Group):
    def list_commands(self, ctx):
        return list(self.commands)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="sto-qual")
def cli() -> None:
    """sto_qual: code interview transcripts with a codebook, in the terminal, and turn
    them into theme counts, quote tables and a Word report chapter."""


# ---------------------------------------------------------------- project
@cli.command()
@_project_option
@click.option("--codebook", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Codebook YAML (default: the bundled STO codebook).")
@click.option("--default-coder", default=None, help="Default coder name for this project.")
def init(project: str, codebook: str | None, default_coder: str | None) -> None:
    """Create a new project file."""
    from sto_qual.services import Workspace
    ws = Workspace.create(project, codebook, default_coder)
    for w in ws.codebook_warnings:
        click.echo(f"warning: {w}", err=True)
    info = ws.info()
    click.echo(f"Created {project}: {info['codes']} codes, schema v{info['schema_version']}.")


@cli.command()
@_project_option
@_format_option
def info(project: str, fmt: str) -> None:
    """Schema version and counts of documents, codes, codings, coders."""
    data = _open(project).info()
    if fmt == "json":
        click.echo(to_json(data))
    else:
        for k, v in data.items():
            click.echo(f"{k:<24} {v}")


# --------------------------------------------------------------- codebook
def _code_json(c) -> dict[str, Any]:
    return {"path": c.path, "name": c.name, "parent": c.parent, "label": c.label, "colour": c.colour,
            "definition": c.definition, "when_to_use": c.when_to_use, "when_not_to_use": c.when_not_to_use,
            "examples": list(c.examples), "keywords": list(c.keywords), "codings": c.codings}


@cli.command()
@_project_option
@_format_option
def codebook(project: str, fmt: str) -> None:
    """The code tree with definitions and numbers of codings."""
    codes = _open(project).codebook()
    if fmt == "table":
        for c in codes:
            click.echo(f"{'  ' * c.depth}{c.path:<{50 - 2 * c.depth}} {c.codings:>5}  {c.colour}")
        return
    _echo_rows([_code_json(c) for c in codes], fmt)


@cli.command("codebook-import")
@_project_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def codebook_import(project: str, file: str) -> None:
    """Update the codebook from a YAML or .qdc file; nothing is deleted."""
    report = _open(project).import_codebook(file)
    for w in report.get("warnings", []):
        click.echo(f"warning: {w}", err=True)
    click.echo(f"added {len(report['added'])}, updated {len(report['updated'])}, "
               f"unchanged {len(report['unchanged'])}")
    for path in report["not_in_file"]:
        click.echo(f"kept (not in file): {path}")


@cli.command("codebook-export")
@_project_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=".yaml or .qdc")
def codebook_export(project: str, output: str) -> None:
    """Write the project's codebook (YAML, or REFI-QDA .qdc)."""
    ws = _open(project)
    ws.export_codebook(output)
    click.echo(f"Wrote {output}")


@cli.command("code-add")
@_project_option
@click.argument("path")
@click.option("--colour", default=None)
@click.option("--definition", default="")
@click.option("--label", default=None)
@_coder_option
def code_add(project, path, colour, definition, label, coder) -> None:
    """Add a code, e.g. urgentie/huisvesting."""
    c = _open(project).add_code(path, colour=colour, definition=definition, label=label, coder=coder)
    if c.path != path.strip().strip("/"):
        click.echo(f"warning: '{path}' is not a code path of lowercase slugs; added as '{c.path}'"
                   + (f" with the label '{c.label}'" if c.label and not label else ""), err=True)
    click.echo(f"Added {c.path}")


@cli.command("code-edit")
@_project_option
@click.argument("code")
@click.option("--label", default=None)
@click.option("--colour", default=None)
@click.option("--definition", default=None)
@click.option("--when-to-use", default=None)
@click.option("--when-not-to-use", default=None)
@click.option("--keyword", "keywords", multiple=True, help="Replace the keywords (repeatable).")
@click.option("--example", "examples", multiple=True, help="Replace the examples (repeatable).")
@_coder_option
def code_edit(project, code, label, colour, definition, when_to_use, when_not_to_use, keywords, examples,
              coder) -> None:
    """Edit a code's label, colour, definition, criteria, keywords or examples."""
    fields = {k: v for k, v in {"label": label, "colour": colour, "definition": definition,
                                "when_to_use": when_to_use, "when_not_to_use": when_not_to_use}.items()
              if v is not None}
    if keywords:
        fields["keywords"] = list(keywords)
    if examples:
        fields["examples"] = list(examples)
    if not fields:
        raise click.UsageError("nothing to change; give at least one option")
    c = _open(project).edit_code(code, coder=coder, **fields)
    click.echo(f"Updated {c.path}")


@cli.command("code-rename")
@_project_option
@click.argument("code")
@click.argument("new_name")
@_coder_option
def code_rename(project, code, new_name, coder) -> None:
    """Rename a code (its sub-codes and codings follow)."""
    click.echo(f"Renamed to {_open(project).rename_code(code, new_name, coder)}")


@cli.command("code-move")
@_project_option
@click.argument("code")
@click.option("--under", "parent", default=None, help="New parent code (omit for top level).")
@_coder_option
def code_move(project, code, parent, coder) -> None:
    """Move a code under another parent."""
    click.echo(f"Moved to {_open(project).move_code(code, parent, coder)}")


@cli.command("code-merge")
@_project_option
@click.argument("source")
@click.argument("target")
@_coder_option
def code_merge(project, source, target, coder) -> None:
    """Merge SOURCE into TARGET: its codings follow, SOURCE is removed (a backup is made first)."""
    n = _open(project).merge_codes(source, target, coder)
    click.echo(f"Merged {source} into {target}: {n} coding(s) moved")


@cli.command("code-delete")
@_project_option
@click.argument("code")
@click.option("--force", is_flag=True, help="Also delete the code's codings (a backup is made first).")
@_coder_option
def code_delete(project, code, force, coder) -> None:
    """Delete a code and its sub-codes (refused while codings exist unless --force)."""
    n = _open(project).delete_code(code, force=force, coder=coder)
    click.echo(f"Deleted {code}" + (f" and {n} coding(s)" if n else ""))


# ----------------------------------------------------------------- import
@cli.command("import")
@_project_option
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--attributes", type=click.Path(exists=True, dir_okay=False),
              help="CSV mapping file names to attributes (column 'file').")
@click.option("--role-map", type=click.Path(exists=True, dir_okay=False),
              help="CSV mapping speaker labels to roles (columns 'speaker', 'role').")
@click.option("--text-column", "text_columns", multiple=True, help="Survey files: the free-text column(s).")
@click.option("--id-column", default=None, help="Survey files: the respondent id column.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that parse and segment files while one stores them (default: one per core, "
                   "at most 4; 1 = all in this process).")
@_format_option
def import_(project, inputs, attributes, role_map, text_columns, id_column, workers, fmt) -> None:
    """Import transcripts (.txt .md .docx .vtt .srt), survey answers (.csv .xlsx) or .qdpx
    files and directories."""
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
    try:
        summary = ws.import_files(inputs, attributes=attributes, role_map=role_map,
                                  text_columns=list(text_columns) or None, id_column=id_column,
                                  progress=progress, workers=workers)
    finally:
        if bar:
            bar.stop()
    if fmt == "json":
        click.echo(to_json(summary.as_json()))
    else:
        for item in summary.imported:
            click.echo(f"imported  {item['document']:<20} {item['words']:>6} words {item['turns']:>4} turns "
                       f"{item['units']:>5} units")
        for item in summary.skipped:
            click.echo(f"skipped   {item['file']} (same content as {item['document']})")
        for w in summary.warnings:
            click.echo(f"warning   {w}", err=True)
        for item in summary.refused:
            click.echo(f"refused   {item['error']}", err=True)
        click.echo(f"{len(summary.imported)} imported, {len(summary.skipped)} skipped, "
                   f"{len(summary.refused)} refused")
    if not summary.ok:
        sys.exit(1)


@cli.command()
@_project_option
@_format_option
def docs(project: str, fmt: str) -> None:
    """The documents with words, turns, units, attributes and codings."""
    rows = [{"id": d.id, "name": d.name, "words": d.words, "turns": d.turns, "units": d.units,
             "codings": d.codings, "coded_share": round(d.coded_share, 4), "format": d.format,
             "source_file": d.source_file, "attributes": d.attributes} for d in _open(project).documents()]
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "name", "words", "turns", "units", "codings", "coded_share", "attributes"])


@cli.command()
@_project_option
@click.option("--doc", required=True, help="Document id or name.")
@click.option("--units", "show_units", is_flag=True, help="List sentence units instead of turns.")
@_format_option
def show(project: str, doc: str, show_units: bool, fmt: str) -> None:
    """A document's turns (or units) with ids and offsets."""
    ws = _open(project)
    text = ws.document_text(doc)
    if show_units:
        rows = [{"unit": u.id, "turn": u.turn_id, "start": u.start, "end": u.end, "text": text[u.start:u.end]}
                for u in ws.units(doc)]
    else:
        rows = [{"turn": t.seq + 1, "speaker": t.speaker, "role": t.role, "time": t.time_start,
                 "start": t.start, "end": t.end, "text": text[t.start:t.end]} for t in ws.turns(doc)]
    _echo_rows(rows, fmt)


@cli.command()
@_project_option
@click.argument("query")
@click.option("--lemma", is_flag=True, help="Match lemmas: 'school' also finds 'scholen'.")
@click.option("--limit", default=200, show_default=True)
@_format_option
def search(project: str, query: str, lemma: bool, limit: int, fmt: str) -> None:
    """Full-text search over sentence units (diacritics-insensitive)."""
    rows = _open(project).search(query, lemma=lemma, limit=limit)
    _echo_rows([{"unit": r["unit"], "doc": r["doc"], "document_id": r["document_id"], "speaker": r["speaker"],
                 "role": r["role"], "start": r["start"], "end": r["end"], "text": r["text"]} for r in rows], fmt)


@cli.command()
@_project_option
@click.argument("label")
@click.argument("role")
@click.option("--doc", default="", help="Only in this document (labels like R1 differ per interview).")
def role(project: str, label: str, role: str, doc: str) -> None:
    """Map a speaker label to a role (interviewer, penvoerder, bestuurder, ...)."""
    ws = _open(project)
    if doc:
        doc = ws.document(doc).name
    ws.set_roles({(doc, label): role})
    click.echo(f"{label} -> {role}")


@cli.command("delete-doc")
@_project_option
@click.option("--doc", required=True)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--keep-backups", is_flag=True, help="Do not delete automatic backups that contain it.")
def delete_doc(project: str, doc: str, yes: bool, keep_backups: bool) -> None:
    """Delete a document completely (text, codings, memos, search index, backups with it)."""
    from sto_qual.services.backups import document_copies
    ws = _open(project)
    d = ws.document(doc)
    own, others = document_copies(ws, d.id)
    if not yes:
        lines = [f"Delete {d.name} with its {d.codings} coding(s)? This cannot be undone."]
        if own and not keep_backups:
            lines.append("These automatic backups hold it and will be deleted too:")
            lines += [f"  {p}" for p in own]
        if others or (own and keep_backups):
            lines.append("These files also hold it and are left alone (delete it there yourself):")
            lines += [f"  {p}" for p in others + (own if keep_backups else [])]
        click.confirm("\n".join(lines), abort=True)
    res = ws.delete_document(d.id, purge_backups=not keep_backups)
    click.echo(f"Deleted {res['document']}: {res['codings']} coding(s); "
               f"{len(res['backups_removed'])} backup(s) removed")
    for p in res["also_in"]:
        click.echo(f"note: {p} still holds {res['document']} (not deleted)", err=True)
    if res.get("warning"):
        click.echo(f"warning: {res['warning']}", err=True)


# ----------------------------------------------------------------- coding
def _span_options(f):
    f = click.option("--turn", type=int, default=None, help="Turn number within the document (from 1).")(f)
    f = click.option("--unit", type=int, default=None, help="Sentence unit id.")(f)
    f = click.option("--end", type=int, default=None)(f)
    f = click.option("--start", type=int, default=None)(f)
    return f


def _coding_line(c) -> str:
    star = " *" if c.starred else ""
    return f"#{c.id} {c.doc} {c.start}-{c.end} {c.code} [{c.coder}]{star}: “{c.text[:70]}”"


@cli.command()
@_project_option
@click.option("--doc", required=True, help="Document id or name.")
@click.option("--code", required=True, help="Code path or unambiguous name.")
@_span_options
@_coder_option
@click.option("--memo", default=None)
@click.option("--star", is_flag=True, help="Mark as a quote candidate.")
@_format_option
def code(project, doc, code, start, end, unit, turn, coder, memo, star, fmt) -> None:
    """Apply a code to a span, a sentence unit or a speaker turn."""
    c = _open(project).assign_code(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                                   memo=memo, starred=star)
    click.echo(to_json(c.as_json()) if fmt == "json" else f"coded {_coding_line(c)}")


@cli.command()
@_project_option
@click.option("--id", "coding_id", type=int, default=None, help="Coding id to remove.")
@click.option("--doc", default=None)
@click.option("--code", default=None)
@_span_options
@_coder_option
@click.option("--all-coders", is_flag=True, help="Remove other coders' codings of that code too.")
def uncode(project, coding_id, doc, code, start, end, unit, turn, coder, all_coders) -> None:
    """Remove a coding by id, or a code from a span of a document."""
    ws = _open(project)
    if coding_id is not None:
        removed = [ws.remove_coding(coding_id, coder=coder)]
    else:
        if not doc or not code:
            raise click.UsageError("give --id, or --doc and --code (with a span)")
        removed = ws.uncode(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                            all_coders=all_coders)
    for c in removed:
        click.echo(f"removed {_coding_line(c)}")


@cli.command()
@_project_option
@_coder_option
def undo(project, coder) -> None:
    """Undo your last change (per coder; survives restarts)."""
    res = _open(project).undo(coder)
    click.echo(f"undone: {res['op']}")


@cli.command()
@_project_option
@_coder_option
def redo(project, coder) -> None:
    """Redo the change you last undid."""
    res = _open(project).redo(coder)
    click.echo(f"redone: {res['op']}")


@cli.command()
@_project_option
@click.argument("coding_id", type=int)
@click.argument("text", required=False)
@click.option("--clear", is_flag=True)
@_coder_option
def memo(project, coding_id, text, clear, coder) -> None:
    """Set (or --clear) the memo of a coding."""
    if not clear and text is None:
        raise click.UsageError("give the memo text or --clear")
    c = _open(project).set_memo(coding_id, None if clear else text, coder=coder)
    click.echo(f"memo on #{c.id}: {c.memo or '(none)'}")


@cli.command()
@_project_option
@click.argument("coding_id", type=int)
@click.option("--off", is_flag=True, help="Unstar.")
@_coder_option
def star(project, coding_id, off, coder) -> None:
    """Star a coding as a quote candidate for the report."""
    c = _open(project).star(coding_id, not off, coder=coder)
    click.echo(f"#{c.id} {'starred' if c.starred else 'unstarred'}")


@cli.command()
@_project_option
@click.argument("coding_id", type=int)
@click.option("--start", type=int, default=None)
@click.option("--end", type=int, default=None)
@click.option("--snap", is_flag=True, help="Extend to the whole sentences it touches.")
@click.option("--shrink", is_flag=True, help="Shrink to the whole sentences inside it.")
@_coder_option
def resize(project, coding_id, start, end, snap, shrink, coder) -> None:
    """Change a coding's span, or extend (--snap) / shrink (--shrink) it to sentence boundaries."""
    c = _open(project).resize_coding(coding_id, start=start, end=end, snap=snap, shrink=shrink, coder=coder)
    click.echo(f"resized {_coding_line(c)}")


@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None, help="Code path (sub-codes included).")
@click.option("--coder", default=None)
@click.option("--starred", is_flag=True, default=None)
@_format_option
def codings(project, doc, code, coder, starred, fmt) -> None:
    """List codings (JSON keys: id, doc, code, start, end, text, coder, memo, origin, starred)."""
    ws = _open(project)
    if fmt == "json":  # tens of thousands of codings: read in bulk, encoded column by column, written as bytes
        from sto_qual.domain.model import Coding
        from sto_qual.output import columns_json_utf8, echo_utf8
        from sto_qual.store.segment_reads import coded_segment_columns
        if doc is None and code is None and coder is None:  # the whole project: the bulk read
            columns = coded_segment_columns(ws.store, starred=True if starred else None)
        else:
            columns = ws.coding_tuples(doc=doc, code=code, coder=coder, starred=True if starred else None,
                                       columns=True)
        if columns[0]:  # in Coding's field order; the keys in as_json's order
            keys = list(Coding(*(c[0] for c in columns)).as_json())
            star = Coding._fields.index("starred")
            columns[star] = [bool(v) for v in columns[star]]
            echo_utf8(columns_json_utf8(keys, [columns[Coding._fields.index(k)] for k in keys]))
            return
    rows = [c.as_json() for c in ws.codings(doc=doc, code=code, coder=coder, starred=True if starred else None)]
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "doc", "code", "start", "end", "coder", "starred", "text"])


@cli.command()
@_project_option
@_format_option
def coders(project, fmt) -> None:
    """The coders with their numbers of codings."""
    _echo_rows(_open(project).coders(), fmt)


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
    failed = 0
    for res in ws.import_codings_files(paths, coder=coder):
        if "error" in res:
            failed += 1
            click.echo(f"error: {res['error']}", err=True)
        else:
            click.echo(f"{res['file']}: {res['added']} added, {res['already_present']} already present")
    if failed:
        sys.exit(1)


@cli.command("codings-export")
@_project_option
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False))
@click.option("--coder", default=None)
def codings_export(project, out_dir, coder) -> None:
    """Write codings as anchored YAML files (one per coder and document)."""
    written = _open(project).export_codings_yaml(out_dir, coder=coder)
    click.echo(f"Wrote {len(written)} file(s) to {out_dir}")


# ------------------------------------------------------------ suggestions
@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None)
@click.option("--learned", is_flag=True, help="Also train and apply the learned model.")
@click.option("--min-codings", default=10, show_default=True, help="Codings a code needs to be learned.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Model confidence to suggest [default: each code's own, chosen on held-out interviews].")
@click.option("--interviewer-turns", type=click.Choice(["on", "off"]), default=None,
              help="Suggest in interviewer questions too (on) or not (off, the default); saved in the project.")
@click.option("--seed", default=0, show_default=True)
def suggest(project, doc, code, learned, min_codings, threshold, interviewer_turns, seed) -> None:
    """Generate pending suggestions (never codings) from keywords and, with --learned, a model."""
    from sto_qual.services.suggesting import explain, set_interviewer_turns
    ws = _open(project)
    if interviewer_turns is not None:
        set_interviewer_turns(ws, interviewer_turns == "on")
    res = ws.suggest(doc=doc, code=code, learned=learned, min_codings=min_codings, threshold=threshold, seed=seed)
    click.echo(explain(res))


@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None)
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "all"]), default="pending")
@_format_option
def suggestions(project, doc, code, status, fmt) -> None:
    """List suggestions (JSON keys: id, doc, unit, code, start, end, text, origin, reason, confidence,
    status, reasons)."""
    rows = [s.as_json() for s in _open(project).suggestions(status=None if status == "all" else status,
                                                            doc=doc, code=code)]
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "doc", "unit", "code", "origin", "confidence", "reason", "text"])


@cli.command()
@_project_option
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-above", type=float, default=None, help="Accept every pending suggestion with at least this confidence.")
@_coder_option
def accept(project, ids, all_above, coder) -> None:
    """Accept suggestions: they become codings (origin accepted-suggestion)."""
    made = _open(project).accept(ids, all_above=all_above, coder=coder)
    click.echo(f"accepted {len(made)} suggestion(s)")


@cli.command()
@_project_option
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-below", type=float, default=None, help="Reject every pending model suggestion below this confidence.")
@_coder_option
def reject(project, ids, all_below, coder) -> None:
    """Reject suggestions; they are not proposed again for that unit and code."""
    n = _open(project).reject(ids, all_below=all_below, coder=coder)
    click.echo(f"rejected {n} suggestion(s)")


# ------------------------------------------------------------- pseudonyms
@cli.group()
def pseudonyms() -> None:
    """The pseudonym list applied to every export."""


@pseudonyms.command("add")
@_project_option
@click.argument("name")
@click.argument("replacement")
@click.option("--regex", is_flag=True, help="NAME is a regular expression (e.g. school names).")
def pseudonyms_add(project, name, replacement, regex) -> None:
    _open(project).add_pseudonym(name, replacement, regex)
    click.echo(f"{name} -> {replacement}")


@pseudonyms.command("import")
@_project_option
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
def pseudonyms_import(project, csv_file) -> None:
    """CSV with columns name, replacement (and optional regex)."""
    n = _open(project).import_pseudonyms(csv_file)
    click.echo(f"{n} pseudonym(s) imported")


@pseudonyms.command("list")
@_project_option
@_format_option
def pseudonyms_list(project, fmt) -> None:
    rows = [{"name": p, "replacement": r, "regex": x} for p, r, x in _open(project).pseudonyms()]
    _echo_rows(rows, fmt)


@pseudonyms.command("remove")
@_project_option
@click.argument("name")
def pseudonyms_remove(project, name) -> None:
    if not _open(project).store.remove_pseudonym(name):
        raise StoQualError(f"no pseudonym '{name}'")
    click.echo(f"removed {name}")


# ------------------------------------------------------------ safety
@cli.command()
@_project_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def backup(project, output) -> None:
    """Consistent copy of the project (safe while the TUI is open)."""
    click.echo(f"Backed up to {_open(project).backup(output)}")


@cli.command()
@_project_option
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True)
def restore(project, backup_file, yes) -> None:
    """Replace the project with a backup (the current file is kept as a backup first)."""
    from sto_qual.services.safety import restore_backup
    if not yes and Path(project).exists():
        click.confirm(f"Replace {project} with {backup_file}?", abort=True)
    kept = restore_backup(project, backup_file)
    click.echo(f"Restored {project} from {backup_file}" + (f" (previous kept as {kept})" if kept else ""))


# --------------------------------------------------------------- demo / tui
def _demo_default() -> Path:
    base = os.environ.get("STO_QUAL_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share", "sto-qual")
    return Path(base) / "demo.db"


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
    click.echo(built["message"])
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


def _register_optional() -> None:
    """Analysis/report commands live in their own module to keep this one readable."""
    from sto_qual import cli_analysis, cli_synthesis
    cli_analysis.register(cli)
    cli_synthesis.register(cli)


def main() -> None:
    _register_optional()
    # every line printed for a person goes through one filter that shows control characters
    # as \xNN (names and texts stored before the input checks, or text nobody checked)
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = terminal_safe(sys.stdout), terminal_safe(sys.stderr)
    try:
        _main()
    finally:
        sys.stdout, sys.stderr = streams
        while _OPENED:
            _close_quietly(_OPENED.pop())


def _main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
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
        click.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug, not a user's mistake: still one line unless debugging
        if os.environ.get("STO_QUAL_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set STO_QUAL_DEBUG=1 for details)", err=True)
        sys.exit(3)
