"""Two coders' agreed coding: `agreed NAME --from A B` starts it in the interviews both coded;
the team settles the rest under NAME; agreement and the dashboard keep comparing A and B, and a
report counting NAME says it counts what both agreed on, with the agreement measured before."""
import json
import re

from cli_runner import sq

from sto_qual.domain.wording import number_word


def _method(path, tmp_path, lang="nl", warnings=False):
    import docx
    out = tmp_path / f"m-{lang}.docx"
    done = sq("report", "-p", path, "-o", out, "--lang", lang)
    assert done.returncode == 0, done.stderr
    paragraphs = docx.Document(str(out)).paragraphs  # the method's paragraphs on the interviews and the coding
    start = next(i for i, p in enumerate(paragraphs) if p.text in ("Methode", "Method")) + 1
    text = " ".join(p.text for p in paragraphs[start:start + 2])
    return (text, done.stderr) if warnings else text


def test_agreed_starts_from_what_both_coded_and_the_report_says_so(demo_copy, tmp_path):
    from sto_qual.services import Workspace
    before = json.loads(sq("agreement", "-p", demo_copy, "--format", "json").stdout)[0]
    done = sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "--format", "json")
    assert done.returncode == 0, done.stderr
    res = json.loads(done.stdout)
    assert res["coder"] == "consensus" and res["from"] == ["onderzoeker-a", "onderzoeker-b"]
    ws = Workspace.open(demo_copy)
    try:
        a, b = (ws.codings(coder=c) for c in ("onderzoeker-a", "onderzoeker-b"))
        agreed = ws.codings(coder="consensus")
        shared = set(res["documents"])
        assert shared == {c.doc for c in a} & {c.doc for c in b} and {c.doc for c in agreed} <= shared
        # each agreed coding is a coding of A that B applied to overlapping text, and every such one is there
        both = {(c.doc, c.code, c.start, c.end) for c in a if c.doc in shared and any(
            o.doc == c.doc and o.code == c.code and o.start < c.end and c.start < o.end for o in b)}
        assert {(c.doc, c.code, c.start, c.end) for c in agreed} == both and res["codings"] == len(both) > 0
        assert next(c for c in ws.coders() if c["name"] == "consensus")["agreed_from"] == "onderzoeker-a and onderzoeker-b"
    finally:
        ws.close()
    # the agreement stays the two independent coders'
    after = json.loads(sq("agreement", "-p", demo_copy, "--format", "json").stdout)[0]
    assert [after[k] for k in ("coder_a", "coder_b", "overall_alpha")] == [
        before[k] for k in ("coder_a", "coder_b", "overall_alpha")]
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    # nothing settled yet: the method does not say they discussed anything, and the report says why
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert "Geteld is wat beiden met dezelfde code codeerden" in nl and "bespreking" not in nl
    # ... and that its counts are a floor until the differences are discussed (a writer read them as found)
    assert "Zolang hun verschillen niet besproken zijn, zijn de aantallen daarom een ondergrens." in nl
    assert "consensus is still the agreed coding as `agreed` started it: nothing was settled" in warned
    # counted over the interviews both coded, where it was made: the other thirteen read as
    # regions where nothing came up ("In een deel van de regio's (6 van 19)" beside a dashboard's 19)
    assert (f"Het gaat alleen om de {['zes', 'zeven', 'acht'][len(shared) - 6]} interviews (van de "
                         "negentien) die beide onderzoekers codeerden; alle aantallen gaan over deze interviews.") in nl
    assert f"consensus is the agreed coding of the {len(shared)} of the 19 interviews onderzoeker-a and " \
           "onderzoeker-b both coded: the chapter is about those" in warned
    # one disagreement settled: a passage only onderzoeker-b coded goes into the agreed coding
    dis = json.loads(sq("agreement", "-p", demo_copy, "--disagreements", "--format", "json").stdout)
    row = next(r for r in dis if r["coded_by"] == "onderzoeker-b")
    assert sq("code", "-p", demo_copy, "--doc", row["doc"], "--code", row["code"], "--start", row["start"],
              "--end", row["end"], "--coder", "consensus").returncode == 0
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    # still drawing it up: no "overeenstemming bereikten" beside the places that still count as started
    assert "Geteld is de gezamenlijke codering die beiden opstellen door hun verschillen te bespreken" in nl
    assert "overeenstemming bereikten" not in nl
    assert "Die overeenstemming is gemeten vóór die bespreking." in nl and "ter controle" not in nl
    assert f"is {before['overall_alpha']:.2f}".replace(".", ",") in nl and "andere onderzoeker" not in nl
    assert "tussen beiden" in nl and "nothing was settled" not in warned
    assert re.search(r"consensus has settled 1 of the \d+ places onderzoeker-a and onderzoeker-b coded differently "
                     r"\(1 changed since `agreed` started it\)", warned)
    en = _method(demo_copy, tmp_path, "en")
    assert "The counts are those of the joint coding both are drawing up by discussing their differences" in en
    # a coder of the pair changes her coding afterwards: the method keeps the agreement measured before
    assert sq("code", "-p", demo_copy, "--doc", row["doc"], "--code", row["code"], "--start", row["start"],
              "--end", row["end"], "--coder", "onderzoeker-a").returncode == 0
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert f"is {before['overall_alpha']:.2f}".replace(".", ",") in nl
    assert "changed their codings after consensus was started: the method gives their agreement then" in warned
    # and onderzoeker-b takes hers off there: the places they differ at are no longer those of the start,
    # and the method gives today's: said beside the agreement (it went unsaid)
    theirs = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--doc", row["doc"], "--code",
                           row["code"], "--format", "json").stdout)
    hit = next(c for c in theirs if c["start"] <= int(row["start"]) < c["end"])
    assert sq("uncode", "-p", demo_copy, "--id", hit["id"], "--coder", "onderzoeker-b").returncode == 0
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    then, today = map(int, re.search(r"they differed at (\d+) places then and at (\d+) today, which the method "
                                     r"says both of", warned).groups())
    # both said, the count of then beside the agreement of then ("Zij verschilden op 147 plaatsen" after
    # "gemeten vóór die bespreking" gave today's as the count before the discussion)
    assert today != then and (f"Zij verschilden toen op {number_word(then, 'nl')} plaatsen (een passage die de een "
                              f"wel en de ander niet met een bepaalde code codeerde); door latere wijzigingen in hun "
                              f"codering zijn dat er nu "
                              f"{number_word(today, 'nl')}. Over één daarvan is na bespreking besloten.") in nl, nl


def test_places_moved_after_every_one_was_settled_are_said_then_and_now(demo_copy, tmp_path):
    """Every place settled, then a coder's change took one away: the method said "Zij verschilden op
    elf plaatsen" beside the agreement measured before the meeting, at twelve: both are said now."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    places = json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)
    assert sq("differences", "consensus", *[p["id"] for p in places], "--discussed", "-p", demo_copy).returncode == 0
    nl = _method(demo_copy, tmp_path)
    assert f"Zij verschilden op {number_word(len(places), 'nl')} plaatsen" in nl and "over elk daarvan" in nl, nl
    # onderzoeker-b takes off a coding of hers only she had at a place: that place is no difference any more
    theirs = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format", "json").stdout)
    alone = next(c for c in theirs for p in places if p["coded_by"] == "onderzoeker-b" and p["doc"] == c["doc"]
                 and p["code"] == c["code"] and c["start"] <= int(p["start"]) and int(p["end"]) <= c["end"]
                 and sum(1 for q in places if q["doc"] == c["doc"] and c["start"] <= int(q["start"]) < c["end"]) == 1)
    assert sq("uncode", "-p", demo_copy, "--id", alone["id"], "--coder", "onderzoeker-b").returncode == 0
    now = json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)
    assert len(now) == len(places) - 1 and not [p for p in now if p["state"] == "open"], now
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert (f"Zij verschilden toen op {number_word(len(places), 'nl')} plaatsen (een passage die de een wel en de "
            f"ander niet met een bepaalde code codeerde); door latere wijzigingen in hun codering zijn dat er nu "
            f"{number_word(len(now), 'nl')}, en over elk daarvan is na bespreking besloten.") in nl, nl
    assert f"they differed at {len(places)} places then and at {len(now)} today, which the method says both of" \
        in warned, warned
    en = _method(demo_copy, tmp_path, "en")
    assert f"They then differed in {number_word(len(places), 'en')} places" in en, en


def test_agreed_starting_with_one_coder_and_its_refusals(demo_copy):
    done = sq("agreed", "-p", demo_copy, "akkoord", "--from", "onderzoeker-a", "onderzoeker-b",
              "--start-with", "onderzoeker-b")
    assert done.returncode == 0 and "started with all of onderzoeker-b's codings" in done.stdout, done.stderr
    assert "backup before: " in done.stderr and "--coder akkoord" in done.stderr
    coders = {c["name"]: c for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)}
    assert coders["akkoord"]["codings"] == coders["onderzoeker-b"]["codings"]
    for args, said in ((("akkoord", "--from", "onderzoeker-a", "onderzoeker-b"), "'akkoord' already has"),
                       (("x", "--from", "onderzoeker-a", "onderzoeker-a"), "give two different coders"),
                       (("x", "--from", "onderzoeker-a", "onderzoeker-c"), "unknown coder 'onderzoeker-c'"),
                       (("x", "--from", "akkoord", "onderzoeker-b"), "'akkoord' is itself the agreed coding"),
                       (("onderzoeker-a", "--from", "onderzoeker-a", "onderzoeker-b"), "is one of the two coders"),
                       (("x", "--from", "onderzoeker-a", "onderzoeker-b", "--start-with", "carl"), "neither 'both'")):
        done = sq("agreed", "-p", demo_copy, *args)
        assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1, (args, done.stderr)
    coders2 = {c["name"]: c["codings"] for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)}
    assert coders2 == {n: c["codings"] for n, c in coders.items()}  # a refusal changes nothing


def test_agreement_over_chosen_interviews_and_a_disagreement_names_its_sentence_and_coding(demo_copy):
    from sto_qual.services import Workspace
    every = json.loads(sq("agreement", "-p", demo_copy, "--format", "json").stdout)[0]
    ws = Workspace.open(demo_copy)
    try:
        shared = sorted({c.doc for c in ws.codings(coder="onderzoeker-a")} & {c.doc for c in ws.codings(coder="onderzoeker-b")})
        part = json.loads(sq("agreement", "-p", demo_copy, "--where", f"doc={shared[0]},{shared[1]}",
                             "--format", "json").stdout)[0]
        assert part["documents"] == 2 < every["documents"] and part["overall_units"] < every["overall_units"]
        rows = json.loads(sq("agreement", "-p", demo_copy, "--where", f"doc={shared[0]}", "--disagreements",
                             "--format", "json").stdout)
        assert rows and {r["doc"] for r in rows} == {shared[0]}
        for r in rows[:5]:  # the sentence as the workbench numbers it, and a coding of the coder who coded it
            c = ws.coding(r["coding"])
            assert c.doc == r["doc"] and c.start < r["end"] and r["start"] < c.end
            assert r["code"] == c.code or c.code.startswith(r["code"] + "/")
            units = sorted((u.start, u.end) for u in ws.units(r["doc"]))
            assert units[r["sentence"] - 1] == (r["start"], r["end"])
    finally:
        ws.close()
    outside = sorted(set(f"R{i:02d}" for i in range(1, 20)) - set(shared))[0]
    done = sq("agreement", "-p", demo_copy, "--where", f"doc={outside}")
    assert done.returncode == 1 and "coded none of the interviews --where keeps in common" in done.stderr


def test_comparing_an_agreed_coding_with_one_of_its_coders_is_said_to_be_no_check(demo_copy):
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    done = sq("agreement", "-p", demo_copy, "--coders", "onderzoeker-a", "consensus")
    assert done.returncode == 0
    assert "note: consensus is the agreed coding of onderzoeker-a and onderzoeker-b, made from their codings: its " \
           "agreement with either is no reliability figure" in done.stderr
    assert "agreed coding" not in sq("agreement", "-p", demo_copy).stderr.replace("(the agreed coding of", "")


def test_an_agreed_coding_counted_quotes_only_what_it_holds(demo_copy, tmp_path):
    """A passage one coder starred that the agreed coding left out was printed in the appendix
    beside a text that counted without it."""
    from sto_qual.services import Workspace
    from sto_qual.services.reporting import build_report_data
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    ws = Workspace.open(demo_copy)
    try:
        held = {(c.doc, c.start, c.end) for c in ws.codings(coder="consensus")}
        left = next(c for c in ws.codings(coder="onderzoeker-b") if c.doc in {d for d, _s, _e in held}
                    and not any(d == c.doc and s < c.end and c.start < e for d, s, e in held))
        ws.star(left.id)
        data = build_report_data(ws, ws.synthesis())
        assert left.id not in {q.id for q in data.appendix} | {q.id for t in data.themes for q in t.quotes}
        assert data.appendix and all(ws.coding(q.id).coder == "consensus" for q in data.appendix)
    finally:
        ws.close()


def test_disagreements_by_passage_join_the_sentences_of_one_difference(demo_copy):
    rows = json.loads(sq("agreement", "-p", demo_copy, "--disagreements", "--format", "json").stdout)
    passages = json.loads(sq("agreement", "-p", demo_copy, "--disagreements", "--passages", "--format", "json").stdout)
    assert 0 < len(passages) < len(rows)
    covered = 0
    for p in passages:  # each passage: its sentences' rows, one coder's code, in one interview
        first, _, last = p["sentences"].partition("-")
        first, last = int(first), int(last or first)
        mine = [r for r in rows if (r["doc"], r["code"], r["coded_by"]) == (p["doc"], p["code"], p["coded_by"])
                and first <= r["sentence"] <= last]
        assert len(mine) == last - first + 1 and mine[0]["start"] == p["start"] and mine[-1]["end"] == p["end"]
        assert p["coding"] == mine[0]["coding"] and p["text"]
        # every coding of hers the run holds: a run over two side by side named only the first ("745" for a
        # passage whose later sentences are coding 746)
        assert p["codings"] == list(dict.fromkeys(r["coding"] for r in mine)), (p, mine)
        covered += len(mine)
    assert covered == len(rows)
    assert any(len(p["codings"]) > 1 for p in passages)
    table = sq("agreement", "-p", demo_copy, "--passages").stdout
    two = next(p for p in passages if len(p["codings"]) > 1)
    assert f"{two['codings'][0]}, {two['codings'][1]}" in table


def test_the_agreement_table_leaves_out_codes_neither_coder_used(demo_copy):
    """A code nobody used there agrees on every sentence: its row read 1.00 as if the coders agreed on it."""
    rows = json.loads(sq("agreement", "-p", demo_copy, "--where", "doc=R02", "--format", "json").stdout)
    unused = [r["code"] for r in rows if r["both"] + r["only_a"] + r["only_b"] == 0]
    assert unused  # JSON lists every code
    table = sq("agreement", "-p", demo_copy, "--where", "doc=R02")
    lines = table.stdout.splitlines()
    assert not any(line.split() and line.split()[0] in unused for line in lines)
    assert f"note: {len(unused)} code{'s' if len(unused) > 1 else ''} neither coder used in these interviews left out" \
        in table.stderr


def test_differences_lists_each_place_with_its_state_and_a_meeting_marks_one_discussed(demo_copy, tmp_path):
    """A consensus meeting keeps most places as started: `differences NAME ID --discussed` marks
    one so; the list, the report and the method count it as settled."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    listed = sq("differences", "-p", demo_copy, "consensus", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    passages = json.loads(sq("agreement", "-p", demo_copy, "--disagreements", "--passages", "--format", "json").stdout)
    # the same places as `agreement --disagreements --passages`, numbered per interview as D counts them
    assert [(r["doc"], r["sentences"], r["code"], r["text"]) for r in rows] == [
        (p["doc"], p["sentences"], p["code"], p["text"]) for p in passages]
    r02 = [r["id"] for r in rows if r["doc"] == "R02"]
    assert r02 == [f"R02:{i}" for i in range(1, len(r02) + 1)] and {r["state"] for r in rows} == {"open"}
    n = len(rows)
    assert listed.stderr.strip().endswith(f"consensus: 0 of the {n} places onderzoeker-a and onderzoeker-b coded "
                                          f"differently settled (0 changed since `agreed` started it, 0 discussed "
                                          f"and kept as started); {n} open")
    # nothing settled: the method does not claim a discussion
    assert "Geteld is wat beiden met dezelfde code codeerden" in _method_after_reference(demo_copy, tmp_path)
    # one place changed (the agreed coding takes a code only one gave), two kept as started after discussion
    first = rows[0]
    assert sq("code", "-p", demo_copy, "--doc", first["doc"], "--code", first["code"], "--start", first["start"],
              "--end", first["end"], "--coder", "consensus").returncode == 0
    # two ids with a comma between, as --where takes doc=R01,R02 (it read as one interview 'R02:1,R02')
    done = sq("differences", "-p", demo_copy, "Consensus", f"{rows[1]['id']},{rows[2]['id'].lower()}", "--discussed")
    assert done.returncode == 0, done.stderr
    assert f"marked discussed and kept as started: {rows[1]['id']}, {rows[2]['id']}" in done.stderr
    shown = done.stdout.splitlines()[2:]  # the two rows under the table's header, as they stand now
    assert [line.split()[0] for line in shown] == [rows[1]["id"], rows[2]["id"]]
    assert all(" discussed " in line for line in shown)
    state = {r["id"]: r["state"] for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format",
                                                        "json").stdout)}
    assert (state[first["id"]], state[rows[1]["id"]], state[rows[2]["id"]]) == ("changed", "discussed", "discussed")
    assert list(state.values()).count("open") == n - 3
    still = json.loads(sq("differences", "-p", demo_copy, "consensus", "--open", "--format", "json").stdout)
    assert [r["id"] for r in still] == [i for i, s in state.items() if s == "open"]
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert "Geteld is de gezamenlijke codering die beiden opstellen door hun verschillen te bespreken" in nl
    assert (f"consensus has settled 3 of the {n} places onderzoeker-a and onderzoeker-b coded differently (1 changed "
            f"since `agreed` started it, 2 discussed and kept as started)") in warned
    assert f"{n - 3} are still open, and the method says so until they are settled (`sto-qual differences " \
           "consensus --open --project " in warned
    # the method says how far the discussion got, not that every difference was discussed
    assert (f"Zij verschilden op {n} plaatsen (een passage die de een wel en de ander niet met een bepaalde code "
            f"codeerde); over drie daarvan is na bespreking besloten. Op de andere {n - 3} plaatsen telt nog de "
            "codering zoals die begon: wat beiden met dezelfde code codeerden, in de afbakening van de eerste "
            "onderzoeker; de aantallen zijn daarom nog een ondergrens.") in nl
    # the mark comes off again; a settled place is not marked over
    off = sq("differences", "-p", demo_copy, "consensus", rows[2]["id"], "--clear")
    assert off.returncode == 0 and f"no longer marked discussed: {rows[2]['id']}" in off.stderr
    over = sq("differences", "-p", demo_copy, "consensus", first["id"], rows[1]["id"], "--discussed")
    assert f"not marked: {first['id']} (settled already: the agreed coding changed there" in over.stderr
    assert f"not marked: {rows[1]['id']} (marked already)" in over.stderr and "marked discussed and" not in over.stderr
    never = sq("differences", "-p", demo_copy, "consensus", rows[2]["id"], first["id"], "--clear")
    assert f"not changed: {rows[2]['id']} (not marked discussed)" in never.stderr
    assert f"not changed: {first['id']} (not marked discussed)" in never.stderr  # changed, but never marked
    assert "no longer marked" not in never.stderr
    state = {r["id"]: r["state"] for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format",
                                                        "json").stdout)}
    assert (state[first["id"]], state[rows[1]["id"]], state[rows[2]["id"]]) == ("changed", "discussed", "open")
    # what the meeting decided is kept with the place (a decision log, `--format csv`), and taken off again
    why = "Gaat over behoud van het aanbod, niet over urgentie: zo gelaten"
    kept = sq("differences", "-p", demo_copy, "consensus", rows[1]["id"], "--note", why)
    assert kept.returncode == 0 and f"note kept with: {rows[1]['id']}" in kept.stderr
    log = {r["id"]: r for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)}
    assert log[rows[1]["id"]]["note"] == why and log[rows[1]["id"]]["state"] == "discussed"
    # the log says the outcome: the agreed coding took the code where it changed, not where it kept the start
    assert (log[first["id"]]["holds"], log[rows[1]["id"]]["holds"]) == (True, False)
    assert {r["note"] for i, r in log.items() if i != rows[1]["id"]} == {""}
    assert why in sq("differences", "-p", demo_copy, "consensus", "--format", "csv").stdout
    assert sq("differences", "-p", demo_copy, "consensus", rows[1]["id"], "--note", "").returncode == 0
    assert json.loads(sq("differences", "-p", demo_copy, "consensus", rows[1]["id"], "--format",
                         "json").stdout)[0]["note"] == ""
    # the meeting goes through the rest: every place settled, the method says so and the report stops warning
    assert sq("differences", "-p", demo_copy, "consensus", *(i for i, s in state.items() if s == "open"),
              "--discussed").returncode == 0
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert (f"Zij verschilden op {n} plaatsen (een passage die de een wel en de ander niet met een bepaalde code "
            "codeerde); over elk daarvan is na bespreking besloten.") in nl and "still open" not in warned
    assert "Geteld is de codering waarover beiden na bespreking van hun verschillen overeenstemming bereikten" in nl
    en = _method(demo_copy, tmp_path, "en")
    assert f"They differed in {n} places (a passage one of them gave a code and the other did not); each of them was " \
           "discussed and decided." in en


def _method_after_reference(path, tmp_path):
    assert sq("reference-coder", "-p", path, "consensus").returncode == 0
    return _method(path, tmp_path)


def test_differences_refuses_what_it_cannot_mark_and_changes_nothing(demo_copy):
    # an analyst without an agreed coding asked for "the differences": "Missing argument 'NAME'", then
    # "'consensus' is not an agreed coding (start one …)": both now say where two coders' differences are
    for args in ((), ("consensus",)):
        none = sq("differences", "-p", demo_copy, *args)
        assert none.returncode == 1 and none.stderr.count("\n") == 1 and "`sto-qual agreement --coders A B " \
            f"--passages --project {demo_copy}` lists where two coders differ" in none.stderr, none.stderr
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    before = sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout
    assert sq("differences", "-p", demo_copy, "--format", "json").stdout == before  # the one there is
    n = sum(1 for r in json.loads(before) if r["doc"] == "R02")
    for args, said in (
            (("consensus", "R02:1", f"R02:{n + 1}", "--discussed"),
             f"no difference 'R02:{n + 1}': onderzoeker-a and onderzoeker-b coded R02 differently in {n} places "
             f"(R02:1 to R02:{n})"),
            (("consensus", "R01:1"), "onderzoeker-a and onderzoeker-b did not both code R01: consensus holds only "
                                     "the interviews both coded"),
            (("consensus", "R99:1"), "no difference 'R99:1': no interview 'R99' in this project"),
            (("consensus", "3", "--discussed"), "an id is the interview and the place's number in it, e.g. R01:3"),
            (("onderzoeker-a",), "'onderzoeker-a' is not an agreed coding (the agreed codings here: consensus)"),
            (("consensus", "--discussed"), "--discussed needs the ids of the places"),
            (("consensus", "--note", "zo gelaten"), "--note needs the ids of the places"),
            (("consensus", "R02:1", f"R02:{n + 1}", "--note", "zo gelaten"), f"no difference 'R02:{n + 1}'"),
            (("consensus", "R02:1", "--discussed", "--clear"), "give --discussed or --clear, not both")):
        done = sq("differences", "-p", demo_copy, *args)
        assert done.returncode == 1 and said in done.stderr and done.stderr.count("\n") == 1, (args, done.stderr)
    # R02:1 was named beside an unknown id: nothing was marked
    assert sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout == before
    # "R2:1" is R02:1, as `code --doc R2` takes R02 (it said "no interview 'R2'")
    short = sq("differences", "-p", demo_copy, "consensus", "r2:1", "--format", "json")
    assert short.returncode == 0 and [r["id"] for r in json.loads(short.stdout)] == ["R02:1"], short.stderr
    assert "note: r2:1 is R02:1" in short.stderr.splitlines(), short.stderr  # said, before --discussed trusts it
    assert "is R02:1" not in sq("differences", "-p", demo_copy, "consensus", "R02:1").stderr


def test_the_agreed_coding_changes_only_its_own_codings_never_its_two_coders(demo_copy):
    """In a consensus meeting `uncode ID --coder consensus` with an id from the disagreement list
    (one coder's coding) would change what the agreement and the differences are measured on."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    row = next(r for r in json.loads(sq("agreement", "-p", demo_copy, "--disagreements", "--format", "json").stdout)
               if r["coded_by"] == "onderzoeker-b")
    before = sq("codings", "-p", demo_copy, "--format", "json").stdout
    for args in (("uncode", str(row["coding"])), ("star", str(row["coding"])), ("resize", str(row["coding"]), "--snap"),
                 ("uncode", "--doc", row["doc"], "--code", row["code"], "--start", str(row["start"]), "--end",
                  str(row["end"]), "--all-coders")):
        done = sq(*args[:1], "-p", demo_copy, *args[1:], "--coder", "consensus")
        assert done.returncode == 1 and done.stderr.count("\n") == 1, (args, done.stderr)
        assert (f"#{row['coding']} is onderzoeker-b's coding, and consensus is the agreed coding made from "
                "onderzoeker-a's and onderzoeker-b's: it changes only its own codings; nothing was changed") in done.stderr
        if args[0] == "uncode" and len(args) == 2:  # its hint gave an uncode of consensus's, which has none there
            assert f"consensus holds no coding of {row['code']} on that passage" in done.stderr, done.stderr
            assert "uncode --doc" not in done.stderr
    # taking the code off a passage only one of the two coded: the hint gave `uncode --id N`, run with
    # --coder consensus, which the rule above refuses
    done = sq("uncode", "-p", demo_copy, "--doc", row["doc"], "--code", row["code"], "--start", str(row["start"]),
              "--end", str(row["end"]), "--coder", "consensus")
    assert done.returncode == 1 and "uncode --id" not in done.stderr and done.stderr.rstrip().endswith(
        "(consensus is the agreed coding made from them: it leaves their codings as they are, and has none there to "
        "take off)"), done.stderr
    assert sq("codings", "-p", demo_copy, "--format", "json").stdout == before
    # the coder herself, or a colleague fixing it, still can
    done = sq("star", "-p", demo_copy, str(row["coding"]), "--coder", "onderzoeker-a")
    assert done.returncode == 0, done.stderr


def test_a_coding_of_the_agreed_coding_where_its_two_coders_did_not_both_code_is_said(demo_copy):
    """`code --doc R01 --coder consensus` said nothing, and counted nowhere: `stats` then said
    consensus coded 7 interviews, while its differences and the chapter held 6. A mistyped agreed
    coding's name gets the near one."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    both = {d["doc"] for d in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)}
    outside = sq("code", "-p", demo_copy, "--doc", "R01", "--sentence", "5", "--code", "urgentie", "--coder",
                 "consensus")
    assert outside.returncode == 0 and "R01" not in both
    assert ("note: onderzoeker-a and onderzoeker-b did not both code R01: consensus, the agreed coding made from "
            "theirs, holds only the interviews both coded, and its differences and the chapter leave R01 out") \
        in outside.stderr, outside.stderr
    inside = sq("code", "-p", demo_copy, "--doc", sorted(both)[0], "--sentence", "5", "--code", "urgentie",
                "--coder", "consensus")
    assert inside.returncode == 0 and "did not both code" not in inside.stderr
    typo = sq("differences", "-p", demo_copy, "consensu")
    assert typo.returncode == 1 and "'consensu' is not an agreed coding (did you mean consensus?)" in typo.stderr


def test_a_mark_whose_place_a_coder_changed_is_said_and_the_place_is_open_again(demo_copy):
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    rows = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
    target = next(r for r in rows if r["coded_by"] == "onderzoeker-b")
    assert sq("differences", "-p", demo_copy, "consensus", target["id"], "--discussed").returncode == 0
    # onderzoeker-a codes it too now (her own coding): the place is no difference any more
    assert sq("code", "-p", demo_copy, "--doc", target["doc"], "--code", target["code"], "--start", target["start"],
              "--end", target["end"], "--coder", "onderzoeker-a").returncode == 0
    done = sq("differences", "-p", demo_copy, "consensus", "--format", "json")
    # (it said "listed anew, open": nothing was, the place is gone)
    assert "note: 1 place marked discussed is no longer a difference: onderzoeker-a and onderzoeker-b code it " \
           "alike now" in done.stderr
    assert len(json.loads(done.stdout)) == len(rows) - 1 and "0 discussed" in done.stderr
    # a coder changing the shape of a marked place (the other codes its first sentence too): it is
    # listed anew, open
    other = next(r for r in json.loads(done.stdout) if r["coded_by"] == "onderzoeker-a" and "-" in r["sentences"])
    assert sq("differences", "-p", demo_copy, "consensus", other["id"], "--discussed").returncode == 0
    assert sq("code", "-p", demo_copy, "--doc", other["doc"], "--code", other["code"], "--sentence",
              other["sentences"].split("-")[0], "--coder", "onderzoeker-b").returncode == 0
    done = sq("differences", "-p", demo_copy, "consensus", "--format", "json")
    [anew] = [r for r in json.loads(done.stdout) if r["doc"] == other["doc"] and r["code"] == other["code"]
              and r["state"] == "open" and r["start"] < other["end"] and other["start"] < r["end"]]
    # the ids it was marked under and is listed under now (a chair's minutes cite the first)
    said = (f"note: {other['id']} was marked discussed, and onderzoeker-a or onderzoeker-b changed her coding there "
            f"since: it is listed anew as {anew['id']}, open (`sto-qual differences consensus {anew['id']} --discussed "
            f"--project {demo_copy}` marks it again)")
    assert said in done.stderr, done.stderr
    looked_up = sq("differences", "-p", demo_copy, "consensus", other["id"])
    assert looked_up.returncode == 1 and (f"no difference '{other['id']}': onderzoeker-a or onderzoeker-b changed her "
                                          f"coding there since, and the place is {anew['id']} now") in looked_up.stderr
    assert sq("differences", "-p", demo_copy, "consensus", anew["id"], "--discussed").returncode == 0
    assert "was marked discussed" not in sq("differences", "-p", demo_copy, "consensus").stderr  # marked again


def test_an_agreed_coding_copied_from_one_coder_is_said_to_count_that_coding(demo_copy, tmp_path):
    assert sq("agreed", "-p", demo_copy, "akkoord", "--from", "onderzoeker-a", "onderzoeker-b",
              "--start-with", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "akkoord").returncode == 0
    nl, warned = _method(demo_copy, tmp_path, warnings=True)
    assert "Geteld is de codering van de tweede" in nl
    assert "nothing was settled, so the method says it counts onderzoeker-b's coding, which it copied" in warned
    assert "both coded, not" not in warned


def test_an_agreed_coding_can_be_started_again_and_no_other_coder_can_be_replaced(demo_copy):
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    first = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)[0]
    assert sq("code", "-p", demo_copy, "--doc", first["doc"], "--code", first["code"], "--start", first["start"],
              "--end", first["end"], "--coder", "consensus").returncode == 0
    assert sq("differences", "-p", demo_copy, "consensus", "R02:2", "--discussed", "--note", "zo").returncode == 0
    again = sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b")
    assert again.returncode == 1 and "or start consensus again with --replace" in again.stderr
    done = sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "--start-with",
              "onderzoeker-a", "--replace", "--format", "json")
    assert done.returncode == 0, done.stderr
    res = json.loads(done.stdout)
    assert res["replaced"] > 0 and res["start_with"] == "onderzoeker-a" and res["backup"]
    coders = {c["name"]: c for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)}
    shared = set(res["documents"])
    a_there = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-a", "--format", "json").stdout)
    assert coders["consensus"]["codings"] == res["codings"] == sum(1 for c in a_there if c["doc"] in shared)
    after = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
    assert {r["state"] for r in after} == {"open"} and {r["note"] for r in after} == {""}
    assert sq("undo", "-p", demo_copy, "--coder", "consensus").returncode == 1  # its old steps went with it
    # a coder who codes independently is never replaced
    assert sq("code", "-p", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "3", "--coder",
              "carla").returncode == 0
    refused = sq("agreed", "-p", demo_copy, "carla", "--from", "onderzoeker-a", "onderzoeker-b", "--replace")
    assert refused.returncode == 1 and "'carla' is no agreed coding: --replace starts only an agreed coding again" \
        in refused.stderr
    assert {c["name"]: c["codings"] for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)
            }["carla"] == 1


def test_an_agreed_coding_of_one_interview_says_so_in_the_singular_and_keeps_both_memos(small_ws, tmp_path):
    """`agreed` printed "in the 1 interviews both coded"; and the second coder's memo on a
    passage both coded was lost (the agreed coding took the first coder's alone)."""
    from sto_qual.services import Workspace
    for coder, memo in (("anna", "Anna: tekort als kern."), ("bram", "Bram: ook vacatures.")):
        small_ws.assign_code("R90", "urgentie", unit=small_ws.units("R90")[1].id, coder=coder, memo=memo,
                             starred=coder == "bram")
    small_ws.close()
    done = sq("agreed", "-p", tmp_path / "small.db", "consensus", "--from", "anna", "bram")
    assert done.returncode == 0, done.stderr
    assert "1 coding, in the interview both coded (R90)" in done.stdout, done.stdout
    ws = Workspace.open(tmp_path / "small.db")
    [agreed] = ws.codings(coder="consensus")
    ws.close()
    assert agreed.memo == "Anna: tekort als kern.\nBram: ook vacatures." and agreed.starred


def test_the_agreed_codings_memo_of_a_passage_both_coded_says_whose_each_line_is(small_ws, tmp_path):
    """After `agreed`, `memos` and the chapter's memo appendix listed both coders' memos under the
    agreed coding, joined, with nothing saying whose was whose."""
    from sto_qual.services import Workspace
    for coder, memo in (("anna", "citaat over PIE"), ("bram", "sterk citaat")):
        small_ws.assign_code("R90", "urgentie", unit=small_ws.units("R90")[1].id, coder=coder, memo=memo)
    small_ws.close()
    assert sq("agreed", "-p", tmp_path / "small.db", "consensus", "--from", "anna", "bram").returncode == 0
    ws = Workspace.open(tmp_path / "small.db")
    [agreed] = ws.codings(coder="consensus")
    ws.close()
    assert agreed.memo == "anna: citaat over PIE\nbram: sterk citaat"


def test_an_interview_both_coders_coded_later_is_said_and_add_takes_it_in_keeping_the_marks(demo_copy, tmp_path):
    """Both coders coded R03 after the agreed coding was started: `agreement` counted it, but the
    chapter (and its method's "de zes interviews") stayed with the interviews it was started from,
    and only `agreed --replace` took R03 in, dropping the meeting's marks. The report and
    `differences` now name it, and `agreed NAME --add` takes it in as the others were started,
    with the marks, notes and settled codings elsewhere kept."""
    from sto_qual.services import Workspace
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    refused = sq("agreed", "-p", demo_copy, "consensus", "--add")
    assert refused.returncode == 1 and "coded no interview since consensus was started" in refused.stderr
    assert sq("differences", "-p", demo_copy, "consensus", "R02:1", "--discussed").returncode == 0
    ws = Workspace.open(demo_copy)
    try:
        settled = ws.codings(doc="R05", coder="consensus")[0]
        ws.remove_coding(settled.id, coder="consensus")  # the meeting took one off in R05
        a_r03 = ws.codings(doc="R03", coder="onderzoeker-a")
        for c in a_r03[:3]:  # the second coder codes R03 after the start: the same passages and codes
            ws.assign_code("R03", c.code, start=c.start, end=c.end, coder="onderzoeker-b")
    finally:
        ws.close()
    listed = sq("differences", "-p", demo_copy, "consensus")
    assert ("note: onderzoeker-a and onderzoeker-b both coded R03 after consensus was started, and consensus holds "
            f"none of it: `sto-qual agreed consensus --add --project {demo_copy}` takes it in") in listed.stderr, \
        listed.stderr
    # its places are not the agreed coding's yet: not listed, not counted, and no change of the coders'
    assert not any(line.startswith("R03:") for line in listed.stdout.splitlines()), listed.stdout
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    _, said = _method(demo_copy, tmp_path, warnings=True)
    assert "both coded R03 after consensus was started" in said and "the chapter leaves it out" in said, said
    assert "changed their codings after consensus was started" not in said, said
    done = sq("agreed", "-p", demo_copy, "consensus", "--add", "--format", "json")
    assert done.returncode == 0, done.stderr
    res = json.loads(done.stdout)
    assert res["documents"] == ["R03"] and res["codings"] == 3 and res["backup"]
    ws = Workspace.open(demo_copy)
    try:
        r03 = {(c.code, c.start, c.end) for c in ws.codings(doc="R03", coder="consensus")}
        assert r03 == {(c.code, c.start, c.end) for c in a_r03[:3]}
        assert settled.id not in {c.id for c in ws.codings(doc="R05", coder="consensus")}  # still settled
    finally:
        ws.close()
    mark = json.loads(sq("differences", "-p", demo_copy, "consensus", "R02:1", "--format", "json").stdout)[0]
    assert mark["state"] == "discussed"
    places = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
    assert any(p["doc"] == "R03" for p in places)  # taken in: its places are the meeting's now
    text, said = _method(demo_copy, tmp_path, warnings=True)
    assert "zeven interviews" in text and "R03 after consensus" not in said, (text, said)
    again = sq("agreed", "-p", demo_copy, "consensus", "--add")
    assert again.returncode == 1 and "nothing was changed" in again.stderr


def test_a_second_agreed_coding_of_the_same_two_coders_is_said(demo_copy):
    """A new user ran `agreed` again under a new name and had two agreed codings of one pair,
    unsaid, the report counting one of them; the only way back was the backup."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    done = sq("agreed", "-p", demo_copy, "consensus2", "--from", "onderzoeker-b", "onderzoeker-a")
    assert done.returncode == 0, done.stderr
    [note] = [x for x in done.stderr.splitlines() if x.startswith("note:") and "agreed coding already" in x]
    said = next(x for x in done.stderr.splitlines() if x.startswith("backup before: ")).removeprefix("backup before: ")
    backup = said.split(" (")[0]
    assert said == f"{backup} (`sto-qual restore -p {demo_copy} {backup}` takes it back)"  # the line says how, too
    assert note == ("note: onderzoeker-b and onderzoeker-a have an agreed coding already (consensus); consensus2 is one "
                    f"more, and the report counts the one `sto-qual reference-coder --project {demo_copy}` names; "
                    f"`sto-qual restore -p {demo_copy} {backup}` takes it back")
    assert sq("restore", "-p", demo_copy, backup, "--yes").returncode == 0  # and it does
    assert "consensus2" not in sq("coders", "-p", demo_copy).stdout
    # started again under its own name (--replace) it is no second one
    done = sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "--replace")
    assert done.returncode == 0 and "agreed coding already" not in done.stderr, done.stderr


def test_text_reviewed_with_an_agreed_reference_coder_is_the_chapters(demo_copy, tmp_path):
    """With the agreed coding as reference coder, F9 drafted and a person reviewed sentences over
    all nineteen interviews ("in een paar regio's (2 van 19)"), while the chapter, which is about
    the six it holds, drafted afresh over those and printed the draft: her text was left out
    without a word. The drafts are of those six now, and her text is the chapter's; a chapter on
    part of them (--where) says it leaves her text out."""
    import docx
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    assert sq("summarize", "-p", demo_copy, "--theme", "urgentie").returncode == 0
    shown = json.loads(sq("summary", "show", "-p", demo_copy, "--theme", "urgentie", "--format", "json").stdout)
    assert not any(" van 19)" in x for x in shown["lead"]) and any(" van 6)" in x for x in shown["lead"]), shown["lead"]
    own = "In elk van de zes interviews gaat het over de verschuiving van de urgentie, eigen zin."
    assert sq("summary", "set", "-p", demo_copy, "--theme", "urgentie", "--lead", "1", "--text", own).returncode == 0
    out = tmp_path / "r.docx"
    done = sq("report", "-p", demo_copy, "-o", out)
    assert done.returncode == 0, done.stderr
    assert any(own in p.text for p in docx.Document(str(out)).paragraphs)
    assert "reviewed text" not in done.stderr
    part = sq("report", "-p", demo_copy, "-o", tmp_path / "part.docx", "--where", "doc=R02,R05,R07")
    assert part.returncode == 0, part.stderr
    assert "warning: the reviewed text of urgentie is not in this chapter" in part.stderr, part.stderr
    assert not any(own in p.text for p in docx.Document(str(tmp_path / "part.docx")).paragraphs)


def test_a_note_on_a_place_no_longer_a_difference_is_said_with_its_text(demo_copy):
    """A meeting noted at R02:1 what it decided; then a coder took her coding there away. The note
    vanished from the listing (the meeting's decision log) and stderr said the place was "listed
    anew, open", where nothing was listed anew: the two coded it alike now."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    first = json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)[0]
    assert sq("differences", "consensus", first["id"], "--discussed", "-p", demo_copy).returncode == 0
    assert sq("differences", "consensus", first["id"], "--note", "b trekt dit terug", "-p", demo_copy).returncode == 0
    assert sq("uncode", "-p", demo_copy, "--coder", first["coded_by"], "--doc", first["doc"], "--code", first["code"],
              "--start", first["start"], "--end", first["end"]).returncode == 0
    after = sq("differences", "consensus", "-p", demo_copy)
    assert after.returncode == 0
    assert "listed anew" not in after.stderr, after.stderr
    assert (f"note: 1 place marked discussed is no longer a difference: onderzoeker-a and onderzoeker-b code it "
            "alike now") in after.stderr, after.stderr
    assert (f"note: the note on {first['doc']}, sentences {first['sentences']} ({first['code']}) is on no place "
            "listed now (onderzoeker-a or onderzoeker-b changed her coding there since): “b trekt dit terug”"
            ) in after.stderr, after.stderr


def test_the_method_speaks_of_one_place_left_open_in_dutch(demo_copy, tmp_path):
    """With one place left open the method read "Op de andere één telt nog wat beiden …"."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    ids = [r["id"] for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)]
    assert sq("differences", "-p", demo_copy, "consensus", *ids[1:], "--discussed").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    nl = _method(demo_copy, tmp_path)
    # whose span: at an open place the agreed coding holds the first researcher's passage where both coded
    # it ("telt nog wat beiden … codeerden" read as untrue where her passage was the longer one)
    assert ("Op de andere plaats telt nog de codering zoals die begon: wat beiden met dezelfde code codeerden, in de "
            "afbakening van de eerste onderzoeker; de aantallen zijn daarom nog een ondergrens.") in nl, nl
    assert "In the other place, the counts still follow" in _method(demo_copy, tmp_path, lang="en")


def test_with_an_agreed_reference_coder_agreement_compares_its_two_coders_as_the_chapter_does(demo_copy, tmp_path):
    """anna and bram coded two interviews and their agreed coding was the reference coder: the
    chapter reported anna and bram's agreement, while `agreement` and the dashboard compared
    onderzoeker-a and onderzoeker-b (the most interviews in common), another figure."""
    for coder, sentences in (("anna", ("3", "5", "9")), ("bram", ("3", "5", "12"))):
        for doc in ("R01", "R03"):
            for n in sentences:
                assert sq("code", "-p", demo_copy, "--doc", doc, "--code", "urgentie", "--sentence", n,
                          "--coder", coder).returncode == 0
    assert sq("agreement", "-p", demo_copy, "--format", "json").stdout.count("onderzoeker-a") >= 1
    assert sq("agreed", "-p", demo_copy, "samen", "--from", "anna", "bram").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "samen").returncode == 0
    row = json.loads(sq("agreement", "-p", demo_copy, "--format", "json").stdout)[0]
    assert (row["coder_a"], row["coder_b"]) == ("anna", "bram"), row
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        assert ws.agreement_pair() == ("anna", "bram")
    finally:
        ws.close()


def test_a_merge_brings_in_a_meeting_only_from_a_copy_of_the_same_start(demo_copy, tmp_path):
    """The meeting settled places; a coder's copy took them in by `merge`; the lead then started
    the agreed coding again (after a `restore`): merging that copy back brought the discarded
    meeting's codings into the new one ("3 of the 19 places settled" that nobody settled). A
    backup of this project, on which the meeting is held, is still brought in."""
    def places(state="changed"):
        rows = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
        return sum(1 for r in rows if r["state"] == state)

    coder_copy = tmp_path / "anna.db"  # a coder's own copy, made before the meeting
    assert sq("backup", "-p", demo_copy, "-o", coder_copy).returncode == 0
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    laptop = tmp_path / "laptop.db"  # the meeting, held on a backup of the project
    assert sq("backup", "-p", demo_copy, "-o", laptop).returncode == 0
    started = tmp_path / "started.db"
    assert sq("backup", "-p", demo_copy, "-o", started).returncode == 0
    first = json.loads(sq("differences", "-p", laptop, "consensus", "--format", "json").stdout)[0]
    assert sq("code", "-p", laptop, "--doc", first["doc"], "--code", first["code"], "--start", first["start"],
              "--end", first["end"], "--coder", "consensus").returncode == 0
    back = sq("merge", "-p", demo_copy, laptop)
    assert back.returncode == 0 and places() == 1, back.stdout + back.stderr
    took = sq("merge", "-p", coder_copy, demo_copy)  # her copy takes the meeting in
    assert took.returncode == 0 and "consensus" in sq("coders", "-p", coder_copy).stdout, took.stderr
    assert sq("restore", "-p", demo_copy, started, "--yes").returncode == 0  # the lead rolls the meeting back
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b",
              "--replace").returncode == 0
    assert places() == 0
    again = sq("merge", "-p", demo_copy, coder_copy)
    assert places() == 0, again.stdout + again.stderr  # nothing of the discarded meeting came back
    said = again.stdout + again.stderr
    assert "of consensus in anna.db not brought in" in said and "not of this start of it" in said, said
    assert "each hold codings under that name" not in said  # a meeting's coding is no two people


def test_a_coder_renamed_stays_one_of_her_agreed_codings_two_and_the_reference_coder(demo_copy):
    """`coder-rename`: an agreed coding made from her, the reference and default coder follow
    the new name; the agreed coding itself keeps its name."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    before = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
    assert sq("reference-coder", "onderzoeker-a", "-p", demo_copy).returncode == 0
    assert sq("coder-rename", "onderzoeker-a", "anna", "-p", demo_copy).returncode == 0
    after = json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
    assert len(after) == len(before) and {r["coded_by"] for r in after} <= {"anna", "onderzoeker-b"}
    assert "anna" in sq("reference-coder", "-p", demo_copy).stdout
    refused = sq("coder-rename", "consensus", "overleg", "-p", demo_copy)
    assert refused.returncode == 1 and "is an agreed coding; it keeps the name" in refused.stderr


def test_a_meeting_started_in_another_copy_is_not_taken_for_two_people_under_one_name(demo_copy, tmp_path):
    """The other copy started its own agreed coding of the same name: the merge said "they are one
    coder's codings now … `coder-rename consensus NEW`", which is refused for an agreed coding."""
    other = tmp_path / "other.db"
    assert sq("backup", "-p", demo_copy, "-o", other).returncode == 0
    for project in (demo_copy, other):
        assert sq("agreed", "-p", project, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    places = json.loads(sq("differences", "-p", other, "consensus", "--format", "json").stdout)
    doc = next(p["doc"] for p in places if sum(q["doc"] == p["doc"] for q in places) > 1)
    one, two = [p for p in places if p["doc"] == doc][:2]
    for project, place in ((other, one), (demo_copy, two)):  # each meeting settles another place there
        assert sq("code", "-p", project, "--doc", place["doc"], "--code", place["code"], "--start", place["start"],
                  "--end", place["end"], "--coder", "consensus").returncode == 0
    merged = sq("merge", "-p", demo_copy, other)
    said = merged.stdout + merged.stderr
    assert "not brought in" in said and "each hold codings under that name" not in said, said


def test_the_topics_agreed_on_too_little_are_named_while_places_are_open(demo_copy, tmp_path):
    """With the agreed coding counted and 138 of 146 places still open, the method gave the overall
    0,69 without the topics below 0,667 it names for either coder: the open places count as
    started. Once every place is settled the discussion answered them, and the list goes."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    places = [r["id"] for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)]
    assert sq("differences", "-p", demo_copy, "consensus", *places[:8], "--discussed").returncode == 0
    weak = "ligt ze onder de grens voor voorzichtige conclusies (0,667): behoud van het techniekaanbod (0,40)"
    assert weak in _method(demo_copy, tmp_path)
    assert sq("differences", "-p", demo_copy, "consensus", *places[8:], "--discussed").returncode == 0
    assert weak not in _method(demo_copy, tmp_path)


def test_undo_after_a_mark_says_the_mark_stays_and_how_it_is_taken_off(demo_copy):
    """In the meeting: consensus coded a place, then marked another discussed, then pressed undo for
    the mark. The undo took back the coding before it without a word, and the mark stayed."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    place = next(r for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format", "json").stdout)
                 if r["coded_by"] == "onderzoeker-a")
    first, last = place["sentences"].split("-") if "-" in str(place["sentences"]) else (place["sentences"],) * 2
    assert sq("code", "-p", demo_copy, "--doc", place["doc"], "--code", place["code"], "--sentence",
              f"{first}-{last}", "--coder", "consensus").returncode == 0
    other = next(r["id"] for r in json.loads(sq("differences", "-p", demo_copy, "consensus", "--format",
                                                "json").stdout) if r["state"] == "open")
    assert sq("differences", "-p", demo_copy, "consensus", other, "--discussed").returncode == 0
    undone = sq("undo", "-p", demo_copy, "--coder", "consensus")
    assert undone.returncode == 0 and (
        f"note: the mark of {other} as discussed (`sto-qual differences consensus {other} --clear") in undone.stderr, \
        undone.stderr
    assert "takes it back, as K on it again in the workbench)" in undone.stderr  # the meeting's own way back


def test_a_chapter_merging_every_coder_with_an_agreed_coding_among_them_says_how_to_count_that_one(demo_ws):
    """With no reference coder the chapter merged the agreed coding's codings with those of its two
    coders, and its method spoke of "beider codering": the writer was not told to name it."""
    demo_ws.set_reference_coder(None)
    demo_ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    said = [w for w in demo_ws.report_data().warnings if w.startswith("the chapter merges every coder's")]
    assert said == ["the chapter merges every coder's codings, those of the agreed coding consensus with those of "
                    "the coders it comes from, as no reference coder is set: `sto-qual reference-coder consensus` "
                    "makes it count the agreed coding, and the method then says so"], said
    demo_ws.set_reference_coder("consensus")
    assert not [w for w in demo_ws.report_data().warnings if w.startswith("the chapter merges every coder's")]


def test_a_chapter_counting_the_agreed_coding_on_interviews_it_does_not_hold_is_refused(demo_copy, tmp_path):
    """After `reference-coder consensus` the report advised --where "to report on others"; doing so
    failed with "internal error: KeyError: 'id'" where consensus held none of them, and with
    `--where region_type=krimp` (two of the four in consensus) the chapter read "in de helft van de
    krimpregio's (2 van 4)" where the first coder's coding had all four. Refused, nothing written,
    naming the coding that covers them; the warning names that way too."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    chosen = sq("reference-coder", "-p", demo_copy, "consensus")  # said when chosen, not first after a report
    assert chosen.returncode == 0 and chosen.stderr.startswith(
        "note: consensus holds 6 of the 19 interviews (R02, R05, R07, R11, R14, R18): a chapter counting it is about "
        "those; `sto-qual reference-coder onderzoeker-a"), chosen.stderr
    for where, outside in (("doc=R01,R03,R04", "R01, R03 and R04"), ("region_type=krimp", "R12 and R17")):
        out = tmp_path / "h.docx"
        got = sq("report", "-p", demo_copy, "-o", out, "--where", where)
        assert got.returncode == 1 and not out.exists() and "Traceback" not in got.stderr, got.stderr
        assert got.stderr.strip() == (
            f"error: --where {where} keeps interviews consensus does not hold ({outside}): it is the agreed coding of "
            "the six interviews onderzoeker-a and onderzoeker-b both coded (R02, R05, R07, R11, R14, R18); nothing "
            f"was written (`sto-qual reference-coder onderzoeker-a --project {demo_copy}` makes the chapter count "
            "onderzoeker-a's coding of every interview again; or keep --where to those six)")
        assert sq("report", "-p", demo_copy, "-o", out, "--where", where, "--coder", "onderzoeker-a").returncode == 0
        out.unlink()
    inside = sq("report", "-p", demo_copy, "-o", tmp_path / "in.docx", "--where", "doc=R02,R05,R07")
    assert inside.returncode == 0, inside.stderr
    whole = sq("report", "-p", demo_copy, "-o", tmp_path / "all.docx")
    assert ("consensus is the agreed coding of the 6 of the 19 interviews onderzoeker-a and onderzoeker-b both coded: "
            f"the chapter is about those (its method says so); `sto-qual reference-coder onderzoeker-a --project "
            f"{demo_copy}` makes it count onderzoeker-a's coding of all 19 again") in whole.stderr


def test_the_topics_the_two_went_apart_on_stay_named_as_they_were_when_every_place_is_settled(demo_copy, tmp_path):
    """Once every place was discussed, or a coder's later change took the last open one away, the
    method's topics below the threshold went without a word; and while places were open they were
    measured over every interview both coded, the overall alpha over those the agreed coding holds.
    They are the agreement kept when it was started, and said as then once all are settled."""
    from sto_qual.services import Workspace
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    topics = re.compile(r"onder de grens voor voorzichtige conclusies \(0,667\): ([^.]*)\.")
    open_ = _method(demo_copy, tmp_path)
    named = topics.search(open_).group(1)
    assert "Per onderwerp loopt de overeenstemming op zinsniveau uiteen" in open_ and "met meer voorbehoud te lezen" in open_, open_
    ws = Workspace.open(demo_copy)
    try:  # a coder's change afterwards moves today's agreement, not the one the method gives
        c = ws.codings(doc="R02", coder="onderzoeker-b")[0]
        ws.remove_coding(c.id, coder="onderzoeker-b")
    finally:
        ws.close()
    _discuss_every_place(demo_copy)
    settled = _method(demo_copy, tmp_path)
    assert "Per onderwerp liep de overeenstemming op zinsniveau uiteen" in settled and topics.search(settled).group(1) == named, settled
    assert "voorbehoud" not in settled and "over elk daarvan is na bespreking besloten" in settled, settled
    assert "At sentence level it differed by topic; for" in _method(demo_copy, tmp_path, "en")


def test_places_of_an_interview_taken_in_are_no_later_change_of_the_coders(demo_copy, tmp_path):
    """After `agreed --add` took R03 in, the method said "Zij verschilden toen op twaalf plaatsen …;
    door latere wijzigingen in hun codering zijn dat er nu vijftien": R03's three places were
    blamed on changes no one made. The places kept count those of the interviews taken in."""
    from sto_qual.services import Workspace
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "consensus").returncode == 0
    _discuss_every_place(demo_copy)
    ws = Workspace.open(demo_copy)
    try:  # the second coder codes R03 after the start: two passages as the first did, one code of her own
        a_r03 = ws.codings(doc="R03", coder="onderzoeker-a")
        for c in a_r03[:2]:
            ws.assign_code("R03", c.code, start=c.start, end=c.end, coder="onderzoeker-b")
    finally:
        ws.close()
    assert sq("agreed", "-p", demo_copy, "consensus", "--add").returncode == 0
    places = json.loads(sq("differences", "consensus", "-p", demo_copy, "--format", "json").stdout)
    assert any(p["doc"] == "R03" for p in places)
    text = _method(demo_copy, tmp_path)
    assert f"Zij verschilden op {number_word(len(places), 'nl')} plaatsen" in text, text
    assert "toen" not in text and "latere wijzigingen" not in text, text


def _discuss_every_place(path):
    places = json.loads(sq("differences", "consensus", "-p", path, "--format", "json").stdout)
    opened = [p["id"] for p in places if p["state"] == "open"]
    assert sq("differences", "consensus", *opened, "--discussed", "-p", path).returncode == 0


def test_the_coder_reference_coder_counts_again_is_said_with_the_interviews_she_coded(demo_copy):
    """"`sto-qual reference-coder anna` makes it count anna's coding of all 19 again" of a coder
    who coded three interviews."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-b", "onderzoeker-a").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "onderzoeker-b").returncode == 0
    said = sq("reference-coder", "-p", demo_copy, "consensus").stderr
    assert (f"`sto-qual reference-coder onderzoeker-b --project {demo_copy}` makes it count onderzoeker-b's "
            "coding again, of the 6 interviews onderzoeker-b coded (the chapter is then about those)") in said, said


def test_the_way_back_from_an_agreed_coding_names_the_coder_the_report_counted_before(demo_copy, tmp_path):
    """After `reference-coder consensus` a team read "`reference-coder sanne` makes it count sanne's
    coding again": sanne had never been counted; the report had counted onderzoeker-a's nineteen."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-b", "onderzoeker-a").returncode == 0
    said = sq("reference-coder", "-p", demo_copy, "consensus").stderr
    assert (f"`sto-qual reference-coder onderzoeker-a --project {demo_copy}` makes it count onderzoeker-a's coding "
            "of all 19 again") in said, said
    assert sq("reference-coder", "-p", demo_copy, "--clear").returncode == 0
    said = sq("reference-coder", "-p", demo_copy, "consensus").stderr
    assert f"`sto-qual reference-coder --clear --project {demo_copy}` makes it merge every coder's codings " \
           "again" in said, said


def test_a_memo_only_one_coder_wrote_says_whose_in_the_agreed_coding(small_ws, tmp_path):
    """A memo only joost wrote came into the agreed coding unsigned (one both wrote was signed), so
    the memo appendix put it under the agreed coding with nothing saying whose it was."""
    from sto_qual.services import Workspace
    unit = small_ws.units("R90")[1].id
    small_ws.assign_code("R90", "urgentie", unit=unit, coder="anna")
    small_ws.assign_code("R90", "urgentie", unit=unit, coder="bram", memo="kern: vacatures techniek")
    small_ws.close()
    assert sq("agreed", "-p", tmp_path / "small.db", "consensus", "--from", "anna", "bram").returncode == 0
    assert sq("agreed", "-p", tmp_path / "small.db", "eerste", "--from", "anna", "bram",
              "--start-with", "bram").returncode == 0
    ws = Workspace.open(tmp_path / "small.db")
    [agreed] = ws.codings(coder="consensus")
    [copied] = ws.codings(coder="eerste")
    ws.close()
    assert agreed.memo == "bram: kern: vacatures techniek" and copied.memo == "bram: kern: vacatures techniek"


def test_trimming_one_difference_leaves_the_next_under_the_same_coding_open(small_ws):
    """The agreed coding started from anna's span over three sentences, where bram coded the middle
    one: two places, the first and the third sentence. The meeting trimmed the first off, and the
    third, never looked at, read as "changed since the start" (its coding had changed) and D
    skipped it. A place is changed when what is coded there changed."""
    units = small_ws.units("R90")
    jan = [u for u in units if u.start > units[0].end][:3]
    small_ws.assign_code("R90", "urgentie", start=jan[0].start, end=jan[2].end, coder="anna")
    small_ws.assign_code("R90", "urgentie", unit=jan[1].id, coder="bram")
    small_ws.agreed.start("consensus", "anna", "bram", start_with="anna")
    before = small_ws.agreed.review("consensus")
    assert [r.state for r in before] == ["open", "open"], before
    [agreed] = small_ws.codings(coder="consensus")
    small_ws.resize_coding(agreed.id, start=jan[1].start, coder="consensus")  # the first sentence off: decided
    after = small_ws.agreed.review("consensus")
    assert [r.state for r in after] == ["changed", "open"], after


def test_agreed_says_whose_span_it_starts_from_and_how_to_start_from_the_others(demo_copy):
    """`agreed … --from lotte onderzoeker-a` started from lotte's spans where both coded a passage, and
    nothing said the order of --from chose that; a meeting pressing K kept the second coder's wider spans."""
    import shlex
    done = sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("note: where both coded a passage"))
    assert "it starts from onderzoeker-a's span, the first after --from" in line, line
    again = shlex.split(line.split("`")[1])
    assert again[3:6] == ["--from", "onderzoeker-b", "onderzoeker-a"] and "--replace" in again, again
    redo = sq(*again[1:])
    assert redo.returncode == 0 and "started again with onderzoeker-b's codings" in redo.stdout, redo.stderr


def test_a_place_marked_or_noted_is_read_against_its_own_interviews_places_only():
    """K and N in the workbench read all 1,831 places of a study-size project for one (0.9 s a key): a place is
    numbered within its interview, so ids of one interview the agreed coding holds are read against that
    interview's places; any other id against every place, so what is wrong with it is said as before."""
    from sto_qual.services.agreed import _one_document
    entry = {"documents": ["R02", "R05", "Gesprek, deel 2"]}
    assert _one_document(["R02:3"], entry) == "R02" and _one_document(["R02:3", "R02:7"], entry) == "R02"
    assert _one_document(["R02:3", "R05:1"], entry) is None  # two interviews
    assert _one_document(["R01:1"], entry) is None and _one_document(["R99:1"], entry) is None  # not held, unknown
    assert _one_document(["bogus"], entry) is None and _one_document(["R02:1", "bogus"], entry) is None
    assert _one_document(["Gesprek, deel 2:1"], entry) is None  # a name a --where would part at its comma
    assert _one_document(["R02:3"], {}) is None  # an agreed coding started before it kept its interviews
