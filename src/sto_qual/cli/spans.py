"""The span a coding command names: --start/--end, --unit, --sentence (a number or a range, as
the TUI and `differences` show them) or --turn, one of them, resolved to what the Workspace takes."""
from __future__ import annotations

import shlex

import click

from sto_qual.cli.options import ID, OneLineUsage


def _span_options(f):
    f = click.option("--sentence", default=None, metavar="N|N-M",
                     help="Sentence number within the document (from 1), or a range (28-32: the five whole "
                          "sentences), as the TUI and `differences` show them.")(f)
    f = click.option("--turn", default=None, metavar="N|N-M",
                     help="Turn number within the document (from 1), or a range (24-25: the two whole turns).")(f)
    f = click.option("--unit", type=ID, default=None, help="Sentence unit id.")(f)
    f = click.option("--end", type=int, default=None)(f)
    f = click.option("--start", type=int, default=None)(f)
    return f


def _one_span(start, end, unit, turn, sentence, *, required: bool) -> None:
    """One way of naming the span, said with the options the user typed (a usage error, exit
    2): "--sentence 3 --turn 2" was refused as "not --unit and --turn"."""
    given = [name for name, v in (("--start/--end", start if start is not None else end), ("--unit", unit),
                                  ("--sentence", sentence), ("--turn", turn)) if v is not None]
    if len(given) > 1:
        raise OneLineUsage(f"give one of --start/--end, --unit, --sentence or --turn, not {' and '.join(given)}")
    if given == ["--start/--end"] and (start is None or end is None):
        raise OneLineUsage("give --end with --start (or --unit, --sentence or --turn)" if end is None else
                               "give --start with --end (or --unit, --sentence or --turn)")
    if required and not given:
        raise OneLineUsage("give the span: --start and --end, --unit, --sentence or --turn")
    in_order(start, end)


def in_order(start: int | None, end: int | None) -> None:
    """--start before --end: a usage error (exit 2) otherwise, as a backward --sentence range is."""
    if start is not None and end is not None and end <= start:
        raise OneLineUsage(f"span {start}-{end} runs backwards: --end must be greater than --start "
                           f"(--start {end} --end {start})" if end < start else
                           f"span {start}-{end} is empty: --end must be greater than --start")


def _sentence_numbers(sentence: str | None, noun: str = "sentence") -> tuple[int, int] | None:
    """``--sentence 28`` -> (28, 28), ``--sentence 28-32`` -> (28, 32) (``--turn`` alike, ``noun``
    "turn": `code --turn 24-25` was refused as "not a valid integer"); a usage error otherwise."""
    if sentence is None:
        return None
    first, dash, last = str(sentence).strip().partition("-")
    try:
        pair = (int(first), int(last) if dash else int(first))
    except ValueError:
        raise OneLineUsage(f"--{noun} '{sentence}' is not a {noun} number or range (e.g. 28 or 28-32)") from None
    if pair[0] > pair[1]:
        raise OneLineUsage(f"--{noun} {sentence}: the range runs from the first {noun} to the last "
                           f"(--{noun} {pair[1]}-{pair[0]})")
    return pair


def _turn_span(ws, doc: str, pair: tuple[int, int] | None, start: int | None,
               end: int | None) -> tuple[int | None, int | None, int | None]:
    """(turn, start, end): for one turn its number, for a range of turns (``_sentence_numbers``
    of --turn) the offsets from the first one's start to the last one's end."""
    if pair is None or pair[0] == pair[1]:
        return (pair[0] if pair else None), start, end
    turns = ws.turns(doc)
    _in_range(pair, len(turns), doc, "turn", "")
    return None, turns[pair[0] - 1].start, turns[pair[1] - 1].end


def _in_range(pair: tuple[int, int], count: int, doc: str, noun: str, show: str) -> None:
    """Both numbers of ``pair`` name one of the document's ``count`` sentences or turns (``noun``);
    ``show``: the `show` option that lists them."""
    from sto_qual.domain.errors import SpanError
    for n in pair:
        if not 1 <= n <= count:
            raise SpanError(f"document {doc} has no {noun} {n} (it has {count})",
                            hint=f"`sto-qual show --doc {shlex.quote(doc)}{' ' + show if show else ''}` lists them")


def _sentence_span(ws, doc: str, pair: tuple[int, int] | None, unit: int | None, start: int | None,
                   end: int | None) -> tuple[int | None, int | None, int | None]:
    """(unit, start, end): for ``pair`` (``_sentence_numbers``) the unit id of the document's one
    sentence, or for a range (the TUI's "sentences 28-32") the offsets from the first one's start
    to the last one's end; ``--unit`` takes the project-wide id that `show --units` lists."""
    if pair is None:
        return unit, start, end
    units = ws.units(doc)
    _in_range(pair, len(units), doc, "sentence", "--units")
    if pair[0] == pair[1]:
        return units[pair[0] - 1].id, None, None
    return None, units[pair[0] - 1].start, units[pair[1] - 1].end


def _doc_and_code(given: tuple[str, ...], doc: str | None, code: str | None,
                  unit: int | None = None) -> tuple[str | None, str]:
    """DOC and CODE given first, as `show R01` takes its document (`code Veenstreek urgentie …` was
    refused "Missing option '--doc'"), or as options: the names given first fill what the options
    leave open, in that order (`code --doc R01 urgentie`: urgentie is the code). With ``unit`` the
    document may be left out (None: the unit's; unit ids are the project's, `search` lists them)."""
    if unit is not None and doc is None and len(given) == (1 if code is None else 0):
        return None, code or given[0]
    missing = [m for m, v in (("doc", doc), ("code", code)) if v is None]
    if len(given) > len(missing):
        raise OneLineUsage(f"give one document and one code (got {' '.join(given)}"
                           + (f" beside --doc {doc}" if doc else "") + (f" beside --code {code}" if code else "")
                           + "); a span with --sentence, --turn, --unit or --start/--end")
    filled = dict(zip(missing, given))
    doc, code = filled.get("doc", doc), filled.get("code", code)
    if doc is None or code is None:  # as click says it, with the help that lists the options
        said = ("Missing option '--doc' (or give the document first, `sto-qual code DOC CODE`)" if doc is None else
                f"Missing option '--code' (or give the code after the document, `sto-qual code {doc} CODE`)")
        raise click.UsageError(said, ctx=click.get_current_context())
    return doc, code


def _refuse_swapped(ws, doc: str, code: str) -> None:
    """`code urgentie R01` said "unknown document 'urgentie'": the two were given the other way round."""
    from sto_qual.domain.errors import StoQualError
    try:
        ws.document(doc)
        return
    except StoQualError:
        pass
    try:
        ws.document(code)
        ws.code(doc)
    except StoQualError:
        return  # (the assignment says what is unknown)
    raise OneLineUsage(f"'{doc}' is a code and '{code}' a document: the document comes first "
                       f"(`sto-qual code {code} {doc} …`)")
