"""A process that holds a project the way the TUI does (two stores: the UI's and a worker's)
and codes on command, for the data-safety tests and bench/soak.py.

    python holder_worker.py PROJECT     then lines on stdin: "code" | "exit"

Prints "ready" once both stores are open and "saved ID" for every coding it committed.
"""
from __future__ import annotations

import sys


def main() -> None:
    from sto_qual.services import Workspace
    project = sys.argv[1]
    ui = Workspace.open(project)
    worker = Workspace.open(project)  # the Dashboard's worker opens a second store
    worker.info()
    doc = ui.documents()[0].id
    n = len(ui.document_text(doc))
    paths = [c.path for c in ui.codebook()]
    print("ready", flush=True)
    i = 0
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "code":
            s = (i * 37) % (n - 60)
            c = ui.assign_code(doc, paths[i % len(paths)], start=s, end=s + 40, coder="tui")
            i += 1
            print(f"saved {c.id}", flush=True)
        elif cmd == "exit":
            break


if __name__ == "__main__":
    main()
