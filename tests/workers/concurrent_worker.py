"""One coder process for the concurrency test: apply and remove codings through the
Workspace for a bounded time, then print what it did as JSON."""
import json
import random
import sys
import time

from sto_qual.domain.errors import StoQualError
from sto_qual.services import Workspace

project, coder, seconds, seed = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
ws = Workspace.open(project)
docs = [(d.id, len(ws.document_text(d.id))) for d in ws.documents()]
paths = [c.path for c in ws.codebook()]
added, removed, errors = [], [], []
end = time.time() + seconds
while time.time() < end:
    try:
        if added and rng.random() < 0.3:
            victim = added.pop(rng.randrange(len(added)))
            ws.remove_coding(victim, coder=coder)
            removed.append(victim)
        else:
            d, n = rng.choice(docs)
            s = rng.randrange(0, n - 60)
            cid = ws.assign_code(d, rng.choice(paths), start=s, end=s + 40, coder=coder).id
            if cid not in added:  # coding the same span with the same code again is the same coding
                added.append(cid)
    except StoQualError as exc:
        errors.append(str(exc))
print(json.dumps({"coder": coder, "kept": added, "removed": removed, "errors": errors}))
