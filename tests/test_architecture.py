"""Import contracts: layers, and which package may import which heavy library."""
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    # the console script of the interpreter running the tests, even when its venv is not on PATH
    beside = Path(sys.executable).with_name("lint-imports")
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    cmd = [exe] if exe else [sys.executable, "-m", "importlinter.cli"]
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: " in r.stdout and " broken" in r.stdout


def test_services_import_loads_no_textual_and_no_spacy():
    code = ("import sys, sto_qual.services; "
            "print('textual' in sys.modules, 'spacy' in sys.modules, 'sklearn' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False False False", r.stderr
