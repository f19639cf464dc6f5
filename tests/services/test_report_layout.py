"""Layout of the Word chapter as a reader meets it: appendices on a page of their own, one
width rule for the theme tables, the small-groups note once, capitalised headers."""
import docx
import pytest
from docx.oxml.ns import qn


@pytest.fixture(scope="module")
def chapter(demo_db, tmp_path_factory):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_db)
    out = tmp_path_factory.mktemp("layout") / "h.docx"
    ws.report(out)
    data = ws.report_data()
    yield docx.Document(str(out)), data
    ws.close()


def test_codebook_appendix_starts_on_a_new_page(chapter):
    d, data = chapter
    head = next(p for p in d.paragraphs if p.style.name == "Heading 2" and p.text == data.labels["codebook"])
    assert head.paragraph_format.page_break_before


def test_theme_tables_share_one_width_rule(chapter):
    d, data = chapter
    n = len(data.themes[0].tables[0].header)
    grids = [tuple(round(c.width.cm, 2) for c in t.rows[0].cells) for t in d.tables if len(t.columns) == n
             and t.rows[0].cells[0].text == data.labels["col_subcode"]]
    assert len(grids) == len(data.themes) and len(set(grids)) == 1


def test_small_groups_note_in_full_once(chapter):
    _d, data = chapter
    notes = [t.note for th in data.themes for t in th.tables]
    assert notes[0].startswith("Niet in een eigen kolom")
    assert all(n.startswith("Kleine groepen") and "tabel 1" in n for n in notes[1:])


def test_headers_are_capitalised(chapter):
    d, data = chapter
    assert data.labels["col_subcode"] == "Onderwerp"
    assert all(c.text[:1].isupper() for c in d.tables[-1].rows[0].cells)


def test_english_frequency_ladder_reads_as_ranked():
    from sto_qual.domain.wording import in_units
    assert in_units("een deel", "en") == "in a large minority of the regions"
    assert in_units("een aantal", "en") == "in several regions"
    assert in_units("een enkele", "en") == "in one region"


def test_differences_between_regions_give_counts_and_phrases(chapter):
    _d, data = chapter
    text = " ".join(c for th in data.themes for c in th.contrasts)
    assert "vooral in alle" not in text and "alleen ‘" not in text
    assert "tegenover de helft van de krimpregio's (2 van 4)" in text  # both groups, the other with its count
    assert "(5 van 5)" not in text and "(4 van 4)" not in text  # "alle" says it


def test_a_replaced_name_takes_no_article():
    """The article goes with the name; one that opened a sentence leaves its capital to the
    placeholder: the chapter quoted "[bedrijf] belde vroeger alleen het mbo." for "Het
    havenbedrijf belde …", and a report writer wrote "[Bedrijf]" by hand."""
    from sto_qual.services.reporting import without_article
    anon = without_article(lambda t: t.replace("Lyceum", "[school]").replace("Smederij", "[werkplaats]"))
    assert anon("Het Lyceum doet gewoon mee, maar van het Lyceum hoor je weinig.") == \
        "[School] doet gewoon mee, maar van [school] hoor je weinig."
    assert anon("De Smederij noemen we het. Het techlab is nieuw.") == \
        "[Werkplaats] noemen we het. Het techlab is nieuw."
    assert anon("De [aantal] besturen en de Smederij.") == "De [aantal] besturen en [werkplaats]."


def test_no_article_before_a_placeholder_in_the_chapter(chapter):
    import re
    d, _data = chapter
    text = "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    # a replaced count keeps the article of its noun ("De [aantal] besturen")
    assert not re.search(r"\b(?:[Hh]et|[Dd]e) \[(?!aantal\])", text)


def test_left_out_note_gives_no_count():
    """The appendix tells its reader which quotes were left out, not how many (neither in digits
    nor in words)."""
    from sto_qual.report.labels import LABELS
    from sto_qual.services.reporting import left_out_note
    note = left_out_note(19, 28, LABELS["en"], "en")
    assert note.startswith("Left out are remarks") and not any(ch.isdigit() for ch in note)
    assert "three" not in left_out_note(3, 4, LABELS["en"], "en") and "passage" not in note


def test_appendix_groups_rows_under_their_theme(chapter):
    d, data = chapter
    table = d.tables[-1]
    spans = [r for r in table.rows[1:] if len(r._tr.tc_lst) == 1]
    assert [r.cells[0].text for r in spans] == [g[0] for g in data.appendix_groups()]
    assert data.labels["appendix_cols"][0] not in [c.text for c in table.rows[0].cells]


def test_the_themes_own_remarks_come_after_the_differences_between_regions(demo_ws, tmp_path):
    """DOMAIN's order: the common view, the facets, the contrasts between regions, then the
    remarks that recur alongside the theme (they came before the contrasts, as a last facet)."""
    import docx
    out = tmp_path / "h.docx"
    demo_ws.report(out, appendix="none")
    heads = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    seen = 0
    for i, (style, text) in enumerate(heads):
        if text == "Overige opmerkingen":
            seen += 1
            before = [t for s, t in heads[:i] if s == style]
            assert before[-1] == "Verschillen tussen regio's", before[-3:]
    assert seen >= 1
    md = tmp_path / "h.md"
    demo_ws.export(md)
    text = md.read_text(encoding="utf-8")
    assert text.index("### Overige opmerkingen") > text.index("### Verschillen tussen regio's")
    assert "**Overige opmerkingen.**" not in text


def test_a_code_without_a_definition_is_named_when_the_appendix_leaves_it_out(demo_ws):
    """A researcher's code without a definition fell out of the definitions appendix unsaid."""
    assert not [w for w in demo_ws.report_data().warnings if "no definition" in w]
    demo_ws.add_code("urgentie/nieuwe-code")
    data = demo_ws.report_data()
    assert "urgentie/nieuwe-code" not in " ".join(d[0] for d in data.definitions)
    assert ("1 code has no definition and is not in the definitions appendix: urgentie/nieuwe-code "
            "(`sto-qual code-edit CODE --definition TEXT` gives one)") in data.warnings
