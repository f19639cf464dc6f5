"""Text normalisation. Offsets everywhere are Python ``str`` indices into the
text this module returns; it is applied once, at import, and never again."""
from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

# an e-mail address, written once: every export takes it out (``anonymise``) and the missed-name scan
# reads no words in it (``missed_names``)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# a surname's particles ("Anouk van den Berg", "Mevrouw Te Brake"), one of them, as a regex group
PARTICLES = r"(?:van|de|der|den|ter|ten|te|het|'t)"

_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_WORD = re.compile(r"\w+(?:[-'’&]\w+)*", re.UNICODE)  # "M&T", "D&P": one word, as "auto-industrie" is


# shown as nothing, yet a word boundary to a search (a zero-width space in "TechniekHuis" hid it from search): a BOM,
# a zero-width space, a word joiner, a soft hyphen; not the joiners that make one emoji or letter of several
INVISIBLE = "\ufeff\u200b\u2060\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")


def drop_invisible(text: str) -> str:
    """``text`` without the characters that show as nothing (``INVISIBLE``): a zero-width space in a
    table's header made a second 'region_type' that looked like the first."""
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    """NFC, ``\\n`` line endings, no trailing spaces, no BOM or other invisible character (``INVISIBLE``),
    no leading/trailing blank lines."""
    text = drop_invisible(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class WordIndex:
    """Word counts of many spans of one text, each in O(log n): the words are found once.
    ``count(s, e)`` equals ``count_words(text[s:e])`` (a word cut by the span counts, as there)."""

    def __init__(self, text: str) -> None:
        import bisect
        self._bisect = bisect
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def count(self, start: int, end: int) -> int:
        i = self._bisect.bisect_left(self.starts, start)  # first word starting inside
        j = self._bisect.bisect_right(self.ends, end) - 1  # last word ending inside
        if i > j:
            return count_words(self.text[start:end])
        # the pieces before the first and after the last whole word hold at most a cut word
        return (count_words(self.text[start:self.starts[i]]) + (j - i + 1)
                + count_words(self.text[self.ends[j]:end]))


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


class _FoldInPlaceTable(dict):
    """str.translate table folding each character to one character, or keeping it."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = folded if len(folded) == 1 else chr(code)
        return self[code]


_FOLD_IN_PLACE = _FoldInPlaceTable()


def fold_in_place(text: str) -> str:
    """``fold`` that keeps every character at its offset (one that would fold to more or fewer
    characters stays as it is), to find a folded word at its place in the text."""
    return text.translate(_FOLD_IN_PLACE)


def finder(text: str, query: str) -> tuple[str, re.Pattern[str]]:
    """The text to look in and the pattern to look for, as the text search finds a word: the
    words that begin so, whole, without regard to case, and without regard to diacritics unless
    the word is written with them ("financiele" finds "financiële", "één" does not find "een").
    Offsets are the text's."""
    query = unicodedata.normalize("NFC", query)
    # `search`'s "financi*" is what a word's beginning finds here anyway (it said "does not occur")
    query = query[:-1] if query.endswith("*") and query[:-1][-1:].isalnum() else query
    # from the start of a word to its end ("onzeker" selects "onzekerheid"), as `search` finds words:
    # "gen" selected the middle of "eigenlijk", and a number key then coded those three letters
    whole = r"(?<!\w){}\w*" if query[:1].isalnum() and query[-1:].isalnum() else "{}"
    if fold(query) != query.lower():  # "één" also as a sentence begins it, "Eén" (and typed so)
        escaped = re.escape(_ONE.sub("één", query)).replace("één", "(?:één|eén)")
        return text, re.compile(whole.format(escaped), re.IGNORECASE)
    return fold_in_place(text), re.compile(whole.format(re.escape(fold(query))))


_PART = re.compile(r"\w+")
# "Eén", as Dutch capitalises "één" at the start of a sentence (and "ÉÉN"): the number "één"
_ONE = re.compile(r"(?i)\b(?:eén|één)\b")


def is_one(word: str) -> bool:
    """The word is "één" as written with its accents ("Eén" too): the number, where "een" is an article."""
    return _ONE.fullmatch(word) is not None


def holds_as_written(text: str, word: str, prefix: bool = False) -> bool:
    """Whether ``text`` holds each part of ``word`` that is written with diacritics as written
    (case-insensitive): "één" is a number, "een" an article, and a search for the one must not
    find the other. A part without diacritics is found in either form ("financiele" finds
    "financiële"), as the folded index finds it. ``prefix``: the last part begins a word."""
    parts = _PART.findall(_ONE.sub("één", unicodedata.normalize("NFC", word)).lower())
    marked = [i for i, p in enumerate(parts) if fold(p) != p]
    if not marked:
        return True
    tokens = set(_PART.findall(_ONE.sub("één", text).lower()))
    last = len(parts) - 1
    return all(any(t.startswith(parts[i]) for t in tokens) if prefix and i == last else parts[i] in tokens
               for i in marked)


_DIGITS = re.compile(r"(\d+)")


def natural_key(value: object) -> tuple:
    """Sort key that orders the numbers inside values by their size: an attribute's values
    "1, 2, 10" (as text "1, 10, 2"), "R2, R10"; text compares without regard to case, then as
    written."""
    text = str(value)
    parts = _DIGITS.split(text)  # text at even places, digits at odd ones: like compares with like
    return tuple(int(p) if i % 2 else p.casefold() for i, p in enumerate(parts)), text


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 word', '2 words', '1 coding'; ``many`` for an irregular plural."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def said_in(sentence: str, paragraphs: Iterable[str]) -> bool:
    """``sentence`` stands word for word in one of ``paragraphs``, with its first letter in
    either case ("In de meeste regio's …" in "Daar staat tegenover: in de meeste regio's …")."""
    clause = sentence.strip().rstrip(".")
    forms = {clause[:1].lower() + clause[1:], clause[:1].upper() + clause[1:]} if clause else set()
    return any(f in p for p in paragraphs for f in forms)


def clip_words(text: str, width: int, *, keep_end: bool = False) -> str:
    """``text`` on one line in at most ``width`` characters: whitespace collapsed and, when too
    long, cut at a word boundary (a word longer than half the room is cut inside) with "…"
    where text was left out: at the end, or with ``keep_end`` at the start (the sentence
    before a quote ends where the quote begins)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    room = max(width - 1, 1)
    if keep_end:
        cut = text[len(text) - room:]
        space = cut.find(" ")
        if text[len(text) - room - 1] != " " and 0 <= space < room // 2:
            cut = cut[space + 1:]
        return "…" + cut.lstrip()
    cut = text[:room]
    space = cut.rfind(" ")
    if text[room] != " " and space > room // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


_SINGLE = re.compile(r"(?<![\w'‘’])'([^'\n]*?[^\s'])'(?![\w])")
_DOUBLE = re.compile(r'(?<![\w"])"([^"\n]*?[^\s"])"(?![\w])')


def curly_quotes(text: str) -> str:
    """Quotation marks as the chapter prints them: 'waarom' -> ‘waarom’, "x" -> “x”; an
    apostrophe inside or after a word ("regio's", "auto's") stays as it is."""
    return _DOUBLE.sub("“\\1”", _SINGLE.sub("‘\\1’", text))


_INNER = re.compile(r'(?<![\w"])["“„]([^"“”„\n]*?[^\s"“”„])["”“](?![\w])')


def quote_within_quote(text: str) -> str:
    """A quote's own quotation marks as the chapter prints them inside its “…”: single
    (“… zegt nu ‘dit willen wij’, en …”), not a second pair of double marks that reads as the
    quote ending halfway; an unpaired mark stays as it is. A tab a transcriber typed is a space (Word
    printed it as a wide gap inside the quote)."""
    return _INNER.sub("‘\\1’", re.sub(r" *\t[\t ]*", " ", text))


MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
_DUTCH_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def year_month(value: object) -> tuple[int, int] | None:
    """(year, month) of a stored date or time ("2024-01-17", "2024-01", "2024-01-17T10:00:00");
    None when the value is no date ("2024-13-45", "gisteren")."""
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value).strip())
    if not m:
        return None
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None
    return int(m.group(1)), int(m.group(2))


_WEEKDAY = re.compile(r"^(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+"
                      r"(?=\d)")


def iso_date(text: str) -> str | None:
    """A date as a Dutch transcript header writes it ("14 maart 2024", "14 mrt 2024",
    "14-03-2024") in ISO form ("2024-03-14"), so interviews sort by it; None when it is no such
    date. ISO input stays as it is."""
    t = " ".join(str(text).strip().lower().split())
    t = _WEEKDAY.sub("", t)  # "maandag 5 februari 2024", "ma 5-2-2024": the date after it
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        return t if year_month(t) else None  # "2024-13-45" is none
    m = _DUTCH_DATE.match(t)
    if m:
        word = "maart" if m.group(2) == "mrt" else m.group(2)  # the one short form that is no prefix
        month = next((i for i, name in enumerate(MONTHS_NL, 1) if name.startswith(word) and len(word) >= 3), None)
        day, year = int(m.group(1)), int(m.group(3))
    else:
        m = _DAY_FIRST.match(t)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return datetime.date(year, month, day).isoformat() if month else None
    except ValueError:
        return None


def year_range(text: str) -> str:
    """A range of years as print sets it, with an en dash: "2023-2024" -> "2023–2024"."""
    return re.sub(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b", "\\1–\\2", text)


def both_texts(base: str | None, theirs: str, mine: str) -> str:
    """A memo kept both ways after it was changed elsewhere while it was typed: the text saved
    there, then what she added to ``base`` (the text she opened) when theirs still holds it, or
    else her whole text. Her copy of the text they shared is not repeated ("Keep both" doubled
    the memo); a text replaced or cleared there is not dropped (a command wrote over a coder's
    memo, and "Keep both" kept only the sentence she was adding: her memo was gone for good)."""
    b, t, m = (base or "").strip(), theirs.strip(), mine.strip()
    added = m[len(b):].strip() if b and b in t and m.startswith(b) else m
    return "\n\n".join(x for x in (t, added) if x)


ANY_MEMO = object()  # no ``expected`` memo given (the command line): written whatever is stored


def same_memo(a: str | None, b: str | None | object) -> bool:
    """The same memo for a reader: none and empty alike, white space around it not counted."""
    return isinstance(b, (str, type(None))) and (a or "").strip() == (b or "").strip()


def first_few(items: Sequence[str], n: int, sep: str = ", ") -> str:
    """The first ``n`` of ``items`` and how many more ("a, b, c and 4 more"): a list on one line."""
    return sep.join(items[:n]) + (f" and {len(items) - n} more" if len(items) > n else "")
