"""Data safety (issue 13): a process holding the project beside CLI commands, automatic
backups versus the user's own files, ids never reused, restore under a writer."""
from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import sq
from tui_support import until

from sto_qual.domain.errors import NothingToDo, ProjectError, StaleChange, UnknownDocument
from sto_qual.services import Workspace

REPO = Path(__file__).resolve().parents[2]
HOLDER = REPO / "tests" / "workers" / "holder_worker.py"


def cli(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """A command in a process of its own (the holder and the importer beside it are real processes
    too); most tests run the command in-process with ``sq``."""
    return subprocess.run([sys.executable, "-m", "sto_qual", *args], capture_output=True, text=True, cwd=REPO,
                          input=input, timeout=300)


def count(path: Path, sql: str, params=()) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


def copy_of(project: Path, target: Path) -> Path:
    ws = Workspace.open(project)
    ws.backup(target)
    ws.close()
    return target


@pytest.fixture(scope="session")
def studie_seed(tmp_path_factory) -> Path:
    """Two interviews imported once per session (the import runs spaCy)."""
    path = tmp_path_factory.mktemp("studie-seed") / "studie.db"
    ws = Workspace.create(path)
    assert ws.import_files([REPO / "transcripts" / "R01.txt", REPO / "transcripts" / "R02.txt"]).ok
    ws.close()
    return path


@pytest.fixture
def project(studie_seed, tmp_path) -> Path:
    target = tmp_path / "studie.db"
    shutil.copy(studie_seed, target)
    return target


# ------------------------------------------------------------------ part 1
def test_tui_like_holder_keeps_its_commits_while_commands_run_beside_it(project, tmp_path):
    holder = subprocess.Popen([sys.executable, str(HOLDER), str(project)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["info"], ["stats"], ["report", "-o", str(tmp_path / "r.docx")],
                     ["backup", "-o", str(tmp_path / "b1.db")]):
            r = sq(*args, "--project", str(project))
            assert r.returncode == 0, (args, r.stderr)
        # the holder still has its WAL: nobody took themselves for the last user
        assert Path(str(project) + "-wal").exists() and Path(str(project) + "-shm").exists()
        saved = []
        for _ in range(3):
            holder.stdin.write("code\n")
            holder.stdin.flush()
            saved.append(int(holder.stdout.readline().split()[1]))
        r = sq("backup", "--project", str(project), "-o", str(tmp_path / "b2.db"))
        assert r.returncode == 0, r.stderr
        marks = ",".join(map(str, saved))
        assert count(tmp_path / "b2.db", f"SELECT count(*) FROM codings WHERE id IN ({marks})") == 3
        assert sq("info", "--project", str(project)).returncode == 0
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
    assert count(project, f"SELECT count(*) FROM codings WHERE id IN ({marks})") == 3
    assert count(project, "PRAGMA integrity_check") == "ok"


def test_opening_a_project_never_reads_it_with_python_open(project, monkeypatch):
    import builtins
    real = builtins.open
    opened = []

    def spy(file, *a, **k):
        opened.append(str(file))
        return real(file, *a, **k)
    first = Workspace.open(project)
    monkeypatch.setattr(builtins, "open", spy)
    second = Workspace.open(project)
    second.info()
    second.close()
    monkeypatch.setattr(builtins, "open", real)
    first.close()
    assert not [p for p in opened if Path(p).name.startswith(project.name)]


def test_not_an_sqlite_file_is_refused_with_one_line(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("gewoon tekst, geen project\n", encoding="utf-8")
    r = sq("info", "--project", str(bad))
    assert r.returncode == 1 and "not a sto_qual project" in r.stderr and "Traceback" not in r.stderr


def test_another_programs_database_or_an_empty_file_is_never_made_a_project(tmp_path, demo_copy):
    """A mistyped --project (or merge source) naming another program's SQLite file, an empty
    database or a 0-byte file is refused, and the file keeps every byte: opening must not add
    sto_qual's tables or switch the file to WAL journaling."""
    import hashlib
    def database(name: str, *statements: str) -> Path:
        con = sqlite3.connect(tmp_path / name)
        for sql in statements:
            con.execute(sql)
        con.commit()
        con.close()
        return tmp_path / name

    foreign = database("agenda.db", "CREATE TABLE afspraken (wie TEXT, wanneer TEXT)",
                       "INSERT INTO afspraken VALUES ('Marieke', 'dinsdag')")
    empty_db = database("leeg.db", "CREATE TABLE t (a)", "DROP TABLE t")
    zero = tmp_path / "nul.db"
    zero.write_bytes(b"")
    cases = [(foreign, "another program"), (empty_db, "without tables"), (zero, "an empty file")]
    for path, why in cases:
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        for args in (("info", "--project", path), ("merge", "--project", demo_copy, path)):
            r = sq(*args)
            assert r.returncode == 1 and "not a sto_qual project" in r.stderr and why in r.stderr, r.stderr
            assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in tmp_path.glob(path.name + "*")) == [path.name]  # no -wal, no -shm
    with pytest.raises(ProjectError, match="another program"):
        Workspace.open(foreign)


def test_store_writes_outside_a_transaction_are_refused(small_ws):
    store = small_ws.store
    doc = small_ws.documents()[0].id
    code = store.codes.find("urgentie").id
    coder = small_ws.coder_id("a")
    with pytest.raises(RuntimeError, match="transaction"):
        store.codings.insert(document_id=doc, code_id=code, coder_id=coder, start=0, end=5)
    with pytest.raises(RuntimeError, match="transaction"):
        store.history.push(coder, {"op": "add"})
    assert not store.conn.in_transaction
    assert small_ws.info()["codings"] == 0


def test_import_refuses_the_open_project_file_itself(tmp_path):
    ws = Workspace.create(tmp_path / "studie.txt")  # a project with a transcript's suffix
    try:
        for p in (ws.session.path, Path(str(ws.session.path) + "-wal")):
            summary = ws.import_files([p])
            assert summary.refused and "open sto_qual project" in summary.refused[0]["error"]
        assert ws.info()["documents"] == 0
    finally:
        ws.close()


# ------------------------------------------------------------------ part 2
def _grep(paths: list[Path], needles: list[bytes]) -> list[tuple[str, bytes]]:
    hits = []
    for p in paths:
        if p.exists():
            raw = p.read_bytes().lower()
            hits += [(p.name, n) for n in needles if n.lower() in raw]
    return hits


def test_delete_doc_purges_only_automatic_backups_and_reports_other_files(project, tmp_path):
    ws = Workspace.open(project)
    ws.backup(tmp_path / "studie.coder-b.db")
    ws.backup(tmp_path / "studie.wave2.db")
    ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")  # makes studie.pre-merge-*.db
    ws.close()
    auto = list(tmp_path.glob("studie.pre-merge-*.db"))
    assert len(auto) == 1
    # a coder's copy in use has its own WAL: it must survive with it
    coder_b = Workspace.open(tmp_path / "studie.coder-b.db")
    coder_b.assign_code("R01", "urgentie", start=0, end=10, coder="b")
    r = sq("delete-doc", "--project", str(project), "--doc", "R01", input="y\n")
    assert r.returncode == 0, r.stderr
    assert auto[0].name in r.stdout  # listed in the prompt
    assert "studie.coder-b.db" in r.stdout + r.stderr and "studie.wave2.db" in r.stdout + r.stderr
    assert not auto[0].exists()
    assert (tmp_path / "studie.wave2.db").exists() and (tmp_path / "studie.coder-b.db").exists()
    # looking into a file nobody has open leaves nothing beside it
    assert not (tmp_path / "studie.wave2.db-wal").exists() and not (tmp_path / "studie.wave2.db-shm").exists()
    assert coder_b.info()["codings"] == 1 and coder_b.document("R01")
    coder_b.close()
    assert count(tmp_path / "studie.coder-b.db", "SELECT count(*) FROM codings") == 1


def test_auto_backup_pruning_never_touches_similar_names(project, tmp_path):
    lookalike = tmp_path / "studie.pre-merge-mijn-kopie.db"
    ws = Workspace.open(project)
    ws.backup(lookalike)
    ws.close()
    from sto_qual.store import ProjectStore
    store = ProjectStore(project)
    for _ in range(12):  # twelve merges' automatic backups
        store.file.auto_backup("pre-merge")
    store.close()
    assert lookalike.exists()
    assert len(list(tmp_path.glob("studie.pre-merge-2*.db"))) == 11  # the newest ten and the first


PRIVATE = """---
region: R77
school: Zonnebloemcollege Oost
---
Interviewer: Welkom. Wie bent u?

Wubbo: Ik ben Wubbo, coördinator bij het Zonnebloemcollege. Het kwartiermakersoverleg loopt stroef.

Interviewer: Dank u.
"""


def test_delete_doc_leaves_no_byte_of_the_document(project, tmp_path):
    src = tmp_path / "R77.txt"
    src.write_text(PRIVATE, encoding="utf-8")
    ws = Workspace.open(project)
    assert ws.import_files([src]).ok
    ws.set_roles({"wubbo": "coördinator", ("R77", "Wubbo"): "coördinator"})
    ws.set_attributes("R77", {"geheim": "Wilgenlaanproject"})
    text = ws.document_text("R77")
    at = text.index("Het kwartier")
    c = ws.assign_code("R77", "urgentie", start=at, end=at + 30, coder="a", memo="kwartiermakersoverleg besproken")
    ws.undo("a")
    ws.redo("a")
    ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")  # an automatic backup holding R77
    res = ws.delete_document("R77")
    assert res["backups_removed"] and c
    ws.close()
    files = [project, Path(str(project) + "-wal"), *tmp_path.glob("studie.pre-*.db")]
    needles = [b"kwartiermakersoverleg", b"wubbo", b"wilgenlaanproject", b"zonnebloemcollege",
               "coördinator bij".encode()]
    assert _grep(files, needles) == []
    ws = Workspace.open(project)
    assert [d.name for d in ws.documents()] == ["R01", "R02"]
    ws.close()


# ------------------------------------------------------------------ part 3
def test_redo_after_another_coder_took_the_highest_id_touches_only_ones_own(project):
    ws = Workspace.open(project)
    a = ws.assign_code("R01", "urgentie", start=0, end=30, coder="alice")
    ws.undo("alice")
    b = ws.assign_code("R02", "urgentie", start=10, end=40, coder="bob")
    assert b.id != a.id  # ids are never handed out twice
    ws.redo("alice")
    ws.undo("alice")
    assert ws.coding(b.id).coder == "bob"
    assert [c.coder for c in ws.codings()] == ["bob"]
    ws.close()


def test_a_window_holding_a_removed_coding_id_cannot_touch_another_coding(project):
    tui = Workspace.open(project)
    cli_ws = Workspace.open(project)
    a = tui.assign_code("R01", "urgentie", start=0, end=30, coder="alice")
    cli_ws.remove_coding(a.id, coder="alice")
    b = cli_ws.assign_code("R02", "urgentie", start=10, end=40, coder="bob")
    doc_r01 = tui.document("R01").id
    with pytest.raises(NothingToDo):
        tui.set_memo(a.id, "mijn memo", coder="alice", document=doc_r01)
    with pytest.raises(NothingToDo):
        tui.star(a.id, coder="alice", document=doc_r01)
    with pytest.raises(StaleChange):  # the right id, the wrong document
        tui.star(b.id, coder="alice", document=doc_r01)
    got = cli_ws.coding(b.id)
    assert got.memo is None and not got.starred
    tui.close()
    cli_ws.close()


def test_a_window_showing_a_deleted_document_cannot_code_the_next_one(project, tmp_path):
    tui = Workspace.open(project)
    other = Workspace.open(project)
    old = tui.document("R02").id
    other.delete_document("R02")
    src = tmp_path / "R30.txt"
    src.write_text("Interviewer: Hoe gaat het?\n\nAnne: Het gaat goed met de techniekroute.\n", encoding="utf-8")
    assert other.import_files([src]).ok
    assert other.document("R30").id != old
    with pytest.raises(UnknownDocument):
        tui.assign_code(old, "urgentie", start=0, end=20, coder="alice")
    assert other.codings(doc="R30") == []
    tui.close()
    other.close()


def test_accept_spanning_two_documents_keeps_its_part_on_the_other_when_one_is_deleted(project):
    ws = Workspace.open(project)
    d1, d2 = ws.document("R01").id, ws.document("R02").id
    u1, u2 = ws.units(d1)[4], ws.units(d2)[4]  # answers: units 0-3 are the interviewer's (no suggestions)
    ws.review_service.propose([(u1.id, "urgentie", "rule", "x", None), (u2.id, "urgentie", "rule", "x", None)])
    ids = [s.id for s in ws.suggestions()]
    made = ws.accept(ids, coder="alice")
    assert len(made) == 2
    ws.delete_document("R02")
    assert [c.document_id for c in ws.codings()] == [d1]
    # the step over both documents keeps its part on R01 (a search coded in nineteen interviews lost its whole
    # undo with one of them): undo takes back R01's coding, and then there is nothing left to undo
    ws.undo("alice")
    assert ws.codings() == []
    with pytest.raises(NothingToDo):
        ws.undo("alice")
    ws.close()


def test_no_ghost_redo_after_a_document_is_deleted(project, tmp_path):
    ws = Workspace.open(project)
    d1, d2 = ws.document("R01").id, ws.document("R02").id
    ws.review_service.propose([(ws.units(d1)[4].id, "urgentie", "rule", "x", None),  # answers, not
                               (ws.units(d2)[4].id, "urgentie", "rule", "x", None)])  # the interviewer's
    ws.accept([s.id for s in ws.suggestions()], coder="alice")  # one step over two documents
    ws.undo("alice")
    ws.delete_document("R02")
    src = tmp_path / "R31.txt"
    src.write_text("Interviewer: Hoe gaat het?\n\nAnne: Het gaat goed met de techniekroute hier, dat merken "
                   "we elke week weer opnieuw in de regio.\n", encoding="utf-8")
    assert ws.import_files([src]).ok
    # the step keeps its part on R01 (a search coded in nineteen interviews lost its whole undo with one of them):
    # redone, that part only; nothing lands on the interview imported since, whatever id it was given
    ws.redo("alice")
    assert {c.doc for c in ws.codings()} == {"R01"}
    with pytest.raises(NothingToDo):
        ws.redo("alice")
    ws.close()


def test_undo_refuses_when_another_coder_changed_the_coding(project):
    mine = Workspace.open(project)
    theirs = Workspace.open(project)
    c = mine.assign_code("R01", "urgentie", start=0, end=30, coder="alice")
    mine.set_memo(c.id, "eerste", coder="alice")
    theirs.set_memo(c.id, "van bob", coder="bob")
    with pytest.raises(StaleChange, match=r"the coding of ‘.*’ on R01 \(#\d+\) was changed since \(its memo, by bob\)"):
        mine.undo("alice")  # which coding as a coder knows it, what changed, and who
    assert theirs.coding(c.id).memo == "van bob"
    # the refused step was dropped; the one before it would delete the coding, and bob's memo
    # with it, unsaid: refused too (removing the coding is `uncode`'s to do, on purpose)
    with pytest.raises(StaleChange, match=r"was given a memo or star since \(its memo, by bob\)"):
        mine.undo("alice")
    assert theirs.coding(c.id).memo == "van bob"
    with pytest.raises(NothingToDo):
        mine.undo("alice")
    mine.close()
    theirs.close()


def test_undo_after_a_merge_names_who_merged_the_code(project):
    """anna merged the code of bram's coding into another in F7; bram's undo of the coding was
    refused "(its code, by bram)": the merge is recorded on the code, and the coding's own last
    change was his."""
    mine = Workspace.open(project)
    theirs = Workspace.open(project)
    mine.add_code("urgentie/huisvesting")
    mine.assign_code("R01", "urgentie/huisvesting", start=0, end=30, coder="bram")
    theirs.merge_codes("urgentie/huisvesting", "collectief-optrekken", coder="anna")
    with pytest.raises(StaleChange, match=r"was changed since \(its code was merged into ‘collectief-optrekken’ "
                                          r"by anna\)"):
        mine.undo("bram")
    mine.close()
    theirs.close()


def test_redo_or_undo_onto_a_code_deleted_since_is_refused_by_name_and_dropped(project):
    """A coder made a code from the picker, coded a sentence with it, undid that; a colleague
    deleted the now empty code; redo then died on a foreign key ('internal error:
    IntegrityError'), in the TUI too, on every press after every restart. It is refused,
    naming the code, and dropped, so the steps behind it still work."""
    mine, theirs = Workspace.open(project), Workspace.open(project)
    kept = mine.assign_code("R01", "urgentie", start=0, end=30, coder="alice")
    mine.add_code("urgentie/huisvesting")
    mine.assign_code("R01", "urgentie/huisvesting", start=40, end=80, coder="alice")
    mine.undo("alice")
    theirs.delete_code("urgentie/huisvesting")
    with pytest.raises(StaleChange, match="the code ‘urgentie/huisvesting’ of coding #.* was deleted since"):
        mine.redo("alice")
    with pytest.raises(NothingToDo):  # dropped: not refused again on every press
        mine.redo("alice")
    # undoing a removal: the coding would come back under a code deleted since
    mine.add_code("urgentie/woningnood")
    c = mine.assign_code("R02", "urgentie/woningnood", start=0, end=30, coder="alice")
    mine.remove_coding(c.id, coder="alice")
    theirs.delete_code("urgentie/woningnood")
    with pytest.raises(StaleChange, match="‘urgentie/woningnood’") as refused:
        mine.undo("alice")
    # the add before it, on the same coding, gone too: dropped with it, not refused on the next press
    assert refused.value.hint.endswith("with the 1 step before it on the same coding")
    assert [x.id for x in mine.codings()] == [kept.id]
    mine.undo("alice")  # the steps behind them still undo
    assert mine.codings() == []
    mine.close()
    theirs.close()


def test_accepting_neighbouring_suggestions_at_once_undoes_and_redoes(project):
    """Two suggestions on neighbouring sentences accepted at once make one coding: the first
    adds it, the second widens it. Undo checked every part before applying any, read the added
    coding as "changed since", refused, and dropped the step: the coder could not take back the
    accept. Each part is now checked against what the parts before it left; a part another
    window changed still refuses the whole step and writes nothing."""
    ws = Workspace.open(project)
    d = ws.document("R01").id
    coded = [(c.start, c.end) for c in ws.codings(doc=d, code="urgentie")]
    free = [u for u in ws.units(d) if not any(s < u.end and u.start < e for s, e in coded)]
    ws.review_service.propose([(u.id, "urgentie", "rule", "trefwoord", None) for u in free])
    pending = ws.suggestions()
    pair = next((a, b) for a, b in zip(pending, pending[1:]) if b.unit == a.unit + 1)
    before = sorted((c.start, c.end) for c in ws.codings())
    ws.accept([pair[0].id, pair[1].id], coder="alice")
    joined = [c for c in ws.codings(coder="alice")]
    assert len(joined) == 1  # one coding over both sentences
    ws.undo("alice")
    assert sorted((c.start, c.end) for c in ws.codings()) == before
    assert {s.id for s in ws.suggestions()} >= {pair[0].id, pair[1].id}  # pending again
    ws.redo("alice")
    assert [(c.start, c.end) for c in ws.codings(coder="alice")] == [(joined[0].start, joined[0].end)]
    other = Workspace.open(project)  # another window changes the coding: the undo refuses whole
    other.set_memo(joined[0].id, "van bob", coder="bob")
    with pytest.raises(StaleChange):
        ws.undo("alice")
    assert [(c.start, c.end, c.memo) for c in ws.codings(coder="alice")] == [(joined[0].start, joined[0].end, "van bob")]
    other.close()
    ws.close()


# ------------------------------------------------------------------ part 4
def test_restore_is_refused_while_another_program_has_the_project_open(project, tmp_path):
    backup = copy_of(project, tmp_path / "b.db")
    holder = subprocess.Popen([sys.executable, str(HOLDER), str(project)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout.readline().strip() == "ready"
        holder.stdin.write("code\n")
        holder.stdin.flush()
        saved = int(holder.stdout.readline().split()[1])
        r = sq("restore", "--project", str(project), str(backup), "--yes")
        assert r.returncode == 1 and "open in another program" in r.stderr, r.stderr
        r = sq("restore", "--project", str(project), str(backup))  # said before it asks "Replace …?"
        assert r.returncode == 1 and "open in another program" in r.stderr and "Replace" not in r.stdout, r
        holder.stdin.write("code\n")
        holder.stdin.flush()
        saved2 = int(holder.stdout.readline().split()[1])
        holder.stdin.write("exit\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate()  # closes its pipes
    assert count(project, "SELECT count(*) FROM codings WHERE id IN (?, ?)", (saved, saved2)) == 2
    r = sq("restore", "--project", str(project), str(backup), "--yes")
    assert r.returncode == 0, r.stderr
    kept = list(tmp_path.glob("studie.pre-restore-*.db"))
    assert len(kept) == 1 and count(kept[0], "SELECT count(*) FROM codings") == 2
    assert count(project, "SELECT count(*) FROM codings") == 0


def test_codings_import_during_restore_loses_nothing_reported_saved(project, tmp_path):
    copy_of(project, tmp_path / "empty.db")
    files = [REPO / "transcripts" / "codings" / coder / f"{doc}.yaml"
             for coder in ("onderzoeker-a", "onderzoeker-b") for doc in ("R01", "R02")]
    files = [str(f) for f in files if f.exists()]
    importer = subprocess.Popen([sys.executable, "-m", "sto_qual", "codings-import", "--project", str(project),
                                 *files], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    restores = []
    while importer.poll() is None:
        restores.append(cli("restore", "--project", str(project), str(tmp_path / "empty.db"), "--yes"))
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    added = sum(int(line.split(": ")[1].split()[0]) for line in out.splitlines() if " added" in line)
    assert added > 0
    for r in restores:
        assert r.returncode == 0 or "open in another program" in r.stderr, r.stderr
    # every coding reported saved is in the project or in the copy a restore kept of it
    copies = [project, *tmp_path.glob("studie.pre-restore-*.db")]
    assert max(count(p, "SELECT count(*) FROM codings") for p in copies) == added


# ------------------------------------------------------------------ part 5
def test_same_coder_code_and_span_is_one_coding_across_windows(project):
    one, two = Workspace.open(project), Workspace.open(project)
    a = one.assign_code("R01", "urgentie", start=5, end=50, coder="alice")
    b = two.assign_code("R01", "urgentie", start=5, end=50, coder="alice")
    assert a.id == b.id and len(one.codings()) == 1
    two.undo("alice")  # the second window stored nothing, so it has nothing of its own to undo...
    assert len(one.codings()) == 0  # ...its undo is alice's own last step, the one coding
    c = two.assign_code("R01", "urgentie", start=5, end=50, coder="bob")  # another coder: a second coding
    assert c.id != a.id
    one.close()
    two.close()


def test_code_merge_folds_a_span_coded_with_both_codes(project):
    ws = Workspace.open(project)
    a = ws.assign_code("R01", "urgentie/arbeidsmarkt", start=5, end=50, coder="alice", memo="eerste")
    ws.assign_code("R01", "urgentie/docententekort", start=5, end=50, coder="alice")
    assert ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort") == 1
    left = ws.codings()
    assert len(left) == 1 and left[0].code == "urgentie/docententekort" and a
    ws.close()


def test_an_old_schema_project_migrates_and_keeps_its_data(tmp_path, monkeypatch):
    from sto_qual.store import migrations as dbmod
    path = tmp_path / "oud.db"
    # a project made before ids were made unique: every migration but m002
    monkeypatch.setattr(dbmod, "MIGRATIONS", [m for m in dbmod.MIGRATIONS if m is not dbmod.m002_never_reuse_ids])
    ws = Workspace.create(path)
    assert ws.import_files([REPO / "transcripts" / "R01.txt"]).ok
    ws.coder_id("alice")
    ws.close()
    monkeypatch.undo()
    con = sqlite3.connect(path)
    ins = 'INSERT INTO codings (document_id, code_id, coder_id, start, "end", words, memo, starred, created_at) ' \
          "VALUES (1, ?, 1, ?, ?, 5, ?, ?, 'x')"
    kept = con.execute(ins, (1, 0, 40, "memo a", 0)).lastrowid
    dup = con.execute(ins, (1, 0, 40, "memo b", 1)).lastrowid  # two windows stored the same coding
    con.execute("INSERT INTO memos (target, target_id, text, created_at) VALUES ('coding', ?, 'losse memo', 'x')",
                (dup,))
    last = con.execute(ins, (2, 60, 90, None, 0)).lastrowid
    con.execute("DELETE FROM codings WHERE id = ?", (last,))  # the highest id is free again in the old schema
    con.execute("INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('x', 'remove', 'coding', ?)", (last,))
    con.commit()
    con.close()
    ws = Workspace.open(path)
    assert ws.info()["schema_version"] == dbmod.SCHEMA_VERSION
    assert list(tmp_path.glob(f"oud.pre-migration-v{dbmod.SCHEMA_VERSION - 1}-*.db"))
    got = ws.codings()
    assert [c.id for c in got] == [kept] and got[0].starred and got[0].memo == "memo a\nmemo b"
    assert [m["target_id"] for m in ws.memos("coding")] == [kept]
    assert ws.search("school")  # the search index still finds units
    assert ws.document("R01").turns > 10
    new = ws.assign_code("R01", "urgentie", start=100, end=140, coder="bob")
    assert new.id > last  # never the freed id again
    assert ws.session.integrity_ok()
    ws.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_merge_validates_the_other_file_like_an_import(project, tmp_path):
    other = copy_of(project, tmp_path / "studie.coder-b.db")
    con = sqlite3.connect(other)
    con.execute("INSERT INTO coders (name, created_at) VALUES ('bob', 'x')")
    con.execute('INSERT INTO codings (document_id, code_id, coder_id, start, "end", words, created_at) '
                "VALUES (1, 1, 1, 10, 99999999, -4, 'x')")
    con.commit()
    con.close()
    r = sq("merge", "--project", str(project), str(other))
    assert r.returncode == 1 and "99999999" in r.stderr and "nothing was merged" in r.stderr, r.stderr
    assert count(project, "SELECT count(*) FROM codings") == 0


def _in_tui(project, doc: str, body):
    """Open the TUI on ``doc`` of ``project`` and run ``body(app, pilot, ui)`` there; returns
    the TUI's workspace (still open, for checks afterwards) and what ``body`` returned."""
    import asyncio

    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import load_settings
    ui = Workspace.open(project)

    async def scenario():
        app = make_app(ui, load_settings())
        app.PROJECT_WATCH_S = 0.1  # the same watch, looking ten times as often (the app reads it on mount)
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_document(ui.document(doc).id)
            await pilot.pause()
            return await body(app, pilot, ui)
    try:
        return ui, asyncio.run(scenario())
    except BaseException:
        ui.close()
        raise


def test_the_tui_notices_a_code_rename_made_elsewhere(project):
    from sto_qual.tui.screens.coder import CoderScreen

    async def body(app, pilot, ui):
        screen = app.screen
        assert isinstance(screen, CoderScreen)
        first = screen.code_tree.quick[0]
        cli_ws = Workspace.open(project)  # a command in another window
        new_path = cli_ws.rename_code(first, "hernoemd")
        cli_ws.close()
        assert await until(pilot, lambda: new_path in screen.codes)  # the app looks every PROJECT_WATCH_S
        assert new_path in screen.codes and first not in screen.codes
        await pilot.press("down", "1")
        await pilot.pause()
        return new_path
    ui, new_path = _in_tui(project, "R01", body)
    assert [c.code for c in ui.codings()] == [new_path]
    ui.close()


async def _code_added_elsewhere_in_the_panel(pilot, screen, project, path: str, definition: str):
    """A command in another window adds a code; the TUI's tree shows it, its cursor goes onto
    it and the Definition panel shows the definition. Returns the panel's text, read anew."""
    from textual.widgets import Static

    from sto_qual.tui.screens.coder import CoderScreen
    assert isinstance(screen, CoderScreen)
    cli_ws = Workspace.open(project)
    cli_ws.add_code(path, definition=definition)
    cli_ws.close()
    assert await until(pilot, lambda: path in screen.codes)
    tree = screen.code_tree
    info = lambda: str(screen.query_one("#code-info", Static).render())  # noqa: E731

    def shown() -> bool:  # (a second look at the project, late on a busy machine, rebuilds the tree: again)
        if tree.code_at_cursor() != path:
            tree.select_code(path)
        return definition in info()
    assert await until(pilot, shown), info()
    return info


def test_the_definition_panel_follows_a_code_deleted_elsewhere(project):
    """A colleague deleted an empty code on the command line; the tree dropped it at once, but
    the Definition panel kept showing it until the TUI was restarted."""

    async def body(app, pilot, ui):
        screen = app.screen
        info = await _code_added_elsewhere_in_the_panel(pilot, screen, project, "urgentie/tijdelijk",
                                                        "Een code die zo weer weg is.")
        cli_ws = Workspace.open(project)
        cli_ws.delete_code("urgentie/tijdelijk")
        cli_ws.close()
        assert await until(pilot, lambda: "urgentie/tijdelijk" not in screen.codes)
        assert await until(pilot, lambda: "Een code die zo weer weg is." not in info()), info()
    ui, _ = _in_tui(project, "R01", body)
    ui.close()


def test_the_definition_panel_follows_a_code_renamed_elsewhere(project):
    """A colleague renamed the code under the tree's cursor on the command line: the tree showed
    the new name, but the Definition panel went blank (no name, no path, no word why)."""

    async def body(app, pilot, ui):
        screen = app.screen
        info = await _code_added_elsewhere_in_the_panel(pilot, screen, project, "urgentie/kleinschaligheid",
                                                        "Kleine scholen, kleine klassen.")
        tree = screen.code_tree
        cli_ws = Workspace.open(project)
        cli_ws.rename_code("urgentie/kleinschaligheid", "klein-zijn")
        cli_ws.close()
        assert await until(pilot, lambda: "urgentie/klein-zijn" in screen.codes)
        await pilot.pause()
        assert "Kleine scholen, kleine klassen." in info() and "urgentie/klein-zijn" in info(), info()
        assert tree.code_at_cursor() == "urgentie/klein-zijn"
    ui, _ = _in_tui(project, "R01", body)
    ui.close()


def test_the_tui_closes_a_document_deleted_elsewhere(project):
    async def body(app, pilot, ui):
        screen = app.screen
        assert screen.doc.name == "R02"
        other = Workspace.open(project)
        other.delete_document("R02")
        other.close()
        def warned():  # a notification is posted as a message: it arrives just after the switch
            return any("deleted elsewhere" in str(n.message) for n in app._notifications)
        assert await until(pilot, lambda: screen.doc is not None and screen.doc.name == "R01" and warned())
        assert screen.doc is not None and screen.doc.name == "R01"
        assert warned()
    ui, _ = _in_tui(project, "R02", body)
    ui.close()


def test_a_numbered_code_renamed_elsewhere_keeps_its_number(project):
    async def body(app, pilot, ui):
        tree = app.screen.code_tree
        tree._code_nodes["urgentie"].expand()
        await pilot.pause()
        tree.number_visible()  # the coder's own numbering (key p): the theme and its sub-codes
        quick = list(tree.quick)
        target = quick[3]
        assert target.startswith("urgentie/")
        key = str(quick.index(target) + 1)
        cli_ws = Workspace.open(project)  # a command in another window renames that code
        new_path = cli_ws.rename_code(target, "elders-hernoemd")
        cli_ws.close()
        assert await until(pilot, lambda: tree.quick[int(key) - 1] == new_path)
        assert tree.quick[int(key) - 1] == new_path and len(tree.quick) == len(quick)
        await pilot.press("down", key)
        await pilot.pause()
        return new_path
    ui, new_path = _in_tui(project, "R01", body)
    assert [c.code for c in ui.codings()] == [new_path]
    ui.close()
