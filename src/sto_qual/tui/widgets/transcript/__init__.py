"""The transcript widget: ``layout`` (pure wrapping and offset <-> row rules), ``paint``
(how a line looks) and ``view`` (the widget: keys, mouse, messages)."""
from sto_qual.tui.widgets.transcript.layout import GUTTER, wrap_span
from sto_qual.tui.widgets.transcript.paint import contrast_text
from sto_qual.tui.widgets.transcript.view import TranscriptView

__all__ = ["GUTTER", "TranscriptView", "contrast_text", "wrap_span"]
