"""`search QUERY --code CODE` codes every sentence found, MAXQDA's autocode of search hits: a researcher from MAXQDA
and NVivo coded her hits one by one in a script, each coding its own undo step."""
from __future__ import annotations

import json
import re

from cli_runner import sq


def _codings(project, coder):
    got = sq("codings", "--coder", coder, "--format", "json", "--project", project)
    return json.loads(got.stdout) if got.returncode == 0 else []


def test_every_sentence_found_is_coded_once_and_one_undo_takes_them_back(demo_copy):
    found = json.loads(sq("search", "samen", "--format", "json", "--project", demo_copy).stdout)
    hits = [h for h in found if h["role"] != "interviewer"]
    asked = [h for h in found if h["role"] == "interviewer"]
    assert len(hits) > 20 and asked  # (the interviewer asks about working together too)
    got = sq("search", "samen", "--code", "collectief-optrekken", "--coder", "lies", "--project", demo_copy)
    assert got.returncode == 0, got.stderr
    mine = _codings(demo_copy, "lies")
    # each sentence found lies in one of her codings of the code; sentences in a row of one turn are one coding
    for h in hits:
        assert sum(1 for c in mine if c["document_id"] == h["document_id"] and c["start"] <= h["start"]
                   and h["end"] <= c["end"]) == 1, h
    # the interviewer's questions are not coded (one made an interview count for the theme), and that is said
    for h in asked:
        assert not any(c["document_id"] == h["document_id"] and c["start"] < h["end"] and h["start"] < c["end"]
                       for c in mine), h
    assert f"note: {len(asked)} sentence" in got.stderr and "the interviewer said" in got.stderr
    assert {c["code"] for c in mine} == {"collectief-optrekken"} and len(mine) <= len(hits)
    n = len({h["doc"] for h in hits})  # the interviews of the sentences coded
    assert f"Coded {len(hits)} sentences in {n} interviews with collectief-optrekken as lies: {len(mine)} new codings" \
        in got.stdout, got.stdout
    again = sq("search", "samen", "--code", "collectief-optrekken", "--coder", "lies", "--project", demo_copy)
    assert f"Nothing new: lies had coded all {len(hits)} sentences with collectief-optrekken already" in again.stdout
    assert len(_codings(demo_copy, "lies")) == len(mine)  # coded again: nothing added, and no undo step
    undone = sq("undo", "--coder", "lies", "--project", demo_copy)
    assert undone.returncode == 0 and _codings(demo_copy, "lies") == [], undone.stdout + undone.stderr


def test_a_code_the_project_lacks_codes_nothing_and_a_limit_given_codes_only_those_shown(demo_copy):
    before = json.loads(sq("info", "--format", "json", "--project", demo_copy).stdout)
    bad = sq("search", "docent", "--code", "docentetekort", "--project", demo_copy)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr
    assert json.loads(sq("info", "--format", "json", "--project", demo_copy).stdout) == before
    few = sq("search", "docent", "--code", "urgentie/docententekort", "--coder", "lies", "--limit", "3",
             "--project", demo_copy)
    assert few.returncode == 0 and "only these are coded" in few.stderr
    assert re.search(r"Coded [123] sentences?", few.stdout) and 1 <= len(_codings(demo_copy, "lies")) <= 3


def test_a_unit_found_by_search_is_coded_without_naming_its_interview(demo_copy):
    """`code --unit 56 --code X` was refused "Missing option '--doc'", though a unit's id is the project's."""
    hit = json.loads(sq("search", "kannibalisme", "--format", "json", "--project", demo_copy).stdout)[0]
    for args in (("--unit", hit["unit"], "--code", "urgentie"), ("collectief-optrekken", "--unit", hit["unit"])):
        got = sq("code", *args, "--coder", "lies", "--format", "json", "--project", demo_copy)
        assert got.returncode == 0, got.stderr
        c = json.loads(got.stdout)
        assert (c["doc"], c["start"], c["end"]) == (hit["doc"], hit["start"], hit["end"])
    gone = sq("code", "--unit", "999999", "--code", "urgentie", "--project", demo_copy)
    assert gone.returncode != 0 and "unknown unit 999999" in gone.stderr and "Traceback" not in gone.stderr


def test_a_unit_given_with_another_interview_says_where_it_is(demo_copy):
    hit = json.loads(sq("search", "kannibalisme", "--format", "json", "--project", demo_copy).stdout)[0]
    other = "R01" if hit["doc"] != "R01" else "R02"
    got = sq("code", "--unit", hit["unit"], "--code", "urgentie", "--doc", other, "--project", demo_copy)
    assert got.returncode != 0 and f"unit {hit['unit']} is not in {other}: it is in {hit['doc']}" in got.stderr


def test_a_coder_name_mistyped_codes_nothing_and_codings_joined_are_counted(demo_copy):
    """A reviewer's `search school --code proef --coder onderzoekr-a` made a third coder of 87 codings, where `code`
    refuses the name as a typo; and a coding of hers joined into the new one was not counted."""
    before = json.loads(sq("info", "--format", "json", "--project", demo_copy).stdout)
    typo = sq("search", "school", "--code", "urgentie", "--coder", "onderzoekr-a", "--project", demo_copy)
    assert typo.returncode != 0 and "did you mean onderzoeker-a?" in typo.stderr and "--new-coder" in typo.stderr
    assert json.loads(sq("info", "--format", "json", "--project", demo_copy).stdout) == before


def test_a_sentence_found_between_two_of_her_codings_joins_them_and_is_counted(demo_ws):
    """A reviewer's search joined a coding of hers into the new one, and the line said only "1 new coding"."""
    turn = next(t for t in demo_ws.turns("R02") if t.role != "interviewer"
                and len([u for u in demo_ws.units("R02") if t.start <= u.start < t.end]) >= 3)
    first, middle, last = [u for u in demo_ws.units("R02") if turn.start <= u.start < turn.end][:3]
    doc = demo_ws.document("R02").id
    for u in (first, last):
        demo_ws.assign_code(doc, "urgentie", unit=u.id, coder="lies")
    done = demo_ws.code_hits([(doc, middle.start, middle.end)], "urgentie", "lies")
    assert (done["coded"], done["new"], done["grown"], done["joined"]) == (1, 0, 1, 1), done
    [one] = demo_ws.codings(coder="lies")
    assert (one.start, one.end) == (first.start, last.end)
    demo_ws.undo(coder="lies")  # one step back: the two codings as they were
    assert sorted((c.start, c.end) for c in demo_ws.codings(coder="lies")) == [(first.start, first.end),
                                                                              (last.start, last.end)]


def test_deleting_one_interview_keeps_the_undo_of_a_search_coded_in_the_others(demo_copy):
    """A reviewer coded a search in every interview, deleted one interview, and undo said "nothing to undo": the
    step over nineteen interviews went whole with the one."""
    assert sq("search", "school", "--code", "urgentie", "--coder", "lies", "--project", demo_copy).returncode == 0
    assert sq("delete-doc", "R19", "--yes", "--project", demo_copy).returncode == 0
    left = _codings(demo_copy, "lies")
    assert left and all(c["doc"] != "R19" for c in left)
    undone = sq("undo", "--coder", "lies", "--project", demo_copy)
    assert undone.returncode == 0 and f"and {len(left) - 1} more" in undone.stdout, undone.stdout + undone.stderr
    assert _codings(demo_copy, "lies") == []
