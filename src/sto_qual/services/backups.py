"""Which copies of a document exist beside the project (before ``delete-doc`` asks)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sto_qual.store.backups import files_holding_document

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def document_copies(ws: Workspace, ref: str | int) -> tuple[list[Path], list[Path]]:
    """(sto_qual's automatic backups, other files) beside the project holding this document."""
    if ws.store.path is None:
        return [], []
    doc_id, _ = ws.store.documents.find(ref)
    return files_holding_document(ws.store.path, ws.store.documents.meta(doc_id)["content_hash"])
