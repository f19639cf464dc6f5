"""Keys a text field binds (backspace, the arrows, Home) apply in the order typed, before the
letters typed after them: Textual ran a field's bindings only after the key had bubbled up to the
app, so under fast typing the next letter went in first ("krimp", five backspaces and "arbeid"
left "krimpa" in the code picker)."""
from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from sto_qual.tui.modals import MemoModal, PickerModal
from test_tui_coder import open_coder
from tui_support import headless, run, until

PRINTABLE = {"space": " "}


def burst(app, keys) -> None:
    """Post the keys to the app at once, as a terminal delivers a fast typist's burst: none waits
    for the one before it to be handled (``pilot.press`` waits for each)."""
    for key in keys:
        char = PRINTABLE.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


def test_a_backspace_typed_quickly_in_the_code_picker_deletes_before_the_next_letter(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, PickerModal)
            field = app.screen.query_one(Input)
            burst(app, [*"krimp", *["backspace"] * 5, *"arbeid"])
            assert await until(pilot, lambda: len(field.value) >= 6), field.value
            await pilot.pause()
            assert field.value == "arbeid"
            burst(app, ["backspace", "a", "left", "left", "x", "home", "y", "end", "z"])
            assert await until(pilot, lambda: field.value.endswith("z")), field.value
            assert field.value == "yarbexiaz"
    run(scenario)


def test_a_memo_typed_quickly_with_backspace_and_arrows_keeps_its_letters_in_place(tui_ws):
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("down", "m")
            await pilot.pause()
            assert isinstance(app.screen, MemoModal)
            area = app.screen.query_one(TextArea)
            burst(app, [*"krimp", "backspace", "a", "left", "left", "x", "home", "y", "end", "z"])
            assert await until(pilot, lambda: area.text.endswith("z")), area.text
            assert area.text == "ykrixmaz"
    run(scenario)


def test_arrows_typed_right_after_the_filter_move_in_the_filtered_list(tui_ws):
    """"collectief" then ↓ ↓ ↓ ↓ Enter in one burst coded Collectief optrekken, the list's top: the
    arrows moved in the list before it was filtered, and the filtering started it at its top again."""
    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await open_coder(pilot)
            await pilot.press("c")
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, PickerModal)
            chosen = []
            picker.dismiss = chosen.append  # what Enter chose, without applying it
            burst(app, [*"collectief", "down", "down", "enter"])
            assert await until(pilot, lambda: chosen), "nothing chosen"
            picker._fill("collectief")
            return chosen[0], [o.value for o in picker._shown][:3]
    chosen, shown = run(scenario)
    assert chosen == shown[2], (chosen, shown)
