"""`uncode` with a span removes the code from that span only, and an id or count too large for
SQLite is a user's mistake (one line, exit 1 or 2), never an internal error."""
from __future__ import annotations

import json

import pytest

from cli_runner import sq

CODE = "urgentie/behoud-techniekaanbod"
HUGE = "99999999999999999999"


def _codings(project, doc="R01", code=CODE):
    r = sq("codings", "--project", project, "--doc", doc, "--code", code, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _memo_and_star(project):
    """R01's starred coding with a memo (the demo's ``#2 R01 1741-1961``), by the reference coder."""
    coding = next(c for c in _codings(project) if c["starred"] and c["memo"])
    return coding


def _key(c):
    return c["id"], c["start"], c["end"], c["memo"], c["starred"], c["coder"]


def test_uncode_of_one_character_keeps_the_rest_of_the_coding_with_its_memo_and_star(demo_copy):
    """`uncode --start 1960 --end 1961` removed the whole 220-character starred coding with
    its memo over a one-character overlap."""
    before = _codings(demo_copy)
    c = _memo_and_star(demo_copy)
    r = sq("uncode", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--coder", c["coder"],
           "--start", c["end"] - 1, "--end", c["end"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"trimmed #{c['id']} R01 {c['start']}-{c['end'] - 1} "), r.stdout
    assert f"(was {c['start']}-{c['end']})" in r.stdout and "removed" not in r.stdout
    now = {x["id"]: x for x in _codings(demo_copy)}
    kept = now[c["id"]]
    assert (kept["start"], kept["end"]) == (c["start"], c["end"] - 1)
    assert kept["memo"] == c["memo"] and kept["starred"] and kept["text"] == c["text"][:-1]
    assert len(now) == len(before)
    r = sq("undo", "--project", demo_copy, "--coder", c["coder"])
    assert r.returncode == 0, r.stderr
    assert sorted(map(_key, _codings(demo_copy))) == sorted(map(_key, before))


def test_uncode_in_the_middle_splits_the_coding_and_one_undo_joins_it(demo_copy):
    before = _codings(demo_copy)
    c = _memo_and_star(demo_copy)
    words = c["text"].split(" ")
    s = c["start"] + len(" ".join(words[:5])) + 1  # the sixth and seventh word
    e = s + len(" ".join(words[5:7]))
    r = sq("uncode", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--coder", c["coder"],
           "--start", s, "--end", e)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and all(line.startswith("split #") for line in lines), r.stdout
    pieces = sorted((x for x in _codings(demo_copy) if x["id"] not in {b["id"] for b in before} or x["id"] == c["id"]),
                    key=lambda x: x["start"])
    assert [(p["start"], p["end"]) for p in pieces] == [(c["start"], s - 1), (e + 1, c["end"])]
    assert pieces[0]["id"] == c["id"]
    assert all(p["memo"] == c["memo"] and p["starred"] and p["coder"] == c["coder"] for p in pieces)
    assert sq("undo", "--project", demo_copy, "--coder", c["coder"]).returncode == 0
    assert sorted(map(_key, _codings(demo_copy))) == sorted(map(_key, before))
    assert sq("redo", "--project", demo_copy, "--coder", c["coder"]).returncode == 0
    assert len(_codings(demo_copy)) == len(before) + 1


def test_uncode_of_a_span_holding_the_whole_coding_still_removes_it(demo_copy):
    c = _memo_and_star(demo_copy)
    r = sq("uncode", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--coder", c["coder"],
           "--start", c["start"] - 1, "--end", c["end"] + 1)
    assert r.returncode == 0 and r.stdout.startswith(f"removed #{c['id']} "), r.stdout + r.stderr
    assert c["id"] not in {x["id"] for x in _codings(demo_copy)}
    # the quote on the line is cut at a word and says so (it was cut at 70 characters, mid-word)
    quote = r.stdout.split(": “", 1)[1].rstrip().removesuffix("”")
    words = " ".join(c["text"].split())
    assert quote == words or (quote.endswith("…") and (words + " ").startswith(quote[:-1].rstrip() + " ")), quote


@pytest.mark.parametrize("args", [
    ["star", HUGE], ["memo", HUGE, "tekst"], ["uncode", "--id", HUGE], ["accept", HUGE], ["reject", HUGE],
    ["resize", HUGE, "--start", "1", "--end", "2"], ["show", "--doc", HUGE], ["codings", "--doc", HUGE],
    ["code", "--doc", "R01", "--code", CODE, "--unit", HUGE], ["delete-doc", "--doc", HUGE],
    ["search", "school", "--limit", HUGE], ["search", "school", "--limit", "0"], ["role", "X", "interviewer",
                                                                                  "--doc", HUGE],
    ["suggest", "--doc", HUGE], ["star", "0"],
])
def test_an_id_too_large_for_sqlite_is_a_users_mistake_in_one_line(demo_copy, args):
    """`star 99999999999999999999` printed "internal error: OverflowError: Python int too large
    to convert to SQLite INTEGER" with exit code 3; `search --limit 0` printed "(none)"."""
    r = sq(args[0], "--project", demo_copy, *args[1:])
    assert r.returncode in (1, 2), (r.returncode, r.stdout, r.stderr)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    said = [line for line in r.stderr.splitlines() if line.lower().startswith("error")]
    assert len(said) == 1, r.stderr
    if r.returncode == 1:
        assert r.stderr.count("\n") == 1, r.stderr


def test_uncode_id_with_doc_or_code_is_refused_and_removes_nothing(demo_copy):
    """`uncode --id 5 --doc R02 --code financieringsonzekerheid` removed coding #5 (R01,
    urgentie/verschuiving): the --doc and --code that said otherwise were ignored."""
    before = demo_copy.read_bytes()
    r = sq("uncode", "--project", demo_copy, "--id", "5", "--doc", "R02", "--code", "financieringsonzekerheid")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip() == "error: --id names one coding; give it alone, not with --doc, --code"
    assert demo_copy.read_bytes() == before
    assert sq("uncode", "--project", demo_copy, "--id", "5").returncode == 0  # alone, it removes it


def test_uncode_takes_the_coding_id_first_as_star_and_memo_do(demo_copy):
    """`star 14` and `memo 14 …` take the id first; `uncode 21` answered "Got unexpected extra argument"."""
    coding = _codings(demo_copy)[0]
    r = sq("uncode", coding["id"], "--project", demo_copy)
    assert r.returncode == 0 and r.stdout.startswith(f"removed #{coding['id']} "), r.stderr
    assert coding["id"] not in [c["id"] for c in _codings(demo_copy)]
    other = _codings(demo_copy)[0]["id"]
    r = sq("uncode", other, "--id", other + 1, "--project", demo_copy)
    assert r.returncode == 2 and f"two coding ids ({other} and --id {other + 1}): give one" in r.stderr
    assert other in [c["id"] for c in _codings(demo_copy)]


def test_uncode_all_codes_clears_one_coders_interview_in_one_undo_step(demo_copy):
    """A coder recoding R08 from scratch removed her 30 codings with 30 `uncode ID` calls (and 30
    undo steps): `uncode --doc R08` asked for a code, and a theme does not take its sub-codes.
    --all-codes takes every code off, hers only unless --all-coders; one undo brings them back."""
    import json

    def codings(**by):
        args = [x for k, v in by.items() for x in (f"--{k}", v)]
        return json.loads(sq("codings", "-p", demo_copy, "--doc", "R08", *args, "--format", "json").stdout)
    mine, everyone = codings(coder="onderzoeker-a"), codings()
    assert len(mine) == 30
    done = sq("uncode", "-p", demo_copy, "--doc", "R08", "--all-codes")
    assert done.returncode == 0 and done.stdout.count("removed #") == 30, done.stderr
    assert codings(coder="onderzoeker-a") == [] and len(codings()) == len(everyone) - 30
    undone = sq("undo", "-p", demo_copy)
    assert undone.returncode == 0 and "and 29 more" in undone.stdout
    assert [c["id"] for c in codings(coder="onderzoeker-a")] == [c["id"] for c in mine]
    both = sq("uncode", "-p", demo_copy, "--doc", "R08", "--all-codes", "--code", "urgentie")
    assert both.returncode == 2 and "give --code or --all-codes, not both" in both.stderr  # a usage error
    assert len(codings()) == len(everyone)


def test_uncode_of_several_ids_is_one_undo_step_and_an_unknown_id_removes_none(demo_copy):
    """A coder who listed the codings to drop ran `uncode ID` once per id (one undo step each);
    `uncode 21 22 25` removes them together, across interviews, and one `undo` brings all back.
    One unknown id among them removes nothing."""
    def all_codings():
        r = sq("codings", "--project", demo_copy, "--coder", "onderzoeker-a", "--format", "json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    before = all_codings()
    picked = [before[0], before[1], next(c for c in before if c["doc"] != before[0]["doc"])]
    ids = [str(c["id"]) for c in picked]
    kept = demo_copy.read_bytes()
    r = sq("uncode", *ids, "999999", "--coder", "onderzoeker-a", "--project", demo_copy)
    assert r.returncode == 1 and "999999" in r.stderr and r.stdout == "", r.stderr
    assert demo_copy.read_bytes() == kept

    r = sq("uncode", *ids, ids[0], "--coder", "onderzoeker-a", "--project", demo_copy)
    assert r.returncode == 0, r.stderr
    assert [line.split()[1] for line in r.stdout.splitlines()] == [f"#{i}" for i in ids]  # each once
    assert "3 codings removed in one step" in r.stderr
    assert not {c["id"] for c in picked} & {c["id"] for c in all_codings()}

    r = sq("undo", "--coder", "onderzoeker-a", "--project", demo_copy)
    assert r.returncode == 0, r.stderr
    assert [_key(c) for c in all_codings()] == [_key(c) for c in before]
