"""Quotes for the chapter: reads a small pool of candidate codings per theme, makes them stand on their own (extended
to the sentence before or after, or left out), and lets ``domain.quote_selection`` choose the body quotes per point."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.quote_selection import (MAX_SENTENCES, MAX_WORDS, Candidate, Point, after_conjunction,
                                             from_later_sentence,
                                             SeenWords, content_words, drop_overlaps, mark_cuts, once_per_passage,
                                             overlaps_any, reacts_to_nothing, standing, tidy, under_counted_codes,
                                             with_opening_conjunction, with_sentence_before)
from sto_qual.domain.quote_picking import chapter_places, select_quotes, without_self_named
from sto_qual.domain.quote_openings import question_context
from sto_qual.domain.quote_standing import after_opening_filler, opens_without_referent, trails_off
from sto_qual.domain.roles import INTERVIEWER
from sto_qual.report.model import Quote
from sto_qual.services.report_theme import retold_by
from sto_qual.store.quote_reads import coding_texts, codings_by_ids, previous_sentence, quote_pool, unit_head

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.report_quotes import QuoteIndex
    from sto_qual.services.project import Project

# candidates kept per point before any text is read: enough for the rules to choose from, few enough
POOL_PER_POINT = 40  # that a project of 1,000 interviews reads a few hundred sentences, not transcripts
MIN_THEME_QUOTES = 3
APPENDIX_SENTENCES, APPENDIX_WORDS = 5, 120  # longer than the body's, also extended to the sentence before


class QuotePicker:
    """Chooses the body quotes of each theme and remembers them, so the appendix can hold the rest."""

    def __init__(self, ws: Project, idx: QuoteIndex, *, coder_id: int | None, main: str | None,
                 tidy_quotes: bool, labels: Callable[[str], str], doc_ids: set[int] | None = None,
                 own_stars: bool = False, leave_out: Collection[int] = (),
                 keep: Mapping[int, str] | None = None) -> None:
        """``own_stars``: the appendix reads the stars on ``coder_id``'s codings only (a chapter on
        one coder's coding, ``report --coder``), not on any coder's. ``leave_out``: codings whose
        passages this chapter quotes nowhere (``report --leave-out``: one of two chapters side by side);
        ``keep``: the quotes of the same chapter without them (``picked``), which stay where they were."""
        self.ws, self.idx = ws, idx
        self.coder_id = coder_id
        self.own_stars = own_stars
        self.tidy = tidy_quotes
        self.label = labels
        self.codes = {c.path: c for c in ws.store.codes.tree(with_counts=False)}
        self.by_id = {c.id: c.path for c in self.codes.values()}
        self.names = {d[0]: d[1] for d in ws.store.documents.light()}
        attrs = idx.attrs
        self.group_of = {d: str(attrs.get(d, {}).get(main) or "") if main else "" for d in self.names}
        self.few = frozenset(idx.small.values())  # the island's type: quoted last where a passage names it
        self.used: list[Candidate] = []
        self.doc_ids = doc_ids  # only these interviews (a report limited by --where)
        self.gone = codings_by_ids(ws.store, sorted(leave_out))  # no passage of these (another coder's coding too)
        self.keep = {i: k for i, k in (keep or {}).items() if i not in set(leave_out)}
        self.kept = codings_by_ids(ws.store, sorted(self.keep)) if self.keep else []  # no other theme takes them
        self.picked: dict[int, str] = {}  # coding id -> the point it is quoted under (the body's quotes)
        self.withheld: set[int] = set()  # codings only points a person left out rest on: quoted nowhere
        self.own_said: list[tuple[Sequence[int], str, str]] = []  # (codings, text, code): sentences a person chose
        self.orig: dict[int, str] = {}  # coding id -> its own code (a candidate carries its point's code)
        self.left_out = (0, 0)  # passages the appendix left out: (could not stand alone, said the same as another)
        self.places: dict[int, str] = {}  # where each appendix candidate (a star too) went: ``CHAPTER_PLACES``
        self.left_out_by: dict[str, list[int]] = {}  # "context", "example", "repeat" -> the codings
        self._units: dict[int, tuple[list[int], list[Any]]] = {}  # document -> (unit starts, units)
        self._turns: dict[int, list[tuple[int, int]]] = {}  # document -> where its turns are (the question before an answer)

    def _narrow(self, rows: list[tuple], point_of: dict[str, str], refs: set[int]) -> list[tuple]:
        """Per point: referenced codings, then starred, then closest to a quotable length, taking
        the region types in turn, at most POOL_PER_POINT."""
        per_point: dict[str, list[tuple]] = {}
        for r in rows:
            p = point_of.get(self.by_id.get(r[2], ""))
            if p is not None:
                per_point.setdefault(p, []).append(r)
        out = []
        for items in per_point.values():
            items.sort(key=lambda r: (r[0] not in refs, not r[6], abs(r[5] - 30), r[1], r[3]))
            by_group: dict[str, list[tuple]] = {}
            for r in items:
                by_group.setdefault(self.group_of.get(r[1], ""), []).append(r)
            queues = list(by_group.values())
            taken = [r for r in items if r[0] in refs]
            seen_docs = {r[1] for r in taken}
            i = 0
            while len(taken) < POOL_PER_POINT and any(queues):
                q = queues[i % len(queues)]
                while q:
                    r = q.pop(0)
                    if r[0] in refs:
                        continue
                    if r[1] in seen_docs and not r[6]:
                        continue  # one region gives one quote per theme: one candidate per region is enough
                    taken.append(r)
                    seen_docs.add(r[1])
                    break
                i += 1
            out += taken
        return out

    def candidates(self, point_of: dict[str, str], refs: Sequence[int] = ()) -> list[Candidate]:
        """Usable candidates of the codes in ``point_of`` (code path -> point code): verbatim, respondents only."""
        ids = [self.codes[p].id for p in point_of if p in self.codes]
        rows = quote_pool(self.ws.store, ids, coder_id=self.coder_id)
        rows = [r for r in rows if self.doc_ids is None or r[1] in self.doc_ids]
        have = {r[0] for r in rows}
        missing = [i for i in refs if i not in have]
        if missing:  # a summary point may rest on codings outside the pool
            for t in codings_by_ids(self.ws.store, missing):
                code_id = self.codes[t[3]].id if t[3] in self.codes else -1
                rows.append((t[0], t[1], code_id, t[4], t[5], len(t[6].split()), int(bool(t[10])), -1))
        # a passage an earlier theme quotes is not quoted again (coded under two themes, the reader
        # met the same words twice in the chapter): left out before each region's few are picked
        rows = [r for r in rows if not overlaps_any(r[1], r[3], r[4], [*self.used, *self.gone])
                and (r[0] in self.keep or not overlaps_any(r[1], r[3], r[4], self.kept))]
        rows = self._narrow(rows, point_of, set(refs))
        texts = coding_texts(self.ws.store, [(r[1], r[3], r[4]) for r in rows])
        self.idx.preload({r[1] for r in rows})
        out = []
        for r in rows:
            cid, doc_id, code_id, start, end, words, starred, _coder = r
            path = self.by_id.get(code_id, "")
            self.orig[cid] = path
            doc = self.names.get(doc_id, "")
            # the region as stored, not as printed: a pseudonym list that writes every region as
            # "[regio]" made all regions one, and a facet lost its quote to "one quote per region"
            c = Candidate(id=cid, document_id=doc_id, region=str(self.idx.attrs.get(doc_id, {}).get("region") or doc),
                          group=self.group_of.get(doc_id, ""), code=point_of.get(path, path), start=start, end=end,
                          text=texts[(doc_id, start, end)], starred=bool(starred), words=words)
            c = self._one_speaker(c)
            if c is None:  # a question is no quote
                continue
            c = self._standing(c, MAX_SENTENCES, MAX_WORDS)
            # extended to the sentence before, it may take in an earlier theme's quote: the chapter
            # printed "We hebben een technieklab gebouwd …" under two themes
            if c is not None and not overlaps_any(c.document_id, c.start, c.end, self.used):
                out.append(c)
        return out

    def _standing(self, c: Candidate, max_sentences: int, max_words: int) -> Candidate | None:
        """The candidate made to stand on its own (``domain.quote_selection.standing``), or None; never
        extended to a sentence naming the role the chapter hides ("Wij zijn penvoerder. Maar …")."""
        c = with_opening_conjunction(c, unit_head(self.ws.store, c.document_id, c.start))  # "de …" of "En de …"
        return standing(c, self._before_not_naming_role,
                        lambda c: self._following(c.document_id, c.end, max_sentences),
                        max_sentences=max_sentences, max_words=max_words)

    def _before_not_naming_role(self, c: Candidate) -> tuple[int, str] | None:
        before = previous_sentence(self.ws.store, c.document_id, c.start)
        return None if before is not None and self._names_hidden_role(c, before[1]) else before

    def _names_hidden_role(self, c: Candidate, text: str) -> bool:
        return self.idx.hidden_role_named(text, self.idx.facts(c.document_id, self.names[c.document_id], c.start)[0])

    def appendix_fate(self, c: Candidate) -> tuple[str, Candidate | None]:
        """What the appendix does with a starred passage, as a coder reads it when she stars it: "" (quoted as
        it is), "before" (from the sentence before, which it needs), "after" (after its opening "En"/"Maar"),
        "later" (from a later sentence), or left out: its opening points back and the sentence before it is
        another speaker's ("turn"), points back too ("chain") or makes it too long ("long"); it says nothing
        on its own and what follows makes it too long ("verbless"); "question"; or "trails" (it breaks off)."""
        said = self._one_speaker(c)
        if said is None:
            return "question", None
        stood = self._standing(said, APPENDIX_SENTENCES, APPENDIX_WORDS)
        if stood is None:
            if self.question_before(said) is not None:
                return "asked", None
            if not opens_without_referent(after_opening_filler(said.text)):
                return "verbless", None
            before = previous_sentence(self.ws.store, said.document_id, said.start)
            return ("turn" if before is None else "role" if self._names_hidden_role(said, before[1]) else
                    "chain" if opens_without_referent(after_opening_filler(before[1])) else "long"), None
        if trails_off(stood.text):
            return "trails", None
        cut = after_conjunction(said) if stood.start > said.start else None  # after its "En"/"Maar", or later
        return ("before" if stood.start < said.start else "" if stood.start == said.start else
                "after" if cut is not None and cut.start == stood.start else "later"), stood

    def question_before(self, c: Candidate) -> tuple[str, Candidate] | None:
        """What the interviewer asked or said that a passage answers, when its opening points
        back ("Ja, en …", "Mag ik eerlijk zijn? Op papier wel.") and it opens its speaker's turn
        right after the interviewer's, or does so with the sentence before it that points back
        too ("De hub, denk ik. Het is een plek die …"): what of that turn it needs
        (``question_context``) and the passage from the turn's start; else None. The appendix
        prints it before the quote. A colleague's words are never printed (they would credit them)."""
        if not opens_without_referent(after_opening_filler(c.text)):
            return None
        before = previous_sentence(self.ws.store, c.document_id, c.start)
        if before is not None:  # the speaker's own sentence: ``standing`` had its say, unless it
            if not opens_without_referent(after_opening_filler(before[1])) or previous_sentence(
                    self.ws.store, c.document_id, before[0]) is not None or self._names_hidden_role(c, before[1]):
                return None  # (is the turn's answer head, and names no role the chapter hides)
            c = with_sentence_before(c, before)
        if c.document_id not in self._turns:
            spans = self.ws.store.transcripts.turn_spans([c.document_id])
            self._turns[c.document_id] = [(t.start, t.end) for t in spans]
        turns = self._turns[c.document_id]
        i = next((k for k, (start, end) in enumerate(turns) if start <= c.start < end), 0)
        doc, back = self.names.get(c.document_id, ""), 1

        def asks(k: int) -> bool:
            return k >= 0 and self.idx.facts(c.document_id, doc, turns[k][0])[0] == INTERVIEWER
        if not i or not asks(i - 1):  # a steering group's second answer to a question, not a reaction ("Ja, …")
            if i < 2 or not reacts_to_nothing(c.text) or not asks(i - 2):
                return None
            back = 2
        start, end = turns[i - back]
        asked = question_context(self.ws.document_text(c.document_id)[start:end])
        return (asked, c) if asked is not None and (back == 1 or asked.endswith("?")) else None

    def _following(self, doc_id: int, end: int, n: int) -> list[tuple[int, str]]:
        """Up to ``n`` sentence units after ``end`` in the same speaker turn (the rest of the unit
        ``end`` falls in first): each as its end and the verbatim text from the end before it."""
        if doc_id not in self._units:
            units = self.ws.store.transcripts.units(doc_id)
            self._units[doc_id] = ([u.start for u in units], units)
        starts, units = self._units[doc_id]
        i = bisect.bisect_right(starts, end - 1) - 1
        if i < 0:
            return []
        turn = units[i].turn_id
        spans, at = [], end
        for u in units[i:]:
            if u.turn_id != turn or len(spans) >= n:
                break
            if u.end > at:
                spans.append((doc_id, at, u.end))
                at = u.end
        texts = coding_texts(self.ws.store, spans)
        return [(e, texts[(d, s, e)]) for d, s, e in spans]

    def _one_speaker(self, c: Candidate) -> Candidate | None:
        """The candidate cut to what one respondent says (see ``QuoteIndex.one_speaker``), its
        text trimmed; None when the passage holds only interviewer turns."""
        said = self.idx.one_speaker_text(c.document_id, self.names.get(c.document_id, ""), c.start, c.end, c.text)
        if said is None:
            return None
        s, e, text = said
        return c if (s, e) == (c.start, c.end) else replace(c, start=s, end=e, text=text, words=len(text.split()))

    def choose(self, points: Sequence[Point], point_of: dict[str, str],
               refuse: Callable[[Candidate], bool] | None = None) -> dict[str, list[Candidate]]:
        """The quotes of a theme's points; ``refuse``: a passage the theme's text would not print
        (its own words say it already)."""
        refs = [i for p in points for i in p.references]
        # quotes are sparse (DOMAIN: "a few short ones"): one per point (``Point.limit``); a second
        # beside a wide point read as the same point made twice ("van geld naar samen" twice)
        cap = max(len({p.code for p in points}), MIN_THEME_QUOTES)
        cands = [c for c in self.candidates(point_of, refs) if refuse is None or not refuse(c)]
        cands = without_self_named(cands, {c.id for c in cands if not c.starred and self._names_hidden_role(c, c.text)})
        chosen = select_quotes(points, cands, max_total=cap, few=self.few, keep=self.keep)
        self.used += [c for cs in chosen.values() for c in cs]
        self.picked |= {c.id: key for key, cs in chosen.items() for c in cs}
        return chosen

    def printed(self, c: Candidate, anon) -> str:
        """A passage's words as the chapter prints them."""
        return mark_cuts(tidy(anon(c.text)) if self.tidy else anon(c.text))

    def quote(self, c: Candidate, anon, code_path: str | None = None) -> Quote:
        doc = self.names.get(c.document_id, "")
        role, region, ref, attribution = self.idx.facts(c.document_id, doc, c.start)
        # a passage that names its small region type is credited to that type, in the appendix
        # table's role column too ("programmaleider" beside "met de boot" is one person)
        someone = self.idx.someone_in(c.document_id, c.text)
        attribution = self.idx.for_text(c.document_id, c.text, attribution)
        role_label = someone or self.idx.role_label(role)
        self.idx.names_hidden_role(c.id, c.text, role)
        text = self.printed(c, anon)
        path = code_path or self.orig.get(c.id) or c.code
        return Quote(text=text, attribution=attribution, theme=path.split("/")[0], code=path, region=region,
                     role=role, doc=anon(doc), reference=ref, starred=c.starred, id=c.id,
                     theme_label=self.label(path.split("/")[0]), code_label=self.label(path) if "/" in path else "",
                     role_label=role_label)

    def appendix(self, theme_paths: Sequence[str], kind: str, anon,
                 retold: Sequence[tuple[str, str, int]] = ()) -> list[Quote]:
        """Starred (or all) codings of these themes not in the body, one per passage, by theme, sub-code, region.
        Not here: a passage saying what an example the body retells says (``retold``: theme, text, coding), nor,
        starred, the one it retells (a role ties it to one), nor one of ``withheld``, nor one a sentence a person
        chose rests on that says the same (``own_said``: her words retold another passage than its first)."""
        if kind == "none":
            return []
        ids = [c.id for p, c in self.codes.items() if p.split("/")[0] in theme_paths]
        # a star is the writer's pick on any coder's coding (F5 lists them all), under the counted coder's code
        anyone = kind == "starred" and not self.own_stars
        rows = self.ws.store.codings.all(code_ids=ids, coder_id=None if anyone else self.coder_id,
                                         starred=True if kind == "starred" else None, with_text=False)
        left: list[int] = []  # (on one coder's chapter, her own stars)
        if anyone and self.coder_id is not None:
            counted = self.ws.store.codings.all(code_ids=ids, coder_id=self.coder_id, with_text=False)
            rows, left = under_counted_codes(rows, counted, self.ws.store.coders.names().get(self.coder_id))
        rows = [t for t in rows if (self.doc_ids is None or t[1] in self.doc_ids)
                and not overlaps_any(t[1], t[4], t[5], self.gone)]
        cands = [Candidate(id=t[0], document_id=t[1], region="", group=self.group_of.get(t[1], ""), code=t[3],
                           start=t[4], end=t[5], text="", starred=bool(t[10])) for t in rows]
        body = self.used
        every = cands  # each coding the appendix considered gets its place (a second coder's star too)
        cands = [c for c in drop_overlaps(cands) if not overlaps_any(c.document_id, c.start, c.end, body)]
        pos = {p: i for i, p in enumerate(self.codes)}  # codes() walks the tree: codebook order
        self.idx.preload({c.document_id for c in cands})
        texts = coding_texts(self.ws.store, [(c.document_id, c.start, c.end) for c in cands])
        out = []
        lost = same = 0
        seen = SeenWords()
        # a passage a writer starred is hers to show: it gives way only to a quote of the text from the same
        # interview that says the same (one from another region, or like another starred row, was a "repeat")
        starred = kind == "starred"
        for b in body:  # nothing in the appendix repeats a quote of the text (compared as printed)
            seen.add(f"{b.document_id}/{b.code.split('/')[0]}" if starred else b.code.split("/")[0],
                     content_words(anon(b.text)))
        for theme, text, _coding in () if starred else retold:  # nor an example the text retells
            seen.add(theme, content_words(text))
        told = codings_by_ids(self.ws.store, sorted({i for *_x, i in retold if i})) if starred else []
        held = codings_by_ids(self.ws.store, sorted(self.withheld))  # nor, as a sentence before, a left-out point's
        own = retold_by(self.own_said, {c.id: anon(texts[(c.document_id, c.start, c.end)]) for c in cands})
        placed: list[tuple[Candidate, str]] = []
        rows_shown: list[Candidate] = []  # the rows printed so far, as extended
        for c in cands:
            original = c
            if original.id in self.withheld or overlaps_any(c.document_id, c.start, c.end, held):
                placed.append((original, "left"))  # said: a writer saw the appendix lose a row unsaid
                continue
            if overlaps_any(c.document_id, c.start, c.end, told) or c.id in own:  # the text retells it: said as that
                same += 1  # (before whether it stands alone: it said "left out" of a passage the text retold)
                placed.append((original, "example"))
                continue
            said = self._one_speaker(replace(c, text=texts[(c.document_id, c.start, c.end)]))
            if said is None:
                placed.append((original, "question"))
                continue  # a question is no quote, here as in the text (a coder may star one)
            # "Die …", "Ja, …", "Echt.": the sentence before or after, or left out
            c = self._standing(said, APPENDIX_SENTENCES, APPENDIX_WORDS)
            answer = self.question_before(said) if c is None else None
            asked = None
            if answer is not None:  # "Ja, en als PIE verdwijnt …" after the question it answers
                asked, c = answer
            if c is None or trails_off(c.text):  # "…, ja —": its point is left unsaid
                lost += 1
                placed.append((original, "context"))
                continue
            q = self.quote(c, anon)
            if asked is not None:
                q = replace(q, context=anon(asked))
            words = content_words(q.text)
            # extended to the sentence before, it may take in a quote of the text: a repeat
            theme = c.code.split("/")[0]
            # extended back onto an example, or onto what a left-out point rests on
            retells = any(overlaps_any(c.document_id, c.start, c.end, x) for x in (told, held))
            # ... or onto another theme's row (two rows printed "Het tekort aan technische docenten.";
            # within a theme ``once_per_passage`` makes them one row naming both sub-codes)
            # it needs the sentence before it, which the text retells as an example or quotes: it cannot
            # stand alone, and was said to be that example ("de bus" of R07) or a repeat of the quote
            if retells or (overlaps_any(c.document_id, c.start, c.end, body)
                           and not overlaps_any(original.document_id, original.start, original.end, body)):
                # its own later sentences, when they stand: those, not nothing (a researcher's starred "En de
                # kwaliteit van de lessen. We hebben mooie machines …", whose sentence before the text quotes)
                later = from_later_sentence(said) if c.start < said.start and asked is None else None
                if later is None or trails_off(later.text) or any(
                        overlaps_any(later.document_id, later.start, later.end, x) for x in (told, held, body)):
                    lost += 1
                    placed.append((original, "context"))
                    continue
                c, q = later, self.quote(later, anon)
                words = content_words(q.text)
            if overlaps_any(c.document_id, c.start, c.end, body) or overlaps_any(
                    c.document_id, c.start, c.end, [r for r in rows_shown if r.code.split("/")[0] != theme]) or (
                    seen.repeats(f"{c.document_id}/{theme}", words) if starred
                    else seen.repeats(theme, words) or seen.repeats(c.code, words)):
                same += 1
                placed.append((original, "repeat"))
                continue
            if original.id in left:  # it would stand, but not under a code the counted coding gives it
                placed.append((original, "none"))
                continue
            if not starred:
                seen.add(c.code, words)
            rows_shown.append(c)
            out.append(q)
            placed.append((original, "appendix"))
        self.left_out = (lost, same)
        self.places = chapter_places(every, placed, body)
        self.left_out_by = {w: [c.id for c, p in placed if p == w] for w in ("context", "example", "repeat", "left")}
        out.sort(key=lambda q: (pos.get(q.theme, 1 << 30), pos.get(q.code, 1 << 30), q.region, q.reference, q.id))
        return once_per_passage(out)


def labels_for(codes: dict[str, Any], lang: str, missing: set[str], anon=lambda t: t) -> Callable[[str], str]:
    """Code path -> its label in the report's language, through the pseudonym list; English
    falls back to the Dutch label marked "[nl]" (the path is remembered as missing one)."""
    from sto_qual.report.vocabulary import MISSING_MARK

    def label(path: str) -> str:
        return anon(_label(path))

    def _label(path: str) -> str:
        c = codes.get(path)
        if c is None:
            return path
        nl = c.label or c.name
        if lang == "en":
            en = getattr(c, "label_en", None)
            if en:
                return en
            missing.add(path)
            return nl + MISSING_MARK
        return nl
    return label
