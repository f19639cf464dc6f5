"""Every test in this folder injects faults into real processes (kill -9, a full disk, a
second program holding the project, hostile files measured in a subprocess): they are marked
``slow`` here, once, so ``pytest -m "not slow"`` gives the quick loop. The README's command
runs them all."""
from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.slow)
