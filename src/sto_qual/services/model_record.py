"""The suggestion model a project keeps (a project setting): its key, and forgetting it when
an interview it learned from is deleted. Training and applying it are ``suggest_training``'s;
deleting a document (``documents``) needs only this."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store import ProjectStore

MODEL_SETTING = "suggest_model"    # the newest model and what it learned from (project setting)


def forget_model_of(store: ProjectStore, doc_id: int) -> bool:
    """A deleted interview leaves nothing in the project: the kept model, when it learned from
    that interview (its weights are hashed features of the interview's words), is dropped, and
    the next ``suggest`` learns again and says why. True when one was dropped."""
    record = store.settings.get(MODEL_SETTING)
    if not (isinstance(record, dict) and doc_id in record.get("documents", ())):
        return False
    store.settings.set(MODEL_SETTING, {"forgotten": "an interview the model learned from was deleted"})
    return True
