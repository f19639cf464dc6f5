"""Run ``python -m sto_qual ARGS`` (or a bench helper) in this process and report wall time,
CPU time and peak RSS (this process, and the largest of its worker processes) as JSON on
the last line of stderr. Used by bench/run.py for whole commands."""
from __future__ import annotations

import json
import resource
import runpy
import sys
import time

if __name__ == "__main__":
    target, args = sys.argv[1], sys.argv[2:]
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
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes (import), if any
    # ru_maxrss survives exec on Linux, so it can be the benchmark runner's size at fork;
    # VmHWM belongs to this program's own address space
    rss_mb = me.ru_maxrss / 1024
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            rss_mb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):  # pragma: no cover - not Linux
        pass
    sys.stderr.write("\n" + json.dumps({
        "wall": wall, "rss_mb": rss_mb, "exit": code,
        "cpu": me.ru_utime + me.ru_stime, "children_cpu": kids.ru_utime + kids.ru_stime,
        "children_rss_mb": kids.ru_maxrss / 1024}) + "\n")
    sys.exit(code)
