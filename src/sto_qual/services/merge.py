"""Merging another coder's project into this one.

Documents are matched by content hash, codes by path, coders by name. A coding is
added unless the same (document, code, coder, span) is already there, so merging the
same file twice adds nothing. Codes missing here are added; a code whose definition
differs from ours is reported and its codings are not placed (the team decides first).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ProjectError
from sto_qual.domain.model import CodeSpec
from sto_qual.store import ProjectStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def merge_projects(ws: Workspace, other_path: str | Path) -> dict[str, Any]:
    other_path = Path(other_path)
    if ws.store.path is not None and other_path.resolve() == ws.store.path.resolve():
        raise ProjectError("cannot merge a project into itself")
    other = ProjectStore(other_path)
    try:
        return _merge(ws, other)
    finally:
        other.close()


def _merge(ws: Workspace, other: ProjectStore) -> dict[str, Any]:
    added = {"codes": 0, "coders": 0, "codings": 0, "memos": 0, "suggestion_decisions": 0}
    not_placed: list[str] = []
    from sto_qual.domain.controls import check_name
    for row in other.coders():  # names from a project an older version wrote: no terminal escapes
        check_name(row["name"], f"{other.path}: a coder name")
    for c in other.codes():
        check_name(c.label, f"{other.path}: the label of code '{c.path}'")
    ws.store.auto_backup("pre-merge")
    mine_codes = {c.path: c for c in ws.store.codes()}
    their_codes = other.codes()
    code_map: dict[int, int] = {}
    conflicting: set[int] = set()
    doc_map: dict[int, int] = {}
    mine_by_hash = {ws.store.document_meta(d.id)["content_hash"]: d.id for d in ws.store.documents()}
    their_docs = other.documents()
    for d in their_docs:
        if d.content_hash in mine_by_hash:
            doc_map[d.id] = mine_by_hash[d.content_hash]
        elif d.codings:
            not_placed.append(f"document '{d.name}' ({d.codings} codings) is not in this project")
    with ws.store.transaction():
        positions: dict[str | None, int] = {}
        for c in their_codes:
            mine = mine_codes.get(c.path)
            if mine is None:
                pos = positions.get(c.parent, 1000) + 1
                positions[c.parent] = pos
                new_id, _ = ws.store.upsert_code(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=c.colour,
                                                          label=c.label, definition=c.definition,
                                                          when_to_use=c.when_to_use, when_not_to_use=c.when_not_to_use,
                                                          examples=c.examples, keywords=c.keywords), pos)
                code_map[c.id] = new_id
                added["codes"] += 1
                mine_codes = {x.path: x for x in ws.store.codes()}
            elif c.definition and mine.definition and c.definition.strip() != mine.definition.strip():
                conflicting.add(c.id)
                if c.codings:
                    not_placed.append(f"code '{c.path}' has a different definition there ({c.codings} codings "
                                      "not placed); align the codebooks and merge again")
            else:
                code_map[c.id] = mine.id
        coder_map: dict[int, int] = {}
        for row in other.coders():
            before = ws.store.coder_by_name(row["name"])
            coder_map[row["id"]] = ws.store.ensure_coder(row["name"])
            if before is None:
                added["coders"] += 1
        existing = ws.store.coding_keys()
        coding_map: dict[int, int] = {}
        for r in other.coding_rows():
            cid, d, code_id, coder_id, s, e, words, memo, origin, starred, created = r
            if d not in doc_map or code_id in conflicting or code_id not in code_map:
                continue
            key = (doc_map[d], code_map[code_id], coder_map[coder_id], s, e)
            if key in existing:
                continue
            existing.add(key)
            coding_map[cid] = ws.store.insert_coding(document_id=key[0], code_id=key[1], coder_id=key[2], start=s,
                                                     end=e, words=words, memo=memo, origin=origin,
                                                     starred=bool(starred), created_at=created)
            added["codings"] += 1
        # memos on documents and codes (and codings brought in)
        have = {(m["target"], m["target_id"], m["text"]) for m in ws.store.memos()}
        for m in other.memos():
            target, tid = m["target"], m["target_id"]
            if target == "document":
                tid = doc_map.get(tid)
            elif target == "code":
                tid = code_map.get(tid)
            else:
                tid = coding_map.get(tid)
            if tid is None or (target, tid, m["text"]) in have:
                continue
            ws.store.insert_memo(target, tid, ws.store.coder_by_name(m["coder"]) if m["coder"] else None,
                                 m["text"], m["created_at"])
            have.add((target, tid, m["text"]))
            added["memos"] += 1
        # suggestion decisions: accepted/rejected on the same unit (matched by offsets) and code
        units = {(d, s, e): uid for uid, d, s, e in ws.store.unit_spans()}
        hashes = {v: k for k, v in mine_by_hash.items()}
        for dec in other.decided_suggestions():
            my_doc = mine_by_hash.get(dec["content_hash"])
            code = mine_codes.get(dec["code"])
            if my_doc is None or code is None:
                continue
            uid = units.get((my_doc, dec["start"], dec["end"]))
            if uid is None:
                continue
            coder_id = ws.store.coder_by_name(dec["coder"]) if dec["coder"] else None
            if not ws.store.record_decision(uid, my_doc, code.id, origin=dec["origin"], reason=dec["reason"],
                                            confidence=dec["confidence"], status=dec["status"], coder_id=coder_id,
                                            decided_at=dec["decided_at"]):
                continue
            added["suggestion_decisions"] += 1
        del hashes
        ws.store.audit("merge", "project", None, ws.resolve_coder(), {"from": str(other.path), **added})
    return {"added": added, "not_placed": not_placed}
