"""Writing an output file whole or not at all, for every export and report.

The file is written to a temporary file beside the target and renamed over it, so a reader
never sees half a file and a failure leaves the target as it was. A failure (a full disk, a
folder the user cannot write to) is one ``ExportError`` naming the target, never the
temporary file. Formats written by a library through a ZIP (.docx, .xlsx) are built in
memory first: a ZIP left half-written by a full disk would otherwise complain again, with a
traceback, when the collector closes it."""
from __future__ import annotations

import gc
import io
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ExportError


# the project files open in this process (``Session`` adds its own): no output is written over one
_OPEN_PROJECTS: Counter[str] = Counter()


def project_opened(path: str | Path, opened: bool = True) -> None:
    """A project file this process opened (``opened``) or closed: `export -p studie.xlsx -o
    studie.xlsx` wrote the workbook over the project, which was then no project at all."""
    key = os.path.realpath(path)
    _OPEN_PROJECTS[key] += 1 if opened else -1
    if _OPEN_PROJECTS[key] <= 0:
        del _OPEN_PROJECTS[key]


def is_open_project(path: str | Path) -> bool:
    """``path`` is a project file this process has open (or one of its companions)."""
    real = os.path.realpath(path)
    return any(real in (p, f"{p}-wal", f"{p}-shm", f"{p}-journal") for p in _OPEN_PROJECTS)


def atomic_write(out_path: str | Path, write: Callable[[Path], Any]) -> Path:
    """``write(tmp)`` writes the file at ``tmp``; it is then renamed over ``out_path``."""
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise ExportError(f"cannot write {out_path}: no such directory {out_path.parent}")
    if is_open_project(out_path):
        raise ExportError(f"cannot write {out_path}: it is the project file itself; nothing was written",
                          hint="write the output to a file of another name")
    refusal = kept_as_is(out_path)
    if refusal:
        raise ExportError(f"cannot write {out_path}: {refusal}; nothing was written")
    tmp = out_path.with_name(f".{out_path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, out_path)
    except OSError as exc:
        _discard(tmp)
        raise ExportError(f"cannot write {out_path} ({exc.strerror or exc}); nothing was written (check that "
                          "the folder is writable and has room, or write the file elsewhere)") from None
    except BaseException:
        _discard(tmp)
        raise
    return out_path


def _discard(tmp: Path) -> None:
    """Remove a temporary file, if there is one. On a read-only file system removing even a file
    that is not there fails (EROFS), and that error named the temporary file instead of the target."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def kept_as_is(out_path: Path) -> str:
    """Why an existing file must not be replaced, or "". The new file is renamed over the old one,
    which the folder allows whatever the file's own mode: a file made read-only, or one open in
    LibreOffice, Word or Excel (their lock file beside it), was replaced without a word; the
    program holding it open then saved its own version over the new one."""
    if not out_path.is_file():
        return ""
    name = out_path.name
    # LibreOffice's lock file; Excel's; Word's for a longer name (its first two letters replaced)
    locks = (f".~lock.{name}#", f"~${name}", *((f"~${name[2:]}",) if len(out_path.stem) > 6 else ()))
    for lock in locks:
        if (out_path.parent / lock).is_file():
            return (f"it is open in another program (lock file {lock}); close it there and run the command "
                    "again (or delete the lock file if no program has it open)")
    if not os.access(out_path, os.W_OK) or not out_path.stat().st_mode & stat.S_IWUSR:
        return "the file is read-only; make it writable (chmod u+w) or write another file"
    return ""


def save_in_memory_then_write(save: Callable[[io.BytesIO], Any], out_path: str | Path) -> Path:
    """For a library's ``save(file)`` (python-docx, openpyxl): the bytes first, then the file.
    openpyxl still streams each sheet through a temporary file: when the temporary folder is
    full that fails inside lxml, and the half-closed writers it leaves behind would each print
    a traceback as they are collected. The user gets the one line, and those are silenced."""
    from lxml.etree import SerialisationError
    buf = io.BytesIO()
    failed = None
    hook = sys.unraisablehook
    try:
        try:
            save(buf)
        except (OSError, SerialisationError) as exc:
            sys.unraisablehook = _ignore  # the same failure again, from the leftovers' finalisers
            failed = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        if failed is not None:
            gc.collect()
    finally:
        sys.unraisablehook = hook
    if failed is not None:
        raise ExportError(f"cannot write {out_path} ({failed}; is the temporary folder full?); nothing was written")
    data = buf.getvalue()
    return atomic_write(out_path, lambda p: p.write_bytes(data))


def _ignore(_unraisable: Any) -> None:
    return None


STAMP = "sto_qual sha256:"  # the text's fingerprint, in an Office file's identifier or a text file's last line
# the fingerprint's last line in a text file: an HTML comment in Markdown, a comment in YAML
_STAMP_LINES = {"md": ("<!-- ", " -->"), "yaml": ("# ", "")}


def _stamp_rx(kind: str) -> re.Pattern[str]:
    before, after = _STAMP_LINES[kind]
    return re.compile(r"\n" + re.escape(before + STAMP) + r"([0-9a-f]{64})" + re.escape(after))


WORKBOOK_BODY = "xl/worksheets/"  # a workbook's cells: every sheet, with the strings they share


def content_fingerprint(z: Any, body: str) -> str:
    """sha256 of an Office file's part ``body`` (a ``zipfile.ZipFile``'s), or of every part under it
    when it names a folder (``WORKBOOK_BODY``: the sheets and their shared strings)."""
    import hashlib
    if not body.endswith("/"):
        return hashlib.sha256(z.read(body)).hexdigest()
    digest = hashlib.sha256()
    for name in sorted(n for n in z.namelist() if n.startswith(body) or n == "xl/sharedStrings.xml"):
        digest.update(name.encode() + b"\0" + z.read(name))
    return digest.hexdigest()


def stamp_workbook(data: bytes) -> bytes:
    """An .xlsx openpyxl wrote, with the fingerprint of its cells in its identifier (as the Word
    chapter's): a workbook edited and saved by a script or a spreadsheet program that keeps the
    properties was replaced unasked, as nothing named another editor."""
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        stamp = (f'<dc:identifier xmlns:dc="http://purl.org/dc/elements/1.1/">{STAMP}'
                 f"{content_fingerprint(z, WORKBOOK_BODY)}</dc:identifier>")
        for info in z.infolist():
            part = z.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"<dc:identifier[^>]*>[^<]*</dc:identifier>|<dc:identifier[^>]*/>", b"", part)
                part = part.replace(b"</cp:coreProperties>", stamp.encode() + b"</cp:coreProperties>")
            w.writestr(info, part)
    return out.getvalue()


# a file this program wrote, changed since: here, or elsewhere and saved under this name (a writer saved a copy of
# the chapter from LibreOffice under a new name and read "it was changed after it was written" of a name never
# written to)
CHANGED = "it was changed after it was written (edited, or a changed copy saved under this name)"


def office_written_as_is(path: Path, kind: str, body: str | None = None) -> str:
    """Why the Office file at ``path`` (a ``kind``, "Word document") must not be replaced unasked,
    or "" (absent, or a file this program wrote and nobody changed since): its ``body`` part
    changed after it was written (edited in Word or LibreOffice, which keep or drop the
    fingerprint), or another program wrote it (a writer's edits, an analyst's own workbook, were
    replaced unsaid). Without the fingerprint a file of this program's counts as unchanged while
    no one is named as its last editor (and it is still revision 1), as Word, Excel and
    LibreOffice leave neither."""
    import zipfile
    if not path.is_file():
        return ""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
            fingerprint = content_fingerprint(z, body) if body else ""
    except (OSError, KeyError, zipfile.BadZipFile):
        return "it is a file this program did not write"
    creator = re.search(r"<dc:creator[^>]*>([^<]*)</dc:creator>", core)
    if not creator or creator.group(1) != "sto_qual":
        return f"it is a {kind} this program did not write"
    stamp = re.search(r"<dc:identifier[^>]*>" + re.escape(STAMP) + r"([0-9a-f]{64})</dc:identifier>", core)
    if stamp and body:
        return "" if stamp.group(1) == fingerprint else CHANGED
    untouched = not re.search(r"<cp:revision>(?!1<)", core) and not re.search(r"<cp:lastModifiedBy[^>]*>[^<]", core)
    return "" if untouched else CHANGED


def written_here(path: Path) -> str:
    """What file this program wrote ``path`` is, for a Word or Markdown file it wrote (the chapter,
    a quote file, the grid), else "": imported as a transcript, the chapter became an interview
    whose speakers were "Arbeidsmarkt." and "Concept"."""
    import zipfile
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                core = z.read("docProps/core.xml").decode("utf-8", "replace")
            return "a Word file sto-qual wrote" if re.search(r"<dc:creator[^>]*>sto_qual</dc:creator>", core) else ""
        if suffix == ".md":
            with path.open("rb") as f:  # the stamp is the last line
                f.seek(max(0, path.stat().st_size - 400))
                return "a Markdown file sto-qual wrote" if STAMP.encode() in f.read() else ""
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    return ""


def stamped_text(text: str, kind: str = "md") -> str:
    """A text file (the Markdown chapter, a YAML codebook) with its fingerprint on a last line
    that is a comment (it renders as nothing), for ``text_written_as_is``."""
    import hashlib
    before, after = _STAMP_LINES[kind]
    return f"{text.rstrip()}\n\n{before}{STAMP}{hashlib.sha256(text.rstrip().encode()).hexdigest()}{after}\n"


def text_written_as_is(path: Path, kind: str = "md") -> str:
    """``office_written_as_is`` for a text file written with ``stamped_text``."""
    import hashlib
    if not path.is_file():
        return ""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "it is a file this program did not write"
    stamps = list(_stamp_rx(kind).finditer(text))
    if not stamps:
        return "it is a file this program did not write"
    m = stamps[-1]
    said = text[:m.start()].rstrip()
    same = hashlib.sha256(said.encode()).hexdigest() == m.group(1) and not text[m.end():].strip()
    return "" if same else CHANGED


def written_as_is(path: Path) -> str:
    """``office_written_as_is`` or ``text_written_as_is`` by the file's kind: why the chapter,
    grid, workbook, Markdown or YAML codebook at ``path`` must not be replaced unasked, or ""
    (any other kind of file: nothing here tells)."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return text_written_as_is(path, "md")
    if suffix in (".yaml", ".yml"):
        return text_written_as_is(path, "yaml")
    if suffix == ".xlsx":
        return office_written_as_is(path, "workbook", WORKBOOK_BODY)
    if suffix == ".docx":
        return office_written_as_is(path, "Word document", "word/document.xml")
    if suffix in (".qdpx", ".qdc"):
        return refi_written_as_is(path)
    return ""


def refi_xml(path: Path) -> bytes | None:
    """The XML of a REFI-QDA project (.qdpx: its project.qde) or codebook (.qdc), or None (no such file, or no
    REFI-QDA file)."""
    import zipfile
    try:
        if path.suffix.lower() != ".qdpx":
            return path.read_bytes()
        with zipfile.ZipFile(path) as z:
            return z.read("project.qde")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def refi_written_as_is(path: Path) -> str:
    """Why the .qdpx or .qdc at ``path`` must not be replaced unasked, or "": another program wrote it (a project
    from ATLAS.ti, a colleague's codebook: both were replaced unsaid), or its XML is not what this program last
    wrote there (``remember_written``; with no record of it, from another folder or computer, it is taken as
    written)."""
    import hashlib
    if not path.is_file() or path.stat().st_size == 0:
        return ""
    xml = refi_xml(path)
    if xml is None:
        return "it is a file this program did not write"
    origin = re.search(rb'<(?:\w+:)?(?:Project|CodeBook)\b[^>]*\borigin="([^"]*)"', xml[:4000])
    if origin is None or not origin.group(1).startswith(b"sto_qual"):  # (which one, where it says: "ATLAS.ti 23")
        named = f" ({origin.group(1).decode('utf-8', 'replace')[:60]})" if origin and origin.group(1).strip() else ""
        kind = "project" if path.suffix.lower() == ".qdpx" else "codebook"
        return f"it is a REFI-QDA {kind} another program{named} wrote"
    kept = written_record().get(os.path.realpath(path))
    return CHANGED if kept is not None and kept != hashlib.sha256(xml).hexdigest() else ""


def remember_refi(path: Path) -> None:
    """Keep the digest of the REFI-QDA file just written (``refi_written_as_is`` tells it from one changed since)."""
    import hashlib
    xml = refi_xml(path)
    remember_written({path: hashlib.sha256(xml).hexdigest() if xml is not None else None})


def refuse_replacing(out: Path) -> None:
    """Refuse to replace a file edited since it was written, or another program's (``written_as_is``):
    a writer's edits, an analyst's own workbook and a codebook kept by hand were replaced unsaid.
    The project itself and a file open elsewhere are said by ``atomic_write``."""
    if is_open_project(out) or kept_as_is(out):
        return
    kept = written_as_is(out)
    if kept:
        raise ExportError(f"cannot write {out}: {kept}; nothing was written",
                          hint="give --force to replace it, losing what was changed in it, or write another file with -o")


def _record_path() -> Path:
    from sto_qual.config import data_home
    return data_home() / "written-csv.json"


def written_record() -> dict[str, str]:
    """The digests ``remember_written`` kept, by each file's real path."""
    import json
    try:
        seen = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in seen.items() if isinstance(v, str)} if isinstance(seen, dict) else {}


def remember_written(digests: dict[Path, str | None]) -> None:
    """Keep the digest of each file just written, in the user's sto-qual folder (the newest 500 files), in one
    write: the next export tells its own file from one edited since. A record that cannot be kept (or one that
    two exports at once both rewrote: the last one stands) leaves the next export to compare what it can."""
    import json
    if not digests:
        return
    done = {os.path.realpath(f): d for f, d in digests.items()}
    seen = {k: v for k, v in written_record().items() if k not in done}
    seen.update({k: d for k, d in done.items() if d is not None})
    try:
        _record_path().parent.mkdir(parents=True, exist_ok=True)
        atomic_write(_record_path(), lambda tmp: tmp.write_text(json.dumps(dict(list(seen.items())[-500:])),
                                                                encoding="utf-8"))
    except (OSError, ExportError):
        pass


def text_digest(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
