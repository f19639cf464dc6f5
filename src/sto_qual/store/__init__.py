"""The project store: the only package that speaks SQL."""
from sto_qual.store.db import check_backup, copy_database, file_holds_document, open_database, refuse_empty_path
from sto_qual.store.migrations import SCHEMA_VERSION
from sto_qual.store.project_store import ProjectStore

__all__ = ["ProjectStore", "open_database", "SCHEMA_VERSION", "check_backup", "copy_database", "file_holds_document",
           "refuse_empty_path"]
