"""The project's coders as people: removing a name typed wrong once, renaming one. Their
codings, memos, decisions and undo steps are by id, so they follow a rename."""
from __future__ import annotations

import functools
import re
import shlex
from collections.abc import Callable, Iterable

from sto_qual.domain import history
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.text import plural
from sto_qual.services.session import Session


class CoderService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def remove_coder(self, name: str) -> tuple[str, int]:
        """Remove a coder nothing in the project is by: a name typed wrong once ('brma') stayed
        a coder for good. Refused for the default or reference coder, for one with codings, memos
        or suggestion decisions, and while another coder's undo would put a coding of hers back.
        Another coder's redo steps that hold a coding of hers go with her (undoing such a step, as
        the refusal advises, had left it to redo, and the refusal came back). Returns the name as
        it was stored and the number of redo steps dropped."""
        stored = self.store.coders.stored_name(name)
        if stored is None:
            raise StoQualError(f"no coder '{name}' in this project", hint="sto-qual coders lists them")
        settings = self.store.settings
        for key, what in (("default_coder", "the project's default coder"), ("reference_coder", "the reference coder")):
            if settings.get(key) == stored:
                command = "default-coder" if key == "default_coder" else "reference-coder"
                raise StoQualError(f"'{stored}' is {what}; nothing was removed",
                                   hint=f"`sto-qual {command} NAME` names another coder first")
        coder_id = self.store.coders.by_name(stored)
        with self.store.transaction():
            held = {k: n for k, n in self.store.coders.what_is_by(coder_id).items() if n}
            # a coding of theirs another coder's undo would put back (removed with the coder, that
            # undo failed on every try and blocked the steps behind it)
            undo = sum(1 for step in self.store.history.others_steps(coder_id, undone=False)
                       if history.holds_coding_of(step.action, coder_id))
            redo = [step.id for step in self.store.history.others_steps(coder_id, undone=True)
                    if history.holds_coding_of(step.action, coder_id)]
            if undo:
                held["coding in another coder's undo steps"] = undo
            if held or not self.store.coders.remove_unused(coder_id):
                said = ", ".join(plural(n, k) for k, n in held.items()) or "work in this project"
                only_undo = set(held) == {"coding in another coder's undo steps"}
                raise StoQualError(f"'{stored}' has {said}; nothing was removed",
                                   hint="an undo would put it back; undo it and uncode it yourself, or keep the coder"
                                   if only_undo else "a coder who did work stays; uncode their codings first if they "
                                                     "are a mistake")
            for step_id in redo:
                self.store.history.drop(step_id)
            self.store.audit.record("remove", "coder", coder_id, self.session.resolve_coder(None),
                                    {"name": stored, "redo_steps_dropped": len(redo)})
        return stored, len(redo)

    def rename_coder(self, name: str, new: str) -> tuple[str, str]:
        """Give a coder another name: her codings, memos, decisions and undo steps follow (two
        people who both coded as the default "onderzoeker" are told apart in one copy before a
        merge), and so do the project's default and reference coder and an agreed coding made
        from her. Refused for a name another coder has, and for an agreed coding (the meeting's
        name). Returns (the old name as stored, the new one)."""
        from sto_qual.domain.controls import check_name
        from sto_qual.services.agreed import AGREED_SETTING
        stored = self.store.coders.stored_name(name)
        if stored is None:
            raise StoQualError(f"no coder '{name}' in this project", hint="`sto-qual coders` lists them")
        new = check_name(" ".join(new.split()), "the coder name")
        if not new:
            raise StoQualError("the new coder name is empty")
        if new == stored:
            raise NothingToDo(f"the coder is named {stored} already; nothing was renamed")
        if new.casefold() != stored.casefold():
            self.session.refuse_lookalike(new)
        taken = self.store.coders.stored_name(new)
        if taken is not None and taken != stored:
            q = shlex.quote
            raise StoQualError(f"a coder '{taken}' is in this project already; nothing was renamed",
                               hint=f"two coders' work is not joined this way; to put {stored}'s codings under "
                                    f"{taken}: `sto-qual codings-export --coder {q(stored)} -o DIR`, `sto-qual "
                                    f"codings-import DIR --coder {q(taken)}`, then `sto-qual uncode --doc DOC "
                                    f"--all-codes --coder {q(stored)}` in each interview")
        settings = self.store.settings
        agreed = settings.get(AGREED_SETTING) or {}
        if stored in agreed:
            raise StoQualError(f"'{stored}' is an agreed coding; it keeps the name it was started under",
                               hint=f"`sto-qual agreed {shlex.quote(new)} --from A B` starts one under another name")
        coder_id = self.store.coders.by_name(stored)
        with self.store.transaction():
            self.store.coders.rename(coder_id, new)
            for key in ("default_coder", "reference_coder"):
                if settings.get(key) == stored:
                    settings.set(key, new)
            if any(stored in (e.get("from") or ()) for e in agreed.values() if isinstance(e, dict)):
                settings.set(AGREED_SETTING, {n: ({**e, "from": [new if c == stored else c for c in e["from"]]}
                                                  if isinstance(e, dict) and e.get("from") else e)
                                              for n, e in agreed.items()})
            self.session.rename_view_choices(stored, new)  # her view choices (coding blind)
            self.store.audit.record("rename", "coder", coder_id, self.session.resolve_coder(None),
                                    {"from": stored, "to": new})
        return stored, new


def shown_coder(anon: Callable[[str], str], session: Session) -> Callable[[str], str]:
    """A coder's name as an export prints it. Coders are people too, so the pseudonym list applies: a
    name it changes is printed as "coder N" (N: her number in the project, which stays hers when a coder made
    before her is removed), not as what the list gives a participant of that name ("sanne" coded as
    "[programmaleider]" read as a programme leader's coding, and two such coders as one)."""
    numbers = {c["name"]: c["id"] for c in session.store.coders.all()}

    @functools.cache  # (asked once per row of an export)
    def shown(name: str) -> str:
        if anon(name) == name:
            return name
        return f"coder {numbers[name]}" if name in numbers else "coder"
    return shown


def printed_otherwise(anon: Callable[[str], str], session: Session, printed: set) -> list[str]:
    """A warning per coder an export prints (``printed``: the names it shows) as "coder N" (``shown_coder``)."""
    shown = shown_coder(anon, session)
    return [f"the coder '{c}' is printed as '{shown(c)}': the pseudonym list changes that name (`sto-qual "
            f"coder-rename {shlex.quote(c)} NEW` gives the coder a name it leaves)" for c in session.coder_names()
            if shown(c) != c and shown(c) in printed]


def coders_shown_in(texts: list[str], names: Iterable[str | None], shown: Callable[[str], str]) -> list[str]:
    """``texts`` with each of the coders ``names`` (as a whole word) as ``shown`` names her: the workbook's notes
    said "de coderingen van [programmaleider]" beside a codings sheet that said "coder 1"."""
    names = [n for n in names if n]
    if not names:
        return texts
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return [rx.sub(lambda m: shown(m.group(1)), t) for t in texts]
