"""Which listed names occur in an export's text: the privacy tests' one check."""
from __future__ import annotations

import re


def leaked_names(names, text: str) -> list[str]:
    """The names (of the pseudonym list) that occur in ``text`` as whole words, ignoring case.
    One pattern for all names, longest first, in one pass: a search per name costs seconds over
    hundreds of names and a whole report."""
    alternatives = sorted({n.lower() for n in names}, key=len, reverse=True)
    if not alternatives:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    return sorted(set(pattern.findall(text.lower())))
