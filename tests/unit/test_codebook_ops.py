"""Codebook operations: add, rename, move, merge, delete; codings follow."""
import pytest

from sto_qual.domain.errors import CodebookError, UnknownCode


def test_add_rename_move_keep_codings(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    ws.add_code("urgentie/huisvesting", definition="Gebouwen.")
    c = ws.assign_code(doc, "huisvesting", start=0, end=12)
    assert c.code == "urgentie/huisvesting"
    assert ws.rename_code("urgentie/huisvesting", "gebouwen") == "urgentie/gebouwen"
    assert ws.coding(c.id).code == "urgentie/gebouwen"
    assert ws.move_code("urgentie/gebouwen", "financieringsonzekerheid") == "financieringsonzekerheid/gebouwen"
    assert ws.coding(c.id).code == "financieringsonzekerheid/gebouwen"
    with pytest.raises(CodebookError):
        ws.move_code("urgentie", "urgentie/docententekort")  # under itself
    with pytest.raises(CodebookError):
        ws.add_code("bestaat-niet/kind")


def test_merge_moves_codings_and_children(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    a = ws.assign_code(doc, "urgentie/arbeidsmarkt", start=0, end=12)
    n = ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")
    assert n == 1
    assert ws.coding(a.id).code == "urgentie/docententekort"
    with pytest.raises(UnknownCode):
        ws.code("urgentie/arbeidsmarkt")


def test_delete_refused_with_codings_unless_forced(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    ws.assign_code(doc, "urgentie/krimp-leerlingaantallen", start=0, end=12)
    with pytest.raises(CodebookError, match="1 coding"):
        ws.delete_code("urgentie/krimp-leerlingaantallen")
    assert ws.delete_code("urgentie/krimp-leerlingaantallen", force=True) == 1
    assert ws.codings(doc=doc) == []
    assert ws.delete_code("urgentie/arbeidsmarkt") == 0


def test_ambiguous_and_unknown_codes(small_ws):
    ws = small_ws
    ws.add_code("collectief-optrekken/impact")
    with pytest.raises(UnknownCode, match="ambiguous"):
        ws.code("impact")
    with pytest.raises(UnknownCode, match="unknown code"):
        ws.code("bestaat-niet")
    assert ws.code("docententekort").path == "urgentie/docententekort"
