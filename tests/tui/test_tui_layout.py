"""The transcript layout and the TUI read models, without running the app."""
from __future__ import annotations

import random

from sto_qual.services.tui_support import (filter_documents, history_coding_ids, parse_filter, passage_context,
                                           undo_summary)
from sto_qual.tui.widgets.transcript import contrast_text, wrap_span


def _words(text: str) -> list[str]:
    return text.split()


def test_wrap_keeps_every_word_and_the_width():
    rng = random.Random(3)
    vocab = ["de", "stuurgroep", "vmbo", "samenwerkingsverbanden", "x" * 30, "één", "po-scholen", "(lacht)"]
    for _ in range(200):
        text = "\n".join(" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 40)))
                         for _ in range(rng.randint(1, 3)))
        width = rng.randint(8, 60)
        fast, slow = [], []
        wrap_span(text, 0, len(text), width, False, fast)
        wrap_span(text, 0, len(text), width, True, slow)
        assert fast == slow  # the regex wrap and the cell-measuring wrap agree on one-cell text
        assert all(0 < e - s <= width for s, e in fast)
        assert all("\n" not in text[s:e] for s, e in fast)
        assert [w for s, e in fast for w in text[s:e].split()] == [
            w[i:i + width] for w in _words(text) for i in range(0, len(w), width)]


def test_wrap_measures_wide_characters_in_cells():
    text = "技术教育 " * 10
    out = []
    wrap_span(text, 0, len(text), 10, True, out)
    from rich.cells import cell_len
    assert all(cell_len(text[s:e]) <= 10 for s, e in out)
    assert "".join(text[s:e] for s, e in out).replace(" ", "") == text.replace(" ", "")


def test_contrast_text_picks_a_readable_colour():
    assert contrast_text("#f5b041") == "#000000"
    assert contrast_text("#1b4f72") == "#ffffff"
    assert contrast_text("bad") == "#ffffff"


def test_filters_and_history_helpers(tui_ws):
    assert parse_filter("region_type=krimp R0 date=") == ({"region_type": "krimp"}, "R0 date=")
    docs = tui_ws.documents()
    assert [d.name for d in filter_documents(docs, "region_type=krimp")] == ["R02"]
    assert [d.name for d in filter_documents(docs, "respondent_roles=directeur")] == ["R07"]
    assert [d.name for d in filter_documents(docs, "eiland")] == ["R01"]
    assert len(filter_documents(docs, "")) == 3
    assert history_coding_ids({"op": "batch", "undone": [{"coding": 3}, {"coding": 4}]}) == [3, 4]
    assert undo_summary({"op": "add", "undone": {"coding": 3, "op": "add"}}) == "Undid 1 change (add)"


def test_passage_context_stays_in_the_turn(tui_ws):
    units = tui_ws.units("R01")
    doc_id = units[0].document_id
    u = units[5]
    before, quote, after = passage_context(tui_ws, doc_id, u.start, u.end)
    text = tui_ws.document_text("R01")
    assert quote == text[u.start:u.end]
    prev, nxt = units[4], units[6]
    assert before == (text[prev.start:u.start].strip() if prev.turn_id == u.turn_id else "")
    assert after == (text[u.end:nxt.end].strip() if nxt.turn_id == u.turn_id else "")


def test_a_refilled_table_is_drawn_with_its_widest_cells_at_once():
    """The dashboard was seen drawn with every column as narrow as its header ("■ Ur", "de mees")
    after a second computation refilled its tables: a DataTable measures its columns only when
    its message queue next runs empty. ``fill_sized`` gives each column its widest cell's width
    as the rows go in, so the very next frame is right."""
    from rich.text import Text
    from textual.app import App
    from textual.widgets import DataTable

    from sto_qual.tui.fitting import fill_sized
    from tests.tui_support import run

    class OneTable(App):
        def compose(self):
            yield DataTable()

    async def scenario():
        app = OneTable()
        async with app.run_test(size=(80, 10)) as pilot:
            table = app.query_one(DataTable)
            for label in ("Financieringsonzekerheid", "Vmbo in the lead"):  # a refill, no pause between
                fill_sized(table, [("Code", "code"), ("Wording", "wording")],
                           [(Text(label), "de meeste"), ("Urgentie", "een enkele")])
                widths = [c.get_render_width(table) - 2 * table.cell_padding for c in table.ordered_columns]
                assert widths == [len(label), len("een enkele")]
            await pilot.pause()
            text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
            assert "Vmbo in the lead" in text and "een enkele" in text
    run(scenario)


def test_a_blind_coder_sees_others_hidden_on_a_narrow_status_line(tui_ws):
    """At 80 columns the status line dropped "(others hidden)" (and the document's name), so a
    second coder coding blind could not see that they were."""
    from sto_qual.services.tui_support import open_document
    from sto_qual.tui.widgets.panels import coder_status
    doc = open_document(tui_ws, tui_ws.documents()[0].id)
    last = "Coded: Urgentie on R01, sentences 14-16 (u undoes)"
    variants = coder_status(doc, 3, "2 words, 7 chars", 5, "anna", True, last)
    for parts in variants[:-1]:  # every variant but the last, which is the last action alone
        line = " │ ".join(p for p in parts if p)
        assert doc.name in line, line
    for parts in variants[:-2]:
        line = " │ ".join(p for p in parts if p)
        assert "(others hidden)" in line, line
    narrow = next(parts for parts in variants if len(" " + " │ ".join(p for p in parts if p)) <= 79)
    assert "(others hidden)" in " ".join(narrow)


def test_at_80_columns_the_status_line_still_says_whose_window_it_is(tui_ws):
    """Two windows side by side at 80 columns, anna's and onderzoeker-a's: the long name went first
    and onderzoeker-a's window said nowhere whose it was."""
    from sto_qual.services.tui_support import open_document
    from sto_qual.tui.widgets.panels import coder_status
    doc = open_document(tui_ws, tui_ws.documents()[0].id)
    variants = coder_status(doc, 148, "6 words, 27 chars", 28, "onderzoeker-a", False, "")
    narrow = next(parts for parts in variants if len(" " + " │ ".join(p for p in parts if p)) <= 79)
    assert "28 by onderzoeker-a" in narrow and any(p.startswith("sentence 149/") for p in narrow), narrow


def test_a_selection_into_the_next_speakers_turn_says_both_speakers(tui_ws):
    """A selection from the interviewer's question into the answer said "· Interviewer ·" only: the
    coder could not see that it ran into another speaker's words."""
    from sto_qual.services.tui_support import open_document
    from sto_qual.tui.widgets.panels import coder_status
    doc = open_document(tui_ws, tui_ws.documents()[0].id)
    units = doc.units
    i = next(k for k in range(len(units) - 1) if doc.turns[units[k].turn].speaker != doc.turns[units[k + 1].turn].speaker
             and doc.turns[units[k].turn].speaker and doc.turns[units[k + 1].turn].speaker)
    first, last = doc.turns[units[i].turn].speaker, doc.turns[units[i + 1].turn].speaker
    variants = coder_status(doc, i, "20 words, 99 chars", 5, "anna", False, "", span=(i, i + 1))
    assert any(f"sentences {i + 1}-{i + 2}/{len(units)} · {first} → {last}" in p for p in variants[0]), variants[0]
    one = coder_status(doc, i, "9 words, 40 chars", 5, "anna", False, "", span=(i, i))
    assert any(f"sentence {i + 1}/{len(units)} · {first} ·" in p for p in one[0]), one[0]


def test_a_turn_header_too_wide_drops_the_time_then_cuts_with_an_ellipsis():
    """At 80 columns a header read "Lotte Verhoef (onderzoeker) · intervi" and "… · penvoerder ·
    00:12" (cut inside the time): the time goes first, then the role is cut with "…"."""
    from rich.style import Style

    from sto_qual.services.tui_support import TurnView
    from sto_qual.tui.widgets.transcript.paint import header_segments

    def text(t, width):
        return "".join(s.text for s in header_segments(t, width, lambda _name: Style())).rstrip("─ ")

    t = TurnView(start=0, end=10, speaker="Lotte Verhoef (onderzoeker)", role="interviewer", time="00:12:34")
    assert text(t, 80).strip() == "Lotte Verhoef (onderzoeker) · interviewer · 00:12:34"
    assert text(t, 50).strip() == "Lotte Verhoef (onderzoeker) · interviewer"
    narrow = text(t, 44).strip()
    assert narrow == "Lotte Verhoef (onderzoeker) · interv…"
    # a role the label holds already is not said twice ("Karin (directeur) · directeur")
    karin = TurnView(start=0, end=10, speaker="Karin (directeur)", role="directeur", time="00:03:10")
    assert text(karin, 80).strip() == "Karin (directeur) · 00:03:10"


def test_at_80_columns_an_undo_line_still_says_what_it_undid():
    """The shortening that drops a long line's aside also cut "Undid: coding of … on R01" at its
    colon: at 80 columns the line said only "R01 │ Undid". What follows the colon is what was
    done; only a second clause after "; " may go, and a cut falls between words."""
    from sto_qual.services.tui_support import DocumentView
    from sto_qual.tui.widgets.panels import coder_status, fit_status
    doc = DocumentView(id=1, name="R01", text="", turns=[], units=[], attributes={})
    last = "Undid: coding of ‘Samenwerking met gemeente en bedrijfsleven’ on R01, sentences 4-5"
    line = fit_status(coder_status(doc, 0, "", 0, "anna", False, last), 79)
    assert line.lstrip().startswith("Undid: coding of ‘Samenwerking met gemeente en bedrijfsleven’ on"), line
    assert line.endswith("…") and len(line) <= 79 and not line[:-1].endswith(("Samenwerk", "bedrijfs"))
    joined = "Joined: one coding of Docententekort now covers R01, sentences 72-75 (it was on part of this already)"
    line = fit_status(coder_status(doc, 0, "", 0, "anna", False, joined), 79)
    assert line == " R01 │ Joined: one coding of Docententekort now covers R01, sentences 72-75", line


def test_a_message_gives_up_its_closing_asides_last_first():
    from sto_qual.tui.fitting import first_fit, without_asides
    msg = "no document has the attribute 'regiotype' (did you mean region_type?) (attributes: a, b, c) (check --where)"
    assert without_asides(msg) == [msg, msg.rsplit(" (", 1)[0],
                                   "no document has the attribute 'regiotype' (did you mean region_type?)",
                                   "no document has the attribute 'regiotype'"]
    # the did-you-mean stays while the list of attributes does not fit
    assert first_fit(without_asides(msg), 75).plain.endswith("(did you mean region_type?)")
    assert without_asides("plain") == ["plain"] and without_asides("(all aside)") == ["(all aside)"]


def test_home_and_end_go_to_the_first_and_last_row_of_a_list(tui_ws):
    """F2's End moved nothing (Textual's table scrolls to its last column); PageDown did."""
    from textual.widgets import DataTable

    from tui_support import headless, run

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.pause()
            table = app.screen.query_one("#doc-table", DataTable)
            table.focus()
            await pilot.pause()
            await pilot.press("end")
            await pilot.pause()
            assert table.cursor_row == table.row_count - 1 > 0
            await pilot.press("home")
            await pilot.pause()
            assert table.cursor_row == 0
    run(scenario)


def test_the_whole_answer_hint_fits_at_80_columns(tui_ws):
    """On an answer that opens with "Nee." the hint that t takes the whole answer showed at 120
    columns only: at 80 a coder coded the one word, the case the hint is for."""
    from sto_qual.services.tui_support import open_document
    from sto_qual.tui.widgets.panels import coder_status, whole_answer_hint
    doc = open_document(tui_ws, tui_ws.documents()[0].id)
    at = next(i for i in range(len(doc.units)) if whole_answer_hint(doc, i))
    n = sum(1 for u in doc.units if u.turn == doc.units[at].turn)
    variants = coder_status(doc, at, "1 word, 4 chars", 5, "onderzoeker-c", True, "")
    narrow = next(parts for parts in variants if len(" " + " │ ".join(p for p in parts if p)) <= 79)
    assert f"t: all {n} sentences" in narrow and "R01 (others hidden)" in narrow, narrow
    wide = next(parts for parts in variants if len(" " + " │ ".join(p for p in parts if p)) <= 119)
    assert f"t selects the whole answer ({n} sentences)" in wide, wide
