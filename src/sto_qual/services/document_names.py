"""What a document and its speakers are called: a document renamed (an interview imported from
"Interview gemeente Waalvliet - Jan.docx" is named after its file, and that name goes into every
table an analyst exports), a speaker label renamed (a transcriber's "Mariek" for "Marieke").

Contract: a rename changes the name everywhere the project keeps it — the role map's rows for
the document, the interviews an agreed coding holds — in one transaction, or nothing at all.
Codings, memos, summaries and undo steps hold documents by id and need no change.
"""
from __future__ import annotations

import shlex
from typing import Any

from sto_qual.domain.controls import check_document_name, check_name
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.identifying import role_in_header
from sto_qual.domain.model import ROLES
from sto_qual.domain.names import closest_name
from sto_qual.services.agreed import AGREED_SETTING
from sto_qual.services.session import Session


class DocumentNames:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def document_id(self, ref: str | int) -> int:
        return self.store.documents.find(ref)[0]

    def rename_document(self, ref: str | int, new: str) -> dict[str, str]:
        """Give document ``ref`` (its name, another case of it, its id) the name ``new``: returns
        {"old", "new"}. Refused, nothing changed: an empty name, one with a comma (``--where
        doc=R01,R02`` parts names at commas), a number (read as a document's id), a name another
        document has in any case (``show r01`` finds R01)."""
        doc_id = self.document_id(ref)
        old = self.store.documents.name(doc_id)
        new = check_document_name(" ".join(new.split()), "the document name")
        if not new:
            raise StoQualError("the new document name is empty")
        if "," in new:
            raise StoQualError(f"'{new}' has a comma, which parts a list of documents (--where doc=R01,R02)",
                               hint="name it without a comma")
        if new.isdigit():
            raise StoQualError(f"'{new}' is a number, which is read as a document's id",
                               hint=f"give it a letter too, e.g. R{new}")
        if new == old:
            raise NothingToDo(f"the document is named {old} already; nothing was renamed")
        taken = next((d.name for d in self.store.documents.light() if d.id != doc_id
                      and d.name.casefold() == new.casefold()), None)
        if taken is not None:
            raise StoQualError(f"another document is named {taken}; nothing was renamed",
                               hint="`sto-qual docs` lists the names the project has")
        entries = self.store.settings.get(AGREED_SETTING) or {}
        kinds = ("documents", "rest_documents")  # (those it took whole from one coder too: `agreed --rest`)
        held = {k: {**e, **{key: [new if str(d) == old else d for d in e[key]] for key in kinds if e.get(key)}}
                for k, e in entries.items() if any(old in map(str, e.get(key) or ()) for key in kinds)}
        with self.store.transaction():
            self.store.documents.rename(doc_id, new, coder=self.session.resolve_coder())
            if held:  # the interviews an agreed coding holds, and its chapter is of, are kept by name
                self.store.settings.set(AGREED_SETTING, {**entries, **held})
        return {"old": old, "new": new}

    def rename_speaker(self, old: str, new: str, doc: str | int | None = None) -> dict[str, Any]:
        """Give a speaker label another name, in one document or in all (a transcriber's "Mariek" for
        "Marieke" could only be given a role, and stayed "Mariek" in `show` and in a .qdpx): its
        turns take it, and the role set for the old label there goes with it when the new one has
        none (neither having one, the role the document's header gives the new one: ``header_role``).
        Joining a label that speaks there already makes a backup first (the turns cannot be
        told apart after). Refused, nothing changed: a label no turn has, two roles that differ."""
        new = " ".join(new.split())
        check_name(new, "the speaker label")
        if not new:
            raise StoQualError("the new speaker label is empty")
        ids = [self.document_id(doc)] if doc is not None else [d.id for d in self.store.documents.light()]
        spoken = self.store.transcripts.speakers_by_document()
        holders = [i for i in ids if old in spoken.get(i, ())]
        names = {i: self.store.documents.name(i) for i in holders}
        if not holders:
            near = closest_name(old, sorted({s for i in ids for s in spoken.get(i, ())}))
            raise StoQualError(f"no turn{' of ' + self.store.documents.name(ids[0]) if doc is not None else ''} is "
                               f"spoken by '{old}'" + (f" (did you mean {near}?)" if near else ""),
                               hint="`sto-qual show DOC` lists the turns with their speakers")
        if new == old:
            raise NothingToDo(f"the speaker is named {old} already; nothing was renamed")
        roles, moved, headed = self.store.roles.map(), {}, {}
        attrs = self.store.documents.attributes() if holders else {}
        for i, name in names.items():
            was, now = (self.store.roles.role_for(roles, name, label) for label in (old, new))
            if not was and not now and (said := role_in_header(new, attrs.get(i, {}), {*ROLES, *roles.values()})):
                headed[(name, new)] = said  # "KAREN" renamed "KARIN", whom "Aanwezig: Karin Maas (gemeente)" names
            if was and now and was != now:
                raise StoQualError(f"'{old}' is {was} in {name} and '{new}' is {now}; nothing was renamed",
                                   hint=f"give them one role first: `sto-qual role {shlex.quote(new)} {was} --doc "
                                        f"{shlex.quote(name)}`, or the other way round")
            if was and not now:
                moved[(name, new)] = was
        joined = sorted(n for i, n in names.items() if new in spoken.get(i, ()))
        backup = self.store.file.auto_backup("pre-speaker") if joined else None
        who = self.session.resolve_coder()
        with self.store.transaction():
            turns = self.store.transcripts.rename_speaker(old, new, holders)
            if moved or headed:
                self.store.roles.set({**moved, **headed}, coder=who)
            self.store.audit.record("rename-speaker", "turns", None, who,
                                    {"old": old, "new": new, "documents": sorted(names.values())})
        return {"old": old, "new": new, "turns": turns, "documents": sorted(names.values()), "joined": joined,
                "role": next(iter(moved.values()), None), "header_role": next(iter(headed.values()), None),
                "backup": str(backup) if backup else None}
