"""REFI-QDA interchange use cases: export a project as .qdpx, import another tool's .qdpx.

Contract:
- ``export_qdpx(ws, path)`` writes the whole project (coders, codebook, attributes as variables
  and cases, documents, codings with their coders, memos, quote candidates) and returns the
  warnings about what REFI-QDA cannot carry (pending suggestions, undo history, speaker roles...);
  each turn's speaker label opens it in the source text, and a document whose labels would
  not read back as its turns is named.
  The same project always gives the same bytes.
- ``import_qdpx(ws, path)`` adds the documents, codes, coders, attributes, codings (origin
  'imported') and memos of a .qdpx, in one transaction: an invalid file raises ``ImportRefused``
  and changes nothing. Existing documents (same text) and codes (same path) are reused, never
  changed; codings and memos already present are not added again, so importing a file twice
  adds nothing the second time.
"""
from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.codebook import next_colour, path_now
from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.model import CodeSpec
from sto_qual.domain.text import WordIndex, content_hash
from sto_qual.services.document_import import ImportService, ImportSummary, segment_document
from sto_qual.services.codings_here import CodingsHere

if TYPE_CHECKING:
    from sto_qual.services.project import Project


# -------------------------------------------------------------------- export
def export_qdpx(ws: Project, path: str | Path, force: bool = False) -> list[str]:
    """Write the project as a REFI-QDA .qdpx at ``path``; returns warnings (what was left out). The roles file beside
    it (``_roles_beside``) is checked first, as any CSV an export writes: one a person added a column to, or another
    program wrote, is not replaced without ``force`` (a data manager's notes column went, said only as "replaced")."""
    from sto_qual.report.csv_files import refuse_other_csv
    from sto_qual.report.refi import ExportDocument, ExportMemo, QdpxData, roles_file, write_qdpx
    if not force and ws.role_map():
        refuse_other_csv(roles_file(Path(path)), ["file", "speaker", "role"])
    store = ws.store
    docs = store.documents.all(coded_share=False)
    doc_names = {d.id: d.name for d in docs}
    turns = store.transcripts.turn_rows([d.id for d in docs])
    documents = tuple(ExportDocument(name=d.name, text=store.documents.text(d.id), content_hash=d.content_hash,
                                     attributes=dict(d.attributes),
                                     turns=tuple((t.start, t.speaker, t.time_start) for t in turns[d.id]))
                      for d in docs)
    codes = store.codes.tree()
    code_paths = {c.id: c.path for c in codes}
    # texts are sliced only where the export carries them (the quote-candidate notes)
    texts = {d.name: d.text for d in documents}
    codings = [c._replace(text=texts[c.doc][c.start:c.end]) if c.starred else c
               for c in store.codings.all(with_text=False)]
    coding_ids = {c.id for c in codings}
    memos = []
    warnings: list[str] = []
    for m in store.memos.all():
        target, tid = m["target"], m["target_id"]
        ref: Any
        if target == "document":
            ref = doc_names.get(tid)
        elif target == "code":
            ref = code_paths.get(tid)
        elif target == "coding":
            ref = tid if tid in coding_ids else None
        else:
            ref = tid
        if ref is None:
            warnings.append(f"memo #{m['id']} points to a deleted {target}; left out")
            continue
        memos.append(ExportMemo(target=target, ref=ref, text=m["text"], coder=m.get("coder"),
                                created_at=m.get("created_at")))
    data = QdpxData(name=ws.codebook_title(), coders=tuple(ws.session.coder_names()), codes=tuple(codes),
                    documents=documents, codings=tuple(codings), memos=tuple(memos))
    warnings += write_qdpx(data, path)
    return (warnings + _turns_not_read_back(documents) + _roles_beside(ws, Path(path), documents)
            + _not_expressible(ws, docs))


def _roles_beside(ws: Project, path: Path, documents: tuple[Any, ...]) -> list[str]:
    """The speakers' roles, which REFI-QDA cannot hold, as a role map beside the file
    (``NAME-roles.csv``: file, speaker, role, as ``import --role-map`` reads it), each label as
    the transcripts write it; the warning says so and how a project made from the file gets them."""
    from sto_qual.report.refi import roles_file
    from sto_qual.report.tabular import write_csv
    roles = ws.role_map()
    beside = roles_file(path)
    if not roles:
        if beside.exists():  # an earlier export's, or another project's: not touched, but said
            return [f"{beside} beside the file is left as it was, and is not this export's: this project gives no "
                    "speaker a role"]
        return []
    spoken: dict[tuple[str, str], str] = {}
    for d in documents:
        for _, speaker, _ in d.turns:
            if speaker:
                spoken.setdefault((d.name, speaker.lower()), speaker)
                spoken.setdefault(("", speaker.lower()), speaker)
    rows = [{"file": doc, "speaker": spoken.get((doc, label)) or spoken.get(("", label)) or label, "role": role}
            for (doc, label), role in sorted(roles.items())]
    replaced = beside.exists()
    write_csv(rows, beside)
    return [f"speaker roles ({len(rows)}) are not in the .qdpx (REFI-QDA has none; the speakers are in its text as "
            f"labels): written to {beside}{' (it replaced the file of that name)' if replaced else ''}; "
            f"`sto-qual import {shlex.quote(str(path))} --role-map {shlex.quote(str(beside))} --project NEW.db` sets "
            "them in a project NEW.db made from the file (this project has them)"]


def _by(speaker: str | None) -> str:
    return f" (by {speaker!r})" if speaker else " (without a speaker)"


def _turns_not_read_back(documents: tuple[Any, ...]) -> list[str]:
    """The documents whose speaker labels, as the export writes them, would not give back the
    same turns when the file is imported (a turn without a speaker after one with a speaker, a
    label the import does not take for one, a body line that reads as a label)."""
    from sto_qual.importers.speakers import split_turns
    from sto_qual.report.refi_sources import LabelledSource
    out = []
    for d in documents:
        source = LabelledSource(d.text, d.turns)
        if not source.points:
            continue
        _, back, _ = split_turns(source.text)
        ours = sorted(d.turns, key=lambda t: t[0])
        read = [(t.start, t.speaker, t.time_start) for t in back]
        if read != ours:
            i = next((i for i, (a, b) in enumerate(zip(read, ours)) if a != b), min(len(read), len(ours)))
            if len(read) > len(ours):  # a line of the turn before the first difference reads as a label
                turn = max(0, i - 1)
                out.append(f"{d.name}: imported into sto-qual again, turn {turn + 1}{_by(ours[turn][1])} would be "
                           "split: a line of it reads as a speaker's label")
                continue
            turn = min(i, len(ours) - 1)
            joins = (f"the turn joins turn {turn}{_by(ours[turn - 1][1])}, whose speaker would be credited with its "
                     "words" if turn else "the turn has no speaker")
            if ours[turn][1] is None:  # a turn without a speaker after one with a speaker
                out.append(f"{d.name}: imported into sto-qual again, turn {turn + 1} (without a speaker) would "
                           f"not stay a turn of its own: {joins}")
                continue
            out.append(f"{d.name}: imported into sto-qual again, turn {turn + 1}{_by(ours[turn][1])} would lose its "
                       "speaker: the import reads no speaker in that label (a name of at most five words, "
                       f"without signs such as ',' or ';'), so it stays in the text and {joins}; the words and "
                       "their codings come back")
    return out


def _not_expressible(ws: Project, docs: list[Any]) -> list[str]:
    store = ws.store
    out = []
    status = store.suggestions.counts()
    pending = status.get("pending", 0)
    if pending:
        out.append(f"{pending} pending suggestion(s) are not exported (REFI-QDA has no suggestions)")
    sums = store.summaries
    cells, themes = len(sums.cells()), len(sums.themes())
    if cells or themes:
        out.append(f"{cells} summary-grid cell(s) and {themes} theme summary(ies) are not exported (REFI-QDA has "
                   "no summary grid); `sto-qual export -o grid.xlsx` writes the summary table")
    decided = status.get("accepted", 0) + status.get("rejected", 0)
    if decided:
        out.append(f"{decided} accepted/rejected suggestion decision(s) are not exported")
    undo = 0
    for c in store.coders.all():
        done, undone = store.history.depth(c["id"])
        undo += done + undone
    if undo:
        out.append(f"undo history ({undo} step(s)) is not exported")
    if store.transcripts.has_end_times():
        out.append("the turns' end times are not exported (a label gives a turn's start time only)")
    origins = set(store.codings.origins()) - {"manual"}
    if origins:
        out.append("coding origins (" + ", ".join(sorted(origins)) + ") are not exported")
    left = ws.codebook_service.qdc_leaves_out()  # as `codebook-export -o FILE.qdc` says them (a round trip lost them)
    if left:
        out.append(f"the codebook's {', '.join(left)} are not exported (REFI-QDA has no field for them); `sto-qual "
                   "codebook-export -o codebook.yaml` keeps them, and `codebook-import` of it gives them back")
    if store.pseudonyms.all():
        roles = " and so does the roles file beside them" if ws.role_map() else ""
        out.append("the pseudonym list is neither applied nor exported: the sources hold the transcripts as "
                   "written, names included, and so do the memos, the notes on starred passages and the attributes "
                   f"(an interviewer's name){',' if roles else ''}{roles} (share the file only within the team)")
    for name, (a, b) in ws.agreed.pairs().items():  # a colleague's copy had it as a coder like any other
        out.append(f"the agreed coding {name} is exported as a coder of its own: that it is {a}'s and {b}'s "
                   "agreed coding, its places marked discussed and the meeting's notes are not (REFI-QDA has no "
                   "place for them); `sto-qual backup` keeps them, for a colleague who continues the meeting")
    reference = ws.counting_coder()
    if reference:  # imported, the counts are every coder's: urgentie/kwaliteit-innovatie went from 12 to 16
        out.append(f"the reference coder ({reference}) is not exported: a project made from this file counts "
                   f"every coder's codings until `sto-qual reference-coder {reference} --project NEW.db` is set "
                   "there")
    return out


# -------------------------------------------------------------------- import
def import_qdpx(ws: Project, path: str | Path) -> ImportSummary:
    """Import a REFI-QDA project file (all or nothing). See the module docstring."""
    from sto_qual.importers.refi import parse_qdpx
    path = Path(path)
    project = parse_qdpx(path)
    skipped = [w for w in project.warnings if w.startswith("source '") and w.endswith("; skipped")]
    if skipped and not project.sources:  # it said "0 imported" with exit 0, and added the file's coders
        raise ImportRefused(f"none of its sources could be read ({len(skipped)} skipped: {skipped[0]})",
                            file=str(path), hint="export the project again with its sources inside the .qdpx")
    summary = ImportSummary()
    summary.warnings += [f"{path.name}: {w}" for w in project.warnings]
    store = ws.store
    importer = ImportService(ws)  # stores each source as a transcript import does

    # ---- plan codes (reuse existing paths; never change an existing code)
    existing = {c.path: c for c in store.codes.tree()}
    sibling_pos: dict[str | None, int] = {}
    for c in existing.values():
        sibling_pos[c.parent] = max(sibling_pos.get(c.parent, 0), c.position)
    new_specs: list[tuple[CodeSpec, int]] = []
    colours: dict[str, str] = {p: c.colour for p, c in existing.items()}
    changes = store.audit.code_path_changes()  # renamed, moved, merged or deleted here
    alias: dict[str, str] = {}   # a path of the file that is another code here now
    gone: set[str] = set()        # a path of the file deleted here: its codings are not placed
    for pc in project.codes:
        now = path_now(pc.path, changes) if pc.path not in existing else pc.path
        if now is None:
            gone.add(pc.path)
            summary.warnings.append(f"{path.name}: code '{pc.path}' was deleted in this project; its codings are "
                                    "not placed")
            continue
        if now != pc.path and now in existing:
            alias[pc.path] = now
            summary.warnings.append(f"{path.name}: code '{pc.path}' is '{now}' here; its codings are placed under it")
            continue
        if pc.path in existing:
            if pc.definition and existing[pc.path].definition != pc.definition:
                summary.warnings.append(f"{path.name}: code '{pc.path}' already exists; its definition "
                                        "in the file was not applied")
            continue
        twin = next((c.path for c in existing.values() if c.parent == pc.parent and (
            ((pc.definition or "").strip() and (c.definition or "").strip() == (pc.definition or "").strip())
            or (pc.label and c.label and c.label.casefold() == pc.label.casefold()))), None)
        if twin is not None:  # renamed in one copy, most likely: two codes one reader takes for one (as merge says)
            summary.warnings.append(f"{path.name}: code '{pc.path}' is added beside '{twin}', which has its "
                                    "definition or label here (renamed in one copy?); if they are one code: "
                                    f"`sto-qual code-merge {pc.path} {twin}`")
        pos = sibling_pos.get(pc.parent, 0) + 1
        sibling_pos[pc.parent] = pos
        colour = pc.colour or (colours.get(pc.parent) if pc.parent else None) or next_colour(pos - 1)
        colours[pc.path] = colour
        new_specs.append((CodeSpec(path=pc.path, name=pc.name, parent=pc.parent, colour=colour, label=pc.label,
                                   definition=pc.definition, when_to_use=pc.when_to_use,
                                   when_not_to_use=pc.when_not_to_use, examples=pc.examples,
                                   keywords=pc.keywords), pos))

    coder_name = ws.resolve_coder()
    added = {"codes": 0, "codings": 0, "memos": 0, "already_present": 0}
    # the slow parts (sentence splitting, word counts) before the write transaction, so that
    # another coder's save waits for the inserts only; words of each text are found once
    segmented = {src.guid: segment_document(src.document) for src in project.sources
                 if store.documents.by_hash(content_hash(src.document.text)) is None}
    words = {src.guid: WordIndex(src.document.text) for src in project.sources}
    counts = [words[c.source].count(c.start, c.end) for c in project.codings]
    try:
        with store.transaction():
            if store.settings.get("codebook_title") is None and project.name:
                store.settings.set("codebook_title", project.name)
            for spec, pos in new_specs:
                store.codes.upsert(spec, pos, coder=coder_name)
                added["codes"] += 1
            code_ids = {c.path: c.id for c in store.codes.tree()}
            coder_ids: dict[str, int] = {}

            def coder_id(name: str | None) -> int | None:
                if not name:
                    return None
                if name not in coder_ids:
                    coder_ids[name] = store.coders.ensure(name)
                return coder_ids[name]

            for name in project.users:
                coder_id(name)
            doc_ids: dict[str, int] = {}
            writer = importer.writer()
            for src in project.sources:
                local = ImportSummary()
                importer.ingest(src.document, {}, local, segmented.get(src.guid), writer=writer)
                doc_id = store.documents.by_hash(content_hash(src.document.text))
                assert doc_id is not None
                doc_ids[src.guid] = doc_id
                for item in local.imported:
                    item["codings"] = sum(1 for c in project.codings if c.source == src.guid)
                summary.imported += local.imported
                summary.skipped += local.skipped
                summary.warnings += local.warnings
                summary.notes += local.notes

            # one statement for all codings: the same (document, code, coder, span) already
            # here, or twice in the file, is kept once (the unique index decides)
            rows, keys = [], []
            for c, n_words in zip(project.codings, counts):
                if c.code in gone:
                    continue
                key = (doc_ids[c.source], code_ids[alias.get(c.code, c.code)], coder_id(c.coder or coder_name),
                       c.start, c.end)
                rows.append((*key, n_words, c.memo, int(c.starred), c.created_at))
                keys.append((c.guid, key))
            here_now = CodingsHere(store, doc_ids.values())
            mine = here_now.mine
            back, joined, keep = 0, 0, []
            matched = {tuple(r[:5]) for r in rows} & set(mine)  # held here as they are: not joined into
            for r in rows:
                k = tuple(r[:5])
                how, over = ("add", None) if k in mine else ("taken", None) if k in here_now.withdrawn else \
                    here_now.place(k, matched)
                if how == "taken":
                    back += 1
                elif how == "join":  # over the coder's own coding of the code: one coding over both
                    here_now.join(k, over)
                    joined += 1
                elif how == "add":
                    keep.append(r)  # ("inside": within the coder's own coding here, nothing to add)
            if len(keep) != len(rows):
                kept_keys = {tuple(r[:5]) for r in keep}
                rows, keys = keep, [(g, k) for g, k in keys if k in kept_keys or k in mine]
            if back:
                summary.warnings.append(f"{path.name}: {back} coding(s) in the file were removed or resized in "
                                        "this project since; they are not brought back (code one again to keep it)")
            if joined:
                summary.warnings.append(f"{path.name}: {joined} coding(s) in the file overlap the same coder's coding "
                                        "of that code here; each is joined into it (one coding over both)")
            new, id_of = store.codings.insert_imported(rows)
            coding_ids = {guid: id_of[key] for guid, key in keys}
            added["codings"] = new
            added["already_present"] = len(rows) - new
            if new and summary.skipped:  # "0 imported, 19 skipped" hid the codings it did add
                summary.warnings.append(f"{path.name}: {new} coding(s) added to documents already in the project")
            # a coding already here gets the file's memo or star when it has none (as a merge
            # does); one whose memo differs keeps this project's, and the import says so
            differ: list[int] = []
            for row in rows:
                if tuple(row[:5]) in mine:
                    here, _given, differs = here_now.bring(tuple(row[:5]), row[6], bool(row[7]))
                    if differs:
                        differ.append(here.id)
            if differ:
                summary.warnings.append(f"{path.name}: {len(differ)} coding(s) already here have another memo in the "
                                        f"file (#{', #'.join(map(str, differ[:5]))}{' …' if len(differ) > 5 else ''}); "
                                        "this project's memos are kept")

            have_memos = {(m["target"], m["target_id"], m["text"]) for m in store.memos.all()}
            for m in project.memos:
                if m.target == "document":
                    tid = doc_ids.get(m.ref)
                elif m.target == "code":
                    tid = code_ids.get(m.ref)
                else:
                    tid = coding_ids.get(m.ref)
                if tid is None:
                    continue
                if (m.target, tid, m.text) in have_memos:
                    continue
                have_memos.add((m.target, tid, m.text))
                store.memos.add(m.target, tid, m.text, coder_id(m.coder))
                added["memos"] += 1
            store.audit.record("import", "qdpx", None, coder_name, {"file": str(path), **added})
    except ImportRefused as exc:
        if not exc.file:
            exc.file = str(path)
        raise
    me, theirs = ws.resolve_coder(), sorted({c.coder for c in project.codings if c.coder})
    if added["codings"] and theirs and me not in theirs and not any(
            c["name"] == me and c["codings"] for c in ws.coders()):
        summary.notes.append(f"{path.name}: you code here as {me!r}, who coded nothing; the file's coders are "
                             f"{', '.join(theirs)} (`sto-qual default-coder NAME` codes as one of them)")
    brought = [f"{added[k]} {label}" for k, label in (("codings", "coding(s)"), ("codes", "new code(s)"),
                                                      ("memos", "memo(s)")) if added[k]]
    if brought:  # the summary's line counts documents; what came with them is said here
        summary.notes.append(f"{path.name}: brought in " + ", ".join(brought))
    if added["already_present"]:
        summary.warnings.append(f"{path.name}: {added['already_present']} coding(s) were already in the "
                                "project and were not added again")
    return summary
