"""An analyst's round on the demo: a subset exported to Excel (`export --where`), attributes
that are numbers or yes/no kept as such, numeric values in numeric order, a mistyped key
answered with the near one, and the notes that say what a figure counts (roles, themes in
agreement, the codebook's codings)."""
from __future__ import annotations

import csv
import io
import json
import re

from cli_runner import sq


def _ok(r):
    assert r.returncode == 0, r.stderr
    return r


def test_export_where_keeps_only_those_interviews_in_codings_counts_and_notes(demo_copy, tmp_path):
    from openpyxl import load_workbook
    krimp = {d["name"] for d in json.loads(_ok(sq("docs", "-p", demo_copy, "--format", "json")).stdout)
             if d["attributes"]["region_type"] == "krimp"}
    assert len(krimp) == 4
    listed = json.loads(_ok(sq("docs", "-p", demo_copy, "--where", "region_type=Krimp", "--format", "json")).stdout)
    assert {d["name"] for d in listed} == krimp  # `docs --where` lists the interviews a filter keeps
    assert "note: 4 of 19 documents have region_type=Krimp" in sq("docs", "-p", demo_copy, "--where",
                                                                  "region_type=Krimp").stderr
    out = tmp_path / "krimp.xlsx"
    r = _ok(sq("export", "-p", demo_copy, "-o", out, "--where", "region_type=krimp"))
    wb = load_workbook(out)
    sheet = wb["codings"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {r_[header.index("doc")] for r_ in rows} == krimp
    assert f"{len(rows)} codings" in r.stdout
    all_rows = json.loads(_ok(sq("codings", "-p", demo_copy, "--format", "json")).stdout)
    assert len(rows) == sum(1 for c in all_rows if c["doc"] in krimp)
    # the counts are over those four: as `stats --where` counts them
    counts = {row[0]: row[1:3] for row in wb["counts"].iter_rows(min_row=2, values_only=True)}
    stats = json.loads(_ok(sq("stats", "-p", demo_copy, "--where", "region_type=krimp", "--format", "json")).stdout)
    assert {s["code"]: (s["documents"], s["documents_total"]) for s in stats} == \
        {code: tuple(v) for code, v in counts.items()}
    notes = [n for (n,) in wb["toelichting"].iter_rows(min_row=2, values_only=True)]
    assert notes[0] == f"Alleen de interviews met region_type=krimp: 4 van de 19 ({', '.join(sorted(krimp))})"
    assert any("gedeeld door alle 4 interviews" in n for n in notes)
    # the whole project as before without --where
    whole = tmp_path / "all.xlsx"
    _ok(sq("export", "-p", demo_copy, "-o", whole))
    assert load_workbook(whole)["codings"].max_row - 1 == len(all_rows)


def test_export_where_in_csv_and_the_chapter_and_refused_where_every_interview_is_held(demo_copy, tmp_path):
    out = tmp_path / "stedelijk.csv"
    _ok(sq("export", "-p", demo_copy, "-o", out, "--where", "region_type=stedelijk"))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        types = {row["attr_region_type"] for row in csv.DictReader(fh)}
    assert types == {"stedelijk"}
    md = tmp_path / "chapter.md"
    _ok(sq("export", "-p", demo_copy, "-o", md, "--where", "region_type=stedelijk"))
    assert md.exists()
    for name in ("project.qdpx", "grid.xlsx"):
        r = sq("export", "-p", demo_copy, "-o", tmp_path / name, "--where", "region_type=krimp")
        assert r.returncode == 1 and "Traceback" not in r.stderr
        assert "--where is for the codings" in r.stderr and len(r.stderr.strip().splitlines()) == 1
        assert not (tmp_path / name).exists()
    # --grid asked for: the way out is to leave --grid out (it said "or export to .docx" to a .docx)
    r = sq("export", "-p", demo_copy, "-o", tmp_path / "g.docx", "--grid", "--where", "region_type=krimp")
    assert r.returncode == 1 and "or leave out --grid" in r.stderr and "export to" not in r.stderr, r.stderr
    r = sq("export", "-p", demo_copy, "-o", tmp_path / "x.xlsx", "--where", "regiontype=krimp")
    assert r.returncode == 1 and "did you mean region_type?" in r.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_numbers_and_yes_no_attributes_stay_so_in_the_spreadsheets(demo_copy, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "t.xlsx"
    _ok(sq("export", "-p", demo_copy, "-o", out))
    sheet = load_workbook(out)["codings"]
    header = [c.value for c in sheet[1]]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert isinstance(row[header.index("attr_school_boards")], int)
    assert row[header.index("attr_fictional")] is True
    assert isinstance(row[header.index("attr_region")], str)  # "R01": text
    nl = tmp_path / "t.csv"
    _ok(sq("export", "-p", demo_copy, "-o", nl, "--csv-nl"))
    with open(nl, encoding="utf-8-sig", newline="") as fh:
        values = {row["attr_fictional"] for row in csv.DictReader(fh, delimiter=";")}
    assert "ja" in values and values <= {"ja", ""}  # an interview without the attribute: empty


def test_whole_numbers_only_become_numbers():
    from sto_qual.domain.spreadsheet import whole_number
    assert [whole_number(v) for v in ("3", "12", "0", "007", "R01", "3,5", "ja", 4, None)] == \
        [3, 12, 0, "007", "R01", "3,5", "ja", 4, None]


def test_numeric_values_sort_by_size():
    from sto_qual.domain.text import natural_key
    assert sorted(["10", "2", "1", "11", "3"], key=natural_key) == ["1", "2", "3", "10", "11"]
    assert sorted(["R10", "r2", "R1"], key=natural_key) == ["R1", "r2", "R10"]
    assert sorted(["stedelijk", "Gemengd", "krimp"], key=natural_key) == ["Gemengd", "krimp", "stedelijk"]


def test_stats_by_a_numeric_attribute_lists_its_values_in_numeric_order(demo_copy):
    rows = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "school_boards", "--format", "json")).stdout)
    values = [r["value"] for r in rows if r["code"] == rows[0]["code"]]
    assert values == sorted(values, key=int) and "10" in values and "2" in values


def test_a_mistyped_key_gets_the_near_one(demo_copy):
    r = sq("stats", "-p", demo_copy, "--where", "regiontype=krimp")
    assert r.returncode == 1 and "(did you mean region_type?)" in r.stderr
    r = sq("stats", "-p", demo_copy, "--by", "rol")
    assert r.returncode == 1 and "(did you mean role?)" in r.stderr
    # a key in another case is the key, for --by as for --where
    upper = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "Region_Type", "--format", "json")).stdout)
    assert upper == json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "region_type", "--format", "json")).stdout)
    assert "note: --by role counts" in _ok(sq("stats", "-p", demo_copy, "--by", "Role")).stderr
    # and in the Dutch words an attributes table heads it with, which the import reads as the key
    dutch = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "Type regio", "--format", "json")).stdout)
    assert dutch == upper


def test_the_notes_say_what_a_figure_counts(demo_copy):
    by_role = _ok(sq("stats", "-p", demo_copy, "--by", "role"))
    assert "note: --by role counts who said the coded passage" in by_role.stderr
    assert "respondent_roles" in by_role.stderr
    # one interviewer's question coded: the interviewer has a row for that code, not a row of zeros for each
    _ok(sq("code", "-p", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "1", "--coder", "onderzoeker-a"))
    rows = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "role", "--format", "json")).stdout)
    assert [(r["code"], r["documents"]) for r in rows if r["value"] == "interviewer"] == [("urgentie", 1)]
    assert any(r["documents"] == 0 for r in rows if r["value"] != "interviewer")  # a respondent's zero says something
    by_attr = _ok(sq("stats", "-p", demo_copy, "--by", "respondent_roles"))
    assert "note: --by respondent_roles counts the interviews where a role took part" in by_attr.stderr
    # its codings add up to more than the total: each interview's under every role present, said
    rows = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "respondent_roles", "--format", "json")).stdout)
    total = {r["code"]: r["codings"] for r in json.loads(_ok(sq("stats", "-p", demo_copy, "--format", "json")).stdout)}
    assert sum(r["codings"] for r in rows if r["code"] == "urgentie") > total["urgentie"]
    assert "the rows of an interview with several add up to more than its codings" in by_attr.stderr
    # --passages alone lists the disagreements by passage, as with --disagreements (it was ignored)
    alone = _ok(sq("agreement", "-p", demo_copy, "--passages", "--format", "json")).stdout
    assert json.loads(alone) and alone == _ok(sq("agreement", "-p", demo_copy, "--passages", "--disagreements",
                                                 "--format", "json")).stdout
    per_code = _ok(sq("agreement", "-p", demo_copy))
    assert "note: each code is compared on its own" in per_code.stderr and "`--rollup`" in per_code.stderr
    assert "note: each code is compared" not in _ok(sq("agreement", "-p", demo_copy, "--rollup")).stderr
    # an alpha over a handful of sentences is said to be uncertain, with each such code's number of sentences
    rows = json.loads(_ok(sq("agreement", "-p", demo_copy, "--format", "json")).stdout)
    few = [f"{r['code']} ({n})" for r in rows if 0 < (n := r["both"] + r["only_a"] + r["only_b"]) < 10]
    assert "financieringsonzekerheid/geen-impact (6)" in few
    assert ("note: an alpha over fewer than 10 sentences (both + only_a + only_b) is itself uncertain: one sentence "
            f"moves it far; {', '.join(few)}") in per_code.stderr
    book = _ok(sq("codebook", "-p", demo_copy))
    assert "note: codings are each code's own, by every coder (onderzoeker-a, onderzoeker-b)" in book.stderr


def test_a_role_that_speaks_but_whose_passages_a_coder_left_uncoded_keeps_its_row_of_zeros(demo_copy):
    """A coder who had coded only a bestuurder's passage in R03 got `stats --by role` rows for the
    bestuurders alone: the directors of R03 (and every other role) were gone, not counted as none."""
    _ok(sq("code", "-p", demo_copy, "--doc", "R03", "--code", "urgentie", "--turn", "5", "--coder", "zoe"))
    rows = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "role", "--coder", "zoe", "--format", "json")).stdout)
    every = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "role", "--format", "json")).stdout)
    assert {r["value"] for r in rows} == {r["value"] for r in every} >= {"bestuurder", "directeur", "penvoerder"}
    theirs = {r["value"]: (r["documents"], r["documents_total"]) for r in rows if r["code"] == "urgentie"}
    assert theirs["bestuurder"][0] == 1 and theirs["directeur"] == (0, theirs["directeur"][1])
    assert theirs["directeur"][1] > 0


def test_a_yes_no_attribute_is_filtered_and_shown_as_yes_or_no(demo_copy):
    """`attribute R01` shows "fictional yes", but `--where fictional=yes` was refused with
    "(fictional: True)", and `stats --by fictional` printed True: one value four ways."""
    kept = {d["name"] for d in json.loads(_ok(sq("docs", "-p", demo_copy, "--format", "json")).stdout)
            if d["attributes"].get("fictional") is True}
    assert kept
    for wanted in ("yes", "ja", "true", "True"):
        rows = json.loads(_ok(sq("docs", "-p", demo_copy, "--where", f"fictional={wanted}", "--format", "json")).stdout)
        assert {d["name"] for d in rows} == kept, wanted
    r = sq("stats", "-p", demo_copy, "--where", "fictional=nee")
    assert r.returncode == 1 and "(fictional: yes" in r.stderr
    by = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "fictional", "--format", "json")).stdout)
    assert {row["value"] for row in by} == {"yes"}


def test_matrix_label_by_a_mistyped_attribute_gets_the_near_one(demo_copy):
    r = sq("matrix", "-p", demo_copy, "--label-by", "regoin")
    assert r.returncode == 1 and "(did you mean region?)" in r.stderr


def test_the_docs_table_shows_research_attributes_before_the_files_title(demo_copy):
    """The attributes column, cut at its width, showed "title=Stuurgroepinterview regio R16
    (fictief), created=2023…": the region type never showed. The file's own title and date come
    last in the table; JSON keeps every attribute."""
    table = _ok(sq("docs", "-p", demo_copy)).stdout.splitlines()
    r16 = next(line for line in table if " R16 " in line)
    assert "region=R16" in r16 and "region_type=" in r16 and "title=" not in r16, r16
    rows = json.loads(_ok(sq("docs", "-p", demo_copy, "--format", "json")).stdout)
    assert next(r for r in rows if r["name"] == "R16")["attributes"]["title"].startswith("Stuurgroepinterview")


def test_the_docs_table_lists_every_interviews_attributes_in_one_order(demo_copy):
    """The Word transcripts' attributes came region, date, region_type, the text files' region,
    region_type, school_boards, date: R04's region type stood where R03's school boards did, and
    the cut column lost it. Every row now follows one order."""
    table = _ok(sq("docs", "-p", demo_copy)).stdout.splitlines()[2:]
    orders = {tuple(kv.split("=")[0] for kv in line.split("  ")[-1].strip().split(", ")[:3]) for line in table}
    assert orders == {("region_type", "region", "school_boards")}, table  # the one compared by first


def test_a_value_in_other_capitals_is_one_group_and_a_value_listed_twice_counts_once(tmp_path):
    """Six interviews, three written "Krimp" and three "krimp": `stats --by region_type` had two
    rows and the chapter's table two columns both headed "krimpregio's (N=3)", while
    `--where region_type=krimp` took all six. And `region_type: [krimp, krimp, KRIMP]` counted
    one coding of 11 words as two codings of 22 words under krimp and one under KRIMP."""
    from tests_support import SMALL
    project = tmp_path / "p.db"
    _ok(sq("init", project))
    files = []
    for i, kind in enumerate(["Krimp", "krimp", "Krimp", "krimp", "stedelijk", "[krimp, krimp, KRIMP]"], 1):
        f = tmp_path / f"C0{i}.md"
        f.write_text(SMALL.replace("R90", f"C0{i}").replace("stedelijk", kind).replace("date:", 'thema: ""\ndate:')
                     .replace("Goedemiddag.", f"Goedemiddag, gesprek {i}."), encoding="utf-8")
        files.append(f)
    _ok(sq("import", "-p", project, *files))
    for i in range(1, 7):
        _ok(sq("code", "-p", project, "--doc", f"C0{i}", "--code", "urgentie", "--sentence", "2"))
    rows = json.loads(_ok(sq("stats", "-p", project, "--by", "region_type", "--no-rollup", "--format",
                             "json")).stdout)
    got = {(r["value"], r["documents_total"], r["codings"]) for r in rows if r["code"] == "urgentie"}
    # written as most interviews write it (C02, C04, C06 against C01, C03); C06's krimp once
    assert got == {("krimp", 5, 5), ("stedelijk", 1, 1)}, got
    where = json.loads(_ok(sq("stats", "-p", project, "--where", "region_type=krimp", "--format", "json")).stdout)
    assert next(r["documents_total"] for r in where if r["code"] == "urgentie") == 5
    # an attribute every interview leaves empty is said so; it read "no document has the attribute
    # 'titel' (did you mean titel?)"
    empty = sq("stats", "-p", project, "--by", "thema")
    assert empty.returncode == 1 and empty.stderr.startswith("error: every interview's 'thema' is empty"), empty.stderr


def test_matrix_columns_are_one_per_value_whatever_its_capitals_and_never_a_name_and_a_value_merged(tmp_path):
    """`matrix` put R03 (region R04) and R04 (no region: named by its name) into one column "R04",
    their codings added up without a word, and made two columns of "Noord" and "noord"."""
    db = tmp_path / "p.db"
    _ok(sq("init", "-p", db))
    for name, region in (("R01", "Noord"), ("R02", "noord"), ("R03", "R04"), ("R04", None)):
        head = f"---\nregion: {region}\n---\n" if region else ""
        (tmp_path / f"{name}.txt").write_text(f"{head}Interviewer: Hoe gaat het in {name}?\nJan: Het geld is "
                                              f"onzeker, zegt men in {name}.\n", encoding="utf-8")
    _ok(sq("import", "-p", db, *(tmp_path / f"R0{i}.txt" for i in range(1, 5))))
    _ok(sq("code-add", "-p", db, "geld"))
    for name in ("R01", "R02", "R03", "R04"):
        _ok(sq("code", "-p", db, "--coder", "anna", "--doc", name, "--code", "geld", "--sentence", "2"))
    rows = [r for r in json.loads(_ok(sq("matrix", "-p", db, "--format", "json")).stdout) if r["code"] == "geld"]
    assert rows == [{"code": "geld", "Noord": 2, "R04": 1, "R04 (no region)": 1}], rows
    by_name = json.loads(_ok(sq("matrix", "-p", db, "--label-by", "Region", "--format", "json")).stdout)
    assert [r for r in by_name if r["code"] == "geld"] == rows  # the attribute's name in any capitals, as --by and --where take it
    # with every coder merged (no reference coder) an interview nobody coded is said too: a new
    # project's uncoded interviews were counted as not mentioning the code, unsaid
    (tmp_path / "R05.txt").write_text("Interviewer: En in R05?\nJan: Nog niet gecodeerd.\n", encoding="utf-8")
    _ok(sq("import", "-p", db, tmp_path / "R05.txt"))
    # (one coder: hers, as `report` says it; it said "all coders merged" where `report` said "anna")
    assert ("counting: anna (the only coder); anna coded 4 of the 5 interviews, and the shares "
            "are of all 5 (--where doc=R01,R02,R03,R04 counts over theirs)") in _ok(sq("stats", "-p", db)).stderr
    assert "counting: anna (the only coder)" in _ok(sq("report", "-p", db, "-o", tmp_path / "r.docx")).stderr
    _ok(sq("code", "-p", db, "--coder", "bram", "--doc", "R01", "--code", "geld", "--sentence", "2"))
    assert (f"counting: all coders merged (each span once: anna (4 codings), bram (1 coding); no reference coder is "
            f"set: `sto-qual reference-coder anna --project {db}` counts that coder's alone); the coders coded 4 of "
            "the 5 interviews, and the shares are of all 5 (--where doc=R01,R02,R03,R04 counts over theirs)") in _ok(
        sq("stats", "-p", db)).stderr
    # beside a CSV or JSON too, on stderr: a stats.csv opened in Excel said nowhere whose codings it counts
    for fmt in ("csv", "json"):
        done = _ok(sq("stats", "-p", db, "--format", fmt))
        assert done.stderr.startswith("counting: all coders merged"), done.stderr
        assert "counting" not in done.stdout  # the data alone on stdout


def test_the_counting_line_gives_the_interviews_the_table_is_of(demo_copy):
    """`stats --where region_type=krimp` said "coded 2 of the 19 interviews, and the shares are of
    all 19" over a table whose shares are of the four."""
    _ok(sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b"))
    krimp = {d["name"] for d in json.loads(_ok(sq("docs", "-p", demo_copy, "--where", "region_type=krimp",
                                                 "--format", "json")).stdout)}
    coded = {c["doc"] for c in json.loads(_ok(sq("codings", "-p", demo_copy, "--coder", "consensus",
                                                 "--format", "json")).stdout)}
    mine = len(krimp & coded)
    assert 0 < mine < len(krimp)
    r = _ok(sq("stats", "-p", demo_copy, "--coder", "consensus", "--where", "region_type=krimp"))
    assert f"consensus coded {mine} of the {len(krimp)} interviews, and the shares are of all {len(krimp)}" \
           in r.stderr, r.stderr


def test_a_yes_no_attribute_reads_yes_and_no_in_the_matrix_and_the_documents_list(demo_copy):
    """`matrix --label-by fictional` headed its column "True" where `stats --by` said "yes", and a
    document whose value was no got a column of its own name; `docs` showed "True"."""
    assert sq("attribute", "-p", demo_copy, "R01", "fictional=no").returncode == 0
    header = sq("matrix", "-p", demo_copy, "--label-by", "fictional").stdout.splitlines()[0].split()
    assert header[:3] == ["code", "no", "yes"] and "True" not in header and "R01" not in header, header


def test_a_column_named_after_a_value_is_no_formula_in_the_csv(demo_copy):
    """`matrix --format csv` headed a column with a region's value as given: a region named
    '=HYPERLINK("http://evil","x")' was a formula in the header, where every cell is guarded."""
    _ok(sq("attribute", "-p", demo_copy, "R01", 'region==HYPERLINK("http://evil","x")'))
    for fmt in ("csv", "csv-nl"):
        header = next(csv.reader(io.StringIO(_ok(sq("matrix", "-p", demo_copy, "--format", fmt)).stdout.lstrip("\ufeff")),
                                 delimiter=";" if fmt == "csv-nl" else ","))
        assert "'=HYPERLINK(\"http://evil\",\"x\")" in header and not any(h.startswith("=") for h in header)


def test_agreement_per_interview_is_the_unit_the_chapter_counts(demo_copy):
    """An analyst asked whether both coders found a theme in the same regions, the unit the
    report counts: agreement measured only sentences. --per-interview compares, per code, each
    coder's presence in every interview both coded (MAXQDA's code existence)."""
    scripted = _ok(sq("agreement", "-p", demo_copy, "--per-interview", "--format", "json"))
    rows = json.loads(scripted.stdout)
    codings = json.loads(_ok(sq("codings", "-p", demo_copy, "--format", "json")).stdout)
    both_coded = {"R02", "R05", "R07", "R11", "R14", "R18"}
    # a theme is found where it or any of its sub-codes is, as stats and the chapter count it (the method's
    # figure "at the level this chapter counts" took urgentie as coded with itself: one interview of six)
    found = {(c["coder"], c["code"].rsplit("/", k)[0], c["doc"]) for c in codings if c["doc"] in both_coded
             for k in range(c["code"].count("/") + 1)}
    assert {(r["code"], r["both"]) for r in rows} >= {("urgentie", 6), ("collectief-optrekken", 6)}
    for r in rows:
        a = {d for d in both_coded if ("onderzoeker-a", r["code"], d) in found}
        b = {d for d in both_coded if ("onderzoeker-b", r["code"], d) in found}
        assert (r["interviews"], r["both"], r["only_a"], r["only_b"]) == (6, len(a & b), len(a - b), len(b - a)), r
        assert r["neither"] == 6 - len(a | b)
        assert (r["coder_a"], r["coder_b"]) == ("onderzoeker-a", "onderzoeker-b")  # which two (a script read none)
    # with --passages it printed the passages and dropped --per-interview, unsaid
    both = sq("agreement", "-p", demo_copy, "--per-interview", "--passages")
    assert both.returncode == 2 and both.stdout == ""
    assert "--per-interview counts whole interviews; --passages lists sentences: give one of them" in both.stderr
    themes = json.loads(_ok(sq("agreement", "-p", demo_copy, "--per-interview", "--rollup", "--format", "json")).stdout)
    assert {r["code"]: r["both"] for r in themes}["urgentie"] == 6
    said = _ok(sq("agreement", "-p", demo_copy, "--per-interview"))
    assert "kappa and alpha swing with one interview" in said.stderr and "interviews  both" in said.stdout
    assert "(a theme: itself or any of its sub-codes, as stats and the chapter count it)" in said.stderr
    # the blank kappa of a code both found everywhere is said why (four empty cells, unexplained)
    everywhere = [r for r in rows if r["both"] == 6]
    assert everywhere and all(r["kappa"] is None for r in everywhere)
    assert (f"kappa and alpha are blank for {len(everywhere)} codes both coders found in every interview, or in "
            "none") in said.stderr
    # one figure over every code either found, as MAXQDA gives for code existence: the cells pooled
    used = [r for r in rows if r["both"] or r["only_a"] or r["only_b"]]
    agree = sum(r["both"] + r["neither"] for r in used) / (6 * len(used))
    assert (f"overall, the {len(used)} codes either found pooled ({6 * len(used)} code × interview cells): "
            f"agreement {agree:.2f}, kappa 0.") in said.stdout, said.stdout
    # a script reading JSON has it on stderr, with the interviews compared (it had only "the 6 interviews")
    overall = said.stdout[said.stdout.index("overall, the"):].strip()
    assert overall in scripted.stderr and "6 interviews both coded (R02, R05, R07, R11, R14, R18)" in scripted.stderr


def test_the_documents_csv_has_a_column_per_attribute(demo_copy):
    """`docs --format csv` put every attribute in one JSON cell, awkward in Excel; it now adds a
    column per attribute, as `export -o FILE.csv` writes them, and says that the interviewers'
    names in them are shown as stored."""
    r = _ok(sq("docs", "-p", demo_copy, "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 19 and {"attr_region", "attr_region_type", "attr_interviewer", "attributes"} <= set(rows[0])
    by_name = {row["name"]: row for row in rows}
    assert by_name["R02"]["attr_region_type"] == "krimp" and by_name["R01"]["attr_fictional"] == "yes"
    assert by_name["R04"]["attr_fictional"] == ""  # a document without it: an empty cell
    assert "names on the pseudonym list, shown as stored" in r.stderr
    assert "attr_region" not in _ok(sq("docs", "-p", demo_copy, "--format", "json")).stdout  # JSON as it was


def test_the_codebook_shows_definitions_when_asked_and_an_import_names_the_codes_kept_on_one_line(demo_copy, tmp_path):
    """`codebook` promised "the code tree with definitions" and showed none; a codebook file of
    one code printed a "kept (not in file)" line for each of the 23 others."""
    from tests_support import invoke_cli
    table = invoke_cli(["codebook", "-p", str(demo_copy), "--definitions"]).output.splitlines()
    at = next(i for i, line in enumerate(table) if line.split()[:1] == ["urgentie/docententekort"])
    assert table[at + 1].startswith("      Het tekort aan (technische) docenten"), table[at:at + 2]
    assert "Het tekort aan" not in invoke_cli(["codebook", "-p", str(demo_copy)]).output
    small = tmp_path / "cb.yaml"
    small.write_text("codes:\n  - name: urgentie\n    label: Urgentie\n", encoding="utf-8")
    out = invoke_cli(["codebook-import", "-p", str(demo_copy), str(small)]).output.splitlines()
    kept = [line for line in out if line.startswith("kept (not in file)")]
    assert len(kept) == 1 and kept[0].startswith("kept (not in file): 23 codes: urgentie/docententekort, ")
    assert kept[0].endswith("and 15 more (an import deletes no code)"), kept


def test_stats_counts_one_code_and_its_sub_codes(demo_copy):
    """`report` has --codes and `codings` --code, but `stats` had no way to count one theme."""
    every = {r["code"]: r for r in json.loads(_ok(sq("stats", "-p", demo_copy, "--format", "json")).stdout)}
    one = json.loads(_ok(sq("stats", "-p", demo_copy, "--code", "urgentie", "--format", "json")).stdout)
    assert [r["code"] for r in one] == [c for c in every if c == "urgentie" or c.startswith("urgentie/")]
    assert all(r == every[r["code"]] for r in one)
    by = json.loads(_ok(sq("stats", "-p", demo_copy, "--code", "urgentie/krimp-leerlingaantallen", "--by",
                           "region_type", "--format", "json")).stdout)
    assert {r["code"] for r in by} == {"urgentie/krimp-leerlingaantallen"} and len(by) == 5
    typo = sq("stats", "-p", demo_copy, "--code", "urgentie/docententekrt")
    assert typo.returncode == 1 and "did you mean urgentie/docententekort?" in typo.stderr


def test_the_disagreements_written_to_a_file_say_they_hold_names_as_written(demo_copy):
    """`agreement --passages --format json` printed passages with school and company names and said
    nothing, where `codings --format csv` says so: a file for the meeting, no export."""
    for args in (("--passages", "--format", "json"), ("--disagreements", "--format", "csv")):
        done = sq("agreement", "-p", demo_copy, *args)
        assert done.returncode == 0 and re.search(r"note: \d+ of these passages hold names the pseudonym list "
                                                  r"replaces, shown as stored: keep this file within the team",
                                                  done.stderr), (args, done.stderr)
    assert "pseudonym list" not in sq("agreement", "-p", demo_copy, "--passages").stderr  # read on screen


def test_stats_wide_reads_across_a_row_per_code_and_a_column_per_value(demo_copy):
    """`stats --by region_type` gave 112 rows of code × value; the analyst wanted the code × region
    table she reads across, with interviews (not codings, as `matrix` counts) in its cells."""
    long = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "region_type", "--format", "json")).stdout)
    wide = json.loads(_ok(sq("stats", "-p", demo_copy, "--by", "region_type", "--wide", "--format", "json")).stdout)
    totals = {r["value"]: r["documents_total"] for r in long}
    assert list(wide[0]) == ["code", *(f"{v} ({n})" for v, n in totals.items())]
    assert [r["code"] for r in wide] == list(dict.fromkeys(r["code"] for r in long))
    for r in long:
        row = next(w for w in wide if w["code"] == r["code"])
        assert row[f"{r['value']} ({r['documents_total']})"] == r["documents"]
    table = _ok(sq("stats", "-p", demo_copy, "--by", "region_type", "--wide")).stdout.splitlines()
    assert table[0].split()[:3] == ["code", "eiland", "(1)"] and len(table) == len(wide) + 2
    alone = sq("stats", "-p", demo_copy, "--wide")
    assert alone.returncode == 2 and "--wide needs --by" in alone.stderr


def test_agreement_says_the_chapter_gives_the_figures_kept_when_the_agreed_coding_was_started(demo_copy):
    """After the meeting a coder changed her codings: `agreement` gave today's figures and the
    chapter counting the agreed coding those kept at its start, and nothing said why they differ."""
    _ok(sq("agreed", "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "-p", demo_copy))
    _ok(sq("reference-coder", "consensus", "-p", demo_copy))
    assert "these are their codings today" not in _ok(sq("agreement", "-p", demo_copy)).stderr
    theirs = [c for c in json.loads(_ok(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format",
                                           "json")).stdout)][:60]
    for c in theirs:
        _ok(sq("uncode", c["id"], "-p", demo_copy, "--coder", "onderzoeker-b"))
    said = _ok(sq("agreement", "-p", demo_copy)).stderr
    assert ("note: these are their codings today; the report counts consensus, and its method gives their agreement "
            "when consensus was started, before their differences were discussed (alpha 0.69, and per code its own "
            "figures)") in said, said
    assert "these are their codings today" not in _ok(sq("agreement", "-p", demo_copy, "--rollup")).stderr


def test_the_wide_table_gives_shares_to_compare_groups_of_different_sizes(demo_copy):
    """`stats --by region_type --wide` gave counts only ("krimp (4): 2" beside "gemengd (5): 2"), where
    F6 shows "2 (50%)": --share gives each cell's share of its column's interviews, as JSON and CSV too."""
    long = json.loads(sq("stats", "-p", demo_copy, "--by", "region_type", "--format", "json").stdout)
    wide = json.loads(sq("stats", "-p", demo_copy, "--by", "region_type", "--wide", "--share", "--format",
                         "json").stdout)
    want = {(r["code"], r["value"]): round(r["documents"] / r["documents_total"], 4) for r in long}
    got = {(row["code"], key.rsplit(" (", 1)[0]): v for row in wide for key, v in row.items() if key != "code"}
    assert got == {k: want.get(k, 0.0) for k in got} and any(0 < v < 1 for v in got.values())
    refused = sq("stats", "-p", demo_copy, "--share")
    assert refused.returncode == 2 and "--share needs --wide" in refused.stderr
