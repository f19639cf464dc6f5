"""Ctrl-C during an import with worker processes, in a real process: the terminal sends
SIGINT to the whole process group, workers included. No traceback from anyone, exit 130,
one line saying how far the import got, every stored document whole and reported, and the
same import run again adds the rest."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import sq

from sto_qual.services import Workspace

REPO = Path(__file__).resolve().parents[2]
FILES = 120


def stored(project: Path) -> dict[str, tuple[int, int]]:
    """document name -> (units, turns), read-only beside the writer."""
    con = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return {name: (units, turns) for name, units, turns in con.execute(
            "SELECT d.name, (SELECT count(*) FROM units u WHERE u.document_id = d.id), "
            "(SELECT count(*) FROM turns t WHERE t.document_id = d.id) FROM documents d")}
    finally:
        con.close()


def document_count(project: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # the writer holds it a moment: ask again
        return 0


def group_gone(pgid: int, wait: float = 5) -> bool:
    """No process of the group is left (orphaned workers are reaped by init, not at once)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


@pytest.fixture
def many(tmp_path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (REPO / "transcripts" / "R01.txt").read_text(encoding="utf-8")
    for i in range(FILES):
        (folder / f"T{i:03d}.txt").write_text(f"{text.rstrip()}\nInterviewer: file number {i}.\n", encoding="utf-8")
    return folder


def test_ctrl_c_stops_the_workers_quietly_and_reports_what_was_stored(tmp_path, many):
    project = tmp_path / "int.db"
    Workspace.create(project).close()
    proc = subprocess.Popen([sys.executable, "-m", "sto_qual", "import", "--project", str(project), "--workers", "2",
                             "--format", "json", str(many)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            start_new_session=True,  # its own process group, as a terminal's job
                            # Ctrl-C as a terminal delivers it, however the suite was started: a
                            # job a shell put in the background inherits SIGINT ignored, and Python
                            # then never turns it into KeyboardInterrupt
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while document_count(project) < 3:
            assert proc.poll() is None, proc.stderr.read()[-2000:] if proc.stderr else ""
            assert time.monotonic() < deadline, "no document stored within a minute"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the writer and its workers
        out, err = proc.communicate(timeout=30)  # returns once no process holds its pipes
        assert group_gone(proc.pid), "a worker outlived the import"
    finally:
        if not group_gone(proc.pid, wait=0):  # a worker left behind would hold the pipes forever
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()

    assert "Traceback" not in err, err[-3000:]
    assert proc.returncode == 130, err[-2000:]
    line = re.search(rf"^interrupted: (\d+) of {FILES} files imported, (\d+) documents stored; "
                     r"run the same import again to add the rest", err, re.M)
    assert line, err[-2000:]
    data = json.loads(out)
    assert data["interrupted"] is True and data["files_total"] == FILES
    assert {"imported", "skipped", "refused", "warnings"} <= data.keys()
    # what the command reported is exactly what the project holds, each document whole
    reported = {item["document"]: (item["units"], item["turns"]) for item in data["imported"]}
    held = stored(project)
    assert held == reported
    assert 0 < len(held) < FILES
    assert int(line.group(1)) == int(line.group(2)) == data["files_done"] == len(held)
    assert len(set(held.values())) == 1 and next(iter(held.values()))[0] > 100  # same text + one line each

    again = sq("import", "--project", project, "--workers", "1", many)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == f"{FILES - len(held)} imported, {len(held)} skipped, 0 refused"
    after = stored(project)
    assert len(after) == FILES and set(after.values()) == set(held.values())


def test_a_worker_that_does_not_stop_is_terminated_and_the_import_ends(monkeypatch):
    """A Ctrl-C once left the import waiting for ever on a worker that did not stop (a process
    forked while another thread held a lock can hang): the writer now waits STOP_WAIT_S for the
    running tasks, then terminates what is left. Workers never write to the project."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from sto_qual.services import importing
    monkeypatch.setattr(importing, "STOP_WAIT_S", 0.5)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    running = pool.submit(time.sleep, 60)  # a task that will not end by itself
    deadline = time.monotonic() + 10  # the worker may start late on a busy machine (a CI run found none at 0.3 s)
    while not (running.running() and pool._processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = list(pool._processes.values())
    began = time.monotonic()
    importing._stop(pool)
    assert time.monotonic() - began < 5

    def gone(w) -> bool:  # the pool's own thread may reap it first: then only /proc says it is gone
        return not w.is_alive() or not Path(f"/proc/{w.pid}").exists()
    deadline = time.monotonic() + 5
    while not all(map(gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and all(map(gone, workers))
