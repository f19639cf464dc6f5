"""CSV that Dutch Excel opens as a table: semicolons between fields, decimal commas, the UTF-8
byte-order mark (else "geïnterviewde" shows as "geÃ¯nterviewde"), ja/nee. Plain CSV stays as
scripts read it."""
from __future__ import annotations

import csv
import io
import json

from cli_runner import sq


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_stats_as_csv_nl_reads_back_as_the_json_figures(demo_copy):
    plain = sq("stats", "-p", demo_copy, "--format", "csv")
    assert plain.returncode == 0 and not plain.stdout.startswith("\ufeff") and plain.stdout.startswith("code,")
    r = sq("stats", "-p", demo_copy, "--format", "csv-nl")
    assert r.returncode == 0, r.stderr
    figures = {row["code"]: row for row in json.loads(sq("stats", "-p", demo_copy, "--format", "json").stdout)}
    rows = _rows(r.stdout)
    assert [row["code"] for row in rows] == list(figures)
    for row in rows:
        want = figures[row["code"]]
        assert float(row["share"].replace(",", ".")) == want["share"] and "." not in row["share"]
        assert int(row["documents"]) == want["documents"] and row["wording"] == want["wording"]


def test_export_and_quotes_as_csv_nl(demo_copy, tmp_path):
    out = tmp_path / "codings.csv"
    r = sq("export", "-p", demo_copy, "-o", out, "--csv-nl")
    assert r.returncode == 0 and "for Dutch Excel" in r.stdout, r.stderr
    rows = _rows(out.read_text(encoding="utf-8"))
    assert len(rows) == 742 and {row["starred"] for row in rows} == {"ja", "nee"}
    assert any("ë" in row["quote"] or "ï" in row["quote"] or "é" in row["quote"] for row in rows)
    quotes = tmp_path / "quotes.csv"
    r = sq("quotes", "-p", demo_copy, "--code", "urgentie", "--format", "csv-nl", "-o", quotes)
    assert r.returncode == 0, r.stderr
    assert _rows(quotes.read_text(encoding="utf-8"))[0]["quote"]
    r = sq("export", "-p", demo_copy, "-o", tmp_path / "codings.xlsx", "--csv-nl")
    assert r.returncode == 1 and "--csv-nl is for a .csv file" in r.stderr


def test_codings_as_csv_for_excel_says_its_texts_hold_names_the_exports_replace(demo_copy):
    """`codings --format csv-nl > R01.csv` put "Sietse" and "Kustland College" in a file for Excel
    without a word, while every export replaces them."""
    r = sq("codings", "-p", demo_copy, "--format", "csv-nl", "--doc", "R01")
    assert r.returncode == 0 and "Kustland College" in r.stdout
    named = [line for line in r.stderr.splitlines() if line.startswith("note:")]
    assert len(named) == 1 and "hold names the pseudonym list replaces, shown as stored" in named[0]
    # the export of the same interview (it offered one of all nineteen)
    assert f"`sto-qual export -o FILE.csv --csv-nl --where doc=R01 --project {demo_copy}` writes them" in named[0]
    # and JSON, for a script (it said nothing: a script passing the file on learnt nothing of the names)
    said = sq("codings", "-p", demo_copy, "--format", "json", "--doc", "R01", "--coder", "onderzoeker-a").stderr
    assert "5 of these passages hold names the pseudonym list replaces" in said, said
    offered = said[said.index("(`sto-qual export"):].split("`")[1].split()[1:]  # what it offers, run
    out = demo_copy.parent / "R01.csv"
    assert sq(*[str(out) if a == "FILE.csv" else a for a in offered]).returncode == 0
    assert len(_rows(out.read_text(encoding="utf-8"))) == len(json.loads(sq("codings", "-p", demo_copy, "--doc", "R01",
        "--coder", "onderzoeker-a", "--format", "json").stdout)) == 25


def test_a_range_of_sentences_is_no_date_in_dutch_excel(demo_copy):
    """`differences --format csv-nl` wrote "3-5" in the sentences column, which Dutch Excel opens as
    3 May; written "3–5" (an en dash) it stays text. Plain CSV keeps the hyphen scripts split on."""
    assert sq("agreed", "consensus", "--from", "onderzoeker-a", "onderzoeker-b", "-p", demo_copy).returncode == 0
    dutch = _rows(sq("differences", "consensus", "-p", demo_copy, "--format", "csv-nl").stdout)
    plain = list(csv.DictReader(io.StringIO(sq("differences", "consensus", "-p", demo_copy, "--format", "csv").stdout)))
    assert [r["id"] for r in dutch] == [r["id"] for r in plain]
    ranges = [(d["sentences"], p["sentences"]) for d, p in zip(dutch, plain) if "-" in p["sentences"]]
    assert ranges and all(d == p.replace("-", "\u2013") for d, p in ranges), ranges[:3]
