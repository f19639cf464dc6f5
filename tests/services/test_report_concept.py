"""A partly reviewed theme marks each sentence still a concept, not the whole section; an
English chapter says when it can show only the draft of a reviewed Dutch text."""
import json
import sys
from pathlib import Path

import docx
from tests_support import plain

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from import_invariants import run_cli  # noqa: E402

THEME = "financieringsonzekerheid"
STALE = ("reviewed sentences whose codings, the interviews they count over or the groups they compare (the attribute "
         "the tables compare by) changed since")
REVIEWED = "In de meeste regio's (14 van 19) heeft de onzekerheid gevolgen gehad: besturen gaven tijdelijke " \
           "krachten geen vast contract."


def _review_one(db):
    code, _, err = run_cli("summarize", "--project", db)
    assert code == 0, err
    code, _, err = run_cli("summary", "set", "--project", db, "--theme", THEME, "--point", "1", "--text", REVIEWED)
    assert code == 0, err


def _theme_paragraphs(path, title):
    d = docx.Document(str(path))
    out, on = [], False
    for p in d.paragraphs:
        if p.style.name == "Heading 2":
            on = p.text == title
            continue
        if on:
            out.append(p)
    return out


def test_only_the_unreviewed_sentences_are_highlighted(demo_copy, tmp_path):
    _review_one(demo_copy)
    out = tmp_path / "h.docx"
    code, _, err = run_cli("report", "--project", demo_copy, "-o", out)
    assert code == 0, err
    paras = _theme_paragraphs(out, "Financieringsonzekerheid")
    assert paras[0].text.startswith("Deze samenvatting is deels nagelezen")
    para = next(p for p in paras if REVIEWED in plain(p.text))
    mine = [r for r in para.runs if plain(r.text).strip() == REVIEWED]
    assert mine and all(r.font.highlight_color is None for r in mine)   # the reviewed sentence: plain
    marked = [r for r in para.runs if r.font.highlight_color is not None]
    assert marked and all(plain(r.text).strip() for r in marked)               # the drafted ones: highlighted grey
    assert not any(plain(r.text).strip() in ("concept", "draft") for p in paras for r in p.runs)  # no marker words
    # other themes, not reviewed at all, keep the note over the whole section
    assert _theme_paragraphs(out, "Urgentie")[0].text.startswith("Concept:")


def test_english_chapter_says_when_it_shows_the_draft_of_a_reviewed_dutch_text(demo_copy, tmp_path):
    _review_one(demo_copy)
    out = tmp_path / "en.docx"
    code, _, err = run_cli("report", "--project", demo_copy, "-o", out, "--lang", "en")
    assert code == 0
    lines = [x for x in err.splitlines() if "reviewed Dutch text" in x]
    assert len(lines) == 1 and "Funding uncertainty" in lines[0]
    paras = _theme_paragraphs(out, "Funding uncertainty")
    assert paras[0].text.startswith("The reviewed Dutch text of this theme has no English version")
    assert any(r.font.highlight_color is not None for p in paras for r in p.runs)
    d = docx.Document(str(out))
    assert "steering-group interviews" in d.paragraphs[1].text
    # the Dutch definitions are said to be Dutch once, above them, not marked "[nl]" one by one
    texts = [p.text for p in d.paragraphs]
    start = texts.index("Appendix: codebook definitions")
    assert texts[start + 1].startswith("The definitions are given in Dutch")
    assert not any("[nl]" in t for t in texts[start:])
    assert any(t.startswith("Teacher shortage. ") for t in texts[start:])


def test_a_reviewed_sentence_whose_codings_changed_is_marked_with_its_count(demo_copy, tmp_path):
    """A writer accepted "In de meeste regio's (16 van 19) heeft de onzekerheid gevolgen gehad";
    a coding added in R04 made it 17, as the table on the next page said, and only a note over
    the whole section told. The sentence is now marked, and the note says why."""
    code, _, err = run_cli("summarize", "--project", demo_copy)
    assert code == 0, err
    for lead in ("2", "3"):
        assert run_cli("summary", "accept", "--project", demo_copy, "--theme", THEME, "--lead", lead)[0] == 0
    code, shown, _ = run_cli("summary", "show", "--project", demo_copy, "--theme", THEME, "--format", "json")
    import json
    lead2, lead3 = json.loads(shown)["lead"][1:3]
    assert "(16 van 19)" in lead2 and "gevolgen" in lead2
    code, _, err = run_cli("code", "--project", demo_copy, "--doc", "R04", "--code", THEME + "/impact",
                           "--sentence", "114")
    assert code == 0, err
    out = tmp_path / "h.docx"
    code, _, err = run_cli("report", "--project", demo_copy, "-o", out)
    assert code == 0 and STALE in err and "Financieringsonzekerheid" in err
    paras = _theme_paragraphs(out, "Financieringsonzekerheid")
    assert "onder de geel gemarkeerde zinnen zijn de coderingen of de interviews gewijzigd sinds ze werden nagelezen" in paras[0].text
    from docx.enum.text import WD_COLOR_INDEX
    runs = [r for p in paras for r in p.runs]
    assert any(plain(r.text).strip() == lead2 and r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)  # stale
    # still stands (without the count the theme's opening gives it)
    assert any(plain(r.text).strip() in (lead3, lead3.replace(" (15 van 19)", "")) and r.font.highlight_color is None
               for r in runs)
    assert any(r.font.highlight_color == WD_COLOR_INDEX.GRAY_25 for r in runs)  # the drafts, grey as before


def test_accepting_the_whole_section_does_not_print_the_drafted_both_sides_sentence(demo_copy, tmp_path):
    """A drafted 'both' sentence of two opposing sub-codes stays out of the chapter (the lead
    says it); accepting the whole section printed it under 'Verschillen tussen regio's', where
    it repeated the lead and is no difference between regions. A person's own wording of it
    is printed."""
    assert run_cli("summarize", "--project", demo_copy)[0] == 0
    import json
    shown = json.loads(run_cli("summary", "show", "--project", demo_copy, "--theme", THEME, "--format", "json")[1])
    both = [i for i, c in enumerate(shown["contrasts"], 1) if c["kind"] == "codes"]
    assert both
    drafted = shown["contrasts"][both[0] - 1]["text"]
    from sto_qual.services.synthesis import theme_text
    assert drafted not in theme_text(shown)  # the whole-section text in F9 is what the chapter prints
    assert run_cli("summary", "accept", "--project", demo_copy, "--theme", THEME)[0] == 0
    out = tmp_path / "h.docx"
    assert run_cli("report", "--project", demo_copy, "-o", out)[0] == 0
    assert not any(drafted in p.text for p in _theme_paragraphs(out, "Financieringsonzekerheid"))
    mine = "In vijf regio's wegen de gevolgen en de weinige gevolgen tegen elkaar op."
    assert run_cli("summary", "set", "--project", demo_copy, "--theme", THEME, "--contrast", str(both[0]),
                   "--text", mine)[0] == 0
    assert run_cli("report", "--project", demo_copy, "-o", out)[0] == 0
    assert any(mine in p.text for p in _theme_paragraphs(out, "Financieringsonzekerheid"))


def test_after_a_rewritten_first_example_the_next_is_not_another_regions(demo_copy, tmp_path):
    """The writer rewrote a facet's first example in her own words; the next drafted sentence
    still opened 'Een andere regio: …', another than none."""
    from sto_qual.domain.drafting_en import is_example
    from sto_qual.services.report_parts import first_example_again
    assert first_example_again(["Besturen stelden uit.", "Een andere regio vertelt: men wachtte af."]) == [
        "Besturen stelden uit.", "Een regio noemt als voorbeeld: men wachtte af."]
    # a draft stored before the frame had its verb, too
    assert first_example_again(["Besturen stelden uit.", "Een andere regio: men wachtte af."]) == [
        "Besturen stelden uit.", "Een regio noemt als voorbeeld: men wachtte af."]
    assert is_example("Een andere regio: men wachtte af.") and is_example("Een derde regio vertelt: men ging door.")
    kept = ["Een regio vertelt: men wachtte.", "Een andere regio: men ging door."]
    assert first_example_again(kept) == kept
    # her own words about one region: the next is another region's (it was "Een regio noemt als
    # voorbeeld" twice, which a reader takes for one region, and the theme view disagreed)
    own = ["Een regio noemt als voorbeeld dat men een investering uitstelde.", "Een andere regio: men wachtte."]
    assert first_example_again(own) == own
    assert first_example_again(["In één regio wachtte men af.", "Een andere regio: men ging door."])[1] == \
        "Een andere regio: men ging door."
    # her words name one region after a colon (the chapter printed the next "In een regio … bijvoorbeeld")
    mine = ["Besturen zijn voorzichtig: in een regio kreeg een docent een tijdelijk contract.",
            "Een andere regio vertelt: men wilde een lasruimte inrichten."]
    assert first_example_again(mine) == mine
    # the chapter's own count of a point, or a sentence on regions in general, is no example before it
    counted = ["Vaste contracten: in een enkele regio.", "Een regio noemt als voorbeeld: men heeft een loket.",
               "Een andere regio vertelt: de besturen betalen samen."]
    assert first_example_again(counted) == counted
    assert first_example_again(["Het doel: een regio waarin iedereen meedoet.", "Een andere regio: men ging door."]
                               )[1] == "Een regio noemt als voorbeeld: men ging door."
    # an example between them left out (its passage uncoded): the third is the second ("Een derde regio" of two)
    assert first_example_again(["Een regio noemt als voorbeeld: men had elf besturen.",
                                "Een derde regio vertelt: men ging door."])[1] == "Een andere regio vertelt: men ging door."
    assert first_example_again(["One region gives an example: they waited.", "A third region: they went on."])[1] \
        == "Another region: they went on."
    assert first_example_again(["Een aantal regio's wachtte af.", "Een andere regio: men ging door."])[1] == \
        "Een regio noemt als voorbeeld: men ging door."  # several regions: no example before it
    assert first_example_again(["They waited.", "Another region: they went on."])[1] == \
        "One region gives an example: they went on."
    _review_one(demo_copy)
    out = tmp_path / "h.docx"
    assert run_cli("report", "--project", demo_copy, "-o", out)[0] == 0
    for p in _theme_paragraphs(out, "Financieringsonzekerheid"):
        sentences = [plain(r.text).strip() for r in p.runs if plain(r.text).strip()]
        for i, x in enumerate(sentences):
            if x.startswith(("Een andere regio vertelt:", "Een derde regio vertelt:")):
                assert any(is_example(y) for y in sentences[:i]), sentences


def test_an_accepted_both_sentence_the_chapter_leaves_out_is_no_yellow_sentence(demo_copy, tmp_path):
    """An accepted 'both' contrast (3 van 19) went out of date when a coding made it 4; the
    chapter rightly leaves it out (the lead says 'een aantal regio's (4 van 19) noemt beide'),
    but its note and the terminal pointed at yellow sentences the chapter did not have, and
    the drafted sentences around them were no longer marked as drafts."""
    import json
    theme = "vmbo-in-the-lead"
    assert run_cli("summarize", "--project", demo_copy)[0] == 0
    shown = json.loads(run_cli("summary", "show", "--project", demo_copy, "--theme", theme, "--format", "json")[1])
    n = next(i for i, c in enumerate(shown["contrasts"], 1) if c["kind"] == "codes")
    assert run_cli("summary", "accept", "--project", demo_copy, "--theme", theme, "--contrast", str(n))[0] == 0
    assert run_cli("code", "--project", demo_copy, "--doc", "R01", "--code", theme + "/op-papier",
                   "--sentence", "98")[0] == 0
    shown = json.loads(run_cli("summary", "show", "--project", demo_copy, "--theme", theme, "--format", "json")[1])
    assert shown["contrasts"][n - 1]["outdated"]
    out = tmp_path / "h.docx"
    code, _, err = run_cli("report", "--project", demo_copy, "-o", out)
    assert code == 0 and STALE not in err, err
    paras = _theme_paragraphs(out, "Vmbo in the lead")
    assert not any(shown["contrasts"][n - 1]["text"] in p.text for p in paras)
    assert paras[0].text.startswith("Concept:") and "geel" not in paras[0].text, paras[0].text
    from docx.enum.text import WD_COLOR_INDEX
    runs = [r for p in paras for r in p.runs]
    assert not any(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in runs)


def test_the_report_says_how_many_starred_passages_the_appendix_leaves_out(demo_copy, tmp_path):
    """An analyst found 55 of the demo's 87 starred passages neither in the chapter nor in its
    appendix, and nothing said so (the appendix tells the reader only why it leaves some out)."""
    code, out, err = run_cli("report", "--project", demo_copy, "-o", tmp_path / "h.docx")
    assert code == 0, err
    line = next(x for x in err.splitlines() if "the appendix leaves out" in x)
    import re
    n = int(re.search(r"leaves out (\d+) starred passages not quoted in the text: ", line).group(1))
    # each reason with its own codings: their numbers add up to the whole, and so do the ids
    parts = re.findall(r"(\d+) that [^(]*\(codings ([^)]*)\)", line)
    assert len(parts) >= 2 and n == sum(int(k) for k, _ids in parts) > 0
    assert all(int(k) == ids.count("#") for k, ids in parts if "more" not in ids)
    assert "sto-qual quotes --code THEME --starred" in line
    rows = int(re.search(r"(\d+) appendix rows", out).group(1))
    assert rows > 0
    code, _out, err = run_cli("report", "--project", demo_copy, "-o", tmp_path / "n.docx", "--appendix", "none")
    assert code == 0 and "the appendix leaves out" not in err


def test_an_example_the_writer_accepted_is_printed_and_a_quote_saying_it_again_gives_way(demo_copy, tmp_path):
    """A writer accepted urgentie's point 1 ("Een regio noemt als voorbeeld: bij de start was de
    urgentie het geld."): the chapter left it out without a word, because a quote of the
    paragraph said it again. The sentence she accepted is printed; that quote gives way."""
    import json
    assert run_cli("summarize", "--project", demo_copy)[0] == 0
    code, out, _err = run_cli("summary", "show", "--project", demo_copy, "--theme", "urgentie", "--format", "json")
    points = json.loads(out)["points"]
    n, point = next((i, p) for i, p in enumerate(points, 1) if p["text"].startswith("Een regio noemt als voorbeeld"))
    assert run_cli("summary", "accept", "--project", demo_copy, "--theme", "urgentie", "--point", str(n))[0] == 0
    report = tmp_path / "h.docx"
    assert run_cli("report", "--project", demo_copy, "-o", report)[0] == 0
    text = " ".join(p.text for p in _theme_paragraphs(report, "Urgentie"))
    said = point["text"].partition(": ")[2].rstrip(".")
    assert said in text


def test_a_theme_accepted_whole_reads_as_the_chapter_printed_it(demo_copy, tmp_path):
    """A writer read urgentie in the chapter, ran `summary draft` and `summary accept --theme`:
    the next chapter put a retold example ("bij de start was de urgentie het geld") where the
    quote saying it had stood, and printed the differences apart and in another order, without
    the draft's "ook". Accepting what she read leaves it as she read it, with and without
    counts; only the 'Concept' note goes."""
    def read(name, *more):
        out = tmp_path / name
        assert run_cli("report", "--project", demo_copy, "-o", out, "--codes", "urgentie", *more)[0] == 0
        return [p.text for p in _theme_paragraphs(out, "Urgentie")]
    drafted, bare = read("a.docx"), read("b.docx", "--no-numbers")
    assert run_cli("summary", "draft", "--project", demo_copy, "--theme", "urgentie")[0] == 0
    code, _out, err = run_cli("summary", "accept", "--project", demo_copy, "--theme", "urgentie")
    # whose review it is, said (a writer found hers credited to the project's default coder)
    assert code == 0 and "note: reviewed as onderzoeker-a; --coder NAME credits another" in err, err
    accepted = read("c.docx")
    assert drafted[0].startswith("Concept:") and not accepted[0].startswith("Concept:")
    assert accepted == drafted[1:]
    assert any("In alle krimpregio's noemt men ook" in p for p in accepted)
    assert read("d.docx", "--no-numbers") == bare[1:]


def test_summary_show_of_a_theme_with_nothing_stored_shows_its_draft_as_f9_does(demo_copy):
    """A writer ran `summary show --theme financieringsonzekerheid` before drafting anything and
    read "[empty]" while F9's theme view and the chapter already had a full draft. The table
    now shows that draft, marked not stored yet; JSON stays what is stored."""
    import json
    code, out, _err = run_cli("summary", "show", "--project", demo_copy, "--theme", "financieringsonzekerheid")
    assert code == 0 and out.splitlines()[0] == "financieringsonzekerheid  [draft, not stored yet]", out
    assert "L1. " in out and "\n1. " in out
    stored = json.loads(run_cli("summary", "show", "--project", demo_copy, "--theme", "financieringsonzekerheid",
                                "--format", "json")[1])
    assert stored["status"] == "empty" and stored["lead"] == []
    assert run_cli("summarize", "--project", demo_copy)[0] == 0  # stored: its status, as before
    out = run_cli("summary", "show", "--project", demo_copy, "--theme", "financieringsonzekerheid")[1]
    assert out.splitlines()[0].startswith("financieringsonzekerheid  [draft]  drafted, "), out


def test_a_whole_section_saved_from_its_text_prints_each_difference_once_and_names_in_words(demo_copy, tmp_path):
    """F9's "Whole section", a small edit, ctrl+s: the text it starts from held the differences
    between regions, which the chapter prints under 'Verschillen tussen regio's' beside a whole
    section too, so each stood there twice; and a name the pseudonym list replaces read
    "[bedrijf] zoekt …" in it, where the chapter's own sentences say "een bedrijf"."""
    import json
    assert run_cli("summarize", "--project", demo_copy)[0] == 0
    shown = json.loads(run_cli("summary", "show", "--project", demo_copy, "--theme", THEME, "--format", "json")[1])
    from sto_qual.services.synthesis import theme_text
    seed = theme_text(shown)
    out = tmp_path / "h.docx"
    assert run_cli("report", "--project", demo_copy, "-o", out)[0] == 0
    drafted = "\n".join(p.text for p in _theme_paragraphs(out, "Financieringsonzekerheid"))
    assert run_cli("pseudonyms", "add", "De Klerk", "[bedrijf]", "--project", demo_copy)[0] == 0
    mine = seed + "\n\nDe Klerk zoekt elk jaar leerlingen voor de werkplaats."
    assert run_cli("summary", "set", "--project", demo_copy, "--theme", THEME, "--text", mine)[0] == 0
    assert run_cli("report", "--project", demo_copy, "-o", out, "--force")[0] == 0
    text = "\n".join(p.text for p in _theme_paragraphs(out, "Financieringsonzekerheid"))
    # each difference once, as in the drafted chapter ("…, tegenover …")
    assert drafted.count("tegenover") and text.count("tegenover") == drafted.count("tegenover"), text
    assert "Een bedrijf zoekt elk jaar leerlingen" in text and "[bedrijf]" not in text


def test_a_code_without_a_summary_phrase_is_named_and_code_edit_gives_it_one(demo_copy, tmp_path):
    """A new project's codebook had no `summary:` phrases: the chapter read "In alle regio's noemt
    men ‘regierol genomen’ en ‘alleen op papier’" (a contradiction, to its writer), and nothing
    said why or how to give one (only a codebook file could)."""
    p = str(demo_copy)
    assert run_cli("code-edit", "urgentie/docententekort", "--summary", "", "--project", p)[0] == 0
    code, _out, err = run_cli("report", "--project", p, "-o", tmp_path / "a.docx")
    [line] = [x for x in err.splitlines() if "no summary:" in x]
    assert "names 1 code by its label" in line and ": urgentie/docententekort;" in line
    assert "`sto-qual code-edit urgentie/docententekort --summary 'noemt men …'" in line
    assert "no summary" not in run_cli("report", "--project", p, "-o", tmp_path / "e.docx", "--lang", "en")[2]
    # without a topic a theme's opening names a sub-code by its label in quote marks, which --summary does not
    # change (a new project's writer gave every code a phrase and still read "noemt men ‘regierol genomen’")
    assert run_cli("code-edit", "urgentie/arbeidsmarkt", "--topic", "", "--project", p)[0] == 0
    err = run_cli("report", "--project", p, "-o", tmp_path / "t.docx")[2]
    [line] = [x for x in err.splitlines() if "no topic:" in x]
    # and `codebook --format json` lists each code's words, so a writer can see which codes lack them
    rows = {r["path"]: r for r in json.loads(run_cli("codebook", "--project", p, "--format", "json")[1])}
    assert (rows["urgentie/arbeidsmarkt"]["topic"], rows["urgentie/docententekort"]["summary"]) == ("", "")
    assert rows["urgentie/verschuiving"]["summary"] and rows["urgentie/verschuiving"]["topic_en"]
    assert "(its theme's opening: \"noemt men ‘arbeidsmarkt’\")" in line and "--topic 'het …'" in line, line
    code, _out, err = run_cli("code-edit", "urgentie/docententekort", "--summary", "noemt men de lege plekken voor de klas",
                              "--project", p)
    assert code == 0 and "--summary ''" in err  # the way back: none, as it was
    assert "no summary:" not in run_cli("report", "--project", p, "-o", tmp_path / "b.docx")[2]
    assert run_cli("summary", "draft", "--theme", "urgentie", "--project", p)[0] == 0
    code, out, _err = run_cli("summary", "show", "--theme", "urgentie", "--project", p)
    assert "noemt men de lege plekken voor de klas" in out


def test_a_theme_accepted_whole_takes_a_new_summary_phrase_in_its_differences(demo_copy, tmp_path):
    """After accepting vmbo-in-the-lead whole, `code-edit … --summary` on one of its codes dropped
    the differences' "ook" and kept the old phrase (an accepted sentence read as the writer's own
    once the phrase it was worded with changed); code-edit did not say the lead needs a redraft."""
    p = str(demo_copy)
    assert run_cli("summary", "draft", "--theme", "vmbo-in-the-lead", "--project", p)[0] == 0
    assert run_cli("summary", "accept", "--theme", "vmbo-in-the-lead", "--project", p)[0] == 0
    code, _out, err = run_cli("code-edit", "vmbo-in-the-lead/succesfactoren", "--summary",
                              "noemt men wat het vmbo helpt om de regie te nemen", "--project", p)
    # (a reviewed theme: `summary draft` alone refuses it, which the note named as the way)
    assert code == 0 and "`sto-qual summary clear --theme vmbo-in-the-lead" in err, err
    clear, draft = (x.split("`")[0].split() for x in err.split("`sto-qual ")[1:3])
    assert run_cli(*clear)[0] == 0 and run_cli(*draft)[0] == 0
    out = tmp_path / "v.docx"
    assert run_cli("report", "--project", p, "-o", out, "--codes", "vmbo-in-the-lead")[0] == 0
    text = " ".join(x.text for x in _theme_paragraphs(out, "Vmbo in the lead"))
    assert "In alle gemengde regio's noemt men ook wat het vmbo helpt om de regie te nemen" in text, text


def test_the_english_chapters_warning_of_a_code_without_words_quotes_the_english_it_prints(demo_copy, tmp_path):
    """A newcomer's code with an English label and no English summary phrase: the English report's
    warning quoted "Vaste aanstellingen komt aan de orde", Dutch the English chapter does not print
    (it says "… permanent appointments come up")."""
    p = str(demo_copy)
    assert run_cli("code-add", "urgentie/vaste-aanstellingen", "--label", "Vaste aanstellingen", "--label-en",
                   "Permanent appointments", "--project", p)[0] == 0
    assert run_cli("code", "R02", "urgentie/vaste-aanstellingen", "--sentence", "14", "--project", p)[0] == 0
    err = run_cli("report", "--project", p, "-o", tmp_path / "e.docx", "--lang", "en")[2]
    [line] = [x for x in err.splitlines() if "no summary en:" in x]
    assert "(\"permanent appointments come up\")" in line and "komt aan de orde" not in line, line
