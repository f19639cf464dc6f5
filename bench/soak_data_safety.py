"""The data-safety fault cases of the soak run (issue 13), used by bench/soak.py.

- "TUI-like holder + CLI beside it, then kill -9": a process holding two stores (as the TUI
  does) codes while `info`, `stats` and `backup` run in other processes; then it is killed.
  Every coding it reported saved must be in the file (and in a backup taken after it).
- "restore under a writer": a coder process writes while `restore` runs; every coding it
  reported saved must be in the project or in the copy restore kept.
- "two coders, reused ids": two coders code, uncode, undo and redo at random on one project;
  nothing one does may change the other's codings.
"""
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOLDER = REPO / "tests" / "workers" / "holder_worker.py"
WORKER = REPO / "tests" / "workers" / "fault_worker.py"


def _ids(path: Path) -> set[int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT id FROM codings")}
    finally:
        con.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sto_qual", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=300)


def holder_beside_cli(work: Path, fresh, docs, trials: int, integrity_ok) -> dict:
    rep = loss = bad = 0
    for t in range(trials):
        rng = random.Random(5000 + t)
        p = fresh(work, "holder", docs)
        proc = subprocess.Popen([sys.executable, str(HOLDER), str(p)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=REPO)
        assert proc.stdout.readline().strip() == "ready"
        saved: list[int] = []
        for step in range(rng.randint(3, 6)):
            _cli(rng.choice(["info", "stats"]), "--project", str(p))
            for _ in range(rng.randint(1, 5)):
                proc.stdin.write("code\n")
                proc.stdin.flush()
                saved.append(int(proc.stdout.readline().split()[1]))
        backup = work / f"holder-backup-{t}.db"
        backup.unlink(missing_ok=True)
        _cli("backup", "--project", str(p), "-o", str(backup))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        bad += not integrity_ok(p)
        rep += len(saved)
        loss += len(set(saved) - _ids(p)) + len(set(saved) - _ids(backup))
    return {"fault": "TUI-like holder + CLI beside it, then kill -9", "trials": trials, "reported_saved": rep,
            "losses": loss, "integrity_failures": bad}


def restore_under_writer(work: Path, fresh, docs, trials: int, integrity_ok) -> dict:
    rep = loss = bad = 0
    for t in range(trials):
        rng = random.Random(6000 + t)
        p = fresh(work, "restore", docs)
        for old in work.glob("restore.pre-restore-*.db"):
            old.unlink()
        backup = work / "restore-backup.db"
        backup.unlink(missing_ok=True)
        _cli("backup", "--project", str(p), "-o", str(backup))
        proc = subprocess.Popen([sys.executable, str(WORKER), "codings", str(p), str(t)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=REPO)
        proc.stdout.readline()
        time.sleep(rng.uniform(0.1, 1.0))
        _cli("restore", "--project", str(p), str(backup), "--yes")
        time.sleep(rng.uniform(0.1, 0.5))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        saved = {int(x.split()[1]) for x in out.splitlines() if x.startswith("saved ")}
        # a restore that ran after the writer stopped keeps the writer's work in its copy
        _cli("restore", "--project", str(p), str(backup), "--yes")
        bad += not integrity_ok(p)
        have = _ids(p)
        for kept in work.glob("restore.pre-restore-*.db"):
            have |= _ids(kept)
        rep += len(saved)
        loss += len(saved - have)
    return {"fault": "restore under a writer", "trials": trials, "reported_saved": rep, "losses": loss,
            "integrity_failures": bad}


def two_coders_reused_ids(work: Path, fresh, docs, trials: int, integrity_ok, steps: int = 150) -> dict:
    from sto_qual.domain.errors import StoQualError
    from sto_qual.services import Workspace
    rep = loss = bad = 0
    for t in range(trials):
        rng = random.Random(7000 + t)
        p = fresh(work, "ids", docs)
        alice, bob = Workspace.open(p), Workspace.open(p)
        ids = [d.id for d in alice.documents()]
        lengths = {d: len(alice.document_text(d)) for d in ids}
        paths = [c.path for c in alice.codebook()]

        def theirs(ws: Workspace, me: str) -> set[tuple]:
            return {(c.id, c.document_id, c.code, c.start, c.end, c.memo, c.starred)
                    for c in ws.codings() if c.coder != me}
        held: dict[str, list[tuple[int, int]]] = {"alice": [], "bob": []}
        for _ in range(steps):
            ws, me = (alice, "alice") if rng.random() < 0.5 else (bob, "bob")
            before = theirs(ws, me)
            op = rng.choice(["code", "code", "uncode", "undo", "redo", "memo"])
            try:
                if op == "code":
                    d = rng.choice(ids)
                    s = rng.randrange(lengths[d] - 60)
                    c = ws.assign_code(d, rng.choice(paths), start=s, end=s + rng.randint(5, 50), coder=me)
                    held[me].append((c.id, d))
                    rep += 1
                elif op == "uncode":
                    mine = [c for c in ws.codings() if c.coder == me]
                    if mine:
                        ws.remove_coding(rng.choice(mine).id, coder=me)
                elif op == "memo":
                    if held[me]:  # an id this coder's window still holds, maybe removed since
                        cid, d = rng.choice(held[me])
                        ws.set_memo(cid, f"memo {me} {rng.random()}", coder=me, document=d)
                else:
                    getattr(ws, op)(me)
            except StoQualError:
                pass
            loss += theirs(ws, me) != before
        alice.close()
        bob.close()
        bad += not integrity_ok(p)
    return {"fault": "two coders, reused ids", "trials": trials, "reported_saved": rep, "losses": loss,
            "integrity_failures": bad}


def rows(work: Path, fresh, docs, trials: int, integrity_ok) -> list[dict]:
    return [holder_beside_cli(work, fresh, docs, trials, integrity_ok),
            restore_under_writer(work, fresh, docs, trials, integrity_ok),
            two_coders_reused_ids(work, fresh, docs, trials, integrity_ok)]
