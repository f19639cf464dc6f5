"""User settings for the TUI, read from a TOML file.

The file is ``$STO_QUAL_CONFIG`` or ``~/.config/sto-qual/config.toml``::

    theme = "light"            # or "dark" (default)
    coder = "onderzoeker-b"    # who codes in this session (else STO_QUAL_CODER / project default)
    quick_codes = ["urgentie/docententekort", "financieringsonzekerheid/impact"]  # keys 1-9

    [keys]                      # binding id = key(s), comma-separated
    "coder.undo" = "z"
    "coder.picker" = "c,slash"

A missing file gives the defaults; a malformed one gives the defaults and a warning the
app shows as a notification (the TUI never refuses to start over its config).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

THEMES = {"dark": "textual-dark", "light": "textual-light"}


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


def config_path() -> Path:
    env = os.environ.get("STO_QUAL_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".config" / "sto-qual" / "config.toml"


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    p = Path(path) if path is not None else config_path()
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
