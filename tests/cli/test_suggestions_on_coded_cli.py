"""`accept` said "accepted 8" when seven of the eight were sentences the coder had coded with that
code already (and made nested second codings of them); `suggest` kept such suggestions pending.
Now `accept` says which were coded already and `suggest` says what it withdrew."""
from cli_runner import sq

CODE = "urgentie/docententekort"


def test_accept_and_suggest_say_what_was_coded_already(small_ws, tmp_path):
    ws = small_ws
    ws.edit_code(CODE, keywords=["docent", "vacature"])
    ws.suggest(code=CODE)
    first, third = ws.suggestions(code=CODE)  # the first and third sentence of Jan's turn
    mine = ws.assign_code("R90", CODE, start=first.end + 1, end=third.start - 1, coder="anna")  # sentence 2
    mine = ws.resize_coding(mine.id, start=first.start, coder="anna")  # and 1 (coding it whole withdraws it)
    ws.close()
    db = tmp_path / "small.db"
    r = sq("accept", first.id, "--coder", "anna", "-p", db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "accepted 1 suggestion: 1 already coded by anna, so no new coding"
    r = sq("codings", "-p", db, "--format", "json")
    assert r.returncode == 0 and r.stdout.count('"id"') == 1 and f'"id": {mine.id}' in r.stdout, r.stdout
    assert sq("code", "--doc", "R90", "--code", CODE, "--start", third.start, "--end", third.start + 9,
              "--coder", "bob", "-p", db).returncode == 0  # part of the third sentence, by another coder
    r = sq("suggest", "--code", CODE, "-p", db)
    assert r.returncode == 0, r.stderr
    assert "1 pending suggestion withdrawn: its sentence is coded with that code now" in r.stdout, r.stdout
    assert sq("suggestions", "-p", db).stdout.strip() == "(none)"


def test_suggestions_with_status_all_say_which_were_decided(small_ws, tmp_path):
    """`suggestions --status all` as a table had no status column: accepted, rejected and pending
    rows looked the same."""
    ws = small_ws
    ws.edit_code(CODE, keywords=["docent", "vacature"])
    ws.suggest(code=CODE)
    first, second = ws.suggestions(code=CODE)[:2]
    ws.close()
    db = tmp_path / "small.db"
    assert sq("reject", first.id, "-p", db).returncode == 0
    table = sq("suggestions", "--status", "all", "-p", db).stdout.splitlines()
    header = table[0].split()
    assert header[header.index("code") + 1] == "status"
    rows = {line.split()[0]: line.split() for line in table[2:]}
    assert "rejected" in rows[str(first.id)] and "pending" in rows[str(second.id)]
    assert "status" not in sq("suggestions", "-p", db).stdout.splitlines()[0].split()  # pending only: said by the option



def test_model_options_say_when_no_model_ran_and_refuse_negative_numbers(small_ws, tmp_path):
    """`suggest --threshold 0.5` without a model ran on keywords alone and said nothing of the
    threshold; `--min-codings -3 --learned` and `--seed -1` were taken."""
    small_ws.edit_code(CODE, keywords=["docent"])
    small_ws.close()
    db = tmp_path / "small.db"
    r = sq("suggest", "--threshold", "0.5", "--seed", "3", "-p", db)
    assert r.returncode == 0, r.stderr
    assert "note: --threshold and --seed need a model, and none ran" in r.stderr, r.stderr
    quiet = sq("suggest", "-p", db)
    assert quiet.returncode == 0 and "note:" not in quiet.stderr, quiet.stderr
    for option, value in (("--min-codings", "-3"), ("--seed", "-1")):
        bad = sq("suggest", "--learned", option, value, "-p", db)
        assert bad.returncode == 2 and "is not in the range" in bad.stderr, bad.stderr
    # "nan" passed the range check and withdrew every pending suggestion
    for args in (("suggest", "--learned", "--threshold", "nan"), ("accept", "--all-above", "nan"),
                 ("reject", "--all-below", "NaN")):
        bad = sq(*args, "-p", db)
        assert bad.returncode == 2 and "not a number" in bad.stderr, bad.stderr


def test_a_mistyped_coder_deciding_suggestions_is_said(small_ws, tmp_path):
    """`accept ID --coder onderzoekr-a` and `reject --coder brma` each started a new coder without a
    word, where `code` says it: the decision is recorded under a coder who does not exist."""
    ws = small_ws
    ws.edit_code(CODE, keywords=["docent", "vacature"])
    ws.suggest(code=CODE)
    first, third = ws.suggestions(code=CODE)
    ws.assign_code("R90", "urgentie", start=0, end=5, coder="anna")  # the project's one coder
    ws.close()
    db = tmp_path / "small.db"
    # a name close to a coder's is refused, nothing decided, as `code` refuses it (it was said after the decision)
    r = sq("accept", first.id, "--coder", "ana", "-p", db)
    assert r.returncode == 1 and "error: 'ana' is no coder in this project (did you mean anna?); nothing was " \
        "stored" in r.stderr, r.stderr
    assert "ana" not in sq("coders", "-p", db).stdout.split()
    r = sq("reject", third.id, "--coder", "zzz", "-p", db)
    assert r.returncode == 0 and "note: 'zzz' is a new coder in this project (its coders: " in r.stderr, r.stderr
    assert "new coder" not in sq("accept", "--all-above", "0", "--coder", "anna", "-p", db).stderr


def test_accepting_into_a_starred_coding_says_its_quote_holds_the_sentence_now(small_ws, tmp_path):
    """Accepting a suggestion beside a coding widened it; that coding was starred, and the chapter's
    quote of it now opened with the suggested sentence ("En dat is best een stap geweest, hoor."),
    while `accept` said only "widened to hold the suggested sentence"."""
    ws = small_ws
    ws.edit_code(CODE, keywords=["docent", "vacature"])
    ws.suggest(code=CODE)
    first, third = ws.suggestions(code=CODE)  # the first and third sentence of Jan's turn
    mine = ws.assign_code("R90", CODE, start=first.end + 1, end=third.start - 1, coder="anna", starred=True)
    ws.close()
    db = tmp_path / "small.db"
    r = sq("accept", first.id, "--coder", "anna", "-p", db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ("accepted 1 suggestion: 1 coding by anna widened to hold the suggested sentence "
                                f"(starred: #{mine.id}, whose quote holds it now)"), r.stdout


def test_suggest_says_what_it_made_first_and_each_fact_on_a_line_of_its_own(small_ws, tmp_path):
    """`suggest` printed one line of some 900 characters: how many, what the model learned, how
    it was checked, what was withdrawn and skipped, run together with semicolons."""
    small_ws.edit_code(CODE, keywords=["docent", "vacature"])
    small_ws.close()
    out = sq("suggest", "-p", tmp_path / "small.db").stdout.splitlines()
    assert out[0] == "4 new suggestions: 0 from the model, 4 from keywords alone.", out
    assert len(out) >= 2 and all(line.startswith("  - ") for line in out[1:]), out
    assert any("interviewer questions skipped" in line for line in out[1:]), out

