"""Building ReportData from a project; every string from the project passes through the
pseudonym list, so no writer can leak a listed name. Quote rows live in ``report_quotes``,
the method paragraph in ``report_method``, memos and summaries in ``report_parts``."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sto_qual.domain.anonymise import placeholders_in_prose, without_article
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.drafting import men_after_verb
from sto_qual.domain.drafting_en import is_example, names_one_region
from sto_qual.domain.drafting_lead import cap_first
from sto_qual.domain.quote_selection import SMALL_GROUP, Point, content_words, says_the_same_briefly
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.domain.text import curly_quotes, said_in
from sto_qual.domain.wording import ENGLISH, count_note, count_repeated, in_units, number_word
from sto_qual.report.labels import LABELS, ONE_REGION, appendix_pointer
from sto_qual.report.model import PARAGRAPH, PointBlock, ReportData, ThemeSection, sentence_mark
from sto_qual.report.vocabulary import region_group
from sto_qual.services.report_contrasts import contrast_writer_for, group_sizes, groups_sentence, no_main_warning
from sto_qual.services.report_english import english_notes
from sto_qual.services.report_method import alpha_text, method_paragraph
from sto_qual.services.report_reliability import Cautions, count_split, weak_codes
from sto_qual.services.report_parts import (chapter_subtitle, coder_part, first_example_again, group_columns,
                                            left_out_note, memo_items, part_prose, part_said, part_subtitle,
                                            refuse_uncounted, refuse_small_part, researchers_in, reviewed_parts,
                                            sentence_marks, small_groups_note, theme_summary, theme_table, UNNAMED,
                                            without_counts)
from sto_qual.services.report_quotes import ATTRIBUTIONS, QuoteIndex, anonymise_row, identifying_warnings, quote_rows
from sto_qual.services.report_warnings import (agreement_warnings, appendix_left_out, own_counts_off, part_warnings,
                                               project_warnings, review_warnings, small_group_warning, theme_own_stars,
                                               undefined_warning, unphrased_warning, unstored_summaries_warning)
from sto_qual.services.report_theme import (Facet, dutch_examples, facets_of, gives_way, is_unspoken, named_left_out,
                                            quote_points, quoted_in, retells_gone, retold_gone, reviewed_left_out,
                                            role_words, said_words, uncoded_themes_warning, without_examples,
                                            without_gone, without_named_examples, without_placeholders,
                                            placeholders_warning)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Collection, Mapping

    from sto_qual.services.project import Project
    from sto_qual.services.synthesis import SynthesisService

__all__ = ["ATTRIBUTIONS", "FRESH_DRAFT_DOCS", "QuoteIndex", "anonymise_row", "build_report_data", "quote_rows"]

# up to this many interviews the report drafts a theme summary that `summarize` has not stored
FRESH_DRAFT_DOCS = 200
# attribute groups with fewer interviews get no column of their own (the floor of the synthesis's
# contrasts), and a quote that names such a group is attributed to it instead of to a role
MIN_TABLE_GROUP = SMALL_GROUP


def build_report_data(ws: Project, synthesis: SynthesisService, *, lang: str = "nl", codes: list[str] | None = None,
                      coder: str | None = None, appendix: str = "starred", memos: bool = False,
                      main_attribute: str | None = None, numbers: bool = True, attribution: str = "role",
                      tidy_quotes: bool = False, summaries: dict[str, ThemeSummary] | None = None,
                      where: dict[str, str] | None = None, leave_out: Collection[int] = (),
                      beside: Callable[[], Collection[int]] | None = None,
                      keep: Mapping[int, str] | None = None) -> ReportData:
    """The chapter's content. Counts are the reference coder's (setting ``reference_coder``) unless ``coder``
    names another; with neither, the union of all coders, said in the method paragraph. ``summaries`` (theme
    path -> ThemeSummary; default: the synthesis's, which counts the same codings — none in a report of a coder
    other than the reference coder or a report limited by ``where``) open the theme sections and their points
    choose the quotes; without one a theme's points are its sub-codes by prevalence. ``where`` limits
    everything to the matching documents; ``leave_out``: codings it quotes nowhere; ``beside``: those the
    chapter on every interview prints (a part's warning of the two side by side); ``keep``: the quotes of the same
    chapter without the leave-out (its ``picked``), which stay. ``synthesis``: ``Workspace.synthesis()``."""
    from sto_qual.services.quote_selection import QuotePicker, labels_for
    for what, value, known in (("report language", lang, ("nl", "en")), ("appendix", appendix, ("starred", "all", "none"))):
        if value not in known:
            raise StoQualError(f"unknown {what} '{value}'", hint=f"use {', '.join(known[:-1])} or {known[-1]}")
    lab, anon = LABELS[lang], without_article(ws.anonymiser())
    lm, explicit_coder = ws.report_settings.label_map(lang), coder is not None
    reference_coder = ws.counting_coder()  # the project's reference coder, or None
    reference = not explicit_coder and reference_coder is not None
    coder = coder if explicit_coder else reference_coder
    refuse_uncounted(ws, coder, where)
    coders_part = coder_part(ws, coder, explicit_coder) if not where else None
    where = where or ({"doc": coders_part["doc"]} if coders_part else None)
    all_codes, missing = ws.codebook(), set()
    by_path = {c.path: c for c in all_codes}
    label = labels_for(by_path, lang, missing, anon)
    tops = [c for c in all_codes if c.parent is None]
    sub_asked: list[str] = []  # sub-codes asked for: the chapter discusses their whole theme
    if codes:
        asked = [ws.code(c).path for c in codes]
        wanted = {p.split("/")[0] for p in asked}
        tops = [c for c in tops if c.path in wanted]
        sub_asked = [p for p in asked if "/" in p]
    tops, left_alone = (tops, []) if codes else without_placeholders(ws, all_codes, tops)  # (a name alone)
    counts = ws.theme_counts(coder=coder, rollup=True, where=where, lang="nl").set_index("code")
    n_docs = int(counts["documents_total"].iloc[0]) if len(counts) else 0
    lab = {**lab, **ONE_REGION[lang]} if n_docs == 1 else lab  # one interview: "Wat de regio noemt", not "regio's"
    refuse_small_part(None if coders_part else where, n_docs, attribution)
    attrs = ws.analysis_service.attributes()
    main = main_attribute or ws.report_settings.main_attribute()
    has_main = any(main in a for a in attrs.values())
    unset = ws.analysis_service.without_attribute(main, where) if has_main else []  # the interviews in no group
    cross = ws.crosstab(main, coder=coder, rollup=True, where=where, lang="nl") if has_main else None
    groups, cells, small = group_columns(cross, MIN_TABLE_GROUP)
    # a chapter on one group (--where region_type=krimp) has one column for it, not a copy of it
    whole = len(groups) == 1 and groups[0][1] == n_docs and not small
    groups = [] if whole else groups
    cols = groups  # the table's columns beside the chapter's own: its groups, or, on one group, the whole project
    # their headers, in the chapter's words: a region type as the text names it ("gemengde regio's")
    titles = [anon(region_group(v, lang, lm.value(v)) or lm.value(v)) for v, _t in groups]
    if whole and where:  # (one column only repeated its text: beside every region it says how the group differs)
        every = ws.theme_counts(coder=coder, rollup=True, lang="nl").set_index("code")
        cols, titles = [(lab["col_all"], int(every["documents_total"].iloc[0]))], [lab["col_all"]]
        cells = {(str(c), lab["col_all"]): int(n) for c, n in every["documents"].items()}
    part = frozenset(ws.analysis_service.doc_ids(where)) if where else None  # the interviews a --where keeps
    drafted_over = None if part == synthesis.scope() else part  # an agreed reference coder's part: stored text is of it
    idx = QuoteIndex(ws, anon, lang, attribution, lm, part, beside)
    # a part that is one region type is named as a group of regions ("krimpregio's (N=4)"), compared by it or not
    one = where and len(where) == 1 and next(iter(where)) in (main, "region_type")
    group_value = next(iter(where.values())) if one else None
    where_group = region_group(group_value, lang, lm.value(group_value)) or None if group_value is not None else None
    all_name = where_group or lab["col_these" if where else "col_all"]  # the table's column of the chapter's interviews
    small_note = small_groups_note(small, lm, lab, lang, anon, all_name) if groups else ""
    picker = QuotePicker(ws, idx, coder_id=ws.session.coder_filter(coder), main=main if has_main else None,
                         labels=label, tidy_quotes=tidy_quotes, doc_ids=set(part) if part is not None else None,
                         own_stars=explicit_coder or coder in ws.agreed.pairs(),  # an agreed coding: its passages
                         leave_out=leave_out, keep=keep)

    def docs_of(path: str) -> int:
        return int(counts.loc[path]["documents"]) if path in counts.index else 0

    def word(n: int, total: int = n_docs) -> str:
        return ws.wording(n, total, "nl")

    def phrase(n: int, total: int = n_docs, counted: bool = True) -> str:
        w = word(n, total)
        return in_units(w, lang, (lab["unit_sg"], lab["unit_pl"])) + (count_note(n, total, w, lang)
                                                                       if numbers and counted else "")

    def cell(n: int, total: int) -> str:
        w = word(n, total)
        exact = not count_note(n, total, w)  # "alle", "geen", "een enkele" say the number themselves
        w = w if lang == "nl" else ENGLISH.get(w, w)
        return f"{w} ({n}/{total})" if numbers and not exact else w

    contrast_writer = contrast_writer_for(ws, lang, numbers, word, label, lm)
    nl_only: list[str] = []  # themes whose reviewed Dutch text has no English version
    unheard: list[str] = []  # themes with a reviewed example retelling a coding removed since (left out)
    named_out: list[str] = []  # and reviewed examples left out for naming a person
    english_behind: list[str] = []  # themes whose English section was written before their Dutch text changed
    stale: list[str] = []  # themes with reviewed sentences whose codings changed since (shaded yellow)
    sections, table_no = [], 0
    retold: list[tuple[str, str, int]] = []  # (theme, example, its coding) the text retells: not in the appendix
    told: list[tuple[tuple[int, ...], str, str]] = []  # (codings, sentence, code) of the points the text says
    persons = role_words(lm)
    topics = ws.store.summaries.code_topics()  # code id -> (topic, English topic): how an opening names a sub-code
    top_paths = [t.path for t in tops]
    spoken = [p for p in counts.index if docs_of(p) and p.split("/")[0] in top_paths]  # ("geen" in krimp: unnamed)
    cautions = Cautions(weak_codes(ws, coder, spoken, part), lang, lambda a: alpha_text(a, lab["decimal"]),
                        count_split(ws, coder, spoken, part, where))  # (none where the chapter holds none coded twice)
    for top in tops:
        title = label(top.path)
        n = docs_of(top.path)
        children = sorted((c for c in all_codes if c.parent == top.path),
                          key=lambda c: (-docs_of(c.path), c.position))
        point_codes = [c.path for c in children] or [top.path]
        # every code of the theme counts for the point (sub-code) it sits under
        point_of = {}
        for c in all_codes:
            if c.path == top.path:
                if not children:
                    point_of[c.path] = top.path
                continue
            if c.path.startswith(top.path + "/"):
                point_of[c.path] = "/".join(c.path.split("/")[:2])
        if summaries is not None:
            summary = summaries.get(top.path)
        else:
            # drafts count the project's reference coder (or every coder when none is set), as
            # the chapter does by default; a report for another coder would contradict them.
            # Drafting afresh reads every coded passage, so a large project uses stored ones
            # (a chapter over some of the interviews gets a fresh draft over just those)
            same_basis = coder == reference_coder
            summary = theme_summary(synthesis, top.path, anon, None if same_basis else coder, lang=lang,
                                     fresh=n_docs <= FRESH_DRAFT_DOCS, doc_ids=drafted_over)
            if summary is not None and not numbers:
                summary = without_counts(summary)
        named_out += named_left_out(top.path, summary, anon, persons) + own_counts_off(  # (a person's sentence left
            top.path, summary, docs_of, n_docs)  # out unsaid, or whose count is not the tables')
        summary = without_named_examples(summary, anon, persons)
        if n >= n_docs and n_docs:
            opening = [lab["theme_all"]]
        elif n:
            opening = [lab["theme_some"].format(phrase=in_units(word(n), lang, (lab["unit_sg"], lab["unit_pl"])),
                                                count=count_note(n, n_docs, word(n), lang) if numbers else "")]
        else:
            opening = [lab["theme_none"]]
        note = ""
        contrasts: list[str] = []
        facets: list[Facet] = []
        # her English section (`summary set --lang en`), of the whole project's counts: not in a part's chapter
        own_en = ws.english_sections.get(top.path) if lang != "nl" and drafted_over is None \
            and coder == reference_coder else None
        reviewed_text = own_en["text"] if own_en else summary.text.strip() if summary is not None else ""
        # the quotes are chosen from the Dutch text in every language (an English chapter holds the Dutch one's)
        basis = summary
        if lang != "nl" and summaries is None:
            basis = theme_summary(synthesis, top.path, anon, None if coder == reference_coder else coder,
                                  lang="nl", fresh=n_docs <= FRESH_DRAFT_DOCS, doc_ids=drafted_over)
            basis = without_named_examples(basis, anon, persons)
        leads = []
        if summary is not None and (summary.points or summary.lead):
            leads, facets = facets_of(summary, top.path, [c.path for c in children], docs_of)
        if basis is not None and (basis.points or basis.lead):
            in_basis = facets_of(basis, top.path, [c.path for c in children], docs_of)[1]
            points = quote_points(in_basis, basis.left_out)
            retold += dutch_examples(top.path, in_basis) if lang != "nl" else []
        else:
            points = [Point(key=p, code=p) for p in point_codes if docs_of(p)]
        drop = gives_way(facets, anon, summary.left_out if summary is not None else (), picker)
        gone = retold_gone(ws, facets)  # examples of passages deleted since, or trimmed off: not printed (below)
        chosen = picker.choose(points, point_of, refuse=lambda c: drop(c.code, picker.printed(c, anon), c.id))
        blocks = []
        marked = False
        opening_parts: tuple[tuple[str, ...], ...] = ()
        opening_concept: tuple[tuple[bool, ...], ...] = ()
        contrast_concept: tuple[bool, ...] = ()
        if summary is not None:
            # only some sentences reviewed: mark the others, not the whole section (also when outdated:
            # its drafted ones are marked, with the note that the codings changed since, and the
            # reviewed ones whose codings changed)
            lead_ok, marks, marks_note, any_reviewed = sentence_marks(without_gone(summary, gone),
                                                                      contrast_writer.shown)
            marked = (summary.status in ("draft", "outdated") and not reviewed_text
                      and any_reviewed and any(marks))
            if lang != "nl" and not own_en and reviewed_parts(basis) > reviewed_parts(summary):
                # a person's Dutch text the English chapter cannot show: say so, mark the draft
                nl_only.append(title)
                marked = not reviewed_text
            if marked:
                note = lab["nl_reviewed_only"] if title in nl_only else lab[marks_note]
                if marks_note != "concept_partly":
                    stale.append(title)
                if summary.status == "outdated" and marks_note == "concept_partly":
                    note += " " + lab["outdated"]
            elif summary.status == "draft" or (summary.status == "outdated" and not any_reviewed
                                               and not reviewed_text):
                note = lab["concept"]  # (outdated, but none of what it prints was reviewed: a draft)
            elif summary.status == "outdated":
                note = lab["outdated"]
            if own_en:  # her English text: no draft's note; a Dutch text changed since is said
                marked, note = False, ""
                if own_en["dutch_changed"]:
                    english_behind.append(title)
            if reviewed_text:  # her paragraphs, a name replaced in words as in the chapter's own sentences
                opening = [placeholders_in_prose(anon(t.strip())) if lang == "nl" else anon(t.strip())
                           for t in reviewed_text.split("\n\n") if t.strip()]
            elif leads:
                opening = [anon(" ".join(leads))]
                opening_parts = (tuple(anon(x) for x in leads),)
                opening_concept = (tuple(lead_ok.get(x, True) for x in leads),)
            for f in facets:
                # an example a quote of the paragraph says again gives way to the quote, its own words; one a person
                # accepted or wrote on its own stays, and the quote gave way to it when picked (``gives_way``)
                quotes = tuple(q for q in (picker.quote(c, anon) for c in chosen.get(f.code, []))
                               if not quoted_in(q.text, reviewed_text))  # her text quotes it already
                heard = [content_words(q.text) for q in quotes]
                points = without_examples(f.points, lambda sp: not sp.chosen and any(
                    says_the_same_briefly(said_words(anon(sp.text)), w) for w in heard))
                # a point that restates the lead sentence and adds to it ("…: bij de start was het
                # geld") stands in its place, so the paragraph does not say it twice
                restated = f.lead and any(sp.text.startswith(f.lead.rstrip(".")) for sp in points)
                texts = [] if reviewed_text or not f.lead or restated else [anon(f.lead)]
                # nor one the opening says word for word ("Daar staat tegenover: in de meeste …"):
                # the facet says how widely in a few words that point back to it (without them its
                # paragraph gave no frequency, or was its label over a quote); a count the opening
                # gave is not given again
                k = docs_of(f.code)
                if texts and not f.hers and said_in(anon(f.lead), opening):
                    c = by_path.get(f.code)
                    topic = topics.get(c.id, ("", ""))[0] if c is not None and lang == "nl" else ""
                    texts = [lab["point_again_topic" if topic else "point_again"].format(
                        phrase=phrase(k, counted=False), topic=anon(topic))]
                elif texts and numbers and not f.hers:
                    c = by_path.get(f.code)
                    topic = topics.get(c.id, ("", ""))[lang != "nl"] if c is not None else ""
                    texts = [count_repeated(texts[0], " ".join(opening), (anon(topic), label(f.code)),
                                            count_note(k, n_docs, word(k), lang))]
                concept = [lead_ok.get(f.lead, True)] if texts else []
                for sp in points:
                    if reviewed_text or is_unspoken(sp):
                        continue  # a drafted point no sentence could retell: a quote carries it
                    if retells_gone(sp, gone):
                        unheard.append(title)
                        continue
                    concept.append(sentence_mark(sp.reviewed, sp.outdated))
                    if sp.text:  # the chapter's own sentence: no "[bedrijf]" in it, as in a quote
                        texts.append(placeholders_in_prose(anon(sp.text)) if lang == "nl" else anon(sp.text))
                        told.append((sp.references, texts[-1], sp.code))
                        # (one region's example in her own words too: its passage, under a role, told whose it was)
                        if is_example(sp.text) or names_one_region(sp.text):
                            retold.append((top.path, texts[-1].partition(": ")[2] or texts[-1],
                                           (sp.references or (0,))[0]))
                    else:
                        k = len(sp.regions)
                        w = sp.wording or word(k)
                        texts.append(f"{cap_first(anon(sp.label))}: "
                                     + in_units(w, lang, (lab["unit_sg"], lab["unit_pl"]))
                                     + (count_note(k, n_docs, w, lang) if numbers else "") + ".")
                texts = first_example_again(texts, remarks=f.code == top.path)
                if lang == "nl":  # "Een regio vertelt: men heeft …" -> "In een regio heeft men …"
                    texts = [men_after_verb(t) for t in texts]
                if f.code != top.path:  # the method's caution on a code agreed on too little, after its count
                    cautions.facet(f.code, texts, concept)
                text = " ".join(texts)
                # a run-in label names the facet (the theme's own remarks have none)
                run_in = label(f.code) if (text or quotes) and f.code != top.path else ""
                # carried by a quote alone, named too (a theme without sub-codes: under its opening)
                remarks = f.code == top.path and bool(text or quotes) and any(docs_of(c.path) for c in children)
                if remarks:
                    run_in = lab["theme_remarks"]
                blocks.append(PointBlock(text, quotes, label=run_in, parts=tuple(zip(texts, concept)),
                                         remarks=remarks))
            # a drafted difference is worded here from its counts; a person's sentence stays
            said = contrast_writer.paragraph(summary.contrasts)
            contrasts = [anon(t) for t, _draft in said]
            contrast_concept = tuple(draft for _t, draft in said)
            unsure = cautions.contrasts([x.code for x in summary.contrasts if x.kind == "attribute"
                                         and contrast_writer.shown(x)], label)
            if contrasts and unsure:  # the caution under differences drawn on codes agreed on too little
                contrasts, contrast_concept = [*contrasts, unsure], (*contrast_concept, False)
            if reviewed_text and any(contrast_concept):  # her own text, and drafted differences under it
                marked, note = True, " ".join(x for x in (note, lab["contrasts_draft"]) if x)
        else:
            for p in points:
                k = docs_of(p.code)
                quotes = tuple(picker.quote(c, anon) for c in chosen.get(p.key, []))
                if p.code == top.path:  # a theme without sub-codes: its opening said it
                    blocks.append(PointBlock("", quotes))
                    continue
                text = lab["point_all"] if k >= n_docs else lab["point"].format(phrase=phrase(k))
                blocks.append(PointBlock(text, quotes, label=label(p.code)))
        # one table: sub-codes x the main attribute's groups, worded, with n/N
        flat = point_codes == [top.path]  # no sub-codes: a row of its own, by group only
        tables = []
        if n and (groups or (whole and not flat)):  # (a theme nobody coded: a table of "geen" says nothing)
            table_no += 1
            tables.append(theme_table(lab, point_codes, flat, whole, numbers, table_no, title, lm.attribute(main),
                                      f"{all_name} (N={n_docs})", list(zip(titles, cols)),
                                      lambda p: (label(p), cell(docs_of(p), n_docs),
                                                 *(cell(cells.get((p, v), 0), t) for v, t in cols)),
                                      # the note in full once; later tables refer to it
                                      small_note if table_no == 1 or not small_note
                                      else lab["table_small_ref"].format(n=1, col=all_name)))
        quotes = tuple(q for b in blocks for q in b.quotes)
        freq = opening[0] if opening else ""
        sections.append(ThemeSection(path=top.path, title=title, definition=anon(top.definition),
                                     frequency_sentence=freq, documents=n, documents_total=n_docs,
                                     wording=word(n), tables=tuple(tables), quotes=quotes, summary=summary,
                                     opening=tuple(opening), note=note, points=tuple(blocks),
                                     contrasts=tuple(contrasts), marked=marked, opening_parts=opening_parts,
                                     opening_concept=opening_concept, contrast_concept=contrast_concept))
    sections = part_prose(sections, lang, n_docs, where_group, group_value, bool(where), groups + small, lm)
    app = tuple(picker.appendix(top_paths, appendix, anon, retold))
    appendix_note = left_out_note(*picker.left_out, lab, lang, appendix)
    memos_out: list[tuple[str, str]] = memo_items(ws, coder, top_paths, label, anon, idx, lab, where) if memos else []
    # the codebook holds Dutch definitions only: an English appendix says so once, above them
    definitions = tuple((label(c.path), curly_quotes(anon(c.definition)), c.parent is None) for c in all_codes
                        if c.path.split("/")[0] in top_paths and c.definition)
    where_text = lm.conditions(where, anon) if where else None
    where_part, where_roles = part_said(ws, where, coders_part, attribution, lm)
    method = method_paragraph(ws, lang, n_docs, len(tops), coder, reference, lm, numbers, tidy_quotes,
                              all_themes=sum(1 for c in all_codes if c.parent is None) - len(left_alone),
                              where=where_text, total_docs=len(ws.store.documents.light()), where_group=where_group,
                              where_roles=where_roles, anonymised=bool(ws.pseudonyms()),
                              tables_beside_all=any(len(tb.header) > 2 for t in sections for tb in t.tables),
                              code_label=label, chapter_themes=spoken, where_part=where_part, part=part,
                              groups=groups_sentence(lang, lm.attribute(main), groups, small, lm, anon, len(unset),
                                                     (attrs, main, part)))
    if notes := english_notes(sections, app, lm, lang):  # the Dutch in an English chapter: a paragraph of its own
        method = method.rstrip() + PARAGRAPH + notes.lstrip()  # (the quotes' paragraph ran to 18 lines with it)
    if small and not groups and not whole:  # no table at all: the method says why, once
        method += lab["m_no_table"].format(attr=lm.attribute(main), n=number_word(MIN_TABLE_GROUP, lang),
                                           groups=group_sizes(small, lm, lang, anon))
    idx.printed([q for t in sections for q in t.quotes] + list(app))  # (not those considered and left)
    if attribution == "role" and (idx.generic or idx.group_named):  # why quotes say "een geïnterviewde"
        method += UNNAMED[lang][1] if idx.generic and idx.group_named else \
            lab["m_rare_roles"] if idx.generic else UNNAMED[lang][0]
    researchers = researchers_in(ws, part)  # (a part's: "die de onderzoeker koos" of a round one coded)
    method += appendix_pointer(lab, lang, bool(definitions), appendix if app else None, researchers)
    warnings = [f"{p} is a sub-code: the chapter discusses whole themes, so it has all of {p.split('/')[0]}"
                for p in sub_asked] + project_warnings(ws, missing, part, n_docs) + placeholders_warning(left_alone)
    pointing: list[str] = []  # a count only one region has, beside a role, and a name the list missed
    if attribution == "role":  # (internal drafts name regions)
        pointing = identifying_warnings(ws, told, sections, app, memos_out)  # (--memos: a first name in one)
        warnings += pointing + idx.generic_notes()
    hidden = sorted(n for d, n in picker.names.items() if d in idx.small)  # the small groups' interviews
    warnings += [*no_main_warning(attrs, main, unset, n_docs, groups and part), *small_group_warning(small, bool(
                     groups), group_sizes(small, lm, "en", anon), main, hidden), *part_warnings(ws, coder, where),
                 *agreement_warnings(ws, coder), *appendix_left_out(picker.left_out_by, appendix, lang)]
    warnings += [coders_part["said"]] if coders_part else []
    if summaries is None and drafted_over is not None and not explicit_coder:
        warnings += reviewed_left_out(synthesis, top_paths, ws.english_sections if lang != "nl" else None)
    if summaries is None and not reference and not explicit_coder:
        warnings += unstored_summaries_warning(synthesis, top_paths, n_docs, FRESH_DRAFT_DOCS)
    warnings += undefined_warning(all_codes, top_paths, bool(definitions)) + unphrased_warning(
        ws, [c.path for c in all_codes if c.path.split("/")[0] in top_paths and docs_of(c.path)], lang)
    warnings += uncoded_themes_warning(ws, sections if n_docs else [], all_codes, docs_of, coder)
    warnings += theme_own_stars(ws, coder, [c.parent for c in all_codes if c.parent in top_paths], part, label)
    warnings += review_warnings(stale, english_behind, nl_only, unheard) + named_out + lm.notes()  # (lm: role words)
    outside = where_text if where and len(where) == 1 and where_text.startswith(("buiten ", "outside ")) else None
    sub = part_subtitle(lab, where_group or outside, where_roles, bool(where), attribution != "role",
                        after=chapter_subtitle(ws, lab, lang))  # "…: buiten de krimpregio's"
    return ReportData(lang=lang, title=lab["title"], subtitle=anon(sub), method=method,
                      themes=tuple(sections), overview=tuple((s.title, s.documents) for s in sections),
                      documents_total=n_docs, appendix=app, appendix_kind=appendix, memos=tuple(memos_out),
                      labels=lab, definitions=definitions, warnings=tuple(warnings),
                      appendix_regions=attribution != "role", appendix_note=appendix_note,
                      method_note=lab["m_not_yet"] if pointing else "", researchers=researchers,
                      picked=picker.picked, places={**picker.places, **{i: "example" for *_x, i in retold if i},
                              **{q.id: "text" for t in sections for q in t.quotes}})
