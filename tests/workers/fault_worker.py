"""A worker process for the fault tests. It does one kind of work in a loop and prints a
line for every unit of work the tool has reported as saved (flushed), so the parent can
kill it with SIGKILL at any moment and check that nothing it reported is lost.

    python fault_worker.py KIND PROJECT [ARGS...]
"""
from __future__ import annotations

import random
import sys
from pathlib import Path


def main() -> None:
    kind, project = sys.argv[1], sys.argv[2]
    from sto_qual.services import Workspace
    if kind == "migrate":
        # a slow extra migration, killed half-way: it must leave no trace
        from sto_qual.store import migrations as dbmod

        def m950_slow_backfill(db):
            db.execute("CREATE TABLE backfill (i INTEGER)")
            for i in range(10**9):
                db.execute("INSERT INTO backfill VALUES (?)", (i,))
                if i == 2000:
                    print("migrating", flush=True)
        dbmod.MIGRATIONS.append(m950_slow_backfill)
        Workspace.open(project)
        return
    ws = Workspace.open(project)
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    print("ready", flush=True)
    if kind == "codings":
        docs = [(d.id, len(ws.document_text(d.id))) for d in ws.documents()]
        paths = [c.path for c in ws.codebook()]
        while True:
            d, n = rng.choice(docs)
            s = rng.randrange(0, n - 50)
            c = ws.assign_code(d, rng.choice(paths), start=s, end=s + rng.randint(5, 50), coder="worker")
            print(f"saved {c.id}", flush=True)
    elif kind == "import":
        for f in sorted(Path(sys.argv[4]).glob("*.txt")):
            summary = ws.import_files([f])
            for item in summary.imported:
                print(f"saved {item['document']}", flush=True)
    elif kind == "merge":
        # merge sub-codes into their parent one after another
        for c in [c for c in ws.codebook() if c.parent is not None]:
            ws.merge_codes(c.path, c.parent)
            print(f"saved {c.path}", flush=True)
    elif kind == "export":
        out = Path(sys.argv[4])
        while True:
            ws.report(out)
            print("saved report", flush=True)


if __name__ == "__main__":
    main()
