"""Synthesis commands: the summary grid, drafting, and one cell's or theme's summary."""
from __future__ import annotations

from pathlib import Path

import click

from sto_qual.cli.coding_notes import refuse_typo
from sto_qual.cli.options import (_coder_option, _format_option, _group_project_option, _open, _project_option,
                                 _texts_with_names, _where_checked, _where_option)
from sto_qual.cli.summary_output import said_done, show_english, show_item, show_summary
from sto_qual.domain.drafting import men_after_verb
from sto_qual.domain.errors import StoQualError
from sto_qual.output import render, to_json

FORMATS = click.Choice(["table", "json"], case_sensitive=False)
GRID_KEYS = ("document", "code", "status", "summary", "passages")


def _point_option(f):
    f = click.option("--contrast", "contrast", type=click.IntRange(min=1), default=None,
                     help="With --theme: one contrast sentence (its number, from 1).")(f)
    f = click.option("--lead", "lead", type=click.IntRange(min=1), default=None,
                     help="With --theme: one lead sentence (its number, from 1).")(f)
    return click.option("--point", "point", type=click.IntRange(min=1), default=None,
                        help="With --theme: one key point (its number, from 1).")(f)


def _item(theme, point, lead, contrast):
    """The one theme sentence --point/--lead/--contrast names, as (kind, number), or None."""
    given = [(k, n) for k, n in (("point", point), ("lead", lead), ("contrast", contrast)) if n is not None]
    if not given:
        return None
    if len(given) > 1:
        raise click.UsageError("give one of --point, --lead, --contrast")
    if not theme:
        raise click.UsageError(f"--{given[0][0]} goes with --theme")
    return given[0]


def _one_target(doc, code, theme) -> None:
    """A cell (--doc D --code C) or a theme (--theme T), not both: `summary accept --doc R03 --theme
    urgentie` accepted the whole theme, every drafted sentence, and said nothing of --doc."""
    if theme and (doc or code):
        raise click.UsageError("give --doc D --code C for a cell, or --theme T for a theme, not both")
    if not theme and not (doc and code):
        raise click.UsageError("give --doc D --code C for a cell, or --theme T")


def _target_options(f):
    f = click.option("--theme", default=None, help="A theme (top-level code).")(f)
    f = click.option("--code", default=None, help="The cell's code (with --doc).")(f)
    f = click.option("--doc", default=None, help="The cell's interview (with --code).")(f)
    return f


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.option("--codes", default=None, help="Comma-separated codes (columns; default: every code).")
    @_where_option
    @_format_option
    def grid(project, codes, where, fmt):
        """The summary grid: every interview x code with its status and summary. JSON keys:
        document, code, status, summary, passages (a coding id per passage), codings (every coding
        id in the cell: two sub-codes on one passage are one passage, two codings), author,
        updated_at, changes."""
        ws = _open(project)
        # what this prints may leave the project (a CSV for Excel): names replaced, as in export --grid
        rows = ws.synthesis().grid(codes=[c.strip() for c in codes.split(",") if c.strip()] if codes else None,
                                   where=_where_checked(ws, where), anonymised=True)
        if fmt == "json":
            click.echo(to_json([{k: r[k] for k in (*GRID_KEYS, "codings", "author", "updated_at", "changes")}
                                for r in rows]))
            return
        # a table for people: the glyph and how many passages; CSV for a spreadsheet: the status
        # as JSON gives it and the passages' coding ids (in text order)
        table = fmt == "table"
        shown = [{"document": r["document"], "code": r["code"],
                  "status": r["glyph"] + " " + r["status"] if table else r["status"],
                  "passages": len(r["passages"]) if table else r["passages"],
                  **({} if table else {"codings": r["codings"]}),
                  "summary": r["summary"].split("\n")[0]}
                 for r in rows if not table or r["passages"] or r["summary"]]  # CSV: the whole grid
        click.echo(render(shown, fmt))

    @cli.command()
    @_project_option
    @click.option("--theme", default=None, help="Only this theme (top-level code) and its cells.")
    @click.option("--redraft", is_flag=True, help="Draft every draft again (reviewed text is never touched).")
    @_format_option
    def summarize(project, theme, redraft, fmt):
        """Draft the grid's cells and the theme summaries from the codings and memos
        (offline, deterministic). Reviewed text is kept; it is flagged when its codings change."""
        ws = _open(project)
        res = ws.synthesis().summarize(theme=theme, redraft=redraft)
        if fmt == "json":
            click.echo(to_json(res))
        else:
            click.echo(f"cells: {res['cells_drafted']} drafted, {res['cells_unchanged']} unchanged, "
                       f"{res['cells_reviewed']} reviewed, {res['cells_outdated']} outdated; "
                       f"themes: {res['themes_drafted']} drafted, {res['themes_unchanged']} unchanged, "
                       f"{res['themes_reviewed']} reviewed, {res['themes_outdated']} outdated")
        sub = ws.code(theme) if theme else None
        if sub is not None and sub.parent is not None:  # its theme was drafted: said, not silent
            top = sub.path.split("/")[0]
            click.echo(f"note: {sub.path} is not a theme; its theme {top} was drafted, with the cells of "
                       f"every sub-code (`sto-qual grid --codes {sub.path}` shows this sub-code's)", err=True)

    @cli.group()
    @_group_project_option
    def summary() -> None:
        """One cell's (--doc D --code C) or theme's (--theme T) summary: show, set, accept, clear, draft."""

    @summary.command("show")
    @_project_option
    @_target_options
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True,
                  help="A theme's draft in English (phrases from label_en; quotes stay Dutch).")
    @_point_option
    @click.option("--quotes", "quotes", is_flag=True,
                  help="After a theme, the quotes the chapter prints in its text, paragraph by paragraph "
                       "(JSON key chapter_quotes: paragraph, id, text, attribution).")
    @_format_option
    def summaryshow_summary(project, doc, code, theme, lang, point, lead, contrast, quotes, fmt):
        """A cell (with its passages: id, turn, speaker, role, text, memo) or a theme (code, lead,
        points, contrasts, status); with --point N, --lead N or --contrast N, that one sentence."""
        if quotes and not theme:
            raise click.UsageError("--quotes goes with --theme T: the quotes the chapter prints in a theme's text")
        _one_target(doc, code, theme)
        item = _item(theme, point, lead, contrast)
        ws = _open(project)
        syn = ws.synthesis()
        if theme:
            own = ws.english_sections.get(theme) if lang == "en" else None
            if own is not None:  # a person's English section: the chapter prints it instead of the draft
                show_english(own, fmt)
                return
            # for a person, a theme with nothing stored shows the draft it would get, as F9 does ("[empty]"
            # above nothing read as no summary while F9 and the chapter had one); JSON stays what is stored
            data = syn.theme(theme, lang=lang, preview=fmt != "json")
            if quotes:  # as the chapter `report` writes prints them (with the same language)
                from sto_qual.services.report_theme import chapter_quotes
                data = {**data, "chapter_quotes": chapter_quotes(ws.report_data(lang=lang), data["code"])}
            if fmt == "table" and lang == "nl":  # the points as the chapter prints them ("In een regio heeft men …")
                data = {**data, "points": [{**p, "text": men_after_verb(p["text"])} if p.get("text") else p
                                           for p in data.get("points", [])]}
            if item is not None:  # one sentence, as `set` and `accept` name it (`show --point 2` was a usage error)
                show_item(data, *item, fmt)
                return
            show_summary(data, fmt, syn.theme_reviewers(theme) if fmt != "json" and data.get("author") else None)
            said = [*data.get("lead", []), *(p.get("text") or "" for p in data.get("points", [])),
                    *(c.get("text") or "" for c in data.get("contrasts", [])), data.get("text") or ""]
            if fmt != "json":  # a writer copying a sentence from here took "Vakcollege Oostkade" along
                _texts_with_names(ws, said, "sentences", "the chapter prints them replaced")
            if ws.code(theme).parent is not None:  # a sub-code: its theme has the summary (said, not silent)
                click.echo(f"note: {theme} is not a theme; the summary of its theme {data['code']} is shown "
                           f"(a sub-code's summaries are cells: --doc D --code {theme})", err=True)
            return
        show_summary(syn.cell(doc, code), fmt)

    @summary.command("set")
    @_project_option
    @_target_options
    @click.argument("typed", required=False, metavar="[TEXT]")
    @click.option("--text", default=None, help="The summary text (or give it as TEXT).")
    @click.option("--file", "file_", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="Read the summary text from a UTF-8 file.")
    @_point_option
    @_lang_option
    @_coder_option
    @_format_option
    def summary_set(project, doc, code, theme, typed, text, file_, point, lead, contrast, lang, coder, fmt):
        """Write a summary (or, with --theme T and --point N, --lead N or --contrast N, one
        sentence of it); it is marked reviewed (undo restores the previous text). With --theme T
        --lang en: the theme's section of the English chapter, in place of its English draft.
        The text: TEXT, --text TEXT or --file F (`summary set --theme urgentie --point 2 "…"`)."""
        if typed is not None and text is not None:
            raise click.UsageError("give the text once: as TEXT or with --text")
        text = typed if typed is not None else text
        if (text is None) == (file_ is None):
            raise click.UsageError("give the text: TEXT, --text TEXT or --file F")
        _one_target(doc, code, theme)
        if file_ is not None:
            try:
                text = Path(file_).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise StoQualError(f"{file_}: not UTF-8 text", hint="save the file as UTF-8") from None
        item = _item(theme, point, lead, contrast)
        ws = _open(project)
        refuse_typo(ws, coder)
        if lang == "en":
            _english_only(theme, doc, code, item)
            res = ws.english_sections.set(theme, text, coder=coder)
            if fmt == "json":
                click.echo(to_json(res))
                return
            was = f" (it replaces the one by {res['replaced_author']})" if res["replaced"] else ""
            click.echo(f"Saved the English section of {res['theme']}{was}: the English chapter prints it in place "
                       "of its draft; its quotes, tables and differences stay.")
            return
        syn = ws.synthesis()
        if item is not None:
            said_done(syn.set_item(theme, *item, text, coder=coder), fmt, f"set {item[0]} {item[1]} of")
            return
        said_done(syn.set_text(text, doc=doc, code=code, theme=theme, coder=coder), fmt, "set")

    @summary.command("accept")
    @_project_option
    @_target_options
    @_point_option
    @_coder_option
    @_format_option
    def summary_accept(project, doc, code, theme, point, lead, contrast, coder, fmt):
        """Accept the current text (the draft, or outdated reviewed text) as reviewed; with
        --theme T and --point N, --lead N or --contrast N, one sentence of it."""
        _one_target(doc, code, theme)
        item = _item(theme, point, lead, contrast)
        ws = _open(project)
        refuse_typo(ws, coder)
        syn = ws.synthesis()
        if item is not None:
            said_done(syn.set_item(theme, *item, None, coder=coder), fmt, f"accepted {item[0]} {item[1]} of")
        else:  # what is accepted is what a person can have read: the stored text (a cell or theme with none
            # was drafted and marked reviewed in one step, its text never shown)
            said_done(syn.accept(doc=doc, code=code, theme=theme, coder=coder, stored_only=True), fmt, "accepted")
        if coder is None:  # (a writer found her review credited to the project's default coder, unsaid)
            click.echo(f"note: reviewed as {ws.resolve_coder(None)}; --coder NAME credits another", err=True)

    @summary.command("clear")
    @_project_option
    @_target_options
    @_point_option
    @_lang_option
    @_coder_option
    @_format_option
    def summary_clear(project, doc, code, theme, point, lead, contrast, lang, coder, fmt):
        """Remove the summary text (undoable); with --theme T and --point N or --contrast N, leave
        that one out of the chapter (listed still; `summary accept` with it puts it back; a point's
        example goes, not its topic); a lead sentence is not left out but rewritten (`summary set
        --lead N`); with --theme T --lang en, the theme's own English section (the English chapter
        drafts it again)."""
        _one_target(doc, code, theme)
        ws = _open(project)
        refuse_typo(ws, coder)
        item = _item(theme, point, lead, contrast)
        if item is not None:
            said_done(ws.synthesis().leave_out(theme, *item, coder=coder), fmt, f"left {item[0]} {item[1]} out of")
            return
        if lang == "en":
            _english_only(theme, doc, code, None)
            res = ws.english_sections.clear(theme)
            click.echo(to_json(res) if fmt == "json" else
                       f"Removed the English section of {res['theme']}: the English chapter drafts it again.")
            return
        said_done(ws.synthesis().clear(doc=doc, code=code, theme=theme, coder=coder), fmt, "cleared")

    @summary.command("draft")
    @_project_option
    @_target_options
    @_coder_option
    @_format_option
    def summary_draft(project, doc, code, theme, coder, fmt):
        """Draft this one cell or theme now (refused on reviewed text; a theme's reviewed
        sentences are kept; undoable)."""
        _one_target(doc, code, theme)
        ws = _open(project)
        refuse_typo(ws, coder)
        said_done(ws.synthesis().draft_one(doc=doc, code=code, theme=theme, coder=coder), fmt, "drafted")


def _lang_option(f):
    return click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True,
                        help="en: with --theme T, the theme's section of the English chapter.")(f)


def _english_only(theme, doc, code, item) -> None:
    """An English text is a theme's whole section: refused for a cell or one sentence."""
    if not theme or doc or code or item is not None:
        raise click.UsageError("--lang en writes a theme's whole English section: give --theme T alone")
