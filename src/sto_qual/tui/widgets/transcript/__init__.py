"""The transcript widget: ``layout`` (pure wrapping and offset <-> row rules), ``paint``
(how a line looks), ``keys`` (moving the cursor and the selection) and ``view`` (the widget:
bindings, mouse, messages). The widget loads on first use, so ``layout`` and ``paint`` import
without Textual (their unit tests need no app)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.tui.widgets.transcript.layout import GUTTER, wrap_span
from sto_qual.tui.widgets.transcript.paint import contrast_text

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.tui.widgets.transcript.view import TranscriptView

__all__ = ["GUTTER", "TranscriptView", "contrast_text", "wrap_span"]


def __getattr__(name: str) -> Any:
    if name == "TranscriptView":
        from sto_qual.tui.widgets.transcript.view import TranscriptView
        return TranscriptView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
