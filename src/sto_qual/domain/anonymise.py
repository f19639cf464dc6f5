"""Pseudonymisation applied to every export (the project keeps the verbatim text)."""
from __future__ import annotations

import re
from collections.abc import Sequence


class Anonymiser:
    """Replace listed names/patterns. Longer names first, so "Jan de Vries" wins over "Jan";
    whole-word, case-insensitive for plain names."""

    def __init__(self, entries: Sequence[tuple[str, str, bool]]) -> None:
        self.entries = list(entries)
        parts = []
        self._repl: list[str] = []
        plain = sorted((e for e in entries if not e[2]), key=lambda e: -len(e[0]))
        regex = [e for e in entries if e[2]]
        for pattern, repl, is_regex in [*plain, *regex]:
            body = pattern if is_regex else r"(?<!\w)" + re.escape(pattern) + r"(?!\w)"
            parts.append(f"(?P<g{len(self._repl)}>{body})")
            self._repl.append(repl)
        self._rx = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def __call__(self, text: str | None) -> str:
        if not text or self._rx is None:
            return text or ""
        return self._rx.sub(self._sub, text)

    def _sub(self, m: re.Match[str]) -> str:
        return self._repl[int(m.lastgroup[1:])]  # type: ignore[index]

    @property
    def names(self) -> list[str]:
        return [p for p, _, is_regex in self.entries if not is_regex]
