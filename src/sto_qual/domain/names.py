"""Code names: the slug rule, deriving a slug from another tool's name, and the closest
known codes for a mistyped one; names in short ("R01–R19")."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from sto_qual.domain.drafting_lead import join_words

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_slug(name: str) -> bool:
    return bool(SLUG.match(name))


def slugify(text: str) -> str:
    """'Onzeker (na 2026)' -> 'onzeker-na-2026', "Thema's" -> 'themas', 'kwaliteit_zorg' -> 'kwaliteit-zorg'."""
    text = re.sub(r"['’`]", "", text)
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def derive_name(name: str) -> tuple[str, bool]:
    """The slug for a code name and whether it had to be derived ('' when nothing is left)."""
    name = name.strip()
    if is_slug(name):
        return name, False
    return slugify(name), True


def closest_codes(ref: str, codes: Iterable[tuple[str, str, str | None]], n: int = 3) -> list[str]:
    """Paths of the codes closest to a mistyped ``ref``; ``codes`` are (path, name, label). Codes
    whose path, name or label holds ``ref`` come first, shortest first ("afspraken" named none of
    afspraken-concurrentie, "urgentie/krimp" its code last)."""
    want = ref.strip().strip("/").lower()
    if not want:
        return []
    codes = list(codes)
    holding = sorted({path for path, name, label in codes if len(want) >= 4
                      and any(want in cand.lower() for cand in (path, name, label or "") if cand)},
                     key=lambda p: (len(p), p))
    scored: dict[str, float] = {}
    for path, name, label in codes:
        for cand in (path, name, label or ""):
            if cand:
                r = difflib.SequenceMatcher(None, want, cand.lower()).ratio()
                if r > scored.get(path, 0.0):
                    scored[path] = r
    best = sorted((p for p, r in scored.items() if r >= 0.6 and p not in holding), key=lambda p: (-scored[p], p))
    return (holding + best)[:n]


def near_code(path: str, codes: Iterable[tuple[str, str, str | None]]) -> str | None:
    """An existing code a new code at ``path`` may be a typo of, or a copy of: one of the same name
    under another parent, else one whose name is nearly the same (``code-add docenttekort`` beside
    urgentie/docententekort made a theme of its own, unsaid); ``codes``: (path, name, label)."""
    name = path.strip("/").rsplit("/", 1)[-1]
    others = [(p, n) for p, n, _label in codes if p != path.strip("/")]
    same = [p for p, n in others if n == name]
    if same:
        return same[0]
    scored = [(difflib.SequenceMatcher(None, name, n).ratio(), p) for p, n in others
              if len(name) >= 5 and len(n) >= 5 and not _series(name, n)]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] >= 0.85 else None


def nearly_begins(typed: str, names: Iterable[str], cutoff: float = 0.8) -> bool:
    """``typed`` (four letters or more) is nearly how one of ``names``, or a word of one, begins: a typo
    ("aansluting" for aansluiting-mbo, "techniekaanbood" for "Behoud van het techniekaanbod"), not another
    word whose letters come in its order ("verdeling" in "Uitgestelde investeringen en contracten")."""
    t = typed.strip().casefold()
    if len(t) < 4:
        return False
    words = {w for n in names for w in [n.casefold(), *re.split(r"[\s/_-]+", n.casefold())] if w}
    return any(difflib.SequenceMatcher(None, t, w[:len(t) + 1]).ratio() >= cutoff for w in words)


def _series(a: str, b: str) -> bool:
    """Two names of one series, a part apart ("contacten-po", "contacten-vo", "contacten-mbo")."""
    x, y = a.split("-"), b.split("-")
    apart = [(p, q) for p, q in zip(x, y) if p != q]
    return len(x) == len(y) and len(apart) == 1 and difflib.SequenceMatcher(None, *apart[0]).ratio() < 0.75


def did_you_mean(ref: str, codes: Iterable[tuple[str, str, str | None]]) -> str | None:
    """'did you mean urgentie/docententekort?' or None."""
    best = closest_codes(ref, codes)
    if not best:
        return None
    return "did you mean " + " or ".join(best) + "?"


def is_new_name(ref: str, names: Iterable[str]) -> bool:
    """Whether ``ref``'s last part is far from every one of ``names`` (no ratio of 0.8 or more): a new name meant,
    not a typo ("huisvesting" beside "verschuiving" 0.61; "docentenkort" beside "docententekort" 0.92)."""
    import difflib
    leaf = ref.strip().strip("/").rsplit("/", 1)[-1].lower()
    return all(difflib.SequenceMatcher(None, leaf, n.lower()).ratio() < 0.8 for n in names)


def close_value(value: str, held: Sequence[str]) -> str | None:
    """The value the other documents hold (``held``, one entry per document's value) that ``value`` most likely
    mistypes ("krim", "stedlijk"): a group of its own in every table. None for one they hold (in any capitals), a
    number (130 school boards is no slip of 10), or an attribute nearly every document has a value of its own for
    (a date, a name: "did you mean 2023-11-20?" was noise)."""
    v, others = value.strip(), sorted(set(held))
    if not v or v.replace(",", ".").replace(".", "", 1).isdigit() or (len(held) >= 3
                                                                      and len(others) >= 0.8 * len(held)):
        return None
    return None if v.casefold() in {o.casefold() for o in others} else closest_name(v, others)


def closest_name(ref: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` that ``ref`` most likely mistypes ("onderzoekr-a" -> "onderzoeker-a"),
    compared without regard to case; None when none is close."""
    import difflib
    by_fold = {n.casefold(): n for n in names}
    best = difflib.get_close_matches(ref.casefold(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[best[0]] if best else None


_DIGIT_LOOKALIKE = str.maketrans("oil", "011")  # O for 0, I or l for 1: "RO2" is R02 mistyped


def digits_as_numbers(name: str) -> str:
    """``R01``, ``r1`` and ``RO1`` alike: case folded, letters that look like digits as those
    digits, each run of digits as its number."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), name.casefold().translate(_DIGIT_LOOKALIKE))


def meant_name(ref: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` that ``ref`` means: the only one with its digits written otherwise
    ("R1" or "RO1" for R01), else the one it most likely mistypes (``closest_name``); None."""
    names = list(names)
    same = [n for n in names if digits_as_numbers(n) == digits_as_numbers(ref)]
    return same[0] if len(same) == 1 else closest_name(ref, names)


def short_for(ref: str, names: Iterable[str]) -> str | None:
    """The one name ``ref`` is the first part of, up to a dash, underscore, space or dot ("W01" for
    W01-waalvliet, in any case): a document named after its file is called by its code, as its
    region is (`show W01` was refused); None when no name or several are."""
    want = ref.strip().casefold()
    hits = [n for n in names if len(n) > len(want) and n.casefold().startswith(want) and n[len(want)] in "-_ ."]
    return hits[0] if want and len(hits) == 1 else None


def names_starting(ref: str, names: Iterable[str], most: int = 5) -> str:
    """The names that begin with ``ref`` (any case), said as a choice ("R41, R42 or R43"), when
    more than one does but not every name, and ``ref`` has no one meaning by its digits
    (``meant_name``): "R4" for R41, R42 and R43 named only R43, the one most like it. More than
    ``most``: "R01, R02, R03, R04, R05 or 4 more"; else ""."""
    names = list(names)
    if not ref or sum(digits_as_numbers(n) == digits_as_numbers(ref) for n in names) == 1:
        return ""
    hits = [n for n in names if n.casefold().startswith(ref.casefold())]
    if not 1 < len(hits) < len(names):
        return ""
    return join_words(hits if len(hits) <= most else [*hits[:most], f"{len(hits) - most} more"], "or")


# the attributes the chapter and the workbench know by name (the regional comparison, the roles at
# the table): a new key close to one of these is a typo even in a project that has none yet
WELL_KNOWN_ATTRIBUTES = ("region", "region_type", "respondent_roles", "school_boards", "date")

# a header's Dutch words for the attributes a text file's front matter names ("Regio: R16" is the
# attribute region); other header words are folded ("Aanwezig" -> aanwezig)
HEADER_KEYS = {"regio": "region", "datum": "date", "regiotype": "region_type", "type_regio": "region_type",
               "titel": "title", "interviewer": "interviewer",
               # ("Datum interview" was stored as an attribute of its own, its dates as written)
               **dict.fromkeys(("datum_interview", "interviewdatum", "gespreksdatum", "datum_gesprek"), "date"),
               # ("Rollen aan tafel" was stored as an attribute of its own, unsaid: `stats --by respondent_roles`
               # and the method's "Aan tafel zaten …" missed it)
               **dict.fromkeys(("rollen_aan_tafel", "rollen", "respondentrollen", "rollen_respondenten",
                                "aanwezige_rollen"), "respondent_roles"),
               **dict.fromkeys(("schoolbesturen", "aantal_besturen", "aantal_schoolbesturen"), "school_boards")}


_COMMA_NAME = re.compile(r"(?P<last>[^,()]+),[ ](?P<first>[^,()]+?)(?P<note>[ ]\([^()]*\))?")


def natural_order(label: str) -> str:
    """A name written surname first as the speaker's name ("Jansen, Kees (Gast)" -> "Kees Jansen
    (Gast)", "de Vries, Ans" -> "Ans de Vries"): a role map or pseudonym list that names her
    "Kees Jansen", as every other transcript does, finds her. Anything else as it is."""
    m = _COMMA_NAME.fullmatch(label)
    return f"{m['first']} {m['last']}{m['note'] or ''}" if m else label


def header_key(key: str) -> str:
    """A header word as an attribute key: "Regio" -> region, "Type regio" -> region_type."""
    folded = _folded(key)
    return HEADER_KEYS.get(folded, folded)


def header_alias(key: str) -> str | None:
    """The attribute a header's Dutch word names ("Regiotype" -> region_type, "Datum" -> date),
    or None for any other name."""
    english = HEADER_KEYS.get(_folded(key))
    return english if english is not None and english != _folded(key) else None


def _folded(key: str) -> str:
    return "_".join(key.lower().replace("-", " ").split()).strip(":")


def known_names(names: Iterable[str]) -> dict[str, str]:
    """The ``known`` of ``as_known``: each of ``names`` by its ``casefold()``, the first spelling kept."""
    known: dict[str, str] = {}
    for name in names:
        as_known(name, known)
    return known


def as_known(name: str, known: dict[str, str]) -> str:
    """``name`` as the project already spells it when the two differ only in capitals
    (``known``: each spelling by its ``casefold()``): "Region_Type" is region_type, as ``--where``
    reads it. A name the project does not have is added to ``known`` as given."""
    return known.setdefault(name.casefold(), name)


_NOT_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')


def file_part(name: str, taken: dict[str, str]) -> str:
    """``name`` (a coder's, a document's) as one folder or file name that stays inside the folder
    it is written to: separators and characters Windows refuses become "_", leading and trailing
    dots and spaces go ("team/a" -> "team_a", ".." -> "_"). ``taken`` (a folder's names by
    ``casefold()``, to the name each stands for) keeps two names that come out alike apart
    ("team_a-2"), also on a file system that ignores capitals."""
    part = _NOT_IN_FILE_NAMES.sub("_", name).strip(" .") or "_"
    base, n = part, 2
    while taken.setdefault(part.casefold(), name) != name:
        part, n = f"{base}-{n}", n + 1
    return part


def restore_command(backup: object, project: object) -> str:
    """The command that brings ``backup`` back into ``project``, quoted for a shell: with its
    --project and both paths whole, so that it replaces that project from any folder (without it,
    it replaced the default sto-qual.db of the folder it was run in)."""
    import os
    import shlex
    whole = [shlex.quote(os.path.abspath(str(p))) for p in (project, backup)]
    return f"`sto-qual restore -p {whole[0]} {whole[1]}`"


_SIBLING = re.compile(r"^(.*?[-_ .]?)([0-9]+|[a-z])$")


def siblings(a: str, b: str) -> bool:
    """Two names of one series, not one name mistyped: they differ only in a closing number or
    a closing single letter after a separator ("onderzoeker-a" and "onderzoeker-b", "coder1"
    and "coder2")."""
    ma, mb = _SIBLING.match(a.casefold()), _SIBLING.match(b.casefold())
    if not (ma and mb) or ma.group(1) != mb.group(1) or ma.group(2) == mb.group(2):
        return False
    digits = ma.group(2).isdigit() and mb.group(2).isdigit()
    return digits or (ma.group(1)[-1:] in "-_ ." and bool(ma.group(1)))


def names_in_short(names: Iterable[str], most: int = 12) -> str:
    """Names as a reader takes them in: a run of numbered names as one range ("R01–R19"), the
    rest as they are, in order; past ``most`` items the number left ("and 40 more")."""
    items: list[str] = []
    run: list[tuple[str, int, str]] = []  # (prefix, number, name) of the run being gathered

    def close() -> None:
        if run:
            items.append(run[0][2] if len(run) == 1 else f"{run[0][2]}–{run[-1][2]}" if len(run) > 2
                         else f"{run[0][2]}, {run[1][2]}")
            run.clear()
    for name in names:
        m = re.fullmatch(r"(\D*?)(\d+)", name)
        if m and run and run[-1][0] == m.group(1) and int(m.group(2)) == run[-1][1] + 1 \
                and (len(m.group(2)) == len(run[-1][2]) - len(m.group(1)) or not m.group(2).startswith("0")):
            run.append((m.group(1), int(m.group(2)), name))
            continue
        close()
        if m:
            run.append((m.group(1), int(m.group(2)), name))
        else:
            items.append(name)
    close()
    if len(items) > most:
        return ", ".join(items[:most - 2]) + f" and {len(items) - most + 2} more"
    return ", ".join(items)


# letters of other scripts that look like Latin ones (Cyrillic and Greek), the dashes that look
# like a hyphen, and the characters that show as nothing: a name written with them looks like
# another in every list ("annа", its last letter Cyrillic, beside "anna")
_LOOKALIKE = str.maketrans({**dict(zip("аеорсуххіјѕԁɡАВЕКМНОРСТХ", "aeopcyxxijsdgABEKMHOPCTX")),
                            **dict(zip("οανρκιΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", "oavpkiABEHIKMNOPTXYZ")),
                            **{d: "-" for d in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63,
                                                0xFF0D, 0x02D7, 0x2043, 0x2796)},
                            **{z: " " for z in (0x00A0, 0x2007, 0x202F)}})
# shown as nothing or as a blank: format characters (soft hyphen, zero-width space, ...), variation
# selectors, the combining grapheme joiner, the Hangul fillers, the braille blank, Khmer's inherent vowels
_INVISIBLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0\ufe00-\ufe0f"
                        "\U000e0100-\U000e01ef]")


def _shows_nothing(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or _INVISIBLE.match(ch) is not None


def invisible_character(name: str) -> str | None:
    """The first character of ``name`` that shows as nothing or a blank, as U+XXXX, or None."""
    return next((f"U+{ord(ch):04X}" for ch in name if _shows_nothing(ch)), None)


def _skeleton(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).translate(_LOOKALIKE)
                   if not _shows_nothing(ch)).casefold()


def lookalike(name: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` that ``name`` looks the same as without being it: written with letters
    of another script that look like Latin ones, a dash for a hyphen, or a character that shows as
    nothing."""
    skeleton = _skeleton(name)
    return next((other for other in names if other.casefold() != name.casefold() and _skeleton(other) == skeleton),
                None)
