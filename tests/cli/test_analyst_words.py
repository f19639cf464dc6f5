"""What the command line tells an analyst beside the figures: whose codings a merged count holds,
what to type for a comparison --where cannot read, what a mistyped command line was meant as, and
the suggested commands on stdout carrying the project and coder given."""
from __future__ import annotations

import json

from cli_runner import sq
from sto_qual.domain.filters import parse_where


def _error(r, code: int) -> str:
    assert r.returncode == code, (r.returncode, r.stderr)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return lines[0]


def test_all_coders_merged_says_the_reference_coder_counts_otherwise_and_the_help_no_longer_says_the_same(demo_copy):
    """`stats --all-coders` said "no reference coder is set" in a project whose reference coder is
    onderzoeker-a, and its help said "the interview counts are the same either way": kwaliteit-innovatie
    is 12 interviews counted for her and 16 merged."""
    merged = sq("stats", "-p", demo_copy, "--all-coders", "--format", "json")
    own = sq("stats", "-p", demo_copy, "--format", "json")
    assert "no reference coder is set" not in merged.stderr
    assert "without --all-coders the counts are the reference coder onderzoeker-a's, as the chapter's" in merged.stderr
    n = {r["code"]: r["documents"] for r in json.loads(own.stdout)}
    m = {r["code"]: r["documents"] for r in json.loads(merged.stdout)}
    assert any(m[c] > n[c] for c in n)
    said = " ".join(sq("stats", "--help").stdout.split())
    assert "the same either way" not in said and "can be higher than the reference coder's" in said


def test_a_comparison_in_where_names_the_values_of_this_project_it_would_keep(demo_copy):
    """`--where 'school_boards>3'` answered "e.g. school_boards=4,5,6": typed, it kept six interviews
    of the eleven with more than three boards (the demo's run to 11)."""
    said = _error(sq("stats", "-p", demo_copy, "--where", "school_boards>3"), 2)
    kept = said.split("school_boards=")[1].split()[0]
    assert kept == "4,5,6,7,8,9,10,11" and "(this project's values > 3)" in said
    counts = json.loads(sq("stats", "-p", demo_copy, "--where", f"school_boards={kept}", "--format", "json").stdout)
    other = json.loads(sq("stats", "-p", demo_copy, "--where", "school_boards!=1,2,3", "--format", "json").stdout)
    assert counts[0]["documents_total"] == other[0]["documents_total"] == 11
    assert "no interview here has school_boards >= 20 (its values run 1-11)" in _error(
        sq("stats", "-p", demo_copy, "--where", "school_boards>=20"), 2)
    assert "e.g. region_type=eiland,gemengd" in _error(sq("stats", "-p", demo_copy, "--where", "region_type>3"), 2)
    try:  # without a project: an example of three
        parse_where(["school_boards>3"])
    except ValueError as exc:
        assert "e.g. school_boards=4,5,6" in str(exc)


def test_a_refused_value_lists_the_last_value_too_and_the_interviews_without_the_attribute(demo_copy):
    """`--where doc=R20` listed "R01, …, R15, ..." of nineteen; `--where fictional=nee` where five
    interviews have no `fictional` said only "(fictional: yes)"."""
    assert "R12, …, R19 (19 values))" in _error(sq("stats", "-p", demo_copy, "--where", "doc=R20"), 1)
    said = _error(sq("stats", "-p", demo_copy, "--where", "fictional=nee"), 1)
    assert "(fictional: yes; 5 documents have no fictional: fictional!=* keeps those)" in said
    kept = json.loads(sq("stats", "-p", demo_copy, "--where", "fictional!=*", "--format", "json").stdout)
    assert kept[0]["documents_total"] == 5


def test_a_mistyped_command_line_is_told_what_it_was_meant_as(demo_copy):
    p = str(demo_copy)
    for args, said in ((("--project", p, "stats"), "No such option '--project': a command's options come after its "
                        "name (sto-qual stats --project …)"),
                       (("stats", "urgentie", "-p", p), "(--code urgentie for a code)"),
                       (("export", "-p", p, "out/x.csv"), "(-o out/x.csv writes to that file)"),
                       (("cooccurrence", "--code", "urgentie", "-p", p), "No such option '--code' (it takes every code)"),
                       (("matrix", "--by", "region_type", "-p", p), "Did you mean '--label-by'?"),
                       (("stats", "-o", "x.json", "-p", p), "(it writes to the terminal: `> FILE` keeps it")):
        line = _error(sq(*args), 2)
        assert said in line, line
        assert "--coder'" not in line


def test_a_command_suggested_on_stdout_carries_the_project_and_coder_given(demo_copy):
    """`summary draft … --project P --coder onderzoeker-b` printed "`sto-qual undo` brings them back" on
    stdout, where the completion of suggested commands did not reach: run with --project, that undo was
    the default coder's, and took back a coding from the other coder's open workbench."""
    r = sq("backups", "-p", demo_copy)
    assert f"`sto-qual backup --project {demo_copy}` makes one" in r.stdout
    data = sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format", "json")
    assert json.loads(data.stdout)  # JSON on stdout is data: left as it is


def test_the_workbook_says_whose_codings_its_rows_are_and_heads_every_interview_in_its_language(demo_copy, tmp_path):
    r = sq("export", "-p", demo_copy, "-o", tmp_path / "w.xlsx")
    assert "742 codings of 2 coders, counts of onderzoeker-a" in r.stdout + r.stderr


def test_a_reviewed_theme_whose_codings_changed_is_not_announced_as_one_with_grey_sentences(demo_copy, tmp_path):
    """A theme accepted whole, then coded on again, is shaded yellow only; the report's note also named it
    among "the sentences not yet reviewed of urgentie (grey)", and a writer went looking for grey text."""
    p = str(demo_copy)
    for args in (("summary", "draft", "--theme", "urgentie"), ("summary", "accept", "--theme", "urgentie"),
                 ("code", "R04", "urgentie/docententekort", "--sentence", "20")):
        assert sq(*args, "-p", p).returncode == 0
    r = sq("report", "-p", p, "-o", tmp_path / "h.docx")
    assert r.returncode == 0, r.stderr
    assert "(shaded yellow; their counts may be out of date): Urgentie" in r.stderr
    assert "not yet reviewed of urgentie" not in r.stderr and "(grey)" not in r.stderr
    assert "'Concept' (vmbo-in-the-lead, collectief-optrekken, financieringsonzekerheid)" in r.stderr


def test_docs_shows_the_region_type_first_whatever_order_the_headers_give(tmp_path):
    """A researcher's first transcript's header gave its date and who was present before its region: the
    docs table, cut at its width, showed "date=…, aanwezig=Gerrit Hoekstra (penvoerder), Ann…" and no region."""
    p = tmp_path / "s.db"
    assert sq("init", p).returncode == 0
    heads = ("date: 2023-11-21\naanwezig: Gerrit Hoekstra (penvoerder), Annelies Verbeek (programmaleider)\n"
             "region: Rivierenland-West\nregion_type: gemengd", "region: Kop\nregion_type: krimp\ndate: 2023-12-04")
    for i, head in enumerate(heads, 1):
        (tmp_path / f"W0{i}.txt").write_text(f"---\n{head}\n---\nInterviewer: Hoe staat het ervoor?\n\nGerrit: Wij "
                                             f"vinden al {i} jaar geen docenten voor techniek (fictief).\n", encoding="utf-8")
        assert sq("import", tmp_path / f"W0{i}.txt", "-p", p).returncode == 0
    table = sq("docs", "-p", p).stdout.splitlines()[2:]
    assert [row.split("  ")[-1].strip().split(",")[0] for row in table] == ["region_type=gemengd", "region_type=krimp"]


def test_characters_shown_as_nothing_are_not_imported_and_search_finds_the_word(tmp_path):
    """A transcript wrote ‘Techniek\u200bHuis’ with a zero-width space: `search TechniekHuis` found nothing,
    `search Techniek` found it, and nothing said why. A soft hyphen and a word joiner split a word as well."""
    p = tmp_path / "s.db"
    assert sq("init", p).returncode == 0
    f = tmp_path / "W01.txt"
    f.write_text("Interviewer: Waar werken jullie?\n\nAnna: In het Techniek\u200bHuis, met de tech\u00adniek\u2060docenten "
                 "van drie scholen (fictief).\n", encoding="utf-8")
    assert sq("import", f, "-p", p).returncode == 0
    for word in ("TechniekHuis", "techniekdocenten"):
        r = sq("search", word, "-p", p, "--format", "json")
        assert r.returncode == 0 and len(json.loads(r.stdout)) == 1, (word, r.stdout, r.stderr)
    shown = sq("show", "W01", "-p", p).stdout
    assert "TechniekHuis" in shown and not any(c in shown for c in "\u200b\u00ad\u2060")


def test_importing_a_folder_again_repeats_no_note_on_how_a_skipped_files_attributes_were_read(tmp_path):
    """Each import of the same folder said again "the front matter's 'regio' is read as 'region'" for a
    file it skipped as already imported, or refused."""
    p = tmp_path / "s.db"
    assert sq("init", p).returncode == 0
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "W02.md").write_text("---\nregio: Kop\nregiotype: krimp\n---\nInterviewer: Hoe gaat het?\n\n"
                                            "Anna: We vinden geen docenten voor techniek (fictief).\n", encoding="utf-8")
    first = sq("import", tmp_path / "in", "-p", p)
    assert "the front matter's 'regio' is read as 'region'" in first.stderr + first.stdout
    again = sq("import", tmp_path / "in", "-p", p)
    assert again.returncode == 0 and "skipped" in again.stdout
    assert "is read as" not in again.stderr + again.stdout, again.stderr


def test_a_column_of_fewer_than_three_interviews_is_said_beside_the_table_as_the_workbook_says_it(demo_copy):
    """`stats --by region_type --wide` printed an "eiland (1)" column, the island's own answers, without the
    warning the workbook gives of the same column; so did `matrix --label-by region_type`."""
    for args, what in ((("stats", "--by", "region_type", "--wide"), "columns"), (("stats", "--by", "region_type"),
                                                                               "values"),
                       (("matrix", "--label-by", "region_type"), "columns")):
        r = sq(*args, "-p", demo_copy)
        assert r.returncode == 0
        assert (f"note: 1 of these {what} counts fewer than three interviews (eiland: R01): those interviews' "
                "answers, which the chapter's tables leave out; keep it within the team") in r.stderr, r.stderr
    assert "fewer than three" not in sq("stats", "--by", "region", "-p", demo_copy).stderr  # each one: nothing to say
    assert "fewer than three" not in sq("stats", "--by", "region_type", "--where", "region_type!=eiland",
                                        "-p", demo_copy).stderr


def test_a_coders_chapter_counts_the_others_codings_left_out_in_her_interviews(demo_copy, tmp_path):
    """`report --coder onderzoeker-b`, a chapter on the six interviews she coded, said "not counted: the codings of
    onderzoeker-a (534 codings)": every interview's, where a --where chapter counts those in its interviews."""
    r = sq("report", "--coder", "onderzoeker-b", "-o", tmp_path / "b.docx", "-p", demo_copy)
    assert r.returncode == 0, r.stderr
    mine = json.loads(sq("codings", "--coder", "onderzoeker-b", "--format", "json", "-p", demo_copy).stdout)
    docs = {c["doc"] for c in mine}
    hers = [c for c in json.loads(sq("codings", "--coder", "onderzoeker-a", "--format", "json", "-p", demo_copy).stdout)
            if c["doc"] in docs]
    assert f"not counted: the codings of onderzoeker-a ({len(hers)} codings in these interviews)" in r.stderr, r.stderr


def test_the_report_says_starred_passages_coded_with_a_theme_itself_are_not_quoted_in_its_text(demo_copy, tmp_path):
    """A researcher who coded most of a theme with the theme itself starred two such passages: the text quoted only
    the sub-codes' passages, hers reached the appendix alone, and nothing said why."""
    own = [c for c in json.loads(sq("codings", "--code", "collectief-optrekken", "--coder", "onderzoeker-a",
                                    "--format", "json", "-p", demo_copy).stdout)
           if c["code"] == "collectief-optrekken" and not c["starred"]][:2]
    for c in own:
        assert sq("star", c["id"], "-p", demo_copy).returncode == 0
    r = sq("report", "-o", tmp_path / "h.docx", "-p", demo_copy)
    assert r.returncode == 0, r.stderr
    assert ("warning: 2 starred passages coded with a theme itself (Collectief optrekken: 2) are not quoted in the "
            "text, which quotes a theme's sub-codes") in r.stderr, r.stderr


def test_another_coders_memo_on_a_coding_without_one_is_signed_too(demo_copy):
    """`memo 746 "Zie ook R05." --append --coder bram` on anna's coding without a memo stored bram's words as
    anna's memo, unsigned; after a memo of hers they were signed."""
    theirs = next(c for c in json.loads(sq("codings", "--coder", "onderzoeker-b", "--format", "json",
                                           "-p", demo_copy).stdout) if not c["memo"])
    assert sq("memo", theirs["id"], "Zie ook R05.", "--append", "-p", demo_copy).returncode == 0
    now = next(c for c in json.loads(sq("codings", "--coder", "onderzoeker-b", "--format", "json",
                                        "-p", demo_copy).stdout) if c["id"] == theirs["id"])
    assert now["memo"] == "onderzoeker-a: Zie ook R05."


def test_the_init_the_demo_suggests_runs_as_printed(tmp_path, monkeypatch):
    """`demo --project P --no-tui` printed `sto-qual init studie.db --project P`: run as printed, "two project
    files given"."""
    import re
    monkeypatch.chdir(tmp_path)
    r = sq("demo", "--project", tmp_path / "demo.db", "--no-tui")
    suggested = re.search(r"`sto-qual (init [^`]*)`", r.stdout + r.stderr).group(1)
    assert "--project" not in suggested, suggested
    assert sq(*suggested.split()).returncode == 0 and (tmp_path / "studie.db").exists()


def test_a_part_chapter_says_which_of_its_quotes_the_whole_chapter_retells_anonymously(demo_copy, tmp_path):
    """The krimp chapter quoted "Op papier zijn wij penvoerder, …" with "— een directeur", which the chapter on
    every interview retells as "Een regio vertelt: …": published side by side, the two tie that example to a role
    in a krimp region, and the side-by-side warning named only the quotes credited to 'een geïnterviewde'."""
    import re
    r = sq("report", "--where", "region_type=krimp", "-o", tmp_path / "k.docx", "-p", demo_copy)
    said = next(line for line in r.stderr.splitlines() if "retells as an anonymous example" in line)
    ids = re.search(r"\(--leave-out ([\d,]+)\)", said).group(1)
    again = sq("report", "--where", "region_type=krimp", "-o", tmp_path / "k2.docx", "--leave-out", ids,
               "-p", demo_copy)
    assert again.returncode == 0 and "retells as an anonymous example" not in again.stderr, again.stderr
    full = sq("report", "-o", tmp_path / "h.docx", "-p", demo_copy)
    assert "retells as an anonymous example" not in full.stderr  # the chapter on every interview: nothing beside it


def test_the_re_testers_round_what_a_filter_leaves_out_and_what_a_mistake_was_meant_as(demo_copy, tmp_path):
    """A re-tester's round: `--where fictional=yes` left out the five interviews with no `fictional` unsaid; the
    pairs' list of `cooccurrence --level interview` paired theme codes with no note; `codings R01` was offered
    `--code R01`; `sto-qual --by region_type stats` had only "No such option"; `memo --append --coder bram`
    started coder bram unsaid; a per-coder workbook's note gave a `stats` command for a workbook."""
    r = sq("stats", "--where", "fictional=yes", "-p", demo_copy)
    assert ("note: 5 interviews have no 'fictional' and are left out by --where fictional=yes: R04, R07, R11, R14, "
            "R16") in r.stderr, r.stderr
    # an auditor's `!=` kept the interview with no region type (16 of 19 counted), unsaid
    assert sq("attribute", "R05", "--clear", "region_type", "-p", demo_copy).returncode == 0
    r = sq("stats", "--where", "region_type!=krimp", "--format", "json", "-p", demo_copy)
    assert ("note: 1 interview has no 'region_type' and is kept by --where region_type!=krimp (add --where "
            "region_type=* to leave it out): R05") in r.stderr, r.stderr
    assert json.loads(r.stdout)[0]["documents_total"] == 16
    r = sq("stats", "--where", "region_type!=krimp", "--where", "region_type=*", "--format", "json", "-p", demo_copy)
    assert json.loads(r.stdout)[0]["documents_total"] == 15 and "has no 'region_type'" not in r.stderr, r.stderr
    r = sq("cooccurrence", "--level", "interview", "-p", demo_copy)
    assert "note: a theme counts here only what was coded with the theme itself; --rollup counts" in r.stderr
    assert "--rollup counts" not in sq("cooccurrence", "--rollup", "-p", demo_copy).stderr
    assert "(--doc R01 for a document, --code R01 for a code)" in _error(sq("codings", "R01", "-p", demo_copy), 2)
    assert "a command's options come after its name (sto-qual stats --by …)" in _error(
        sq("--by", "region_type", "stats", "-p", demo_copy), 2)
    r = sq("memo", "5", "Eens.", "--append", "--coder", "bram", "-p", demo_copy)
    assert r.returncode == 0 and "note: 'bram' is a new coder in this project" in r.stderr, r.stderr
    r = sq("export", "-o", tmp_path / "b.xlsx", "--coder", "onderzoeker-b", "-p", demo_copy)
    assert "`sto-qual export -o FILE.xlsx --coder onderzoeker-b --where doc=R02,R05,R07,R11,R14,R18" in r.stderr
    assert "a 0 in a column of interviews onderzoeker-b did not code says nothing" in r.stderr


def test_a_memo_begun_by_another_coders_append_signs_the_coders_own_words_after_it(demo_copy):
    """bram's --append began a memo on anna's coding ("bram: b1"); anna's own --append after it was stored
    unsigned and read as bram's. `uncode` and `star` with a --coder the project lacks say it is a new coder."""
    mine = next(c for c in json.loads(sq("codings", "--coder", "onderzoeker-a", "--format", "json",
                                         "-p", demo_copy).stdout) if not c["memo"])
    assert sq("memo", mine["id"], "b1", "--append", "--coder", "bram", "-p", demo_copy).returncode == 0
    assert sq("memo", mine["id"], "a1", "--append", "-p", demo_copy).returncode == 0
    now = next(c for c in json.loads(sq("codings", "--coder", "onderzoeker-a", "--format", "json",
                                        "-p", demo_copy).stdout) if c["id"] == mine["id"])
    assert now["memo"] == "bram: b1\n\nonderzoeker-a: a1"
    star = sq("star", mine["id"], "--coder", "carla", "-p", demo_copy)
    assert "note: 'carla' is a new coder in this project" in star.stderr, star.stderr
    gone = sq("uncode", mine["id"], "--coder", "dirk", "-p", demo_copy)
    assert gone.returncode == 0 and "note: 'dirk' is a new coder in this project" in gone.stderr, gone.stderr
