"""This project's codings as codings from elsewhere meet them: a merge of another copy, a
codings file, a REFI-QDA project. One index and one set of rules for the three (inside the
caller's transaction): what another copy of a coding already here brings to it
(``domain.model.brought_to``), where a coding that is not here lands beside the same coder's
codings of its code (``domain.model.placed_beside``), and the join that follows."""
from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from sto_qual.domain.model import brought_to, placed_beside
from sto_qual.domain.text import count_words
from sto_qual.store import ProjectStore


class CodingsHere:
    """``mine``: this project's codings (of ``doc_ids``, or all) by (document, code, coder,
    start, end); ``withdrawn``: what it removed or resized since (key -> when); ``held`` and
    ``taken``: both by (document, code, coder), for overlaps; ``cleared``: the codings whose memo
    or star a person took off."""

    def __init__(self, store: ProjectStore, doc_ids: Iterable[int] | None = None) -> None:
        self.store = store
        docs = sorted(set(doc_ids)) if doc_ids is not None else None  # only theirs is read (a
        # codings file per interview read every coding and withdrawal of the project: 88 s for 1,000 files)
        self.mine = {(r.document_id, r.code_id, r.coder_id, r.start, r.end): r for r in store.codings.stored(docs)}
        self.withdrawn = store.codings.withdrawn(docs)
        self._cleared: tuple[set[int], set[int]] | None = None
        self.held: dict[tuple, list[tuple[int, int, int]]] = {}
        for k, r in self.mine.items():
            self.held.setdefault(k[:3], []).append((r.id, k[3], k[4]))
        self.taken: dict[tuple, list[tuple[int, int]]] = {}
        for k in self.withdrawn:
            self.taken.setdefault(k[:3], []).append(k[3:])

    def bring(self, key: tuple, memo: str | None, starred: bool) -> tuple[Any, bool, bool]:
        """Another copy of the coding ``key`` here, with its memo and star: (the coding here,
        whether it was given the memo or star, whether its memo differs and was kept)."""
        here = self.mine[key]
        cleared = self.cleared
        changes, differs = brought_to(here.memo, here.starred, memo, starred,
                                      (here.id in cleared[0], here.id in cleared[1]))
        if changes:
            self.store.codings.update_row(here.id, **changes)
            self.mine[key] = here._replace(**changes)
        return here, bool(changes), differs

    @property
    def cleared(self) -> tuple[set[int], set[int]]:
        """The codings whose memo, and those whose star, a person took off (read once, when a
        coding here first meets another copy of itself)."""
        if self._cleared is None:
            self._cleared = self.store.audit.cleared_on_codings()
        return self._cleared

    def place(self, key: tuple, matched: Container[tuple], *, taken: bool = True
              ) -> tuple[str, tuple[int, int, int] | None]:
        """``placed_beside`` over this project's codings; ``taken=False``: spans it took back
        do not count (a merge knows better, from the copy's own record)."""
        return placed_beside(key, self.held, self.taken if taken else {}, matched)

    def join(self, key: tuple, over: tuple[int, int, int]) -> tuple[int, int, int]:
        """Widen coding ``over`` (id, start, end: the union) here, its words counted again."""
        cid, a, b = over
        self.store.codings.update_row(cid, start=a, end=b, words=count_words(self.store.documents.text(key[0])[a:b]))
        self.moved(key, cid, a, b)
        return over

    def added(self, key: tuple, cid: int) -> None:
        """Coding ``cid`` was just stored as ``key``: the next one of that coder and code it overlaps joins it
        (a copy's coding under a code merged into another here overlapped hers of that one: two codings)."""
        self.held.setdefault(key[:3], []).append((cid, key[3], key[4]))

    def moved(self, key: tuple, cid: int, start: int, end: int) -> None:
        """Coding ``cid`` (of ``key[:3]``) now spans ``start``-``end``."""
        self.held[key[:3]] = [(cid, start, end) if x[0] == cid else x for x in self.held.get(key[:3], [])]
