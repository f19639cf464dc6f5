"""A code's topic (``topic``, ``topic_en``): the noun phrase a theme's lead names a sub-code by
("namelijk de belemmeringen voor de regierol (in alle regio's), …") instead of its label. It
comes from the codebook file, is kept by an import that does not give it, exported, carried by
a merge, edited by ``code-edit --topic/--topic-en``, and every code of the bundled codebook has
both."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests_support import invoke_cli, plain

ROOT = Path(__file__).resolve().parents[2]
# (the second topic without "voor de regierol", which the first just said)
LEAD_VMBO = ("In alle regio's noemt men de belemmeringen voor de regierol, in de meeste regio's ook de succesfactoren "
             "(14 van 19). Op één punt lopen de antwoorden uiteen: in de meeste regio's (15 van 19) "
             "wijst men op de regie die het vmbo in de praktijk voert, in een deel van de regio's (7 van 19) op een "
             "regierol die vooral op papier bestaat; een aantal regio's (3 van 19) noemt beide.")
LEAD_VMBO_EN = ("All regions mention the obstacles to the lead role, and most regions also mention the success factors "
                "for the lead role (14 of 19). On one point the answers differ: most regions (15 of 19) point to the "
                "lead the vmbo takes in practice, a large minority of the regions (7 of 19) to a lead role that exists "
                "mainly on paper; several regions (3 of 19) mention both.")


def _spec(ws, path):
    return next(s for s in ws.codebook_specs().codes if s.path == path)


def _lead(ws, theme, lang="nl"):
    return ws.synthesis().theme_summary(theme, lang=lang).lead[0]


# ------------------------------------------------------------------ the codebook file
def test_a_codebook_file_gives_topics_and_the_export_writes_them_back():
    from sto_qual.importers.codebook_yaml import parse_codebook
    from sto_qual.report.codebook_yaml import dump_codebook
    cb = parse_codebook("codebook: t\ncodes:\n  - name: thema\n    codes:\n      - name: sub\n"
                        "        topic: ' de belemmeringen voor de regierol '\n"
                        "        topic_en: the obstacles to the lead role\n")
    sub = next(s for s in cb.codes if s.path == "thema/sub")
    assert (sub.topic, sub.topic_en) == ("de belemmeringen voor de regierol", "the obstacles to the lead role")
    assert {"topic", "topic_en"} <= sub.given
    top = next(s for s in cb.codes if s.path == "thema")
    assert (top.topic, top.topic_en) == ("", "") and "topic" not in top.given
    text = dump_codebook(cb)
    assert "topic: de belemmeringen voor de regierol" in text and "topic_en: the obstacles" in text
    assert "topic" not in text.split("- name: sub")[0]  # an empty topic is not written
    def fields(c):
        return [replace(s, line=None) for s in c.codes]
    assert fields(parse_codebook(text)) == fields(cb)


def test_the_bundled_codebook_names_every_code_by_a_topic_in_both_languages():
    from sto_qual.importers.codebook_yaml import parse_codebook_file
    bundled = ROOT / "src" / "sto_qual" / "data" / "sto.yaml"
    assert bundled.read_bytes() == (ROOT / "codebook" / "sto.yaml").read_bytes()
    cb = parse_codebook_file(bundled)
    assert len(cb.codes) == 24
    for s in cb.codes:
        assert s.topic and s.topic_en, s.path
        # a list of topics is joined with "en"/"and" and commas: none holds them, nor a count's
        # parentheses, so the lead names them plainly, without quotation marks
        assert " en " not in f" {s.topic} " and " and " not in f" {s.topic_en} ", s.path
        assert not set(",()") & set(s.topic + s.topic_en), s.path
        assert s.topic[0].islower() or s.topic[:2].isupper(), s.path  # written to stand mid-sentence


def test_import_keeps_topics_a_file_does_not_give_and_clears_one_given_empty(demo_ws, tmp_path):
    before = _spec(demo_ws, "urgentie/docententekort")
    assert (before.topic, before.topic_en) == ("het docententekort", "the teacher shortage")
    f = tmp_path / "deel.yaml"
    f.write_text("codebook: deel\ncodes:\n  - name: urgentie\n    codes:\n      - name: docententekort\n"
                 "        label: Tekort aan docenten\n        summary: noemt men het docententekort\n",
                 encoding="utf-8")
    assert demo_ws.import_codebook(f)["updated"] == ["urgentie/docententekort"]
    after = _spec(demo_ws, "urgentie/docententekort")
    assert (after.label, after.summary) == ("Tekort aan docenten", "noemt men het docententekort")
    assert (after.topic, after.topic_en) == (before.topic, before.topic_en)
    f.write_text("codebook: deel\ncodes:\n  - name: urgentie\n    codes:\n      - name: docententekort\n"
                 "        topic: het tekort aan technische docenten\n        topic_en: ''\n", encoding="utf-8")
    assert demo_ws.import_codebook(f)["updated"] == ["urgentie/docententekort"]
    after = _spec(demo_ws, "urgentie/docententekort")
    assert (after.topic, after.topic_en, after.summary) == ("het tekort aan technische docenten", "",
                                                            "noemt men het docententekort")
    assert json.loads(demo_ws.session.audit_log(1)[0]["details"])["fields"] == ["topic", "topic_en"]
    assert demo_ws.import_codebook(f)["updated"] == []  # the same again: nothing changes


def test_the_own_export_round_trips_topics_and_a_qdc_keeps_them(demo_ws, tmp_path):
    before = {s.path: (s.topic, s.topic_en) for s in demo_ws.codebook_specs().codes}
    assert all(all(v) for v in before.values())
    for out in (tmp_path / "cb.yaml", tmp_path / "cb.qdc"):
        demo_ws.export_codebook(out)
        assert ("topic" in out.read_text(encoding="utf-8")) == (out.suffix == ".yaml")  # a .qdc has no place for it
        assert demo_ws.import_codebook(out)["updated"] == []
        assert {s.path: (s.topic, s.topic_en) for s in demo_ws.codebook_specs().codes} == before
    # the YAML export gives them back to a project that lost them
    demo_ws.edit_code("financieringsonzekerheid/impact", topic="", topic_en="")
    assert demo_ws.import_codebook(tmp_path / "cb.yaml")["updated"] == ["financieringsonzekerheid/impact"]
    assert {s.path: (s.topic, s.topic_en) for s in demo_ws.codebook_specs().codes} == before


# ------------------------------------------------------------------ the theme's lead
def test_the_theme_lead_names_the_sub_codes_by_their_topics(demo_ws):
    assert _lead(demo_ws, "vmbo-in-the-lead") == LEAD_VMBO
    assert _lead(demo_ws, "vmbo-in-the-lead", "en") == LEAD_VMBO_EN
    assert "In alle regio's noemt men de ontwikkeling van de urgentie sinds de start, in de meeste regio's ook het " \
        "docententekort (15 van 19) en de krapte op de technische arbeidsmarkt (13 van 19)." in _lead(demo_ws, "urgentie")
    # the sub-codes' own lead sentences keep their summary phrases
    assert "In de meeste regio's (15 van 19) noemt men het tekort aan (technische) docenten." in \
        demo_ws.synthesis().theme_summary("urgentie").lead


def test_a_code_without_a_topic_is_named_by_its_label(demo_ws):
    demo_ws.edit_code("vmbo-in-the-lead/succesfactoren", topic="", topic_en="")
    # set off in quotes, as a point's "spreekt men over ‘…’" sets a label off
    assert ("In alle regio's noemt men de belemmeringen voor de regierol, in de meeste regio's ook ‘succesfactoren "
            "regierol’ (14 van 19).") in _lead(demo_ws, "vmbo-in-the-lead")
    assert "and most regions also mention success factors of the lead role (14 of 19)." in \
        _lead(demo_ws, "vmbo-in-the-lead", "en")
    # English without an English topic takes the English label, never the Dutch topic
    demo_ws.edit_code("vmbo-in-the-lead/belemmeringen", topic_en="")
    en = _lead(demo_ws, "vmbo-in-the-lead", "en")
    assert en.startswith("All regions mention obstacles to the lead role,") and "belemmeringen" not in en


def test_a_topic_holding_the_conjunction_sets_every_topic_off(demo_ws):
    demo_ws.edit_code("vmbo-in-the-lead/succesfactoren", topic="de kansen en succesfactoren voor de regierol",
                      topic_en="the chances and success factors")
    assert ("In alle regio's noemt men ‘de belemmeringen voor de regierol’, in de meeste regio's ook ‘de kansen en "
            "succesfactoren voor de regierol’ (14 van 19).") in _lead(demo_ws, "vmbo-in-the-lead")
    assert "‘the chances and success factors’ (14 of 19)" in _lead(demo_ws, "vmbo-in-the-lead", "en")


# ------------------------------------------------------------------ editing and merging
def test_code_edit_sets_and_clears_topics(demo_copy):
    res = invoke_cli(["code-edit", "--project", str(demo_copy), "vmbo-in-the-lead/op-papier",
                      "--topic", "  een  regierol\talleen op papier ", "--topic-en", "a lead role on paper only"])
    assert res.exit_code == 0, res.output
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        spec = _spec(ws, "vmbo-in-the-lead/op-papier")
        assert (spec.topic, spec.topic_en) == ("een regierol alleen op papier", "a lead role on paper only")
        assert spec.label == "Regierol alleen op papier" and spec.summary  # the other fields stay
        assert json.loads(ws.session.audit_log(1)[0]["details"]) == {"fields": ["topic", "topic_en"]}
    finally:
        ws.close()
    res = invoke_cli(["code-edit", "--project", str(demo_copy), "vmbo-in-the-lead/op-papier", "--topic", ""])
    assert res.exit_code == 0, res.output
    ws = Workspace.open(demo_copy)
    try:
        spec = _spec(ws, "vmbo-in-the-lead/op-papier")
        assert (spec.topic, spec.topic_en) == ("", "a lead role on paper only")
    finally:
        ws.close()


def test_edit_strips_control_characters_from_a_topic(demo_ws):
    demo_ws.edit_code("urgentie/arbeidsmarkt", topic="de krapte\x1b[2J op de arbeidsmarkt")
    assert _spec(demo_ws, "urgentie/arbeidsmarkt").topic == "de krapte[2J op de arbeidsmarkt"


def test_merge_carries_topics_where_this_copy_has_none(demo_db, tmp_path):
    from sto_qual.services import Workspace
    from sto_qual.services.merge import merge_projects
    mine, theirs = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(demo_db, mine)
    shutil.copy(demo_db, theirs)
    b = Workspace.open(theirs)
    b.add_code("urgentie/huisvesting")  # a code new to this copy, with its topics
    b.edit_code("urgentie/huisvesting", topic="het gebrek aan lokalen", topic_en="the lack of classrooms")
    b.edit_code("urgentie/docententekort", topic="het tekort aan docenten")  # both have one: ours stays
    b.close()
    a = Workspace.open(mine)
    try:
        a.edit_code("urgentie/arbeidsmarkt", topic="")  # ours has none: theirs comes in
        merge_projects(a, theirs)
        got = {s.path: (s.topic, s.topic_en) for s in a.codebook_specs().codes}
        assert got["urgentie/huisvesting"] == ("het gebrek aan lokalen", "the lack of classrooms")
        assert got["urgentie/docententekort"] == ("het docententekort", "the teacher shortage")
        assert got["urgentie/arbeidsmarkt"] == ("de krapte op de technische arbeidsmarkt",
                                                "the tight technical labour market")
    finally:
        a.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chapter_lead_reads_the_topics(demo_ws, tmp_path, lang):
    import docx
    out = tmp_path / f"h-{lang}.docx"
    demo_ws.report(out, lang=lang)
    text = plain("\n".join(p.text for p in docx.Document(str(out)).paragraphs))
    assert (LEAD_VMBO if lang == "nl" else LEAD_VMBO_EN) in text
