"""Team work: two coders' projects made from the same transcripts, merged."""
import re
from pathlib import Path

from sto_qual.services import Workspace
from sto_qual.services.merge import merge_projects

T = Path(__file__).resolve().parents[2] / "transcripts"


def _copy_of_r01(tmp_path, main="base.db", copy="b.db"):
    """A project of R01 (default coder anna) and a copy of it, the copy open: a coder's laptop."""
    import shutil
    base = Workspace.create(tmp_path / main, default_coder="anna")
    assert base.import_files([T / "R01.txt"]).ok
    base.close()
    shutil.copy(tmp_path / main, tmp_path / copy)
    return Workspace.open(tmp_path / copy)


def _coded_in_both(tmp_path, memo=None):
    """One coding of anna's on R01 (with ``memo``) in base.db and in its copy b.db, both closed."""
    import shutil
    copy = _copy_of_r01(tmp_path)
    doc = copy.document("R01").id
    c = copy.assign_code(doc, "urgentie", unit=copy.units(doc)[27].id, coder="anna", memo=memo)
    copy.close()
    shutil.copy(tmp_path / "b.db", tmp_path / "base.db")
    return c


def _project(path, coder, files, codings):
    ws = Workspace.create(path, default_coder=coder)
    assert ws.import_files([T / f for f in files], attributes=T / "attributes.csv").ok
    for c in codings:
        ws.import_codings(T / "codings" / coder / c)
    return ws


def test_merge_two_coders_projects(tmp_path):
    a = _project(tmp_path / "a.db", "onderzoeker-a", ["R02.txt", "R05.txt", "R09.txt"], ["R02.yaml", "R05.yaml"])
    # b imported in another order and has a document a does not have
    b = _project(tmp_path / "b.db", "onderzoeker-b", ["R05.txt", "R02.txt", "R18.txt"], ["R02.yaml", "R05.yaml", "R18.yaml"])
    b.add_code("urgentie/huisvesting", definition="Gebouwen.")
    doc = b.document("R02").id
    extra = b.assign_code(doc, "urgentie/huisvesting", start=0, end=30, memo="nieuw")
    b.edit_code("urgentie/arbeidsmarkt", definition="Een andere definitie.")
    n_b_arbeidsmarkt = len([c for c in b.codings(code="urgentie/arbeidsmarkt", coder="onderzoeker-b")
                            if c.doc in ("R02", "R05")])
    b.suggest(doc="R02")
    sug = b.suggestions(doc="R02")
    b.reject([sug[0].id])
    b.close()
    before = a.info()["codings"]
    res = merge_projects(a, tmp_path / "b.db")
    added = res["added"]
    assert added["codes"] == 1 and added["coders"] == 1
    b_in_shared = 34 + 33 + 1 - n_b_arbeidsmarkt  # R18 is not in a; arbeidsmarkt conflicts
    assert added["codings"] == b_in_shared
    assert a.info()["codings"] == before + b_in_shared
    assert any("R18" in x for x in res["not_placed"])
    assert any("urgentie/arbeidsmarkt" in x for x in res["not_placed"])
    merged = [c for c in a.codings(coder="onderzoeker-b") if c.code == "urgentie/huisvesting"]
    assert merged[0].memo == "nieuw" and merged[0].text == extra.text
    assert added["suggestion_decisions"] == 1
    # the texts line up: every merged coding's text is what b stored
    for c in a.codings(coder="onderzoeker-b"):
        assert c.text == a.document_text(c.document_id)[c.start:c.end]
    # twice adds nothing
    again = merge_projects(a, tmp_path / "b.db")
    assert sum(again["added"].values()) == 0
    assert a.info()["codings"] == before + b_in_shared
    # and agreement now has two coders to compare
    ag = a.agreement("onderzoeker-a", "onderzoeker-b")
    assert sorted(ag["overall"]["documents"]) == ["R02", "R05"]
    a.close()


def test_a_memo_or_star_on_the_same_coding_in_the_other_copy_is_kept(tmp_path):
    """The same coding (document, code, coder, span) in both copies: the memo and the star the
    other copy gave it were dropped, so the result depended on which file was merged into which."""
    import shutil
    base = Workspace.create(tmp_path / "base.db", default_coder="anna")
    assert base.import_files([T / "R01.txt"]).ok
    doc = base.document("R01").id
    units = base.units(doc)
    base.close()
    for name in ("a.db", "t.db"):
        shutil.copy(tmp_path / "base.db", tmp_path / name)
    a, t = Workspace.open(tmp_path / "a.db"), Workspace.open(tmp_path / "t.db")
    plain = a.assign_code(doc, "urgentie", unit=units[27].id)
    t.assign_code(doc, "urgentie", unit=units[27].id, memo="eiland: alles draait om PIE", starred=True)
    a.assign_code(doc, "urgentie/krimp-leerlingaantallen", unit=units[30].id, memo="hier")
    t.assign_code(doc, "urgentie/krimp-leerlingaantallen", unit=units[30].id, memo="daar")
    t.close()
    res = merge_projects(a, tmp_path / "t.db")
    assert res["added"]["codings"] == 0 and res["added"]["memos_and_stars"] == 1
    assert any("got a memo written in t.db (none here before)" in k and f"`sto-qual memo {plain.id} --clear`" in k
               for k in res["brought"]), res["brought"]
    merged = a.coding(plain.id)
    assert merged.memo == "eiland: alles draait om PIE" and merged.starred
    assert len(a.codings()) == 2  # still one coding per span
    # two different memos on one coding: this project's stays, and the merge says so
    assert [c.memo for c in a.codings() if c.code.endswith("krimp-leerlingaantallen")] == ["hier"]
    assert len(res["kept"]) == 1 and "memo differs in t.db" in res["kept"][0]
    assert merge_projects(a, tmp_path / "t.db")["added"]["memos_and_stars"] == 0  # twice changes nothing more
    a.close()


def test_a_code_renamed_in_one_copy_is_said_with_the_command_that_follows_it(tmp_path):
    """A code renamed in one copy came back as a second code with the same label, silently."""
    b = _copy_of_r01(tmp_path)
    b.rename_code("collectief-optrekken/gedeelde-plek", "techlab")
    b.close()
    a = Workspace.open(tmp_path / "base.db")
    res = merge_projects(a, tmp_path / "b.db")
    # not added beside it (under its new name it took the name the suggested code-rename needs)
    assert res["added"]["codes"] == 0 and "collectief-optrekken/techlab" not in {c.path for c in a.codebook()}
    # the copy's own record says what happened there, and the command that follows it here
    assert len(res["kept"]) == 1 and "was renamed to 'collectief-optrekken/techlab' in b.db" in res["kept"][0]
    assert "`sto-qual code-rename collectief-optrekken/gedeelde-plek techlab` follows it here" in res["kept"][0]
    a.close()


def test_a_label_changed_in_a_copy_and_a_code_nearly_named_as_one_here_are_said(tmp_path):
    """A lead merged bram's copy, where he had relabelled a code, and his label was gone unsaid
    ("kept": []); and two coders' own codes for one thing came in side by side, unsaid."""
    b = _copy_of_r01(tmp_path)
    b.edit_code("urgentie/docententekort", label="Tekort aan docenten")
    b.add_code("collectief-optrekken/schoolleiders")
    b.close()
    a = Workspace.open(tmp_path / "base.db")
    a.add_code("collectief-optrekken/schoolleider")
    res = merge_projects(a, tmp_path / "b.db")
    assert sorted(res["kept"]) == [
        "code 'collectief-optrekken/schoolleiders' was added beside 'collectief-optrekken/schoolleider', whose name "
        "is nearly the same (one code under two names?); if they are one code: `sto-qual code-merge "
        "collectief-optrekken/schoolleiders collectief-optrekken/schoolleider`",
        "code 'urgentie/docententekort' is labelled 'Tekort aan docenten' in b.db and 'Docententekort' here; this "
        "project keeps its label (`sto-qual code-edit urgentie/docententekort --label 'Tekort aan docenten'` gives "
        "it the copy's)"], res["kept"]
    a.close()


def _two_copies_under_the_default_name(tmp_path, b_memo=None):
    """main.db with R01 and R02, and its copies a.db and b.db, each coded once in R01 by the
    default coder (a with the memo "van a"); returns R01's units."""
    import shutil
    main = Workspace.create(tmp_path / "main.db")  # default coder for every copy
    assert main.import_files([T / "R01.txt", T / "R02.txt"]).ok
    main.close()
    for name in ("a", "b"):
        shutil.copy(tmp_path / "main.db", tmp_path / f"{name}.db")
    a, b = Workspace.open(tmp_path / "a.db"), Workspace.open(tmp_path / "b.db")
    units = a.units("R01")
    a.assign_code("R01", "urgentie", unit=units[5].id, memo="van a")
    b.assign_code("R01", "urgentie", unit=units[9].id, memo=b_memo)
    a.close(), b.close()
    return units


def test_two_people_under_one_default_name_are_named_and_an_updated_copy_is_not(tmp_path):
    """Both coders kept the default name: the merge folds them into one coder, and now says so.
    A coder's later copy that holds all her codings and more is no such case."""
    import shutil
    units = _two_copies_under_the_default_name(tmp_path)
    ws = Workspace.open(tmp_path / "main.db")
    first = merge_projects(ws, tmp_path / "a.db")
    assert first["added"]["memos_on_codings"] == 1 and not first["kept"]
    second = merge_projects(ws, tmp_path / "b.db")
    said = [k for k in second["kept"] if "each hold codings under that name" in k]
    assert len(said) == 1 and "coder 'onderzoeker': in 1 interview" in said[0], second["kept"]
    again = merge_projects(ws, tmp_path / "b.db")
    assert not [k for k in again["kept"] if "each hold" in k]  # b merged twice: nothing new, nothing said
    ws.close()
    shutil.copy(tmp_path / "a.db", tmp_path / "a-before.db")
    fresh = Workspace.create(tmp_path / "fresh.db")
    assert fresh.import_files([T / "R01.txt", T / "R02.txt"]).ok
    merge_projects(fresh, tmp_path / "a-before.db")
    a = Workspace.open(tmp_path / "a.db")  # the same coder codes more and hands in again: one person
    a.assign_code("R01", "urgentie", unit=units[12].id)
    a.close()
    later = merge_projects(fresh, tmp_path / "a.db")
    assert later["added"]["codings"] == 1 and not [k for k in later["kept"] if "each hold" in k], later["kept"]
    fresh.close()


def test_the_way_the_merge_names_for_two_people_under_one_name_tells_them_apart(tmp_path):
    """The merge said "give each their own (STO_QUAL_CODER or --coder) and merge again", which
    changed nothing (the copy's codings keep the name they were made under). It names the backup
    and `coder-rename` in the copy; done as said, the two people are two coders, the second's
    codings, memo and view choices under her own name."""
    from cli_runner import sq
    _two_copies_under_the_default_name(tmp_path, b_memo="van b")
    b = Workspace.open(tmp_path / "b.db")
    b.session.keep_view_choice("onderzoeker", "hide_others", True)
    b.close()
    assert sq("merge", "-p", tmp_path / "main.db", tmp_path / "a.db").returncode == 0
    merged = sq("merge", "-p", tmp_path / "main.db", tmp_path / "b.db")
    line = next(x for x in merged.stderr.splitlines() if "each hold codings under that name" in x)
    assert "restore the backup made before this merge" in line, line
    assert f"`sto-qual coder-rename onderzoeker NEW --project {tmp_path / 'b.db'}`" in line, line
    backup = next(x for x in merged.stdout.splitlines() if x.startswith("backup before the merge: ")).split(": ", 1)[1]
    assert sq("restore", "-p", tmp_path / "main.db", backup, "--yes").returncode == 0
    renamed = sq("coder-rename", "onderzoeker", "bram", "-p", tmp_path / "b.db")
    assert renamed.returncode == 0 and renamed.stdout.strip() == "renamed coder onderzoeker to bram", renamed.stderr
    assert sq("merge", "-p", tmp_path / "main.db", tmp_path / "b.db").returncode == 0
    ws = Workspace.open(tmp_path / "main.db")
    by = {(c.coder, c.memo) for c in ws.codings()}
    assert by == {("onderzoeker", "van a"), ("bram", "van b")}, by
    ws.close()
    b = Workspace.open(tmp_path / "b.db")
    assert b.session.view_choice("bram", "hide_others") is True and b.session.view_choice("onderzoeker", "hide_others") is None
    b.close()
    # refused: a name another coder has (two people's work is not joined so), an unknown coder
    for args, said in ((("bram", "onderzoeker"), "a coder 'onderzoeker' is in this project already"),
                       (("niemand", "x"), "no coder 'niemand' in this project")):
        r = sq("coder-rename", *args, "-p", tmp_path / "main.db")
        assert r.returncode == 1 and said in r.stderr, r.stderr


def test_a_project_with_no_document_of_this_one_is_refused(tmp_path):
    import pytest

    from sto_qual.domain.errors import ProjectError
    main = Workspace.create(tmp_path / "main.db")
    assert main.import_files([T / "R01.txt"]).ok
    other = Workspace.create(tmp_path / "other.db")
    assert other.import_files([T / "R05.txt"]).ok
    other.assign_code("R05", "urgentie", unit=other.units("R05")[3].id)
    other.close()
    with pytest.raises(ProjectError, match="its document is not in this project"):
        merge_projects(main, tmp_path / "other.db")
    assert main.info()["codings"] == 0 and [c["name"] for c in main.coders()] == []
    assert not list(tmp_path.glob("main.pre-merge-*.db"))  # refused before its backup
    main.close()


def test_a_merge_never_takes_back_what_this_project_decided_and_follows_the_coders_own_changes(tmp_path):
    """A coder's copy merged, then the team lead removed one of her codings and resized
    another: merging the same copy again brought the removed one back and added the old span
    beside the resized one. Then she resized a coding in her copy: the old and new span were
    both kept here, the words counted twice."""
    import shutil
    import time
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt", T / "R02.txt"]).ok
    lead = main.assign_code("R01", "urgentie", unit=main.units("R01")[3].id)  # the lead's, before the copy
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "anna.db")
    anna = Workspace.open(tmp_path / "anna.db")
    u = anna.units("R01")
    gone = anna.assign_code("R01", "urgentie/arbeidsmarkt", unit=u[20].id, coder="anna")
    cut = anna.assign_code("R01", "urgentie/arbeidsmarkt", start=u[24].start, end=u[26].end, coder="anna")
    later = anna.assign_code("R02", "urgentie", unit=anna.units("R02")[10].id, coder="anna")
    dropped = anna.assign_code("R02", "urgentie", unit=anna.units("R02")[14].id, coder="anna")
    anna.close()
    ws = Workspace.open(tmp_path / "main.db")
    first = merge_projects(ws, tmp_path / "anna.db")
    assert first["added"]["codings"] == 4 and first["backup"] and Path(first["backup"]).exists()
    by_span = {(c.doc, c.start, c.end): c.id for c in ws.codings(coder="anna")}
    ws.remove_coding(by_span[("R01", gone.start, gone.end)], coder="anna")
    ws.resize_coding(by_span[("R01", cut.start, cut.end)], start=u[24].start, end=u[25].end, coder="anna")
    ws.remove_coding(lead.id)  # and one of the lead's own, which the copy still holds
    again = merge_projects(ws, tmp_path / "anna.db")
    assert again["added"]["codings"] == 0 and again["backup"] is None  # nothing came in: no backup made
    assert {(r["doc"], r["start"], r["end"]) for r in again["not_brought_back"]} == {
        ("R01", gone.start, gone.end), ("R01", cut.start, cut.end), ("R01", lead.start, lead.end)}
    assert any("3 codings of anna.db not brought back" in k for k in again["kept"]), again["kept"]
    assert not [k for k in again["kept"] if "each hold" in k]  # no talk of two people under one name
    spans = sorted((c.doc, c.start, c.end) for c in ws.codings(coder="anna"))
    assert spans == sorted([("R01", u[24].start, u[25].end), ("R02", later.start, later.end),
                            ("R02", dropped.start, dropped.end)])
    assert not ws.codings(coder="onderzoeker-a")
    ws.close()
    time.sleep(0.01)  # her changes come after this project made the codings
    anna = Workspace.open(tmp_path / "anna.db")
    r2 = anna.units("R02")
    anna.resize_coding(later.id, start=r2[10].start, end=r2[11].end, coder="anna")
    anna.remove_coding(dropped.id, coder="anna")
    anna.close()
    ws = Workspace.open(tmp_path / "main.db")
    third = merge_projects(ws, tmp_path / "anna.db")
    assert third["added"]["codings"] == 0 and len(third["resized"]) == 1
    r02 = sorted((c.start, c.end) for c in ws.codings(doc="R02", coder="anna"))
    assert r02 == sorted([(r2[10].start, r2[11].end), (dropped.start, dropped.end)])  # resized; the removed one kept
    assert any("was removed in anna.db; this project keeps it (`sto-qual uncode --id" in k for k in third["kept"])
    assert any("was resized in anna.db" in k for k in third["kept"])
    assert not [k for k in third["kept"] if "each hold" in k]
    assert merge_projects(ws, tmp_path / "anna.db")["resized"] == []  # once
    ws.close()


def test_the_merge_command_exits_1_when_codings_were_not_placed_and_names_its_backup(tmp_path):
    """A code with another definition in the copy: its codings were not placed, said on
    stderr, and the exit code was 0, so a script (or a quick look) took the merge as whole."""
    from tests_support import invoke_cli
    bram = _copy_of_r01(tmp_path, "main.db", "bram.db")
    bram.edit_code("urgentie/arbeidsmarkt", definition="Een andere definitie.")
    bram.assign_code("R01", "urgentie/arbeidsmarkt", unit=bram.units("R01")[20].id, coder="bram")
    bram.assign_code("R01", "urgentie", unit=bram.units("R01")[22].id, coder="bram")
    bram.close()
    res = invoke_cli(["merge", "--project", str(tmp_path / "main.db"), str(tmp_path / "bram.db")])
    assert res.exit_code == 1, res.output
    assert re.search(r"^added coders +1$", res.stdout, re.M)  # bram, with his one placed coding
    assert re.search(r"^added codings +1$", res.stdout, re.M)
    # the counts in one column (a label longer than the others' pushed its own count out)
    counts = [line for line in res.stdout.splitlines() if line.startswith(("added ", "resized ", "left as here"))]
    assert len({len(line.rsplit(" ", 1)[0]) for line in counts}) == 1, counts
    assert "not placed: code 'urgentie/arbeidsmarkt' has a different definition there" in res.stderr
    backup = next(line for line in res.stdout.splitlines() if line.startswith("backup before the merge: "))
    assert Path(backup.split(": ", 1)[1]).exists()


def test_codings_added_under_the_reference_coder_are_named(tmp_path):
    """A coder who forgot --coder in her copy coded as the project's default, the reference
    coder: the merge changed the report's counts and said nothing."""
    import shutil
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt"]).ok
    main.assign_code("R01", "urgentie", unit=main.units("R01")[3].id)
    main.set_reference_coder("onderzoeker-a")
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "copy.db")
    copy = Workspace.open(tmp_path / "copy.db")
    made = copy.assign_code("R01", "urgentie/arbeidsmarkt", unit=copy.units("R01")[20].id)  # no coder given
    copy.assign_code("R01", "urgentie", unit=copy.units("R01")[22].id, coder="anna")
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    res = merge_projects(ws, tmp_path / "copy.db")
    said = [k for k in res["kept"] if "under the reference coder onderzoeker-a" in k]
    here = next(c.id for c in ws.codings(coder="onderzoeker-a") if (c.start, c.end) == (made.start, made.end))
    assert res["added"]["codings"] == 2 and len(said) == 1 and f"(#{here})" in said[0], res["kept"]
    assert "1 coding added" in said[0]
    ws.close()


def test_a_coding_this_project_took_back_stays_so_when_the_copy_resized_it_too(tmp_path):
    """The lead removed one of anna's codings and resized another in main; anna, in her old
    copy, resized both. The merge brought the removed one back (as its new span) and doubled
    the resized one, silently."""
    import shutil
    import time
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt"]).ok
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "anna.db")
    anna = Workspace.open(tmp_path / "anna.db")
    u = anna.units("R01")
    gone = anna.assign_code("R01", "urgentie/arbeidsmarkt", start=u[20].start, end=u[21].end, coder="anna")
    cut = anna.assign_code("R01", "urgentie/docententekort", start=u[24].start, end=u[26].end, coder="anna")
    anna.close()
    ws = Workspace.open(tmp_path / "main.db")
    assert merge_projects(ws, tmp_path / "anna.db")["added"]["codings"] == 2
    here = {c.code: c.id for c in ws.codings(coder="anna")}
    ws.remove_coding(here["urgentie/arbeidsmarkt"], coder="anna")
    ws.resize_coding(here["urgentie/docententekort"], start=u[24].start, end=u[25].end, coder="anna")
    ws.close()
    time.sleep(0.01)
    anna = Workspace.open(tmp_path / "anna.db")
    anna.resize_coding(gone.id, start=u[20].start, end=u[20].end, coder="anna")
    anna.resize_coding(cut.id, start=u[24].start, end=u[27].end, coder="anna")
    anna.close()
    ws = Workspace.open(tmp_path / "main.db")
    res = merge_projects(ws, tmp_path / "anna.db")
    assert res["added"]["codings"] == 0 and res["added_ids"] == [] and len(res["not_brought_back"]) == 2
    assert sorted((c.code, c.start, c.end) for c in ws.codings(coder="anna")) == [
        ("urgentie/docententekort", u[24].start, u[25].end)]  # this project's decisions stand
    assert not [k for k in res["kept"] if "each hold" in k], res["kept"]  # one person, not two
    ws.close()


def test_a_code_defined_otherwise_counts_only_the_codings_not_here(tmp_path):
    """A definition sharpened in main: merging an unchanged copy said '65 codings not placed'
    and exited 1, though every one of them was here; with one new coding it said 22."""
    import shutil
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt"]).ok
    for i in (3, 5, 7):
        main.assign_code("R01", "urgentie/arbeidsmarkt", unit=main.units("R01")[i].id)
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "bram.db")
    ws = Workspace.open(tmp_path / "main.db")
    ws.edit_code("urgentie/arbeidsmarkt", definition="Scherper omschreven.")
    res = merge_projects(ws, tmp_path / "bram.db")
    assert res["not_placed"] == [] and any("its codings there are all here already" in k for k in res["kept"])
    bram = Workspace.open(tmp_path / "bram.db")
    bram.assign_code("R01", "urgentie/arbeidsmarkt", unit=bram.units("R01")[9].id, coder="bram")
    bram.close()
    res = merge_projects(ws, tmp_path / "bram.db")
    assert len(res["not_placed"]) == 1 and "(1 coding not placed: bram: R01)" in res["not_placed"][0], res
    assert res["added"]["coders"] == 0 and "bram" not in {c["name"] for c in ws.coders()}  # nothing of his placed
    ws.close()


def _main_and_copy_with_one_coding(tmp_path, code: str = "urgentie"):
    """main.db with one coding of ``code`` in R01 (sentences 10-12), and copy.db made of it:
    (units, coding)."""
    import shutil
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt"]).ok
    u = main.units("R01")
    c = main.assign_code("R01", code, start=u[10].start, end=u[12].end)
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "copy.db")
    return u, c


def test_a_coders_second_resize_there_is_followed_too(tmp_path):
    """The first resize in a coder's copy was followed; a second one of the same coding was
    taken for this project's own change: not brought back, and 'removed in the copy' said of
    a coding the coder still has."""
    import time
    u, c = _main_and_copy_with_one_coding(tmp_path)
    spans = [(u[10].start, u[13].end), (u[10].start, u[11].end)]
    for s, e in spans:
        time.sleep(0.01)
        copy = Workspace.open(tmp_path / "copy.db")
        copy.resize_coding(c.id, start=s, end=e)
        copy.close()
        ws = Workspace.open(tmp_path / "main.db")
        res = merge_projects(ws, tmp_path / "copy.db")
        assert res["resized"] == [c.id] and not res["not_brought_back"], res
        assert not [k for k in res["kept"] if "was removed in" in k], res["kept"]
        assert [(x.start, x.end) for x in ws.codings()] == [(s, e)]
        ws.close()


def _resize_in_copy_and_merge(tmp_path, c, start, end):
    """The coder resizes ``c`` in copy.db, a while after the copy was made, and it is merged
    into main.db, which follows it; returns main.db, open."""
    import time
    time.sleep(0.01)
    copy = Workspace.open(tmp_path / "copy.db")
    copy.resize_coding(c.id, start=start, end=end)
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    assert merge_projects(ws, tmp_path / "copy.db")["resized"] == [c.id]
    return ws


def test_a_resize_this_project_followed_is_the_copys_not_this_projects(tmp_path):
    """After a merge followed a coder's resize, the old span's record here was taken for this
    project's own decision: a new coding she made over it later was not brought in."""
    import time
    u, c = _main_and_copy_with_one_coding(tmp_path)
    _resize_in_copy_and_merge(tmp_path, c, u[10].start, u[11].end).close()
    time.sleep(0.01)
    copy = Workspace.open(tmp_path / "copy.db")
    new = copy.assign_code("R01", "urgentie", start=u[12].start, end=u[12].end)  # within the old span only
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    res = merge_projects(ws, tmp_path / "copy.db")
    assert res["added"]["codings"] == 1 and not res["not_brought_back"], res
    assert sorted((x.start, x.end) for x in ws.codings()) == [(u[10].start, u[11].end), (new.start, new.end)]
    ws.close()


def test_a_copy_of_a_copy_merged_after_the_newer_one_doubles_nothing(tmp_path):
    """A coder copied her copy, then resized a coding in the first; merging the first and then
    the older copy of it added the old span beside the new one (counted twice)."""
    import shutil
    import time
    u, c = _main_and_copy_with_one_coding(tmp_path)
    copy = Workspace.open(tmp_path / "copy.db")
    mine = copy.assign_code("R01", "urgentie/arbeidsmarkt", start=u[20].start, end=u[21].end, coder="anna")
    shrunk = copy.assign_code("R01", "urgentie/docententekort", start=u[24].start, end=u[26].end, coder="anna")
    copy.close()
    shutil.copy(tmp_path / "copy.db", tmp_path / "older.db")  # the copy of the copy
    time.sleep(0.01)
    copy = Workspace.open(tmp_path / "copy.db")
    copy.resize_coding(mine.id, start=u[19].start, end=u[21].end, coder="anna")      # widened
    copy.resize_coding(shrunk.id, start=u[24].start, end=u[25].end, coder="anna")    # shrunk
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    assert merge_projects(ws, tmp_path / "copy.db")["added"]["codings"] == 2
    res = merge_projects(ws, tmp_path / "older.db")
    assert res["added"]["codings"] == 0, res
    spans = sorted((x.code, x.start, x.end) for x in ws.codings(coder="anna"))
    assert spans == sorted([("urgentie/arbeidsmarkt", u[19].start, u[21].end),
                            ("urgentie/docententekort", u[24].start, u[25].end)])
    ws.close()


def test_a_resize_there_onto_a_span_this_project_changed_is_not_called_a_removal(tmp_path):
    """The lead resized a coding back after a merge had followed the coder's resize; merging
    her copy again said 'was removed in the copy' with an uncode that would have deleted it."""
    u, c = _main_and_copy_with_one_coding(tmp_path)
    ws = _resize_in_copy_and_merge(tmp_path, c, u[10].start, u[13].end)
    ws.resize_coding(c.id, start=u[10].start, end=u[12].end)  # the lead's own decision: back
    res = merge_projects(ws, tmp_path / "copy.db")
    assert [(x.start, x.end) for x in ws.codings()] == [(u[10].start, u[12].end)]
    assert not [k for k in res["kept"] if "was removed in" in k or "uncode" in k], res["kept"]
    assert any(f"coding #{c.id}" in k and "was resized in copy.db" in k and "keeps its own span" in k
               for k in res["kept"]), res["kept"]
    ws.close()


def test_a_code_renamed_merged_or_deleted_here_does_not_come_back_from_an_old_copy(tmp_path):
    """After a code-merge in main, an unchanged old copy brought the merged code back with all
    its codings; after a rename it doubled the code and its codings."""
    import shutil
    main = Workspace.create(tmp_path / "main.db", default_coder="onderzoeker-a")
    assert main.import_files([T / "R01.txt"]).ok
    u = main.units("R01")
    for i, code in ((3, "urgentie/krimp-leerlingaantallen"), (5, "urgentie/docententekort"), (7, "urgentie/arbeidsmarkt")):
        main.assign_code("R01", code, unit=u[i].id)
    main.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "old.db")
    ws = Workspace.open(tmp_path / "main.db")
    ws.merge_codes("urgentie/krimp-leerlingaantallen", "urgentie/behoud-techniekaanbod")
    ws.rename_code("urgentie/docententekort", "lerarentekort")
    ws.delete_code("urgentie/arbeidsmarkt", force=True)
    before = sorted((c.code, c.start, c.end) for c in ws.codings())
    res = merge_projects(ws, tmp_path / "old.db")
    assert res["added"]["codes"] == 0 and res["added"]["codings"] == 0, res
    assert sorted((c.code, c.start, c.end) for c in ws.codings()) == before
    paths = {c.path for c in ws.codebook()}
    assert not {"urgentie/krimp-leerlingaantallen", "urgentie/docententekort", "urgentie/arbeidsmarkt"} & paths
    said = " | ".join(res["kept"])
    assert "is 'urgentie/lerarentekort' here" in said and "'urgentie/arbeidsmarkt' was deleted in this project" in said
    assert "each hold" not in said
    ws.close()


def _copy_after(tmp_path, *marks):
    """main.db with one coding, ``marks`` (``(star, memo)`` steps, None leaves one alone) made on
    it, and copy.db made after them; returns (coding, the main project open)."""
    _u, c = _main_and_copy_with_one_coding(tmp_path)
    ws = Workspace.open(tmp_path / "main.db")
    for star, memo in marks:
        if star is not None:
            ws.star(c.id, star)
        if memo is not None:
            ws.set_memo(c.id, memo or None)
    ws.close()
    import shutil
    shutil.copy(tmp_path / "main.db", tmp_path / "copy.db")
    return c, Workspace.open(tmp_path / "main.db")


def test_a_memo_or_star_taken_off_here_is_not_put_back_by_an_old_copy(tmp_path):
    """The lead unstarred a quote and cleared a memo; merging a copy made before put both back
    (starred quotes feed the report)."""
    c, ws = _copy_after(tmp_path, (True, "eerst"))  # the copy has both
    ws.star(c.id, False)
    ws.set_memo(c.id, None)
    res = merge_projects(ws, tmp_path / "copy.db")
    assert res["added"]["memos_and_stars"] == 0 and not ws.coding(c.id).starred and not ws.coding(c.id).memo
    ws.close()


def test_a_star_or_memo_taken_off_in_the_copy_is_said_with_the_command_that_follows_it(tmp_path):
    """The second coder unstarred a quote and cleared a memo in her copy; the lead's project
    kept both without a word, so she thought her decision had come across (merge adds)."""
    c, ws = _copy_after(tmp_path, (True, "sterk citaat"))  # the copy has both
    ws.close()
    copy = Workspace.open(tmp_path / "copy.db")
    copy.star(c.id, False)
    copy.set_memo(c.id, None)
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    res = merge_projects(ws, tmp_path / "copy.db")
    assert ws.coding(c.id).starred and ws.coding(c.id).memo == "sterk citaat"  # merge adds: kept here
    said = [k for k in res["kept"] if f"coding #{c.id} " in k]
    assert any("unstarred in copy.db" in k and f"sto-qual star {c.id} --off" in k for k in said), said
    assert any("memo was cleared in copy.db" in k and f"sto-qual memo {c.id} --clear" in k for k in said), said
    ws.close()


def test_a_star_set_here_again_after_the_copy_took_it_off_is_not_reported(tmp_path):
    """The lead took a star off and set it again after making the copy: the copy's old
    unstar (from before it was made) is no decision of its coder."""
    c, ws = _copy_after(tmp_path, (True, None), (False, None))  # unstarred in the copy, by the lead
    ws.star(c.id, True)
    res = merge_projects(ws, tmp_path / "copy.db")
    assert ws.coding(c.id).starred and not [k for k in res["kept"] if "unstarred" in k], res["kept"]
    ws.close()


def test_a_code_merged_or_renamed_in_the_copy_is_said_with_the_command_that_follows_it(tmp_path):
    """The coder merged two codes in her copy: the merge added her codings under the target
    beside this project's under the source, and said nothing of the code merge."""
    u, c = _main_and_copy_with_one_coding(tmp_path)
    copy = Workspace.open(tmp_path / "copy.db")
    copy.merge_codes("urgentie/krimp-leerlingaantallen", "urgentie/behoud-techniekaanbod")
    copy.rename_code("urgentie/docententekort", "lerarentekort")
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    said = " | ".join(merge_projects(ws, tmp_path / "copy.db")["kept"])
    assert ("code 'urgentie/krimp-leerlingaantallen' was merged into 'urgentie/behoud-techniekaanbod' in copy.db; "
            "this project keeps it (`sto-qual code-merge urgentie/krimp-leerlingaantallen "
            "urgentie/behoud-techniekaanbod` follows it here)") in said, said
    assert "`sto-qual code-rename urgentie/docententekort lerarentekort` follows it here" in said
    assert "urgentie/krimp-leerlingaantallen" in {x.path for x in ws.codebook()}  # not followed: merge adds
    ws.close()


def _merged_after(tmp_path, change, code: str, unit):
    """In copy.db: ``change(copy)``, then a new coding of ``code`` on sentence ``unit``; then main.db
    merges it: (main's workspace, the merge's result, that new coding)."""
    copy = Workspace.open(tmp_path / "copy.db")
    change(copy)
    new = copy.assign_code("R01", code, start=unit.start, end=unit.end)
    copy.close()
    ws = Workspace.open(tmp_path / "main.db")
    return ws, merge_projects(ws, tmp_path / "copy.db"), new


def test_a_code_merged_in_the_copy_does_not_bring_its_codings_twice(tmp_path):
    """The coder merged a code into another in her copy: the codings she had under it came back
    under the target beside the same codings here under the code itself, every one twice."""
    u, held = _main_and_copy_with_one_coding(tmp_path, "urgentie/krimp-leerlingaantallen")
    ws, res, new = _merged_after(
        tmp_path, lambda copy: copy.merge_codes("urgentie/krimp-leerlingaantallen", "urgentie/behoud-techniekaanbod"),
        "urgentie/behoud-techniekaanbod", u[30])
    target = sorted((k.start, k.end) for k in ws.codings(code="urgentie/behoud-techniekaanbod", include_subcodes=False))
    assert target == [(new.start, new.end)], target  # her new coding, not a second copy of the merged one
    assert [(k.start, k.end) for k in ws.codings(code="urgentie/krimp-leerlingaantallen")] == [(held.start, held.end)]
    assert res["added"]["codings"] == 1, res["added"]
    ws.close()


def test_a_code_renamed_in_the_copy_brings_its_codings_under_the_code_here_not_twice(tmp_path):
    """The coder renamed a code in her copy: the merge added the new name as a code beside the
    old one with a second copy of every coding she had under it, and the code-rename it then
    suggested was refused ("a code … already exists"). Her codings are the code's here, a new one
    made there under the new name too, and the suggested command follows the rename."""
    from cli_runner import sq
    u, c = _main_and_copy_with_one_coding(tmp_path)
    ws, res, new = _merged_after(tmp_path, lambda copy: copy.rename_code("urgentie", "noodzaak"), "noodzaak", u[20])
    assert res["added"]["codes"] == 0 and res["added"]["codings"] == 1, res["added"]
    assert "noodzaak" not in {x.path for x in ws.codebook()}
    here = sorted((k.start, k.end) for k in ws.codings(code="urgentie", include_subcodes=False))
    assert here == [(c.start, c.end), (new.start, new.end)], here
    said = " | ".join(res["kept"])
    assert ("code 'urgentie' was renamed to 'noodzaak' in copy.db; this project keeps it and places the copy's "
            "codings of it under it (`sto-qual code-rename urgentie noodzaak` follows it here)") in said, said
    assert "each hold codings under that name" not in said, said
    ws.close()
    r = sq("code-rename", "urgentie", "noodzaak", "--project", tmp_path / "main.db")
    assert r.returncode == 0, r.stderr


def test_a_coding_the_copy_numbered_as_one_here_is_mapped_and_said(tmp_path):
    """Both copies numbered their new codings from the same id on: her #2 became #3 here and
    nothing said so, so "unstar #2" from her changed another coding."""
    from cli_runner import sq
    u, _c = _main_and_copy_with_one_coding(tmp_path)
    ws = Workspace.open(tmp_path / "main.db")
    mine = ws.assign_code("R01", "urgentie", start=u[20].start, end=u[20].end)
    ws.close()
    copy = Workspace.open(tmp_path / "copy.db")
    theirs = copy.assign_code("R01", "urgentie", start=u[30].start, end=u[30].end, coder="sanne", starred=True)
    copy.close()
    assert theirs.id == mine.id  # the same number, two codings
    r = sq("merge", "--project", tmp_path / "main.db", tmp_path / "copy.db")
    assert r.returncode == 0, r.stderr
    ws = Workspace.open(tmp_path / "main.db")
    new = next(c for c in ws.codings() if c.coder == "sanne")
    assert new.id != theirs.id
    assert f"#{theirs.id} → #{new.id}" in r.stderr and "an id from the copy names another coding" in r.stderr
    assert re.search(r"added stars on new codings +1", r.stdout), r.stdout  # her star came with it: counted
    ws.close()


def test_the_merge_commands_suggested_commands_carry_the_project(tmp_path):
    """Run with --project, merge printed `sto-qual star 2 --off`; run as printed from another
    folder it acted on no project (then a note said to add --project: the README says a
    suggested command runs as printed). Each one now carries the project given."""
    from cli_runner import sq
    c, ws = _copy_after(tmp_path, (True, None))
    ws.close()
    copy = Workspace.open(tmp_path / "copy.db")
    copy.star(c.id, False)
    copy.close()
    import json
    import shutil
    shutil.copy(tmp_path / "main.db", tmp_path / "main2.db")
    r = sq("merge", "--project", tmp_path / "main.db", tmp_path / "copy.db")
    assert f"`sto-qual star {c.id} --off --project {tmp_path / 'main.db'}`" in r.stderr, r.stderr
    assert "note: give the commands above" not in r.stderr
    as_json = json.loads(sq("merge", "--project", tmp_path / "main2.db", tmp_path / "copy.db",
                            "--format", "json").stdout)
    assert any(f"`sto-qual star {c.id} --off --project {tmp_path / 'main2.db'}`" in k for k in as_json["kept"]), as_json


def test_a_coder_renamed_here_since_the_copy_was_made_keeps_her_codings_under_her_new_name(tmp_path):
    """`coder-rename anna anneke`, then a merge of a copy made before it: a coder 'anna' came back
    beside 'anneke' holding the same codings, unsaid."""
    from cli_runner import sq
    _two_copies_under_the_default_name(tmp_path)
    import shutil
    old = tmp_path / "a-old.db"  # a copy of her project from before the rename
    shutil.copy(tmp_path / "a.db", old)
    assert sq("coder-rename", "onderzoeker", "anneke", "-p", tmp_path / "a.db").returncode == 0
    ws = Workspace.open(tmp_path / "a.db")
    before = len(ws.codings())
    res = merge_projects(ws, old)
    assert [c["name"] for c in ws.coders()] == ["anneke"]
    assert any("coder 'onderzoeker' of a-old.db is 'anneke' here (renamed since)" in k for k in res["kept"]), res["kept"]
    assert len(ws.codings()) == before + res["added"]["codings"] and res["added"]["coders"] == 0
    # the old name given to someone new since: the copy's codings are still anneke's, not the newcomer's
    units = ws.units("R01")
    ws.session.new_coder_asked("onderzoeker")  # (`code --new-coder`: her former name is refused otherwise)
    ws.assign_code("R01", "urgentie", unit=units[30].id, coder="onderzoeker")
    again = merge_projects(ws, old)
    assert again["added"]["codings"] == 0, again
    theirs = {c.coder for c in ws.codings()}
    assert theirs == {"anneke", "onderzoeker"} and len([c for c in ws.codings() if c.coder == "onderzoeker"]) == 1
    ws.close()


def test_a_memo_rewritten_in_a_copy_is_brought_and_a_colleagues_joins_the_one_here(tmp_path):
    """A lead merging two coders' copies: bram's edit of his own coding memo stayed the old text
    ("its memo differs; this project's memo is kept"), his rewritten document memo was added as a
    second memo of his beside the first, cas's note on the lead's coding was nowhere to be read,
    her second version of it was added after her first, the lead's own later memo was said to
    "differ" at every merge, and a document memo the lead took off came back with the next merge."""
    import shutil
    base = Workspace.create(tmp_path / "base.db", default_coder="lead")
    assert base.import_files([T / "R01.txt"]).ok
    units = base.units("R01")
    lead = base.assign_code("R01", "urgentie", unit=units[27].id, coder="lead")
    base.set_memo(lead.id, "lead: kern van de urgentie", coder="lead")
    own = base.assign_code("R01", "collectief-optrekken", unit=units[30].id, coder="bram")
    base.set_memo(own.id, "techlab als neutrale plek", coder="bram")
    mine = base.assign_code("R01", "urgentie/krimp-leerlingaantallen", unit=units[33].id, coder="lead",
                            memo="lead: eerste gedachte")
    base.set_document_memo("R01", "bram: eiland, krimp centraal", coder="bram")
    base.close()
    for name in ("main.db", "bram.db", "cas.db"):
        shutil.copy(tmp_path / "base.db", tmp_path / name)
    bram, cas = Workspace.open(tmp_path / "bram.db"), Workspace.open(tmp_path / "cas.db")
    bram.set_memo(own.id, "bram: techlab, aangepast", coder="bram")
    bram.set_document_memo("R01", "bram: eiland, krimp centraal; ook de boot", coder="bram")
    cas.set_memo(lead.id, "cas: ook eilandsituatie", coder="cas")
    bram.close()
    main = Workspace.open(tmp_path / "main.db")
    main.set_memo(mine.id, "lead: uitgewerkt", coder="lead")  # the lead's own, later: the copies hold the old
    res = merge_projects(main, tmp_path / "bram.db")
    assert main.coding(own.id).memo == "bram: techlab, aangepast"  # his own memo, as he rewrote it
    assert [m["text"] for m in main.memos("document")] == ["bram: eiland, krimp centraal; ook de boot"]  # one
    assert res["added"]["memos_updated"] == 2 and res["backup"], res
    assert any("as bram rewrote it in bram.db (it read “techlab als neutrale plek”)" in b for b in res["brought"])
    res = merge_projects(main, tmp_path / "cas.db")
    assert main.coding(lead.id).memo == "lead: kern van de urgentie\n\ncas: ook eilandsituatie"  # both, lead first
    assert any("cas's lines in cas.db added after this project's memo" in b for b in res["brought"]), res["brought"]
    cas.set_memo(lead.id, "cas: ook eilandsituatie, en de boot", coder="cas")  # her second version
    cas.close()
    merge_projects(main, tmp_path / "cas.db")
    assert main.coding(lead.id).memo == "lead: kern van de urgentie\n\ncas: ook eilandsituatie, en de boot"
    assert main.coding(mine.id).memo == "lead: uitgewerkt"
    for again in ("bram.db", "cas.db"):  # merged again: nothing more, nothing said of the memos
        res = merge_projects(main, tmp_path / again)
        assert not any(res["added"].values()) and res["backup"] is None, res
        assert not [k for k in res["kept"] + res["brought"] if "memo" in k and "unstarred" not in k], res
    # bram's document memo written on here: his copy holds the text this project merged in, nothing to say
    main.set_document_memo("R01", "bram: eiland, krimp centraal; ook de boot; besproken", coder="bram")
    res = merge_projects(main, tmp_path / "bram.db")
    assert not [k for k in res["kept"] + res["brought"] if "memo on R01" in k], res
    assert main.memos("document")[0]["text"].endswith("besproken")
    main.set_document_memo("R01", None, coder="bram")  # the lead takes bram's document memo off
    res = merge_projects(main, tmp_path / "bram.db")
    assert main.memos("document") == [] and res["added"]["memos"] == 0
    assert any("bram's memo on R01 was taken off here; not brought back from bram.db" in k for k in res["kept"])
    main.close()


def test_a_memo_brought_with_a_new_coding_keeps_the_time_it_was_written_in_the_copy(tmp_path):
    """A coder wrote a memo on her coding a while after coding it, in her copy; merged into the
    team's project, `memos` gave it the coding's time, not the memo's."""
    copy = _copy_of_r01(tmp_path)
    doc = copy.document("R01").id
    coding = copy.assign_code(doc, "urgentie", unit=copy.units(doc)[27].id, coder="sanne")
    copy.set_memo(coding.id, "Techlab van niemand: neutraliteit", coder="sanne")
    written = next(m["created_at"] for m in copy.memo_service.memo_list(codings=True) if m["id"] == coding.id)
    assert written > coding.created_at
    copy.close()
    main = Workspace.open(tmp_path / "base.db")
    res = merge_projects(main, tmp_path / "b.db")
    assert res["added"]["codings"] == 1
    [brought] = [m for m in main.memo_service.memo_list(codings=True) if m["target"] == "coding"]
    assert brought["text"] == "Techlab van niemand: neutraliteit" and brought["created_at"] == written
    assert merge_projects(main, tmp_path / "b.db")["added"]["codings"] == 0  # a second merge brings nothing more
    main.close()


def test_a_coder_a_merge_brings_is_known_by_the_moment_she_was_made_in_her_copy(tmp_path):
    """`coders` gave a coder brought by a merge the merge's time; and a copy made after that merge,
    merged back after she was renamed here, brought her codings under her old name as a new coder."""
    import shutil
    copy = _copy_of_r01(tmp_path)
    doc = copy.document("R01").id
    copy.assign_code(doc, "urgentie", unit=copy.units(doc)[27].id, coder="sanne")
    made = next(c["created_at"] for c in copy.coders() if c["name"] == "sanne")
    copy.close()
    main = Workspace.open(tmp_path / "base.db")
    merge_projects(main, tmp_path / "b.db")
    assert next(c["created_at"] for c in main.coders() if c["name"] == "sanne") == made
    main.close()
    shutil.copy(tmp_path / "base.db", tmp_path / "later.db")  # a copy of the team's project, after the merge
    later = Workspace.open(tmp_path / "later.db")
    later.assign_code(doc, "urgentie/krimp-leerlingaantallen", unit=later.units(doc)[30].id, coder="sanne")
    later.close()
    main = Workspace.open(tmp_path / "base.db")
    main.coder_service.rename_coder("sanne", "sanne.devries")
    res = merge_projects(main, tmp_path / "later.db")
    assert {c["name"] for c in main.coders() if c["codings"]} >= {"sanne.devries"}
    assert "sanne" not in {c["name"] for c in main.coders()}, res
    assert len(main.codings(coder="sanne.devries")) == 2
    main.close()


def test_a_colleagues_lines_appended_in_her_copy_come_once_after_the_memo_here(tmp_path):
    """A data manager merged anna's copy, where she had added a signed line to the lead's memo
    (`memo 80 … --append`): the merged memo held the lead's words twice, then anna's line."""
    lead = _coded_in_both(tmp_path, memo="Eiland: alles om PIE")
    copy = Workspace.open(tmp_path / "b.db")
    copy.set_memo(lead.id, "Eiland: alles om PIE\n\nsanne: ook de boot", coder="sanne")
    copy.close()
    main = Workspace.open(tmp_path / "base.db")
    res = merge_projects(main, tmp_path / "b.db")
    assert main.coding(lead.id).memo == "Eiland: alles om PIE\n\nsanne: ook de boot"
    assert any("sanne's lines in b.db added after this project's memo (“sanne: ook de boot”)" in b
               for b in res["brought"]), res["brought"]
    assert not any(merge_projects(main, tmp_path / "b.db")["added"].values())  # again: nothing more
    main.close()


def test_attributes_and_names_to_replace_changed_in_a_copy_come_along_and_this_projects_later_ones_stay(tmp_path):
    """A data manager merged bram's copy: his correction of school_boards of R01 and the name he
    put on the pseudonym list were gone, unsaid; his other reference coder went unsaid too. Merged
    back into anna's copy, the names bram had brought were said to be "taken off" there, and left out."""
    import shutil
    import time
    base = Workspace.create(tmp_path / "main.db", default_coder="anna")
    assert base.import_files([T / "R01.txt", T / "R02.txt"], attributes=T / "attributes.csv").ok
    base.add_pseudonym("Oude Naam", "[naam]")
    base.add_pseudonym("Tweede Naam", "[naam]")
    base.close()
    shutil.copy(tmp_path / "main.db", tmp_path / "bram.db")
    shutil.copy(tmp_path / "main.db", tmp_path / "anna.db")
    time.sleep(0.01)
    bram = Workspace.open(tmp_path / "bram.db")
    bram.set_attributes("R01", {"school_boards": 12})
    bram.set_attributes("R02", {"school_boards": 8})
    bram.add_pseudonym("Joost Zwartewaal", "[naam]")
    bram.add_pseudonym("Oude Naam", "[iemand]")
    bram.add_pseudonym("Tweede Naam", "[iemand]")
    bram.assign_code("R01", "urgentie", unit=bram.units("R01")[27].id, coder="bram")
    bram.set_reference_coder("bram")
    bram.close()
    main = Workspace.open(tmp_path / "main.db")
    time.sleep(0.01)
    main.set_attributes("R02", {"school_boards": 9})  # the lead's own corrections, later than bram's
    main.add_pseudonym("Tweede Naam", "[iemand anders]")
    res = merge_projects(main, tmp_path / "bram.db")
    docs = {d.name: d.attributes for d in main.documents()}
    assert docs["R01"]["school_boards"] == 12 and docs["R02"]["school_boards"] == 9
    names = {p.pattern: p.replacement for p in main.pseudonyms()}
    assert names == {"Oude Naam": "[iemand]", "Tweede Naam": "[iemand anders]", "Joost Zwartewaal": "[naam]"}
    assert res["added"]["attributes"] == 1 and res["added"]["pseudonyms"] == 2
    assert any(b.startswith("attribute school_boards of R01 set as in bram.db (") and b.endswith(" → '12')")
               for b in res["brought"]), res["brought"]
    assert "pseudonym of 'Oude Naam' is '[iemand]' as bram.db changed it (it was '[naam]')" in res["brought"]
    assert any("school_boards of R02 is '8' in bram.db, '9' here, changed here later" in k
               and "`sto-qual attribute R02 school_boards=8`" in k for k in res["kept"]), res["kept"]
    assert any("pseudonym of 'Tweede Naam' is '[iemand]' in bram.db, '[iemand anders]' here" in k for k in res["kept"])
    assert any("bram.db names bram as the reference coder" in k for k in res["kept"])
    again = merge_projects(main, tmp_path / "bram.db")  # a second merge: nothing more
    assert not any(again["added"].values()) and not again["brought"], again
    main.close()
    anna = Workspace.open(tmp_path / "anna.db")  # the team's project merged back into a colleague's copy
    back = merge_projects(anna, tmp_path / "main.db")
    assert "Joost Zwartewaal" in {p.pattern for p in anna.pseudonyms()}
    assert not [k for k in back["kept"] if "taken off" in k], back["kept"]
    anna.close()
    main = Workspace.open(tmp_path / "main.db")
    main.remove_pseudonym("Joost Zwartewaal")  # taken off here: the copy does not bring it back
    res = merge_projects(main, tmp_path / "bram.db")
    assert res["added"]["pseudonyms"] == 0 and "Joost Zwartewaal" not in {p.pattern for p in main.pseudonyms()}
    assert any("1 name taken off this project's pseudonym list, still on bram.db's, not brought back" in k
               for k in res["kept"]), res["kept"]
    bram = Workspace.open(tmp_path / "bram.db")
    bram.remove_pseudonym("Oude Naam")  # taken off in the copy: kept here (names stay replaced), said
    bram.close()
    res = merge_projects(main, tmp_path / "bram.db")
    assert "Oude Naam" in {p.pattern for p in main.pseudonyms()}
    assert any("'Oude Naam' was taken off bram.db's pseudonym list; this project still replaces it" in k
               and "`sto-qual pseudonyms remove 'Oude Naam'`" in k for k in res["kept"]), res["kept"]
    main.close()

def test_a_code_merged_in_a_copy_is_no_sign_of_two_people_under_one_name(demo_db, tmp_path):
    """A data manager merged carla's copy, in which a code had been merged into another: the merge
    said of both demo coders that two people had coded under each name, and to restore a backup."""
    import shutil
    shutil.copy(demo_db, tmp_path / "main.db")
    shutil.copy(demo_db, tmp_path / "carla.db")
    carla = Workspace.open(tmp_path / "carla.db")
    carla.merge_codes("urgentie/krimp-leerlingaantallen", "urgentie/behoud-techniekaanbod")
    carla.assign_code("R05", "urgentie", unit=carla.units("R05")[12].id, coder="onderzoeker-a")
    carla.close()
    main = Workspace.open(tmp_path / "main.db")
    res = merge_projects(main, tmp_path / "carla.db")
    assert res["added"]["codings"] == 1, res["added"]
    assert not [k for k in res["kept"] if "each hold codings under that name" in k], res["kept"]
    main.close()


def test_two_colleagues_lines_appended_in_their_copies_both_come_and_after_the_leads_later_rewrite(tmp_path):
    """A data manager merged anna's and then carla's copy, each with a line appended to the lead's
    memo: carla's was dropped as "this project's, written later, is kept" (her merge came after
    anna's), quoted only by the lead's words; bram's line, appended before the lead rewrote her memo,
    was dropped the same way."""
    import shutil
    base = Workspace.create(tmp_path / "main.db", default_coder="lead")
    assert base.import_files([T / "R01.txt"]).ok
    c = base.assign_code("R01", "urgentie", unit=base.units("R01")[27].id, coder="lead", memo="Eiland: alles om PIE")
    base.close()
    for name in ("anna", "carla", "bram"):
        shutil.copy(tmp_path / "main.db", tmp_path / f"{name}.db")
    for name in ("anna", "carla", "bram"):
        copy = Workspace.open(tmp_path / f"{name}.db")
        copy.set_memo(c.id, f"Eiland: alles om PIE\n\n{name}: mijn aanvulling", coder=name)
        copy.close()
    main = Workspace.open(tmp_path / "main.db")
    merge_projects(main, tmp_path / "anna.db")
    res = merge_projects(main, tmp_path / "carla.db")
    assert main.coding(c.id).memo == "Eiland: alles om PIE\n\nanna: mijn aanvulling\n\ncarla: mijn aanvulling"
    assert any("carla's lines in carla.db added after this project's memo (“carla: mijn aanvulling”)" in b
               for b in res["brought"]), res
    main.set_memo(c.id, "Eiland: alles draait om PIE (herschreven)", coder="lead")  # the lead's later rewrite
    merge_projects(main, tmp_path / "bram.db")
    assert main.coding(c.id).memo == "Eiland: alles draait om PIE (herschreven)\n\nbram: mijn aanvulling"
    for name in ("anna", "carla", "bram"):  # again: nothing more
        assert not any(merge_projects(main, tmp_path / f"{name}.db")["added"].values())
    main.close()


def test_a_memo_written_in_a_copy_on_a_coding_this_project_removed_is_quoted(tmp_path):
    """The lead removed a coding; carla had written a memo on it in her copy: the merge said only
    "1 coding … not brought back", and her memo was nowhere to be read."""
    c = _coded_in_both(tmp_path)
    carla = Workspace.open(tmp_path / "b.db")
    carla.set_memo(c.id, "carla: dit is de kern van het eiland", coder="carla")
    carla.close()
    ws = Workspace.open(tmp_path / "base.db")
    ws.remove_coding(c.id, coder="anna")
    res = merge_projects(ws, tmp_path / "b.db")
    line = next(k for k in res["kept"] if "not brought back" in k)
    assert "; with a memo there: " in line and "“carla: dit is de kern van het eiland”" in line, line
    ws.close()


def test_codings_under_a_code_this_project_merged_into_another_come_under_that_one(demo_db, tmp_path):
    """The lead merged kwaliteit-innovatie into behoud-techniekaanbod; anna's new codings under
    kwaliteit-innovatie in her copy were "not placed: … has a different definition there; align the
    codebooks", beside a line saying they were placed under the code it is now (exit 1, nothing added)."""
    import shutil
    shutil.copy(demo_db, tmp_path / "main.db")
    shutil.copy(demo_db, tmp_path / "anna.db")
    main = Workspace.open(tmp_path / "main.db")
    main.merge_codes("urgentie/kwaliteit-innovatie", "urgentie/behoud-techniekaanbod")
    anna = Workspace.open(tmp_path / "anna.db")
    anna.assign_code("R09", "urgentie/kwaliteit-innovatie", unit=anna.units("R09")[30].id, coder="anna")
    anna.close()
    res = merge_projects(main, tmp_path / "anna.db")
    assert not res["not_placed"] and res["added"]["codings"] == 1, res
    assert [c.code for c in main.codings(coder="anna")] == ["urgentie/behoud-techniekaanbod"]
    assert not [k for k in res["kept"] if "different definition" in k], res["kept"]
    main.close()


def test_the_teams_project_merged_back_into_a_colleagues_copy_loses_no_line_of_a_memo(tmp_path):
    """A sync (the team's project merged into bram's copy) kept only anna's last note of a memo the
    lead had rewritten and others had added to, and then said the copy held everything."""
    import shutil
    c = _coded_in_both(tmp_path, memo="Eiland: alles om PIE")
    shutil.copy(tmp_path / "b.db", tmp_path / "bram.db")
    bram = Workspace.open(tmp_path / "bram.db")
    bram.set_memo(c.id, "Eiland: alles om PIE\n\nbram: klopt voor R02", coder="bram")
    bram.close()
    team = Workspace.open(tmp_path / "base.db")
    merge_projects(team, tmp_path / "bram.db")
    team.set_memo(c.id, "Eiland: PIE is de kern (herschreven)\n\nbram: klopt voor R02", coder="anna")
    team.set_memo(c.id, team.coding(c.id).memo + "\n\nanna: ook in R05", coder="anna")
    want = team.coding(c.id).memo
    team.close()
    sync = Workspace.open(tmp_path / "bram.db")
    merge_projects(sync, tmp_path / "base.db")
    have = sync.coding(c.id).memo.splitlines()
    assert all(line in have for line in want.splitlines()), (have, want)
    assert have.count("bram: klopt voor R02") == 1
    assert not any(merge_projects(sync, tmp_path / "base.db")["added"].values())
    sync.close()


def test_a_sync_brings_the_leads_rewrite_in_place_of_what_it_replaced_and_both_colleagues_notes(tmp_path):
    """anna and bram each appended a note to the lead's memo in their copies; the lead rewrote it in the
    team's project; both copies were merged in. Synced back into bram's project, the memo kept the old
    text and lost anna's note and the lead's rewrite, and a second merge said "nothing new"; synced into
    anna's, the old text and the rewrite stood side by side."""
    import shutil
    c = _coded_in_both(tmp_path, memo="Concurrentie tussen scholen")
    for name in ("anna", "bram"):
        shutil.copy(tmp_path / "b.db", tmp_path / f"{name}.db")
        copy = Workspace.open(tmp_path / f"{name}.db")
        copy.set_memo(c.id, f"Concurrentie tussen scholen\n\n{name}: mijn noot", coder=name)
        copy.close()
    team = Workspace.open(tmp_path / "base.db")
    team.set_memo(c.id, "Concurrentie om docenten (herschreven)", coder="anna")  # the coding's coder, the lead
    merge_projects(team, tmp_path / "anna.db")
    merge_projects(team, tmp_path / "bram.db")
    want = team.coding(c.id).memo
    assert want == "Concurrentie om docenten (herschreven)\n\nanna: mijn noot\n\nbram: mijn noot", want
    team.close()
    for name in ("bram", "anna"):
        copy = Workspace.open(tmp_path / f"{name}.db")
        merge_projects(copy, tmp_path / "base.db")
        assert copy.coding(c.id).memo == want, (name, copy.coding(c.id).memo)
        assert not any(merge_projects(copy, tmp_path / "base.db")["added"].values())
        copy.close()


def test_a_copys_coding_under_a_code_merged_here_joins_her_coding_of_that_code_it_overlaps(demo_db, tmp_path):
    """The lead merged arbeidsmarkt into kwaliteit-innovatie; anna had coded two overlapping passages in her
    copy, one under each: the merge stored two overlapping kwaliteit-innovatie codings of hers, counted
    twice, where `code-merge` joins them."""
    import shutil
    shutil.copy(demo_db, tmp_path / "main.db")
    shutil.copy(demo_db, tmp_path / "anna.db")
    anna = Workspace.open(tmp_path / "anna.db")
    u = anna.units("R03")
    anna.assign_code("R03", "urgentie/kwaliteit-innovatie", start=u[43].start, end=u[44].end, coder="anna")
    anna.assign_code("R03", "urgentie/arbeidsmarkt", start=u[44].start, end=u[45].end, coder="anna")
    anna.close()
    main = Workspace.open(tmp_path / "main.db")
    main.merge_codes("urgentie/arbeidsmarkt", "urgentie/kwaliteit-innovatie")
    merge_projects(main, tmp_path / "anna.db")
    spans = [(c.start, c.end) for c in main.codings(coder="anna")]
    assert spans == [(u[43].start, u[45].end)], spans
    main.close()


def test_a_code_renamed_and_defined_otherwise_in_the_copy_is_named_as_here_with_the_command(tmp_path):
    """A copy renamed toets to examen and coded with it; here toets got a new definition. The
    merge said "code 'examen' has a different definition there; align the codebooks", naming a code
    this project does not have and no command. It names this project's code, the copy's name for
    it, and the `code-edit` that takes the copy's definition; run, the next merge places the coding."""
    import shlex

    from tests_support import invoke_cli
    bram = _copy_of_r01(tmp_path, "main.db", "bram.db")
    before = next(c.definition for c in bram.codebook() if c.path == "urgentie/arbeidsmarkt")
    bram.rename_code("urgentie/arbeidsmarkt", "werkgevers")
    bram.assign_code("R01", "urgentie/werkgevers", unit=bram.units("R01")[20].id, coder="bram")
    bram.close()
    main = Workspace.open(tmp_path / "main.db")
    main.edit_code("urgentie/arbeidsmarkt", definition="Een nieuwe definitie hier.")
    main.close()
    res = invoke_cli(["merge", "--project", str(tmp_path / "main.db"), str(tmp_path / "bram.db")])
    assert res.exit_code == 1, res.output
    line = next(x for x in res.stderr.splitlines() if "different definition" in x)
    assert "code 'urgentie/arbeidsmarkt' ('urgentie/werkgevers' there) has a different definition there" in line, line
    command = line.split("`")[1]
    assert command.startswith("sto-qual code-edit urgentie/arbeidsmarkt --definition "), command
    args = shlex.split(command)
    assert args[args.index("--definition") + 1] == before.strip() and args[-1] == str(tmp_path / "main.db")
    assert invoke_cli(args[1:]).exit_code == 0
    again = invoke_cli(["merge", "--project", str(tmp_path / "main.db"), str(tmp_path / "bram.db")])
    assert again.exit_code == 0 and "different definition" not in again.stderr, again.output
    ws = Workspace.open(tmp_path / "main.db")
    assert [c.code for c in ws.codings(doc="R01") if c.coder == "bram"] == ["urgentie/arbeidsmarkt"]
    ws.close()
