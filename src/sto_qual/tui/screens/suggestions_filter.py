"""The Suggestions screen's filter: d keeps the queue to the interview of the suggestion under the
cursor, c to its theme (with its sub-codes); the same key again shows every one. A coder who
imported one new interview found its three suggestions among 296 of the demo's, and no way to
see only hers. A mixin of ``SuggestionsScreen``."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.domain.model import Suggestion


class SuggestionFilter:
    """The host provides ``ws``, ``_current``, ``reload`` and ``notify``."""

    only_doc: str | None = None
    only_code: str | None = None

    def filtered_suggestions(self) -> list[Suggestion]:
        """The pending suggestions the queue lists: of one interview or theme when the filter says so (an
        interview or code gone meanwhile, deleted in another window: every one again)."""
        from sto_qual.domain.errors import StoQualError
        try:
            return self.ws.suggestions(doc=self.only_doc, code=self.only_code)
        except StoQualError:
            self.only_doc = self.only_code = None
            return self.ws.suggestions()

    def scope(self) -> dict[str, str | None]:
        """What the queue is kept to, as ``Workspace.suggest``, ``accept`` and ``reject`` take it (doc, code):
        b, B and g act within it (b accepted 26 across the project after its prompt said 3)."""
        return {"doc": self.only_doc, "code": self.only_code}

    def filter_said(self) -> str:
        """" · only R20 (d shows all)": what the queue is kept to, or ""."""
        parts = ([f"only {self.only_doc} (d shows all)"] if self.only_doc else []) + (
            [f"only {self.only_code} (c shows all)"] if self.only_code else [])
        return "".join(f" · {p}" for p in parts)

    def action_only_doc(self) -> None:
        """Only the suggestions of the interview under the cursor; again: every interview's."""
        s = self._current()
        if self.only_doc is None and s is None:
            self.notify("no suggestion under the cursor: d keeps the queue to its interview", timeout=4)
            return
        self.only_doc = None if self.only_doc else s.doc
        self.reload(follow=True)  # the cursor stays on the suggestion it was on
        self.notify(f"Only the suggestions of {self.only_doc} (d again shows every interview's)" if self.only_doc
                    else "The suggestions of every interview", timeout=4)

    def action_only_code(self) -> None:
        """Only the suggestions of the theme under the cursor (its sub-codes too); again: every code's."""
        s = self._current()
        if self.only_code is None and s is None:
            self.notify("no suggestion under the cursor: c keeps the queue to its theme", timeout=4)
            return
        self.only_code = None if self.only_code else s.code.split("/")[0]
        self.reload(follow=True)
        self.notify(f"Only the suggestions of {self.only_code} and its sub-codes (c again shows every code's)"
                    if self.only_code else "The suggestions of every code", timeout=4)
