"""Pseudonymisation applied to every export (the project keeps the verbatim text).

Plain names are whole-word, case-insensitive, longest first ("Jan de Vries" wins over
"Jan"); matching walks the text's words once and looks names up by their first
word, so hundreds of names cost about the same as one. Regex entries (e.g. school-name
patterns) run afterwards.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+")


class Anonymiser:
    def __init__(self, entries: Sequence[tuple[str, str, bool]]) -> None:
        self.entries = list(entries)
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for pattern, repl, is_regex in entries:
            if is_regex:
                continue
            name = pattern.strip()
            m = _WORD.search(name)
            if not name or not m:
                continue
            self._by_first.setdefault(m.group(0).lower(), []).append((name.lower(), repl))
        for cands in self._by_first.values():
            cands.sort(key=lambda c: -len(c[0]))
        # a name that starts with a non-word character ("'t Veld") is keyed by its first word;
        # the match below starts at that word, so keep the prefix offset
        self._regex = [(re.compile(p, re.IGNORECASE), r) for p, r, is_regex in entries if is_regex]

    def __call__(self, text: str | None) -> str:
        if not text:
            return text or ""
        if self._by_first:
            text = self._plain(text)
        for rx, repl in self._regex:
            text = rx.sub(repl.replace("\\", "\\\\"), text)
        return text

    def _plain(self, text: str) -> str:
        low = text.lower()
        out: list[str] = []
        pos = 0
        for m in _WORD.finditer(low):
            s = m.start()
            if s < pos:
                continue
            cands = self._by_first.get(m.group(0))
            if not cands:
                continue
            for name, repl in cands:
                e = s + len(name)
                if low.startswith(name, s) and (e >= len(low) or not (low[e].isalnum() or low[e] == "_")):
                    out.append(text[pos:s])
                    out.append(repl)
                    pos = e
                    break
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    @property
    def names(self) -> list[str]:
        return [p for p, _, is_regex in self.entries if not is_regex]
