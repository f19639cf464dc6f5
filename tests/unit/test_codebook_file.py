"""Codebook files: validation with located errors, round trip, updates that keep codings."""
import pytest

from sto_qual.domain.errors import CodebookError
from sto_qual.importers.codebook_yaml import parse_codebook, parse_codebook_file
from sto_qual.report.codebook_yaml import dump_codebook

from pathlib import Path

CODEBOOK = Path(__file__).resolve().parents[2] / "codebook" / "sto.yaml"

GOOD = """codebook: t
version: 1
codes:
  - name: thema
    colour: "#112233"
    definition: Een thema.
    codes:
      - name: sub
        definition: Een subcode.
"""


def test_bundled_codebook_has_the_four_themes_with_definitions():
    cb = parse_codebook_file(CODEBOOK)
    tops = [c.path for c in cb.codes if c.parent is None]
    assert tops == ["urgentie", "vmbo-in-the-lead", "collectief-optrekken", "financieringsonzekerheid"]
    for c in cb.codes:
        assert c.definition and c.when_to_use and c.when_not_to_use and c.examples and c.keywords, c.path
        assert c.label_en, c.path  # the report in English (--lang en) has a label for every code


def test_packaged_codebook_equals_the_repository_codebook():
    from sto_qual.services.workspace import BUNDLED_CODEBOOK
    assert BUNDLED_CODEBOOK.read_text(encoding="utf-8") == CODEBOOK.read_text(encoding="utf-8")


@pytest.mark.parametrize("text, line, message", [
    (GOOD.replace("    definition: Een thema.", "    defintion: Een thema."), 6,
     "unknown key 'defintion' (did you mean 'definition'? allowed: codes, colour,"),  # (the list alone, no guess)
    (GOOD.replace('"#112233"', '"blue"'), 5, "bad colour"),
    (GOOD + "  - name: thema\n    colour: \"#000000\"\n", 10, "duplicate code 'thema'"),
    (GOOD + "  - name: los\n    parent: bestaat-niet\n", 11, "parent 'bestaat-niet'"),
    (GOOD.replace("name: sub", "name: '***'"), 8, "no letters or digits"),
    ("codebook: t\nversion: 1\ncodes:\n  - name: a\n   colour: x\n", 5, "invalid YAML"),
    # a contrast that names no code: at its own line, with the code of this codebook it mistypes
    # (it pointed at the code's name line, with an example path from the bundled codebook)
    (GOOD + "      - name: anders\n        definition: x\n        contrasts: [subb]\n", 12,
     "contrast 'subb' of code 'thema/anders' is not another code of this codebook (did you mean thema/sub? "),
    (GOOD + "      - name: anders\n        definition: x\n        contrasts: [niets]\n", 12,
     "(write the full code path, e.g. thema/sub)"),
])
def test_malformed_codebooks_give_a_located_one_line_error(text, line, message):
    with pytest.raises(CodebookError) as err:
        parse_codebook(text, "cb.yaml")
    assert err.value.line == line
    assert message in str(err.value)
    assert str(err.value).startswith(f"cb.yaml:{line}: ")
    assert "\n" not in str(err.value)


def test_export_round_trip_is_equal():
    cb = parse_codebook_file(CODEBOOK)
    again = parse_codebook(dump_codebook(cb), "again.yaml")
    strip = lambda c: (c.path, c.parent, c.colour, c.label, c.label_en, c.definition, c.when_to_use,  # noqa: E731
                       c.when_not_to_use, c.examples, c.keywords)
    assert [strip(c) for c in again.codes] == [strip(c) for c in cb.codes]
    assert again.title == cb.title


def test_importing_a_changed_codebook_updates_definitions_and_keeps_codings(small_ws, tmp_path):
    ws = small_ws
    doc = ws.documents()[0]
    ws.assign_code(doc.id, "urgentie/docententekort", start=0, end=10, coder="a")
    import dataclasses
    cb = parse_codebook_file(CODEBOOK)
    codes = [dataclasses.replace(c, definition="Nieuwe definitie.") if c.path == "urgentie/docententekort" else c
             for c in cb.codes]
    path = tmp_path / "changed.yaml"
    path.write_text(dump_codebook(dataclasses.replace(cb, codes=tuple(codes))), encoding="utf-8")
    report = ws.import_codebook(path)
    assert "urgentie/docententekort" in report["updated"]
    assert ws.code("urgentie/docententekort").definition.startswith("Nieuwe definitie")
    assert len(ws.codings(code="urgentie/docententekort")) == 1
    # a file without a code reports it and keeps it
    small = tmp_path / "small.yaml"
    small.write_text(GOOD, encoding="utf-8")
    report = ws.import_codebook(small)
    assert "urgentie/docententekort" in report["not_in_file"]
    assert ws.code("urgentie/docententekort")
    assert ws.code("thema/sub").parent == "thema"


def test_keywords_written_on_one_line_are_each_a_keyword():
    """`keywords: vacatures, zij-instromers` was one keyword, "vacatures, zij-instromers", which
    no sentence contains, so the rule suggested nothing and said nothing. An example is a
    sentence and stays whole."""
    cb = parse_codebook(GOOD.replace("    definition: Een thema.\n", "    definition: Een thema.\n"
                                     "    keywords: vacatures, zij-instromers , eiland + techniek\n"
                                     "    examples: Ja, dat klopt.\n", 1), "cb.yaml")
    top = cb.codes[0]
    assert top.keywords == ("vacatures", "zij-instromers", "eiland + techniek")
    assert top.examples == ("Ja, dat klopt.",)
