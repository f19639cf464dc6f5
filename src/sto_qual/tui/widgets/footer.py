"""The key footer every screen shows: Textual's ``Footer``, rebuilt only when what it shows changes.

Textual's footer rebuilds all its keys whenever the screen says its bindings may have changed:
after every focus move, every screen switch and every ``refresh_bindings()``. Most of those
times nothing it shows has changed (moving down the transcript keeps the same keys), yet each
rebuild mounts and styles a widget per key, about a tenth of the work behind a key press. This
footer first compares what it would show (each binding's key as displayed, its label, action,
whether it is enabled, its tooltip and group) with what it shows, and rebuilds only on a
difference. What it shows is what Textual's footer would show, except on a terminal too narrow
for every key (the coder's keys need about 133 columns): then the help key comes first, as "f1
All keys", so it is never the key cut off at 80 columns and says where the others are, and the
keys that do not fit are left out whole (F1 lists them) instead of one being cut mid-word ("v Ord")."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_COLUMNS = 14  # "▏^p palette" docked on the right
ALL_KEYS = "All keys"  # the help key's words when the footer is too narrow for every key


class KeyFooter(Footer):
    """``Footer(compact=True)`` that skips a rebuild which would show the same keys."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._showing: tuple | None = None

    def _what_it_would_show(self) -> tuple:
        app = self.app
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        keys = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.group)
            for (_node, binding, enabled, tooltip) in active.values()
            if binding.show or (self.show_command_palette and binding is getattr(palette, "binding", None)))
        return keys, self.show_command_palette, app.ENABLE_COMMAND_PALETTE, self.compact, app.size.width

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes]
        needed = sum(len(k.key_display) + len(k.description) + 2 for k in keys) + PALETTE_COLUMNS
        helps = [k for k in keys if k.action == "help"]
        if needed > self.app.size.width and helps:
            widgets.remove(helps[0])
            widgets.insert(0, helps[0])
            # the keys left out are in F1: it says so ("f1 Help" gave no sign that any were missing)
            helps[0].description = ALL_KEYS
        if needed > self.app.size.width:  # whole keys only: the ones that do not fit are in F1
            room = self.app.size.width - PALETTE_COLUMNS
            for w in [w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes]:
                room -= len(w.key_display) + len(w.description) + 2
                if room < 0:
                    widgets.remove(w)
        yield from widgets

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    def on_resize(self) -> None:
        # a terminal made narrower (or wider) shows another set of whole keys: the bindings did
        # not change, so nothing else asks (the 120-column footer was cut mid-word at 80)
        if self.is_attached and self._showing is not None:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        showing = self._what_it_would_show()
        if showing != self._showing:
            self._showing = showing
            await self.recompose()
