"""What the command line prints or writes beyond the Workspace's own answers: the code x code
co-occurrence matrix and one code's quotes as a file. The CLI only renders and echoes."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.text import first_few, plural

if TYPE_CHECKING:
    from sto_qual.analysis.tables import Table
    from sto_qual.services.workspace import Workspace


def cooccurrence_matrix_rows(ws: Workspace, pairs: Table, rollup: bool, value: str = "units",
                             diagonal: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """One row per code (per theme with ``rollup``): ``code`` and, per code, the number of
    sentence units the two share (``value`` "documents": of interviews that hold both; 0 =
    never together); on the diagonal the code's own total (``Workspace.cooccurrence_totals``)."""
    from sto_qual.analysis.tables import cooccurrence_rows
    return cooccurrence_rows(pairs, [c.path for c in ws.codebook() if not rollup or c.parent is None], value,
                             diagonal)


QuoteSections = list[tuple[str, list[dict[str, Any]]]]
# a quote row's keys, in the order JSON and CSV give them (`chapter` before `stands` with --starred)
QUOTE_KEYS = ("id", "document_id", "theme", "code", "region", "role", "quote", "attribution", "doc", "reference",
              "start", "end", "coder", "starred", "memo", "ids", "codes", "stands")


def quote_sections(ws: Workspace, code: str, rows: Sequence[dict[str, Any]], lang: str = "nl",
                   where: dict[str, str] | None = None) -> tuple[str, QuoteSections]:
    """The quotes as a writer pastes them into the chapter: the title (the code's label in
    ``lang``), then a heading per code in codebook order (the theme's own passages under "(theme
    in general)"), each passage once, under the code of its row (the coding shown for it), with a
    pointer under each other code of the file it holds (``with_openings``). Each quote is marked where
    it is cut ("…", as the chapter marks it); the rows' own ``quote`` stays verbatim for the
    table, CSV and JSON."""
    from sto_qual.domain.quote_selection import mark_cuts
    from sto_qual.report.labels import LABELS
    from sto_qual.services.report_quotes import credited_rarely
    from sto_qual.services.quote_selection import labels_for
    codes = {c.path: c for c in ws.codebook()}
    label = labels_for(codes, lang, set(), ws.anonymiser())
    order = {p: i for i, p in enumerate(codes)}
    root = ws.code(code).path
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["code"], []).append({**r, "quote": mark_cuts(r["quote"])})
    # a passage with two of the file's codes stands under the first; under the other a pointer to it
    # (a writer looking under "Krimp en leerlingaantallen" missed the passage listed under "Verschuiving")
    elsewhere: dict[str, list[dict[str, Any]]] = {}
    for path, held in groups.items():
        for r in held:
            for other in r.get("codes") or ():
                if other != path and (other == root or other.startswith(root + "/")):
                    elsewhere.setdefault(other, []).append(r)
    multi = len(set(groups) | set(elsewhere)) > 1
    # why a quote is credited "een geïnterviewde", without naming the role it hides (the same speaker was "een
    # programmaleider" under one quote and "een geïnterviewde" under the next, which named the island)
    lab = LABELS[lang]
    rare = credited_rarely(ws, where) if any(r["attribution"].endswith(f" {lab['interviewee']}") for r in rows) else {}

    def unnamed(r: dict[str, Any]) -> str:
        if not r.get("role") or not r["attribution"].endswith(f" {lab['interviewee']}"):
            return ""
        return lab["quotes_unnamed_role" if r["role"] in rare else "quotes_unnamed_group"]

    def heading_of(path: str) -> str:
        return "" if not multi else lab["theme_general"] if path == root else label(path)

    def with_lines(r: dict[str, Any], others: list[str]) -> dict[str, Any]:
        """The row with the lines under its quote: its other codes in the file, why it is credited so."""
        lines = ([lab["quotes_also"].format(codes=", ".join(f"‘{heading_of(o)}’" for o in others))] if others
                 else []) + ([unnamed(r)] if unnamed(r) else [])
        return {**r, "also": " ".join(lines)} if lines else r

    sections = []
    for path in sorted(set(groups) | set(elsewhere), key=lambda p: order.get(p, len(order))):
        # a passage inside a longer one under the same heading is read there already (two coders'
        # spans of one answer, the second a sentence of the first, printed one after the other)
        held = groups.get(path, [])
        kept = [r for r in held if not any(o is not r and o["document_id"] == r["document_id"]
                                           and o["start"] <= r["start"] and r["end"] <= o["end"]
                                           and (o["start"], o["end"]) != (r["start"], r["end"]) for o in held)]
        kept = [with_lines(r, [o for o in r.get("codes") or () if o in elsewhere and o != path]) for r in kept]
        kept += [{"id": None, "see_of": r["id"], "see": lab["quotes_see"].format(
            heading=heading_of(r["code"]), opening="{opening}", by="{by}")} for r in elsewhere.get(path, [])]
        sections.append((heading_of(path), kept))
    return label(root), sections


def as_printed(ws: Workspace, sections: QuoteSections, lang: str = "nl") -> QuoteSections:
    """The sections once each quote is as the file prints it (``standing_notes``: from the sentence
    before, say): credited "een geïnterviewde" when what it prints names its region type of a few
    interviews, the added sentence too ("… naar de overkant" came out "— een programmaleider" beside
    the island's other quotes credited so), with the line saying why; then ``with_openings``."""
    from sto_qual.report.labels import LABELS
    from sto_qual.services.report_quotes import QuoteIndex
    lab, idx = LABELS[lang], QuoteIndex(ws, ws.anonymiser(), lang)

    def again(r: dict[str, Any]) -> dict[str, Any]:
        if r.get("chapter"):  # --starred: where the chapter puts it, under it (said in the CSV and JSON alone)
            r = {**r, "also": " ".join(x for x in (lab["quotes_places"].get(r["chapter"]), r.get("also")) if x)}
        if r.get("id") is None or r["attribution"].endswith(f" {lab['interviewee']}"):
            return r
        credited = idx.for_text(r["document_id"], r["quote"], r["attribution"])
        if credited == r["attribution"]:
            return r
        return {**r, "attribution": credited,
                "also": " ".join(x for x in (r.get("also"), lab["quotes_unnamed_group"]) if x)}
    return with_openings([(h, [again(r) for r in rs]) for h, rs in sections])


def with_openings(sections: QuoteSections) -> QuoteSections:
    """The pointers to a passage under another heading, with its first words and its credit as printed
    there (as the chapter cuts it, after ``standing_notes``; credited as ``as_printed`` credits it: a pointer
    named the role its quote hid), so that a reader finds it; none to a passage not printed (one inside a
    longer passage under its heading: the pointer had no words)."""
    shown = {r["id"]: r for _h, rs in sections for r in rs if r.get("id") is not None}
    return [(h, [{**r, "see": r["see"].replace("{opening}", " ".join(shown[r["see_of"]]["quote"].split()[:8]))
                  .replace("{by}", shown[r["see_of"]]["attribution"])} if "see_of" in r else r
                 for r in rs if "see_of" not in r or r["see_of"] in shown]) for h, rs in sections]


def quotes_intro(ws: Workspace, rows: Sequence[dict[str, Any]], lang: str = "nl", starred: bool = False,
                 inside: int = 0, where: dict[str, str] | None = None) -> str:
    """What a quote file is, above its quotes: every coded passage, not the chapter's choice, and
    how many lie inside a longer one under the same heading (``inside``: a writer found 161 in
    the file and 165 in the CSV, unexplained); in English also what the Dutch placeholders in
    the quotes stand for (as the chapter's method)."""
    from sto_qual.report.labels import LABELS
    from sto_qual.services.report_english import placeholder_note
    lab = LABELS[lang]
    part = ""  # a file of part of the interviews says which (one of the krimp regions' read as the whole set)
    if where:
        from sto_qual.domain.anonymise import without_article
        from sto_qual.domain.filters import NAME_KEYS, split_key
        from sto_qual.domain.wording import number_word
        lm, anon = ws.report_settings.label_map(lang), without_article(ws.anonymiser())
        if any(split_key(k)[0].casefold() in NAME_KEYS for k in where):  # interviews picked by name: not named
            # (their codes beside a role point to a person; the chapter says "die voor dit hoofdstuk zijn gekozen")
            n = len(ws.analysis_service.doc_ids(where))
            part = lab["quotes_chosen_one"] if n == 1 else lab["quotes_chosen"].format(n=number_word(n, lang))
        else:
            part = lab["quotes_part"].format(cond=lm.conditions(where, anon))
    which = lab["quotes_starred" if starred else "quotes_coded"]
    if not rows:  # "Alle 0 gecodeerde passages, elk één keer, …" of a code no one coded (yet)
        return lab["quotes_none"].format(which=which, part=part)
    said = lab["quotes_intro"].format(n=len(rows), which=which, part=part)
    said += lab["quotes_inside_one" if inside == 1 else "quotes_inside"].format(k=inside) if inside else ""
    # a role credited as "een geïnterviewde" beside "met de rol van de spreker": said why, as the chapter's method
    if any(r.get("role") and r.get("attribution", "").endswith(f" {lab['interviewee']}") for r in rows):
        from sto_qual.services.report_parts import UNNAMED
        said += UNNAMED[lang][1]
    return said + placeholder_note([r["quote"] for r in rows], ws.report_settings.label_map(lang), lang)


def quotes_markdown(title: str, sections: QuoteSections, intro: str = "") -> str:
    """The quotes as Markdown: a heading, then under each code's heading each quote as a block
    quote with its attribution."""
    from sto_qual.report.markdown import quotes_markdown as markdown
    return markdown(title, sections, intro)


def write_quotes(output: str | Path, fmt: str, title: str, sections: QuoteSections,
                 text: str | None = None, intro: str = "", force: bool = False) -> Path:
    """Write one code's quotes to ``output``: a Word document for ``fmt`` 'docx', else ``text``
    (the Markdown, table, CSV or JSON the command would print) as UTF-8. A Word or Markdown
    quote file there that the writer edited since, or another program's, is replaced only with
    ``force`` (as the chapter is)."""
    out = Path(output)
    # a file whose name says another format opens as nothing (CSV text named .xlsx: Excel refuses it)
    wanted = {"docx": (".docx",), "md": (".md", ".markdown"), "json": (".json",), "csv": (".csv", ".txt"),
              "csv-nl": (".csv", ".txt"), "table": (".txt",)}.get(fmt, ())
    if out.suffix.lower() in (".xlsx", ".xls", ".ods"):  # "give the --format its name says": there is none
        raise StoQualError(f"{out.name}: the quotes are written as .csv, .md, .docx, .json or .txt, not as a workbook",
                           hint=f"name it {out.stem}.csv (a spreadsheet opens it) or {out.stem}.docx")
    if wanted and out.suffix.lower() not in wanted:
        raise StoQualError(f"{out.name}: --format {fmt} writes {' or '.join(wanted)}, not '{out.suffix or 'no suffix'}'",
                           hint=f"name it {out.stem}{wanted[0]}, or give the --format its name says")
    if fmt in ("docx", "md") and not force:
        from sto_qual.report.files import refuse_replacing
        refuse_replacing(out)
    if fmt in ("csv", "csv-nl") and not force:  # an analyst's own CSV of that name
        from sto_qual.report.csv_files import refuse_other_csv
        refuse_other_csv(out, next(csv.reader([(text or "").lstrip("\ufeff").split("\n", 1)[0]],
                                              delimiter=";" if fmt == "csv-nl" else ","), []), text or "")
    if fmt == "docx":
        from sto_qual.report.quotes_docx import write_quotes_docx
        return write_quotes_docx(title, sections, out, intro)
    # whole or not at all, and never over a file read-only or open elsewhere (it was written over them)
    from sto_qual.services.session import atomic_write_text
    if fmt == "md":  # what it prints, and a last line that renders as nothing: its fingerprint
        from sto_qual.report.files import stamped_text
        atomic_write_text(out, stamped_text(text or ""))
    elif fmt in ("csv", "csv-nl"):  # with a byte-order mark, as `export -o FILE.csv`: Excel then reads UTF-8
        atomic_write_text(out, "\ufeff" + (text or "").lstrip("\ufeff") + "\n")
        from sto_qual.report.csv_files import remember_csv
        remember_csv(out)
    else:
        atomic_write_text(out, (text or "") + "\n")
    return out


# what the chapter does with a passage that does not stand as it was coded (``QuotePicker.appendix_fate``),
# in the quote file's language: a writer pasting from the file had "Toen niet duidelijk was of STO
# doorging, kwamen ze minder vaak …" where the chapter quotes it from the sentence before; "would": the
# chapter may leave it out or retell it (it said "Zo citeert het hoofdstuk dit" of a passage it prints nowhere)
AS_NL = "Zo staat het op zichzelf, zoals het hoofdstuk het zou citeren: "
AS_EN = "As it stands on its own, as the chapter would quote it: "
STANDING_NOTES = {
    "nl": {"before": f"{AS_NL}vanaf de zin ervoor, die het nodig heeft.",
           "after": f"{AS_NL}zonder het ‘{{word}}’ waarmee het opent (‘…’).",
           "later": f"{AS_NL}vanaf een latere zin, want het begin verwijst terug.",
           "asked": "Het hoofdstuk citeert dit na wat de interviewer ervoor vroeg of zei{question}.",
           "out": "Niet los te citeren: {why}.",
           "turn": "het begin verwijst naar wat een andere spreker ervoor zei",
           "role": "het begin verwijst naar de zin ervoor, die de rol van de spreker noemt",
           "chain": "het begin verwijst terug, en de zin ervoor ook",
           "long": "zonder de zinnen ervoor niet te begrijpen, en met die zinnen te lang",
           "verbless": "het zegt op zichzelf niets (geen werkwoord)",
           "question": "alleen de interviewer spreekt", "trails": "het breekt midden in een zin af"},
    "en": {"before": f"{AS_EN}from the sentence before, which it needs.",
           "after": f"{AS_EN}without the ‘{{word}}’ it opens with (‘…’).",
           "later": f"{AS_EN}from a later sentence, as its opening refers back.",
           "asked": "The chapter quotes this after what the interviewer asked or said before it{question}.",
           "out": "Cannot be quoted on its own: {why}.",
           "turn": "its opening points back to what another speaker said", "role": "its opening points back to the "
           "sentence before, which names the speaker's role", "chain": "its opening points back, and so does the "
           "sentence before it", "long": "it needs the sentences before it, and with them it is too long",
           "verbless": "it says nothing on its own (no verb)", "question": "only the interviewer speaks",
           "trails": "it breaks off mid-sentence"},
}


def standing_notes(ws: Workspace, rows: Sequence[dict[str, Any]], lang: str = "nl") -> dict[int, tuple[str, str]]:
    """Row id -> (a line on what the chapter does with that quote when it does not stand as coded,
    the quote as the chapter prints it, or ""): quoted with the sentence before, from a later one
    or after the question, or not at all, and why; none for the rest. A writer pasting from the
    file had the passage as coded ("Die hebben we geen vast contract durven geven …"), the note
    under it saying the chapter repairs it."""
    from sto_qual.domain.anonymise import without_article
    words = STANDING_NOTES["en" if lang == "en" else "nl"]
    fates = ws.export_service.standing(_passages(rows), anon=without_article(ws.anonymiser()))
    opening = {r["id"]: (r["quote"].split() or [""])[0].strip(",.:;") for r in rows}  # "Maar", "En": the word cut
    return {i: ((words[fate].format(word=opening.get(i, ""), question=f": ‘{asked}’" if asked else "")
                 .replace("’.", "’")) if fate in ("before", "after", "later", "asked")
                else words["out"].format(why=words[fate]), text) for i, (fate, text, asked) in fates.items() if fate}


def standing(ws: Workspace, rows: Sequence[dict[str, Any]]) -> dict[int, str]:
    """Quote row id -> what the chapter does with that quote (``ExportService.standing``)."""
    return ws.export_service.standing(_passages(rows))


def _passages(rows: Sequence[dict[str, Any]]) -> list[tuple[int, int, str, int, int, bool]]:
    return [(r["id"], r["document_id"], r["code"], r["start"], r["end"], bool(r.get("starred"))) for r in rows]


def too_long_note(rows: Sequence[dict[str, Any]]) -> str:
    """The starred passages a chapter leaves to its appendix for their length alone (the text
    quotes one to three sentences): a writer whose starred passage of four sentences was no quote
    in the text, its sub-code quoted nowhere, found no reason said."""
    from sto_qual.domain.quote_selection import MAX_SENTENCES, MAX_WORDS, sentences
    sized = [(r["id"], sentences(r["quote"]), len(r["quote"].split())) for r in rows
             if r.get("chapter") == "appendix" and r.get("starred")]
    long_ = [(i, n, w) for i, n, w in sized if n > MAX_SENTENCES or w > MAX_WORDS]
    if not long_:
        return ""
    said = first_few([f"#{i} ({n} sentences, {w} words)" for i, n, w in long_], 6)
    return (f"{plural(len(long_), 'starred passage')} {'is' if len(long_) == 1 else 'are'} in the appendix only, "
            f"longer than the text quotes (up to {MAX_SENTENCES} sentences, {MAX_WORDS} words): {said}; to "
            "have the text quote one, star a coding of the sentences to quote (in the Coder, or `sto-qual resize ID "
            "--start S --end E` on it and `sto-qual star ID`)")
