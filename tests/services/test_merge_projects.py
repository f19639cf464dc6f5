"""Team work: two coders' projects made from the same transcripts, merged."""
from pathlib import Path

from sto_qual.services import Workspace
from sto_qual.services.merge import merge_projects

T = Path(__file__).resolve().parents[2] / "transcripts"


def _project(path, coder, files, codings):
    ws = Workspace.create(path, default_coder=coder)
    assert ws.import_files([T / f for f in files], attributes=T / "attributes.csv").ok
    for c in codings:
        ws.import_codings(T / "codings" / coder / c)
    return ws


def test_merge_two_coders_projects(tmp_path):
    a = _project(tmp_path / "a.db", "onderzoeker-a", ["R02.txt", "R05.txt", "R09.txt"], ["R02.yaml", "R05.yaml"])
    # b imported in another order and has a document a does not have
    b = _project(tmp_path / "b.db", "onderzoeker-b", ["R05.txt", "R02.txt", "R18.txt"], ["R02.yaml", "R05.yaml", "R18.yaml"])
    b.add_code("urgentie/huisvesting", definition="Gebouwen.")
    doc = b.document("R02").id
    extra = b.assign_code(doc, "urgentie/huisvesting", start=0, end=30, memo="nieuw")
    b.edit_code("urgentie/arbeidsmarkt", definition="Een andere definitie.")
    n_b_arbeidsmarkt = len([c for c in b.codings(code="urgentie/arbeidsmarkt", coder="onderzoeker-b")
                            if c.doc in ("R02", "R05")])
    b.suggest(doc="R02")
    sug = b.suggestions(doc="R02")
    b.reject([sug[0].id])
    b.close()
    before = a.info()["codings"]
    res = merge_projects(a, tmp_path / "b.db")
    added = res["added"]
    assert added["codes"] == 1 and added["coders"] == 1
    b_in_shared = 34 + 33 + 1 - n_b_arbeidsmarkt  # R18 is not in a; arbeidsmarkt conflicts
    assert added["codings"] == b_in_shared
    assert a.info()["codings"] == before + b_in_shared
    assert any("R18" in x for x in res["not_placed"])
    assert any("urgentie/arbeidsmarkt" in x for x in res["not_placed"])
    merged = [c for c in a.codings(coder="onderzoeker-b") if c.code == "urgentie/huisvesting"]
    assert merged[0].memo == "nieuw" and merged[0].text == extra.text
    assert added["suggestion_decisions"] == 1
    # the texts line up: every merged coding's text is what b stored
    for c in a.codings(coder="onderzoeker-b"):
        assert c.text == a.document_text(c.document_id)[c.start:c.end]
    # twice adds nothing
    again = merge_projects(a, tmp_path / "b.db")
    assert sum(again["added"].values()) == 0
    assert a.info()["codings"] == before + b_in_shared
    # and agreement now has two coders to compare
    ag = a.agreement("onderzoeker-a", "onderzoeker-b")
    assert sorted(ag["overall"]["documents"]) == ["R02", "R05"]
    a.close()
