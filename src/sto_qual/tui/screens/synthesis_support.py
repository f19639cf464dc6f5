"""What the synthesis screens share besides the editor: one readable form for a stored time,
the line that says who changed a text last, and a warning that can be taken back once it no
longer applies (Textual's notifications otherwise stay until they time out)."""
from __future__ import annotations

import re
from typing import Any

from textual.notifications import Notification, Notify

from sto_qual.domain.wording import stored_time


def when(stamp: Any) -> str:
    """A stored time in this machine's local time, one form on every synthesis screen:
    "2 Dec 2026 18:06" (``domain.wording.stored_time``)."""
    return stored_time(stamp, local=True)


def last_change(author: str | None, stamp: Any, *, short: bool = False) -> str:
    """"last change 2 Dec 2026 18:08 by onderzoeker-a", or "drafted 2 Dec 2026 18:05" when the
    last change was the tool's draft; ``short`` (a narrow line): "changed 2 Dec 18:08 by
    onderzoeker-a", the year left out."""
    at = when(stamp)
    if short:
        at = re.sub(r" \d{4}(?= )", "", at)
        if author and author != "sto_qual":
            return f"changed {at} by {author}" if at else f"changed by {author}"
    if not author:
        return f"last change {at}" if at else ""
    if author == "sto_qual":
        return f"drafted {at}".strip()
    return f"last change {at} by {author}" if at else f"last change by {author}"


def notice(app, message: str, *, severity: str = "warning", timeout: float = 6.0) -> Notification:
    """Show a warning and return it, so that ``withdraw`` can take it back."""
    note = Notification(message, "", severity, timeout, markup=False)  # user text: never markup
    app.post_message(Notify(note))
    return note


def withdraw(app, note: Notification | None) -> None:
    """Take a warning off the screen (also one whose message is still on its way: it expires at
    once and is never shown)."""
    if note is None:
        return
    if note in app._notifications:  # Textual has no public call that removes one notification
        app._unnotify(note)
    note.timeout = 0
