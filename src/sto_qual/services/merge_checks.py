"""What a merge checks of the other copy before it writes anything: it is input like any imported
file (``merge``). One bad row refuses the whole merge, said with the copy's file and the row."""
from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from sto_qual.domain.controls import check_name, describe, escape_controls, unsafe_character
from sto_qual.domain.errors import ProjectError

if TYPE_CHECKING:
    from sto_qual.store import ProjectStore


def check_incoming(other: ProjectStore) -> None:
    """The other file is input like any imported file: every coding must lie inside its
    document's text with a positive length and a sane word count, every coder name and memo
    must be text. One bad row refuses the whole merge before anything is written."""
    where = str(other.path)
    coders, codes, docs = other.coders.all(), other.codes.tree(), other.documents.all(coded_share=False)
    for row in coders:  # names from a project an older version wrote: no terminal escapes
        check_name(row["name"], f"{where}: a coder name")
    for c in codes:
        check_name(c.label, f"{where}: the label of code '{c.path}'")
    lengths = {d.id: len(other.documents.text(d.id)) for d in docs}
    names = {d.id: d.name for d in docs}
    for cid, d, _code, _coder, s, e, words, memo, origin, starred, _created in other.codings.stored():
        n = lengths.get(d)
        bad = None
        if n is None:
            bad = "points to no document"
        elif not (isinstance(s, int) and isinstance(e, int)) or not 0 <= s < e <= n:
            bad = f"has span {s}-{e}, outside {names[d]} (0-{n}) or empty"
        elif not isinstance(words, int) or words < 0 or words > e - s:
            bad = f"has an impossible word count ({words})"
        elif memo is not None and not isinstance(memo, str):
            bad = "has a memo that is not text"
        elif origin not in ("manual", "accepted-suggestion", "imported") or starred not in (0, 1):
            bad = "has an unknown origin or star value"
        if bad:
            raise ProjectError(f"{where}: coding #{cid} {bad}; nothing was merged",
                               hint="repair or re-export that project, then merge again")
        if (char := unsafe_character(memo)) is not None:  # (a project stored before typed memos lost them)
            raise ProjectError(f"{where}: coding #{cid} has a memo with a {describe(char)}; nothing was merged",
                               hint=f"write it again in that copy (`sto-qual memo {cid} TEXT --replace --project "
                               f"{shlex.quote(where)}`), then merge again")
    for row in coders:
        if not isinstance(row["name"], str) or not 1 <= len(row["name"].strip()) <= 80:
            raise ProjectError(f"{where}: coder #{row['id']} has no usable name; nothing was merged")
    # the other texts it brings in: a memo, a definition, an example or keyword with a terminal escape
    texts = [(f"{m['coder']}'s memo #{m['id']}", m["text"]) for m in other.memos.all()] + [
        (f"code '{c.path}''s {what}", t) for c in codes for what, ts in (
            ("definition", [c.definition]), ("examples", c.examples), ("keywords", c.keywords)) for t in ts]
    # ... an attribute or a pseudonym, which `attribute` and `pseudonyms add` refuse so
    texts += [(f"the attribute {escape_controls(str(k))} of {escape_controls(names.get(d, str(d)))}", f"{k}{v}")
              for d, attrs in other.documents.attributes().items() for k, v in attrs.items() if isinstance(v, str)]
    texts += [(f"the pseudonym list's entry for {escape_controls(p.pattern)}", p.pattern + p.replacement)
              for p in other.pseudonyms.all()]
    for what, text in texts:
        if (char := unsafe_character(text)) is not None:
            raise ProjectError(f"{where}: {what} holds a {describe(char)}; nothing was merged",
                               hint="write it again without it in that copy, then merge again")
