"""Merging another coder's project into this one.

Documents are matched by content hash, codes by path, coders by name. A coding is
added unless the same (document, code, coder, span) is already there, so merging the
same file twice adds nothing. Codes missing here are added; a code whose definition
differs from ours is reported and its codings are not placed (the team decides first).

A merge adds; it never takes back what this project decided. A coding this project removed
or resized since (``withdrawn_codings``) is not brought back from a copy that still holds
it. A coding the copy's coder resized there is resized here too, when this project still
holds it as it was; one removed there is reported, never removed here.
"""
from __future__ import annotations

import shlex

from collections.abc import Container
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import path_before, path_now
from sto_qual.domain.errors import ProjectError
from sto_qual.domain.history import memo_begun
from sto_qual.domain.model import CodeSpec
from sto_qual.domain.names import near_code
from sto_qual.domain.text import plural
from sto_qual.services.codings_here import CodingsHere
from sto_qual.services.merge_checks import check_incoming
from sto_qual.services.merge_changes import TakenBack, codes_changed_there, other_meetings
from sto_qual.services.merge_memos import coding_memo, document_memos
from sto_qual.services.merge_project_data import merge_attributes, merge_pseudonyms, reference_coder_said
from sto_qual.services.merge_summaries import merge_summaries
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


def _one_name_two_coders(ws: Workspace, other: ProjectStore, doc_map: dict[int, int], code_map: dict[int, int],
                         coder_map: dict[int, int], withdrawn: Container[tuple], moved: Container[int]) -> list[str]:
    """A coder of the other copy whose codings of an interview and this project's codings of it
    under the same name each lack some of the other's: two people coded under one name (both
    kept the default) and are about to become one coder. An updated copy of one coder (it
    holds all her codings here, and more) says nothing, nor do codings either side removed or
    resized since (``withdrawn``), nor codings of a code the copy renamed, moved or merged (``moved``, this
    project's code ids: a `code-merge` in a copy was said as two people under each coder's name)."""
    changed: dict[tuple, list[tuple[int, int]]] = {}  # (document, code, coder) -> spans either side took back
    for d, c, r, s, e in withdrawn:
        changed.setdefault((d, c, r), []).append((s, e))

    def explained(key: tuple) -> bool:  # taken back, or what a resize on either side made of one
        return key in withdrawn or key[1] in moved or any(s < key[4] and key[3] < e
                                                          for s, e in changed.get(key[:3], ()))

    mine: dict[tuple[int, int], set] = {}
    for r in ws.store.codings.stored():
        if not explained((r.document_id, r.code_id, r.coder_id, r.start, r.end)):
            mine.setdefault((r.coder_id, r.document_id), set()).add((r.code_id, r.start, r.end))
    theirs: dict[tuple[int, int], set] = {}
    for r in other.codings.stored():
        d, code = doc_map.get(r[1]), code_map.get(r[2])
        if d is not None and code is not None and not explained((d, code, coder_map[r[3]], r[4], r[5])):
            theirs.setdefault((coder_map[r[3]], d), set()).add((code, r[4], r[5]))
    names = {coder_map[row["id"]]: row["name"] for row in other.coders.all()}
    from sto_qual.services.agreed import AGREED_SETTING
    agreed = set(ws.store.settings.get(AGREED_SETTING) or {})  # a meeting's coding is no person's
    split: dict[int, int] = {}
    for key, spans in theirs.items():
        if names.get(key[0]) in agreed:
            continue
        here = mine.get(key)
        if here and here - spans and spans - here:
            split[key[0]] = split.get(key[0], 0) + 1
    return [f"coder '{names[c]}': in {plural(n, 'interview')} this project and the other copy each hold codings "
            "under that name that the other lacks; they are one coder's codings now. If two people coded under "
            f"that name: restore the backup made before this merge, give one of them her own name in her copy "
            f"(`sto-qual coder-rename {shlex.quote(names[c])} NEW --project {shlex.quote(str(other.path))}`), and "
            "merge again"
            for c, n in split.items()]


def _merge(ws: Workspace, other: ProjectStore) -> dict[str, Any]:
    check_incoming(other)
    added = {"codes": 0, "coders": 0, "codings": 0, "memos": 0, "suggestion_decisions": 0, "memos_on_codings": 0,
             "stars_on_codings": 0}
    not_placed: list[str] = []
    my_docs = ws.store.documents.all()
    mine_by_hash = {ws.store.documents.meta(d.id)["content_hash"]: d.id for d in my_docs}
    their_docs = other.documents.all()
    if their_docs and not any(d.content_hash in mine_by_hash for d in their_docs):  # another study's file, surely
        which = "its document is not" if len(their_docs) == 1 else f"none of its {len(their_docs)} documents is"
        raise ProjectError(f"{other.path}: {which} in this project (documents are matched by their text); "
                           "nothing was merged", hint="merge the copies made of this project with "
                           "`sto-qual backup -o COPY.db`")
    mine_codes = {c.path: c for c in ws.store.codes.tree()}
    their_codes = other.codes.tree()
    code_map: dict[int, int] = {}
    kept_codes: list[str] = []
    conflicting: dict[int, tuple[str, int]] = {}  # their code id -> (path, this project's code of that path)
    defined_there: dict[str, tuple[str, str]] = {}  # ... its path there -> (its path here, its definition there)
    doc_map: dict[int, int] = {}
    for d in their_docs:
        if d.content_hash in mine_by_hash:
            doc_map[d.id] = mine_by_hash[d.content_hash]
        elif d.codings:
            not_placed.append(f"document '{d.name}' ({plural(d.codings, 'coding')}) is not in this project")
    apart = None
    if None not in (mine := ws.store.audit.first(), theirs := other.audit.first()) and mine != theirs:
        # another study sharing some interviews (a demo merged into a four-interview project): said as such; with
        # every interview placed (a second coder's own project of the same ones) a note, not a failure
        shared = len(set(doc_map.values()))  # (its codings of those came in: it said "no copy" beside "added")
        apart = (f"{Path(other.path).name} is no copy of this project (its history starts apart from this "
                 f"project's): its codings of the {plural(shared, 'interview')} both hold (matched by their text) are "
                 "merged all the same, those of its other interviews are not (the `restore` named takes the merge "
                 "back). Merge the copies made of this project with `sto-qual backup -o COPY.db`")
    with ws.store.transaction():
        # the backup inside the write lock: a second merge started meanwhile waits for this one,
        # and its backup then holds what this one brought in (both held the state before either)
        backup = ws.store.file.auto_backup("pre-merge", prune=False)  # (pruned once it is kept: below)
        positions: dict[str | None, int] = {}
        changes = ws.store.audit.code_path_changes()  # renamed, moved, merged or deleted here
        changed_there = other.audit.code_path_changes()  # ... and in the copy
        for c in their_codes:
            mine = mine_codes.get(c.path)
            now = path_now(c.path, changes) if mine is None else c.path
            if now is None:  # deleted here: it does not come back, nor do its codings
                if c.codings:
                    kept_codes.append(f"code '{c.path}' was deleted in this project; its {plural(c.codings, 'coding')} "
                                      f"in {Path(other.path).name} are not placed")
                continue
            if now != c.path and now in mine_codes:  # renamed, moved or merged here: its codings follow it
                mine = mine_codes[now]
                kept_codes.append(f"code '{c.path}' of {Path(other.path).name} is '{now}' here (renamed, moved or "
                                  "merged in this project); its codings are placed under it")
            before = path_before(c.path, changed_there) if mine is None else c.path
            if before != c.path and before in mine_codes and path_now(before, changes) == before:
                # renamed or moved in the copy, kept here: its codings are this code's (they were
                # added under a new code beside it, every coding of hers twice, and the code-rename
                # the merge then suggested was refused, the new code taking the name)
                mine = mine_codes[before]
            if mine is None:
                pos = positions.get(c.parent, 1000) + 1
                positions[c.parent] = pos
                new_id, _ = ws.store.codes.upsert(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=c.colour,
                                                           label=c.label, definition=c.definition,
                                                           when_to_use=c.when_to_use, when_not_to_use=c.when_not_to_use,
                                                           examples=c.examples, keywords=c.keywords,
                                                           label_en=c.label_en), pos)
                code_map[c.id] = new_id
                added["codes"] += 1
                twin = next((x.path for x in mine_codes.values() if c.label and x.label
                             and x.label.casefold() == c.label.casefold()), None)
                near = None if twin else near_code(c.path, [(x.path, x.path.rsplit("/", 1)[-1], x.label)
                                                            for x in mine_codes.values()])
                if twin and not any(new == c.path for _a, _o, new in changed_there):  # renamed or moved in one copy
                    kept_codes.append(f"code '{c.path}' was added, with the label '{c.label}' of '{twin}' here "
                                      f"(renamed or moved in one copy?); if they are one code: "
                                      f"`sto-qual code-merge {c.path} {twin}`")
                elif near:  # two coders' own codes for one thing ("schoolleiding", "schoolleiders"): each coder's
                    # codings under her own, so agreement counted every passage both coded as a difference
                    kept_codes.append(f"code '{c.path}' was added beside '{near}', whose name is nearly the same (one "
                                      f"code under two names?); if they are one code: `sto-qual code-merge {c.path} "
                                      f"{near}`")
                mine_codes = {x.path: x for x in ws.store.codes.tree()}
            elif c.definition and mine.definition and c.definition.strip() != mine.definition.strip() and now == c.path:
                conflicting[c.id] = (c.path, mine.id)  # placed once the team agrees (not a code merged into one here)
                defined_there[c.path] = (mine.path, c.definition.strip())
            else:
                code_map[c.id] = mine.id
                if c.label and mine.label and c.label != mine.label and mine.path == c.path:  # lost unsaid
                    kept_codes.append(f"code '{c.path}' is labelled '{c.label}' in {Path(other.path).name} and "
                                      f"'{mine.label}' here; this project keeps its label (`sto-qual code-edit "
                                      f"{c.path} --label {shlex.quote(c.label)}` gives it the copy's)")
        coder_map: dict[int, int] = {}
        new_coders: list[int] = []
        # a coder is the one made at the same moment in a copy of this project, whatever her name now: renamed
        # here since (`coder-rename`), her codings follow her; a name given to someone else since, or two
        # coders' names swapped, does not take them (they went to whoever held the name)
        made = {c["created_at"]: c["name"] for c in ws.store.coders.all() if c.get("created_at")}
        for row in other.coders.all():
            name = row["name"]
            now = made.get(row.get("created_at") or "")
            if now is not None and now != name:
                kept_codes.append(f"coder '{name}' of {Path(other.path).name} is '{now}' here (renamed since): "
                                  "her codings are placed under that name")
                name = now
            before = ws.store.coders.by_name(name)
            # (made when she was made in the copy: a later copy's merge knows her by it, renamed or not)
            coder_map[row["id"]] = ws.store.coders.ensure(name, made_at=row.get("created_at") if now is None else None)
            if before is None:
                added["coders"] += 1
                new_coders.append(coder_map[row["id"]])
        existing = ws.store.codings.keys()
        # the same coding (document, code, coder, span) in both copies: one coding, and what the
        # other copy added to it (a memo, a star) is kept too, never dropped
        here_now = CodingsHere(ws.store)
        mine, withdrawn_here = here_now.mine, here_now.withdrawn
        back = TakenBack(ws, other, doc_map, code_map, coder_map, conflicting, mine)
        kept_codes += codes_changed_there(changed_there, [p for p in mine_codes if path_now(p, changes) == p],
                                          Path(other.path).name)
        # what either side took back since is no sign of two people under one name
        moved = {mine_codes[p].id for change in changed_there if change not in changes for p in change[1:]
                 if p in mine_codes}  # (the codes a rename, move or merge in the copy touched)
        kept_codes += _one_name_two_coders(ws, other, doc_map, code_map, coder_map,
                                           {*withdrawn_here, *back.taken}, moved)
        coding_map: dict[int, int] = {}
        added["memos_and_stars"] = 0
        added["memos_updated"] = 0  # memos here rewritten or added to from the copy (merge_memos)
        edits: tuple | None = None  # both sides' memo edits, read when a memo first differs
        memo_given: list[int] = []  # codings here that got the copy's memo
        brought: list[str] = []  # what came across onto this project's own codings
        kept: list[str] = kept_codes
        not_restored: dict[tuple, str | None] = {}  # the copy's codings not brought back, with their memo there
        resized: list[int] = []
        by_coder: dict[int, list[int]] = {}  # the codings added, per coder
        unplaced: dict[str, list[tuple]] = {}  # code path -> codings of a code defined otherwise, not here
        # a code merged into another in the copy that this project keeps: the copy holds its codings
        # under the target, this project under it; one of them is no new coding of the target
        kept_merged: dict[int, list[int]] = {}  # target's id here -> the merged codes' ids here
        for action, old_path, new_path in changed_there:
            if (action == "merge" and new_path in mine_codes and old_path in mine_codes
                    and path_now(old_path, changes) == old_path):
                kept_merged.setdefault(mine_codes[new_path].id, []).append(mine_codes[old_path].id)
        elsewhere = other_meetings(ws.store, other)
        left_out: dict[int, int] = {}  # their agreed coder -> codings of another start of it not brought in
        for r in other.codings.stored():
            cid, d, code_id, coder_id, s, e, words, memo, origin, starred, created = r
            if coder_id in elsewhere:
                left_out[coder_id] = left_out.get(coder_id, 0) + 1
                continue
            if d in doc_map and code_id in conflicting:
                path, here_code = conflicting[code_id]
                if (doc_map[d], here_code, coder_map[coder_id], s, e) not in existing:  # the rest is here already
                    unplaced.setdefault(path, []).append((doc_map[d], here_code, coder_map[coder_id], s, e))
                continue
            if d not in doc_map or code_id not in code_map:
                continue
            key = (doc_map[d], code_map[code_id], coder_map[coder_id], s, e)
            if key not in existing and any((key[0], src, key[2], s, e) in existing
                                           for src in kept_merged.get(key[1], ())):
                continue  # held here under the code it was merged from there
            if key not in existing and key in withdrawn_here:
                not_restored[key] = memo  # removed or resized here since that copy was made
                continue
            was = back.resized_there(key) if key not in existing else None
            if was is None and key not in existing and back.successor_of(key, withdrawn_here):
                not_restored[key] = memo  # there a resize of one this project removed or resized too
                continue
            if was is not None:  # the copy's coder resized it there: the same here
                here = mine[was]
                ws.store.codings.update_row(here.id, start=s, end=e, words=words)
                # the old span's record here is the copy's own: the same time stamp says so, so a
                # later resize there is followed too (a second one was taken for this project's)
                ws.store.codings.withdrawn_as(was, back.taken[was])
                withdrawn_here[was] = back.taken[was]
                existing.discard(was)
                existing.add(key)
                mine[key] = mine.pop(was)._replace(start=s, end=e)
                here_now.moved(key, here.id, s, e)
                kept.append(f"coding #{here.id} ({back.describe(was)}) was resized in {back.copy}; "
                            f"it is {s}-{e} here too")
                resized.append(here.id)
            if key in existing:
                if key not in mine:
                    continue
                here, given, differs = here_now.bring(key, memo, bool(starred))
                if given and here_now.mine[key].memo != here.memo:  # the copy's memo, brought to this coding
                    memo_given.append(here.id)
                if differs:  # one memo per coding: the copy's rewrite, both, or this project's (merge_memos)
                    if edits is None:
                        edits = (ws.store.audit.coding_memo_edits(), other.audit.coding_memo_edits())
                    said = coding_memo(ws, back, here, key, memo, cid, edits)
                    if said.startswith("brought: "):
                        added["memos_updated"] += 1
                    if said:
                        (brought if said.startswith("brought: ") else kept).append(said.split(": ", 1)[1])
                added["memos_and_stars"] += given
                kept += back.marks_taken_off(key, cid, memo, bool(starred))
                continue
            how, over = here_now.place(key, back.matched, taken=False)
            if how == "inside":  # within her coding here (a copy older than the one merged before)
                continue
            if how == "join":  # over her own coding of the code here: one coding over both, as coding joins
                jid, a, b = here_now.join(key, over)
                kept.append(f"coding #{jid} ({back.describe(key)}) overlapped this project's coding of that code by "
                            f"the same coder; it now covers {a}-{b}")
                continue
            existing.add(key)
            coding_map[cid] = ws.store.codings.insert(document_id=key[0], code_id=key[1], coder_id=key[2], start=s,
                                                      end=e, words=words, memo=memo, origin=origin,
                                                      starred=bool(starred), created_at=created)
            added["codings"] += 1
            here_now.added(key, coding_map[cid])
            by_coder.setdefault(key[2], []).append(coding_map[cid])
            added["memos_on_codings"] += bool((memo or "").strip())
            if (memo or "").strip():  # when the copy's coder wrote it, as `memos` says it (it took the coding's time)
                edits = edits or (ws.store.audit.coding_memo_edits(), other.audit.coding_memo_edits())
                begun = memo_begun(edits[1].get(cid, ()))
                if begun:
                    ws.store.audit.record("memo", "coding", coding_map[cid], begun[1],
                                          {"before": {"memo": None}, "after": {"memo": memo}}, at=begun[0])
            added["stars_on_codings"] += bool(starred)  # the copy's stars come with its codings: counted
        # memos on documents and codes (and codings brought in): one per coder, decided (merge_memos)
        added["memos"], rewritten, said = document_memos(ws, other, back, doc_map, code_map, coding_map)
        added["memos_updated"] += rewritten
        for line in said:
            (brought if line.startswith("brought: ") else kept).append(line.split(": ", 1)[1])
        # suggestion decisions: accepted/rejected on the same unit (matched by offsets) and code
        units = {(d, s, e): uid for uid, d, s, e in ws.store.transcripts.unit_spans()}
        for dec in other.suggestions.decided():
            my_doc = mine_by_hash.get(dec["content_hash"])
            code = mine_codes.get(dec["code"])
            if my_doc is None or code is None:
                continue
            uid = units.get((my_doc, dec["start"], dec["end"]))
            if uid is None:
                continue
            coder_id = ws.store.coders.by_name(dec["coder"]) if dec["coder"] else None
            if not ws.store.suggestions.record_decision(uid, my_doc, code.id, origin=dec["origin"], reason=dec["reason"],
                                                        confidence=dec["confidence"], status=dec["status"], coder_id=coder_id,
                                                        decided_at=dec["decided_at"]):
                continue
            added["suggestion_decisions"] += 1
        added["summaries"] = merge_summaries(ws, other, doc_map, code_map, kept)
        added["attributes"], came, left = merge_attributes(ws.store, other, doc_map, back.docs, back.copy)
        added["pseudonyms"], came_too, left_too = merge_pseudonyms(ws.store, other, back.copy)
        brought += came + came_too
        kept += left + left_too + reference_coder_said(ws.store, other, back.copy)
        for coder_id in new_coders:  # a coder none of whose work was placed is not added for nothing
            if ws.store.coders.remove_unused(coder_id):
                added["coders"] -= 1
        kept += back.removed_there(existing)
        # what the copy took back and this project does not hold is taken back here too, with the
        # copy's time stamp: a copy made of that copy before (a copy of a copy) does not bring it back
        for k, at in back.taken.items():
            if k not in existing and k not in withdrawn_here:
                ws.store.codings.record_withdrawn(k, at)
        for path, keys in unplaced.items():
            whose = sorted({f"{back.coders.get(k[2])}: {back.docs.get(k[0])}" for k in keys})
            here_path, theirs = defined_there[path]
            named = f"code '{here_path}'" + (f" ('{path}' there)" if here_path != path else "")
            not_placed.append(f"{named} has a different definition there ({plural(len(keys), 'coding')} not "
                              f"placed: {', '.join(whose[:4])}{' …' if len(whose) > 4 else ''}); give both the same "
                              f"definition and merge again: `sto-qual code-edit {shlex.quote(here_path)} --definition "
                              f"{shlex.quote(theirs)}` takes the copy's here")
        for _cid, (path, _here) in sorted(conflicting.items()):
            if path not in unplaced:
                kept.append(f"code '{path}' has a different definition there; this project's is kept (its codings "
                            "there are all here already)")
        reference = ws.counting_coder()
        ref_id = ws.store.coders.by_name(reference) if reference else None
        if ref_id in by_coder:  # a coder who forgot --coder in her copy changed the report's counts unsaid
            ids = by_coder[ref_id]
            kept.append(f"{plural(len(ids), 'coding')} added under the reference coder {reference}, whose codings "
                        f"the report counts (#{', #'.join(map(str, ids[:5]))}{' …' if len(ids) > 5 else ''}); if "
                        "someone else made them (a copy coded without --coder), the restore of the backup made "
                        "before this merge takes it back (its command is on the note: line)")
        if memo_given:  # a memo has no author: the lead should know whose words her coding now carries
            one = len(memo_given) == 1
            brought.append(f"{plural(len(memo_given), 'coding')} of this project got {'a memo' if one else 'memos'} "
                           f"written in {back.copy} (none here before): #{', #'.join(map(str, memo_given[:8]))}"
                           f"{' …' if len(memo_given) > 8 else ''}; `sto-qual memo "
                           f"{memo_given[0] if one else 'ID'} --clear` takes {'it' if one else 'one'} off")
        for their_id, n in left_out.items():
            name, (a, b) = elsewhere[their_id]
            kept.append(f"{plural(n, 'coding')} of {name} in {back.copy} not brought in: {name} is the agreed coding of "
                        f"{a} and {b} as it was started here, and those are not of this start of it (another start, "
                        f"rolled back with `restore` or `agreed --replace`, or a coder of that name there); a meeting "
                        "held on a copy is brought in from a backup of this project")
        if not_restored:
            kept.append(back.not_brought_back(not_restored))
        brought_any = any(added.values()) or bool(resized)  # else its backup goes (below): none to name
        kept_backup = {"backup": str(backup)} if backup is not None and brought_any else {}
        # (what it brought, resized codings too: an undo passes over a merge that brought nothing)
        ws.store.audit.record("merge", "project", None, ws.resolve_coder(),
                              {"from": str(other.path), **added, "resized": len(resized), **kept_backup})
    if backup is not None and not brought_any:
        backup.unlink(missing_ok=True)  # nothing brought in: the older backups are not pushed out
    removed = ws.store.file.prune("pre-merge") if backup is not None and brought_any else []
    backup = backup if brought_any else None
    # the copy numbered its new codings as this project did its own: the same id, another coding
    id_map = {str(k): v for k, v in coding_map.items() if k != v}
    not_placed[:0] = [apart] if apart and not_placed else []  # (first: what the rest of the lines are about)
    return {"added": added, "not_placed": not_placed, "kept": kept, "resized": resized, "brought": brought,
            "apart": apart if not not_placed else None,
            "id_map": id_map, "added_ids": sorted(i for ids in by_coder.values() for i in ids),
            "not_brought_back": [back.as_row(k) for k in not_restored],
            "backup": str(backup) if backup is not None else None, "backups_removed": [str(p) for p in removed]}

