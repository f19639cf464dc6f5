"""Leaving one point or contrast of a theme summary out of the chapter, and putting it back.

A drafted point can be wrong, or say again what another says; the writer could only rewrite
the whole section to be rid of it. Left out, it stays in the stored summary, marked, so that
`summary show` and the theme view list it and a new draft does not bring it back (a reviewed
point keeps its place, ``keep_reviewed``); the chapter, and the whole section's text, leave it
out. One undo step and one audit line, as every change to a summary. A mixin of the
SynthesisService."""
from __future__ import annotations

from typing import Any

from sto_qual.domain.errors import NothingToDo
from sto_qual.services.synthesis_edits import ITEM_KINDS, SynthesisError
from sto_qual.services.synthesis_rows import copied_row, sentences_of


class SummaryLeaveOut:
    """leave_out; the host provides the corpus, the stores and the theme helpers."""

    def leave_out(self, theme: str, kind: str, number: int, out: bool = True, coder: str | None = None
                  ) -> dict[str, Any]:
        """Leave point or contrast ``number`` (from 1, as `summary show` numbers them) of
        ``theme`` out of the chapter (``out``) or put it back. Left out, it counts as reviewed
        (a person decided on it); put back, it is reviewed again only if a person wrote its
        sentence. Refused for a lead sentence (the opening is one paragraph: edit it), a number
        the theme does not have, and a point already so. Returns the theme (``theme``)."""
        from sto_qual.store.connection import now
        if kind not in ("point", "contrast"):
            raise SynthesisError(f"a {ITEM_KINDS.get(kind, kind)} is not left out; only a point or a contrast is",
                                 hint="edit the lead sentence with `summary set --lead N`")
        corpus = self.corpus()
        _kind, _doc, top = self._target(corpus, None, None, theme)
        before = self.sums.theme(top.id)
        row = copied_row(self.current_theme_row(corpus, top)
                         or self._theme_row(corpus, top, self.draft_theme(corpus, top.path), "draft", "sto_qual"))
        items = sentences_of(row, kind)
        word = ITEM_KINDS[kind]
        if not 1 <= number <= len(items):
            raise SynthesisError(f"theme '{top.path}' has {len(items)} {word}(s); there is no {word} {number}",
                                 hint=f"see `sto-qual summary show --theme {top.path}`")
        item = items[number - 1]
        if bool(item.get("left_out")) == out:
            raise NothingToDo(f"{word} {number} of {top.path} is {'left out' if out else 'in the chapter'} already")
        who = self.ws.resolve_coder(coder)
        if out:
            item.update(left_out=True, reviewed=True, reviewed_by=who)
        else:
            item.pop("left_out", None)
            item["reviewed"] = bool(item.get("edited"))  # her own sentence stays hers; a draft is a draft again
            if not item["reviewed"]:  # nobody reviewed it now: `summary show` named its reviewer still
                item.pop("reviewed_by", None)
        self._record("theme", None, top, before, {**row, "updated_at": now()},
                     "summary-leave-out" if out else "summary-put-back", coder)
        return self.theme(top.path)
