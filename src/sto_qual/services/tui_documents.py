"""The documents screen's filter: which documents hold every free word of it, in their name, an
attribute or their text, and which of their sentences hold the words.

The text is searched by ``Workspace.search`` (what `sto-qual search` runs), one word at a time, so
a filter's words need not share a sentence, as they need not share an attribute; names and
attributes match a part of a word ("R0" finds R01), the text whole words, as the search does.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ProjectError, StoQualError
from sto_qual.domain.filters import NO, YES, document_matches, parse_filter, split_key
from sto_qual.domain.model import MAX_ID

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def filter_words(text: str) -> list[str]:
    """The free words of a documents filter (not its ``key=value`` parts), lowercased, each once."""
    _where, free = parse_filter(text)
    return list(dict.fromkeys(free.lower().split()))


TextMatches = dict[str, dict[int, tuple[tuple[int, int], ...]]]  # word -> document id -> sentence spans


def text_matches(ws: Workspace, words: Sequence[str]) -> TextMatches:
    """Per word: document id -> the (start, end) of each of its sentences that holds the word, by
    position, found by ``Workspace.search`` (the text search of `sto-qual search`: whole words,
    case- and diacritics-insensitive), every match. A word with nothing in it to search for (such
    as "--") occurs in no text."""
    out: TextMatches = {}
    for word in dict.fromkeys(words):
        try:
            rows = ws.search(word, limit=MAX_ID)
        except StoQualError as exc:
            if isinstance(exc, ProjectError):  # the project could not be read: not "no match"
                raise
            rows = []
        found: dict[int, list[tuple[int, int]]] = {}
        for r in rows:
            found.setdefault(r["document_id"], []).append((r["start"], r["end"]))
        out[word] = {d: tuple(spans) for d, spans in found.items()}
    return out


def filter_documents(docs: list[Any], text: str, found: TextMatches | None = None) -> list[Any]:
    """Documents matching every ``key=value`` of the filter and holding every free word
    (case-insensitive): in their name or any attribute value, or (``found``, from
    ``text_matches``) in their text."""
    where, _free = parse_filter(text)
    words = filter_words(text)
    found = found or {}
    out = []
    for d in docs:
        if not document_matches(where, d.attributes, d.name):
            continue
        hay = " ".join([d.name, *(str(v) for v in d.attributes.values())]).lower()
        if all(w in hay or d.id in found.get(w, {}) for w in words):
            out.append(d)
    return out


def filter_reason(ws: Workspace, text: str) -> str | None:
    """Why the documents list's filter keeps no document, when its conditions name an attribute
    or value no document has ("no document has the attribute 'regiotype' (did you mean
    region_type?)", as the quotes screen and the command line say it); else None."""
    where, _words = parse_filter(text)
    if not where:
        return None
    try:
        ws.analysis_service.check_where(where)
    except StoQualError as exc:
        return exc.message  # (its hint lists every attribute: too long for the line)
    return None


def found_sentences(found: TextMatches, words: Sequence[str], doc_id: int) -> tuple[tuple[int, int], ...]:
    """The sentences of one document that hold any of ``words`` (``text_matches``), by position."""
    spans: set[tuple[int, int]] = set()
    for w in words:
        spans.update(found.get(w, {}).get(doc_id, ()))
    return tuple(sorted(spans))


__all__ = ["TextMatches", "filter_words", "text_matches", "filter_documents", "filter_reason", "found_sentences", "quote_filter",
           "quote_kept", "quote_counts"]


def quote_filter(ws: Workspace, text: str) -> tuple[dict[str, str], str, bool | None, str | None]:
    """The quotes screen's filter: (document conditions, free words, star wanted or None, why
    the conditions keep no quote or None). ``starred=yes`` (ja, no, nee) picks by the star, a
    property of the passage, not of its document; any other key is a document attribute, and a
    key or value no document has is said ("no document has the attribute 'starred'", as the
    command line says it) instead of an empty list without a word."""
    where, words = parse_filter(text)
    star: bool | None = None
    for key in [k for k in where if split_key(k)[0].casefold() in ("starred", "star")]:
        value = where.pop(key).strip().casefold()
        name, negated = split_key(key)
        if value in YES | NO:  # the words a yes/no attribute takes (``domain.filters``); starred!=yes: not starred
            star = (value in YES) != negated
        else:
            return where, words, None, f"{key}={value}: use {name}=yes or {name}=no"
    try:
        ws.analysis_service.check_where(where or None)
    except StoQualError as exc:
        return where, words, star, str(exc)
    return where, words, star, None


def quote_kept(text: str, doc: str, starred: bool, words: str, star: bool | None) -> bool:
    """Whether the quotes screen's free words and star keep a coding: every word in its text or
    its document's name (any part of a word), and the star as asked."""
    return all(w in text.lower() or w in doc.lower() for w in words.lower().split()) and \
        (star is None or starred == star)


def quote_counts(ws: Workspace, coder: str | None, where: dict[str, str] | None, words: str,
                 star: bool | None) -> dict[str, int]:
    """Code path -> its own codings (not its sub-codes') that the quotes screen's filter keeps:
    the tree beside the table counts what the table would list (it counted every interview's
    while the table listed the krimp regions')."""
    kept = set(ws.analysis_service.doc_ids(where)) if where else None
    counts = dict.fromkeys(ws.codebook_service.counts(coder), 0)
    if not counts:  # no codebook, or a coder the project does not know
        return counts
    for c in ws.codings(coder=coder, starred=star):
        if (kept is None or c.document_id in kept) and quote_kept(c.text, c.doc, c.starred, words, star):
            counts[c.code] = counts.get(c.code, 0) + 1
    return counts


def passage_places(ws: Workspace) -> dict[int, str] | None:
    """Coding id -> where the chapter puts its passage, for every coding (F5's "In the chapter:"): its own
    place, else that of another coding of the same words the chapter placed, as `quotes` says it (a second
    coder's star, the coding a quote of the text came from). F5 said "not in it" of a passage the text
    quoted from another coder's coding, and of one whose star was taken off while a colleague's stayed.
    None when no chapter can be made (the line is then left out)."""
    codings = ws.codings()  # (read once: the places of the passages are found among them too)
    rows = ws.export_service.with_chapter_places([{"id": c.id, "document_id": c.document_id, "code": c.code,
                                                    "start": c.start, "end": c.end} for c in codings], codings=codings)
    return {r["id"]: r["chapter"] for r in rows} if all("chapter" in r for r in rows) else None
