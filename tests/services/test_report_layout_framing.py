"""The Word chapter as a reader meets it: what keeps together on a page (the appendix's theme
bands with their first rows, a table with its caption and note, a small table with the text
before it) and the framing text said in the reader's words (the appendix's introduction, the
frequency words with their thresholds, the coders, the agreement and what it means)."""
import re

import docx
import pytest
from docx.oxml.ns import qn

from sto_qual.domain.wording import number_word
from sto_qual.report.labels import LABELS
from sto_qual.report.model import PointBlock, Quote, ReportData, SmallTable, ThemeSection


def _quote(theme: str, code: str, text: str) -> Quote:
    return Quote(text=text, attribution="— een bestuurder", theme=theme, code=code, region="R01", role="bestuurder",
                 doc="R01", reference="beurt 3", theme_label=theme.capitalize(), code_label=code, role_label="bestuurder")


def _table(rows: int, note: str = "") -> SmallTable:
    return SmallTable(caption="Tabel 1. Urgentie: subcodes (aantal regio's).", header=("Subcode", "alle regio's (N=19)"),
                      rows=tuple((f"Subcode {i}", "een deel (6/19)") for i in range(rows)), note=note)


def _data(lang: str = "nl", tables=(), appendix=(), appendix_regions: bool = False, note: str = "") -> ReportData:
    point = PointBlock("In een deel van de regio's speelt het docententekort.",
                       quotes=(_quote("urgentie", "Docententekort", "We vinden geen docenten."),), label="Docenten")
    theme = ThemeSection(path="urgentie", title="Urgentie", definition="", frequency_sentence="", documents=19,
                         documents_total=19, wording="alle", tables=tuple(tables), quotes=point.quotes,
                         opening=("In alle regio's speelt urgentie.",), points=(point,))
    return ReportData(lang=lang, title="Hoofdstuk", subtitle="", method="Methode.", themes=(theme,),
                      overview=(("Urgentie", 19),), documents_total=19, appendix=tuple(appendix),
                      labels=LABELS[lang], appendix_regions=appendix_regions, appendix_note=note)


def _write(data: ReportData, tmp_path) -> docx.document.Document:
    from sto_qual.report.docx_report import write_docx
    out = tmp_path / "h.docx"
    write_docx(data, out)
    return docx.Document(str(out))


def _keeps(row) -> bool:
    """Every paragraph of the row keeps with the next (Word keeps the row with the next row)."""
    paras = row._tr.xpath(".//w:p")
    return bool(paras) and all(p.pPr is not None and bool(p.pPr.keepNext_val) for p in paras)


def _cant_split(row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:cantSplit")) is not None


# ------------------------------------------------------------------ the appendix quote table
def test_a_theme_band_keeps_its_first_rows_and_no_group_ends_with_a_lone_row(tmp_path):
    """The demo's appendix ended p. 12 with the "Financieringsonzekerheid" band and one row, and
    p. 13 held one row alone. Now each band keeps with its first two rows, and a group's last two
    rows stay together (so the table never ends with one row on a page of its own)."""
    appendix = ([_quote("urgentie", "Docententekort", f"Citaat {i}.") for i in range(4)]
                + [_quote("financieringsonzekerheid", "Impact", "Geld."), _quote("financieringsonzekerheid", "Geen", "Niets.")])
    d = _write(_data(appendix=appendix), tmp_path)
    table = d.tables[-1]
    rows = table.rows[1:]
    bands = [i for i, r in enumerate(rows) if len(r._tr.tc_lst) == 1]
    assert [rows[i].cells[0].text for i in bands] == ["Urgentie", "Financieringsonzekerheid"]
    assert all(_cant_split(r) for r in table.rows)
    assert _keeps(table.rows[0])  # the header row never ends a page by itself
    kept = [i for i, r in enumerate(rows) if _keeps(r)]
    # band 0 + its first row, the one before its last; band 5 + its first row (also its one before the last)
    assert kept == [0, 1, 3, 5, 6], kept
    assert not _keeps(rows[-1])
    intro = next(p for p in d.paragraphs if p.text.startswith("Deze bijlage"))
    assert intro.paragraph_format.keep_with_next


def test_quote_table_keeps_for_groups_and_without():
    from sto_qual.report.docx_tables import quote_table_keeps
    assert quote_table_keeps(7, [("a", 0, 4), ("b", 4, 5), ("c", 5, 7)]) == {0, 2, 5}
    assert quote_table_keeps(5, []) == {0, 3}  # no groups: the last two rows together
    assert quote_table_keeps(1, []) == set()


# ------------------------------------------------------------------ the theme tables
def test_caption_table_and_note_never_part(tmp_path):
    d = _write(_data(tables=[_table(3, note="Niet in een eigen kolom: eiland (één interview).")]), tmp_path)
    table = d.tables[0]
    caption = next(p for p in d.paragraphs if p.style.name == "Caption")
    assert caption.paragraph_format.keep_with_next
    assert all(_keeps(r) for r in table.rows)  # the last row too: the note follows
    assert all(_cant_split(r) for r in table.rows)
    note = next(p for p in d.paragraphs if p.text.startswith("Niet in een eigen kolom"))
    assert note.paragraph_format.keep_together


def test_a_small_table_brings_the_end_of_the_text_before_it(tmp_path):
    """In the four-interview chapter "Tabel 4" stood alone on an otherwise empty page: the quote
    before it now keeps with the table's heading, where the two fit on one page."""
    from sto_qual.report.docx_tables import PULL_ROWS
    d = _write(_data(tables=[_table(3)]), tmp_path)
    paras = d.paragraphs
    head = next(i for i, p in enumerate(paras) if p.text == LABELS["nl"]["figures"])
    assert paras[head - 1].text.startswith("“We vinden geen docenten.”")
    assert paras[head - 1].paragraph_format.keep_with_next
    assert not _keeps(d.tables[0].rows[-1])  # no note: the block ends with the table
    big = _write(_data(tables=[_table(PULL_ROWS + 1)]), tmp_path)
    paras = big.paragraphs
    head = next(i for i, p in enumerate(paras) if p.text == LABELS["nl"]["figures"])
    assert not paras[head - 1].paragraph_format.keep_with_next  # too long to bring anything along


def test_only_the_last_themes_table_brings_the_text_before_it(tmp_path):
    """Every theme's table brought the end of its text along, its heading and short paragraph
    included, and the pages before them ended a third empty (two readers). Under another theme's
    text the next theme fills the page after the table; only the last theme's table, before the
    appendices start on a new page, brings the text along."""
    import dataclasses
    data = _data(tables=[_table(3)])
    second = dataclasses.replace(data.themes[0], path="collectief", title="Collectief optrekken")
    d = _write(dataclasses.replace(data, themes=(data.themes[0], second)), tmp_path)
    paras = d.paragraphs
    heads = [i for i, p in enumerate(paras) if p.text == LABELS["nl"]["figures"]]
    assert len(heads) == 2
    assert not paras[heads[0] - 1].paragraph_format.keep_with_next
    assert paras[heads[1] - 1].paragraph_format.keep_with_next


def test_no_empty_paragraph_after_a_theme_table(tmp_path):
    """The empty paragraph after each table spilled onto a page of its own before the codebook
    appendix (which starts on a new page): a blank page. A second table's caption takes the space."""
    d = _write(_data(tables=[_table(3), _table(2)]), tmp_path)
    for t in d.tables[:2]:
        after = t._tbl.getnext()  # the next caption, or the end of the chapter
        assert after.tag == qn("w:sectPr") or "".join(after.itertext()).strip(), "empty paragraph"
    captions = [p for p in d.paragraphs if p.style.name == "Caption"]
    assert captions[1].paragraph_format.space_before is not None and captions[0].paragraph_format.space_before is None


# ------------------------------------------------------------------ the appendix's introduction
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_appendix_introduction_speaks_to_a_reader(lang):
    from sto_qual.services.reporting import left_out_note
    lab = LABELS[lang]
    note = left_out_note(24, 30, lab, lang)
    intro = _data(lang, appendix=[_quote("urgentie", "x", "y")], note=note).appendix_intro()
    assert not re.search(r"\d|\bster\b|\bstar|gemarkeerd|passage|codeur|\bcoders?\b|\bcodings?\b", intro, re.I), intro
    if lang == "nl":
        assert intro.startswith("Deze bijlage bevat de citaten die de onderzoekers uit de interviews hebben "
                                "geselecteerd en die niet al in de tekst staan, per thema en subcode.")
        assert "alleen de rol van de spreker, niet de regio" in intro
        assert intro.endswith("Weggelaten zijn uitspraken die zonder de zin ervoor niet te begrijpen zijn en "
                              "uitspraken die vrijwel herhalen wat de tekst al uit hetzelfde interview citeert of navertelt.")
    else:
        assert intro.startswith("This appendix lists the quotes the researchers selected that the text does not use")
        assert "only the speaker's role, not the region" in intro
    internal = _data(lang, appendix=[_quote("urgentie", "x", "y")], appendix_regions=True).appendix_intro()
    assert lab["appendix_internal"] in internal and lab["appendix_roles_only"] not in internal


# ------------------------------------------------------------------ the method paragraph
def test_the_frequency_ladder_gives_each_word_its_share():
    from sto_qual.domain.wording import DEFAULT_THRESHOLDS
    from sto_qual.services.report_method import frequency_ladder
    assert frequency_ladder(DEFAULT_THRESHOLDS, "nl", 19) == (
        "alle, vrijwel alle (85 procent of meer), de meeste (twee derde tot 85 procent), meer dan de helft "
        "(tot twee derde), de helft, een deel (30 tot 50 procent), een aantal (15 tot 30 procent), een paar "
        "(minder dan 15 procent), een enkele (één regio) en geen")
    assert frequency_ladder(DEFAULT_THRESHOLDS, "en", 19) == (
        "all, nearly all (85 per cent or more), most (two thirds to 85 per cent), more than half (up to two "
        "thirds), half, a large minority (30 to 50 per cent), several (15 to 30 per cent), a few (under 15 per "
        "cent), one (a single region) and none")
    # with forty interviews four fall under 15 per cent, and four is "een aantal", not "een paar"
    assert "een paar (minder dan 15 procent, ten hoogste drie)" in frequency_ladder(DEFAULT_THRESHOLDS, "nl", 40)


def test_the_ladder_follows_the_projects_thresholds(demo_ws):
    for tier, share in (("vrijwel alle", 0.9), ("de meeste", 0.6), ("een deel", 0.25), ("een aantal", 0.1)):
        demo_ws.report_settings.move_tier(tier, share)  # as `sto-qual wording TIER SHARE` does
    method = demo_ws.report_data().method
    assert ("vrijwel alle (90 procent of meer), de meeste (60 tot 90 procent), meer dan de helft (tot 60 procent), "
            "de helft, een deel (25 tot 50 procent), een aantal (10 tot 25 procent), een paar (minder dan 10 "
            "procent)") in method, method
    assert "ten minste twee derde" not in method


@pytest.mark.parametrize("alpha, reading", [
    (0.69, "volgens de gangbare norm voldoende voor voorzichtige conclusies (betrouwbaar vanaf 0,80)"),
    (0.84, "volgens de gangbare norm betrouwbaar (vanaf 0,80)"),
    (0.52, "volgens de gangbare norm onvoldoende (voorzichtige conclusies vragen ten minste 0,667)"),
])
def test_alpha_is_read_as_krippendorff_reads_it(alpha, reading):
    from sto_qual.services.report_method import alpha_reading, alpha_text
    assert alpha_reading(alpha, LABELS["nl"]) == reading
    assert alpha_text(0.796, ",") == "0,796" and alpha_text(0.6651, ",") == "0,665"  # not "0,80" / "0,67"
    assert alpha_text(0.69, ",") == "0,69"


@pytest.fixture(scope="module")
def demo(demo_db):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_db)
    yield ws
    ws.close()


def test_the_method_says_who_coded_as_a_report_does(demo):
    nl = demo.report_data(appendix="none").method
    assert ("Eén onderzoeker codeerde alle interviews; een tweede codeerde er zes onafhankelijk ter controle. "
            "Geteld is de codering van de eerste. De overeenstemming tussen beiden op zinsniveau (Krippendorffs "
            "alfa, over alle codes, gemeten op de zes interviews die twee keer zijn gecodeerd) is 0,69: volgens de gangbare norm voldoende voor voorzichtige conclusies "
            "(betrouwbaar vanaf 0,80).") in nl, nl
    assert "referentiecodeur" not in nl and "codeur" not in nl
    # "negentien interviews … in de caseregio's" read as every case region (the programme follows twenty)
    assert "negentien interviews van ongeveer een uur met leden van de stuurgroepen en programmaleiders in " \
           "evenzoveel caseregio's, gehouden" in nl, nl
    en = demo.report_data(lang="en", appendix="none").method
    assert ("One researcher coded every interview; a second coded six of them independently, as a check. The "
            "counts are those of the first researcher. Agreement between them at sentence level (Krippendorff's alpha, across "
            "codes, measured on the six interviews coded twice) is 0.69: by the usual standard enough for tentative conclusions (reliable from 0.80).") in en, en
    second = demo.report_data(coder="onderzoeker-b", appendix="none").method
    assert "Geteld is de codering van de tweede." in second  # of the six they coded (see below)
    second_en = demo.report_data(coder="onderzoeker-b", lang="en", appendix="none").method
    assert "The counts are those of the second researcher." in second_en
    assert not any(c["name"] in nl + en + second for c in demo.coders())


def test_the_method_names_the_topics_the_coders_agreed_on_too_little(demo):
    """The overall 0,69 hid the codes the two coders went apart on ("ieder voor zich" 0,49, "geen
    impact" 0,28), on which the chapter still drew contrasts: the method names each of them."""
    from sto_qual.services.report_method import alpha_text
    rows = demo.agreement("onderzoeker-a", "onderzoeker-b")["codes"]
    parents = {r["code"].rsplit("/", 1)[0] for r in rows if "/" in r["code"]}

    def used(r):
        return r["both"] + r["only_a"] + r["only_b"]
    # a theme with sub-codes is counted as any of them: its own row is named only when the theme itself
    # was used on ten sentences or more ("collectief optrekken zonder nader deelonderwerp", 0,34), not for a stray two
    weak = [r for r in rows if r["alpha"] is not None and r["alpha"] < 0.667 and used(r) >= (10 if r["code"] in parents else 1)]
    labels = {c.path: c.label for c in demo.codebook()}
    assert len(weak) >= 2 and any(r["code"] in parents for r in weak)
    assert any(r["code"] in parents and r["alpha"] < 0.667 and 0 < used(r) < 10 for r in rows)
    nl = demo.report_data(appendix="none").method
    said = re.search(r"ook dat is voldoende\. Per onderwerp loopt de overeenstemming op "
                     r"zinsniveau uiteen; bij (\w+) onderwerpen ligt ze onder de grens voor voorzichtige conclusies "
                     r"\(0,667\): (.*?)\. Wat het hoofdstuk over die onderwerpen zegt, is met meer voorbehoud te "
                     r"lezen\.", nl)
    assert said, nl
    assert said.group(1) == number_word(len(weak))
    for r in weak:
        name = labels[r["code"]].lower() + (" zonder nader deelonderwerp" if r["code"] in parents else "")
        # an alpha over a few sentences says so ("weinig of geen gevolgen (0,28)" read as sure as one over forty)
        few = f", over {number_word(used(r))} zinnen" if used(r) < 10 else ""
        assert f"{name} ({alpha_text(r['alpha'], ',')}{few})" in said.group(2).lower()
    assert any(used(r) < 10 for r in weak)
    # after what the chapter's reader does with those topics, not before it ("die onderwerpen" read as the few)
    assert ("is met meer voorbehoud te lezen. Waar minder dan tien zinnen zijn gecodeerd, is ook de alfa zelf "
            "onzeker.") in nl
    # two decimals, next to the threshold too: "0,664" claimed a precision six interviews do not give
    assert "(0,66)" in said.group(2) and not re.search(r"\(0,\d{3}\)", said.group(2))
    for r in rows:
        if r["code"] in parents and r not in weak:
            assert f"{labels[r['code']].lower()} zonder nader deelonderwerp" not in said.group(2).lower()
    chosen = demo.report_data(appendix="none", codes=["urgentie"]).method  # only the chapter's themes
    ours = [r for r in weak if r["code"].startswith("urgentie/")]
    assert f"bij {number_word(len(ours))} onderwerpen ligt ze onder" in chosen, chosen
    assert not any(labels[r["code"]].lower() in chosen.lower() for r in weak if r not in ours)
    assert "Per onderwerp" not in demo.report_data(appendix="none", codes=["vmbo-in-the-lead"]).method
    en = demo.report_data(lang="en", appendix="none").method
    assert (f"At sentence level it differs by topic; for {number_word(len(weak), 'en')} topics it is below the "
            "threshold for "
            "tentative conclusions (0.667)") in en, en
    assert "sentences). What the chapter says about those topics should be read with more caution. Where fewer than " \
           "ten sentences were coded, the alpha itself is uncertain." in en


def test_a_merge_of_two_coders_and_a_part_of_the_interviews(demo_ws):
    part = demo_ws.report_data(where={"region_type": "krimp"}, appendix="none").method
    # who coded what, of the part (four krimp interviews, two of them coded twice), "all" with its number
    # ("alle interviews" read as all nineteen); the agreement is the project's
    assert ("Eén onderzoeker codeerde alle vier de interviews; een tweede codeerde er twee onafhankelijk ter controle. "
            "Geteld is de codering van de eerste.") in part, part
    assert "gemeten op de zes interviews die in het hele onderzoek twee keer zijn gecodeerd" in part
    demo_ws.set_reference_coder(None)
    union = demo_ws.report_data(appendix="none").method
    assert ("Eén onderzoeker codeerde alle interviews; een tweede codeerde er zes onafhankelijk. Geteld is de "
            "samenvoeging van beider codering: een thema telt in een regio mee als ten minste één van beiden het "
            "daar heeft gecodeerd.") in union, union
    assert "ter controle" not in union
    doc = demo_ws.document("R02")  # a colleague codes one passage: three researchers, "beiden" is no longer clear
    demo_ws.assign_code(doc.id, "urgentie", unit=demo_ws.units(doc.id)[3].id, coder="collega")
    three = demo_ws.report_data(appendix="none").method
    assert ("Nog één andere onderzoeker codeerde alleen één passage. Geteld is de samenvoeging van de "
            "codering van de drie onderzoekers") in three, three
    assert "De overeenstemming tussen de eerste twee op zinsniveau" in three


def test_the_method_names_the_groups_the_differences_compare(demo, small_ws):
    """A reader met "in alle gemengde regio's …" under a theme's differences with nothing in the
    chapter saying what the groups are or how large: the method names them, in the coding
    paragraph, before the ladder of frequency words."""
    nl = demo.report_data(appendix="none").method
    said = ("De verschillen tussen regio's zijn beschreven naar regiotype: de gemengde regio's (vijf interviews), "
            "de krimpregio's (vier interviews), de landelijke regio's (vier interviews) en de stedelijke regio's "
            # (one interview: no column; 5 + 4 + 4 + 5 read as eighteen interviews without it)
            "(vijf interviews); de eilandregio (één interview) is te klein om apart te vergelijken en telt alleen "
            "mee in het geheel. ")
    assert nl.split("\n\n")[0].endswith(said.rstrip()), nl
    en = demo.report_data(lang="en", appendix="none").method
    assert "Differences between regions are described by region type: the mixed regions (five interviews)" in en, en
    assert "De verschillen tussen regio's" not in small_ws.report_data().method  # no groups, no sentence


def test_an_interview_without_a_region_type_is_said_in_the_method_and_the_warnings(demo_ws):
    """An auditor cleared R05's region type: the method's groups added up to 18 (5 + 3 + 4 + 5 and the island's
    one) beside "alle regio's (N=19)", and nothing on stderr or in the chapter said where R05 went."""
    demo_ws.change_attributes("R05", {}, remove=["region_type"])
    data = demo_ws.report_data(appendix="none")
    assert ("de eilandregio (één interview) is te klein om apart te vergelijken en telt alleen mee in het geheel; "
            "ook één interview zonder regiotype telt alleen mee in het geheel.") in data.method, data.method
    assert ("1 of the chapter's 19 interviews has no 'region_type' (R05): counted in the figures over all of them, in "
            "no group, so the groups add up to 18 (the method says so); `sto-qual attribute R05 region_type=VALUE` "
            "gives it one") in data.warnings
    en = demo_ws.report_data(lang="en", appendix="none").method
    assert "included only in the overall figures; so is one interview without a region type." in en, en


def test_a_facet_on_a_code_agreed_on_too_little_says_so_where_it_is_read(demo, small_ws):
    """'Weinig of geen gevolgen' (alpha 0,28) opened Financieringsonzekerheid's split, and
    Kwaliteit en innovatie (0,39) stood as sure as the rest: only the method said to read them
    with caution. Each facet on such a code says so right after the sentence with its count, of
    this topic alone (no "Ook hierover" pointing at another section, no "hierover" after a one-region
    example), in forms that take turns; the differences drawn on such codes say it under them; a
    facet its coders agreed on says nothing; a project of one coder has no agreement.
    The count is of interviews: an editor and an auditor found "Dit aantal is met voorbehoud te lezen" under
    facets both coders found in exactly the same double-coded interviews ('weinig of geen gevolgen', 'andere
    netwerken'), and no word of which way a count errs where only the second coder found a topic (kwaliteit en
    innovatie, in four of six). Such a facet says the count does not rest on the passages, and is left out of
    the differences' caution; where only one of the two found it in some interview, the caution says which way."""
    from sto_qual.domain.wording import count_word
    from sto_qual.services.report_method import ALPHA_FAIR, alpha_text
    from sto_qual.services.report_reliability import ERRS, FACET, SAME_INTERVIEWS
    agreement = demo.agreement("onderzoeker-a", "onderzoeker-b")  # onderzoeker-a's coding is counted
    rows = {r["code"]: r["alpha"] for r in agreement["codes"]}
    split = {r["code"]: (r["interviews"], r["only_a"], r["only_b"]) for r in agreement["interviews"]}
    said, same, ways = [], [], []
    for t in demo.report_data(appendix="none").themes:
        for b in t.points:
            code = next((c.path for c in demo.codebook() if c.label == b.label and c.parent == t.path), None)
            if code is None or not b.text:
                continue
            alpha = rows.get(code)
            weak = alpha is not None and alpha < ALPHA_FAIR
            shown = alpha_text(alpha, ",") if alpha is not None else ""
            n, only_counted, only_other = split[code]
            if weak and only_counted == only_other == 0:
                assert b.parts[1] == (SAME_INTERVIEWS["nl"].format(alpha=shown, n="zes"), False), b.parts
                same.append(code)
                continue
            forms = [f.format(alpha=shown) for f in FACET["nl"]]
            cautions = [(i, p) for i, p in enumerate(b.parts) if any(p[0].startswith(f) for f in forms)]
            assert bool(cautions) == weak, (code, alpha, b.text)
            if cautions:
                [(i, (text, mark))] = cautions
                assert i == 1 and mark is False  # after the count sentence; not shaded as a draft
                form = next(f for f in forms if text.startswith(f))
                said.append(forms.index(form))
                way = "" if bool(only_counted) == bool(only_other) else ERRS["nl"][0 if only_other else 1].format(
                    k=count_word(only_counted or only_other, "nl"), n=count_word(n, "nl"))
                assert text == form + way, (code, text)
                ways.append(way)
    assert len(said) >= 4 and said[0] == 0 and 0 not in said[1:] and len(set(said[1:])) == 2
    assert {"financieringsonzekerheid/geen-impact", "collectief-optrekken/andere-netwerken"} <= set(same), same
    assert " In vier van de zes interviews die beiden codeerden, vond alleen de andere onderzoeker dit onderwerp: " \
           "het aantal is eerder te laag dan te hoog." in ways  # kwaliteit en innovatie
    assert not any("Ook hierover" in b.text for t in demo.report_data(appendix="none").themes for b in t.points)
    # ("Met voorbehoud: de twee onderzoekers …" read as a fragment to an editor)
    facets = " ".join(b.text for t in demo.report_data(appendix="none").themes for b in t.points)
    assert "Voor dit onderwerp geldt een voorbehoud: de twee onderzoekers codeerden het minder vaak gelijk" in facets
    assert "Met voorbehoud:" not in facets
    themes = {t.path: t for t in demo.report_data(appendix="none").themes}
    assert not any("voorbehoud" in c for c in themes["financieringsonzekerheid"].contrasts)  # same interviews
    assert themes["urgentie"].contrasts[-1] == (
        "De verschillen bij ‘kwaliteit en innovatie’ en ‘behoud van het techniekaanbod’ zijn met voorbehoud te lezen: "
        "de twee onderzoekers codeerden die onderwerpen minder vaak gelijk."), themes["urgentie"].contrasts
    en = " ".join(b.text for t in demo.report_data(appendix="none", lang="en").themes for b in t.points)
    assert "but they did in the same interviews, of the six both coded: for the count that makes no " \
           "difference." in en and "only the other researcher found this topic: the count is more likely too low" in en
    small_ws.assign_code(small_ws.document("R90").id, "urgentie", unit=small_ws.units(small_ws.document("R90").id)[1].id,
                         coder="lotte")
    assert not any("voorbehoud" in b.text for t in small_ws.report_data().themes for b in t.points)


def test_one_coder_is_one_researcher(small_ws):
    doc = small_ws.document("R90")
    small_ws.assign_code(doc.id, "urgentie", unit=small_ws.units(doc.id)[1].id, coder="lotte")
    nl, en = small_ws.report_data().method, small_ws.report_data(lang="en").method
    # the coding paragraph ends with who coded; the next says how often (the ladder)
    # (a project of one interview: "het interview", not "alle interviews")
    assert "Eén onderzoeker codeerde het interview.\n\nHoe vaak" in nl, nl
    assert "One researcher coded the interview.\n\nFrequency" in en, en


def test_the_markdown_chapter_has_the_same_appendix_introduction():
    """The Markdown chapter built its appendix introduction itself and lacked the sentence that
    rows name a role, not a region."""
    from sto_qual.report.markdown import report_markdown
    data = _data("nl", appendix=[_quote("urgentie", "x", "y")])
    assert data.appendix_intro() in report_markdown(data)
    assert "alleen de rol van de spreker, niet de regio" in report_markdown(data)


def test_a_chapter_over_interviews_nobody_coded_yet_warns_the_writer(demo_ws):
    """A coder drafted the chapter with 5 of 19 interviews coded: it read "in de landelijke
    regio's niet" of regions nobody had coded, and only `stats` warned. The report warns too."""
    from sto_qual.services.reporting import build_report_data
    assert not [w for w in build_report_data(demo_ws, demo_ws.synthesis()).warnings if "carry no coding" in w]
    b = set(demo_ws.analysis_service.coded_documents("onderzoeker-b"))
    demo_ws.set_reference_coder("onderzoeker-b")  # the counted coder has coded 6 of the 19
    data = build_report_data(demo_ws, demo_ws.synthesis())
    said = [w for w in data.warnings if "carry no coding" in w]
    # the reference coder's chapter stays over every interview, and its method says so
    assert "Geteld is de codering van de tweede; de aantallen gaan over alle negentien de interviews." in data.method
    assert len(said) == 1 and said[0].startswith(f"{19 - len(b)} of the 19 interviews carry no coding by onderzoeker-b")
    assert "--where doc=" in said[0]
    assert not [w for w in build_report_data(demo_ws, demo_ws.synthesis(), where={"doc": ",".join(sorted(b))}).warnings
                if "carry no coding" in w]


def test_a_chapter_for_a_coder_who_coded_part_is_about_that_part(demo_ws):
    """`report --coder onderzoeker-b` (who coded 6 of 19) counted over all 19: every theme "in een
    deel van de regio's (6 van 19)", the rural column "geen" in every row. The chapter is about
    the coder's interviews, says so without naming them, and the writer is told."""
    from sto_qual.services.reporting import build_report_data
    b = demo_ws.analysis_service.coded_documents("onderzoeker-b")
    data = build_report_data(demo_ws, demo_ws.synthesis(), coder="onderzoeker-b")
    assert data.documents_total == len(b) == 6
    assert ("Het gaat alleen om de zes interviews (van de negentien) die zijn gecodeerd door de onderzoeker van wie "
            "de codering hier telt; alle aantallen gaan over deze interviews.") in data.method
    assert not any(name in data.method for name in b)  # a region code beside a role points to a person
    assert any(w.startswith("onderzoeker-b coded 6 of the 19 interviews: the chapter is about those")
               for w in data.warnings)
    assert all(t.documents_total == 6 for t in data.themes)
    en = build_report_data(demo_ws, demo_ws.synthesis(), coder="onderzoeker-b", lang="en")
    assert "Only the six interviews (of nineteen) coded by the researcher whose coding is counted here" in en.method


def test_a_chapter_on_interviews_chosen_by_name_does_not_name_them(demo_ws):
    """`--where doc=R02,R05` wrote "met als document ‘R02,R05’" in the method of a chapter that
    attributes quotes by role: a region code beside a role points to a person. Interviews chosen
    by what names one of them (the document, the region) are "gekozen"; an internal draft that
    names regions anyway still lists them."""
    from sto_qual.services.reporting import build_report_data
    r02 = next(d for d in demo_ws.documents() if d.name == "R02")
    three = ",".join(str(d.attributes["region"]) for d in demo_ws.documents() if d.name in ("R02", "R05", "R07"))
    for where in ({"doc": "R02,R05,R07"}, {"region": three}):
        data = build_report_data(demo_ws, demo_ws.synthesis(), where=where, appendix="none")
        assert "die voor dit hoofdstuk zijn gekozen; alle aantallen gaan over deze interviews." in data.method, where
        assert "R02" not in data.method and str(r02.attributes["region"]) not in data.method
    internal = build_report_data(demo_ws, demo_ws.synthesis(), where={"doc": "R02,R05,R07"}, appendix="none", attribution="role-region")
    assert "R02" in internal.method
    krimp = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "krimp"}, appendix="none")
    assert "gekozen" not in krimp.method  # a region type names no interview: said as before


def test_a_chapter_on_fewer_than_three_interviews_by_role_is_refused(demo_ws):
    """`report --where region_type=eiland` wrote a chapter on the one island interview, every quote
    "— een programmaleider", "— een penvoerder": the island's one programme leader and grant
    holder; `--where doc=R02,R05` likewise. Its own method says such a small group can point to
    one region. It is refused, saying why and what to do; an internal draft (regions named) is
    written."""
    import pytest

    from sto_qual.domain.errors import StoQualError
    from sto_qual.services.reporting import build_report_data
    for where, kept in (({"region_type": "eiland"}, "one interview"), ({"doc": "R02,R05"}, "two interviews")):
        with pytest.raises(StoQualError) as err:
            build_report_data(demo_ws, demo_ws.synthesis(), where=where, appendix="none")
        assert f"keeps only {kept}" in str(err.value) and "would point to one person" in str(err.value)
        assert "--attribution role-region" in err.value.hint
        internal = build_report_data(demo_ws, demo_ws.synthesis(), where=where, appendix="none",
                                     attribution="role-region")
        assert internal.themes


def test_a_chapter_on_one_coders_interviews_says_who_coded_what_of_them(demo_ws):
    """`report --coder onderzoeker-b` (who coded some interviews) said "Eén onderzoeker codeerde
    alle interviews; een tweede codeerde in het hele onderzoek … ter controle. Geteld is de
    codering van de tweede": the counted coder was the check, and the first had not coded all of
    the chapter's interviews. It says who coded what of the chapter's interviews."""
    mine = demo_ws.analysis_service.coded_documents("onderzoeker-b")
    theirs = set(demo_ws.analysis_service.coded_documents("onderzoeker-a"))
    assert mine and set(mine) <= theirs  # the demo: the second coder coded some, all of them coded by both
    method = demo_ws.report_data(coder="onderzoeker-b", appendix="none").method
    assert ("Eén onderzoeker codeerde alle zes de interviews; een tweede codeerde ze ook allemaal, onafhankelijk ter "
            "controle.") in method, method
    assert "in het hele onderzoek twee keer zijn gecodeerd" in method


def _third_coder(ws, docs=("R01", "R05")):
    """sanne codes two interviews of her own, partly as the reference coder did, partly not, and
    stars one of her codings; returns her starred coding."""
    starred = None
    for name in docs:
        units = ws.units(name)
        lead = [c for c in ws.codings(doc=name) if c.coder == "onderzoeker-a"][:3]
        for c in lead:  # agrees on these
            ws.assign_code(name, c.code, start=c.start, end=c.end, coder="sanne")
        c = ws.assign_code(name, "urgentie", unit=units[5].id, coder="sanne", starred=starred is None)
        starred = starred or c
    return starred


def test_a_third_coder_is_said_and_a_chapter_on_her_coding_gives_her_agreement(demo_ws):
    """After a second coder's copy was merged, the chapter said "Eén onderzoeker codeerde alle
    interviews; een tweede codeerde er zes" with no word of her; `report --coder sanne` said the
    agreement of the two others (0,69) where hers with the lead was 0,39, and its appendix listed
    the others' starred passages, under codes she never gave."""
    mine = _third_coder(demo_ws)
    main = demo_ws.report_data(appendix="none").method
    # (four passages in each of two interviews, where the first coded about thirty: not "codeerde er twee")
    assert ("een tweede codeerde er zes onafhankelijk ter controle. Nog één andere onderzoeker codeerde in twee "
            "interviews alleen enkele passages (acht in totaal). Geteld is de codering van de eerste.") in main, main
    assert "De overeenstemming tussen de eerste twee" in main and "gemeten op de zes interviews die zij allebei codeerden" in main
    data = demo_ws.report_data(coder="sanne", appendix="starred")
    alpha = demo_ws.agreement("sanne", "onderzoeker-a")["overall"]["alpha"]
    shown = f"{alpha:.2f}".replace(".", ",")
    assert f"gemeten op de twee interviews die zij in het hele onderzoek allebei codeerden) is {shown}" in data.method, data.method
    # a chapter on her two interviews, which the second coder did not code: still "zij allebei",
    # never "twee keer gecodeerd" (the project has nine such interviews)
    assert "twee keer zijn gecodeerd" not in data.method
    assert "Geteld is de codering van de eerste." in data.method
    assert {q.id for q in data.appendix} <= {mine.id}
    assert all(c.coder == "sanne" for c in demo_ws.codings() if c.id in {q.id for q in data.appendix})


def test_a_role_few_interviews_of_the_chapter_have_is_not_named_beside_a_quote(demo_ws):
    """In the chapter on the four shrinking regions, two quotes read "— een penvoerder": only two of
    the four interviews had a grant holder, so anyone who knows those regions could name the
    speaker. A role that speaks in fewer than three of the chapter's interviews is credited as
    "een geïnterviewde" (the appendix's role column too), and the writer is told; the main
    chapter, where every role speaks in ten or more interviews, names them all."""
    from sto_qual.services.reporting import build_report_data
    krimp = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "krimp"})
    quotes = [q for t in krimp.themes for q in t.quotes] + list(krimp.appendix)
    assert not [q for q in quotes if q.role == "penvoerder" and "penvoerder" in q.attribution + q.role_label]
    generic = [q for q in quotes if q.role == "penvoerder"]
    assert generic and all(q.attribution == "— een geïnterviewde" for q in generic)
    assert all(q.role_label == "geïnterviewde" for q in generic)
    said = next(w for w in krimp.warnings if "credited to 'een geïnterviewde'" in w)
    assert "penvoerder (in 2 interviews)" in said  # interviews, not quotes
    # beside the chapter on every interview, which names the role, the two point to those people
    assert "the chapter on every interview credits such quotes to the role" in said
    # and which quotes those are, to leave out of one of the two (a writer found no way to tell which)
    hidden = sorted({q.id for q in generic})
    listed = [int(i) for i in re.findall(r"#(\d+) “", said.split("out of this one", 1)[1])]
    assert set(hidden) <= set(listed) and listed, (hidden, said)
    assert f"out of this one (--leave-out {','.join(map(str, listed))}): #" in said
    # left out of this chapter, in its text and its appendix, another coder's coding of the passage too
    gone = {c.id: c for c in demo_ws.codings() if c.id in listed}
    without = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "krimp"}, leave_out=listed)
    kept = [q for t in without.themes for q in t.quotes] + list(without.appendix)
    spans = {q.id: next(c for c in demo_ws.codings() if c.id == q.id) for q in kept}
    assert not [q for q, c in spans.items() if any(g.document_id == c.document_id and g.start < c.end
                                                       and c.start < g.end for g in gone.values())]
    assert len(kept) >= len(quotes) - len(listed) - 2  # the counts and the rest of the chapter stay
    assert [t.path for t in without.themes] == [t.path for t in krimp.themes]
    assert any(q.attribution == "— een bestuurder" for q in quotes)  # in three of the four: named
    main = build_report_data(demo_ws, demo_ws.synthesis())
    assert not any("geïnterviewde'" in w for w in main.warnings)
    assert "‘een geïnterviewde’" not in main.method and "‘een geïnterviewde’" in krimp.method
    assert any(q.attribution == "— een penvoerder" for t in main.themes for q in t.quotes)


def test_a_role_given_to_a_speaker_in_every_interview_counts_as_rare_too(tmp_path):
    """A project of four interviews whose roles were mapped once for all of them (`role Marieke
    bestuurder`): two directors and two board members, yet "— een directeur" was printed while
    the board members were hidden (only roles mapped for one interview were counted)."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "vier.db")
    files = []
    said = ("Als directeur zie ik het tekort aan technische docenten elke dag, elke school merkt het.",
            "Wij vinden geen docent voor PIE meer, de vacature staat al een jaar open.",
            "Bij ons gaan drie docenten tegelijk met pensioen en er komt niemand achter.",
            "Zij-instromers helpen, maar ze moeten eerst twee jaar worden opgeleid.")
    for i, (name, kind) in enumerate((("Els", "krimp"), ("Ahmed", "stedelijk"), ("Marieke", "stedelijk"),
                                      ("Joost", "krimp"))):
        f = tmp_path / f"R9{i}.txt"
        f.write_text(f"---\nregion: R9{i}\nregion_type: {kind}\n---\nInterviewer: Wat is de grootste zorg?\n\n"
                     f"{name}: {said[i]} Dat is hier zo (fictief).\n", encoding="utf-8")
        files.append(f)
    assert len(ws.import_files(files).imported) == 4
    ws.set_roles({"Els": "directeur", "Ahmed": "directeur", "Marieke": "bestuurder", "Joost": "bestuurder"})
    for d in ws.documents():
        ws.assign_code(d.name, "urgentie/docententekort", unit=ws.units(d.name)[-2].id)  # the answer
    data = ws.report_data(appendix="all")
    quotes = [q for t in data.themes for q in t.quotes] + list(data.appendix)
    assert quotes and all(q.attribution.startswith("— een geïnterviewde") for q in quotes), \
        [q.attribution for q in quotes]
    assert any("bestuurder (in 2 interviews), directeur (in 2 interviews)" in w and "the chapter on every interview"
               not in w for w in data.warnings), [w[:300] for w in data.warnings]  # (the whole project: no other)
    # the method says why the text's quotes read "een geïnterviewde" (only the appendix said it)
    assert "daar staat ‘een geïnterviewde’." in data.method, data.method
    # a quote that says the role itself is named to the writer: the credit hides what it says
    els = next(c.id for c in ws.codings() if c.text.startswith("Als directeur"))
    assert any(w.startswith("quotes that name their speaker's role themselves, which the chapter hides: "
                            f"#{els} (directeur)") for w in data.warnings), data.warnings
    # none of them starred: no "take their star off" of a passage the chapter chose itself
    assert any(w.endswith("or star another passage of their point") for w in data.warnings
               if w.startswith("quotes that name")), data.warnings
    # the appendix says why its role column reads "geïnterviewde", and that one researcher coded
    intro = data.appendix_intro()
    assert intro.startswith("Deze bijlage bevat alle fragmenten uit de interviews die de onderzoeker bij een thema "
                            "heeft ingedeeld"), intro
    assert "Een rol die in minder dan drie van de interviews spreekt, en een rol naast een citaat" in intro
    assert "twee onderzoekers" not in intro
    ws.close()


def test_a_part_chapter_says_how_many_regions_of_a_type_it_means_by_all(demo_ws):
    """The chapter on the twelve interviews with a board member said "In alle stedelijke regio's
    gaat het over aansluiten bij andere netwerken" (its three urban regions), where the main
    chapter says "de meeste stedelijke regio's (4 van 5)": read side by side, a contradiction.
    A part chapter says "alle drie de stedelijke regio's"; the main chapter is unchanged."""
    from sto_qual.services.report_parts import all_of_groups
    from sto_qual.services.reporting import build_report_data
    assert all_of_groups("In alle stedelijke regio's en alle krimpregio's …; in vrijwel alle stedelijke regio's",
                         "nl", [("stedelijk", 3), ("krimp", 2)]) == \
        "In alle drie de stedelijke regio's en beide krimpregio's …; in vrijwel alle stedelijke regio's"
    assert all_of_groups("All urban regions", "en", [("stedelijk", 3)]) == "All three urban regions"
    assert all_of_groups("…, in de krimpregio's niet; in de meeste krimpregio's", "nl", [("krimp", 3)]) == \
        "…, in de drie krimpregio's niet; in de meeste krimpregio's"
    # a count after the group says the part's size already: not "de helft van de vier landelijke regio's (2 van 4)"
    assert all_of_groups("tegenover de helft van de landelijke regio's (2 van 4)", "nl", [("landelijk", 4)]) == \
        "tegenover de helft van de landelijke regio's (2 van 4)"
    part = build_report_data(demo_ws, demo_ws.synthesis(), where={"respondent_roles": "bestuurder"})
    said = " ".join(c for t in part.themes for c in t.contrasts)
    assert "alle drie de stedelijke regio's" in said and "alle stedelijke regio's" not in said
    main = build_report_data(demo_ws, demo_ws.synthesis())
    assert "alle vijf stedelijke" not in " ".join(c for t in main.themes for c in t.contrasts)


def test_a_part_chapter_names_its_part_under_its_title(demo_ws):
    """Every part chapter had the main chapter's title page; which interviews it covered was said
    once, mid-method. Its subtitle now names the part; the main chapter's is the codebook title."""
    from sto_qual.services.reporting import build_report_data

    def sub(**kw):
        return build_report_data(demo_ws, demo_ws.synthesis(), appendix="none", **kw).subtitle
    main = sub()
    # the codebook's title, its years as a range is printed ("2023–2024", with an en dash)
    assert "2023-2024" in demo_ws.codebook_title() and main == demo_ws.codebook_title().replace("2023-2024", "2023–2024")
    assert sub(where={"region_type": "krimp"}) == main + ": krimpregio's"
    assert sub(where={"respondent_roles": "bestuurder"}) == main + ": interviews met een bestuurder aan tafel"
    assert sub(where={"doc": "R02,R05,R07"}) == main + ": een deel van de interviews"
    assert sub(where={"region_type": "krimp"}, lang="en").endswith("2023–2024 — shrinking regions")  # (its colon)
    # a subtitle with a colon of its own: the part after a dash ("…: stuurgroepen: krimpregio's" read oddly)
    demo_ws.report_settings.set("codebook_title", "Sterk Techniekonderwijs: stuurgroepen")
    assert sub(where={"region_type": "krimp"}) == "Sterk Techniekonderwijs: stuurgroepen — krimpregio's"
    assert sub() == "Sterk Techniekonderwijs: stuurgroepen"
    demo_ws.report_settings.set("codebook_title", "Stuurgroepen:")  # ("Stuurgroepen: — krimpregio's")
    assert sub(where={"region_type": "krimp"}) == "Stuurgroepen — krimpregio's"


def test_a_chapter_on_one_region_type_sets_its_table_beside_every_region(demo_ws):
    """The chapter on the shrinking regions had one-column tables ("krimpregio's (N=4)") whose every
    cell its sentences already said. The table now sets the group beside every region of the
    project, as the main chapter counts them: how the group differs is what the table adds."""
    from sto_qual.services.reporting import build_report_data
    part = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "krimp"}, appendix="none")
    main = build_report_data(demo_ws, demo_ws.synthesis(), appendix="none")
    for pt, mt in zip(part.themes, main.themes):
        for a, b in zip(pt.tables, mt.tables):
            assert a.header[1:] == ("krimpregio's (N=4)", "alle regio's (N=19)")
            assert {r[0]: r[2] for r in a.rows} == {r[0]: r[1] for r in b.rows}  # the main chapter's all-regions column


def test_an_internal_draft_says_so_on_its_title_page_and_reads_on_one_interview(demo_ws):
    """The refusal of a one-interview chapter offers an internal draft; that draft had nothing on
    its title page saying it names regions, and its method read "de één interviews". Its subtitle
    now says it is internal and not for publication; one interview reads as one."""
    import pytest

    from sto_qual.domain.errors import StoQualError
    from sto_qual.services.reporting import build_report_data
    with pytest.raises(StoQualError) as err:
        build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "eiland"})
    assert "sto-qual report --where region_type=eiland --attribution role-region" in err.value.hint
    nl = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "eiland"}, appendix="none",
                           attribution="role-region")
    assert nl.subtitle.endswith("(interne versie: de citaten noemen hun regio, niet voor publicatie)")
    assert "Het gaat alleen om het ene interview in eilandregio's (van de negentien); alle aantallen in de tekst gaan " \
           "over dit interview." in nl.method
    assert "De tabellen" not in nl.method  # one island interview: no table beside every region to speak of
    prose = " ".join([*(x for t in nl.themes for x in t.opening), *(b.text for t in nl.themes for b in t.points)])
    assert "alle eilandregio's" not in prose.lower() and "in de regio" in prose.lower(), prose[:300]
    en = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type": "eiland"}, appendix="none",
                           attribution="region", lang="en")
    assert "not for publication" in en.subtitle and "Only the one interview in island regions (of nineteen) is " \
        "included; all counts in the text refer to this interview." in en.method
    assert "interne versie" not in build_report_data(demo_ws, demo_ws.synthesis(), appendix="none").subtitle


def test_a_chapter_without_the_attribute_it_compares_by_says_so_and_names_the_close_one(small_ws):
    """A project with its own "regiotype" got a chapter without tables or differences between
    groups, and nothing said why (it compares by region_type unless told otherwise)."""
    doc = small_ws.document("R90")
    small_ws.assign_code(doc.id, "urgentie", unit=small_ws.units(doc.id)[1].id)
    small_ws.change_attributes("R90", {"regiotype": "stedelijk"}, ["region_type"])
    warned = [w for w in small_ws.report_data().warnings if "main_attribute" in w]
    assert warned == ["no interview has the attribute 'region_type' the chapter compares by, so it has no table "
                      "or difference between groups; `sto-qual report-settings main_attribute regiotype` names "
                      "another (attributes: date, region, regiotype)"]
    small_ws.report_settings.set("main_attribute", "regiotype")
    assert not [w for w in small_ws.report_data().warnings if "main_attribute" in w]


def test_the_appendix_says_why_a_row_names_no_role(demo_ws):
    """It said each quote gives only the speaker's role, beside rows reading "geïnterviewde in
    een eilandregio" (a passage naming the one island region); it now says that exception, and
    only where a row shows it."""
    every = demo_ws.report_data(appendix="all")
    assert any(q.role_label == "geïnterviewde" and "eiland" in q.text.lower() for q in every.appendix)
    assert ("en een rol naast een citaat dat zelf een type regio noemt waarvan er minder dan drie zijn, zou naar één "
            "persoon wijzen: daar staat ‘geïnterviewde’.") in every.appendix_intro()
    assert "de onderzoekers bij een thema hebben ingedeeld" in every.appendix_intro()  # two coded
    starred = demo_ws.report_data()
    assert not any(q.role_label.startswith("geïnterviewde") for q in starred.appendix)
    assert "type regio" not in starred.appendix_intro() and "‘geïnterviewde’" not in starred.appendix_intro()


def test_the_small_groups_note_names_the_column_the_table_has(demo_ws):
    """A chapter without the krimp regions headed its column "deze regio's (N=15)" while the note
    under the table said the small groups "tellen mee in de kolom ‘alle regio's’"."""
    from sto_qual.services.reporting import build_report_data
    part = build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type!": "krimp"})
    tables = [t for s in part.themes for t in s.tables if t.note]
    assert tables and all(t.header[1].startswith("regio's in dit hoofdstuk (N=15)") for t in tables)
    assert "Ze tellen mee in de kolom ‘regio's in dit hoofdstuk’." in tables[0].note
    assert all("‘alle regio's’" not in t.note for t in tables) and "mee in ‘regio's in dit hoofdstuk’" in tables[-1].note
    whole = build_report_data(demo_ws, demo_ws.synthesis())
    notes = [t.note for s in whole.themes for t in s.tables if t.note]
    assert notes and "Ze tellen mee in de kolom ‘alle regio's’." in notes[0]


def test_a_quote_is_not_extended_to_a_sentence_naming_the_role_the_chapter_hides(tmp_path):
    """"Maar in de praktijk zijn de ROC's zo groot …" needs the sentence before it, which was
    "Wij zijn penvoerder, wij tekenen.": the appendix printed it under "— een geïnterviewde" and
    the report's advice to shorten it led back to the same quote. It is quoted from after its
    "Maar" where that clause stands on its own, else left out, and its star says which."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "vier.db")
    files = []
    answers = {1: "Wij zijn penvoerder, wij tekenen. Maar in de praktijk zijn de ROC's zo groot, met zoveel "
                  "locaties en hun eigen geld, dat zij toch vaak bepalen wat er gebeurt.",
               2: "Wij zijn penvoerder, wij tekenen. Maar dat bepalen de ROC's, met zoveel locaties en hun eigen "
                  "geld, in de praktijk toch vaak."}
    for i, kind in enumerate(("krimp", "stedelijk", "krimp", "landelijk")):
        answer = answers.get(i, f"Het vmbo heeft de regie op papier en {i + 2} scholen werken echt samen aan het "
                                "techniekaanbod.")
        f = tmp_path / f"A0{i}.txt"
        f.write_text(f"---\nregion: A0{i}\nregion_type: {kind}\n---\nInterviewer: Heeft het vmbo de regie?\n\n"
                     f"{'Gerrit (penvoerder)' if i in answers else 'Jan (bestuurder)'}: {answer}\n", encoding="utf-8")
        files.append(f)
    assert len(ws.import_files(files).imported) == 4
    starred = []
    for i in answers:
        doc = ws.documents()[i]
        text = ws.document_text(doc.id)
        coding = ws.assign_code(doc.name, "vmbo-in-the-lead/op-papier", start=text.index("Maar "),
                                end=len(text.rstrip()))
        ws.star(coding.id)
        starred.append(coding.id)
    data = ws.report_data(appendix="starred")
    printed = [q.text for t in data.themes for q in t.quotes] + [q.text for q in data.appendix]
    assert not [q for q in printed if "penvoerder" in q], printed
    assert not any(w.startswith("quotes that name their speaker's role") for w in data.warnings), data.warnings
    # the clause after "Maar" stands on its own: quoted from there, the cut marked
    assert "…in de praktijk zijn de ROC's zo groot, met zoveel locaties en hun eigen geld, dat zij toch vaak " \
           "bepalen wat er gebeurt." in printed, printed
    assert "starts after its opening “En” or “Maar”" in ws.export_service.star_note(starred[0])
    # "Maar dat bepalen …": "dat" needs what was said before, and that names the role: left out, and said
    assert not [q for q in printed if "dat bepalen" in q], printed
    note = ws.export_service.star_note(starred[1])
    assert "the sentence before it, which names the speaker's role" in note, note


def test_a_passage_coded_from_after_the_turns_opening_en_is_quoted(tmp_path):
    """A writer whose star on "En de investering …" was to be left out (its opening points back)
    coded it again from "de investering": the same advice came back, and it was left out still."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "drie.db")
    files = []
    for i, kind in enumerate(("krimp", "stedelijk", "krimp")):
        f = tmp_path / f"B0{i}.txt"
        f.write_text(f"---\nregion: B0{i}\nregion_type: {kind}\n---\nInterviewer: Wat deed de onzekerheid?\n\n"
                     "Piet (directeur): Bij ons heeft de onzekerheid vooral de planning van de lessen geraakt.\n\n"
                     f"Jan (bestuurder): En de investering in een nieuwe lasrobot hebben we {i + 1} jaar uitgesteld. "
                     "Je koopt geen machine als je niet weet of je hem kunt afschrijven.\n", encoding="utf-8")
        files.append(f)
    assert len(ws.import_files(files).imported) == 3
    doc = ws.documents()[0]
    text = ws.document_text(doc.id)
    coding = ws.assign_code(doc.name, "financieringsonzekerheid/impact", start=text.index("de investering"),
                            end=len(text.rstrip()))
    ws.star(coding.id)
    assert "leave it out" not in ws.export_service.star_note(coding.id)
    data = ws.report_data(appendix="starred")
    printed = [q.text for t in data.themes for q in t.quotes] + [q.text for q in data.appendix]
    assert any(q.startswith("…de investering in een nieuwe lasrobot hebben we 1 jaar uitgesteld.") for q in printed), \
        printed


def test_a_starred_answer_opening_with_its_reaction_is_quoted_from_the_sentence_that_stands(demo_ws):
    """Starred passages opening "Eh, ik denk het docententekort. Dat is echt …" were left out of the
    appendix whole (21 of the demo's 23 left out): the writer's pick is quoted from its later
    sentence that stands on its own, and starring it says so."""
    starred = {q.id: q.text for q in demo_ws.report_data(appendix="starred").appendix}
    coding = demo_ws.coding(344)
    assert coding.starred and demo_ws.document_text(coding.document_id)[coding.start:coding.end].startswith(
        "Eh, ik denk het docententekort.")
    assert starred.get(344) == "We hebben bij ons twee vacatures voor PIE die al een jaar openstaan.", starred.get(344)
    # which sentence ("a later sentence" named none)
    assert "it starts at a later sentence, “We hebben bij ons twee vacatures …”: its opening looks back" \
        in demo_ws.export_service.star_note(344), demo_ws.export_service.star_note(344)


def test_a_chapter_leaving_out_one_or_two_interviews_says_that_beside_the_whole_its_counts_give_theirs(demo_ws):
    """`report --where region_type!=eiland` was written unsaid, though beside the chapter on all
    nineteen every count less this one's is the island region's answer."""
    from sto_qual.services.reporting import build_report_data
    said = [w for w in build_report_data(demo_ws, demo_ws.synthesis(), where={"region_type!": "eiland"}).warnings
            if "leaves out only" in w]
    assert said == ["the chapter leaves out only R01 (1 interview): beside a chapter on all the interviews, a reader "
                    "can work out R01's answers (each count there less this one's); publish one of the two, not both"]
    for where in ({"region_type": "krimp"}, None):  # leaving out many, or none
        assert not [w for w in build_report_data(demo_ws, demo_ws.synthesis(), where=where).warnings
                    if "leaves out only" in w]


def test_the_method_gives_the_agreement_at_the_level_the_chapter_counts(demo_ws):
    """The chapter counts interviews ("in alle regio's"), and its method gave only the sentence-level
    alpha: a reviewer found the interview-level one (`agreement --per-interview`) lower. The method
    gives both, the chapter's level before the topics the coders went apart on (after them, "0,71:
    voldoende" seemed to take their caution back); of an agreed coding only while its two coders'
    codings are as it kept them."""
    from sto_qual.services.report_method import alpha_text
    pooled = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["interviews_overall"]
    nl = demo_ws.report_data(appendix="none").method
    said = ("Op het niveau waarop dit hoofdstuk telt (de vraag of een onderwerp in een interview voorkomt) is de "
            f"overeenstemming {alpha_text(pooled['alpha'], ',')}, berekend over zes interviews en {pooled['codes']} "
            "onderwerpen: ook dat is voldoende. Per onderwerp loopt")
    assert said in nl, nl
    assert pooled["cells"] == 6 * pooled["codes"] and 0.667 <= pooled["alpha"] < 0.8
    en = demo_ws.report_data(appendix="none", lang="en").method
    assert ("At the level this chapter counts (whether a topic occurs in an interview) the agreement is "
            f"{alpha_text(pooled['alpha'], '.')}, computed over six interviews and {pooled['codes']} topics: that too "
            "is enough.") in en, en
    # a chapter on part of the interviews: the figure is the whole project's, as the sentence-level one
    krimp = demo_ws.report_data(appendix="none", where={"region_type": "krimp"}).method
    assert f"berekend over zes interviews en {pooled['codes']} onderwerpen in het hele onderzoek: ook dat" in krimp
    demo_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    demo_ws.set_reference_coder("consensus")
    agreed = demo_ws.report_data(appendix="none").method  # a chapter on the six it holds: the project's figure
    assert f"{alpha_text(pooled['alpha'], ',')}, berekend over zes interviews en {pooled['codes']} onderwerpen in " \
           "het hele onderzoek: ook dat" in agreed, agreed
    theirs = [c for c in demo_ws.codings() if c.coder == "onderzoeker-b"]
    for c in theirs[:40]:
        demo_ws.remove_coding(c.id, coder="onderzoeker-b")
    assert "Op het niveau waarop dit hoofdstuk telt" not in demo_ws.report_data(appendix="none").method


def test_no_agreement_at_the_chapters_level_is_given_over_one_interview(small_ws):
    """Two coders who both coded one interview, alike on most topics: the method said "is de
    overeenstemming 0,00, berekend over één interviews … onvoldoende". One interview gives no
    such figure; the sentence-level one stays."""
    units = small_ws.units("R90")
    for coder, picks in (("anna", ((1, "urgentie/docententekort"), (2, "collectief-optrekken"), (3, "urgentie"))),
                         ("bram", ((1, "urgentie/docententekort"), (2, "collectief-optrekken"), (4, "vmbo-in-the-lead")))):
        for i, code in picks:
            small_ws.assign_code("R90", code, unit=units[i].id, coder=coder)
    method = small_ws.report_data(appendix="none").method
    assert "Krippendorffs alfa" in method and "Op het niveau waarop dit hoofdstuk telt" not in method, method
    assert "één interviews" not in method


def test_two_chapters_side_by_side_name_only_quotes_both_print_and_a_left_out_one_takes_its_credit_along(demo_ws):
    """The krimp chapter's warning listed six quotes credited to 'een geïnterviewde', two of which
    the full chapter does not print (leaving them out cost a topic its only quote); with the rest
    left out, the warning and the method still spoke of such quotes while none was printed."""
    full = demo_ws.report_data(appendix="starred")
    printed = {q.id for t in full.themes for q in t.quotes} | {q.id for q in full.appendix}
    krimp = demo_ws.report_data(where={"region_type": "krimp"})
    said = next(w for w in krimp.warnings if "credited to 'een geïnterviewde'" in w)
    listed = [int(i) for i in re.search(r"\(--leave-out ([\d,]+)\)", said).group(1).split(",")]
    assert listed and set(listed) <= printed
    quotes = [q for t in krimp.themes for q in t.quotes] + list(krimp.appendix)
    assert {q.id for q in quotes if q.role == "penvoerder"} - printed  # some are the krimp chapter's alone
    gone = set(listed)
    for _ in range(3):  # as a writer does: leave out what the warning names, until it names none
        again = demo_ws.report_data(where={"region_type": "krimp"}, leave_out=sorted(gone))
        said = [w for w in again.warnings if "credited to 'een geïnterviewde'" in w]
        named = re.search(r"\(--leave-out ([\d,]+)\)", said[0]) if said else None
        if not named:
            break
        gone |= {int(i) for i in named.group(1).split(",")}
    assert not named
    credited = [q for t in again.themes for q in t.quotes if q.attribution == "— een geïnterviewde"] + [
        q for q in again.appendix if q.role_label == "geïnterviewde"]
    assert bool(said) == bool(credited) == ("een geïnterviewde" in again.method), (said, credited)
    for _ in range(6):  # every penvoerder's quote left out: none is credited so, and nothing says one is
        rare = {q.id for t in again.themes for q in t.quotes if q.role == "penvoerder"} | {
            q.id for q in again.appendix if q.role == "penvoerder"}
        if not rare:
            break
        gone |= rare
        again = demo_ws.report_data(where={"region_type": "krimp"}, leave_out=sorted(gone))
    assert not rare
    assert not [w for w in again.warnings if "credited to 'een geïnterviewde'" in w]
    assert "een geïnterviewde" not in again.method


def test_a_chapter_on_part_of_the_interviews_names_no_unsure_topic_it_never_speaks_of(demo):
    """The krimp chapter's method listed 'weinig of geen gevolgen (0,28, …)' among the topics to read
    with caution, while none of its four interviews has that topic ('geen' in its table)."""
    full = demo.report_data(appendix="none").method
    krimp = demo.report_data(appendix="none", where={"region_type": "krimp"})
    none_there = [r for r in demo.theme_counts(coder="onderzoeker-a", rollup=True, where={"region_type": "krimp"},
                                               lang="nl").to_dict("records") if r["documents"] == 0]
    assert [r["code"] for r in none_there] == ["financieringsonzekerheid/geen-impact"]
    assert "weinig of geen gevolgen (0,28" in full
    assert "weinig of geen gevolgen" not in krimp.method and "ieder voor zich (0,49)" in krimp.method


def test_no_drafted_example_retells_a_sentence_that_names_a_person(demo_ws):
    """The draft offered "Een regio vertelt: … gaat nu bijvoorbeeld alleen Harm, namens alle negen besturen";
    a writer accepted the whole theme as drafted and the chapter then left it out for naming a person. The
    draft retells no such sentence (a quote may carry it, names replaced)."""
    from sto_qual.domain.identifying import names_person
    from sto_qual.services.report_theme import role_words
    syn = demo_ws.synthesis()
    syn.summarize()
    anon, persons = demo_ws.anonymiser(), role_words(demo_ws.report_settings.label_map("nl"))
    drafted = [p["text"] for c in demo_ws.codebook() if c.parent is None for p in syn.theme(c.path)["points"]]
    assert len([t for t in drafted if t]) > 20
    assert not [t for t in drafted if names_person(anon(t), persons)]
    assert not any("namens alle negen" in t for t in drafted)


def test_a_reviewed_example_the_chapter_leaves_out_for_naming_a_person_is_said(demo_ws):
    """A researcher accepted "Een regio vertelt: … gaat nu bijvoorbeeld alleen Harm, namens alle negen
    besturen." The chapter, whose own sentences name no one, left it out and quoted its passage
    instead, and nothing said so."""
    syn = demo_ws.synthesis()
    syn.draft_one(theme="collectief-optrekken", coder="noor")
    points = syn.theme("collectief-optrekken")["points"]
    n = next(i for i, p in enumerate(points, 1) if p["text"].startswith(("Een regio vertelt:", "Een andere regio")))
    person = next(name for name, repl, regex in demo_ws.pseudonyms() if not regex and repl == "[stuurgroeplid]")
    syn.set_item("collectief-optrekken", "point", n, f"Een regio vertelt: bij het overleg met de werkgevers gaat nu "
                 f"alleen {person}, namens alle besturen.", coder="noor")
    data = demo_ws.report_data(appendix="none")
    said = [w for w in data.warnings if w.startswith(f"collectief-optrekken: key point {n}, which a person reviewed")]
    assert said and "is left out of the chapter's text" in said[0], data.warnings
    assert f"`sto-qual summary set --theme collectief-optrekken --point {n} TEXT`" in said[0]
    assert person not in said[0]  # the warning quotes it as the chapter would, names replaced
    text = " ".join(b.text for t in data.themes for b in t.points)
    assert "Een andere regio vertelt" in text or "Een regio vertelt" in text  # the others are retold
    assert "namens alle besturen" not in text


def test_leaving_one_quote_out_keeps_every_other_quote_where_it_was(demo_ws):
    """A writer who left out one quote of Urgentie (#11 in the demo) found six of its seven other
    quotes replaced: the point that lost its quote chose anew, and the picker's pass for scarce codes
    and its one quote per region then chose every point anew. Only the point that lost its quote
    may take another; the others keep theirs, under the same point, in the same order."""
    for where in (None, {"region_type": "krimp"}):
        base = demo_ws.report_data(codes=["urgentie"], appendix="none", where=where)
        quotes = [q.id for t in base.themes for q in t.quotes]
        assert len(quotes) >= 4 and len(base.picked) == len(quotes)
        for gone in quotes:
            after = demo_ws.report_data(codes=["urgentie"], appendix="none", where=where,
                                        leave_out=[gone])
            assert gone not in after.picked
            assert {i: p for i, p in after.picked.items() if i in base.picked} == {
                i: p for i, p in base.picked.items() if i != gone}, (where, gone)
            assert [[q.id for q in t.quotes if q.id in base.picked] for t in after.themes] == [
                [q.id for q in t.quotes if q.id != gone] for t in base.themes]


def test_a_quote_that_names_the_party_its_hidden_role_speaks_for_is_passed_over(tmp_path):
    """The only wethouder of a researcher's chapter, credited to 'een geïnterviewde', had three of its quotes, each
    saying "Vanuit de gemeente …" or "Als gemeente …": his own words pointed to him. A quote naming the party its
    hidden role speaks for is passed over where its point has another, and warned of where it has none."""
    from sto_qual.services import Workspace
    said = {"W01": "Peter: Vanuit de gemeente zien we dat het tekort aan technische docenten elk jaar groter wordt.\n\n"
                   "Anke: Dat klopt.",
            "W02": "Kees: Wij vinden bijna geen docenten meer voor de techniek, de vacatures blijven open.",
            "W03": "Ria: Het tekort aan docenten raakt ons hard, want twee mensen gaan met pensioen."}
    ws = Workspace.create(tmp_path / "p.db")
    for name, turns in said.items():
        text = f"Interviewer: Wat is hier de urgentie?\n\n{turns}\n\nInterviewer: Dank.\n"
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ws.import_files([tmp_path / f"{n}.txt" for n in said])
    ws.set_roles({"Peter": "wethouder", "Anke": "directeur", "Kees": "bestuurder", "Ria": "bestuurder",
                  "Interviewer": "interviewer"})
    for name in said:
        unit = next(u for u in ws.units(name) if "docent" in ws.document_text(name)[u.start:u.end])
        ws.assign_code(name, "urgentie/docententekort", unit=unit.id, coder="anna")
    quotes = [q.text for t in ws.report_data(appendix="none").themes for b in t.points for q in b.quotes]
    assert quotes and not any("gemeente" in q for q in quotes), quotes
    for name in ("W02", "W03"):  # the others gone: the wethouder's is the point's only quote, and warned of
        ws.delete_document(name)
    data = ws.report_data(appendix="none")
    assert any("gemeente" in q.text for t in data.themes for b in t.points for q in b.quotes)
    assert any("quotes that name their speaker's role themselves, which the chapter hides: #" in w and "(wethouder)"
               in w for w in data.warnings), data.warnings
    ws.close()


def test_a_third_coder_with_a_few_accepted_suggestions_is_not_said_to_have_coded_interviews(demo_ws):
    """An analyst accepted four suggestions, one sentence in each of four interviews, and the method
    said "Nog één andere onderzoeker codeerde er vier", as of a researcher who coded four interviews.
    A third coder who did code two interviews through is still said so."""
    for name in ("R01", "R02", "R03", "R04"):
        demo_ws.assign_code(name, "urgentie", unit=demo_ws.units(name)[4].id, coder="hanna")
    method = demo_ws.report_data(appendix="none").method
    assert "Nog één andere onderzoeker codeerde in vier interviews alleen enkele passages (vier in totaal)." in method
    assert "codeerde er vier" not in method
    en = demo_ws.report_data(appendix="none", lang="en").method
    assert "One more researcher coded only a few passages in four of them (four in all)." in en, en
    for c in demo_ws.codings():
        if c.coder == "hanna":
            demo_ws.remove_coding(c.id, coder="hanna")
    for c in demo_ws.codings():
        if c.coder == "onderzoeker-a" and c.doc in ("R07", "R09"):
            demo_ws.assign_code(c.doc, c.code, start=c.start, end=c.end, coder="sanne")
    assert "Nog één andere onderzoeker codeerde er twee." in demo_ws.report_data(appendix="none").method


def test_two_more_coders_with_a_few_passages_each_are_said_so_beside_one_who_coded_interviews(demo_ws):
    """With a second analyst accepting one suggestion beside the first's four, the method went back to
    "Nog twee andere onderzoekers codeerden een deel van de interviews"."""
    for name in ("R01", "R02", "R03", "R04"):
        demo_ws.assign_code(name, "urgentie", unit=demo_ws.units(name)[4].id, coder="hanna")
    demo_ws.assign_code("R05", "urgentie", unit=demo_ws.units("R05")[4].id, coder="piet")
    method = demo_ws.report_data(appendix="none").method
    assert "Nog twee andere onderzoekers codeerden alleen enkele passages (vijf in totaal)." in method, method
    assert "een deel van de interviews" not in method
    for c in demo_ws.codings():
        if c.coder == "onderzoeker-a" and c.doc in ("R07", "R09"):
            demo_ws.assign_code(c.doc, c.code, start=c.start, end=c.end, coder="sanne")
    method = demo_ws.report_data(appendix="none").method
    assert ("Nog één andere onderzoeker codeerde er twee. Daarnaast codeerden nog twee onderzoekers alleen enkele "
            "passages (vijf in totaal).") in method, method
    en = demo_ws.report_data(appendix="none", lang="en").method
    assert "Besides, two more researchers coded only a few passages (five in all)." in en, en
