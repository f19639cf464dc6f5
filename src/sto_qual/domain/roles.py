"""The role a speaker label implies by transcript convention, when no role map says otherwise.

"Interviewer", "I", "Int." and the Dutch "Interviewster" (any case, optionally numbered as in
"Interviewer 2" or "I2", optionally with a note in brackets as in "Interviewer (JdV)") are the
interviewer; a label whose note in brackets is a role, or opens with one ("Jan (bestuurder)",
"Respondent 1 (directeur vmbo)"), has that role. Nothing else is implied: "R1", "Respondent" or
a name needs a role map or ``sto-qual role``; "Onderzoeker" (researcher) is left alone too, as
some projects give researchers who sit in on an interview a role of their own.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sto_qual.domain.model import ROLES
from sto_qual.domain.names import natural_order

INTERVIEWER = "interviewer"
_INTERVIEWER_LABEL = re.compile(r"(?:i|int\.?|interviewer|interviewster)(?:[ ]?\d{1,3})?(?:[ ]\([^()]*\))?",
                                re.IGNORECASE)


def only_interviewer(turns: Iterable[Any], start: int, end: int) -> bool:
    """Whether every turn (with ``start``, ``end``, ``role``) that [start, end) reaches into is the
    interviewer's: a coding of a question only, which no chapter quotes."""
    reached = [t for t in turns if t.start < end and t.end > start]
    return bool(reached) and all((t.role or "").lower() == INTERVIEWER for t in reached)


def answer_after_question(turns: Iterable[Any], start: int, end: int) -> Any | None:
    """The first answer's turn when [start, end) opens in an interviewer's turn and reaches into
    another speaker's: the passage counts for the interviewer by role too (a passage counts under
    the role of each speaker whose turn it covers) and its quote opens with the question. None
    otherwise."""
    reached = [t for t in turns if t.start < end and t.end > start]
    if not reached or (reached[0].role or "").lower() != INTERVIEWER:
        return None
    return next((t for t in reached[1:] if (t.role or "").lower() != INTERVIEWER), None)


def speakers_reached(turns: Iterable[Any], start: int, end: int) -> list[str]:
    """The speakers (labels, in order) whose turns [start, end) reaches into: a coding over two
    is fine to code, but a quote of it takes one speaker's words."""
    return list(dict.fromkeys(t.speaker for t in turns if t.start < end and t.end > start and t.speaker))


def lookup_forms(label: str) -> list[str]:
    """The forms a speaker's label is looked up by in a role map, in order: as written; without a
    note in brackets ("Kees Jansen (Gast)", as Teams marks a guest); and, written surname first
    ("<v Jansen, Kees>": a subtitle voice is kept as written), turned ("Kees Jansen")."""
    forms = [label]
    if label.endswith(")") and " (" in label:
        forms.append(label[:label.rindex(" (")].strip())
    turned = natural_order(forms[-1])
    if turned != forms[-1]:
        forms.append(turned)
    return forms


def spoken_by(label: str, speakers: list[str]) -> str | None:
    """The speaker among ``speakers`` a role map's ``label`` finds (any case; "Jansen, Kees" finds
    "Kees Jansen"), or None."""
    forms = set(lookup_forms(label.strip().lower()))
    return next((s for s in speakers if forms & set(lookup_forms(s.strip().lower()))), None)


def default_role(label: str | None, known: Iterable[str] = ()) -> str | None:
    """``"interviewer"`` for a label that names the interviewer by convention; the role a note in
    brackets names ("Jan (bestuurder)", "Anneke (wethouder)": one of ``ROLES`` or of ``known``, the
    project's own); else None."""
    if not label:
        return None
    label = label.strip()
    if _INTERVIEWER_LABEL.fullmatch(label):
        return INTERVIEWER
    note = label[label.rindex(" (") + 2:-1].strip().lower() if label.endswith(")") and " (" in label else ""
    # "Respondent 1 (directeur vmbo)" is a directeur, as a header's "Gerrit Wolters (directeur vmbo)" is
    return known_role(note, (*ROLES, *known)) if note else None


def known_role(written: str, roles: Collection[str]) -> str | None:
    """The role of ``roles`` a role as a header or a label writes it names: itself, or its first
    word ("directeur vmbo" -> directeur); None for one it does not know ("wethouder")."""
    known = {r.lower() for r in roles}
    words = [w for w in re.split(r"[\s,;/]+", written.lower()) if w]  # "penvoerder, ROC" -> penvoerder
    return " ".join(words) if " ".join(words) in known else (words[0] if words and words[0] in known else None)


def short_answer_opening(turn_of: Sequence[int], sentence: int, role: str | None, words: int) -> int:
    """How many sentences the answer has whose first sentence is ``sentence`` (``turn_of``: each
    sentence's turn; ``words``: that sentence's), when that sentence is a word or three ("Ja.",
    "Nee, zeker niet.") of a respondent and more follow in the turn; else 0. A coder coded "Ja."
    alone, three characters, for the answer she meant."""
    if (role or "").lower() == INTERVIEWER or words > 3 or (sentence and turn_of[sentence - 1] == turn_of[sentence]):
        return 0
    n = sum(1 for t in turn_of if t == turn_of[sentence])
    return n if n >= 2 else 0


def role_key(label: str) -> str:
    """A speaker label as the project's role rows key it: in the order the import names the speaker
    ("Jansen, Kees" is "kees jansen"), lower case."""
    return natural_order(label.strip()).lower()


def rows_of(stored: dict[tuple[str, str], str], label: str) -> dict[str, str]:
    """The role rows ``stored`` (the project's: (document or '', key) -> role) has for ``label``:
    document ('' for every document) -> role."""
    key = role_key(label)
    return {doc: role for (doc, lab), role in stored.items() if lab == key}


def role_changes(stored: dict[tuple[str, str], str], given: dict[tuple[str, str], str]
                 ) -> list[tuple[str, str, str, str]]:
    """The rows of a role map ``given`` that change a role ``stored`` (the project's, keyed as stored:
    document or '', ``role_key``), as (document or '', label as given, role before, role given): a
    role set by hand since the last import went back to the map's without a word."""
    out = []
    for (doc, label), role in given.items():
        old = stored.get((doc or "", role_key(label)))
        if old is not None and old.casefold() != role.strip().casefold():
            out.append((doc or "", label, old, role.strip().lower()))
    return out
