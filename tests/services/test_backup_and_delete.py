"""Backups (online, while another connection writes), restore, and complete deletion of a document."""
import re
import sqlite3
from pathlib import Path

import pytest
from cli_runner import sq

from sto_qual.domain.errors import ProjectError
from sto_qual.services import Workspace


def test_backup_while_open_and_restore(demo_copy, tmp_path):
    writer = Workspace.open(demo_copy)  # e.g. the TUI, still open
    doc = writer.documents()[0].id
    writer.assign_code(doc, "urgentie", start=0, end=10, coder="tui")
    r = sq("backup", "--project", demo_copy, "-o", tmp_path / "b.db")
    assert r.returncode == 0, r.stderr
    n_backup = sqlite3.connect(tmp_path / "b.db").execute("SELECT count(*) FROM codings").fetchone()[0]
    assert n_backup == writer.info()["codings"]
    writer.assign_code(doc, "urgentie", start=20, end=30, coder="tui")
    # without -o, a dated copy beside the project (a new user ran `backup` and got a usage error)
    r = sq("backup", "--project", demo_copy)
    assert r.returncode == 0, r.stderr
    [dated] = Path(demo_copy).parent.glob(Path(demo_copy).stem + ".backup-*.db")
    assert re.fullmatch(re.escape(Path(demo_copy).stem) + r"\.backup-\d{8}-\d{6}\.db", dated.name)
    assert r.stdout.strip() == f"Backed up to {dated}"
    # the command that brings it back, whole, as `backups` gives it (only a relative name was said)
    assert r.stderr.strip() == (f"`sto-qual restore -p {demo_copy} {dated}` brings it back (the project as it is then "
                                "is kept as a backup first)")
    # a copy named with -o is how a second coder gets one (the README's way): it comes back by merge, as said
    copy = tmp_path / "sanne.db"
    named = sq("backup", "--project", demo_copy, "-o", copy)
    assert named.returncode == 0 and named.stderr.strip().endswith(
        f"; a copy a coder works in comes back with `sto-qual merge {copy} --project {demo_copy}`, which keeps what "
        "was done here meanwhile"), named.stderr
    assert sqlite3.connect(dated).execute("SELECT count(*) FROM codings").fetchone()[0] == n_backup + 1
    writer.close()
    r = sq("restore", "--project", demo_copy, tmp_path / "b.db", "--yes")
    assert r.returncode == 0, r.stderr
    ws = Workspace.open(demo_copy)
    assert ws.info()["codings"] == n_backup
    assert ws.session.integrity_ok()
    assert list(demo_copy.parent.glob("demo.pre-restore-*.db"))  # the replaced state was kept
    ws.close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all")
    from sto_qual.services.safety import restore_backup
    with pytest.raises(ProjectError):
        restore_backup(demo_copy, bad)


def test_automatic_backups_before_merge_and_forced_delete_are_pruned(demo_ws):
    ws = demo_ws
    first = None
    for _ in range(12):
        ws.add_code("urgentie/tijdelijk")
        ws.assign_code(ws.documents()[0].id, "urgentie/tijdelijk", start=0, end=5)
        ws.delete_code("urgentie/tijdelijk", force=True)
        first = first or sorted(ws.session.path.parent.glob(f"{ws.session.path.stem}.pre-delete-*.db"))[0]
    p = ws.session.path
    kept = sorted(p.parent.glob(f"{p.stem}.pre-delete-*{p.suffix}"))
    assert len(kept) == 11  # the newest ten, and the first: the state before the first delete stays restorable
    assert kept[0] == first


def test_a_backup_a_killed_process_left_half_written_never_counts_among_the_kept(demo_ws):
    """A merge killed while it copied the project left an empty NAME.pre-merge-*.db (and its
    journal); five of them pushed every good backup out of the newest five kept. A backup is
    now written under another name and renamed when whole; old leftovers are removed."""
    import os
    import time
    ws = demo_ws
    p = ws.session.path
    stale = [p.with_name(f"{p.stem}.pre-delete-2020010{i}-000000-000000{p.suffix}.partial") for i in range(1, 6)]
    for f in stale:
        f.write_bytes(b"")
        f.with_name(f.name + "-journal").write_bytes(b"")
        os.utime(f, (time.time() - 3600,) * 2)
        os.utime(f.with_name(f.name + "-journal"), (time.time() - 3600,) * 2)
    ws.add_code("urgentie/tijdelijk")
    ws.assign_code(ws.documents()[0].id, "urgentie/tijdelijk", start=0, end=5)
    ws.delete_code("urgentie/tijdelijk", force=True)
    kept = list(p.parent.glob(f"{p.stem}.pre-delete-*{p.suffix}"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0
    assert not list(p.parent.glob(f"{p.stem}.*.partial*"))


def test_delete_document_removes_every_trace(demo_copy):
    ws = Workspace.open(demo_copy)
    d = ws.document("R05")
    text = ws.document_text(d.id)
    unit_ids = [u.id for u in ws.units(d.id)]
    ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")  # makes an automatic backup with R05 in it
    ws.suggest(doc="R05")
    res = ws.delete_document("R05")
    assert res["codings"] > 0 and res["backups_removed"]
    ws.close()
    con = sqlite3.connect(demo_copy)
    for table, where in [("documents", f"id = {d.id}"), ("turns", f"document_id = {d.id}"),
                         ("units", f"document_id = {d.id}"), ("codings", f"document_id = {d.id}"),
                         ("suggestions", f"document_id = {d.id}"), ("attributes", f"document_id = {d.id}")]:
        assert con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0] == 0, table
    marks = ",".join(map(str, unit_ids))
    assert con.execute(f"SELECT count(*) FROM units_fts WHERE rowid IN ({marks})").fetchone()[0] == 0
    con.close()
    raw = demo_copy.read_bytes()
    assert text[:200].encode("utf-8") not in raw  # vacuumed: the text is gone from the file
    assert not [p for p in demo_copy.parent.glob("demo.pre-merge-*.db")]


def test_delete_doc_cli_asks_for_confirmation(demo_copy):
    r = sq("delete-doc", "--project", demo_copy, "--doc", "R01", input="n\n")
    assert r.returncode == 1
    ws = Workspace.open(demo_copy)
    assert ws.document("R01")
    ws.close()


def test_delete_doc_asks_naming_whose_codings_go_and_takes_the_document_as_show_does(demo_copy):
    """An analyst deleted R05 while a coder was coding it: the question said "68 coding(s)" and
    not that seven were hers, nor that no backup keeps them (`backups` said backups are made
    "before a delete"); and `delete-doc R05` was refused ("Missing option '--doc'")."""
    from tests_support import invoke_cli
    ws = Workspace.open(demo_copy)
    ws.assign_code("R05", "urgentie", unit=ws.units("R05")[4].id, coder="lies")
    by = {}
    for c in ws.codings(doc="R05"):
        by[c.coder] = by.get(c.coder, 0) + 1
    ws.close()
    asked = invoke_cli(["delete-doc", "R05", "--project", str(demo_copy)], input="n\n")
    assert asked.exit_code == 1 and "1 by lies" in asked.output, asked.output
    assert f"{by['onderzoeker-a']} by onderzoeker-a" in asked.output and "no backup of it is made" in asked.output
    twice = invoke_cli(["delete-doc", "R05", "--doc", "R06", "--project", str(demo_copy)])
    assert twice.exit_code == 2 and "give the document once" in twice.output
    done = invoke_cli(["delete-doc", "R05", "--yes", "--project", str(demo_copy)])
    assert done.exit_code == 0 and done.output.startswith("Deleted R05:"), done.output
    listed = invoke_cli(["backups", "--help"]).output
    listed = " ".join(listed.split())
    assert "a code-delete" in listed and "delete-doc` makes none" in listed


def test_merging_a_code_into_one_a_coder_used_on_an_overlapping_span_joins_the_two(demo_ws):
    """code-merge left a coder's overlapping codings of the two codes as two codings of one
    code: stats then counted the shared words twice (44 codings, 977 words). They are one coding
    now, as the TUI joins them; codings that did not overlap are untouched."""
    ws = demo_ws
    arb = [c for c in ws.codings(code="urgentie/arbeidsmarkt", coder="onderzoeker-a")][0]
    mine = ws.assign_code(arb.doc, "urgentie/docententekort", start=arb.start, end=arb.end - 5,
                          coder="onderzoeker-a", memo="ook docenten")
    doc_before = len(ws.codings(code="urgentie/docententekort", coder="onderzoeker-a"))
    arb_before = len(ws.codings(code="urgentie/arbeidsmarkt", coder="onderzoeker-a"))
    ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")
    after = ws.codings(code="urgentie/docententekort", coder="onderzoeker-a")
    assert len(after) == doc_before + arb_before - 1
    joined = [c for c in after if c.doc == arb.doc and c.start <= arb.start < c.end]
    assert len(joined) == 1 and (joined[0].start, joined[0].end) == (arb.start, arb.end)
    assert "ook docenten" in (joined[0].memo or "")
    row = next(r for r in ws.theme_counts(coder="onderzoeker-a", rollup=False).to_dict("records")
               if r["code"] == "urgentie/docententekort")
    assert row["codings"] == len(after)
    from sto_qual.domain.text import count_words
    assert row["words"] == sum(count_words(c.text) for c in after)  # no word counted twice
    assert len({mine.id, arb.id} & {c.id for c in after}) == 1


def test_backups_made_within_one_second_are_each_kept(demo_copy, demo_ws, monkeypatch):
    """Two `backup`s in one second (two terminals, a script) both said "Backed up to …" and one
    replaced the other, or the second was refused as "already exists" for a name nobody chose.
    Each is kept now: the second under the time with microseconds, as the automatic backups are
    named, and a name taken while the copy was written is never replaced."""
    import datetime as real_dt

    import sto_qual.store.project_file as pf
    ticks = iter(range(1, 1000))

    class FrozenClock(real_dt.datetime):
        @classmethod
        def now(cls, tz=None):  # one second, a microsecond later at every call
            return real_dt.datetime(2026, 12, 5, 10, 2, 29, next(ticks))
    monkeypatch.setattr(pf._dt, "datetime", FrozenClock)
    made = [demo_ws.backup() for _ in range(3)]
    assert len(set(made)) == 3 and all(p.is_file() for p in made)
    assert made[0].name.endswith(".backup-20261205-100229.db")
    assert all(re.search(r"\.backup-20261205-100229-\d{6}\.db$", p.name) for p in made[1:])
    from sto_qual.services.safety import backup_of
    assert all(backup_of(p) == Path(demo_copy).resolve() for p in made)
    # a name another process takes while this copy is written: this one goes under another name
    real_link = pf._link_new
    taken = []

    def link_after_another(source, target):
        if not taken:
            target.write_bytes(b"another process's backup")
            taken.append(target)
        return real_link(source, target)
    monkeypatch.setattr(pf, "_link_new", link_after_another)
    fourth = demo_ws.backup()
    assert fourth != taken[0] and taken[0].read_bytes() == b"another process's backup"
    assert sqlite3.connect(fourth).execute("SELECT count(*) FROM codings").fetchone()[0] == demo_ws.info()["codings"]
    # -o names the file: taken meanwhile, it is refused and nothing is written
    given = Path(demo_copy).parent / "mine.db"
    taken.clear()
    with pytest.raises(ProjectError, match="already exists"):
        demo_ws.backup(given)
    assert given.read_bytes() == b"another process's backup"
    assert not list(given.parent.glob(".mine.db.tmp-*"))


def test_a_coding_made_after_a_restore_gets_a_number_no_coding_had_before_it(demo_copy, tmp_path):
    """After a restore the next coding got #757, the number of a starred coding in the state the
    restore replaced (kept as a backup): a note naming "#757" then meant two codings."""
    from tests_support import invoke_cli
    assert invoke_cli(["backup", "--project", str(demo_copy), "-o", str(tmp_path / "b.db")]).exit_code == 0
    ws = Workspace.open(demo_copy)
    later = [ws.assign_code("R05", "urgentie", unit=u.id, coder="lies").id for u in ws.units("R05")[3:6]]
    ws.close()
    res = invoke_cli(["restore", "--project", str(demo_copy), str(tmp_path / "b.db"), "--yes"])
    assert res.exit_code == 0, res.output
    ws = Workspace.open(demo_copy)
    assert not [c for c in ws.codings() if c.coder == "lies"]  # the restored state: before lies coded
    after = ws.assign_code("R01", "urgentie", unit=ws.units("R01")[3].id, coder="lies").id
    ws.close()
    assert after > max(later), (after, later)


def test_texts_kept_in_the_same_second_each_get_a_file(small_ws):
    """Two workbench windows kept a refused memo on R01 in the same second: both wrote
    `…-memo-R01.txt`, and one text was gone while both windows named that file."""
    first = small_ws.memo_service.keep_unstored("memo-R01", "KILO")
    second = small_ws.memo_service.keep_unstored("memo-R01", "LIMA")
    assert first != second
    assert first.read_text(encoding="utf-8") == "KILO\n" and second.read_text(encoding="utf-8") == "LIMA\n"


def test_a_restore_waits_for_another_commands_read_to_finish(demo_copy, tmp_path):
    """With an analyst's `stats` running in another terminal, `restore` failed at once ("the project is open
    in another program"), two tries in five: it waits a few seconds for a command to finish, as the other
    commands wait for each other, and still refuses a program that keeps the project open."""
    import threading
    import time

    from sto_qual.services.safety import restore_backup
    from sto_qual.store import copy_database
    backup = tmp_path / "b.db"
    copy_database(demo_copy, backup)
    reader = sqlite3.connect(str(demo_copy), check_same_thread=False, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM codings").fetchone()  # a read in progress, as a `stats` holds one

    def finish():
        reader.execute("COMMIT")
        reader.close()
    threading.Timer(1.0, finish).start()
    began = time.monotonic()
    kept = restore_backup(demo_copy, backup)
    assert kept.exists() and time.monotonic() - began > 0.8  # it waited for the read, then restored
    holder = sqlite3.connect(str(demo_copy))  # a program that keeps it open (the TUI): refused after the wait
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM codings").fetchone()
    try:
        with pytest.raises(ProjectError, match="open in another program"):
            restore_backup(demo_copy, backup)
    finally:
        holder.close()
