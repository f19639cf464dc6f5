"""The "Verschillen tussen regio's" paragraph of a theme, worded by the report from the
contrasts' counts (the drafted sentence is used only when a person wrote or accepted it).

A difference between region types names both groups, the share in words and the count where the
words do not say it ("in alle gemengde regio's …, tegenover de helft van de krimpregio's (2 van
4)"), and says what comes up with the code's summary phrase from the codebook ("noemt men het
tekort aan (technische) docenten") instead of its label in quote marks as a noun. Differences
led by the same group follow each other, "ook" joining them ("In alle krimpregio's wijst men op
…, tegenover …. In alle krimpregio's wil men ook …"), so the paragraph reads as a passage.
Opposing codes are said with their phrases too: where both views come up.
``numbers=False`` drops every "(n van N)"."""
from __future__ import annotations

import shlex
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.drafting import mid_sentence
from sto_qual.domain.synthesis import Contrast
from sto_qual.domain.text import plural
from sto_qual.domain.wording import count_note, count_word, in_units, with_ook
from sto_qual.report.labels import join_words
from sto_qual.report.model import sentence_mark
from sto_qual.report.vocabulary import region_group, region_group_one

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


class ContrastWriter:
    def __init__(self, lang: str, numbers: bool, wording: Callable[[int, int], str], label: Callable[[str], str],
                 phrase: Callable[[str], str], value_label: Callable[[str], str]) -> None:
        self.lang = lang
        self.numbers = numbers
        self.wording = wording      # (n, total) -> the Dutch tier word
        self.label = label          # code path -> its label in the report's language
        self.phrase = phrase        # code path -> its summary phrase in the report's language, or ""
        self.value_label = value_label

    def _group(self, value: str, n: int, of: int, count: bool = True) -> str:
        """The regions of a group that say it, the share in words as the tables say it ("alle
        gemengde regio's", "de helft van de krimpregio's (2 van 4)"); ``n`` 0: the
        group's name alone; ``count`` False: without "(n van N)"."""
        nl = self.lang == "nl"
        label = self.value_label(value)
        name = region_group(value, self.lang, label) or (f"regio's met {label}" if nl else f"regions with {label}")
        if n >= of:
            name = ("alle " if nl else "all ") + name
        elif n:  # the tier's word, as the tables and DOMAIN say it ("twee van de vijf gemengde regio's"
            # stood beside the table's "een deel (2/5)", and was the one count left with --no-numbers)
            one = region_group_one(value, self.lang, article=False, label=label) or (
                f"regio met {label}" if nl else f"region with {label}")
            name = in_units(self.wording(n, of), self.lang, (one, name)).removeprefix("in ")
        # "alle", "geen" and "een enkele" say the number themselves, as the method says and the tables write it
        if count and self.numbers and 0 < n < of and count_note(n, of, self.wording(n, of)):
            name += f" ({n} {'van' if nl else 'of'} {of})"
        return name

    def _versus(self, value: str, n: int, of: int) -> str:
        """The other group after the leading one: "tegenover de helft van de krimpregio's (2 van
        4)"; a group where it does not come up: "tegenover geen van de stedelijke regio's" (it read
        "in de stedelijke regio's niet", which two readers asked to have said outright), "compared
        with none of the urban regions"."""
        nl = self.lang == "nl"
        if n == 0:
            name = self._group(value, 0, of)
            return f"tegenover geen van de {name}" if nl else f"compared with none of the {name}"
        return f"{'tegenover' if nl else 'compared with'} {self._group(value, n, of)}"

    def paragraph(self, contrasts: Sequence[Contrast]) -> list[tuple[str, bool]]:
        """The paragraph's sentences with whether each is still a draft: a person's sentence as
        written, drafted ones worded from their counts, drafted attribute differences led by
        the same group (value and count) joined into one sentence where every code has a phrase."""
        out: list[tuple[str, bool]] = []
        done: set[int] = set()
        for i, c in enumerate(contrasts):
            if i in done or not c.text:
                continue
            mark = sentence_mark(c.reviewed, c.outdated)
            if not self._as_drafted(c):
                out.append((c.text, mark))  # a person's sentence, as written
                continue
            # drafted, or accepted as drafted (a whole section accepted): worded and joined as the
            # draft was, so accepting what the chapter printed leaves it as it read (the accepted
            # sentences stood apart, in the stored order, without the draft's "ook")
            if c.kind == "codes":
                continue  # two opposing codes are not a difference between regions: the theme's lead says it
            if c.kind == "attribute" and len(c.counts) >= 2 and self.phrase(c.code):
                same = [j for j in range(i, len(contrasts)) if j not in done and self._joinable(c, contrasts[j])]
                if len(same) > 1:
                    done.update(same)
                    out.append((self._joined([contrasts[j] for j in same]), mark))
                    continue
            out.append((self.text(c), mark))
        return out

    def _as_drafted(self, c: Contrast) -> bool:
        """A contrast the report words from its counts: a draft, or one accepted as drafted (its
        sentence what the draft said, with or without the counts)."""
        if not c.counts:
            return False
        if not c.reviewed or c.as_drafted or c.text == self.text(c):  # (accepted before as_drafted was kept: alike)
            return True
        numbers, self.numbers = self.numbers, True  # (a chapter without counts: the sentence as accepted)
        try:
            return c.text == self.text(c)
        finally:
            self.numbers = numbers

    def shown(self, c: Contrast) -> bool:
        """Whether the chapter prints a reviewed contrast: not one accepted as drafted between two
        codes, whose "both" the theme's lead says already (with today's count)."""
        return not (c.reviewed and c.kind == "codes" and self._as_drafted(c))

    def _joinable(self, c: Contrast, other: Contrast) -> bool:
        return (other.kind == "attribute" and bool(other.text) and len(other.counts) >= 2
                and (other.reviewed, other.outdated) == (c.reviewed, c.outdated) and self._as_drafted(other)
                and _heads(other) == _heads(c) and bool(self.phrase(other.code)))

    def _head(self, c: Contrast) -> str:
        """Every group at the top share, not only the first of a tie ("in alle krimpregio's en alle
        stedelijke regio's")."""
        names = [self._group(v, n, of) for v, n, of in _heads(c)]
        return join_words(names, self.lang)

    def _joined(self, cs: Sequence[Contrast]) -> str:
        """ "In alle krimpregio's wijst men op …, tegenover een deel van de gemengde regio's (2 van
        5). In alle krimpregio's wil men ook … behouden, tegenover een enkele gemengde regio." The
        comparison stays in the sentence, not in brackets; the leading group is named
        again ("daar" read as the group named last)."""
        nl = self.lang == "nl"
        out = []
        for i, c in enumerate(cs):
            lv, ln, lof = c.counts[-1]
            phrase, versus = self.phrase(c.code), self._versus(lv, ln, lof)
            if i == 0:
                out.append(f"In {self._head(c)} {phrase}, {versus}." if nl else f"In {self._head(c)}, {phrase}, {versus}.")
            else:  # the group named again: "daar" read as the group named last, the other one
                out.append(f"In {self._head(c)} {with_ook(phrase)}, {versus}." if nl
                           else f"In {self._head(c)}, {phrase} as well, {versus}.")
        return " ".join(out)

    def text(self, c: Contrast) -> str:
        if c.kind == "attribute" and len(c.counts) >= 2:
            return self._attribute(c)
        if c.kind == "codes" and len(c.counts) == 4:
            return self._codes(c)
        return c.text

    def _attribute(self, c: Contrast) -> str:
        lv, ln, lof = c.counts[-1]
        hi = self._head(c)
        phrase = self.phrase(c.code)
        nl = self.lang == "nl"
        if phrase:  # "…, tegenover de helft van de krimpregio's (2 van 4)"
            tail = self._versus(lv, ln, lof)
            return f"In {hi} {phrase}, {tail}." if nl else f"In {hi}, {phrase}, {tail}."
        name = self.label(c.code)
        return (f"{name} komt aan de orde in {hi}, " if nl else f"{name} comes up in {hi}, ") + f"{self._versus(lv, ln, lof)}."

    def _codes(self, c: Contrast) -> str:
        """Two opposing codes: where both views come up. The facets' own sentences gave how many
        regions say each; a count of the regions that say only one ("11 van 19") would read as
        contradicting them ("16 van 19"), so only the overlap is counted here."""
        (_a, _only_a, total), _b, (_c, both, _t2), _neither = c.counts
        nl = self.lang == "nl"
        a, b = self.label(c.code), mid_sentence(self.label(c.other))
        if not both:
            return (f"{a} en {b} komen in geen enkele regio samen voor." if nl
                    else f"{a} and {b} come up together in no region.")
        unit = ("regio", "regio's") if nl else ("region", "regions")
        w = self.wording(both, total)
        where = in_units(w, self.lang, unit) + (count_note(both, total, w, self.lang) if self.numbers else "")
        where = where[0].upper() + where[1:]
        pa, pb = self.phrase(c.code), self.phrase(c.other)
        if pa and pb:  # "In een aantal regio's (5 van 19) komen beide beelden naar voren: daar …"
            if nl:
                return f"{where} komen beide beelden naar voren: daar {pa} en {with_ook(pb)}."
            return f"{where}, both views come up: {pa}, and {pb} as well."
        return (f"{where} komen {mid_sentence(a)} en {b} allebei naar voren."
                if nl else f"{where}, both {a} and {b} come up.")


def _heads(c: Contrast) -> tuple[tuple, ...]:
    """The groups of an attribute contrast at the top share (its counts come sorted by share)."""
    _v, n, of = c.counts[0]
    return tuple(g for g in c.counts if g[1] * of == n * g[2])


def contrast_writer_for(ws: Project, lang: str, numbers: bool, word, label, lm) -> ContrastWriter:
    """The chapter's ContrastWriter for a project: the codebook's summary phrases (English ones
    for ``lang="en"``) and the attribute values' labels."""
    phrases = summary_phrases(ws, lang)
    return ContrastWriter(lang, numbers, word, label, lambda path: phrases.get(path, ""), lambda v: lm.value(v))


def summary_phrases(ws: Project, lang: str) -> dict[str, str]:
    """Code path -> its summary phrase in ``lang`` (the codebook's ``summary``, or ``summary_en``), for
    the codes that have one."""
    sums = ws.store.summaries
    paths = {c.id: c.path for c in ws.store.codes.tree(with_counts=False)}
    by_id = ({i: f[0] for i, f in sums.code_fields().items()} if lang == "nl" else sums.code_summaries_en())
    return {paths[i]: p for i, p in by_id.items() if p and i in paths}


def group_sizes(small: list[tuple[str, int]], lm, lang: str, anon, regions: Mapping[str, int] | None = None) -> str:
    """"de krimpregio's (twee interviews) en de stedelijke regio (één interview)"; a value whose
    words name no kind of region as it is: "stedelijk (één interview)". ``regions``: value (folded) -> its
    number of regions, where it is known: one region interviewed twice is "de eilandregio (twee interviews)"."""
    def name(v: str, t: int) -> str:
        label = lm.value(v)
        one = (regions or {}).get(str(v).casefold(), t) == 1
        group = region_group_one(v, lang, article=False, label=label) if one else region_group(v, lang, label)
        return f"{'de' if lang == 'nl' else 'the'} {group}" if group else anon(label)
    return join_words([f"{name(v, t)} ({count_word(t, lang)} {'interview' if t == 1 else 'interviews'})"
                       for v, t in small], lang)


GROUPS = {"nl": ("De verschillen tussen regio's zijn beschreven naar {attr}: {groups}{small}. ",
                 "; {groups} is te klein om apart te vergelijken en telt alleen mee in het geheel",
                 "; {groups} zijn te klein om apart te vergelijken en tellen alleen mee in het geheel",
                 ("; {ook}{n} interview zonder {attr} telt alleen mee in het geheel",
                  "; {ook}{n} interviews zonder {attr} tellen alleen mee in het geheel")),
          "en": ("Differences between regions are described by {attr}: {groups}{small}. ",
                 "; {groups} is too small to compare on its own and is included only in the overall figures",
                 "; {groups} are too small to compare on their own and are included only in the overall figures",
                 ("; {n} interview without a {attr} is included only in the overall figures",
                  "; {n} interviews without a {attr} are included only in the overall figures",
                  "; so is {n} interview without a {attr}", "; so are {n} interviews without a {attr}"))}


def groups_sentence(lang: str, attr: str, groups: list[tuple[str, int]], small: list[tuple[str, int]], lm,
                    anon, unset: int = 0, counted: tuple[Any, str, Collection[int] | None] | None = None) -> str:
    """The method's sentence on the groups the differences compare ("naar regiotype: de gemengde
    regio's (vijf interviews), …"; a reader met "gemengde regio's" unexplained), the groups too
    small to ("de eilandregio (één interview) is te klein …": 5 + 4 + 4 + 5 read as eighteen
    interviews) and the ``unset`` interviews without the attribute (the groups added up to 18 of 19);
    "" without groups. ``counted``: (the interviews' attributes, the attribute, the chapter's part), for each
    group's number of regions (``domain.regions.regions_in_groups``)."""
    if not groups:
        return ""
    from sto_qual.domain.regions import regions_in_groups
    regions = regions_in_groups(*counted) if counted else None
    whole, one, several, none = GROUPS[lang]
    few = (several if len(small) > 1 else one).format(groups=group_sizes(small, lm, lang, anon, regions)) if small \
        else ""
    # after a group too small, "ook" ("so is …"): the same words twice read as a slip
    said = none[(unset > 1) + (2 if small and lang == "en" else 0)]
    few += said.format(n=count_word(unset, lang), attr=attr, ook="ook " if small else "") if unset else ""
    return whole.format(attr=attr, groups=group_sizes(groups, lm, lang, anon, regions), small=few)


def no_main_warning(attrs: dict[int, dict[str, Any]], main: str, unset: Sequence[str] | None = None,
                    n_docs: int = 0, compared: Collection[int] | None = ()) -> list[str]:
    """A warning when no interview has the attribute the chapter compares by (``region_type``
    unless the project names another): the chapter then has no table and no difference by group,
    and nothing said so (a project with its own "regiotype" lost them unsaid); and when some of the
    chapter's interviews have none (``unset``): counted in the whole, in no group (the method's
    groups added up to 18 beside "alle regio's (N=19)", unsaid); and when the groups the chapter's differences
    compare (of ``compared``, None: every interview; none: it compares none) set a region beside itself
    (``main_attribute ronde``: the same regions a year apart, worded as "regio's met 2023-2024")."""
    from sto_qual.domain.regions import regions_across
    across = regions_across(attrs, main, compared)
    remedy = ("give each region's interviews one region type (`sto-qual attribute NAME region_type=VALUE`)"
              if main == "region_type" else f"a round is compared by `stats --by {main} --wide`; `sto-qual "
              "report-settings main_attribute --clear` compares by region type")
    out = [f"the chapter compares groups by '{main}', and {plural(len(across), 'region')} ({', '.join(across[:6])}"
           f"{' …' if len(across) > 6 else ''}) {'is' if len(across) == 1 else 'are'} in more than one of them: its "
           f"differences between regions then set a region beside itself ({remedy})"] if across else []
    return out + _no_main(attrs, main, unset, n_docs)


def _no_main(attrs: dict[int, dict[str, Any]], main: str, unset: Sequence[str] | None, n_docs: int) -> list[str]:
    if unset:
        one = len(unset) == 1
        return [f"{len(unset)} of the chapter's {n_docs} interviews {'has' if one else 'have'} no '{main}' "
                f"({', '.join(unset[:6])}{' …' if len(unset) > 6 else ''}): counted in the figures over all of "
                f"them, in no group, so the groups add up to {n_docs - len(unset)} (the method says so); "
                f"`sto-qual attribute {shlex.quote(unset[0])} {main}=VALUE` gives {'it' if one else 'each'} one"]
    if not attrs or any(main in a for a in attrs.values()):
        return []
    from sto_qual.domain.names import closest_name
    keys = sorted({k for a in attrs.values() for k in a})
    near = closest_name(main, keys)
    return [f"no interview has the attribute '{main}' the chapter compares by, so it has no table or difference "
            f"between groups; `sto-qual report-settings main_attribute {near or 'KEY'}` names another"
            + (f" (attributes: {', '.join(keys)})" if keys else "")]
