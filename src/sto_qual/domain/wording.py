"""Dutch frequency wording over the number of interviews (DOMAIN.md)."""
from __future__ import annotations

# (lower bound of the share, wording). Checked from top to bottom; "alle" and
# "een enkele" are exact counts. A project can override these thresholds.
DEFAULT_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.85, "vrijwel alle"),
    (0.5001, "de meerderheid"),
    (0.5, "de helft"),
    (0.3, "een deel"),
    (0.15, "een aantal"),
    (0.0, "een paar"),
)

ENGLISH = {"alle": "all", "vrijwel alle": "nearly all", "de meerderheid": "the majority",
           "de helft": "half", "een deel": "some", "een aantal": "several", "een paar": "a few",
           "een enkele": "a single", "geen": "none"}


def frequency_wording(n: int, total: int,
                      thresholds: tuple[tuple[float, str], ...] = DEFAULT_THRESHOLDS) -> str:
    if total <= 0 or n <= 0:
        return "geen"
    if n >= total:
        return "alle"
    if n == 1:
        return "een enkele"
    share = n / total
    for bound, word in thresholds:
        if share >= bound:
            if word == "een paar" and n > 3:
                return "een aantal"
            return word
    return "een paar"
