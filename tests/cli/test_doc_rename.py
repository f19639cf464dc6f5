"""A document renamed (an interview named after its file, "Interview Waalvliet - Jan"): every command
finds it by the new name, its speakers keep their roles, an agreed coding keeps holding it, and a
name that cannot work is refused with the project left as it was."""
from __future__ import annotations

import json

from cli_runner import sq
from fixtures.import_invariants import project_checksum


def _json(*args):
    res = sq(*args, "--format", "json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_a_renamed_document_is_found_by_its_new_name_with_its_roles_and_codings(demo_copy):
    p = str(demo_copy)
    roles = [r for r in _json("role", "-p", p) if r["doc"] == "R01"]
    codings = len(_json("codings", "-p", p, "--doc", "R01"))
    res = sq("doc-rename", "r01", "Waalvliet eiland", "-p", p)
    assert res.returncode == 0 and res.stdout.strip() == "renamed document R01 to Waalvliet eiland", res.stdout
    assert "`sto-qual doc-rename 'Waalvliet eiland' R01 --project" in res.stderr, res.stderr
    assert [d["name"] for d in _json("docs", "-p", p)][:2] == ["Waalvliet eiland", "R02"]
    assert len(_json("codings", "-p", p, "--doc", "Waalvliet eiland")) == codings > 0
    assert [(r["label"], r["role"]) for r in _json("role", "-p", p) if r["doc"] == "Waalvliet eiland"] == \
        [(r["label"], r["role"]) for r in roles] != []
    assert sq("show", "R01", "-p", p).returncode == 1  # the old name is gone
    assert {r["documents_total"] for r in _json("stats", "--where", "doc=Waalvliet eiland", "-p", p)} == {1}


def test_a_name_that_cannot_work_is_refused_and_nothing_changes(demo_copy):
    p = str(demo_copy)
    before = project_checksum(demo_copy)
    for new, said in (("R04,R05", "has a comma"), ("12", "is a number"), ("r02", "another document is named R02"),
                      ("  ", "the new document name is empty"), ("R01", "is named R01 already"),
                      ("R\u202e01", "bidirectional control")):
        res = sq("doc-rename", "R01", new, "-p", p)
        assert res.returncode == 1 and said in res.stderr and res.stderr.count("\n") == 1, (new, res.stderr)
    assert sq("doc-rename", "R99", "X", "-p", p).returncode == 1
    assert project_checksum(demo_copy) == before


def test_an_agreed_coding_keeps_the_interview_it_holds_under_its_new_name(demo_copy):
    p = str(demo_copy)
    assert sq("agreed", "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "-p", p).returncode == 0
    places = _json("differences", "consensus", "-p", p)
    assert sq("doc-rename", "R02", "Dinxbroek", "-p", p).returncode == 0
    now = _json("differences", "consensus", "-p", p)
    assert [d["doc"] for d in now] == [("Dinxbroek" if d["doc"] == "R02" else d["doc"]) for d in places]
    res = sq("agreed", "consensus", "--add", "-p", p)  # it holds Dinxbroek: nothing to take in
    assert res.returncode == 1 and "coded no interview since consensus was started that it does not hold" in res.stderr
