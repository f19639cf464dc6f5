"""Survey answers (.csv, .xlsx): one row per respondent, text column(s) -> text, others -> attributes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused, StoQualError
from sto_qual.importers import survey
from sto_qual.importers.tables import attribute_table, role_table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
import make_import_fixtures as fx  # noqa: E402
from import_invariants import check_parsed  # noqa: E402

IMPORT = FIXTURES / "import"
Q1, Q2 = fx.SURVEY_HEADER[3], fx.SURVEY_HEADER[4]


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
def test_one_document_per_respondent_with_attributes(name):
    docs = survey.parse(IMPORT / name, id_column="respondent")
    assert [d.name for d in docs] == ["survey-S01", "survey-S02", "survey-S03"]
    for d, row in zip(docs, fx.SURVEY_ROWS):
        check_parsed(d)
        assert d.format == "survey"
        assert d.attributes == {"respondent": row[0], "regio": row[1], "rol": row[2],
                                "source_row": fx.SURVEY_ROWS.index(row) + 2}
        answers = [a for a in row[3:] if a]
        assert [d.text[t.start:t.end] for t in d.turns] == answers
    assert [t.speaker for t in docs[0].turns] == [Q1, Q2]
    assert [t.speaker for t in docs[2].turns] == [Q2]


@pytest.mark.parametrize("name", ["survey.csv", "survey.xlsx"])
def test_chosen_text_column(name):
    docs = survey.parse(IMPORT / name, text_columns=[Q2])
    assert [d.name for d in docs] == ["survey-1", "survey-3"]       # S02 gave no answer to Q2
    assert Q1 in docs[0].attributes and "regio" in docs[0].attributes
    assert docs[1].source_file == "%s#4" % name


def _csv(tmp_path, body, name="s.csv"):
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    return f


def test_comma_separated_with_commas_in_answers(tmp_path):
    f = _csv(tmp_path, 'id,regio,antwoord\n1,R1,"Ja, dat klopt, zeker weten."\n2,R2,"Nee, nooit."\n')
    docs = survey.parse(f, text_columns=["antwoord"])
    assert [d.text for d in docs] == ["Ja, dat klopt, zeker weten.", "Nee, nooit."]
    assert docs[0].attributes == {"id": "1", "regio": "R1", "source_row": 2}


def test_empty_rows_keep_row_numbers(tmp_path):
    f = _csv(tmp_path, "id;antwoord\n\n1;Een antwoord dat lang genoeg is om tekst te zijn.\n;;\n"
                       "2;Nog een antwoord dat lang genoeg is om tekst te zijn.\n")
    docs = survey.parse(f)
    assert [d.attributes["source_row"] for d in docs] == [3, 5]


@pytest.mark.parametrize("body, kwargs, message", [
    ("id;antwoord\n", {}, "header row and at least one answer"),
    ("id;antwoord\n1;x\n", {"text_columns": ["vraag"]}, "no column 'vraag'"),
    ("id;antwoord\n1;x\n", {"id_column": "nummer"}, "no column 'nummer'"),
    ("id;id;antwoord\n1;2;x\n", {}, "occurs twice"),
    ("id;antwoord\n1;\n2;\n", {"text_columns": ["antwoord"]}, "no answers"),
    ('id;antwoord\n1;"' + "x" * 200_000 + '"\n', {}, "broken CSV"),
])
def test_refusals(tmp_path, body, kwargs, message):
    with pytest.raises(ImportRefused, match=message):
        survey.parse(_csv(tmp_path, body), **kwargs)


def test_too_many_rows_is_refused(tmp_path, monkeypatch):
    from sto_qual.importers import limits
    monkeypatch.setattr(limits, "MAX_SURVEY_ROWS", 10)
    f = _csv(tmp_path, "id;antwoord\n" + "".join(f"{i};antwoord {i}\n" for i in range(20)))
    with pytest.raises(ImportRefused, match="more than 10 rows"):
        survey.parse(f)


def test_attribute_table_and_role_table(tmp_path):
    table = attribute_table(IMPORT / "attributes.csv")
    assert table["utf8.txt"] == {"region": "R01", "region_type": "stedelijk", "date": "2023-10-02"}
    roles = _csv(tmp_path, "file,speaker,role\n,Interviewer,interviewer\nR01.txt,R1,penvoerder\n", "roles.csv")
    assert role_table(roles) == {("", "Interviewer"): "interviewer", ("R01", "R1"): "penvoerder"}
    missing = _csv(tmp_path, "naam,rol\nx,y\n", "bad.csv")
    with pytest.raises(StoQualError, match="missing column 'file'"):
        attribute_table(missing)
    short = _csv(tmp_path, "file;region;date\nR01.txt;R1\n", "short.csv")  # a cell short: refused, as one too many
    with pytest.raises(StoQualError, match="row has 2 cells but the header 3"):
        attribute_table(short)
    empty = _csv(tmp_path, "file;region;date\nR01.txt;R1;\n", "empty.csv")
    assert attribute_table(empty) == {"R01.txt": {"region": "R1"}}


def test_a_dutch_table_heads_its_file_speaker_and_role_columns_in_dutch(tmp_path):
    """An analyst's attributes table with a 'Bestand' column was refused: "missing column 'file'"."""
    from sto_qual.importers.tables import attribute_rows, role_table
    (tmp_path / "a.csv").write_text("Bestand;Regiotype\nW01.txt;krimp\n", encoding="utf-8")
    table, lines = attribute_rows(tmp_path / "a.csv")
    assert table == {"W01.txt": {"Regiotype": "krimp"}} and lines == {"W01.txt": 2}
    (tmp_path / "r.csv").write_text("Bestandsnaam,Spreker,Rol\nW01.txt,Jan,bestuurder\n", encoding="utf-8")
    assert role_table(tmp_path / "r.csv") == {("W01", "Jan"): "bestuurder"}
    (tmp_path / "n.csv").write_text("Naam,Rol\nPiet,directeur\n", encoding="utf-8")
    assert role_table(tmp_path / "n.csv") == {("", "Piet"): "directeur"}
    # a pseudonym list "naam,vervanging" and attributes headed "filename" were refused ("missing column")
    from sto_qual.importers.tables import PSEUDONYM_COLUMNS, read_csv, table_kind
    (tmp_path / "p.csv").write_text("Naam,Vervanging\nPiet de Vries,[naam]\n", encoding="utf-8")
    assert [(r["name"], r["replacement"]) for r in read_csv(tmp_path / "p.csv", PSEUDONYM_COLUMNS)] == [
        ("Piet de Vries", "[naam]")]
    assert table_kind(tmp_path / "p.csv") == "pseudonyms"
    (tmp_path / "f.csv").write_text("filename,region_type\nW01.txt,krimp\n", encoding="utf-8")
    assert attribute_rows(tmp_path / "f.csv")[0] == {"W01.txt": {"region_type": "krimp"}}



def test_an_answer_cut_at_the_delimiter_or_a_title_above_the_header_is_refused(tmp_path):
    """An answer holding the delimiter unquoted was stored cut ("De samenwerking" of "De
    samenwerking; met name met het mbo; is verbeterd."), and a title row above the header made every
    answer's document the header's words. Both are refused at their line."""
    from sto_qual.importers import survey
    f = tmp_path / "ragged.csv"
    f.write_text("respondent;antwoord\nP01;De samenwerking; met name met het mbo; is verbeterd.\nP02;Goed.\n",
                 encoding="utf-8")
    with pytest.raises(ImportRefused, match="row 2 has 4 cells where the header has 2") as err:
        survey.parse(f, ["antwoord"], "respondent")
    assert err.value.line == 2
    f.write_text('respondent;antwoord\nP01;"De samenwerking; met name met het mbo; is verbeterd."\n', encoding="utf-8")
    assert "met name met het mbo" in survey.parse(f, ["antwoord"], "respondent")[0].text
    t = tmp_path / "title.csv"
    t.write_text("Enquete programmaleiders januari 2024\nrespondent,antwoord,regio\n"
                 "P01,Het gaat goed met de samenwerking in de regio.,R01\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="a title above the header") as err:
        survey.parse(t)
    assert err.value.line == 1


def test_a_cell_merged_over_rows_is_each_rows_value(tmp_path):
    """A region merged over three respondents' rows (as a sheet groups them) was the first
    respondent's only: the other two had no region in any count by region."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["regio", "respondent", "antwoord"])
    for row in (["R01", "1", "We hebben een tekort aan docenten."], [None, "2", "De samenwerking loopt goed."],
                [None, "3", "Geld blijft een zorg."], ["R02", "4", "Het vmbo is in the lead."]):
        ws.append(row)
    ws.merge_cells("A2:A4")
    ws.merge_cells("B5:C5")  # merged across columns: one value, in its first column
    f = tmp_path / "groepen.xlsx"
    wb.save(f)
    assert [r[:2] for r in survey.xlsx_rows(f)[1:4]] == [["R01", "1"], ["R01", "2"], ["R01", "3"]]
    docs = survey.parse(f, text_columns=["antwoord"], id_column="respondent")
    assert [d.attributes.get("regio") for d in docs] == ["R01", "R01", "R01"]
    # an --attributes table kept in Excel, a region merged over two interviews
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["file", "region_type"], ["R01.txt", "krimp"], ["R02.txt", None], ["R03.txt", "stedelijk"]):
        ws.append(row)
    ws.merge_cells("B2:B3")
    wb.save(f)
    assert {k: v["region_type"] for k, v in attribute_table(f).items()} == {
        "R01.txt": "krimp", "R02.txt": "krimp", "R03.txt": "stedelijk"}


def test_an_excel_date_is_a_date_as_in_a_csv_of_the_same_answers(tmp_path):
    """A survey's date column from .xlsx was stored "2024-03-12T00:00:00" (`saturation` showed
    "2024-03-12 00:00"), where the same column from .csv gives "2024-03-12"."""
    import datetime

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["respondent", "datum", "moment", "antwoord"])
    ws.append(["1", datetime.datetime(2024, 3, 12), datetime.datetime(2024, 3, 12, 14, 30), "Meer docenten nodig."])
    f = tmp_path / "enquete.xlsx"
    wb.save(f)
    (doc,) = survey.parse(f, text_columns=["antwoord"], id_column="respondent")
    assert doc.attributes["datum"] == "2024-03-12" and doc.attributes["moment"] == "2024-03-12T14:30:00"


def test_a_text_or_id_column_named_in_other_capitals_is_that_column(tmp_path):
    """`--text-column "toelichting techniekonderwijs"` was refused beside a header's "Toelichting
    Techniekonderwijs", where every other column name is read in any capitals."""
    f = tmp_path / "enquete.csv"
    f.write_text("Respondent;Toelichting Techniekonderwijs\n7;Meer stageplekken in de regio nodig.\n", encoding="utf-8")
    (doc,) = survey.parse(f, text_columns=["toelichting techniekonderwijs"], id_column="RESPONDENT")
    assert doc.text == "Meer stageplekken in de regio nodig." and doc.name == "enquete-7"


def test_a_row_after_an_answer_over_two_lines_is_named_by_the_line_it_is_on(tmp_path):
    """An answer holding a line break spans two lines; the warnings counted rows and named "line 4"
    and "lines 2 and 6" for the rows on lines 5 and 7 (a refusal in the same file named the true line)."""
    f = tmp_path / "enq.csv"
    f.write_text('id,antwoord\nr1,"Een antwoord\nover twee regels."\nr2,Kort antwoord hier.\nr4,"  "\nr5,ok dan\n'
                 "r1,Dubbel gegeven.\n", encoding="utf-8", newline="")
    docs = survey.parse(f, text_columns=["antwoord"], id_column="id")
    said = " ".join(docs.notes)
    assert "(line 5)" in said and "(lines 2 and 7)" in said, said
    assert [d.attributes["source_row"] for d in docs] == [2, 4, 6, 7]
