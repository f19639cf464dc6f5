"""Keys take effect in the order they were typed, in every text field.

Textual's ``Input`` and ``TextArea`` insert a printable key at once, in the field's own key
handler, but the keys they bind (backspace, delete, the arrows, ctrl+w …) bubble up to the app
first and only then run their action. Typed quickly (a coder correcting a filter, a burst from a
terminal or a macro), the next letter was inserted before the backspace ran: "krimp", five
backspaces and "arbeid" left "krimpa" in the code picker, and a memo typed with a backspace and
an arrow lost or misplaced letters (Textual issue 6605). Here a field runs its own bindings in its
key handler, so a bound key and the letters after it apply in order. What runs is what the app
would have run: the focused field is the first place it looks for a binding, and priority
bindings (which the app checks before the field sees the key) are left to it.
"""
from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

_ORIGINAL = {cls: cls._on_key for cls in (Input, TextArea)}


def _in_order(cls):
    original = _ORIGINAL[cls]

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    self._restart_blink()
                    return
        await original(self, event)

    _on_key.__wrapped__ = original  # type: ignore[attr-defined]
    return _on_key


def install() -> None:
    """Idempotent: the fields' key handlers run their own bindings (textual is pinned exactly)."""
    for cls in _ORIGINAL:
        if cls._on_key is _ORIGINAL[cls]:
            cls._on_key = _in_order(cls)  # type: ignore[method-assign]
