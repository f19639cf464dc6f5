"""The quotes table's columns before the quote (F5): which fit beside a quote long enough to read;
and the line above the table, in the forms that fit a narrower screen."""
from __future__ import annotations

from collections.abc import Callable

from sto_qual.domain.text import plural
from sto_qual.tui.fitting import Columns

FIXED_COLUMNS = (("★", "star", 1), ("Doc", "doc", 6), ("Coder", "coder", 14))  # the Quote column takes the rest
FIXED_COLUMNS_MID = (("★", "star", 1), ("Doc", "doc", 5), ("Coder", "coder", 9))  # a name cut in its middle
FIXED_COLUMNS_NARROW = (("★", "star", 1), ("Doc", "doc", 5))
# a code with sub-codes: each quote's code too, its label cut inside its word ("Regierol ge…")
CODE_COLUMNS = ((("★", "star", 1), ("Doc", "doc", 6), ("Code", "code", 16), ("Coder", "coder", 14)),
                (("★", "star", 1), ("Doc", "doc", 5), ("Code", "code", 13), ("Coder", "coder", 9)),
                (("★", "star", 1), ("Doc", "doc", 5), ("Code", "code", 16)),
                (("★", "star", 1), ("Doc", "doc", 5), ("Code", "code", 12)))
BY_COLUMN = ("By", "coder", 4)  # a coder's name cut to its first and last letters ("on…a"), at 80 columns
MIN_QUOTE_BY = 20  # characters of the quote beside a "By" column (two coders' rows told apart first)
MIN_QUOTE = 30  # characters of the quote below which the coder's column goes


def fixed_columns(several_codes: bool, narrow: bool, several_coders: bool,
                  room_beside: Callable[[Columns], int] | None) -> Columns:
    """The coder's name cut in its middle (a wide terminal), or no coder (the passage below the
    table names it) when the quote would keep fewer than MIN_QUOTE characters, except for a short
    "By" column in a narrow terminal when the rows are ``several_coders``' (two coders' codings of
    one passage differed only in their code); a code with ``several_codes`` (sub-codes) adds a
    short Code column (two quotes of one transcript under different sub-codes looked the same).
    ``room_beside``: the quote's room beside some columns, None before the table is laid out."""
    choices = CODE_COLUMNS if several_codes else (FIXED_COLUMNS, FIXED_COLUMNS_MID, FIXED_COLUMNS_NARROW)
    if narrow:  # a small terminal: the quote keeps the room (the panel names the coder)
        choices = tuple(c for c in choices if ("Coder", "coder", 9) not in c)
        if several_coders:
            bare = [c for c in choices if all(key != "coder" for _label, key, _w in c)]
            choices = tuple(c for c in choices if c not in bare) + tuple((*c, BY_COLUMN) for c in bare) + tuple(bare)
    if room_beside is None:
        return choices[-1] if narrow else choices[0]
    # beside a "By" column the quote may be shorter: the passage below shows it whole
    return next((c for c in choices if room_beside(c) >= (MIN_QUOTE_BY if BY_COLUMN in c else MIN_QUOTE)),
                choices[-1])


def summary_lines(code: str, n: int, docs: int, whose: str) -> list[str]:
    """The line above the table, longest first: a row per coding (two coders' codings of a passage
    are two), as the tree counts them (`sto-qual quotes` lists passages, and said "135 quotes"
    where this said "174 quotes")."""
    counts = f"{plural(n, 'coding')} from {plural(docs, 'document')}"
    leaf, short = code.rsplit("/", 1)[-1], f"{plural(n, 'coding')}, {plural(docs, 'doc')}"  # "1 docs" it said
    return [f" {code}: {counts}{whose} · s star · o open · y copy", f" {code}: {counts}{whose}",
            f" {leaf}: {counts}{whose}", f" {leaf}: {short}{whose}", f" {leaf}: {counts}", f" {leaf}: {short}"]
