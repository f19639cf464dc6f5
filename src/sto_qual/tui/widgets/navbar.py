"""The top line: the screens with their keys, the current one highlighted; clickable."""
from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

SCREENS = (("documents", "Docs", "F2"), ("coder", "Coder", "F3"), ("suggestions", "Suggest", "F4"),
           ("quotes", "Quotes", "F5"), ("dashboard", "Dash", "F6"), ("codebook", "Codebook", "F7"),
           ("export", "Export", "F8"), ("synthesis", "Synth", "F9"))
SHORT = {"Docs": "Doc", "Coder": "Code", "Suggest": "Sugg", "Quotes": "Quot", "Dash": "Dash",
         "Codebook": "Book", "Export": "Exp", "Synth": "Syn"}


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current

    def on_mount(self) -> None:
        self._render_for(self.size.width)

    def on_resize(self) -> None:
        self._render_for(self.size.width)

    def _render_for(self, width: int) -> None:
        short = 0 < width < 96
        parts = [Content.from_markup("[b]sto_qual[/b] " if not short else "")]
        for mode, label, key in SCREENS:
            text = f"{key} {SHORT[label] if short else label}"
            if mode == self.current:
                parts.append(Content.from_markup(f"[reverse $accent] {text} [/]"))
            else:
                parts.append(Content.from_markup(f"[@click=app.goto('{mode}')] {text} [/]"))
        parts.append(Content.from_markup(" [@click=app.help]F1 Help[/]" if not short else " [@click=app.help]F1 ?[/]"))
        self.update(Content("").join(parts), layout=False)
