"""`backups` lists a project's copies beside it, and a merge names the command that takes it
back: a lead found `sto-qual backups` named in undo's note, and no such command."""
from __future__ import annotations

import json
import re
from pathlib import Path

from cli_runner import sq


def _copy_with_a_new_coding(project, tmp_path, name="bram.db"):
    copy = tmp_path / name
    assert sq("backup", "-p", project, "-o", copy).returncode == 0
    r = sq("code", "-p", copy, "--doc", "R05", "--code", "urgentie/docententekort", "--sentence", "12",
           "--coder", "bram")
    assert r.returncode == 0, r.stderr
    return copy


def test_backups_lists_the_copies_beside_the_project_newest_first(demo_copy, tmp_path):
    empty = sq("backups", "-p", demo_copy)
    assert empty.returncode == 0 and empty.stdout.startswith("no backups beside"), empty.stdout
    assert sq("backup", "-p", demo_copy).returncode == 0  # demo.backup-….db
    copy = _copy_with_a_new_coding(demo_copy, tmp_path)
    merged = sq("merge", "-p", demo_copy, copy)
    assert merged.returncode == 0, merged.stderr
    rows = json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)
    assert [r["kind"] for r in rows] == ["before a merge", "backup"]  # newest first; bram.db is no backup of it
    assert set(rows[0]) == {"file", "kind", "made", "bytes", "documents", "codings", "before"}
    assert rows[0]["documents"] == 19 and rows[0]["codings"] == rows[1]["codings"]  # the state before the merge
    table = sq("backups", "-p", demo_copy)
    assert "before a merge" in table.stdout and "restore -p" in table.stderr
    missing = sq("backups", "-p", tmp_path / "nothere.db")
    assert missing.returncode == 1 and "no such project" in missing.stderr


def test_a_merge_names_the_restore_that_takes_it_back_and_a_second_says_nothing_new(demo_copy, tmp_path):
    copy = _copy_with_a_new_coding(demo_copy, tmp_path)
    mine = sq("code", "-p", demo_copy, "--doc", "R06", "--code", "urgentie/docententekort", "--sentence", "9",
              "--coder", "onderzoeker-a")  # the step an undo after the merges takes back
    assert mine.returncode == 0, mine.stderr
    first = sq("merge", "-p", demo_copy, copy)
    m = re.search(r"backup before the merge: (\S+)\n", first.stdout)
    assert m, first.stdout
    assert f"note: `sto-qual restore -p {demo_copy.resolve()} {m.group(1)}` takes the merge back (with every change made after it)" in first.stderr
    again = sq("merge", "-p", demo_copy, copy)
    assert again.returncode == 0 and "backup before" not in again.stdout
    assert f"nothing new in {copy}" in again.stderr, again.stderr
    # an undo after them names the restore of the first and passes over the second, which changed nothing
    undo = sq("undo", "-p", demo_copy, "--coder", "onderzoeker-a")
    assert undo.returncode == 0, undo.stderr
    notes = [line for line in undo.stderr.splitlines() if "the merge of" in line]
    assert len(notes) == 1 and f"restore -p {demo_copy.resolve()} {m.group(1)}" in notes[0], undo.stderr


def test_a_merge_or_restore_of_another_project_sharing_some_interviews_says_it_is_no_copy(demo_copy, tmp_path):
    """A lead merged the demo into her four-interview study (they share four interviews): 181
    codings came in with "not placed" lines for the other interviews, and restoring the demo's
    backup over the study replaced it without a word."""
    study = tmp_path / "study.db"
    assert sq("init", "-p", study).returncode == 0
    from pathlib import Path
    corpus = Path(__file__).resolve().parents[2] / "transcripts"
    assert sq("import", "-p", study, *(corpus / f"R0{i}.txt" for i in (1, 2, 3, 5))).returncode == 0
    merged = sq("merge", "-p", study, demo_copy)
    assert merged.returncode == 1
    first = next(line for line in merged.stderr.splitlines() if line.startswith("not placed: "))
    assert first.startswith(f"not placed: {demo_copy.name} is no copy of this project"), merged.stderr
    # what came in all the same (a data manager read "no copy" beside "added codings 1" and took it for refused)
    assert "its codings of the 4 interviews both hold (matched by their text) are merged all the same" in first
    restored = sq("restore", "-p", study, demo_copy, "--yes")
    assert restored.returncode == 0
    assert f"warning: {demo_copy} is no backup of {study}" in restored.stderr, restored.stderr
    # every coding went and the other's came in: ids of another project name other codings ("747 made since then
    # went … and 1 coding changed since then" of a 748-coding project), and a merge of it back is no way back
    went = int(re.search(r"note: all (\d+) codings went", restored.stderr).group(1))
    assert went == int(re.search(r"added codings\s+(\d+)", merged.stdout).group(1))
    assert "and its 742 codings came in" in restored.stderr and "made since then" not in restored.stderr
    assert "`sto-qual merge" not in restored.stderr
    # a copy of the project (now the demo) merged back is no other project: no such line
    copy = tmp_path / "bram.db"
    assert sq("backup", "-p", study, "-o", copy).returncode == 0
    assert "is no copy" not in sq("merge", "-p", study, copy).stderr


def test_the_merge_table_counts_what_it_left_as_here_and_a_resize_it_followed_is_said_so(demo_copy, tmp_path):
    """A coding removed and one unstarred in a coder's copy were said only on stderr ("kept: …"), and the
    table's counts had no line for them; a resize the merge did follow was called "kept" too."""
    import shutil
    copy = tmp_path / "anna.db"
    shutil.copy(demo_copy, copy)
    mine = json.loads(sq("codings", "-p", copy, "--coder", "onderzoeker-a", "--doc", "R03", "--format", "json").stdout)
    assert sq("uncode", str(mine[0]["id"]), "-p", copy, "--coder", "onderzoeker-a").returncode == 0
    c = mine[1]
    assert sq("resize", str(c["id"]), "--start", str(c["start"]), "--end", str(c["end"] - 2), "-p", copy,
              "--coder", "onderzoeker-a").returncode == 0
    done = sq("merge", str(copy), "-p", demo_copy)
    assert re.search(r"^left as here \(kept: lines\) +1$", done.stdout, re.M), done.stdout
    assert re.search(r"^resized as in the copy +1$", done.stdout, re.M), done.stdout
    assert f"kept: coding #{mine[0]['id']} " in done.stderr and "was removed in anna.db" in done.stderr, done.stderr
    assert f"followed: coding #{c['id']} " in done.stderr and "was resized in anna.db" in done.stderr, done.stderr


def test_the_restore_backups_suggests_runs_as_printed_from_a_folder_with_a_space(demo_copy, tmp_path):
    """`backups -p "Team map/Anna kopie.db"` printed `sto-qual restore -p Team map/Anna kopie.db
    FILE`: run as printed, restore said "File 'map/Anna' does not exist"."""
    import shlex
    import shutil
    folder = tmp_path / "Team map"
    folder.mkdir()
    project = shutil.copy(demo_copy, folder / "Anna kopie.db")
    assert sq("backup", "-p", project).returncode == 0
    listed = sq("backups", "-p", project)
    command = re.search(r"`(sto-qual restore [^`]*)`", listed.stderr).group(1)
    backup = json.loads(sq("backups", "-p", project, "--format", "json").stdout)[0]["file"]
    words = shlex.split(command.replace("FILE", shlex.quote(str(backup))))
    assert words[words.index("-p") + 1] == str(project), command


def test_backups_name_the_copy_a_merge_brought_and_a_pruned_one_is_said_gone_not_another(demo_copy, tmp_path):
    """A data manager's merges pruned the backups earlier merges had named, unsaid; `restore` of one
    answered "did you mean" a backup of another moment; and `backups` listed six "before a merge"
    without saying which copy each came before."""
    import shutil
    for day in range(10, 21):  # eleven older backups before a merge (the first of them is always kept)
        shutil.copy(demo_copy, tmp_path / f"demo.pre-merge-202611{day}-120000.db")
    copy = _copy_with_a_new_coding(demo_copy, tmp_path)
    merged = sq("merge", "-p", demo_copy, copy)
    assert merged.returncode == 0, merged.stderr
    assert ("note: 1 older backup made before a merge removed (demo.pre-merge-20261111-120000.db): the newest ten "
            "and the first are kept") in merged.stderr, merged.stderr
    assert (tmp_path / "demo.pre-merge-20261110-120000.db").exists()  # the first
    rows = json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)
    assert rows[0]["before"] == "merging bram.db" and len(rows) == 11
    gone = sq("restore", "-p", demo_copy, tmp_path / "demo.pre-merge-20261111-120000.db")
    assert gone.returncode == 2 and "it is gone: of the automatic backups of each kind the newest ten" in gone.stderr
    assert "did you mean" not in gone.stderr


def test_a_restore_names_the_command_that_takes_it_back_and_a_new_project_in_a_spaced_folder_runs(demo_copy, tmp_path):
    """`restore` said "previous kept as …" without the command; `init --project /tmp/Team map/nieuw.db`
    was offered unquoted, and run as printed it gave "two project files given"."""
    import shlex
    assert sq("backup", "-p", demo_copy).returncode == 0
    backup = json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)[0]["file"]
    done = sq("restore", "-p", demo_copy, tmp_path / backup, "--yes")
    assert done.returncode == 0, done.stderr
    command = re.search(r"note: `(sto-qual restore [^`]*)` takes this restore back", done.stderr).group(1)
    assert shlex.split(command)[3] == str(demo_copy.absolute())
    folder = tmp_path / "Team map"
    folder.mkdir()
    missing = sq("info", "--project", folder / "nieuw.db")
    offered = re.search(r"`(sto-qual init [^`]*)`", missing.stderr).group(1)
    assert shlex.split(offered)[-1] == str(folder / "nieuw.db"), offered


def test_a_reference_coder_who_coded_part_of_the_interviews_is_said_with_the_way_back(demo_copy):
    """A data manager followed a merge's suggested `reference-coder carla`; it said only "reference
    coder: carla", who had coded 2 passages in 2 of 19 interviews: the chapter would count almost nothing."""
    r = sq("reference-coder", "onderzoeker-b", "-p", demo_copy)
    assert r.returncode == 0 and r.stdout.strip() == "reference coder: onderzoeker-b"
    assert ("note: onderzoeker-b made 208 codings in 6 of the 19 interviews: stats and the chapter count only "
            "onderzoeker-b's codings") in r.stderr, r.stderr
    assert f"`sto-qual reference-coder onderzoeker-a --project {demo_copy}` counts onderzoeker-a's again" in r.stderr
    assert "note:" not in sq("reference-coder", "onderzoeker-a", "-p", demo_copy).stderr  # she coded all 19


def test_pseudonyms_add_says_whether_the_name_was_there_and_what_it_replaced_it_by(demo_copy):
    """`pseudonyms add` of a name on the list printed it as new, and a changed replacement hid the old one."""
    said = [sq("pseudonyms", "add", "Joost Zwartewaal", r, "-p", demo_copy).stdout.strip()
            for r in ("[a]", "[a]", "[b]")]
    assert said == ["Joost Zwartewaal -> [a]", "Joost Zwartewaal -> [a] (already on the list so)",
                    "Joost Zwartewaal -> [b] (was [a])"]


def test_a_restore_counts_whose_codings_it_undoes_and_the_coders_are_told_when_they_open_it(demo_copy, tmp_path):
    """A data-safety tester restored a backup while anna had coded 23 passages since: the question said only
    "every change made since that backup is undone", and anna reopened the workbench on "0 codings by anna"
    with nothing said of the restore or of the file that kept her work."""
    from sto_qual.services import Workspace
    assert sq("backup", "-p", demo_copy).returncode == 0
    backup = tmp_path / json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)[0]["file"]
    for s in ("10", "11", "12"):
        assert sq("code", "R03", "urgentie", "--sentence", s, "--coder", "anna", "--new-coder",
                  "-p", demo_copy).returncode == 0
    assert sq("code", "R04", "urgentie", "--sentence", "5", "--coder", "bram", "--new-coder",
              "-p", demo_copy).returncode == 0
    assert sq("uncode", "5", "-p", demo_copy).returncode == 0  # one of onderzoeker-a's: the backup brings it back
    asked = sq("restore", "-p", demo_copy, backup, input="n\n")
    assert asked.returncode == 1
    assert ("Every change made since that backup is undone: 4 codings made since then go (3 by anna, 1 by bram) and "
            "1 coding removed since then comes back") in asked.stdout, asked.stdout
    done = sq("restore", "-p", demo_copy, backup, "--yes")
    assert done.returncode == 0, done.stderr
    kept = re.search(r"previous kept as (\S+)\)", done.stdout).group(1)
    assert "note: 4 codings made since then went (3 by anna, 1 by bram) and 1 coding removed since then came back" \
        in done.stderr, done.stderr
    assert f"`sto-qual merge {kept} --project {demo_copy}` brings the codings made since that backup back" \
        in done.stderr
    ws = Workspace.open(demo_copy)
    said = ws.session.restore_said("anna")
    assert said.startswith("This project was restored on ") and f"from {backup.name}: " in said, said
    assert (f"the project as it was before, with what was made after that backup (your 3 codings among it), is kept "
            f"in {Path(kept).resolve()}: `sto-qual merge {Path(kept).resolve()} --project {demo_copy}` brings the "
            "codings back") in said, said
    assert ws.session.restore_said("anna") is None  # once
    assert "your" not in ws.session.restore_said("onderzoeker-a")
    ws.close()
    merged = sq("merge", "-p", demo_copy, kept)  # as the note says: anna's and bram's codings come back
    assert merged.returncode == 0, merged.stderr
    rows = json.loads(sq("codings", "-p", demo_copy, "--format", "json").stdout)
    assert sum(r["coder"] == "anna" for r in rows) == 3 and sum(r["coder"] == "bram" for r in rows) == 1


def test_a_restore_counts_the_memos_stars_and_recodes_given_since_too(demo_copy, tmp_path):
    """A coordinator asked whether the memos and stars given since a backup go with a restore: the question counted
    only the codings made and removed since."""
    assert sq("backup", "-p", demo_copy).returncode == 0
    backup = tmp_path / json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)[0]["file"]
    assert sq("star", "7", "-p", demo_copy).returncode == 0
    assert sq("memo", "8", "Zie ook R05.", "-p", demo_copy).returncode == 0
    assert sq("star", "8", "-p", demo_copy).returncode == 0  # the same coding twice: one coding changed
    asked = sq("restore", "-p", demo_copy, backup, input="n\n")
    assert ("Every change made since that backup is undone: 2 codings changed since then (a memo, star, code or "
            "span) go back to what the backup holds") in asked.stdout, asked.stdout
    done = sq("restore", "-p", demo_copy, backup, "--yes")
    assert done.returncode == 0 and "note: 2 codings changed since then (a memo, star, code or span) went back" \
        in done.stderr, done.stderr
    codings = {c["id"]: c for c in json.loads(sq("codings", "--format", "json", "-p", demo_copy).stdout)}
    assert not codings[7]["starred"] and codings[8]["memo"] is None


def test_backups_still_say_what_a_merge_backup_was_for_after_a_restore(demo_copy, tmp_path):
    """After the data manager restored a backup, `backups` listed the merges' backups with an empty "before":
    the project's log, put back, ends before them (the copy made before the restore still holds it)."""
    copy = _copy_with_a_new_coding(demo_copy, tmp_path)
    assert sq("merge", "-p", demo_copy, copy).returncode == 0
    merge_backup = json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)[0]
    assert merge_backup["before"] == "merging bram.db"
    assert sq("restore", "-p", demo_copy, merge_backup["file"], "--yes").returncode == 0
    rows = {Path(r["file"]).name: r for r in json.loads(sq("backups", "-p", demo_copy, "--format", "json").stdout)}
    assert rows[Path(merge_backup["file"]).name]["before"] == "merging bram.db", rows


def test_a_project_made_apart_from_the_same_interviews_is_said_so_when_merged_or_restored(demo_copy, tmp_path):
    """A second demo built on its own (a second coder's project of the same nineteen interviews): its merge said
    nothing of being no copy, and its restore asked "Every change made since that backup is undone" with no
    warning that it was no backup at all."""
    other = tmp_path / "apart.db"
    assert sq("demo", "--no-tui", "--project", other).returncode == 0
    merged = sq("merge", "-p", demo_copy, other)
    assert merged.returncode == 0, merged.stderr  # every interview placed: a note, not a failure
    assert "note: apart.db is no copy of this project (its history starts apart from this project's): its codings " \
           "of the 19 interviews both hold (matched by their text) are merged all the same" in merged.stderr
    restored = sq("restore", "-p", demo_copy, other, input="n\n")
    assert f"warning: {other} is no backup of {demo_copy}: its history starts apart from this project's" \
        in restored.stderr, restored.stderr
    assert "Every coding of the project is replaced by the file's: all " in restored.stdout + restored.stderr
