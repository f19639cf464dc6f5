"""safe_yaml and the YAML files built on it (codebooks, codings files): hostile YAML is refused fast."""
from __future__ import annotations

import time

import pytest

from sto_qual.domain.errors import CodebookError, CodingsFileError, StoQualError
from sto_qual.importers import safe_yaml
from sto_qual.importers.codebook_yaml import parse_codebook
from sto_qual.importers.codings_yaml import parse_codings_file

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))


def _refused(text, match):
    t0 = time.perf_counter()
    with pytest.raises(StoQualError, match=match) as info:
        safe_yaml.load(text, "x.yaml")
    assert time.perf_counter() - t0 < 2
    assert "\n" not in str(info.value)
    return info.value


def test_line_numbers_are_recorded():
    data = safe_yaml.load("a: 1\nb:\n  c: 2\n", "x.yaml")
    assert data["__keylines__"] == {"a": 1, "b": 2}
    assert data["b"]["__line__"] == 3
    assert safe_yaml.strip_lines(data) == {"a": 1, "b": {"c": 2}}


def test_billion_laughs_is_refused_before_expansion():
    _refused(LAUGHS, "billion laughs")


def test_few_aliases_that_expand_enormously_are_refused(monkeypatch):
    # 3 aliases per level: within the alias limit, but 3**16 values once expanded
    text = "l0: &l0 [x, x, x]\n" + "".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 17))
    _refused(text, "expands to more than")


def test_deep_nesting_is_refused_without_recursion():
    _refused("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested more than")
    _refused("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)), "nested more than")


def test_duplicate_keys_and_unbuildable_values():
    _refused("a: 1\na: 2\n", "duplicate key 'a'")
    # the line of the second key, not of the mapping holding it (a code's "label" twice was
    # reported on its "- name:" line, two lines above)
    assert _refused("codes:\n  - name: x\n    label: X\n    label: Y\n", "duplicate key 'label'").line == 4
    _refused("a: 1\n'a': 2\n", "duplicate key")
    _refused("n: " + "9" * 5000 + "\n", "cannot read value")
    _refused("a: !!python/object:os.system {}\n", "invalid YAML")
    _refused("? [a, b]\n: c\n", "invalid YAML")
    _refused("a: &x\n  b: *x\n", "recursive")


def test_size_limit():
    _refused("a: " + "x" * (3 * 1024 * 1024) + "\n", "larger than")


def test_keys_that_are_not_strings_become_their_text():
    assert safe_yaml.strip_lines(safe_yaml.load("1: a\n~: b\nyes: c\n2023-01-01: d\n", "x")) == {
        "1": "a", "~": "b", "yes": "c", "2023-01-01": "d"}


def test_impossible_dates_stay_text_and_real_dates_are_dates():
    data = safe_yaml.strip_lines(safe_yaml.load("a: 2023-02-30\nb: 2023-02-28\n", "x"))
    assert data["a"] == "2023-02-30"
    assert str(data["b"]) == "2023-02-28" and not isinstance(data["b"], str)


def test_errors_are_located_with_an_offset():
    err = _refused("a: 1\nb: [\n", "invalid YAML")
    assert err.line is not None
    with pytest.raises(StoQualError) as info:
        safe_yaml.load("a: 1\nb: [\n", "x.md", line_offset=1)
    assert info.value.line == err.line + 1


# --------------------------------------------------------------- codebooks
@pytest.mark.parametrize("text, message", [
    ("codebook: x\n1: y\ncodes:\n  - name: a\n", "unknown key '1'"),
    ("codebook: x\ncodes:\n  - name: a\n    ~: y\n", "unknown key '~'"),
    ("codebook: x\ncodes:\n  - name: a\n    colour: '#12345'\n", "bad colour"),
    ("codebook: x\ncodes:\n  - name: a\n  - name: a\n", "duplicate code 'a'"),
    ("codebook: x\ncodes: &c\n  - name: a\n    codes: *c\n", "recursive"),
    ("codebook: x\ncodes:\n  - name: '!?'\n", "no letters or digits"),
    ("codebook: x\ncodes: []\n", "non-empty list"),
    ("codebook: x\nversion: " + "1" * 5000 + "\ncodes:\n  - name: a\n", "cannot read value"),
    (LAUGHS + "codebook: x\ncodes:\n  - name: a\n", "billion laughs"),
])
def test_codebook_refusals(text, message):
    with pytest.raises(CodebookError, match=message):
        parse_codebook(text, "cb.yaml")


def test_codebook_date_like_definition_is_text():
    cb = parse_codebook("codebook: x\ncodes:\n  - name: a\n    definition: 2020-13-45\n", "cb.yaml")
    assert cb.codes[0].definition == "2020-13-45"


# ------------------------------------------------------------ codings files
@pytest.mark.parametrize("text, message", [
    ("document: R01\ncodings:\n  - code: a\n    quote: x\n    occurrence: 100000000000000000000\n", "occurrence"),
    ("document: R01\ncodings:\n  - code: a\n    quote: x\n    occurrence: -3\n", "occurrence"),
    ("document: R01\ncodings:\n  - code: a\n    quote: x\n    occurrence: 1.5\n", "occurrence"),
    ("document: R01\ncodings:\n  - code: a\n    quote: x\n    start: -5\n    end: 99999999999\n", "unknown key"),
    ("document: R01\ncodings:\n  - code: a\n", "without 'quote'"),
    ("document: R01\n7: x\ncodings: []\n", "unknown key '7'"),
    ("codings:\n  - code: a\n    quote: x\n", "missing 'document'"),
    ("documents: 3\n", "must be a list"),
    ("- 1\n- 2\n", "expected a mapping"),
    # a list as a memo was stored as the text "['a', 'b']"; a quote as a list said "without 'quote'"
    ("document: R01\ncodings:\n  - code: a\n    quote: x\n    memo: [a, b]\n", "a memo must be text"),
    ("document: R01\ncodings:\n  - code: a\n    quote: [x, y]\n", "a quote must be text"),
])
def test_codings_file_refusals(tmp_path, text, message):
    f = tmp_path / "c.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(CodingsFileError, match=message):
        parse_codings_file(f)


def test_codings_file_reads_occurrence_and_coder(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("document: R01\ncoder: a\ncodings:\n  - code: urgentie\n    quote: 'tekort'\n"
                 "    occurrence: 2\n    coder: b\n    starred: true\n", encoding="utf-8")
    (c,) = parse_codings_file(f)
    assert (c.document, c.code, c.quote, c.occurrence, c.coder, c.starred, c.line) == (
        "R01", "urgentie", "tekort", 2, "b", True, 5)


def test_a_quote_that_is_a_number_is_its_text(tmp_path):
    """"quote: 2025" (a coder coded the year) was refused as "coding without 'quote'"."""
    f = tmp_path / "c.yaml"
    f.write_text("document: R01\ncodings:\n  - code: urgentie\n    quote: 2025\n    memo: 12\n", encoding="utf-8")
    (c,) = parse_codings_file(f)
    assert (c.quote, c.memo) == ("2025", "12")


def test_codings_file_without_occurrence_says_so(tmp_path):
    """No ``occurrence`` is not ``occurrence: 1``: the import refuses such a quote when it occurs
    more than once (services.codings_files); an explicit null is still refused here."""
    f = tmp_path / "c.yaml"
    f.write_text("document: R01\ncodings:\n  - code: urgentie\n    quote: 'tekort'\n", encoding="utf-8")
    (c,) = parse_codings_file(f)
    assert c.occurrence is None
    f.write_text("document: R01\ncodings:\n  - code: urgentie\n    quote: 'tekort'\n    occurrence:\n",
                 encoding="utf-8")
    with pytest.raises(CodingsFileError, match="c.yaml:5: occurrence must be a positive whole number, not None"):
        parse_codings_file(f)


@pytest.mark.parametrize("text, line, hint", [
    # a Dutch title with a colon in it: the first YAML mistake a new user made
    ("title: Regio Noord: tweede gesprek\nregion: R20\n", 1, 'a value with ": " in it needs quotes around it'),
    # an unclosed quote: said where it opens, not at the end of the block
    ('title: "Regio Noord\nregion: R20\nregion_type: krimp\n', 1, "a quote opened here is not closed"),
    ("title: Regio\n  region: R20\n", 2, "a key indented under the value before it: start it in the same column"),
    # an indented key whose value holds ": " (a codings file's memo): the quotes, not the indentation
    ("codings:\n  - code: a\n    memo: Risico: subsidie stopt\n", 3, 'a value with ": " in it needs quotes'),
    ("codes:\n  - name: a\n   definition: b\n", 3, "check the indentation: a list's items"),
    ("a:\n  b: 1\n c: 2\n", 3, "check the indentation: the keys of one level start in the same column"),
])
def test_a_yaml_mistake_says_what_to_do_on_its_line(text, line, hint):
    with pytest.raises(StoQualError) as err:
        safe_yaml.load(text, "f.yaml")
    said = str(err.value)
    assert said.startswith(f"f.yaml:{line}: invalid YAML: ") and hint in said, said


def test_a_hash_after_a_space_does_not_cut_a_memo_or_a_definition_unsaid(tmp_path):
    """`memo: zie notitie #3` stored "zie notitie": YAML reads ' #' as a comment. In a memo, a
    quote or a codebook's definition or example that is text, refused at its line; a comment
    after a code name or a document name stays a comment."""
    f = tmp_path / "c.yaml"
    f.write_text("document: R01   # het eerste interview\ncodings:\n  - code: urgentie  # thema\n"
                 "    quote: 'tekort'\n    memo: zie notitie #3 en verder\n", encoding="utf-8")
    with pytest.raises(CodingsFileError, match=r"c.yaml:5: the memo stops before '#3 en verder': YAML reads ' #' "
                                               r"as the start of a comment \(put the whole value in quotes"):
        parse_codings_file(f)
    f.write_text(f.read_text(encoding="utf-8").replace("zie notitie #3 en verder", '"zie notitie #3 en verder"'),
                 encoding="utf-8")
    (c,) = parse_codings_file(f)
    assert (c.document, c.code, c.memo) == ("R01", "urgentie", "zie notitie #3 en verder")
    cb = "codebook: t\ncodes:\n  - name: a   # thema\n    definition: d\n    examples:\n      - tweede #2 voorbeeld\n"
    with pytest.raises(CodebookError, match=r"cb.yaml:6: an example stops before '#2 voorbeeld'"):
        parse_codebook(cb, "cb.yaml")
    assert parse_codebook(cb.replace("tweede #2 voorbeeld", "'tweede #2 voorbeeld'"), "cb.yaml")


def test_a_comment_after_a_label_as_the_readme_writes_one_stays_a_comment_and_a_tab_cuts_too(tmp_path):
    """The README's own codebook example (`label: Urgentie   # optional human label`) was refused;
    a tab before the '#' cut a memo unsaid."""
    cb = ("codebook: t\ncodes:\n  - name: a   # thema\n    label: Urgentie   # optional human label\n"
          "    summary: noemt men de urgentie   # lead sentence\n    definition: d\n")
    (code,) = parse_codebook(cb, "cb.yaml").codes
    assert (code.label, code.summary) == ("Urgentie", "noemt men de urgentie")
    f = tmp_path / "c.yaml"
    f.write_text("document: R01\ncodings:\n  - code: a\n    quote: 'tekort'\n    memo: zie notitie\t#3\n", encoding="utf-8")
    with pytest.raises(CodingsFileError, match=r"c.yaml:5: the memo stops before '#3'.*\"zie notitie #3\""):
        parse_codings_file(f)


def test_a_value_that_begins_with_a_hash_is_refused_not_read_as_no_value(tmp_path):
    """`memo: #3 en verder` stored no memo, `definition: #3 en meer` emptied a code's definition,
    and `colour: #00ff00` was passed over: YAML reads all of them as a key and a comment."""
    f = tmp_path / "c.yaml"
    f.write_text("document: R01\ncodings:\n  - code: a\n    quote: 'tekort'\n    memo: #3 en verder\n", encoding="utf-8")
    with pytest.raises(CodingsFileError, match=r"c.yaml:5: the memo is empty: YAML reads '#3 en verder' after the "
                                               r"colon as a comment \(put the value in quotes: memo: \"#3 en verder\"\)"):
        parse_codings_file(f)
    for line in ("    definition: #3 en meer", "    colour: #00ff00", "    label:\t#Urgentie"):
        with pytest.raises(CodebookError, match=r"cb.yaml:4: the (definition|colour|label) is empty"):
            parse_codebook(f"codebook: t\ncodes:\n  - name: a   # thema\n{line}\n", "cb.yaml")
    # the hint's quotes read back as the value: one with quotes or a backslash in it too
    with pytest.raises(CodebookError) as err:
        parse_codebook('codebook: t\ncodes:\n  - name: a\n    definition: zie "x" en \\ #3\n', "cb.yaml")
    quoted = str(err.value).split("put the whole value in quotes: ", 1)[1][:-1]
    assert safe_yaml.load(f"v: {quoted}", "h.yaml")["v"] == 'zie "x" en \\ #3'
    # a comment after a key whose value follows on the next lines stays a comment
    assert parse_codebook("codebook: t\ncodes:   # de codes\n  - name: a\n    definition: >-   # wat\n      Tekst.\n",
                          "cb.yaml").codes[0].definition == "Tekst."


def test_a_second_yaml_document_in_one_file_says_what_to_do():
    """A codings file with a '---' line between two blocks said only "but found another document"."""
    with pytest.raises(StoQualError, match=r"x.yaml:2: invalid YAML: but found another document \(a file holds one "
                                           r"YAML document: remove the '---' line"):
        safe_yaml.load("a: 1\n---\nb: 2\n", "x.yaml")
