"""The demo project after one learned ``suggest`` run, built once per session and copied per
test: the tests that only need "a trained model's pending suggestions" share this training
instead of paying for their own (tests of training itself still train)."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

# keywords on a funding code so that some model suggestions also carry a keyword reason
KEYWORDS = ("financieringsonzekerheid/structurele-knelpunten", ["kalenderjaar", "afschrijving"])
SCOPE, THRESHOLD = "financieringsonzekerheid", 0.2


@pytest.fixture(scope="session")
def suggested_seed(demo_db, tmp_path_factory) -> tuple[Path, dict, int]:
    """(project, what that suggest run returned, codings before it)."""
    from sto_qual.services import Workspace
    path = tmp_path_factory.mktemp("suggested") / "suggested.db"
    src, dst = sqlite3.connect(str(demo_db)), sqlite3.connect(str(path))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    ws = Workspace.open(path)
    try:
        ws.edit_code(KEYWORDS[0], keywords=KEYWORDS[1])
        before = ws.info()["codings"]
        result = ws.suggest(code=SCOPE, learned=True, threshold=THRESHOLD)
        ws.session.checkpoint()
    finally:
        ws.close()
    return path, result, before


@pytest.fixture
def suggested_ws(suggested_seed, tmp_path):
    """A fresh copy of the demo project with the model's pending suggestions; ``ws.seeded``
    holds the suggest result and the codings count before it."""
    from sto_qual.services import Workspace
    src, result, before = suggested_seed
    target = tmp_path / "suggested.db"
    shutil.copy(src, target)
    ws = Workspace.open(target)
    ws.seeded = {"result": result, "codings_before": before}
    yield ws
    ws.close()


@pytest.fixture
def small_project_early(demo_copy):
    """The demo project early in its coding: only onderzoeker-a's codings of four interviews,
    fewer than a model can calibrate every code on."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    keep = {"R01", "R02", "R03", "R05"}
    for c in ws.codings():
        if c.doc not in keep or c.coder != "onderzoeker-a":
            ws.remove_coding(c.id, coder=c.coder)
    yield ws
    ws.close()
