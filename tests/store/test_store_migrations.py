"""The project store: migrations, atomic writes, refusal of newer schemas, backups."""
import sqlite3

import pytest

from sto_qual.domain.errors import ProjectError
from sto_qual.store import ProjectStore, migrations as dbmod


def test_new_project_has_current_schema_and_pragmas(tmp_path):
    store = ProjectStore(tmp_path / "p.db", create=True)
    assert store.file.schema_version() == dbmod.SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # synchronous=NORMAL (1) in WAL: a commit survives the process being killed
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    store.close()


def test_migrating_twice_is_a_no_op(tmp_path):
    path = tmp_path / "p.db"
    ProjectStore(path, create=True).close()
    before = sqlite3.connect(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    ProjectStore(path).close()
    after = sqlite3.connect(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert before == after == dbmod.SCHEMA_VERSION
    assert not list(tmp_path.glob("p.pre-migration-*"))  # nothing to upgrade, no backup


def test_failing_migration_leaves_nothing_and_stays_pending(tmp_path):
    path = tmp_path / "p.db"
    ProjectStore(path, create=True).close()

    def m999_broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    dbmod.MIGRATIONS.append(m999_broken)
    try:
        with pytest.raises(RuntimeError):
            ProjectStore(path)
    finally:
        dbmod.MIGRATIONS.pop()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert "m999_broken" not in [r[0] for r in con.execute("SELECT name FROM _sqlite_migrations")]


def test_upgrade_copies_the_project_to_a_backup_first(tmp_path):
    path = tmp_path / "p.db"
    ProjectStore(path, create=True).close()

    def m998_add_column(db):
        db.execute("ALTER TABLE documents ADD COLUMN extra TEXT")

    dbmod.MIGRATIONS.append(m998_add_column)
    try:
        store = ProjectStore(path)
        cols = [r[1] for r in store.conn.execute("PRAGMA table_info(documents)")]
        assert "extra" in cols
        store.close()
    finally:
        dbmod.MIGRATIONS.pop()
    backups = list(tmp_path.glob(f"p.pre-migration-v{dbmod.SCHEMA_VERSION}-*.db"))
    assert len(backups) == 1
    cols = [r[1] for r in sqlite3.connect(backups[0]).execute("PRAGMA table_info(documents)")]
    assert "extra" not in cols  # the backup is the project as it was


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "p.db"
    ProjectStore(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('sto_qual', 'm900_future', 'x')")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="newer sto_qual"):
        ProjectStore(path)


def test_not_a_project_file_is_refused(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("hello")
    with pytest.raises(ProjectError, match="not a sto_qual project"):
        ProjectStore(bad)
    with pytest.raises(ProjectError, match="no such project"):
        ProjectStore(tmp_path / "missing.db")


def test_failed_multi_row_write_rolls_back(small_ws):
    store = small_ws.store
    doc_id = store.documents.all()[0].id
    code = store.codes.find("urgentie")
    coder = store.coders.ensure("a")
    before = store.conn.execute("SELECT count(*) FROM codings").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction():
            store.codings.insert(document_id=doc_id, code_id=code.id, coder_id=coder, start=0, end=5)
            store.codings.insert(document_id=doc_id, code_id=code.id, coder_id=coder, start=0, end=5)
            store.codings.insert(document_id=doc_id, code_id=code.id, coder_id=coder, start=9, end=3)  # CHECK fails
    assert store.conn.execute("SELECT count(*) FROM codings").fetchone()[0] == before


def test_backup_is_a_consistent_copy(small_ws, tmp_path):
    out = small_ws.backup(tmp_path / "b.db")
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    with pytest.raises(ProjectError):
        small_ws.backup(out)  # never overwrites


def _older_project(path, migrations) -> None:
    """A project with one short document, made by a build that had only ``migrations``."""
    saved = list(dbmod.MIGRATIONS)
    dbmod.MIGRATIONS[:] = migrations
    try:
        store = ProjectStore(path, create=True)
        store.documents.add(name="R01", source_file="R01.txt", format="text", content_hash="h", text="Ja. Nee.",
                            words=2, attributes={}, turns=[(0, 8, None, None, None)],
                            units=[(0, 0, 3, "ja"), (0, 4, 8, "nee")], folded=["ja.", "nee."])
        store.close()
    finally:
        dbmod.MIGRATIONS[:] = saved


def test_m006_indexes_an_older_project_and_keeps_its_documents(tmp_path):
    path = tmp_path / "p.db"
    _older_project(path, [fn for fn in dbmod.MIGRATIONS if not fn.__name__.startswith("m006_")])
    store = ProjectStore(path)
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_documents_position", "idx_units_span"} <= names
    assert [d.name for d in store.documents.all()] == ["R01"] and len(store.transcripts.units(store.documents.all()[0].id)) == 2
    store.close()


def test_m002_rebuild_keeps_m006_indexes_of_a_project_made_without_m002(tmp_path):
    """A project that had m006 before m002 (made by a build without m002): m002's table
    rebuild re-creates the position and unit-span indexes, and the documents stay."""
    path = tmp_path / "p.db"
    _older_project(path, [dbmod.m001_create_tables, dbmod.m006_index_positions_and_unit_spans])
    store = ProjectStore(path)
    applied = dbmod.applied_migrations(store.conn)
    assert applied[applied.index("m002_never_reuse_ids"):][:3] == ["m002_never_reuse_ids", "m003_create_summaries",
                                                                   "m004_add_code_label_en"]
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_documents_position", "idx_units_span"} <= names
    assert "AUTOINCREMENT" in store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    assert [d.name for d in store.documents.all()] == ["R01"] and len(store.transcripts.units(store.documents.all()[0].id)) == 2
    store.close()


def test_label_en_migration_on_a_project_without_it(tmp_path):
    """m004 adds codes.label_en to a project made before it; its codes keep their labels."""
    path = tmp_path / "old.db"
    saved = list(dbmod.MIGRATIONS)
    dbmod.MIGRATIONS[:] = [dbmod.m001_create_tables]
    try:
        store = ProjectStore(path, create=True)
        store.conn.execute("INSERT INTO codes (path, name, label, colour, created_at) VALUES "
                           "('urgentie', 'urgentie', 'Urgentie', '#c0392b', 'x')")
        store.conn.commit()
        store.close()
    finally:
        dbmod.MIGRATIONS[:] = saved
    store = ProjectStore(path)
    code = store.codes.find("urgentie")
    assert code.label == "Urgentie" and code.label_en is None
    store.codes.update_fields(code.id, {"label_en": "Urgency"})
    assert store.codes.find("urgentie").label_en == "Urgency"
    store.close()
