"""Suggestions: generating, listing, accepting and rejecting them."""
from __future__ import annotations

import click

from sto_qual.cli.coding_notes import new_coder_said, refuse_typo
from sto_qual.cli.options import ID, _coder_option, _echo_rows, _format_option, _open, _project_option, family


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


def _a_number(_ctx: click.Context, _param: click.Parameter, value: float | None) -> float | None:
    """A confidence given: "nan" passed the range check and withdrew every pending suggestion."""
    if value is not None and value != value:
        raise click.BadParameter("not a number; give a confidence from 0 to 1")
    return value


@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None)
@click.option("--learned", is_flag=True, help="Also train and apply the learned model.")
@click.option("--min-codings", type=click.IntRange(min=1), default=10, show_default=True,
              help="Codings a code needs before the model learns it from them (it learns every code from the "
                   "codebook's texts too; a code's confidence is calibrated once at least 8 of its sentences are "
                   "coded, in at least two interviews).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, callback=_a_number,
              help="Model confidence to suggest [default: each code's own, chosen on held-out interviews].")
@click.option("--interviewer-turns", type=click.Choice(["on", "off"], case_sensitive=False), default=None,
              help="Suggest in interviewer questions too (on) or not (off, the default); saved in the project.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="The model's random seed (training with --learned).")
def suggest(project, doc, code, learned, min_codings, threshold, interviewer_turns, seed) -> None:
    """Generate pending suggestions (never codings) from keywords and, with --learned, a model."""
    from sto_qual.services.suggesting import explain_lines, set_interviewer_turns
    ws = _open(project)
    if interviewer_turns is not None:
        set_interviewer_turns(ws, interviewer_turns == "on")
    res = ws.suggest(doc=doc, code=code, learned=learned, min_codings=min_codings, threshold=threshold, seed=seed)
    click.echo(explain_lines(res))
    given = click.get_current_context().get_parameter_source
    from click.core import ParameterSource
    reused = res.get("model_reused")
    unused = [f"--{name.replace('_', '-')}" for name, applies in (
        ("threshold", res.get("trained") or reused),
        ("min_codings", res.get("trained")), ("seed", res.get("trained")))
        if given(name) == ParameterSource.COMMANDLINE and not applies]
    if unused:  # `suggest --threshold 0.5` without a model ran and said nothing of it
        one = len(unused) == 1
        named = " and ".join(unused)
        click.echo(f"note: {named} {'applies' if one else 'apply'} when the model learns; this run applied the model "
                   "learned earlier (`sto-qual suggest --learned` lets it learn again)" if reused else
                   f"note: {named} {'needs' if one else 'need'} a model, and none ran (this project has none yet): "
                   "`sto-qual suggest --learned` trains one", err=True)


@cli.command()
@_project_option
@click.option("--doc", default=None)
@click.option("--code", default=None)
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "all"], case_sensitive=False),
              default="pending")
@_format_option
def suggestions(project, doc, code, status, fmt) -> None:
    """List suggestions (JSON keys: id, doc, unit, code, start, end, text, origin, reason, confidence,
    status, reasons)."""
    rows = [s.as_json() for s in _open(project).suggestions(status=None if status == "all" else status,
                                                            doc=doc, code=code)]
    if fmt == "table":  # shown cut, as the TUI and --all-above count them (0.8982 read 0.90 here, 0.89 there)
        from sto_qual.domain.wording import confidence_text
        rows = [{**r, "confidence": confidence_text(r["confidence"]) if r["confidence"] is not None else None}
                for r in rows]
    # with --status all the table says which are pending, accepted or rejected (they looked alike)
    _echo_rows(rows, fmt, None if fmt != "table" else
               ["id", "doc", "unit", "code", *(["status"] if status == "all" else []), "origin", "confidence",
                "reason", "text"])


def _narrows(option: str, value: float | None, doc: str | None, code: str | None) -> None:
    """--doc and --code narrow a bulk decision; with ids alone they would be read as a filter they are not."""
    if value is None and (doc is not None or code is not None):
        raise click.UsageError(f"--doc and --code narrow {option}; give them with it (ids are decided as given)")


@cli.command()
@_project_option
@click.argument("ids", nargs=-1, type=ID)
@click.option("--all-above", type=click.FloatRange(0, 1), default=None, callback=_a_number,
              help="Accept every pending suggestion with at least this confidence (0 to 1).")
@click.option("--doc", default=None, help="With --all-above: only this interview's suggestions.")
@click.option("--code", default=None, help="With --all-above: only this code's (and its sub-codes') suggestions.")
@_coder_option
def accept(project, ids, all_above, doc, code, coder) -> None:
    """Accept suggestions: they become codings (origin accepted-suggestion); a sentence you coded
    with that code already keeps your coding (widened to the whole sentence if it held part, or
    ended or began right next to it in the same turn)."""
    from sto_qual.services.suggestion_review import accepted_detail
    _narrows("--all-above", all_above, doc, code)
    ws = _open(project)
    refuse_typo(ws, coder)
    new = new_coder_said(ws, coder)  # `accept --coder zzz` started a coder without a word
    done = ws.accept(ids, all_above=all_above, coder=coder, doc=doc, code=code)
    detail = accepted_detail(done)
    click.echo(f"accepted {len(done)} suggestion{'s' if len(done) != 1 else ''}" + (f": {detail}" if detail else ""))
    if new:
        click.echo(new, err=True)


@cli.command()
@_project_option
@click.argument("ids", nargs=-1, type=ID)
@click.option("--all-below", type=click.FloatRange(0, 1), default=None, callback=_a_number,
              help="Reject every pending model suggestion below this confidence (0 to 1).")
@click.option("--doc", default=None, help="With --all-below: only this interview's suggestions.")
@click.option("--code", default=None, help="With --all-below: only this code's (and its sub-codes') suggestions.")
@_coder_option
def reject(project, ids, all_below, doc, code, coder) -> None:
    """Reject suggestions; they are not proposed again for that unit and code (one undo step:
    `undo` puts them back in the queue)."""
    _narrows("--all-below", all_below, doc, code)
    ws = _open(project)
    refuse_typo(ws, coder)
    new = new_coder_said(ws, coder)
    n = ws.reject(ids, all_below=all_below, coder=coder, doc=doc, code=code)
    click.echo(f"rejected {n} suggestion{'s' if n != 1 else ''}")
    if new:
        click.echo(new, err=True)
