"""The words column of `stats` and the chapter's word counts count a profile's name as one word."""
from sto_qual.domain.text import WordIndex, count_words


def test_a_profile_with_an_ampersand_is_one_word():
    """"M&T" and "D&P" are the names of vmbo profiles: `stats` counted each as two words. "Z & W",
    written loose, is two words; a span counts the profile's name once."""
    text = "We houden M&T en D&P open, ook Z & W en de M&T-opleiding."
    assert count_words("M&T") == 1
    assert count_words(text) == 12
    index = WordIndex(text)
    assert index.count(0, len(text)) == 12
    assert index.count(text.index("M&T"), text.index("M&T") + 3) == 1
