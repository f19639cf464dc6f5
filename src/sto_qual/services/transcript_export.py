"""Whole transcripts with the pseudonym list applied, for an archive's deposit or a secondary researcher:
every other export holds coded passages only, and a data steward rebuilt the interviews by coding each
turn with a code of its own. Each interview is one plain-text file, its speakers under their roles."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.anonymise import cut_contact_details, without_article
from sto_qual.domain.errors import ExportError
from sto_qual.domain.names import file_part
from sto_qual.services.session import atomic_write_text

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

HEADER = ("Geanonimiseerd transcript: {name}. Namen en andere herleidbare gegevens zijn vervangen volgens de "
          "pseudoniemenlijst van het project; elke spreker staat onder haar rol.")


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
        printed.append(((), words, f"{name} (turn {t.seq})"))
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
    for d in chosen:
        name = anon(d.name)
        body, turns = transcript_text(ws, d.id, name, anon)
        files[out / f"{file_part(name, taken)}.txt"] = body
        printed += turns
    kept = [f for f, body in files.items() if f.exists() and not force and _read(f) != body]
    if kept:
        more = f" (and {len(kept) - 1} more there)" if len(kept) > 1 else ""
        raise ExportError(f"cannot write {kept[0]}{more}: it holds another text than this export writes (an "
                          "earlier export, or someone's edit); nothing was written",
                          hint="give --force to replace it, or export to an empty folder with -o")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write to {out} ({exc.strerror or exc}); nothing was written") from None
    for f, body in files.items():
        atomic_write_text(f, body)
    return {"written": [str(f) for f in files], "warnings": ws.pseudonym_service.unlisted_names(printed)}


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
