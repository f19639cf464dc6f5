"""`codings-import --coder C` puts the file's codings under C, whatever coder the file names: a
second coder cleaning up after a misspelt name imported `coder: sanen` files with --coder sanne
and got "0 added, 1 already present" (they went back to sanen)."""
from __future__ import annotations

import json
import re

from cli_runner import sq


def test_a_given_coder_wins_over_the_files(demo_copy, tmp_path):
    sq("code", "--project", demo_copy, "--doc", "R03", "--code", "urgentie", "--sentence", "30", "--coder", "sanen")
    out = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "sanen", "-o", out).returncode == 0
    r = sq("codings-import", "--project", demo_copy, out / "sanen" / "R03.yaml", "--coder", "sanne")
    assert r.returncode == 0 and r.stdout.strip().endswith("R03.yaml: 1 added, 0 already present"), r.stdout
    # said: a whole file of onderzoeker-a's stored as onderzoeker-b's distorted `agreement` unsaid
    assert f"note: {out / 'sanen' / 'R03.yaml'} gives its codings as sanen's; they were stored as sanne's " \
        "(--coder)" in r.stderr, r.stderr
    coders = {c["coder"] for c in json.loads(sq("codings", "--project", demo_copy, "--doc", "R03", "--code",
                                                  "urgentie", "--format", "json").stdout)}
    assert {"sanen", "sanne"} <= coders
    # without --coder the file's coder, as before
    again = sq("codings-import", "--project", demo_copy, out / "sanen" / "R03.yaml")
    assert again.stdout.strip().endswith("1 already present"), again.stdout


def _counts(project) -> dict[str, int]:
    return {c["name"]: c["codings"] for c in json.loads(sq("coders", "--project", project, "--format", "json").stdout)}


def test_a_misspelt_coder_in_the_file_is_refused_on_its_line_and_a_next_coder_is_said(demo_copy, tmp_path):
    """A codings file saying `coder: onderzoekr-a` made a second coder silently (an import is no
    undo step, so its codings stayed under the typo). It is refused at the coder's line with the
    coder meant, nothing imported; a next coder of a series is added, with a note."""
    out = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out).returncode == 0
    src = out / "onderzoeker-a" / "R03.yaml"
    lines = src.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("coder:"))
    before = _counts(demo_copy)
    for typo, series in (("onderzoekr-a", False), ("onderzoeker-c", True)):
        lines[at] = f"coder: {typo}"
        f = tmp_path / f"{typo}.yaml"
        f.write_text("\n".join(lines) + "\n", encoding="utf-8")
        r = sq("codings-import", "--project", demo_copy, f)
        if not series:
            assert r.returncode == 1, r
            assert r.stderr.strip() == (
                f"error: {f}:{at + 1}: coder 'onderzoekr-a' is not in this project (did you mean onderzoeker-a?) "
                "(correct the file's coder line, give --coder onderzoeker-a, or give --coder onderzoekr-a to "
                "add a new coder)"), r.stderr
            assert _counts(demo_copy) == before  # nothing imported, no coder made
            # the coder meant, given, takes the file: its codings are hers already
            given = sq("codings-import", "--project", demo_copy, f, "--coder", "onderzoeker-a")
            assert given.returncode == 0 and re.search(r": 0 added, [1-9]\d* already present$", given.stdout.strip()), given
            assert "gives its codings as onderzoekr-a's; they were stored as onderzoeker-a's" in given.stderr
            assert _counts(demo_copy) == before
        else:
            assert r.returncode == 0, r
            assert "note: 'onderzoeker-c' is a new coder in this project (its coders before: " in r.stderr, r.stderr
            assert _counts(demo_copy)["onderzoeker-c"] > 0


def test_every_coders_file_is_written_inside_the_folder_and_read_back_whole(demo_copy, tmp_path, monkeypatch):
    """A coder called ".." had her file written beside the export folder (a file written outside
    the folder asked for), "team/a" got a folder team/a/, and importing the folder's files into a
    copy brought every coding back but hers, with exit code 0."""
    import shutil
    copy = shutil.copy(demo_copy, tmp_path / "copy.db")  # the same interviews, without these coders
    sentences = {"..": "3", "team/a": "2"}
    for coder, sentence in sentences.items():
        assert sq("code", "-p", demo_copy, "--doc", "R04", "--code", "urgentie", "--sentence", sentence,
                  "--coder", coder).returncode == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert sq("codings-export", "-p", demo_copy, "-o", "cxn").returncode == 0
    assert sorted(p.name for p in work.iterdir()) == ["cxn"]  # nothing beside the folder
    folders = sorted(p.name for p in (work / "cxn").iterdir())
    assert folders == ["_", "onderzoeker-a", "onderzoeker-b", "team_a"], folders
    r = sq("codings-import", "-p", copy, *sorted((work / "cxn").glob("*/*.yaml")))
    assert r.returncode == 0, r.stderr
    listed = sq("codings", "-p", copy, "--doc", "R04", "--code", "urgentie", "--format", "json")
    assert set(sentences) <= {c["coder"] for c in json.loads(listed.stdout)}, listed.stdout


def test_a_folder_of_codings_files_brings_back_coders_whose_names_are_alike(demo_copy, tmp_path, monkeypatch):
    """Coders "Anna" and "ann a" exported with codings-export: imported into a copy without them,
    "ann a" was refused as a mistyped Anna (added by another file of the same import), and the
    suggested `--coder ann a` was unquoted."""
    import shutil
    copy = shutil.copy(demo_copy, tmp_path / "copy.db")
    for coder, sentence in (("Anna", "3"), ("ann a", "5")):  # (a name close to a coder's: --new-coder)
        assert sq("code", "-p", demo_copy, "--doc", "R04", "--code", "urgentie", "--sentence", sentence,
                  "--coder", coder, "--new-coder").returncode == 0
    monkeypatch.chdir(tmp_path)
    assert sq("codings-export", "-p", demo_copy, "-o", "cxn").returncode == 0
    files = sorted(str(p) for p in (tmp_path / "cxn").glob("*/*.yaml") if p.parent.name in ("Anna", "ann a"))
    r = sq("codings-import", "-p", copy, *files)
    assert r.returncode == 0, r.stderr
    listed = sq("codings", "-p", copy, "--doc", "R04", "--code", "urgentie", "--format", "json")
    assert {"Anna", "ann a"} <= {c["coder"] for c in json.loads(listed.stdout)}
    # one file alone, beside a coder the project has: still asked, the names quoted for a shell
    typo = tmp_path / "typo.yaml"
    typo.write_text("document: R04\ncoder: Ann aa\ncodings:\n- code: urgentie\n  quote: Zullen we beginnen\n",
                    encoding="utf-8")
    r = sq("codings-import", "-p", copy, typo)
    assert r.returncode == 1 and "give --coder 'ann a', or give --coder 'Ann aa' to add a new coder" in r.stderr, \
        r.stderr


def test_a_quote_shortened_by_hand_says_the_coding_keeps_its_span_and_how_to_narrow_it(demo_copy, tmp_path):
    """A quote cut short in an exported file came back '0 added, 25 already present', the coding as
    long as before and nothing said (a lengthened quote does say 'now covers …')."""
    assert sq("codings-export", "-p", demo_copy, "-o", tmp_path / "cx", "--coder", "onderzoeker-a").returncode == 0
    f = tmp_path / "cx" / "onderzoeker-a" / "R01.yaml"
    text = f.read_text(encoding="utf-8")
    first = re.search(r"  quote: (.+?)\n(?=- |  \w)", text, re.S)
    whole = " ".join(first.group(1).split())
    short = whole.split(". ")[0] + "."
    assert short != whole
    f.write_text(text.replace(first.group(0), f"  quote: '{short}'\n", 1), encoding="utf-8")
    got = sq("codings-import", "-p", demo_copy, f)
    assert got.returncode == 0 and "0 added" in got.stdout, got.stdout
    kept = [line for line in got.stderr.splitlines() if line.startswith("kept: coding #")]
    assert len(kept) == 1 and "more than the quote of onderzoeker-a/R01.yaml, line 5" in kept[0]
    # the command as printed runs from anywhere, into the coder's own undo history
    command = re.search(r"`sto-qual (resize [^`]+)` does", kept[0]).group(1)
    assert f"--project {demo_copy.absolute()}" in command and command.endswith("--coder onderzoeker-a")
    import shlex
    assert sq(*shlex.split(command)).returncode == 0
    assert sq("codings-import", "-p", demo_copy, f).stderr.count("kept: coding #") == 0  # narrowed: as the file
    undone = sq("undo", "-p", demo_copy, "--coder", "onderzoeker-a")  # the step is hers
    assert undone.returncode == 0 and undone.stdout.startswith("undone: shrinking of"), undone.stdout


def test_a_code_renamed_here_since_the_export_is_followed_and_its_old_name_is_said(demo_copy, tmp_path):
    """A coder's exported file of a code the lead renamed since was refused whole ("unknown code
    'collectief-optrekken/gedeelde-plek'"), where `merge` follows the rename; and `code --code
    gedeelde-plek` said nothing of its new name."""
    out = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out).returncode == 0
    old = "collectief-optrekken/gedeelde-plek"
    assert sq("code-rename", "--project", demo_copy, old, "techlab").returncode == 0
    typed = sq("code", "--project", demo_copy, "--doc", "R01", "--code", "gedeelde-plek", "--sentence", "3")
    assert typed.returncode == 1 and "is 'collectief-optrekken/techlab' now" in typed.stderr, typed.stderr
    f = next(p for p in sorted((out / "onderzoeker-a").glob("*.yaml")) if old in p.read_text(encoding="utf-8"))
    r = sq("codings-import", "--project", demo_copy, f, "--coder", "noor")
    assert r.returncode == 0, r.stderr
    assert f"kept: code '{old}' of {f.name} is 'collectief-optrekken/techlab' here" in r.stderr, r.stderr
    theirs = json.loads(sq("codings", "--project", demo_copy, "--coder", "noor", "--format", "json").stdout)
    assert any(c["code"] == "collectief-optrekken/techlab" for c in theirs)


def test_two_coders_brought_into_a_project_without_a_reference_coder_are_said_to_be_counted_merged(demo_copy,
                                                                                                     tmp_path):
    """The files carry no reference coder: `stats` in the new project counted both coders' codings
    merged (176 urgentie codings where the project they came from counted 139), said only on its
    stderr."""
    from pathlib import Path
    out = tmp_path / "cx"
    assert sq("codings-export", "-p", demo_copy, "-o", out).returncode == 0
    fresh = tmp_path / "fresh.db"
    assert sq("init", fresh).returncode == 0
    transcripts = Path(__file__).resolve().parents[2] / "transcripts"
    assert sq("import", "-p", fresh, transcripts / "R02.txt").returncode == 0
    r = sq("codings-import", "-p", fresh, out / "onderzoeker-a" / "R02.yaml", out / "onderzoeker-b" / "R02.yaml")
    assert r.returncode == 0, r.stderr
    assert "note: 'onderzoeker-b' is a new coder in this project (its coders before: onderzoeker-a)" in r.stderr
    assert "note: this project has no reference coder, so `stats` and the chapter count the codings of " \
        "onderzoeker-a and onderzoeker-b merged; `sto-qual reference-coder NAME --project" in r.stderr, r.stderr
    assert sq("reference-coder", "-p", fresh, "onderzoeker-a").returncode == 0
    (out / "onderzoeker-b" / "R02.yaml").write_text((out / "onderzoeker-a" / "R02.yaml").read_text(
        encoding="utf-8").replace("coder: onderzoeker-a", "coder: onderzoeker-c"), encoding="utf-8")
    r = sq("codings-import", "-p", fresh, out / "onderzoeker-b" / "R02.yaml")
    assert r.returncode == 0 and "no reference coder" not in r.stderr, r.stderr


def test_a_code_the_project_lacks_is_said_with_the_command_that_adds_it_before_any_near_name(demo_copy, tmp_path):
    """A colleague's file coded with urgentie/werkdruk, which she had added in her copy: the import
    asked "did you mean urgentie/arbeidsmarkt?", inviting her codings under the wrong code."""
    out = tmp_path / "exp"
    assert sq("codings-export", "--project", demo_copy, "--coder", "onderzoeker-a", "-o", out).returncode == 0
    f = out / "onderzoeker-a" / "R01.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("code: urgentie/verschuiving", "code: urgentie/werkdruk"),
                 encoding="utf-8")
    r = sq("codings-import", "--project", demo_copy, f)
    assert r.returncode == 1 and "unknown code 'urgentie/werkdruk' (a code this project does not have: " \
        f"`sto-qual code-add urgentie/werkdruk --project {demo_copy}`" in r.stderr, r.stderr
    # a near name, if one is given at all, after it ('werkdruk' is far from every code's: none is guessed)
    assert "did you mean" not in r.stderr or r.stderr.index("code-add") < r.stderr.index("did you mean")
