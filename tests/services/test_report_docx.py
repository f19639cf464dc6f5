"""The Word chapter, re-opened with python-docx and checked by content and layout."""
import re
import shlex
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from leaks import leaked_names
from tests_support import REPO, plain
from sto_qual.domain.quote_selection import LOST_REFERENT_OPENERS, first_word, tidy as tidied

ROLE_WORDS = "bestuurder|directeur|penvoerder|programmaleider|stuurgroeplid"


@pytest.fixture(scope="module")
def report(demo_db, tmp_path_factory):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_db)
    out = tmp_path_factory.mktemp("report") / "hoofdstuk.docx"
    res = ws.report(out, appendix="starred")
    yield ws, out, res
    ws.close()


@pytest.fixture(scope="module")
def data(report):
    ws, _, _ = report
    return ws.report_data(appendix="starred")


def _body(d):
    """Paragraphs before the first appendix heading."""
    out = []
    for p in d.paragraphs:
        if p.style.name.startswith("Heading") and p.text.startswith("Bijlage"):
            break
        out.append(p)
    return out


def test_heading_levels_chapter_theme_parts(report):
    ws, out, _ = report
    d = docx.Document(str(out))
    heads = [(int(p.style.name.split()[-1]), p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[0] == (1, "De stuurgroepen aan het woord")  # a chapter title, not a description of output
    assert [lvl for lvl, _ in heads].count(1) == 1
    level = 0
    for lvl, text in heads:
        assert lvl <= level + 1, f"heading jumps from {level} to {lvl}: {text}"
        level = lvl
    themes = [c.label for c in ws.codebook() if c.parent is None]
    assert [t for lvl, t in heads if lvl == 2 and t in themes] == themes  # in codebook order
    assert (2, "Methode") in heads and (3, "Wat de regio's noemen") in heads


def test_page_a4_language_and_page_numbers(report):
    _, out, _ = report
    d = docx.Document(str(out))
    s = d.sections[0]
    assert abs(s.page_width.cm - 21.0) < 0.05 and abs(s.page_height.cm - 29.7) < 0.05
    defaults = d.styles.element.find(qn("w:docDefaults"))
    langs = {el.get(qn("w:val")) for el in defaults.iter(qn("w:lang"))}
    assert langs == {"nl-NL"}
    footer_xml = s.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml


def test_tables_repeat_header_and_rows_never_split(report):
    _, out, _ = report
    d = docx.Document(str(out))
    assert len(d.tables) == 5  # one per theme and the appendix
    for t in d.tables:
        rows = t._tbl.tr_lst
        assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)


def test_appendix_is_landscape_sorted_and_columns_fit_their_longest_word(report, data):
    ws, out, _ = report
    d = docx.Document(str(out))
    land = [s for s in d.sections if s.page_width > s.page_height]
    assert len(land) == 1
    table = d.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    # role only, as in the text: a region (or a turn number) beside a role points to one person
    assert header == ["Onderwerp", "Rol", "Citaat"]  # the theme heads its rows in a spanning row
    grid = [int(g.get(qn("w:w"))) / 567 for g in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert sum(grid) <= 29.7 - 2 * 2.2 + 0.01
    cm_per_char = 9 * 0.6 * 0.03528  # a wide sans serif (DejaVu, LibreOffice's fallback for Calibri)
    body = [r for r in table.rows[1:] if len(r._tr.tc_lst) == len(header)]  # not the theme rows
    assert len(body) == len(data.appendix) and len(table.rows) - 1 - len(body) == len({q.theme for q in data.appendix})
    for i, col in enumerate(zip(*[[c.text for c in r.cells] for r in body])):
        longest = max(len(w) for v in col for w in v.split())
        assert longest * cm_per_char + 0.3 <= grid[i], (header[i], longest, grid[i])
    # a sub-code's label on one line up to "Verschuiving van de urgentie" (it wrapped beside a
    # quote column with room to spare); two of one row ("A; B") one line each
    labels = {part for r in body for part in r.cells[0].text.split("; ")}
    assert max(map(len, labels)) >= 28
    for label in labels:
        assert len(label) > 28 or len(label) * cm_per_char + 0.3 <= grid[0], (label, grid[0])
    order = {c.path: i for i, c in enumerate(ws.codebook())}
    keys = [(order[q.theme], order[q.code]) for q in data.appendix]
    assert keys == sorted(keys) and keys


def test_quote_selection_rules(data, report):
    ws, _, _ = report
    counts = ws.theme_counts(coder="onderzoeker-a").set_index("code")
    for theme in data.themes:
        quotes = [q for b in theme.points for q in b.quotes]
        regions = [q.region for q in quotes]
        assert len(regions) == len(set(regions)), f"{theme.path}: a region quoted twice"
        assert all(len(b.quotes) <= 1 for b in theme.points)  # sparse: one quote illustrates a point
        subs = [c.path for c in ws.codebook() if c.parent == theme.path and counts.loc[c.path, "documents"] > 0]
        quoted = {q.code.split("/")[0] + "/" + q.code.split("/")[1] for q in quotes if "/" in q.code}
        assert set(subs) <= quoted, f"{theme.path}: sub-codes never quoted: {set(subs) - quoted}"
        assert len({q.role for q in quotes if q.role}) >= 1
        for q in quotes:
            assert first_word(q.text) not in LOST_REFERENT_OPENERS, q.text
    # spread over region types: every theme quotes at least three kinds of region (two with three quotes)
    types = {r["region"]: r["region_type"] for r in
             [{"region": a.get("region"), "region_type": a.get("region_type")}
              for a in ws.analysis_service.attributes().values()]}
    for theme in data.themes:
        quoted = [types[q.region] for b in theme.points for q in b.quotes]
        assert len(set(quoted)) >= min(3, len(quoted) - 1), (theme.path, quoted)
    body = {(q.doc, q.reference, q.text) for t in data.themes for b in t.points for q in b.quotes}
    assert not body & {(q.doc, q.reference, q.text) for q in data.appendix}


def test_no_two_overlapping_spans_are_both_quoted(demo_ws):
    from sto_qual.domain.quote_selection import Candidate, drop_overlaps
    data = demo_ws.report_data(coder=None, appendix="all")
    rows = demo_ws.codings()
    spans = {}
    for c in rows:
        spans.setdefault((demo_ws.anonymiser()(c.doc), c.code), []).append((c.start, c.end))
    quoted = [(q.doc, q.code, q.text) for q in data.appendix]
    assert len(quoted) == len(set(quoted))
    a = Candidate(1, 1, "R01", "", "x", 0, 50, "a", starred=False)
    b = Candidate(2, 1, "R01", "", "x", 10, 60, "b", starred=True)
    c = Candidate(3, 1, "R01", "", "x", 70, 90, "c")
    assert drop_overlaps([a, b, c]) == [b, c]


def test_quotes_verbatim_attributed_by_role_only(report):
    from sto_qual.services.reporting import without_article
    ws, out, _ = report
    anon = without_article(ws.anonymiser())  # the article of a replaced name goes with it
    stored = [anon(ws.document_text(d.id)) for d in ws.documents()]
    d = docx.Document(str(out))
    # (the attribution's spaces do not break: "— een" ended a line and "geïnterviewde" began the next)
    quotes = [p.text.replace("\u00a0", " ") for p in _body(d) if p.style.name == "Quote"]
    assert 8 <= len(quotes) <= 40
    for q in quotes:
        m = re.match(rf"^“(.*)” — een ({ROLE_WORDS}|geïnterviewde)$", q, re.S)
        assert m, q
        words = m.group(1).strip("…")  # an ellipsis marks where the quote was cut from its sentence
        assert any(words in t for t in stored)  # verbatim (perhaps extended to the sentence before)
    text = "\n".join(p.text for p in _body(d))
    assert not re.search(r"\bR\d\d\b", text)  # no region ids in the chapter body


def test_programme_leader_is_not_called_a_steering_group_member(data):
    quotes = [q for t in data.themes for b in t.points for q in b.quotes]
    leaders = [q for q in quotes if q.role == "programmaleider"]
    island = "— een geïnterviewde"  # a quote naming the one island region: no role, no region type
    assert leaders and all(q.attribution in ("— een programmaleider", island) for q in leaders)
    assert all(q.attribution in (f"— een {q.role or 'stuurgroeplid'}", island) for q in quotes)
    assert any(q.attribution == "— een programmaleider" for q in leaders)


def test_union_report_opens_with_draft_summaries_and_stays_sparse(demo_ws):
    demo_ws.set_reference_coder(None)
    data = demo_ws.report_data()
    assert "samenvoeging van beider codering" in data.method
    for theme in data.themes:
        assert theme.note.startswith("Concept") and theme.opening
        quotes = [q for b in theme.points for q in b.quotes]
        assert len(quotes) <= 9 and len({q.region for q in quotes}) == len(quotes)
        assert all(len(b.quotes) <= 1 for b in theme.points)  # sparse: one quote illustrates a point


def test_large_projects_use_stored_summaries_only(demo_ws, monkeypatch):
    import sto_qual.services.reporting as reporting
    demo_ws.set_reference_coder(None)
    monkeypatch.setattr(reporting, "FRESH_DRAFT_DOCS", 5)  # the demo's 19 interviews count as large
    data = demo_ws.report_data()
    assert all(t.summary is None for t in data.themes) and any("summarize" in w for w in data.warnings)
    demo_ws.synthesis().summarize(theme="urgentie")
    data = demo_ws.report_data()
    assert data.themes[0].summary is not None and data.themes[1].summary is None


def test_attribution_options(demo_ws):
    d1 = demo_ws.report_data(attribution="role-region")
    q = d1.themes[0].points[0].quotes[0]
    assert re.match(rf"^— een ({ROLE_WORDS}), regio R\d\d$", q.attribution)
    d2 = demo_ws.report_data(attribution="region")
    assert re.match(r"^— regio R\d\d$", d2.themes[0].points[0].quotes[0].attribution)


def test_no_tautology_words_and_numbers(report):
    ws, out, _ = report
    d = docx.Document(str(out))
    text = plain("\n".join(p.text for p in d.paragraphs))
    assert "19 van de 19" not in text and "(alle)" not in text and "19 van 19" not in text
    assert "in alle regio's" in text.lower()  # "alle" is said as words, once, never as a count
    counts = ws.theme_counts(coder="onderzoeker-a").set_index("code")
    n = int(counts.loc["urgentie/docententekort", "documents"])
    word = counts.loc["urgentie/docententekort", "wording"]
    assert f"{word} regio's ({n} van 19)" in text or f"{word} van de regio's ({n} van 19)" in text


def test_an_exact_count_in_the_prose_stays_on_one_line(report):
    """"(3 van 5)" broke after "(3" at the end of a line of the chapter: its spaces do not break."""
    _, out, _ = report
    text = "\n".join(p.text for p in _body(docx.Document(str(out))))
    kept = re.findall(r"\(\d+\u00a0van\u00a0\d+\)", text)
    assert len(kept) > 10, kept
    assert not re.search(r"\(\d+\s+van\s+\d+\)", text.replace("\u00a0", "_")), "a count with a breaking space"


def test_no_numbers_option(demo_ws, tmp_path):
    out = tmp_path / "n.docx"
    demo_ws.report(out, numbers=False)
    text = "\n".join(p.text for p in _body(docx.Document(str(out))))
    assert not re.search(r"\(\d+ van \d+\)", text)
    assert "de meeste regio's" in text


def test_counts_are_the_reference_coders(report):
    ws, out, _ = report
    d = docx.Document(str(out))
    a = ws.theme_counts(coder="onderzoeker-a").set_index("code")
    both = ws.theme_counts().set_index("code")
    assert a.loc["urgentie/kwaliteit-innovatie", "documents"] < both.loc["urgentie/kwaliteit-innovatie", "documents"]
    row = next(r for r in d.tables[0].rows if r.cells[0].text == "Kwaliteit en innovatie")
    n = int(a.loc["urgentie/kwaliteit-innovatie", "documents"])
    assert f"({n}/19)" in row.cells[1].text
    method = _method_text(out)
    assert "Geteld is de codering van de eerste." in method and "onderzoeker-" not in method


def test_method_paragraph(report, demo_ws):
    _, out, _ = report
    d = docx.Document(str(out))
    method = next(p.text for p in d.paragraphs if p.text.startswith("Dit hoofdstuk"))
    sentences = re.split(r"(?<=[.;])\s+", method)
    assert not [s for s in sentences if s[:1].isdigit()]
    assert "vier thema's" in method and "negentien interviews" in method
    assert "bestuurders, directeuren, penvoerders en programmaleiders" in method
    one = demo_ws.report_data(codes=["urgentie"])
    # the codebook has four themes; a chapter on one of them says so instead of miscounting the codebook
    assert "een codeboek van vier thema's en hun subcodes; dit hoofdstuk bespreekt er één." in one.method
    demo_ws.set_reference_coder(None)
    union = demo_ws.report_data()
    assert "samenvoeging van beider codering" in union.method and "onderzoeker-" not in union.method


def test_captions_use_labels_not_keys(report):
    _, out, _ = report
    d = docx.Document(str(out))
    caps = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert len(caps) == 4 and all("_" not in c for c in caps)
    assert all("regiotype" in c for c in caps if c.startswith("Tabel"))
    header = [c.text for c in d.tables[0].rows[0].cells]
    assert header[0] == "Onderwerp" and header[1] == "alle regio's (N=19)"
    # groups under three interviews get no column (the one island region); a note says so
    assert not any(h.startswith("eiland") for h in header) and "gemengde regio's (N=5)" in header
    # a compound too wide for its column breaks where its parts meet ("krimp-regio's"), not inside a part
    assert "krimp\u00adregio's (N=4)" in header and "alle regio's (N=19)" in header
    assert any(p.text.startswith("Niet in een eigen kolom: de eilandregio (één interview)") for p in d.paragraphs)
    assert len(d.inline_shapes) == 0  # no chart repeats the table


def test_no_listed_name_survives_in_the_docx_xml(report):
    ws, out, _ = report
    with zipfile.ZipFile(out) as z:
        xml = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    plain = re.sub(r"<[^>]+>", "", xml).lower()
    leaks = leaked_names(ws.anonymiser().names, plain)
    assert leaks == []


def test_memos_only_on_request_grouped_by_code(report, demo_ws, tmp_path):
    _, out, _ = report
    d = docx.Document(str(out))
    assert not [p for p in d.paragraphs if "memo" in p.text.lower() and p.style.name.startswith("Heading")]
    out2 = tmp_path / "m.docx"
    demo_ws.report(out2, memos=True)
    heads = [(p.style.name, p.text) for p in docx.Document(str(out2)).paragraphs]
    i = heads.index(("Heading 2", "Bijlage: memo's van de codeurs"))
    assert heads[i + 1][0] == "Heading 3"
    memos = [t for _s, t in heads[i + 1:]]
    # a region code beside a memo that names a role points to one person: only in internal drafts
    assert memos and not any(re.match(r"regio R\d", t) for t in memos)
    internal = demo_ws.report_data(memos=True, attribution="role-region")
    assert any(t.startswith("regio R") for _c, t in internal.memos)


def test_tidy_quotes_replaces_fillers(demo_ws):
    plain = [q.text for t in demo_ws.report_data().themes for q in t.quotes]
    assert any(re.search(r"\beh\b", q) for q in plain)  # verbatim by default
    tidy = [q.text for t in demo_ws.report_data(tidy_quotes=True).themes for q in t.quotes]
    assert not any(re.search(r"\b(eh|hè)\b", q) for q in tidy) and any("…" in q for q in tidy)
    # the method says what the "…" inside a quote is (a reader took it for words left out)
    method = demo_ws.report_data(tidy_quotes=True).method
    assert "stopwoorden als ‘eh’ zijn weggelaten" in method and "waar een stopwoord is weggelaten" in method, method
    assert tidied("Wel op kleine schaal, hè. Laten we eerlijk zijn.") == "Wel op kleine schaal … Laten we eerlijk zijn."


def test_english_report(demo_ws, tmp_path):
    out = tmp_path / "en.docx"
    demo_ws.edit_code("urgentie/arbeidsmarkt", label_en=None)
    res = demo_ws.report(out, lang="en", codes=["urgentie"], appendix="all")
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    assert text.count("Draft: generated automatically") == 1 and res["themes"] == 1  # the English draft
    assert "In all regions" in text
    assert "Teacher shortage." in text and "Arbeidsmarkt [nl]." in text  # missing translation shows
    assert any("label_en" in w for w in res["warnings"])
    assert re.search(r"—\u00a0an?\u00a0(board member|director|grant holder|programme leader|steering-group member)"
                     .replace(" ", "\u00a0"), text)
    defaults = d.styles.element.find(qn("w:docDefaults"))
    assert {el.get(qn("w:val")) for el in defaults.iter(qn("w:lang"))} == {"en-GB"}
    caps = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert caps and all("region type" in c for c in caps if c.startswith("Table"))
    assert [c.text for c in d.tables[0].rows[0].cells][2] == "mixed regions (N=5)"
    assert "The table has no column for the island region (one interview)" in text
    # the quotes are Dutch as spoken: proofed as Dutch, in the text and in the appendix table,
    # while the English prose around them is proofed as English
    def langs(el):
        return {x.get(qn("w:val")) for x in el.iter(qn("w:lang"))}
    quotes = [p for p in d.paragraphs if p.style.name == "Quote"]
    assert quotes and all(langs(p.runs[0]._r) == {"nl-NL"} and not langs(p.runs[1]._r) for p in quotes)
    appendix = d.tables[-1]
    col = [c.text for c in appendix.rows[0].cells].index("Quote")
    rows = [r for r in appendix.rows[1:] if r.cells[0]._tc is not r.cells[col]._tc]  # not a theme's shaded row
    assert rows and all(langs(r.cells[col]._tc) == {"nl-NL"} and not langs(r.cells[0]._tc) for r in rows)
    assert "in the original Dutch" in text
    # the codebook's Dutch definitions likewise (Word marked three pages of them misspelt)
    defined = [p for p in d.paragraphs if p.text.startswith("Teacher shortage. ")][-1]  # the codebook appendix
    assert not langs(defined.runs[0]._r) and langs(defined.runs[1]._r) == {"nl-NL"}


def test_cli_report_options(demo_copy, tmp_path):
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"))
    from import_invariants import run_cli
    out = tmp_path / "c.docx"
    code, stdout, stderr = run_cli("report", "--project", demo_copy, "-o", out, "--no-numbers",
                                   "--attribution", "role-region", "--tidy-quotes", "--memos")
    assert code == 0, stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "regio R" in text and "memo's van de codeurs" in text
    code, _, _ = run_cli("report", "--project", demo_copy, "-o", out, "--attribution", "naam")
    assert code == 2
    code, stdout, _ = run_cli("reference-coder", "--project", demo_copy)
    assert "onderzoeker-a" in stdout
    code, _, stderr = run_cli("reference-coder", "--project", demo_copy, "niemand")
    assert code == 1 and "unknown coder" in stderr and len(stderr.strip().splitlines()) == 1
    code, stdout, _ = run_cli("reference-coder", "--project", demo_copy, "--clear")
    assert code == 0 and "no reference coder" in stdout


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed here")
def test_libreoffice_opens_the_report(report, tmp_path):
    _, out, _ = report
    r = subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                       capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "hoofdstuk.pdf"
    assert pdf.exists() and pdf.stat().st_size > 20_000, r.stdout + r.stderr


def test_appendix_names_regions_only_in_an_internal_draft(demo_ws, tmp_path):
    out = tmp_path / "intern.docx"
    demo_ws.report(out, attribution="role-region", appendix="all")
    table = docx.Document(str(out)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Onderwerp", "Regio", "Rol", "Citaat", "Verwijzing"]


@pytest.mark.parametrize("lang, part, project_wide, column", [
    ("nl", "Het gaat alleen om de vier interviews in krimpregio's (van de negentien)",
     "een tweede codeerde er twee onafhankelijk ter controle. Geteld is de codering van de eerste. De overeenstemming "
     "tussen beiden op zinsniveau (Krippendorffs alfa, over alle codes, gemeten op de zes interviews die in het hele "
     "onderzoek twee keer zijn gecodeerd)", "krimpregio's (N=4)"),
    ("en", "Only the four interviews in shrinking regions (of nineteen) are included",
     "a second coded two of them independently, as a check. The counts are those of the first researcher. Agreement "
     "between them at sentence level (Krippendorff's alpha, across codes, measured on the six interviews coded twice "
     "in the whole study)", "shrinking regions (N=4)"),
])
def test_a_chapter_on_part_of_the_interviews_says_which_part(demo_ws, tmp_path, lang, part, project_wide, column):
    """`report --where region_type=krimp` read as a chapter on all regions: nothing named the
    part, the agreement of the whole project ("zes interviews") stood as if it were the part's
    (who coded what is said of the part, the agreement of the whole project says so),
    and every table had two identical columns, "alle regio's (N=4)" and "krimp (N=4)". The
    part is named as the report names its regions ("krimpregio's"), not as "regiotype krimp"."""
    out = tmp_path / "krimp.docx"
    demo_ws.report(out, lang=lang, where={"region_type": "krimp"})
    d = docx.Document(str(out))
    method = " ".join(_method_text(out).split("\n\n")[:2])  # the interviews, then who coded them
    assert part in method and project_wide in method
    # its tables set the part beside every region: the method said "alle aantallen gaan over deze interviews"
    assert ("alle aantallen in de tekst gaan over deze interviews. De tabellen zetten deze aantallen naast die van "
            "alle regio's." if lang == "nl" else "all counts in the text refer to these interviews. The tables set "
                                                 "these counts beside those of all regions.") in method, method
    for table in d.tables:
        header = [c.text for c in table.rows[0].cells]
        if "N=" in "".join(header):  # beside the project's regions (it said them twice, both N=4)
            assert header[1:] == [column, "alle regio's (N=19)" if lang == "nl" else "all regions (N=19)"]
    full = tmp_path / "all.docx"
    demo_ws.report(full, lang=lang)
    method = next(p.text for p in docx.Document(str(full)).paragraphs if p.text.startswith(("Dit hoofdstuk", "This")))
    assert part.split(" (")[0] not in method and project_wide not in method


@pytest.mark.parametrize("lang, part, every", [
    ("nl", "Het gaat alleen om de twaalf interviews (van de negentien) waarin een bestuurder aan tafel zat",
     "alle twaalf de regio's"),
    ("en", "Only the twelve interviews (of nineteen) with a board member at the table are included",
     "all twelve regions"),
])
def test_a_chapter_on_the_interviews_with_a_role_says_so_in_words(demo_ws, tmp_path, lang, part, every):
    """`--where respondent_roles=bestuurder` read "Het gaat alleen om de interviews met rollen aan
    tafel bestuurder (twaalf van de negentien)", and its themes "In alle regio's …" about twelve:
    pasted into the report, that reads as all nineteen."""
    from sto_qual.report.labels import LABELS
    out = tmp_path / "bestuurders.docx"
    demo_ws.report(out, lang=lang, where={"respondent_roles": "bestuurder"})
    paras = [plain(p.text) for p in docx.Document(str(out)).paragraphs]
    method = next(p for p in paras if p.startswith(("Dit hoofdstuk", "This chapter")))
    assert part in method, method
    body = " ".join(paras[paras.index(next(p for p in paras if p.startswith(LABELS[lang]["concept"][:12]))):])
    assert every in body.lower()
    assert not re.search(r"(?<!vrijwel )(?<!nearly )\b(alle regio's|all regions)\b", body.lower()), body


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_chapter_on_part_of_the_interviews_is_prose_drafted_from_that_part(demo_ws, tmp_path, lang):
    """A `--where` chapter had no synthesis: "Dit thema komt in alle regio's aan de orde." and
    "Dit komt in alle regio's aan de orde." under every heading, some twenty times. It now gets
    a draft of its own, counted over the part (never the whole project's 19)."""
    from sto_qual.report.labels import LABELS
    lab = LABELS[lang]
    out = tmp_path / "stad.docx"
    demo_ws.report(out, lang=lang, where={"region_type": "stedelijk"})
    paras = [plain(p.text) for p in docx.Document(str(out)).paragraphs]
    body = paras[paras.index(next(p for p in paras if p.startswith(lab["concept"][:12]))):]
    assert lab["theme_all"] not in body and not any(p.endswith(lab["point_all"]) for p in body)
    assert sum(p == lab["concept"] for p in body) == 4  # every theme drafted, and said to be a draft
    totals = re.findall(r"\(\d+ (?:van|of) (\d+)\)", " ".join(body))
    assert totals and set(totals) == {"5"}, totals


def test_a_starred_interviewer_question_is_no_quote_in_the_appendix(demo_ws):
    """A coder starred an interviewer's question; the appendix listed it as a quote with the
    role "interviewer". The text never quotes the interviewer, and neither does the appendix."""
    doc = demo_ws.document("R03")
    question = next(t for t in demo_ws.turns(doc.id) if t.role == "interviewer" and t.end - t.start > 40)
    c = demo_ws.assign_code(doc.id, "urgentie", start=question.start, end=question.end, starred=True)
    data = demo_ws.report_data(appendix="starred")
    assert data.appendix and all(q.role != "interviewer" for q in data.appendix)
    assert c.id not in {q.id for q in data.appendix}
    data = demo_ws.report_data(appendix="all")
    assert all(q.role != "interviewer" for q in data.appendix)


def test_a_chapter_on_one_region_type_says_its_regions_not_all_regions(demo_ws):
    """'In alle regio's' in a chapter on the four krimp interviews read as all nineteen once a
    paragraph was pasted into the report."""
    d = demo_ws.report_data(where={"region_type": "krimp"}, appendix="none")
    prose = " ".join(x for t in d.themes for x in (*t.opening, *(b.text for b in t.points)))
    assert "In alle krimpregio's" in prose and "alle regio's" not in prose and "de meeste regio's" not in prose
    quotes = [q.text for t in d.themes for q in t.quotes]
    raw = " ".join(" ".join(f.read_text(encoding="utf-8").split()) for f in (REPO / "transcripts").glob("R*.txt"))
    for q in quotes:  # verbatim: a "krimpregio" in a quote is the speaker's own word
        for i in (i for i in range(len(q)) if q.startswith("krimpregio", i)):
            assert q[max(0, i - 12):i + 10] in raw, q
    # compared by another attribute (a writer's own grouping), the part is its region type still: it read
    # "met als regiotype ‘krimp’" and "In alle vier de regio's"
    for doc in demo_ws.documents():
        demo_ws.change_attributes(doc.name, {"regio_groep": "landelijk" if doc.attributes.get("region_type") in (
            "eiland", "landelijk") else doc.attributes.get("region_type")})
    demo_ws.report_settings.set("main_attribute", "regio_groep")
    d = demo_ws.report_data(where={"region_type": "krimp"}, appendix="none")
    prose = " ".join(x for t in d.themes for x in (*t.opening, *(b.text for b in t.points)))
    assert "In alle krimpregio's" in prose and d.subtitle.endswith(": krimpregio's"), d.subtitle
    # and its heading, "naar regio groep" where Dutch writes one word, is said
    d = demo_ws.report_data(appendix="none")
    [said] = [w for w in d.warnings if "no Dutch label for regio_groep" in w]
    assert "`sto-qual attribute-label regio_groep WORD`" in said and "'regiogroep'" in said


def test_the_method_of_a_chapter_on_part_defines_every_frequency_word_its_tables_use(demo_ws):
    """The krimp chapter's method listed the words a count of four can get, "de meeste (twee derde of
    meer)", while its tables' column of all nineteen said "vrijwel alle (17/19)" and "een deel",
    which the chapter never defined, and the full chapter defined "de meeste" otherwise."""
    import re
    d = demo_ws.report_data(where={"region_type": "krimp"}, appendix="none")
    ladder = next(p for p in d.method.split("\n") if "Hoe vaak iets voorkomt" in p)
    used = {re.sub(r"\s*\(.*", "", cell) for t in d.themes for table in t.tables for row in table.rows
            for cell in row[1:]}
    assert "vrijwel alle" in used and "een deel" in used
    assert all(re.search(rf"(?:: |, | en ){re.escape(word)}(?: \(|,| en|;)", ladder) for word in used), (used, ladder)
    whole = next(p for p in demo_ws.report_data(appendix="none").method.split("\n") if "Hoe vaak" in p)
    assert ladder == whole


def _method_text(path) -> str:
    """The method's paragraphs: from under its heading to the next heading."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text in ("Methode", "Method")) + 1
    out = []
    for p in paragraphs[start:]:
        if p.style.name.startswith("Heading"):
            break
        out.append(p.text)
    return "\n\n".join(out)


def test_the_method_is_four_paragraphs_interviews_coding_frequency_and_quotes(demo_ws, tmp_path):
    """The method was one paragraph of 24 lines: it is four, each about one thing (the first of three
    ran to 300 words with the coders' agreement in it)."""
    out = tmp_path / "h.docx"
    demo_ws.report(out)
    paragraphs = _method_text(out).split("\n\n")
    assert [p.split()[:3] for p in paragraphs] == [["Dit", "hoofdstuk", "is"], ["Eén", "onderzoeker", "codeerde"],
                                                   ["Hoe", "vaak", "iets"], ["Citaten", "zijn", "letterlijk"]], paragraphs
    assert "Krippendorffs alfa" in paragraphs[1] and paragraphs[3].endswith("(bijlage ‘citatentabel’).")
    assert "De verschillen tussen regio's zijn beschreven naar regiotype" in paragraphs[0]


def test_the_english_method_says_what_its_dutch_means_in_a_fourth_paragraph(demo_ws):
    """The English method's third paragraph ran to 18 lines: the quotes, what each placeholder and
    Dutch term means, the examples it does not retell and the appendices. What the Dutch means is
    a paragraph of its own."""
    paragraphs = demo_ws.report_data(lang="en").method_paragraphs
    assert [p.split()[0] for p in paragraphs] == ["This", "One", "Frequency", "Quotes", "In"], paragraphs
    assert paragraphs[4].startswith("In the quotes, [bedrijf] stands for a company") and "Dutch terms:" in paragraphs[4]
    assert "stands for" not in paragraphs[3]


def test_a_project_without_pseudonyms_does_not_claim_anonymised_quotes(small_ws, tmp_path):
    """With an empty pseudonym list the method said "namen van personen, scholen en plaatsen zijn
    vervangen" while a starred quote printed a town's name: the chapter now says nothing was
    replaced yet, and the report warns."""
    small_ws.assign_code("R90", "urgentie/docententekort", unit=2)
    out = tmp_path / "h.docx"
    data = small_ws.report(out)
    method = _method_text(out)
    assert "zijn vervangen" not in method and "nog niet vervangen" in method
    said = next(w for w in data["warnings"] if "pseudonym list is empty" in w)
    # the example it gives runs as printed (`sto-qual pseudonyms add` alone lacked NAME and REPLACEMENT)
    example = re.findall(r"`(sto-qual pseudonyms add '[^`]*)`", said)[0]
    from cli_runner import sq
    assert sq(*shlex.split(example)[1:], "--project", small_ws.session.path).returncode == 0
    # first among the warnings (a project made from a .qdpx had it last, below a warning per name it left),
    # with how a list comes over from the project the file was exported from
    assert data["warnings"][0] == said and "`sto-qual pseudonyms list --format csv --project ORIGINAL.db > " in said
    small_ws.add_pseudonym("Jan", "[naam]")
    data = small_ws.report(out)
    method = _method_text(out)
    assert "zijn vervangen" in method and not any("pseudonym list is empty" in w for w in data["warnings"])


def test_a_theme_opening_does_not_pull_its_first_point_onto_the_next_page(demo_ws, tmp_path):
    """Heading, note, opening, sub-heading, the first point and its quotes were all kept with the
    next paragraph: Word moved the whole block and left half a page empty. The opening is kept
    whole and with its heading, not with what follows it."""
    out = tmp_path / "h.docx"
    demo_ws.report(out)
    paras = docx.Document(str(out)).paragraphs
    openings = [p for p in paras if p.text.startswith("In alle regio's") and p.style.name == "Normal"
                and paras[paras.index(p) - 1].style.name != "Heading 3"]
    assert openings
    for p in openings[:4]:
        assert p.paragraph_format.keep_together and not p.paragraph_format.keep_with_next, p.text[:60]


def test_a_theme_nobody_coded_is_one_sentence_without_a_table_and_the_writer_is_told(demo_ws, tmp_path):
    """A code added to the codebook and not used yet had a section saying twice that it comes up
    nowhere ("… in geen van de regio's aan de orde." and "Er zijn geen passages …") over a table
    of "geen" in every column."""
    demo_ws.add_code("huisvesting", label="Huisvesting", definition="Gebouwen en ruimte voor techniek.")
    out = tmp_path / "r.docx"
    res = demo_ws.report(out)
    data = demo_ws.report_data()
    section = next(t for t in data.themes if t.path == "huisvesting")
    assert section.opening == ("Dit thema komt in geen van de regio's aan de orde.",) and not section.tables
    assert all(t.tables for t in data.themes if t.path != "huisvesting")  # the coded themes keep theirs
    assert ("1 theme has no coding in the chapter's interviews: huisvesting; its section says only that, with no "
            "table (code it, or leave it out with --codes)") in res["warnings"]
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    at = paragraphs.index("Huisvesting")
    assert paragraphs[at + 1] == "Dit thema komt in geen van de regio's aan de orde."
    assert paragraphs[at + 2] == "Bijlage: definities uit het codeboek"  # no second sentence, no table
    # a sub-code added to a theme that was coded: its row is "geen" throughout, said to the writer
    demo_ws.add_code("urgentie/digitalisering", label="Digitalisering", definition="Digitaal lesmateriaal.")
    data = demo_ws.report_data()
    table = next(t for t in data.themes if t.path == "urgentie").tables[0]
    assert any(row[0] == "Digitalisering" and set(row[1:]) == {"geen"} for row in table.rows), table.rows
    assert ("1 sub-code has no coding in this project: urgentie/digitalisering; its row in the theme's "
            "table says \"geen\" in every column, which a reader takes as a finding (code it first, if it is still "
            "to be coded)") in data.warnings
    assert not any("sub-code" in w and "collectief-optrekken/" in w for w in data.warnings)
    # coded, but only by another coder than the one counted (a code split in two, its passages recoded by a
    # colleague so far): not empty, but its row of "geen" is the counted coder's, who never used it, and says so
    doc = demo_ws.document("R02")
    demo_ws.assign_code(doc.id, "urgentie/digitalisering", unit=demo_ws.units(doc.id)[3].id, coder="onderzoeker-b")
    warnings = demo_ws.report_data().warnings
    assert not any("sub-code" in w for w in warnings)
    assert ("urgentie/digitalisering is coded only by onderzoeker-b (1), not by onderzoeker-a, whose codings the "
            "chapter counts: its row in the theme's table says \"geen\" in every column") in " ".join(warnings)
    demo_ws.assign_code(doc.id, "urgentie/digitalisering", unit=demo_ws.units(doc.id)[5].id, coder="onderzoeker-a")
    assert not any("is coded only by" in w for w in demo_ws.report_data().warnings)  # hers too: counted


def test_a_project_of_one_interview_speaks_of_the_region_not_of_all_regions(small_ws):
    """A new user's project of one interview read "In alle regio's …" of it."""
    for unit in (2, 3):
        small_ws.assign_code("R90", "urgentie/docententekort", unit=unit)
    data = small_ws.report_data(appendix="none")
    prose = " ".join([*(o for t in data.themes for o in t.opening), *(b.text for t in data.themes for b in t.points)])
    assert prose and "alle regio" not in prose.lower(), prose
    assert "de regio" in prose.lower(), prose


def test_a_quote_within_a_quote_is_printed_in_single_marks(tmp_path):
    """A respondent quoting someone ("zegt nu “dit willen wij”") was printed “… “dit willen wij”,
    …”: the second pair of double marks read as the quote ending halfway. Inside the chapter's
    “…” a quote's own marks are single, in the body, the appendix and the quote files; the text
    itself stays verbatim (the CSV keeps the speaker's marks)."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "q.db", default_coder="onderzoeker-a")
    f = tmp_path / "R91.txt"
    f.write_text("---\nregion: R91\nregion_type: stedelijk\n---\nInterviewer: Hoe gaat de samenwerking?\n\n"
                 "Jan: Het bedrijfsleven zegt nu “dit willen wij”, en dan pakken wij het samen op met de "
                 "scholen. Dat had niemand vijf jaar geleden verwacht.\n", encoding="utf-8")
    assert ws.import_files([f]).ok
    ws.set_roles({"Jan": "bestuurder", "Interviewer": "interviewer"})
    ws.assign_code("R91", "collectief-optrekken", unit=2, starred=True)
    out = tmp_path / "h.docx"
    ws.report(out, appendix="starred")
    printed = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    printed += "\n".join(c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells)
    assert "zegt nu ‘dit willen wij’, en dan" in printed and "“dit willen wij”" not in printed, printed
    rows = ws.quotes("collectief-optrekken")
    assert "“dit willen wij”" in rows[0]["quote"]  # the data stays as said
    from sto_qual.report.quotes_docx import write_quotes_docx
    from sto_qual.report.markdown import quotes_markdown
    q = write_quotes_docx("Collectief optrekken", [("", rows)], tmp_path / "q.docx")
    assert "“Het bedrijfsleven zegt nu ‘dit willen wij’, en" in docx.Document(str(q)).paragraphs[1].text
    assert "zegt nu ‘dit willen wij’, en" in quotes_markdown("Collectief optrekken", [("", rows)])
    ws.close()


def test_the_chapters_file_information_says_it_was_made_now_by_sto_qual(report):
    """Word's file information said the chapter was made in 2013, "generated by python-docx" (the
    template's), beside a chapter written today."""
    import datetime as dt
    _ws, out, _res = report
    props = docx.Document(str(out)).core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    assert abs((now - props.created.replace(tzinfo=None)).total_seconds()) < 3600
    assert props.modified == props.created and props.comments == "" and props.last_modified_by == "sto_qual"
