"""Codings files: a quote that occurs more than once needs `occurrence` (README "Codings
files"); without it the whole file is refused with one line and the project is unchanged.
Export writes `occurrence` wherever it is needed, so export and re-import still round-trip."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from import_invariants import project_checksum, run_cli  # noqa: E402


def _file(tmp_path, name, *entries) -> Path:
    f = tmp_path / name
    f.write_text("document: R03\ncoder: onderzoeker-a\ncodings:\n" + "".join(entries), encoding="utf-8")
    return f


def _starts(text: str, quote: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(quote)})", text)]


def test_an_ambiguous_quote_refuses_the_file_and_changes_nothing(demo_copy, tmp_path):
    amb = _file(tmp_path, "amb.yaml", '  - code: urgentie\n    quote: "eh"\n')
    before = project_checksum(demo_copy)
    code, out, err = run_cli("codings-import", "-p", demo_copy, amb)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: {amb}:5: quote “eh” occurs 7 times in R03 (4 of them inside a longer word); add "
        "'occurrence: N' to this coding (N = 1 to 7, in text order) or quote more of the passage "
        "(nothing of the file was imported)"]
    assert project_checksum(demo_copy) == before
    # one good entry does not get in either: the file is all or nothing
    mixed = _file(tmp_path, "mixed.yaml", '  - code: urgentie\n    quote: "eh"\n    occurrence: 1\n',
                  '  - code: collectief-optrekken\n    quote: "eh"\n')
    code, out, err = run_cli("codings-import", "-p", demo_copy, mixed)
    assert code == 1 and f"{mixed}:8: quote “eh” occurs 7 times" in err
    assert project_checksum(demo_copy) == before


def test_occurrence_picks_the_nth_match_and_a_single_match_needs_none(demo_copy, tmp_path):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    text = ws.document_text("R03")
    ws.close()
    quote = "als, eh, als"
    assert len(_starts(text, "eh")) == 7 and len(_starts(text, quote)) == 1
    f = _file(tmp_path, "ok.yaml", '  - code: urgentie\n    quote: "eh"\n    occurrence: 5\n',
              f'  - code: collectief-optrekken\n    quote: "{quote}"\n')
    code, out, err = run_cli("codings-import", "-p", demo_copy, f)
    assert (code, out) == (0, f"{f}: 2 added, 0 already present\n"), err
    ws = Workspace.open(demo_copy)
    got = {(c.code, c.start, c.text) for c in ws.codings(doc="R03", code="urgentie") if c.text == "eh"}
    got |= {(c.code, c.start, c.text) for c in ws.codings(doc="R03", code="collectief-optrekken") if c.text == quote}
    ws.close()
    assert got == {("urgentie", _starts(text, "eh")[4], "eh"), ("collectief-optrekken", text.index(quote), quote)}


def test_export_writes_occurrence_for_the_first_of_several_and_round_trips(small_ws, tmp_path):
    from sto_qual.services import Workspace
    ws = small_ws
    text = ws.document_text("R90")
    first, second = _starts(text, "in the lead")
    ws.assign_code("R90", "urgentie", start=first, end=first + len("in the lead"), coder="anna")
    ws.assign_code("R90", "urgentie", start=second, end=second + len("in the lead"), coder="bob")
    files = {p.parent.name: p for p in ws.export_codings_yaml(tmp_path / "out")[0]}
    assert yaml.safe_load(files["anna"].read_text(encoding="utf-8"))["codings"] == [
        {"code": "urgentie", "quote": "in the lead", "occurrence": 1}]
    assert yaml.safe_load(files["bob"].read_text(encoding="utf-8"))["codings"][0]["occurrence"] == 2
    fresh = Workspace.create(tmp_path / "fresh.db")
    try:
        assert fresh.import_files([tmp_path / "R90.txt"]).ok  # the file small_ws was made from
        assert [fresh.import_codings(f)["added"] for f in files.values()] == [1, 1]
        assert (sorted((c.coder, c.start, c.end) for c in fresh.codings())
                == sorted((c.coder, c.start, c.end) for c in ws.codings()))
    finally:
        fresh.close()
