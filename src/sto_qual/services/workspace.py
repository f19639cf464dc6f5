"""Workspace: the use cases of sto_qual over one project.

Contract: every method takes and returns domain values (dataclasses, dicts of
plain values, pandas DataFrames for analysis); errors a user can cause are
``StoQualError`` subclasses with a one-line message; a method either completes
its writes or leaves the project unchanged. Heavy libraries (spaCy, pandas,
python-docx) are imported inside the methods that need them, so that commands
which need none of them start fast.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sto_qual.domain.controls import check_name, strip_controls
from sto_qual.domain.errors import (CodebookError, CodingsFileError, ExportError, NothingToDo,
                                    ProjectError, SpanError, StoQualError)
from sto_qual.domain.model import Code, Codebook, CodeSpec, Coding, Document, ParsedDocument, Suggestion
from sto_qual.domain.names import derive_name, did_you_mean, is_slug
from sto_qual.domain.spans import check_span, shrink_to_units, snap_to_units
from sto_qual.domain.text import count_words, fold, normalise
from sto_qual.services.analysis import AnalysisMixin
from sto_qual.services.exports import ExportMixin
from sto_qual.store import ProjectStore

DEFAULT_CODER = "onderzoeker"
RETRAIN_BATCH = 25  # new codings after which `suggest` retrains a model that was used before
BUNDLED_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "sto.yaml"
ProgressFn = Callable[[int, int, str], None]


@dataclass
class ImportSummary:
    imported: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped, "refused": self.refused,
                "warnings": self.warnings}


class Workspace(AnalysisMixin, ExportMixin):
    """One open project and its use cases."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self._texts: dict[int, str] = {}
        self._coder_ids: dict[str, int] = {}
        self.codebook_warnings: list[str] = []  # from the codebook file a new project was made with

    # ------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Workspace:
        return cls(ProjectStore(path))

    @classmethod
    def create(cls, path: str | os.PathLike[str] | None, codebook: str | Path | None = None,
               default_coder: str | None = None) -> Workspace:
        """Make a new project with a codebook (the bundled STO codebook by default).
        Refuses an existing file; a bad codebook leaves no file behind."""
        from sto_qual.importers.codebook_yaml import parse_codebook_file
        cb = parse_codebook_file(codebook or BUNDLED_CODEBOOK)  # validate before creating anything
        if path is not None and str(path) != ":memory:":
            p = Path(path)
            if p.exists():
                raise ProjectError(f"{p}: already exists", hint="choose another --project path or remove it")
            if not p.parent.exists():
                raise ProjectError(f"{p.parent}: no such directory")
        try:
            ws = cls(ProjectStore(path, create=True))
            ws.store.settings.set("default_coder", ws.resolve_coder(default_coder) if default_coder else DEFAULT_CODER)
            ws.store.settings.set("codebook_title", cb.title)
            ws._apply_codebook(cb, remove_missing=False)
            ws.codebook_warnings = list(cb.warnings)
        except BaseException:
            if path is not None and str(path) != ":memory:":
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            raise
        return ws

    def close(self) -> None:
        self.store.close()

    def info(self) -> dict[str, Any]:
        return self.store.file.info()

    def project_version(self) -> int:
        """Changes whenever another connection (program, window, coder) commits."""
        return self.store.file.data_version()

    def forget_cached(self) -> None:
        """Forget what this Workspace cached (another program changed the project)."""
        self._texts.clear()
        self.store.codes.invalidate()

    def document_exists(self, doc_id: int) -> bool:
        return self.store.documents.exists(doc_id)

    # ---------------------------------------------------------------- coders
    def resolve_coder(self, coder: str | None = None) -> str:
        name = (coder or os.environ.get("STO_QUAL_CODER") or self.store.settings.get("default_coder")
                or DEFAULT_CODER).strip()
        if not name or len(name) > 80:
            raise StoQualError("a coder name must be 1-80 characters")
        return check_name(name, "the coder name")

    def coder_id(self, coder: str | None = None) -> int:
        name = self.resolve_coder(coder)
        cid = self._coder_ids.get(name)
        if cid is None:
            cid = self.store.coders.ensure(name)
            self._coder_ids[name] = cid
        return cid

    def coders(self) -> list[dict[str, Any]]:
        default = self.store.settings.get("default_coder")
        return [{**c, "default": c["name"] == default} for c in self.store.coders.all()]

    def set_default_coder(self, name: str) -> None:
        self.store.settings.set("default_coder", self.resolve_coder(name))

    # -------------------------------------------------------------- codebook
    def codebook(self) -> list[Code]:
        return self.store.codes.tree()

    def code(self, ref: str) -> Code:
        """The code by path or unambiguous name, with its number of codings."""
        from dataclasses import replace
        c = self.store.codes.find(ref)
        return replace(c, codings=self.store.codes.coding_count(c.id))

    def codebook_title(self) -> str:
        return self.store.settings.get("codebook_title") or "Codebook"

    def _apply_codebook(self, cb: Codebook, remove_missing: bool) -> dict[str, list[str]]:
        report: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": [], "not_in_file": []}
        positions: dict[str | None, int] = {}
        from sto_qual.store.summaries import SummaryStore
        synthesis = SummaryStore(self.store)
        yaml_source = (cb.source or "").lower().endswith((".yaml", ".yml"))
        with self.store.transaction():
            for spec in cb.codes:
                pos = positions.get(spec.parent, 0) + 1
                positions[spec.parent] = pos
                code_id, what = self.store.codes.upsert(spec, pos)
                report[what].append(spec.path)
            # a .qdc has no synthesis fields (keep ours); a YAML codebook says them all. After
            # every code exists: a contrast may name a code further down the file.
            for spec in cb.codes:
                if yaml_source or spec.summary or spec.contrasts:
                    others = [self.store.codes.find(p).id for p in spec.contrasts]
                    if synthesis.set_code_fields(self.store.codes.find(spec.path).id, spec.summary, others) \
                            and spec.path in report["unchanged"]:
                        report["unchanged"].remove(spec.path)
                        report["updated"].append(spec.path)
        in_file = {s.path for s in cb.codes}
        report["not_in_file"] = [c.path for c in self.store.codes.tree() if c.path not in in_file]
        return report

    def import_codebook(self, path: str | Path) -> dict[str, list[str]]:
        """Update the project's codebook from a file (YAML or REFI-QDA .qdc): codes are added
        or their definitions updated; codes missing from the file are reported, never deleted."""
        path = Path(path)
        if path.suffix.lower() == ".qdc":
            from sto_qual.importers.refi import parse_qdc
            cb = parse_qdc(path)
        else:
            from sto_qual.importers.codebook_yaml import parse_codebook_file
            cb = parse_codebook_file(path)
        report = self._apply_codebook(cb, remove_missing=False)
        report["warnings"] = list(cb.warnings)
        return report

    def codebook_specs(self) -> Codebook:
        from sto_qual.store.summaries import SummaryStore
        extra = SummaryStore(self.store).code_fields()
        all_codes = self.store.codes.tree()
        paths = {c.id: c.path for c in all_codes}
        codes = tuple(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=c.colour, label=c.label,
                               definition=c.definition, when_to_use=c.when_to_use,
                               when_not_to_use=c.when_not_to_use, examples=c.examples, keywords=c.keywords,
                               summary=extra.get(c.id, ("", ()))[0],
                               contrasts=tuple(paths[i] for i in extra.get(c.id, ("", ()))[1] if i in paths),
                               label_en=c.label_en)
                      for c in all_codes)
        return Codebook(title=self.codebook_title(), codes=codes)

    def export_codebook(self, out: str | Path) -> Path:
        out = Path(out)
        if out.suffix.lower() == ".qdc":
            from sto_qual.report.refi import write_qdc
            write_qdc(self.codebook_specs(), self.coders_for_export(), out)
        else:
            from sto_qual.report.codebook_yaml import dump_codebook
            _atomic_write_text(out, dump_codebook(self.codebook_specs()))
        return out

    def add_code(self, path: str, *, colour: str | None = None, definition: str = "",
                 label: str | None = None, coder: str | None = None) -> Code:
        given = path.strip().strip("/")
        # a name like 'Kwaliteit zorg' becomes its slug; the original name becomes the label
        derived = [derive_name(p) for p in given.split("/")]
        parts = [d for d, _ in derived]
        path = "/".join(parts)
        if not all(is_slug(p) for p in parts):
            raise CodebookError(f"code path '{given}': each part needs letters or digits",
                                hint="code names are lowercase slugs (a-z, 0-9, -); a/b makes b a sub-code of a")
        if derived[-1][1] and label is None:
            label = given.split("/")[-1].strip()
        parent = "/".join(parts[:-1]) or None
        existing = {c.path: c for c in self.store.codes.tree()}
        if path in existing:
            raise CodebookError(f"code '{path}' already exists")
        if parent and parent not in existing:
            hint = did_you_mean(parent, ((c.path, c.name, c.label) for c in existing.values()))
            raise CodebookError(f"parent '{parent}' does not exist", hint=hint or "add the parent code first")
        if colour and not re.match(r"^#[0-9a-fA-F]{6}$", colour):
            raise CodebookError(f"bad colour {colour!r}", hint="write it as #rrggbb")
        siblings = [c for c in existing.values() if c.parent == parent]
        label, definition = check_name(label, "the code label"), strip_controls(definition)
        spec = CodeSpec(path=path, name=parts[-1], parent=parent,
                        colour=(colour or (existing[parent].colour if parent else _next_colour(len(siblings)))).lower(),
                        label=label, definition=definition)
        self.store.codes.upsert(spec, len(siblings) + 1, coder=self.resolve_coder(coder))
        return self.store.codes.find(path)

    def edit_code(self, ref: str, coder: str | None = None, **fields: Any) -> Code:
        code = self.code(ref)
        if "colour" in fields and not re.match(r"^#[0-9a-fA-F]{6}$", str(fields["colour"])):
            raise CodebookError(f"bad colour {fields['colour']!r}", hint="write it as #rrggbb")
        fields = _clean_code_fields(fields)
        self.store.codes.update_fields(code.id, fields, coder=self.resolve_coder(coder))
        return self.store.codes.by_id(code.id)

    def rename_code(self, ref: str, new_name: str, coder: str | None = None) -> str:
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", new_name):
            raise CodebookError(f"code name '{new_name}' must be a lowercase slug (a-z, 0-9, -)")
        return self.store.codes.rename(self.code(ref), new_name, coder=self.resolve_coder(coder))

    def move_code(self, ref: str, new_parent: str | None, coder: str | None = None) -> str:
        parent = self.code(new_parent) if new_parent else None
        return self.store.codes.move(self.code(ref), parent, coder=self.resolve_coder(coder))

    def merge_codes(self, source: str, target: str, coder: str | None = None) -> int:
        src, dst = self.code(source), self.code(target)
        self.store.file.auto_backup("pre-merge")
        return self.store.codes.merge(src, dst, coder=self.resolve_coder(coder))

    def delete_code(self, ref: str, force: bool = False, coder: str | None = None) -> int:
        code = self.code(ref)
        if force and self.store.codes.coding_counts().get(code.id):
            self.store.file.auto_backup("pre-delete")
        return self.store.codes.delete(code, force=force, coder=self.resolve_coder(coder))

    # ------------------------------------------------------------- documents
    def documents(self) -> list[Document]:
        return self.store.documents.all()

    def document(self, ref: str | int) -> Document:
        doc_id, _ = self.store.documents.find(ref)
        return self.store.documents.all(doc_id=doc_id)[0]

    def document_text(self, ref: str | int) -> str:
        doc_id, _ = self.store.documents.find(ref)
        return self.store.documents.text(doc_id)

    def turns(self, ref: str | int):
        doc_id, _ = self.store.documents.find(ref)
        return self.store.transcripts.turns(doc_id)

    def units(self, ref: str | int):
        doc_id, _ = self.store.documents.find(ref)
        return self.store.transcripts.units(doc_id)

    def delete_document(self, ref: str | int, coder: str | None = None,
                        purge_backups: bool = True) -> dict[str, Any]:
        """Delete a document completely: text, turns, units, search index, codings, memos,
        suggestions, undo history, speaker names only it used, and sto_qual's own automatic
        backups that contain it. Other files that hold it are reported (``also_in``), never
        deleted. The file is vacuumed and the WAL emptied so no byte of it stays behind."""
        from sto_qual.services.backups import document_copies
        doc_id, name = self.store.documents.find(ref)
        own, others = document_copies(self, doc_id)
        counts = self.store.documents.delete(doc_id, coder=self.resolve_coder(coder))
        self._texts.pop(doc_id, None)
        removed = []
        if purge_backups:
            for p in own:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(p) + suffix).unlink(missing_ok=True)
                removed.append(p)
        self.store.file.vacuum()
        complete = self.store.file.checkpoint()
        out = {"document": name, **counts, "backups_removed": [str(p) for p in removed],
               "also_in": [str(p) for p in others + ([] if purge_backups else own)]}
        if not complete:
            out["warning"] = ("the project is open in another program: part of the deleted text stays in its "
                              "-wal file until every program has closed the project")
        return out

    def set_roles(self, mapping: dict[tuple[str, str], str] | dict[str, str]) -> None:
        """Map speaker labels to roles; keys are a label (every document) or (document, label)."""
        norm = {(k if isinstance(k, tuple) else ("", k)): v for k, v in mapping.items()}
        for (_doc, label), role in norm.items():
            check_name(label, "the speaker label")
            check_name(role, "the role")
        self.store.roles.set(norm, coder=self.resolve_coder())

    def role_map(self) -> dict[tuple[str, str], str]:
        return self.store.roles.map()

    # ----------------------------------------------------------------- import
    def import_files(self, inputs: Sequence[str | Path], *, attributes: str | Path | None = None,
                     role_map: str | Path | dict[str, str] | None = None,
                     text_columns: list[str] | None = None, id_column: str | None = None,
                     progress: ProgressFn | None = None, workers: int | None = None) -> ImportSummary:
        """Import transcripts (files or directories). Each file is one transaction (survey
        rows: a few hundred per transaction, each row its own savepoint); a file or row with
        the same content as a stored document is skipped; a refused file or row never stops
        the others. Files are parsed and segmented in ``workers`` processes (default: one
        per core, see services.importing) while this process stores them in order."""
        from sto_qual.importers.registry import DIRECTORY_SUFFIXES
        from sto_qual.importers.tables import attribute_table, role_table
        summary = ImportSummary()
        attr_table = attribute_table(attributes) if attributes else {}
        if role_map is not None:
            self.set_roles(role_map if isinstance(role_map, dict) else role_table(role_map))
        files: list[Path] = []
        for item in inputs:
            p = Path(item)
            if p.is_dir():
                # survey tables (.csv/.xlsx) only when named: a folder's CSVs are usually
                # attribute or role tables, not answers
                files += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in DIRECTORY_SUFFIXES
                                and not f.name.startswith(".") and f.name.lower() != "readme.md")
            elif p.exists():
                files.append(p)
            else:
                summary.refused.append({"file": str(p), "error": f"{p}: no such file or directory"})
        from sto_qual.services.importing import run_import
        run_import(self, files, attr_table=attr_table, text_columns=text_columns, id_column=id_column,
                   summary=summary, progress=progress, workers=workers)
        return summary

    def _ingest(self, doc: ParsedDocument, extra_attrs: dict[str, Any], summary: ImportSummary,
                segmented: tuple[list, list] | None = None) -> None:
        """Store one parsed document (skipped when its text is already here); ``segmented``
        is ``segment_document(doc)`` done beforehand, outside a write transaction."""
        from sto_qual.services.importing import DocumentWriter, prepare
        (prepared,) = prepare([doc], segmented=None if segmented is None else [segmented])
        if isinstance(prepared, StoQualError):
            raise prepared
        DocumentWriter(self).store_one(prepared, extra_attrs, summary)

    @staticmethod
    def segment_document(doc: ParsedDocument) -> tuple[list, list]:
        """(units, folded unit texts) of a document: sentences per line of each turn, so a
        unit never crosses a turn or a paragraph. Slow (spaCy): never inside a transaction."""
        from sto_qual.services.importing import prepare
        (prepared,) = prepare([doc])
        if isinstance(prepared, StoQualError):
            raise prepared
        return prepared.units, prepared.folded

    def import_qdpx(self, path: str | Path) -> ImportSummary:
        from sto_qual.services.interchange import import_qdpx
        return import_qdpx(self, Path(path))

    def set_attributes(self, ref: str | int, attrs: dict[str, Any]) -> None:
        doc_id, _ = self.store.documents.find(ref)
        for k, v in attrs.items():
            check_name(str(k), "an attribute name")
            check_name(v, f"attribute '{k}'")
        self.store.documents.set_attributes(doc_id, attrs, coder=self.resolve_coder())

    # ----------------------------------------------------------------- search
    def search(self, query: str, lemma: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Units matching every word of ``query`` (diacritics-insensitive); with ``lemma``,
        matching on lemmas so that "school" finds "scholen"."""
        if lemma:
            from sto_qual.nlp.pipeline import lemma_query
            words = lemma_query(query)
            column = "lemmas"
        else:
            words = fold(query).split()
            column = "folded"
        words = [re.sub(r"[^\w-]", "", w) for w in words]
        words = [w for w in words if w]
        if not words:
            raise StoQualError("empty search query", hint="give one or more words")
        match = " ".join('"' + w.replace('"', "") + '"' for w in words)
        roles = self.store.roles.map()
        rows = self.store.transcripts.search(match, column, limit)
        for r in rows:
            r["role"] = self.store.roles.role_for(roles, r["doc"], r.get("speaker"))
        return rows

    # ----------------------------------------------------------------- coding
    def _text(self, doc_id: int) -> str:
        """Document text, cached (texts are immutable once imported)."""
        t = self._texts.get(doc_id)
        if t is None:
            if len(self._texts) > 64:
                self._texts.clear()
            t = self.store.documents.text(doc_id)
            self._texts[doc_id] = t
        return t

    def _words(self, doc_id: int, start: int, end: int) -> int:
        return count_words(self._text(doc_id)[start:end])

    def _doc_length(self, doc_id: int) -> int:
        return len(self._text(doc_id))

    def resolve_span(self, doc_id: int, *, start: int | None = None, end: int | None = None,
                     unit: int | None = None, turn: int | None = None, doc_name: str = "") -> tuple[int, int]:
        if unit is not None:
            u = self.store.transcripts.unit(unit)
            if u.document_id != doc_id:
                raise SpanError(f"unit {unit} is not in document {doc_name}")
            return u.start, u.end
        if turn is not None:
            # turns are numbered from 1 within their document, as the TUI and the report show them
            turns = self.store.transcripts.turns(doc_id)
            if not 1 <= turn <= len(turns):
                raise SpanError(f"document {doc_name} has no turn {turn} (it has {len(turns)})",
                                hint=f"see `sto-qual show --doc {doc_name}`")
            t = turns[turn - 1]
            return t.start, t.end
        if start is None or end is None:
            raise SpanError("give --start and --end, or --unit, or --turn")
        check_span(start, end, self._doc_length(doc_id), doc=doc_name)
        return start, end

    def assign_code(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
                    unit: int | None = None, turn: int | None = None, coder: str | None = None,
                    memo: str | None = None, starred: bool = False, origin: str = "manual") -> Coding:
        """Apply ``code`` to a span (offsets, a unit id, or a turn id/number) of ``doc``.
        Returns the stored coding. Undoable; audited."""
        doc_id, doc_name = self.store.documents.find(doc)
        c = self.store.codes.find(code)
        s, e = self.resolve_span(doc_id, start=start, end=end, unit=unit, turn=turn, doc_name=doc_name)
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        with self.store.transaction():
            cid, added = self.store.codings.insert_once(document_id=doc_id, code_id=c.id, coder_id=coder_id, start=s,
                                                        end=e, words=self._words(doc_id, s, e), memo=strip_controls(memo),
                                                        origin=origin, starred=starred)
            if not added:  # this coder coded this span with this code already (another window)
                return self.store.codings.get(cid)
            row = self.store.codings.row(cid)
            self.store.history.push(coder_id, {"op": "add", "document_id": doc_id, "coding": row})
            self.store.audit.record("add", "coding", cid, coder_name, {"doc": doc_name, "code": c.path, "start": s,
                                                                       "end": e})
        return self.store.codings.get(cid)

    def remove_coding(self, coding_id: int, coder: str | None = None) -> Coding:
        coding = self.store.codings.get(coding_id)
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        with self.store.transaction():
            row = self.store.codings.row(coding_id)
            self.store.codings.delete_row(coding_id)
            self.store.history.push(coder_id, {"op": "remove", "document_id": row["document_id"], "coding": row})
            self.store.audit.record("remove", "coding", coding_id, coder_name, {"doc": coding.doc, "code": coding.code})
        return coding

    def uncode(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
               unit: int | None = None, turn: int | None = None, coder: str | None = None,
               all_coders: bool = False) -> list[Coding]:
        """Remove ``code`` from a span: every coding of that code (by this coder unless
        ``all_coders``) that overlaps the span."""
        doc_id, doc_name = self.store.documents.find(doc)
        c = self.store.codes.find(code)
        s = e = None
        if any(v is not None for v in (start, end, unit, turn)):
            s, e = self.resolve_span(doc_id, start=start, end=end, unit=unit, turn=turn, doc_name=doc_name)
        coder_id = None if all_coders else self.coder_id(coder)
        ids = self.store.codings.find(doc_id, c.id, coder_id, s, e)
        if not ids:
            raise NothingToDo(f"no coding of '{c.path}' there in {doc_name}", hint="see `sto-qual codings`")
        removed = []
        coder_name = self.resolve_coder(coder)
        my_id = self.coder_id(coder_name)
        with self.store.transaction():
            actions = []
            for cid in ids:
                removed.append(self.store.codings.get(cid))
                row = self.store.codings.row(cid)
                self.store.codings.delete_row(cid)
                actions.append({"op": "remove", "document_id": doc_id, "coding": row})
                self.store.audit.record("remove", "coding", cid, coder_name, {"doc": doc_name, "code": c.path})
            self.store.history.push(my_id, actions[0] if len(actions) == 1 else
                                    {"op": "batch", "document_id": doc_id, "actions": actions})
        return removed

    def _update(self, coding_id: int, coder: str | None, verb: str, document: int | None = None,
                **fields: Any) -> Coding:
        row = self.store.codings.row(coding_id)
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}", hint="see `sto-qual codings`")
        if document is not None and row["document_id"] != document:
            from sto_qual.domain.errors import StaleChange
            raise StaleChange(f"coding #{coding_id} is not in this document any more; nothing was changed",
                              hint="reload the document")
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        before = {k: row[k] for k in fields}
        if before == fields:
            return self.store.codings.get(coding_id)
        with self.store.transaction():
            self.store.codings.update_row(coding_id, **fields)
            self.store.history.push(coder_id, {"op": "update", "document_id": row["document_id"],
                                               "id": coding_id, "before": before, "after": fields})
            self.store.audit.record(verb, "coding", coding_id, coder_name, {"before": before, "after": fields})
        return self.store.codings.get(coding_id)

    def set_memo(self, coding_id: int, memo: str | None, coder: str | None = None,
                 document: int | None = None) -> Coding:
        """Set a coding's memo; with ``document``, refused unless the coding is in that document."""
        return self._update(coding_id, coder, "memo", document, memo=(strip_controls(memo) or None))

    def star(self, coding_id: int, starred: bool = True, coder: str | None = None,
             document: int | None = None) -> Coding:
        return self._update(coding_id, coder, "star" if starred else "unstar", document, starred=int(starred))

    def resize_coding(self, coding_id: int, *, start: int | None = None, end: int | None = None,
                      snap: bool = False, shrink: bool = False, coder: str | None = None) -> Coding:
        """Change a coding's span; with ``snap``, extend it to the whole sentences it touches;
        with ``shrink``, reduce it to the whole sentences inside it."""
        row = self.store.codings.row(coding_id)
        if row is None:
            raise NothingToDo(f"no coding with id {coding_id}")
        s = row["start"] if start is None else start
        e = row["end"] if end is None else end
        doc_id = row["document_id"]
        check_span(s, e, self._doc_length(doc_id))
        units = [(u.start, u.end) for u in self.store.transcripts.units(doc_id)] if (snap or shrink) else []
        if snap:
            s, e = snap_to_units(s, e, units)
        elif shrink:
            inner = shrink_to_units(s, e, units)
            if inner is None:
                raise SpanError(f"coding {coding_id} holds no whole sentence", hint="use --snap to extend it")
            s, e = inner
        return self._update(coding_id, coder, "resize", start=s, end=e, words=self._words(doc_id, s, e))

    def codings(self, *, doc: str | int | None = None, code: str | None = None, coder: str | None = None,
                starred: bool | None = None, include_subcodes: bool = True) -> list[Coding]:
        doc_id = self.store.documents.find(doc)[0] if doc is not None else None
        code_ids = None
        if code is not None:
            c = self.store.codes.find(code)
            code_ids = [x.id for x in self.store.codes.tree(with_counts=False)
                        if x.path == c.path or (include_subcodes and x.path.startswith(c.path + "/"))]
        coder_id = None
        if coder is not None:
            coder_id = self.store.coders.by_name(coder)
            if coder_id is None:
                raise StoQualError(f"unknown coder '{coder}'", hint="see `sto-qual coders`")
        return self.store.codings.all(doc_id=doc_id, code_ids=code_ids, coder_id=coder_id, starred=starred)

    def coding_tuples(self, *, code: str | None = None, coder: str | None = None,
                      starred: bool | None = None, doc: str | int | None = None, columns: bool = False) -> list:
        """Like ``codings`` but plain tuples (id, document_id, doc, code, start, end, text, coder,
        memo, origin, starred, created_at), for exports over tens of thousands of codings; with
        ``columns``, the columns of those tuples."""
        doc_ids = [self.store.documents.find(doc)[0]] if doc is not None else None
        code_ids = None
        if code is not None:
            c = self.store.codes.find(code)
            code_ids = [x.id for x in self.store.codes.tree(with_counts=False)
                        if x.path == c.path or x.path.startswith(c.path + "/")]
        coder_id = None
        if coder is not None:
            coder_id = self.store.coders.by_name(coder)
            if coder_id is None:
                raise StoQualError(f"unknown coder '{coder}'", hint="see `sto-qual coders`")
        return self.store.codings.all(doc_ids=doc_ids, code_ids=code_ids, coder_id=coder_id, starred=starred,
                                      columns=columns)

    def coding(self, coding_id: int) -> Coding:
        return self.store.codings.get(coding_id)

    # ---------------------------------------------------------------- undo
    def _apply(self, action: dict[str, Any], inverse: bool, checked: bool = False) -> None:
        if not checked:
            from sto_qual.services.undo import check
            check(self.store, action, inverse)
        op = action["op"]
        if op == "batch":
            for a in (reversed(action["actions"]) if inverse else action["actions"]):
                self._apply(a, inverse, checked=True)
            return
        if op in ("add", "remove"):
            insert = (op == "add") == (not inverse)
            row = action["coding"]
            if insert:
                if self.store.codings.row(row["id"]) is None:
                    self.store.codings.insert(document_id=row["document_id"], code_id=row["code_id"],
                                              coder_id=row["coder_id"], start=row["start"], end=row["end"],
                                              words=row.get("words", 0), memo=row["memo"], origin=row["origin"], starred=bool(row["starred"]),
                                              coding_id=row["id"], created_at=row["created_at"])
            else:
                self.store.codings.delete_row(row["id"])
            if action.get("suggestion_id"):
                self.store.suggestions.decide(action["suggestion_id"], "accepted" if insert else "pending",
                                              row["coder_id"], row["id"] if insert else None)
            return
        if op == "summary":  # a summary-grid cell or theme summary (services/synthesis.py)
            from sto_qual.services.synthesis import apply_history
            apply_history(self, action, inverse)
            return
        if op == "update":
            fields = action["before"] if inverse else action["after"]
            if self.store.codings.row(action["id"]) is not None:
                self.store.codings.update_row(action["id"], **fields)
            return
        raise ValueError(f"unknown history op {op}")  # pragma: no cover

    def undo(self, coder: str | None = None) -> dict[str, Any]:
        """Undo this coder's last change (survives restarts; at least 50 steps)."""
        return self._step(coder, undo=True)

    def redo(self, coder: str | None = None) -> dict[str, Any]:
        return self._step(coder, undo=False)

    def _step(self, coder: str | None, undo: bool) -> dict[str, Any]:
        from sto_qual.domain.errors import StaleChange
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        try:
            with self.store.transaction():
                entry = self.store.history.last(coder_id, undone=not undo)
                if entry is None:
                    raise NothingToDo(f"nothing to {'undo' if undo else 'redo'} for coder {coder_name}")
                hid, action = entry
                self._apply(action, inverse=undo)
                self.store.history.mark(hid, undone=undo)
                self.store.audit.record("undo" if undo else "redo", "history", hid, coder_name, {"op": action["op"]})
        except StaleChange as exc:
            # a step that can never apply again would block every step behind it
            with self.store.transaction():
                self.store.history.drop(hid)
            exc.hint = "this step was dropped from your undo history"
            raise
        return {"op": action["op"], "undone" if undo else "redone": _describe(action)}

    def history_depth(self, coder: str | None = None) -> tuple[int, int]:
        return self.store.history.depth(self.coder_id(coder))

    # --------------------------------------------------------------- memos
    def add_memo(self, target: str, ref: str | int, text: str, coder: str | None = None) -> int:
        if target == "document":
            tid = self.store.documents.find(ref)[0]
        elif target == "code":
            tid = self.store.codes.find(str(ref)).id
        elif target == "coding":
            tid = self.store.codings.get(int(ref)).id
        else:
            raise StoQualError(f"memos attach to a document, code or coding, not '{target}'")
        return self.store.memos.add(target, tid, strip_controls(text), self.coder_id(coder))

    def memos(self, target: str | None = None) -> list[dict[str, Any]]:
        return self.store.memos.all(target)

    # ------------------------------------------------- anchored codings files
    def import_codings(self, path: str | Path, coder: str | None = None, origin: str = "imported"
                       ) -> dict[str, Any]:
        """Apply a codings file (codings anchored by quote text). All or nothing: any quote
        that cannot be found refuses the whole file with its line; re-importing is a no-op."""
        from sto_qual.importers.codings_yaml import parse_codings_file
        items = parse_codings_file(path)
        return self.apply_anchored(items, str(path), coder=coder, origin=origin)

    def import_codings_files(self, paths: Sequence[str | Path], coder: str | None = None,
                             workers: int = 2) -> list[dict[str, Any]]:
        """Import many codings files: parsed in ``workers`` processes while this one applies
        them, each file all or nothing. Returns per file {"file", "added", "already_present"}
        or {"file", "error"}."""
        results: list[dict[str, Any]] = []
        paths = [Path(p) for p in paths]

        def apply(path: Path, outcome: tuple[str, Any]) -> None:
            kind, value = outcome
            if kind == "error":
                results.append({"file": str(path), "error": value})
                return
            try:
                results.append(self.apply_anchored(value, str(path), coder=coder))
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

    def apply_anchored(self, items, source: str, coder: str | None = None, origin: str = "imported"
                       ) -> dict[str, Any]:
        texts: dict[str, tuple[int, str]] = {}
        positions: dict[tuple[str, str], list[int]] = {}
        code_cache: dict[str, Code] = {}
        resolved = []
        errors = []
        for it in items:
            try:
                if it.document not in texts:
                    doc_id, _ = self.store.documents.find(it.document)
                    texts[it.document] = (doc_id, self.store.documents.text(doc_id))
                doc_id, text = texts[it.document]
                code = code_cache.get(it.code)
                if code is None:
                    code = code_cache[it.code] = self.store.codes.find(it.code)
            except StoQualError as exc:
                errors.append(CodingsFileError(exc.message, file=source, line=it.line, hint=exc.hint))
                continue
            quote = normalise(it.quote)
            key = (it.document, quote)
            if key not in positions:  # each distinct quote is searched once, however many entries
                found_at, p = [], text.find(quote) if quote else -1
                while p >= 0:
                    found_at.append(p)
                    p = text.find(quote, p + 1)
                positions[key] = found_at
            pos = positions[key][it.occurrence - 1] if it.occurrence <= len(positions[key]) else None
            if pos is None:
                found = len(positions[key])
                msg = (f"quote not found in {it.document}: “{quote[:50]}”" if not found else
                       f"quote occurs {found} time(s) in {it.document}, not {it.occurrence}: “{quote[:40]}”")
                errors.append(CodingsFileError(msg, file=source, line=it.line,
                                               hint="copy the quote exactly from the transcript"))
                continue
            resolved.append((doc_id, code.id, pos, pos + len(quote), it))
        if errors:
            if len(errors) > 1:
                errors[0].hint = f"and {len(errors) - 1} more problem(s); nothing was imported"
            raise errors[0]
        added = skipped = 0
        coder_ids: dict[str, int] = {}
        with self.store.transaction():
            existing = self.store.codings.keys({r[0] for r in resolved})
            for doc_id, code_id, s, e, it in resolved:
                name = self.resolve_coder(it.coder or coder)
                if name not in coder_ids:
                    coder_ids[name] = self.store.coders.ensure(name)
                key = (doc_id, code_id, coder_ids[name], s, e)
                if key in existing:
                    skipped += 1
                    continue
                existing.add(key)
                self.store.codings.insert(document_id=doc_id, code_id=code_id, coder_id=coder_ids[name], start=s,
                                          end=e, words=count_words(texts[it.document][1][s:e]), memo=it.memo, origin=origin, starred=it.starred)
                added += 1
            self.store.audit.record("import", "codings", None, self.resolve_coder(coder),
                                    {"file": source, "added": added, "skipped": skipped})
        return {"file": source, "added": added, "already_present": skipped}

    def export_codings_yaml(self, out_dir: str | Path, coder: str | None = None) -> list[Path]:
        """Write the codings as anchored YAML files, one per coder and document."""
        from sto_qual.report.codings_yaml import dump_codings
        out_dir = Path(out_dir)
        written = []
        by: dict[tuple[str, str], list[Coding]] = {}
        for c in self.codings(coder=coder):
            by.setdefault((c.coder, c.doc), []).append(c)
        texts = {d.name: self.store.documents.text(d.id) for d in self.store.documents.all()}
        for (coder_name, doc), items in sorted(by.items()):
            target = out_dir / coder_name / f"{doc}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write_text(target, dump_codings(doc, coder_name, items, texts[doc]))
            written.append(target)
        return written

    # ------------------------------------------------------------ suggestions
    def suggest(self, *, doc: str | int | None = None, code: str | None = None, learned: bool = False,
                min_codings: int = 10, threshold: float | None = None, seed: int = 0,
                progress: ProgressFn | None = None) -> dict[str, Any]:
        """Generate pending suggestions (never codings): keyword rules and, with ``learned``,
        a calibrated model trained on this project's codings and codebook, combined into
        one suggestion per unit and code (``services.suggesting``)."""
        from sto_qual.services.suggesting import make_suggestions
        n_codings = self.store.file.info()["codings"]
        last = self.store.settings.get("model_codings")
        auto = not learned and last is not None and n_codings - last >= RETRAIN_BATCH
        # the model was used before and a batch of new codings arrived: learn from them
        result = make_suggestions(self, doc=doc, code=code, learned=learned or auto, min_codings=min_codings,
                                  threshold=threshold, seed=seed, progress=progress)
        if learned or auto:
            self.store.settings.set("model_codings", n_codings)
        result["retrained_automatically"] = auto
        return result

    def suggestions(self, *, status: str | None = "pending", doc: str | int | None = None,
                    code: str | None = None) -> list[Suggestion]:
        doc_id = self.store.documents.find(doc)[0] if doc is not None else None
        code_ids = None
        if code is not None:
            c = self.store.codes.find(code)
            code_ids = [x.id for x in self.store.codes.tree(with_counts=False) if x.path == c.path or x.path.startswith(c.path + "/")]
        from sto_qual.services.suggesting import visible
        return visible(self, self.store.suggestions.select(status=status, doc_id=doc_id, code_ids=code_ids))

    def accept(self, ids: Iterable[int] = (), *, all_above: float | None = None, coder: str | None = None
               ) -> list[Coding]:
        """Turn pending suggestions into codings (origin accepted-suggestion), one undo step."""
        ids = list(ids)
        if all_above is not None:
            ids += [s.id for s in self.suggestions(status="pending")
                    if s.confidence is not None and s.confidence >= all_above]
        if not ids:
            raise NothingToDo("no suggestions to accept", hint="give ids or --all-above")
        sugg = {s.id: s for s in self.store.suggestions.select(status=None, ids=ids)}
        missing = [i for i in ids if i not in sugg]
        if missing:
            raise NothingToDo(f"no suggestion with id {missing[0]}", hint="see `sto-qual suggestions`")
        not_pending = [i for i in ids if sugg[i].status != "pending"]
        if not_pending:
            raise NothingToDo(f"suggestion {not_pending[0]} is already {sugg[not_pending[0]].status}")
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        created = []
        with self.store.transaction():
            actions = []
            for sid in dict.fromkeys(ids):
                s = sugg[sid]
                code = self.store.codes.find(s.code)
                cid, new = self.store.codings.insert_once(document_id=s.document_id, code_id=code.id,
                                                          coder_id=coder_id, start=s.start, end=s.end,
                                                          words=count_words(s.text), origin="accepted-suggestion")
                self.store.suggestions.decide(sid, "accepted", coder_id, cid)
                if new:
                    actions.append({"op": "add", "document_id": s.document_id,
                                    "coding": self.store.codings.row(cid), "suggestion_id": sid})
                self.store.audit.record("accept", "suggestion", sid, coder_name, {"coding": cid, "code": s.code})
                created.append(cid)
            if actions:
                self.store.history.push(coder_id, actions[0] if len(actions) == 1 else
                                        {"op": "batch", "document_id": actions[0]["document_id"],
                                         "actions": actions})
        return [self.store.codings.get(c) for c in created]

    def reject(self, ids: Iterable[int] = (), *, all_below: float | None = None, coder: str | None = None) -> int:
        """Reject pending suggestions; a rejected (unit, code) is never proposed again."""
        ids = list(ids)
        if all_below is not None:
            ids += [s.id for s in self.suggestions(status="pending")
                    if s.confidence is not None and s.confidence < all_below]
        if not ids:
            raise NothingToDo("no suggestions to reject", hint="give ids")
        coder_name = self.resolve_coder(coder)
        coder_id = self.coder_id(coder_name)
        with self.store.transaction():
            for sid in ids:
                row = self.store.suggestions.row(sid)
                if row is None:
                    raise NothingToDo(f"no suggestion with id {sid}", hint="see `sto-qual suggestions`")
                if row["status"] != "pending":
                    raise NothingToDo(f"suggestion {sid} is already {row['status']}")
                self.store.suggestions.decide(sid, "rejected", coder_id, None)
                self.store.audit.record("reject", "suggestion", sid, coder_name, None)
        return len(ids)

    # ------------------------------------------------------------ pseudonyms
    def add_pseudonym(self, pattern: str, replacement: str, regex: bool = False) -> None:
        _check_pseudonym(pattern, replacement, regex)
        self.store.pseudonyms.add(pattern, replacement, regex)

    def import_pseudonyms(self, path: str | Path) -> int:
        """Every row is checked before any is added: a bad row leaves the list as it was."""
        from sto_qual.importers.tables import read_csv
        rows = read_csv(path, ("name", "replacement"))
        entries = [(r["name"], r["replacement"], r.get("regex", "").lower() in ("1", "true", "ja", "yes"))
                   for r in rows]
        for r, entry in zip(rows, entries):
            try:
                _check_pseudonym(*entry)
            except StoQualError as exc:
                raise StoQualError(exc.message, file=str(path), line=int(r["__line__"]), hint=exc.hint) from None
        for entry in entries:
            self.store.pseudonyms.add(*entry)
        return len(rows)

    def pseudonyms(self) -> list[tuple[str, str, bool]]:
        return self.store.pseudonyms.all()

    def anonymiser(self):
        """The project's pseudonym list as a function; a stored pattern the linear-time
        engine cannot run stops the export (``ExportError``) rather than leaving names in."""
        from sto_qual.domain.anonymise import Anonymiser
        from sto_qual.services.pseudonym_patterns import PatternRefused, compile_pattern
        try:
            return Anonymiser(self.store.pseudonyms.all(), compile_regex=compile_pattern)
        except PatternRefused as exc:
            raise ExportError(f"cannot apply the pseudonym list: {exc.message}",
                              hint="remove it with `sto-qual pseudonyms remove` and add a supported one") from None

    # ------------------------------------------------------------ backups
    def synthesis(self):
        """The summary grid and theme summaries (services/synthesis.py), one per Workspace so
        its drafting corpus is read once."""
        svc = self.__dict__.get("_synthesis")
        if svc is None:
            from sto_qual.services.synthesis import SynthesisService
            svc = self.__dict__["_synthesis"] = SynthesisService(self)
        return svc

    def backup(self, out: str | Path) -> Path:
        return self.store.file.backup(out)

    def coders_for_export(self) -> list[str]:
        return [c["name"] for c in self.store.coders.all()]


def _parse_codings_outcome(path: Path) -> tuple[str, Any]:
    """("ok", entries) or ("error", one-line message): picklable for a worker process."""
    from sto_qual.importers.codings_yaml import parse_codings_file
    try:
        return "ok", parse_codings_file(path)
    except StoQualError as exc:
        return "error", str(exc)


def _describe(action: dict[str, Any]) -> Any:
    if action["op"] == "batch":
        return [_describe(a) for a in action["actions"]]
    if action["op"] in ("add", "remove"):
        return {"coding": action["coding"]["id"], "op": action["op"]}
    if action["op"] == "summary":
        return {"summary": action["kind"], "code_id": action["code_id"], "document_id": action.get("document_id")}
    return {"coding": action.get("id"), "op": "update", "fields": sorted(action.get("after", {}))}


_PALETTE = ["#c0392b", "#2471a3", "#229954", "#d68910", "#7d3c98", "#17a589", "#a04000", "#2e4053"]


def _next_colour(i: int) -> str:
    return _PALETTE[i % len(_PALETTE)]


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        from sto_qual.domain.errors import ExportError
        raise ExportError(f"cannot write {path} ({exc.strerror})") from None


def _clean_code_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Code fields typed by a user: names refused with a control character, long texts stripped."""
    out = dict(fields)
    for key in ("label", "colour"):
        if isinstance(out.get(key), str):
            check_name(out[key], f"the code {key}")
    for key in ("definition", "when_to_use", "when_not_to_use"):
        if isinstance(out.get(key), str):
            out[key] = strip_controls(out[key])
    if out.get("keywords"):
        out["keywords"] = [check_name(k, "a keyword") for k in out["keywords"]]
    if out.get("examples"):
        out["examples"] = [strip_controls(x) for x in out["examples"]]
    return out


def _check_pseudonym(pattern: str, replacement: str, regex: bool) -> None:
    if not pattern.strip():
        raise StoQualError("a pseudonym needs a non-empty name or pattern")
    check_name(pattern, "the pseudonym name or pattern")
    check_name(replacement, "the pseudonym replacement")
    if regex:
        from sto_qual.services.pseudonym_patterns import compile_pattern
        compile_pattern(pattern)  # refused here if the linear-time engine cannot run it
