"""A report, an export or a backup that runs out of room: one line saying which file could not
be written, exit 1, no traceback (not even from a library's half-closed writer), and nothing
left behind, neither a half file nor a temporary one. The disk is "full" for a real process
through its file-size limit (RLIMIT_FSIZE): every file it writes stops at 40 kB, below each
of these outputs and above what reading the project needs."""
from __future__ import annotations

import subprocess
import sys

import pytest

RUN_WITH_A_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
from sto_qual.cli import main
sys.argv = ["sto-qual", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("command, output", [
    ("report", "hoofdstuk.docx"),
    ("export", "codings.xlsx"),
    ("export", "codings.csv"),
    ("export", "project.qdpx"),
    ("backup", "kopie.db"),
])
def test_an_output_that_does_not_fit_is_one_line_and_leaves_nothing(demo_copy, tmp_path, command, output):
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run([sys.executable, "-c", RUN_WITH_A_FULL_DISK, command, "--project", str(demo_copy),
                           "-o", str(out / output)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write") and output in lines[0], done.stderr
    assert list(out.iterdir()) == []  # no half file, no temporary file
