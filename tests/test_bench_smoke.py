"""The benchmark suite's quick mode runs in the test suite so it never rots."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_bench_quick_mode_produces_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    r = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--corpus", "both", "--no-qc",
                        "--json", str(out)],
                       capture_output=True, text=True, timeout=900, cwd=REPO)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert all({"figure", "value", "unit", "baseline", "ratio", "target", "pass"} <= set(row) for row in rows)
    names = " ".join(row["figure"] for row in rows)
    for part in ("import", "bulk codings import", "counts", "crosstab", "quotes", "report .docx", ".qdpx export",
                 "CLI start-up", "apply one coding", "peer-shaped corpus", "peer: import", "single process",
                 "coded segments with text", "co-occurrence", "survey: import",
                 "words per second (baseline: long transcripts)"):
        assert part in names, part
    assert "| figure" in r.stdout


def test_synthesis_bench_quick_mode_produces_every_figure(tmp_path):
    out = tmp_path / "synthesis.json"
    r = subprocess.run([sys.executable, str(REPO / "bench" / "synthesis_quality.py"), "--quick", "--json", str(out)],
                       capture_output=True, text=True, timeout=900, cwd=REPO)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    names = " ".join(row["figure"] for row in json.loads(out.read_text()))
    for part in ("draft every cell and theme", "reference points recovered", "spurious drafted points",
                 "funding-uncertainty facets", "open the Synthesis screen", "open a cell", "summarize at 30"):
        assert part in names, part
