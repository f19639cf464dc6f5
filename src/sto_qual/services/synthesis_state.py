"""Theme summaries as stored rows, records and JSON: their status (outdated when the codings
under reviewed text changed), the rows written, and the JSON of ``summary show --theme``.
A mixin of the SynthesisService."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain import drafting as d
from sto_qual.domain.synthesis import Contrast, SummaryPoint, ThemeSummary, review_marks
from sto_qual.services.synthesis_rows import keep_reviewed, sentence_items

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.synthesis_corpus import Corpus


class ThemeState:
    """Stored theme summaries read and written as rows; the host provides ``corpus``,
    ``sums``, ``_column`` and ``draft_theme``."""

    def _theme_tops(self, corpus: Corpus, theme: str | None) -> list[Code]:
        tops = [c for c in corpus.codes if c.parent is None]
        if theme:
            path = self._column(corpus, theme).split("/")[0]
            tops = [c for c in tops if c.path == path]
        return tops

    def theme(self, theme: str, preview: bool = False, lang: str = "nl") -> dict[str, Any]:
        """One theme's summary as JSON: ``code``, ``lead``, ``points`` (``label``, ``regions``,
        ``wording``, ``evidence``, ``references``, ``text``, ``lemmas``, ``reviewed``),
        ``contrasts`` (``code``, ``other``, ``kind``, ``text``, ``counts``, ``reviewed``; an outdated
        one also ``counts_now``: today's counts, [] when the difference no longer holds),
        ``status``, ``text``, ``author``, ``updated_at``, ``changes``, and per lead sentence
        ``lead_codes`` and ``lead_reviewed``. With ``preview``, a theme without a stored summary
        shows the draft it would get (its status stays "empty"). With ``lang="en"``: the English
        draft (``theme_summary``), plus ``lang`` and ``fallback`` (codes without ``label_en``)."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        row = self.current_theme_row(corpus, top)
        out = self._theme_json(corpus, top, row)
        if lang != "nl":
            en = self.theme_summary(top.path, lang=lang)
            out.update(_summary_json(en), text="", status="draft", changes={}, lang=lang, fallback=list(en.fallback))
        elif row is None and preview:
            out.update(_summary_json(self.draft_theme(corpus, top.path)))
        return out

    def stored_theme_status(self, theme: str) -> str:
        """What is stored for the theme without reading the drafting corpus: "empty", "draft" or
        "reviewed" (whether reviewed text is outdated is for ``theme_summary`` to say)."""
        return self.stored_theme_progress(theme)[0]

    def stored_theme_progress(self, theme: str) -> tuple[str, int, int]:
        """``stored_theme_status`` with how many of its sentences a person reviewed, of how many
        (``domain.synthesis.review_marks``)."""
        return _progress(self.sums.theme(self.ws.code(theme).id))

    def theme_progress_now(self, theme: str) -> tuple[str, int, int]:
        """``stored_theme_progress`` with the status read against today's codings: reviewed text,
        or a draft with an accepted sentence, whose codings changed since is "outdated" (F9's line
        said "theme ● reviewed" of a theme `summary show` called outdated)."""
        row = self.sums.theme(self.ws.code(theme).id)
        status, done, of = _progress(row)
        if row is None:
            return status, done, of
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        return self._theme_status(corpus, top, row, list(self._sentence_changes(corpus, top, row)))[0], done, of

    def theme_summary(self, theme: str, lang: str = "nl", unspoken: bool = False) -> ThemeSummary:
        """The theme's synthesis for the report: the stored one (reviewed, outdated or draft),
        else a fresh draft (not stored). ``lang="en"``: a fresh English draft (status "draft":
        what a person reviewed is Dutch and is not translated); codes without ``label_en``
        keep their Dutch label, marked "[nl]", and are listed in ``fallback``. Drafted points
        without a sentence are left out unless ``unspoken`` (the report keeps them to choose
        the quotes that carry them to the reader, and prints no sentence for them)."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        spoken = (lambda x: x) if unspoken else _spoken
        if lang == "en":
            return spoken(self.draft_theme(corpus, top.path, lang="en"))
        row = self.current_theme_row(corpus, top)
        if row is None:
            return spoken(self.draft_theme(corpus, top.path))
        sentences = list(self._sentence_changes(corpus, top, row))
        return spoken(_kept(self._summary_from_row(top.path, row, self._theme_status(corpus, top, row, sentences)[0],
                                                   sentences)))

    def _summary_from_row(self, path: str, row: dict[str, Any], status: str,
                          sentences: list | None = None) -> ThemeSummary:
        """``sentences``: (kind, changes) per sentence (``_sentence_changes``), so that a reviewed
        sentence whose codings changed reads as such (the chapter marks it: its "(16 van 19)" may
        be 17 now)."""
        meta = row.get("lead_meta") or []
        meta = meta if len(meta) == len(row["lead"]) else [{"code": "", "reviewed": False}] * len(row["lead"])
        stale: dict[str, list[bool]] = {"lead": [], "point": [], "contrast": []}
        for kind, under in sentences or ():
            stale[kind].append(any(under.values()))
        for kind, n in (("lead", len(meta)), ("point", len(row["points"])), ("contrast", len(row["contrasts"]))):
            stale[kind] += [False] * (n - len(stale[kind]))
        return ThemeSummary(code=path, lead=tuple(row["lead"]),
                            lead_codes=tuple(m["code"] for m in meta),
                            lead_reviewed=tuple(bool(m["reviewed"]) for m in meta),
                            lead_outdated=tuple(stale["lead"][:len(meta)]),
                            lead_edited=tuple(bool(m.get("edited")) for m in meta),
                            points=tuple(SummaryPoint(code=p["code"], label=p["label"], regions=tuple(p["regions"]),
                                                      wording=p["wording"], evidence=p["evidence"],
                                                      references=tuple(p["references"]), text=p.get("text", ""),
                                                      lemmas=tuple(p.get("lemmas", ())),
                                                      reviewed=bool(p.get("reviewed", False)),
                                                      edited=bool(p.get("edited", False)),
                                                      chosen=bool(p.get("chosen") or p.get("edited")),
                                                      reviewed_by=p.get("reviewed_by") or "", outdated=old,
                                                      left_out=bool(p.get("left_out")))
                                         for p, old in zip(row["points"], stale["point"])),
                            contrasts=tuple(Contrast(code=c["code"], other=c["other"], kind=c["kind"], text=c["text"],
                                                     counts=tuple(tuple(x) for x in c["counts"]),
                                                     reviewed=bool(c.get("reviewed", False)), outdated=old,
                                                     left_out=bool(c.get("left_out")),
                                                     as_drafted=bool(c.get("as_drafted")))
                                            for c, old in zip(row["contrasts"], stale["contrast"])),
                            status=status, text=row["text"])

    def current_theme_row(self, corpus: Corpus, top: Code) -> dict[str, Any] | None:
        """The theme's stored row as it reads today. A draft whose codings changed since it was
        drafted is drafted again (not stored), keeping what a person edited or accepted, so no
        stale count reaches the chapter, the TUI or `summary show`; reviewed text is never
        redrafted (it reads as outdated instead)."""
        row = self.sums.theme(top.id)
        if row is None or row["status"] == "reviewed" or (row["fingerprint"] == d.fingerprint(corpus.basis(top.path))
                                                          and same_groups(row, corpus)):
            return row
        if not corpus.spans_of(top.path) and not any(item.get("reviewed") for _k, item in sentence_items(row)):
            return None  # nothing coded any more: a draft rests on nothing
        fresh = self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", row["author"])
        return {**keep_reviewed(row, fresh), "updated_at": row["updated_at"]}

    def item_basis(self, corpus: Corpus, top: Code, kind: str, item: dict[str, Any]) -> list[list]:
        """The codings one sentence of a theme rests on: its code's (a lead sentence's, a
        point's) or both codes' (a contrast's)."""
        codes = ([item.get("code") or top.path] if kind != "contrast"
                 else [item.get("code", ""), item.get("other", "")])
        return sorted(r for c in dict.fromkeys(codes) if c in corpus.by_path for r in corpus.basis(c))

    def _sentence_changes(self, corpus: Corpus, top: Code, row: dict[str, Any]):
        """(kind, changes) for every sentence of the row, in order: the coding ids added, removed
        or changed under a sentence a person edited or accepted since then ({} when none)."""
        whole: dict[str, list[int]] | None = None
        for kind, item in sentence_items(row):
            changes: dict[str, list] = {}
            if item.get("reviewed") and "fingerprint" in item:
                now = self.item_basis(corpus, top, kind, item)
                if item["fingerprint"] != d.fingerprint(now):
                    changes = d.basis_changes(item["basis"], now)
                changes.update(regrouped(item, kind, corpus))
            elif item.get("reviewed") and row.get("status") == "reviewed" and row.get("basis") is not None:
                # accepted with its whole theme before each sentence kept what it rests on: which
                # sentence a change touches is not known, so each reads as resting on the theme's
                # changes (the chapter marked none, and printed a "(17 van 19)" beside 18 interviews)
                if whole is None:
                    basis = corpus.basis(top.path)
                    whole = ({} if row["fingerprint"] == d.fingerprint(basis)
                             else d.basis_changes(row["basis"], basis))
                    whole.update(regrouped(row, "contrast", corpus))
                changes = whole
            yield kind, changes

    def stale_sentences(self, theme: str) -> list[str]:
        """``stale_as_drafted`` of a theme as it reads now ("lead 2", "point 1"): what an accept
        refuses (the theme view says so before it asks)."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        return self.stale_as_drafted(corpus, top, self.current_theme_row(corpus, top))

    def stale_as_drafted(self, corpus: Corpus, top: Code, row: dict[str, Any] | None) -> list[str]:
        """The sentences a person accepted as they were drafted whose codings or interviews changed
        since ("lead 2", "point 1"): their counts are those of then ("(16 van 19)" where it is
        15 of 18 now), so they are drafted again rather than accepted again; a sentence she
        edited is her own words and stays hers to correct."""
        out, number = [], {"lead": 0, "point": 0, "contrast": 0}
        for (kind, under), (_kind, item) in zip(self._sentence_changes(corpus, top, row or {}),
                                                sentence_items(row or {})):
            number[kind] += 1
            if under and item.get("reviewed") and not item.get("edited"):
                out.append(f"{kind} {number[kind]}")
        return out

    def _theme_status(self, corpus: Corpus, top: Code, row: dict[str, Any] | None,
                      sentences: list | None = None) -> tuple[str, dict]:
        """The row's status, "outdated" (with the coding ids that changed) when the codings
        under reviewed text changed: the whole theme's, or those under one sentence a person
        edited or accepted; or when the interviews it counted over did (``interviews``: the
        number then and now; ``groups``: the attribute whose groups changed)."""
        if row is None:
            return "empty", {}
        changes: dict[str, set[int]] = {"added": set(), "removed": set(), "changed": set()}
        other: dict[str, list] = {}
        if row["status"] == "reviewed":
            basis = corpus.basis(top.path)
            if row["fingerprint"] != d.fingerprint(basis):
                for k, ids in d.basis_changes(row["basis"], basis).items():
                    changes[k].update(ids)
        for _kind, under in (sentences if sentences is not None else self._sentence_changes(corpus, top, row)):
            for k, ids in under.items():
                if k in changes:
                    changes[k].update(ids)
                else:
                    other[k] = ids
        if row["status"] == "reviewed" and not other:  # (a person's own text for the theme, say)
            other.update(regrouped(row, "contrast", corpus))
        if any(changes.values()) or other:
            return "outdated", {**{k: sorted(v) for k, v in changes.items()}, **other}
        return row["status"], {}

    def _theme_json(self, corpus: Corpus, top: Code, row: dict[str, Any] | None) -> dict[str, Any]:
        sentences = list(self._sentence_changes(corpus, top, row or {}))
        status, changes = self._theme_status(corpus, top, row, sentences)
        s = (self._summary_from_row(top.path, row, status, sentences) if row
             else ThemeSummary(top.path, (), (), (), "empty"))
        out = {"code": top.path, **_summary_json(s), "status": status, "text": s.text,
               "author": row["author"] if row else None, "updated_at": row["updated_at"] if row else None,
               "changes": changes}
        # which accepted sentence rests on changed codings: `summary show` and the theme view
        # mark it ◐, so a reader finds the "(15 van 19)" that is no longer true
        out["lead_outdated"] = list(s.lead_outdated) + [False] * (len(out["lead"]) - len(s.lead_outdated))
        for key, items in (("points", s.points), ("contrasts", s.contrasts)):
            for x, item in zip(out[key], items):
                x["outdated"] = item.outdated
        stale = [x for x in out["contrasts"] if x["outdated"]]
        if stale:  # the counts it was reviewed on, and today's beside them (none: it no longer holds)
            fresh = {(c.code, c.other, c.kind): [list(n) for n in c.counts]
                     for c in self.draft_theme(corpus, top.path).contrasts}
            for x in stale:
                x["counts_now"] = fresh.get((x["code"], x["other"], x["kind"]), [])
        return out

    def theme_reviewers(self, theme: str) -> dict[str, Any]:
        """Who reviewed each sentence of a theme, numbered as ``theme`` numbers them: ``lead``,
        ``point``, ``contrast`` (a name; "" for a sentence nobody reviewed, or whose reviewer
        was not kept), ``edited`` (per kind, whether each sentence is a person's own words rather
        than the draft accepted), and who made the last change to the stored summary and when
        (``changed_by``, ``changed_at``; None when nothing is stored). The theme's ``author``
        stays the draft's until the whole theme is reviewed; the last change is read from the
        audit line written with it. Read-only."""
        corpus = self.corpus()
        top = self._theme_tops(corpus, theme)[0]
        row = self.current_theme_row(corpus, top)
        if row is None:
            return {"lead": [], "point": [], "contrast": [], "edited": {}, "changed_by": None, "changed_at": None}
        meta = row.get("lead_meta") or []
        lead = ([m.get("reviewed_by") or "" for m in meta] if len(meta) == len(row["lead"])
                else [""] * len(row["lead"]))
        lead_edited = ([bool(m.get("edited")) for m in meta] if len(meta) == len(row["lead"])
                       else [False] * len(row["lead"]))
        # a sentence reviewed no longer (put back after being left out) has no reviewer
        return {"lead": lead, "point": [p.get("reviewed_by") or "" if p.get("reviewed") else "" for p in row["points"]],
                "contrast": [c.get("reviewed_by") or "" if c.get("reviewed") else "" for c in row["contrasts"]],
                # whose words each reviewed sentence is: edited (her own) or accepted as drafted
                "edited": {"lead": lead_edited, "point": [bool(p.get("edited")) for p in row["points"]],
                           "contrast": [bool(c.get("edited")) for c in row["contrasts"]]},
                "changed_by": self._changed_by(top.id, row["updated_at"]) or row["author"],
                "changed_at": row["updated_at"]}

    def _changed_by(self, code_id: int, stamp: str | None) -> str | None:
        """Who wrote the theme row stamped ``stamp``: the coder of the audit line written in the
        same transaction (at most a few seconds later), or None (a draft by `summarize`, a row
        brought in by `merge`, an audit log without the line)."""
        from datetime import datetime, timedelta
        try:
            since = datetime.fromisoformat(stamp or "")
        except ValueError:
            return None
        limit = 64
        while True:
            entries, hit = self.store.audit.entries(limit), None  # newest first
            for e in entries:
                at = datetime.fromisoformat(e["at"])
                if at < since:
                    break
                if at - since > timedelta(seconds=5):
                    continue
                if e["action"] == "summarize":
                    hit = None  # the draft `summarize` wrote: the row's own author says so
                elif e["entity"] == "theme-summary" and e["entity_id"] == code_id:
                    hit = e["coder"]
            else:
                if len(entries) == limit:  # not back to the row's time yet: read further
                    limit *= 8
                    continue
            return hit

    def themes(self) -> list[dict[str, Any]]:
        corpus = self.corpus()
        return [self._theme_json(corpus, top, self.current_theme_row(corpus, top))
                for top in self._theme_tops(corpus, None)]

    def _theme_row(self, corpus: Corpus, top: Code, summary: ThemeSummary, status: str, author: str | None,
                   text: str = "") -> dict[str, Any]:
        from sto_qual.store.connection import now
        basis = corpus.basis(top.path)
        return {"code_id": top.id, "lead": list(summary.lead), "points": [_point_json(p) for p in summary.points],
                "contrasts": [_contrast_json(c) for c in summary.contrasts], "text": text, "status": status,
                "author": author, "updated_at": now(), "basis": basis, "fingerprint": d.fingerprint(basis),
                "groups": corpus.groups,
                "lead_meta": [{"code": c, "reviewed": r} for c, r in zip(summary.lead_codes, summary.lead_reviewed)]}



def vouched(item: dict[str, Any], basis: list[list], corpus: Corpus) -> dict[str, Any]:
    """What a sentence a person edits or accepts rests on, kept with it: its codings, and the
    interviews it counts over (its "(11 van 19)" is out of date once an interview is added or
    deleted, though no coding under it changed; a contrast's groups once a region type is)."""
    item.update(basis=basis, fingerprint=d.fingerprint(basis), interviews=len(corpus.docs), groups=corpus.groups)
    # a point vouched for again names no interview or passage that is gone (her edited point kept
    # R05 and its coding 119 as evidence after R05 was deleted, and read ● as checked)
    if "regions" in item:
        names = set(corpus.doc_name.values())
        item["regions"] = [r for r in item["regions"] if r in names]
    if "references" in item:
        item["references"] = [i for i in item["references"] if i in corpus.coding_ids]
    return item


def regrouped(item: dict[str, Any], kind: str, corpus: Corpus) -> dict[str, list]:
    """How the interviews a reviewed sentence (or theme row) counted over differ from today's:
    ``interviews`` [then, now] when their number changed; else, for a contrast (or a row whose
    number was not kept), ``groups`` [the attribute] when the interviews or their groups did."""
    then = item.get("interviews")
    if then is not None and then != len(corpus.docs):
        return {"interviews": [then, len(corpus.docs)]}
    if item.get("groups") not in (None, corpus.groups) and (kind == "contrast" or then is None):
        return {"groups": [corpus.main]}
    return {}


def same_groups(row: dict[str, Any], corpus: Corpus) -> bool:
    """Whether a stored theme was drafted over today's groups (a row stored before groups were
    kept with it is taken as drafted over them)."""
    return row.get("groups") in (None, corpus.groups)


def _progress(row: dict[str, Any] | None) -> tuple[str, int, int]:
    """A stored theme row's status, how many of its sentences a person reviewed and of how many."""
    if not row:
        return "empty", 0, 0
    flags = review_marks([m.get("reviewed") for m in row.get("lead_meta") or []], row.get("points") or [],
                         row.get("contrasts") or [])
    return row["status"], sum(flags), len(flags)


def _kept(s: ThemeSummary) -> ThemeSummary:
    """The summary without the points and contrasts a person left out of the chapter (the points
    kept aside in ``left_out``: the quotes must not say them either)."""
    from dataclasses import replace
    return replace(s, points=tuple(p for p in s.points if not p.left_out),
                   contrasts=tuple(c for c in s.contrasts if not c.left_out),
                   left_out=tuple(p for p in s.points if p.left_out and p.text.strip()))


def _spoken(s: ThemeSummary) -> ThemeSummary:
    """The summary the chapter prints: points without a sentence (only the words their passages
    share, kept in the JSON as a hint) are left out; a list of words is no finding."""
    from dataclasses import replace
    return replace(s, points=tuple(p for p in s.points if p.text.strip()))


def _point_json(p: SummaryPoint) -> dict[str, Any]:
    return {"code": p.code, "label": p.label, "regions": list(p.regions), "wording": p.wording,
            "evidence": p.evidence, "references": list(p.references), "text": p.text, "lemmas": list(p.lemmas),
            "reviewed": p.reviewed, "edited": p.edited, "reviewed_by": p.reviewed_by,
            **({"chosen": True} if p.chosen else {}), **({"left_out": True} if p.left_out else {})}


def _contrast_json(c: Contrast) -> dict[str, Any]:
    return {"code": c.code, "other": c.other, "kind": c.kind, "text": c.text, "counts": [list(x) for x in c.counts],
            "reviewed": c.reviewed, **({"left_out": True} if c.left_out else {}),
            **({"as_drafted": True} if c.as_drafted else {})}


def _summary_json(s: ThemeSummary) -> dict[str, Any]:
    """The drafted parts of a theme as JSON (lead, its codes and review marks, points, contrasts)."""
    return {"lead": list(s.lead), "lead_codes": list(s.lead_codes), "lead_reviewed": list(s.lead_reviewed),
            "points": [_point_json(p) for p in s.points], "contrasts": [_contrast_json(c) for c in s.contrasts]}
