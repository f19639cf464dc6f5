"""Text normalisation. Offsets everywhere are Python ``str`` indices into the
text this module returns; it is applied once, at import, and never again."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def normalise(text: str) -> str:
    """NFC, ``\\n`` line endings, no trailing spaces, no BOM, no leading/trailing blank lines."""
    text = text.replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class _FoldTable(dict):
    """str.translate table that folds each non-ASCII character once and remembers it."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case and strip diacritics (for diacritics-insensitive matching)."""
    low = text.lower()
    return low if low.isascii() else low.translate(_FOLD)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 word', '2 words', '1 coding'; ``many`` for an irregular plural."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
