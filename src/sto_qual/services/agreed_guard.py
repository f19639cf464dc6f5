"""What an agreed coding may change: its own codings only. In a consensus meeting the two coders'
codings are what its reliability and its list of differences are measured on."""
from __future__ import annotations

import shlex
from collections.abc import Sequence

from sto_qual.domain.errors import StoQualError
from sto_qual.services.agreed import AGREED_SETTING


def _holds(store, coder: str, doc: str, code: str, span: tuple[int, int]) -> bool:
    """Whether ``coder`` has a coding of ``code`` in ``doc`` that overlaps ``span`` (as `uncode` finds them)."""
    coder_id = store.coders.by_name(coder)
    return coder_id is not None and bool(store.codings.find(store.documents.find(doc)[0], store.codes.find(code).id,
                                                             coder_id, *span))


def refuse_source_change(store, acting: str, owners: Sequence[tuple[int, str]], doc: str = "", code: str = "",
                         span: tuple[int, int] | None = None) -> None:
    """Refuse a change that agreed coder ``acting`` would make to codings of the two coders it is
    made from (``owners``: (coding id, its coder)): in a consensus meeting the agreed coding
    changes only its own codings, and theirs are what its reliability and its list of
    differences are measured on. A change by anyone else passes."""
    entry = (store.settings.get(AGREED_SETTING) or {}).get(acting)
    if not isinstance(entry, dict):
        return
    sources = {n.casefold() for n in entry.get("from", ())}
    hit = [(cid, who) for cid, who in owners if who.casefold() in sources]
    if not hit:
        return
    cid, who = hit[0]
    a, b = entry["from"]
    if code and span and not _holds(store, acting, doc, code, span):  # (its uncode said "no coding … there")
        yours = (f"{acting} holds no coding of {code} on that passage, so there is nothing of it to take off "
                 f"(`sto-qual codings --coder {shlex.quote(acting)} --doc {shlex.quote(doc)}` lists what it holds)")
    elif code and span:  # a removal: the agreed coding's own coding of that passage is what goes
        yours = (f"to take the code off that passage in {acting}: `sto-qual uncode --doc {shlex.quote(doc)} --code "
                 f"{code} --start {span[0]} --end {span[1]} --coder {shlex.quote(acting)}`")
    else:
        yours = f"{acting}'s own codings there: `sto-qual codings --coder {shlex.quote(acting)}" + (
            f" --doc {shlex.quote(doc)}`" if doc else "`")
    raise StoQualError(f"#{cid} is {who}'s coding, and {acting} is the agreed coding made from {a}'s and {b}'s: "
                       f"it changes only its own codings; nothing was changed",
                       hint=f"{yours}; {who} changes her own coding with --coder {who}")
