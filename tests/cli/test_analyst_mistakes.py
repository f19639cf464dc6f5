"""A user's round of rough edges: repeated --where keys, typos inside value lists, --doc in
another case, resize's contradictory flags, a folder or a missing folder as --project,
folders with nothing to import, an edited transcript imported again, a read-only project,
a tab in a YAML codebook and a capitalised CSV header."""
from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from cli_runner import sq

REPO = Path(__file__).resolve().parents[2]


def _stats_total(project, *where) -> int:
    args = [a for w in where for a in ("--where", w)]
    r = sq("stats", "-p", project, "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)[0]["documents_total"]


def _one_line_error(r, code: int = 1) -> str:
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Usage:" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


# ------------------------------------------------------------------ 1, 2: --where
def test_a_repeated_where_key_means_either_value_and_other_keys_still_narrow(demo_copy):
    from sto_qual.domain.filters import parse_filter, parse_where
    assert parse_where(["region_type=a", "Region_Type=b", "doc=R01", "name=R02", "region_type=A"]) == \
        {"region_type": "a,b", "doc": "R01,R02"}
    assert parse_filter("region_type=a region_type=b R0") == ({"region_type": "a,b"}, "R0")
    stedelijk, krimp = _stats_total(demo_copy, "region_type=stedelijk"), _stats_total(demo_copy, "region_type=krimp")
    both = _stats_total(demo_copy, "region_type=stedelijk", "region_type=krimp")
    assert both == stedelijk + krimp == _stats_total(demo_copy, "region_type=stedelijk,krimp")
    assert _stats_total(demo_copy, "doc=R01", "doc=R02") == 2
    r = sq("matrix", "-p", demo_copy, "--label-by", "name", "--format", "json",
           "--where", "doc=R01", "--where", "doc=R02")
    assert r.returncode == 0 and set(json.loads(r.stdout)[0]) == {"code", "R01", "R02"}, r.stdout


def test_an_option_of_one_value_given_twice_is_refused_and_nothing_is_written(demo_copy, tmp_path):
    """`codings --doc R01 --doc R02` listed R02 only and `export --coder a --coder b` wrote b's
    codings, exit 0: click keeps the last value without a word."""
    r = sq("codings", "-p", demo_copy, "--doc", "R01", "--doc", "R02")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip() == ("error: --doc given twice ('R01' and 'R02'): it takes one value (the second would "
                                "replace the first); give it once")
    out = tmp_path / "x.csv"
    r = sq("export", "-p", demo_copy, "-o", out, "--coder", "onderzoeker-a", "--coder=onderzoeker-b")
    assert r.returncode == 2 and "--coder given twice ('onderzoeker-a' and 'onderzoeker-b')" in r.stderr
    assert not out.exists()
    r = sq("stats", "-p", demo_copy, "--coder", "onderzoeker-a", "-p", tmp_path / "other.db")
    assert r.returncode == 2 and "--project given twice" in r.stderr  # -p and --project are one option
    # the same value twice, a list option given twice and a subcommand's options all read as before
    assert sq("codings", "-p", demo_copy, "--doc", "R01", "--doc", "R01").returncode == 0
    assert _stats_total(demo_copy, "region_type=krimp", "region_type=eiland") == 5
    r = sq("pseudonyms", "add", "-p", demo_copy, "Jan", "[naam]", "-p", tmp_path / "other.db")
    assert r.returncode == 2 and "--project given twice" in r.stderr


def test_a_value_no_document_has_is_refused_also_inside_a_list(demo_copy):
    line = _one_line_error(sq("stats", "-p", demo_copy, "--where", "region_type=stedelijk,mars"))
    assert "region_type=mars" in line and "krimp" in line and "stedelijk" in line, line
    line = _one_line_error(sq("stats", "-p", demo_copy, "--where", "doc=R01,R99"))
    assert "doc=R99" in line and "R01" in line, line
    line = _one_line_error(sq("stats", "-p", demo_copy, "--where", "region_type=stedelijk", "--where",
                              "region_type=mars"))
    assert "region_type=mars" in line, line
    line = _one_line_error(sq("quotes", "-p", demo_copy, "--code", "urgentie", "--format", "json",
                              "--where", "doc=r01,R99"))
    assert "doc=R99" in line, line


def test_where_leaves_interviews_out_with_an_exclamation_mark_in_counts_docs_and_the_chapter(demo_copy, tmp_path):
    """`region_type!=krimp` counts the other fifteen, `fictional!=*` the interviews without the
    attribute; the chapter's method says the condition in words; a typo is refused."""
    krimp, everyone = _stats_total(demo_copy, "region_type=krimp"), _stats_total(demo_copy)
    assert _stats_total(demo_copy, "region_type!=krimp") == everyone - krimp
    assert _stats_total(demo_copy, "fictional=*") + _stats_total(demo_copy, "fictional!=*") == everyone
    r = sq("docs", "-p", demo_copy, "--format", "json", "--where", "fictional!=*")
    assert r.returncode == 0 and all("fictional" not in d["attributes"] for d in json.loads(r.stdout))
    assert f"note: {everyone - _stats_total(demo_copy, 'fictional=*')} of {everyone} documents have fictional!=*" \
        in r.stderr
    line = _one_line_error(sq("stats", "-p", demo_copy, "--where", "region_type!=krimpp"))
    assert "region_type!=krimpp would leave out nothing" in line and "krimp, landelijk" in line, line
    out = tmp_path / "h.md"
    r = sq("export", "-p", demo_copy, "--where", "region_type!=krimp,eiland", "-o", out)
    assert r.returncode == 0, r.stderr
    chapter = out.read_text(encoding="utf-8")
    assert "(van de negentien) buiten de krimpregio's en eilandregio's; alle aantallen" in chapter
    assert ": buiten de krimpregio's en eilandregio's" in chapter.split("\n\n", 2)[1]  # the subtitle says which part


def test_code_takes_its_document_and_code_first_as_show_takes_its_document(demo_copy):
    """`code Veenstreek urgentie --sentence 7` answered "Missing option '--doc'" to a new user whom
    `show Veenstreek` had just answered."""
    first = sq("code", "R01", "urgentie", "--sentence", "7", "-p", demo_copy, "--coder", "zoe", "--format", "json")
    assert first.returncode == 0, first.stderr
    made = json.loads(first.stdout)
    assert (made["doc"], made["code"]) == ("R01", "urgentie")
    mixed = sq("code", "--doc", "R01", "urgentie", "--sentence", "8", "-p", demo_copy, "--coder", "zoe",
               "--format", "json")
    assert mixed.returncode == 0 and json.loads(mixed.stdout)["code"] == "urgentie", mixed.stderr
    before = sq("codings", "-p", demo_copy, "--format", "json").stdout
    assert _one_line_error(sq("code", "R01", "urgentie", "x", "--sentence", "2", "-p", demo_copy), 2).startswith(
        "error: give one document and one code (got R01 urgentie x)")
    assert _one_line_error(sq("code", "R01", "--sentence", "2", "-p", demo_copy), 2) == \
        f"error: Missing option '--code' (or give the code after the document, `sto-qual code R01 CODE --project " \
        f"{demo_copy}`) (`sto-qual code --help` lists its options)"
    assert _one_line_error(sq("code", "urgentie", "R01", "--sentence", "2", "-p", demo_copy), 2) == \
        f"error: 'urgentie' is a code and 'R01' a document: the document comes first (`sto-qual code R01 " \
        f"urgentie … --project {demo_copy}`)"
    assert sq("codings", "-p", demo_copy, "--format", "json").stdout == before


# ------------------------------------------------------------------ 3: --doc in another case
def test_doc_is_found_in_another_case_and_a_near_miss_gets_a_suggestion(demo_copy):
    r = sq("show", "-p", demo_copy, "--doc", "r01", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert r.stdout == sq("show", "-p", demo_copy, "--doc", "R01", "--format", "json").stdout
    # the document as the argument, as `attribute R01` takes it (`show R01` was "Missing option '--doc'")
    assert r.stdout == sq("show", "-p", demo_copy, "R01", "--format", "json").stdout
    assert sq("show", "-p", demo_copy).returncode == 2
    r = sq("codings", "-p", demo_copy, "--doc", "r02", "--format", "json")
    assert r.returncode == 0 and {c["doc"] for c in json.loads(r.stdout)} == {"R02"}
    assert _one_line_error(sq("show", "-p", demo_copy, "--doc", "R1")) == \
        "error: unknown document 'R1' (did you mean R01?)"
    assert "did you mean R02" in _one_line_error(sq("show", "-p", demo_copy, "--doc", "RO2"))
    assert _one_line_error(sq("show", "-p", demo_copy, "--doc", "zzz")) == \
        f"error: unknown document 'zzz' (the project has R01–R19; `sto-qual docs --project {demo_copy}` lists them)"
    # no near name: what the project has, not "did you mean R01 or R02 or R03?" for R20
    assert _one_line_error(sq("code", "-p", demo_copy, "--doc", "R20", "--sentence", "1",
                              "--code", "urgentie")) == \
        f"error: unknown document 'R20' (the project has R01–R19; `sto-qual docs --project {demo_copy}` lists them)"


def test_an_unknown_document_in_an_empty_project_says_how_to_add_one(tmp_path):
    p = tmp_path / "p.db"
    assert sq("init", "-p", p).returncode == 0
    assert _one_line_error(sq("show", "-p", p, "--doc", "R01")) == \
        f"error: unknown document 'R01' (the project has no documents yet; `sto-qual import --project {p}` adds them)"


# ------------------------------------------------------------------ 4: resize --snap --shrink
def test_resize_with_snap_and_shrink_is_a_usage_error_on_one_line(demo_copy):
    line = _one_line_error(sq("resize", "999999", "--snap", "--shrink", "-p", demo_copy), code=2)
    assert line == "error: give --snap or --shrink, not both"


def test_an_end_before_the_start_is_a_usage_error_as_a_backward_sentence_range_is(demo_copy):
    """--sentence 10-5 exited 2 and --start 500 --end 100 exited 1: the same mistake, two codes.
    Both are usage errors now, and the line gives the span the other way round."""
    line = _one_line_error(sq("code", "-p", demo_copy, "--doc", "R01", "--start", "500", "--end", "100",
                              "--code", "urgentie"), code=2)
    assert line == "error: span 500-100 runs backwards: --end must be greater than --start (--start 100 --end 500)"
    line = _one_line_error(sq("resize", "5", "-p", demo_copy, "--start", "100", "--end", "100"), code=2)
    assert line == "error: span 100-100 is empty: --end must be greater than --start"
    _one_line_error(sq("code", "-p", demo_copy, "--doc", "R01", "--sentence", "10-5", "--code", "urgentie"), code=2)


def test_a_report_to_another_format_says_what_to_do(demo_copy, tmp_path):
    line = _one_line_error(sq("report", "-p", demo_copy, "-o", tmp_path / "hoofdstuk.pdf"))
    assert line == ("error: output file 'hoofdstuk.pdf' must end in .docx (the report is a Word chapter, which "
                    f"Word or LibreOffice can save as PDF; `sto-qual export -o FILE.md --project {demo_copy}` writes it "
                    "in Markdown)")
    assert not (tmp_path / "hoofdstuk.pdf").exists()


# ------------------------------------------------------------------ 5, 6: --project paths
def test_a_folder_as_project_is_one_line(tmp_path):
    folder = tmp_path / "somedir"
    folder.mkdir()
    for cmd in ("info", "docs", "init"):
        line = _one_line_error(sq(cmd, "-p", folder))
        assert line == f"error: {folder}: is a folder, not a project file; give the .db file", line
    assert list(folder.iterdir()) == []


def test_a_project_in_a_missing_folder_is_not_advised_to_init(tmp_path, demo_copy):
    import os
    shutil.copy(demo_copy, Path(os.environ["STO_QUAL_HOME"]) / "demo.db")  # a newcomer who ran the demo
    missing = tmp_path / "nonexist" / "dir" / "x.db"
    line = _one_line_error(sq("info", "-p", missing))
    assert f"the folder {missing.parent} does not exist" in line and "init" not in line, line
    line = _one_line_error(sq("info", "-p", tmp_path / "x.db"))  # the folder exists: init is the advice
    assert "sto-qual init --project" in line, line


# ------------------------------------------------------------------ 7: folders with nothing to import
def test_folders_with_no_transcripts_say_so_and_fail(tmp_path, demo_copy):
    empty = tmp_path / "emptydir"
    empty.mkdir()
    r = sq("import", "-p", demo_copy, empty)
    assert r.returncode == 1
    assert f"{empty}: no transcripts in this folder (read from a folder: .txt .md .docx .vtt .srt .qdpx)" in r.stderr
    odd = tmp_path / "odd"
    (odd / "nested").mkdir(parents=True)
    (odd / "notes.pdf").write_bytes(b"%PDF-1.4")
    (odd / "nested" / "R50.txt").write_text("Interviewer: Vraag?\n\nJan: Een antwoord hier.\n", encoding="utf-8")
    r = sq("import", "-p", demo_copy, odd)
    assert r.returncode == 1
    assert f"skipped   {odd / 'notes.pdf'}: not a transcript format (.txt .md .docx .vtt .srt .qdpx)\n" in r.stdout
    (odd / "R25 Oostermeer.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # a colleague's Word 97 file: what to do with it
    r = sq("import", "-p", demo_copy, odd)
    assert f"skipped   {odd / 'R25 Oostermeer.doc'}: not a transcript format (.txt .md .docx .vtt .srt .qdpx): save " \
        "it as .docx (in Word: Save As, Word Document; elsewhere its Save As or Export) and import that" in r.stdout, \
        r.stdout
    (odd / "R25 Oostermeer.doc").unlink()
    assert "1 subfolder not read (nested/; give a subfolder as an argument" in r.stderr
    data = json.loads(sq("import", "-p", demo_copy, odd, "--format", "json").stdout)
    assert data["imported"] == [] and data["refused"][0]["file"] == str(odd)
    assert data["skipped"][0]["file"] == str(odd / "notes.pdf") and data["skipped"][0]["document"] is None
    # the subfolder given as an argument is read; the empty folder beside it is a warning only
    r = sq("import", "-p", demo_copy, odd / "nested", empty)
    assert r.returncode == 0 and "imported  R50" in r.stdout, r.stderr
    assert f"{empty}: no transcripts in this folder" in r.stderr
    # the folder and its subfolder both given: the subfolder was read, not "not read"
    (odd / "R51.txt").write_text("Interviewer: Vraag?\n\nPiet: Een ander antwoord daar.\n", encoding="utf-8")
    r = sq("import", "-p", demo_copy, odd, odd / "nested")
    assert r.returncode == 0 and "subfolder" not in r.stderr, r.stderr


def test_the_route_the_refusal_gives_replaces_an_edited_transcript_and_keeps_its_codings(tmp_path, demo_copy,
                                                                                       monkeypatch):
    """A coder corrected one word in a coded transcript: the import was refused with --as-new or a
    delete-doc whose codings "go with it", and no word of how to keep them."""
    text = (REPO / "transcripts" / "R02.txt").read_text(encoding="utf-8")
    edited = tmp_path / "R02.txt"
    edited.write_text(text.replace("\n", "\n\n", 1) + "\nR: Nog een regel erbij.\n", encoding="utf-8")
    mine = lambda: sorted((c["code"], c["text"]) for c in json.loads(sq(  # noqa: E731
        "codings", "-p", demo_copy, "--doc", "R02", "--coder", "onderzoeker-a", "--format", "json").stdout))
    before = mine()
    refused = sq("import", "-p", demo_copy, edited)
    said = re.findall(r"`(sto-qual [^`]+)`", refused.stderr)
    export, delete, back = (c for c in said if c.split()[1] in ("codings-export", "delete-doc", "codings-import"))
    monkeypatch.chdir(tmp_path)  # (the folder the commands name is beside where they are run)
    for command in (export, delete + " --yes"):
        assert sq(*shlex.split(command)[1:]).returncode == 0, command
    assert sq("import", "-p", demo_copy, edited).returncode == 0
    assert sq(*shlex.split(back)[1:]).returncode == 0
    assert mine() == before and before


# ------------------------------------------------------------------ 8: an edited transcript again
def test_an_edited_transcript_imported_again_is_refused_unless_as_new(tmp_path, demo_copy):
    edited = tmp_path / "R01.txt"
    edited.write_text((REPO / "transcripts" / "R01.txt").read_text(encoding="utf-8")
                      + "\nR: Nog een regel erbij.\n", encoding="utf-8")
    before = json.loads(sq("info", "-p", demo_copy, "--format", "json").stdout)["documents"]
    r = sq("import", "-p", demo_copy, edited)
    assert r.returncode == 1 and "imported" not in r.stdout.replace("0 imported", "")
    assert "a document named R01 with other content is already in the project" in r.stderr
    assert "--as-new" in r.stderr
    assert json.loads(sq("info", "-p", demo_copy, "--format", "json").stdout)["documents"] == before
    r = sq("import", "-p", demo_copy, edited, "--as-new", "--format", "json")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and [i["document"] for i in data["imported"]] == ["R01-2"]
    assert any("a document named R01 with other content" in w and "new interview R01-2" in w
               for w in data["warnings"]), data["warnings"]
    assert json.loads(sq("info", "-p", demo_copy, "--format", "json").stdout)["documents"] == before + 1
    r = sq("import", "-p", demo_copy, REPO / "transcripts" / "R02.txt")  # the same content: skipped as before
    assert r.returncode == 0 and "same content as R02" in r.stdout


# ------------------------------------------------------------------ 9: a read-only project
@pytest.fixture
def read_only_sqlite(monkeypatch):
    """Every project connection refuses writes, as SQLite does for a file it may not write."""
    from sto_qual.store import db
    real = db._connect

    def connect(path, conn=None):
        conn = real(path, conn)
        conn.execute("PRAGMA query_only = ON")  # "attempt to write a readonly database"
        return conn

    monkeypatch.setattr(db, "_connect", connect)


def test_a_read_only_project_is_one_line_and_a_failed_merge_leaves_no_backup(demo_copy, tmp_path, read_only_sqlite):
    src = tmp_path / "new.txt"
    src.write_text("Interviewer: Vraag?\n\nJan: Een nieuw antwoord.\n", encoding="utf-8")
    want = f"error: {demo_copy} is read-only: cannot save changes (check the file's permissions)"
    assert _one_line_error(sq("import", "-p", demo_copy, src)) == want
    assert _one_line_error(sq("import", "-p", demo_copy, src, "--format", "json")) == want
    assert _one_line_error(sq("code-merge", "urgentie/docententekort", "urgentie", "-p", demo_copy)) == want
    assert _one_line_error(sq("code-delete", "urgentie/docententekort", "--force", "-p", demo_copy),
                           ) == want
    assert not [p.name for p in demo_copy.parent.iterdir() if ".pre-" in p.name]


def test_a_read_only_error_inside_a_document_savepoint_stops_the_import_in_one_line(demo_copy, tmp_path,
                                                                                   monkeypatch):
    """An immutable file lets SQLite begin the transaction and refuses the first INSERT, inside
    the savepoint that holds one document: that is the project's error, not the document's."""
    import sqlite3

    from sto_qual.store.documents import Documents

    def refuse(*_a, **_k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Documents, "add", refuse)
    src = tmp_path / "new.txt"
    src.write_text("Interviewer: Vraag?\n\nJan: Een nieuw antwoord.\n", encoding="utf-8")
    line = _one_line_error(sq("import", "-p", demo_copy, src))
    assert line == f"error: {demo_copy} is read-only: cannot save changes (check the file's permissions)"


# ------------------------------------------------------------------ 10, 11: a tab, a capital
def test_a_tab_in_a_yaml_codebook_is_named(tmp_path, demo_copy):
    f = tmp_path / "tab.yaml"
    f.write_text("codes:\n\t- path: a\n", encoding="utf-8")
    line = _one_line_error(sq("codebook-import", f, "-p", demo_copy))
    assert line == f"error: {f}:2: invalid YAML: found character that cannot start any token (a tab: indent with spaces)"
    f.write_text("codes:\n  - path: a\n    label: \"b\n", encoding="utf-8")  # no tab: no word of one
    assert "a tab" not in _one_line_error(sq("codebook-import", f, "-p", demo_copy))


def test_csv_tables_take_their_column_names_in_any_case(tmp_path, empty_ws):
    from sto_qual.importers.tables import attribute_table, role_table
    attrs = tmp_path / "attributes.csv"
    attrs.write_text("File,Region\nR60.txt,Noord\n", encoding="utf-8")
    assert attribute_table(attrs) == {"R60.txt": {"Region": "Noord"}}
    roles = tmp_path / "roles.csv"
    roles.write_text("Speaker,ROLE,File\nJan,bestuurder,R60.txt\n", encoding="utf-8")
    assert role_table(roles) == {("R60", "Jan"): "bestuurder"}
    src = tmp_path / "R60.txt"
    src.write_text("Interviewer: Vraag?\n\nJan: Een antwoord.\n", encoding="utf-8")
    empty_ws.close()
    r = sq("import", "-p", tmp_path / "p.db", src, "--attributes", attrs, "--role-map", roles, "--format", "json")
    assert r.returncode == 0, r.stderr
    docs = json.loads(sq("docs", "-p", tmp_path / "p.db", "--format", "json").stdout)
    assert docs[0]["attributes"] == {"Region": "Noord"}
    bad = tmp_path / "bad.csv"
    bad.write_text("Document,Region\nR60.txt,Noord\n", encoding="utf-8")  # ("Filename" is read as file)
    assert "missing column 'file'" in _one_line_error(sq("import", "-p", tmp_path / "p.db", src, "--attributes", bad))
    # what each column was read as: 'naam' is the speaker, so only 'role' is missing (a user took both to be)
    bad.write_text("naam,functie\nJan,directeur\n", encoding="utf-8")
    assert _one_line_error(sq("import", "-p", tmp_path / "p.db", src, "--role-map", bad)).endswith(
        "missing column 'role' (the header needs: speaker, role; it has: naam (read as speaker), functie)")


def test_restoring_a_project_from_itself_is_refused_at_once(demo_copy):
    """`restore demo.db --yes` with the project itself as the backup waited forever (on its own
    lock) and left a pre-restore copy behind at every try; merge says "not into itself"."""
    import subprocess
    import sys
    before, files = demo_copy.read_bytes(), sorted(demo_copy.parent.iterdir())
    for args in (["--yes"], []):
        r = subprocess.run([sys.executable, "-m", "sto_qual", "restore", "--project", str(demo_copy), str(demo_copy),
                            *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert _one_line_error(r) == f"error: {demo_copy}: that is the project itself, not a backup of it (name " \
            f"a backup file; `sto-qual backup -o FILE --project {demo_copy}` makes one)"
    assert demo_copy.read_bytes() == before and sorted(demo_copy.parent.iterdir()) == files


@pytest.mark.parametrize("command", ["init", "info"])
def test_a_folder_that_takes_no_file_is_said_in_one_line(tmp_path, demo_copy, command, monkeypatch):
    """`init --project ro/new.db` in a read-only folder was "internal error: OperationalError:
    unable to open database file" (exit 3); opening a project there said nothing of the folder.
    (SQLite's own refusal, as a folder without write permission gives it.)"""
    import sqlite3
    real = sqlite3.connect

    def refusing(path, *args, **kwargs):
        if str(path).startswith(str(tmp_path / "ro")):
            raise sqlite3.OperationalError("unable to open database file")
        return real(path, *args, **kwargs)
    (tmp_path / "ro").mkdir()
    project = tmp_path / "ro" / "p.db"
    if command == "info":
        shutil.copy(demo_copy, project)
    monkeypatch.setattr(sqlite3, "connect", refusing)
    line = _one_line_error(sq(command, "--project", project))
    folder = tmp_path / "ro"
    assert line == (f"error: {project}: cannot create the project: the folder {folder} takes no new file (choose a "
                    "folder you can write to, or make this one writable)" if command == "init" else
                    f"error: {project}: cannot open project (unable to open database file) (SQLite writes its journal "
                    f"beside the project, so the folder {folder} must be writable; copy the project to one that is)")


def test_a_span_without_a_word_is_not_coded(demo_copy):
    """`code --start 225 --end 227` on the blank line between two turns of R03 was stored: the
    code counted one more interview (with 0 words) and `quotes` listed "\\n\\n" as a quote."""
    turns = json.loads(sq("show", "-p", demo_copy, "--doc", "R03", "--format", "json").stdout)
    blank = turns[0]["end"]  # the white space after the first turn
    before = demo_copy.read_bytes()
    line = _one_line_error(sq("code", "-p", demo_copy, "--doc", "R03", "--code", "urgentie", "--start", blank,
                              "--end", blank + 1))
    assert line.startswith(f"error: R03 {blank}-{blank + 1} holds no word (only white space or punctuation)")
    assert demo_copy.read_bytes() == before


def test_reference_coder_with_a_name_and_clear_is_refused(demo_copy):
    """`reference-coder onderzoeker-b --clear` cleared the reference coder (every count in the
    report changes) and said so with exit 0, as if the name meant nothing."""
    before = demo_copy.read_bytes()
    for args in (["onderzoeker-b", "--clear"], ["--clear", "onderzoeker-b"]):
        assert _one_line_error(sq("reference-coder", "-p", demo_copy, *args), 2) == \
            "error: give a coder name or --clear, not both"
    assert demo_copy.read_bytes() == before


def test_demo_over_a_file_that_is_no_project_says_so(tmp_path):
    """`demo --no-tui --project text.db` over a text file said "already exists; nothing was
    rebuilt" (exit 0), where every other command says it is not a project."""
    text = tmp_path / "text.db"
    text.write_text("hallo\n")
    assert _one_line_error(sq("demo", "--no-tui", "--project", text)) == \
        f"error: {text}: not a sto_qual project (not an SQLite file)"
    assert text.read_text() == "hallo\n"


def test_info_as_csv_is_csv(demo_copy):
    """`info --format csv` printed the table (csv is offered by --help)."""
    r = sq("info", "-p", demo_copy, "--format", "csv")
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "figure,value"
    assert "documents,19" in r.stdout.splitlines()


def test_a_role_close_to_one_the_project_has_is_noted(demo_copy):
    """`role Marieke bestuuder --doc R01` was taken without a word, and `stats --by role` then
    had a group "bestuuder" of its own."""
    r = sq("role", "-p", demo_copy, "Marieke", "bestuuder", "--doc", "R01")
    assert r.returncode == 0 and r.stderr.strip() == ("note: 'bestuuder' is a new role in this project (did you "
                                                      "mean bestuurder? then give `sto-qual role Marieke bestuurder "
                                                      f"--doc R01 --project {demo_copy}`)")
    again = sq("role", "-p", demo_copy, "Marieke", "bestuurder", "--doc", "R01")
    assert again.returncode == 0 and again.stderr == ""


def test_a_role_the_chapter_knows_is_no_typo_and_a_mistyped_role_or_label_is_listed_and_taken_off(demo_copy):
    """`role "Sanne Visser" programleider` was taken without a word (the project had no
    programmaleider yet), and the right `programmaleider` then read as the typo of the wrong one,
    with a command that broke on the name's space; a role set for a mistyped speaker could be
    neither seen nor taken off."""
    from tests_support import invoke_cli
    p = str(demo_copy)
    wrong = invoke_cli(["role", "-p", p, "Sanne Visser", "programleider"])
    assert wrong.exit_code == 0 and "note: 'programleider' is a new role in this project (did you mean " \
        "programmaleider? then give `sto-qual role 'Sanne Visser' programmaleider" in wrong.stderr, wrong.stderr
    right = invoke_cli(["role", "-p", p, "Sanne Visser", "programmaleider"])
    assert right.exit_code == 0 and "new role" not in right.stderr
    # a role no one in the project has yet, mistyped: near one the chapter has words for
    plural = invoke_cli(["role", "-p", p, "Sanne Visser", "wethouders"])
    assert "(did you mean wethouder? then give `sto-qual role 'Sanne Visser' wethouder" in plural.stderr
    assert "new role" not in invoke_cli(["role", "-p", p, "Sanne Visser", "wethouder"]).stderr
    invoke_cli(["role", "-p", p, "Sanne Visser", "programmaleider"])
    listed = json.loads(invoke_cli(["role", "-p", p, "--format", "json"]).output)
    sanne = [r for r in listed if r["label"] == "sanne visser"]
    assert sanne == [{"doc": "", "label": "sanne visser", "speaker": "", "role": "programmaleider", "speaks": False}]
    assert {"doc": "R01", "label": "marieke", "speaker": "Marieke", "role": "penvoerder", "speaks": True} in listed
    table = invoke_cli(["role", "-p", p]).output.splitlines()  # each speaker as the transcripts write her
    assert table[0].split() == ["doc", "speaker", "role", "speaks"] and any(
        line.split()[:3] == ["R01", "Marieke", "penvoerder"] for line in table), table[:4]
    gone = invoke_cli(["role", "-p", p, "Sanne Visser", "--clear"])
    assert gone.exit_code == 0 and gone.output.strip() == "sanne visser: role programmaleider taken off"
    assert not [r for r in json.loads(invoke_cli(["role", "-p", p, "--format", "json"]).output)
                if r["label"] == "sanne visser"]
    again = invoke_cli(["role", "-p", p, "Sanne Visser", "--clear"])
    assert again.exit_code == 1 and "no role is set for 'Sanne Visser'" in again.stderr


def test_an_empty_project_path_and_a_code_path_of_slashes_are_named_as_typed(demo_copy):
    """`--project ""` (an unset variable in a script) said "error: : is a folder, not a project
    file"; `code-add ///` said "code path ''", not what was typed."""
    for command in (["info"], ["init"]):
        assert _one_line_error(sq(*command, "--project", "")) == \
            "error: no project file given: the project path is empty (give --project FILE.db or set STO_QUAL_PROJECT)"
    line = _one_line_error(sq("code-add", "-p", demo_copy, "///"))
    assert line.startswith("error: code path '///': each part needs letters or digits")
    # which part, where a "/" made one ("[bold red]markup[/]" was refused for its "]", unsaid)
    line = _one_line_error(sq("code-add", "-p", demo_copy, "[bold red]markup[/]"))
    assert line.startswith("error: code path '[bold red]markup[/]': each part needs letters or digits (']' has "
                           "none, and '/' makes what follows it a sub-code)"), line


def test_codings_export_into_a_folder_that_takes_nothing_is_one_export_line(demo_copy, tmp_path, monkeypatch):
    """`codings-export -o ro/cod` said "ro/cod: Operation not permitted", unlike every other
    export ("cannot write …; nothing was written")."""
    real = Path.mkdir
    blocked = tmp_path / "ro"

    def mkdir(self, *args, **kwargs):
        if str(self).startswith(str(blocked)):
            raise PermissionError(1, "Operation not permitted")
        return real(self, *args, **kwargs)
    monkeypatch.setattr(Path, "mkdir", mkdir)
    line = _one_line_error(sq("codings-export", "-p", demo_copy, "-o", blocked / "cod"))
    assert line == f"error: cannot write {blocked / 'cod' / 'onderzoeker-a'} (Operation not permitted); nothing was written"


def test_stats_by_an_attribute_names_the_interviews_without_it(demo_copy, tmp_path):
    """A misspelt key in one front matter took that interview out of every row of
    `stats --by region_type` without a word: the columns read as every interview."""
    f = tmp_path / "R99.txt"
    f.write_text("---\nregion: R99\nregoin_type: krimp\n---\nInterviewer: Hoe gaat het?\n\nAnna: Goed, we "
                 "werken samen aan techniek.\n", encoding="utf-8")
    assert sq("import", "--project", demo_copy, f).returncode == 0
    r = sq("stats", "--project", demo_copy, "--by", "region_type")
    assert r.returncode == 0 and "note: 1 interview has no 'region_type' and is in no row: R99" in r.stderr, r.stderr
    r = sq("stats", "--project", demo_copy, "--by", "role")
    assert "in no row" not in r.stderr


def test_agreement_names_the_interviews_it_compares_and_the_coders_it_leaves_out(demo_copy):
    """The last line said "6 documents both coded" without naming them, and nothing said that
    a third coder was in no figure of the default comparison."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    ws.assign_code("R01", "urgentie", unit=ws.units("R01")[3].id, coder="sanne")
    both = sorted(ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"])
    ws.close()
    r = sq("agreement", "--project", demo_copy)
    assert r.returncode == 0 and f"{len(both)} documents both coded ({', '.join(both)})" in r.stdout, r.stdout
    assert "note: not compared here: sanne" in r.stderr, r.stderr
    r = sq("agreement", "--project", demo_copy, "--coders", "onderzoeker-a", "sanne")
    assert "not compared here" not in r.stderr and "1 document both coded (R01)" in r.stdout


def test_stats_by_a_mistyped_attribute_names_the_one_it_likely_means(demo_copy):
    r = sq("stats", "--project", demo_copy, "--by", "region_tpye")
    assert r.returncode == 1 and "no document has the attribute 'region_tpye' (did you mean region_type?)" in r.stderr


def test_a_csv_named_as_a_grid_says_it_holds_the_codings(demo_copy, tmp_path):
    """`export -o my-grid.csv` wrote the codings without a word, where the README says a name
    ending in -grid asks for the summary grid."""
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "my-grid.csv")
    assert r.returncode == 0 and "my-grid.csv holds the codings: the summary grid is written as .xlsx or .docx" \
        in r.stderr, r.stderr
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "codings.csv")
    assert "summary grid" not in r.stderr


def test_an_export_without_a_known_suffix_names_the_path_given(demo_copy, tmp_path):
    r = sq("export", "--project", demo_copy, "-o", f"{tmp_path / 'ex' / 'out'}/")
    assert r.returncode != 0 and f"cannot export to '{tmp_path / 'ex' / 'out'}'" in r.stderr, r.stderr
    # a folder meant (`-o nodir/`): said that a file is asked for, with one to give
    assert f"cannot export to '{tmp_path / 'ex' / 'out'}': -o takes a file, e.g. " \
        f"{tmp_path / 'ex' / 'out' / 'hoofdstuk.docx'}, not a folder" in r.stderr, r.stderr
    # a file meant, its extension left off (`-o codings` was told to make a folder codings)
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "codings")
    assert r.returncode != 0 and f"cannot export to '{tmp_path / 'codings'}': give the file its format's extension, " \
        "e.g. codings.csv or codings.xlsx" in r.stderr, r.stderr
    for name, said in (("codings.xls", ".xls is no format export writes; .xlsx is Excel's"),
                       ("cb.qdc", ".qdc is no format export writes; `sto-qual codebook-export")):
        r = sq("export", "--project", demo_copy, "-o", tmp_path / name)
        assert r.returncode != 0 and said in r.stderr, r.stderr
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "out.pdf")
    assert r.stderr.strip() == f"error: cannot export to '{tmp_path / 'out.pdf'}': .pdf is no format export writes " \
        "(its extension says the format: one of .docx, .md, .csv, .xlsx, .qdpx)", r.stderr


def test_a_table_labelled_by_names_on_the_pseudonym_list_says_so(demo_copy):
    """`stats --by interviewer --format csv` printed the interviewers' names as stored, names
    the exports replace, without a word."""
    r = sq("stats", "--project", demo_copy, "--by", "interviewer", "--format", "csv")
    assert r.returncode == 0 and "are names on the pseudonym list, shown as stored" in r.stderr, r.stderr
    r = sq("matrix", "--project", demo_copy, "--label-by", "interviewer")
    assert "names on the pseudonym list" in r.stderr
    r = sq("stats", "--project", demo_copy, "--by", "region_type")
    assert "pseudonym list" not in r.stderr


@pytest.mark.parametrize("lock", [".~lock.{name}#", "~${name}"])
def test_an_output_open_in_another_program_or_read_only_is_left_alone(demo_copy, tmp_path, lock):
    """A file made read-only, or open in LibreOffice or Excel, was replaced without a word (the new
    file is renamed over it, which the folder allows): 'Wrote ro.xlsx', exit 0."""
    out = tmp_path / "tabel.xlsx"
    out.write_bytes(b"her own table")
    (tmp_path / lock.format(name=out.name)).write_text("anna,host,02.12.2026;")
    line = _one_line_error(sq("export", "-p", demo_copy, "-o", out))
    assert line.startswith(f"error: cannot write {out}: it is open in another program (lock file "
                           f"{lock.format(name=out.name)}); close it there")
    assert out.read_bytes() == b"her own table"
    (tmp_path / lock.format(name=out.name)).unlink()
    out.chmod(0o444)
    try:
        line = _one_line_error(sq("export", "-p", demo_copy, "-o", out))
        assert line == (f"error: cannot write {out}: the file is read-only; make it writable (chmod u+w) or write "
                        "another file; nothing was written")
        assert out.read_bytes() == b"her own table"
    finally:
        out.chmod(0o644)
    # her own table, a file this program did not write, is replaced only when asked to
    assert "it is a file this program did not write" in _one_line_error(sq("export", "-p", demo_copy, "-o", out))
    done = sq("export", "-p", demo_copy, "-o", out, "--force")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_a_coder_counted_over_interviews_she_did_not_code_is_refused_not_a_table_of_zeros(demo_copy, tmp_path):
    """`stats --where doc=R01 --coder onderzoeker-b` printed 'geen' for every code with exit 0,
    and the export's warning suggested `--where doc=`, which is refused."""
    expected = ("error: onderzoeker-b coded none of the 1 interview --where keeps (R01), so every figure would be 0 "
                "(onderzoeker-b coded R02, R05, R07, R11, R14, R18; choose another --where or --coder)")
    for command in (("stats",), ("matrix",), ("saturation",), ("cooccurrence",), ("cooccurrence", "--level", "interview"),
                    ("stats", "--format", "json"), ("export", "-o", tmp_path / "t.xlsx")):
        got = sq(*command, "-p", demo_copy, "--where", "doc=R01", "--coder", "onderzoeker-b")
        assert _one_line_error(got) == expected, command
    got = sq("export", "-o", tmp_path / "t.csv", "-p", demo_copy, "--where", "doc=R01", "--coder", "onderzoeker-b")
    assert _one_line_error(got) == expected.replace("every figure would be 0",
                                                    "there are no codings of theirs to write")
    assert not (tmp_path / "t.xlsx").exists() and not (tmp_path / "t.csv").exists()
    # one of two interviews coded: counted, and said
    got = sq("stats", "-p", demo_copy, "--where", "doc=R01,R02", "--coder", "onderzoeker-b")
    assert got.returncode == 0 and "onderzoeker-b coded 1 of the 2 interviews" in got.stderr
    got = sq("matrix", "-p", demo_copy, "--where", "region_type=krimp", "--coder", "onderzoeker-b")
    assert got.returncode == 0 and "onderzoeker-b coded 2 of the 4 interviews: R02, R05" in got.stderr


def test_a_coder_whose_every_coding_was_undone_is_refused_not_a_chapter_of_geen(demo_copy, tmp_path):
    """A third coder coded one sentence and took it off again: `stats --coder onderzoeker-c` printed
    "geen" for every code, and `report --coder onderzoeker-c` wrote a chapter saying of every theme that
    no region raises it, exit 0, where the same coder over a --where she did not code is refused."""
    done = sq("code", "R03", "urgentie/docententekort", "--sentence", "30", "--coder", "onderzoeker-c",
              "--new-coder", "-p", demo_copy)
    assert done.returncode == 0, done.stderr
    assert sq("undo", "--coder", "onderzoeker-c", "-p", demo_copy).returncode == 0
    hint = f"(choose another --coder; `sto-qual coders --project {demo_copy}` lists each coder's codings)"
    for command in (("stats",), ("matrix",), ("saturation",), ("cooccurrence",), ("export", "-o", tmp_path / "t.xlsx")):
        got = sq(*command, "-p", demo_copy, "--coder", "onderzoeker-c")
        assert _one_line_error(got) == f"error: onderzoeker-c has no codings in this project, so every figure would " \
                                       f"be 0 {hint}", command
    got = sq("report", "-p", demo_copy, "--coder", "onderzoeker-c", "-o", tmp_path / "h.docx")
    assert _one_line_error(got) == ("error: onderzoeker-c has no codings in this project, so the chapter would say "
                                    f"that no region raises any theme {hint}")
    assert not (tmp_path / "t.xlsx").exists() and not (tmp_path / "h.docx").exists()
    got = sq("report", "-p", demo_copy, "--coder", "onderzoeker-b", "-o", tmp_path / "b.docx")  # hers: 6 interviews
    assert got.returncode == 0, got.stderr


def test_quotes_take_their_format_from_the_file_name_and_refuse_a_coder_over_interviews_she_did_not_code(
        demo_copy, tmp_path):
    """`quotes --code urgentie -o q.csv` said "--format table writes .txt, not '.csv'"; `quotes --coder
    onderzoeker-b --where doc=R01` printed "(none)" where the tables refuse the same filter."""
    for name, starts in (("q.csv", "id,"), ("q.md", "#"), ("q.json", "[")):
        got = sq("quotes", "-p", demo_copy, "--code", "urgentie", "-o", tmp_path / name)
        assert got.returncode == 0, got.stderr
        assert (tmp_path / name).read_text(encoding="utf-8-sig").lstrip().startswith(starts), name
    clash = sq("quotes", "-p", demo_copy, "--code", "urgentie", "--format", "csv", "-o", tmp_path / "x.md")
    assert clash.returncode == 1 and "--format csv writes .csv or .txt, not '.md'" in clash.stderr  # as asked
    line = _one_line_error(sq("quotes", "-p", demo_copy, "--code", "urgentie", "--coder", "onderzoeker-b",
                              "--where", "doc=R01"))
    assert line.startswith("error: onderzoeker-b coded none of the 1 interview --where keeps (R01), so there are "
                           "no quotes of theirs")


def test_quotes_written_to_a_text_file_keep_every_word_and_a_workbook_name_says_what_to_name_it(demo_copy, tmp_path):
    """`quotes … -o q.txt` wrote the screen's table, 20 of 32 quotes cut with "…"; `-o q.xlsx` said to
    "give the --format its name says", and there is no such format."""
    got = sq("quotes", "-p", demo_copy, "urgentie/docententekort", "-o", tmp_path / "q.txt")
    assert got.returncode == 0, got.stderr
    table = (tmp_path / "q.txt").read_text(encoding="utf-8")
    rows = json.loads(sq("quotes", "-p", demo_copy, "urgentie/docententekort", "--format", "json").stdout)
    assert len(rows) > 20 and all(r["quote"].replace("\n", " ") in table for r in rows)
    line = _one_line_error(sq("quotes", "-p", demo_copy, "urgentie", "-o", tmp_path / "q.xlsx"))
    assert "q.xlsx: the quotes are written as .csv, .md, .docx, .json or .txt, not as a workbook" in line
    assert "name it q.csv (a spreadsheet opens it)" in line and not (tmp_path / "q.xlsx").exists()


def test_quotes_written_to_a_file_leave_a_read_only_or_open_one_alone(demo_copy, tmp_path):
    """`quotes -o ro.csv` wrote over a read-only file and one open in LibreOffice ('Wrote …', exit 0),
    where export and report refuse."""
    out = tmp_path / "q.csv"
    out.write_text("hers", encoding="utf-8")
    (tmp_path / ".~lock.q.csv#").write_text("x")
    line = _one_line_error(sq("quotes", "-p", demo_copy, "--code", "urgentie", "-o", out))
    assert "it is open in another program" in line and out.read_text(encoding="utf-8") == "hers"


def test_a_matrix_by_a_list_of_roles_has_a_column_per_role_in_order(demo_copy):
    """`matrix --label-by respondent_roles` made one column per written list ("penvoerder;bestuurder"
    beside "bestuurder;penvoerder": eleven columns), where `stats --by respondent_roles` counts per
    role; columns by school_boards came as the interviews did ("1 3 11 4 2 …"); `--label-by role`
    said only that no document has that attribute."""
    def matrix(*args):
        r = sq("matrix", "-p", demo_copy, "--format", "json", *args)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout), r.stderr
    by_doc, _ = matrix("--label-by", "name")
    attrs = {d["name"]: d["attributes"] for d in json.loads(sq("docs", "-p", demo_copy, "--format", "json").stdout)}
    roles, said = matrix("--label-by", "respondent_roles")
    assert list(roles[0])[1:] == ["bestuurder", "directeur", "penvoerder", "programmaleider"]
    assert "adds its codings to the column of each" in said, said
    assert "fewer than three" not in said  # each role's column holds 10-14 interviews (its lists made 8 "columns")
    for row, own in zip(roles, by_doc):
        for role in ("bestuurder", "penvoerder"):
            assert row[role] == sum(v for d, v in own.items() if d != "code"
                                    and role in attrs[d]["respondent_roles"].split(";")), (row["code"], role)
    boards, said = matrix("--label-by", "school_boards")
    assert [int(c) for c in list(boards[0])[1:]] == sorted(int(c) for c in list(boards[0])[1:])
    assert "column of each" not in said
    r = sq("matrix", "-p", demo_copy, "--label-by", "role")
    assert r.returncode != 0 and "the speakers' roles: `sto-qual stats --by role" in r.stderr, r.stderr
    # a role in one interview's list is a column of one, said as the island's is (its parts, in any order)
    assert sq("attribute", "R03", "respondent_roles=directeur; wethouder;bestuurder", "-p", demo_copy).returncode == 0
    for command in (("matrix", "--label-by", "respondent_roles"), ("stats", "--by", "respondent_roles")):
        said = sq(*command, "-p", demo_copy).stderr
        assert "note: 1 of these " in said and "fewer than three interviews (wethouder: R03)" in said, (command, said)


def test_a_mistyped_command_names_the_near_one_and_choices_take_any_capitals(demo_copy, tmp_path):
    """`sto-qual stat` said only "No such command 'stat'." (a mistyped option gets "Did you mean"),
    and `--lang nL` was refused though codes, coders and attributes are read in any capitals."""
    r = sq("stat", "-p", demo_copy)
    assert _one_line_error(r, 2) == ("error: No such command 'stat'. Did you mean stats or star? (`sto-qual --help` "
                                     "lists the commands)")
    assert "Did you mean" not in sq("xyzzy").stderr
    r = sq("report", "-p", demo_copy, "--lang", "EN", "-o", tmp_path / "en.docx")
    assert r.returncode == 0 and (tmp_path / "en.docx").exists(), r.stderr
    assert sq("stats", "-p", demo_copy, "--format", "JSON").stdout.lstrip().startswith("[")


def test_cooccurrence_without_a_pair_says_where_to_look(tmp_path):
    """A newcomer's three interviews had no sentence with two codes: `cooccurrence` printed
    "(none)" and nothing of `--level interview`, which counts the interviews holding both."""
    from tests_support import SMALL
    project = tmp_path / "p.db"
    (tmp_path / "R90.md").write_text(SMALL, encoding="utf-8")
    assert sq("init", project).returncode == 0
    assert sq("import", "-p", project, tmp_path / "R90.md").returncode == 0
    assert sq("code", "-p", project, "--doc", "R90", "--sentence", "1", "--code", "urgentie").returncode == 0
    r = sq("cooccurrence", "-p", project)
    assert r.returncode == 0 and r.stdout.strip() == "(none)"
    assert "note: no sentence carries two codes; `--level interview` counts the interviews" in r.stderr, r.stderr
    assert "no sentence carries" not in sq("cooccurrence", "-p", project, "--level", "interview").stderr


def test_quotes_takes_the_code_first_as_star_and_memo_take_their_id(demo_copy):
    """`quotes urgentie/docententekort` answered "Missing option '--code'" without saying a code
    given first is not taken; it is now, and --code still works (the contract scripts use)."""
    first = sq("quotes", "urgentie/docententekort", "-p", demo_copy, "--format", "json")
    named = sq("quotes", "--code", "urgentie/docententekort", "-p", demo_copy, "--format", "json")
    assert first.returncode == 0 and json.loads(first.stdout) == json.loads(named.stdout) != []
    none = sq("quotes", "-p", demo_copy)
    assert none.returncode == 2 and none.stderr.startswith("error: give the code: `sto-qual quotes CODE")
    # every code's quotes in one table: where they are (a Windows colleague looked for `quotes` without a code)
    assert "every code's quotes in one table: `sto-qual export -o citaten.csv" in none.stderr, none.stderr
    two = sq("quotes", "urgentie", "--code", "vmbo-in-the-lead", "-p", demo_copy)
    assert two.returncode == 2 and "two codes (urgentie and --code vmbo-in-the-lead)" in two.stderr


def test_a_where_value_near_one_held_gets_a_suggestion(demo_copy):
    """`stats --where doc=R1` listed "R01, R02, …, R15, ..." and no "did you mean"."""
    for asked, meant in (("doc=R1", "R01"), ("doc=R19x", "R19"), ("region_type=krimpp", "krimp")):
        r = sq("stats", "-p", demo_copy, "--where", asked)
        assert r.returncode == 1 and f"(did you mean {meant}?)" in r.stderr, r.stderr
    r = sq("stats", "-p", demo_copy, "--where", "region_type=zzz")
    assert r.returncode == 1 and "did you mean" not in r.stderr


def test_a_switch_given_a_value_names_its_other_side(demo_copy):
    """`stats --rollup=no` said only "Option '--rollup' does not take a value"."""
    r = sq("stats", "--rollup=no", "-p", demo_copy)
    assert r.returncode == 2 and "(--rollup turns it on, --no-rollup off)" in r.stderr, r.stderr
    from tests_support import invoke_cli  # in-process as well: the command's name is read from what was given
    said = invoke_cli(["stats", "--rollup=no", "-p", str(demo_copy)]).output
    assert "(--rollup turns it on, --no-rollup off)" in said


def test_two_coders_given_with_a_comma_are_the_two(demo_copy):
    """`agreement --coders lies,onderzoeker-a` said only "Option '--coders' requires 2 arguments"."""
    from tests_support import invoke_cli
    spaced = invoke_cli(["agreement", "-p", str(demo_copy), "--coders", "onderzoeker-a", "onderzoeker-b",
                         "--format", "json"])
    for given in (["--coders", "onderzoeker-a,onderzoeker-b", "--format", "json"],
                  ["--format", "json", "--coders", "onderzoeker-a, onderzoeker-b"]):
        r = invoke_cli(["agreement", "-p", str(demo_copy), *given])
        assert r.exit_code == 0 and r.stdout == spaced.stdout, r.output
    alone = invoke_cli(["agreement", "-p", str(demo_copy), "--coders", "onderzoeker-a"])
    assert alone.exit_code == 2 and "requires 2 arguments" in alone.output


def test_a_missing_or_wrong_option_is_one_line_naming_the_help_that_lists_the_options(demo_copy, tmp_path):
    """Click's own mistakes (a missing -o, a bad --format value, a --where without '=', a file
    that is a folder) printed three lines, Usage:, Try … and Error:, where every other error is one."""
    for args, said in ((("export",), "error: give -o FILE: .csv or .xlsx (every coding; .xlsx with counts), .md or "
                        ".docx (the chapter), .qdpx (a REFI-QDA project), or --grid with .xlsx or .docx (the summary "
                        "grid)"),
                       (("code", "--doc", "R01"), "error: Missing option '--code' (or give the code after the "
                        "document, `sto-qual code R01 CODE --project {p}`) (`sto-qual code --help` lists its "
                        "options)"),
                       (("differences", "--format", "xml"), "error: Invalid value for '--format': 'xml' is not one of "
                        "'table', 'json', 'csv', 'csv-nl' (`sto-qual differences --help` lists its options)"),
                       (("stats", "--where", "region_type"), "error: Invalid value for --where: 'region_type' is not "
                        "attr=value, e.g. region_type=krimp (region_type=* keeps the documents that have region_type) "
                        "(`sto-qual stats --help` lists its options)"),
                       (("stats", "--rollup=no"), "error: Option '--rollup' does not take a value. (--rollup turns it "
                        "on, --no-rollup off) (`sto-qual stats --help` lists its options)")):
        assert _one_line_error(sq(*args, "-p", demo_copy), 2) == said.replace("{p}", str(demo_copy))
    assert _one_line_error(sq("export", "-p", demo_copy, "-o", tmp_path), 2).endswith(
        "is a directory (`sto-qual export --help` lists its options)")



def test_a_backup_or_project_named_like_a_workbook_is_said_to_be_a_db_file(demo_copy, tmp_path):
    """`backup -o mycopy.xlsx` wrote a database named as a workbook (exit 0), where `init` refuses the
    name; `stats -p demo.xlsx` offered the `init --project demo.xlsx` that is refused; a folder of
    four projects named three of them."""
    line = _one_line_error(sq("backup", "-p", demo_copy, "-o", tmp_path / "mycopy.xlsx"), code=2)
    assert "mycopy.xlsx' would be a backup named like a workbook; a backup is the project's .db file: name it " \
           "mycopy.db (`sto-qual export -o" in line and not (tmp_path / "mycopy.xlsx").exists()
    for name in ("a.db", "b.db", "c.db"):
        shutil.copy(demo_copy, tmp_path / name)
    line = _one_line_error(sq("stats", "-p", tmp_path / "demo.xlsx"))
    assert f"this folder has a.db, b.db, c.db and 1 more: pass --project {tmp_path / 'a.db'}" in line
    assert "demo.xlsx is named like a workbook, and a project is a .db file" in line and "init" not in line
    alone = tmp_path / "alone"
    alone.mkdir()
    line = _one_line_error(sq("stats", "-p", alone / "studie.xlsx"))
    assert "a project is a .db file: `sto-qual init --project " in line and "studie.db` creates one" in line


def test_report_leave_out_takes_coding_ids_and_refuses_what_is_none(demo_copy, tmp_path):
    """A writer publishing a chapter on the krimp regions beside the full chapter was told which
    quotes point to people side by side, and could only delete them in Word: `--leave-out` takes
    them out of this chapter's quotes. A mistyped id or a word is refused, nothing written."""
    out = tmp_path / "krimp.docx"
    bad = sq("report", "-p", demo_copy, "-o", out, "--where", "region_type=krimp", "--leave-out", "35,99999")
    assert bad.returncode == 1 and not out.exists()
    assert bad.stderr.strip().startswith("error: no coding #99999 to leave out of the chapter"), bad.stderr
    word = sq("report", "-p", demo_copy, "-o", out, "--leave-out", "35,R02")
    assert word.returncode == 2 and not out.exists()
    assert "error: --leave-out takes coding ids such as 173,266; 'R02' is none" in word.stderr
    said = sq("report", "-p", demo_copy, "-o", out, "--where", "region_type=krimp")
    ids = re.search(r"out of this one \(--leave-out ([\d,]+)\)", said.stderr).group(1)
    left = sq("report", "-p", demo_copy, "-o", out, "--force", "--where", "region_type=krimp", "--leave-out", ids,
              "--leave-out", "#35")
    assert left.returncode == 0, left.stderr
    named = ", ".join(f"#{i}" for i in dict.fromkeys([*map(int, ids.split(",")), 35]))
    assert (f"note: left out of this chapter's quotes (--leave-out): {named}; the counts stay, and other passages "
            "may be quoted in their place") in left.stderr
    assert not re.search(r"out of this one \(--leave-out [\d,]*\b(" + ids.replace(",", "|") + r")\b", left.stderr)
    # the warning leaves no clause without its quotes ("…or leave these quotes out of this one", and nothing)
    assert "out of this one\n" not in left.stderr + "\n" and "out of this one (--leave-out ): " not in left.stderr
    assert "penvoerder (in 2 interviews); the chapter on every interview prints none of these quotes" in left.stderr
    # an id in an interview the chapter leaves out (200 typed for 136) is said to change nothing
    r07 = json.loads(sq("codings", "-p", demo_copy, "--doc", "R07", "--format", "json").stdout)[0]["id"]
    far = sq("report", "-p", demo_copy, "-o", out, "--force", "--where", "region_type=krimp", "--leave-out", r07)
    assert (f"note: #{r07} (R07) is in an interview this chapter leaves out: leaving it out changes nothing "
            "here") in far.stderr, far.stderr


def test_stats_on_one_or_two_interviews_says_its_words_are_of_those(demo_copy):
    """An auditor's `stats --where doc=R03` kept one interview and printed 'alle' and 'geen' of it unsaid
    (`report` refuses a chapter on fewer than three): a note says the counts and words are of that one."""
    one = sq("stats", "-p", demo_copy, "--where", "doc=R03")
    assert one.returncode == 0 and ("note: --where keeps one interview: each count and word is of that one "
                                    "('alle' is 1 of 1), not how widely a theme came up") in one.stderr
    two = sq("stats", "-p", demo_copy, "--where", "doc=R03,R04", "--format", "json")
    assert "--where keeps two interviews" in two.stderr and json.loads(two.stdout)[0]["documents_total"] == 2
    for args in (("--where", "region_type=krimp"), ("--where", "doc=R03", "--by", "role"), ()):
        assert "--where keeps" not in sq("stats", "-p", demo_copy, *args).stderr


def test_saturation_leaves_out_the_interviews_the_counted_coder_did_not_code(demo_copy):
    """`saturation --coder onderzoeker-b` listed all 19 interviews, the 13 she never coded with 0 new codes,
    which in a saturation table reads as "nothing new": they are in no row, and a note names them."""
    r = sq("saturation", "-p", demo_copy, "--coder", "onderzoeker-b", "--format", "json")
    rows = json.loads(r.stdout)
    assert [x["doc"] for x in rows] == ["R11", "R02", "R07", "R18", "R14", "R05"]  # hers, in interview order
    assert [x["order"] for x in rows] == [1, 2, 3, 4, 5, 6] and rows[-1]["cumulative"] == 24
    assert ("note: 13 interviews without a coding of those counted are in no row (not coded, so no sign of "
            "saturation): R01, R06, R16,") in r.stderr
    every = sq("saturation", "-p", demo_copy, "--format", "json")  # the reference coder coded all 19
    assert len(json.loads(every.stdout)) == 19 and "in no row" not in every.stderr


def test_a_mistyped_project_names_the_nearest_file_first_and_init_names_its_codebook(tmp_path):
    """`docs --project studi.db` offered "before-mistakes.db" (the first file by name, a copy) to pass instead
    of studie.db; `init` said "24 codes" and not that they were the bundled STO codebook, so a researcher who
    imported her own next had two "Collectief optrekken"."""
    made = sq("init", "--project", tmp_path / "studie.db")
    assert made.returncode == 0, made.stderr
    assert "note: these are the bundled STO codebook's codes; for your own instead, remove" in made.stderr
    assert "--codebook FILE`" in made.stderr
    assert sq("backup", "-p", tmp_path / "studie.db", "-o", tmp_path / "before-mistakes.db").returncode == 0
    r = sq("docs", "--project", tmp_path / "studi.db")
    assert r.returncode == 1, r.stderr
    # the whole path, to be run as given from another folder (it named the file alone)
    assert f"this folder has studie.db, before-mistakes.db: pass --project {tmp_path / 'studie.db'} " in r.stderr, \
        r.stderr
    assert sq("backup", "-p", tmp_path / "studie.db", "-o", tmp_path / "x.db").returncode == 0
    r = sq("docs", "--project", tmp_path / "x")  # a short name without .db (a-studie-kopie.db was offered for x)
    assert r.returncode == 1 and f"pass --project {tmp_path / 'x.db'} " in r.stderr, r.stderr
    own = tmp_path / "eigen.yaml"
    own.write_text("codes:\n  - name: thema\n    definition: Een eigen thema.\n", encoding="utf-8")
    mine = sq("init", "--project", tmp_path / "eigen.db", "--codebook", own)
    assert mine.returncode == 0 and "bundled" not in mine.stderr, mine.stderr


def test_a_codebook_file_that_renames_a_coded_code_says_so_with_the_way_to_rename_it(demo_copy, tmp_path):
    """A researcher renamed a coded theme in her codebook file and imported it: the import added the new name
    beside the old, and the chapter printed the theme twice, once "in geen van de regio's"; its warnings said
    only that two codes share a label."""
    cb = tmp_path / "cb.yaml"
    assert sq("codebook-export", "-p", demo_copy, "-o", cb).returncode == 0
    cb.write_text(cb.read_text(encoding="utf-8").replace("collectief-optrekken", "samen-optrekken"),
                  encoding="utf-8")  # (its name, and its contrasts' paths)
    r = sq("codebook-import", "-p", demo_copy, cb)
    assert r.returncode == 0, r.stderr
    assert ("warning: samen-optrekken, which the file adds, has the label or definition of collectief-optrekken, "
            "which it lacks and which holds codings: if the file renames collectief-optrekken, take the import back "
            "with the `restore` below, run `sto-qual code-rename collectief-optrekken samen-optrekken --project "
            f"{demo_copy}` (its codings and sub-codes follow) and import the file again") in r.stderr, r.stderr
    assert r.stderr.count("which the file adds") == 1  # its sub-codes move with it: not each said again
    back = re.search(r"`(sto-qual restore [^`]*)`", r.stderr).group(1)
    assert sq(*shlex.split(back)[1:], "--yes").returncode == 0
    assert sq("code-rename", "collectief-optrekken", "samen-optrekken", "-p", demo_copy).returncode == 0
    again = sq("codebook-import", "-p", demo_copy, cb)
    assert again.returncode == 0 and "which the file adds" not in again.stderr and again.stdout.startswith("added 0"), \
        (again.stdout, again.stderr)
