"""`code-delete --force` names the backup it makes; `undo` of a coding that went with the
deleted code says so and points at that backup instead of blaming another coder; `undo` for
a coder the project does not have says so."""
from __future__ import annotations

import json
from pathlib import Path

from cli_runner import sq


def _coded_then_deleted(project):
    assert sq("code-add", "--project", project, "urgentie/tijdelijk").returncode == 0
    r = sq("code", "--project", project, "--doc", "R01", "--code", "urgentie/tijdelijk", "--sentence", "3",
           "--format", "json")
    assert r.returncode == 0, r.stderr
    coding = json.loads(r.stdout)
    return coding, sq("code-delete", "--project", project, "urgentie/tijdelijk", "--force")


def test_code_delete_names_its_backup_and_counts_in_words(demo_copy):
    """It said "Deleted tijdelijk and 1 coding(s)" and made a backup it did not name."""
    coding, r = _coded_then_deleted(demo_copy)
    assert r.returncode == 0, r.stderr
    deleted, backup_line = r.stdout.strip().splitlines()
    assert deleted == "Deleted urgentie/tijdelijk and 1 coding"
    backups = [p for p in demo_copy.parent.iterdir() if ".pre-delete-" in p.name]
    assert len(backups) == 1
    assert backup_line == (f"backup before the delete: {backups[0]} (`sto-qual restore -p {demo_copy} {backups[0]}` returns the "
                           "project to before the delete)")
    r = sq("codings", "--project", backups[0], "--code", "urgentie/tijdelijk", "--format", "json")
    assert [c["id"] for c in json.loads(r.stdout)] == [coding["id"]]  # the backup holds what went


def test_undo_of_a_coding_that_went_with_its_code_names_the_deletion_and_the_backup(demo_copy):
    """`undo` right after `code-delete X --force` said "coding #32 was removed since (by another
    coder or window)", though the coder deleted the code herself."""
    coding, r = _coded_then_deleted(demo_copy)
    backup = r.stdout.split("backup before the delete: ")[1].split(" ")[0]
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == (
        f"error: coding #{coding['id']} went with its code ‘urgentie/tijdelijk’, deleted since (code-delete); nothing "
        f"was changed: a code deletion is undone by `sto-qual restore -p {demo_copy} {backup}`, the backup made before it (this "
        "step was dropped from your undo history)")
    assert "another coder" not in r.stderr
    # a backup no longer there is not named: what to look for is
    coding, r = _coded_then_deleted(demo_copy)
    for p in demo_copy.parent.iterdir():
        if ".pre-delete-" in p.name:
            Path(p).unlink()
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.returncode == 1 and f"by `sto-qual restore --project {demo_copy}` from the backup made before it " \
        "(NAME.pre-delete-….db)" in \
        r.stderr, r.stderr


def test_undo_of_a_star_or_memo_on_a_coding_code_delete_took_says_so_too(demo_copy):
    """After a star and a memo on the coding, each undo said "coding #743 was removed since"
    before the one step that named the code deletion and its backup."""
    assert sq("code-add", "--project", demo_copy, "urgentie/tijdelijk").returncode == 0
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie/tijdelijk", "--sentence", "3",
           "--format", "json")
    coding = json.loads(r.stdout)
    who = ("--coder", coding["coder"])
    assert sq("star", "--project", demo_copy, str(coding["id"]), *who).returncode == 0
    assert sq("memo", "--project", demo_copy, str(coding["id"]), "tijdelijk", *who).returncode == 0
    assert sq("code-delete", "--project", demo_copy, "urgentie/tijdelijk", "--force").returncode == 0
    # the memo refused, naming the deletion and its backup; the star and the coding itself, on the
    # same coding, go with it (each had been refused on a press of its own)
    r = sq("undo", "--project", demo_copy, *who)
    assert r.returncode == 1 and f"coding #{coding['id']} went with its code ‘urgentie/tijdelijk’" in r.stderr, \
        r.stderr
    assert "`sto-qual restore " in r.stderr and "with the 2 steps before it on the same coding" in r.stderr
    assert "nothing to undo" in sq("undo", "--project", demo_copy, *who).stderr


def test_undo_for_a_coder_the_project_does_not_have_says_so_with_the_close_name(demo_copy):
    """`undo --coder eav` said "nothing to undo for coder eav", where `code --coder` names the
    coder a typo likely means."""
    r = sq("undo", "--project", demo_copy, "--coder", "onderzoekr-b")
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: nothing to undo for coder onderzoekr-b: no coder of that name in this project (did you mean "
        "onderzoeker-b? then give --coder onderzoeker-b)")
    r = sq("redo", "--project", demo_copy, "--coder", "zzz")
    assert r.stderr.strip() == "error: nothing to redo for coder zzz: no coder of that name in this project yet"
    # a coder with codings and no steps (imported, or brought by a merge: her `undo` said only "nothing to undo")
    r = sq("undo", "--project", demo_copy, "--coder", "onderzoeker-b")
    assert r.stderr.strip() == (
        "error: nothing to undo for coder onderzoeker-b (an import or a merge brings codings, not the steps that made "
        f"them: `sto-qual uncode ID --coder onderzoeker-b --project {demo_copy}` removes one)"), r.stderr
    assert sq("redo", "--project", demo_copy, "--coder", "onderzoeker-b").stderr.strip() == \
        "error: nothing to redo for coder onderzoeker-b"
