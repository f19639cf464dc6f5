"""The program never uses the network: a whole workflow runs with sockets forbidden."""
import socket

import pytest


def test_workflow_without_network(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("sto_qual tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from sto_qual.services import Workspace
    from sto_qual.services.demo import build_demo
    from tests_support import REPO
    build_demo(tmp_path / "d.db", REPO / "transcripts")
    ws = Workspace.open(tmp_path / "d.db")
    ws.suggest(code="financieringsonzekerheid", learned=True)
    ws.report(tmp_path / "r.docx")
    ws.export(tmp_path / "r.xlsx")
    ws.export(tmp_path / "r.qdpx")
    ws.close()
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
