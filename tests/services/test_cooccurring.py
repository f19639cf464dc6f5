"""The passages behind a co-occurrence: an analyst from MAXQDA and NVivo wanted the passages two codes share (their
coding query) and found counts only. `cooccurrence --passages A B` lists the very sentences a pair's count counts."""
from __future__ import annotations

import json

import pytest

from cli_runner import sq


@pytest.mark.parametrize("rollup", [True, False])
@pytest.mark.parametrize("coder", ["onderzoeker-a", None])
def test_each_pairs_passages_are_the_sentences_its_count_counts(demo_read, rollup, coder):
    demo = demo_read
    pairs = demo.cooccurrence(coder=coder, rollup=rollup)
    assert len(pairs) >= 1
    for a, b, units, docs in zip(pairs["code_a"], pairs["code_b"], pairs["units"], pairs["documents"]):
        rows = demo.cooccurring(a, b, coder=coder, rollup=rollup)
        assert len(rows) == units and len({r["doc"] for r in rows}) == docs, (a, b)
        for r in rows:
            text = " ".join(demo.document_text(r["document_id"])[r["start"]:r["end"]].split())
            assert r["text"] == text and r["sentence"] >= 1
            assert r["codings_a"] and r["codings_b"] and (coder is None or r["coders"] == [coder])
            on = {demo.coding(i).code for i in [*r["codings_a"], *r["codings_b"]]}
            assert {p.split("/")[0] if rollup else p for p in on} == {a, b}


def test_the_interview_level_lists_the_codings_of_either_code_in_the_interviews_holding_both(demo_read):
    demo = demo_read
    pairs = demo.interview_cooccurrence(coder="onderzoeker-a", rollup=True)
    a, b, docs = pairs["code_a"].iloc[0], pairs["code_b"].iloc[0], pairs["documents"].iloc[0]
    rows = demo.cooccurring(a, b, coder="onderzoeker-a", rollup=True, level="interview")
    assert len({r["doc"] for r in rows}) == docs
    for doc in {r["doc"] for r in rows}:
        theirs = {r["code"].split("/")[0] for r in rows if r["doc"] == doc}
        assert theirs == {a, b}


def test_the_command_lists_a_pairs_passages_and_refuses_what_it_cannot_list(demo_copy):
    got = sq("cooccurrence", "--rollup", "--passages", "urgentie", "collectief-optrekken", "--format", "json",
             "--project", demo_copy)
    assert got.returncode == 0, got.stderr
    rows = json.loads(got.stdout)
    counts = json.loads(sq("cooccurrence", "--rollup", "--format", "json", "--project", demo_copy).stdout)
    pair = next(p for p in counts if {p["code_a"], p["code_b"]} == {"urgentie", "collectief-optrekken"})
    assert len(rows) == pair["units"] and set(rows[0]) >= {"doc", "sentence", "codings_a", "codings_b", "text"}
    table = sq("cooccurrence", "--rollup", "--passages", "urgentie", "collectief-optrekken", "--project", demo_copy)
    assert table.returncode == 0 and "codings_a are the codings of urgentie" in table.stderr
    both = sq("cooccurrence", "--matrix", "--passages", "urgentie", "collectief-optrekken", "--project", demo_copy)
    assert both.returncode != 0 and len(both.stderr.strip().splitlines()) == 1 and "give one" in both.stderr
    sub = sq("cooccurrence", "--rollup", "--passages", "urgentie/docententekort", "collectief-optrekken",
             "--project", demo_copy)
    assert sub.returncode != 0 and "is a sub-code" in sub.stderr and "Traceback" not in sub.stderr
    typo = sq("cooccurrence", "--passages", "urgentei", "collectief-optrekken", "--project", demo_copy)
    assert typo.returncode != 0 and "urgentie" in typo.stderr and len(typo.stderr.strip().splitlines()) == 1
