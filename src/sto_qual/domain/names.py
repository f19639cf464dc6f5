"""Code names: the slug rule, deriving a slug from another tool's name, and the closest
known codes for a mistyped one."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def is_slug(name: str) -> bool:
    return bool(SLUG.match(name))


def slugify(text: str) -> str:
    """'Onzeker (na 2026)' -> 'onzeker-na-2026', "Thema's" -> 'themas', 'kwaliteit_zorg' -> 'kwaliteit-zorg'."""
    text = re.sub(r"['’`]", "", text)
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def derive_name(name: str) -> tuple[str, bool]:
    """The slug for a code name and whether it had to be derived ('' when nothing is left)."""
    name = name.strip()
    if is_slug(name):
        return name, False
    return slugify(name), True


def closest_codes(ref: str, codes: Iterable[tuple[str, str, str | None]], n: int = 3) -> list[str]:
    """Paths of the codes closest to a mistyped ``ref``; ``codes`` are (path, name, label)."""
    want = ref.strip().strip("/").lower()
    if not want:
        return []
    scored: dict[str, float] = {}
    for path, name, label in codes:
        for cand in (path, name, label or ""):
            if cand:
                r = difflib.SequenceMatcher(None, want, cand.lower()).ratio()
                if r > scored.get(path, 0.0):
                    scored[path] = r
    best = sorted((p for p, r in scored.items() if r >= 0.6), key=lambda p: (-scored[p], p))
    return best[:n]


def did_you_mean(ref: str, codes: Iterable[tuple[str, str, str | None]]) -> str | None:
    """'did you mean urgentie/docententekort?' or None."""
    best = closest_codes(ref, codes)
    if not best:
        return None
    return "did you mean " + " or ".join(best) + "?"


def closest_name(ref: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` that ``ref`` most likely mistypes ("onderzoekr-a" -> "onderzoeker-a"),
    compared without regard to case; None when none is close."""
    import difflib
    by_fold = {n.casefold(): n for n in names}
    best = difflib.get_close_matches(ref.casefold(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[best[0]] if best else None
