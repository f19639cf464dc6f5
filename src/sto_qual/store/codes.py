"""The codebook: the code tree (cached until it changes), and renaming, moving, merging
and deleting codes with everything that hangs on them."""
from __future__ import annotations

import json
import shlex
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any

from sto_qual.domain.codebook import is_below, is_within
from sto_qual.domain.errors import CodebookError, UnknownCode
from sto_qual.domain.model import Code, CodeSpec, join_memos
from sto_qual.domain.names import derive_name, did_you_mean, is_new_name
from sto_qual.store.audit import AuditLog
from sto_qual.store.connection import ProjectConnection, now, where
from sto_qual.store.records import CodeWrite

# the columns ``upsert`` writes, in the order of its values (the audit names those that changed)
_UPSERT_COLUMNS = ("name", "label", "colour", "definition", "when_to_use", "when_not_to_use", "examples", "keywords",
                   "position", "parent", "label_en")


class Codes:
    def __init__(self, db: ProjectConnection, audit: AuditLog) -> None:
        self._db = db
        self._audit = audit
        self._code_cache: dict[str, Code] | None = None
        self._code_cache_version = -1
        db.on_rollback(self.invalidate)

    def _load(self) -> dict[str, Code]:
        """The code tree by path (structure only; ``codings`` is 0 here, see ``tree()``).
        Cached until a code changes: resolving a code must not scan the codings."""
        # another connection (a second coder, a TUI worker) may have changed the codebook:
        # PRAGMA data_version moves whenever someone else commits
        version = self._db.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._code_cache_version:
            self._code_cache = None
            self._code_cache_version = version
        if self._code_cache is None:
            rows = self._db.rows("""SELECT c.*, p.path AS parent_path
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

    def invalidate(self) -> None:
        """Forget the cached code tree (it is also re-read when another connection commits)."""
        self._code_cache = None

    def tree(self, with_counts: bool = True) -> list[Code]:
        """Codes in tree order: each parent followed by its children, siblings by position;
        with the number of codings of each (direct, all coders)."""
        codes = self._load()
        if with_counts:
            counts = self.coding_counts()
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

    def coding_counts(self, coder_id: int | None = None, doc_id: int | None = None) -> dict[int, int]:
        """code id -> number of codings (of this coder, in this document)."""
        cond, params = where(("coder_id = ?", coder_id), ("document_id = ?", doc_id))
        sql = "SELECT code_id, count(*) FROM codings" + cond
        return dict(self._db.conn.execute(sql + " GROUP BY code_id", params).fetchall())

    def coding_count(self, code_id: int) -> int:
        """Codings of this code (all coders, not its sub-codes)."""
        return self._db.one("SELECT count(*) FROM codings WHERE code_id = ?", (code_id,))

    def find(self, ref: str) -> Code:
        ref = ref.strip().strip("/")
        codes = self._load()
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
        # as `code-add` made it: "urgentie/ruimte-ëxtra" was added as urgentie/ruimte-extra, and then unknown
        slug = "/".join(derive_name(part)[0] for part in ref.split("/"))
        if slug != ref and slug in codes:
            return codes[slug]
        now = self.renamed_to(ref)
        if now is not None:  # "gedeelde-plek" after `code-rename … techlab`: no hint named techlab
            raise UnknownCode(f"unknown code '{ref}': it was renamed, moved or merged, and is '{now}' now",
                              hint=f"give {now}")
        hint = did_you_mean(ref, ((c.path, c.name, c.label) for c in codes.values()))
        # a code meant to be new, far from every name (a tester's 'huisvesting' was answered "did you mean
        # urgentie/verschuiving?" alone); a typo close to one is not offered as a new code
        added = f"a new one: `sto-qual code-add {shlex.quote(ref)}`"
        if hint and not is_new_name(ref, [n for c in codes.values() for n in (c.name, c.label) if n]):
            raise UnknownCode(f"unknown code '{ref}'", hint=hint)
        # far from every name: no guess ("did you mean urgentie/verschuiving" of 'huisvesting' misled a re-tester)
        raise UnknownCode(f"unknown code '{ref}'", hint=f"see `sto-qual codebook` for the code paths; {added}" if codes
                          else f"the codebook has no codes yet: `sto-qual code-add {shlex.quote(ref)}` adds it")

    def renamed_to(self, ref: str) -> str | None:
        """The path a code of path or name ``ref`` has now after the project's renames and moves
        (the audit log's), when it is one code that is still there; else None."""
        from sto_qual.domain.codebook import path_now
        changes = self._audit.code_path_changes()
        low = ref.lower()
        olds = {old for _a, old, _new in changes if old.lower() == low or old.rsplit("/", 1)[-1].lower() == low}
        now = {path_now(old, changes) for old in olds} - {None}
        codes = self._load()
        found = [p for p in now if p in codes]
        return found[0] if len(found) == 1 else None

    def by_id(self, code_id: int) -> Code:
        for c in self._load().values():
            if c.id == code_id:
                return c
        raise UnknownCode(f"unknown code id {code_id}")

    def upsert(self, spec: CodeSpec, position: int, coder: str | None = None) -> CodeWrite:
        """Insert or update a code by path (every column from ``spec``): (id, 'added'|'updated'|
        'unchanged'); an update is audited with the fields that changed."""
        codes = self._load()
        parent_id = None
        if spec.parent:
            if spec.parent not in codes:
                raise CodebookError(f"code '{spec.path}': parent '{spec.parent}' does not exist")
            parent_id = codes[spec.parent].id
        values = (spec.name, spec.label, spec.colour, spec.definition, spec.when_to_use,
                  spec.when_not_to_use, json.dumps(list(spec.examples), ensure_ascii=False),
                  json.dumps(list(spec.keywords), ensure_ascii=False), position, parent_id, spec.label_en)
        with self._db.write() as c:
            existing = codes.get(spec.path)
            if existing is None:
                cur = c.execute("INSERT INTO codes (name, label, colour, definition, when_to_use, "
                                "when_not_to_use, examples, keywords, position, parent_id, label_en, path, created_at) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (*values, spec.path, now()))
                self._audit.record("add", "code", cur.lastrowid, coder, {"path": spec.path})
                self._cached(spec, cur.lastrowid, position)
                return CodeWrite(cur.lastrowid, "added")
            old = (existing.name, existing.label, existing.colour, existing.definition,
                   existing.when_to_use, existing.when_not_to_use,
                   json.dumps(list(existing.examples), ensure_ascii=False),
                   json.dumps(list(existing.keywords), ensure_ascii=False), existing.position,
                   codes[existing.parent].id if existing.parent else None, existing.label_en)
            if old == values:
                return CodeWrite(existing.id, "unchanged")
            c.execute("UPDATE codes SET name=?, label=?, colour=?, definition=?, when_to_use=?, "
                      "when_not_to_use=?, examples=?, keywords=?, position=?, parent_id=?, label_en=? WHERE id=?",
                      (*values, existing.id))
            changed = [k for k, a, b in zip(_UPSERT_COLUMNS, old, values) if a != b]
            self._audit.record("update", "code", existing.id, coder, {"path": spec.path, "fields": changed})
            self._cached(spec, existing.id, position)
            return CodeWrite(existing.id, "updated")

    def _cached(self, spec: CodeSpec, code_id: int, position: int) -> None:
        """The code just written, into the cached tree as it now is in the table: re-reading the
        whole tree after each code made a codebook import quadratic (5,200 codes: two minutes)."""
        if self._code_cache is not None:
            self._code_cache[spec.path] = Code(id=code_id, path=spec.path, name=spec.name, parent=spec.parent,
                                               colour=spec.colour, label=spec.label, definition=spec.definition,
                                               when_to_use=spec.when_to_use, when_not_to_use=spec.when_not_to_use,
                                               examples=tuple(spec.examples), keywords=tuple(spec.keywords),
                                               position=position, label_en=spec.label_en)

    def reposition(self, positions: dict[int, int]) -> None:
        """Set the sibling positions of codes (id -> position) whose order among their siblings
        stays what it was: a codebook file placed other codes between them."""
        if not positions:
            return
        with self._db.write() as c:
            c.executemany("UPDATE codes SET position = ? WHERE id = ?", [(p, i) for i, p in positions.items()])
        self._code_cache = None

    def update_fields(self, code_id: int, fields: dict[str, Any], coder: str | None = None) -> None:
        allowed = {"label", "label_en", "colour", "definition", "when_to_use", "when_not_to_use", "examples",
                   "keywords"}
        bad = set(fields) - allowed
        if bad:
            raise CodebookError(f"cannot edit {', '.join(sorted(bad))} of a code")
        with self._db.write() as c:
            for k, v in fields.items():
                if k in ("examples", "keywords"):
                    v = json.dumps(list(v), ensure_ascii=False)
                c.execute(f"UPDATE codes SET {k} = ? WHERE id = ?", (v, code_id))
            self._audit.record("update", "code", code_id, coder, {"fields": sorted(fields)})
        self._code_cache = None

    def _repath(self, c: sqlite3.Connection, code_id: int, new_path: str) -> None:
        """Set a code's path and rewrite its descendants' paths."""
        old_path = self._db.one("SELECT path FROM codes WHERE id = ?", (code_id,))
        c.execute("UPDATE codes SET path = ? WHERE id = ?", (new_path, code_id))
        c.execute("UPDATE codes SET path = ? || substr(path, ?) WHERE path LIKE ? ESCAPE '\\'",
                  (new_path, len(old_path) + 1, old_path.replace("%", "\\%").replace("_", "\\_") + "/%"))

    def rename(self, code: Code, new_name: str, coder: str | None = None) -> str:
        new_path = f"{code.parent}/{new_name}" if code.parent else new_name
        if new_path in self._load():
            raise CodebookError(f"a code '{new_path}' already exists", hint="merge the codes instead")
        with self._db.write() as c:
            c.execute("UPDATE codes SET name = ? WHERE id = ?", (new_name, code.id))
            self._repath(c, code.id, new_path)
            self._audit.record("rename", "code", code.id, coder, {"from": code.path, "to": new_path})
        self._code_cache = None
        return new_path

    def move(self, code: Code, new_parent: Code | None, coder: str | None = None) -> str:
        if new_parent and is_within(new_parent.path, code.path):
            where = "itself" if new_parent.path == code.path else f"its own sub-code '{new_parent.path}'"
            raise CodebookError(f"cannot move '{code.path}' under {where}")
        new_path = f"{new_parent.path}/{code.name}" if new_parent else code.name
        if new_path in self._load() and new_path != code.path:
            raise CodebookError(f"a code '{new_path}' already exists", hint="merge the codes instead")
        with self._db.write() as c:
            pos = self._db.one("SELECT coalesce(max(position), 0) + 1 FROM codes WHERE parent_id IS ?",
                            (new_parent.id if new_parent else None,))
            c.execute("UPDATE codes SET parent_id = ?, position = ? WHERE id = ?",
                      (new_parent.id if new_parent else None, pos, code.id))
            self._repath(c, code.id, new_path)
            self._audit.record("move", "code", code.id, coder, {"from": code.path, "to": new_path})
        self._code_cache = None
        return new_path

    def check_merge(self, source: Code, target: Code) -> None:
        """Refuse a merge that cannot be done (``CodebookError``), before anything (a backup
        included) is written: a code into itself or its own sub-code, or a sub-code that
        would land on a sub-code the target has already."""
        if source.id == target.id:
            raise CodebookError(f"cannot merge '{source.path}' into itself", hint="name two different codes")
        if is_below(target.path, source.path):
            raise CodebookError(f"cannot merge '{source.path}' into its own sub-code '{target.path}'",
                                hint=f"to fold the sub-code into its parent: code-merge {target.path} {source.path}")
        for (child_name,) in self._db.conn.execute("SELECT name FROM codes WHERE parent_id = ?", (source.id,)):
            new_path = f"{target.path}/{child_name}"
            if self._db.one("SELECT 1 FROM codes WHERE path = ?", (new_path,)):
                raise CodebookError(f"merging would create a second '{new_path}'",
                                    hint="merge or rename that sub-code first")

    def merge(self, source: Code, target: Code, coder: str | None = None,
              words: Callable[[int, int, int], int] | None = None, backup: str | None = None) -> tuple[int, int]:
        """Move every coding (and child code) of ``source`` onto ``target``; delete ``source``:
        (codings moved, how many of them became one with another coding of the coder's).
        A coder's codings of the two codes that overlap become one coding over both spans (as the
        TUI joins them: memos kept, starred if one was), so no text is counted twice; ``words``
        (document, start, end) counts the joined span's words."""
        self.check_merge(source, target)
        with self._db.write() as c:
            # a span this coder coded with both codes becomes one coding (memos follow it)
            twins = c.execute('SELECT s.id, t.id FROM codings s JOIN codings t ON t.code_id = ? AND '
                              't.document_id = s.document_id AND t.coder_id = s.coder_id AND t.start = s.start '
                              'AND t."end" = s."end" WHERE s.code_id = ?', (target.id, source.id)).fetchall()
            for src_id, dst_id in twins:  # its memo and star go onto the coding it joins (they were lost)
                (dst_memo, dst_star), (src_memo, src_star) = (c.execute(
                    "SELECT memo, starred FROM codings WHERE id = ?", (i,)).fetchone() for i in (dst_id, src_id))
                c.execute("UPDATE codings SET memo = ?, starred = ? WHERE id = ?",
                          (join_memos((dst_memo, src_memo)), max(dst_star, src_star), dst_id))
                c.execute("UPDATE memos SET target_id = ? WHERE target = 'coding' AND target_id = ?", (dst_id, src_id))
                c.execute("UPDATE suggestions SET coding_id = ? WHERE coding_id = ?", (dst_id, src_id))
                c.execute("DELETE FROM codings WHERE id = ?", (src_id,))
            moved = {r[0] for r in c.execute("SELECT id FROM codings WHERE code_id = ?", (source.id,))}
            n = len(twins) + c.execute("UPDATE codings SET code_id = ? WHERE code_id = ?",
                                       (target.id, source.id)).rowcount
            joined = _join_overlaps(c, target.id, moved, words) if words else 0
            # a suggestion for the target on the same unit wins; drop the source's duplicates
            c.execute("DELETE FROM suggestions WHERE code_id = ? AND unit_id IN "
                      "(SELECT unit_id FROM suggestions WHERE code_id = ?)", (source.id, target.id))
            c.execute("UPDATE suggestions SET code_id = ? WHERE code_id = ?", (target.id, source.id))
            for child_id, child_name in c.execute("SELECT id, name FROM codes WHERE parent_id = ?",
                                                  (source.id,)).fetchall():
                new_path = f"{target.path}/{child_name}"
                if self._db.one("SELECT 1 FROM codes WHERE path = ?", (new_path,)):
                    raise CodebookError(f"merging would create a second '{new_path}'",
                                        hint="merge or rename that sub-code first")
                c.execute("UPDATE codes SET parent_id = ? WHERE id = ?", (target.id, child_id))
                self._repath(c, child_id, new_path)
            c.execute("UPDATE memos SET target_id = ? WHERE target = 'code' AND target_id = ?",
                      (target.id, source.id))
            c.execute("DELETE FROM codes WHERE id = ?", (source.id,))
            self._audit.record("merge", "code", target.id, coder,
                       {"from": source.path, "into": target.path, "codings": n, "joined": joined,
                        **({"backup": backup} if backup else {})})
        self._code_cache = None
        return n, len(twins) + joined

    def delete(self, code: Code, force: bool = False, coder: str | None = None, backup: str | None = None,
               expected: int | None = None) -> int:
        """Delete a code and its sub-codes. Refused while codings exist unless ``force``.
        ``backup``: the file made before, kept in the audit line. ``expected``: the number of
        codings the person agreed to lose; any other number now (coded meanwhile, in another
        window or by another coder) refuses the delete, nothing changed."""
        ids = [r[0] for r in self._db.conn.execute(
            "SELECT id FROM codes WHERE path = ? OR path LIKE ? ESCAPE '\\'",
            (code.path, code.path.replace("%", "\\%").replace("_", "\\_") + "/%"))]
        marks = ",".join("?" * len(ids))
        n = self._db.one(f"SELECT count(*) FROM codings WHERE code_id IN ({marks})", ids)
        if n and not force:
            raise CodebookError(f"code '{code.path}' has {n} coding(s)",
                                hint="merge it into another code, or delete with --force")
        with self._db.write() as c:
            n = c.execute(f"SELECT count(*) FROM codings WHERE code_id IN ({marks})", ids).fetchone()[0]
            if expected is not None and n != expected:
                raise CodebookError(f"{code.path} has {n} coding(s) now, not the {expected} the delete was asked "
                                    "with (coded meanwhile)", hint="nothing was deleted; ask again to see who coded them")
            c.execute(f"DELETE FROM memos WHERE target = 'coding' AND target_id IN "
                      f"(SELECT id FROM codings WHERE code_id IN ({marks}))", ids)
            c.execute(f"DELETE FROM codings WHERE code_id IN ({marks})", ids)
            c.execute(f"DELETE FROM suggestions WHERE code_id IN ({marks})", ids)
            c.execute(f"DELETE FROM memos WHERE target = 'code' AND target_id IN ({marks})", ids)
            # children first (deepest paths first) because of the parent foreign key
            for cid in [r[0] for r in c.execute(
                    f"SELECT id FROM codes WHERE id IN ({marks}) ORDER BY length(path) DESC", ids)]:
                c.execute("DELETE FROM codes WHERE id = ?", (cid,))
            self._audit.record("delete", "code", code.id, coder, {"path": code.path, "codings": n,
                                                           "codes": len(ids), "ids": ids,
                                                           **({"backup": backup} if backup else {})})
        self._code_cache = None
        return n


def _join_overlaps(c, code_id: int, moved: Collection[int], words: Callable[[int, int, int], int]) -> int:
    """Join each coder's overlapping codings of ``code_id`` into one where one of them was
    ``moved`` there by the merge (the earliest keeps its id, spans union, memos joined, starred
    if one was; memos and suggestions on the others follow it). Returns how many codings were
    joined away."""
    rows = c.execute('SELECT id, document_id, coder_id, start, "end", memo, starred FROM codings WHERE code_id = ? '
                     'ORDER BY document_id, coder_id, start, id', (code_id,)).fetchall()
    clusters: list[list[tuple]] = []
    end = -1
    for r in rows:
        if clusters and (r[1], r[2]) == (clusters[-1][0][1], clusters[-1][0][2]) and r[3] < end:
            clusters[-1].append(r)
            end = max(end, r[4])
        else:
            clusters.append([r])
            end = r[4]
    gone = 0
    for group in clusters:
        if len(group) < 2 or not any(r[0] in moved for r in group):
            continue
        keep, others = group[0], group[1:]
        memo = join_memos(r[5] for r in group)
        stop = max(r[4] for r in group)
        for r in others:
            c.execute("UPDATE memos SET target_id = ? WHERE target = 'coding' AND target_id = ?", (keep[0], r[0]))
            c.execute("UPDATE suggestions SET coding_id = ? WHERE coding_id = ?", (keep[0], r[0]))
            c.execute("DELETE FROM codings WHERE id = ?", (r[0],))
        c.execute('UPDATE codings SET "end" = ?, words = ?, memo = ?, starred = ? WHERE id = ?',
                  (stop, words(keep[1], keep[3], stop), memo, max(r[6] for r in group), keep[0]))
        gone += len(others)
    return gone
