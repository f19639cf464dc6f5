"""Report and export commands: the Word chapter, the reference coder, quotes, exports."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from sto_qual.cli.options import (OneLineUsage, _echo_rows, _format_option, _only_coder, _open, _project_option,
                                  _where_checked, _where_option, merged_note)
from sto_qual.domain.text import plural
from sto_qual.output import render
from sto_qual.services.report_warnings import drafts_note


def _report_counting(ws, coder: str | None, where: dict[str, str] | None = None) -> str:
    """Whose codings the chapter counts and quotes, and the coders it leaves out with how much
    they coded (in the chapter's interviews, with ``where``: a chapter on the island interview
    named onderzoeker-b's 208 codings, none of them there): an analyst running `report` while a
    colleague codes took the chapter for one that held her fresh codings."""
    who = ws.counting_coder(coder)
    if who is None:
        only = _only_coder(ws)
        return f"counting: {only} (the only coder)" if only else merged_note(ws)
    merged = set(ws.agreed.pairs().get(who, ()))  # an agreed coding holds its two coders' codings
    if coder is not None and not where:  # a coder's chapter is about the interviews she coded (its method says so)
        mine = ws.analysis_service.coded_documents(who)
        where = {"doc": ",".join(mine)} if mine and len(mine) < len(ws.documents()) else None
    counts = ws.codings_by_coder(where)
    others = [f"{name} ({plural(n, 'coding')}{' in these interviews' if where else ''})"
              for name, n in counts.items() if name != who and name not in merged and n]
    return (f"counting: {who}" + (" (reference coder)" if coder is None else "")
            # (their starred passages may be in its appendix, which lists every coder's: "not in the chapter" was untrue)
            + (f"; not counted: the codings of {', '.join(others)} (--coder C counts another's)"
               if others else ""))


def _coding_ids(given: tuple[str, ...]) -> list[int]:
    """``--leave-out 173,266 --leave-out #301`` as coding ids, in the order given, each once."""
    ids: list[int] = []
    for item in filter(None, re.split(r"[\s,;]+", " ".join(given))):
        if not item.lstrip("#").isdigit():
            raise OneLineUsage(f"--leave-out takes coding ids such as 173,266; '{item}' is none")
        ids.append(int(item.lstrip("#")))
    return list(dict.fromkeys(ids))


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
                  help="FILE.docx (default: PROJECT-report.docx in the current folder)")
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True)
    @click.option("--codes", default=None, help="Comma-separated themes/codes to include (default: all).")
    @_where_option
    @click.option("--coder", default=None, help="Count this coder's codings (default: the project's reference "
                  "coder, else all coders merged).")
    @click.option("--appendix", type=click.Choice(["starred", "all", "none"], case_sensitive=False), default="starred",
                  show_default=True,
                  help="Quotes not used in the text, in the appendix: starred ones, every coding "
                       "(less those that cannot stand alone or repeat another; stderr names them), or none.")
    @click.option("--memos/--no-memos", default=False, show_default=True, help="Add the memos as an appendix, "
                  "grouped by code: those on codes, and those on the codings the chapter counts (the "
                  "reference coder's; --coder C: C's).")
    @click.option("--numbers/--no-numbers", default=True, show_default=True,
                  help="The exact count in parentheses after the words (\"de meeste regio's (14 van 19)\").")
    @click.option("--attribution", type=click.Choice(["role", "role-region", "region"], case_sensitive=False),
                  default="role", show_default=True,
                  help="How quotes are attributed; role-region and region are for internal drafts.")
    @click.option("--tidy-quotes", is_flag=True, help="Replace fillers (\"eh\", \"hè\") in quotes by \"…\".")
    @click.option("--force", is_flag=True, help="Replace the output file also when it was edited since it was "
                  "written (in Word or LibreOffice), or when another program wrote it.")
    @click.option("--leave-out", "leave_out", multiple=True, metavar="IDS",
                  help="Codings whose passages this chapter quotes nowhere, in its text or its appendix (ids as the "
                       "warnings and `quotes` give them: 173,266); the counts stay. For one of two chapters side "
                       "by side.")
    def report(project, output, lang, codes, where, coder, appendix, memos, numbers, attribution, tidy_quotes, force,
               leave_out):
        """The Word chapter: method, per theme its summary or points with quotes, a sub-code x
        region-type table, and appendices. Every name in the pseudonym list is replaced. A theme's
        text is its theme summary (`summary … --theme T`, F9's t); the grid's cell summaries are
        not in the chapter: `export -o grid.xlsx` writes them."""
        from pathlib import Path
        ws = _open(project)
        output = output or f"{Path(project).stem}-report.docx"
        where = _where_checked(ws, where)
        left = _coding_ids(leave_out)
        res = ws.report(output, lang=lang, codes=[c for c in codes.split(",") if c] if codes else None,
                        coder=coder, appendix=appendix, memos=memos, where=where, numbers=numbers,
                        attribution=attribution, tidy_quotes=tidy_quotes, force=force, leave_out=left)
        for w in res.get("warnings", []):
            click.echo(f"warning: {w}", err=True)
        click.echo(f"Wrote {Path(res['path']).resolve()}: {plural(res['themes'], 'theme')}, "
                   f"{plural(res['quotes'], 'quote')}, {plural(res['appendix_rows'], 'appendix row')}")
        drafts = drafts_note(res, lang, where)  # a writer read "Concept: …" on every theme, not how it goes
        if drafts:
            click.echo(f"note: {drafts}", err=True)
        if left:  # ("…; a chapter made without it may" read as a sentence cut short)
            click.echo(f"note: left out of this chapter's quotes (--leave-out): {', '.join(f'#{i}' for i in left)}; "
                       "the counts stay, and other passages may be quoted in their place", err=True)
        if res.get("left_outside"):
            click.echo(f"note: {', '.join(res['left_outside'])} {'is' if len(res['left_outside']) == 1 else 'are'} "
                       "in an interview this chapter leaves out: leaving it out changes nothing here", err=True)
        click.echo(_report_counting(ws, coder, where), err=True)

    @cli.command("reference-coder")
    @_project_option
    @click.argument("name", required=False)
    @click.option("--clear", is_flag=True, help="No reference coder: reports count all coders merged.")
    def reference_coder(project, name, clear):
        """Show or set the coder whose codings the report counts."""
        if clear and name:
            raise OneLineUsage("give a coder name or --clear, not both")
        ws = _open(project)
        before = ws.reference_coder()  # the way back names her ("count sanne's again" named one never counted)
        if clear:
            ws.set_reference_coder(None)
        elif name:
            ws.set_reference_coder(name)
        current = ws.reference_coder()
        if current:
            click.echo(f"reference coder: {current}")
            part = ws.agreed.part(current) if name else None
            if part:  # the chapter shrinks to those: said when chosen (only `report` said it, after it was written)
                from sto_qual.services.report_parts import back_to, rest_hint
                back = (back_to(ws, before) if before and before != current else
                        "`sto-qual reference-coder --clear` makes it merge every coder's codings again" if not before
                        else back_to(ws, ws.agreed.pairs()[current][0]))
                click.echo(f"note: {current} holds {len(part)} of the {len(ws.documents())} interviews "
                           f"({', '.join(part)}): a chapter counting it is about those; {back}{rest_hint(ws, current)}",
                           err=True)
            elif name:  # a merge's suggestion followed: the chapter would count 2 passages of 2 interviews
                row = next((c for c in ws.coders() if c["name"].casefold() == current.casefold()), None)
                total = len(ws.documents())
                if row is not None and row["documents"] < total:
                    click.echo(f"note: {current} made {plural(row['codings'], 'coding')} in {row['documents']} of the "
                               f"{total} interviews: stats and the chapter count only {current}'s codings, the other "
                               "interviews as speaking of no theme" + (
                                   f"; `sto-qual reference-coder {shlex.quote(before)}` counts {before}'s again"
                                   if before and before != current else
                                   "; `sto-qual reference-coder --clear` merges every coder's again"), err=True)
            return
        # a new project of one coder read "reports merge all coders" and then "counting: anna" from report
        only = _only_coder(ws)
        click.echo("no reference coder (reports merge all coders" + (f"; now only {only} has codings)" if only else ")"))

    @cli.command("report-settings")
    @_project_option
    @click.argument("key", required=False)
    @click.argument("value", required=False)
    @click.option("--clear", is_flag=True, help="Unset KEY.")
    def report_settings(project, key, value, clear):
        """Show or set what the chapter says of the project: interview_length, sample, codebook_title,
        main_attribute (and their _en)."""
        from sto_qual.services.report_settings import REPORT_SETTINGS
        if clear and value is not None:
            raise OneLineUsage("give a value or --clear, not both")
        if (clear or value is not None) and not key:
            raise OneLineUsage("name the setting: sto-qual report-settings KEY VALUE")
        ws = _open(project)
        if key and (clear or value is not None):
            note = ws.report_settings.set(key, None if clear else value)
            if note:
                click.echo(f"note: {note}", err=True)
        values = ws.report_settings.values()
        for k in [ws.report_settings.known(key)] if key else REPORT_SETTINGS:
            click.echo(f"{k}: {values[k] if values[k] is not None else '(not set)'}  — {REPORT_SETTINGS[k]}")

    @cli.command("role-label")
    @_project_option
    @click.argument("role", required=False)
    @click.argument("singular", required=False)
    @click.argument("plural", required=False)
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True)
    @click.option("--clear", is_flag=True, help="Take the project's own words for ROLE off.")
    @_format_option
    def role_label(project, role, singular, plural, lang, clear, fmt):
        """Show or set a role's words in the chapter ("— een docent", "docenten"): ROLE SINGULAR PLURAL."""
        given = singular is not None  # (`role-label bestuurder "" ""` listed the roles, exit 0)
        if clear and given:
            raise OneLineUsage("give the words or --clear, not both")
        if (clear or given) and not role:
            raise OneLineUsage("name the role: sto-qual role-label ROLE SINGULAR PLURAL")
        ws = _open(project)
        if clear or given:
            note = ws.report_settings.set_role_words(role, None if clear else singular, plural, lang)
            if note:
                click.echo(f"note: {note}", err=True)
        rows = [r for r in ws.report_settings.role_words() if not role or r["role"] == role.strip().lower()]
        _echo_rows(rows, fmt)

    @cli.command()
    @_project_option
    @click.argument("code_given", required=False, metavar="[CODE]")
    @click.option("--code", default=None, help="The code (or give it first: `quotes urgentie`).")
    @_where_option
    @click.option("--starred", is_flag=True, help="Only starred quotes.")
    @click.option("--coder", default=None, help="Only this coder's codings (default: every coder's, a passage "
                  "several coders coded with the code once).")
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl")
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "csv-nl", "json", "md", "docx"],
                                                       case_sensitive=False), default="table")
    @click.option("-o", "--output", default=None, type=click.Path(dir_okay=False), help="Required for docx.")
    @click.option("--force", is_flag=True, help="Replace a Word or Markdown file there also when it was edited since "
                  "it was written, or another program wrote it; a CSV also when another program wrote it.")
    def quotes(project, code_given, code, where, starred, coder, lang, fmt, output, force):
        """One code's quotes (sub-codes included), anonymised, with attribution; with --starred,
        where each is in the chapter `report` writes (chapter: text, example, appendix, or left
        out and why). JSON keys: id, document_id, theme, code, region, role, quote, attribution, doc,
        reference, start, end, coder, starred, memo, ids, codes, stands (and chapter with --starred)."""
        if code_given and code and code_given != code:
            raise OneLineUsage(f"two codes ({code_given} and --code {code}): give one")
        code = code or code_given  # `quotes urgentie` was "Missing option '--code'"
        if not code:
            raise OneLineUsage("give the code: `sto-qual quotes CODE` or --code CODE (`sto-qual codebook` lists them); "
                               "every code's quotes in one table: `sto-qual export -o citaten.csv`, a row per coding")
        ctx = click.get_current_context()
        if output and ctx.get_parameter_source("fmt") == click.core.ParameterSource.DEFAULT:
            # `-o q.csv`: the name says the format (it was refused: "--format table writes .txt")
            fmt = {".csv": "csv", ".md": "md", ".markdown": "md", ".docx": "docx", ".json": "json"}.get(
                Path(output).suffix.lower(), fmt)
        ws = _open(project)
        where = _where_checked(ws, where)
        if coder:  # her quotes over interviews she did not code: none, as every table refuses them
            ws.analysis_service.refuse_uncoded(ws.resolve_coder(coder), where, then="there are no quotes of theirs")
        rows = ws.quotes(code, where=where, starred=True if starred else None, coder=coder, lang=lang)
        if starred:  # where the writer's picks are in the project's chapter (the Word file says it under each too)
            rows = ws.export_service.with_chapter_places(rows, lang=lang)
        if fmt in ("json", "csv", "csv-nl"):  # for a script: what the chapter does with each (the files say it)
            from sto_qual.services.cli_support import standing
            fates = standing(ws, rows)
            rows = [{**r, "stands": fates.get(r["id"], "")} for r in rows]
        from sto_qual.services.cli_support import (QUOTE_KEYS, quote_sections, quotes_intro, quotes_markdown,
                                                   write_quotes)
        title, sections = quote_sections(ws, code, rows, lang, where)  # the file a writer pastes from
        # (nested ones once; a pointer to a passage under another heading is no quote of its own)
        listed = [r for _h, rs in sections for r in rs if "see" not in r] if fmt in ("md", "docx") else rows
        placed = {r["id"]: r["chapter"] for r in listed if r.get("chapter")}
        if fmt in ("md", "docx"):  # under a quote that does not stand as coded: what the chapter does with it
            from sto_qual.services.cli_support import as_printed, standing_notes
            notes = standing_notes(ws, listed, lang)  # (and the quote as the chapter prints it, to paste)
            # how the chapter would quote a passage it leaves out is moot ("as the chapter would quote it" read so)
            notes = {i: n for i, n in notes.items() if placed.get(i, "appendix") in ("text", "example", "appendix")}
            sections = as_printed(ws, [(h, [{**r, "note": notes[r["id"]][0], "quote": notes[r["id"]][1] or r["quote"]}
                                            if r["id"] in notes else r for r in rs]) for h, rs in sections], lang)
            # as printed: the placeholders above them are those of the sentences before that they took in too
            listed = [r for _h, rs in sections for r in rs if "see" not in r]
        intro = quotes_intro(ws, listed, lang, starred, len(rows) - len(listed), where) if fmt in ("md", "docx") else ""
        text = None
        if fmt == "md":
            text = quotes_markdown(title, sections, intro)
        elif fmt == "docx":
            if not output:
                raise click.UsageError("--format docx needs -o FILE.docx")
        else:  # one row per passage: the table shows the codes it holds ("a, b"; CSV "a; b")
            placed = bool(rows) and "chapter" in rows[0]
            shown = rows  # a passage two coders coded: both ids in the table, the star may be on either ("36, 547")
            if fmt == "table":
                shown = [{**r, "id": ", ".join(map(str, r["ids"]))} if len(r.get("ids", ())) > 1 else r for r in rows]
            cols = (["id", "codes", "region", "role", "reference", "starred", *(["chapter"] if placed else []),
                     "quote"] if fmt == "table" else None if rows else  # none: the header still, for a script
                    [*QUOTE_KEYS[:-1], *(["chapter"] if starred else []), QUOTE_KEYS[-1]])
            text = render(shown, fmt, cols, whole=bool(output))
        if output:
            write_quotes(output, fmt, title, sections, text, intro, force=force)
            click.echo(f"Wrote {output}: {len(listed)} quotes")
        else:
            click.echo(text)
        from sto_qual.services.report_theme import unlabelled  # (a heading "Leeg lokaal [nl]", as the chapter's)
        for line in ws.export_service.quote_warnings(rows, where) + unlabelled(ws, listed, lang, fmt):
            click.echo(f"warning: {line}", err=True)  # a count only its region has, beside a role
        if fmt in ("json", "csv", "csv-nl") and rows:  # a region code beside a role points to one person (DOMAIN)
            click.echo("note: these rows name each passage's interview (region) beside its speaker's role and the "
                       "coder's memo: keep the file within the team; `--format md` or `docx` attributes each quote "
                       "by role alone, as the chapter does", err=True)
        if fmt == "table" and rows and "chapter" in rows[0]:  # the chapter column's words, those it shows
            from sto_qual.services.exports import CHAPTER_PLACES
            used = {r["chapter"] for r in rows}
            click.echo("chapter: " + "; ".join(f"{k}: {v}" for k, v in CHAPTER_PLACES.items() if k in used), err=True)
        if rows and "chapter" in rows[0]:  # why a star is in the appendix only, when its length is why
            from sto_qual.services.cli_support import too_long_note
            note = too_long_note(rows)
            if note:
                click.echo(f"note: {note}", err=True)
        if fmt == "table" and rows:  # whose (a new coder found her fresh codings among them, unsaid)
            click.echo(f"passages: {coder}'s" if coder else "passages: every coder's, a passage once (--coder C "
                       "lists one coder's)", err=True)

    @cli.command()
    @_project_option
    @click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
                  help="FILE.csv | FILE.xlsx | FILE.md | FILE.docx | FILE.qdpx (required)")
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl")
    @click.option("--coder", default=None)
    @click.option("--grid", is_flag=True, default=None,
                  help="Write the summary grid (.xlsx or .docx), whatever the file is called (a name 'grid' "
                       "or ending in '-grid' does so too).")
    @click.option("--csv-nl", is_flag=True, help="A .csv for Dutch Excel: ; between fields, decimal commas, ja/nee.")
    @click.option("--where", multiple=True, help="Only documents with attr=value (repeatable: the same attribute "
                  "twice keeps either value, different ones must all hold; values ignore case; doc=R01,R02 picks "
                  "documents; attr!=value leaves them out; * is any value): the codings, counts and chapter of those "
                  "interviews (.csv .xlsx .md .docx).")
    @click.option("--force", is_flag=True, help="The chapter (.docx, .md), the workbook (.xlsx) and the grid: "
                  "replace the file also when it was edited since it was written, or when another program wrote "
                  "it; a .csv also when another program wrote it or its cells were changed since (one of this "
                  "program's, unchanged, is written anew each time); a .qdpx also when another program (ATLAS.ti, "
                  "NVivo) wrote it or its project.qde was changed since.")
    def export(project, output, lang, coder, grid, csv_nl, where, force):
        """Export codings (.csv, .xlsx with counts), the chapter (.md, .docx), the summary grid
        (--grid) or a REFI-QDA project (.qdpx)."""
        if not output:  # what it can write, by the file's suffix (click said only "Missing option '-o'")
            raise OneLineUsage("give -o FILE: .csv or .xlsx (every coding; .xlsx with counts), .md or .docx (the "
                               "chapter), .qdpx (a REFI-QDA project), or --grid with .xlsx or .docx (the summary grid)")
        ws = _open(project)
        opts: dict = {"coder": coder} if coder else {}
        if force:
            opts["force"] = True
        if where:
            opts["where"] = _where_checked(ws, where)
        res = ws.export(output, lang=lang, grid=grid, csv_nl=csv_nl, **opts)
        click.echo(f"Wrote {res['path']}" + (f": {res['what']}" if res.get("what") else ""))
        for w in res.get("warnings", []):
            click.echo(f"warning: {w}", err=True)
        if res.get("codings_table"):  # a count the list took out of a quote stands in its row's attributes
            click.echo("note: each row names its interview, its speaker's role and the interview's attributes beside "
                       "the quote and the memo: keep the file within the team; the chapter and `quotes --format docx` "
                       "attribute each quote by role alone", err=True)

    @cli.command("transcripts-export")
    @_project_option
    @click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
                  help="Folder for the transcripts (made when it is not there).")
    @click.option("--doc", "docs", multiple=True, help="Only this interview (repeatable); default every one.")
    @click.option("--force", is_flag=True, help="Replace a file there that holds another text (an earlier export "
                  "of a project changed since, or someone's edit).")
    def transcripts_export(project, out_dir, docs, force):
        """Write each interview whole, the pseudonym list applied and each speaker under her role, as
        NAME.txt: anonymised transcripts for an archive's deposit or a secondary researcher."""
        ws = _open(project)
        res = ws.export_transcripts(out_dir, docs, force=force)
        click.echo(f"Wrote {plural(len(res['written']), 'transcript')} to {out_dir}")
        for w in res["warnings"]:
            click.echo(f"warning: {w}", err=True)
        click.echo("note: the list replaces the names it holds, in the whole text now, not only in coded passages: "
                   "read each file before it leaves the team" + (" (the `warning:` lines above name what the list "
                   "missed that the transcripts write as a name, and counts only one interview has)" if res["warnings"]
                   else "") + "; counts, dates and places a reader could trace stay as spoken unless the list holds "
                   "them", err=True)
