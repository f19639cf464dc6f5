"""The co-occurrence matrix and quote files the commands get from services/cli_support.py."""
from __future__ import annotations

import json

from tests_support import invoke_cli


def _json(args):
    res = invoke_cli(args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cooccurrence_matrix_is_symmetric_and_matches_the_pairs(demo_copy):
    p = str(demo_copy)
    pairs = _json(["cooccurrence", "--project", p, "--rollup", "--format", "json"])
    rows = _json(["cooccurrence", "--project", p, "--rollup", "--matrix", "--format", "json"])
    themes = [r["code"] for r in rows]
    assert themes and all("/" not in t for t in themes)  # --rollup: themes only
    assert all(list(r) == ["code", *themes] for r in rows)
    cell = {(r["code"], k): v for r in rows for k, v in r.items() if k != "code"}
    assert all(cell[a, b] == cell[b, a] for a, b in cell)
    assert pairs and all(cell[x["code_a"], x["code_b"]] == x["units"] for x in pairs)


def test_quotes_to_a_file_hold_what_the_command_prints(demo_copy, tmp_path):
    p = str(demo_copy)
    for fmt in ("md", "csv"):
        printed = invoke_cli(["quotes", "--project", p, "--code", "urgentie", "--format", fmt])
        out = tmp_path / f"q.{fmt}"
        res = invoke_cli(["quotes", "--project", p, "--code", "urgentie", "--format", fmt, "-o", str(out)])
        assert res.exit_code == 0 and res.stdout.startswith(f"Wrote {out}: ")
        assert out.read_text(encoding="utf-8") == printed.stdout
    from docx import Document
    out = tmp_path / "q.docx"
    res = invoke_cli(["quotes", "--project", p, "--code", "urgentie", "--format", "docx", "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = Document(str(out))
    n = int(res.stdout.split(": ")[1].split()[0])
    assert n > 0 and sum(par.style.name == "Quote" for par in doc.paragraphs) == n
    res = invoke_cli(["quotes", "--project", p, "--code", "urgentie", "--format", "docx"])
    assert res.exit_code == 2 and "--format docx needs -o FILE.docx" in res.stderr
