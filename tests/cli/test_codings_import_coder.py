"""`codings-import --coder C` puts the file's codings under C, whatever coder the file names: a
second coder cleaning up after a misspelt name imported `coder: sanen` files with --coder sanne
and got "0 added, 1 already present" (they went back to sanen)."""
from __future__ import annotations

import json

from cli_runner import sq


def test_a_given_coder_wins_over_the_files(demo_copy, tmp_path):
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "30", "--coder", "sanen")
    out = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "sanen", "-o", out).returncode == 0
    r = sq("codings-import", "--project", demo_copy, out / "sanen" / "R03.yaml", "--coder", "sanne")
    assert r.returncode == 0 and r.stdout.strip().endswith("R03.yaml: 1 added, 0 already present"), r.stdout
    coders = {c["coder"] for c in json.loads(sq("codings", "--project", demo_copy, "--doc", "R03", "--code",
                                                  "urgentie", "--format", "json").stdout)}
    assert {"sanen", "sanne"} <= coders
    # without --coder the file's coder, as before
    again = sq("codings-import", "--project", demo_copy, out / "sanen" / "R03.yaml")
    assert again.stdout.strip().endswith("1 already present"), again.stdout
