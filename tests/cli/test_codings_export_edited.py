"""`codings-export -o DIR` over an earlier export: a coder's corrections to an exported file (made
for `codings-import`) were replaced unsaid, and a file of a document whose codings were removed
since stayed there, so importing the folder brought those codings back."""
from __future__ import annotations

import json

from cli_runner import sq


def _ids(project, doc: str, coder: str) -> list[int]:
    return [c["id"] for c in json.loads(sq("codings", "--project", project, "--doc", doc, "--coder", coder,
                                           "--format", "json").stdout)]


# the files quote the transcripts verbatim (a privacy auditor saw school names in them, unsaid)
NAMES = ("note: they quote the transcripts as written, names included (the pseudonym list is not applied: "
         "`codings-import` finds each passage by its words); share them only within the team\n")


def test_an_edited_export_is_kept_until_force_and_a_file_left_from_before_is_said(demo_copy, tmp_path):
    out = tmp_path / "exp"
    first = sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out)
    assert first.returncode == 0 and first.stderr == NAMES, first.stderr
    edited = out / "onderzoeker-a" / "R03.yaml"
    other = out / "onderzoeker-a" / "R05.yaml"
    # exported again unchanged: written as before, nothing said
    again = sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out)
    assert again.returncode == 0 and again.stderr == NAMES, again.stderr
    # her correction to one file: refused on one line, and no file is written (the other one neither)
    mine = edited.read_text(encoding="utf-8").replace("code: urgentie", "code: urgentie  # gecontroleerd", 1)
    edited.write_text(mine, encoding="utf-8")
    other_before = other.read_text(encoding="utf-8")
    other.write_text(other_before.replace("codings:", "codings:  # oud", 1), encoding="utf-8")
    refused = sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out)
    assert refused.returncode == 1, refused.stdout
    line = refused.stderr.strip()
    assert "\n" not in line and str(edited) in line and "changed after it was written" in line, line
    assert "1 more" in line and "nothing was written" in line and "--force" in line, line
    assert edited.read_text(encoding="utf-8") == mine
    assert "# oud" in other.read_text(encoding="utf-8")
    # --force replaces them
    forced = sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "gecontroleerd" not in edited.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == other_before
    # R03's codings removed since: its file stays from the earlier export, and that is said
    for i in _ids(demo_copy, "R03", "onderzoeker-a"):
        assert sq("uncode", "--project", demo_copy, str(i), "--coder", "onderzoeker-a").returncode == 0
    later = sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out)
    assert later.returncode == 0, later.stderr
    assert "1 file of an earlier export is still there" in later.stderr and str(edited) in later.stderr, later.stderr
    assert "bring it back" in later.stderr


def test_the_memos_on_interviews_that_codings_files_do_not_carry_are_said(demo_copy, tmp_path):
    """A data manager's round trip through codings files lost the two memos on interviews, unsaid."""
    before = sq("codings-export", "--project", demo_copy, "-o", tmp_path / "a")
    assert "memo on an interview" not in before.stderr and "memos on interviews" not in before.stderr
    assert sq("doc-memo", "R03", "Sterke rol penvoerder", "--project", demo_copy, "--coder", "anna").returncode == 0
    after = sq("codings-export", "--project", demo_copy, "-o", tmp_path / "b")
    assert "note: 1 memo on an interview or code is not in codings files (a coding's memo is); " \
           f"`sto-qual memos --format json --project {demo_copy}` lists it" in after.stderr, after.stderr
