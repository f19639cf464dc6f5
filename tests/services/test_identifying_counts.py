"""A count only one region has ("namens alle negen besturen" from the one region with nine
school boards) beside a role points to one person: the report names each such count in a
warning with the pseudonym that takes it out, and the quotes stay as spoken. The chapter's own
prose does not name a person by a placeholder: such a retold example is left out."""
import csv
import re
from pathlib import Path

from sto_qual.domain.identifying import (CountHit, RareValue, counted_words, identifying_counts, names_person,
                                         number_value, rare_values)
from sto_qual.domain.synthesis import SummaryPoint, ThemeSummary

# the demo's pseudonym for the board counts that point to one region (transcripts/pseudonyms.csv)
BOARD_COUNTS = next(row["name"] for row in csv.DictReader(
    (Path(__file__).resolve().parents[2] / "transcripts" / "pseudonyms.csv").open(encoding="utf-8"))
    if row["replacement"] == "[aantal] besturen")
NINE = RareValue("school_boards", 9, 1, ("boards", "schoolbesturen"))


def test_a_number_of_what_the_attribute_counts_is_found_and_other_numbers_are_not():
    def words(text, rare=(NINE,)):
        return [h.words for h in identifying_counts(text, rare)]
    assert words("alleen [stuurgroeplid], namens alle negen besturen.") == ["negen besturen"]
    assert words("Negen schoolbesturen, en alle 9 de besturen") == ["Negen schoolbesturen", "9 de besturen"]
    assert words("ieder van de negen bestuur") == ["negen bestuur"]  # another form of the word
    # another number, another noun, another clause, or a number that is not one ("een", "0,69")
    for text in ("alle tien besturen", "de komende negen jaar", "negen uren per week", "negen bestuurders",
                 "het waren er negen. Besturen die …", "(9) besturen", "negenenveertig besturen"):
        assert words(text) == [], text
    one = (RareValue("school_boards", 1, 1, ("boards", "schoolbesturen")),)
    assert words("een bestuur", one) == []  # an article as often as a number
    # written with its accents it is the number: "maar één bestuur" from the one region with one
    assert words("En omdat we maar één bestuur hebben", one) == ["één bestuur"]
    assert words("Eén bestuur, dus", one) == ["Eén bestuur"]
    assert [number_value(w) for w in ("twee", "twaalf", "drieëntwintig", "1.000", "een", "één", "Eén", "0,69")] == \
        [2, 12, 23, 1000, None, 1, 1, None]
    assert CountHit(NINE, "negen de besturen").pseudonym() == ("negen de besturen", "[aantal] de besturen")


def test_rare_values_are_counts_fewer_than_three_interviews_share():
    attrs = {1: {"school_boards": "9", "date": "2023-11-16", "region": "R01"},
             2: {"school_boards": "3"}, 3: {"school_boards": "3"}, 4: {"school_boards": "3"},
             5: {"school_boards": "5", "pupils": "onbekend"}, 6: {"school_boards": "5", "pupils": "120"}}
    rare = rare_values(attrs, {"school_boards": ["aantal schoolbesturen", "number of school boards [nl]"]})
    assert rare == {1: (NINE,), 5: (RareValue("school_boards", 5, 2, NINE.counts),),
                    6: (RareValue("school_boards", 5, 2, NINE.counts),)}  # "pupils" holds a word: no count
    assert counted_words(["n_leerlingen", "aantal"]) == ("leerlingen",)


def test_a_placeholder_for_a_person_is_told_from_one_for_a_thing():
    assert names_person("men heeft [programmaleider] uiteindelijk verlengd", {"programmaleider"})
    assert names_person("alleen [stuurgroeplid], namens …") and names_person("met [naam] gebeld")
    assert not names_person("men heeft in [plaats] een klas met [aantal] besturen bij [school]", {"bestuurder"})


def _chapter_passages(data):
    return ([b.text for t in data.themes for b in t.points] + [q.text for t in data.themes for q in t.quotes]
            + [q.text for q in data.appendix])


def _coding(ws, doc, words):
    return next(c for c in ws.codings(coder="onderzoeker-a") if c.doc == doc and words in c.text)


def test_a_quote_with_a_count_only_its_region_has_gets_a_warning_naming_the_pseudonym(demo_ws):
    from sto_qual.services.quote_checks import count_warnings
    demo_ws.remove_pseudonym(BOARD_COUNTS)
    anon = demo_ws.anonymiser()
    nine, six = _coding(demo_ws, "R06", "namens alle negen besturen"), _coding(demo_ws, "R08", "vijf of zes besturen")
    said = count_warnings(demo_ws, [((nine.id,), anon(nine.text), "a quote of x"),
                                    ((nine.id,), anon(nine.text), "an appendix quote of x"),  # the same case: once
                                    ((six.id,), anon(six.text), "a quote of y")])  # R08 has three boards
    assert said == ['R06: a quote of x says "negen besturen", and R06 is the only interview with school_boards 9, '
                    "so beside a role it points to one person; take the count out with a pseudonym, e.g. "
                    "`sto-qual pseudonyms add 'negen besturen' '[aantal] besturen'`"]
    assert "[stuurgroeplid]" in anon(nine.text) and "negen besturen" in anon(nine.text)  # the quote is not rewritten


def test_the_report_warns_on_stderr_and_the_demo_list_takes_every_such_count_out(demo_ws, demo_copy, tmp_path):
    from cli_runner import sq
    from sto_qual.services.reporting import build_report_data
    from sto_qual.services.quote_checks import count_warnings
    data = build_report_data(demo_ws, demo_ws.synthesis())
    assert not [w for w in data.warnings if "school_boards" in w]
    text = " ".join(_chapter_passages(data))
    assert not re.search(BOARD_COUNTS, text, re.IGNORECASE) and "[aantal] besturen" in text
    every = [((q.id,), q.text, "q") for t in data.themes for q in t.quotes]
    every += [((q.id,), q.text, "a") for q in data.appendix]
    assert count_warnings(demo_ws, every) == []
    demo_ws.remove_pseudonym(BOARD_COUNTS)
    demo_ws.close()
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "h.docx")
    assert done.returncode == 0, done.stderr
    lines = [w for w in done.stderr.splitlines() if "school_boards" in w]
    assert any(w.startswith("warning: R06: ") and '"negen besturen"' in w for w in lines), done.stderr
    assert all("sto-qual pseudonyms add '" in w and f"'[aantal] besturen' --project {demo_copy}`" in w for w in lines)
    # an internal draft names the regions anyway: no warning
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "r.docx", "--attribution", "role-region")
    assert "school_boards" not in done.stderr
    # the Markdown chapter gives the same warnings
    done = sq("export", "-p", demo_copy, "-o", tmp_path / "h.md")
    assert done.returncode == 0 and "warning: R06: " in done.stderr, done.stderr


def test_a_replaced_count_keeps_its_article():
    from sto_qual.services.reporting import without_article
    anon = without_article(lambda t: t.replace("zes", "[aantal]").replace("Smidse", "[techlab]"))
    assert anon("De zes besturen hadden afgesproken dat De Smidse open blijft") == \
        "De [aantal] besturen hadden afgesproken dat [techlab] open blijft"


def test_a_retold_example_that_names_a_person_is_left_out_and_the_next_takes_its_frame(demo_ws):
    from sto_qual.services.reporting import build_report_data
    code = "collectief-optrekken/vertrouwen-besturen"
    nine = _coding(demo_ws, "R06", "namens alle negen besturen")
    other = next(c for c in demo_ws.codings(code=code, coder="onderzoeker-a") if c.doc != "R06")
    points = (SummaryPoint(code=code, label="overleg", regions=("R06",), wording="een enkele", evidence=nine.text,
                           references=(nine.id,), lemmas=("overleg",),
                           text="Een regio vertelt: bij het overleg gaat nu alleen Harm, namens alle besturen."),
              SummaryPoint(code=code, label="werkplaats", regions=(other.doc,), wording="een enkele", evidence="",
                           references=(other.id,), lemmas=("werkplaats",),
                           text="Een andere regio: in het begin wilde ieder vooral zijn eigen werkplaats."))
    summary = ThemeSummary(code="collectief-optrekken", lead=("Men spreekt over vertrouwen.",), points=points,
                           contrasts=(), lead_codes=(code,))
    data = build_report_data(demo_ws, demo_ws.synthesis(), codes=["collectief-optrekken"], summaries={"collectief-optrekken": summary})
    block = next(b for b in data.themes[0].points if "vertrouwen" in b.text)
    assert block.text == ("Men spreekt over vertrouwen. "
                          # (the coders' agreement on trust is below 0,667: the method's caution, after the count)
                          "De codering van dit onderwerp liep tussen de twee onderzoekers meer uiteen (alfa 0,66); "
                          "het aantal is met voorbehoud te lezen. In twee van de zes interviews die beiden "
                          "codeerden, vond alleen de andere onderzoeker dit onderwerp: het aantal is eerder te laag "
                          "dan te hoog. "
                          "Een regio vertelt: in het begin wilde ieder vooral zijn eigen werkplaats.")
    # the point is carried by its own passage, quoted (a quote may hold a placeholder)
    assert any(q.id == nine.id and "[stuurgroeplid]" in q.text for q in block.quotes)


def test_a_quote_export_has_its_warnings_too(demo_ws):
    demo_ws.remove_pseudonym(BOARD_COUNTS)
    rows = demo_ws.quotes("vmbo-in-the-lead/belemmeringen")
    tien = next(r for r in rows if re.search(r"\bTien besturen", r["quote"], re.IGNORECASE))
    said = demo_ws.export_service.quote_warnings(rows)
    assert f'R18: quote {tien["id"]} (vmbo-in-the-lead/belemmeringen) says "tien besturen"' in "\n".join(said)
    assert all("school_boards" in w for w in said)


def test_the_quotes_command_prints_the_warnings_on_stderr(demo_copy):
    from cli_runner import sq
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    ws.remove_pseudonym(BOARD_COUNTS)
    ws.close()
    done = sq("quotes", "-p", demo_copy, "--code", "vmbo-in-the-lead/belemmeringen")
    assert done.returncode == 0, done.stderr
    assert any(w.startswith("warning: R18: quote ") and '"tien besturen"' in w for w in done.stderr.splitlines()), \
        done.stderr
