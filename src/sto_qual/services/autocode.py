"""Code every sentence a search finds at once (`search QUERY --code CODE`), MAXQDA's autocode of search hits: a
researcher from MAXQDA and NVivo coded her hits one by one in a script. Each sentence is coded as the workbench's
number keys code it (``widen``: inside her coding of the code it keeps that coding, next to it in the same turn it
grows it, so sentences found in a row are one coding); all of it is one undo step."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain import history
from sto_qual.domain.errors import StoQualError

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project


def code_hits(ws: Project, spans: Sequence[tuple[int, int, int]], code: str, coder: str | None = None
              ) -> dict[str, Any]:
    """Code each (document id, start, end) with ``code`` as ``coder``, in one transaction and one undo step:
    ``codings`` (the codings that hold them, each once, in text order), ``coded`` (sentences newly coded),
    ``already`` (sentences her coding of the code held already), ``new`` (codings made), ``grown`` (codings of
    hers that grew over a sentence next to them; a tester read "1 coding" of a sentence that joined her coding) and
    ``joined`` (codings of hers a sentence between two joined into the other, gone as codings of their own)."""
    name = ws.session.resolve_coder(coder)
    path = ws.code(code).path
    try:
        before = {c.id for c in ws.codings(code=path, coder=name, include_subcodes=False)}
    except StoQualError:  # a coder new to the project: none of hers
        before = set()
    got = []
    with ws.store.transaction():
        with ws.store.history.collected() as steps:
            for doc_id, start, end in sorted(spans):
                got.append(ws.coding_service.applied(doc_id, code, start=start, end=end, coder=name, widen=True))
        if steps:
            ws.store.history.push(steps[0][0], history.joined_steps([a for _who, a in steps]))
    held = []
    for i in dict.fromkeys(c.id for c, _new in got):
        try:
            held.append(ws.coding(i))
        except StoQualError:  # joined into another coding by a later sentence: that one holds it
            continue
    coded = {c.id for c, new in got if new}
    docs = len({doc for (doc, _s, _e), (_c, new) in zip(sorted(spans), got) if new})  # where sentences were coded
    after = {c.id for c in ws.codings(code=path, coder=name, include_subcodes=False)} if got else set()
    return {"codings": sorted(held, key=lambda c: (c.document_id, c.start)), "coded": sum(1 for _c, new in got if new),
            "already": sum(1 for _c, new in got if not new), "new": len({c.id for c in held} - before),
            "grown": len((coded & before) & {c.id for c in held}), "joined": len(before - after), "interviews": docs}
