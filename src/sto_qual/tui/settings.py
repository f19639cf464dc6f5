"""User settings for the TUI. They are read in ``sto_qual.config`` (the one place that reads
the environment and the settings file); this module names them for the TUI."""
from __future__ import annotations

from sto_qual.config import THEMES, Settings, env_coder, load_settings
from sto_qual.config import settings_path as config_path

__all__ = ["THEMES", "Settings", "config_path", "env_coder", "load_settings"]
