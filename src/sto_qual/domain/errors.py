"""Errors a user can cause. Each renders as one line: where, what, what to do."""
from __future__ import annotations


class StoQualError(Exception):
    """Base class for every error the CLI shows as one line (exit code 1)."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}"
            if self.line:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ProjectError(StoQualError):
    """The project file is missing, unreadable, too new, or already exists."""


class CodebookError(StoQualError):
    """A codebook file or codebook operation is invalid."""


class ImportRefused(StoQualError):
    """A source file cannot be imported; the project is unchanged."""


class UnknownDocument(StoQualError):
    """No document matches the given id or name."""


class UnknownCode(StoQualError):
    """No code (or more than one) matches the given path or name."""


class SpanError(StoQualError):
    """A span is empty, reversed or outside the document text."""


class CodingsFileError(StoQualError):
    """A codings file cannot be applied (quote not found, bad key, ...)."""


class NothingToDo(StoQualError):
    """Undo/redo with an empty history, accept of an unknown suggestion, ..."""


class ExportError(StoQualError):
    """An export could not be written."""


class StaleChange(StoQualError):
    """An undo/redo step or an edit refers to a row that changed or vanished since."""


class MemoChanged(StaleChange):
    """A memo was changed elsewhere (another window, a command, another coder) since the editor
    opened it: nothing was written. ``current`` is the memo as it reads now ("" for none)."""

    def __init__(self, what: str, current: str | None) -> None:
        short = " ".join((current or "").split())
        super().__init__(f"{what} was changed elsewhere since it was opened; nothing was saved",
                         hint=f"it now reads “{short[:120]}{'…' if len(short) > 120 else ''}”" if short
                         else "it is now empty")
        self.current = current or ""
