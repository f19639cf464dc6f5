"""Messy transcripts a tester fed the installed command: each is read as meant, refused with one
line naming the file (and line) and what to do, the project then unchanged, or imported with a
warning that says what to check. All data fictional."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_runner import sq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from import_invariants import project_checksum  # noqa: E402


@pytest.fixture
def project(tmp_path) -> Path:
    p = tmp_path / "p.db"
    assert sq("init", "-p", p).returncode == 0
    return p


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _turns(project: Path, doc: str) -> list[dict]:
    proc = sq("show", "-p", project, doc, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _refused(project: Path, *args, fragment: str) -> str:
    """Import refused: exit 1, one `refused` line naming the file and ``fragment``, project unchanged."""
    before = project_checksum(project)
    proc = sq("import", "-p", project, *args)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr.replace("ImportRefused", "")
    said = [line for line in (proc.stdout + proc.stderr).splitlines() if fragment in line]
    assert said, (proc.stdout, proc.stderr)
    assert project_checksum(project) == before
    return said[0]


def test_a_label_written_with_non_breaking_spaces_is_the_same_label(project, tmp_path):
    f = _write(tmp_path / "R31.txt", "Interviewer: Hoe gaat het met het techlab?\n\n"
               "Daan\u00a0de\u00a0Vries: Goed, het techlab draait.\n\nInterviewer: Fijn om te horen.\n\n"
               "Daan de Vries: Ja, de leerlingen komen\u00a0graag.\n")
    proc = sq("import", "-p", project, f)
    assert proc.returncode == 0, proc.stderr
    assert "not read as one" not in proc.stderr
    turns = _turns(project, "R31")
    assert [t["speaker"] for t in turns] == ["Interviewer", "Daan de Vries", "Interviewer", "Daan de Vries"]
    assert turns[1]["text"] == "Goed, het techlab draait."
    assert turns[3]["text"] == "Ja, de leerlingen komen\u00a0graag."  # the words keep theirs
