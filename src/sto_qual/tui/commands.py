"""The command palette (ctrl+p): the workbench's own commands first, then Textual's.

In order: the actions of the screen in use (its keys, "Code 2: Docententekort" for a number
key), then what can be done from any screen (open a screen by name, export each format, write a
memo, undo and redo in the Coder, help, light/dark), then the keys of our own widgets (moving in
the transcript or the tree), last the keys of Textual's widgets ("Cursor down") and Textual's
own commands. Textual's provider lists the empty palette alphabetically, which put "Bottom",
"Copy selected text" and "Cursor down" first: ``StoCommands`` keeps this order instead.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hits
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider

from sto_qual.services.tui_support import EXPORT_FORMATS
from sto_qual.tui.workbench import Workbench


class StoCommands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), listed in the order they are made."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


def _own_actions(node: Any) -> set[str]:
    """The actions ``node`` binds in sto_qual's own classes (not those it inherits from Textual)."""
    return {b.action for cls in type(node).__mro__ if cls.__module__.startswith("sto_qual.")
            for b in cls.__dict__.get("BINDINGS", ()) if not isinstance(b, tuple)}


def _lower_first(label: str) -> str:
    """"Report chapter (Word)" -> "report chapter (Word)"; "REFI-QDA …" stays as it is."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def palette_commands(app: Workbench, screen: Screen, screens: Sequence[tuple[str, str, str]],
                     textual: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Every palette command, the workbench's own first (see the module's docstring); ``screens``
    are (mode, label, key) for "Go to …", ``textual`` Textual's own commands (Theme, Quit, …)."""
    screen_keys: list[SystemCommand] = []
    widget_keys: list[SystemCommand] = []
    foreign: list[SystemCommand] = []
    seen: set[tuple[int, str]] = set()
    own_by_node: dict[int, set[str]] = {}
    bound: set[str] = set()  # the actions the screen in use has keys for
    # every binding of the focused widget, its parents and the screen, also one whose key a widget
    # takes first (the screen's Enter under a focused table): ``active_bindings`` keeps one per key
    for node, bindings in screen._modal_binding_chain:
        if node is app:
            continue  # the app's keys: "Go to …", help and theme below
        for _key, b in bindings:
            if not b.description or (id(node), b.action) in seen or b.id and b.id.startswith("app.") \
                    or app._check_action_state(b.action, node) is False:  # a key the node switched off
                continue
            seen.add((id(node), b.action))
            own = own_by_node.setdefault(id(node), _own_actions(node))
            name = getattr(node, "palette_description", lambda _action: None)(b.action)
            key = b.key if b.action.startswith("apply_number(") else app.get_key_display(b)  # not "1-9"
            command = SystemCommand(name or b.description, f"key {key}", functools.partial(node.run_action, b.action))
            if b.action not in own:
                foreign.append(command)
            elif node is screen:
                screen_keys.append(command)
                bound.add(b.action)
            else:
                widget_keys.append(command)
    yield from screen_keys
    yield from anywhere(app, screens, bound)
    yield from widget_keys
    yield from foreign
    yield from textual


def anywhere(app: Workbench, screens: Sequence[tuple[str, str, str]], bound: set[str]) -> Iterable[SystemCommand]:
    """What the palette offers on every screen; an action the screen in use binds itself (the
    Coder's memo, a screen's undo) is offered once, as the screen's."""
    for mode, label, key in screens:
        yield SystemCommand(f"Go to {label}", f"Switch to the {label} screen ({key})",
                            functools.partial(app.action_goto, mode))
    for fmt in EXPORT_FORMATS:
        yield SystemCommand(f"Export {_lower_first(fmt.label)}",
                            f"Write {fmt.suffix} to the file named on the Export screen (f8), as ctrl+e there",
                            functools.partial(_export, app, fmt.key))
    if "memo" not in bound:
        yield SystemCommand("Write memo", "In the Coder, on your coding at the cursor (m there; else on the document)",
                            functools.partial(_in_coder, app, "memo"))
    if "undo" not in bound:
        yield SystemCommand("Undo (in the Coder)", "Your last change undone in the Coder (u there), saying what",
                            functools.partial(_in_coder, app, "undo"))
    if "redo" not in bound:
        yield SystemCommand("Redo (in the Coder)", "What undo took back, done again in the Coder (U there)",
                            functools.partial(_in_coder, app, "redo"))
    yield SystemCommand("Last messages, whole", "The Coder's last status messages, which a narrow window cuts",
                        app.action_messages)
    yield SystemCommand(f"Who codes: {app.coder}", "Whose codings this window makes, and how to code as yourself",
                        app.action_who)
    yield SystemCommand("Help: every key", "Show every key binding (f1)", app.action_help)
    yield SystemCommand("Toggle light/dark theme", "ctrl+t", app.action_toggle_theme)


async def _switched(app: Workbench, mode: str) -> Screen:
    if app.current_mode != mode:
        await app.switch_mode(mode)
    return app.screen


async def _in_coder(app: Workbench, action: str) -> None:
    """Run a Coder action from any screen: the Coder first, then its key's action."""
    screen = await _switched(app, "coder")
    await screen.run_action(action)


async def _export(app: Workbench, key: str) -> None:
    screen = await _switched(app, "export")
    export_as: Callable[[str], None] | None = getattr(screen, "export_as", None)
    if export_as is not None:
        export_as(key)
