"""A newcomer's first commands: the demo from an installed package (not a checkout), a
report with no project given, and a report without -o."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests_support import REPO, invoke_cli


def test_an_installed_package_carries_the_demo_corpus(tmp_path):
    # a fresh copy of what `pip install .` builds from, built the way pip builds it (setup.py's build_py)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("setup.py", "pyproject.toml", "README.md", "MANIFEST.in"):
        shutil.copy(REPO / name, checkout / name)
    for name in ("src", "transcripts", "codebook"):
        shutil.copytree(REPO / name, checkout / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    lib = tmp_path / "site" / "lib"
    done = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)], cwd=checkout,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    sample = lib / "sto_qual" / "sample"
    assert (sample / "transcripts" / "attributes.csv").exists()
    assert (sample / "transcripts" / "roles.csv").exists() and (sample / "transcripts" / "pseudonyms.csv").exists()
    assert sorted(p.name for p in (sample / "transcripts" / "codings").iterdir()) == ["onderzoeker-a", "onderzoeker-b"]
    assert (sample / "codebook" / "sto.yaml").read_bytes() == (REPO / "codebook" / "sto.yaml").read_bytes()

    elsewhere = tmp_path / "elsewhere"  # no transcripts/ here, and no checkout above the package
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(lib), "STO_QUAL_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "sto_qual", "demo", "--no-tui", "--project", "d.db"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "19 documents, 742 codings" in done.stdout
    # where the transcripts are, inside the installed package: a researcher found them only by searching
    # site-packages, as `import transcripts` said "no such file or directory"
    assert f"The sample transcripts are in {sample / 'transcripts'}: `sto-qual import {sample / 'transcripts'} " \
        f"--attributes {sample / 'transcripts' / 'attributes.csv'} --role-map" in done.stdout, done.stdout
    # and the names the exports replace: a coder's own project of them had none, and nothing said so
    assert f"`sto-qual pseudonyms import {sample / 'transcripts' / 'pseudonyms.csv'} --project studie.db`" in done.stdout
    assert (sample / "transcripts" / "pseudonyms.csv").is_file()


def test_report_without_a_project_names_the_demo_and_without_o_says_where(demo_copy, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(demo_copy, home / "demo.db")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("STO_QUAL_HOME", str(home))
    monkeypatch.delenv("STO_QUAL_PROJECT", raising=False)
    res = invoke_cli(["report", "-o", "x.docx"])
    assert res.exit_code == 1
    assert f"the demo project is {home / 'demo.db'}: pass --project {home / 'demo.db'}" in res.stderr
    assert not (work / "x.docx").exists()
    # a project of her own named: making it comes first (she followed "pass --project demo.db"
    # and put her study's .qdpx into the demo)
    res = invoke_cli(["import", "--project", "studie.db", str(work)])
    assert res.exit_code == 1 and "(create it with `sto-qual init --project studie.db`, or, to try things out " \
        f"in the demo project, pass --project {home / 'demo.db'})" in res.stderr, res.stderr

    res = invoke_cli(["report", "--project", str(home / "demo.db")])
    assert res.exit_code == 0, res.output
    out = work / "demo-report.docx"
    assert out.exists()
    assert f"Wrote {out}:" in res.output
    # her own project in the folder, no --project given: named first (the demo was, and she coded into it)
    shutil.copy(demo_copy, work / "studie.db")
    res = invoke_cli(["info"])
    assert res.exit_code == 1 and res.stderr.strip() == (
        "error: sto-qual.db: no such project (this folder has studie.db: pass --project studie.db or set "
        "STO_QUAL_PROJECT to it; `sto-qual init --project sto-qual.db` creates a new one; the demo project is "
        f"{home / 'demo.db'})"), res.stderr


def test_a_demo_corpus_given_that_is_none_is_named_with_what_it_lacks(tmp_path):
    """`demo --corpus FOLDER` said "sample corpus not found (this installation does not include it)
    … or pass --corpus", of a --corpus given."""
    from cli_runner import sq
    empty = tmp_path / "leeg"
    empty.mkdir()
    for folder, why in ((empty, "no attributes.csv in it"), (tmp_path / "nergens", "no such folder")):
        r = sq("demo", "-p", tmp_path / "d" / "demo.db", "--corpus", folder, "--no-tui")
        assert r.returncode == 1 and r.stderr.strip() == (
            f"error: --corpus {folder}: {why} (a demo corpus is a folder of transcripts with an attributes.csv "
            "beside them, as the repository's transcripts/ is)"), r.stderr
    assert not (tmp_path / "d").exists()
