"""What the report says to the writer on the terminal, beside the chapter: what the appendix left
out, the agreement behind the method paragraph, what the project lacks, interviews and themes
nobody coded, reviewed text that changed since, codes without a definition. The chapter itself
(``reporting``) says none of it to its reader."""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.quote_selection import SMALL_GROUP
from sto_qual.domain.spreadsheet import EXCEL_CELL
from sto_qual.domain.text import clip_words, first_few, plural
from sto_qual.domain.wording import count_notes
from sto_qual.services.report_theme import no_label_en

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Code
    from sto_qual.services.project import Project
    from sto_qual.services.synthesis import SynthesisService


def appendix_left_out(left_out_by: Mapping[str, Sequence[int]], kind: str, lang: str = "nl") -> list[str]:
    """What the appendix left out, each reason with its codings, for the writer (the reader's
    table says only why): an analyst found 55 of 87 starred passages neither in the text nor in
    the appendix, unsaid; a writer found her star retold as an example, its id cut off one list."""
    total = sum(len(v) for v in left_out_by.values())
    if kind == "none" or not total:
        return []
    starred = kind == "starred"
    reasons = (("context", "cannot be understood without the sentence before them"),
               # (the English chapter retells none: with a role there, the Dutch one's anonymous example is tied to it)
               ("example", "the text retells in its own words as an example" if lang == "nl" else
                "the Dutch chapter retells in its own words as an example (with a role here, they would tie each "
                "example to one)"),
               ("repeat", "repeat a quote of the text from the same interview" if starred
                else "repeat the text or an earlier row"),
               ("left", "say the words of a point left out of the chapter (`summary show` lists it)"))
    why = []
    for key, said in reasons:
        ids = sorted(left_out_by.get(key, ()))
        if not ids:
            continue
        named = ", ".join(f"#{i}" for i in ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        one = said.replace("repeat ", "repeats ").replace("say the", "says the")  # "1 that says the words …"
        why.append(f"{len(ids)} that {said if len(ids) > 1 else one} (codings {named})")
    return [f"the appendix leaves out {total} {'starred passage' if starred else 'passage'}{'' if total == 1 else 's'} "
            "not quoted in the text: " + "; ".join(why)
            + ("; `sto-qual quotes --code THEME --starred` says where each starred passage is in the chapter"
               if starred else "")]


def agreement_warnings(ws: Project, coder: str | None = None) -> list[str]:
    """The lines of ``agreement``'s stray-coding check for the pair the method paragraph reports
    (its "both coded" interviews and alpha include such an interview); the method paragraph
    computes the agreement itself, this reads only the codings' counts. An agreed coding counted
    (``coder``): whether it was settled at all, and whether its two coders changed their codings
    since it was started (the method gives their agreement as it was then)."""
    from sto_qual.domain.errors import StoQualError
    from sto_qual.domain.differences import saw_others_warning, thin_warning, unfinished_warning
    out = []
    agreed = [] if coder else sorted(ws.agreed.pairs())
    if agreed:  # every coder merged, the meeting's own codings with its two coders': no one's figure
        out.append(f"the chapter merges every coder's codings, those of the agreed coding {agreed[0]} with those of "
                   f"the coders it comes from, as no reference coder is set: `sto-qual reference-coder "
                   f"{shlex.quote(agreed[0])}` makes it count the agreed coding, and the method then says so")
    state = ws.agreed.state(coder) if coder else None
    if state is not None:
        a, b = state["from"]
        done = ws.agreed.progress(coder)
        if not state["settled"]:
            copied = state.get("start_with", "both")
            counted = f"what {a} and {b} both coded" if copied not in (a, b) else f"{copied}'s coding, which it copied"
            out.append(f"{coder} is still the agreed coding as `agreed` started it: nothing was settled, so the method "
                       f"says it counts {counted}, not what {a} and {b} agreed on after discussing their differences "
                       f"(`sto-qual differences {shlex.quote(coder)}` lists them; mark one the meeting keeps as started with "
                       "`--discussed`)")
        elif done is not None and done["open"]:
            kept = f", {done['discussed']} discussed and kept as started" if done["discussed"] else ""
            out.append(f"{coder} has settled {done['total'] - done['open']} of the {done['total']} places {a} and "
                       f"{b} coded differently ({done['changed']} changed since `agreed` started it{kept}); "
                       f"{done['open']} {'is' if done['open'] == 1 else 'are'} still open, and the method says so "
                       f"until they are settled (`sto-qual differences {shlex.quote(coder)} --open` lists them and "
                       f"`sto-qual differences {shlex.quote(coder)} ID --discussed` marks one kept as started; in the "
                       f"workbench, coding as {coder}, D goes "
                       "to the next open one, T takes its code and K keeps it as started)")
        late = ws.agreed.not_taken_in(coder)
        if late:  # the chapter is about the interviews it holds: these two coders' newer ones are not in it
            out.append(f"{a} and {b} both coded {', '.join(late)} after {coder} was started, and {coder} holds none of "
                       f"{'it' if len(late) == 1 else 'them'}: the chapter leaves {'it' if len(late) == 1 else 'them'} "
                       f"out; `sto-qual agreed {shlex.quote(coder)} --add` takes {'it' if len(late) == 1 else 'them'} in, keeping "
                       "its codings, marks and notes")
        now = ws.agreed.alpha_now(coder)
        if now is not None:
            then = state.get("places")  # (the method's places are today's: one settled place went unsaid)
            moved = (f"; they differed at {then} places then and at {done['total']} today, which the method says "
                     "both of" if then is not None and done is not None and then != done["total"] else "")
            out.append(f"{a} or {b} changed their codings after {coder} was started: the method gives their agreement "
                       f"then ({state['alpha']:.2f}), measured before the discussion; today's is {now:.2f}{moved}")
    pair = ws.agreement_pair()
    try:
        thin, unfinished = ws.agreement_service.doubtful(*pair) if pair else ((), ())
        out += [saw_others_warning(s) for s in (ws.agreement(*pair)["overall"]["saw_others"] if pair else ())]
    except StoQualError:
        return out
    return out + ["the agreement in the method paragraph: " + thin_warning(t) for t in thin] + [
        "the agreement in the method paragraph: " + unfinished_warning(t, report=True) for t in unfinished]


def project_warnings(ws: Project, missing: set[str], part: Collection[int] | None = None, n_docs: int = 0) -> list[str]:
    """What the project lacks for the chapter (on ``part`` of the interviews, None: all, ``n_docs`` of them): names
    to replace, English labels of codes, a subtitle or a sample sentence that says another round."""
    out = []
    if not ws.pseudonyms():
        out.append("the pseudonym list is empty: no name in the quotes was replaced, and the method paragraph "
                   "says so (add a name with `sto-qual pseudonyms add NAME REPLACEMENT`, e.g. "
                   "`sto-qual pseudonyms add 'Jan de Vries' '[bestuurder]'`; a project made from a .qdpx starts "
                   "without the list, which the file does not carry: `sto-qual pseudonyms list --format csv "
                   "--project ORIGINAL.db > namen.csv` writes the original's, `sto-qual pseudonyms import namen.csv` "
                   "reads it)")
    out += _subtitle_years(ws, part) + _sample_count(ws, part, n_docs)
    return out + no_label_en(missing)


def _subtitle_years(ws: Project, part: Collection[int] | None = None) -> list[str]:
    """The subtitle (the codebook's title) names years the chapter's interviews fall outside: a project of 2025's
    interviews on the bundled codebook would be "stuurgroepinterviews 2023–2024" (2024's are within
    the round, a school year); a second round's chapter beside the first's, too."""
    title = ws.codebook_title()
    said = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", title)]
    held = sorted({int(str(a["date"])[:4]) for d, a in ws.store.documents.attributes().items()
                   if re.match(r"(?:19|20)\d{2}-", str(a.get("date") or "")) and (part is None or d in part)})
    if not said or not held or min(said) <= held[0] and held[-1] <= max(said):
        return []
    years = str(held[0]) if held[0] == held[-1] else f"{held[0]}-{held[-1]}"
    return [f"the chapter's subtitle, '{title}' (the codebook's title), names years the interviews' dates "
            f"({years}) fall outside: `sto-qual report-settings codebook_title 'Stuurgroepinterviews {years}'` "
            "gives it another"]


def _sample_count(ws: Project, part: Collection[int] | None, n_docs: int) -> list[str]:
    """The method's sample sentence (`report-settings sample`, printed in a chapter on every interview) counts
    other interviews than the chapter: "in deze ronde zijn er negentien geïnterviewd" beside 25 of two rounds."""
    from sto_qual.domain.identifying import number_value
    sample = str(ws.store.settings.get("sample") or "")
    counts = [n for w in re.findall(r"\w+", sample) if (n := number_value(w)) is not None and 2 <= n < 1000]
    if part is not None or not counts or n_docs in counts or not n_docs:
        return []
    return [f"the method's sentence on the sample ('{clip_words(sample, 80)}') names {' and '.join(map(str, counts))} "
            f"where the chapter has {n_docs} interviews: `sto-qual report-settings sample TEXT` says it anew"]


def small_group_warning(small: Sequence[tuple[str, int]], shown: bool, sizes: str, main: str,
                        docs: Sequence[str] = ()) -> list[str]:
    """A warning when the tables leave out groups of fewer than three interviews in all (the one
    island region) while they show every other group beside the count over all regions: a row's
    count minus its columns is that region's answer, which leaving out its column was to keep
    unknown (a reader of the English chapter worked it out for every row)."""
    if not shown or not small or sum(n for _v, n in small) >= SMALL_GROUP:
        return []
    # (it advised `attribute R01 region_type=VALUE`: recording the island as a type it is not, for every table;
    # and two interviews were named "(DOC)")
    which = "region that is can work out its" if len(docs) < 2 else "regions those are can work out their"
    named = " (" + ", ".join(docs) + ")" if docs else ""
    return [f"the tables leave out {sizes}{named}, yet a reader who knows "
            f"which {which} answers (a row's count over all regions less the columns shown); to keep them "
            f"unknown, compare by an attribute that counts it with a group it resembles: add that column beside "
            f"{main} in the attributes table, import the transcripts again with --attributes (it sets the column), "
            "and name it with `sto-qual report-settings main_attribute KEY`"]


def uncoded_warning(ws: Project, coder: str | None, where: dict[str, str] | None) -> str | None:
    """A warning when some of the chapter's interviews carry no coding of the counted coder (or
    of anyone, when all coders are merged): they count as not mentioning any theme, so a chapter
    drafted halfway through the coding reads "in de landelijke regio's niet" of regions nobody
    has coded yet. The method paragraph says how many were coded; this says it to the writer."""
    names = dict((d[0], d[1]) for d in ws.store.documents.light())
    docs = [names[d] for d in ws.analysis_service.doc_ids(where)]
    coded = set(ws.analysis_service.coded_documents(coder or None))
    missing = [d for d in docs if d not in coded]
    if not docs or not missing:
        return None
    shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
    whose = f" by {coder}" if coder else ""
    one = len(missing) == 1
    return (f"{len(missing)} of the {len(docs)} interviews {'carries' if one else 'carry'} no coding{whose} ({shown}): "
            f"the chapter counts {'it' if one else 'them'} as not mentioning any theme, so every share is of all "
            f"{len(docs)}; code {'it' if one else 'them'} first, or report on the coded ones with --where doc=NAME,NAME")


def part_warnings(ws: Project, coder: str | None, where: dict[str, str] | None) -> list[str]:
    """What a chapter on part of the interviews (or on all) says to the writer: interviews without
    a coding (``uncoded_warning``), and a part that leaves out fewer than three interviews: beside
    the chapter on all of them, every count less this one's is their answers (the island region's,
    of `--where region_type!=eiland`, worked out by a reader holding both, unsaid)."""
    return [w for w in [uncoded_warning(ws, coder, where)] if w] + left_few_warning(ws, where) + \
        twice_warning(ws, where)


def twice_warning(ws: Project, where: dict[str, str] | None, chapter: bool = True) -> list[str]:
    """A region with two interviews or more among those counted (the chapter's, or `stats`'): the counts are of
    interviews, which the chapter calls regions ("In alle zes de regio's" of six interviews in five)."""
    from sto_qual.domain.regions import regions_count, repeated_regions
    names = {d[0]: d[1] for d in ws.store.documents.light()}
    attrs, part = ws.analysis_service.attributes(), ws.analysis_service.doc_ids(where) if where else None
    twice = repeated_regions(attrs, part)
    if not twice:
        return []
    method = chapter and regions_count(attrs, part) is not None  # (where every interview names its region)
    said = first_few([f"{r}: {', '.join(names.get(d, str(d)) for d in docs)}" for r, docs in twice.items()], 3,
                     sep="; ")  # (every region of three rounds named all 57 interviews: 1,200 characters)
    whose = "chapter's interviews" if chapter else "interviews counted"
    return [f"{plural(len(twice), 'region')} {'has' if len(twice) == 1 else 'have'} more than one of the "
            f"{whose} ({said}): every count is of interviews"
            + (", which the chapter calls regions," if chapter else ",")
            + f" so {'it counts' if len(twice) == 1 else 'each counts'} more than once"
            + (" (the method says so)" if method else "") + "; `--where` counts one interview per region (one "
            "round's, or `doc!=NAME` leaves one out); a region's conversations imported as one transcript count once"]


def left_few_warning(ws: Project, where: dict[str, str] | None, what: str = "chapter") -> list[str]:
    """A chapter or workbook (``what``) on all interviews but one or two: beside one on all of them,
    each count less this one's is their answers."""
    if not where:
        return []
    kept = set(ws.analysis_service.doc_ids(where))
    left = [d[1] for d in ws.store.documents.light() if d[0] not in kept]
    if not 0 < len(left) < SMALL_GROUP:
        return []
    its = f"{left[0]}'s" if len(left) == 1 else f"{' and '.join(left)}'s"
    return [f"the {what} leaves out only {', '.join(left)} ({plural(len(left), 'interview')}): beside a {what} "
            f"on all the interviews, a reader can work out {its} answers (each count there less this one's); "
            "publish one of the two, not both"]


def theme_own_stars(ws: Project, coder: str | None, themes: Sequence[str], part: Collection[int] | None,
                    label: Callable[[str], str]) -> list[str]:
    """Starred passages coded with a theme itself (one with sub-codes), which the text never quotes (it quotes
    its sub-codes' passages): a researcher who coded most of a theme so found her stars in the appendix only."""
    found = {t: sum(1 for r in ws.coding_tuples(code=t, coder=coder, starred=True)
                    if r[3] == t and (part is None or r[1] in part)) for t in dict.fromkeys(themes)}
    found = {t: n for t, n in found.items() if n}
    if not found:
        return []
    n = sum(found.values())
    return [f"{n} starred passage{'s' * (n > 1)} coded with a theme itself ("
            + ", ".join(f"{label(t)}: {k}" for t, k in found.items()) + f") {'are' if n > 1 else 'is'} not quoted "
            "in the text, which quotes a theme's sub-codes (the appendix lists such passages where they stand on "
            "their own): give one the sub-code it is about to have it quoted there"]


def review_warnings(stale: list[str], english_behind: list[str], nl_only: list[str],
                    unheard: Sequence[str] = ()) -> list[str]:
    """What the report says on the terminal of the themes' reviewed text: sentences whose codings
    or interviews changed since (an accepted "(16 van 19)" beside a table saying 17), English
    sections written before their Dutch text changed, reviewed Dutch text without an English
    version, and ``unheard``: a theme per reviewed example left out for retelling a deleted passage."""
    out = []
    if stale:
        out.append("reviewed sentences whose codings, the interviews they count over or the groups they compare "
                   "(the attribute the tables compare by) changed since "
                   "(shaded yellow; their counts may be out of date): " + ", ".join(stale) + "; F9's theme view marks them ◐")
    if english_behind:
        out.append("English sections written before their Dutch text last changed (printed as written): "
                   + ", ".join(english_behind) + "; `sto-qual summary show --theme T` shows the Dutch")
    if unheard:  # one entry per example left out, named by its theme
        out.append(f"left out {len(unheard)} reviewed example{'s' * (len(unheard) != 1)} retelling a coding "
                   "removed since, uncoded or with its interview, or trimmed off it "
                   f"({', '.join(dict.fromkeys(unheard))}); F9's theme "
                   "view (ctrl+r) or `sto-qual summary draft --theme T` drafts them again")
    if nl_only:
        out.append("reviewed Dutch text without an English version (the chapter shows the English draft, marked): "
                   + ", ".join(nl_only) + "; `sto-qual summary set --theme T --lang en` writes its English section")
    return out


def undefined_warning(all_codes: Sequence[Code], top_paths: list[str], definitions: bool) -> list[str]:
    """The chapter's codes without a definition, when it has a definitions appendix: they fell out
    of it unsaid."""
    undefined = [c.path for c in all_codes if c.path.split("/")[0] in top_paths and not c.definition]
    if not definitions or not undefined:
        return []
    n = len(undefined)
    shown = ", ".join(undefined[:6]) + (f" and {n - 6} more" if n > 6 else "")
    return [f"{n} code{'s have' if n > 1 else ' has'} no definition and {'are' if n > 1 else 'is'} not in the "
            f"definitions appendix: {shown} (`sto-qual code-edit CODE --definition TEXT` gives one)"]


def unphrased_warning(ws: Project, paths: Sequence[str], lang: str) -> list[str]:
    """The chapter's coded codes without the words it says them with in its language: without a
    summary phrase its points and differences name a code by its label ("Docententekort komt aan
    de orde"), without a topic a theme's opening names a sub-code by its label in quote marks ("In
    alle regio's noemt men ‘regierol genomen’ en ‘alleen op papier’", which read as a contradiction
    to a new project's writer); nothing said why, nor how to give them."""
    from sto_qual.services.report_contrasts import summary_phrases
    ids = {c.path: c.id for c in ws.store.codes.tree(with_counts=False)}
    nl = lang == "nl"
    phrases = summary_phrases(ws, lang)
    topics = {i for i, t in ws.store.summaries.code_topics().items() if t[0 if nl else 1]}
    out = []
    for bare, option, key, example, said in (
            ([p for p in paths if p not in phrases], "--summary" if nl else "--summary-en",
             "summary" if nl else "summary_en", "noemt men …" if nl else "the steering groups mention …",
             # (in the chapter's language: an English report quoted the Dutch wording it does not print)
             lambda x: f"\"{x} komt aan de orde\", \"spreekt men over ‘{x.lower()}’\"" if nl
             else f"\"{x.lower()} come up\""),
            ([p for p in paths if "/" in p and ids.get(p) not in topics], "--topic" if nl else "--topic-en",
             "topic" if nl else "topic_en", "het …" if nl else "the …",
             lambda x: f"its theme's opening: \"{'noemt men' if nl else 'mention'} ‘{x.lower()}’\"")):
        if not bare:
            continue
        code = ws.code(bare[0])
        n, label = len(bare), (code.label if nl else code.label_en or code.label) or bare[0]
        out.append(f"the chapter names {plural(n, 'code')} by {'their labels' if n > 1 else 'its label'}, not in "
                   f"words of {'their' if n > 1 else 'its'} own ({said(label)}), as {'they have' if n > 1 else 'it has'} "
                   f"no {key.replace('_', ' ')}: {first_few(bare, 10)}; `sto-qual code-edit {shlex.quote(bare[0])} "
                   f"{option} '{example}'` gives one (`{key}:` in a codebook file; a stored summary takes it once "
                   "drafted again)")
    return out


def unstored_summaries_warning(synthesis: SynthesisService, top_paths: list[str], n_docs: int,
                               fresh_docs: int) -> list[str]:
    """Themes that open without a summary: over ``fresh_docs`` interviews the report does not
    draft one itself, and none was stored."""
    if n_docs <= fresh_docs or not any(synthesis.stored_theme_status(p) == "empty" for p in top_paths):
        return []
    return [f"themes without a stored summary open without one: with more than {fresh_docs} interviews the report "
            "does not draft them itself; run `sto-qual summarize` first"]


def retold_beside(ws: Project, data: Any, whole: Any) -> list[str]:
    """A chapter on part of the interviews (``data``) that quotes with a role a passage the chapter on every
    interview (``whole``) retells as an anonymous example ("Een regio vertelt: …"): side by side the two tie
    that example to a role in that part (a report writer found two; the warning named only 'een geïnterviewde')."""
    from sto_qual.domain.spans import overlaps
    spans: dict[int, list[tuple[int, int]]] = {}  # by passage: another coder's coding of it too
    for r in filter(None, (ws.store.codings.row(i) for i, place in whole.places.items() if place == "example")):
        spans.setdefault(r["document_id"], []).append((r["start"], r["end"]))
    ids = set()
    for q in (*(q for t in data.themes for q in t.quotes), *data.appendix):
        r = ws.store.codings.row(q.id) if "geïnterviewde" not in q.attribution else None
        if r and any(overlaps((a, b), (r["start"], r["end"])) for a, b in spans.get(r["document_id"], ())):
            ids.add(q.id)
    if not ids:
        return []
    listed = sorted(ids)
    return [f"{plural(len(listed), 'quote')} here ({', '.join(f'#{i}' for i in listed)}) the chapter on every "
            "interview retells as an anonymous example: side by side, this chapter ties each such example to a role "
            f"in this part; publish one of the two, or leave {'it' if len(listed) == 1 else 'them'} out of this one "
            f"(--leave-out {','.join(map(str, listed))})"]


def cut_cells(cut: Sequence[tuple[str, dict, str, int]]) -> list[str]:
    """The warning for texts a workbook cut at a cell's limit (``tabular.fitted``): a quote of
    50,004 characters ended mid-word at 32,767, the command saying nothing."""
    if not cut:
        return []
    what = [f"coding #{r['id']}'s {col} ({n:,} characters)" if sheet == "codings" and "id" in r
            else f"{col} on the sheet {sheet} ({n:,} characters)" for sheet, r, col, n in cut]
    return [f"the workbook cuts {plural(len(cut), 'text')} at a spreadsheet cell's limit of {EXCEL_CELL:,} characters, "
            f"each marked '[cut at …]': {first_few(what, 3)}; the .csv export holds every character (`sto-qual export "
            "-o codings.csv`)"]


def own_counts_off(theme: str, summary: Any, docs_of: Callable[[str], int], total: int) -> list[str]:
    """A lead sentence a person wrote whose "(n van N)" is not the count the chapter's tables give its
    topic: printed as she wrote it, it contradicted the table beside it unsaid ("(17 van 19)" by 15 of 19)."""
    if summary is None:
        return []
    out = []
    for i, (text, code, hers) in enumerate(zip(summary.lead, summary.lead_codes, summary.lead_edited), 1):
        said = count_notes(text) if hers and code else []
        if said and (docs_of(code), total) not in said:
            out.append(f"{theme}: lead sentence {i}, which a person wrote, says ({said[0][0]} van {said[0][1]}) where "
                       f"the chapter's tables count {docs_of(code)} of {total} for {code} (`sto-qual summary set "
                       f"--theme {theme} --lead {i} --text …` writes it anew)")
    return out


def drafts_note(res: Mapping[str, Any], lang: str, where: Mapping[str, str] | None, in_tui: bool = False) -> str:
    """What a written chapter's marks of drafted text ask of the writer (``res``: ``report``'s result), "" when
    it has none: said by `report` on stderr and by F8 under the file it wrote (F8 said nothing of them)."""
    drafts = list(res.get("drafts") or ())
    if not drafts:
        return ""
    t = drafts[0]
    if where:  # drafted over this part: an accept (of text on every interview) never reaches it
        return (f"the chapter marks the drafted text of {plural(len(drafts), 'theme')} as "
                f"'{'Draft' if lang == 'en' else 'Concept'}' ({', '.join(drafts)}): a chapter on part of the "
                "interviews drafts its own text for them, which no review in sto-qual reaches; read and edit it in "
                "the .docx")
    if lang == "en":  # it prints "Draft:", and a person writes the English section (no accept of a draft)
        return (f"the chapter marks the drafted English text of {plural(len(drafts), 'theme')} as 'Draft' "
                f"({', '.join(drafts)}): `sto-qual summary set --theme {t} --lang en --file F` writes a theme's "
                "English section")
    # a theme partly reviewed is marked sentence by sentence ("deels nagelezen"), not as a whole
    partly = [d for d in drafts if d in res.get("partly", ())]
    whole = [d for d in drafts if d not in partly]
    # the example a theme not reviewed at all (accepting a partly reviewed one whole accepted its sentences
    # unread): the steps on a partly reviewed one go sentence by sentence
    t = (whole or partly)[0]
    marked = ([f"the drafted text of {plural(len(whole), 'theme')} as 'Concept' ({', '.join(whole)})"]
              if whole else []) + ([f"the sentences not yet reviewed of {', '.join(partly)} (grey)"] if partly else [])
    accept = (f"`sto-qual summary accept --theme {t}`" if whole else
              f"`sto-qual summary accept --theme {t} --point N` for each sentence read")
    where_read = "in F9 (t on the theme)" if in_tui else "in the TUI (`sto-qual tui`, F9, t on the theme)"
    return (f"the chapter marks {' and '.join(marked)}: read and accept each {where_read}, or store, read and "
            f"accept it with `sto-qual summary draft --theme {t}`, `sto-qual summary show --theme {t}` and {accept}")
