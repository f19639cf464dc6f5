"""The ids of the places two coders differ at stay with their passages: a meeting's minutes said
"R03:4", a coder's late change (an undo, a new coding) renumbered the interview's places, and
R03:4 was another passage. A new place is numbered after the interview's last; a place gone
leaves its number unused."""
import csv
import io
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


def test_the_meetings_note_follows_its_place_when_a_coder_reshapes_it(demo_copy):
    """A note written at R02:2, then the coder widened her coding there: the place became R02:28, and
    the note was on no place listed (only a stderr line said it), missing from the decision log."""
    assert sq("agreed", "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "-p", demo_copy).returncode == 0
    rows = json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)
    place = next(r for r in rows if r["coded_by"] == "onderzoeker-b" and "-" not in r["sentences"])
    assert sq("differences", "consensus", place["id"], "--note", "Besloten: hoort bij urgentie.",
              "-p", demo_copy).returncode == 0
    theirs = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--doc", place["doc"],
                           "--format", "json").stdout)
    coding = next(c for c in theirs if c["code"] == place["code"] and c["start"] <= place["start"] < c["end"])
    sentence = int(place["sentences"])
    widened = sq("code", "-p", demo_copy, "--doc", place["doc"], "--sentence", str(sentence + 1), "--code",
                 place["code"], "--coder", "onderzoeker-b")
    assert widened.returncode == 0, widened.stderr
    log = sq("differences", "consensus", "-p", demo_copy, "--format", "csv")
    now = [r for r in csv.DictReader(io.StringIO(log.stdout)) if r["doc"] == place["doc"] and r["code"] == place["code"]
           and int(r["start"]) <= place["start"] < int(r["end"])]
    assert len(now) == 1 and now[0]["id"] != place["id"], (now, coding)
    assert now[0]["note"] == f"(at {place['id']}) Besloten: hoort bij urgentie.", now
    assert "is on no place listed now" not in log.stderr, log.stderr
    off = sq("differences", "consensus", now[0]["id"], "--note", "", "-p", demo_copy)  # taken off where it shows
    assert off.returncode == 0, off.stderr
    assert not [r for r in json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)
                if r["note"]]
