"""What a coding command says on standard error beside the line it prints: a new coding of the
interviewer's question, one that starts in it, one over several speakers' turns, a span that cuts
a word, a change to another coder's coding (it is in this coder's undo history)."""
from __future__ import annotations

import shlex

import click

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.model import memo_signer
from sto_qual.domain.roles import answer_after_question, only_interviewer, speakers_reached
from sto_qual.domain.text import clip_words


def turn_notes(ws, c) -> None:
    """A new coding ``c`` and the turns it covers: only the interviewer's (the chapter quotes no
    question), starting in the question (`stats --by role` counts it for the interviewer too), or
    several speakers' (a quote takes one speaker's words)."""
    turns = ws.turns(c.document_id)
    if only_interviewer(turns, c.start, c.end):
        asked = [t.seq + 1 for t in turns if t.start < c.end and t.end > c.start]
        click.echo(f"note: only the interviewer speaks in {c.doc} {c.start}-{c.end} (turn "
                   f"{', '.join(map(str, asked))}): the chapter quotes no question; code the answer "
                   f"instead? (`sto-qual uncode --id {c.id}` takes this back)", err=True)
    answer = answer_after_question(turns, c.start, c.end)
    if answer is not None:  # `stats --by role` counts the interviewer as raising the theme too
        click.echo(f"note: {c.doc} {c.start}-{c.end} starts in the interviewer's question (turn "
                   f"{next(t.seq + 1 for t in turns if t.start < c.end and t.end > c.start)}): `stats --by role` "
                   f"counts it for the interviewer as well as for the answer's speaker; `sto-qual resize {c.id} "
                   f"--start {answer.start} --end {c.end}` starts it at the answer", err=True)
    reached = speakers_reached(turns, c.start, c.end) if answer is None else []
    if len(reached) > 1:  # as the Coder's line says: "2 speakers (a quote takes one speaker's words)"
        click.echo(f"note: #{c.id} reaches over the turns of {len(reached)} speakers ({', '.join(reached)}): a quote "
                   "takes one speaker's words; code each speaker's part on its own when both should be quoted", err=True)


def cut_words_note(ws, c, snap: bool = False) -> None:
    """Say when a coding begins or ends inside a word, with the span that holds it whole."""
    cut = ws.coding_service.cut_words(c)
    if cut is not None:
        words, (s, e) = cut
        named = " and ".join(f"'{w}'" for w in words)
        click.echo(f"note: #{c.id} cuts the word{'s' if len(words) > 1 else ''} {named}; `sto-qual resize {c.id} "
                   f"--start {s} --end {e}` holds {'them' if len(words) > 1 else 'it'} whole"
                   + (" (--snap: the whole sentences)" if snap else ""), err=True)


def whose_note(ws, c, coder: str | None) -> None:
    """A change to another coder's coding is said: it is this coder's step (her undo takes it
    back), and another coder's `u` then finds the coding changed under her own step."""
    me = ws.resolve_coder(coder)
    if c.coder.casefold() != me.casefold():
        click.echo(f"note: #{c.id} is {c.coder}'s coding; the change is in {me}'s undo history "
                   f"(`sto-qual undo --coder {shlex.quote(me)}` takes it back)" + ("" if coder else
                   f"; give --coder {c.coder} when it is {c.coder} who makes it"), err=True)


def memo_text(ws, coding_id: int, text: str | None, append: bool, replace: bool, coder: str | None) -> str | None:
    """The memo `memo` writes: ``text`` (None clears), or the memo and then ``text`` (``append``; another
    coder's text after the coder's name: it read as hers).
    Another coder's memo is not written over or cleared unasked (``replace``): an analyst's `memo`
    replaced a coder's memo without a word, and her text was lost for good."""
    c = ws.coding(coding_id)
    old = (c.memo or "").strip()
    me = ws.resolve_coder(coder)
    if append:  # another coder's words on her coding are signed, as an agreed coding's memos are ("bram: …"), and
        # hers after such a paragraph too ("nog iets" under "bram: Eens, …" read as his)
        others = any((memo_signer(p) or me).casefold() != me.casefold()
                     for p in old.split("\n\n"))  # (the first too: a memo begun by another's --append)
        sign = (c.coder.casefold() != me.casefold() or others) and (
            memo_signer(text or "") or "").casefold() != me.casefold()  # (signed by her already: "anna: anna: …")
        signed = f"{me + ': ' if sign else ''}{text}"
        return f"{old}\n\n{signed}" if old else signed
    theirs = c.coder.casefold() != me.casefold()
    # another coder's memo on her coding is signed, as --append signs it (`memos` listed it as the coder's own)
    signed = f"{me}: {text}" if text and theirs and (memo_signer(text) or "").casefold() != me.casefold() else text
    known = {x["name"].casefold() for x in ws.coders()} if old else set()  # ("Later gelezen: …" is no signature)
    signers = {s if (s := (memo_signer(p) or "").casefold()) in known else c.coder.casefold()
               for p in old.split("\n\n")} if old else set()
    others = sorted(signers - {me.casefold()})  # whose words it holds (unsigned: the coding's coder's)
    if others and not replace and old not in ((text or "").strip(), (signed or "").strip()):
        # (a colleague's signed memo on her own coding too: written over, it was lost unasked)
        said = (f"#{c.id} is {c.coder}'s coding and has {c.coder}'s memo" if others == [c.coder.casefold()]
                else f"#{c.id}'s memo holds {' and '.join(others)}'s words:")
        raise StoQualError(f"{said} “{clip_words(old, 60)}”; nothing was written",
                           hint="--append adds yours after it; --replace writes over it")
    return signed


def has_no_codings(ws, coder: str | None) -> bool:
    """Whether ``coder`` (the default one for None) has no coding yet: her first coding starts her blind."""
    return not {c["name"]: c["codings"] for c in ws.coders()}.get(ws.resolve_coder(coder))


def blind_start_note(ws, coder: str) -> None:
    """A second coder who starts with commands codes blind as one who starts in the workbench does (he then opened
    it on the first coder's codings, and the method called the two codings independent): started and said, after
    her first coding (``has_no_codings`` asked before it)."""
    if ws.session.start_blind(coder, first=True):
        click.echo(f"note: {coder} codes blind: the workbench hides the other coders' codings from this coder "
                   "(its `o` shows them), so the codings stay independent", err=True)


def new_coder_note(ws, coder: str | None, refuse_near: bool = False, asked_new: bool = False) -> None:
    """Say when ``--coder`` names a coder the project does not have yet: a typo would quietly
    start a second coder. ``refuse_near``: refuse a name close to a coder's (`code --coder consensu`
    started a coder of its own, with only this note, and took four commands to clean up);
    ``asked_new``: the user asked for a new coder (`--new-coder`), nothing to say."""
    if asked_new:
        return
    if refuse_near:
        refuse_typo(ws, coder, "coded", new_coder=True)
    said = new_coder_said(ws, coder)
    if said:
        click.echo(said, err=True)


def refuse_typo(ws, coder: str | None, done: str = "stored", also: str = "", give: str = "--coder {}",
                new_coder: bool = False) -> None:
    """Refuse a `--coder` the project lacks whose name is close to a coder's or was one, before a
    command writes under it (nothing was ``done``): `star`, `memo`, `doc-memo`, `accept` with
    `onderzoeker_a` each made a second coder, where `code` refuses it. ``new_coder``: the command
    takes --new-coder, said as the way to start the name (STO_QUAL_CODER's or the settings file's too)."""
    if new_coder:
        also += f"; --new-coder starts '{coder or ws.resolve_coder(None)}' as a coder of its own"
    refused = ws.session.name_refusal(coder, done=done, give=give, also=also)
    if refused is not None:
        raise refused


def new_coder_said(ws, coder: str | None) -> str | None:
    """``new_coder_note``'s line, for a command that says it once it has done its work (`accept`,
    `reject`: a refused step starts no coder, and says only why it was refused)."""
    named = "'{}'"
    if not coder:  # set by STO_QUAL_CODER or the settings file: said as theirs
        coder, where, _give = ws.session.coder_set_elsewhere() or (None, "", "")
        named += where
    near = ws.new_coder_near(coder)
    others = ws.session.coder_names()
    if near and ws.session.renamed_to(coder) == near:
        return (f"note: {named.format(coder)} is a new coder in this project ('{coder}' was renamed to {near}; "
                f"then give --coder {near})")
    if near:
        return (f"note: {named.format(coder)} is a new coder in this project (did you mean {near}? then give "
                f"--coder {near})")
    if coder and others and ws.resolve_coder(coder) not in others:  # a name far from any: said all the same
        return f"note: {named.format(coder)} is a new coder in this project (its coders: {', '.join(others)})"
    return None


def summary_note(ws, removed) -> None:
    """Say which reviewed summaries the removal of the codings ``removed`` left outdated, as
    MAXQDA's summary grid does when its segments change (`uncode` said only "removed #282 …");
    each code's once (`--all-codes` removes codings of many). Without a stored summary, nothing
    to ask (and the synthesis is not imported)."""
    if not ws.summaries_stored():
        return
    syn = ws.synthesis()
    stale = list(dict.fromkeys(x for doc, code in dict.fromkeys((c.document_id, c.code) for c in removed)
                               for x in syn.reviewed_now_outdated(doc, code)))
    if stale:
        themes = list(dict.fromkeys(c.code.split("/")[0] for c in removed))
        shown = " ".join(f"`sto-qual summary show --theme {shlex.quote(t)}`" for t in themes[:3])
        click.echo(f"note: {' and '.join(stale)} rested on {'it' if len(removed) == 1 else 'them'}: "
                   f"{'their' if len(stale) > 1 else 'its'} reviewed text is outdated now ({shown} marks what "
                   "changed)", err=True)


def others_note(ws, doc: str, coder: str | None) -> None:
    """Who else has a memo on ``doc``, said after "no memo of lead on R02" or a `--clear` that
    changed nothing: a lead looking for a coder's memo found only her own answer, and
    `doc-memo R02 --clear` said "unchanged" beside bram's memo there."""
    me = ws.resolve_coder(coder).casefold()
    names = sorted({m["coder"] for m in ws.memo_list(doc) if m["target"] == "document" and m["coder"]
                    and m["coder"].casefold() != me})
    if names:
        click.echo(f"note: {', '.join(names)} {'has' if len(names) == 1 else 'have'} a memo on {doc}: "
                   f"`sto-qual doc-memo {doc} --coder {shlex.quote(names[0])}` shows it", err=True)


def whose_notes(ws, codings, coder: str | None) -> None:
    """``whose_note`` once per coder whose codings a change took (`uncode 21 22 25`)."""
    for c in {c.coder.casefold(): c for c in reversed(codings)}.values():
        whose_note(ws, c, coder)


def meeting_note(ws, changed) -> None:
    """A change by one of the two coders an agreed coding was started from, in an interview it
    holds, moves where the two differ, which its meeting settles: the workbench says so at her first
    such change, `code`, `resize` and `uncode` said only "coded #79 …" (``changed``: the codings)."""
    for c in changed:
        for name, pair in ws.agreed.pairs().items():
            docs = ws.agreed.part(name)
            if c.coder in pair and name != c.coder and (docs is None or c.doc in docs):
                other = pair[1] if pair[0] == c.coder else pair[0]
                click.echo(f"note: {name} was started from {c.coder}'s and {other}'s codings of {c.doc}: this change "
                           f"moves where the two differ, which {name}'s meeting settles (`sto-qual differences "
                           f"{shlex.quote(name)}` lists the places)", err=True)
                return


def went_with(codings) -> None:
    """A removed coding's memo and star go with it, said as the workbench's X says it (`uncode 24` of a colleague's
    coding said only "removed #24 …", its memo and star gone unsaid); `undo` brings them back with it."""
    for c in codings:
        gone = " and ".join(w for w, has in (("memo", c.memo), ("star", c.starred)) if has)
        if gone:
            click.echo(f"note: #{c.id}'s {gone} went with it (`sto-qual undo` brings "
                       f"{'them' if ' and ' in gone else 'it'} back)", err=True)
