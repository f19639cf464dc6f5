"""Synthesis commands: the summary grid, drafting, and one cell's or theme's summary."""
from __future__ import annotations

from pathlib import Path

import click

from sto_qual.cli.options import (_coder_option, _format_option, _group_project_option, _open, _project_option,
                                 _texts_with_names, _where_checked, _where_option)
from sto_qual.domain.drafting import men_after_verb
from sto_qual.domain.drafting_lead import join_words
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.synthesis import contrast_counts, review_marks
from sto_qual.domain.text import plural
from sto_qual.domain.wording import stored_time
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


def _show(data: dict, fmt: str, reviewers: dict | None = None) -> None:
    if fmt == "json":
        click.echo(to_json(data))
        return
    if "lead" in data:  # a theme
        marks = data.get("lead_reviewed") or [False] * len(data["lead"])
        flags = review_marks(marks, data["points"], data["contrasts"])
        done = f"  {sum(flags)} of {len(flags)} sentences reviewed (●)" if any(flags) and not all(flags) else ""
        status = "draft, not stored yet" if data["status"] == "empty" and data["lead"] else data["status"]
        click.echo(f"{data['code']}  [{status}]" + _byline(data, reviewers) + done)
        if data.get("changes") and data["status"] == "outdated":
            click.echo(f"outdated: {_changes(data['changes'])}")
        if data.get("text"):
            click.echo("\n" + data["text"])
        click.echo("")
        stale = data.get("lead_outdated") or [False] * len(data["lead"])
        for i, (line, done, old) in enumerate(zip(data["lead"], marks, stale), 1):
            # ◐: accepted, but the codings under it changed since
            click.echo(f"L{i}. {_glyph(done, old)}{line}")
        for i, p in enumerate(data["points"], 1):
            # numbered in the chapter's order; a point without a sentence is not printed there
            click.echo("\n" + "\n".join(_point_lines(i, p)))
        for i, c in enumerate(data["contrasts"], 1):
            click.echo(f"\nC{i}. ↔ {'✗ left out: ' if c.get('left_out') else ''}"
                       f"{_glyph(c.get('reviewed'), c.get('outdated'))}{c['text']}")
            if "counts_now" in c:  # reviewed on other counts: today's beside them
                click.echo("  counts when reviewed → today: " + "; ".join(
                    f"{group} {was} → {today}" for group, was, today in contrast_counts(c)))
                if not c["counts_now"]:
                    click.echo("  (drafted today, this difference would not be there)")
        if data.get("fallback"):
            click.echo("\nno label_en (Dutch label used, marked [nl]): " + ", ".join(data["fallback"]))
        if data["lead"] or data["points"] or data["contrasts"]:  # how to name one sentence
            listed = [(k, mark, what) for k, mark, what, items in (
                ("--lead N", "L1", "the lead sentences", data["lead"]), ("--point N", "1", "the key points",
                                                                          data["points"]),
                ("--contrast N", "C1", "the differences", data["contrasts"])) if items]
            kinds = [k for k, _m, _w in listed]  # (only the kinds listed above: "C1" named none)
            click.echo(f"\n{join_words([m for _k, m, _w in listed], 'and')} number{'s' * (len(listed) == 1)} "
                       f"{join_words([w for _k, _m, w in listed], 'and')}: `summary set --theme "
                       f"{data['code']} {kinds[0]} --text …` writes one, `summary accept` with "
                       f"{' / '.join(kinds)} accepts it, `summary clear --point/--contrast N` leaves it out", err=True)
        return
    click.echo(f"{data['document']} × {data['code']}  [{data['status']}]"
               + (f"  {data['author']}, {stored_time(data['updated_at'])}" if data.get("author") else ""))
    if data.get("changes") and data["status"] == "outdated":
        click.echo(f"outdated: {_changes(data['changes'])}")
    click.echo("\n" + (data["summary"] or "(no summary; `sto-qual summarize` drafts one)"))
    for e in data.get("evidence", []):
        who = ", ".join(x for x in (e["speaker"], e["role"]) if x)
        click.echo(f"\n[{e['id']}] turn {e['turn']} {who}: {e['text']}")
        if e["memo"]:
            click.echo(f"    memo: {e['memo']}")


def _show_item(data: dict, kind: str, n: int, fmt: str) -> None:
    """One sentence of a theme summary: a lead sentence, a point (with its regions, evidence and
    codings) or a contrast, numbered as `summary show` numbers them."""
    items = {"lead": data["lead"], "point": data["points"], "contrast": data["contrasts"]}[kind]
    if not 1 <= n <= len(items):
        raise StoQualError(f"theme '{data['code']}' has {len(items)} {kind}(s); there is no {kind} {n}",
                           hint=f"see `sto-qual summary show --theme {data['code']}`")
    one = items[n - 1]
    if fmt == "json":
        click.echo(to_json({"theme": data["code"], "part": kind, "number": n,
                            "item": one if isinstance(one, dict) else {"text": one}}))
    elif kind == "lead":
        click.echo(f"L{n}. {one}")
    elif kind == "contrast":
        click.echo(f"C{n}. {one['text']}")
    else:
        click.echo("\n".join(_point_lines(n, one)))


def _point_lines(i: int, p: dict) -> list[str]:
    """Point ``i`` of a theme as `summary show` prints it: its label, wording and regions, who
    edited it, its sentence and its evidence with its codings."""
    lines = [f"{i}. {'✗ left out by ' + (p.get('reviewed_by') or 'a person') + ': ' if p.get('left_out') else ''}"
             f"{_glyph(p.get('reviewed'), p.get('outdated'))}{p['label']} ({p['wording']}, "
             f"{len(p['regions'])}: {', '.join(p['regions'])})"]
    if p.get("edited"):
        lines.append(f"  (edited by {p.get('reviewed_by') or 'a person'}; the words and example above and below "
                     "are the draft's)")
    lines.append(f"  {p['text']}" if p["text"] else "  (no sentence that can be retold safely: the chapter quotes "
                 "one of its passages under the paragraph when one stands on its own)")
    lines.append(f"  “{p['evidence']}”  [codings {', '.join(str(r) for r in p['references'][:5])}]")
    return lines


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
        # what this prints may leave the project (a CSV for Excel): names replaced, as in export --grid
        rows = ws.synthesis().grid(codes=[c.strip() for c in codes.split(",") if c.strip()] if codes else None,
                                   where=_where_checked(ws, where), anonymised=True)
        if fmt == "json":
            click.echo(to_json([{k: r[k] for k in (*GRID_KEYS, "author", "updated_at", "changes")} for r in rows]))
            return
        # a table for people: the glyph and how many passages; CSV for a spreadsheet: the status
        # as JSON gives it and the passages' coding ids (in text order)
        table = fmt == "table"
        shown = [{"document": r["document"], "code": r["code"],
                  "status": r["glyph"] + " " + r["status"] if table else r["status"],
                  "passages": len(r["passages"]) if table else r["passages"],
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
    @_format_option
    def summary_show(project, doc, code, theme, lang, point, lead, contrast, fmt):
        """A cell (with its passages: id, turn, speaker, role, text, memo) or a theme (code, lead,
        points, contrasts, status); with --point N, --lead N or --contrast N, that one sentence."""
        _one_target(doc, code, theme)
        item = _item(theme, point, lead, contrast)
        ws = _open(project)
        syn = ws.synthesis()
        if theme:
            own = ws.english_sections.get(theme) if lang == "en" else None
            if own is not None:  # a person's English section: the chapter prints it instead of the draft
                _show_english(own, fmt)
                return
            # for a person, a theme with nothing stored shows the draft it would get, as F9 does ("[empty]"
            # above nothing read as no summary while F9 and the chapter had one); JSON stays what is stored
            data = syn.theme(theme, lang=lang, preview=fmt != "json")
            if fmt == "table" and lang == "nl":  # the points as the chapter prints them ("In een regio heeft men …")
                data = {**data, "points": [{**p, "text": men_after_verb(p["text"])} if p.get("text") else p
                                           for p in data.get("points", [])]}
            if item is not None:  # one sentence, as `set` and `accept` name it (`show --point 2` was a usage error)
                _show_item(data, *item, fmt)
                return
            _show(data, fmt, syn.theme_reviewers(theme) if fmt != "json" and data.get("author") else None)
            said = [*data.get("lead", []), *(p.get("text") or "" for p in data.get("points", [])),
                    *(c.get("text") or "" for c in data.get("contrasts", [])), data.get("text") or ""]
            if fmt != "json":  # a writer copying a sentence from here took "Vakcollege Oostkade" along
                _texts_with_names(ws, said, "sentences", "the chapter prints them replaced")
            if ws.code(theme).parent is not None:  # a sub-code: its theme has the summary (said, not silent)
                click.echo(f"note: {theme} is not a theme; the summary of its theme {data['code']} is shown "
                           f"(a sub-code's summaries are cells: --doc D --code {theme})", err=True)
            return
        _show(syn.cell(doc, code), fmt)

    @summary.command("set")
    @_project_option
    @_target_options
    @click.option("--text", default=None, help="The summary text.")
    @click.option("--file", "file_", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="Read the summary text from a UTF-8 file.")
    @_point_option
    @_lang_option
    @_coder_option
    @_format_option
    def summary_set(project, doc, code, theme, text, file_, point, lead, contrast, lang, coder, fmt):
        """Write a summary (or, with --theme T and --point N, --lead N or --contrast N, one
        sentence of it); it is marked reviewed (undo restores the previous text). With --theme T
        --lang en: the theme's section of the English chapter, in place of its English draft."""
        if (text is None) == (file_ is None):
            raise click.UsageError("give --text TEXT or --file F")
        _one_target(doc, code, theme)
        if file_ is not None:
            try:
                text = Path(file_).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise StoQualError(f"{file_}: not UTF-8 text", hint="save the file as UTF-8") from None
        item = _item(theme, point, lead, contrast)
        ws = _open(project)
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
            _done(syn.set_item(theme, *item, text, coder=coder), fmt, f"set {item[0]} {item[1]} of")
            return
        _done(syn.set_text(text, doc=doc, code=code, theme=theme, coder=coder), fmt, "set")

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
        syn = _open(project).synthesis()
        if item is not None:
            _done(syn.set_item(theme, *item, None, coder=coder), fmt, f"accepted {item[0]} {item[1]} of")
            return
        # what is accepted is what a person can have read: the stored text (a cell or theme with none
        # was drafted and marked reviewed in one step, its text never shown)
        _done(syn.accept(doc=doc, code=code, theme=theme, coder=coder, stored_only=True), fmt, "accepted")

    @summary.command("clear")
    @_project_option
    @_target_options
    @_point_option
    @_lang_option
    @_coder_option
    @_format_option
    def summary_clear(project, doc, code, theme, point, lead, contrast, lang, coder, fmt):
        """Remove the summary text (undoable); with --theme T and --point N or --contrast N, leave
        that one out of the chapter (listed still; `summary accept` with it puts it back); with
        --theme T --lang en, the theme's own English section (the English chapter drafts it again)."""
        _one_target(doc, code, theme)
        ws = _open(project)
        item = _item(theme, point, lead, contrast)
        if item is not None:
            _done(ws.synthesis().leave_out(theme, *item, coder=coder), fmt, f"left {item[0]} {item[1]} out of")
            return
        if lang == "en":
            _english_only(theme, doc, code, None)
            res = ws.english_sections.clear(theme)
            click.echo(to_json(res) if fmt == "json" else
                       f"Removed the English section of {res['theme']}: the English chapter drafts it again.")
            return
        _done(ws.synthesis().clear(doc=doc, code=code, theme=theme, coder=coder), fmt, "cleared")

    @summary.command("draft")
    @_project_option
    @_target_options
    @_coder_option
    @_format_option
    def summary_draft(project, doc, code, theme, coder, fmt):
        """Draft this one cell or theme now (refused on reviewed text; a theme's reviewed
        sentences are kept; undoable)."""
        _one_target(doc, code, theme)
        _done(_open(project).synthesis().draft_one(doc=doc, code=code, theme=theme, coder=coder), fmt, "drafted")


def _lang_option(f):
    return click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True,
                        help="en: with --theme T, the theme's section of the English chapter.")(f)


def _english_only(theme, doc, code, item) -> None:
    """An English text is a theme's whole section: refused for a cell or one sentence."""
    if not theme or doc or code or item is not None:
        raise click.UsageError("--lang en writes a theme's whole English section: give --theme T alone")


def _show_english(own: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json(own))
        return
    click.echo(f"{own['theme']}  [English section, written by {own['author']} on {own['updated_at'][:10]}]")
    if own["dutch_changed"]:
        click.echo("note: the Dutch section changed after this was written", err=True)
    click.echo("\n" + own["text"])


def _done(res: dict, fmt: str, verb: str) -> None:
    if fmt == "json":
        click.echo(to_json(res))
        return
    what = f"{res['document']} × {res['code']}" if "document" in res else res["code"]
    if " of" in verb and "lead" in res:  # one sentence of a theme
        marks = review_marks(res.get("lead_reviewed") or [], res["points"], res["contrasts"])
        left = sum(1 for m in marks if not m)
        kind, number = verb.split()[1:3]
        if verb.startswith("left"):
            click.echo(f"Left {kind} {number} of {what} out of the chapter (`sto-qual summary accept --theme "
                       f"{res['code']} --{kind} {number}` puts it back).")
            return
        done = "Saved" if verb.startswith("set") else "Accepted"
        click.echo(f"{done} {kind} {number} of {what}; it is marked reviewed.")
        if res["status"] == "reviewed":
            click.echo("Every sentence of the theme is now reviewed.")
        elif left:
            click.echo(f"The theme as a whole is still a draft: {left} of {len(marks)} sentences not yet reviewed.")
        else:  # every sentence once reviewed, some before their codings changed ("0 of 2 not yet reviewed")
            click.echo(f"The theme as a whole is not reviewed yet: a sentence was reviewed before its codings changed "
                       f"(`sto-qual summary show --theme {res['code']}` marks it; one you edited is reviewed by accepting "
                       f"it again, one accepted as drafted by drafting it again: `sto-qual summary draft --theme "
                       f"{res['code']}`).")
        return
    kept = (sum(map(bool, [*(res.get("lead_reviewed") or []), *(p.get("reviewed") for p in res["points"]),
                           *(c.get("reviewed") for c in res["contrasts"])]))
            if verb == "drafted" and "lead" in res else 0)
    click.echo(f"{verb}: {what} [{res['status']}]" + (f"; {plural(kept, 'reviewed sentence')} kept" if kept else ""))
    again = res.get("redrafted") or []
    if again:  # accepted as drafted, on codings or interviews that changed: drafted from today's
        click.echo("drafted again from today's codings, accepted as drafted before their codings or interviews "
                   "changed: " + ", ".join(x["sentence"] for x in again)
                   + " (`--format json` gives what each said; `sto-qual undo` brings them back)")


def _byline(data: dict, reviewers: dict | None = None) -> str:
    """Who wrote the theme and when; who reviewed which sentences (each person only for theirs:
    the lead sentences, points and contrasts, from ``theme_reviewers``; it named the points only,
    "point 1 by …" with five sentences reviewed)."""
    if not data.get("author"):
        return ""
    who = "drafted" if data["author"] == "sto_qual" else f"by {data['author']}"
    out = f"  {who}, {stored_time(data.get('updated_at'))}"
    people: dict[str, list[str]] = {}
    named = reviewers or {"point": [p.get("reviewed_by") or "" for p in data.get("points", [])]}
    for kind in ("lead", "point", "contrast"):
        for i, name in enumerate(named.get(kind) or [], 1):
            if name:
                people.setdefault(name, []).append(f"{kind} {i}")
    if people:
        out += "; reviewed: " + "; ".join(f"{', '.join(v)} by {k}" for k, v in people.items())
    return out


def _glyph(reviewed, outdated) -> str:
    """● a sentence a person accepted; ◐ accepted, but the codings under it changed since."""
    return "◐ " if reviewed and outdated else "● " if reviewed else ""
