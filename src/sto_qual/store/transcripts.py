"""A transcript's structure: speaker turns, sentence units (with their search index), and
the roles speaker labels stand for."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sto_qual.domain.errors import UnknownDocument
from sto_qual.domain.model import Turn, Unit
from sto_qual.domain.roles import default_role, lookup_forms, role_key
from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, document_texts, in_chunks, marks, where
from sto_qual.store.records import TurnRow, TurnSpan, UnitSpan


class Roles:
    """Speaker label -> role, per document or ('' ) for every document."""

    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit

    def map(self) -> dict[tuple[str, str], str]:
        """(document name or '' for all, lower-case speaker label) -> role."""
        return {(r[0], r[1]): r[2] for r in self._db.conn.execute("SELECT document, label, role FROM role_map")}

    def set(self, mapping: dict[tuple[str, str], str], coder: str | None = None) -> None:
        """Store each label's role. A label written surname first ("Jansen, Kees", as Teams writes
        a speaker) is stored in the order the import names the speaker ("kees jansen")."""
        with self._db.write() as c:
            for (doc, label), role in mapping.items():
                c.execute("INSERT INTO role_map (document, label, role) VALUES (?, ?, ?) ON CONFLICT(document, label) "
                          "DO UPDATE SET role = excluded.role",
                          (doc or "", role_key(label), role.strip().lower()))
            self._audit.record("set-roles", "role_map", None, coder,
                               {"labels": sorted(f"{d}:{l}" for d, l in mapping)})

    def remove(self, label: str, doc: str | None = None, coder: str | None = None) -> list[tuple[str, str, str]]:
        """Take ``label``'s role off (in ``doc`` only, or in every row it has); returns the rows
        taken off as (document or '', label, role)."""
        label = role_key(label)
        which, args = ("label = ?", [label]) if doc is None else ("label = ? AND document = ?", [label, doc])
        with self._db.write() as c:
            gone = [tuple(r) for r in c.execute(f"SELECT document, label, role FROM role_map WHERE {which}", args)]
            c.execute(f"DELETE FROM role_map WHERE {which}", args)
            if gone:
                self._audit.record("remove-roles", "role_map", None, coder,
                                   {"labels": sorted(f"{d}:{lab}" for d, lab, _ in gone)})
            return gone

    def add_implied(self, doc_name: str, labels: Iterable[str | None], coder: str | None = None) -> None:
        """Store the role a label implies by convention ("Interviewer", "I": see ``domain.roles``)
        for the labels of ``doc_name`` that no row gives a role there. Stored as a row for every
        document, so ``sto-qual role LABEL ROLE`` or a role map's row without a file replaces it
        and a row for one document still wins."""
        roles = self.map()
        own = set(roles.values())  # a role the project gave someone is known in brackets too
        implied = {label.strip().lower(): role for label in labels if label and (role := default_role(label, own))}
        if not implied:
            return
        new = {("", label): role for label, role in implied.items() if self.role_for(roles, doc_name, label) is None}
        if new:
            self.set(new, coder=coder)

    @staticmethod
    def role_for(roles: dict[tuple[str, str], str], doc_name: str, speaker: str | None) -> str | None:
        """The role of ``speaker`` in ``doc_name`` given ``map()``: a per-document entry wins."""
        label = (speaker or "").strip().lower()
        if not label:
            return None
        for form in lookup_forms(label):  # "Kees Jansen (Gast)", "Jansen, Kees": the role map's "Kees Jansen"
            hit = roles.get((doc_name, form)) or roles.get(("", form))
            if hit:
                return hit
        return None


class Transcripts:
    def __init__(self, db: ProjectConnection, roles: Roles) -> None:
        self._db = db
        self._roles = roles

    def turns(self, doc_id: int) -> list[Turn]:
        """One document's turns in order, each with its speaker's role."""
        roles = self._roles.map()
        doc_name = self._db.one("SELECT name FROM documents WHERE id = ?", (doc_id,))
        return [Turn(id=r[0], document_id=doc_id, seq=r[1], start=r[2], end=r[3], speaker=r[4],
                     role=Roles.role_for(roles, doc_name, r[4]), time_start=r[5], time_end=r[6])
                for r in self._db.conn.execute(
                    'SELECT id, seq, start, "end", speaker, time_start, time_end FROM turns '
                    "WHERE document_id = ? ORDER BY seq", (doc_id,))]

    def units(self, doc_id: int) -> list[Unit]:
        return [Unit(id=r[0], document_id=doc_id, turn_id=r[1], seq=r[2], start=r[3], end=r[4])
                for r in self._db.conn.execute(
                    'SELECT id, turn_id, seq, start, "end" FROM units WHERE document_id = ? ORDER BY seq',
                    (doc_id,))]

    def unit(self, unit_id: int) -> Unit:
        r = self._db.conn.execute('SELECT id, document_id, turn_id, seq, start, "end" FROM units WHERE id = ?',
                                  (unit_id,)).fetchone()
        if r is None:
            raise UnknownDocument(f"unknown unit {unit_id}", hint="see `sto-qual search` for unit ids")
        return Unit(*r)

    def all_units(self) -> list[dict[str, Any]]:
        """Every unit with its text and lemmas (for suggestions and agreement): id, document_id,
        turn_id, seq, start, end, lemmas, text."""
        rows = self._db.rows("""SELECT u.id, u.document_id, u.turn_id, u.seq, u.start, u."end", u.lemmas
            FROM units u ORDER BY u.document_id, u.seq""")
        texts = document_texts(self._db, {r["document_id"] for r in rows})  # each read once, not per unit
        for r in rows:
            r["text"] = texts[r["document_id"]][r["start"]:r["end"]]
        return rows

    def search(self, match: str, column: str | None, limit: int = 200,
               doc_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Units whose ``column`` (text, folded or lemmas; None: the query names its columns,
        "lemmas : x OR folded : x") matches an FTS5 query, in document order: unit, document_id,
        doc, start, end, speaker, text (sliced from each document's text, read once). ``doc_ids``:
        only in these documents."""
        target = "units_fts" if column is None else f"f.{column}"
        only = f" AND u.document_id IN ({marks(doc_ids)})" if doc_ids is not None else ""
        rows = self._db.rows(f"""SELECT u.id AS unit, u.document_id, d.name AS doc, u.start, u."end", t.speaker
            FROM units_fts f JOIN units u ON u.id = f.rowid JOIN documents d ON d.id = u.document_id
            JOIN turns t ON t.id = u.turn_id
            WHERE {target} MATCH ?{only} ORDER BY d.position, u.seq LIMIT ?""",
                             (match, *(doc_ids or ()), limit))
        texts = document_texts(self._db, {r["document_id"] for r in rows})
        for r in rows:
            r["text"] = texts[r["document_id"]][r["start"]:r["end"]]
        return rows

    def turn_rows(self, doc_ids: Sequence[int]) -> dict[int, list[TurnRow]]:
        """document id -> its turns (start, speaker, document name, time_start), in order."""
        out: dict[int, list[TurnRow]] = {d: [] for d in doc_ids}
        for chunk in in_chunks(doc_ids):
            for d, *row in self._db.conn.execute(
                    "SELECT t.document_id, t.start, t.speaker, d.name, t.time_start FROM turns t "
                    f"JOIN documents d ON d.id = t.document_id WHERE t.document_id IN ({marks(chunk)}) "
                    "ORDER BY t.document_id, t.seq", chunk):
                out[d].append(TurnRow(*row))
        return out

    def has_end_times(self) -> bool:
        """Whether a turn has an end time (subtitles give one)."""
        return self._db.conn.execute("SELECT 1 FROM turns WHERE time_end IS NOT NULL LIMIT 1").fetchone() is not None

    def speakers(self, doc_id: int | None = None) -> list[str]:
        """The speaker labels of one document's turns (of every document without ``doc_id``), sorted."""
        cond, params = where(("document_id = ?", doc_id), ("speaker IS NOT NULL AND speaker != ''", True))
        return [r[0] for r in self._db.conn.execute("SELECT DISTINCT speaker FROM turns" + cond + " ORDER BY speaker",
                                                    params)]

    def rename_speaker(self, old: str, new: str, doc_ids: Sequence[int]) -> int:
        """Give the turns of ``doc_ids`` spoken by ``old`` the label ``new``; how many there were."""
        marks = ",".join("?" * len(doc_ids))
        with self._db.write() as c:
            return c.execute(f"UPDATE turns SET speaker = ? WHERE speaker = ? AND document_id IN ({marks})",
                             [new, old, *doc_ids]).rowcount

    def speakers_by_document(self) -> dict[int, list[str]]:
        """document id -> the speaker labels of its turns, in one read."""
        out: dict[int, list[str]] = {}
        for doc_id, speaker in self._db.conn.execute("SELECT DISTINCT document_id, speaker FROM turns "
                                                     "WHERE speaker IS NOT NULL AND speaker != '' ORDER BY 1, 2"):
            out.setdefault(doc_id, []).append(speaker)
        return out

    def turn_spans(self, doc_ids: Sequence[int] | None = None) -> list[TurnSpan]:
        """Every turn (document_id, start, end, speaker, document name) of these documents (of
        every document without ``doc_ids``), by document and start."""
        cond, params = where(("t.document_id IN", doc_ids))
        return list(map(TurnSpan._make, self._db.conn.execute(
            'SELECT t.document_id, t.start, t."end", t.speaker, d.name FROM turns t '
            "JOIN documents d ON d.id = t.document_id" + cond + " ORDER BY t.document_id, t.start", params)))

    def unit_spans(self, doc_ids: Sequence[int] | None = None) -> list[UnitSpan]:
        """Units (id, document_id, start, end), by document and start."""
        cond, params = where(("document_id IN", doc_ids))
        sql = 'SELECT id, document_id, start, "end" FROM units' + cond
        return list(map(UnitSpan._make, self._db.conn.execute(sql + " ORDER BY document_id, start", params)))
