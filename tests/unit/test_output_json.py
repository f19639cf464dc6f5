"""to_json lays records out itself (the standard library's indented encoder is pure Python);
its text must stay exactly that of json.dumps."""
import datetime
import json

import pytest

from sto_qual.output import to_json

CASES = [
    [{"id": 1, "doc": "R01", "text": "“Zij zei: \"ja\"\n— en toen…”\t\\", "memo": None, "starred": True,
      "share": 0.125, "nan": float("nan"), "inf": float("-inf"), "big": 10 ** 30, "neg": -0.0}],
    [{"a": 1, "attributes": {"region": "R01", "roles": ["bestuurder", "directeur"], "leeg": {}}}, {"a": 2, "attributes": {}}],
    [{"a": 1}, {"b": 2}],                      # different keys: the standard path
    [{"a": 1}, {"a": [1, {"x": [[], {}]}]}],
    [{"%s": "100%", "d": datetime.date(2024, 1, 2), "t": (1, 2)}],
    [{}], [], {}, {"imported": [{"file": "a.txt", "words": 3}], "refused": []}, "x", None, 3, [[1, 2]],
]


@pytest.mark.parametrize("data", CASES)
def test_to_json_is_the_text_of_json_dumps(data):
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2, default=str)


def test_an_import_summary_of_many_documents_keeps_its_layout():
    summary = {"imported": [{"file": f"enquete.csv#{i}", "document": f"enquete-{i}", "words": i, "turns": 1,
                             "units": 2} for i in range(3)],
               "skipped": [], "refused": [{"file": "x.docx", "error": "kapot"}], "warnings": ["let op: “x”"],
               "nested": {"deeper": [{"a": {"b": [1, 2]}, "c": None}], "k": {1: 2}}}
    assert to_json(summary) == json.dumps(summary, ensure_ascii=False, indent=2, default=str)
