"""The "Verschillen tussen regio's" paragraph of a theme, worded by the report from the
contrasts' counts (the drafted sentence is used only when a person wrote or accepted it).

A difference between region types names both groups with their counts, also when a whole
group says it ("in alle gemengde regio's (5 van 5)"), and says what comes up with the code's
summary phrase from the codebook ("noemt men het tekort aan (technische) docenten") instead of
its label in quote marks as a noun. Opposing codes are named by their labels as a run-in, and
the counts say how many regions name one, the other or both. ``numbers=False`` drops every
"(n van N)"."""
from __future__ import annotations

from collections.abc import Callable

from sto_qual.domain.synthesis import Contrast
from sto_qual.domain.wording import count_note, in_units

GROUPS = {
    "nl": {"eiland": "eilandregio's", "krimp": "krimpregio's", "stedelijk": "stedelijke regio's",
           "landelijk": "landelijke regio's", "gemengd": "gemengde regio's"},
    "en": {"eiland": "island regions", "krimp": "regions with a declining population", "stedelijk": "urban regions",
           "landelijk": "rural regions", "gemengd": "mixed regions"},
}


class ContrastWriter:
    def __init__(self, lang: str, numbers: bool, wording: Callable[[int, int], str], label: Callable[[str], str],
                 phrase: Callable[[str], str], value_label: Callable[[str], str]) -> None:
        self.lang = lang
        self.numbers = numbers
        self.wording = wording      # (n, total) -> the Dutch tier word
        self.label = label          # code path -> its label in the report's language
        self.phrase = phrase        # code path -> its summary phrase in the report's language, or ""
        self.value_label = value_label

    def _group(self, value: str, n: int, of: int) -> str:
        name = GROUPS[self.lang].get(str(value).lower()) or (
            f"regio's met {self.value_label(value)}" if self.lang == "nl" else f"regions with {self.value_label(value)}")
        if n >= of:
            name = ("alle " if self.lang == "nl" else "all ") + name
        if self.numbers and n:  # "niet in stedelijke regio's" needs no "(0 van 5)"
            name += f" ({n} {'van' if self.lang == 'nl' else 'of'} {of})"
        return name

    def text(self, c: Contrast) -> str:
        if c.kind == "attribute" and len(c.counts) >= 2:
            return self._attribute(c)
        if c.kind == "codes" and len(c.counts) == 4:
            return self._codes(c)
        return c.text

    def _attribute(self, c: Contrast) -> str:
        (hv, hn, hof), (lv, ln, lof) = c.counts[0], c.counts[-1]
        hi, lo = self._group(hv, hn, hof), self._group(lv, ln, lof)
        phrase = self.phrase(c.code)
        nl = self.lang == "nl"
        if phrase:
            tail = (f"in {lo} niet" if ln == 0 else f"in {lo} minder vaak") if nl else \
                (f"not in {lo}" if ln == 0 else f"less often in {lo}")
            return f"In {hi} {phrase}, {tail}." if nl else f"In {hi}, {phrase}; {tail}."
        name = self.label(c.code)
        if nl:
            return f"{name} komt aan de orde in {hi}, " + (f"niet in {lo}." if ln == 0 else f"minder vaak in {lo}.")
        return f"{name} comes up in {hi}, " + (f"not in {lo}." if ln == 0 else f"less often in {lo}.")

    def _codes(self, c: Contrast) -> str:
        (_a, only_a, total), (_b, only_b, _t), (_c, both, _t2), _neither = c.counts
        nl = self.lang == "nl"
        unit = ("regio", "regio's") if nl else ("region", "regions")
        whats = (("alleen het eerste", "alleen het tweede", "beide") if nl
                 else ("only the first", "only the second", "both"))
        parts = []
        for n, what in zip((only_a, only_b, both), whats):
            if n:
                w = self.wording(n, total)
                parts.append(f"{in_units(w, self.lang, unit)}{count_note(n, total, w, self.lang) if self.numbers else ''}"
                             f" {what}")
        if not parts:
            return c.text
        joined = (", ".join(parts[:-1]) + (" en " if nl else " and ") + parts[-1]) if len(parts) > 1 else parts[0]
        a, b = self.label(c.code), self.label(c.other)
        if b[1:2].islower():  # "Regierol …" mid-sentence, but "ROC …" stays
            b = b[:1].lower() + b[1:]
        return f"{a} {'tegenover' if nl else 'against'} {b}: {joined}."
