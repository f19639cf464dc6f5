"""`sto-qual import`, `docs`, `show` and `search` on the small fixtures: what is stored is what was meant.

Most tests run the real entry point in-process (``run_cli``: argv in, exit code and
the two streams out); one runs the installed command in a subprocess for the real
exit code and stderr.
"""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_import_fixtures as fx  # noqa: E402
from import_invariants import check_stored, project_checksum, run_cli  # noqa: E402

IMPORT = FIXTURES / "import"
TRANSCRIPT_FIXTURES = sorted(fx.EXPECTED)
SAME_TEXT = ["cp1252.txt", "utf16be.txt", "utf16le.txt", "utf8.txt", "utf8_bom.txt"]  # one text, five encodings


@pytest.fixture
def project(tmp_path) -> Path:
    p = tmp_path / "p.db"
    code, out, err = run_cli("init", "-p", p)
    assert code == 0, err
    return p


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """One project with the whole fixture directory imported (read-only for the tests using it)."""
    p = tmp_path_factory.mktemp("imported") / "p.db"
    assert run_cli("init", "-p", p)[0] == 0
    code, out, err = run_cli("import", "-p", p, IMPORT)
    assert code == 0, err
    return p


def _json(*args):
    code, out, err = run_cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_directory_import_summary(tmp_path, project):
    code, out, err = run_cli("import", "-p", project, IMPORT)
    assert code == 0, err
    n_docs = len(TRANSCRIPT_FIXTURES) - (len(SAME_TEXT) - 1)
    assert out.strip().splitlines()[-1] == f"{n_docs} imported, {len(SAME_TEXT) - 1} skipped, 0 refused"
    # the same text in five encodings is stored once; the others say so
    assert out.count("(same content as cp1252)") == len(SAME_TEXT) - 1
    # a directory's CSV/XLSX files are attribute tables, not survey answers
    assert "survey" not in out and "attributes" not in out
    assert "warning   no_speakers.txt: no speaker labels recognised" in err


def test_every_document_keeps_speakers_times_and_offsets(imported):
    from sto_qual.services import Workspace
    ws = Workspace.open(imported)
    try:
        by_source = {d.source_file: d for d in ws.documents()}
        for name in TRANSCRIPT_FIXTURES:
            if name in SAME_TEXT[1:]:
                continue
            d = by_source[name]
            stored = check_stored(ws, d.id)
            assert [t.speaker for t in stored["turns"]] == fx.EXPECTED[name], name
            assert stored["units"], name
        teams = check_stored(ws, "teams")
        assert [(t.time_start, t.time_end) for t in teams["turns"]] == [
            ("00:00:01", "00:00:09"), ("00:00:09", "00:00:15"), ("00:00:15", "00:00:18")]
        # the text a user sees is the stored text: no labels, no timestamps, no mojibake
        text = ws.document_text("cp1252")
        assert "“urgentie”" in text and "één die ’t goed doet" in text and "Interviewer" not in text
    finally:
        ws.close()


def test_docs_json_lists_the_contract_keys(imported):
    docs = _json("docs", "-p", imported)
    assert len(docs) == len(TRANSCRIPT_FIXTURES) - (len(SAME_TEXT) - 1)
    for d in docs:
        assert {"id", "name", "words", "turns", "units", "attributes", "codings"} <= set(d)
        assert isinstance(d["attributes"], dict) and isinstance(d["codings"], int)
        assert d["words"] > 0 and d["turns"] >= 1 and d["units"] >= d["turns"]
    fm = next(d for d in docs if d["name"] == "front_matter")
    assert fm["attributes"]["region"] == "R05" and fm["attributes"]["date"] == "2023-11-14"
    assert fm["turns"] == 5
    docx_doc = next(d for d in docs if d["name"] == "bold_labels")
    assert docx_doc["attributes"] == {"title": "Interview regio R07", "created": "2023-11-20"}


def test_show_gives_exactly_the_stored_slices(imported):
    from sto_qual.services import Workspace
    ws = Workspace.open(imported)
    text = ws.document_text("speakers_bracket")
    ws.close()
    turns = _json("show", "-p", imported, "--doc", "speakers_bracket")
    assert [(t["speaker"], t["time"]) for t in turns] == [("Anna", "00:12:34"), ("Piet", "00:12:58"),
                                                          ("Anna", "00:13:20")]
    for t in turns:
        assert t["text"] == text[t["start"]:t["end"]]
    units = _json("show", "-p", imported, "--doc", "speakers_bracket", "--units")
    assert [u["text"] for u in units] == ["Eerst de urgentie.", "Die is groot.", "Eens.",
                                          "De krimp raakt ons hard.", "Zeker op het eiland."]
    for u in units:
        assert u["text"] == text[u["start"]:u["end"]]


def test_reimport_is_a_no_op_that_says_so(imported, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(imported, copy)
    before = project_checksum(copy)
    code, out, err = run_cli("import", "-p", copy, IMPORT)
    assert code == 0, err
    n = len(TRANSCRIPT_FIXTURES)
    assert out.strip().splitlines()[-1] == f"0 imported, {n} skipped, 0 refused"
    assert out.count("skipped   ") == n
    assert project_checksum(copy) == before


def test_attributes_table_maps_file_names_and_stems(project):
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", IMPORT / "speakers_ir.txt",
                             "--attributes", IMPORT / "attributes.csv")
    assert code == 0, err
    docs = {d["name"]: d["attributes"] for d in _json("docs", "-p", project)}
    assert docs["utf8"] == {"region": "R01", "region_type": "stedelijk", "date": "2023-10-02"}
    assert docs["speakers_ir"] == {"region": "R02", "region_type": "eiland", "date": "2023-10-09"}


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
def test_survey_rows_become_documents(project, name):
    code, out, err = run_cli("import", "-p", project, IMPORT / name, "--id-column", "respondent")
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "3 imported, 0 skipped, 0 refused"
    docs = {d["name"]: d for d in _json("docs", "-p", project)}
    assert set(docs) == {"survey-S01", "survey-S02", "survey-S03"}
    # the `regio` column is the region, as a transcript's header `Regio:` is (said in a note)
    assert docs["survey-S03"]["attributes"] == {"respondent": "S03", "region": "R11", "rol": "bestuurder",
                                                "source_row": 4}
    assert "the column 'regio' is read as 'region'" in err, err
    turns = _json("show", "-p", project, "--doc", "survey-S01")
    assert [t["speaker"] for t in turns] == fx.SURVEY_HEADER[3:]
    assert [t["text"] for t in turns] == fx.SURVEY_ROWS[0][3:]


def test_one_bad_file_never_stops_the_others(project, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(IMPORT / "speakers_ir.txt", src / "a_goed.txt")
    (src / "b_kapot.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    shutil.copy(IMPORT / "teams.vtt", src / "c_goed.vtt")
    (src / "d_leeg.txt").write_bytes(b"")
    code, out, err = run_cli("import", "-p", project, src, tmp_path / "bestaat-niet.txt")
    assert code == 1
    assert out.strip().splitlines()[-1] == "2 imported, 0 skipped, 3 refused"
    refused = [line for line in err.splitlines() if line.startswith("refused")]
    assert len(refused) == 3
    assert any("b_kapot.txt" in r and "binary data" in r for r in refused)
    assert any("d_leeg.txt" in r and "empty file" in r for r in refused)
    assert any("bestaat-niet.txt" in r and "no such file" in r for r in refused)
    assert [d["name"] for d in _json("docs", "-p", project)] == ["a_goed", "c_goed"]


SEARCH_TEXT = """Interviewer: Hoe gaat het met de scholen in de regio?
Respondent: De besturen werken samen. De financiële situatie is lastig.
Interviewer: En de coördinator?
Respondent: Die schoolt de docenten bij. Eén school doet niet mee.
"""


@pytest.fixture(scope="module")
def search_project(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("search")
    p = d / "p.db"
    assert run_cli("init", "-p", p)[0] == 0
    (d / "zoek.txt").write_text(SEARCH_TEXT, encoding="utf-8")
    assert run_cli("import", "-p", p, d / "zoek.txt")[0] == 0
    return p


def _search(project, *args):
    rows = _json("search", "-p", project, *args)
    from sto_qual.services import Workspace
    ws = Workspace.open(project)
    try:
        for r in rows:
            assert r["text"] == ws.document_text(r["doc"])[r["start"]:r["end"]]
    finally:
        ws.close()
    return [r["text"] for r in rows]


def test_plain_search_is_diacritics_and_case_insensitive(search_project):
    assert _search(search_project, "financiele") == ["De financiële situatie is lastig."]
    assert _search(search_project, "COORDINATOR") == ["En de coördinator?"]
    assert _search(search_project, "een") == ["Eén school doet niet mee."]
    assert _search(search_project, "scholen") == ["Hoe gaat het met de scholen in de regio?"]
    assert _search(search_project, "school") == ["Eén school doet niet mee."]


def test_lemma_search_finds_irregular_plurals(search_project):
    school = _search(search_project, "school", "--lemma")
    assert "Hoe gaat het met de scholen in de regio?" in school and "Eén school doet niet mee." in school
    assert _search(search_project, "bestuur", "--lemma") == ["De besturen werken samen."]
    assert _search(search_project, "bestuur") == []


def test_search_results_carry_speaker_and_offsets(search_project):
    rows = _json("search", "-p", search_project, "besturen")
    assert len(rows) == 1
    assert rows[0]["speaker"] == "Respondent" and rows[0]["doc"] == "zoek"
    assert rows[0]["end"] - rows[0]["start"] == len(rows[0]["text"])


def test_installed_command_exit_code_and_stderr(tmp_path):
    """The real `python -m sto_qual`: a refused file gives exit code 1 and one stderr line naming it."""
    p = tmp_path / "p.db"
    from sto_qual.services import Workspace
    Workspace.create(p).close()
    bad = tmp_path / "binair.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    proc = subprocess.run([sys.executable, "-m", "sto_qual", "import", "-p", str(p),
                           str(IMPORT / "speakers_ir.txt"), str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert [x for x in lines if x.startswith("refused")] == [f"refused   {bad}: binary data, not text "
                                                             "(save the transcript as .txt, .docx, .vtt or .srt)"]
    # the good file's speakers have no role yet: one warning line says so, nothing else is said
    assert len(lines) == 2 and lines[0].startswith("warning   3 speakers without a role"), lines
    assert proc.stdout.strip().splitlines()[-1] == "1 imported, 0 skipped, 1 refused"


def test_survey_options_on_transcripts_only_are_said_to_be_unused(tmp_path):
    """`import T07.txt --text-column antwoord` ignored the option without a word."""
    from cli_runner import sq
    project = tmp_path / "p.db"
    assert sq("init", "--project", project).returncode == 0
    t = tmp_path / "T07.txt"
    t.write_text("Interviewer: Hallo.\nMarieke: Dag, fijn dat je er bent.\n", encoding="utf-8")
    r = sq("import", "--project", project, t, "--text-column", "antwoord", "--id-column", "nr")
    assert r.returncode == 0
    assert "--text-column and --id-column are for survey tables (.csv, .xlsx); this import has none, so they " \
        "were not used" in r.stderr


def test_an_attributes_table_or_role_map_given_as_answers_is_refused(project, tmp_path):
    """`import interviews/attributes.csv` read the table as survey answers: one-word documents
    (`attributes-1`, speaker "date") that changed every share in `stats`."""
    roles = tmp_path / "roles.csv"
    roles.write_text("File,Speaker,Role\nR01.txt,Jelle,programmaleider\n", encoding="utf-8")
    before = project_checksum(project)
    for table, option in ((IMPORT / "attributes.csv", "--attributes"), (roles, "--role-map")):
        # with a transcript beside it: nothing is imported, not even the transcript
        code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", table)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert f"{table}:1: " in err and "not survey answers; nothing was imported" in err
        assert f"give it as {option} {table}" in err, err
        assert project_checksum(project) == before
    # with its columns named in Dutch it became a one-line interview ("rollen-1"): refused, and as --role-map
    # those columns are read
    dutch = tmp_path / "rollen.csv"
    dutch.write_text("naam,rol\nAnne,directeur\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, dutch)
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert f"{dutch}:1: a role map (columns 'speaker' and 'role'), not survey answers; nothing was " \
        f"imported (give it as --role-map {dutch}" in err, err
    assert project_checksum(project) == before
    # a survey whose answers sit beside a 'file' column: naming the answer column imports it
    survey = tmp_path / "enquete.csv"
    survey.write_text("file,antwoord\nR01.txt,Wij werken als scholen al jaren goed samen in de regio.\n",
                      encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, survey, "--text-column", "antwoord")
    assert code == 0 and "1 imported" in out, err


def test_the_codings_export_given_as_answers_is_refused_and_named(project, tmp_path):
    """`import c.csv` with the file `export -o c.csv` wrote read its 742 codings as 742 survey
    answers: 19 interviews became 761, every share fell, and no undo or backup took it back."""
    header = "id,doc,theme,code,start,end,coder,starred,role,reference,quote,memo,attr_region\n"
    row = '1,R01,urgentie,urgentie/behoud-techniekaanbod,14,80,onderzoeker-a,False,,beurt 7,"Dat PIE er nog is.",,R01\n'
    before = project_checksum(project)
    for name, text in (("c.csv", "\ufeff" + header + row), ("c-nl.csv", "\ufeff" + (header + row).replace(",", ";"))):
        table = tmp_path / name
        table.write_text(text, encoding="utf-8")
        code, out, err = run_cli("import", "-p", project, table)
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert f"{table}:1: codings as the export command writes them (columns id, doc, code, start, end, " \
            "coder), not survey answers; nothing was imported (codings come into a project from " \
            "`codings-export`'s files with `sto-qual codings-import" in err, err
        assert project_checksum(project) == before
    # the workbook `export -o c.xlsx` writes, its other sheets cut as the refusal of a second sheet advised
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = "codings"
    for line in (header + row).splitlines():
        book.active.append(next(csv.reader([line])))
    book.save(tmp_path / "c.xlsx")
    code, out, err = run_cli("import", "-p", project, tmp_path / "c.xlsx")
    assert code == 1 and f"{tmp_path / 'c.xlsx'}:1: codings as the export command writes them" in err, err
    assert project_checksum(project) == before


def test_a_chapter_sto_qual_wrote_is_no_transcript(project, tmp_path):
    """`import hoofdstuk.docx` (the report) stored an interview of 6,764 words whose speakers were
    "Arbeidsmarkt." and "Concept"; the Markdown chapter the same. Given as an argument it is
    refused, nothing imported; in a folder beside the transcripts it is passed over, said."""
    code, out, err = run_cli("import", "-p", project, IMPORT / "speakers_name.txt")
    assert code == 0, err
    written = [tmp_path / "hoofdstuk.md", tmp_path / "hoofdstuk.docx"]
    for f in written:
        code, out, err = run_cli("export", "-p", project, "-o", f)
        assert code == 0, err
    before = project_checksum(project)
    for f, what in zip(written, ("a Markdown file", "a Word file")):
        code, out, err = run_cli("import", "-p", project, f, IMPORT / "utf8.txt")
        assert code == 1 and err.strip() == (f"error: {f}: {what} sto-qual wrote (a chapter, a quote file or the "
                                             "grid), not a transcript; nothing was imported (import the transcripts "
                                             "it was made from)"), err
        assert project_checksum(project) == before
    folder = tmp_path / "interviews"
    folder.mkdir()
    shutil.copy(IMPORT / "utf8.txt", folder / "R07.txt")
    for f in written:
        shutil.copy(f, folder / f.name)
    code, out, err = run_cli("import", "-p", project, folder)
    assert code == 0 and "1 imported, 2 skipped" in out, out
    assert f"skipped   {folder / 'hoofdstuk.docx'}: a Word file sto-qual wrote, not a transcript" in out, out


def test_a_folder_names_the_tables_it_did_not_read(project, tmp_path):
    """A folder with attributes.csv and roles.csv beside the transcripts said nothing of them."""
    src = tmp_path / "interviews"
    src.mkdir()
    shutil.copy(IMPORT / "speakers_ir.txt", src / "speakers_ir.txt")
    shutil.copy(IMPORT / "attributes.csv", src / "attributes.csv")
    (src / "roles.csv").write_text("speaker,role\nI,interviewer\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, src, "--attributes", src / "attributes.csv")
    assert code == 0, err
    assert out.strip().splitlines()[-1] == "1 imported, 0 skipped, 0 refused"
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    # the table the import was given is read, not named; the other one is, with what to do
    assert notes == [f"note: {src / 'roles.csv'}: not read: a role map: give it as "
                     f"--role-map {src / 'roles.csv'}"], err
    (src / "namen.csv").write_text("name,replacement\nAnnelies,[naam]\n", encoding="utf-8")  # a pseudonym list
    code, out, err = run_cli("import", "-p", project, src, "--attributes", src / "attributes.csv")
    assert (f"note: {src / 'namen.csv'}: not read: a pseudonym list: import it with `sto-qual pseudonyms import "
            f"{src / 'namen.csv'} --project {project}`") in err, err
    (src / "namen.csv").unlink()
    (src / "speakers_ir.txt").unlink()
    shutil.copy(IMPORT / "utf8.txt", src / "utf8.txt")
    data = _json("import", "-p", project, src)
    assert [x["file"] for x in data["not_read"]] == [str(src / "attributes.csv"), str(src / "roles.csv")]
    assert "--attributes" in data["not_read"][0]["reason"] and data["skipped"] == []


def test_importing_a_folder_again_with_its_attributes_table_sets_them(project, tmp_path):
    """Import the folder, read that its attributes.csv was not read, import again with
    --attributes: every file was skipped as imported before, and the attributes were dropped
    without a word (the role map of the same command was applied)."""
    src = tmp_path / "interviews"
    src.mkdir()
    shutil.copy(IMPORT / "speakers_ir.txt", src / "speakers_ir.txt")
    (src / "attributes.csv").write_text("file,region,region_type\nspeakers_ir.txt,R42,krimp\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, src)
    assert code == 0 and "not read: an attributes table" in err, err
    code, out, err = run_cli("import", "-p", project, src, "--attributes", src / "attributes.csv")
    assert code == 0, err
    # said as an update, not as a file skipped ("0 imported, 1 skipped" hid that anything changed)
    assert ("updated   speakers_ir: attributes set from the table: region = R42, region_type = krimp "
            "(speakers_ir.txt: the same content, not imported again)") in out, out
    assert out.strip().splitlines()[-1] == "0 imported, 1 updated, 0 skipped, 0 refused"
    docs = _json("docs", "-p", project)
    assert docs[0]["attributes"]["region"] == "R42" and docs[0]["attributes"]["region_type"] == "krimp", docs
    code, out, err = run_cli("import", "-p", project, src, "--attributes", src / "attributes.csv")
    assert "attributes set" not in out  # set already: nothing to say
    assert out.strip().splitlines()[-1] == "0 imported, 1 skipped, 0 refused"


def test_importing_again_says_each_value_set_by_hand_that_the_tables_set_back(project, tmp_path):
    """Import with the tables, fix a region type and a role by hand, import the same folder again: the
    tables set both back, said only as "attributes set from the table: region_type" (the role not at
    all). Each is said with the value it replaced and the command that sets it back; and a `role`
    without --doc, which a row for one interview overrules there, says so instead of "Pieter -> …"."""
    src = tmp_path / "interviews"
    src.mkdir()
    shutil.copy(IMPORT / "speakers_ir.txt", src / "speakers_ir.txt")
    (src / "attributes.csv").write_text("file,region,region_type\nspeakers_ir.txt,R42,krimp\n", encoding="utf-8")
    (src / "roles.csv").write_text("speaker,role,file\nR1,penvoerder,speakers_ir.txt\nR2,bestuurder,\n",
                                   encoding="utf-8")
    tables = ("--attributes", src / "attributes.csv", "--role-map", src / "roles.csv")
    assert run_cli("import", "-p", project, src / "speakers_ir.txt", *tables)[0] == 0
    assert run_cli("attribute", "speakers_ir", "region_type=landelijk", "-p", project)[0] == 0
    code, out, err = run_cli("role", "R1", "bestuurder", "-p", project)  # the row for the interview holds there
    assert code == 0 and (f"note: in speakers_ir a row for that interview gives R1 another role (penvoerder), which "
                          f"holds there; `sto-qual role R1 bestuurder --doc speakers_ir --project {project}` changes "
                          "it there") in err, err
    code, out, err = run_cli("role", "R1", "bestuurder", "--doc", "speakers_ir", "-p", project)
    assert code == 0 and out.strip() == "R1 -> bestuurder (was penvoerder)", out  # as `attribute` says its
    assert run_cli("role", "R2", "directeur", "-p", project)[0] == 0
    code, out, err = run_cli("import", "-p", project, src / "speakers_ir.txt", *tables)
    assert code == 0 and ("updated   speakers_ir: attributes set from the table: region_type landelijk -> krimp "
                          "(speakers_ir.txt: the same content, not imported again)") in out, out
    assert (f"note: `sto-qual attribute speakers_ir region_type=landelijk --project {project}` sets speakers_ir's "
            "values before this import back") in err, err
    assert (f"note: {src / 'roles.csv'}: R1's role in speakers_ir was bestuurder and is penvoerder now; `sto-qual role "
            f"R1 bestuurder --doc speakers_ir --project {project}` sets it back") in err, err
    assert f"note: {src / 'roles.csv'}: R2's role was directeur and is bestuurder now" in err, err
    # the commands said set them back
    assert run_cli("attribute", "speakers_ir", "region_type=landelijk", "-p", project)[0] == 0
    assert _json("docs", "-p", project)[0]["attributes"]["region_type"] == "landelijk"


def test_a_corrected_copy_under_another_name_is_said_to_be_nearly_an_interview_imported(project, tmp_path):
    """R06 with one word corrected, delivered as R06-Brabant-gecorrigeerd.txt, came in as one more
    interview without a word: every count then had that region twice. Two interviews of one script
    with short answers are not copies (a tester's two were taken for one)."""
    script = ["Waar ligt voor jullie nu de grootste urgentie?", "Hoe kijken jullie aan tegen de regierol van het vmbo?",
              "Hoe gaat het samenwerken tussen de besturen?", "Wat betekent de onzekerheid over het geld?",
              "Wat zou u het ministerie willen meegeven?"]
    answers = ["Het tekort aan technische docenten is echt ons grootste probleem.",
               "Op papier hebben wij de regie, maar het mbo heeft het geld.",
               "Het vertrouwen tussen de besturen is de laatste jaren gegroeid.",
               "We hebben een investering in de werkplaats een jaar uitgesteld.",
               "Geef ons zekerheid voor meerdere jaren, dan kunnen we plannen."]
    first = tmp_path / "R06-Brabant.txt"
    first.write_text("\n\n".join(f"Interviewer: {q}\n\nPiet: {a}" for q, a in zip(script, answers)) + "\n",
                     encoding="utf-8")
    assert run_cli("import", "-p", project, first)[0] == 0
    corrected = tmp_path / "R06-Brabant-gecorrigeerd.txt"
    corrected.write_text(first.read_text(encoding="utf-8").replace("een jaar uitgesteld", "twee jaar uitgesteld"),
                         encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, corrected)
    assert code == 0 and "imported  R06-Brabant-gecorrigeerd " in out, out
    assert ("note: R06-Brabant-gecorrigeerd has nearly the same answers as R06-Brabant (4 of its 5 sentences of four "
            "words or more compared are R06-Brabant's word for word): a corrected copy?" in err
            and f"`sto-qual delete-doc R06-Brabant-gecorrigeerd --project {project}` takes R06-Brabant-gecorrigeerd "
            f"out again (to keep it instead, `sto-qual delete-doc R06-Brabant --project {project}`" in err), err
    other = tmp_path / "R07.txt"  # the same questions, other short answers: another interview
    other.write_text("\n\n".join(f"Interviewer: {q}\n\nAnna: Dat weet ik niet." for q in script) + "\n",
                     encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, other)
    assert code == 0 and "nearly the same" not in err, err


def test_a_mistyped_speaker_label_without_a_role_is_said_to_be_a_typo_of_the_one_with(project, tmp_path):
    """"Interviewr:" halfway an interview was listed only as a speaker without a role, quoted as
    'een stuurgroeplid': the interviewer's question would be quoted as a member's words."""
    f = tmp_path / "R12.txt"
    f.write_text("Interviewer: Waar ligt de urgentie?\n\nJan: Bij de docenten.\n\nInterviewr: En het geld?\n\n"
                 "Jan: Dat is onzeker.\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, f)
    assert code == 0 and "Interviewr (R12; a typo of Interviewer?)" in err, err
    assert "Jan (R12)" in err, err  # a name of its own: no guess


def _transcript(path: Path, front: str) -> Path:
    path.write_text(f"---\n{front}---\nInterviewer: Hoe gaat het met {path.stem}?\n\nMarieke: Goed, we werken "
                    "samen.\n", encoding="utf-8")
    return path



def test_a_files_own_value_the_attributes_table_replaces_is_said(project, tmp_path):
    """"Regio: Twente-Noord" in the file's header was stored as the table's R02 without a word."""
    f = _transcript(tmp_path / "R02.txt", "region: Twente-Noord\nregion_type: landelijk\n")
    table = tmp_path / "attributes.csv"
    table.write_text("file,region,region_type\nR02.txt,R02,landelijk\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, f, "--attributes", table)
    assert code == 0 and (f"note: {f.name}: the attributes table's region (R02) replaced the file's own (region: "
                          f"Twente-Noord); `sto-qual attribute R02 region=Twente-Noord --project {project}` sets the "
                          "file's") in err, err
    assert "region_type" not in err.split("replaced")[1].split("\n")[0]  # the same in both: nothing to say
    assert _json("docs", "-p", project)[0]["attributes"]["region"] == "R02"

def test_a_misspelt_front_matter_key_is_noted_and_stored_as_given(project, tmp_path):
    """`regoin: Groenveld` became an attribute of its own without a word; `stats --by region`
    never saw that interview."""
    g04 = _transcript(tmp_path / "G04.txt", "region: Noord\nregion_type: krimp\n")
    assert run_cli("import", "-p", project, g04)[0] == 0
    g05 = _transcript(tmp_path / "G05.txt", "regoin: Groenveld\nregion_type: krimp\ninterviewer: Sanne\n")
    code, out, err = run_cli("import", "-p", project, g05)
    assert code == 0 and "1 imported" in out, err
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    # 'interviewer' is new too, but close to no key: not a typo to point at
    # the way to correct it keeps the document (it said to delete it and import it again, codings and all)
    assert notes == ["note: G05.txt: attribute key 'regoin' is new; did you mean 'region'? (stored as given; "
                     f"`sto-qual attribute G05 region=Groenveld --clear regoin --project {project}` corrects it and keeps the "
                     "document's codings)"], err
    docs = {d["name"]: d["attributes"] for d in _json("docs", "-p", project)}
    assert docs["G05"] == {"regoin": "Groenveld", "region_type": "krimp", "interviewer": "Sanne"}
    assert run_cli("attribute", "-p", project, "G05", "region=Groenveld", "--clear", "regoin")[0] == 0
    docs = {d["name"]: d["attributes"] for d in _json("docs", "-p", project)}
    assert docs["G05"] == {"region": "Groenveld", "region_type": "krimp", "interviewer": "Sanne"}
    # in one import: the key two others share is the one meant; JSON carries the note
    folder = tmp_path / "in"
    folder.mkdir()
    for name, front in (("H1", "region: A\n"), ("H2", "region: B\n"), ("H3", "Rgion: C\n")):
        _transcript(folder / f"{name}.txt", front)
    data = _json("import", "-p", project, folder)
    assert [n.split(";")[0] for n in data["notes"]] == ["H3.txt: attribute key 'Rgion' is new"]
    assert "did you mean 'region'?" in data["notes"][0]


def test_a_front_matter_key_without_its_colon_is_named_on_its_own_line(project, tmp_path):
    """`region_type krimp` on line 3 was reported on line 4, the line after it."""
    g05 = tmp_path / "G05.txt"
    g05.write_text("---\nregion: Groenveld\nregion_type krimp\n\ndate: 2023-11-14\n---\nInterviewer: Hoe gaat het?\n\n"
                   "Marieke: Goed.\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, g05)
    assert code == 1
    assert err.strip() == (f"refused   {g05}:3: invalid YAML: could not find expected ':' (write the key with a "
                           "colon: 'key: value')")
    # the first key of the front matter: the parser stops at the ':' of the next key instead
    g05.write_text("---\nregion_type krimp\nregion: Groenveld\n---\nInterviewer: Hoe gaat het?\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, g05)
    assert code == 1 and f"{g05}:2: invalid YAML: could not find expected ':'" in err, err
    # a ':' too many is reported where it is, as before
    g05.write_text("---\nregion: Groen: veld\n---\nInterviewer: Hoe gaat het?\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, g05)
    assert code == 1 and f"{g05}:2: invalid YAML: mapping values are not allowed" in err, err


def test_a_file_corrected_after_import_says_its_attributes_differ(project, tmp_path):
    """A researcher fixed `regoin_type` in the file and imported it again: "skipped (same content)",
    and the key stayed misspelt without a word."""
    w03 = _transcript(tmp_path / "W03.txt", "regoin_type: krimp\n")
    assert run_cli("import", "-p", project, w03)[0] == 0
    _transcript(w03, "region_type: krimp\n")
    code, out, err = run_cli("import", "-p", project, w03)
    assert code == 0 and "skipped   W03.txt (same content as W03)" in out, out
    # the misspelt key comes off in the same command (a check found both keys left after it)
    assert ("note: W03.txt: its attributes differ from W03's (region_type: krimp), which the same text keeps; "
            f"`sto-qual attribute W03 region_type=krimp --clear regoin_type --project {project}` sets them") in err, err
    assert run_cli("attribute", "-p", project, "W03", "region_type=krimp", "--clear", "regoin_type")[0] == 0
    assert {d["name"]: d["attributes"] for d in _json("docs", "-p", project)}["W03"] == {"region_type": "krimp"}
    assert "differ" not in run_cli("import", "-p", project, w03)[2]  # the same attributes now: nothing to say


def test_the_same_words_with_other_speakers_say_which_speakers_were_kept(project, tmp_path):
    """A transcript whose speaker labels were corrected (Piet now Pieter) was "skipped (same content
    as R01)", and the old label stayed in R01's turns, its quotes and its roles, without a word."""
    first = tmp_path / "R01.txt"
    first.write_text("Interviewer: Hoe gaat het met de samenwerking?\nPiet: Goed, we werken samen met het mbo.\n"
                     "Interviewer: En de financiering?\nPiet: Die is onzeker na 2027.\n", encoding="utf-8")
    assert run_cli("import", "-p", project, first)[0] == 0
    corrected = tmp_path / "R01-gecorrigeerd.txt"
    corrected.write_text(first.read_text(encoding="utf-8").replace("Piet:", "Pieter:"), encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, corrected)
    assert code == 0 and "skipped   R01-gecorrigeerd.txt (same content as R01)" in out, out
    assert ("note: R01-gecorrigeerd.txt: the same text as R01 with other speakers (Pieter for Piet); R01 keeps "
            "its own (after a `speaker-rename` made there on purpose, nothing is to be done). "
            f"To take this file's, delete R01 (`sto-qual delete-doc --doc R01 --project {project}`; its codings "
            "go with it) "
            "and import the file again") in err, err
    assert "other speakers" not in run_cli("import", "-p", project, first)[2]  # the same speakers: nothing to say
    # the same interview with the turns' times (a timed transcript of one imported without): said too
    timed = tmp_path / "R01-getimed.txt"
    timed.write_text("".join(f"[00:0{i}:05] {line}\n" for i, line in enumerate(
        first.read_text(encoding="utf-8").splitlines())), encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, timed)
    assert code == 0 and "skipped   R01-getimed.txt (same content as R01)" in out, out
    assert "note: R01-getimed.txt: the same text as R01 with other times (4 turns with another time); R01 keeps" in err, err


def test_a_file_or_speaker_given_twice_with_other_values_is_refused_at_its_line(project, tmp_path):
    """Two rows for R02 in --attributes (krimp, then gemengd) or for one speaker in --role-map: the
    last row won without a word. Now the import is refused at the second row, nothing imported;
    the same values given twice, or a row adding other columns, are no conflict."""
    before = project_checksum(project)
    table = tmp_path / "attrs.csv"
    table.write_text("file,region_type\nutf8.txt,krimp\nspeakers_ir,stedelijk\nutf8,gemengd\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--attributes", table)
    assert code == 1 and err.strip() == (f"error: {table}:4: file 'utf8' is given again with other values than on "
                                         "line 2 (region_type: krimp, then gemengd) (keep one row per file)"), err
    roles = tmp_path / "roles.csv"
    roles.write_text("speaker,role\nJan,penvoerder\nPiet,directeur\nJan,bestuurder\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--role-map", roles)
    assert code == 1 and f"{roles}:4: speaker 'Jan' is given again with another role than on line 2 (penvoerder, " \
                         "then bestuurder)" in err, err
    assert project_checksum(project) == before
    table.write_text("file,region_type,region\nutf8.txt,krimp,\nutf8,KRIMP,R07\n", encoding="utf-8")  # one value
    roles.write_text("speaker,role\nJan,penvoerder\nJan,penvoerder\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--attributes", table, "--role-map", roles)
    assert code == 0, err
    assert {"region_type": "krimp", "region": "R07"}.items() <= _json("docs", "-p", project)[0]["attributes"].items()


def test_a_mistyped_role_in_a_role_map_is_said_at_import(project, tmp_path):
    """`penvoerdr` on one row of --role-map made a group of its own in `stats --by role`; the
    `role` command says so of a typo, the import said nothing."""
    roles = tmp_path / "roles.csv"
    roles.write_text("file,speaker,role\nspeakers_name.txt,Kees,penvoerdr\nspeakers_name.txt,Anna de Vries,"
                     "directeur\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "speakers_name.txt", "--role-map", roles)
    assert code == 0, err
    assert (f"note: {roles}: 'penvoerdr', given to Kees in speakers_name, is a new role in this project: did you "
            "mean penvoerder? (correct the file and import it again, or give `sto-qual role Kees penvoerder --doc "
            "speakers_name --project") in err, err
    assert "'directeur'" not in err  # a role the chapter has words for is no typo
    # a role written one way on most rows and once another way: the rarer one is the typo
    roles.write_text("speaker,role\nKees,wethouder\nAnna de Vries,wethoudr\nPiet,wethouder\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--role-map", roles)
    assert "'wethoudr', given to Anna de Vries, is a new role in this project: did you mean wethouder?" in err, err
    assert "'wethouder'," not in err


def test_an_attributes_table_and_a_role_map_kept_in_excel_are_read(project, tmp_path):
    """`--attributes attrs.xlsx` was refused as "binary data, not text (save the transcript as
    .txt …)", blaming the transcripts. An Excel table is read as its first sheet: a date cell as
    its ISO date, a number as written, a row's line its row number."""
    import datetime

    import openpyxl
    table = tmp_path / "attrs.xlsx"
    wb = openpyxl.Workbook()
    for row in (["File", "region_type", "date", "school_boards"], ["utf8.txt", "krimp", datetime.datetime(2024, 3, 14), 3],
                [], ["T99", "stedelijk", None, 2]):
        wb.active.append(row)
    wb.save(table)
    roles = tmp_path / "roles.xlsx"
    wb = openpyxl.Workbook()
    for row in (["speaker", "role"], ["Jan", "penvoerder"]):
        wb.active.append(row)
    wb.save(roles)
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--attributes", table, "--role-map", roles)
    assert code == 0, err
    assert f"{table}:4: no file 'T99' in this import" in err, err
    attrs = _json("docs", "-p", project)[0]["attributes"]
    assert {"region_type": "krimp", "date": "2024-03-14", "school_boards": "3"}.items() <= {
        k: str(v) for k, v in attrs.items()}.items(), attrs


def test_one_attribute_given_twice_in_other_capitals_is_refused_not_overwritten(project, tmp_path):
    """A table with columns region_type and REGION_TYPE, or front matter with region_type: krimp
    and Region_Type: stedelijk, imported with the second value; the first was lost unsaid."""
    before = project_checksum(project)
    table = tmp_path / "attrs.csv"
    table.write_text("file,region_type,REGION_TYPE\nutf8,krimp,gemengd\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--attributes", table)
    assert code == 1 and (f"{table}:1: duplicate column 'REGION_TYPE' (columns 2 and 3, names differing only in "
                          "capitals are one attribute)") in err, err
    both = tmp_path / "W09.txt"
    both.write_text("---\nregion: R09\nregion_type: krimp\nRegion_Type: stedelijk\n---\nInterviewer: Hoe gaat het?\n"
                    "Jan: Goed, we werken samen met het mbo.\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, both)
    assert code == 1 and ("'region_type' and 'Region_Type' are one attribute (names differing only in capitals) "
                          "with two values (krimp, stedelijk)") in err, err
    assert project_checksum(project) == before


def test_a_formula_in_an_excel_table_is_refused_not_read_as_empty(project, tmp_path):
    """A role map or attributes table written by a script kept its formulas without values: the
    role read as empty (Piet got none), a pseudonym's replacement as "" (a name replaced by nothing)."""
    import openpyxl
    roles = tmp_path / "roles.xlsx"
    wb = openpyxl.Workbook()
    for row in (["speaker", "role"], ["Piet", '="bestuurder"']):
        wb.active.append(row)
    wb.save(roles)
    before = project_checksum(project)
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--role-map", roles)
    assert code == 1 and f"{roles}: 1 formula cell(s) without a computed value (B2)" in err, err
    assert project_checksum(project) == before


def test_a_role_map_speaker_in_other_capitals_is_the_same_speaker(project, tmp_path):
    """Piet,bestuurder then piet,penvoerder went through (the row in the transcript's capitals won),
    while Piet,bestuurder then Piet,Bestuurder, the same role, was refused."""
    roles = tmp_path / "roles.csv"
    roles.write_text("speaker,role\nPiet,bestuurder\npiet,penvoerder\n", encoding="utf-8")
    code, out, err = run_cli("import", "-p", project, IMPORT / "utf8.txt", "--role-map", roles)
    assert code == 1 and "speaker 'piet' is given again with another role than on line 2 (bestuurder, then " \
                         "penvoerder)" in err, err
    roles.write_text("speaker,role\nPiet,bestuurder\nPiet,Bestuurder\n", encoding="utf-8")
    assert run_cli("import", "-p", project, IMPORT / "utf8.txt", "--role-map", roles)[0] == 0


def test_an_attributes_row_names_its_file_in_other_capitals_or_as_excel_shows_a_number(project, tmp_path):
    """`a1.md` in the table for A1.md (as Windows lets one write it), and 7 for 007.txt (Excel drops
    the leading zeros of a number): the interviews came in without their attributes, a warning said."""
    import openpyxl
    a1 = tmp_path / "A1.txt"
    a1.write_text("Interviewer: Hoe gaat het?\nJan: Goed, we werken samen met het mbo.\n", encoding="utf-8")
    seven = tmp_path / "007.txt"
    seven.write_text("Interviewer: Hoe gaat het daar?\nPiet: Het geld is onzeker na 2027.\n", encoding="utf-8")
    table = tmp_path / "attrs.xlsx"
    wb = openpyxl.Workbook()
    for row in (["file", "region_type"], ["a1.txt", "krimp"], [7, "stedelijk"]):
        wb.active.append(row)
    wb.save(table)
    code, out, err = run_cli("import", "-p", project, a1, seven, "--attributes", table)
    assert code == 0 and "no file" not in err, err
    docs = {d["name"]: d["attributes"].get("region_type") for d in _json("docs", "-p", project)}
    assert docs == {"A1": "krimp", "007": "stedelijk"}, docs


def test_two_files_of_one_import_with_one_name_are_numbered_and_said(tmp_path):
    """W08.txt and W08.md in one folder became W08 and W08-2 without a word (an --attributes row W08
    gave both its values)."""
    from cli_runner import sq
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "W08.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (folder / "W08.md").write_text("---\nregion: R08\n---\nInterviewer: En nu?\nPiet: Lastig.\n", encoding="utf-8")
    assert sq("init", "-p", tmp_path / "p.db").returncode == 0
    got = sq("import", "-p", tmp_path / "p.db", folder)
    assert got.returncode == 0, got.stderr
    said = [line for line in got.stderr.splitlines() if "stored as W08-2" in line]
    assert len(said) == 1 and "as another file of this import is W08 (two files with one name" in said[0]


def test_an_attributes_row_that_names_two_files_of_the_import_is_refused_and_a_folder_tells_them_apart(tmp_path,
                                                                                                       monkeypatch):
    """a/R01.txt (krimp) and b/R01.txt (stedelijk) with a row `R01,Noord`: both got region Noord
    without a word, and a row's region_type went over the second file's own header; a row can
    name a file with its folder."""
    from cli_runner import sq
    for folder, kind, said in (("a", "krimp", "Jan: Goed."), ("b", "stedelijk", "Piet: Het geld is onzeker.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "R01.txt").write_text(f"Regiotype: {kind}\n\nInterviewer: Hoe gaat het?\n{said}\n",
                                                   encoding="utf-8")
    project = tmp_path / "p.db"
    assert sq("init", "-p", project).returncode == 0
    before = project.read_bytes()
    (tmp_path / "attr.csv").write_text("file,region\nR01,Noord\n", encoding="utf-8")
    got = sq("import", "-p", project, tmp_path / "a", tmp_path / "b", "--attributes", tmp_path / "attr.csv")
    assert got.returncode == 1 and got.stderr.startswith(f"error: {tmp_path / 'attr.csv'}:2: 'R01' names 2 files of "
                                                         "this import"), got.stderr
    assert "name each file with its folder (a/R01.txt)" in got.stderr and project.read_bytes() == before
    (tmp_path / "attr.csv").write_text("file,region\na/R01.txt,Noord\nb/R01.txt,Zuid\n", encoding="utf-8")
    got = sq("import", "-p", project, tmp_path / "a", tmp_path / "b", "--attributes", tmp_path / "attr.csv")
    assert got.returncode == 0 and "no file" not in got.stderr, got.stderr
    docs = {d["name"]: d["attributes"] for d in json.loads(sq("docs", "-p", project, "--format", "json").stdout)}
    assert docs == {"R01": {"region_type": "krimp", "region": "Noord"},
                    "R01-2": {"region_type": "stedelijk", "region": "Zuid"}}
    # a row may give the path as a shell does, "./a/R01.txt" or whole ("no file './a/R01.txt' in this import")
    again = tmp_path / "again.db"
    assert sq("init", "-p", again).returncode == 0
    (tmp_path / "attr.csv").write_text(f"file,region\n./a/R01.txt,Noord\n{tmp_path / 'b' / 'R01.txt'},Zuid\n",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    got = sq("import", "-p", again, "a", "b", "--attributes", "attr.csv")
    assert got.returncode == 0 and "no file" not in got.stderr, got.stderr
    docs = {d["name"]: d["attributes"]["region"] for d in json.loads(sq("docs", "-p", again, "--format", "json").stdout)}
    assert docs == {"R01": "Noord", "R01-2": "Zuid"}


def test_a_role_map_row_for_one_of_two_files_with_one_name_is_refused(tmp_path):
    """`import a/ b/ --role-map r.csv` with the row `b/R01.txt,Kees,bestuurder`: the row went to
    a/R01 (stored as R01), Kees in b's file (R01-2) got no role, and a warning said the row named
    no speaker of the interviews."""
    from cli_runner import sq
    for folder, said in (("a", "Jan: Goed."), ("b", "Kees: Het geld is onzeker.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "R01.txt").write_text(f"Interviewer: Hoe gaat het?\n{said}\n", encoding="utf-8")
    project = tmp_path / "p.db"
    assert sq("init", "-p", project).returncode == 0
    before = project.read_bytes()
    (tmp_path / "r.csv").write_text("Bestand,Spreker,Rol\nb/R01.txt,Kees,bestuurder\n", encoding="utf-8")
    got = sq("import", "-p", project, tmp_path / "a", tmp_path / "b", "--role-map", tmp_path / "r.csv")
    assert got.returncode == 1 and f"r.csv:2: 'b/R01.txt' is one of 2 files of this import named R01" in got.stderr
    assert "import the folders one at a time" in got.stderr and project.read_bytes() == before


def test_a_teams_transcripts_speakers_find_their_roles_in_the_role_map(project, tmp_path):
    """Teams writes "Dijkstra, Esther   0:03" and marks a guest "(Gast)": a role map naming
    "Esther Dijkstra" and "Kees Jansen" found neither, and a new user set each role by hand."""
    teams = tmp_path / "T01.txt"
    teams.write_text("Bakker, Sanne   0:03\nWat is voor jullie de grootste urgentie?\n\n"
                     "Dijkstra, Esther   0:12\nHet tekort aan technische docenten.\n\n"
                     "Jansen, Kees (Gast)   0:40\nEn de financiering na 2027 is onzeker.\n", encoding="utf-8")
    roles = tmp_path / "rollen.csv"
    roles.write_text("speaker,role\nSanne Bakker,interviewer\nEsther Dijkstra,penvoerder\nKees Jansen,bestuurder\n",
                     encoding="utf-8")
    code, _out, err = run_cli("import", "-p", project, teams, "--role-map", roles)
    assert code == 0 and "without a role" not in err, err
    turns = json.loads(run_cli("show", "-p", project, "T01", "--format", "json")[1])
    assert [(t["speaker"], t["role"]) for t in turns] == [
        ("Sanne Bakker", "interviewer"), ("Esther Dijkstra", "penvoerder"), ("Kees Jansen (Gast)", "bestuurder")]
    # Teams' WebVTT keeps its voice as written, "<v Jansen, Kees>": the role map's "Kees Jansen" is him
    vtt = tmp_path / "T02.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Bakker, Sanne>Wat is de urgentie?</v>\n\n"
                   "00:00:04.000 --> 00:00:09.000\n<v Jansen, Kees>Het tekort aan docenten.</v>\n", encoding="utf-8")
    code, _out, err = run_cli("import", "-p", project, vtt)
    assert code == 0 and "without a role" not in err, err
    turns = json.loads(run_cli("show", "-p", project, "T02", "--format", "json")[1])
    assert [(t["speaker"], t["role"]) for t in turns] == [("Bakker, Sanne", "interviewer"), ("Jansen, Kees", "bestuurder")]


def test_a_role_map_that_writes_a_teams_speaker_surname_first_finds_him(project, tmp_path):
    """A researcher copies the names into the role map as Teams shows them ("Jansen, Kees"); the
    import names the speaker "Kees Jansen". The row matched nobody and its warning said so."""
    teams = tmp_path / "T03.txt"
    teams.write_text("Bakker, Sanne   0:03\nWat is voor jullie de grootste urgentie?\n\n"
                     "Jansen, Kees   0:12\nHet tekort aan technische docenten.\n", encoding="utf-8")
    roles = tmp_path / "rollen.csv"
    roles.write_text('speaker,role\n"Bakker, Sanne",interviewer\n"Jansen, Kees",bestuurder\n', encoding="utf-8")
    code, _out, err = run_cli("import", "-p", project, teams, "--role-map", roles)
    assert code == 0 and "without a role" not in err and "no speaker of the interviews" not in err, err
    turns = json.loads(run_cli("show", "-p", project, "T03", "--format", "json")[1])
    assert [(t["speaker"], t["role"]) for t in turns] == [("Sanne Bakker", "interviewer"), ("Kees Jansen", "bestuurder")]
    # and `sto-qual role` given the name as Teams shows it
    code, _out, err = run_cli("role", "-p", project, "Jansen, Kees", "penvoerder")
    assert code == 0 and "no document has a speaker" not in err, err
    turns = json.loads(run_cli("show", "-p", project, "T03", "--format", "json")[1])
    assert turns[1]["role"] == "penvoerder"


def test_a_role_in_brackets_beside_a_name_is_the_speakers_role_whichever_role(project, tmp_path):
    """"Gerrit (penvoerder):" had his role and "Anneke (wethouder):" and "Fenna (projectleider):"
    did not ("2 speakers without a role, quoted as 'een stuurgroeplid'"), though `role-label`
    lists both as built in."""
    (tmp_path / "A03.txt").write_text(
        "Interviewer: Waar ligt de urgentie?\n\nGerrit (penvoerder): De krimp. Echt.\n\n"
        "Anneke (wethouder): En de bedrijven hier schreeuwen om mensen.\n\n"
        "Fenna (projectleider): Ik zit zelf niet in de stuurgroep.\n", encoding="utf-8")
    code, _out, err = run_cli("import", "-p", project, tmp_path / "A03.txt")
    assert code == 0 and "without a role" not in err, err
    turns = json.loads(run_cli("show", "-p", project, "A03", "--format", "json")[1])
    assert [t["role"] for t in turns] == ["interviewer", "penvoerder", "wethouder", "projectleider"]


def test_a_name_with_spaces_around_or_in_it_is_found_as_typed_and_its_commands_run_as_printed(project, tmp_path):
    """"Gesprek twee .txt" was stored as 'Gesprek twee ', which no command found: the import's own
    report then failed on it ("unknown document 'Gesprek twee' (did you mean Gesprek twee ?)"),
    not saying that both files were stored. A name with a space in it was printed unquoted in the
    commands the notes give (`attribute R21 transcriptie TypeWise …`), which failed as pasted.
    Word's lock file beside a document it has open failed the import of a folder of good files."""
    import shlex
    folder = tmp_path / "map"
    folder.mkdir()
    _transcript(folder / "Gesprek twee .txt", "region: Noord\n")
    _transcript(folder / "G06.txt", "region: Oost\n")
    _transcript(folder / "R21 transcriptie TypeWise.txt", "regoin: Zuid\n")
    (folder / "~$R21 transcriptie TypeWise.docx").write_bytes(b"\x00lock")
    code, out, err = run_cli("import", "-p", project, folder)
    assert code == 0 and "3 imported, 0 skipped, 0 refused" in out, (out, err)
    assert {d["name"] for d in _json("docs", "-p", project)} == {"Gesprek twee", "G06", "R21 transcriptie TypeWise"}
    assert run_cli("show", "-p", project, "--doc", "Gesprek twee")[0] == 0
    fix = next(line for line in err.splitlines() if "attribute key 'regoin' is new" in line)
    command = fix.split("`")[1]
    assert command.startswith("sto-qual attribute 'R21 transcriptie TypeWise' region=Zuid"), command
    assert run_cli(*shlex.split(command)[1:])[0] == 0
    r21 = next(d for d in _json("docs", "-p", project) if d["name"].startswith("R21"))
    assert r21["attributes"] == {"region": "Zuid"}


def test_a_mistyped_path_names_the_file_beside_it_that_was_meant(tmp_path):
    """`import materiaal/A01-lingdal.txt` said "no such file or directory" and `--attributes
    materiaal/attributes.csv` (the file is attributen.csv) that the file does not exist, where a
    mistyped document name gets "did you mean"."""
    folder = tmp_path / "materiaal"
    folder.mkdir()
    (folder / "A01-lingedal.txt").write_text("Interviewer: Hoe gaat het?\nJan: Goed.\n", encoding="utf-8")
    (folder / "attributen.csv").write_text("file,region_type\nA01-lingedal.txt,krimp\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert run_cli("init", str(db))[0] == 0
    before = project_checksum(db)
    code, out, err = run_cli("import", "-p", str(db), str(folder / "A01-lingdal.txt"))
    assert code == 1 and f"no such file or directory (did you mean {folder / 'A01-lingedal.txt'}?)" in out + err
    code, _out, err = run_cli("import", "-p", str(db), "--attributes", str(folder / "attributes.csv"),
                              str(folder / "A01-lingedal.txt"))
    assert code == 2 and f"does not exist (did you mean {folder / 'attributen.csv'}?)" in err, err
    code, _out, err = run_cli("import", "-p", str(db), "--attributes", str(folder / "heel-anders.csv"),
                              str(folder / "A01-lingedal.txt"))
    assert code == 2 and "did you mean" not in err
    assert project_checksum(db) == before


def test_a_mistyped_speaker_label_is_renamed_with_its_role_and_a_way_back(tmp_path):
    """The import caught "Mariek (a typo of Marieke?)", but the label could only be given a role:
    turn 2 stayed "Mariek" in `show` and in a .qdpx."""
    import json as _json
    t = tmp_path / "A01.txt"
    t.write_text("Interviewer: Hoe gaat het?\n\nMarieke: Goed, dank je.\n\nInterviewer: En de school?\n\n"
                 "Mariek: Die draait goed.\n\nAhmed: Dat klopt.\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert run_cli("init", db)[0] == 0 and run_cli("import", "-p", db, str(t))[0] == 0
    assert run_cli("role", "Mariek", "bestuurder", "--doc", "A01", "-p", db)[0] == 0
    before = project_checksum(tmp_path / "p.db")
    code, _out, err = run_cli("speaker-rename", "Mariekk", "Marieke", "-p", db)  # no such label: said, nothing done
    assert code == 1 and "no turn is spoken by 'Mariekk' (did you mean Mariek" in err, err
    assert project_checksum(tmp_path / "p.db") == before
    # a label no one else has: renamed, its role with it, and the command that puts it back
    code, out, err = run_cli("speaker-rename", "Ahmed", "Ahmet", "--doc", "A01", "-p", db)
    assert code == 0 and out.strip() == "renamed speaker 'Ahmed' to 'Ahmet': 1 turn in A01", out
    assert "`sto-qual speaker-rename Ahmet Ahmed --doc A01" in err
    # joining another speaker's label: a backup first, named with its restore; the role goes with it
    code, out, err = run_cli("speaker-rename", "Mariek", "Marieke", "--doc", "A01", "-p", db)
    assert code == 0 and "1 turn in A01 (the role bestuurder goes with it)" in out, out
    assert ("'Marieke' speaks in A01 already, so which turns were 'Mariek' is not kept; a backup was made first: "
            "`sto-qual restore -p") in err, err
    turns = _json.loads(run_cli("show", "A01", "-p", db, "--format", "json")[1])
    assert [t["speaker"] for t in turns if t["speaker"] != "Interviewer"] == ["Marieke", "Marieke", "Ahmet"]
    assert {t["role"] for t in turns if t["speaker"] == "Marieke"} == {"bestuurder"}


def test_a_document_named_after_its_file_is_called_by_its_code(tmp_path):
    """`show W01`, `--doc W01` and `--where doc=W01` were refused for W01-waalvliet, the only
    document whose name begins so ("unknown document 'W01'")."""
    import json as _json
    for name in ("W01-waalvliet", "W02-oostkamp", "W1-extra"):
        (tmp_path / f"{name}.txt").write_text(f"Interviewer: Hoe gaat het in {name}?\n\nJan: Goed, dank je.\n",
                                              encoding="utf-8")
    db = str(tmp_path / "p.db")
    assert run_cli("init", db)[0] == 0
    assert run_cli("import", "-p", db, *(str(p) for p in sorted(tmp_path.glob("*.txt"))))[0] == 0
    code, out, _err = run_cli("show", "W01", "-p", db, "--format", "json")
    assert code == 0 and "W01-waalvliet" in _json.loads(out)[0]["text"]
    assert run_cli("attribute", "w02", "region_type=krimp", "-p", db)[0] == 0  # in any case
    assert _json.loads(run_cli("docs", "-p", db, "--format", "json")[1])[1]["attributes"]["region_type"] == "krimp"
    code, _out, err = run_cli("stats", "--where", "doc=W01,W02", "-p", db)
    assert code == 0 and "coded 0 of the 2 interviews" in err, err
    code, _out, err = run_cli("show", "W0", "-p", db)  # the start of two: not one
    assert code == 1 and "unknown document 'W0'" in err



def test_the_import_line_says_one_turn_and_keeps_its_columns(tmp_path):
    """ "1 turns" was printed for a transcript of one turn."""
    db = tmp_path / "p.db"
    (tmp_path / "een.txt").write_text("Jan: Dat is alles wat ik erover kwijt wil.\n", encoding="utf-8")
    (tmp_path / "twee.txt").write_text("Interviewer: Vertel.\n\nJan: " + "Woord voor woord. " * 1500 + "\n",
                                       encoding="utf-8")
    assert run_cli("init", str(db))[0] == 0
    code, out, err = run_cli("import", "--project", str(db), str(tmp_path / "een.txt"), str(tmp_path / "twee.txt"))
    assert code == 0, err
    lines = [x for x in out.splitlines() if x.startswith("imported  ")]
    one = next(x for x in lines if " een " in x)
    assert " 1 turn " in one and one.endswith(" 1 unit") and "turns" not in one, one
    two = next(x for x in lines if " twee " in x)
    assert "4,501 words" in two and " 2 turns " in two, two
    assert one.index("words") == two.index("words") and one.index("turn") == two.index("turn"), lines
