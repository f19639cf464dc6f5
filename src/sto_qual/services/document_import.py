"""Importing transcripts: files and folders through the import pipeline
(``services.importing``), one parsed document at a time (the REFI-QDA import in
``services.interchange``), and the summary every import returns."""
from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ImportRefused, StoQualError
from sto_qual.domain.filters import value_parts
from sto_qual.domain.model import ParsedDocument
from sto_qual.domain.roles import role_changes, role_key, spoken_by
from sto_qual.domain.text import first_few, plural, year_month
from sto_qual.report.files import written_here
from sto_qual.services.import_checks import interviewer_only, meant_file, near_copy_notes, roleless_warning
from sto_qual.services.import_summary import ImportSummary, attribute_command
from sto_qual.services.session import ProgressFn

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project



FOLDER_FORMATS = ".txt .md .docx .vtt .srt .qdpx"


def _folder_contents(folder: Path, suffixes: set[str]) -> tuple[list[Path], list[dict[str, Any]], list[Path], list[str]]:
    """A folder's files to import (sorted), the other files as ``skipped`` entries, its tables
    (.csv/.xlsx, read only when named) and its subfolders that hold files it would import
    (``nested/``; others, such as ``codings/`` beside the transcripts, are not worth a word).
    Hidden files and folders, a README.md and the lock file Word keeps beside a document it has open
    ("~$R61.docx", refused as a corrupt document, which failed the import of a folder of good files)
    are passed over without a word."""
    from sto_qual.importers.registry import OTHER_WORD, SAVE_AS_DOCX, SURVEY_SUFFIXES
    found, skipped, tables, subfolders = [], [], [], []
    for f in sorted(folder.iterdir()):
        if f.name.startswith((".", "~$")):
            continue
        if f.is_dir():
            if _holds_files(f, suffixes):
                subfolders.append(f.name + "/")
        elif not f.is_file() or f.name.lower() == "readme.md":
            continue
        elif f.suffix.lower() in suffixes and (ours := written_here(f)):  # the chapter beside the transcripts
            skipped.append({"file": str(f), "document": None, "reason": f"{ours}, not a transcript"})
        elif f.suffix.lower() in suffixes:
            found.append(f)
        elif f.suffix.lower() in SURVEY_SUFFIXES:
            tables.append(f)
        else:
            skipped.append({"file": str(f), "document": None,
                            "reason": f"not a transcript format ({FOLDER_FORMATS})"
                            + (f": {SAVE_AS_DOCX}" if f.suffix.lower() in OTHER_WORD else "")})
    return found, skipped, tables, subfolders


def _refuse_tables_as_answers(inputs: Sequence[str | Path]) -> None:
    """A CSV given as an argument whose header is that of an attributes table or a role map is
    refused before anything is imported: read as survey answers, its rows became one-word
    documents that change every share. ``--text-column`` says it does hold answers."""
    from sto_qual.importers.tables import table_kind
    for item in inputs:
        p = Path(item)
        if p.suffix.lower() not in (".csv", ".xlsx") or not p.is_file():
            continue
        kind = table_kind(p)
        if kind is not None:
            what, how = _TABLES[kind]
            raise ImportRefused(f"{what}, not survey answers; nothing was imported", file=str(p), line=1,
                                hint=f"{how.format(p)}; if it does hold survey answers, name their "
                                     "column with --text-column")


_TABLES = {"attributes": ("an attributes table (a 'file' column naming the interviews)", "give it as --attributes {}"),
           "roles": ("a role map (columns 'speaker' and 'role')", "give it as --role-map {}"),
           "pseudonyms": ("a pseudonym list (columns 'name' and 'replacement')",
                          "import it with `sto-qual pseudonyms import {}`"),
           # read as survey answers, the 742 codings of an `export -o c.csv` became 742 interviews
           "codings": ("codings as the export command writes them (columns id, doc, code, start, end, coder)",
                       "codings come into a project from `codings-export`'s files with `sto-qual "
                       "codings-import`, or from another project with `sto-qual merge`")}


def _unread_tables(tables: list[Path], named: tuple[Any, ...]) -> list[dict[str, Any]]:
    """A folder's tables (.csv/.xlsx) that no option names, with what to do with each: a folder's
    tables are read only when named."""
    from sto_qual.importers.tables import table_kind
    given = {Path(n).resolve() for n in named if isinstance(n, (str, Path))}
    out = []
    for t in tables:
        if t.resolve() in given:
            continue
        kind = table_kind(t) if t.suffix.lower() in (".csv", ".xlsx") else None
        if kind is not None:
            what, how = _TABLES[kind]
            reason = f"not read: {what.split(' (')[0]}: {how.format(t)}"
        else:
            reason = "not read: a table in a folder is read only when named (survey answers: give it as an argument)"
        out.append({"file": str(t), "reason": reason})
    return out


def _holds_files(folder: Path, suffixes: set[str], budget: int = 10_000) -> bool:
    """Whether a folder, or one below it, holds a file with one of ``suffixes`` (looking at no
    more than ``budget`` entries: a huge tree is not searched to the end)."""
    import os
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            if not n.startswith(".") and Path(n).suffix.lower() in suffixes and n.lower() != "readme.md":
                return True
        budget -= len(names) + len(dirs)
        if budget <= 0:
            return False
    return False


def segment_document(doc: ParsedDocument) -> tuple[list, list]:
    """(units, folded unit texts) of a document: sentences per line of each turn, so a
    unit never crosses a turn or a paragraph. Slow (spaCy): never inside a transaction."""
    from sto_qual.services.importing import prepare
    (prepared,) = prepare([doc])
    if isinstance(prepared, StoQualError):
        raise prepared
    return prepared.units, prepared.folded


class ImportService:
    """Transcripts into the project. ``import_qdpx``: what a .qdpx file among the inputs goes
    to (the REFI-QDA import, ``services.interchange``, which itself stores through ``ingest``:
    the Workspace joins the two)."""

    def __init__(self, ws: Project, import_qdpx: Callable[[Path], ImportSummary] | None = None) -> None:
        self.ws = ws
        self.import_qdpx = import_qdpx

    def import_files(self, inputs: Sequence[str | Path], *, attributes: str | Path | None = None,
                     role_map: str | Path | dict[str, str] | None = None,
                     text_columns: list[str] | None = None, id_column: str | None = None,
                     progress: ProgressFn | None = None, workers: int | None = None,
                     as_new: bool = False) -> ImportSummary:
        """Import transcripts (files or directories). Each file is one transaction (survey
        rows: a few hundred per transaction, each row its own savepoint); a file or row with
        the same content as a stored document is skipped; a refused file or row never stops
        the others. Files are parsed and segmented in ``workers`` processes (default: one
        per core, see services.importing) while this process stores them in order.

        A folder gives its transcript and .qdpx files; its other files are listed as skipped
        (a table only when the folder gives nothing else: tables are read when named; beside
        transcripts, a table no option names is in ``not_read``) and its subfolders are named
        in a warning, as not read. A CSV argument with the header of an attributes table or a
        role map is refused before anything is written, unless ``text_columns`` are named. A folder with nothing to import
        is a warning, or refused when no argument gave anything to import. A transcript whose
        name a document with other content already has (an edited transcript imported again)
        is refused unless ``as_new``: then it is stored as NAME-2 with a warning."""
        from sto_qual.importers.registry import DIRECTORY_SUFFIXES
        from sto_qual.importers.tables import (attribute_rows, mistyped_rows, role_table, shared_role_rows, shared_rows,
                                               unused_rows)
        for p in (Path(i) for i in inputs):  # the chapter given back as a transcript: refused, as a table is
            if p.is_file() and (ours := written_here(p)):
                raise ImportRefused(f"{ours} (a chapter, a quote file or the grid), not a transcript; "
                                    "nothing was imported", file=str(p), hint="import the transcripts it was made from")
        if not text_columns:  # before anything is written (the role map too)
            _refuse_tables_as_answers(inputs)
        summary = ImportSummary()
        attr_table, attr_lines = attribute_rows(attributes) if attributes else ({}, {})
        given_roles = None if role_map is None else role_map if isinstance(role_map, dict) else role_table(role_map)
        new_roles: set[tuple[str, str]] = set()
        files: list[Path] = []
        empty: list[str] = []  # what each folder that gave nothing to import held instead
        # a subfolder named as an argument is read (realpath: a symlink loop is no error here; reading it is refused)
        named = {Path(os.path.realpath(i)) for i in inputs}
        for item in inputs:
            p = Path(item)
            if p.is_dir():
                # survey tables (.csv/.xlsx) only when named: a folder's CSVs are usually
                # attribute or role tables, not answers
                found, skipped, tables, subfolders = _folder_contents(p, DIRECTORY_SUFFIXES)
                subfolders = [d for d in subfolders if Path(os.path.realpath(p / d.rstrip("/"))) not in named]
                files += found
                summary.skipped += skipped
                if found:  # the tables beside the transcripts that no option named: said, not read
                    summary.not_read += _unread_tables(tables, (attributes, role_map))
                if subfolders:
                    summary.warnings.append(
                        f"{p}: {plural(len(subfolders), 'subfolder')} not read ({', '.join(subfolders)}; "
                        "give a subfolder as an argument to import its files)")
                if not found:
                    summary.skipped += [{"file": str(t), "document": None, "reason": "a table is read only when "
                                         "named: give it as an argument (survey answers) or as --attributes/"
                                         "--role-map"} for t in tables]
                    empty.append(f"{p}: no transcripts in this folder (read from a folder: {FOLDER_FORMATS})")
            elif p.exists():
                files.append(p)
            else:
                meant = None if p.is_symlink() else meant_file(p)
                summary.refused.append({"file": str(p), "error": f"{p}: " + (
                    "a symbolic link to a file that is not there, or to itself" if p.is_symlink()
                    else "no such file or directory" + (f" (did you mean {meant}?)" if meant else ""))})
        if empty and not files and not summary.refused:  # nothing at all to import: an error, not "0 imported"
            summary.refused += [{"file": e.split(": ", 1)[0], "error": e} for e in empty]
        else:
            summary.warnings += empty
        if attributes:
            shared_rows(attributes, attr_lines, files)  # refused before anything is written
            mistyped_rows(attributes, attr_lines, files)  # (as is a row that mistypes a file without one)
            summary.warnings += unused_rows(attributes, attr_lines, files)
            if not attr_lines:  # a header alone (its rows left in another sheet or file): nothing was set
                summary.warnings.append(f"{attributes}: the attributes table has no rows, only its header: no "
                                        "interview got attributes from it (a row per file: its name, then its values)")
        if given_roles is not None:
            if not isinstance(role_map, dict):
                shared_role_rows(role_map, files)  # refused before anything is written
                summary.notes += self.ws.document_service.mistyped_roles(str(role_map), given_roles)
            changed, before = role_changes(self.ws.role_map(), given_roles), set(self.ws.role_map())
            self.ws.set_roles(given_roles)
            new_roles = {(doc or "", role_key(label)) for doc, label in given_roles} - before
            summary.notes += [f"{role_map if isinstance(role_map, (str, Path)) else 'the role map'}: {label}'s role"
                              f"{f' in {doc}' if doc else ''} was {old} and is {new} now; `sto-qual role "
                              f"{shlex.quote(label)} {shlex.quote(old)}{f' --doc {shlex.quote(doc)}' if doc else ''}` "
                              "sets it back" for doc, label, old, new in changed]
        from sto_qual.importers.registry import SURVEY_SUFFIXES
        if (text_columns or id_column) and not any(f.suffix.lower() in SURVEY_SUFFIXES for f in files):
            given = " and ".join(o for o, v in (("--text-column", text_columns), ("--id-column", id_column)) if v)
            one = " and " not in given
            summary.warnings.append(f"{given} {'is' if one else 'are'} for survey tables (.csv, .xlsx); this import "
                                    f"has none, so {'it was' if one else 'they were'} not used")
        from sto_qual.services.importing import run_import
        run_import(self.ws, files, attr_table=attr_table, text_columns=text_columns, id_column=id_column,
                   summary=summary, progress=progress, workers=workers, as_new=as_new, import_qdpx=self.import_qdpx)
        stored = self._stored(summary)
        if new_roles and not summary.imported and not isinstance(role_map, dict):  # the roles alone, unsaid
            summary.notes.append(f"{role_map}: roles set for {plural(len(new_roles), 'speaker')} of the interviews "
                                 "already in the project")
        self._header_roles(stored, summary)
        summary.warnings += roleless_warning(self.ws, summary.imported)
        summary.warnings += interviewer_only(self.ws, summary.imported)
        if role_map is None:  # a .qdpx export writes its roles beside it: said, not read unasked
            from sto_qual.report.refi import roles_file
            for f in files:
                beside = roles_file(f)
                if f.suffix.lower() == ".qdpx" and beside.exists():
                    summary.notes.append(f"{beside} beside {f.name} holds its speakers' roles: `sto-qual import "
                                         f"{shlex.quote(str(f))} --role-map {shlex.quote(str(beside))}` sets them")
        self._new_keys(summary)
        if attributes:  # (and those it only set attributes of: their content was in the project already)
            updated = {d.id: d.name for r in summary.skipped if r.get("attributes_set")
                       for d in [self.ws.store.documents.find(r["document"])]}
            self._new_columns(str(attributes), attr_table, {**stored, **updated}, summary)
        self._no_dates(stored, summary)
        summary.notes += near_copy_notes(self.ws, stored, summary.imported)
        if given_roles and not isinstance(role_map, dict):
            self._unmatched_roles(str(role_map), given_roles, summary)
        if stored:  # a header's "Aanwezig: Ans de Vries (penvoerder), …": names the exports print
            summary.warnings += self.ws.pseudonym_service.unlisted_participants(stored)
            self.ws.pseudonym_service.name_profile()  # read now, so that the first report does not
        return summary

    def _stored(self, summary: ImportSummary) -> dict[int, str]:
        """id -> name of the documents the import stored, found by name (not every document's)."""
        out: dict[int, str] = {}
        for r in summary.imported:
            try:
                ref = self.ws.store.documents.find(r["document"])
            except StoQualError:  # a document named in the summary that is not there: none of ours to check
                continue
            out[ref.id] = ref.name
        return out

    def _new_keys(self, summary: ImportSummary) -> None:
        """A note for each front-matter key that no other document has and that is close to
        one another document has (``regoin`` for ``region``): stored as given, it would be an
        attribute of its own that `stats --by region` never sees. The key it is close to is one
        the project had before this import or that two documents have: of two documents of one
        import, each with a key of its own, neither is known to be the typo."""
        if not summary.front_matter:  # a survey, subtitles, Word: nothing read, whatever the project holds
            return
        from sto_qual.domain.names import closest_name
        names = {d.id: d.name for d in self.ws.store.documents.light()}
        imported = {r["document"] for r in summary.imported}
        users: dict[str, set[int]] = {}  # key -> the documents that have it
        attributes = self.ws.store.documents.attributes()
        for d, a in attributes.items():
            for k in a:
                users.setdefault(k, set()).add(d)
        for doc_id, (source, keys) in summary.front_matter.items():
            if names.get(doc_id) not in imported:  # its batch was refused after all
                continue
            known = [k for k, ds in users.items() if ds - {doc_id}
                     and (len(ds - {doc_id}) > 1 or any(names.get(d) not in imported for d in ds))]
            for key in keys:
                near = None if users.get(key, set()) - {doc_id} else closest_name(key, known)
                if near:
                    fix = attribute_command(names[doc_id], {near: attributes.get(doc_id, {}).get(key, "VALUE")}, [key])
                    # (a header's key too: "Regio:" is region; "front-matter key" said of a file without any)
                    summary.notes.append(f"{source}: attribute key '{key}' is new; did you mean '{near}'? (stored "
                                         f"as given; {fix} corrects it and keeps the document's codings)")

    def _new_columns(self, source: str, table: dict[str, dict[str, str]], stored: dict[int, str],
                     summary: ImportSummary) -> None:
        """A note for each column of an attributes table that no document outside this import has and that is close
        to a key another document has or the chapter knows ("regio type" for region_type, "respondent_role" for
        respondent_roles): stored as written, unsaid, it was found when `stats --by region_type` missed them."""
        from sto_qual.domain.names import WELL_KNOWN_ATTRIBUTES, close_value, closest_name
        columns = list(dict.fromkeys(k for values in table.values() for k in values))
        if not columns or not stored:
            return
        others: set[str] = set()
        mine: set[str] = set()  # as stored: a column read as another name ("regio" as region) was not
        every = self.ws.store.documents.attributes()
        for doc_id, a in every.items():
            (mine if doc_id in stored else others).update(a)
        mine = {k.casefold() for k in mine}
        known, meant = sorted(others | set(WELL_KNOWN_ATTRIBUTES)), {}  # a column -> the attribute it mistypes
        for key in columns:
            if key.casefold() not in mine:
                continue
            near = None if key in others or key in WELL_KNOWN_ATTRIBUTES else closest_name(key, known)
            if near and near.casefold() != key.casefold():
                meant[key] = near
                summary.notes.append(f"{source}: column '{key}' is a new attribute; did you mean '{near}'? (stored "
                                     f"as written; `sto-qual attribute-rename {shlex.quote(key)} {near}` renames it "
                                     "in every document)")
        # a value of the table's no interview outside it holds, close to one they do ("stedlijk"; under a column
        # that mistypes an attribute, one of its values): a group of its own in every table, as `attribute` says
        outside = [a for d, a in every.items() if d not in stored]
        for key in columns:
            held = [v for a in outside for v in value_parts(a.get(meant.get(key, key)))]
            for doc_id, name in stored.items():
                value = every.get(doc_id, {}).get(key)
                if isinstance(value, str) and (near := close_value(value, held)):
                    summary.notes.append(f"{source}: {name}'s {key} '{value}' is held by no other interview; did you "
                                         f"mean '{near}'? ({attribute_command(name, {key: near}, [])} corrects it)")

    def _unmatched_roles(self, source: str, given: dict, summary: ImportSummary) -> None:
        """The role map's rows whose speaker speaks in no interview (of the file it names): kept
        for a later import, but said. A label the transcript does not read as a speaker ("Dr. A.
        de Vries-Jansen:" in the middle of the interviewer's turn) matched nothing, unsaid."""
        names = {d[0]: d[1] for d in self.ws.store.documents.light()}
        spoken: dict[str, set[str]] = {}
        for doc_id, labels in self.ws.store.transcripts.speakers_by_document().items():
            spoken[names.get(doc_id, "")] = {label.strip().lower() for label in labels}
        everyone = set().union(*spoken.values()) if spoken else set()
        def where(doc: str) -> str:  # an interview read as one turn has no speakers: it was said to be missing
            gone = "no speaker read in it" if doc in names.values() else "no interview of that name"
            return doc if doc in spoken else f"{doc}: {gone}"
        missed = [f"{label} ({where(doc)})" if doc else label for (doc, label) in given
                  if spoken_by(label, list(spoken.get(doc, ()) if doc else everyone)) is None]
        if missed:
            shown = first_few(missed, 6)
            summary.warnings.append(f"{source}: {plural(len(missed), 'row')} name{'s' if len(missed) == 1 else ''} "
                                    f"no speaker of the interviews: {shown} (kept for a later import; check how "
                                    "the transcript writes the name: `sto-qual show --doc D` gives its turns)")

    def _no_dates(self, stored: dict[int, str], summary: ImportSummary) -> None:
        """A ``date`` that is no date ("2024-13-45", a typo): stored as given, said, with the
        command that corrects it. The chapter's period and the interview order read only dates."""
        for doc_id, doc in stored.items():  # (each one's own: every document's cost O(project) per import)
            value = self.ws.store.documents.attributes(doc_id).get(doc_id, {}).get("date")
            if value not in (None, "") and year_month(value) is None:
                summary.notes.append(f"{doc}: date '{value}' is no date (stored as given; the method paragraph's "
                                     f"period leaves the interview out): "
                                     f"{attribute_command(doc, {'date': 'YYYY-MM-DD'})} corrects it")

    def _header_roles(self, stored: dict[int, str], summary: ImportSummary) -> None:
        """The roles a transcript's header gives its speakers ("Aanwezig: Ans de Vries
        (penvoerder)" and turns by "Ans:"), set for that document where the speaker has none
        yet and the header says it for certain (``identifying.header_role``), and said in a
        note: the import asked for each with `sto-qual role` although the header named it. A
        survey row's `rol` column, its own header of a kind, gives its answer's role the same way."""
        from sto_qual.domain.identifying import role_in_header
        from sto_qual.domain.model import ROLES
        roles, role_for = self.ws.role_map(), self.ws.store.roles.role_for
        known = {*ROLES, *roles.values()}
        answers: dict[str, int] = {}  # a survey's role column -> the answers it gave a role
        from_surveys: dict[tuple[str, str], str] = {}  # set at once: a survey has thousands of rows
        for doc_id, doc in stored.items():
            attrs = self.ws.store.documents.attributes(doc_id).get(doc_id, {})
            # a survey row's "rol" column is its respondent's role (its answers were quoted as
            # 'een stuurgroeplid' and counted under no role)
            column = next((k for k in attrs if k.casefold() in ("rol", "role")), None) if "source_row" in attrs else None
            if column and str(attrs[column]).strip():
                todo = {(doc, label): str(attrs[column]).strip().lower() for label in self.ws.speakers(doc)
                        if not role_for(roles, doc, label)}
                if todo:
                    from_surveys.update(todo)
                    answers[column] = answers.get(column, 0) + 1
                continue
            given = {label: role for label in self.ws.speakers(doc) if not role_for(roles, doc, label)
                     and (role := role_in_header(label, attrs, known))}
            if given:
                self.ws.set_roles({(doc, label): role for label, role in given.items()})
                said = ", ".join(f"{label} → {role}" for label, role in given.items())
                summary.notes.append(f"{doc}: the roles its header gives: {said} (`sto-qual role LABEL ROLE --doc "
                                     f"{shlex.quote(doc)}` changes one)")
        if from_surveys:
            self.ws.set_roles(from_surveys)
        for column, n in answers.items():
            summary.notes.append(f"{plural(n, 'survey answer')}: the role their row's '{column}' column gives "
                                 "(`sto-qual role LABEL ROLE --doc D` changes one)")

    def writer(self):
        """The writer of one import: documents stored one by one share it (it reads the project's
        attribute names once)."""
        from sto_qual.services.document_writer import DocumentWriter
        return DocumentWriter(self.ws)

    def ingest(self, doc: ParsedDocument, extra_attrs: dict[str, Any], summary: ImportSummary,
               segmented: tuple[list, list] | None = None, writer=None) -> None:
        """Store one parsed document (skipped when its text is already here); ``segmented``
        is ``segment_document(doc)`` done beforehand, outside a write transaction; ``writer``:
        the import's (``writer()``), else one for this document."""
        from sto_qual.services.importing import prepare
        (prepared,) = prepare([doc], segmented=None if segmented is None else [segmented])
        if isinstance(prepared, StoQualError):
            raise prepared
        (writer or self.writer()).store_one(prepared, extra_attrs, summary)
