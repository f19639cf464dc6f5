"""Backups and restore."""
from __future__ import annotations

import datetime as _dt
import os
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from sto_qual.domain.errors import ProjectError, StoQualError
from sto_qual.store import check_backup, copy_database
from sto_qual.store.backups import project_of, restore_in_place


def backup_of(backup: str | Path) -> Path | None:
    """The project beside ``backup`` that it was made of (``store.backups.project_of``), or None."""
    return project_of(Path(backup).resolve())


def same_file(a: str | Path, b: str | Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def restore_target(project: str, backup: str, given: bool) -> tuple[str, Path | None]:
    """The project a restore replaces, and the one ``backup``'s name says it was made of.
    ``given``: --project (or STO_QUAL_PROJECT) named it. Else, with no project file here, the
    backup's own beside it ("demo.pre-merge-….db": demo.db); refused with none, or when this
    folder's project is not the backup's. Run as a message printed it from another folder,
    `restore demo.pre-merge-….db` made a new sto-qual.db there (or replaced the one there)."""
    made_of = backup_of(backup)
    if given:
        return project, made_of
    if Path(project).exists():  # this folder's sto-qual.db, while the backup names another project
        if made_of is not None and not same_file(made_of, project):
            raise StoQualError(f"{backup} is a backup of {made_of}, not of {project} in this folder",
                               hint=f"give the project to replace with --project ({made_of}, or {project})")
        return project, made_of
    if made_of is None:
        raise StoQualError(f"there is no project {project} here to restore into",
                           hint="give the project the backup is to replace with --project FILE")
    return str(made_of), made_of


def check_restore_source(backup: str | Path, project: str | Path | None = None) -> None:
    """Refuse a file that is not a usable sto_qual project, the project itself (restoring it
    from itself waited forever on its own lock), and a ``project`` another program has open,
    before a restore asks anything."""
    check_backup(Path(backup))
    if project is not None and Path(project).exists():
        _not_itself(Path(project), Path(backup))
        from sto_qual.store.backups import refuse_if_open
        refuse_if_open(Path(project))


def foreign_backup(project: str | Path, backup: str | Path) -> str | None:
    """A warning when ``backup`` is another project's file, not a backup of this one (`restore`
    took it without a word): it holds none of the project's interviews, or its history starts
    apart from the project's and it holds interviews the project does not (a demo's backup
    restored over a four-interview study). Else None."""
    from sto_qual.store.db import document_hashes, history_start
    project, backup = Path(project), Path(backup)
    if not project.exists():
        return None
    here, there = document_hashes(project), document_hashes(backup)
    if here and not there:  # a new, empty project restored over the study: every coding went without a word
        return (f"{backup} holds no interviews, where {project} has {len(here)}: it is an empty project, "
                "not a backup of this one, and restoring it empties the project")
    if here and there and not here & there:
        return (f"{backup} holds none of the {len(here)} interviews of {project}: it is another project, "
                "not a backup of this one")
    mine, theirs = history_start(project), history_start(backup)
    if mine is not None and theirs is not None and mine != theirs:
        if there - here:
            return (f"{backup} is no backup of {project} (its history starts apart from this project's) and holds "
                    f"{len(there - here)} interviews {project} does not have: restoring makes the project that other "
                    "one")
        if len(there) < len(here):  # a one-interview project of its own: 19 interviews became 1, unsaid
            return (f"{backup} is no backup of {project} (its history starts apart from this project's) and holds "
                    f"{len(there)} of its {len(here)} interviews: restoring makes the project that other one")
        # the same interviews, imported and coded apart (a second coder's own project): its codings, not these
        return (f"{backup} is no backup of {project}: its history starts apart from this project's (a project made "
                "from the same interviews on its own); restoring makes the project that other one, its codings "
                "instead of these")
    return None


def restore_changes(project: str | Path, backup: str | Path, done: bool = False) -> tuple[str, dict[str, int]]:
    """What restoring ``backup`` over ``project`` takes away and brings back, in words ("32 codings made
    since then go (23 by anna, 8 by bram, 1 by carla) and 2 removed since then come back"; ``done``: "went", "came";
    "" when neither), and per coder the codings made since (ids are never handed out twice, so a coding the
    backup lacks was made after it). The question asked only whether to undo "every change", which a
    coder's 23 codings were."""
    counted = restore_counts(project, backup)
    return restore_words(counted, done), dict(counted[0])


class RestoreCounts(NamedTuple):
    made: Counter[str]  # codings made since the backup, per coder (every coding, restoring another project)
    back: int  # codings removed since that come back (the other project's codings)
    changed: int  # codings both hold changed since
    apart: bool = False  # the file is another project's (its history starts apart): its ids name other codings


def restore_counts(project: str | Path, backup: str | Path) -> RestoreCounts:
    """(codings made since ``backup`` per coder, codings removed since, codings both hold that were changed since:
    their memo, star, code or span) of ``project``: read once for the question and the line after the restore (the
    files were read again to say it in the past tense). A coordinator asked whether the memos and stars given since
    go too: the question counted the codings made and removed only."""
    from sto_qual.store.db import coding_owners, coding_states, history_start
    here, there = coding_owners(Path(project)), coding_owners(Path(backup))
    if here is None or there is None:  # (a file it cannot read now: nothing counted, rather than all of it)
        return RestoreCounts(Counter(), 0, 0)
    mine, theirs = history_start(Path(project)), history_start(Path(backup))
    if None not in (mine, theirs) and mine != theirs:  # another project: #1 there is no #1 here (747 "made since")
        return RestoreCounts(Counter(here.values()), len(there), 0, apart=True)
    now, then = coding_states(Path(project)) or {}, coding_states(Path(backup)) or {}
    changed = sum(1 for i, state in now.items() if i in then and then[i] != state)
    return RestoreCounts(Counter(c for i, c in here.items() if i not in there), sum(1 for i in there if i not in here),
                         changed)


def restore_words(counted: RestoreCounts, done: bool = False) -> str:
    """``restore_counts`` in words, as the question says them or (``done``) the line after the restore."""
    from sto_qual.domain.text import plural
    made, back, changed, apart = counted
    n = sum(made.values())
    parts = [f"{'all ' * (apart and n > 1)}{plural(n, 'coding')}{' made since then' * (not apart)} "
             f"{'went' if done else 'go' if n > 1 else 'goes'} ("
             + ", ".join(f"{k} by {c}" for c, k in made.most_common()) + ")"] if made else []
    if apart and back:  # the other project's codings, none of them this project's
        parts.append(f"its {plural(back, 'coding')} {'came' if done else 'come' if back > 1 else 'comes'} in")
    elif back:
        verb = "came" if done else "come" if back > 1 else "comes"
        parts.append(f"{plural(back, 'coding')} removed since then {verb} back")
    if changed:  # a memo, a star, a recode or a resize given since
        verb = "went" if done else "go" if changed > 1 else "goes"
        parts.append(f"{plural(changed, 'coding')} changed since then (a memo, star, code or span) {verb} back to "
                     "what the backup holds")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def restore_backup(project: str | Path, backup: str | Path, said: dict | None = None) -> Path | None:
    """Replace the content of ``project`` with ``backup`` (checked first); the current state is
    kept beside it as an automatic ``pre-restore`` backup. Refused while another program has
    the project open (see ``restore_in_place``). ``said``: what the coders who open it next are told
    (with the time and the files, kept in the restored project)."""
    project, backup = Path(project), Path(backup)
    check_backup(backup)
    if not project.exists():
        tmp = project.with_name(f".{project.name}.restore-{os.getpid()}")
        copy_database(backup, tmp)
        os.replace(tmp, project)
        return None
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    _not_itself(project, backup)
    kept = project.with_name(f"{project.stem}.pre-restore-{stamp}{project.suffix}")
    note = None if said is None else {**said, "at": _dt.datetime.now().isoformat(timespec="seconds"),
                                      "backup": backup.name, "kept": str(kept.resolve())}
    restore_in_place(project, backup, kept, said=note)
    return kept


def _not_itself(project: Path, backup: Path) -> None:
    """Restoring a project from itself waited forever on its own lock, leaving a pre-restore
    copy behind at every try."""
    if project.resolve() == backup.resolve():
        raise ProjectError(f"{backup}: that is the project itself, not a backup of it",
                           hint="name a backup file; `sto-qual backup -o FILE` makes one")


def backups_of(project: str | Path, occasions: dict[str, str] | None = None) -> list[dict[str, object]]:
    """The project's backups beside it, newest first (``store.backups.listed_backups``); with
    ``occasions`` (``backup_occasions``), each one's ``before``: what it was made before."""
    from sto_qual.store.backups import listed_backups
    rows = listed_backups(Path(project).resolve())
    return [{**r, "before": (occasions or {}).get(Path(str(r["file"])).name, "")} for r in rows]


def backup_occasions(ws) -> dict[str, str]:
    """A backup's file name -> what it was made before, from the audit line of the change that made
    it: "merging anna.db", "code-merge urgentie/krimp into …", "code-delete …". A data manager could
    not tell which of six "before a merge" was the one before Carla's copy."""
    from sto_qual.store.backups import backup_files
    from sto_qual.store.db import backups_named_in
    out: dict[str, str] = {}
    # the project's log, and each copy's beside it: after a restore the project's log ends where the backup's did,
    # and a pre-restore copy still says what the backups made after it were for (`backups` had forgotten)
    lines = [line for b in backup_files(Path(str(ws.path)).resolve()) for line in backups_named_in(b)]
    for action, entity, d in lines + ws.store.audit.backups_named():
        what = {("merge", "project"): lambda: f"merging {Path(str(d.get('from'))).name}",
                ("merge", "code"): lambda: f"code-merge {d.get('from')} into {d.get('into')}",
                ("delete", "code"): lambda: f"code-delete {d.get('path')}"}.get((action, entity))
        if what is not None:
            out[Path(str(d["backup"])).name] = what()
    return out


def taken_back_by(backup: str | None, project: object, otherwise: str) -> str:
    """How a change made with a ``backup`` is taken back: its restore, "takes it back"; ``otherwise`` without one;
    the file gone, why and that it no longer is (an undo offered the restore of a merge's backup delete-doc had
    removed, and the restore then said the newest ten are kept)."""
    from sto_qual.domain.names import restore_command
    if not backup:
        return otherwise
    # (kept as the command was given it, relative to where it ran: beside the project it is)
    path = Path(backup) if Path(backup).is_absolute() else Path(str(project)).parent / Path(backup).name
    if path.exists():
        return f"{restore_command(str(path), project)} takes it back"
    return "no restore takes it back now: its backup " + (gone_backup(str(path)) or "it is gone").removeprefix("it ")


def gone_backup(path: str) -> str | None:
    """What to say of a file that is not there but is named as a backup of a project beside it
    (``NAME.pre-merge-…db``): gone, and where the ones there are are listed. A restore a merge had
    printed was answered "did you mean" a backup of another moment."""
    import shlex

    from sto_qual.store.backups import project_of
    from sto_qual.store.db import purged_backups
    project = project_of(Path(path))
    if project is None:
        return None
    went = purged_backups(project).get(Path(path).name) if project.exists() else None
    if went is not None:  # (a methodologist read "the newest ten are kept" of the one delete-doc removed)
        return (f"it went with the delete of interview {went[0]} ({went[1][:16].replace('T', ' ')} UTC): delete-doc "
                "removes the automatic backups that hold an interview, so that none keeps it")
    return ("it is gone: of the automatic backups of each kind the newest ten and the first are kept "
            f"(`sto-qual backups --project {shlex.quote(str(project))}` lists those there are, with what each was "
            "made before)")
