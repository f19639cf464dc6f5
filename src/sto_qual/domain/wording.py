"""Dutch frequency wording over the number of interviews (DOMAIN.md, "How the report speaks").

The tiers are the chapter's own: alle, vrijwel alle, de meeste (at least two thirds),
meer dan de helft, de helft, een deel, een aantal, een paar, een enkele (one), geen.
"alle", "geen" and "een enkele" are exact counts; the others are share thresholds that a
project can override (setting ``wording_thresholds``).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# (lower bound of the share, wording). Checked from top to bottom.
DEFAULT_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.85, "vrijwel alle"),
    (2 / 3, "de meeste"),
    (0.5001, "meer dan de helft"),
    (0.5, "de helft"),
    (0.3, "een deel"),
    (0.15, "een aantal"),
    (0.0, "een paar"),
)

# The tiers before "de meerderheid" was split (it spanned 10-16 of 19 interviews).
OLD_DEFAULT_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.85, "vrijwel alle"), (0.5001, "de meerderheid"), (0.5, "de helft"), (0.3, "een deel"),
    (0.15, "een aantal"), (0.0, "een paar"),
)

TIERS = ("alle", "vrijwel alle", "de meeste", "meer dan de helft", "de meerderheid", "de helft", "een deel",
         "een aantal", "enkele", "een paar", "een enkele", "geen")

# English readers do not rank "some" against "several": the ladder below reads as ranked
# (all > nearly all > most > more than half > half > a large minority > several > a few > one > none).
ENGLISH = {"alle": "all", "vrijwel alle": "nearly all", "de meeste": "most", "meer dan de helft": "more than half",
           "de meerderheid": "the majority", "de helft": "half", "een deel": "a large minority",
           "een aantal": "several", "enkele": "several", "een paar": "a few", "een enkele": "one", "geen": "none"}


def upgrade_thresholds(stored: Sequence[Sequence] | None) -> tuple[tuple[float, str], ...]:
    """A project's stored thresholds in the current tiers. The old defaults become the new
    defaults; a custom list that still has "de meerderheid" as its only tier above half gets
    "de meeste" at two thirds above it (keeping the project's own lower bound for the
    rest, now called "meer dan de helft")."""
    if not stored:
        return DEFAULT_THRESHOLDS
    th = tuple((float(b), str(w)) for b, w in stored)
    if th == OLD_DEFAULT_THRESHOLDS:
        return DEFAULT_THRESHOLDS
    words = [w for _b, w in th]
    if "de meerderheid" in words and "de meeste" not in words and "meer dan de helft" not in words:
        out: list[tuple[float, str]] = []
        for b, w in th:
            if w == "de meerderheid":
                out.append((max(2 / 3, b), "de meeste"))
                if b < 2 / 3:
                    out.append((b, "meer dan de helft"))
            else:
                out.append((b, w))
        return tuple(out)
    return th


def frequency_wording(n: int, total: int,
                      thresholds: tuple[tuple[float, str], ...] = DEFAULT_THRESHOLDS) -> str:
    if total <= 0 or n <= 0:
        return "geen"
    if n >= total:
        return "alle"
    if n == 1 and total != 2:  # one of two is "de helft", as two of four is
        return "een enkele"
    share = n / total
    for bound, word in thresholds:
        if share >= bound:
            if word == "een paar" and n > 3:
                return "een aantal"
            return word
    return "een paar"


def in_units(word: str, lang: str = "nl", unit: tuple[str, str] | None = None) -> str:
    """The wording as a phrase over the regions: "in de meeste regio's", "in een enkele regio",
    "in meer dan de helft van de regio's", "in geen enkele regio" (English: "in most regions")."""
    if lang == "en":
        sg, pl = unit or ("region", "regions")
        en = ENGLISH.get(word, word)
        if word == "geen":
            return f"in no {sg}"
        if word == "een enkele":
            return f"in one {sg}"
        if word in ("meer dan de helft", "de helft", "de meerderheid", "een deel"):
            return f"in {en} of the {pl}"
        return f"in {en} {pl}"
    sg, pl = unit or ("regio", "regio's")
    if word == "geen":
        return f"in geen enkele {sg}"
    if word == "een enkele":
        return f"in een enkele {sg}"
    if word in ("meer dan de helft", "de helft", "een deel", "de meerderheid"):
        return f"in {word} van de {pl}"
    return f"in {word} {pl}"


_COUNT_NOTE = re.compile(r"\s*\((\d+) (?:van|of) (?:de |the )?(\d+)\)")


def count_notes(text: str) -> list[tuple[int, int]]:
    """The "(n van N)" notes a sentence gives, as (n, N)."""
    return [(int(a), int(b)) for a, b in _COUNT_NOTE.findall(text)]


def drop_count_notes(text: str) -> str:
    """Text written with ``count_note`` without its "(n van N)" notes (``--no-numbers``)."""
    return _COUNT_NOTE.sub("", text)


def count_note(n: int, total: int, word: str, lang: str = "nl") -> str:
    """The optional exact count: " (14 van 19)"; nothing where the word says it exactly
    ("alle", "geen", "een enkele")."""
    if word in ("alle", "geen", "een enkele") or total <= 0:
        return ""
    return f" ({n} {'van' if lang == 'nl' else 'of'} {total})"


# a clause of a lead: up to a comma, semicolon, colon or full stop outside brackets
_CLAUSE_END = re.compile(r"[,;:.](?![^()]*\))")


def count_repeated(sentence: str, opening: str, names: Sequence[str], note: str) -> str:
    """``sentence`` without its count ``note`` (" (15 van 19)") when a clause of ``opening``
    names the same topic (any of ``names``) with that count: the theme's opening gives a facet's
    count, and its paragraph then says it in words only ("In de meeste regio's noemt men …"),
    not twice in a few lines."""
    if not note.strip() or note not in sentence:
        return sentence
    wanted = [n.lower().strip("‘’ ") for n in names if n and n.strip()]
    # a name the opening gave without the closing phrase the name before it ended with ("ook de
    # succesfactoren (14 van 19)" after "de belemmeringen voor de regierol"): its head, with the count
    heads = [name_head(n) + note.lower() for n in wanted if name_head(n) != n]
    for clause in _CLAUSE_END.split(opening.lower()):
        if note.lower() in clause and (any(n in clause for n in wanted) or any(h in clause for h in heads)):
            return sentence.replace(note, "", 1)
    return sentence


# the words that open a name's closing phrase ("voor de regierol" in "de succesfactoren voor de regierol")
TAIL_WORDS = frozenset({"voor", "van", "in", "op", "met", "over", "bij", "tussen", "naar", "rond"})


def name_head(name: str) -> str:
    """A name before its closing phrase ("de succesfactoren" of "de succesfactoren voor de
    regierol"); the name itself when it has none past its first word."""
    words = name.split()
    i = next((k for k in range(1, len(words) - 1) if words[k].lower() in TAIL_WORDS), None)
    return " ".join(words[:i]) if i is not None else name


NUMBER_WORDS = {
    "nl": ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
           "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
}


def number_word(n: int, lang: str = "nl") -> str:
    """Numbers up to twenty in words, as a report writes them; larger ones in digits."""
    words = NUMBER_WORDS.get(lang, NUMBER_WORDS["nl"])
    return words[n] if 0 <= n < len(words) else f"{n:,}".replace(",", "." if lang == "nl" else ",")


def count_word(n: int, lang: str = "nl") -> str:
    """A count in words before a noun: ``number_word``, with the stressed "één" for one in Dutch
    ("één interview"; "een interview" would read as the article)."""
    return ("één" if lang == "nl" else "one") if n == 1 else number_word(n, lang)


ORDINAL_WORDS = {
    "nl": ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende"),
    "en": ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
}


def ordinal_word(n: int, lang: str = "nl") -> str:
    """1 -> "eerste" / "first" up to ten; beyond that "11e" / "11th"."""
    words = ORDINAL_WORDS.get(lang, ORDINAL_WORDS["nl"])
    if 1 <= n <= len(words):
        return words[n - 1]
    return f"{n}e" if lang == "nl" else f"{n}th"


def two_decimals(x: float, decimal: str = ".") -> str:
    """A coefficient or share with two decimals; a value that rounds to zero is 0.00, never
    -0.00 (an alpha of -0.001 is no agreement, not a negative one), and one short of 1 is 0.99,
    never 1.00 (an agreement of 0.9966 had disagreements). ``decimal``: "," in Dutch."""
    if 0.995 <= abs(x) < 1:
        x = 0.99 if x > 0 else -0.99
    text = f"{x:.2f}"
    return ("0.00" if text == "-0.00" else text).replace(".", decimal)


def confidence_text(x: float) -> str:
    """A suggestion's confidence with two decimals, cut, never rounded up: 0.7976 reads 0.79,
    as "≥ 0.80" and `accept --all-above 0.8` count it (it read 0.80 and was not among them)."""
    return f"{int(x * 100 + 1e-9) / 100:.2f}"


def stored_time(stamp: object, local: bool = False) -> str:
    """A stored time (ISO 8601, UTC) as a person reads it: "2 Dec 2026, 07:05 UTC" on the command
    line; with ``local`` this machine's clock, "2 Dec 2026 08:05" (the TUI). Anything that is not
    a time is shown as it is."""
    from datetime import datetime
    if not stamp:
        return ""
    try:
        t = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if local:
        return f"{t.day} {(t.astimezone() if t.tzinfo is not None else t):%b %Y %H:%M}"
    return f"{t.day} {t:%b %Y, %H:%M}" + (" UTC" if t.utcoffset() is not None and not t.utcoffset() else "")


_GROUP_UNITS = {
    # the drafted sentences' frequency phrases and example frames, never a summary phrase's own
    # "in de regio" nor a retold sentence's words: plural after its determiners, singular after
    # "een enkele"/"geen enkele" or opening an example ("Een andere regio:")
    "nl": (re.compile(r"\b(alle|meeste|de|die|aantal|enkele|paar) regio's\b"),
           re.compile(r"\b((?:een|geen) enkele|Een(?: andere| derde| vierde)?|uit een|noemt een) regio\b(?!')")),
    "en": (re.compile(r"\b(all|All|most|Most|the|those|several|Several|few) regions\b"),  # "Most regions mention …"
           re.compile(r"\b(in one|in no|from one|One|Another|A third|A fourth) region\b")),
}


def in_group_units(text: str, lang: str, one: str, many: str) -> str:
    """A chapter on one region type: the drafted text's "regio's" are that type's regions ("In
    alle regio's" -> "In alle krimpregio's", "Een andere regio" -> "Een andere krimpregio"), so
    a paragraph pasted into the report does not read as all nineteen."""
    plural, single = _GROUP_UNITS.get(lang, _GROUP_UNITS["nl"])
    text = plural.sub(lambda m: f"{m.group(1)} {many}", text)
    return single.sub(lambda m: f"{m.group(1)} {one}", text)


# "alle regio's", not "vrijwel alle regio's" ("vrijwel alle twaalf regio's (11 van 12)" said 12)
_ALL_UNITS = {"nl": re.compile(r"(?<![Vv]rijwel )\b([Aa]lle) regio's\b"),
              "en": re.compile(r"(?<![Nn]early )\b([Aa]ll) regions\b")}


def all_of_part(text: str, lang: str, n: int) -> str:
    """A chapter on part of the interviews (``--where``, not one region type): "alle regio's" ->
    "alle twaalf regio's", so a paragraph pasted into the report does not read as all nineteen."""
    pattern = _ALL_UNITS.get(lang, _ALL_UNITS["nl"])
    unit = "regio's" if lang == "nl" else "regions"
    if n == 1:  # a chapter on one interview: "In de regio", never "In alle een regio's"
        one = "de regio" if lang == "nl" else "the region"
        return pattern.sub(lambda m: one.capitalize() if m.group(1)[0].isupper() else one, text)
    if n == 2:  # "in beide regio's", "in both regions": never "alle twee"
        both = "beide" if lang == "nl" else "both"
        return pattern.sub(lambda m: f"{both.capitalize() if m.group(1)[0].isupper() else both} {unit}", text)
    # "alle drie de regio's", as Dutch says it ("alle drie regio's" read as a slip)
    the = " de" if lang == "nl" else ""
    return pattern.sub(lambda m: f"{m.group(1)} {number_word(n, lang)}{the} {unit}", text)


def with_ook(phrase: str) -> str:
    """ "zegt men dat …" -> "zegt men ook dat …": after the verb and a short subject, where Dutch
    puts it ("gaat het ook over …", "heeft het vmbo ook …"); before a long subject ("speelt ook de
    daling van het aantal leerlingen")."""
    w = phrase.split()
    if len(w) < 3:
        return phrase
    if w[1] == "men" or (w[1] == "het" and w[2] in ("over", "om")):
        k = 2
    elif w[1] in ("het", "de") and (len(w) < 4 or w[3] not in ("van", "voor", "aan", "op", "in", "met")):
        k = 3
    else:
        k = 1
    if k < len(w) - 1 and w[k] in ("zich", "zichzelf"):  # a reflexive verb's pronoun first: "maakt men zich ook zorgen"
        k += 1
    return " ".join(w[:k] + ["ook"] + w[k:])


# the tiers a project may move; the others are fixed by what they say: "alle", "geen" and "een
# enkele" are counts, "de helft" is exactly half, "meer dan de helft" just over it, and "een
# paar" is whatever is left below "een aantal"
# fewer interviews than this are few: the method's ladder names only the words a count can get,
# and a group's minority is said by its count ("twee van de vijf gemengde regio's")
FEW_INTERVIEWS = 10
MINORITY_WORDS = ("een deel", "een aantal", "een paar")

MOVABLE_TIERS = ("vrijwel alle", "de meeste", "een deel", "een aantal")
THRESHOLDS_SETTING = "wording_thresholds"  # the project setting a moved tier is kept in
TIER_GAP = 0.01  # the least share a tier keeps of its own


def parse_share(text: str) -> float:
    """A share as a writer gives it: "0.9", "0,9", "90%" or "90 %"; ValueError (with what to
    give) for anything else, a bare 90 included (90 what?)."""
    raw = text.strip().replace(",", ".")
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a share: give 0.9 or 90%") from None
    if percent:
        value /= 100
    elif value > 1:
        raise ValueError(f"'{text}' is not a share between 0 and 1: give 0.9 or 90%")
    if not 0 < value < 1:
        raise ValueError(f"'{text}': a tier starts above 0 % and below 100 %")
    return value


def percent_text(share: float) -> str:
    """A tier's lower bound as the command line shows it: "85 %", "66.7 %"; "over 50 %" just
    over half, "over 0 %" for the lowest tier."""
    if share <= 0 or 0.5 < share < 0.505:
        return f"over {round(share * 100):g} %"
    return f"{round(share * 100, 1):g} %"


def tier_name(text: str) -> str:
    """A tier as a person types it ("Vrijwel  alle") as the ladder names it ("vrijwel alle")."""
    return " ".join(text.lower().split())


def with_tier(thresholds: Sequence[tuple[float, str]], tier: str, share: float) -> tuple[tuple[float, str], ...]:
    """The thresholds with ``tier`` starting at ``share``; ValueError saying why when the tier
    cannot move or the share would put it out of the ladder's order."""
    tier = tier_name(tier)
    words = [w for _b, w in thresholds]
    if tier not in words or tier not in MOVABLE_TIERS:
        movable = [w for w in words if w in MOVABLE_TIERS]
        why = ("is a count, not a share" if tier in ("alle", "geen", "een enkele")
               else "is exactly half" if tier == "de helft"
               else "is every share just over half" if tier == "meer dan de helft"
               else "is every share below een aantal" if tier == "een paar"
               else "is not one of the project's tiers")
        raise ValueError(f"'{tier}' {why}; tiers that move: {', '.join(movable)}")
    ordered = sorted(thresholds, key=lambda t: -t[0])
    i = next(k for k, (_b, w) in enumerate(ordered) if w == tier)
    above = ordered[i - 1] if i > 0 else None
    below = ordered[i + 1] if i + 1 < len(ordered) else None
    # each tier keeps at least one percentage point of its own: a word no count can get is no tier
    low = below[0] + TIER_GAP if below is not None else TIER_GAP
    high = above[0] - TIER_GAP if above is not None else 1 - TIER_GAP
    if not low - 1e-9 <= share <= high + 1e-9:
        side = above if share > high else below
        room = (f"{tier} can start from {percent_text(low)} to {percent_text(high)}" if low <= high
                else f"{tier} has no room left between its neighbours")
        if side is None:
            raise ValueError(f"{tier} from {percent_text(share)}: {room}")
        further = f"; to go further, move {side[1]} first" if side[1] in MOVABLE_TIERS else ""
        passes = share >= side[0] if side is above else share <= side[0]
        how = "would reach or pass" if passes else "would leave less than one percentage point between it and"
        raise ValueError(f"{tier} from {percent_text(share)} {how} {side[1]} (from {percent_text(side[0])}): "
                         f"{room}{further}")
    return tuple((share if w == tier else b, w) for b, w in ordered)


def default_share(tier: str) -> float:
    """Where ``tier`` starts among the built-in tiers; ValueError for another word."""
    starts = {w: b for b, w in DEFAULT_THRESHOLDS}
    if tier_name(tier) not in starts:
        raise ValueError(f"'{tier_name(tier)}' is not one of the built-in tiers")
    return starts[tier_name(tier)]


def ladder_rows(thresholds: Sequence[tuple[float, str]], total: int) -> list[dict]:
    """Each tier the report can write over ``total`` interviews, from "alle" down to "geen", with
    its English word, the share it starts at (None for a count) and the counts that get it, as
    ``frequency_wording`` gives them."""
    gets: dict[str, list[int]] = {}
    for n in range(total, -1, -1):
        gets.setdefault(frequency_wording(n, total, tuple(thresholds)), []).append(n)
    order = ["alle"] + [w for _b, w in sorted(thresholds, key=lambda t: -t[0])] + ["een enkele", "geen"]
    bounds = dict((w, b) for b, w in thresholds)
    return [{"tier": w, "en": ENGLISH.get(w, w), "from": bounds.get(w), "interviews": sorted(gets.get(w, []))}
            for w in dict.fromkeys(order)]
