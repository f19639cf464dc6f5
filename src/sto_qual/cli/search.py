"""Searching the transcripts' sentences, and coding what a search finds (``--code``)."""
from __future__ import annotations

import shlex

import click

from sto_qual.cli.coding_notes import blind_start_note, has_no_codings, new_coder_note
from sto_qual.cli.options import (LIMIT, OneLineUsage, _coder_option, _echo_rows, _format_option, _open,
                                  _project_option, _texts_with_names, _where_checked, _where_option, family)
from sto_qual.domain.model import MAX_ID
from sto_qual.domain.roles import INTERVIEWER
from sto_qual.domain.text import plural

# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


@cli.command()
@_project_option
@click.argument("query")
@click.option("--lemma", is_flag=True, help="Match lemmas: 'school' also finds 'scholen'.")
@click.option("--limit", type=LIMIT, default=200, show_default=True, help="At most this many results.")
@click.option("--code", default=None, help="Code every sentence found with this code (MAXQDA's autocode of search "
              "hits), as one undo step: each once, sentences found in a row of one turn one coding; with --code "
              "every sentence found is coded unless --limit is given.")
@_coder_option
@click.option("--new-coder", is_flag=True, help="With --code: start --coder as a coder of its own although its name "
              "is close to one the project has (refused otherwise, as a typo).")
@_where_option
@_format_option
def search(project: str, query: str, lemma: bool, limit: int, code: str | None, coder: str | None, new_coder: bool,
           where: tuple[str, ...], fmt: str) -> None:
    """Full-text search over sentence units (diacritics-insensitive); --where: in the interviews it
    keeps (doc=R01,R02 picks interviews); --code CODE codes every sentence found."""
    ws = _open(project)
    kept = _where_checked(ws, where) if where else None
    if code and click.get_current_context().get_parameter_source("limit") == click.core.ParameterSource.DEFAULT:
        limit = MAX_ID - 1  # every sentence found is coded: not the first 200, unsaid
    if code:  # a code that does not exist, or a coder's name mistyped, is refused before anything is coded (a
        ws.code(code)  # reviewer's `--coder onderzoekr-a` made a third coder of 87 codings, which `code` refuses)
        new_coder_note(ws, coder, refuse_near=not new_coder, asked_new=new_coder)
        if new_coder:
            ws.session.new_coder_asked(coder)
    rows = ws.search(query, lemma=lemma, limit=min(limit + 1, MAX_ID), where=kept)
    if lemma and "*" in query:  # `financi* --lemma` found nothing, unsaid
        raise OneLineUsage("a word ending in * is read without --lemma (lemmas are whole words)")
    operators = [w for w in query.split() if w in ("AND", "OR", "NOT", "NEAR")]
    if operators:  # `search 'PIE OR docent'` found nothing, unsaid
        click.echo(f"note: {' and '.join(dict.fromkeys(operators))} {'is' if len(set(operators)) == 1 else 'are'} "
                   "searched as a word: search finds the sentences with every word given", err=True)
    if len(rows) > limit:  # cut off: say so, as a person reading 200 rows would not know
        rows = rows[:limit]
        click.echo(f"showing the first {limit} matches; there are more (--limit N shows N)" +
                   (", and only these are coded" if code else ""), err=True)
    _echo_rows([{"unit": r["unit"], "doc": r["doc"], "document_id": r["document_id"], "speaker": r["speaker"],
                 "role": r["role"], "start": r["start"], "end": r["end"], "text": r["text"]} for r in rows], fmt)
    words = query.split()
    if not rows and not lemma and words and not operators and not any("*" in w for w in words):
        stems = " ".join(w + "*" for w in words)  # `search financi` found nothing, and nothing said why
        n = len(ws.search(stems, limit=MAX_ID, where=kept))
        if n:
            click.echo(f"note: search finds whole words; {plural(n, 'sentence')} "
                       f"{'has' if n == 1 else 'have'} words starting with {' and '.join(words)}: "
                       f"`sto-qual search {shlex.quote(stems)}`", err=True)
    if fmt in ("csv", "csv-nl"):  # a file for Excel: its sentences and speakers as stored, said as `codings` says it
        _texts_with_names(ws, [f"{r['speaker'] or ''} {r['text']}" for r in rows], "sentences or their speakers",
                          "do not pass this file on as it is")
    if code and rows:
        _code_found(ws, rows, code, coder, fmt)
    elif code:
        click.echo("nothing coded: the search found no sentence", err=True)


def _code_found(ws, rows: list[dict], code: str, coder: str | None, fmt: str) -> None:
    """Code the sentences found, but the interviewer's (a question alone made an interview count for the theme, and
    `stats --by role` count the interviewer), and say what that did and how it is taken back."""
    asked = [r for r in rows if (r["role"] or "").lower() == INTERVIEWER]
    rows = [r for r in rows if r not in asked]
    if asked:
        click.echo(f"note: {plural(len(asked), 'sentence')} the interviewer said {'is' if len(asked) == 1 else 'are'} "
                   f"not coded (a question is no answer of a region): `sto-qual code --unit {asked[0]['unit']} --code "
                   f"{shlex.quote(code)}` codes one", err=True)
    if not rows:
        click.echo("nothing coded: every sentence found is the interviewer's", err=True)
        return
    who, path = ws.resolve_coder(coder), ws.code(code).path
    first = has_no_codings(ws, coder)
    done = ws.code_hits([(r["document_id"], r["start"], r["end"]) for r in rows], code, coder)
    if first and done["coded"]:  # as `code` starts a second coder
        blind_start_note(ws, who)
    if not done["coded"]:  # nothing written, and no undo step (a tester's next undo took back an older coding)
        click.echo(f"Nothing new: {who} had coded {'the sentence' if len(rows) == 1 else f'all {len(rows)} sentences'} "
                   f"with {path} already", err=fmt != "table")
        return
    made = [f"{plural(done['new'], 'new coding')}"] if done["new"] else []
    made += [f"{plural(done['grown'], 'coding')} of {who}'s grown over them"] if done["grown"] else []
    made += [f"{plural(done['joined'], 'coding')} of {who}'s joined into another"] if done["joined"] else []
    had = done["already"]  # (the interviews are those of the sentences coded: "(in 16)" after the 5 read as theirs)
    click.echo(f"Coded {plural(done['coded'], 'sentence')} in {plural(done['interviews'], 'interview')} with {path} as "
               f"{who}: {', '.join(made) or 'no new coding'}"
               + (f"; {had} more {'was' if had == 1 else 'were'} coded already" if had else "") + "; `sto-qual undo"
               + (f" --coder {shlex.quote(who)}" if coder else "") + "` takes it back in one step", err=fmt != "table")
