"""Quote rows and their attribution (the `quotes` command, exports and the chapter): every
string from the project passes through the pseudonym list here."""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.anonymise import cut_contact_details, without_article
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.model import SPEAKS_FOR
from sto_qual.domain.quote_selection import SMALL_GROUP, names_group, small_groups
from sto_qual.domain.text import clip_words
from sto_qual.services.coders import shown_coder
from sto_qual.services.quote_checks import count_warnings
from sto_qual.report.labels import LABELS
from sto_qual.report.vocabulary import region_group_one

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.report.model import Quote
    from sto_qual.services.project import Project

ATTRIBUTIONS = ("role", "role-region", "region")


class QuoteIndex:
    """Attribution facts for codings: region, role of the speaker, turn number and time.
    Loaded once per call; per-turn facts are computed on first use. Attribution names a role by
    default ("— een bestuurder"); a region code plus a role points to one person, so ``role-region``
    and ``region`` are for internal drafts."""

    def __init__(self, ws: Project, anon, lang: str, attribution: str = "role", labels=None,
                 part: frozenset[int] | None = None, beside: Callable[[], Collection[int]] | None = None) -> None:
        """``part``: the chapter's interviews (``--where``; None: every one), over which a role is rare
        (``rare_roles``); ``beside``: the codings the chapter on every interview prints (made when asked)."""
        if attribution not in ATTRIBUTIONS:
            raise StoQualError(f"unknown attribution '{attribution}'", hint="use role, role-region or region")
        self.ws, self.anon, self.lang = ws, anon, lang
        self.lab, self.mode = LABELS[lang], attribution
        self.labels = labels or ws.report_settings.label_map(lang)
        self.attrs = ws.analysis_service.attributes()
        self.roles = ws.store.roles.map()
        self._turns: dict[int, list] = {}
        self._starts: dict[int, list[int]] = {}
        self._facts: dict[tuple[int, int], tuple[str, str, str, str]] = {}
        self._regions: dict[int, str] = {}
        self._small: dict[int, str] | None = None  # documents of a region type of fewer than three
        self.part, self.beside = part, beside
        self._rare: dict[str, int] | None = None
        self.generic: set[str] = set()  # the rare roles a quote was credited without
        self.group_named = False  # a quote named its small region type and was credited without its role
        self.self_named: dict[int, str] = {}  # coding id -> the hidden role its quote names
        self.hidden: dict[int, str] = {}  # coding id -> the text of a quote credited without its rare role
        self._nl_roles: dict[str, set[str]] | None = None  # role -> its Dutch words, lower case

    @property
    def small(self) -> dict[int, str]:
        """Document -> its region type, for the types of fewer than three interviews (the island)."""
        if self._small is None:  # once per index
            self._small = small_groups(self.attrs, self.ws.report_settings.main_attribute())
        return self._small

    def someone_in(self, doc_id: int, text: str) -> str | None:
        """Who says a passage that names a region type of fewer than three interviews ("op het
        eiland", from the one island region): "geïnterviewde", never a role ("op het eiland"
        beside "een programmaleider" is one person) nor the region type (the tables leave that
        group out because it points to one region, and "in een eilandregio" under the quote said
        it); None for any other passage, and in internal drafts (they name regions)."""
        if self.mode != "role":
            return None
        group = self.small.get(doc_id)
        name = (region_group_one(group, self.lang, label=self.labels.value(group))
                if group and names_group(text, group) else "")
        return self.lab["someone_in"].format(group=name) if name else None

    def for_text(self, doc_id: int, text: str, attribution: str) -> str:
        """The attribution of this passage: ``someone_in`` when it names its small region type."""
        who = self.someone_in(doc_id, text)
        self.group_named |= bool(who)
        return f"— {self.lab['a_someone']} {who}" if who else attribution

    def region(self, doc_id: int, doc_name: str) -> str:
        r = self._regions.get(doc_id)
        if r is None:
            r = self.anon(str(self.attrs.get(doc_id, {}).get("region") or doc_name))
            self._regions[doc_id] = r
        return r

    def rare_roles(self) -> dict[str, int]:
        """Roles that speak in fewer than three of the chapter's interviews, with how many: "—
        een directeur" in a chapter on four shrinking regions, two of them with a director,
        points to one of two people. Internal drafts name regions anyway: none."""
        if self._rare is None:
            self._rare = {}
            if self.mode == "role":
                # each interview's speakers by their role there: a role given to a speaker label
                # for every interview (`role Marieke bestuurder`) as well as one for one interview
                # (it counted only the latter, and "— een bestuurder" named one of two)
                held: dict[str, set[int]] = {}
                speakers = self.ws.store.transcripts.speakers_by_document()
                for d, name, *_x in self.ws.store.documents.light():
                    if self.part is not None and d not in self.part:
                        continue
                    for speaker in speakers.get(d, ()):
                        role = self.ws.store.roles.role_for(self.roles, name, speaker)
                        if role and role != "interviewer":
                            held.setdefault(role, set()).add(d)
                self._rare = {r: len(d) for r, d in held.items() if len(d) < SMALL_GROUP}
        return self._rare

    def _credited(self, role: str | None) -> bool:
        """The quote is credited to its role; a rare one is credited to "een geïnterviewde"."""
        if (role or "") in self.rare_roles():
            self.generic.add(role or "")
            return False
        return True

    def names_hidden_role(self, coding_id: int, text: str, role: str | None) -> None:
        """Note a quote credited "een geïnterviewde" that names its speaker's role itself
        (``hidden_role_named``): the credit hides what the quote says (``generic_notes``); and keep
        each quote whose rare role is hidden, for the warning of two chapters side by side."""
        if (role or "") in self.rare_roles():
            self.hidden[coding_id] = text
        if self.hidden_role_named(text, role):
            self.self_named[coding_id] = role or ""

    def hidden_role_named(self, text: str, role: str | None) -> bool:
        """Whether ``text``, said by a speaker of ``role`` whom the chapter credits as "een
        geïnterviewde" (``rare_roles``), names that role: its own role's words anywhere (and ``SPEAKS_FOR``'s
        party), or any role after "ik ben" or "als" ("Ik ben directeur van …")."""
        if not role or role not in self.rare_roles():
            return False
        if self._nl_roles is None:  # the quotes are Dutch: the roles' Dutch words, the project's own included
            self._nl_roles = {r: {w.lower() for w in e.get("nl", ())}
                              for r, e in self.ws.report_settings.label_map("nl").roles.items()}
        own = self._nl_roles.get(role, set()) | {role} | SPEAKS_FOR.get(role, set())
        said = re.search(r"\b(?:ik ben|als)\s+(?:de\s+|een\s+)?([\w-]+)", text, re.IGNORECASE)
        return bool(any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE) for w in own)
                    or (said and any(said.group(1).lower() in words for words in self._nl_roles.values())))

    def printed(self, quotes: Sequence[Quote]) -> None:
        """Of the quotes considered, keep those the chapter prints for its warnings and its method:
        with another passage left out, "credited to 'een geïnterviewde'" stayed for none. Of those
        hidden, the ones the chapter on every interview prints too: only they point to a person."""
        ids = {q.id for q in quotes}
        self.generic &= {q.role or "" for q in quotes}
        full = self.beside() if self.beside is not None and any(i in ids for i in self.hidden) else None
        self.hidden = {i: t for i, t in self.hidden.items() if i in ids and (full is None or i in full)}
        self.self_named = {i: r for i, r in self.self_named.items() if i in ids}

    def generic_notes(self) -> list[str]:
        if not self.generic:
            return []
        rare = self.rare_roles()
        notes = ["quotes of roles that speak in fewer than three of the chapter's interviews are credited to "
                 f"'{self.lab['a_someone']} {self.lab['interviewee']}', as the role would point to a person: "
                 + ", ".join(f"{r} (in {rare[r]} interview{'s' * (rare[r] != 1)})" for r in sorted(self.generic))
                 # a reader with both chapters learned it was a penvoerder in a krimp region (two of them)
                 + ("; the chapter on every interview credits such quotes to the role, so the two published side by "
                    "side point to those people: publish one of them, or leave these quotes out of this one"
                    + f" (--leave-out {','.join(map(str, sorted(self.hidden)))}): " + "; ".join(
                        f"#{i} “{clip_words(self.anon(t), 48)}”" for i, t in sorted(self.hidden.items()))
                    if self.part is not None and self.hidden else  # (with none listed it read as unresolved)
                    "; the chapter on every interview prints none of these quotes" if self.part is not None else "")]
        if self.self_named:
            starred = {i for i in self.self_named if (c := self.ws.store.codings.get(i)) is not None and c.starred}
            notes.append("quotes that name their speaker's role themselves, which the chapter hides: "
                         + ", ".join(f"#{i} ({r}{', starred' if i in starred else ''})"
                                     for i, r in sorted(self.self_named.items()))
                         # (the star's advice only where there is one: #64, chosen by the chapter, had none)
                         + "; shorten them (`sto-qual resize ID --start S --end E`)"
                         + (", or take the star off a starred one" if starred
                                                                   else ", or star another passage of their point"))
        return notes

    def role_label(self, role: str | None) -> str:
        return self.labels.role(role) if self._credited(role) else self.lab["interviewee"]

    def attribution(self, role: str | None, region: str) -> str:
        lab = self.lab
        who = self.role_label(role)
        article = lab["a"]
        if self.lang == "en" and who[:1].lower() in "aeiou":
            article = "an"
        person = f"{article} {who}"
        if self.mode == "region":
            return f"— {lab['region']} {region}"
        if self.mode == "role-region":
            return f"— {person}, {lab['region']} {region}"
        return f"— {person}"

    def _load(self, doc_id: int) -> None:
        self.preload({doc_id})

    def preload(self, doc_ids: set[int]) -> None:
        """Load the turns of many documents at once."""
        for d, rows in self.ws.store.transcripts.turn_rows(sorted(d for d in doc_ids if d not in self._starts)).items():
            self._turns[d] = rows
            self._starts[d] = [r[0] for r in rows]

    def one_speaker(self, doc_id: int, doc_name: str, start: int, end: int) -> tuple[int, int] | None:
        """The part of the passage ``start``-``end`` that one respondent says: from the first
        turn it covers whose speaker is no interviewer to that turn's end (a coder's selection
        may run on into the next turn: the interviewer's thanks, or another person's answer,
        is never part of a quote credited to one role); the same speaker's next turns stay
        in. None: only questions."""
        if doc_id not in self._starts:
            self._load(doc_id)
        starts, turns = self._starts.get(doc_id, []), self._turns.get(doc_id, [])
        i = max(0, bisect.bisect_right(starts, start) - 1)
        while True:
            turn_start = starts[i] if i < len(starts) else start
            turn_end = starts[i + 1] if i + 1 < len(starts) else end
            s = max(start, turn_start)
            if s < min(end, turn_end) and self.facts(doc_id, doc_name, s)[0] != "interviewer":
                speaker = turns[i][1] if i < len(turns) else None
                j = i + 1
                while j < len(starts) and starts[j] < end and turns[j][1] == speaker:
                    j += 1  # "R1: # Kop" then "R1: <img …>": one person's answer over two turns
                return s, min(end, starts[j]) if j < len(starts) else end
            if i + 1 >= len(starts) or starts[i + 1] >= end:
                return None
            i += 1

    def one_speaker_text(self, doc_id: int, doc_name: str, start: int, end: int,
                         text: str) -> tuple[int, int, str] | None:
        """(start, end, text) of what one respondent says of the passage (``one_speaker``),
        trimmed; None when it holds only questions."""
        part = self.one_speaker(doc_id, doc_name, start, end)
        if part is None:
            return None
        if part == (start, end):
            return start, end, text
        piece = text[part[0] - start:part[1] - start]
        s = part[0] + len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return (s, s + len(piece), piece) if piece else None

    def facts(self, doc_id: int, doc_name: str, start: int, end: int | None = None) -> tuple[str, str, str, str]:
        """(role, region, reference, attribution) of the passage starting at ``start``; with ``end``, the roles and
        turns of every turn it runs into (a coding over a speaker change was the first speaker's in the codings
        export, "penvoerder", "beurt 10", where `stats --by role` counts it for both: "penvoerder; programmaleider",
        "beurt 10-11")."""
        if doc_id not in self._starts:
            self._load(doc_id)
        i = bisect.bisect_right(self._starts[doc_id], start) - 1
        j = bisect.bisect_right(self._starts[doc_id], end - 1) - 1 if end is not None else i
        if j > i >= 0:
            role, region, ref, attribution = self.facts(doc_id, doc_name, start)
            turns = self._turns[doc_id][i:j + 1]
            roles = dict.fromkeys(self.ws.store.roles.role_for(self.roles, t[2], t[1]) or "" for t in turns)
            head, _sep, when = ref.partition(", ")
            return "; ".join(r for r in roles if r), region, f"{head}-{j + 1}" + (f", {when}" if when else ""), \
                attribution
        hit = self._facts.get((doc_id, i))
        if hit is not None:
            return hit
        lab = self.lab
        role, ref = "", f"{lab['chars']} {start}"
        turns = self._turns.get(doc_id, [])
        if 0 <= i < len(turns):
            _s, speaker, name, t0 = turns[i]
            role = self.ws.store.roles.role_for(self.roles, name, speaker) or ""
            ref = f"{lab['turn']} {i + 1}" + (f", {t0}" if t0 else "")
        region = self.region(doc_id, doc_name)
        out = (role, region, ref, self.attribution(role, region))
        if i >= 0:
            self._facts[(doc_id, i)] = out
        return out


def quote_rows(ws: Project, code: str | None = None, *, where: dict[str, str] | None = None,
               starred: bool | None = None, coder: str | None = None, lang: str = "nl",
               anonymise_text: bool = True, tuples: list[tuple] | None = None,
               index: QuoteIndex | None = None, attribution: str = "role",
               one_per_span: bool = True, one_speaker: bool = False) -> list[dict[str, Any]]:
    """Codings with anonymised text and attribution (the `quotes` command and exports). Without ``coder``, a
    span coded with the same code by several coders is one quote (``one_per_span=False``: every coding, as the
    coding table exports them). ``one_speaker`` (quotes for a report writer): a coding that runs on into another
    speaker's turn is quoted as the chapter quotes it, up to the end of the respondent's turn (its start and end
    say so). ``anonymise_text=False`` leaves quote and memo verbatim for a caller that anonymises the few rows it
    keeps (call ``anonymise_row`` on each before it leaves the service); a coder's name is ``shown_coder``'s."""
    anon = ws.anonymiser()
    # a passage reads as the chapter prints it: "[Bedrijf] belde", not "Het [bedrijf] belde"
    text_anon = without_article(anon) if anonymise_text else (lambda t: t)
    keep = None
    if where:
        keep = set(ws.analysis_service.doc_ids(where))
    # a role rare among the part's interviews is no role here either, as in that part's chapter: the
    # quotes of `--where region_type=krimp` said "een penvoerder" where its chapter says "een geïnterviewde"
    idx = index or QuoteIndex(ws, anon, lang, attribution, part=frozenset(keep) if keep is not None else None)
    labels = {c.path: (c.label or c.name) for c in ws.store.codes.tree(with_counts=False)}
    rows = []
    seen = set()
    doc_names: dict[int, str] = {}
    coder_shown = shown_coder(anon, ws.session)
    themes = {p: p.split("/", 1)[0] for p in labels}
    source = tuples if tuples is not None else ws.coding_tuples(code=code, coder=coder, starred=starred)
    idx.preload({t[1] for t in source})
    facts = idx.facts
    for (cid, doc_id, doc, path, start, end, text, coder_name, memo, _origin, star, _created) in source:
        if keep is not None and doc_id not in keep:
            continue
        if one_speaker:
            said = idx.one_speaker_text(doc_id, doc, start, end, text)
            if said is not None:  # only questions: listed as coded, credited to the interviewer
                start, end, text = said
        if coder is None and one_per_span:  # compared as quoted: two coders' spans may end alike only once cut
            key = (doc_id, path, start, end)
            if key in seen:
                continue
            seen.add(key)
        if anonymise_text and (text[:1].isalnum() or text[-1:].isalnum()):  # a phone number or address the
            text = cut_contact_details(ws.session.text(doc_id), start, end)  # coding cuts: no export saw its piece
        role, region, ref, attribution = facts(doc_id, doc, start, None if one_speaker else end)
        attribution = idx.for_text(doc_id, text, attribution)
        name = doc_names.get(doc_id)
        if name is None:
            name = doc_names[doc_id] = anon(doc)
        rows.append({"id": cid, "document_id": doc_id, "theme": themes.get(path) or path.split("/", 1)[0],
                     "code": path, "region": region, "role": role,
                     "quote": text_anon(text), "attribution": attribution, "doc": name, "reference": ref,
                     "start": start, "end": end, "coder": coder_shown(coder_name), "starred": bool(star),
                     "memo": text_anon(memo) if memo else None})
    return rows


def credited_rarely(ws: Project, where: dict[str, str] | None = None) -> dict[str, int]:
    """The roles that speak in fewer than three of the interviews (those ``where`` keeps), with
    how many: their quotes are credited "een geïnterviewde" (``QuoteIndex.rare_roles``)."""
    part = frozenset(ws.analysis_service.doc_ids(where)) if where else None
    return QuoteIndex(ws, ws.anonymiser(), "nl", part=part).rare_roles()


def credited_as_interviewee(ws: Project, rows: Sequence[dict[str, Any]], where: dict[str, str] | None = None
                            ) -> list[str]:
    """The roles of ``rows`` (``quote_rows``) credited as "een geïnterviewde", for they speak in fewer than three of
    the interviews (those ``where`` keeps), as the chapter's method says: a researcher who had set every role read
    "— een geïnterviewde" under each quote of `quotes --format md`, the reason only in the README."""
    rare = credited_rarely(ws, where)
    roles = sorted({r["role"] for r in rows if r.get("role") in rare})
    if not roles:
        return []
    return ["quotes of roles that speak in fewer than three of these interviews are credited to 'een geïnterviewde' "
            "(the role would point to a person, as in the chapter): " + ", ".join(
                f"{r} (in {rare[r]} interview{'s' * (rare[r] != 1)})" for r in roles)]


def one_row_per_passage(rows: list[dict[str, Any]], prefer: str | None = None) -> list[dict[str, Any]]:
    """Quote rows (``quote_rows``) with one row per passage: codings of one interview that quote
    the same passage (each covers at least half of the other: one passage coded with two
    sub-codes of the theme, two coders' spans of it with other ends) are one row, shown as
    ``prefer``'s coding (the reference coder's) when one of them is, else the first; ``ids``
    and ``codes`` list every coding and code it holds, ``starred`` is true when any of them is.
    A coding that only touches part of another stays a quote of its own. A writer choosing
    quotes read the same passage three times over."""
    def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
        shared = min(a["end"], b["end"]) - max(a["start"], b["start"])
        return 2 * shared >= max(a["end"] - a["start"], b["end"] - b["start"])
    groups: dict[int, list[list[dict[str, Any]]]] = {}  # document -> its passages, each its rows
    for r in sorted(rows, key=lambda r: (r["coder"] != prefer, r["document_id"], r["start"], r["end"])):
        passages = groups.setdefault(r["document_id"], [])
        home = next((g for g in passages if same(g[0], r)), None)
        if home is None:
            passages.append([r])
        else:
            home.append(r)
    order = {r["id"]: i for i, r in enumerate(rows)}
    out = [{**g[0], "ids": sorted((x["id"] for x in g), key=order.get),
            "codes": list(dict.fromkeys(x["code"] for x in sorted(g, key=lambda x: order[x["id"]]))),
            "starred": any(x["starred"] for x in g)} for passages in groups.values() for g in passages]
    return sorted(out, key=lambda r: order[r["id"]])


def anonymise_row(r: dict[str, Any], anon) -> dict[str, Any]:
    return {**r, "quote": anon(r["quote"]), "memo": anon(r["memo"]) if r["memo"] else None}


def chapter_passages(told: Iterable[tuple[Sequence[int], str, str]], sections,
                     appendix) -> list[tuple[Sequence[int], str, str]]:
    """What the chapter prints from the transcripts, as (codings, text as printed, what it is):
    its point sentences ((codings, text, code) of each; a retold example rests on its first
    coding, whose passage it retells), the quotes of its theme sections and those of the appendix."""
    from sto_qual.domain.drafting_en import is_example
    return [*(((refs[:1], t, f"a retold example in {code}") if is_example(t) else (refs, t, f"a sentence in {code}"))
              for refs, t, code in told),
            *(((q.id,), q.text, f"a quote of {q.code} (#{q.id})") for s in sections for q in s.quotes),
            *(((q.id,), f"{q.context} {q.text}".strip(), f"an appendix quote of {q.code} (#{q.id})") for q in appendix)]


def identifying_warnings(ws: Project, told: Iterable[tuple[Sequence[int], str, str]], sections,
                         appendix, memos: Sequence[tuple[str, str]] = ()) -> list[str]:
    """``count_warnings`` and the names the pseudonym list missed (``unlisted_names``) over what
    the chapter prints (``chapter_passages``), its memo appendix too (``memos``: (code label,
    text)): "directeur (Linda)" in a memo was printed unsaid, where `export` warned of it."""
    passages = chapter_passages(told, sections, appendix)
    noted = [((), text, f"a memo in the appendix (under {code})") for code, text in memos]
    names = ws.pseudonym_service.unlisted_names([*passages, *noted])
    if not ws.pseudonyms() and len(names) > 6:  # no list yet (a project made from a .qdpx): one line, not 40
        from sto_qual.domain.text import first_few
        said = [m.group(1) for w in names if (m := re.match(r"‘(.+?)’ is printed", w))]
        names = [f"{len(said)} words the transcripts write as names are printed, none replaced (the pseudonym list "
                 f"is empty): {first_few(said, 12)}; once the list is there, `report` names each one left with the "
                 "command that replaces or keeps it"]
    return count_warnings(ws, passages) + names
