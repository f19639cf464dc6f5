"""F5's table columns before the quote, without an app."""
from __future__ import annotations


def test_the_quotes_columns_are_as_wide_as_their_rows_and_leave_the_rest_to_the_quote():
    """F5 at 120 columns cut a project's own document names to "Noordv" and gave "eva" a
    14-wide Coder column, while the quotes were cut at 25 characters beside an empty band."""
    from sto_qual.tui.screens.quotes_columns import CODE_COLUMNS, DOC_MAX, MIN_QUOTE, fit_to_rows
    chosen = CODE_COLUMNS[0]  # ★ 1, Doc 6, Code 16, Coder 14

    def room(width):
        return lambda cols: width - sum(w + 2 for _l, _k, w in cols) - 4
    cells = {"star": ["★"], "doc": ["Noordveld", "Zuiderhaven-bron"], "coder": ["eva"],
             "code": ["Docententekort", "Urgentie"]}
    shown = fit_to_rows(chosen, cells, room(80))
    assert [w for _l, _k, w in shown] == [1, len("Zuiderhaven-bron"), 14, 5]  # the Coder header is wider than "eva"
    # a name up to DOC_MAX whole ("Westerkwartier-Zuid" was cut to "Westerkwartie"), a longer one cut there
    longer = fit_to_rows(chosen, {**cells, "doc": ["Westerkwartier-Zuid", "Westerkwartier-Zuid-Oost"]}, room(90))
    assert longer[1][2] == DOC_MAX >= len("Westerkwartier-Zuid") and room(90)(longer) >= MIN_QUOTE
    assert room(80)(shown) > room(80)(chosen) and room(80)(shown) >= MIN_QUOTE
    # no room to spare: the Doc column grows only as far as the quote keeps MIN_QUOTE characters
    tight = fit_to_rows(chosen, cells, room(70))
    assert room(70)(tight) == MIN_QUOTE and 6 < tight[1][2] < DOC_MAX
    # the demo's short names: the columns shrink to them, never beyond the width chosen
    demo = fit_to_rows(chosen, {"star": ["★"], "doc": ["R01"], "coder": ["onderzoeker-a-lang-genoemd"],
                                "code": ["Regierol gerealiseerd en meer"]}, room(80))
    assert [w for _l, _k, w in demo] == [1, 3, 16, 14]
