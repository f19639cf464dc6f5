"""A command a message suggests runs as printed, from any folder: it carries the --project and
--coder the user gave (services write hints without knowing how the command line was called)."""
from __future__ import annotations

import json
import re
import shlex

from cli_runner import sq

from sto_qual.cli.hints import completed, given


def test_a_suggested_uncode_takes_back_the_coding_of_the_coder_and_project_given(demo_copy, tmp_path, monkeypatch):
    """`code --project P --coder anne` on the interviewer's words said "`sto-qual uncode --id 743`
    takes this back"; typed as printed, it looked for sto-qual.db in the current folder (and with
    a project there, would have removed another coding as the default coder)."""
    monkeypatch.chdir(tmp_path)
    r = sq("code", "--project", demo_copy, "--coder", "anne", "--doc", "R01", "--code", "urgentie", "--sentence", "1")
    assert r.returncode == 0, r.stderr
    command = re.search(r"\(`(sto-qual uncode [^`]*)` takes this back\)", r.stderr).group(1)
    assert f"--project {demo_copy}" in command and "--coder anne" in command, command
    undone = sq(*shlex.split(command)[1:])
    assert undone.returncode == 0, undone.stderr
    assert json.loads(sq("codings", "--project", demo_copy, "--coder", "anne", "--format", "json").stdout) == []


def test_only_what_was_given_and_not_yet_in_the_command_is_added():
    values = given(["stats", "-p", "/s/studie.db", "--coder=anne"])
    assert values == {"project": "/s/studie.db", "coder": "anne", "command": "stats"}
    takes_project = lambda command, rest, option: option == "project"  # noqa: E731
    text = "see `sto-qual pseudonyms add 'Jan' x` and `sto-qual info --project other.db`; sto-qual stats alone"
    assert completed(text, values, takes_project) == (
        "see `sto-qual pseudonyms add 'Jan' x --project /s/studie.db` and `sto-qual info --project other.db`; "
        "sto-qual stats alone")
    assert given(["report", "--", "--project", "x"]) == {"command": "report"}
    # a suggestion of the command run keeps its -o; another command's does not take it
    ran = given(["report", "--where", "doc=R01,R02", "-o", "deel.docx", "-p", "s.db"])
    takes = lambda command, rest, option: True  # noqa: E731
    assert completed("`sto-qual report --where doc=R01,R02 --attribution role-region`", ran, takes) == (
        "`sto-qual report --where doc=R01,R02 --attribution role-region -o deel.docx --project s.db`")
    assert completed("`sto-qual export -o x.xlsx`", ran, takes) == "`sto-qual export -o x.xlsx --project s.db`"
    assert completed("`sto-qual undo`", {"project": "/a b/c.db"}, takes_project) == "`sto-qual undo --project '/a b/c.db'`"


def test_a_coder_name_with_a_space_is_quoted_in_the_command_printed(demo_copy):
    """`memo 3 x --coder "anna b"` printed "`sto-qual undo --coder anna b --project …`": typed as
    printed, "Got unexpected extra argument (b)"."""
    theirs = json.loads(sq("codings", "--project", demo_copy, "--coder", "onderzoeker-a", "--format", "json").stdout)[0]
    r = sq("memo", str(theirs["id"]), "Zie R03.", "--coder", "anna b", "--project", demo_copy)
    assert r.returncode == 0, r.stderr
    command = re.search(r"\(`(sto-qual undo [^`]*)` takes it back\)", r.stderr).group(1)
    assert "--coder 'anna b'" in command, command
    undone = sq(*shlex.split(command)[1:])
    assert undone.returncode == 0 and undone.stdout.startswith("undone: memo"), (undone.stdout, undone.stderr)


def test_an_agreed_coding_named_with_a_space_is_quoted_in_the_commands_printed(demo_copy):
    """After `agreed "con sensus" …` the report printed "`sto-qual differences con sensus --open …`":
    as printed, "'con' is not an agreed coding"."""
    assert sq("agreed", "con sensus", "--from", "onderzoeker-a", "onderzoeker-b", "--project", demo_copy).returncode == 0
    r = sq("differences", "con sensus", "--discussed", "--project", demo_copy)
    command = re.search(r"`(sto-qual differences [^`]*)` lists them", r.stderr).group(1)
    assert "differences 'con sensus'" in command, command
    listed = sq(*shlex.split(command)[1:])
    assert listed.returncode == 0 and listed.stdout.strip(), listed.stderr


def test_the_internal_draft_a_refused_small_chapter_offers_runs_as_printed(demo_copy, tmp_path, monkeypatch):
    """`report --project rep2.db --where region_type=eiland` offered "sto-qual report --where
    region_type=eiland --attribution role-region", without backquotes and so without the project:
    as printed, "sto-qual.db: no such project"."""
    monkeypatch.chdir(tmp_path)
    refused = sq("report", "--project", demo_copy, "--where", "region_type=eiland")
    assert refused.returncode == 1
    command = re.search(r"`(sto-qual report [^`]*)`", refused.stderr).group(1)
    assert f"--project {demo_copy}" in command, command
    done = sq(*shlex.split(command)[1:])
    assert done.returncode == 0 and "Wrote " in done.stdout, done.stderr
