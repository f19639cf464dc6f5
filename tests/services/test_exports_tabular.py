"""CSV, XLSX and Markdown exports: codings with text and attributes; counts and crosstab sheets."""
import csv

import openpyxl


def test_csv_has_every_coding_with_text_and_attributes(demo_ws, tmp_path):
    out = tmp_path / "codings.csv"
    res = demo_ws.export(out)
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    # every coding, two coders' codings of the same span included: the coder column tells them apart
    codings = demo_ws.codings()
    assert len(rows) == res["rows"] == len(codings) > len({(c.doc, c.code, c.start, c.end) for c in codings})
    assert sorted((r["code"], int(r["start"]), int(r["end"]), r["coder"]) for r in rows) == \
        sorted((c.code, c.start, c.end, c.coder) for c in codings)
    from sto_qual.domain.anonymise import without_article
    anon = without_article(demo_ws.anonymiser())  # as the chapter prints a passage: "[Bedrijf] belde"
    texts = {anon(c.text) for c in demo_ws.codings()}
    assert all(r["quote"] in texts for r in rows)
    assert {"doc", "code", "coder", "role", "attr_region", "attr_region_type", "attr_date"} <= set(rows[0])


def test_xlsx_has_codings_counts_and_crosstab(demo_ws, tmp_path):
    out = tmp_path / "codings.xlsx"
    said = demo_ws.export(out)["warnings"]
    # the island region's own column: its answers, which the chapter's tables leave out (an analyst
    # sharing the workbook was not told, where the report warns at length)
    assert ("the sheet 'per regiotype' has a column of fewer than 3 interviews (eiland: R01): its counts are that "
            "region's answers") in " ".join(said)
    assert not any("per regiotype" in w for w in demo_ws.export(tmp_path / "k.xlsx", where={"region_type": "krimp"})
                   ["warnings"])
    # an interview without a region type: in no column, said as `report` says it (a re-tester added the columns up
    # to 18 under "alle (N=19)", unsaid)
    demo_ws.change_attributes("R05", {}, remove=["region_type"])
    assert ("the sheet 'per regiotype' counts R05 in no column (no 'region_type'), so its columns add up to fewer "
            "interviews than its first; `sto-qual attribute R05 region_type=VALUE` gives it one") in \
        demo_ws.export(tmp_path / "u.xlsx")["warnings"]
    demo_ws.change_attributes("R05", {"region_type": "krimp"})
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["codings", "counts", "per regiotype", "toelichting"]
    notes = [r[0] for r in wb["toelichting"].iter_rows(values_only=True)]
    assert notes[1].startswith("Tellingen: de coderingen van onderzoeker-a (de referentiecodeur")
    counts = list(wb["counts"].iter_rows(values_only=True))
    header = counts[0]
    assert header[:3] == ("code", "documents", "documents_total")
    urg = next(r for r in counts if r[0] == "urgentie")
    expected = demo_ws.theme_counts().set_index("code").loc["urgentie"]
    assert urg[1] == expected["documents"] and urg[header.index("wording")] == expected["wording"]
    # the sub-code x region-type table is wide: one row per code, one column per region type
    pivot = list(wb["per regiotype"].iter_rows(values_only=True))
    assert pivot[0][:3] == ("code", "label", "alle (N=19)")  # in the workbook's language, as its values
    assert set(pivot[0][3:]) == {"eiland (N=1)", "gemengd (N=5)", "krimp (N=4)", "landelijk (N=4)", "stedelijk (N=5)"}
    assert len(pivot) == 1 + len(demo_ws.codebook())
    cross = demo_ws.crosstab("region_type").set_index(["code", "value"])
    row = next(r for r in pivot if r[0] == "urgentie/krimp-leerlingaantallen")
    assert row[pivot[0].index("krimp (N=4)")] == cross.loc[("urgentie/krimp-leerlingaantallen", "krimp"), "documents"]
    for ws in wb.worksheets[:3]:  # frozen header, autofilter, widths
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(ws.column_dimensions[c].width for c in ("A", "B"))
    sheet = wb["codings"]
    head = [c.value for c in sheet[1]]
    q = head.index("quote") + 1
    letter = openpyxl.utils.get_column_letter(q)
    assert sheet.column_dimensions[letter].width >= 60 and sheet.cell(2, q).alignment.wrap_text
    assert 8 <= sheet.column_dimensions["A"].width <= 42
    # for Excel: an interview's date is a date (it was text: no sorting by month, no date filter),
    # a share a percentage (it read 0.7895)
    import datetime
    when = sheet.cell(2, head.index("attr_date") + 1)
    assert isinstance(when.value, datetime.datetime) and when.is_date and when.number_format == "mm-dd-yy"
    created = [r[head.index("attr_created")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert {type(v) for v in created} == {datetime.datetime, type(None)}  # a date by its values, not its name
    share = wb["counts"].cell(2, header.index("share") + 1)
    assert 0 <= share.value <= 1 and share.number_format == "0%"


def test_markdown_chapter(demo_ws, tmp_path):
    out = tmp_path / "hoofdstuk.md"
    demo_ws.export(out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# De stuurgroepen aan het woord")
    for theme in ("## Urgentie", "## Vmbo in the lead", "## Collectief optrekken", "## Financieringsonzekerheid"):
        assert theme in text
    assert text.count("> “") >= 12 and "### Wat de regio's noemen" in text


def test_export_refuses_unknown_suffix_and_missing_folder(demo_ws, tmp_path):
    from sto_qual.domain.errors import ExportError
    import pytest
    with pytest.raises(ExportError, match="cannot export"):
        demo_ws.export(tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="no such directory"):
        demo_ws.export(tmp_path / "nope" / "x.csv")


def test_xlsx_counts_are_whose_stats_counts_and_a_grid_is_asked_for_by_option(demo_copy, tmp_path):
    """The counts sheet merged every coder (urgentie: 176 codings) where `stats` and the chapter
    count the reference coder (139); and `export -o grid2.xlsx` silently wrote the codings,
    because only a file called grid or …-grid made the summary grid."""
    import json
    from cli_runner import sq
    stats = {r["code"]: r for r in json.loads(sq("stats", "--project", demo_copy, "--format", "json").stdout)}
    out = tmp_path / "alles.xlsx"
    r = sq("export", "--project", demo_copy, "-o", out)
    assert r.returncode == 0 and "counts of onderzoeker-a" in r.stdout
    counts = list(openpyxl.load_workbook(out)["counts"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(counts[0])}
    sheet = {row[col["code"]]: row for row in counts[1:]}
    assert sheet["urgentie"][col["codings"]] == stats["urgentie"]["codings"]
    assert all(sheet[c][col["documents"]] == stats[c]["documents"] for c in stats)
    odd = tmp_path / "grid2.xlsx"
    r = sq("export", "--project", demo_copy, "-o", odd, "--grid")
    assert r.returncode == 0 and r.stdout.strip().endswith("the summary grid")
    assert openpyxl.load_workbook(odd).sheetnames == ["summary grid"]
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "grid.csv", "--grid")
    assert r.returncode == 1 and "the summary grid is written as .xlsx or .docx" in r.stderr


def test_an_export_of_a_coder_who_coded_some_interviews_says_what_its_shares_are_of(demo_copy, tmp_path):
    """`export -o b.xlsx --coder onderzoeker-b` wrote shares of all 19 interviews ("een deel
    (6/19)" for a code she found in every interview she coded) and said nothing, where `stats`
    warns. The workbook's notes sheet and a warning on stderr say it now."""
    from cli_runner import sq
    out = tmp_path / "b.xlsx"
    r = sq("export", "--project", demo_copy, "-o", out, "--coder", "onderzoeker-b")
    assert r.returncode == 0, r.stderr
    said = "onderzoeker-b coded 6 of the 19 interviews (R02, R05, R07, R11, R14, R18)"
    assert r.stderr.startswith("warning: " + said) and "--where doc=R02,R05,R07,R11,R14,R18" in r.stderr
    notes = [row[0] for row in openpyxl.load_workbook(out)["toelichting"].iter_rows(values_only=True)]
    assert "Het blad 'codings' bevat de coderingen van onderzoeker-b" in notes
    # the first note (under the sheet's header): an analyst read "landelijk 0" before reaching it at the end
    assert notes[1].startswith("onderzoeker-b codeerde 6 van de 19 interviews"), notes
    r = sq("export", "--project", demo_copy, "-o", tmp_path / "a.xlsx", "--lang", "en")
    assert r.returncode == 0 and "coded" not in r.stderr  # the reference coder coded every interview: no warning
    assert r.stderr.startswith("warning: the sheet 'per region type' has a column of fewer than 3")  # (the island)
    notes = [row[0] for row in openpyxl.load_workbook(tmp_path / "a.xlsx")["notes"].iter_rows(values_only=True)]
    assert notes[1] == "Counts: the codings of onderzoeker-a (the reference coder, as the report)"


def test_a_workbook_leaving_out_one_interview_says_that_beside_the_whole_its_counts_give_its_answers(demo_ws, tmp_path):
    """The chapter on all regions but the island said so; the workbook of the same --where did not."""
    said = [w for w in demo_ws.export(tmp_path / "n.xlsx", where={"region_type!": "eiland"})["warnings"]
            if "leaves out only" in w]
    assert said == ["the workbook leaves out only R01 (1 interview): beside a workbook on all the interviews, a "
                    "reader can work out R01's answers (each count there less this one's); publish one of the two, "
                    "not both"], said


def test_a_quote_longer_than_a_cell_is_cut_with_a_mark_and_a_warning(empty_ws, tmp_path):
    """A turn of 50,004 characters, coded whole, ended mid-word at 32,767 in the workbook's quote
    cell (a spreadsheet cell holds no more), and the export said nothing. It is cut with a mark
    that gives its length, the export warns, and the .csv keeps every character."""
    f = tmp_path / "H07.txt"
    f.write_text("Interviewer: Hoe gaat het?\n\nJan: " + "woord " * 8333 + "einde.\n", encoding="utf-8")
    assert empty_ws.import_files([f]).ok
    empty_ws.add_code("toets")
    turn = empty_ws.turns("H07")[1]
    c = empty_ws.assign_code("H07", "toets", start=turn.start, end=turn.end)
    res = empty_ws.export(tmp_path / "c.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "c.xlsx")["codings"].iter_rows(values_only=True))
    quote = rows[1][rows[0].index("quote")]
    assert len(quote) == 32_767 and quote.endswith("50,004 characters in all; the .csv holds them]"), quote[-200:]
    assert quote.startswith("woord woord") and "[…]" in quote
    assert any(f"coding #{c.id}'s quote (50,004 characters)" in w for w in res["warnings"]), res["warnings"]
    empty_ws.export(tmp_path / "c.csv")
    with open(tmp_path / "c.csv", encoding="utf-8-sig") as fh:
        assert len(next(csv.DictReader(fh))["quote"]) == 50_004
