"""What the summary commands print: a cell or theme with its sentences, one sentence, an English
section, and what `summary set`, `accept`, `clear` and `draft` did."""
from __future__ import annotations

import click

from sto_qual.domain.drafting_lead import join_words
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.synthesis import contrast_counts, lead_of_point, review_marks
from sto_qual.domain.text import plural
from sto_qual.domain.wording import stored_time
from sto_qual.output import to_json


def show_summary(data: dict, fmt: str, reviewers: dict | None = None) -> None:
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
                       f"{'' if c.get('left_out') else _glyph(c.get('reviewed'), c.get('outdated'))}{c['text']}")
            if "counts_now" in c:  # reviewed on other counts: today's beside them
                click.echo("  counts when reviewed → today: " + "; ".join(
                    f"{group} {was} → {today}" for group, was, today in contrast_counts(c)))
                if not c["counts_now"]:
                    click.echo("  (drafted today, this difference would not be there)")
        if data.get("fallback"):
            click.echo("\nno label_en (Dutch label used, marked [nl]): " + ", ".join(data["fallback"]))
        _chapter_quotes(data)
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


def show_item(data: dict, kind: str, n: int, fmt: str) -> None:
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
    """Point ``i`` of a theme as `summary show` prints it: its code, label, wording and regions, who
    edited it, its sentence and its evidence with its codings."""
    code = (p.get("code") or "").rsplit("/", 1)[-1]  # the sub-code it is of, as F9's panel says (JSON: code)
    lines = [f"{i}. {'✗ left out by ' + (p.get('reviewed_by') or 'a person') + ': ' if p.get('left_out') else ''}"
             # (one left out is no sentence reviewed: no ●, as the count leaves it out)
             f"{'' if p.get('left_out') else _glyph(p.get('reviewed'), p.get('outdated'))}{code + ': ' if code else ''}"
             f"{p['label']} "
             f"({p['wording']}, {len(p['regions'])}: {', '.join(p['regions'])})"]
    if p.get("edited"):
        lines.append(f"  (edited by {p.get('reviewed_by') or 'a person'}; the words and example above and below "
                     "are the draft's)")
    lines.append(f"  {p['text']}" if p["text"] else "  (no sentence that can be retold safely: the chapter prints "
                 "it only if one of its passages is the paragraph's one quote; `summary show --quotes` says which is; "
                 "a sentence you write prints it)")
    lines.append(f"  “{p['evidence']}”  [codings {', '.join(str(r) for r in p['references'][:5])}]")
    return lines


def _changes(ch: dict) -> str:
    from sto_qual.domain.drafting import describe_changes
    return describe_changes(ch)


def show_english(own: dict, fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json(own))
        return
    click.echo(f"{own['theme']}  [English section, written by {own['author']} on {own['updated_at'][:10]}]")
    if own["dutch_changed"]:
        click.echo("note: the Dutch section changed after this was written", err=True)
    click.echo("\n" + own["text"])


def said_done(res: dict, fmt: str, verb: str) -> None:
    if fmt == "json":
        click.echo(to_json(res))
        return
    what = f"{res['document']} × {res['code']}" if "document" in res else res["code"]
    if " of" in verb and "lead" in res:  # one sentence of a theme
        marks = review_marks(res.get("lead_reviewed") or [], res["points"], res["contrasts"])
        left = sum(1 for m in marks if not m)
        kind, number = verb.split()[1:3]
        if verb.startswith("left"):
            click.echo(f"Left {kind} {number} of {what} out of the chapter.")
            # on stderr, where a command is given its --project (a command printed without it failed as run)
            click.echo(f"note: `sto-qual summary accept --theme {res['code']} --{kind} {number}` puts it back, as "
                       "reviewed (ctrl+n in F9's theme view puts it back as it was)", err=True)
            if kind == "point":
                _topic_stays(res, int(number))
            return
        done = "Saved" if verb.startswith("set") else "Accepted"
        click.echo(f"{done} {kind} {number} of {what}; it is marked reviewed.")
        if kind == "point" and done == "Saved":
            _opening_as_drafted(res, int(number))
        if res["status"] == "reviewed":
            click.echo("Every sentence of the theme is now reviewed.")
        elif left:
            # points without a sentence are listed but not counted (a writer counted 19 rows against "of 17")
            bare = sum(1 for p in res["points"] if not p.get("text"))  # as review_marks leaves them out
            click.echo(f"The theme as a whole is still a draft: {left} of {len(marks)} sentences not yet reviewed"
                       + (f" ({plural(bare, 'point')} without a sentence not counted)." if bare else "."))
        else:  # every sentence once reviewed, some before their codings changed ("0 of 2 not yet reviewed")
            click.echo(f"The theme as a whole is not reviewed yet: a sentence was reviewed before its codings changed "
                       f"(`sto-qual summary show --theme {res['code']}` marks it; one you edited is reviewed by "
                       f"accepting it again, one accepted as drafted by drafting it again: `sto-qual summary draft "
                       f"--theme {res['code']}`).")
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
        items = data.get(kind + "s") or []
        for i, name in enumerate(named.get(kind) or [], 1):
            item = items[i - 1] if kind != "lead" and i <= len(items) else {}
            # as review_marks counts them: not one left out, nor a point without a sentence (its quote carries it)
            if name and not item.get("left_out") and (kind != "point" or item.get("text")):
                people.setdefault(name, []).append(f"{kind} {i}")
    if people:
        out += "; reviewed: " + "; ".join(f"{', '.join(v)} by {k}" for k, v in people.items())
    return out


def _glyph(reviewed, outdated) -> str:
    """● a sentence a person accepted; ◐ accepted, but the codings under it changed since."""
    return "◐ " if reviewed and outdated else "● " if reviewed else ""


def _topic_stays(res: dict, number: int) -> None:
    """A point left out takes its example out of the chapter, not its topic: a writer left out the
    "op papier" point and found the paragraph "Regierol alleen op papier" still there."""
    k = lead_of_point(res, number)
    if k is not None:
        lead = " ".join(res["lead"][k].split()[:10]) + (" …" if len(res["lead"][k].split()) > 10 else "")
        click.echo(f"note: its example sentence leaves the chapter, not its topic: lead sentence {k + 1} (‘{lead}’) "
                   "still opens that paragraph, and a passage of the topic may be quoted under it; the chapter "
                   "speaks of every topic the coding "
                   f"holds (`sto-qual summary set --theme {res['code']} --lead {k + 1} --text …` rewrites it)",
                   err=True)


def _opening_as_drafted(res: dict, number: int) -> None:
    """A point rewritten under a topic whose opening sentence is still the draft's: the chapter
    prints that sentence before the writer's text ("In alle regio's vergelijkt men …" before her
    "Vrijwel overal …"), and `summary set` had said nothing of it."""
    k = lead_of_point(res, number)
    reviewed = res.get("lead_reviewed") or []
    if k is None or (k < len(reviewed) and reviewed[k]):
        return
    theme = res["code"]
    click.echo(f"note: the chapter opens this point's topic with lead sentence {k + 1} as drafted: "
               f"“{res['lead'][k]}” (`sto-qual summary set --theme {theme} --lead {k + 1} --text …` rewrites it; "
               f"`sto-qual summary accept --theme {theme} --lead {k + 1}` keeps it)", err=True)



def _chapter_quotes(data: dict) -> None:
    """`summary show --quotes`: the chapter's quotes in the theme's text, after its sentences."""
    if "chapter_quotes" not in data:
        return
    rows = data["chapter_quotes"]
    click.echo("\nIn the chapter's text, quoted under its paragraphs:" if rows else
               "\nThe chapter quotes no passage in this theme's text.")
    for q in rows:
        click.echo(f"  [{q['paragraph'] or 'the theme'}] “{q['text']}” {q['attribution']}  (coding {q['id']})")
