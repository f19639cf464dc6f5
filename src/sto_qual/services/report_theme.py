"""A theme section laid out as the chapter's prose (DOMAIN.md, "How the report speaks"): the
common view first, then one paragraph per facet (sub-code) — how widely it came up, the
sentences of its key points, one or two quotes — widest first, remarks on the theme as a
whole last."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import ancestors
from sto_qual.domain.drafting import POINT_FRAMES
from sto_qual.domain.drafting_en import is_example
from sto_qual.domain.identifying import names_person
from sto_qual.domain.quote_selection import Point, content_words, says_the_same_briefly
from sto_qual.domain.quote_standing import split_sentences
from sto_qual.domain.synthesis import SummaryPoint, ThemeSummary
from sto_qual.domain.text import clip_words, plural

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.project import Project


@dataclass(frozen=True)
class Facet:
    code: str                       # the sub-code (or the theme itself, for remarks on it)
    lead: str = ""                  # its lead sentence ("In de meeste regio's … noemt men …")
    points: tuple[SummaryPoint, ...] = ()
    hers: bool = False              # a person wrote the lead sentence: printed as she wrote it, count and all


def facets_of(summary: ThemeSummary, top: str, children: Sequence[str],
              docs_of: Callable[[str], int]) -> tuple[list[str], list[Facet]]:
    """(opening sentences, facets) of a summary. ``children`` are the theme's sub-codes by
    prevalence (the order the synthesis writes its lead sentences in: the theme's own sentence
    first when any passage carries it). When the lead sentences do not line up with them (a
    stored summary from other counts), they all open the section and facets have none. The
    synthesis names the code of each lead sentence (``lead_codes``); a summary stored without
    them is matched by that order."""
    by_code: dict[str, list[SummaryPoint]] = {}
    for sp in summary.points:
        by_code.setdefault("/".join(sp.code.split("/")[:2]), []).append(sp)
    present = [c for c in children if docs_of(c)]
    expected = ([top] if docs_of(top) else []) + present
    leads = list(summary.lead)
    lead_for: dict[str, str] = {}
    opening: list[str] = []
    codes = list(summary.lead_codes)
    if len(codes) == len(leads) and leads:
        lead_for = {"/".join(c.split("/")[:2]): s for c, s in zip(codes, leads)}
        if top in lead_for:
            opening.append(lead_for.pop(top))
    elif len(leads) == len(expected) and len(present) == len(leads) - (1 if docs_of(top) else 0):
        lead_for = dict(zip(expected, leads))
        if top in lead_for:
            opening.append(lead_for.pop(top))
    else:
        opening = leads
    order = [c for c in present] + [c for c in by_code if c not in present and c != top]
    flat = not present and bool(docs_of(top))  # a theme without sub-codes: its passages are its one facet
    if top in by_code or flat:
        order.append(top)  # remarks on the theme as a whole come after its facets
    hers = {s for s, e in zip(leads, summary.lead_edited) if e}
    facets = [Facet(code=c, lead=lead_for.get(c, ""), points=tuple(by_code.get(c, ())), hers=lead_for.get(c) in hers)
              for c in order]
    # an empty lead sentence (a draft stored before the theme's own sentence was kept there) is no
    # paragraph: it printed blank under the theme's heading
    return [s for s in opening if s.strip()], [f for f in facets if f.lead or f.points or (flat and f.code == top)]


def retold_gone(ws, facets: Sequence[Facet]) -> set[int]:
    """The codings examples of these facets retell that the project no longer holds (their
    interview deleted, a consent withdrawn), or that no longer hold the sentence retold (a coder trimmed it off: the
    example was printed, only marked, where one uncoded was left out): the chapter prints no such example."""
    told = {sp.references[0]: sp.evidence for f in facets for sp in f.points if sp.references and is_example(sp.text)}
    held = ws.store.codings.present(told)
    rows, anon = {i: ws.store.codings.row(i) for i in held if told[i].strip()}, ws.anonymiser()
    texts = {i: " ".join(ws.session.text(r["document_id"])[r["start"]:r["end"]].split()) for i, r in rows.items()}
    # (the sentence as the facet holds it: verbatim, or with the names replaced as the chapter's facets do)
    return set(told) - held | {i for i, t in texts.items()
                               if not any(" ".join(told[i].split()) in x for x in (t, anon(t)))}


def without_gone(summary: ThemeSummary, gone: set[int]) -> ThemeSummary:
    """``summary`` without the examples the chapter leaves out for retelling a passage gone since (``retold_gone``):
    the note on yellow sentences counted one, and promised a yellow the chapter did not print."""
    return replace(summary, points=[p for p in summary.points if not retells_gone(p, gone)])


def retells_gone(sp: SummaryPoint, gone: set[int]) -> bool:
    """The point is an example retelling a passage gone since (``retold_gone``): the chapter does not print it."""
    return bool(sp.references) and sp.references[0] in gone and is_example(sp.text)


def dutch_examples(theme: str, facets: Sequence[Facet]) -> list[tuple[str, str, int]]:
    """(theme, example, its coding) of the examples the Dutch chapter retells, for the English
    one, which retells none: its appendix printed those passages with a role, and published
    beside the Dutch chapter the two tied each anonymous example to a role."""
    return [(theme, sp.text.partition(": ")[2] or sp.text, sp.references[0]) for f in facets for sp in f.points
            if sp.references and is_example(sp.text)]


def is_unspoken(sp: SummaryPoint) -> bool:
    """A drafted point without a sentence: only the words its passages share (its lemmas), which
    the chapter never prints as a finding. A point a person stored without text but with a label
    ("men ging hoe dan ook door") has no lemmas and is printed by its label."""
    return not sp.text.strip() and bool(sp.lemmas)


def quote_points(facets: Sequence[Facet], left_out: Sequence[SummaryPoint] = ()) -> list[Point]:
    """One quote per facet (DOMAIN: "a few short ones"; a second beside a wide facet read as the
    same point made twice). The codings a point rests on are preferred, except a drafted point
    that already gives one region's example: it lends no preference, so the quote does not echo
    the example above it, and the codings of the points the text gives no example of come first
    (the quote is how such a point — "het ministerie denkt in kalenderjaren" — reaches the
    reader). Never a quote that says what a point already retells, nor what a point a person
    left out of the chapter said (``left_out``: a writer left out "men heeft één PIE-docent die
    straks met pensioen gaat" and found its passage quoted under the paragraph)."""
    gone = tuple(w for w in (said_words(sp.text) for sp in left_out) if w)
    return [Point(key=f.code, code=f.code, references=tuple(r for sp in sorted(f.points, key=lambda sp: bool(sp.text))
                                                            if not is_example(sp.text) for r in sp.references),
                  said=(*(w for w in (said_words(sp.text) for sp in f.points) if w), *gone))
            for f in facets]


# the frame of a point sentence ("In de meeste regio's noemt men …"): not what it says
_FRAME = frozenset({"regio", "meest", "helft", "dezel", "aanta", "enkel", "vrijw", "noemt", "stelt", "vertel",
                    "verte", "sprak", "spree", "ervar", "gaven", "geeft", "zegt", "legt", "paar"})


def said_words(text: str) -> frozenset[str]:
    """Content words of a point sentence without its frame; the retold part after a colon
    when it has one (the quote must not say that again)."""
    part = text.partition(": ")[2] or text
    return frozenset(w for w in content_words(part) if w not in _FRAME)


def quoted_in(quote: str, text: str) -> bool:
    """Whether ``text`` (a person's own text for a theme) already quotes a sentence of
    ``quote`` of four words or more: the chapter printed it a second time under her text."""
    flat = " ".join(re.findall(r"\w+", text.lower()))
    return bool(flat) and any(len(words) >= 4 and " ".join(words) in flat
                              for words in (re.findall(r"\w+", x.lower()) for x in split_sentences(quote)))


def gives_way(facets: Sequence[Facet], anon, left_out: Sequence[SummaryPoint] = (),
              picker: Any = None) -> Callable[[str, str, int], bool]:
    """Whether a quote (its point's code, its text as printed, its coding) gives way in a theme's
    text: an example a person accepted or wrote in its paragraph says the same (her words stand; the
    quote would say them again), or it is the passage a sentence she accepted or wrote retells (in
    her own words it says the same in other words: the passage under it, with a role, told whose
    example it was), or only a point she left out rests on it (its topic was back as the quote).
    Asked before the quotes are picked, so the next passage takes its place: a paragraph lost its
    only quote, while `quotes` said the passage was printed. ``picker``: the ``QuotePicker`` whose appendix
    leaves them out too."""
    kept = {f.code: [said_words(anon(sp.text)) for sp in f.points if sp.chosen and is_example(sp.text)]
            for f in facets}
    retold = {sp.references[0] for f in facets for sp in f.points if sp.chosen and sp.text and sp.references}
    resting = {r for f in facets for sp in f.points for r in sp.references}
    # ... and, whatever else rests on it, the passage a left-out example retold: the writer turned its words down
    # ("bij de open dagen stond men tegenover elkaar" came back word for word in the appendix)
    dropped = ({r for sp in left_out for r in sp.references} - resting) | {
        sp.references[0] for sp in left_out if sp.references and is_example(sp.text)}
    if picker is not None:  # nor in the appendix (``QuotePicker.appendix``): these, nor what her sentences retell
        picker.withheld |= dropped
        picker.own_said += [(sp.references, anon(sp.text), sp.code) for f in facets for sp in f.points
                            if sp.chosen and sp.text]

    def drop(code: str, text: str, coding: int) -> bool:
        return coding in retold or coding in dropped or any(
            says_the_same_briefly(w, content_words(text)) for w in kept.get(code, ()))
    return drop


def retold_by(sentences: Sequence[tuple[Sequence[int], str, str]], texts: dict[int, str]) -> set[int]:
    """Of each sentence a person wrote or accepted (references, text, code), the one passage among its
    references (``texts``: coding -> its words, those at hand) that it most likely retells: the one it
    shares most content words with, when it says the same. Only that one: a writer's "… namens alle
    negen besturen" took two other regions' starred passages out of the appendix as well."""
    out: set[int] = set()
    for refs, text, _code in sentences:
        words = said_words(text)
        scored = [(len(words & content_words(texts[r])), r) for r in refs if r in texts]
        hits, best = max(scored, default=(0, None))
        if best is not None and hits and says_the_same_briefly(words, content_words(texts[best])):
            out.add(best)
    return out


def role_words(labels) -> frozenset[str]:
    """The project's roles and their labels in every language (a ``LabelMap``), lower case:
    the placeholders that stand for a person ("[programmaleider]", "[board member]")."""
    return frozenset(w.lower() for k, v in labels.roles.items()
                     for w in (k, *(x for forms in v.values() for x in forms)))


def without_named_examples(summary: ThemeSummary | None, anon, roles: Collection[str]) -> ThemeSummary | None:
    """The summary without the retold examples that, once anonymised, name a person by a
    placeholder ("men heeft [programmaleider] uiteindelijk verlengd"): the chapter's own prose
    does not speak in brackets (a quote may). Such a point keeps no sentence, so its quote
    carries it (``is_unspoken``, ``quote_points``)."""
    if summary is None:
        return None
    points = without_examples(summary.points, lambda sp: names_person(anon(sp.text), roles))
    return summary if points == list(summary.points) else replace(summary, points=tuple(points))


def named_left_out(theme: str, summary: ThemeSummary | None, anon, roles: Collection[str]) -> list[str]:
    """Warnings for the reviewed examples ``without_named_examples`` leaves out of the chapter: a
    person accepted "… gaat nu alleen Harm, namens alle negen besturen" and the chapter printed its
    passage instead, unsaid."""
    return [f"{theme}: key point {i}, which a person reviewed, is left out of the chapter's text: with the names "
            f"replaced it names a person (“{clip_words(anon(sp.text), 90)}”), and the chapter's own sentences name "
            f"none; its passage is quoted instead (`sto-qual summary set --theme {theme} --point {i} TEXT` words it "
            "without the person)" for i, sp in enumerate(summary.points if summary else (), 1)
            if sp.reviewed and is_example(sp.text) and names_person(anon(sp.text), roles)]


def without_examples(points: Sequence[SummaryPoint], drop: Callable[[SummaryPoint], bool]) -> list[SummaryPoint]:
    """``points`` with the retold examples ``drop`` picks emptied (no sentence: a quote carries
    the point); a later example of the same paragraph takes the frame of the one before it
    ("Een andere regio: …" opens it as "Een regio vertelt: …")."""
    frames: dict[str, list[str]] = {}  # per paragraph (code): the frames of its examples, in order
    dropped: set[int] = set()
    for i, sp in enumerate(points):
        if is_example(sp.text):
            frames.setdefault(sp.code, []).append(sp.text.partition(": ")[0])
            if drop(sp):
                dropped.add(i)
    if not dropped:
        return list(points)
    seen: dict[str, int] = {}
    out = []
    for i, sp in enumerate(points):
        if i in dropped:
            out.append(replace(sp, text=""))
        elif is_example(sp.text):
            k = seen[sp.code] = seen.get(sp.code, -1) + 1
            said = sp.text.partition(": ")[2]
            frame = frames[sp.code][k]
            if "voorbeeld" in frame and "voorbeeld" in said.lower():  # "Een voorbeeld …: … bijvoorbeeld …"
                frame = POINT_FRAMES["first_plain"].partition(": ")[0]
            out.append(replace(sp, text=f"{frame}: {said}"))
        else:
            out.append(sp)
    return out


def reviewed_left_out(synthesis, themes: Sequence[str], english=None) -> list[str]:
    """The warning that a chapter on part of the interviews, drafted afresh over them, leaves out
    what a person wrote or accepted for ``themes`` (it speaks of every interview it was drafted
    over): it was left out unsaid. ``english``: the English sections (an English chapter), whose
    text speaks of every interview too (a chapter on the krimp regions printed "In most shrinking
    regions (16 of 19)" from one)."""
    kept = [t for t in themes if (lambda st: st[0] == "reviewed" or st[1])(synthesis.stored_theme_progress(t))]
    written = [t for t in themes if english is not None and english.get(t)]
    return ([f"the reviewed text of {', '.join(kept)} is not in this chapter: it speaks of all the interviews it was "
             "drafted over, and a chapter on part of them drafts afresh over those (`sto-qual summary show --theme "
             "T` shows it)"] if kept else []) + ([
        f"the English section of {', '.join(written)} is not in this chapter: it speaks of every interview, and a "
        "chapter on part of them drafts afresh over those (`sto-qual summary show --theme T --lang en` shows it)"]
        if written else [])


def held_themes(ws, options: dict) -> list[str]:
    """The themes a person accepted whole, in codebook order, when the chapter holds others too:
    their quotes are picked first (``ExportService.report_data``), so that an edit in another theme
    does not change them (a writer accepted a theme, edited an earlier one, and two of the accepted
    theme's six quotes were others in the next chapter). Only where the chapter prints the stored
    summaries (no ``where``, ``coder`` or given ``summaries``)."""
    if options.get("where") or options.get("coder") or options.get("summaries") is not None:
        return []
    rows = ws.store.summaries.themes()
    asked = options.get("codes")
    tops = [c for c in ws.store.codes.tree(with_counts=False) if "/" not in c.path
            and (asked is None or c.path in asked)]
    held = [c.path for c in tops if (rows.get(c.id) or {}).get("status") == "reviewed"]
    return held if len(held) < len(tops) else []


def _section(data, theme: str):
    """The chapter's (``ReportData``) section on ``theme``, or None."""
    return next((t for t in data.themes if t.path == theme), None)


def chapter_quotes(data, theme: str) -> list[dict[str, Any]]:
    """The quotes a chapter (``ReportData``) prints in a theme's text, paragraph by paragraph: its
    run-in label (the facet), the coding, the words as printed and how they are credited. A writer
    reviewing a theme in F9 could not see which quote would stand under a paragraph."""
    section = _section(data, theme)
    if section is None:
        return []
    return [{"paragraph": b.label, "id": q.id, "text": q.text, "attribution": q.attribution}
            for b in section.points for q in b.quotes]


def section_as_printed(data, theme: str) -> str | None:
    """A theme's text as the chapter (``ReportData``) prints it, for F9's Whole section to start from: its opening
    and each facet's paragraph, without run-in labels, quotes or the differences (printed under their own heading
    either way). The draft's lead sentences and points joined gave the counts the chapter leaves out where the
    opening gave them ("In de meeste regio's (15 van 19) …" twice), and saving it printed the repeats."""
    section = _section(data, theme)
    if section is None:
        return None
    return "\n\n".join([*section.opening, *(b.text for b in section.points if b.text)]) or None


def uncoded_themes_warning(ws: Project, sections: Sequence[Any], codes: Sequence[Any], docs_of: Callable[[str], int],
                           coder: str | None) -> list[str]:
    """The themes nobody coded in the chapter's interviews (a code added since, or one nobody
    used): their sections are a heading and one sentence, which the writer should know of; and the
    sub-codes under a theme that was coded that nobody coded anywhere: a row of "geen" in its table, read as a
    finding (one coded elsewhere, in other interviews than a --where keeps, is one), or that only coders other
    than the counted ``coder`` coded (a code split in two, its passages recoded by two colleagues so far)."""
    from sto_qual.domain.codebook import is_within
    anywhere = ws.store.codes.coding_counts()
    uncoded = [s.path for s in sections if not s.documents]
    # the rows of "geen" are a table's: a chapter with none (one or two interviews, no groups to compare) has no row
    coded = {s.path for s in sections if s.documents and s.tables}
    unused = [c.path for c in codes if c.parent in coded and not docs_of(c.path)]
    empty = [p for p in unused if not any(anywhere.get(d.id) for d in codes if is_within(d.path, p))]
    # (not of an agreed coding: there a sub-code left out was the meeting's decision)
    ask = coder is not None and coder not in ws.agreed.pairs()
    others = {p: Counter(c.coder for c in ws.store.codings.all(code_ids=[d.id for d in codes if is_within(d.path, p)],
                                                                 with_text=False))
              for p in unused if p not in empty and ask}
    others = {p: by for p, by in others.items() if by and coder not in by}
    one, single = len(uncoded) == 1, len(empty) == 1
    return ([f"{len(uncoded)} theme{'' if one else 's'} {'has' if one else 'have'} no coding in the chapter's "
             f"interviews: {', '.join(uncoded)}; {'its section says' if one else 'their sections say'} only that, "
             "with no table (code it, or leave it out with --codes)"] if uncoded else []) + (
        [f"{plural(len(empty), 'sub-code')} {'has' if single else 'have'} no coding in this project: "
         f"{', '.join(empty)}; {'its row' if single else 'their rows'} in the theme's table say{'s' * single} "
         "\"geen\" in every column, which a reader takes as a finding (code it first, if it is still to be coded)"]
        if empty else []) + [
        f"{p} is coded only by {', '.join(f'{name} ({n})' for name, n in by.most_common())}, not by {coder}, whose "
        "codings the chapter counts: its row in the theme's table says \"geen\" in every column (a code split in "
        f"two counts once {coder} has recoded its passages, `sto-qual recode`)" for p, by in others.items()]


def without_placeholders(ws: Project, all_codes: Sequence[Code], tops: list[Code]) -> tuple[list[Code], list[str]]:
    """The chapter's themes without those that are names alone, no definition, no sub-code and no
    coding by anyone (a code `c` made by a slip, its coding undone: the chapter printed a section
    "Eilandsituatie … komt in geen van de regio's aan de orde" and its method counted five themes),
    and the paths of those left out (``placeholders_warning`` says them)."""
    counts = ws.store.codes.coding_counts()
    parents = {c.parent for c in all_codes if c.parent}
    empty = [c.path for c in tops
             if not (c.definition or "").strip() and c.path not in parents and not counts.get(c.id)]
    if not empty or len(empty) == len(tops):  # (a project of empty themes is said as such elsewhere)
        return tops, []
    return [c for c in tops if c.path not in empty], empty


def placeholders_warning(empty: Sequence[str]) -> list[str]:
    """The themes ``without_placeholders`` left out, and how to print or remove one."""
    if not empty:
        return []
    one = len(empty) == 1
    return [f"left out of the chapter: {', '.join(empty)}, {'a theme' if one else 'themes'} with no definition, no "
            f"sub-code and no coding (a name alone, as a slip of the code picker leaves one); a definition (`sto-qual "
            "code-edit CODE --definition TEXT`) or naming it in --codes prints it, `sto-qual code-delete CODE` removes "
            "it"]


def unlabelled(ws: Project, rows: list[dict], lang: str, fmt: str) -> list[str]:
    """An English quote file's headings (its rows' codes and their themes) by a Dutch label, as the chapter's
    (a table, CSV or JSON names codes by their paths)."""
    if lang != "en" or fmt not in ("md", "docx"):
        return []
    heads = {a for r in rows for p in r.get("codes") or [r["code"]] for a in ancestors(p)}
    return no_label_en([c.path for c in ws.codebook() if c.path in heads and not c.label_en])


def no_label_en(missing: Collection[str]) -> list[str]:
    """The codes an English chapter or quote file names by their Dutch label, marked [nl]."""
    if not missing:
        return []
    first, one = sorted(missing)[0], len(missing) == 1
    return [f"{plural(len(missing), 'code')} {'has' if one else 'have'} no label_en; {'its' if one else 'their'} "
            "Dutch label is used, marked [nl]: " + ", ".join(sorted(missing)[:8]) + (" …" if len(missing) > 8 else "")
            + f" (`sto-qual code-edit {first} --label-en LABEL` gives one)"]
