"""Workspace: the one facade the CLI and the TUI talk to, over one open project.

Contract: every method takes and returns domain values (dataclasses, dicts of plain values, pandas
DataFrames for analysis); errors a user can cause are ``StoQualError`` subclasses with a one-line
message; a method either completes its writes or leaves the project unchanged. Heavy libraries
(spaCy, pandas, python-docx) are imported inside the use cases that need them, so that commands
which need none of them start fast. The work is done by one module per use case over a shared
``Session`` (store, coder, text cache); each method here only hands over to one of them.

A ``Workspace`` is a ``Project`` (``services/project.py``: the session and the use cases over
it alone) with the use cases that build on those, each handed the ``Project``:

    project            session, codebook, documents, coding, memos, codings_files, pseudonyms, analysis
    document_import    transcripts in (the pipeline itself is services.importing)
    history            undo and redo
    suggestion_review  suggestions generated, accepted, rejected
    synthesis          the summary grid and the theme summaries
    exports            the report chapter and the exports
Beside them: interchange (REFI-QDA), merge, backups, safety (restore), demo.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ProjectError
from sto_qual.domain.model import Suggestion
from sto_qual.services.codebook import BUNDLED_CODEBOOK
from sto_qual.services.document_import import ImportService, ImportSummary
from sto_qual.services.exports import ExportService
from sto_qual.services.history import HistoryService
from sto_qual.services.project import Project
from sto_qual.services.session import DEFAULT_CODER, ProgressFn
from sto_qual.services.suggestion_review import RETRAIN_BATCH, Accepted, SuggestionReview
from sto_qual.services.transcript_export import export_transcripts
from sto_qual.store import ProjectStore, refuse_empty_path
from sto_qual.store.connection import remove_database_files

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.synthesis import SynthesisService

__all__ = ["Workspace", "ImportSummary", "BUNDLED_CODEBOOK", "DEFAULT_CODER", "RETRAIN_BATCH"]


class Workspace(Project):
    """One open project and all its use cases: a ``Project`` (the session and the use cases
    over it alone) and those that build on it."""

    def __init__(self, store: ProjectStore) -> None:
        super().__init__(store)
        self.import_service = ImportService(self, self.import_qdpx)
        self.review_service = SuggestionReview(self)
        self.history_service = HistoryService(self, self.review_service)
        self.export_service = ExportService(self, self.synthesis)
        self.codebook_warnings: list[str] = []  # from the codebook file a new project was made with
        self._synthesis: SynthesisService | None = None

    # ------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Workspace:
        return cls(ProjectStore(path))

    @classmethod
    def create(cls, path: str | os.PathLike[str] | None, codebook: str | Path | None = None,
               default_coder: str | None = None) -> Workspace:
        """Make a new project with a codebook (the bundled STO codebook by default).
        Refuses an existing file; a bad codebook leaves no file behind."""
        from sto_qual.services.codebook import read_codebook_file
        # validate before creating anything; a REFI-QDA .qdc as codebook-import reads it (it was
        # parsed as YAML: "invalid YAML: mapping values are not allowed" at its line 18)
        cb = read_codebook_file(codebook or BUNDLED_CODEBOOK, project_ok=True)
        on_disk = path is not None and str(path) != ":memory:"
        if on_disk:
            refuse_empty_path(path)  # as a path, "" is the current folder, which "already exists"
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
        out["reference_coder"] = self.counting_coder()  # whose codings stats and the chapter count (a script read text)
        return out

    # ----------------------------------------------------------------- import
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

    # ------------------------------------------------------------- undo, redo
    def undo(self, coder: str | None = None) -> dict[str, Any]:
        """Undo this coder's last change (survives restarts; at least 50 steps)."""
        return self.history_service.undo(coder)

    def redo(self, coder: str | None = None) -> dict[str, Any]:
        return self.history_service.redo(coder)

    # ------------------------------------------------------------ suggestions
    def suggest(self, *, doc: str | int | None = None, code: str | None = None, learned: bool = False,
                min_codings: int = 10, threshold: float | None = None, seed: int = 0,
                progress: ProgressFn | None = None) -> dict[str, Any]:
        return self.review_service.suggest(doc=doc, code=code, learned=learned, min_codings=min_codings,
                                           threshold=threshold, seed=seed, progress=progress)

    def suggestions(self, *, status: str | None = "pending", doc: str | int | None = None,
                    code: str | None = None) -> list[Suggestion]:
        return self.review_service.suggestions(status=status, doc=doc, code=code)

    def accept(self, ids: Iterable[int] = (), *, all_above: float | None = None, coder: str | None = None,
               doc: str | int | None = None, code: str | None = None) -> list[Accepted]:
        return self.review_service.accept(ids, all_above=all_above, coder=coder, doc=doc, code=code)

    def reject(self, ids: Iterable[int] = (), *, all_below: float | None = None, coder: str | None = None,
               doc: str | int | None = None, code: str | None = None) -> int:
        return self.review_service.reject(ids, all_below=all_below, coder=coder, doc=doc, code=code)

    # ---------------------------------------------------- report and exports
    def report_data(self, **options: Any):
        return self.export_service.report_data(**options)

    def report(self, out: str | Path, *, lang: str = "nl", codes: list[str] | None = None,
               coder: str | None = None, appendix: str = "starred", memos: bool = False, numbers: bool = True,
               attribution: str = "role", tidy_quotes: bool = False, progress=None,
               where: dict[str, str] | None = None, force: bool = False,
               leave_out: Sequence[int] = ()) -> dict[str, Any]:
        return self.export_service.report(out, lang=lang, codes=codes, coder=coder, appendix=appendix, memos=memos,
                                          numbers=numbers, attribution=attribution, tidy_quotes=tidy_quotes,
                                          progress=progress, where=where, force=force, leave_out=leave_out)

    def set_reference_coder(self, name: str | None) -> None:
        self.export_service.set_reference_coder(name)

    def quotes(self, code: str, *, where: dict[str, str] | None = None, starred: bool | None = None,
               coder: str | None = None, lang: str = "nl") -> list[dict[str, Any]]:
        return self.export_service.quotes(code, where=where, starred=starred, coder=coder, lang=lang)

    def export(self, out: str | Path, *, lang: str = "nl", progress=None, **options: Any) -> dict[str, Any]:
        return self.export_service.export(out, lang=lang, progress=progress, **options)

    def code_hits(self, spans: Sequence[tuple[int, int, int]], code: str, coder: str | None = None
                  ) -> dict[str, Any]:
        """Code the sentences a search found, as one undo step (``services.autocode``)."""
        from sto_qual.services.autocode import code_hits
        return code_hits(self, spans, code, coder)

    def cooccurring(self, code_a: str, code_b: str, **options: Any) -> list[dict[str, Any]]:
        """The passages two codes share (``services.cooccurring``)."""
        from sto_qual.services.cooccurring import cooccurring
        return cooccurring(self, code_a, code_b, **options)

    def export_transcripts(self, out_dir: str | Path, docs: Sequence[str] = (), force: bool = False
                           ) -> dict[str, Any]:
        """Each interview whole, anonymised, as NAME.txt (``transcript_export``)."""
        return export_transcripts(self, out_dir, docs, force)

    def synthesis(self) -> SynthesisService:
        """The summary grid and theme summaries (services/synthesis.py), one per Workspace so
        its drafting corpus is read once."""
        if self._synthesis is None:
            from sto_qual.services.synthesis import SynthesisService
            self._synthesis = SynthesisService(self)
        return self._synthesis

    def summaries_stored(self) -> bool:
        """Whether any summary is stored: asked before the synthesis (and its imports) is needed."""
        return self.store.summaries.any()

    def backup(self, out: str | Path | None = None) -> Path:
        return self.store.file.backup(out)
