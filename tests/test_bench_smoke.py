"""The benchmark suite's quick mode runs in the test suite so it never rots. The project's own
figures and the peer corpus run as two tests, so that two workers share the work; the TUI
figures of bench/run.py come from bench/tui_bench.py, whose quick mode tests/tui/test_tui_bench.py
runs in-process."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

FIGURES = {
    "own": ("import", "bulk codings import", "counts", "crosstab", "quotes", "report .docx", ".qdpx export",
            "CLI start-up", "apply one coding", "peer-shaped corpus"),
    "peer": ("peer: import", "single process", "coded segments with text", "co-occurrence", "survey: import",
             "words per second (baseline: long transcripts)"),
}


@pytest.mark.parametrize("corpus", sorted(FIGURES))
def test_bench_quick_mode_produces_every_figure(tmp_path, corpus):
    out = tmp_path / "bench.json"
    r = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--corpus", corpus, "--no-qc",
                        "--skip-tui", "--json", str(out)],
                       capture_output=True, text=True, timeout=900, cwd=REPO)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert all({"figure", "value", "unit", "baseline", "ratio", "target", "pass"} <= set(row) for row in rows)
    names = " ".join(row["figure"] for row in rows)
    for part in FIGURES[corpus]:
        assert part in names, part
    assert "| figure" in r.stdout


def test_synthesis_bench_quick_mode_produces_every_figure(tmp_path, demo_copy):
    out = tmp_path / "synthesis.json"
    # a copy of the session's demo project: no second demo build
    r = subprocess.run([sys.executable, str(REPO / "bench" / "synthesis_quality.py"), "--quick", "--project",
                        str(demo_copy), "--json", str(out)],
                       capture_output=True, text=True, timeout=900, cwd=REPO)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    names = " ".join(row["figure"] for row in json.loads(out.read_text()))
    for part in ("draft every cell and theme", "reference points recovered", "spurious drafted points",
                 "funding-uncertainty facets", "open the Synthesis screen", "open a cell", "summarize at 30"):
        assert part in names, part
