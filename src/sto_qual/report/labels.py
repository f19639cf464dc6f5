"""Report wording in Dutch (default) and English. The labels of roles, attributes and
attribute values (a project can override them with the settings ``role_labels`` and
``attribute_labels``) are in ``vocabulary``. Keys never reach the
chapter; a missing translation shows the Dutch label marked "[nl]"."""
from __future__ import annotations

from typing import Any

from sto_qual.report.labels_en import EN


LABELS = {
    "nl": {
        "method": "Methode", "themes": "Thema's", "definition": "Definitie", "quotes": "Citaten",
        "facets": "Wat de regio's noemen", "contrasts": "Verschillen tussen regio's", "figures": "Overzicht",
        "appendix": "Bijlage: citatentabel", "memos": "Bijlage: memo's van de codeurs",
        "codebook": "Bijlage: definities uit het codeboek", "codebook_intro": "",
        # the method points to the appendices (a reader of the body did not know they were there)
        "quotes_part": " (alleen de interviews {cond})", "quotes_chosen": " (alleen de {n} gekozen interviews)",
        "quotes_chosen_one": " (alleen het ene gekozen interview)",
        "m_appendices": " In de bijlagen staan {parts}.", "m_appendix_defs": "de definities van de codes ({title})",
        "m_appendix_starred": "de andere citaten die de onderzoekers kozen ({title})",
        "m_appendix_all": "de andere gecodeerde passages ({title})",
        "quotes_coded": "gecodeerde", "quotes_starred": "met een ster gemarkeerde",
        "quotes_intro": "Alle {n} {which} passages{part}, elk één keer, geanonimiseerd en met de rol van de spreker; "
                        "het hoofdstuk kiest er een paar uit. ‘…’ geeft aan waar een citaat midden in een zin begint of "
                        "ophoudt.", "quotes_inside": " Nog {k} vallen binnen een langere passage onder hetzelfde kopje "
                        "en staan daarin.",
        "quotes_unnamed_role": "‘Een geïnterviewde’: de rol van de spreker komt in minder dan drie van deze "
                               "interviews voor.",
        "quotes_unnamed_group": "‘Een geïnterviewde’: het citaat noemt een type regio waarvan er minder dan drie "
                                "zijn.",
        "quotes_places": {  # where the chapter puts a starred passage (``domain.quote_picking.CHAPTER_PLACES``)
            "text": "In het hoofdstuk: geciteerd in de tekst.",
            "example": "In het hoofdstuk: in de tekst naverteld als voorbeeld (niet geciteerd, niet in de bijlage).",
            "appendix": "In het hoofdstuk: in de bijlage.",
            "context": "Niet in het hoofdstuk: zonder de zin ervoor niet te begrijpen.",
            "repeat": "Niet in het hoofdstuk: herhaalt een citaat uit de tekst uit hetzelfde interview.",
            "question": "Niet in het hoofdstuk: alleen de interviewer spreekt.",
            "left": "Niet in het hoofdstuk: het punt waar het bij hoort is weggelaten.",
            "none": "Niet in het hoofdstuk."},
        "quotes_none": "Er zijn (nog) geen {which} passages met deze code{part}.",
        "quotes_also": "Ook gecodeerd als {codes}; daar staat een verwijzing naar dit citaat.",
        "quotes_see": "Ook met deze code gecodeerd, en opgenomen onder ‘{heading}’: “{opening} …” {by}.",
        "quotes_inside_one": " Nog één valt binnen een langere passage onder "
                        "hetzelfde kopje en staat daarin.",
        "title": "De stuurgroepen aan het woord",
        # what the appendix leaves out, as a rule the reader can follow (how many is the tool's business)
        "left_out": "Weggelaten zijn {parts}.", "left_out_one": "Weggelaten zijn {parts}.", "plural_s": "s",
        "left_lost": "uitspraken die zonder de zin ervoor niet te begrijpen zijn", "left_lost_verb": ("", ""),
        "left_same": "uitspraken die vrijwel herhalen wat al in de tekst of eerder in deze tabel staat",
        "left_same_starred": "uitspraken die vrijwel herhalen wat de tekst al uit hetzelfde interview citeert of navertelt",
        "left_same_starred_verb": ("", ""),
        "left_same_verb": ("", ""),
        "theme_remarks": "Overige opmerkingen",
        "table_small": "Niet in een eigen kolom: {groups}; groepen van minder dan {n} interviews zijn te klein om "
                       "te vergelijken en kunnen naar één regio wijzen. Ze tellen mee in de kolom ‘{col}’.",
        "table_small_ref": "Kleine groepen tellen alleen mee in ‘{col}’ (zie de noot bij tabel {n}).",
        "m_no_table": " Er zijn geen tabellen naar {attr}, want elke groep telt minder dan {n} interviews: "
                      "{groups}. Dat is te weinig om te vergelijken, en zo'n kleine groep kan naar één regio wijzen.",
        "table_groups": "Tabel {n}. {title}: onderwerpen naar {attr} (aandeel in woorden, met het aantal regio's).",
        "table_plain": "Tabel {n}. {title}: onderwerpen (aandeel in woorden, met het aantal regio's).",
        "with_counts": ", met het aantal regio's",
        "table_flat": "Tabel {n}. {title} naar {attr} (aandeel in woorden, met het aantal regio's).", "col_theme": "Thema",
        "col_subcode": "Onderwerp", "col_all": "alle regio's", "col_wording": "frequentie",
        "theme_all": "Dit thema komt in alle regio's aan de orde.",
        "theme_some": "Dit thema komt {phrase}{count} aan de orde.",
        "theme_none": "Dit thema komt in geen van de regio's aan de orde.",
        "point": "Dit komt {phrase} aan de orde.",
        "point_all": "Dit komt in alle regio's aan de orde.",
        "point_again": "Zoals gezegd komt dit {phrase} aan de orde.",
        "point_again_topic": "Zoals gezegd noemt men {phrase} {topic}.",
        "concept": "Concept: deze samenvatting is automatisch opgesteld uit de coderingen en nog niet door een "
                   "onderzoeker nagelezen.",
        "outdated": "Let op: de coderingen of de interviews zijn gewijzigd sinds deze samenvatting is nagelezen.",
        "concept_partly": "Deze samenvatting is deels nagelezen: de gemarkeerde zinnen zijn automatisch "
                          "opgesteld en nog niet nagelezen.",
        "concept_stale": "Deze samenvatting is deels nagelezen: de grijs gemarkeerde zinnen zijn automatisch "
                         "opgesteld en nog niet nagelezen; onder de geel gemarkeerde zinnen zijn de coderingen of de "
                         "interviews gewijzigd sinds ze werden nagelezen (wat ze zeggen, zoals een aantal, kan "
                         "verouderd zijn).",
        "contrasts_draft": "De gemarkeerde zinnen onder ‘Verschillen tussen regio's’ zijn automatisch opgesteld en "
                           "nog niet nagelezen.",
        "stale_only": "Let op: onder de geel gemarkeerde zinnen zijn de coderingen of de interviews gewijzigd "
                      "sinds ze werden nagelezen; wat ze zeggen, zoals een aantal, kan verouderd zijn.",
        "nl_reviewed_only": "",
        "unit_sg": "regio", "unit_pl": "regio's", "no_quotes": "Er zijn geen passages met dit thema gecodeerd.",
        "respondent": "stuurgroeplid", "a": "een", "region": "regio", "someone_in": "geïnterviewde", "a_someone": "een", "interviewee": "geïnterviewde",
        "sub_roles": ": interviews met een {roles} aan tafel", "sub_part": ": een deel van de interviews",
        "sub_internal": " (interne versie: de citaten noemen hun regio, niet voor publicatie)", "turn": "beurt", "chars": "tekens",
        "theme_general": "Algemeen",
        "appendix_intro_all": "Deze bijlage bevat alle fragmenten uit de interviews die de onderzoekers bij een thema "
                              "hebben ingedeeld en die niet al in de tekst zijn geciteerd, per thema en subcode. Een "
                              "fragment dat twee onderzoekers allebei hebben ingedeeld, staat er één keer in.",
        "appendix_intro_starred": "Deze bijlage bevat de citaten die de onderzoekers uit de interviews hebben "
                                  "geselecteerd en die niet al in de tekst staan, per thema en subcode.",
        "appendix_intro_all_one": "Deze bijlage bevat alle fragmenten uit de interviews die de onderzoeker bij een "
                                  "thema heeft ingedeeld en die niet al in de tekst zijn geciteerd, per thema en subcode.",
        "appendix_intro_starred_one": "Deze bijlage bevat de citaten die de onderzoeker uit de interviews heeft "
                                      "geselecteerd en die niet al in de tekst staan, per thema en subcode.",
        "appendix_asked": "Op de vraag ‘{q}’: ", "appendix_after": "Op de opmerking van de interviewer ‘{q}’: ",
        "appendix_questions": "Waar een citaat zonder de vraag of opmerking van de interviewer niet te begrijpen "
                              "is (een antwoord als ‘Ja, maar …’), staat die ervoor.",
        "appendix_roles_only": "Om de geïnterviewden niet herkenbaar te maken, staat bij elk citaat alleen de rol van "
                               "de spreker, niet de regio.",
        "appendix_internal": "Deze versie noemt bij elk citaat de regio en is alleen voor intern gebruik.",
        # the method, when quotes of the text are credited so: the body said "— een geïnterviewde" unexplained
        "m_rare_roles": " Bij een citaat staat de rol van de spreker, behalve waar die rol in minder dan drie van de "
                        "interviews spreekt en zo naar één persoon zou wijzen: daar staat ‘een geïnterviewde’.",
        "appendix_rare_role": "Een rol die in minder dan drie van de interviews spreekt, en een rol naast een citaat "
                              "dat zelf een type regio noemt waarvan er minder dan drie zijn, zou naar één persoon "
                              "wijzen: daar staat ‘geïnterviewde’.",
        "appendix_cols": ("Thema", "Onderwerp", "Regio", "Rol", "Citaat", "Verwijzing"),
        "decimal": ",", "between": "tussen {a} en {b}", "and": "en",
        "m_intro": "Dit hoofdstuk is gebaseerd op {n} {interviews}{length} met leden van de stuurgroepen{leaders} "
                   "in {regions}{held}. {sample}",
        "m_held": ", gehouden {period}", "m_length": " van {length}", "m_roles": "Aan tafel zaten onder meer {roles}. ",
        "m_roles_all": "Aan tafel zaten {roles}. ",  # every speaker's role known: the list is whole
        "m_coded": "De transcripten zijn gecodeerd met een codeboek van {themes}{subs}. "
                   "De eenheid van tellen is het interview (de regio), niet het aantal gecodeerde passages. ",
        "m_theme_sg": "één thema", "m_theme_pl": "{n} thema's",
        "m_chosen": "De transcripten zijn gecodeerd met een codeboek van {themes}{subs}; dit hoofdstuk "
                    "bespreekt er {n}. De eenheid van tellen is het interview (de regio), niet het aantal gecodeerde "
                    "passages. ",
        # who coded, as a report says it: researchers in the order the sentence names them
        "m_one": "Eén onderzoeker codeerde {docs}", "m_docs_all": "alle interviews", "m_docs_one": "het interview",
        "m_docs_all_n": "alle {n} de interviews", "m_docs_both": "beide interviews",
        "m_docs_some": "{n} van de {total} interviews", "m_over_all": "; de aantallen gaan over alle {total} de interviews",
        "m_over_both": "; de aantallen gaan over beide interviews",
        "m_indep": " onafhankelijk",  # left out of the m_second_ sentences when a coder looked (``m_saw_one``)
        "m_saw_one": "De {nth} onderzoeker zag de codering van de {other} al voordat het coderen klaar was en codeerde "
                     "of wijzigde daarna nog {n}, zodat de overeenstemming hoger kan uitvallen dan bij onafhankelijke "
                     "codering. ",
        "m_saw_both": "Beide onderzoekers zagen de codering van de ander al voordat het coderen klaar was, zodat de "
                      "overeenstemming hoger kan uitvallen dan bij onafhankelijke codering. ",
        "m_second_check": "; een tweede codeerde er {nd} onafhankelijk{check}",
        "m_second_all": "; een tweede codeerde ze ook allemaal, onafhankelijk{check}",
        "m_second_both_all": "; een tweede codeerde ze ook allebei, onafhankelijk{check}",
        "m_second_one": "; een tweede codeerde het ook, onafhankelijk{check}",
        "m_second_project": "; een tweede codeerde in het hele onderzoek {nd} interviews onafhankelijk{check}",
        "m_second_docs": "; een tweede codeerde {docs}", "m_second_both": ", waarvan {nd} dezelfde",
        "m_check": " ter controle",
        "m_count_first": "Geteld is de codering van de {nth}{over}. ",
        "m_count_rest_both": "Dat geldt voor de {nd} interviews die beiden codeerden; ",
        "m_count_rest_both_one": "Dat geldt voor het interview dat beiden codeerden; ",
        "m_count_rest": "in de andere {n}, die alleen de {nth} codeerde, is diens codering geteld. ",
        "m_count_rest_one": "in het andere interview, dat alleen de {nth} codeerde, is diens codering geteld. ",
        "m_count_third": "Geteld is de codering van een derde onderzoeker, die {docs} codeerde{over}. ",
        "m_count_one": "Geteld is de codering van één onderzoeker. ",
        "m_count_agreed": "Geteld is de codering waarover beiden na bespreking van hun verschillen overeenstemming "
                          "bereikten{over}. ",
        "m_count_agreed_two": "Geteld is de codering waarover de eerste twee na bespreking van hun verschillen "
                              "overeenstemming bereikten{over}. ",
        # while places are still open: not yet "overeenstemming bereikten" (a reviewer read it beside "Op de
        # andere acht plaatsen telt nog de codering zoals die begon")
        "m_count_agreeing": "Geteld is de gezamenlijke codering die beiden opstellen door hun verschillen te "
                            "bespreken{over}. ",
        "m_count_agreeing_two": "Geteld is de gezamenlijke codering die de eerste twee opstellen door hun "
                                "verschillen te bespreken{over}. ",
        "m_agreed_before": "Die overeenstemming is gemeten vóór die bespreking. ",
        "m_agreed_places": "Zij verschilden op {total} plaatsen (een passage die de een wel en de ander niet met "
                           "een bepaalde code codeerde); over elk daarvan is na bespreking besloten. ",
        "m_agreed_places_moved": "Zij verschilden toen op {then} plaatsen (een passage die de een wel en de ander "
                                 "niet met een bepaalde code codeerde); door latere wijzigingen in hun codering "
                                 "zijn dat er nu {total}, en over elk daarvan is na bespreking besloten. ",
        "m_agreed_places_open": "Zij verschilden op {total} plaatsen (een passage die de een wel en de ander niet "
                                "met een bepaalde code codeerde); over {done} daarvan is na bespreking besloten. Op "
                                "{rest} telt nog {start}. ",
        "m_agreed_places_open_moved": "Zij verschilden toen op {then} plaatsen (een passage die de een wel en de "
                                      "ander niet met een bepaalde code codeerde); door latere wijzigingen in hun "
                                      "codering zijn dat er nu {total}. Over {done} daarvan is na bespreking "
                                      "besloten. Op {rest} telt nog {start}. ",
        "m_rest_one": "de andere plaats", "m_rest": "de andere {open} plaatsen",
        "m_places_of": " plaatsen (", "m_places_all": " plaatsen in alle {nd} dubbel gecodeerde interviews (",
        "m_start_both": "de codering zoals die begon: wat beiden met dezelfde code codeerden, in de afbakening "
                        "van de eerste onderzoeker; de aantallen zijn daarom nog een ondergrens",
        "m_start_one": "de codering van de {nth}",
        # a floor until the two have settled their differences (a writer read "een deel (2 van 6)" as found)
        "m_count_both": "Geteld is wat beiden met dezelfde code codeerden{over}. Zolang hun verschillen niet besproken "
                        "zijn, zijn de aantallen daarom een ondergrens. ",
        "m_count_both_two": "Geteld is wat de eerste twee met dezelfde code codeerden{over}. Zolang hun verschillen "
                            "niet besproken zijn, zijn de aantallen daarom een ondergrens. ",
        "m_count_union": "Geteld is de samenvoeging van beider codering: een thema telt in een regio mee als ten "
                         "minste één van beiden het daar heeft gecodeerd. ",
        "m_count_union_n": "Geteld is de samenvoeging van de codering van de {n} onderzoekers: een thema telt in "
                           "een regio mee als ten minste één van hen het daar heeft gecodeerd. ",
        "m_more_one": "Nog één andere onderzoeker codeerde er {n}. ",
        "m_more_single": "Nog één andere onderzoeker codeerde alleen één passage. ",
        "m_more_few_n": "Nog {n} andere onderzoekers codeerden alleen enkele passages ({k} in totaal). ",
        "m_also_few": "Daarnaast codeerden nog {n} onderzoekers alleen enkele passages ({k} in totaal). ",
        "m_also_few_one": "Daarnaast codeerde nog één onderzoeker alleen enkele passages ({k} in totaal). ",
        "m_more_few": "Nog één andere onderzoeker codeerde in {n} {unit} alleen enkele passages ({k} in totaal). ",
        "m_more": "Nog {n} andere onderzoekers codeerden een deel van de interviews. ",
        "m_agreement": "De overeenstemming tussen {between} op zinsniveau (Krippendorffs alfa, over alle codes, "
                       "gemeten op de {nd} interviews {coded}) is {alpha}: {reading}. ",
        "m_agreement_project": "De overeenstemming tussen {between} op zinsniveau (Krippendorffs alfa, over alle "
                               "codes, gemeten op de {nd} interviews {coded}) is {alpha}: {reading}. ",
        "m_subs_all": " en hun subcodes", "m_subs_some": ", {k} daarvan met subcodes",
        "m_coded_twice": "die twee keer zijn gecodeerd", "m_coded_both": "die zij allebei codeerden",
        "m_coded_twice_project": "die in het hele onderzoek twee keer zijn gecodeerd",
        "m_coded_both_project": "die zij in het hele onderzoek allebei codeerden",
        "m_both": "beiden", "m_first_two": "de eerste twee",
        "m_alpha_good": "volgens de gangbare norm betrouwbaar (vanaf {good})",
        "m_alpha_fair": "volgens de gangbare norm voldoende voor voorzichtige conclusies (betrouwbaar vanaf {good})",
        "m_alpha_poor": "volgens de gangbare norm onvoldoende (voorzichtige conclusies vragen ten minste {fair})",
        "m_where_chosen": "Het gaat alleen om de {n} interviews (van de {total}) die voor dit hoofdstuk zijn "
                          "gekozen; alle aantallen gaan over deze interviews. ",
        "m_where_coder": "Het gaat alleen om de {n} interviews (van de {total}) die zijn gecodeerd door de "
                         "onderzoeker van wie de codering hier telt; alle aantallen gaan over deze interviews. ",
        "m_where_agreed": "Het gaat alleen om de {n} interviews (van de {total}) die beide onderzoekers codeerden; "
                          "alle aantallen gaan over deze interviews. ",
        "m_where": "Het gaat alleen om de {n} interviews (van de {total}) {cond}; alle aantallen gaan "
                   "over deze interviews. ",
        "m_where_role": "Het gaat alleen om de {n} interviews (van de {total}) waarin {roles} aan tafel zat; "
                        "alle aantallen gaan over deze interviews. ",
        "a_role": "een {role}", "or": "of",
        "m_where_group": "Het gaat alleen om de {n} interviews in {group} (van de {total}); alle aantallen in de "
                         "tekst gaan over deze interviews. ",
        "m_tables_beside": "De tabellen zetten deze aantallen naast die van alle regio's. ",
        "col_these": "regio's in dit hoofdstuk",
        "m_words": "Hoe vaak iets voorkomt, staat in woorden, naar het aandeel van de interviews: {ladder}{numbers}. ",
        # the ladder's pieces: "vrijwel alle (85 procent of meer)", "een deel (30 tot 50 procent)"
        "w_pct": "{x} procent", "w_from": "{lo} of meer", "w_range": "{lo} tot {hi}", "w_below": "minder dan {hi}",
        "w_upto": "tot {hi}", "w_over_half": "meer dan de helft", "w_at_most_three": "ten hoogste drie",
        "w_two_thirds": "twee derde", "w_third": "een derde", "w_one": "een enkele (één regio)", "w_all": "alle",
        "w_none": "geen",
        "m_numbers": "; het exacte aantal staat tussen haakjes waar het woord het niet al zegt",
        "m_quotes": "Citaten zijn letterlijk en geanonimiseerd: {names} zijn "
                    "vervangen{tidy}. Weglatingen zijn aangegeven met ‘…’: waar een citaat midden in een zin begint "
                    "of ophoudt, en waar een stopwoord aan het begin is weggelaten.",
        "m_tidy": ", en stopwoorden als ‘eh’ zijn weggelaten",
        "m_not_yet": "Concept: de anonimisering is nog niet af. De tekst noemt nog namen of aantallen die naar een "
                     "persoon of regio wijzen en die de pseudoniemenlijst niet vervangt; de waarschuwingen bij het "
                     "maken van dit hoofdstuk noemen ze.",
        "m_names_of": "namen van {kinds}", "m_names": "herkenbare namen", "m_counts": " en herkenbare aantallen",
        "m_counts_of": " en, waar het naar één regio wijst, het aantal {what}",
        "m_leaders": " en programmaleiders",
        "kinds": {"persons": "personen", "schools": "scholen", "companies": "bedrijven",
                  "organisations": "andere organisaties", "places": "plaatsen"},
        "m_quotes_unnamed": "Citaten zijn letterlijk{tidy}. Weglatingen zijn aangegeven met ‘…’: waar een citaat "
                            "midden in een zin begint of ophoudt, en waar een stopwoord aan het begin is weggelaten. Namen van "
                            "personen, scholen en plaatsen zijn nog niet vervangen: de pseudoniemenlijst van het "
                            "project is leeg.",
    },
    "en": EN,
}

def join_words(items: list[str], lang: str) -> str:
    """"a, b en c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {LABELS[lang]['and']} " + items[-1]


def table_caption(lab: dict[str, str], kind: str, numbers: bool, **fields: Any) -> str:
    """A table's caption, saying what its cells hold: the share in words, with the number of
    regions unless the chapter leaves the counts out (``--no-numbers``)."""
    caption = lab[kind].format(**fields)
    return caption if numbers else caption.replace(lab["with_counts"], "")


def appendix_pointer(lab: dict[str, str], lang: str, definitions: bool, quotes: str | None, researchers=2) -> str:
    """The method's last sentence: which appendices the chapter has, named as their headings ("In de
    bijlagen staan … de andere citaten die de onderzoekers kozen (bijlage ‘citatentabel’)."; "die de
    onderzoeker koos" when one coded); "" without any."""
    def title(key: str) -> str:  # "Bijlage: citatentabel" -> "bijlage ‘citatentabel’"
        kind, _sep, name = lab[key].partition(": ")
        return f"{kind.lower()} ‘{name}’" if name else lab[key]
    parts = ([lab["m_appendix_defs"].format(title=title("codebook"))] if definitions else []) + (
        [lab["m_appendix_starred" if quotes == "starred" else "m_appendix_all"].format(title=title("appendix"))]
        if quotes else [])
    if researchers == 1:  # "die de onderzoeker koos", as the method said a line before
        parts = [p.replace("onderzoekers kozen", "onderzoeker koos").replace("researchers chose", "researcher chose")
                 for p in parts]
    return lab["m_appendices"].format(parts=join_words(parts, lang)) if parts else ""


# a chapter on one interview (an internal draft of a region, a reference coder's one interview): the headings
# and the uncoded theme's sentence speak of its region, not of "de regio's" (the prose says "In de regio")
ONE_REGION = {"nl": {"facets": "Wat de regio noemt", "theme_none": "Dit thema komt in het interview niet aan de orde."},
              "en": {"facets": "What the region mentions",
                     "theme_none": "This theme does not come up in the interview."}}
