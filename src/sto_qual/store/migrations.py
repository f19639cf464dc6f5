"""The schema's history: versioned migrations, oldest first, run through sqlite_utils.Migrations.

A project records the migrations applied to it; ``SCHEMA_VERSION`` is how many this program
knows. A new migration is appended to ``MIGRATIONS`` (never reordered or renamed): projects
on disk name the ones they have.
"""
from __future__ import annotations

import sqlite3

from sto_qual.domain.errors import ProjectError

MIGRATION_SET = "sto_qual"


def m001_create_tables(db) -> None:
    db.execute("""CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)""")
    db.execute("""CREATE TABLE documents (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source_file TEXT NOT NULL,
        format TEXT NOT NULL, content_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL,
        words INTEGER NOT NULL, imported_at TEXT NOT NULL, position INTEGER NOT NULL)""")
    db.execute("""CREATE TABLE attributes (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        key TEXT NOT NULL, value TEXT, type TEXT NOT NULL DEFAULT 'text',
        PRIMARY KEY (document_id, key))""")
    db.execute("""CREATE TABLE turns (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        speaker TEXT, time_start TEXT, time_end TEXT)""")
    db.execute("CREATE INDEX idx_turns_document ON turns(document_id, seq)")
    db.execute("""CREATE TABLE units (
        id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, lemmas TEXT)""")
    db.execute("CREATE INDEX idx_units_document ON units(document_id, seq)")
    # document '' = every document; a per-document entry wins (labels like "R1" differ per interview)
    db.execute("""CREATE TABLE role_map (document TEXT NOT NULL DEFAULT '', label TEXT NOT NULL,
        role TEXT NOT NULL, PRIMARY KEY (document, label))""")
    db.execute("""CREATE TABLE codes (
        id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES codes(id),
        path TEXT NOT NULL UNIQUE, name TEXT NOT NULL, label TEXT, colour TEXT NOT NULL,
        definition TEXT NOT NULL DEFAULT '', when_to_use TEXT NOT NULL DEFAULT '',
        when_not_to_use TEXT NOT NULL DEFAULT '', examples TEXT NOT NULL DEFAULT '[]',
        keywords TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE coders (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id),
        coder_id INTEGER NOT NULL REFERENCES coders(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, words INTEGER NOT NULL DEFAULT 0, memo TEXT,
        origin TEXT NOT NULL DEFAULT 'manual', starred INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        CHECK ("end" > start AND start >= 0),
        CHECK (origin IN ('manual', 'accepted-suggestion', 'imported')))""")
    db.execute("CREATE INDEX idx_codings_document ON codings(document_id, start)")
    db.execute("CREATE INDEX idx_codings_code ON codings(code_id)")
    db.execute("CREATE INDEX idx_codings_coder ON codings(coder_id)")
    # covering index for theme counts (spans counted once across coders)
    db.execute('CREATE INDEX idx_codings_span ON codings(document_id, code_id, start, "end", words)')
    db.execute("""CREATE TABLE memos (
        id INTEGER PRIMARY KEY, target TEXT NOT NULL CHECK (target IN ('document', 'code', 'coding')),
        target_id INTEGER NOT NULL, coder_id INTEGER REFERENCES coders(id),
        text TEXT NOT NULL, created_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX idx_memos_target ON memos(target, target_id)")
    db.execute("""CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('rule', 'model')),
        reason TEXT NOT NULL DEFAULT '', confidence REAL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        decided_by INTEGER REFERENCES coders(id), decided_at TEXT, coding_id INTEGER,
        created_at TEXT NOT NULL)""")
    db.execute("CREATE UNIQUE INDEX idx_suggestions_unit_code ON suggestions(unit_id, code_id)")
    db.execute("CREATE INDEX idx_suggestions_status ON suggestions(status, code_id)")
    db.execute("""CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id INTEGER, details TEXT)""")
    db.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY, coder_id INTEGER NOT NULL REFERENCES coders(id),
        action TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL)""")
    db.execute("CREATE INDEX idx_history_coder ON history(coder_id, undone, id)")
    db.execute("""CREATE TABLE pseudonyms (
        id INTEGER PRIMARY KEY, pattern TEXT NOT NULL UNIQUE, replacement TEXT NOT NULL,
        is_regex INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""")
    db.execute("""CREATE VIRTUAL TABLE units_fts USING fts5(
        text, folded, lemmas, tokenize = 'unicode61 remove_diacritics 2')""")


def m002_never_reuse_ids(db) -> None:
    """Ids are never handed out twice (AUTOINCREMENT): an undo step, a TUI or a second coder
    holding an old id must never reach another row. The same coder, code and span is one
    coding (a unique index; duplicates made before are folded into the oldest one).

    Runs outside the migration runner's transaction (``transactional = False``) because the
    tables are rebuilt with foreign keys off (dropping a table with them on would cascade);
    the rebuild is one transaction of its own and skips tables already rebuilt, so a run
    killed half-way is simply done again."""
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    # a rename must not re-check triggers or views of other tables against the half-rebuilt schema
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            _rebuild_with_autoincrement(conn)
            _fold_duplicate_codings(conn)
            _seed_sequences(conn)
            conn.execute('CREATE UNIQUE INDEX IF NOT EXISTS idx_codings_unique '
                         'ON codings(document_id, code_id, coder_id, start, "end")')
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise ProjectError(f"migration m002: foreign key check failed ({bad[:3]})")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")
        conn.execute("PRAGMA foreign_keys = ON")


m002_never_reuse_ids.transactional = False  # type: ignore[attr-defined]


def _rebuild_with_autoincrement(conn: sqlite3.Connection) -> None:
    """Every table keyed by ``id INTEGER PRIMARY KEY`` rebuilt with AUTOINCREMENT, from its
    own current definition (so columns other migrations added are kept), ids unchanged."""
    import re
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                          "'%id INTEGER PRIMARY KEY%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' "
                          "ESCAPE '\\' AND name NOT LIKE '%_fts%'").fetchall()
    for name, sql in tables:
        if re.search(r"\bid INTEGER PRIMARY KEY AUTOINCREMENT\b", sql, re.I):
            continue
        new_sql, n = re.subn(r"\bid INTEGER PRIMARY KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", sql, count=1)
        if not n:
            continue
        extras = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND "
                                             "type IN ('index', 'trigger') AND sql IS NOT NULL", (name,))]
        new_sql = re.sub(r"^CREATE TABLE\s+\"?" + re.escape(name) + r"\"?", f'CREATE TABLE "{name}__new"', new_sql)
        conn.execute(new_sql)
        conn.execute(f'INSERT INTO "{name}__new" SELECT * FROM "{name}"')
        conn.execute(f'DROP TABLE "{name}"')
        conn.execute(f'ALTER TABLE "{name}__new" RENAME TO "{name}"')
        for extra in extras:
            conn.execute(extra)


def _seed_sequences(conn: sqlite3.Connection) -> None:
    """Ids deleted before this migration are known from the audit log and the undo history
    (which hold copies of deleted codings): start each sequence above every id ever used."""
    import re
    used: dict[str, int] = {}
    for entity, top in conn.execute("SELECT entity, max(entity_id) FROM audit_log GROUP BY entity"):
        if top is not None:
            used[f"{entity}s"] = max(used.get(f"{entity}s", 0), int(top))
    for (action,) in conn.execute("SELECT action FROM history"):
        for m in re.finditer(r'"id": (\d+)', action):
            used["codings"] = max(used.get("codings", 0), int(m.group(1)))
    for table, top in used.items():
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if seq is not None and seq[0] < top:
            conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (top, table))
        elif seq is None and conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? AND sql "
                                          "LIKE '%AUTOINCREMENT%'", (table,)).fetchone():
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, top))


def _fold_duplicate_codings(conn: sqlite3.Connection) -> None:
    """Same document, code, coder and span: keep the oldest coding; its memo, star and the
    duplicates' memos and accepted suggestions move onto it."""
    groups = conn.execute('SELECT min(id), group_concat(id) FROM codings GROUP BY document_id, code_id, coder_id, '
                          'start, "end" HAVING count(*) > 1').fetchall()
    for keep, ids in groups:
        dups = [int(i) for i in ids.split(",") if int(i) != keep]
        marks = ",".join("?" * len(dups))
        memo, starred = conn.execute(f"SELECT group_concat(memo, char(10)), max(starred) FROM (SELECT memo, starred "
                                     f"FROM codings WHERE id IN (?, {marks}) ORDER BY id)", (keep, *dups)).fetchone()
        conn.execute("UPDATE codings SET memo = ?, starred = ? WHERE id = ?", (memo, starred or 0, keep))
        conn.execute(f"UPDATE memos SET target_id = ? WHERE target = 'coding' AND target_id IN ({marks})", (keep, *dups))
        conn.execute(f"UPDATE suggestions SET coding_id = ? WHERE coding_id IN ({marks})", (keep, *dups))
        conn.execute(f"DELETE FROM codings WHERE id IN ({marks})", dups)


def m003_create_summaries(db) -> None:
    """The summary grid (one row per interview x code with a text) and theme summaries, and
    the codebook's synthesis fields. ``basis`` is the list of codings a text rests on (id,
    span, memo) and ``fingerprint`` its hash: reviewed text whose codings changed reads as
    outdated, with what changed."""
    db.execute("""CREATE TABLE cell_summaries (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '', status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
        author TEXT, updated_at TEXT NOT NULL, passages TEXT NOT NULL DEFAULT '[]',
        basis TEXT NOT NULL DEFAULT '[]', fingerprint TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (document_id, code_id))""")
    db.execute("CREATE INDEX idx_cell_summaries_code ON cell_summaries(code_id)")
    db.execute("""CREATE TABLE theme_summaries (
        code_id INTEGER PRIMARY KEY REFERENCES codes(id) ON DELETE CASCADE,
        lead TEXT NOT NULL DEFAULT '[]', points TEXT NOT NULL DEFAULT '[]',
        contrasts TEXT NOT NULL DEFAULT '[]', text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('draft', 'reviewed')),
        author TEXT, updated_at TEXT NOT NULL, basis TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT NOT NULL DEFAULT '')""")
    db.execute("""CREATE TABLE code_synthesis (
        code_id INTEGER PRIMARY KEY REFERENCES codes(id) ON DELETE CASCADE,
        summary TEXT NOT NULL DEFAULT '', contrasts TEXT NOT NULL DEFAULT '[]')""")


def m004_add_code_label_en(db) -> None:
    """An optional English label per code, for the report in English (--lang en)."""
    cols = [r[1] for r in db.execute("PRAGMA table_info(codes)").fetchall()]
    if "label_en" not in cols:
        db.execute("ALTER TABLE codes ADD COLUMN label_en TEXT")


def m006_index_positions_and_unit_spans(db) -> None:
    # the next document's position was max(position) over a full scan of documents, text
    # included: importing N documents read O(N^2) rows (20,000 survey answers took minutes)
    db.execute("CREATE INDEX IF NOT EXISTS idx_documents_position ON documents(position)")
    # the sentence units a coding overlaps, found by a seek instead of a scan (co-occurrence)
    db.execute('CREATE INDEX IF NOT EXISTS idx_units_span ON units(document_id, start, "end")')


def m007_add_theme_lead_meta(db) -> None:
    """Per lead sentence of a theme summary: the code it speaks of and whether a person
    reviewed it, so that lead sentences are edited and accepted one by one and kept when
    the rest is drafted again. And a code's English summary phrase (``--lang en``)."""
    cols = [r[1] for r in db.execute("PRAGMA table_info(theme_summaries)").fetchall()]
    if "lead_meta" not in cols:
        db.execute("ALTER TABLE theme_summaries ADD COLUMN lead_meta TEXT NOT NULL DEFAULT '[]'")
    cols = [r[1] for r in db.execute("PRAGMA table_info(code_synthesis)").fetchall()]
    if "summary_en" not in cols:
        db.execute("ALTER TABLE code_synthesis ADD COLUMN summary_en TEXT NOT NULL DEFAULT ''")


def m008_add_code_topics(db) -> None:
    """A code's topic: a noun phrase (Dutch and English) that a theme's lead names the
    sub-code by ("namelijk de belemmeringen voor de regierol (in alle regio's), …") instead of
    its label. Empty: the lead names the label, as before."""
    cols = [r[1] for r in db.execute("PRAGMA table_info(code_synthesis)").fetchall()]
    for col in ("topic", "topic_en"):
        if col not in cols:
            db.execute(f"ALTER TABLE code_synthesis ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")


def m009_record_withdrawn_codings(db) -> None:
    """What this project took back: every coding removed, or moved to another span, code,
    coder or document, leaves its old (document, code, coder, span) here, written by triggers
    so that no path (uncode, resize, a join, undo, code-merge, deleting a code) can forget it.
    A merge does not bring such a coding back from a copy made before (a coder's old copy
    re-added what the team lead had removed, and doubled what was resized)."""
    db.execute("""CREATE TABLE IF NOT EXISTS withdrawn_codings (
        document_id INTEGER NOT NULL, code_id INTEGER NOT NULL, coder_id INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (document_id, code_id, coder_id, start, "end")) WITHOUT ROWID""")
    db.execute("""CREATE TRIGGER IF NOT EXISTS codings_withdrawn_on_delete AFTER DELETE ON codings BEGIN
        INSERT OR REPLACE INTO withdrawn_codings VALUES
            (OLD.document_id, OLD.code_id, OLD.coder_id, OLD.start, OLD."end", strftime('%Y-%m-%dT%H:%M:%fZ'));
        END""")
    db.execute("""CREATE TRIGGER IF NOT EXISTS codings_withdrawn_on_move
        AFTER UPDATE OF document_id, code_id, coder_id, start, "end" ON codings
        WHEN OLD.document_id IS NOT NEW.document_id OR OLD.code_id IS NOT NEW.code_id
             OR OLD.coder_id IS NOT NEW.coder_id OR OLD.start IS NOT NEW.start OR OLD."end" IS NOT NEW."end"
        BEGIN
        INSERT OR REPLACE INTO withdrawn_codings VALUES
            (OLD.document_id, OLD.code_id, OLD.coder_id, OLD.start, OLD."end", strftime('%Y-%m-%dT%H:%M:%fZ'));
        END""")


def m010_add_theme_groups(db) -> None:
    """Per theme summary: the groups its differences were drafted over (the main attribute and
    each interview's value of it), so that a draft over other groups is drafted anew. NULL for
    a summary stored before: taken as drafted over today's groups until drafted again."""
    cols = [r[1] for r in db.execute("PRAGMA table_info(theme_summaries)").fetchall()]
    if "groups" not in cols:
        db.execute("ALTER TABLE theme_summaries ADD COLUMN groups TEXT")


# The schema's history, oldest first. Each runs in its own transaction through
# sqlite_utils.Migrations; sqlite-utils is imported only when one has to run, so opening
# an up-to-date project (every command, every start of the TUI) stays fast.
MIGRATIONS: list = [m001_create_tables, m002_never_reuse_ids, m003_create_summaries, m004_add_code_label_en,
                     m006_index_positions_and_unit_spans, m007_add_theme_lead_meta, m008_add_code_topics,
                     m009_record_withdrawn_codings, m010_add_theme_groups]
SCHEMA_VERSION = len(MIGRATIONS)


def known() -> list[str]:
    return [fn.__name__ for fn in MIGRATIONS]


def _migration_set():
    from sto_qual.store._sqlite_utils import Migrations
    mset = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        mset(name=fn.__name__, transactional=getattr(fn, "transactional", True))(fn)
    return mset


def apply(conn: sqlite3.Connection) -> None:
    from sto_qual.store._sqlite_utils import Database
    _migration_set().apply(Database(conn))


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to this database (without importing sqlite-utils)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if not has:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                                       (MIGRATION_SET,))]
