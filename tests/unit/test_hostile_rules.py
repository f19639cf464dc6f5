"""The rules behind the hostile-content defences, on in-memory inputs: spreadsheet cells,
control characters, Markdown escaping and the linear-time pseudonym patterns."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from sto_qual.domain.controls import check_name, escape_controls, strip_controls
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.markup import md_blockquote, md_inline
from sto_qual.domain.spreadsheet import csv_cell, is_formula_like


@pytest.mark.parametrize("value, cell", [
    ("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "'-"),
    ("-2", "-2"), ("+3", "+3"), ("-1,5", "-1,5"), ("-0.25", "-0.25"), ("1e5", "1e5"),
    ("gewoon tekst", "gewoon tekst"), ("a=b", "a=b"), (-3, -3), (0.5, 0.5), (None, None), ("", ""),
])
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell
    assert is_formula_like(value) == (cell != value)


def test_every_csv_the_command_line_prints_is_neutralised():
    from sto_qual.output import render
    out = render([{"code": "=HYPERLINK(\"http://x\",\"y\")", "kappa": -0.25, "label": "-0,3"}], "csv")
    assert out.splitlines()[1] == '"\'=HYPERLINK(""http://x"",""y"")",-0.25,"-0,3"'


def test_control_characters():
    assert strip_controls("a\x1b[2Jb\x9bc\td\ne\x7f") == "a[2Jbc\td\ne"
    assert strip_controls("een \u202edefinitie\u2069") == "een definitie"  # typed long text loses overrides too
    assert escape_controls("a\x1b]0;x\x07\x9b") == "a\\x1b]0;x\\x07\\x9b"
    assert escape_controls("tab\tand\nnewline") == "tab\tand\nnewline"
    # a bidirectional override reorders what follows it on a terminal ("R\u202e1" shown as another
    # name): shown as its code; a right-to-left mark (U+200F) and Arabic text stay as they are
    assert escape_controls("R\u202e1 \u2066x\u2069") == "R\\u202e1 \\u2066x\\u2069"
    assert escape_controls("\u200fسلام") == "\u200fسلام"
    assert check_name("Jan de Vries", "the coder name") == "Jan de Vries"
    with pytest.raises(StoQualError, match=re.escape("the coder name contains control character U+009B")):
        check_name("Jan\x9b2J", "the coder name")
    # a name with an override showed reversed in the workbench's code tree: refused like a control
    with pytest.raises(StoQualError, match=re.escape("the code label contains the bidirectional control U+202E")):
        check_name("a\u202eb", "the code label")
    assert check_name("\u200fسلام", "the code label") == "\u200fسلام"


def test_the_workbench_never_sends_a_control_or_an_override_to_the_terminal():
    """What Textual writes to the terminal: a transcript's or an old label's ESC and U+202E are
    gone (the line after an override showed reversed), the words around them stay."""
    from rich.console import Console
    from rich.segment import Segment
    from textual.strip import Strip

    from sto_qual.tui import terminal_safety
    terminal_safety.install()
    written = Strip([Segment("Zero \u202eoverride\x1b]0;x\x07 en \u2066meer\u2069")]).render(Console())
    assert "override" in written and "meer" in written
    assert not any(ch in written for ch in "\u202e\u2066\u2069\x07") and "\x1b]" not in written


def test_json_output_escapes_c1_controls():
    from sto_qual.output import to_json
    text = to_json({"name": "R\x9b2J\x1b"})
    assert "\x9b" not in text and "\x1b" not in text
    import json
    assert json.loads(text) == {"name": "R\x9b2J\x1b"}


def test_markdown_blockquote_keeps_every_line_inside():
    lines = md_blockquote("Eerste.\n\n# Kop\n<img src=x onerror=alert(1)>\n1. een\n- twee\n> citaat",
                          opening="“", closing="”")
    assert lines == ["> “Eerste.", ">", "> \\# Kop", "> &lt;img src=x onerror=alert(1)&gt;", "> 1\\. een",
                     "> \\- twee", "> &gt; citaat”"]
    assert md_inline("a|b *c* _d_ [e](f) `g` & <h>\nnieuwe regel") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` & &lt;h&gt; nieuwe regel")
    # an "&" stays as written ("M&T", as a writer pastes it) unless a renderer would read an entity
    assert md_inline("M&T, &amp; en &#60;script&#62;") == "M&T, &amp;amp; en &amp;#60;script&amp;#62;"


# ---------------------------------------------------------------- pseudonym patterns
def _replace(pattern: str, text: str, repl: str = "[x]") -> str:
    from sto_qual.services.pseudonym_patterns import compile_pattern
    return compile_pattern(pattern).replace(text, repl)


@pytest.mark.parametrize("pattern, text, expected", [
    (r"Scholengemeenschap \w+", "De Scholengemeenschap Noël doet mee", "De [x] doet mee"),
    (r"\bJosé\b", "Bij José thuis, niet bij Joséphine", "Bij [x] thuis, niet bij Joséphine"),
    (r"\bjan\b", "Jan en Janssen en jan", "[x] en Janssen en [x]"),
    (r"Sint[- ]\w+", "Sint-Jozef en sint Maarten", "[x] en [x]"),
    (r"(\w+\s?)+ College", "Het Groen en Techniek College is dicht", "[x] is dicht"),
    (r"[^\d\s]+straat \d+", "Molenstraat 12 en Kerkstraat 3", "[x] en [x]"),
    (r"\d{4} ?[A-Z]{2}", "postcode 1234 AB hier", "postcode [x] hier"),
    (r"a\\b", r"x a\b y", "x [x] y"),
])
def test_pattern_meaning_is_kept(pattern, text, expected):
    assert _replace(pattern, text) == expected


def test_replacement_is_literal():
    assert _replace("Jan", "Jan zei", r"[\1 \g<0>]") == r"[\1 \g<0>] zei"


@pytest.mark.parametrize("pattern, fragment", [
    (r"(\w+) \1", "backreference"), (r"(?P<n>x)(?P=n)", "backreference"), (r"Jan(?= de Vries)", "lookahead"),
    (r"(?<!Sint )Jan", "lookahead or lookbehind"), (r"(?>a+)", "atomic group"), ("a*+", "possessive"),
    ("[", "invalid pattern"), ("(?P<x", "invalid pattern"), ("x*", "matches empty text"),
    (r"Jan\bde", "only supported at the start or end"), (r"[\W]", "inside [...]"),
])
def test_unsupported_patterns_are_refused_with_the_reason(pattern, fragment):
    from sto_qual.services.pseudonym_patterns import PatternRefused, compile_pattern
    with pytest.raises(PatternRefused) as exc:
        compile_pattern(pattern)
    assert fragment in str(exc.value)


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+ College", r"(a+)+$", r"(a|aa)+b", r"(.*a){12}"])
def test_patterns_run_in_linear_time(pattern):
    text = ("a" * 20000 + " ") * 5 + "!"
    t0 = time.perf_counter()
    _replace(pattern, text)
    assert time.perf_counter() - t0 < 2.0


def test_a_size_just_over_a_limit_is_not_said_to_be_the_limit(tmp_path):
    """A file of 21,000,014 bytes was refused as "file is 20 MB, over the 20 MB limit"."""
    from sto_qual.domain.errors import ImportRefused
    from sto_qual.importers.decode import read_bytes
    f = tmp_path / "groot.txt"
    f.write_bytes(b"a" * 21_000_014)
    with pytest.raises(ImportRefused, match=r"file is 21,000,014 bytes, over the 20 MB \(20,971,520 bytes\) limit"):
        read_bytes(f, limit=20 * 1024 * 1024)


def test_a_word_document_without_its_text_part_says_so(tmp_path):
    """A .docx without word/document.xml was "corrupt Word document (KeyError)"."""
    import zipfile

    from sto_qual.domain.errors import ImportRefused
    from sto_qual.importers import docx_source
    src = Path(__file__).resolve().parents[2] / "transcripts" / "R04.docx"
    bad = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(bad, "w") as out:
        for item in z.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, z.read(item))
    with pytest.raises(ImportRefused, match=r"the Word document has no text part \(word/document.xml\)"):
        docx_source.parse(bad)


def test_a_form_feed_is_no_line_in_the_line_number_of_a_fault():
    """A control character on line 2 after a form feed on line 1 was said to be on line 3."""
    from sto_qual.domain.errors import ImportRefused
    from sto_qual.importers.decode import decode
    with pytest.raises(ImportRefused) as refused:
        decode(b"Interviewer: Hoe\x0cgaat het?\nAnna: Goed\x01.\n", "ff.txt")
    assert refused.value.line == 2 and "U+0001" in str(refused.value)
    assert decode(b"Een\x0cpagina\n", "ok.txt") == "Een\npagina\n"  # the form feed still breaks the text


def test_a_codebook_files_label_or_keyword_with_an_override_is_refused(tmp_path):
    """`codebook-import` stored a label "Z\u202ey" that `code-add --label` refuses; the chapter
    printed it reversed as a heading."""
    from sto_qual.domain.errors import CodebookError
    from sto_qual.services.codebook import read_codebook_file
    for field in ('label: "Z\\u202ey"', 'keywords: ["ei\\u2066land"]', 'label_en: "Teacher \\u202eshortage"',
                  'topic: "de \\u202etopic"'):
        f = tmp_path / "cb.yaml"
        f.write_text(f"codes:\n  - name: zz\n    {field}\n", encoding="utf-8")
        with pytest.raises(CodebookError, match="bidirectional control") as err:
            read_codebook_file(f)
        assert err.value.line == 2



def test_a_codebook_files_keyword_asking_about_no_code_is_refused_at_its_line(tmp_path):
    """"eiland @ nosuchcode" in a codebook file was refused without the file or the line."""
    from sto_qual.domain.errors import CodebookError
    from sto_qual.services import Workspace
    f = tmp_path / "cb.yaml"
    f.write_text("codes:\n  - name: zz\n    keywords: [\"eiland @ nosuchcode\"]\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    with pytest.raises(CodebookError, match="needs a question about 'nosuchcode'") as err:
        ws.import_codebook(f)
    assert err.value.line == 2 and str(err.value).startswith(f"{f}:2: ")
    ws.close()
