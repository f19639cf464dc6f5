"""Report wording in Dutch (default) and English."""
from __future__ import annotations

LABELS = {
    "nl": {
        "method": "Methode", "themes": "Thema's", "definition": "Definitie", "quotes": "Citaten",
        "overview": "Overzicht van de thema's", "appendix": "Bijlage: citatentabel", "memos": "Memo's",
        "fig_overview": "Figuur {n}. Aantal interviews waarin elk thema aan de orde komt (N = {total}).",
        "fig_heatmap": "Figuur {n}. Codes per {col}: aantal gecodeerde passages.",
        "table_by": "Tabel {n}. {title} naar {attr}.", "table_sub": "Tabel {n}. {title} naar subcode.",
        "col_value": "{attr}", "col_docs": "interviews", "col_wording": "frequentie", "col_codings": "passages",
        "col_subcode": "subcode", "appendix_cols": ("thema", "subcode", "regio", "rol", "citaat", "document", "verwijzing"),
        "freq": "In {n} van de {total} {unit} ({wording}) komt dit thema aan de orde.",
        "freq_none": "In geen van de {total} {unit} komt dit thema aan de orde.",
        "unit": "regio's", "no_quotes": "Er zijn geen passages met dit thema gecodeerd.",
        "respondent": "stuurgroeplid", "region": "regio", "turn": "beurt", "chars": "tekens",
        "appendix_intro_all": "Alle gecodeerde passages, geanonimiseerd.",
        "appendix_intro_starred": "De door de codeurs gemarkeerde citaten, geanonimiseerd.",
        "decimal": ",", "between": "tussen {a} en {b}",
        "m_intro": "Dit hoofdstuk is gebaseerd op {n} interviews van ongeveer een uur met leden van de stuurgroepen "
                   "in de caseregio's{held}. ",
        "m_held": ", gehouden {period}", "m_roles": "Aan tafel zaten onder meer: {roles}. ",
        "m_coded": "De transcripten zijn gecodeerd met een codeboek van vier thema's en hun subcodes{by}. "
                   "De eenheid van tellen is het interview (de regio), niet het aantal gecodeerde passages.",
        "m_by": " door {coders}",
        "m_agreement": " {nd} interviews zijn door twee codeurs onafhankelijk gecodeerd; de overeenstemming op "
                       "zinsniveau (Krippendorffs alfa, over alle codes) is {alpha}.",
        "m_quotes": " Citaten zijn letterlijk en geanonimiseerd: namen van personen, scholen en plaatsen zijn "
                    "vervangen.",
    },
    "en": {
        "method": "Method", "themes": "Themes", "definition": "Definition", "quotes": "Quotes",
        "overview": "Overview of the themes", "appendix": "Appendix: quote table", "memos": "Memos",
        "fig_overview": "Figure {n}. Number of interviews in which each theme comes up (N = {total}).",
        "fig_heatmap": "Figure {n}. Codes per {col}: number of coded passages.",
        "table_by": "Table {n}. {title} by {attr}.", "table_sub": "Table {n}. {title} by sub-code.",
        "col_value": "{attr}", "col_docs": "interviews", "col_wording": "frequency", "col_codings": "passages",
        "col_subcode": "sub-code", "appendix_cols": ("theme", "sub-code", "region", "role", "quote", "document", "reference"),
        "freq": "In {n} of the {total} {unit} ({wording}) this theme comes up.",
        "freq_none": "This theme comes up in none of the {total} {unit}.",
        "unit": "regions", "no_quotes": "No passages were coded with this theme.",
        "respondent": "steering-group member", "region": "region", "turn": "turn", "chars": "characters",
        "appendix_intro_all": "Every coded passage, anonymised.",
        "appendix_intro_starred": "The quotes starred by the coders, anonymised.",
        "decimal": ".", "between": "between {a} and {b}",
        "m_intro": "This chapter is based on {n} interviews of about an hour with members of the steering groups "
                   "in the case regions{held}. ",
        "m_held": ", held {period}", "m_roles": "Respondents included: {roles}. ",
        "m_coded": "The transcripts were coded with a codebook of four themes and their sub-codes{by}. "
                   "The unit of counting is the interview (region), not the number of coded passages.",
        "m_by": " by {coders}",
        "m_agreement": " {nd} interviews were coded independently by two coders; agreement at sentence level "
                       "(Krippendorff's alpha, across codes) is {alpha}.",
        "m_quotes": " Quotes are verbatim and anonymised: names of people, schools and places are replaced.",
    },
}

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
