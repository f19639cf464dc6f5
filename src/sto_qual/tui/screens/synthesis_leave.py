"""F9's theme view: leaving the point or difference in view out of the chapter, and putting it
back (ctrl+n), and how the list and the editor's line say where each sentence stands. A drafted point that is wrong, or
says again what another says, could only go by rewriting the whole section. A mixin of the
ThemeScreen, whose ``keys``, ``item``, ``_entry``, ``_reviewed`` and ``write`` it uses."""
from __future__ import annotations

from rich.text import Text

from sto_qual.domain.synthesis import lead_of_point


class LeaveOutKeys:
    def action_leave_out(self) -> None:
        kind, n = self.keys[self.item]
        if kind not in ("point", "contrast"):
            self.notify("only a point or a difference is left out of the chapter: edit a lead sentence, or the "
                        "whole section", severity="warning", timeout=5)
            return
        if self.unsaved():  # what she typed would go with it, unsaid
            self.notify("save your edit first (ctrl+s), or take it back, then ctrl+n", severity="warning", timeout=5)
            return
        out = not self._entry(kind, n).get("left_out")
        label = self._label_of((kind, n))
        syn, theme = self.ws.synthesis(), self.target["theme"]
        # a point's topic stays: a writer left out the "op papier" point and found its paragraph still there
        k = lead_of_point(self.data, n) if kind == "point" else None
        stays = f"; its topic stays, opened by Lead {k + 1}" if k is not None else ""
        self.write(lambda _expected: syn.leave_out(theme, kind, n, out, coder=self.coder), None,
                   done=f"{label} left out of the chapter{stays} (ctrl+n puts it back; u on the grid undoes it)" if out
                   else f"{label} put back in the chapter", verb="left out" if out else "put back", ask=False)

    def left_out(self, key: tuple[str, int]) -> bool:
        return key[0] in ("point", "contrast") and bool(self._entry(*key).get("left_out"))

    def left_out_row(self, key: tuple[str, int], said: str) -> Text:
        """The list's line of a left-out sentence: struck through, after "✗ left out"."""
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append("✗ ", style="red")
        t.append(f"{self._label_of(key)}: ", style="bold")
        t.append("left out · ", style="dim italic")
        t.append(said, style="dim strike")
        return t

    def _review_state(self, key: tuple[str, int]) -> str:
        if self.left_out(key):
            return self.left_out_state(key)
        if key[0] != "text" and not self._sentence(key):
            return ("no sentence: the chapter prints this point only if one of its passages is the paragraph's "
                    "one quote (w says which is; ctrl+s keeps a sentence you write)")
        if self._lead_says(key) and not self._reviewed(key):
            return "the lead says this: the chapter does not print it as drafted (ctrl+s prints one you write)"
        if not self._reviewed(key):
            return "not yet accepted"
        who = self._reviewer(key)
        if self._lead_says(key):  # accepted as drafted: who accepted it, and still not printed
            return f"accepted by {who or 'a person'}; the lead says this, so the chapter does not print it"
        if key[0] == "text":
            return f"reviewed by {who}" if who else "reviewed"
        kind, n = key
        edited = (self.marks.get("edited") or {}).get(kind) or []
        how = "edited" if n <= len(edited) and edited[n - 1] else "accepted"  # her words, or the draft's
        return f"{how} by {who}" if who else how

    def left_out_state(self, key: tuple[str, int]) -> str:
        who = self._reviewer(key)
        return f"left out of the chapter{' by ' + who if who else ''}; ctrl+n puts it back"
