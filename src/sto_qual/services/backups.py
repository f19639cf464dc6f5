"""Which copies of a document exist beside the project (before ``delete-doc`` asks)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sto_qual.store.backups import files_holding_document

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store import ProjectStore


def store_copies(store: ProjectStore, ref: str | int) -> tuple[list[Path], list[Path]]:
    """(sto_qual's automatic backups, other files) beside the project holding this document."""
    if store.path is None:
        return [], []
    doc_id, _ = store.documents.find(ref)
    return files_holding_document(store.path, store.documents.meta(doc_id)["content_hash"])
