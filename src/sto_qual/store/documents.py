"""Documents: the transcripts' text, their attributes, and what importing and deleting one
writes (turns, sentence units and their search index rows go in and out with it)."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

from sto_qual.domain.errors import UnknownDocument
from sto_qual.domain.filters import as_listed, value_parts
from sto_qual.domain.model import MAX_ID, Document
from sto_qual.domain.names import short_for
from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, document_texts, now
from sto_qual.store.records import DocumentBrief, DocumentRef


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


def stored_text(value: Any) -> str:
    """A value as the project stores it ("penvoerder;bestuurder" for a list, "" for none):
    what two values are compared by, and what `sto-qual attribute` is given to set it."""
    return _typed(value)[0] or ""


def same_value(a: Any, b: Any) -> bool:
    """Two attribute values alike as the project reads them: a list's items apart from the spaces
    around them ("bestuurder; directeur" in a table is the front matter's [bestuurder, directeur])
    and in any capitals ("KRIMP" is krimp, as --where and the tables read it)."""
    return [v.casefold() for v in value_parts(stored_text(a))] == [v.casefold() for v in value_parts(stored_text(b))]


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


class Documents:
    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    # ------------------------------------------------------------------ writes
    def add(self, *, name: str, source_file: str, format: str, content_hash: str,
            text: str, words: int, attributes: dict[str, Any],
            turns: Sequence[tuple[int, int, str | None, str | None, str | None]],
            units: Sequence[tuple[int, int, int, str]], folded: Sequence[str],
            coder: str | None = None, search_rows: list[tuple] | None = None) -> int:
        """Insert a document with its attributes, turns and units in one transaction.
        ``turns`` are (start, end, speaker, time_start, time_end); ``units`` are (turn index,
        start, end, lemmas). With ``search_rows`` the units' rows for the search index are
        appended there, for ``add_search_rows`` after the savepoints of a batch (the full-text
        index flushes itself to disk at every savepoint)."""
        with self._db.write() as c:
            pos = (self._db.one("SELECT coalesce(max(position), 0) FROM documents") or 0) + 1
            cur = c.execute(
                "INSERT INTO documents (name, source_file, format, content_hash, text, words, "
                "imported_at, position) VALUES (?,?,?,?,?,?,?,?)",
                (name, source_file, format, content_hash, text, words, now(), pos))
            doc_id = cur.lastrowid
            c.executemany("INSERT INTO attributes (document_id, key, value, type) VALUES (?,?,?,?)",
                          [(doc_id, key, *_typed(as_listed(key, value))) for key, value in attributes.items()])
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
            self._audit.record("import", "document", doc_id, coder,
                               {"name": name, "source_file": source_file, "hash": content_hash})
        if search_rows is not None:
            search_rows += fts
        return doc_id

    def rename(self, doc_id: int, new: str, coder: str | None = None) -> None:
        """Give a document another name; the speakers' roles set for it (kept by its name) follow."""
        with self._db.write() as c:
            old = self._db.one("SELECT name FROM documents WHERE id = ?", (doc_id,))
            c.execute("UPDATE documents SET name = ? WHERE id = ?", (new, doc_id))
            c.execute("UPDATE role_map SET document = ? WHERE document = ?", (new, old))
            self._audit.record("rename", "document", doc_id, coder, {"old": old, "new": new})

    def add_search_rows(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        """Units into the full-text index: (unit id, text, folded text, lemmas); inside the
        caller's transaction."""
        self._db.conn.executemany("INSERT INTO units_fts (rowid, text, folded, lemmas) VALUES (?,?,?,?)", rows)

    def delete(self, doc_id: int, coder: str | None = None) -> dict[str, int]:
        """Delete a document and everything of it (codings, memos, suggestions, undo steps,
        speaker names only it used, search rows); returns the codings and units it had."""
        from sto_qual.store import document_purge
        # freed pages are overwritten with zeros: the text must not linger in the file
        self._db.conn.execute("PRAGMA secure_delete = ON")
        one = self._db.one
        with self._db.write() as c:
            name = one("SELECT name FROM documents WHERE id = ?", (doc_id,))
            labels = document_purge.speaker_labels(c, doc_id)
            counts = {
                "codings": one("SELECT count(*) FROM codings WHERE document_id = ?", (doc_id,)),
                "units": one("SELECT count(*) FROM units WHERE document_id = ?", (doc_id,)),
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
            self._audit.record("delete", "document", doc_id, coder, counts)
        self._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts

    def set_attributes(self, doc_id: int, attributes: dict[str, Any], coder: str | None = None,
                       at: str | None = None) -> None:
        """``at``: when it was done in a copy of the project (a merge brings it), else now."""
        with self._db.write() as c:
            for key, value in attributes.items():
                v, kind = _typed(as_listed(key, value))
                c.execute("INSERT INTO attributes (document_id, key, value, type) VALUES (?,?,?,?) "
                          "ON CONFLICT(document_id, key) DO UPDATE SET value = excluded.value, "
                          "type = excluded.type", (doc_id, key, v, kind))
            self._audit.record("set-attributes", "document", doc_id, coder, {"keys": sorted(attributes)}, at=at)

    def remove_attributes(self, doc_id: int, keys: list[str], coder: str | None = None, at: str | None = None) -> None:
        with self._db.write() as c:
            c.executemany("DELETE FROM attributes WHERE document_id = ? AND key = ?", [(doc_id, k) for k in keys])
            self._audit.record("remove-attributes", "document", doc_id, coder, {"keys": sorted(keys)}, at=at)

    # ------------------------------------------------------------------- reads
    def attributes(self, doc_id: int | None = None) -> dict[int, dict[str, Any]]:
        """document id -> {attribute: value (typed as stored)}."""
        out: dict[int, dict[str, Any]] = {}
        sql = "SELECT document_id, key, value, type FROM attributes"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE document_id = ?"
            params = (doc_id,)
        for d, k, v, t in self._db.conn.execute(sql + " ORDER BY document_id, rowid", params):
            out.setdefault(d, {})[k] = _untyped(v, t)
        return out

    def attribute_keys(self) -> list[str]:
        """Every attribute name the documents have, in the order first stored."""
        return [r[0] for r in self._db.conn.execute("SELECT key FROM attributes GROUP BY key ORDER BY min(rowid)")]

    def all(self, coded_share: bool = True, doc_id: int | None = None, coder_id: int | None = None) -> list[Document]:
        """Every document (or just ``doc_id``) with its attributes and counts; ``coder_id``: its
        codings, coded share and memos are that coder's only (a blind coder saw ✎ on a colleague's memo)."""
        where = "WHERE d.id = ?" if doc_id is not None else ""
        mine = "AND k.coder_id = ?" if coder_id is not None else ""
        own_memo = "AND m.coder_id = ?" if coder_id is not None else ""
        params = ((coder_id, coder_id) if coder_id is not None else ()) + ((doc_id,) if doc_id is not None else ())
        rows = self._db.rows(f"""
            SELECT d.id, d.name, d.source_file, d.format, d.content_hash, d.words, d.imported_at,
              length(d.text) AS chars,
              (SELECT count(*) FROM turns t WHERE t.document_id = d.id) AS turns,
              (SELECT count(*) FROM units u WHERE u.document_id = d.id) AS units,
              (SELECT count(*) FROM codings k WHERE k.document_id = d.id {mine}) AS codings,
              (SELECT count(*) FROM memos m WHERE m.target = 'document' AND m.target_id = d.id {own_memo}) AS memos
            FROM documents d {where} ORDER BY d.position""", params)
        attrs = self.attributes(doc_id)
        coded = self._coded_chars(doc_id, coder_id) if coded_share else {}
        return [Document(id=r["id"], name=r["name"], source_file=r["source_file"], format=r["format"],
                         content_hash=r["content_hash"], words=r["words"], imported_at=r["imported_at"],
                         attributes=attrs.get(r["id"], {}), turns=r["turns"], units=r["units"],
                         codings=r["codings"], memos=r["memos"],
                         coded_share=(coded.get(r["id"], 0) / r["chars"]) if r["chars"] else 0.0)
                for r in rows]

    def _coded_chars(self, doc_id: int | None = None, coder_id: int | None = None) -> dict[int, int]:
        """Characters covered by at least one coding (of ``coder_id``), per document (union of spans)."""
        out: dict[int, int] = {}
        cur_doc, cur_end, total = None, -1, 0
        conds = [c for c, v in (("document_id = ?", doc_id), ("coder_id = ?", coder_id)) if v is not None]
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        params = tuple(v for v in (doc_id, coder_id) if v is not None)
        for d, s, e in self._db.conn.execute(
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

    def light(self) -> list[DocumentBrief]:
        """Every document's id, name, words and position, in order (no text, no counts)."""
        return list(map(DocumentBrief._make, self._db.conn.execute(
            "SELECT id, name, words, position FROM documents ORDER BY position")))

    def find(self, ref: str | int) -> DocumentRef:
        """A document by name, id or source file."""
        conn = self._db.conn
        ref_s = str(ref).strip()
        row = conn.execute("SELECT id, name FROM documents WHERE name = ?", (ref_s,)).fetchone()
        # an id only when SQLite can hold it (a longer number is a name or nothing: never an
        # OverflowError); isascii() because "²".isdigit() is true and int("²") is not a number
        if row is None and ref_s.isascii() and ref_s.isdigit() and int(ref_s) <= MAX_ID:
            row = conn.execute("SELECT id, name FROM documents WHERE id = ?", (int(ref_s),)).fetchone()
        if row is None:
            row = conn.execute("SELECT id, name FROM documents WHERE source_file = ?", (ref_s,)).fetchone()
        if row is None:  # a name in another case ("r01"), as codes and --where doc= take it
            every = conn.execute("SELECT id, name FROM documents ORDER BY position").fetchall()
            same = [r for r in every if r[1].casefold() == ref_s.casefold()]
            if len(same) > 1:
                raise UnknownDocument(f"document '{ref_s}' is ambiguous: " + ", ".join(sorted(r[1] for r in same)),
                                      hint="give the name as written, or the id")
            names = [r[1] for r in every]
            if not same and (short := short_for(ref_s, names)) is not None:  # "W01" for W01-waalvliet
                same = [r for r in every if r[1] == short]
            if not same:
                from sto_qual.domain.names import meant_name, names_in_short, names_starting
                # R1: R01; R4 (of R41, R42, R43): the three, not R43 alone
                close = names_starting(ref_s, names) or meant_name(ref_s, names)
                # no near name (R20 in R01-R19): what the project has, not three that are not close
                hint = (f"did you mean {close}?" if close else
                        f"the project has {names_in_short(names)}; `sto-qual docs` lists them" if every else
                        "the project has no documents yet; `sto-qual import` adds them")
                raise UnknownDocument(f"unknown document '{ref_s}'", hint=hint)
            row = same[0]
        return DocumentRef(row[0], row[1])

    def by_hash(self, content_hash: str) -> int | None:
        return self._db.one("SELECT id FROM documents WHERE content_hash = ?", (content_hash,))

    def name_taken(self, name: str) -> bool:
        return self._db.one("SELECT 1 FROM documents WHERE name = ?", (name,)) is not None

    def exists(self, doc_id: int) -> bool:
        return self._db.one("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def name(self, doc_id: int) -> str | None:
        return self._db.one("SELECT name FROM documents WHERE id = ?", (doc_id,))

    def made_of(self) -> list[tuple[int, str]]:
        """Every document's id and content hash, by id: what a result drawn from the texts was made of."""
        return [tuple(r) for r in self._db.conn.execute("SELECT id, content_hash FROM documents ORDER BY id")]

    def text(self, doc_id: int) -> str:
        text = self._db.one("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if text is None:
            raise UnknownDocument(f"unknown document id {doc_id}")
        return text

    def texts(self, doc_ids: Sequence[int]) -> dict[int, str]:
        """document id -> text, each document read once."""
        return document_texts(self._db, doc_ids)

    def meta(self, doc_id: int) -> dict[str, Any]:
        """A document's row without its text."""
        rows = self._db.rows("SELECT id, name, source_file, format, content_hash, words, imported_at, "
                             "position FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise UnknownDocument(f"unknown document id {doc_id}")
        return rows[0]
