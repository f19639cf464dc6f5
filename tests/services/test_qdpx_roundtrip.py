"""The demo project through REFI-QDA: a valid .qdpx whose selections hold the coding texts,
the same bytes every time, and a round trip (export, import into a fresh project, export
again) that keeps documents, speaker turns, codes, codings, attributes and memos."""
from __future__ import annotations

import re
import sys
from collections import Counter
import zipfile
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused
from sto_qual.services.interchange import export_qdpx, import_qdpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from refi_support import validate_qdc, validate_qdpx  # noqa: E402

NS = "{urn:QDA-XML:project:1.0}"


def fresh(path: Path):
    """A project with nothing in it, not even the bundled codebook."""
    from sto_qual.services import Workspace
    from sto_qual.store import ProjectStore
    return Workspace(ProjectStore(path, create=True))


def snapshot(ws) -> dict:
    docs = {d.id: d.name for d in ws.documents()}
    codes = {c.id: c.path for c in ws.codebook()}
    codings = {c.id: c for c in ws.codings()}

    def target(m):
        if m["target"] == "document":
            return docs[m["target_id"]]
        if m["target"] == "code":
            return codes[m["target_id"]]
        c = codings[m["target_id"]]
        return (c.doc, c.code, c.start, c.end, c.coder)
    return {
        "documents": [(d.name, ws.document_text(d.id), d.attributes) for d in ws.documents()],
        # the speaker turns come back from the labels the sources open each turn with
        "turns": [(d.name, [(t.start, t.end, t.speaker, t.time_start) for t in ws.turns(d.id)])
                  for d in ws.documents()],
        "codes": [(c.path, c.name, c.parent, c.colour, c.label, c.definition, c.when_to_use, c.when_not_to_use,
                   c.examples, c.keywords, c.position) for c in ws.codebook()],
        "codings": sorted((c.doc, c.code, c.start, c.end, c.text, c.coder, c.memo, c.starred, c.created_at)
                          for c in codings.values()),
        "memos": sorted((m["target"], str(target(m)), m["text"], m["coder"] or "") for m in ws.memos()),
        "coders": [c["name"] for c in ws.coders()],
        # the counts a table shows (codings and words coded), each coder's
        "counts": {c["name"]: ws.theme_counts(coder=c["name"])[["code", "documents", "codings", "words"]]
                   .to_dict("records") for c in ws.coders()},
    }


def test_demo_export_validates_and_every_selection_holds_its_coding_text(demo_ws, tmp_path):
    from defusedxml.ElementTree import fromstring
    out = tmp_path / "demo.qdpx"
    warnings = export_qdpx(demo_ws, out)
    # the speakers go as labels in the text; their roles have no place in REFI-QDA: they go in a
    # role map beside the file, and the warning says how a project made from the file reads it
    roles = tmp_path / "demo-roles.csv"
    assert (f"speaker roles (65) are not in the .qdpx (REFI-QDA has none; the speakers are in its text as labels): "
            f"written to {roles}; `sto-qual import {out} --role-map {roles} --project NEW.db` sets them in a project "
            "NEW.db made from the file (this project has them)") in warnings, warnings
    assert not any("imported into sto-qual again" in w for w in warnings), warnings
    # the pseudonym list is not applied: said plainly, names are in the sources, the memos, the notes, the
    # attributes (a data manager found an interviewer's name there, which the warning had not named) and the roles file
    assert ("the pseudonym list is neither applied nor exported: the sources hold the transcripts as written, names "
            "included, and so do the memos, the notes on starred passages and the attributes (an interviewer's "
            "name), and so does the roles file beside them (share the file only within the team)") in warnings
    # imported elsewhere, the counts would be every coder's: the export says what to set there
    assert any("the reference coder (onderzoeker-a) is not exported" in w
               and "sto-qual reference-coder onderzoeker-a" in w for w in warnings), warnings
    root = fromstring(validate_qdpx(out))
    # every coding's text is what its selection holds in the labelled source, coding for coding
    selected: Counter = Counter()
    with zipfile.ZipFile(out) as zf:
        for src in root.iter(f"{NS}TextSource"):
            text = zf.read("sources/" + src.get("plainTextPath").removeprefix("internal://")).decode("utf-8")
            # each turn opened by its speaker (and time): who says what, in any tool that opens the file
            stored, turns = demo_ws.document_text(src.get("name")), demo_ws.turns(src.get("name"))
            assert text == "\n\n".join((f"[{t.time_start}] " if t.time_start else "") + f"{t.speaker}: "
                                       + stored[t.start:t.end] for t in turns)
            for sel in src.iter(f"{NS}PlainTextSelection"):
                span = int(sel.get("startPosition")), int(sel.get("endPosition"))
                selected[(src.get("name"), text[span[0]:span[1]])] += len(sel.findall(f"{NS}Coding"))
    assert selected == Counter((c.doc, c.text) for c in demo_ws.codings())
    assert selected.total() == 742


def test_the_roles_beside_the_file_give_a_project_made_from_it_every_speakers_role(demo_ws, tmp_path):
    export_qdpx(demo_ws, tmp_path / "demo.qdpx")
    back = fresh(tmp_path / "back.db")
    codes_before = len(back.codebook())
    back.set_default_coder("onderzoeker-a")
    summary = back.import_files([tmp_path / "demo.qdpx"], role_map=tmp_path / "demo-roles.csv")
    assert summary.ok, summary.refused
    # what came with the documents is said, not only the documents
    new_codes = len(back.codebook()) - codes_before
    assert new_codes > 0
    assert summary.notes == [f"demo.qdpx: brought in 742 coding(s), {new_codes} new code(s)"], summary.notes
    for d in demo_ws.documents():
        assert [(t.speaker, t.role) for t in back.turns(d.name)] == [(t.speaker, t.role) for t in demo_ws.turns(d.id)]
    # the role map names each speaker as the transcripts write her ("Jelle", not "jelle")
    assert ",Jelle,programmaleider" in (tmp_path / "demo-roles.csv").read_text(encoding="utf-8-sig") or \
        "R01,Jelle,programmaleider" in (tmp_path / "demo-roles.csv").read_text(encoding="utf-8-sig")
    back.close()


def test_an_import_without_the_roles_says_where_they_are_and_who_codes_here(demo_ws, tmp_path):
    (tmp_path / "sub").mkdir()
    out = tmp_path / "sub" / "x.qdpx"
    export_qdpx(demo_ws, out)
    back = fresh(tmp_path / "back.db")
    summary = back.import_files([out])
    roles = tmp_path / "sub" / "x-roles.csv"
    assert summary.notes == [
        "x.qdpx: you code here as 'onderzoeker', who coded nothing; the file's coders are onderzoeker-a, "
        "onderzoeker-b (`sto-qual default-coder NAME` codes as one of them)",
        f"x.qdpx: brought in 742 coding(s), {len(back.codebook())} new code(s)",
        # the interviewer the attribute names is the interviewer, without the roles file too
        *(f"{d}: the roles its header gives: Lotte Verbeek → interviewer (`sto-qual role LABEL ROLE --doc {d}` "
          "changes one)" for d in ("R14", "R15")),
        f"{roles} beside x.qdpx holds its speakers' roles: `sto-qual import {out} --role-map {roles}` sets them"]
    back.close()


def test_a_roles_file_of_another_project_is_left_and_said(demo_ws, tmp_path):
    export_qdpx(demo_ws, tmp_path / "x.qdpx")
    before = (tmp_path / "x-roles.csv").read_bytes()
    other = fresh(tmp_path / "other.db")  # no speaker has a role here
    warnings = export_qdpx(other, tmp_path / "x.qdpx")
    assert f"{tmp_path / 'x-roles.csv'} beside the file is left as it was, and is not this export's: this " \
           "project gives no speaker a role" in warnings
    assert (tmp_path / "x-roles.csv").read_bytes() == before
    other.close()


def test_the_same_project_exports_the_same_bytes(demo_ws, tmp_path):
    export_qdpx(demo_ws, tmp_path / "a.qdpx")
    export_qdpx(demo_ws, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_round_trip_is_byte_identical(demo_ws, tmp_path):
    export_qdpx(demo_ws, tmp_path / "a.qdpx")
    ws2 = fresh(tmp_path / "fresh.db")
    summary = import_qdpx(ws2, tmp_path / "a.qdpx")
    assert len(summary.imported) == 19 and not summary.skipped
    export_qdpx(ws2, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    ws2.close()


def test_round_trip_keeps_documents_codes_codings_attributes_and_memos(demo_ws, tmp_path):
    coding = demo_ws.codings(doc="R02")[3]
    demo_ws.add_memo("document", "R01", "Eilandregio: één school.", coder="onderzoeker-a")
    demo_ws.add_memo("code", "urgentie", "Overweeg splitsen.", coder="onderzoeker-b")
    demo_ws.add_memo("coding", coding.id, "Twijfel over deze code.\nTweede regel.", coder="onderzoeker-b")
    demo_ws.star(demo_ws.codings(doc="R03")[0].id)
    before = snapshot(demo_ws)
    assert before["memos"] and any(c[6] for c in before["codings"]) and any(c[7] for c in before["codings"])

    said = export_qdpx(demo_ws, tmp_path / "a.qdpx")
    # what the codebook holds that REFI-QDA cannot: said, as codebook-export -o FILE.qdc says it (a data steward's
    # round trip lost the English labels and the chapter's phrases unsaid)
    [left] = [w for w in said if w.startswith("the codebook's ")]
    assert left.startswith("the codebook's English labels (24 codes), summary phrases (24 codes)") and \
        "are not exported (REFI-QDA has no field for them); `sto-qual codebook-export -o codebook.yaml` keeps" in left
    ws2 = fresh(tmp_path / "fresh.db")
    import_qdpx(ws2, tmp_path / "a.qdpx")
    assert snapshot(ws2) == before
    # units, turns and the search index exist as for any import
    assert ws2.search("urgentie") and all(d.units > 0 for d in ws2.documents())

    export_qdpx(ws2, tmp_path / "b.qdpx")
    ws3 = fresh(tmp_path / "third.db")
    import_qdpx(ws3, tmp_path / "b.qdpx")
    assert snapshot(ws3) == before
    # only the memo dates (the time of import) differ between the two exports
    strip = re.compile(rb'(<Note [^>]*?) creationDateTime="[^"]*"')
    with zipfile.ZipFile(tmp_path / "a.qdpx") as a, zipfile.ZipFile(tmp_path / "b.qdpx") as b:
        assert strip.sub(rb"\1", a.read("project.qde")) == strip.sub(rb"\1", b.read("project.qde"))
    ws2.close()
    ws3.close()


def test_importing_twice_adds_nothing(demo_ws, tmp_path):
    demo_ws.add_memo("document", "R05", "Memo.", coder="onderzoeker-a")
    export_qdpx(demo_ws, tmp_path / "a.qdpx")
    ws2 = fresh(tmp_path / "fresh.db")
    import_qdpx(ws2, tmp_path / "a.qdpx")
    first = snapshot(ws2)
    second = import_qdpx(ws2, tmp_path / "a.qdpx")
    assert not second.imported and len(second.skipped) == 19
    assert snapshot(ws2) == first
    # a coding already here with another memo keeps it, and the import says so (the file's
    # memo was dropped unsaid); one whose memo a person removed here stays without (the old
    # file gave it back)
    c, d = [x for x in ws2.codings() if x.memo][:2]
    ws2.set_memo(c.id, "eigen memo")
    ws2.set_memo(d.id, None)
    third = import_qdpx(ws2, tmp_path / "a.qdpx")
    assert ws2.coding(c.id).memo == "eigen memo" and not ws2.coding(d.id).memo
    # a coding removed here since is not brought back by importing the file again
    ws2.remove_coding(c.id)
    n = len(ws2.codings())
    fourth = import_qdpx(ws2, tmp_path / "a.qdpx")
    assert len(ws2.codings()) == n and any("1 coding(s) in the file were removed or resized" in w
                                            for w in fourth.warnings), fourth.warnings
    assert any("1 coding(s) already here have another memo in the file" in w for w in third.warnings)
    ws2.close()


def test_import_files_takes_qdpx_into_a_project_with_the_bundled_codebook(demo_ws, empty_ws, tmp_path):
    export_qdpx(demo_ws, tmp_path / "demo.qdpx")
    codes_before = [c.path for c in empty_ws.codebook()]
    summary = empty_ws.import_files([tmp_path / "demo.qdpx"])
    assert summary.ok and len(summary.imported) == 19
    assert [c.path for c in empty_ws.codebook()] == codes_before  # same codebook: codes reused
    assert len(empty_ws.codings()) == 742


def test_a_failure_half_way_leaves_the_project_unchanged(demo_ws, tmp_path, monkeypatch):
    export_qdpx(demo_ws, tmp_path / "a.qdpx")
    ws2 = fresh(tmp_path / "fresh.db")
    before = snapshot(ws2), ws2.info()
    real = ws2.store.codings.insert_imported

    def failing(rows):
        real(rows)  # the codings are written, then something fails
        raise ImportRefused("simulated failure")
    monkeypatch.setattr(ws2.store.codings, "insert_imported", failing)
    with pytest.raises(ImportRefused, match="simulated failure"):
        import_qdpx(ws2, tmp_path / "a.qdpx")
    assert (snapshot(ws2), ws2.info()) == before
    monkeypatch.undo()
    assert len(import_qdpx(ws2, tmp_path / "a.qdpx").imported) == 19  # and it can be retried
    ws2.close()


def test_codebook_qdc_export_validates_and_imports_back(demo_ws, tmp_path):
    out = demo_ws.export_codebook(tmp_path / "codes.qdc")
    validate_qdc(out)
    ws2 = fresh(tmp_path / "fresh.db")
    report = ws2.import_codebook(out)
    assert len(report["added"]) == 24
    assert snapshot(ws2)["codes"] == snapshot(demo_ws)["codes"]
    ws2.close()


def test_a_coders_later_export_joins_her_widened_coding_instead_of_doubling_it(demo_ws, tmp_path):
    """A coder's .qdpx from her own copy, where she had widened a coding: imported, it was
    added beside the narrower one here, the words counted twice."""
    import shutil

    from sto_qual.services import Workspace
    shutil.copy(demo_ws.path, tmp_path / "hers.db")
    hers = Workspace.open(tmp_path / "hers.db")
    c = next(x for x in hers.codings(coder="onderzoeker-b") if x.doc == "R02")
    units = hers.units("R02")
    after = next(u for u in units if u.start >= c.end)
    hers.resize_coding(c.id, start=c.start, end=after.end, coder="onderzoeker-b")
    export_qdpx(hers, tmp_path / "hers.qdpx")
    hers.close()
    n = len(demo_ws.codings())
    res = import_qdpx(demo_ws, tmp_path / "hers.qdpx")
    assert len(demo_ws.codings()) == n  # nothing added beside it
    assert (demo_ws.coding(c.id).start, demo_ws.coding(c.id).end) == (c.start, after.end)  # one coding over both
    assert any("1 coding(s) in the file overlap the same coder's coding" in w for w in res.warnings), res.warnings


def test_a_widened_coding_that_reaches_its_neighbour_joins_its_own_coding_not_the_neighbour(demo_ws, tmp_path):
    """A coder widened a coding in her copy until it overlapped her starred coding beside it:
    imported, the neighbour was widened over both (its star and memo over the other's text)
    and added once more as it was."""
    import shutil

    from sto_qual.services import Workspace
    shutil.copy(demo_ws.path, tmp_path / "hers.db")
    hers = Workspace.open(tmp_path / "hers.db")
    by_code: dict = {}
    for x in hers.codings(coder="onderzoeker-a"):
        by_code.setdefault((x.doc, x.code), []).append(x)
    left, right = next(sorted(v, key=lambda x: x.start)[:2] for v in by_code.values() if len(v) >= 2)
    reach = left.end - 10 if left.end - 10 > left.start else left.start + 1
    hers.resize_coding(right.id, start=reach, end=right.end, coder="onderzoeker-a")  # now overlaps `left`
    export_qdpx(hers, tmp_path / "hers.qdpx")
    hers.close()
    n = len(demo_ws.codings())
    import_qdpx(demo_ws, tmp_path / "hers.qdpx")
    assert len(demo_ws.codings()) == n  # nothing added as it was
    assert (demo_ws.coding(left.id).start, demo_ws.coding(left.id).end) == (left.start, left.end)  # untouched
    assert (demo_ws.coding(right.id).start, demo_ws.coding(right.id).end) == (reach, right.end)  # her own, widened


def test_an_old_export_does_not_bring_back_a_code_merged_or_renamed_here(demo_ws, tmp_path):
    """After a code-merge here, importing a .qdpx made before brought the merged code back
    with its twenty codings, and said '0 imported, 19 skipped'."""
    export_qdpx(demo_ws, tmp_path / "old.qdpx")
    demo_ws.merge_codes("urgentie/krimp-leerlingaantallen", "urgentie/behoud-techniekaanbod")
    demo_ws.rename_code("urgentie/docententekort", "lerarentekort")
    before = sorted((c.code, c.coder, c.start, c.end) for c in demo_ws.codings())
    res = import_qdpx(demo_ws, tmp_path / "old.qdpx")
    assert sorted((c.code, c.coder, c.start, c.end) for c in demo_ws.codings()) == before
    assert not {"urgentie/krimp-leerlingaantallen", "urgentie/docententekort"} & {c.path for c in demo_ws.codebook()}
    assert any("'urgentie/docententekort' is 'urgentie/lerarentekort' here" in w for w in res.warnings), res.warnings



def test_a_code_renamed_in_a_project_without_its_history_is_said_as_a_likely_twin(demo_ws, tmp_path):
    """A coder's .qdpx with 'gedeelde-plek', into a project whose codebook has it as 'techlab'
    (renamed before this project was made, so no history says so): a second code with the same
    label, colour and definition came in unsaid, and the agreement then counted the two coders'
    codings of it as disagreements."""
    from sto_qual.services import Workspace
    export_qdpx(demo_ws, tmp_path / "anna.qdpx")
    demo_ws.rename_code("collectief-optrekken/gedeelde-plek", "techlab")
    demo_ws.export_codebook(tmp_path / "codebook.yaml")  # the lead's codebook, renamed; its history stays behind
    lead = Workspace.create(tmp_path / "lead.db", codebook=tmp_path / "codebook.yaml")
    res = import_qdpx(lead, tmp_path / "anna.qdpx")
    said = [w for w in res.warnings if "code 'collectief-optrekken/gedeelde-plek' is added" in w]
    assert said and "`sto-qual code-merge collectief-optrekken/gedeelde-plek collectief-optrekken/techlab`" in said[0]
    assert len([w for w in res.warnings if "is added beside" in w]) == 1  # the codes here already: nothing
    lead.close()

VTT = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Femke>Fijn dat jullie er zijn. Wie wil beginnen?

00:00:06.000 --> 00:00:12.000
<v {second}>Ik begin wel. Wij zitten hier met drie besturen aan tafel.

00:00:13.000 --> 00:00:20.000
<v Femke>En wat betekent dat voor de stuurgroep?
"""


@pytest.mark.parametrize("second", ["Ans", "ans", "Ans & Piet", "Ans, Piet"])
def test_subtitle_speakers_and_times_come_back_and_a_label_that_would_not_is_said(tmp_path, second):
    """A subtitle file's speakers and start times go into the source as "[00:00:06] Ans: " (a
    voice in lower case too: after a time the import reads "ans:" as a speaker; and two who speak
    at once, "Ans & Piet"); a speaker the import would not read back as one ("Ans, Piet") is
    named, with its turn and who would be credited with its words, and the text comes back with
    the label in it."""
    (tmp_path / "R30.vtt").write_text(VTT.format(second=second), encoding="utf-8")
    ws = fresh(tmp_path / "a.db")
    assert ws.import_files([tmp_path / "R30.vtt"]).ok
    ws.add_code("urgentie")
    ws.assign_code("R30", "urgentie", start=ws.turns("R30")[1].start, end=ws.turns("R30")[1].start + 13)
    warnings = export_qdpx(ws, tmp_path / "a.qdpx")
    assert "the turns' end times are not exported (a label gives a turn's start time only)" in warnings
    with zipfile.ZipFile(tmp_path / "a.qdpx") as zf:
        source = next(zf.read(n) for n in zf.namelist() if n.startswith("sources/")).decode("utf-8")
    assert source.split("\n\n")[1] == f"[00:00:06] {second}: Ik begin wel. Wij zitten hier met drie besturen aan tafel."
    back = fresh(tmp_path / "b.db")
    import_qdpx(back, tmp_path / "a.qdpx")
    said = [w for w in warnings if w.startswith("R30: ")]
    if second != "Ans, Piet":
        assert not said, warnings
        assert [(t.speaker, t.time_start, t.start, t.end) for t in back.turns("R30")] == \
            [(t.speaker, t.time_start, t.start, t.end) for t in ws.turns("R30")]
        assert [c.text for c in back.codings()] == ["Ik begin wel."]
    else:
        assert said == ["R30: imported into sto-qual again, turn 2 (by 'Ans, Piet') would lose its speaker: the "
                        "import reads no speaker in that label (a name of at most five words, without signs such as "
                        "',' or ';'), so it stays in the text and the turn joins turn 1 (by 'Femke'), whose speaker "
                        "would be credited with its words; the words and their codings come back"]
        assert "[00:00:06] Ans, Piet: Ik begin wel." in back.document_text("R30")
        assert [c.text for c in back.codings()] == ["Ik begin wel."]  # the coding still holds its words
    ws.close()
    back.close()


def test_turns_that_would_not_come_back_are_named_with_what_happens_to_them():
    """The check behind the export's warning, on the cases a stored project can hold: a turn
    without a speaker after one with a speaker, a label the import reads no speaker in, and a
    line inside a turn that reads as a label."""
    from sto_qual.report.refi import ExportDocument
    from sto_qual.services.interchange import _turns_not_read_back

    def doc(name, *turns):  # (speaker, body) each; the turns joined as stored, by a blank line
        text, specs = "", []
        for speaker, body in turns:
            text += "\n\n" if text else ""
            specs.append((len(text), speaker, None))
            text += body
        return ExportDocument(name=name, text=text, content_hash=name, turns=tuple(specs))
    talk = [("Femke", "Wie begint?"), ("Ans", "Ik begin."), ("Femke", "En dan?"), ("Ans", "Dan ik.")]
    assert _turns_not_read_back((doc("R43", *talk),)) == []
    assert _turns_not_read_back((doc("R40", *talk, (None, "En verder.")),)) == [
        "R40: imported into sto-qual again, turn 5 (without a speaker) would not stay a turn of its own: the turn "
        "joins turn 4 (by 'Ans'), whose speaker would be credited with its words"]
    assert _turns_not_read_back((doc("R41", *talk, ("Ans, Piet", "Wij ook.")),)) == [
        "R41: imported into sto-qual again, turn 5 (by 'Ans, Piet') would lose its speaker: the import reads no "
        "speaker in that label (a name of at most five words, without signs such as ',' or ';'), so it stays in "
        "the text and the turn joins turn 4 (by 'Ans'), whose speaker would be credited with its words; the "
        "words and their codings come back"]
    assert _turns_not_read_back((doc("R42", *talk[:3], ("Ans", "Dan ik.\nFemke: zei ze toen."), *talk[2:]),)) == [
        "R42: imported into sto-qual again, turn 4 (by 'Ans') would be split: a line of it reads as a speaker's "
        "label"]


def test_an_agreed_coding_exported_says_what_of_it_the_file_cannot_carry(demo_copy, tmp_path):
    """A colleague's copy made from the .qdpx had 'consensus' as a coder like any other:
    `differences consensus` refused, the discussed marks and notes gone, and the export said
    nothing of it."""
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    try:
        ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
        warnings = export_qdpx(ws, tmp_path / "voor-collega.qdpx")
    finally:
        ws.close()
    assert any(w.startswith("the agreed coding consensus is exported as a coder of its own: that it is "
                            "onderzoeker-a's and onderzoeker-b's agreed coding") and "`sto-qual backup` keeps them" in w
               for w in warnings), warnings


def test_a_project_started_from_a_qdpx_holds_its_codebook_only(tmp_path):
    """`init --codebook pilot.qdpx` was refused and `init` always loads the STO codebook: importing
    another tool's project gave its six codes beside the STO's 24."""
    from sto_qual.services import Workspace
    book = tmp_path / "mijn.yaml"
    book.write_text("codebook: pilot\ncodes:\n  - name: samenwerking\n    codes:\n      - name: scholen\n"
                    "  - name: knelpunten\n    codes:\n      - name: geld\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "pilot.db", codebook=book)
    transcript = tmp_path / "R90.txt"
    transcript.write_text("Interviewer: Hoe werken de scholen samen?\n\nJan: We delen een techlab met drie scholen. "
                          "Het geld is elk jaar onzeker.\n", encoding="utf-8")
    assert ws.import_files([transcript]).ok
    ws.assign_code("R90", "samenwerking/scholen", start=ws.document_text(ws.documents()[0].id).index("We delen"),
                   end=ws.document_text(ws.documents()[0].id).index("Het geld") - 1, memo="techlab")
    export_qdpx(ws, tmp_path / "pilot.qdpx")
    ws.close()
    other = Workspace.create(tmp_path / "other.db", codebook=tmp_path / "pilot.qdpx")
    paths = ["knelpunten", "knelpunten/geld", "samenwerking", "samenwerking/scholen"]
    assert sorted(c.path for c in other.codebook()) == paths
    import_qdpx(other, tmp_path / "pilot.qdpx")
    assert sorted(c.path for c in other.codebook()) == paths
    assert [(c.code, c.memo) for c in other.codings()] == [("samenwerking/scholen", "techlab")]
    from sto_qual.domain.errors import CodebookError
    with pytest.raises(CodebookError) as e:  # codebook-import still takes codebook files only
        other.import_codebook(tmp_path / "pilot.qdpx")
    other.close()
    assert "a REFI-QDA project, not a codebook file" in str(e.value)


def test_a_source_name_with_a_bidirectional_override_or_of_thousands_of_characters_is_refused(small_ws, tmp_path):
    """A .qdpx source named "H01\u202etxt.exe" was imported as it was, where `doc-rename` refuses the
    same character: printed as `H01\\u202etxt.exe` it could not be typed back. And `doc-rename` took a
    name of 5,000 characters, which then filled every 'the project has …' line."""
    from sto_qual.domain.errors import StoQualError
    from sto_qual.services import Workspace
    export_qdpx(small_ws, tmp_path / "s.qdpx")
    for bad, said in (("H01\u202etxt.exe", "bidirectional control U+202E"), ("D" * 300, "300 characters long")):
        out = tmp_path / "bad.qdpx"
        with zipfile.ZipFile(tmp_path / "s.qdpx") as zin, zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "project.qde":
                    data = re.sub(rb'(<TextSource [^>]*name=")[^"]*"', lambda m: m[1] + bad.encode() + b'"', data)
                zout.writestr(item, data)
        other = Workspace.create(tmp_path / f"o{len(bad)}.db")
        try:
            summary = other.import_files([out])
            assert not summary.imported and said in str(summary.refused), summary.refused
            assert other.info()["documents"] == 0
        finally:
            other.close()
    with pytest.raises(StoQualError, match="at most 200"):
        small_ws.document_names.rename_document("R90", "D" * 5000)
    assert [d.name for d in small_ws.documents()] == ["R90"]


def test_a_selection_far_past_the_text_is_refused_and_one_just_past_it_is_cut(small_ws, tmp_path):
    """A damaged .qdpx selection 5-99999 of a 229-character source was cut at the text's end and
    imported (exit 0), the coding holding text nobody chose, while a reversed one refused the file.
    Far past the end is refused as damage; a line break or two past it (another program's count of
    the last line) is still cut, with a warning."""
    from sto_qual.services import Workspace
    small_ws.assign_code("R90", "urgentie", unit=small_ws.units("R90")[1].id)
    export_qdpx(small_ws, tmp_path / "s.qdpx")
    n = len(small_ws.document_text("R90"))
    results = {}
    for end in (n + 2, 99999):
        out = tmp_path / f"e{end}.qdpx"
        with zipfile.ZipFile(tmp_path / "s.qdpx") as zin, zipfile.ZipFile(out, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "project.qde":
                    data = re.sub(rb'(<PlainTextSelection [^>]*endPosition=")\d+"', lambda m: m[1] + str(end).encode()
                                  + b'"', data, count=1)
                zout.writestr(item, data)
        other = Workspace.create(tmp_path / f"o{end}.db")
        try:
            results[end] = other.import_files([out])
        finally:
            other.close()
    assert results[n + 2].imported and results[n + 2].imported[0]["codings"] == 1
    assert not results[99999].imported and "lies outside the text" in str(results[99999].refused)
