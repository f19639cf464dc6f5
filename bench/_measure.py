"""Run ``python -m sto_qual ARGS`` (or a bench helper) in this process and report wall time,
CPU time and peak RSS (this process, and the largest of its worker processes) as JSON on
the last line of stderr. Used by bench/run.py for whole commands; its ``--quick`` mode calls
``measure`` in its own process instead (one interpreter, spaCy loaded once)."""
from __future__ import annotations

import contextlib
import io
import json
import resource
import runpy
import sys
import time


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def measure(target: str, args: list[str], *, since_start: bool = True) -> dict:
    """Run ``target`` (``sto_qual`` or a script's path) with ``args`` here; its exit code, wall
    time, CPU time (of the whole process when ``since_start``, else of this call) and peak RSS."""
    cpu0 = 0.0 if since_start else _cpu(resource.RUSAGE_SELF)
    kids0 = 0.0 if since_start else _cpu(resource.RUSAGE_CHILDREN)
    argv = sys.argv
    t0 = time.perf_counter()
    code = 0
    try:
        if target == "sto_qual":
            sys.argv = ["sto-qual", *args]
            runpy.run_module("sto_qual", run_name="__main__")
        else:
            sys.argv = [target, *args]
            runpy.run_path(target, run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
    wall = time.perf_counter() - t0
    cpu = _cpu(resource.RUSAGE_SELF) - cpu0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes (import), if any
    # ru_maxrss survives exec on Linux, so it can be the benchmark runner's size at fork;
    # VmHWM belongs to this program's own address space
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            rss_mb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):  # pragma: no cover - not Linux
        pass
    return {"wall": wall, "rss_mb": rss_mb, "exit": code,
            "cpu": cpu, "children_cpu": kids.ru_utime + kids.ru_stime - kids0,
            "children_rss_mb": kids.ru_maxrss / 1024}


def measure_here(target: str, args: list[str]) -> dict:
    """``measure`` of this call alone, its output kept out of the benchmark's table: the stats
    with ``stdout``; a RuntimeError (with the exit code and the ends of stderr and stdout, where
    ``--format json`` commands report what they refused) when the command failed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        stats = measure(target, args, since_start=False)
    if stats["exit"] != 0:
        raise RuntimeError(f"{target} {' '.join(args)} failed (exit {stats['exit']}): "
                           f"{err.getvalue()[-2000:]}{out.getvalue()[-2000:]}")
    stats["stdout"] = out.getvalue()
    return stats


if __name__ == "__main__":
    stats = measure(sys.argv[1], sys.argv[2:])
    sys.stderr.write("\n" + json.dumps(stats) + "\n")
    sys.exit(stats["exit"])
