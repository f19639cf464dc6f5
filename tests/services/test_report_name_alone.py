"""A theme that is a name alone, no definition, no sub-code, no coding (the code picker's "+ New
code" after a slip, its coding undone, as the README says the code stays): the chapter printed a
section for it, "Dit thema komt in geen van de regio's aan de orde", and its method counted five
themes. It is left out, with a warning saying how to print or remove it."""
from __future__ import annotations

import docx
from cli_runner import sq


def _chapter(path, out, *extra):
    done = sq("report", "-o", out, "--project", path, *extra)
    assert done.returncode == 0, done.stderr
    return [p.text for p in docx.Document(str(out)).paragraphs], done.stderr


def test_a_theme_that_is_a_name_alone_is_left_out_of_the_chapter(demo_copy, tmp_path):
    assert sq("code-add", "eilandsituatie", "--project", demo_copy).returncode == 0
    assert sq("code-add", "per-ongeluk", "--project", demo_copy).returncode == 0  # two: both left out, both uncounted
    text, said = _chapter(demo_copy, tmp_path / "a.docx")
    assert "Eilandsituatie" not in text and not any(t.startswith(("Eilandsituatie", "Per ongeluk")) for t in text)
    assert any("een codeboek van vier thema's" in t for t in text)
    line = next(x for x in said.splitlines() if "left out of the chapter: eilandsituatie, per-ongeluk, themes" in x)
    assert "code-edit CODE --definition TEXT" in line and "code-delete CODE" in line
    # named in --codes, it is printed, as asked
    asked, said = _chapter(demo_copy, tmp_path / "b.docx", "--codes", "urgentie,eilandsituatie")
    assert "Eilandsituatie" in asked and "left out of the chapter" not in said
    # with a definition it is a theme of the chapter, coded or not
    assert sq("code-edit", "eilandsituatie", "--definition", "Wat het eiland anders maakt.",
              "--project", demo_copy).returncode == 0
    text, said = _chapter(demo_copy, tmp_path / "c.docx")
    assert "Eilandsituatie" in text and any("een codeboek van vijf thema's" in t for t in text)
    assert "left out of the chapter: per-ongeluk, a theme" in said


def test_a_chapter_without_tables_has_no_warning_of_their_rows(demo_ws):
    """A chapter of two interviews, which prints no table (no groups to compare), warned that four sub-codes'
    rows in the theme's table say "geen" in every column, while its method said there are no tables."""
    from types import SimpleNamespace

    from sto_qual.services.report_theme import uncoded_themes_warning
    demo_ws.add_code("urgentie/huisvesting")  # a sub-code no one coded, under a theme that is
    codes = demo_ws.codebook()
    docs_of = lambda p: 0 if p == "urgentie/huisvesting" else 3  # noqa: E731
    tabled = [SimpleNamespace(path="urgentie", documents=3, tables=("a table",))]
    said = uncoded_themes_warning(demo_ws, tabled, codes, docs_of, "onderzoeker-a")
    assert any("urgentie/huisvesting" in x and "theme's table" in x for x in said), said
    untabled = [SimpleNamespace(path="urgentie", documents=3, tables=())]
    assert uncoded_themes_warning(demo_ws, untabled, codes, docs_of, "onderzoeker-a") == []


def test_a_chapter_on_one_interview_speaks_of_its_region(demo_copy, tmp_path):
    """A chapter on the one interview a coder coded said "Dit thema komt in geen van de regio's aan de orde" and
    headed its facets "Wat de regio's noemen", around sentences that said "In de regio"."""
    assert sq("code", "R05", "urgentie/docententekort", "--sentence", "10", "--coder", "lies", "--new-coder",
              "--project", demo_copy).returncode == 0
    text, _said = _chapter(demo_copy, tmp_path / "one.docx", "--coder", "lies")
    assert "Dit thema komt in het interview niet aan de orde." in text and "Wat de regio noemt" in text
    assert not any("geen van de regio's" in t or t == "Wat de regio's noemen" for t in text)


def test_an_english_section_of_the_whole_project_is_not_printed_in_a_chapter_on_part(demo_copy, tmp_path):
    """A writer's English section of a theme, written of all nineteen interviews, was printed in the English
    chapter on the four krimp regions, "In most shrinking regions (16 of 19) it had consequences", unmarked."""
    said = "All nineteen steering groups talked about the funding. In most regions (16 of 19) it had consequences."
    assert sq("summary", "set", "--theme", "financieringsonzekerheid", "--lang", "en", "--text", said,
              "--project", demo_copy).returncode == 0
    whole, _w = _chapter(demo_copy, tmp_path / "all.docx", "--lang", "en")
    assert any(said == t.replace("\xa0", " ") for t in whole)  # (a count's spaces do not break)
    part, warned = _chapter(demo_copy, tmp_path / "krimp.docx", "--lang", "en", "--where", "region_type=krimp")
    assert not any("nineteen steering groups" in t or "16 of 19" in t for t in part)
    assert "the English section of financieringsonzekerheid is not in this chapter" in warned
    assert "financieringsonzekerheid" in next(x for x in warned.splitlines() if "as 'Draft'" in x)
