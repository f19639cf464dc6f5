"""Workspace: the one facade the CLI and the TUI talk to, over one open project.

Contract: every method takes and returns domain values (dataclasses, dicts of plain values, pandas
DataFrames for analysis); errors a user can cause are ``StoQualError`` subclasses with a one-line
message; a method either completes its writes or leaves the project unchanged. Heavy libraries
(spaCy, pandas, python-docx) are imported inside the use cases that need them, so that commands
which need none of them start fast. The work is done by one module per use case over a shared
``Session`` (store, coder, text cache); each method here only hands over to one of them:

    session            the store, who codes, document texts
    codebook           codes and codebook files
    documents          documents, roles, attributes, search
    document_import    transcripts in (the pipeline itself is services.importing)
    coding             codings and memos
    codings_files      codings anchored by quote text
    history            undo and redo
    suggestion_review  suggestions generated, accepted, rejected
    pseudonyms         the pseudonym list
    analysis           counts, crosstabs, co-occurrence, agreement
    exports            the report chapter and the exports
Beside them: interchange (REFI-QDA), merge, backups, safety (restore), demo.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ProjectError
from sto_qual.domain.model import Code, Codebook, Coding, Document, Suggestion
from sto_qual.services.analysis import AnalysisService
from sto_qual.services.codebook import BUNDLED_CODEBOOK, CodebookService
from sto_qual.services.coding import CodingService, Uncoded
from sto_qual.services.codings_files import CodingsFileService
from sto_qual.services.document_import import ImportService, ImportSummary
from sto_qual.services.documents import DocumentService
from sto_qual.services.exports import ExportService
from sto_qual.services.history import HistoryService
from sto_qual.services.pseudonyms import PseudonymService
from sto_qual.services.session import DEFAULT_CODER, ProgressFn, Session
from sto_qual.store.connection import remove_database_files
from sto_qual.services.suggestion_review import RETRAIN_BATCH, Accepted, SuggestionReview
from sto_qual.store import ProjectStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.analysis.tables import Table

__all__ = ["Workspace", "ImportSummary", "BUNDLED_CODEBOOK", "DEFAULT_CODER", "RETRAIN_BATCH"]


class Workspace:
    """One open project and its use cases."""

    def __init__(self, store: ProjectStore) -> None:
        self.session = Session(store)
        self.codebook_service = CodebookService(self.session)
        self.document_service = DocumentService(self.session)
        self.import_service = ImportService(self)
        self.coding_service = CodingService(self.session, self.codebook_service)
        self.codings_file_service = CodingsFileService(self.session, self.coding_service)
        self.history_service = HistoryService(self)
        self.review_service = SuggestionReview(self)
        self.pseudonym_service = PseudonymService(self.session)
        self.analysis_service = AnalysisService(self.session)
        self.export_service = ExportService(self)
        self.codebook_warnings: list[str] = []  # from the codebook file a new project was made with
        self._synthesis = None

    @property
    def store(self) -> ProjectStore:
        return self.session.store

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
        on_disk = path is not None and str(path) != ":memory:"
        if on_disk:
            p = Path(path)
            if p.exists():
                raise ProjectError(f"{p}: already exists", hint="choose another --project path or remove it")
            if not p.parent.exists():
                raise ProjectError(f"{p.parent}: no such directory")
        try:
            ws = cls(ProjectStore(path, create=True))
            ws.store.settings.set("default_coder", ws.resolve_coder(default_coder) if default_coder else DEFAULT_CODER)
            ws.store.settings.set("codebook_title", cb.title)
            ws.codebook_service.apply(cb)
            ws.codebook_warnings = list(cb.warnings)
        except BaseException:
            if on_disk:
                remove_database_files(path)
            raise
        return ws

    def close(self) -> None:
        self.store.close()

    def info(self) -> dict[str, Any]:
        """The project's counts; ``suggestions_pending`` as ``suggestions`` lists them, and
        ``suggestions_hidden`` the pending ones in interviewer turns the setting hides."""
        from sto_qual.services.suggesting import pending_counts
        shown, hidden = pending_counts(self)
        out: dict[str, Any] = {}
        for key, value in self.store.file.info().items():
            out[key] = shown if key == "suggestions_pending" else value
            if key == "suggestions_pending":
                out["suggestions_hidden"] = hidden
        return out

    def project_version(self) -> int:
        """Changes whenever another connection (program, window, coder) commits."""
        return self.store.file.data_version()

    def forget_cached(self) -> None:
        """Forget what this Workspace cached (another program changed the project)."""
        self.session.forget_cached()

    def document_exists(self, doc_id: int) -> bool:
        return self.store.documents.exists(doc_id)

    # ---------------------------------------------------------------- coders
    def resolve_coder(self, coder: str | None = None) -> str:
        return self.session.resolve_coder(coder)

    def new_coder_near(self, coder: str | None) -> str | None:
        return self.session.new_coder_near(coder)

    def coder_id(self, coder: str | None = None) -> int:
        return self.session.coder_id(coder)

    def coders(self) -> list[dict[str, Any]]:
        default = self.store.settings.get("default_coder")
        return [{**c, "default": c["name"] == default} for c in self.store.coders.all()]

    def number_keys(self, coder: str) -> Any:
        """The keys 1-9 this coder gave codes in the TUI (``p``), as stored; kept in the project
        because they name its codes."""
        return self.store.settings.get(f"tui.number_keys.{coder}")

    def set_number_keys(self, coder: str, keys: list[dict[str, Any] | None]) -> None:
        self.store.settings.set(f"tui.number_keys.{coder}", keys)

    # -------------------------------------------------------------- codebook
    def codebook(self) -> list[Code]:
        return self.codebook_service.codes()

    def code(self, ref: str) -> Code:
        return self.codebook_service.code(ref)

    def codebook_title(self) -> str:
        return self.codebook_service.title()

    def codebook_specs(self) -> Codebook:
        return self.codebook_service.specs()

    def import_codebook(self, path: str | Path) -> dict[str, list[str]]:
        return self.codebook_service.import_file(path)

    def export_codebook(self, out: str | Path) -> Path:
        return self.codebook_service.export(out)

    def add_code(self, path: str, *, colour: str | None = None, definition: str = "",
                 label: str | None = None, coder: str | None = None) -> Code:
        return self.codebook_service.add(path, colour=colour, definition=definition, label=label, coder=coder)

    def edit_code(self, ref: str, coder: str | None = None, **fields: Any) -> Code:
        return self.codebook_service.edit(ref, coder, **fields)

    def rename_code(self, ref: str, new_name: str, coder: str | None = None) -> str:
        return self.codebook_service.rename(ref, new_name, coder)

    def move_code(self, ref: str, new_parent: str | None, coder: str | None = None) -> str:
        return self.codebook_service.move(ref, new_parent, coder)

    def merge_codes(self, source: str, target: str, coder: str | None = None) -> int:
        return self.codebook_service.merge(source, target, coder)

    def delete_code(self, ref: str, force: bool = False, coder: str | None = None) -> int:
        return self.codebook_service.delete(ref, force, coder)

    # ------------------------------------------------------------- documents
    def documents(self) -> list[Document]:
        return self.document_service.documents()

    def document(self, ref: str | int) -> Document:
        return self.document_service.document(ref)

    def document_text(self, ref: str | int) -> str:
        return self.document_service.text(ref)

    def turns(self, ref: str | int):
        return self.document_service.turns(ref)

    def units(self, ref: str | int):
        return self.document_service.units(ref)

    def delete_document(self, ref: str | int, coder: str | None = None,
                        purge_backups: bool = True) -> dict[str, Any]:
        return self.document_service.delete(ref, coder, purge_backups)

    def set_roles(self, mapping: dict[tuple[str, str], str] | dict[str, str]) -> None:
        self.document_service.set_roles(mapping)

    def speakers(self, doc: str | int | None = None) -> list[str]:
        return self.document_service.speakers(doc)

    def role_map(self) -> dict[tuple[str, str], str]:
        return self.store.roles.map()

    def set_attributes(self, ref: str | int, attrs: dict[str, Any]) -> None:
        self.document_service.set_attributes(ref, attrs)

    def search(self, query: str, lemma: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        return self.document_service.search(query, lemma, limit)

    def import_files(self, inputs: Sequence[str | Path], *, attributes: str | Path | None = None,
                     role_map: str | Path | dict[str, str] | None = None,
                     text_columns: list[str] | None = None, id_column: str | None = None,
                     progress: ProgressFn | None = None, workers: int | None = None,
                     as_new: bool = False) -> ImportSummary:
        return self.import_service.import_files(inputs, attributes=attributes, role_map=role_map,
                                                text_columns=text_columns, id_column=id_column,
                                                progress=progress, workers=workers, as_new=as_new)

    def import_qdpx(self, path: str | Path) -> ImportSummary:
        from sto_qual.services.interchange import import_qdpx
        return import_qdpx(self, Path(path))

    # ----------------------------------------------------------------- coding
    def assign_code(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
                    unit: int | None = None, turn: int | None = None, coder: str | None = None,
                    memo: str | None = None, starred: bool = False, origin: str = "manual",
                    widen: bool = False) -> Coding:
        return self.coding_service.assign(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                                          memo=memo, starred=starred, origin=origin, widen=widen)

    def remove_coding(self, coding_id: int, coder: str | None = None) -> Coding:
        return self.coding_service.remove(coding_id, coder)

    def uncode(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
               unit: int | None = None, turn: int | None = None, coder: str | None = None,
               all_coders: bool = False) -> list[Uncoded]:
        return self.coding_service.uncode(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                                          all_coders=all_coders)

    def set_memo(self, coding_id: int, memo: str | None, coder: str | None = None,
                 document: int | None = None) -> Coding:
        return self.coding_service.set_memo(coding_id, memo, coder, document)

    def star(self, coding_id: int, starred: bool = True, coder: str | None = None,
             document: int | None = None) -> Coding:
        return self.coding_service.star(coding_id, starred, coder, document)

    def resize_coding(self, coding_id: int, *, start: int | None = None, end: int | None = None,
                      snap: bool = False, shrink: bool = False, coder: str | None = None) -> Coding:
        return self.coding_service.resize(coding_id, start=start, end=end, snap=snap, shrink=shrink, coder=coder)

    def codings(self, *, doc: str | int | None = None, code: str | None = None, coder: str | None = None,
                starred: bool | None = None, include_subcodes: bool = True) -> list[Coding]:
        return self.coding_service.codings(doc=doc, code=code, coder=coder, starred=starred,
                                           include_subcodes=include_subcodes)

    def coding_tuples(self, *, code: str | None = None, coder: str | None = None,
                      starred: bool | None = None, doc: str | int | None = None, columns: bool = False) -> list:
        return self.coding_service.coding_tuples(code=code, coder=coder, starred=starred, doc=doc, columns=columns)

    def coding(self, coding_id: int) -> Coding:
        return self.store.codings.get(coding_id)

    def add_memo(self, target: str, ref: str | int, text: str, coder: str | None = None) -> int:
        return self.coding_service.add_memo(target, ref, text, coder)

    def memos(self, target: str | None = None) -> list[dict[str, Any]]:
        return self.store.memos.all(target)

    def undo(self, coder: str | None = None) -> dict[str, Any]:
        """Undo this coder's last change (survives restarts; at least 50 steps)."""
        return self.history_service.undo(coder)

    def redo(self, coder: str | None = None) -> dict[str, Any]:
        return self.history_service.redo(coder)

    def import_codings(self, path: str | Path, coder: str | None = None, origin: str = "imported"
                       ) -> dict[str, Any]:
        return self.codings_file_service.import_file(path, coder, origin)

    def import_codings_files(self, paths: Sequence[str | Path], coder: str | None = None,
                             workers: int = 2) -> list[dict[str, Any]]:
        return self.codings_file_service.import_files(paths, coder, workers)

    def export_codings_yaml(self, out_dir: str | Path, coder: str | None = None) -> list[Path]:
        return self.codings_file_service.export_yaml(out_dir, coder)

    # ------------------------------------------------------------ suggestions
    def suggest(self, *, doc: str | int | None = None, code: str | None = None, learned: bool = False,
                min_codings: int = 10, threshold: float | None = None, seed: int = 0,
                progress: ProgressFn | None = None) -> dict[str, Any]:
        return self.review_service.suggest(doc=doc, code=code, learned=learned, min_codings=min_codings,
                                           threshold=threshold, seed=seed, progress=progress)

    def suggestions(self, *, status: str | None = "pending", doc: str | int | None = None,
                    code: str | None = None) -> list[Suggestion]:
        return self.review_service.suggestions(status=status, doc=doc, code=code)

    def accept(self, ids: Iterable[int] = (), *, all_above: float | None = None, coder: str | None = None
               ) -> list[Accepted]:
        return self.review_service.accept(ids, all_above=all_above, coder=coder)

    def reject(self, ids: Iterable[int] = (), *, all_below: float | None = None, coder: str | None = None) -> int:
        return self.review_service.reject(ids, all_below=all_below, coder=coder)

    # ------------------------------------------------------------ pseudonyms
    def add_pseudonym(self, pattern: str, replacement: str, regex: bool = False) -> None:
        self.pseudonym_service.add(pattern, replacement, regex)

    def remove_pseudonym(self, pattern: str) -> None:
        self.pseudonym_service.remove(pattern)

    def import_pseudonyms(self, path: str | Path) -> dict[str, int]:
        return self.pseudonym_service.import_file(path)

    def pseudonyms(self) -> list[tuple[str, str, bool]]:
        return self.store.pseudonyms.all()

    def anonymiser(self):
        return self.pseudonym_service.anonymiser()

    # -------------------------------------------------------------- analysis
    def counting_coder(self, coder: str | None = None, all_coders: bool = False) -> str | None:
        return self.analysis_service.counting_coder(coder, all_coders)

    def wording(self, n: int, total: int, lang: str = "nl") -> str:
        return self.analysis_service.wording(n, total, lang)

    def theme_counts(self, *, coder: str | None = None, rollup: bool = True,
                     where: dict[str, str] | None = None, lang: str = "nl") -> Table:
        return self.analysis_service.theme_counts(coder=coder, rollup=rollup, where=where, lang=lang)

    def crosstab(self, by: str, *, coder: str | None = None, rollup: bool = True,
                 where: dict[str, str] | None = None, lang: str = "nl") -> Table:
        return self.analysis_service.crosstab(by, coder=coder, rollup=rollup, where=where, lang=lang)

    def presence_matrix(self, *, coder: str | None = None, rollup: bool = True,
                        where: dict[str, str] | None = None, label_by: str | None = None) -> Table:
        return self.analysis_service.presence_matrix(coder=coder, rollup=rollup, where=where, label_by=label_by)

    def cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                     where: dict[str, str] | None = None) -> Table:
        return self.analysis_service.cooccurrence(coder=coder, rollup=rollup, where=where)

    def saturation(self, *, coder: str | None = None) -> Table:
        return self.analysis_service.saturation(coder=coder)

    def agreement_pair(self) -> tuple[str, str] | None:
        return self.analysis_service.agreement_pair()

    def agreement(self, coder_a: str, coder_b: str, *, rollup: bool = False) -> dict[str, Any]:
        return self.analysis_service.agreement(coder_a, coder_b, rollup=rollup)

    # ---------------------------------------------------- report and exports
    def report_data(self, **options: Any):
        return self.export_service.report_data(**options)

    def report(self, out: str | Path, *, lang: str = "nl", codes: list[str] | None = None,
               coder: str | None = None, appendix: str = "starred", memos: bool = False, numbers: bool = True,
               attribution: str = "role", tidy_quotes: bool = False, progress=None,
               where: dict[str, str] | None = None) -> dict[str, Any]:
        return self.export_service.report(out, lang=lang, codes=codes, coder=coder, appendix=appendix, memos=memos,
                                          numbers=numbers, attribution=attribution, tidy_quotes=tidy_quotes,
                                          progress=progress, where=where)

    def set_reference_coder(self, name: str | None) -> None:
        self.export_service.set_reference_coder(name)

    def quotes(self, code: str, *, where: dict[str, str] | None = None, starred: bool | None = None,
               coder: str | None = None, lang: str = "nl") -> list[dict[str, Any]]:
        return self.export_service.quotes(code, where=where, starred=starred, coder=coder, lang=lang)

    def export(self, out: str | Path, *, lang: str = "nl", progress=None, **options: Any) -> dict[str, Any]:
        return self.export_service.export(out, lang=lang, progress=progress, **options)

    def synthesis(self):
        """The summary grid and theme summaries (services/synthesis.py), one per Workspace so
        its drafting corpus is read once."""
        if self._synthesis is None:
            from sto_qual.services.synthesis import SynthesisService
            self._synthesis = SynthesisService(self)
        return self._synthesis

    def backup(self, out: str | Path) -> Path:
        return self.store.file.backup(out)
