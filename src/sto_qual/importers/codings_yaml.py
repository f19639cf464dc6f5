"""Codings files: codings anchored by their quoted text (and occurrence), not by offsets.

    document: R03            # document name
    coder: onderzoeker-a     # default coder for the entries
    codings:
      - code: urgentie/docententekort
        quote: "Het tekort aan technische docenten ..."
        occurrence: 2        # the n-th occurrence of the quote (1-based); needed when
                             # the quote occurs more than once in the document
        memo: "..."          # optional
        starred: true        # optional
        coder: onderzoeker-b # optional, overrides the file's coder

A file may also hold ``documents:``, a list of such mappings.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sto_qual.domain.errors import CodingsFileError
from sto_qual.domain.model import AnchoredCoding
from sto_qual.importers import safe_yaml
from sto_qual.importers.decode import decode, read_bytes

_DOC_KEYS = {"document", "coder", "codings"}
_ITEM_KEYS = {"code", "quote", "occurrence", "memo", "starred", "coder"}


def parse_codings_file(path: str | Path) -> list[AnchoredCoding]:
    path = Path(path)
    name = str(path)
    data = safe_yaml.load(decode(read_bytes(path, limit=10 * 1024 * 1024), name), name, CodingsFileError,
                          free_text=frozenset({"quote", "memo"}),
                          valued=frozenset({"quote", "memo", "code", "document", "coder"}))
    if isinstance(data, dict) and "documents" in data:
        blocks = data["documents"]
    else:
        blocks = [data]
    if not isinstance(blocks, list):
        raise CodingsFileError("'documents' must be a list", file=name, line=1)
    out: list[AnchoredCoding] = []
    for block in blocks:
        out.extend(_block(block, name))
    return out


def _block(block: Any, name: str) -> list[AnchoredCoding]:
    if not isinstance(block, dict):
        raise CodingsFileError("expected a mapping with document, coder and codings", file=name, line=1)
    kl = block.get("__keylines__", {})
    for key in block:
        if not key.startswith("__") and key not in _DOC_KEYS:
            raise CodingsFileError(f"unknown key '{key}'", file=name, line=kl.get(key),
                                   hint="allowed: document, coder, codings")
    doc = block.get("document")
    if not isinstance(doc, (str, int)) or not str(doc).strip():
        raise CodingsFileError("missing 'document' (the document name)", file=name, line=block.get("__line__"))
    doc_line = kl.get("document", block.get("__line__"))
    coder = block.get("coder")
    items = block.get("codings") or []
    if not isinstance(items, list):
        raise CodingsFileError("'codings' must be a list", file=name, line=kl.get("codings"))
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise CodingsFileError("each coding needs 'code' and 'quote'", file=name, line=kl.get("codings"))
        ln = item.get("__line__")
        ikl = item.get("__keylines__", {})
        for key in item:
            if not key.startswith("__") and key not in _ITEM_KEYS:
                raise CodingsFileError(f"unknown key '{key}'", file=name, line=ikl.get(key, ln),
                                       hint=f"allowed: {', '.join(sorted(_ITEM_KEYS))}")
        code, quote = item.get("code"), item.get("quote")
        if isinstance(quote, (int, float)) and not isinstance(quote, bool):  # "quote: 2025": the year said
            quote = str(quote)
        if not isinstance(code, str) or not code.strip():
            raise CodingsFileError("coding without 'code'", file=name, line=ln)
        if not isinstance(quote, str) or not quote.strip():
            raise CodingsFileError("coding without 'quote'" if quote in (None, "") else "a quote must be text",
                                   file=name, line=ikl.get("quote", ln))
        occ = item.get("occurrence")  # None: not given (the quote must then occur once)
        if "occurrence" in item and (not isinstance(occ, int) or isinstance(occ, bool) or not 1 <= occ <= 1_000_000):
            raise CodingsFileError(f"occurrence must be a positive whole number, not {occ!r}", file=name,
                                   line=ikl.get("occurrence", ln))
        memo = item.get("memo")
        if memo is not None and not isinstance(memo, (str, int, float)):  # a list was stored as "['a', 'b']"
            raise CodingsFileError("a memo must be text (one value, not a list)", file=name,
                                   line=ikl.get("memo", ln), hint="write it on one line, or as a block after 'memo: |'")
        starred = item.get("starred", False)
        if not isinstance(starred, bool):
            raise CodingsFileError("starred must be true or false", file=name, line=ikl.get("starred", ln))
        out.append(AnchoredCoding(document=str(doc).strip(), code=code.strip(), quote=quote, occurrence=occ,
                                  coder=str(item.get("coder") or coder or "") or None,
                                  memo=str(memo) if memo is not None else None, starred=starred,
                                  line=ikl.get("quote", ln), document_line=doc_line, code_line=ikl.get("code", ln),
                                  coder_line=ikl.get("coder") if item.get("coder") else kl.get("coder")))
    return out
