"""sto_qual: code qualitative interviews in the terminal and turn them into a report chapter."""

__version__ = "0.1.0"
