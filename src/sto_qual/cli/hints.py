"""The commands a message suggests, completed with the project and coder the user named.

A hint such as "`sto-qual undo`" or "`sto-qual pseudonyms add 'Jan' '[bestuurder]'`" is
written by the service that refuses or warns, which does not know how the command line was
called. Typed as printed by someone who gave ``--project studie.db --coder anne``, it opened
``sto-qual.db`` in the current folder, or undid another coder's step. The command line's stderr
therefore adds, to each suggested command that takes them and does not give them yet, the
``--project`` (as typed: the hint is run where the command was) and ``--coder`` given on
the command line. A project or coder from the environment or the project's default needs nothing.
"""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Sequence
from typing import Any

import click

_SUGGESTED = re.compile(r"`sto-qual ([a-z][a-z-]*)((?: [^`\n]*)?)`")
_NAMES = {"--project": "project", "-p": "project", "--coder": "coder", "-o": "output", "--output": "output"}
_FLAGS = {"project": ("--project", "-p"), "coder": ("--coder",), "output": ("-o", "--output")}


def given(args: Sequence[str]) -> dict[str, str]:
    """The --project (-p), --coder and -o values on a command line, the last of each ("--" ends the
    options), and the command (``command``): a suggestion of that same command keeps its -o (a refused
    `report --where … -o deel.docx` suggested one without it, which wrote over the chapter beside it)."""
    out: dict[str, str] = {}
    args = list(args)
    if args and not args[0].startswith("-"):
        out["command"] = args[0]
    for i, arg in enumerate(args):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if name in _NAMES and name != "-p" and eq:
            out[_NAMES[name]] = value
        elif arg in _NAMES and i + 1 < len(args):
            out[_NAMES[arg]] = args[i + 1]
    return out


def completed(text: str, values: dict[str, str], takes: Callable[[str, str, str], bool]) -> str:
    """``text`` with each suggested `sto-qual …` command given the ``values`` it lacks and takes
    (``takes(command, rest, option)``)."""
    def complete(m: re.Match[str]) -> str:
        command, rest = m.group(1), m.group(2)
        words = rest.split()
        if "--help" in words or "-h" in words:  # a command's help takes no project
            return m.group(0)
        extra = ""
        for option, value in values.items():
            flags = _FLAGS.get(option)
            if flags is None or option == "output" and command != values.get("command"):
                continue
            if any(w in flags or w.startswith(f"{flag}=") for w in words for flag in flags):
                continue
            if takes(command, rest, option):
                extra += f" {'-o' if option == 'output' else '--' + option} {shlex.quote(value)}"
        return f"`sto-qual {command}{rest}{extra}`" if extra else m.group(0)
    return _SUGGESTED.sub(complete, text)


class HintStream:
    """stderr or stdout, with the suggested commands completed (``completed``); everything else is the
    wrapped stream's."""

    def __init__(self, stream: Any, values: dict[str, str], group: click.Group, data: bool = False) -> None:
        """``data``: stdout, whose JSON and CSV are left as they are (a memo may quote a command)."""
        self.wrapped, self.values, self.group, self.data = stream, values, group, data

    def takes(self, command: str, rest: str, option: str) -> bool:
        """Whether `sto-qual command rest` takes --option (a group: its subcommand named first)."""
        ctx = click.Context(self.group)
        cmd = self.group.get_command(ctx, command)
        words = rest.split()
        if isinstance(cmd, click.Group) and words:
            cmd = cmd.get_command(ctx, words[0]) or cmd
        if option == "project" and cmd is not None and words and not words[0].startswith("-") and any(
                isinstance(p, click.Argument) and p.name in ("path", "project") and isinstance(p.type, click.Path)
                for p in cmd.params):  # (`code-add urgentie/werkdruk` names a code, not a project)
            return False  # `sto-qual init studie.db` names its project: a --project beside it was refused
        return cmd is not None and any(p.name == option or f"--{option}" in getattr(p, "opts", ())
                                       or option == "output" and "-o" in getattr(p, "opts", ()) for p in cmd.params)

    def _is_data(self, text: str) -> bool:
        ctx = click.get_current_context(silent=True)
        return self.data and (text.lstrip().startswith(("[", "{")) or ctx is not None
                              and ctx.params.get("fmt") in ("json", "csv", "csv-nl"))

    def write(self, text: str) -> int:
        if isinstance(text, str) and "`sto-qual " in text and not self._is_data(text):
            self.wrapped.write(completed(text, self.values, self.takes))
            return len(text)
        return self.wrapped.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)
