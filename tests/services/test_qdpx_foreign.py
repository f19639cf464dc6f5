"""Another tool's project into sto_qual: a hand-written file in the style of an ATLAS.ti/MAXQDA
export (BOM, CRLF, capitalised Sources/, rich text next to plain text, a code folder) imports
with the right spans, coders, attributes and memos, and as a normal document (turns, units,
search)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sto_qual.services.interchange import import_qdpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import refi_support as rs  # noqa: E402


@pytest.mark.parametrize("crlf", [True, False], ids=["crlf", "lf"])
def test_atlas_style_export_imports_with_correct_spans(empty_ws, tmp_path, crlf):
    path = rs.atlas_style_qdpx(tmp_path / "atlas.qdpx", crlf=crlf, bom=crlf)
    summary = empty_ws.import_files([path])
    assert summary.ok, summary.refused
    (item,) = summary.imported
    assert item["document"] == "Interview 1" and item["codings"] == 4
    assert any("not imported" in w for w in summary.warnings)  # the project-level note

    doc = empty_ws.document("Interview 1")
    assert doc.attributes == {"Regio": "Noord", "Aantal besturen": 3}
    got = sorted((c.text, c.code, c.coder, c.origin) for c in empty_ws.codings(doc="Interview 1"))
    assert got == sorted([
        (rs.EXPECTED["tekort"], "themas/docententekort", "Anna de Vries", "imported"),
        (rs.EXPECTED["paragraph"], "themas/docententekort", "Bram", "imported"),
        (rs.EXPECTED["financieel"], "themas/financiering", "Bram", "imported"),
        (rs.EXPECTED["onzeker"], "themas/financiering/onzeker-na-2026", "Bram", "imported"),
    ])
    folder = empty_ws.code("themas")
    assert folder.label == "Thema's" and empty_ws.code("themas/docententekort").colour == "#ff0000"
    assert {"Anna de Vries", "Bram"} <= {c["name"] for c in empty_ws.coders()}
    memos = {(m["target"], m["text"]) for m in empty_ws.memos()}
    assert ("document", "Afgenomen op locatie.") in memos
    coded = {c.text: c for c in empty_ws.codings(doc="Interview 1")}
    assert coded[rs.EXPECTED["onzeker"]].memo == "Let op: 2026 is het einde van de subsidie."

    # a normal document: turns with the speakers, units, full-text search
    assert [t.speaker for t in empty_ws.turns("Interview 1")] == ["I", "R1", "I", "R1"]
    assert empty_ws.units("Interview 1")
    assert any(r["doc"] == "Interview 1" for r in empty_ws.search("docententekort"))

    again = import_qdpx(empty_ws, path)
    assert not again.imported and len(empty_ws.codings(doc="Interview 1")) == 4


def test_crlf_and_lf_exports_give_the_same_document(tmp_path):
    from sto_qual.services import Workspace
    texts = []
    for crlf in (True, False):
        ws = Workspace.create(tmp_path / f"p{crlf}.db")
        import_qdpx(ws, rs.atlas_style_qdpx(tmp_path / f"a{crlf}.qdpx", crlf=crlf))
        texts.append((ws.document_text("Interview 1"),
                      sorted((c.start, c.end, c.code) for c in ws.codings())))
        ws.close()
    assert texts[0] == texts[1]
