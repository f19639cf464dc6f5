"""What `code`, `resize` and `uncode` say on stderr beside what they did: a second coding
nested in the coder's own, a quote cut inside a word, another coder's coding removed."""
from __future__ import annotations

import json

from cli_runner import sq

CODE = "urgentie/behoud-techniekaanbod"


def _codings(project, *args):
    r = sq("codings", "--project", project, *args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_coding_inside_ones_own_coding_of_the_code_says_it_is_a_second_coding(demo_copy):
    """`code --sentence 24` inside the coder's coding #2 of that code made a second, nested
    coding without a word."""
    outer = next(c for c in _codings(demo_copy, "--doc", "R01", "--code", CODE) if c["start"] == 1741)
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "24",
           "--coder", outer["coder"])
    assert r.returncode == 0 and r.stdout.startswith("coded #"), (r.stdout, r.stderr)
    new = int(r.stdout.split()[1].lstrip("#"))
    assert r.stderr.strip() == (
        f"note: inside your coding #{outer['id']} of {CODE} ({outer['start']}-{outer['end']}): stored as a second "
        f"coding; `sto-qual uncode --id {new} --project {demo_copy} --coder {outer['coder']}` takes it back (with "
        f"--widen the span stays in #{outer['id']})")
    assert new in {c["id"] for c in _codings(demo_copy, "--doc", "R01", "--code", CODE)}  # stored as given
    # another coder's coding around the span is not hers: nothing to say
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "25", "--coder", "anna")
    # (anna is new to the project: that is said, a name far from any coder's as well; and she codes blind)
    assert r.returncode == 0 and r.stderr.strip().splitlines()[0] == \
        "note: 'anna' is a new coder in this project (its coders: onderzoeker-a, onderzoeker-b)", r.stderr
    assert r.stderr.strip().splitlines()[1:] == ["note: anna codes blind: the workbench hides the other coders' "
                                                 "codings from this coder (its `o` shows them), so the codings "
                                                 "stay independent"], r.stderr
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "27", "--coder", "anna")
    assert r.returncode == 0 and r.stderr == "", r.stderr  # (known now)
    # a third coder of the series is new, not a typo: "did you mean onderzoeker-b?" told her she erred
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "25", "--coder",
           "onderzoeker-c")
    assert r.returncode == 0 and r.stderr.strip().splitlines()[0] == \
        "note: 'onderzoeker-c' is a new coder in this project (its coders: anna, onderzoeker-a, onderzoeker-b)", r.stderr
    # a name close to a coder's is refused, nothing coded: `--coder consensu` started a coder of its own with a
    # note only, and cleaning it up took four commands; --new-coder starts one when that is what is meant
    before = _codings(demo_copy, "--doc", "R01", "--code", CODE)
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "28", "--coder", "annna")
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: 'annna' is no coder in this project (did you mean anna?); nothing was coded (give --coder anna; "
        "--new-coder starts 'annna' as a coder of its own)"), r.stderr
    assert _codings(demo_copy, "--doc", "R01", "--code", CODE) == before
    assert "annna" not in sq("coders", "--project", demo_copy).stdout
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "28", "--coder", "annna",
           "--new-coder")
    assert r.returncode == 0 and r.stdout.startswith("coded #") and "new coder" not in r.stderr, r.stderr


def test_widen_over_a_nested_coding_says_it_joined_it(demo_copy):
    """`code --widen` inside coding #2 that held a nested second coding made them one (its memo
    moved into #2's) and said "already coded", as if nothing had changed."""
    outer = next(c for c in _codings(demo_copy, "--doc", "R01", "--code", CODE) if c["start"] == 1741)
    who = ("--coder", outer["coder"])
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "25", *who)
    nested = int(r.stdout.split()[1].lstrip("#"))
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "24", "--widen", *who)
    assert r.returncode == 0 and r.stdout.startswith(f"joined #{outer['id']} "), r.stdout
    assert f"(#{nested} joined into it, memos kept)" in r.stdout
    assert nested not in {c["id"] for c in _codings(demo_copy, "--doc", "R01", "--code", CODE)}


def test_a_span_ending_inside_a_word_is_said_with_the_span_that_holds_it_whole(demo_copy):
    """`resize 2 --start 749 --end 780` left the quote "…hadden we PIE w" without a word; so did
    `code --start/--end`. R01 1741 reads "Ja, en als PIE verdwijnt, dan is er …"."""
    c = next(c for c in _codings(demo_copy, "--doc", "R01", "--code", CODE) if c["start"] == 1741)
    assert c["text"].startswith("Ja, en als PIE verdwijnt, dan is er")
    r = sq("resize", "--project", demo_copy, str(c["id"]), "--start", "1743", "--end", "1768", "--coder", c["coder"])
    assert r.returncode == 0 and r.stdout.startswith(f"resized #{c['id']} R01 1743-1768"), r.stdout
    assert r.stderr.strip() == (f"note: #{c['id']} cuts the word 'dan'; `sto-qual resize {c['id']} --start 1743 "
                                f"--end 1770 --project {demo_copy} --coder {c['coder']}` holds it whole (--snap: the "
                                "whole sentences)")
    r = sq("resize", "--project", demo_copy, str(c["id"]), "--start", "1742", "--end", "1768", "--coder", c["coder"])
    assert f"cuts the words 'Ja' and 'dan'; `sto-qual resize {c['id']} --start 1741 --end 1770 --project {demo_copy} " \
           f"--coder {c['coder']}` holds them" in r.stderr
    r = sq("resize", "--project", demo_copy, str(c["id"]), "--start", "1741", "--end", "1770", "--coder", c["coder"])
    assert r.returncode == 0 and r.stderr == "", r.stderr  # whole words: nothing to say
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--start", "1745", "--end", "1768",
           "--coder", c["coder"])
    new = r.stdout.split()[1].lstrip("#")
    assert r.returncode == 0 and r.stderr.strip() == (
        f"note: #{new} cuts the word 'dan'; `sto-qual resize {new} --start 1745 --end 1770 --project {demo_copy} "
        f"--coder {c['coder']}` holds it whole"), r.stderr


def test_uncode_id_of_another_coders_coding_says_whose_it_is(demo_copy):
    """In a second coder's copy, `uncode --id` on onderzoeker-a's coding said only "removed #5 …
    [onderzoeker-a]", where `star` and `memo` say whose coding it is and whose undo step."""
    assert sq("default-coder", "--project", demo_copy, "onderzoeker-b").returncode == 0
    theirs = _codings(demo_copy, "--coder", "onderzoeker-a")[0]
    r = sq("uncode", "--project", demo_copy, "--id", str(theirs["id"]))
    assert r.returncode == 0 and r.stdout.startswith(f"removed #{theirs['id']} "), r.stdout
    assert r.stderr.strip() == (
        f"note: #{theirs['id']} is onderzoeker-a's coding; the change is in onderzoeker-b's undo history "
        f"(`sto-qual undo --coder onderzoeker-b --project {demo_copy}` takes it back); give --coder onderzoeker-a "
        "when it is onderzoeker-a who makes it")
    r = sq("undo", "--project", demo_copy)
    assert r.returncode == 0 and theirs["id"] in {c["id"] for c in _codings(demo_copy, "--coder", "onderzoeker-a")}
    mine = _codings(demo_copy, "--coder", "onderzoeker-b")[0]
    r = sq("uncode", "--project", demo_copy, "--id", str(mine["id"]))
    assert r.returncode == 0 and r.stderr == ""  # her own coding: nothing to say


def test_uncode_by_span_names_a_colleagues_coding_there(demo_copy):
    """`uncode --doc R02 --code … --start --end` on a span only onderzoeker-b coded said "no
    coding of … there", while `codings` listed hers on exactly that span."""
    theirs = next(c for c in _codings(demo_copy, "--doc", "R02") if c["coder"] == "onderzoeker-b")
    r = sq("uncode", "--project", demo_copy, "--doc", "R02", "--code", theirs["code"], "--start",
           str(theirs["start"]), "--end", str(theirs["end"]), "--coder", "onderzoeker-a")
    assert r.returncode == 1 and "onderzoeker-b has one there" in r.stderr, r.stderr
    assert "--all-coders removes theirs too" in r.stderr and f"uncode --id {theirs['id']}" in r.stderr
    assert theirs["id"] in {c["id"] for c in _codings(demo_copy, "--doc", "R02")}  # nothing removed


def test_a_resize_onto_ones_own_coding_of_the_code_says_so(demo_copy):
    """`resize 2` over part of #1 (same coder, same code) said only that it cut a word; onto
    #1's exact span it was refused without naming #1."""
    first, second = sorted((c for c in _codings(demo_copy, "--doc", "R01", "--code", CODE)
                            if c["coder"] == "onderzoeker-a"), key=lambda c: c["start"])[:2]
    who = ("--coder", "onderzoeker-a")
    r = sq("resize", "--project", demo_copy, str(second["id"]), "--start", str(first["end"] - 30), "--end",
           str(second["end"]), *who)
    assert r.returncode == 0, r.stderr
    assert f"note: #{second['id']} now overlaps #{first['id']}, the same coder's coding of {CODE}" in r.stderr, r.stderr
    r = sq("resize", "--project", demo_copy, str(second["id"]), "--start", str(first["start"]), "--end",
           str(first["end"]), *who)
    assert r.returncode != 0 and f"has this code on that span already (#{first['id']})" in r.stderr, r.stderr


def test_coding_only_the_interviewers_words_is_said(demo_copy):
    """`code --turn 41` coded an interviewer's question without a word (the coder had meant the
    answer); the answer itself is coded quietly."""
    turns = json.loads(sq("show", "--doc", "R01", "--project", demo_copy, "--format", "json").stdout)
    question = next(t for t in turns if t["role"] == "interviewer" and t["turn"] > 3)
    answer = next(t for t in turns if t["turn"] == question["turn"] + 1)
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--turn", str(question["turn"]),
           "--coder", "carla")
    assert r.returncode == 0 and r.stdout.startswith("coded #"), r.stderr
    assert f"note: only the interviewer speaks in R01 {question['start']}-{question['end']} (turn {question['turn']}): " \
           "the chapter quotes no question; code the answer instead?" in r.stderr, r.stderr
    assert answer["role"] != "interviewer"
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--turn", str(answer["turn"]),
           "--coder", "carla")
    assert r.returncode == 0 and "interviewer" not in r.stderr, r.stderr


def test_a_passage_that_opens_with_the_question_says_so_and_how_to_start_at_the_answer(demo_copy):
    """A span from the question into the answer was stored without a word, and `stats --by role`
    then counted the interviewer as raising the theme too (a passage counts under the role of each
    speaker whose turn it covers; the note said "for the interviewer" alone)."""
    turns = json.loads(sq("show", "--doc", "R01", "--project", demo_copy, "--format", "json").stdout)
    question = next(t for t in turns if t["role"] == "interviewer" and t["turn"] > 3)
    answer = next(t for t in turns if t["turn"] == question["turn"] + 1)
    end = answer["start"] + 60
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--start", str(question["start"]),
           "--end", str(end), "--coder", "carla", "--format", "json")
    made = json.loads(r.stdout)
    assert f"note: R01 {question['start']}-{end} starts in the interviewer's question (turn {question['turn']}): " \
           f"`stats --by role` counts it for the interviewer as well as for the answer's speaker; " \
           f"`sto-qual resize {made['id']} --start " \
           f"{answer['start']} --end {end} --project {demo_copy} --coder carla` starts it at the answer" in r.stderr, \
        r.stderr
    fixed = sq("resize", "--project", demo_copy, str(made["id"]), "--start", str(answer["start"]), "--end", str(end),
               "--coder", "carla")
    assert fixed.returncode == 0, fixed.stderr
    # the answer alone (and the question alone, which has its own note) say nothing of this
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "vmbo-in-the-lead", "--start",
           str(answer["start"]), "--end", str(end), "--coder", "carla")
    assert "starts in the interviewer's question" not in r.stderr


def test_a_span_over_two_speakers_says_that_a_quote_takes_one_speakers_words(tmp_path):
    """The Coder says "2 speakers (a quote takes one speaker's words)" when a selection reaches
    over two speakers' turns; `code --sentence` over the same two said nothing."""
    (tmp_path / "W01.txt").write_text(
        "Interviewer: Hoe begon het?\n"
        "Ans: We zijn met alle scholen om tafel gaan zitten.\n"
        "Kees: Het vmbo heeft toen het voortouw genomen.\n", encoding="utf-8")
    p = tmp_path / "p.db"
    assert sq("init", p).returncode == 0
    assert sq("import", "--project", p, tmp_path / "W01.txt").returncode == 0
    r = sq("code", "--project", p, "--doc", "W01", "--sentence", "2-3", "--code", "urgentie", "--coder", "a")
    assert r.returncode == 0 and ("note: #1 reaches over the turns of 2 speakers (Ans, Kees): a quote takes one "
                                  "speaker's words") in r.stderr, r.stderr
    r = sq("code", "--project", p, "--doc", "W01", "--sentence", "3", "--code", "collectief-optrekken", "--coder", "a")
    assert r.returncode == 0 and "speakers" not in r.stderr, r.stderr


def test_a_coder_set_by_the_environment_or_the_settings_file_is_refused_as_a_typo_too(demo_copy, monkeypatch,
                                                                                      tmp_path):
    """`star 5` under STO_QUAL_CODER=onderzoeker_a made a second coder, where `--coder onderzoeker_a`
    was refused: a name set outside the command is refused as a typo too, said as where it is set."""
    def coders():
        return sq("coders", "--project", demo_copy).stdout
    before = coders()
    monkeypatch.setenv("STO_QUAL_CODER", "onderzoeker_a")
    r = sq("star", "5", "--project", demo_copy)
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: 'onderzoeker_a' (STO_QUAL_CODER) is no coder in this project (did you mean onderzoeker-a?); nothing "
        "was stored (give --coder onderzoeker-a or set STO_QUAL_CODER=onderzoeker-a)"), r.stderr
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "25")
    assert r.returncode == 1 and "nothing was coded" in r.stderr and \
        "--new-coder starts 'onderzoeker_a' as a coder of its own" in r.stderr, r.stderr
    # the settings file's coder, when no STO_QUAL_CODER is set
    monkeypatch.delenv("STO_QUAL_CODER")
    cfg = tmp_path / "config.toml"
    cfg.write_text('coder = "onderzoekr-b"\n', encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(cfg))
    r = sq("memo", "8", "mijn memo", "--project", demo_copy)
    assert r.returncode == 1 and r.stderr.strip() == (
        f"error: 'onderzoekr-b' (the coder in {cfg}) is no coder in this project (did you mean onderzoeker-b?); "
        f"nothing was stored (give --coder onderzoeker-b or write coder = \"onderzoeker-b\" in {cfg})"), r.stderr
    assert coders() == before  # no second coder
    # a name far from every coder's is a new coder, said as the environment's
    monkeypatch.setenv("STO_QUAL_CODER", "sanne")
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", CODE, "--sentence", "25")
    assert r.returncode == 0 and "note: 'sanne' (STO_QUAL_CODER) is a new coder in this project" in r.stderr, r.stderr


def test_a_change_by_a_coder_an_agreed_coding_was_started_from_says_it_moves_their_differences(demo_copy):
    """After `agreed`, `code --coder onderzoeker-b …` said only "coded #79 …" where the workbench says
    that the change moves where the two differ; in an interview the agreed coding does not hold, nothing."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    b_docs = sorted({c["doc"] for c in _codings(demo_copy, "--coder", "onderzoeker-b")})
    note = ("note: consensus was started from onderzoeker-b's and onderzoeker-a's codings of {}: this change moves "
            "where the two differ, which consensus's meeting settles (`sto-qual differences consensus --project "
            f"{demo_copy}` lists the places)")
    r = sq("code", "-p", demo_copy, "--doc", b_docs[0], "--code", CODE, "--sentence", "12", "--coder", "onderzoeker-b")
    assert r.returncode == 0 and note.format(b_docs[0]) in r.stderr.splitlines(), r.stderr
    new = int(r.stdout.split()[1].lstrip("#"))
    coded = next(c for c in _codings(demo_copy, "--doc", b_docs[0]) if c["id"] == new)
    r = sq("resize", str(new), "--start", str(coded["start"]), "--end", str(coded["end"] + 5), "-p", demo_copy,
           "--coder", "onderzoeker-b")
    assert r.returncode == 0 and note.format(b_docs[0]) in r.stderr.splitlines(), r.stderr
    r = sq("uncode", "--id", str(new), "-p", demo_copy, "--coder", "onderzoeker-b")
    assert r.returncode == 0 and note.format(b_docs[0]) in r.stderr.splitlines(), r.stderr
    outside = next(d for d in (f"R{i:02d}" for i in range(1, 20)) if d not in b_docs)  # not in consensus
    r = sq("code", "-p", demo_copy, "--doc", outside, "--code", CODE, "--sentence", "12", "--coder", "onderzoeker-a")
    assert r.returncode == 0 and "was started from" not in r.stderr, r.stderr


def test_an_agreed_coding_or_an_undo_under_a_name_that_reads_as_a_coders_is_refused(demo_copy, monkeypatch):
    """`agreed consensu --from …` beside consensus made a second agreed coding a letter apart, and
    `agreed onderzoeker_a` a coder beside onderzoeker-a; `undo` under STO_QUAL_CODER=onderzoeker_b said
    only "nothing to undo"."""
    assert sq("agreed", "-p", demo_copy, "consensus", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    before = sq("coders", "--project", demo_copy).stdout
    r = sq("agreed", "-p", demo_copy, "consensu", "--from", "onderzoeker-a", "onderzoeker-b")
    assert r.returncode == 1 and r.stderr.strip() == (
        "error: 'consensu' reads as the coder consensus; nothing was started (an agreed coding is a coder of its own: "
        "give it a name that does not read as another coder's; `sto-qual agreed consensus --replace --project "
        f"{demo_copy}` starts consensus again)"), r.stderr
    r = sq("agreed", "-p", demo_copy, "onderzoeker_a", "--from", "onderzoeker-a", "onderzoeker-b")
    assert r.returncode == 1 and "'onderzoeker_a' reads as the coder onderzoeker-a" in r.stderr, r.stderr
    assert sq("coders", "--project", demo_copy).stdout == before
    # a numbered one is meant (a second round), and a name of its own is as before
    assert sq("agreed", "-p", demo_copy, "consensus2", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    monkeypatch.setenv("STO_QUAL_CODER", "onderzoeker_b")
    for command in ("undo", "redo"):
        r = sq(command, "--project", demo_copy)
        assert r.returncode == 1 and r.stderr.startswith(
            "error: 'onderzoeker_b' (STO_QUAL_CODER) is no coder in this project (did you mean onderzoeker-b?); "
            f"nothing was {command}ne"), r.stderr


def test_a_second_coder_who_starts_with_commands_codes_blind_in_the_workbench_too(demo_copy):
    """Bram coded three interviews with `code --coder bram` and then opened the workbench: Anna's codings
    were on his screen, and so were his on hers, while the method called the two codings independent.
    A new coder's first coding by command starts her blind round as her first workbench does."""
    from sto_qual.services import Workspace
    from sto_qual.services.session import HIDE_OTHERS
    failed = sq("code", "--project", demo_copy, "R01", "bestaat-niet", "--sentence", "3", "--coder", "bram")
    assert failed.returncode == 1 and "blind" not in failed.stderr  # nothing coded: no round begun
    first = sq("code", "--project", demo_copy, "R01", "urgentie", "--sentence", "3", "--coder", "bram")
    assert first.returncode == 0 and "note: bram codes blind: the workbench hides the other coders' codings" \
        in first.stderr, first.stderr
    assert "blind" not in sq("code", "--project", demo_copy, "R01", "urgentie", "--sentence", "4", "--coder",
                             "bram").stderr  # said once
    ws = Workspace.open(demo_copy)
    assert ws.session.view_choice("bram", HIDE_OTHERS) is True and not ws.session.start_blind("bram")
    assert ws.session.blind_peers("onderzoeker-a") == ["bram"]  # the first coder back starts blind too
    ws.close()


def test_a_line_appended_that_a_coder_signed_herself_is_not_signed_twice(demo_copy):
    """anna appended "anna: ook in R05" to a colleague's memo and it read "anna: anna: ook in R05"."""
    c = json.loads(sq("codings", "--doc", "R03", "--format", "json", "-p", demo_copy).stdout)[0]
    assert sq("memo", c["id"], "anna: ook in R05", "--append", "--coder", "anna", "-p", demo_copy).returncode == 0
    assert sq("memo", c["id"], "nog iets", "--append", "--coder", "anna", "-p", demo_copy).returncode == 0
    memo = next(x for x in json.loads(sq("codings", "--doc", "R03", "--format", "json", "-p", demo_copy).stdout)
                if x["id"] == c["id"])["memo"]
    assert memo.endswith("anna: ook in R05\n\nanna: nog iets") and "anna: anna:" not in memo, memo
