"""The two coders' commands: agreement, the agreed coding and its differences, merging a
coder's copy of the project."""
from __future__ import annotations

import re
import shlex

import click

from sto_qual.cli.agreed_output import agreed_add, agreed_rest
from sto_qual.cli.options import (OneLineUsage, _format_option, _open, _project_option, _texts_with_names,
                                  _where_checked, _where_option)
from sto_qual.domain.differences import (FEW_SENTENCES, coded_by_either, saw_others_warning, sentences_coded,
                                         thin_warning, unfinished_warning)
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import restore_command
from sto_qual.domain.text import natural_key, plural
from sto_qual.domain.wording import two_decimals
from sto_qual.output import render, to_json


def _two(x) -> str:
    """An overall figure as the table above prints its numbers ("—" when there is none)."""
    return "—" if x is None else two_decimals(float(x))


def _with_overall(rows: list[dict], overall: dict) -> list[dict]:
    """Each per-code row with the comparison it belongs to: the two coders, the number of
    documents both coded, the level, and the overall figures the table's last line prints."""
    scope = {"coder_a": overall["coders"][0], "coder_b": overall["coders"][1],
             "documents": len(overall["documents"]), "level": overall["level"], "overall_units": overall["units"],
             "overall_alpha": overall["alpha"], "mean_kappa": overall["mean_kappa"],
             "overall_percent_agreement": overall["percent_agreement"],
             # who showed the others' codings while coding blind and coded on (a script tabulating α reads it)
             "saw_others": [t["coder"] for t in overall.get("saw_others", ())]}
    return [{**row, **scope} for row in rows]


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.option("--coders", nargs=2, default=None, metavar="A B",
                  help="Default: the two coders who coded the most interviews in common (as the dashboard and the report).")
    @click.option("--rollup/--no-rollup", default=False, show_default=True, help="Compare themes instead of codes.")
    @click.option("--disagreements", is_flag=True, help="List the units the coders coded differently.")
    @click.option("--passages", is_flag=True, help="The disagreements (it implies --disagreements) as one row per "
                  "run of sentences in which one coder gave a code and the other did not (JSON: doc, sentences, "
                  "code, coded_by, coding, codings, not_by, start, end, text).")
    @click.option("--per-interview", is_flag=True, help="Per code, whether both coders found it anywhere in each "
                  "interview both coded (the unit the chapter counts; MAXQDA's code existence). JSON: code, "
                  "interviews, both, only_a, only_b, neither, percent_agreement, kappa, alpha, coder_a, coder_b.")
    @_where_option
    @_format_option
    def agreement(project, coders, rollup, disagreements, passages, per_interview, where, fmt):
        """Coder agreement per code at sentence level: the share of sentences agreed on, Cohen's kappa,
        Krippendorff's alpha. JSON: per code code, units, both, only_a, only_b, neither,
        percent_agreement (a share from 0 to 1, as in the table), kappa, alpha, ...;
        every row also carries coder_a, coder_b, documents, level, overall_units, overall_alpha,
        mean_kappa, overall_percent_agreement (the table's last line)."""
        if per_interview and (passages or disagreements):  # --passages won and --per-interview was dropped, unsaid
            listing = "passages" if passages else "disagreements"
            raise OneLineUsage(f"--per-interview counts whole interviews; --{listing} lists sentences: give one of them")
        ws = _open(project)
        given = bool(coders)
        coders = coders or ws.agreement_pair()
        if not coders:
            with_codings = [c["name"] for c in ws.coders() if c["codings"]]
            raise StoQualError("agreement needs two coders with codings; this project has "
                               + (f"codings by {with_codings[0]} only" if with_codings else "no codings"),
                               hint="a second coder codes the same interviews in a copy, brought in with `sto-qual merge`")
        res = ws.agreement(coders[0], coders[1], rollup=rollup, where=_where_checked(ws, where))
        agreed = ws.agreed.pairs()
        for name in res["overall"]["coders"]:  # said after the table: made from one of the two, it is no check
            if name in agreed:
                click.get_current_context().call_on_close(lambda n=name: click.echo(
                    f"note: {n} is the agreed coding of {' and '.join(agreed[n])}, made from their codings: its "
                    "agreement with either is no reliability figure (compare the two who coded independently)",
                    err=True))
        for t in res["overall"].get("thin", ()):  # a stray coding makes an interview "both coded"
            click.get_current_context().call_on_close(lambda t=t: click.echo(f"warning: {thin_warning(t)}", err=True))
        for t in res["overall"].get("saw_others", ()):  # a coder who looked: her later codings are no check
            click.get_current_context().call_on_close(lambda t=t: click.echo(f"warning: {saw_others_warning(t)}",
                                                                             err=True))
        for t in res["overall"].get("unfinished", ()):  # so does one coded halfway
            click.get_current_context().call_on_close(lambda t=t: click.echo(f"warning: {unfinished_warning(t)}",
                                                                             err=True))
        if passages:  # one row per run of sentences, as a consensus meeting goes through them (it was ignored alone)
            from sto_qual.domain.differences import differences
            text = {d: ws.document_text(d) for d in {r["doc"] for r in res["disagreements"]}}
            # a run over two codings of hers names both ("745, 746"; JSON `codings`): one named a span it was not
            rows = [{"doc": d.doc, "sentences": f"{d.first}" if d.first == d.last else f"{d.first}-{d.last}",
                     "code": d.code, "coded_by": d.coded_by,
                     "coding": d.coding if fmt != "table" else ", ".join(map(str, d.codings or (d.coding,))),
                     **({"codings": list(d.codings)} if fmt != "table" else {}), "not_by": d.not_by,
                     "start": d.start, "end": d.end, "text": text[d.doc][d.start:d.end]}
                    for d in differences(res["disagreements"])]
            click.echo(render(rows, fmt))
        elif disagreements:
            rows = res["disagreements"]
            click.echo(render(rows, fmt))
        if passages or disagreements:  # for the meeting, as written: a file of them is no export
            if fmt != "table":
                _texts_with_names(ws, [r["text"] for r in rows], "passages", "keep this file within the team")
            return
        if per_interview:
            used = [r for r in res["interviews"] if fmt != "table" or coded_by_either(r)]
            a, b = res["overall"]["coders"]  # a script reads which two were compared, as without --per-interview
            click.echo(render(used if fmt == "table" else [{**r, "coder_a": a, "coder_b": b} for r in used], fmt))
            n = len(res["overall"]["documents"])
            if res.get("interviews_overall", {}).get("cells"):  # on stderr beside JSON and CSV, as without it
                p = res["interviews_overall"]  # MAXQDA gives one for code existence too
                click.echo(f"{chr(10) if fmt == 'table' else ''}overall, the {plural(p['codes'], 'code')} either found "
                           f"pooled ({p['cells']} code × interview cells): agreement {_two(p['percent_agreement'])}, "
                           f"kappa {_two(p['kappa'])}, alpha {_two(p['alpha'])}", err=fmt != "table")
            docs = sorted(map(str, res["overall"]["documents"]), key=natural_key)
            named = f" ({', '.join(docs[:10])}{' …' if n > 10 else ''})" if docs else ""
            click.echo(f"note: per code, the {plural(n, 'interview')} both coded{named} in which both, one or "
                       f"neither of {' and '.join(res['overall']['coders'])} found it (a theme: itself or any of its "
                       "sub-codes, as stats and the chapter count it)"
                       + ("; over so few interviews kappa and alpha swing with one interview: read the counts"
                          if n < 10 else ""), err=True)
            blank = [r["code"] for r in used if r.get("kappa") is None or r["kappa"] != r["kappa"]]
            if fmt == "table" and blank:  # NaN in CSV, an empty cell here: said why
                click.echo(f"note: kappa and alpha are blank for {plural(len(blank), 'code')} both coders found in "
                           "every interview, or in none: they cannot be computed where no interview differs from "
                           "another; the agreement column says how far the coders agreed there", err=True)
            return
        o = res["overall"]
        used = [r for r in res["codes"] if coded_by_either(r)]
        if fmt != "table":  # scripts: the scope and the overall figures on every row (still one array)
            rows = _with_overall(res["codes"], o)
            click.echo(to_json(rows) if fmt == "json" else render(rows, fmt))
        else:
            click.echo(render(used, fmt))  # a code neither used here agrees on every sentence: 1.00 says nothing
        if fmt == "table" and len(used) < len(res["codes"]):
            unused = len(res["codes"]) - len(used)
            click.get_current_context().call_on_close(lambda: click.echo(
                f"note: {plural(unused, 'code')} neither coder used in these interviews left out (JSON and CSV "
                "list every code)", err=True))
        docs = sorted(map(str, o["documents"]), key=natural_key)
        named = f" ({', '.join(docs[:10])}{' …' if len(docs) > 10 else ''})" if docs else ""
        # which is a and which b of only_a and only_b ("only_a" beside a coder called onderzoeker-a read as hers)
        # (on stderr beside JSON and CSV, as `stats` says its "counting:" and notes: a script logging stderr
        # lost that one interview of two was compared, and every note)
        click.echo(f"{'' if fmt != 'table' else chr(10)}{o['coders'][0]} (a) vs {o['coders'][1]} (b), "
                   f"{plural(len(docs), 'document')} both coded{named}, "
                   f"{o['units']} sentences, level {o['level']}: overall alpha {_two(o['alpha'])}, "
                   f"mean kappa {_two(o['mean_kappa'])}, agreement {_two(o['percent_agreement'])}", err=fmt != "table")
        click.echo("note: agreement (per cent) counts a sentence neither coder gave a code as agreeing on it, so it "
                   "stays near 1 when most sentences carry no code; kappa and alpha correct for that: report those",
                   err=True)
        kept = ws.agreed.kept(ws.counting_coder(), res) if not where else None
        if kept:  # two figures of one pair, unexplained, read as a mistake
            click.echo(f"note: these are their codings today; the report counts {kept[0]}, and its method gives their "
                       f"agreement when {kept[0]} was started, before their differences were discussed (alpha "
                       f"{_two(kept[1])}, and per code its own figures)", err=True)
        few = [f"{r['code']} ({sentences_coded(r)})" for r in used if sentences_coded(r) < FEW_SENTENCES]
        if few:  # "geen-impact 0.28" over six sentences read as sure as a code's over forty
            click.echo(f"note: an alpha over fewer than {FEW_SENTENCES} sentences (both + only_a + only_b) is itself "
                       f"uncertain: one sentence moves it far; {', '.join(few)}", err=True)
        coded = {r["code"] for r in used}
        themes = [c for c in coded if any(o.startswith(c + "/") for o in coded)]
        if not rollup and themes:  # a theme and its sub-codes are different codes here
            click.echo(f"note: each code is compared on its own: a sentence one coder put under a theme itself "
                       f"({', '.join(sorted(themes))}) and the other under one of its sub-codes is a disagreement on "
                       "both; `--rollup` compares the themes (a sub-code counts for its theme)", err=True)
        others = [c["name"] + (f" (the agreed coding of {c['agreed_from']})" if c["agreed_from"] else "")
                  for c in ws.coders() if c["codings"] and c["name"] not in o["coders"]]
        if others and not given:  # the default pair: the other coders are not in these figures
            click.echo(f"note: not compared here: {', '.join(others)} (`sto-qual agreement --coders A B` compares "
                       "another pair)", err=True)

    @cli.command()
    @_project_option
    @click.argument("name")
    @click.option("--from", "from_", nargs=2, default=None, metavar="CODER_A CODER_B",
                  help="The two coders who coded the same interviews independently.")
    @click.option("--start-with", default="both", show_default=True,
                  help="'both': the first coder's codings where the second applied the same code to "
                       "overlapping text (the first coder's span); or a coder's name: all of that coder's codings.")
    @click.option("--rest", default=None, metavar="CODER",
                  help="One of the two: in the interviews only CODER coded (the other checked a sample), the agreed "
                       "coding takes CODER's codings as they are, so that it is of every interview and the report "
                       "counts them all; with --add, into an agreed coding started without it.")
    @click.option("--replace", is_flag=True,
                  help="Start agreed coding NAME again: its codings, marks and notes go (a backup is made first).")
    @click.option("--add", "add", is_flag=True,
                  help="Take into agreed coding NAME the interviews its two coders both coded since it was started; "
                       "its codings, marks and notes stay (a backup is made first).")
    @_format_option
    def agreed(project, name, from_, start_with, rest, replace, add, fmt) -> None:
        """Start the agreed coding of two coders as coder NAME (`agreed consensus --from anna bram`),
        in every interview both coded; settle the rest with `code`/`uncode --coder NAME` or `tui
        --coder NAME`. Agreement stays that of the two; the report says the agreed coding is counted
        once it is the reference coder (JSON keys: coder, from, start_with, codings, replaced, documents, rest,
        rest_documents, rest_codings, backup)."""
        if add:
            if rest is not None:
                return agreed_rest(_open(project), name, rest, fmt)
            if replace:
                raise StoQualError("give --add or --replace, not both",
                                   hint="--add keeps what the agreed coding holds; --replace starts it again")
            return agreed_add(_open(project), name, fmt)
        if from_ is None:
            raise click.UsageError("Missing option '--from' (the two coders, e.g. `--from anna bram`); "
                                   "--add takes new interviews into an agreed coding")
        ws = _open(project)
        near = None if replace else ws.session.new_coder_near(name)
        # `agreed consensu --from …` beside consensus made a second agreed coding a letter apart (consensus2 is meant)
        if near is not None and not re.fullmatch(re.escape(near) + r"[-_ ]?\d+", name):
            again = f"; `sto-qual agreed {shlex.quote(near)} --replace` starts {near} again" \
                if near in ws.agreed.pairs() else ""
            raise StoQualError(f"'{name}' reads as the coder {near}; nothing was started", hint="an agreed coding is "
                               f"a coder of its own: give it a name that does not read as another coder's{again}")
        res = ws.agreed.start(name, *from_, start_with=start_with, replace=replace, rest=rest)
        # a second agreed coding of the same two coders is made as asked, but said: a new user ran
        # `agreed` again under a new name and had two, the report counting only one
        before = [n for n, pair in ws.agreed.pairs().items() if n != res["coder"] and set(pair) == set(res["from"])]
        if before:
            click.echo(f"note: {' and '.join(res['from'])} have {'an agreed coding' if len(before) == 1 else 'agreed codings'}"
                       f" already ({', '.join(before)}); {res['coder']} is one more, and the report counts the one "
                       "`sto-qual reference-coder` names" + (f"; {restore_command(res['backup'], project)} takes it back"
                                                             if res["backup"] else ""), err=True)
        if fmt == "json":
            click.echo(to_json(res))
            return
        a, b = res["from"]
        docs = res["documents"]
        start = (f"{a}'s codings of what {b} coded too (the same code on overlapping text; {a}'s span)"
                 if res["start_with"] == "both" else f"all of {res['start_with']}'s codings")
        click.echo(f"{res['coder']}: the agreed coding of {a} and {b}, started {'again ' if replace else ''}with "
                   f"{start}: {plural(res['codings'], 'coding')}, in the "
                   f"{'interview' if len(docs) == 1 else f'{len(docs)} interviews'} both coded "
                   f"({', '.join(map(str, docs))})" + (f"; its {res['replaced']} codings before, with their marks and "
                                                       "notes, are in the backup" if replace else ""))
        if res["rest"]:
            whole = res["rest_documents"]
            click.echo(f"and all of {res['rest']}'s codings, as they are, in the {plural(len(whole), 'interview')} only "
                       f"{res['rest']} coded ({', '.join(whole)}): {plural(res['rest_codings'], 'coding')}; the report "
                       "counts every interview it holds")
        name = shlex.quote(res["coder"])  # each command as it runs: the agreed coding named in it
        click.echo(f"next: `sto-qual differences {name}` lists where {a} and {b} differ; settle each with "
                   f"`sto-qual code … --coder {name}` and `sto-qual uncode … --coder {name}`, or in "
                   f"`sto-qual tui --coder {name}` (D, T, K), or mark one kept as started with "
                   f"`sto-qual differences {name} ID --discussed`; `sto-qual reference-coder {name}` makes the "
                   "report count it", err=True)
        if res["start_with"] == "both":  # whose spans it starts from is the order of --from (a team took it as none)
            click.echo(f"note: where both coded a passage it starts from {a}'s span, the first after --from; "
                       f"`sto-qual agreed {name} --from {shlex.quote(b)} {shlex.quote(a)} --replace` starts from "
                       f"{b}'s", err=True)
        if res["backup"]:
            click.echo(f"backup before: {res['backup']} ({restore_command(res['backup'], project)} takes it back)",
                       err=True)

    @cli.command()
    @_project_option
    @click.argument("name", required=False)
    @click.argument("ids", nargs=-1, metavar="[ID]...")
    @click.option("--open", "only_open", is_flag=True, help="Only the places not settled yet.")
    @click.option("--discussed", is_flag=True,
                  help="Mark the places ID discussed and kept as started (the meeting changed nothing there).")
    @click.option("--clear", is_flag=True, help="Take the mark 'discussed' off the places ID.")
    @click.option("--note", default=None, metavar="TEXT",
                  help="What the meeting decided at the places ID and why (kept with them; '' takes it off).")
    @_format_option
    def differences(project, name, ids, only_open, discussed, clear, note, fmt) -> None:
        """The places the two coders of agreed coding NAME (the project's one, when not given)
        coded differently, each with its id
        ("R01:3", as the Coder's D counts them) and its state: changed (the agreed coding changed
        there since `agreed` started it), discussed (marked discussed and kept as started) or
        open. `differences consensus R01:3 --discussed` marks one; the report counts what is
        settled; --note keeps what was decided there. An id is the interview and the place's number in it,
        which stays with the passage: a coder's change elsewhere moves no id; a place she changes is listed
        anew under a new number (a note says which), and a new place is numbered after the interview's last.
        JSON keys: id, doc, sentences, code, coded_by, not_by, start, end, state, holds (the agreed coding has
        the code there now), text, note."""
        from sto_qual.domain.text import clip_words
        # "R02:1,R02:4", as --where takes doc=R01,R02: the ids apart (it read as one interview 'R02:1,R02')
        # (only where every part is an id: a document named 'p,q' keeps its 'p,q:1')
        ids = tuple(i.strip() for given in ids
                    for i in (given.split(",") if all(":" in x for x in given.split(",")) else [given]) if i.strip())
        if discussed and clear:
            raise StoQualError("give --discussed or --clear, not both", hint="--discussed marks, --clear unmarks")
        if (discussed or clear or note is not None) and not ids:
            flag = "discussed" if discussed else "clear" if clear else "note"
            raise StoQualError(f"--{flag} needs the ids of the places",
                               hint=f"e.g. `sto-qual differences {shlex.quote(name or 'NAME')} R01:3 --discussed`; "
                                    f"`sto-qual differences {shlex.quote(name or 'NAME')}` lists them")
        ws = _open(project)
        from sto_qual.domain.differences import spelled_id
        from sto_qual.services.agreed import pick, tally
        name = ws.agreed.name(name)
        # each checks every id before it writes: an unknown one changes nothing
        marked = ws.agreed.mark(name, ids, discussed=discussed) if discussed or clear else None
        if note is not None:
            ws.agreed.annotate(name, ids, note)
        every = ws.agreed.review(name)
        if ids and (marked or note is not None):  # known to be there: picked from the one review
            rows = pick(every, ids, name, ws.agreed.pairs()[name])
        else:
            rows = ws.agreed.review(name, ids=ids) if ids else every
        docs = {r.difference.doc for r in every}
        for given in ids:  # "R2:1" is R02:1: said, as --discussed marked the place it is read as
            read = spelled_id(given, docs)
            if read.lower() != given.lower():
                click.echo(f"note: {given} is {read}", err=True)
        everything = tally(every)
        if only_open:
            rows = [r for r in rows if r.state == "open"]
        text = {d: ws.document_text(d) for d in {r.difference.doc for r in rows}}
        out = []
        for r in rows:
            d = r.difference
            passage = text[d.doc][d.start:d.end]
            out.append({"id": r.id, "doc": d.doc, "sentences": f"{d.first}" if d.first == d.last else f"{d.first}-{d.last}",
                        "code": d.code, "coded_by": d.coded_by, "not_by": d.not_by,
                        "start": d.start, "end": d.end, "state": r.state,
                        "holds": r.holds if fmt != "table" else ("yes" if r.holds else "no"),
                        "text": passage if fmt != "table" else clip_words(passage, 60),
                        "note": r.note if fmt != "table" else clip_words(r.note, 40)})
        if fmt == "table":  # a person reads the place by its id and sentences; scripts get the span too
            out = [{k: v for k, v in row.items() if k not in ("start", "end")} for row in out]
        click.echo(to_json(out) if fmt == "json" else render(out, fmt))
        a, b = ws.agreed.pairs()[name]
        if marked and marked["done"]:
            click.echo(f"{'marked discussed and kept as started' if discussed else 'no longer marked discussed'}: "
                       + ", ".join(marked["done"]), err=True)
        if note is not None:
            click.echo(f"{'note kept with' if note.strip() else 'note taken off'}: {', '.join(ids)}", err=True)
        for i, why in marked["skipped"] if marked else ():
            click.echo(f"not {'marked' if discussed else 'changed'}: {i} ({why})", err=True)
        anew, gone = ws.agreed.stale_marks(name, every)
        for then, now in anew:  # the place as marked, and as it is listed now
            click.echo(f"note: {then or 'a place'} was marked discussed, and {a} or {b} changed her coding there "
                       f"since: it is listed anew as {now}, open (`sto-qual differences {shlex.quote(name)} {now} "
                       "--discussed` marks it again)", err=True)
        if gone:
            click.echo(f"note: {plural(gone, 'place')} marked discussed {'is' if gone == 1 else 'are'} no longer a "
                       f"difference: {a} and {b} code {'it' if gone == 1 else 'them'} alike now", err=True)
        for o in ws.agreed.orphan_notes(name, every):
            click.echo(f"note: the note on {o['doc']}, sentence{'s' if '-' in o['sentences'] else ''} "
                       f"{o['sentences']} ({o['code']}) is on no place listed now ({a} or {b} changed her coding "
                       f"there since): “{o['note']}”", err=True)
        click.echo(f"{name}: {everything['total'] - everything['open']} of the {everything['total']} places {a} and {b} "
                   f"coded differently settled ({everything['changed']} changed since `agreed` started it, "
                   f"{everything['discussed']} discussed and kept as started); {everything['open']} open", err=True)
        late = ws.agreed.not_taken_in(name)
        if late:
            click.echo(f"note: {a} and {b} both coded {', '.join(late)} after {name} was started, and {name} holds "
                       f"none of {'it' if len(late) == 1 else 'them'}: `sto-qual agreed {name} --add` takes "
                       f"{'it' if len(late) == 1 else 'them'} in (its codings, marks and notes stay)", err=True)

    @cli.command()
    @_project_option
    @click.argument("other", type=click.Path(exists=True, dir_okay=False))
    @_format_option
    def merge(project, other, fmt):
        """Bring in another project's codes, coders, codings, memos and suggestion decisions
        (documents matched by content). Merging the same file twice adds nothing; a coding
        this project removed or resized since is not brought back. Exit code 1 when some
        codings could not be placed (the rest is merged; the lines on stderr say which)."""
        import sys

        from sto_qual.services.merge import merge_projects
        ws = _open(project)
        res = merge_projects(ws, other)
        if fmt == "json":  # the commands in its lines as the text gives them, with --project: run as printed
            from sto_qual.cli.hints import HintStream, completed  # (without it they named ./sto-qual.db)
            hint = sys.stderr if isinstance(sys.stderr, HintStream) else None
            if hint is not None:
                res = {**res, **{k: [completed(x, hint.values, hint.takes) for x in res[k]]
                                 for k in ("kept", "brought", "not_placed")}}
            click.echo(to_json(res))
        else:
            names = {"memos": "memos (documents, codes)", "memos_on_codings": "memos on new codings",
                     "stars_on_codings": "stars on new codings",
                     "memos_and_stars": "memos, stars on codings here",
                     "memos_updated": "memos updated from it", "attributes": "attribute values",
                     "pseudonyms": "names to replace"}
            # one column for the counts, however long a label (it was cut at 30: "… on codings here 0" stood out)
            lines = [(f"added {names.get(k, k)}", v) for k, v in res["added"].items()]
            lines.append(("resized as in the copy", len(res["resized"])))  # the followed: lines say which
            # what it left as this project has it (a coding removed or unstarred in the copy): said only on
            # stderr, a lead read the table's counts and missed them
            resized = tuple(f"coding #{i} " for i in res["resized"])
            kept = [k for k in res.get("kept", []) if not k.startswith(resized)]
            lines.append(("left as here (kept: lines)", len(kept)))
            width = max(len(label) for label, _n in lines)
            for label, n in lines:
                click.echo(f"{label:<{width}} {n}")
            if res["backup"]:
                click.echo(f"backup before the merge: {res['backup']}")  # (scripts read the path off this line)
                click.echo(f"note: {restore_command(res['backup'], project)} takes the merge back (with every "
                           "change made after it)", err=True)
            if res.get("backups_removed"):  # (a restore an earlier merge gave named one, which went unsaid)
                gone = res["backups_removed"]
                click.echo(f"note: {plural(len(gone), 'older backup')} made before a merge removed "
                           f"({', '.join(p.rsplit('/', 1)[-1] for p in gone)}): the newest ten and the first are kept",
                           err=True)
            elif not res["backup"] and not res["not_placed"]:  # a second merge of the same copy: zeros only
                click.echo(f"nothing new in {other}: what it holds is here already", err=True)
            for item in [*res["not_placed"], *([res["apart"]] if res.get("apart") else [])]:
                click.echo(f"{'not placed' if item in res['not_placed'] else 'note'}: {item}", err=True)
            for item in res.get("kept", []):
                click.echo(f"{'followed' if item.startswith(resized) else 'kept'}: {item}", err=True)
            for item in res.get("brought", []):
                click.echo(f"brought: {item}", err=True)
            moved = sorted(res.get("id_map", {}).items(), key=lambda kv: int(kv[0]))
            if moved:  # "#755" in her copy is another coding here
                shown = ", ".join(f"#{a} → #{b}" for a, b in moved[:6]) + (" …" if len(moved) > 6 else "")
                click.echo(f"note: {len(moved)} of the copy's codings {'has' if len(moved) == 1 else 'have'} another id "
                           f"here ({shown}; JSON id_map): an id from the copy names another coding in this project",
                           err=True)
        if res["not_placed"]:
            sys.exit(1)
