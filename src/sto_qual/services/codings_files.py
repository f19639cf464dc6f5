"""Codings files: codings anchored by their quote text (YAML), imported and exported.

Contract: a file is applied all or nothing: any quote that cannot be found (or is found
fewer times than its ``occurrence``), and any quote found more than once without an
``occurrence``, refuses the whole file with its line; a coding already present is not
added again, so re-importing a file is a no-op.

A quote is found wherever its exact (normalised) text occurs, inside a longer word too
("eh" in "geheel"): an ``occurrence`` counts those, as ``codings-export`` does, so a
coding that starts or ends inside a word still round-trips.
"""
from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import CodingsFileError, ExportError, StoQualError
from sto_qual.domain.model import Code, Coding
from sto_qual.domain.names import closest_name, file_part, siblings
from sto_qual.domain.spans import loose_occurrences, nearest_passage, occurrences
from sto_qual.domain.text import clip_words, count_words, normalise
from sto_qual.services.coding import CodingService
from sto_qual.services.codings_here import CodingsHere
from sto_qual.services.session import Session, atomic_write_text


class CodingsFileService:
    def __init__(self, session: Session, coding: CodingService) -> None:
        self.session = session
        self.store = session.store
        self.coding = coding

    def import_file(self, path: str | Path, coder: str | None = None, origin: str = "imported"
                    ) -> dict[str, Any]:
        """Apply a codings file (codings anchored by quote text). All or nothing: any quote
        that cannot be found refuses the whole file with its line; re-importing is a no-op."""
        from sto_qual.importers.codings_yaml import parse_codings_file
        items = parse_codings_file(path)
        return self.apply_anchored(items, str(path), coder=coder, origin=origin)

    def import_files(self, paths: Sequence[str | Path], coder: str | None = None,
                     workers: int = 2) -> list[dict[str, Any]]:
        """Import many codings files: parsed in ``workers`` processes while this one applies
        them, each file all or nothing. Returns per file {"file", "added", "already_present"}
        or {"file", "error"}."""
        results: list[dict[str, Any]] = []
        paths = [Path(p) for p in paths]
        # a coder another file of this import adds is no typo of hers: a folder codings-export wrote
        # for "Anna" and "ann a" came back with "ann a" refused as a mistyped Anna
        before = set(self.session.coder_names())

        def apply(path: Path, outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "error":
                results.append({"file": str(path), "error": value})
                return
            try:
                results.append(self.apply_anchored(value, str(path), coder=coder, coders_before=before))
            except StoQualError as exc:
                results.append({"file": str(path), "error": str(exc)})

        if workers > 1 and len(paths) >= 8:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                for path, outcome in zip(paths, pool.map(_parse_codings_outcome, paths, chunksize=8)):
                    apply(path, outcome)
        else:
            for path in paths:
                apply(path, _parse_codings_outcome(path))
        return results

    def apply_anchored(self, items, source: str, coder: str | None = None, origin: str = "imported",
                       coders_before: set[str] | None = None) -> dict[str, Any]:
        """Store parsed anchored codings (``importers.codings_yaml``) from ``source``;
        ``coders_before``: of several files imported together, the coders the project had before
        them (a coder another of them adds is no typo of hers: see ``_new_coders``)."""
        texts: dict[str, tuple[int, str]] = {}
        positions: dict[tuple[str, str], list[int]] = {}
        code_cache: dict[str, Code] = {}
        resolved = []
        errors = []
        # an unknown document or code is one problem, said once, with the lines it recurs at: its message by key
        unknown: dict[tuple[str, str], str] = {}
        said_at: set[tuple[tuple[str, str], int]] = set()
        followed: dict[str, str] = {}  # a code renamed or moved here since the file was written -> its path now
        for it in items:
            again = next((k for k in (("document", it.document), ("code", it.code)) if k in unknown), None)
            if again is not None:  # the same problem at another line: said with the first, by its lines
                line = it.document_line if again[0] == "document" else it.code_line
                if line and (again, line) not in said_at:  # (a file's one `document:` line: said once)
                    said_at.add((again, line))
                    errors.append(CodingsFileError(unknown[again], file=source, line=line))
                continue
            try:  # the error names the line where the file gives the document, or the code
                what, line = "document", it.document_line or it.line
                if it.document not in texts:
                    doc_id, _ = self.store.documents.find(it.document)
                    texts[it.document] = (doc_id, self.store.documents.text(doc_id))
                doc_id, text = texts[it.document]
                what, line = "code", it.code_line or it.line
                code = code_cache.get(it.code)
                if code is None:
                    code = code_cache[it.code] = self._code_now(it.code, followed)
            except StoQualError as exc:
                key = (what, it.document if what == "document" else it.code)
                unknown[key] = exc.message
                said_at.add((key, line))
                errors.append(CodingsFileError(exc.message, file=source, line=line, hint=exc.hint))
                continue
            quote = normalise(it.quote)
            key = (it.document, quote)
            if key not in positions:  # each distinct quote is searched once, however many entries
                positions[key] = occurrences(text, quote) or loose_occurrences(text, quote)  # (“…” typed "…")
            found = positions[key]
            if it.occurrence is None and len(found) > 1:  # first-match would be a guess
                errors.append(CodingsFileError(_ambiguous(text, quote, found, it.document), file=source,
                                               line=it.line, hint="nothing of the file was imported"))
                continue
            n = it.occurrence or 1
            pos = found[n - 1] if n <= len(found) else None
            if pos is None:
                msg = (f"quote not found in {it.document}: “{clip_words(quote, 50)}”" if not found else
                       f"quote occurs {len(found)} time(s) in {it.document}, not {n}: “{clip_words(quote, 40)}”")
                near = None if found else nearest_passage(text, quote)  # (a word apart: "negen" for "acht")
                errors.append(CodingsFileError(msg, file=source, line=it.line, hint=(
                    f"the transcript has “{clip_words(near, 70)}”; copy the quote exactly from it" if near
                    else "copy the quote exactly from the transcript")))
                continue
            resolved.append((doc_id, code.id, pos, pos + len(quote), it))
        new_coders = [] if coder else self._new_coders(items, source, errors, coders_before)
        if errors:
            if len(errors) > 1:  # each kind named: a mistyped coder went unsaid behind a quote not found
                errors[0].hint = (f"{errors[0].hint}; " if errors[0].hint else "") + \
                    f"{_other_problems(errors)}; nothing was imported"
            raise errors[0]
        added = skipped = marked = 0
        changed: dict[str, list[int]] = {}  # coder -> [added, memos and stars given]: her undo names the import
        kept: list[str] = []
        coder_ids: dict[str, int] = {}
        resolve_coder = self.session.resolve_coder
        with self.store.transaction():
            docs = {r[0] for r in resolved}
            existing = self.store.codings.keys(docs)
            # a coding already here gets the file's memo or star when it has none, as a merge
            # does; a memo that differs is kept and said (the file's was dropped unsaid)
            here_now = CodingsHere(self.store, docs)
            taken_back: list[int] = []
            label = "/".join(Path(source).parts[-2:])  # onderzoeker-a/R02.yaml, not just R02.yaml
            # a --coder given wins over the file's coder: "codings-import --coder sanne" of a file
            # saying "coder: sanen" went to sanen, "0 added, 1 already present"
            for _d, _c, _s, _e, it in resolved:
                name = resolve_coder(coder or it.coder)
                if name not in coder_ids:
                    coder_ids[name] = self.store.coders.ensure(name)
            # the codings here this file holds as they are: a widened one is not joined into them
            matched = {k for k in ((d, c, coder_ids[resolve_coder(coder or it.coder)], s, e)
                                   for d, c, s, e, it in resolved) if k in here_now.mine}
            for doc_id, code_id, s, e, it in resolved:
                who = resolve_coder(coder or it.coder)
                key = (doc_id, code_id, coder_ids[who], s, e)
                if key in existing:
                    skipped += 1
                    if key not in here_now.mine:
                        continue
                    here, given, differs = here_now.bring(key, it.memo, it.starred)
                    if differs:
                        kept.append(f"coding #{here.id} ({it.document} {s}-{e} {it.code}): its memo differs in "
                                    f"{label}, line {it.line}; this project's memo is kept")
                    marked += given
                    if given:
                        changed.setdefault(who, [0, 0])[1] += given
                    continue
                how, over = ("taken", None) if key in here_now.withdrawn else here_now.place(key, matched)
                if how == "taken":
                    taken_back.append(it.line)
                    continue
                if how == "inside":  # within her coding here (an older copy's span): nothing to add
                    skipped += 1
                    cid, a, b = over
                    # a quote shortened by hand read "already present" and the coding kept its span, unsaid
                    # the command as it runs from anywhere: this project, and her undo history (without
                    # --coder the step landed in the default coder's)
                    where = f" --project {shlex.quote(str(self.session.path.absolute()))}" if self.session.path else ""
                    kept.append(f"coding #{cid} ({it.document} {it.code}) covers {a}-{b}, more than the quote of "
                                f"{label}, line {it.line} ({s}-{e}): an import adds and never narrows a coding; "
                                f"`sto-qual resize {cid} --start {s} --end {e}{where} --coder {shlex.quote(who)}` does")
                    continue
                if how == "join":  # over her own coding of the code: one coding over both
                    cid, a, b = here_now.join(key, over)
                    changed.setdefault(who, [0, 0])  # her coding widened: a change of hers too
                    kept.append(f"coding #{cid} ({it.document} {it.code}) now covers {a}-{b}: {label}, line "
                                f"{it.line}, codes more of it")
                    continue
                existing.add(key)
                self.store.codings.insert(document_id=doc_id, code_id=code_id, coder_id=key[2], start=s,
                                          end=e, words=count_words(texts[it.document][1][s:e]), memo=it.memo,
                                          origin=origin, starred=it.starred)
                added += 1
                changed.setdefault(who, [0, 0])[0] += 1
            # for each coder whose codings it changed (the file's coder, not whoever ran it): her `undo`
            # names it; an import that changed nothing is no change to name
            for name, (n_added, n_marked) in changed.items():
                self.store.audit.record("import", "codings", None, name, {"file": source, "added": n_added,
                                                                         "skipped": skipped, "memos_and_stars": n_marked})
        kept[:0] = [f"code '{old}' of {Path(source).name} is '{now}' here (renamed, moved or merged since): its "
                    "codings are placed under it, as `merge` places them" for old, now in followed.items()]
        if taken_back:
            kept.append(f"{len(taken_back)} coding(s) of {label} not brought back: this project removed "
                        f"or resized them since (first: line {taken_back[0]}); to keep one, code it again here")
        # the file's own coder, when --coder gave another: her codings became the other's unsaid (an
        # agreement of the two then compared a coder with herself)
        instead = sorted({it.coder for *_, it in resolved if it.coder and coder
                          and resolve_coder(it.coder) != resolve_coder(coder)})
        return {"file": source, "added": added, "already_present": skipped, "memos_and_stars": marked, "kept": kept,
                "new_coders": new_coders, "coder_instead_of": instead}

    def _code_now(self, ref: str, followed: dict[str, str]) -> Code:
        """The code a file's ``ref`` names, following this project's renames and moves since (an
        exported file of a code renamed here was refused whole, where `merge` follows them)."""
        from sto_qual.domain.errors import UnknownCode
        try:
            return self.store.codes.find(ref)
        except UnknownCode as exc:
            now = self.store.codes.renamed_to(ref)
            if now is None:  # a code a colleague added in her copy: "did you mean" alone put it under another code
                if "renamed" in exc.message or "ambiguous" in exc.message:
                    raise
                near = f"; or correct the file: {exc.hint}" if exc.hint and exc.hint.startswith("did you mean") else ""
                raise UnknownCode(exc.message, hint=f"a code this project does not have: `sto-qual code-add {ref}` (or "
                                  f"`sto-qual codebook-import FILE` of the codebook it was coded with) adds it{near}") \
                    from None
            followed[ref] = now
            return self.store.codes.find(now)

    def _new_coders(self, items, source: str, errors: list[CodingsFileError],
                    before: set[str] | None = None) -> list[str]:
        """The coders the file names that the project does not have yet (importing adds them).
        One that looks like an existing coder mistyped ("onderzoekr-a") is an error at the line
        naming it: an import is no undo step, and its codings would stay under a second coder.
        A next one of a series ("onderzoeker-b" beside "onderzoeker-a") is new."""
        new: list[str] = []
        said: set[str] = set()
        for it in items:
            try:  # a name that looks like a coder's is refused at its line, as the file's other faults are
                name = self.session.resolve_coder(it.coder)
            except StoQualError as exc:
                if it.coder not in said:
                    said.add(it.coder)
                    errors.append(CodingsFileError(exc.message.replace("; nothing was stored", ""), file=source,
                                                   line=it.coder_line or it.line, hint="correct the file's coder line"))
                continue
            if name in new or name in said or self.session.existing_coder_id(name) is not None:
                continue
            near = self.session.new_coder_near(name) if it.coder else None  # the default coder is chosen, not typed
            if near and before is not None and near not in before:
                near = closest_name(name, before)
            if near and not siblings(name, near):
                errors.append(CodingsFileError(
                    f"coder '{name}' is not in this project (did you mean {near}?)", file=source,
                    line=it.coder_line or it.line,
                    hint=f"correct the file's coder line, give --coder {shlex.quote(near)}, or give --coder "
                         f"{shlex.quote(name)} to add a new coder"))
                said.add(name)
                continue
            new.append(name)
        return new

    def export_yaml(self, out_dir: str | Path, coder: str | None = None, force: bool = False
                    ) -> tuple[list[Path], list[Path]]:
        """Write the codings as anchored YAML files, one per coder and document; returns the files
        written and the earlier export's files left beside them (a document or coder no longer
        coded: their codings are not the project's now, and `codings-import` of the folder would
        bring them back). Each file ends in a comment with its fingerprint: a file edited since it
        was written, or another program's, is not replaced without ``force`` (a coder's corrections
        to an export, made for `codings-import`, were replaced unsaid), and then nothing is written."""
        from sto_qual.report.codings_yaml import dump_codings
        from sto_qual.report.files import stamped_text, text_written_as_is
        out_dir = Path(out_dir)
        by: dict[tuple[str, str], list[Coding]] = {}
        for c in self.coding.codings(coder=coder):
            by.setdefault((c.coder, c.doc), []).append(c)
        texts = {d.name: self.store.documents.text(d.id) for d in self.store.documents.all()}
        # a coder's folder and a document's file by name, kept inside out_dir (a coder "..": the
        # file was written beside it, and importing the folder lost her codings); the file says
        # its coder and document itself
        folders: dict[str, str] = {}
        files: dict[str, dict[str, str]] = {}
        targets: dict[Path, str] = {}
        for (coder_name, doc), items in sorted(by.items()):
            folder = file_part(coder_name, folders)
            target = out_dir / folder / f"{file_part(doc, files.setdefault(folder, {}))}.yaml"
            targets[target] = stamped_text(dump_codings(doc, coder_name, items, texts[doc]), "yaml")
        kept = [(t, why) for t in targets if (why := text_written_as_is(t, "yaml")) and not force]
        if kept:
            more = f" (and {len(kept) - 1} more file{'s' * (len(kept) > 2)} there)" if len(kept) > 1 else ""
            raise ExportError(f"cannot write {kept[0][0]}{more}: {kept[0][1]}; nothing was written",
                              hint="give --force to replace it, losing what was changed in it, or export to another "
                                   "folder with -o")
        written: list[Path] = []
        for target, text in targets.items():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a folder the user cannot write to: said as every export says it
                done = f"; {len(written)} files were written before it" if written else "; nothing was written"
                raise ExportError(f"cannot write {target.parent} ({exc.strerror or exc}){done}") from None
            atomic_write_text(target, text)
            written.append(target)
        # files of an earlier export into this folder that this one did not write
        # (one coder's export looks only in her folder: the others' files are theirs)
        looked = {t.parent for t in targets} if coder is not None else set(p.parent for p in out_dir.glob("*/*.yaml"))
        left = sorted(f for d in looked for f in d.glob("*.yaml") if f not in targets and f.is_file()
                      and text_written_as_is(f, "yaml") != "it is a file this program did not write")
        return written, left


def _other_problems(errors: Sequence[CodingsFileError]) -> str:
    """The problems of a file after its first, for the first's line: each other kind once with its
    first line (up to three kinds), and the lines each is found at again ("the same at lines 7,
    10, 13 and 4996 more lines")."""
    lines: dict[str, list[int | None]] = {}
    for e in errors:
        lines.setdefault(e.message, []).append(e.line)

    def again(at: list[int | None]) -> str:
        shown = ", ".join(str(x) for x in at[:3] if x)
        if not shown:
            return f"{len(at)} more place{'s' * (len(at) > 1)}"
        return f"line{'s' * (len(at) > 1)} {shown}" + (f" and {len(at) - 3} more lines" if len(at) > 3 else "")
    first, *others = lines.items()
    same = [f"the same at {again(first[1][1:])}"] if len(first[1]) > 1 else []
    also = [(f"line {at[0]}: " if at[0] else "") + message + (f" (also at {again(at[1:])})" if len(at) > 1 else "")
            for message, at in others[:3]]
    if len(others) > 3:
        also.append(f"{len(others) - 3} more kind{'s' * (len(others) > 4)} of problem")
    return "; ".join([*same, *(["also " + "; ".join(also)] if also else [])])


def _ambiguous(text: str, quote: str, found: list[int], doc: str) -> str:
    """The one-line refusal of a quote that occurs ``len(found)`` times and has no occurrence."""
    inside = sum(1 for p in found if (quote[0].isalnum() and p > 0 and text[p - 1].isalnum())
                 or (quote[-1].isalnum() and p + len(quote) < len(text) and text[p + len(quote)].isalnum()))
    within = f" ({inside} of them inside a longer word)" if inside else ""
    return (f"quote “{quote[:40]}” occurs {len(found)} times in {doc}{within}; add 'occurrence: N' to this "
            f"coding (N = 1 to {len(found)}, in text order) or quote more of the passage")


def _parse_codings_outcome(path: Path) -> tuple[str, Any]:
    """("ok", entries) or ("error", one-line message): picklable for a worker process."""
    from sto_qual.importers.codings_yaml import parse_codings_file
    try:
        return "ok", parse_codings_file(path)
    except StoQualError as exc:
        return "error", str(exc)
