"""What a printed passage gives away beyond the pseudonym list: a count only one or two interviews have ("namens
alle negen besturen"), read in a quote table, the chapter or written-out transcripts."""
from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sto_qual.domain.identifying import RareValue, identifying_counts, rare_values

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def rare_counts(ws: Project) -> dict[int, tuple[RareValue, ...]]:
    """Each interview's values of its numeric attributes that fewer than SMALL_GROUP interviews
    of the project share, with what the attribute counts read from its key and its labels in
    both languages (the project's ``attribute_labels`` included); see ``domain.identifying``."""
    from sto_qual.report.vocabulary import LabelMap
    attrs = ws.analysis_service.attributes()
    maps = [LabelMap(lang, None, ws.store.settings.get("attribute_labels")) for lang in ("nl", "en")]
    return rare_values(attrs, {k: [m.attribute(k) for m in maps] for a in attrs.values() for k in a})


def count_warnings(ws: Project, passages: Iterable[tuple[Sequence[int], str, str]], by_document: bool = False
                   ) -> list[str]:
    """One line per interview, attribute and words for each passage (coding ids, or document ids ``by_document``;
    the text as written out, what it is: "a quote of …") that states a count only one or two interviews have
    ("namens alle negen besturen" from the one region with nine boards): beside a role it points
    to one person. The text stays as quoted (a quote is verbatim): the line says which pseudonym
    takes the count out. A passage resting on several codings (a retold point) is checked
    against each of their interviews."""
    rare = rare_counts(ws)
    every = tuple({r for rs in rare.values() for r in rs})
    names = {d[0]: d[1] for d in ws.store.documents.light()} if every else {}
    out: list[str] = []
    seen: set[tuple[int, str, str]] = set()
    for ids, text, what in passages:
        if not identifying_counts(text, every):  # no such count at all: no coding is looked up
            continue
        docs = dict.fromkeys(ids if by_document else (r["document_id"] for r in map(ws.store.codings.row, ids) if r))
        for doc in docs:
            for hit in identifying_counts(text, rare.get(doc, ())):
                key = (doc, hit.rare.attribute, hit.words.lower())
                if key in seen:
                    continue
                seen.add(key)
                r = hit.rare
                whose = "the only interview" if r.holders == 1 else f"one of {r.holders} interviews"
                out.append(f"{names.get(doc, doc)}: {what} says \"{hit.words}\", and {names.get(doc, doc)} is {whose} "
                           f"with {r.attribute} {r.value}, so beside a role it points to one person; take the "
                           "count out with a pseudonym, e.g. `sto-qual pseudonyms add "
                           + " ".join(map(shlex.quote, hit.pseudonym())) + "`")
    return out
