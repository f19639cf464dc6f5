"""Hostile and broken inputs: every one is refused by the CLI with one line on stderr that
names the file, exit code 1, in bounded time and memory, and the project unchanged.

The corpus is tests/fixtures/hostile/ (made by tests/fixtures/make_hostile.py); the
files too large to commit (200 MB text, ZIP bomb, ...) are made in tmp_path and run
through the installed command in a subprocess, whose peak memory is measured.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_hostile as mh  # noqa: E402
from import_invariants import project_checksum, run_cli  # noqa: E402

HOSTILE_DIR = FIXTURES / "hostile"
TIME_LIMIT = 20.0                      # seconds per refusal
MEMORY_LIMIT_MB = 300                  # growth of this process's peak RSS per refusal
CHILD_MEMORY_LIMIT_MB = 400            # peak RSS of the installed command refusing a huge file
COMMANDS = {"import": "import", "codebook": "codebook-import", "codings": "codings-import"}


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@pytest.fixture(scope="module")
def base_project(tmp_path_factory) -> Path:
    """A project with one document, R01, whose text is make_hostile.GOOD_TEXT."""
    from sto_qual.services import Workspace
    d = tmp_path_factory.mktemp("hostile-base")
    (d / "R01.txt").write_text(mh.GOOD_TEXT, encoding="utf-8")
    ws = Workspace.create(d / "base.db")
    assert ws.import_files([d / "R01.txt"]).ok
    ws.session.checkpoint()
    ws.close()
    return d / "base.db"


@pytest.fixture
def project(base_project, tmp_path) -> Path:
    target = tmp_path / "p.db"
    shutil.copy(base_project, target)
    return target


def test_the_corpus_is_complete_and_fresh():
    made = mh.files()
    assert len(mh.HOSTILE) + len(mh.HUGE) >= 30
    assert {name for name, _, _ in mh.HOSTILE} == set(made)
    for name, data in made.items():
        assert (HOSTILE_DIR / name).read_bytes() == data, f"{name} is stale: run {mh.__file__}"


def _assert_refused(code, err, path, fragment, elapsed):
    lines = err.strip().splitlines()
    assert code == 1, (code, err)
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert str(path) in lines[0], lines[0]
    assert fragment in lines[0], lines[0]
    assert "Traceback" not in err and "internal error" not in err
    assert elapsed < TIME_LIMIT, f"{path.name}: {elapsed:.1f} s"


@pytest.mark.parametrize("name, kind, fragment", mh.HOSTILE, ids=[h[0] for h in mh.HOSTILE])
def test_hostile_file_is_refused_and_the_project_unchanged(project, tmp_path, name, kind, fragment):
    path = HOSTILE_DIR / name
    args: tuple = (COMMANDS.get(kind), "-p", project, path)
    if kind == "attributes":  # an attribute table comes with the transcripts it describes
        (tmp_path / "R01.txt").write_text(mh.GOOD_TEXT, encoding="utf-8")
        args = ("import", "-p", project, tmp_path / "R01.txt", "--attributes", path)
    before = project_checksum(project)
    rss = _maxrss_mb()
    t0 = time.perf_counter()
    code, out, err = run_cli(*args)
    elapsed = time.perf_counter() - t0
    _assert_refused(code, err, path, fragment, elapsed)
    assert _maxrss_mb() - rss < MEMORY_LIMIT_MB
    assert project_checksum(project) == before


@pytest.mark.parametrize("name, fragment", [(n, f) for n, k, f in mh.HOSTILE if k == "codebook"])
def test_hostile_codebook_at_init_leaves_no_project_behind(tmp_path, name, fragment):
    target = tmp_path / "nieuw.db"
    t0 = time.perf_counter()
    code, out, err = run_cli("init", "-p", target, "--codebook", HOSTILE_DIR / name)
    _assert_refused(code, err, HOSTILE_DIR / name, fragment, time.perf_counter() - t0)
    assert not any(tmp_path.iterdir()), list(tmp_path.iterdir())


def test_a_directory_full_of_bad_files_still_imports_the_good_one(project, tmp_path):
    from sto_qual.importers.registry import DIRECTORY_SUFFIXES
    src = tmp_path / "map"
    shutil.copytree(HOSTILE_DIR, src)
    shutil.copy(FIXTURES / "import" / "speakers_ir.txt", src / "zz_goed.txt")
    bad = sorted(n for n, _, _ in mh.HOSTILE if Path(n).suffix in DIRECTORY_SUFFIXES)
    code, out, err = run_cli("import", "-p", project, src)
    assert code == 1
    # a folder's files that are no transcript (.yaml, .pdf) are named as skipped; tables are read only when named
    other = [f for f in src.iterdir() if f.is_file() and f.suffix.lower() not in DIRECTORY_SUFFIXES | {".csv", ".xlsx"}]
    assert out.strip().splitlines()[-1] == f"1 imported, {len(other)} skipped, {len(bad)} refused"
    # the good file's roleless speakers are a warning; the tables beside it, not read, are notes
    refused = [x for x in err.strip().splitlines() if not x.startswith(("warning", "note: "))]
    tables = sorted(str(f) for f in src.iterdir() if f.suffix.lower() in {".csv", ".xlsx"})
    assert [x.split(": ")[1] for x in err.splitlines() if x.startswith("note: ")] == tables
    assert len(refused) == len(bad)
    for name, line in zip(bad, refused):
        assert line.startswith(f"refused   {src / name}"), (name, line)


# The child's own peak: VmHWM belongs to the process image made by exec, while Linux carries
# ru_maxrss over from the forking parent (a large pytest process would be measured instead).
CHILD = (
    "import atexit, os, resource, sys\n"
    "def peak_kb():\n"
    "    try:\n"
    "        with open('/proc/self/status') as f:\n"
    "            return next(int(l.split()[1]) for l in f if l.startswith('VmHWM:'))\n"
    "    except (OSError, StopIteration):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "atexit.register(lambda: open(os.environ['STO_QUAL_TEST_MAXRSS'], 'w').write(str(peak_kb())))\n"
    "sys.argv = ['sto-qual', *sys.argv[1:]]\n"
    "from sto_qual.cli import main\n"
    "main()\n"
)


@pytest.mark.parametrize("name, kind, fragment", mh.HUGE, ids=[h[0] for h in mh.HUGE])
def test_huge_file_is_refused_by_the_installed_command(project, tmp_path, name, kind, fragment):
    path = mh.make_huge(name, tmp_path)
    before = project_checksum(project)
    rss_file = tmp_path / "maxrss"
    env = {**os.environ, "STO_QUAL_TEST_MAXRSS": str(rss_file)}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, COMMANDS[kind], "-p", str(project), str(path)],
                          capture_output=True, text=True, timeout=120, env=env)
    elapsed = time.perf_counter() - t0
    _assert_refused(proc.returncode, proc.stderr, path, fragment, elapsed)
    peak_mb = int(rss_file.read_text()) / 1024
    assert peak_mb < CHILD_MEMORY_LIMIT_MB, f"{name}: peak {peak_mb:.0f} MB"
    assert project_checksum(project) == before
    path.unlink()
