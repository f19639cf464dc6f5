"""The seeded project (three interviews, both reference coders, pending suggestions), built once
per session and copied per test; the fixtures are prefixed ``tui_`` and made visible to every test
directory by tests/conftest.py."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "transcripts"
TUI_DOCS = ("R01.txt", "R02.txt", "R07.vtt")


def _build_tui_seed(path: Path) -> None:
    """Three interviews (one with timestamps), both reference coders, and a few pending
    suggestions (proposed directly: making them with spaCy would cost seconds)."""
    from sto_qual.services import Workspace
    ws = Workspace.create(path, default_coder="onderzoeker-a")
    summary = ws.import_files([CORPUS / f for f in TUI_DOCS], attributes=CORPUS / "attributes.csv",
                              role_map=CORPUS / "roles.csv")
    assert summary.ok, summary.refused
    for coder in ("onderzoeker-a", "onderzoeker-b"):
        for f in TUI_DOCS:
            yaml = CORPUS / "codings" / coder / (Path(f).stem + ".yaml")
            if yaml.exists():
                ws.import_codings(yaml)
    units = ws.units("R01")
    ws.review_service.propose([
        (units[14].id, "collectief-optrekken/contacten-po", "rule", "trefwoord: basisscholen", None),
        (units[20].id, "urgentie/docententekort", "model", "model 0.91", 0.91),
        (units[30].id, "financieringsonzekerheid/impact", "model", "model 0.72", 0.72),
    ])
    ws.session.checkpoint()
    ws.close()


@pytest.fixture(scope="session")
def tui_seed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tui-seed") / "seed.db"
    _build_tui_seed(path)
    return path


@pytest.fixture
def tui_project(tui_seed, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the seeded project; settings from an empty config file; no STO_QUAL_CODER."""
    target = tmp_path / "p.db"
    shutil.copy(tui_seed, target)
    cfg = tmp_path / "config.toml"
    cfg.write_text("", encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(cfg))
    monkeypatch.delenv("STO_QUAL_CODER", raising=False)
    return target


@pytest.fixture
def tui_ws(tui_project):
    from sto_qual.services import Workspace
    ws = Workspace.open(tui_project)
    yield ws
    ws.close()
