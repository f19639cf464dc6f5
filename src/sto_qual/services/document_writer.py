"""The project's one writer during an import: each prepared document stored whole (its
turns, units and search rows) or refused alone, with its duplicate check and unique name."""
from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ImportRefused, StoQualError
from sto_qual.domain.model import ParsedDocument
from sto_qual.domain.names import as_known, closest_name, header_alias, known_names
from sto_qual.domain.filters import stored_value
from sto_qual.services.import_summary import attribute_command
from sto_qual.store.connection import ReadOnlyProject
from sto_qual.store.documents import same_value, stored_text

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.import_summary import ImportSummary
    from sto_qual.services.project import Project

FRONT_MATTER_FORMATS = ("text", "markdown")  # importers.textfile: their attributes are the front matter's


@dataclass
class Prepared:
    """A parsed document with everything the writer needs (picklable)."""
    doc: ParsedDocument
    content_hash: str
    words: int
    units: list[tuple[int, int, int, str]]  # (turn index, start, end, folded lemmas)
    folded: list[str]                       # folded text of each unit


class DocumentWriter:
    """Stores prepared documents in one project: duplicate check, unique name, rows."""

    def __init__(self, ws: Project, *, guard_names: bool = False, as_new: bool = False) -> None:
        self.ws = ws
        self.store = ws.store
        self.coder = ws.resolve_coder()
        self._next_suffix: dict[str, int] = {}  # base name -> first "-n" not yet known taken
        # guard_names: a transcript named as a document an earlier import stored with other
        # content (an edited R01.txt imported again) is refused, or with as_new stored as
        # R01-2 and said loudly; two files of one import with one name are numbered as before
        self.guard_names, self.as_new = guard_names, as_new
        self._named_here: dict[str, str] = {}  # name -> the file (its path as given) stored under it here
        self._keys: dict[str, str] | None = None  # the project's attribute names by casefold (read once)
        self._keys_said: set[str] = set()

    def _as_known(self, attributes: dict[str, Any], source: str, summary: ImportSummary) -> dict[str, Any]:
        """Attributes under the names the project gives them: a key differing only in capitals
        (``Region_Type`` where the project has region_type) made a second attribute, which
        ``--where`` read as the first and ``--by`` did not, and a table's column of it did not
        replace the front matter's value. Said once per name and import."""
        if self._keys is None:
            self._keys = known_names(self.store.documents.attribute_keys())
        out: dict[str, Any] = {}
        given: dict[str, str] = {}  # the name given first for each attribute, as this file spells it
        for k, v in attributes.items():
            name = as_known(k, self._keys)
            if name in out and not same_value(out[name], v):  # "region_type: krimp" and "Region_Type: stedelijk"
                raise ImportRefused(f"'{given[name]}' and '{k}' are one attribute (names differing only in "
                                    f"capitals) with two values ({stored_text(out[name])}, {stored_text(v)})",
                                    file=source, hint="keep one of them")
            given.setdefault(name, k)
            if name != k and k not in self._keys_said:
                self._keys_said.add(k)
                summary.notes.append(f"{source}: the attribute '{k}' is stored as '{name}', the name the "
                                     "project gives it (names differing only in capitals are one attribute)")
            out[name] = v
        return out

    def _table_columns(self, attributes: dict[str, Any], summary: ImportSummary,
                       what: str = "the attributes table's column") -> dict[str, Any]:
        """An attributes table's Dutch column names as a transcript's header reads them ("Regiotype"
        is region_type, "Datum" date, in ISO form): stored as written, they made a second attribute
        beside the headers' (four of six interviews fell out of `stats --by region_type`), and its
        dates stayed text. A name the project already has (an earlier table's "regio") stays its own.
        Said once per column. A text file's front matter and a survey's columns are read so too
        (``what`` names them in the note): their `regio` stood beside another file's header
        `Regio:`, read as region."""
        if self._keys is None:
            self._keys = known_names(self.store.documents.attribute_keys())
        out: dict[str, Any] = {}
        for k, v in attributes.items():
            dutch = header_alias(k)  # only the header's Dutch words ("Regio", "Datum"); others as written
            name = dutch if dutch is not None and k.casefold() not in self._keys else k
            if name != k and k not in self._keys_said:
                self._keys_said.add(k)
                summary.notes.append(f"{what} '{k}' is read as '{name}', as a transcript's header '{k}:' is")
            v = stored_value(name, v)  # "14-03-2024" as a header's date is read (one that is none is said when stored)
            if name in out and not same_value(out[name], v):  # "region_type" and "Regiotype" both given
                raise ImportRefused(f"the attributes table gives {name} twice, with two values "
                                    f"({stored_text(out[name])}, {stored_text(v)}): '{k}' is read as '{name}', as a "
                                    "transcript's header is", hint="keep one of the two columns")
            out[name] = v
        return out

    def unique_name(self, base: str) -> str:
        """``base``, else ``base-2``, ``base-3`` ...; remembers where the count stopped, so that
        a thousand files called interview.txt cost a thousand look-ups, not half a million."""
        if not self.store.documents.name_taken(base):
            return base
        n = self._next_suffix.get(base, 2)
        while self.store.documents.name_taken(f"{base}-{n}"):
            n += 1
        self._next_suffix[base] = n + 1
        return f"{base}-{n}"

    def store_one(self, p: Prepared, extra_attrs: dict[str, Any], summary: ImportSummary,
                  search_rows: list[tuple] | None = None, path: str | None = None) -> None:
        """Store one document (a savepoint when the caller holds a transaction), or record it
        as skipped when a document with the same content is already there. ``search_rows``:
        see ``ProjectStore.documents.add``; ``path``: the file as the import was given it (its folder
        tells two files of one name apart)."""
        # a name as one types it: "Gesprek twee .txt" stored "Gesprek twee ", which no command found (the
        # import's own report then failed on it, unsaid that the files were stored)
        doc = replace(p.doc, name=" ".join(p.doc.name.split()) or p.doc.name)
        source = doc.source_file.split("#")[0]
        notes_at, said = len(summary.notes), set(self._keys_said)

        def unsaid() -> None:  # how a file's attributes were read, for a file not imported: noise on every run
            del summary.notes[notes_at:]
            self._keys_said = said
        what = (f"{source}: the front matter's" if doc.format in FRONT_MATTER_FORMATS else
                f"{source}: the column" if doc.format == "survey" else None)  # a survey's `Regio` column too
        own = self._table_columns(doc.attributes, summary, what) if what else doc.attributes
        doc = replace(doc, attributes=self._as_known(own, source, summary))
        extra_attrs = self._as_known(self._table_columns(extra_attrs, summary), source, summary)
        existing = self.store.documents.by_hash(p.content_hash)
        if existing is not None:
            _, name = self.store.documents.find(existing)
            item = {"file": doc.source_file, "document": name, "reason": "same content already imported"}
            unsaid()
            # the attributes table given now is applied to the document imported before (import the
            # folder, read that its table was not read, import again with --attributes: they were
            # dropped without a word)
            have = self.store.documents.attributes(existing).get(existing, {})
            changed = {k: v for k, v in extra_attrs.items() if not same_value(have.get(k), v)}
            if changed:  # each said with the value it replaces (one set by hand went back unsaid)
                self.store.documents.set_attributes(existing, changed, coder=self.coder)
                item["attributes_set"] = sorted(changed)
                item["attributes_were"] = {k: stored_text(have[k]) for k in changed if stored_text(have.get(k))}
                item["attributes_now"] = {k: stored_text(v) for k, v in changed.items()}
            # the file's own attributes (front matter, a header) as corrected since: said, not set (a
            # researcher fixed `regoin_type` in the file, imported it again and read only "skipped")
            # (compared as stored: a list read again is "penvoerder;bestuurder", not "['penvoerder', …]")
            differ = {k: stored_text(v) for k, v in doc.attributes.items()
                      if k not in extra_attrs and not same_value(have.get(k), v)}
            if differ:
                # a key the file renamed ("regoin_type" now "region_type") comes off in the same command
                renamed = [h for h in have if h not in doc.attributes and h not in extra_attrs
                           and closest_name(h, [k for k in differ if k not in have])]
                emptied = [k for k, v in differ.items() if not v]  # "region_type:" left empty: taken off
                summary.notes.append(f"{doc.source_file}: its attributes differ from {name}'s ("
                                     + ", ".join(f"{k}: {v or '(empty)'}" for k, v in differ.items())
                                     + f"), which the same text keeps; "
                                     f"{attribute_command(name, {k: v for k, v in differ.items() if v}, renamed + emptied)}"
                                     " sets them")
            # the same words with other speakers (labels corrected or pseudonymised since): said, as the
            # text decides what is the same interview and the stored speakers stay
            other = _other_turns(self.store.transcripts.turn_rows([existing])[existing], doc.turns)
            if other:
                summary.notes.append(f"{doc.source_file}: the same text as {name} with other {other[0]} ({other[1]}); "
                                     f"{name} keeps its own (after a `speaker-rename` made there on purpose, nothing "
                                     f"is to be done). To take this file's, delete {name} (`sto-qual "
                                     f"delete-doc --doc {shlex.quote(name)}`; its codings go with it) and import the "
                                     "file again")
            summary.skipped.append(item)
            return
        renamed = (self.guard_names and doc.format != "survey" and doc.name not in self._named_here
                   and self.store.documents.name_taken(doc.name))
        if renamed and not self.as_new:
            unsaid()
            raise ImportRefused(f"a document named {doc.name} with other content is already in the project (an "
                                "edited transcript?); this file was not imported", file=doc.source_file,
                                hint=f"to add it as another interview ({doc.name}-2), import it with --as-new; to "
                                     f"replace {doc.name} and keep its codings, `sto-qual codings-export -o "
                                     f"{shlex.quote(doc.name)}-codings`, `sto-qual delete-doc --doc "
                                     f"{shlex.quote(doc.name)}`, import the file, then `sto-qual codings-import "
                                     f"{shlex.quote(doc.name)}-codings` (each passage is found by its words; its "
                                     "memo on the interview and roles set by hand are not kept)")
        name = self.unique_name(doc.name)
        doc_id = self.store.documents.add(name=name, source_file=doc.source_file, format=doc.format,
                                 content_hash=p.content_hash, text=doc.text, words=p.words,
                                 attributes={**doc.attributes, **extra_attrs},
                                 turns=[(t.start, t.end, t.speaker, t.time_start, t.time_end) for t in doc.turns],
                                 units=p.units, folded=p.folded, coder=self.coder, search_rows=search_rows)
        # the file's own value the table's replaced ("Regio: Twente-Noord" stored as R02): said, with how to take it
        own = {k: stored_text(doc.attributes[k]) for k, v in extra_attrs.items() if stored_text(doc.attributes.get(k))
               and not same_value(doc.attributes[k], v)}
        if own:
            summary.notes.append(f"{doc.source_file}: the attributes table's " + ", ".join(
                f"{k} ({stored_text(extra_attrs[k])})" for k in own) + " replaced the file's own (" + ", ".join(
                f"{k}: {v}" for k, v in own.items()) + f"); {attribute_command(name, own)} sets the file's")
        # "Interviewer:", "I:": the interviewer unless a role map says otherwise (domain.roles)
        self.store.roles.add_implied(name, [t.speaker for t in doc.turns], coder=self.coder)
        summary.imported.append({"file": doc.source_file, "document": name, "words": p.words,
                                 "turns": len(doc.turns), "units": len(p.units)})
        self._named_here.setdefault(doc.name, path or doc.source_file)
        if doc.format in FRONT_MATTER_FORMATS and doc.attributes:
            summary.front_matter[doc_id] = (doc.source_file, tuple(doc.attributes))
        if name != doc.name and not renamed and doc.format != "survey":
            # two files of one import with one name (W08.txt and W08.md): numbered, and said (an
            # --attributes row W08 naming both is refused: tables.shared_rows)
            # (each named by its folder: in/dupA/R14.txt and in/dupB/R14.txt were both "R14.txt")
            first = self._named_here.get(doc.name)
            other = f", {doc.name} is {first}" if first and first != path else ""
            summary.warnings.append(f"{path or doc.source_file}: stored as {name}, as another file of this import is "
                                    f"{doc.name} (two files with one name{other}; `sto-qual attribute "
                                    f"{shlex.quote(name)} …` gives it attributes of its own)")
        if renamed:
            summary.warnings.append(f"{doc.source_file}: a document named {doc.name} with other content was already "
                                    f"in the project; this file was added as a new interview {name}, so both count "
                                    f"(to keep one: `sto-qual delete-doc --doc {shlex.quote(name)}` or --doc "
                                    f"{shlex.quote(doc.name)})")
        for w in doc.warnings:
            summary.warnings.append(f"{doc.source_file}: {w}")

    def store_batch(self, outcomes: Sequence[Prepared | StoQualError], extra_attrs: dict[str, Any],
                    summary: ImportSummary, path: str | None = None) -> None:
        """One transaction, a savepoint per document: a document that fails refuses only itself.
        If the transaction itself cannot be written (disk full, project locked too long),
        every document of the batch is refused and nothing of it is reported as imported."""
        marks = (len(summary.imported), len(summary.skipped), len(summary.warnings))
        try:
            self._store_batch(outcomes, extra_attrs, summary, path)
        except ReadOnlyProject:  # no file can be stored: the import stops with this one line
            del summary.imported[marks[0]:], summary.skipped[marks[1]:], summary.warnings[marks[2]:]
            raise
        except StoQualError as exc:
            del summary.imported[marks[0]:], summary.skipped[marks[1]:], summary.warnings[marks[2]:]
            files = dict.fromkeys(p.file if isinstance(p, StoQualError) else p.doc.source_file.split("#")[0]
                                  for p in outcomes)
            summary.refused += [{"file": f or "", "error": str(exc)} for f in files]

    def _store_batch(self, outcomes: Sequence[Prepared | StoQualError], extra_attrs: dict[str, Any],
                     summary: ImportSummary, path: str | None = None) -> None:
        with self.store.transaction():
            search_rows: list[tuple] = []
            for p in outcomes:
                if isinstance(p, StoQualError):
                    summary.refused.append({"file": p.file or "", "error": str(p)})
                    continue
                rows: list[tuple] = []
                marks = (len(summary.imported), len(summary.skipped), len(summary.warnings))
                try:
                    with self.store.transaction():  # a savepoint: all of this document or none of it
                        self.store_one(p, extra_attrs, summary, rows, path)
                except ReadOnlyProject:
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad document must never stop the others
                    del summary.imported[marks[0]:], summary.skipped[marks[1]:], summary.warnings[marks[2]:]
                    error = str(exc) if isinstance(exc, StoQualError) else unexpected(p.doc.source_file, exc)
                    summary.refused.append({"file": p.doc.source_file, "error": error})
                    continue
                search_rows += rows
            self.store.documents.add_search_rows(search_rows)


# ------------------------------------------------------------------ tasks
# A task is (file index, kind, payload); its result is (file index, outcome, rows done, rows in file).
def unexpected(source: str, exc: Exception) -> str:
    return f"{source}: cannot import ({type(exc).__name__}: {str(exc)[:120]}); nothing of it was stored"


def _other_turns(stored, parsed) -> tuple[str, str] | None:
    """How a file's turns differ from the stored document's with the same text, as (what, how):
    other speakers (the changed labels, ``Pieter for Jan``, at most three, or turns split
    elsewhere), or other times (a timed Word table of an interview imported before without
    times); None when they are the same."""
    have = [(t.start, t.speaker or "") for t in stored]
    new = [(t.start, t.speaker or "") for t in parsed]
    if have == new:
        times = sum(1 for a, b in zip(stored, parsed) if (a.time_start or None) != (b.time_start or None))
        return ("times", f"{times} turn{'s' if times > 1 else ''} with another time") if times else None
    if [s for s, _ in have] != [s for s, _ in new]:
        return "speakers", "its turns begin at other places"
    pairs = list(dict.fromkeys((b, a) for (_, a), (_, b) in zip(have, new) if a != b))
    said = ", ".join(f"{b or 'no speaker'} for {a or 'no speaker'}" for b, a in pairs[:3])
    return "speakers", said + (f" and {len(pairs) - 3} more" if len(pairs) > 3 else "")
