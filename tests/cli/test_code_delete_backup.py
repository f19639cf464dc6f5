"""`code-delete --force` names the backup it makes."""
from __future__ import annotations

import json
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
    assert backup_line == (f"backup before the delete: {backups[0]} (`sto-qual restore {backups[0]}` returns the "
                           "project to before the delete)")
    r = sq("codings", "--project", backups[0], "--code", "urgentie/tijdelijk", "--format", "json")
    assert [c["id"] for c in json.loads(r.stdout)] == [coding["id"]]  # the backup holds what went

