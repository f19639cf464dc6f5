"""m008: a project made before it keeps its codebook synthesis fields and gets empty topics;
topics and the other synthesis fields are stored without touching each other; migrating again
changes nothing."""
from __future__ import annotations

import sqlite3

from sto_qual.store import ProjectStore, migrations as dbmod


def test_m008_on_a_project_made_without_it(tmp_path):
    path = tmp_path / "p.db"
    saved = list(dbmod.MIGRATIONS)
    dbmod.MIGRATIONS[:] = [fn for fn in saved if not fn.__name__.startswith("m008_")]
    try:
        store = ProjectStore(path, create=True)
        cols = [r[1] for r in store.conn.execute("PRAGMA table_info(code_synthesis)")]
        assert "topic" not in cols
        code_id = store.conn.execute("INSERT INTO codes (path, name, colour, created_at) "
                                     "VALUES ('thema', 'thema', '#123456', '2024-01-01')").lastrowid
        store.conn.execute("INSERT INTO code_synthesis (code_id, summary, contrasts, summary_en) VALUES (?, ?, ?, ?)",
                           (code_id, "speelt het", "[]", "it matters"))
        store.conn.commit()
        store.close()
    finally:
        dbmod.MIGRATIONS[:] = saved
    store = ProjectStore(path)
    assert "m008_add_code_topics" in dbmod.applied_migrations(store.conn)
    sums = store.summaries
    assert sums.code_fields()[code_id] == ("speelt het", ()) and sums.code_topics() == {}
    assert sums.set_code_topics(code_id, "het thema", "the theme")
    assert not sums.set_code_topics(code_id, "het thema", "the theme")  # already so
    assert sums.code_topics() == {code_id: ("het thema", "the theme")}
    assert sums.code_summaries_en() == {code_id: "it matters"}  # the topics keep the phrases
    sums.set_code_fields(code_id, "speelt het nog steeds", [])
    sums.set_code_summary_en(code_id, "it still matters")
    assert sums.code_topics() == {code_id: ("het thema", "the theme")}  # and the phrases the topics
    store.close()
    backups = sorted(tmp_path.glob("p.pre-migration-*"))
    assert len(backups) == 1  # the upgrade's
    before = sqlite3.connect(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    ProjectStore(path).close()  # migrating twice is a no-op
    after = sqlite3.connect(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert before == after == dbmod.SCHEMA_VERSION
    assert sorted(tmp_path.glob("p.pre-migration-*")) == backups


def test_topics_of_a_code_without_other_synthesis_fields(tmp_path):
    store = ProjectStore(tmp_path / "p.db", create=True)
    code_id = store.conn.execute("INSERT INTO codes (path, name, colour, created_at) "
                                 "VALUES ('thema', 'thema', '#123456', '2024-01-01')").lastrowid
    store.conn.commit()
    sums = store.summaries
    assert not sums.set_code_topics(code_id, "", "")  # nothing to store: no row
    assert sums.set_code_topics(code_id, "", "the theme")
    assert sums.code_topics() == {code_id: ("", "the theme")} and sums.code_fields()[code_id] == ("", ())
    store.conn.execute("DELETE FROM codes WHERE id = ?", (code_id,))
    store.conn.commit()
    assert sums.code_topics() == {}  # gone with its code
    store.close()
