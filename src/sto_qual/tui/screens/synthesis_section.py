"""F9's Whole section as the chapter prints it: a theme without a person's own text offered its draft's lead
sentences and points joined, with the counts the chapter leaves out where the opening gave them, and a
writer who saved it printed them twice. The text is worked out as `report` prints it (in a worker: the
chapter is built) and takes the editor's place while the writer has not typed in it; a save names the draft
it started from, as before. Mixed into ThemeScreen, which holds the state it uses (data, keys, editor)."""
from __future__ import annotations

from textual.message import Message

from sto_qual.services.synthesis import theme_text


class PrintedSection(Message):
    def __init__(self, theme: str, text: str | None, error: str | None) -> None:
        super().__init__()
        self.theme, self.text, self.error = theme, text, error


class SectionAsPrinted:
    def ask_printed_section(self) -> None:
        """Work out the Whole section as the chapter prints it, unless a person's own text is the section."""
        from sto_qual.services.report_theme import section_as_printed
        if self.data.get("text"):
            return
        theme = self.target["theme"]
        self.run_in_worker("section-as-printed", lambda ws: section_as_printed(ws.report_data(appendix="none"), theme),
                           lambda text, error: PrintedSection(theme, text, error))

    def on_printed_section(self, message: PrintedSection) -> None:
        """In the editor while it shows the draft untouched; named by the draft, which a save checks."""
        if (message.error or not message.text or message.theme != self.target["theme"] or self.data.get("text")
                or self.item >= len(self.keys) or self.keys[self.item] != ("text", 0) or self.unsaved()):
            return
        from rich.text import Text
        from textual.widgets import Static
        self.load_editor(message.text, base=theme_text(self.data))
        self.query_one("#theme-editing", Static).update(Text.assemble(
            self.editing_line(("text", 0)), ("\nas the chapter prints it: each count once, names as printed", "dim")))
