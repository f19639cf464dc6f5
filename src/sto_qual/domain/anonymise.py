"""Pseudonymisation applied to every export (the project keeps the verbatim text).

Plain names are whole-word, case-insensitive, longest first ("Jan de Vries" wins over
"Jan"); matching walks the text's words once and looks names up by their first
word, so hundreds of names cost about the same as one. Regex entries (e.g. school-name
patterns) run afterwards.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sto_qual.domain.controls import strip_controls
from sto_qual.domain.identifying import COUNT_PLACEHOLDER, person_placeholder
from sto_qual.domain.model import PARTIES, PARTY_PERSONS, ROLES
from sto_qual.domain.text import EMAIL, PARTICLES

_WORD = re.compile(r"\w+")


# where a sentence opens: the text's start, or after . ! ? (a closing quotation mark or bracket
# between) and a space
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?…][\"”’)]?\s+)$")
# the other half of a double surname ("Hoekstra-de Boer" with "De Boer" listed: "Hoekstra-[wethouder]" named her)
_UPPER = "A-ZÀ-ÖØ-Þ"
_JOINED_BEFORE = re.compile(rf"(?<![\w-])(?:[{_UPPER}][\w'’]*-)+$")
_JOINED_AFTER = re.compile(rf"(?:-[{_UPPER}][\w'’]*)+(?![\w-])")
# a person's initials before her surname ("J.P. Smeets", "JP Smeets", "A. de Boer"): a person's placeholder takes
# them ("J.P. [naam]" went out in the chapter, the quote files and the grid, unsaid). Two dotted ones are initials;
# one letter, dotted or not, and two capitals ("JP") only before a surname (not a first name listed with her
# role: "plan A. Marieke", "OK Jan") and not as an acronym ("TU Delft", "het VO")
_INITIALS_BEFORE = re.compile(rf"(?<![\w.])(?:(?P<two>(?:[{_UPPER}]\.\s?){{2,4}})|[{_UPPER}]\.\s?|"
                              rf"(?P<bare>[{_UPPER}]{{1,2}})\s)(?:{PARTICLES}\s)?$")
_NO_INITIALS = frozenset("ok tu vo po ho wo mr dr ir nl eu bv nv tv ai it hr mt pr ik".split())
# a surname after a listed first name: another person's ("Jan Nijhuis" beside a list's "Jan" -> "[bestuurder]")
_SURNAME_AFTER = re.compile(rf"\s(?:{PARTICLES}\s){{0,3}}[{_UPPER}][a-zà-ÿ]")
_ROLE_WORDS = frozenset({*ROLES, *PARTY_PERSONS.values()})
_POSSESSIVE = re.compile(r"(?:s|['’]s)(?!\w)")


# contact details, which name one person or one address whatever the pseudonym list says: taken out of
# every export before anything else is read (a quote "reacties naar p.vanwijk@hetbaken.nl of bellen
# naar 06-12345678" was the chapter's example). A Dutch phone number is ten digits from a 0 (or +31
# and nine), in groups; a postcode four digits and two capitals before the town's name ("8861 AB
# Oosterend", not "1200 VO-leerlingen": SA, SD and SS are never given, VO, PO and HO are school levels)
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\)\s?)?[1-9]|\(?0[1-9])"
                    r"(?:\)?(?:\s?[-–—]\s?|\s)?\d){8}(?![\w-])")  # ("0596 – 61 23 45": a dash too)
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS|VO|PO|HO)[A-Z]{2}(?=,?\s+[A-Z][a-z])")
# written small ("8861 ab Oosterend"): not when the two letters are a word or a unit ("in 2021 en Rotterdam")
# (a town in small letters too: "1234 ab dorpsveen"); written together, "1234AB", it is one alone
_NO_POSTCODE = r"(?:sa|sd|ss|vo|po|ho|wo|mb|de|en|in|op|te|is|of|om|al|nu|zo|ja|na|ik|je|we|ze|er|ga|ie|ma|pa|oh|ok|" \
    r"km|cm|mm|kg|pk|ha|gb|tb|kb|ml|cl|dl|uk|eu|nl|mw|kw|gw|uur|pm|am|nr|bv|ca|vs|cq|dr|mr|ir|ct|co|hr)\b"
_POSTCODE_SMALL = re.compile(rf"(?<![\w-])[1-9]\d{{3}} ?(?!{_NO_POSTCODE})[a-z]{{2}}(?=,?\s+[A-Za-z][a-z]{{2}})")
# in capitals with no town after it ("postcode 5988 AB, waar …"), unless the letters are a unit or an
# acronym a number comes before ("9934 GB", "1500 MW", "2019 EU")
_POSTCODE_ALONE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!(?:SA|SD|SS|VO|PO|HO|WO|GB|MB|KB|TB|MW|KW|GW|KM|CM|MM|KG|PK|"
                             r"HA|EU|NL|UK|BV|NV|PC|TV|CV|AI|IT|HR|OK|AM|PM|NS|AD|BC)\b)[A-Z]{2}(?![\w'’-])")
_POSTCODE_TOGETHER = re.compile(rf"(?<![\w-])[1-9]\d{{3}}(?!(?i:{_NO_POSTCODE}))[A-Z]{{2}}(?![\w-])")
# an address written so that no program reads it as one, or as said and typed out: "p.vanwijk(at)hetbaken.nl",
# "p.vanwijk [at] hetbaken punt nl", "p punt vanwijk apenstaartje hetbaken punt nl"
_DOT = r"(?:\.|\s?[(\[{]\s?(?:dot|punt)\s?[)\]}]\s?|\s(?:punt|dot)\s)"
# ("anna(a)school.nl"; a bare spoken "at" only before a domain said with its "punt nl")
_EMAIL_WRITTEN_OUT = re.compile(
    r"(?<![\w.+-])[\w+-]+(?:(?:\.|\s(?:punt|dot)\s)[\w+-]+)*"
    r"(?:\s?[(\[{]\s?(?:at|a|apenstaartje)\s?[)\]}]\s?|\s(?:apenstaartje|at-teken)\s"
    r"|\sat\s(?=[\w-]+(?:\s(?:punt|dot)\s[\w-]+)*\s(?:punt|dot)\s(?:nl|com|org|net|eu|be|nu|info)\b))"
    rf"[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE)
_MAY_HOLD = re.compile(r"[@\d]|\ba\s?[)\]}]|at\s?[)\]}]|apenstaartje|at-teken|\sat\s", re.IGNORECASE)
# each kind with its placeholder, in the order they are taken out (a phone number before a postcode)
_CONTACTS = ((EMAIL, "[e-mailadres]"), (_EMAIL_WRITTEN_OUT, "[e-mailadres]"), (_PHONE, "[telefoonnummer]"),
             (_POSTCODE, "[postcode]"), (_POSTCODE_SMALL, "[postcode]"), (_POSTCODE_TOGETHER, "[postcode]"),
             (_POSTCODE_ALONE, "[postcode]"))


def without_contact_details(text: str) -> str:
    """``text`` with every e-mail address, phone number and postcode in it replaced by its placeholder."""
    if _MAY_HOLD.search(text):  # (most texts hold none: nothing to look for)
        for rx, placeholder in _CONTACTS:
            text = rx.sub(placeholder, text)
    return text


def cut_contact_details(doc_text: str, start: int, end: int) -> str:
    """The passage ``doc_text[start:end]`` with a contact detail that its start or end cuts taken out
    (``_CONTACTS``): a coding that began inside a phone number printed "2345678", one that
    ended inside it "bel je op 06-123", which no export recognised as a number. Whole ones inside
    it are the exports' to take out (``without_contact_details``)."""
    text = doc_text[start:end]
    lo, hi = max(0, start - 60), min(len(doc_text), end + 60)
    window = doc_text[lo:hi]
    cuts = sorted(((max(m.start() + lo, start) - start, min(m.end() + lo, end) - start, placeholder)
                   for rx, placeholder in _CONTACTS
                   for m in rx.finditer(window) if m.start() + lo < start < m.end() + lo
                   or m.start() + lo < end < m.end() + lo), reverse=True)
    for a, b, placeholder in cuts:
        text = text[:a] + placeholder + text[b:]
    return text


class _BacktrackingPattern:
    def __init__(self, pattern: str) -> None:
        self._rx = re.compile(pattern, re.IGNORECASE)

    def replace(self, text: str, repl: str) -> str:
        return self._rx.sub(lambda _m: repl, text)


class Anonymiser:
    def __init__(self, entries: Sequence[tuple[str, str, bool]],
                 compile_regex: Callable[[str], Any] | None = None) -> None:
        self.entries = list(entries)
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for pattern, repl, is_regex in entries:
            if is_regex:
                continue
            name = pattern.strip()
            m = _WORD.search(name)
            if not name or not m:
                continue
            self._by_first.setdefault(m.group(0).lower(), []).append((name.lower(), repl))
        for cands in self._by_first.values():
            cands.sort(key=lambda c: -len(c[0]))
        # a name that starts with a non-word character ("'t Veld") is keyed by its first word;
        # the match below starts at that word, so keep the prefix offset
        # regex entries are compiled by ``compile_regex`` (the services pass a linear-time
        # engine: a backtracking pattern must never hang an export); the default is for tests
        compile_regex = compile_regex or _BacktrackingPattern
        self._regex = [(compile_regex(p), r) for p, r, is_regex in entries if is_regex]
        self._done: dict[str, str] = {}  # a chapter passes the same passage here three times over

    def __call__(self, text: str | None) -> str:
        if not text:
            return text or ""
        done = self._done.get(text)
        if done is None:
            if len(self._done) > 50_000:
                self._done.clear()
            done = self._done[text] = self._apply(text)
        return done

    def _apply(self, text: str) -> str:
        text = without_contact_details(text)
        if self._by_first:
            text = self._plain(text)
        for rx, repl in self._regex:
            text = rx.replace(text, repl)
        if "] (" in text:  # "Ans de Vries (penvoerder)" -> "[penvoerder] (penvoerder)": the role once
            text = _SAID_TWICE.sub(r"[\1]", text)
        if " [" in text:  # "wethouder Bakker" -> "wethouder [wethouder]": the role once too
            text = _SAID_BEFORE.sub(_role_once, text)
        # every exported text passes here: no terminal escape leaves in a file (Word and Excel
        # would refuse the character anyway), even from a project stored before the checks
        return strip_controls(text)

    def _plain(self, text: str) -> str:
        low = text.lower()
        out: list[str] = []
        pos = 0
        for m in _WORD.finditer(low):
            s = m.start()
            if s < pos:
                continue
            word = m.group(0)
            cands = self._by_first.get(word)
            if not cands and word[-1:] == "s" and text[s:s + 1].isupper():  # "Jans": Jan's (``_POSSESSIVE``)
                cands = self._by_first.get(word[:-1])
            if not cands:
                continue
            for name, repl in cands:
                e = s + len(name)
                # a name's possessive, written with its capital ("Jans idee", "Marieke's plan"): the placeholder's
                # (the warning offered the listed name, "already on the list", and "Jans" went out unchanged)
                owner = _POSSESSIVE.match(low, e) if text[s:s + 1].isupper() else None
                if low.startswith(name, s) and (owner or e >= len(low) or not (low[e].isalnum() or low[e] == "_")):
                    if owner:  # (a pseudonym too: "Jans idee" with Jan -> Piet is "Piets idee")
                        e, repl = owner.end(), (person_placeholder(None) if repl[1:-1] in _ROLE_WORDS else repl) \
                            + text[e:owner.end()]
                    if repl[:1] == "[":  # a placeholder takes the whole double name, both halves
                        before = _JOINED_BEFORE.search(text, pos, s)
                        after = _JOINED_AFTER.match(text, e)
                        # a first name's role is hers: with another half ("Gert-Jan") or a surname after it
                        # ("Jan Nijhuis") it is another person's name, and "[bestuurder]" gave him her role
                        if (before or after or _SURNAME_AFTER.match(text, e)) and " " not in name \
                                and repl[1:-1] in _ROLE_WORDS:
                            repl = person_placeholder(None)
                        s = before.start() if before else s
                        e = after.end() if after else e
                        initials = _INITIALS_BEFORE.search(text, pos, s) if _a_person(repl) else None
                        if initials and (initials.group("two") or (" " in name or repl[1:-1] not in _ROLE_WORDS)
                                         and (initials.group("bare") or "").lower() not in _NO_INITIALS):
                            s = initials.start()
                    out.append(text[pos:s])
                    # a name that opens a sentence gives a placeholder that opens it: "[Bedrijf] zei laatst …"
                    # (a name alone, as in a table's cell, stays as the list writes it)
                    opens = (repl[:1] == "[" and repl[1:2].islower() and text[s:s + 1].isupper()
                             and _OPENS_SENTENCE.search(text, max(0, s - 8), s) and text[e:].strip(" .!?")
                             and not _LIST_ITEM.match(text, e))  # a list's first ("Ans de Vries (penvoerder), …")
                    out.append("[" + repl[1].upper() + repl[2:] if opens else repl)
                    pos = e
                    break
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    @property
    def names(self) -> list[str]:
        return [p for p, _, is_regex in self.entries if not is_regex]


# what a placeholder stands for, so the method says which names were replaced (it claimed
# "personen, scholen en plaatsen" for a list of persons only)
_PLACES = frozenset({"plaats", "regio", "gemeente", "dorp", "stad", "provincie", "buurland", "land", "wijk", "eiland",
                     "place", "region", "town", "city", "village"})
_COMPANIES = frozenset({"bedrijf", "werkgever", "onderneming", "fabriek", "company", "employer", "firm"})
_PERSONS = frozenset({"naam", "persoon", "voornaam", "achternaam", "wethouder", "docent", "leerling", "ouder",
                      "collega", "voorzitter", "adviseur", "medewerker", "teamleider", "schoolleider", "rector",
                      "decaan", "coördinator", "name", "person", "teacher", "alderman", "colleague"})
_NOT_NAMES = frozenset({"aantal", "getal", "jaar", "datum", "bedrag", "number", "year", "date", "amount"})
KINDS = ("persons", "schools", "companies", "organisations", "places")
COUNTS = "counts"  # "[aantal] besturen": a number that points to a region, not a name


# the usual Dutch placeholders of a pseudonym list, in English words: an English chapter keeps its
# Dutch quotes verbatim, and its method says what each "[plaats]" in them stands for
PLACEHOLDERS_EN: dict[str, str] = {
    "plaats": "a place", "stad": "a town", "dorp": "a village", "gemeente": "a municipality",
    "provincie": "a province", "regio": "a region", "buurland": "a neighbouring country",
    "school": "a school", "vmbo-school": "a pre-vocational school", "scholengemeenschap": "a school",
    "mbo-instelling": "a vocational college", "mbo": "a vocational college", "roc": "a vocational college",
    "hogeschool": "a university of applied sciences", "schoolbestuur": "a school board", "bestuur": "a school board",
    "bedrijf": "a company", "werkgever": "an employer", "organisatie": "an organisation", "netwerk": "a network",
    "techlab": "a techlab", "techniekhub": "a technology hub", "werkplaats": "a workshop",
    "naam": "a name", "persoon": "a person", "collega": "a colleague", "leerling": "a pupil",
    "docent": "a teacher", "wethouder": "an alderman", "aantal": "a number", "bedrag": "an amount",
    "datum": "a date", "jaar": "a year",
    "e-mailadres": "an e-mail address", "telefoonnummer": "a phone number", "postcode": "a postcode",
}


def _a_person(repl: str) -> bool:
    """The placeholder stands for a person ("[naam]", "[wethouder]", "[Naam]s"), not a place, school or firm."""
    word = repl[1:repl.find("]")].lower() if repl[:1] == "[" and "]" in repl else ""
    return word in _ROLE_WORDS or word in _PERSONS


def counted_nouns(replacements: Sequence[str]) -> list[str]:
    """What the pseudonym list's count placeholders count, in order: "besturen" of "[aantal] besturen"."""
    return list(dict.fromkeys(m.group(1).strip() for r in replacements
                              for m in [re.fullmatch(r"\[(?:aantal|getal|number)\]\s+(\S.*)", (r or "").strip())] if m))


def replaced_kinds(replacements: Sequence[str], person_words: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """What the pseudonym list's placeholders stand for ("[naam]", "[school]", "[plaats]"), in
    ``KINDS`` order: persons (also a role: ``person_words``), schools, companies, other
    organisations ("[techlab]"), places; last ``COUNTS`` when a number was replaced ("[aantal]
    besturen"). A replacement without a placeholder (a made-up name) says nothing of its kind."""
    found: set[str] = set()
    for repl in replacements:
        for word in re.findall(r"\[([^\]]+)\]", repl or ""):
            w = word.strip().lower()
            if w in _NOT_NAMES:
                found.add(COUNTS)
                continue
            if not w:
                continue
            if w in _PERSONS or w in person_words:
                found.add("persons")
            elif "school" in w or w in ("mbo-instelling", "college", "roc", "hogeschool", "universiteit"):
                found.add("schools")
            elif w in _COMPANIES:
                found.add("companies")
            elif w in _PLACES:
                found.add("places")
            else:
                found.add("organisations")
    return [k for k in (*KINDS, COUNTS) if k in found]


# --- placeholders in the chapter's own sentences --------------------------------------------------
# A quote keeps "[school]" where a name was (it is the speaker's words, marked); a sentence of the
# chapter that retells a passage ("Een regio noemt als voorbeeld: [bedrijf] zoekt lassers") reads
# as unfinished with brackets: there a placeholder becomes ordinary words, the thing in general
# ("een bedrijf", "een ander bedrijf" the second time), a person by role ("de penvoerder")
PROSE_WORDS = {  # placeholder -> (its words, the words for a second one in the same sentence)
    "school": ("een school", "een andere school"), "schoolbestuur": ("een schoolbestuur", "een ander schoolbestuur"),
    "bedrijf": ("een bedrijf", "een ander bedrijf"), "plaats": ("een plaats in de regio", "een andere plaats"),
    "mbo-instelling": ("de mbo-instelling", "een andere mbo-instelling"), "aantal": ("meerdere", "meerdere"),
    "penvoerder": ("de penvoerder", "de penvoerder"), "programmaleider": ("de programmaleider", "de programmaleider"),
    "bestuurder": ("een bestuurder", "een andere bestuurder"), "directeur": ("een directeur", "een andere directeur"),
    "wethouder": ("de wethouder", "een andere wethouder"), "interviewer": ("de interviewer", "de interviewer"),
    "stuurgroeplid": ("een stuurgroeplid", "een ander stuurgroeplid"), "docent": ("een docent", "een andere docent"),
    "werkgever": ("een werkgever", "een andere werkgever"), "naam": ("iemand", "iemand anders"),
    "persoon": ("iemand", "iemand anders"), "techlab": ("het techlab", "een ander techlab"),
    "techniekhub": ("de techniekhub", "een andere techniekhub"), "werkplaats": ("de werkplaats", "een andere werkplaats"),
    "netwerk": ("een netwerk", "een ander netwerk"), "regio": ("een andere regio", "nog een andere regio"),
    "buurland": ("een buurland", "een ander buurland"),
    **{PARTY_PERSONS[party]: (f"een vertegenwoordiger van {the}", f"een andere vertegenwoordiger van {the}")
       for party, the in PARTIES.items()},
}
_PROSE_PLACEHOLDER = re.compile(r"(?:\bin )?\[([^\[\]]{1,40})\]")
# a placeholder after "de locatie", "het bedrijf": it was the name beside the noun, and words
# there ("op de locatie een plaats in de regio") break the sentence: it goes, the noun says enough
_NAMED_NOUN = re.compile(r"\b(de|het|die|dat|deze|onze|hun|ons)\s+([a-zà-ÿ-]+)$", re.IGNORECASE)
# words after "dat"/"die" that are no noun ("vertelt dat op [school] …": the conjunction, then a
# preposition; the name is the sentence's own, not one beside a noun)
_NO_NOUN = frozenset("""op in bij met van voor naar aan uit over door om tot onder tussen zonder sinds na tegen
achter binnen buiten langs via per als er men we wij ze zij je hij ik het de een ook nu al wel niet dan nog
toen daar hier zo is was zijn waren heeft hebben had kan moet wordt werd""".split())
# a count after a word that already says which ones ("alle [aantal] besturen", "de [aantal] scholen"):
# the count goes, as "meerdere" there breaks the sentence
_COUNTED = re.compile(r"\b(alle|al|de|die|deze|onze|hun|ons|beide)$", re.IGNORECASE)


def placeholders_in_prose(text: str) -> str:
    """``text`` (a sentence of the chapter, after the pseudonym list) with each placeholder of
    ``PROSE_WORDS`` in words: "[bedrijf] zoekt lassers, [bedrijf] zoekt monteurs" -> "een bedrijf
    zoekt lassers, een ander bedrijf zoekt monteurs"; "in [plaats]" -> "ergens in de regio"; at a
    sentence's start with a capital; one that named the noun before it goes, and the noun is one of
    its kind ("op de locatie [plaats] heeft men BWI" -> "op een locatie heeft men BWI"). A placeholder it does not know stays as it is."""
    seen: dict[str, int] = {}
    dropped: list[str] = []
    squeezed: list[int] = []  # a count gone after its determiner ("alle meerdere besturen" is no Dutch)

    def words(m: re.Match) -> str:
        key = m.group(1).strip().lower()
        if key not in PROSE_WORDS:
            return m.group(0)
        before = text[:m.start()].rstrip()
        n = seen[key] = seen.get(key, 0) + 1  # (one that goes counts: "het bedrijf …, een ander bedrijf")
        # (a count names no noun before it: "het ROC [aantal] locaties" lost "het ROC" and the count)
        named = _NAMED_NOUN.search(before) if not m.group(0).startswith("in ") and key != "aantal" else None
        if named and named.group(2).lower() in _NO_NOUN:
            named = None
        if key == "aantal" and _COUNTED.search(before):  # "namens alle [aantal] besturen": "alle besturen"
            squeezed.append(m.start())
            return ""
        if named:
            dropped.append((named.start(), named.group(1)))
            return ""
        if key == "plaats" and m.group(0).startswith("in "):
            # after "Een regio noemt als voorbeeld:" the region is said: "een regio … ergens in de regio" repeated it
            said = ("in een van de plaatsen" if "regio" in before.lower() else "ergens in de regio") if n == 1 \
                else "ergens anders"
        else:
            said = ("in " if m.group(0).startswith("in ") else "") + PROSE_WORDS[key][0 if n == 1 else 1]
        return said[:1].upper() + said[1:] if not before or before.endswith((".", "!", "?")) else said
    out = _PROSE_PLACEHOLDER.sub(words, text)
    for at, article in reversed(dropped):  # the noun without its name is one of its kind: "op een locatie"
        if article.lower() in ("de", "het"):
            out = out[:at] + ("Een" if article[0].isupper() else "een") + out[at + len(article):]
    if dropped or squeezed:  # the space the name took: "de locatie  heeft" -> "de locatie heeft", "locatie ." -> "locatie."
        out = re.sub(r" +(?=[,.;:!?])", "", re.sub(r" {2,}", " ", out))
    return out


# what follows a name that is a list's first item, not a sentence's subject: its role, then a comma
_LIST_ITEM = re.compile(r" \([^()\n]{1,60}\),")
# a replaced name with the role beside it that its placeholder already says: "[penvoerder] (penvoerder)"
# ("[vertegenwoordiger gemeente] (gemeente)" too; "[directeur] (directeur vmbo)" says more, and stays)
_SAID_TWICE = re.compile(r"\[((?:vertegenwoordiger )?([^\[\]\n]{1,40}))\] \(\2\)", re.IGNORECASE)
# and one written before the name: "interviewer Sanne" -> "interviewer [interviewer]" (a re-tester's export)
_SAID_BEFORE = re.compile(r"\b([^\W\d_]{2,40}) \[((?:vertegenwoordiger )?\1)\]", re.IGNORECASE)
_ROLE_WORDS = frozenset({*ROLES, *PARTIES})  # (a person's role: "postcode [postcode]" says what was there)


def _role_once(m: re.Match) -> str:
    """``_SAID_BEFORE``'s match as its placeholder alone, capitalised as the role word was ("Wethouder
    [wethouder]" -> "[Wethouder]"); a word no role is stays."""
    word, placeholder = m.group(1), m.group(2)
    if word.lower() not in _ROLE_WORDS:
        return m.group(0)
    return f"[{placeholder[0].upper() if word[0].isupper() else placeholder[0]}{placeholder[1:]}]"


# "Het [school] doet mee": the article belonged to the name that was replaced; a placeholder
# takes none ("[school] doet mee", "van [school]"), whatever gender the real name had. A replaced
# count keeps it: in "De [aantal] besturen" the article is the noun's. The placeholder's first
# letter takes the capital of an article that opened a sentence
_ARTICLE_THEN = re.compile(r"\b([Hh]et|[Dd]e|'t)\s+\[(?!" + re.escape(COUNT_PLACEHOLDER[1:]) + r")(?=[^\]\s]+\])(.)")


def without_article(anon: Callable[[str], str]) -> Callable[[str], str]:
    """The pseudonym list as the chapter applies it: a definite article before a replaced
    name is dropped with the name."""
    def apply(text: str) -> str:
        out = anon(text)
        if "[" not in out:
            return out
        # "Het [bedrijf] belde …" opening a sentence: "[Bedrijf] belde …", as the article did ("dat De
        # Smidse open blijft": a name's own article, in a sentence, leaves "[techlab]")
        return _ARTICLE_THEN.sub(lambda m: "[" + (m.group(2).upper() if _OPENS_SENTENCE.search(
            out, max(0, m.start() - 8), m.start()) else m.group(2)), out)
    return apply
