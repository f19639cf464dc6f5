"""The pseudonym list: names (or patterns) replaced in every export; the project keeps
the verbatim text.

Contract: a name, replacement or pattern is checked before it is stored (control
characters, a pattern the linear-time engine cannot run); importing a list checks every
row first, so a bad row leaves the list as it was."""
from __future__ import annotations

import re
import shlex
from collections.abc import Collection
from pathlib import Path

from sto_qual.domain.controls import check_name
from sto_qual.domain.errors import ExportError, StoQualError
from sto_qual.domain.text import first_few
from sto_qual.services.session import Session

_TRUE = ("1", "true", "ja", "yes")
NOT_NAMES_SETTING = "not_names"  # the words `pseudonyms keep` says are no names (folded)
# the transcripts' capitalised words (``NameProfile``), kept with the documents they were read from
NAME_PROFILE_SETTING = "name_profile"


# the name scan's rule as kept in a project: another version is read again (2: e-mail addresses and links are
# no words, "klaas.bruinsma@school.nl" had made "Klaas" a word written small; 3: "IJmuiden" is a name)
SCAN_VERSION = 3


def _name_key(word: str) -> str:
    """A word as the missed-name check compares it: lower case, without diacritics."""
    from sto_qual.domain.text import fold
    return fold(word.lower())


def forget_name_profile(store) -> None:
    """A deleted interview leaves nothing in the project: its words go from the kept profile."""
    if store.settings.get(NAME_PROFILE_SETTING) is not None:
        store.settings.set(NAME_PROFILE_SETTING, None)


class PseudonymService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def common_word_uses(self, names: list[str] | None = None) -> list[str]:
        """Plain names on the list (or ``names``) that the transcripts also hold in lower case,
        one line each: a name matches whatever its case (a name a transcriber wrote small is
        still replaced), so "De Werkplaats" (a techlab) replaced "de werkplaats" (a school's
        workshop) in other regions' quotes too, changing what they said."""
        import re
        plain = {p.pattern: p.replacement for p in self.store.pseudonyms.all() if not p.is_regex}
        wanted = [n for n in (names if names is not None else plain) if n in plain and n != n.lower()]
        if not wanted:
            return []
        by_lower = {n.lower(): n for n in wanted}
        rx = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(by_lower, key=len, reverse=True))
                        + r")(?!\w)", re.IGNORECASE)
        found: dict[str, dict[str, None]] = {}
        for d in self.store.documents.light():
            for m in rx.finditer(self.session.text(d.id)):
                if m.group(0) == m.group(0).lower():
                    found.setdefault(by_lower[m.group(0).lower()], {})[d.name] = None
        out = []
        for name, docs in found.items():
            where = ", ".join(list(docs)[:5]) + (f" and {len(docs) - 5} more" if len(docs) > 5 else "")
            out.append(f"‘{name}’ also occurs in lower case in {where} (‘{name.lower()}’), and is replaced there "
                       f"too; if those words are not the name, give it as a pattern that keeps its case: "
                       f"`sto-qual pseudonyms remove '{name}'` and `sto-qual pseudonyms add --regex "
                       f"'\\b(?-i:{_literal(name)})\\b' '{plain[name]}'`")
        return out

    def kept(self) -> list[str]:
        """The words the project says are no names (`pseudonyms keep`), as given."""
        return list(self.store.settings.get(NOT_NAMES_SETTING) or [])

    def keep(self, words: str, clear: bool = False) -> list[str]:
        """Say that each word of ``words`` is no name (``clear``: take that back), so the report
        and `quotes` stop asking about it; returns the words that changed."""
        check_name(words, "the word")
        given = words.split()
        if not given:
            raise StoQualError("no word given", hint="e.g. `sto-qual pseudonyms keep Vakcollege`")
        kept = self.kept()
        folded = {_name_key(w): w for w in kept}
        changed = []
        for word in given:
            have = folded.get(_name_key(word))
            if clear and have is None:
                raise StoQualError(f"'{word}' is not kept", hint="see `sto-qual pseudonyms keep`")
            if clear:
                kept.remove(have)
                del folded[_name_key(word)]
                changed.append(have)
            elif have is None:
                kept.append(word)
                folded[_name_key(word)] = word
                changed.append(word)
        if changed:
            self.store.settings.set(NOT_NAMES_SETTING, kept)
        return changed

    def name_profile(self):
        """What the transcripts write as names (``domain.missed_names``), kept in the project as
        the scan it comes from, with the documents (ids and content hashes) it read: a report
        reads no transcript for it, an import reads only the transcripts it adds (it does so as it
        ends, so that the first report does not: 6 million words take 2.9 s), and a changed or
        deleted document has all of them read again."""
        from sto_qual.domain.missed_names import NameProfile, NameScan
        made = self.store.documents.made_of()
        kept = self.store.settings.get(NAME_PROFILE_SETTING)
        had = {tuple(x) for x in kept["made_of"]} if isinstance(kept, dict) and kept.get("version") == SCAN_VERSION \
            else None
        scan = None
        if had is not None and had <= set(made):
            scan = NameScan({w: set(d) for w, d in kept["mid"].items()}, {w: set(d) for w, d in kept["first"].items()},
                            set(kept["lower"]))
        new = [d for d, h in made if scan is None or (d, h) not in had]
        if new or scan is None:
            read = NameScan.of({d: self.store.documents.text(d) for d in new}, fold=_name_key)
            scan = read if scan is None else scan.join(read)
            try:  # a project open read-only, or busy beyond the wait: read again next time
                self.store.settings.set(NAME_PROFILE_SETTING, {
                    "version": SCAN_VERSION, "made_of": made, "lower": sorted(scan.lower),
                    "mid": {w: sorted(d) for w, d in scan.mid.items()},
                    "first": {w: sorted(d) for w, d in scan.first.items()}})
            except StoQualError:
                pass
        return NameProfile.from_scan(scan, len(made))

    def unlisted_names(self, passages) -> list[str]:
        """One line per name the printed passages still hold ((coding ids, text as printed, what
        it is) each; ``domain.missed_names.NameProfile``): a word the transcripts write only with
        a capital, in mid-sentence, that the pseudonym list did not replace ("in Hoornsand"),
        naming where it is printed and the two commands that settle it."""
        from sto_qual.domain.identifying import PLACEHOLDERS, person_placeholder, placeholder_for
        passages = list(passages)
        if not passages:
            return []
        key = _name_key
        docs = {d.id: d.name for d in self.store.documents.light()}
        profile = self.name_profile()
        kept = {key(w) for w in self.kept()}

        def is_word(w: str) -> bool:  # the Dutch tables, read only when a printed passage needs them
            from sto_qual.nlp.lemmas import lemmatizer
            known = lemmatizer().knows
            # a compound of words ("Zij-instromers" opening a sentence) is a word; a part the
            # language does not know ("Vledder-Oost") leaves it asked about
            return known(w) or ("-" in w and all(part and known(part) for part in w.split("-")))
        found: dict[str, list[str]] = {}
        before: dict[str, str] = {}  # the text before a name's first place: what it names
        people = {n: ds for n, ds in self._people(docs).items() if key(n) not in kept}
        firsts = self._first_names(profile, kept, is_word)
        # a listed person's first name alone ("Klaas is een kanjer" beside "Klaas Bruinsma" on the list);
        # a speaker's or a participant's name, which the text alone does not show to be one (as a possessive
        # too, "Joosts punt", and in lower case where it is no Dutch word: "volgens joost")
        first_rx = [(f, _as_name(f, 0)) for f in firsts]
        people_rx = [(n, _as_name(n, 0 if is_word(key(n)) else re.IGNORECASE)) for n in people]
        for ids, text, what in passages:
            named = profile.unlisted(text, kept, fold=key, is_word=is_word)
            low = text.lower()
            named += [f for f, rx in first_rx if f not in named and f in text and rx.search(text)]
            named += [n for n, rx in people_rx if n not in named and not any(n in m for m in named)
                      and n.lower() in low and rx.search(text)]
            if named:
                what = self._from_interviews(what, ids, docs)
            for name in named:
                found.setdefault(name, [])
                before.setdefault(name, text[:max(0, text.find(name))])
                if what not in found[name]:
                    found[name].append(what)
        out = []
        for name, whats in found.items():
            shown = first_few(whats, 3, sep="; ")
            if name in firsts and name not in people:
                full, repl = firsts[name]
                out.append(f"‘{name}’ is printed in {shown}, and it is the first name of ‘{full}’ on the "
                           f"pseudonym list: take it out with `sto-qual pseudonyms add {shlex.quote(name)} "
                           f"{shlex.quote(repl)}`; "
                           f"if it is no name here, `sto-qual pseudonyms keep {shlex.quote(name)}`")
                continue
            if name in people:  # known to be a person: the role beside her as the replacement
                role = next((r for r in people[name].values() if r), None)
                out.append(f"‘{name}’ is printed in {shown}, and it names a person (a speaker or a header's "
                           f"participant in {', '.join(people[name])}): take it out with `sto-qual pseudonyms add "
                           f"{shlex.quote(name)} {shlex.quote(person_placeholder(role))}`; if it is no name here, "
                           f"`sto-qual pseudonyms keep {shlex.quote(name)}`")
                continue
            # the interviews that hold every word of it ("Polderlicht College": not every one with a "College")
            holding = [set(profile.names.get(key(w)) or profile.initial.get(key(w))
                           or profile.small_too.get(key(w), ())) for w in name.split()]
            where = sorted(docs[d] for d in set.intersection(*holding) if d in docs) if holding else []
            guess = placeholder_for(name, before[name])
            others = ", ".join(p for p in PLACEHOLDERS if p != guess)
            small = any(key(w) in profile.small_too for w in name.split())
            out.append(f"‘{name}’ is printed in {shown}, and the transcripts write it "
                       + ("with a capital mid-sentence, and small too, and it is no Dutch word" if small else
                          "only with a capital")
                       + f" ({', '.join(where)}): if it names a person, school or place, take it out with "
                       f"`sto-qual pseudonyms add {shlex.quote(name)} '{guess}'` (or {others}); "
                       f"if it is no name, `sto-qual pseudonyms keep {shlex.quote(name)}`")
        if len(found) > 1:  # ordinary words among them ("Kerst", "Minister"): kept in one command, typed by the
            # writer (it was written out with every word, names too: pasted whole, it kept 24 real names as no names)
            out.append("of these, the words that are no names are kept in one command: `sto-qual pseudonyms keep "
                       "WORD WORD …` with those words (not the names)")
        return out

    def _first_names(self, profile, kept: Collection[str], is_word) -> dict[str, tuple[str, str]]:
        """First name -> (the listed name, its replacement) of each person on the list named with two
        words or more ("Klaas Bruinsma" -> '[naam]'), whose first name the list does not hold itself and
        the transcripts never write small (or the language does not know): printed alone it names him."""
        from sto_qual.domain.anonymise import replaced_kinds
        from sto_qual.domain.model import ROLES
        key = _name_key
        listed = [p for p in self.store.pseudonyms.all() if not p.is_regex]
        own = {key(p.pattern) for p in listed}
        roles = {*ROLES, *self.store.roles.map().values()}
        out: dict[str, tuple[str, str]] = {}
        for p in listed:
            first = p.pattern.split()[0] if len(p.pattern.split()) > 1 else ""
            k = key(first)
            if (first[:1].isupper() and len(first) > 1 and k not in own and k not in kept
                    and replaced_kinds([p.replacement], roles) == ["persons"]
                    and (k in profile.names or k in profile.initial or not is_word(k))):
                out.setdefault(first, (p.pattern, p.replacement))
        return out

    def _from_interviews(self, what: str, ids, docs: dict[int, str]) -> str:
        """``what`` a passage is, with the interviews its codings come from ("a retold example in
        urgentie (from R06)", "a quote of urgentie (#12, R06)"): where the name is printed, which
        need not be where its person speaks."""
        rows = (self.store.codings.row(i) for i in ids)
        names = list(dict.fromkeys(docs.get(r["document_id"], str(r["document_id"])) for r in rows if r))
        if not names:
            return what
        said = first_few(names, 3)
        return f"{what[:-1]}, {said})" if what.endswith(")") else f"{what} (from {said})"

    def _people(self, docs: dict[int, str]) -> dict[str, dict[str, str | None]]:
        """The names the project knows are people's (``identifying.people_names``): its speakers'
        labels and its headers' participants, with the interviews and roles beside them."""
        from sto_qual.domain.identifying import participant_lists, people_names
        from sto_qual.domain.model import ROLES
        speakers = {docs[d]: labels for d, labels in self.store.transcripts.speakers_by_document().items() if d in docs}
        lists = {docs[d]: list(participant_lists(attrs).values())
                 for d, attrs in self.store.documents.attributes().items() if d in docs}
        return people_names(speakers, lists, {*ROLES, *self.store.roles.map().values()})

    def _unlisted_by_key(self, docs: Collection[int] | None) -> tuple[dict, dict[str, list[str]]]:
        """key -> {name -> the placeholder its role gives} of the participants attributes' people the
        list does not replace, and key -> the documents whose attribute names them."""
        from sto_qual.domain.identifying import (INTERVIEWER_KEYS, participant_lists, participants,
                                                 person_placeholder, unreplaced)
        from sto_qual.domain.model import ROLES
        from sto_qual.domain.roles import known_role
        documents = self.store.documents
        if docs is None:
            names = {d.id: d.name for d in documents.light()}
            attributes = documents.attributes()
        else:  # only these: an import into a project of thousands reads no more than it stored
            names = {d: documents.find(d).name for d in sorted(docs)}
            attributes = {d: documents.attributes(d).get(d, {}) for d in names}
        roles = set(self.store.roles.map().values())
        known = {*ROLES, *roles}
        anon = self.anonymiser()
        found: dict[str, dict[str, str]] = {}  # key -> name -> placeholder; documents per key below
        where: dict[str, list[str]] = {}
        for doc_id, attrs in attributes.items():
            if doc_id not in names:
                continue
            for key, value in participant_lists(attrs).items():
                people = [(n, r) for n, r in participants(value, roles) if unreplaced(n, anon)]
                for name, role in people:  # a role the chapter knows: its word ("[directeur]")
                    found.setdefault(key, {}).setdefault(name, person_placeholder(
                        role and (known_role(role, known) or role),
                        "interviewer" if key.lower() in INTERVIEWER_KEYS else "naam"))
                if people:
                    where.setdefault(key, []).append(names[doc_id])
        return found, where

    def unlisted_participants(self, docs: Collection[int] | None = None) -> list[str]:
        """One line per participants attribute ("aanwezig", "deelnemers": a header's list of who
        took part, ``identifying.PARTICIPANT_KEYS``) whose names the pseudonym list does not
        replace, over the documents ``docs`` (ids; all when None): the codings export and the
        summary grid print every attribute, so those names would leave in them. Each line gives
        the `pseudonyms add` that takes a name out (its replacement the role written beside it:
        "[vertegenwoordiger gemeente]" for "(gemeente)", a person, where "[gemeente]" read as a place)."""
        found, where = self._unlisted_by_key(docs)
        out = []
        for key, people in found.items():
            shown = list(people)
            docs_ = where[key]
            of = (f"{docs_[0]}'s attribute ‘{key}’" if len(docs_) == 1 else
                  f"the attribute ‘{key}’ of {', '.join(docs_[:5])}" + (f" and {len(docs_) - 5} more" if len(docs_) > 5 else ""))
            commands = ", ".join(f"`sto-qual pseudonyms add {shlex.quote(n)} {shlex.quote(people[n])}`"
                                 for n in shown[:3])
            rest = len(shown) - 3
            more = (f" (and {'the other one' if rest == 1 else f'the {rest} others'}; `sto-qual pseudonyms "
                    "participants` adds them all)" if rest > 0 else "")
            clear = f"`sto-qual attribute {shlex.quote(docs_[0])} --clear {shlex.quote(key)}`" + (
                f" (and so for {', '.join(docs_[1:])})" if len(docs_) > 1 else "")
            out.append(f"{of} names people the pseudonym list does not replace ({', '.join(shown[:8])}"
                       + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")
                       + f"), and the codings export (.csv, .xlsx) and the summary grid print it: {commands}{more} "
                       + ("takes it" if len(shown) == 1 else "take them")
                       + f" out of every export, the quotes too; or {clear} leaves the attribute out")
        return out

    def add_participants(self, dry_run: bool = False) -> list[tuple[str, str]]:
        """Put every person the headers' participants lists and the speakers' labels name and the list does not
        replace on it, each with the placeholder its role gives (eight people were eight `pseudonyms add`), and
        her first name where she speaks there ("Zoals Marieke al zei" went out; "[naam]" when two people share
        it with other roles). (name, placeholder) of each added, headers first; one step."""
        from sto_qual.domain.identifying import (names_a_person, participant_lists, participants, person_of_label,
                                                 person_placeholder, unreplaced)
        found, _where = self._unlisted_by_key(None)
        added: dict[str, str] = {}
        for name, placeholder in (item for people in found.values() for item in people.items()):
            added.setdefault(name, placeholder)
        anon, roles = self.anonymiser(), set(self.store.roles.map().values())
        placed = {p.pattern: p.replacement for p in self.store.pseudonyms.all()} | added
        firsts: dict[str, set[str]] = {}
        labels = self.store.transcripts.speakers_by_document()
        for doc_id, attrs in self.store.documents.attributes().items():
            spoken = {label.strip().lower() for label in labels.get(doc_id, ())}
            for value in participant_lists(attrs).values():
                for name, _role in participants(value, roles):
                    first = name.split()[0]
                    if first != name and {first.lower(), name.lower()} & spoken and unreplaced(first, anon) \
                            and name in placed:  # her label the first name, or the whole name ("Pieter Bakker:")
                        firsts.setdefault(first, set()).add(placed[name])
        # the speakers' names, with their roles (a recording tool's "Bart Wolters": "Ik laat Bart …" was printed)
        role_map, docs = self.store.roles.map(), {d[0]: d[1] for d in self.store.documents.light()}
        for doc_id, doc_labels in labels.items():
            for label, name in ((label, person_of_label(label)) for label in doc_labels):
                if doc_id in docs and names_a_person(name, roles) and unreplaced(name, anon) and \
                        name not in added and name not in firsts:  # (a header's person's first name: hers)
                    placed[name] = added[name] = person_placeholder(
                        self.store.roles.role_for(role_map, docs[doc_id], label))
                first = name.split()[0] if name else name
                if name in added and first != name and unreplaced(first, anon):
                    firsts.setdefault(first, set()).add(added[name])
        for first, said in firsts.items():
            added.setdefault(first, said.pop() if len(said) == 1 else "[naam]")
        if not dry_run:  # (``dry_run``: what it would add, nothing written)
            self.store.pseudonyms.add_many([(n, r, False) for n, r in added.items()])
        return list(added.items())

    def add(self, pattern: str, replacement: str, regex: bool = False) -> None:
        check_pseudonym(pattern, replacement, regex)
        self.store.pseudonyms.add(pattern, replacement, regex)

    def remove(self, pattern: str) -> None:
        """Take a name off the list; one that is not on it is refused."""
        if not self.store.pseudonyms.remove(pattern):
            raise StoQualError(f"no pseudonym '{pattern}'", hint="see `sto-qual pseudonyms list`")

    def import_file(self, path: str | Path) -> dict[str, int]:
        """Every row is checked before any is added: a bad row leaves the list as it was.
        Returns how many names were ``added``, ``updated`` (another replacement or regex flag)
        and ``already_present`` (the same entry), so a second import says it added nothing."""
        from sto_qual.importers.tables import PSEUDONYM_COLUMNS, read_csv
        rows = read_csv(path, PSEUDONYM_COLUMNS)
        entries = [(r["name"], r["replacement"], r.get("regex", "").lower() in _TRUE) for r in rows]
        for r, entry in zip(rows, entries):
            try:
                check_pseudonym(*entry)
            except StoQualError as exc:
                raise StoQualError(exc.message, file=str(path), line=int(r["__line__"]), hint=exc.hint) from None
        have = {p.pattern: (p.replacement, p.is_regex) for p in self.store.pseudonyms.all()}
        counts = {"added": 0, "updated": 0, "already_present": 0}
        changed = []
        for name, replacement, regex in entries:
            before = have.get(name)
            counts["added" if before is None else "already_present" if before == (replacement, regex)
                   else "updated"] += 1
            if before != (replacement, regex):
                changed.append((name, replacement, regex))
            have[name] = (replacement, regex)  # a name given twice in the file: the later row counts
        self.store.pseudonyms.add_many(changed)  # one transaction: the file's names all, or none
        return counts

    def listed(self, values) -> list[str]:
        """The values (labels a table prints: an attribute's values) that the pseudonym list
        replaces: names the exports would not show."""
        anon = self.anonymiser()
        return sorted({str(v) for v in values if v is not None and anon(str(v)) != str(v)})

    def anonymiser(self):
        """The project's pseudonym list as a function; a stored pattern the linear-time
        engine cannot run stops the export (``ExportError``) rather than leaving names in."""
        from sto_qual.domain.anonymise import Anonymiser
        from sto_qual.services.pseudonym_patterns import PatternRefused, compile_pattern
        try:
            return Anonymiser(self.store.pseudonyms.all(), compile_regex=compile_pattern)
        except PatternRefused as exc:
            raise ExportError(f"cannot apply the pseudonym list: {exc.message}",
                              hint="remove it with `sto-qual pseudonyms remove` and add a supported one") from None


def _as_name(name: str, flags: int) -> re.Pattern:
    """A name as a word of its own, or its possessive ("Joosts", "Anna's")."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?:'?s)?(?!\w)", flags)


def check_pseudonym(pattern: str, replacement: str, regex: bool) -> None:
    if not pattern.strip():
        raise StoQualError("a pseudonym needs a non-empty name or pattern")
    check_name(pattern, "the pseudonym name or pattern")
    check_name(replacement, "the pseudonym replacement")
    if regex:
        from sto_qual.services.pseudonym_patterns import compile_pattern
        compile_pattern(pattern)  # refused here if the linear-time engine cannot run it


def _literal(name: str) -> str:
    """A name as a pattern that matches just it (its spaces left readable)."""
    return "".join("\\" + ch if ch in ".^$*+?{}()[]|\\" else ch for ch in name)
