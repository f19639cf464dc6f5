"""A report writer edits the chapter in Word; the next `report -o` on that file replaced it, with
her edits, and said "Wrote …". A chapter this program wrote and nobody changed is written again
as before; an edited one, or a Word document another program wrote, is refused unless --force."""
from __future__ import annotations

import hashlib

import docx
from cli_runner import sq


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kept_until_forced(command: tuple, out) -> None:
    """``command -o out`` over an edited ``out`` is refused and leaves it as it is; with --force it replaces it."""
    before = _digest(out)
    r = sq(*command, "-o", out)
    assert r.returncode == 1 and f"cannot write {out}: it was changed after it was written" in r.stderr, r.stderr
    assert _digest(out) == before
    assert sq(*command, "-o", out, "--force").returncode == 0


def test_an_edited_chapter_is_not_replaced_unasked(demo_copy, tmp_path):
    out = tmp_path / "hoofdstuk.docx"
    assert sq("report", "-p", demo_copy, "-o", out).returncode == 0
    again = sq("report", "-p", demo_copy, "-o", out, "--appendix", "none")  # regenerated as it was written: fine
    assert again.returncode == 0 and "Wrote" in again.stdout
    edited = docx.Document(out)
    edited.add_paragraph("Mijn eigen conclusie.")  # as Word saves it: the text changes
    edited.save(out)
    before = _digest(out)
    for command in (("report", "-p", demo_copy, "-o", out), ("export", "-p", demo_copy, "-o", out)):
        r = sq(*command)
        assert r.returncode == 1 and r.stdout == "", r.stderr
        # (a copy saved under a new name is one too: a writer read "changed after it was written" of a name never
        # written to)
        assert r.stderr.startswith(f"error: cannot write {out}: it was changed after it was written (edited, or a "
                                   "changed copy saved under this name); nothing was written (give --force to replace "
                                   "it, losing what was changed in it, or write another file with -o)"), r.stderr
        assert _digest(out) == before
    assert sq("report", "-p", demo_copy, "-o", out, "--force").returncode == 0
    assert "Mijn eigen conclusie." not in [p.text for p in docx.Document(out).paragraphs]
    assert sq("report", "-p", demo_copy, "-o", out).returncode == 0  # and is its own again


def test_a_word_document_another_program_wrote_is_not_replaced(demo_copy, tmp_path):
    mine = tmp_path / "rapport.docx"
    d = docx.Document()
    d.add_paragraph("Het hele rapport, hoofdstuk 1 tot en met 6.")
    d.save(mine)
    before = _digest(mine)
    r = sq("report", "-p", demo_copy, "-o", mine)
    assert r.returncode == 1 and "it is a Word document this program did not write" in r.stderr
    assert _digest(mine) == before
    assert sq("export", "-p", demo_copy, "-o", mine, "--force").returncode == 0


def test_no_output_is_written_over_the_project_file(tmp_path):
    """`init studie.xlsx` then `export -p studie.xlsx -o studie.xlsx` wrote the workbook over the
    project, and said "Wrote": the project was gone. So with `codebook-export` and a .yaml project."""
    made = tmp_path / "studie.db"
    assert sq("init", made).returncode == 0
    # `init` refuses such a name now; a project file renamed so is still a project
    r = sq("init", tmp_path / "nieuw.xlsx")
    assert r.returncode == 2 and "'" + str(tmp_path / "nieuw.xlsx") + "' would be a project named like a workbook; " \
        "name it nieuw.db" in r.stderr and not (tmp_path / "nieuw.xlsx").exists()
    # a codebook there given as the project: what `init` likely meant, said (it said only "name it codeboek.db")
    (tmp_path / "codeboek.yaml").write_text("codes:\n  - name: urgentie\n", encoding="utf-8")
    r = sq("init", tmp_path / "codeboek.yaml")
    assert r.returncode == 2 and f"or start one from it: `sto-qual init {tmp_path / 'codeboek'}.db --codebook " \
        f"{tmp_path / 'codeboek.yaml'}`" in r.stderr, r.stderr
    # and given with the transcripts to `import`: the command that reads it
    r = sq("import", "-p", made, tmp_path / "codeboek.yaml")
    assert r.returncode == 1 and "unsupported file type '.yaml': a codebook? (`sto-qual codebook-import " in \
        r.stdout + r.stderr
    for name, command in (("studie.xlsx", ("export", "-o")), ("studie.yaml", ("codebook-export", "-o")),
                          ("studie.csv", ("export", "-o"))):
        project = tmp_path / name
        project.write_bytes(made.read_bytes())
        before = _digest(project)
        r = sq(command[0], "-p", project, command[1], tmp_path / "." / name)
        assert r.returncode == 1 and r.stderr.startswith(
            f"error: cannot write {tmp_path / '.' / name}: it is the project file itself; nothing was written"), r.stderr
        assert _digest(project) == before and sq("info", "-p", project).returncode == 0


def test_an_edited_markdown_chapter_or_workbook_and_another_programs_file_are_not_replaced(demo_copy, tmp_path):
    """Only the Word chapter was kept: an edited Markdown chapter, an analyst's own workbook and
    notes.md were replaced with "Wrote …"; so was a workbook a script edited and saved."""
    import openpyxl
    md, book = tmp_path / "h.md", tmp_path / "tabel.xlsx"
    for out in (md, book):
        assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
        assert sq("export", "-p", demo_copy, "-o", out).returncode == 0  # its own, unchanged: written again
    md.write_text(md.read_text(encoding="utf-8").replace("## ", "## Mijn kop: ", 1), encoding="utf-8")
    edited = openpyxl.load_workbook(book)
    edited["counts"]["B2"] = 42  # a script's edit: it names no other editor, as Excel does (it was replaced)
    edited.save(book)
    for out in (md, book):
        _kept_until_forced(("export", "-p", demo_copy), out)
    notes = tmp_path / "notes.md"
    notes.write_text("Mijn aantekeningen.\n", encoding="utf-8")
    r = sq("export", "-p", demo_copy, "-o", notes)
    assert r.returncode == 1 and "it is a file this program did not write" in r.stderr
    assert notes.read_text(encoding="utf-8") == "Mijn aantekeningen.\n"


def test_a_codebook_kept_by_hand_is_not_replaced_by_codebook_export(demo_copy, tmp_path):
    """`codebook-export -o codebook.yaml` over the YAML a researcher keeps by hand replaced it."""
    out = tmp_path / "codebook.yaml"
    assert sq("codebook-export", "-p", demo_copy, "-o", out).returncode == 0
    assert sq("codebook-export", "-p", demo_copy, "-o", out).returncode == 0  # its own, unchanged
    assert sq("codebook-import", "-p", demo_copy, out).returncode == 0  # (the last line is a comment)
    out.write_text(out.read_text(encoding="utf-8").replace("definition: ", "definition: Eigen: ", 1), encoding="utf-8")
    _kept_until_forced(("codebook-export", "-p", demo_copy), out)
    mine = tmp_path / "mijn.yaml"
    mine.write_text("codes:\n  - name: eigen\n", encoding="utf-8")
    r = sq("codebook-export", "-p", demo_copy, "-o", mine)
    assert r.returncode == 1 and "it is a file this program did not write" in r.stderr


def test_a_quote_file_the_writer_edited_is_not_replaced(demo_copy, tmp_path):
    """`quotes --format docx|md -o FILE` replaced a quote file the writer had worked in."""
    for fmt in ("docx", "md"):
        out = tmp_path / f"citaten.{fmt}"
        command = ("quotes", "-p", demo_copy, "--code", "urgentie", "--format", fmt)
        assert sq(*command, "-o", out).returncode == 0 and sq(*command, "-o", out).returncode == 0
        if fmt == "docx":
            edited = docx.Document(out)
            edited.add_paragraph("Deze gebruiken in 4.2.")
            edited.save(out)
        else:
            out.write_text(out.read_text(encoding="utf-8").replace("“", "„", 1), encoding="utf-8")
        _kept_until_forced(command, out)


def test_an_analysts_own_csv_is_not_replaced_and_a_quote_csv_opens_in_excel_as_utf8(demo_copy, tmp_path):
    """`export -o mine.csv` and `quotes -o mine.csv` replaced an analyst's own CSV of that name unsaid
    (the .md and .xlsx were kept); `quotes -o q.csv` wrote no byte-order mark, so Excel garbled the
    'ë' of "een geïnterviewde"."""
    mine = tmp_path / "mine.csv"
    mine.write_text("regio;mijn telling\nR01;3\n", encoding="utf-8")
    for command in (("export", "-p", demo_copy), ("quotes", "urgentie", "-p", demo_copy)):
        r = sq(*command, "-o", mine)
        assert r.returncode == 1 and "it is a CSV this program did not write" in r.stderr, r.stderr
        assert "\n" not in r.stderr.strip() and "--force" in r.stderr
        assert mine.read_text(encoding="utf-8") == "regio;mijn telling\nR01;3\n"
    for fmt in ("csv", "csv-nl"):  # its own CSV is written again, in either layout, as before
        out = tmp_path / "citaten.csv"
        for _ in range(2):
            assert sq("quotes", "urgentie", "-p", demo_copy, "--format", fmt, "-o", out).returncode == 0
        assert out.read_bytes().startswith(b"\xef\xbb\xbfid" + (b";" if fmt == "csv-nl" else b","))
        assert out.read_bytes().count(b"\xef\xbb\xbf") == 1
    for flag in ((), ("--csv-nl",), ()):
        assert sq("export", "-p", demo_copy, "-o", tmp_path / "codings.csv", *flag).returncode == 0
    assert sq("export", "-p", demo_copy, "-o", mine, "--force").returncode == 0
    assert mine.read_text(encoding="utf-8-sig").startswith("id,doc,")


def test_an_export_csv_a_colleague_added_a_column_to_is_not_replaced(demo_copy, tmp_path):
    """A colleague added a 'notitie' column to codings.csv and wrote notes in it; the next `export -o
    codings.csv` replaced it unsaid (only the first columns were compared). Its own attribute columns,
    which change with the project's attributes, are this export's."""
    import csv
    out = tmp_path / "codings.csv"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert any(c.startswith("attr_") for c in rows[0])
    rows[0].append("notitie")
    rows[1].append("Gerda nog bellen over dit citaat")
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = out.read_bytes()
    r = sq("export", "-p", demo_copy, "-o", out)
    assert r.returncode == 1 and out.read_bytes() == before
    assert ("a column was added to it that this export does not write (notitie): it may hold someone's notes; "
            "nothing was written") in r.stderr and "--force" in r.stderr, r.stderr
    assert sq("export", "-p", demo_copy, "-o", out, "--force").returncode == 0
    assert "notitie" not in out.read_text(encoding="utf-8-sig").splitlines()[0]
    # a column the export wrote for an attribute the project no longer has is no one's notes
    assert sq("attribute", "R01", "oud=ja", "-p", demo_copy).returncode == 0
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    assert "attr_oud" in out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert sq("attribute", "R01", "--clear", "oud", "-p", demo_copy).returncode == 0
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    assert "attr_oud" not in out.read_text(encoding="utf-8-sig").splitlines()[0]


def test_an_export_csv_saved_again_by_excel_in_windows_1252_is_still_known_as_this_export(demo_copy, tmp_path):
    """A colleague opened codings.csv in Excel and saved it (Windows-1252, no byte-order mark); the next
    export refused it as "a CSV this program did not write (its first line is not id,doc,theme,code,…)", its
    first line being exactly that: the file was read as UTF-8 as a whole, and an 'ë' further on failed."""
    out = tmp_path / "codings.csv"
    for flag in ((), ("--csv-nl",)):
        assert sq("export", "-p", demo_copy, "-o", out, *flag).returncode == 0
        text = out.read_text(encoding="utf-8-sig")
        assert "ë" in text
        out.write_bytes(text.encode("cp1252", "replace"))
        r = sq("export", "-p", demo_copy, "-o", out, *flag)
        assert r.returncode == 0, r.stderr
        assert out.read_bytes().startswith(b"\xef\xbb\xbfid")


def test_an_export_csv_whose_cells_were_edited_since_it_was_written_is_not_replaced(demo_copy, tmp_path):
    """A colleague saved codings.csv again in Excel with a note in a memo cell ("NB: navragen bij team"); the
    next `export -o codings.csv` said "Wrote …: 742 codings" and the note was gone (only the header was
    compared). The same holds for `quotes -o`; --force replaces it, and a CSV saved again unchanged is written."""
    out, quotes = tmp_path / "codings.csv", tmp_path / "citaten.csv"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    assert sq("quotes", "urgentie", "-p", demo_copy, "-o", quotes).returncode == 0
    for path, again in ((out, ("export", "-p", demo_copy, "-o", out)),
                        (quotes, ("quotes", "urgentie", "-p", demo_copy, "-o", quotes))):
        text = path.read_text(encoding="utf-8-sig")
        edited = text.replace("\n", " NB: navragen bij team\n", 2).replace(" NB: navragen bij team\n", "\n", 1)
        assert edited != text
        path.write_bytes(edited.encode("cp1252", "replace"))  # as Excel saves it again
        before = path.read_bytes()
        r = sq(*again)
        assert r.returncode == 1 and path.read_bytes() == before, r.stderr
        assert "its cells are not those sto-qual last wrote there (an edit in Excel or by hand, or an older copy " \
            "put back)" in r.stderr and "nothing was written" in r.stderr and "--force" in r.stderr, r.stderr
        assert sq(*again, "--force").returncode == 0
        assert "navragen" not in path.read_text(encoding="utf-8-sig")
        assert sq(*again).returncode == 0  # written by sto-qual again: replaced as before
    # Excel's own way of saving a cell again ("FALSE", a date in the Dutch order) is no edit
    text = out.read_text(encoding="utf-8-sig")
    assert ",False," in text and "2023-11-14" in text
    out.write_bytes(text.replace(",False,", ",FALSE,").replace("2023-11-14", "14-11-2023").encode("cp1252", "replace"))
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0


def test_an_edited_csv_another_computer_wrote_is_kept_and_one_as_this_export_writes_it_is_replaced(demo_copy,
                                                                                                 tmp_path, monkeypatch):
    """A CSV a colleague's sto-qual wrote into the team's folder, a memo then edited in Excel: this computer has
    no record of it, and the export wrote over the note ("Wrote …: 742 codings")."""
    out = tmp_path / "gedeeld" / "codings.csv"
    out.parent.mkdir()
    monkeypatch.setenv("STO_QUAL_HOME", str(tmp_path / "elders"))
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    monkeypatch.setenv("STO_QUAL_HOME", str(tmp_path / "hier"))
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0  # as this export writes it: replaced
    monkeypatch.setenv("STO_QUAL_HOME", str(tmp_path / "derde"))
    text = out.read_text(encoding="utf-8-sig")
    out.write_text(text.replace("\n", " NB: bellen\n", 2).replace(" NB: bellen\n", "\n", 1), encoding="utf-8-sig")
    r = sq("export", "-p", demo_copy, "-o", out)
    assert r.returncode == 1 and "sto-qual did not write it from here (another computer, or another sto-qual " \
        "folder), so whether its cells were edited cannot be told, and they are not this export's" in r.stderr, \
        r.stderr
    assert "NB: bellen" in out.read_text(encoding="utf-8-sig")


def test_a_codings_table_says_to_stay_in_the_team_as_the_quote_tables_do(demo_copy, tmp_path):
    """A data steward took codings.csv for the archive's "coded data in an open format": its rows hold the
    interview, the role and attributes such as school_boards=11 beside a quote whose count the pseudonym list
    took out ("namens alle [aantal] besturen"), and only `quotes --format csv` said to keep such a file in."""
    for name in ("c.csv", "c.xlsx"):
        r = sq("export", "-p", demo_copy, "-o", tmp_path / name)
        assert r.returncode == 0 and "note: each row names its interview, its speaker's role and the interview's " \
            "attributes beside the quote and the memo: keep the file within the team" in r.stderr, r.stderr
    assert sq("coder-rename", "onderzoeker-a", "ingrid", "-p", demo_copy).returncode == 0  # "grid" in its line
    r = sq("export", "-p", demo_copy, "-o", tmp_path / "d.xlsx")
    assert "counts of ingrid" in r.stdout and "keep the file within the team" in r.stderr, (r.stdout, r.stderr)
    for args in (("-o", tmp_path / "h.docx"), ("--grid", "-o", tmp_path / "g.xlsx")):
        r = sq("export", "-p", demo_copy, *args)
        assert r.returncode == 0 and "keep the file within the team" not in r.stderr, r.stderr


def test_a_refi_qda_project_or_codebook_another_program_wrote_is_not_replaced(demo_copy, tmp_path):
    """A data manager exported over a .qdpx from ATLAS.ti and a .qdc a colleague's program wrote: both were
    replaced with "Wrote …" alone. One this program wrote is written again; one changed since is kept too."""
    import zipfile
    ours, atlas, changed = tmp_path / "ons.qdpx", tmp_path / "atlas.qdpx", tmp_path / "veranderd.qdpx"
    assert sq("export", "-p", demo_copy, "-o", ours).returncode == 0
    assert sq("export", "-p", demo_copy, "-o", ours).returncode == 0  # its own: written again
    qde = zipfile.ZipFile(ours).read("project.qde").decode("utf-8")
    for path, text in ((atlas, qde.replace('origin="sto_qual', 'origin="ATLAS.ti')), (changed, qde)):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("project.qde", text)
    assert sq("export", "-p", demo_copy, "-o", changed).returncode == 0  # (a copy of ours elsewhere: no record)
    with zipfile.ZipFile(changed, "w") as z:  # changed after this program wrote it
        z.writestr("project.qde", qde.replace("Urgentie", "Urgentie en krimp"))
    _kept_until_forced(("export", "-p", demo_copy), changed)
    before = _digest(atlas)
    r = sq("export", "-p", demo_copy, "-o", atlas)
    assert r.returncode == 1 and "it is a REFI-QDA project another program (ATLAS.ti 0.1.0) wrote; nothing was " \
        "written" in r.stderr, r.stderr  # (which program, as its file says)
    assert _digest(atlas) == before
    qdc = tmp_path / "codeboek.qdc"
    assert sq("codebook-export", "-p", demo_copy, "-o", qdc).returncode == 0
    assert sq("codebook-export", "-p", demo_copy, "-o", qdc).returncode == 0
    qdc.write_text(qdc.read_text(encoding="utf-8").replace('origin="sto_qual', 'origin="MAXQDA'), encoding="utf-8")
    r = sq("codebook-export", "-p", demo_copy, "-o", qdc)
    assert r.returncode == 1 and "it is a REFI-QDA codebook another program (MAXQDA 0.1.0) wrote" in r.stderr
    assert 'origin="MAXQDA' in qdc.read_text(encoding="utf-8")
    assert sq("codebook-export", "-p", demo_copy, "-o", qdc, "--force").returncode == 0


def test_the_roles_file_beside_a_qdpx_a_person_added_a_column_to_is_not_replaced(demo_copy, tmp_path):
    """A data manager kept a notes column in the roles file beside the project's .qdpx; the next export replaced
    it, said only as "(it replaced the file of that name)"."""
    out, roles = tmp_path / "project.qdpx", tmp_path / "project-roles.csv"
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0
    assert sq("export", "-p", demo_copy, "-o", out).returncode == 0  # its own, unchanged: written again
    roles.write_text("file,speaker,role,notitie\r\nR01,Interviewer,interviewer,nagevraagd\r\n", encoding="utf-8")
    before, kept = _digest(out), _digest(roles)
    r = sq("export", "-p", demo_copy, "-o", out)
    assert r.returncode == 1 and "a column was added to it that this export does not write (notitie)" in r.stderr
    assert (_digest(out), _digest(roles)) == (before, kept)  # nothing written, the .qdpx neither
    assert sq("export", "-p", demo_copy, "-o", out, "--force").returncode == 0
    assert "notitie" not in roles.read_text(encoding="utf-8-sig")
