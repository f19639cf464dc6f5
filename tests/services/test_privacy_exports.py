"""Every export applies the pseudonym list: generate each kind and grep it (unzipped)."""
import re
import zipfile
from pathlib import Path

import pytest
from leaks import leaked_names


def _text_of(path):
    if path.suffix in (".docx", ".xlsx", ".qdpx"):
        with zipfile.ZipFile(path) as z:
            return " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace"))
                            for n in z.namelist())
    return path.read_text(encoding="utf-8-sig")


def test_no_listed_name_in_any_export(demo_ws, tmp_path):
    ws = demo_ws
    ws.add_pseudonym(r"Techniek\w*", "[plek]", regex=True)
    names = [n.lower() for n in ws.anonymiser().names]
    assert len(names) > 100
    # a memo mentioning a name must be anonymised too
    c = ws.codings()[0]
    ws.set_memo(c.id, f"Zie ook wat {names[0].title()} zei.")
    outputs = []
    for suffix in (".docx", ".md", ".csv", ".xlsx"):
        out = tmp_path / f"export{suffix}"
        ws.export(out, appendix="all") if suffix in (".docx", ".md") else ws.export(out)
        outputs.append(out)
    # no .qdpx: it carries the verbatim project for another QDA tool (see README)
    from sto_qual.report.markdown import quotes_markdown
    from sto_qual.report.quotes_docx import write_quotes_docx
    rows = ws.quotes("collectief-optrekken")
    (tmp_path / "q.md").write_text(quotes_markdown("q", [("", rows)]), encoding="utf-8")
    write_quotes_docx("q", [("", rows)], tmp_path / "q.docx")
    outputs += [tmp_path / "q.md", tmp_path / "q.docx"]
    for out in outputs:
        text = _text_of(out).lower()
        leaks = leaked_names(names, text)
        assert leaks == [], f"{out.name}: {leaks[:5]}"


def test_project_keeps_verbatim_text(demo_ws):
    names = demo_ws.anonymiser().names
    all_text = " ".join(demo_ws.document_text(d.id) for d in demo_ws.documents())
    assert sum(1 for n in names if n in all_text) > 50


@pytest.mark.parametrize("bad", ["[", "(?P<x"])
def test_bad_pattern_is_refused(demo_ws, bad):
    from sto_qual.domain.errors import StoQualError
    with pytest.raises(StoQualError):
        demo_ws.add_pseudonym(bad, "[x]", regex=True)


def test_a_name_that_is_also_a_common_word_is_said_and_can_keep_its_case(demo_copy):
    """The demo's list had "De Werkplaats" (a techlab): matched whatever its case, it turned "we
    hebben de werkplaats helemaal vernieuwd" (a school's workshop) into "[techlab]" in other
    regions' quotes. Adding such a name says so, with the pattern that keeps its case; the
    demo's own list gives no such warning."""
    from cli_runner import sq
    r = sq("pseudonyms", "add", "-p", demo_copy, "De Werkplaats", "[techlab]")
    assert r.returncode == 0 and "‘De Werkplaats’ also occurs in lower case in R01" in r.stderr
    fix = r.stderr.split("`sto-qual pseudonyms add --regex ")[1].split("`")[0]
    assert fix == f"'\\b(?-i:De Werkplaats)\\b' '[techlab]' --project {demo_copy}"
    assert sq("pseudonyms", "remove", "-p", demo_copy, "De Werkplaats").returncode == 0
    assert sq("pseudonyms", "add", "-p", demo_copy, "--regex", "\\b(?-i:De Werkplaats)\\b", "[techlab]").returncode == 0
    quotes = sq("quotes", "-p", demo_copy, "--code", "urgentie", "--format", "json").stdout
    assert "we hebben de werkplaats helemaal vernieuwd" in quotes and "[techlab] helemaal" not in quotes
    r = sq("pseudonyms", "import", "-p", demo_copy, Path(__file__).resolve().parents[2] / "transcripts" / "pseudonyms.csv")
    assert r.returncode == 0 and "also occurs in lower case" not in r.stderr


def test_the_grid_command_applies_the_pseudonym_list(demo_copy):
    """`grid --format csv-nl` (the CSV meant for Excel) printed 74 listed names from the cells'
    summaries ("PIE-docent, Sietse"), where `export --grid` replaced them."""
    from sto_qual.services import Workspace
    from tests_support import invoke_cli
    ws = Workspace.open(demo_copy)
    ws.synthesis().summarize()
    names = [n.lower() for n in ws.anonymiser().names]
    verbatim = " ".join(r["summary"] for r in ws.synthesis().grid()).lower()
    ws.close()
    assert leaked_names(names, verbatim)  # the cells do name people: the test can fail
    for fmt in ("csv-nl", "csv", "json"):  # (the table cuts words: "bas…" of "basisschool" reads as a name)
        r = invoke_cli(["grid", "-p", str(demo_copy), "--format", fmt])
        assert r.exit_code == 0, r.output
        assert not leaked_names(names, r.output.lower()), (fmt, leaked_names(names, r.output.lower())[:5])


HEADER = ("Regio: Westerkwartier\nDatum: 12 maart 2024\n"
          "Aanwezig: Ans de Vries (penvoerder), Kees Bakker (directeur vmbo), interviewer\n\n"
          "Interviewer: Hoe is het begonnen?\n"
          "Ans: We merkten dat er te weinig technici waren. De bedrijven stonden te springen om mensen.\n"
          "Kees: Het vmbo heeft toen echt het voortouw genomen.\n")


def test_a_header_that_lists_who_took_part_is_said_at_import_and_at_every_export_that_prints_it(tmp_path):
    """A text transcript's "Aanwezig:" line becomes an attribute, and the codings export (.csv,
    .xlsx) and the summary grid print every attribute: the two participants' full names left
    in them without a word while the quotes were anonymised. The import and each of those
    exports now name them with the `pseudonyms add` that takes them out (the role written
    beside each as its replacement); once listed, the files hold the replacement and nothing
    more is said."""
    from sto_qual.services import Workspace
    (tmp_path / "W01.txt").write_text(HEADER, encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    summary = ws.import_files([tmp_path / "W01.txt"])
    said = [w for w in summary.warnings if "aanwezig" in w]
    assert len(said) == 1 and "(Ans de Vries, Kees Bakker)" in said[0], summary.warnings
    assert "`sto-qual pseudonyms add 'Ans de Vries' '[penvoerder]'`" in said[0]
    assert "`sto-qual pseudonyms add 'Kees Bakker' '[directeur]'`" in said[0]  # the role the chapter knows
    assert "`sto-qual attribute W01 --clear aanwezig`" in said[0]
    # the header says who has which role: set for this interview, not asked for with `sto-qual role`
    assert "W01: the roles its header gives: Ans → penvoerder, Kees → directeur (`sto-qual role LABEL ROLE --doc W01`" \
        in " ".join(summary.notes)
    (tmp_path / "W02 Rijnmond Zuid.txt").write_text(HEADER, encoding="utf-8")  # a name with spaces: quoted
    other = Workspace.create(tmp_path / "q.db")
    notes = other.import_files([tmp_path / "W02 Rijnmond Zuid.txt"]).notes
    assert "--doc 'W02 Rijnmond Zuid'` changes one" in " ".join(notes)
    other.close()
    assert not any("without a role" in w for w in summary.warnings), summary.warnings
    assert ws.role_map()[("W01", "ans")] == "penvoerder" and ws.role_map()[("W01", "kees")] == "directeur"
    unit = ws.units("W01")[1]
    ws.assign_code("W01", "urgentie", start=unit.start, end=unit.end, coder="a")
    for name in ("c.csv", "c.xlsx", "grid.xlsx", "grid.docx"):
        result = ws.export(tmp_path / name)
        assert any("(Ans de Vries, Kees Bakker)" in w for w in result["warnings"]), (name, result)
        assert "Kees Bakker" in _text_of(tmp_path / name)  # what the warning is about
    ws.add_pseudonym("Ans de Vries", "[penvoerder]")
    ws.add_pseudonym("Kees Bakker", "[directeur vmbo]")
    for name in ("c.csv", "c.xlsx", "grid.xlsx", "grid.docx"):
        result = ws.export(tmp_path / name)
        assert not any("aanwezig" in w for w in result.get("warnings", [])), (name, result)
        text = _text_of(tmp_path / name)
        assert "Kees" not in text and "Vries" not in text and "[directeur vmbo]" in text, name
    # only part of a name listed: the rest still prints, and is still said
    ws.remove_pseudonym("Ans de Vries")
    ws.add_pseudonym("Ans", "[penvoerder]")
    result = ws.export(tmp_path / "c.csv")
    assert any("(Ans de Vries)" in w for w in result["warnings"]), result
    from sto_qual.domain.identifying import participants
    assert participants("de penvoerder en twee docenten; Interviewer") == []
    assert participants("Jan en Piet (docenten), Stichting Techwerf") == [
        ("Jan", None), ("Piet", "docenten"), ("Stichting Techwerf", None)]


def test_a_participant_written_after_her_role_is_her_name_with_that_role(tmp_path):
    """"Aanwezig: …, interviewer Lotte" put "interviewer Lotte" on the pseudonym list as one name ([naam]), so
    "Lotte" alone, as a respondent says it, was printed."""
    from sto_qual.services import Workspace
    (tmp_path / "W01.txt").write_text("Aanwezig: Ans de Vries (penvoerder), interviewer Lotte\n\n"
                                      "Interviewer: Wat is de urgentie?\n\nAns: Zoals Lotte al zei, de krimp.\n\n"
                                      "Interviewer: Dank.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "W01.txt"])
    added = dict(ws.pseudonym_service.add_participants())
    assert added.get("Lotte") == "[interviewer]" and "interviewer Lotte" not in added, added
    assert "Lotte" not in ws.pseudonym_service.anonymiser()("Zoals Lotte al zei, de krimp.")
    ws.close()


def test_the_codings_export_and_the_grid_name_what_the_pseudonym_list_missed(tmp_path):
    """The codings export (.csv, .xlsx) printed "Henk heeft daar echt de kar getrokken" and a memo
    naming Gerrit Mulder without a word, where the chapter and `quotes` name each such name with
    the command that takes it out; a grid exported before anything was summarised had no code
    columns and said nothing. Both now say so."""
    from sto_qual.services import Workspace
    (tmp_path / "G01.txt").write_text(
        "Interviewer: Wie trok het plan?\n"
        "Femke: Henk heeft daar echt de kar getrokken. Later kwam Gerrit Mulder van het bedrijf erbij.\n",
        encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "G01.txt"])
    unit = ws.units("G01")[1]
    ws.assign_code("G01", "collectief-optrekken", start=unit.start, end=unit.end, coder="a")
    ws.set_memo(ws.codings()[0].id, "Navragen bij Gerrit Mulder.", coder="a")
    grid = ws.export(tmp_path / "grid.xlsx")
    assert any("the grid has no summaries yet" in w and "`sto-qual summarize`" in w for w in grid["warnings"]), grid
    for name in ("c.csv", "c.xlsx"):
        said = ws.export(tmp_path / name)["warnings"]
        assert any(w.startswith("‘Henk’ is printed in quote") for w in said), (name, said)
        assert any(w.startswith("‘Gerrit Mulder’ is printed in the memo of coding") for w in said), (name, said)
    ws.add_pseudonym("Henk", "[naam]")
    ws.add_pseudonym("Gerrit Mulder", "[naam]")
    said = ws.export(tmp_path / "c.csv")["warnings"]
    assert not any("Henk" in w or "Mulder" in w for w in said), said
    ws.synthesis().summarize()
    grid = ws.export(tmp_path / "grid.xlsx")
    assert not any("no summaries yet" in w for w in grid["warnings"]), grid


def test_a_speakers_name_in_a_memo_is_said_though_the_text_never_writes_it(tmp_path):
    """"Henk benadrukt vacatures PIE/BWI" in a memo went out in the codings export and the grid
    without a word: Henk is a speaker's label and a name in the header, but the text itself never
    writes it, so nothing knew it for a name. A speaker's label and a header's participant are
    people's names; the warning offers the role beside the name as its replacement."""
    from sto_qual.services import Workspace
    (tmp_path / "Zuidveen.txt").write_text(
        "Aanwezig: Henk Veldkamp (penvoerder), interviewer\n\n"
        "Interviewer: Wat is het grootste probleem?\n"
        "Henk: De vacatures voor techniekdocenten staan al een jaar open.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "Zuidveen.txt"])
    unit = ws.units("Zuidveen")[1]
    ws.assign_code("Zuidveen", "urgentie/docententekort", start=unit.start, end=unit.end, coder="a")
    ws.set_memo(ws.codings()[0].id, "Henk benadrukt vacatures PIE/BWI.", coder="a")
    said = ws.export(tmp_path / "c.csv")["warnings"]
    assert any(w.startswith("‘Henk’ is printed in the memo of coding 1 (from Zuidveen), and it names a person (a speaker or a "
                            "header's participant in Zuidveen)") and "pseudonyms add Henk '[penvoerder]'" in w
               for w in said), said
    ws.add_pseudonym("Henk", "[penvoerder]")
    said = ws.export(tmp_path / "c.csv")["warnings"]
    assert not any("‘Henk’" in w for w in said), said
    assert "Henk benadrukt" not in (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    # "Interviewer", "R1" or "Respondent 2" as a label are no names
    from sto_qual.domain.identifying import people_names
    assert set(people_names({"X": ["Interviewer", "R1", "Respondent 2", "I", "Ans"]}, {})) == {"Ans"}


def test_the_participants_warning_of_two_interviews_names_both_and_counts_the_rest(tmp_path):
    """Four names over two interviews: the warning said "(and the 1 others" and offered to clear
    the attribute of the first interview only."""
    from sto_qual.services import Workspace
    for name, people in (("A01", "Ans de Vries (penvoerder), Kees Bakker (bestuurder)"),
                         ("A02", "Piet Jansen (penvoerder), Mira Kok (directeur vmbo)")):
        (tmp_path / f"{name}.txt").write_text(f"Aanwezig: {people}\n\nInterviewer: Hoe gaat het in {name}?\n"
                                              "Ans: Goed, dank u.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    said = [w for w in ws.import_files([tmp_path / "A01.txt", tmp_path / "A02.txt"]).warnings if "aanwezig" in w]
    assert len(said) == 1 and said[0].startswith("the attribute ‘aanwezig’ of A01, A02 names people"), said
    assert "(and the other one; `sto-qual pseudonyms participants` adds them all)" in said[0]
    assert "`sto-qual attribute A01 --clear aanwezig` (and so for A02) leaves the attribute out" in said[0]


def test_contact_details_leave_no_export_whatever_the_pseudonym_list_says(tmp_path):
    """A quote "reacties naar p.vanwijk@hetbaken.nl of bellen naar 06-12345678" was the chapter's
    example, and an e-mail address, a phone number and a postcode went out in every export: the
    list names names, and no one lists an address. They are taken out of every export; the project
    keeps the text as said."""
    from sto_qual.services import Workspace
    said = ("We hebben een vacature uitgezet, reacties naar p.vanwijk@hetbaken.nl of bellen naar 06-12345678. "
            "Of kom langs in 8861 AB Oosterend, of bel (0511) 423310 of 010 - 123 45 67.")
    (tmp_path / "W01.txt").write_text(f"Interviewer: Hoe zoeken jullie docenten?\nFemke: {said}\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "W01.txt"])
    turn = ws.turns("W01")[1]
    ws.assign_code("W01", "urgentie/docententekort", start=turn.start, end=turn.end, coder="a")
    ws.set_memo(ws.codings()[0].id, "Mail p.vanwijk@hetbaken.nl, tel +31 6 1234 5678.", coder="a")
    ws.star(ws.codings()[0].id, coder="a")
    for name in ("c.csv", "c.xlsx", "c.md", "c.docx"):
        ws.export(tmp_path / name, appendix="all") if name.endswith(("md", "docx")) else ws.export(tmp_path / name)
        text = _text_of(tmp_path / name).replace("\\[", "[").replace("\\]", "]")  # Markdown's escapes
        assert not re.search(r"vanwijk|12345678|1234 5678|423310|8861|45 67", text), name
        assert "[e-mailadres]" in text and "[telefoonnummer]" in text, name
    rows = ws.quotes("urgentie/docententekort")
    assert "[e-mailadres] of bellen naar [telefoonnummer]" in rows[0]["quote"] and "[postcode] Oosterend" in rows[0]["quote"]
    assert rows[0]["memo"] == "Mail [e-mailadres], tel [telefoonnummer]."
    assert said in ws.document_service.text("W01")


def test_who_held_the_interview_is_said_as_a_participant_is(tmp_path):
    """"interviewer: Karin Oudejans" in a transcript's front matter went out in the grid and the codings
    export without a word (the demo's interviewers were replaced only for being on its list)."""
    from tests_support import one_coded_interview
    ws = one_coded_interview(tmp_path, "W20", "---\ninterviewer: Karin Oudejans\n---\nInterviewer: Hoe gaat het?\n"
                             "Femke: Goed, de techniek groeit.\n")
    said = [w for w in ws.export(tmp_path / "c.csv")["warnings"] if "‘interviewer’" in w]
    assert len(said) == 1 and "(Karin Oudejans)" in said[0] \
        and "`sto-qual pseudonyms add 'Karin Oudejans' '[interviewer]'`" in said[0], said
    ws.add_pseudonym("Karin Oudejans", "[interviewer]")
    assert not any("Karin" in w for w in ws.export(tmp_path / "c.csv")["warnings"])
    assert "Oudejans" not in _text_of(tmp_path / "c.csv")


def test_a_coding_that_cuts_a_phone_number_prints_no_piece_of_it(tmp_path):
    """A coding that began inside a phone number printed "2345678 …", one that ended inside it "bel je
    op 06-123": no export saw a number in either, and together they gave it back."""
    from tests_support import one_coded_interview
    ws = one_coded_interview(tmp_path, "W02", "Interviewer: Hoe bereik ik de wethouder?\nFemke: De wethouder bel je op "
                             "06-12345678, of je mailt p.vanwijk@hetbaken.nl. Dat werkt altijd.\n")
    text = ws.document_service.text("W02")
    number, mail = text.index("06-12345678"), text.index("p.vanwijk")
    for start, end in ((text.index("De wethouder"), number + 6), (number + 4, mail + 5)):
        ws.assign_code("W02", "collectief-optrekken", start=start, end=end, coder="a")
    quotes = sorted(r["quote"] for r in ws.quotes("collectief-optrekken"))
    assert quotes == ["De wethouder bel je op [telefoonnummer]", "[telefoonnummer], of je mailt [e-mailadres]"], quotes
    ws.export(tmp_path / "c.csv")
    assert not re.search(r"06-123|2345678|vanwijk|p\.van", _text_of(tmp_path / "c.csv"))


def test_a_grid_cell_drafted_from_a_coding_that_cuts_a_phone_number_holds_no_piece_of_it(tmp_path):
    """The grid's drafted cell quoted a coding that began inside a phone number: "2345678 …" went out in
    `export --grid`, no number to the exports' check."""
    from tests_support import one_coded_interview
    ws = one_coded_interview(tmp_path, "W03", "Interviewer: Hoe bereik ik de wethouder?\nFemke: Bel 06-12345678 en "
                             "vraag naar de wethouder, die regelt de stageplekken voor de hele regio.\n")
    text = ws.document_service.text("W03")
    number = text.index("06-12345678")
    ws.assign_code("W03", "collectief-optrekken", start=number + 4, end=len(text.rstrip()), coder="a")
    ws.synthesis().summarize()
    ws.export(tmp_path / "grid.xlsx")
    shown = _text_of(tmp_path / "grid.xlsx")
    assert "[telefoonnummer] en vraag naar de wethouder" in shown and "2345678" not in shown, shown[:400]


def test_participants_puts_the_speakers_named_by_their_labels_on_the_list_too(tmp_path):
    """A recording tool's transcript names its speakers "Bart Wolters:" and has no header: `pseudonyms participants`
    offered no one, and the chapter printed "Ik laat Bart gewoon namens mij praten". A label of two words was no
    person's name at all (each word is looked at now); a label in capitals or with its role is read as the name."""
    from sto_qual.services import Workspace
    (tmp_path / "A01.txt").write_text("Interviewer: Wie praat er namens jullie?\n\nBart Wolters: Ik laat Bart gewoon "
                                      "namens mij praten.\n\nLinda Scholten: Dat klopt.\n\nMARLOES: En ik ook.\n\n"
                                      "Jan (directeur): Ja.\n\nMARLOES: Goed.\n\nInterviewer: Dank.\n",
                                      encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "A01.txt"])
    ws.set_roles({"Bart Wolters": "bestuurder", "Interviewer": "interviewer"})
    added = dict(ws.pseudonym_service.add_participants())
    assert {k: added.get(k) for k in ("Bart Wolters", "Bart", "Linda Scholten", "Linda", "Marloes", "Jan")} == {
        "Bart Wolters": "[bestuurder]", "Bart": "[bestuurder]", "Linda Scholten": "[naam]", "Linda": "[naam]",
        "Marloes": "[naam]", "Jan": "[directeur]"}, added
    assert not {"Interviewer", "MARLOES", "Jan (directeur)"} & set(added)
    assert "Bart" not in ws.pseudonym_service.anonymiser()("Ik laat Bart gewoon namens mij praten.")
    assert ws.pseudonym_service.add_participants() == []  # all on the list now
    ws.close()


def test_a_coder_who_shares_a_participants_first_name_is_printed_as_a_coder_not_as_that_participant(tmp_path):
    """The team's coder 'sanne' and a programme leader Sanne in an interview: `pseudonyms participants` listed
    'Sanne → [programmaleider]', and every row of the codings export said the coding was by '[programmaleider]'
    (two such coders would have been one). The coder's name is still out of every export, as 'coder N'."""
    import csv
    import json
    from sto_qual.services import Workspace
    (tmp_path / "H01.txt").write_text("Interviewer: Wat is de urgentie?\n\nSanne: Het docententekort is echt "
                                      "nijpend bij ons.\n\nInterviewer: Dank.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db", default_coder="sanne")
    ws.import_files([tmp_path / "H01.txt"])
    ws.set_roles({"Sanne": "programmaleider", "Interviewer": "interviewer"})
    assert dict(ws.pseudonym_service.add_participants()) == {"Sanne": "[programmaleider]"}
    ws.assign_code("H01", "urgentie", turn=2, coder="sanne")
    ws.assign_code("H01", "urgentie", turn=2, coder="bram")
    said = ws.export(tmp_path / "c.csv")
    rows = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8-sig")))
    assert sorted(r["coder"] for r in rows) == ["bram", "coder 1"], rows
    assert "sanne" not in (tmp_path / "c.csv").read_text(encoding="utf-8-sig").lower()
    assert any("the coder 'sanne' is printed as 'coder 1'" in w for w in said["warnings"]), said["warnings"]
    quotes = ws.export_service.quotes("urgentie", coder="sanne")
    assert json.loads(json.dumps(quotes))[0]["coder"] == "coder 1"
    ws.set_reference_coder("sanne")  # the workbook's notes say whose codings it counts: as its codings sheet does
    ws.export(tmp_path / "c.xlsx")
    from openpyxl import load_workbook
    book = load_workbook(tmp_path / "c.xlsx")
    notes = " ".join(str(c.value) for row in book["toelichting"].iter_rows() for c in row if c.value)
    assert "coder 1" in notes and "[programmaleider]" not in notes and "sanne" not in notes.lower(), notes
    ws.close()


def test_a_coders_number_in_the_exports_stays_hers_when_a_coder_before_her_is_removed(tmp_path):
    """"coder N" was her place among the coders: removing a name typed wrong before her ('brma') renumbered her
    in the next export, and last week's table and this week's named one coder two ways."""
    from sto_qual.services import Workspace
    (tmp_path / "H01.txt").write_text("Interviewer: Wat is de urgentie?\n\nSanne: Het docententekort is echt "
                                      "nijpend bij ons.\n\nInterviewer: Dank.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db", default_coder="sanne")
    ws.import_files([tmp_path / "H01.txt"])
    ws.set_roles({"Sanne": "programmaleider", "Interviewer": "interviewer"})
    ws.pseudonym_service.add_participants()
    typo = ws.assign_code("H01", "urgentie", turn=2, coder="brma")
    ws.remove_coding(typo.id, coder="brma")
    ws.assign_code("H01", "urgentie", turn=2, coder="sanne")
    before = [r["coder"] for r in ws.export_service.coding_table()]
    ws.coder_service.remove_coder("brma")
    after = [r["coder"] for r in ws.export_service.coding_table()]
    assert before == after == ["coder 2"], (before, after)
    ws.close()
