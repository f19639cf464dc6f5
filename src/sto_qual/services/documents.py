"""Document use cases: list and read documents, delete one completely, speaker roles,
document attributes, full-text search.

Contract: reads return domain values; ``delete_document`` removes every trace of a
document from the project and from sto_qual's own automatic backups beside it, and
reports other files that still hold it.
"""
from __future__ import annotations

import re
import shlex
import unicodedata
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from sto_qual.domain.controls import check_name
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.filters import spelled_like, stored_value, typed_like, value_parts, yes_no_refused
from sto_qual.domain.model import Document
from sto_qual.domain.names import as_known, known_names
from sto_qual.domain.text import fold, holds_as_written, iso_date
from sto_qual.services.session import Session
from sto_qual.store.connection import remove_database_files
from sto_qual.store.documents import same_value


# a phrase in straight or curly double quotes, Dutch low-high quotes („…”) or curly single ones
_QUOTED = re.compile(r'"([^"]*)"|[\u201c\u201e]([^\u201c\u201d\u201e"]*)[\u201d\u201c]|\u2018([^\u2019]*)\u2019')


class DocumentService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def documents(self, coder: str | None = None) -> list[Document]:
        """Every document with its counts; ``coder``: codings and coded share of that coder only
        (one who codes blind sees her own)."""
        if coder is None:
            return self.store.documents.all()
        cid = self.store.coders.by_name(coder)
        return self.store.documents.all(coder_id=cid if cid is not None else -1)  # a new coder: none yet

    def document_id(self, ref: str | int) -> int:
        """The id of a document given by name or id (``ProjectError`` when there is none)."""
        return self.store.documents.find(ref)[0]

    def document(self, ref: str | int) -> Document:
        return self.store.documents.all(doc_id=self.document_id(ref))[0]

    def text(self, ref: str | int) -> str:
        return self.store.documents.text(self.document_id(ref))

    def turns(self, ref: str | int):
        return self.store.transcripts.turns(self.document_id(ref))

    def units(self, ref: str | int):
        return self.store.transcripts.units(self.document_id(ref))

    def copies(self, ref: str | int) -> tuple[list[Path], list[Path]]:
        """(sto_qual's automatic backups, other files) beside the project holding this
        document: what ``delete`` removes with it, and what it only names."""
        from sto_qual.services.backups import store_copies
        return store_copies(self.store, ref)

    def delete(self, ref: str | int, coder: str | None = None, purge_backups: bool = True) -> dict[str, Any]:
        """Delete a document completely: text, turns, units, search index, codings, memos,
        suggestions, undo history, speaker names only it used, and sto_qual's own automatic
        backups that contain it. Other files that hold it are reported (``also_in``), never
        deleted. The file is vacuumed and the WAL emptied so no byte of it stays behind."""
        doc_id, name = self.store.documents.find(ref)
        own, others = self.copies(doc_id)
        counts = self.store.documents.delete(doc_id, coder=self.session.resolve_coder(coder))
        self.session.forget_text(doc_id)
        from sto_qual.services.model_record import forget_model_of
        from sto_qual.services.pseudonyms import forget_name_profile
        forget_model_of(self.store, doc_id)
        forget_name_profile(self.store)
        removed = []
        if purge_backups:
            for p in own:
                remove_database_files(p)
                removed.append(p)
        if removed:  # said where such a backup is named later (an undo offered the restore of a merge's backup gone)
            with self.store.transaction():
                self.store.audit.record("purge", "backups", None, self.session.resolve_coder(coder),
                                        {"document": name, "files": [p.name for p in removed]})
        self.store.file.vacuum()
        complete = self.store.file.checkpoint()
        out = {"document": name, **counts, "backups_removed": [str(p) for p in removed],
               "also_in": [str(p) for p in others + ([] if purge_backups else own)]}
        if not complete:
            out["warning"] = ("the project is open in another program: part of the deleted text stays in its "
                              "-wal file until every program has closed the project")
        return out

    def speakers(self, ref: str | int | None = None) -> list[str]:
        """The speaker labels of a document (of every document without ``ref``)."""
        return self.store.transcripts.speakers(self.document_id(ref) if ref is not None else None)

    def new_role_near(self, role: str) -> str | None:
        """The role the project has that ``role`` most likely mistypes ("bestuuder" for
        "bestuurder"), when ``role`` is not one of its roles yet (a typo makes a group of its own
        in `stats --by role`), else None."""
        from sto_qual.domain.model import ROLES
        from sto_qual.domain.names import closest_name
        from sto_qual.domain.roles import INTERVIEWER
        roles = {r for r in self.store.roles.map().values()} | {INTERVIEWER}
        role = role.strip().lower()
        if role in roles or role in ROLES:  # a role the chapter has words for is no typo
            return None
        # the roles the chapter knows first: "programleider", given before "programmaleider" was
        # ever used, was taken unsaid, and the right name then read as the typo of the wrong one
        return closest_name(role, sorted(ROLES)) or closest_name(role, sorted(roles))

    def mistyped_roles(self, source: str, given: dict[tuple[str, str], str]) -> list[str]:
        """A note for each role of a role map that looks like a typo of a role the project or the
        chapter knows, or of one the map gives more often ("penvoerdr" once beside "penvoerder"
        thirteen times): read before the map is set, as `role` reads it. At import a typo made a
        group of its own in `stats --by role` without a word."""
        from collections import Counter

        from sto_qual.domain.drafting_lead import join_words
        from sto_qual.domain.names import closest_name
        used = Counter(r.strip().lower() for r in given.values())
        notes = []
        for role in sorted(used):
            near = self.new_role_near(role) or closest_name(role, sorted(r for r in used if used[r] > used[role]))
            if near:
                rows = [(doc, label) for (doc, label), r in given.items() if r.strip().lower() == role]
                who = join_words([f"{label} in {doc}" if doc else label for doc, label in rows], "and")
                doc, label = rows[0]
                command = (f"sto-qual role {shlex.quote(label)} {near}" + (f" --doc {shlex.quote(doc)}" if doc else "")
                           if len(rows) == 1 else f"sto-qual role LABEL {near}")
                notes.append(f"{source}: '{role}', given to {who}, is a new role in this project: did you mean "
                             f"{near}? (correct the file and import it again, or give `{command}`)")
        return notes

    def roles(self) -> list[dict[str, Any]]:
        """The role map as set (`role`, a roles file, the import's implied roles): doc ('' for
        every document), label (as stored: lower case), speaker (as the transcripts write the
        name it finds, else ""), role, and speaks: whether an interview it applies to has that
        speaker (a mistyped label gives no one a role)."""
        from sto_qual.domain.roles import spoken_by
        speakers = {"": self.speakers()}  # per document, read once (every document: "")
        out = []
        for (doc, label), role in sorted(self.store.roles.map().items()):
            if doc not in speakers:
                speakers[doc] = self.speakers(doc) if self.store.documents.name_taken(doc) else speakers[""]
            found = spoken_by(label, speakers[doc])
            out.append({"doc": doc, "label": label, "speaker": found or "", "role": role, "speaks": found is not None})
        return out

    def remove_role(self, label: str, doc: str | None = None) -> list[dict[str, str]]:
        """Take a speaker label's role off (in one document, or everywhere it is set); refused
        when none is set."""
        gone = self.store.roles.remove(label, doc, coder=self.session.resolve_coder())
        if not gone:
            where = f" in {doc}" if doc else ""
            raise StoQualError(f"no role is set for '{label}'{where}", hint="`sto-qual role` lists the roles set")
        return [{"doc": d, "label": lab, "role": r} for d, lab, r in gone]

    def set_roles(self, mapping: dict[tuple[str, str], str] | dict[str, str]) -> None:
        """Map speaker labels to roles; keys are a label (every document) or (document, label)."""
        norm = {(k if isinstance(k, tuple) else ("", k)): v for k, v in mapping.items()}
        for (_doc, label), role in norm.items():
            check_name(label, "the speaker label")
            check_name(role, "the role")
        self.store.roles.set(norm, coder=self.session.resolve_coder())

    def set_attributes(self, ref: str | int, attrs: dict[str, Any]) -> None:
        """Set attributes of one document, each under the name the project gives it (``as_known``)."""
        doc_id = self.document_id(ref)
        for k, v in attrs.items():
            check_name(str(k), "an attribute name")
            check_name(v, f"attribute '{k}'")
        known = known_names(self.store.documents.attribute_keys())
        self.store.documents.set_attributes(doc_id, {as_known(k, known): v for k, v in attrs.items()},
                                            coder=self.session.resolve_coder())

    def attributes(self, ref: str | int) -> dict[str, Any]:
        """One document's attributes (typed as stored)."""
        doc_id = self.document_id(ref)
        return self.store.documents.attributes(doc_id).get(doc_id, {})

    def change_attributes(self, ref: str | int, values: dict[str, str], remove: list[str]) -> dict[str, Any]:
        """Set (``values``) and take off (``remove``) one document's attributes, as a person types
        them: {"document", "changed": [(key, before, after)], "notes"}. Refused, nothing changed,
        for an empty key or value, a key both set and taken off, or one taken off that the
        document does not have; a key no document has yet, close to one the project has
        ("regoin"), is set with a note naming that one."""
        from sto_qual.domain.names import close_value, closest_name
        doc_id = self.document_id(ref)
        name = self.store.documents.name(doc_id)
        every = self.store.documents.attributes()
        have = every.get(doc_id, {})
        known = sorted({k for a in every.values() for k in a})
        # a name differing only in capitals from the project's is that attribute ("Region_Type" set
        # beside region_type made two, which --where and --by each read differently)
        names = known_names(k for a in every.values() for k in a)
        spelt = {k: as_known(k.strip(), names) for k in [*values, *remove] if k.strip()}
        refolded = [f"'{k}' is the attribute '{v}' (names differing only in capitals are one attribute)"
                    for k, v in spelt.items() if v != k.strip()]
        for given in (list(values), remove):
            seen: set[str] = set()
            for k in given:
                if spelt.get(k, k) in seen:
                    raise StoQualError(f"'{k}' is given twice", hint="names differing only in capitals are one "
                                                                     "attribute; give it once")
                seen.add(spelt.get(k, k))
        values = {spelt.get(k, k): v for k, v in values.items()}
        remove = [spelt.get(k, k) for k in remove]
        for k, v in values.items():
            check_name(k, "an attribute name")
            check_name(v, f"attribute '{k}'")
            if not k:
                raise StoQualError("an attribute without a name", hint="give KEY=VALUE, e.g. region_type=krimp")
            if not v.strip():
                raise StoQualError(f"an empty value for '{k}'", hint=f"--clear {k} takes the attribute off")
        both = sorted(set(values) & set(remove))
        if both:
            raise StoQualError(f"'{both[0]}' is both set and taken off", hint="give one of them")
        for k in remove:
            if k not in have:
                near = closest_name(k, sorted(have))
                raise StoQualError(f"{name} has no attribute '{k}'" + (f" (did you mean {near}?)" if near else ""),
                                   hint="its attributes: " + (", ".join(sorted(have)) or "none"))
        notes = list(refolded)
        for k, v in values.items():
            near = closest_name(k, known) if k not in known else None
            if near:
                notes.append(f"no other document has the attribute '{k}' (did you mean {near}?); "
                             f"`--clear {k}` takes it off")
                continue
            # (a value in other capitals is that value, as the tables group it; a date groups nothing)
            near = close_value(v, [v for d, a in every.items() if d != doc_id for v in value_parts(a.get(k))])
            if near:  # "krim" would be a group of its own in every table
                notes.append(f"no other document has {k} '{v.strip()}' (did you mean {near}?)")
        # as the other documents hold it: a yes/no (not the text "no" beside their yes); a date as the
        # import reads one ("14-03-2024" is 2024-03-14: stored as typed, `saturation` put it last)
        others = {k: [a.get(k) for d, a in every.items() if d != doc_id] for k in values}
        typed = {k: typed_like(v, others[k]) for k, v in values.items()}
        for k, v in typed.items():
            if isinstance(v, str) and spelled_like(v, others[k]) != v:
                typed[k] = spelled_like(v, others[k])
                notes.append(f"{k} '{v.strip()}' is stored as '{typed[k]}', as the other documents write it")
        typed = {k: stored_value(k, v) for k, v in typed.items()}
        if isinstance(typed.get("date"), str) and iso_date(typed["date"]) is None:
            notes.append(f"date '{typed['date']}' is no date (day-month-year, '14 maart 2024' or 2024-03-14): "
                            "stored as given, and `saturation` orders the interview last")
        for k, v in typed.items():
            refused = yes_no_refused(k, v, others[k])
            if refused:
                raise StoQualError(refused, hint=f"give {k}=yes or {k}=no (ja/nee and true/false are read too)")
        coder = self.session.resolve_coder()
        # a value as it is already is no change: nothing written ("fictional=ja" on a yes added an audit line)
        write = {k: v.strip() if isinstance(v, str) else v for k, v in typed.items()}
        write = {k: v for k, v in write.items() if k not in have or have[k] != v or type(have[k]) is not type(v)}
        with self.store.transaction():
            if write:
                self.store.documents.set_attributes(doc_id, write, coder=coder)
            if remove:
                self.store.documents.remove_attributes(doc_id, list(remove), coder=coder)
        changed = ([(k, have.get(k), v.strip() if isinstance(v, str) else v) for k, v in typed.items()]
                   + [(k, have[k], None) for k in remove])
        return {"document": name, "changed": changed, "notes": notes}

    def rename_attribute(self, old: str, new: str) -> dict[str, Any]:
        """Rename attribute ``old`` to ``new`` in every document that has it (an attributes
        table's column "regio type" that was meant as region_type): {"old", "new", "documents"}.
        A document that has ``new`` already keeps it when the values agree; refused, nothing
        changed, when they differ, and for a name no document has."""
        from sto_qual.domain.errors import NothingToDo
        from sto_qual.domain.names import closest_name
        every = self.store.documents.attributes()
        names = known_names(k for a in every.values() for k in a)
        stored = names.get(old.strip().casefold())
        if stored is None:
            near = closest_name(old.strip(), list(names.values()))
            raise StoQualError(f"no document has the attribute '{old.strip()}'" + (f" (did you mean {near}?)"
                                                                                 if near else ""),
                               hint="`sto-qual docs` lists the documents with their attributes")
        new = check_name(new.strip(), "an attribute name")
        if not new:
            raise StoQualError("the new attribute name is empty")
        new = as_known(new, names) if new.casefold() != stored.casefold() else new
        if new == stored:
            raise NothingToDo(f"the attribute is named {stored} already; nothing was renamed")
        holders = {d: a for d, a in every.items() if stored in a}
        clash = [self.store.documents.name(d) for d, a in holders.items()
                 if new in a and not same_value(a[new], a[stored])]
        if clash:
            raise StoQualError(f"{', '.join(clash)} {'has' if len(clash) == 1 else 'have'} both '{stored}' and "
                               f"'{new}' with other values; nothing was renamed",
                               hint=f"`sto-qual attribute {clash[0]}` shows them; --clear the one that is wrong")
        coder = self.session.resolve_coder()
        with self.store.transaction():
            for doc_id, a in holders.items():
                if new not in a:  # a date as `attribute DOC date=5-12-2023` stores it: 2023-12-05
                    self.store.documents.set_attributes(doc_id, {new: stored_value(new, a[stored])}, coder=coder)
                self.store.documents.remove_attributes(doc_id, [stored], coder=coder)
        return {"old": stored, "new": new, "documents": sorted(self.store.documents.name(d) for d in holders)}

    def search(self, query: str, lemma: bool = False, limit: int = 200,
               doc_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
        """Units matching every word of ``query`` (diacritics-insensitive, but a word written
        with diacritics is found only so: "één" does not find every "een"); with ``lemma``,
        matching on lemmas so that "school" finds "scholen". ``doc_ids``: only in these documents."""
        query = unicodedata.normalize("NFC", query)  # "één" as some keyboards send it: e + a sign, twice
        # a phrase in quotes is found as a phrase ('"samen sterk"' found "samen sta je sterk")
        phrases = [" ".join("".join(x).split()) for x in _QUOTED.findall(query) if "".join(x).strip()]
        query = _QUOTED.sub(" ", query) if phrases else query
        if lemma:
            from sto_qual.nlp.pipeline import kept_as_written, lemma_query
            # one word in quotes is that word ('"daalt"' lost "dalen": a phrase is of lemmas only)
            query = " ".join([query, *(p for p in phrases if len(p.split()) == 1)])
            phrases = [p for p in phrases if len(p.split()) > 1]
            # as the plain search keeps it (`--lemma één` listed every article), as a word that begins so
            marked = [(w, True) for w in query.split() if kept_as_written(w)]
            marked += [(w, False) for p in phrases for w in p.split() if fold(w) != w.lower()]
            match, column = _lemma_match(query, [_index_form(" ".join(lemma_query(p))) for p in phrases]), None
        else:
            marked = [(w.rstrip("*"), w.endswith("*")) for w in query.split() if fold(w) != w.lower()]
            marked += [(w, False) for p in phrases for w in p.split() if fold(w) != w.lower()]
            words = fold(query).split()
            # a word with signs inside ("D&P", "M&T": vmbo profiles) is the phrase of its parts, as the
            # index splits it ("D&P" read "DP" and found nothing); "financi*": the words that begin so
            # (a prefix, as the full-text index reads one); a phrase in quotes, the phrase of its words
            said = [(_index_form(w), w.endswith("*")) for w in words] + [(_index_form(fold(p)), False) for p in phrases]
            match = " ".join(f'"{w}"' + ("*" if star else "") for w, star in said if w)
            column = "folded"
        if not match:  # "😀" said "empty search query" of a query that was not empty
            raise StoQualError("empty search query" if not query.strip() else
                               f"nothing to search for in '{query.strip()[:30]}': search finds words (letters or digits)",
                               hint="give one or more words")
        roles = self.store.roles.map()
        rows = self.store.transcripts.search(match, column, -1 if marked else limit, doc_ids)
        if marked:  # the folded index found "een" for "één": keep the sentences that hold it as written
            # (with --lemma as a word that begins so: "coördinatoren" is a form of "coördinator")
            rows = [r for r in rows if all(holds_as_written(r["text"], w, p) for w, p in marked)][:limit]
        for r in rows:
            r["role"] = self.store.roles.role_for(roles, r["doc"], r.get("speaker"))
        return rows


def _index_form(text: str) -> str:
    """``text``'s words as the full-text index splits them: signs between them are spaces."""
    return " ".join(re.sub(r"[^\w-]", " ", text).split())


def _lemma_match(query: str, phrases: list[str]) -> str:
    """The FTS5 query of `search --lemma` ("" when it holds no word): each word by its lemma or
    as itself, in the lemmas or the words of a sentence (the lookup tables take "dalen" for the
    plural of "dal": "daalt", lemma "dalen", did not find "dalen"; "werken" found no "werkt"),
    every word; a phrase in quotes (``phrases``: their lemmas) as the phrase of its lemmas."""
    from sto_qual.nlp.pipeline import word_lemmas
    parts = []
    for word, lemma in word_lemmas(query):
        forms = [_index_form(f) for f in dict.fromkeys((lemma, word))]
        alts = [f'{col} : "{f}"' for f in forms if f for col in ("lemmas", "folded")]
        if alts:
            parts.append("(" + " OR ".join(alts) + ")")
    parts += [f'lemmas : "{p}"' for p in phrases if p]
    return " AND ".join(parts)
