"""A team that double-coded a sample: `agreed consensus --from A B --rest A` takes, besides the
interviews both coded, A's codings of the interviews only A coded, so that the agreed coding is of
every interview and the chapter and `stats` count them all (without it, `stats` said "urgentie: 6
of 19, een deel" of a theme A found in all nineteen)."""
import json

from cli_runner import sq

A, B = "onderzoeker-a", "onderzoeker-b"


def _json(*args):
    done = sq(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _method(path, tmp_path, lang):
    import docx
    out = tmp_path / f"m-{lang}.docx"
    done = sq("report", "-p", path, "-o", out, "--lang", lang)
    assert done.returncode == 0, done.stderr
    return " ".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_the_rest_takes_one_coders_interviews_whole_and_the_chapter_counts_every_interview(demo_copy, tmp_path):
    res = _json("agreed", "consensus", "--from", A, B, "--rest", A, "-p", demo_copy)
    a, b = (_json("codings", "--coder", c, "-p", demo_copy) for c in (A, B))
    only_a = sorted({c["doc"] for c in a} - {c["doc"] for c in b})
    assert res["rest"] == A and sorted(res["rest_documents"]) == only_a and len(only_a) == 13
    agreed = _json("codings", "--coder", "consensus", "-p", demo_copy)
    place = ("doc", "code", "start", "end", "starred")
    assert sorted(tuple(c[k] for k in place) for c in agreed if c["doc"] in only_a) == \
        sorted(tuple(c[k] for k in place) for c in a if c["doc"] in only_a)
    assert res["rest_codings"] == sum(1 for c in a if c["doc"] in only_a)
    assert res["codings"] == sum(1 for c in agreed if c["doc"] in res["documents"]) > 0
    # the places of difference are the two's, in the interviews both coded only
    places = _json("differences", "consensus", "-p", demo_copy)
    assert places and {p["doc"] for p in places} <= set(res["documents"])
    assert sq("reference-coder", "consensus", "-p", demo_copy).returncode == 0
    counted = sq("stats", "-p", demo_copy, "--format", "json")
    urgentie = next(r for r in json.loads(counted.stdout) if r["code"] == "urgentie")
    assert urgentie["documents"] == urgentie["documents_total"] == 19, urgentie
    assert "holds 6 of the 19" not in counted.stderr, counted.stderr
    nl = _method(demo_copy, tmp_path, "nl")
    assert ("een tweede codeerde er zes onafhankelijk. Geteld is wat beiden met dezelfde code codeerden. Zolang hun "
            "verschillen niet besproken zijn, zijn de aantallen daarom een ondergrens. Dat geldt voor de zes "
            "interviews die beiden codeerden; in de andere dertien, die alleen de eerste codeerde, is diens codering "
            "geteld.") in nl, nl
    assert nl.count("Geteld is") == 1 and "derde onderzoeker" not in nl  # (a third researcher, counted, was said)
    assert ("That holds for the six interviews both coded; in the other thirteen, which only the first coded, the "
            "counts are that researcher's.") in _method(demo_copy, tmp_path, "en")
    # a coding of the agreed coding in an interview it took whole counts: no "leave R01 out"
    coded = sq("code", "-p", demo_copy, "--doc", only_a[0], "--sentence", "5", "--code", "urgentie",
               "--coder", "consensus")
    assert coded.returncode == 0 and "did not both code" not in coded.stderr, coded.stderr


def test_a_rest_that_cannot_be_taken_is_refused_and_nothing_changes(demo_copy):
    before = _json("coders", "-p", demo_copy)
    for args, said in (((B,), f"{B} coded no interview {A} did not; nothing was started"),
                       (("carla",), "--rest 'carla' is neither of the two coders; nothing was started")):
        done = sq("agreed", "consensus", "--from", A, B, "--rest", *args, "-p", demo_copy)
        assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert _json("coders", "-p", demo_copy) == before


def test_an_agreed_coding_started_without_the_rest_takes_it_in_later_keeping_its_marks(demo_copy, tmp_path):
    """A team that held its meeting first and only then saw the chapter count 6 of 19: `agreed
    consensus --add --rest A` takes A's other interviews in; the marks stay, and so do the places."""
    assert sq("agreed", "consensus", "--from", A, B, "-p", demo_copy).returncode == 0
    chosen = sq("reference-coder", "consensus", "-p", demo_copy)  # the way to count all nineteen is said
    assert (f"or `sto-qual agreed consensus --add --rest {A} --project {demo_copy}` takes {A}'s coding of the 13 other "
            "interviews into consensus, so that the chapter counts them all") in chosen.stderr, chosen.stderr
    alone = _method(demo_copy, tmp_path, "nl")  # the sample alone: its two coders, no third one counted
    assert alone.count("Geteld is") == 1 and "derde onderzoeker" not in alone and "Dat geldt voor" not in alone
    places = _json("differences", "consensus", "-p", demo_copy)
    assert sq("differences", "consensus", places[0]["id"], "--discussed", "-p", demo_copy).returncode == 0
    res = _json("agreed", "consensus", "--add", "--rest", A, "-p", demo_copy)
    assert len(res["rest_documents"]) == 13 and res["rest_codings"] > 0 and res["backup"]
    after = _json("differences", "consensus", "-p", demo_copy)
    assert [(p["id"], p["state"]) for p in after] == [(p["id"], "discussed" if p is places[0] else p["state"])
                                                      for p in places]
    again = sq("agreed", "consensus", "--add", "--rest", A, "-p", demo_copy)
    assert again.returncode == 1 and "consensus holds every interview onderzoeker-a coded already" in again.stderr
    assert "in de andere dertien, die alleen de eerste codeerde" in _method(demo_copy, tmp_path, "nl")


def test_counts_merging_an_agreed_coding_with_its_two_name_the_agreed_coding_to_count(demo_copy):
    """With an agreed coding and no reference coder, `stats` merged it with its two coders' codings
    (a place one coder coded counted as if agreed) and offered only `reference-coder onderzoeker-a`."""
    assert sq("reference-coder", "--clear", "-p", demo_copy).returncode == 0
    assert sq("agreed", "consensus", "--from", A, B, "-p", demo_copy).returncode == 0
    said = sq("stats", "-p", demo_copy).stderr
    assert (f"no reference coder is set: `sto-qual reference-coder consensus --project {demo_copy}` counts the agreed "
            "coding consensus alone)") in said, said


def test_an_interview_taken_whole_stays_so_when_renamed(demo_copy):
    """The interviews an agreed coding took whole are kept by name: a `doc-rename` of one made the
    chapter a part again ("holds 18 of the 19") and its codings 'count nowhere'."""
    assert sq("agreed", "consensus", "--from", A, B, "--rest", A, "-p", demo_copy).returncode == 0
    assert sq("doc-rename", "R01", "R01-Kustland", "-p", demo_copy).returncode == 0
    chosen = sq("reference-coder", "consensus", "-p", demo_copy)
    assert chosen.returncode == 0 and "holds" not in chosen.stderr, chosen.stderr
    coded = sq("code", "-p", demo_copy, "--doc", "R01-Kustland", "--sentence", "5", "--code", "urgentie",
               "--coder", "consensus")
    assert coded.returncode == 0 and "did not both code" not in coded.stderr, coded.stderr


def test_a_chapter_on_part_of_the_interviews_counts_the_part_of_each(demo_copy, tmp_path):
    """A krimp chapter said "in de andere dertien" of its four interviews: the interviews both coded and
    those taken whole are counted of the part."""
    from sto_qual.domain.wording import number_word
    res = _json("agreed", "consensus", "--from", A, B, "--rest", A, "-p", demo_copy)
    assert sq("reference-coder", "consensus", "-p", demo_copy).returncode == 0
    krimp = {d["name"] for d in _json("docs", "-p", demo_copy) if d["attributes"].get("region_type") == "krimp"}
    both, whole = len(krimp & set(res["documents"])), len(krimp & set(res["rest_documents"]))
    assert both > 1 and whole > 1, (both, whole)
    place = _json("differences", "consensus", "-p", demo_copy)[0]["id"]
    assert sq("differences", "consensus", place, "--discussed", "-p", demo_copy).returncode == 0
    out = tmp_path / "krimp.md"
    assert sq("export", "-p", demo_copy, "-o", out, "--where", "region_type=krimp").returncode == 0
    text = out.read_text(encoding="utf-8")
    assert (f"Dat geldt voor de {number_word(both, 'nl')} interviews die beiden codeerden; in de andere "
            f"{number_word(whole, 'nl')}, die alleen de eerste codeerde") in text
    # the places are of every interview both coded, not of the chapter's (a reader took 146 for krimp's)
    assert "Zij verschilden op 146 plaatsen in alle zes dubbel gecodeerde interviews (een passage die" in text
    # "gemeten vóór die bespreking" right after the figure it is of (six sentences on, "die" was lost)
    assert text.index("Die overeenstemming is gemeten vóór die bespreking.") < text.index("Op het niveau waarop")
