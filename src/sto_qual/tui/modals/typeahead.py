"""Type-ahead for dialogs: keys typed while a dialog was opening reach the dialog screen, not
its field (a key the field took itself never gets here)."""
from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.screen import Screen
from textual.widget import Widget


def type_ahead(screen: Screen, event: events.Key, field: Widget, insert: Callable[[str], object],
               on_enter: Callable[[], object] | None = None) -> None:
    """A printable key goes into ``field``; Enter, when the dialog takes it, submits what was
    typed so far. Either way the key stops here and the field gets the focus if nothing has it."""
    if event.is_printable and event.character:
        insert(event.character)
    elif event.key == "enter" and on_enter is not None:
        on_enter()
    else:
        return
    event.stop()
    event.prevent_default()
    if screen.focused is None:
        screen.set_focus(field)
