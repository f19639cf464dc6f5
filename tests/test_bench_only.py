"""``bench/run.py --only import,codings``: just those figures of the peer corpus, with their
baselines measured in the same run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), *args], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=600)


def test_only_codings_measures_just_the_coded_segments_against_the_baseline(tmp_path):
    out = tmp_path / "figures.json"
    r = _run("--quick", "--only", "codings", "--no-qc", "--baseline-src", str(REPO / "src"), "--json", str(out),
             tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    figures = [row["figure"] for row in json.loads(out.read_text())]
    segments = [f for f in figures if "coded segments with text" in f]
    assert segments and all(f.startswith("peer: ") for f in segments)
    timed = next(row for row in json.loads(out.read_text()) if row["figure"] == segments[0])
    assert timed["baseline"] is not None and timed["ratio"] is not None  # the baseline ran in the same run
    assert not [f for f in figures if "import" in f or "survey" in f or "co-occurrence" in f or "qdpx" in f]


def test_only_refuses_an_unknown_figure(tmp_path):
    r = _run("--only", "import,tui", tmp_path=tmp_path)
    assert r.returncode == 2 and "import and/or codings" in r.stderr
