"""Whole transcripts with the pseudonym list applied, for an archive's deposit or a secondary researcher:
every other export holds coded passages only, and a data steward rebuilt the interviews by coding each
turn with a code of its own. Each interview is one plain-text file, its speakers under their roles."""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.anonymise import cut_contact_details, without_article
from sto_qual.domain.errors import ExportError
from sto_qual.domain.names import file_part
from sto_qual.domain.text import first_few
from sto_qual.report.files import remember_written, text_digest, written_record
from sto_qual.services.quote_checks import count_warnings

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

HEADER = ("Geanonimiseerd transcript: {name}. De namen op de pseudoniemenlijst van het project zijn vervangen; "
          "elke spreker staat onder haar rol.")


def speaker_labels(turns: Sequence[Any]) -> dict[str, str]:
    """Each speaker's label in the file: her role ("bestuurder"), numbered in the order they first speak
    where two or more of one interview share it ("bestuurder 1", "bestuurder 2"); "deelnemer" without one.
    A name used as a label is the first thing that points to a person."""
    first: dict[str, str] = {}
    for t in turns:
        if t.speaker and t.speaker not in first:
            first[t.speaker] = (t.role or "deelnemer").strip() or "deelnemer"
    shared = Counter(first.values())
    seen: Counter[str] = Counter()
    out = {}
    for speaker, role in first.items():
        seen[role] += 1
        out[speaker] = f"{role} {seen[role]}" if shared[role] > 1 else role
    return out


def transcript_text(ws: Project, doc_id: int, name: str, anon) -> tuple[str, list[tuple[tuple, str, str]]]:
    """The interview as its file holds it, and its turns as printed (for the names the list missed)."""
    text = ws.document_text(doc_id)
    turns = ws.turns(doc_id)
    labels = speaker_labels(turns)
    said = without_article(anon)
    parts, printed = [HEADER.format(name=name)], []
    for t in turns:
        words = said(cut_contact_details(text, t.start, t.end)).strip()
        if not words:
            continue
        when = f"[{t.time_start}] " if t.time_start else ""
        who = labels.get(t.speaker or "")
        parts.append(f"{when}{who}: {words}" if who else f"{when}{words}")
        printed.append(((doc_id,), words, f"{name} (turn {t.seq + 1})"))  # numbered as `show` numbers it
    return "\n\n".join(parts) + "\n", printed


def export_transcripts(ws: Project, out_dir: str | Path, docs: Sequence[str] = (), force: bool = False
                       ) -> dict[str, Any]:
    """Write each interview (``docs``: those named; all when empty) to ``out_dir`` as NAME.txt, the name
    as every export prints it. A file there that holds something else (an earlier export of a project
    changed since, someone's edit) is not replaced unless ``force``; then nothing is written."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot write to {out}: it is a file, not a folder; nothing was written",
                          hint="give a folder with -o (it is made when it is not there)")
    anon = ws.anonymiser()
    chosen = [ws.document(d) for d in docs] if docs else ws.documents()
    taken: dict[str, str] = {}
    files, printed = {}, []
    for d in chosen:  # a name's parts joined by "_" ("Gesprek_Sanne") are words to the list too
        name = anon(d.name.replace("_", " "))
        body, turns = transcript_text(ws, d.id, name, anon)
        files[out / f"{file_part(name, taken)}.txt"] = body
        printed += turns
    # what this export wrote there before is replaced; a file edited since, or one it has no record of, is not
    record = written_record() if not force else {}
    kept = [f for f, body in files.items() if not force and (now := _read(f)) not in (None, body)
            and record.get(os.path.realpath(f)) != text_digest(now)]
    if kept:
        raise ExportError(f"cannot write {first_few([str(f) for f in kept], 3)}: "
                          f"{'it holds' if len(kept) == 1 else 'they hold'} another text than sto-qual last wrote "
                          "there (someone's edit, or another computer's export); nothing was written",
                          hint="give --force to replace them (or --doc NAME --force one), or export to an empty "
                               "folder with -o")
    _write_all(out, files)
    names = ws.pseudonym_service.unlisted_names([((), text, what) for _doc, text, what in printed])
    return {"written": [str(f) for f in files], "warnings": names + count_warnings(ws, printed, by_document=True)}


def _write_all(out: Path, files: dict[Path, str]) -> None:
    """Every file, or none: each is written beside its place first and only then put there (a folder where a
    file goes, or a full disk, replaced the first files and then said nothing was written)."""
    done: list[Path] = []
    odd = [f for f in files if f.exists() and not f.is_file()]  # (a folder of that name: refused before any)
    if odd:
        raise ExportError(f"cannot write {odd[0]}: it is a folder; nothing was written",
                          hint="move it away, or export to another folder with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
        for f, body in files.items():
            tmp = f.with_name(f".{f.name}.tmp-{os.getpid()}")
            done.append(tmp)
            tmp.write_text(body, encoding="utf-8")
    except OSError as exc:
        for tmp in done:
            tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write to {out} ({exc.strerror or exc}); nothing was written") from None
    placed: dict[Path, str] = {}
    try:
        for (f, body), tmp in zip(files.items(), done):
            try:
                os.replace(tmp, f)
            except OSError as exc:
                for rest in done[len(placed):]:
                    rest.unlink(missing_ok=True)
                names = [p.name for p in placed]
                raise ExportError(f"cannot write {f} ({exc.strerror or exc}); "
                                  + (f"{len(placed)} written before it: {first_few(names, 3)}" if placed
                                     else "nothing was written")) from None
            placed[f] = text_digest(body)
    finally:  # what was put there is this export's, also when a later file could not be
        remember_written(placed)


def _read(path: Path) -> str | None:
    """The file's text; None when there is none, "" when it holds no UTF-8 text (someone's, then: kept)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ""
