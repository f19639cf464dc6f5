"""The chapter's words that a project can set: where each frequency word starts ("de meeste"
from two thirds) and the words for its attributes and their values ("krimp": "shrinking")."""
from __future__ import annotations

import click

from sto_qual.cli.options import OneLineUsage, _echo_rows, _format_option, _open, _project_option


def _counts_text(counts: list[int]) -> str:
    """The interview counts that get a word, as runs: "17-18", "4-5, 7"."""
    runs: list[list[int]] = []
    for n in counts:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs) or "–"


def register(cli: click.Group) -> None:
    @cli.command()
    @_project_option
    @click.argument("tier", required=False)
    @click.argument("share", required=False)
    @click.option("--of", "total", type=click.IntRange(min=1), default=None,
                  help="Show which counts of this many interviews get each word (default: the project's "
                       "interviews; a part chapter counts fewer).")
    @click.option("--clear", is_flag=True, help="Back to the built-in tiers (with TIER: that tier only).")
    @_format_option
    def wording(project, tier, share, total, clear, fmt):
        """Show or move where each frequency word starts: TIER SHARE, e.g. wording "vrijwel alle" 90%.
        Tiers that move: vrijwel alle, de meeste, een deel, een aantal. JSON keys: tier, en, from,
        interviews."""
        from sto_qual.domain.wording import parse_share, percent_text, tier_name
        if clear and share is not None:
            raise OneLineUsage("give a share or --clear, not both")
        if share is not None:
            try:
                value = parse_share(share)
            except ValueError as exc:
                raise OneLineUsage(str(exc)) from None
        ws = _open(project)
        if clear and not tier:
            ws.report_settings.reset_tiers()
            click.echo("the built-in tiers again", err=True)
        elif clear or share is not None:
            was, now = ws.report_settings.move_tier(tier, None if clear else value)
            click.echo(f"{tier_name(tier)}: from {percent_text(was)} -> from {percent_text(now)}", err=True)
            tier = None  # the whole ladder after a change
        rows = ws.report_settings.ladder(total)
        if tier:
            rows = [r for r in rows if r["tier"] == tier_name(tier)]
            if not rows:
                raise OneLineUsage(f"no tier '{tier}': the tiers are "
                                   + ", ".join(r["tier"] for r in ws.report_settings.ladder(total)))
        if fmt != "table":
            _echo_rows(rows, fmt)
            return
        _echo_rows([{"tier": r["tier"], "en": r["en"],
                     "from": percent_text(r["from"]) if r["from"] is not None else "(a count)",
                     "interviews": _counts_text(r["interviews"])} for r in rows], fmt)

    @cli.command("attribute-label")
    @_project_option
    @click.argument("name", required=False)
    @click.argument("word", required=False)
    @click.option("--lang", type=click.Choice(["nl", "en"], case_sensitive=False), default="nl", show_default=True)
    @click.option("--clear", is_flag=True, help="Take the project's own word for NAME off.")
    @_format_option
    def attribute_label(project, name, word, lang, clear, fmt):
        """Show or set the chapter's word for an attribute or a value: NAME WORD, e.g.
        attribute-label grensregio "border region" --lang en. JSON keys: name, kind, nl, en, words."""
        if clear and word is not None:
            raise OneLineUsage("give the word or --clear, not both")
        if (clear or word is not None) and not name:
            raise OneLineUsage("name the attribute or value: sto-qual attribute-label NAME WORD")
        ws = _open(project)
        if clear or word is not None:
            note = ws.report_settings.set_attribute_words(name, None if clear else word, lang)
            if note:
                click.echo(f"note: {note}", err=True)
        rows = [r for r in ws.report_settings.attribute_words() if not name or r["name"] == name.strip()]
        _echo_rows(rows, fmt)
