"""The top line: the screens with their keys, the current one highlighted; clickable."""
from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

SCREENS = (("documents", "Docs", "F2"), ("coder", "Coder", "F3"), ("suggestions", "Suggest", "F4"),
           ("quotes", "Quotes", "F5"), ("dashboard", "Dash", "F6"), ("codebook", "Codebook", "F7"),
           ("export", "Export", "F8"))


class NavBar(Static):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current

    def on_mount(self) -> None:
        parts = [Content.from_markup("[b]sto_qual[/b] ")]
        for mode, label, key in SCREENS:
            if mode == self.current:
                parts.append(Content.from_markup(f"[reverse $accent] {key} {label} [/]"))
            else:
                parts.append(Content.from_markup(f"[@click=app.goto('{mode}')] {key} {label} [/]"))
        parts.append(Content.from_markup(" [@click=app.help]F1 Help[/]"))
        self.update(Content("").join(parts))
