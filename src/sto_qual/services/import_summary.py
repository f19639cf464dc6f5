"""What an import did, file by file: the summary every import returns (files, folders,
survey answers, REFI-QDA projects) and the pipeline fills in as it goes."""
from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportSummary:
    imported: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # a folder's tables that no option named: not read, said as notes ({file, reason})
    not_read: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said on stderr as "note: ...", not a problem
    # document id -> (source file, its front-matter keys), for the note on a misspelt key
    front_matter: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.refused

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "skipped": self.skipped, "refused": self.refused,
                "warnings": self.warnings, "not_read": self.not_read,
                "notes": self.notes}


def attribute_command(doc: str, values: Mapping[str, Any], clear: Sequence[str] = ()) -> str:
    """The `sto-qual attribute` command an import note gives: it sets ``values`` on ``doc`` and
    takes ``clear`` off (a misspelt key), keeping the document and its codings."""
    # a key with a space ("Regio type") quoted as a shell needs it
    parts = [shlex.quote(f"{k}={v}") if " " in k else f"{k}={shlex.quote(str(v))}" for k, v in values.items()] \
        + [f"--clear {shlex.quote(k)}" for k in clear]
    return f"`sto-qual attribute {shlex.quote(doc)} {' '.join(parts)}`"
