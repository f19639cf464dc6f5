"""A .qdpx is untrusted: hostile archives are refused (or their hostile parts ignored), nothing
is written outside the project, and a refused file leaves the project exactly as it was."""
from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import limits
from sto_qual.services.interchange import import_qdpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import refi_support as rs  # noqa: E402


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def state(ws) -> tuple:
    return (ws.info(), len(ws.session.audit_log()), [c.path for c in ws.codebook()],
            [(m["target"], m["text"]) for m in ws.memos()])


@pytest.fixture
def sandbox(tmp_path, monkeypatch, empty_ws):
    """A working directory inside tmp_path; everything under tmp_path is watched."""
    cwd = tmp_path / "deep" / "er" / "cwd"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    return tmp_path


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", rs.minimal_qde())
        zf.writestr("sources/doc.txt", b"\0" * (limits.MAX_ZIP_RATIO * 100_000))
    return path


HOSTILE = {
    "traversal-reference": lambda p: rs.make_zip(p, {"project.qde": rs.minimal_qde("internal://../../../x.txt"),
                                                     "../../../x.txt": b"Interviewer: boe."}),
    "billion-laughs": lambda p: rs.make_zip(p, {"project.qde": rs.LAUGHS}),
    "external-entity": lambda p: rs.make_zip(p, {"project.qde": rs.EXTERNAL}),
    "zip-bomb": _bomb,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_archives_are_refused_without_trace(sandbox, empty_ws, kind):
    qdpx = HOSTILE[kind](sandbox / "evil.qdpx")
    before_files, before = tree(sandbox), state(empty_ws)
    with pytest.raises(ImportRefused) as info:
        import_qdpx(empty_ws, qdpx)
    assert str(qdpx) in str(info.value)
    summary = empty_ws.import_files([qdpx])  # the CLI path: refused, reported, nothing else
    assert not summary.ok and not summary.imported
    assert state(empty_ws) == before
    new = tree(sandbox) - before_files
    assert all(name.startswith("p.db") for name in new), new  # only the project's own -wal/-shm


def test_traversal_member_names_are_never_extracted(sandbox, empty_ws):
    """A valid project with extra members named ../../x: it imports, and those names are
    never used as paths (members are read into memory, never extracted)."""
    qdpx = rs.atlas_style_qdpx(sandbox / "a.qdpx")
    with zipfile.ZipFile(qdpx, "a") as zf:
        zf.writestr("../../x", b"owned")
        zf.writestr("/tmp/abs-x", b"owned")
        zf.writestr("sources/../../../y.txt", b"owned")
    before_files = tree(sandbox)
    summary = import_qdpx(empty_ws, qdpx)
    assert len(summary.imported) == 1
    assert {n for n in tree(sandbox) - before_files if not n.startswith("p.db")} == set()
    assert not Path("/tmp/abs-x").exists() or Path("/tmp/abs-x").read_bytes() != b"owned"
    for up in (sandbox.parent, sandbox.parent.parent):
        assert not (up / "x").exists() and not (up / "y.txt").exists()


def test_sources_outside_the_archive_are_not_read(sandbox, empty_ws):
    secret = sandbox / "secret.txt"
    secret.write_text("GEHEIM wachtwoord", encoding="utf-8")
    qdpx = rs.make_zip(sandbox / "p.qdpx", {"project.qde": rs.minimal_qde(f"absolute://{secret}")})
    # its only source outside it: refused whole, nothing written (it said "0 imported", exit 0)
    before = state(empty_ws)
    with pytest.raises(ImportRefused, match=r"none of its sources could be read \(1 skipped: source 'doc' points "
                                            r"outside the project file \(absolute://\); skipped\)"):
        import_qdpx(empty_ws, qdpx)
    assert state(empty_ws) == before and not empty_ws.documents()


def test_a_missing_source_refuses_the_whole_file(sandbox, empty_ws):
    """All or nothing: the first source is fine, the second is missing; nothing is imported."""
    qdpx = rs.atlas_style_qdpx(sandbox / "a.qdpx")
    with zipfile.ZipFile(qdpx) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["project.qde"] = members["project.qde"].replace(
        b"</Sources>", b'<TextSource guid="00000000-0000-4000-8000-00000000ffff" name="weg" '
                       b'plainTextPath="internal://weg.txt"/></Sources>')
    before = state(empty_ws)
    with pytest.raises(ImportRefused, match="weg.txt is not in the project file"):
        import_qdpx(empty_ws, rs.make_zip(sandbox / "b.qdpx", members))
    assert state(empty_ws) == before


def test_size_limit_is_enforced(sandbox, empty_ws, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ZIP_BYTES", 100)
    with pytest.raises(ImportRefused, match="over the"):
        import_qdpx(empty_ws, rs.atlas_style_qdpx(sandbox / "a.qdpx"))
    assert os.listdir(sandbox / "deep" / "er" / "cwd") == []
