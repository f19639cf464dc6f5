"""sto_qual benchmark suite: one entry point, a table on stdout, JSON to a file.

    python bench/run.py [--quick] [--json FILE] [--keep DIR]

Every figure with a natural baseline is measured against it in the same run, so a noisy
machine moves both. Whole commands run as subprocesses (bench/_measure.py reports their
wall time and peak RSS); service calls run in-process and report the median (or p99) of
repetitions. ``--quick`` (CI) uses tiny sizes and only checks that every figure can be
produced; the full mode checks the targets of the performance issue.
"""
from __future__ import annotations

import argparse
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

from corpus import flat_codebook, generate  # noqa: E402

FULL = {"import_docs": 200, "import_words": 6000, "scale": [20, 200, 1000], "words": 1500,
        "codings_per_doc": 50, "apply_total": 100_000, "apply_reps": 1000, "startup_reps": 10, "reps": 5,
        "peer_docs": 1000, "peer_words": 6000, "peer_codes": 25}
QUICK = {"import_docs": 8, "import_words": 800, "scale": [10, 30], "words": 300,
         "codings_per_doc": 10, "apply_total": 2000, "apply_reps": 100, "startup_reps": 3, "reps": 2,
         "peer_docs": 10, "peer_words": 800, "peer_codes": 5}

ROWS: list[dict] = []


def record(figure: str, value: float, unit: str, *, baseline: float | None = None, ratio: float | None = None,
           target: str = "", passed: bool | None = None) -> None:
    ROWS.append({"figure": figure, "value": round(value, 4), "unit": unit,
                 "baseline": None if baseline is None else round(baseline, 4),
                 "ratio": None if ratio is None else round(ratio, 3), "target": target, "pass": passed})


def measured(target: str, *args: str, check: bool = True) -> dict:
    """Run a whole command in a subprocess; return wall time, peak RSS and output."""
    r = subprocess.run([sys.executable, str(BENCH / "_measure.py"), target, *args], capture_output=True, text=True,
                       cwd=REPO)
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


def bench_bulk_codings(work: Path, db: Path, corpus: Path, cfg: dict, quick: bool) -> None:
    """All codings of the corpus, imported in one command into a copy without codings."""
    bulk = work / "bulk.db"
    src, dst = sqlite3.connect(db), sqlite3.connect(bulk)
    with dst:
        src.backup(dst)
    src.close()
    with dst:
        dst.execute("DELETE FROM codings")
    dst.close()
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
    record(f"counts ({size})", t_counts, "s", baseline=t_sql, ratio=t_counts / t_sql,
           target="< 0.5 s, <= 2 x SQL" if is_max else "",
           passed=(t_counts < 0.5 and t_counts / t_sql <= 2) if is_max and not quick else None)
    record(f"crosstab by region_type ({size})", t_cross, "s", baseline=t_cross_sql, ratio=t_cross / t_cross_sql,
           target="< 0.5 s, <= 2 x SQL" if is_max else "",
           passed=(t_cross < 0.5 and t_cross / t_cross_sql <= 2) if is_max and not quick else None)
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


def bench_peer(work: Path, cfg: dict, quick: bool) -> None:
    """The report on a corpus shaped like a peer benchmark's: long interviews (6,000 words),
    a flat codebook of 25 codes, 50 codings per interview on whole respondent turns."""
    corpus = work / "peer"
    corpus.mkdir()
    codebook = corpus / "flat.yaml"
    codes = flat_codebook(codebook, cfg["peer_codes"])
    generate(corpus, cfg["peer_docs"], cfg["peer_words"], 50, seed=17, codes=codes, whole_turns=True)
    db = work / "peer.db"
    measured("sto_qual", "init", "--project", str(db), "--codebook", str(codebook))
    measured("sto_qual", "import", "--project", str(db), str(corpus / "docs"), "--attributes",
             str(corpus / "attributes.csv"))
    measured("sto_qual", "codings-import", "--project", str(db), str(corpus / "codings"))
    codings = sqlite3.connect(db).execute("SELECT count(*) FROM codings").fetchone()[0]
    size = f"{cfg['peer_docs']} docs x {cfg['peer_words']} words, {cfg['peer_codes']} flat codes, {codings:,} codings"
    rep = measured("sto_qual", "report", "--project", str(db), "-o", str(work / "peer.docx"))
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


def print_table() -> None:
    cols = ["figure", "value", "unit", "baseline", "ratio", "target", "pass"]
    cells = [[("" if r[c] is None else ("yes" if r[c] is True else "NO" if r[c] is False else str(r[c])))
              for c in cols] for r in ROWS]
    widths = [max(len(c), *(len(x[i]) for x in cells)) for i, c in enumerate(cols)]
    print("| " + " | ".join(c.ljust(w) for c, w in zip(cols, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes for CI (seconds); targets not judged")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    ap.add_argument("--keep", type=Path, default=None, help="keep the generated projects in this folder")
    ap.add_argument("--skip-tui", action="store_true")
    ap.add_argument("--only", choices=["all", "report"], default="all",
                    help="report: only the report figures (1,000 interviews and the peer-shaped corpus)")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    work = args.keep or Path(tempfile.mkdtemp(prefix="sto-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("STO_QUAL_HOME", str(work / "home"))
    t0 = time.perf_counter()
    try:
        if args.only == "report":
            cfg = {**cfg, "scale": cfg["scale"][-1:], "report_only": True}
            build_scaled(work, cfg, args.quick)
            bench_peer(work, cfg, args.quick)
        else:
            bench_import(work, cfg, args.quick)
            db = build_scaled(work, cfg, args.quick)
            bench_peer(work, cfg, args.quick)
            bench_startup(db, cfg, args.quick)
            bench_apply(db, cfg, args.quick)
            if not args.skip_tui:
                bench_tui(work, args.quick)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    record("whole benchmark run", time.perf_counter() - t0, "s", target="< 15 min" if not args.quick else "",
           passed=None if args.quick else time.perf_counter() - t0 < 900)
    print_table()
    if args.json:
        args.json.write_text(json.dumps(ROWS, indent=2), encoding="utf-8")
    failed = [r for r in ROWS if r["pass"] is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
