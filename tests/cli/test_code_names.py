"""Code names from other tools become slugs (original kept as label, with a warning), and an
unknown code gets the closest matches."""
import pytest

from sto_qual.domain.errors import CodebookError, UnknownCode
from sto_qual.domain.names import closest_codes, derive_name, slugify
from sto_qual.importers.codebook_yaml import parse_codebook
from cli_runner import sq
from tests_support import invoke_cli

FOREIGN = """codebook: uit een ander programma
version: 1
codes:
  - name: kwaliteit_zorg
    codes:
      - name: Wachttijden en toegang
        label: Wachttijden
  - name: Kwaliteit zorg 2
"""


def test_slug_rules():
    assert derive_name("urgentie") == ("urgentie", False)
    assert derive_name("kwaliteit_zorg") == ("kwaliteit-zorg", True)
    assert derive_name("Kwaliteit zorg") == ("kwaliteit-zorg", True)
    assert slugify("Thema's (één)") == "themas-een"


def test_yaml_codebook_with_foreign_names_is_accepted_with_warnings():
    cb = parse_codebook(FOREIGN, "ander.yaml")
    by_path = {c.path: c for c in cb.codes}
    assert list(by_path) == ["kwaliteit-zorg", "kwaliteit-zorg/wachttijden-en-toegang", "kwaliteit-zorg-2"]
    assert by_path["kwaliteit-zorg"].label == "kwaliteit zorg"  # the chapter printed "‘kwaliteit_zorg’"
    assert by_path["kwaliteit-zorg/wachttijden-en-toegang"].label == "Wachttijden"  # an explicit label wins
    assert by_path["kwaliteit-zorg-2"].label == "Kwaliteit zorg 2"
    assert len(cb.warnings) == 3
    assert cb.warnings[0] == ("ander.yaml:4: code name 'kwaliteit_zorg' is not a slug; using 'kwaliteit-zorg' "
                              "(its label: 'kwaliteit zorg')")
    assert cb.warnings[2].endswith("using 'kwaliteit-zorg-2' (the original name is its label)")


def test_a_name_without_letters_is_still_refused():
    with pytest.raises(CodebookError, match="no letters or digits"):
        parse_codebook("codebook: t\nversion: 1\ncodes:\n  - name: '---'\n", "x.yaml")


def test_closest_codes():
    codes = [("urgentie", "urgentie", "Urgentie"), ("urgentie/docententekort", "docententekort", "Docententekort"),
             ("vmbo-in-the-lead", "vmbo-in-the-lead", "Vmbo in the lead")]
    assert closest_codes("docentekort", codes)[0] == "urgentie/docententekort"
    assert closest_codes("urgentie/docentenkort", codes)[0] == "urgentie/docententekort"
    assert closest_codes("zzzzzz", codes) == []


def test_unknown_code_says_did_you_mean(small_ws):
    with pytest.raises(UnknownCode) as err:
        small_ws.code("docentenkort")
    assert "did you mean urgentie/docententekort?" in str(err.value) and "code-add" not in str(err.value)
    # a name far from every code is offered as a new one too (a tester's 'huisvesting' read as a typo of
    # 'verschuiving'): a typo close to one is not
    with pytest.raises(UnknownCode) as err:
        small_ws.code("huisvesting")
    assert "a new one: `sto-qual code-add huisvesting`" in str(err.value), str(err.value)
    assert "did you mean" not in str(err.value)  # (no guess far from every name: 'verschuiving' misled)
    label = next(c.label for c in small_ws.codebook() if c.label and len(c.label) > 8)
    with pytest.raises(UnknownCode) as err:  # one letter off a code's label is a typo too
        small_ws.code(label[:-1] + "x")
    assert "code-add" not in str(err.value), str(err.value)
    with pytest.raises(CodebookError) as err:
        small_ws.add_code("urgentei/huisvesting")
    assert "did you mean urgentie?" in str(err.value)


def test_code_add_and_codebook_import_derive_slugs_and_say_so(small_ws, tmp_path):
    db = str(small_ws.session.path)
    small_ws.close()
    res = invoke_cli(["code-add", "--project", db, "urgentie/Kwaliteit zorg"])
    assert res.exit_code == 0, res.output
    assert "warning: 'urgentie/Kwaliteit zorg' is not a code path of lowercase slugs; added as " \
           "'urgentie/kwaliteit-zorg' with the label 'Kwaliteit zorg'" in res.output
    f = tmp_path / "ander.yaml"
    f.write_text(FOREIGN, encoding="utf-8")
    res = invoke_cli(["codebook-import", "--project", db, str(f)])
    assert res.exit_code == 0, res.output
    assert "code name 'kwaliteit_zorg' is not a slug; using 'kwaliteit-zorg'" in res.output
    assert "added 3" in res.output
    res = invoke_cli(["codings", "--project", db, "--code", "urgentie/docentenkort"])
    assert res.exit_code == 1  # one line, as the installed command prints it
    assert res.stderr.startswith("error: ") and "did you mean urgentie/docententekort?" in res.stderr
    # the code is found as typed when it was added: "ruimte-ëxtra" was added as ruimte-extra, then unknown
    assert invoke_cli(["code-add", "--project", db, "urgentie/ruimte-ëxtra"]).exit_code == 0
    res = invoke_cli(["codings", "--project", db, "--code", "urgentie/ruimte-ëxtra"])
    assert res.exit_code == 0, res.output
    res = invoke_cli(["codings", "--project", db, "--code", "urgentie/Kwaliteit zorg"])
    assert res.exit_code == 0, res.output


def test_qdc_names_become_slugs_with_a_warning(small_ws, tmp_path):
    qdc = tmp_path / "ander.qdc"
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x"><Codes>'
                   '<Code guid="11111111-1111-4111-8111-111111111111" name="Kwaliteit zorg" isCodable="true"/>'
                   '</Codes></CodeBook>', encoding="utf-8")
    report = small_ws.import_codebook(qdc)
    assert report["added"] == ["kwaliteit-zorg"]
    assert small_ws.code("kwaliteit-zorg").label == "Kwaliteit zorg"
    assert any("'Kwaliteit zorg' is named 'kwaliteit-zorg'" in w for w in report["warnings"])


def test_init_with_a_foreign_codebook_says_what_it_renamed(tmp_path):
    f = tmp_path / "ander.yaml"
    f.write_text(FOREIGN, encoding="utf-8")
    res = invoke_cli(["init", "--project", str(tmp_path / "p.db"), "--codebook", str(f)])
    assert res.exit_code == 0, res.output
    assert "warning: " in res.output and "code name 'Kwaliteit zorg 2' is not a slug; using 'kwaliteit-zorg-2'" \
        in res.output


def test_a_code_added_by_its_slug_gets_a_label_as_the_codebook_s_codes_have(small_ws):
    """A code made while coding ("+ New code" → kleinschaligheid) was labelled with its lowercase
    slug among capitalised labels ("kleinschaligheid" beside "Docententekort"); a name typed as
    words keeps those words as its label."""
    assert small_ws.add_code("urgentie/klein-zijn").label == "Klein zijn"
    assert small_ws.add_code("urgentie/Ver weg van alles").label == "Ver weg van alles"
    assert small_ws.add_code("urgentie/eiland", label="Op een eiland").label == "Op een eiland"


def test_the_definition_panel_says_where_a_bare_code_gets_its_definition(small_ws):
    from sto_qual.tui.widgets.panels import code_info
    code = small_ws.add_code("urgentie/klein-zijn")
    assert "No definition yet: F7 (Codebook) gives it one." in code_info(code).plain
    assert "No definition yet" not in code_info(small_ws.code("urgentie")).plain


def test_a_label_made_from_the_name_follows_a_rename_and_a_chosen_one_stays(small_ws):
    """A code made while coding ("Investering apparatuur") was renamed from the command line;
    its path changed but its label, made from the old name, stayed on every screen."""
    small_ws.add_code("urgentie/investering-apparatuur")
    small_ws.rename_code("urgentie/investering-apparatuur", "investeringen-machines")
    assert small_ws.code("urgentie/investeringen-machines").label == "Investeringen machines"
    small_ws.add_code("urgentie/eiland", label="Op een eiland")
    small_ws.rename_code("urgentie/eiland", "eilandligging")
    assert small_ws.code("urgentie/eilandligging").label == "Op een eiland"


def test_a_path_typed_after_the_pre_filled_parent_is_pointed_at_its_meaning(demo_copy):
    """F7's n pre-fills 'vmbo-in-the-lead/'; typing the whole path after it was refused with
    'did you mean vmbo-in-the-lead/op-papier or …', three codes she did not mean."""
    got = sq("code-add", "-p", demo_copy, "vmbo-in-the-lead/vmbo-in-the-lead/wethouder")
    assert got.returncode == 1 and got.stderr.strip() == (
        "error: parent 'vmbo-in-the-lead/vmbo-in-the-lead' does not exist (did you mean vmbo-in-the-lead/wethouder? "
        "its parent's path is there twice, typed after the path already given)")


def test_the_codebook_format_shown_by_codebook_import_help_is_one_that_imports(tmp_path):
    """A new user found no word on the YAML format in `--help` (the exported file points to a README
    an installed command does not ship): the help shows an example, and that example imports."""
    import textwrap
    shown = invoke_cli(["codebook-import", "--help"]).output
    example = shown[shown.rindex("\n", 0, shown.index("codebook: Mijn studie")) + 1:]
    example = textwrap.dedent(example[:example.index("\n\n")])
    (tmp_path / "cb.yaml").write_text(example, encoding="utf-8")
    made = invoke_cli(["init", str(tmp_path / "p.db"), "--codebook", str(tmp_path / "cb.yaml")])
    assert made.exit_code == 0 and "2 codes" in made.output, made.output


def test_a_rename_says_when_the_label_made_from_the_name_follows_it(small_ws):
    """`code-rename urgentie/arbeidsmarkt tekort-technici` turned the label "Arbeidsmarkt", the
    chapter's heading, into "Tekort technici" and said only "Renamed to …"."""
    db = small_ws.session.path
    small_ws.close()
    res = sq("code-rename", "urgentie/arbeidsmarkt", "tekort-technici", "-p", db)
    assert res.returncode == 0 and res.stdout.strip() == "Renamed to urgentie/tekort-technici"
    assert ("note: its label, made from its name, follows it: 'Arbeidsmarkt' -> 'Tekort technici' (the chapter's "
            "heading); `sto-qual code-edit urgentie/tekort-technici --label Arbeidsmarkt") in res.stderr
    res = sq("code-rename", "urgentie/aansluiting-mbo", "mbo", "-p", db)  # its own label stays, nothing to say
    assert res.returncode == 0 and "label" not in res.stderr


def test_code_add_takes_keywords_as_code_edit_does(small_ws):
    """A new code's keywords needed a second command, `code-edit --keyword`."""
    db = small_ws.session.path
    small_ws.close()
    res = sq("code-add", "urgentie/huisvesting", "--keyword", "gebouw, huisvesting", "--keyword", "de", "-p", db)
    assert res.returncode == 0 and res.stdout.strip() == "Added urgentie/huisvesting"
    assert "keyword 'de' of 'urgentie/huisvesting' is a word nearly every sentence holds" in res.stderr
    from sto_qual.services import Workspace
    ws = Workspace.open(db)
    assert ws.code("urgentie/huisvesting").keywords == ("gebouw", "huisvesting", "de")
    ws.close()
    res = sq("code-add", "urgentie/leeg", "--keyword", " , ", "-p", db)
    assert res.returncode == 2 and "--keyword gives no keyword" in res.stderr


def test_a_code_edit_names_the_command_that_puts_back_what_it_changed(small_ws):
    """`code-edit --definition` over the right definition had no way back: no undo step, no backup, and
    the old definition shown nowhere."""
    import shlex
    db = small_ws.session.path
    old = small_ws.code("urgentie/arbeidsmarkt")
    topic = next(c.topic for c in small_ws.codebook_service.specs().codes if c.path == "urgentie/arbeidsmarkt")
    small_ws.close()
    res = sq("code-edit", "urgentie/arbeidsmarkt", "--definition", "Iets anders, met 'aanhalingstekens'.",
             "--keyword", "x", "--topic", "de krapte", "-p", db)
    assert res.returncode == 0 and "note: a code-edit is no undo step; `sto-qual code-edit" in res.stderr
    back = shlex.split(res.stderr.split("`")[1])
    assert back[:2] == ["sto-qual", "code-edit"] and "--colour" not in back  # only what it changed
    assert sq(*back[1:]).returncode == 0
    from sto_qual.services import Workspace
    ws = Workspace.open(db)
    again = ws.code("urgentie/arbeidsmarkt")
    topic_again = next(c.topic for c in ws.codebook_service.specs().codes if c.path == "urgentie/arbeidsmarkt")
    ws.close()
    assert (again.definition, tuple(again.keywords), topic_again) == (old.definition, tuple(old.keywords), topic)
    # a backtick or a line break broke the command (`--project` went inside the quotes): the old text instead
    sq("code-edit", "urgentie/arbeidsmarkt", "--definition", "met `tick`\nen regel", "-p", db)
    res = sq("code-edit", "urgentie/arbeidsmarkt", "--definition", "schoon", "-p", db)
    assert res.stderr.splitlines()[-3:] == ["note: a code-edit is no undo step; what it changed was:",
                                            "  --definition: met `tick`", "    en regel"], res.stderr


def test_a_project_given_as_a_codebook_is_named_a_project(small_ws, tmp_path):
    """`init new.db --codebook demo.db` said "binary data, not text (save the transcript as .txt …)"."""
    db = small_ws.session.path
    small_ws.close()
    res = sq("init", str(tmp_path / "new.db"), "--codebook", db)
    assert res.returncode == 1 and "a project, not a codebook file" in res.stderr and "transcript" not in res.stderr
    assert "codebook-export -p" in res.stderr and not (tmp_path / "new.db").exists()


def test_code_edit_clears_keywords_and_examples_and_names_the_way_back(small_ws):
    """Keywords given to a code that had none could not be taken away by `code-edit` (only by a
    codebook file or F7): a wrong keyword kept making suggestions."""
    import shlex
    db = small_ws.session.path
    small_ws.close()
    assert sq("code-add", "urgentie/huisvesting", "-p", db).returncode == 0
    res = sq("code-edit", "urgentie/huisvesting", "--keyword", "lokaal, gebouw", "--example", "Het gebouw is oud.",
             "-p", db)
    back = shlex.split(res.stderr.split("`")[1])
    assert back[2:5] == ["urgentie/huisvesting", "--no-keywords", "--no-examples"], res.stderr
    res = sq("code-edit", "urgentie/huisvesting", "--no-keywords", "-p", db)
    assert res.returncode == 0 and "--keyword lokaal --keyword gebouw" in res.stderr
    from sto_qual.services import Workspace
    ws = Workspace.open(db)
    code = ws.code("urgentie/huisvesting")
    assert (tuple(code.keywords), tuple(code.examples)) == ((), ("Het gebouw is oud.",))
    ws.close()
    assert sq(*back[1:]).returncode == 0  # the first note's way back: no examples either
    ws = Workspace.open(db)
    assert tuple(ws.code("urgentie/huisvesting").examples) == ()
    ws.close()
    res = sq("code-edit", "urgentie/huisvesting", "--no-keywords", "--keyword", "x", "-p", db)
    assert res.returncode == 2 and "--keyword and --no-keywords contradict each other" in res.stderr
    # nothing to take away: said so (it said "Updated")
    res = sq("code-edit", "urgentie/huisvesting", "--no-keywords", "-p", db)
    assert res.returncode == 0 and res.stdout.strip() == "Unchanged urgentie/huisvesting: it has those values already"


def test_code_add_warns_of_a_code_with_nearly_its_name(small_ws):
    """`code-add docenttekort` beside urgentie/docententekort: "Added docenttekort", a theme of its
    own, where a coder, role or attribute typo is refused or said."""
    db = small_ws.session.path
    small_ws.close()
    res = sq("code-add", "docenttekort", "-p", db)
    assert res.returncode == 0 and res.stdout.strip() == "Added docenttekort"
    assert ("warning: docenttekort is close to the code urgentie/docententekort ('Docententekort'); if you meant that "
            "one, `sto-qual code-delete docenttekort") in res.stderr
    assert sq(*res.stderr.split("`")[1].split()[1:]).returncode == 0  # takes it back
    res = sq("code-add", "collectief-optrekken/contacten-mbo", "-p", db)  # a series: no typo
    assert res.returncode == 0 and "close to" not in res.stderr
    # a label a sibling has: two facets of one name in the chapter, said as code-edit says it
    res = sq("code-add", "urgentie/lerarentekort", "--label", "Docententekort", "-p", db)
    assert res.returncode == 0 and "warning: " in res.stderr and "Docententekort" in res.stderr.split("warning: ")[1]


def test_a_code_gets_its_english_label_on_the_command_line(tmp_path):
    """A researcher's own code printed "Kennisdeling tussen regio's [nl]" as a heading of the English chapter, and
    `code-edit --label-en` did not exist: only an edited codebook file could give it one."""
    from sto_qual.services import Workspace
    p = tmp_path / "p.db"
    assert sq("init", "--project", p).returncode == 0
    added = sq("code-add", "collectief-optrekken/kennisdeling", "--label", "Kennisdeling tussen regio's",
               "--label-en", "Knowledge sharing between regions", "--project", p)
    assert added.returncode == 0, added.stderr
    ws = Workspace.open(p)
    assert ws.code("collectief-optrekken/kennisdeling").label_en == "Knowledge sharing between regions"
    ws.close()
    edited = sq("code-edit", "kennisdeling", "--label-en", "Knowledge sharing", "--project", p)
    assert edited.returncode == 0 and "--label-en 'Knowledge sharing between regions'" in edited.stderr  # put back
    cleared = sq("code-edit", "kennisdeling", "--label-en", "", "--project", p)
    assert cleared.returncode == 0
    ws = Workspace.open(p)
    assert ws.code("kennisdeling").label_en is None
    from sto_qual.services.report_warnings import project_warnings  # the English chapter's warning says how
    assert any("1 code has no label_en; its Dutch label is used, marked [nl]: collectief-optrekken/kennisdeling "
               "(`sto-qual code-edit collectief-optrekken/kennisdeling --label-en LABEL` gives one)" in w
               for w in project_warnings(ws, {"collectief-optrekken/kennisdeling"}))
    ws.close()


def test_an_english_quote_file_says_which_headings_keep_their_dutch_label(demo_copy, tmp_path):
    """A partner's English quote file was headed "Leeg lokaal [nl]" where the English chapter's
    warning says what [nl] is and how to give the code an English label; the quote file said nothing."""
    assert sq("code-add", "urgentie/leeg-lokaal", "-p", demo_copy).returncode == 0
    assert sq("code", "R01", "urgentie/leeg-lokaal", "--sentence", "7", "--coder", "onderzoeker-a",
              "-p", demo_copy).returncode == 0
    said = "1 code has no label_en; its Dutch label is used, marked [nl]: urgentie/leeg-lokaal (`sto-qual code-edit "
    for fmt in ("md", "docx"):
        made = sq("quotes", "urgentie", "--lang", "en", "--format", fmt, "-o", tmp_path / f"q.{fmt}", "-p", demo_copy)
        assert made.returncode == 0 and said in made.stderr, made.stderr
    assert "Leeg lokaal \\[nl\\]" in (tmp_path / "q.md").read_text(encoding="utf-8")
    # the Dutch file has its label; JSON names the code by its path; a theme without the code is not warned of
    for args in (["urgentie", "--format", "md", "-o", tmp_path / "nl.md"], ["urgentie", "--lang", "en", "--format",
                 "json"], ["collectief-optrekken", "--lang", "en", "--format", "md", "-o", tmp_path / "c.md"]):
        made = sq("quotes", *args, "-p", demo_copy)
        assert made.returncode == 0 and "label_en" not in made.stderr, made.stderr
    assert sq("code-edit", "urgentie/leeg-lokaal", "--label-en", "Empty classrooms", "-p", demo_copy).returncode == 0
    made = sq("quotes", "urgentie", "--lang", "en", "--format", "md", "-o", tmp_path / "q.md", "-p", demo_copy)
    assert "label_en" not in made.stderr and "## Empty classrooms" in (tmp_path / "q.md").read_text(encoding="utf-8")
