"""Type-ahead for dialogs: keys typed while a dialog was opening reach the dialog screen, not
its field (a key the field took itself never gets here)."""
from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.screen import Screen
from textual.widget import Widget


def joiner_typed(screen: Screen, event: events.Key) -> bool:
    """Put a joiner typed into the focused text field there: "👩‍🔧" from an emoji picker arrives as
    three keys, and Textual's fields take only printable characters, which U+200D is not (a memo
    typed with it was stored as "👩🔧", a woman and a wrench). True when it went in."""
    from textual.widgets import Input, TextArea
    field = screen.focused
    if event.character not in ("\u200d", "\u200c") or not isinstance(field, (Input, TextArea)):
        return False
    field.insert(event.character) if isinstance(field, TextArea) else field.insert_text_at_cursor(event.character)
    event.stop()
    return True


def type_ahead(screen: Screen, event: events.Key, field: Widget, insert: Callable[[str], object],
               on_enter: Callable[[], object] | None = None) -> None:
    """A printable key goes into ``field``; Enter, when the dialog takes it, submits what was
    typed so far. Either way the key stops here and the field gets the focus if nothing has it."""
    if joiner_typed(screen, event):
        return
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
