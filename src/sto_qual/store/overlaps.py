"""Which sentence units each coding overlaps, computed in SQLite.

A project's units never overlap one another (a unit is a sentence within one line of one
turn), so the units a coding [start, end) touches are those from the last unit starting
at or before ``start`` up to the last one starting before ``end``: one index seek and a
short range on ``idx_units_span`` per coding, instead of a scan of the document's units.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sto_qual.store.records import UnitCode, UnitCoding

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store.project_store import ProjectStore


# each coding with the units it overlaps; CROSS: codings outside, so each finds its units by a seek
_UNITS_OF_CODINGS = """
    FROM codings k CROSS JOIN units u
      ON u.document_id = k.document_id
     AND u.start >= coalesce((SELECT max(f.start) FROM units f
                              WHERE f.document_id = k.document_id AND f.start <= k.start), 0)
     AND u.start < k."end" AND u."end" > k.start"""


def unit_codes(store: ProjectStore, *, coder_ids: Sequence[int] | None = None,
               doc_ids: Sequence[int] | None = None) -> list[UnitCode]:
    """Distinct (document id, unit id, code id, coder id): the coder has a coding of the code
    overlapping the unit (who coded it is kept: a co-occurrence is one coder's)."""
    where, params = "", []
    if coder_ids is not None:
        where = f"WHERE k.coder_id IN ({','.join('?' * len(coder_ids))})"
        params = list(coder_ids)
    rows = store.conn.execute(f"SELECT DISTINCT k.document_id, u.id, k.code_id, k.coder_id {_UNITS_OF_CODINGS} {where}",
                              params).fetchall()
    if doc_ids is not None:  # an attribute filter: rare, and the join costs the same either way
        keep = set(doc_ids)
        rows = [r for r in rows if r[0] in keep]
    return list(map(UnitCode._make, rows))


def unit_codings(store: ProjectStore, code_ids: Sequence[int], *, coder_ids: Sequence[int] | None = None
                 ) -> list[UnitCoding]:
    """Each coding of ``code_ids`` (of ``coder_ids``) with each sentence unit it overlaps, by the seek of
    ``unit_codes``: the sentences behind a co-occurrence, and whose codings make it."""
    if not code_ids:
        return []
    where, params = f"WHERE k.code_id IN ({','.join('?' * len(code_ids))})", list(code_ids)
    if coder_ids is not None:
        where += f" AND k.coder_id IN ({','.join('?' * len(coder_ids))})"
        params += list(coder_ids)
    rows = store.conn.execute(f'SELECT k.document_id, u.id, u.start, u."end", k.code_id, k.coder_id, k.id '
                              f"{_UNITS_OF_CODINGS} {where} ORDER BY k.document_id, u.start, k.id", params).fetchall()
    return list(map(UnitCoding._make, rows))
