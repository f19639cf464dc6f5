"""What an import checks after it stored its documents, over the whole project: a new interview
that is nearly another one (``domain.near_copies``), speakers without a role; and the file a
mistyped path meant."""
from __future__ import annotations

import bisect
import re
import shlex
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.names import closest_name
from sto_qual.domain.near_copies import MIN_SENTENCES, MIN_WORDS, near_copies, sentences
from sto_qual.domain.project_files import meant_name
from sto_qual.domain.roles import INTERVIEWER
from sto_qual.domain.text import first_few, plural

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def near_copy_notes(ws: Project, stored: dict[int, str], imported: list[dict[str, Any]]) -> list[str]:
    """A note for each transcript of ``stored`` (id -> name; ``imported``: the summary's rows) whose
    sentences are mostly another document's: a corrected copy under another name is one more
    interview in every count. Survey answers ("enquete.csv#12") are not compared: short answers
    are alike by nature, and a survey of thousands would read every document each import."""
    answers = {r["document"] for r in imported if "#" in str(r.get("file", ""))}
    stored = {d: n for d, n in stored.items() if n not in answers}
    if not stored:
        return []
    briefs = ws.store.documents.light()
    names, words = {b.id: b.name for b in briefs}, {b.id: b.words for b in briefs}
    # a copy has about as many words: only those are read (each import read every text: O(documents))
    mine = sorted(words[d] for d in stored if words.get(d, 0) >= MIN_SENTENCES * MIN_WORDS)
    if not mine:
        return []

    def close(n: int) -> bool:
        i = bisect.bisect_left(mine, n)
        return any(abs(m - n) <= max(20, m // 10) for m in mine[max(i - 1, 0):i + 1])
    texts = ws.store.documents.texts([d for d in names if d in stored or close(words[d])])
    rows, roles = ws.store.transcripts.turn_rows(list(texts)), ws.role_map()
    said = {d: sentences(_answers(ws, roles, t, rows[d])) for d, t in texts.items()}
    new = {d: said[d] for d in stored if d in said}
    notes = []
    for doc, other, n in near_copies(new, {d: s for d, s in said.items() if d not in new}):
        name, was = names[doc], names[other]
        notes.append(f"{name} has nearly the same answers as {was} ({n} of its {len(new[doc])} sentences of four words "
                     f"or more compared are {was}'s word for word): a corrected copy? Then every count has that "
                     f"interview twice; `sto-qual delete-doc {shlex.quote(name)}` takes {name} out again (to keep it "
                     f"instead, `sto-qual delete-doc {shlex.quote(was)}`: {was}'s codings go with it)")
    return notes


def _answers(ws: Project, roles: dict[tuple[str, str], str], text: str, rows) -> str:
    """The words of a document's turns that are not the interviewer's: two interviews of one script
    with short answers had all their longer sentences in common and were taken for copies."""
    role_for = ws.store.roles.role_for
    ends = [r.start for r in rows[1:]] + [len(text)]
    kept = [text[r.start:end] for r, end in zip(rows, ends) if role_for(roles, r.doc, r.speaker) != INTERVIEWER]
    return "\n".join(kept) if rows else text


def meant_file(path: str | Path) -> str | None:
    """The file beside ``path`` (which is not there) nearly named as it is, as ``path`` would name
    it (``domain.project_files.meant_name``); else None."""
    p = Path(path)
    try:
        names = [c.name for c in p.parent.iterdir() if not c.name.startswith(".")] if p.parent.is_dir() else []
    except OSError:
        return None
    name = meant_name(p.name, names)
    return None if name is None else str(p.parent / name)


def roleless_warning(ws: Project, imported: list[dict[str, Any]]) -> list[str]:
    """One warning for the speakers of the imported documents (``imported``: the summary's rows) that
    have no role: a quote of theirs is credited to "een stuurgroeplid", and a misspelt label ("Mariek"
    for "Marieke") shows up here, named as the typo of a label with a role or, without a role map, of a
    label of many turns beside its one ("Henriete" of "Henriëtte"), with the `speaker-rename` that fixes it."""
    roles, role_for = ws.role_map(), ws.store.roles.role_for
    docs_of: dict[str, list[str]] = {}  # label -> the documents it has no role in (a survey's
    # question is every answer's label: one entry, not one per respondent)
    near: dict[str, str] = {}  # "Interviewr" halfway an interview of "Interviewer": the label it mistypes
    for r in imported:
        labels = ws.speakers(r["document"])
        roled = [x for x in labels if role_for(roles, r["document"], x)]
        turns = Counter(t.speaker for t in ws.turns(r["document"]))
        for label in labels:
            if label not in roled:
                docs_of.setdefault(label, []).append(r["document"])
                many = [x for x in labels if turns[x] > 1] if turns[label] == 1 else []
                near[label] = closest_name(label, roled) or closest_name(label, many) or ""
    missing = [f"{label} ({', '.join(docs[:3])}{f' and {len(docs) - 3} more' if len(docs) > 3 else ''}"
               f"{f'; a typo of {near[label]}?' if near.get(label) else ''})" for label, docs in docs_of.items()]
    if not missing:
        return []
    n = len(docs_of)  # a survey's one question in five answers is one speaker to give a role
    typo = next(((label, docs[0]) for label, docs in docs_of.items() if near.get(label)), None)
    fix = (f"; a typo is renamed with `sto-qual speaker-rename {shlex.quote(typo[0])} "
           f"{shlex.quote(near[typo[0]])} --doc {shlex.quote(typo[1])}`" if typo else "")
    return [f"{plural(n, 'speaker')} without a role, quoted as 'een stuurgroeplid': {first_few(missing, 8)} (give "
            f"one with `sto-qual role LABEL ROLE [--doc D]` or --role-map{fix})"]


_INNER_LABEL = re.compile(r"(?<=[.!?…])[ \t]+[A-Z][\w-]*(?: [A-Z]?[\w-]+){0,2}[ \t]*:[ \t]")  # "… maar. Bart: Ja"


def interviewer_only(ws: Project, imported: list[dict[str, Any]]) -> list[str]:
    """A warning for each imported transcript in which only the interviewer speaks (a call that broke
    off: "De verbinding lijkt verbroken"): it counted as an interview in every total ("2 van 17") unsaid.
    A turn without a speaker may hold anyone's words: such a document is not said. Survey answers not read."""
    roles, role_for = ws.role_map(), ws.store.roles.role_for
    out = []
    for r in imported:
        if "#" in str(r.get("file", "")):
            continue
        doc = r["document"]
        turns = ws.turns(doc)
        # (not a file whose turns run on one line, "… Vertel maar. Bart: …": the answers are there, the import's
        # warning on the run-on line says how to read them, and "delete-doc" invited deleting a real interview)
        if turns and all(t.speaker and role_for(roles, doc, t.speaker) == INTERVIEWER for t in turns) \
                and not _INNER_LABEL.search(ws.document_text(doc)):
            out.append(f"{doc}: only the interviewer speaks ({plural(len(turns), 'turn')}, no answer), yet it counts "
                       f"as an interview in every total; `sto-qual delete-doc {shlex.quote(doc)}` takes it out (a "
                       "speaker who does answer but has the interviewer's role: `sto-qual role LABEL ROLE --doc "
                       f"{shlex.quote(doc)}`)")
    return out
