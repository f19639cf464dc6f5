"""Every ``STO_QUAL_*`` environment variable and user setting, read here and nowhere else.

- ``STO_QUAL_CODER``: who codes in this shell; ``--coder`` wins, and without either the
  settings file's ``coder``, else the project's default coder (the TUI and the commands alike).
- ``STO_QUAL_CONFIG``: the user settings file (else ``~/.config/sto-qual/config.toml``).
- ``STO_QUAL_HOME``: where ``sto-qual demo`` keeps its project and the Coder keeps where each
  coder left off (else ``~/.local/share/sto-qual``).
- ``STO_QUAL_DEBUG``: set, a crash shows its traceback instead of one line.
- ``STO_QUAL_PROJECT``: the project file when ``--project`` is not given (``PROJECT_ENV``,
  read by click's ``envvar``).
- ``COLUMNS`` (the shell's): how wide a table printed for a person may be (``terminal_width``).

Values are read when asked, not at import, so a test (or a shell) that sets a variable
before calling sees it.

The settings file (TOML)::

    theme = "light"            # or "dark" (default)
    coder = "onderzoeker-b"    # who codes (--coder and STO_QUAL_CODER win; else this, else the project default)
    quick_codes = ["urgentie/docententekort", "financieringsonzekerheid/impact"]  # keys 1-9

    [keys]                      # binding id = key(s), comma-separated
    "coder.undo" = "z"
    "coder.picker" = "c,slash"

A missing file gives the defaults; a malformed one gives the defaults and a warning the
TUI shows as a notification (the TUI never refuses to start over its settings).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

THEMES = {"dark": "textual-dark", "light": "textual-light"}
PROJECT_ENV = "STO_QUAL_PROJECT"


def terminal_width() -> int | None:
    """The width of the terminal a table is printed on (``COLUMNS`` when set), else None: a
    table written to a file or read by a script keeps its cells of at most 60 characters. Piped
    on while the messages still go to a terminal (`stats | head`, `| less`), a person reads it
    there: that terminal's width (the table wrapped at 100 columns)."""
    import stat
    import sys
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
        if stat.S_ISFIFO(os.fstat(sys.stdout.fileno()).st_mode) and sys.stderr.isatty():
            return os.get_terminal_size(sys.stderr.fileno()).columns
        return None
    except (AttributeError, OSError, ValueError):
        return None


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def env_coder() -> str | None:
    """The coder named by ``STO_QUAL_CODER`` (None when unset or empty)."""
    return _env("STO_QUAL_CODER")


def user_coder() -> str | None:
    """The ``coder`` of the user settings file (None when it names none or cannot be read):
    the same person in every program of this user, the TUI and the commands alike."""
    return load_settings().coder


def settings_path() -> Path:
    """The user settings file: ``$STO_QUAL_CONFIG`` or ``~/.config/sto-qual/config.toml``."""
    env = _env("STO_QUAL_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".config" / "sto-qual" / "config.toml"


def data_home() -> Path:
    """``$STO_QUAL_HOME`` or ``~/.local/share/sto-qual`` (the demo project lives there)."""
    env = _env("STO_QUAL_HOME")
    return Path(env) if env else Path(os.path.expanduser("~")) / ".local" / "share" / "sto-qual"


def debug() -> bool:
    """``STO_QUAL_DEBUG`` set: show tracebacks."""
    return bool(_env("STO_QUAL_DEBUG"))


@dataclass
class Settings:
    theme: str = "dark"
    coder: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    quick_codes: list[str] = field(default_factory=list)
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def textual_theme(self) -> str:
        return THEMES.get(self.theme, self.theme)


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """The user settings from ``path`` (default ``settings_path()``)."""
    p = Path(path) if path is not None else settings_path()
    settings = Settings(path=p)
    if not p.exists():
        return settings
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        settings.warnings.append(f"{p}: cannot read settings ({exc}); using defaults")
        return settings
    theme = data.get("theme", "dark")
    if isinstance(theme, str) and (theme in THEMES or theme.startswith("textual-")):
        settings.theme = theme
    else:
        settings.warnings.append(f"{p}: theme must be \"light\" or \"dark\"")
    coder = data.get("coder")
    if isinstance(coder, str) and coder.strip():
        settings.coder = coder.strip()
    keys = data.get("keys", {})
    if isinstance(keys, dict):
        for binding_id, key in keys.items():
            if isinstance(key, str) and key.strip():
                settings.keys[str(binding_id)] = key.replace(" ", "")
            else:
                settings.warnings.append(f"{p}: keys.{binding_id} must be a key name such as \"ctrl+z\"")
    else:
        settings.warnings.append(f"{p}: [keys] must be a table of binding id = key")
    quick = data.get("quick_codes", [])
    if isinstance(quick, list) and all(isinstance(q, str) for q in quick):
        settings.quick_codes = quick[:9]
    else:
        settings.warnings.append(f"{p}: quick_codes must be a list of code paths")
    return settings
