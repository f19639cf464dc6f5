"""Project: one open project with the use cases every other use case builds on.

The session (the store, who codes, document texts) and the use cases that need nothing but it:
the codebook, documents, codings, memos, codings files, the pseudonym list, and the
analysis. The use cases that build on those (importing, undo, suggestions, the synthesis, the
report and the exports, REFI-QDA) are handed a ``Project``; the ``Workspace`` facade
(``services/workspace.py``) is a ``Project`` that adds them. So no use case depends on the
facade that composes it, not even for a type hint.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.model import Code, Codebook, Coding, Document
from sto_qual.domain.text import ANY_MEMO
from sto_qual.services.agreed import AgreedCoding
from sto_qual.services.agreement import AgreementService
from sto_qual.services.analysis import AnalysisService
from sto_qual.services.codebook import CodebookService, Merged
from sto_qual.services.coding import CodingService, Uncoded
from sto_qual.services.coders import CoderService
from sto_qual.services.codings_files import CodingsFileService
from sto_qual.services.document_names import DocumentNames
from sto_qual.services.documents import DocumentService
from sto_qual.services.english_sections import EnglishSections
from sto_qual.services.memos import MemoService
from sto_qual.services.pseudonyms import PseudonymService
from sto_qual.services.report_settings import ReportSettings
from sto_qual.services.session import Session
from sto_qual.store import ProjectStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.analysis.tables import Table

__all__ = ["Project"]


class Project:
    """One open project: its session and the use cases over it alone."""

    def __init__(self, store: ProjectStore) -> None:
        self.session = Session(store)
        self.codebook_service = CodebookService(self.session)
        self.document_service = DocumentService(self.session)
        self.document_names = DocumentNames(self.session)
        self.coding_service = CodingService(self.session, self.codebook_service)
        self.coder_service = CoderService(self.session)
        self.codings_file_service = CodingsFileService(self.session, self.coding_service)
        self.memo_service = MemoService(self.session)
        self.pseudonym_service = PseudonymService(self.session)
        self.analysis_service = AnalysisService(self.session)
        self.report_settings = ReportSettings(self.session)
        self.agreement_service = AgreementService(self.analysis_service)
        self.agreed = AgreedCoding(self.session, self.agreement_service.agreement)
        self.english_sections = EnglishSections(self.session)

    @property
    def store(self) -> ProjectStore:
        return self.session.store

    @property
    def path(self) -> Path | None:
        """The project file (None for a project in memory)."""
        return self.session.path

    @property
    def storage_warnings(self) -> list[str]:
        """What the project file's place risks (a network or synced folder), said when it opens."""
        return list(self.store.warnings)

    def reference_coder(self) -> str | None:
        """The coder whose codings the report counts (None: all coders merged)."""
        return self.store.settings.get("reference_coder")

    def close(self) -> None:
        self.store.close()
        self.session.closed()

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

    def set_default_coder(self, name: str) -> str:
        """Who codes in this project when no ``--coder`` or ``STO_QUAL_CODER`` says otherwise (a
        coder's copy of the lead's project: her name, not the lead's); the name as stored."""
        name = self.session.resolve_coder(name)  # checked as every coder name is (a look-alike refused)
        self.store.settings.set("default_coder", name)
        return name

    def default_coder(self) -> str | None:
        """The project's default coder, as stored (``STO_QUAL_CODER`` and ``--coder`` come first)."""
        return self.store.settings.get("default_coder")

    def coders(self) -> list[dict[str, Any]]:
        default = self.default_coder()
        agreed = self.agreed.pairs()
        return [{**c, "default": c["name"] == default, "agreed_from": " and ".join(agreed.get(c["name"], ()))}
                for c in self.store.coders.all()]

    def codings_by_coder(self, where: dict[str, str] | None = None) -> dict[str, int]:
        """Coder name -> their codings, in the documents ``where`` keeps (every document without)."""
        if not where:
            return {c["name"]: c["codings"] for c in self.store.coders.all()}
        return self.store.coders.codings_in(self.analysis_service.doc_ids(where))

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

    def export_codebook(self, out: str | Path, force: bool = False) -> Path:
        return self.codebook_service.export(out, force=force)

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

    def merge_codes_backed_up(self, source: str, target: str, coder: str | None = None) -> Merged:
        return self.codebook_service.merge_backed_up(source, target, coder)

    def delete_code(self, ref: str, force: bool = False, coder: str | None = None, expected: int | None = None) -> int:
        return self.codebook_service.delete(ref, force, coder, expected)

    def delete_code_backed_up(self, ref: str, force: bool = False, coder: str | None = None
                              ) -> tuple[int, Path | None]:
        return self.codebook_service.delete_backed_up(ref, force, coder)

    # ------------------------------------------------------------- documents
    def documents(self, coder: str | None = None) -> list[Document]:
        return self.document_service.documents(coder)

    def document(self, ref: str | int) -> Document:
        return self.document_service.document(ref)

    def document_text(self, ref: str | int) -> str:
        return self.document_service.text(ref)

    def turns(self, ref: str | int):
        return self.document_service.turns(ref)

    def units(self, ref: str | int):
        return self.document_service.units(ref)

    def unit_document(self, unit_id: int) -> str:
        """The name of the interview a sentence unit is in (a unit's id is the project's, as `search` lists it)."""
        return self.document(self.store.transcripts.unit(unit_id).document_id).name

    def delete_document(self, ref: str | int, coder: str | None = None,
                        purge_backups: bool = True) -> dict[str, Any]:
        return self.document_service.delete(ref, coder, purge_backups)

    def document_copies(self, ref: str | int) -> tuple[list[Path], list[Path]]:
        return self.document_service.copies(ref)

    def set_roles(self, mapping: dict[tuple[str, str], str] | dict[str, str]) -> None:
        self.document_service.set_roles(mapping)

    def change_attributes(self, ref: str | int, values: dict[str, str], remove: list[str] | None = None
                          ) -> dict[str, Any]:
        return self.document_service.change_attributes(ref, values, list(remove or ()))

    def speakers(self, doc: str | int | None = None) -> list[str]:
        return self.document_service.speakers(doc)

    def role_map(self) -> dict[tuple[str, str], str]:
        return self.store.roles.map()

    def set_attributes(self, ref: str | int, attrs: dict[str, Any]) -> None:
        self.document_service.set_attributes(ref, attrs)

    def search(self, query: str, lemma: bool = False, limit: int = 200,
               where: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """``where``: only in the documents it keeps (as the analysis commands read it)."""
        ids = self.analysis_service.doc_ids(where) if where else None
        return self.document_service.search(query, lemma, limit, ids)

    # ----------------------------------------------------------------- coding
    def assign_code(self, doc: str | int, code: str, *, start: int | None = None, end: int | None = None,
                    unit: int | None = None, turn: int | None = None, coder: str | None = None,
                    memo: str | None = None, starred: bool = False, origin: str = "manual",
                    widen: bool = False) -> Coding:
        return self.coding_service.assign(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                                          memo=memo, starred=starred, origin=origin, widen=widen)

    def remove_coding(self, coding_id: int, coder: str | None = None) -> Coding:
        return self.coding_service.remove(coding_id, coder)

    def remove_codings(self, coding_ids: Sequence[int], coder: str | None = None) -> list[Coding]:
        return self.coding_service.remove_all(coding_ids, coder)

    def uncode(self, doc: str | int, code: str | None, *, start: int | None = None, end: int | None = None,
               unit: int | None = None, turn: int | None = None, coder: str | None = None,
               all_coders: bool = False) -> list[Uncoded]:
        return self.coding_service.uncode(doc, code, start=start, end=end, unit=unit, turn=turn, coder=coder,
                                          all_coders=all_coders)

    def set_memo(self, coding_id: int, memo: str | None, coder: str | None = None,
                 document: int | None = None, expected: str | None | object = ANY_MEMO) -> Coding:
        return self.coding_service.set_memo(coding_id, memo, coder, document, expected)

    def star(self, coding_id: int, starred: bool = True, coder: str | None = None,
             document: int | None = None) -> Coding:
        return self.coding_service.star(coding_id, starred, coder, document)

    def star_given_by(self, coding_id: int) -> str | None:
        """Who gave a starred coding its star (a colleague's, on her coding): the coder of the newest step
        in effect that starred or unstarred it (an undo takes a step out of effect, a redo puts it back: the
        log's last "star" named the wrong coder after them); None when no step did (an import's, a merge's)."""
        def star_of(a: dict[str, Any]) -> bool | None:  # True: it starred the coding, False: unstarred it
            if a["op"] == "batch":  # its newest part first
                return next((got for sub in reversed(a["actions"]) if (got := star_of(sub)) is not None), None)
            if a["op"] == "update" and a.get("id") == coding_id and "starred" in a.get("after", {}):
                return bool(a["after"]["starred"])
            if a["op"] == "add" and (a.get("coding") or {}).get("id") == coding_id:
                return bool(a["coding"].get("starred")) or None
            return None
        for coder_id, action in self.store.history.active():
            given = star_of(action)
            if given is not None:
                return self.store.coders.names().get(coder_id) if given else None
        return None

    def recode(self, coding_id: int, code: str, coder: str | None = None, document: int | None = None) -> Coding:
        return self.coding_service.recode(coding_id, code, coder, document)

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

    def changed_last_by(self, coding_ids: Sequence[int]) -> str | None:
        """Who made the last change the project recorded on these codings (their removal elsewhere, which the
        workbench names: "by a command, another window or a colleague" left her guessing)."""
        return self.store.audit.last_on([("coding", i) for i in coding_ids])

    def code_ends(self) -> dict[str, tuple[str, str | None, str | None]]:
        """Each code merged into another or deleted, and not made again since: old path -> (action, the code merged
        into, who)."""
        now = {c.path for c in self.codebook()}
        return {p: end for p, end in self.store.audit.code_ends().items() if p not in now}

    def add_memo(self, target: str, ref: str | int, text: str, coder: str | None = None) -> int:
        return self.memo_service.add_memo(target, ref, text, coder)

    def memos(self, target: str | None = None) -> list[dict[str, Any]]:
        return self.store.memos.all(target)

    def memo_list(self, doc: str | int | None = None, codings: bool = False) -> list[dict[str, Any]]:
        return self.memo_service.memo_list(doc, codings)

    def document_memo(self, ref: str | int, coder: str | None = None) -> str | None:
        return self.memo_service.document_memo(ref, coder)

    def set_document_memo(self, ref: str | int, text: str | None, coder: str | None = None,
                          expected: str | None | object = ANY_MEMO) -> str:
        return self.memo_service.set_document_memo(ref, text, coder, expected)

    def import_codings(self, path: str | Path, coder: str | None = None, origin: str = "imported"
                       ) -> dict[str, Any]:
        return self.codings_file_service.import_file(path, coder, origin)

    def import_codings_files(self, paths: Sequence[str | Path], coder: str | None = None,
                             workers: int = 2) -> list[dict[str, Any]]:
        return self.codings_file_service.import_files(paths, coder, workers)

    def export_codings_yaml(self, out_dir: str | Path, coder: str | None = None, force: bool = False
                            ) -> tuple[list[Path], list[Path]]:
        return self.codings_file_service.export_yaml(out_dir, coder, force)

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

    def crosstab(self, by: str, *, coder: str | None = None, rollup: bool = True, wide: bool = False,
                 where: dict[str, str] | None = None, lang: str = "nl", share: bool = False) -> Table:
        return self.analysis_service.crosstab(by, coder=coder, rollup=rollup, where=where, lang=lang, wide=wide,
                                              share=share)

    def presence_matrix(self, *, coder: str | None = None, rollup: bool = True,
                        where: dict[str, str] | None = None, label_by: str | None = None) -> Table:
        return self.analysis_service.presence_matrix(coder=coder, rollup=rollup, where=where, label_by=label_by)

    def cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                     where: dict[str, str] | None = None) -> Table:
        return self.analysis_service.cooccurrence(coder=coder, rollup=rollup, where=where)

    def interview_cooccurrence(self, *, coder: str | None = None, rollup: bool = False,
                               where: dict[str, str] | None = None) -> Table:
        return self.analysis_service.interview_cooccurrence(coder=coder, rollup=rollup, where=where)

    def cooccurrence_totals(self, *, coder: str | None = None, rollup: bool = False,
                            where: dict[str, str] | None = None, level: str = "sentence") -> dict[str, int]:
        return self.analysis_service.cooccurrence_totals(coder=coder, rollup=rollup, where=where, level=level)

    def saturation(self, *, coder: str | None = None, rollup: bool = True,
                   where: dict[str, str] | None = None) -> Table:
        return self.analysis_service.saturation(coder=coder, rollup=rollup, where=where)

    def agreement_pair(self) -> tuple[str, str] | None:
        return self.agreement_service.agreement_pair()

    def agreement(self, coder_a: str, coder_b: str, *, rollup: bool = False,
                  where: dict[str, str] | None = None) -> dict[str, Any]:
        return self.agreement_service.agreement(coder_a, coder_b, rollup=rollup, where=where)
