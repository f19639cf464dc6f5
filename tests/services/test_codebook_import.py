"""codebook-import updates the fields a file carries and keeps every other field of an
existing code: a .qdc has no label_en, summaries or contrasts, a YAML entry may give only a
few keys; re-importing the project's own export changes nothing and says so."""
from __future__ import annotations

from tests_support import invoke_cli

from sto_qual.domain.codebook import next_colour, sub_colour

KEPT = ("label", "label_en", "colour", "definition", "when_to_use", "when_not_to_use", "examples", "keywords",
        "summary", "summary_en", "contrasts")


def _fields(ws) -> dict[str, tuple]:
    return {s.path: tuple(getattr(s, k) for k in KEPT) for s in ws.codebook_specs().codes}


def _spec(ws, path):
    return next(s for s in ws.codebook_specs().codes if s.path == path)


def _order(ws) -> list[str]:
    return [c.path for c in ws.codebook()]


def test_qdc_round_trip_keeps_label_en_summaries_contrasts_keywords_and_colour(demo_ws, tmp_path):
    before, order = _fields(demo_ws), _order(demo_ws)
    assert sum(1 for v in before.values() if v[1]) == 24  # every demo code has a label_en
    out = demo_ws.export_codebook(tmp_path / "cb.qdc")
    report = demo_ws.import_codebook(out)
    assert (report["added"], report["updated"], len(report["unchanged"])) == ([], [], 24)
    assert not report["warnings"]  # its own export: no "is named ... here" line per code
    assert _fields(demo_ws) == before and _order(demo_ws) == order
    impact = _spec(demo_ws, "financieringsonzekerheid/impact")
    assert impact.label_en and impact.summary and impact.summary_en
    assert impact.contrasts == ("financieringsonzekerheid/geen-impact",)


def test_a_foreign_qdc_updates_name_definition_and_colour_only(demo_ws, tmp_path):
    before = _fields(demo_ws)
    qdc = tmp_path / "nvivo.qdc"
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo"><Codes>'
                   '<Code guid="11111111-1111-4111-8111-111111111111" name="Urgentie" isCodable="true">'
                   '<Description>Een nieuwe definitie.</Description>'
                   '<Code guid="22222222-2222-4222-8222-222222222222" name="Docententekort" isCodable="true" '
                   'color="#000000"/>'
                   '</Code></Codes></CodeBook>', encoding="utf-8")
    report = demo_ws.import_codebook(qdc)
    assert report["updated"] == ["urgentie", "urgentie/docententekort"] and report["added"] == []
    after = _fields(demo_ws)
    changed = {path: [k for k, a, b in zip(KEPT, before[path], after[path]) if a != b] for path in before}
    assert changed["urgentie"] == ["definition"] and after["urgentie"][3] == "Een nieuwe definitie."
    assert changed["urgentie/docententekort"] == ["colour"]
    assert not any(v for path, v in changed.items() if path not in ("urgentie", "urgentie/docententekort"))


def test_a_partial_yaml_entry_keeps_the_fields_it_does_not_give(demo_ws, tmp_path):
    before, order = _fields(demo_ws), _order(demo_ws)
    f = tmp_path / "partial.yaml"
    f.write_text("codebook: deel\ncodes:\n"
                 "  - name: financieringsonzekerheid\n"
                 "    codes:\n"
                 "      - name: impact\n"
                 "        label: Gevolgen\n"
                 "        definition: Wat de onzekerheid teweegbracht.\n", encoding="utf-8")
    report = demo_ws.import_codebook(f)
    assert report["updated"] == ["financieringsonzekerheid/impact"]
    assert report["unchanged"] == ["financieringsonzekerheid"] and report["added"] == []
    after = _fields(demo_ws)
    impact = _spec(demo_ws, "financieringsonzekerheid/impact")
    assert (impact.label, impact.definition) == ("Gevolgen", "Wat de onzekerheid teweegbracht.")
    for i, key in enumerate(KEPT):
        if key not in ("label", "definition"):
            assert after["financieringsonzekerheid/impact"][i] == before["financieringsonzekerheid/impact"][i], key
    assert impact.colour == "#005c43" and impact.keywords and impact.when_to_use
    assert impact.summary and impact.summary_en and impact.contrasts
    assert {p: v for p, v in after.items() if p != "financieringsonzekerheid/impact"} == \
        {p: v for p, v in before.items() if p != "financieringsonzekerheid/impact"}
    assert _order(demo_ws) == order  # the file's order of one sub-code moves nothing


def test_a_yaml_key_given_empty_clears_that_field(demo_ws, tmp_path):
    before = _spec(demo_ws, "urgentie/docententekort")
    f = tmp_path / "leeg.yaml"
    f.write_text("codebook: leeg\ncodes:\n  - name: urgentie\n    codes:\n      - name: docententekort\n"
                 "        keywords: []\n        when_to_use: ''\n        label_en:\n", encoding="utf-8")
    assert demo_ws.import_codebook(f)["updated"] == ["urgentie/docententekort"]
    after = _spec(demo_ws, "urgentie/docententekort")
    assert (after.keywords, after.when_to_use, after.label_en) == ((), "", None)
    assert (after.label, after.colour, after.definition, after.summary, after.summary_en) == \
        (before.label, before.colour, before.definition, before.summary, before.summary_en)


def test_reimporting_the_own_yaml_export_reports_no_change(demo_ws, tmp_path):
    # a code moved out of its theme leaves a gap in its old siblings' positions
    demo_ws.move_code("urgentie/krimp-leerlingaantallen", None)
    before, order = _fields(demo_ws), _order(demo_ws)
    audit = len(demo_ws.session.audit_log())
    out = demo_ws.export_codebook(tmp_path / "cb.yaml")
    report = demo_ws.import_codebook(out)
    assert (report["added"], report["updated"], len(report["unchanged"])) == ([], [], 24)
    assert _fields(demo_ws) == before and _order(demo_ws) == order
    assert len(demo_ws.session.audit_log()) == audit  # nothing changed, nothing audited
    db = str(demo_ws.session.path)
    demo_ws.close()
    for name in ("cb.yaml", "cb.qdc"):
        if name.endswith(".qdc"):
            assert invoke_cli(["codebook-export", "--project", db, "-o", str(tmp_path / name)]).exit_code == 0
        res = invoke_cli(["codebook-import", "--project", db, str(tmp_path / name)])
        assert res.exit_code == 0, res.output
        assert res.stdout.strip() == "added 0, updated 0, unchanged 24", res.output
        assert not list(tmp_path.glob("*.pre-codebook-*")) and "backup" not in res.stderr  # (nothing changed)


def test_a_copy_exported_before_a_rename_merge_or_move_brings_no_old_code_back(demo_ws, tmp_path):
    """A colleague's stale copy of the codebook brought renamed and merged codes back, empty, beside
    the codes their codings had followed, and said only "added 6, updated 7"."""
    old = demo_ws.export_codebook(tmp_path / "old.yaml")
    demo_ws.rename_code("urgentie/arbeidsmarkt", "tekort-technici")
    demo_ws.merge_codes("urgentie/verschuiving", "urgentie/docententekort")
    demo_ws.move_code("collectief-optrekken/gedeelde-plek", "urgentie")
    paths = sorted(c.path for c in demo_ws.codebook())
    report = demo_ws.import_codebook(old)
    assert sorted(c.path for c in demo_ws.codebook()) == paths and report["added"] == []
    said = " ".join(report["warnings"])
    for was, now in (("urgentie/arbeidsmarkt", "urgentie/tekort-technici"),
                     ("urgentie/verschuiving", "urgentie/docententekort"),
                     ("collectief-optrekken/gedeelde-plek", "urgentie/gedeelde-plek")):
        assert (f"code '{was}' of old.yaml is '{now}' here (renamed, moved or merged since, its codings with it): "
                "neither added again nor changed by the file") in said
    # a name given again since: the code under it now is another, and keeps its own fields
    demo_ws.rename_code("vmbo-in-the-lead/succesfactoren", "factoren")
    demo_ws.rename_code("vmbo-in-the-lead/belemmeringen", "succesfactoren")
    own = demo_ws.code("vmbo-in-the-lead/succesfactoren")
    report = demo_ws.import_codebook(old)
    again = demo_ws.code("vmbo-in-the-lead/succesfactoren")
    assert (again.label, again.definition, again.colour) == (own.label, own.definition, own.colour)
    assert "vmbo-in-the-lead/succesfactoren" not in report["updated"]
    assert any("and 'vmbo-in-the-lead/succesfactoren' is another code now" in w for w in report["warnings"])
    # ... while the project's own export of today, naming the code under its new name, is read as it
    now = demo_ws.export_codebook(tmp_path / "now.yaml")
    report = demo_ws.import_codebook(now)
    assert (report["added"], report["updated"], report["warnings"]) == ([], [], [])
    db = str(demo_ws.session.path)
    demo_ws.close()
    (tmp_path / "one.yaml").write_text("codes:\n  - name: urgentie\n    codes:\n      - name: huisvesting\n",
                                       encoding="utf-8")
    res = invoke_cli(["codebook-import", "--project", db, str(tmp_path / "one.yaml")])
    assert res.stdout.startswith("added 1 (urgentie/huisvesting), updated 0, unchanged 1"), res.output
    # no undo step: a backup first, named with the restore that takes the import back
    backup = next(tmp_path.glob("*.pre-codebook-*.db"))
    assert f"backup before the import: {backup}" in res.stderr and "returns the project to before it" in res.stderr
    from sto_qual.services import Workspace
    ws = Workspace.open(backup)
    assert "urgentie/huisvesting" not in {c.path for c in ws.codebook()}
    ws.close()


def test_an_import_that_gives_two_codes_one_label_says_so(demo_ws, tmp_path):
    """Two siblings of one label were taken from a file without a word, where code-edit warns: the
    picker, F5 and the chapter show them alike."""
    (tmp_path / "cb.yaml").write_text("codes:\n  - name: urgentie\n    codes:\n      - name: huisvesting\n"
                                      "        label: Arbeidsmarkt\n", encoding="utf-8")
    said = demo_ws.import_codebook(tmp_path / "cb.yaml")["warnings"]
    assert said == ["‘Arbeidsmarkt’ is the label of urgentie/arbeidsmarkt too: the picker, F5 and the chapter show "
                    "the two alike (give one another label, or merge them)"]


def test_the_audit_names_the_changed_fields_and_the_coder(demo_ws, tmp_path):
    f = tmp_path / "een.yaml"
    f.write_text("codebook: een\ncodes:\n  - name: urgentie\n    definition: Anders.\n    summary: iets anders\n",
                 encoding="utf-8")
    n = len(demo_ws.session.audit_log())
    demo_ws.import_codebook(f)
    new = demo_ws.session.audit_log()[n:]
    assert [(e["action"], e["entity"]) for e in new] == [("update", "code"), ("update", "code")]
    assert all(e["coder"] == demo_ws.resolve_coder() for e in new)
    import json
    details = [json.loads(e["details"]) for e in new]
    assert details == [{"path": "urgentie", "fields": ["definition"]}, {"path": "urgentie", "fields": ["summary"]}]


def test_a_new_code_gets_todays_defaults(demo_ws, tmp_path):
    order = _order(demo_ws)
    f = tmp_path / "nieuw.yaml"
    f.write_text("codebook: nieuw\ncodes:\n  - name: urgentie\n    codes:\n      - name: huisvesting\n"
                 "  - name: los\n", encoding="utf-8")
    report = demo_ws.import_codebook(f)
    assert report["added"] == ["urgentie/huisvesting", "los"] and report["updated"] == []
    new = _spec(demo_ws, "urgentie/huisvesting")
    # what `code-add` gives a code: a shade of its theme's colour, told apart from the theme's and its
    # siblings' (a file of names gave every code one grey), and a label made from its name (it had
    # none, and the Quotes screen stopped on it)
    theirs = [c.colour for c in demo_ws.codebook() if c.path == "urgentie" or c.parent == "urgentie"
              and c.path != new.path]
    assert new.colour not in theirs and new.colour == sub_colour("#d55e00", theirs[1:])
    assert (new.label, new.label_en, new.definition, new.keywords, new.summary, new.contrasts) == \
        ("Huisvesting", None, "", (), "", ())
    tops = [c.colour for c in demo_ws.codebook() if c.parent is None]
    assert _spec(demo_ws, "los").colour == next_colour(4) and tops.count(next_colour(4)) == 1
    # each after the code before it in the file: the theme's last sub-code, the theme urgentie
    assert _order(demo_ws) == order[:8] + ["urgentie/huisvesting", "los"] + order[8:]


def test_a_codebook_of_names_and_definitions_gets_a_colour_and_a_label_per_code(tmp_path):
    """A new user's codebook with names and definitions only: every code was one grey in the Coder,
    and without labels F5 stopped the workbench."""
    from sto_qual.services import Workspace
    f = tmp_path / "cb.yaml"
    f.write_text("codes:\n  - name: urgentie\n    definition: Waar het knelt.\n    codes:\n      - name: krimp\n"
                 "      - name: arbeidsmarkt\n  - name: vmbo-in-the-lead\n  - name: collectief-optrekken\n",
                 encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    try:
        ws.import_codebook(f)
        codes = {c.path: c for c in ws.codebook()}
        assert [codes[p].colour for p in ("urgentie", "vmbo-in-the-lead", "collectief-optrekken")] == \
            [next_colour(0), next_colour(1), next_colour(2)]
        assert len({c.colour for c in codes.values()}) == len(codes)
        assert codes["urgentie/krimp"].label == "Krimp" and codes["vmbo-in-the-lead"].label == "Vmbo in the lead"
    finally:
        ws.close()


def test_the_file_order_of_siblings_it_lists_is_kept(demo_ws, tmp_path):
    f = tmp_path / "volgorde.yaml"
    f.write_text("codebook: v\ncodes:\n  - name: urgentie\n    codes:\n      - name: arbeidsmarkt\n"
                 "      - name: docententekort\n", encoding="utf-8")
    report = demo_ws.import_codebook(f)
    assert sorted(report["updated"]) == ["urgentie/arbeidsmarkt", "urgentie/docententekort"]
    subs = [c.path.split("/")[1] for c in demo_ws.codebook() if c.parent == "urgentie"]
    assert subs == ["arbeidsmarkt", "aansluiting-mbo", "behoud-techniekaanbod", "krimp-leerlingaantallen",
                    "docententekort", "kwaliteit-innovatie", "verschuiving"]


def test_a_contrast_within_its_own_code_is_refused_with_file_and_line(demo_ws, demo_copy, tmp_path):
    """A theme contrasting with one of its own sub-codes drafted a meaningless "beide beelden"
    sentence; the file is refused in one line naming it, and nothing changes."""
    import pytest

    from sto_qual.domain.errors import StoQualError
    before = _fields(demo_ws)
    f = tmp_path / "eigen.yaml"
    f.write_text("codebook: eigen\ncodes:\n"
                 "  - name: bedrijfsleven\n"
                 "    definition: Samenwerking met bedrijven.\n"
                 "    contrasts: [bedrijfsleven/afhankelijk]\n"
                 "    codes:\n"
                 "      - name: afhankelijk\n"
                 "        definition: Het hangt aan een paar personen.\n", encoding="utf-8")
    with pytest.raises(StoQualError) as err:
        demo_ws.import_codebook(f)
    said = str(err.value) + " " + (getattr(err.value, "where", "") or "")
    assert "'bedrijfsleven/afhankelijk' lies within 'bedrijfsleven'" in said
    assert _fields(demo_ws) == before
    with pytest.raises(StoQualError, match="lies within 'urgentie'"):
        demo_ws.synthesis().set_code_fields("urgentie", "noemt men waar de urgentie ligt", ["urgentie/docententekort"])
    from cli_runner import sq
    r = sq("codebook-import", "-p", demo_copy, f)  # refused at its contrasts line
    assert r.returncode == 1 and r.stderr.startswith(f"error: {f}:5: 'bedrijfsleven' cannot contrast"), r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
