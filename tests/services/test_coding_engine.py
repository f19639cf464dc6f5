"""Coding through the Workspace: spans, units, turns, overlap, memo, star, undo/redo, refusals."""
import pytest

from sto_qual.domain.errors import NothingToDo, SpanError, StoQualError, UnknownCode, UnknownDocument
from sto_qual.services import Workspace


def _doc(ws):
    d = ws.documents()[0]
    return d, ws.document_text(d.id)


def test_span_unit_and_turn_codings_store_exact_text(small_ws):
    ws = small_ws
    d, text = _doc(ws)
    units = ws.units(d.id)
    turns = ws.turns(d.id)
    a = ws.assign_code(d.name, "urgentie/docententekort", start=units[1].start, end=units[1].end + 10)
    b = ws.assign_code(d.id, "urgentie", unit=units[1].id)
    c = ws.assign_code(str(d.id), "vmbo-in-the-lead/op-papier", turn=turns[3].seq + 1)
    for coding in (a, b, c):
        assert coding.text == text[coding.start:coding.end]
    assert c.text == text[turns[3].start:turns[3].end]
    assert c.text.startswith("Op papier")


def test_overlapping_nested_and_several_codes_on_one_span(small_ws):
    ws = small_ws
    d, text = _doc(ws)
    outer = ws.assign_code(d.id, "urgentie", start=10, end=80)
    inner = ws.assign_code(d.id, "urgentie/docententekort", start=20, end=40)
    overlap = ws.assign_code(d.id, "vmbo-in-the-lead", start=60, end=120)
    same = ws.assign_code(d.id, "collectief-optrekken", start=10, end=80)
    got = {(c.code, c.start, c.end) for c in ws.codings(doc=d.id)}
    assert got == {(x.code, x.start, x.end) for x in (outer, inner, overlap, same)}


@pytest.mark.parametrize("kwargs, error", [
    ({"doc": "nope", "code": "urgentie", "start": 0, "end": 5}, UnknownDocument),
    ({"doc": "R90", "code": "nope", "start": 0, "end": 5}, UnknownCode),
    ({"doc": "R90", "code": "urgentie", "start": 5, "end": 5}, SpanError),
    ({"doc": "R90", "code": "urgentie", "start": 7, "end": 3}, SpanError),
    ({"doc": "R90", "code": "urgentie", "start": -1, "end": 3}, SpanError),
    ({"doc": "R90", "code": "urgentie", "start": 0, "end": 10**9}, SpanError),
    ({"doc": "R90", "code": "urgentie", "unit": 10**6}, UnknownDocument),
    ({"doc": "R90", "code": "urgentie", "turn": 999}, SpanError),
])
def test_bad_input_is_refused_and_nothing_written(small_ws, kwargs, error):
    ws = small_ws
    before = ws.info()["codings"], len(ws.session.audit_log())
    doc, code = kwargs.pop("doc"), kwargs.pop("code")
    with pytest.raises(error) as exc:
        ws.assign_code(doc, code, **kwargs)
    assert "\n" not in str(exc.value)
    assert (ws.info()["codings"], len(ws.session.audit_log())) == before


def test_memo_star_resize_and_audit(small_ws):
    ws = small_ws
    d, text = _doc(ws)
    c = ws.assign_code(d.id, "urgentie", start=30, end=40, coder="anna")
    ws.set_memo(c.id, "belangrijk", coder="anna")
    ws.star(c.id, coder="anna")
    r = ws.resize_coding(c.id, snap=True, coder="anna")
    units = [(u.start, u.end) for u in ws.units(d.id)]
    assert (r.start, r.end) in units or any(s == r.start for s, _ in units)
    assert r.text == text[r.start:r.end] and r.memo == "belangrijk" and r.starred
    actions = [a["action"] for a in ws.session.audit_log() if a["entity"] == "coding"]
    assert actions[-4:] == ["add", "memo", "star", "resize"]


def test_undo_redo_survive_a_restart_and_are_per_coder(small_ws, tmp_path):
    ws = small_ws
    d, _ = _doc(ws)
    path = ws.session.path
    made = [ws.assign_code(d.id, "urgentie", start=i, end=i + 5, coder="anna") for i in range(0, 60, 10)]
    other = ws.assign_code(d.id, "urgentie", start=100, end=110, coder="bert")
    ws.star(made[0].id, coder="anna")
    ws.close()
    ws2 = Workspace.open(path)  # a new process would see the same
    ws2.undo(coder="anna")       # un-star
    assert not ws2.coding(made[0].id).starred
    ws2.undo(coder="anna")       # remove the last of anna's codings
    ids = {c.id for c in ws2.codings()}
    assert made[-1].id not in ids and other.id in ids  # bert's coding untouched
    ws2.redo(coder="anna")
    assert made[-1].id in {c.id for c in ws2.codings()}
    for _ in range(len(made)):
        ws2.undo(coder="anna")
    assert {c.id for c in ws2.codings()} == {other.id}
    with pytest.raises(NothingToDo):
        ws2.undo(coder="anna")
    ws2.close()


def test_one_undo_drops_every_step_on_a_coding_removed_elsewhere(small_ws):
    """An analyst's `uncode` removed a coding lies had made and starred: her undo refused the star,
    and the next undo refused the coding, each "coding #757 was removed since", before one took
    back the step behind them."""
    from sto_qual.domain.errors import StaleChange
    ws = small_ws
    d, _ = _doc(ws)
    first = ws.assign_code(d.id, "urgentie", start=0, end=5, coder="lies")
    gone = ws.assign_code(d.id, "urgentie", start=20, end=25, coder="lies")
    ws.star(gone.id, coder="lies")
    ws.set_memo(gone.id, "kijk hier nog naar", coder="lies")
    ws.remove_coding(gone.id, coder="analist")  # another person, another window
    with pytest.raises(StaleChange) as refused:
        ws.undo(coder="lies")
    assert refused.value.hint == "this step was dropped from your undo history, with the 2 steps before it on the " \
        "same coding"
    # who removed it, and how it comes back (a coder read only "was removed since; nothing was changed")
    assert refused.value.message == (f"coding #{gone.id} was removed since by analist (`sto-qual undo --coder analist` "
                                     "brings it back while that removal is analist's last step); nothing was changed")
    ws.undo(coder="lies")  # the step behind them: her first coding
    assert first.id not in {c.id for c in ws.codings()}
    with pytest.raises(NothingToDo):
        ws.undo(coder="lies")


def test_fifty_undo_steps(small_ws):
    ws = small_ws
    d, _ = _doc(ws)
    text = ws.document_text(d.id)
    starts = [i for i in range(len(text) - 3) if any(ch.isalnum() for ch in text[i:i + 3])][:60]
    for i in starts:
        ws.assign_code(d.id, "urgentie", start=i, end=i + 3, coder="anna")
    for _ in range(55):
        ws.undo(coder="anna")
    assert len(ws.codings(coder="anna")) == 5


def test_uncode_removes_only_overlapping_codings_of_that_code(small_ws):
    ws = small_ws
    d, _ = _doc(ws)
    a = ws.assign_code(d.id, "urgentie", start=0, end=20, coder="anna")
    b = ws.assign_code(d.id, "urgentie", start=50, end=70, coder="anna")
    c = ws.assign_code(d.id, "vmbo-in-the-lead", start=0, end=20, coder="anna")
    done = ws.uncode(d.id, "urgentie", start=0, end=30, coder="anna")
    assert [(x.before.id, x.after) for x in done] == [(a.id, ())]
    assert {x.id for x in ws.codings()} == {b.id, c.id}
    ws.undo(coder="anna")
    assert a.id in {x.id for x in ws.codings()}


def test_uncode_removes_the_code_from_the_span_only_trimming_or_splitting(small_ws):
    """A coding reaching beyond the span keeps the part(s) outside it with its memo and star
    (the whitespace at a cut left out); one undo restores it; a lone full stop is not kept."""
    ws = small_ws
    d, text = _doc(ws)
    assert text[:56] == "Goedemiddag. Wat is nu de grootste urgentie in de regio?"
    a = ws.assign_code(d.id, "urgentie", start=0, end=56, coder="anna", memo="kern", starred=True)
    other = ws.assign_code(d.id, "vmbo-in-the-lead", start=0, end=56, coder="anna")
    done = ws.uncode(d.id, "urgentie", start=0, end=12, coder="anna")  # the first sentence
    assert [(x.before.id, [(p.id, p.start, p.end) for p in x.after]) for x in done] == [(a.id, [(a.id, 13, 56)])]
    kept = ws.coding(a.id)
    assert kept.memo == "kern" and kept.starred and kept.text == text[13:56]
    assert (ws.coding(other.id).start, ws.coding(other.id).end) == (0, 56)
    ws.undo(coder="anna")
    assert (ws.coding(a.id).start, ws.coding(a.id).end) == (0, 56)
    s = text.index("grootste")
    done = ws.uncode(d.id, "urgentie", start=s, end=s + len("grootste"), coder="anna")
    left, right = done[0].after
    assert (left.id, left.text, right.text) == (a.id, "Goedemiddag. Wat is nu de", "urgentie in de regio?")
    assert right.memo == "kern" and right.starred and right.coder == "anna" and right.origin == a.origin
    ws.undo(coder="anna")  # one step: joined again
    assert [(x.id, x.start, x.end) for x in ws.codings(code="urgentie")] == [(a.id, 0, 56)]
    ws.redo(coder="anna")
    assert len(ws.codings(code="urgentie")) == 2
    ws.undo(coder="anna")
    dot = ws.assign_code(d.id, "urgentie/docententekort", start=0, end=12, coder="anna")  # "Goedemiddag."
    assert ws.uncode(d.id, "urgentie/docententekort", start=0, end=11, coder="anna")[0].after == ()
    assert dot.id not in {x.id for x in ws.codings()}


def test_uncode_refuses_a_part_left_over_that_is_coded_already_and_changes_nothing(small_ws):
    ws = small_ws
    d, _ = _doc(ws)
    first = ws.assign_code(d.id, "urgentie", start=0, end=12, coder="anna")
    both = ws.assign_code(d.id, "urgentie", start=0, end=56, coder="anna")
    before = [(x.id, x.start, x.end) for x in ws.codings()], len(ws.session.audit_log())
    with pytest.raises(SpanError, match=rf"what is left of coding #{both.id} \(0-12\) is coded already as "
                                        rf"#{first.id}") as exc:
        ws.uncode(d.id, "urgentie", start=13, end=56, coder="anna")
    assert f"uncode --id {both.id}" in exc.value.hint
    assert ([(x.id, x.start, x.end) for x in ws.codings()], len(ws.session.audit_log())) == before


def test_uncode_all_coders_trims_each_coders_coding_in_one_undo_step(small_ws):
    ws = small_ws
    d, _ = _doc(ws)
    mine = ws.assign_code(d.id, "urgentie", start=0, end=56, coder="anna")
    theirs = ws.assign_code(d.id, "urgentie", start=5, end=56, coder="bert")
    done = ws.uncode(d.id, "urgentie", start=0, end=12, coder="anna", all_coders=True)
    assert {x.before.id: [(p.start, p.end, p.coder) for p in x.after] for x in done} == {
        mine.id: [(13, 56, "anna")], theirs.id: [(13, 56, "bert")]}
    ws.undo(coder="anna")
    assert {(x.id, x.start, x.end) for x in ws.codings()} == {(mine.id, 0, 56), (theirs.id, 5, 56)}


def test_coder_resolution_order(small_ws, monkeypatch):
    ws = small_ws
    d, _ = _doc(ws)
    assert ws.assign_code(d.id, "urgentie", start=0, end=3).coder == "onderzoeker"
    monkeypatch.setenv("STO_QUAL_CODER", "uit-env")
    assert ws.assign_code(d.id, "urgentie", start=0, end=3).coder == "uit-env"
    assert ws.assign_code(d.id, "urgentie", start=0, end=3, coder="expliciet").coder == "expliciet"
    assert {c["name"] for c in ws.coders()} >= {"onderzoeker", "uit-env", "expliciet"}


def test_codings_file_anchored_by_quote(small_ws, tmp_path):
    ws = small_ws
    f = tmp_path / "c.yaml"
    f.write_text("document: R90\ncoder: anna\ncodings:\n"
                 "  - code: urgentie/docententekort\n    quote: \"Het tekort aan technische docenten.\"\n"
                 "    starred: true\n    memo: kern\n", encoding="utf-8")
    res = ws.import_codings(f)
    assert res == {"file": str(f), "added": 1, "already_present": 0, "memos_and_stars": 0, "kept": [],
                   "new_coders": ["anna"], "coder_instead_of": []}
    c = ws.codings(coder="anna")[0]
    assert c.text == "Het tekort aan technische docenten." and c.starred and c.memo == "kern"
    assert ws.import_codings(f)["added"] == 0  # idempotent
    # the same coding with another memo: this project's stays and it is said (it was dropped
    # unsaid); one without a memo or star here gets the file's, as a merge gives them
    other = tmp_path / "d.yaml"
    other.write_text(f.read_text(encoding="utf-8").replace("memo: kern", "memo: anders"), encoding="utf-8")
    again = ws.import_codings(other)
    assert again["already_present"] == 1 and again["memos_and_stars"] == 0 and ws.coding(c.id).memo == "kern"
    assert len(again["kept"]) == 1 and f"its memo differs in {tmp_path.name}/d.yaml, line 5" in again["kept"][0]
    # a memo and star a person took off here stay off (an old file gave them back)
    ws.set_memo(c.id, "")
    ws.star(c.id, False)
    assert ws.import_codings(other)["memos_and_stars"] == 0
    assert not ws.coding(c.id).memo and not ws.coding(c.id).starred
    # one that never had them takes the file's, as a merge gives them
    plain, marked = tmp_path / "plain.yaml", tmp_path / "marked.yaml"
    plain.write_text(f.read_text(encoding="utf-8").replace("coder: anna", "coder: bert")
                     .replace("    starred: true\n    memo: kern\n", ""), encoding="utf-8")
    marked.write_text(f.read_text(encoding="utf-8").replace("coder: anna", "coder: bert"), encoding="utf-8")
    assert ws.import_codings(plain)["added"] == 1
    assert ws.import_codings(marked)["memos_and_stars"] == 1
    assert [(x.memo, x.starred) for x in ws.codings(coder="bert")] == [("kern", True)]
    # a coding this project removed since is not brought back by importing the file again
    ws.remove_coding(c.id)
    back = ws.import_codings(f)
    assert back["added"] == 0 and not ws.codings(coder="anna")
    assert len(back["kept"]) == 1 and f"1 coding(s) of {tmp_path.name}/c.yaml not brought back" in back["kept"][0]
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: R90\ncodings:\n  - code: urgentie\n    quote: Staat er niet in.\n", encoding="utf-8")
    from sto_qual.domain.errors import CodingsFileError
    with pytest.raises(CodingsFileError) as exc:
        ws.import_codings(bad)
    assert exc.value.line == 4 and "quote not found" in str(exc.value)
    assert [x.coder for x in ws.codings()] == ["bert"]  # the refused file added nothing


def test_export_and_reimport_codings_files_round_trip(demo_ws, tmp_path):
    ws = demo_ws
    before = sorted((c.doc, c.code, c.start, c.end, c.coder, c.starred, c.memo) for c in ws.codings())
    files = ws.export_codings_yaml(tmp_path / "out")[0]
    fresh = Workspace.create(tmp_path / "fresh.db")
    from tests_support import REPO  # noqa: F401  (see tests/tests_support.py)
    fresh.import_files([REPO / "transcripts"], attributes=REPO / "transcripts" / "attributes.csv")
    for f in files:
        fresh.import_codings(f)
    after = sorted((c.doc, c.code, c.start, c.end, c.coder, c.starred, c.memo) for c in fresh.codings())
    fresh.close()
    assert after == before


def test_extend_and_shrink_to_sentence_boundaries(small_ws):
    ws = small_ws
    d, text = _doc(ws)
    units = ws.units(d.id)
    u1, u2 = units[1], units[2]
    c = ws.assign_code(d.id, "urgentie", start=u1.start + 3, end=u2.start + 4)
    grown = ws.resize_coding(c.id, snap=True)
    assert (grown.start, grown.end) == (u1.start, u2.end)
    c2 = ws.assign_code(d.id, "urgentie", start=u1.start - 1 if u1.start else 0, end=u2.end - 2)
    shrunk = ws.resize_coding(c2.id, shrink=True)
    assert (shrunk.start, shrunk.end) == (u1.start, u1.end)
    assert shrunk.text == text[u1.start:u1.end]
    tiny = ws.assign_code(d.id, "urgentie", start=u1.start + 2, end=u1.start + 6)
    with pytest.raises(SpanError):
        ws.resize_coding(tiny.id, shrink=True)


def test_survey_respondents_with_the_same_answer_are_two_cases(empty_ws, tmp_path):
    f = tmp_path / "enquete.csv"
    f.write_text("id;regio;antwoord\n1;R01;Samenwerking met het mbo is waar we het meest trots op zijn, echt waar.\n"
                 "2;R02;Samenwerking met het mbo is waar we het meest trots op zijn, echt waar.\n", encoding="utf-8")
    summary = empty_ws.import_files([f], text_columns=["antwoord"], id_column="id")
    assert len(summary.imported) == 2 and not summary.skipped
    assert len(empty_ws.import_files([f], text_columns=["antwoord"], id_column="id").skipped) == 2


def test_many_entries_for_a_common_quote_are_checked_fast(small_ws, tmp_path):
    import time
    lines = ["document: R90", "codings:"]
    for i in range(5000):  # the budget below is per entry: 1 ms of CPU each (reading the YAML is most of it)
        lines += ["  - code: urgentie", "    quote: e", "    occurrence: 999999"]
    f = tmp_path / "big.yaml"
    f.write_text("\n".join(lines), encoding="utf-8")
    from sto_qual.domain.errors import CodingsFileError
    t0 = time.process_time()  # CPU time: other programs on the machine do not count
    with pytest.raises(CodingsFileError, match="the same at lines 7, 10, 13 and 4996 more lines"):
        small_ws.import_codings(f)
    assert time.process_time() - t0 < 5


def test_widen_codes_the_text_once_per_code_and_coder(small_ws):
    """widen (the TUI, `code --widen`): a span over two of anna's codings of a code makes them one
    coding over all of it, with both memos and the star; inside a coding keeps it; another
    coder's coding and another code are left alone; one undo brings the two codings back."""
    ws = small_ws
    d, text = _doc(ws)
    a = ws.assign_code(d.id, "urgentie", start=10, end=30, coder="anna", memo="eerste")
    b = ws.assign_code(d.id, "urgentie", start=50, end=70, coder="anna", memo="tweede", starred=True)
    other = ws.assign_code(d.id, "urgentie", start=20, end=60, coder="bert")
    sub = ws.assign_code(d.id, "urgentie/docententekort", start=20, end=60, coder="anna")
    joined = ws.assign_code(d.id, "urgentie", start=25, end=55, coder="anna", widen=True)
    assert (joined.id, joined.start, joined.end) == (a.id, 10, 70)
    assert joined.memo == "eerste\ntweede" and joined.starred and joined.text == text[10:70]
    annas = [c for c in ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)]
    assert [(c.start, c.end) for c in annas] == [(10, 70)]
    assert {c.id for c in ws.codings(doc=d.id)} >= {other.id, sub.id}
    inside = ws.assign_code(d.id, "urgentie", start=40, end=45, coder="anna", widen=True)
    assert (inside.id, inside.start, inside.end) == (a.id, 10, 70)
    # a memo brought again that the joined memo holds as one of its lines is not added a second
    # time (T in the consensus meeting made "eerste\ntweede\ntweede")
    again = ws.assign_code(d.id, "urgentie", start=65, end=80, coder="anna", widen=True, memo=" tweede ")
    assert (again.id, again.start, again.end, again.memo) == (a.id, 10, 80, "eerste\ntweede")
    assert ws.undo(coder="anna")["what"].startswith("join of ‘Urgentie’")
    undone = ws.undo(coder="anna")
    assert undone["what"].startswith("join of ‘Urgentie’")  # one passage's change, named as such
    back = sorted((c.start, c.end, c.memo, c.starred) for c in
                  ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False))
    assert back == [(10, 30, "eerste", False), (50, 70, "tweede", True)]
    plain = ws.assign_code(d.id, "urgentie", start=25, end=55, coder="anna")  # without widen: as given
    assert (plain.start, plain.end) == (25, 55) and plain.id not in (a.id, b.id)


def test_code_widen_says_whether_it_joined_or_found_the_span_coded(small_ws, tmp_path):
    """`code --widen` on a span inside the coder's coding printed "joined" although nothing
    changed; it says "already coded" then, "joined" when a coding grew."""
    from cli_runner import sq
    ws = small_ws
    d, _text = _doc(ws)
    ws.assign_code(d.id, "urgentie", start=10, end=40, coder="anna")
    project = str(tmp_path / "small.db")  # the small_ws fixture's project file
    base = ["--project", project, "--doc", d.name, "--code", "urgentie", "--coder", "anna", "--widen"]
    inside = sq("code", *base, "--start", "15", "--end", "30")
    assert inside.returncode == 0 and inside.stdout.startswith("already coded "), inside.stdout + inside.stderr
    grown = sq("code", *base, "--start", "30", "--end", "60")
    assert grown.stdout.startswith("joined ") and " 10-60 " in grown.stdout, grown.stdout
    new = sq("code", "--project", project, "--doc", d.name, "--code", "urgentie", "--coder", "anna",
             "--start", "70", "--end", "90")
    assert new.stdout.startswith("coded "), new.stdout


def test_a_mistyped_coder_is_named_before_it_becomes_a_second_coder(small_ws, tmp_path):
    """`code --coder onderzoekr-a` quietly made a third coder; it is refused now, naming the coder
    it is close to, and --new-coder makes it, said. Filters name it too."""
    from cli_runner import sq
    ws = small_ws
    d, _text = _doc(ws)
    ws.assign_code(d.id, "urgentie", start=10, end=40, coder="onderzoeker-a")
    project = str(tmp_path / "small.db")
    args = ("code", "--project", project, "--doc", d.name, "--code", "urgentie", "--coder", "onderzoekr-a",
            "--start", "50", "--end", "60")
    typo = sq(*args)
    assert typo.returncode == 1 and "'onderzoekr-a' is no coder in this project" in typo.stderr
    assert "did you mean onderzoeker-a?" in typo.stderr
    assert sq(*args, "--new-coder").returncode == 0
    same = sq("code", "--project", project, "--doc", d.name, "--code", "urgentie", "--coder", "Onderzoeker-A",
              "--start", "70", "--end", "80")
    assert same.returncode == 0 and "new coder" not in same.stderr  # another case is the same coder
    bad = sq("stats", "--project", project, "--coder", "onderzoekr-b")
    assert bad.returncode == 1 and "unknown coder 'onderzoekr-b' (did you mean onderzoekr-a?)" in bad.stderr


def test_widen_joins_a_coding_that_the_span_only_touches(small_ws):
    """Sentences 1 and 3 coded, then 2 (after `x` split a coding around it): three codings of one
    passage, counted three times. A span next to the coder's coding of the code, with nothing but
    white space between, joins it as an overlapping one does; a sentence further off does not."""
    ws = small_ws
    d, text = _doc(ws)
    units = [u for u in ws.units(d.id)]
    jan = [u for u in units if text[u.start:u.end].startswith(("Het tekort", "Dat merken", "We hebben"))]
    first, second, third = jan[:3]
    assert text[first.end:second.start].isspace() and text[second.end:third.start].isspace()
    ws.assign_code(d.id, "urgentie", unit=first.id, coder="anna", widen=True)
    ws.assign_code(d.id, "urgentie", unit=third.id, coder="anna", widen=True)
    assert len(ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)) == 2
    joined = ws.assign_code(d.id, "urgentie", unit=second.id, coder="anna", widen=True)
    annas = ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)
    assert [(c.start, c.end) for c in annas] == [(first.start, third.end)] == [(joined.start, joined.end)]
    far = [u for u in units if u.start > third.end + 40][0]
    ws.assign_code(d.id, "urgentie", unit=far.id, coder="anna", widen=True)
    assert len(ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)) == 2
    ws.undo(coder="anna")
    ws.undo(coder="anna")  # the join comes undone in one step: the two codings are back
    assert len(ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)) == 2


def test_widen_keeps_two_speakers_turns_apart(small_ws):
    """A coder coded one speaker's turn, then the next speaker's turn with the same code: the two
    touched across white space and were joined into one coding over both speakers, so the quote
    came out as the first speaker's words alone and the second's passage (starred) was lost from
    the quotes. Touching across a change of speaker, they stay two codings; overlapping ones join."""
    ws = small_ws
    d, text = _doc(ws)
    turns = ws.turns(d.id)
    k = next(i for i in range(len(turns) - 1) if turns[i].speaker != turns[i + 1].speaker
             and text[turns[i].end:turns[i + 1].start].isspace())
    one, two = turns[k], turns[k + 1]
    ws.assign_code(d.id, "urgentie", start=one.start, end=one.end, coder="anna", widen=True)
    ws.assign_code(d.id, "urgentie", start=two.start, end=two.end, coder="anna", widen=True, starred=True)
    annas = ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)
    assert sorted((c.start, c.end, c.starred) for c in annas) == [(one.start, one.end, False),
                                                                  (two.start, two.end, True)]
    # a span over the end of the first turn overlaps that coding: it widens it (its speaker's)
    ws.assign_code(d.id, "urgentie", start=one.end - 5, end=two.start + 3, coder="anna", widen=True)
    assert len(ws.codings(doc=d.id, code="urgentie", coder="anna", include_subcodes=False)) == 1


def test_undo_names_a_split_as_a_removal_and_a_join_as_a_join(small_ws):
    """After `x` split a coding, `u` said "Undid: span of ‘Urgentie’ … and 1 more": the step was
    the removal of the code from part of the coding. A join reads as a join."""
    ws = small_ws
    d, text = _doc(ws)
    units = ws.units(d.id)
    jan = [u for u in units if text[u.start:u.end].startswith(("Het tekort", "Dat merken", "We hebben"))]
    ws.assign_code(d.id, "urgentie", start=jan[0].start, end=jan[2].end, coder="anna")
    ws.uncode(d.id, "urgentie", unit=jan[1].id, coder="anna")  # split in two around the middle sentence
    undone = ws.undo(coder="anna")
    assert undone["what"].startswith("removal of ‘Urgentie’ on R90") and "more" not in undone["what"], undone
    assert ws.redo(coder="anna")["what"].startswith("removal of ‘Urgentie’")
    ws.undo(coder="anna")
    ws.assign_code(d.id, "urgentie", unit=jan[1].id, coder="bert")
    ws.assign_code(d.id, "vmbo-in-the-lead", unit=jan[0].id, coder="anna")
    ws.assign_code(d.id, "vmbo-in-the-lead", unit=jan[2].id, coder="anna")
    ws.assign_code(d.id, "vmbo-in-the-lead", start=jan[0].start, end=jan[2].end, coder="anna", widen=True)
    assert ws.undo(coder="anna")["what"].startswith("join of ‘Vmbo in the lead’ on R90")


def test_a_coders_later_codings_file_joins_her_coding_and_leaves_a_removed_one_out(demo_ws, tmp_path):
    """A coder's export from her own copy, imported into the team's project: a coding she had
    widened there was added beside the narrower one here (counted twice), and one she had
    widened that the lead had removed here came back."""
    ws = demo_ws
    u = ws.units("R03")
    kept_here = ws.assign_code("R03", "urgentie/arbeidsmarkt", start=u[30].start, end=u[31].end, coder="anna")
    removed = ws.assign_code("R03", "urgentie/docententekort", start=u[40].start, end=u[41].end, coder="anna")
    ws.remove_coding(removed.id, coder="anna")
    text = ws.document_text("R03")

    import yaml
    f = tmp_path / "anna" / "R03.yaml"
    f.parent.mkdir()
    f.write_text(yaml.safe_dump({"document": "R03", "coder": "anna", "codings": [
        {"code": "urgentie/arbeidsmarkt", "quote": text[u[30].start:u[32].end]},       # widened there
        {"code": "urgentie/docententekort", "quote": text[u[39].start:u[41].end]},     # widened there, removed here
    ]}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    res = ws.import_codings(f)
    assert res["added"] == 0, res
    mine = [(c.code, c.start, c.end) for c in ws.codings(doc="R03", coder="anna")]
    assert mine == [("urgentie/arbeidsmarkt", u[30].start, u[32].end)]  # one coding, over both spans
    assert any(f"coding #{kept_here.id} (R03 urgentie/arbeidsmarkt) now covers" in k and "anna/R03.yaml, line" in k
               for k in res["kept"]), res["kept"]
    assert any("1 coding(s) of anna/R03.yaml not brought back" in k for k in res["kept"]), res["kept"]


def test_keeping_a_reading_place_leaves_the_project_file_alone(demo_copy):
    """The Coder keeps where a coder is every few seconds; in the project file that would make
    every other window on the project reload. It is kept beside the user's other data."""
    from sto_qual.services import Workspace, reading_place
    ws, other = Workspace.open(demo_copy), Workspace.open(demo_copy)
    try:
        before = other.project_version()
        doc = ws.document("R03").id
        reading_place.keep_place(ws, "anna", doc, 1200)
        assert other.project_version() == before
        again = Workspace.open(demo_copy)
        assert reading_place.last_document(again, "anna") == doc and reading_place.place_in(again, "anna", doc) == 1200
        assert reading_place.last_document(again, "bram") is None
        again.close()
    finally:
        ws.close()
        other.close()


def test_a_coder_name_that_looks_like_another_coders_is_refused(small_ws):
    """`--coder annа` (its last letter Cyrillic) or with a zero-width space made a second coder
    that every list showed as "anna"; only a note said it was new."""
    ws = small_ws
    d, _text = _doc(ws)
    ws.assign_code(d.id, "urgentie", start=0, end=20, coder="anna")
    for twin, said in (("ann\u0430", "looks the same as the coder 'anna'"), ("ΑNNA", "looks the same"),
                       ("an\u200bna", "shows as nothing"), ("an\u00adna", "shows as nothing"),
                       ("anna\ufe0f", "shows as nothing"), ("anna\U000e0101", "shows as nothing"),
                       ("anna\u2800", "shows as nothing")):
        with pytest.raises(StoQualError, match=said):
            ws.assign_code(d.id, "urgentie", start=30, end=40, coder=twin)
        with pytest.raises(StoQualError, match=said):
            ws.new_coder_near(twin)
    ws.assign_code(d.id, "urgentie", start=0, end=20, coder="onderzoeker-b")
    with pytest.raises(StoQualError, match="looks the same as the coder 'onderzoeker-b'"):  # a dash for its hyphen
        ws.assign_code(d.id, "urgentie", start=30, end=40, coder="onderzoeker\u2010b")
    with pytest.raises(StoQualError, match="looks the same"):  # nor an agreed coding or a default coder
        ws.agreed.start("ann\u0430", "anna", "onderzoeker-b")
    with pytest.raises(StoQualError, match="looks the same"):
        ws.set_default_coder("ann\u0430")
    for named in (lambda: ws.edit_code("urgentie", label="U", coder="ann\u0430"),  # as the author of a change
                  lambda: ws.resolve_coder("onderzoeker\u02d7b")):  # (a modifier minus for its hyphen)
        with pytest.raises(StoQualError, match="looks the same"):
            named()
    with pytest.raises(StoQualError, match=r"did you mean anna\?"):  # not the closest spelling, but the twin
        ws.session.coder_filter("ann\u0430")
    assert [c["name"] for c in ws.coders()] == ["anna", "onderzoeker-b"]
    ws.assign_code(d.id, "urgentie", start=30, end=40, coder="anne")  # a name that looks different
    with pytest.raises(StoQualError, match="looks the same"):
        ws.coder_service.rename_coder("anne", "ann\u0430")


def test_a_codings_file_quote_in_other_quotation_marks_is_found_and_a_near_miss_is_shown(empty_ws, tmp_path):
    """A codings file typed with straight quotes where the transcript has curly ones was refused,
    "quote not found", the cause unsaid; a quote a word apart ("acht" for "negen") was refused
    without the passage it nearly is, and its excerpt was cut in mid-word."""
    from sto_qual.domain.errors import CodingsFileError
    ws = empty_ws
    t = tmp_path / "R91.txt"
    t.write_text("Interviewer: Hoe reageerden de partners?\n\nJan: Ze zeiden: “als jullie zelf niet weten of het "
                 "doorgaat, wij ook niet.” Dat was pijnlijk. We hebben negen leerlingen in de derde klas PIE.\n",
                 encoding="utf-8")
    assert ws.import_files([t]).ok
    f = tmp_path / "c.yaml"
    f.write_text('document: R91\ncoder: anna\ncodings:\n  - code: urgentie\n    quote: \'Ze zeiden: "als jullie zelf '
                 'niet weten of het doorgaat, wij ook niet."\'\n', encoding="utf-8")
    assert ws.import_codings(f)["added"] == 1
    [c] = ws.codings(coder="anna")
    assert ws.document_text(c.document_id)[c.start:c.end].endswith("wij ook niet.”")  # the transcript's own marks
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: R91\ncoder: anna\ncodings:\n  - code: urgentie\n    quote: We hebben acht leerlingen "
                   "in de derde klas PIE.\n", encoding="utf-8")
    with pytest.raises(CodingsFileError) as exc:
        ws.import_codings(bad)
    assert "“We hebben acht leerlingen in de derde klas PIE.”" in str(exc.value)
    assert exc.value.hint.startswith("the transcript has “We hebben negen leerlingen in de derde klas PIE")
    bad.write_text("document: R91\ncoder: anna\ncodings:\n  - code: urgentie\n    quote: Iets heel anders dat hier "
                   "nergens staat, ook niet in de buurt van enige zin.\n", encoding="utf-8")
    with pytest.raises(CodingsFileError) as exc:
        ws.import_codings(bad)
    assert exc.value.hint == "copy the quote exactly from the transcript"
    assert "“Iets heel anders dat hier nergens staat, ook niet…”" in str(exc.value)  # cut at a word
