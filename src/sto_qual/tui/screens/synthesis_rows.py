"""F9's theme view: its list of sentences, a line each, and the line above the editor. A mixin of
the ThemeScreen, whose ``keys``, ``item``, ``buffers``, ``_sentence``, ``_entry``, ``_reviewed``
and ``unsaved`` it uses. A sentence with an edit not saved is marked ✎ from the first key typed
(a writer saw no mark while she typed, and the ✎ of an edit kept while she read another sentence
went when she came back to it, still unsaved)."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList, Static, TextArea

NAMES = {"text": "Whole section", "lead": "Lead", "point": "Point", "contrast": "Contrast"}


class SentenceList(OptionList):
    """The theme's sentences. ↑↓ (and the screen's j/k) stop at the first and last row: one
    key too many at the top must not pick the last contrast (and ctrl+g accept it unread).
    g and G go to the first and last sentence, as in the Coder's transcript (Home and End too)."""

    BINDINGS = [Binding("g", "first", "First sentence", show=False, id="theme.first"),
                Binding("G", "last", "Last sentence", show=False, id="theme.last")]

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()


class SentenceRows:
    _marked = False  # whether the sentence in view shows its ✎ for an edit in the editor

    def _label_of(self, key: tuple[str, int]) -> str:
        kind, n = key
        return NAMES[kind] + (f" {n}" if n else "")

    def typing_in(self, key: tuple[str, int]) -> bool:
        """Whether ``key`` is the sentence in the editor, edited and not saved."""
        return self.item < len(self.keys) and self.keys[self.item] == key and self.unsaved()

    def editing_line(self, key: tuple[str, int]) -> Text:
        """The line above the editor: which sentence, whether an edit is unsaved, where it stands."""
        return Text.assemble(("Editing: ", "dim"), (self._label_of(key), "bold"),
                             (" ✎ unsaved edit", "yellow") if self.typing_in(key) else "",
                             (f" ({self._review_state(key)})", "dim"),
                             ("   ctrl+s save · ctrl+g accept · Tab: list/editor", "dim"))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The first key typed marks the sentence ✎ in the list and on the editor's line; taking
        the edit back (or saving it) takes the mark away."""
        if not self.data or self.item >= len(self.keys) or self.unsaved() == self._marked:
            return
        self._marked = self.unsaved()
        key = self.keys[self.item]
        self.query_one("#theme-items", OptionList).replace_option_prompt_at_index(self.item, self._row(key))
        self.query_one("#theme-editing", Static).update(self.editing_line(key))

    def _row(self, key: tuple[str, int]) -> Text:
        # one line per sentence, cut with "…": a wrapped list row reads as two sentences
        kind, n = key
        said = " ".join(self._sentence(key).split())[:200]
        if self.left_out(key):
            return self._fitted(self.left_out_row(key, said))
        bare = kind == "point" and not said  # a point no sentence retells: its quotes carry it (not counted)
        glyph = ("✎" if key in self.buffers or self.typing_in(key) else "·" if bare
                 else ("◐" if self._outdated(key) else "●") if self._reviewed(key) else "◌")
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{glyph} ", style="green" if glyph == "●" else "dim" if bare else "yellow")
        if kind == "point":  # its sentence, not the words its passages share (a writer had to open each
            p = self._entry(kind, n)  # point to see what it says): those are the hint of a point without one
            t.append(f"{self._label_of(key)} ", style="bold")
            t.append(f"({p['wording']}, {len(p['regions'])}): ", style="dim")
        else:
            t.append(f"{self._label_of(key)}: ", style="bold")
        if bare:  # its words first: at 80 columns they are what tells one such point from another
            t.append(self._entry(kind, n)["label"])
            t.append(" · no sentence: in print only as the quote", style="dim italic")
        elif self._lead_says(key):
            t.append("said by the lead, not printed · ", style="dim italic")
        if not bare:
            t.append(said if kind != "text" else "the section as one text", style="dim" if kind == "text" else "")
        return self._fitted(t)

    def _fitted(self, t: Text) -> Text:
        """The row cut to the list's width: the list wraps what is wider than it (a left-out
        point spread over four lines, and G's last row fell below the list)."""
        width = self.query_one("#theme-items", OptionList).scrollable_content_region.width
        t.truncate(max(20, width - 1), overflow="ellipsis")
        return t

    def on_resize(self) -> None:
        if self.data:
            self._update_rows()

    def _update_rows(self) -> None:
        items = self.query_one("#theme-items", OptionList)
        for i, key in enumerate(self.keys):
            items.replace_option_prompt_at_index(i, self._row(key))
