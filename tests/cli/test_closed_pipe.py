"""A script reading the first lines of an output and closing the pipe (`| head -1`): `codings
--format json` ended with exit 1 and nothing said, where the table and CSV end with 0, so a
script under `set -o pipefail` stopped on it without a reason; `summary show`, `codebook` and
`agreement` did so now and then, and the notes on stderr (the names a file holds) were lost. Run
as a real process: only a real pipe closes under it."""
from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [("codings", "--format", "json"), ("codings", "--format", "csv"),
                                  ("summary", "show", "--theme", "urgentie"), ("codebook", "--definitions"),
                                  ("agreement",)])
def test_a_reader_that_stops_early_ends_the_command_quietly_with_its_notes(demo_copy, args):
    proc = subprocess.Popen([sys.executable, "-m", "sto_qual", *args, "--project", str(demo_copy)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10)  # the first bytes, as `head -c 10` reads them
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert "Traceback" not in err and "error" not in err and "Exception ignored" not in err, err
    if args[0] == "codings":  # its note on the names it prints is said all the same
        assert "hold names the pseudonym list replaces" in err, err
