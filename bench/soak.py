"""Soak test: the fault tests of the suite, with many more trials and more load.

    python bench/soak.py [--trials N] [--coders K] [--seconds S] [--json FILE]

For each fault it starts a worker process (tests/workers/fault_worker.py) that prints a
line for every unit of work the tool reported as saved, kills it with SIGKILL at a
seeded random moment, then checks that the project opens, passes PRAGMA integrity_check,
and still holds everything that was reported saved (losses must be 0). Then K coder
processes write to one project for S seconds and the result is compared with what they
reported. Prints a table and writes JSON.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORKER = REPO / "tests" / "workers" / "fault_worker.py"
CONCURRENT = REPO / "tests" / "workers" / "concurrent_worker.py"


def kill_run(args: list[str], seed: int, max_wait: float) -> list[str]:
    rng = random.Random(seed)
    proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=REPO)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    time.sleep(rng.uniform(0.02, max_wait))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    lines = [first.strip(), *[x.strip() for x in out.splitlines()]]
    return [x.split(" ", 1)[1] for x in lines if x.startswith("saved ")]


def integrity_ok(path: Path) -> bool:
    con = sqlite3.connect(path)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok" and not con.execute(
        "PRAGMA foreign_key_check").fetchall()
    con.close()
    return ok


def fresh_project(work: Path, name: str, docs: list[Path]) -> Path:
    from sto_qual.services import Workspace
    p = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(p) + suffix).unlink(missing_ok=True)
    ws = Workspace.create(p)
    if docs:
        assert ws.import_files(docs).ok
    ws.close()
    return p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=30)
    ap.add_argument("--coders", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--data-safety-only", action="store_true",
                    help="only the data-safety cases (holder beside the CLI, restore, reused ids)")
    args = ap.parse_args(argv)
    from sto_qual.services import Workspace
    work = Path(tempfile.mkdtemp(prefix="sto-soak-"))
    transcripts = sorted((REPO / "transcripts").glob("*.txt"))
    rows = []

    def row(fault, trials, reported, losses, bad):
        rows.append({"fault": fault, "trials": trials, "reported_saved": reported, "losses": losses,
                     "integrity_failures": bad})

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import soak_data_safety
    if args.data_safety_only:
        rows += soak_data_safety.rows(work, fresh_project, transcripts[:2], args.trials, integrity_ok)
        return _report(rows, args.json)

    # codings
    rep = loss = bad = 0
    for t in range(args.trials):
        p = fresh_project(work, "codings", transcripts[:3])
        saved = kill_run(["codings", str(p), str(t)], seed=t, max_wait=2.0)
        bad += not integrity_ok(p)
        ws = Workspace.open(p)
        have = {c.id for c in ws.codings()}
        ws.close()
        rep += len(saved)
        loss += len({int(x) for x in saved} - have)
    row("kill -9 during a batch of codings", args.trials, rep, loss, bad)
    # import
    rep = loss = bad = 0
    for t in range(args.trials):
        p = fresh_project(work, "import", [])
        saved = kill_run(["import", str(p), str(t), str(REPO / "transcripts")], seed=1000 + t, max_wait=12.0)
        bad += not integrity_ok(p)
        con = sqlite3.connect(p)
        names = {r[0] for r in con.execute("SELECT name FROM documents")}
        half = con.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM units u WHERE "
                           "u.document_id = d.id)").fetchone()[0]
        con.close()
        rep += len(saved)
        loss += len(set(saved) - names) + half
    row("kill -9 during a large import", args.trials, rep, loss, bad)
    # merge
    rep = loss = bad = 0
    for t in range(max(3, args.trials // 3)):
        p = fresh_project(work, "merge", transcripts[:2])
        ws = Workspace.open(p)
        doc = ws.documents()[0].id
        for i, c in enumerate(c for c in ws.codebook() if c.parent):
            ws.assign_code(doc, c.path, start=i * 10, end=i * 10 + 8)
        total = ws.info()["codings"]
        ws.close()
        saved = kill_run(["merge", str(p), "0"], seed=2000 + t, max_wait=1.0)
        bad += not integrity_ok(p)
        ws = Workspace.open(p)
        paths = {c.path for c in ws.codebook()}
        loss += (total - ws.info()["codings"]) + len(set(saved) & paths)
        ws.close()
        rep += len(saved)
    row("kill -9 during codebook merges", max(3, args.trials // 3), rep, loss, bad)
    # export
    rep = loss = bad = 0
    p = fresh_project(work, "export", transcripts[:3])
    for t in range(max(3, args.trials // 3)):
        out = work / f"export-{t}.docx"
        saved = kill_run(["export", str(p), "0", str(out)], seed=3000 + t, max_wait=10.0)
        rep += len(saved)
        if out.exists():
            try:
                import docx
                docx.Document(str(out))
            except Exception:
                loss += 1
        bad += not integrity_ok(p)
    row("kill -9 during an export", max(3, args.trials // 3), rep, loss, bad)
    # migration
    bad = loss = 0
    for t in range(max(3, args.trials // 3)):
        p = fresh_project(work, "migrate", transcripts[:1])
        kill_run(["migrate", str(p)], seed=4000 + t, max_wait=0.5)
        bad += not integrity_ok(p)
        con = sqlite3.connect(p)
        loss += con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'backfill'").fetchone()[0]
        con.close()
    row("kill -9 during a migration", max(3, args.trials // 3), 0, loss, bad)
    # concurrency
    p = fresh_project(work, "team", transcripts[:4])
    procs = [subprocess.Popen([sys.executable, str(CONCURRENT), str(p), f"coder-{i}", str(args.seconds), str(i)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for i in range(args.coders)]
    results, failed = [], 0
    for proc in procs:
        out, err = proc.communicate(timeout=args.seconds + 120)
        failed += proc.returncode != 0 or "locked" in err
        if proc.returncode == 0:
            results.append(json.loads(out.strip().splitlines()[-1]))
    ws = Workspace.open(p)
    stored = {c.id for c in ws.codings()}
    expected = {i for r in results for i in r["kept"]}
    ops = sum(len(r["kept"]) + 2 * len(r["removed"]) for r in results)
    errors = sum(len(r["errors"]) for r in results)
    ws.close()
    row(f"{args.coders} coders writing for {args.seconds:.0f} s", args.coders, ops,
        len(expected ^ stored) + failed + errors, int(not integrity_ok(p)))
    rows += soak_data_safety.rows(work, fresh_project, transcripts[:2], max(3, args.trials // 3), integrity_ok)
    return _report(rows, args.json)


def _report(rows: list[dict], json_path: Path | None) -> int:
    cols = ["fault", "trials", "reported_saved", "losses", "integrity_failures"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    if json_path:
        json_path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 1 if any(r["losses"] or r["integrity_failures"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
