"""Synthesis commands: the summary grid, drafting, and one cell's or theme's summary."""
from __future__ import annotations

from pathlib import Path

import click

from sto_qual.cli.options import _coder_option, _format_option, _open, _project_option, _where, _where_option
from sto_qual.domain.errors import StoQualError
from sto_qual.output import render, to_json

FORMATS = click.Choice(["table", "json"])
GRID_KEYS = ("document", "code", "status", "summary", "passages")


def _point_option(f):
    return click.option("--point", "point", type=click.IntRange(min=1), default=None,
                        help="With --theme: one key point (its number, from 1).")(f)


def _target_options(f):
    f = click.option("--theme", default=None, help="A theme (top-level code).")(f)
    f = click.option("--code", default=None, help="The cell's code (with --doc).")(f)
    f = click.option("--doc", default=None, help="The cell's interview (with --code).")(f)
    return f


def _show(data: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json(data))
        return
    if "lead" in data:  # a theme
        click.echo(f"{data['code']}  [{data['status']}]" + (f"  {data['author']}, {data['updated_at']}"
                                                            if data.get("author") else ""))
        if data.get("changes") and data["status"] == "outdated":
            click.echo(f"outdated: {_changes(data['changes'])}")
        if data.get("text"):
            click.echo("\n" + data["text"])
        click.echo("")
        for line in data["lead"]:
            click.echo(line)
        for i, p in enumerate(data["points"], 1):
            click.echo(f"\n{i}. {'● ' if p.get('reviewed') else ''}{p['label']} ({p['wording']}, "
                       f"{len(p['regions'])}: {', '.join(p['regions'])})")
            click.echo(f"  {p['text']}")
            click.echo(f"  “{p['evidence']}”  [codings {', '.join(str(r) for r in p['references'][:5])}]")
        for c in data["contrasts"]:
            click.echo(f"\n↔ {c['text']}")
        return
    click.echo(f"{data['document']} × {data['code']}  [{data['status']}]"
               + (f"  {data['author']}, {data['updated_at']}" if data.get("author") else ""))
    if data.get("changes") and data["status"] == "outdated":
        click.echo(f"outdated: {_changes(data['changes'])}")
    click.echo("\n" + (data["summary"] or "(no summary; `sto-qual summarize` drafts one)"))
    for e in data.get("evidence", []):
        who = ", ".join(x for x in (e["speaker"], e["role"]) if x)
        click.echo(f"\n[{e['id']}] turn {e['turn']} {who}: {e['text']}")
        if e["memo"]:
            click.echo(f"    memo: {e['memo']}")


def _changes(ch: dict) -> str:
    from sto_qual.domain.drafting import describe_changes
    return describe_changes(ch)


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.option("--codes", default=None, help="Comma-separated codes (columns; default: every code).")
    @_where_option
    @_format_option
    def grid(project, codes, where, fmt):
        """The summary grid: every interview x code with its status and summary. JSON keys:
        document, code, status, summary, passages (coding ids), author, updated_at, changes."""
        ws = _open(project)
        rows = ws.synthesis().grid(codes=[c.strip() for c in codes.split(",") if c.strip()] if codes else None,
                                   where=_where(where))
        if fmt == "json":
            click.echo(to_json([{k: r[k] for k in (*GRID_KEYS, "author", "updated_at", "changes")} for r in rows]))
            return
        shown = [{"document": r["document"], "code": r["code"], "status": r["glyph"] + " " + r["status"],
                  "passages": len(r["passages"]), "summary": r["summary"].split("\n")[0]}
                 for r in rows if r["passages"] or r["summary"]]
        click.echo(render(shown, fmt))

    @cli.command()
    @_project_option
    @click.option("--theme", default=None, help="Only this theme (top-level code) and its cells.")
    @click.option("--redraft", is_flag=True, help="Draft every draft again (reviewed text is never touched).")
    @_format_option
    def summarize(project, theme, redraft, fmt):
        """Draft the grid's cells and the theme summaries from the codings and memos
        (offline, deterministic). Reviewed text is kept; it is flagged when its codings change."""
        res = _open(project).synthesis().summarize(theme=theme, redraft=redraft)
        if fmt == "json":
            click.echo(to_json(res))
            return
        click.echo(f"cells: {res['cells_drafted']} drafted, {res['cells_unchanged']} unchanged, "
                   f"{res['cells_reviewed']} reviewed, {res['cells_outdated']} outdated; "
                   f"themes: {res['themes_drafted']} drafted, {res['themes_unchanged']} unchanged, "
                   f"{res['themes_reviewed']} reviewed, {res['themes_outdated']} outdated")

    @cli.group()
    def summary() -> None:
        """One cell's (--doc D --code C) or theme's (--theme T) summary: show, set, accept, clear, draft."""

    @summary.command("show")
    @_project_option
    @_target_options
    @_format_option
    def summary_show(project, doc, code, theme, fmt):
        """A cell (with its passages: id, turn, speaker, role, text, memo) or a theme (code, lead,
        points, contrasts, status)."""
        syn = _open(project).synthesis()
        if theme and not (doc or code):
            _show(syn.theme(theme), fmt)
            return
        if not (doc and code):
            raise click.UsageError("give --doc D --code C for a cell, or --theme T")
        _show(syn.cell(doc, code), fmt)

    @summary.command("set")
    @_project_option
    @_target_options
    @click.option("--text", default=None, help="The summary text.")
    @click.option("--file", "file_", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="Read the summary text from a UTF-8 file.")
    @_point_option
    @_coder_option
    @_format_option
    def summary_set(project, doc, code, theme, text, file_, point, coder, fmt):
        """Write a summary (or, with --theme T --point N, one key point's sentence); it is marked
        reviewed (undo restores the previous text)."""
        if (text is None) == (file_ is None):
            raise click.UsageError("give --text TEXT or --file F")
        if file_ is not None:
            try:
                text = Path(file_).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise StoQualError(f"{file_}: not UTF-8 text", hint="save the file as UTF-8") from None
        syn = _open(project).synthesis()
        if point is not None:
            if not theme:
                raise click.UsageError("--point goes with --theme")
            _done(syn.set_point(theme, point, text, coder=coder), fmt, f"set point {point} of")
            return
        _done(syn.set_text(text, doc=doc, code=code, theme=theme, coder=coder), fmt, "set")

    @summary.command("accept")
    @_project_option
    @_target_options
    @_point_option
    @_coder_option
    @_format_option
    def summary_accept(project, doc, code, theme, point, coder, fmt):
        """Accept the current text (the draft, or outdated reviewed text) as reviewed; with
        --theme T --point N, one key point."""
        syn = _open(project).synthesis()
        if point is not None:
            if not theme:
                raise click.UsageError("--point goes with --theme")
            _done(syn.set_point(theme, point, None, coder=coder), fmt, f"accepted point {point} of")
            return
        _done(syn.accept(doc=doc, code=code, theme=theme, coder=coder), fmt, "accepted")

    @summary.command("clear")
    @_project_option
    @_target_options
    @_coder_option
    @_format_option
    def summary_clear(project, doc, code, theme, coder, fmt):
        """Remove the summary text (undoable)."""
        _done(_open(project).synthesis().clear(doc=doc, code=code, theme=theme, coder=coder), fmt, "cleared")

    @summary.command("draft")
    @_project_option
    @_target_options
    @_coder_option
    @_format_option
    def summary_draft(project, doc, code, theme, coder, fmt):
        """Draft this one cell or theme now (refused on reviewed text; undoable)."""
        _done(_open(project).synthesis().draft_one(doc=doc, code=code, theme=theme, coder=coder), fmt, "drafted")


def _done(res: dict, fmt: str, verb: str) -> None:
    if fmt == "json":
        click.echo(to_json(res))
        return
    what = f"{res['document']} × {res['code']}" if "document" in res else res["code"]
    click.echo(f"{verb}: {what} [{res['status']}]")
