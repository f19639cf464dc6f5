"""The program never uses the network: a whole workflow runs with sockets forbidden."""
import socket

import pytest

# fictional, like every sample in this project
NEW_INTERVIEW = """---
region: R91
region_type: landelijk
date: 2024-01-15
---
Interviewer: Wat speelt er nu het meest in de regio?

Els: Het tekort aan technische docenten. We krijgen de vacatures niet vervuld.

Interviewer: En de financiering na 2024?

Els: Daar is nog niets over bekend, dat maakt plannen lastig.
"""


def test_workflow_without_network(monkeypatch, tmp_path, tui_project):
    def refuse(*args, **kwargs):
        raise AssertionError("sto_qual tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from sto_qual.services import Workspace
    # the session's seeded project (three interviews, both reference coders; built once) plus
    # one interview imported here: the import, the learned model, the report and the exports
    # all run with the network refused
    new = tmp_path / "R91.txt"
    new.write_text(NEW_INTERVIEW, encoding="utf-8")
    ws = Workspace.open(tui_project)
    assert ws.import_files([new]).ok
    assert ws.suggest(code="financieringsonzekerheid", learned=True)["model_suggestions"] > 0
    ws.report(tmp_path / "r.docx")
    ws.export(tmp_path / "r.xlsx")
    ws.export(tmp_path / "r.qdpx")
    ws.close()
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
