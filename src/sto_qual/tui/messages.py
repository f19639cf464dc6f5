"""Messages shared by several screens (a screen's own messages live with it)."""
from __future__ import annotations

from textual.message import Message


class WorkProgress(Message):
    """Progress of a worker; a newer one replaces an unprocessed older one."""

    def __init__(self, done: int, total: int, text: str) -> None:
        super().__init__()
        self.done, self.total, self.text = done, total, text

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, WorkProgress)
