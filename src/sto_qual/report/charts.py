"""Charts for the report: matplotlib's Agg canvas (no pyplot, no GUI), PNG bytes.

Margins are set from the label lengths instead of tight_layout(), which would draw
each figure twice.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

DPI = 300


def _figure(width: float, height: float, labels: Sequence[str], fontsize: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    label_in = max((len(s) for s in labels), default=5) * fontsize * 0.55 / 72 + 0.15
    left = min(0.6, label_in / width)
    return fig, left


def subcode_png(bars: Sequence[tuple[str, int]], total: int, lang: str = "nl") -> bytes:
    """Sub-code prevalence within one theme: one bar per sub-code, most common on top, its
    count as "n / N" beside it; labels at 9 pt, so legible at the printed width."""
    labels = [t for t, _ in bars][::-1]
    values = [n for _, n in bars][::-1]
    height = 0.3 * len(labels) + 0.8
    fig, left = _figure(6.0, height, labels, 9)
    fig.subplots_adjust(left=left, right=0.88, top=1 - 0.15 / height, bottom=0.5 / height)
    ax = fig.add_subplot()
    bars_ = ax.barh(labels, values, color="#2471a3", height=0.6)
    ax.set_xlim(0, max(total, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("aantal regio's" if lang == "nl" else "number of regions", fontsize=8.5)
    ax.tick_params(labelsize=9)
    for b, v in zip(bars_, values):
        ax.text(b.get_width() + max(total, 1) * 0.01, b.get_y() + b.get_height() / 2, f"{v} / {total}",
                va="center", fontsize=8.5)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig, dpi=200)


def _png(fig: Figure, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
