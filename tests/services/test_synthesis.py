"""Synthesis: the summary grid and theme summaries, from the CLI and the service, on the demo."""
from __future__ import annotations

import json
import re

from sto_qual.services import Workspace

import pytest
from click.testing import CliRunner

from sto_qual.cli import cli
from sto_qual.domain.drafting import clean_sentence


def run(project, *args, ok=True):
    res = CliRunner().invoke(cli, [*args, "--project", str(project)], catch_exceptions=False) \
        if args[0] != "summary" else \
        CliRunner().invoke(cli, [*args[:2], "--project", str(project), *args[2:]], catch_exceptions=False)
    if ok:
        assert res.exit_code == 0, res.output
    return res


def drafts(ws):
    syn = ws.synthesis()
    cells = [(r["document"], r["code"], r["summary"], r["passages"]) for r in syn.grid()]
    themes = [{k: t[k] for k in ("code", "lead", "points", "contrasts")} for t in syn.themes()]
    return json.dumps([cells, themes], ensure_ascii=False, sort_keys=True)


def test_grid_names_every_coding_of_a_passage_two_sub_codes_share(demo_copy):
    """R02 × collectief-optrekken: one passage coded with two sub-codes counted as one passage,
    and its second coding (#34) was in no key of the grid's JSON, where `matrix` counts both."""
    rows = json.loads(run(demo_copy, "grid", "--codes", "collectief-optrekken", "--where", "doc=R02",
                          "--format", "json").output)
    cell = rows[0]
    codings = json.loads(run(demo_copy, "codings", "--doc", "R02", "--format", "json").stdout)
    under = [c for c in codings if c["code"].split("/")[0] == "collectief-optrekken" and c["coder"] == "onderzoeker-a"]
    assert sorted(cell["codings"]) == sorted(c["id"] for c in under)
    spans = {(c["start"], c["end"]) for c in under}
    assert len(cell["passages"]) == len(spans) < len(cell["codings"])  # a passage per span
    assert set(cell["passages"]) <= set(cell["codings"])


def test_a_points_words_are_as_its_passages_write_them(demo_copy):
    """A point's row read "plan geld, bezigen" and "helen bewust": the Dutch tables, without a
    tagger, take "bezig" for a form of "bezigen" and "heel" for one of "helen"."""
    from sto_qual.services.synthesis_drafting import as_written
    said = ["Je bent bezig met een plan.", "Wij zijn er heel bewust mee bezig.", "Dat hebben we uitgesteld."]
    assert as_written("bezigen", said) == "bezig"
    assert as_written("helen bewust", said) == "heel bewust"
    assert as_written("plan geld", said) == "plan geld"  # a word the passages hold as it is stays
    run(demo_copy, "summarize")
    shown = [json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)
             for theme in ("financieringsonzekerheid", "vmbo-in-the-lead")]
    labels = [p["label"] for theme in shown for p in theme["points"]]
    words = {w for label in labels for w in label.replace(",", " ").split()}
    assert "bezig" in words and "bezigen" not in words and "helen" not in words, labels


def test_clean_sentence_drops_fillers_and_marks_them():
    assert clean_sentence("Ja, en als PIE verdwijnt, dan is het, eh, voorbij.") == "… als PIE verdwijnt, dan is het … voorbij."
    assert clean_sentence("Nou, dat is eigenlijk nog steeds hetzelfde.") == "… dat is eigenlijk nog steeds hetzelfde."
    assert clean_sentence("Maar dat klopt niet.") == "… dat klopt niet."


def test_grid_json_keys_and_theme_keys(demo_copy):
    run(demo_copy, "summarize")
    rows = json.loads(run(demo_copy, "grid", "--codes", "financieringsonzekerheid/impact", "--format", "json").output)
    assert len(rows) == 19
    assert {"document", "code", "status", "summary", "passages"} <= set(rows[0])
    r02 = next(r for r in rows if r["document"] == "R02")
    assert r02["status"] == "draft" and r02["summary"] and r02["passages"]
    krimp = json.loads(run(demo_copy, "grid", "--codes", "financieringsonzekerheid/impact", "--where",
                           "region_type=krimp", "--format", "json").output)
    assert {r["document"] for r in krimp} == {"R02", "R05", "R12", "R17"}
    # CSV for a spreadsheet: the status and passages as the JSON gives them, not "◌ draft" and a count
    import csv
    import io
    flat = list(csv.DictReader(io.StringIO(run(demo_copy, "grid", "--codes", "financieringsonzekerheid/impact",
                                                  "--format", "csv").output)))
    assert len(flat) == 19  # the whole grid, as the JSON (the table for people leaves out empty cells)
    c02 = next(r for r in flat if r["document"] == "R02")
    assert c02["status"] == "draft" and c02["passages"] == "; ".join(map(str, r02["passages"]))
    theme = json.loads(run(demo_copy, "summary", "show", "--theme", "financieringsonzekerheid",
                           "--format", "json").output)
    assert {"code", "lead", "points", "contrasts", "status"} <= set(theme)
    assert theme["status"] == "draft"
    # the common view first (every interview was asked about the theme: no "In alle regio's spreekt men over …")
    assert theme["lead"][0].endswith("In de meeste regio's noemt men ook de structurele knelpunten in de financiering (15 van 19).")
    for p in theme["points"]:
        assert {"label", "regions", "wording", "evidence", "references"} <= set(p)
        assert len(p["regions"]) >= 2 and p["references"]
    labels = " ".join(p["label"] + " " + " ".join(p["lemmas"]) for p in theme["points"])
    # facets of funding uncertainty (DOMAIN.md) that the demo interviews contain
    for words in (("contract",), ("investering",), ("kalenderjaar", "schooljaar"),
                  ("indexatie", "indexeren", "inflatie"), ("machine", "afschrijving", "afschrijven")):
        assert any(w in labels for w in words), (words, labels)
    kinds = {(c["kind"], c["code"], c["other"]) for c in theme["contrasts"]}
    assert ("codes", "financieringsonzekerheid/impact", "financieringsonzekerheid/geen-impact") in kinds


def test_set_accept_clear_undo_and_outdated(demo_ws):
    syn = demo_ws.synthesis()
    syn.summarize()
    cell = syn.set_text("Geen vaste contracten; extra overleg.", doc="R02", code="financieringsonzekerheid/impact",
                        coder="anna")
    assert cell["status"] == "reviewed" and cell["author"] == "anna"
    assert any(a["action"] == "summary-set" for a in demo_ws.session.audit_log())
    # redrafting never overwrites reviewed text
    syn.summarize(redraft=True)
    assert syn.cell("R02", "financieringsonzekerheid/impact")["summary"] == "Geen vaste contracten; extra overleg."
    # a new coding under it: outdated, with what changed
    # (drafts rest on the project's reference coder, onderzoeker-a in the demo)
    c = demo_ws.assign_code("R02", "financieringsonzekerheid/impact", unit=demo_ws.units("R02")[3].id,
                            coder="onderzoeker-a")
    now = syn.cell("R02", "financieringsonzekerheid/impact")
    assert now["status"] == "outdated" and now["changes"]["added"] == [c.id]
    other = demo_ws.assign_code("R02", "financieringsonzekerheid/impact", unit=demo_ws.units("R02")[4].id,
                                coder="anna")  # a coder the chapter does not count changes nothing
    assert syn.cell("R02", "financieringsonzekerheid/impact")["changes"]["added"] == [c.id]
    demo_ws.undo("anna")  # anna's coding
    demo_ws.undo("onderzoeker-a")  # the reference coder's coding
    assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "reviewed"
    demo_ws.undo("anna")  # the text
    back = syn.cell("R02", "financieringsonzekerheid/impact")
    assert back["status"] == "draft" and back["summary"] != "Geen vaste contracten; extra overleg."
    syn.accept(doc="R02", code="financieringsonzekerheid/impact", coder="anna")
    assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "reviewed"
    syn.clear(doc="R02", code="financieringsonzekerheid/impact", coder="anna")
    assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "empty"
    demo_ws.undo("anna")
    assert syn.cell("R02", "financieringsonzekerheid/impact")["status"] == "reviewed"
    # a theme: set, then accept keeps the text
    t = syn.set_text("Eigen tekst.", theme="financieringsonzekerheid", coder="anna")
    assert t["status"] == "reviewed" and t["text"] == "Eigen tekst."
    assert demo_ws.synthesis().theme_summary("financieringsonzekerheid").text == "Eigen tekst."


def test_a_cell_whose_passage_is_in_the_documents_last_turn_is_shown_and_set(demo_ws):
    """A passage in a document's last turn (every survey answer is one) stopped `summary show`,
    F9's cell and `summary set` with an internal error, after `set` had saved its text."""
    last = demo_ws.units("R01")[-1]
    c = demo_ws.assign_code("R01", "urgentie", unit=last.id, coder="onderzoeker-a")
    syn = demo_ws.synthesis()
    evidence = syn.cell("R01", "urgentie")["evidence"]
    mine = next(e for e in evidence if e["id"] == c.id)
    assert [t["text"] for t in mine["turns"]] == [c.text.strip()]
    assert syn.set_text("Eigen tekst.", doc="R01", code="urgentie", coder="anna")["status"] == "reviewed"


def test_drafts_are_byte_identical_for_the_same_project(demo_db, tmp_path):
    from sto_qual.services import Workspace
    from sto_qual.services.demo import build_demo
    from tests.conftest import TRANSCRIPTS
    other = tmp_path / "again.db"
    build_demo(other, TRANSCRIPTS)
    a, b = Workspace.open(demo_db), Workspace.open(other)
    try:
        assert drafts(a) == drafts(b)
        a.synthesis()._corpus = None
        assert drafts(a) == drafts(b)
    finally:
        a.close()
        b.close()


def test_bad_input_is_one_line_and_changes_nothing(demo_copy, tmp_path):
    from cli_runner import sq

    def real(*args):  # the real entry point (errors as one line), in-process
        return sq(*args, "--project", demo_copy)
    res = real("summary", "set", "--doc", "R02", "--code", "nope", "--text", "x")
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "unknown code" in res.stderr
    res = real("summary", "set", "--theme", "urgentie/docententekort", "--text", "x")
    assert res.returncode == 1 and "not a theme" in res.stderr
    res = real("summary", "set", "--doc", "R02", "--code", "urgentie")
    assert res.returncode == 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    res = real("summary", "set", "--doc", "R02", "--code", "urgentie", "--file", str(bad))
    assert res.returncode == 1 and "UTF-8" in res.stderr
    res = real("summary", "clear", "--doc", "R02", "--code", "urgentie")
    assert res.returncode == 1 and "no summary to clear" in res.stderr
    res = real("grid", "--format", "json")
    assert all(r["status"] == "empty" for r in json.loads(res.stdout))


def test_report_theme_section_opens_with_summary(demo_copy, tmp_path):
    import docx
    run(demo_copy, "summary", "set", "--theme", "financieringsonzekerheid", "--text", "Onze eigen samenvatting.")
    out = tmp_path / "r.docx"
    run(demo_copy, "report", "-o", str(out))  # drafts count the reference coder, as the report does
    paras = [p.text for p in docx.Document(str(out)).paragraphs]
    # her text opens the section; the note above it says the differences under it are drafts
    assert paras[paras.index("Financieringsonzekerheid") + 2] == "Onze eigen samenvatting."
    assert paras[paras.index("Financieringsonzekerheid") + 1].startswith("De gemarkeerde zinnen onder ‘Verschillen")
    # the quotes under "Wat de regio's noemen" keep their facet's name: a writer's own text left
    # five quotes in a row with nothing saying what each was about
    styles = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    i = styles.index(("Heading 2", "Financieringsonzekerheid"))
    section = styles[i + 1:next(k for k in range(i + 1, len(styles)) if styles[k][0] == "Heading 2")]
    quotes = [k for k, (style, _t) in enumerate(section) if style == "Quote"]
    assert quotes and all(section[k - 1][0] == "Quote" or section[k - 1][1] in ("Gevolgen van de onzekerheid.",
                          "Structurele knelpunten.", "Weinig of geen gevolgen.") for k in quotes), section
    concept = [p for p in paras if p.startswith("Concept:")]
    assert len(concept) == 3  # the three themes nobody reviewed open with their draft, marked
    ws = Workspace.open(demo_copy)
    try:  # the draft's frequencies are the table's
        lead = ws.synthesis().theme_summary("urgentie").lead
        n = int(ws.theme_counts(coder="onderzoeker-a").set_index("code").loc["urgentie/docententekort", "documents"])
    finally:
        ws.close()
    assert any(f"({n} van 19)" in x and "docent" in x.lower() for x in lead), lead
    run(demo_copy, "reference-coder", "--clear")  # all coders merged: the text rests on other codings now
    run(demo_copy, "report", "-o", str(out))
    paras = [p.text for p in docx.Document(str(out)).paragraphs]
    i = paras.index("Financieringsonzekerheid")
    assert paras[i + 1].startswith("Let op: de coderingen of de interviews zijn gewijzigd")
    assert paras[i + 2] == "Onze eigen samenvatting."
    j = paras.index("Urgentie")
    assert paras[j + 1].startswith("Concept:") and paras[j + 2].startswith("In alle regio's noemt men")
    md = tmp_path / "r.md"
    run(demo_copy, "export", "-o", str(md))
    text = md.read_text(encoding="utf-8")
    head = text.index("## Financieringsonzekerheid")
    assert head < text.index("Onze eigen samenvatting.") < text.index("## ", head + 3)
    assert "## Urgentie\n\n*Concept:" in text and "nagelezen.*\n\nIn alle regio's noemt men" in text


def test_the_grid_export_reads_a_cell_as_the_grid_does_after_its_codings_changed(demo_copy, tmp_path):
    """After `uncode 282` the exported grid (.xlsx, .docx) still printed "[concept] Ik heb een
    investering in een nieuwe CNC-machine…" in R10's cells, which `grid` listed as empty or drafted
    anew: the export read the stored drafts, not the cells as they are."""
    import openpyxl
    run(demo_copy, "summarize")
    cell = json.loads(run(demo_copy, "grid", "--where", "doc=R10", "--codes", "financieringsonzekerheid/impact",
                          "--format", "json").output)[0]
    assert "CNC" in cell["summary"] and 282 in cell["passages"]
    run(demo_copy, "uncode", "282")
    now = {r["code"]: r for r in json.loads(run(demo_copy, "grid", "--where", "doc=R10", "--format", "json").output)}
    out = tmp_path / "grid.xlsx"
    run(demo_copy, "export", "-o", str(out), "--grid")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    r10 = dict(zip(rows[0], next(r for r in rows if r[0] == "R10")))
    assert not [k for k, v in r10.items() if v and "CNC-machine een jaar uitgesteld" in str(v)], r10
    assert "CNC-machine een jaar uitgesteld" not in (now["financieringsonzekerheid"]["summary"] or "")


def test_uncode_says_which_reviewed_summary_rested_on_the_passage(demo_copy):
    """`uncode 282` said only "removed #282 …" while the cell R10 × impact and a point of the theme,
    both reviewed, rested on it; a writer learned it only by opening `summary show`."""
    from cli_runner import sq
    theme = "financieringsonzekerheid"
    run(demo_copy, "summarize")
    quiet = sq("uncode", "281", "-p", demo_copy)  # nothing reviewed yet: nothing said
    assert quiet.returncode == 0 and "rested on it" not in quiet.stderr
    run(demo_copy, "summary", "set", "--theme", theme, "--point", "1", "--text", "Besturen waren voorzichtig.")
    run(demo_copy, "summary", "accept", "--doc", "R10", "--code", theme + "/impact")
    said = sq("uncode", "282", "-p", demo_copy)
    assert said.returncode == 0 and (
        f"note: the cell R10 × {theme}/impact and the theme {theme} rested on it: their reviewed text is outdated now "
        f"(`sto-qual summary show --theme {theme}") in said.stderr, said.stderr


def test_uncode_all_codes_names_every_reviewed_theme_that_rested_on_what_it_removed(demo_copy):
    """`uncode --doc R10 --all-codes` removed codings of every theme; the note named only the theme
    of the first coding it removed."""
    from cli_runner import sq
    run(demo_copy, "summarize")
    for theme in ("urgentie", "financieringsonzekerheid"):
        run(demo_copy, "summary", "accept", "--theme", theme)
    said = sq("uncode", "-p", demo_copy, "--doc", "R10", "--all-codes")
    assert said.returncode == 0, said.stderr
    note = next(line for line in said.stderr.splitlines() if "rested on them" in line)
    assert "the theme urgentie" in note and "the theme financieringsonzekerheid" in note, note


def test_summary_table_export(demo_copy, tmp_path):
    import openpyxl
    run(demo_copy, "summarize", "--theme", "urgentie")
    out = tmp_path / "grid.xlsx"
    run(demo_copy, "export", "-o", str(out))
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "interview" and "regiotype" in header and "Docententekort" in header
    assert "region_type" not in header  # labels, never attribute keys
    assert sheet.max_row == 20
    assert "Financieringsonzekerheid" not in header  # only codes with summaries
    import docx
    from docx.shared import Cm
    table = tmp_path / "grid.docx"
    run(demo_copy, "export", "-o", str(table))
    d = docx.Document(str(table))
    sec = d.sections[0]
    assert abs(sec.page_width - Cm(29.7)) < Cm(0.1) and abs(sec.page_height - Cm(21.0)) < Cm(0.1)  # A4 landscape
    cells = " ".join(c.text for row in d.tables[0].rows for c in row.cells)
    assert "Voskuil" not in cells and "[interviewer]" in cells  # every interviewer's name replaced
    # then a table per code, each interview's summary beside it (one table of every code, a
    # centimetre a column, could not be read)
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings[0] == "Interviews" and "Docententekort" in headings
    per_code = d.tables[1:]
    assert len(per_code) == len(headings) - 1 and all(len(t.columns) == 2 for t in per_code)
    assert [c.text for c in per_code[0].rows[0].cells] == ["interview", "samenvatting"]
    assert per_code[0].rows[1].cells[1].text.startswith("[concept] ")


def test_merge_brings_reviewed_summaries(demo_db, tmp_path):
    import shutil

    from sto_qual.services import Workspace
    from sto_qual.services.merge import merge_projects
    mine, theirs = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(demo_db, mine)
    shutil.copy(demo_db, theirs)
    b = Workspace.open(theirs)
    b.synthesis().set_text("Van collega.", doc="R05", code="urgentie", coder="bert")
    b.add_code("urgentie/huisvesting")  # a code new to the other copy, with both phrases
    b.synthesis().set_code_fields("urgentie/huisvesting", "noemt men de huisvesting", [],
                                  summary_en="housing is mentioned")
    b.close()
    a = Workspace.open(mine)
    try:
        res = merge_projects(a, theirs)
        assert res["added"]["summaries"] == 1
        spec = next(s for s in a.codebook_specs().codes if s.path == "urgentie/huisvesting")
        assert (spec.summary, spec.summary_en) == ("noemt men de huisvesting", "housing is mentioned")
        cell = a.synthesis().cell("R05", "urgentie")
        assert cell["summary"] == "Van collega." and cell["status"] == "reviewed"  # same codings: not outdated
        assert merge_projects(a, theirs)["added"]["summaries"] == 0
    finally:
        a.close()


def test_codebook_synthesis_fields_round_trip(empty_ws, tmp_path):
    out = tmp_path / "cb.yaml"
    empty_ws.export_codebook(out)
    text = out.read_text(encoding="utf-8")
    assert "summary: noemt men het tekort aan (technische) docenten" in text
    assert "contrasts:\n    - vmbo-in-the-lead/op-papier" in text or "- vmbo-in-the-lead/op-papier" in text
    from sto_qual.importers.codebook_yaml import parse_codebook
    cb = parse_codebook(text)
    spec = next(s for s in cb.codes if s.path == "financieringsonzekerheid/impact")
    assert spec.contrasts == ("financieringsonzekerheid/geen-impact",)
    # the English phrase the English chapter reads (every code of the bundled codebook has one)
    assert spec.summary_en == "the uncertainty is said to have had consequences"
    assert all(s.summary_en for s in cb.codes)
    edited = tmp_path / "cb2.yaml"
    edited.write_text(text.replace("summary_en: the uncertainty is said to have had consequences",
                                   "summary_en: the uncertainty changed plans"), encoding="utf-8")
    assert empty_ws.import_codebook(edited)["updated"] == ["financieringsonzekerheid/impact"]
    assert next(s for s in empty_ws.codebook_specs().codes
                if s.path == "financieringsonzekerheid/impact").summary_en == "the uncertainty changed plans"
    from sto_qual.domain.errors import CodebookError
    with pytest.raises(CodebookError, match="contrast 'nergens'"):
        parse_codebook(text.replace("- financieringsonzekerheid/geen-impact", "- nergens"))


def test_contrasts_follow_a_renamed_code(empty_ws, tmp_path):
    empty_ws.rename_code("financieringsonzekerheid/geen-impact", "zonder-impact")
    spec = next(s for s in empty_ws.codebook_specs().codes if s.path == "financieringsonzekerheid/impact")
    assert spec.contrasts == ("financieringsonzekerheid/zonder-impact",)
    assert spec.summary == "zegt men dat de onzekerheid gevolgen had"
    out = tmp_path / "cb.yaml"
    empty_ws.export_codebook(out)
    assert empty_ws.import_codebook(out)["updated"] == []  # round trip: nothing changes


def test_backup_and_restore_carry_the_summaries(demo_copy, tmp_path):
    run(demo_copy, "summary", "set", "--doc", "R05", "--code", "urgentie", "--text", "Bewaard.")
    backup = tmp_path / "b.db"
    run(demo_copy, "backup", "-o", str(backup))
    run(demo_copy, "summary", "clear", "--doc", "R05", "--code", "urgentie")
    run(demo_copy, "restore", str(backup), "--yes")
    cell = json.loads(run(demo_copy, "summary", "show", "--doc", "R05", "--code", "urgentie", "--format", "json").output)
    assert cell["summary"] == "Bewaard." and cell["status"] == "reviewed"
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        assert "summary-set" in [a["action"] for a in ws.session.audit_log()]
    finally:
        ws.close()


def test_one_key_point_is_edited_and_accepted_and_survives_a_redraft(demo_copy):
    run(demo_copy, "summarize", "--theme", "financieringsonzekerheid")
    res = run(demo_copy, "summary", "set", "--theme", "financieringsonzekerheid", "--point", "2", "--text",
              "In een deel van de regio's zijn investeringen uitgesteld.", "--format", "json")
    theme = json.loads(res.output)
    assert theme["points"][1]["reviewed"] and theme["points"][1]["text"].startswith("In een deel")
    assert theme["status"] == "draft"  # the theme as a whole is still a draft
    run(demo_copy, "summarize", "--redraft")
    again = json.loads(run(demo_copy, "summary", "show", "--theme", "financieringsonzekerheid",
                           "--format", "json").output)
    kept = [p for p in again["points"] if p["reviewed"]]
    assert [p["text"] for p in kept] == ["In een deel van de regio's zijn investeringen uitgesteld."]
    assert len(again["points"]) == len(theme["points"])
    res = run(demo_copy, "summary", "accept", "--theme", "financieringsonzekerheid", "--point", "99", ok=False)
    assert res.exit_code == 1 and "there is no point 99" in res.stderr


def test_a_point_drafted_again_under_another_label_keeps_the_writers_sentence_in_its_place(demo_copy):
    """A writer rewrote point 1 ("tijdelijk contract, vast, zekerheid"); a passage under it was
    uncoded and the theme drafted again. The new draft labelled the same point "tijdelijk
    contract, vasten contract, …": her sentence moved to point 11 beside a fresh draft of it, and
    the chapter said it twice. The reviewed point takes the place of the draft that shares its
    passages."""
    theme = "financieringsonzekerheid"
    run(demo_copy, "summarize", "--theme", theme)
    first = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"]
    mine = "Besturen waren voorzichtig met vaste aanstellingen."
    run(demo_copy, "summary", "set", "--theme", theme, "--point", "1", "--text", mine)
    gone = next(r for r in first[0]["references"] if r in first[1]["references"])  # under points 1 and 2
    run(demo_copy, "uncode", str(gone))
    run(demo_copy, "summarize", "--redraft")
    again = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"]
    assert [p["text"] for p in again].count(mine) == 1 and again[0]["text"] == mine, [p["label"] for p in again]
    assert len(again) == len(first)
    refs = set(again[0]["references"])
    assert not [p["label"] for p in again[1:] if p["code"] == again[0]["code"] and refs & set(p["references"])
                and not p["reviewed"] and p["label"].startswith("tijdelijk")]


def test_a_point_left_out_stays_out_of_the_chapter_until_put_back(demo_copy, tmp_path):
    """A report writer could not remove one drafted point ("summary clear --point" was no option;
    an empty text was refused): only rewriting the whole section got rid of it. `summary clear
    --point N` leaves it out of the chapter; `summary show` lists it, marked; a new draft keeps it
    out; `summary accept --point N` or undo puts it back."""
    import docx
    theme = "financieringsonzekerheid"

    def chapter() -> str:
        out = tmp_path / "h.docx"
        run(demo_copy, "report", "-o", str(out), "--force")
        return "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    run(demo_copy, "summarize", "--theme", theme)
    points = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"]
    n, point = next((i, p) for i, p in enumerate(points, 1) if "maandenlang" in p["text"])
    said = "maandenlang"  # the chapter retells it ("In een regio krijgt men … maandenlang geen duidelijkheid")
    assert said in chapter()
    res = run(demo_copy, "summary", "clear", "--theme", theme, "--point", str(n))
    assert res.output.startswith(f"Left point {n} of {theme} out of the chapter"), res.output
    assert f"note: `sto-qual summary accept --theme {theme} --point {n} --project {demo_copy}` puts it back" \
        in res.stderr, res.stderr  # (printed without --project, it failed as run)
    assert "puts it back, as reviewed (ctrl+n in F9's theme view puts it back as it was)" in res.stderr  # (vouched)
    # its example goes, not its topic (a writer expected the paragraph to go with it)
    assert "note: its example sentence leaves the chapter, not its topic: lead sentence" in res.stderr, res.stderr
    shown = run(demo_copy, "summary", "show", "--theme", theme).output
    # (no ● for the sentence left out: it is not counted among those reviewed either)
    assert f"{n}. ✗ left out by onderzoeker-a: financieringsonzekerheid: " in shown, shown
    # each point says the sub-code it is of (only the JSON and F9's panel did)
    points = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"]
    for i, p in enumerate(points, 1):
        head = next(line for line in shown.splitlines() if line.startswith(f"{i}. "))
        assert f"{p['code'].rsplit('/', 1)[-1]}: {p['label']} (" in head, head
    assert said not in chapter()
    run(demo_copy, "summarize", "--redraft")  # a new draft does not bring it back
    again = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)
    assert again["points"][n - 1].get("left_out") and said not in chapter()
    again_twice = run(demo_copy, "summary", "clear", "--theme", theme, "--point", str(n), ok=False)
    assert again_twice.exit_code == 1 and "left out already" in again_twice.stderr
    assert "is not left out" in run(demo_copy, "summary", "clear", "--theme", theme, "--lead", "1", ok=False).stderr
    run(demo_copy, "summary", "accept", "--theme", theme, "--point", str(n))
    assert said in chapter()
    run(demo_copy, "summary", "clear", "--theme", theme, "--point", str(n))
    run(demo_copy, "undo")
    assert said in chapter()


def test_a_point_put_back_is_named_reviewed_no_longer(demo_ws, demo_copy):
    """A writer left point 4 out in F9 and put it back (ctrl+n twice): `summary show` said
    "reviewed: lead 1, point 2, point 3, point 4, contrast 4 … 4 of 18 sentences reviewed", five
    named, four counted. Put back, a drafted point is a draft again, with no reviewer."""
    syn = demo_ws.synthesis()
    syn.leave_out("urgentie", "point", 4, True, coder="noor")
    assert syn.theme_reviewers("urgentie")["point"][3] == "noor"  # left out: a person decided on it
    syn.leave_out("urgentie", "point", 4, False, coder="noor")
    assert not syn.theme("urgentie")["points"][3]["reviewed"]
    assert syn.theme_reviewers("urgentie")["point"][3] == ""
    first = run(demo_copy, "summary", "show", "--theme", "urgentie").output.splitlines()[0]
    assert "reviewed:" not in first, first  # nothing else was reviewed: no one is named
    syn.set_item("urgentie", "lead", 1, "In alle regio's verschoof de urgentie.", coder="noor")
    first = run(demo_copy, "summary", "show", "--theme", "urgentie").output.splitlines()[0]
    assert "reviewed: lead 1 by noor" in first and "point 4" not in first, first


def test_an_edit_of_text_changed_elsewhere_is_refused_not_written(demo_ws, demo_copy):
    """A lost update: the TUI loaded a cell, a command set it meanwhile; the TUI's save names
    the text it loaded (``expected``) and is refused, the other text kept. Without
    ``expected`` (the CLI) nothing changes: the last write wins, as before."""
    from sto_qual.services.synthesis import SummaryChanged
    syn = demo_ws.synthesis()
    syn.summarize()
    cell, code = "R05", "urgentie"
    loaded = syn.cell(cell, code)["summary"]
    other = Workspace.open(demo_copy)  # a command in another window
    other.synthesis().set_text("COLLEGA tekst via CLI.", doc=cell, code=code, coder="collega")
    other.close()
    with pytest.raises(SummaryChanged) as err:
        syn.set_text(loaded + " Mijn aanvulling.", doc=cell, code=code, coder="anna", expected=loaded)
    assert err.value.current == "COLLEGA tekst via CLI." and err.value.author == "collega"
    assert "changed by collega" in str(err.value) and "COLLEGA tekst via CLI." in str(err.value)
    with pytest.raises(SummaryChanged):  # nor is a text accepted that the person did not read
        syn.accept(doc=cell, code=code, coder="anna", expected=loaded)
    with pytest.raises(SummaryChanged):
        syn.clear(doc=cell, code=code, coder="anna", expected=loaded)
    assert syn.cell(cell, code)["summary"] == "COLLEGA tekst via CLI."
    # the person saw their text and keeps theirs: expected is what they saw, so it is written
    kept = syn.set_text("Mijn tekst.", doc=cell, code=code, coder="anna", expected="COLLEGA tekst via CLI.")
    assert kept["summary"] == "Mijn tekst." and kept["author"] == "anna"
    # unchanged text (white space aside) saves; no expected: as before
    assert syn.set_text("Weer mijn tekst.", doc=cell, code=code, coder="anna", expected="Mijn  tekst.\n")["status"]
    assert syn.set_text("CLI wint.", doc=cell, code=code, coder="collega")["summary"] == "CLI wint."


def test_a_theme_sentence_changed_elsewhere_is_refused_not_written(demo_ws, demo_copy):
    from sto_qual.services.synthesis import SummaryChanged, theme_text
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    t = syn.theme("urgentie", preview=True)
    lead7, whole = t["lead"][6], theme_text(t)
    other = Workspace.open(demo_copy)
    other.synthesis().set_item("urgentie", "lead", 7, "COLLEGA lead via CLI.", coder="collega")
    other.close()
    with pytest.raises(SummaryChanged) as err:
        syn.set_item("urgentie", "lead", 7, lead7 + " Mijn aanvulling.", coder="anna", expected=lead7)
    assert err.value.current == "COLLEGA lead via CLI." and err.value.author == "collega"
    with pytest.raises(SummaryChanged):
        syn.set_item("urgentie", "lead", 7, None, coder="anna", expected=lead7)
    with pytest.raises(SummaryChanged):  # the whole section reads differently too
        syn.set_text(whole + " Mijn slot.", theme="urgentie", coder="anna", expected=whole)
    with pytest.raises(SummaryChanged):  # a sentence that is gone
        syn.set_item("urgentie", "point", 99, "Nieuw.", coder="anna", expected="Oud.")
    assert syn.theme("urgentie")["lead"][6] == "COLLEGA lead via CLI."
    # another sentence, unchanged, saves; and without expected the CLI's behaviour is unchanged
    lead1 = syn.theme("urgentie")["lead"][0]
    assert syn.set_item("urgentie", "lead", 1, None, coder="anna", expected=lead1)["lead_reviewed"][0]
    assert syn.set_item("urgentie", "lead", 7, "Mijn lead.", coder="anna")["lead"][6] == "Mijn lead."


def test_a_cell_draft_keeps_a_leaning_sentence_with_the_one_before_and_marks_a_jump(demo_ws):
    """R04 × arbeidsmarkt opened with "… die zoeken allemaal mensen." (whose "die" were the
    companies in the sentence before, in the same passage), and R01 × urgentie ran two
    sentences from different turns together as if one remark."""
    syn = demo_ws.synthesis()
    r04 = syn.cell("R04", "urgentie/arbeidsmarkt")["draft"]
    assert r04.startswith("Dit is een agrarisch gebied") and "zuivelfabriek. En die zoeken allemaal mensen." in r04
    r01 = syn.cell("R01", "urgentie")["draft"]
    first, sep, second = r01.partition(" … ")
    assert sep and first and second  # two places in the interview, marked as two
    text = " ".join(demo_ws.document_text("R01").split())
    assert f"{first} {second}" not in text  # they do not follow each other in the interview


def test_accept_of_a_cell_or_theme_with_nothing_stored_is_refused(demo_copy):
    """`summary accept --doc R01 --code urgentie` on an empty cell drafted a text and marked it
    reviewed in one step: nobody had seen the text it vouched for. It says how to read and
    store the draft first; accepting what is stored still works."""
    before = demo_copy.read_bytes()
    for target in (["--doc", "R01", "--code", "urgentie"], ["--theme", "urgentie"]):
        res = run(demo_copy, "summary", "accept", *target, ok=False)
        assert res.exit_code == 1 and "nothing stored to accept" in res.stderr
        assert f"`sto-qual summary show {' '.join(target)} --project {demo_copy}`" in res.stderr
    assert demo_copy.read_bytes() == before
    run(demo_copy, "summary", "draft", "--doc", "R01", "--code", "urgentie")
    assert "[reviewed]" in run(demo_copy, "summary", "accept", "--doc", "R01", "--code", "urgentie").output


def test_no_difference_is_drafted_against_a_code_nobody_coded(small_ws):
    """"Impact van de onzekerheid en geen impact komen in geen enkele regio samen voor": drafted
    for a pair of opposing codes one of which had no coding at all (summary show listed it)."""
    doc = small_ws.document("R90")
    small_ws.assign_code(doc.id, "financieringsonzekerheid/impact", unit=small_ws.units(doc.id)[3].id)
    syn = small_ws.synthesis()
    syn.summarize()
    theme = syn.theme("financieringsonzekerheid")
    assert theme["status"] == "draft"
    assert not [c for c in theme["contrasts"] if c["kind"] == "codes"], theme["contrasts"]


def test_summary_show_says_how_to_name_one_sentence(demo_copy):
    """`summary show` numbers sentences L1, 1, C1, while `summary set` wants --lead, --point or
    --contrast: a writer tried `--item L1`. The listing says how (on stderr: the listing stays)."""
    from cli_runner import sq
    assert sq("summarize", "-p", demo_copy).returncode == 0
    r = sq("summary", "show", "--theme", "urgentie", "-p", demo_copy)
    assert r.returncode == 0 and "L1. " in r.stdout
    assert ("L1, 1 and C1 number the lead sentences, the key points and the differences: `summary set --theme urgentie "
            "--lead N --text …` writes one, `summary accept` with --lead N / --point N / --contrast N accepts it"
            ) in r.stderr, r.stderr
    assert "summary set" not in r.stdout



def test_summarize_of_a_sub_code_says_it_drafted_its_theme(demo_copy):
    """`summarize --theme urgentie/docententekort` drafted urgentie and said only "themes: 1
    drafted", as if the sub-code had been summarised; `summary show` of a bare sub-code name
    (no slash) showed its theme without the note a path got."""
    from cli_runner import sq
    r = sq("summarize", "--theme", "docententekort", "-p", demo_copy)
    assert r.returncode == 0 and "themes: 1 drafted" in r.stdout, r.stdout + r.stderr
    assert r.stderr.strip() == ("note: urgentie/docententekort is not a theme; its theme urgentie was drafted, with "
                                "the cells of every sub-code (`sto-qual grid --codes urgentie/docententekort "
                                f"--project {demo_copy}` shows this sub-code's)")
    assert sq("summarize", "--theme", "urgentie", "-p", demo_copy).stderr == ""
    shown = sq("summary", "show", "--theme", "docententekort", "-p", demo_copy)
    assert "note: docententekort is not a theme; the summary of its theme urgentie is shown" in shown.stderr


def test_a_cell_shows_one_ellipsis_where_a_run_opens_with_a_left_out_filler(demo_ws):
    """"…uit de lumpsum. … … de nieuwe docent": the gap between two places and the left-out "Ja,
    maar" of the second were each an ellipsis."""
    syn = demo_ws.synthesis()
    syn.summarize()
    cells = [r for r in syn.grid() if r["summary"]]
    assert cells and not [r["summary"] for r in cells if "… …" in r["summary"]]
    r01 = next(r["summary"] for r in cells if r["document"] == "R01" and r["code"] == "financieringsonzekerheid")
    assert "uit de lumpsum. … de nieuwe docent" in r01, r01


def test_a_left_out_points_words_are_not_quoted_under_its_paragraph(demo_ws):
    """A writer left out "In een andere regio heeft men één PIE-docent die straks met pensioen
    gaat …" in F9 and found the passage it retold quoted under the same paragraph: "We hebben
    één PIE-docent die straks met pensioen gaat …". What a person took out of the chapter is not
    said by a quote of the theme either."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    points = syn.theme("urgentie")["points"]
    n = next(i for i, p in enumerate(points, 1) if "PIE-docent" in p["text"])
    syn.set_item("urgentie", "point", n - 1, "Een regio vertelt dat op Vakcollege Oostkade al sinds de zomer een "
                 "vacature voor een docent installatietechniek openstaat.", coder="noor")
    syn.leave_out("urgentie", "point", n, True, coder="noor")
    theme = next(t for t in demo_ws.report_data().themes if t.path == "urgentie")
    quoted = [q.text for b in theme.points for q in b.quotes]
    assert quoted and not any("PIE-docent die straks met pensioen" in q for q in quoted), quoted
    assert not any("PIE-docent" in b.text for b in theme.points)  # nor its sentence


def test_undo_of_a_point_left_out_says_it_put_it_back_not_that_it_took_an_accept_back(demo_copy):
    """After `summary clear --theme urgentie --point 6`, `undo` said "undone: accept of point 6 of the
    theme summary ‘Urgentie’"."""
    run(demo_copy, "summarize", "--theme", "urgentie")
    run(demo_copy, "summary", "clear", "--theme", "urgentie", "--point", "6")
    undone = run(demo_copy, "undo")
    assert "leaving out of point 6 of the theme summary" in undone.output + undone.stderr, undone.output
    assert "accept of point 6" not in undone.output + undone.stderr



def test_a_point_left_out_is_not_counted_among_the_sentences_reviewed(demo_copy):
    """`summary show` said "7 of 14 sentences reviewed" where two of the seven were points left out."""
    def reviewed() -> tuple[str, ...]:
        shown = run(demo_copy, "summary", "show", "--theme", "urgentie").output
        return re.search(r"(\d+) of (\d+) sentences reviewed", shown).groups()
    run(demo_copy, "summarize", "--theme", "urgentie")
    run(demo_copy, "summary", "accept", "--theme", "urgentie", "--point", "1")
    done, total = reviewed()
    run(demo_copy, "summary", "clear", "--theme", "urgentie", "--point", "2")
    assert reviewed() == (done, str(int(total) - 1))  # one sentence fewer, none more reviewed


def test_an_example_is_not_retold_from_a_sentence_the_speaker_then_takes_back(demo_ws):
    """An editor found "Een regio vertelt: de verdeling van het geld gaat nu op voorstel van de penvoerder, en dat
    wordt geaccepteerd." under 'Regierol gerealiseerd', where the speaker went on: "Dat was in het begin echt niet
    zo. Maar dat is regie over onszelf, zeg maar, niet over de keten." (on paper, by the codebook), and "op papier
    is men penvoerder, …, staat men bovenaan in het plan." without its "Maar als het om de aansluiting met het mbo
    gaat, dan bepaalt het ROC …": retold alone, each said the opposite."""
    text = " ".join(b.text for t in demo_ws.report_data(appendix="none").themes for b in t.points)
    assert "verdeling van het geld gaat nu op voorstel van de penvoerder" not in text
    assert "staat men bovenaan in het plan" not in text
    lead = next(t for t in demo_ws.report_data(appendix="none").themes if t.path == "vmbo-in-the-lead")
    assert any(b.label == "Regierol gerealiseerd" and "Een andere regio vertelt" in b.text for b in lead.points)
