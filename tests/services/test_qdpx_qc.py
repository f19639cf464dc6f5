"""A real peer: the ``qc`` tool (PyPI ``qualitative-coding``) opens our export, and its own
export imports into sto_qual. Skipped only when ``qc`` is not installed.

qc pins ``rich<14`` and ``xmlschema<4``, which clash with textual, so it lives in its own
virtual environment: ``python -m venv /opt/qc-venv &&
/opt/qc-venv/bin/pip install qualitative-coding==1.7.8`` and put ``qc`` on PATH (or set ``STO_QUAL_QC``
to its path); ``.ci/run`` does exactly this in ``.venv-qc``. qc 1.7.8 has a stray ``breakpoint()`` in its importer, so it runs here with
``PYTHONBREAKPOINT=0``.

What each side loses: qc codes whole lines, so our export (each turn opened by its speaker label)
reaches qc as one coding per line where the selection starts (``PlainTextSelection@name="line:N"``), and qc keeps no
definitions, colours, attributes, memos or quote candidates; coming back, a qc coding is a
whole line and its code path is the slug of the qc code name (the name becomes the label).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sto_qual.services.interchange import export_qdpx, import_qdpx

QC = os.environ.get("STO_QUAL_QC") or shutil.which("qc")
# CI (.ci/run) installs qc and sets STO_QUAL_REQUIRE_QC=1: there a missing qc is a failure, not a skip
REQUIRED = os.environ.get("STO_QUAL_REQUIRE_QC") == "1"
pytestmark = pytest.mark.skipif(not QC and not REQUIRED, reason="qc (qualitative-coding) is not installed")


def test_qc_is_there_when_required():
    assert QC and Path(QC).exists(), f"STO_QUAL_REQUIRE_QC=1 but qc is not found (STO_QUAL_QC={QC!r})"


def qc(*args: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONBREAKPOINT": "0", "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run([QC, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"qc {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_qc_opens_our_export_and_we_open_qc_export(demo_ws, tmp_path):
    ours = tmp_path / "demo.qdpx"
    export_qdpx(demo_ws, ours)
    project = tmp_path / "qc-project"
    project.mkdir()
    qc("init", "--import", str(ours), cwd=project)

    # what qc holds is checked through its own export below (documents, code labels, coders
    # and codings all come back from it); each extra qc command costs a 1.7 s start-up
    for d in demo_ws.documents():  # the text reaches qc with each turn opened by its speaker label
        text, turns = demo_ws.document_text(d.id), demo_ws.turns(d.id)
        labelled = "\n\n".join((f"[{t.time_start}] " if t.time_start else "") + f"{t.speaker}: " + text[t.start:t.end]
                               for t in turns)
        assert (project / "corpus" / f"{d.name}.txt").read_text(encoding="utf-8") == labelled

    theirs = tmp_path / "from-qc.qdpx"
    qc("export", str(theirs), cwd=project)
    from sto_qual.services import Workspace
    from sto_qual.store import ProjectStore
    ws = Workspace(ProjectStore(tmp_path / "back.db", create=True))
    summary = import_qdpx(ws, theirs)
    assert sorted(i["document"] for i in summary.imported) == sorted(d.name for d in demo_ws.documents())
    for d in demo_ws.documents():
        assert ws.document_text(d.name) == demo_ws.document_text(d.id)
    assert {c.label for c in ws.codebook()} == {c.label for c in demo_ws.codebook()}
    back = ws.codings()
    assert back and {c.coder for c in back} == {"onderzoeker-a", "onderzoeker-b"}
    for c in back:  # qc codes whole lines: each coding is one line of the transcript
        text = ws.document_text(c.doc)
        assert "\n" not in c.text and text[c.start - 1:c.start] in ("", "\n") and text[c.end:c.end + 1] in ("", "\n")
    # every original coding survives as a coding of its start line, same code and coder
    lines = {(c.doc, c.start, c.coder, c.code.rsplit("/", 1)[-1]) for c in back}
    label_slug = {c.path: (c.label or c.name) for c in demo_ws.codebook()}
    from sto_qual.importers.refi import slugify
    for c in demo_ws.codings():
        text = demo_ws.document_text(c.doc)
        line_start = text.rfind("\n", 0, c.start) + 1
        assert (c.doc, line_start, c.coder, slugify(label_slug[c.code])) in lines
    ws.close()
