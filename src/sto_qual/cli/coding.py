"""Coding: applying and removing codes, undo/redo, memos, stars and listing codings (the
coders and the exchange of codings files are ``cli.coders``)."""
from __future__ import annotations

import shlex
import unicodedata

import click

from sto_qual.cli.options import (ID, OneLineUsage, _coder_option, _echo_rows, _format_option, _open, _project_option,
                                 _texts_with_names, family)
from sto_qual.cli.coding_notes import (blind_start_note, cut_words_note, has_no_codings, meeting_note, memo_text,
                                       new_coder_note, new_coder_said, others_note, refuse_typo, summary_note,
                                       turn_notes, went_with, whose_note, whose_notes)
from sto_qual.cli.spans import (_doc_and_code, _one_span, _refuse_swapped, _sentence_numbers, _sentence_span,
                                _span_options, _turn_span, in_order)
from sto_qual.domain.text import clip_words
from sto_qual.output import moment, to_json


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


def _coding_line(c) -> str:
    star = " *" if c.starred else ""
    # cut at a word, with "…" (removed, resized and split lines cut "… Wij nodig" mid-word, unmarked)
    return f"#{c.id} {c.doc} {c.start}-{c.end} {c.code} [{c.coder}]{star}: “{clip_words(c.text, 70)}”"


@cli.command()
@_project_option
@click.argument("where", nargs=-1, metavar="[DOC [CODE]]")
@click.option("--doc", default=None, help="Document id or name (or give it first, as `show` takes it).")
@click.option("--code", default=None, help="Code path or unambiguous name (or give it after DOC).")
@_span_options
@_coder_option
@click.option("--memo", default=None)
@click.option("--star", is_flag=True, help="Mark as a quote candidate.")
@click.option("--widen", is_flag=True, help="Code the text once, as the TUI does: a span overlapping the coder's "
              "coding of this code widens that coding (inside it: keeps it) instead of adding a second one.")
@click.option("--new-coder", is_flag=True, help="Start --coder as a coder of its own although its name is close to "
              "one the project has (refused otherwise, as a typo).")
@_format_option
def code(project, where, doc, code, start, end, unit, turn, sentence, coder, memo, star, widen, new_coder,
         fmt) -> None:
    """Apply a code to a span, a sentence unit or a speaker turn: `code --doc R01 --code urgentie
    --sentence 7`, or `code R01 urgentie --sentence 7`. Coding a span the coder coded with that code
    already keeps that coding and gives it the --memo and --star; any other span is stored as
    given, unless --widen."""
    doc, code = _doc_and_code(where, doc, code, unit)
    _one_span(start, end, unit, turn, sentence, required=True)
    pair, turns = _sentence_numbers(sentence), _sentence_numbers(turn, "turn")  # usage errors before it opens
    ws = _open(project)
    doc = doc if doc is not None else ws.unit_document(unit)  # `code --unit 56 --code X`: its interview
    if where:
        _refuse_swapped(ws, doc, code)
    unit, start, end = _sentence_span(ws, doc, pair, unit, start, end)
    turn, start, end = _turn_span(ws, doc, turns, start, end)
    new_coder_note(ws, coder, refuse_near=not new_coder, asked_new=new_coder)
    if new_coder:
        ws.session.new_coder_asked(coder)
    first = has_no_codings(ws, coder)  # (blind below)
    # this coder's codings of the code before (a new coder has none: naming her would refuse the name)
    from sto_qual.domain.errors import StoQualError
    try:
        had = {k.id: (k.start, k.end)
               for k in ws.codings(doc=doc, code=code, coder=ws.resolve_coder(coder), include_subcodes=False)}
    except StoQualError:  # a coder new to the project (or a mistake the assignment below reports)
        had = {}
    c = ws.assign_code(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder, memo=memo,
                       starred=star, widen=widen)
    if first:
        blind_start_note(ws, c.coder)
    # "joined": the span widened her coding of this code; "already coded": it lay inside it, kept as it was
    said = ("coded" if c.id not in had else "already coded" if had[c.id] == (c.start, c.end) else "joined")
    # --widen over two of her codings makes them one: the other one is gone, memo and all ("already coded" hid it)
    now = {k.id for k in ws.codings(doc=doc, code=code, coder=ws.resolve_coder(coder), include_subcodes=False)} \
        if had else set()
    gone = sorted(i for i in had if i not in now and i != c.id)
    if gone:
        said = "joined"
    click.echo(to_json(c.as_json()) if fmt == "json" else
               f"{said} {_coding_line(c)}" + (f" (#{', #'.join(map(str, gone))} joined into it, memos kept)"
                                              if gone else ""))
    if said != "already coded":
        meeting_note(ws, [c])
    if said == "coded":
        turn_notes(ws, c)
        outside = ws.agreed.outside(c.coder, c.document_id)
        if outside is not None:  # it counted nowhere: `stats` said 7 interviews, the chapter 6
            click.echo(f"note: {outside[0]} and {outside[1]} did not both code {c.doc}: {c.coder}, the agreed coding "
                       f"made from theirs, holds only the interviews both coded, and its differences and the chapter "
                       f"leave {c.doc} out (`sto-qual uncode --id {c.id}` takes this back)", err=True)
    if start is not None and sentence is None:  # offsets typed by hand: a quote cut inside a word reads "…hadden we PIE w"
        cut_words_note(ws, c)
    outer = ws.coding_service.holding(c.id) if said == "coded" else None
    if outer is not None:  # stored as given, but the text now counts under two codings of one coder
        click.echo(f"note: inside your coding #{outer.id} of {outer.code} ({outer.start}-{outer.end}): stored as a "
                   f"second coding; `sto-qual uncode --id {c.id}` takes it back (with --widen the span stays in #{outer.id})",
                   err=True)


@cli.command()
@_project_option
@click.argument("given_ids", type=ID, nargs=-1, metavar="[CODING_ID]...")
@click.option("--id", "coding_id", type=ID, default=None, help="Coding id to remove (or give it first, as `star`; "
              "several ids, `uncode 21 22 25`, are one undo step).")
@click.option("--doc", default=None)
@click.option("--code", default=None)
@_span_options
@_coder_option
@click.option("--all-coders", is_flag=True, help="Remove other coders' codings of that code too.")
@click.option("--all-codes", is_flag=True, help="With --doc: every code, not one (NVivo's uncode all); the coder's "
              "codings only, unless --all-coders.")
def uncode(project, given_ids, coding_id, doc, code, start, end, unit, turn, sentence, coder, all_coders,
           all_codes) -> None:
    """Remove a coding by id (`uncode 21` or `uncode --id 21`; `uncode 21 22 25` removes three), or
    a code (--all-codes: every code) from a span of a document (without a span: from all of it). A
    coding reaching beyond the span keeps the part(s) outside it, trimmed or split in two, with its
    memo and star; one `undo` brings everything back."""
    if given_ids and coding_id is not None and set(given_ids) != {coding_id}:
        listed = " ".join(map(str, given_ids))
        raise OneLineUsage(f"two coding ids ({listed} and --id {coding_id}): give one" if len(given_ids) == 1 else
                           f"coding ids {listed} and --id {coding_id}: give the ids once, without --id")
    ids = list(dict.fromkeys(given_ids)) or ([coding_id] if coding_id is not None else [])
    if ids:
        given = [name for name, v in (("--doc", doc), ("--code", code), ("--start", start), ("--end", end),
                                      ("--unit", unit), ("--turn", turn), ("--sentence", sentence),
                                      ("--all-coders", all_coders), ("--all-codes", all_codes))
                 if v not in (None, False)]
        if given:  # they named another coding than the id may be: removing the id's would be a guess
            raise OneLineUsage(("--id names one coding; give it alone" if len(ids) == 1 else
                                "coding ids name their codings; give them alone") + f", not with {', '.join(given)}")
        ws = _open(project)
        refuse_typo(ws, coder)
        fresh = new_coder_said(ws, coder)  # (`uncode 746 --coder bram` started coder bram unsaid)
        removed = ws.remove_codings(ids, coder=coder)
        for c in removed:
            click.echo(f"removed {_coding_line(c)}")
        went_with(removed)
        if fresh:
            click.echo(fresh, err=True)
        whose_notes(ws, removed, coder)
        meeting_note(ws, removed)
        if len(removed) > 1:
            click.echo(f"{len(removed)} codings removed in one step: `sto-qual undo` brings them all back", err=True)
        summary_note(ws, removed)
        return
    if code and all_codes:
        raise OneLineUsage("give --code or --all-codes, not both")
    if not doc or not (code or all_codes):
        raise click.UsageError("give --id, or --doc and --code (with a span), or --doc and --all-codes")
    _one_span(start, end, unit, turn, sentence, required=False)
    pair, turns = _sentence_numbers(sentence), _sentence_numbers(turn, "turn")
    ws = _open(project)
    refuse_typo(ws, coder)
    unit, start, end = _sentence_span(ws, doc, pair, unit, start, end)
    turn, start, end = _turn_span(ws, doc, turns, start, end)
    undone = ws.uncode(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder, all_coders=all_coders)
    meeting_note(ws, [done.before for done in undone])
    went_with([done.before for done in undone if not done.after])
    for done in undone:
        was = f"(was {done.before.start}-{done.before.end})"
        if not done.after:
            click.echo(f"removed {_coding_line(done.before)}")
        elif len(done.after) == 1:
            click.echo(f"trimmed {_coding_line(done.after[0])} {was}")
        else:
            for part in done.after:
                click.echo(f"split {_coding_line(part)} " + (was if part.id == done.before.id
                                                             else f"(new, from #{done.before.id})"))
    if undone:
        summary_note(ws, [done.before for done in undone])


@cli.command()
@_project_option
@_coder_option
def undo(project, coder) -> None:
    """Undo your last change (per coder; survives restarts)."""
    ws = _open(project)
    if coder is None:  # STO_QUAL_CODER's typo said "nothing to undo for coder onderzoeker_b" (--coder's says it)
        refuse_typo(ws, coder, "undone")
    res = ws.undo(coder)
    click.echo(f"undone: {res.get('what') or res['op']}")  # "undone: coding of ‘Urgentie’ on R01"
    if str(res.get("via") or "").startswith("window:") and res.get("at"):
        # a command's undo took back a coding made in the workbench, unasked: said where and when it was made
        click.echo(f"note: that step was made in the workbench ({moment(res['at'])}); `sto-qual redo` puts it "
                   "back", err=True)
    _others(res)
    for change in res.get("passed", []):  # the change the person meant may be one undo does not take back
        click.echo(f"note: {change} came after this step and is no undo step: it stays; `sto-qual redo` "
                   "puts back what was undone", err=True)


@cli.command()
@_project_option
@_coder_option
def redo(project, coder) -> None:
    """Redo the change you last undid."""
    ws = _open(project)
    if coder is None:
        refuse_typo(ws, coder, "redone")
    res = ws.redo(coder)
    click.echo(f"redone: {res.get('what') or res['op']}")
    _others(res)


def _others(res: dict) -> None:
    """Say when the step changed another coder's coding (a change one made to a colleague's coding,
    taken back or made again, is in one's own history)."""
    if res.get("others"):
        click.echo(f"note: {' and '.join(res['others'])}'s coding; the change was in your undo history", err=True)


@cli.command()
@_project_option
@click.argument("coding_id", type=ID)
@click.argument("text", required=False)
@click.option("--clear", is_flag=True)
@click.option("--append", is_flag=True, help="Add TEXT after the memo, a blank line between.")
@click.option("--replace", is_flag=True, help="Write over (or --clear) another coder's memo.")
@_coder_option
def memo(project, coding_id, text, clear, append, replace, coder) -> None:
    """Set (or --clear) the memo of a coding; another coder's memo is kept unless --append or --replace."""
    if not clear and text is None:
        raise click.UsageError("give the memo text or --clear")
    if clear and (text is not None or append):  # the text was ignored and the memo cleared, unsaid
        raise click.UsageError("give the memo text or --clear, not both")
    _not_blank(text, clear)
    ws = _open(project)
    refuse_typo(ws, coder)
    fresh = new_coder_said(ws, coder)  # (`memo 5 … --append --coder bram` started coder bram unsaid)
    c = ws.set_memo(coding_id, memo_text(ws, coding_id, None if clear else text, append, replace, coder), coder=coder)
    if fresh:  # said once the memo is written (a refused one starts no coder)
        click.echo(fresh, err=True)
    shown = clip_words(c.memo, 200) if c.memo else "(none)"  # stored whole, echoed in short (100,000 characters were)
    click.echo(f"memo on #{c.id}: {shown}" + (f" ({len(c.memo):,} characters)" if c.memo and shown != c.memo else ""))
    whose_note(ws, c, coder)


def _not_blank(text: str | None, clear: bool) -> None:
    """`doc-memo R02 ""` (a variable left empty in a script) removed the memo, with no undo for a document's
    memo: a blank text (invisible or control characters only, too) is refused; --clear removes one."""
    if not clear and text is not None and not "".join(
            c for c in text if unicodedata.category(c) not in ("Cc", "Cf")).strip():
        raise OneLineUsage("the memo text is blank; give the text, or --clear to remove the memo")


@cli.command("doc-memo")
@_project_option
@click.argument("doc")
@click.argument("text", required=False)
@click.option("--clear", is_flag=True)
@_coder_option
def doc_memo(project, doc, text, clear, coder) -> None:
    """Your memo on a document, as the TUI's m writes it where you have no coding: shows it,
    writes it (replacing it) or --clear removes it."""
    if clear and text is not None:
        raise click.UsageError("give the memo text or --clear, not both")
    _not_blank(text, clear)
    ws = _open(project)
    refuse_typo(ws, coder)
    d = ws.document(doc)
    if text is None and not clear:
        memo = ws.document_memo(d.id, coder)
        click.echo(memo if memo else f"no memo of {ws.resolve_coder(coder)} on {d.name}")
        return None if memo else others_note(ws, d.name, coder)
    done = ws.set_document_memo(d.id, None if clear else text, coder=coder)
    click.echo(f"memo on {d.name} {done}")
    return others_note(ws, d.name, coder) if done == "unchanged" and clear else None


@cli.command()
@_project_option
@click.option("--doc", default=None, help="Only the memos on this document (and with --codings its codings').")
@click.option("--codings/--no-codings", "with_codings", default=None, help="The codings' memos too (target coding, "
              "id the coding's): the table lists them unless --no-codings, --format json or csv with --codings.")
@_format_option
def memos(project, doc, with_codings, fmt) -> None:
    """Memos on documents, codes and codings (JSON keys: id, target, name, coder, text, created_at);
    as JSON or CSV the memos on documents and codes, as scripts read them, and with --codings the
    codings' too (a coding's memo is also listed with the coding, `codings`)."""
    ws = _open(project)
    # a person reading the table meant every memo: "(none)" above "133 codings have a memo" read as none
    codings = with_codings if with_codings is not None else fmt == "table"
    _echo_rows(ws.memo_list(doc, codings=codings), fmt, None if fmt != "table" else
               ["id", "target", "name", "coder", "created_at", "text"])


@cli.command()
@_project_option
@click.argument("coding_id", type=ID)
@click.option("--off", is_flag=True, help="Unstar.")
@_coder_option
def star(project, coding_id, off, coder) -> None:
    """Star a coding as a quote candidate for the report."""
    ws = _open(project)
    refuse_typo(ws, coder)
    fresh = new_coder_said(ws, coder)
    was = ws.coding(coding_id).starred
    giver = ws.star_given_by(coding_id) if was and off else None  # a colleague's star taken off: said as hers
    c = ws.star(coding_id, not off, coder=coder)
    me = ws.resolve_coder(coder)
    if giver and giver.casefold() != me.casefold():
        click.echo(f"note: #{c.id}'s star was {giver}'s (`sto-qual undo --coder {shlex.quote(me)}` puts it back)",
                   err=True)
    click.echo(f"#{c.id} {'starred' if c.starred else 'unstarred'}" + (" already (nothing changed)" if was == c.starred
                                                                        else ""))
    if fresh and was != c.starred:
        click.echo(fresh, err=True)
    place = ws.export_service.with_chapter_places([{"id": c.id}])[0].get("chapter") if c.starred else None
    # each note names its coding; how the appendix prints it is said where it does (``star_note``); a star is a
    # pick: said when it cannot be quoted as it is
    note = ws.export_service.star_note(c.id, place) if c.starred else ""
    if note:
        click.echo(f"note: #{c.id}: {note}", err=True)
    if place:  # and where the chapter puts it now: quoted, retold as an example, the appendix, left out
        from sto_qual.services.exports import CHAPTER_PLACES
        click.echo(f"note: #{c.id} in the chapter: {CHAPTER_PLACES[place]}", err=True)
    if was != c.starred:  # no change, no step in anyone's undo history
        whose_note(ws, c, coder)
    elif off:  # `quotes` shows a passage two coders coded under one id; the star may be on the other's
        from sto_qual.domain.spans import overlaps
        for o in ws.codings(doc=c.doc):
            if o.starred and o.id != c.id and overlaps((o.start, o.end), (c.start, c.end)):
                click.echo(f"note: the star on this passage is on #{o.id}, {o.coder}'s coding: "
                           f"`sto-qual star {o.id} --off` takes it off", err=True)


@cli.command()
@_project_option
@click.argument("coding_id", type=ID)
@click.option("--start", type=int, default=None)
@click.option("--end", type=int, default=None)
@click.option("--snap", is_flag=True, help="Extend to the whole sentences it touches.")
@click.option("--shrink", is_flag=True, help="Shrink to the whole sentences inside it.")
@_coder_option
def resize(project, coding_id, start, end, snap, shrink, coder) -> None:
    """Change a coding's span, or extend (--snap) / shrink (--shrink) it to sentence boundaries."""
    if snap and shrink:  # a usage error: said before the project is opened
        from sto_qual.cli.options import OneLineUsage
        raise OneLineUsage("give --snap or --shrink, not both")
    in_order(start, end)
    ws = _open(project)
    refuse_typo(ws, coder)
    before = ws.coding(coding_id)
    c = ws.resize_coding(coding_id, start=start, end=end, snap=snap, shrink=shrink, coder=coder)
    same = (before.start, before.end) == (c.start, c.end)  # e.g. --snap on whole sentences: said, not "resized"
    click.echo(f"unchanged {_coding_line(c)} (it already had this span)" if same else f"resized {_coding_line(c)}")
    if not same:
        whose_note(ws, c, coder)
        meeting_note(ws, [c])
        cut_words_note(ws, c, snap=True)
        for o in ws.coding_service.overlapping_own(c.id):  # that text now counts under two of her codings
            click.echo(f"note: #{c.id} now overlaps #{o.id}, the same coder's coding of {o.code} ({o.start}-{o.end}): "
                       f"that text is coded twice; a resize of either, or `sto-qual uncode --id {o.id}`, undoes the "
                       "overlap", err=True)


@cli.command()
@_project_option
@click.argument("coding_id", type=ID)
@click.argument("code")
@_coder_option
def recode(project, coding_id, code, coder) -> None:
    """Give a coding another code: its span, memo and star stay (one undo step), as when a code is split in two
    (`recode 768 urgentie/krimp`)."""
    ws = _open(project)
    refuse_typo(ws, coder)
    before = ws.coding(coding_id)
    c = ws.recode(coding_id, code, coder=coder)
    kept = " and ".join(w for w, has in (("memo", c.memo), ("star", c.starred)) if has)
    click.echo(f"recoded {_coding_line(c)} (was {before.code}" + (f"; its {kept} kept" if kept else "") + ")")
    whose_note(ws, c, coder)
    meeting_note(ws, [c])


@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None, help="Code path (sub-codes included).")
@click.option("--coder", default=None)
@click.option("--starred", is_flag=True, default=None)
@_format_option
def codings(project, doc, code, coder, starred, fmt) -> None:
    """List codings (JSON keys: id, doc, document_id, code, start, end, text, coder, memo, origin, starred,
    created_at)."""
    ws = _open(project)  # the export that writes the same interviews and coder replaced (not every interview's)
    export = f"`sto-qual export -o FILE.csv{' --csv-nl' if fmt == 'csv-nl' else ''}" + "".join(
        f" {o} {shlex.quote(v)}" for o, v in (("--where", doc and f"doc={doc}"), ("--coder", coder)) if v)
    if fmt == "json":  # tens of thousands of codings: read in bulk, encoded column by column, written as bytes
        from sto_qual.domain.model import Coding
        from sto_qual.output import columns_json_utf8, echo_utf8
        columns = ws.coding_tuples(doc=doc, code=code, coder=coder, starred=True if starred else None, columns=True)
        if columns[0]:  # in Coding's field order; the keys in as_json's order
            keys = list(Coding(*(c[0] for c in columns)).as_json())
            star = Coding._fields.index("starred")
            columns[star] = [bool(v) for v in columns[star]]
            echo_utf8(columns_json_utf8(keys, [columns[Coding._fields.index(k)] for k in keys]))
            # as the CSV says it (a script passing the JSON on learnt nothing of the names in it)
            _texts_with_names(ws, columns[Coding._fields.index("text")], "passages", "do not pass this file on as "
                              f"it is ({export}` writes them replaced)")
            return
    rows = [c.as_json() for c in ws.codings(doc=doc, code=code, coder=coder, starred=True if starred else None)]
    # the table shows memos too when there are any (a memo was only to be read in the JSON)
    memo = ["memo"] if any(r.get("memo") for r in rows) else []
    if not rows and fmt in ("csv", "csv-nl"):  # none: the header still, as a script reads the columns
        from sto_qual.domain.model import Coding
        from sto_qual.output import render
        click.echo(render([], fmt, list(Coding(*([None] * len(Coding._fields))).as_json())))
        return
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "doc", "code", "start", "end", "coder", "starred", *memo, "text"])
    if fmt in ("csv", "csv-nl"):  # a file for Excel, read as an export: its texts are as stored
        _texts_with_names(ws, [r["text"] for r in rows], "passages", f"do not pass this file on as it is ({export}` "
                          "writes them replaced)")
