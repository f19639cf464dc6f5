"""A memo on a document, as a researcher keeps one per interview (NVivo's document memo): one per
coder, written again rather than added to, and listed where a user looks for it."""
from __future__ import annotations

import json

from tests_support import invoke_cli


def _run(project, *args):
    res = invoke_cli([args[0], "--project", str(project), *args[1:]])
    assert res.exit_code == 0, res.output + (res.stderr if res.stderr_bytes else "")
    return res.output


def test_doc_memo_is_written_read_edited_and_cleared_one_per_coder(demo_copy):
    assert _run(demo_copy, "doc-memo", "R03").strip() == "no memo of onderzoeker-a on R03"
    assert _run(demo_copy, "doc-memo", "R03", "Krimpregio; penvoerder net nieuw.").strip() == "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03", "Krimpregio; penvoerder sinds 2024.").strip() == "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03", "--coder", "onderzoeker-b", "Tweede lezing.").strip() == \
        "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03").strip() == "Krimpregio; penvoerder sinds 2024."
    listed = json.loads(_run(demo_copy, "memos", "--doc", "R03", "--format", "json"))
    assert [(m["target"], m["name"], m["coder"], m["text"]) for m in listed] == [
        ("document", "R03", "onderzoeker-a", "Krimpregio; penvoerder sinds 2024."),
        ("document", "R03", "onderzoeker-b", "Tweede lezing.")]
    docs = {d["name"]: d for d in json.loads(_run(demo_copy, "docs", "--format", "json"))}
    assert docs["R03"]["memos"] == 2 and docs["R04"]["memos"] == 0
    assert _run(demo_copy, "doc-memo", "R03", "--clear").strip() == "memo on R03 cleared"
    assert [m["coder"] for m in json.loads(_run(demo_copy, "memos", "--format", "json"))
            if m["name"] == "R03"] == ["onderzoeker-b"]


def test_doc_memo_of_an_unknown_document_is_one_line_and_changes_nothing(demo_copy):
    before = demo_copy.read_bytes()
    res = invoke_cli(["doc-memo", "--project", str(demo_copy), "R99", "tekst"])
    assert res.exit_code == 1 and "unknown document 'R99'" in res.output and "Traceback" not in res.output
    assert demo_copy.read_bytes() == before
