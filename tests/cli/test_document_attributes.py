"""A document's attributes set after its import (`sto-qual attribute`): a region type found
wrong, a count of school boards learned later. Before, the only way was importing the same
transcript again with an --attributes table."""
from __future__ import annotations

import json

from cli_runner import sq


def _attrs(project, doc):
    r = sq("attribute", doc, "-p", project, "--format", "json")
    assert r.returncode == 0, r.stderr
    return {row["key"]: row["value"] for row in json.loads(r.stdout)}


def test_setting_and_taking_off_an_attribute_changes_the_counts_by_it(demo_copy):
    assert _attrs(demo_copy, "R01")["region_type"] == "eiland"
    r = sq("attribute", "R01", "region_type=krimp", "school_boards=3", "-p", demo_copy)
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines() == ["R01: region_type eiland -> krimp", "R01: school_boards 1 -> 3"]
    got = _attrs(demo_copy, "R01")
    assert (got["region_type"], got["school_boards"]) == ("krimp", "3")
    rows = json.loads(sq("stats", "--by", "region_type", "-p", demo_copy, "--format", "json").stdout)
    assert {r["value"] for r in rows} == {"gemengd", "krimp", "landelijk", "stedelijk"}  # the one island is krimp now
    assert {r["documents_total"] for r in rows if r["value"] == "krimp"} == {5}
    r = sq("attribute", "R01", "--clear", "school_boards", "-p", demo_copy)
    assert r.returncode == 0 and r.stderr.strip() == "R01: school_boards (3) taken off"
    assert "school_boards" not in _attrs(demo_copy, "R01")


def test_a_mistake_is_one_line_and_leaves_the_document_as_it_was(demo_copy):
    before = _attrs(demo_copy, "R01")
    for args, code, says in (
            (("R01", "region_type"), 2, "'region_type' is not KEY=VALUE"),
            (("R01", "region_type="), 1, "an empty value for 'region_type' (--clear region_type takes"),
            (("R01", "=krimp"), 1, "an attribute without a name"),
            (("R01", "region_type=krimp", "region_type=stedelijk"), 2, "'region_type' is given twice"),
            (("R01", "--clear", "regio_type"), 1, "R01 has no attribute 'regio_type' (did you mean region_type?)"),
            (("R01", "region_type=krimp", "--clear", "region_type"), 1, "'region_type' is both set and taken off"),
            (("R99", "region_type=krimp"), 1, "unknown document 'R99'")):
        r = sq("attribute", *args, "-p", demo_copy)
        assert r.returncode == code, (args, r.stderr)
        assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    assert _attrs(demo_copy, "R01") == before


def test_a_likely_typo_in_a_key_or_a_value_is_set_with_a_note_naming_the_close_one(demo_copy):
    r = sq("attribute", "R02", "region_type=krim", "-p", demo_copy)
    assert r.returncode == 0
    assert "note: no other document has region_type 'krim' (did you mean krimp?)" in r.stderr
    r = sq("attribute", "R02", "regoin_type=krimp", "-p", demo_copy)
    assert r.returncode == 0
    assert ("note: no other document has the attribute 'regoin_type' (did you mean region_type?); "
            "`--clear regoin_type` takes it off") in r.stderr
    # a new value of its own is no typo: said nothing of
    r = sq("attribute", "R03", "region_type=grensregio", "-p", demo_copy)
    assert r.returncode == 0 and "note" not in r.stderr
    # nor is a value of an attribute every interview has its own of: "did you mean 2023-11-20?" of a date
    from tests_support import invoke_cli
    dated = invoke_cli(["attribute", "R04", "date=2023-12-06", "-p", str(demo_copy)])
    assert dated.exit_code == 0 and "note" not in dated.stderr, dated.stderr


def test_a_draft_over_groups_that_changed_is_drafted_anew(demo_copy):
    """After an interview's region type was set again (or the chapter compares by another
    attribute), `summarize` said every theme was unchanged and the chapter kept differences
    drafted over the old groups; only --redraft drafted them over the new."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        syn = ws.synthesis()
        first = syn.summarize()
        assert first["themes_drafted"] == 4
        assert syn.summarize()["themes_unchanged"] == 4  # nothing changed: nothing drafted
        before = syn.theme("urgentie")["contrasts"]
        for doc in ("R02", "R05", "R10", "R13"):  # four krimp regions become a group of their own
            ws.change_attributes(doc, {"region_type": "grensregio"}, [])
        assert [c["text"] for c in syn.theme("urgentie")["contrasts"]] != [c["text"] for c in before]
        again = syn.summarize()
        assert again["themes_drafted"] == 4 and again["themes_unchanged"] == 0, again
        assert any("grensregio" in c["text"] for t in ("urgentie", "vmbo-in-the-lead", "collectief-optrekken",
                                                        "financieringsonzekerheid")
                   for c in syn.theme(t)["contrasts"])
        assert syn.summarize()["themes_unchanged"] == 4
    finally:
        ws.close()


def test_a_date_that_is_no_date_is_said_at_import_and_the_report_still_writes(tmp_path):
    """`date: 2024-13-45` in a transcript's front matter was stored unsaid, and `report` then
    stopped with "internal error: IndexError" (month thirteen of the method's period)."""
    from tests_support import SMALL
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    good, bad = tmp_path / "R90.txt", tmp_path / "R91.txt"
    good.write_text(SMALL, encoding="utf-8")
    bad.write_text(SMALL.replace("date: 2023-12-01", "date: 2024-13-45").replace("R90", "R91")
                   .replace("Goedemiddag.", "Goedemorgen."), encoding="utf-8")
    r = sq("import", "-p", project, good, bad)
    assert r.returncode == 0, r.stderr
    assert ("note: R91: date '2024-13-45' is no date (stored as given; the method paragraph's period leaves the "
            f"interview out): `sto-qual attribute R91 date=YYYY-MM-DD --project {project}` corrects it") \
        in r.stderr.splitlines(), r.stderr
    assert "R90: date" not in r.stderr
    assert _attrs(project, "R91")["date"] == "2024-13-45"  # stored as given
    for doc in ("R90", "R91"):
        assert sq("code", "-p", project, "--doc", doc, "--code", "urgentie", "--sentence", "2").returncode == 0
    out = tmp_path / "h.docx"
    r = sq("report", "-p", project, "-o", out)
    assert r.returncode == 0 and "internal error" not in r.stderr, r.stderr
    import docx
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "gehouden in december 2023" in text, text[:600]  # the one date there is


def test_importing_an_unchanged_file_again_says_no_attribute_differs(tmp_path):
    """A file with `respondent_roles: [penvoerder, bestuurder]` imported again, unchanged, said its
    attributes differed ("respondent_roles: ['penvoerder', 'bestuurder']") and gave an `attribute`
    command that stored that text; a key with a space was given unquoted."""
    from tests_support import SMALL
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    f = tmp_path / "R90.md"
    f.write_text(SMALL.replace("date:", "respondent_roles: [penvoerder, bestuurder]\ndate:"), encoding="utf-8")
    assert sq("import", "-p", project, f).returncode == 0
    again = sq("import", "-p", project, f)
    assert again.returncode == 0 and "differ" not in again.stderr, again.stderr
    # an attributes table giving the same list with its own spaces changes nothing, and says nothing
    table = tmp_path / "attributes.csv"
    table.write_text("file,respondent_roles\nR90.md,penvoerder; bestuurder\n", encoding="utf-8")
    same = sq("import", "-p", project, f, "--attributes", table)
    assert same.returncode == 0 and "respondent_roles" not in same.stdout + same.stderr, same
    # changed in the file: the command given sets the value as stored, and a key with a space quoted
    f.write_text(SMALL.replace("date:", "respondent_roles: [penvoerder, directeur]\nRegio type: krimp\ndate:"),
                 encoding="utf-8")
    changed = sq("import", "-p", project, f)
    note = next(line for line in changed.stderr.splitlines() if "differ" in line)
    assert "respondent_roles: penvoerder;directeur" in note, note
    assert f"`sto-qual attribute R90 respondent_roles='penvoerder;directeur' 'Regio type=krimp' --project {project}`" \
        in note, note
    # and it does what the note says: the file read again differs in nothing
    assert sq("attribute", "R90", "respondent_roles=penvoerder;directeur", "Regio type=krimp", "-p", project
              ).returncode == 0
    assert "differ" not in sq("import", "-p", project, f).stderr


def test_an_attribute_name_in_other_capitals_is_the_same_attribute(tmp_path):
    """`attribute R02 Region_Type=krimp` beside the front matter's region_type made a second
    attribute: `--where region_type=krimp` took R02 in (it reads names in any case) while
    `--by region_type` counted it as stedelijk, inside a krimp-only table. A front matter key or an
    --attributes column in other capitals did the same, and the table's column did not replace
    the front matter's value as the README says it does."""
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    for i, (key, kind) in enumerate((("region_type", "krimp"), ("Region_Type", "krimp"), ("region_type", "stedelijk")),
                                    start=1):
        (tmp_path / f"F{i}.txt").write_text(f"---\nregion: R0{i}\n{key}: {kind}\n---\nInterviewer: Hoe gaat het in "
                                            f"regio {i}?\nJan: Goed, we werken samen met het mbo in regio {i}.\n",
                                            encoding="utf-8")
    table = tmp_path / "attrs.csv"
    table.write_text("file,REGION_TYPE\nF3.txt,gemengd\n", encoding="utf-8")
    r = sq("import", "-p", db, *(tmp_path / f"F{i}.txt" for i in (1, 2, 3)), "--attributes", table)
    assert r.returncode == 0, r.stderr
    assert ("note: F2.txt: the attribute 'Region_Type' is stored as 'region_type', the name the project gives it "
            "(names differing only in capitals are one attribute)") in r.stderr, r.stderr
    assert [_attrs(db, f"F{i}") for i in (1, 2, 3)] == [{"region": f"R0{i}", "region_type": kind} for i, kind in
                                                         ((1, "krimp"), (2, "krimp"), (3, "gemengd"))]
    r = sq("attribute", "F3", "Region_Type=krimp", "-p", db)
    assert r.returncode == 0 and "note: 'Region_Type' is the attribute 'region_type'" in r.stderr, r.stderr
    assert _attrs(db, "F3") == {"region": "R03", "region_type": "krimp"}
    rows = json.loads(sq("stats", "--by", "region_type", "--where", "region_type=krimp", "-p", db,
                         "--format", "json").stdout)
    assert {(row["value"], row["documents_total"]) for row in rows} == {("krimp", 3)}
    r = sq("attribute", "F3", "region_type=krimp", "REGION_TYPE=gemengd", "-p", db)
    assert r.returncode == 1 and "'REGION_TYPE' is given twice" in r.stderr, r.stderr
    r = sq("attribute", "F3", "--clear", "REGION", "--clear", "region", "-p", db)  # it was taken off "twice"
    assert r.returncode == 1 and "'region' is given twice" in r.stderr, r.stderr
    assert sq("attribute", "F3", "--clear", "Region_type", "-p", db).returncode == 0
    assert _attrs(db, "F3") == {"region": "R03"}


def test_a_value_in_other_capitals_is_that_value_in_notes_and_refusals(demo_copy):
    """`attribute R04 region_type=KRIMP` said "no other document has region_type 'KRIMP' (did you
    mean krimp?)" though the tables count it with krimp, and a refused --where listed one value
    three times ("KRIMP, Krimp, krimp")."""
    r = sq("attribute", "R04", "region_type=KRIMP", "-p", demo_copy)
    assert r.returncode == 0 and "did you mean" not in r.stderr, r.stderr
    assert sq("attribute", "R05", "region_type=Krimp", "-p", demo_copy).returncode == 0
    refused = sq("stats", "--where", "region_type=krimpp", "-p", demo_copy)
    assert refused.returncode != 0
    listed = refused.stderr.split("(region_type: ")[1].split(")")[0].split(", ")
    assert [v for v in listed if v.casefold() == "krimp"] == ["krimp"], refused.stderr


def test_a_file_imported_again_with_a_value_in_other_capitals_does_not_differ(tmp_path):
    """R01 stored region_type KRIMP (set with `attribute`); its file, imported again with krimp,
    was said to differ ("its attributes differ from R01's (region_type: krimp)"), though every
    table and filter reads the two as one value."""
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    f = tmp_path / "R01.txt"
    f.write_text("---\nregion_type: krimp\n---\nInterviewer: Hoe gaat het?\nJan: Goed, we werken samen.\n",
                 encoding="utf-8")
    assert sq("import", "-p", db, f).returncode == 0
    assert sq("attribute", "R01", "region_type=KRIMP", "-p", db).returncode == 0
    r = sq("import", "-p", db, f)
    assert r.returncode == 0 and "differ" not in r.stderr, r.stderr


def test_a_yes_no_attribute_set_by_hand_stays_a_yes_no(demo_copy):
    """`attribute R01 fictional=no` stored the text "no" beside the other documents' yes: the
    .xlsx's column held TRUE and 'no', and the line said "fictional True -> no"."""
    got = sq("attribute", "-p", demo_copy, "R01", "fictional=nee")
    assert got.returncode == 0 and "R01: fictional yes -> no" in got.stderr, got.stderr
    rows = {r["key"]: r["value"] for r in json.loads(sq("attribute", "-p", demo_copy, "R01", "--format", "json").stdout)}
    assert rows["fictional"] is False
    assert "fictional   " in sq("attribute", "-p", demo_copy, "R01").stdout  # the table says no
    # a value as it is already writes nothing (it added a line to the project's audit log)
    before = demo_copy.read_bytes()
    same = sq("attribute", "-p", demo_copy, "R01", "fictional=no")
    assert same.returncode == 0 and "fictional is no already; unchanged" in same.stderr
    assert demo_copy.read_bytes() == before
    wrong = sq("attribute", "-p", demo_copy, "R01", "fictional=misschien")
    assert wrong.returncode == 1 and "'fictional' is yes or no in the other documents, not 'misschien'" in wrong.stderr


def test_a_yes_or_no_typed_by_hand_is_written_as_the_other_documents_write_it(demo_copy):
    """`vmbo=ja` on R01 and `vmbo=yes` on R02: `stats --by vmbo` counted "ja" and "yes" as two
    groups and `--where vmbo=ja` left R02 out. A value no other document writes stays as typed."""
    assert sq("attribute", "-p", demo_copy, "R01", "vmbo=ja").returncode == 0
    got = sq("attribute", "-p", demo_copy, "R02", "vmbo=yes")
    assert got.returncode == 0 and "note: vmbo 'yes' is stored as 'ja', as the other documents write it" in got.stderr
    assert sq("attribute", "-p", demo_copy, "R03", "vmbo=Nee").returncode == 0
    got = sq("attribute", "-p", demo_copy, "R04", "vmbo=NEE")  # capitals group as one: as typed, unsaid
    assert got.returncode == 0 and "stored as" not in got.stderr
    assert sq("attribute", "-p", demo_copy, "R05", "vmbo=misschien").returncode == 0
    got = sq("attribute", "-p", demo_copy, "R06", "vmbo=J")  # a single letter, as a form gives it
    assert got.returncode == 0 and "note: vmbo 'J' is stored as 'ja'" in got.stderr, got.stderr
    docs = {d["name"]: d["attributes"].get("vmbo") for d in
            json.loads(sq("docs", "-p", demo_copy, "--format", "json").stdout)}
    assert [docs[n] for n in ("R01", "R02", "R03", "R04", "R05")] == ["ja", "ja", "Nee", "NEE", "misschien"]
    rows = json.loads(sq("stats", "-p", demo_copy, "--by", "vmbo", "--format", "json").stdout)
    assert {r["value"] for r in rows if r["code"] == "urgentie"} == {"ja", "Nee", "misschien"}


def test_an_attributes_tables_dutch_columns_are_read_as_the_headers_words(tmp_path):
    """A Dutch Excel table with 'Regiotype' and 'Datum' (14-03-2024) stored both as written, beside
    the region_type and date the transcripts' headers give: four of six interviews fell out of
    `stats --by region_type` and `saturation` put them last. A project whose earlier table already
    made 'regiotype' an attribute keeps it."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed, het techlab loopt.\n", encoding="utf-8")
    (tmp_path / "W02.txt").write_text("Interviewer: En bij jullie?\nPiet: Het geld is onzeker.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_bytes("\ufefffile;Regiotype;Datum\nW01.txt;krimp;14-03-2024\n".encode("utf-8"))
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    got = sq("import", "-p", project, tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode == 0, got.stderr
    assert "note: the attributes table's column 'Regiotype' is read as 'region_type', as a transcript's header " \
        "'Regiotype:' is" in got.stderr
    docs = {d["name"]: d["attributes"] for d in json.loads(sq("docs", "-p", project, "--format", "json").stdout)}
    assert docs["W01"] == {"region_type": "krimp", "date": "2024-03-14"}
    # a project that has 'regiotype' of its own (stored so before) keeps reading it so
    old = tmp_path / "old.db"
    assert sq("init", "-p", old).returncode == 0
    assert sq("import", "-p", old, tmp_path / "W02.txt").returncode == 0
    assert sq("attribute", "-p", old, "W02", "regiotype=krimp").returncode == 0
    got = sq("import", "-p", old, tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    docs = {d["name"]: d["attributes"] for d in json.loads(sq("docs", "-p", old, "--format", "json").stdout)}
    assert docs["W01"]["regiotype"] == "krimp" and "region_type" not in docs["W01"]
    assert "is read as 'region_type'" not in got.stderr


def test_a_front_matters_dutch_keys_are_read_as_the_headers_words(tmp_path):
    """A transcript's front matter with `regio:` and `datum:` stored them as written, beside the
    region and date a Word transcript's header table gave another interview: two attributes for one."""
    (tmp_path / "W01.txt").write_text("---\nregio: R02\ndatum: 12 januari 2024\nregiotype: krimp\n---\n"
                                      "Interviewer: Hoe gaat het?\nJan: Goed, het techlab loopt.\n", encoding="utf-8")
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    got = sq("import", "-p", project, tmp_path / "W01.txt")
    assert got.returncode == 0, got.stderr
    assert "note: W01.txt: the front matter's 'regiotype' is read as 'region_type', as a transcript's header " \
        "'regiotype:' is" in got.stderr, got.stderr
    docs = {d["name"]: d["attributes"] for d in json.loads(sq("docs", "-p", project, "--format", "json").stdout)}
    assert docs["W01"] == {"region": "R02", "date": "2024-01-12", "region_type": "krimp"}


def test_a_cell_too_many_in_a_semicolon_table_names_the_semicolon(tmp_path):
    """A Dutch Excel table (semicolons) with 'penvoerder; directeur' unquoted was told that "a comma
    inside a value needs quotes"."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("file;region;respondent_roles\nW01.txt;R01;penvoerder; directeur\n",
                                    encoding="utf-8")
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    got = sq("import", "-p", project, tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode == 1 and got.stderr.strip().endswith(
        "column 4 has no name (remove the extra cell or name the column; a semicolon inside a value needs quotes)")


def test_a_value_under_a_column_without_a_name_is_refused_and_an_unchanged_value_said_so(tmp_path, demo_copy):
    """Excel's trailing ';' in the header left a column without a name: 'penvoerder; directeur'
    stored 'penvoerder' and dropped ' directeur' unsaid. `attribute R01 fictional=ja` on a yes
    said 'fictional yes -> yes'."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("file;Regiotype;respondent_roles;\nW01.txt;krimp;penvoerder; directeur\n",
                                    encoding="utf-8")
    assert sq("init", "-p", tmp_path / "s.db").returncode == 0
    got = sq("import", "-p", tmp_path / "s.db", tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode == 1 and "a.csv:2: column 4 has no name but this row has a value there ('directeur')" \
        in got.stderr
    same = sq("attribute", "-p", demo_copy, "R01", "fictional=ja")
    assert same.returncode == 0 and "R01: fictional is yes already; unchanged" in same.stderr


def test_a_date_set_by_hand_is_read_as_the_import_reads_it_and_a_dutch_twin_column_is_refused(tmp_path, demo_copy):
    """`attribute R07 date=14-03-2024` was stored as typed and `saturation` put R07 last; a table
    with both region_type and Regiotype let the last one win unsaid."""
    got = sq("attribute", "-p", demo_copy, "R07", "date=14-03-2024")
    assert got.returncode == 0 and "R07: date 2023-11-29 -> 2024-03-14" in got.stderr, got.stderr
    got = sq("attribute", "-p", demo_copy, "R07", "date=30-02-2024")
    assert "note: date '30-02-2024' is no date" in got.stderr
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("file;region_type;Regiotype\nW01.txt;krimp;stedelijk\n", encoding="utf-8")
    assert sq("init", "-p", tmp_path / "s.db").returncode == 0
    got = sq("import", "-p", tmp_path / "s.db", tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode != 0 or "1 refused" in got.stdout
    assert "the attributes table gives region_type twice, with two values (krimp, stedelijk)" in got.stdout + got.stderr


def test_a_column_read_as_a_headers_word_is_not_also_called_a_new_attribute(tmp_path):
    """A table headed "regio" is stored as region, and the import said so; it then also called
    'regio' a new attribute "stored as written" and gave a rename nobody needed (a new user's
    two contradicting notes). One note, and the stored names are the ones it gives."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("file;regio;regio type\nW01.txt;Noord;krimp\n", encoding="utf-8")
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    got = sq("import", "-p", project, tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode == 0, got.stderr
    notes = [line for line in got.stderr.splitlines() if "'regio'" in line]
    assert notes == ["note: the attributes table's column 'regio' is read as 'region', as a transcript's header "
                     "'regio:' is"], got.stderr
    assert "column 'regio type' is a new attribute; did you mean 'region_type'?" in got.stderr  # stored as written
    assert _attrs(project, "W01") == {"region": "Noord", "regio type": "krimp"}


def test_a_tables_misspelt_column_is_said_at_import_and_attribute_rename_puts_it_right(tmp_path):
    """An attributes table with 'regio type' and 'respondent_role' stored both as written without
    a word; the mistake showed only when `stats --by region_type` missed the interview. The import
    names the attribute it is close to, and `attribute-rename` renames it in every document."""
    for name in ("W01", "W02"):
        (tmp_path / f"{name}.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed, het techlab loopt.\n"
                                              f"Interviewer: En verder?\nJan: Niets in {name}.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("file,regio type,respondent_role,school_boards\nW01.txt,krimp,penvoerder,3\n"
                                    "W02.txt,stedelijk,bestuurder,4\n", encoding="utf-8")
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    got = sq("import", "-p", project, tmp_path / "W01.txt", tmp_path / "W02.txt", "--attributes", tmp_path / "a.csv")
    assert got.returncode == 0, got.stderr
    notes = [line for line in got.stderr.splitlines() if "is a new attribute" in line]
    assert notes == [
        f"note: {tmp_path / 'a.csv'}: column 'regio type' is a new attribute; did you mean 'region_type'? (stored as "
        f"written; `sto-qual attribute-rename 'regio type' region_type --project {project}` renames it in every "
        "document)",
        f"note: {tmp_path / 'a.csv'}: column 'respondent_role' is a new attribute; did you mean 'respondent_roles'? "
        f"(stored as written; `sto-qual attribute-rename respondent_role respondent_roles --project {project}` "
        "renames it in every document)"], got.stderr
    renamed = sq("attribute-rename", "-p", project, "Regio Type", "region_type")
    assert renamed.returncode == 0 and renamed.stdout.strip() == \
        "renamed attribute 'regio type' to region_type in 2 documents", renamed.stderr
    assert _attrs(project, "W02") == {"region_type": "stedelijk", "respondent_role": "bestuurder", "school_boards": "4"}
    rows = json.loads(sq("stats", "--by", "region_type", "-p", project, "--format", "json").stdout)
    assert {r["value"] for r in rows} == {"krimp", "stedelijk"}
    # a rename onto a name a document holds with another value is refused, nothing changed
    clash = sq("attribute-rename", "-p", project, "school_boards", "region_type")
    assert clash.returncode == 1 and clash.stderr.startswith(
        "error: W01, W02 have both 'school_boards' and 'region_type' with other values; nothing was renamed")
    assert "did you mean respondent_role?" in sq("attribute-rename", "-p", project, "respondent_rol", "x").stderr
    assert _attrs(project, "W01")["school_boards"] == "3"


def _one_interview_with(tmp_path, table: str):
    """A project of one interview, W01, imported with the attributes ``table`` (CSV text)."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed, het techlab loopt.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text(table, encoding="utf-8")
    project = tmp_path / "s.db"
    assert sq("init", "-p", project).returncode == 0
    assert sq("import", "-p", project, tmp_path / "W01.txt", "--attributes", tmp_path / "a.csv").returncode == 0
    return project


def test_an_interview_date_column_in_dutch_is_the_date_and_a_rename_to_date_reads_it_as_one(tmp_path):
    """A Dutch table's 'Datum interview' (5-12-2023) was stored as an attribute of its own, its dates
    as written, and `attribute-rename "Datum interview" date` kept 5-12-2023 where `attribute W02
    date=5-12-2023` stores 2023-12-05."""
    project = _one_interview_with(tmp_path, "bestand;Datum interview;Gespreksnotitie datum\nW01.txt;5-12-2023;6-12-2023\n")
    attrs = _attrs(project, "W01")
    assert attrs["date"] == "2023-12-05" and attrs["Gespreksnotitie datum"] == "6-12-2023", attrs
    assert sq("attribute", "-p", project, "W01", "--clear", "date").returncode == 0
    assert sq("attribute-rename", "-p", project, "Gespreksnotitie datum", "date").returncode == 0
    assert _attrs(project, "W01")["date"] == "2023-12-06"


def test_a_list_of_roles_parted_by_commas_is_a_list(tmp_path):
    """A Dutch table's "penvoerder, directeur, programmaleider" in one respondent_roles cell was one
    value: `stats --by respondent_roles` grouped on the whole string, and a row fixed with ';' was
    said to match no other document."""
    project = _one_interview_with(tmp_path, "bestand;respondent_roles\nW01.txt;penvoerder, directeur, programmaleider\n")
    assert _attrs(project, "W01")["respondent_roles"] == "penvoerder; directeur; programmaleider"
    assert sq("attribute", "-p", project, "W01", "respondent_roles=bestuurder, directeur").returncode == 0
    assert _attrs(project, "W01")["respondent_roles"] == "bestuurder; directeur"
    # any other attribute keeps its comma: a value of its own
    assert sq("attribute", "-p", project, "W01", "plaats=Noord, Oost").returncode == 0
    assert _attrs(project, "W01")["plaats"] == "Noord, Oost"


def test_a_dutch_column_of_the_roles_at_the_table_is_respondent_roles(tmp_path):
    """A researcher's 'Rollen aan tafel' column was stored as an attribute of its own, unsaid (a column close to
    respondent_roles is named in a note, this one was not): `stats --by respondent_roles` missed her interviews."""
    project = _one_interview_with(tmp_path, "bestand;Rollen aan tafel;Aantal schoolbesturen\nW01.txt;penvoerder, "
                                            "directeur;4\n")
    attrs = _attrs(project, "W01")
    assert attrs["respondent_roles"] == "penvoerder; directeur" and attrs["school_boards"] == "4", attrs
    assert "Rollen aan tafel" not in attrs


def test_a_zero_width_space_in_a_tables_header_or_cell_is_no_other_attribute(tmp_path):
    """A table's header "\u200bregion_type" (a zero-width space pasted in) stored a second
    attribute that looked like region_type, and `stats --by region_type` then said no document had
    it ("did you mean ​region_type?", a name that looked the same)."""
    db = tmp_path / "p.db"
    assert sq("init", "-p", db).returncode == 0
    for name in ("A01", "A02"):
        (tmp_path / f"{name}.txt").write_text(f"Interviewer: Hoe gaat het in {name}?\n\nJan: Goed, we werken "
                                              "samen met het mbo.\n", encoding="utf-8")
    table = tmp_path / "a.csv"
    table.write_text("file,\u200bregion_type\nA01,krimp\u200b\nA02,stedelijk\n", encoding="utf-8")
    r = sq("import", "-p", db, tmp_path / "A01.txt", tmp_path / "A02.txt", "--attributes", table)
    assert r.returncode == 0, r.stderr
    assert _attrs(db, "A01") == {"region_type": "krimp"} and _attrs(db, "A02") == {"region_type": "stedelijk"}
    r = sq("stats", "--by", "region_type", "-p", db, "--format", "json")
    assert r.returncode == 0, r.stderr
