"""The audit log: who changed what, when (one row per user action)."""
from __future__ import annotations

import json
from typing import Any

from sto_qual.store.connection import ProjectConnection, now


# the changes a person makes that are no undo step: an undo after one of them takes back the step
# before it, and says so (``changes_without_undo_since``)
NO_UNDO_STEP = (("code", "merge"), ("code", "delete"), ("code", "rename"), ("code", "move"),
                ("codings", "import"), ("qdpx", "import"), ("project", "merge"))


class AuditLog:
    def __init__(self, db: ProjectConnection) -> None:
        self._db = db

    def record(self, action: str, entity: str, entity_id: int | None, coder: str | None,
               details: dict[str, Any] | None = None, at: str | None = None) -> None:
        """One audit line, inside the caller's transaction (it belongs to that change); ``at``: when
        it was done in a copy of the project, for a change a merge brings (else now)."""
        self._db.require_transaction("audit")
        self._db.conn.execute(
            "INSERT INTO audit_log (at, coder, action, entity, entity_id, details) VALUES (?,?,?,?,?,?)",
            (at or now(), coder, action, entity, entity_id,
             json.dumps(details, ensure_ascii=False) if details else None))

    def first(self) -> tuple | None:
        """The log's first line (when, what, of what): a copy of the project starts with the same
        one (``db.history_start`` reads it off a file)."""
        row = self._db.conn.execute("SELECT at, action, entity FROM audit_log ORDER BY id LIMIT 1").fetchone()
        return tuple(row) if row else None

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Audit lines oldest first; with ``limit``, the newest ``limit`` newest first."""
        sql = "SELECT * FROM audit_log ORDER BY id"
        if limit:
            sql += f" DESC LIMIT {int(limit)}"
        return self._db.rows(sql)

    def changes_without_undo_since(self, at: str, coder: str) -> list[dict[str, Any]]:
        """The coder's changes after ``at`` that are no undo step (``NO_UNDO_STEP``), oldest
        first, each with its ``details`` read."""
        kinds = " OR ".join("(entity = ? AND action = ?)" for _ in NO_UNDO_STEP)
        rows = self._db.rows(f"SELECT * FROM audit_log WHERE at > ? AND coder = ? AND ({kinds}) ORDER BY id",
                             [at, coder, *(x for kind in NO_UNDO_STEP for x in kind)])
        return [{**r, "details": json.loads(r["details"] or "{}")} for r in rows]

    def coder_updates_since(self, at: str, coder_id: int) -> list[dict[str, Any]]:
        """The changes to coder ``coder_id`` itself after ``at`` (an agreed coding's marks: a
        difference marked discussed, or the mark taken off), oldest first, ``details`` read."""
        rows = self._db.rows("SELECT * FROM audit_log WHERE at > ? AND entity = 'coder' AND action = 'update' "
                             "AND entity_id = ? ORDER BY id", [at, coder_id])
        return [{**r, "details": json.loads(r["details"] or "{}")} for r in rows]

    def coder_renames(self) -> list[tuple[str, str]]:
        """(old name, new name) of every `coder-rename`, oldest first."""
        out = []
        for (details,) in self._db.conn.execute(
                "SELECT details FROM audit_log WHERE entity = 'coder' AND action = 'rename' ORDER BY id"):
            d = json.loads(details or "{}")
            if d.get("from") and d.get("to"):
                out.append((d["from"], d["to"]))
        return out

    def _code_changes(self, actions: tuple[str, ...]):
        """(action, who, old path, details) of each change of a code's path of these kinds, oldest first."""
        for action, coder, details in self._db.conn.execute(
                "SELECT action, coder, details FROM audit_log WHERE entity = 'code' AND action IN "
                f"({', '.join('?' * len(actions))}) ORDER BY id", actions):
            d = json.loads(details or "{}")
            if d.get("from") or d.get("path"):
                yield action, coder, d.get("from") or d.get("path"), d

    def code_path_changes(self) -> list[tuple[str, str, str | None]]:
        """(action, old path, new path or None) for every code renamed, moved, merged into
        another or deleted, oldest first."""
        return [(action, old, None if action == "delete" else d.get("to") or d.get("into"))
                for action, _who, old, d in self._code_changes(("rename", "move", "merge", "delete"))]

    def code_ends(self) -> dict[str, tuple[str, str | None, str | None]]:
        """Old path -> (action, the code merged into or None, who) of the last merge or delete of each code."""
        return {old: (action, d.get("into"), who) for action, who, old, d in self._code_changes(("merge", "delete"))}

    def attribute_changes(self) -> dict[tuple[int, str], list[tuple[str, str | None]]]:
        """(document id, attribute) -> [(when, who)] of every time a person set it or took it off,
        oldest first (a copy of the project carries the ones made before it was copied)."""
        out: dict[tuple[int, str], list[tuple[str, str | None]]] = {}
        for at, coder, doc, details in self._db.conn.execute(
                "SELECT at, coder, entity_id, details FROM audit_log WHERE entity = 'document' AND action IN "
                "('set-attributes', 'remove-attributes') ORDER BY id"):
            for key in json.loads(details or "{}").get("keys", []):
                out.setdefault((doc, key), []).append((at, coder))
        return out

    def backups_named(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(action, entity, details) of every change whose line names the backup made before it (a
        merge, a code-merge, a forced code-delete), oldest first."""
        return backups_named_of(self._db.conn.execute(BACKUPS_NAMED))


    def pseudonym_changes(self) -> dict[str, list[tuple[str, str, str | None]]]:
        """A name's key (``settings.name_key``) -> [(when, 'add' or 'remove', the replacement added)],
        oldest first; names put on the list before the log kept their key are not in it."""
        out: dict[str, list[tuple[str, str, str | None]]] = {}
        for at, action, details in self._db.conn.execute(
                "SELECT at, action, details FROM audit_log WHERE entity = 'pseudonym' ORDER BY id"):
            d = json.loads(details or "{}")
            if d.get("name"):
                out.setdefault(d["name"], []).append((at, action, d.get("replacement")))
        return out

    def last_on(self, entities: list[tuple[str, int]]) -> str | None:
        """Who made the last change recorded on any of these entities (a coding and the code it
        has now: a merge moves codings with one entry, on the code merged into)."""
        last = self.last_action_on(entities)
        return last[0] if last else None

    def codings_changed_since(self, coder: str, at: str) -> list[tuple[int, str, str | None, str]]:
        """(coding id, action, its interview's name when the line names it, when) of every coding ``coder``
        widened, trimmed, resized, recoded or removed after ``at`` (a join grew a coding made before)."""
        return [(cid, action, json.loads(details or "{}").get("doc"), when) for cid, action, details, when in
                self._db.conn.execute("SELECT entity_id, action, details, at FROM audit_log WHERE entity = 'coding' "
                                      "AND coder = ? AND at > ? AND action IN ('widen', 'trim', 'resize', 'recode', "
                                      "'remove') ORDER BY id", (coder, at))]

    def last_action_on(self, entities: list[tuple[str, int]]) -> tuple[str | None, str] | None:
        """(who, what) of the last change recorded on any of these entities ("recode" of a coding)."""
        if not entities:
            return None
        cond = " OR ".join("(entity = ? AND entity_id = ?)" for _ in entities)
        row = self._db.conn.execute(f"SELECT coder, action FROM audit_log WHERE {cond} ORDER BY id DESC LIMIT 1",
                                    tuple(x for pair in entities for x in pair)).fetchone()
        return (row[0], row[1]) if row else None

    def coding_marks(self) -> dict[tuple[int, str], str]:
        """When each coding last got or lost its star or memo: (coding id, kind) -> time, the
        kinds 'star', 'unstar', 'memo' (a memo written) and 'memo-clear' (a memo taken off)."""
        out: dict[tuple[int, str], str] = {}
        for at, action, cid, details in self._db.conn.execute(
                "SELECT at, action, entity_id, details FROM audit_log WHERE entity = 'coding' AND action IN "
                "('star', 'unstar', 'memo') ORDER BY id"):
            if action == "memo":
                action = "memo" if ((json.loads(details or "{}").get("after") or {}).get("memo") or "").strip() \
                    else "memo-clear"
            out[(cid, action)] = at
        return out

    def coding_memo_edits(self) -> dict[int, list[tuple[str, str | None, str | None]]]:
        """Each coding's memo as people wrote it: coding id -> [(when, who, the memo before)],
        oldest first (a copy of the project carries the ones made before it was copied)."""
        out: dict[int, list[tuple[str, str | None, str | None]]] = {}
        for at, coder, cid, details in self._db.conn.execute(
                "SELECT at, coder, entity_id, details FROM audit_log WHERE entity = 'coding' AND action = 'memo' "
                "ORDER BY id"):
            d = json.loads(details or "{}")
            out.setdefault(cid, []).append((at, coder, (d.get("before") or {}).get("memo")))
        return out

    def deleted_code_path(self, code_id: int) -> str | None:
        """The path a deleted code had (from its delete line), or None."""
        details = self._db.one("SELECT details FROM audit_log WHERE entity = 'code' AND action = 'delete' "
                               "AND entity_id = ? ORDER BY id DESC LIMIT 1", (code_id,))
        return json.loads(details or "{}").get("path")

    def code_deletion(self, code_id: int) -> dict[str, Any] | None:
        """The details of the delete line that took this code away, itself or as a sub-code of
        the code deleted (``path``, ``codings``, ``backup`` when one was made), or None."""
        for entity_id, details in self._db.conn.execute(
                "SELECT entity_id, details FROM audit_log WHERE entity = 'code' AND action = 'delete' ORDER BY id DESC"):
            d = json.loads(details or "{}")
            if entity_id == code_id or code_id in (d.get("ids") or ()):
                return d
        return None

    def cleared_on_codings(self) -> tuple[set[int], set[int]]:
        """(codings whose memo a person cleared, codings a person unstarred): decisions a copy
        or a file that still has the memo or the star does not undo."""
        memo, star = set(), set()
        for action, cid, details in self._db.conn.execute(
                "SELECT action, entity_id, details FROM audit_log WHERE entity = 'coding' AND action IN "
                "('memo', 'unstar')"):
            if action == "unstar":
                star.add(cid)
            elif not ((json.loads(details or "{}").get("after") or {}).get("memo") or "").strip():
                memo.add(cid)
        return memo, star


# the audit lines that name a backup, in a project or (``db.backups_named_in``) in a copy beside it
BACKUPS_NAMED = "SELECT action, entity, details FROM audit_log WHERE details LIKE '%\"backup\"%' ORDER BY id"


def backups_named_of(rows) -> list[tuple[str, str, dict[str, Any]]]:
    """``BACKUPS_NAMED``'s rows with their details read, those that do name a backup."""
    return [(action, entity, d) for action, entity, details in rows
            if isinstance(d := json.loads(details or "{}"), dict) and d.get("backup")]
