"""The Dutch frames of a theme's lead: what most regions say (the widespread sub-codes, grouped
by their frequency word, each with its count), how consistent the answers are, and where they
part (two opposing sub-codes, or a sub-code that says the opposite of its theme). Stdlib only;
``domain.drafting`` re-exports it with the point frames, ``domain.drafting_en`` has the English."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from sto_qual.domain.wording import all_of_part, count_note, frequency_wording, in_units, name_head, number_word


def mid_sentence(label: str) -> str:
    """A label as a word mid-sentence: "Docententekort" -> "docententekort"; "ROC …" (two capitals)
    stays as it is."""
    return label if (label[:2].isupper() or not label) else label[0].lower() + label[1:]


def regions_phrase(wording: str, n: int, total: int) -> str:
    """ "de meeste regio's (15 van 19)"; "alle regio's" and "een enkele regio" without the
    count: the report's own phrase (``wording.in_units``) and count note, without "in". All of one
    or two interviews is "de regio", "beide regio's" (``wording.all_of_part``, as the chapter says
    it: `summary show` said "In alle regio's" of one interview where the chapter said "In de regio")."""
    return all_of_few(n, total) or in_units(wording).removeprefix("in ") + count_note(n, total, wording)


def all_of_few(n: int, total: int, lang: str = "nl") -> str:
    """ "de regio", "beide regio's" (the region, both regions) for all of one or two interviews; else ""."""
    if n == total and total in (1, 2):
        return all_of_part("alle regio's" if lang == "nl" else "all regions", lang, total)
    return ""


def lead_sentence(phrase: str, wording: str, n: int, total: int) -> str:
    """One lead sentence: "In de meeste regio's (15 van de 19) noemt men het docententekort."
    ``phrase`` is the codebook's summary phrase, written to follow "In … regio's"."""
    p = phrase.strip().rstrip(".")
    return f"In {regions_phrase(wording, n, total)} {p}."


def fallback_phrase(label: str) -> str:
    """The plain phrase when the codebook gives none: "spreekt men over ‘docententekort’". The
    label is a name in quote marks ("over het docententekort" would need the noun's article), and
    the verb goes with "men", whatever the label's number ("komt ‘stages en leerbanen’ ter sprake"
    made a plural topic singular)."""
    return f"spreekt men over ‘{mid_sentence(label)}’"


def join_words(words: Sequence[str], conjunction: str = "en") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


class Part(NamedTuple):
    """A sub-code as a theme's lead sees it (a plain ``(name, regions)`` tuple is one too)."""
    name: str              # how the lead names it: its topic (a noun phrase), else its label
    regions: int           # the regions whose interviews have it
    key: str = ""          # its code path: which side of an ``Opposed`` pair it is
    phrase: str = ""       # its summary phrase, read after "In de meeste regio's"
    against: bool = False  # it says the opposite of its theme (the codebook contrasts it with the theme)


class Opposed(NamedTuple):
    """A pair of opposing sub-codes (declared in the codebook) with the regions of each and of
    both: what a theme's lead says when the answers differ on them. The sides are named as the
    lead names every sub-code (topic, else label): "wijst men op de regie die het vmbo in de
    praktijk voert" says what the regions say; the codes' phrases ("heeft het vmbo de regierol in
    de praktijk genomen") would state both sides as facts, which the regions that name both
    contradict."""
    label: str
    regions: int
    other: str
    other_regions: int
    both: int              # regions that name both
    both_wording: str = ""  # the frequency word for ``both`` ("een paar", "de meeste")
    wording: str = ""       # ... for ``regions`` and ``other_regions`` (else the default tiers)
    other_wording: str = ""
    key: str = ""           # the code paths of the two sides (else the names match them)
    other_key: str = ""


def split_view(opposed: Sequence[Opposed], n: int) -> Opposed | None:
    """The pair of opposing sub-codes that both come up in at least a third of the theme's
    ``n`` regions — the point on which the answers differ — or None."""
    both = [o for o in opposed if min(o.regions, o.other_regions) * 3 >= n]
    return max(both, key=lambda o: (min(o.regions, o.other_regions), o.label), default=None)


def split_overlap(split: Opposed | None, n: int) -> str:
    """How the opposing pair sits in the theme's ``n`` regions: "apart" when no region names
    both; "some" when some do; "many" when more than a third of the regions name both (13 of
    19: that is tension within regions, not regions that differ). Exactly a third (5 of 15) is
    "some": the sentence then says each side's share first (a writer found "In een deel van de
    regio's (5 van 15) komen beide beelden naar voren" with neither view introduced)."""
    if not split or split.both <= 0:
        return "apart"
    return "many" if split.both * 3 > n else "some"


# a theme that comes up in fewer regions gets no sentence on how consistent the answers are
# ("twee onderwerpen komen in de meeste van die regio's terug, namelijk docententekort (1 van 2)")
MIN_CONSISTENCY = 3
# below this many regions the answers are not called consistent ("De antwoorden lopen weinig
# uiteen" over four interviews claimed more than four interviews can show)
MIN_CONSISTENT_CLAIM = 6
# the common view names at most this many sub-codes ("onder meer" when more are that common)
MAX_NAMED = 4


class LeadPlan(NamedTuple):
    """What a theme's lead says, in either language (``lead_plan``)."""
    common: list[Part]       # the common view: widespread sub-codes, widest first (at most MAX_NAMED)
    more: bool               # more sub-codes are that widespread than are named
    consistent: bool         # the answers may be called consistent
    split: Opposed | None    # the opposing pair the answers differ on
    against: list[Part]      # widespread sub-codes that say the opposite of the theme
    frequent: list[Part]     # no sub-code is widespread: the two most frequent
    keep_theme: bool         # the theme's own sentence stays: not every region speaks of it


def _is_side(p: Part, split: Opposed | None) -> bool:
    if split is None:
        return False
    if p.key and split.key and split.other_key:
        return p.key in (split.key, split.other_key)
    return p.name in (split.label, split.other)


def most_frequent(ps: Sequence[Part], most: int = 2, at_most: int = 4) -> list[Part]:
    """The ``most`` most frequent topics (``ps`` by prevalence), and those as frequent as the last
    of them ("het vaakst … het docententekort (2 van 4) en de krimp (2 van 4)" left out a third topic
    of 2 van 4); a tie of more than ``at_most`` names only the top count, or none; a topic of one
    region is no "het vaakst"."""
    ps = [p for p in ps if p.regions > 1]
    if not ps:
        return []
    tied = [p for p in ps if p.regions >= ps[min(most, len(ps)) - 1].regions]
    if len(tied) > at_most:
        tied = [p for p in ps if p.regions == ps[0].regions]
    return tied if len(tied) <= at_most else []


def lead_plan(parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed] = (),
              by_group: bool = False) -> LeadPlan:
    """The rules of a theme's lead. Widespread: a sub-code in at least two thirds of the ``n``
    regions that speak of the theme. The common view names the widespread sub-codes except the
    two sides of the pair the answers differ on (``split_view``, said in a sentence of their
    own) and those that say the opposite of the theme (``Part.against``): one of those in a
    third of the regions or more is said as such, and then, as with a split, the answers are
    not called consistent. Without a widespread sub-code the most frequent are named (``most_frequent``)."""
    ps = [p if isinstance(p, Part) else Part(*p) for p in parts]
    split = split_view(opposed, n)
    strong = [p for p in ps if p.regions * 3 >= n * 2]
    frequent = [] if strong else most_frequent(ps)
    against = [p for p in ps if p.against and p.regions * 3 >= n and not _is_side(p, split) and p not in frequent]
    named = [p for p in strong if not p.against and not _is_side(p, split)]
    return LeadPlan(named[:MAX_NAMED], len(named) > MAX_NAMED,
                    bool(strong) and split is None and not against and not by_group and n >= MIN_CONSISTENT_CLAIM,
                    split, against, frequent, n < total)


def theme_lead(lead: str, parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed] = (),
               wording: Callable[[int, int], str] | None = None, by_group: bool = False) -> str:
    """The theme's lead: the common view first, and how consistent the answers are. "De
    antwoorden lopen weinig uiteen: in alle regio's noemt men de ontwikkeling van de urgentie
    sinds de start, in de meeste regio's ook het docententekort (15 van 19) en de krapte op de
    technische arbeidsmarkt (13 van 19)." Each frequency word goes with its own count (the
    project's tiers, ``wording``). ``lead`` is the theme's own sentence ("In alle regio's
    bespreekt men of …"): every interview was asked about the theme, so in all regions it says
    nothing and is left out, unless the lead would open on where the answers part (a split, no
    widespread topic): then it opens, as the view the regions share; in part of them it says how
    many and stays. It is all there is
    for a theme without sub-codes or in fewer than three regions. ``parts``: the sub-codes by
    prevalence (``Part``, or ``(topic or label, regions)``); ``opposed``: the codebook's
    opposing pairs. A pair on which the answers differ: "Op één punt lopen de antwoorden uiteen:
    in de meeste regio's (15 van 19) wijst men op …, in een deel van de regio's (7 van 19) op …;
    een aantal regio's (3 van 19) noemt beide." A sub-code that says the opposite of the theme:
    "Daar staat tegenover: in de meeste regio's (14 van 19) werkt men nog grotendeels
    ieder voor zich." Without a widespread sub-code: "De antwoorden lopen uiteen: geen onderwerp
    komt in twee derde of meer van de regio's terug; het vaakst gaat het om …". ``by_group``: the
    answers differ between groups of regions (the section's differences): they are not called
    consistent either ("weinig uiteen" beside four differences read as a contradiction)."""
    return render_lead(lead, parts, n, total, opposed, wording, DUTCH, by_group)


class LeadWords(NamedTuple):
    """One language's words for a theme's lead (``render_lead``): the rule is one, the words two."""
    conjunction: str     # "en"
    vary: str            # "De antwoorden lopen weinig uiteen"
    vary_part: str       # the same after the theme's own sentence (part of the regions)
    regions: str         # "de regio's"
    regions_part: str    # "die regio's"
    frequent: str        # no widespread topic: {share} of the regions, {said} (and {verb}: is/are)
    count: str           # "({n} van {total})"
    against_sep: str     # between the regions and what they say
    not_uniform: str     # "Daar staat tegenover: {said}."
    regions_phrase: Callable[[str, int, int], str]
    fallback: Callable[[str], str]
    common: Callable[..., str]
    split: Callable[..., str]
    lang: str = "nl"
    thirds: str = "twee derde of meer van {those}"  # the share no topic reaches ("twee derde van de regio's": as
    # if none came up in exactly two thirds, a writer read "vier van de vijf" so)
    k_of: str = "{k} of meer van {those}"        # the same over a few regions, counted
    counted: tuple[str, str] = ("de {n} regio's", "die {n} regio's")  # all regions, those of the theme


def render_lead(lead: str, parts: Sequence[Part | tuple], n: int, total: int, opposed: Sequence[Opposed],
                wording: Callable[[int, int], str] | None, w: LeadWords, by_group: bool = False) -> str:
    """``theme_lead`` in the words ``w`` (Dutch here, English in ``drafting_en``)."""
    if not parts or n < MIN_CONSISTENCY:  # how consistent answers are is no question below three regions
        return lead
    word = wording or frequency_wording
    plan = lead_plan(parts, n, total, opposed, by_group)
    marked = sets_off(plan.common + plan.frequent, w.conjunction)
    # the point the answers part on is wider than every common topic: it opens ("Op één punt …")
    # and the common topics follow ("… noemt men ook …"), so the theme does not open with a side issue
    split_said = bool(plan.split and plan.common and max(plan.split.regions, plan.split.other_regions)
                      > max(p.regions for p in plan.common))
    # a lead that would open on where the answers part (a split, or no topic widespread) opens with
    # the theme's own sentence even in all regions: what every region spoke of is the common view
    # ("Op één punt lopen de antwoorden uiteen" opened the funding section, which never said that
    # all nineteen regions spoke of the uncertainty)
    apart = split_said or (not plan.common and bool(plan.frequent or plan.split))
    out = [f"{lead.strip().rstrip('.')}."] if plan.keep_theme or apart else []
    if split_said:
        out.append(w.split(plan.split, n, total, word, intro=True))
    # one topic and nothing said of it beyond its count: the facet that follows says the same ("In de
    # meeste regio's noemt men de belemmeringen (3 van 4)." twice over): the theme's own sentence opens
    alone = len(plan.common) == 1 and not (plan.consistent or plan.split or plan.against or plan.frequent)
    if plan.common and not alone:
        view = w.common(plan, total, word, marked, also=split_said)
        # after the theme's own sentence (part of the regions) the answers are those regions'
        vary = w.vary_part if plan.keep_theme else w.vary
        out.append(f"{vary}: {view}." if plan.consistent else f"{cap_first(view)}.")
    elif plan.frequent:
        said = join_words([f"{list_name(p.name, marked)} " + w.count.format(n=p.regions, total=total)
                           for p in plan.frequent], w.conjunction)
        if n < MIN_CONSISTENT_CLAIM:  # of four regions, "drie van de vier regio's": no thirds
            counted = w.counted[plan.keep_theme].format(n=number_word(n, w.lang))
            share = w.k_of.format(k=number_word(-(-2 * n // 3), w.lang), those=counted)
        else:
            share = w.thirds.format(those=w.regions_part if plan.keep_theme else w.regions)
        out.append(w.frequent.format(share=share, said=said, verb="is" if len(plan.frequent) == 1 else "are"))
    if plan.split and not split_said:
        out.append(w.split(plan.split, n, total, word, intro=not plan.frequent))
    if plan.against:
        said = "; ".join(f"in {w.regions_phrase(word(p.regions, total), p.regions, total)}{w.against_sep}"
                         f"{(p.phrase or w.fallback(p.name)).strip().rstrip('.')}" for p in plan.against)
        out.append(w.not_uniform.format(said=said) if plan.common and not plan.split else f"{cap_first(said)}.")
    # every region speaks of the theme, each sub-code in one only: nothing more to say than the
    # theme's own sentence (the lead was empty: a blank paragraph under the theme's heading)
    return " ".join(out) or lead

def cap_first(s: str) -> str:
    """A clause as a sentence: its first letter upper case ("in alle regio's …" -> "In alle …")."""
    return s[:1].upper() + s[1:]


def sets_off(parts: Sequence[Part], conjunction: str) -> bool:
    """A name that holds the conjunction itself ("krimp en leerlingaantallen", "de kwaliteit en
    vernieuwing van de lessen") makes a list of names ambiguous: then every one is set off."""
    return any(f" {conjunction} " in f" {p.name.lower()} " for p in parts)


def list_name(name: str, marked: bool) -> str:
    """A sub-code's name in a lead's list: mid-sentence, set off in quotes when ``marked``."""
    return f"‘{mid_sentence(name)}’" if marked and not name.startswith("‘") else mid_sentence(name)


def tier_groups(parts: Sequence[Part], total: int, word: Callable[[int, int], str]) -> list[tuple[str, list[Part]]]:
    """The parts grouped by their frequency word, in order: [("alle", [A]), ("de meeste", [B, C])]."""
    groups: list[tuple[str, list[Part]]] = []
    for p in parts:
        w = word(p.regions, total)
        if groups and groups[-1][0] == w:
            groups[-1][1].append(p)
        else:
            groups.append((w, [p]))
    return groups


def without_said_tail(name: str, before: Sequence[str]) -> str:
    """``name`` without a closing phrase a name before it in the same list ended with: "de
    belemmeringen voor de regierol, … ook de succesfactoren voor de regierol" said "voor de
    regierol" twice; the second is "de succesfactoren" (``count_repeated`` finds it so)."""
    head = name_head(name)
    tail = name[len(head):]
    return head if head != name and any(b.endswith(tail) and b != name for b in before) else name


def _common_nl(plan: LeadPlan, total: int, word: Callable[[int, int], str], marked: bool, also: bool = False) -> str:
    """ "in alle regio's noemt men A, in vrijwel alle regio's ook B (17 van 19), en in de meeste
    regio's C (15 van 19) en D (14 van 19)": each group of names after its own frequency word."""
    said = []
    listed: list[str] = []
    for i, (w, ps) in enumerate(tier_groups(plan.common, total, word)):
        shown = []
        for p in ps:
            name = list_name(p.name, marked)
            shown.append(without_said_tail(name, listed) if not marked else name)
            listed.append(list_name(p.name, marked))
        names = join_words([f"{name}{count_note(p.regions, total, w)}" for name, p in zip(shown, ps)])
        if i == 0:
            said.append(f"{in_units(w)} noemt men {'ook ' if also else ''}{'onder meer ' if plan.more else ''}{names}")
        else:
            said.append(f"{in_units(w)} ook {names}" if i == 1 else f"en {in_units(w)} {names}")
    return ", ".join(said)


# after "een aantal regio's", "een deel van de regio's" … the verb is singular: "noemt beide"
SINGULAR = frozenset({"een aantal", "een deel", "de helft", "meer dan de helft", "de meerderheid", "een enkele"})


def _split_nl(split: Opposed, n: int, total: int, word: Callable[[int, int], str], intro: bool = True) -> str:
    """The sentence on the opposing pair: what each side's regions point to (as the regions say
    it, never two facts that contradict for the regions that name both) and how many name both."""
    a, b = mid_sentence(split.label), mid_sentence(split.other)
    if split_overlap(split, n) == "many":  # tension within regions: the regions where both come up
        bw = split.both_wording or word(split.both, total)
        return (f"In {regions_phrase(bw, split.both, total)} komen beide beelden naar voren: daar wijst men zowel "
                f"op {a} als op {b}.")
    wa = split.wording or word(split.regions, total)
    wb = split.other_wording or word(split.other_regions, total)
    said = (f"in {regions_phrase(wa, split.regions, total)} wijst men op {a}, "
            f"in {regions_phrase(wb, split.other_regions, total)} op {b}")
    if split.both:
        bw = split.both_wording or word(split.both, total)
        said += f"; {regions_phrase(bw, split.both, total)} {'noemt' if bw in SINGULAR else 'noemen'} beide"
    return (f"Op één punt lopen de antwoorden uiteen: {said}." if intro
            else f"Twee beelden staan tegenover elkaar: {said}.")


DUTCH = LeadWords("en", "De antwoorden lopen weinig uiteen", "De antwoorden van die regio's lopen weinig uiteen",
                  "de regio's", "die regio's",
                  "De antwoorden lopen uiteen: geen onderwerp komt in {share} terug; het vaakst gaat het om {said}.", "({n} van {total})", " ", "Daar staat tegenover: {said}.",
                  regions_phrase, fallback_phrase, _common_nl, _split_nl)
