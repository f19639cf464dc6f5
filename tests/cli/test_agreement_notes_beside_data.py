"""`agreement --format json` (or csv) said nothing on stderr: a script comparing two interviews
of which only one was double-coded learnt it from `"documents": 1` alone, and lost the notes the
table gives (the uncertain alphas, a theme against its sub-codes), where `stats` keeps its
"counting:" line and notes on stderr whatever the format."""
from __future__ import annotations

import csv
import io
import json

from cli_runner import sq


def test_json_and_csv_keep_the_scope_and_notes_on_stderr(demo_copy):
    table = sq("agreement", "--where", "doc=R02,R03", "--project", demo_copy)
    scope = next(x for x in table.stdout.splitlines() if " both coded (R02)" in x)
    for fmt in ("json", "csv"):
        got = sq("agreement", "--where", "doc=R02,R03", "--format", fmt, "--project", demo_copy)
        assert got.returncode == 0, got.stderr
        rows = json.loads(got.stdout) if fmt == "json" else list(csv.DictReader(io.StringIO(got.stdout)))
        assert rows and all(str(r["documents"]) == "1" for r in rows)  # the data stay data
        said = got.stderr.splitlines()
        assert said[0] == scope, said
        assert any(x.startswith("note: an alpha over fewer than 10 sentences") for x in said)
        assert any(x.startswith("note: each code is compared on its own") for x in said)
        assert scope not in got.stdout
