"""The command line: init, codebook, codebook-export, info, errors as one line. The commands run
in-process through the real entry point; the installed command itself runs as a real process for
the exit codes and for the imports a fresh interpreter makes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import sq as run

REPO = Path(__file__).resolve().parents[2]


def real(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sto_qual", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ), timeout=120)


def test_init_takes_the_new_projects_file_as_its_argument(tmp_path):
    """`sto-qual init studie.db` (as git init and sqlite3 take a path) said "Got unexpected extra
    argument": a researcher had to know that only --project names it."""
    r = run("init", str(tmp_path / "studie.db"))
    assert r.returncode == 0 and (tmp_path / "studie.db").exists(), r.stderr
    assert r.stdout.startswith(f"Created {tmp_path / 'studie.db'}: 24 codes")
    r = run("init", str(tmp_path / "a.db"), "--project", str(tmp_path / "b.db"))
    assert r.returncode == 2 and "two project files given" in r.stderr
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()


def test_init_says_under_which_name_codings_go_until_a_coder_names_herself(tmp_path):
    """A lead handed out copies of a new project; both coders coded under its default name, unsaid, and the
    merge made them one coder. `init` says so when no one is named."""
    r = run("init", str(tmp_path / "a.db"))
    assert r.stderr.endswith("\nnote: codings go under 'onderzoeker' until a coder names herself (`sto-qual "
                             "default-coder NAME` in her own copy, or --coder NAME); copies coded under one name are "
                             "one coder's once merged\n"), r.stderr
    assert r.stderr.startswith("note: these are the bundled STO codebook's codes")  # (the line before it)
    assert "codings go under" not in run("init", str(tmp_path / "b.db"), "--default-coder", "anna").stderr


def test_init_codebook_export_info(tmp_path):
    p = tmp_path / "p.db"
    r = run("init", "--project", str(p))
    assert r.returncode == 0, r.stderr
    r = run("codebook", "--project", str(p), "--format", "json")
    codes = json.loads(r.stdout)
    assert {"path", "name", "parent", "definition", "codings"} <= set(codes[0])
    assert codes[1]["path"] == "urgentie/docententekort" and codes[1]["parent"] == "urgentie"
    table = run("codebook", "--project", str(p)).stdout.splitlines()  # the number's column is named
    assert table[0].split() == ["code", "codings", "colour", "label"] and table[1].split()[:2] == ["urgentie", "0"]
    # the label the TUI and the chapter show, beside the path (the table named codes by their slugs only)
    assert table[2].split()[0] == "urgentie/docententekort" and table[2].endswith(f"  {codes[1]['label']}")
    out = tmp_path / "cb.yaml"
    assert run("codebook-export", "--project", str(p), "-o", str(out)).returncode == 0
    from sto_qual.importers.codebook_yaml import parse_codebook_file
    assert [c.path for c in parse_codebook_file(out).codes] == [c["path"] for c in codes]
    info = json.loads(run("info", "--project", str(p), "--format", "json").stdout)
    assert info["schema_version"] >= 1 and info["codes"] == 24 and info["documents"] == 0
    # refuses to overwrite
    r = run("init", "--project", str(p))
    assert r.returncode == 1 and "already exists" in r.stderr


def test_project_from_environment_variable(tmp_path, monkeypatch):
    p = tmp_path / "env.db"
    monkeypatch.setenv("STO_QUAL_PROJECT", str(p))
    assert run("init").returncode == 0
    assert p.exists()
    assert json.loads(run("info", "--format", "json").stdout)["codes"] == 24


def test_malformed_codebook_one_line_error_and_no_project_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: x\nversion: 1\ncodes:\n  - name: a\n    colour: '#12345'\n", encoding="utf-8")
    p = tmp_path / "p.db"
    r = run("init", "--project", str(p), "--codebook", str(bad))
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and f"{bad}:5:" in r.stderr
    assert "Traceback" not in r.stderr
    assert not list(tmp_path.glob("p.db*"))


@pytest.mark.parametrize("args, code, text", [
    (["info", "--project", "nope.db"], 1, "no such project"),
    (["code", "--project", "nope.db"], 2, "Missing option"),
    (["frobnicate"], 2, "No such command"),
])
def test_errors_are_one_line_with_exit_codes(tmp_path, args, code, text):
    r = real(*args, cwd=tmp_path)
    assert r.returncode == code
    assert text in r.stderr and "Traceback" not in r.stderr


def test_cli_coding_round_trip_json(tmp_path):
    p = tmp_path / "p.db"
    run("init", "--project", str(p))
    r = run("import", "--project", str(p), str(REPO / "transcripts" / "R01.txt"))
    assert r.returncode == 0, r.stderr
    r = run("code", "--project", str(p), "--doc", "R01", "--code", "docententekort", "--turn", "2",
            "--coder", "anna", "--memo", "eerste", "--star", "--format", "json")
    assert r.returncode == 0, r.stderr
    made = json.loads(r.stdout)
    rows = json.loads(run("codings", "--project", str(p), "--format", "json").stdout)
    assert [{k: x[k] for k in ("id", "doc", "code", "start", "end", "text", "coder", "memo", "origin", "starred")}
            for x in rows] == [{k: made[k] for k in ("id", "doc", "code", "start", "end", "text", "coder", "memo",
                                                      "origin", "starred")}]
    assert rows[0]["code"] == "urgentie/docententekort" and rows[0]["starred"] is True
    assert run("undo", "--project", str(p), "--coder", "anna").returncode == 0
    assert json.loads(run("codings", "--project", str(p), "--format", "json").stdout) == []
    assert run("redo", "--project", str(p), "--coder", "anna").returncode == 0
    assert len(json.loads(run("codings", "--project", str(p), "--format", "json").stdout)) == 1
    r = run("code", "--project", str(p), "--doc", "R01", "--code", "bestaat-niet", "--start", "0", "--end", "4")
    assert r.returncode == 1 and r.stderr.startswith("error: unknown code 'bestaat-niet'")
    r = run("suggest", "--project", str(p))
    assert r.returncode == 0
    sug = json.loads(run("suggestions", "--project", str(p), "--format", "json").stdout)
    assert sug and {"id", "doc", "unit", "code", "start", "end", "text", "origin", "reason", "confidence"} <= set(sug[0])
    assert run("accept", "--project", str(p), str(sug[0]["id"])).returncode == 0
    assert run("reject", "--project", str(p), str(sug[1]["id"])).returncode == 0
    assert len(json.loads(run("codings", "--project", str(p), "--format", "json").stdout)) == 2


def test_commands_without_nlp_do_not_import_spacy_or_pandas(tmp_path):
    p = tmp_path / "p.db"
    run("init", "--project", str(p))
    code = ("import sys; from sto_qual import cli; sys.argv=['sto-qual','info','--project',%r]\n"
            "try:\n    cli.main()\nexcept SystemExit: pass\n"
            "print('spacy' in sys.modules, 'pandas' in sys.modules, 'textual' in sys.modules)\n"
            "print(sorted(m for m in sys.modules if m.startswith('sto_qual.cli.')))" % str(p))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    assert lines[-2] == "False False False"
    # a command loads its own family of commands only (and the options they share)
    assert lines[-1] == "['sto_qual.cli.hints', 'sto_qual.cli.options', 'sto_qual.cli.project']"


def test_a_command_group_takes_the_project_before_its_subcommand(demo_copy):
    """`sto-qual pseudonyms --project P list` said "No such option '--project'": the group takes it
    for its subcommands (given after the subcommand it still works, and wins)."""
    from cli_runner import sq
    before = sq("pseudonyms", "--project", demo_copy, "list", "--format", "json")
    assert before.returncode == 0, before.stderr
    assert sq("pseudonyms", "list", "--project", demo_copy, "--format", "json").stdout == before.stdout
    assert sq("pseudonyms", "-p", demo_copy, "add", "Jansen", "[naam]").returncode == 0
    assert sq("pseudonyms", "-p", demo_copy, "remove", "Jansen").stdout.startswith("removed Jansen")
    gone = sq("pseudonyms", "-p", demo_copy, "remove", "Jansen")
    assert gone.returncode == 1 and "no pseudonym 'Jansen'" in gone.stderr
    assert sq("summary", "--project", demo_copy, "show", "--theme", "urgentie").returncode == 0


def test_a_missing_project_names_the_projects_beside_it(tmp_path, monkeypatch):
    """`sto-qual init stuurgroep.db`, then `sto-qual info`: it looked for sto-qual.db and offered
    to create another project instead of naming the one just made."""
    from cli_runner import sq
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STO_QUAL_PROJECT", raising=False)
    assert sq("init", "stuurgroep.db").returncode == 0
    assert sq("backup", "-p", "stuurgroep.db").returncode == 0  # a backup beside it is no project to offer
    r = sq("info")
    assert r.returncode == 1
    assert r.stderr.strip() == ("error: sto-qual.db: no such project (this folder has stuurgroep.db: pass --project "
                                "stuurgroep.db or set STO_QUAL_PROJECT to it; `sto-qual init --project sto-qual.db` "
                                "creates a new one)"), r.stderr


def test_init_takes_a_refi_qda_codebook_as_codebook_import_does(tmp_path):
    """`init x.db --codebook cb.qdc` read the .qdc as YAML ("invalid YAML: mapping values are not
    allowed" at its line 18), where `codebook-import` reads it."""
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert run("init", str(first)).returncode == 0
    qdc = tmp_path / "cb.qdc"
    assert run("codebook-export", "--project", str(first), "-o", str(qdc)).returncode == 0
    r = run("init", str(second), "--codebook", str(qdc))
    assert r.returncode == 0, r.stderr
    paths = [[c["path"] for c in json.loads(run("codebook", "--project", str(p), "--format", "json").stdout)]
             for p in (first, second)]
    assert paths[0] == paths[1] and len(paths[0]) == 24


def test_a_label_another_code_has_is_saved_with_a_warning(tmp_path):
    """A label typed onto a sibling's ("Arbeidsmarkt" twice) made two codes the picker, F5 and the
    chapter showed alike, without a word."""
    p = tmp_path / "p.db"
    assert run("init", "--project", str(p)).returncode == 0
    r = run("code-edit", "--project", str(p), "urgentie/kwaliteit-innovatie", "--label", "arbeidsmarkt ")
    assert r.returncode == 0 and r.stderr.strip().splitlines()[-1] == (
        "warning: ‘arbeidsmarkt’ is the label of urgentie/arbeidsmarkt too: the picker, F5 and the chapter show the "
        "two alike (give one another label, or merge them)"), r.stderr
    assert r.stderr.startswith("note: a code-edit is no undo step; `sto-qual code-edit urgentie/kwaliteit-innovatie "
                               "--label 'Kwaliteit en innovatie'")  # (its way back)
    assert "warning" not in run("code-edit", "--project", str(p), "urgentie/kwaliteit-innovatie", "--label",
                                "Kwaliteit").stderr


def test_info_names_the_reference_coder_for_a_script(demo_copy):
    """A script asking whose codings `stats` counts parsed the text of `reference-coder`: `info` says it."""
    info = json.loads(run("info", "--format", "json", "--project", demo_copy).stdout)
    assert info["reference_coder"] == "onderzoeker-a" and info["default_coder"] == "onderzoeker-a"
    assert run("reference-coder", "onderzoeker-b", "--project", demo_copy).returncode == 0
    assert json.loads(run("info", "--format", "json", "--project", demo_copy).stdout)["reference_coder"] == \
        "onderzoeker-b"
