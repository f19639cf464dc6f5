"""What in a quoted or retold passage points to one person, beyond names: a count that only
one region has, and a placeholder for a person in the chapter's own prose. Stdlib only.

A count: an interview's numeric attribute (``school_boards`` = 9) whose value fewer than
``SMALL_GROUP`` interviews share is that region's fingerprint. "namens alle negen besturen"
beside "een stuurgroeplid" names the one region with nine boards, and so one person. The rule,
kept here once: a number (digits, or a number word from "twee" up, or "één" written with its
accents — "een" is an article as often as a number) that equals such a value and is followed, within two words and
inside the sentence, by the word for what the attribute counts: the last word of its key or
of one of its labels ("school_boards", "aantal schoolbesturen", "number of school boards":
"boards", "schoolbesturen"), matched as a compound tail ("besturen" in "schoolbesturen") or
by its stem ("bestuur"/"besturen"). "de komende tien jaar" and "elf locaties" from the region
with ten or eleven boards are not counts of boards; an attribute whose key and labels do not
name what it counts ("size") is never matched: give it a label.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sto_qual.domain.missed_names import _NAME_TOKEN, _looks_like_name
from sto_qual.domain.model import PARTY_PERSONS
from sto_qual.domain.quote_selection import SMALL_GROUP
from sto_qual.domain.roles import known_role
from sto_qual.domain.text import is_one
from sto_qual.domain.wording import NUMBER_WORDS

# what a pseudonym puts in place of a count ("negen besturen" -> "[aantal] besturen")
COUNT_PLACEHOLDER = "[aantal]"
_PLACEHOLDER = re.compile(r"\[([^\[\]]+)\]")  # "[school]", "[programmaleider]"

# number words from two up, the report's own (``wording.NUMBER_WORDS``, Dutch and English: the
# English chapter's sentences; its quotes are Dutch); "een" is an article as often as a number ("één", with its accents, is 1)
_UNITS = {w: i for i, w in enumerate(NUMBER_WORDS["nl"][2:10], 2)}
_WORDS = {w: i for words in NUMBER_WORDS.values() for i, w in enumerate(words) if i >= 2} | {"honderd": 100}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
         "negentig": 90}
_COMPOUND = re.compile(r"(een|" + "|".join(_UNITS) + r")(?:en|ën)(" + "|".join(_TENS) + ")")
# a number in digits ("9", "1.000"; "0,69" is no count) or a word
_TOKEN = re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?|[^\W\d_]+")
_BETWEEN = re.compile(r"\s+")  # a count and its noun stand in one clause: nothing but spaces between
# words of a key or label that say "how many", not what
_FILLER = frozenset({"aantal", "number", "count", "nr", "num", "n", "of", "van", "het", "de", "the", "total", "totaal"})
NEAR = 2  # the noun follows the number within this many words ("negen besturen", "zes de besturen")


def number_value(word: str) -> int | None:
    """The number a token says: digits ("9", "1.000") or a Dutch or English number word from
    two up ("negen", "drieëntwintig", "nine"), or "één" with its accents (1); None for anything
    else ("een", "0,69")."""
    w = word.lower()
    if is_one(w):  # written with its accents, "een" is the number: "maar één bestuur" (the one region with one)
        return 1
    if w[:1].isdigit():
        return int(w.replace(".", "")) if "," not in w else None
    if w in _WORDS:
        return _WORDS[w]
    if w in _TENS:
        return _TENS[w]
    m = _COMPOUND.fullmatch(w)
    return (1 if m.group(1) == "een" else _UNITS[m.group(1)]) + _TENS[m.group(2)] if m else None


def counted_words(names: Iterable[str]) -> tuple[str, ...]:
    """What an attribute counts, from its key and labels: the last word of each that is not
    "aantal"/"number of" ("school_boards" -> "boards", "aantal schoolbesturen" -> "schoolbesturen")."""
    out: list[str] = []
    for name in names:
        name = _PLACEHOLDER.sub(" ", str(name))  # "aantal schoolbesturen [nl]": a label's language mark
        words = [w for w in re.split(r"[\W_]+", name.lower()) if w and w not in _FILLER]
        if words and len(words[-1]) >= 4 and words[-1] not in out:
            out.append(words[-1])
    return tuple(out)


def _is_counted(word: str, heads: Sequence[str]) -> bool:
    """``word`` names what a head word names: the word itself, a compound ending in it
    ("schoolbesturen" for "besturen"), its compound's tail ("besturen" for "schoolbesturen":
    a tail of at least half the compound, so "uren" is no "schoolbesturen") or another form
    of either ("bestuur"/"besturen", "leerling"/"leerlingen")."""
    w = word.lower()
    for h in heads:
        if w == h or (len(h) >= 4 and w.endswith(h)):
            return True
        tails = (h[i:] for i in range(len(h) - 4) if 2 * (len(h) - i) >= len(h))
        if any(w == t or (len(w) >= 5 and w[:5] == t[:5] and abs(len(w) - len(t)) <= 2) for t in tails):
            return True
    return False


@dataclass(frozen=True)
class RareValue:
    """An interview's value of a numeric attribute that fewer than SMALL_GROUP interviews share."""
    attribute: str
    value: int
    holders: int                    # interviews with this value (1 or 2)
    counts: tuple[str, ...]         # the words for what it counts (``counted_words``)


@dataclass(frozen=True)
class CountHit:
    rare: RareValue
    words: str                      # as the text says it, number to noun: "negen besturen"

    def pseudonym(self) -> tuple[str, str]:
        """A pseudonym entry that takes the count out and keeps the rest: ("negen besturen",
        "[aantal] besturen")."""
        _number, _sp, rest = self.words.partition(" ")
        return self.words, f"{COUNT_PLACEHOLDER} {rest}" if rest else COUNT_PLACEHOLDER


def rare_values(attrs: Mapping[int, Mapping[str, Any]], names: Mapping[str, Iterable[str]] | None = None,
                small: int = SMALL_GROUP) -> dict[int, tuple[RareValue, ...]]:
    """Interview -> its rare values of the numeric attributes: those whose every given value is
    a whole number ("school_boards"; not "date" or "region"). ``names``: attribute -> its labels
    (the key itself always counts)."""
    values: dict[str, dict[int, int]] = {}
    for doc, a in attrs.items():
        for key, v in a.items():
            s = str(v).strip() if v is not None else ""
            if s:
                values.setdefault(key, {})[doc] = int(s) if s.isdigit() else -1
    out: dict[int, list[RareValue]] = {}
    for key, by_doc in sorted(values.items()):
        if -1 in by_doc.values():
            continue  # not a count
        heads = counted_words([key, *((names or {}).get(key, ()))])
        if not heads:
            continue
        sizes = Counter(by_doc.values())
        for doc, v in by_doc.items():
            if sizes[v] < small:
                out.setdefault(doc, []).append(RareValue(key, v, sizes[v], heads))
    return {d: tuple(r) for d, r in out.items()}


def identifying_counts(text: str, rare: Sequence[RareValue]) -> list[CountHit]:
    """The counts in ``text`` that say one of these rare values of what they count."""
    if not rare or not text:
        return []
    by_value: dict[int, list[RareValue]] = {}
    for r in rare:
        by_value.setdefault(r.value, []).append(r)
    tokens = list(_TOKEN.finditer(text))
    hits: list[CountHit] = []
    for i, m in enumerate(tokens):
        n = number_value(m.group(0))
        for r in by_value.get(n, ()) if n is not None else ():
            end = m.end()
            for nxt in tokens[i + 1:i + 1 + NEAR]:
                if not _BETWEEN.fullmatch(text[end:nxt.start()]):
                    break  # "negen. Besturen …", "(9) besturen": not one phrase
                if _is_counted(nxt.group(0), r.counts):
                    hits.append(CountHit(r, text[m.start():nxt.end()]))
                    break
                end = nxt.end()
    return hits


# placeholders for a person beside the roles the project knows ("[naam]", "[wethouder]")
PERSON_WORDS = frozenset({"naam", "persoon", "wethouder", "docent", "leraar", "werkgever", "voorzitter",
                          "collega", "medewerker", "leerling", "ouder", "respondent", "interviewer",
                          "stuurgroeplid", "name", "person", *PARTY_PERSONS.values()})
def person_placeholder(role: str | None, without: str = "naam") -> str:
    """The placeholder for a person of ``role`` ("[penvoerder]"; a member for a party at the table
    "[vertegenwoordiger gemeente]", a person where "[gemeente]" read as a place; ``without`` a role)."""
    said = role or without
    return f"[{PARTY_PERSONS.get(said, said)}]"


def names_person(text: str, roles: Collection[str] = ()) -> bool:
    """The text holds a placeholder for a person: one of the project's roles or their labels
    ("[programmaleider]", "[stuurgroeplid]") or a word of ``PERSON_WORDS``; "[school]",
    "[plaats]" and "[aantal]" stand for things."""
    return any(p.strip().lower() in PERSON_WORDS or p.strip().lower() in roles
               for p in _PLACEHOLDER.findall(text))


# --- the people a header lists ---------------------------------------------------------------------
# The header words whose value lists who took part ("Aanwezig: Ans de Vries (penvoerder), …"):
# names by definition, and an attribute prints verbatim in the codings export and the summary grid
# unless the pseudonym list replaces them.
# (and who held the interview: "interviewer: Karin Oudejans" went out in the grid and the codings
# export unsaid, where the demo's interviewers were only replaced for being on its list)
INTERVIEWER_KEYS = frozenset({"interviewer", "interviewers", "interviewer(s)", "gespreksleider", "gespreksleiders",
                              "interviewed_by"})
PARTICIPANT_KEYS = frozenset({"aanwezig", "aanwezigen", "deelnemers", "gesprekspartners", "geïnterviewde",
                              "geïnterviewden", "participants", "attendees", "present", *INTERVIEWER_KEYS})
_ITEMS = re.compile(r"\s*(?:[,;/&\n]|\s(?:en|and)\s)\s*")


def participant_lists(attrs: Mapping[str, Any]) -> dict[str, str]:
    """A document's participants attributes (``PARTICIPANT_KEYS``, any case): key -> value."""
    return {k: v for k, v in attrs.items() if k.lower() in PARTICIPANT_KEYS and isinstance(v, str)}
_ROLE = re.compile(r"\(([^()]*)\)|\s[-–—]\s(.*)$")


def _items(value: str) -> list[str]:
    """A participants line's items, parted where ``_ITEMS`` parts them outside brackets: "Ans de Vries
    (penvoerder, ROC), Kees" is two ("(penvoerder" had been a person of its own, Ans without a role)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|" + _ITEMS.pattern, value):
        if m.group(0) in "()":
            depth = max(0, depth + (1 if m.group(0) == "(" else -1))
        elif depth == 0:
            out.append(value[start:m.start()])
            start = m.end()
    return out + [value[start:]]


def participants(value: str, roles: Collection[str] = ()) -> list[tuple[str, str | None]]:
    """The people a participants line names, each with the role written beside it:
    "Ans de Vries (penvoerder), Kees Bakker - directeur vmbo, interviewer" -> [("Ans de Vries",
    "penvoerder"), ("Kees Bakker", "directeur vmbo")]; "interviewer Lotte" is Lotte, the interviewer. An item
    without a capitalised word, or one
    that is a role ("Interviewer", ``roles``, ``PERSON_WORDS``), names no one."""
    out: list[tuple[str, str | None]] = []
    known = {r.lower() for r in roles} | PERSON_WORDS
    for item in _items(str(value)):
        m = _ROLE.search(item)
        role = next((g.strip() for g in m.groups() if g), None) if m else None
        name = " ".join(_ROLE.sub(" ", item).split())
        first, _sp, rest = name.partition(" ")
        if role is None and first.lower() in known and rest and _looks_like_name(rest.split()[0]):
            role, name = first.lower(), rest  # "interviewer Lotte": Lotte, the interviewer (not one name)
        words = _NAME_TOKEN.findall(name)
        if not any(_looks_like_name(w) for w in words) or name.lower() in known:
            continue
        if (name, role) not in out:
            out.append((name, role or None))
    return out


def participant_names(attrs: Mapping[str, Any]) -> frozenset[str]:
    """The names (folded) a header's participants lists give, whole and by first name: each is a speaker's
    label for certain, also one who speaks once ("Lotte:", "Jan de Graaf:" in a transcript of three turns
    was one speakerless turn, its header line "Aanwezig: …" codable text)."""
    names = [name for v in participant_lists(attrs).values() for name, _role in participants(v)]
    return frozenset(n.casefold() for name in names for n in (name, name.split()[0]))


def unreplaced(name: str, anon: Callable[[str], str]) -> bool:
    """Whether the pseudonym list leaves a word of ``name`` as it is written: "Ans de Vries"
    with only "Ans" listed still prints "de Vries"."""
    printed = anon(name)
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", printed)
               for w in _NAME_TOKEN.findall(name) if _looks_like_name(w))


# --- what a missed name stands for -------------------------------------------------------------------
# The replacement a warning offers for a name the pseudonym list missed: a school or a firm by a word
# in the name ("Sint-Willibrordcollege", "Van Dalen Installatietechniek"), a place by the word
# before it ("in Hoornsand", "uit Vledderhoven"), a person otherwise ("Henk heeft daar …",
# "mevrouw Dijkhuis"): the names people say most in an interview are people's.
PLACEHOLDERS = ("[naam]", "[school]", "[bedrijf]", "[plaats]")
_SCHOOL = re.compile(r"(college|school|lyceum|scholengemeenschap|campus|academie|atheneum|gymnasium|mavo|vmbo|havo|"
                     r"mbo|roc)\b", re.IGNORECASE)
_FIRM = re.compile(r"(\bb\.?v\.?|techniek|installat\w*|bouw|groep|fabriek|metaal|bedrijf|industrie)\b",
                   re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?:^|\s)(in|uit|naar|te|rond|richting|regio|gemeente|dorp|stad)\s*$", re.IGNORECASE)


def placeholder_for(name: str, before: str = "") -> str:
    """The placeholder that most likely stands for ``name`` (``PLACEHOLDERS``), from the name and
    the text before it."""
    if _SCHOOL.search(name):
        return "[school]"
    if _FIRM.search(name):
        return "[bedrijf]"
    if _PLACE_BEFORE.search(before):
        return "[plaats]"
    return "[naam]"


def header_role(label: str, people: Sequence[tuple[str, str | None]], roles: Collection[str]) -> str | None:
    """The role a header's participants list (``participants``) gives speaker ``label``: the
    person whose name or first name the label is ("Ans" for "Ans de Vries (penvoerder)"), when
    exactly one is, and the role written beside her is one of ``roles`` or opens with one
    ("directeur vmbo" -> directeur). None when the header does not say it for certain."""
    key = label.strip().lower()
    words = key.split() or [""]
    # the label her whole name or first name, or the header's one name the label's first or last ("interviewer
    # Sanne" and "Sanne Vos:", "wethouder Bakker" and "Peter Bakker:": both went without a role)
    hits = [role for name, role in people if key in (name.lower(), name.split()[0].lower())
            or len(name.split()) == 1 and name.lower() in (words[0], words[-1])]
    # (one person written twice, "interviewer: Lotte Verhagen" above "Aanwezig: …, interviewer Lotte": one role)
    return known_role(hits[0], roles) if len(set(hits)) == 1 and hits[0] else None


def role_in_header(label: str, attrs: Mapping[str, Any], roles: Collection[str]) -> str | None:
    """The role a document's header (its participants attributes, ``attrs``) gives speaker ``label``
    (``header_role``), as the import sets it and a speaker renamed after it takes it."""
    people = [(name, role or ("interviewer" if key.lower() in INTERVIEWER_KEYS else None))
              for key, v in participant_lists(attrs).items() for name, role in participants(v, roles)]
    return header_role(label, people, roles)


# --- names the project knows are people's ----------------------------------------------------------
# A speaker's label ("Henk:") and a name in a header's participants list are people's names for
# certain, whatever the transcripts' text says of them: the label is no part of the text, so
# ``NameProfile`` never sees it, and "Henk benadrukt vacatures" in a memo went out unasked.
# Labels that name a role or a number ("Interviewer", "R1", "Respondent 2") are no names.
_GENERIC_LABEL = re.compile(r"(?:[A-Za-z]\d*|R\d+|respondent ?\d*|spreker ?\d+|speaker ?\d+|deelnemer ?\d*|"
                            r"interview(?:er|ster)\b.*|onderzoeker\b.*|vraag|antwoord|moderator|notulist)",
                            re.IGNORECASE)


def names_a_person(label: str, roles: Collection[str] = ()) -> bool:
    """A speaker's label is a person's name: no role or number ("Interviewer", "R1", "Respondent 2")."""
    label, words = label.strip(), _NAME_TOKEN.findall(label)  # (each word: "Bart Wolters" was no name, as one)
    return not _GENERIC_LABEL.fullmatch(label) and label.lower() not in ({r.lower() for r in roles} | PERSON_WORDS) \
        and bool(words) and all(_looks_like_name(w) or w.islower() for w in words) and _looks_like_name(words[0])


def person_of_label(label: str) -> str:
    """The name a speaker's label gives: "Jan" of "Jan (bestuurder)", "Marloes" of "MARLOES"."""
    name = " ".join(_ROLE.sub(" ", label).split())
    return name.title() if name.isupper() and len(name) > 2 else name


def people_names(speakers: Mapping[str, Iterable[str]], participant_lists: Mapping[str, Iterable[str]],
                 roles: Collection[str] = ()) -> dict[str, dict[str, str | None]]:
    """name -> {interview: the role beside it there (None when unknown)}: every speaker label
    that is no role or number (``speakers``: interview -> labels), and every participant named
    in a header (``participant_lists``: interview -> its participants values), whole and by each
    capitalised word ("Henk Veldkamp", "Henk", "Veldkamp")."""
    out: dict[str, dict[str, str | None]] = {}
    for doc, labels in speakers.items():
        for label in labels:
            if names_a_person(label, roles):
                out.setdefault(label.strip(), {}).setdefault(doc, None)
    for doc, values in participant_lists.items():
        for value in values:
            for name, role in participants(value, roles):
                words = [w for w in _NAME_TOKEN.findall(name) if _looks_like_name(w)]
                for n in dict.fromkeys([name, *words]):
                    out.setdefault(n, {})[doc] = known_role(role, roles) if role else None
    return out
