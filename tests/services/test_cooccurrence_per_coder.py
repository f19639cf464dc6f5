"""A co-occurrence is one coder's: two codes applied to the same sentence by the same coder.
Coder A's "op papier" beside coder B's "belemmeringen" on one sentence is a difference
between the coders, not a co-occurrence; with every coder merged a sentence counts for a
pair when at least one coder applied both codes there."""
from __future__ import annotations

import json

import pytest

from sto_qual.services import Workspace
from sto_qual.services.tui_support import compute_dashboard
from tests_support import invoke_cli

TRANSCRIPT = """---
region: R91
region_type: landelijk
date: 2023-12-04
---
Interviewer: Heeft het vmbo nu de regie?

Piet: Op papier zijn wij in the lead. Maar het mbo heeft het geld. Dat remt ons.

Interviewer: En het tekort aan docenten?

Jan: Dat is groot. We lossen het samen met de andere scholen op.
"""

X, Y = "vmbo-in-the-lead/op-papier", "vmbo-in-the-lead/belemmeringen"
T, C = "urgentie/docententekort", "collectief-optrekken"


@pytest.fixture
def two_coders(tmp_path):
    """One interview coded by anna and bram. Across the coders: anna's X beside bram's Y on
    one sentence, anna's T beside bram's C (two themes) on another. Within one coder: anna
    applied X and Y to one sentence, bram Y and C to another."""
    path = tmp_path / "p.db"
    f = tmp_path / "R91.txt"
    f.write_text(TRANSCRIPT, encoding="utf-8")
    ws = Workspace.create(path)
    assert ws.import_files([f]).ok
    d = ws.documents()[0]
    u = ws.units(d.id)
    assert len(u) == 7, [x.text for x in u]
    for unit, code, coder in [(1, X, "anna"), (1, Y, "bram"), (5, T, "anna"), (5, C, "bram"),
                              (2, X, "anna"), (2, Y, "anna"), (3, Y, "bram"), (3, C, "bram")]:
        ws.assign_code(d.id, code, unit=u[unit].id, coder=coder)
    yield ws, path
    ws.close()


def _pairs_rows(rows):
    return {(r["code_a"], r["code_b"]): (r["units"], r["documents"]) for r in rows}


def _pairs(df):
    return _pairs_rows(df.to_dict("records"))


def test_codes_by_different_coders_on_one_sentence_do_not_co_occur(two_coders):
    ws, _ = two_coders
    assert _pairs(ws.cooccurrence()) == {(Y, X): (1, 1), (C, Y): (1, 1)}  # each coder's own pair only
    assert _pairs(ws.cooccurrence(rollup=True)) == {(C, "vmbo-in-the-lead"): (1, 1)}  # not T's theme with C
    assert _pairs(ws.cooccurrence(coder="anna")) == {(Y, X): (1, 1)}
    assert _pairs(ws.cooccurrence(coder="anna", rollup=True)) == {}
    assert _pairs(ws.cooccurrence(coder="bram")) == {(C, Y): (1, 1)}


def test_merged_counts_a_sentence_once_where_several_coders_applied_both(two_coders):
    ws, _ = two_coders
    d = ws.documents()[0]
    u = ws.units(d.id)
    ws.assign_code(d.id, X, unit=u[2].id, coder="bram")
    ws.assign_code(d.id, Y, unit=u[2].id, coder="bram")
    assert _pairs(ws.cooccurrence()) == {(Y, X): (1, 1), (C, Y): (1, 1)}


def test_the_reference_coder_counts_only_that_coders_pairs(two_coders):
    ws, _ = two_coders
    ws.set_reference_coder("bram")
    assert _pairs(ws.cooccurrence(coder=ws.counting_coder())) == {(C, Y): (1, 1)}
    data = compute_dashboard(ws, None, None)
    assert data.counting == "bram" and _pairs_rows(data.cooc_codes) == {(C, Y): (1, 1)}


def test_the_dashboard_merged_shows_no_pair_across_coders(two_coders):
    ws, _ = two_coders
    data = compute_dashboard(ws, None, None)
    assert data.counting is None
    assert _pairs_rows(data.cooc_codes) == {(Y, X): (1, 1), (C, Y): (1, 1)}
    assert _pairs_rows(data.cooc_themes) == {(C, "vmbo-in-the-lead"): (1, 1)}


def test_the_command_counts_one_coders_pairs_and_says_so(two_coders):
    ws, path = two_coders
    ws.close()
    p = str(path)
    res = invoke_cli(["cooccurrence", "--project", p, "--all-coders", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert _pairs_rows(json.loads(res.stdout)) == {(Y, X): (1, 1), (C, Y): (1, 1)}
    res = invoke_cli(["cooccurrence", "--project", p, "--all-coders", "--rollup", "--matrix", "--format", "json"])
    assert res.exit_code == 0, res.output
    cell = {(r["code"], k): v for r in json.loads(res.stdout) for k, v in r.items() if k != "code"}
    assert cell["urgentie", "collectief-optrekken"] == 0 and cell["collectief-optrekken", "vmbo-in-the-lead"] == 1
    res = invoke_cli(["cooccurrence", "--project", p, "--all-coders"])
    assert res.exit_code == 0, res.output
    assert "a pair counts in a sentence where one coder applied both codes" in res.stderr
    res = invoke_cli(["cooccurrence", "--project", p, "--coder", "anna"])
    assert res.exit_code == 0 and "one coder applied both" not in res.stderr
