"""Report and export use cases. Every export is anonymised with the project's pseudonym
list; the project itself keeps the verbatim text."""
from __future__ import annotations

import functools
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.filters import condition_text
from sto_qual.domain.quote_picking import CHAPTER_PLACES, PRINTED_FATES
from sto_qual.domain.quote_selection import MIN_WORDS, SMALL_GROUP, later_sentence
from sto_qual.domain.spans import overlaps
from sto_qual.domain.spreadsheet import whole_number
from sto_qual.domain.text import plural
from sto_qual.report.files import refuse_replacing, written_as_is
from sto_qual.services.coders import coders_shown_in, printed_otherwise, shown_coder
from sto_qual.services.export_targets import _check_out, _refuse_export, is_grid_name
from sto_qual.services.report_theme import held_themes
from sto_qual.services.report_warnings import cut_cells, left_few_warning, retold_beside
from sto_qual.services.session import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project
    from sto_qual.services.synthesis import SynthesisService

CODING_COLUMNS = ("id", "doc", "theme", "code", "start", "end", "coder", "starred", "role", "reference", "quote",
                  "memo")  # the codings table's (.csv, .xlsx), before an attr_ column each; F8 knows its CSV by them


class ExportService:
    """The chapter and the tables, built from the project's use cases and its synthesis
    (``synthesis``: the Workspace's one SynthesisService, made when first asked for)."""

    def __init__(self, ws: Project, synthesis: Callable[[], SynthesisService]) -> None:
        self.ws, self.store, self.synthesis = ws, ws.session.store, synthesis

    def standing(self, passages: list[tuple[int, int, str, int, int, bool]], anon=None) -> dict[int, str]:
        """(id, document id, code, start, end, starred) -> what the chapter does with the passage: quoted as
        it is (""), from elsewhere in it or around it, or why not at all (``QuotePicker.appendix_fate``).
        With ``anon`` (the project's anonymiser): id -> (that, the passage as the chapter quotes it, or "", the
        interviewer's question it is quoted after, or "")."""
        from sto_qual.domain.quote_selection import Candidate
        from sto_qual.services.quote_selection import QuotePicker
        from sto_qual.services.report_quotes import QuoteIndex
        picker = QuotePicker(self.ws, QuoteIndex(self.ws, lambda t: t, "nl"), coder_id=None, main=None,
                             tidy_quotes=False, labels=lambda p: p)
        texts: dict[int, str] = {}
        out = {}
        for cid, doc, code, start, end, starred in passages:
            said = (texts.get(doc) or texts.setdefault(doc, self.ws.document_text(doc)))[start:end]
            c = Candidate(id=cid, document_id=doc, region="", group="", code=code, start=start, end=end, text=said,
                          words=len(said.split()), starred=starred)
            fate, stood = picker.appendix_fate(c)
            asked = picker.question_before(c) if anon is not None and fate == "asked" else None
            out[cid] = fate if anon is None else (fate, picker.quote(stood, anon).text if stood and fate else "",
                                                  anon(asked[0]) if asked else "")
        return out

    def star_note(self, coding_id: int, place: str | None = None) -> str:
        """What a coder starring this coding should know of the chapter's appendix, which lists the starred
        passages the text does not quote: "" when it quotes it as it is, else how it quotes it or why not.
        ``place`` (``CHAPTER_PLACES``), when known: how the appendix would print it is moot where the text quotes
        or retells it, or the chapter leaves it out ("starts from the sentence before" beside "left out")."""
        c = self.ws.coding(coding_id)
        fate = self.standing([(c.id, c.document_id, c.code, c.start, c.end, True)])[c.id]  # as she stars it
        if place in ("text", "example") or (place not in (None, "appendix") and fate in PRINTED_FATES):
            return ""
        out, text = "the report's appendix will leave it out: ", (  # which sentence, for "later"
            self.ws.document_text(c.document_id)[c.start:c.end] if fate == "later" else "")
        later = " ".join(text[later_sentence(text, MIN_WORDS) or 0:].split()[:6]) if text else ""
        return {"": "",  # how the appendix would print it, not whether it does (where it goes: ``places``)
                "before": "where the report's appendix prints it, it starts from the sentence before, which it needs",
                "after": "where the report's appendix prints it, it starts after its opening “En” or “Maar” (‘…’)",
                "later": f"where the report's appendix prints it, it starts at a later sentence, “{later} …”: its "
                         "opening looks back",
                "asked": "where the report's appendix prints it, it starts where its speaker's answer starts, after "
                         "what the interviewer asked or said",
                "turn": out + "its opening points back to what another speaker said before it; a passage that "
                        "opens with its own subject can be quoted",
                "role": out + "its opening points back to the sentence before it, which names the speaker's role, "
                        "and the chapter credits this speaker as 'een geïnterviewde' (too few of that role to name "
                        "it); a passage that opens with its own subject can be quoted",
                "chain": out + "its opening points back, and so does the sentence before it; code it from where "
                         "the answer can be read on its own",
                "long": out + "it cannot be understood without the sentences before it, and with them it is longer "
                        "than the appendix quotes (five sentences, 120 words); a shorter passage can be quoted",
                "verbless": out + "it says nothing on its own (no verb), and with the sentences after it, it is "
                            "longer than the appendix quotes",
                "question": out + "only the interviewer speaks in it",
                "trails": out + "it breaks off mid-sentence"}[fate]

    def _whole(self, options: dict[str, Any]) -> Callable[[], Any]:
        """The chapter on every interview with these options, built once, when first asked for."""
        @functools.cache
        def whole():
            return self.report_data(**{**options, "where": None, "leave_out": ()})  # (its accepted themes held too)
        return whole

    def report_data(self, *, whole: Callable[[], Any] | None = None, **options: Any):
        """The chapter's content (``build_report_data``); a chapter on part of the interviews is told
        which codings the chapter on every interview (``whole``, shared with the caller's other uses of
        it) prints, when it asks (quotes side by side); one that leaves passages out keeps the other
        quotes of the same chapter without them."""
        from sto_qual.services.reporting import build_report_data
        whole = whole or self._whole(options)
        def beside() -> set[int]:
            return {q.id for t in whole().themes for q in t.quotes} | {q.id for q in whole().appendix}
        with self.ws.analysis_service.snapshot():  # the accepted themes' quotes first (``held_themes``)
            held = held_themes(self.ws, options)
            keep = build_report_data(self.ws, self.synthesis(), **{**options, "codes": held, "leave_out": (),
                                                                   "appendix": "none"}).picked if held else None
            keep = build_report_data(self.ws, self.synthesis(), **{**options, "leave_out": (), "appendix": "none"},
                                     keep=keep).picked if options.get("leave_out") else keep
            return build_report_data(self.ws, self.synthesis(), **options, keep=keep,
                                     **({"beside": beside} if options.get("where") else {}))

    def chapter_places(self, *, lang: str = "nl") -> dict[int, str]:
        """Coding id -> where the chapter `report` writes puts it (``CHAPTER_PLACES``' keys): the
        quotes of its text and the appendix's candidates (the starred passages)."""
        return self.report_data(lang=lang).places

    def with_chapter_places(self, rows: list[dict[str, Any]], *, lang: str = "nl",
                            codings: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """``quotes`` rows with ``chapter``: where the project's chapter (`report`, whatever
        part the rows are of) puts the passage: ``CHAPTER_PLACES``' keys; of a passage several
        coders coded, the place its words reached."""
        try:
            places = self.chapter_places(lang=lang)
        except StoQualError:  # no chapter to be made (the list itself stands): no column
            return rows
        rank = list(CHAPTER_PLACES)
        placed: dict[tuple[int, str], list[tuple[int, int, int]]] = {}  # (document, theme) -> the placed codings
        if any(not any(i in places for i in r.get("ids", [r["id"]])) for r in rows):
            for c in codings if codings is not None else self.ws.codings():  # (the caller's, when it read them)
                if c.id in places:
                    placed.setdefault((c.document_id, c.code.split("/")[0]), []).append((c.id, c.start, c.end))
        out = []
        for r in rows:
            found = [places[i] for i in r.get("ids", [r["id"]]) if i in places]
            if not found and "start" in r:  # one coder's rows (--coder): the passage as another coder's coding placed it
                found = [places[i] for i, s, e in placed.get((r["document_id"], r["code"].split("/")[0]), ())
                         if overlaps((s, e), (r["start"], r["end"]))]
            out.append({**r, "chapter": min(found, key=rank.index) if found else "none"})
        return out

    def report(self, out: str | Path, *, lang: str = "nl", codes: list[str] | None = None,
               coder: str | None = None, appendix: str = "starred", memos: bool = False, numbers: bool = True,
               attribution: str = "role", tidy_quotes: bool = False, progress=None,
               where: dict[str, str] | None = None, force: bool = False,
               leave_out: Sequence[int] = ()) -> dict[str, Any]:
        """Write the Word chapter: method; per theme its opening (the summary when there is
        one), its points each with one to three quotes, a sub-code x region-type table and a
        sub-code chart; the codebook definitions, the remaining quotes and (``memos``) the
        coders' memos as appendices. Counts are the reference coder's unless ``coder``;
        ``where`` limits it to the matching documents; ``leave_out``: codings it quotes nowhere. A
        Word file there that was edited since it was written, or that this program did not write, is
        replaced only with ``force``: a writer's edits in the chapter were lost to the next `report` unsaid."""
        from sto_qual.report.docx_report import write_docx
        out = _check_out(out, ".docx", hint="the report is a Word chapter, which Word or LibreOffice can save as "
                                            "PDF; `sto-qual export -o FILE.md` writes it in Markdown")
        if not force:
            refuse_replacing(out)
        rows = {i: self.store.codings.row(i) for i in leave_out}
        for i, row in rows.items():  # (a mistyped id left out nothing, unsaid)
            if row is None:
                raise StoQualError(f"no coding #{i} to leave out of the chapter", hint="the report's warnings and "
                                   "`sto-qual quotes --code THEME` give each quote's coding by its #id")
        part = set(self.ws.analysis_service.doc_ids(where)) if where else None  # (#200 for #136: in no interview here)
        outside = [f"#{i} ({self.store.documents.name(r['document_id'])})" for i, r in rows.items()
                   if part is not None and r["document_id"] not in part]
        options = dict(lang=lang, codes=codes, coder=coder, appendix=appendix, memos=memos, where=where,
                       numbers=numbers, attribution=attribution, tidy_quotes=tidy_quotes, leave_out=leave_out)
        whole = self._whole(options)  # built once for the side-by-side warnings (it was built twice)
        data = self.report_data(whole=whole, **options)
        write_docx(data, out, progress=progress)
        tied = retold_beside(self.ws, data, whole()) if where else []
        return {"path": str(out), "themes": len(data.themes), "quotes": sum(len(t.quotes) for t in data.themes),
                "appendix_rows": len(data.appendix), "warnings": [*data.warnings, *tied], "drafts": data.concept_themes,
                "partly": data.partly_reviewed, "left_outside": outside}

    def set_reference_coder(self, name: str | None) -> None:
        """The coder whose codings the report counts (None: all coders merged)."""
        if name is not None:
            stored = self.store.coders.stored_name(name)
            if stored is None:
                raise self.ws.session.unknown_coder(name)
            name = stored
        self.store.settings.set("reference_coder", name)

    def export_summary_table(self, out: str | Path, lang: str = "nl") -> dict[str, Any]:
        """The summary grid as MAXQDA's Summary Table (.xlsx or .docx): rows interviews, their
        attributes, then a column per code with summary text; drafts marked "[concept]"."""
        out = Path(out)
        header, rows, n_codes = self.synthesis().summary_table(lang=lang)
        if out.suffix.lower() == ".xlsx":
            from sto_qual.report.tabular import write_xlsx
            write_xlsx({"summary grid": [dict(zip(header, r)) for r in rows]}, out)
        else:
            from sto_qual.report.summary_table import write_summary_table_docx
            words = (("Samenvattingstabel", "Interviews", "interview", "samenvatting") if lang == "nl" else
                     ("Summary table", "Interviews", "interview", "summary"))
            write_summary_table_docx(words, header, rows, n_codes, out)
        cells = [((), text, f"the cell {row[0]} × {name}") for row in rows
                 for name, text in zip(header[len(header) - n_codes:], row[len(row) - n_codes:]) if text] \
            if n_codes else []
        empty = [] if n_codes else ["the grid has no summaries yet, so it lists the interviews and their attributes "
                                    "only: `sto-qual summarize` (S in F9) drafts them"]
        return {"path": str(out), "rows": len(rows), "columns": len(header),
                "warnings": empty + self.ws.pseudonym_service.unlisted_participants()
                + self.ws.pseudonym_service.unlisted_names(cells)}

    def quotes(self, code: str, *, where: dict[str, str] | None = None, starred: bool | None = None,
               coder: str | None = None, lang: str = "nl") -> list[dict[str, Any]]:
        """Anonymised quotes of a code (sub-codes included) with their attribution, one row per
        passage (``report_quotes.one_row_per_passage``: ``ids`` and ``codes`` of the codings
        it holds)."""
        from sto_qual.services.report_quotes import one_row_per_passage
        from sto_qual.services.reporting import quote_rows
        rows = quote_rows(self.ws, code, where=where, coder=coder, lang=lang, one_speaker=True, one_per_span=False)
        prefer = self.ws.counting_coder()
        # folded first, then filtered: a starred passage reads as it does without --starred
        rows = one_row_per_passage(rows, shown_coder(self.ws.anonymiser(), self.ws.session)(prefer)
                                   if prefer else None)
        return [r for r in rows if r["starred"]] if starred else rows

    def quote_warnings(self, rows: list[dict[str, Any]], where: dict[str, str] | None = None) -> list[str]:
        """What ``quotes`` prints that points to a person (``_person_warnings``), and the roles it credits as
        "een geïnterviewde" (``credited_as_interviewee``)."""
        from sto_qual.services.report_quotes import credited_as_interviewee
        return credited_as_interviewee(self.ws, rows, where) + self._person_warnings(rows)

    def _person_warnings(self, rows: list[dict[str, Any]], extra: list[tuple] = ()) -> list[str]:
        """A coder printed under another name; counts only one region has in the rows' quotes, and names the
        pseudonym list missed in them and in ``extra`` passages (memos), read in one pass (of every transcript)."""
        from sto_qual.services.quote_checks import count_warnings
        passages = [((r["id"],), r["quote"], f"quote {r['id']} ({r['code']})") for r in rows]
        return printed_otherwise(self.ws.anonymiser(), self.ws.session, {r.get("coder") for r in rows}) + \
            count_warnings(self.ws, passages) + self.ws.pseudonym_service.unlisted_names([*passages, *extra])

    def coding_table(self, coder: str | None = None, where: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every coding with its (anonymised) text, speaker role and document attributes: two
        coders' codings of the same span are two rows (the coder column tells them apart).
        ``where``: only the documents it keeps."""
        from sto_qual.services.reporting import quote_rows
        attrs = self.store.documents.attributes()
        anon = self.ws.anonymiser()
        kept = set(self.ws.analysis_service.doc_ids(where)) if where else None
        rows = []
        for r in quote_rows(self.ws, coder=coder, one_per_span=False):
            if kept is not None and r["document_id"] not in kept:
                continue
            doc_attrs = attrs.get(r["document_id"], {})
            row = {k: r[k] for k in CODING_COLUMNS}  # an attribute's yes/no or number stays one (ja/nee in csv-nl)
            row.update({f"attr_{k}": v if isinstance(v, (bool, int, float)) else anon(str(v))
                        for k, v in doc_attrs.items()})
            rows.append(row)
        return rows

    def export(self, out: str | Path, *, lang: str = "nl", progress=None, grid: bool | None = None,
               csv_nl: bool = False, **options: Any) -> dict[str, Any]:
        """Export by file suffix: .docx report, .md chapter, .csv codings, .xlsx codings + counts +
        crosstab, .qdpx REFI-QDA project. ``grid``: the summary grid (.xlsx, .docx) instead;
        None: when the name says so (``is_grid_name``). ``csv_nl``: the .csv for Dutch Excel."""
        slash, out = str(out).endswith(("/", "\\")), Path(out)  # (`-o nodir/`: a folder meant)
        suffix = out.suffix.lower()
        force = options.pop("force", False)  # replace a file edited since it was written, or another program's
        where = options.get("where")
        wants_grid = _refuse_export(out, suffix, grid, csv_nl, where, folder=slash)
        if not force and (suffix in (".md", ".xlsx", ".qdpx") or wants_grid and suffix == ".docx"):
            refuse_replacing(out)
        if wants_grid:
            return {**self.export_summary_table(out, lang=lang), "what": "the summary grid"}
        if suffix == ".docx":
            return self.report(out, lang=lang, progress=progress, force=force, **options)
        if suffix == ".md":
            from sto_qual.report.markdown import report_markdown
            data = self.report_data(lang=lang, **options)
            from sto_qual.report.files import stamped_text
            atomic_write_text(out, stamped_text(report_markdown(data)))
            # the chapter's warnings, as the .docx gives them (a count that points to one region …)
            return {"path": str(out), "themes": len(data.themes), "warnings": list(data.warnings)}
        if suffix in (".csv", ".xlsx"):  # a coder's codings or counts over interviews she did not code: zeros
            self.ws.analysis_service.refuse_uncoded(options.get("coder") or self.ws.counting_coder(), where, then=(
                "there are no codings of theirs to write" if suffix == ".csv" else "every figure would be 0"))
        if suffix == ".csv":
            from sto_qual.report.tabular import write_csv
            rows = self.coding_table(options.get("coder"), where)
            write_csv(rows, out, dutch=csv_nl, force=force, columns=CODING_COLUMNS)
            # "my-grid.csv": the name asks for the grid, which a CSV cannot hold: said, not guessed
            said = [f"{out.name} holds the codings: the summary grid is written as .xlsx or .docx "
                    f"({out.stem}.xlsx)"] if grid is None and is_grid_name(out) else []
            said += self._printed_participants(where) + self._printed_names(rows)
            return {"path": str(out), "rows": len(rows), "codings_table": bool(rows),
                    "what": plural(len(rows), "coding") + (" (for Dutch Excel: ; and decimal commas)" * csv_nl),
                    "warnings": said}
        if suffix == ".xlsx":
            from sto_qual.report.tabular import per_group_sheet, write_xlsx
            rows = [{k: whole_number(v) if k.startswith("attr_") else v for k, v in r.items()}
                    for r in self.coding_table(options.get("coder"), where)]  # "3" school boards: a number
            # every coding is a row; the counts are whose `stats` and the chapter count: the
            # reference coder's unless a coder is named
            counted = options.get("coder") or self.ws.counting_coder()
            counts = self.ws.theme_counts(coder=counted, lang=lang, where=where).to_dict(orient="records")
            sheets = {"codings": rows, "counts": counts}
            main = self.ws.report_settings.main_attribute()
            try:
                cross = self.ws.crosstab(main, coder=counted, lang=lang, where=where)
            except StoQualError:
                cross = None
            small: list[str] = []
            if cross is not None:
                labels = self.ws.report_settings.label_map(lang)
                sheets[f"per {labels.attribute(main)}"] = per_group_sheet(self.ws.codebook(), cross, counts, labels,
                                                                          "all" if lang == "en" else "alle")
                small = self._small_columns(main, f"per {labels.attribute(main)}", where)
            notes, partial = self._workbook_notes(counted, options.get("coder"), lang, where)
            anon = self.ws.anonymiser()  # the notes name the coder as the codings sheet does ("coder 1")
            notes = coders_shown_in(notes, (counted, options.get("coder")), shown_coder(anon, self.ws.session))
            sheets["notes" if lang == "en" else "toelichting"] = [{"note": n} for n in notes]
            sheets = {k: [{c: anon(v) if isinstance(v, str) else v for c, v in r.items()} for r in rows_]
                      for k, rows_ in sheets.items()}
            cut: list = []
            write_xlsx(sheets, out, cut)
            whose = f"counts of {counted}" if counted else "counts of every coder"  # (the codings: every coder's)
            n = len({r["coder"] for r in rows})
            return {"path": str(out), "rows": len(rows), "codings_table": bool(rows),
                    "what": plural(len(rows), "coding") + (f" of {n} coders" if n > 1 else "") + f", {whose}",
                    "warnings": ([anon(partial)] if partial else []) + small + self._printed_participants(where)
                    + self._printed_names(rows) + left_few_warning(self.ws, where, "workbook") + cut_cells(cut)}
        from sto_qual.services.interchange import export_qdpx
        warnings = export_qdpx(self.ws, out, force=force)
        return {"path": str(out), "warnings": warnings}

    def _small_columns(self, main: str, sheet: str, where: dict[str, str] | None) -> list[str]:
        """A warning for the workbook's per-group sheet when a column counts fewer than SMALL_GROUP
        interviews (the island region): its counts are that region's answers, which the chapter's
        tables leave out and the export printed unsaid."""
        small = self.ws.analysis_service.small_groups(main, where)
        unset = self.ws.analysis_service.without_attribute(main, where)  # in no column: said, as `report` says it
        return ([f"the sheet '{sheet}' has a column of fewer than {SMALL_GROUP} interviews "
                 f"({', '.join(sorted(small))}: {', '.join(sorted(n for ns in small.values() for n in ns))}): its "
                 "counts are that region's answers, which the chapter's tables leave out; take the column out "
                 "before the workbook leaves the team"] if small else []) + (
            [f"the sheet '{sheet}' counts {', '.join(unset[:6])}{' …' if len(unset) > 6 else ''} in no column (no "
             f"'{main}'), so its columns add up to fewer interviews than its first; `sto-qual attribute "
             f"{shlex.quote(unset[0])} {main}=VALUE` gives {'it' if len(unset) == 1 else 'each'} one"] if unset else [])

    def _printed_names(self, rows: list[dict[str, Any]]) -> list[str]:
        """What a codings table prints that still points to a person: a name the pseudonym list
        missed, or a count only one region has, in its quotes and memos (as the chapter and
        `quotes` say of theirs)."""
        memos = [((r["id"],), r["memo"], f"the memo of coding {r['id']}") for r in rows if r.get("memo")]
        return self._person_warnings(rows, memos)

    def _printed_participants(self, where: dict[str, str] | None) -> list[str]:
        """The participants attributes of the documents a codings table of ``where`` prints
        whose names the pseudonym list leaves in (``PseudonymService.unlisted_participants``)."""
        docs = self.ws.analysis_service.doc_ids(where) if where else None
        return self.ws.pseudonym_service.unlisted_participants(docs)

    def _workbook_notes(self, counted: str | None, named: str | None, lang: str,
                        where: dict[str, str] | None = None) -> tuple[list[str], str]:
        """What the workbook's counts are, as its last sheet says: which interviews (``where``),
        whose codings, what a share and a word count are of; and, when the counted coder coded
        only some interviews, the line that says so (in English also the export's warning: a
        share "een deel (6/19)" for a code the coder found in every interview she coded read as
        a finding). ``named``: the coder the export was asked for (the codings sheet holds only
        theirs)."""
        analysis = self.ws.analysis_service
        docs = self.ws.documents()
        ids = set(analysis.doc_ids(where)) if where else None
        names = [d.name for d in docs if ids is None or d.id in ids]  # the interviews counted, in import order
        every, total = len(docs), len(names)
        mine = [d for d in analysis.coded_documents(counted) if d in names] if counted else []
        nl = lang != "en"
        notes = []
        if where:
            asked = (" en " if nl else " and ").join(condition_text(k, v) for k, v in where.items())
            notes.append(f"Alleen de interviews met {asked}: {total} van de {every} ({', '.join(names)})" if nl else
                         f"Only the interviews with {asked}: {total} of the {every} ({', '.join(names)})")
        notes += [
            (f"Tellingen: de coderingen van {counted}" + ("" if named else " (de referentiecodeur, zoals het rapport)")
             if nl else f"Counts: the codings of {counted}" + ("" if named else " (the reference coder, as the report)"))
            if counted else
            ("Tellingen: de coderingen van alle codeurs samen (een passage één keer)" if nl
             else "Counts: every coder's codings merged (a passage once)"),
            ("documents: het aantal interviews met de code (of een subcode); share: dat aantal gedeeld door alle "
             f"{total} interviews; words: de woorden die de coderingen beslaan, elk woord één keer" if nl else
             f"documents: the interviews with the code (or a sub-code); share: that number over all {total} "
             "interviews; words: the words the codings cover, each word once"),
            (f"Het blad 'codings' bevat de coderingen van {named}" if nl else f"The 'codings' sheet holds {named}'s codings")
            if named else ("Het blad 'codings' bevat de coderingen van elke codeur, een rij per codering" if nl
                           else "The 'codings' sheet holds every coder's codings, a row each"),
        ]
        if not counted or len(mine) >= total:
            return notes, ""
        # (a workbook over theirs: the stats command it named gave no workbook)
        command = f"`sto-qual export -o FILE.xlsx --coder {shlex.quote(counted)} --where doc={','.join(mine)}`"
        warning = (f"{counted} coded {len(mine)} of the {total} interviews ({', '.join(mine) or 'none'}); the shares in "
                   f"the count sheets are of all {total}, and a 0 in a column of interviews {counted} did not code "
                   "says nothing" + (f": {command} counts over theirs" if mine else ""))
        # first: what the shares are of, before a reader takes a 0 in a column as "not mentioned there"
        notes.insert(1 if where else 0,
                     f"{counted} codeerde {len(mine)} van de {total} interviews ({', '.join(mine) or 'geen'}); de "
                     f"aandelen in de telbladen zijn van alle {total}, en een 0 in een kolom van interviews die "
                     f"{counted} niet codeerde zegt niets"
                     + (f": {command} telt over die van {counted}" if mine else "")
                     if nl else warning)
        return notes, warning


def edited_since_written(path: str | Path) -> str:
    """Why a chapter, grid, workbook or codings CSV at ``path`` is not this program's as it wrote it ("it was
    changed after it was written"), or "" (``report.files``): the Export screen asks before replacing it."""
    from sto_qual.report.csv_files import other_csv
    path = Path(path).expanduser()
    return other_csv(path, list(CODING_COLUMNS)) if path.suffix.lower() == ".csv" else written_as_is(path)
