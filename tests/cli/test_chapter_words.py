"""The chapter's words a project sets from the command line: where each frequency word starts
(`wording`) and the words for its attributes and their values (`attribute-label`). Both were
project settings that only an SQL statement could change, though the README named them."""
from __future__ import annotations

import json

from cli_runner import sq


def _json(*args):
    r = sq(*args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _ladder(project, *args):
    return {r["tier"]: r for r in _json("wording", "-p", project, *args)}


def test_the_ladder_says_which_counts_of_the_projects_interviews_get_each_word(demo_copy):
    rows = _json("wording", "-p", demo_copy)
    assert set(rows[0]) == {"tier", "en", "from", "interviews"}
    ladder = {r["tier"]: r for r in rows}
    assert [r["tier"] for r in rows] == ["alle", "vrijwel alle", "de meeste", "meer dan de helft", "de helft",
                                         "een deel", "een aantal", "een paar", "een enkele", "geen"]
    assert ladder["vrijwel alle"]["interviews"] == [17, 18] and ladder["vrijwel alle"]["from"] == 0.85
    assert ladder["de meeste"]["interviews"] == [13, 14, 15, 16]
    assert ladder["de helft"]["interviews"] == []  # nineteen has no half
    assert ladder["alle"]["from"] is None and ladder["alle"]["interviews"] == [19]
    # every count of nineteen gets exactly one word
    assert sorted(n for r in rows for n in r["interviews"]) == list(range(20))
    # a part chapter of four interviews
    four = _ladder(demo_copy, "--of", "4")
    assert (four["de meeste"]["interviews"], four["de helft"]["interviews"], four["een enkele"]["interviews"]) == \
        ([3], [2], [1])
    table = sq("wording", "-p", demo_copy)
    assert "17–18" in table.stdout and "(a count)" in table.stdout and "over 50 %" in table.stdout


def test_moving_a_tier_changes_the_counts_words_and_the_reports_ladder(demo_copy):
    r = sq("wording", "vrijwel alle", "90%", "-p", demo_copy)
    assert r.returncode == 0, r.stderr
    ladder = _ladder(demo_copy)
    assert ladder["vrijwel alle"]["interviews"] == [18] and ladder["de meeste"]["interviews"] == [13, 14, 15, 16, 17]
    assert ladder["vrijwel alle"]["from"] == 0.9
    # the counts say what the ladder says, for every code
    for row in _json("stats", "-p", demo_copy):
        assert row["documents"] in ladder[row["wording"]]["interviews"], row
    # and so does the chapter's method paragraph
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        assert "vrijwel alle (90 procent of meer)" in ws.report_data().method
    finally:
        ws.close()
    # a comma decimal and a plain share move it too; --clear goes back to the built-in tiers
    assert sq("wording", "een aantal", "0,2", "-p", demo_copy).returncode == 0
    assert _ladder(demo_copy)["een aantal"]["from"] == 0.2
    assert sq("wording", "--clear", "-p", demo_copy).returncode == 0
    assert _ladder(demo_copy)["vrijwel alle"]["interviews"] == [17, 18]


def test_a_tier_that_cannot_move_there_is_refused_in_one_line_and_nothing_changes(demo_copy):
    before = _json("wording", "-p", demo_copy)
    for args, code, says in (
            (("de meeste", "90%"), 1, "de meeste from 90 % would reach or pass vrijwel alle (from 85 %): de meeste "
                                      "can start from 51 % to 84 %; to go further, move vrijwel alle first"),
            (("een deel", "0.1"), 1, "een deel from 10 % would reach or pass een aantal (from 15 %): een deel can "
                                     "start from 16 % to 49 %; to go further, move een aantal first"),
            # a neighbour that cannot move is not offered to be moved
            (("een deel", "70%"), 1, "een deel from 70 % would reach or pass de helft (from 50 %): een deel can "
                                     "start from 16 % to 49 % ("),
            # two tiers a hair apart would leave one word that no count gets
            (("vrijwel alle", "66.7%"), 1, "would leave less than one percentage point between it and de meeste "
                                           "(from 66.7 %): vrijwel alle can start from 67.7 % to 99 %"),
            (("de helft", "0.6"), 1, "'de helft' is exactly half; tiers that move: vrijwel alle, de meeste"),
            (("alle", "0.9"), 1, "'alle' is a count, not a share"),
            (("een paar", "5%"), 1, "'een paar' is every share below een aantal"),
            (("de meest", "0.7"), 1, "'de meest' is not one of the project's tiers"),
            (("vrijwel alle", "90"), 2, "'90' is not a share between 0 and 1: give 0.9 or 90%"),
            (("vrijwel alle", "veel"), 2, "'veel' is not a share: give 0.9 or 90%"),
            (("vrijwel alle", "100%"), 2, "a tier starts above 0 % and below 100 %")):
        r = sq("wording", *args, "-p", demo_copy)
        assert r.returncode == code, (args, r.stderr)
        assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert _json("wording", "-p", demo_copy) == before
    r = sq("wording", "vrijwel alle", "0.9", "--clear", "-p", demo_copy)
    assert r.returncode == 2 and "not both" in r.stderr


def test_one_tier_goes_back_to_where_it_starts_built_in_and_each_change_is_said(demo_copy):
    r = sq("wording", "vrijwel alle", "90%", "-p", demo_copy)
    assert r.stderr.strip() == "vrijwel alle: from 85 % -> from 90 %"
    assert sq("wording", "een deel", "25%", "-p", demo_copy).returncode == 0
    r = sq("wording", "vrijwel alle", "--clear", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr.strip() == "vrijwel alle: from 90 % -> from 85 %"
    ladder = _ladder(demo_copy)
    assert (ladder["vrijwel alle"]["from"], ladder["een deel"]["from"]) == (0.85, 0.25)  # the other stays moved
    r = sq("wording", "de helft", "--clear", "-p", demo_copy)
    assert r.returncode == 1 and "'de helft' is exactly half" in r.stderr


def test_an_attribute_value_without_english_words_is_named_with_the_command_that_gives_them(demo_copy):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        ws.set_attributes("R01", {"region_type": "grensregio"})
        res = ws.report(demo_copy.parent / "en.docx", lang="en")
        assert any("no English label for grensregio (Dutch used, marked [nl]); "
                   "`sto-qual attribute-label grensregio WORD --lang en` gives one" in w for w in res["warnings"]), \
            res["warnings"]
    finally:
        ws.close()
    rows = {r["name"]: r for r in _json("attribute-label", "-p", demo_copy)}
    assert set(rows["grensregio"]) == {"name", "kind", "nl", "en", "words"}
    assert (rows["grensregio"]["kind"], rows["grensregio"]["en"], rows["grensregio"]["words"]) == ("value", "", "none")
    assert (rows["krimp"]["en"], rows["krimp"]["words"]) == ("shrinking", "built in")
    assert (rows["region_type"]["kind"], rows["region_type"]["nl"]) == ("attribute", "regiotype")

    r = sq("attribute-label", "grensregio", "border region", "--lang", "en", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "border region" in r.stdout and "own" in r.stdout
    ws = Workspace.open(demo_copy)
    try:
        data = ws.report_data(lang="en")
        assert not any("grensregio" in w for w in data.warnings), data.warnings
        tables = [tb for t in data.themes for tb in t.tables]
        assert "The table has no column for the border region (one interview)" in tables[0].note, tables[0].note
        assert not any("grensregio" in tb.note for tb in tables)
    finally:
        ws.close()
    # taken off again; a word of its own that it does not have is refused
    assert sq("attribute-label", "grensregio", "--clear", "--lang", "en", "-p", demo_copy).returncode == 0
    r = sq("attribute-label", "grensregio", "--clear", "--lang", "en", "-p", demo_copy)
    assert r.returncode == 1 and "'grensregio' has no word of the project's own in 'en'" in r.stderr


def test_a_mistyped_name_is_refused_naming_the_close_one(demo_copy):
    """`attribute-label stedelijkk foo` was stored with a note, exit 0, and labelled nothing; a
    name close to none the project has is still kept for a later import, with a note."""
    before = sq("attribute-label", "-p", demo_copy, "--format", "json").stdout
    r = sq("attribute-label", "region_tpye", "soort regio", "-p", demo_copy)
    assert r.returncode == 1
    assert r.stderr.strip().startswith("error: no document has an attribute or value 'region_tpye' (did you mean "
                                       "region_type?); nothing was stored (give `sto-qual attribute-label "
                                       "region_type …"), r.stderr
    assert sq("attribute-label", "-p", demo_copy, "--format", "json").stdout == before
    r = sq("attribute-label", "grensregio", "grensregio", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr.strip() == ("note: no document has an attribute or value 'grensregio' "
                                                      "yet; the word applies once one does"), r.stderr
    r = sq("attribute-label", "krimp", "", "-p", demo_copy)
    assert r.returncode == 1 and "an empty word" in r.stderr


def test_a_dutch_adjective_for_a_region_type_names_its_group_and_a_word_that_cannot_is_said(demo_copy):
    """`attribute-label stedelijk grootstedelijk` was stored ("words: own"), and the chapter still
    said "stedelijke regio's" in its text and its tables, without a word."""
    r = sq("attribute-label", "stedelijk", "grootstedelijk", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = sq("attribute-label", "landelijk", "plattelands", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr.strip() == (
        "note: the chapter names this group 'landelijke regio's' and cannot use 'plattelands' for it: give a word "
        "that names a kind of region ('grootstedelijke regio', 'grensregio', 'krimpgebied') or an adjective ending "
        "in -lijk, -ig or -isch ('grootstedelijk')"), r.stderr
    out = demo_copy.parent / "h.md"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "grootstedelijke regio's (N=5)" in text and " stedelijke regio's" not in text
    # two values at once are no adjective ("krimp,landelijke regio's" in the subtitle and the method)
    assert sq("export", "-p", demo_copy, "-o", out, "--where", "region_type=krimp,landelijk").returncode == 0
    assert "krimp,landelijk" not in out.read_text(encoding="utf-8")


def test_a_projects_own_region_type_is_a_group_of_regions_in_the_chapter(demo_copy):
    """Its own region type "grensregio" read "alle regio's met grensregio"; a value that names a
    kind of region is spoken of as its regions, in English from its English word."""
    from sto_qual.services import Workspace
    for doc in ("R01", "R05", "R10"):
        assert sq("attribute", doc, "region_type=grensregio", "-p", demo_copy).returncode == 0
    assert sq("attribute-label", "grensregio", "border region", "--lang", "en", "-p", demo_copy).returncode == 0
    ws = Workspace.open(demo_copy)
    try:
        ws.synthesis().summarize()
        nl = " ".join(c for t in ws.report_data().themes for c in t.contrasts)
        en = " ".join(c for t in ws.report_data(lang="en").themes for c in t.contrasts)
    finally:
        ws.close()
    assert "grensregio's" in nl and "regio's met grensregio" not in nl, nl
    assert "border regions" in en and "regions with border region" not in en, en


def test_a_main_attribute_of_numbers_is_said_to_compare_few_and_is_ordered_as_numbers(demo_copy):
    """`report-settings main_attribute school_boards` was taken without a word, and the method
    listed its groups as text sorts them: "1 (één interview), 10 (één interview), 11 …, 5 …"."""
    r = sq("report-settings", "main_attribute", "school_boards", "-p", demo_copy)
    assert r.returncode == 0 and "note: 8 of the 11 values of school_boards are held by fewer than 3 interviews: " \
        "the chapter's tables and differences compare only the others" in r.stderr, r.stderr
    out = demo_copy.parent / "h.md"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "aantal schoolbesturen: 2 (drie interviews), 3 (vier interviews) en 4 (drie interviews); 1 (één " \
        "interview), 5 (twee interviews), 6 (één interview)" in text, text[:3000]
    assert "note:" not in sq("report-settings", "main_attribute", "region_type", "-p", demo_copy).stderr


def test_summary_show_quotes_lists_the_quotes_the_chapter_prints_in_a_theme(demo_copy, tmp_path):
    """`summary show --theme T --quotes`: which passage the chapter quotes under each paragraph,
    as `report` prints them (a writer could not see them while reviewing the theme)."""
    shown = json.loads(sq("summary", "show", "--theme", "collectief-optrekken", "--quotes", "--format", "json",
                          "--project", demo_copy).stdout)
    rows = shown["chapter_quotes"]
    assert rows and set(rows[0]) == {"paragraph", "id", "text", "attribution"}
    out = tmp_path / "h.docx"
    assert sq("report", "--project", demo_copy, "-o", out).returncode == 0
    import docx
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs).replace("\xa0", " ")
    for q in rows:
        assert f"“{q['text']}” {q['attribution']}" in body, q
    table = sq("summary", "show", "--theme", "collectief-optrekken", "--quotes", "--project", demo_copy).stdout
    assert "In the chapter's text, quoted under its paragraphs:" in table and f"(coding {rows[0]['id']})" in table
    refused = sq("summary", "show", "--doc", "R01", "--code", "urgentie", "--quotes", "--project", demo_copy)
    assert refused.returncode == 2 and "--quotes goes with --theme T" in refused.stderr
