"""A CSV with a quote that is never closed: csv reads on to the end of the file as one value, so
the rows after it were lost unsaid (a pseudonym list kept "Jan de Vries" in every export and
made him part of Anna's replacement; survey answers 2 and 3 became part of answer 1). Each
such table is refused at the row the quote opens in, and nothing is written."""
from __future__ import annotations

import hashlib
import re

from cli_runner import sq

UNCLOSED = "a quote (\") opened in this row is never closed: every row after it would be read as part of this value"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_table_with_an_unclosed_quote_is_refused_at_its_row(tmp_path):
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    names = tmp_path / "ps.csv"
    names.write_text('name,replacement\nAnna,"Persoon A\nJan de Vries,Persoon J\n', encoding="utf-8")
    survey = tmp_path / "sv.csv"
    survey.write_text('id;antwoord\n1;Goed\n2;"Slecht\n3;Matig\n', encoding="utf-8")
    before = _digest(project)
    r = sq("pseudonyms", "import", "-p", project, names)
    assert r.returncode == 1 and r.stderr.strip() == (f"error: {names}:2: {UNCLOSED} (close the quote in that row, "
                                                      "or remove it)"), r.stderr
    r = sq("import", "-p", project, survey, "--text-column", "antwoord", "--id-column", "id")
    assert r.returncode == 1 and f"{survey}:3: {UNCLOSED}" in r.stdout + r.stderr
    assert _digest(project) == before
    # one closed rows later, in the middle of a value: Jan and Piet were never replaced
    names.write_text('name,replacement\nAnna,"Persoon A\nJan,Persoon J\nPiet,"Persoon P"\n', encoding="utf-8")
    r = sq("pseudonyms", "import", "-p", project, names)
    assert r.returncode == 1 and r.stderr.startswith(
        f"error: {names}:2: a quote (\") opened in this row is closed only on line 4, in the middle of a value"), r.stderr
    assert _digest(project) == before
    # a quote inside a value, and one written twice inside a quoted value, are as before
    names.write_text('name,replacement\nAnna,"Persoon ""A"""\nJan,Hij zei "ja"\n', encoding="utf-8")
    assert sq("pseudonyms", "import", "-p", project, names).returncode == 0
    # a quoted value over two lines, closed, is an answer of two lines, as before
    survey.write_text('id;antwoord\n1;"Goed,\nen meer"\n2;Slecht\n', encoding="utf-8")
    r = sq("import", "-p", project, survey, "--text-column", "antwoord", "--id-column", "id")
    assert r.returncode == 0 and "2 imported" in r.stdout, r.stdout + r.stderr


def test_a_symbolic_link_loop_is_refused_as_one(tmp_path):
    """`import loop.txt` of a link to a link to itself stopped with an internal error."""
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    before = _digest(project)
    r = sq("import", "-p", project, tmp_path / "a.txt")
    assert r.returncode == 1 and "internal error" not in r.stderr
    assert f"{tmp_path / 'a.txt'}: a symbolic link to a file that is not there, or to itself" in r.stdout + r.stderr
    assert _digest(project) == before


def test_a_project_missing_a_table_is_said_to_be_damaged(demo_copy):
    """A project whose codings table was dropped (by another program) stopped every command with
    "internal error: OperationalError: no such table: codings"."""
    import sqlite3
    with sqlite3.connect(demo_copy) as conn:
        conn.execute("DROP TABLE codings")
    for command in (("info",), ("docs",), ("stats",)):
        r = sq(*command, "-p", demo_copy)
        assert r.returncode == 1 and "internal error" not in r.stderr
        assert r.stderr.startswith(f"error: {demo_copy}: the project is damaged: its table 'codings' is missing "
                                   "(restore a backup of it (`sto-qual restore"), r.stderr


def test_a_workbook_with_rows_on_a_second_sheet_is_refused(tmp_path):
    """A survey workbook's second sheet was left out unsaid: its respondents were lost."""
    import openpyxl
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    two = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "antwoorden"
    wb.active.append(["id", "antwoord"])
    wb.active.append([1, "Goed"])
    second = wb.create_sheet("tweede")
    second.append(["id", "antwoord"])
    second.append([2, "Slecht"])
    wb.save(two)
    before = _digest(project)
    r = sq("import", "-p", project, two, "--text-column", "antwoord", "--id-column", "id")
    assert r.returncode == 1 and (f"{two}: the workbook's sheet 'tweede' holds rows too; only its first sheet "
                                  "('antwoorden') is read") in r.stdout + r.stderr
    assert _digest(project) == before
    wb.remove(second)
    wb.create_sheet("leeg")  # an empty second sheet (Excel's Blad2) is no loss
    wb.save(two)
    assert sq("import", "-p", project, two, "--text-column", "antwoord", "--id-column", "id").returncode == 0


def test_a_qdpx_whose_sources_all_point_outside_it_is_refused(tmp_path):
    """A .qdpx whose only source pointed at file:///etc/passwd said "0 imported", exit 0, added the
    file's coders, and named the place "(/etc/passwd://)"."""
    import zipfile
    made = tmp_path / "s.db"
    transcript = tmp_path / "R90.txt"
    transcript.write_text("Interviewer: Hoe gaat het?\nAnna: Goed, dank je.\n", encoding="utf-8")
    for args in (("init", made), ("import", "-p", made, transcript),
                 ("code", "-p", made, "--doc", "R90", "--code", "urgentie", "--turn", "2"),
                 ("export", "-p", made, "-o", tmp_path / "s.qdpx")):
        assert sq(*args).returncode == 0
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(tmp_path / "s.qdpx") as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "project.qde":
                data = re.sub(rb'plainTextPath="[^"]*"', b'plainTextPath="/etc/passwd"', data)
            out.writestr(item, data)
    project = tmp_path / "t.db"
    assert sq("init", project).returncode == 0
    before = _digest(project)
    r = sq("import", "-p", project, bad)
    assert r.returncode == 1
    assert (f"{bad}: none of its sources could be read (1 skipped: source 'R90' points outside the project file "
            "(/etc/passwd); skipped)") in r.stdout + r.stderr, r.stdout + r.stderr
    assert _digest(project) == before


def test_a_file_name_with_a_line_break_is_refused_on_one_line(tmp_path):
    """A transcript named "R9⏎9.txt" became a document whose name broke every line that named it."""
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "R9\n9.txt").write_text("Interviewer: Hoe gaat het?\nAnna: Goed.\n", encoding="utf-8")
    before = _digest(project)
    r = sq("import", "-p", project, folder)
    assert r.returncode == 1 and "R9\\n9.txt: the file name contains a line break (rename the file)" in r.stdout + r.stderr
    assert all("R9" not in line or "line break" in line for line in (r.stdout + r.stderr).splitlines())
    assert _digest(project) == before
