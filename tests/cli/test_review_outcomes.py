"""What a reviewer found when comparing the README with the tool: outcomes that were silent,
figures only a person could read, a refusal that still left a backup, contradictory or empty
options accepted, a count that disagreed with its listing, a line number that pointed elsewhere."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli_runner import sq
from sto_qual.domain.wording import two_decimals
from sto_qual.services import Workspace


def _json(*args):
    r = sq(*args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_agreement_json_and_csv_carry_the_scope_and_overall_figures(demo_copy):
    """The overall alpha and mean kappa were only in the table's last line."""
    table = sq("agreement", "-p", demo_copy)
    last = table.stdout.strip().splitlines()[-1]
    assert last.startswith("onderzoeker-a (a) vs onderzoeker-b (b), 6 documents both coded")  # (only_a, only_b)
    assert "overall_alpha" not in table.stdout  # the table for people keeps its own summary line
    rows = _json("agreement", "-p", demo_copy)
    assert isinstance(rows, list) and len(rows) > 1
    for row in rows:
        assert (row["coder_a"], row["coder_b"], row["documents"]) == ("onderzoeker-a", "onderzoeker-b", 6)
        # the line rounds as the table above it does (it printed 0.64 beside 0.5717 and 0.9885)
        assert f"overall alpha {two_decimals(row['overall_alpha'])}," in last
        assert f"mean kappa {two_decimals(row['mean_kappa'])}," in last
        assert last.endswith(f"agreement {two_decimals(row['overall_percent_agreement'])}") and row["level"] == "codes"
        assert {"code", "kappa", "alpha", "char_overlap"} <= set(row)  # the documented keys stay
    first = next(csv.DictReader(io.StringIO(sq("agreement", "-p", demo_copy, "--format", "csv").stdout)))
    assert first["overall_alpha"] == str(rows[0]["overall_alpha"]) and first["coder_b"] == "onderzoeker-b"
    # every interview both coded is coded by both: no warning; the per-cent figure is explained
    note, few, themes = table.stderr.splitlines()  # and that a theme and its sub-codes are compared apart
    assert note.startswith("note: agreement (per cent) counts a sentence neither coder gave a code as agreeing")
    assert few.startswith("note: an alpha over fewer than 10 sentences (both + only_a + only_b) is itself uncertain")
    assert themes.startswith("note: each code is compared on its own")


def test_agreement_warns_of_an_interview_one_stray_coding_made_both_coded(demo_copy, tmp_path):
    """One coding under the second coder's name on R03 (typed for the wrong coder) made R03
    "both coded": the overall alpha fell from 0.69 to 0.65 and every coding of the first coder
    there counted as a disagreement, without a word, in `agreement` and in the report's
    method paragraph."""
    assert sq("code", "-p", demo_copy, "--doc", "R03", "--code", "urgentie/arbeidsmarkt", "--start", "1334",
              "--end", "1611", "--coder", "onderzoeker-b").returncode == 0
    r = sq("agreement", "-p", demo_copy)
    assert "7 documents both coded" in r.stdout
    said = [line for line in r.stderr.strip().splitlines()
            if not line.startswith(("note: agreement (per cent)", "note: each code is compared",
                                    "note: an alpha over"))]
    assert len(said) == 1 and said[0].startswith("warning: R03 is compared as coded by both, but onderzoeker-b "
                                                 "has 1 coding there against 30 by onderzoeker-a"), said
    assert f"`sto-qual codings --doc R03 --coder onderzoeker-b --project {demo_copy}`" in said[0]
    assert r.stdout.strip().splitlines()[-1].startswith("onderzoeker-a (a) vs")  # the table first, then the warning
    rep = sq("report", "-p", demo_copy, "-o", tmp_path / "h.docx")
    assert rep.returncode == 0 and "the agreement in the method paragraph: R03 is compared" in rep.stderr
    for sentence in ("40", "60"):  # three stray codings are still strays (30 against 3)
        assert sq("code", "-p", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", sentence,
                  "--coder", "onderzoeker-b").returncode == 0
    r = sq("agreement", "-p", demo_copy)
    assert "onderzoeker-b has 3 codings there against 30 by onderzoeker-a" in r.stderr, r.stderr


def test_an_attributes_row_for_a_file_not_imported_is_named(tmp_path):
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    (tmp_path / "R90.txt").write_text("Interviewer: Hoe gaat het?\n\nJan: Goed, dank je.\n", encoding="utf-8")
    attrs = tmp_path / "attributes.csv"
    attrs.write_text("file,region\nR90.txt,R90\nT99,R99\n", encoding="utf-8")
    r = sq("import", "-p", db, tmp_path / "R90.txt", "--attributes", attrs)
    assert r.returncode == 0, r.stderr
    assert f"{attrs}:3: no file 'T99' in this import" in r.stderr, r.stderr
    assert "R90.txt" not in r.stderr


def test_survey_rows_without_an_answer_are_counted_not_dropped(tmp_path):
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    survey = tmp_path / "enquete.csv"
    survey.write_text("respondent,antwoord\nS1,De samenwerking met het mbo is veel beter geworden.\nS2,\n"
                      "S3,Wij missen vooral technische docenten in de regio.\nS4,  \n", encoding="utf-8")
    r = sq("import", "-p", db, survey, "--text-column", "antwoord", "--id-column", "respondent")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "2 imported, 0 skipped, 0 refused"
    assert "enquete.csv: 2 row(s) left out, no answer in 'antwoord' (lines 3, 5)" in r.stderr, r.stderr
    data = _json("import", "-p", db, survey, "--text-column", "antwoord", "--id-column", "respondent")
    assert any("2 row(s) left out" in w for w in data["warnings"])  # said again when nothing is new


def _survey_imported(tmp_path, table: str):
    """A new project with the survey ``table`` (enquete.csv) imported: (project, the import's result)."""
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    survey = tmp_path / "enquete.csv"
    survey.write_text(table, encoding="utf-8")
    r = sq("import", "-p", db, survey, "--text-column", "antwoord", "--id-column", "respondent")
    assert r.returncode == 0, r.stderr
    return db, r


def test_a_survey_id_given_to_two_rows_is_said(tmp_path):
    """A repeated respondent id became document enquete-S1-2 without a word (two answers filed
    under one respondent's id, or a typo in the id column)."""
    db, r = _survey_imported(tmp_path, "respondent,antwoord\nS1,De samenwerking met het mbo is veel beter geworden.\n"
                                       "S2,Wij missen vooral technische docenten in de regio.\n"
                                       "S1,\"Het geld na 2027 is onzeker, dat remt ons.\"\n")
    assert ("enquete.csv: 1 id(s) in 'respondent' given to more than one row: 'S1' (lines 2 and 4); each row is "
            "its own document, the later ones numbered (-2, -3)") in r.stderr, r.stderr
    assert {d["name"] for d in json.loads(sq("docs", "-p", db, "--format", "json").stdout)} == {
        "enquete-S1", "enquete-S2", "enquete-S1-2"}


def test_a_formula_cell_no_spreadsheet_computed_is_said_not_dropped(tmp_path):
    """A workbook written by a script keeps its formulas without their values: an answer built by a
    formula read as empty, and its row was left out as "no answer", with nothing about why."""
    import openpyxl
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    survey = tmp_path / "enquete.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["respondent", "antwoord", "score"])
    wb.active.append(["S1", "De samenwerking met het mbo is veel beter geworden dan vroeger.", 3])
    wb.active.append(["S2", '="Wij missen "&"vooral technische docenten."', "=C2+1"])
    wb.active.append(["S3", "Het geld na 2027 is onzeker, dat remt ons.", "=C2*2"])
    wb.save(survey)
    r = sq("import", "-p", db, survey, "--text-column", "antwoord", "--id-column", "respondent")
    assert r.returncode == 0, r.stderr
    assert ("enquete.xlsx: 3 formula cell(s) without a computed value read as empty (B3, C3, C4); open the "
            "workbook in Excel or LibreOffice, save it (which stores the values) and import it again") in r.stderr
    # a workbook without formulas gets no note
    computed = tmp_path / "berekend.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["respondent", "antwoord", "score"])
    wb.active.append(["S1", "De samenwerking met het mbo is veel beter geworden dan vroeger.", 3])
    wb.save(computed)
    r = sq("import", "-p", db, computed, "--text-column", "antwoord", "--id-column", "respondent")
    assert r.returncode == 0 and "formula" not in r.stderr.replace(str(db), ""), r.stderr


def test_pseudonyms_import_twice_says_nothing_was_added(demo_copy, tmp_path):
    """A second import said "2 pseudonym(s) imported" although nothing was added."""
    names = tmp_path / "names.csv"
    names.write_text("name,replacement\nAnna de Wit,een docent\nHoornsand,[plaats]\n", encoding="utf-8")
    first = sq("pseudonyms", "import", "-p", demo_copy, names)
    assert first.returncode == 0 and first.stdout.strip() == f"{names}: 1 added, 0 updated, 1 already present"
    again = sq("pseudonyms", "import", "-p", demo_copy, names)
    assert again.stdout.strip() == f"{names}: 0 added, 0 updated, 2 already present"
    names.write_text("name,replacement\nAnna de Wit,een docent\nHoornsand,[eiland]\n", encoding="utf-8")
    changed = sq("pseudonyms", "import", "-p", demo_copy, names)
    assert changed.stdout.strip() == f"{names}: 0 added, 1 updated, 1 already present"


def test_a_refused_code_merge_leaves_no_backup(demo_copy):
    before = {p.name for p in demo_copy.parent.iterdir()}
    r = sq("code-merge", "urgentie", "urgentie/docententekort", "-p", demo_copy)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "cannot merge 'urgentie' into its own sub-code 'urgentie/docententekort'" in r.stderr
    assert sq("code-add", "vmbo-in-the-lead/arbeidsmarkt", "-p", demo_copy).returncode == 0
    r = sq("code-merge", "vmbo-in-the-lead", "urgentie", "-p", demo_copy)  # urgentie/arbeidsmarkt exists
    assert r.returncode == 1 and "would create a second 'urgentie/arbeidsmarkt'" in r.stderr, r.stderr
    assert r.returncode == 1 and {p.name for p in demo_copy.parent.iterdir()} == before  # no pre-merge file
    assert sq("code-merge", "vmbo-in-the-lead/arbeidsmarkt", "urgentie/arbeidsmarkt", "-p", demo_copy).returncode == 0
    assert any(".pre-merge-" in p.name for p in demo_copy.parent.iterdir())  # a merge done still makes one


def test_resize_refuses_contradictory_and_empty_options(demo_copy):
    ws = Workspace.open(demo_copy)
    c = ws.codings(doc="R01")[0]
    ws.close()
    r = sq("resize", c.id, "--snap", "--shrink", "-p", demo_copy)
    assert r.returncode == 2 and r.stderr.strip() == "error: give --snap or --shrink, not both", r.stderr
    r = sq("resize", c.id, "-p", demo_copy)
    assert r.returncode == 1 and "resized" not in r.stdout
    assert "nothing to change: give --start/--end, --snap or --shrink" in r.stderr
    ws = Workspace.open(demo_copy)
    assert (ws.coding(c.id).start, ws.coding(c.id).end) == (c.start, c.end)
    ws.close()
    r = sq("resize", c.id, "--start", c.start, "--end", c.end, "-p", demo_copy)
    assert r.returncode == 0 and r.stdout.startswith("unchanged #"), r.stdout


def test_info_counts_the_pending_suggestions_the_listing_shows(demo_copy):
    ws = Workspace.open(demo_copy)
    turns = ws.turns("R01")
    asking = next(t for t in turns if t.role == "interviewer")
    answering = next(t for t in turns if t.role != "interviewer")
    units = ws.units("R01")
    pick = [next(u for u in units if u.turn_id == t.id) for t in (asking, answering)]
    ws.review_service.propose([(u.id, "urgentie", "rule", "trefwoord: test", None) for u in pick])
    ws.close()
    listed = _json("suggestions", "-p", demo_copy)
    info = _json("info", "-p", demo_copy)
    assert len(listed) == info["suggestions_pending"] == 1 and info["suggestions_hidden"] == 1
    ws = Workspace.open(demo_copy)
    from sto_qual.services.suggesting import set_interviewer_turns
    set_interviewer_turns(ws, True)
    ws.close()
    info = _json("info", "-p", demo_copy)
    assert info["suggestions_pending"] == len(_json("suggestions", "-p", demo_copy)) == 2
    assert info["suggestions_hidden"] == 0


def test_codings_import_names_the_line_of_the_unknown_document(demo_copy, tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("document: R99\ncoder: onderzoeker-a\ncodings:\n  - code: urgentie\n    quote: \"iets\"\n"
                 "  - code: urgentie\n    quote: \"anders\"\n", encoding="utf-8")
    r = sq("codings-import", "-p", demo_copy, f)
    assert r.returncode == 1 and r.stderr.startswith(f"error: {f}:1: unknown document 'R99'"), r.stderr
    assert "also line" not in r.stderr  # one unknown document is one problem, not one per coding
    # two problems: the second is named too (a mistyped coder went unsaid behind a quote not found)
    f.write_text("document: R01\ncoder: onderzoekr-a\ncodings:\n  - code: urgentie\n    quote: \"geen zin hier\"\n",
                 encoding="utf-8")
    r = sq("codings-import", "-p", demo_copy, f)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "quote not found" in r.stderr and "also line 2: coder 'onderzoekr-a'" in r.stderr, r.stderr
    # one unknown code at three lines: the first said, the others by their lines; a look-alike coder at its line
    f.write_text("document: R01\ncoder: \"onderzoeker\u2010a\"\ncodings:\n" + "".join(
        f"  - code: urgentie/nosuch\n    quote: \"{q}\"\n" for q in ("Nee.", "Ja.", "Ok.")), encoding="utf-8")
    r = sq("codings-import", "-p", demo_copy, f)
    assert r.returncode == 1 and f"{f}:4: unknown code 'urgentie/nosuch'" in r.stderr, r.stderr
    assert "the same at lines 6, 8" in r.stderr and "also line 2: the coder name" in r.stderr, r.stderr
    f.write_text("document: R01\ncodings:\n  - quote: \"iets\"\n    code: urgentiex\n", encoding="utf-8")
    r = sq("codings-import", "-p", demo_copy, f)
    assert r.returncode == 1 and f"{f}:4: unknown code 'urgentiex'" in r.stderr, r.stderr


def test_matrix_refuses_an_unknown_label_attribute(demo_copy):
    r = sq("matrix", "-p", demo_copy, "--label-by", "nope")
    assert r.returncode == 1 and "no document has the attribute 'nope'" in r.stderr, r.stderr
    assert "region_type" in r.stderr and "Traceback" not in r.stderr
    by_type = sq("matrix", "-p", demo_copy, "--label-by", "region_type", "--format", "csv")
    assert by_type.returncode == 0 and "eiland" in by_type.stdout.splitlines()[0]
    by_name = sq("matrix", "-p", demo_copy, "--label-by", "name", "--format", "csv")
    assert by_name.stdout.splitlines()[0].startswith("code,R01,R02")


def test_matrix_by_an_attribute_adds_up_the_interviews_that_share_a_value(demo_copy):
    """Columns named by region_type are one per type, each the codings of all its interviews
    (it used to keep the last interview of each type and drop the others silently)."""
    by_type = sq("matrix", "-p", demo_copy, "--label-by", "region_type", "--format", "json")
    by_doc = sq("matrix", "-p", demo_copy, "--label-by", "name", "--format", "json")
    assert by_type.returncode == 0 == by_doc.returncode, by_type.stderr + by_doc.stderr
    with open(Path(__file__).resolve().parents[2] / "transcripts" / "attributes.csv", encoding="utf-8") as f:
        type_of = {r["region"]: r["region_type"] for r in csv.DictReader(f)}  # what the demo imported
    per_doc = {r["code"]: r for r in json.loads(by_doc.stdout)}
    rows = json.loads(by_type.stdout)
    assert rows and set(rows[0]) - {"code"} == set(type_of.values())
    for row in rows:
        for value in set(type_of.values()):
            want = sum(per_doc[row["code"]][doc] for doc, t in type_of.items() if t == value)
            assert row[value] == want, (row["code"], value)
    assert any(row["krimp"] > max(per_doc[row["code"]][d] for d, t in type_of.items() if t == "krimp")
               for row in rows)  # more than any one interview: the interviews are added up


def _dump(path) -> list[str]:
    import sqlite3
    conn = sqlite3.connect(str(path))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("args", [
    ("undo", "--coder", "nobody"),
    ("redo", "--coder", "nobody"),
    ("uncode", "--doc", "R01", "--code", "urgentie", "--coder", "typo"),
    ("reject", "999999", "--coder", "typo"),
    ("accept", "999999", "--coder", "typo"),
    ("star", "999999", "--coder", "typo"),
    ("memo", "999999", "een memo", "--coder", "typo"),
])
def test_a_refused_step_by_a_mistyped_coder_leaves_the_project_as_it_was(demo_copy, args):
    """A misspelled --coder on a step that cannot be done is one line and exit 1, and the file
    does not gain that coder (it used to: every such refusal added a coder row)."""
    before = _dump(demo_copy)
    r = sq(*args, "-p", demo_copy)
    assert r.returncode == 1 and r.stderr.startswith("error: ") and len(r.stderr.splitlines()) == 1, r.stderr
    assert _dump(demo_copy) == before


def test_a_new_coder_is_stored_with_their_first_step(demo_copy):
    r = sq("star", "1", "-p", demo_copy, "--coder", "nieuwe-codeur")
    assert r.returncode == 0, r.stderr
    assert "nieuwe-codeur" in sq("coders", "-p", demo_copy).stdout
    assert sq("undo", "-p", demo_copy, "--coder", "nieuwe-codeur").returncode == 0


def test_stats_says_after_the_table_when_the_counted_coder_coded_only_some_interviews(demo_copy):
    r = sq("stats", "-p", demo_copy, "--coder", "onderzoeker-b")
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == ("counting: onderzoeker-b; onderzoeker-b coded 6 of the 19 interviews, and the "
                                "shares are of all 19 (--where doc=R02,R05,R07,R11,R14,R18 counts over theirs)")
    theirs = sq("stats", "-p", demo_copy, "--coder", "onderzoeker-b", "--where", "doc=R02,R05,R07,R11,R14,R18",
                "--format", "json")
    assert json.loads(theirs.stdout)[0]["documents_total"] == 6
    # the tables without shares say which interviews, not shares they do not show
    for cmd in ("matrix", "cooccurrence", "saturation"):
        r = sq(cmd, "-p", demo_copy, "--coder", "onderzoeker-b")
        assert r.returncode == 0, r.stderr
        assert r.stderr.strip().splitlines()[0] == ("counting: onderzoeker-b; onderzoeker-b coded 6 of the 19 "
                                                    "interviews: R02, R05, R07, R11, R14, R18"), (cmd, r.stderr)


@pytest.mark.parametrize("args, option", [(("--coder", ""), "--coder"), (("--by", " "), "--by"),
                                          (("--coder", "nobody"), "unknown coder 'nobody'")])
def test_stats_refuses_an_empty_or_unknown_choice_in_one_message(demo_copy, args, option):
    """An empty --coder counted 'all coders merged' and an empty --by printed the overall table;
    the counting line no longer comes before an error."""
    r = sq("stats", "-p", demo_copy, *args)
    assert r.returncode in (1, 2) and option in r.stderr and "counting:" not in r.stderr, r.stderr
    assert r.stdout == ""


def test_a_report_on_a_sub_code_says_it_discusses_the_whole_theme(demo_copy, tmp_path):
    r = sq("report", "-p", demo_copy, "--codes", "urgentie/docententekort", "-o", tmp_path / "h.docx",
           "--appendix", "none")
    assert r.returncode == 0, r.stderr
    assert ("warning: urgentie/docententekort is a sub-code: the chapter discusses whole themes, so it has all "
            "of urgentie") in r.stderr
    assert ": 1 theme, " in r.stdout and "appendix rows" in r.stdout  # "1 theme", not "1 themes"


def test_a_table_shows_a_list_of_codes_as_words_not_python(demo_copy):
    r = sq("saturation", "-p", demo_copy)
    assert r.returncode == 0 and "['" not in r.stdout and "collectief-optrekken, " in r.stdout, r.stdout


def test_saturation_takes_where_and_rollup_as_stats_does(demo_copy):
    rows = json.loads(sq("saturation", "-p", demo_copy, "--where", "region_type=krimp", "--format", "json").stdout)
    assert [r["doc"] for r in rows] == ["R02", "R12", "R17", "R05"] and "urgentie" in rows[0]["new"]
    direct = json.loads(sq("saturation", "-p", demo_copy, "--no-rollup", "--format", "json").stdout)
    assert [r["doc"] for r in direct if "urgentie" in r["new"]] == ["R18"]
    bad = sq("saturation", "-p", demo_copy, "--where", "region_type=krip")
    assert bad.returncode != 0 and "region_type: eiland, gemengd, krimp" in bad.stderr and bad.stdout == ""


def test_a_coder_name_typed_in_another_case_is_the_same_coder(demo_copy):
    """"Anna" for "anna" made a second coder on writing (and the report's agreement then compared
    Anna with anna) while reading commands refused it."""
    before = sq("coders", "-p", demo_copy, "--format", "json")
    r = sq("code", "-p", demo_copy, "--doc", "R02", "--code", "urgentie", "--unit", "277", "--coder", "Onderzoeker-B")
    assert r.returncode == 0 and "[onderzoeker-b]" in r.stdout, r.stdout + r.stderr
    assert [c["name"] for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)] == \
        [c["name"] for c in json.loads(before.stdout)]
    assert sq("stats", "-p", demo_copy, "--coder", "ONDERZOEKER-B").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "Onderzoeker-A").stdout.strip() == "reference coder: onderzoeker-a"
    ag = sq("agreement", "-p", demo_copy, "--coders", "Onderzoeker-A", "onderzoeker-b")
    assert ag.returncode == 0, ag.stderr


def test_cooccurrence_per_interview_counts_the_interviews_that_hold_both_codes(demo_copy):
    """An analyst expected NVivo's matrix coding query per case: both codes anywhere in an
    interview, not only on one sentence."""
    rows = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-a", "--format", "json").stdout)
    held: dict[str, set[str]] = {}
    for r in rows:
        held.setdefault(r["code"], set()).add(r["doc"])
    a, b = "urgentie/docententekort", "financieringsonzekerheid/impact"
    pairs = json.loads(sq("cooccurrence", "-p", demo_copy, "--level", "interview", "--format", "json").stdout)
    row = next(p for p in pairs if {p["code_a"], p["code_b"]} == {a, b})
    assert row["documents"] == len(held[a] & held[b]) and set(row) == {"code_a", "code_b", "documents", "c"}
    assert row["c"] == round(len(held[a] & held[b]) / len(held[a] | held[b]), 4)  # of the interviews with either
    table = sq("cooccurrence", "-p", demo_copy, "--level", "interview")
    assert "note: c is ATLAS.ti's c-coefficient: of the interviews with either code, the share with both" in table.stderr
    per_sentence = json.loads(sq("cooccurrence", "-p", demo_copy, "--format", "json").stdout)
    same = next((p for p in per_sentence if {p["code_a"], p["code_b"]} == {a, b}), {"documents": 0})
    assert same["documents"] <= row["documents"]
    themes = json.loads(sq("cooccurrence", "-p", demo_copy, "--level", "interview", "--rollup", "--where",
                           "region_type=krimp", "--format", "json").stdout)
    assert {(p["code_a"], p["code_b"]) for p in themes} >= {("urgentie", "vmbo-in-the-lead")}
    assert all(p["documents"] <= 4 for p in themes)  # the four krimp regions
    matrix = sq("cooccurrence", "-p", demo_copy, "--level", "interview", "--rollup", "--matrix", "--format", "json")
    cells = {r["code"]: r for r in json.loads(matrix.stdout)}
    assert cells["urgentie"]["vmbo-in-the-lead"] == 19


def test_a_surveys_rol_column_gives_each_answer_its_role(tmp_path):
    """A survey's `rol` column was stored as an attribute only: every answer was quoted as 'een
    stuurgroeplid' and counted under no role, with a warning asking for a role per answer."""
    db, r = _survey_imported(tmp_path, "respondent,rol,antwoord\nS1,programmaleider,De samenwerking met het mbo is "
                                       "veel beter.\nS2,Bestuurder,Wij missen vooral technische docenten in de regio.\n"
                                       "S3,,\"Het geld na 2027 is onzeker, dat remt ons.\"\n")
    assert "note: 2 survey answers: the role their row's 'rol' column gives" in r.stderr, r.stderr
    roles = {d: {t["role"] for t in json.loads(sq("show", "-p", db, "--doc", d, "--format", "json").stdout)}
             for d in ("enquete-S1", "enquete-S2", "enquete-S3")}
    assert roles == {"enquete-S1": {"programmaleider"}, "enquete-S2": {"bestuurder"}, "enquete-S3": {None}}, roles
    assert "antwoord (enquete-S3)" in r.stderr  # the one without a role is still asked about


def test_a_survey_questions_answers_without_a_role_are_one_entry_of_the_warning(tmp_path):
    """Five answers without a role listed the question five times, once per respondent ("5 speakers")."""
    rows = "".join(f"S{i},Het tekort aan technische docenten speelt in regio {i}.\n" for i in range(1, 6))
    _db, r = _survey_imported(tmp_path, "respondent,antwoord\n" + rows)
    assert ("1 speaker without a role, quoted as 'een stuurgroeplid': antwoord (enquete-S1, enquete-S2, "
            "enquete-S3 and 2 more)") in " ".join(r.stderr.split()), r.stderr


def test_agreement_warns_of_an_interview_one_coder_coded_only_halfway(demo_copy, tmp_path):
    """A coder stopped an interview at sentence 72 of 152: `agreement` compared the whole of it, the
    other's thirteen codings after that point counted as disagreements, and nothing said so; nor
    did the report, whose method paragraph gives that agreement."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    doc = next(d.name for d in ws.documents() if {c.coder for c in ws.codings(doc=d.name)} >=
               {"onderzoeker-a", "onderzoeker-b"})
    half = len(ws.document_text(doc)) // 2
    for c in ws.codings(doc=doc):
        if c.coder == "onderzoeker-b" and c.end > half:
            ws.remove_coding(c.id, coder="onderzoeker-b")
    stop = max(c.end for c in ws.codings(doc=doc) if c.coder == "onderzoeker-b")
    after = sum(1 for c in ws.codings(doc=doc) if c.coder == "onderzoeker-a" and c.start >= stop)
    ws.close()
    assert after >= 5
    r = sq("agreement", "-p", demo_copy)
    said = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert r.returncode == 0 and len(said) == 1 and said[0].startswith(
        f"warning: {doc} is compared as coded by both, but onderzoeker-b's codings there stop ") and \
        f"% into the text, and the {after} codings onderzoeker-a made after that point all count as " \
        f"disagreements; if onderzoeker-b has not finished {doc}, leave it out (`--where doc!={doc}`)" in said[0], said
    rep = sq("report", "-p", demo_copy, "-o", tmp_path / "h.docx")
    assert rep.returncode == 0 and f"the agreement in the method paragraph: {doc} is compared as coded by both, " \
        "but onderzoeker-b's codings there stop" in rep.stderr, rep.stderr
    # the report's --where takes an interview out of the chapter, not out of the agreement: its line says
    # what holds for the report (it gave --where doc!=R01, and the chapter lost R01 while the alpha kept it)
    assert f"until onderzoeker-b has finished {doc} the method's agreement counts them (`sto-qual agreement " \
        f"--where doc!={doc} --project {demo_copy}` gives it without {doc})" in rep.stderr, rep.stderr
