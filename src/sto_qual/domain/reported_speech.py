"""A spoken sentence retold in the third person, as an analyst writes it: "we hebben geen
vast contract durven geven" -> "men heeft geen vast contract durven geven". Only where it is
safe: the first person ("ik", "we", "wij") becomes "men" with its finite verb in the third
person singular, fillers and hedges drop out. A sentence that cannot
be retold safely (a question, a dangling "Die" or "Dat" whose referent is lost, an unknown
verb form beside a pronoun, "mijn", "jullie", an inner quote, too long or too short) gives
None, and the caller takes the next sentence or says less. Stdlib only; deterministic."""
from __future__ import annotations

import re

# finite verb forms beside "we"/"wij" (plural) and "ik" (first person singular) -> after "men"
PLURAL = {
    "hebben": "heeft", "zijn": "is", "gaan": "gaat", "kunnen": "kan", "willen": "wil", "zullen": "zal",
    "mogen": "mag", "moeten": "moet", "doen": "doet", "komen": "komt", "worden": "wordt", "weten": "weet",
    "zitten": "zit", "zien": "ziet", "staan": "staat", "houden": "houdt", "denken": "denkt", "vinden": "vindt",
    "zeggen": "zegt", "krijgen": "krijgt", "werken": "werkt", "zoeken": "zoekt", "noemen": "noemt",
    "kiezen": "kiest", "geven": "geeft", "blijven": "blijft", "horen": "hoort", "durven": "durft",
    "merken": "merkt", "maken": "maakt", "hopen": "hoopt", "steken": "steekt", "delen": "deelt",
    "besteden": "besteedt", "zetten": "zet", "leggen": "legt", "brengen": "brengt", "nemen": "neemt",
    "lopen": "loopt", "missen": "mist", "voeren": "voert", "bieden": "biedt", "redden": "redt",
    "kennen": "kent", "betalen": "betaalt", "trekken": "trekt",
    "bouwen": "bouwt", "spreken": "spreekt", "praten": "praat", "vragen": "vraagt", "wachten": "wacht",
    "hadden": "had", "waren": "was", "konden": "kon", "wilden": "wilde", "moesten": "moest", "zouden": "zou",
    "gingen": "ging", "werden": "werd", "deden": "deed", "kregen": "kreeg", "hielden": "hield", "zagen": "zag",
    "dachten": "dacht", "besloten": "besloot", "kwamen": "kwam", "merkten": "merkte", "zaten": "zat",
    "stonden": "stond", "mochten": "mocht", "durfden": "durfde", "maakten": "maakte", "gaven": "gaf",
    "namen": "nam", "wisten": "wist", "vonden": "vond", "zeiden": "zei", "lieten": "liet", "laten": "laat",
    "hebt": "heeft", "bent": "is", "kunt": "kan", "zult": "zal", "wilt": "wil",
}
SINGULAR = {
    "heb": "heeft", "ben": "is", "kan": "kan", "wil": "wil", "zal": "zal", "mag": "mag", "moet": "moet",
    "ga": "gaat", "doe": "doet", "zie": "ziet", "sta": "staat", "vind": "vindt", "denk": "denkt", "weet": "weet",
    "had": "had", "was": "was", "zou": "zou", "kon": "kon", "wilde": "wilde", "moest": "moest", "merk": "merkt",
    "maak": "maakt", "hoop": "hoopt", "zit": "zit", "werk": "werkt", "zeg": "zegt", "krijg": "krijgt",
    "ging": "ging", "kreeg": "kreeg", "dacht": "dacht", "vond": "vond", "zag": "zag", "zei": "zei",
}
# "je" as the generic "you" takes the third person form already, except these
GENERIC = {"hebt": "heeft", "bent": "is", "kunt": "kan", "zult": "zal", "wilt": "wil"}

# hedges and fillers an analyst leaves out (standalone words only)
DROP = ("eigenlijk", "gewoon", "natuurlijk", "echt", "inderdaad", "hoor", "hè", "zeg maar", "nou",
        "eh", "ehm", "uh", "uhm", "hm", "ook wel", "best wel",  # not "wel eens": it says how often
        "ook")  # "er is ook een bedrijf afgehaakt": also beside what, in an example of its own?
_DROP = re.compile(r"(?:,\s*)?\b(?:" + "|".join(re.escape(w) for w in DROP)
                   # a contrastive "wel" mid-sentence ("is men wel één partij geworden") points to what the
                   # speaker set it against; not "wel eens" (how often) or "wel degelijk"
                   + r"|(?<=\w )wel(?!\s+(?:eens|degelijk|een)\b)(?!\s*,))\b(?:\s*,)?", re.IGNORECASE)
# a first word whose referent the sentence does not carry, or that needs the question before it
DANGLING = {"die", "dat", "dit", "daar", "daarom", "daardoor", "daarmee", "daarvoor", "dan", "hij", "zij", "ze",
            "hem", "het", "zo", "toen", "wat", "welke", "waar", "waarom", "hoe", "omdat", "want", "als",
            "ook", "dus", "maar", "en", "of", "nee", "ja", "precies", "klopt", "zeker", "sowieso", "wie",
            # "Wel doet men mee …", "Toch …": the contrast with what was said before is gone
            "wel", "toch", "juist"}
UNSAFE = {"mijn", "me", "mij", "jullie", "jouw", "jou", "u", "uw", "ons", "onze", "jij", "zelf", "mezelf", "ikzelf",
          # "één daarvan is inmiddels weg": of what?
          "daarvan", "hiervan", "ervan",
          # third persons whose referent the sentence does not carry ("zij doen PIE", "zo'n machine")
          "zij", "ze", "hij", "hem", "zo'n", "zo’n", "zulke", "zulk"}
# "is dat", "was dat": a demonstrative as the subject, its referent in the sentence before
_INVERTED = re.compile(r"\b(?:is|was|wordt|werd|blijft|bleef|lijkt|leek|kan|kon|moet|moest|zou|heeft|had|gaat|ging)"
                       r"\s+(?:dat|dit|die)\b(?!\s+(?:de|het|een)\b)", re.IGNORECASE)
# "komen" without where to, or "er" ("er komen …" says that they come): the place was in the sentence before
_COME = re.compile(r"\b(?:komen|komt|kwam|kwamen)\b", re.IGNORECASE)
_WHERE_TO = re.compile(r"\b(?:er|naar|bij|in|op|langs|binnen|terug|mee|samen|uit|hier|daar|hierheen|daarheen|"
                       r"heen|naartoe|tot)\b", re.IGNORECASE)
# "…, denk ik." / "…, zeg ik": a tail that becomes "denkt men"
_TAIL = re.compile(r",\s*(?:(?:ik|we|wij)\s+\w+|\w+\s+(?:ik|we|wij)|zeg maar)\s*[.!]*$", re.IGNORECASE)
# "Op papier wel.", "Formeel niet": the answer to a question
_ANSWER = re.compile(r"^\W*(?:\w+\s+){0,2}\w+\s+(?:wel|niet)\s*[,.!]", re.IGNORECASE)
# first words of an exclamation or a judgement without content ("Jammer dat …")
EXCLAIM = {"jammer", "zonde", "mooi", "prachtig", "fantastisch", "geweldig", "tja", "kijk", "goh", "wauw",
           "helaas", "gek", "raar", "leuk", "prima", "top", "heerlijk"}
# finite verb forms (besides those in the tables below) that make a sentence more than a fragment
FINITE = frozenset("""is was zijn waren wordt werd worden werden heeft hebben had hadden kan kunnen kon konden moet
moeten moest moesten zal zullen zou zouden wil willen wilde mag mogen mocht gaat gaan ging gingen komt komen kwam
staat staan stond ligt liggen lag zit zitten zat blijft blijven bleef krijgt krijgen kreeg kost kosten kostte loopt
lopen liep speelt spelen speelde doet doen deed maakt maken maakte zoekt zoeken zocht werkt werken werkte geeft geven
gaf neemt nemen nam houdt hield ziet zag vindt vond weet wist denkt dacht zegt zei lijkt leek hoeft hoeven hoefde
betekent draait telt groeit daalt stijgt verandert veranderde stromen stroomt haakt haken ontbreekt kiest kiezen koos
volgen volgt bieden biedt bood valt vallen viel begint beginnen begon stopt stopte helpt hielp mist missen past
levert trekt brengt bracht zet legt hoort merkt hoopt durft deelt bouwt betaalt wacht vraagt spreekt praat kent
besteedt steekt noemt besloot besloten verdwijnt verdwijnen zakt zakken schuift schuiven draagt dragen""".split())
# "Twee zijn er inmiddels vertrokken": a number of what was said before
_COUNTED = re.compile(r"(?i)^(?:één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|beiden|allebei)\s+"
                      r"(?:zijn|is|waren|was|hebben|heeft|daarvan|ervan|er)\b")
# "we merken het bij de partners": "het" as the object of a verb of noticing or doing points back
_IT_BACK = re.compile(r"(?i)\b(?:merk|merken|merkt|zie|zien|ziet|doe|doen|doet|weet|weten|zeg|zeggen|zegt|voel|voelen|"
                      r"voelt|snap|snappen|begrijp|begrijpen)\s+(?:we|wij|ik|je|men)?\s*het"
                      # "het" ends the object: a preposition, an adverb or the end follows, not a noun ("het aantal")
                      r"(?=\s+(?:bij|aan|in|op|met|ook|wel|niet|nu|al|toch|zelf|allemaal|elke|iedere)\b|\s*[,.]|\s*$)")
# "de tweede machine": the first was in what went before
_ORDINAL = re.compile(r"(?i)\b(?:de|het)\s+(?:tweede|derde|vierde)\s+[a-zà-ÿ]+")
# "ik zit", "ben ik", "ik stond": where one person sits or what they are; "men zit …" would make it the region's
_MY_PLACE = re.compile(r"(?i)\bik\s+(?:ben|zit|sta|was|zat|stond)\b|\b(?:ben|zit|sta|was|zat|stond)\s+ik\b")
# "in die periode", "op dat moment": a demonstrative after a preposition points to what was said before
_POINTS_BACK = re.compile(r"\b(?:in|op|na|voor|sinds|tijdens|bij|met|door|over|vanaf|tot)\s+(?:die|dat|deze|dit)\s+"
                          r"(?!de\b|het\b|een\b|er\b|we\b|ik\b|je\b|ze\b|men\b)[a-zà-ÿ]+", re.IGNORECASE)
# "…, dat is vooral werving": a demonstrative subject after a comma, its referent before it
_CLAUSE_DEM = re.compile(r"(?:^|[,;]\s*)(?:dat|dit|die)\s+(?:is|was|wordt|werd|heeft|had|kan|moet|zou|gaat|ging)\b",
                         re.IGNORECASE)
# words that open a subordinate clause: a finite verb after one of them does not make a main clause
SUBORDINATE = {"waar", "die", "dat", "wat", "waarin", "waarmee", "waarbij", "waarvan", "welke", "als", "omdat",
               "zodat", "wanneer", "terwijl", "waardoor", "waarop"}
_FINITE_RE = re.compile(r"\w{3,}(?:eert|eerde|eerden|eren)$")
# "M&T", "R&D": one word (split at "&", a retelling came out as "M & T")
_WORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+(?:&[A-Za-zÀ-ÿ'’-]+)*|[0-9][0-9.,]*|[^\sA-Za-zÀ-ÿ0-9]")
MIN_WORDS, MAX_WORDS = 5, 28
# "…, ik denk, …": a first person aside that a third person cannot carry
_ASIDE = re.compile(r",\s*(?:(?:ik|we|wij)\s+\w+|\w+\s+(?:ik|we|wij))\s*,", re.IGNORECASE)
# first words that are lower case after a colon; any other capital may be a name
LOWER = frozenset("""de het een er men in op bij met voor na naar van uit over onder tussen zonder sinds tot
wat anders nu dan toen ook al alle elk elke ieder iedere iedereen veel weinig meer minder hier daar zo'n zulke
vorig vorige volgend volgende elk steeds vaak soms nooit altijd bijna vooral juist alleen formeel
officieel uiteindelijk inmiddels sindsdien tegenwoordig vroeger later eerst daarna ondertussen
wel niet geen één twee drie vier vijf zes tien""".split())


# "dat we", "voordat we", "wat we": the pronoun opens a subordinate clause, its finite verb is in
# the verb cluster at the clause's end ("voordat we naar het ROC gaan", "dat we elkaar niet zouden
# beconcurreren met STO-geld")
CLAUSE_OPENERS = frozenset("""dat omdat voordat zodat doordat nadat totdat zolang als wanneer terwijl of wat waar
hoe""".split())
# a plural form after these is a noun or an infinitive ("met werken", "om te maken"), not the verb
_NOT_BEFORE_VERB = frozenset("""de het een te om met van voor aan bij in op naar over door zonder tot uit""".split())
# "Wat helpt is dat …", "Wat men geleerd heeft, is dat …": a pseudo-cleft, no question and no referent lost
_PSEUDO_CLEFT = re.compile(r"(?i)^wat\s+(?:[\w'’-]+\s+){0,4}?(?:is|was)\s+(?:dat|om)\b")


def _verb_at_clause_end(toks: list[str], i: int, table: dict[str, str]) -> int | None:
    """The finite verb of the subordinate clause the pronoun at ``i`` opens ("voordat we naar het
    ROC gaan"): the first form of ``table`` after it in its clause, not after an article, a
    preposition or "te"; None where the pronoun opens no such clause or no form is found."""
    if i == 0 or toks[i - 1].lower() not in CLAUSE_OPENERS:
        return None
    for j in range(i + 1, len(toks)):
        low = toks[j].lower()
        if low in (",", ";", ":") or low in CLAUSE_OPENERS or low in ("en", "maar", "we", "wij", "ik", "je"):
            return None  # the clause ends before its verb was found: a nested clause, not retold
        if toks[j - 1].lower() in _NOT_BEFORE_VERB:
            continue
        if _finite(low, table) is not None:
            return j
    return None


def _is_finite(w: str) -> bool:
    return w in FINITE or w in PLURAL or w in SINGULAR or w in ("ik", "we", "wij", "je") or bool(_FINITE_RE.match(w))


def _main_clause(s: str) -> bool:
    """Whether the sentence has a finite verb outside a subordinate clause, and each clause
    after a comma that opens with "dat", "die", "waar" … has one of its own ("…, dat
    Techniekpact Westmonde" is a fragment)."""
    clauses = [c.split() for c in re.split(r"[,;]", s.lower()) if c.split()]
    found = False
    for words in clauses:
        sub = words[0] in SUBORDINATE
        for w in words:
            if w in SUBORDINATE:
                sub = True
            elif _is_finite(w):
                found = found or not sub
                break
        else:
            if words[0] in SUBORDINATE:
                return False
    return found


def _demonstrative(s: str) -> bool:
    """Whether "die"/"dat" points back ("die hefboom niet"): as a relative pronoun or a
    conjunction its clause has a finite verb of its own; as a demonstrative it has none."""
    for clause in re.split(r"[,;]", s.lower()):
        words = clause.split()
        for i, w in enumerate(words):
            if w in ("die", "dat") and i > 0 and not any(_is_finite(x) for x in words[i + 1:]):
                return True
    return False


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def _join(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if out and not re.fullmatch(r"[,.;:!?)…]", t) and not out.endswith("("):
            out += " "
        out += t
    return out


def _finite(word: str, table: dict[str, str]) -> str | None:
    w = word.lower()
    if w in table:
        return table[w]
    if table is PLURAL and w.endswith("eren") and len(w) > 6:  # investeren -> investeert
        return w[:-4] + "eert"
    return None


def third_person(sentence: str) -> str | None:
    """The sentence retold with "men" for the speaker, or None where that is not safe."""
    s = " ".join(sentence.replace("…", " ").split())
    s = _DROP.sub(" ", s)
    s = " ".join(s.split()).strip(" ,;")
    if not s or "?" in s or "!" in s or any(q in s for q in "\"“”„‘’«»") or ":" in s or ";" in s or "(" in s:
        return None
    s = s.rstrip(".!")
    if re.search(r"[.!]\s+\S", s):  # two sentences: the second leans on the first ("Dat heeft men zo verdeeld")
        return None
    answer = _ANSWER.match(s + ".")
    if answer and any(_is_finite(w) for w in re.findall(r"\w+", answer.group(0).lower())[:-1]):
        answer = None  # "je durft het niet, …" is a clause of its own, not an answer
    cleft = _PSEUDO_CLEFT.match(s)  # its "is dat" joins two clauses: no "dat" as a subject
    if _ASIDE.search(s) or _CLAUSE_DEM.search(s) or _TAIL.search(s) or answer \
            or _INVERTED.search(s, cleft.end() if cleft else 0):
        return None
    if "…" in sentence.strip().lstrip("…") or "..." in s:  # a dropped filler mid-sentence: the speaker broke off
        return None
    toks = _tokens(s)
    words = [t for t in toks if t[0].isalnum()]
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if (words[0].lower() in DANGLING and not cleft) or words[0].lower() in EXCLAIM \
            or any(w.lower() in UNSAFE | {"ja", "nee"} for w in words):
        return None
    if any(w.lower() in ("hun", "haar") for w in words[:2]):  # "hun leerlingen …": whose?
        return None
    if words[-1].lower() in ("dat", "dit", "die", "zo"):  # "… vond men dat": the referent is gone
        return None
    if _COUNTED.match(s) or _IT_BACK.search(s) or _ORDINAL.search(s):
        return None  # "twee zijn er vertrokken" (two of what?), "men merkt het" (what?), "de tweede machine"
    if _MY_PLACE.search(s):
        return None  # "ik zit namens alle vier de besturen in …": one person's place, not the region's
    if _POINTS_BACK.search(s):
        return None  # "in die periode", "op dat moment": which?
    if _COME.search(s) and not _WHERE_TO.search(s):
        return None  # "alle groepen zeven en acht komen twee keer per jaar": where to? (the sentence before said)
    if _demonstrative(s) or re.search(r"\b(?:los daarvan|daarnaast|bovendien|ook daar)\b", s, re.IGNORECASE):
        return None  # "als onderwijs die hefboom", "los daarvan": what it points back to is gone
    if not _main_clause(s):
        return None  # a fragment ("een neutrale plek, van niemand, waar de basisscholen naartoe kunnen")
    if "," in toks[1:3]:  # "Formeel wel, …", "Kwaliteit, …": the answer to a question not retold
        return None
    out = list(toks)
    for i, t in enumerate(toks):
        low = t.lower()
        if low in ("we", "wij", "ik", "je"):
            table = SINGULAR if low == "ik" else GENERIC if low == "je" else PLURAL
            done = False
            for j in (i + 1, i - 1):  # subject first ("we hebben") or inverted ("hebben we")
                if 0 <= j < len(toks):
                    form = _finite(toks[j], table)
                    if form is None and low == "je" and toks[j][:1].isalpha() and toks[j].lower().endswith("t"):
                        form = toks[j].lower()  # "je merkt": already the third person
                    if form is not None:
                        out[j] = form if toks[j][:1].islower() or j > 0 else form.capitalize()
                        done = True
                        break
            if not done and low in ("we", "wij"):  # "dat ik namens iedereen zou gaan" is one person's
                j = _verb_at_clause_end(toks, i, table)
                if j is not None:
                    out[j] = _finite(toks[j], table)
                    done = True
            if not done:
                return None
            out[i] = "men"
    # the speaker's "hier" is her region; in the chapter's voice it is "daar" ("de installatiebedrijven daar")
    out = [("daar" if t == "hier" else "Daar" if t == "Hier" else t) for t in out]
    text = _join(out)
    if not text:
        return None
    if re.search(r"\bheeft\b.*\bgeweest\b", text) and not re.search(r"\bis\b", text):
        return None  # "men heeft veel tijd kwijt geweest": the speaker's slip in the report's voice
    if re.match(r"(?i)men (?:denkt|dacht)\b", text):
        return None  # "men denkt dat er nog techniek gegeven wordt" reads as a belief, not a finding
    first, *rest = text.split()
    nxt = rest[0] if rest else ""
    if first == "Eén":
        text = "één" + text[3:]
    elif first.lower() in LOWER and not (first.lower() in ("de", "het", "een") and nxt[:1].isupper()):
        # after a colon, lower case; a name keeps its capital ("Kottink zoekt", "De Klerk zoekt")
        text = text[0].lower() + text[1:]
    elif first[:1].isupper() and not (nxt.lower() in FINITE or nxt[:1].isupper()):
        return None  # "Eerlijk gezegd …": a capital after the colon that is no name as the subject
    return text + "."
