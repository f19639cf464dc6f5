"""Which project files this process has open: a closed project is never taken for an open one,
even when its file was deleted or replaced while it was open (the freed inode is reused by the
next file written, which ``import`` would then refuse as "an open sto_qual project file")."""
from __future__ import annotations

import os

from sto_qual.services import Workspace
from sto_qual.store.connection import open_project_for


def test_an_open_project_is_known_and_forgotten_on_close(tmp_path):
    ws = Workspace.create(tmp_path / "a.db")
    assert open_project_for(tmp_path / "a.db") == str((tmp_path / "a.db").resolve())
    assert open_project_for(tmp_path / "a.db-wal") is not None
    ws.close()
    assert open_project_for(tmp_path / "a.db") is None


def test_a_project_deleted_while_open_is_forgotten_on_close(tmp_path):
    ws = Workspace.create(tmp_path / "a.db")
    os.link(tmp_path / "a.db", tmp_path / "same-inode.txt")  # stands for a new file on the freed inode
    (tmp_path / "a.db").unlink()
    ws.close()
    assert open_project_for(tmp_path / "same-inode.txt") is None


def test_a_project_replaced_while_open_is_forgotten_on_close(tmp_path):
    ws = Workspace.create(tmp_path / "a.db")
    os.link(tmp_path / "a.db", tmp_path / "same-inode.txt")
    (tmp_path / "other.db").write_bytes(b"")
    os.replace(tmp_path / "other.db", tmp_path / "a.db")  # the path now names another file
    ws.close()
    assert open_project_for(tmp_path / "same-inode.txt") is None


def test_a_project_nobody_closed_is_forgotten_when_collected(tmp_path):
    import gc
    ws = Workspace.create(tmp_path / "a.db")
    os.link(tmp_path / "a.db", tmp_path / "same-inode.txt")
    (tmp_path / "a.db").unlink()
    del ws
    gc.collect()
    assert open_project_for(tmp_path / "same-inode.txt") is None


def test_a_project_renamed_while_open_is_still_open(tmp_path):
    ws = Workspace.create(tmp_path / "a.db")
    os.replace(tmp_path / "a.db", tmp_path / "b.db")  # its file under a new name: still ours
    assert open_project_for(tmp_path / "b.db") is not None
    ws.close()
    assert open_project_for(tmp_path / "b.db") is None
