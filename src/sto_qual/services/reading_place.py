"""Where a coder left off in the Coder: the document she read last and, per document, the
sentence her cursor was on, kept in the project (per coder) so the next session opens there.
A coder who reopened the workbench (after a crash, or the next morning) started on sentence 1
of the first interview and had to find her place again."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.project import Project

PLACE = "reading_place"
KEPT_DOCUMENTS = 200  # the places kept, the most recent ones


def _record(ws: Project, coder: str) -> dict[str, Any]:
    value = ws.session.view_choice(coder, PLACE)
    return value if isinstance(value, dict) else {}


def last_document(ws: Project, coder: str) -> int | None:
    """The document ``coder`` read last in the Coder, while the project still has it."""
    doc = _record(ws, coder).get("doc")
    return doc if isinstance(doc, int) and ws.document_exists(doc) else None


def place_in(ws: Project, coder: str, doc_id: int) -> int | None:
    """The offset of the sentence ``coder`` was on in this document, if she read it before."""
    at = _record(ws, coder).get("at") or {}
    offset = at.get(str(doc_id)) if isinstance(at, dict) else None
    return offset if isinstance(offset, int) and offset >= 0 else None


def keep_place(ws: Project, coder: str, doc_id: int, offset: int) -> None:
    """Keep where ``coder`` is: this document, at this offset (the most recent places are kept)."""
    record = _record(ws, coder)
    at = {k: v for k, v in (record.get("at") or {}).items() if k != str(doc_id)}
    at[str(doc_id)] = int(offset)
    ws.session.keep_view_choice(coder, PLACE, {"doc": doc_id, "at": dict(list(at.items())[-KEPT_DOCUMENTS:])})
