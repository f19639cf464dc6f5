"""The import pipeline: source files parsed and segmented into sentence units in worker
processes while this process, the project's one writer, stores them.

Work is split into tasks that are independent of each other: one transcript file, or a
chunk of the rows of a survey file (parsed here first; a survey is usually one file of
thousands of short answers). Results are applied strictly in task order, so names,
positions and duplicate decisions are exactly those of a single-process import, and
segmentation is per text, so the units are the same too.

Writes: the documents of one task share a transaction (one file, or one chunk of survey
rows) and each document is a savepoint inside it, so a document that cannot be stored
refuses only itself and a refused file never stops the others.

Ctrl-C: see ``services.import_interrupts`` (the summary always says what the project holds).
"""
from __future__ import annotations

import multiprocessing
import os
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sto_qual.domain.errors import ImportRefused, StoQualError
from sto_qual.domain.model import ParsedDocument
from sto_qual.domain.text import INVISIBLE, content_hash, count_words, fold
from sto_qual.services.import_interrupts import ImportInterrupted, Interrupts, ignore_sigint
from sto_qual.services.document_writer import DocumentWriter, Prepared, unexpected

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.import_summary import ImportSummary
    from sto_qual.services.project import Project

ProgressFn = Callable[[int, int, str], None]
SURVEY_CHUNK = 250        # survey rows per task and per transaction
IN_FLIGHT_PER_WORKER = 3  # tasks queued ahead per worker: keeps workers busy, bounds memory
MIN_TASKS_FOR_WORKERS = 4  # below this, starting processes costs more than it saves
SURVEY_BYTES_FOR_WORKERS = 100_000  # ... unless the survey files hold a few thousand answers
STOP_WAIT_S = 15  # seconds the running tasks get to finish when the import stops


def default_workers() -> int:
    """Worker processes for an import: the machine's cores (the writer mostly waits), at most 4
    (beyond that the one writer is the limit)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(4, n))


def prepare(docs: Sequence[ParsedDocument],
            segmented: Sequence[tuple[list, list]] | None = None) -> list[Prepared | StoQualError]:
    """Hash, count and segment documents; one spaCy pass over all their lines (many short
    survey answers cost one batch, not one pipeline call each). A document that cannot be
    prepared is returned as its error. ``segmented``: the (units, folded) of each document,
    found beforehand (outside a write transaction); then nothing is segmented here."""
    from sto_qual.nlp.pipeline import segment_units
    out: list[Prepared | StoQualError] = []
    pieces: list[str] = []
    offsets: list[int] = []
    owners: list[tuple[int, int]] = []  # (index in out, turn index) of each piece
    for k, doc in enumerate(docs):
        text = doc.text
        if not _is_normalised(text):  # importers normalise; a programming slip must not corrupt offsets
            out.append(ImportRefused("internal: text not normalised", file=doc.source_file))
            continue
        # survey rows: two respondents may give the same answer and are still two cases
        h = content_hash(text + "\x00" + doc.source_file) if doc.format == "survey" else content_hash(text)
        if segmented is not None:
            units, folded = segmented[k]
            out.append(Prepared(doc=doc, content_hash=h, words=count_words(text), units=list(units),
                                folded=list(folded)))
            continue
        i = len(out)
        out.append(Prepared(doc=doc, content_hash=h, words=count_words(text), units=[], folded=[]))
        # sentences per line of each turn: a unit never crosses a turn or a paragraph
        for ti, t in enumerate(doc.turns):
            pos = t.start
            for line in text[t.start:t.end].split("\n"):
                if line.strip():
                    pieces.append(line)
                    offsets.append(pos)
                    owners.append((i, ti))
                pos += len(line) + 1
    # nothing to split (every document came segmented): no call, no model load, no time in a transaction
    for (i, ti), sents in zip(owners, segment_units(pieces, offsets) if pieces else []):
        p = out[i]
        assert isinstance(p, Prepared)
        text = p.doc.text
        for start, end, lemmas in sents:
            p.units.append((ti, start, end, lemmas))
            p.folded.append(fold(text[start:end]))
    return out


def _is_normalised(text: str) -> bool:
    """``normalise(text) == text``, by substring searches instead of four passes that rebuild
    the text: no BOM or CR, no blank or space-ended line where normalise removes them, NFC."""
    if not text:
        return True
    if any(c in text for c in INVISIBLE) or "\r" in text or "\n\n\n" in text or text[0] == "\n" \
            or text[-1] in "\n \t\u00a0":
        return False
    if " \n" in text or "\t\n" in text or "\u00a0\n" in text:
        return False
    return unicodedata.is_normalized("NFC", text)


# outcome: ("ok", [Prepared | StoQualError]) | ("error", message) | ("qdpx", None)

def _run_task(task: tuple[int, str, Any, dict[str, Any]]) -> tuple[int, tuple[str, Any], int, int]:
    index, kind, payload, opts = task
    if kind == "file":
        path = payload
        try:
            from sto_qual.importers.registry import parse_file
            return index, ("ok", prepare(parse_file(path, **opts))), 1, 1
        except StoQualError as exc:
            return index, ("error", str(exc)), 1, 1
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
            return index, ("error", unexpected(str(path), exc)), 1, 1
    if kind == "rows":
        docs, done, total = payload
        try:
            out = prepare(docs)
            for p in out:  # the writer still holds these documents: do not ship them back
                if isinstance(p, Prepared):
                    p.doc = None  # type: ignore[assignment]
            return index, ("ok", out), done, total
        except Exception as exc:  # noqa: BLE001 - reported against the file, the others go on
            return index, ("error", unexpected(docs[0].source_file.split("#")[0], exc)), done, total
    return index, (kind, payload), 1, 1  # "error" / "qdpx": nothing to prepare


def _is_survey(path: Path) -> bool:
    from sto_qual.importers.registry import SURVEY_SUFFIXES
    return path.suffix.lower() in SURVEY_SUFFIXES


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _tasks(files: Sequence[Path], opts: dict[str, Any],
           notes: dict[int, tuple[str, ...]] | None = None) -> Iterator[tuple[int, str, Any, dict[str, Any]]]:
    """Tasks in file order. Survey files are parsed here (fast) and their rows cut into chunks,
    so that one file of 20,000 answers still keeps every worker busy; what a survey file says
    about itself (rows left out) goes into ``notes`` by file index, before its first task."""
    from sto_qual.importers.registry import parse_file
    from sto_qual.store.connection import open_project_for
    for i, f in enumerate(files):
        suffix = f.suffix.lower()
        if open_project_for(f):  # reading it with open() would drop SQLite's locks on it
            yield i, "error", (f"{f}: is an open sto_qual project file, not a transcript; nothing of it "
                               "was imported"), opts
        elif suffix == ".qdpx":
            yield i, "qdpx", None, opts
        elif _is_survey(f):
            try:
                docs = parse_file(f, **opts)
            except StoQualError as exc:
                yield i, "error", str(exc), opts
                continue
            except Exception as exc:  # noqa: BLE001
                yield i, "error", unexpected(str(f), exc), opts
                continue
            if notes is not None and getattr(docs, "notes", ()):
                notes[i] = docs.notes
            for j in range(0, len(docs), SURVEY_CHUNK):
                chunk = docs[j:j + SURVEY_CHUNK]
                yield i, "rows", (chunk, j + len(chunk), len(docs)), opts
        else:
            yield i, "file", f, opts


def _results(tasks: Iterator[tuple], workers: int,
             interrupts: Interrupts | None = None) -> Iterator[tuple[int, tuple[str, Any], int, int]]:
    """Task results in task order, computed ``workers`` at a time in forked processes that
    ignore SIGINT; closing this generator stops them (a second Ctrl-C waits for that)."""
    if workers <= 1:
        for t in tasks:
            yield _rejoin(t, _run_task(t))
        return
    from concurrent.futures import ProcessPoolExecutor

    from sto_qual.nlp.pipeline import lemmatizer, load_nlp
    load_nlp()
    lemmatizer()  # loaded once here: forked workers share it instead of each loading it
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=ignore_sigint)
    try:
        pending: deque = deque()
        for t in tasks:
            pending.append((t, pool.submit(_run_task, t)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield _collect(*pending.popleft())
        while pending:
            yield _collect(*pending.popleft())
    finally:
        if interrupts is None:
            _stop(pool)
        else:
            with interrupts.held():
                _stop(pool)


def _stop(pool: Any) -> None:
    """The tasks already running finish (a file each), the queued ones are dropped. A worker
    that has not stopped within STOP_WAIT_S is terminated: a process forked while another
    thread held a lock can hang, and the import then never ended (Ctrl-C left it waiting).
    Workers never write to the project, so stopping one loses nothing."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + STOP_WAIT_S
    for w in workers:
        w.join(max(0.0, deadline - time.monotonic()))
    for w in workers:
        if w.is_alive():
            w.terminate()
            w.join(1)


def _collect(task: tuple, future: Any) -> tuple[int, tuple[str, Any], int, int]:
    from concurrent.futures.process import BrokenProcessPool
    try:
        result = future.result()
    except BrokenProcessPool:  # a worker died (killed, out of memory): do its task here instead
        result = _run_task(task)
    return _rejoin(task, result)


def _rejoin(task: tuple, result: tuple[int, tuple[str, Any], int, int]) -> tuple[int, tuple[str, Any], int, int]:
    """A task's result, with the survey rows it was given put back in place."""
    index, (kind, value), done, total = result
    if task[1] == "rows" and kind == "ok":
        for p, doc in zip(value, task[2][0]):
            if isinstance(p, Prepared):
                p.doc = doc
    return result


def run_import(ws: Project, files: Sequence[Path], *, attr_table: dict[str, dict[str, Any]],
               text_columns: list[str] | None, id_column: str | None, summary: ImportSummary,
               progress: ProgressFn | None = None, workers: int | None = None, as_new: bool = False,
               import_qdpx: Callable[[Path], ImportSummary] | None = None) -> None:
    """Import ``files`` into ``ws`` in order, recording each outcome in ``summary``; a .qdpx
    file goes to ``import_qdpx`` (``services.interchange``, as the Workspace joins them). A
    transcript named as a stored document with other content is refused (``as_new``: stored
    as NAME-2, with a warning); a read-only project stops the import (``ReadOnlyProject``).
    Ctrl-C raises ``ImportInterrupted`` once the workers have stopped: ``summary`` then holds
    exactly the documents stored (each whole, its task's transaction committed); importing
    the same files again skips them and adds the rest."""
    opts = {"text_columns": text_columns, "id_column": id_column}
    if workers is None:
        workers = default_workers()
    if len(files) < MIN_TASKS_FOR_WORKERS and sum(_size(f) for f in files if _is_survey(f)) < SURVEY_BYTES_FOR_WORKERS:
        workers = 1
    n = len(files)
    files_done = 0
    partial: tuple[str, int, int] | None = None
    notes: dict[int, tuple[str, ...]] = {}  # said with the file's first result, so in file order
    with Interrupts() as interrupts:
        results = _results(_tasks(files, opts, notes), workers, interrupts)
        from sto_qual.importers.tables import attributes_for
        try:
            writer = DocumentWriter(ws, guard_names=True, as_new=as_new)
            for index, (kind, value), done, total in results:
                f = files[index]
                if progress:
                    progress(index, n, f.name if total == 1 else f"{f.name} ({done:,}/{total:,} rows)")
                extra = attributes_for(attr_table, f)
                if kind == "qdpx":  # interruptible: its one transaction rolls back whole
                    _import_qdpx(import_qdpx, f, summary)
                    files_done += 1
                    continue
                with interrupts.held():  # the summary and the project agree at every Ctrl-C
                    summary.warnings += notes.pop(index, ())
                    if kind == "error":
                        summary.refused.append({"file": str(f), "error": value})
                    else:
                        writer.store_batch(value, extra, summary, str(f))
                    if done == total:
                        files_done, partial = files_done + 1, None
                    else:
                        partial = (str(f), done, total)
        except KeyboardInterrupt:
            with interrupts.held(raise_pending=False):  # stopping already: a second Ctrl-C waits
                results.close()
            raise ImportInterrupted(summary, files_done, n, partial) from None
        finally:  # also when the project refuses writes: the workers stop before the error is said
            results.close()
    if progress:
        progress(n, n, "")


def _import_qdpx(import_qdpx: Callable[[Path], ImportSummary] | None, f: Path, summary: ImportSummary) -> None:
    try:
        if import_qdpx is None:
            raise StoQualError(f"{f}: a REFI-QDA project is imported on its own", hint="sto-qual import FILE.qdpx")
        part = import_qdpx(f)
    except StoQualError as exc:
        summary.refused.append({"file": str(f), "error": str(exc)})
        return
    except Exception as exc:  # noqa: BLE001
        summary.refused.append({"file": str(f), "error": unexpected(str(f), exc)})
        return
    summary.imported += part.imported
    summary.skipped += part.skipped
    summary.warnings += part.warnings
    summary.notes += part.notes
