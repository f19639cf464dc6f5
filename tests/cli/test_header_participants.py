"""The people a transcript's header lists ("Aanwezig: Samira el Idrissi (gemeente), …"): the roles it
gives them and the pseudonym list that takes their names out of every export. A researcher's own
four interviews asked eight `pseudonyms add` commands, and the members who sit at the table for
the municipality or the employers got no role."""
from __future__ import annotations

import csv
import json

from cli_runner import sq

HEADERS = {
    "Havenmond": ("Aanwezig: Samira el Idrissi (gemeente), Peter van Dijk (bedrijfsleven), Joost Kramer "
                  "(schoolleider vmbo), interviewer",
                  "Peter: Heel urgent. Wij zitten in de haven en er gaan duizenden mensen met pensioen, zegt Samira "
                  "ook.\n\n"
                  "Samira: Vanuit de gemeente zien we dat ook. De arbeidsmarkt is krap."),
    "Veenstreek": ("Aanwezig: Hanneke Postma (penvoerder), Gerrit Bos (schoolleider vmbo)",
                   "Hanneke: Wij zijn een krimpregio. Het aantal leerlingen loopt al jaren terug.\n\n"
                   "Gerrit: Zoals Hanneke al zei, de techniekafdeling stond op omvallen."),
}


def _project(tmp_path):
    db = str(tmp_path / "p.db")
    assert sq("init", "--project", db).returncode == 0
    for name, (present, said) in HEADERS.items():
        text = (f"Interview stuurgroep STO regio {name}\nDatum: 2 april 2024\n{present}\n\n"
                f"Interviewer: Hoe urgent is techniek hier?\n\n{said}\n")
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    done = sq("import", str(tmp_path / "Havenmond.txt"), str(tmp_path / "Veenstreek.txt"), "--project", db)
    assert done.returncode == 0, done.stderr
    return db, done


def _imported(tmp_path, name: str, text: str):
    """A new project with one transcript ``name`` of ``text``: (the project, the import's result)."""
    db = str(tmp_path / "p.db")
    assert sq("init", "--project", db).returncode == 0
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return db, sq("import", str(tmp_path / f"{name}.txt"), "--project", db)


def test_a_member_for_the_municipality_or_the_employers_gets_that_role_and_the_chapter_names_it(tmp_path):
    db, done = _project(tmp_path)
    assert "Peter → bedrijfsleven, Samira → gemeente" in done.stderr
    assert "without a role" not in done.stderr
    # the placeholder offered names a person, not the municipality (a place, in the method's list)
    assert "`sto-qual pseudonyms add 'Samira el Idrissi' '[vertegenwoordiger gemeente]'" in done.stderr
    for turn, code in ((2, "urgentie"), (3, "collectief-optrekken")):
        assert sq("code", "--project", db, "--doc", "Havenmond", "--code", code, "--turn", str(turn)).returncode == 0
    out = tmp_path / "h.md"
    assert sq("export", "--project", db, "-o", str(out)).returncode == 0
    listed = sq("export", "--project", db, "-o", str(tmp_path / "c.csv"))  # every coding's passage, "zegt Samira"
    assert "`sto-qual pseudonyms add Samira '[vertegenwoordiger gemeente]'" in listed.stderr  # a person, no place
    # one of each speaks: "een …" ("vertegenwoordigers van gemeenten" read as several)
    assert "een vertegenwoordiger van de gemeente en een vertegenwoordiger van het bedrijfsleven" in out.read_text(
        "utf-8")


def test_pseudonyms_participants_puts_every_listed_person_on_the_list_in_one_step(tmp_path):
    db, done = _project(tmp_path)
    assert f"`sto-qual pseudonyms participants --project {db}` adds them all" in done.stderr  # three of five shown
    preview = sq("pseudonyms", "participants", "--project", db, "--dry-run")
    assert preview.returncode == 0 and "nothing was" in preview.stderr, preview.stderr
    assert json.loads(sq("pseudonyms", "list", "--project", db, "--format", "json").stdout) == []
    added = sq("pseudonyms", "participants", "--project", db)
    assert added.stdout == preview.stdout
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines() == [
        "Samira el Idrissi -> [vertegenwoordiger gemeente]", "Peter van Dijk -> [vertegenwoordiger bedrijfsleven]",
        "Joost Kramer -> [schoolleider]", "Hanneke Postma -> [penvoerder]", "Gerrit Bos -> [schoolleider]",
        # and the first names their speaker labels give ("Zoals Samira al zei" went out); Joost speaks not
        "Samira -> [vertegenwoordiger gemeente]", "Peter -> [vertegenwoordiger bedrijfsleven]",
        "Hanneke -> [penvoerder]", "Gerrit -> [schoolleider]"]
    listed = json.loads(sq("pseudonyms", "list", "--project", db, "--format", "json").stdout)
    assert len(listed) == 9
    again = sq("pseudonyms", "participants", "--project", db)
    assert again.returncode == 0 and again.stdout.startswith("no one to add")
    assert len(json.loads(sq("pseudonyms", "list", "--project", db, "--format", "json").stdout)) == 9
    assert sq("code", "--project", db, "--doc", "Veenstreek", "--code", "urgentie", "--turn", "2-3").returncode == 0
    exported = sq("export", "--project", db, "-o", str(tmp_path / "c.csv"))
    assert exported.returncode == 0 and "names people" not in exported.stderr, exported.stderr
    rows = list(csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8-sig")))
    assert rows and not any(n in str(r) for r in rows for n in ("Postma", "Kramer", "Idrissi", "Bos (", "Dijk",
                                                                 "Hanneke"))


def test_a_role_with_a_comma_in_its_brackets_and_a_speaker_named_in_full(tmp_path):
    """"Ans de Vries-Bos (penvoerder, ROC)" was two people, "Ans de Vries-Bos (penvoerder" and "ROC)", Ans
    without a role; and a speaker labelled with her whole name ("Pieter Bakker:") kept "Pieter belde me"."""
    db, done = _imported(tmp_path, "W05", "Interview W05\nDatum: 2 april 2024\nAanwezig: Ans de Vries-Bos (penvoerder, "
                                          "ROC), Pieter Bakker (bedrijfsleven)\n\nInterviewer: Hoe gaat het?\n\nAns: "
                                          "Goed. Pieter belde me gisteren nog.\n\nPieter Bakker: Klopt, dat deed ik.\n")
    assert "Ans → penvoerder" in done.stderr and "without a role" not in done.stderr, done.stderr
    added = sq("pseudonyms", "participants", "--project", db)
    assert added.stdout.splitlines() == ["Ans de Vries-Bos -> [penvoerder]",
                                         "Pieter Bakker -> [vertegenwoordiger bedrijfsleven]",
                                         "Ans -> [penvoerder]", "Pieter -> [vertegenwoordiger bedrijfsleven]"]


def test_a_speaker_renamed_to_a_name_the_header_lists_takes_the_role_it_gives(tmp_path):
    """A transcriber wrote "Samria:"; renamed to Samira, whom "Aanwezig: Samira el Idrissi (gemeente)" names, she
    stayed without a role (a researcher set it by hand, `role SAMIRA gemeente`)."""
    db, _done = _project(tmp_path)
    assert sq("speaker-rename", "Samira", "Samria", "--doc", "Havenmond", "--project", db).returncode == 0
    for label in ("Samria", "Samira"):  # as a transcript that wrote "Samria:" from the start has none
        assert sq("role", label, "--clear", "--doc", "Havenmond", "--project", db).returncode == 0
    back = sq("speaker-rename", "Samria", "Samira", "--doc", "Havenmond", "--project", db)
    assert back.returncode == 0 and "(the role gemeente its header gives Samira)" in back.stdout, back.stdout
    roles = json.loads(sq("role", "--doc", "Havenmond", "--format", "json", "--project", db).stdout)
    assert {(r["speaker"], r["role"]) for r in roles} >= {("Samira", "gemeente")}, roles


def test_a_header_that_names_a_person_by_one_name_gives_her_role_to_the_label_with_her_whole_name(tmp_path):
    """"Aanwezig: …, wethouder Bakker, interviewer Sanne" above turns of "Peter Bakker:" and "Sanne Vos:": the
    interviewer was quoted as 'een stuurgroeplid' and the wethouder had no role, where the header said both."""
    db, done = _imported(tmp_path, "Rivierenland", (
        "Datum: 3 april 2024\nAanwezig: Henk Jansen (bestuurder), wethouder Bakker, interviewer Sanne\n\n"
        "Sanne Vos: Hoe urgent is techniek hier?\n\nPeter Bakker: Vanuit de gemeente zien we een groot tekort.\n\n"
        "Henk Jansen: Dat klopt.\n\nSanne Vos: Dank jullie.\n"))
    assert done.returncode == 0 and "without a role" not in done.stderr, done.stderr
    roles = {r["speaker"]: r["role"] for r in json.loads(sq("role", "--format", "json", "--project", db).stdout)}
    assert (roles.get("Sanne Vos"), roles.get("Peter Bakker"), roles.get("Henk Jansen")) == (
        "interviewer", "wethouder", "bestuurder"), roles


def test_an_interviewer_named_in_the_front_matter_and_the_participants_line_is_the_interviewer(tmp_path):
    """Front matter "interviewer: Lotte Verhagen" above "Aanwezig: …, interviewer Lotte": two entries of one
    person made "Lotte:" ambiguous, and she was quoted as 'een stuurgroeplid' (the README promises the role)."""
    db, done = _imported(tmp_path, "Drenthe", (
        "---\nregion: P01\ninterviewer: Lotte Verhagen\n---\n\n"
        "Aanwezig: Jan van der Berg (bestuurder), interviewer Lotte\n\n"
        "Lotte: Hoe urgent is techniek hier?\n\nJan van der Berg: Heel urgent, de docenten gaan weg.\n\n"
        "Lotte: En de financiering?\n\nJan van der Berg: Onzeker, we stellen investeringen uit.\n"))
    assert done.returncode == 0 and "without a role" not in done.stderr, done.stderr
    roles = {r["speaker"]: r["role"] for r in json.loads(sq("role", "--format", "json", "--project", db).stdout)}
    assert (roles.get("Lotte"), roles.get("Jan van der Berg")) == ("interviewer", "bestuurder"), roles
