"""m007: a project made before it keeps its theme summaries and codebook synthesis fields;
lead sentences read as not yet reviewed, the English phrase as empty."""
from __future__ import annotations

from sto_qual.store import ProjectStore, migrations as dbmod


def test_m007_on_a_project_made_without_it(tmp_path):
    path = tmp_path / "p.db"
    saved = list(dbmod.MIGRATIONS)
    dbmod.MIGRATIONS[:] = [fn for fn in saved if not fn.__name__.startswith("m007_")]
    try:
        store = ProjectStore(path, create=True)
        code_id = store.conn.execute("INSERT INTO codes (path, name, colour, created_at) "
                                     "VALUES ('thema', 'thema', '#123456', '2024-01-01')").lastrowid
        store.conn.execute("INSERT INTO theme_summaries (code_id, lead, status, updated_at) VALUES (?, ?, ?, ?)",
                           (code_id, '["In alle regio\'s speelt het."]', "draft", "2024-01-01"))
        store.conn.execute("INSERT INTO code_synthesis (code_id, summary, contrasts) VALUES (?, ?, ?)",
                           (code_id, "speelt het", "[]"))
        store.conn.commit()
        store.close()
    finally:
        dbmod.MIGRATIONS[:] = saved
    store = ProjectStore(path)
    assert "m007_add_theme_lead_meta" in dbmod.applied_migrations(store.conn)
    sums = store.summaries
    row = sums.theme(code_id)
    assert row["lead"] == ["In alle regio's speelt het."] and row["lead_meta"] == []
    assert sums.code_fields()[code_id] == ("speelt het", ()) and sums.code_summaries_en() == {}
    assert sums.set_code_summary_en(code_id, "it matters") and sums.code_summaries_en() == {code_id: "it matters"}
    sums.set_code_fields(code_id, "speelt het nog steeds", [])
    assert sums.code_summaries_en() == {code_id: "it matters"}  # the Dutch fields keep the English phrase
    store.close()
