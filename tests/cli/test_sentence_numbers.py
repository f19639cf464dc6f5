"""The CLI takes the sentence numbers the TUI shows ("Coded: Docententekort on R03, sentences
28-32"): `code --doc R03 --unit 28` failed, because `--unit` is the project-wide id."""
from __future__ import annotations

import json

from cli_runner import sq


def test_code_and_uncode_take_the_tuis_sentence_number(demo_copy):
    project = str(demo_copy)
    r = sq("show", "--doc", "R03", "--units", "--project", project, "--format", "json")
    assert r.returncode == 0, r.stderr
    units = json.loads(r.stdout)
    assert [u["sentence"] for u in units] == list(range(1, len(units) + 1))
    s28 = units[27]
    r = sq("code", "--project", project, "--doc", "R03", "--code", "collectief-optrekken/andere-netwerken",
           "--sentence", "28", "--coder", "anna", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert (got["start"], got["end"]) == (s28["start"], s28["end"])
    r = sq("uncode", "--project", project, "--doc", "R03", "--code", "collectief-optrekken/andere-netwerken",
           "--sentence", "28", "--coder", "anna")
    assert r.returncode == 0 and r.stdout.startswith("removed"), (r.stdout, r.stderr)


def test_code_and_uncode_take_a_range_of_sentences_as_differences_shows_it(demo_copy):
    """`differences` says "sentences 96-100"; `code --sentence 96-100` was refused as "not a
    valid integer", and a coder took offsets from the output instead."""
    project = str(demo_copy)
    units = json.loads(sq("show", "--doc", "R03", "--units", "--project", project, "--format", "json").stdout)
    r = sq("code", "--project", project, "--doc", "R03", "--code", "urgentie", "--sentence", "28-32",
           "--coder", "anna", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert (got["start"], got["end"]) == (units[27]["start"], units[31]["end"])
    r = sq("uncode", "--project", project, "--doc", "R03", "--code", "urgentie", "--sentence", "28-29", "--coder", "anna")
    assert r.returncode == 0 and r.stdout.startswith("trimmed"), (r.stdout, r.stderr)
    before = demo_copy.read_bytes()
    for bad, said in (("32-28", "--sentence 28-32"), ("28-x", "not a sentence number or range"),
                      ("28-9999", "no sentence 9999")):
        r = sq("code", "--project", project, "--doc", "R03", "--code", "urgentie", "--sentence", bad, "--coder", "anna")
        assert r.returncode != 0 and said in r.stderr and len(r.stderr.strip().splitlines()) == 1, (bad, r.stderr)
    assert demo_copy.read_bytes() == before


def test_a_sentence_the_document_does_not_have_is_one_line(demo_copy):
    project = str(demo_copy)
    before = demo_copy.read_bytes()
    r = sq("code", "--project", project, "--doc", "R03", "--code", "urgentie", "--sentence", "9999")
    assert r.returncode != 0 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "no sentence 9999" in r.stderr and "show --doc R03 --units" in r.stderr
    r = sq("code", "--project", project, "--doc", "R03", "--code", "urgentie", "--sentence", "2", "--unit", "5")
    assert r.returncode == 2 and "not --unit and --sentence" in r.stderr
    assert demo_copy.read_bytes() == before


def test_code_widen_takes_a_new_coder_and_coding_twice_says_already_coded(demo_copy):
    """`code --widen --coder carla` refused carla as an unknown coder (without --widen she was
    made); and coding a span again printed "coded #1" a second time, as if coded anew."""
    project = str(demo_copy)
    args = ("code", "--project", project, "--doc", "R05", "--sentence", "10", "--code", "urgentie")
    r = sq(*args, "--coder", "carla", "--widen")
    assert r.returncode == 0 and r.stdout.startswith("coded #"), (r.stdout, r.stderr)
    again = sq(*args, "--coder", "carla")
    assert again.returncode == 0 and again.stdout.startswith("already coded #"), again.stdout
    assert again.stdout.split()[2] == r.stdout.split()[1]  # the same coding
