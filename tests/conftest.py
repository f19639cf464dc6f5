"""Shared fixtures. Projects live in tmp_path; the demo project is built once per session
and copied for tests that change it."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from seeded import tui_project, tui_seed, tui_ws  # noqa: F401  (fixtures for cli/, services/ and tui/)
from tests_support import SMALL
from tui_support import finer_idle_detection, shared_css_parse_cache

REPO = Path(__file__).resolve().parents[1]
TRANSCRIPTS = REPO / "transcripts"
CODEBOOK = REPO / "codebook" / "sto.yaml"


# the longest tests (whole benchmark runs in subprocesses) start first: pytest-xdist hands out
# the first tests one per worker, so the long ones run side by side instead of ending the run alone
LONG_FIRST = ("test_bench_smoke.py",)


def pytest_configure(config):
    finer_idle_detection()  # every worker, whichever tests it runs (see tui_support)
    shared_css_parse_cache()


def pytest_collection_finish(session):
    """After collection every module the tests need is imported (Textual, spaCy, pandas): freeze
    those objects out of the collector's reach and let it run less often. The TUI tests allocate
    many short-lived objects, and each full collection walked every imported object again: about
    8 % of the suite's CPU. Memory stays bounded (a young generation of 20,000 objects)."""
    import gc
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: Path(item.path).name not in LONG_FIRST)  # stable: otherwise as collected


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Tests never touch a real home, config or default project."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STO_QUAL_HOME", str(home))
    monkeypatch.setenv("STO_QUAL_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("STO_QUAL_CODER", raising=False)
    monkeypatch.delenv("STO_QUAL_PROJECT", raising=False)
    # a pytest-xdist worker has COLUMNS=80 where a plain run has none: a table printed in a test is
    # one piped to a file in either (the width of a terminal is the business of test_output_table)
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    from sto_qual.services.demo import build_demo
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, TRANSCRIPTS)
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    target = tmp_path / "demo.db"
    src = sqlite3.connect(str(demo_db))
    dst = sqlite3.connect(str(target))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


@pytest.fixture
def demo_ws(demo_copy):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def demo_read(demo_db):
    """The demo opened once for a module whose tests only read it (the session's demo, never written)."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_db)
    yield ws
    ws.close()


@pytest.fixture
def empty_ws(tmp_path):
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "p.db")
    yield ws
    ws.close()




@pytest.fixture
def small_ws(tmp_path):
    """A project with one short transcript (two respondents)."""
    from sto_qual.services import Workspace
    ws = Workspace.create(tmp_path / "small.db")
    f = tmp_path / "R90.txt"
    f.write_text(SMALL, encoding="utf-8")
    summary = ws.import_files([f])
    assert summary.ok, summary.refused
    ws.set_roles({"Jan": "bestuurder", "Piet": "directeur", "Interviewer": "interviewer"})
    yield ws
    ws.close()


def copy_file(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst
