"""The benchmark suite's quick mode runs in the test suite so it never rots. The project's own
figures and the peer corpus run as two tests, so that two workers share the work; the TUI
figures of bench/run.py come from bench/tui_bench.py, whose quick mode tests/tui/test_tui_bench.py
runs in-process. The benchmarks' ``main`` runs in the test's process too (their quick modes run
the timed commands in-process as well; the CLI start-up figure still starts ``sto-qual``)."""
import importlib.util
import json
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


def bench_main(script: str, argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """``python bench/SCRIPT ARGV`` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the bench's sys.path additions end with the test
    monkeypatch.chdir(REPO)
    spec = importlib.util.spec_from_file_location(f"bench_{Path(script).stem}", REPO / "bench" / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("corpus", sorted(FIGURES))
def test_bench_quick_mode_produces_every_figure(tmp_path, corpus, monkeypatch, capsys):
    out = tmp_path / "bench.json"
    code, stdout, stderr = bench_main("run.py", ["--quick", "--corpus", corpus, "--no-qc", "--skip-tui", "--json",
                                                 str(out)], monkeypatch, capsys)
    assert code == 0, stdout[-3000:] + stderr[-3000:]
    rows = json.loads(out.read_text())
    assert all({"figure", "value", "unit", "baseline", "ratio", "target", "pass"} <= set(row) for row in rows)
    names = " ".join(row["figure"] for row in rows)
    for part in FIGURES[corpus]:
        assert part in names, part
    assert "| figure" in stdout


def test_synthesis_bench_quick_mode_produces_every_figure(tmp_path, demo_copy, monkeypatch, capsys):
    out = tmp_path / "synthesis.json"
    # a copy of the session's demo project: no second demo build
    code, stdout, stderr = bench_main("synthesis_quality.py", ["--quick", "--project", str(demo_copy), "--json",
                                                               str(out)], monkeypatch, capsys)
    assert code == 0, stdout[-3000:] + stderr[-3000:]
    names = " ".join(row["figure"] for row in json.loads(out.read_text()))
    for part in ("draft every cell and theme", "reference points recovered", "spurious drafted points",
                 "funding-uncertainty facets", "open the Synthesis screen", "open a cell", "summarize at 30"):
        assert part in names, part


def test_palette_bench_measures_the_codebooks_colours_as_a_colour_blind_coder_sees_them(tmp_path, monkeypatch,
                                                                                          capsys):
    """The STO codebook's colours stay apart for a coder who sees red and green alike: its red and green
    themes' sub-codes were 6.4 apart (CIELAB) under deuteranopia, 2.3 under protanopia."""
    out = tmp_path / "p.json"
    code, stdout, _ = bench_main("palette_cvd.py", ["--json", str(out)], monkeypatch, capsys)
    assert code == 0 and stdout.splitlines()[0].split()[:4] == ["view", "themes", "across", "codes"]
    views = json.loads(out.read_text(encoding="utf-8"))["views"]
    assert set(views) == {"normal", "deuteranopia", "protanopia"} and views["normal"]["pairs"] == 276
    assert views["deuteranopia"]["across_themes_closest"] >= 8 and views["protanopia"]["across_themes_closest"] >= 6
    assert views["deuteranopia"]["pairs_under_10"] <= 4
