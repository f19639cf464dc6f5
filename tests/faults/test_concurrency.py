"""Several coders (processes) writing to one project at once: afterwards the codings are
exactly what the processes reported, the audit log agrees, and nobody saw 'database is locked'."""
import json
import subprocess
import sys
from pathlib import Path

from sto_qual.services import Workspace

REPO = Path(__file__).resolve().parents[2]
WORKER = REPO / "tests" / "workers" / "concurrent_worker.py"


def test_six_coders_at_once(tmp_path):
    project = tmp_path / "team.db"
    ws = Workspace.create(project)
    assert ws.import_files([REPO / "transcripts" / "R03.txt", REPO / "transcripts" / "R08.txt"]).ok
    ws.close()
    procs = [subprocess.Popen([sys.executable, str(WORKER), str(project), f"coder-{i}", "4", str(i)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for i in range(6)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert all(r["errors"] == [] for r in results), [r["errors"][:2] for r in results]
    ws = Workspace.open(project)
    stored = {c.id: c.coder for c in ws.codings()}
    expected = {i: r["coder"] for r in results for i in r["kept"]}
    assert stored == expected
    assert sum(len(r["kept"]) + len(r["removed"]) for r in results) > 60  # they really worked in parallel
    log = ws.session.audit_log()
    for r in results:
        adds = sum(1 for a in log if a["coder"] == r["coder"] and a["entity"] == "coding" and a["action"] == "add")
        rems = sum(1 for a in log if a["coder"] == r["coder"] and a["entity"] == "coding" and a["action"] == "remove")
        assert adds == len(r["kept"]) + len(r["removed"]) and rems == len(r["removed"])
    assert ws.session.integrity_ok()
    ws.close()
