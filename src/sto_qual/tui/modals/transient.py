"""A question about the screen below it, closed unanswered once another screen was shown.

A "Star which coding?" chooser left open on R05 went with its screen when F2 was pressed, and
came back over R02 when a document was opened from F2: a number key there starred a coding in
R05, with nothing on screen saying so. A chooser, a picker or a yes/no question is about what
was on screen when it was asked; once another screen has been shown, it is closed unanswered
when it comes back (a memo being written is kept: ``MemoModal`` holds text)."""
from __future__ import annotations

from typing import Any


class ClosedWhenLeft:
    """Mixed into a ModalScreen: dismissed with ``UNANSWERED`` when it is shown again after
    another screen (another mode, or a screen pushed over it) was shown meanwhile."""

    UNANSWERED: Any = None
    _left = False

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        if self._left:
            self.dismiss(self.UNANSWERED)  # type: ignore[attr-defined]  (a ModalScreen's)
