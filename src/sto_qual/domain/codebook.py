"""Codebook rules kept once: the colour rule, the palette new codes draw from, whether
a code lies under another (a path and its sub-codes), and what a codebook file does to the
codes that exist: where its codes go among their siblings, which fields it changes, and which
code a path names after a rename gave the name to another."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code, CodeSpec

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# seven of the Okabe-Ito colours, told apart by those who see red and green alike (the demo's red and green themes
# were 21 apart in CIELAB for them, a sub-code of each 6), then a slate (their black is the dark theme's ground); the
# STO codebook takes the first four, vermilion before orange, the workbench's own accent
PALETTE = ("#d55e00", "#0072b2", "#cc79a7", "#009e73", "#e69f00", "#56b4e9", "#f0e442", "#2e4053")


def slug_label(name: str) -> str:
    """The label a code added by its slug gets ("klein-zijn" -> "Klein zijn"), as the codebook's
    codes are labelled; it follows the code when it is renamed."""
    return name.replace("-", " ").capitalize()


def is_colour(value: object) -> bool:
    """``#rrggbb``: the only colour form a project stores."""
    return isinstance(value, str) and bool(COLOUR.match(value))


def next_colour(i: int) -> str:
    """The colour of the ``i``-th top-level code (0-based) that names none of its own."""
    return PALETTE[i % len(PALETTE)]


def sub_colour(parent: str, taken: Iterable[str]) -> str:
    """The colour of a new sub-code that names none of its own: a shade of its parent's hue,
    lighter or darker, the first that differs clearly from the parent and from every colour in
    ``taken`` (its siblings'), so its spans are told apart from the theme's own; the parent's
    colour when every shade is taken."""
    import colorsys
    base = normalise_colour(parent) or PALETTE[0]
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, light, sat = colorsys.rgb_to_hls(r, g, b)
    used = [normalise_colour(c) for c in (base, *taken)]
    # every lightness from dark to light in small steps, nearest a clear step from the parent first
    grid = sorted((x / 50 for x in range(8, 44)), key=lambda v: (abs(abs(v - light) - 0.12), v))
    for min_distance in (40, 24):
        for shade_l in grid:
            shade = "#" + "".join(f"{round(x * 255):02x}" for x in colorsys.hls_to_rgb(h, shade_l, sat))
            if all(c is None or _distance(shade, c) >= min_distance for c in used):
                return shade
    return base


def _distance(a: str, b: str) -> float:
    return sum((int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5


def normalise_colour(value: str | None) -> str | None:
    """``#rrggbb`` (lower case) from ``#rrggbb`` or the short ``#rgb`` other tools write; else None."""
    v = (value or "").strip()
    if COLOUR.match(v):
        return v.lower()
    if re.fullmatch(r"#[0-9a-fA-F]{3}", v):
        return "#" + "".join(ch * 2 for ch in v[1:]).lower()
    return None


def ancestors(path: str) -> list[str]:
    """``path`` and the paths of its parents, theme first ("a", "a/b", "a/b/c"): what a coding
    of ``path`` counts under when sub-codes roll up into their parents."""
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def label_shared(path: str, label: str | None, codes: Iterable) -> str | None:
    """Another code (``codes``: paths with ``label`` and ``name``) shown as ``label`` too, in any
    capitals: two codes the picker, F5 and the chapter show alike (a label saved onto a sibling's
    made two "Arbeidsmarkt" no list told apart)."""
    shown = " ".join((label or "").split()).casefold()
    return next((c.path for c in codes if c.path != path and shown
                 and " ".join((c.label or c.name).split()).casefold() == shown), None)


def same_label_warning(label: str, other: str) -> str:
    return (f"‘{' '.join(label.split())}’ is the label of {other} too: the picker, F5 and the chapter show the two "
            "alike (give one another label, or merge them)")


def is_within(path: str, ancestor: str) -> bool:
    """``path`` is ``ancestor`` itself or one of its sub-codes (at any depth)."""
    return path == ancestor or path.startswith(ancestor + "/")


def contrast_refusal(path: str, other: str) -> str | None:
    """Why ``other`` cannot be the contrast of ``path`` (None: it can). A contrast opposes two
    separate codes ("regierol gerealiseerd" against "alleen op papier"): a code and itself, or a
    code and one within it, are one view, and the draft would oppose a theme to its own facet.
    One exception: a theme's sub-code may name the theme itself, saying its opposite ("ieder
    voor zich" against "collectief optrekken"); the theme's lead then does not call the answers
    consistent while that sub-code is widespread (``drafting.lead_plan``)."""
    if other == path:
        return f"'{path}' cannot contrast with itself"
    if says_opposite_of_theme(path, other):
        return None
    if is_within(other, path) or is_within(path, other):
        inner, outer = (other, path) if is_within(other, path) else (path, other)
        return f"'{path}' cannot contrast with '{other}': '{inner}' lies within '{outer}'"
    return None


def says_opposite_of_theme(path: str, other: str) -> bool:
    """``other`` is the theme (a top-level code) of which ``path`` is a direct sub-code: as its
    contrast it marks the sub-code as saying the opposite of the theme."""
    return "/" not in other and path.rpartition("/")[0] == other


def is_below(path: str, ancestor: str) -> bool:
    """``path`` is one of ``ancestor``'s sub-codes (at any depth), not ``ancestor`` itself."""
    return path.startswith(ancestor + "/")


def path_before(path: str, changes: Sequence[tuple[str, str, str | None]]) -> str:
    """Where a code path came from through a project's renames and moves (``changes`` as
    ``path_now`` reads them): the path it had before them (merges and deletions are not undone)."""
    for action, old, new in reversed(changes):
        if action in ("rename", "move") and new and (path == new or path.startswith(new + "/")):
            path = old + path[len(new):]
    return path


def path_now(path: str, changes: Sequence[tuple[str, str, str | None]]) -> str | None:
    """Where a code path went through a project's renames, moves, merges and deletions
    (``changes``: action, old path, new path or None; oldest first): its path now, or None when
    it was deleted. A parent's change takes its sub-codes along."""
    for _action, old, new in changes:
        if path == old or path.startswith(old + "/"):
            if new is None:
                return None
            path = new + path[len(old):]
    return path


def check_code_texts(cb, path) -> None:
    """Refuse a codebook file (``cb``, read from ``path``) with a control character or a
    bidirectional control in any text of a code, at the code's line, as a name typed is refused
    (a label with U+202E showed reversed as a heading of the chapter; its English label, in the
    English one)."""
    from sto_qual.domain.controls import check_name
    from sto_qual.domain.errors import CodebookError, StoQualError
    for spec in cb.codes:
        line = getattr(spec, "line", None)
        for what, value in (("label", spec.label), ("English label", spec.label_en), ("definition", spec.definition),
                            ("summary phrase", spec.summary), ("English summary phrase", spec.summary_en),
                            ("topic", spec.topic), ("English topic", spec.topic_en),
                            *(("keyword", k) for k in spec.keywords), *(("example", x) for x in spec.examples)):
            try:
                check_name(value or "", f"the {what} of '{spec.path}'")
            except StoQualError as exc:
                raise CodebookError(exc.message, file=str(path), line=line,
                                    hint="it changes how the text is shown; remove it in the file and import "
                                         "again") from None


def import_positions(specs: tuple[CodeSpec, ...], existing: dict[str, Code]) -> tuple[dict[str, int], dict[int, int]]:
    """Sibling positions after an import: for the file's codes (path -> position) and for the
    project's codes not in the file whose number changes (id -> position). The siblings a file
    lists take the file's order among themselves, in the places they held; those it leaves out
    keep their place; a new code goes after the code before it in the file (the first one
    before the file's first code that exists, else last). When no code that exists changes
    place, their numbers stay as they are (gaps and all) and new codes are numbered after."""
    listed: dict[str | None, list[str]] = {}
    for spec in specs:
        listed.setdefault(spec.parent, []).append(spec.path)
    siblings: dict[str | None, list[Code]] = {}
    for c in existing.values():
        siblings.setdefault(c.parent, []).append(c)
    placed: dict[str, int] = {}
    others: dict[int, int] = {}
    for parent, paths in listed.items():
        now = sorted(siblings.get(parent, []), key=lambda c: (c.position, c.name))
        before = [c.path for c in now]
        in_file = set(paths)
        reordered = iter([p for p in paths if p in existing])
        order = [next(reordered) if p in in_file else p for p in before]
        for i, p in enumerate(paths):
            if p not in existing:
                at = (order.index(paths[i - 1]) + 1 if i else
                      min((order.index(q) for q in paths if q in existing), default=len(order)))
                order.insert(at, p)
        if order[:len(before)] == before:
            numbers = {c.path: c.position for c in now}
            last = max(numbers.values(), default=0)
            numbers.update((p, last + k) for k, p in enumerate(order[len(before):], 1))
        else:
            numbers = {p: k for k, p in enumerate(order, 1)}
        for p, n in numbers.items():
            if p in in_file:
                placed[p] = n
            elif existing[p].position != n:
                others[existing[p].id] = n
    return placed, others


# the fields of a code a codebook file gives, and those the synthesis keeps beside the codes table
CODE_FIELDS = ("label", "label_en", "colour", "definition", "when_to_use", "when_not_to_use", "examples", "keywords")
SYNTHESIS_FIELDS = ("summary", "contrasts", "summary_en", "topic", "topic_en")


def names_the_one_here(spec: CodeSpec, existing: dict[str, Code], moved: str) -> bool:
    """Whether a file's code whose path was given to another code since is that other code (a file
    exported after the name was given again: the project's own export) rather than the one that
    moved to ``moved``: the one whose label, definition and colour it shares more of."""
    here, there = existing.get(spec.path), existing.get(moved)
    if here is None or there is None:
        return here is not None

    def alike(c: Code) -> int:
        return sum(getattr(spec, k) == getattr(c, k) for k in ("label", "definition", "colour") if k in given_fields(spec))
    return alike(here) >= alike(there)


def given_fields(spec: CodeSpec) -> frozenset[str]:
    """The fields a code of a file gives (a plain ``CodeSpec`` gives them all)."""
    given = getattr(spec, "given", None)
    return frozenset(CODE_FIELDS + SYNTHESIS_FIELDS) if given is None else frozenset(given)


def kept_fields(spec: CodeSpec, old: Code | None, colours: dict[str, str], existing: dict[str, Code]) -> CodeSpec:
    """``spec`` with the fields its file does not give taken from the code that exists (an
    absent key never clears). A new code gets what `code-add` gives one: without a colour, a
    theme the palette's next colour and a sub-code a shade of its parent's as it now is
    (``colours``: path -> colour of the file's codes so far); without a label, one made from its
    name. A codebook file of names and definitions gave every code one grey, and no label, which
    the Quotes screen could not show."""
    given = given_fields(spec)
    if old is None:
        new: dict[str, str] = {}
        if "colour" not in given:
            placed = {**{p: c.colour for p, c in existing.items()}, **colours}
            if spec.parent in placed:
                taken = [c for p, c in placed.items() if p.rpartition("/")[0] == spec.parent]
                new["colour"] = sub_colour(placed[spec.parent], taken)
            elif spec.parent is None:
                new["colour"] = next_colour(sum(1 for p in placed if "/" not in p))
        if not spec.label:
            new["label"] = slug_label(spec.name)
        return replace(spec, **new) if new else spec
    keep = {k: getattr(old, k) for k in CODE_FIELDS if k not in given}
    return replace(spec, **keep) if keep else spec


def renamed_by_file(tree: Sequence[Code], counts: Mapping[int, int], added: Sequence[str],
                    kept: Sequence[str]) -> list[list[str]]:
    """[kept code, added code] pairs where a codebook file looks to rename a coded code: the same parent
    and label or definition, the kept one (or a sub-code of it) coded (``counts``: codings per code id).
    A researcher renamed `samen-optrekken` to `collectief-optrekken` in her file: the import added a
    second theme beside the coded one, and the chapter printed "Collectief optrekken" twice."""
    codes = {c.path: c for c in tree}
    pairs: list[list[str]] = []
    for a in added:
        new = codes.get(a)
        if new is None or any(is_within(a, p[1]) for p in pairs):
            continue  # (a sub-code of a renamed theme moves with it)
        for k in kept:
            old = codes[k]
            same = label_shared(a, new.label or new.name, [old]) is not None or (
                old.definition.strip() and old.definition.strip() == new.definition.strip())
            if old.parent == new.parent and same and sum(counts.get(c.id, 0) for c in codes.values()
                                                         if is_within(c.path, k)):
                pairs.append([k, a])
                break
    return pairs


def what_a_delete_takes(codings: Sequence) -> str:
    """Whose codings a code's delete takes and what goes with them, for its question: "by onderzoeker-a 27,
    onderzoeker-b 7, anna 1 and bram 1, with 12 memos and 11 stars" (F7 asked "36 codings will be removed",
    and a lead deleted four coders' work and the quotes picked for the report unsaid)."""
    from collections import Counter
    by = Counter(c.coder for c in codings)
    who = [f"{name} {n}" for name, n in by.most_common()]
    said = "by " + (" and ".join(who) if len(who) < 3 else f"{', '.join(who[:-1])} and {who[-1]}")
    memos, stars = sum(1 for c in codings if c.memo), sum(1 for c in codings if c.starred)
    kept = [f"{n} {w if n == 1 else w + 's'}" for n, w in ((memos, "memo"), (stars, "star")) if n]
    return said + (f", with {' and '.join(kept)}" if kept else "")


def old_theme_shade(colour: str | None, old: str | None, new: str | None) -> bool:
    """``colour`` reads as a shade of the ``old`` theme's colour, not the ``new`` one's (a code moved under another
    theme kept its old theme's green among the blue ones): its hue within a tenth of the circle of the old
    theme's and nearer to it than to the new theme's."""
    import colorsys
    cols = [normalise_colour(c) for c in (colour, old, new)]
    if None in cols:
        return False
    hues = [colorsys.rgb_to_hls(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0] for c in cols if c]

    def apart(a: float, b: float) -> float:
        return min(abs(a - b), 1 - abs(a - b))
    return apart(hues[0], hues[1]) < 0.1 and apart(hues[0], hues[1]) < apart(hues[0], hues[2])
