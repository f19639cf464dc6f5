"""Import at scale: worker processes with one writer, many small documents, and the
co-occurrence over sentence units."""
from __future__ import annotations

import shutil
import sqlite3
from itertools import combinations
from pathlib import Path

import pytest

from sto_qual.services import Workspace

REPO = Path(__file__).resolve().parents[2]
TRANSCRIPTS = REPO / "transcripts"


@pytest.fixture
def new_ws(tmp_path):
    """A new empty project at tmp_path/p.db, closed after the test."""
    ws = Workspace.create(tmp_path / "p.db")
    yield ws
    ws.close()


def _survey(path: Path, n: int, start: int = 0) -> Path:
    rows = ["respondent;regio;antwoord"]
    for i in range(start, start + n):
        rows.append(f"r{i};R{i % 19:02d};Antwoord {i}: de samenwerking met het mbo is dit jaar echt beter "
                    f"geworden, zeker rond stages en de doorlopende leerlijn (fictief).")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _snapshot(ws: Workspace) -> dict:
    """What the project file holds, read as another program reads it."""
    con = sqlite3.connect(str(ws.path))
    q = con.execute
    try:
        return _tables(q)
    finally:
        con.close()


def _tables(q) -> dict:
    return {
        "documents": q("SELECT name, source_file, format, content_hash, text, words, position FROM documents "
                       "ORDER BY position").fetchall(),
        "attributes": q("SELECT d.name, a.key, a.value, a.type FROM attributes a JOIN documents d "
                        "ON d.id = a.document_id ORDER BY d.position, a.key").fetchall(),
        "turns": q('SELECT d.name, t.seq, t.start, t."end", t.speaker, t.time_start FROM turns t JOIN documents d '
                   "ON d.id = t.document_id ORDER BY d.position, t.seq").fetchall(),
        "units": q('SELECT d.name, u.seq, u.start, u."end", u.lemmas, t.seq FROM units u JOIN documents d '
                   "ON d.id = u.document_id JOIN turns t ON t.id = u.turn_id ORDER BY d.position, u.seq").fetchall(),
        "search": q("SELECT d.name, u.seq, f.text, f.folded, f.lemmas FROM units_fts f JOIN units u ON u.id = f.rowid "
                    "JOIN documents d ON d.id = u.document_id ORDER BY d.position, u.seq").fetchall(),
    }


def _inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    shutil.copytree(TRANSCRIPTS, folder, ignore=shutil.ignore_patterns("codings"))
    shutil.copy(folder / "R03.txt", folder / "R03-kopie.txt")  # a duplicate within the same run
    return [folder, _survey(tmp_path / "enquete.csv", 600)]


def test_import_in_worker_processes_stores_exactly_what_one_process_stores(tmp_path):
    inputs = _inputs(tmp_path)
    results = {}
    for workers in (1, 2):
        ws = Workspace.create(tmp_path / f"w{workers}.db")
        calls: list[tuple[int, int]] = []
        summary = ws.import_files(inputs, attributes=TRANSCRIPTS / "attributes.csv",
                                  text_columns=["antwoord"], id_column="respondent", workers=workers,
                                  progress=lambda i, n, name: calls.append((i, n)))
        assert summary.ok, summary.refused
        results[workers] = (summary.as_json(), _snapshot(ws))
        # progress: files stored so far, never backwards, ending at all of them
        n_files = calls[-1][1]
        assert calls[-1] == (n_files, n_files)
        assert [i for i, _ in calls] == sorted(i for i, _ in calls)
        ws.close()
    one, two = results[1], results[2]
    assert one[0] == two[0]
    assert one[1] == two[1]
    summary, snap = two
    assert [s["file"] for s in summary["skipped"]] == ["R03.txt"]  # sorted after R03-kopie.txt
    assert len(summary["imported"]) == 19 + 600
    assert len(snap["units"]) > 3000


def test_a_refused_file_never_stops_the_others_with_workers(tmp_path, new_ws):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("R01.txt", "R02.txt", "R04.docx", "R05.txt", "R07.vtt"):
        shutil.copy(TRANSCRIPTS / name, folder / name)
    (folder / "R99.docx").write_bytes(b"PK\x03\x04 this is not a Word document")
    ws = new_ws
    summary = ws.import_files([folder], workers=2)
    assert [r["file"] for r in summary.refused] == [str(folder / "R99.docx")]
    assert [i["document"] for i in summary.imported] == ["R01", "R02", "R04", "R05", "R07"]
    again = ws.import_files([folder], workers=2)
    assert len(again.skipped) == 5 and not again.imported


def test_one_survey_row_that_cannot_be_stored_refuses_only_itself(tmp_path, new_ws, monkeypatch):
    ws = new_ws
    real = ws.store.documents.add

    def add_document(**kw):
        if kw["name"] == "enquete-r7":
            # fail after the document row is written: its savepoint must take it all back
            real(**{**kw, "name": "half-" + kw["name"], "content_hash": "x" + kw["content_hash"]})
            raise RuntimeError("disk hiccup")
        return real(**kw)

    monkeypatch.setattr(ws.store.documents, "add", add_document)
    summary = ws.import_files([_survey(tmp_path / "enquete.csv", 400)], text_columns=["antwoord"],
                              id_column="respondent", workers=2)
    assert [r["file"] for r in summary.refused] == ["enquete.csv#9"]
    assert "disk hiccup" in summary.refused[0]["error"]
    assert len(summary.imported) == 399
    names = {d.name for d in ws.documents()}
    assert len(names) == 399 and "enquete-r7" not in names and "half-enquete-r7" not in names
    con = sqlite3.connect(str(ws.path))  # no sentence of the refused row was left behind
    assert con.execute("SELECT count(*) FROM units u LEFT JOIN documents d ON d.id = u.document_id "
                       "WHERE d.id IS NULL").fetchone()[0] == 0
    con.close()


def _vm_steps(ws: Workspace, fn) -> int:
    """SQLite virtual-machine instructions spent by ``fn`` (in thousands): a count of work done
    that, unlike a timer, does not depend on how busy the machine is."""
    steps = [0]

    def tick():
        steps[0] += 1
        return 0

    ws.store.conn.set_progress_handler(tick, 1000)
    try:
        fn()
    finally:
        ws.store.conn.set_progress_handler(None, 0)
    return steps[0]


def test_many_small_documents_cost_the_same_each_however_many_are_stored(tmp_path, new_ws):
    """The next position and a free name used to be found by scanning every stored document,
    so storing document N cost O(N)."""
    ws = new_ws
    first = _vm_steps(ws, lambda: ws.import_files([_survey(tmp_path / "a.csv", 300)], workers=1))
    # fill the project with 3,000 more documents straight through the store (no spaCy needed)
    with ws.store.transaction():
        for i in range(3000):
            text = f"Vulling {i} met wat tekst erin, ook met een paar woorden meer dan nodig."
            ws.store.documents.add(name=f"vul-{i}", source_file=f"vul-{i}.txt", format="text",
                                   content_hash=f"hash-{i}", text=text * 40, words=14 * 40, attributes={},
                                   turns=[(0, len(text) * 40, None, None, None)],
                                   units=[(0, 0, len(text), "vulling")], folded=[text])
    later = _vm_steps(ws, lambda: ws.import_files([_survey(tmp_path / "b.csv", 300, start=300)], workers=1))
    assert later < first * 1.3, (first, later)


def test_a_thousand_files_with_the_same_name_get_numbered_in_linear_time(tmp_path, new_ws, monkeypatch):
    files = []
    for i in range(40):
        d = tmp_path / f"map{i}"
        d.mkdir()
        f = d / "interview.txt"
        f.write_text(f"Interviewer: Vraag {i}?\n\nJan: Antwoord nummer {i}, fictief.\n", encoding="utf-8")
        files.append(f)
    ws = new_ws
    looked = [0]
    real = ws.store.documents.name_taken

    def name_taken(name):
        looked[0] += 1
        return real(name)

    monkeypatch.setattr(ws.store.documents, "name_taken", name_taken)
    summary = ws.import_files(files, workers=1)
    assert [i["document"] for i in summary.imported] == ["interview"] + [f"interview-{n}" for n in range(2, 41)]
    assert looked[0] <= 2 * len(files)  # was 1 + 2 + ... + 40 = 820


# ----------------------------------------------------------------- co-occurrence
def _straightforward_cooccurrence(ws: Workspace, coder=None, rollup=False, docs=None) -> list[dict]:
    """Per sentence unit and coder, the codes that coder has a coding of overlapping it;
    every pair of them; a unit counted once per pair whichever coders had it. ``c``: the pair's
    units over the units with either code (any of the coders)."""
    units: dict[tuple[str, str], int] = {}
    own: dict[str, int] = {}
    documents: dict[tuple[str, str], set[str]] = {}
    codings = ws.codings(coder=coder)
    for d in ws.documents():
        if docs is not None and d.name not in docs:
            continue
        mine = [c for c in codings if c.doc == d.name]
        for u in ws.units(d.id):
            for path in {c.code.split("/")[0] if rollup else c.code for c in mine if c.start < u.end and c.end > u.start}:
                own[path] = own.get(path, 0) + 1
            pairs = set()
            for who in {c.coder for c in mine}:
                paths = {c.code.split("/")[0] if rollup else c.code for c in mine
                         if c.coder == who and c.start < u.end and c.end > u.start}
                pairs |= set(combinations(sorted(paths), 2))
            for pair in pairs:
                units[pair] = units.get(pair, 0) + 1
                documents.setdefault(pair, set()).add(d.name)
    return sorted(({"code_a": a, "code_b": b, "units": n, "documents": len(documents[(a, b)]),
                    "c": round(n / (own[a] + own[b] - n), 4)}
                   for (a, b), n in units.items()), key=lambda r: (r["code_a"], r["code_b"]))


@pytest.mark.parametrize("rollup", [False, True])
def test_cooccurrence_equals_the_straightforward_computation(demo_ws, rollup):
    got = demo_ws.cooccurrence(rollup=rollup).to_dict("records")
    assert sorted(got, key=lambda r: (r["code_a"], r["code_b"])) == _straightforward_cooccurrence(demo_ws, rollup=rollup)
    assert [r["units"] for r in got] == sorted((r["units"] for r in got), reverse=True)
    assert len(got) >= (3 if rollup else 15)


def test_cooccurrence_with_a_coder_and_an_attribute_filter(demo_ws):
    got = demo_ws.cooccurrence(coder="onderzoeker-a", where={"region_type": "landelijk"}).to_dict("records")
    landelijk = {d.name for d in demo_ws.documents() if d.attributes.get("region_type") == "landelijk"}
    want = _straightforward_cooccurrence(demo_ws, coder="onderzoeker-a", docs=landelijk)
    assert sorted(got, key=lambda r: (r["code_a"], r["code_b"])) == want and want


def test_worker_import_refuses_the_open_project_and_control_characters(tmp_path):
    """With workers, the same refusals as one process: the open project file itself (never
    read), a transcript with a terminal escape in its text (checked where it is parsed); the
    other files are stored in order."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("R01.txt", "R02.txt", "R05.txt"):
        shutil.copy(TRANSCRIPTS / name, folder / name)
    (folder / "R03.txt").write_text("Interviewer: Hoe gaat het?\n\nMarieke: Goed \x1b[2J (fictief).\n",
                                    encoding="utf-8")
    ws = Workspace.create(folder / "R00-project.txt")  # the project sits among the transcripts
    try:
        summary = ws.import_files([folder], workers=2)
        refused = {Path(r["file"]).name: r["error"] for r in summary.refused}
        assert set(refused) == {"R00-project.txt", "R03.txt"}
        assert "open sto_qual project" in refused["R00-project.txt"]
        assert "U+001B" in refused["R03.txt"] and ":3:" in refused["R03.txt"]
        assert [i["document"] for i in summary.imported] == ["R01", "R02", "R05"]
        assert not any("\x1b" in ws.document_text(d.id) for d in ws.documents())
    finally:
        ws.close()


def test_speakers_without_a_role_are_named_in_one_warning(tmp_path):
    """A misspelt label ("Mariek" for "Marieke") became a speaker without a role and was later
    quoted as "een stuurgroeplid" without a word at import."""
    from sto_qual.services import Workspace
    f = tmp_path / "W01.txt"
    f.write_text("Interviewer: Hoe staat het ervoor?\n\nMarieke: De urgentie is groot.\n\n"
                 "Mariek: Dat klopt, we hebben de mensen niet.\n", encoding="utf-8")
    roles = tmp_path / "roles.csv"
    roles.write_text("speaker,role\nMarieke,bestuurder\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    try:
        summary = ws.import_files([f], role_map=roles)
    finally:
        ws.close()
    said = [w for w in summary.warnings if "without a role" in w]
    assert said == ["1 speaker without a role, quoted as 'een stuurgroeplid': Mariek (W01; a typo of Marieke?) (give "
                    "one with `sto-qual role LABEL ROLE [--doc D]` or --role-map; a typo is renamed with `sto-qual "
                    "speaker-rename Mariek Marieke --doc W01`)"], summary.warnings


def test_a_misspelt_speaker_is_named_a_typo_without_a_role_map_too(tmp_path):
    """Without a role map, "Henriete" (one turn) beside "Henriëtte" (many) was listed as one more
    speaker without a role, no typo said and no speaker-rename named."""
    from sto_qual.services import Workspace
    f = tmp_path / "W01.txt"
    f.write_text("Interviewer: Hoe gaat het?\n\nHenriëtte: Goed.\n\nInterviewer: En de school?\n\nHenriete: Die "
                 "draait.\n\nInterviewer: En verder?\n\nHenriëtte: Prima.\n\nPieter: Eens.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    try:
        summary = ws.import_files([f])
    finally:
        ws.close()
    [said] = [w for w in summary.warnings if "without a role" in w]
    assert "Henriete (W01; a typo of Henriëtte?)" in said and "Pieter (W01)" in said, said  # one turn, no like one
    assert "`sto-qual speaker-rename Henriete 'Henriëtte' --doc W01`" in said
