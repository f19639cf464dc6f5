"""The chapter's quotation marks in text written with straight ones (the codebook's definitions)."""
from sto_qual.domain.text import curly_quotes


def test_paired_quotes_turn_and_apostrophes_stay():
    assert curly_quotes("om het 'waarom' van STO") == "om het ‘waarom’ van STO"
    assert curly_quotes('zegt "ja, maar" en') == "zegt “ja, maar” en"
    assert curly_quotes("regio's en auto's, ('tussen')") == "regio's en auto's, (‘tussen’)"
    assert curly_quotes("'s avonds 'laat'") == "'s avonds ‘laat’"
    assert curly_quotes("een ' los") == "een ' los"


def test_a_tab_inside_a_quote_is_printed_as_a_space():
    """A transcriber's tab ("gevuld.\tDat is echt het knelpunt.") was a wide gap inside the chapter's quote."""
    from sto_qual.domain.text import quote_within_quote
    assert quote_within_quote("gevuld. \tDat is \"echt\" het knelpunt.") == "gevuld. Dat is ‘echt’ het knelpunt."
    assert quote_within_quote("a\t\tb\nc") == "a b\nc"
