"""Use cases. ``Workspace`` is the one facade the CLI and the TUI talk to."""
from sto_qual.services.workspace import ImportSummary, Workspace

__all__ = ["Workspace", "ImportSummary"]
