"""A coder who coded under the wrong name (the default coder, her `--coder` forgotten): `coder-rename`
into her own name is refused, as two coders' work is not joined that way; the refusal said only "choose
another name". It now gives the way that does it, which works as printed; and removing the default coder
names `default-coder` first."""
import json

from cli_runner import sq


def test_the_refused_rename_into_another_coder_names_the_way_that_joins_their_codings(demo_copy, tmp_path):
    before = {c["name"]: c["codings"] for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)}
    refused = sq("coder-rename", "onderzoeker-b", "onderzoeker-a", "-p", demo_copy)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
    assert (f"to put onderzoeker-b's codings under onderzoeker-a: `sto-qual codings-export --coder onderzoeker-b -o DIR "
            f"--project {demo_copy}`, `sto-qual codings-import DIR --coder onderzoeker-a --project {demo_copy}`, then "
            f"`sto-qual uncode --doc DOC --all-codes --coder onderzoeker-b --project {demo_copy}` in each interview") \
        in refused.stderr, refused.stderr
    out = tmp_path / "b"
    assert sq("codings-export", "--coder", "onderzoeker-b", "-o", out, "--project", demo_copy).returncode == 0
    assert sq("codings-import", out, "--coder", "onderzoeker-a", "--project", demo_copy).returncode == 0
    docs = {c["doc"] for c in json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format",
                                            "json").stdout)}
    for doc in sorted(docs):
        done = sq("uncode", "--doc", doc, "--all-codes", "--coder", "onderzoeker-b", "--project", demo_copy)
        assert done.returncode == 0, done.stderr
    after = {c["name"]: c["codings"] for c in json.loads(sq("coders", "-p", demo_copy, "--format", "json").stdout)}
    assert after.get("onderzoeker-b", 0) == 0 and after["onderzoeker-a"] > before["onderzoeker-a"]
    default = sq("coder-remove", "onderzoeker-a", "-p", demo_copy)
    assert default.returncode == 1 and (f"(`sto-qual default-coder NAME --project {demo_copy}` names another coder "
                                        "first)") in default.stderr, default.stderr
