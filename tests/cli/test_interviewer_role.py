"""A speaker labelled `Interviewer:` or `I:` is the interviewer without a role map: the role is
stored at import (`show` lists it) and everything that treats interviewer turns specially
(here: suggestions) does so; a role map or `sto-qual role` still decides."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_runner import sq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from import_invariants import run_cli  # noqa: E402

T01 = """---
region: R90
---
Interviewer: Wat vindt u van de samenwerking met het mbo in de regio?

Anna: De samenwerking met het mbo is goed, we spreken elkaar elke maand over de stages.

Interviewer: En hoe zit het met het tekort aan technische docenten?

Anna: Het tekort aan technische docenten is echt waar het nu knelt, we vinden niemand.
"""
T02 = """I: Hoe begon het project in uw regio?
R: Het project begon met een gesprek tussen de scholen en de bedrijven in de regio.
I: En wat was lastig bij het tekort aan docenten?
R: Het tekort aan docenten maakte het lastig om alle lessen te geven die we wilden.
"""
T03 = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer 2>Wat doet de regio aan het tekort aan technische docenten?

00:00:05.000 --> 00:00:09.000
<v Bram>We leiden zij-instromers op, want het tekort aan technische docenten is groot.
"""


@pytest.fixture
def files(tmp_path) -> list[Path]:
    out = []
    for name, text in (("T01.md", T01), ("T02.txt", T02), ("T03.vtt", T03)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out.append(tmp_path / name)
    return out


def _roles(project, doc) -> list[tuple[str, str | None]]:
    code, out, err = run_cli("show", "-p", project, "--doc", doc, "--format", "json")
    assert code == 0, err
    return [(t["speaker"], t["role"]) for t in json.loads(out)]


def _import(tmp_path, *args) -> Path:
    p = tmp_path / "p.db"
    assert run_cli("init", "-p", p)[0] == 0
    code, out, err = run_cli("import", "-p", p, *args)
    assert code == 0, err
    return p


def test_interviewer_labels_get_the_interviewer_role_at_import(tmp_path, files):
    p = _import(tmp_path, *files)
    assert _roles(p, "T01") == [("Interviewer", "interviewer"), ("Anna", None)] * 2
    assert _roles(p, "T02") == [("I", "interviewer"), ("R", None)] * 2
    assert _roles(p, "T03") == [("Interviewer 2", "interviewer"), ("Bram", None)]
    # suggestions skip the interviewer's questions and say so
    code, out, err = run_cli("suggest", "-p", p, "--doc", "T01")
    assert code == 0, err
    assert "interviewer questions skipped (2 sentences" in out
    code, out, err = run_cli("suggestions", "-p", p, "--format", "json")
    assert code == 0, err
    texts = [s["text"] for s in json.loads(out)]
    assert texts and not any(t.startswith(("Wat vindt u", "En hoe zit")) for t in texts)


def test_a_role_map_or_the_role_command_still_decides(tmp_path, files):
    roles = tmp_path / "roles.csv"
    roles.write_text("file,speaker,role\nT01.md,Interviewer,penvoerder\n,I,respondent\n", encoding="utf-8")
    p = _import(tmp_path, *files, "--role-map", roles)
    assert _roles(p, "T01")[0] == ("Interviewer", "penvoerder")  # the map's row for this file
    assert _roles(p, "T02")[0] == ("I", "respondent")             # the map's row for every file
    assert _roles(p, "T03")[0] == ("Interviewer 2", "interviewer")  # not in the map: the default
    # after import: `sto-qual role` replaces the default, for every document or for one
    assert run_cli("role", "-p", p, "Interviewer 2", "bestuurder")[0] == 0
    assert _roles(p, "T03")[0] == ("Interviewer 2", "bestuurder")
    assert run_cli("role", "-p", p, "--doc", "T02", "I", "directeur")[0] == 0
    assert _roles(p, "T02")[2] == ("I", "directeur")


def test_a_later_import_keeps_a_role_given_before(tmp_path, files):
    p = _import(tmp_path, files[0])
    assert run_cli("role", "-p", p, "Interviewer", "stuurgroeplid")[0] == 0
    (tmp_path / "T04.txt").write_text(T01.replace("Anna", "Kees").replace("mbo", "hbo"), encoding="utf-8")
    assert run_cli("import", "-p", p, tmp_path / "T04.txt")[0] == 0
    assert _roles(p, "T04")[0] == ("Interviewer", "stuurgroeplid")
    assert _roles(p, "T01")[0] == ("Interviewer", "stuurgroeplid")


def test_role_map_rows_that_name_no_speaker_are_said(tmp_path):
    """A role map naming "Dr. A. de Vries" (whom the transcript does not read as a speaker) or a
    file not imported matched nothing, unsaid: her answers stayed in the interviewer's turn."""
    project = tmp_path / "p.db"
    assert sq("init", project).returncode == 0
    f = tmp_path / "P01.txt"
    f.write_text("---\nregion: R90\n---\nInterviewer: Welkom.\n\nJan: Goedemiddag allemaal.\n\nPiet: Ik ben directeur.\n",
                 encoding="utf-8")
    roles = tmp_path / "roles.csv"
    roles.write_text("file,speaker,role\n,Jan,bestuurder\n,Dr. A. de Vries,directeur\nP99.txt,Piet,directeur\n"
                     "P01.txt,Piet,directeur\n", encoding="utf-8")
    r = sq("import", "-p", project, f, "--role-map", roles)
    assert r.returncode == 0, r.stderr
    assert (f"warning   {roles}: 2 rows name no speaker of the interviews: Dr. A. de Vries, Piet (P99: no interview "
            "of that name) (kept for a "
            f"later import; check how the transcript writes the name: `sto-qual show --doc D --project {project}` gives "
            "its turns)"
            ) in r.stderr.splitlines(), r.stderr
