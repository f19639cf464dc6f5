"""Kill -9 at random (seeded) moments during imports, codings, merges, exports and a
migration: the project opens, passes PRAGMA integrity_check, keeps every coding the tool
reported as saved, and holds no half document. bench/soak.py runs the same with many
more trials."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sto_qual.services import Workspace

WORKER = Path(__file__).resolve().parents[1] / "workers" / "fault_worker.py"
REPO = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("STO_QUAL_FAULT_TRIALS", "3"))


def run_and_kill(args: list[str], seed: int, min_lines: int = 1, max_wait: float = 1.5, timeout: float = 60):
    """Start the worker, wait until it is busy, kill -9 it after a seeded delay; return its
    'saved' lines."""
    rng = random.Random(seed)
    proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=REPO)
    lines: list[str] = []
    t_end = time.time() + timeout
    assert proc.stdout is not None
    while time.time() < t_end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if len(lines) >= min_lines:
            break
    time.sleep(rng.uniform(0.05, max_wait))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    lines += [x.strip() for x in out.splitlines()]
    assert "Traceback" not in err, err[-2000:]
    return [x.split(" ", 1)[1] for x in lines if x.startswith("saved ")]


def integrity(path: Path) -> None:
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


@pytest.fixture
def coded_project(tmp_path):
    ws = Workspace.create(tmp_path / "p.db")
    assert ws.import_files([REPO / "transcripts" / "R01.txt", REPO / "transcripts" / "R02.txt"]).ok
    ws.close()
    return tmp_path / "p.db"


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_during_codings_loses_nothing_reported(coded_project, trial):
    saved = run_and_kill(["codings", str(coded_project), str(trial)], seed=trial, min_lines=20)
    assert len(saved) >= 1
    integrity(coded_project)
    ws = Workspace.open(coded_project)
    have = {c.id for c in ws.codings()}
    assert {int(x) for x in saved} <= have
    for c in ws.codings():
        assert c.text == ws.document_text(c.document_id)[c.start:c.end]
    ws.close()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_kill_during_import_leaves_no_half_document(tmp_path, trial):
    project = tmp_path / "p.db"
    Workspace.create(project).close()
    src = tmp_path / "src"
    src.mkdir()
    for i, f in enumerate(sorted((REPO / "transcripts").glob("*.txt"))):
        (src / f"{i:02d}-{f.name}").write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    saved = run_and_kill(["import", str(project), str(trial), str(src)], seed=100 + trial, max_wait=2.0)
    integrity(project)
    con = sqlite3.connect(project)
    names = {r[0] for r in con.execute("SELECT name FROM documents")}
    assert set(saved) <= names
    for doc_id, text in con.execute("SELECT id, text FROM documents"):
        turns = con.execute('SELECT start, "end" FROM turns WHERE document_id = ?', (doc_id,)).fetchall()
        units = con.execute('SELECT id FROM units WHERE document_id = ?', (doc_id,)).fetchall()
        assert turns and units, "a document without its turns or units"
        assert turns[-1][1] == len(text)
        fts = con.execute(f"SELECT count(*) FROM units_fts WHERE rowid IN ({','.join(str(u[0]) for u in units)})").fetchone()[0]
        assert fts == len(units)
    con.close()


def test_kill_during_codebook_merges(coded_project):
    ws = Workspace.open(coded_project)
    doc = ws.documents()[0].id
    for i, c in enumerate(c for c in ws.codebook() if c.parent):
        ws.assign_code(doc, c.path, start=i * 10, end=i * 10 + 8)
    total = ws.info()["codings"]
    ws.close()
    saved = run_and_kill(["merge", str(coded_project), "0"], seed=7, max_wait=0.8)
    integrity(coded_project)
    ws = Workspace.open(coded_project)
    assert ws.info()["codings"] == total  # a merge moves codings, never loses them
    paths = {c.path for c in ws.codebook()}
    assert not (set(saved) & paths)  # every merge reported done is done
    for c in ws.codings():
        assert c.code in paths
    ws.close()


def test_kill_during_export_never_leaves_a_half_file(coded_project, tmp_path):
    out = tmp_path / "hoofdstuk.docx"
    run_and_kill(["export", str(coded_project), "0", str(out)], seed=3, max_wait=2.5)
    if out.exists():
        import docx
        docx.Document(str(out))  # complete and readable, never half-written
    integrity(coded_project)


def test_kill_during_migration_rolls_back(coded_project):
    before = sqlite3.connect(coded_project).execute("SELECT count(*) FROM units").fetchone()[0]
    run_and_kill(["migrate", str(coded_project)], seed=1, max_wait=0.3)
    integrity(coded_project)
    con = sqlite3.connect(coded_project)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'backfill'").fetchone()[0] == 0
    assert "m950_slow_backfill" not in {r[0] for r in con.execute("SELECT name FROM _sqlite_migrations")}
    assert con.execute("SELECT count(*) FROM units").fetchone()[0] == before
    con.close()
    assert list(coded_project.parent.glob("p.pre-migration-*"))  # the backup made before it started
    Workspace.open(coded_project).close()  # opens normally afterwards


def test_disk_full_is_a_clear_error_and_nothing_half_written(coded_project):
    from sto_qual.domain.errors import ProjectError
    ws = Workspace.open(coded_project)
    before = ws.info()["codings"]
    pages = ws.store.conn.execute("PRAGMA page_count").fetchone()[0]
    ws.store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: as on a full disk
    doc = ws.documents()[0].id
    with pytest.raises(ProjectError, match="disk is full"):
        for i in range(5000):
            ws.assign_code(doc, "urgentie", start=i % 500, end=i % 500 + 40, memo="x" * 2000)
    n = ws.info()["codings"]
    ws.store.conn.execute("PRAGMA max_page_count = 1073741823")
    ws.assign_code(doc, "urgentie", start=0, end=10)  # the workspace keeps working afterwards
    assert ws.info()["codings"] == n + 1 >= before + 1
    ws.close()
    integrity(coded_project)


def test_project_deleted_while_open_refuses_writes(coded_project):
    from sto_qual.domain.errors import ProjectError
    ws = Workspace.open(coded_project)
    doc = ws.documents()[0].id
    ws.assign_code(doc, "urgentie", start=0, end=10)
    coded_project.rename(coded_project.with_name("moved.db"))
    with pytest.raises(ProjectError, match="deleted or moved"):
        ws.assign_code(doc, "urgentie", start=20, end=30)
    ws.close()


def test_read_only_database_is_a_clear_error(coded_project):
    from sto_qual.domain.errors import ProjectError
    ws = Workspace.open(coded_project)
    ws.store.conn.execute("PRAGMA query_only = ON")  # what a read-only mount gives SQLite
    with pytest.raises(ProjectError):
        ws.assign_code(ws.documents()[0].id, "urgentie", start=0, end=10)
    ws.close()
