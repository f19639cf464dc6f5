"""Charts for the report: matplotlib with the Agg backend, 300 dpi PNG bytes."""
from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def overview_png(overview: Sequence[tuple[str, int]], total: int, lang: str = "nl") -> bytes:
    labels = [t for t, _ in overview][::-1]
    values = [n for _, n in overview][::-1]
    fig, ax = plt.subplots(figsize=(6.5, 0.55 * len(labels) + 1.0))
    bars = ax.barh(labels, values, color="#2471a3")
    ax.set_xlim(0, max(total, 1))
    ax.set_xlabel("aantal interviews" if lang == "nl" else "number of interviews")
    for b, v in zip(bars, values):
        ax.text(b.get_width() + max(total, 1) * 0.01, b.get_y() + b.get_height() / 2, f"{v} / {total}",
                va="center", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _png(fig)


def heatmap_png(rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]]) -> bytes:
    # at most the page's text width: a 300 dpi figure costs time per pixel
    width = min(2.8 + 0.2 * len(cols), 6.5)
    height = min(1.0 + 0.17 * len(rows), 8.0)
    fig, ax = plt.subplots(figsize=(width, height))
    im = ax.imshow(values, aspect="auto", cmap="Blues", interpolation="nearest")
    ax.set_xticks(range(len(cols)), labels=list(cols), rotation=90, fontsize=6)
    ax.set_yticks(range(len(rows)), labels=list(rows), fontsize=6)
    if len(cols) * len(rows) <= 160:
        top = max((max(r) for r in values if r), default=0) or 1
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=5,
                            color="white" if v > top * 0.6 else "black")
    fig.colorbar(im, ax=ax, fraction=0.025, pad=0.01)
    fig.tight_layout()
    return _png(fig)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=300)
    plt.close(fig)
    return buf.getvalue()
