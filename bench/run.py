"""sto_qual benchmark suite: one entry point, a table on stdout, JSON to a file.

    python bench/run.py [--quick] [--json FILE] [--keep DIR] [--only all|report|import,codings]
                        [--corpus own|peer|both] [--baseline-src DIR] [--peer-reuse DIR] [--no-qc]

``--only import,codings`` re-measures just the peer corpus's import (both cores, one
process, qc and ``--baseline-src`` interleaved in the same run) and/or ``codings --format
json`` over all its codings (against ``--baseline-src`` in the same run).

Every figure with a natural baseline is measured against it in the same run, so a noisy
machine moves both. Whole commands run as subprocesses (bench/_measure.py reports their
wall time and peak RSS); service calls run in-process and report the median (or p99) of
repetitions. ``--quick`` (CI) uses tiny sizes and only checks that every figure can be
produced: it runs those commands through the same measuring code but in its own process
(spaCy loaded once; the CLI start-up figure still starts ``sto-qual``); the full mode checks
the targets of the performance issue.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from _measure import measure_here  # noqa: E402
from corpus import flat_codebook, generate, generate_peer, generate_survey  # noqa: E402

FULL = {"import_docs": 200, "import_words": 6000, "scale": [20, 200, 1000], "words": 1500,
        "codings_per_doc": 50, "apply_total": 100_000, "apply_reps": 1000, "startup_reps": 10, "reps": 5,
        "peer_docs": 1000, "peer_words": 6000, "peer_codes": 25, "codebook_codes": 2000,
        "long_transcript_mb": 5, "word_paragraphs": 12_000}
# quick: every figure once, on one small size (each whole command pays the start-up again)
QUICK = {"import_docs": 4, "import_words": 800, "scale": [12], "words": 300,
         "codings_per_doc": 10, "apply_total": 1000, "apply_reps": 50, "startup_reps": 1, "reps": 1,
         "peer_docs": 6, "peer_words": 800, "peer_codes": 5, "codebook_codes": 50,
         "long_transcript_mb": 0.2, "word_paragraphs": 400}

# the corpus other coding tools are compared on: 1,000 interviews x 6,000 words, 25 flat
# codes, 50 codings per interview on respondent turns; and open survey answers
PEER = {"docs": 1000, "words": 6000, "codings_per_doc": 50, "survey": [5000, 20000], "import_reps": 2, "reps": 3}
PEER_QUICK = {"docs": 6, "words": 600, "codings_per_doc": 10, "survey": [40, 120], "import_reps": 1, "reps": 1}

ROWS: list[dict] = []
IN_PROCESS = False  # --quick: whole commands run in this process (see measured)


def record(figure: str, value: float, unit: str, *, baseline: float | None = None, ratio: float | None = None,
           target: str = "", passed: bool | None = None) -> None:
    ROWS.append({"figure": figure, "value": round(value, 4), "unit": unit,
                 "baseline": None if baseline is None else round(baseline, 4),
                 "ratio": None if ratio is None else round(ratio, 3), "target": target, "pass": passed})


def measured(target: str, *args: str, check: bool = True, src: Path | None = None) -> dict:
    """Run a whole command in a subprocess; return wall time, CPU time, peak RSS and output.
    ``src``: run that version's sources instead (the baseline of ``--baseline-src``). In
    ``--quick`` the command runs in this process (other sources always get their own)."""
    if IN_PROCESS and src is None and check:
        return measure_here(target, list(args))
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    r = subprocess.run([sys.executable, str(BENCH / "_measure.py"), target, *args], capture_output=True, text=True,
                       cwd=REPO, env=env)
    stats = json.loads(r.stderr.strip().splitlines()[-1])
    if check and stats["exit"] != 0:
        raise RuntimeError(f"{target} {' '.join(args)} failed: {r.stderr[-2000:]}")
    stats["stdout"] = r.stdout
    return stats


def timed(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


# ---------------------------------------------------------------------------- figures
def bench_import(work: Path, cfg: dict, quick: bool) -> None:
    corpus = work / "import"
    info = generate(corpus, cfg["import_docs"], cfg["import_words"], 0, seed=11)
    db = work / "import.db"
    subprocess.run([sys.executable, "-m", "sto_qual", "init", "--project", str(db)], check=True, cwd=REPO,
                   capture_output=True)
    ours = measured("sto_qual", "import", "--project", str(db), str(corpus / "docs"),
                    "--attributes", str(corpus / "attributes.csv"))
    bare = measured(str(BENCH / "_bare_pipe.py"), str(corpus / "docs"))
    words = info["words"]
    wps, bwps = words / ours["wall"], words / bare["wall"]
    label = f"import {cfg['import_docs']} transcripts x {cfg['import_words']} words"
    record(f"{label}: throughput (whole command)", wps, "words/s", baseline=bwps, ratio=wps / bwps,
           target=">= 0.6 x bare nlp.pipe", passed=None if quick else wps / bwps >= 0.6)
    record(f"{label}: peak RSS", ours["rss_mb"], "MB", baseline=bare["rss_mb"], ratio=ours["rss_mb"] / bare["rss_mb"],
           target="< 500 MB", passed=None if quick else ours["rss_mb"] < 500)


def build_scaled(work: Path, cfg: dict, quick: bool) -> Path:
    """Grow one project through the sizes of the scaling curve, measuring at each size."""
    from sto_qual.services import Workspace
    n_max = cfg["scale"][-1]
    corpus = work / "scale"
    generate(corpus, n_max, cfg["words"], cfg["codings_per_doc"], seed=5)
    db = work / "scale.db"
    Workspace.create(db).close()
    docs = sorted((corpus / "docs").glob("*.txt"))
    done = 0
    for n in cfg["scale"]:
        batch = work / f"batch-{n}"
        batch.mkdir()
        for f in docs[done:n]:
            os.link(f, batch / f.name)
        t = measured("sto_qual", "import", "--project", str(db), str(batch), "--attributes",
                     str(corpus / "attributes.csv"))
        cbatch = work / f"cbatch-{n}"
        cbatch.mkdir()
        for f in docs[done:n]:
            os.link(corpus / "codings" / (f.stem + ".yaml"), cbatch / (f.stem + ".yaml"))
        measured("sto_qual", "codings-import", "--project", str(db), str(cbatch))
        done = n
        if n == n_max and not cfg.get("report_only"):
            bench_bulk_codings(work, db, corpus, cfg, quick)
        scaling_point(db, n, cfg, quick, import_wall=t["wall"])
    return db


@contextlib.contextmanager
def _copy(db: Path, out: Path):
    """A consistent copy of a project, open for changes made in one transaction."""
    src, dst = sqlite3.connect(db), sqlite3.connect(out)
    with dst:
        src.backup(dst)
    src.close()
    try:
        with dst:
            yield dst
    finally:
        dst.close()


def bench_bulk_codings(work: Path, db: Path, corpus: Path, cfg: dict, quick: bool) -> None:
    """All codings of the corpus, imported in one command into a copy without codings."""
    bulk = work / "bulk.db"
    with _copy(db, bulk) as dst:
        dst.execute("DELETE FROM codings")
        # a project that never had them: the delete above is recorded as codings taken back
        # (migration m009's triggers), which an import does not bring back
        if dst.execute("SELECT 1 FROM sqlite_master WHERE name = 'withdrawn_codings'").fetchone():
            dst.execute("DELETE FROM withdrawn_codings")
    c = measured("sto_qual", "codings-import", "--project", str(bulk), str(corpus / "codings"))
    n = sqlite3.connect(bulk).execute("SELECT count(*) FROM codings").fetchone()[0]
    record(f"bulk codings import ({n:,} codings, codings-import, whole command)", c["wall"], "s",
           target="< 10 s" if not quick else "", passed=None if quick else c["wall"] < 10)


def scaling_point(db: Path, n: int, cfg: dict, quick: bool, import_wall: float) -> None:
    from sto_qual.services import Workspace
    ws = Workspace.open(db)
    codings = ws.info()["codings"]
    if cfg.get("report_only"):
        ws.close()
        size = f"{n} docs, {codings:,} codings"
        rep = measured("sto_qual", "report", "--project", str(db), "-o", str(db.parent / f"report-{n}.docx"))
        record(f"report .docx ({size}, whole command)", rep["wall"], "s", target="" if quick else "< 5 s",
               passed=None if quick else rep["wall"] < 5)
        record(f"report .docx ({size}): CPU time", rep["cpu"], "s")
        record(f"report .docx ({size}): peak RSS", rep["rss_mb"], "MB", target="" if quick else "< 600 MB",
               passed=None if quick else rep["rss_mb"] < 600)
        return
    con = sqlite3.connect(db)
    reps = cfg["reps"]
    t_counts = timed(lambda: ws.theme_counts(), reps)
    t_sql = timed(lambda: con.execute(
        "SELECT code_id, count(DISTINCT document_id), count(*), sum(words) FROM codings GROUP BY code_id").fetchall(),
        reps)
    t_cross = timed(lambda: ws.crosstab("region_type"), reps)
    t_cross_sql = timed(lambda: con.execute(
        "SELECT k.code_id, a.value, count(DISTINCT k.document_id), count(*), sum(k.words) FROM codings k "
        "JOIN attributes a ON a.document_id = k.document_id AND a.key = 'region_type' "
        "GROUP BY k.code_id, a.value").fetchall(), reps)
    t_quotes = timed(lambda: json.dumps(ws.quotes("urgentie/docententekort"), ensure_ascii=False), reps)
    t_theme = timed(lambda: json.dumps(ws.quotes("urgentie"), ensure_ascii=False), reps)
    n_code = len(ws.quotes("urgentie/docententekort"))
    n_theme = len(ws.quotes("urgentie"))
    is_max = n == cfg["scale"][-1]
    size = f"{n} docs, {codings:,} codings"
    record(f"scaling: import batch up to {n} docs (whole command)", import_wall, "s")
    # the SQL baseline sums every coding's words, so it counts text that codings share twice; the
    # counts count each word once (domain.spans.coverage reads the spans), which the ratio shows
    record(f"counts ({size})", t_counts, "s", baseline=t_sql, ratio=t_counts / t_sql,
           target="< 0.5 s" if is_max else "", passed=(t_counts < 0.5) if is_max and not quick else None)
    record(f"crosstab by region_type ({size})", t_cross, "s", baseline=t_cross_sql, ratio=t_cross / t_cross_sql,
           target="< 0.5 s" if is_max else "", passed=(t_cross < 0.5) if is_max and not quick else None)
    record(f"quotes for one code, JSON ({size}; {n_code:,} quotes)", t_quotes, "s", target="< 0.5 s" if is_max else "",
           passed=(t_quotes < 0.5) if is_max and not quick else None)
    record(f"quotes for a whole theme and its sub-codes, JSON ({size}; {n_theme:,} quotes)", t_theme, "s")
    out = db.parent / f"report-{n}.docx"
    rep = measured("sto_qual", "report", "--project", str(db), "-o", str(out))
    record(f"report .docx ({size}, whole command)", rep["wall"], "s", target="< 5 s" if is_max else "",
           passed=(rep["wall"] < 5) if is_max and not quick else None)
    record(f"report .docx ({size}): CPU time", rep["cpu"], "s")
    record(f"report .docx ({size}): peak RSS", rep["rss_mb"], "MB", target="< 600 MB" if is_max else "",
           passed=(rep["rss_mb"] < 600) if is_max and not quick else None)
    if is_max:
        st = measured("sto_qual", "stats", "--project", str(db), "--format", "json")
        record(f"counts ({size}, whole command): peak RSS", st["rss_mb"], "MB")
        try:
            t_qdpx = timed(lambda: ws.export(db.parent / "big.qdpx"), 3)  # median of 3, like the other service calls
            record(f".qdpx export ({size}, median of 3)", t_qdpx, "s", target="< 3 s",
                   passed=None if quick else t_qdpx < 3)
            ex = measured("sto_qual", "export", "--project", str(db), "-o", str(db.parent / "big2.qdpx"))
            record(f".qdpx export ({size}, whole command): peak RSS", ex["rss_mb"], "MB")
        except ImportError as exc:  # pragma: no cover - interchange not installed
            record(f".qdpx export ({size})", float("nan"), "s", target="< 3 s", passed=False)
            print("qdpx export unavailable:", exc, file=sys.stderr)
        xl = measured("sto_qual", "export", "--project", str(db), "-o", str(db.parent / "big.xlsx"))
        record(f".xlsx export ({size}, whole command)", xl["wall"], "s")
        record(f".xlsx export ({size}): peak RSS", xl["rss_mb"], "MB")
    ws.close()
    con.close()


def bench_peer_shaped_report(work: Path, cfg: dict, quick: bool) -> None:
    """The report on a corpus shaped like a peer benchmark's: long interviews (6,000 words),
    a flat codebook of 25 codes, 50 codings per interview on whole respondent turns."""
    corpus = work / "peer-shaped"
    corpus.mkdir()
    codebook = corpus / "flat.yaml"
    codes = flat_codebook(codebook, cfg["peer_codes"])
    generate(corpus, cfg["peer_docs"], cfg["peer_words"], 50, seed=17, codes=codes, whole_turns=True)
    db = work / "peer-shaped.db"
    measured("sto_qual", "init", "--project", str(db), "--codebook", str(codebook))
    measured("sto_qual", "import", "--project", str(db), str(corpus / "docs"), "--attributes",
             str(corpus / "attributes.csv"))
    measured("sto_qual", "codings-import", "--project", str(db), str(corpus / "codings"))
    codings = sqlite3.connect(db).execute("SELECT count(*) FROM codings").fetchone()[0]
    size = f"{cfg['peer_docs']} docs x {cfg['peer_words']} words, {cfg['peer_codes']} flat codes, {codings:,} codings"
    rep = measured("sto_qual", "report", "--project", str(db), "-o", str(work / "peer-shaped.docx"))
    record(f"report .docx, peer-shaped corpus ({size}, whole command)", rep["wall"], "s",
           target="" if quick else "< 5 s", passed=None if quick else rep["wall"] < 5)
    record(f"report .docx, peer-shaped corpus ({size}): CPU time", rep["cpu"], "s")
    record(f"report .docx, peer-shaped corpus ({size}): peak RSS", rep["rss_mb"], "MB",
           target="" if quick else "< 600 MB", passed=None if quick else rep["rss_mb"] < 600)


def bench_apply(db: Path, cfg: dict, quick: bool) -> None:
    """p99 of one coding applied through the Workspace on a project with many codings."""
    from sto_qual.services import Workspace
    con = sqlite3.connect(db)
    have = con.execute("SELECT count(*) FROM codings").fetchone()[0]
    need = cfg["apply_total"] - have
    docs = con.execute("SELECT id, length(text) FROM documents").fetchall()
    codes = [r[0] for r in con.execute("SELECT id FROM codes")]
    coder = con.execute("SELECT id FROM coders LIMIT 1").fetchone()[0]
    rng = random.Random(3)
    if need > 0:  # fill up with plain rows: this is set-up, not the measured path
        rows = []
        for _ in range(need):
            d, n = rng.choice(docs)
            s = rng.randrange(0, max(1, n - 200))
            rows.append((d, rng.choice(codes), coder, s, s + rng.randint(20, 200), 10, "imported", "2026-01-01"))
        with con:
            con.executemany('INSERT INTO codings (document_id, code_id, coder_id, start, "end", words, origin, '
                            "created_at) VALUES (?,?,?,?,?,?,?,?)", rows)
    total = con.execute("SELECT count(*) FROM codings").fetchone()[0]
    con.close()
    ws = Workspace.open(db)
    paths = [c.path for c in ws.codebook()]
    names = [d.name for d in ws.documents()]
    lengths = {d.name: len(ws.document_text(d.id)) for d in ws.documents()[:50]}
    times = []
    for i in range(cfg["apply_reps"]):
        name = names[i % min(50, len(names))]
        s = rng.randrange(0, lengths[name] - 100)
        t0 = time.perf_counter()
        ws.assign_code(name, rng.choice(paths), start=s, end=s + 80, coder="bench-apply")
        times.append(time.perf_counter() - t0)
    p99 = percentile(times, 99) * 1000
    p50 = statistics.median(times) * 1000
    record(f"apply one coding via Workspace at {total:,} codings: p99", p99, "ms", baseline=p50, ratio=p99 / p50,
           target="p99 < 5 ms", passed=None if quick else p99 < 5)
    ws.close()


def bench_startup(db: Path, cfg: dict, quick: bool) -> None:
    def run(args):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True, cwd=REPO)
        return time.perf_counter() - t0
    ours = statistics.median(run(["-m", "sto_qual", "info", "--project", str(db)]) for _ in range(cfg["startup_reps"]))
    base = statistics.median(run(["-c", "pass"]) for _ in range(cfg["startup_reps"]))
    record("CLI start-up: sto-qual info", ours, "s", baseline=base, ratio=ours / base,
           target="< 0.5 s and <= 0.3 s above python -c pass",
           passed=None if quick else (ours < 0.5 and ours - base <= 0.3))


def bench_codebook_import(work: Path, cfg: dict, quick: bool) -> None:
    """A codebook file of many codes (far more than a study has: the 2 MB the file may be), into
    a new project, against reading and checking the same file alone. Each code re-read the whole
    code tree once, so 5,200 codes took two minutes."""
    from sto_qual.services.codebook import read_codebook_file
    from sto_qual.services import Workspace
    n = cfg["codebook_codes"]
    f = work / "many-codes.yaml"
    themes = [f"  - name: thema-{t}\n    definition: Thema {t}.\n    codes:\n"
              + "".join(f"      - name: code-{t}-{i}\n        definition: Code {i} van thema {t}.\n" for i in range(19))
              for t in range(n // 20)]
    f.write_text("codes:\n" + "".join(themes), encoding="utf-8")
    parse = timed(lambda: read_codebook_file(f), 1)

    def run() -> None:
        db = work / "many-codes.db"
        for extra in ("", "-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        ws = Workspace.create(db)
        try:
            ws.import_codebook(f)
        finally:
            ws.close()
    wall = timed(run, 1)
    record(f"codebook-import of {n:,} codes (a new project)", wall, "s", baseline=parse, ratio=wall / parse,
           target="< 5 s" if not quick else "", passed=None if quick else wall < 5)


def bench_long_transcript(work: Path, cfg: dict, quick: bool) -> None:
    """One transcript of several MB with keyword suggestions all through it: listing one
    document's suggestions (`suggestions --doc`, F4), against reading its text once. Each
    suggestion's text was cut from the document's whole text in SQL, read again for every row:
    23 s for the 8,000 suggestions of a 5 MB transcript."""
    from sto_qual.services import Workspace
    mb = cfg["long_transcript_mb"]
    turns = [p.read_text(encoding="utf-8").split("---", 2)[-1].strip()
             for p in sorted((BENCH.parent / "transcripts").glob("R*.txt"))]
    text, parts = "", []
    while len(text) < mb * 1_000_000:
        parts += turns
        text = "\n\n".join(parts)
    f = work / "lang.txt"
    f.write_text(text, encoding="utf-8")
    db = work / "lang.db"
    ws = Workspace.create(db)
    try:
        ws.import_codebook(BENCH.parent / "codebook" / "sto.yaml")
        ws.import_files([f])
        ws.suggest(doc="lang")
        n = len(ws.suggestions(doc="lang"))
        wall = timed(lambda: ws.suggestions(doc="lang"), 3)
    finally:
        ws.close()
    import sqlite3
    con = sqlite3.connect(db)
    read = timed(lambda: con.execute("SELECT text FROM documents WHERE name = 'lang'").fetchone(), 3)
    con.close()
    record(f"suggestions of one {mb:g} MB transcript ({n:,}), listed", wall, "s", baseline=read, ratio=wall / read,
           target="< 2 s" if not quick else "", passed=None if quick else wall < 2)


def bench_long_word(work: Path, cfg: dict, quick: bool) -> None:
    """One long Word transcript, each speaker's name in bold above her words: reading it as turns,
    against python-docx reading its paragraphs' text. Each paragraph's style was looked up
    among every style of the document (python-docx's ``p.style``): 17 s for 12,000 paragraphs."""
    import docx

    from sto_qual.importers import docx_source
    n = cfg["word_paragraphs"]
    d = docx.Document()
    for i in range(n // 2):
        d.add_paragraph().add_run(("Interviewer", "Marieke Bos", "Jan de Groot")[i % 3]).bold = True
        d.add_paragraph("Het tekort aan technische docenten merken alle scholen in de regio.")
    f = work / "lang.docx"
    d.save(str(f))
    read = timed(lambda: [p.text for p in docx.Document(str(f)).paragraphs], 1 if quick else 3)
    wall = timed(lambda: docx_source.parse(f), 1 if quick else 3)
    record(f"Word transcript of {n:,} paragraphs, read as turns", wall, "s", baseline=read, ratio=wall / read,
           target="< 3 s" if not quick else "", passed=None if quick else wall < 3)


def bench_tui(work: Path, quick: bool) -> None:
    script = BENCH / "tui_bench.py"
    if not script.exists():
        return
    out = work / "tui.json"
    args = [sys.executable, str(script), "--json", str(out)] + (["--quick"] if quick else [])
    r = subprocess.run(args, capture_output=True, text=True, cwd=REPO)
    if r.returncode not in (0, 1) or not out.exists():
        raise RuntimeError(f"tui bench failed: {r.stderr[-2000:]}")
    for row in json.loads(out.read_text()):
        if quick:
            row["pass"] = None
        ROWS.append(row)


# ------------------------------------------------------------------ the peer corpus
def _median_runs(reps: int, *variants) -> list[list[dict]]:
    """Run each variant (a zero-argument function returning measured()'s dict) ``reps``
    times, interleaved, so that a load change on the machine hits every variant alike."""
    runs: list[list[dict]] = [[] for _ in variants]
    for _ in range(reps):
        for i, v in enumerate(variants):
            runs[i].append(v())
    return runs


def _med(runs: list[dict], key: str = "wall") -> float:
    return statistics.median(r[key] for r in runs)


def _fresh_project(path: Path, codebook: Path | None = None, src: Path | None = None) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    args = ["init", "--project", str(path)] + (["--codebook", str(codebook)] if codebook else [])
    measured("sto_qual", *args, src=src)
    return path


def _without_new_indexes(db: Path, out: Path, base_src: Path | None = None) -> Path:
    """A copy of ``db`` as the previous schema had it (without m006's indexes), for the baseline;
    a plain copy when the baseline's sources already have m006 (it would migrate it back)."""
    known = base_src is not None and "m006" in (base_src / "sto_qual" / "store" / "db.py").read_text(encoding="utf-8")
    with _copy(db, out) as dst:
        if not known:
            dst.execute("DROP INDEX IF EXISTS idx_documents_position")
            dst.execute("DROP INDEX IF EXISTS idx_units_span")
            dst.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm006%'")
    return out


def _qc_import(qc: str, docs: Path, work: Path) -> dict:
    """qc (qualitative-coding): a fresh project, then its import of the same files (raw text)."""
    proj = work / "qc-project"
    shutil.rmtree(proj, ignore_errors=True)
    proj.mkdir()
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}
    subprocess.run([qc, "init"], cwd=proj, env=env, check=True, capture_output=True)
    t0 = time.perf_counter()
    r = subprocess.run([qc, "corpus", "import", "-r", "-i", "verbatim", str(docs)], cwd=proj, env=env,
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    n = len(list((proj / "corpus").rglob("*.txt")))
    if r.returncode != 0 or n == 0:
        raise RuntimeError(f"qc import failed: {r.stdout[-500:]} {r.stderr[-500:]}")
    return {"wall": wall, "files": n}


def find_qc() -> str | None:
    for cand in (os.environ.get("STO_QUAL_BENCH_QC"), "/opt/qc-venv/bin/qc", shutil.which("qc")):
        if cand and Path(cand).exists():
            return cand
    return None


def bench_peer(work: Path, cfg: dict, quick: bool, base_src: Path | None, qc: str | None,
               reuse: Path | None = None, only: frozenset[str] = frozenset({"all"})) -> None:
    """``only``: {"all"}, or some of "import" (the import figures) and "codings" (the coded
    segments as JSON); the project is imported either way."""
    every = "all" in only
    ops = None if every else only
    if reuse is not None:  # the projects of an earlier run (--keep): only the figures after the import
        bench_peer_ops(reuse / "peer.db", reuse / "peer-before.db" if base_src else None, base_src, cfg, quick,
                       cfg["docs"] * cfg["codings_per_doc"], work, ops)
        return
    corpus = work / "peer"
    info = generate_peer(corpus, cfg["docs"], cfg["words"], cfg["codings_per_doc"])
    docs, book = corpus / "docs", corpus / "codebook.yaml"
    if every or "import" in only:
        bench_peer_import(work, cfg, quick, base_src, qc, info, docs, book)
    else:  # set-up only
        measured("sto_qual", "import", "--project", str(_fresh_project(work / "peer.db", book)), str(docs))

    # ---- the other operations of the comparison, on the imported project
    db = work / "peer.db"
    c = measured("sto_qual", "codings-import", "--project", str(db), str(corpus / "codings"))
    if every:
        record(f"peer: store {info['codings']:,} codings (codings-import, whole command)", c["wall"], "s",
               target="", passed=None)
        record("peer: store codings: peak RSS", c["rss_mb"], "MB", target="< 600 MB",
               passed=None if quick else c["rss_mb"] < 600)
    old_db = _without_new_indexes(db, work / "peer-before.db", base_src) if base_src else None
    bench_peer_ops(db, old_db, base_src, cfg, quick, info["codings"], work, ops)


def bench_peer_import(work: Path, cfg: dict, quick: bool, base_src: Path | None, qc: str | None, info: dict,
                      docs: Path, book: Path) -> None:
    size = f"{cfg['docs']:,} interviews x {cfg['words']:,} words"
    reps = cfg["import_reps"]

    # ---- import: both cores, against the single process (and qc) on the same files, interleaved
    def ours(workers: str | None = None, src: Path | None = None, name: str = "peer.db"):
        def run():
            db = _fresh_project(work / name, book, src=src)
            extra = ["--workers", workers] if workers else []
            return measured("sto_qual", "import", "--project", str(db), str(docs), "--format", "json", *extra,
                            src=src)
        return run

    variants = [ours(), ours("1", name="single.db")]
    if base_src:
        variants.append(ours(src=base_src, name="before.db"))
    if qc:
        variants.append(lambda: _qc_import(qc, docs, work))
    runs = _median_runs(reps, *variants)
    par, single = runs[0], runs[1]
    before = runs[2] if base_src else None
    qc_runs = runs[-1] if qc else None
    t_par, t_single = _med(par), _med(single)
    t_today = _med(before) if before else t_single
    today = "previous version, same run" if before else "--workers 1, same run"
    wps = info["words"] / t_par
    # the target is qc's time when qc runs here; 1.6 x the single process only without it
    record(f"peer: import {size}, both cores (whole command, median of {reps})", t_par, "s",
           baseline=t_today, ratio=t_today / t_par,
           target="" if qc_runs else f">= 1.6 x single process ({today})",
           passed=None if quick or qc_runs else t_today / t_par >= 1.6)
    record(f"peer: import {size}, single process (--workers 1)", t_single, "s", baseline=t_par,
           ratio=t_single / t_par)
    if before:
        record(f"peer: import {size}, previous version (same run)", t_today, "s", baseline=t_par,
               ratio=t_today / t_par)
    record(f"peer: import {size}: words per second, both cores", wps, "words/s")
    cpu = statistics.median(r["cpu"] + r["children_cpu"] for r in par)
    cpu1 = statistics.median(r["cpu"] for r in single)
    record(f"peer: import {size}: CPU seconds, both cores (writer + workers)", cpu, "s", baseline=cpu1,
           ratio=cpu / cpu1)
    if qc_runs:
        t_qc = _med(qc_runs)
        record(f"peer: import {size}: qc (qualitative-coding) import of the same files, raw text, no NLP",
               t_qc, "s", baseline=t_par, ratio=t_qc / t_par, target="sto-qual <= qc",
               passed=None if quick else t_par <= t_qc)
    rss = max(r["rss_mb"] for r in par)
    wrss = max(r["children_rss_mb"] for r in par)
    record(f"peer: import {size}: peak RSS, writer / largest worker", rss, "MB", baseline=wrss,
           target="< 600 MB each", passed=None if quick else max(rss, wrss) < 600)


def bench_peer_ops(db: Path, old_db: Path | None, base_src: Path | None, cfg: dict, quick: bool, n_codings: int,
                   work: Path, only: frozenset[str] | None = None) -> None:
    """The figures after the import; ``only``: just the commands named there (and no export)."""
    ops = [("counts per interview x code (stats --format json)", ["stats"], None),
           (f"coded segments with text, all {n_codings:,} (codings --format json)", ["codings"], 0.6),
           ("code x code co-occurrence (cooccurrence --format json)", ["cooccurrence"], 2.0)]
    for label, cmd, limit in ops:
        if only is not None and cmd[0] not in only:
            continue
        variants = [lambda cmd=cmd: measured("sto_qual", *cmd, "--project", str(db), "--format", "json")]
        if old_db:
            variants.append(lambda cmd=cmd: measured("sto_qual", *cmd, "--project", str(old_db), "--format", "json",
                                                     src=base_src))
        runs = _median_runs(cfg["reps"], *variants)
        t, cpu_t = _med(runs[0]), _med(runs[0], "cpu")
        base = _med(runs[1]) if old_db else None
        record(f"peer: {label} (whole command, median of {cfg['reps']})", t, "s", baseline=base,
               ratio=None if base is None else base / t,
               target=f"< {limit} s" if limit else "", passed=None if quick or not limit else t < limit)
        record(f"peer: {label}: CPU seconds", cpu_t, "s",
               baseline=_med(runs[1], "cpu") if old_db else None,
               ratio=_med(runs[1], "cpu") / cpu_t if old_db else None)
        rss = max(r["rss_mb"] for r in runs[0])
        record(f"peer: {label}: peak RSS", rss, "MB", target="< 600 MB", passed=None if quick else rss < 600)
    if only is not None:
        return
    ex = measured("sto_qual", "export", "--project", str(db), "-o", str(work / "peer.qdpx"))
    record("peer: .qdpx export (whole command)", ex["wall"], "s")
    record("peer: .qdpx export: peak RSS", ex["rss_mb"], "MB", target="< 600 MB",
           passed=None if quick else ex["rss_mb"] < 600)


def bench_survey(work: Path, cfg: dict, quick: bool, base_src: Path | None) -> None:
    """Open survey answers (one case per row, 8-40 words): linear in the number of answers, and
    at least half the per-word rate of the same words imported as long transcripts."""
    rates: dict[int, float] = {}
    walls: dict[int, float] = {}
    old_walls: dict[int, float] = {}
    for n in cfg["survey"]:
        folder = work / f"survey-{n}"
        info = generate_survey(folder, n)
        db = _fresh_project(work / f"survey-{n}.db")
        r = measured("sto_qual", "import", "--project", str(db), str(folder / "answers.csv"), "--format", "json")
        walls[n] = r["wall"]
        rates[n] = info["words"] / r["wall"]
        before = None
        if base_src:
            bdb = _fresh_project(work / f"survey-{n}-before.db", src=base_src)
            before = measured("sto_qual", "import", "--project", str(bdb), str(folder / "answers.csv"), "--format",
                              "json", src=base_src)["wall"]
            old_walls[n] = before
        record(f"survey: import {n:,} answers (one case each; {info['words']:,} words)", r["wall"], "s",
               baseline=before, ratio=None if before is None else before / r["wall"])
        record(f"survey: import {n:,} answers: peak RSS, writer / largest worker", r["rss_mb"], "MB",
               baseline=r["children_rss_mb"], target="< 600 MB each",
               passed=None if quick else max(r["rss_mb"], r["children_rss_mb"]) < 600)
        if n == cfg["survey"][-1]:
            ldb = _fresh_project(work / f"long-{n}.db")
            lr = measured("sto_qual", "import", "--project", str(ldb), str(folder / "long"), "--format", "json")
            lrate = info["words"] / lr["wall"]
            record(f"survey: the same {info['words']:,} words as long transcripts: words per second", lrate,
                   "words/s")
            record(f"survey: {n:,} answers: words per second (baseline: long transcripts)", rates[n], "words/s",
                   baseline=lrate, ratio=rates[n] / lrate, target=">= 0.5 x long transcripts",
                   passed=None if quick else rates[n] / lrate >= 0.5)
    small, big = cfg["survey"][0], cfg["survey"][-1]
    growth = (walls[big] / big) / (walls[small] / small)
    old_growth = (old_walls[big] / big) / (old_walls[small] / small) if old_walls else None
    record(f"survey: time per answer at {big:,} / at {small:,} answers (baseline: previous version)", growth, "x",
           baseline=old_growth, target="<= 1.3 (linear)", passed=None if quick else growth <= 1.3)


def print_table() -> None:
    cols = ["figure", "value", "unit", "baseline", "ratio", "target", "pass"]
    cells = [[("" if r[c] is None else ("yes" if r[c] is True else "NO" if r[c] is False else str(r[c])))
              for c in cols] for r in ROWS]
    widths = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(cols)]
    print("| " + " | ".join(c.ljust(w) for c, w in zip(cols, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |")


def _only(value: str) -> frozenset[str]:
    parts = frozenset(p.strip() for p in value.split(",") if p.strip())
    allowed = {"all", "report", "import", "codings"}
    if not parts or not parts <= allowed or (len(parts) > 1 and parts & {"all", "report"}):
        raise argparse.ArgumentTypeError(f"{value!r}: use all, report, or import and/or codings (comma-separated)")
    return parts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes for CI (seconds); targets not judged")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated projects in this folder")
    ap.add_argument("--skip-tui", action="store_true")
    ap.add_argument("--corpus", choices=["own", "peer", "both"], default="own",
                    help="own: the project's figures; peer: the corpus other tools are compared on "
                         "(1,000 x 6,000 words, 25 flat codes) and survey answers; both")
    ap.add_argument("--peer", action="store_const", const="both", dest="corpus", help="same as --corpus both")
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="the src/ folder of the version to compare against (e.g. a git worktree of the "
                         "last release); its figures are measured in the same run")
    ap.add_argument("--no-qc", action="store_true", help="do not time qc's import even when qc is installed")
    ap.add_argument("--peer-reuse", type=Path, default=None,
                    help="with --corpus peer: the --keep folder of an earlier run; re-measure only the figures "
                         "after the import (counts, segments, co-occurrence, export) on its projects")
    ap.add_argument("--only", default="all", type=_only,
                    help="all; report: of the project's own figures (--corpus own/both), only the report ones "
                         "(1,000 interviews and the peer-shaped corpus); import and/or codings (comma-separated, "
                         "implies --corpus peer): only the peer corpus's import, or its codings --format json, "
                         "with their baselines in the same run")
    args = ap.parse_args(argv)
    global IN_PROCESS
    IN_PROCESS = args.quick
    peer_only = args.only & {"import", "codings"}
    if peer_only:
        args.corpus = "peer"
    cfg = QUICK if args.quick else FULL
    work = args.keep or Path(tempfile.mkdtemp(prefix="sto-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("STO_QUAL_HOME", str(work / "home"))
    t0 = time.perf_counter()
    try:
        if args.corpus in ("own", "both") and "report" in args.only:
            cfg = {**cfg, "scale": cfg["scale"][-1:], "report_only": True}
            build_scaled(work, cfg, args.quick)
            bench_peer_shaped_report(work, cfg, args.quick)
        elif args.corpus in ("own", "both"):
            bench_import(work, cfg, args.quick)
            db = build_scaled(work, cfg, args.quick)
            bench_peer_shaped_report(work, cfg, args.quick)
            bench_startup(db, cfg, args.quick)
            bench_apply(db, cfg, args.quick)
            bench_codebook_import(work, cfg, args.quick)
            bench_long_transcript(work, cfg, args.quick)
            bench_long_word(work, cfg, args.quick)
            if not args.skip_tui:
                bench_tui(work, args.quick)
        if args.corpus in ("peer", "both"):
            pcfg = PEER_QUICK if args.quick else PEER
            qc = None if args.no_qc else find_qc()
            if qc is None:
                print("qc not installed: the import is compared with the single-process figure", file=sys.stderr)
            bench_peer(work, pcfg, args.quick, args.baseline_src, qc, reuse=args.peer_reuse,
                       only=frozenset(peer_only or {"all"}))
            if args.peer_reuse is None and not peer_only:
                bench_survey(work, pcfg, args.quick, args.baseline_src)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    limit = 900 if args.corpus == "own" else 3600  # the peer corpus imports 6 million words several times
    record("whole benchmark run", time.perf_counter() - t0, "s", target=f"< {limit // 60} min" if not args.quick else "",
           passed=None if args.quick else time.perf_counter() - t0 < limit)
    print_table()
    if args.json:
        args.json.write_text(json.dumps(ROWS, indent=2), encoding="utf-8")
    failed = [r for r in ROWS if r["pass"] is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
