"""ProjectStore: the project's SQLite file spoken to in domain verbs.

Every write runs in one ``BEGIN IMMEDIATE`` transaction (``_write``), so that a
multi-row change is all-or-nothing and concurrent writers queue on the busy
timeout instead of failing half-way.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import CodebookError, NothingToDo, ProjectError, UnknownCode, UnknownDocument
from sto_qual.domain.names import did_you_mean
from sto_qual.domain.model import Code, CodeSpec, Coding, Document, Suggestion, Turn, Unit
from sto_qual.store import connection as _registry
from sto_qual.store.connection import require_transaction
from sto_qual.store.db import SCHEMA_VERSION, applied_migrations, backup_file, open_database, storage_warnings

HISTORY_LIMIT = 200  # undo steps kept per coder (the issue asks for at least 50)


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _typed(value: Any) -> tuple[str | None, str]:
    if value is None:
        return None, "text"
    if isinstance(value, bool):
        return ("true" if value else "false"), "bool"
    if isinstance(value, int):
        return str(value), "int"
    if isinstance(value, float):
        return repr(value), "float"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat(), "date"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value), "list"
    return str(value), "text"


def _untyped(value: str | None, kind: str) -> Any:
    if value is None:
        return None
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return value == "true"
    except ValueError:
        return value
    return value


class ProjectStore:
    """All persistence for one project file. Opening migrates (with a backup)."""

    def __init__(self, path: str | Path | None, *, create: bool = False) -> None:
        self.path = Path(path) if path not in (None, ":memory:") else None
        self.conn: sqlite3.Connection = open_database(path, create=create)
        self._identity = None
        if self.path is not None:
            st = os.stat(self.path)
            self._identity = (st.st_dev, st.st_ino)
            _registry.register(self.path)
        self.warnings = storage_warnings(self.path) if self.path is not None else []
        self._lock = threading.RLock()
        self._code_cache: dict[str, Code] | None = None
        self._code_cache_version = -1

    # ------------------------------------------------------------------ basics
    def close(self) -> None:
        """Checkpoint the WAL into the project file and close, so the file alone is complete."""
        try:
            if self.path is not None and not self.conn.in_transaction:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # another process is reading; SQLite checkpoints later
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover
            pass
        if self.path is not None and self._identity is not None:
            _registry.unregister(self.path)
            self._identity = None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self.conn.in_transaction:  # nested: a savepoint inside the outer write
                name = f"sp_{threading.get_ident()}_{id(self)}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                    raise
                else:
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                return
            self._check_file()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._storage_error(exc) from None
            try:  # again under the write lock: the file may have been replaced while we waited
                self._check_file()
            except ProjectError:
                self.conn.execute("ROLLBACK")
                raise
            try:
                yield self.conn
            except BaseException as exc:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:  # pragma: no cover - the connection is gone
                        pass
                self._code_cache = None
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._storage_error(exc) from None
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise self._storage_error(exc) from None

    def _check_file(self) -> None:
        """Refuse to write when the project file was deleted or replaced under us: the open
        handle would keep writing into a file nobody can open again."""
        if self.path is None:
            return
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise ProjectError(f"{self.path}: the project file was deleted or moved while open; nothing was "
                               "saved", hint="restore it from a backup, or save this work with `sto-qual backup`") from None
        if (st.st_dev, st.st_ino) != self._identity:
            raise ProjectError(f"{self.path}: the project file was replaced while open; nothing was saved",
                               hint="reopen the project")

    def _storage_error(self, exc: sqlite3.OperationalError) -> ProjectError:
        msg = str(exc)
        if "full" in msg:
            return ProjectError(f"{self.path}: the disk is full; nothing was saved",
                                hint="free some space and try again")
        if "readonly" in msg or "read-only" in msg:
            return ProjectError(f"{self.path}: the project is on a read-only disk; nothing was saved",
                                hint="copy it to a writable folder")
        if "locked" in msg or "busy" in msg:
            return ProjectError(f"{self.path}: another program kept the project locked for too long; nothing "
                                "was saved", hint="try again; see README 'Reliability'")
        if "disk I/O" in msg:
            return ProjectError(f"{self.path}: disk I/O error; nothing was saved", hint="check the disk")
        return ProjectError(f"{self.path}: cannot save ({msg}); nothing was saved")

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, row)) for row in cur.fetchall()]  # type: ignore[misc]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def audit(self, action: str, entity: str, entity_id: int | None, coder: str | None,
              details: dict[str, Any] | None = None) -> None:
        require_transaction(self.conn, "audit")
        self.conn.execute(
            "INSERT INTO audit_log (at, coder, action, entity, entity_id, details) VALUES (?,?,?,?,?,?)",
            (now(), coder, action, entity, entity_id,
             json.dumps(details, ensure_ascii=False) if details else None))

    def audit_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM audit_log ORDER BY id"
        if limit:
            sql += f" DESC LIMIT {int(limit)}"
        return self._rows(sql)

    def schema_version(self) -> int:
        return len(applied_migrations(self.conn))

    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(value) if value is not None else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as c:
            c.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                      "SET value = excluded.value", (key, json.dumps(value, ensure_ascii=False)))

    def info(self) -> dict[str, Any]:
        q = self._one
        return {
            "project": str(self.path) if self.path else ":memory:",
            "schema_version": self.schema_version(),
            "program_schema_version": SCHEMA_VERSION,
            "documents": q("SELECT count(*) FROM documents"),
            "codes": q("SELECT count(*) FROM codes"),
            "codings": q("SELECT count(*) FROM codings"),
            "coders": q("SELECT count(*) FROM coders"),
            "suggestions_pending": q("SELECT count(*) FROM suggestions WHERE status = 'pending'"),
            "words": q("SELECT coalesce(sum(words), 0) FROM documents"),
            "default_coder": self.get_setting("default_coder"),
        }

    def backup(self, target: str | Path) -> Path:
        target = Path(target)
        if target.exists():
            raise ProjectError(f"{target}: already exists", hint="choose another file name")
        dst = sqlite3.connect(str(target))
        with self._lock:
            with dst:
                self.conn.backup(dst)
        dst.close()
        return target

    AUTO_BACKUPS_KEPT = 5

    def auto_backup(self, label: str) -> Path | None:
        """Backup before a destructive operation; the newest 5 of each kind are kept."""
        if self.path is None:
            return None
        from sto_qual.store.backups import auto_backups
        made = backup_file(self.path, label)
        for old in auto_backups(self.path, label)[self.AUTO_BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)
        return made

    def integrity_ok(self) -> bool:
        return self._one("PRAGMA integrity_check") == "ok"

    # --------------------------------------------------------------- coders
    def ensure_coder(self, name: str) -> int:
        row = self._one("SELECT id FROM coders WHERE name = ?", (name,))
        if row is not None:
            return row
        with self._write() as c:
            c.execute("INSERT OR IGNORE INTO coders (name, created_at) VALUES (?, ?)", (name, now()))
            return self._one("SELECT id FROM coders WHERE name = ?", (name,))

    def coders(self) -> list[dict[str, Any]]:
        return self._rows("""SELECT c.id, c.name, c.created_at,
            (SELECT count(*) FROM codings k WHERE k.coder_id = c.id) AS codings,
            (SELECT count(DISTINCT document_id) FROM codings k WHERE k.coder_id = c.id) AS documents
            FROM coders c ORDER BY c.name""")

    # ------------------------------------------------------------ documents
    def document_by_hash(self, content_hash: str) -> int | None:
        return self._one("SELECT id FROM documents WHERE content_hash = ?", (content_hash,))

    def name_taken(self, name: str) -> bool:
        return self._one("SELECT 1 FROM documents WHERE name = ?", (name,)) is not None

    def add_document(self, *, name: str, source_file: str, format: str, content_hash: str,
                     text: str, words: int, attributes: dict[str, Any],
                     turns: Sequence[tuple[int, int, str | None, str | None, str | None]],
                     units: Sequence[tuple[int, int, int, str]], folded: Sequence[str],
                     coder: str | None = None, search_rows: list[tuple] | None = None) -> int:
        """Insert a document with its attributes, turns and units in one transaction.
        ``units`` are (turn index, start, end, lemmas). With ``search_rows`` the units' rows
        for the search index are appended there, for ``add_search_rows`` after the savepoints
        of a batch (the full-text index flushes itself to disk at every savepoint)."""
        with self._write() as c:
            pos = (self._one("SELECT coalesce(max(position), 0) FROM documents") or 0) + 1
            cur = c.execute(
                "INSERT INTO documents (name, source_file, format, content_hash, text, words, "
                "imported_at, position) VALUES (?,?,?,?,?,?,?,?)",
                (name, source_file, format, content_hash, text, words, now(), pos))
            doc_id = cur.lastrowid
            c.executemany("INSERT INTO attributes (document_id, key, value, type) VALUES (?,?,?,?)",
                          [(doc_id, key, *_typed(value)) for key, value in attributes.items()])
            # executemany, then the new ids read back in seq order (no reliance on how ids are assigned)
            c.executemany("INSERT INTO turns (document_id, seq, start, \"end\", speaker, "
                          "time_start, time_end) VALUES (?,?,?,?,?,?,?)",
                          [(doc_id, seq, *t) for seq, t in enumerate(turns)])
            turn_ids = [r[0] for r in c.execute("SELECT id FROM turns WHERE document_id = ? ORDER BY seq", (doc_id,))]
            c.executemany("INSERT INTO units (document_id, turn_id, seq, start, \"end\", lemmas) VALUES (?,?,?,?,?,?)",
                          [(doc_id, turn_ids[u[0]], seq, u[1], u[2], u[3]) for seq, u in enumerate(units)])
            unit_ids = [r[0] for r in c.execute("SELECT id FROM units WHERE document_id = ? ORDER BY seq", (doc_id,))]
            fts = [(uid, text[u[1]:u[2]], f, u[3]) for uid, u, f in zip(unit_ids, units, folded)]
            if search_rows is None:
                self.add_search_rows(fts)
            self.audit("import", "document", doc_id, coder,
                       {"name": name, "source_file": source_file, "hash": content_hash})
        if search_rows is not None:
            search_rows += fts
        return doc_id

    def add_search_rows(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        """Units into the full-text index: (unit id, text, folded text, lemmas); inside the
        caller's transaction."""
        self.conn.executemany("INSERT INTO units_fts (rowid, text, folded, lemmas) VALUES (?,?,?,?)", rows)

    def delete_document(self, doc_id: int, coder: str | None = None) -> dict[str, int]:
        from sto_qual.store import document_purge
        # freed pages are overwritten with zeros: the text must not linger in the file
        self.conn.execute("PRAGMA secure_delete = ON")
        with self._write() as c:
            name = self._one("SELECT name FROM documents WHERE id = ?", (doc_id,))
            labels = document_purge.speaker_labels(c, doc_id)
            counts = {
                "codings": self._one("SELECT count(*) FROM codings WHERE document_id = ?", (doc_id,)),
                "units": self._one("SELECT count(*) FROM units WHERE document_id = ?", (doc_id,)),
            }
            unit_ids = [r[0] for r in c.execute("SELECT id FROM units WHERE document_id = ?", (doc_id,))]
            c.executemany("DELETE FROM units_fts WHERE rowid = ?", [(u,) for u in unit_ids])
            coding_ids = [r[0] for r in c.execute("SELECT id FROM codings WHERE document_id = ?", (doc_id,))]
            c.executemany("DELETE FROM memos WHERE target = 'coding' AND target_id = ?",
                          [(i,) for i in coding_ids])
            c.execute("DELETE FROM memos WHERE target = 'document' AND target_id = ?", (doc_id,))
            c.execute("DELETE FROM suggestions WHERE document_id = ?", (doc_id,))
            c.execute("DELETE FROM codings WHERE document_id = ?", (doc_id,))
            c.execute("DELETE FROM units WHERE document_id = ?", (doc_id,))
            c.execute("DELETE FROM turns WHERE document_id = ?", (doc_id,))
            c.execute("DELETE FROM attributes WHERE document_id = ?", (doc_id,))
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            # undo steps that touch this document (a batch may span several) would bring
            # its codings back as ghosts
            document_purge.purge_history(c, doc_id)
            document_purge.purge_names(c, doc_id, name, labels)
            self.audit("delete", "document", doc_id, coder, counts)
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def set_attributes(self, doc_id: int, attributes: dict[str, Any], coder: str | None = None) -> None:
        with self._write() as c:
            for key, value in attributes.items():
                v, kind = _typed(value)
                c.execute("INSERT INTO attributes (document_id, key, value, type) VALUES (?,?,?,?) "
                          "ON CONFLICT(document_id, key) DO UPDATE SET value = excluded.value, "
                          "type = excluded.type", (doc_id, key, v, kind))
            self.audit("set-attributes", "document", doc_id, coder, {"keys": sorted(attributes)})

    def attributes(self, doc_id: int | None = None) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        sql = "SELECT document_id, key, value, type FROM attributes"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE document_id = ?"
            params = (doc_id,)
        for d, k, v, t in self.conn.execute(sql + " ORDER BY document_id, rowid", params):
            out.setdefault(d, {})[k] = _untyped(v, t)
        return out

    def documents(self, coded_share: bool = True, doc_id: int | None = None) -> list[Document]:
        """Every document (or just ``doc_id``) with its attributes and counts."""
        where = "WHERE d.id = ?" if doc_id is not None else ""
        rows = self._rows(f"""
            SELECT d.id, d.name, d.source_file, d.format, d.content_hash, d.words, d.imported_at,
              length(d.text) AS chars,
              (SELECT count(*) FROM turns t WHERE t.document_id = d.id) AS turns,
              (SELECT count(*) FROM units u WHERE u.document_id = d.id) AS units,
              (SELECT count(*) FROM codings k WHERE k.document_id = d.id) AS codings
            FROM documents d {where} ORDER BY d.position""", (doc_id,) if doc_id is not None else ())
        attrs = self.attributes(doc_id)
        coded = self._coded_chars(doc_id) if coded_share else {}
        return [Document(id=r["id"], name=r["name"], source_file=r["source_file"], format=r["format"],
                         content_hash=r["content_hash"], words=r["words"], imported_at=r["imported_at"],
                         attributes=attrs.get(r["id"], {}), turns=r["turns"], units=r["units"],
                         codings=r["codings"],
                         coded_share=(coded.get(r["id"], 0) / r["chars"]) if r["chars"] else 0.0)
                for r in rows]

    def _coded_chars(self, doc_id: int | None = None) -> dict[int, int]:
        """Characters covered by at least one coding, per document (union of spans)."""
        out: dict[int, int] = {}
        cur_doc, cur_end, total = None, -1, 0
        where, params = ("WHERE document_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        for d, s, e in self.conn.execute(
                f'SELECT document_id, start, "end" FROM codings {where} ORDER BY document_id, start', params):
            if d != cur_doc:
                if cur_doc is not None:
                    out[cur_doc] = total
                cur_doc, cur_end, total = d, -1, 0
            if s >= cur_end:
                total += e - s
                cur_end = e
            elif e > cur_end:
                total += e - cur_end
                cur_end = e
        if cur_doc is not None:
            out[cur_doc] = total
        return out

    def find_document(self, ref: str | int) -> tuple[int, str]:
        ref_s = str(ref).strip()
        row = self.conn.execute("SELECT id, name FROM documents WHERE name = ?", (ref_s,)).fetchone()
        if row is None and ref_s.isdigit():
            row = self.conn.execute("SELECT id, name FROM documents WHERE id = ?", (int(ref_s),)).fetchone()
        if row is None:
            row = self.conn.execute("SELECT id, name FROM documents WHERE source_file = ?", (ref_s,)).fetchone()
        if row is None:
            raise UnknownDocument(f"unknown document '{ref_s}'",
                                  hint="see `sto-qual docs` for ids and names")
        return row[0], row[1]

    def document_exists(self, doc_id: int) -> bool:
        return self._one("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def document_text(self, doc_id: int) -> str:
        text = self._one("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if text is None:
            raise UnknownDocument(f"unknown document id {doc_id}")
        return text

    def document_meta(self, doc_id: int) -> dict[str, Any]:
        rows = self._rows("SELECT id, name, source_file, format, content_hash, words, imported_at, "
                          "position FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise UnknownDocument(f"unknown document id {doc_id}")
        return rows[0]

    def role_for(self, roles: dict[tuple[str, str], str], doc_name: str, speaker: str | None) -> str | None:
        label = (speaker or "").strip().lower()
        if not label:
            return None
        return roles.get((doc_name, label)) or roles.get(("", label))

    def turns(self, doc_id: int) -> list[Turn]:
        roles = self.role_map()
        doc_name = self._one("SELECT name FROM documents WHERE id = ?", (doc_id,))
        return [Turn(id=r[0], document_id=doc_id, seq=r[1], start=r[2], end=r[3], speaker=r[4],
                     role=self.role_for(roles, doc_name, r[4]), time_start=r[5], time_end=r[6])
                for r in self.conn.execute(
                    'SELECT id, seq, start, "end", speaker, time_start, time_end FROM turns '
                    "WHERE document_id = ? ORDER BY seq", (doc_id,))]

    def units(self, doc_id: int) -> list[Unit]:
        return [Unit(id=r[0], document_id=doc_id, turn_id=r[1], seq=r[2], start=r[3], end=r[4])
                for r in self.conn.execute(
                    'SELECT id, turn_id, seq, start, "end" FROM units WHERE document_id = ? ORDER BY seq',
                    (doc_id,))]

    def unit(self, unit_id: int) -> Unit:
        r = self.conn.execute('SELECT id, document_id, turn_id, seq, start, "end" FROM units WHERE id = ?',
                              (unit_id,)).fetchone()
        if r is None:
            raise UnknownDocument(f"unknown unit {unit_id}", hint="see `sto-qual search` for unit ids")
        return Unit(*r)

    def turn(self, turn_id: int) -> Turn:
        r = self.conn.execute('SELECT id, document_id, seq, start, "end", speaker, time_start, time_end '
                              "FROM turns WHERE id = ?", (turn_id,)).fetchone()
        if r is None:
            raise UnknownDocument(f"unknown turn {turn_id}")
        doc_name = self._one("SELECT name FROM documents WHERE id = ?", (r[1],))
        return Turn(id=r[0], document_id=r[1], seq=r[2], start=r[3], end=r[4], speaker=r[5],
                    role=self.role_for(self.role_map(), doc_name, r[5]), time_start=r[6], time_end=r[7])

    def all_units(self) -> list[dict[str, Any]]:
        """Every unit with its text and lemmas (for suggestions and agreement)."""
        return self._rows("""SELECT u.id, u.document_id, u.turn_id, u.seq, u.start, u."end", u.lemmas,
                substr(d.text, u.start + 1, u."end" - u.start) AS text
            FROM units u JOIN documents d ON d.id = u.document_id ORDER BY u.document_id, u.seq""")

    def unit_rows(self, doc_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
        sql = 'SELECT u.id, u.document_id, u.turn_id, u.start, u."end", t.speaker FROM units u ' \
              "JOIN turns t ON t.id = u.turn_id"
        params: list[Any] = []
        if doc_ids is not None:
            ids = list(doc_ids)
            sql += f" WHERE u.document_id IN ({','.join('?' * len(ids))})"
            params = ids
        return self._rows(sql + " ORDER BY u.document_id, u.seq", params)

    # -------------------------------------------------------------- role map
    def role_map(self) -> dict[tuple[str, str], str]:
        """(document name or '' for all, lower-case speaker label) -> role."""
        return {(r[0], r[1]): r[2] for r in self.conn.execute("SELECT document, label, role FROM role_map")}

    def set_roles(self, mapping: dict[tuple[str, str], str], coder: str | None = None) -> None:
        with self._write() as c:
            for (doc, label), role in mapping.items():
                c.execute("INSERT INTO role_map (document, label, role) VALUES (?, ?, ?) ON CONFLICT(document, label) "
                          "DO UPDATE SET role = excluded.role", (doc or "", label.strip().lower(), role.strip().lower()))
            self.audit("set-roles", "role_map", None, coder, {"labels": sorted(f"{d}:{l}" for d, l in mapping)})

    # ----------------------------------------------------------------- search
    def search_units(self, match: str, column: str, limit: int = 200) -> list[dict[str, Any]]:
        return self._rows(f"""SELECT u.id AS unit, u.document_id, d.name AS doc, u.start, u."end",
                t.speaker, substr(d.text, u.start + 1, u."end" - u.start) AS text
            FROM units_fts f JOIN units u ON u.id = f.rowid JOIN documents d ON d.id = u.document_id
            JOIN turns t ON t.id = u.turn_id
            WHERE f.{column} MATCH ? ORDER BY d.position, u.seq LIMIT ?""", (match, limit))

    # ------------------------------------------------------------------ codes
    def _load_codes(self) -> dict[str, Code]:
        """The code tree by path (structure only; ``codings`` is 0 here, see ``codes()``).
        Cached until a code changes: resolving a code must not scan the codings."""
        # another connection (a second coder, a TUI worker) may have changed the codebook:
        # PRAGMA data_version moves whenever someone else commits
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._code_cache_version:
            self._code_cache = None
            self._code_cache_version = version
        if self._code_cache is None:
            rows = self._rows("""SELECT c.*, p.path AS parent_path
                FROM codes c LEFT JOIN codes p ON p.id = c.parent_id""")
            codes = {r["path"]: Code(id=r["id"], path=r["path"], name=r["name"], parent=r["parent_path"],
                                     colour=r["colour"], label=r["label"], definition=r["definition"],
                                     when_to_use=r["when_to_use"], when_not_to_use=r["when_not_to_use"],
                                     examples=tuple(json.loads(r["examples"])),
                                     keywords=tuple(json.loads(r["keywords"])), position=r["position"],
                                     label_en=r["label_en"])
                     for r in rows}
            self._code_cache = codes
        return self._code_cache

    def data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def invalidate(self) -> None:
        self._code_cache = None

    def codes(self, with_counts: bool = True) -> list[Code]:
        """Codes in tree order: each parent followed by its children, siblings by position;
        with the number of codings of each (direct, all coders)."""
        codes = self._load_codes()
        if with_counts:
            from dataclasses import replace
            counts = self.code_counts()
            codes = {p: replace(c, codings=counts.get(c.id, 0)) for p, c in codes.items()}
        children: dict[str | None, list[Code]] = {}
        for c in codes.values():
            children.setdefault(c.parent, []).append(c)
        out: list[Code] = []

        def walk(parent: str | None) -> None:
            for c in sorted(children.get(parent, []), key=lambda c: (c.position, c.name)):
                out.append(c)
                walk(c.path)
        walk(None)
        return out

    def code_counts(self, coder_id: int | None = None, doc_id: int | None = None) -> dict[int, int]:
        sql, params = "SELECT code_id, count(*) FROM codings", []
        where = []
        if coder_id is not None:
            where.append("coder_id = ?")
            params.append(coder_id)
        if doc_id is not None:
            where.append("document_id = ?")
            params.append(doc_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return dict(self.conn.execute(sql + " GROUP BY code_id", params).fetchall())

    def find_code(self, ref: str) -> Code:
        ref = ref.strip().strip("/")
        codes = self._load_codes()
        if ref in codes:
            return codes[ref]
        low = ref.lower()
        matches = [c for c in codes.values() if c.path.lower() == low or c.name.lower() == low
                   or (c.label or "").lower() == low]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownCode(f"code '{ref}' is ambiguous: " + ", ".join(sorted(m.path for m in matches)),
                              hint="give the full path")
        if ref.isdigit():
            for c in codes.values():
                if c.id == int(ref):
                    return c
        hint = did_you_mean(ref, ((c.path, c.name, c.label) for c in codes.values()))
        raise UnknownCode(f"unknown code '{ref}'", hint=hint or "see `sto-qual codebook` for the code paths")

    def code_by_id(self, code_id: int) -> Code:
        for c in self._load_codes().values():
            if c.id == code_id:
                return c
        raise UnknownCode(f"unknown code id {code_id}")

    def upsert_code(self, spec: CodeSpec, position: int, coder: str | None = None) -> tuple[int, str]:
        """Insert or update a code by path. Returns (id, 'added'|'updated'|'unchanged')."""
        codes = self._load_codes()
        parent_id = None
        if spec.parent:
            if spec.parent not in codes:
                raise CodebookError(f"code '{spec.path}': parent '{spec.parent}' does not exist")
            parent_id = codes[spec.parent].id
        values = (spec.name, spec.label, spec.colour, spec.definition, spec.when_to_use,
                  spec.when_not_to_use, json.dumps(list(spec.examples), ensure_ascii=False),
                  json.dumps(list(spec.keywords), ensure_ascii=False), position, parent_id, spec.label_en)
        with self._write() as c:
            existing = codes.get(spec.path)
            if existing is None:
                cur = c.execute("INSERT INTO codes (name, label, colour, definition, when_to_use, "
                                "when_not_to_use, examples, keywords, position, parent_id, label_en, path, created_at) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (*values, spec.path, now()))
                self.audit("add", "code", cur.lastrowid, coder, {"path": spec.path})
                self._code_cache = None
                return cur.lastrowid, "added"
            old = (existing.name, existing.label, existing.colour, existing.definition,
                   existing.when_to_use, existing.when_not_to_use,
                   json.dumps(list(existing.examples), ensure_ascii=False),
                   json.dumps(list(existing.keywords), ensure_ascii=False), existing.position,
                   codes[existing.parent].id if existing.parent else None, existing.label_en)
            if old == values:
                return existing.id, "unchanged"
            c.execute("UPDATE codes SET name=?, label=?, colour=?, definition=?, when_to_use=?, "
                      "when_not_to_use=?, examples=?, keywords=?, position=?, parent_id=?, label_en=? WHERE id=?",
                      (*values, existing.id))
            self.audit("update", "code", existing.id, coder, {"path": spec.path})
            self._code_cache = None
            return existing.id, "updated"

    def update_code_fields(self, code_id: int, fields: dict[str, Any], coder: str | None = None) -> None:
        allowed = {"label", "label_en", "colour", "definition", "when_to_use", "when_not_to_use", "examples",
                   "keywords"}
        bad = set(fields) - allowed
        if bad:
            raise CodebookError(f"cannot edit {', '.join(sorted(bad))} of a code")
        with self._write() as c:
            for k, v in fields.items():
                if k in ("examples", "keywords"):
                    v = json.dumps(list(v), ensure_ascii=False)
                c.execute(f"UPDATE codes SET {k} = ? WHERE id = ?", (v, code_id))
            self.audit("update", "code", code_id, coder, {"fields": sorted(fields)})
        self._code_cache = None

    def _repath(self, c: sqlite3.Connection, code_id: int, new_path: str) -> None:
        """Set a code's path and rewrite its descendants' paths."""
        old_path = self._one("SELECT path FROM codes WHERE id = ?", (code_id,))
        c.execute("UPDATE codes SET path = ? WHERE id = ?", (new_path, code_id))
        c.execute("UPDATE codes SET path = ? || substr(path, ?) WHERE path LIKE ? ESCAPE '\\'",
                  (new_path, len(old_path) + 1, old_path.replace("%", "\\%").replace("_", "\\_") + "/%"))

    def rename_code(self, code: Code, new_name: str, coder: str | None = None) -> str:
        new_path = f"{code.parent}/{new_name}" if code.parent else new_name
        if new_path in self._load_codes():
            raise CodebookError(f"a code '{new_path}' already exists", hint="merge the codes instead")
        with self._write() as c:
            c.execute("UPDATE codes SET name = ? WHERE id = ?", (new_name, code.id))
            self._repath(c, code.id, new_path)
            self.audit("rename", "code", code.id, coder, {"from": code.path, "to": new_path})
        self._code_cache = None
        return new_path

    def move_code(self, code: Code, new_parent: Code | None, coder: str | None = None) -> str:
        if new_parent and (new_parent.path == code.path or new_parent.path.startswith(code.path + "/")):
            raise CodebookError(f"cannot move '{code.path}' under itself")
        new_path = f"{new_parent.path}/{code.name}" if new_parent else code.name
        if new_path in self._load_codes() and new_path != code.path:
            raise CodebookError(f"a code '{new_path}' already exists", hint="merge the codes instead")
        with self._write() as c:
            pos = self._one("SELECT coalesce(max(position), 0) + 1 FROM codes WHERE parent_id IS ?",
                            (new_parent.id if new_parent else None,))
            c.execute("UPDATE codes SET parent_id = ?, position = ? WHERE id = ?",
                      (new_parent.id if new_parent else None, pos, code.id))
            self._repath(c, code.id, new_path)
            self.audit("move", "code", code.id, coder, {"from": code.path, "to": new_path})
        self._code_cache = None
        return new_path

    def merge_codes(self, source: Code, target: Code, coder: str | None = None) -> int:
        """Move every coding (and child code) of ``source`` onto ``target``; delete ``source``."""
        if source.id == target.id or target.path.startswith(source.path + "/"):
            raise CodebookError(f"cannot merge '{source.path}' into '{target.path}'")
        with self._write() as c:
            # a span this coder coded with both codes becomes one coding (memos follow it)
            twins = c.execute('SELECT s.id, t.id FROM codings s JOIN codings t ON t.code_id = ? AND '
                              't.document_id = s.document_id AND t.coder_id = s.coder_id AND t.start = s.start '
                              'AND t."end" = s."end" WHERE s.code_id = ?', (target.id, source.id)).fetchall()
            for src_id, dst_id in twins:
                c.execute("UPDATE memos SET target_id = ? WHERE target = 'coding' AND target_id = ?", (dst_id, src_id))
                c.execute("UPDATE suggestions SET coding_id = ? WHERE coding_id = ?", (dst_id, src_id))
                c.execute("DELETE FROM codings WHERE id = ?", (src_id,))
            n = len(twins) + c.execute("UPDATE codings SET code_id = ? WHERE code_id = ?",
                                       (target.id, source.id)).rowcount
            # a suggestion for the target on the same unit wins; drop the source's duplicates
            c.execute("DELETE FROM suggestions WHERE code_id = ? AND unit_id IN "
                      "(SELECT unit_id FROM suggestions WHERE code_id = ?)", (source.id, target.id))
            c.execute("UPDATE suggestions SET code_id = ? WHERE code_id = ?", (target.id, source.id))
            for child_id, child_name in c.execute("SELECT id, name FROM codes WHERE parent_id = ?",
                                                  (source.id,)).fetchall():
                new_path = f"{target.path}/{child_name}"
                if self._one("SELECT 1 FROM codes WHERE path = ?", (new_path,)):
                    raise CodebookError(f"merging would create a second '{new_path}'",
                                        hint="merge or rename that sub-code first")
                c.execute("UPDATE codes SET parent_id = ? WHERE id = ?", (target.id, child_id))
                self._repath(c, child_id, new_path)
            c.execute("UPDATE memos SET target_id = ? WHERE target = 'code' AND target_id = ?",
                      (target.id, source.id))
            c.execute("DELETE FROM codes WHERE id = ?", (source.id,))
            self.audit("merge", "code", target.id, coder,
                       {"from": source.path, "into": target.path, "codings": n})
        self._code_cache = None
        return n

    def delete_code(self, code: Code, force: bool = False, coder: str | None = None) -> int:
        """Delete a code and its sub-codes. Refused while codings exist unless ``force``."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM codes WHERE path = ? OR path LIKE ? ESCAPE '\\'",
            (code.path, code.path.replace("%", "\\%").replace("_", "\\_") + "/%"))]
        marks = ",".join("?" * len(ids))
        n = self._one(f"SELECT count(*) FROM codings WHERE code_id IN ({marks})", ids)
        if n and not force:
            raise CodebookError(f"code '{code.path}' has {n} coding(s)",
                                hint="merge it into another code, or delete with --force")
        with self._write() as c:
            c.execute(f"DELETE FROM memos WHERE target = 'coding' AND target_id IN "
                      f"(SELECT id FROM codings WHERE code_id IN ({marks}))", ids)
            c.execute(f"DELETE FROM codings WHERE code_id IN ({marks})", ids)
            c.execute(f"DELETE FROM suggestions WHERE code_id IN ({marks})", ids)
            c.execute(f"DELETE FROM memos WHERE target = 'code' AND target_id IN ({marks})", ids)
            # children first (deepest paths first) because of the parent foreign key
            for cid in [r[0] for r in c.execute(
                    f"SELECT id FROM codes WHERE id IN ({marks}) ORDER BY length(path) DESC", ids)]:
                c.execute("DELETE FROM codes WHERE id = ?", (cid,))
            self.audit("delete", "code", code.id, coder, {"path": code.path, "codings": n,
                                                           "codes": len(ids)})
        self._code_cache = None
        return n

    # ---------------------------------------------------------------- codings
    # text is sliced in Python from each document's text, loaded once: substr() in SQL would
    # read a document's whole text again for every coding
    _CODING_SELECT = """SELECT k.id, k.document_id, d.name AS doc, c.path AS code, k.start, k."end",
        NULL AS text, r.name AS coder, k.memo, k.origin, k.starred, k.created_at
        FROM codings k JOIN documents d ON d.id = k.document_id JOIN codes c ON c.id = k.code_id
        JOIN coders r ON r.id = k.coder_id"""

    def _with_text(self, rows: list[tuple]) -> list[tuple]:
        texts = self._texts(r[1] for r in rows)
        return [(*r[:6], texts[r[1]][r[4]:r[5]], *r[7:]) for r in rows]

    def _texts(self, doc_ids: Iterable[int]) -> dict[int, str]:
        ids = sorted(set(doc_ids))
        texts: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            texts.update(self.conn.execute(f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                                           chunk).fetchall())
        return texts

    @staticmethod
    def _coding(row: Sequence[Any]) -> Coding:
        return Coding(*row[:10], bool(row[10]), row[11])

    def insert_coding(self, *, document_id: int, code_id: int, coder_id: int, start: int, end: int,
                      words: int = 0, memo: str | None = None, origin: str = "manual", starred: bool = False,
                      coding_id: int | None = None, created_at: str | None = None) -> int:
        """Insert one coding (inside the caller's ``transaction``); the same coder, code and
        span is one coding, so an existing one is returned instead of a second."""
        return self.insert_coding_once(document_id=document_id, code_id=code_id, coder_id=coder_id, start=start,
                                       end=end, words=words, memo=memo, origin=origin, starred=starred,
                                       coding_id=coding_id, created_at=created_at)[0]

    def insert_coding_once(self, *, document_id: int, code_id: int, coder_id: int, start: int, end: int,
                           words: int = 0, memo: str | None = None, origin: str = "manual", starred: bool = False,
                           coding_id: int | None = None, created_at: str | None = None) -> tuple[int, bool]:
        """(coding id, whether it was added): the unique index on (document, code, coder, span)
        decides, so two windows of one coder never store the same coding twice."""
        require_transaction(self.conn, "insert_coding")
        cur = self.conn.execute(
            'INSERT INTO codings (id, document_id, code_id, coder_id, start, "end", words, memo, origin, starred, '
            "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            'ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING',
            (coding_id, document_id, code_id, coder_id, start, end, words, memo, origin, int(starred),
             created_at or now()))
        if cur.rowcount == 1:
            return cur.lastrowid, True
        return self._one('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? '
                         'AND start = ? AND "end" = ?', (document_id, code_id, coder_id, start, end)), False

    def insert_imported_codings(self, rows: Sequence[tuple]) -> tuple[int, dict[tuple, int]]:
        """Insert (document_id, code_id, coder_id, start, end, words, memo, starred, created_at)
        rows as imported codings in one statement (inside the caller's transaction); a row whose
        (document, code, coder, span) exists is skipped. Returns (rows added, key -> coding id)."""
        require_transaction(self.conn, "insert_imported_codings")
        before = self.conn.total_changes
        stamp = now()
        self.conn.executemany(
            'INSERT INTO codings (document_id, code_id, coder_id, start, "end", words, memo, origin, starred, '
            "created_at) VALUES (?,?,?,?,?,?,?,'imported',?,?) "
            'ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING',
            [(*r[:8], r[8] or stamp) for r in rows])
        added = self.conn.total_changes - before
        ids: dict[tuple, int] = {}
        for d in sorted({r[0] for r in rows}):
            for cid, *key in self.conn.execute('SELECT id, document_id, code_id, coder_id, start, "end" FROM codings '
                                               "WHERE document_id = ?", (d,)):
                ids[tuple(key)] = cid
        return added, ids

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._write() as c:
            yield c

    def coding_row(self, coding_id: int) -> dict[str, Any] | None:
        rows = self._rows('SELECT id, document_id, code_id, coder_id, start, "end", words, memo, origin, starred, '
                          "created_at FROM codings WHERE id = ?", (coding_id,))
        return rows[0] if rows else None

    def get_coding(self, coding_id: int) -> Coding:
        row = self.conn.execute(self._CODING_SELECT + " WHERE k.id = ?", (coding_id,)).fetchone()
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}", hint="see `sto-qual codings`")
        text = self._one("SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                         (row[4], row[5], row[4], row[1]))
        return self._coding((*row[:6], text, *row[7:]))

    def delete_coding_row(self, coding_id: int) -> None:
        require_transaction(self.conn, "delete_coding_row")
        self.conn.execute("DELETE FROM memos WHERE target = 'coding' AND target_id = ?", (coding_id,))
        self.conn.execute("DELETE FROM codings WHERE id = ?", (coding_id,))

    def update_coding_row(self, coding_id: int, **fields: Any) -> None:
        require_transaction(self.conn, "update_coding_row")
        cols = ", ".join(f'"{k}" = ?' for k in fields)
        try:
            self.conn.execute(f"UPDATE codings SET {cols} WHERE id = ?", (*fields.values(), coding_id))
        except sqlite3.IntegrityError:
            from sto_qual.domain.errors import StaleChange
            raise StaleChange(f"coding #{coding_id}: the same coder has this code on that span already; "
                              "nothing was changed") from None

    def find_codings(self, document_id: int, code_id: int, coder_id: int | None, start: int | None = None,
                     end: int | None = None) -> list[int]:
        sql = "SELECT id FROM codings WHERE document_id = ? AND code_id = ?"
        params: list[Any] = [document_id, code_id]
        if coder_id is not None:
            sql += " AND coder_id = ?"
            params.append(coder_id)
        if start is not None and end is not None:
            sql += ' AND start < ? AND "end" > ?'
            params += [end, start]
        return [r[0] for r in self.conn.execute(sql, params)]

    def codings(self, *, doc_id: int | None = None, code_ids: Sequence[int] | None = None,
                coder_id: int | None = None, starred: bool | None = None,
                doc_ids: Sequence[int] | None = None, with_text: bool = True) -> list[Coding]:
        """Codings in document order; ``with_text=False`` leaves ``text`` empty (cheaper when
        the caller has the document texts already)."""
        ids = [doc_id] if doc_id is not None else doc_ids
        return [self._coding(r) for r in self.coding_tuples(doc_ids=ids, code_ids=code_ids, coder_id=coder_id,
                                                            starred=starred, with_text=with_text)]

    def coding_tuples(self, *, doc_ids: Sequence[int] | None = None, code_ids: Sequence[int] | None = None,
                      coder_id: int | None = None, starred: bool | None = None,
                      with_memo: bool = False, with_text: bool = True, columns: bool = False) -> list:
        """Codings as tuples (id, document_id, doc, code, start, end, text, coder, memo, origin,
        starred, created_at) in document order; with ``columns``, the 12 columns of those tuples
        instead (cheaper for tens of thousands of codings)."""
        where, params = [], []  # type: ignore[var-annotated]
        if with_memo:
            where.append("k.memo IS NOT NULL AND k.memo != ''")
        for column, values in (("k.document_id", doc_ids), ("k.code_id", code_ids)):
            if values is not None:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params += list(values)
        if coder_id is not None:
            where.append("k.coder_id = ?")
            params.append(coder_id)
        if starred is not None:
            where.append("k.starred = ?")
            params.append(int(starred))
        sql = self._CODING_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.conn.execute(sql + " ORDER BY d.position, k.start, k.id", params).fetchall()
        if columns:
            cols = [list(c) for c in zip(*rows)] if rows else [[] for _ in range(12)]
            texts = self._texts(cols[1]) if with_text else {}
            cols[6] = [texts[d][a:b] for d, a, b in zip(cols[1], cols[4], cols[5])] if with_text else [""] * len(rows)
            return cols
        return self._with_text(rows) if with_text else [(*r[:6], "", *r[7:]) for r in rows]

    def quote_candidates(self, code_ids: Sequence[int], *, coder_id: int | None = None, per_document: int = 2,
                         min_words: int = 8, max_words: int = 70, ideal_words: int = 30) -> list[tuple]:
        """Per document, the ``per_document`` codings of these codes whose length is closest to
        ``ideal_words`` (within [min_words, max_words]); coding_tuples' row format."""
        marks = ",".join("?" * len(code_ids))
        extra = " AND coder_id = ?" if coder_id is not None else ""
        params: list[Any] = [ideal_words, *code_ids, min_words, max_words]  # in the order of the ?s below
        if coder_id is not None:
            params.append(coder_id)
        params.append(per_document)
        ids = [r[0] for r in self.conn.execute(f"""SELECT id FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY abs(words - ?), start) AS rn
                FROM codings WHERE code_id IN ({marks}) AND words BETWEEN ? AND ?{extra})
              WHERE rn <= ?""", params)]
        if not ids:
            return []
        rows = []
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            rows += self.conn.execute(self._CODING_SELECT + f" WHERE k.id IN ({','.join('?' * len(chunk))})",
                                      chunk).fetchall()
        rows.sort(key=lambda r: (r[1], r[4], r[0]))
        return self._with_text(rows)

    def coding_records(self, coder_id: int | None = None) -> list[tuple]:
        """Light rows for analysis: (document_id, code_id, coder_id, start, end, words?)."""
        sql = 'SELECT k.id, k.document_id, k.code_id, k.coder_id, k.start, k."end", k.starred FROM codings k'
        params: list[Any] = []
        if coder_id is not None:
            sql += " WHERE k.coder_id = ?"
            params.append(coder_id)
        return self.conn.execute(sql, params).fetchall()

    def documents_light(self) -> list[tuple[int, str, int, int]]:
        return self.conn.execute("SELECT id, name, words, position FROM documents ORDER BY position").fetchall()

    # ---------------------------------------------------------------- history
    def push_history(self, coder_id: int, action: dict[str, Any]) -> None:
        require_transaction(self.conn, "push_history")
        c = self.conn
        c.execute("DELETE FROM history WHERE coder_id = ? AND undone = 1", (coder_id,))
        c.execute("INSERT INTO history (coder_id, action, at) VALUES (?, ?, ?)",
                  (coder_id, json.dumps(action, ensure_ascii=False), now()))
        c.execute("DELETE FROM history WHERE coder_id = ? AND id <= (SELECT id FROM history WHERE "
                  "coder_id = ? AND undone = 0 ORDER BY id DESC LIMIT 1 OFFSET ?)",
                  (coder_id, coder_id, HISTORY_LIMIT))

    def last_history(self, coder_id: int, undone: bool) -> tuple[int, dict[str, Any]] | None:
        order = "ASC" if undone else "DESC"
        row = self.conn.execute(f"SELECT id, action FROM history WHERE coder_id = ? AND undone = ? "
                                f"ORDER BY id {order} LIMIT 1", (coder_id, int(undone))).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def mark_history(self, history_id: int, undone: bool) -> None:
        require_transaction(self.conn, "mark_history")
        self.conn.execute("UPDATE history SET undone = ? WHERE id = ?", (int(undone), history_id))

    def drop_history(self, history_id: int) -> None:
        require_transaction(self.conn, "drop_history")
        self.conn.execute("DELETE FROM history WHERE id = ?", (history_id,))

    def history_depth(self, coder_id: int) -> tuple[int, int]:
        rows = dict(self.conn.execute("SELECT undone, count(*) FROM history WHERE coder_id = ? GROUP BY undone",
                                      (coder_id,)).fetchall())
        return rows.get(0, 0), rows.get(1, 0)

    # ------------------------------------------------------------------ memos
    def add_memo(self, target: str, target_id: int, text: str, coder_id: int | None) -> int:
        with self._write() as c:
            cur = c.execute("INSERT INTO memos (target, target_id, coder_id, text, created_at) "
                            "VALUES (?,?,?,?,?)", (target, target_id, coder_id, text, now()))
            self.audit("memo", target, target_id, None, {"memo": cur.lastrowid})
            return cur.lastrowid

    def memos(self, target: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT m.id, m.target, m.target_id, r.name AS coder, m.text, m.created_at FROM memos m " \
              "LEFT JOIN coders r ON r.id = m.coder_id"
        params: list[Any] = []
        if target:
            sql += " WHERE m.target = ?"
            params.append(target)
        return self._rows(sql + " ORDER BY m.id", params)

    # ------------------------------------------------------------ suggestions
    def add_suggestions(self, rows: Iterable[tuple[int, int, int, str, str, float | None]]) -> int:
        """Insert (document_id, unit_id, code_id, origin, reason, confidence); skips any
        (unit, code) already suggested, accepted or rejected, and units already coded with it."""
        added = 0
        with self._write() as c:
            for doc_id, unit_id, code_id, origin, reason, conf in rows:
                exists = c.execute("SELECT id, status, origin FROM suggestions WHERE unit_id = ? AND code_id = ?",
                                   (unit_id, code_id)).fetchone()
                if exists:
                    if exists[1] == "pending" and origin == "model" and conf is not None:
                        # the newer model's view (and both reasons) replaces a pending one
                        c.execute("UPDATE suggestions SET confidence = ?, origin = 'model', reason = ? "
                                  "WHERE id = ?", (conf, reason, exists[0]))
                    continue
                coded = c.execute('SELECT 1 FROM codings k JOIN units u ON u.id = ? WHERE k.document_id = ? '
                                  'AND k.code_id = ? AND k.start < u."end" AND k."end" > u.start LIMIT 1',
                                  (unit_id, doc_id, code_id)).fetchone()
                if coded:
                    continue
                c.execute("INSERT INTO suggestions (document_id, unit_id, code_id, origin, reason, confidence, "
                          "created_at) VALUES (?,?,?,?,?,?,?)", (doc_id, unit_id, code_id, origin, reason,
                                                                 conf, now()))
                added += 1
            if added:
                self.audit("suggest", "suggestion", None, None, {"added": added})
        return added

    def suggestions(self, *, status: str | None = "pending", doc_id: int | None = None,
                    code_ids: Sequence[int] | None = None, ids: Sequence[int] | None = None) -> list[Suggestion]:
        sql = """SELECT s.id, s.document_id, d.name, s.unit_id, c.path, u.start, u."end",
              substr(d.text, u.start + 1, u."end" - u.start), s.origin, s.reason, s.confidence, s.status
            FROM suggestions s JOIN units u ON u.id = s.unit_id JOIN documents d ON d.id = s.document_id
            JOIN codes c ON c.id = s.code_id"""
        where, params = [], []  # type: ignore[var-annotated]
        if status:
            where.append("s.status = ?")
            params.append(status)
        if doc_id is not None:
            where.append("s.document_id = ?")
            params.append(doc_id)
        if code_ids is not None:
            where.append(f"s.code_id IN ({','.join('?' * len(code_ids))})")
            params += list(code_ids)
        if ids is not None:
            where.append(f"s.id IN ({','.join('?' * len(ids))})")
            params += list(ids)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.path, coalesce(s.confidence, 1) DESC, d.position, u.seq"
        return [Suggestion(id=r[0], document_id=r[1], doc=r[2], unit=r[3], code=r[4], start=r[5], end=r[6],
                           text=r[7], origin=r[8], reason=r[9], confidence=r[10], status=r[11])
                for r in self.conn.execute(sql, params)]

    def suggestion_counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT status, count(*) FROM suggestions GROUP BY status").fetchall())

    def coding_origins(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT origin FROM codings")]

    def suggestion_row(self, sid: int) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM suggestions WHERE id = ?", (sid,))
        return rows[0] if rows else None

    def decide_suggestion(self, sid: int, status: str, coder_id: int, coding_id: int | None) -> None:
        require_transaction(self.conn, "decide_suggestion")
        self.conn.execute("UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?, coding_id = ? "
                          "WHERE id = ?", (status, coder_id, now(), coding_id, sid))

    def clear_pending(self, origin: str | None = None) -> int:
        with self._write() as c:
            sql = "DELETE FROM suggestions WHERE status = 'pending'"
            params: list[Any] = []
            if origin:
                sql += " AND origin = ?"
                params.append(origin)
            return c.execute(sql, params).rowcount

    def drop_pending(self, ids: Sequence[int]) -> int:
        """Delete these suggestions if still pending (a newer model no longer proposes them)."""
        n = 0
        with self._write() as c:
            for i in range(0, len(ids), 900):
                chunk = list(ids[i:i + 900])
                n += c.execute(f"DELETE FROM suggestions WHERE status = 'pending' AND id IN "
                               f"({','.join('?' * len(chunk))})", chunk).rowcount
        return n

    def decided_suggestions(self) -> list[dict[str, Any]]:
        return self._rows("""SELECT s.id, d.content_hash, u.start, u."end", c.path AS code, s.origin, s.reason,
            s.confidence, s.status, r.name AS coder, s.decided_at FROM suggestions s
            JOIN documents d ON d.id = s.document_id JOIN units u ON u.id = s.unit_id
            JOIN codes c ON c.id = s.code_id LEFT JOIN coders r ON r.id = s.decided_by
            WHERE s.status != 'pending'""")

    # ------------------------------------------------------------- pseudonyms
    def add_pseudonym(self, pattern: str, replacement: str, is_regex: bool = False) -> None:
        with self._write() as c:
            c.execute("INSERT INTO pseudonyms (pattern, replacement, is_regex, created_at) VALUES (?,?,?,?) "
                      "ON CONFLICT(pattern) DO UPDATE SET replacement = excluded.replacement, "
                      "is_regex = excluded.is_regex", (pattern, replacement, int(is_regex), now()))
            self.audit("add", "pseudonym", None, None, {"replacement": replacement})

    def remove_pseudonym(self, pattern: str) -> bool:
        with self._write() as c:
            return c.execute("DELETE FROM pseudonyms WHERE pattern = ?", (pattern,)).rowcount > 0

    def pseudonyms(self) -> list[tuple[str, str, bool]]:
        return [(r[0], r[1], bool(r[2])) for r in
                self.conn.execute("SELECT pattern, replacement, is_regex FROM pseudonyms ORDER BY id")]

    # ------------------------------------------------------------- maintenance
    def checkpoint(self) -> bool:
        """Move the WAL into the project file (a complete file on its own); False when another
        connection's reader kept part of it."""
        return self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0

    def vacuum(self) -> None:
        self.conn.execute("VACUUM")

    # ----------------------------------------------------------- merge helpers
    def coding_keys(self, doc_ids: Iterable[int] | None = None) -> set[tuple[int, int, int, int, int]]:
        """(document, code, coder, start, end) of every coding (of these documents)."""
        sql = 'SELECT document_id, code_id, coder_id, start, "end" FROM codings'
        if doc_ids is None:
            return {tuple(r) for r in self.conn.execute(sql)}
        out: set = set()
        for d in doc_ids:
            out |= {tuple(r) for r in self.conn.execute(sql + " WHERE document_id = ?", (d,))}
        return out

    def coding_rows(self) -> list[tuple]:
        """Every coding as (id, document_id, code_id, coder_id, start, end, words, memo, origin,
        starred, created_at), oldest first."""
        return self.conn.execute('SELECT id, document_id, code_id, coder_id, start, "end", words, memo, origin, '
                                 "starred, created_at FROM codings ORDER BY id").fetchall()

    def insert_memo(self, target: str, target_id: int, coder_id: int | None, text: str, created_at: str) -> None:
        """A memo with its original date (inside the caller's transaction)."""
        require_transaction(self.conn, "insert_memo")
        self.conn.execute("INSERT INTO memos (target, target_id, coder_id, text, created_at) VALUES (?,?,?,?,?)",
                          (target, target_id, coder_id, text, created_at))

    def record_decision(self, unit_id: int, document_id: int, code_id: int, *, origin: str, reason: str,
                        confidence: float | None, status: str, coder_id: int | None, decided_at: str | None) -> bool:
        """Bring in another copy's accepted/rejected decision on (unit, code); False when this
        project already decided it (inside the caller's transaction)."""
        require_transaction(self.conn, "record_decision")
        row = self.conn.execute("SELECT id, status FROM suggestions WHERE unit_id = ? AND code_id = ?",
                                (unit_id, code_id)).fetchone()
        if row and row[1] != "pending":
            return False
        if row:
            self.conn.execute("UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                              (status, coder_id, decided_at, row[0]))
        else:
            self.conn.execute(
                "INSERT INTO suggestions (document_id, unit_id, code_id, origin, reason, confidence, status, "
                "decided_by, decided_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (document_id, unit_id, code_id, origin, reason or "", confidence, status, coder_id, decided_at,
                 decided_at or ""))
        return True

    # ------------------------------------------------------------- read models
    def code_count(self, code_id: int) -> int:
        return self._one("SELECT count(*) FROM codings WHERE code_id = ?", (code_id,))

    def turn_rows(self, doc_ids: Sequence[int]) -> dict[int, list[tuple]]:
        """document id -> its turns as (start, speaker, document name, time_start), in order."""
        out: dict[int, list[tuple]] = {d: [] for d in doc_ids}
        ids = list(doc_ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            for d, *row in self.conn.execute(
                    "SELECT t.document_id, t.start, t.speaker, d.name, t.time_start FROM turns t "
                    f"JOIN documents d ON d.id = t.document_id WHERE t.document_id IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY t.document_id, t.seq", chunk):
                out[d].append(tuple(row))
        return out

    def coding_marks(self, doc_id: int) -> list[tuple]:
        """One document's codings without their text: (id, code path, coder, start, end, memo,
        starred, origin), by start."""
        return self.conn.execute(
            'SELECT k.id, c.path, r.name, k.start, k."end", k.memo, k.starred, k.origin FROM codings k '
            "JOIN codes c ON c.id = k.code_id JOIN coders r ON r.id = k.coder_id "
            "WHERE k.document_id = ? ORDER BY k.start, k.id", (doc_id,)).fetchall()

    # ---------------------------------------------------------------- analysis
    def coding_aggregates(self, coder_id: int | None = None) -> list[tuple[int, int, int, int]]:
        """(document_id, code_id, codings, words) with each span counted once across coders."""
        where = "WHERE coder_id = ?" if coder_id is not None else ""
        params = (coder_id,) if coder_id is not None else ()
        return self.conn.execute(f"""SELECT document_id, code_id, count(*), sum(words) FROM
            (SELECT DISTINCT document_id, code_id, start, "end", words FROM codings {where})
            GROUP BY document_id, code_id""", params).fetchall()

    def code_totals(self, groups: Sequence[tuple[int, str]], *, coder_id: int | None = None,
                    doc_ids: Sequence[int] | None = None) -> list[tuple[str, int, int, int]]:
        """(group, documents, codings, words) per group, where ``groups`` maps code ids to
        group names (a code may sit in several groups: its own path and its ancestors').
        Spans coded by several coders count once, as in ``coding_aggregates``."""
        if not groups:
            return []
        values = ",".join("(?, ?)" for _ in groups)
        params: list[Any] = [x for pair in groups for x in pair]
        where = []
        if coder_id is not None:
            where.append("coder_id = ?")
            params.append(coder_id)
        if doc_ids is not None:
            where.append(f"document_id IN ({','.join('?' * len(doc_ids))})")
            params += list(doc_ids)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        # first per (document, code) over the covering index, then per group: joining the
        # groups to every coding row would multiply the rows to count
        return self.conn.execute(f"""WITH grp(code_id, name) AS (VALUES {values}),
            a AS (SELECT document_id, code_id, count(*) AS n, sum(words) AS w FROM
                  (SELECT DISTINCT document_id, code_id, start, "end", words FROM codings{cond})
                  GROUP BY document_id, code_id)
            SELECT grp.name, count(DISTINCT a.document_id), sum(a.n), coalesce(sum(a.w), 0)
            FROM a JOIN grp ON grp.code_id = a.code_id GROUP BY grp.name""", params).fetchall()

    def coding_spans(self, coder_ids: Sequence[int] | None = None) -> list[tuple]:
        sql = 'SELECT id, document_id, code_id, coder_id, start, "end" FROM codings'
        params: list[Any] = []
        if coder_ids is not None:
            sql += f" WHERE coder_id IN ({','.join('?' * len(coder_ids))})"
            params = list(coder_ids)
        return self.conn.execute(sql, params).fetchall()

    def unit_spans(self, doc_ids: Sequence[int] | None = None) -> list[tuple[int, int, int, int]]:
        sql = 'SELECT id, document_id, start, "end" FROM units'
        params: list[Any] = []
        if doc_ids is not None:
            sql += f" WHERE document_id IN ({','.join('?' * len(doc_ids))})"
            params = list(doc_ids)
        return self.conn.execute(sql + " ORDER BY document_id, start", params).fetchall()

    def turn_spans(self) -> list[tuple[int, int, int, str | None, str]]:
        return self.conn.execute('SELECT t.document_id, t.start, t."end", t.speaker, d.name FROM turns t '
                                 "JOIN documents d ON d.id = t.document_id ORDER BY t.document_id, t.start").fetchall()

    def coder_by_name(self, name: str) -> int | None:
        return self._one("SELECT id FROM coders WHERE name = ?", (name,))
