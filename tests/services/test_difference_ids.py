"""The ids of the places two coders differ at stay with their passages: a meeting's minutes said
"R03:4", a coder's late change (an undo, a new coding) renumbered the interview's places, and
R03:4 was another passage. A new place is numbered after the interview's last; a place gone
leaves its number unused."""
import json

from cli_runner import sq


def _places(path):
    done = sq("differences", "consensus", "-p", path, "--format", "json")
    assert done.returncode == 0, done.stderr
    return {p["id"]: (p["code"], p["start"], p["end"]) for p in json.loads(done.stdout)}


def test_a_coders_change_leaves_the_other_places_their_ids(demo_copy):
    assert sq("agreed", "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "-p", demo_copy).returncode == 0
    before = _places(demo_copy)
    r02 = {i: p for i, p in before.items() if i.startswith("R02:")}
    assert len(r02) > 3
    # onderzoeker-b codes the interview's first sentences, which onderzoeker-a did not: a new place before the others
    coded = sq("code", "-p", demo_copy, "--doc", "R02", "--sentence", "1", "--code", "financieringsonzekerheid",
               "--coder", "onderzoeker-b")
    assert coded.returncode == 0, coded.stderr
    after = _places(demo_copy)
    assert {i: p for i, p in after.items() if i in before} == before  # every place keeps its id
    [new] = [i for i in after if i not in before]
    assert new == f"R02:{len(r02) + 1}" and after[new][1] < min(p[1] for p in r02.values())
    assert sq("differences", "consensus", new, "--discussed", "-p", demo_copy).returncode == 0  # the meeting's
    # she takes the coding of that place away: it goes, and its number, in the minutes, is not given to another
    theirs = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--doc", "R02",
                           "--format", "json").stdout)
    first = next(c for c in theirs if c["code"] == "financieringsonzekerheid" and c["start"] == after[new][1])
    assert sq("uncode", "-p", demo_copy, "--id", first["id"], "--coder", "onderzoeker-b").returncode == 0
    assert _places(demo_copy) == before
    coded = sq("code", "-p", demo_copy, "--doc", "R02", "--sentence", "2", "--code", "financieringsonzekerheid",
               "--coder", "onderzoeker-b")
    assert coded.returncode == 0 and f"R02:{len(r02) + 2}" in _places(demo_copy)
