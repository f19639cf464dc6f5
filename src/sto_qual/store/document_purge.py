"""What deleting a document must also remove: the undo steps that touch it, the speaker
names only it used (role map rows and set-roles audit entries), the details of its audit
entries, and its words in the search index. Runs inside the store's delete transaction.
"""
from __future__ import annotations

import json
import sqlite3

from sto_qual.domain.history import documents_of, without_document


def purge_history(conn: sqlite3.Connection, doc_id: int) -> int:
    """The undo steps on the document go; a step over several documents keeps its parts on the others."""
    gone, kept = [], []
    for hid, action in conn.execute("SELECT id, action FROM history").fetchall():
        step = json.loads(action)
        if doc_id in documents_of(step):
            rest = without_document(step, doc_id)
            (gone.append((hid,)) if rest is None else kept.append((json.dumps(rest, ensure_ascii=False), hid)))
    conn.executemany("DELETE FROM history WHERE id = ?", gone)
    conn.executemany("UPDATE history SET action = ? WHERE id = ?", kept)
    return len(gone)


def speaker_labels(conn: sqlite3.Connection, doc_id: int) -> set[str]:
    return {(r[0] or "").strip().lower() for r in
            conn.execute("SELECT DISTINCT speaker FROM turns WHERE document_id = ?", (doc_id,))} - {""}


def purge_names(conn: sqlite3.Connection, doc_id: int, name: str, labels: set[str]) -> None:
    """Called after the document's turns are gone: role-map rows of this document, and
    project-wide rows for speakers no remaining document has; the same labels leave the
    audit entries, and this document's own audit entries lose their details."""
    still = {(r[0] or "").strip().lower() for r in conn.execute("SELECT DISTINCT speaker FROM turns")}
    only_here = labels - still
    conn.execute("DELETE FROM role_map WHERE document = ?", (name,))
    conn.executemany("DELETE FROM role_map WHERE document = '' AND label = ?", [(x,) for x in only_here])
    for aid, details in conn.execute("SELECT id, details FROM audit_log WHERE action = 'set-roles'").fetchall():
        try:
            data = json.loads(details or "{}")
        except ValueError:
            continue
        keep = []
        for item in data.get("labels", []):
            doc, _, label = str(item).partition(":")
            if doc == name or (doc == "" and label in only_here):
                continue
            keep.append(item)
        if keep != data.get("labels", []):
            conn.execute("UPDATE audit_log SET details = ? WHERE id = ?",
                         (json.dumps({**data, "labels": keep}, ensure_ascii=False), aid))
    conn.execute("UPDATE audit_log SET details = NULL WHERE entity = 'document' AND entity_id = ?", (doc_id,))
    # deleted rows stay in older FTS5 segments until they are merged
    conn.execute("INSERT INTO units_fts(units_fts) VALUES ('optimize')")
