"""Import sqlite-utils without its eager pandas/numpy import.

sqlite-utils imports pandas and numpy at module load (about half a second here)
only to recognise their scalar types on insert. The store never inserts such
values, and commands that need no analysis must start fast, so pandas/numpy are
hidden for the duration of that one import when they are not loaded yet.
"""
from __future__ import annotations

import sys

_HIDE = ("pandas", "numpy")


def _load():
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    hidden = [m for m in _HIDE if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # makes `import m` raise ImportError
    try:
        import sqlite_utils
    finally:
        for m in hidden:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]
    return sqlite_utils


sqlite_utils = _load()
# sqlite-utils plugins may hook every new connection (prepare_connection). A project file
# must behave the same on every machine, so installed plugins are not loaded; this also
# saves the scan of every installed package's entry points at each start.
import sqlite_utils.plugins as _plugins  # noqa: E402

_plugins._plugins_loaded = True
Database = sqlite_utils.Database
Migrations = sqlite_utils.Migrations
