"""A theme's section of the English chapter as a person wrote it (`summary set --theme T --lang
en`): it takes the English draft's place, as her Dutch text does in the Dutch chapter, with no
draft's note; a Dutch text changed after it was written is said, never followed."""
import json

import docx
from cli_runner import sq

THEME = "financieringsonzekerheid"
MINE = "Most regions felt the funding uncertainty; boards held back permanent contracts."


def _section(path):
    out, on = [], False
    for p in docx.Document(str(path)).paragraphs:
        if p.style.name.startswith("Heading") and p.text == "Funding uncertainty":
            on = True
        elif on and p.style.name.startswith("Heading") and p.text == "What the regions mention":
            break
        elif on:
            out.append(p.text)
    return out


def test_an_english_section_written_by_a_person_replaces_the_draft(demo_copy, tmp_path):
    done = sq("summary", "set", "-p", demo_copy, "--theme", THEME, "--lang", "en", "--text", MINE)
    assert done.returncode == 0 and "Saved the English section of financieringsonzekerheid" in done.stdout, done.stderr
    shown = json.loads(sq("summary", "show", "-p", demo_copy, "--theme", THEME, "--lang", "en", "--format", "json").stdout)
    assert shown["text"] == MINE and shown["dutch_changed"] is False
    rep = sq("report", "-p", demo_copy, "-o", tmp_path / "en.docx", "--lang", "en")
    assert rep.returncode == 0, rep.stderr
    section = _section(tmp_path / "en.docx")
    assert MINE in section and not any(t.startswith("Draft:") for t in section)
    assert "In most regions (16 of 19), the uncertainty had consequences." not in " ".join(section)
    # the Dutch chapter keeps its own text
    assert sq("report", "-p", demo_copy, "-o", tmp_path / "nl.docx").returncode == 0
    assert MINE not in " ".join(p.text for p in docx.Document(str(tmp_path / "nl.docx")).paragraphs)
    # the Dutch section changed since: said on stderr and by `summary show`, the English printed as written
    assert sq("summary", "set", "-p", demo_copy, "--theme", THEME, "--text", "Een eigen Nederlandse tekst.").returncode == 0
    rep = sq("report", "-p", demo_copy, "-o", tmp_path / "en2.docx", "--lang", "en")
    assert "English sections written before their Dutch text last changed (printed as written): Funding uncertainty" \
        in rep.stderr
    assert MINE in _section(tmp_path / "en2.docx")
    assert "the Dutch section changed after this was written" in sq(
        "summary", "show", "-p", demo_copy, "--theme", THEME, "--lang", "en").stderr
    # cleared: the draft again
    assert sq("summary", "clear", "-p", demo_copy, "--theme", THEME, "--lang", "en").returncode == 0
    sq("report", "-p", demo_copy, "-o", tmp_path / "en3.docx", "--lang", "en")
    assert MINE not in " ".join(_section(tmp_path / "en3.docx"))


def test_an_english_section_is_a_whole_themes_and_mistakes_change_nothing(demo_copy):
    for args, said, code in ((("--theme", f"{THEME}/impact", "--text", "x"), "is a sub-code", 1),
                             (("--theme", THEME, "--point", "1", "--text", "x"), "give --theme T alone", 2),
                             (("--doc", "R01", "--code", THEME, "--text", "x"), "give --theme T alone", 2),
                             (("--theme", THEME, "--text", "  "), "an empty English text", 1)):
        done = sq("summary", "set", "-p", demo_copy, "--lang", "en", *args)
        assert done.returncode == code and said in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
    done = sq("summary", "clear", "-p", demo_copy, "--theme", THEME, "--lang", "en")
    assert done.returncode == 1 and "has no English text of its own" in done.stderr


def test_the_english_method_says_where_a_group_too_small_to_compare_is_counted(demo_ws):
    """An English reader stumbled on "counts only in the whole" (the island region in the method)."""
    data = demo_ws.report_data(lang="en")
    assert "the island region (one interview) is too small to compare on its own and is included only in the " \
        "overall figures" in data.method, data.method


def test_the_english_appendix_leaves_out_the_passages_the_dutch_chapter_retells(demo_ws):
    """The English chapter retells no examples, and its appendix printed with a role the passages
    the Dutch chapter retells anonymously ("In een regio heeft men bijvoorbeeld …"): published side
    by side, the two tied each example to a role."""
    demo_ws.synthesis().summarize()
    nl = demo_ws.report_data()
    retold = {i for i, place in nl.places.items() if place == "example"}
    assert retold
    en = demo_ws.report_data(lang="en")
    assert not retold & {q.id for q in en.appendix}
    assert not retold & {q.id for q in nl.appendix}
    assert any("the Dutch chapter retells in its own words as an example" in w for w in en.warnings), en.warnings
