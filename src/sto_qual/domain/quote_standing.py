"""Whether a quote stands on its own (DOMAIN.md: "A quote must stand on its own").

A passage lacks the referent of its opening words (``opens_without_referent``; the caller
extends it to the previous sentence of the same turn, or leaves it out) when

1. its first word points back: a connective or pronoun ("Ja,", "Maar", "Die", "Al is het …",
   "Ongeveer de helft …", "Alleen het bedrijfsleven …"; ``LOST_REFERENT_OPENERS``);
2. it opens mid-sentence (a lowercase first letter: "…het ministerie denkt …"), except words
   always written lowercase ("vmbo", "mbo", "po" …);
3. its first clause is an elliptic answer of at most five words ending in "wel", "niet",
   "ook" … ("Op papier wel.", "Binnen de stuurgroep wel, …"), or its first sentence one that
   ends in "ja" or "nee" ("Met andere eilandregio's, ja.");
4. it opens with "Het/Dat is …" and that sentence has at most four words ("Het is neutraal."), or
   with "Het is een …" and no clause follows for the "het" to stand for ("Het is een plek die van
   niemand is"; not "Het is een probleem dat …");
5. a demonstrative "dat"/"dit" stands in for a thing among the first four words (after "Wat mij betreft", among
   the four after it: "Wat mij betreft mag dat wat minder"): it is not
   introduced by a verb of saying or thinking (or an "er-/daar-" word) and not followed by a
   subject ("Als dat zo doorgaat", "Bij ons duurt dat vier jaar"; not "Ik denk dat we …" or
   "Het geld dat we krijgen …"), or a sentence opening with a preposition has "is dat" ("Voor
   mij is dat de kwaliteit");
6. it opens with a short answer ("Klopt.", "Vervelend, natuurlijk.", "Ik denk het
   docententekort.", "De hub, denk ik.": a topic named with a verb of thinking, the question not quoted) or with
   an aside before one ("Mag ik eerlijk zijn? Op papier wel."; a real question, "Heeft het vmbo
   de regierol?", is the referent);
7. it is a single sentence of at most three words ("Frustrerend.", "Slecht, eerlijk gezegd."),
   or it compares with what was said before ("Bij ons hetzelfde …", "Minder dan aan de
   personeelskant.", "Voor docenten is het anders.", "Twee zijn er inmiddels vertrokken": a
   number of what?);
8. a "dat" after a verb of thinking is no clause but the thing itself ("Ik vond dat eerlijk
   gezegd heel vervelend");
9. its first sentence has a demonstrative right after a subject pronoun ("of we dat kunnen
   volhouden": what?; "Als we daar de techniek sluiten": where?), not a conjunction ("Soms
   zeggen we dat het niet kan"); 10. it refers to the conversation ("Zoals gezegd, …", "ik denk
   dat [penvoerder] het al gezegd heeft");
11. a preposition in its first words is followed by a pointing "die"/"dat" ("Ik heb in die
   periode …", "op dat moment", "in dat geval"): which period, moment, case?
12. a frame of saying before a colon is followed by a pronoun ("Ik zou zeggen: het is verschoven"): the frame
   introduces nothing it could point to;
13. an "het" stands for a thing said before: after an opening of up to five words and the verb ("Eerlijk gezegd
   is het vooral PR", "Voor ons, in de dorpen, is het echt …": what is?), not as the dummy subject of a clause that
   follows ("… is het vooral belangrijk dat …"), or after "wat" ("Wat het zo goed maakt, is …": what makes what?).
14. a third-person pronoun is among its first three words ("Vroeger gingen ze naar het ROC": who?);
15. a pointing "die"/"deze" follows a verb among its first words ("In de praktijk geldt die regie …": which?);
16. a pointing "die"/"dat" is the subject right after the "dat" of a verb of thinking ("Ik denk dat die is
   toegenomen": what has?; "… dat het ook komt doordat …": what does?); and a sentence opening with a preposition
   has "is dat" among its first eight words ("Met zo'n grote regio is dat echt het lastigste"); a "hen" among its
   first four words ("Wij zijn voor hen …": for whom?) is rule 14's; 17. a partitive "er … van" in its first
   sentence ("hadden we er één van moeten sluiten": one of what?); 18. an opening clause of "als", "toen",
   "zodra", … has a pointing "die"/"deze" as its subject ("Als die dicht gaat, moeten kinderen …": if what
   closes?; not "Als die school dichtgaat"); 19. its first sentence only takes up what another speaker said
   ("Ik ben het daar mee eens.", "Ik wil daar wel iets aan toevoegen."): ``standing`` quotes from the next one;
   20. a pointing "daarom", "daardoor", … among its first words after the subject ("Wij hebben daarom …": why?).
A quote that breaks off on a dash (``trails_off``) is not used either. Two milder cases
(``verbless``, ``leans_on_previous``) are extended to a neighbouring sentence where possible.

The rule is deliberately wary: a usable passage wrongly taken for one without referent is
extended or left out, never printed half understood.

Stdlib only; the selection of quotes (``domain.quote_selection``) uses these rules.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sto_qual.domain.reported_speech import FINITE, GENERIC, PLURAL, SINGULAR

_FIRST_WORD = re.compile(r"^[\s“\"‘'(—–-]*([^\s,.;:!?…]+)")

# Opening words that point back to something the reader of a lone quote does not have.
LOST_REFERENT_OPENERS = frozenset({
    "ja", "nee", "nou", "maar", "en", "of", "want", "dus", "omdat", "toen", "dan", "ook", "zo",
    "die", "dat", "dit", "deze", "daar", "daarom", "daardoor", "daarvoor", "daarmee", "daarin", "daarna",
    "hierdoor", "hiervoor", "hij", "zij", "ze", "inderdaad", "precies", "klopt", "eh", "ehm", "hè",
    "ah", "oh", "o", "tja", "ach",  # "Ah ja. …", "Oh, …", "Tja, …": a reaction to what was just said
    "al", "ongeveer", "hetzelfde", "zoiets", "zelfde", "wel", "niet",
    # "Alleen het bedrijfsleven werd zenuwachtig": only they, against what was said before
    # (there: "voor ons had het weinig gevolgen"); "Bovendien …": besides what?
    "alleen", "bovendien",
    # "Daarnaast organiseren we bedrijfsbezoeken …", "Verder …", "Tegelijk …": besides or after what?
    "daarnaast", "verder", "tevens", "tegelijk", "tegelijkertijd", "anderzijds", "enerzijds", "overigens",
    # "Plus: het bedrag is niet geïndexeerd", "Trouwens, …": added to what was just said
    "plus", "trouwens",
})
# a reserve about what was said before, as its own word: "Hoewel, …" (not the clause "Hoewel het …
# op is, …", which carries its own subject), "Althans, …", "Tenminste, …"
_MIND_YOU = re.compile(r"(?i)(?:hoewel|althans|tenminste|alhoewel)\s*[,:]")
# words a Dutch sentence may open with in lowercase
_LOWER_OPENERS = frozenset({"vmbo", "mbo", "po", "hbo", "havo", "vwo", "vo", "'s", "'t", "m&t", "e&o", "d&p",
                            "z&w", "sto", "techlab"})
_ELLIPTIC_ENDS = frozenset({"wel", "niet", "ook", "nog", "juist", "hoor", "zeker", "soms", "deels", "grotendeels",
                            "gedeeltelijk", "absoluut", "nauwelijks"})
# verbs and words after which "dat" opens a clause instead of standing for a thing
_DAT_CLAUSE = frozenset("""
denk denken dacht zeg zeggen zei gezegd vind vinden vond weet weten wist merk merken gemerkt zie zien zag
gezien hoop geloof verwacht blijkt betekent is was zijn waren afgesproken besloten bedoel snap begrijp hoor
voel wil willen zorgen zorg zo zodanig behalve zonder tot na voordat ervoor omdat nu opdat zegt vindt ziet merkt
denkt hoopt gelooft
""".split())
_SUBJECTS = frozenset("""we wij ik je jij ze zij het er men hij u jullie de een die dat dit ons onze mijn hun
iedereen niemand alle elke ieder veel sommige scholen leerlingen bedrijven besturen""".split())
_TOKEN = re.compile(r"[\w'&\[\]-]+")


def first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=8192)  # a chapter asks it of each candidate passage again for every point
def opens_without_referent(text: str) -> bool:
    """The passage lacks the referent of its opening words (the cases in the module's
    docstring)."""
    if first_word(text) in LOST_REFERENT_OPENERS:
        return True
    t = text.lstrip(" \t\n“\"‘'(—–-")
    if _MIND_YOU.match(t):
        return True  # "Hoewel, aan tafel zitten is iets anders …", "Althans, …": a reserve about what was said
    if _SAID_THEN_PRONOUN.match(t):
        return True  # 12: "Ik zou zeggen: het is verschoven": what is?
    if praises_what_was_named(t):
        return True  # 13: "Wat het zo goed maakt, …": what makes what good?
    it = _IT_AFTER_VERB.match(t)
    if it and (t[it.end():].lstrip().startswith(":")
               or not _IT_CLAUSE.search(re.split(r"(?<=[.!?])\s", t[it.end():], maxsplit=1)[0])):
        return True  # 13: "Eerlijk gezegd is het vooral PR", "Nu is het meer: …": what is? (not "… is het
        # vooral zo dat …"; a colon right after says what it is now, not what "het" is)
    head, sep, rest = _first_sentence(t)
    head_words = _TOKEN.findall(head)
    if sep and len(head_words) <= 2 and {w.lower() for w in head_words} & _SHORT_ANSWERS:
        return True  # "Vervelend, natuurlijk. Maar …", "Klopt." (but a topic, "Krimp. Dat is …", stands)
    if sep and (_NAMED_ANSWER.match(head) or (_NAMED_AFTER.search(head) and len(head_words) <= 6)):
        return True  # 6: "Ik denk het docententekort.", "De hub, denk ik.": the answer to a question not quoted
    if sep == "?" and len(head_words) <= 5 and {w.lower() for w in head_words} & {"ik", "je"} and rest.strip():
        # an aside ("Mag ik eerlijk zijn?", "Weet je wat het is?") is no referent for what follows;
        # a real question ("Heeft het vmbo de regierol?") is
        return opens_without_referent(rest)
    if not rest.strip() and 0 < len(head_words) <= 3:
        return True  # 7: "Frustrerend.", "Slecht, eerlijk gezegd." alone answer a question not quoted
    if sep and reacts_to_speaker(head):  # (``takes_up_speaker``, its first sentence already split here)
        return True  # 19: "Ik ben het daar mee eens.", "Ik wil daar wel iets aan toevoegen.": to what?
    if {w.lower() for w in head_words[1:4]} & _BECAUSE_OF_THAT:
        return True  # 20: "Wij hebben daarom de lasrobot … aangeschaft": for what reason?
    low = [w.lower() for w in head_words[:5]]
    if any(w in _COMPARED for w in low[:4]) or (low and low[0] in ("minder", "meer") and low[1:2] == ["dan"]):
        return True  # 7: "Bij ons hetzelfde", "Minder dan aan de personeelskant": compared with what?
    if low[:3] in (["het", "is", "ook"], ["het", "was", "ook"], ["dat", "is", "ook"]):
        return True  # 7: "Het is ook lastig, …": also, beside what was said before
    if "anders" in low[:5] and "dan" not in [w.lower() for w in head_words] and len(head_words) <= 6:
        return True  # 7: "Voor docenten is het anders.": other than what? (not "anders dan vroeger")
    if len(low) > 2 and low[0] in _NUMBER_OPENERS and "er" in low[1:3]:
        return True  # 7: "Twee zijn er inmiddels vertrokken"
    near = [w.lower() for w in head_words[:8]]  # "Met zo'n grote regio is dat echt het lastigste"
    if near and near[0] in _PREPOSITIONS and any(a in ("is", "was") and b in ("dat", "dit")
                                                 for a, b in zip(near[1:], near[2:])):
        return True  # "Voor mij is dat de kwaliteit …": the demonstrative is the subject
    if _THINK_THAT_IT.search(head) or _PARTITIVE.search(head):
        return True  # 16: "Ik denk dat die is toegenomen": what has grown? 17: "er één van": of what?
    if t.startswith("…"):
        return True
    if any(_AS_SAID.match(part) for part in re.split(r"(?<=[.!?])\s+", t)) or _SAID_BEFORE.search(head):
        return True  # 10: "Zoals gezegd, …", "Ik denk dat [penvoerder] het al gezegd heeft": an earlier answer
    sent = [w.lower() for w in _TOKEN.findall(head)]
    before_colon = [w.lower() for w in _TOKEN.findall(head.split(":", 1)[0])]  # after it, what it introduced
    for i in range(1, len(before_colon) - 1):  # is the referent ("… om geld: er komt een pot, hoe krijgen we daar …")
        if before_colon[i - 1] in _PRONOUNS and (before_colon[i] == "daar" or (
                before_colon[i] in ("dat", "dit") and before_colon[i + 1] not in _SUBJECTS)):
            return True  # 9: "… of we dat kunnen volhouden": a thing said before
    for i in range(1, min(len(sent) - 1, 7)):
        if sent[i - 1] in _COLON_PREPOSITIONS and (sent[i] in ("die", "diezelfde") or (
                sent[i] in ("dat", "datzelfde") and sent[i + 1] not in _SUBJECTS)):  # "zonder dat we …" stands
            return True  # 11: "Ik heb in die periode …": which period?
    for i in range(1, min(len(sent) - 1, 6)):
        if sent[i] in ("die", "deze", "diezelfde") and (sent[i - 1] in _VERB_FORMS or sent[i - 1].endswith("dt")) \
                and sent[i + 1] not in _SUBJECTS and sent[i + 1] not in _VERB_FORMS:
            return True  # 15: "In de praktijk geldt die regie alleen …": which regie?
    m = _TOKEN.match(t)
    if m and m.group(0)[:1].islower() and m.group(0).lower().split("-")[0] not in _LOWER_OPENERS:  # "[school]" passes
        return True
    clause = re.split(r"[.!?…,;:]", t, maxsplit=1)[0]
    words = [w.lower() for w in _TOKEN.findall(clause)]
    if not words:
        return False
    if len(words) <= 5 and words[-1] in _ELLIPTIC_ENDS:
        return True
    sentence = re.split(r"[.!?…]", t, maxsplit=1)[0]
    said = [w.lower() for w in _TOKEN.findall(sentence)]
    if 1 < len(said) <= 5 and said[-1] in ("ja", "nee") and "," in sentence:
        return True  # 3: "Met andere eilandregio's, ja. Die …": the yes answers a question not quoted
    if words[0] in ("het", "dat") and len(words) > 1 and words[1] in ("is", "was", "blijft", "wordt") \
            and len(_TOKEN.findall(sentence)) <= 4:
        return True
    whole = [w.lower() for w in _TOKEN.findall(sentence)]
    if whole[:3] in (["het", "is", "een"], ["het", "was", "een"]) and not set(whole[3:]) & _IT_CLAUSES:
        return True  # 4: "Het is een plek die van niemand is": what is? (not "Het is een probleem dat …")
    if whole[:1] == ["het"] and whole[1:2] in (["is"], ["was"]) and "van" in whole[2:4] and "naar" in whole:
        return True  # 4: "Het is van geld naar samen gegaan": what went? (two readers asked)
    if set(whole) & _COMPARATIVES and "dan" not in whole and len(whole) <= 8:
        return True  # 7: "Het po vind ik lastiger.": than what?
    if "ook" in whole and any(w in _COMPARED and "als" not in whole[i:] for i, w in enumerate(whole)):
        return True  # 7: "Het ROC zit ook in het RIF-project, met dezelfde bedrijven": the same as what?
    if _pointing_in_clause(whole, clause):
        return True  # 18: "Als die dicht gaat, moeten kinderen …": if what closes? (not "Als die school …")
    if len(whole) > 2 and {whole[1], whole[2]} & {"ze", "zij", "hij"} and whole[0] not in ("als", "of", "wat"):
        return True  # 14: "Vroeger gingen ze naar het ROC": who?
    if "hen" in whole[:4]:
        return True  # 14: "Wij zijn voor hen een van de vele toeleveranciers": for whom?
    framed = 3 if len(words) > 3 and words[0] == "wat" and words[2] == "betreft" else 0  # "Wat mij betreft mag dat …"
    for i, w in enumerate(words[:4 + framed]):
        if w in ("dat", "dit") and i > 0:
            before = words[i - 1]
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in _DAT_CLAUSE and after in _NO_CLAUSE and ":" not in sentence:
                return True  # 8: "Ik vond dat eerlijk gezegd heel vervelend": the thing, not a clause
                # (before a colon it points forward: "[bedrijf] zegt dat ook eerlijk: …")
            if before in _DAT_CLAUSE or re.match(r"^(?:er|daar|hier)[a-z]+$", before):
                continue
            if after in _SUBJECTS:
                continue
            return True
    return False


# the words of a short answer to a question that is not in the quote
_SHORT_ANSWERS = frozenset("""klopt precies zeker absoluut inderdaad vervelend lastig moeilijk jammer prima goed mooi
tja natuurlijk uiteraard sowieso deels soms nauwelijks weinig hoor wel niet eigenlijk""".split())
_PREPOSITIONS = frozenset("voor bij in op met naar volgens over aan uit".split())
# 16: a pointing subject right after the "dat" of a verb of thinking or saying, and its verb
_THINK_THAT_IT = re.compile(r"(?i)\b(?:denk|dacht|vind|vond|zeg|zei|weet|geloof|hoop|merk|zie)\w*\s+dat\s+"
                            r"(?:dat\s|(?:die|deze|dit)\s+(?:is|was|zijn|waren|wordt|werd|heeft|had|gaat|ging|loopt|"
                            r"liep|komt|kwam|moet|kan|zal|blijft)\b"
                            # "Ik denk dat het ook komt doordat …": what comes from it?
                            r"|het\s+(?:\w+\s+)?(?:komt|kwam|ligt|lag)\s+(?:door|doordat|aan|omdat)\b)")
# after "Het is …" the words that make "het" the dummy subject of a clause that follows
_IT_CLAUSES = frozenset("om dat of wie wat hoe waar wanneer als zodat te".split())
_COMPARED = frozenset("hetzelfde dezelfde eenzelfde".split())
# a comparative in a short first sentence without "dan" compares with what was said before
_COMPARATIVES = frozenset("""lastiger moeilijker makkelijker gemakkelijker beter slechter groter kleiner erger
belangrijker sterker zwakker duurder goedkoper sneller trager langzamer""".split())
# a frame of saying before a colon introduces nothing a pronoun after it could point to
_SAID_THEN_PRONOUN = re.compile(r"(?i)(?:ik|we|wij|je)\s+(?:zou|zouden|zeg|zeggen|zei|denk|vind)(?:\s+\w+){0,2}\s*:"
                                r"\s*(?:het|dat|die|dit|ze|zij|hij)\b")
_PRONOUNS = frozenset("we wij ik je jij ze zij men hij jullie".split())
# 6: a verb of thinking, then only a noun phrase: "Ik denk het docententekort", "Wij zouden zeggen de samenwerking"
_NAMED_ANSWER = re.compile(r"(?i)\s*(?:ik|we|wij)\s+(?:denk|denken|zou\s+zeggen|zouden\s+zeggen|noem|noemen)"
                           r"(?:\s+(?:toch|vooral|eigenlijk|dan|wel|zelf))*\s+(?:het|de|een|onze|ons|mijn)"
                           r"(?:\s+[\w&\[\]-]+){1,4}\s*$")
# 6: a topic named, then the verb of thinking after it ("De hub, denk ik.")
_NAMED_AFTER = re.compile(r"(?i),\s*(?:denk|vind)\s+(?:ik|we)(?:\s+(?:toch|zelf|eigenlijk|persoonlijk))?\s*$")
# 13: one to five words ("Voor ons, in de dorpen,"), the verb, then an "het" no noun follows but a word
# that says how it is
_IT_AFTER_VERB = re.compile(r"(?i)(?!(?:ik|we|wij|je|jij|ze|zij|men|hij|het|er)\b)(?:[\w'-]+,?\s+){1,5}"
                            r"(?:is|was|wordt|werd|blijft|bleef)\s+het\s+(?:vooral|gewoon|echt|eigenlijk|meer|"
                            r"toch|heel|best|natuurlijk|alleen|puur|vaak|altijd|nooit|ook|nog|niet|wel)\b")
# ... unless the "het" is the subject a clause after it fills ("is het vooral zaak om", "zo dat")
_IT_CLAUSE = re.compile(r"(?i)\b(?:dat|om|of|wie|wat|hoe|waar|wanneer|als)\b")
_WHAT_IT = re.compile(r"(?i)(?:wat|waardoor|waarom)\s+het\b")
_AS_SAID = re.compile(r"(?i)(?:zoals\s+(?:ik\s+|we\s+|je\s+)?(?:al\s+)?(?:gezegd|zei|zeiden|zeg|aangaf|noemde)\b"
                      r"|(?:ik|we|wij)\s+(?:noemde|noemden|zei|zeiden)\s+(?:het\s+)?(?:net|al|eerder|daarnet)\b"
                      # "we hadden het er net al over", "ik had al gezegd"; not "We hadden al besloten dat …"
                      r"|(?:ik|we|wij)\s+(?:had|hadden)\s+(?:het\s+(?:er\s+)?)?(?:net|daarnet|eerder|al)\s+"
                      r"(?:al\s+)?(?:over|gezegd|genoemd|aangegeven)\b)")
# anywhere in the first sentence: "ik denk dat Wilma het al gezegd heeft", "zoals Jan net al zei"
_SAID_BEFORE = re.compile(r"(?i)\b(?:het|dat|dit)\s+(?:net\s+|daarnet\s+|eerder\s+|ook\s+)?al\s+"
                          r"(?:gezegd|genoemd|verteld|aangegeven)\b"
                          r"|\b(?:zei|zegt|noemde|vertelde)\s+(?:het\s+)?(?:net\s+|daarnet\s+)?al\b"
                          r"|\bal\s+(?:zei|zeiden|noemde|noemden|vertelde|aangaf)\b")
_PARTITIVE = re.compile(r"(?i)\ber\s+(?:één|een|eentje|twee|drie|vier|vijf|geen)\s+van\s+(?!(?:de|het|die|deze|onze|hun)\b)\w")
_NUMBER_OPENERS = frozenset("twee drie vier vijf zes zeven acht negen tien beiden allebei".split())
# after "vond dat", "denk dat" …: words that start no clause, so the "dat" is a thing
_NO_CLAUSE = frozenset("eerlijk heel erg best zo echt wel niet ook toch altijd nooit jammer".split())
# 18: an opening subordinate clause whose subject is a pointing "die"/"deze" (a verb, a particle or the
# clause's end right after it, no noun)
_SUBORDINATORS = frozenset("als toen zodra wanneer omdat doordat zolang tenzij hoewel voordat nadat totdat".split())
_PARTICLES = frozenset("dicht weg open door op af uit mee terug niet wel nog ook al er straks dan echt gewoon zo "
                       "daar hier ooit nu eenmaal".split())


def _pointing_in_clause(whole: list[str], clause: str) -> bool:
    if len(whole) < 3 or whole[0] not in _SUBORDINATORS or whole[1] not in ("die", "deze"):
        return False
    ends = len(_TOKEN.findall(clause)) == 3  # "Zodra die stopt, …"
    return whole[2] in _PARTICLES or whole[2] in _VERB_FORMS or ends


def _first_sentence(text: str) -> tuple[str, str, str]:
    """(the first sentence without its end mark, the mark or "", the rest)."""
    m = re.search(r"[.!?](?=\s|$)", text)
    if not m:
        return text, "", ""
    return text[:m.start()], m.group(0), text[m.end():]


# 19: a sentence that only takes up what another speaker said ("Ik ben het daar mee eens.", "Ik wil daar wel iets
# aan toevoegen.", "Daar sluit ik me bij aan."); not one that says what about it ("… mee eens dat het vmbo …")
_TAKES_UP = frozenset("eens oneens toevoegen aanvullen aansluiten aanvulling".split())
_PERSONS = frozenset("ik wij we daar daarbij en ja nee nou".split())


# 20: a reason or result said before, among the first words after the subject ("Wij hebben daarom …")
_BECAUSE_OF_THAT = frozenset("daarom daardoor hierdoor hierom daarmee vandaar".split())


def takes_up_speaker(text: str) -> bool:
    """The passage's first sentence only takes up what was just said, by someone the quote does not print
    (rule 19; ``standing`` quotes from the sentence after it)."""
    head, sep, _rest = _first_sentence(text)
    return bool(sep) and reacts_to_speaker(head)


def praises_what_was_named(text: str) -> bool:
    """The passage opens on what makes the thing just named so ("Wat het zo goed maakt, …", rule 13): after a
    colleague's answer ("Het techlab. Zonder twijfel."), a reaction to her, not to the question before both."""
    return bool(_WHAT_IT.match(text.lstrip(" \t\n“\"‘'(—–-")))


def reacts_to_speaker(sentence: str) -> bool:
    """The sentence only takes up what was just said, by someone the quote does not print (rule 19)."""
    words = [w.lower() for w in _TOKEN.findall(sentence)]
    agree = {"het", "mee", "ermee", "daarmee"} & set(words)  # "ik ben het eens", not "ik wil eens iets zeggen"
    at = next((i for i, w in enumerate(words) if w in _TAKES_UP and (agree or w not in ("eens", "oneens"))
               or w == "aan" and (words[i - 1:i] == ["bij"] or "sluit" in words)), None)
    return (at is not None and 0 < len(words) <= 10 and words[0] in _PERSONS
            and not {"dat", "om", "omdat", "want", "maar"} & set(words[at + 1:]))


def trails_off(text: str) -> bool:
    """The speaker breaks off ("Als je niet weet of je baan er over een jaar nog is, ja —"):
    the quote ends on a dash, so its point is left unsaid."""
    return bool(re.search(r"[—–-]\s*[”\"’']?\s*$", text.strip()))


# finite verb forms the retelling rules know, and the subject pronouns a finite verb stands beside
_VERB_FORMS = FINITE | PLURAL.keys() | SINGULAR.keys() | GENERIC.keys()
_SUBJECT_PRONOUNS = frozenset("ik we wij je jij ze zij hij men u jullie".split())
# words with a verb's ending that are no verb (adverbs, prepositions, numbers)
_NOT_VERBS = frozenset("""echt niet nooit juist eerst best meest laatst absoluut zelfs geen tegen tussen boven
buiten binnen alleen even eigen zeven negen open""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
FRAGMENT_WORDS = 12
# "Eh, ", "Eh — ", and a "Nou, " or "Kijk, " before it ("Nou, eh — het zichtbaarste is …"); "Kijk, "
# alone too ("Kijk, de bedrijven hier …": a stopword, as the method says); "Nou, " alone may answer
_OPENING_FILLER = re.compile(r"(?i)^\s*(?:(?:(?:nou|kijk)\s*,\s*)?(?:eh|ehm|uh|uhm|euh)\s*(?:,|\s[—–-])|kijk\s*,)\s*")
_COLON_PREPOSITIONS = _PREPOSITIONS | frozenset("na naar tijdens zonder sinds binnen buiten tegenover door onder "
                                                "tussen vanuit richting".split())


def maybe_finite(word: str, plural: bool = True) -> bool:
    """The word could be a finite verb: a form the retelling rules know, a subject pronoun (a
    finite verb stands beside it: "Kleine dorpen, dan vecht je …"), or a word of four letters
    or more with a verb's ending ("daalt", "rekenen", "kostte"; without ``plural`` not "-en", the
    ending of a list's nouns: "Techniekmiddagen, …"). Generous on purpose: a sentence is taken for
    a fragment only when no word in it could be a verb."""
    w = word.lower()
    return (w in _VERB_FORMS or w in _SUBJECT_PRONOUNS
            or (len(w) >= 4 and w not in _NOT_VERBS and w.endswith(("t", "de", "te", *(("en",) if plural else ())))
                and not w.endswith("iteit")))  # "kwaliteit", "activiteit"


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")


def split_sentences(text: str) -> list[str]:
    """The sentences of a passage as a reader sees them: split after . ! ? … and whitespace,
    each stripped, empty ones left out."""
    return [x.strip() for x in _SENTENCE_BREAK.split(text.strip()) if x.strip()]


def verbless(text: str) -> bool:
    """11. Every sentence of the passage is a short fragment without a finite verb ("Het
    behoud van techniek in de regio. Echt."): the answer to a question the quote does not
    print, which names the point without saying anything about it. The substance follows in
    the same turn; the caller adds it, or leaves the passage out."""
    parts = [s for s in split_sentences(text) if s.strip(" “”\"'")]
    if not parts:
        return False
    for s in parts:
        words = _WORD.findall(re.sub(r"\[[^\]]*\]", " ", s))
        if len(words) > FRAGMENT_WORDS or any(maybe_finite(w) for w in words):
            return False
    return True


def leans_on_previous(text: str) -> bool:
    """12. The first sentence opens with a bare prepositional phrase and a colon ("In elk
    overleg: wij zijn de regiehouder …"): the sentence before says what the phrase is about
    ("We hebben het heel bewust benadrukt."). Read alone, the quote starts mid-thought. So does a
    first sentence that lists things without a verb ("Techniekmiddagen, een bezoek aan het
    praktijklokaal. Maar eerlijk: …": what are they?), not a topic ("Krimp. Dat is …")."""
    t = text.lstrip(" \t\n“\"‘'(—–-")
    first = split_sentences(t)[0] if t.strip() else ""
    items = {i.strip().lower() for i in re.split(r",|\s+en\s+", first.rstrip(".!?… ")) if i.strip()}
    if len(items) > 1 and len(first) < len(t.rstrip()) and not any(maybe_finite(w, plural=False)
                                                                    for w in _WORD.findall(first)):
        return True
    head, colon, _ = t.partition(":")
    if not colon or re.search(r"[.!?…]", head):
        return False
    words = [w.lower() for w in _TOKEN.findall(head)]
    return 2 <= len(words) <= 4 and words[0] in _COLON_PREPOSITIONS and not any(maybe_finite(w) for w in words[1:])


def opening_filler(text: str) -> str:
    """The filler the passage opens with, with its comma ("Eh, "), or "" (also when nothing follows)."""
    m = _OPENING_FILLER.match(text)
    return m.group(0) if m and m.end() < len(text.rstrip()) else ""


def after_opening_filler(text: str) -> str:
    """The passage as it reads without a filler it opens with ("Eh, we hebben …" -> "We hebben
    …"), for the rules above: a filler points back to nothing."""
    filler = opening_filler(text)
    if not filler:
        return text
    rest = text[len(filler):]
    return rest[:1].upper() + rest[1:]


# the interviewer's words printed before an appendix answer that needs them: a short stretch
