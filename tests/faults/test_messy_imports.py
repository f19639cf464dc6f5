"""Messy transcripts a tester fed the installed command: each is read as meant, refused with one
line naming the file (and line) and what to do, the project then unchanged, or imported with a
warning that says what to check. All data fictional."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_runner import sq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from import_invariants import project_checksum  # noqa: E402


@pytest.fixture
def project(tmp_path) -> Path:
    p = tmp_path / "p.db"
    assert sq("init", "-p", p).returncode == 0
    return p


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _turns(project: Path, doc: str) -> list[dict]:
    proc = sq("show", "-p", project, doc, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _refused(project: Path, *args, fragment: str) -> str:
    """Import refused: exit 1, one `refused` line naming the file and ``fragment``, project unchanged."""
    before = project_checksum(project)
    proc = sq("import", "-p", project, *args)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr.replace("ImportRefused", "")
    said = [line for line in (proc.stdout + proc.stderr).splitlines() if fragment in line]
    assert said, (proc.stdout, proc.stderr)
    assert project_checksum(project) == before
    return said[0]


def test_a_label_written_with_non_breaking_spaces_is_the_same_label(project, tmp_path):
    f = _write(tmp_path / "R31.txt", "Interviewer: Hoe gaat het met het techlab?\n\n"
               "Daan\u00a0de\u00a0Vries: Goed, het techlab draait.\n\nInterviewer: Fijn om te horen.\n\n"
               "Daan de Vries: Ja, de leerlingen komen\u00a0graag.\n")
    proc = sq("import", "-p", project, f)
    assert proc.returncode == 0, proc.stderr
    assert "not read as one" not in proc.stderr
    turns = _turns(project, "R31")
    assert [t["speaker"] for t in turns] == ["Interviewer", "Daan de Vries", "Interviewer", "Daan de Vries"]
    assert turns[1]["text"] == "Goed, het techlab draait."
    assert turns[3]["text"] == "Ja, de leerlingen komen\u00a0graag."  # the words keep theirs


@pytest.mark.parametrize("line, char", [("Fen\u202eke: Goed hoor.", "U+202E"),
                                        ("Fenke: Goed \u2067hoor\u2069.", "U+2067")])
def test_a_bidirectional_override_is_refused_with_its_line_and_code_point(project, tmp_path, line, char):
    f = _write(tmp_path / "R32.txt", f"Interviewer: Hoe gaat het?\n\n{line}\n\nInterviewer: Fijn.\n")
    said = _refused(project, f, fragment="bidirectional control character")
    assert f"{f}:3: bidirectional control character {char} in the text" in said
    assert "remove it" in said


def test_a_bidirectional_override_in_a_word_file_is_refused_too(project, tmp_path):
    import docx
    d = docx.Document()
    for p in ("Interviewer: Hoe gaat het?", "Fen\u202eke: Goed hoor.", "Interviewer: Fijn."):
        d.add_paragraph(p)
    d.save(tmp_path / "R33.docx")
    _refused(project, tmp_path / "R33.docx", fragment="bidirectional control character U+202E in the text")


def test_the_marks_of_a_right_to_left_name_stay(project, tmp_path):
    f = _write(tmp_path / "R34.txt", "Interviewer: Wie was er bij?\n\n"
               "Fenke: Ik en \u200fمحمد\u200f van de gemeente.\n\nInterviewer: Fijn.\n")
    assert sq("import", "-p", project, f).returncode == 0
    assert "\u200fمحمد\u200f" in _turns(project, "R34")[1]["text"]


def test_turns_all_on_one_long_line_are_imported_with_a_warning(project, tmp_path):
    answer = "Het techlab draait goed en de leerlingen van het vmbo komen er graag, ook na schooltijd. " * 8
    turns = " ".join(f"Bart: {answer} Interviewer: En hoe ging het verder?" for _ in range(200))
    f = _write(tmp_path / "R35.txt", f"Regio: Noordkust\n\nInterviewer: Vertel maar. {turns}\n")
    proc = sq("import", "-p", project, f)
    assert proc.returncode == 0, proc.stderr
    said = [line for line in proc.stderr.splitlines() if "R35.txt" in line and "speaker label" in line]
    assert said and "line 3 holds 200 more speaker labels (‘Interviewer:’) inside one turn of Interviewer" \
        in said[0]
    assert "each turn needs its own line" in said[0]
    assert len(_turns(project, "R35")) == 1  # kept as it is: only its author can part it
    # the run-on line named, not an earlier line that opens with the same words (a question asked twice)
    twice = _write(tmp_path / "R60.txt", "Interviewer: Kunt u daar iets meer over vertellen alstublieft?\n\nBart: Ja "
                   "hoor.\n\nInterviewer: Kunt u daar iets meer over vertellen alstublieft? Bart: Nou. Interviewer: "
                   "Dank u. Bart: Graag.\n")
    assert "R60.txt: line 5 holds 3 more speaker labels" in sq("import", "-p", project, twice).stderr


def test_an_implausibly_long_turn_is_said(project, tmp_path):
    monologue = "Wij hebben in de regio veel geleerd over samenwerken tussen scholen en bedrijven. " * 900
    f = _write(tmp_path / "R36.txt", f"Interviewer: Vertel maar.\n\nBart: {monologue}\n\nInterviewer: Dank je.\n")
    proc = sq("import", "-p", project, f)
    assert proc.returncode == 0, proc.stderr
    assert "R36.txt: line 3 is one turn of 11,700 words by Bart" in proc.stderr
    assert "each turn needs its own line" in proc.stderr


def test_only_the_interviewer_speaking_is_said_with_the_command_that_takes_it_out(project, tmp_path):
    alone = _write(tmp_path / "R37.txt", "Interviewer: Goedemiddag, hoort u mij?\n\n"
                   "Interviewer: Hallo? Bent u er nog?\n\nInterviewer: De verbinding lijkt verbroken.\n")
    other = _write(tmp_path / "R38.txt", "Interviewer: Hoe gaat het?\n\nAns: Goed, het techlab draait.\n")
    proc = sq("import", "-p", project, alone, other)
    assert proc.returncode == 0, proc.stderr
    said = [line for line in proc.stderr.splitlines() if "only the interviewer speaks" in line]
    assert len(said) == 1 and said[0].startswith("warning   R37: only the interviewer speaks (3 turns"), said
    assert f"`sto-qual delete-doc R37 --project {project}`" in said[0]
    # turns run together on one line are the interviewer's as read, but answers are there: the run-on line is
    # said, not "only the interviewer speaks … delete-doc", which invited deleting a real interview
    run_on = _write(tmp_path / "R21.txt", "Interviewer: Vertel eens over de stuurgroep. Kees: Die komt elke maand "
                    "bij elkaar. Interviewer: En het techlab? Kees: Dat draait goed.\n")
    proc = sq("import", "-p", project, run_on)
    assert "only the interviewer speaks" not in proc.stderr and "inside one turn" in proc.stderr, proc.stderr


def _two_interviews(tmp_path: Path) -> list[Path]:
    return [_write(tmp_path / "R41.txt", "Interviewer: Hoe gaat het?\n\nAns: Goed, het techlab draait.\n"),
            _write(tmp_path / "R42.txt", "Interviewer: Hoe gaat het?\n\nKees: Het kan beter.\n")]


@pytest.mark.parametrize("sep", [",", ";"])
def test_an_attributes_row_with_fewer_cells_than_the_header_is_refused(project, tmp_path, sep):
    table = _write(tmp_path / "attributen.csv", sep.join(("file", "region", "region_type")) + "\n"
                   + sep.join(("R41", "Noordkust", "krimp")) + "\n" + sep.join(("R42", "Zuidrand")) + "\n")
    said = _refused(project, *_two_interviews(tmp_path), "--attributes", table, fragment="has no cell")
    assert f"{table}:3: row has 2 cells but the header 3: column 3 ('region_type') has no cell" in said


def test_an_attributes_table_of_only_its_header_is_said(project, tmp_path):
    table = _write(tmp_path / "attributen.csv", "file,region,region_type\n")
    proc = sq("import", "-p", project, *_two_interviews(tmp_path), "--attributes", table)
    assert proc.returncode == 0, proc.stderr
    assert f"warning   {table}: the attributes table has no rows, only its header" in proc.stderr


def test_nested_front_matter_is_refused_with_the_one_line_form(project, tmp_path):
    f = _write(tmp_path / "R43.md", "---\nregio: Noordkust\ndeelnemers:\n  - naam: Ans\n    rol: penvoerder\n"
               "  - naam: Kees\n    rol: directeur\n---\nInterviewer: Hoe gaat het?\n\nAns: Goed, het lab draait.\n")
    said = _refused(project, f, fragment="front matter key 'deelnemers'")
    assert f"{f}:4: front matter key 'deelnemers' holds a nested list or mapping" in said
    assert "'deelnemers: Ans (penvoerder), Kees (directeur)'" in said


def test_a_zip_or_a_text_file_named_docx_is_said_for_what_it_is(project, tmp_path):
    import zipfile
    with zipfile.ZipFile(tmp_path / "R44.docx", "w") as z:
        z.writestr("R44.txt", "Interviewer: Hoe gaat het?\n\nAns: Goed.\n")
    said = _refused(project, tmp_path / "R44.docx", fragment="R44.docx")
    assert "a ZIP archive with no Word document in it (R44.txt), with a .docx name" in said
    assert "Error" not in said and "corrupt" not in said
    text = _write(tmp_path / "R45.docx", "Interviewer: Hoe gaat het?\n\nAns: Goed, het techlab draait.\n")
    said = _refused(project, text, fragment="R45.docx")
    assert "a text file with a .docx name, not a Word document" in said and ".txt" in said


def test_a_nul_byte_in_a_text_transcript_is_refused_at_its_line(project, tmp_path):
    f = tmp_path / "R46.txt"
    f.write_bytes(b"Interviewer: Hoe gaat het?\n\nAns: Goed, het techlab draait.\n\n"
                  b"Interviewer: En de stages?\n\nAns: Die lopen\x00 ook goed.\n")
    said = _refused(project, f, fragment="NUL")
    assert f"{f}:7: a NUL byte (U+0000, binary data) in the text" in said


def test_two_files_of_one_name_from_two_folders_are_each_named_by_their_path(project, tmp_path):
    a = _write(tmp_path / "in" / "dupA" / "R14.txt", "Interviewer: Hoe gaat het?\n\nAns: Goed, het lab draait.\n")
    b = _write(tmp_path / "in" / "dupB" / "R14.txt", "Interviewer: Hoe gaat het?\n\nPiet: Het kan beter.\n")
    proc = sq("import", "-p", project, a, b)
    assert proc.returncode == 0, proc.stderr
    said = [line for line in proc.stderr.splitlines() if "stored as R14-2" in line]
    assert len(said) == 1 and said[0].startswith(f"warning   {b}: stored as R14-2"), said
    assert f"R14 is {a};" in said[0]
    assert [t["speaker"] for t in _turns(project, "R14-2")] == ["Interviewer", "Piet"]


def test_a_mistyped_region_type_or_column_in_an_attributes_table_is_said_for_a_document_already_there(demo_copy,
                                                                                                       tmp_path):
    """A table with 'stedlijk' for R02, and one with a column 'regio_type' for R03, set on interviews already in the
    project ('updated'): both stored unsaid, a group and an attribute of their own in every table (`attribute`
    says both; a fresh import said the column)."""
    corpus = Path(__file__).resolve().parents[2] / "transcripts"
    typo = _write(tmp_path / "typo.csv", "file,region,region_type\nR02.txt,R02,stedlijk\n")
    done = sq("import", "-p", demo_copy, corpus / "R02.txt", "--attributes", typo)
    assert done.returncode == 0 and "updated   R02" in done.stdout, done.stderr
    assert (f"note: {typo}: R02's region_type 'stedlijk' is held by no other interview; did you mean 'stedelijk'? "
            f"(`sto-qual attribute R02 region_type=stedelijk --project {demo_copy}` corrects it)") in done.stderr
    column = _write(tmp_path / "kolom.csv", "file,regio_type,school_boards\nR03.txt,krmp,130\n")
    done = sq("import", "-p", demo_copy, corpus / "R03.txt", "--attributes", column)
    assert "column 'regio_type' is a new attribute; did you mean 'region_type'?" in done.stderr, done.stderr
    # the value under a mistyped column is read against the attribute it mistypes; a number is no slip of another
    assert "R03's regio_type 'krmp' is held by no other interview; did you mean 'krimp'?" in done.stderr
    assert "'130'" not in done.stderr, done.stderr
    # the table as it is, or a date of the interview's own: nothing said
    done = sq("import", "-p", demo_copy, corpus / "R05.txt", "--attributes", corpus / "attributes.csv")
    assert done.returncode == 0 and "did you mean" not in done.stderr, done.stderr


def test_a_role_map_given_with_a_qdpx_imported_before_says_the_roles_it_set(demo_copy, tmp_path):
    """The data manager imported the demo's .qdpx, then again with the roles file beside it: "0 imported, 19
    skipped" and nothing of the roles it did set."""
    out = tmp_path / "demo.qdpx"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    fresh = tmp_path / "nieuw.db"
    assert sq("init", "-p", fresh).returncode == 0 and sq("import", "-p", fresh, out).returncode == 0
    again = sq("import", "-p", fresh, out, "--role-map", tmp_path / "demo-roles.csv")
    assert again.returncode == 0 and "0 imported" in again.stdout, again.stderr
    assert "demo-roles.csv: roles set for " in again.stderr
    assert "of the interviews already in the project" in again.stderr
    assert "roles set for" not in sq("import", "-p", fresh, out, "--role-map", tmp_path / "demo-roles.csv").stderr


def test_many_bidirectional_marks_are_counted_with_their_lines(project, tmp_path):
    """Text pasted from a chat app carries U+202A/U+202C around every phone number; the refusal named the first
    alone, so each import attempt found one more."""
    pasted = _write(tmp_path / "R50.txt", "Interviewer: Nummer?\n\nAns: Bel \u202a06 1234\u202c of \u202a06 5678\u202c."
                    "\n\nAns: En \u202a010\u202c.\n")
    said = _refused(project, pasted, fragment="R50.txt:3: bidirectional control character U+202A in the text")
    assert "(and 5 more, on lines 3, 5)" in said, said
