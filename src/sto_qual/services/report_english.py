"""What an English chapter adds to its method about the Dutch it holds: what the placeholders
in its Dutch quotes stand for, what the Dutch education terms mean, and that it retells no
examples. The Dutch chapter adds nothing: its readers read the words."""
from __future__ import annotations

import re

from sto_qual.domain.anonymise import PLACEHOLDERS_EN
from sto_qual.report.labels import LABELS, join_words
from sto_qual.report.vocabulary import ROLE_LABELS


_PLACEHOLDER = re.compile(r"\[([^\[\]…]{1,40})\]")


def lowered(word: str) -> str:
    """A placeholder's word as the pseudonym list writes it: its first letter in lower case where
    only that one was raised ("Bedrijf" opening a sentence; "ROC" stays)."""
    return word[:1].lower() + word[1:] if word[:1].isupper() and not word[1:2].isupper() else word


def placeholder_note(texts, labels, lang: str) -> str:
    """What the Dutch words in square brackets in an English chapter's quotes stand for, in the
    order they first occur: "In the quotes, [plaats] stands for a place, [bedrijf] for a company
    and [aantal] for a number." A word the tool has no English for is said to be Dutch too. The
    Dutch chapter says nothing: its readers read the words."""
    if lang == "nl":
        return ""
    lab = LABELS[lang]
    # "[Bedrijf]" opening a sentence is "[bedrijf]": said once, in lower case
    seen = list(dict.fromkeys(lowered(m.group(1).strip()) for t in texts for m in _PLACEHOLDER.finditer(t)))
    known, other = [], False
    for word in seen:
        key = word.lower()
        what = PLACEHOLDERS_EN.get(key)
        if what is None and key in ROLE_LABELS and key != "interviewer":
            role = labels.role(key)
            what = ("an " if role[:1].lower() in "aeiou" else "a ") + role
        if what is None:
            other = other or key != "nl"
            continue
        known.append(lab["m_placeholder" if not known else "m_placeholder_more"].format(ph=f"[{word}]", what=what))
    note = lab["m_placeholders"].format(items=join_words(known, lang)) if known else ""
    return note + (lab["m_placeholders_other" if known else "m_placeholders_only"] if other else "")


# Dutch terms an English reader meets in the chapter, and what they are
DUTCH_TERMS = (("vmbo", "pre-vocational secondary education"), ("mbo", "secondary vocational education"),
               ("ROC", "a regional vocational college"), ("po", "primary education"),
               ("RIF", "the Regional Investment Fund for vocational education"),
               ("STO", "the programme Sterk Techniekonderwijs (strong technical education in the vmbo)"))
PROFILES = ("PIE", "BWI", "MaT", "M&T", "MVI")  # the technical vmbo profiles


def english_notes(sections, appendix, labels, lang: str) -> str:
    """What an English chapter adds to its method about the Dutch it holds: what each
    placeholder in its Dutch quotes stands for (``placeholder_note``), what the Dutch education
    terms it uses mean, and that it retells no examples (the Dutch chapter does). Nothing for
    the Dutch chapter."""
    if lang == "nl":
        return ""
    quotes = [q.text for s in sections for q in s.quotes] + [q.text for q in appendix]
    prose = [t for s in sections for t in (*s.opening, *(b.text for b in s.points), *(b.label for b in s.points),
                                            *s.contrasts, s.title)]
    text = " ".join(quotes + prose)
    said = [f"{t} is {what}" if not i else f"{t} {what}" for i, (t, what) in
            enumerate((t, w) for t, w in DUTCH_TERMS if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text))]
    profiles = [p for p in PROFILES if re.search(rf"(?<![\w&-]){re.escape(p)}(?![\w&-])", text)]
    terms = LABELS[lang]["m_terms"].format(terms=join_words(said, lang)) if said else ""
    if profiles:
        terms += LABELS[lang]["m_profiles"].format(profiles=join_words(profiles, lang))
    # the passages it does not retell are quoted in the appendix, when the chapter has one
    return (placeholder_note(quotes, labels, lang) + terms
            + LABELS[lang]["m_no_examples" if appendix else "m_no_examples_no_appendix"])
