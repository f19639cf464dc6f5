"""Hostile content that imports fine and must come out harmless: spreadsheet formulas,
terminal escapes, catastrophic pseudonym patterns, Markdown/HTML, and names the pseudonym
list must reach (coder and document names). Fixtures: tests/fixtures/hostile/content/
(made by make_hostile.py) and the escape files in tests/fixtures/hostile/.

Every check runs the command line through its real entry point (``main``), as a user would.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_hostile as mh  # noqa: E402
from import_invariants import project_checksum, run_cli  # noqa: E402

CONTENT = FIXTURES / "hostile" / "content"
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]
LONG_TURN = " ".join(["de scholen werken in de regio samen aan techniek"] * 5)  # 45 words, no "College"


def test_the_content_fixtures_are_fresh():
    assert {n for n, _ in mh.CONTENT} == set(mh.content_files())
    for name, data in mh.content_files().items():
        assert (CONTENT / name).read_bytes() == data, f"{name} is stale: run {mh.__file__}"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """Both content interviews, R1 a bestuurder; coder "Jansen" (a listed name) coded the
    formula turns (with memo "=1+2") and a quote of two turns ("# Kop" + "<img …>"), starred."""
    from sto_qual.services import Workspace
    d = tmp_path_factory.mktemp("hostile-content")
    long_doc = d / "lang.txt"
    long_doc.write_text(f"Interviewer: Vertel eens.\n\nR1: {LONG_TURN}.\n", encoding="utf-8")
    ws = Workspace.create(d / "base.db")
    summary = ws.import_files([CONTENT / "formula_interview.md", CONTENT / "markup_interview.txt", long_doc])
    assert summary.ok, summary.refused
    ws.set_roles({"R1": "bestuurder", "Interviewer": "interviewer"})
    ws.add_pseudonym("Jansen", "[naam]")
    for turn in (2, 3, 4, 5):
        ws.assign_code("formula_interview", "urgentie", turn=turn, coder="Jansen", memo="=1+2", starred=True)
    ws.assign_code("formula_interview", "vmbo-in-the-lead", turn=6, coder="Jansen", starred=True)
    turns = ws.turns("markup_interview")
    ws.assign_code("markup_interview", "collectief-optrekken", start=turns[2].start, end=turns[3].end,
                   coder="Jansen", memo="<script>alert(1)</script> # geen kop", starred=True)
    ws.assign_code("markup_interview", "collectief-optrekken", turn=5, coder="Jansen", starred=True)
    ws.assign_code("lang", "urgentie", turn=2, coder="Jansen")
    ws.session.checkpoint()
    ws.close()
    return d / "base.db"


@pytest.fixture
def project(base, tmp_path) -> Path:
    target = tmp_path / "p.db"
    shutil.copy(base, target)
    return target


def _ok(*args) -> str:
    code, out, err = run_cli(*map(str, args))
    assert code == 0, (args, err)
    return out


# ------------------------------------------------------------ formula injection
def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_export_neutralises_formulas(project, tmp_path):
    out = tmp_path / "x.csv"
    _ok("export", "-p", project, "-o", out)
    rows = _csv_rows(out.read_text(encoding="utf-8-sig"))
    quotes = {r["quote"] for r in rows}
    for f in FORMULAS:
        assert "'" + f in quotes and f not in quotes, f
    assert all(r["memo"] in ("", "'=1+2") or not r["memo"].startswith("=") for r in rows)
    assert "'=1+2" in {r["memo"] for r in rows}
    assert {r["attr_region"] for r in rows if r["doc"] == "formula_interview"} == {"'" + FORMULAS[0]}
    assert {r["attr_region_type"] for r in rows if r["doc"] == "formula_interview"} == {"'@SUM(1+1)"}
    for r in rows:  # numbers stay numbers
        assert r["start"].isdigit() and r["end"].isdigit()
        for v in r.values():
            assert not v.startswith(("=", "+", "-", "@", "\t", "\r")), v


def test_quotes_csv_neutralises_formulas(project, tmp_path):
    rows = _csv_rows(_ok("quotes", "-p", project, "--code", "urgentie", "--format", "csv"))
    assert {"'" + f for f in FORMULAS} <= {r["quote"] for r in rows}
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    out = tmp_path / "q.csv"
    _ok("quotes", "-p", project, "--code", "urgentie", "--format", "csv", "-o", out)
    assert {"'" + f for f in FORMULAS} <= {r["quote"] for r in _csv_rows(out.read_text(encoding="utf-8"))}


def test_xlsx_stores_formulas_as_quote_prefixed_text(project, tmp_path):
    from openpyxl import load_workbook

    from sto_qual.domain.spreadsheet import is_formula_like
    out = tmp_path / "x.xlsx"
    _ok("export", "-p", project, "-o", out)
    wb = load_workbook(out)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str):
                    assert not v.startswith("'"), v  # no literal apostrophe in the text
                    if is_formula_like(v):
                        assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, v)
                        seen.add(v)
    assert set(FORMULAS) | {"=1+2"} <= seen
    # and in the file itself: no formula cell anywhere
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name)


# ------------------------------------------------------------ markdown and HTML
def _quote_blocks(md: str) -> list[list[str]]:
    """The runs of lines from an opening “ to the attribution line."""
    blocks, cur = [], None
    for line in md.splitlines():
        if cur is None and line.startswith("> “"):
            cur = [line]
        elif cur is not None:
            cur.append(line)
            if line.startswith("> —"):
                blocks.append(cur)
                cur = None
    assert cur is None, cur
    return blocks


@pytest.mark.parametrize("how", ["export", "quotes"])
def test_markdown_keeps_transcript_lines_inside_the_quote(project, tmp_path, how):
    if how == "export":
        out = tmp_path / "x.md"
        _ok("export", "-p", project, "-o", out)
        md = out.read_text(encoding="utf-8")
    else:
        md = _ok("quotes", "-p", project, "--code", "collectief-optrekken", "--format", "md")
    blocks = _quote_blocks(md)
    if how == "export":
        # the chapter's body takes short quotes; the two-turn one is in the appendix table: one row
        rows = [x for x in md.splitlines() if "Kop" in x]
        assert rows and all(x.startswith("| ") for x in rows), md
    else:
        two_turns = [b for b in blocks if any("Kop" in x for x in b)]
        assert two_turns, md
    for block in blocks:
        assert all(x.startswith(">") for x in block), block
    lines = md.splitlines()
    assert not any(x.startswith("# Kop") for x in lines)
    assert "<img" not in md and "<script" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    if how == "export":  # "En **dit** …" opens a turn with "En": the chapter leaves it out (no referent)
        assert "**dit**" not in md and "[een link]" not in md
    else:
        assert "\\*\\*dit\\*\\*" in md and "\\[een link\\]" in md


# ------------------------------------------------------------ pseudonyms on names
def _docx_text(path: Path) -> str:
    import docx
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_a_coder_with_a_listed_name_appears_in_no_export(project, tmp_path):
    texts = {}
    for suffix in (".csv", ".md", ".docx", ".xlsx"):
        out = tmp_path / f"x{suffix}"
        _ok("export", "-p", project, "-o", out)
        if suffix == ".docx":
            texts[suffix] = _docx_text(out)
        elif suffix == ".xlsx":
            from openpyxl import load_workbook
            texts[suffix] = " ".join(str(c.value) for ws in load_workbook(out).worksheets
                                     for row in ws.iter_rows() for c in row)
        else:
            texts[suffix] = out.read_text(encoding="utf-8-sig")
    for fmt in ("csv", "json", "md", "table"):
        texts[f"quotes {fmt}"] = _ok("quotes", "-p", project, "--code", "urgentie", "--format", fmt)
    _ok("quotes", "-p", project, "--code", "urgentie", "--format", "docx", "-o", tmp_path / "q.docx")
    texts["quotes docx"] = _docx_text(tmp_path / "q.docx")
    assert "[naam]" in texts[".docx"]  # the method paragraph names the coders, pseudonymised
    assert {r["coder"] for r in json.loads(texts["quotes json"])} == {"coder 1"}  # her place among the coders
    for what, text in texts.items():
        assert "jansen" not in text.lower(), what
    # the .qdpx is the working project for another QDA tool and keeps names verbatim (README)
    _ok("export", "-p", project, "-o", tmp_path / "x.qdpx")
    with zipfile.ZipFile(tmp_path / "x.qdpx") as z:
        assert b'name="Jansen"' in z.read("project.qde")


def test_document_names_are_pseudonymised_in_exports(project, tmp_path):
    _ok("pseudonyms", "add", "-p", project, "markup_interview", "[interview]")
    rows = json.loads(_ok("quotes", "-p", project, "--code", "collectief-optrekken", "--format", "json"))
    assert {r["doc"] for r in rows} == {"[interview]"}
    out = tmp_path / "x.csv"
    _ok("export", "-p", project, "-o", out)
    assert "markup_interview" not in out.read_text(encoding="utf-8-sig")


# ------------------------------------------------------------ catastrophic patterns
def _run_process(*args, timeout=60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p.endswith("src"))
           or os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "sto_qual", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_a_backtracking_pattern_cannot_hang_export_or_quotes(project, tmp_path):
    # through the command (as typed in the issue), and one stored straight in the project, as
    # an older version could have left it
    _ok("pseudonyms", "add", "-p", project, r"(\w+\s?)+ College", "[school]", "--regex")
    _ok("pseudonyms", "import", "-p", project, CONTENT / "pseudonyms_catastrophic.csv")
    from sto_qual.services import Workspace
    ws = Workspace.open(project)
    assert len([p for p in ws.pseudonyms() if p[2]]) == 2
    ws.close()
    _store_pseudonym_unchecked(project, r"(\w+\s?)+ Academie")
    for args in (("export", "-p", project, "-o", tmp_path / "x.csv"),
                 ("quotes", "-p", project, "--code", "urgentie", "--format", "json")):
        try:
            proc = _run_process(*args, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{args[0]} hung on a backtracking pattern")
        assert proc.returncode == 0, proc.stderr
        # RE2 logs nothing: stderr holds only the command's own warnings (a name the list missed) and notes
        assert all(line.startswith(("warning: ", "note: ")) for line in proc.stderr.splitlines()), proc.stderr
    assert LONG_TURN in (tmp_path / "x.csv").read_text(encoding="utf-8-sig")


def test_the_pattern_still_replaces_what_it_should(project):
    _ok("pseudonyms", "add", "-p", project, r"(\w+\s?)+ College", "[school]", "--regex")
    from sto_qual.services import Workspace
    ws = Workspace.open(project)
    anon = ws.anonymiser()
    ws.close()
    assert anon("Het Groen en Techniek College is dicht") == "[school] is dicht"


@pytest.mark.parametrize("args, fragment", [
    (("add", r"(\w+) \1", "[x]", "--regex"), "backreference"),
    (("add", r"Jan(?= de Vries)", "[x]", "--regex"), "lookahead"),
    (("import", CONTENT / "pseudonyms_unsupported.csv"), "pseudonyms_unsupported.csv:3: pattern '(\\w+) \\1' uses a "
                                                          "backreference"),
])
def test_unsupported_pattern_is_refused_when_added(project, args, fragment):
    before = project_checksum(project)
    code, out, err = run_cli("pseudonyms", args[0], "-p", str(project), *map(str, args[1:]))
    assert code == 1 and len(err.strip().splitlines()) == 1 and fragment in err, err
    assert project_checksum(project) == before


def _store_pseudonym_unchecked(project, pattern: str) -> None:
    """A pattern stored as a version without the linear-time check could have left it."""
    from sto_qual.store import ProjectStore
    store = ProjectStore(project)
    store.pseudonyms.add(pattern, "[school]", True)
    store.close()


def test_a_stored_unsupported_pattern_stops_the_export(project, tmp_path):
    _store_pseudonym_unchecked(project, r"(Jan)\s\1")
    code, out, err = run_cli("export", "-p", str(project), "-o", str(tmp_path / "x.csv"))
    assert code == 1 and "backreference" in err and "pseudonyms remove" in err, err
    assert not (tmp_path / "x.csv").exists()


# ------------------------------------------------------------ terminal escapes
ESC_NAME = "Jan\x1b]0;pwned\x07"


@pytest.mark.parametrize("args, fragment", [
    (("code", "--doc", "formula_interview", "--code", "urgentie", "--turn", "2", "--coder", ESC_NAME),
     "coder name contains control character U+001B"),
    (("role", "R1\x1b[2J", "bestuurder"), "speaker label contains control character U+001B"),
    (("role", "R1", "bestuurder\x9b2J"), "role contains control character U+009B"),
    (("pseudonyms", "add", "Piet", "[x]\x1b[2J"), "replacement contains control character U+001B"),
    (("code-add", "urgentie/nieuw", "--label", "Nieuw\x1b[2J"), "label contains control character U+001B"),
    (("code-edit", "urgentie", "--label", "\x9b2J"), "label contains control character U+009B"),
])
def test_control_characters_in_names_on_the_command_line_are_refused(project, args, fragment):
    before = project_checksum(project)
    cmd = list(args)
    cmd.insert(2 if args[0] == "pseudonyms" else 1, "-p")
    cmd.insert(3 if args[0] == "pseudonyms" else 2, str(project))
    code, out, err = run_cli(*cmd)
    assert code == 1 and fragment in err, err
    assert "\x1b" not in err and "\x9b" not in err  # the error itself shows the escape harmlessly
    assert project_checksum(project) == before


def test_control_characters_in_a_memo_are_stripped(project):
    out = _ok("code", "-p", project, "--doc", "formula_interview", "--code", "urgentie", "--turn", "6",
              "--memo", "let op\x1b[2J\x9b31m hier", "--format", "json")
    assert json.loads(out)["memo"] == "let op[2J31m hier"


def test_a_file_name_with_an_escape_is_refused(project, tmp_path):
    bad = tmp_path / "R02\x1b[2J.txt"
    bad.write_text(mh.GOOD_TEXT.replace("Goed.", "Prima."), encoding="utf-8")
    before = project_checksum(project)
    code, out, err = run_cli("import", "-p", str(project), str(bad))
    assert code == 1 and "file name contains control character U+001B" in err, err
    assert "\x1b" not in out + err
    assert project_checksum(project) == before


def _poison(project: Path) -> None:
    """Escapes stored as an older version would have let them in."""
    con = sqlite3.connect(project)
    with con:
        con.execute("UPDATE coders SET name = ?", (ESC_NAME,))
        con.execute("UPDATE documents SET name = 'R\x9b2J' WHERE name = 'markup_interview'")
        con.execute("UPDATE turns SET speaker = 'R1\x1b[2J' WHERE speaker = 'R1'")
        con.execute("UPDATE codes SET label = 'Urgentie\x1b]0;pwned\x07' WHERE path = 'urgentie'")
        con.execute("UPDATE codings SET memo = 'memo\x1b[2J'")
        con.execute("INSERT OR REPLACE INTO attributes (document_id, key, value) VALUES (1, 'region', 'R\x1b[31m')")
    con.close()


@pytest.mark.parametrize("args", [
    ("coders",), ("docs",), ("show", "--doc", "1"), ("codebook", "--format", "json"), ("codings",),
    ("coders", "--format", "json"), ("docs", "--format", "json"), ("codings", "--format", "json"),
    ("show", "--doc", "R\x9b2J"), ("show", "--doc", "\x1b]0;pwned\x07"),
])
def test_cli_output_never_carries_a_control_character(project, args):
    _poison(project)
    code, out, err = run_cli(args[0], "-p", str(project), *args[1:])
    assert code in (0, 1), err
    for ch in ("\x1b", "\x9b", "\x07"):
        assert ch not in out and ch not in err, (args, out[:300], err)
    assert "\\x1b" in out + err or "\\u001b" in out + err or "\\x9b" in out + err or "\\u009b" in out + err


def test_tui_shows_stored_escapes_harmlessly(project):
    import asyncio

    from sto_qual.services import Workspace
    from sto_qual.tui.app import make_app
    from sto_qual.tui.settings import Settings
    _poison(project)

    async def run() -> list[str]:
        ws = Workspace.open(project)
        app = make_app(ws, Settings())
        frames = []
        try:
            async with app.run_test(size=(120, 40)) as pilot:
                for key in ("f2", "enter", "f3", "f5", "f6", "f7"):
                    await pilot.press(key)
                    await pilot.pause()
                    update = app.screen._compositor.render_update(full=True)
                    frames.append(update.render_segments(app.console))
        finally:
            ws.close()
        return frames

    frames = asyncio.run(run())
    shown = "".join(frames)
    assert "pwned" in shown or "2J" in shown  # the poisoned names are on screen ...
    for frame in frames:  # ... but nothing in them drives the terminal
        assert "\x1b]0;" not in frame and "\x1b[2J" not in frame and "\x9b" not in frame and "\x07" not in frame


def test_merging_a_project_with_stored_escapes_is_refused(project, base, tmp_path):
    other = tmp_path / "ander.db"
    shutil.copy(base, other)
    _poison(other)
    before = project_checksum(project)
    code, out, err = run_cli("merge", "-p", str(project), str(other))
    assert code == 1 and "coder name contains control character U+001B" in err, err
    assert project_checksum(project) == before
    assert not list(tmp_path.glob("p.pre-merge*"))


def test_exports_of_a_project_with_stored_escapes_carry_none(project, tmp_path):
    _poison(project)
    for suffix in (".csv", ".xlsx", ".md", ".docx"):
        out = tmp_path / f"x{suffix}"
        _ok("export", "-p", project, "-o", out)
        data = out.read_bytes() if suffix in (".csv", ".md") else b"".join(
            zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist() if n.endswith(".xml"))
        assert b"\x1b" not in data and "\x9b".encode() not in data, suffix


def test_quotes_docx_of_a_project_with_stored_escapes_carries_none(project, tmp_path):
    _poison(project)  # a code label stored before control characters were refused
    out = tmp_path / "q.docx"
    _ok("quotes", "-p", project, "--code", "urgentie", "--format", "docx", "-o", out)
    data = b"".join(zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist() if n.endswith(".xml"))
    assert b"\x1b" not in data and "\x9b".encode() not in data and b"Urgentie" in data


@pytest.mark.parametrize("poison, said", [
    ("UPDATE codings SET memo = 'nieuw \x1b[2J esc' WHERE id = (SELECT MIN(id) FROM codings)",
     "has a memo with a control character U+001B; nothing was merged"),
    ("UPDATE codes SET definition = 'Def \x1b]0;x\x07' WHERE path = 'urgentie'",
     "code 'urgentie''s definition holds a control character U+001B; nothing was merged"),
    ("UPDATE codings SET memo = 'omgekeerd \u202e tekst' WHERE id = (SELECT MIN(id) FROM codings)",
     "has a memo with a control character U+202E"),
    # (a re-tester's: `attribute` and `pseudonyms add` refuse these, and merge let them in)
    ("INSERT OR REPLACE INTO attributes (document_id, key, value) VALUES (1, 'wijk', 'No\x1b]0;pwn\x07rd')",
     "the attribute wijk of "),
    ("INSERT INTO pseudonyms (pattern, replacement, is_regex, created_at) VALUES ('Kreekrug', '[sch\x1b[2Jool]', 0, "
     "'2026-01-01T00:00:00')",
     "the pseudonym list's entry for Kreekrug holds a control character U+001B"),
])
def test_a_copy_whose_memo_definition_attribute_or_pseudonym_holds_an_escape_is_not_merged(project, base, tmp_path,
                                                                                            poison, said):
    """A copy with one coding memo holding ESC (its names clean) was merged, "added codings 1", the
    escape stored here, where the README says merge refuses such a project."""
    other = tmp_path / "ander.db"
    shutil.copy(base, other)
    con = sqlite3.connect(other)
    with con:
        con.execute(poison)
    con.close()
    before = project_checksum(project)
    code, out, err = run_cli("merge", "-p", str(project), str(other))
    assert code == 1 and said in err and "nothing was merged" in err, err
    assert "\x1b" not in err and "\u202e" not in err
    assert project_checksum(project) == before
