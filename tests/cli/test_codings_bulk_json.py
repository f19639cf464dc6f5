"""``codings --format json`` over the whole project: the bulk read and the byte output give
exactly what the joined, sorted query and the record-by-record JSON gave."""
from __future__ import annotations

import json
import sqlite3

from sto_qual.output import columns_json, columns_json_utf8, to_json
from tests_support import invoke_cli


def record_columns(ws, starred=None) -> list[list]:
    """The columns of the workspace's coding records, one by one (id, document_id, doc, code,
    start, end, text, coder, memo, origin, starred, created_at)."""
    rows = ws.codings(starred=starred)
    return [list(col) for col in zip(*rows)] if rows else [[] for _ in range(12)]


def test_bulk_read_equals_the_records(demo_ws):
    assert demo_ws.coding_tuples(columns=True)[0]
    assert demo_ws.coding_tuples(columns=True) == record_columns(demo_ws)
    for starred in (True, False):
        assert demo_ws.coding_tuples(starred=starred, columns=True) == record_columns(demo_ws, starred)


def test_bulk_read_follows_the_documents_order_not_their_ids(demo_copy):
    con = sqlite3.connect(demo_copy)
    with con:  # reverse the documents' order: the last imported comes first
        con.execute("UPDATE documents SET position = 1000 - position")
    con.close()
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        got = ws.coding_tuples(columns=True)
        assert got == record_columns(ws)
        assert got[1][0] == max(got[1])  # the highest document id now comes first
    finally:
        ws.close()


def test_empty_project_has_twelve_empty_columns(empty_ws):
    assert empty_ws.coding_tuples(columns=True) == [[] for _ in range(12)]


def test_utf8_json_equals_the_text_json_with_controls_escaped():
    keys = ["id", "text", "starred", "memo", "n"]
    columns = [[1, 2, 3], ["één", "C1 \x9b en DEL \x7f", "nbsp\u00a0"], [True, False, True], [None, "m", None],
               [1.5, 2, None]]
    data = columns_json_utf8(keys, columns)
    assert data == columns_json(keys, columns).encode("utf-8")
    assert data.decode("utf-8") == to_json([dict(zip(keys, row)) for row in zip(*columns)])
    assert b"\xc2\x9b" not in data and b"\x7f" not in data
    assert columns_json_utf8(keys, [[] for _ in keys]) == b"[]"


def test_codings_json_command_prints_every_coding_as_before(demo_copy):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    want = [c.as_json() for c in ws.codings()]
    ws.close()
    r = invoke_cli(["codings", "--project", str(demo_copy), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == want
    assert r.stdout == to_json(want) + "\n"
    starred = invoke_cli(["codings", "--project", str(demo_copy), "--format", "json", "--starred"])
    assert json.loads(starred.stdout) == [c for c in want if c["starred"]]
