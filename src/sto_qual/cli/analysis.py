"""Analysis commands: counts, matrices, co-occurrence, saturation (the two coders' commands are in
``cli.two_coders``)."""
from __future__ import annotations

import click

from sto_qual.cli.options import (OneLineUsage, _format_option, _names_shown, _only_coder, _open, _project_option,
                                  _where_checked, _where_option, merged_note)
from sto_qual.domain.text import plural
from sto_qual.output import render
from sto_qual.services.analysis import ROLE_KEYS


def _frame_out(df, fmt: str, within: str | None = None) -> None:
    """``within``: only the rows of that code and its sub-codes (`stats --code`)."""
    rows = df.to_dict(orient="records")
    if within:
        from sto_qual.domain.codebook import is_within
        rows = [r for r in rows if is_within(str(r["code"]), within)]
    click.echo(render(rows, fmt))


def _counting_options(f):
    """--coder / --all-coders: whose codings count (default: the reference coder, as the report)."""
    f = click.option("--all-coders", is_flag=True,
                     help="Merge every coder's codings (each span once: two coders' spans of a passage with "
                     "other ends count twice, where `quotes` lists the passage once) instead of the reference "
                     "coder's: an interview counts for a code that any coder coded there, so its counts can be "
                     "higher than the reference coder's, which the chapter gives.")(f)
    return click.option("--coder", default=None, help="Count this coder's codings (default: the project's "
                        "reference coder, else all coders merged).")(f)


def _small_groups_note(ws, attribute: str, where, what: str) -> None:
    """Say which values fewer than three interviews hold: a column of one is that region's answers (`stats --by
    region_type --wide` printed "eiland (1)" unsaid, where the workbook warns of it)."""
    small = ws.analysis_service.small_groups(attribute, where, beside_larger=True)
    if small:
        from sto_qual.domain.text import natural_key
        ordered = sorted(small.items(), key=lambda vn: natural_key(vn[0]))
        shown = "; ".join(f"{v}: {', '.join(n)}" for v, n in ordered[:5]) + ("; …" if len(small) > 5 else "")
        # (only the groups the chapter compares by are its tables' columns: a rare role is in none of them)
        compared = ws.analysis_service.attribute_key(attribute) == ws.report_settings.main_attribute()
        chapter = ", which the chapter's tables leave out" if compared else ""
        click.echo(f"note: {len(small)} of these {what} count{'s' * (len(small) == 1)} fewer than three interviews "
                   f"({shown}): those interviews' answers{chapter}; keep "
                   f"{'it' if len(small) == 1 else 'them'} within the team", err=True)


def _counting(ws, coder, all_coders, fmt, shares: bool = False, where: dict | None = None) -> str | None:
    """The coder counted (an unknown or empty name refused). ``_say_counting`` says on stderr
    whose codings the table counts once it is printed (stdout holds only the table or the data);
    ``shares`` (stats): the table's shares are of every interview, which it says when the coder
    coded only some. The other tables (matrix, co-occurrence, saturation) show no shares: for
    them it names the interviews the coder coded. ``where``: the interviews the table is of (the
    shares of `stats --where region_type=krimp` are of the four, not of all nineteen)."""
    if coder is not None and not coder.strip():
        raise click.BadParameter("give a coder's name (see `sto-qual coders`)", param_hint="'--coder'")
    if coder and all_coders:
        raise click.UsageError("give --coder or --all-coders, not both")
    who = ws.counting_coder(coder, all_coders)  # an unknown coder is refused here, before any table
    ws.analysis_service.refuse_uncoded(who, where)
    # said on stderr beside a CSV or JSON too (stdout is the data): a stats.csv opened in Excel said
    # nowhere whose codings it counts, nor that its shares are of every interview
    only = None if who else _only_coder(ws)  # one coder: hers, as `report` says it
    if not who:
        note = f"counting: {only} (the only coder)" if only else merged_note(ws)
    else:
        note = f"counting: {who}" + (" (reference coder; --all-coders merges every coder)" if coder is None else "")
    # the interviews nobody counted coded (all coders merged too: a new project's first two coded
    # interviews of five were counted as three regions "not mentioning" a theme, unsaid)
    mine = ws.analysis_service.coded_documents(who)
    if where:
        kept = {d.name for d in ws.documents() if d.id in set(ws.analysis_service.doc_ids(where))}
        mine, total = [m for m in mine if m in kept], len(kept)
    else:
        total = len(ws.documents())
    whose = who or only or "the coders"
    if len(mine) < total and shares:  # the shares are of every interview, not only of the ones coded
        note += (f"; {whose} coded {len(mine)} of the {total} interviews, and the shares are of all {total}"
                 + (f" (--where doc={','.join(mine)} counts over theirs)" if mine else ""))
    elif len(mine) < total:
        note += f"; {whose} coded {len(mine)} of the {total} interviews" + (f": {', '.join(mine)}" if mine else "")
    blind = [b for b in ws.session.coding_blind() if b != who]
    if blind:  # a coder checking her progress in a second terminal saw her colleague's counts, unwarned
        # said of the counts, to whoever reads them (the analyst read it as said to her)
        note += (f"; {' and '.join(blind)} {'code' if len(blind) > 1 else 'codes'} blind in this project: these counts "
                 f"hold others' codings, not for {' or '.join(blind)} to see (--coder {blind[0]} counts only "
                 f"{blind[0]}'s)")
    click.get_current_context().meta["counting"] = note
    return who


def _say_counting() -> None:
    """The counting line, on stderr after the table (an error instead stands alone)."""
    note = click.get_current_context().meta.get("counting")
    if note:
        click.echo(note, err=True)


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.option("--by", default=None, help="Attribute (e.g. region_type, respondent_roles) or 'role' "
                  "(speaker role of the coded passage).")
    @_counting_options
    @click.option("--rollup/--no-rollup", default=True, show_default=True, help="Count sub-codes in their parent.")
    @click.option("--code", default=None, help="Only this code and its sub-codes (e.g. urgentie).")
    @_where_option
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl")
    @click.option("--wide", is_flag=True, help="With --by: a row per code and a column per value, headed by the "
                  "value and its number of interviews ('krimp (4)'), each cell the interviews with the code there.")
    @click.option("--share", "share", is_flag=True, help="With --wide: each cell the share of the column's interviews "
                  "with the code (0.5: 2 of 4), as the share column, to compare groups of different sizes.")
    @_format_option
    def stats(project, by, coder, all_coders, rollup, code, where, lang, wide, share, fmt):
        """Theme counts: documents (interviews) per code, share, Dutch wording, codings, words.
        JSON keys: code, documents, documents_total, share, wording, codings, words (+ value with --by;
        with --wide: code and a key per value, "krimp (4)")."""
        ws = _open(project)
        if by is not None and not by.strip():
            raise click.BadParameter("give an attribute (e.g. region_type) or role", param_hint="'--by'")
        where = _where_checked(ws, where)
        within = ws.code(code).path if code is not None else None  # (a typo refused with the code meant)
        coder = _counting(ws, coder, all_coders, fmt, shares=True, where=where)
        by = ws.analysis_service.attribute_key(by) if by else by  # "Role", "Region_Type": as --where takes keys
        if wide and not by:
            raise click.UsageError("--wide needs --by (the attribute whose values are the columns, e.g. region_type)")
        if share and not wide:
            raise click.UsageError("--share needs --wide (without it each row has its share already)")
        if by:
            df = ws.crosstab(by, coder=coder, rollup=rollup, where=where, lang=lang, wide=wide, share=share)
        else:
            df = ws.theme_counts(coder=coder, rollup=rollup, where=where, lang=lang)
        _frame_out(df, fmt, within)
        _say_counting()
        kept = len(ws.analysis_service.doc_ids(where)) if where and not by else 0
        if 0 < kept < 3:  # `report` refuses it; here "alle" and "geen" of one interview went unsaid
            click.echo(f"note: --where keeps {'one interview' if kept == 1 else 'two interviews'}: each count and "
                       f"word is of {'that one' if kept == 1 else 'those two'} ('alle' is "
                       f"{'1 of 1' if kept == 1 else '2 of 2'}), not how widely a theme came up", err=True)
        from sto_qual.services.report_warnings import twice_warning  # a region interviewed twice counts twice
        for line in twice_warning(ws, where, chapter=False):
            click.echo(f"note: {line}", err=True)
        if by and "role" in by:  # two ways to count roles: said which this is
            click.echo("note: --by role counts who said the coded passage: a role's documents are the interviews in "
                       "which a passage it spoke has the code, of those it speaks in (documents_total); an attribute "
                       "such as respondent_roles counts the interviews a role took part in" if by in ROLE_KEYS else
                       f"note: --by {by} counts the interviews where a role took part (a value of {by}), and an "
                       "interview's codings under each of its roles, whoever spoke (the rows of an interview with "
                       "several add up to more than its codings); --by role counts who said the coded passage",
                       err=True)
        heads = [str(c).rsplit(" (", 1)[0] for c in df.columns[1:]] if wide else []  # "Oosterend (1)": a value
        _names_shown(ws, list(df["value"]) if by and "value" in df else heads)
        missing = ws.analysis_service.without_attribute(by, where) if by else []
        if missing:  # in no row: said, so the columns are not read as every interview
            one = len(missing) == 1
            click.echo(f"note: {len(missing)} interview{'' if one else 's'} {'has' if one else 'have'} no '{by}' and "
                       f"{'is' if one else 'are'} in no row: {', '.join(missing[:10])}{' …' if len(missing) > 10 else ''}",
                       err=True)
        if by and by not in ROLE_KEYS:  # (roles that speak: a turn's speaker, not an interview's value)
            _small_groups_note(ws, by, where, "values" if not wide else "columns")

    @cli.command()
    @_project_option
    @_counting_options
    @click.option("--rollup/--no-rollup", default=True, show_default=True)
    @click.option("--label-by", default=None, help="Attribute that names the columns (a document without "
                  "it: its name; 'name': document names) [default: region]. Documents with the same "
                  "value are one column: their codings added up; a value listing several (a;b) adds them to each.")
    @_where_option
    @_format_option
    def matrix(project, coder, all_coders, rollup, label_by, where, fmt):
        """Code x document matrix: each cell the number of codings (0 = absent); documents sharing
        a --label-by value are one column, their codings added up (`stats --by` counts interviews)."""
        ws = _open(project)
        where = _where_checked(ws, where)
        m = ws.presence_matrix(coder=_counting(ws, coder, all_coders, fmt, where=where), rollup=rollup, where=where,
                               label_by=label_by)
        rows = [{"code": code, **{k: int(v) for k, v in row.items()}} for code, row in m.iterrows()]
        _names_shown(ws, [str(c) for c in m.columns])
        click.echo(render(rows, fmt))
        _say_counting()
        if label_by and label_by not in ("name", "doc", "role"):
            _small_groups_note(ws, label_by, where, "columns")
        if label_by and ws.analysis_service.lists_values(label_by):
            click.echo(f"note: an interview with several values of '{label_by}' adds its codings to the column of "
                       "each (the columns add up to more than the codings)", err=True)

    @cli.command()
    @_project_option
    @_counting_options
    @click.option("--rollup/--no-rollup", default=False, show_default=True, help="Themes instead of codes.")
    @click.option("--matrix", "as_matrix", is_flag=True, help="Print a code x code matrix (of sentences, or of "
                  "interviews with --level interview); on its diagonal each code's own sentences (interviews): a "
                  "theme's are those coded with the theme itself, its sub-codes' too only with --rollup (as stats).")
    @click.option("--level", type=click.Choice(["sentence", "interview"], case_sensitive=False), default="sentence",
                  show_default=True,
                  help="sentence: codes on a common sentence; interview: both codes anywhere in an interview "
                  "(a matrix coding query per case).")
    @click.option("--passages", nargs=2, default=None, metavar="CODE_A CODE_B",
                  help="List the passages behind one pair: the sentences where one coder applied both codes (with "
                  "--level interview, each coding of either code in the interviews that hold both).")
    @_where_option
    @_format_option
    def cooccurrence(project, coder, all_coders, rollup, as_matrix, level, passages, where, fmt):
        """Codes one coder applied to a common sentence: the sentences (units) and the interviews with
        one or more (documents), of the reference coder's codings (--coder C: C's); with all coders
        merged (--all-coders, or no reference coder) a sentence counts where any one coder applied
        both; --matrix cells are sentences. JSON keys: code_a, code_b, units, documents, c (ATLAS.ti's
        c-coefficient: of the sentences with either code, the share with both). With --level interview:
        the interviews that hold both codes anywhere (JSON keys: code_a, code_b, documents, c, of the
        interviews). --matrix JSON: a row per code, its key code and a key per code (the cell). --passages A B
        JSON keys: doc, document_id, sentence, unit, start, end, coders, codings_a, codings_b, text (with --level
        interview: doc, document_id, code, coding, coder, start, end, text)."""
        ws = _open(project)
        where = _where_checked(ws, where)
        if passages and as_matrix:
            raise OneLineUsage("--passages lists one pair's passages, --matrix every pair's count: give one")
        who = _counting(ws, coder, all_coders, fmt, where=where)
        if passages:
            _passages_out(ws.cooccurring(*passages, coder=who, rollup=rollup, where=where, level=level), passages,
                          level, fmt)
            _say_counting()
            return
        if level == "interview":
            pairs = ws.interview_cooccurrence(coder=who, rollup=rollup, where=where)
        else:
            pairs = ws.cooccurrence(coder=who, rollup=rollup, where=where)
        meta = click.get_current_context().meta
        if who is None and meta.get("counting") and level == "sentence":  # merged: still each coder's own pairs
            meta["counting"] += "; a pair counts in a sentence where one coder applied both codes"
        if not rollup and any(c.parent for c in ws.codebook()):  # "1 urgentie … 1" beside stats' 19
            click.get_current_context().call_on_close(lambda: click.echo(
                "note: a theme counts here only what was coded with the theme itself; --rollup counts its "
                "sub-codes for it too, as stats does", err=True))
        if as_matrix:
            from sto_qual.services.cli_support import cooccurrence_matrix_rows
            own = ws.cooccurrence_totals(coder=who, rollup=rollup, where=where, level=level)
            rows = cooccurrence_matrix_rows(ws, pairs, rollup, "documents" if level == "interview" else "units", own)
            if fmt == "table" and rows:  # a column per code path was 795 characters wide: numbered, as the rows
                keys = [r["code"] for r in rows]
                rows = [{"code": f"{i} {r['code']}", **{str(j): r[k] for j, k in enumerate(keys, 1)}}
                        for i, r in enumerate(rows, 1)]
                click.get_current_context().call_on_close(lambda: click.echo(
                    "note: the columns are numbered as the rows; --format csv or json names the codes", err=True))
            click.echo(render(rows, fmt))
        else:
            _frame_out(pairs, fmt)
            if fmt == "table" and len(pairs):  # a column named c, unexplained, was of no use in a table
                unit = "interviews" if level == "interview" else "sentences"
                click.get_current_context().call_on_close(lambda: click.echo(
                    f"note: c is ATLAS.ti's c-coefficient: of the {unit} with either code, the share with both (0: never "
                    "together, 1: always" + (", as two codes found in every interview are)" if level == "interview"
                                             else ")"), err=True))
            if len(pairs) == 0 and level == "sentence":  # "(none)" said nothing of where to look next
                click.echo("note: no sentence carries two codes; `--level interview` counts the interviews that hold "
                           "both codes anywhere", err=True)
        _say_counting()

    def _passages_out(rows: list[dict], pair: tuple[str, str], level: str, fmt: str) -> None:
        """The passages two codes share, as a table a coder reads (the codings by id, `show` finds them) or whole."""
        if fmt == "table":
            listed = [{**r, **{k: ", ".join(map(str, r[k])) for k in ("coders", "codings_a", "codings_b") if k in r}}
                      for r in rows]
            cols = ["doc", "sentence", "coders", "codings_a", "codings_b", "text"] if level != "interview" else \
                ["doc", "code", "coding", "coder", "text"]
            click.echo(render(listed, fmt, cols))
            if rows and level != "interview":
                click.echo(f"note: codings_a are the codings of {pair[0]}, codings_b those of {pair[1]}, on each "
                           "sentence", err=True)
        else:
            click.echo(render(rows, fmt))
        if not rows:
            click.echo("note: no sentence carries both codes" + ("; `--level interview` lists the interviews that "
                       "hold both anywhere" if level != "interview" else " in one interview"), err=True)

    @cli.command()
    @_project_option
    @_counting_options
    @click.option("--rollup/--no-rollup", default=True, show_default=True,
                  help="A theme is there from the first interview with any of its sub-codes (as stats counts); "
                  "--no-rollup: only codings on the theme itself count for it.")
    @_where_option
    @_format_option
    def saturation(project, coder, all_coders, rollup, where, fmt):
        """New codes per interview, in interview order (by date, else import order). JSON keys:
        order, doc, date, codes, new_codes, cumulative, new."""
        ws = _open(project)
        where = _where_checked(ws, where)
        table, left = ws.analysis_service.saturation_and_uncoded(
            coder=_counting(ws, coder, all_coders, fmt, where=where), rollup=rollup, where=where)
        _frame_out(table, fmt)
        _say_counting()
        if left:  # (in no row: 0 new codes in an interview nobody coded read as saturation)
            click.echo(f"note: {plural(len(left), 'interview')} without a coding of those counted "
                       f"{'is' if len(left) == 1 else 'are'} in no row (not coded, so no sign of saturation): "
                       f"{', '.join(left[:10])}{' …' if len(left) > 10 else ''}", err=True)
