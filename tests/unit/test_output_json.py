"""to_json lays records out itself (the standard library's indented encoder is pure Python);
its text must stay exactly that of json.dumps, except that DEL and the C1 controls
(U+007F-U+009F, U+009B is a terminal CSI) are \\u escapes too."""
import datetime
import json
import re

import pytest

from sto_qual.output import columns_json, to_json


def reference(data) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return re.sub("[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text)


CASES = [
    [{"id": 1, "doc": "R01", "text": "“Zij zei: \"ja\"\n— en toen…”\t\\", "memo": None, "starred": True,
      "share": 0.125, "nan": float("nan"), "inf": float("-inf"), "big": 10 ** 30, "neg": -0.0}],
    [{"a": 1, "attributes": {"region": "R01", "roles": ["bestuurder", "directeur"], "leeg": {}}}, {"a": 2, "attributes": {}}],
    [{"a": 1}, {"b": 2}],                      # different keys: the standard path
    [{"a": 1}, {"a": [1, {"x": [[], {}]}]}],
    [{"%s": "100%", "d": datetime.date(2024, 1, 2), "t": (1, 2)}],
    [{}], [], {}, {"imported": [{"file": "a.txt", "words": 3}], "refused": []}, "x", None, 3, [[1, 2]],
    # controls: C0 escaped by json itself, DEL and C1 by to_json, in values, keys and nested values
    [{"name": "R\x9b2J\x1b", "memo": "a\x7fb\x80c\x9fd\xa0e", "tags": ["\x85"]}, {"name": "x", "memo": None, "tags": []}],
    {"k\x9b": [{"\x90": "\x9c"}], "n": "\x7f"}, "\x9b[2J", [["\x99"]],
]


@pytest.mark.parametrize("data", CASES)
def test_to_json_is_the_text_of_json_dumps(data):
    assert to_json(data) == reference(data)
    assert json.loads(to_json(data)) == json.loads(json.dumps(data, default=str))


def test_c1_controls_never_reach_the_json_text():
    text = to_json([{"name": "R\x9b2J", "memo": "\x7f"}])
    assert not re.search("[\x7f-\x9f]", text) and "\\u009b" in text and "\\u007f" in text


def test_columns_json_is_to_json_of_the_records():
    keys = ("id", "text", "memo")
    columns = [[1, 2], ["ja\x9b[2J", "nee"], [None, "\x85"]]
    assert columns_json(keys, columns) == to_json([dict(zip(keys, row)) for row in zip(*columns)])
    assert "\x9b" not in columns_json(keys, columns)


def test_an_import_summary_of_many_documents_keeps_its_layout():
    summary = {"imported": [{"file": f"enquete.csv#{i}", "document": f"enquete-{i}", "words": i, "turns": 1,
                             "units": 2} for i in range(3)],
               "skipped": [], "refused": [{"file": "x.docx", "error": "kapot"}], "warnings": ["let op: “x”"],
               "nested": {"deeper": [{"a": {"b": [1, 2]}, "c": None}], "k": {1: 2}}}
    assert to_json(summary) == reference(summary)


def test_a_yes_in_a_table_is_english_like_the_rest_of_the_command_line():
    """`coders` printed "default: ja" among English headers."""
    from sto_qual.output import to_table
    text = to_table([{"name": "onderzoeker-a", "default": True}, {"name": "onderzoeker-b", "default": False}])
    assert text.splitlines()[2].rstrip().endswith("yes") and "ja" not in text
