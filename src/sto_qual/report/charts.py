"""Charts for the report: matplotlib's Agg canvas (no pyplot, no GUI), 300 dpi PNG bytes.

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


def overview_png(overview: Sequence[tuple[str, int]], total: int, lang: str = "nl") -> bytes:
    labels = [t for t, _ in overview][::-1]
    values = [n for _, n in overview][::-1]
    height = 0.45 * len(labels) + 0.9
    fig, left = _figure(6.5, height, labels, 9)
    fig.subplots_adjust(left=left, right=0.9, top=1 - 0.2 / height, bottom=0.55 / height)
    ax = fig.add_subplot()
    bars = ax.barh(labels, values, color="#2471a3")
    ax.set_xlim(0, max(total, 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("aantal interviews" if lang == "nl" else "number of interviews", fontsize=8)
    ax.tick_params(labelsize=8)
    for b, v in zip(bars, values):
        ax.text(b.get_width() + max(total, 1) * 0.01, b.get_y() + b.get_height() / 2, f"{v} / {total}",
                va="center", fontsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def heatmap_png(rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]]) -> bytes:
    # at most the page's text width: a 300 dpi figure costs time per pixel
    width = min(3.2 + 0.2 * len(cols), 6.5)
    height = min(1.0 + 0.17 * len(rows), 8.0)
    fig, left = _figure(width, height, rows, 6)
    bottom = (max((len(c) for c in cols), default=3) * 6 * 0.55 / 72 + 0.2) / height
    fig.subplots_adjust(left=left, right=0.9, top=1 - 0.1 / height, bottom=min(0.5, bottom))
    ax = fig.add_subplot()
    im = ax.imshow(values, aspect="auto", cmap="Blues", interpolation="nearest")
    ax.set_xticks(range(len(cols)), labels=list(cols), rotation=90, fontsize=6)
    ax.set_yticks(range(len(rows)), labels=list(rows), fontsize=6)
    if len(cols) * len(rows) <= 60:  # numbers in the cells only where they stay legible
        top = max((max(r) for r in values if r), default=0) or 1
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=5,
                            color="white" if v > top * 0.6 else "black")
    cax = fig.add_axes((0.92, 0.2, 0.015, 0.6))
    fig.colorbar(im, cax=cax)
    cax.tick_params(labelsize=6)
    return _png(fig)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()
