"""Run ``python -m sto_qual ARGS`` (or a bench helper) in this process and report wall time
and peak RSS as JSON on the last line of stderr. Used by bench/run.py for whole commands."""
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
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss_mb = usage.ru_maxrss / 1024
    # CPU seconds of the process: on a shared machine wall time includes waiting for a core
    cpu = usage.ru_utime + usage.ru_stime
    sys.stderr.write("\n" + json.dumps({"wall": wall, "cpu": cpu, "rss_mb": rss_mb, "exit": code}) + "\n")
    sys.exit(code)
