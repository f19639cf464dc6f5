"""The words a chapter uses for the project's roles, attributes and region types, with the
project's own words over them (``LabelMap``), and the months: the vocabulary ``labels`` (the
chapter's sentences) draws on."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from sto_qual.domain.filters import ANY, split_key

# role key -> language -> (singular, plural)
ROLE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "bestuurder": {"nl": ("bestuurder", "bestuurders"), "en": ("board member", "board members")},
    "directeur": {"nl": ("directeur", "directeuren"), "en": ("director", "directors")},
    "penvoerder": {"nl": ("penvoerder", "penvoerders"), "en": ("grant holder", "grant holders")},
    "programmaleider": {"nl": ("programmaleider", "programmaleiders"), "en": ("programme leader", "programme leaders")},
    "projectleider": {"nl": ("projectleider", "projectleiders"), "en": ("project leader", "project leaders")},
    "stuurgroeplid": {"nl": ("stuurgroeplid", "stuurgroepleden"),
                      "en": ("steering-group member", "steering-group members")},
    "interviewer": {"nl": ("interviewer", "interviewers"), "en": ("interviewer", "interviewers")},
    # others who sit at a steering group's table: "onder meer … en wethouder" lacked its plural
    "wethouder": {"nl": ("wethouder", "wethouders"), "en": ("alderman", "aldermen")},
    "voorzitter": {"nl": ("voorzitter", "voorzitters"), "en": ("chair", "chairs")},
    "coördinator": {"nl": ("coördinator", "coördinatoren"), "en": ("coordinator", "coordinators")},
    "docent": {"nl": ("docent", "docenten"), "en": ("teacher", "teachers")},
    "teamleider": {"nl": ("teamleider", "teamleiders"), "en": ("team leader", "team leaders")},
    "schoolleider": {"nl": ("schoolleider", "schoolleiders"), "en": ("school leader", "school leaders")},
    "adviseur": {"nl": ("adviseur", "adviseurs"), "en": ("adviser", "advisers")},
    "werkgever": {"nl": ("werkgever", "werkgevers"), "en": ("employer", "employers")},
    "ondernemer": {"nl": ("ondernemer", "ondernemers"), "en": ("entrepreneur", "entrepreneurs")},
    "beleidsmedewerker": {"nl": ("beleidsmedewerker", "beleidsmedewerkers"),
                          "en": ("policy officer", "policy officers")},
    # a member who speaks for a party at the table ("Peter van Dijk (bedrijfsleven)")
    "gemeente": {"nl": ("vertegenwoordiger van de gemeente", "vertegenwoordigers van gemeenten"),
                 "en": ("municipal representative", "municipal representatives")},
    "bedrijfsleven": {"nl": ("vertegenwoordiger van het bedrijfsleven", "vertegenwoordigers van het bedrijfsleven"),
                      "en": ("employers' representative", "employers' representatives")},
    "mbo": {"nl": ("vertegenwoordiger van het mbo", "vertegenwoordigers van het mbo"),
            "en": ("mbo representative", "mbo representatives")},
    "po": {"nl": ("vertegenwoordiger van het po", "vertegenwoordigers van het po"),
           "en": ("primary-education representative", "primary-education representatives")},
}

# attribute key -> language -> label; attribute values likewise
ATTRIBUTE_LABELS: dict[str, dict[str, str]] = {
    "region_type": {"nl": "regiotype", "en": "region type"},
    "region": {"nl": "regio", "en": "region"},
    "school_boards": {"nl": "aantal schoolbesturen", "en": "number of school boards"},
    "respondent_roles": {"nl": "rollen aan tafel", "en": "roles at the table"},
    "date": {"nl": "datum", "en": "date"},
    "interviewer": {"nl": "interviewer", "en": "interviewer"},
    "doc": {"nl": "document", "en": "document"},
}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "eiland": {"nl": "eiland", "en": "island"},
    "krimp": {"nl": "krimp", "en": "shrinking"},
    "stedelijk": {"nl": "stedelijk", "en": "urban"},
    "landelijk": {"nl": "landelijk", "en": "rural"},
    "gemengd": {"nl": "gemengd", "en": "mixed"},
}

MISSING_MARK = " [nl]"


class LabelMap:
    """Labels for roles, attributes and their values in one language, with the project's
    overrides (settings ``role_labels`` {role: {lang: [singular, plural]}} and
    ``attribute_labels`` {key or value: {lang: label}})."""

    def __init__(self, lang: str, role_overrides: dict[str, Any] | None = None,
                 attribute_overrides: dict[str, Any] | None = None) -> None:
        self.lang = lang
        self.roles = {k: dict(v) for k, v in ROLE_LABELS.items()}
        for k, v in (role_overrides or {}).items():
            self.roles.setdefault(k, {}).update({lg: tuple(x) for lg, x in v.items()})
        self.attrs = {**ATTRIBUTE_LABELS, **VALUE_LABELS}
        for k, v in (attribute_overrides or {}).items():
            self.attrs = {**self.attrs, k: {**self.attrs.get(k, {}), **v}}
        self.missing: set[str] = set()
        self.unnamed: set[str] = set()  # roles written as they are: no words of their own
        self.spaced: set[str] = set()  # attributes of two words or more without a Dutch label ("regio groep")

    def role(self, key: str | None, plural: bool = False) -> str:
        """A role in words; an unknown or empty role is a steering-group member."""
        key = (key or "").strip().lower() or "stuurgroeplid"
        entry = self.roles.get(key)
        if entry is None:
            self.unnamed.add(key)
            return key if self.lang == "nl" else key + MISSING_MARK
        got = entry.get(self.lang)
        if got is None:
            self.missing.add(key)
            return entry["nl"][plural] + MISSING_MARK
        return got[plural]

    def notes(self) -> list[str]:
        """What the command says about the labels a text used: roles written as they are
        ("— een bedrijfsleven", the plural the same) and labels without an English version."""
        out = []
        if self.unnamed:
            some = sorted(self.unnamed)
            many = len(some) > 1
            out.append(f"{len(some)} role{'s' if many else ''} without words of {'their' if many else 'its'} own, "
                       f"written as {'they are' if many else 'it is'} (‘een {some[0]}’, the plural the same): "
                       f"{', '.join(some)}; `sto-qual role-label ROLE SINGULAR PLURAL` gives a role its words "
                       "(e.g. role-label docent docent docenten)")
        if self.missing:
            roles = sorted(m for m in self.missing if m in self.roles)
            others = sorted(self.missing - set(roles))
            how = ([f"`sto-qual role-label {roles[0]} SINGULAR PLURAL --lang en`"] if roles else []) + \
                  ([f"`sto-qual attribute-label {others[0]} WORD --lang en`"] if others else [])
            out.append("no English label for " + ", ".join(sorted(self.missing)) + " (Dutch used, marked [nl]); "
                       + " or ".join(how) + " gives one")
        if self.spaced:  # ("naar regio groep" in a heading, where Dutch writes one word)
            some = sorted(self.spaced)
            out.append(f"no Dutch label for {', '.join(some)}, written '{some[0].replace('_', ' ')}' in the chapter: "
                       f"`sto-qual attribute-label {some[0]} WORD` gives one (Dutch writes a compound as one word, "
                       f"'{some[0].replace('_', '')}')")
        return out

    def attribute(self, key: str) -> str:
        entry = self.attrs.get(key)
        if entry and self.lang in entry:
            return entry[self.lang]
        if entry and "nl" in entry:
            self.missing.add(key)
            return entry["nl"] + MISSING_MARK
        if self.lang == "en" and _in_words(key):  # the project's own attribute ("provincie")
            self.missing.add(key)
            return key.replace("_", " ") + MISSING_MARK
        if self.lang == "nl" and "_" in key.strip("_") and _in_words(key):
            self.spaced.add(key)
        return key.replace("_", " ")

    def value(self, value: str) -> str:
        """A value in words: its label, else itself; in English a value in words without an
        English label ("grensregio") is marked [nl], one that is a number or a code ("3",
        "R07") is not."""
        entry = self.attrs.get(value)
        if entry and self.lang in entry:
            return entry[self.lang]
        if self.lang == "en" and (entry or _in_words(value)):
            self.missing.add(value)
            return value + MISSING_MARK
        return value

    def conditions(self, where: Mapping[str, str], anon: Callable[[str], str] = str) -> str:
        """Every ``--where`` condition in words (``condition``), joined: "in de krimpregio's en …"."""
        return (" en " if self.lang == "nl" else " and ").join(self.condition(k, v, anon) for k, v in where.items())

    def condition(self, key: str, wanted: str, anon: Callable[[str], str] = str) -> str:
        """One ``--where`` condition in words, after "the interviews": "in de krimpregio's en
        eilandregio's" (``region_type=krimp,eiland``: region types; it read "met als regiotype ‘krimp’
        of ‘eiland’"), "buiten de krimpregio's en eilandregio's" (``region_type!=krimp,eiland``), "met
        als aantal schoolbesturen ‘3’",
        "met een regiotype anders dan ‘3’", "met een waarde voor fictief" (``=*``), "met geen
        waarde voor fictief" (``!=*``); values through ``anon``."""
        name, negated = split_key(key)
        nl = self.lang == "nl"
        options = [w.strip() for w in str(wanted).split(",") if w.strip()]
        # region types only, and only where the pseudonym list leaves their words as they are (a reviewer's
        # "gebied=Waddengebied" read "in de Waddengebieden", past the list's "Regio A"; "sector=agrarisch" "in de
        # agrarische regio's")
        kept = ANY not in options and name == "region_type" and all(anon(self.value(o)) == self.value(o)
                                                                    for o in options)
        groups = [region_group(o, self.lang, self.value(o)) for o in options] if kept else []
        if groups and all(groups):  # the way the report speaks of regions: "buiten de krimpregio's"
            joined = f" {'en' if nl else 'and'} ".join(groups)
            if not negated:
                return f"in de {joined}" if nl else f"in the {joined}"
            return f"buiten de {joined}" if nl else f"outside the {joined}"
        return ("met " if nl else "with ") + self._condition(name, negated, options, anon)

    def _condition(self, name: str, negated: bool, options: list[str], anon: Callable[[str], str]) -> str:
        attr, nl = self.attribute(name), self.lang == "nl"
        if ANY in options:
            return (("geen" if negated else "een") + " waarde voor " if nl else
                    ("no" if negated else "a") + " value for ") + attr
        yes_no = {**dict.fromkeys(("yes", "ja", "true"), "ja" if nl else "yes"),
                  **dict.fromkeys(("no", "nee", "false"), "nee" if nl else "no")}
        values = f" {'of' if nl else 'or'} ".join(f"‘{yes_no.get(o.casefold()) or anon(self.value(o))}’"
                                                 for o in options)
        if negated:
            return f"een {attr} anders dan {values}" if nl else f"a {attr} other than {values}"
        return f"als {attr} {values}" if nl else f"{attr} {values}"


def _in_words(name: str) -> bool:
    """Whether an attribute or value is written in (lower-case) words, as a language writes it,
    not a number or a code."""
    return any(ch.islower() for ch in str(name))


# region types as groups of regions ("in krimpregio's"); other values are "regio's met …"
REGION_GROUPS = {
    "nl": {"eiland": "eilandregio's", "krimp": "krimpregio's", "stedelijk": "stedelijke regio's",
           "landelijk": "landelijke regio's", "gemengd": "gemengde regio's"},
    "en": {"eiland": "island regions", "krimp": "shrinking regions", "stedelijk": "urban regions",
           "landelijk": "rural regions", "gemengd": "mixed regions"},
}


ADJECTIVE_ENDINGS = ("lijk", "ig", "isch")  # a Dutch word that takes an -e before "regio's"
_ONE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def region_group(value: str, lang: str, label: str | None = None) -> str:
    """The regions of a region type as a group: "krimpregio's", "shrinking regions". The
    project's own word for a value (``label``, its word in ``lang``; in Dutch the value itself)
    wins over the built-in one, so the text says what the tables' headers say: a word that
    names a kind of region or area takes its plural ("grensregio's", "krimpgebieden", "border
    regions", "declining areas"), a Dutch adjective ending in -lijk, -ig or -isch qualifies
    "regio's" ("grootstedelijke regio's"), and in English one other word for a built-in region type
    qualifies "regions" ("declining regions"); "" for any other value ("regio's met …" is the caller's)."""
    key = str(value).lower()
    builtin = REGION_GROUPS[lang].get(key, "")
    own = VALUE_LABELS.get(key, {}).get(lang)
    word = (label if label is not None else str(value) if lang == "nl" else "").strip()
    if builtin and (label is None or word == own or word.removesuffix(MISSING_MARK) == key):
        return builtin
    low = word.lower()
    if lang == "nl":
        if low.endswith("regio"):  # "grensregio", "grootstedelijke regio"
            return word + "'s"
        if low.endswith("gebied") and " " not in word:
            return word + "en"
        # an adjective as the built-in words are ("stedelijk"): "grootstedelijk" was in the tables'
        # headers while the text still said "stedelijke regio's"
        if _ONE_WORD.fullmatch(word) and low.endswith(ADJECTIVE_ENDINGS):  # (not "krimp,landelijk": two values)
            return word + "e regio's"
    if lang == "en" and not word.endswith(MISSING_MARK):
        if low.endswith(("region", "area")):
            return word + "s"
        if builtin and word and " " not in word:  # a built-in region type in the project's word
            return word + " regions"
    return builtin


def region_group_one(value: str, lang: str, article: bool = True, label: str | None = None) -> str:
    """One region of a region type, with its article where the language wants one after "een"
    or on its own: "eilandregio" (after "een"), "an island region" ("island region" without
    ``article``); "" for another value."""
    many = region_group(value, lang, label)
    if not many:
        return ""
    if lang == "nl":
        return many[:-2] if many.endswith("gebieden") else many.removesuffix("'s")
    one = many[:-1] if many.endswith(("regions", "areas")) else many
    return (("an " if one[:1].lower() in "aeiou" else "a ") if article else "") + one


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
