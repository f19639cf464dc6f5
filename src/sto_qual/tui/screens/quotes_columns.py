"""The quotes screen's parts that need no screen (F5): the table's columns before the quote (which
fit beside a quote long enough to read); the line above the table, in the forms that fit a narrower
screen; and the passage below it, whole, with where the chapter puts it."""
from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text

from sto_qual.domain.text import plural
from sto_qual.services.tui_support import QuoteRow, clip_words
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


DOC_MAX = 20  # the widest the Doc column grows for a project's own document names ("Westerkwartie" was cut at 14)


def fit_to_rows(fixed: Columns, cells: dict[str, list[str]], room_beside: Callable[[Columns], int]) -> Columns:
    """The ``fixed`` columns as wide as their widest cell (``cells`` by key) or header, at most as
    chosen: a 14-wide Coder column holding "eva" left the quote cut beside an empty band. The Doc
    column grows for longer names ("Noordveld" read "Noordv"), up to DOC_MAX, while the quote
    keeps MIN_QUOTE characters."""
    def need(label: str, key: str) -> int:
        return max([cell_len(label), *(cell_len(c) for c in cells.get(key, ()))])
    out = [(label, key, min(w, need(label, key)) if key in cells else w) for label, key, w in fixed]
    for i, (label, key, w) in enumerate(out):
        if key == "doc":
            wider = min(need(label, key), DOC_MAX)
            while wider > w and room_beside((*out[:i], (label, key, wider), *out[i + 1:])) < MIN_QUOTE:
                wider -= 1
            out[i] = (label, key, max(w, wider))
    return tuple(out)


def summary_lines(code: str, n: int, docs: int, whose: str) -> list[str]:
    """The line above the table, longest first: a row per coding (two coders' codings of a passage
    are two), as the tree counts them (`sto-qual quotes` lists passages, and said "135 quotes"
    where this said "174 quotes")."""
    counts = f"{plural(n, 'coding')} from {plural(docs, 'document')}"
    leaf, short = code.rsplit("/", 1)[-1], f"{plural(n, 'coding')}, {plural(docs, 'doc')}"  # "1 docs" it said
    return [f" {code}: {counts}{whose} · s star · o open · y copy", f" {code}: {counts}{whose}",
            f" {leaf}: {counts}{whose}", f" {leaf}: {short}{whose}", f" {leaf}: {counts}", f" {leaf}: {short}"]


# the preview's line, short enough for one line (``CHAPTER_PLACES`` says each in full)
PLACE_WORDS = {"text": "quoted in the text", "example": "retold in the text as an example (not quoted)",
               "appendix": "in the appendix", "context": "left out: needs the sentence before it",
               "repeat": "left out: repeats a quote of the text", "question": "left out: only the interviewer speaks",
               "left": "left out: says a point left out of the chapter", "none": "not in it"}


def preview_text(r: QuoteRow, context: tuple[str, str, str], line: int, note: str, place: str | None) -> Text:
    """The coded passage whole, in bold, between the sentence before and the one after it (dimmed,
    each cut to about ``line`` characters so the passage stays in view; the box scrolls), then its
    memo, the ``note`` on a star the report cannot quote (said here too, not only when it was
    given), and where `report` puts it (a writer's star retold as an example, an unstarred passage
    quoted): ``place`` a key of PLACE_WORDS, "working" while it is worked out (one line for every
    passage, so the table keeps its height), None when it is not known."""
    before, quote, after = context
    t = Text()
    attrs = " · ".join(str(v) for k, v in r.attributes.items() if k in ("region_type", "date") and v)
    t.append(f"{r.doc} · {r.code} · {r.coder}" + (f" · {attrs}" if attrs else "") + "\n", style="dim")
    if before:
        t.append(clip_words(before, line, keep_end=True), style="dim")
        t.append(" ")
    t.append(" ".join(quote.split()), style="bold")
    if after:
        t.append(" ")
        t.append(clip_words(after, line), style="dim")
    if r.memo:
        t.append(f"\n✎ {r.memo}", style="italic")
    if r.starred and note:
        t.append(f"\n★ {note}", style="yellow" if "leave it out" in note else "dim")
    if place == "working":
        t.append("\nIn the chapter: working it out…", style="dim")
    elif place is not None:
        t.append(f"\nIn the chapter: {PLACE_WORDS[place]}", style="bold" if place == "text" else "dim")
    return t


def star_said(r: QuoteRow, starred: bool, coder: str, note: str) -> tuple[str, str, int]:
    """What s says (message, severity, seconds): said at once, as the Coder says it (a ★ appearing
    in one cell was missed), with the ``note`` when the report cannot quote it (a star is a pick
    for the report); a star on a colleague's coding says so (it is in this coder's undo history)."""
    lost = starred and "leave it out" in note
    if r.coder != coder:
        said = f"{'Starred' if starred else 'Took the star off'} {r.coder}'s coding of this passage, not one of yours"
    else:
        said = (f"{'Starred' if starred else 'Took the star off'} #{r.coding_id} ({r.doc}): "
                f"{'a quote candidate for the report' if starred else 'no longer a quote candidate'}")
    return (said + (f", but {note}" if lost else "") + " (s again undoes it)",
            "warning" if lost else "information", 8 if lost else 5 if r.coder != coder else 3)
