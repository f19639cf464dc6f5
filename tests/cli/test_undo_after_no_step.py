"""A code-merge or an import is no undo step: `undo` right after one took back the step before it
(an accept, a coding) and said only that, while the person meant the merge. The merge names its
backup, and `undo` says what stays."""
from __future__ import annotations

import json
import re
from pathlib import Path

from cli_runner import sq


def test_code_merge_names_its_backup_and_undo_after_it_says_the_merge_stays(demo_copy):
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "30", "--format", "json")
    coding = json.loads(r.stdout)
    merged = sq("code-merge", "--project", demo_copy, "urgentie/arbeidsmarkt", "urgentie")
    assert merged.returncode == 0, merged.stderr
    line, backup_line = merged.stdout.strip().splitlines()
    backup = next(p for p in demo_copy.parent.iterdir() if ".pre-merge-" in p.name)
    assert backup_line == (f"backup before the merge: {backup} (`sto-qual restore -p {demo_copy} {backup}` returns the project "
                           "to before the merge; undo does not take a merge back)")
    undone = sq("undo", "--project", demo_copy)
    assert undone.returncode == 0 and undone.stdout.strip() == "undone: coding of ‘Urgentie’ on R01"
    assert undone.stderr.strip() == (
        f"note: the code-merge of urgentie/arbeidsmarkt into urgentie (`sto-qual restore -p {demo_copy} {backup}` takes it back) "
        f"came after this step and is no undo step: it stays; `sto-qual redo --project {demo_copy}` puts back what "
        "was undone")
    assert sq("redo", "--project", demo_copy).returncode == 0
    assert coding["id"] in [c["id"] for c in json.loads(sq("codings", "--project", demo_copy, "--doc", "R01",
                                                            "--format", "json").stdout)]
    # the next undo takes back the same step again, with the same note; a step with nothing
    # after it says nothing more
    again = sq("undo", "--project", demo_copy)
    assert "code-merge of urgentie/arbeidsmarkt" in again.stderr
    sq("redo", "--project", demo_copy)
    sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "31")
    assert sq("undo", "--project", demo_copy).stderr == ""


def test_undo_after_a_codings_import_says_the_import_stays(demo_copy, tmp_path):
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "30", "--coder", "sanne")
    exported = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-b", "-o", exported).returncode == 0
    yaml = next(exported.rglob("R02.yaml"))
    text = yaml.read_text(encoding="utf-8").replace("coder: onderzoeker-b", "coder: sanne")
    yaml.write_text(text, encoding="utf-8")
    assert sq("codings-import", "--project", demo_copy, yaml, "--coder", "sanne").returncode == 0
    r = sq("undo", "--project", demo_copy, "--coder", "sanne")
    assert r.stdout.strip() == "undone: coding of ‘Urgentie’ on R03"
    assert r.stderr.startswith(f"note: the codings import of {yaml} (`sto-qual uncode --id N --project {demo_copy} "
                               "--coder sanne` takes its "), r.stderr
    assert "codings back, one by one) came after this step and is no undo step" in r.stderr, r.stderr
    # the same file imported again adds nothing: no change an undo must name (nine such notes stood
    # after an analyst's import that added no coding)
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "31", "--coder", "sanne")
    again = sq("codings-import", "--project", demo_copy, yaml, "--coder", "sanne")
    assert again.returncode == 0 and ": 0 added" in again.stdout, again.stdout
    r = sq("undo", "--project", demo_copy, "--coder", "sanne")
    assert r.returncode == 0 and r.stderr == "", r.stderr


def test_restore_run_from_another_folder_replaces_the_project_the_backup_was_made_of(demo_copy, tmp_path, monkeypatch):
    """`sto-qual restore demo.pre-merge-….db` as a merge's message printed it, run from another
    folder, made a new sto-qual.db there without asking and left the merged project as it was.
    The message now gives --project; without it and with no project file in the folder, restore
    takes the project the backup's name says, beside it, and says so; else it is refused."""
    assert sq("code-merge", "--project", demo_copy, "urgentie/arbeidsmarkt", "urgentie").returncode == 0
    backup = next(p for p in demo_copy.parent.iterdir() if ".pre-merge-" in p.name)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = sq("restore", str(backup), "--yes")
    assert r.returncode == 0, r.stderr
    assert f"project: {demo_copy} (the backup's own; --project restores into another file)" in r.stderr
    assert list(elsewhere.iterdir()) == []
    assert "urgentie/arbeidsmarkt" in sq("codebook", "--project", demo_copy, "--format", "json").stdout
    stray = elsewhere / "kopie.db"
    stray.write_bytes(backup.read_bytes())
    r = sq("restore", str(stray), "--yes")
    assert r.returncode == 1 and "there is no project sto-qual.db here to restore into" in r.stderr, r.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["kopie.db"]


def test_restore_never_replaces_or_makes_a_project_the_backup_was_not_made_of_unasked(demo_copy, tmp_path,
                                                                                      monkeypatch):
    """Run in a folder holding a sto-qual.db, `restore demo.pre-merge-….db` replaced that project
    with demo's backup (its question said every change since that backup would be undone);
    `restore -p typo.db` made typo.db without a word; a newer program's backup was restored into
    a project this one then could not open; another program's database "failed an integrity check"."""
    import hashlib
    import sqlite3
    assert sq("code-merge", "--project", demo_copy, "urgentie/arbeidsmarkt", "urgentie").returncode == 0
    backup = next(p for p in demo_copy.parent.iterdir() if ".pre-merge-" in p.name)
    here = tmp_path / "elders"
    here.mkdir()
    monkeypatch.chdir(here)
    own = here / "sto-qual.db"
    own.write_bytes(demo_copy.read_bytes())
    before = hashlib.sha256(own.read_bytes()).hexdigest()
    r = sq("restore", str(backup), "--yes")
    assert r.returncode == 1 and f"{backup} is a backup of {demo_copy}, not of sto-qual.db in this folder" in r.stderr
    assert hashlib.sha256(own.read_bytes()).hexdigest() == before
    r = sq("restore", "-p", "typo.db", str(backup), input="n\n")
    assert r.returncode != 0 and not (here / "typo.db").exists()
    assert f"note: the backup's name says it was made of {demo_copy}, not typo.db" in r.stderr, r.stderr
    def written(path, statement):
        con = sqlite3.connect(path)
        con.execute(statement)
        con.commit()
        con.close()
        return path
    newer = here / "newer.db"
    newer.write_bytes(backup.read_bytes())
    written(newer, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('sto_qual', 'm999', 'x')")
    r = sq("restore", "-p", str(own), str(newer), "--yes")
    assert r.returncode == 1 and "newer.db: made by a newer sto_qual" in r.stderr, r.stderr
    other = written(here / "other.db", "CREATE TABLE notities (tekst TEXT)")
    r = sq("restore", "-p", str(own), str(other), "--yes")
    assert r.returncode == 1 and "not a sto_qual project or backup (it has no codings table)" in r.stderr, r.stderr
    assert hashlib.sha256(own.read_bytes()).hexdigest() == before
    # the command a message prints holds whole paths: it works from any folder
    monkeypatch.chdir(demo_copy.parent)
    said = sq("code-merge", "--project", demo_copy.name, "urgentie/docententekort", "urgentie").stdout
    assert f"`sto-qual restore -p {demo_copy} {demo_copy.parent}/" in said, said


def test_a_codings_import_is_named_in_the_undo_of_the_coder_whose_codings_it_added(demo_copy, tmp_path):
    """A file of bram's codings imported without --coder was named in the default coder's undo
    ("came after this step"), and bram's own undo said nothing of it."""
    exported = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-b", "-o", exported).returncode == 0
    yaml = next(exported.rglob("R02.yaml"))
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("coder: onderzoeker-b", "coder: bram"), encoding="utf-8")
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "30")  # the default coder
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "31", "--coder", "bram")
    assert sq("codings-import", "--project", demo_copy, yaml).returncode == 0
    mine = sq("undo", "--project", demo_copy)
    assert mine.returncode == 0 and "codings import" not in mine.stderr, mine.stderr
    hers = sq("undo", "--project", demo_copy, "--coder", "bram")
    assert hers.returncode == 0 and f"note: the codings import of {yaml} (" in hers.stderr, hers.stderr


def test_undo_after_a_rename_or_move_names_the_command_that_takes_it_back(demo_copy):
    """The note said "`sto-qual code-rename urgentie/gebouwen …` takes it back", the old name left out."""
    assert sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie/arbeidsmarkt",
              "--sentence", "3").returncode == 0
    assert sq("code-rename", "--project", demo_copy, "urgentie/arbeidsmarkt", "arbeid").returncode == 0
    moved = sq("code-move", "--project", demo_copy, "urgentie/docententekort", "--under", "vmbo-in-the-lead")
    assert moved.returncode == 0
    said = sq("undo", "--project", demo_copy).stderr
    assert "(`sto-qual code-rename urgentie/arbeid arbeidsmarkt --project" in said
    assert "(`sto-qual code-move vmbo-in-the-lead/docententekort --under urgentie --project" in said
    # newest first, the order to run them in
    assert said.index("code-move vmbo-in-the-lead/docententekort") < said.index("code-rename urgentie/arbeid ")


def test_undo_from_the_command_line_says_a_step_was_made_in_the_workbench_and_when(demo_copy):
    """A coder's `code … --code vertrouwen` was refused, and the `undo` she ran next took back a coding
    she had made in the workbench earlier, in another interview, saying only "undone: coding of …"."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    ws.session.record_as("window:1:test")  # as the workbench marks its steps
    ws.assign_code("R05", "urgentie", unit=ws.units("R05")[3].id, coder="onderzoeker-a")
    ws.close()
    undone = sq("undo", "--project", demo_copy, "--coder", "onderzoeker-a")
    assert undone.returncode == 0 and undone.stdout.startswith("undone: coding of ‘Urgentie’ on R05"), undone.stdout
    assert re.fullmatch(r"note: that step was made in the workbench \(\d{4}-\d\d-\d\d \d\d:\d\d\); `sto-qual redo "
                        r"--project \S+ --coder onderzoeker-a` puts it back\n", undone.stderr), undone.stderr
    sq("code", "--project", demo_copy, "R05", "urgentie", "--sentence", "4", "--coder", "onderzoeker-a")
    assert "workbench" not in sq("undo", "--project", demo_copy, "--coder", "onderzoeker-a").stderr  # a command's


def test_a_merges_backup_delete_doc_took_is_said_so_where_it_is_named(demo_copy):
    """A methodologist merged two codes, then deleted an interview: the merge's only backup went with it (delete-doc
    removes the backups that hold an interview), unsaid; undo still offered its restore, and the restore answered
    "the newest ten are kept"."""
    assert sq("code", "R02", "urgentie", "--sentence", "5", "-p", demo_copy).returncode == 0
    merged = sq("code-merge", "collectief-optrekken/andere-netwerken", "collectief-optrekken/vertrouwen-besturen",
                "-p", demo_copy)
    backup = re.search(r"(\S+\.pre-merge-\S+\.db)", merged.stdout + merged.stderr).group(1)
    asked = sq("delete-doc", "R19", "-p", demo_copy, input="n\n")
    assert "(made before code-merge collectief-optrekken/andere-netwerken into " in asked.stdout, asked.stdout
    gone = sq("delete-doc", "R19", "--yes", "-p", demo_copy)
    assert gone.returncode == 0 and "note: the backup made before code-merge collectief-optrekken/andere-netwerken" \
        in gone.stderr and "no restore takes that back now" in gone.stderr, gone.stderr
    assert "among them the only way back from code-merge collectief-optrekken/andere-netwerken" in gone.stdout
    undone = sq("undo", "-p", demo_copy)
    assert "no restore takes it back now: its backup went with the delete of interview R19" in undone.stderr, \
        undone.stderr
    assert "sto-qual restore" not in undone.stderr.split("came after this step")[0]
    path = demo_copy.parent / Path(backup).name
    restore = sq("restore", "-p", demo_copy, path)
    assert restore.returncode != 0 and "it went with the delete of interview R19" in restore.stderr, restore.stderr


def test_a_merges_backup_is_found_beside_the_project_whatever_folder_undo_runs_in(demo_copy, monkeypatch, tmp_path):
    """The audit keeps the backup's name as the merge gave it, relative to where it ran: an undo run from another
    folder said the backup was gone while it stood beside the project."""
    monkeypatch.chdir(demo_copy.parent)
    assert sq("code", "R02", "urgentie", "--sentence", "5", "-p", demo_copy.name).returncode == 0
    assert sq("code-merge", "collectief-optrekken/andere-netwerken", "collectief-optrekken/vertrouwen-besturen",
              "-p", demo_copy.name).returncode == 0
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    undone = sq("undo", "-p", demo_copy)
    assert "takes it back" in undone.stderr and "no restore takes it back" not in undone.stderr, undone.stderr
