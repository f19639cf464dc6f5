"""The command group itself maps errors and closes the project, so click's CliRunner sees
what a person at the terminal sees."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from click.testing import CliRunner
from cli_runner import sq

from sto_qual.cli import cli
from sto_qual.services import Workspace
from sto_qual.store.connection import open_project_for


def _project(tmp_path) -> str:
    db = str(tmp_path / "p.db")
    assert CliRunner().invoke(cli, ["init", "--project", db]).exit_code == 0
    return db


def test_a_users_mistake_is_one_line_and_exit_1_in_process(tmp_path):
    res = CliRunner().invoke(cli, ["codings", "--project", _project(tmp_path), "--code", "geencode"])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit)
    line, = res.stderr.splitlines()
    assert line.startswith("error: unknown code 'geencode'")


def test_a_missing_project_is_one_line_not_a_traceback(tmp_path):
    res = CliRunner().invoke(cli, ["info", "--project", str(tmp_path / "nergens.db")])
    assert res.exit_code == 1 and res.stderr.startswith("error: ") and "Traceback" not in res.output
    assert not (tmp_path / "nergens.db").exists()


def test_an_in_process_command_closes_the_project_it_opened(tmp_path, monkeypatch):
    closed = []
    close = Workspace.close
    monkeypatch.setattr(Workspace, "close", lambda self: (closed.append(self), close(self))[1])
    db = _project(tmp_path)  # init closes the project it created, too
    assert len(closed) == 1 and open_project_for(db) is None and not Path(db + "-wal").exists()
    closed.clear()
    res = CliRunner().invoke(cli, ["codings", "--project", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [] and len(closed) == 1
    res = CliRunner().invoke(cli, ["pseudonyms", "add", "--project", db, "Jan", "R1"])
    assert res.exit_code == 0, res.output
    assert len(closed) == 2


def test_the_help_lists_the_families_in_their_order():
    res = CliRunner().invoke(cli, ["--help"])
    listed = [line.split()[0] for line in res.output.split("Commands:\n")[1].splitlines() if line.strip()]
    assert listed[:4] == ["init", "info", "default-coder", "codebook"] and listed[-3:] == ["grid", "summarize", "summary"]
    assert listed.index("pseudonyms") < listed.index("backup") < listed.index("demo") < listed.index("stats")
    assert len(listed) == len(set(listed)) == len(cli.list_commands(None))


def test_the_list_of_commands_is_what_the_families_define():
    """The group loads a command's family only when it runs, from its list of which family
    defines which command: the list holds every command a family defines, under that family,
    and nothing more."""
    from sto_qual.cli import COMMANDS, family_commands
    for fam, names in COMMANDS.items():
        defined = family_commands(fam)
        assert tuple(defined) == names, fam
        assert {c.callback.__module__ for c in defined.values()} == {f"sto_qual.cli.{fam}"}
    from pathlib import Path
    import sto_qual.cli as package
    modules = {p.stem for p in Path(package.__file__).parent.glob("*.py")}
    helpers = {"__init__", "options", "spans", "hints", "coding_notes", "summary_output", "agreed_output"}
    assert set(COMMANDS) == modules - helpers


def test_coding_a_coded_span_again_gives_it_the_memo_and_star_asked_for(demo_copy):
    """`code ... --memo --star` on a span the coder had coded with that code said "coded #id"
    and dropped the memo and the star."""
    from cli_runner import sq
    args = ("code", "--project", demo_copy, "--doc", "R02", "--code", "urgentie", "--unit", "200")
    first = json.loads(sq(*args, "--format", "json").stdout)
    again = sq(*args, "--memo", "tweede lezing", "--star", "--format", "json")
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert second["id"] == first["id"] and second["memo"] == "tweede lezing" and second["starred"]
    ws = Workspace.open(demo_copy)
    try:
        stored = ws.coding(first["id"])
        assert stored.memo == "tweede lezing" and stored.starred
        assert len([c for c in ws.codings(doc="R02") if c.code == "urgentie" and c.start == first["start"]
                    and c.coder == first["coder"]]) == 1
    finally:
        ws.close()


def test_show_units_numbers_turns_as_code_turn_takes_them(demo_copy):
    """`show --units` gave the project-wide turn id (R02's first turn was 53) where `show` and
    `code --turn` number turns from 1 within the document."""
    from cli_runner import sq
    units = json.loads(sq("show", "--project", demo_copy, "--doc", "R02", "--units", "--format", "json").stdout)
    turns = json.loads(sq("show", "--project", demo_copy, "--doc", "R02", "--format", "json").stdout)
    assert units[0]["turn"] == 1 and units[0]["turn_id"] != 1  # R02 is not the first document
    second = [u for u in units if u["turn"] == 2]
    assert second[0]["start"] == turns[1]["start"] and second[-1]["end"] == turns[1]["end"]
    r = sq("code", "--project", demo_copy, "--doc", "R02", "--code", "urgentie", "--turn", "2", "--format", "json")
    coded = json.loads(r.stdout)
    assert (coded["start"], coded["end"]) == (turns[1]["start"], turns[1]["end"])


def test_codebook_mistakes_say_what_is_wrong(demo_copy, tmp_path):
    """Messages that pointed the wrong way: a code without a name ("code name None"), a .qdpx
    given to codebook-import ("save the transcript as .txt"), a path given to code-rename ("must
    be a lowercase slug"), a move under one's own sub-code ("under itself"), and a codebook
    written as .txt without a word."""
    from cli_runner import sq
    nameless = tmp_path / "codes.yaml"
    nameless.write_text("codebook: t\ncodes:\n  - label: Zonder naam\n", encoding="utf-8")
    project = tmp_path / "project.qdpx"
    assert sq("export", "--project", demo_copy, "-o", project).returncode == 0
    cases = [
        (("codebook-import", nameless), "codes.yaml:3: a code without a 'name'"),
        (("codebook-import", project), "a REFI-QDA project, not a codebook file"),
        (("code-rename", "urgentie/docententekort", "urgentie/arbeidsmarkt"), "is a path; code-rename takes the new name"),
        (("code-move", "urgentie", "--under", "urgentie/docententekort"), "under its own sub-code 'urgentie/docententekort'"),
        (("codebook-export", "-o", tmp_path / "codes.txt"), "cannot write a codebook to 'codes.txt'"),
    ]
    for args, said in cases:
        r = sq(*args, "--project", demo_copy)
        assert r.returncode == 1 and said in r.stderr and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
    assert not (tmp_path / "codes.txt").exists()


def test_unclosed_front_matter_and_a_non_backup_are_refused_first(demo_copy, tmp_path):
    """A transcript whose front matter is never closed was imported as the text '--- region:
    R21' with a warning; restore asked "Replace ...?" before looking at the file it was given."""
    from cli_runner import sq
    before = Workspace.open(demo_copy)
    docs = len(before.documents())
    before.close()
    open_ended = tmp_path / "R21.txt"
    open_ended.write_text("---\nregion: R21\nregion_type: krimp\nInterviewer: Goedemiddag.\n\nJan: Hallo.\n",
                          encoding="utf-8")
    r = sq("import", "--project", demo_copy, open_ended)
    assert r.returncode == 1 and "R21.txt:1: the front matter opened on line 1 is never closed" in r.stderr
    not_a_backup = tmp_path / "oud.db"
    not_a_backup.write_text("geen backup\n", encoding="utf-8")
    r = sq("restore", "--project", demo_copy, not_a_backup, input="y\n")
    assert r.returncode == 1 and "not a sto_qual backup" in r.stderr and "Replace" not in r.stdout + r.stderr
    after = Workspace.open(demo_copy)
    assert len(after.documents()) == docs
    after.close()


def test_undo_names_what_it_undid_and_agreement_says_why_it_cannot(tmp_path):
    """`undo` said only "undone: add"; `agreement` on a project with one coder's codings ended
    with a usage banner (exit 2) that named neither cause."""
    from cli_runner import sq
    p = tmp_path / "p.db"
    assert sq("init", "--project", p).returncode == 0
    f = tmp_path / "R90.txt"
    f.write_text("Interviewer: Wat speelt er?\n\nJan: Het tekort aan docenten.\n", encoding="utf-8")
    assert sq("import", "--project", p, f).returncode == 0
    assert sq("code", "--project", p, "--doc", "R90", "--code", "urgentie", "--turn", "2").returncode == 0
    r = sq("undo", "--project", p)
    assert r.returncode == 0 and r.stdout.strip() == "undone: coding of ‘Urgentie’ on R90"
    assert sq("redo", "--project", p).stdout.strip() == "redone: coding of ‘Urgentie’ on R90"
    r = sq("agreement", "--project", p)
    assert r.returncode == 1 and "Usage" not in r.stderr
    assert "agreement needs two coders with codings; this project has codings by onderzoeker" in r.stderr


def test_options_that_contradict_each_other_are_refused(demo_copy):
    """`code --unit 3 --turn 2` and `stats --coder X --all-coders` ran, silently using one."""
    from cli_runner import sq
    r = sq("code", "--project", demo_copy, "--doc", "R02", "--code", "urgentie", "--unit", "200", "--turn", "2")
    assert r.returncode == 2 and r.stderr.strip() == \
        "error: give one of --start/--end, --unit, --sentence or --turn, not --unit and --turn"
    # --sentence is named as typed (it was refused as "--unit"), and --start without --end says so
    r = sq("code", "--project", demo_copy, "--doc", "R02", "--code", "urgentie", "--sentence", "3", "--turn", "2")
    assert r.returncode == 2 and r.stderr.strip().endswith("not --sentence and --turn")
    r = sq("code", "--project", demo_copy, "--doc", "R02", "--code", "urgentie", "--start", "10")
    assert r.returncode == 2 and r.stderr.strip() == "error: give --end with --start (or --unit, --sentence or --turn)"
    r = sq("stats", "--project", demo_copy, "--coder", "onderzoeker-b", "--all-coders")
    assert r.returncode == 2 and "give --coder or --all-coders, not both" in r.stderr


def test_a_role_for_a_speaker_the_document_does_not_have_is_refused(demo_copy):
    """`role Nobody interviewer --doc R01` mapped nobody and said "Nobody -> interviewer"."""
    from cli_runner import sq
    r = sq("role", "--project", demo_copy, "Nobody", "interviewer", "--doc", "R01")
    assert r.returncode == 1 and "R01 has no speaker 'Nobody' (speakers:" in r.stderr
    r = sq("role", "--project", demo_copy, "Nobody", "interviewer")
    assert r.returncode == 0 and "no document has a speaker 'Nobody' yet" in r.stderr
    speaker = json.loads(sq("show", "--project", demo_copy, "--doc", "R01", "--format", "json").stdout)[1]["speaker"]
    r = sq("role", "--project", demo_copy, speaker, "bestuurder", "--doc", "R01")
    assert r.returncode == 0 and r.stderr == ""


def test_ctrl_c_in_a_command_is_interrupted_130_and_a_declined_question_is_aborted_1(demo_copy, monkeypatch):
    """Click turns Ctrl-C into its Abort, the same as a question answered no: the user saw
    'aborted' and exit 1 for both."""
    from cli_runner import sq

    def interrupted(self, *a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(Workspace, "info", interrupted)
    r = sq("info", "--project", demo_copy)
    assert r.returncode == 130 and r.stderr.strip().endswith("interrupted") and "Traceback" not in r.stderr
    monkeypatch.undo()
    r = sq("delete-doc", "--project", demo_copy, "--doc", "R01", input="n\n")
    assert r.returncode == 1 and r.stderr.strip().endswith("aborted")
    # no answer at all (a script, no terminal): it said only "aborted", never that --yes answers it
    r = sq("delete-doc", "--project", demo_copy, "--doc", "R01", input="")
    assert r.returncode == 1 and r.stderr.strip().endswith(
        "aborted: nothing changed; the question had no answer (no terminal), and --yes answers it yes")


def test_ctrl_c_while_the_command_line_is_still_loading_is_interrupted_130():
    """A Ctrl-C in the first ~50 ms, while Python loads click and the command families, printed
    a KeyboardInterrupt traceback. The interrupt is raised here where a real one would land:
    inside the import of the command line."""
    import subprocess
    import sys
    script = (
        "import sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'click':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "from sto_qual.__main__ import main\n"
        "sys.argv = ['sto-qual', 'info']\n"
        "main()\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (130, "interrupted\n")


def test_undo_names_a_changed_coding_by_what_changed(demo_copy):
    """The message read "Undid: starred of ‘…’"; a star, a memo and a span are nouns."""
    from cli_runner import sq
    coding = json.loads(sq("codings", "--project", demo_copy, "--doc", "R01", "--format", "json").stdout)[0]
    assert sq("star", "--project", demo_copy, str(coding["id"])).returncode == 0
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.stdout.startswith("undone: star of ‘"), r.stdout
    assert sq("memo", "--project", demo_copy, str(coding["id"]), "nieuw").returncode == 0
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.stdout.startswith("undone: memo of ‘"), r.stdout
    # a resize changes the word count with the span: named by which way the span went ("shrinking
    # of", "widening of": "span of" read as a removal when a join was undone), never "span and words of"
    assert sq("resize", "--project", demo_copy, str(coding["id"]), "--start", str(coding["start"]),
              "--end", str(coding["end"] - 1)).returncode == 0
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.stdout.startswith("undone: shrinking of ‘"), r.stdout
    assert sq("resize", "--project", demo_copy, str(coding["id"]), "--start", str(coding["start"]),
              "--end", str(coding["end"] + 1)).returncode == 0
    r = sq("undo", "--project", demo_copy, "--coder", coding["coder"])
    assert r.stdout.startswith("undone: widening of ‘"), r.stdout
    # a join that moved only the start (a coder's u after "Joined: … now covers sentences 49-53" said
    # "span of", and she could not tell whether the coding was gone)
    units = json.loads(sq("show", "--doc", "R01", "--units", "--project", demo_copy, "--format", "json").stdout)
    assert sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie/arbeidsmarkt", "--sentence", "53",
              "--coder", "zed").returncode == 0
    r = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie/arbeidsmarkt", "--sentence", "49-53",
           "--coder", "zed", "--widen")
    assert r.stdout.startswith("joined"), r.stdout
    r = sq("undo", "--project", demo_copy, "--coder", "zed")
    assert r.stdout.startswith("undone: join of ‘Arbeidsmarkt’"), r.stdout  # as `code --widen` said "joined"
    assert [(c["start"], c["end"]) for c in json.loads(sq("codings", "--project", demo_copy, "--coder", "zed",
                                                           "--format", "json").stdout)] == \
        [(units[52]["start"], units[52]["end"])]


def test_a_change_to_another_coders_coding_says_whose_step_it_is(demo_copy):
    """A colleague ran `memo`, `star` and `resize` on onderzoeker-b's coding without --coder:
    they were recorded as onderzoeker-a's steps, silently, and b's own `u` then found the
    coding changed under hers. The command says whose coding it is and whose step."""
    from cli_runner import sq
    theirs = json.loads(sq("codings", "--project", demo_copy, "--coder", "onderzoeker-b", "--format", "json").stdout)[0]
    r = sq("star", "--project", demo_copy, str(theirs["id"]))
    assert r.returncode == 0 and r.stderr.strip().splitlines()[-1] == (  # (after what the star means for the report)
        f"note: #{theirs['id']} is onderzoeker-b's coding; the change is in onderzoeker-a's undo history "
        f"(`sto-qual undo --coder onderzoeker-a --project {demo_copy}` takes it back); give --coder onderzoeker-b "
        "when it is "
        "onderzoeker-b who makes it")
    r = sq("memo", "--project", demo_copy, str(theirs["id"]), "let op", "--coder", "onderzoeker-b")
    assert r.returncode == 0 and r.stderr == ""  # her own coding: nothing to say
    r = sq("resize", "--project", demo_copy, str(theirs["id"]), "--start", str(theirs["start"]),
           "--end", str(theirs["end"] - 1), "--coder", "onderzoeker-a")
    assert r.returncode == 0 and "is onderzoeker-b's coding" in r.stderr and "give --coder" not in r.stderr
    r = sq("undo", "--project", demo_copy)  # the colleague takes it back: it is said whose coding changes
    assert r.returncode == 0 and r.stdout.startswith("undone: shrinking of")
    assert r.stderr.strip() == "note: onderzoeker-b's coding; the change was in your undo history", r.stderr


def test_undo_names_suggestions_decided_at_once(demo_copy):
    """A bulk accept of two suggestions was undone as "batch — span of ‘Andere netwerken’ on R07
    and 2 more": it names the suggestions now."""
    from cli_runner import sq
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    coded = [(c.start, c.end) for c in ws.codings(doc="R07", code="urgentie")]
    free = [u for u in ws.units("R07") if not any(s < u.end and u.start < e for s, e in coded)]
    ws.review_service.propose([(u.id, "urgentie", "rule", "trefwoord", None) for u in free])
    shown = [s.id for s in ws.suggestions()][:2]  # in answers, not the interviewer's questions
    assert len(shown) == 2
    ws.accept(shown, coder="onderzoeker-a")
    ws.close()
    r = sq("undo", "--project", demo_copy, "--coder", "onderzoeker-a")
    assert r.returncode == 0 and r.stdout.strip() == "undone: accept of ‘Urgentie’ on R07 and 1 more suggestion", r.stdout


def test_search_says_when_it_cut_the_matches_off(demo_copy):
    """`search een` printed 200 rows of 674 and said nothing."""
    from cli_runner import sq
    r = sq("search", "--project", demo_copy, "een", "--limit", "5", "--format", "json")
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 5
    assert r.stderr.strip() == "showing the first 5 matches; there are more (--limit N shows N)"
    r = sq("search", "--project", demo_copy, "hoornsand", "--limit", "500", "--format", "json")
    assert r.returncode == 0 and 0 < len(json.loads(r.stdout)) < 500 and r.stderr == ""
    r = sq("search", "--project", demo_copy, "een", "--limit", str(2 ** 63 - 1), "--format", "json")
    assert r.returncode == 0 and r.stderr == ""


def test_search_for_part_of_a_word_says_that_words_are_whole_and_how_to_find_it(demo_copy):
    """`search financi` said "(none)", while `/` in the workbench found it as the start of words."""
    from cli_runner import sq
    stems = json.loads(sq("search", "--project", demo_copy, "financi*", "--format", "json").stdout)
    r = sq("search", "--project", demo_copy, "financi")
    assert r.returncode == 0 and r.stdout.strip() == "(none)" and stems
    assert r.stderr.strip() == (f"note: search finds whole words; {len(stems)} sentences have words starting with "
                                f"financi: `sto-qual search 'financi*' --project {demo_copy}`")
    assert sq("search", "--project", demo_copy, "xqzyw").stderr == ""  # nothing starts with it either: nothing said


def test_search_finds_a_profile_written_with_an_ampersand_and_says_it_takes_no_operators(demo_copy):
    """`search 'D&P'` (a vmbo profile) found nothing, and `search 'PIE OR docent'` nothing, unsaid."""
    r = sq("search", "--project", demo_copy, "D&P", "--format", "json")
    found = json.loads(r.stdout)
    assert r.returncode == 0 and found and all("D&P" in x["text"] for x in found)
    assert len(found) == len(json.loads(sq("search", "--project", demo_copy, "d&p", "--format", "json").stdout))
    r = sq("search", "--project", demo_copy, "PIE OR docent")
    assert "note: OR is searched as a word: search finds the sentences with every word given" in r.stderr
    # "financi*" finds the words that begin so ("(none)", unsaid)
    found = json.loads(sq("search", "--project", demo_copy, "financi*", "--format", "json").stdout)
    assert found and all("financi" in x["text"].lower() for x in found)
    assert json.loads(sq("search", "--project", demo_copy, "financi", "--format", "json").stdout) == []
    lemma = sq("search", "--project", demo_copy, "financi*", "--lemma")  # lemmas are whole words: said
    assert lemma.returncode == 2 and "a word ending in * is read without --lemma" in lemma.stderr


def test_a_phrase_in_quotes_is_found_as_a_phrase(demo_copy):
    """`search '"samen sterk"'` found "samen sta je sterk": the quotes were dropped unsaid."""
    def found(*args):
        r = sq("search", "--project", demo_copy, *args, "--limit", "2000", "--format", "json")
        assert r.returncode == 0, r.stderr
        return [x["text"] for x in json.loads(r.stdout)]
    words = found("samen met")
    phrase = found('"samen met"')
    assert phrase and all("samen met" in t.lower() for t in phrase)
    assert len(words) > len(phrase)  # the words apart are more sentences than the phrase
    for quoted in ("\u201csamen met\u201d", "\u201esamen met\u201d", "\u2018samen met\u2019"):
        assert found(quoted) == phrase, quoted  # curly and Dutch low-high quotes, as a word processor types them
    assert found('"samen met"', "--lemma") == phrase
    assert found("samen mbo") and found('"samen mbo"') == []  # the words, but never side by side
    both = found('"ieder voor zich" basisscholen')  # a phrase and a word
    assert both and all("ieder voor zich" in t.lower() and "basisscholen" in t.lower() for t in both)


def test_lemma_search_finds_a_verb_the_lookup_takes_for_a_noun(demo_copy):
    """`search --lemma daalt` found nothing, where the transcripts say "dalen" (the lookup tables
    take it for the plural of "dal"); `--lemma werken` found no "werkt". A word is found by its
    lemma or as itself, in a sentence's lemmas or words."""
    def found(*args):
        r = sq("search", "--project", demo_copy, *args, "--limit", "2000", "--format", "json")
        assert r.returncode == 0, r.stderr
        return {x["unit"]: x["text"] for x in json.loads(r.stdout)}
    plain = found("dalen")
    assert plain and set(plain) <= set(found("daalt", "--lemma"))
    assert set(found("dalen", "--lemma")) >= set(plain) | set(found("daalt", "--lemma"))
    assert any(re.search(r"\bwerkt\b", t) for t in found("werken", "--lemma").values())
    # a past tense the tables also list as an adjective: "werkte" found nothing, "maakte" itself only
    past = found("werkte", "--lemma")
    assert any(re.search(r"\bwerkt\b", t) for t in past.values()) and any("gewerkt" in t for t in past.values())
    assert set(found("maakte")) < set(found("maakte", "--lemma"))
    assert found('"daalt"', "--lemma") == found("daalt", "--lemma")  # one word in quotes is that word
    assert set(found("scholen")) <= set(found("scholen", "--lemma"))  # a word is found as itself too


def test_a_word_written_with_diacritics_is_found_only_so(demo_copy):
    """`search één` (the number) listed every "een" (the article): 200 rows and "there are more"."""
    def found(query, *more):
        return json.loads(sq("search", "--project", demo_copy, query, *more, "--limit", "2000", "--format", "json").stdout)
    one = found("één")
    assert one and all(re.search(r"\b(één|eén)\b", x["text"].lower()) for x in one)
    assert any(x["text"].startswith("Eén ") for x in one)  # as Dutch capitalises it
    assert len(found(unicodedata.normalize("NFD", "één"))) == len(one)  # the marks typed as signs of their own
    # with --lemma too: the lemma of "één" is "een", and `--lemma één` listed every article
    assert [x["text"] for x in found("één", "--lemma")] == [x["text"] for x in one]
    assert all("coördinator" in x["text"] for x in found("coördinator", "--lemma"))  # "coördinatoren" too
    assert len(found("financiële", "--lemma")) > len(found("financiële"))  # "financieel": every form
    # a query with no word in it is said to be so, not "empty" ("😀" was); NEAR is a word, as AND is
    emoji = sq("search", "--project", demo_copy, "😀")
    assert emoji.returncode == 1 and "nothing to search for in '😀': search finds words" in emoji.stderr
    assert "note: NEAR is searched as a word" in sq("search", "--project", demo_copy, "PIE NEAR docent").stderr
    assert len(one) < len(found("een")) / 5
    # a word without diacritics still finds the word with them, and a prefix keeps its marks
    assert {x["unit"] for x in found("financiele")} == {x["unit"] for x in found("financiële")} != set()
    assert all("financië" in x["text"].lower() for x in found("financië*"))


def test_a_coder_name_typed_wrong_once_can_be_removed_and_one_who_did_work_cannot(demo_copy):
    """`--coder brma` made a coder for good: after the undo it stayed in `coders` and `info`
    with nothing to its name, and no command removed it."""
    def run(*args):
        return CliRunner().invoke(cli, [*args, "--project", str(demo_copy)] if args[0] != "code" else
                                  [args[0], "--project", str(demo_copy), *args[1:]])
    assert run("code", "--doc", "R01", "--code", "urgentie", "--sentence", "5", "--coder", "brma").exit_code == 0
    res = run("coder-remove", "brma")
    assert res.exit_code == 1 and "'brma' has 1 coding; nothing was removed" in res.stderr
    assert run("undo", "--coder", "brma").exit_code == 0
    res = run("coder-remove", "Brma")
    assert res.exit_code == 0 and res.stdout.strip() == "removed coder brma", res.output
    names = [c["name"] for c in json.loads(run("coders", "--format", "json").stdout)]
    assert "brma" not in names and names == ["onderzoeker-a", "onderzoeker-b"]
    res = run("coder-remove", "onderzoeker-b")
    assert res.exit_code == 1 and "has 208 codings" in res.stderr
    assert "default coder" in run("coder-remove", "onderzoeker-a").stderr


def test_a_coder_whose_coding_another_coders_undo_would_put_back_stays(demo_copy):
    """`uncode` of zz's coding by onderzoeker-a, then `coder-remove zz`: onderzoeker-a's `undo` met
    'internal error: IntegrityError: FOREIGN KEY constraint failed' on every try, and she could
    undo nothing else."""
    assert sq("code", "-p", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "5",
              "--coder", "zz").returncode == 0
    coding = json.loads(sq("codings", "-p", demo_copy, "--coder", "zz", "--format", "json").stdout)[0]["id"]
    assert sq("uncode", "-p", demo_copy, str(coding), "--coder", "onderzoeker-a").returncode == 0
    refused = sq("coder-remove", "-p", demo_copy, "zz")
    assert refused.returncode == 1 and refused.stderr.strip() == (
        "error: 'zz' has 1 coding in another coder's undo steps; nothing was removed (an undo would put it back; "
        "undo it and uncode it yourself, or keep the coder)")
    undone = sq("undo", "-p", demo_copy, "--coder", "onderzoeker-a")
    assert undone.returncode == 0 and any(c["id"] == coding for c in json.loads(
        sq("codings", "-p", demo_copy, "--coder", "zz", "--format", "json").stdout))
    # as the refusal advises: undone, and uncoded by zz. onderzoeker-a's step was left to redo and
    # the same refusal came back; the redo step goes with the coder now, and her redo says so
    assert sq("uncode", "-p", demo_copy, str(coding), "--coder", "zz").returncode == 0
    removed = sq("coder-remove", "-p", demo_copy, "zz")
    assert removed.returncode == 0 and removed.stdout.strip() == (
        "removed coder zz (1 redo step of another coder that held a coding of theirs went with them)"), removed
    assert "nothing to redo" in sq("redo", "-p", demo_copy, "--coder", "onderzoeker-a").stderr


def test_an_undo_step_holding_a_removed_coders_coding_is_refused_and_dropped(demo_copy):
    """A project where the coder went before `coder-remove` looked at the undo steps: the step is
    refused in one line and dropped, so the steps behind it still undo."""
    import sqlite3
    assert sq("code", "-p", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", "5",
              "--coder", "zz").returncode == 0
    coding = json.loads(sq("codings", "-p", demo_copy, "--coder", "zz", "--format", "json").stdout)[0]["id"]
    assert sq("uncode", "-p", demo_copy, str(coding), "--coder", "onderzoeker-a").returncode == 0
    db = sqlite3.connect(str(demo_copy))  # as an earlier version removed her, with the step still there
    with db:
        db.execute("DELETE FROM history WHERE coder_id = (SELECT id FROM coders WHERE name = 'zz')")
        db.execute("DELETE FROM coders WHERE name = 'zz'")
    db.close()
    got = sq("undo", "-p", demo_copy, "--coder", "onderzoeker-a")
    assert got.returncode == 1 and "the coder of coding #" in got.stderr and "Traceback" not in got.stderr
    assert "internal error" not in sq("undo", "-p", demo_copy, "--coder", "onderzoeker-a").stderr


def test_restore_asks_knowing_that_every_change_since_the_backup_is_undone(demo_copy, tmp_path):
    """`restore` asked only "Replace X with Y?": a coder did not see that a morning's coding
    would go."""
    from cli_runner import sq
    backup = tmp_path / "vanochtend.db"
    assert sq("backup", "--project", demo_copy, "-o", backup).returncode == 0
    r = sq("restore", "--project", demo_copy, backup, input="n\n")
    assert r.returncode == 1 and "Every change made since that backup is undone" in r.stdout + r.stderr
    assert "warning:" not in r.stderr  # a backup of this project: nothing to warn of


def test_restore_warns_when_the_file_is_another_projects(demo_copy, tmp_path):
    """`restore --yes` took a file holding none of the project's interviews without a word."""
    from cli_runner import sq
    from tests_support import SMALL
    other = tmp_path / "ander.db"
    assert sq("init", other).returncode == 0
    f = tmp_path / "R90.txt"
    f.write_text(SMALL, encoding="utf-8")
    assert sq("import", "-p", other, f).returncode == 0
    r = sq("restore", "--project", demo_copy, other, input="n\n")
    assert r.returncode == 1
    assert (f"warning: {other} holds none of the 19 interviews of {demo_copy}: it is another project, not a backup "
            "of this one") in r.stderr, r.stderr
    # a new, empty project (`init fresh.db`) given in place of a backup: 742 codings went to 0 unsaid
    empty = tmp_path / "fresh.db"
    assert sq("init", empty).returncode == 0
    r = sq("restore", "--project", demo_copy, empty, "--yes")
    assert r.returncode == 0
    assert (f"warning: {empty} holds no interviews, where {demo_copy} has 19: it is an empty project, not a backup "
            "of this one, and restoring it empties the project") in r.stderr, r.stderr
    # a project of its own holding one of the interviews (19 interviews and 742 codings became 1 and 0, unsaid)
    one = tmp_path / "een.db"
    assert sq("init", one).returncode == 0
    transcripts = Path(__file__).resolve().parents[2] / "transcripts"
    assert sq("import", "-p", one, transcripts / "R01.txt").returncode == 0
    restored_before = sorted(demo_copy.parent.glob("*.pre-restore-*"))
    assert sq("restore", "--project", demo_copy, restored_before[-1], "--yes").returncode == 0  # the 19 back
    r = sq("restore", "--project", demo_copy, one, input="n\n")
    assert r.returncode == 1
    assert (f"warning: {one} is no backup of {demo_copy} (its history starts apart from this project's) and holds "
            "1 of its 19 interviews: restoring makes the project that other one") in r.stderr, r.stderr


def test_json_as_an_option_points_to_format(demo_copy):
    """`stats --json` said only "No such option '--json'" (other tools spell it so)."""
    got = sq("stats", "-p", demo_copy, "--json")
    assert got.returncode == 2 and "error: No such option '--json'. Did you mean '--format json'?" in got.stderr
    got = sq("codings", "-p", demo_copy, "--csv-nl")
    assert "Did you mean '--format csv-nl'?" in got.stderr
    assert "Did you mean" not in sq("codings", "-p", demo_copy, "--xml").stderr


def test_another_tools_name_for_an_option_points_to_this_ones(demo_copy):
    """`stats --group-by region` was offered '--rollup'; `--filter` nothing at all."""
    for argv, meant in ((["stats", "--group-by", "region"], "--by"), (["stats", "--filter", "region=krimp"], "--where"),
                        (["quotes", "--node", "urgentie"], "--code"), (["codings", "--user", "anna"], "--coder")):
        got = sq(*argv, "-p", demo_copy)
        assert got.returncode == 2 and f"error: No such option '{argv[1]}'. Did you mean '{meant}'?" in got.stderr, argv
    assert "--by" not in sq("codings", "-p", demo_copy, "--group-by", "region").stderr  # (it has no --by)


def test_a_coder_name_typed_with_its_accent_as_a_sign_of_its_own_is_the_same_coder(demo_copy):
    """`--coder` "jürgen" from one keyboard (NFC) and another (NFD) made two coders that looked
    the same in every list, and "did you mean jürgen?" of jürgen could not be acted on."""
    for name, sentence in ((unicodedata.normalize("NFD", "jürgen"), "5"), ("jürgen", "6")):
        assert sq("code", "--project", demo_copy, "--doc", "R01", "--code", "urgentie", "--sentence", sentence,
                  "--coder", name).returncode == 0
    coders = [c["name"] for c in json.loads(sq("coders", "--project", demo_copy, "--format", "json").stdout)]
    assert [unicodedata.normalize("NFC", c) for c in coders].count("jürgen") == 1, coders


def test_search_in_part_of_the_interviews_and_a_file_of_names_said(demo_copy):
    """An analyst searched "docent" in the krimp regions only (NVivo's text search in selected
    files): search had no --where; and its CSV printed speakers and sentences with the names the
    pseudonym list replaces without the note `codings` gives."""
    def found(*args):
        r = sq("search", "--project", demo_copy, "docent*", "--limit", "2000", "--format", "json", *args)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)
    every = found()
    krimp = {d["name"] for d in json.loads(sq("docs", "--project", demo_copy, "--where", "region_type=krimp",
                                               "--format", "json").stdout)}
    part = found("--where", "region_type=krimp")
    assert part and {r["doc"] for r in part} <= krimp and part == [r for r in every if r["doc"] in krimp]
    assert {r["doc"] for r in found("--where", "doc=R03,R05")} == {"R03", "R05"}
    wrong = sq("search", "--project", demo_copy, "docent", "--where", "regoin=krimp")
    assert wrong.returncode != 0 and "(did you mean region?)" in wrong.stderr
    csv_out = sq("search", "--project", demo_copy, "docent*", "--format", "csv")
    assert "hold names the pseudonym list replaces, shown as stored" in csv_out.stderr
    assert "pseudonym list" not in sq("search", "--project", demo_copy, "docent*").stderr  # the screen: no file


def test_a_project_in_a_sync_folder_is_warned_about_by_every_command_and_still_opens(tmp_path):
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    db = folder / "p.db"
    assert sq("init", "--project", db).returncode == 0
    for args in (("stats",), ("reference-coder",)):
        res = sq(*args, "--project", db)
        assert res.returncode == 0, res.stderr
        warning, = [line for line in res.stderr.splitlines() if line.startswith("warning: ")]
        assert "sync folder" in warning and "sto-qual merge" in warning
    assert "no reference coder" in sq("reference-coder", "--project", db).stdout


def test_a_range_of_turns_is_coded_and_uncoded_as_a_range_of_sentences_is(demo_copy):
    """`code --turn 24-25` was refused ("'24-25' is not a valid integer") where `--sentence 28-32`
    takes a range."""
    from cli_runner import sq
    turns = json.loads(sq("show", "--doc", "R03", "--project", demo_copy, "--format", "json").stdout)
    r = sq("code", "--project", demo_copy, "--doc", "R03", "--turn", "24-25", "--code", "urgentie", "--coder", "zed",
           "--format", "json")
    assert r.returncode == 0, r.stderr
    assert (json.loads(r.stdout)["start"], json.loads(r.stdout)["end"]) == (turns[23]["start"], turns[24]["end"])
    for bad, said in (("25-24", "--turn 25-24: the range runs from the first turn to the last (--turn 24-25)"),
                      ("x", "--turn 'x' is not a turn number or range")):
        r = sq("code", "--project", demo_copy, "--doc", "R03", "--turn", bad, "--code", "urgentie", "--coder", "zed")
        assert r.returncode == 2 and said in r.stderr, r.stderr
    r = sq("code", "--project", demo_copy, "--doc", "R03", "--turn", "24-999", "--code", "urgentie", "--coder", "zed")
    assert r.returncode == 1 and "document R03 has no turn 999 (it has 54)" in r.stderr, r.stderr
    r = sq("uncode", "--project", demo_copy, "--doc", "R03", "--turn", "24-25", "--code", "urgentie", "--coder", "zed")
    assert r.returncode == 0 and r.stdout.startswith("removed"), r.stdout


def test_the_first_export_of_a_project_without_codings_is_replaced_by_the_next(tmp_path):
    """`export -o c.csv` before anything was coded wrote a file without its header line, "Wrote c.csv:
    0 codings"; the export after the first coding refused it as "a CSV this program did not write"."""
    (tmp_path / "W01.txt").write_text("Interviewer: Hoe zoeken jullie docenten?\nFemke: Reacties naar "
                                      "p.vanwijk(at)hetbaken.nl, of kom langs.\n", encoding="utf-8")
    db, out = str(tmp_path / "p.db"), str(tmp_path / "c.csv")
    assert sq("init", "--project", db).returncode == 0
    assert sq("import", str(tmp_path / "W01.txt"), "--project", db).returncode == 0
    first = sq("export", "--project", db, "-o", out)
    assert first.returncode == 0 and "Wrote" in first.stdout and "0 codings" in first.stdout, first.stderr
    assert Path(out).read_text(encoding="utf-8-sig").startswith("id,doc,theme,code,")
    coded = sq("code", "--project", db, "--doc", "W01", "--code", "urgentie", "--turn", "2", "--coder", "a")
    assert coded.returncode == 0, coded.stderr
    second = sq("export", "--project", db, "-o", out, "--coder", "a")
    assert second.returncode == 0 and "1 coding\n" in second.stdout and "1 codings" not in second.stdout, second.stderr
    listed = sq("codings", "--project", db, "--format", "csv")
    assert "1 of these passages holds contact details (an e-mail address, a phone number, a postcode), shown as " \
           "stored" in listed.stderr and "pseudonym list" not in listed.stderr, listed.stderr


def test_codebook_export_says_when_its_texts_hold_what_the_other_exports_replace(demo_copy, tmp_path):
    """The demo codebook's example "Het mbo … zit op zes locaties" went out as written in codebook.yaml
    and .qdc (a codebook keeps its texts for importing again), while every other export replaced the
    count: nothing said so."""
    from cli_runner import sq
    for name in ("codebook.yaml", "codebook.qdc"):
        r = sq("codebook-export", "-p", demo_copy, "-o", tmp_path / name)
        assert r.returncode == 0 and "zes locaties" in (tmp_path / name).read_text(encoding="utf-8")
        assert re.search(r"note: \d+ of these codebook texts \(labels, definitions, examples, keywords\) holds? "
                         r"names the pseudonym list replaces, shown as stored: keep this file within the team",
                         r.stderr), r.stderr


def test_a_qdc_codebook_export_says_what_it_has_no_field_for(demo_copy, tmp_path):
    """The codebook's English labels, summary phrases, topics and contrasts went through .qdc and were
    gone when it was imported again, unsaid; the YAML keeps them."""
    from cli_runner import sq
    r = sq("codebook-export", "-p", demo_copy, "-o", tmp_path / "cb.qdc")
    assert r.returncode == 0
    assert ("note: a .qdc keeps each code's name, label, colour, definition, when to use, examples and keywords; it "
            "has no field for these: English labels (24 codes), summary phrases (24 codes)") in r.stderr, r.stderr
    assert f"`sto-qual codebook-export -o {tmp_path / 'cb.yaml'} --project {demo_copy}` keeps them" in r.stderr
    assert "a .qdc keeps" not in sq("codebook-export", "-p", demo_copy, "-o", tmp_path / "cb.yaml").stderr


def test_a_quotes_file_for_scripts_says_it_names_the_interview_beside_the_role(demo_copy, tmp_path):
    """`quotes --format csv` writes each passage's region code beside its speaker's role and the memo (the
    columns scripts read): together they point to one person. A privacy officer found it said nowhere,
    where the .qdpx, the codings files and the workbook say "keep it within the team"."""
    from cli_runner import sq
    said = sq("quotes", "urgentie", "--format", "csv", "-o", tmp_path / "q.csv", "--project", demo_copy)
    assert said.returncode == 0, said.stderr
    assert "note: these rows name each passage's interview (region) beside its speaker's role" in said.stderr
    assert "keep the file within the team" in said.stderr
    pasted = sq("quotes", "urgentie", "--format", "md", "-o", tmp_path / "q.md", "--project", demo_copy)
    assert pasted.returncode == 0 and "these rows name" not in pasted.stderr  # role alone, as the chapter


def test_recode_gives_a_coding_another_code_with_its_memo_and_star(demo_copy):
    """A lead splitting a code in two had no way to move a passage to the new code but coding it anew and
    removing the old coding, whose memo and star went with it. `recode` keeps span, memo and star, and
    `undo` takes it back; the new code on the same passage already, or the code it has, is refused."""
    from cli_runner import sq
    c = next(c for c in json.loads(sq("codings", "--project", demo_copy, "--format", "json").stdout)
             if c["memo"] and c["starred"] and c["code"] == "urgentie/behoud-techniekaanbod")
    args = ("--project", demo_copy, "--coder", c["coder"])
    done = sq("recode", str(c["id"]), "urgentie/arbeidsmarkt", *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"recoded #{c['id']} {c['doc']} {c['start']}-{c['end']} urgentie/arbeidsmarkt")
    assert "(was urgentie/behoud-techniekaanbod; its memo and star kept)" in done.stdout
    ws = Workspace.open(demo_copy)
    now = ws.coding(c["id"])
    assert (now.code, now.start, now.end, now.memo, now.starred) == (
        "urgentie/arbeidsmarkt", c["start"], c["end"], c["memo"], True)
    ws.close()
    again = sq("recode", str(c["id"]), "urgentie/arbeidsmarkt", *args)
    assert again.returncode == 1 and "has the code urgentie/arbeidsmarkt already" in again.stderr
    undone = sq("undo", *args)
    assert undone.returncode == 0 and "undone: recode to ‘Arbeidsmarkt’" in undone.stdout, undone.stdout
    ws = Workspace.open(demo_copy)
    assert ws.coding(c["id"]).code == "urgentie/behoud-techniekaanbod"
    twin = ws.assign_code(c["doc"], "urgentie/arbeidsmarkt", start=c["start"], end=c["start"] + 20, coder=c["coder"])
    ws.close()
    refused = sq("recode", str(c["id"]), "urgentie/arbeidsmarkt", *args)  # coded twice: refused, unchanged
    assert refused.returncode == 1 and f"{c['coder']} has urgentie/arbeidsmarkt on this passage already " \
        f"(#{twin.id})" in refused.stderr, refused.stderr  # (she is named: "coding #2's coder" read as someone else)


def test_an_undo_of_a_coding_another_coder_recoded_since_says_she_recoded_it(demo_copy):
    """A coding's code changed only in a code merge, and undo said so ("its code was merged into …") of a
    colleague's recode."""
    from cli_runner import sq
    assert sq("recode", "2", "urgentie/arbeidsmarkt", "--project", demo_copy, "--coder", "onderzoeker-a").returncode == 0
    assert sq("recode", "2", "urgentie/verschuiving", "--project", demo_copy, "--coder", "onderzoeker-b").returncode == 0
    undone = sq("undo", "--project", demo_copy, "--coder", "onderzoeker-a")
    assert undone.returncode == 1 and "was changed since (its code, by onderzoeker-b)" in undone.stderr, undone.stderr


def test_attribute_help_names_the_table_that_sets_an_attribute_of_many_documents(demo_copy, tmp_path):
    """A researcher marking the round of 19 interviews ran `attribute` 19 times: its help now names the import
    with a table, and that import updates the documents already in the project."""
    from cli_runner import sq
    from sto_qual.services.demo import find_corpus
    assert "`import FOLDER --attributes TABLE.csv`" in " ".join(sq("attribute", "--help").stdout.split())
    table = tmp_path / "ronde.csv"
    table.write_text("file,ronde\n" + "".join(f"R{i:02d},2023-2024\n" for i in range(1, 20)), encoding="utf-8")
    done = sq("import", find_corpus(None), "--attributes", table, "--project", demo_copy)
    assert done.returncode == 0 and "0 imported, 19 updated" in done.stdout + done.stderr, done.stderr
    assert "2023-2024" in sq("attribute", "R07", "--project", demo_copy).stdout


def test_undoing_a_recode_whose_first_code_was_deleted_says_so(demo_copy):
    """Split, recode, delete the old code, then undo: it said "the same coder has this code on that span already"."""
    from cli_runner import sq
    args = ("--project", demo_copy, "--coder", "onderzoeker-a")
    assert sq("code-add", "urgentie/tijdelijk", "--project", demo_copy).returncode == 0
    assert sq("recode", "2", "urgentie/tijdelijk", *args).returncode == 0
    assert sq("recode", "2", "urgentie/arbeidsmarkt", *args).returncode == 0
    assert sq("code-delete", "urgentie/tijdelijk", "--project", demo_copy).returncode == 0
    undone = sq("undo", *args)
    assert undone.returncode == 1 and "the code it would get back was deleted since" in undone.stderr, undone.stderr
