"""The TUI benchmark's quick mode runs (a smoke test: figures are not asserted here)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "tui_bench.py"


def test_tui_bench_quick_writes_its_table(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("tui_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / "tui.json"
    bench.main(["--quick", "--json", str(out), "--workdir", str(tmp_path / "w")])
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert len(figures) == 5
    for f in figures:
        assert set(f) == {"figure", "value", "unit", "baseline", "ratio", "target", "pass"}
        assert f["unit"] == "ms" and f["value"] > 0 and f["baseline"] > 0
    assert "figure" in capsys.readouterr().out
